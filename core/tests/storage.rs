//! Opening, creating and migrating the ledger file, and refusing files that are not ours to touch.
mod common;

use ledger::store::{self, latest_version, APPLICATION_ID, FILE_NAME};
use ledger::{people, Ledger};
use rusqlite::Connection;
use std::fs;
use std::path::{Path, PathBuf};

/// The migration files, in order, as released. A new migration must be added here too.
const STEPS: &[&str] = &[
    include_str!("../migrations/0001_people.sql"),
    include_str!("../migrations/0002_settings_trash.sql"),
    include_str!("../migrations/0003_bulletins_suggestions.sql"),
    include_str!("../migrations/0004_activities.sql"),
    include_str!("../migrations/0005_bookshelf.sql"),
    include_str!("../migrations/0006_honours_summary.sql"),
    include_str!("../migrations/0007_search.sql"),
    include_str!("../migrations/0008_indexes.sql"),
    include_str!("../migrations/0009_search_rowids.sql"),
    include_str!("../migrations/0010_list_order.sql"),
    include_str!("../migrations/0011_sort_key.sql"),
    include_str!("../migrations/0012_honour_recipient.sql"),
    include_str!("../migrations/0013_search_chars.sql"),
    include_str!("../migrations/0014_person_activities.sql"),
    include_str!("../migrations/0015_list_counts.sql"),
    include_str!("../migrations/0016_dues.sql"),
    include_str!("../migrations/0017_appraisals.sql"),
    include_str!("../migrations/0018_admission.sql"),
];

fn pragma(ledger: &Ledger, name: &str) -> String {
    ledger
        .read()
        .pragma_query_value(None, name, |r| r.get::<_, rusqlite::types::Value>(0))
        .map(|v| match v {
            rusqlite::types::Value::Integer(n) => n.to_string(),
            rusqlite::types::Value::Text(t) => t,
            other => format!("{other:?}"),
        })
        .unwrap()
}

fn user_version(path: &Path) -> i64 {
    let conn = Connection::open(path).unwrap();
    conn.create_collation("pinyin", ledger::people::pinyin_cmp)
        .unwrap();
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap()
}

/// The safety copies (`*.bak`) in `dir`.
fn backups(dir: &Path) -> Vec<PathBuf> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".bak"))
        .collect()
}

/// Builds a ledger file as an older release left it: the first `version` steps applied and, from
/// version 1 on, one person in it.
fn build_old_ledger(path: &Path, version: usize) {
    let conn = Connection::open(path).unwrap();
    conn.create_collation("pinyin", ledger::people::pinyin_cmp)
        .unwrap();
    for step in &STEPS[..version] {
        conn.execute_batch(step).unwrap();
    }
    conn.pragma_update(None, "user_version", version as i64)
        .unwrap();
    if version >= 1 {
        conn.execute_batch(
            "INSERT INTO people (id, name, stage, stage_since, created_at, updated_at)
             VALUES (1, '吴华强', 'full', '2016-05-20', '2016-05-20 09:00:00', '2016-05-20 09:00:00');
             INSERT INTO stage_changes (person_id, date, from_stage, to_stage) VALUES (1, '2016-05-20', NULL, 'full');",
        )
        .unwrap();
    }
}

#[test]
fn the_migration_list_here_matches_the_library() {
    assert_eq!(STEPS.len() as i64, latest_version());
}

#[test]
fn a_new_ledger_is_durable_and_marked_as_ours() {
    let (dir, ledger) = common::open();
    assert_eq!(ledger.path(), dir.path().join(FILE_NAME));
    assert_eq!(pragma(&ledger, "journal_mode"), "wal");
    assert_eq!(pragma(&ledger, "foreign_keys"), "1");
    assert_eq!(pragma(&ledger, "synchronous"), "2");
    assert_eq!(
        pragma(&ledger, "application_id"),
        APPLICATION_ID.to_string()
    );
    assert_eq!(ledger.schema_version().unwrap(), store::latest_version());
    assert!(backups(dir.path()).is_empty());
}

