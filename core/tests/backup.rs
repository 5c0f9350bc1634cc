//! Backups (备份): the file and checksum they leave, encryption, one consistent moment while the app
//! writes, failures part-way that leave nothing behind, verification of bad files, rotation, listing,
//! restore and the daily automatic backup.
mod common;

use common::{refused, snapshot};
use ledger::backup::{self, BackupOptions, BackupReport, Checksum, Hooks};
use ledger::info::{self, Count};
use ledger::store::{latest_version, FILE_NAME};
use ledger::{Lang, Ledger, Result};
use rusqlite::Connection;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const PASS: &str = "红旗渠-1960";

/// A ledger holding the demo branch, in its own temporary data folder.
fn demo() -> (TempDir, Ledger) {
    let (dir, mut ledger) = common::open();
    ledger::demo::load(&mut ledger).unwrap();
    (dir, ledger)
}

/// Verifies with the system's temporary folder as scratch space (the app gives the ledger's folder).
fn verify(file: &Path, passphrase: Option<&str>) -> Result<backup::Verified> {
    backup::verify(file, passphrase, &std::env::temp_dir())
}

/// Encrypted, with a cheap scrypt so that tests stay fast.
fn encrypted() -> BackupOptions<'static> {
    BackupOptions {
        passphrase: Some(PASS),
        scrypt_log_n: Some(10),
        ..Default::default()
    }
}

fn with_hooks(hooks: Hooks) -> BackupOptions<'static> {
    BackupOptions {
        hooks,
        ..Default::default()
    }
}

fn run(ledger: &Ledger, target: &Path, options: &BackupOptions) -> Result<BackupReport> {
    backup::backup(ledger.path(), target, options, &mut |_| {})
}

/// A demo ledger, a "USB stick" folder, and one good plain backup on it, dated a while ago (so that
/// the next backup does not get the same name).
fn one_backup() -> (TempDir, Ledger, TempDir, PathBuf) {
    let (data, ledger) = demo();
    let usb = TempDir::new().unwrap();
    let report = run(&ledger, usb.path(), &BackupOptions::default()).unwrap();
    let path = backdate(Path::new(&report.path), "20240101-080000");
    (data, ledger, usb, path)
}

fn comparable(counts: &[Count]) -> Vec<(&'static str, i64, i64)> {
    counts
        .iter()
        .map(|c| (c.table, c.live, c.trashed))
        .collect()
}

fn live_people(counts: &[Count]) -> i64 {
    counts.iter().find(|c| c.table == "people").unwrap().live
}

fn people_in(conn: &Connection) -> i64 {
    conn.query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .unwrap()
}

fn add_person(conn: &Connection, name: &str) {
    conn.execute(
        "INSERT INTO people (name, stage, stage_since, created_at, updated_at)
         VALUES (?1, 'applicant', '2024-03-01', '2024-03-01 09:00:00', '2024-03-01 09:00:00')",
        [name],
    )
    .unwrap();
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every file in `dir` (not below it) with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            (name, fs::read(&p).unwrap())
        })
        .collect()
}

/// Asserts that a folder holds the same files with the same bytes (without printing the bytes).
#[track_caller]
fn assert_unchanged(before: &BTreeMap<String, Vec<u8>>, dir: &Path) {
    let after = files(dir);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    assert!(
        after == *before,
        "a file's bytes changed in {}",
        dir.display()
    );
}

/// The names in `dir` that a finished backup would carry (not temporary `.…partial` names).
fn final_names(dir: &Path) -> Vec<String> {
    files(dir)
        .into_keys()
        .filter(|n| n.starts_with(backup::PREFIX))
        .collect()
}

/// Renames a backup and its checksum file as if made on `stamp` (`YYYYMMDD-HHMMSS`).
fn backdate(path: &Path, stamp: &str) -> PathBuf {
    let ext = path.extension().unwrap().to_str().unwrap();
    let to = path.with_file_name(format!("{}{stamp}.{ext}", backup::PREFIX));
    fs::rename(path, &to).unwrap();
    let sum = |p: &Path| PathBuf::from(format!("{}.sha256", p.display()));
    fs::rename(sum(path), sum(&to)).unwrap();
    to
}

