//! Bulletins (宣传): series, their numbered issues (第N期), topics, gaps in numbering and the trash.
mod common;

use common::{add_ok, refused_unsaved, tomorrow};
use ledger::bulletins::{self, Issue, IssueInput, IssueQuery, SeriesInput, SeriesKind};
use ledger::suggestions::{self, ResponseInput, SuggestionInput};
use ledger::trash::{self, Kind};
use ledger::{demo, Field, Ledger, Result};

fn series_input(name: &str, kind: &str) -> SeriesInput {
    SeriesInput {
        name: name.into(),
        kind: kind.into(),
        notes: None,
    }
}

fn save_series(ledger: &mut Ledger, id: Option<i64>, input: &SeriesInput) -> Result<i64> {
    ledger.write(|c| bulletins::series_save(c, id, input))
}

fn add_series(ledger: &mut Ledger, name: &str) -> i64 {
    save_series(ledger, None, &series_input(name, "bulletin_board")).unwrap()
}

/// A published issue.
fn issue(series: i64, number: i64, title: &str, date: &str) -> IssueInput {
    IssueInput {
        series_id: Some(series),
        number: Some(number),
        title: title.into(),
        publish_date: Some(date.into()),
        status: "published".into(),
        ..Default::default()
    }
}

fn save(ledger: &mut Ledger, id: Option<i64>, input: &IssueInput) -> Result<i64> {
    ledger.write(|c| bulletins::issue_save(c, id, input))
}

fn add_numbers(ledger: &mut Ledger, series: i64, numbers: &[i64]) -> Vec<i64> {
    numbers
        .iter()
        .map(|&n| {
            save(
                ledger,
                None,
                &issue(series, n, &format!("第{n}期"), "2019-06-01"),
            )
            .unwrap()
        })
        .collect()
}

fn list(ledger: &Ledger, q: &IssueQuery) -> Vec<String> {
    titles(&bulletins::issue_list(ledger.read(), q).unwrap().rows)
}

fn titles(issues: &[Issue]) -> Vec<String> {
    issues.iter().map(|i| i.title.clone()).collect()
}

fn to_trash(ledger: &mut Ledger, kind: Kind, id: i64) -> Result<()> {
    ledger.write(|c| trash::move_to_trash(c, kind, id))
}

#[test]
fn a_series_needs_a_name() {
    let (_dir, mut ledger) = common::open();
    refused_unsaved(&mut ledger, "required", Some(Field::Name), |l| {
        save_series(l, None, &series_input("  ", "briefing"))
    });
}

#[test]
fn two_series_cannot_share_a_name() {
    let (_dir, mut ledger) = common::open();
    add_series(&mut ledger, "平台党支部宣传栏");
    refused_unsaved(&mut ledger, "duplicate", Some(Field::Name), |l| {
        save_series(l, None, &series_input(" 平台党支部宣传栏 ", "briefing"))
    });
}

#[test]
fn a_series_kind_must_be_one_of_the_list() {
    let (_dir, mut ledger) = common::open();
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::SeriesKind), |l| {
        save_series(l, None, &series_input("平台工作简报", "newspaper"))
    });
}

#[test]
fn renaming_a_series_keeps_its_issues() {
    let (_dir, mut ledger) = common::open();
    let id = add_series(&mut ledger, "工作简报");
    add_numbers(&mut ledger, id, &[1, 2]);
    save_series(
        &mut ledger,
        Some(id),
        &series_input("平台工作简报", "briefing"),
    )
    .unwrap();
    let all = bulletins::series_list(ledger.read()).unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(
        (
            all[0].name.as_str(),
            all[0].kind,
            all[0].issues,
            all[0].last_number
        ),
        ("平台工作简报", SeriesKind::Briefing, 2, Some(2))
    );
    let issues = bulletins::issue_list(ledger.read(), &IssueQuery::default())
        .unwrap()
        .rows;
    assert!(issues.iter().all(|i| i.series == "平台工作简报"));
}

