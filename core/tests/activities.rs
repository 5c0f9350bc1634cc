//! The activity log: the rules a saved activity must follow, who the roster expects, attendance
//! rates, the filtered list, campaigns and projects, the trash and attachments.
mod common;

use common::{add, add_ok, committee_of, date, refused, refused_unsaved, tomorrow, transfer};
use ledger::activities::{
    self, ActivityInput, ActivityKind, ActivityQuery, AttendanceInput, CampaignInput, Presence,
    ProjectInput, Rate, Role,
};
use ledger::attachments::{self, Owner};
use ledger::groups::{self, GroupInput};
use ledger::people::{Direction, NewPerson, PersonInput};
use ledger::trash::{self, Kind};
use ledger::{Field, Ledger, Result};

/// A small branch: two party groups, members who were there all along, one who joined later, one
/// who transferred out, and an activist.
struct Branch {
    group_a: i64,
    group_b: i64,
    /// Full member in group A since 2016.
    wang: i64,
    /// Probationary member in group A since 2017-03-01.
    li: i64,
    /// Full member in group B since 2016.
    zhao: i64,
    /// Activist in group A since 2017-01-01.
    chen: i64,
    /// Full member who entered the ledger on 2019-06-01.
    late: i64,
    /// Full member since 2016 who transferred out on 2018-06-30.
    gone: i64,
}

fn add_group(ledger: &mut Ledger, name: &str) -> i64 {
    let input = GroupInput {
        name: name.into(),
        leader_id: None,
        notes: None,
    };
    ledger.write(|c| groups::add(c, &input)).unwrap()
}

fn add_in(ledger: &mut Ledger, name: &str, stage: &str, since: &str, group: Option<i64>) -> i64 {
    let person = NewPerson {
        details: PersonInput {
            name: name.into(),
            party_group_id: group,
            ..Default::default()
        },
        stage: stage.into(),
        since: since.into(),
        ..Default::default()
    };
    add(ledger, &person).expect("person added")
}

fn branch(ledger: &mut Ledger) -> Branch {
    let group_a = add_group(ledger, "第一党小组");
    let group_b = add_group(ledger, "第二党小组");
    let wang = add_in(ledger, "王建国", "full", "2016-05-20", Some(group_a));
    let li = add_in(
        ledger,
        "李晓红",
        "probationary",
        "2017-03-01",
        Some(group_a),
    );
    let zhao = add_in(ledger, "赵志刚", "full", "2016-05-20", Some(group_b));
    let chen = add_in(ledger, "陈思远", "activist", "2017-01-01", Some(group_a));
    let late = add_in(ledger, "孙晚到", "full", "2019-06-01", Some(group_b));
    let gone = add_in(ledger, "周已走", "full", "2016-05-20", Some(group_b));
    transfer(ledger, gone, Direction::Out, "2018-06-30").unwrap();
    Branch {
        group_a,
        group_b,
        wang,
        li,
        zhao,
        chen,
        late,
        gone,
    }
}

fn activity(kind: &str, date: &str, title: &str) -> ActivityInput {
    ActivityInput {
        kind: kind.into(),
        date: date.into(),
        title: title.into(),
        ..Default::default()
    }
}

fn row(person: i64, role: &str, status: &str, reason: Option<&str>) -> AttendanceInput {
    AttendanceInput {
        person_id: Some(person),
        guest_name: None,
        role: role.into(),
        status: status.into(),
        reason: reason.map(Into::into),
    }
}

fn present(person: i64) -> AttendanceInput {
    row(person, "expected", "present", None)
}

fn guest(name: &str) -> AttendanceInput {
    AttendanceInput {
        guest_name: Some(name.into()),
        role: "guest".into(),
        status: "present".into(),
        ..Default::default()
    }
}

fn save(ledger: &mut Ledger, id: Option<i64>, input: &ActivityInput) -> Result<i64> {
    ledger.write(|c| activities::save(c, id, input))
}

fn save_ok(ledger: &mut Ledger, input: &ActivityInput) -> i64 {
    save(ledger, None, input).expect("activity saved")
}

fn campaign(ledger: &mut Ledger, name: &str, starts: &str, ends: Option<&str>) -> Result<i64> {
    let input = CampaignInput {
        name: name.into(),
        starts_on: starts.into(),
        ends_on: ends.map(Into::into),
        notes: None,
    };
    ledger.write(|c| activities::campaign_save(c, None, &input))
}

fn project_input(year: Option<i32>, title: &str, status: &str) -> ProjectInput {
    ProjectInput {
        year,
        title: title.into(),
        status: status.into(),
        ..Default::default()
    }
}

fn project(ledger: &mut Ledger, year: i32, title: &str) -> i64 {
    let input = project_input(Some(year), title, "filed");
    ledger
        .write(|c| activities::project_save(c, None, &input))
        .unwrap()
}

fn expected_ids(
    ledger: &Ledger,
    kind: ActivityKind,
    on: &str,
    group: Option<i64>,
    with_prospects: bool,
) -> Vec<i64> {
    let mut ids: Vec<i64> =
        activities::expected(ledger.read(), kind, date(on), group, with_prospects)
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
    ids.sort();
    ids
}

fn sorted(mut ids: Vec<i64>) -> Vec<i64> {
    ids.sort();
    ids
}

fn list(ledger: &Ledger, q: &ActivityQuery) -> (i64, Vec<i64>) {
    let page = activities::list(ledger.read(), q).unwrap();
    (page.total, page.rows.into_iter().map(|r| r.id).collect())
}

// ---- save: refusals ----

