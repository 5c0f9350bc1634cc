//! The roster: checks on a person's details, the admission path, transfers, and head counts over time.
mod common;

use common::{
    add, add_ok, add_transferred_in, change_stage, date, new_person, refused, snapshot, transfer,
};
use ledger::people::{self, Direction, PersonQuery, Stage, StageCounts};
use ledger::Ledger;

/// Tries to add `person` and asserts it is refused with `code`, leaving the ledger unchanged.
#[track_caller]
fn add_refused(ledger: &mut Ledger, person: &people::NewPerson, code: &str) {
    let before = snapshot(ledger);
    refused(add(ledger, person), code);
    assert_eq!(snapshot(ledger), before, "nothing may be saved");
}

/// Tries a stage change and asserts it is refused with `code`, leaving the ledger unchanged.
#[track_caller]
fn change_refused(ledger: &mut Ledger, id: i64, to: &str, on: &str, code: &str) {
    let before = snapshot(ledger);
    refused(change_stage(ledger, id, to, on), code);
    assert_eq!(snapshot(ledger), before, "nothing may be saved");
}

fn names(rows: &[people::PersonRow]) -> Vec<String> {
    rows.iter().map(|r| r.name.clone()).collect()
}

#[test]
fn a_person_needs_a_name() {
    let (_dir, mut ledger) = common::open();
    add_ok(&mut ledger, "李婷", "applicant", "2016-10-10");
    for blank in ["", "   ", "\t"] {
        add_refused(
            &mut ledger,
            &new_person(blank, "applicant", "2016-10-10"),
            "required",
        );
    }
    assert_eq!(people::counts(ledger.read()).unwrap().applicant, 1);
}

#[test]
fn names_are_trimmed() {
    let (_dir, mut ledger) = common::open();
    let id = add_ok(&mut ledger, "  李婷 ", "applicant", "2016-10-10");
    assert_eq!(people::get_row(ledger.read(), id).unwrap().name, "李婷");
}

#[test]
fn a_name_may_have_40_characters_but_not_41() {
    let (_dir, mut ledger) = common::open();
    add_refused(
        &mut ledger,
        &new_person(&"李".repeat(41), "applicant", "2016-10-10"),
        "too_long",
    );
    add_ok(&mut ledger, &"李".repeat(40), "applicant", "2016-10-10");
}

#[test]
fn an_impossible_birth_date_is_refused() {
    let (_dir, mut ledger) = common::open();
    let mut person = new_person("李婷", "applicant", "2016-10-10");
    person.details.birth_date = Some("2021-02-30".into());
    add_refused(&mut ledger, &person, "bad_date");
}

#[test]
fn dates_in_the_future_are_refused() {
    let (_dir, mut ledger) = common::open();
    let mut born_tomorrow = new_person("李婷", "applicant", "2016-10-10");
    born_tomorrow.details.birth_date = Some(common::tomorrow());
    add_refused(&mut ledger, &born_tomorrow, "future_date");
    add_refused(
        &mut ledger,
        &new_person("李婷", "applicant", &common::tomorrow()),
        "future_date",
    );

    let id = add_ok(&mut ledger, "李婷", "applicant", "2016-10-10");
    change_refused(
        &mut ledger,
        id,
        "activist",
        &common::tomorrow(),
        "future_date",
    );
}

#[test]
fn a_phone_number_with_letters_is_refused() {
    let (_dir, mut ledger) = common::open();
    let mut person = new_person("李婷", "applicant", "2016-10-10");
    person.details.phone = Some("abc".into());
    add_refused(&mut ledger, &person, "bad_phone");
    person.details.phone = Some("+86 138-0101-0008".into());
    add(&mut ledger, &person).unwrap();
}

#[test]
fn an_unknown_gender_is_refused() {
    let (_dir, mut ledger) = common::open();
    let mut person = new_person("李婷", "applicant", "2016-10-10");
    person.details.gender = Some("robot".into());
    add_refused(&mut ledger, &person, "unknown_value");
}

