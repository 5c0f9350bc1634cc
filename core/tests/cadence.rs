//! Cadence: required meetings per month, quarter and year, never missing before the branch existed,
//! and rotation order for lecturers.
mod common;

use common::{add_ok, date};
use ledger::activities::{self, ActivityInput, ActivityKind};
use ledger::cadence::{self, SlotState};
use ledger::committee::{self, TermInput};
use ledger::groups::{self, GroupInput};
use ledger::Ledger;

fn elect(ledger: &mut Ledger, on: &str) {
    let input = TermInput {
        ordinal: Some(1),
        elected_on: on.into(),
        ..Default::default()
    };
    ledger.write(|c| committee::add(c, &input)).unwrap();
}

fn meeting(ledger: &mut Ledger, kind: &str, on: &str, speaker: Option<i64>) -> i64 {
    let input = ActivityInput {
        kind: kind.into(),
        date: on.into(),
        title: format!("{kind} {on}"),
        speaker_ids: speaker.into_iter().collect(),
        ..Default::default()
    };
    ledger.write(|c| activities::save(c, None, &input)).unwrap()
}

fn states(ledger: &Ledger, kind: ActivityKind, year: i32, today: &str) -> Vec<SlotState> {
    let lines = cadence::calendar(ledger.read(), year, date(today)).unwrap();
    lines
        .into_iter()
        .find(|l| l.kind == kind)
        .unwrap()
        .slots
        .into_iter()
        .map(|s| s.state)
        .collect()
}

#[test]
fn quarters_are_done_missing_due_or_future_and_nothing_is_missing_before_the_branch() {
    let (_dir, mut ledger) = common::open();
    add_ok(&mut ledger, "吴华强", "full", "2019-05-20"); // the branch begins in Q2 2019
    meeting(&mut ledger, "general_meeting", "2019-06-30", None); // last day of Q2
    meeting(&mut ledger, "general_meeting", "2019-10-01", None); // first day of Q4
    use SlotState::*;
    assert_eq!(
        states(&ledger, ActivityKind::GeneralMeeting, 2019, "2019-11-15"),
        [NotApplicable, Done, Missing, Done]
    );
    let mut ledger2 = ledger;
    assert_eq!(
        states(&ledger2, ActivityKind::GeneralMeeting, 2020, "2020-05-01"),
        [Missing, Due, Future, Future]
    );
    meeting(&mut ledger2, "general_meeting", "2020-04-30", None);
    assert_eq!(
        states(&ledger2, ActivityKind::GeneralMeeting, 2020, "2020-05-01"),
        [Missing, Done, Future, Future]
    );
}

#[test]
fn months_have_their_own_boundaries() {
    let (_dir, mut ledger) = common::open();
    add_ok(&mut ledger, "吴华强", "full", "2020-01-01");
    elect(&mut ledger, "2020-01-01");
    meeting(&mut ledger, "committee_meeting", "2020-01-31", None);
    meeting(&mut ledger, "committee_meeting", "2020-03-01", None);
    let s = states(&ledger, ActivityKind::CommitteeMeeting, 2020, "2020-03-15");
    use SlotState::*;
    assert_eq!(&s[..4], [Done, Missing, Done, Future]);
    assert_eq!(s.len(), 12);
}

#[test]
fn an_empty_ledger_reports_nothing_missing() {
    let (_dir, ledger) = common::open();
    assert!(cadence::reminders(ledger.read(), date("2020-05-01"))
        .unwrap()
        .is_empty());
    let s = states(&ledger, ActivityKind::GeneralMeeting, 2020, "2020-05-01");
    assert!(s.iter().all(|s| *s == SlotState::NotApplicable));
}

#[test]
fn reminders_list_what_is_due_now_and_what_the_last_period_missed() {
    let (_dir, mut ledger) = common::open();
    add_ok(&mut ledger, "吴华强", "full", "2019-01-01");
    elect(&mut ledger, "2019-01-01");
    meeting(&mut ledger, "general_meeting", "2020-02-10", None);
    let found: Vec<(Option<ActivityKind>, String, SlotState)> =
        cadence::reminders(ledger.read(), date("2020-05-01"))
            .unwrap()
            .into_iter()
            .filter(|r| {
                r.kind == Some(ActivityKind::GeneralMeeting)
                    || r.kind == Some(ActivityKind::CommitteeMeeting)
            })
            .map(|r| (r.kind, r.period, r.state))
            .collect();
    assert!(found.contains(&(
        Some(ActivityKind::GeneralMeeting),
        "2020-Q2".into(),
        SlotState::Due
    )));
    assert!(found.contains(&(
        Some(ActivityKind::CommitteeMeeting),
        "2020-04".into(),
        SlotState::Missing
    )));
    assert!(found.contains(&(
        Some(ActivityKind::CommitteeMeeting),
        "2020-05".into(),
        SlotState::Due
    )));
    assert!(
        !found.iter().any(|(_, p, _)| p == "2020-Q1"),
        "Q1 was held: {found:?}"
    );
    assert!(
        !found.iter().any(|(_, p, _)| p == "2020-02"),
        "only the last period's miss is a reminder: {found:?}"
    );
}

