//! Lending (借阅): a copy goes to one borrower at a time (a member or anyone else on the roster, added on
//! the spot as 群众 when new), with a due date from the loan period; it can be renewed (续借) up to a
//! limit, returned (归还) with a note on its condition, or found lost. Overdue loans (逾期) are listed.

use crate::books::{self, CopyState};
use crate::dates::{self, iso};
use crate::filter::kept_count;
use crate::text::{self, NAME_MAX};
use crate::{people, settings, Error, Field, Result};
use chrono::{Duration, NaiveDate};
use rusqlite::{params, Connection, Row};
use serde::{Deserialize, Serialize};

const NOTE_MAX: usize = 200;
pub const DEFAULT_LOAN_DAYS: i64 = 30;
pub const DEFAULT_RENEW_LIMIT: i64 = 2;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LendInput {
    pub copy_id: i64,
    /// A person on the roster…
    pub person_id: Option<i64>,
    /// …or the name of a new borrower, added to the roster as a non-member (群众).
    pub new_borrower: Option<String>,
    pub loaned_on: String,
    /// Empty means the loan period from the settings.
    pub due_on: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Loan {
    pub id: i64,
    pub copy_id: i64,
    pub label: String,
    pub title_id: i64,
    pub title: String,
    pub person_id: i64,
    pub person: String,
    /// Whether the borrower was a party member (full or probationary) on the loan date.
    pub member: bool,
    pub loaned_on: String,
    pub due_on: String,
    pub renewals: i64,
    pub returned_on: Option<String>,
    pub return_note: String,
    pub lost_on: Option<String>,
    /// Days past due for an open loan, today; `None` when not overdue.
    pub overdue_days: Option<i64>,
}

impl Loan {
    pub fn is_open(&self) -> bool {
        self.returned_on.is_none() && self.lost_on.is_none()
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LoanQuery {
    pub open_only: bool,
    pub overdue_only: bool,
    pub person_id: Option<i64>,
    pub copy_id: Option<i64>,
    pub title_id: Option<i64>,
    pub year: Option<i32>,
    pub offset: i64,
    /// 0 means the default page size.
    pub limit: i64,
}

pub type LoanPage = crate::page::Page<Loan>;

/// Loan period and renewal limit, kept in the ledger's settings.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Rules {
    pub loan_days: i64,
    pub renew_limit: i64,
}

pub fn rules(conn: &Connection) -> Result<Rules> {
    let number = |key, default| -> Result<i64> {
        Ok(settings::get_text(conn, key)?
            .and_then(|v| v.parse().ok())
            .unwrap_or(default))
    };
    Ok(Rules {
        loan_days: number("loan_days", DEFAULT_LOAN_DAYS)?,
        renew_limit: number("renew_limit", DEFAULT_RENEW_LIMIT)?,
    })
}

pub fn set_rules(conn: &Connection, loan_days: i64, renew_limit: i64) -> Result<()> {
    if !(1..=365).contains(&loan_days) {
        return Err(Error::OutOfRange {
            field: Field::LoanDays,
            min: 1,
            max: 365,
        });
    }
    if !(0..=10).contains(&renew_limit) {
        return Err(Error::OutOfRange {
            field: Field::RenewLimit,
            min: 0,
            max: 10,
        });
    }
    settings::set_text(conn, "loan_days", &loan_days.to_string())?;
    settings::set_text(conn, "renew_limit", &renew_limit.to_string())
}

fn borrower(conn: &Connection, input: &LendInput, on: NaiveDate) -> Result<i64> {
    let new_name = text::optional(
        Field::Borrower,
        input.new_borrower.as_deref().unwrap_or(""),
        NAME_MAX,
    )?;
    match (input.person_id, new_name.is_empty()) {
        (Some(id), _) => {
            people::get_row(conn, id).map_err(|_| Error::Unknown {
                field: Field::Borrower,
                value: id.to_string(),
            })?;
            Ok(id)
        }
        (None, true) => Err(Error::Required {
            field: Field::Borrower,
        }),
        (None, false) => {
            let existing: Vec<i64> = {
                let mut stmt =
                    conn.prepare("SELECT id FROM people WHERE name = ?1 AND deleted_at IS NULL")?;
                let rows = stmt.query_map([&new_name], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if let [only] = existing[..] {
                return Ok(only);
            }
            if existing.len() > 1 {
                return Err(Error::Ambiguous { name: new_name });
            }
            people::add(
                conn,
                &people::NewPerson {
                    details: people::PersonInput {
                        name: new_name,
                        notes: Some("借书时登记".into()),
                        ..Default::default()
                    },
                    stage: "non_member".into(),
                    since: iso(on),
                    transferred_from: None,
                    note: None,
                },
            )
        }
    }
}

/// Lends a copy. A copy already out, lost or withdrawn is refused; so is a due date before the loan.
pub fn lend(conn: &Connection, input: &LendInput) -> Result<i64> {
    let copy = books::get_copy(conn, input.copy_id)?;
    let on = dates::parse_past(Field::LoanedOn, &input.loaned_on)?;
    match copy.state {
        CopyState::Available => {}
        CopyState::OnLoan => {
            return Err(Error::CopyOnLoan {
                label: copy.label,
                borrower: copy.borrower.unwrap_or_default(),
            })
        }
        state => {
            return Err(Error::CopyGone {
                label: copy.label,
                state: state.term(),
            })
        }
    }
    if iso(on) < copy.added_on {
        return Err(Error::TooEarly {
            field: Field::LoanedOn,
            earliest: copy.added_on.clone(),
            reason_zh: "这本书那时还没有入藏".into(),
            reason_en: "the copy had not arrived yet".into(),
        });
    }
    if let Some(last) = last_return(conn, copy.id)?.filter(|last| iso(on) < *last) {
        return Err(Error::TooEarly {
            field: Field::LoanedOn,
            earliest: last.clone(),
            reason_zh: format!("上一次借阅 {last} 才归还"),
            reason_en: format!("the previous loan ended on {last}"),
        });
    }
    let due = match dates::parse_optional(Field::DueOn, input.due_on.as_deref())? {
        Some(due) if due < on => return Err(due_before_loan(on)),
        Some(due) => due,
        None => on + Duration::days(rules(conn)?.loan_days),
    };
    let person = borrower(conn, input, on)?;
    conn.execute(
        "INSERT INTO loans (copy_id, person_id, loaned_on, due_on, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![copy.id, person, iso(on), iso(due), dates::now()],
    )?;
    let id = conn.last_insert_rowid();
    set_state(conn, copy.id, CopyState::OnLoan, None)?;
    Ok(id)
}

/// A copy on the shelf, as the desk offers it when a title or an author is typed.
#[derive(Debug, Clone, Serialize)]
pub struct ShelfCopy {
    pub copy_id: i64,
    pub label: String,
    pub title: String,
    pub authors: String,
}

/// Copies on the shelf (not on loan, lost or withdrawn) whose label, title or authors contain `text`,
/// in pinyin order of their titles: lending at the desk by what the borrower asks for, not only by
/// the label on the spine.
pub fn on_shelf_matching(conn: &Connection, text: &str, limit: i64) -> Result<Vec<ShelfCopy>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare_cached(
        "SELECT c.id, c.label, t.name, t.authors FROM book_copies c JOIN book_titles t ON t.id = c.title_id
         WHERE c.deleted_at IS NULL AND t.deleted_at IS NULL AND c.state = 'available'
           AND (t.name LIKE ?1 ESCAPE '\\' OR t.authors LIKE ?1 ESCAPE '\\' OR c.label LIKE ?1 ESCAPE '\\')
         ORDER BY t.name COLLATE pinyin, c.label LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![people::like_pattern(text), limit], |r| {
        Ok(ShelfCopy {
            copy_id: r.get(0)?,
            label: r.get(1)?,
            title: r.get(2)?,
            authors: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Lends the copy with this label (typed or scanned at the desk).
pub fn lend_by_label(conn: &Connection, label: &str, input: &LendInput) -> Result<i64> {
    let copy = books::copy_by_label(conn, label)?;
    lend(
        conn,
        &LendInput {
            copy_id: copy.id,
            ..input.clone()
        },
    )
}

fn due_before_loan(on: NaiveDate) -> Error {
    Error::TooEarly {
        field: Field::DueOn,
        earliest: iso(on),
        reason_zh: "应还日期不能早于借出日期".into(),
        reason_en: "a book cannot be due before it is lent".into(),
    }
}

fn last_return(conn: &Connection, copy_id: i64) -> Result<Option<String>> {
    Ok(conn.query_row(
        "SELECT max(coalesce(returned_on, lost_on)) FROM loans WHERE copy_id = ?1",
        [copy_id],
        |r| r.get(0),
    )?)
}

fn set_state(conn: &Connection, copy_id: i64, state: CopyState, on: Option<&str>) -> Result<()> {
    conn.execute(
        "UPDATE book_copies SET state = ?2, state_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![copy_id, state.code(), on, dates::now()],
    )?;
    Ok(())
}

fn open_loan(conn: &Connection, id: i64) -> Result<Loan> {
    let loan = get(conn, id)?;
    if !loan.is_open() {
        return Err(Error::LoanClosed {
            label: loan.label,
            on: loan.returned_on.or(loan.lost_on).unwrap_or_default(),
        });
    }
    Ok(loan)
}

/// Renews an open loan on `on`: the new due date is the loan period from then, or `due_on` when given.
pub fn renew(conn: &Connection, id: i64, on: &str, due_on: Option<&str>) -> Result<String> {
    let loan = open_loan(conn, id)?;
    let rules = rules(conn)?;
    if loan.renewals >= rules.renew_limit {
        return Err(Error::RenewLimit {
            limit: rules.renew_limit,
        });
    }
    let on = dates::parse_past(Field::Date, on)?;
    if iso(on) < loan.loaned_on {
        return Err(before_loan(Field::Date, &loan));
    }
    let due = match dates::parse_optional(Field::DueOn, due_on)? {
        Some(due) if due < on => return Err(due_before_loan(on)),
        Some(due) => due,
        None => on + Duration::days(rules.loan_days),
    };
    conn.execute(
        "UPDATE loans SET due_on = ?2, renewals = renewals + 1 WHERE id = ?1",
        params![id, iso(due)],
    )?;
    Ok(iso(due))
}

fn before_loan(field: Field, loan: &Loan) -> Error {
    Error::TooEarly {
        field,
        earliest: loan.loaned_on.clone(),
        reason_zh: format!("这本书 {} 才借出", loan.loaned_on),
        reason_en: format!("the book was lent on {}", loan.loaned_on),
    }
}

/// Records the return of a loan; a note on the condition also becomes the copy's condition.
pub fn return_loan(conn: &Connection, id: i64, on: &str, note: &str) -> Result<()> {
    let loan = open_loan(conn, id)?;
    let on = dates::parse_past(Field::ReturnedOn, on)?;
    if iso(on) < loan.loaned_on {
        return Err(before_loan(Field::ReturnedOn, &loan));
    }
    let note = text::optional(Field::Condition, note, NOTE_MAX)?;
    conn.execute(
        "UPDATE loans SET returned_on = ?2, return_note = ?3 WHERE id = ?1",
        params![id, iso(on), note],
    )?;
    if !note.is_empty() {
        conn.execute(
            "UPDATE book_copies SET condition = ?2 WHERE id = ?1",
            params![loan.copy_id, note],
        )?;
    }
    set_state(conn, loan.copy_id, CopyState::Available, None)
}

/// The borrower reports the book lost: the loan ends and the copy is marked lost.
pub fn mark_lost(conn: &Connection, id: i64, on: &str) -> Result<()> {
    let loan = open_loan(conn, id)?;
    let on = dates::parse_past(Field::Date, on)?;
    if iso(on) < loan.loaned_on {
        return Err(before_loan(Field::Date, &loan));
    }
    conn.execute(
        "UPDATE loans SET lost_on = ?2 WHERE id = ?1",
        params![id, iso(on)],
    )?;
    set_state(conn, loan.copy_id, CopyState::Lost, Some(&iso(on)))
}

/// Whether the borrower was a party member on the loan date (from the stage history).
const MEMBER_ON_LOAN: &str = "coalesce((SELECT s.to_stage IN ('full', 'probationary') FROM stage_changes s
    WHERE s.person_id = l.person_id AND s.date <= l.loaned_on ORDER BY s.date DESC, s.id DESC LIMIT 1), 0)";

/// A loan `l` of a copy (and title) not in the trash.
pub(crate) const LIVE_LOAN: &str = "l.copy_id IN (SELECT c.id FROM book_copies c
    JOIN book_titles t ON t.id = c.title_id WHERE c.deleted_at IS NULL AND t.deleted_at IS NULL)";

fn loan_columns() -> String {
    format!(
        "l.id, l.copy_id, c.label, c.title_id, t.name, l.person_id, p.name, {MEMBER_ON_LOAN}, l.loaned_on, l.due_on,
         l.renewals, l.returned_on, l.return_note, l.lost_on"
    )
}
const LOAN_JOINS: &str =
    "loans l JOIN book_copies c ON c.id = l.copy_id JOIN book_titles t ON t.id = c.title_id
    JOIN people p ON p.id = l.person_id";

fn loan_row(r: &Row, today: &str) -> rusqlite::Result<Loan> {
    let mut loan = Loan {
        id: r.get(0)?,
        copy_id: r.get(1)?,
        label: r.get(2)?,
        title_id: r.get(3)?,
        title: r.get(4)?,
        person_id: r.get(5)?,
        person: r.get(6)?,
        member: r.get(7)?,
        loaned_on: r.get(8)?,
        due_on: r.get(9)?,
        renewals: r.get(10)?,
        returned_on: r.get(11)?,
        return_note: r.get(12)?,
        lost_on: r.get(13)?,
        overdue_days: None,
    };
    if loan.is_open() && loan.due_on.as_str() < today {
        let due = NaiveDate::parse_from_str(&loan.due_on, "%Y-%m-%d").ok();
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").ok();
        if let (Some(due), Some(today)) = (due, today) {
            loan.overdue_days = Some((today - due).num_days());
        }
    }
    Ok(loan)
}

pub fn get(conn: &Connection, id: i64) -> Result<Loan> {
    let today = iso(dates::today());
    let sql = format!(
        "SELECT {} FROM {LOAN_JOINS} WHERE l.id = ?1",
        loan_columns()
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query_map([id], |r| loan_row(r, &today))?;
    match rows.next() {
        Some(loan) => Ok(loan?),
        None => Err(Error::NotFound { what: "loan", id }),
    }
}

const PAGE: i64 = 100;

/// Loans, newest first (open overdue ones ordered by due date when `overdue_only`).
pub fn list(conn: &Connection, q: &LoanQuery) -> Result<LoanPage> {
    Ok(LoanPage {
        rows: page(conn, q)?,
        total: count(conn, q)?,
        offset: q.offset.max(0),
    })
}

/// The list's conditions for `q` (`1 = 1` for none), and their values.
fn list_filter(q: &LoanQuery) -> (String, Vec<rusqlite::types::Value>) {
    let today = iso(dates::today());
    let mut filter = String::from("1 = 1");
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let mut push = |filter: &mut String, clause: &str, value: rusqlite::types::Value| {
        args.push(value);
        filter.push_str(&clause.replace("?N", &format!("?{}", args.len())));
    };
    if q.open_only || q.overdue_only {
        filter.push_str(" AND l.returned_on IS NULL AND l.lost_on IS NULL");
    }
    if q.overdue_only {
        push(&mut filter, " AND l.due_on < ?N", today.clone().into());
    }
    if let Some(id) = q.person_id {
        push(&mut filter, " AND l.person_id = ?N", id.into());
    }
    if let Some(id) = q.copy_id {
        push(&mut filter, " AND l.copy_id = ?N", id.into());
    }
    if let Some(id) = q.title_id {
        push(&mut filter, " AND c.title_id = ?N", id.into());
    }
    if let Some(year) = q.year {
        push(
            &mut filter,
            " AND l.loaned_on LIKE ?N",
            format!("{year:04}-%").into(),
        );
    }
    (filter, args)
}

/// How many loans match `q` (the list's "of N").
pub fn count(conn: &Connection, q: &LoanQuery) -> Result<i64> {
    // The open loans, or one person's, and nothing else: the kept counts.
    let others = q.overdue_only || q.copy_id.is_some() || q.title_id.is_some() || q.year.is_some();
    match (q.open_only, q.person_id) {
        _ if others => {}
        (true, None) => return Ok(kept_count(conn, "loans.open", String::new())?),
        (false, Some(id)) => return Ok(kept_count(conn, "loans.person", id)?),
        _ => {}
    }
    let (filter, args) = list_filter(q);
    // Every loan has its copy, title and borrower (foreign keys): the count joins the copy only to
    // filter by title, so that counting a long history does not look each of them up.
    let counted = match q.title_id {
        Some(_) => "loans l JOIN book_copies c ON c.id = l.copy_id",
        None => "loans l",
    };
    // Without a filter, SQLite counts the table without reading its rows.
    let counted = match filter.as_str() {
        "1 = 1" => counted.to_string(),
        _ => format!("{counted} WHERE {filter}"),
    };
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM {counted}"),
        rusqlite::params_from_iter(&args),
        |r| r.get(0),
    )?)
}

/// One page of loans for `q`, newest first (overdue ones by due date).
pub fn page(conn: &Connection, q: &LoanQuery) -> Result<Vec<Loan>> {
    let today = iso(dates::today());
    let (filter, args) = list_filter(q);
    let order = if q.overdue_only {
        "l.due_on, l.id"
    } else {
        "l.loaned_on DESC, l.id DESC"
    };
    let limit = if q.limit > 0 { q.limit.min(1000) } else { PAGE };
    let sql = format!(
        "SELECT {} FROM {LOAN_JOINS} WHERE {filter} ORDER BY {order} LIMIT {limit} OFFSET {}",
        loan_columns(),
        q.offset.max(0)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&args), |r| loan_row(r, &today))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// How many of the longest overdue loans the reminders name (they count them all).
pub const OVERDUE_SHOWN: i64 = 5;

/// Open loans past their due date: how many, and the longest overdue of them.
#[derive(Debug, Clone, Serialize)]
pub struct Overdue {
    pub total: i64,
    /// At most [`OVERDUE_SHOWN`], the longest overdue first.
    pub longest: Vec<Loan>,
}

/// Open loans past their due date (the reminders on the home screen and the bookshelf).
pub fn overdue(conn: &Connection) -> Result<Overdue> {
    let q = LoanQuery {
        overdue_only: true,
        limit: OVERDUE_SHOWN,
        ..Default::default()
    };
    Ok(Overdue {
        total: count(conn, &q)?,
        longest: page(conn, &q)?,
    })
}

/// The bookshelf's numbers for one year (loans made that year), for the screen and the annual summary.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct YearStats {
    pub year: i32,
    /// Titles and copies on the books at the end of the year (or today), lost and withdrawn ones left out.
    pub titles: i64,
    pub copies: i64,
    pub copies_added: i64,
    pub loans: i64,
    /// Different people who borrowed: members (a party member, full or probationary, on the day of
    /// their first loan in the range) and others (everyone else); `member + other = borrowers`.
    pub borrowers: i64,
    pub member_borrowers: i64,
    pub other_borrowers: i64,
    /// Loans by a member on the loan's own day, and the rest; `member + other = loans`.
    pub member_loans: i64,
    pub other_loans: i64,
    pub top_titles: Vec<TitleLoans>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TitleLoans {
    pub title_id: i64,
    pub title: String,
    pub loans: i64,
}

pub fn year_stats(conn: &Connection, year: i32) -> Result<YearStats> {
    let from = format!("{year:04}-01-01");
    let to = format!("{year:04}-12-31");
    let mut stats = range_stats(conn, &from, &to)?;
    stats.year = year;
    Ok(stats)
}

/// The same numbers for any dates `from..=to` (ISO, both included), for the summary of a range such
/// as a committee term: loans made in the range (one spanning its end counts where it was made), copies
/// added in it, titles and copies on the books on `to`. `year` is the year of `to`. Loans of a copy or
/// title in the trash are left out.
pub(crate) fn range_stats(conn: &Connection, from: &str, to: &str) -> Result<YearStats> {
    let year = to.get(..4).and_then(|y| y.parse().ok()).unwrap_or_default();
    let (titles, copies, copies_added): (i64, i64, i64) = conn.query_row(
        "SELECT (SELECT count(DISTINCT c.title_id) FROM book_copies c JOIN book_titles t ON t.id = c.title_id
                   WHERE c.deleted_at IS NULL AND t.deleted_at IS NULL AND c.added_on <= ?2
                     AND (c.state_on IS NULL OR c.state_on > ?2)),
                (SELECT count(*) FROM book_copies c WHERE c.deleted_at IS NULL AND c.added_on <= ?2
                     AND (c.state_on IS NULL OR c.state_on > ?2)),
                (SELECT count(*) FROM book_copies c WHERE c.deleted_at IS NULL AND c.added_on BETWEEN ?1 AND ?2)",
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let in_year = format!(
        "SELECT l.person_id, l.copy_id, {MEMBER_ON_LOAN} AS member FROM loans l
         WHERE {LIVE_LOAN} AND l.loaned_on BETWEEN ?1 AND ?2"
    );
    let (loans, member_loans): (i64, i64) = conn.query_row(
        &format!("SELECT count(*), coalesce(sum(member), 0) FROM ({in_year})"),
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // A borrower is a member when they were one on the day of their first loan in the range (the
    // earliest loan, then the first entered); everyone else is an other borrower, so that the two
    // always add up to the borrowers.
    let (borrowers, member_borrowers): (i64, i64) = conn.query_row(
        &format!(
            "SELECT count(*), coalesce(sum(member), 0) FROM (
               SELECT l.person_id, {MEMBER_ON_LOAN} AS member,
                      row_number() OVER (PARTITION BY l.person_id ORDER BY l.loaned_on, l.id) AS nth
               FROM loans l WHERE {LIVE_LOAN} AND l.loaned_on BETWEEN ?1 AND ?2)
             WHERE nth = 1"
        ),
        params![from, to],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut stmt = conn.prepare(
        "SELECT t.id, t.name, count(*) AS n FROM loans l JOIN book_copies c ON c.id = l.copy_id
         JOIN book_titles t ON t.id = c.title_id WHERE l.loaned_on BETWEEN ?1 AND ?2
           AND c.deleted_at IS NULL AND t.deleted_at IS NULL
         GROUP BY t.id ORDER BY n DESC, t.name LIMIT 10",
    )?;
    let top_titles = stmt
        .query_map(params![from, to], |r| {
            Ok(TitleLoans {
                title_id: r.get(0)?,
                title: r.get(1)?,
                loans: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(YearStats {
        year,
        titles,
        copies,
        copies_added,
        loans,
        borrowers,
        member_borrowers,
        other_borrowers: borrowers - member_borrowers,
        member_loans,
        other_loans: loans - member_loans,
        top_titles,
    })
}