#[test]
fn a_stage_must_be_chosen_from_the_list() {
    let (_dir, mut ledger) = common::open();
    add_refused(
        &mut ledger,
        &new_person("李婷", "", "2016-10-10"),
        "required",
    );
    add_refused(
        &mut ledger,
        &new_person("李婷", "boss", "2016-10-10"),
        "unknown_value",
    );
    let id = add_ok(&mut ledger, "李婷", "applicant", "2016-10-10");
    change_refused(&mut ledger, id, " ", "2017-03-15", "required");
    change_refused(&mut ledger, id, "boss", "2017-03-15", "unknown_value");
}

#[test]
fn a_stage_change_cannot_come_before_the_previous_one() {
    let (_dir, mut ledger) = common::open();
    let id = add_ok(&mut ledger, "李婷", "applicant", "2016-10-10");
    change_refused(&mut ledger, id, "activist", "2016-10-09", "too_early");
    change_stage(&mut ledger, id, "activist", "2017-03-15").unwrap();
    change_refused(&mut ledger, id, "candidate", "2017-03-14", "too_early");
}

#[test]
fn the_admission_path_cannot_skip_a_stage() {
    let (_dir, mut ledger) = common::open();
    let id = add_ok(&mut ledger, "李婷", "activist", "2017-03-15");
    change_refused(&mut ledger, id, "probationary", "2017-12-25", "stage_order");
    change_refused(&mut ledger, id, "applicant", "2017-12-25", "stage_order");
}

#[test]
fn anyone_may_become_a_non_member() {
    let (_dir, mut ledger) = common::open();
    for stage in ["applicant", "activist", "candidate", "probationary", "full"] {
        let id = add_ok(&mut ledger, stage, stage, "2018-01-10");
        change_stage(&mut ledger, id, "non_member", "2019-01-10").unwrap();
        assert_eq!(
            people::get_row(ledger.read(), id).unwrap().stage,
            Stage::NonMember
        );
    }
}

#[test]
fn probation_lasts_exactly_one_year() {
    let (_dir, mut ledger) = common::open();
    let id = add_ok(&mut ledger, "杨帆", "probationary", "2019-06-27");
    change_refused(&mut ledger, id, "full", "2020-06-26", "too_early");
    change_stage(&mut ledger, id, "full", "2020-06-27").unwrap();
    let person = people::get_row(ledger.read(), id).unwrap();
    assert_eq!(
        (person.stage, person.stage_since.as_str()),
        (Stage::Full, "2020-06-27")
    );
}

#[test]
fn changing_to_the_current_stage_is_refused() {
    let (_dir, mut ledger) = common::open();
    let id = add_ok(&mut ledger, "李婷", "activist", "2017-03-15");
    change_refused(&mut ledger, id, "activist", "2017-06-01", "same_stage");
}

