//! Stocktake (盘点): walk along the shelf ticking each copy found (typing or scanning its label); at the
//! end, the copies that should be on the shelf but were not found are listed and can be marked lost in
//! one step. Copies on loan are not expected on the shelf; lost and withdrawn ones are left out.

use crate::books::{self, Copy, CopyState};
use crate::dates::{self, iso};
use crate::{Error, Field, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Stocktake {
    pub id: i64,
    pub started_on: String,
    pub finished_on: Option<String>,
    /// Copies expected on the shelf (available ones).
    pub expected: i64,
    pub found: Vec<Copy>,
    /// Expected copies not found yet (or, once finished, not found at all).
    pub missing: Vec<Copy>,
    pub marked_lost: bool,
}

/// What ticking a label did.
#[derive(Debug, Clone, Serialize)]
pub struct Tick {
    pub copy: Copy,
    /// It had been ticked before in this stocktake.
    pub again: bool,
    /// It was recorded lost and is now back on the shelf.
    pub recovered: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PastStocktake {
    pub id: i64,
    pub started_on: String,
    pub finished_on: Option<String>,
    pub found: i64,
    pub missing: Option<i64>,
    pub marked_lost: bool,
}

/// Starts a stocktake on `date`; only one can be under way.
pub fn start(conn: &Connection, date: &str) -> Result<i64> {
    let date = dates::parse_past(Field::Date, date)?;
    if let Some(open) = open_id(conn)? {
        let started: String = conn.query_row(
            "SELECT started_on FROM stocktakes WHERE id = ?1",
            [open],
            |r| r.get(0),
        )?;
        return Err(Error::StocktakeOpen {
            started_on: started,
        });
    }
    conn.execute(
        "INSERT INTO stocktakes (started_on) VALUES (?1)",
        [iso(date)],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn open_id(conn: &Connection) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM stocktakes WHERE finished_on IS NULL",
            [],
            |r| r.get(0),
        )
        .optional()?)
}

fn require_open(conn: &Connection, id: i64) -> Result<()> {
    let finished: Option<Option<String>> = conn
        .query_row(
            "SELECT finished_on FROM stocktakes WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match finished {
        None => Err(Error::NotFound {
            what: "stocktake",
            id,
        }),
        Some(Some(on)) => Err(Error::StocktakeFinished { finished_on: on }),
        Some(None) => Ok(()),
    }
}

/// Ticks the copy with this label as found. An unknown label is refused and nothing is recorded.
pub fn tick(conn: &Connection, id: i64, label: &str) -> Result<Tick> {
    require_open(conn, id)?;
    let copy = books::copy_by_label(conn, label)?;
    let now = crate::dates::now();
    let added = conn.execute(
        "INSERT OR IGNORE INTO stocktake_found (stocktake_id, copy_id, found_at) VALUES (?1, ?2, ?3)",
        params![id, copy.id, now],
    )?;
    // A copy recorded lost that turns up on the shelf is back.
    let recovered = copy.state == CopyState::Lost;
    if recovered {
        conn.execute(
            "UPDATE book_copies SET state = 'available', state_on = NULL WHERE id = ?1",
            [copy.id],
        )?;
    }
    let copy = books::get_copy(conn, copy.id)?;
    Ok(Tick {
        copy,
        again: added == 0,
        recovered,
    })
}

/// Takes a tick back (a label typed by mistake).
pub fn untick(conn: &Connection, id: i64, copy_id: i64) -> Result<()> {
    require_open(conn, id)?;
    conn.execute(
        "DELETE FROM stocktake_found WHERE stocktake_id = ?1 AND copy_id = ?2",
        params![id, copy_id],
    )?;
    Ok(())
}

pub fn get(conn: &Connection, id: i64) -> Result<Stocktake> {
    let (started_on, finished_on, marked_lost): (String, Option<String>, bool) = conn
        .query_row(
            "SELECT started_on, finished_on, marked_lost FROM stocktakes WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: "stocktake",
            id,
        })?;
    let found = books::copies_where(
        conn,
        "c.id IN (SELECT copy_id FROM stocktake_found WHERE stocktake_id = ?1)",
        id,
    )?;
    let missing = if finished_on.is_some() {
        books::copies_where(
            conn,
            "c.id IN (SELECT copy_id FROM stocktake_missing WHERE stocktake_id = ?1)",
            id,
        )?
    } else {
        books::copies_where(
            conn,
            "c.state = 'available' AND c.id NOT IN (SELECT copy_id FROM stocktake_found WHERE stocktake_id = ?1)",
            id,
        )?
    };
    let expected: i64 = conn.query_row(
        "SELECT count(*) FROM book_copies WHERE deleted_at IS NULL AND state = 'available'",
        [],
        |r| r.get(0),
    )?;
    Ok(Stocktake {
        id,
        started_on,
        finished_on,
        expected,
        found,
        missing,
        marked_lost,
    })
}

/// The stocktake under way, if any.
pub fn current(conn: &Connection) -> Result<Option<Stocktake>> {
    open_id(conn)?.map(|id| get(conn, id)).transpose()
}

/// Finishes a stocktake on `date` and returns the copies not found; with `mark_lost` they are all
/// marked lost as of that date.
pub fn finish(conn: &Connection, id: i64, date: &str, mark_lost: bool) -> Result<Vec<Copy>> {
    require_open(conn, id)?;
    let date = dates::parse_past(Field::Date, date)?;
    let started: String = conn.query_row(
        "SELECT started_on FROM stocktakes WHERE id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if iso(date) < started {
        return Err(Error::TooEarly {
            field: Field::Date,
            earliest: started.clone(),
            reason_zh: format!("盘点 {started} 才开始"),
            reason_en: format!("the stocktake began on {started}"),
        });
    }
    let missing = get(conn, id)?.missing;
    conn.execute(
        "UPDATE stocktakes SET finished_on = ?2, missing = ?3, marked_lost = ?4 WHERE id = ?1",
        params![id, iso(date), missing.len() as i64, mark_lost],
    )?;
    for copy in &missing {
        conn.execute(
            "INSERT INTO stocktake_missing (stocktake_id, copy_id) VALUES (?1, ?2)",
            params![id, copy.id],
        )?;
        if mark_lost {
            conn.execute(
                "UPDATE book_copies SET state = ?2, state_on = ?3 WHERE id = ?1",
                params![copy.id, CopyState::Lost.code(), iso(date)],
            )?;
        }
    }
    Ok(missing)
}

/// Every stocktake, newest first.
pub fn history(conn: &Connection) -> Result<Vec<PastStocktake>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.started_on, s.finished_on,
                (SELECT count(*) FROM stocktake_found f WHERE f.stocktake_id = s.id), s.missing, s.marked_lost
         FROM stocktakes s ORDER BY s.started_on DESC, s.id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(PastStocktake {
            id: r.get(0)?,
            started_on: r.get(1)?,
            finished_on: r.get(2)?,
            found: r.get(3)?,
            missing: r.get(4)?,
            marked_lost: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
