//! Checking a backup file before it is trusted: its checksum file, decryption, that it is a whole
//! Branch Ledger of a known version (opened untouched, read-only and immutable), its seal and its
//! texts.

use super::files::{damaged, hash_file};
use super::{decrypt, made_at, AGE_MAGIC};
use crate::info::{self, Count};
use crate::store::{self, APPLICATION_ID};
use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Checksum {
    Matched,
    Missing,
}

/// What a verified backup holds.
#[derive(Debug, Clone, Serialize)]
pub struct Verified {
    pub path: String,
    /// When the backup was made (from its name, else the file's time), `YYYY-MM-DD HH:MM:SS`.
    pub made_at: String,
    pub encrypted: bool,
    pub checksum: Checksum,
    /// The file carries its own digest and matches it (every backup since 0.2).
    pub sealed: bool,
    pub schema_version: i64,
    pub bytes: u64,
    pub counts: Vec<Count>,
}

/// Checks a backup file: its checksum file if there is one, decryption, that it is a whole Branch
/// Ledger of a known version, its seal and its texts. Returns what it holds. An encrypted backup is
/// decrypted into `scratch` (the ledger's own folder, whose leftovers the next start removes), never
/// into the system's temporary folder.
pub fn verify(file: &Path, passphrase: Option<&str>, scratch: &Path) -> Result<Verified> {
    open_verified(file, passphrase, Some(scratch)).map(|(verified, _)| verified)
}

/// Verifies a backup and keeps the checked plain copy (decrypted into `temp_dir` when encrypted), so a
/// restore uses exactly what was checked, and decrypts only once.
pub(super) fn open_verified(
    file: &Path,
    passphrase: Option<&str>,
    temp_dir: Option<&Path>,
) -> Result<(Verified, Plain)> {
    let plain = open_plain(file, passphrase, temp_dir)?;
    let (version, counts) = check_file(plain.path(), &[])?;
    let conn = open_untouched(plain.path())?;
    let sealed = crate::seal::check(&conn, plain.path())? == crate::seal::Seal::Intact;
    check_texts(&conn).map_err(|_| damaged(file))?;
    let verified = Verified {
        path: file.display().to_string(),
        made_at: made_at(file),
        encrypted: is_encrypted(file)?,
        checksum: plain.checksum,
        sealed,
        schema_version: version,
        bytes: fs::metadata(file)?.len(),
        counts,
    };
    Ok((verified, plain))
}

/// Every text in every table is valid UTF-8: a changed byte inside a text that SQLite's checks pass
/// would otherwise surface only later, when an export or a screen reads it.
fn check_texts(conn: &Connection) -> Result<()> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for table in tables {
        let columns: Vec<String> = conn
            .prepare("SELECT name FROM pragma_table_info(?1)")?
            .query_map([&table], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for column in columns {
            let sql =
                format!("SELECT \"{column}\" FROM \"{table}\" WHERE typeof(\"{column}\") = 'text'");
            let mut stmt = conn.prepare(&sql)?;
            let mut rows = stmt.query([])?;
            while let Some(row) = rows.next()? {
                let text = row.get_ref(0)?.as_bytes().map_err(rusqlite::Error::from)?;
                std::str::from_utf8(text).map_err(|_| damaged(Path::new(&table)))?;
            }
        }
    }
    Ok(())
}

/// A plain copy of a backup's contents: the file itself, or a temporary decrypted copy.
pub(super) struct Plain {
    path: PathBuf,
    _temp: Option<tempfile::NamedTempFile>,
    checksum: Checksum,
}

impl Plain {
    pub(super) fn path(&self) -> &Path {
        &self.path
    }
}

