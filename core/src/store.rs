//! Opening the ledger file: one SQLite database per data directory, locked to one writer, migrated on open.

use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};
use std::collections::BTreeSet;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::Duration;

pub const FILE_NAME: &str = "ledger.sqlite3";
/// Written into the SQLite header (`PRAGMA application_id`), so a backup or a stray file can be recognised.
pub const APPLICATION_ID: i64 = 0x424c_4447; // "BLDG"

/// The schema, one step per version. Append only: a released step is never edited.
const STEPS: &[&str] = &[
    include_str!("../migrations/0001_people.sql"),
    include_str!("../migrations/0002_settings_trash.sql"),
    include_str!("../migrations/0003_bulletins_suggestions.sql"),
    include_str!("../migrations/0004_activities.sql"),
    include_str!("../migrations/0005_bookshelf.sql"),
    include_str!("../migrations/0006_honours_summary.sql"),
    include_str!("../migrations/0007_search.sql"),
    include_str!("../migrations/0008_indexes.sql"),
    include_str!("../migrations/0009_search_rowids.sql"),
    include_str!("../migrations/0010_list_order.sql"),
    include_str!("../migrations/0011_sort_key.sql"),
    include_str!("../migrations/0012_honour_recipient.sql"),
    include_str!("../migrations/0013_search_chars.sql"),
    include_str!("../migrations/0014_person_activities.sql"),
    include_str!("../migrations/0015_list_counts.sql"),
    include_str!("../migrations/0016_dues.sql"),
    include_str!("../migrations/0017_appraisals.sql"),
    include_str!("../migrations/0018_admission.sql"),
];

static MIGRATIONS: LazyLock<Migrations<'static>> =
    LazyLock::new(|| Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect()));

