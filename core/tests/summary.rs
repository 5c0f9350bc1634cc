//! The annual summary (年度工作总结): every figure of a small branch with known numbers, the edges of a
//! range (Dec 31 in, Jan 1 out, a loan across the new year counted once), compliance over any range,
//! the chart series, the labels, the narratives, and the demo branch's 2019.
mod common;

use common::{add, change_stage, refused, transfer};
use ledger::activities::{self, ActivityInput, AttendanceInput, CampaignInput, ProjectInput};
use ledger::books::{self, CopyInput, TitleInput};
use ledger::bulletins::{self, IssueInput, SeriesInput};
use ledger::committee::{self, TermInput};
use ledger::groups::{self, GroupInput};
use ledger::loans::{self, LendInput};
use ledger::people::{Direction, NewPerson, PersonInput, StageCounts};
use ledger::suggestions::{self, ResponseInput, SuggestionInput};
use ledger::summary::{self, ComplianceLine, Note, PersonCount, Range, Record, SECTIONS};
use ledger::trash::{self, Kind};
use ledger::{cadence, demo, Field, Ledger};
use std::time::{Duration, Instant};

// ---- the fixture ----

/// The people of the fixture branch.
struct Branch {
    wang: i64,
    zhao: i64,
    qian: i64,
    li: i64,
    chen: i64,
    sun: i64,
    zhou: i64,
    zheng: i64,
    liu: i64,
    group_a: i64,
    group_b: i64,
}

fn person(
    name: &str,
    stage: &str,
    since: &str,
    group: Option<i64>,
    from: Option<&str>,
) -> NewPerson {
    NewPerson {
        details: PersonInput {
            name: name.into(),
            party_group_id: group,
            ..Default::default()
        },
        stage: stage.into(),
        since: since.into(),
        transferred_from: from.map(Into::into),
        note: None,
    }
}

fn group(ledger: &mut Ledger, name: &str) -> i64 {
    let input = GroupInput {
        name: name.into(),
        ..Default::default()
    };
    ledger.write(|c| groups::add(c, &input)).unwrap()
}

fn set_leader(ledger: &mut Ledger, id: i64, name: &str, leader: i64) {
    let input = GroupInput {
        name: name.into(),
        leader_id: Some(leader),
        notes: None,
    };
    ledger.write(|c| groups::update(c, id, &input)).unwrap();
}

fn term(ledger: &mut Ledger, ordinal: i64, elected_on: &str, seats: &[(i64, &str)]) {
    let input = TermInput {
        ordinal: Some(ordinal),
        elected_on: elected_on.into(),
        ..Default::default()
    };
    let id = ledger.write(|c| committee::add(c, &input)).unwrap();
    for (person, position) in seats {
        ledger
            .write(|c| committee::appoint(c, id, *person, position))
            .unwrap();
    }
}

/// The roster, its groups and its two committee terms.
///
/// On 2018-12-31: full 王 赵 钱 周 吴 (5), probationary 李 (admitted 2018-12-31), candidate 陈, 群众 刘.
/// In 2019: 吴 transfers out on 2019-01-01, 孙 (full) transfers in on 2019-03-15, 郑 (probationary)
/// transfers in on 2019-05-01, 陈 is admitted and 李 becomes full on 2019-12-31.
/// 周 transfers out on 2020-01-01.
fn roster(ledger: &mut Ledger) -> Branch {
    let group_a = group(ledger, "第一党小组");
    let group_b = group(ledger, "第二党小组");
    let mut add_ok = |p: NewPerson| add(ledger, &p).expect("person added");
    let wang = add_ok(person("王建国", "full", "2016-05-20", Some(group_a), None));
    let zhao = add_ok(person("赵志刚", "full", "2016-05-20", Some(group_b), None));
    let qian = add_ok(person("钱学明", "full", "2016-05-20", Some(group_a), None));
    let zhou = add_ok(person("周已走", "full", "2016-05-20", Some(group_b), None));
    let wu = add_ok(person("吴早走", "full", "2016-05-20", None, None));
    let li = add_ok(person(
        "李晓红",
        "activist",
        "2017-01-01",
        Some(group_a),
        None,
    ));
    let chen = add_ok(person(
        "陈思远",
        "activist",
        "2018-01-01",
        Some(group_b),
        None,
    ));
    let liu = add_ok(person("刘师傅", "non_member", "2018-01-01", None, None));
    let sun = add_ok(person(
        "孙转入",
        "full",
        "2019-03-15",
        Some(group_b),
        Some("北京大学物理学院党委"),
    ));
    let zheng = add_ok(person(
        "郑预备",
        "probationary",
        "2019-05-01",
        Some(group_b),
        Some("清华大学电子工程系党委"),
    ));
    change_stage(ledger, li, "candidate", "2018-06-01").unwrap();
    change_stage(ledger, li, "probationary", "2018-12-31").unwrap();
    change_stage(ledger, li, "full", "2019-12-31").unwrap();
    change_stage(ledger, chen, "candidate", "2018-09-01").unwrap();
    change_stage(ledger, chen, "probationary", "2019-12-31").unwrap();
    transfer(ledger, wu, Direction::Out, "2019-01-01").unwrap();
    transfer(ledger, zhou, Direction::Out, "2020-01-01").unwrap();
    set_leader(ledger, group_a, "第一党小组", wang);
    set_leader(ledger, group_b, "第二党小组", zhao);
    term(
        ledger,
        1,
        "2016-09-01",
        &[
            (wang, "secretary"),
            (zhao, "organisation"),
            (qian, "propaganda"),
        ],
    );
    term(
        ledger,
        2,
        "2019-09-01",
        &[
            (wang, "secretary"),
            (sun, "organisation"),
            (zhao, "propaganda"),
        ],
    );
    Branch {
        wang,
        zhao,
        qian,
        li,
        chen,
        sun,
        zhou,
        zheng,
        liu,
        group_a,
        group_b,
    }
}

fn save_activity(ledger: &mut Ledger, input: ActivityInput) -> i64 {
    ledger
        .write(|c| activities::save(c, None, &input))
        .expect("activity saved")
}

fn activity(kind: &str, date: &str, title: &str) -> ActivityInput {
    ActivityInput {
        kind: kind.into(),
        date: date.into(),
        title: title.into(),
        ..Default::default()
    }
}

fn expected(person: i64, status: &str) -> AttendanceInput {
    AttendanceInput {
        person_id: Some(person),
        role: "expected".into(),
        status: status.into(),
        reason: (status == "on_leave").then(|| "出差".to_string()),
        guest_name: None,
    }
}