#[test]
fn the_next_number_is_one_past_the_highest_in_its_series() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let brief = add_series(&mut ledger, "平台工作简报");
    assert_eq!(bulletins::next_number(ledger.read(), board).unwrap(), 1);
    add_numbers(&mut ledger, board, &[1, 2, 5]);
    assert_eq!(bulletins::next_number(ledger.read(), board).unwrap(), 6);
    assert_eq!(bulletins::next_number(ledger.read(), brief).unwrap(), 1);
}

#[test]
fn an_issue_needs_a_series() {
    let (_dir, mut ledger) = common::open();
    let input = IssueInput {
        series_id: None,
        ..issue(0, 1, "学习十九大精神", "2017-11-01")
    };
    refused_unsaved(&mut ledger, "required", Some(Field::Series), |l| {
        save(l, None, &input)
    });
    let unknown = IssueInput {
        series_id: Some(999),
        ..issue(0, 1, "学习十九大精神", "2017-11-01")
    };
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Series), |l| {
        save(l, None, &unknown)
    });
}

#[test]
fn issue_numbers_start_at_1() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    for number in [0, -3] {
        refused_unsaved(&mut ledger, "out_of_range", Some(Field::Number), |l| {
            save(
                l,
                None,
                &issue(board, number, "学习十九大精神", "2017-11-01"),
            )
        });
    }
}

#[test]
fn a_number_is_used_once_per_series_but_again_in_another() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let brief = add_series(&mut ledger, "平台工作简报");
    add_numbers(&mut ledger, board, &[1]);
    refused_unsaved(&mut ledger, "duplicate", Some(Field::Number), |l| {
        save(l, None, &issue(board, 1, "另一期", "2017-11-01"))
    });
    save(&mut ledger, None, &issue(brief, 1, "另一期", "2017-11-01")).unwrap();
}

#[test]
fn an_issue_needs_a_title() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    refused_unsaved(&mut ledger, "required", Some(Field::Title), |l| {
        save(l, None, &issue(board, 1, " ", "2017-11-01"))
    });
}

#[test]
fn a_published_issue_needs_a_publish_date_not_in_the_future() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let undated = IssueInput {
        publish_date: None,
        ..issue(board, 1, "国庆70周年", "")
    };
    refused_unsaved(&mut ledger, "required", Some(Field::PublishDate), |l| {
        save(l, None, &undated)
    });
    refused_unsaved(&mut ledger, "future_date", Some(Field::PublishDate), |l| {
        save(l, None, &issue(board, 1, "国庆70周年", &tomorrow()))
    });
    // A planned issue may carry its future date.
    let planned = IssueInput {
        status: "planned".into(),
        ..issue(board, 1, "国庆70周年", &tomorrow())
    };
    save(&mut ledger, None, &planned).unwrap();
}

#[test]
fn editors_must_be_on_the_roster() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let input = IssueInput {
        editor_ids: vec![999],
        ..issue(board, 1, "学习十九大精神", "2017-11-01")
    };
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Editors), |l| {
        save(l, None, &input)
    });
}

#[test]
fn an_issue_has_at_most_10_topics() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let eleven = IssueInput {
        topics: (1..=11).map(|n| format!("专题{n}")).collect(),
        ..issue(board, 1, "学习十九大精神", "2017-11-01")
    };
    refused_unsaved(&mut ledger, "out_of_range", Some(Field::Topics), |l| {
        save(l, None, &eleven)
    });
    // Ten topics, one of them repeated, are fine.
    let ten = IssueInput {
        topics: (1..=11).map(|n| format!("专题{}", n.min(10))).collect(),
        ..eleven
    };
    let id = save(&mut ledger, None, &ten).unwrap();
    assert_eq!(
        bulletins::issue_get(ledger.read(), id)
            .unwrap()
            .topics
            .len(),
        10
    );
}

#[test]
fn topics_are_trimmed_and_kept_once() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let input = IssueInput {
        topics: vec![" 十九大 ".into(), "十九大".into(), "".into(), "党史".into()],
        ..issue(board, 1, "学习十九大精神", "2017-11-01")
    };
    let id = save(&mut ledger, None, &input).unwrap();
    assert_eq!(
        bulletins::issue_get(ledger.read(), id).unwrap().topics,
        ["十九大", "党史"]
    );
}

