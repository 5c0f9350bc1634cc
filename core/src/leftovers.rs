//! What a killed backup or restore leaves behind: a snapshot of the ledger (plain, even when the backup
//! was to be encrypted), a half-written file on the USB stick, a staged or decrypted copy during a
//! restore. Each is removed at start-up and before each backup, once it is older than this process (so
//! nothing another running backup is writing is touched).

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::time::SystemTime;

/// When this process first opened a ledger: a leftover is a file last written before then.
static STARTED: LazyLock<SystemTime> = LazyLock::new(SystemTime::now);

/// Removes the files of `dir` that `is_leftover` names and that were last written before this process
/// started; returns them. A folder that cannot be read has none.
pub(crate) fn remove(dir: &Path, is_leftover: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let started = *STARTED;
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .is_ok_and(|t| t < started);
        if is_leftover(&name) && old && fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed
}

/// Snapshots taken for backups, in the data folder's `backups/`, with the `-wal`, `-shm` or
/// `-journal` SQLite keeps beside one while it is written.
pub(crate) fn is_snapshot(name: &str) -> bool {
    let base = without_sidecar(name);
    base.starts_with(".snapshot-") && base.ends_with(".sqlite3")
}

/// The database a `-wal`, `-shm` or `-journal` file belongs to (the name itself otherwise).
fn without_sidecar(name: &str) -> &str {
    ["-wal", "-shm", "-journal"]
        .iter()
        .find_map(|s| name.strip_suffix(s))
        .unwrap_or(name)
}

/// At start-up: what a killed restore or backup left beside the ledger at `ledger_path`, each said on
/// the log (standard error).
pub(crate) fn remove_beside_ledger(ledger_path: &Path) {
    let dir = ledger_path.parent().unwrap_or(Path::new("."));
    let staged = ledger_path
        .file_name()
        .map(|n| format!("{}.restoring", n.to_string_lossy()))
        .unwrap_or_default();
    let mut removed = remove(dir, |n| {
        without_sidecar(n) == staged || n.starts_with(".restore-")
    });
    removed.extend(remove(&dir.join("backups"), is_snapshot));
    for path in removed {
        eprintln!(
            "removed a leftover of an interrupted backup or restore: {}",
            path.display()
        );
    }
}
