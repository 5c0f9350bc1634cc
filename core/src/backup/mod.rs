//! Backups (备份), verification and restore. A backup is a snapshot taken with SQLite's online backup
//! API (consistent even while the app writes), checked, then streamed to a temporary name on the target
//! (optionally encrypted with an age passphrase), read back, and only then renamed to its final name
//! beside a `NAME.sha256` file in `sha256sum` format. A failure at any step leaves no file with a final
//! name and earlier backups untouched. Restore verifies first, keeps a safety copy of the current
//! ledger, swaps the file in, and puts the old one back if the new one will not open.

mod files;
mod restore;
mod verify;

pub use crate::error::TargetProblem;
pub use restore::{restore, Restored};
pub use verify::{verify, Checksum, Verified};

use crate::info::{self, Count};
use crate::store::Ledger;
use crate::{settings, Error, Result};
use age::secrecy::SecretString;
use files::{
    damaged, hash_file, hex, sync_dir, target_error, write_synced, HashOnly, HashingWriter,
    Partial, ProgressReader,
};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use verify::{check_file, open_untouched};

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
pub fn auto_backup(ledger: &mut Ledger, keep: usize) -> Result<Option<BackupReport>> {
    if !auto_backup_due(ledger.read())? {
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
    ledger.write(record_auto_backup)?;
    Ok(Some(report))
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