#[test]
fn editing_an_issue_replaces_its_topics_and_editors() {
    let (_dir, mut ledger) = common::open();
    let zhu = add_ok(&mut ledger, "祝月红", "full", "2016-05-20");
    let zhong = add_ok(&mut ledger, "钟潇", "full", "2016-05-20");
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let first = IssueInput {
        topics: vec!["马克思".into(), "党史".into()],
        editor_ids: vec![zhu],
        ..issue(board, 1, "纪念马克思诞辰200周年", "2018-05-04")
    };
    let id = save(&mut ledger, None, &first).unwrap();
    let edited = IssueInput {
        topics: vec!["马克思主义".into()],
        editor_ids: vec![zhong, zhong],
        ..first
    };
    save(&mut ledger, Some(id), &edited).unwrap();
    let got = bulletins::issue_get(ledger.read(), id).unwrap();
    assert_eq!(got.topics, ["马克思主义"]);
    let editors: Vec<_> = got.editors.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(editors, ["钟潇"]);
    assert_eq!(
        bulletins::issue_list(ledger.read(), &IssueQuery::default())
            .unwrap()
            .total,
        1
    );
}

#[test]
fn issues_are_listed_newest_first_and_filtered() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let brief = add_series(&mut ledger, "平台工作简报");
    let with = |input: IssueInput, topics: &[&str], body: &str| IssueInput {
        topics: topics.iter().map(|t| t.to_string()).collect(),
        body: Some(body.into()),
        ..input
    };
    let issues = [
        with(
            issue(board, 1, "学习十九大精神", "2017-11-01"),
            &["十九大"],
            "",
        ),
        with(
            issue(board, 2, "纪念马克思诞辰200周年", "2018-05-04"),
            &["马克思"],
            "",
        ),
        with(
            issue(brief, 1, "平台一季度工作", "2019-04-02"),
            &["工作动态"],
            "传达十九大报告要点",
        ),
        IssueInput {
            status: "planned".into(),
            publish_date: None,
            ..with(issue(board, 3, "庆祝新中国成立70周年", ""), &["70周年"], "")
        },
    ];
    for input in &issues {
        save(&mut ledger, None, input).unwrap();
    }
    // Undated (planned) issues come first, then the newest.
    let all = list(&ledger, &IssueQuery::default());
    assert_eq!(
        all,
        [
            "庆祝新中国成立70周年",
            "平台一季度工作",
            "纪念马克思诞辰200周年",
            "学习十九大精神"
        ]
    );

    let by_series = IssueQuery {
        series_id: Some(board),
        ..Default::default()
    };
    assert_eq!(
        list(&ledger, &by_series),
        [
            "庆祝新中国成立70周年",
            "纪念马克思诞辰200周年",
            "学习十九大精神"
        ]
    );
    let by_year = IssueQuery {
        year: Some(2018),
        ..Default::default()
    };
    assert_eq!(list(&ledger, &by_year), ["纪念马克思诞辰200周年"]);
    let by_status = IssueQuery {
        status: Some("planned".into()),
        ..Default::default()
    };
    assert_eq!(list(&ledger, &by_status), ["庆祝新中国成立70周年"]);
    let by_topic = IssueQuery {
        topic: Some(" 十九大 ".into()),
        ..Default::default()
    };
    assert_eq!(list(&ledger, &by_topic), ["学习十九大精神"]);
    // Text is looked for in the title, the body and the topics.
    let in_title_or_body = IssueQuery {
        text: "十九大".into(),
        ..Default::default()
    };
    assert_eq!(
        list(&ledger, &in_title_or_body),
        ["平台一季度工作", "学习十九大精神"]
    );
    let in_topic = IssueQuery {
        text: "动态".into(),
        ..Default::default()
    };
    assert_eq!(list(&ledger, &in_topic), ["平台一季度工作"]);
}