#[test]
fn an_older_ledger_is_migrated_keeping_its_data_and_a_safety_copy() {
    for version in 0..STEPS.len() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        build_old_ledger(&path, version);

        let ledger = Ledger::open(&path).unwrap();
        assert_eq!(
            ledger.schema_version().unwrap(),
            latest_version(),
            "from v{version}"
        );
        let copies = backups(dir.path());
        if version == 0 {
            assert!(copies.is_empty(), "an empty file needs no safety copy");
            continue;
        }
        let person = people::get_row(ledger.read(), 1).unwrap();
        assert_eq!(person.name, "吴华强", "from v{version}");
        assert_eq!(copies.len(), 1, "from v{version}: {copies:?}");
        let copy = copies[0]
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(copy.contains(&format!(".v{version}-")), "{copy}");
        // The copy is the file as it was before the migration.
        assert_eq!(user_version(&copies[0]), version as i64);
    }
}

#[test]
fn a_ledger_from_a_newer_version_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    build_old_ledger(&path, STEPS.len());
    {
        let conn = Connection::open(&path).unwrap();
        conn.create_collation("pinyin", ledger::people::pinyin_cmp)
            .unwrap();
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
    }
    let before = fs::read(&path).unwrap();

    common::refused(Ledger::open(&path), "too_new");

    assert!(fs::read(&path).unwrap() == before, "the file was changed");
    assert_eq!(user_version(&path), latest_version() + 1);
    assert!(backups(dir.path()).is_empty());
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    // Pseudo-random bytes (a simple linear congruential generator: no SQLite header).
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    fs::write(&path, &bytes).unwrap();

    common::refused(Ledger::open(&path), "not_a_ledger");

    assert!(fs::read(&path).unwrap() == bytes, "the file was changed");
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photos.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE photos (id INTEGER PRIMARY KEY, file TEXT); INSERT INTO photos (file) VALUES ('a.jpg');")
            .unwrap();
    }
    let before = fs::read(&path).unwrap();

    common::refused(Ledger::open(&path), "not_a_ledger");

    assert!(fs::read(&path).unwrap() == before, "the file was changed");
}

#[test]
fn a_ledger_cannot_be_opened_twice_at_once() {
    let (dir, first) = common::open();
    common::refused(Ledger::open_dir(dir.path()), "locked");
    drop(first);
    let again = Ledger::open_dir(dir.path()).unwrap();
    assert_eq!(again.schema_version().unwrap(), latest_version());
}

#[test]
fn data_written_is_there_after_reopening() {
    let (dir, mut ledger) = common::open();
    let id = common::add_ok(&mut ledger, "李婷", "applicant", "2016-10-10");
    drop(ledger);
    let ledger = Ledger::open_dir(dir.path()).unwrap();
    assert_eq!(people::get_row(ledger.read(), id).unwrap().name, "李婷");
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn the_ledger_and_its_safety_copy_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, ledger) = common::open();
    assert_eq!(mode(ledger.path()), 0o600);
    let wal = dir.path().join(format!("{FILE_NAME}-wal"));
    if wal.exists() {
        assert_eq!(mode(&wal), 0o600);
    }
    drop(ledger);

    // A ledger an older version left readable by all: owner-only after it is opened, and so is the
    // copy made before its migration.
    let old = tempfile::tempdir().unwrap();
    let path = old.path().join(FILE_NAME);
    build_old_ledger(&path, 1);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    let _ledger = Ledger::open(&path).unwrap();
    assert_eq!(mode(&path), 0o600);
    let copies = backups(old.path());
    assert_eq!(copies.len(), 1);
    assert_eq!(mode(&copies[0]), 0o600);
}

#[test]
fn a_reader_opens_beside_the_writer_and_cannot_write() {
    let (dir, writer) = common::open();
    let reader = Ledger::open_dir_to_read(dir.path()).unwrap();
    assert_eq!(reader.schema_version().unwrap(), latest_version());
    assert!(reader.read().execute("DELETE FROM people", []).is_err());
    drop(writer);
}

#[test]
fn the_windows_zoom_is_kept_in_ten_percent_steps_from_80_to_200() {
    let (_dir, mut ledger) = common::open();
    assert_eq!(ledger::settings::load(ledger.read()).unwrap().zoom, 100);
    let set = |ledger: &mut ledger::Ledger, percent| {
        ledger.write(|tx| ledger::settings::set_zoom(tx, percent))
    };
    assert_eq!(set(&mut ledger, 150).unwrap(), 150);
    assert_eq!(ledger::settings::load(ledger.read()).unwrap().zoom, 150);
    for bad in [70, 210, 125] {
        let err = set(&mut ledger, bad).unwrap_err();
        assert_eq!(err.code(), "out_of_range", "{bad}");
        assert!(err.message(ledger::Lang::Zh).contains("缩放比例"), "{bad}");
    }
    assert_eq!(ledger::settings::load(ledger.read()).unwrap().zoom, 150);
    // Like the language, it belongs to this computer: an export leaves it out, a restore keeps it.
    assert!(ledger::export::MACHINE_SETTINGS.contains(&"zoom"));
}