/// The activity log: 26 live activities in 2019, one trashed, one each on 2018-12-31 and 2020-01-01.
fn activities(ledger: &mut Ledger, b: &Branch) {
    ledger
        .write(|c| {
            cadence::set_rule(c, "group_meeting", "quarter")?;
            cadence::set_rule(c, "theme_day", "off")?;
            cadence::set_rule(c, "member_appraisal", "off")
        })
        .unwrap();
    let campaign = ledger
        .write(|c| {
            activities::campaign_save(
                c,
                None,
                &CampaignInput {
                    name: "不忘初心、牢记使命".into(),
                    starts_on: "2019-05-01".into(),
                    ends_on: Some("2019-11-30".into()),
                    notes: None,
                },
            )
        })
        .unwrap();
    ledger
        .write(|c| {
            activities::campaign_save(
                c,
                None,
                &CampaignInput {
                    name: "两学一做".into(),
                    starts_on: "2016-04-01".into(),
                    ends_on: Some("2016-12-31".into()),
                    notes: None,
                },
            )
        })
        .unwrap();
    let project = |year: i32, title: &str| ProjectInput {
        year: Some(year),
        title: title.into(),
        status: "completed".into(),
        rating: Some("优秀成果".into()),
        ..Default::default()
    };
    ledger
        .write(|c| activities::project_save(c, None, &project(2018, "固本强基")))
        .unwrap();
    let chip = ledger
        .write(|c| activities::project_save(c, None, &project(2019, "芯系祖国")))
        .unwrap();

    // Committee meetings on the 10th of every month but March and October, hosted by 王.
    for month in [1, 2, 4, 5, 6, 7, 8, 9, 11, 12] {
        let mut input = activity(
            "committee_meeting",
            &format!("2019-{month:02}-10"),
            &format!("{month}月支委会"),
        );
        input.host_id = Some(b.wang);
        if month == 1 {
            input.attendance = vec![
                expected(b.wang, "present"),
                expected(b.zhao, "present"),
                expected(b.qian, "present"),
                AttendanceInput {
                    person_id: Some(b.liu),
                    role: "invited".into(),
                    status: "present".into(),
                    ..Default::default()
                },
            ];
        }
        save_activity(ledger, input);
    }
    // A March committee meeting, recorded and then put in the trash: it never counts.
    let mut trashed = activity("committee_meeting", "2019-03-05", "误录的支委会");
    trashed.host_id = Some(b.qian);
    let trashed = save_activity(ledger, trashed);
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Activity, trashed))
        .unwrap();

    // General meetings in Q1, Q2 and on the last day of Q4, hosted by 赵: 21 expected, 18 present.
    let general = [
        (
            "2019-03-20",
            vec![
                expected(b.wang, "present"),
                expected(b.zhao, "present"),
                expected(b.qian, "present"),
                expected(b.zhou, "on_leave"),
                expected(b.li, "present"),
                expected(b.sun, "present"),
            ],
        ),
        (
            "2019-06-20",
            [b.wang, b.zhao, b.qian, b.zhou, b.li, b.sun, b.zheng]
                .iter()
                .map(|p| expected(*p, "present"))
                .collect(),
        ),
        (
            "2019-12-31",
            vec![
                expected(b.wang, "present"),
                expected(b.zhao, "present"),
                expected(b.qian, "present"),
                expected(b.zhou, "absent"),
                expected(b.li, "present"),
                expected(b.sun, "present"),
                expected(b.zheng, "absent"),
                expected(b.chen, "present"),
            ],
        ),
    ];
    for (date, attendance) in general {
        let mut input = activity("general_meeting", date, "支部党员大会");
        input.host_id = Some(b.zhao);
        input.attendance = attendance;
        save_activity(ledger, input);
    }
    // A party lecture each quarter, hosted by 钱: 王 twice, 钱 and 孙 once.
    for (date, speaker) in [
        ("2019-01-15", b.wang),
        ("2019-04-15", b.qian),
        ("2019-07-15", b.wang),
        ("2019-10-15", b.sun),
    ] {
        let mut input = activity("party_lecture", date, "党员讲党课");
        input.host_id = Some(b.qian);
        input.speaker_ids = vec![speaker];
        save_activity(ledger, input);
    }
    // Group meetings: group A every quarter, group B in Q1 and Q2 only.
    for (date, g) in [
        ("2019-02-25", b.group_a),
        ("2019-05-25", b.group_a),
        ("2019-08-25", b.group_a),
        ("2019-11-25", b.group_a),
        ("2019-02-26", b.group_b),
        ("2019-05-26", b.group_b),
    ] {
        let mut input = activity("group_meeting", date, "党小组学习");
        input.party_group_id = Some(g);
        save_activity(ledger, input);
    }
    let mut review = activity("review_meeting", "2019-12-20", "2019年度组织生活会");
    review.host_id = Some(b.wang);
    save_activity(ledger, review);
    let mut trip = activity("practice", "2019-07-20", "赴遵义学习");
    trip.host_id = Some(b.sun);
    trip.campaign_id = Some(campaign);
    trip.project_id = Some(chip);
    save_activity(ledger, trip);
    save_activity(ledger, activity("study", "2019-02-12", "学习十九大报告"));
    // Just outside 2019 on both sides.
    save_activity(ledger, activity("study", "2018-12-31", "年末学习"));
    save_activity(ledger, activity("study", "2020-01-01", "新年学习"));
}

