//! Writing a finished file: to a temporary name beside the target, then renamed into place, so a
//! failed write (a full disk, a read-only folder) leaves nothing half-written under the final name.

use crate::error::TargetProblem;
use crate::{Error, Result};
use std::io::Write;
use std::path::Path;

pub(crate) fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// The last part of `path`, for naming a temporary file beside it.
pub(crate) fn name_of(path: &Path) -> Result<String> {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{} is not a file name", path.display()),
            ))
        })
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = name_of(path)?;
    let folder = parent_of(path);
    let not_saved = |e| not_saved(folder, e);
    let mut partial = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(folder)
        .map_err(not_saved)?;
    partial.write_all(bytes).map_err(not_saved)?;
    readable(partial.path(), false)?;
    partial.as_file().sync_all().map_err(not_saved)?;
    partial.persist(path).map_err(|e| not_saved(e.error))?;
    Ok(())
}

/// Temporary files and folders are private (0600/0700) on Unix; the export is an ordinary document.
pub(crate) fn readable(path: &Path, folder: bool) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if folder { 0o755 } else { 0o644 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    let _ = (path, folder);
    Ok(())
}

/// A write into `folder` that failed, in the secretary's terms (gone, full, read-only …).
pub(crate) fn not_saved(folder: &Path, e: std::io::Error) -> Error {
    Error::NotSaved {
        path: folder.display().to_string(),
        reason: TargetProblem::of(e.kind()),
    }
}
