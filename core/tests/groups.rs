//! Party groups (党小组): unique names, and a leader who belongs to the group and stays in it.
mod common;

use common::{add, add_ok, new_person, refused, snapshot, transfer};
use ledger::groups::{self, GroupInput};
use ledger::people::{self, Direction, PersonInput};
use ledger::{Ledger, Result};

fn add_group(ledger: &mut Ledger, name: &str, leader: Option<i64>) -> Result<i64> {
    let input = GroupInput {
        name: name.into(),
        leader_id: leader,
        notes: None,
    };
    ledger.write(|c| groups::add(c, &input))
}

/// Adds a full member in `group`.
fn member_of(ledger: &mut Ledger, name: &str, group: i64) -> i64 {
    let mut person = new_person(name, "full", "2016-10-12");
    person.details.party_group_id = Some(group);
    add(ledger, &person).unwrap()
}

/// Moves a person to another group (or none), keeping their other details.
fn move_to(ledger: &mut Ledger, id: i64, group: Option<i64>) -> Result<()> {
    let input = PersonInput {
        name: people::get_row(ledger.read(), id).unwrap().name,
        party_group_id: group,
        ..Default::default()
    };
    ledger.write(|c| people::update(c, id, &input))
}

#[test]
fn two_groups_cannot_share_a_name() {
    let (_dir, mut ledger) = common::open();
    add_group(&mut ledger, "平台党小组", None).unwrap();
    let before = snapshot(&ledger);
    refused(add_group(&mut ledger, "平台党小组", None), "duplicate");
    refused(add_group(&mut ledger, " 平台党小组 ", None), "duplicate");
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn a_leader_from_another_group_is_refused() {
    let (_dir, mut ledger) = common::open();
    let platform = add_group(&mut ledger, "平台党小组", None).unwrap();
    let wang = member_of(&mut ledger, "王谦", platform);
    let before = snapshot(&ledger);
    refused(
        add_group(&mut ledger, "高精尖党小组", Some(wang)),
        "not_in_group",
    );
    assert_eq!(
        snapshot(&ledger),
        before,
        "the new group is not saved either"
    );
}

#[test]
fn a_leader_in_no_group_is_put_into_the_group() {
    let (_dir, mut ledger) = common::open();
    let sun = add_ok(&mut ledger, "孙进", "full", "2016-09-05");
    let group = add_group(&mut ledger, "高精尖党小组", Some(sun)).unwrap();
    assert_eq!(
        people::get_row(ledger.read(), sun).unwrap().party_group_id,
        Some(group)
    );
    let listed = &groups::list(ledger.read()).unwrap()[0];
    assert_eq!(
        (listed.leader.as_deref(), listed.members),
        (Some("孙进"), 1)
    );
}

#[test]
fn a_group_leader_cannot_move_to_another_group() {
    let (_dir, mut ledger) = common::open();
    let platform = add_group(&mut ledger, "平台党小组", None).unwrap();
    let wang = member_of(&mut ledger, "王谦", platform);
    ledger
        .write(|c| {
            groups::update(
                c,
                platform,
                &GroupInput {
                    name: "平台党小组".into(),
                    leader_id: Some(wang),
                    notes: None,
                },
            )
        })
        .unwrap();
    let other = add_group(&mut ledger, "高精尖党小组", None).unwrap();

    let before = snapshot(&ledger);
    refused(move_to(&mut ledger, wang, Some(other)), "in_use");
    refused(move_to(&mut ledger, wang, None), "in_use");
    assert_eq!(snapshot(&ledger), before);

    // Once someone else leads the group, the former leader may move.
    let li = member_of(&mut ledger, "李婷", platform);
    ledger
        .write(|c| {
            groups::update(
                c,
                platform,
                &GroupInput {
                    name: "平台党小组".into(),
                    leader_id: Some(li),
                    notes: None,
                },
            )
        })
        .unwrap();
    move_to(&mut ledger, wang, Some(other)).unwrap();
}

#[test]
fn a_group_leader_cannot_transfer_out() {
    let (_dir, mut ledger) = common::open();
    let sun = add_ok(&mut ledger, "孙进", "full", "2016-09-05");
    add_group(&mut ledger, "高精尖党小组", Some(sun)).unwrap();
    let before = snapshot(&ledger);
    refused(
        transfer(&mut ledger, sun, Direction::Out, "2019-07-15"),
        "in_use",
    );
    assert_eq!(snapshot(&ledger), before);
}