/// The tables, indexes, triggers and views of a ledger: `(type, name)`, SQLite's own left out.
pub(crate) fn schema_names(conn: &Connection) -> Result<BTreeSet<(String, String)>> {
    let mut stmt = conn.prepare(
        "SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\'",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What [`schema_names`] gives for a ledger of `version`, built from the released migrations in memory:
/// a file claiming that version must have exactly these.
pub(crate) fn expected_schema(version: i64) -> Result<BTreeSet<(String, String)>> {
    let mut conn = Connection::open_in_memory()?;
    crate::text::register_collations(&conn)?;
    let version = usize::try_from(version).unwrap_or(0);
    if version > 0 {
        MIGRATIONS.to_version(&mut conn, version)?;
    }
    schema_names(&conn)
}

/// The schema version this build writes (the number of migration steps).
pub fn latest_version() -> i64 {
    STEPS.len() as i64
}

/// An open ledger: the connection plus the lock that keeps a second writer away.
pub struct Ledger {
    conn: Connection,
    path: PathBuf,
    /// The writer's lock; `None` for a reader beside a running app ([`Ledger::open_reader`]).
    _lock: Option<File>,
}

impl Ledger {
    /// Opens (creating if needed) the ledger in `dir`.
    pub fn open_dir(dir: &Path) -> Result<Ledger> {
        fs::create_dir_all(dir)?;
        Self::open(&dir.join(FILE_NAME))
    }

    /// Opens (creating if needed) the ledger file at `path`, taking its lock, refusing a file made by a
    /// newer version, and migrating an older one after writing a safety copy beside it.
    pub fn open(path: &Path) -> Result<Ledger> {
        let lock = take_lock(path)?;
        // Holding the lock, nothing else is writing here: what a killed backup or restore left goes.
        crate::leftovers::remove_beside_ledger(path);
        crate::private::prepare_database(path)?;
        let mut conn = connect(path)?;
        // Only read until the file is known to be ours and not too new: a refused file is left untouched.
        check_identity(&conn, path)?;
        let version = user_version(&conn)?;
        if version > latest_version() {
            return Err(Error::TooNew {
                found: version,
                known: latest_version(),
            });
        }
        configure(&conn)?;
        if version > 0 && version < latest_version() {
            safety_copy(&conn, path, version)?;
        }
        MIGRATIONS.to_latest(&mut conn)?;
        // Names written by another program (or before version 11) get their place in the pinyin order.
        crate::people::refresh_sort_keys(&conn)?;
        // What another program wrote (or every record, after version 13) into the character index.
        let tx = conn.transaction()?;
        crate::search::chars::catch_up(&tx)?;
        tx.commit()?;
        // Phone numbers and birth dates: owner-only, also for a ledger an older version left readable.
        let _ = crate::private::restrict(path);
        query_only(&conn, true)?;
        Ok(Ledger {
            conn,
            path: path.to_path_buf(),
            _lock: Some(lock),
        })
    }

    /// Like [`Ledger::open_dir`], but when another program (the app) is writing the ledger, opens it
    /// read-only beside it, as WAL allows: `ledger info`, `search` and `export` work while the window is
    /// open. Writing through a reader is refused by SQLite.
    pub fn open_dir_to_read(dir: &Path) -> Result<Ledger> {
        match Self::open_dir(dir) {
            Err(Error::Locked { path }) => {
                Self::open_reader(Path::new(&path)).map_err(|e| match e {
                    Error::Db(_) | Error::Locked { .. } => Error::Locked { path },
                    other => other,
                })
            }
            other => other,
        }
    }

    /// Opens the ledger read-only without its lock; only a file of this build's version (the writer
    /// has migrated it).
    fn open_reader(path: &Path) -> Result<Ledger> {
        let conn = connect_with(path, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
        check_identity(&conn, path)?;
        if user_version(&conn)? != latest_version() {
            return Err(Error::Locked {
                path: path.display().to_string(),
            });
        }
        Ok(Ledger {
            conn,
            path: path.to_path_buf(),
            _lock: None,
        })
    }

    /// The connection for reading. It is in SQLite's `query_only` mode: a write through it is refused
    /// ("attempt to write a readonly database"), so every change goes through [`Ledger::write`] and its
    /// transaction.
    pub fn read(&self) -> &Connection {
        &self.conn
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn schema_version(&self) -> Result<i64> {
        user_version(&self.conn)
    }

    /// Closes the connection (SQLite folds the WAL back into the file) and hands back the lock, so the
    /// caller can swap the file before letting go of it.
    pub fn close(self) -> Result<Option<File>> {
        self.conn.close().map_err(|(_, e)| Error::Db(e))?;
        Ok(self._lock)
    }

    /// Runs `work` in one transaction: everything it writes is saved, or nothing is. The only way to
    /// write: outside it the connection is query-only.
    pub fn write<T>(&mut self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        query_only(&self.conn, false)?;
        let result = self.transact(work);
        query_only(&self.conn, true)?;
        result
    }

    fn transact<T>(&mut self, work: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let value = work(&tx)?;
        // The search's character index follows what the triggers noted, in the same transaction.
        crate::search::chars::catch_up(&tx)?;
        tx.commit()?;
        Ok(value)
    }
}

fn lock_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// An exclusive lock on a file beside the ledger; the OS releases it when the process ends, even on a crash.
fn take_lock(path: &Path) -> Result<File> {
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(path))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked {
            path: path.display().to_string(),
        }),
        Err(std::fs::TryLockError::Error(e)) => Err(Error::Io(e)),
    }
}

fn connect(path: &Path) -> Result<Connection> {
    connect_with(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
    )
}

/// A connection with the app's busy timeout and collations, opened with `access` flags.
fn connect_with(path: &Path, access: OpenFlags) -> Result<Connection> {
    let conn = Connection::open_with_flags(path, access | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    conn.busy_timeout(Duration::from_secs(5))?;
    crate::text::register_collations(&conn)?;
    Ok(conn)
}

/// Turns SQLite's `query_only` mode on or off: on, any statement that would change the file is refused.
fn query_only(conn: &Connection, on: bool) -> Result<()> {
    conn.pragma_update(None, "query_only", on)?;
    Ok(())
}

/// Write-ahead log, foreign keys and full sync; `journal_mode` is written into the file, so this runs
/// only once the file is known to be a ledger this version may open.
fn configure(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}

/// Refuses a file that is not SQLite, or a SQLite file that belongs to another program.
fn check_identity(conn: &Connection, path: &Path) -> Result<()> {
    let not_sqlite = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotALedger {
            path: path.display().to_string(),
        },
        _ => Error::Db(e),
    };
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(not_sqlite)?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let foreign = app_id != 0 && app_id != APPLICATION_ID;
    let unknown_tables = app_id == 0 && tables > 0;
    if foreign || unknown_tables {
        return Err(Error::NotALedger {
            path: path.display().to_string(),
        });
    }
    Ok(())
}

fn user_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
}

/// Copies the whole ledger aside (SQLite's backup API, safe with WAL) before a migration touches it.
fn safety_copy(conn: &Connection, path: &Path, version: i64) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let mut name = path.as_os_str().to_owned();
    name.push(format!(".v{version}-{stamp}.bak"));
    let copy = PathBuf::from(name);
    crate::private::prepare_database(&copy)?;
    conn.backup(rusqlite::MAIN_DB, &copy, None)?;
    Ok(copy)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_list_is_valid_and_counted() {
        // Not `Migrations::validate`: it runs them on a connection without the pinyin collation.
        let mut conn = Connection::open_in_memory().unwrap();
        crate::text::register_collations(&conn).unwrap();
        MIGRATIONS.to_latest(&mut conn).unwrap();
        assert_eq!(user_version(&conn).unwrap(), latest_version());
    }
}
