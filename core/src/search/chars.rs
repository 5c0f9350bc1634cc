//! The character index `search_chars` (migration 13): every row of `search_index` again, as one token
//! per character, so that a word of any length, one or two characters included, is found through an
//! index.
//!
//! The token at a character is that character and the next one, each as its code point in six hex
//! digits ("党课" gives `00515a008bfe` at 党); the last character's token is its own six digits. A word
//! of two or more characters is then the phrase of its own pairs in a row, and a word of one character
//! the prefix of six digits, which the table's prefix index (`prefix = '6'`) answers at once. Pairs are
//! rarer than characters, so a long word's phrase reads short lists. The built-in `unicode61`
//! tokenizer keeps such tokens as they are: no rule of a tokenizer (case, accents, punctuation,
//! spaces) merges or drops a character, so a match is exact.
//!
//! SQL cannot split a text into characters, so this module writes the index. The triggers of
//! `search_index` note each row they remove or add in `search_chars_stale`, with the text the
//! character index holds for it; [`catch_up`] brings the index up to date from those notes before every
//! write of the app commits (`Ledger::write`) and when a ledger is opened (for what another program
//! wrote). While notes remain (another program wrote while the app was open), [`ready`] says no and the
//! search reads text instead, so its results stay exact.

use crate::Result;
use rusqlite::Connection;

/// The FTS5 table of characters, and the triggers' notes for it.
pub const TABLE: &str = "search_chars";
pub const STALE_TABLE: &str = "search_chars_stale";

/// `text` as the character index holds it: at each character, the pair it starts (see the module's
/// documentation), separated by spaces.
pub(super) fn tokens(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 5);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        push_hex(&mut out, c);
        match chars.peek() {
            Some(&next) => {
                push_hex(&mut out, next);
                out.push(' ');
            }
            None => break,
        }
    }
    out
}

/// A character's code point as six lower-case hex digits (a large index is written a character at a
/// time: this is faster than `format!`).
fn push_hex(out: &mut String, c: char) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let n = u32::from(c);
    for shift in [20, 16, 12, 8, 4, 0] {
        out.push(char::from(DIGITS[((n >> shift) & 15) as usize]));
    }
}

/// An FTS5 query that finds `folded` (a term already folded) as a run of characters: the phrase of its
/// pairs, or for one character the prefix of every pair it starts.
pub fn phrase(folded: &str) -> String {
    let chars: Vec<char> = folded.chars().collect();
    match chars.as_slice() {
        [one] => format!("\"{:06x}\" *", u32::from(*one)),
        _ => {
            let pairs: Vec<String> = chars
                .windows(2)
                .map(|w| format!("{:06x}{:06x}", u32::from(w[0]), u32::from(w[1])))
                .collect();
            format!("\"{}\"", pairs.join(" "))
        }
    }
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
    fn every_character_starts_one_token() {
        assert_eq!(
            tokens("党课 a"),
            "00515a008bfe 008bfe000020 000020000061 000061"
        );
        assert_eq!(phrase("党"), "\"00515a\" *");
        assert_eq!(phrase("党课"), "\"00515a008bfe\"");
        assert_eq!(phrase("党课a"), "\"00515a008bfe 008bfe000061\"");
        assert_eq!(phrase("\""), "\"000022\" *");
    }
}
