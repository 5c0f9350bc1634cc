//! The character index `search_chars` (migration 13): every row of `search_index` again, as one token
//! per character, so that a word of any length, one or two characters included, is found through an
//! index as a phrase of tokens.
//!
//! A token is the character's code point in lower-case hex ("党" is `515a`), which the built-in
//! `unicode61` tokenizer keeps as it is: no rule of a tokenizer (case, accents, punctuation, spaces)
//! merges or drops a character, so a phrase matches exactly where the characters stand in a row.
//!
//! SQL cannot split a text into characters, so this module writes the index. The triggers of
//! `search_index` note each row they remove or add in `search_chars_stale`, with the text the
//! character index holds for it; [`catch_up`] brings the index up to date from those notes before every
//! write of the app commits (`Ledger::write`) and when a ledger is opened (for what another program
//! wrote). While notes remain (another program wrote while the app was open), [`ready`] says no and the
//! search reads text instead, so its results stay exact.

use crate::Result;
use rusqlite::Connection;
use std::fmt::Write;

/// The FTS5 table of characters, and the triggers' notes for it.
pub const TABLE: &str = "search_chars";
pub const STALE_TABLE: &str = "search_chars_stale";

/// `text` as the character index holds it: each character's code point in hex, separated by spaces.
pub(super) fn tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        // Writing into a String cannot fail.
        let _ = write!(out, "{:x} ", u32::from(c));
    }
    out
}

/// An FTS5 phrase that finds `folded` (a term already folded) as a run of characters.
pub(super) fn phrase(folded: &str) -> String {
    format!("\"{}\"", tokens(folded).trim_end())
}

/// Whether the character index holds every row of `search_index` (no notes are left).
pub fn ready(conn: &Connection) -> Result<bool> {
    let stale: bool = conn
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM search_chars_stale)")?
        .query_row([], |r| r.get(0))?;
    Ok(!stale)
}

/// Brings the character index up to date with `search_index` from the triggers' notes, then clears
/// them. Runs inside the caller's transaction.
pub fn catch_up(conn: &Connection) -> Result<()> {
    if ready(conn)? {
        return Ok(());
    }
    let mut notes = conn.prepare_cached(
        "SELECT s.doc, s.indexed, i.folded
         FROM search_chars_stale s LEFT JOIN search_index i ON i.rowid = s.doc",
    )?;
    let mut remove = conn.prepare_cached(
        "INSERT INTO search_chars (search_chars, rowid, chars) VALUES ('delete', ?, ?)",
    )?;
    let mut add = conn.prepare_cached("INSERT INTO search_chars (rowid, chars) VALUES (?, ?)")?;
    let mut rows = notes.query([])?;
    while let Some(row) = rows.next()? {
        let doc: i64 = row.get(0)?;
        if let Some(held) = row.get::<_, Option<String>>(1)? {
            remove.execute((doc, tokens(&held)))?;
        }
        if let Some(now) = row.get::<_, Option<String>>(2)? {
            add.execute((doc, tokens(&now)))?;
        }
    }
    conn.execute("DELETE FROM search_chars_stale", [])?;
    Ok(())
}

/// Empties the character index and writes it again from `search_index`.
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "INSERT INTO search_chars (search_chars) VALUES ('delete-all');
         DELETE FROM search_chars_stale;
         INSERT INTO search_chars_stale (doc, indexed) SELECT rowid, NULL FROM search_index;",
    )?;
    catch_up(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_one_token() {
        assert_eq!(tokens("党课 a\n"), "515a 8bfe 20 61 a ");
        assert_eq!(phrase("党课"), "\"515a 8bfe\"");
        assert_eq!(phrase("\""), "\"22\"");
    }
}
