//! Measuring pieces the benchmarks share: the `cp` + `sync` baseline, the floor of a verified backup,
//! and the annual summary's compute-and-export times. Each bench uses only some of them.
#![allow(dead_code)]

use ledger::store::FILE_NAME;
use ledger::summary::export::{self, Format};
use ledger::{summary, Lang, Ledger};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

pub fn timed(work: impl FnOnce()) -> Duration {
    let started = Instant::now();
    work();
    started.elapsed()
}

pub fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

pub fn shell(program: &str, args: &[&Path]) {
    let status = Command::new(program).args(args).status().expect(program);
    assert!(status.success(), "{program} failed");
}

/// The baseline of every backup ratio: a plain copy of the file into another folder, then `sync`.
pub fn copy_and_sync(path: &Path) -> Duration {
    let target = tempfile::tempdir().expect("temp dir");
    timed(|| {
        shell("cp", &[path, &target.path().join(FILE_NAME)]);
        shell("sync", &[]);
    })
}

/// What a careful person does by hand for the guarantee a verified backup gives, with the standard
/// tools: `sqlite3 SRC ".backup DEST"`, `PRAGMA integrity_check` on DEST, `sha256sum DEST >
/// DEST.sha256`, `sync`.
pub fn by_hand(path: &Path) -> Duration {
    let target = tempfile::tempdir().expect("temp dir");
    let dest = target.path().join(FILE_NAME);
    timed(|| {
        let backup = format!(".backup '{}'", dest.display());
        let status = Command::new("sqlite3").arg(path).arg(&backup).status();
        assert!(status.expect("sqlite3").success(), "sqlite3 .backup");
        let check = Command::new("sqlite3")
            .arg(&dest)
            .arg("PRAGMA integrity_check;")
            .output()
            .expect("sqlite3");
        assert_eq!(String::from_utf8_lossy(&check.stdout).trim(), "ok");
        let sum = Command::new("sha256sum")
            .arg(&dest)
            .output()
            .expect("sha256sum");
        std::fs::write(dest.with_extension("sha256"), sum.stdout).expect("sum written");
        shell("sync", &[]);
    })
}

/// What a verified backup cannot go below: SHA-256 of the file, and SQLite's integrity check of it,
/// each timed alone.
pub fn backup_floor(path: &Path) -> (Duration, Duration) {
    let hash = timed(|| {
        use sha2::Digest;
        let mut hasher = sha2::Sha256::new();
        let mut file = std::fs::File::open(path).expect("open");
        std::io::copy(&mut file, &mut hasher).expect("hash");
        hasher.finalize();
    });
    let check = timed(|| {
        let conn = rusqlite::Connection::open(path).expect("open");
        conn.create_collation("pinyin", ledger::people::pinyin_cmp)
            .expect("collation");
        let ok: String = conn
            .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
            .expect("integrity_check");
        assert_eq!(ok, "ok");
    });
    (hash, check)
}

/// The best of three: computing the 2019 summary, and writing it as Word and as Excel.
pub fn summary_times(ledger: &Ledger) -> [Duration; 3] {
    let dir = tempfile::tempdir().expect("temp dir");
    let range = summary::year(2019).expect("a year");
    let mut best = [Duration::MAX; 3];
    for _ in 0..3 {
        let started = Instant::now();
        let s = summary::compute(ledger.read(), &range).expect("the summary");
        best[0] = best[0].min(started.elapsed());
        for (i, format, name) in [(1, Format::Docx, "s.docx"), (2, Format::Xlsx, "s.xlsx")] {
            let started = Instant::now();
            export::write(&s, format, &dir.path().join(name), Lang::Zh, &mut |_| {})
                .expect("the export");
            best[i] = best[i].min(started.elapsed());
        }
    }
    best
}
