//! Backups (备份), verification and restore. A backup is a snapshot taken with SQLite's online backup
//! API (consistent even while the app writes), checked, then streamed to a temporary name on the target
//! (optionally encrypted with an age passphrase), read back, and only then renamed to its final name
//! beside a `NAME.sha256` file in `sha256sum` format. A failure at any step leaves no file with a final
//! name and earlier backups untouched. Restore verifies first, keeps a safety copy of the current
//! ledger, swaps the file in, and puts the old one back if the new one will not open.

pub use crate::error::TargetProblem;
use crate::info::{self, Count};
use crate::store::{self, Ledger, APPLICATION_ID};
use crate::{settings, Error, Result};
use age::secrecy::SecretString;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

pub const PREFIX: &str = "branch-ledger-";
const PLAIN_EXT: &str = ".sqlite3";
const AGE_EXT: &str = ".age";
const AGE_MAGIC: &[u8] = b"age-encryption.org/v1";
/// Pages copied per step of the online backup (4 KiB each: 16 MiB a step).
const PAGES_PER_STEP: i32 = 16384;

/// What a long backup reports as it goes.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct Progress {
    pub phase: Phase,
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Snapshot,
    Copy,
    Check,
}

/// Wraps the writer of the target's temporary file.
pub type WrapWriter = Box<dyn Fn(File) -> Box<dyn Write>>;

/// Test seams: what the target does, so that tests can make it fail part-way.
#[derive(Default)]
pub struct Hooks {
    /// Wraps the writer of the target's temporary file (tests: fail after N bytes).
    pub wrap_writer: Option<WrapWriter>,
    /// Runs just before the final rename (tests: take the target away).
    pub before_rename: Option<Box<dyn Fn()>>,
}

/// The scrypt work factor (log2 N) every encrypted backup is written with: fixed rather than measured
/// on the spot, so that a backup made on a fast, idle PC opens on a slow or busy one. 18 is what the
/// `age` tool picks on a typical PC (about a second, 256 MiB).
pub const SCRYPT_LOG_N: u8 = 18;

/// The highest work factor a backup is opened with: above anything the app or the `age` tool writes on
/// today's PCs (20 needs 1 GiB and a few seconds), below what would exhaust an office PC's memory.
pub const SCRYPT_MAX_LOG_N: u8 = 20;

pub struct BackupOptions<'a> {
    pub passphrase: Option<&'a str>,
    /// How many backups to keep in the target folder (the newest is never deleted).
    pub keep: usize,
    /// scrypt work factor (log2 N); `None` writes [`SCRYPT_LOG_N`].
    pub scrypt_log_n: Option<u8>,
    pub hooks: Hooks,
}