/// Checks the `.sha256` file, then gives a plain copy (decrypting into `temp_dir`, or the system's
/// temporary folder, when the backup is encrypted).
fn open_plain(file: &Path, passphrase: Option<&str>, temp_dir: Option<&Path>) -> Result<Plain> {
    if !file.is_file() {
        return Err(Error::Io(io::Error::new(
            io::ErrorKind::NotFound,
            file.display().to_string(),
        )));
    }
    let checksum = check_sha256(file)?;
    if !is_encrypted(file)? {
        return Ok(Plain {
            path: file.to_path_buf(),
            _temp: None,
            checksum,
        });
    }
    let pass = passphrase.ok_or(Error::PassphraseRequired)?;
    let mut temp = match temp_dir {
        Some(dir) => tempfile::Builder::new()
            .prefix(".restore-")
            .tempfile_in(dir)?,
        None => tempfile::NamedTempFile::new()?,
    };
    io::copy(&mut decrypt(file, pass)?, temp.as_file_mut()).map_err(|_| Error::Damaged {
        path: file.display().to_string(),
    })?;
    temp.as_file().sync_all()?;
    Ok(Plain {
        path: temp.path().to_path_buf(),
        _temp: Some(temp),
        checksum,
    })
}

fn is_encrypted(file: &Path) -> Result<bool> {
    let mut head = [0u8; AGE_MAGIC.len()];
    let n = File::open(file)?.read(&mut head)?;
    Ok(n == head.len() && head == AGE_MAGIC)
}

/// Compares the file with `NAME.sha256` beside it, when there is one.
fn check_sha256(file: &Path) -> Result<Checksum> {
    let mut sum_name = file.as_os_str().to_owned();
    sum_name.push(".sha256");
    let Ok(text) = fs::read_to_string(PathBuf::from(sum_name)) else {
        return Ok(Checksum::Missing);
    };
    let expected = text
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    if hash_file(file)? != expected {
        return Err(Error::ChecksumMismatch {
            path: file.display().to_string(),
        });
    }
    Ok(Checksum::Matched)
}

/// Opens a plain ledger file read-only, without touching it, and checks it is a whole Branch Ledger
/// of a known version; with `expected` counts, also that it holds exactly those.
pub(super) fn check_file(path: &Path, expected: &[Count]) -> Result<(i64, Vec<Count>)> {
    let conn = open_untouched(path)?;
    let not_ledger = || Error::NotALedger {
        path: path.display().to_string(),
    };
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|_| not_ledger())?;
    if app_id != APPLICATION_ID {
        return Err(not_ledger());
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if version > store::latest_version() {
        return Err(Error::TooNew {
            found: version,
            known: store::latest_version(),
        });
    }
    // Every table, index and trigger of a ledger of that version, and nothing else but the seal: a
    // file with the right header but missing tables is not a ledger (its records would count as none).
    let mut names = store::schema_names(&conn).map_err(|_| not_ledger())?;
    names.remove(&("table".to_string(), crate::seal::TABLE.to_string()));
    if names != store::expected_schema(version)? {
        return Err(not_ledger());
    }
    let integrity: String = conn
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .map_err(|_| Error::Damaged {
            path: path.display().to_string(),
        })?;
    if integrity != "ok" {
        return Err(Error::Damaged {
            path: path.display().to_string(),
        });
    }
    let counts = info::counts(&conn).map_err(|_| Error::Damaged {
        path: path.display().to_string(),
    })?;
    if !expected.is_empty() && !same_counts(&counts, expected) {
        return Err(Error::Damaged {
            path: path.display().to_string(),
        });
    }
    Ok((version, counts))
}

fn same_counts(a: &[Count], b: &[Count]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|(x, y)| x.table == y.table && x.live == y.live && x.trashed == y.trashed)
}

/// Read-only and immutable: SQLite will not create a journal, WAL or lock beside the file.
pub(super) fn open_untouched(path: &Path) -> Result<Connection> {
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(uri, flags)?;
    crate::text::register_collations(&conn)?;
    // Reading the schema is the first real read; a file that is not SQLite fails here.
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|_| Error::NotALedger {
        path: path.display().to_string(),
    })?;
    Ok(conn)
}

fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.display().to_string().chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out
}
