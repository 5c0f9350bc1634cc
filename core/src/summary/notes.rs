//! The secretary's narratives: one text per section of the summary of a range, typed in the app and
//! shown in every export.

use super::{Note, Range, SECTIONS};
use crate::{Error, Field, Result};
use rusqlite::{params, Connection};

/// The longest narrative a section may hold, in characters.
pub const NOTE_MAX: usize = 5000;

/// Saves the secretary's narrative for one section of the summary of `range`; empty text (or only
/// spaces) deletes it. Leading spaces are kept (Chinese paragraphs often open with two).
pub fn save_note(conn: &Connection, range: &Range, section: &str, text: &str) -> Result<()> {
    let (first, last) = range.iso();
    if !SECTIONS.contains(&section) {
        return Err(Error::Unknown {
            field: Field::Section,
            value: section.to_string(),
        });
    }
    let text = text.trim_end();
    if text.trim().is_empty() {
        conn.execute(
            "DELETE FROM summary_notes WHERE range_from = ?1 AND range_to = ?2 AND section = ?3",
            params![first, last, section],
        )?;
        return Ok(());
    }
    if text.chars().count() > NOTE_MAX {
        return Err(Error::TooLong {
            field: Field::Body,
            max: NOTE_MAX,
        });
    }
    let now = crate::dates::now();
    conn.execute(
        "INSERT INTO summary_notes (range_from, range_to, section, text, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (range_from, range_to, section) DO UPDATE SET text = excluded.text,
           updated_at = excluded.updated_at",
        params![first, last, section, text, now],
    )?;
    Ok(())
}

/// The narratives saved for exactly this range, in the order of [`SECTIONS`].
pub fn notes(conn: &Connection, range: &Range) -> Result<Vec<Note>> {
    let (first, last) = range.iso();
    let mut stmt = conn.prepare(
        "SELECT section, text FROM summary_notes WHERE range_from = ?1 AND range_to = ?2",
    )?;
    let mut notes: Vec<Note> = stmt
        .query_map(params![first, last], |r| {
            Ok(Note {
                section: r.get(0)?,
                text: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let order = |n: &Note| SECTIONS.iter().position(|s| *s == n.section);
    notes.sort_by_key(|n| (order(n).is_none(), order(n)));
    Ok(notes)
}
