//! Restoring a backup over the open ledger: verified first, a safety copy of the current ledger kept,
//! the file swapped in and unsealed, and this computer's own settings carried over.

use super::files::{copy_synced, replace_file, Partial};
use super::verify::open_verified;
use super::Verified;
use crate::store::Ledger;
use crate::{settings, Error, Result};
use rusqlite::Connection;
use serde::Serialize;
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

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

    let kept = machine_settings(current.read())?;
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
    match Ledger::open(&path).and_then(|mut l| restore_machine_settings(&mut l, &kept).map(|()| l))
    {
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
        .read()
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

fn restore_machine_settings(ledger: &mut Ledger, kept: &[(&'static str, String)]) -> Result<()> {
    ledger.write(|tx| {
        for (key, value) in kept {
            settings::set_text(tx, key, value)?;
        }
        Ok(())
    })
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
