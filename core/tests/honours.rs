//! Honours (荣誉): awards to the branch or to one of its people, every rule refused with nothing saved,
//! the list's filters, the trash, certificate scans, and the demo branch's honours.
mod common;

use chrono::Datelike;
use common::{add_ok, refused, refused_unsaved, tomorrow};
use ledger::attachments::{self, AttachmentKind, Owner};
use ledger::committee::{self, Position};
use ledger::honours::{self, Honour, HonourInput, HonourQuery, Level, RecipientKind};
use ledger::trash::{self, Kind};
use ledger::{demo, info, Field, Lang, Ledger, Result};

fn this_year() -> i32 {
    ledger::dates::today().year()
}

/// An honour of the branch.
fn of_branch(year: i32, title: &str, level: &str) -> HonourInput {
    HonourInput {
        year: Some(year),
        title: title.into(),
        level: level.into(),
        recipient_kind: "branch".into(),
        awarding_body: Some("中共清华大学委员会".into()),
        ..Default::default()
    }
}

/// An honour of a person on the roster.
fn of_person(year: i32, title: &str, person: i64) -> HonourInput {
    HonourInput {
        recipient_kind: "person".into(),
        person_id: Some(person),
        ..of_branch(year, title, "university")
    }
}

fn save(ledger: &mut Ledger, id: Option<i64>, input: &HonourInput) -> Result<i64> {
    ledger.write(|c| honours::save(c, id, input))
}

fn get(ledger: &Ledger, id: i64) -> Honour {
    honours::get(ledger.read(), id).unwrap()
}

fn titles(ledger: &Ledger, q: &HonourQuery) -> Vec<String> {
    honours::list(ledger.read(), q)
        .unwrap()
        .rows
        .into_iter()
        .map(|h| format!("{} {}", h.year, h.title))
        .collect()
}

#[test]
fn an_honour_of_the_branch_and_one_of_a_person_are_kept() {
    let (_dir, mut ledger) = common::open();
    let wu = add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    let input = HonourInput {
        awarded_on: Some("2019/6/28".into()),
        notes: Some("在首届支委的带领下获得".into()),
        ..of_branch(2019, " 先进党支部 ", "university")
    };
    let branch = save(&mut ledger, None, &input).unwrap();
    let h = get(&ledger, branch);
    assert_eq!(
        (
            h.year,
            h.awarded_on.as_deref(),
            h.title.as_str(),
            h.level,
            h.recipient_kind,
            h.person.as_deref(),
        ),
        (
            2019,
            Some("2019-06-28"),
            "先进党支部",
            Level::University,
            RecipientKind::Branch,
            None
        )
    );
    assert_eq!(h.awarding_body, "中共清华大学委员会");
    assert_eq!(h.notes, "在首届支委的带领下获得");

    let person = save(&mut ledger, None, &of_person(2019, "优秀党支部书记", wu)).unwrap();
    let h = get(&ledger, person);
    assert_eq!(
        (h.recipient_kind, h.person_id, h.person.as_deref()),
        (RecipientKind::Person, Some(wu), Some("吴华强"))
    );
    assert_eq!(h.awarded_on, None);
    assert_eq!(Level::University.label(Lang::Zh), "校级");
    assert_eq!(RecipientKind::Branch.label(Lang::Zh), "本支部");
}

#[test]
fn an_honour_of_the_branch_names_no_person_whatever_the_form_sent() {
    let (_dir, mut ledger) = common::open();
    let wu = add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    let input = HonourInput {
        person_id: Some(wu),
        ..of_branch(2019, "先进党支部", "university")
    };
    let id = save(&mut ledger, None, &input).unwrap();
    assert_eq!(get(&ledger, id).person_id, None);
    // Changing a person's honour into the branch's drops the person too.
    let id = save(&mut ledger, None, &of_person(2019, "优秀党支部书记", wu)).unwrap();
    save(&mut ledger, Some(id), &input).unwrap();
    let h = get(&ledger, id);
    assert_eq!(
        (h.recipient_kind, h.person_id),
        (RecipientKind::Branch, None)
    );
    // And the person may now go to the trash: nothing points at them any more.
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Person, wu))
        .unwrap();
}