/// Any SQLite tool (here a connection without the app's collation) checks the file, and a person it
/// adds takes their place in pinyin order when the app next opens the ledger.
#[test]
fn another_sqlite_tool_checks_and_edits_the_ledger() {
    let (dir, mut ledger) = common::open();
    ledger::demo::load(&mut ledger).unwrap();
    let path = ledger.path().to_path_buf();
    drop(ledger);
    let plain = Connection::open(&path).unwrap();
    let check: String = plain
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    plain
        .execute(
            "INSERT INTO people (name, stage, stage_since, created_at, updated_at)
             VALUES ('阿丽', 'applicant', '2020-05-04', '2020-05-04 09:00:00', '2020-05-04 09:00:00')",
            [],
        )
        .unwrap();
    plain
        .execute(
            "UPDATE people SET phone = '13800000000' WHERE name = '阿丽'",
            [],
        )
        .unwrap();
    drop(plain);
    let ledger = Ledger::open_dir(dir.path()).unwrap();
    let names: Vec<String> = people::names(ledger.read(), false)
        .unwrap()
        .into_iter()
        .map(|p| p.name)
        .collect();
    assert_eq!(names[0], "阿丽", "阿 (a) comes first: {names:?}");
    let mut sorted = names.clone();
    sorted.sort_by(|a, b| people::pinyin_cmp(a, b));
    assert_eq!(names, sorted);
}

#[test]
fn the_sort_key_orders_names_as_the_pinyin_comparison_does() {
    let names = [
        "张三",
        "Zoe",
        "吴华强",
        "123",
        "伍晓明",
        "bob",
        "阿丽",
        "阿",
        "阿丽丽",
        "王",
        "王芳",
        "汪",
        "",
        "Ω",
    ];
    for a in names {
        for b in names {
            assert_eq!(
                people::sort_key(a).cmp(&people::sort_key(b)),
                people::pinyin_cmp(a, b),
                "{a} vs {b}"
            );
        }
    }
}

#[test]
fn version_12_gives_honours_a_recipient_keeping_the_old_ones_and_their_search() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    build_old_ledger(&path, 11);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO honours (id, year, title, level, recipient_kind, person_id, created_at, updated_at)
             VALUES (1, 2019, '先进党支部', 'university', 'branch', NULL, '2019-07-01 09:00:00', '2019-07-01 09:00:00'),
                    (2, 2019, '优秀党支部书记', 'university', 'person', 1, '2019-07-01 09:00:00', '2019-07-01 09:00:00');",
        )
        .unwrap();
    }
    let mut ledger = Ledger::open(&path).unwrap();
    let kinds: Vec<(i64, String, Option<i64>)> = ledger
        .read()
        .prepare("SELECT id, recipient_kind, person_id FROM honours ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(
        kinds,
        [(1, "branch".into(), None), (2, "person".into(), Some(1))]
    );
    // The unit the branch serves is a recipient now; it names no person.
    let unit = ledger::honours::HonourInput {
        year: Some(2017),
        title: "开放服务集体奖".into(),
        level: "university".into(),
        recipient_kind: "unit".into(),
        person_id: Some(1),
        ..Default::default()
    };
    let id = ledger
        .write(|tx| ledger::honours::save(tx, None, &unit))
        .unwrap();
    let saved = ledger::honours::get(ledger.read(), id).unwrap();
    assert_eq!(saved.recipient_kind, ledger::honours::RecipientKind::Unit);
    assert_eq!(saved.person_id, None);
    // The search index still holds the old honours and learns the new one.
    let found: i64 = ledger
        .read()
        .query_row(
            "SELECT count(*) FROM search_index WHERE kind = 'honour'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, 3);
    let stale: i64 = ledger
        .read()
        .query_row(
            "SELECT count(*) FROM (SELECT doc FROM search_source_honour EXCEPT SELECT rowid FROM search_index)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stale, 0);
}