/// Two series; in 2019 four issues published (a draft, a trashed issue and the 2018 one left out).
fn bulletins(ledger: &mut Ledger, b: &Branch) {
    let series = |name: &str, kind: &str| SeriesInput {
        name: name.into(),
        kind: kind.into(),
        notes: None,
    };
    let board = ledger
        .write(|c| bulletins::series_save(c, None, &series("支部宣传栏", "bulletin_board")))
        .unwrap();
    let briefing = ledger
        .write(|c| bulletins::series_save(c, None, &series("工作简报", "briefing")))
        .unwrap();
    let issue =
        |series: i64, number: i64, title: &str, date: &str, status: &str, topics: &[&str]| {
            IssueInput {
                series_id: Some(series),
                number: Some(number),
                title: title.into(),
                topics: topics.iter().map(|t| t.to_string()).collect(),
                publish_date: Some(date.into()),
                status: status.into(),
                editor_ids: vec![b.qian],
                ..Default::default()
            }
        };
    let issues = [
        issue(
            board,
            1,
            "学习十九大精神",
            "2018-12-31",
            "published",
            &["十九大"],
        ),
        issue(board, 2, "新年寄语", "2019-01-01", "published", &["新年"]),
        issue(
            board,
            3,
            "庆祝新中国成立70周年",
            "2019-10-01",
            "published",
            &["爱国主义", "国庆70周年"],
        ),
        issue(board, 4, "编辑中的一期", "2019-11-01", "draft", &["草稿"]),
        issue(
            board,
            5,
            "年终回顾",
            "2019-12-31",
            "published",
            &["国庆70周年"],
        ),
        issue(briefing, 1, "6月工作简报", "2019-06-01", "published", &[]),
        issue(
            briefing,
            2,
            "误发的简报",
            "2019-07-01",
            "published",
            &["误发"],
        ),
    ];
    let mut last = 0;
    for input in &issues {
        last = ledger
            .write(|c| bulletins::issue_save(c, None, input))
            .unwrap();
    }
    ledger
        .write(|c| trash::move_to_trash(c, Kind::BulletinIssue, last))
        .unwrap();
}

fn lend(ledger: &mut Ledger, person: i64, copy: i64, on: &str, back: Option<&str>) {
    let input = LendInput {
        copy_id: copy,
        person_id: Some(person),
        loaned_on: on.into(),
        ..Default::default()
    };
    let loan = ledger.write(|c| loans::lend(c, &input)).unwrap();
    if let Some(back) = back {
        ledger
            .write(|c| loans::return_loan(c, loan, back, ""))
            .unwrap();
    }
}

/// The bookshelf: in 2019, 4 loans (2 by members) of live copies, one loan of a copy later trashed.
fn bookshelf(ledger: &mut Ledger, b: &Branch) {
    let title = |ledger: &mut Ledger, name: &str| {
        let input = TitleInput {
            name: name.into(),
            ..Default::default()
        };
        ledger
            .write(|c| books::save_title(c, None, &input))
            .unwrap()
    };
    let copy = |ledger: &mut Ledger, title: i64, label: &str, added_on: &str| {
        let input = CopyInput {
            label: label.into(),
            location: "bookshelf".into(),
            source: "purchase".into(),
            added_on: added_on.into(),
            ..Default::default()
        };
        ledger
            .write(|c| books::save_copy(c, None, title, &input))
            .unwrap()
    };
    let history = title(ledger, "中国共产党简史");
    let novel = title(ledger, "平凡的世界");
    let gone = title(ledger, "三体");
    let old = title(ledger, "旧书");
    let h1 = copy(ledger, history, "SJ-0001", "2018-06-01");
    let h2 = copy(ledger, history, "SJ-0002", "2019-03-01");
    let n1 = copy(ledger, novel, "SJ-0003", "2019-03-01");
    let g1 = copy(ledger, gone, "SJ-0004", "2018-06-01");
    let o1 = copy(ledger, old, "SJ-0005", "2018-01-01");
    ledger
        .write(|c| books::set_copy_state(c, g1, "withdrawn", "2019-06-01"))
        .unwrap();

    lend(ledger, b.qian, h1, "2018-12-31", Some("2019-01-05"));
    lend(ledger, b.liu, o1, "2019-03-01", Some("2019-03-10"));
    lend(ledger, b.li, h2, "2019-05-01", Some("2019-05-20"));
    lend(ledger, b.liu, n1, "2019-07-01", Some("2019-07-20"));
    lend(ledger, b.chen, n1, "2019-08-01", Some("2019-08-20"));
    // Made in 2019, back in 2020: counted once, in 2019.
    lend(ledger, b.wang, h1, "2019-12-20", Some("2020-01-15"));
    lend(ledger, b.zhao, h2, "2020-01-01", Some("2020-01-20"));
    ledger
        .write(|c| trash::move_to_trash(c, Kind::BookCopy, o1))
        .unwrap();
}

fn suggestion(ledger: &mut Ledger, received_on: &str, category: &str, content: &str) -> i64 {
    let input = SuggestionInput {
        received_on: received_on.into(),
        channel: "box".into(),
        author_kind: "anonymous".into(),
        category: Some(category.into()),
        content: content.into(),
        ..Default::default()
    };
    ledger
        .write(|c| suggestions::save(c, None, &input))
        .unwrap()
}

fn respond(ledger: &mut Ledger, id: i64, on: &str) {
    let input = ResponseInput {
        response: "已办理。".into(),
        responded_on: on.into(),
        publish: false,
        published_issue_id: None,
    };
    ledger
        .write(|c| suggestions::respond(c, id, &input))
        .unwrap();
}

const LONG_CONTENT: &str =
    "会议室空调经常坏，夏天开会很热，希望尽快联系后勤维修，并且定期检查保养各类设备，谢谢！";

/// The suggestion box: 4 received in 2019, 3 answered in 2019 (one received in 2018).
fn suggestion_box(ledger: &mut Ledger) {
    let s1 = suggestion(ledger, "2018-12-20", "学习", "希望多组织专题学习");
    respond(ledger, s1, "2019-01-10");
    let s2 = suggestion(ledger, "2019-02-01", "学习", "建议每月组织一次读书分享会");
    respond(ledger, s2, "2019-02-11");
    let s3 = suggestion(ledger, "2019-03-01", "后勤", LONG_CONTENT);
    respond(ledger, s3, "2019-03-31");
    ledger.write(|c| suggestions::close(c, s3)).unwrap();
    let s4 = suggestion(ledger, "2019-06-01", "", "食堂饭菜太咸");
    ledger
        .write(|c| suggestions::decline(c, s4, "不属于支部职责范围", "2019-06-05"))
        .unwrap();
    let s5 = suggestion(ledger, "2019-12-30", "后勤", "走廊灯坏了");
    respond(ledger, s5, "2020-01-03");
    let s6 = suggestion(ledger, "2019-04-01", "学习", "误录");
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Suggestion, s6))
        .unwrap();
}

/// Year, date awarded, title, level, person (None: the branch), awarding body, trashed.
type HonourRow<'a> = (
    i64,
    Option<&'a str>,
    &'a str,
    &'a str,
    Option<i64>,
    &'a str,
    bool,
);