#[test]
fn an_honour_is_changed_in_place() {
    let (_dir, mut ledger) = common::open();
    let id = save(
        &mut ledger,
        None,
        &of_branch(2018, "校级先进集体", "university"),
    )
    .unwrap();
    let changed = HonourInput {
        awarding_body: Some("北京市教育工委".into()),
        ..of_branch(2018, "北京高校先进基层党组织", "city")
    };
    assert_eq!(save(&mut ledger, Some(id), &changed).unwrap(), id);
    let h = get(&ledger, id);
    assert_eq!(
        (h.title.as_str(), h.level, h.awarding_body.as_str()),
        ("北京高校先进基层党组织", Level::City, "北京市教育工委")
    );
    assert_eq!(
        honours::list(ledger.read(), &HonourQuery::default())
            .unwrap()
            .total,
        1
    );
    refused_unsaved(&mut ledger, "not_found", None, |l| {
        save(l, Some(id + 100), &changed)
    });
}

#[test]
fn the_year_is_required_and_between_1950_and_this_year() {
    let (_dir, mut ledger) = common::open();
    let no_year = HonourInput {
        year: None,
        ..of_branch(2019, "先进党支部", "university")
    };
    refused_unsaved(&mut ledger, "required", Some(Field::Year), |l| {
        save(l, None, &no_year)
    });
    for year in [1949, this_year() + 1, 2100] {
        let err = refused_unsaved(&mut ledger, "out_of_range", Some(Field::Year), |l| {
            save(l, None, &of_branch(year, "先进党支部", "university"))
        });
        let message = err.message(Lang::Zh);
        assert!(
            message.contains("年度") && message.contains(&this_year().to_string()),
            "{message}"
        );
    }
    save(&mut ledger, None, &of_branch(1950, "先进党支部", "other")).unwrap();
    save(
        &mut ledger,
        None,
        &of_branch(this_year(), "先进党支部", "other"),
    )
    .unwrap();
}

#[test]
fn the_date_awarded_is_optional_but_real_past_and_within_the_year() {
    let (_dir, mut ledger) = common::open();
    let on = |year: i32, date: &str| HonourInput {
        awarded_on: Some(date.into()),
        ..of_branch(year, "先进党支部", "university")
    };
    refused_unsaved(&mut ledger, "bad_date", Some(Field::AwardedOn), |l| {
        save(l, None, &on(2019, "2019-02-30"))
    });
    refused_unsaved(&mut ledger, "future_date", Some(Field::AwardedOn), |l| {
        save(l, None, &on(this_year(), &tomorrow()))
    });
    let err = refused_unsaved(&mut ledger, "too_early", Some(Field::AwardedOn), |l| {
        save(l, None, &on(2019, "2018-12-31"))
    });
    assert!(err.message(Lang::Zh).contains("2019-01-01"));
    let err = refused_unsaved(&mut ledger, "too_late", Some(Field::AwardedOn), |l| {
        save(l, None, &on(2019, "2020-01-01"))
    });
    assert!(err.message(Lang::Zh).contains("2019-12-31"));
    // Empty text means no date.
    let id = save(&mut ledger, None, &on(2019, "  ")).unwrap();
    assert_eq!(get(&ledger, id).awarded_on, None);
}

#[test]
fn the_title_is_required_and_at_most_100_characters() {
    let (_dir, mut ledger) = common::open();
    let err = refused_unsaved(&mut ledger, "required", Some(Field::HonourTitle), |l| {
        save(l, None, &of_branch(2019, "   ", "university"))
    });
    assert_eq!(err.message(Lang::Zh), "请填写荣誉名称。");
    refused_unsaved(&mut ledger, "too_long", Some(Field::HonourTitle), |l| {
        save(l, None, &of_branch(2019, &"先".repeat(101), "university"))
    });
    save(
        &mut ledger,
        None,
        &of_branch(2019, &"先".repeat(100), "university"),
    )
    .unwrap();
}

#[test]
fn the_level_and_the_kind_of_recipient_must_be_known() {
    let (_dir, mut ledger) = common::open();
    refused_unsaved(&mut ledger, "required", Some(Field::Level), |l| {
        save(l, None, &of_branch(2019, "先进党支部", ""))
    });
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Level), |l| {
        save(l, None, &of_branch(2019, "先进党支部", "galactic"))
    });
    for (kind, code) in [("", "required"), ("team", "unknown_value")] {
        let input = HonourInput {
            recipient_kind: kind.into(),
            ..of_branch(2019, "先进党支部", "university")
        };
        refused_unsaved(&mut ledger, code, Some(Field::Recipient), |l| {
            save(l, None, &input)
        });
    }
    for level in Level::ALL {
        save(
            &mut ledger,
            None,
            &of_branch(2019, "先进党支部", level.code()),
        )
        .unwrap();
    }
}