#[test]
fn a_date_must_be_real_and_not_in_the_future() {
    let (_dir, mut ledger) = common::open();
    for (bad, code) in [
        ("2018-02-30", "bad_date"),
        ("去年", "bad_date"),
        ("", "required"),
    ] {
        let input = activity("study", bad, "学习党章");
        refused_unsaved(&mut ledger, code, Some(Field::Date), |l| {
            save(l, None, &input)
        });
    }
    let input = activity("study", &tomorrow(), "学习党章");
    refused_unsaved(&mut ledger, "future_date", Some(Field::Date), |l| {
        save(l, None, &input)
    });
    save_ok(&mut ledger, &activity("study", "2018/3/15", "学习党章"));
}

#[test]
fn a_title_is_required() {
    let (_dir, mut ledger) = common::open();
    let input = activity("study", "2018-03-15", "   ");
    refused_unsaved(&mut ledger, "required", Some(Field::Title), |l| {
        save(l, None, &input)
    });
}

#[test]
fn the_kind_must_be_one_of_the_list() {
    let (_dir, mut ledger) = common::open();
    let input = activity("banquet", "2018-03-15", "聚餐");
    refused_unsaved(
        &mut ledger,
        "unknown_value",
        Some(Field::ActivityKind),
        |l| save(l, None, &input),
    );
    let input = activity(" ", "2018-03-15", "学习党章");
    refused_unsaved(&mut ledger, "required", Some(Field::ActivityKind), |l| {
        save(l, None, &input)
    });
}

#[test]
fn a_group_meeting_needs_its_group() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let mut input = activity("group_meeting", "2018-03-15", "小组学习");
    refused_unsaved(&mut ledger, "required", Some(Field::PartyGroup), |l| {
        save(l, None, &input)
    });
    input.party_group_id = Some(b.group_a);
    let id = save_ok(&mut ledger, &input);
    let saved = activities::get(ledger.read(), id).unwrap();
    assert_eq!(saved.party_group.unwrap().name, "第一党小组");
}

#[test]
fn a_lecture_needs_a_speaker() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let mut input = activity("party_lecture", "2018-03-15", "党课：不忘初心");
    refused_unsaved(&mut ledger, "required", Some(Field::Speaker), |l| {
        save(l, None, &input)
    });
    input.speaker_ids = vec![b.wang];
    save_ok(&mut ledger, &input);
}

#[test]
fn nobody_outside_the_branch_that_day_can_be_listed() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let base = ActivityInput {
        speaker_ids: vec![b.wang],
        ..activity("party_lecture", "2018-09-15", "党课")
    };
    // Added to the roster in 2019; transferred out in June 2018.
    let cases = [
        (
            Field::Host,
            ActivityInput {
                host_id: Some(b.late),
                ..base.clone()
            },
        ),
        (
            Field::Recorder,
            ActivityInput {
                recorder_id: Some(b.gone),
                ..base.clone()
            },
        ),
        (
            Field::Speaker,
            ActivityInput {
                speaker_ids: vec![b.wang, b.gone],
                ..base.clone()
            },
        ),
        (
            Field::Attendance,
            ActivityInput {
                attendance: vec![present(b.wang), present(b.late)],
                ..base.clone()
            },
        ),
        (
            Field::Attendance,
            ActivityInput {
                attendance: vec![present(b.gone)],
                ..base.clone()
            },
        ),
    ];
    for (field, input) in &cases {
        let err = refused_unsaved(&mut ledger, "not_in_branch", Some(*field), |l| {
            save(l, None, input)
        });
        let msg = err.message(ledger::Lang::Zh);
        assert!(msg.contains("2018-09-15"), "{msg}");
    }
    // Before the transfer the same person is in the branch.
    let before = ActivityInput {
        date: "2018-03-15".into(),
        host_id: Some(b.gone),
        attendance: vec![present(b.gone)],
        ..base.clone()
    };
    save_ok(&mut ledger, &before);
    // After joining the late one is too.
    let after = ActivityInput {
        date: "2019-06-01".into(),
        host_id: Some(b.late),
        attendance: vec![present(b.late)],
        ..base
    };
    save_ok(&mut ledger, &after);
}

#[test]
fn leave_needs_a_reason() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    for reason in [None, Some("  ")] {
        let input = ActivityInput {
            attendance: vec![present(b.wang), row(b.li, "expected", "on_leave", reason)],
            ..activity("general_meeting", "2018-03-15", "党员大会")
        };
        refused_unsaved(&mut ledger, "required", Some(Field::Reason), |l| {
            save(l, None, &input)
        });
    }
    let input = ActivityInput {
        attendance: vec![row(b.li, "expected", "on_leave", Some("出差"))],
        ..activity("general_meeting", "2018-03-15", "党员大会")
    };
    save_ok(&mut ledger, &input);
}

#[test]
fn attendance_codes_must_be_known() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    for bad in [
        row(b.wang, "expected", "late", None),
        row(b.wang, "speaker", "present", None),
    ] {
        let input = ActivityInput {
            attendance: vec![bad],
            ..activity("general_meeting", "2018-03-15", "党员大会")
        };
        refused_unsaved(&mut ledger, "unknown_value", Some(Field::Attendance), |l| {
            save(l, None, &input)
        });
    }
    // A row with neither a person nor a guest's name.
    let input = ActivityInput {
        attendance: vec![guest("  ")],
        ..activity("general_meeting", "2018-03-15", "党员大会")
    };
    refused_unsaved(&mut ledger, "required", Some(Field::Name), |l| {
        save(l, None, &input)
    });
}

