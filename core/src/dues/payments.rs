//! Dues payments (缴纳记录): who paid for which months, how much, when, how and to whom. Several months
//! may be paid at once, up to twelve months ahead; an amount other than what is due is kept as paid,
//! with a note that says why, and never rounded.

use super::register::Book;
use super::{parse_fen, Method, Month};
use crate::text::{self, NOTES_MAX};
use crate::{dates, people, Error, Field, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// The most months one payment covers, and how far ahead of its day it may reach.
pub const MAX_MONTHS: i64 = 12;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PaymentInput {
    pub person_id: Option<i64>,
    pub first_month: String,
    pub months: Option<i64>,
    /// Yuan as typed.
    pub amount: String,
    pub received_on: String,
    pub method: String,
    pub received_by: Option<i64>,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Payment {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub first_month: String,
    pub last_month: String,
    pub months: i64,
    pub amount_fen: i64,
    /// What the months covered owe under the rules, where every one has a base.
    pub due_fen: Option<i64>,
    pub received_on: String,
    pub method: Method,
    pub received_by: Option<i64>,
    pub received_by_name: Option<String>,
    pub notes: String,
}

impl Payment {
    pub fn first(&self) -> Month {
        Month::parse(Field::FirstMonth, &self.first_month).expect("stored months are checked")
    }

    /// The months it covers, first to last.
    pub fn covered(&self) -> impl Iterator<Item = Month> {
        let first = self.first();
        (0..self.months).map(move |i| first.plus(i))
    }

    /// Its amount spread over its months in whole fen: equal shares, the odd fen on the first months,
    /// so the shares add up to what was paid.
    pub fn share(&self, index: i64) -> i64 {
        let months = self.months.max(1);
        self.amount_fen / months + i64::from(index < self.amount_fen % months)
    }
}

struct Clean {
    person_id: i64,
    first: Month,
    months: i64,
    amount_fen: i64,
    received_on: String,
    method: Method,
    received_by: Option<i64>,
    notes: String,
}

fn fields(input: &PaymentInput) -> Result<Clean> {
    let person_id = input.person_id.ok_or(Error::Required {
        field: Field::Person,
    })?;
    let first = Month::parse(Field::FirstMonth, &input.first_month)?;
    let months = input.months.ok_or(Error::Required {
        field: Field::Months,
    })?;
    if !(1..=MAX_MONTHS).contains(&months) {
        return Err(Error::OutOfRange {
            field: Field::Months,
            min: 1,
            max: MAX_MONTHS,
        });
    }
    let received_on = dates::parse_past(Field::ReceivedOn, &input.received_on)?;
    let last = first.plus(months - 1);
    let latest = Month::of(received_on).plus(MAX_MONTHS - 1);
    if last > latest {
        return Err(Error::TooLate {
            field: Field::Months,
            latest: latest.to_string(),
            reason_zh: format!(
                "党费最多预交十二个月，{} 收的款最多交到 {latest}",
                dates::iso(received_on)
            ),
            reason_en: format!(
                "dues are paid at most twelve months ahead; paid on {}, up to {latest}",
                dates::iso(received_on)
            ),
        });
    }
    Ok(Clean {
        person_id,
        first,
        months,
        amount_fen: parse_fen(Field::Amount, &input.amount)?,
        received_on: dates::iso(received_on),
        method: Method::parse_required(&input.method)?,
        received_by: input.received_by,
        notes: text::optional(Field::Notes, &input.notes, NOTES_MAX)?,
    })
}

/// The rules that need the rest of the ledger: a member in every month, no month paid twice, a base
/// for every month, and a note where the amount is not what is due.
fn clean(conn: &Connection, id: Option<i64>, input: &PaymentInput) -> Result<Clean> {
    let c = fields(input)?;
    let name = people::get_row(conn, c.person_id)
        .map_err(|_| Error::Unknown {
            field: Field::Person,
            value: c.person_id.to_string(),
        })?
        .name;
    if let Some(by) = c.received_by {
        people::get_row(conn, by).map_err(|_| Error::Unknown {
            field: Field::ReceivedBy,
            value: by.to_string(),
        })?;
    }
    let book = Book::load(conn)?;
    let mut due = 0;
    for month in (0..c.months).map(|i| c.first.plus(i)) {
        if !book.members.owes(c.person_id, month) {
            return Err(Error::NotDue {
                field: Field::FirstMonth,
                name,
                month: month.to_string(),
            });
        }
        if let Some(other) = book
            .payment_of(c.person_id, month)
            .filter(|p| Some(p.id) != id)
        {
            return Err(Error::AlreadyPaid {
                name,
                month: month.to_string(),
                on: other.received_on.clone(),
            });
        }
        due += book
            .due(c.person_id, month)
            .ok_or_else(|| Error::NoDuesBase {
                name: name.clone(),
                month: month.to_string(),
            })?;
    }
    if due != c.amount_fen && c.notes.is_empty() {
        return Err(Error::AmountDiffers {
            due: super::yuan(due),
            paid: super::yuan(c.amount_fen),
        });
    }
    Ok(c)
}

/// A stored payment (from an import) held to the form's rules for its own fields.
pub(crate) fn check_imported(row: &crate::row::Row) -> Result<()> {
    Month::stored(Field::FirstMonth, &row.text("first_month"))?;
    dates::stored(Field::ReceivedOn, &row.text("received_on"))?;
    Method::parse(&row.text("method"))?;
    Ok(())
}

/// Records (`id` none) or corrects a payment; returns its id.
pub fn save(conn: &Connection, id: Option<i64>, input: &PaymentInput) -> Result<i64> {
    let c = clean(conn, id, input)?;
    let first = c.first.to_string();
    match id {
        Some(id) => {
            let n = conn.execute(
                "UPDATE dues_payments SET person_id = ?2, first_month = ?3, months = ?4, amount_fen = ?5, received_on = ?6,
                 method = ?7, received_by = ?8, notes = ?9, updated_at = ?10 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, c.person_id, first, c.months, c.amount_fen, c.received_on, c.method.code(), c.received_by, c.notes, dates::now()],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "dues payment",
                    id,
                });
            }
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO dues_payments (person_id, first_month, months, amount_fen, received_on, method, received_by, notes,
                 created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![c.person_id, first, c.months, c.amount_fen, c.received_on, c.method.code(), c.received_by, c.notes, dates::now()],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

pub(super) const SELECT: &str = "SELECT d.id, d.person_id, p.name, d.first_month, d.months, d.amount_fen, d.received_on,
        d.method, d.received_by, r.name, d.notes
    FROM dues_payments d JOIN people p ON p.id = d.person_id LEFT JOIN people r ON r.id = d.received_by";

pub(super) fn from_row(r: &Row) -> rusqlite::Result<Payment> {
    let first: String = r.get(3)?;
    let months: i64 = r.get(4)?;
    let last = Month::parse(Field::FirstMonth, &first)
        .map_or(String::new(), |m| m.plus(months - 1).to_string());
    Ok(Payment {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person: r.get(2)?,
        first_month: first,
        last_month: last,
        months,
        amount_fen: r.get(5)?,
        due_fen: None,
        received_on: r.get(6)?,
        method: Method::parse(&r.get::<_, String>(7)?).unwrap_or(Method::Cash),
        received_by: r.get(8)?,
        received_by_name: r.get(9)?,
        notes: r.get(10)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Payment> {
    let payment = conn
        .query_row(
            &format!("{SELECT} WHERE d.id = ?1 AND d.deleted_at IS NULL"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: "dues payment",
            id,
        })?;
    Ok(Book::load(conn)?.priced(payment))
}

/// A trashed payment may come back only if no live payment has taken one of its months meanwhile.
pub(crate) fn check_restorable(conn: &Connection, id: i64) -> Result<()> {
    let trashed = conn.query_row(&format!("{SELECT} WHERE d.id = ?1"), [id], from_row)?;
    let book = Book::load(conn)?;
    for month in trashed.covered() {
        if let Some(other) = book.payment_of(trashed.person_id, month) {
            return Err(Error::AlreadyPaid {
                name: trashed.person.clone(),
                month: month.to_string(),
                on: other.received_on.clone(),
            });
        }
    }
    Ok(())
}