#[test]
fn an_honour_of_a_person_needs_someone_on_the_roster() {
    let (_dir, mut ledger) = common::open();
    let nobody = HonourInput {
        person_id: None,
        ..of_person(2019, "优秀共产党员", 1)
    };
    let err = refused_unsaved(&mut ledger, "required", Some(Field::Awardee), |l| {
        save(l, None, &nobody)
    });
    assert_eq!(err.message(Lang::Zh), "请填写获奖人。");
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Awardee), |l| {
        save(l, None, &of_person(2019, "优秀共产党员", 999))
    });
    // Someone in the trash cannot be honoured.
    let li = add_ok(&mut ledger, "李婷", "full", "2017-03-01");
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Person, li))
        .unwrap();
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Awardee), |l| {
        save(l, None, &of_person(2019, "优秀共产党员", li))
    });
}

#[test]
fn the_awarding_body_and_the_notes_have_limits() {
    let (_dir, mut ledger) = common::open();
    let body = HonourInput {
        awarding_body: Some("党".repeat(101)),
        ..of_branch(2019, "先进党支部", "university")
    };
    refused_unsaved(&mut ledger, "too_long", Some(Field::AwardingBody), |l| {
        save(l, None, &body)
    });
    let notes = HonourInput {
        notes: Some("注".repeat(2001)),
        ..of_branch(2019, "先进党支部", "university")
    };
    refused_unsaved(&mut ledger, "too_long", Some(Field::Notes), |l| {
        save(l, None, &notes)
    });
    let empty = HonourInput {
        awarding_body: None,
        ..of_branch(2019, "先进党支部", "university")
    };
    let id = save(&mut ledger, None, &empty).unwrap();
    assert_eq!(get(&ledger, id).awarding_body, "");
}

#[test]
fn the_list_is_newest_first_and_filters_by_year_level_and_text() {
    let (_dir, mut ledger) = common::open();
    let wu = add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    save(
        &mut ledger,
        None,
        &of_branch(2017, "开放服务集体奖", "university"),
    )
    .unwrap();
    let dated = |date: &str, input: HonourInput| HonourInput {
        awarded_on: Some(date.into()),
        ..input
    };
    save(
        &mut ledger,
        None,
        &dated("2019-06-28", of_branch(2019, "先进党支部", "university")),
    )
    .unwrap();
    save(&mut ledger, None, &of_person(2019, "优秀党支部书记", wu)).unwrap();
    save(
        &mut ledger,
        None,
        &dated(
            "2019-12-20",
            HonourInput {
                awarding_body: Some("北京市教育工委".into()),
                ..of_branch(2019, "北京高校先进基层党组织", "city")
            },
        ),
    )
    .unwrap();
    save(
        &mut ledger,
        None,
        &of_branch(2020, "实验室管理与建设集体一等奖", "school"),
    )
    .unwrap();

    // By year, then by date where known (undated last), then the latest entered.
    assert_eq!(
        titles(&ledger, &HonourQuery::default()),
        [
            "2020 实验室管理与建设集体一等奖",
            "2019 北京高校先进基层党组织",
            "2019 先进党支部",
            "2019 优秀党支部书记",
            "2017 开放服务集体奖",
        ]
    );
    assert_eq!(honours::years(ledger.read()).unwrap(), [2020, 2019, 2017]);
    let year_2019 = HonourQuery {
        year: Some(2019),
        ..Default::default()
    };
    assert_eq!(titles(&ledger, &year_2019).len(), 3);
    let city = HonourQuery {
        level: Some("city".into()),
        ..Default::default()
    };
    assert_eq!(titles(&ledger, &city), ["2019 北京高校先进基层党组织"]);
    let university_2019 = HonourQuery {
        level: Some("university".into()),
        ..year_2019.clone()
    };
    assert_eq!(
        titles(&ledger, &university_2019),
        ["2019 先进党支部", "2019 优秀党支部书记"]
    );
    // Text is found in the title, the awarding body and the person's name.
    let text = |t: &str| HonourQuery {
        text: t.into(),
        ..Default::default()
    };
    assert_eq!(titles(&ledger, &text(" 集体 ")).len(), 2);
    assert_eq!(
        titles(&ledger, &text("教育工委")),
        ["2019 北京高校先进基层党组织"]
    );
    assert_eq!(titles(&ledger, &text("吴华强")), ["2019 优秀党支部书记"]);
    assert!(titles(&ledger, &text("国家")).is_empty());
    // An empty level is no filter; an unknown one is refused.
    let any = HonourQuery {
        level: Some(String::new()),
        ..Default::default()
    };
    assert_eq!(titles(&ledger, &any).len(), 5);
    let bad = HonourQuery {
        level: Some("galactic".into()),
        ..Default::default()
    };
    refused(honours::list(ledger.read(), &bad), "unknown_value");
}

