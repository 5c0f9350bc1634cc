//! Dues handed over to the higher committee (党费上缴): the months it covers, the amount, the day and
//! to whom; the receipt is kept as an attachment (owner `dues_handover`).

use super::{parse_fen, Month};
use crate::text::{self, NOTES_MAX, ORG_MAX};
use crate::{dates, Error, Field, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HandoverInput {
    pub first_month: String,
    pub last_month: String,
    pub amount: String,
    pub handed_on: String,
    pub recipient: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Handover {
    pub id: i64,
    pub first_month: String,
    pub last_month: String,
    pub amount_fen: i64,
    pub handed_on: String,
    pub recipient: String,
    pub notes: String,
    /// Receipts kept with it.
    pub attachments: i64,
}

struct Clean {
    first: Month,
    last: Month,
    amount_fen: i64,
    handed_on: String,
    recipient: String,
    notes: String,
}

fn fields(input: &HandoverInput) -> Result<Clean> {
    let first = Month::parse(Field::FirstMonth, &input.first_month)?;
    let last = Month::parse(Field::LastMonth, &input.last_month)?;
    if last < first {
        return Err(Error::TooEarly {
            field: Field::LastMonth,
            earliest: first.to_string(),
            reason_zh: format!("起始月份为 {first}"),
            reason_en: format!("the first month is {first}"),
        });
    }
    let amount_fen = parse_fen(Field::Amount, &input.amount)?;
    if amount_fen == 0 {
        return Err(Error::Required {
            field: Field::Amount,
        });
    }
    Ok(Clean {
        first,
        last,
        amount_fen,
        handed_on: dates::iso(dates::parse_past(Field::HandedOn, &input.handed_on)?),
        recipient: text::optional(Field::HandedTo, &input.recipient, ORG_MAX)?,
        notes: text::optional(Field::Notes, &input.notes, NOTES_MAX)?,
    })
}

/// A stored hand-over (from an import) held to the form's rules for its own fields.
pub(crate) fn check_imported(row: &crate::row::Row) -> Result<()> {
    Month::stored(Field::FirstMonth, &row.text("first_month"))?;
    Month::stored(Field::LastMonth, &row.text("last_month"))?;
    dates::stored(Field::HandedOn, &row.text("handed_on"))?;
    Ok(())
}

/// Records (`id` none) or corrects a hand-over; returns its id.
pub fn save(conn: &Connection, id: Option<i64>, input: &HandoverInput) -> Result<i64> {
    let c = fields(input)?;
    let (first, last) = (c.first.to_string(), c.last.to_string());
    match id {
        Some(id) => {
            let n = conn.execute(
                "UPDATE dues_handovers SET first_month = ?2, last_month = ?3, amount_fen = ?4, handed_on = ?5, recipient = ?6,
                 notes = ?7, updated_at = ?8 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, first, last, c.amount_fen, c.handed_on, c.recipient, c.notes, dates::now()],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "dues hand-over",
                    id,
                });
            }
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO dues_handovers (first_month, last_month, amount_fen, handed_on, recipient, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![first, last, c.amount_fen, c.handed_on, c.recipient, c.notes, dates::now()],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

const SELECT: &str = "SELECT h.id, h.first_month, h.last_month, h.amount_fen, h.handed_on, h.recipient, h.notes,
        (SELECT count(*) FROM attachments a WHERE a.owner_kind = 'dues_handover' AND a.owner_id = h.id AND a.deleted_at IS NULL)
    FROM dues_handovers h";

fn from_row(r: &Row) -> rusqlite::Result<Handover> {
    Ok(Handover {
        id: r.get(0)?,
        first_month: r.get(1)?,
        last_month: r.get(2)?,
        amount_fen: r.get(3)?,
        handed_on: r.get(4)?,
        recipient: r.get(5)?,
        notes: r.get(6)?,
        attachments: r.get(7)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Handover> {
    conn.query_row(
        &format!("{SELECT} WHERE h.id = ?1 AND h.deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: "dues hand-over",
        id,
    })
}

/// The hand-overs made in `year`, by day.
pub fn in_year(conn: &Connection, year: i32) -> Result<Vec<Handover>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE h.deleted_at IS NULL AND substr(h.handed_on, 1, 4) = ?1 ORDER BY h.handed_on, h.id"
    ))?;
    let rows = stmt.query_map([format!("{year:04}")], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Everything handed over before `day` (exclusive), in fen.
pub fn total_before(conn: &Connection, day: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(sum(amount_fen), 0) FROM dues_handovers WHERE deleted_at IS NULL AND handed_on < ?1",
        [day],
        |r| r.get(0),
    )?)
}