fn flip(path: &Path, at: usize, len: usize) {
    let mut bytes = fs::read(path).unwrap();
    for b in &mut bytes[at..at + len] {
        *b ^= 0xFF;
    }
    fs::write(path, bytes).unwrap();
}

/// A ledger file as release 1 left it (schema version 1), holding one person.
fn version_1_file(path: &Path, extra_sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.create_collation("pinyin", ledger::people::pinyin_cmp)
        .unwrap();
    conn.execute_batch(include_str!("../migrations/0001_people.sql"))
        .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    add_person(&conn, "吴华强");
    conn.execute_batch(extra_sql).unwrap();
}

#[test]
fn a_plain_backup_is_a_checked_copy_beside_a_sha256sum_file() {
    let (data, ledger) = demo();
    let usb = TempDir::new().unwrap();
    let report = run(&ledger, usb.path(), &BackupOptions::default()).unwrap();
    let path = PathBuf::from(&report.path);
    let name = path.file_name().unwrap().to_str().unwrap();
    let stamp = name
        .strip_prefix("branch-ledger-")
        .and_then(|s| s.strip_suffix(".sqlite3"))
        .unwrap();
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    assert!(
        stamp.len() == 15 && digits(&stamp[..8]) && &stamp[8..9] == "-" && digits(&stamp[9..]),
        "{name}"
    );

    let bytes = fs::read(&path).unwrap();
    assert_eq!(
        bytes[18..20],
        [1, 1],
        "a self-contained file, not in WAL mode"
    );
    let sum = fs::read_to_string(usb.path().join(format!("{name}.sha256"))).unwrap();
    assert_eq!(sum, format!("{}  {name}\n", sha256_hex(&bytes)));
    assert_eq!(
        (report.sha256, report.bytes),
        (sha256_hex(&bytes), bytes.len() as u64)
    );
    assert!(!report.encrypted && report.removed.is_empty());

    let verified = verify(&path, None).unwrap();
    assert_eq!(verified.checksum, Checksum::Matched);
    assert!(!verified.encrypted);
    assert_eq!(verified.schema_version, latest_version());
    assert_eq!(verified.bytes, bytes.len() as u64);
    let source = info::counts(ledger.read()).unwrap();
    assert_eq!(comparable(&verified.counts), comparable(&source));
    assert!(live_people(&source) > 0);

    // Nothing temporary is left, neither on the stick nor beside the ledger.
    let on_usb: Vec<String> = files(usb.path()).into_keys().collect();
    assert_eq!(on_usb, [name.to_string(), format!("{name}.sha256")]);
    assert!(files(&data.path().join("backups")).is_empty());
}

#[test]
fn an_encrypted_backup_opens_only_with_its_passphrase() {
    let (_data, ledger) = demo();
    let usb = TempDir::new().unwrap();
    let report = run(&ledger, usb.path(), &encrypted()).unwrap();
    let path = Path::new(&report.path);
    assert!(report.encrypted && report.path.ends_with(".age"));
    let bytes = fs::read(path).unwrap();
    assert!(bytes.starts_with(b"age-encryption.org/v1"));
    assert!(!bytes.windows(15).any(|w| w == b"SQLite format 3"));

    refused(verify(path, None), "passphrase_required");
    refused(verify(path, Some("红旗渠-1961")), "wrong_passphrase");
    let verified = verify(path, Some(PASS)).unwrap();
    assert!(verified.encrypted);
    assert_eq!(verified.checksum, Checksum::Matched);
    let source = info::counts(ledger.read()).unwrap();
    assert_eq!(comparable(&verified.counts), comparable(&source));
}