#[test]
fn a_trashed_honour_leaves_the_list_and_comes_back() {
    let (_dir, mut ledger) = common::open();
    let wu = add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    let branch = save(
        &mut ledger,
        None,
        &of_branch(2019, "先进党支部", "university"),
    )
    .unwrap();
    let person = save(&mut ledger, None, &of_person(2019, "优秀党支部书记", wu)).unwrap();

    // Someone honoured stays on the roster while the honour is there.
    let err = refused(
        ledger.write(|c| trash::move_to_trash(c, Kind::Person, wu)),
        "in_use",
    );
    assert!(err.message(Lang::Zh).contains("1项荣誉"), "{err:?}");

    for id in [branch, person] {
        ledger
            .write(|c| trash::move_to_trash(c, Kind::Honour, id))
            .unwrap();
    }
    assert!(titles(&ledger, &HonourQuery::default()).is_empty());
    assert!(honours::years(ledger.read()).unwrap().is_empty());
    refused(honours::get(ledger.read(), branch), "not_found");
    let mut shown: Vec<String> = trash::list(ledger.read(), Lang::Zh)
        .unwrap()
        .into_iter()
        .filter(|i| i.kind == Kind::Honour)
        .map(|i| i.title)
        .collect();
    shown.sort();
    assert_eq!(shown, ["2019 优秀党支部书记（吴华强）", "2019 先进党支部"]);
    let en: Vec<String> = trash::list(ledger.read(), Lang::En)
        .unwrap()
        .into_iter()
        .map(|i| i.title)
        .collect();
    assert!(en.contains(&"2019 优秀党支部书记 (吴华强)".to_string()));
    // A trashed honour cannot be changed.
    refused_unsaved(&mut ledger, "not_found", None, |l| {
        save(l, Some(branch), &of_branch(2019, "先进党支部", "city"))
    });

    ledger
        .write(|c| trash::restore(c, Kind::Honour, branch))
        .unwrap();
    assert_eq!(
        titles(&ledger, &HonourQuery::default()),
        ["2019 先进党支部"]
    );
    ledger
        .write(|c| trash::purge(c, Kind::Honour, person))
        .unwrap();
    let left: i64 = ledger
        .read()
        .query_row("SELECT count(*) FROM honours", [], |r| r.get(0))
        .unwrap();
    assert_eq!(left, 1);
}

#[test]
fn a_certificate_scan_is_kept_with_its_honour() {
    let (_dir, mut ledger) = common::open();
    let id = save(
        &mut ledger,
        None,
        &of_branch(2019, "先进党支部", "university"),
    )
    .unwrap();
    let scan: Vec<u8> = (0..=255).cycle().take(50_000).collect();
    ledger
        .write(|c| attachments::add(c, Owner::Honour, id, "certificate", "证书.jpg", &scan))
        .unwrap();
    let listed = attachments::list(ledger.read(), Owner::Honour, id).unwrap();
    assert_eq!(
        (listed[0].kind, listed[0].file_name.as_str()),
        (AttachmentKind::Certificate, "证书.jpg")
    );
    assert_eq!(AttachmentKind::Certificate.label(Lang::Zh), "证书");
    assert_eq!(get(&ledger, id).attachments, 1);
    assert_eq!(Owner::parse("honour").unwrap(), Owner::Honour);
    // Not for an honour in the trash.
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Honour, id))
        .unwrap();
    refused_unsaved(&mut ledger, "not_found", None, |l| {
        l.write(|c| attachments::add(c, Owner::Honour, id, "certificate", "证书2.jpg", &scan))
    });
}