#[test]
fn the_same_person_cannot_be_listed_twice() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let input = ActivityInput {
        attendance: vec![
            present(b.wang),
            present(b.li),
            row(b.wang, "invited", "absent", None),
        ],
        ..activity("general_meeting", "2018-03-15", "党员大会")
    };
    let err = refused_unsaved(&mut ledger, "duplicate", Some(Field::Attendance), |l| {
        save(l, None, &input)
    });
    assert!(err.message(ledger::Lang::Zh).contains("王建国"));
}

#[test]
fn campaign_and_project_must_exist_and_be_live() {
    let (_dir, mut ledger) = common::open();
    let input = ActivityInput {
        campaign_id: Some(999),
        ..activity("study", "2018-03-15", "学习")
    };
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Campaign), |l| {
        save(l, None, &input)
    });
    let input = ActivityInput {
        project_id: Some(999),
        ..activity("study", "2018-03-15", "学习")
    };
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Project), |l| {
        save(l, None, &input)
    });
    // A campaign in the trash is no longer a choice.
    let c = campaign(&mut ledger, "两学一做", "2016-04-01", None).unwrap();
    ledger
        .write(|conn| trash::move_to_trash(conn, Kind::Campaign, c))
        .unwrap();
    let input = ActivityInput {
        campaign_id: Some(c),
        ..activity("study", "2018-03-15", "学习")
    };
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Campaign), |l| {
        save(l, None, &input)
    });
}

// ---- expected ----

#[test]
fn a_general_meeting_expects_the_party_members_of_that_day() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let general = ActivityKind::GeneralMeeting;
    assert_eq!(
        expected_ids(&ledger, general, "2018-03-15", None, false),
        sorted(vec![b.wang, b.li, b.zhao, b.gone])
    );
    assert_eq!(
        expected_ids(&ledger, general, "2018-03-15", None, true),
        sorted(vec![b.wang, b.li, b.zhao, b.gone, b.chen])
    );
    // After the transfer out, before the late one joined.
    assert_eq!(
        expected_ids(&ledger, general, "2018-09-15", None, false),
        sorted(vec![b.wang, b.li, b.zhao])
    );
    assert_eq!(
        expected_ids(&ledger, general, "2019-07-01", None, false),
        sorted(vec![b.wang, b.li, b.zhao, b.late])
    );
    // Before li was a probationary member she was not in the branch at all.
    assert_eq!(
        expected_ids(&ledger, general, "2016-12-01", None, true),
        sorted(vec![b.wang, b.zhao, b.gone])
    );
    // The stage that day is reported.
    let on = activities::expected(ledger.read(), general, date("2018-03-15"), None, true).unwrap();
    let chen = on.iter().find(|p| p.id == b.chen).unwrap();
    assert_eq!(chen.stage, ledger::people::Stage::Activist);
    assert_eq!(chen.name, "陈思远");
}

#[test]
fn a_committee_meeting_expects_the_committee_in_office() {
    let (_dir, mut ledger) = common::open();
    let (_, first) = committee_of(
        &mut ledger,
        1,
        "2016-06-01",
        &["甲委员", "乙委员", "丙委员"],
    );
    let (_, second) = committee_of(&mut ledger, 2, "2019-06-01", &["丁委员", "戊委员"]);
    let ordinary = add_ok(&mut ledger, "普通党员", "full", "2016-05-20");
    let committee = ActivityKind::CommitteeMeeting;
    assert_eq!(
        expected_ids(&ledger, committee, "2016-05-25", None, false),
        Vec::<i64>::new()
    );
    assert_eq!(
        expected_ids(&ledger, committee, "2019-05-31", None, false),
        sorted(first.clone())
    );
    assert_eq!(
        expected_ids(&ledger, committee, "2019-06-01", None, false),
        sorted(second.clone())
    );
    assert_eq!(
        expected_ids(&ledger, committee, "2020-01-01", None, true),
        sorted(second)
    );
    assert!(!expected_ids(&ledger, committee, "2018-01-01", None, true).contains(&ordinary));
}

#[test]
fn a_group_meeting_expects_only_that_groups_party_members() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let meeting = ActivityKind::GroupMeeting;
    assert_eq!(
        expected_ids(&ledger, meeting, "2018-03-15", Some(b.group_a), false),
        sorted(vec![b.wang, b.li])
    );
    assert_eq!(
        expected_ids(&ledger, meeting, "2018-03-15", Some(b.group_b), false),
        sorted(vec![b.zhao, b.gone])
    );
    assert_eq!(
        expected_ids(&ledger, meeting, "2018-09-15", Some(b.group_b), false),
        vec![b.zhao]
    );
    assert!(expected_ids(&ledger, meeting, "2018-03-15", None, true).is_empty());
}

// ---- round trip ----

