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
    /// Backups kept per target folder.
    pub backup_keep: i64,
    /// Days without a USB backup before the app reminds the secretary.
    pub backup_nag_days: i64,
    /// The last backup to a folder the secretary chose (USB stick), `YYYY-MM-DD HH:MM:SS`.
    pub last_usb_backup_at: Option<String>,
    pub last_backup_target: Option<String>,
    /// Days a suggestion may wait for an answer before the home screen lists it.
    pub suggestion_overdue_days: i64,
    /// The window's zoom in percent (Ctrl+= / Ctrl+-), from [`ZOOM_MIN`] to [`ZOOM_MAX`].
    pub zoom: i64,
    /// Whether the ledger holds the demo branch (so Settings offers to clear it).
    pub demo: bool,
    /// The branch's name, for the covers and headings of the papers ("" until the secretary sets it).
    pub branch_name: String,
    /// For the demo: the day its reminders are computed as of (the end of the seed's report).
    pub demo_as_of: Option<String>,
}

/// The setting that marks a ledger holding the demo branch.
pub const DEMO: &str = "demo";
/// The setting that holds the day a demo ledger's reminders are computed as of.
pub const DEMO_AS_OF: &str = "demo_as_of";

/// The day the home screen and the roster compute their reminders as of: `today`, or for a demo ledger
/// the end of the seed's report (its records stop there; as of today every required meeting since
/// would show as missing).
pub fn reminders_as_of(conn: &Connection, today: chrono::NaiveDate) -> Result<chrono::NaiveDate> {
    let as_of =
        get(conn, DEMO_AS_OF)?.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    Ok(as_of.map_or(today, |d| d.min(today)))
}

/// Forgets the demo's as-of day: the reminders follow the calendar again (a ledger grown from the demo).
pub fn clear_demo_as_of(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM settings WHERE key = ?1", [DEMO_AS_OF])?;
    Ok(())
}

pub const ZOOM_MIN: i64 = 80;
pub const ZOOM_MAX: i64 = 200;

pub fn get_text(conn: &Connection, key: &str) -> Result<Option<String>> {
    get(conn, key)
}

pub fn set_text(conn: &Connection, key: &str, value: &str) -> Result<()> {
    set(conn, key, value)
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
        backup_keep: get(conn, "backup_keep")?
            .and_then(|y| y.parse().ok())
            .unwrap_or(10),
        backup_nag_days: get(conn, "backup_nag_days")?
            .and_then(|y| y.parse().ok())
            .unwrap_or(30),
        last_usb_backup_at: get(conn, "last_usb_backup_at")?,
        last_backup_target: get(conn, "last_backup_target")?,
        suggestion_overdue_days: get(conn, "suggestion_overdue_days")?
            .and_then(|y| y.parse().ok())
            .unwrap_or(14),
        zoom: get(conn, "zoom")?
            .and_then(|z| z.parse().ok())
            .filter(|z| (ZOOM_MIN..=ZOOM_MAX).contains(z))
            .unwrap_or(100),
        demo: get(conn, DEMO)?.is_some(),
        demo_as_of: get(conn, DEMO_AS_OF)?,
        branch_name: branch_name(conn)?,
    })
}

/// The branch's name, "" when not set.
pub fn branch_name(conn: &Connection) -> Result<String> {
    Ok(get(conn, BRANCH_NAME)?.unwrap_or_default())
}

/// Sets the branch's name (trimmed; at most [`crate::text::ORG_MAX`] characters; empty clears it).
pub fn set_branch_name(conn: &Connection, name: &str) -> Result<String> {
    let name = crate::text::optional(Field::BranchName, name, crate::text::ORG_MAX)?;
    set(conn, BRANCH_NAME, &name)?;
    Ok(name)
}

pub const BRANCH_NAME: &str = "branch_name";

pub fn set_language(conn: &Connection, language: &str) -> Result<Lang> {
    let lang = Lang::parse(language).ok_or_else(|| Error::Unknown {
        field: Field::Language,
        value: language.to_string(),
    })?;
    set(conn, "language", lang.code())?;
    Ok(lang)
}

/// Remembers the window's zoom (this computer's, like the language: a restore keeps it).
pub fn set_zoom(conn: &Connection, percent: i64) -> Result<i64> {
    if !(ZOOM_MIN..=ZOOM_MAX).contains(&percent) || percent % 10 != 0 {
        return Err(Error::OutOfRange {
            field: Field::Zoom,
            min: ZOOM_MIN,
            max: ZOOM_MAX,
        });
    }
    set(conn, "zoom", &percent.to_string())?;
    Ok(percent)
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

pub fn set_backup_rules(conn: &Connection, keep: i64, nag_days: i64) -> Result<()> {
    if !(1..=100).contains(&keep) {
        return Err(Error::OutOfRange {
            field: Field::BackupKeep,
            min: 1,
            max: 100,
        });
    }
    if !(1..=365).contains(&nag_days) {
        return Err(Error::OutOfRange {
            field: Field::BackupNagDays,
            min: 1,
            max: 365,
        });
    }
    set(conn, "backup_keep", &keep.to_string())?;
    set(conn, "backup_nag_days", &nag_days.to_string())
}

/// Remembers a finished backup to a chosen folder, for the reminder and as the next default target.
pub fn record_usb_backup(conn: &Connection, target: &str) -> Result<()> {
    let now = crate::dates::now();
    set(conn, "last_usb_backup_at", &now)?;
    set(conn, "last_backup_target", target)
}

pub fn set_suggestion_overdue_days(conn: &Connection, days: i64) -> Result<()> {
    if !(1..=365).contains(&days) {
        return Err(Error::OutOfRange {
            field: Field::OverdueDays,
            min: 1,
            max: 365,
        });
    }
    set(conn, "suggestion_overdue_days", &days.to_string())
}