/// Honours, inserted directly (the honours module is written elsewhere).
fn honours(ledger: &mut Ledger, b: &Branch) {
    let rows: [HonourRow; 4] = [
        (
            2019,
            None,
            "先进党支部",
            "university",
            None,
            "某大学党委",
            false,
        ),
        (
            2019,
            Some("2019-06-28"),
            "优秀党支部书记",
            "university",
            Some(b.wang),
            "某大学党委",
            false,
        ),
        (
            2018,
            None,
            "先进基层党组织",
            "school",
            None,
            "学院党委",
            false,
        ),
        (2019, None, "被删除的荣誉", "other", None, "", true),
    ];
    for (year, on, title, level, person, body, trashed) in rows {
        ledger
            .write(|c| {
                Ok(c.execute(
                "INSERT INTO honours (year, awarded_on, title, level, recipient_kind, person_id, awarding_body,
                 created_at, updated_at, deleted_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, '2020-01-01', '2020-01-01',
                         CASE WHEN ?8 THEN '2020-02-01' END)",
                rusqlite::params![
                    year,
                    on,
                    title,
                    level,
                    if person.is_some() { "person" } else { "branch" },
                    person,
                    body,
                    trashed
                ],
            )?)
            })
            .unwrap();
    }
}

fn fixture() -> (tempfile::TempDir, Ledger, Branch) {
    let (dir, mut ledger) = common::open();
    let b = roster(&mut ledger);
    activities(&mut ledger, &b);
    bulletins(&mut ledger, &b);
    bookshelf(&mut ledger, &b);
    suggestion_box(&mut ledger);
    honours(&mut ledger, &b);
    (dir, ledger, b)
}

fn rec(date: &str, title: &str) -> Record {
    Record {
        date: date.into(),
        title: title.into(),
    }
}

fn pc(name: &str, count: i64) -> PersonCount {
    PersonCount {
        name: name.into(),
        count,
    }
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
        applicant: 0,
        non_member,
        left: 0,
    }
}

fn compute(ledger: &Ledger, range: &Range) -> summary::Summary {
    summary::compute(ledger.read(), range).expect("summary computed")
}

// ---- the sections ----