#[test]
fn an_activity_comes_back_as_saved_and_editing_replaces_lists() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let camp = campaign(&mut ledger, "两学一做", "2016-04-01", Some("2018-12-31")).unwrap();
    let proj = project(&mut ledger, 2018, "红色足迹");
    let input = ActivityInput {
        time: Some("14:30".into()),
        place: Some("三楼会议室".into()),
        host_id: Some(b.zhao),
        recorder_id: Some(b.li),
        campaign_id: Some(camp),
        project_id: Some(proj),
        content: Some("第一段。\n\n第二段。".into()),
        decisions: Some("每月学习一次".into()),
        speaker_ids: vec![b.wang, b.li],
        attendance: vec![
            present(b.wang),
            row(b.li, "expected", "on_leave", Some("出差")),
            row(b.zhao, "expected", "absent", None),
            row(b.chen, "invited", "present", None),
            guest("街道社区刘书记"),
        ],
        ..activity("party_lecture", "2018-03-15", "党课：不忘初心")
    };
    let id = save_ok(&mut ledger, &input);
    let a = activities::get(ledger.read(), id).unwrap();
    assert_eq!(a.kind, ActivityKind::PartyLecture);
    assert_eq!(
        (a.date.as_str(), a.time.as_str(), a.place.as_str()),
        ("2018-03-15", "14:30", "三楼会议室")
    );
    assert_eq!(a.title, "党课：不忘初心");
    assert_eq!(a.host.as_ref().map(|h| h.id), Some(b.zhao));
    assert_eq!(a.recorder.as_ref().map(|r| r.name.as_str()), Some("李晓红"));
    assert_eq!(
        a.campaign.as_ref().map(|c| c.name.as_str()),
        Some("两学一做")
    );
    assert_eq!(
        a.project.as_ref().map(|p| p.name.as_str()),
        Some("红色足迹")
    );
    assert_eq!(a.content, "第一段。\n\n第二段。");
    assert_eq!(a.decisions, "每月学习一次");
    assert_eq!(
        sorted(a.speakers.iter().map(|s| s.id).collect()),
        sorted(vec![b.wang, b.li])
    );
    let rows: Vec<_> = a
        .attendance
        .iter()
        .map(|r| {
            (
                r.person_id,
                r.name.as_str(),
                r.role,
                r.status,
                r.reason.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            (
                Some(b.wang),
                "王建国",
                Role::Expected,
                Presence::Present,
                ""
            ),
            (
                Some(b.li),
                "李晓红",
                Role::Expected,
                Presence::OnLeave,
                "出差"
            ),
            (Some(b.zhao), "赵志刚", Role::Expected, Presence::Absent, ""),
            (Some(b.chen), "陈思远", Role::Invited, Presence::Present, ""),
            (None, "街道社区刘书记", Role::Guest, Presence::Present, ""),
        ]
    );
    assert_eq!(
        a.rate,
        Rate {
            expected: 3,
            present: 1,
            on_leave: 1,
            absent: 1
        }
    );

    let edited = ActivityInput {
        speaker_ids: vec![b.zhao],
        attendance: vec![present(b.zhao)],
        campaign_id: None,
        ..input
    };
    assert_eq!(save(&mut ledger, Some(id), &edited).unwrap(), id);
    let a = activities::get(ledger.read(), id).unwrap();
    assert_eq!(
        a.speakers.iter().map(|s| s.id).collect::<Vec<_>>(),
        vec![b.zhao]
    );
    assert_eq!(a.attendance.len(), 1);
    assert_eq!(a.attendance[0].person_id, Some(b.zhao));
    assert!(a.campaign.is_none());
    assert_eq!(a.rate.expected, 1);
    assert_eq!(
        activities::list(ledger.read(), &ActivityQuery::default())
            .unwrap()
            .total,
        1
    );

    // Editing something that is not there.
    refused_unsaved(&mut ledger, "not_found", None, |l| {
        save(l, Some(9999), &edited)
    });
    // A refused edit leaves the saved activity as it was.
    let bad = ActivityInput {
        attendance: vec![present(b.late)],
        ..edited.clone()
    };
    refused_unsaved(&mut ledger, "not_in_branch", Some(Field::Attendance), |l| {
        save(l, Some(id), &bad)
    });
}

// ---- rates ----

#[test]
fn an_activitys_rate_counts_only_the_expected() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let id = save_ok(
        &mut ledger,
        &ActivityInput {
            attendance: vec![
                present(b.wang),
                present(b.li),
                row(b.zhao, "expected", "absent", None),
                row(b.gone, "expected", "on_leave", Some("生病")),
                row(b.chen, "invited", "absent", None),
                guest("来宾甲"),
            ],
            ..activity("general_meeting", "2018-03-15", "党员大会")
        },
    );
    let rate = activities::rate_of_activity(ledger.read(), id).unwrap();
    assert_eq!(
        rate,
        Rate {
            expected: 4,
            present: 2,
            on_leave: 1,
            absent: 1
        }
    );
    assert_eq!(rate.ratio(), Some(0.5));

    // Only invited people and guests: nobody expected, no ratio.
    let open = save_ok(
        &mut ledger,
        &ActivityInput {
            attendance: vec![row(b.chen, "invited", "present", None), guest("来宾乙")],
            ..activity("theme_day", "2018-04-01", "开放性主题党日")
        },
    );
    let rate = activities::rate_of_activity(ledger.read(), open).unwrap();
    assert_eq!(rate.expected, 0);
    assert_eq!(rate.ratio(), None);
    assert_eq!(Rate::default().ratio(), None);
}

