//! The branch committee (支委会): terms, who may hold a post, and when re-election (换届) is due.
mod common;

use common::{add_ok, add_transferred_in, change_stage, date, refused, snapshot};
use ledger::committee::{self, Position, ReelectionState, TermInput};
use ledger::{Ledger, Result};

fn term(ordinal: i64, elected_on: &str) -> TermInput {
    TermInput {
        ordinal: Some(ordinal),
        elected_on: elected_on.into(),
        ..Default::default()
    }
}

fn add_term(ledger: &mut Ledger, input: &TermInput) -> Result<i64> {
    ledger.write(|c| committee::add(c, input))
}

fn appoint(ledger: &mut Ledger, term_id: i64, person_id: i64, position: &str) -> Result<i64> {
    ledger.write(|c| committee::appoint(c, term_id, person_id, position))
}

/// Asserts that `result` is refused with `code` and nothing was saved.
#[track_caller]
fn refused_unchanged<T>(
    ledger: &mut Ledger,
    code: &str,
    attempt: impl FnOnce(&mut Ledger) -> Result<T>,
) {
    let before = snapshot(ledger);
    refused(attempt(ledger), code);
    assert_eq!(snapshot(ledger), before, "nothing may be saved");
}

#[test]
fn a_term_number_cannot_be_used_twice() {
    let (_dir, mut ledger) = common::open();
    add_term(&mut ledger, &term(1, "2016-11-18")).unwrap();
    refused_unchanged(&mut ledger, "duplicate", |l| {
        add_term(l, &term(1, "2020-09-18"))
    });
}

#[test]
fn a_term_cannot_end_before_its_election() {
    let (_dir, mut ledger) = common::open();
    let input = TermInput {
        ends_on: Some("2016-11-17".into()),
        ..term(1, "2016-11-18")
    };
    refused_unchanged(&mut ledger, "too_early", |l| add_term(l, &input));
}

#[test]
fn a_new_term_must_be_elected_after_the_previous_one() {
    let (_dir, mut ledger) = common::open();
    add_term(&mut ledger, &term(1, "2016-11-18")).unwrap();
    refused_unchanged(&mut ledger, "too_early", |l| {
        add_term(l, &term(2, "2016-11-18"))
    });
    refused_unchanged(&mut ledger, "too_early", |l| {
        add_term(l, &term(2, "2015-01-01"))
    });
}

#[test]
fn electing_term_2_closes_term_1() {
    let (_dir, mut ledger) = common::open();
    add_term(&mut ledger, &term(1, "2016-11-18")).unwrap();
    add_term(&mut ledger, &term(2, "2020-09-18")).unwrap();
    let terms = committee::list(ledger.read()).unwrap();
    let ends: Vec<_> = terms
        .iter()
        .map(|t| (t.ordinal, t.ends_on.as_deref()))
        .collect();
    assert_eq!(ends, [(2, None), (1, Some("2020-09-18"))]);
    assert_eq!(committee::next_ordinal(ledger.read()).unwrap(), 3);
}

#[test]
fn only_a_full_member_on_the_election_date_may_be_appointed() {
    let (_dir, mut ledger) = common::open();
    let probationary = add_ok(&mut ledger, "赵敏", "probationary", "2020-06-29");
    let full_too_late = add_ok(&mut ledger, "杨帆", "probationary", "2019-06-27");
    change_stage(&mut ledger, full_too_late, "full", "2020-06-29").unwrap();
    let arrived_later = add_transferred_in(&mut ledger, "伍晓明", "full", "2017-03-01");
    let first = add_term(&mut ledger, &term(1, "2016-11-18")).unwrap();
    let second = add_term(&mut ledger, &term(2, "2020-06-01")).unwrap();

    refused_unchanged(&mut ledger, "not_full_member", |l| {
        appoint(l, second, probationary, "member")
    });
    refused_unchanged(&mut ledger, "not_full_member", |l| {
        appoint(l, second, full_too_late, "member")
    });
    refused_unchanged(&mut ledger, "not_full_member", |l| {
        appoint(l, first, arrived_later, "secretary")
    });
    appoint(&mut ledger, second, arrived_later, "secretary").unwrap();
}

