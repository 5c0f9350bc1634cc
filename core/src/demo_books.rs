//! The demo branch's bookshelf and reading corner: the titles and copies of `assets/demo/books.json`
//! (labelled SJ-0001… in the order they arrived), and a lending history from September 2016 to a few
//! weeks ago, made through the same rules as anything typed: loans only to people in the branch that
//! day (and a few outsiders, added as 群众 on their first loan), one borrower at a time per copy,
//! renewals within the limit, one copy lost by its borrower, one withdrawn, a 2019 stocktake that
//! found one copy missing, and a handful of loans still out today, three of them overdue.

use crate::books::{self, CopyInput, TitleInput};
use crate::dates::{self, iso};
use crate::dice::Dice;
use crate::loans::{self, LendInput};
use crate::{people, stocktake, Field, Result};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;
use serde::Deserialize;

const BOOKS_JSON: &str = include_str!("../../assets/demo/books.json");

#[derive(Deserialize)]
struct Shelf {
    titles: Vec<DemoTitle>,
    outsiders: Vec<Outsider>,
}

#[derive(Deserialize)]
struct DemoTitle {
    name: String,
    authors: String,
    publisher: String,
    year: Option<i64>,
    #[serde(default)]
    isbn: Option<String>,
    category: String,
    tags: Vec<String>,
    copies: Vec<DemoCopy>,
}

#[derive(Deserialize)]
struct DemoCopy {
    added_on: String,
    source: String,
    location: String,
    #[serde(default)]
    donor: Option<String>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    condition: Option<String>,
}

/// A platform colleague outside the roster who starts borrowing from `from`.
#[derive(Deserialize)]
struct Outsider {
    name: String,
    from: String,
}

fn day(s: &str) -> NaiveDate {
    dates::parse(Field::Date, s).expect("demo dates are valid")
}

/// A copy as the planner sees it.
struct PlanCopy {
    id: i64,
    title: usize,
    label: String,
    added: NaiveDate,
    reading_corner: bool,
    /// The first day it is back on the shelf after its latest planned loan.
    free_from: NaiveDate,
    /// Lost or withdrawn from this day on.
    gone: bool,
}

enum Borrower {
    Person(i64),
    New(String),
}

enum End {
    Returned(NaiveDate, &'static str),
    Lost(NaiveDate),
    Open,
}

struct Planned {
    copy: usize,
    borrower: Borrower,
    on: NaiveDate,
    renewals: Vec<NaiveDate>,
    end: End,
}

/// What happens on a day, in the order a secretary would record it: returns first, then renewals,
/// withdrawals, new loans and last the stocktake.
enum Action {
    Return(usize),
    Lost(usize),
    Renew(usize, usize),
    Withdraw(usize),
    Lend(usize),
    Stocktake { missing: usize },
}

impl Action {
    fn rank(&self) -> u8 {
        match self {
            Action::Return(_) | Action::Lost(_) => 0,
            Action::Renew(..) => 1,
            Action::Withdraw(_) => 2,
            Action::Lend(_) => 3,
            Action::Stocktake { .. } => 4,
        }
    }
}

const RETURN_NOTES: [&str; 4] = ["完好", "封面略有磨损", "书角有折痕", "内页有少量划线"];

/// How much a title is borrowed, by its category (and the campaign of the day).
fn weight(title: &DemoTitle, on: NaiveDate) -> u64 {
    let base = match title.category.as_str() {
        "文学" => 5,
        "科普" | "人物传记" | "党史" => 4,
        "理论学习" | "社科历史" => 3,
        "党章党规" | "经典著作" => 2,
        _ => 1,
    };
    // 两学一做 (2016) and 不忘初心、牢记使命 (2018-06 … 2019-12) send people to the theory and history
    // shelf; 党史学习教育 (2021) to the history shelf.
    let campaign = on < day("2017-01-01") || (day("2018-06-01")..day("2020-01-01")).contains(&on);
    let boost = match title.category.as_str() {
        "理论学习" | "党章党规" => campaign,
        "党史" => campaign || on.year() == 2021,
        _ => false,
    };
    if boost {
        base * 3
    } else {
        base
    }
}

struct Planner<'a> {
    conn: &'a Connection,
    titles: &'a [DemoTitle],
    outsiders: Vec<(String, NaiveDate)>,
    copies: Vec<PlanCopy>,
    loans: Vec<Planned>,
    events: Vec<(NaiveDate, Action)>,
    dice: Dice,
    lost_planned: bool,
}

