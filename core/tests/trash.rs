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
    people::list(ledger.conn(), &all)
        .unwrap()
        .rows
        .into_iter()
        .map(|p| p.name)
        .collect()
}

fn count_rows(ledger: &Ledger, sql: &str, id: i64) -> i64 {
    ledger.conn().query_row(sql, [id], |r| r.get(0)).unwrap()
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
    assert_eq!(people::counts(ledger.conn()).unwrap().probationary, 0);
    assert_eq!(
        people::counts_on(ledger.conn(), common::date("2020-12-31"))
            .unwrap()
            .members(),
        1
    );
    refused(people::get_row(ledger.conn(), zhao), "not_found");
    let items = trash::list(ledger.conn(), Lang::Zh).unwrap();
    let listed: Vec<_> = items
        .iter()
        .map(|i| (i.kind, i.id, i.title.as_str()))
        .collect();
    assert_eq!(listed, [(Kind::Person, zhao, "赵敏")]);

    restore(&mut ledger, Kind::Person, zhao).unwrap();
    assert_eq!(roster(&ledger).len(), 2);
    assert_eq!(people::counts(ledger.conn()).unwrap().probationary, 1);
    assert!(trash::list(ledger.conn(), Lang::Zh).unwrap().is_empty());
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
    assert!(trash::list(ledger.conn(), Lang::Zh).unwrap().is_empty());
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
    assert!(groups::list(ledger.conn()).unwrap().is_empty());
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