#[test]
fn a_backup_taken_while_the_app_writes_holds_one_moment() {
    let (_data, ledger) = demo();
    let usb = TempDir::new().unwrap();
    let at_start = live_people(&info::counts(ledger.read()).unwrap());
    let other = Connection::open(ledger.path()).unwrap();
    other
        .create_collation("pinyin", ledger::people::pinyin_cmp)
        .unwrap();
    let mut wrote = false;
    let report = backup::backup(
        ledger.path(),
        usb.path(),
        &BackupOptions::default(),
        &mut |_| {
            if !wrote {
                wrote = true;
                add_person(&other, "并发一");
                add_person(&other, "并发二");
            }
        },
    )
    .unwrap();

    assert!(wrote);
    assert_eq!(live_people(&report.counts), at_start);
    let verified = verify(Path::new(&report.path), None).unwrap();
    assert_eq!(live_people(&verified.counts), at_start);
    assert_eq!(
        live_people(&info::counts(ledger.read()).unwrap()),
        at_start + 2
    );
}

/// Runs a backup that must fail with `code`, and checks the stick is exactly as it was: no new
/// final name, no temporary file, the earlier backup byte for byte.
#[track_caller]
fn fails_leaving_stick_as_it_was(options: BackupOptions, code: &str) -> ledger::Error {
    let (_data, ledger, usb, _) = one_backup();
    let before = files(usb.path());
    let err = refused(run(&ledger, usb.path(), &options), code);
    assert_unchanged(&before, usb.path());
    err
}

/// A target that takes `room` bytes, then reports that it is full (a USB stick filling up).
struct Fills {
    file: File,
    room: usize,
}

impl Write for Fills {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::ErrorKind::StorageFull.into());
        }
        let n = self.file.write(&buf[..buf.len().min(self.room)])?;
        self.room -= n;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

fn fills_after(room: usize) -> Hooks {
    Hooks {
        wrap_writer: Some(Box::new(move |file| Box::new(Fills { file, room }))),
        ..Default::default()
    }
}

/// A target that silently changes one byte (a failing USB stick).
struct Garbles {
    file: File,
    at: usize,
    pos: usize,
}