impl Planner<'_> {
    fn free(&self, i: usize, on: NaiveDate) -> bool {
        let c = &self.copies[i];
        !c.gone && c.added <= on && c.free_from <= on
    }

    fn pick_borrower(&mut self, on: NaiveDate) -> Result<Borrower> {
        let outsiders: Vec<&String> = self
            .outsiders
            .iter()
            .filter(|(_, from)| *from <= on)
            .map(|(name, _)| name)
            .collect();
        if !outsiders.is_empty() && self.dice.roll(10) == 0 {
            let name = outsiders[self.dice.roll(outsiders.len() as u64) as usize].clone();
            return Ok(Borrower::New(name));
        }
        let roster = people::in_branch_on(self.conn, on)?;
        // Some people read more than others.
        let weights: Vec<u64> = roster.iter().map(|p| 1 + (p.id as u64 * 7) % 4).collect();
        let mut roll = self.dice.roll(weights.iter().sum());
        for (p, w) in roster.iter().zip(&weights) {
            if roll < *w {
                return Ok(Borrower::Person(p.id));
            }
            roll -= w;
        }
        unreachable!("the roll is below the total weight")
    }

    /// A copy on the shelf that day, its title chosen by weight; `None` when every copy is out.
    fn pick_copy(&mut self, on: NaiveDate) -> Option<usize> {
        let mut choices: Vec<(usize, u64)> = Vec::new();
        for t in 0..self.titles.len() {
            if let Some(i) =
                (0..self.copies.len()).find(|&i| self.copies[i].title == t && self.free(i, on))
            {
                choices.push((i, weight(&self.titles[t], on)));
            }
        }
        let total: u64 = choices.iter().map(|(_, w)| w).sum();
        if total == 0 {
            return None;
        }
        let mut roll = self.dice.roll(total);
        for (i, w) in choices {
            if roll < w {
                return Some(i);
            }
            roll -= w;
        }
        None
    }

    fn live_copies_of(&self, title: usize) -> usize {
        self.copies
            .iter()
            .filter(|c| c.title == title && !c.gone)
            .count()
    }

    /// Plans a loan on `on` with `end` and renewals decided here; returns false when nothing is free.
    fn loan(&mut self, on: NaiveDate, end: Option<(End, Vec<NaiveDate>)>) -> Result<bool> {
        let Some(copy) = self.pick_copy(on) else {
            return Ok(false);
        };
        let borrower = self.pick_borrower(on)?;
        let (end, renewals) = match end {
            Some(planned) => planned,
            None => self.history_end(on, copy),
        };
        let c = &mut self.copies[copy];
        match &end {
            End::Returned(back, _) => c.free_from = *back + Duration::days(1),
            End::Lost(_) => c.gone = true,
            End::Open => c.free_from = NaiveDate::MAX,
        }
        let n = self.loans.len();
        self.events.push((on, Action::Lend(n)));
        for (k, r) in renewals.iter().enumerate() {
            self.events.push((*r, Action::Renew(n, k)));
        }
        match &end {
            End::Returned(back, _) => self.events.push((*back, Action::Return(n))),
            End::Lost(lost) => self.events.push((*lost, Action::Lost(n))),
            End::Open => {}
        }
        self.loans.push(Planned {
            copy,
            borrower,
            on,
            renewals,
            end,
        });
        Ok(true)
    }

    /// How a past loan ended: most within the month, some renewed once or twice, a few late, and
    /// (once, in 2018) a copy lost by its borrower.
    fn history_end(&mut self, on: NaiveDate, copy: usize) -> (End, Vec<NaiveDate>) {
        let title = self.copies[copy].title;
        if !self.lost_planned && on >= day("2018-04-01") && self.live_copies_of(title) >= 2 {
            self.lost_planned = true;
            return (End::Lost(on + Duration::days(45)), Vec::new());
        }
        let after = |days: i64| on + Duration::days(days);
        let roll = self.dice.roll(100);
        let (days, renewals) = match roll {
            0..=59 => (self.dice.between(7, 30), Vec::new()),
            60..=84 => {
                let first = after(self.dice.between(24, 29));
                (self.dice.between(33, 52), vec![first])
            }
            85..=92 => {
                let first = after(self.dice.between(24, 29));
                let second = after(self.dice.between(50, 56));
                (self.dice.between(60, 80), vec![first, second])
            }
            // Back late, without a renewal.
            _ => (self.dice.between(35, 48), Vec::new()),
        };
        let note = if self.dice.roll(8) == 0 {
            RETURN_NOTES[self.dice.roll(RETURN_NOTES.len() as u64) as usize]
        } else {
            ""
        };
        (End::Returned(after(days), note), renewals)
    }

    /// A copy on the shelf that day, added before `added_before`, in a title with another copy.
    fn pick_spare(&mut self, on: NaiveDate, added_before: NaiveDate, corner: bool) -> usize {
        let spares: Vec<usize> = (0..self.copies.len())
            .filter(|&i| {
                let c = &self.copies[i];
                self.free(i, on)
                    && c.added < added_before
                    && c.reading_corner == corner
                    && self.live_copies_of(c.title) >= 2
            })
            .collect();
        assert!(!spares.is_empty(), "the demo shelf has spare copies");
        spares[self.dice.roll(spares.len() as u64) as usize]
    }
}