#[test]
fn a_persons_and_a_kinds_rate_over_a_year() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let meeting = |d: &str, rows: Vec<AttendanceInput>| ActivityInput {
        attendance: rows,
        ..activity("general_meeting", d, "党员大会")
    };
    save_ok(
        &mut ledger,
        &meeting("2018-01-10", vec![present(b.wang), present(b.li)]),
    );
    save_ok(
        &mut ledger,
        &meeting(
            "2018-04-10",
            vec![present(b.wang), row(b.li, "expected", "absent", None)],
        ),
    );
    save_ok(
        &mut ledger,
        &meeting(
            "2018-07-10",
            vec![
                row(b.wang, "expected", "on_leave", Some("出差")),
                present(b.li),
            ],
        ),
    );
    // Invited: does not count for wang.
    save_ok(
        &mut ledger,
        &ActivityInput {
            attendance: vec![row(b.wang, "invited", "absent", None)],
            ..activity("study", "2018-08-10", "学习")
        },
    );
    // Another year.
    save_ok(
        &mut ledger,
        &meeting("2019-01-10", vec![row(b.wang, "expected", "absent", None)]),
    );
    // In the trash: does not count.
    let trashed = save_ok(
        &mut ledger,
        &meeting("2018-10-10", vec![row(b.wang, "expected", "absent", None)]),
    );
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Activity, trashed))
        .unwrap();

    let wang = activities::rate_of_person(ledger.read(), b.wang, 2018).unwrap();
    assert_eq!(
        wang,
        Rate {
            expected: 3,
            present: 2,
            on_leave: 1,
            absent: 0
        }
    );
    assert_eq!(
        activities::rate_of_person(ledger.read(), b.wang, 2019)
            .unwrap()
            .absent,
        1
    );
    assert_eq!(
        activities::rate_of_person(ledger.read(), b.wang, 2017)
            .unwrap()
            .ratio(),
        None
    );
    let kind = activities::rate_of_kind(ledger.read(), ActivityKind::GeneralMeeting, 2018).unwrap();
    assert_eq!(
        kind,
        Rate {
            expected: 6,
            present: 4,
            on_leave: 1,
            absent: 1
        }
    );
    assert_eq!(
        activities::rate_of_kind(ledger.read(), ActivityKind::Study, 2018)
            .unwrap()
            .expected,
        0
    );
}

// ---- list ----

#[test]
fn the_list_filters_and_sorts_newest_first() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let camp = campaign(&mut ledger, "两学一做", "2016-04-01", None).unwrap();
    let proj = project(&mut ledger, 2018, "红色足迹");
    let a = save_ok(
        &mut ledger,
        &ActivityInput {
            host_id: Some(b.wang),
            campaign_id: Some(camp),
            ..activity("general_meeting", "2017-05-01", "党员大会")
        },
    );
    let l = save_ok(
        &mut ledger,
        &ActivityInput {
            speaker_ids: vec![b.li],
            project_id: Some(proj),
            place: Some("延安革命纪念馆".into()),
            ..activity("party_lecture", "2018-06-01", "现场党课")
        },
    );
    let s = save_ok(
        &mut ledger,
        &ActivityInput {
            recorder_id: Some(b.zhao),
            campaign_id: Some(camp),
            content: Some("学习《习近平谈治国理政》第二卷".into()),
            ..activity("study", "2018-02-01", "理论学习")
        },
    );
    let t = save_ok(
        &mut ledger,
        &ActivityInput {
            attendance: vec![present(b.chen)],
            ..activity("theme_day", "2018-02-01", "主题党日")
        },
    );
    let q = |f: fn(&mut ActivityQuery)| {
        let mut q = ActivityQuery::default();
        f(&mut q);
        q
    };
    // Newest first; the same day newest saved first.
    assert_eq!(
        list(&ledger, &ActivityQuery::default()),
        (4, vec![l, t, s, a])
    );
    assert_eq!(
        list(&ledger, &q(|q| q.year = Some(2018))),
        (3, vec![l, t, s])
    );
    assert_eq!(list(&ledger, &q(|q| q.year = Some(2016))), (0, vec![]));
    assert_eq!(
        list(&ledger, &q(|q| q.kind = Some("party_lecture".into()))),
        (1, vec![l])
    );
    assert_eq!(list(&ledger, &q(|q| q.kind = Some(String::new()))).0, 4);
    let err = refused(
        activities::list(ledger.read(), &q(|q| q.kind = Some("banquet".into()))),
        "unknown_value",
    );
    assert_eq!(err.field(), Some(Field::ActivityKind));
    let by = |campaign: Option<i64>, project: Option<i64>, person: Option<i64>| {
        list(
            &ledger,
            &ActivityQuery {
                campaign_id: campaign,
                project_id: project,
                person_id: person,
                ..Default::default()
            },
        )
    };
    assert_eq!(by(Some(camp), None, None), (2, vec![s, a]));
    assert_eq!(by(None, Some(proj), None), (1, vec![l]));
    assert_eq!(by(None, None, Some(b.wang)), (1, vec![a])); // host
    assert_eq!(by(None, None, Some(b.li)), (1, vec![l])); // speaker
    assert_eq!(by(None, None, Some(b.zhao)), (1, vec![s])); // recorder
    assert_eq!(by(None, None, Some(b.chen)), (1, vec![t])); // attendee
    assert_eq!(by(None, None, Some(b.late)), (0, vec![]));
    let text = |t: &str| {
        list(
            &ledger,
            &ActivityQuery {
                text: t.into(),
                ..Default::default()
            },
        )
    };
    assert_eq!(text("党课"), (1, vec![l])); // title
    assert_eq!(text("治国理政"), (1, vec![s])); // content
    assert_eq!(text(" 延安 "), (1, vec![l])); // place, trimmed
    assert_eq!(text("遵义"), (0, vec![]));
    // Combined filters.
    assert_eq!(
        list(
            &ledger,
            &ActivityQuery {
                year: Some(2018),
                campaign_id: Some(camp),
                ..Default::default()
            }
        ),
        (1, vec![s])
    );
    // The trash is not listed.
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Activity, t))
        .unwrap();
    assert_eq!(list(&ledger, &ActivityQuery::default()), (3, vec![l, s, a]));
}