#[test]
fn topics_are_listed_most_used_first() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    for (n, topics) in [
        (1, vec!["党史", "十九大"]),
        (2, vec!["十九大"]),
        (3, vec!["十九大", "疫情防控"]),
        (4, vec!["疫情防控"]),
    ] {
        let input = IssueInput {
            topics: topics.into_iter().map(String::from).collect(),
            ..issue(board, n, &format!("第{n}期"), "2019-06-01")
        };
        save(&mut ledger, None, &input).unwrap();
    }
    assert_eq!(
        bulletins::topics(ledger.read()).unwrap(),
        ["十九大", "疫情防控", "党史"]
    );
}

#[test]
fn numbering_gaps_lists_the_missing_numbers() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let brief = add_series(&mut ledger, "平台工作简报");
    add_series(&mut ledger, "微纳加工平台网站");
    add_numbers(&mut ledger, board, &[1, 2, 4, 7]);
    add_numbers(&mut ledger, brief, &[1, 2, 3]);
    let gaps = bulletins::numbering_gaps(ledger.read()).unwrap();
    assert_eq!(gaps.len(), 1, "a complete or empty series has no gaps");
    assert_eq!(
        (gaps[0].series_id, gaps[0].missing.as_slice()),
        (board, &[3, 5, 6][..])
    );
}

#[test]
fn issues_are_counted_per_series_and_year() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let brief = add_series(&mut ledger, "平台工作简报");
    save(
        &mut ledger,
        None,
        &issue(board, 1, "学习十九大精神", "2017-11-01"),
    )
    .unwrap();
    save(
        &mut ledger,
        None,
        &issue(board, 2, "纪念马克思诞辰200周年", "2018-05-04"),
    )
    .unwrap();
    let draft = IssueInput {
        status: "draft".into(),
        ..issue(board, 3, "支部书架上新", "2018-09-01")
    };
    save(&mut ledger, None, &draft).unwrap();
    save(
        &mut ledger,
        None,
        &issue(brief, 1, "平台一季度工作", "2018-04-02"),
    )
    .unwrap();
    let counts: Vec<_> = bulletins::counts_per_year(ledger.read())
        .unwrap()
        .into_iter()
        .map(|c| (c.series, c.year, c.issues, c.published))
        .collect();
    let row = |s: &str, year, issues, published| (s.to_string(), year, issues, published);
    assert_eq!(
        counts,
        [
            row("平台党支部宣传栏", 2018, 2, 1),
            row("平台工作简报", 2018, 1, 1),
            row("平台党支部宣传栏", 2017, 1, 1),
        ]
    );
}

#[test]
fn a_series_with_live_issues_cannot_go_to_the_trash() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let issue = add_numbers(&mut ledger, board, &[1])[0];
    refused_unsaved(&mut ledger, "in_use", None, |l| {
        to_trash(l, Kind::BulletinSeries, board)
    });
    to_trash(&mut ledger, Kind::BulletinIssue, issue).unwrap();
    to_trash(&mut ledger, Kind::BulletinSeries, board).unwrap();
    assert!(bulletins::series_list(ledger.read()).unwrap().is_empty());
}

#[test]
fn an_issue_that_published_a_response_cannot_go_to_the_trash() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let issue = add_numbers(&mut ledger, board, &[1])[0];
    let entry = SuggestionInput {
        received_on: "2019-05-06".into(),
        channel: "box".into(),
        author_kind: "anonymous".into(),
        content: "建议在洁净间门口增设更衣提示牌。".into(),
        ..Default::default()
    };
    let response = ResponseInput {
        response: "已张贴提示牌。".into(),
        responded_on: "2019-05-20".into(),
        publish: true,
        published_issue_id: Some(issue),
    };
    ledger
        .write(|c| {
            let id = suggestions::save(c, None, &entry)?;
            suggestions::respond(c, id, &response)
        })
        .unwrap();
    refused_unsaved(&mut ledger, "in_use", None, |l| {
        to_trash(l, Kind::BulletinIssue, issue)
    });
}