/// Loads the shelf and its history. Runs inside the demo's transaction, after the roster.
pub fn load(conn: &Connection) -> Result<()> {
    let shelf: Shelf =
        serde_json::from_str(BOOKS_JSON).expect("the bundled demo shelf is valid JSON");
    let today = dates::today();

    // Titles, then copies in the order they arrived, labelled as the app proposes.
    let mut arrivals: Vec<(NaiveDate, usize, &DemoCopy)> = Vec::new();
    let mut title_ids = Vec::new();
    for (t, title) in shelf.titles.iter().enumerate() {
        let input = TitleInput {
            name: title.name.clone(),
            authors: Some(title.authors.clone()),
            publisher: Some(title.publisher.clone()),
            year: title.year,
            isbn: title.isbn.clone(),
            category: Some(title.category.clone()),
            tags: title.tags.clone(),
            notes: None,
        };
        title_ids.push(books::save_title(conn, None, &input)?);
        for copy in &title.copies {
            arrivals.push((day(&copy.added_on), t, copy));
        }
    }
    arrivals.sort_by_key(|(added, t, _)| (*added, *t));
    let mut copies = Vec::new();
    for (added, t, copy) in arrivals {
        let label = books::next_label(conn)?;
        let input = CopyInput {
            label: label.clone(),
            location: copy.location.clone(),
            place: copy.place.clone(),
            source: copy.source.clone(),
            donor: copy.donor.clone(),
            added_on: iso(added),
            condition: Some(copy.condition.clone().unwrap_or_else(|| "良好".into())),
        };
        let id = books::save_copy(conn, None, title_ids[t], &input)?;
        copies.push(PlanCopy {
            id,
            title: t,
            label,
            added,
            reading_corner: copy.location == "reading_corner",
            free_from: added,
            gone: false,
        });
    }

    let mut plan = Planner {
        conn,
        titles: &shelf.titles,
        outsiders: shelf
            .outsiders
            .iter()
            .map(|o| (o.name.clone(), day(&o.from)))
            .collect(),
        copies,
        loans: Vec::new(),
        events: Vec::new(),
        dice: Dice(2017),
        lost_planned: false,
    };

    // The history: a few loans a month, busiest in the branch's first term (2017–2020), ending
    // well before today so that every past loan is back.
    let history_ends = today - Duration::days(110);
    let withdrawn_on = day("2020-01-08");
    let stocktake_on = day("2019-11-26");
    let mut withdrawn = false;
    let mut stocktaken = false;
    let mut month = day("2016-09-01");
    while month <= history_ends {
        let n = match month.year() {
            2016 => 1 + plan.dice.roll(2),
            2017..=2021 => 2 + plan.dice.roll(3),
            _ => [0, 1, 1, 2, 0, 1][plan.dice.roll(6) as usize],
        };
        let mut days: Vec<i64> = (0..n).map(|_| plan.dice.between(0, 27)).collect();
        days.sort();
        for offset in days {
            let on = month + Duration::days(offset);
            if on > history_ends {
                break;
            }
            if !stocktaken && on >= stocktake_on {
                stocktaken = true;
                // The stocktake finds one copy of the reading corner gone.
                let missing = plan.pick_spare(stocktake_on, stocktake_on, true);
                plan.copies[missing].gone = true;
                plan.events
                    .push((stocktake_on, Action::Stocktake { missing }));
            }
            if !withdrawn && on >= withdrawn_on {
                withdrawn = true;
                // A worn-out early copy is taken off the shelf.
                let worn = plan.pick_spare(withdrawn_on, day("2017-01-01"), false);
                plan.copies[worn].gone = true;
                plan.events.push((withdrawn_on, Action::Withdraw(worn)));
            }
            plan.loan(on, None)?;
        }
        month = month
            .checked_add_months(chrono::Months::new(1))
            .expect("a later month");
    }

    // Loans still out today: three overdue (one of them renewed once), four not yet due.
    let ago = |days: i64| today - Duration::days(days);
    let still_out: [(i64, Option<i64>); 7] = [
        (95, Some(68)),
        (62, None),
        (47, None),
        (25, None),
        (16, None),
        (9, None),
        (4, None),
    ];
    for (lent, renewed) in still_out {
        let renewals = renewed.map(ago).into_iter().collect();
        let planned = plan.loan(ago(lent), Some((End::Open, renewals)))?;
        assert!(planned, "a copy is free for every open demo loan");
    }

    // Record it all, day by day.
    let Planner {
        mut events,
        loans: planned,
        copies,
        ..
    } = plan;
    events.sort_by_key(|(on, action)| (*on, action.rank()));
    let mut loan_ids = vec![0; planned.len()];
    for (on, action) in events {
        let date = iso(on);
        match action {
            Action::Lend(n) => {
                let p = &planned[n];
                let (person_id, new_borrower) = match &p.borrower {
                    Borrower::Person(id) => (Some(*id), None),
                    Borrower::New(name) => (None, Some(name.clone())),
                };
                let input = LendInput {
                    copy_id: copies[p.copy].id,
                    person_id,
                    new_borrower,
                    loaned_on: iso(p.on),
                    due_on: None,
                };
                loan_ids[n] = loans::lend(conn, &input)?;
            }
            Action::Renew(n, k) => {
                loans::renew(conn, loan_ids[n], &iso(planned[n].renewals[k]), None)?;
            }
            Action::Return(n) => {
                let note = match planned[n].end {
                    End::Returned(_, note) => note,
                    _ => "",
                };
                loans::return_loan(conn, loan_ids[n], &date, note)?;
            }
            Action::Lost(n) => loans::mark_lost(conn, loan_ids[n], &date)?,
            Action::Withdraw(c) => books::set_copy_state(conn, copies[c].id, "withdrawn", &date)?,
            Action::Stocktake { missing } => {
                let id = stocktake::start(conn, &date)?;
                let on_shelf = books::copies_where(
                    conn,
                    "c.state = 'available' AND c.id <> ?1",
                    copies[missing].id,
                )?;
                for copy in on_shelf {
                    stocktake::tick(conn, id, &copy.label)?;
                }
                let finished = iso(on + Duration::days(1));
                let not_found = stocktake::finish(conn, id, &finished, true)?;
                debug_assert_eq!(not_found.len(), 1, "{}", copies[missing].label);
            }
        }
    }
    Ok(())
}
