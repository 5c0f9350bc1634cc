//! The suggestion box (群众意见箱): entries, who handles them, responses, reminders and the year's numbers.
mod common;

use common::{add_ok, committee_of, date, refused_unsaved, tomorrow};
use ledger::bulletins::{self, IssueInput, SeriesInput};
use ledger::committee;
use ledger::people;
use ledger::suggestions::{
    self, AuthorKind, CategoryStats, ResponseInput, Status, Suggestion, SuggestionInput,
    SuggestionQuery,
};
use ledger::trash::{self, Kind};
use ledger::{demo, Field, Lang, Ledger, Result};
use rusqlite::types::ValueRef;

/// An anonymous entry from the box.
fn entry(received_on: &str, content: &str) -> SuggestionInput {
    SuggestionInput {
        received_on: received_on.into(),
        channel: "box".into(),
        author_kind: "anonymous".into(),
        content: content.into(),
        ..Default::default()
    }
}

fn in_category(received_on: &str, category: &str, content: &str) -> SuggestionInput {
    SuggestionInput {
        category: Some(category.into()),
        ..entry(received_on, content)
    }
}

fn save(ledger: &mut Ledger, input: &SuggestionInput) -> Result<i64> {
    ledger.write(|c| suggestions::save(c, None, input))
}

fn add(ledger: &mut Ledger, received_on: &str) -> i64 {
    save(ledger, &entry(received_on, "图书角能否增加一些科普书籍？")).unwrap()
}

fn answer(response: &str, responded_on: &str) -> ResponseInput {
    ResponseInput {
        response: response.into(),
        responded_on: responded_on.into(),
        ..Default::default()
    }
}

fn respond(ledger: &mut Ledger, id: i64, input: &ResponseInput) -> Result<()> {
    ledger.write(|c| suggestions::respond(c, id, input))
}

fn respond_on(ledger: &mut Ledger, id: i64, responded_on: &str) {
    respond(ledger, id, &answer("已采购8本科普书籍。", responded_on)).unwrap();
}

fn decline(ledger: &mut Ledger, id: i64, reason: &str, on: &str) -> Result<()> {
    ledger.write(|c| suggestions::decline(c, id, reason, on))
}

fn close(ledger: &mut Ledger, id: i64) -> Result<()> {
    ledger.write(|c| suggestions::close(c, id))
}

fn assign(ledger: &mut Ledger, id: i64, person: Option<i64>) -> Result<()> {
    ledger.write(|c| suggestions::assign(c, id, person))
}

fn get(ledger: &Ledger, id: i64) -> Suggestion {
    suggestions::get(ledger.read(), id).unwrap()
}

fn ids(list: &[Suggestion]) -> Vec<i64> {
    list.iter().map(|s| s.id).collect()
}

fn listed(ledger: &Ledger, q: &SuggestionQuery) -> Vec<i64> {
    ids(&suggestions::list(ledger.read(), q).unwrap().rows)
}

#[test]
fn the_received_date_must_be_a_real_past_date() {
    let (_dir, mut ledger) = common::open();
    let tomorrow = tomorrow();
    for (received, code) in [
        ("", "required"),
        ("2019-02-30", "bad_date"),
        (tomorrow.as_str(), "future_date"),
    ] {
        refused_unsaved(&mut ledger, code, Some(Field::ReceivedOn), |l| {
            save(l, &entry(received, "建议增设更衣提示牌。"))
        });
    }
}

#[test]
fn the_channel_must_be_one_of_the_list() {
    let (_dir, mut ledger) = common::open();
    let fax = SuggestionInput {
        channel: "fax".into(),
        ..entry("2019-05-06", "建议增设更衣提示牌。")
    };
    // An unknown channel is reported as a missing one (the form offers only the list).
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Channel), |l| {
        save(l, &fax)
    });
}

#[test]
fn a_suggestion_needs_content() {
    let (_dir, mut ledger) = common::open();
    refused_unsaved(&mut ledger, "required", Some(Field::Content), |l| {
        save(l, &entry("2019-05-06", "  "))
    });
}