#[test]
fn a_rule_can_be_switched_off_and_the_branch_cycle_runs_late() {
    let (_dir, mut ledger) = common::open();
    add_ok(&mut ledger, "吴华强", "full", "2019-01-01");
    ledger
        .write(|c| cadence::set_rule(c, "theme_day", "off"))
        .unwrap();
    let lines = cadence::calendar(ledger.read(), 2020, date("2020-05-01")).unwrap();
    assert!(!lines.iter().any(|l| l.kind == ActivityKind::ThemeDay));
    assert_eq!(
        ledger
            .write(|c| cadence::set_rule(c, "study", "month"))
            .unwrap_err()
            .code(),
        "unknown_value"
    );
    ledger.write(|c| cadence::set_cycle_weeks(c, 2)).unwrap();
    meeting(&mut ledger, "study", "2020-04-01", None);
    let late = cadence::reminders(ledger.read(), date("2020-05-01")).unwrap();
    assert!(late
        .iter()
        .any(|r| r.kind.is_none() && r.state == SlotState::Missing && r.by == "2020-04-15"));
}

#[test]
fn the_next_lecturer_is_whoever_has_gone_longest_without_lecturing() {
    let (_dir, mut ledger) = common::open();
    let a = add_ok(&mut ledger, "张磊", "full", "2018-01-01");
    let b = add_ok(&mut ledger, "李婷", "full", "2018-01-01");
    add_ok(&mut ledger, "王芳", "full", "2018-01-01");
    meeting(&mut ledger, "party_lecture", "2019-03-01", Some(a));
    meeting(&mut ledger, "party_lecture", "2019-06-01", Some(b));
    let next: Vec<String> = cadence::next_lecturers(ledger.read(), date("2020-01-01"), 3)
        .unwrap()
        .into_iter()
        .map(|n| n.name)
        .collect();
    assert_eq!(next, ["王芳", "张磊", "李婷"]);
}

#[test]
fn a_reminder_carries_what_its_record_starts_with() {
    let (_dir, mut ledger) = common::open();
    add_ok(&mut ledger, "吴华强", "full", "2019-01-01");
    elect(&mut ledger, "2019-01-01");
    let all = cadence::reminders(ledger.read(), date("2020-05-01")).unwrap();
    let find = |kind, period: &str| {
        all.iter()
            .find(|r| r.kind == Some(kind) && r.period == period)
            .unwrap_or_else(|| panic!("{kind:?} {period}: {all:?}"))
    };
    // Missed in April: a record dated on the period's last day clears it; due in May: today.
    assert_eq!(
        find(ActivityKind::CommitteeMeeting, "2020-04").date,
        "2020-04-30"
    );
    assert_eq!(
        find(ActivityKind::CommitteeMeeting, "2020-05").date,
        "2020-05-01"
    );
    assert!(all
        .iter()
        .all(|r| r.group_id.is_none() == r.group.is_none()));
}

#[test]
fn committee_meetings_are_required_from_the_first_election_and_group_meetings_from_the_first_record(
) {
    let (_dir, mut ledger) = common::open();
    add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    use SlotState::*;
    let committee =
        |ledger: &Ledger| states(ledger, ActivityKind::CommitteeMeeting, 2016, "2017-03-01");
    assert!(
        committee(&ledger).iter().all(|s| *s == NotApplicable),
        "no committee yet"
    );
    elect(&mut ledger, "2016-11-18");
    let s = committee(&ledger);
    assert!(s[..10].iter().all(|s| *s == NotApplicable));
    assert_eq!(&s[10..], [Missing, Missing]);

    let input = GroupInput {
        name: "第一党小组".into(),
        ..Default::default()
    };
    let group = ledger.write(|c| groups::add(c, &input)).unwrap();
    let group_states = |ledger: &Ledger| -> Vec<SlotState> {
        cadence::calendar(ledger.read(), 2017, date("2018-01-15"))
            .unwrap()
            .into_iter()
            .find(|l| l.group_id == Some(group))
            .unwrap()
            .slots
            .into_iter()
            .map(|s| s.state)
            .collect()
    };
    assert!(group_states(&ledger).iter().all(|s| *s == NotApplicable));
    let input = ActivityInput {
        kind: "group_meeting".into(),
        date: "2017-06-10".into(),
        title: "党小组会".into(),
        party_group_id: Some(group),
        ..Default::default()
    };
    ledger.write(|c| activities::save(c, None, &input)).unwrap();
    let s = group_states(&ledger);
    assert!(s[..5].iter().all(|s| *s == NotApplicable));
    assert_eq!(s[5], Done);
    assert!(s[6..].iter().all(|s| *s == Missing));
}
