//! The year's dues register (党费收缴台账): a month-by-member grid of what was due and paid, the totals,
//! the reconciliation "collected − handed over = held by the branch", and the members in arrears.

use super::bases::{self, Base};
use super::handovers::{self, Handover};
use super::members::Members;
use super::payments::{self, Payment};
use super::rules::Rules;
use super::{Category, Month};
use crate::{dates, Result};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

/// Unpaid months that put a member on the home screen.
pub const ARREARS_NOTICE: i64 = 3;
/// Consecutive unpaid months after which 党章 Article 9 regards a member as having left the party
/// without good reason: the branch must talk to them before then.
pub const ARREARS_LAPSE: i64 = 6;

/// Everything needed to price and check a month, read once.
pub struct Book {
    pub(crate) members: Members,
    rules: Rules,
    bases: HashMap<i64, Vec<Base>>,
    paid: HashMap<(i64, Month), (usize, i64)>,
    payments: Vec<Payment>,
}

impl Book {
    pub(crate) fn load(conn: &Connection) -> Result<Book> {
        let mut by_person: HashMap<i64, Vec<Base>> = HashMap::new();
        for base in bases::all(conn)? {
            by_person.entry(base.person_id).or_default().push(base);
        }
        let mut stmt = conn.prepare(&format!(
            "{} WHERE d.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY d.received_on, d.id",
            payments::SELECT
        ))?;
        let payments: Vec<Payment> = stmt
            .query_map([], payments::from_row)?
            .collect::<rusqlite::Result<_>>()?;
        let mut paid = HashMap::new();
        for (at, p) in payments.iter().enumerate() {
            for (i, month) in p.covered().enumerate() {
                paid.insert((p.person_id, month), (at, p.share(i as i64)));
            }
        }
        Ok(Book {
            members: Members::load(conn)?,
            rules: Rules::load(conn)?,
            bases: by_person,
            paid,
            payments,
        })
    }

    pub(crate) fn base(&self, person: i64, month: Month) -> Option<&Base> {
        bases::in_force(self.bases.get(&person)?, month)
    }

    /// What `person` owes for `month` under the base and rules in force, if both are known.
    pub(crate) fn due(&self, person: i64, month: Month) -> Option<i64> {
        let base = self.base(person, month)?;
        self.rules
            .due(month, base.category, base.income(), base.chosen_fen)
    }

    pub(crate) fn payment_of(&self, person: i64, month: Month) -> Option<&Payment> {
        self.paid
            .get(&(person, month))
            .map(|(at, _)| &self.payments[*at])
    }

    /// A payment with what its months owe.
    pub(crate) fn priced(&self, mut p: Payment) -> Payment {
        p.due_fen = p.covered().map(|m| self.due(p.person_id, m)).sum();
        p
    }

    fn first_base(&self, person: i64) -> Option<Month> {
        let first = &self.bases.get(&person)?.first()?.from_month;
        Month::parse(crate::Field::FirstMonth, first).ok()
    }

