//! The trash (回收站): only unused records go in; they can come back, or be erased for good.
mod common;

use common::{add, add_ok, change_stage, new_person, refused, snapshot};
use ledger::committee::{self, TermInput};
use ledger::groups::{self, GroupInput};
use ledger::people::{self, PersonQuery};
use ledger::trash::{self, Kind};
use ledger::{Lang, Ledger, Result};

fn to_trash(ledger: &mut Ledger, kind: Kind, id: i64) -> Result<()> {
    ledger.write(|c| trash::move_to_trash(c, kind, id))
}

fn restore(ledger: &mut Ledger, kind: Kind, id: i64) -> Result<()> {
    ledger.write(|c| trash::restore(c, kind, id))
}

fn purge(ledger: &mut Ledger, kind: Kind, id: i64) -> Result<()> {
    ledger.write(|c| trash::purge(c, kind, id))
}

fn add_group(ledger: &mut Ledger, name: &str, leader: Option<i64>) -> i64 {
    let input = GroupInput {
        name: name.into(),
        leader_id: leader,
        notes: None,
    };
    ledger.write(|c| groups::add(c, &input)).unwrap()
}

fn roster(ledger: &Ledger) -> Vec<String> {
    let all = PersonQuery {
        include_left: true,
        ..Default::default()
    };
    people::list(ledger.read(), &all)
        .unwrap()
        .rows
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn count_rows(ledger: &Ledger, sql: &str, id: i64) -> i64 {
    ledger.read().query_row(sql, [id], |r| r.get(0)).unwrap()
}

#[test]
fn a_group_leader_cannot_go_to_the_trash() {
    let (_dir, mut ledger) = common::open();
    let sun = add_ok(&mut ledger, "孙进", "full", "2016-09-05");
    add_group(&mut ledger, "高精尖党小组", Some(sun));
    let before = snapshot(&ledger);
    let err = refused(to_trash(&mut ledger, Kind::Person, sun), "in_use");
    assert!(
        err.message(Lang::Zh).contains("高精尖党小组组长"),
        "{}",
        err.message(Lang::Zh)
    );
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn a_committee_member_cannot_go_to_the_trash() {
    let (_dir, mut ledger) = common::open();
    let wu = add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    let input = TermInput {
        ordinal: Some(1),
        elected_on: "2016-11-18".into(),
        ..Default::default()
    };
    let t = ledger.write(|c| committee::add(c, &input)).unwrap();
    ledger
        .write(|c| committee::appoint(c, t, wu, "secretary"))
        .unwrap();
    let before = snapshot(&ledger);
    let err = refused(to_trash(&mut ledger, Kind::Person, wu), "in_use");
    assert!(
        err.message(Lang::Zh).contains("第1届支委会书记"),
        "{}",
        err.message(Lang::Zh)
    );
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn a_trashed_person_leaves_the_roster_and_the_counts_until_restored() {
    let (_dir, mut ledger) = common::open();
    add_ok(&mut ledger, "李婷", "full", "2018-12-26");
    let zhao = add_ok(&mut ledger, "赵敏", "probationary", "2020-06-29");
    to_trash(&mut ledger, Kind::Person, zhao).unwrap();

    assert_eq!(roster(&ledger), ["李婷"]);
    assert_eq!(people::counts(ledger.read()).unwrap().probationary, 0);
    assert_eq!(
        people::counts_on(ledger.read(), common::date("2020-12-31"))
            .unwrap()
            .members(),
        1
    );
    refused(people::get_row(ledger.read(), zhao), "not_found");
    let items = trash::list(ledger.read(), Lang::Zh).unwrap();
    let listed: Vec<_> = items
        .iter()
        .map(|i| (i.kind, i.id, i.title.as_str()))
        .collect();
    assert_eq!(listed, [(Kind::Person, zhao, "赵敏")]);

    restore(&mut ledger, Kind::Person, zhao).unwrap();
    assert_eq!(roster(&ledger).len(), 2);
    assert_eq!(people::counts(ledger.read()).unwrap().probationary, 1);
    assert!(trash::list(ledger.read(), Lang::Zh).unwrap().is_empty());
}

#[test]
fn only_a_trashed_record_can_be_erased() {
    let (_dir, mut ledger) = common::open();
    let li = add_ok(&mut ledger, "李婷", "applicant", "2016-10-10");
    let before = snapshot(&ledger);
    refused(purge(&mut ledger, Kind::Person, li), "not_in_trash");
    refused(restore(&mut ledger, Kind::Person, li), "not_in_trash");
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn erasing_a_trashed_person_removes_their_history_too() {
    let (_dir, mut ledger) = common::open();
    let li = add_ok(&mut ledger, "李婷", "applicant", "2016-10-10");
    change_stage(&mut ledger, li, "activist", "2017-03-15").unwrap();
    let keep = add_ok(&mut ledger, "张磊", "applicant", "2017-03-01");
    to_trash(&mut ledger, Kind::Person, li).unwrap();
    purge(&mut ledger, Kind::Person, li).unwrap();

    let history = "SELECT count(*) FROM stage_changes WHERE person_id = ?1";
    assert_eq!(count_rows(&ledger, history, li), 0);
    assert_eq!(count_rows(&ledger, history, keep), 1);
    assert_eq!(
        count_rows(&ledger, "SELECT count(*) FROM people WHERE id = ?1", li),
        0
    );
    assert!(trash::list(ledger.read(), Lang::Zh).unwrap().is_empty());
    refused(restore(&mut ledger, Kind::Person, li), "not_found");
}

#[test]
fn a_group_with_members_cannot_go_to_the_trash() {
    let (_dir, mut ledger) = common::open();
    let group = add_group(&mut ledger, "平台党小组", None);
    let mut wang = new_person("王谦", "full", "2016-10-12");
    wang.details.party_group_id = Some(group);
    let wang = add(&mut ledger, &wang).unwrap();
    let before = snapshot(&ledger);
    refused(to_trash(&mut ledger, Kind::PartyGroup, group), "in_use");
    assert_eq!(snapshot(&ledger), before);

    // Once its only member is in the trash, the group may follow.
    to_trash(&mut ledger, Kind::Person, wang).unwrap();
    to_trash(&mut ledger, Kind::PartyGroup, group).unwrap();
    assert!(groups::list(ledger.read()).unwrap().is_empty());
}

#[test]
fn a_group_cannot_be_restored_when_its_name_was_reused() {
    let (_dir, mut ledger) = common::open();
    let old = add_group(&mut ledger, "平台党小组", None);
    to_trash(&mut ledger, Kind::PartyGroup, old).unwrap();
    add_group(&mut ledger, "平台党小组", None);
    let before = snapshot(&ledger);
    refused(restore(&mut ledger, Kind::PartyGroup, old), "duplicate");
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn the_lists_counts_leave_the_trash_out_with_and_without_a_filter() {
    use ledger::{activities, bulletins, suggestions};
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open_dir(dir.path()).unwrap();
    ledger::demo::load(&mut ledger).unwrap();
    // What each unfiltered count must say: the live rows, as a plain query counts them.
    let live =
        |l: &Ledger, sql: &str| -> i64 { l.read().query_row(sql, [], |r| r.get(0)).unwrap() };
    let check = |l: &Ledger| {
        let c = l.read();
        assert_eq!(
            activities::count(c, &Default::default()).unwrap(),
            live(
                l,
                "SELECT count(*) FROM activities WHERE deleted_at IS NULL"
            )
        );
        assert_eq!(
            suggestions::count(c, &Default::default()).unwrap(),
            live(
                l,
                "SELECT count(*) FROM suggestions WHERE deleted_at IS NULL"
            )
        );
        assert_eq!(
            bulletins::issue_count(c, &Default::default()).unwrap(),
            live(
                l,
                "SELECT count(*) FROM bulletin_issues i JOIN bulletin_series s ON s.id = i.series_id
                 WHERE i.deleted_at IS NULL AND s.deleted_at IS NULL"
            )
        );
    };
    check(&ledger);
    let first = |l: &Ledger, table: &str| live(l, &format!("SELECT min(id) FROM {table}"));
    let (activity, suggestion) = (first(&ledger, "activities"), first(&ledger, "suggestions"));
    // A series with issues, none of which carries a published response (which would keep it).
    let series = live(
        &ledger,
        "SELECT min(s.id) FROM bulletin_series s
         WHERE EXISTS (SELECT 1 FROM bulletin_issues i WHERE i.series_id = s.id)
           AND NOT EXISTS (SELECT 1 FROM bulletin_issues i JOIN suggestions g ON g.published_issue_id = i.id
                           WHERE i.series_id = s.id)",
    );
    to_trash(&mut ledger, Kind::Activity, activity).unwrap();
    to_trash(&mut ledger, Kind::Suggestion, suggestion).unwrap();
    // A series in the trash with one live issue (restored after the series went): the lists leave it out.
    let issues: Vec<i64> = {
        let mut stmt = ledger
            .read()
            .prepare("SELECT id FROM bulletin_issues WHERE series_id = ?1 AND deleted_at IS NULL")
            .unwrap();
        let rows = stmt.query_map([series], |r| r.get(0)).unwrap();
        rows.collect::<rusqlite::Result<_>>().unwrap()
    };
    for &issue in &issues {
        to_trash(&mut ledger, Kind::BulletinIssue, issue).unwrap();
    }
    to_trash(&mut ledger, Kind::BulletinSeries, series).unwrap();
    restore(&mut ledger, Kind::BulletinIssue, issues[0]).unwrap();
    check(&ledger);
    assert!(
        activities::count(ledger.read(), &Default::default()).unwrap()
            < live(&ledger, "SELECT count(*) FROM activities")
    );
}