#[test]
fn a_term_has_one_secretary_but_may_have_many_plain_members() {
    let (_dir, mut ledger) = common::open();
    let people: Vec<i64> = ["吴华强", "窦维治", "祝月红", "钟潇"]
        .iter()
        .map(|name| add_ok(&mut ledger, name, "full", "2016-05-20"))
        .collect();
    let t = add_term(&mut ledger, &term(1, "2016-11-18")).unwrap();
    appoint(&mut ledger, t, people[0], "secretary").unwrap();
    refused_unchanged(&mut ledger, "position_taken", |l| {
        appoint(l, t, people[1], "secretary")
    });
    for &p in &people[1..] {
        appoint(&mut ledger, t, p, "member").unwrap();
    }
    let seats = &committee::list(ledger.read()).unwrap()[0].seats;
    let members = seats
        .iter()
        .filter(|s| s.position == Position::Member)
        .count();
    assert_eq!((seats.len(), members), (4, 3));
    assert_eq!(seats[0].name, "吴华强");
}

#[test]
fn a_person_holds_one_seat_per_term() {
    let (_dir, mut ledger) = common::open();
    let wu = add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    let t = add_term(&mut ledger, &term(1, "2016-11-18")).unwrap();
    appoint(&mut ledger, t, wu, "secretary").unwrap();
    refused_unchanged(&mut ledger, "duplicate", |l| appoint(l, t, wu, "member"));
    refused_unchanged(&mut ledger, "duplicate", |l| {
        appoint(l, t, wu, "organisation")
    });
}

#[test]
fn an_unknown_position_is_refused() {
    let (_dir, mut ledger) = common::open();
    let wu = add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    let t = add_term(&mut ledger, &term(1, "2016-11-18")).unwrap();
    refused_unchanged(&mut ledger, "unknown_value", |l| {
        appoint(l, t, wu, "chairman")
    });
}

#[test]
fn reelection_is_due_three_years_after_the_election_by_default() {
    let (_dir, mut ledger) = common::open();
    assert!(committee::reelection(ledger.read(), date("2020-01-01"), 3)
        .unwrap()
        .is_none());
    add_term(&mut ledger, &term(1, "2016-11-18")).unwrap();
    let state = |today: &str| {
        let r = committee::reelection(ledger.read(), date(today), 3)
            .unwrap()
            .unwrap();
        assert_eq!((r.ordinal, r.due_on.as_str()), (1, "2019-11-18"));
        r.state
    };
    assert_eq!(state("2019-01-01"), ReelectionState::Ok);
    assert_eq!(state("2019-10-01"), ReelectionState::DueSoon);
    assert_eq!(state("2019-11-18"), ReelectionState::Overdue);
    assert_eq!(state("2020-09-01"), ReelectionState::Overdue);
}

#[test]
fn reelection_follows_a_five_year_term() {
    let (_dir, mut ledger) = common::open();
    add_term(&mut ledger, &term(1, "2016-11-18")).unwrap();
    let state = |today: &str| {
        let r = committee::reelection(ledger.read(), date(today), 5)
            .unwrap()
            .unwrap();
        assert_eq!(r.due_on, "2021-11-18");
        r.state
    };
    assert_eq!(state("2020-09-01"), ReelectionState::Ok);
    assert_eq!(state("2021-09-01"), ReelectionState::DueSoon);
    assert_eq!(state("2022-01-01"), ReelectionState::Overdue);
}

#[test]
fn reelection_looks_at_the_latest_term() {
    let (_dir, mut ledger) = common::open();
    add_term(&mut ledger, &term(1, "2016-11-18")).unwrap();
    add_term(&mut ledger, &term(2, "2020-09-18")).unwrap();
    let r = committee::reelection(ledger.read(), date("2021-01-01"), 3)
        .unwrap()
        .unwrap();
    assert_eq!(
        (r.ordinal, r.due_on.as_str(), r.state),
        (2, "2023-09-18", ReelectionState::Ok)
    );
}
