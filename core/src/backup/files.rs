//! Files on the way to the target: temporary files removed unless persisted, renames that wait out a
//! virus scanner, synced copies and writes, the target's errors, and the readers and writers that hash
//! and report progress.

use super::{Phase, Progress, TargetProblem};
use crate::{Error, Result};
use sha2::{Digest, Sha256};
use std::fs::{self, File};
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

/// A file with a temporary name that is removed unless it is persisted under its final name.
pub(super) struct Partial {
    path: PathBuf,
    armed: bool,
}

impl Partial {
    pub(super) fn new(path: PathBuf) -> Partial {
        Partial { path, armed: true }
    }
    pub(super) fn path(&self) -> &Path {
        &self.path
    }
    pub(super) fn persist(mut self, to: &Path) -> Result<()> {
        replace_file(&self.path, to).map_err(|e| target_error(to, e))?;
        self.armed = false;
        Ok(())
    }
    pub(super) fn forget(mut self) {
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
pub(super) fn replace_file(from: &Path, to: &Path) -> io::Result<()> {
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
pub(super) fn copy_synced(from: &Path, to: &Path) -> Result<()> {
    fs::copy(from, to)?;
    File::options().write(true).open(to)?.sync_all()?;
    Ok(())
}

pub(super) fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut file = File::create(path).map_err(|e| target_error(path, e))?;
    file.write_all(bytes)
        .and_then(|()| file.sync_all())
        .map_err(|e| target_error(path, e))
}

pub(super) fn sync_dir(dir: &Path) {
    // Makes the renames durable where the platform allows opening a folder (not on Windows).
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

pub(super) fn target_error(path: &Path, e: io::Error) -> Error {
    let reason = TargetProblem::of(e.kind());
    let path = path.parent().unwrap_or(path).display().to_string();
    Error::TargetUnusable { path, reason }
}

pub(super) fn hash_file(path: &Path) -> Result<String> {
    let mut hasher = Sha256::new();
    io::copy(
        &mut BufReader::with_capacity(1 << 20, File::open(path)?),
        &mut HashOnly(&mut hasher),
    )?;
    Ok(hex(&hasher.finalize()))
}

pub(super) fn damaged(path: &Path) -> Error {
    Error::Damaged {
        path: path.display().to_string(),
    }
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub(super) struct HashOnly<'a>(pub(super) &'a mut Sha256);

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
pub(super) struct HashingWriter<W: Write> {
    pub(super) inner: W,
    pub(super) hasher: Sha256,
    pub(super) bytes: u64,
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
pub(super) struct ProgressReader<'a, R: Read> {
    pub(super) inner: R,
    pub(super) done: u64,
    pub(super) total: u64,
    pub(super) reported: u64,
    pub(super) progress: &'a mut dyn FnMut(Progress),
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