#[test]
fn the_list_pages_with_a_correct_total() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let mut ids = Vec::new();
    for i in 0..25 {
        let day = format!("2018-{:02}-{:02}", i % 12 + 1, i / 12 + 1);
        ids.push(save_ok(
            &mut ledger,
            &ActivityInput {
                attendance: vec![present(b.wang), row(b.li, "expected", "absent", None)],
                ..activity("study", &day, &format!("学习第{i}次"))
            },
        ));
    }
    let all = activities::list(ledger.read(), &ActivityQuery::default()).unwrap();
    assert_eq!(all.total, 25);
    assert_eq!(all.rows.len(), 25);
    assert!(all.rows.windows(2).all(|w| w[0].date >= w[1].date));
    assert_eq!(all.rows[0].rate.expected, 2);
    assert_eq!(all.rows[0].rate.present, 1);
    let page = |limit: i64, offset: i64| {
        list(
            &ledger,
            &ActivityQuery {
                limit: Some(limit),
                offset,
                ..Default::default()
            },
        )
    };
    let all_ids: Vec<i64> = all.rows.iter().map(|r| r.id).collect();
    assert_eq!(page(10, 0), (25, all_ids[..10].to_vec()));
    assert_eq!(page(10, 10), (25, all_ids[10..20].to_vec()));
    assert_eq!(page(10, 20), (25, all_ids[20..].to_vec()));
    assert_eq!(page(10, 30), (25, vec![]));
    let mut every: Vec<i64> = (0..3).flat_map(|p| page(10, p * 10).1).collect();
    every.sort();
    assert_eq!(every, sorted(ids));
}

// ---- campaigns and projects ----

#[test]
fn campaign_rules() {
    let (_dir, mut ledger) = common::open();
    let first = campaign(&mut ledger, "两学一做", "2016-04-01", None).unwrap();
    refused_unsaved(&mut ledger, "duplicate", Some(Field::Name), |l| {
        campaign(l, " 两学一做 ", "2017-01-01", None)
    });
    refused_unsaved(&mut ledger, "required", Some(Field::Name), |l| {
        campaign(l, " ", "2017-01-01", None)
    });
    refused_unsaved(&mut ledger, "too_early", Some(Field::EndsOn), |l| {
        campaign(l, "不忘初心、牢记使命", "2019-06-01", Some("2019-05-31"))
    });
    refused_unsaved(&mut ledger, "bad_date", Some(Field::Date), |l| {
        campaign(l, "不忘初心、牢记使命", "2019-06-31", None)
    });
    refused_unsaved(&mut ledger, "bad_date", Some(Field::EndsOn), |l| {
        campaign(l, "不忘初心、牢记使命", "2019-06-01", Some("2019-13-01"))
    });
    campaign(
        &mut ledger,
        "不忘初心、牢记使命",
        "2019-06-01",
        Some("2019-06-01"),
    )
    .unwrap();
    // Saving a campaign under its own name is fine.
    let same = CampaignInput {
        name: "两学一做".into(),
        starts_on: "2016-04-01".into(),
        ends_on: Some("2017-12-31".into()),
        notes: Some("学党章党规、学系列讲话，做合格党员".into()),
    };
    ledger
        .write(|c| activities::campaign_save(c, Some(first), &same))
        .unwrap();
    // Editing a campaign that is not there, or is in the trash, saves nothing.
    refused_unsaved(&mut ledger, "not_found", None, |l| {
        let missing = CampaignInput {
            name: "党史学习教育".into(),
            ..same.clone()
        };
        l.write(|c| activities::campaign_save(c, Some(999), &missing))
    });
    let names: Vec<_> = activities::campaigns(ledger.read())
        .unwrap()
        .into_iter()
        .map(|c| (c.name, c.ends_on))
        .collect();
    assert_eq!(
        names,
        vec![
            (
                "不忘初心、牢记使命".to_string(),
                Some("2019-06-01".to_string())
            ),
            ("两学一做".to_string(), Some("2017-12-31".to_string())),
        ]
    );
}

#[test]
fn project_rules() {
    let (_dir, mut ledger) = common::open();
    let save_project = |l: &mut Ledger, input: ProjectInput| {
        l.write(|c| activities::project_save(c, None, &input))
    };
    refused_unsaved(&mut ledger, "required", Some(Field::Year), |l| {
        save_project(l, project_input(None, "红色足迹", "filed"))
    });
    for year in [1920, 2201] {
        refused_unsaved(&mut ledger, "out_of_range", Some(Field::Year), |l| {
            save_project(l, project_input(Some(year), "红色足迹", "filed"))
        });
    }
    refused_unsaved(&mut ledger, "required", Some(Field::Title), |l| {
        save_project(l, project_input(Some(2018), " ", "filed"))
    });
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Status), |l| {
        save_project(l, project_input(Some(2018), "红色足迹", "approved"))
    });
    refused_unsaved(&mut ledger, "required", Some(Field::Status), |l| {
        save_project(l, project_input(Some(2018), "红色足迹", ""))
    });
    refused_unsaved(&mut ledger, "bad_date", Some(Field::Date), |l| {
        save_project(
            l,
            ProjectInput {
                filed_on: Some("2018-02-30".into()),
                ..project_input(Some(2018), "红色足迹", "filed")
            },
        )
    });
    let id = save_project(
        &mut ledger,
        ProjectInput {
            filed_on: Some("2018-03-01".into()),
            rating: Some("优秀成果".into()),
            ..project_input(Some(2018), "红色足迹", "completed")
        },
    )
    .unwrap();
    refused_unsaved(&mut ledger, "not_found", None, |l| {
        l.write(|c| {
            activities::project_save(c, Some(999), &project_input(Some(2018), "x", "filed"))
        })
    });
    let projects = activities::projects(ledger.read()).unwrap();
    assert_eq!(projects.len(), 1);
    assert_eq!(projects[0].id, id);
    assert_eq!(projects[0].rating, "优秀成果");
    assert_eq!(projects[0].status, activities::ProjectStatus::Completed);
}

