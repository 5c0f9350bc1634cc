//! The demo branch, drawn from the seed: 4 founders in 2016, 24 people by the end of 2020, and its
//! bookshelf with a lending history.
mod common;

use common::{date, refused, snapshot};
use ledger::books::{self, CopyState, Location, Source, TitleQuery};
use ledger::committee::{self, Position};
use ledger::loans::{self, LoanQuery};
use ledger::people::{self, PersonQuery};
use ledger::{demo, groups, settings, stocktake};

#[test]
fn the_demo_branch_loads_into_an_empty_ledger() {
    let (_dir, mut ledger) = common::open();
    assert!(!settings::load(ledger.read()).unwrap().first_run_done);
    demo::load(&mut ledger).unwrap();
    assert!(settings::load(ledger.read()).unwrap().first_run_done);
    let everyone = PersonQuery {
        include_left: true,
        ..Default::default()
    };
    // The 28 of the roster, and 4 platform colleagues registered as non-members when they first
    // borrowed a book.
    let roster = people::list(ledger.read(), &everyone).unwrap();
    assert_eq!((roster.total, roster.rows.len()), (32, 32));
    let since_2016 = people::in_branch_on(ledger.read(), date("2020-12-31")).unwrap();
    assert_eq!(
        since_2016.len(),
        27 + 3,
        "27 still in the branch, 3 outsiders by 2020"
    );
}

#[test]
fn the_demo_branch_grows_from_4_members_to_22() {
    let (_dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    let founding = people::counts_on(ledger.read(), date("2016-06-01")).unwrap();
    assert_eq!((founding.members(), founding.full), (4, 4));
    let end_2020 = people::counts_on(ledger.read(), date("2020-12-31")).unwrap();
    assert_eq!(end_2020.full + end_2020.probationary, 22);
    assert_eq!((end_2020.candidate, end_2020.activist), (1, 1));
}

#[test]
fn the_demo_branch_has_two_groups_and_two_terms() {
    let (_dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    let groups = groups::list(ledger.read()).unwrap();
    let leaders: Vec<_> = groups
        .iter()
        .map(|g| g.leader.as_deref().unwrap())
        .collect();
    assert_eq!(leaders, ["王谦", "孙进"]);

    let terms = committee::list(ledger.read()).unwrap();
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

#[test]
fn the_demo_branch_has_a_bookshelf_with_a_lending_history() {
    let (_dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    let conn = ledger.read();
    let all = |q: &LoanQuery| loans::list(conn, q).unwrap();

    let titles = books::list_titles(conn, &TitleQuery::default()).unwrap();
    assert!(titles.total >= 40, "{} titles", titles.total);
    assert!(titles
        .rows
        .iter()
        .any(|t| t.name.starts_with("习近平谈治国理政")));
    let copies: Vec<books::Copy> = titles
        .rows
        .iter()
        .flat_map(|t| books::get_title(conn, t.id).unwrap().copies)
        .collect();
    assert!(copies.len() > titles.rows.len(), "{} copies", copies.len());
    assert_eq!(
        copies
            .iter()
            .filter(|c| c.state == CopyState::Withdrawn)
            .count(),
        1
    );
    assert_eq!(
        copies.iter().filter(|c| c.state == CopyState::Lost).count(),
        2
    );
    assert!(copies.iter().any(|c| c.location == Location::ReadingCorner));
    assert!(copies
        .iter()
        .any(|c| c.source == Source::Donation && !c.donor.is_empty()));
    let mut labels: Vec<&str> = copies.iter().map(|c| c.label.as_str()).collect();
    labels.sort();
    assert_eq!(labels[0], "SJ-0001");
    assert_eq!(
        books::next_label(conn).unwrap(),
        format!("SJ-{:04}", copies.len() + 1)
    );

    let history = all(&LoanQuery {
        limit: 1000,
        ..Default::default()
    });
    // The history grows a little every year; the first term's part is fixed.
    let first_term = history
        .rows
        .iter()
        .filter(|l| l.loaned_on.as_str() < "2021-01-01")
        .count();
    assert!(
        (120..=200).contains(&first_term),
        "{first_term} loans by 2020"
    );
    assert!(history.total >= 150, "{} loans", history.total);
    assert!(history.rows.iter().any(|l| l.renewals == 2));
    assert_eq!(
        history.rows.iter().filter(|l| l.lost_on.is_some()).count(),
        1
    );
    assert!(
        history.rows.iter().any(|l| !l.member),
        "non-members borrow too"
    );
    assert!(history
        .rows
        .iter()
        .any(|l| l.loaned_on.as_str() < "2016-12-31"));
    // Every borrower was in the branch on the loan date.
    for loan in &history.rows {
        let on = date(&loan.loaned_on);
        assert!(
            people::stage_on(conn, loan.person_id, on)
                .unwrap()
                .is_some(),
            "{} borrowed {} on {}",
            loan.person,
            loan.title,
            loan.loaned_on
        );
    }
    // Outsiders were added as non-members on their first loan, once each.
    let everyone = PersonQuery {
        include_left: true,
        ..Default::default()
    };
    let roster = people::list(conn, &everyone).unwrap();
    assert!(roster.total > 28 && roster.total <= 32, "{}", roster.total);

    let open = all(&LoanQuery {
        open_only: true,
        ..Default::default()
    });
    let overdue = loans::overdue(conn).unwrap();
    assert_eq!((overdue.total, overdue.longest.len()), (3, 3));
    assert_eq!(open.total - overdue.total, 4);
    // Loans still out are recent; every other one came back at least two weeks ago.
    let days_ago = |n| common::iso(ledger::dates::today() - chrono::Duration::days(n));
    let (recent, cutoff) = (days_ago(100), days_ago(14));
    assert!(open.rows.iter().all(|l| l.loaned_on > recent));
    assert!(history
        .rows
        .iter()
        .filter_map(|l| l.returned_on.as_deref())
        .all(|back| back < cutoff.as_str()));

    let stocktakes = stocktake::history(conn).unwrap();
    assert_eq!(stocktakes.len(), 1);
    let s = &stocktakes[0];
    assert!(s.started_on.starts_with("2019-"), "{}", s.started_on);
    assert_eq!((s.missing, s.marked_lost), (Some(1), true));
    assert!(s.found > 30, "{} found", s.found);

    let y2019 = loans::year_stats(conn, 2019).unwrap();
    assert!(y2019.loans >= 20, "{y2019:?}");
    assert!(
        y2019.member_borrowers > 5 && y2019.other_borrowers > 0,
        "{y2019:?}"
    );
    assert!(!y2019.top_titles.is_empty());
}