impl Write for Garbles {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut data = buf.to_vec();
        if let Some(b) = self.at.checked_sub(self.pos).and_then(|i| data.get_mut(i)) {
            *b ^= 0x01;
        }
        self.file.write_all(&data)?;
        self.pos += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Just before the final rename, removes the target's temporary files whose names end with `suffix`.
fn remove_before_rename(dir: &Path, suffix: &'static str) -> Hooks {
    let dir = dir.to_path_buf();
    Hooks {
        before_rename: Some(Box::new(move || {
            for (name, _) in files(&dir) {
                if name.ends_with(suffix) {
                    fs::remove_file(dir.join(name)).unwrap();
                }
            }
        })),
        ..Default::default()
    }
}

#[test]
fn a_target_that_is_a_file_is_refused() {
    let (_data, ledger, usb, _) = one_backup();
    let not_a_folder = usb.path().join("not-a-folder");
    fs::write(&not_a_folder, "x").unwrap();
    let before = files(usb.path());
    let options = BackupOptions::default();
    refused(run(&ledger, &not_a_folder, &options), "target_unusable");
    assert_unchanged(&before, usb.path());
}

#[test]
fn a_stick_that_fills_up_leaves_nothing_and_says_so() {
    let err = fails_leaving_stick_as_it_was(with_hooks(fills_after(64 * 1024)), "target_unusable");
    assert!(err.message(Lang::En).contains("space"), "{err:?}");
    assert!(err.message(Lang::Zh).contains("空间不足"), "{err:?}");
    // Encrypted, full already while writing the age header.
    let options = BackupOptions {
        hooks: fills_after(10),
        ..encrypted()
    };
    fails_leaving_stick_as_it_was(options, "target_unusable");
}

#[test]
fn a_stick_that_changes_a_byte_is_caught_by_the_read_back() {
    let hooks = Hooks {
        wrap_writer: Some(Box::new(|file| {
            Box::new(Garbles {
                file,
                at: 5_000,
                pos: 0,
            })
        })),
        ..Default::default()
    };
    fails_leaving_stick_as_it_was(with_hooks(hooks), "damaged");
}

#[test]
fn temporary_files_gone_before_the_rename_leave_no_backup() {
    let (_data, ledger, usb, _) = one_backup();
    let before = files(usb.path());
    let options = with_hooks(remove_before_rename(usb.path(), ".partial"));
    refused(run(&ledger, usb.path(), &options), "target_unusable");
    assert_unchanged(&before, usb.path());
}

#[test]
fn a_checksum_file_gone_before_the_rename_leaves_no_backup() {
    // The backup's own rename succeeds, the checksum's fails: the half-finished backup must not stay.
    let (_data, ledger, usb, _) = one_backup();
    let before = files(usb.path());
    let options = with_hooks(remove_before_rename(usb.path(), ".sha256.partial"));
    refused(run(&ledger, usb.path(), &options), "target_unusable");
    assert_unchanged(&before, usb.path());
}

#[test]
fn a_second_backup_in_the_same_second_does_not_replace_the_first() {
    let (_data, mut ledger) = demo();
    let usb = TempDir::new().unwrap();
    let first = run(&ledger, usb.path(), &BackupOptions::default()).unwrap();
    let first_bytes = fs::read(&first.path).unwrap();
    common::add_ok(&mut ledger, "刚加的人", "applicant", "2024-03-01");
    let second = run(&ledger, usb.path(), &BackupOptions::default()).unwrap();
    assert_ne!(first.path, second.path);
    assert_eq!(fs::read(&first.path).unwrap(), first_bytes);
    assert_eq!(
        verify(Path::new(&first.path), None).unwrap().checksum,
        Checksum::Matched
    );
    assert_eq!(backup::list(usb.path()).unwrap().len(), 2);
}

#[test]
fn a_stick_pulled_before_the_rename_leaves_no_backup() {
    let (_data, ledger) = demo();
    let usb = TempDir::new().unwrap();
    let (stick, moved) = (usb.path().join("stick"), usb.path().join("moved"));
    run(&ledger, &stick, &BackupOptions::default()).unwrap();
    let before = files(&stick);
    let (from, to) = (stick.clone(), moved.clone());
    let options = with_hooks(Hooks {
        before_rename: Some(Box::new(move || fs::rename(&from, &to).unwrap())),
        ..Default::default()
    });
    refused(run(&ledger, &stick, &options), "target_unusable");
    assert!(!stick.exists());
    // The earlier backup went with the folder, untouched; the new one's temporary files went too,
    // but nothing carries a final name.
    let after = files(&moved);
    assert_eq!(
        final_names(&moved),
        before.keys().cloned().collect::<Vec<_>>()
    );
    assert!(before.iter().all(|(name, bytes)| &after[name] == bytes));
}

#[test]
fn verify_refuses_a_truncated_backup() {
    let (_data, _ledger, _usb, path) = one_backup();
    fs::remove_file(format!("{}.sha256", path.display())).unwrap();
    let len = fs::metadata(&path).unwrap().len();
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    // SQLite reports a file shorter than its header says as corrupt on the first read.
    refused(verify(&path, None), "not_a_ledger");
}

#[test]
fn verify_refuses_a_changed_byte_in_a_text_with_or_without_the_checksum_file() {
    let (_data, ledger, _usb, path) = one_backup();
    // A byte inside a suggestion's text (in no index): SQLite's own checks cannot see such a change.
    let name: String = ledger
        .read()
        .query_row(
            "SELECT content FROM suggestions WHERE length(content) > 10 ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let bytes = fs::read(&path).unwrap();
    let at = bytes
        .windows(name.len())
        .position(|w| w == name.as_bytes())
        .unwrap();
    flip(&path, at + name.len() - 1, 1);
    refused(verify(&path, None), "checksum_mismatch");
    // Without its checksum file the backup's own seal shows the change.
    fs::remove_file(format!("{}.sha256", path.display())).unwrap();
    refused(verify(&path, None), "damaged");
}

/// Stands for a byte flipped anywhere: a small, fixed pseudo-random sequence (xorshift).
struct Flips(u64);

impl Flips {
    fn next(&mut self, below: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % below
    }
}

#[test]
fn three_hundred_backups_each_with_one_changed_byte_are_all_refused_with_and_without_checksum() {
    let (_data, _ledger, usb, good) = one_backup();
    let bytes = fs::read(&good).unwrap();
    let sum = fs::read(format!("{}.sha256", good.display())).unwrap();
    let mut flips = Flips(0x5eed_1961);
    let copy = usb.path().join("branch-ledger-20240102-080000.sqlite3");
    let copy_sum = PathBuf::from(format!("{}.sha256", copy.display()));
    let mut without = BTreeMap::<String, usize>::new();
    for _ in 0..300 {
        let mut changed = bytes.clone();
        let at = flips.next(changed.len() as u64) as usize;
        changed[at] ^= 1 + flips.next(255) as u8;
        fs::write(&copy, &changed).unwrap();
        fs::write(&copy_sum, &sum).unwrap();
        assert!(verify(&copy, None).is_err(), "with its checksum, byte {at}");
        fs::remove_file(&copy_sum).unwrap();
        let code = match verify(&copy, None) {
            Ok(_) => panic!("a backup with byte {at} changed passed without its checksum"),
            Err(e) => e.code().to_string(),
        };
        *without.entry(code).or_default() += 1;
    }
    eprintln!("refused without the checksum file: {without:?}");
}

#[test]
fn a_backup_without_a_seal_still_has_its_texts_checked() {
    let (_data, _ledger, _usb, path) = one_backup();
    fs::remove_file(format!("{}.sha256", path.display())).unwrap();
    // As a release before seals wrote it.
    Connection::open(&path)
        .unwrap()
        .execute_batch("DROP TABLE backup_seal")
        .unwrap();
    let verified = verify(&path, None).unwrap();
    assert!(!verified.sealed);
    Connection::open(&path)
        .unwrap()
        .execute_batch("UPDATE suggestions SET content = CAST(x'e5b9ff' AS TEXT) WHERE id = (SELECT min(id) FROM suggestions)")
        .unwrap();
    refused(verify(&path, None), "damaged");
}

#[test]
fn verify_refuses_a_damaged_data_page_without_a_checksum_file() {
    let (_data, _ledger, _usb, path) = one_backup();
    fs::remove_file(format!("{}.sha256", path.display())).unwrap();
    let (page_size, root): (i64, i64) = {
        let conn = Connection::open(&path).unwrap();
        conn.create_collation("pinyin", ledger::people::pinyin_cmp)
            .unwrap();
        let size = conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'people'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (size, root)
    };
    // The page header and cell pointers of the people table's first page.
    flip(&path, ((root - 1) * page_size) as usize, 32);
    refused(verify(&path, None), "damaged");
}

#[test]
fn verify_refuses_files_that_are_not_ledgers_or_too_new() {
    let (_data, _ledger, usb, path) = one_backup();
    let other = usb.path().join("other.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    refused(verify(&other, None), "not_a_ledger");
    let text = usb.path().join("branch-ledger-20240101-120000.sqlite3");
    fs::write(&text, "not a database at all, just some text ".repeat(200)).unwrap();
    refused(verify(&text, None), "not_a_ledger");

    let newer = usb.path().join("newer.sqlite3");
    fs::copy(&path, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", latest_version() + 1)
        .unwrap();
    refused(verify(&newer, None), "too_new");
}

#[test]
fn verify_accepts_a_good_backup_without_its_checksum_file() {
    let (_data, _ledger, _usb, path) = one_backup();
    fs::remove_file(format!("{}.sha256", path.display())).unwrap();
    let verified = verify(&path, None).unwrap();
    assert_eq!(verified.checksum, Checksum::Missing);
    assert!(verified.sealed);
}

#[test]
fn rotation_keeps_the_newest_backups_with_their_checksums() {
    let (_data, ledger) = demo();
    let usb = TempDir::new().unwrap();
    let options = BackupOptions {
        keep: 3,
        ..Default::default()
    };
    let mut removed = Vec::new();
    let mut newest = PathBuf::new();
    for day in 1..=5 {
        let report = run(&ledger, usb.path(), &options).unwrap();
        removed.extend(report.removed);
        newest = PathBuf::from(&report.path);
        // Names have one-second resolution: date each one back instead of waiting.
        if day < 5 {
            backdate(&newest, &format!("2024010{day}-080000"));
        }
    }
    assert_eq!(
        removed,
        [
            "branch-ledger-20240101-080000.sqlite3",
            "branch-ledger-20240102-080000.sqlite3"
        ]
    );
    let left = backup::list(usb.path()).unwrap();
    let names: Vec<&str> = left.iter().map(|b| b.name.as_str()).collect();
    let newest = newest.file_name().unwrap().to_str().unwrap();
    assert_eq!(
        names,
        [
            newest,
            "branch-ledger-20240104-080000.sqlite3",
            "branch-ledger-20240103-080000.sqlite3"
        ]
    );
    assert!(left.iter().all(|b| b.has_checksum));
    assert_eq!(files(usb.path()).len(), 6);
}

#[test]
fn list_shows_backups_newest_first() {
    let (_data, ledger, usb, plain) = one_backup();
    let plain = backdate(&plain, "20240318-093000");
    fs::remove_file(format!("{}.sha256", plain.display())).unwrap();
    let age = run(&ledger, usb.path(), &encrypted()).unwrap();
    fs::write(usb.path().join("notes.txt"), "not a backup").unwrap();
    fs::write(usb.path().join(".branch-ledger-x.sqlite3.partial"), "").unwrap();

    let listed = backup::list(usb.path()).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0].path, age.path);
    assert!(listed[0].encrypted && listed[0].has_checksum);
    assert_eq!(listed[0].bytes, age.bytes);
    assert_eq!(listed[1].name, "branch-ledger-20240318-093000.sqlite3");
    assert!(!listed[1].encrypted && !listed[1].has_checksum);
    assert_eq!(listed[1].made_at, "2024-03-18 09:30:00");
    assert!(backup::list(&usb.path().join("missing"))
        .unwrap()
        .is_empty());
}

#[test]
fn restore_brings_back_the_backup_and_keeps_a_safety_copy() {
    let (data, mut ledger) = demo();
    let usb = TempDir::new().unwrap();
    let report = run(&ledger, usb.path(), &encrypted()).unwrap();
    let in_backup = snapshot(&ledger);
    ledger
        .write(|tx| {
            add_person(tx, "后来的人");
            Ok(())
        })
        .unwrap();
    let mut slot = Some(ledger);

    let restored = backup::restore(&mut slot, Path::new(&report.path), Some(PASS)).unwrap();
    let ledger = slot.as_mut().expect("the restored ledger is open");
    assert_eq!(snapshot(ledger), in_backup);
    assert!(restored.from.sealed);
    // The restored ledger is the app's file again: the backup's seal is gone.
    let seals: i64 = ledger
        .read()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE name = 'backup_seal'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(seals, 0);
    common::add_ok(ledger, "恢复后", "applicant", "2024-03-01");

    let safety = Path::new(&restored.safety_copy);
    let name = safety.file_name().unwrap().to_str().unwrap();
    assert!(
        name.starts_with("ledger.sqlite3.before-restore-") && name.ends_with(".bak"),
        "{name}"
    );
    let kept = Connection::open(safety).unwrap();
    let later: i64 = kept
        .query_row(
            "SELECT count(*) FROM people WHERE name = '后来的人'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(later, 1);
    let leftovers: Vec<String> = files(data.path())
        .into_keys()
        .filter(|n| n.contains("restor") && !n.starts_with("ledger.sqlite3.before-restore-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_refused_restore_leaves_the_ledger_open_and_unchanged() {
    let (data, mut ledger) = demo();
    let usb = TempDir::new().unwrap();
    let age = PathBuf::from(run(&ledger, usb.path(), &encrypted()).unwrap().path);
    let plain = PathBuf::from(
        run(&ledger, usb.path(), &BackupOptions::default())
            .unwrap()
            .path,
    );
    ledger
        .write(|tx| {
            add_person(tx, "后来的人");
            Ok(())
        })
        .unwrap();
    let before = snapshot(&ledger);
    let listing = files(data.path()).into_keys().collect::<Vec<_>>();
    let mut slot = Some(ledger);

    let truncated = usb.path().join("truncated.sqlite3");
    let bytes = fs::read(&plain).unwrap();
    fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let newer = usb.path().join("newer.sqlite3");
    fs::copy(&plain, &newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", latest_version() + 1)
        .unwrap();

    let attempts = [
        (&age, Some("错误的密码"), "wrong_passphrase"),
        (&age, None, "passphrase_required"),
        (&truncated, None, "not_a_ledger"),
        (&newer, None, "too_new"),
    ];
    for (file, pass, code) in attempts {
        refused(backup::restore(&mut slot, file, pass), code);
        let ledger = slot.as_ref().expect("the ledger is still open");
        assert_eq!(snapshot(ledger), before, "{code}");
    }
    assert_eq!(files(data.path()).into_keys().collect::<Vec<_>>(), listing);
}

#[test]
fn restore_of_an_older_backup_migrates_it() {
    let (_data, ledger) = demo();
    let usb = TempDir::new().unwrap();
    let old = usb.path().join("branch-ledger-20190101-080000.sqlite3");
    version_1_file(&old, "");
    assert_eq!(verify(&old, None).unwrap().schema_version, 1);
    let mut slot = Some(ledger);

    backup::restore(&mut slot, &old, None).unwrap();
    let ledger = slot.as_ref().unwrap();
    assert_eq!(ledger.schema_version().unwrap(), latest_version());
    let names: Vec<String> = ledger
        .read()
        .prepare("SELECT name FROM people")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(names, ["吴华强"]);
}

#[test]
fn restore_puts_the_old_ledger_back_when_the_new_one_will_not_open() {
    // A version-1 file passes every check of a backup (its schema is a ledger's, the file is whole), but
    // one of its ids is so large (2^41 + 1) that the upgrade's search index gives two people the same
    // key, and the upgrade fails.
    let (data, ledger) = demo();
    let usb = TempDir::new().unwrap();
    let odd = usb.path().join("odd.sqlite3");
    version_1_file(
        &odd,
        "UPDATE people SET stage_since = '2016-05-21' WHERE id = 1;
         INSERT INTO people (id, name, stage, stage_since, created_at, updated_at)
         VALUES (2199023255553, '钱同志', 'applicant', '2016-05-20', '2016-05-20 09:00:00', '2016-05-20 09:00:00');",
    );
    verify(&odd, None).unwrap();
    let before = snapshot(&ledger);
    let mut slot = Some(ledger);

    refused(backup::restore(&mut slot, &odd, None), "migration");
    let ledger = slot.as_ref().expect("the old ledger is open again");
    assert_eq!(snapshot(ledger), before);
    assert_eq!(ledger.path(), data.path().join(FILE_NAME));
}

#[test]
fn the_automatic_backup_runs_once_a_day() {
    let (data, mut ledger) = demo();
    let report = backup::auto_backup(&mut ledger, 10)
        .unwrap()
        .expect("a first backup");
    let dir = data.path().join("backups");
    assert_eq!(Path::new(&report.path).parent().unwrap(), dir);
    let last = ledger::settings::get_text(ledger.read(), "last_auto_backup_at")
        .unwrap()
        .expect("recorded");
    assert!(chrono::NaiveDateTime::parse_from_str(&last, "%Y-%m-%d %H:%M:%S").is_ok());

    assert!(backup::auto_backup(&mut ledger, 10).unwrap().is_none());
    assert_eq!(backup::list(&dir).unwrap().len(), 1);
    assert_eq!(people_in(ledger.read()), live_people(&report.counts));
}

#[test]
fn encrypted_backups_use_one_fixed_work_factor_that_any_pc_opens() {
    // Written with the app's own factor (18, as the age tool picks on a typical PC), not one measured on
    // this PC at this moment: the header says so, and it verifies here whatever the load.
    let (_data, ledger) = demo();
    let usb = TempDir::new().unwrap();
    let options = BackupOptions {
        passphrase: Some(PASS),
        ..Default::default()
    };
    let report = run(&ledger, usb.path(), &options).unwrap();
    let head = fs::read(&report.path).unwrap();
    let head = String::from_utf8_lossy(&head[..200.min(head.len())]);
    let stanza = head
        .lines()
        .find(|l| l.starts_with("-> scrypt "))
        .expect("an scrypt stanza");
    assert!(
        stanza.ends_with(&format!(" {}", backup::SCRYPT_LOG_N)),
        "{stanza}"
    );
    let verified = verify(Path::new(&report.path), Some(PASS)).unwrap();
    assert!(verified.encrypted);
    assert_eq!(
        (backup::SCRYPT_LOG_N, backup::SCRYPT_MAX_LOG_N),
        (18, 20),
        "the factors the README documents"
    );
}

#[cfg(unix)]
#[test]
fn backups_and_the_copy_kept_by_a_restore_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    let (_data, ledger, _usb, file) = one_backup();
    assert_eq!(mode(&file), 0o600);
    let mut slot = Some(ledger);
    let restored = backup::restore(&mut slot, &file, None).unwrap();
    assert_eq!(mode(Path::new(&restored.safety_copy)), 0o600);
    assert_eq!(mode(slot.as_ref().unwrap().path()), 0o600);
}

/// A file as a process killed long ago left it.
fn old_file(path: &Path) {
    fs::write(path, b"left behind").unwrap();
    File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(86_400))
        .unwrap();
}

#[test]
fn what_a_killed_backup_or_restore_left_is_removed_at_start_and_before_a_backup() {
    let data = TempDir::new().unwrap();
    let usb = TempDir::new().unwrap();
    fs::create_dir_all(data.path().join("backups")).unwrap();
    let beside = [
        data.path().join(format!("{FILE_NAME}.restoring")),
        data.path().join(format!("{FILE_NAME}.restoring-journal")),
        data.path().join(".restore-a1b2c3"),
        data.path().join("backups/.snapshot-x7y8z9.sqlite3"),
        data.path().join("backups/.snapshot-x7y8z9.sqlite3-wal"),
        data.path().join("backups/.snapshot-x7y8z9.sqlite3-shm"),
        data.path().join(".restore-safety-20200101-000000.bak"),
        data.path()
            .join(".restore-safety-20200101-000000.bak-journal"),
    ];
    let partial = usb
        .path()
        .join(".branch-ledger-20200101-000000.sqlite3.partial");
    // A checksum file whose backup was never renamed into place (killed between the two renames).
    let lone_sum = usb
        .path()
        .join("branch-ledger-20200102-000000.sqlite3.sha256");
    let keep = [
        data.path().join("notes.txt"),
        usb.path().join("branch-ledger-20200101-000000.sqlite3"),
        usb.path()
            .join("branch-ledger-20200101-000000.sqlite3.sha256"),
    ];
    for path in beside
        .iter()
        .chain([&partial, &lone_sum])
        .chain(keep.iter())
    {
        old_file(path);
    }
    // Start-up: the ledger's own folder is cleaned.
    let mut ledger = Ledger::open_dir(data.path()).unwrap();
    ledger::demo::load(&mut ledger).unwrap();
    for path in &beside {
        assert!(!path.exists(), "{} left", path.display());
    }
    assert!(
        partial.exists(),
        "a target is cleaned when a backup goes there"
    );
    // One written now, by a backup that may still be running, stays.
    let running = usb
        .path()
        .join(".branch-ledger-20991231-235959.sqlite3.partial");
    fs::write(&running, b"being written").unwrap();
    run(&ledger, usb.path(), &BackupOptions::default()).unwrap();
    assert!(!partial.exists());
    assert!(!lone_sum.exists());
    assert!(running.exists());
    for path in &keep {
        assert!(path.exists(), "{} removed", path.display());
    }
}

#[test]
fn a_file_with_a_ledgers_header_but_not_its_tables_is_not_a_backup() {
    let usb = TempDir::new().unwrap();
    // The right application id and version, none of the tables.
    let empty = usb.path().join("branch-ledger-20200101-000000.sqlite3");
    let conn = Connection::open(&empty).unwrap();
    conn.pragma_update(None, "application_id", 0x424c_4447)
        .unwrap();
    conn.pragma_update(None, "user_version", latest_version())
        .unwrap();
    drop(conn);
    refused(verify(&empty, None), "not_a_ledger");
    // A real backup with one table gone.
    let (_data, _ledger, _usb2, file) = one_backup();
    let conn = Connection::open(&file).unwrap();
    conn.execute_batch("DROP TABLE honours").unwrap();
    drop(conn);
    fs::remove_file(format!("{}.sha256", file.display())).unwrap();
    refused(verify(&file, None), "not_a_ledger");
}