#[test]
fn labels_name_a_calendar_year_or_both_dates() {
    let (_dir, ledger, _) = fixture();
    let y = compute(&ledger, &summary::year(2019).unwrap());
    assert_eq!(
        (y.label_zh.as_str(), y.label_en.as_str()),
        ("2019年", "2019")
    );
    assert_eq!(y.range, summary::year(2019).unwrap());
    let typed = Range::new("2019/1/1", "2019.12.31").unwrap();
    assert_eq!(compute(&ledger, &typed).label_zh, "2019年");
    let term = compute(&ledger, &Range::new("2016-09-01", "2020-12-31").unwrap());
    assert_eq!(term.label_zh, "2016-09-01 至 2020-12-31");
    assert_eq!(term.label_en, "2016-09-01 to 2020-12-31");
    let part = compute(&ledger, &Range::new("2019-01-01", "2019-12-30").unwrap());
    assert_eq!(part.label_en, "2019-01-01 to 2019-12-30");
    // A range that ends before it starts is refused, typed or read back from JSON.
    refused(Range::new("2019-12-31", "2019-01-01"), "too_early");
    let read = |json: &str| serde_json::from_str::<Range>(json);
    assert!(read(r#"{"from": "2019-12-31", "to": "2019-01-01"}"#).is_err());
    refused(Range::new("2019-02-30", "2019-12-31"), "bad_date");
    assert!(read(r#"{"from": "2019-02-30", "to": "2019-12-31"}"#).is_err());
    let year = read(r#"{"from": "2019-01-01", "to": "2019-12-31"}"#).unwrap();
    assert_eq!(year, summary::year(2019).unwrap());
    assert_eq!(
        serde_json::to_string(&year).unwrap(),
        r#"{"from":"2019-01-01","to":"2019-12-31"}"#
    );
}

#[test]
fn membership_counts_the_edges_of_the_year() {
    let (_dir, ledger, _) = fixture();
    let m = compute(&ledger, &summary::year(2019).unwrap()).membership;
    assert_eq!(m.on_first, counts(5, 1, 1, 0, 1), "as 2019 begins");
    assert_eq!(m.on_last, counts(6, 2, 0, 0, 1), "at the end of 2019-12-31");
    assert_eq!(
        m.admitted,
        [rec("2019-12-31", "陈思远")],
        "admitted on Dec 31: in"
    );
    assert_eq!(m.became_full, [rec("2019-12-31", "李晓红")]);
    assert_eq!(
        m.transferred_in,
        [
            rec("2019-03-15", "孙转入（转自北京大学物理学院党委）"),
            rec("2019-05-01", "郑预备（转自清华大学电子工程系党委）"),
        ],
        "a probationary member who came by transfer is not an admission"
    );
    assert_eq!(
        m.transferred_out,
        [rec(
            "2019-01-01",
            "吴早走（转往中国科学院微电子研究所党委）"
        )],
        "a transfer out on Jan 1 belongs to the new year"
    );
    assert_eq!(m.growth, 2, "8 members at the end, 6 at the start");

    let m2018 = compute(&ledger, &summary::year(2018).unwrap()).membership;
    assert_eq!(m2018.admitted, [rec("2018-12-31", "李晓红")]);
    assert!(m2018.transferred_out.is_empty(), "吴 left on 2019-01-01");
    assert_eq!(m2018.on_last, counts(5, 1, 1, 0, 1));
    assert_eq!(m2018.growth, 1);

    let m2020 = compute(&ledger, &summary::year(2020).unwrap()).membership;
    assert_eq!(
        m2020.transferred_out,
        [rec(
            "2020-01-01",
            "周已走（转往中国科学院微电子研究所党委）"
        )]
    );
    assert!(m2020.admitted.is_empty() && m2020.became_full.is_empty());
    assert_eq!(m2020.on_first, counts(6, 2, 0, 0, 1));
    assert_eq!((m2020.on_last.members(), m2020.growth), (7, -1));

    // Over a whole term the growth is what the lists explain: +2 admitted, +2 in, −2 out.
    let term = compute(&ledger, &Range::new("2016-09-01", "2020-12-31").unwrap()).membership;
    assert_eq!(term.on_first, counts(5, 0, 0, 0, 0));
    assert_eq!(term.admitted.len(), 2);
    assert_eq!(term.became_full.len(), 1);
    assert_eq!(
        (term.transferred_in.len(), term.transferred_out.len()),
        (2, 2)
    );
    assert_eq!(term.growth, 2);
}

#[test]
fn organisation_lists_the_terms_in_office_and_the_groups() {
    let (_dir, ledger, _) = fixture();
    let o = compute(&ledger, &summary::year(2019).unwrap()).organisation;
    let ordinals: Vec<i64> = o.terms.iter().map(|t| t.ordinal).collect();
    assert_eq!(
        ordinals,
        [1, 2],
        "term 1 until 2019-09-01, term 2 from then"
    );
    assert_eq!(o.terms[0].elected_on, "2016-09-01");
    assert_eq!(o.terms[0].ends_on.as_deref(), Some("2019-09-01"));
    assert_eq!(o.terms[1].ends_on, None);
    let seats: Vec<(&str, &str)> = o.terms[1]
        .seats
        .iter()
        .map(|(p, n)| (p.as_str(), n.as_str()))
        .collect();
    assert_eq!(
        seats,
        [
            ("secretary", "王建国"),
            ("organisation", "孙转入"),
            ("propaganda", "赵志刚")
        ]
    );
    let groups: Vec<(&str, Option<&str>, i64)> = o
        .groups
        .iter()
        .map(|g| (g.name.as_str(), g.leader.as_deref(), g.members))
        .collect();
    assert_eq!(
        groups,
        [
            ("第一党小组", Some("王建国"), 3),
            ("第二党小组", Some("赵志刚"), 5)
        ],
        "周 is still in group B on 2019-12-31"
    );

    let o2018 = compute(&ledger, &summary::year(2018).unwrap()).organisation;
    assert_eq!(o2018.terms.len(), 1);
    assert_eq!(o2018.groups[1].members, 3, "赵, 周 and the candidate 陈");
    let o2020 = compute(&ledger, &summary::year(2020).unwrap()).organisation;
    let ordinals: Vec<i64> = o2020.terms.iter().map(|t| t.ordinal).collect();
    assert_eq!(ordinals, [2], "term 1 ended the day term 2 was elected");
    assert_eq!(o2020.groups[1].members, 4, "周 left on 2020-01-01");
}

#[test]
fn activities_count_live_records_by_kind_with_attendance() {
    let (_dir, ledger, _) = fixture();
    let a = compute(&ledger, &summary::year(2019).unwrap()).activities;
    assert_eq!(
        a.total, 26,
        "the trashed meeting and those of 2018-12-31 and 2020-01-01 left out"
    );
    let kinds: Vec<(&str, i64, i64, i64, Option<f64>)> = a
        .by_kind
        .iter()
        .map(|k| (k.kind.as_str(), k.count, k.expected, k.present, k.rate))
        .collect();
    assert_eq!(
        kinds,
        [
            ("general_meeting", 3, 21, 18, Some(18.0 / 21.0)),
            ("committee_meeting", 10, 3, 3, Some(1.0)),
            ("group_meeting", 6, 0, 0, None),
            ("party_lecture", 4, 0, 0, None),
            ("review_meeting", 1, 0, 0, None),
            ("study", 1, 0, 0, None),
            ("practice", 1, 0, 0, None),
        ],
        "the invited non-member does not count as expected"
    );
    assert_eq!(
        a.lecturers,
        [pc("王建国", 2), pc("孙转入", 1), pc("钱学明", 1)]
    );
    assert_eq!(
        a.hosts,
        [
            pc("王建国", 11),
            pc("钱学明", 4),
            pc("赵志刚", 3),
            pc("孙转入", 1)
        ],
        "the trashed meeting 钱 hosted is not counted"
    );
    let campaigns: Vec<(&str, i64)> = a
        .campaigns
        .iter()
        .map(|c| (c.name.as_str(), c.activities))
        .collect();
    assert_eq!(
        campaigns,
        [("不忘初心、牢记使命", 1)],
        "两学一做 ended in 2016"
    );
    assert_eq!(a.campaigns[0].starts_on, "2019-05-01");
    assert_eq!(a.campaigns[0].ends_on.as_deref(), Some("2019-11-30"));
    assert_eq!(a.projects.len(), 1);
    let p = &a.projects[0];
    assert_eq!(
        (
            p.year,
            p.title.as_str(),
            p.status.as_str(),
            p.rating.as_str(),
            p.activities
        ),
        (2019, "芯系祖国", "completed", "优秀成果", 1)
    );
    assert_eq!(a.records.len(), 26);
    assert_eq!(a.records[0], rec("2019-01-10", "支委会：1月支委会"));
    assert_eq!(a.records[1], rec("2019-01-15", "党课：党员讲党课"));
    assert!(a
        .records
        .contains(&rec("2019-07-20", "实践活动：赴遵义学习")));
    assert!(a
        .records
        .contains(&rec("2019-12-20", "组织生活会：2019年度组织生活会")));
    assert_eq!(
        a.records.last(),
        Some(&rec("2019-12-31", "支部党员大会：支部党员大会"))
    );
    assert!(
        a.records.windows(2).all(|w| w[0].date <= w[1].date),
        "oldest first"
    );
    assert!(!a.records.iter().any(|r| r.title.contains("误录")));

    let a2018 = compute(&ledger, &summary::year(2018).unwrap()).activities;
    assert_eq!(a2018.total, 1);
    let projects: Vec<&str> = a2018.projects.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(
        projects,
        ["固本强基"],
        "a project of the year, even without activities"
    );
    assert_eq!(
        compute(&ledger, &summary::year(2020).unwrap())
            .activities
            .total,
        1
    );
}

fn line(
    kind: &str,
    group: Option<&str>,
    period: &str,
    required: i64,
    held: i64,
    missing: &[&str],
) -> ComplianceLine {
    ComplianceLine {
        kind: kind.into(),
        group: group.map(Into::into),
        period: period.into(),
        required,
        held,
        missing: missing.iter().map(|m| m.to_string()).collect(),
    }
}

#[test]
fn compliance_lists_the_missing_months_and_quarters() {
    let (_dir, ledger, _) = fixture();
    let c = compute(&ledger, &summary::year(2019).unwrap())
        .activities
        .compliance;
    assert_eq!(
        c,
        [
            line("general_meeting", None, "quarter", 4, 3, &["2019Q3"]),
            line(
                "committee_meeting",
                None,
                "month",
                12,
                10,
                &["2019-03", "2019-10"]
            ),
            line("group_meeting", Some("第一党小组"), "quarter", 4, 4, &[]),
            line(
                "group_meeting",
                Some("第二党小组"),
                "quarter",
                4,
                2,
                &["2019Q3", "2019Q4"]
            ),
            line("party_lecture", None, "quarter", 4, 4, &[]),
            line("review_meeting", None, "year", 1, 1, &[]),
        ],
        "theme days and appraisals are switched off; the trashed March meeting does not count"
    );

    // Any range: only the periods lying wholly inside it are required.
    let part = Range::new("2019-02-15", "2019-08-31").unwrap();
    let c = compute(&ledger, &part).activities.compliance;
    assert_eq!(
        c,
        [
            line("general_meeting", None, "quarter", 1, 1, &[]),
            line("committee_meeting", None, "month", 6, 5, &["2019-03"]),
            line("group_meeting", Some("第一党小组"), "quarter", 1, 1, &[]),
            line("group_meeting", Some("第二党小组"), "quarter", 1, 1, &[]),
            line("party_lecture", None, "quarter", 1, 1, &[]),
        ],
        "no whole year in the range, so no review meeting line"
    );

    // Periods that ended before the branch's first record are never missing.
    let before = compute(&ledger, &summary::year(2015).unwrap()).activities;
    assert!(before.compliance.is_empty());
    let founding = compute(&ledger, &summary::year(2016).unwrap())
        .activities
        .compliance;
    let committee = founding
        .iter()
        .find(|l| l.kind == "committee_meeting")
        .unwrap();
    assert_eq!(
        committee.required, 4,
        "September to December 2016: the first committee was elected on 2016-09-01"
    );
    assert_eq!(
        committee.missing.first().map(String::as_str),
        Some("2016-09")
    );
}

#[test]
fn compliance_counts_only_periods_over_before_today() {
    let (_dir, ledger, _) = fixture();
    let today = ledger::dates::today();
    let this_year = Range::new(
        &format!("{}-01-01", chrono::Datelike::year(&today)),
        &format!("{}-12-31", chrono::Datelike::year(&today)),
    )
    .unwrap();
    let c = compute(&ledger, &this_year).activities.compliance;
    let committee = c.iter().find(|l| l.kind == "committee_meeting").unwrap();
    let months_over = chrono::Datelike::month(&today) as i64 - 1;
    assert_eq!(committee.required, months_over);
    assert!(
        c.iter().all(|l| l.kind != "review_meeting"),
        "the year is not over"
    );
}

#[test]
fn bulletins_count_issues_published_in_the_range() {
    let (_dir, ledger, _) = fixture();
    let b = compute(&ledger, &summary::year(2019).unwrap()).bulletins;
    assert_eq!(b.total, 4, "no draft, no trashed issue, not the 2018 one");
    let series: Vec<(&str, &str, i64, Vec<&str>)> = b
        .series
        .iter()
        .map(|s| {
            (
                s.name.as_str(),
                s.kind.as_str(),
                s.issues,
                s.topics.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        series,
        [
            (
                "支部宣传栏",
                "bulletin_board",
                3,
                vec!["国庆70周年", "新年", "爱国主义"]
            ),
            ("工作简报", "briefing", 1, vec![]),
        ]
    );
    assert_eq!(
        b.records,
        [
            rec("2019-01-01", "支部宣传栏 第2期 新年寄语"),
            rec("2019-06-01", "工作简报 第1期 6月工作简报"),
            rec("2019-10-01", "支部宣传栏 第3期 庆祝新中国成立70周年"),
            rec("2019-12-31", "支部宣传栏 第5期 年终回顾"),
        ]
    );
    let b2018 = compute(&ledger, &summary::year(2018).unwrap()).bulletins;
    assert_eq!(
        b2018.records,
        [rec("2018-12-31", "支部宣传栏 第1期 学习十九大精神")]
    );
}

#[test]
fn bookshelf_counts_loans_in_the_range_they_were_made() {
    let (_dir, ledger, _) = fixture();
    let s = compute(&ledger, &summary::year(2019).unwrap()).bookshelf;
    assert_eq!(
        (s.titles, s.copies, s.copies_added),
        (2, 3, 2),
        "the withdrawn and the trashed copies are off the books"
    );
    assert_eq!((s.loans, s.member_loans, s.other_loans), (4, 2, 2));
    assert_eq!(
        (s.borrowers, s.member_borrowers, s.other_borrowers),
        (4, 2, 2),
        "陈 borrowed as a candidate; the trashed copy's loan to 刘 is left out"
    );
    assert_eq!(s.top_titles, [pc("中国共产党简史", 2), pc("平凡的世界", 2)]);
    assert_eq!(
        s.records,
        [
            rec("2019-05-01", "《中国共产党简史》"),
            rec("2019-07-01", "《平凡的世界》"),
            rec("2019-08-01", "《平凡的世界》"),
            rec("2019-12-20", "《中国共产党简史》"),
        ]
    );
    let s2020 = compute(&ledger, &summary::year(2020).unwrap()).bookshelf;
    assert_eq!(
        s2020.records,
        [rec("2020-01-01", "《中国共产党简史》")],
        "the loan of 2019-12-20, back in 2020, counts only in 2019"
    );
    assert_eq!(
        (s2020.loans, s2020.member_loans, s2020.copies_added),
        (1, 1, 0)
    );
    let s2018 = compute(&ledger, &summary::year(2018).unwrap()).bookshelf;
    assert_eq!(s2018.loans, 1, "lent on 2018-12-31");
    assert_eq!(loans::year_stats(ledger.read(), 2019).unwrap().loans, 4);
}

#[test]
fn suggestions_count_received_and_answered_in_the_range() {
    let (_dir, ledger, _) = fixture();
    let s = compute(&ledger, &summary::year(2019).unwrap()).suggestions;
    assert_eq!(s.received, 4, "the trashed one left out");
    assert_eq!(
        s.answered, 3,
        "answered in 2019, one received in 2018; not the declined one, nor the one answered in 2020"
    );
    assert_eq!(s.median_days_to_respond, Some(21.0), "10, 21 and 30 days");
    assert_eq!(
        s.by_category,
        [
            ("后勤".to_string(), 2, 1),
            ("学习".to_string(), 1, 2),
            (String::new(), 1, 0)
        ]
    );
    let long: String = LONG_CONTENT.chars().take(30).collect();
    assert_eq!(
        s.records,
        [
            rec("2019-02-01", "学习：建议每月组织一次读书分享会"),
            rec("2019-03-01", &format!("后勤：{long}…")),
            rec("2019-06-01", "食堂饭菜太咸"),
            rec("2019-12-30", "后勤：走廊灯坏了"),
        ]
    );
    let s2020 = compute(&ledger, &summary::year(2020).unwrap()).suggestions;
    assert_eq!((s2020.received, s2020.answered), (0, 1));
    assert_eq!(s2020.median_days_to_respond, Some(4.0));
    let s2017 = compute(&ledger, &summary::year(2017).unwrap()).suggestions;
    assert_eq!(
        (s2017.received, s2017.answered, s2017.median_days_to_respond),
        (0, 0, None)
    );
}

#[test]
fn honours_of_the_range_without_trashed_ones() {
    let (_dir, ledger, _) = fixture();
    let h = compute(&ledger, &summary::year(2019).unwrap())
        .honours
        .records;
    let lines: Vec<(i64, &str, &str, Option<&str>, &str)> = h
        .iter()
        .map(|h| {
            (
                h.year,
                h.title.as_str(),
                h.level.as_str(),
                h.recipient.as_deref(),
                h.awarding_body.as_str(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (2019, "先进党支部", "university", None, "某大学党委"),
            (
                2019,
                "优秀党支部书记",
                "university",
                Some("王建国"),
                "某大学党委"
            ),
        ]
    );
    let h2018 = compute(&ledger, &summary::year(2018).unwrap())
        .honours
        .records;
    assert_eq!(h2018.len(), 1);
    // A part of a year: a dated honour by its date, an undated one by its year.
    let spring = compute(&ledger, &Range::new("2019-01-01", "2019-05-31").unwrap());
    let titles: Vec<&str> = spring
        .honours
        .records
        .iter()
        .map(|h| h.title.as_str())
        .collect();
    assert_eq!(titles, ["先进党支部"]);
}

#[test]
fn charts_cover_every_year_and_month() {
    let (_dir, ledger, _) = fixture();
    let s = compute(&ledger, &summary::year(2019).unwrap());
    let years: Vec<(i32, StageCounts)> = s
        .charts
        .members_by_year
        .iter()
        .map(|p| (p.year, p.counts.clone()))
        .collect();
    assert_eq!(
        years,
        [
            (2016, counts(5, 0, 0, 0, 0)),
            (2017, counts(5, 0, 0, 1, 0)),
            (2018, counts(5, 1, 1, 0, 1)),
            (2019, counts(6, 2, 0, 0, 1)),
        ]
    );
    assert_eq!(
        years[2].1, s.membership.on_first,
        "the start of 2019 is the end of 2018"
    );
    let months: Vec<(&str, i64)> = s
        .charts
        .activities_per_month
        .iter()
        .map(|(m, n)| (m.as_str(), *n))
        .collect();
    assert_eq!(
        months,
        [
            ("2019-01", 2),
            ("2019-02", 4),
            ("2019-03", 1),
            ("2019-04", 2),
            ("2019-05", 3),
            ("2019-06", 2),
            ("2019-07", 3),
            ("2019-08", 2),
            ("2019-09", 1),
            ("2019-10", 1),
            ("2019-11", 2),
            ("2019-12", 3),
        ]
    );
    assert_eq!(
        s.charts.attendance_by_kind,
        [
            ("general_meeting".to_string(), 18.0 / 21.0),
            ("committee_meeting".to_string(), 1.0)
        ]
    );

    // A range across years: the last point is the range's last day; months with nothing are zeros.
    let part = compute(&ledger, &Range::new("2019-11-15", "2020-02-10").unwrap());
    let points: Vec<i32> = part.charts.members_by_year.iter().map(|p| p.year).collect();
    assert_eq!(points, [2016, 2017, 2018, 2019, 2020]);
    assert_eq!(part.charts.members_by_year[4].counts, counts(5, 2, 0, 0, 1));
    let months: Vec<(&str, i64)> = part
        .charts
        .activities_per_month
        .iter()
        .map(|(m, n)| (m.as_str(), *n))
        .collect();
    assert_eq!(
        months,
        [
            ("2019-11", 1),
            ("2019-12", 3),
            ("2020-01", 1),
            ("2020-02", 0)
        ],
        "2019-11-10 is before the range"
    );
    // Before the branch: no head counts to draw.
    let empty = compute(&ledger, &summary::year(2015).unwrap());
    assert!(empty.charts.members_by_year.is_empty());
    assert_eq!(empty.charts.activities_per_month.len(), 12);
    assert!(empty.charts.attendance_by_kind.is_empty());
}

#[test]
fn an_empty_ledger_gives_an_empty_summary() {
    let (_dir, ledger) = common::open();
    let s = compute(&ledger, &summary::year(2019).unwrap());
    assert_eq!(s.membership.growth, 0);
    assert_eq!(s.activities.total, 0);
    assert!(s.activities.compliance.is_empty());
    assert!(s.organisation.terms.is_empty());
    assert!(s.charts.members_by_year.is_empty());
    assert_eq!(s.charts.activities_per_month.len(), 12);
    assert_eq!(s.suggestions.median_days_to_respond, None);
    assert!(s.notes.is_empty());
}

// ---- narratives ----

#[test]
fn narratives_are_saved_replaced_and_deleted_per_range() {
    let (_dir, mut ledger, _) = fixture();
    let y2019 = summary::year(2019).unwrap();
    let save = |ledger: &mut Ledger, range: &Range, section: &str, text: &str| {
        ledger.write(|c| summary::save_note(c, range, section, text))
    };
    save(
        &mut ledger,
        &y2019,
        "activities",
        "　　全年开展组织生活26次。  \n",
    )
    .unwrap();
    save(&mut ledger, &y2019, "membership", "发展党员1名。").unwrap();
    let note = |section: &str, text: &str| Note {
        section: section.into(),
        text: text.into(),
    };
    assert_eq!(
        compute(&ledger, &y2019).notes,
        [
            note("membership", "发展党员1名。"),
            note("activities", "　　全年开展组织生活26次。")
        ],
        "in the order of the sections, the paragraph's opening spaces kept"
    );
    save(&mut ledger, &y2019, "membership", "发展党员1名，转正1名。").unwrap();
    let notes = summary::notes(ledger.read(), &y2019).unwrap();
    assert_eq!(notes[0], note("membership", "发展党员1名，转正1名。"));
    assert_eq!(notes.len(), 2, "replaced, not added");

    // Notes belong to their range: another range has none, and the same dates typed differently match.
    let term = Range::new("2016-09-01", "2020-12-31").unwrap();
    assert!(summary::notes(ledger.read(), &term).unwrap().is_empty());
    let typed = Range::new("2019/1/1", "2019.12.31").unwrap();
    assert_eq!(summary::notes(ledger.read(), &typed).unwrap().len(), 2);

    // Empty text (or only spaces) deletes the note; deleting a missing one is harmless.
    save(&mut ledger, &y2019, "membership", "").unwrap();
    save(&mut ledger, &y2019, "activities", " 　\n").unwrap();
    save(&mut ledger, &y2019, "honours", "").unwrap();
    assert!(compute(&ledger, &y2019).notes.is_empty());

    // Refusals.
    let err = refused(save(&mut ledger, &y2019, "weather", "晴"), "unknown_value");
    assert_eq!(err.field(), Some(Field::Section));
    assert!(err.message(ledger::Lang::Zh).contains("章节"));
    assert!(err.message(ledger::Lang::En).contains("Section"));
    let longest = "党".repeat(summary::NOTE_MAX);
    save(&mut ledger, &y2019, "bulletins", &longest).unwrap();
    let err = refused(
        save(&mut ledger, &y2019, "bulletins", &format!("{longest}。")),
        "too_long",
    );
    assert_eq!(err.field(), Some(Field::Body));
    assert_eq!(
        summary::notes(ledger.read(), &y2019).unwrap()[0].text,
        longest,
        "the refused text did not replace the saved one"
    );
    refused(Range::new("2019-13-01", "2019-12-31"), "bad_date");
    for section in SECTIONS {
        save(&mut ledger, &y2019, section, section).unwrap();
    }
    let sections: Vec<String> = compute(&ledger, &y2019)
        .notes
        .into_iter()
        .map(|n| n.section)
        .collect();
    assert_eq!(sections, SECTIONS);
}

#[test]
fn committee_terms_become_ranges() {
    let (_dir, ledger, _) = fixture();
    let today = ledger::dates::today().format("%Y-%m-%d").to_string();
    assert_eq!(
        summary::terms_as_ranges(ledger.read()).unwrap(),
        [
            (2, Range::new("2019-09-01", &today).unwrap()),
            (1, Range::new("2016-09-01", "2019-09-01").unwrap()),
        ]
    );
    let (_dir, empty) = common::open();
    assert!(summary::terms_as_ranges(empty.read()).unwrap().is_empty());
}

#[test]
fn the_ranges_to_choose_from_are_the_years_with_records_and_the_terms() {
    let (_dir, ledger, _) = fixture();
    let this_year = chrono::Datelike::year(&ledger::dates::today());
    let ranges = summary::ranges(ledger.read()).unwrap();
    assert_eq!(
        ranges.years,
        (2016..=this_year).rev().collect::<Vec<_>>(),
        "from this year back to the first stage change"
    );
    assert_eq!(
        ranges.terms,
        summary::terms_as_ranges(ledger.read()).unwrap()
    );
    let (_dir, empty) = common::open();
    let ranges = summary::ranges(empty.read()).unwrap();
    assert_eq!(ranges.years, [this_year]);
    assert!(ranges.terms.is_empty());
}

// ---- the demo branch ----

#[test]
fn the_demo_branch_2019_is_sane_and_fast() {
    let (_dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    let started = Instant::now();
    let s = compute(&ledger, &summary::year(2019).unwrap());
    let took = started.elapsed();
    assert!(took < Duration::from_secs(2), "took {took:?}");
    assert_eq!(s.label_zh, "2019年");
    assert!(s.membership.on_last.members() > 0);
    assert!(s.membership.on_last.members() >= s.membership.on_first.members());
    let years: Vec<i32> = s.charts.members_by_year.iter().map(|p| p.year).collect();
    assert_eq!(years, (2016..=2019).collect::<Vec<_>>());
    assert_eq!(
        s.charts.members_by_year.last().map(|p| &p.counts),
        Some(&s.membership.on_last)
    );
    assert!(s.activities.total > 0);
    assert_eq!(s.activities.records.len() as i64, s.activities.total);
    assert_eq!(
        s.activities.by_kind.iter().map(|k| k.count).sum::<i64>(),
        s.activities.total
    );
    assert_eq!(
        s.charts
            .activities_per_month
            .iter()
            .map(|(_, n)| n)
            .sum::<i64>(),
        s.activities.total
    );
    assert!(!s.activities.lecturers.is_empty() && !s.activities.hosts.is_empty());
    assert!(s
        .activities
        .campaigns
        .iter()
        .any(|c| c.name.contains("不忘初心")));
    assert!(s
        .activities
        .projects
        .iter()
        .any(|p| p.title.starts_with("芯系祖国")));
    assert!(s
        .charts
        .attendance_by_kind
        .iter()
        .all(|(_, r)| (0.0..=1.0).contains(r)));
    for line in &s.activities.compliance {
        assert_eq!(
            line.required - line.held,
            line.missing.len() as i64,
            "{line:?}"
        );
    }
    assert_eq!(s.organisation.terms.len(), 1, "the first term, 2016–2020");
    assert_eq!(s.organisation.groups.len(), 2);
    assert_eq!(s.bulletins.total, s.bulletins.records.len() as i64);
    assert_eq!(
        s.bookshelf.loans,
        loans::year_stats(ledger.read(), 2019).unwrap().loans
    );
    assert_eq!(s.bookshelf.loans, s.bookshelf.records.len() as i64);
    assert_eq!(s.suggestions.received, s.suggestions.records.len() as i64);
    let honours: Vec<(&str, &str, Option<&str>)> = s
        .honours
        .records
        .iter()
        .map(|h| {
            (
                h.title.as_str(),
                h.recipient_kind.as_str(),
                h.recipient.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        honours,
        [
            ("校园综合治理先进集体", "unit", None),
            ("先进党支部", "branch", None),
            ("优秀党支部书记", "person", Some("吴华强"))
        ]
    );
    assert_eq!(
        (s.honours.branch, s.honours.persons, s.honours.unit),
        (1, 1, 1)
    );
    // The whole first term too.
    let first = summary::terms_as_ranges(ledger.read()).unwrap();
    let (_, term) = first.iter().find(|(n, _)| *n == 1).unwrap();
    let started = Instant::now();
    let t = compute(&ledger, term);
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(
        t.membership.on_first.members(),
        6,
        "the four founders and two transferred in before the election of 2016-11-18"
    );
    assert!(t.activities.total > s.activities.total);
}
