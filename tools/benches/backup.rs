//! How long a verified backup takes next to the same done by hand with the standard tools (`sqlite3`'s
//! `.backup`, `PRAGMA integrity_check` on the copy, `sha256sum`, `sync`; goal ≤ 1.0) and next to a
//! plain copy of the ledger file (`cp` + `sync`, the physical floor): `ledger::backup::backup` into
//! another folder, each run twice on a ledger of about BENCH_MB megabytes (default 1024).
//!
//! `BENCH_MB=50 cargo bench -p ledger --bench backup`

use common::{copy_and_sync, secs, shell};
use ledger::backup::{self, BackupOptions, Phase};
use ledger::store::FILE_NAME;
use ledger::Ledger;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

mod common;

/// Rows added per statement while the ledger grows to its size.
const BATCH: i64 = 10_000;

fn main() {
    let mb: u64 = std::env::var("BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1024);
    let data = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let path = build(data.path(), mb * 1024 * 1024);
    let size_mb = std::fs::metadata(&path).unwrap().len() as f64 / (1024.0 * 1024.0);
    eprintln!(
        "built a {size_mb:.0} MB ledger in {:.1} s",
        secs(started.elapsed())
    );
    // What the build left unwritten must not be timed as part of the first copy.
    shell("sync", &[]);

    println!(
        "{:>8} {:>4} {:>10} {:>9} {:>9} {:>6} {:>6} {:>9} {:>6}   backup phases: snapshot+seal / write+check / read back",
        "size MB", "run", "cp+sync s", "by hand s", "backup s", "÷hand", "÷cp", "verify s", "÷cp"
    );
    for run in 1..=2 {
        let copy = copy_and_sync(&path);
        let hand = common::by_hand(&path);
        let (total, [snapshot, write, read_back], verify) = back_up(&path);
        println!(
            "{size_mb:>8.0} {run:>4} {:>10.2} {:>9.2} {:>9.2} {:>6.2} {:>6.2} {:>9.2} {:>6.2}   {:.2} / {:.2} / {:.2}",
            secs(copy),
            secs(hand),
            secs(total),
            secs(total) / secs(hand),
            secs(total) / secs(copy),
            secs(verify),
            secs(verify) / secs(copy),
            secs(snapshot),
            secs(write),
            secs(read_back),
        );
    }
    // The floor: a verified backup must at least hash the file and run integrity_check on it, each of
    // which alone is measured here against the same cp + sync.
    let copy = copy_and_sync(&path);
    let (hash, check) = common::backup_floor(&path);
    println!(
        "floor: SHA-256 {:.2} s = {:.2}x, integrity_check {:.2} s = {:.2}x of cp+sync {:.2} s",
        secs(hash),
        secs(hash) / secs(copy),
        secs(check),
        secs(check) / secs(copy),
        secs(copy)
    );
}

/// A valid ledger of at least `bytes`: people with long notes (and their first stage), added by SQL
/// in one transaction, then folded out of the WAL into the file.
fn build(dir: &Path, bytes: u64) -> PathBuf {
    let mut ledger = Ledger::open_dir(dir).expect("a new ledger");
    ledger
        .write(|c| {
            let size = || -> rusqlite::Result<i64> {
                c.query_row(
                    "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
                    [],
                    |r| r.get(0),
                )
            };
            let mut first = 1;
            while size()? < bytes as i64 {
                c.execute(
                    "WITH RECURSIVE n(i) AS (SELECT ?1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
                     INSERT INTO people (id, name, gender, stage, stage_since, notes, created_at, updated_at)
                     SELECT i, '成员' || i, 'female', 'full', '2016-05-20',
                            '备注：' || hex(randomblob(600)), '2016-05-20 09:00:00', '2016-05-20 09:00:00'
                     FROM n",
                    [first, first + BATCH - 1],
                )?;
                c.execute(
                    "INSERT INTO stage_changes (person_id, date, from_stage, to_stage)
                     SELECT id, stage_since, NULL, stage FROM people WHERE id >= ?1",
                    [first],
                )?;
                first += BATCH;
            }
            Ok(())
        })
        .expect("rows added");
    ledger
        .read()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
    drop(ledger);
    dir.join(FILE_NAME)
}

/// The whole backup's time, and its phases: the snapshot (sealed with its own digest), writing the
/// target (while the snapshot is checked on the other core), and reading it back (with the renames and
/// rotation); then how long verifying that backup takes.
fn back_up(path: &Path) -> (Duration, [Duration; 3], Duration) {
    let target = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let (mut copy_at, mut check_at) = (None, None);
    let report = backup::backup(path, target.path(), &BackupOptions::default(), &mut |p| {
        match p.phase {
            Phase::Copy => copy_at.get_or_insert_with(Instant::now),
            Phase::Check => check_at.get_or_insert_with(Instant::now),
            Phase::Snapshot => return,
        };
    })
    .expect("backup");
    let total = started.elapsed();
    let (copy_at, check_at) = (copy_at.unwrap(), check_at.unwrap());
    let phases = [
        copy_at - started,
        check_at - copy_at,
        started + total - check_at,
    ];
    let verifying = Instant::now();
    backup::verify(Path::new(&report.path), None, target.path()).expect("verified");
    (total, phases, verifying.elapsed())
}
