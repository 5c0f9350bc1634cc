//! Files that hold personal data (the ledger, its backups and safety copies) are readable by their
//! owner only: 0600 on Unix. (On Windows a user's own folders already keep other users out.)

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates (or truncates) `path` for writing, readable and writable by its owner only.
pub fn create(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path)?;
    restrict(path)?; // an existing file keeps its mode through open(): set it
    Ok(file)
}

/// An empty file at `path` (an empty SQLite database), owner-only, for SQLite to write into: SQLite
/// gives the files it creates the umask's mode, and gives `-wal` and `-shm` the database's.
pub fn prepare_database(path: &Path) -> io::Result<()> {
    if !path.exists() {
        create(path)?;
    }
    Ok(())
}

/// Makes an existing file owner-only (the ledger of an older version was created readable by all).
pub fn restrict(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn new_and_existing_files_end_up_owner_only() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("new");
        create(&new).unwrap();
        assert_eq!(mode(&new), 0o600);
        let old = dir.path().join("old");
        std::fs::write(&old, "x").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        create(&old).unwrap();
        assert_eq!(mode(&old), 0o600);
    }
}