impl Default for BackupOptions<'_> {
    fn default() -> Self {
        BackupOptions {
            passphrase: None,
            keep: 10,
            scrypt_log_n: None,
            hooks: Hooks::default(),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BackupReport {
    pub path: String,
    pub sha256: String,
    pub bytes: u64,
    pub encrypted: bool,
    pub counts: Vec<Count>,
    /// Older backups removed by rotation.
    pub removed: Vec<String>,
}

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

/// A backup file found in a folder.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub path: String,
    pub name: String,
    pub made_at: String,
    pub bytes: u64,
    pub encrypted: bool,
    pub has_checksum: bool,
}

/// Makes a backup of the ledger file at `source` into `target_dir`.
pub fn backup(
    source: &Path,
    target_dir: &Path,
    options: &BackupOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<BackupReport> {
    let target_dir = prepare_target(target_dir)?;
    let encrypted = options.passphrase.is_some();
    let ext = if encrypted { AGE_EXT } else { PLAIN_EXT };
    // Names have one-second resolution: wait for a free one rather than replace a backup made in the
    // same second.
    let name = loop {
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let name = format!("{PREFIX}{stamp}{ext}");
        if !target_dir.join(&name).exists() {
            break name;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    let snapshot_dir = source.parent().unwrap_or(Path::new(".")).join("backups");
    fs::create_dir_all(&snapshot_dir)?;
    // What an earlier, killed backup left: its snapshot here, its half-written file on the target.
    crate::leftovers::remove(&snapshot_dir, crate::leftovers::is_snapshot);
    crate::leftovers::remove(&target_dir, |n| {
        let lone_sum = n.strip_suffix(".sha256").filter(|b| b.starts_with(PREFIX));
        (n.starts_with(&format!(".{PREFIX}")) && n.ends_with(".partial"))
            || lone_sum.is_some_and(|b| !target_dir.join(b).exists())
    });
    let snapshot = tempfile::Builder::new()
        .prefix(".snapshot-")
        .suffix(".sqlite3")
        .tempfile_in(&snapshot_dir)?;
    let counts = take_snapshot(source, snapshot.path(), progress)?;
    let partial = Partial::new(target_dir.join(format!(".{name}.partial")));
    // The snapshot is checked on the second core while the first streams it to the target; the
    // read-back hash then proves the target holds exactly those checked bytes.
    let (sha256, bytes) = std::thread::scope(|scope| -> Result<(String, u64)> {
        let checked = scope.spawn(|| check_file(snapshot.path(), &counts));
        // Only an encrypted backup needs the snapshot's own hash (to check what decrypts); a plain one
        // is checked against the hash of the bytes written, which are the same bytes.
        let plain_hash = scope.spawn(|| match encrypted {
            true => hash_file(snapshot.path()),
            false => Ok(String::new()),
        });
        let written = write_target(snapshot.path(), partial.path(), options, progress);
        let checked = checked
            .join()
            .unwrap_or_else(|_| Err(damaged(snapshot.path())));
        let plain_hash = plain_hash
            .join()
            .unwrap_or_else(|_| Err(damaged(snapshot.path())));
        checked?;
        let (sha256, bytes) = written?;
        progress(Progress {
            phase: Phase::Check,
            done: 0,
            total: 1,
        });
        read_back(partial.path(), &sha256, &plain_hash?, options)?;
        Ok((sha256, bytes))
    })?;
    let sha_partial = Partial::new(target_dir.join(format!(".{name}.sha256.partial")));
    write_synced(sha_partial.path(), format!("{sha256}  {name}\n").as_bytes())?;
    if let Some(hook) = &options.hooks.before_rename {
        hook();
    }
    // The checksum file first: a backup under its final name always has one beside it. A checksum
    // file left alone by a kill between the two renames is removed before the next backup.
    let final_path = target_dir.join(&name);
    let sum_path = target_dir.join(format!("{name}.sha256"));
    sha_partial.persist(&sum_path)?;
    if let Err(e) = partial.persist(&final_path) {
        let _ = fs::remove_file(&sum_path);
        return Err(e);
    }
    sync_dir(&target_dir);
    let removed = rotate(&target_dir, options.keep, &name)?;
    progress(Progress {
        phase: Phase::Check,
        done: 1,
        total: 1,
    });
    Ok(BackupReport {
        path: final_path.display().to_string(),
        sha256,
        bytes,
        encrypted,
        counts,
        removed,
    })
}

/// The target folder exists (it is made if missing) and can be written.
fn prepare_target(dir: &Path) -> Result<PathBuf> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::TargetUnusable {
            path: dir.display().to_string(),
            reason: TargetProblem::NotAFolder,
        });
    }
    fs::create_dir_all(dir).map_err(|e| target_error(dir, e))?;
    Ok(dir.to_path_buf())
}

/// Copies the ledger into `to` with the online backup API, in one read transaction so the copy is one
/// consistent moment even while the app goes on writing; returns the record counts of that moment.
fn take_snapshot(
    source: &Path,
    to: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<Count>> {
    let src = Connection::open_with_flags(
        source,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    src.execute_batch("BEGIN")?;
    let counts = info::counts(&src)?;
    let mut dst = Connection::open(to)?;
    // The integrity check compares index entries, some of them in pinyin order.
    crate::text::register_collations(&dst)?;
    // A scratch copy: no journal and no syncing, since it is checked and then copied (and synced) to
    // the target, and thrown away if anything goes wrong.
    dst.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;")?;
    {
        let backup = rusqlite::backup::Backup::new(&src, &mut dst)?;
        loop {
            let step = backup.step(PAGES_PER_STEP)?;
            let p = backup.progress();
            let total = p.pagecount.max(1) as u64;
            progress(Progress {
                phase: Phase::Snapshot,
                done: total - p.remaining as u64,
                total,
            });
            match step {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::More => {}
                _ => std::thread::sleep(std::time::Duration::from_millis(20)),
            }
        }
    }
    src.execute_batch("COMMIT")?;
    crate::seal::add_placeholder(&dst)?;
    // A self-contained file: no WAL beside it.
    dst.pragma_update(None, "journal_mode", "DELETE")?;
    drop(dst);
    crate::seal::seal(&open_untouched(to)?, to)?;
    Ok(counts)
}

/// Opens a plain ledger file read-only, without touching it, and checks it is a whole Branch Ledger
/// of a known version; with `expected` counts, also that it holds exactly those.
fn check_file(path: &Path, expected: &[Count]) -> Result<(i64, Vec<Count>)> {
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
fn open_untouched(path: &Path) -> Result<Connection> {
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

/// Streams the snapshot to the target's temporary file (encrypting if asked), syncs it, and returns
/// the SHA-256 and size of what was written.
fn write_target(
    snapshot: &Path,
    partial: &Path,
    options: &BackupOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<(String, u64)> {
    let file = crate::private::create(partial).map_err(|e| target_error(partial, e))?;
    let syncer = file.try_clone()?;
    let raw: Box<dyn Write> = match &options.hooks.wrap_writer {
        Some(wrap) => wrap(file),
        None => Box::new(file),
    };
    let mut hashing = HashingWriter {
        inner: BufWriter::with_capacity(1 << 20, raw),
        hasher: Sha256::new(),
        bytes: 0,
    };
    let total = fs::metadata(snapshot)?.len();
    let mut input = ProgressReader {
        inner: File::open(snapshot)?,
        done: 0,
        total,
        reported: 0,
        progress,
    };
    let result = match options.passphrase {
        Some(pass) => encrypt(&mut input, &mut hashing, pass, options.scrypt_log_n),
        None => io::copy(&mut input, &mut hashing).map(|_| ()),
    };
    result
        .and_then(|()| hashing.inner.flush())
        .map_err(|e| target_error(partial, e))?;
    let (hash, bytes) = (hex(&hashing.hasher.finalize_reset()), hashing.bytes);
    drop(hashing);
    syncer.sync_all().map_err(|e| target_error(partial, e))?;
    Ok((hash, bytes))
}

fn encrypt(
    input: &mut dyn Read,
    output: &mut dyn Write,
    pass: &str,
    log_n: Option<u8>,
) -> io::Result<()> {
    let mut recipient = age::scrypt::Recipient::new(SecretString::from(pass.to_owned()));
    recipient.set_work_factor(log_n.unwrap_or(SCRYPT_LOG_N));
    let encryptor =
        age::Encryptor::with_recipients(std::iter::once(&recipient as &dyn age::Recipient))
            .map_err(io::Error::other)?;
    let mut writer = encryptor.wrap_output(output)?;
    io::copy(input, &mut writer)?;
    writer.finish()?;
    Ok(())
}

/// Reads the written file back: its bytes must hash as written, and an encrypted one must decrypt to
/// exactly the snapshot.
fn read_back(
    partial: &Path,
    sha256: &str,
    plain_hash: &str,
    options: &BackupOptions,
) -> Result<()> {
    let written = hash_file(partial).map_err(|e| match e {
        Error::Io(io) => target_error(partial, io),
        other => other,
    })?;
    if written != sha256 {
        return Err(Error::Damaged {
            path: partial.display().to_string(),
        });
    }
    if let Some(pass) = options.passphrase {
        let mut plain = decrypt(partial, pass)?;
        let mut hasher = Sha256::new();
        io::copy(&mut plain, &mut HashOnly(&mut hasher))?;
        if hex(&hasher.finalize()) != plain_hash {
            return Err(Error::Damaged {
                path: partial.display().to_string(),
            });
        }
    }
    Ok(())
}

fn decrypt(path: &Path, pass: &str) -> Result<Box<dyn Read>> {
    decrypt_limited(path, pass, SCRYPT_MAX_LOG_N)
}

fn decrypt_limited(path: &Path, pass: &str, max_log_n: u8) -> Result<Box<dyn Read>> {
    let file = BufReader::new(File::open(path)?);
    let decryptor = age::Decryptor::new_buffered(file).map_err(|_| Error::Damaged {
        path: path.display().to_string(),
    })?;
    let mut identity = age::scrypt::Identity::new(SecretString::from(pass.to_owned()));
    // An explicit limit: age's own is a few steps above what this PC does in a second right now, which
    // refused good backups on a slower or busy PC.
    identity.set_max_work_factor(max_log_n);
    match decryptor.decrypt(std::iter::once(&identity as &dyn age::Identity)) {
        Ok(reader) => Ok(Box::new(reader)),
        Err(age::DecryptError::ExcessiveWork { required, .. }) => {
            Err(Error::EncryptionTooHeavy { required })
        }
        Err(
            age::DecryptError::DecryptionFailed
            | age::DecryptError::NoMatchingKeys
            | age::DecryptError::KeyDecryptionFailed,
        ) => Err(Error::WrongPassphrase),
        Err(_) => Err(Error::Damaged {
            path: path.display().to_string(),
        }),
    }
}

/// Keeps the newest `keep` backups in the folder (and always `newest`), removing older ones and their
/// checksum files. Returns the names removed.
fn rotate(dir: &Path, keep: usize, newest: &str) -> Result<Vec<String>> {
    let mut names: Vec<String> = list(dir)?.into_iter().map(|b| b.name).collect();
    names.sort();
    names.reverse();
    let mut removed = Vec::new();
    for name in names.into_iter().skip(keep.max(1)) {
        if name == newest {
            continue;
        }
        if fs::remove_file(dir.join(&name)).is_ok() {
            let _ = fs::remove_file(dir.join(format!("{name}.sha256")));
            removed.push(name);
        }
    }
    Ok(removed)
}

/// The backups in a folder, newest first.
pub fn list(dir: &Path) -> Result<Vec<Listed>> {
    let mut found = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e.into()),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let encrypted = name.ends_with(AGE_EXT);
        if !name.starts_with(PREFIX) || !(encrypted || name.ends_with(PLAIN_EXT)) {
            continue;
        }
        let path = entry.path();
        found.push(Listed {
            made_at: made_at(&path),
            bytes: entry.metadata().map(|m| m.len()).unwrap_or(0),
            has_checksum: dir.join(format!("{name}.sha256")).is_file(),
            path: path.display().to_string(),
            name,
            encrypted,
        });
    }
    found.sort_by(|a, b| b.name.cmp(&a.name));
    Ok(found)
}

/// When a backup was made: from its name `branch-ledger-YYYYMMDD-HHMMSS`, else the file's time.
fn made_at(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let stamp = name.strip_prefix(PREFIX).and_then(|rest| rest.get(..15));
    if let Some(t) =
        stamp.and_then(|s| chrono::NaiveDateTime::parse_from_str(s, "%Y%m%d-%H%M%S").ok())
    {
        return t.format("%Y-%m-%d %H:%M:%S").to_string();
    }
    fs::metadata(path)
        .and_then(|m| m.modified())
        .map(|t| {
            chrono::DateTime::<chrono::Local>::from(t)
                .format("%Y-%m-%d %H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
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
fn open_verified(
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
struct Plain {
    path: PathBuf,
    _temp: Option<tempfile::NamedTempFile>,
    checksum: Checksum,
}

impl Plain {
    fn path(&self) -> &Path {
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

/// What a restore did.
#[derive(Debug, Clone, Serialize)]
pub struct Restored {
    pub from: Verified,
    /// The copy of the ledger as it was before the restore.
    pub safety_copy: String,
}

/// Replaces the open ledger in `slot` with the backup `file`. Verifies first; keeps a safety copy of
/// the current ledger; if anything fails, the current ledger is left as it was and reopened.
pub fn restore(
    slot: &mut Option<Ledger>,
    file: &Path,
    passphrase: Option<&str>,
) -> Result<Restored> {
    let current = slot
        .as_ref()
        .ok_or_else(|| Error::Io(io::Error::other("the ledger is not open")))?;
    let path = current.path().to_path_buf();
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let (from, plain) = open_verified(file, passphrase, Some(&dir))?;

    // Stage the restored file beside the ledger, so the swap is one rename on one disk.
    let staged = Partial::new(sibling(&path, ".restoring"));
    copy_synced(plain.path(), staged.path())?;
    unseal(staged.path())?;
    let safety = safety_copy(current, &dir)?;

    let kept = machine_settings(current.conn())?;
    let ledger = slot.take().expect("checked above");
    let lock = ledger.close()?;
    // Closing folded the WAL into the file; a stray one must not be replayed into the restored file.
    let _ = fs::remove_file(sibling(&path, "-wal"));
    let _ = fs::remove_file(sibling(&path, "-shm"));
    let swapped = replace_file(staged.path(), &path);
    staged.forget();
    drop(lock);
    if let Err(e) = swapped {
        *slot = Some(Ledger::open(&path)?);
        return Err(e.into());
    }
    match Ledger::open(&path).and_then(|l| restore_machine_settings(&l, &kept).map(|()| l)) {
        Ok(restored) => {
            *slot = Some(restored);
            Ok(Restored {
                from,
                safety_copy: safety.display().to_string(),
            })
        }
        Err(e) => {
            fs::copy(&safety, &path)?;
            *slot = Some(Ledger::open(&path)?);
            Err(e)
        }
    }
}

/// Copies the open ledger beside itself as `NAME.before-restore-STAMP.bak`: written under a hidden
/// `.restore-` name (with its journal, removed at the next start if this is killed) and renamed once
/// whole, so a file with the safety copy's name is always a whole ledger.
fn safety_copy(current: &Ledger, dir: &Path) -> Result<PathBuf> {
    let path = current.path();
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let safety = sibling(path, &format!(".before-restore-{stamp}.bak"));
    let staged = Partial::new(dir.join(format!(".restore-safety-{stamp}.bak")));
    crate::private::prepare_database(staged.path())?;
    current
        .conn()
        .backup(rusqlite::MAIN_DB, staged.path(), None)?;
    File::options()
        .write(true)
        .open(staged.path())?
        .sync_all()?;
    replace_file(staged.path(), &safety)?;
    staged.forget();
    Ok(safety)
}

/// A restored ledger is the app's file again, not a backup: it drops the backup's seal.
fn unseal(path: &Path) -> Result<()> {
    let conn = Connection::open(path)?;
    conn.execute_batch(&format!(
        "DROP TABLE IF EXISTS {}; PRAGMA journal_mode = DELETE;",
        crate::seal::TABLE
    ))?;
    Ok(())
}

fn machine_settings(conn: &Connection) -> Result<Vec<(&'static str, String)>> {
    let mut kept = Vec::new();
    // Settings about this computer rather than the records: a restore keeps them, so that restoring
    // old data neither forgets when the last backups were made nor switches the language or the zoom.
    for key in crate::export::MACHINE_SETTINGS {
        if let Some(value) = settings::get_text(conn, key)? {
            kept.push((key, value));
        }
    }
    Ok(kept)
}

fn restore_machine_settings(ledger: &Ledger, kept: &[(&'static str, String)]) -> Result<()> {
    for (key, value) in kept {
        settings::set_text(ledger.conn(), key, value)?;
    }
    Ok(())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// Whether the daily automatic backup into the data folder's `backups/` is due.
pub fn auto_backup_due(conn: &Connection) -> Result<bool> {
    let last = settings::get_text(conn, "last_auto_backup_at")?;
    let now = chrono::Local::now().naive_local();
    let recent = last
        .and_then(|l| chrono::NaiveDateTime::parse_from_str(&l, "%Y-%m-%d %H:%M:%S").ok())
        .is_some_and(|l| now - l < chrono::Duration::hours(24));
    Ok(!recent)
}

pub fn auto_backup_folder(ledger_path: &Path) -> PathBuf {
    ledger_path
        .parent()
        .unwrap_or(Path::new("."))
        .join("backups")
}

pub fn record_auto_backup(conn: &Connection) -> Result<()> {
    let now = crate::dates::now();
    settings::set_text(conn, "last_auto_backup_at", &now)
}

/// The automatic backup into the data folder's `backups/`, at most once a day. The app runs the
/// three steps itself so that it holds the ledger only to read and record, not while copying.
pub fn auto_backup(ledger: &Ledger, keep: usize) -> Result<Option<BackupReport>> {
    if !auto_backup_due(ledger.conn())? {
        return Ok(None);
    }
    let options = BackupOptions {
        keep,
        ..Default::default()
    };
    let report = backup(
        ledger.path(),
        &auto_backup_folder(ledger.path()),
        &options,
        &mut |_| {},
    )?;
    record_auto_backup(ledger.conn())?;
    Ok(Some(report))
}

/// A file with a temporary name that is removed unless it is persisted under its final name.
struct Partial {
    path: PathBuf,
    armed: bool,
}

impl Partial {
    fn new(path: PathBuf) -> Partial {
        Partial { path, armed: true }
    }
    fn path(&self) -> &Path {
        &self.path
    }
    fn persist(mut self, to: &Path) -> Result<()> {
        replace_file(&self.path, to).map_err(|e| target_error(to, e))?;
        self.armed = false;
        Ok(())
    }
    fn forget(mut self) {
        self.armed = false;
    }
}

impl Drop for Partial {
    fn drop(&mut self) {
        if self.armed {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Puts `from` in place of `to` in one rename (on Windows a replacing move, which it allows once no
/// handle on either file is open). A virus scanner or the search indexer may still hold a file for a
/// moment after it is written, so a refusal is tried again for about two seconds.
fn replace_file(from: &Path, to: &Path) -> io::Result<()> {
    let mut tries = 0;
    loop {
        match fs::rename(from, to) {
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied && tries < 20 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
            done => return done,
        }
    }
}

/// Copies `from` to `to` and flushes the copy to the disk, through a handle opened for writing:
/// Windows refuses to flush a read-only handle ("Access denied"), which broke every restore there.
fn copy_synced(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to)?;
    File::options().write(true).open(to)?.sync_all()?;
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = File::create(path).map_err(|e| target_error(path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| target_error(path, e))
}

fn sync_dir(dir: &Path) {
    // Makes the renames durable where the platform allows opening a folder (not on Windows).
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

fn target_error(path: &Path, e: io::Error) -> Error {
    let reason = match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => TargetProblem::Full,
        io::ErrorKind::ReadOnlyFilesystem | io::ErrorKind::PermissionDenied => {
            TargetProblem::ReadOnly
        }
        io::ErrorKind::NotFound => TargetProblem::Gone,
        io::ErrorKind::NotADirectory => TargetProblem::NotAFolder,
        _ => TargetProblem::Other,
    };
    let path = path.parent().unwrap_or(path).display().to_string();
    Error::TargetUnusable { path, reason }
}

fn hash_file(path: &Path) -> Result<String> {
    let mut hasher = Sha256::new();
    io::copy(
        &mut BufReader::with_capacity(1 << 20, File::open(path)?),
        &mut HashOnly(&mut hasher),
    )?;
    Ok(hex(&hasher.finalize()))
}

fn damaged(path: &Path) -> Error {
    Error::Damaged {
        path: path.display().to_string(),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

struct HashOnly<'a>(&'a mut Sha256);

impl Write for HashOnly<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Hashes and counts what passes through on the way to the target.
struct HashingWriter<W: Write> {
    inner: W,
    hasher: Sha256,
    bytes: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Reports copy progress about once per percent, not once per buffer.
struct ProgressReader<'a, R: Read> {
    inner: R,
    done: u64,
    total: u64,
    reported: u64,
    progress: &'a mut dyn FnMut(Progress),
}

impl<R: Read> Read for ProgressReader<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.done += n as u64;
        if n == 0 || self.done - self.reported >= self.total / 100 {
            self.reported = self.done;
            (self.progress)(Progress {
                phase: Phase::Copy,
                done: self.done,
                total: self.total,
            });
        }
        Ok(n)
    }
}

/// The passphrase for a new encrypted backup, typed twice; empty means no encryption.
pub fn passphrase_from(first: Option<&str>, again: Option<&str>) -> Result<Option<String>> {
    let first = first.unwrap_or("");
    if first.is_empty() && again.unwrap_or("").is_empty() {
        return Ok(None);
    }
    if first != again.unwrap_or("") {
        return Err(Error::PassphraseMismatch);
    }
    Ok(Some(first.to_string()))
}

/// Why the secretary should be reminded to back up to a USB stick, if they should.
#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    /// The last backup to a chosen folder, if any.
    pub last: Option<String>,
    pub days_since: Option<i64>,
}

/// A reminder when there has been no USB backup, or none for `nag_days` days.
pub fn reminder(last: Option<&str>, nag_days: i64, now: chrono::NaiveDateTime) -> Option<Reminder> {
    let Some(last) = last else {
        return Some(Reminder {
            last: None,
            days_since: None,
        });
    };
    let when = chrono::NaiveDateTime::parse_from_str(last, "%Y-%m-%d %H:%M:%S").ok()?;
    let days = (now - when).num_days();
    (days >= nag_days).then(|| Reminder {
        last: Some(last.to_string()),
        days_since: Some(days),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_needing_more_work_than_the_limit_is_refused_as_such() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("heavy.age");
        let mut out = File::create(&path).unwrap();
        encrypt(&mut &b"ledger"[..], &mut out, "密码", Some(12)).unwrap();
        drop(out);
        assert!(decrypt_limited(&path, "密码", 12).is_ok());
        let refused = decrypt_limited(&path, "密码", 10).err().unwrap();
        assert_eq!(refused.code(), "encryption_too_heavy");
        assert!(refused.message(crate::Lang::Zh).contains("scrypt 12"));
        assert_eq!(
            decrypt_limited(&path, "别的密码", 12).err().unwrap().code(),
            "wrong_passphrase"
        );
    }

    #[test]
    fn passphrases_must_match_and_empty_means_none() {
        assert_eq!(passphrase_from(None, None).unwrap(), None);
        assert_eq!(passphrase_from(Some(""), Some("")).unwrap(), None);
        assert_eq!(
            passphrase_from(Some("a b"), Some("a b"))
                .unwrap()
                .as_deref(),
            Some("a b")
        );
        assert_eq!(
            passphrase_from(Some("a"), Some("b")).unwrap_err().code(),
            "passphrase_mismatch"
        );
        assert_eq!(
            passphrase_from(Some("a"), None).unwrap_err().code(),
            "passphrase_mismatch"
        );
    }

    #[test]
    fn reminds_when_never_or_long_ago() {
        let now = chrono::NaiveDateTime::parse_from_str("2026-11-24 10:00:00", "%Y-%m-%d %H:%M:%S")
            .unwrap();
        assert!(reminder(None, 30, now).is_some());
        assert!(reminder(Some("2026-11-01 10:00:00"), 30, now).is_none());
        let r = reminder(Some("2026-10-01 09:00:00"), 30, now).unwrap();
        assert_eq!(r.days_since, Some(54));
    }
}
