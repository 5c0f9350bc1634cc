//! Settings kept inside the ledger, so that they travel with it on a USB stick.

use crate::{Error, Field, Lang, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Settings {
    pub language: Lang,
    /// Years a committee term lasts before re-election is due (三年 by default; 五年 in villages).
    pub term_years: i64,
    /// Whether the first-run choice (demo branch or empty ledger) has been made.
    pub first_run_done: bool,
}

fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

fn set(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = ?2",
        params![key, value],
    )?;
    Ok(())
}

pub fn load(conn: &Connection) -> Result<Settings> {
    Ok(Settings {
        language: get(conn, "language")?
            .and_then(|l| Lang::parse(&l))
            .unwrap_or_default(),
        term_years: get(conn, "term_years")?
            .and_then(|y| y.parse().ok())
            .unwrap_or(3),
        first_run_done: get(conn, "first_run_done")?.is_some(),
    })
}

pub fn set_language(conn: &Connection, language: &str) -> Result<Lang> {
    let lang = Lang::parse(language).ok_or_else(|| Error::Unknown {
        field: Field::Language,
        value: language.to_string(),
    })?;
    set(conn, "language", lang.code())?;
    Ok(lang)
}

pub fn set_term_years(conn: &Connection, years: i64) -> Result<()> {
    if !(1..=10).contains(&years) {
        return Err(Error::OutOfRange {
            field: Field::TermYears,
            min: 1,
            max: 10,
        });
    }
    set(conn, "term_years", &years.to_string())
}

pub fn mark_first_run_done(conn: &Connection) -> Result<()> {
    set(conn, "first_run_done", "1")
}