#[test]
fn the_demo_branch_has_its_honours() {
    let (_dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    let page = honours::list(ledger.read(), &HonourQuery::default()).unwrap();
    let all = page.rows;
    // The seed's: the branch's own two, its secretary's, and six collective awards of the platform.
    assert_eq!(all.len(), 9);
    assert_eq!(page.total, all.len() as i64);
    assert!(all.iter().all(|h| (2017..=2020).contains(&h.year)));
    let branch = all.iter().find(|h| h.title == "先进党支部").unwrap();
    assert_eq!(
        (
            branch.year,
            branch.level,
            branch.recipient_kind,
            branch.awarding_body.as_str()
        ),
        (
            2019,
            Level::University,
            RecipientKind::Branch,
            "中共清华大学委员会"
        )
    );
    // The 2019 secretary of the first committee is the one honoured.
    let secretary = all.iter().find(|h| h.title == "优秀党支部书记").unwrap();
    let terms = committee::list(ledger.read()).unwrap();
    let first = terms.iter().find(|t| t.ordinal == 1).unwrap();
    let seat = first
        .seats
        .iter()
        .find(|s| s.position == Position::Secretary)
        .unwrap();
    assert_eq!(
        (secretary.year, secretary.person.as_deref()),
        (2019, Some(seat.name.as_str()))
    );
    // The platform's collective awards are recorded as the unit's, not the branch's own.
    let of = |kind: RecipientKind| -> Vec<&str> {
        all.iter()
            .filter(|h| h.recipient_kind == kind)
            .map(|h| h.title.as_str())
            .collect()
    };
    assert_eq!(
        of(RecipientKind::Branch),
        ["党建标兵党支部创建单位", "先进党支部"]
    );
    assert_eq!(of(RecipientKind::Unit).len(), 6);
    assert!(of(RecipientKind::Unit).contains(&"开放服务集体奖"));
    assert!(all
        .iter()
        .filter(|h| h.recipient_kind == RecipientKind::Unit)
        .all(|h| h.person_id.is_none()));
    let counted = info::counts(ledger.read())
        .unwrap()
        .into_iter()
        .find(|c| c.table == "honours")
        .unwrap();
    assert_eq!((counted.live, counted.trashed), (all.len() as i64, 0));
}

#[test]
fn honours_page_in_sql_newest_first_with_a_total() {
    let (_dir, mut ledger) = common::open();
    let mut added = Vec::new();
    for year in 2016..=2020 {
        for level in ["university", "city", "national"] {
            let input = HonourInput {
                awarding_body: Some(format!("{level}委员会")),
                ..of_branch(year, &format!("{year}{level}"), level)
            };
            added.push(format!("{year} {year}{level}"));
            save(&mut ledger, None, &input).unwrap();
        }
    }
    // Newest year first; within a year (no dates) the last saved first.
    added.reverse();
    let all = honours::list(ledger.read(), &HonourQuery::default()).unwrap();
    assert_eq!((all.total, all.offset, all.rows.len()), (15, 0, 15));
    assert_eq!(titles(&ledger, &HonourQuery::default()), added);

    let mut joined = Vec::new();
    for offset in (0..15).step_by(4) {
        let q = HonourQuery {
            offset,
            limit: 4,
            ..Default::default()
        };
        let p = honours::list(ledger.read(), &q).unwrap();
        assert_eq!((p.total, p.offset), (15, offset));
        assert_eq!(p.rows.len(), if offset == 12 { 3 } else { 4 });
        joined.extend(titles(&ledger, &q));
    }
    assert_eq!(joined, added);

    let q = HonourQuery {
        level: Some("city".into()),
        limit: 2,
        offset: 2,
        ..Default::default()
    };
    let p = honours::list(ledger.read(), &q).unwrap();
    assert_eq!(p.total, 5);
    assert_eq!(titles(&ledger, &q), ["2018 2018city", "2017 2017city"]);

    // The form's awarding bodies come from every honour, not from the page shown.
    let mut bodies = honours::awarding_bodies(ledger.read()).unwrap();
    bodies.sort();
    assert_eq!(bodies, ["city委员会", "national委员会", "university委员会"]);
}
