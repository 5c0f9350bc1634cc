//! What each screen opens with, gathered in the core (the shell only forwards it): the demo branch's
//! home screen, roster head, participation and bookshelf, with the policy numbers named in `overview`.
mod common;

use ledger::overview::{self, NEXT_IN_LINE, PARTICIPATION_LIMIT};
use ledger::Ledger;

fn demo() -> (tempfile::TempDir, Ledger) {
    let (dir, mut ledger) = common::open();
    ledger::demo::load(&mut ledger).unwrap();
    (dir, ledger)
}

#[test]
fn the_home_screen_names_the_next_three_and_counts_the_year() {
    let (_dir, ledger) = demo();
    let today = common::date("2020-12-20");
    let home = overview::dashboard(ledger.read(), today, Some(2020)).unwrap();
    assert_eq!(home.today, "2020-12-20");
    assert!(home.next_lecturers.len() <= NEXT_IN_LINE && !home.next_lecturers.is_empty());
    assert!(home.next_hosts.len() <= NEXT_IN_LINE);
    assert!(home.counts.iter().map(|(_, n)| n).sum::<i64>() > 0);
}

#[test]
fn the_roster_head_counts_the_branch_and_a_participation_is_one_page() {
    let (_dir, ledger) = demo();
    let now = chrono::NaiveDate::from_ymd_opt(2020, 12, 20)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let roster = overview::roster(ledger.read(), now).unwrap();
    assert_eq!(roster.counts.full + roster.counts.probationary, 22);
    let person = ledger::people::names(ledger.read(), false).unwrap()[0].id;
    let taken = overview::participation(ledger.read(), person, 2019).unwrap();
    assert!(taken.activities.rows.len() as i64 <= PARTICIPATION_LIMIT);
    assert_eq!(taken.year, 2019);
    let shelf = overview::bookshelf(ledger.read(), common::date("2020-12-20")).unwrap();
    assert!(shelf.open_loans > 0);
    assert_eq!(
        overview::stocktakes(ledger.read()).unwrap().history.len(),
        1
    );
}