// ---- trash ----

#[test]
fn an_activity_goes_to_the_trash_and_comes_back_whole() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    let id = save_ok(
        &mut ledger,
        &ActivityInput {
            speaker_ids: vec![b.wang],
            host_id: Some(b.zhao),
            attendance: vec![
                present(b.wang),
                row(b.li, "expected", "on_leave", Some("出差")),
                guest("来宾甲"),
            ],
            ..activity("party_lecture", "2018-03-15", "党课")
        },
    );
    let file = ledger
        .write(|c| attachments::add(c, Owner::Activity, id, "photo", "现场.jpg", b"jpeg bytes"))
        .unwrap();
    let before = format!("{:?}", activities::get(ledger.read(), id).unwrap());
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Activity, id))
        .unwrap();
    refused(activities::get(ledger.read(), id), "not_found");
    assert_eq!(
        activities::list(ledger.read(), &ActivityQuery::default())
            .unwrap()
            .total,
        0
    );
    assert_eq!(
        activities::rate_of_person(ledger.read(), b.wang, 2018)
            .unwrap()
            .expected,
        0
    );
    let listed = trash::list(ledger.read(), ledger::Lang::Zh).unwrap();
    assert!(listed
        .iter()
        .any(|t| t.kind == Kind::Activity && t.id == id && t.title == "2018-03-15 党课"));
    // No longer listed, the people can go to the trash now.
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Person, b.li))
        .unwrap();
    ledger
        .write(|c| trash::restore(c, Kind::Person, b.li))
        .unwrap();

    ledger
        .write(|c| trash::restore(c, Kind::Activity, id))
        .unwrap();
    assert_eq!(
        format!("{:?}", activities::get(ledger.read(), id).unwrap()),
        before
    );
    let files = attachments::list(ledger.read(), Owner::Activity, id).unwrap();
    assert_eq!(files.iter().map(|f| f.id).collect::<Vec<_>>(), vec![file]);
    assert_eq!(
        activities::rate_of_person(ledger.read(), b.wang, 2018)
            .unwrap()
            .expected,
        1
    );
}

#[test]
fn a_campaign_or_project_with_live_activities_stays_out_of_the_trash() {
    let (_dir, mut ledger) = common::open();
    let camp = campaign(&mut ledger, "两学一做", "2016-04-01", None).unwrap();
    let proj = project(&mut ledger, 2018, "红色足迹");
    let id = save_ok(
        &mut ledger,
        &ActivityInput {
            campaign_id: Some(camp),
            project_id: Some(proj),
            ..activity("study", "2018-03-15", "学习")
        },
    );
    refused_unsaved(&mut ledger, "in_use", None, |l| {
        l.write(|c| trash::move_to_trash(c, Kind::Campaign, camp))
    });
    refused_unsaved(&mut ledger, "in_use", None, |l| {
        l.write(|c| trash::move_to_trash(c, Kind::SpecialProject, proj))
    });
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Activity, id))
        .unwrap();
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Campaign, camp))
        .unwrap();
    ledger
        .write(|c| trash::move_to_trash(c, Kind::SpecialProject, proj))
        .unwrap();
    assert!(activities::campaigns(ledger.read()).unwrap().is_empty());
    assert!(activities::projects(ledger.read()).unwrap().is_empty());
}

#[test]
fn a_person_listed_in_an_activity_stays_out_of_the_trash() {
    let (_dir, mut ledger) = common::open();
    let b = branch(&mut ledger);
    save_ok(
        &mut ledger,
        &ActivityInput {
            host_id: Some(b.wang),
            recorder_id: Some(b.zhao),
            speaker_ids: vec![b.li],
            attendance: vec![row(b.chen, "invited", "present", None)],
            ..activity("party_lecture", "2018-03-15", "党课")
        },
    );
    for person in [b.wang, b.zhao, b.li, b.chen] {
        let err = refused_unsaved(&mut ledger, "in_use", None, |l| {
            l.write(|c| trash::move_to_trash(c, Kind::Person, person))
        });
        assert!(
            err.message(ledger::Lang::En).contains("activities"),
            "{err:?}"
        );
    }
    // Someone not listed can go.
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Person, b.late))
        .unwrap();
}

// ---- attachments ----

#[test]
fn activity_attachments_refuse_large_or_unknown_files() {
    let (_dir, mut ledger) = common::open();
    let id = save_ok(&mut ledger, &activity("study", "2018-03-15", "学习"));
    let big = vec![0u8; attachments::MAX_BYTES as usize + 1];
    refused_unsaved(&mut ledger, "too_large", None, |l| {
        l.write(|c| attachments::add(c, Owner::Activity, id, "sign_in", "签到表.png", &big))
    });
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::File), |l| {
        l.write(|c| attachments::add(c, Owner::Activity, id, "other", "setup.exe", b"MZ"))
    });
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::File), |l| {
        l.write(|c| attachments::add(c, Owner::Activity, id, "other", "无扩展名", b"x"))
    });
    refused_unsaved(&mut ledger, "not_found", None, |l| {
        l.write(|c| attachments::add(c, Owner::Activity, 9999, "photo", "a.png", b"x"))
    });
    // Exactly the limit is accepted.
    let limit = vec![1u8; attachments::MAX_BYTES as usize];
    let file = ledger
        .write(|c| attachments::add(c, Owner::Activity, id, "sign_in", "签到表.PNG", &limit))
        .unwrap();
    let (meta, bytes) = attachments::get(ledger.read(), file).unwrap();
    assert_eq!(meta.mime, "image/png");
    assert_eq!(bytes.len(), limit.len());
    // A trashed activity takes no new files.
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Activity, id))
        .unwrap();
    refused_unsaved(&mut ledger, "not_found", None, |l| {
        l.write(|c| attachments::add(c, Owner::Activity, id, "photo", "a.png", b"x"))
    });
}