    /// Months from a member's first base up to (not including) `now` that they owed and did not pay.
    fn unpaid_before(&self, person: i64, now: Month) -> Vec<Month> {
        let Some(mut month) = self.first_base(person) else {
            return Vec::new();
        };
        let mut unpaid = Vec::new();
        while month < now {
            if self.members.owes(person, month) && !self.paid.contains_key(&(person, month)) {
                unpaid.push(month);
            }
            month = month.plus(1);
        }
        unpaid
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CellState {
    /// Not a member of the branch that month.
    NotOwed,
    /// A member, but with no base recorded for the month.
    NoBase,
    Paid,
    /// Paid after the month ended.
    PaidLate,
    /// Owed, unpaid and over: arrears.
    Unpaid,
    /// The current month, not paid yet.
    Open,
    /// A later month.
    Ahead,
}

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub month: String,
    pub state: CellState,
    pub due_fen: Option<i64>,
    pub paid_fen: i64,
    pub received_on: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Totals {
    pub due_fen: i64,
    pub paid_fen: i64,
    pub arrears_fen: i64,
}

impl Totals {
    fn add(&mut self, cell: &Cell) {
        self.due_fen += cell.due_fen.unwrap_or(0);
        self.paid_fen += cell.paid_fen;
        if cell.state == CellState::Unpaid {
            self.arrears_fen += cell.due_fen.unwrap_or(0);
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub person_id: i64,
    pub name: String,
    /// The base in force at the year's last month (or the member's last in the year).
    pub category: Option<Category>,
    pub income_fen: Option<i64>,
    pub cells: Vec<Cell>,
    pub totals: Totals,
    pub unpaid_months: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Register {
    pub year: i32,
    /// The day the register is as of (arrears are the months before its month).
    pub as_of: String,
    pub lines: Vec<Line>,
    pub months: Vec<Totals>,
    pub totals: Totals,
    /// Received in the year, whichever months it paid for.
    pub collected_fen: i64,
    pub handed_fen: i64,
    /// Held by the branch before the year began.
    pub held_before_fen: i64,
    /// held_before + collected − handed.
    pub held_fen: i64,
    /// Months owed and over in the year, and of those paid by their month's end.
    pub months_owed: i64,
    pub months_on_time: i64,
    pub payments: Vec<Payment>,
    pub handovers: Vec<Handover>,
}

fn cell(book: &Book, person: i64, month: Month, now: Month) -> Cell {
    let mut cell = Cell {
        month: month.to_string(),
        state: CellState::NotOwed,
        due_fen: None,
        paid_fen: 0,
        received_on: None,
    };
    let owes = book.members.owes(person, month);
    if let Some(&(at, share)) = book.paid.get(&(person, month)) {
        let p = &book.payments[at];
        cell.paid_fen = share;
        cell.received_on = Some(p.received_on.clone());
        cell.state = if p.received_on > month.last_day_iso() {
            CellState::PaidLate
        } else {
            CellState::Paid
        };
    } else if !owes {
        return cell;
    } else if book.base(person, month).is_none() {
        cell.state = CellState::NoBase;
    } else {
        cell.state = match month.cmp(&now) {
            std::cmp::Ordering::Less => CellState::Unpaid,
            std::cmp::Ordering::Equal => CellState::Open,
            std::cmp::Ordering::Greater => CellState::Ahead,
        };
    }
    if owes {
        cell.due_fen = book.due(person, month);
    }
    cell
}

fn line(book: &Book, person: i64, months: &[Month], now: Month) -> Line {
    let cells: Vec<Cell> = months.iter().map(|&m| cell(book, person, m, now)).collect();
    let mut totals = Totals::default();
    cells.iter().for_each(|c| totals.add(c));
    let base = months.iter().rev().find_map(|&m| book.base(person, m));
    Line {
        person_id: person,
        name: book.members.name(person).unwrap_or_default().to_string(),
        category: base.map(|b| b.category),
        income_fen: base.and_then(|b| b.income_fen),
        unpaid_months: cells
            .iter()
            .filter(|c| c.state == CellState::Unpaid)
            .count() as i64,
        cells,
        totals,
    }
}

/// The register of `year` as of `today`.
pub fn register(conn: &Connection, year: i32, today: NaiveDate) -> Result<Register> {
    let book = Book::load(conn)?;
    let now = Month::of(today);
    let months: Vec<Month> = (1..=12).filter_map(|m| Month::new(year, m)).collect();
    let mut people = book.members.owing_in(&months);
    for p in book
        .payments
        .iter()
        .filter(|p| p.covered().any(|m| m.year() == year))
    {
        if !people.contains(&p.person_id) {
            people.push(p.person_id);
        }
    }
    let lines: Vec<Line> = people
        .iter()
        .map(|&p| line(&book, p, &months, now))
        .collect();
    let mut month_totals = vec![Totals::default(); 12];
    let mut totals = Totals::default();
    let (mut months_owed, mut months_on_time) = (0, 0);
    for l in &lines {
        for (i, c) in l.cells.iter().enumerate() {
            month_totals[i].add(c);
            totals.add(c);
            let over = Month::parse(crate::Field::Month, &c.month).is_ok_and(|m| m < now);
            if over
                && matches!(
                    c.state,
                    CellState::Paid | CellState::PaidLate | CellState::Unpaid
                )
            {
                months_owed += 1;
                months_on_time += i64::from(c.state == CellState::Paid);
            }
        }
    }
    let start = format!("{year:04}-01-01");
    let in_year = |p: &&Payment| p.received_on.starts_with(&format!("{year:04}-"));
    let collected_fen = book
        .payments
        .iter()
        .filter(in_year)
        .map(|p| p.amount_fen)
        .sum();
    let collected_before: i64 = book
        .payments
        .iter()
        .filter(|p| p.received_on < start)
        .map(|p| p.amount_fen)
        .sum();
    let handovers = handovers::in_year(conn, year)?;
    let handed_fen = handovers.iter().map(|h| h.amount_fen).sum();
    let held_before_fen = collected_before - handovers::total_before(conn, &start)?;
    let payments = book
        .payments
        .iter()
        .filter(in_year)
        .rev()
        .cloned()
        .map(|p| book.priced(p))
        .collect();
    Ok(Register {
        year,
        as_of: dates::iso(today),
        lines,
        months: month_totals,
        totals,
        collected_fen,
        handed_fen,
        held_before_fen,
        held_fen: held_before_fen + collected_fen - handed_fen,
        months_owed,
        months_on_time,
        payments,
        handovers,
    })
}

/// A member with unpaid months, for the home screen.
#[derive(Debug, Clone, Serialize)]
pub struct Arrear {
    pub person_id: i64,
    pub name: String,
    pub unpaid_months: i64,
    pub first_unpaid: String,
    /// Unpaid months in a row up to last month.
    pub in_a_row: i64,
    pub owed_fen: i64,
    /// Six months or more in a row: 党章 Article 9.
    pub lapsing: bool,
}

/// Members still in the branch with `ARREARS_NOTICE` or more unpaid months before `today`'s month,
/// most months first. Months are counted from a member's first recorded base.
pub fn arrears(conn: &Connection, today: NaiveDate) -> Result<Vec<Arrear>> {
    let book = Book::load(conn)?;
    let now = Month::of(today);
    let mut found = Vec::new();
    for &person in book.bases.keys() {
        if !book.members.owes(person, now) {
            continue;
        }
        let unpaid = book.unpaid_before(person, now);
        if (unpaid.len() as i64) < ARREARS_NOTICE {
            continue;
        }
        let in_a_row = unpaid
            .iter()
            .rev()
            .zip(1..)
            .take_while(|(m, i)| m.plus(*i) == now)
            .count() as i64;
        found.push(Arrear {
            person_id: person,
            name: book.members.name(person).unwrap_or_default().to_string(),
            unpaid_months: unpaid.len() as i64,
            first_unpaid: unpaid[0].to_string(),
            in_a_row,
            owed_fen: unpaid.iter().filter_map(|&m| book.due(person, m)).sum(),
            lapsing: in_a_row >= ARREARS_LAPSE,
        });
    }
    found.sort_by(|a, b| {
        b.unpaid_months
            .cmp(&a.unpaid_months)
            .then_with(|| crate::text::pinyin_cmp(&a.name, &b.name))
    });
    Ok(found)
}

/// The years the register can show: from the first base or payment to this year, newest first.
pub fn years(conn: &Connection, today: NaiveDate) -> Result<Vec<i32>> {
    let first: Option<String> = conn.query_row(
        "SELECT min(m) FROM (SELECT min(from_month) AS m FROM dues_bases WHERE deleted_at IS NULL
                             UNION ALL SELECT min(first_month) FROM dues_payments WHERE deleted_at IS NULL)",
        [],
        |r| r.get(0),
    )?;
    let this = chrono::Datelike::year(&today);
    let from = first
        .and_then(|m| m.get(..4)?.parse().ok())
        .unwrap_or(this)
        .min(this);
    Ok((from..=this).rev().collect())
}

/// The dues of a range for the annual summary: money in and out, and how punctually members paid.
/// No income and no name: the summary leaves personal data out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RangeFigures {
    /// Received in the range, whichever months it paid for.
    pub collected_fen: i64,
    pub handed_fen: i64,
    /// What the branch held on the range's last day.
    pub held_fen: i64,
    /// Member-months of the range that were over by its end (or today) and owed.
    pub months_owed: i64,
    /// Of those, paid within their month, paid later, and still unpaid.
    pub months_on_time: i64,
    pub months_late: i64,
    pub months_unpaid: i64,
    /// Members who paid something in the range.
    pub payers: i64,
}

impl RangeFigures {
    /// Paid within their month, of the months owed (0–1).
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.months_owed > 0).then(|| self.months_on_time as f64 / self.months_owed as f64)
    }
}

/// The dues figures of the days `from` to `to`, with months counted once over by `today`.
pub fn in_range(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<RangeFigures> {
    let book = Book::load(conn)?;
    let (from_iso, to_iso) = (dates::iso(from), dates::iso(to));
    let received = |p: &&Payment| p.received_on >= from_iso && p.received_on <= to_iso;
    let mut f = RangeFigures {
        collected_fen: book
            .payments
            .iter()
            .filter(received)
            .map(|p| p.amount_fen)
            .sum(),
        ..Default::default()
    };
    let mut payers: Vec<i64> = book
        .payments
        .iter()
        .filter(received)
        .map(|p| p.person_id)
        .collect();
    payers.sort_unstable();
    payers.dedup();
    f.payers = payers.len() as i64;
    let day_after = dates::iso(to.succ_opt().unwrap_or(to));
    let in_before = |day: &str| -> i64 {
        book.payments
            .iter()
            .filter(|p| p.received_on.as_str() < day)
            .map(|p| p.amount_fen)
            .sum()
    };
    f.held_fen = in_before(&day_after) - handovers::total_before(conn, &day_after)?;
    f.handed_fen =
        handovers::total_before(conn, &day_after)? - handovers::total_before(conn, &from_iso)?;
    let last = Month::of(to.min(today));
    let (mut month, end) = (
        Month::of(from),
        if to.min(today) == last.last_day() {
            last
        } else {
            last.plus(-1)
        },
    );
    while month <= end {
        for &person in book.bases.keys() {
            let Some(first) = book.first_base(person) else {
                continue;
            };
            if month < first || !book.members.owes(person, month) {
                continue;
            }
            f.months_owed += 1;
            match book.payment_of(person, month) {
                Some(p) if p.received_on <= month.last_day_iso() => f.months_on_time += 1,
                Some(_) => f.months_late += 1,
                None => f.months_unpaid += 1,
            }
        }
        month = month.plus(1);
    }
    Ok(f)
}