#[test]
fn a_trashed_issues_number_can_be_reused_but_then_it_cannot_come_back() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let old = add_numbers(&mut ledger, board, &[4])[0];
    to_trash(&mut ledger, Kind::BulletinIssue, old).unwrap();
    assert_eq!(bulletins::next_number(ledger.read(), board).unwrap(), 1);
    save(
        &mut ledger,
        None,
        &issue(board, 4, "重新编的第4期", "2019-07-01"),
    )
    .unwrap();
    refused_unsaved(&mut ledger, "duplicate", Some(Field::Number), |l| {
        l.write(|c| trash::restore(c, Kind::BulletinIssue, old))
    });
}

#[test]
fn the_demo_has_11_board_issues_and_55_briefings_without_gaps() {
    let (_dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    let all = bulletins::series_list(ledger.read()).unwrap();
    let board = all.iter().find(|s| s.name == "平台党支部宣传栏").unwrap();
    let q = IssueQuery {
        series_id: Some(board.id),
        ..Default::default()
    };
    let mut numbers: Vec<i64> = bulletins::issue_list(ledger.read(), &q)
        .unwrap()
        .rows
        .iter()
        .map(|i| i.number)
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=11).collect::<Vec<_>>());

    let briefings: Vec<_> = all
        .iter()
        .filter(|s| s.kind == SeriesKind::Briefing)
        .collect();
    assert_eq!(briefings.len(), 2);
    assert_eq!(briefings.iter().map(|s| s.issues).sum::<i64>(), 55);
    assert!(bulletins::numbering_gaps(ledger.read()).unwrap().is_empty());
}

#[test]
fn issues_page_in_sql_newest_first_with_a_total() {
    let (_dir, mut ledger) = common::open();
    let board = add_series(&mut ledger, "平台党支部宣传栏");
    let briefing = add_series(&mut ledger, "平台工作简报");
    for n in 1..=12 {
        let date = format!("2019-{n:02}-01");
        save(
            &mut ledger,
            None,
            &issue(board, n, &format!("宣传栏{n}"), &date),
        )
        .unwrap();
    }
    for n in 1..=5 {
        let date = format!("2019-{n:02}-15");
        save(
            &mut ledger,
            None,
            &issue(briefing, n, &format!("简报{n}"), &date),
        )
        .unwrap();
    }
    let planned = IssueInput {
        status: "planned".into(),
        publish_date: None,
        ..issue(board, 13, "宣传栏13", "")
    };
    save(&mut ledger, None, &planned).unwrap();

    let page = |q: IssueQuery| bulletins::issue_list(ledger.read(), &q).unwrap();
    let all = page(IssueQuery::default());
    assert_eq!((all.total, all.rows.len(), all.offset), (18, 18, 0));
    // The undated (planned) issue first, then newest first.
    let order = titles(&all.rows);
    assert_eq!(
        &order[..4],
        ["宣传栏13", "宣传栏12", "宣传栏11", "宣传栏10"]
    );
    assert_eq!(&order[8..11], ["简报5", "宣传栏5", "简报4"]);
    let dates: Vec<_> = all.rows[1..]
        .iter()
        .map(|i| i.publish_date.clone())
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");

    // Pages of 5: disjoint, in the same order, the total counting every match.
    let mut joined = Vec::new();
    for offset in (0..18).step_by(5) {
        let p = page(IssueQuery {
            offset,
            limit: 5,
            ..Default::default()
        });
        assert_eq!((p.total, p.offset), (18, offset));
        assert_eq!(p.rows.len(), if offset == 15 { 3 } else { 5 });
        joined.extend(titles(&p.rows));
    }
    assert_eq!(joined, order);

    // A filtered page: the total is the filter's, topics and editors come with each row.
    let p = page(IssueQuery {
        series_id: Some(board),
        offset: 10,
        limit: 5,
        ..Default::default()
    });
    assert_eq!(
        (p.total, titles(&p.rows)),
        (
            13,
            vec!["宣传栏3".into(), "宣传栏2".into(), "宣传栏1".into()]
        )
    );
}