#[test]
fn a_roster_author_must_be_chosen() {
    let (_dir, mut ledger) = common::open();
    let person = SuggestionInput {
        author_kind: "person".into(),
        author_name: Some("何静".into()),
        ..entry("2018-09-03", "希望中秋节前组织一次座谈。")
    };
    refused_unsaved(&mut ledger, "required", Some(Field::Author), |l| {
        save(l, &person)
    });
    let unknown = SuggestionInput {
        author_id: Some(999),
        ..person
    };
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Author), |l| {
        save(l, &unknown)
    });
}

#[test]
fn a_named_author_needs_a_name() {
    let (_dir, mut ledger) = common::open();
    let named = SuggestionInput {
        author_kind: "named".into(),
        author_name: Some(" ".into()),
        ..entry("2019-05-06", "设备预约系统周末无法登录。")
    };
    refused_unsaved(&mut ledger, "required", Some(Field::Author), |l| {
        save(l, &named)
    });
}

#[test]
fn an_anonymous_entry_keeps_no_name_whatever_the_form_sent() {
    let (_dir, mut ledger) = common::open();
    let li = add_ok(&mut ledger, "李明华", "non_member", "2019-01-01");
    let input = SuggestionInput {
        author_id: Some(li),
        author_name: Some("李明华".into()),
        ..entry("2019-11-11", "建议在洁净间门口增设更衣提示牌。")
    };
    let id = save(&mut ledger, &input).unwrap();

    let conn = ledger.read();
    let (author_id, author_name): (Option<i64>, Option<String>) = conn
        .query_row(
            "SELECT author_id, author_name FROM suggestions WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((author_id, author_name), (None, None));
    let mut stmt = conn
        .prepare("SELECT * FROM suggestions WHERE id = ?1")
        .unwrap();
    let columns = stmt.column_count();
    let mut rows = stmt.query([id]).unwrap();
    let row = rows.next().unwrap().unwrap();
    for i in 0..columns {
        if let ValueRef::Text(t) = row.get_ref(i).unwrap() {
            assert!(!String::from_utf8_lossy(t).contains("李明华"), "column {i}");
        }
    }
    let got = get(&ledger, id);
    assert_eq!(
        (got.author_kind, got.author_id, got.author),
        (AuthorKind::Anonymous, None, None)
    );
}

#[test]
fn only_a_member_of_the_latest_committee_can_take_charge() {
    let (_dir, mut ledger) = common::open();
    let (_, first) = committee_of(&mut ledger, 1, "2016-11-18", &["吴华强"]);
    let (_, second) = committee_of(&mut ledger, 2, "2020-09-18", &["伍晓明"]);
    let outsider = add_ok(&mut ledger, "何静", "full", "2016-05-20");
    let id = add(&mut ledger, "2020-10-08");
    for person in [outsider, first[0]] {
        refused_unsaved(
            &mut ledger,
            "not_on_committee",
            Some(Field::Assignee),
            |l| assign(l, id, Some(person)),
        );
    }
    assert_eq!(get(&ledger, id).status, Status::New);
    assign(&mut ledger, id, Some(second[0])).unwrap();
    let got = get(&ledger, id);
    assert_eq!(
        (got.status, got.assignee.as_deref()),
        (Status::InProgress, Some("伍晓明"))
    );
}

#[test]
fn a_note_cannot_predate_the_entry() {
    let (_dir, mut ledger) = common::open();
    let id = add(&mut ledger, "2019-05-06");
    refused_unsaved(&mut ledger, "too_early", Some(Field::Date), |l| {
        l.write(|c| suggestions::add_note(c, id, "2019-05-05", "已转平台技术组排查"))
    });
    ledger
        .write(|c| suggestions::add_note(c, id, "2019-05-08", "已转平台技术组排查"))
        .unwrap();
    let got = get(&ledger, id);
    assert_eq!((got.status, got.notes.len()), (Status::InProgress, 1));
}

#[test]
fn a_response_needs_text_and_a_date_after_receipt() {
    let (_dir, mut ledger) = common::open();
    let id = add(&mut ledger, "2018-04-12");
    refused_unsaved(&mut ledger, "required", Some(Field::Response), |l| {
        respond(l, id, &answer(" ", "2018-04-28"))
    });
    refused_unsaved(&mut ledger, "too_early", Some(Field::RespondedOn), |l| {
        respond(l, id, &answer("已采购。", "2018-04-11"))
    });
}

#[test]
fn a_response_is_published_only_in_a_live_issue() {
    let (_dir, mut ledger) = common::open();
    let series = SeriesInput {
        name: "平台党支部宣传栏".into(),
        kind: "bulletin_board".into(),
        notes: None,
    };
    let trashed = ledger
        .write(|c| {
            let series = bulletins::series_save(c, None, &series)?;
            let issue = IssueInput {
                series_id: Some(series),
                number: Some(4),
                title: "你说我办".into(),
                publish_date: Some("2018-05-02".into()),
                status: "published".into(),
                ..Default::default()
            };
            let issue = bulletins::issue_save(c, None, &issue)?;
            trash::move_to_trash(c, Kind::BulletinIssue, issue)?;
            Ok(issue)
        })
        .unwrap();
    let id = add(&mut ledger, "2018-04-12");
    for issue in [trashed, 999] {
        let input = ResponseInput {
            publish: true,
            published_issue_id: Some(issue),
            ..answer("已采购。", "2018-04-28")
        };
        refused_unsaved(&mut ledger, "unknown_value", Some(Field::Issue), |l| {
            respond(l, id, &input)
        });
    }
}

#[test]
fn a_response_marks_the_entry_answered_and_counts_the_days() {
    let (_dir, mut ledger) = common::open();
    let id = add(&mut ledger, "2018-04-12");
    respond_on(&mut ledger, id, "2018-04-28");
    let got = get(&ledger, id);
    assert_eq!(
        (got.status, got.responded_on.as_deref(), got.days_to_respond),
        (Status::Answered, Some("2018-04-28"), Some(16))
    );
}

#[test]
fn declining_needs_a_reason_and_ends_the_entry() {
    let (_dir, mut ledger) = common::open();
    let id = add(&mut ledger, "2019-05-06");
    refused_unsaved(&mut ledger, "required", Some(Field::DeclineReason), |l| {
        decline(l, id, " ", "2019-05-10")
    });
    decline(
        &mut ledger,
        id,
        "超出支部职责范围，已转交平台办公室。",
        "2019-05-10",
    )
    .unwrap();
    assert_eq!(get(&ledger, id).status, Status::Declined);
    refused_unsaved(&mut ledger, "wrong_status", None, |l| {
        respond(l, id, &answer("已处理。", "2019-05-12"))
    });
}

#[test]
fn only_an_answered_entry_can_be_closed() {
    let (_dir, mut ledger) = common::open();
    let id = add(&mut ledger, "2019-05-06");
    refused_unsaved(&mut ledger, "wrong_status", None, |l| close(l, id));
    respond_on(&mut ledger, id, "2019-05-17");
    close(&mut ledger, id).unwrap();
    assert_eq!(get(&ledger, id).status, Status::Closed);
    refused_unsaved(&mut ledger, "wrong_status", None, |l| close(l, id));

    let declined = add(&mut ledger, "2019-05-06");
    decline(&mut ledger, declined, "不属于支部工作。", "2019-05-10").unwrap();
    refused_unsaved(&mut ledger, "wrong_status", None, |l| close(l, declined));
}

#[test]
fn overdue_lists_open_entries_older_than_the_limit_until_answered() {
    let (_dir, mut ledger) = common::open();
    let old = add(&mut ledger, "2020-06-10");
    let in_progress = add(&mut ledger, "2020-06-15");
    ledger
        .write(|c| suggestions::add_note(c, in_progress, "2020-06-18", "安排走访慰问"))
        .unwrap();
    add(&mut ledger, "2020-06-17"); // exactly 14 days before "today"
    let answered = add(&mut ledger, "2020-06-01");
    respond_on(&mut ledger, answered, "2020-06-05");
    let today = date("2020-07-01");
    let overdue = |l: &Ledger| {
        let late = suggestions::overdue(l.read(), today, 14).unwrap();
        assert_eq!(late.total, late.oldest.len() as i64);
        ids(&late.oldest)
    };
    assert_eq!(overdue(&ledger), [old, in_progress]);
    respond_on(&mut ledger, old, "2020-06-30");
    assert_eq!(overdue(&ledger), [in_progress]);
    // Many late entries: all counted, the oldest few named.
    let many: Vec<i64> = (1..=8)
        .map(|day| add(&mut ledger, &format!("2020-05-{day:02}")))
        .collect();
    let late = suggestions::overdue(ledger.read(), today, 14).unwrap();
    assert_eq!(late.total, 9);
    assert_eq!(
        ids(&late.oldest),
        many[..suggestions::OVERDUE_SHOWN as usize]
    );
}

#[test]
fn year_stats_count_answers_and_the_median_wait() {
    let (_dir, mut ledger) = common::open();
    let answered_after = |ledger: &mut Ledger, category: &str, responded_on: &str| {
        let id = save(ledger, &in_category("2019-03-01", category, "意见")).unwrap();
        respond_on(ledger, id, responded_on);
        id
    };
    answered_after(&mut ledger, "平台服务", "2019-03-04"); // 3 days
    let closed = answered_after(&mut ledger, "关心关爱", "2019-03-21"); // 20 days
    close(&mut ledger, closed).unwrap();
    answered_after(&mut ledger, "平台服务", "2019-03-11"); // 10 days
    let declined = save(&mut ledger, &in_category("2019-04-01", "平台服务", "意见")).unwrap();
    decline(&mut ledger, declined, "不属于支部工作。", "2019-04-02").unwrap();
    save(&mut ledger, &in_category("2019-12-01", "学习资料", "意见")).unwrap();
    save(&mut ledger, &in_category("2018-12-01", "学习资料", "意见")).unwrap();

    let stats = suggestions::year_stats(ledger.read(), 2019).unwrap();
    assert_eq!((stats.year, stats.received, stats.answered), (2019, 5, 3));
    assert_eq!(stats.median_days_to_respond, Some(10.0));
    let cat = |category: &str, received, answered| CategoryStats {
        category: category.into(),
        received,
        answered,
    };
    assert_eq!(
        stats.by_category,
        [
            cat("平台服务", 3, 2),
            cat("关心关爱", 1, 1),
            cat("学习资料", 1, 0)
        ]
    );

    answered_after(&mut ledger, "平台服务", "2019-03-31"); // 30 days
    let even = suggestions::year_stats(ledger.read(), 2019).unwrap();
    assert_eq!(even.median_days_to_respond, Some(15.0));
    let empty = suggestions::year_stats(ledger.read(), 2017).unwrap();
    assert_eq!((empty.received, empty.median_days_to_respond), (0, None));
}

#[test]
fn the_list_filters_by_status_year_category_text_and_open() {
    let (_dir, mut ledger) = common::open();
    let books = save(
        &mut ledger,
        &in_category("2018-04-12", "学习资料", "图书角能否增加科普书籍？"),
    )
    .unwrap();
    respond(
        &mut ledger,
        books,
        &answer("已采购《芯片战争》等8本。", "2018-04-28"),
    )
    .unwrap();
    let login = save(
        &mut ledger,
        &in_category("2019-05-06", "平台服务", "设备预约系统周末无法登录。"),
    )
    .unwrap();
    let signs = save(
        &mut ledger,
        &in_category("2019-11-11", "平台服务", "建议增设更衣提示牌。"),
    )
    .unwrap();
    decline(&mut ledger, signs, "已有提示牌。", "2019-11-12").unwrap();

    let q = |f: fn(&mut SuggestionQuery)| {
        let mut q = SuggestionQuery::default();
        f(&mut q);
        q
    };
    assert_eq!(
        listed(&ledger, &q(|_| {})),
        [signs, login, books],
        "newest first"
    );
    assert_eq!(
        listed(&ledger, &q(|q| q.status = Some("answered".into()))),
        [books]
    );
    assert_eq!(listed(&ledger, &q(|q| q.year = Some(2019))), [signs, login]);
    assert_eq!(
        listed(&ledger, &q(|q| q.category = Some(" 平台服务 ".into()))),
        [signs, login]
    );
    assert_eq!(listed(&ledger, &q(|q| q.text = "登录".into())), [login]);
    assert_eq!(
        listed(&ledger, &q(|q| q.text = "芯片".into())),
        [books],
        "in the response"
    );
    assert_eq!(listed(&ledger, &q(|q| q.open_only = true)), [login]);
}

#[test]
fn an_author_or_the_member_in_charge_cannot_go_to_the_trash() {
    let (_dir, mut ledger) = common::open();
    let (_, seated) = committee_of(&mut ledger, 1, "2016-11-18", &["窦维治"]);
    let dou = seated[0];
    let he = add_ok(&mut ledger, "何静", "full", "2016-05-20");
    let input = SuggestionInput {
        author_kind: "person".into(),
        author_id: Some(he),
        ..entry("2018-09-03", "希望中秋节前组织一次座谈。")
    };
    let id = save(&mut ledger, &input).unwrap();
    assign(&mut ledger, id, Some(dou)).unwrap();
    // Take the seat away, so only the suggestion holds the member in charge.
    let seat = committee::list(ledger.read()).unwrap()[0].seats[0].id;
    ledger.write(|c| committee::remove_seat(c, seat)).unwrap();

    let roles = |l: &Ledger, person| people::roles(l.read(), person, Lang::En).unwrap();
    assert_eq!(roles(&ledger, he), ["author of 1 suggestions"]);
    assert_eq!(roles(&ledger, dou), ["in charge of 1 suggestions"]);
    for person in [he, dou] {
        refused_unsaved(&mut ledger, "in_use", None, |l| {
            l.write(|c| trash::move_to_trash(c, Kind::Person, person))
        });
    }
}

#[test]
fn the_demo_has_5_suggestions_one_unanswered_and_anonymous_ones_nameless() {
    let (_dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    let page = suggestions::list(ledger.read(), &SuggestionQuery::default()).unwrap();
    assert_eq!(page.total, 5);
    let all = page.rows;
    assert_eq!(all.len(), 5);
    let unanswered: Vec<_> = all.iter().filter(|s| s.responded_on.is_none()).collect();
    assert_eq!(unanswered.len(), 1);
    assert_eq!(unanswered[0].status, Status::InProgress);

    let anonymous: Vec<_> = all
        .iter()
        .filter(|s| s.author_kind == AuthorKind::Anonymous)
        .collect();
    assert!(!anonymous.is_empty());
    assert!(anonymous
        .iter()
        .all(|s| s.author.is_none() && s.author_id.is_none()));
    let stored_names: i64 = ledger
        .read()
        .query_row(
            "SELECT count(*) FROM suggestions WHERE author_kind = 'anonymous'
               AND (author_id IS NOT NULL OR author_name IS NOT NULL)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored_names, 0);
}

#[test]
fn an_answered_suggestion_cannot_be_declined() {
    let (_dir, mut ledger) = common::open();
    let id = add(&mut ledger, "2019-05-06");
    respond_on(&mut ledger, id, "2019-05-08");
    refused_unsaved(&mut ledger, "wrong_status", None, |l| {
        decline(l, id, "不属于支部工作。", "2019-05-10")
    });
}

#[test]
fn entries_page_in_sql_newest_first_with_a_total() {
    let (_dir, mut ledger) = common::open();
    let mut added = Vec::new();
    for month in 1..=9 {
        for day in [5, 20] {
            let on = format!("2019-{month:02}-{day:02}");
            let category = if day == 5 { "图书角" } else { "活动" };
            let id = save(&mut ledger, &in_category(&on, category, "意见")).unwrap();
            added.push(id);
        }
    }
    // Newest first: the reverse of the order they were received in.
    added.reverse();
    let all = suggestions::list(ledger.read(), &SuggestionQuery::default()).unwrap();
    assert_eq!((all.total, all.offset), (18, 0));
    assert_eq!(ids(&all.rows), added);

    let mut joined = Vec::new();
    for offset in (0..18).step_by(7) {
        let q = SuggestionQuery {
            offset,
            limit: 7,
            ..Default::default()
        };
        let p = suggestions::list(ledger.read(), &q).unwrap();
        assert_eq!((p.total, p.offset), (18, offset));
        assert_eq!(p.rows.len(), if offset == 14 { 4 } else { 7 });
        joined.extend(ids(&p.rows));
    }
    assert_eq!(joined, added);

    // A filter's total counts its matches; the year's numbers still count them all.
    let q = SuggestionQuery {
        category: Some("活动".into()),
        limit: 4,
        offset: 8,
        ..Default::default()
    };
    let p = suggestions::list(ledger.read(), &q).unwrap();
    assert_eq!(p.total, 9);
    assert_eq!(ids(&p.rows), [added[16]]);
    assert_eq!(
        suggestions::year_stats(ledger.read(), 2019)
            .unwrap()
            .received,
        18
    );
}
