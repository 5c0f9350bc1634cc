//! The conditions of a list query, written only for the filters given.
//!
//! A condition such as `(?1 IS NULL OR p.stage = ?1)` keeps one statement for every combination of
//! filters, but SQLite plans a statement before it knows its values, so it can never reach the rows
//! through an index on `stage`: the list, and its count, read the whole table. Written as `p.stage = ?1`
//! only when a stage is asked for, each filter can use its index.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, ParamsFromIter};

pub(crate) struct Filter {
    sql: String,
    values: Vec<Value>,
    narrowed: bool,
}

impl Filter {
    /// Starts from the condition every row must meet (such as `p.deleted_at IS NULL`).
    pub fn new(always: &str) -> Filter {
        Filter {
            sql: always.to_string(),
            values: Vec::new(),
            narrowed: false,
        }
    }

    /// Adds `AND (clause)`, where every `?N` in `clause` stands for `value`.
    pub fn and(&mut self, clause: &str, value: impl Into<Value>) {
        self.narrowed = true;
        self.values.push(value.into());
        let mark = format!("?{}", self.values.len());
        self.sql.push_str(" AND (");
        self.sql.push_str(&clause.replace("?N", &mark));
        self.sql.push(')');
    }

    /// Adds `AND (clause)` for a condition without a value.
    pub fn and_always(&mut self, clause: &str) {
        self.narrowed = true;
        self.sql.push_str(" AND (");
        self.sql.push_str(clause);
        self.sql.push(')');
    }

    /// Whether a condition was added to the one every row must meet (a filter was asked for).
    pub fn is_narrowed(&self) -> bool {
        self.narrowed
    }

    /// How many rows of `table` (called `alias` in the conditions) meet them; without a filter, the
    /// live rows from indexes (see [`live_rows`]).
    pub fn count(
        &self,
        conn: &rusqlite::Connection,
        table: &str,
        alias: &str,
    ) -> rusqlite::Result<i64> {
        if !self.narrowed {
            return live_rows(conn, table);
        }
        let sql = format!("SELECT count(*) FROM {table} {alias} WHERE {}", self.sql);
        conn.query_row(&sql, self.params(), |r| r.get(0))
    }

    /// The conditions, for after `WHERE`.
    pub fn sql(&self) -> &str {
        &self.sql
    }

    /// The values, in the order of their parameter numbers.
    pub fn params(&self) -> ParamsFromIter<&Vec<Value>> {
        params_from_iter(&self.values)
    }
}

/// The rows of `table` not in the trash, without reading them: all its rows (which SQLite counts from
/// the pages of its smallest index) less those in the trash (from its index of trashed rows). For a
/// list's count when no filter is asked for; an index walk over every live row grows with the ledger.
pub(crate) fn live_rows(conn: &rusqlite::Connection, table: &str) -> rusqlite::Result<i64> {
    conn.query_row(
        &format!(
            "SELECT (SELECT count(*) FROM {table})
                  - (SELECT count(*) FROM {table} WHERE deleted_at IS NOT NULL)"
        ),
        [],
        |r| r.get(0),
    )
}

/// A list's count for one filter value, kept by triggers in `list_counts` (migration 15); read when
/// that filter is the only one asked for, instead of walking the index entries of every match (which
/// grows with them).
pub(crate) fn kept_count(
    conn: &rusqlite::Connection,
    list: &str,
    value: impl Into<Value>,
) -> rusqlite::Result<i64> {
    conn.prepare_cached(
        "SELECT coalesce((SELECT n FROM list_counts WHERE list = ?1 AND value = ?2), 0)",
    )?
    .query_row(rusqlite::params![list, value.into()], |r| r.get(0))
}

/// The first and last day of a year, as ISO dates (a year as a range of dates, which an index on the
/// date can find, where `substr(date, 1, 4) = year` cannot).
pub(crate) fn year_range(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{year:04}-12-31"))
}