#[test]
fn someone_who_transferred_out_cannot_change_stage() {
    let (_dir, mut ledger) = common::open();
    let id = add_ok(&mut ledger, "马超", "probationary", "2018-09-03");
    transfer(&mut ledger, id, Direction::Out, "2019-07-15").unwrap();
    change_refused(&mut ledger, id, "full", "2019-09-03", "has_left");
    let before = snapshot(&ledger);
    refused(
        transfer(&mut ledger, id, Direction::Out, "2019-08-01"),
        "has_left",
    );
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn someone_in_the_branch_cannot_transfer_in() {
    let (_dir, mut ledger) = common::open();
    let id = add_ok(&mut ledger, "李婷", "full", "2018-12-26");
    let before = snapshot(&ledger);
    refused(
        transfer(&mut ledger, id, Direction::In, "2019-01-10"),
        "already_in",
    );
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn a_transfer_cannot_come_before_the_last_stage_change() {
    let (_dir, mut ledger) = common::open();
    let id = add_ok(&mut ledger, "李婷", "full", "2018-12-26");
    let before = snapshot(&ledger);
    refused(
        transfer(&mut ledger, id, Direction::Out, "2018-12-25"),
        "too_early",
    );
    assert_eq!(snapshot(&ledger), before);
}

/// A small branch: a member admitted step by step, a founder who transferred out in 2019, a member who
/// arrived by transfer in 2019, and a non-member.
fn small_branch(ledger: &mut Ledger) -> (i64, i64, i64) {
    let admitted = add_ok(ledger, "李婷", "applicant", "2018-01-10");
    for (to, on) in [
        ("activist", "2018-07-01"),
        ("candidate", "2019-01-15"),
        ("probationary", "2019-06-01"),
        ("full", "2020-06-01"),
    ] {
        change_stage(ledger, admitted, to, on).unwrap();
    }
    let founder = add_ok(ledger, "吴华强", "full", "2017-03-01");
    transfer(ledger, founder, Direction::Out, "2019-09-01").unwrap();
    let arrived = add_transferred_in(ledger, "胡明", "full", "2019-03-11");
    add_ok(ledger, "何静", "non_member", "2017-05-01");
    (admitted, founder, arrived)
}

fn counts(
    full: i64,
    probationary: i64,
    candidate: i64,
    activist: i64,
    non_member: i64,
) -> StageCounts {
    StageCounts {
        full,
        probationary,
        candidate,
        activist,
        non_member,
        ..Default::default()
    }
}

#[test]
fn head_counts_on_past_dates_follow_the_history() {
    let (_dir, mut ledger) = common::open();
    small_branch(&mut ledger);
    let on = |d: &str| people::counts_on(ledger.read(), date(d)).unwrap();
    assert_eq!(on("2016-12-31"), counts(0, 0, 0, 0, 0));
    assert_eq!(on("2017-12-31"), counts(1, 0, 0, 0, 1));
    assert_eq!(on("2018-12-31"), counts(1, 0, 0, 1, 1));
    // The day before the transfer in, and the day of it.
    assert_eq!(on("2019-03-10"), counts(1, 0, 1, 0, 1));
    assert_eq!(on("2019-03-11"), counts(2, 0, 1, 0, 1));
    assert_eq!(on("2019-06-30"), counts(2, 1, 0, 0, 1));
    // The founder left on 2019-09-01.
    assert_eq!(on("2019-12-31"), counts(1, 1, 0, 0, 1));
    assert_eq!(on("2020-12-31"), counts(2, 0, 0, 0, 1));
}

#[test]
fn todays_head_count_counts_who_left_apart() {
    let (_dir, mut ledger) = common::open();
    small_branch(&mut ledger);
    let today = people::counts(ledger.read()).unwrap();
    assert_eq!(
        today,
        StageCounts {
            left: 1,
            ..counts(2, 0, 0, 0, 1)
        }
    );
    assert_eq!(today.members(), 2);
}

#[test]
fn someone_who_left_and_came_back_is_counted_only_while_in_the_branch() {
    let (_dir, mut ledger) = common::open();
    let id = add_ok(&mut ledger, "王芳", "full", "2017-04-10");
    transfer(&mut ledger, id, Direction::Out, "2018-01-01").unwrap();
    transfer(&mut ledger, id, Direction::In, "2019-01-01").unwrap();
    let on = |d: &str| people::counts_on(ledger.read(), date(d)).unwrap().full;
    assert_eq!(
        (on("2017-06-01"), on("2018-06-01"), on("2019-06-01")),
        (1, 0, 1)
    );
    assert_eq!(people::counts(ledger.read()).unwrap().left, 0);
}

#[test]
fn stage_on_a_date_is_none_outside_the_branch() {
    let (_dir, mut ledger) = common::open();
    let (admitted, founder, arrived) = small_branch(&mut ledger);
    let stage = |id: i64, d: &str| people::stage_on(ledger.read(), id, date(d)).unwrap();
    assert_eq!(stage(admitted, "2018-01-09"), None);
    assert_eq!(stage(admitted, "2018-01-10"), Some(Stage::Applicant));
    assert_eq!(stage(admitted, "2018-07-01"), Some(Stage::Activist));
    assert_eq!(stage(admitted, "2020-05-31"), Some(Stage::Probationary));
    assert_eq!(stage(founder, "2019-08-31"), Some(Stage::Full));
    assert_eq!(stage(founder, "2019-09-01"), None);
    assert_eq!(stage(arrived, "2019-03-10"), None);
    assert_eq!(stage(arrived, "2019-03-11"), Some(Stage::Full));
}

#[test]
fn probation_due_lists_members_whose_year_is_up_soon() {
    let (_dir, mut ledger) = common::open();
    let today = ledger::dates::today();
    let year_ago = ledger::dates::add_years(today, -1);
    let days = chrono::Duration::days;
    add_ok(
        &mut ledger,
        "赵敏",
        "probationary",
        &common::iso(year_ago - days(40)),
    );
    add_ok(
        &mut ledger,
        "陈静",
        "probationary",
        &common::iso(year_ago + days(10)),
    );
    add_ok(
        &mut ledger,
        "杨帆",
        "probationary",
        &common::iso(year_ago + days(100)),
    );
    let left = add_ok(
        &mut ledger,
        "马超",
        "probationary",
        &common::iso(year_ago - days(60)),
    );
    transfer(&mut ledger, left, Direction::Out, &common::iso(year_ago)).unwrap();

    let due = people::probation_due(ledger.read(), today, 30).unwrap();
    let summary: Vec<_> = due.iter().map(|d| (d.name.as_str(), d.overdue)).collect();
    assert_eq!(summary, [("赵敏", true), ("陈静", false)]);
}

#[test]
fn the_roster_can_be_filtered_and_sorted() {
    let (_dir, mut ledger) = common::open();
    let mut with_phone = new_person("王谦", "full", "2016-10-12");
    with_phone.details.phone = Some("13801010006".into());
    add(&mut ledger, &with_phone).unwrap();
    add_ok(&mut ledger, "李婷", "applicant", "2016-10-10");
    add_ok(&mut ledger, "郭佳", "activist", "2020-04-16");
    let left = add_ok(&mut ledger, "马超", "full", "2018-09-03");
    transfer(&mut ledger, left, Direction::Out, "2019-07-15").unwrap();

    let list = |q: PersonQuery| people::list(ledger.read(), &q).unwrap().rows;
    let text = |t: &str| PersonQuery {
        text: t.into(),
        ..Default::default()
    };
    assert_eq!(names(&list(text("李"))), ["李婷"]);
    assert_eq!(names(&list(text("1010006"))), ["王谦"]);
    assert_eq!(names(&list(text("马超"))), Vec::<&str>::new());

    let full = PersonQuery {
        stage: Some("full".into()),
        ..Default::default()
    };
    assert_eq!(names(&list(full.clone())), ["王谦"]);
    let mut full_with_left = names(&list(PersonQuery {
        include_left: true,
        ..full
    }));
    full_with_left.sort();
    assert_eq!(full_with_left, ["王谦", "马超"]);

    let sorted = |key: &str| {
        names(&list(PersonQuery {
            sort: key.into(),
            ..Default::default()
        }))
    };
    // Names sort in pinyin order (guō, lǐ, wáng), not by code point (李 < 王 < 郭).
    assert_eq!(sorted("name"), ["郭佳", "李婷", "王谦"]);
    assert_eq!(sorted("-name"), ["王谦", "李婷", "郭佳"]);
    assert_eq!(sorted("-since"), ["郭佳", "王谦", "李婷"]);
    assert_eq!(sorted("since"), ["李婷", "王谦", "郭佳"]);
    assert_eq!(sorted("stage"), ["王谦", "郭佳", "李婷"]);

    let bad_stage = PersonQuery {
        stage: Some("boss".into()),
        ..Default::default()
    };
    refused(people::list(ledger.read(), &bad_stage), "unknown_value");
}

#[test]
fn search_text_with_percent_or_underscore_is_matched_literally() {
    let (_dir, mut ledger) = common::open();
    add_ok(&mut ledger, "张_三", "full", "2020-01-01");
    add_ok(&mut ledger, "张四", "full", "2020-01-01");
    let names = |text: &str| {
        let q = PersonQuery {
            text: text.into(),
            ..Default::default()
        };
        people::list(ledger.read(), &q)
            .unwrap()
            .rows
            .into_iter()
            .map(|p| p.name)
            .collect::<Vec<_>>()
    };
    assert_eq!(names("_"), ["张_三"]);
    assert!(names("%").is_empty());
    assert_eq!(names("张").len(), 2);
}

#[test]
fn the_roster_pages_in_sql_in_pinyin_order() {
    let (_dir, mut ledger) = common::open();
    let surnames = ["张", "王", "李", "赵", "陈", "郭", "欧阳"];
    let given = ["伟", "芳", "静", "磊"];
    for s in surnames {
        for g in given {
            add_ok(&mut ledger, &format!("{s}{g}"), "full", "2018-01-01");
        }
    }
    add_ok(&mut ledger, "Alice", "non_member", "2019-01-01");
    let left = add_ok(&mut ledger, "安宁", "full", "2018-01-01");
    transfer(&mut ledger, left, Direction::Out, "2019-07-15").unwrap();

    let page = |offset: i64, limit: i64| {
        people::list(
            ledger.read(),
            &PersonQuery {
                offset,
                limit,
                ..Default::default()
            },
        )
        .unwrap()
    };
    // Everyone still in the branch in one page (the default page holds them all), in pinyin order:
    // Han names by pinyin (chén, guō, lǐ, ōuyáng, wáng, zhāng, zhào), then Latin letters.
    let all = page(0, 0);
    assert_eq!((all.total, all.rows.len(), all.offset), (29, 29, 0));
    let order = names(&all.rows);
    assert_eq!(&order[..4], ["陈芳", "陈静", "陈磊", "陈伟"]);
    assert_eq!(order[12], "欧阳芳");
    assert_eq!(&order[24..], ["赵芳", "赵静", "赵磊", "赵伟", "Alice"]);
    let mut expected = order.clone();
    expected.sort_by(|a, b| people::pinyin_cmp(a, b));
    assert_eq!(order, expected);

    // Pages of 10: the total counts every match, the pages are disjoint and together the whole list.
    let mut joined = Vec::new();
    for offset in [0, 10, 20] {
        let p = page(offset, 10);
        assert_eq!((p.total, p.offset), (29, offset));
        assert_eq!(p.rows.len(), if offset == 20 { 9 } else { 10 });
        joined.extend(names(&p.rows));
    }
    assert_eq!(joined, order);
    assert!(page(30, 10).rows.is_empty());
    assert_eq!(
        page(-5, 10).offset,
        0,
        "a negative offset is the first page"
    );

    // A filter pages too: its total counts the matches, not the page.
    let q = PersonQuery {
        text: "王".into(),
        limit: 3,
        offset: 3,
        ..Default::default()
    };
    let p = people::list(ledger.read(), &q).unwrap();
    assert_eq!((p.total, names(&p.rows)), (4, vec!["王伟".to_string()]));

    // Pickers get everyone unpaged, in the same order; people who left only when asked for.
    let pick = people::names(ledger.read(), false).unwrap();
    assert_eq!(
        pick.iter().map(|p| p.name.clone()).collect::<Vec<_>>(),
        order
    );
    let with_left = people::names(ledger.read(), true).unwrap();
    assert_eq!(with_left.len(), 30);
    assert_eq!(with_left[0].name, "安宁");
    assert!(with_left[0].left_on.is_some());
}