#[test]
fn the_expected_people_come_in_pinyin_order_like_every_list_of_people() {
    let (_dir, mut ledger) = common::open();
    ledger::demo::load(&mut ledger).unwrap();
    for kind in [ActivityKind::GeneralMeeting, ActivityKind::CommitteeMeeting] {
        let names: Vec<String> =
            activities::expected(ledger.read(), kind, date("2019-03-05"), None, false)
                .unwrap()
                .into_iter()
                .map(|p| p.name)
                .collect();
        assert!(names.len() >= 5, "{kind:?}: {names:?}");
        assert!(
            names
                .windows(2)
                .all(|w| ledger::people::pinyin_cmp(&w[0], &w[1]).is_le()),
            "{kind:?}: {names:?}"
        );
    }
}

/// Pairs in `person_activities` that differ from what the four tables say (both ways): must be none.
fn pairs_out_of_step(ledger: &Ledger) -> i64 {
    ledger
        .read()
        .query_row(
            "SELECT (SELECT count(*) FROM (SELECT * FROM person_activities
                                           EXCEPT SELECT * FROM person_activities_source))
                  + (SELECT count(*) FROM (SELECT * FROM person_activities_source
                                           EXCEPT SELECT * FROM person_activities))",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

/// One person's activities as the list defined them before `person_activities`: newest first.
fn by_union(ledger: &Ledger, person: i64) -> Vec<i64> {
    let mut stmt = ledger
        .read()
        .prepare(
            "SELECT v.id FROM activities v WHERE v.deleted_at IS NULL AND v.id IN (
                 SELECT activity_id FROM attendance WHERE person_id = ?1
                 UNION SELECT activity_id FROM activity_speakers WHERE person_id = ?1
                 UNION SELECT id FROM activities WHERE host_id = ?1 OR recorder_id = ?1)
             ORDER BY v.date DESC, v.id DESC",
        )
        .unwrap();
    let ids = stmt.query_map([person], |r| r.get(0)).unwrap();
    ids.collect::<rusqlite::Result<_>>().unwrap()
}

#[test]
fn one_persons_activities_stay_in_step_through_random_edits() {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open_dir(dir.path()).unwrap();
    ledger::demo::load(&mut ledger).unwrap();
    assert_eq!(pairs_out_of_step(&ledger), 0);
    let (activities, people): (i64, i64) = ledger
        .read()
        .query_row(
            "SELECT (SELECT max(id) FROM activities), (SELECT max(id) FROM people)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let mut seed = 7_u64;
    let mut below = move |n: i64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        1 + ((seed >> 33) as i64) % n
    };
    ledger
        .write(|c| {
            for _ in 0..400 {
                let (a, p, q) = (below(activities), below(people), below(people));
                let sql = match below(9) {
                    1 => "INSERT OR IGNORE INTO attendance (activity_id, person_id, role, status) VALUES (?1, ?2, 'expected', 'present')",
                    2 => "DELETE FROM attendance WHERE activity_id = ?1 AND person_id = ?2",
                    3 => "UPDATE OR IGNORE attendance SET person_id = ?3 WHERE activity_id = ?1 AND person_id = ?2",
                    4 => "INSERT OR IGNORE INTO activity_speakers (activity_id, person_id) VALUES (?1, ?2)",
                    5 => "DELETE FROM activity_speakers WHERE activity_id = ?1 AND person_id = ?2",
                    6 => "UPDATE activities SET host_id = ?2, recorder_id = CASE WHEN ?3 % 3 = 0 THEN NULL ELSE ?3 END WHERE id = ?1",
                    7 => "UPDATE activities SET date = date(date, '-' || ?2 || ' days') WHERE id = ?1",
                    8 => "UPDATE activities SET deleted_at = CASE WHEN deleted_at IS NULL THEN '2020-01-01 00:00:00' END WHERE id = ?1",
                    _ => "DELETE FROM activities WHERE id = ?1 AND ?2 > 0 AND ?3 > 0",
                };
                let mut stmt = c.prepare(sql)?;
                let wanted = stmt.parameter_count();
                let values = [a, p, q];
                // A change the foreign keys refuse is undone by SQLite, triggers and all.
                match stmt.execute(rusqlite::params_from_iter(&values[..wanted])) {
                    Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::ConstraintViolation) => {}
                    other => {
                        other?;
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(pairs_out_of_step(&ledger), 0);
    for person in 1..=people {
        let q = ActivityQuery {
            person_id: Some(person),
            limit: Some(1000),
            ..Default::default()
        };
        let page: Vec<i64> = activities::page(ledger.read(), &q)
            .unwrap()
            .iter()
            .map(|r| r.id)
            .collect();
        let want = by_union(&ledger, person);
        assert_eq!(page, want, "person {person}");
        assert_eq!(
            activities::count(ledger.read(), &q).unwrap(),
            want.len() as i64
        );
    }
}
