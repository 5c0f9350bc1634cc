//! The demo branch, drawn from the seed: 4 founders in 2016, 24 people by the end of 2020.
mod common;

use common::{date, refused, snapshot};
use ledger::committee::{self, Position};
use ledger::people::{self, PersonQuery};
use ledger::{demo, groups, settings};

#[test]
fn the_demo_branch_loads_into_an_empty_ledger() {
    let (_dir, mut ledger) = common::open();
    assert!(!settings::load(ledger.conn()).unwrap().first_run_done);
    demo::load(&mut ledger).unwrap();
    assert!(settings::load(ledger.conn()).unwrap().first_run_done);
    let everyone = PersonQuery {
        include_left: true,
        ..Default::default()
    };
    assert_eq!(people::list(ledger.conn(), &everyone).unwrap().len(), 28);
}

#[test]
fn the_demo_branch_grows_from_4_members_to_22() {
    let (_dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    let founding = people::counts_on(ledger.conn(), date("2016-06-01")).unwrap();
    assert_eq!((founding.members(), founding.full), (4, 4));
    let end_2020 = people::counts_on(ledger.conn(), date("2020-12-31")).unwrap();
    assert_eq!(end_2020.full + end_2020.probationary, 22);
    assert_eq!((end_2020.candidate, end_2020.activist), (1, 1));
}

#[test]
fn the_demo_branch_has_two_groups_and_two_terms() {
    let (_dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    let groups = groups::list(ledger.conn()).unwrap();
    let leaders: Vec<_> = groups
        .iter()
        .map(|g| g.leader.as_deref().unwrap())
        .collect();
    assert_eq!(leaders, ["王谦", "孙进"]);

    let terms = committee::list(ledger.conn()).unwrap();
    let secretary = |ordinal: i64| {
        let term = terms.iter().find(|t| t.ordinal == ordinal).unwrap();
        let seat = term
            .seats
            .iter()
            .find(|s| s.position == Position::Secretary)
            .unwrap();
        seat.name.clone()
    };
    assert_eq!(terms.len(), 2);
    assert_eq!(secretary(1), "吴华强");
    assert_eq!(secretary(2), "伍晓明");
    assert_eq!(terms[1].ends_on.as_deref(), Some("2020-09-18"));
}

#[test]
fn the_demo_branch_loads_only_once() {
    let (_dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    let before = snapshot(&ledger);
    refused(demo::load(&mut ledger), "not_empty");
    assert_eq!(snapshot(&ledger), before, "nothing duplicated");
}
