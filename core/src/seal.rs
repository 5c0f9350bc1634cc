//! A backup that checks itself (自带校验值). Every backup carries the SHA-256 of its own bytes in a
//! one-row table, so a copy that lost its `.sha256` file on the way still shows a changed byte
//! anywhere in it, even inside a text where SQLite's own checks see nothing wrong. The digest is taken
//! over the file with its own 64 hex digits as zeros and then written into them in place: SQLite pages
//! carry no checksum of their own, so the file stays a valid database any SQLite tool opens.

use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// The table that holds the seal; only backups have it, and a restore drops it.
pub(crate) const TABLE: &str = "backup_seal";
const MARK: &str = "branch-ledger-seal sha256=";
const DIGITS: usize = 64;
const UNSEALED: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What [`check`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seal {
    /// The file's bytes are exactly those that were sealed.
    Intact,
    /// A backup made before seals existed.
    Absent,
}

/// Adds the seal's table with zeros in place of the digest, to a snapshot still open for writing.
pub(crate) fn add_placeholder(conn: &Connection) -> Result<()> {
    conn.execute_batch(&format!(
        "CREATE TABLE {TABLE} (seal TEXT NOT NULL); INSERT INTO {TABLE} VALUES ('{MARK}{UNSEALED}');"
    ))?;
    Ok(())
}

/// Writes the digest into the placeholder of the closed snapshot at `path`; `conn` reads that file.
pub(crate) fn seal(conn: &Connection, path: &Path) -> Result<()> {
    let damaged = || damaged(path);
    let (offset, digits) = locate(conn, path)?.ok_or_else(damaged)?;
    if digits != UNSEALED {
        return Err(damaged());
    }
    let digest = digest_without(path, offset)?;
    let mut file = OpenOptions::new().write(true).open(path)?;
    file.seek(SeekFrom::Start(offset))?;
    file.write_all(digest.as_bytes())?;
    file.sync_all()?;
    Ok(())
}

/// Checks the file at `path` (read through `conn`) against its seal.
pub(crate) fn check(conn: &Connection, path: &Path) -> Result<Seal> {
    let Some((offset, digits)) = locate(conn, path)? else {
        return Ok(Seal::Absent);
    };
    if digest_without(path, offset)? != digits {
        return Err(damaged(path));
    }
    Ok(Seal::Intact)
}

/// Where the seal's digits are in the file and what they say; `None` without a seal table. The table
/// holds one short row, so it lies whole in its root page; its value read through SQL must be the one
/// found in that page, so a changed byte in the table cannot go unseen.
fn locate(conn: &Connection, path: &Path) -> Result<Option<(u64, String)>> {
    let root: Option<i64> = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [TABLE],
            |r| r.get(0),
        )
        .optional()?;
    let Some(root) = root else {
        return Ok(None);
    };
    let damaged = || damaged(path);
    let values: Vec<String> = conn
        .prepare(&format!("SELECT seal FROM {TABLE}"))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()
        .map_err(|_| damaged())?;
    let [value] = values.as_slice() else {
        return Err(damaged());
    };
    let page_size: i64 = conn.pragma_query_value(None, "page_size", |r| r.get(0))?;
    let start = u64::try_from((root - 1) * page_size).map_err(|_| damaged())?;
    let mut page = vec![0; usize::try_from(page_size).map_err(|_| damaged())?];
    let mut file = File::open(path)?;
    file.seek(SeekFrom::Start(start))?;
    file.read_exact(&mut page).map_err(|_| damaged())?;
    let at = find(&page, MARK.as_bytes()).ok_or_else(damaged)? + MARK.len();
    let digits = page.get(at..at + DIGITS).ok_or_else(damaged)?;
    let digits = std::str::from_utf8(digits).map_err(|_| damaged())?;
    if *value != format!("{MARK}{digits}") {
        return Err(damaged());
    }
    Ok(Some((start + at as u64, digits.to_string())))
}

/// The SHA-256 of the file with the 64 bytes at `offset` read as ASCII zeros.
fn digest_without(path: &Path, offset: u64) -> Result<String> {
    let mut hasher = Sha256::new();
    let mut file = File::open(path)?;
    let mut buf = vec![0; 1 << 20];
    let mut pos = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        let chunk = &mut buf[..n];
        let end = pos + n as u64;
        let from = offset.clamp(pos, end);
        let to = (offset + DIGITS as u64).clamp(pos, end);
        chunk[(from - pos) as usize..(to - pos) as usize].fill(b'0');
        hasher.update(chunk);
        pos = end;
    }
    Ok(hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn damaged(path: &Path) -> Error {
    Error::Damaged {
        path: path.display().to_string(),
    }
}
