//! Large demo ledgers (`grow-ledger --scale N`, `grow::grow`): the counts asked for, a file
//! SQLite finds sound, records the app's own rules would accept, and a search index still in step.

use ledger::search::{self, SearchQuery};
use ledger::{bulletins, demo, people, Lang, Ledger};
use ledger_tools::grow;
use rusqlite::Connection;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::{Mutex, MutexGuard, OnceLock};

/// A demo ledger grown to scale 2, made once for the tests of this file, and what `grow` reported.
fn grown() -> &'static (tempfile::TempDir, grow::Counts, Vec<String>) {
    static GROWN: OnceLock<(tempfile::TempDir, grow::Counts, Vec<String>)> = OnceLock::new();
    GROWN.get_or_init(|| {
        let (dir, mut ledger) = open();
        demo::load(&mut ledger).unwrap();
        let mut steps = Vec::new();
        let counts = grow::grow(&mut ledger, 2, &mut |step, done, total| {
            assert!(done <= total, "{step}: {done}/{total}");
            if !steps.iter().any(|s| s == step) {
                steps.push(step.to_string());
            }
        })
        .unwrap();
        (dir, counts, steps)
    })
}

/// The grown ledger, opened by one test at a time (a `Ledger` holds the file's lock).
fn ledger() -> (MutexGuard<'static, ()>, Ledger) {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let dir = grown().0.path();
    let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    (guard, Ledger::open_dir(dir).unwrap())
}

fn count(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn scale_2_holds_the_counts_asked_for() {
    let (_, counts, steps) = grown();
    let targets = grow::targets(2).unwrap();
    assert_eq!(
        targets,
        grow::Targets {
            people: 400,
            activities: 10_000,
            loans: 20_000,
            bulletin_issues: 4_000,
            suggestions: 4_000,
        }
    );
    assert_eq!(counts.total("people"), 400);
    assert_eq!(counts.total("activities"), 10_000);
    assert_eq!(counts.total("loans"), 20_000);
    assert_eq!(counts.total("bulletin_issues"), 4_000);
    assert_eq!(counts.total("suggestions"), 4_000);
    // Added on top of the demo's own records.
    assert_eq!(counts.added("people"), 400 - 32);
    assert_eq!(counts.added("suggestions"), 4_000 - 5);
    // Every activity has its attendance; every person a stage history.
    assert!(counts.total("attendance") > 5 * 10_000, "{counts:?}");
    assert!(counts.total("stage_changes") >= 400);
    assert!(counts.added("book_copies") > 0 && counts.added("bulletin_topics") > 0);
    assert_eq!(
        counts.rows_added(),
        counts.tables.iter().map(|t| t.added).sum::<u64>()
    );
    for step in [
        "people",
        "activities",
        "loans",
        "bulletin issues",
        "suggestions",
    ] {
        assert!(
            steps.iter().any(|s| s == step),
            "{step} not reported: {steps:?}"
        );
    }

    let (_one, ledger) = ledger();
    let conn = ledger.read();
    for t in &counts.tables {
        let n = count(conn, &format!("SELECT count(*) FROM {}", t.table));
        assert_eq!(n as u64, t.total, "{}", t.table);
    }
}

#[test]
fn scale_1_is_the_demo_as_it_is() {
    assert_eq!(grow::targets(1), None);
    let (_dir, mut ledger) = open();
    demo::load(&mut ledger).unwrap();
    let counts = grow::grow(&mut ledger, 1, &mut |_, _, _| {}).unwrap();
    assert_eq!(counts.rows_added(), 0);
    assert_eq!(counts.total("people"), 32);
    // Still the demo as it is: its reminders as of the end of 2020.
    let s = ledger::settings::load(ledger.read()).unwrap();
    assert_eq!(s.demo_as_of.as_deref(), Some(demo::DEMO_AS_OF));
}

#[test]
fn an_empty_ledger_gets_the_demo_first() {
    let (_dir, mut ledger) = open();
    let counts = grow::grow(&mut ledger, 2, &mut |_, _, _| {}).unwrap();
    assert_eq!(counts.total("people"), 400);
    assert_eq!(counts.added("people"), 400 - 32);
    assert_eq!(counts.total("activities"), 10_000);
    // A grown ledger has records up to today: its reminders follow the calendar again.
    let s = ledger::settings::load(ledger.read()).unwrap();
    assert_eq!(s.demo_as_of, None);
    assert!(s.demo, "still the demo's records, which Settings may clear");
}

#[test]
fn the_grown_file_is_sound() {
    let (_one, ledger) = ledger();
    let conn = ledger.read();
    let ok: String = conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let broken = count(conn, "SELECT count(*) FROM pragma_foreign_key_check");
    assert_eq!(broken, 0, "rows whose foreign key points nowhere");
    // Nothing of the generator is left behind on the connection.
    assert_eq!(count(conn, "SELECT count(*) FROM temp.sqlite_schema"), 0);
}

#[test]
fn the_records_follow_the_rules_of_the_app() {
    let (_one, ledger) = ledger();
    let conn = ledger.read();
    // Each person's current stage is the last step of their history, so the head counts rebuilt
    // from the history (the summary's) agree with the roster's.
    let out_of_step = count(
        conn,
        "SELECT count(*) FROM people p WHERE NOT EXISTS (
             SELECT 1 FROM stage_changes s WHERE s.person_id = p.id AND s.to_stage = p.stage
                AND s.date = p.stage_since
                AND NOT EXISTS (SELECT 1 FROM stage_changes l WHERE l.person_id = p.id AND l.date > s.date))",
    );
    assert_eq!(out_of_step, 0);
    let today = ledger::dates::today();
    let mut now = people::counts(conn).unwrap();
    now.left = 0;
    assert_eq!(people::counts_on(conn, today).unwrap(), now);
    // Who left has a transfer out on that day.
    let left = count(
        conn,
        "SELECT count(*) FROM people p WHERE p.left_on IS NOT NULL AND NOT EXISTS (
             SELECT 1 FROM transfers t WHERE t.person_id = p.id AND t.direction = 'out' AND t.date = p.left_on)",
    );
    assert_eq!(left, 0);
    // Nothing dated after today; attendance only by people in the branch that day.
    let today = ledger::dates::iso(today);
    for (table, column) in [
        ("activities", "date"),
        ("loans", "loaned_on"),
        ("loans", "returned_on"),
        ("suggestions", "received_on"),
        ("suggestions", "responded_on"),
        ("bulletin_issues", "publish_date"),
        ("stage_changes", "date"),
    ] {
        let late = conn
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE {column} > ?1"),
                [&today],
                |r| r.get::<_, i64>(0),
            )
            .unwrap();
        assert_eq!(late, 0, "{table}.{column}");
    }
    let strangers = count(
        conn,
        "SELECT count(*) FROM attendance a JOIN activities v ON v.id = a.activity_id
         WHERE a.person_id IS NOT NULL AND (
             (SELECT min(s.date) FROM stage_changes s WHERE s.person_id = a.person_id) > v.date
             OR (SELECT p.left_on FROM people p WHERE p.id = a.person_id) <= v.date)",
    );
    assert_eq!(strangers, 0);
    // A copy is out to one borrower at a time, loans mostly back, and each copy's state says so.
    let open = count(
        conn,
        "SELECT count(*) FROM loans WHERE returned_on IS NULL AND lost_on IS NULL",
    );
    assert!(open > 0 && open < 20_000 / 20, "{open} open loans");
    let state_wrong = count(
        conn,
        "SELECT count(*) FROM book_copies c WHERE (c.state = 'on_loan') <> EXISTS (
             SELECT 1 FROM loans l WHERE l.copy_id = c.id AND l.returned_on IS NULL AND l.lost_on IS NULL)",
    );
    assert_eq!(state_wrong, 0);
    let overlapping = count(
        conn,
        "SELECT count(*) FROM loans a JOIN loans b ON b.copy_id = a.copy_id AND b.id > a.id
         WHERE b.loaned_on < coalesce(a.returned_on, a.lost_on, '9999') AND a.loaned_on < coalesce(b.returned_on, b.lost_on, '9999')",
    );
    assert_eq!(overlapping, 0, "loans of one copy at the same time");
    // Issue numbers run on in every series, without gaps.
    assert!(bulletins::numbering_gaps(conn).unwrap().is_empty());
}

#[test]
fn the_search_index_is_in_step_and_finds_what_like_finds() {
    let (_one, ledger) = ledger();
    let conn = ledger.read();
    let rows = count(conn, "SELECT count(*) FROM search_source");
    assert_eq!(count(conn, "SELECT count(*) FROM search_index"), rows);
    let same = count(
        conn,
        "SELECT count(*) FROM search_source s JOIN search_index i ON i.rowid = s.doc
         WHERE i.kind = s.kind AND i.date = s.date AND i.trashed = s.trashed AND i.title = s.title
           AND i.body = s.body AND i.folded = s.folded",
    );
    assert_eq!(same, rows, "index rows that differ from their records");
    for text in [
        "党课",
        "集成电路",
        "支委会 发展党员",
        "图书角 开放时间",
        "遵义",
        "芯",
        "光刻机",
    ] {
        let query = SearchQuery {
            text: text.into(),
            ..Default::default()
        };
        let found = search::search(conn, &query, Lang::Zh).unwrap();
        let mut hits: Vec<_> = found
            .groups
            .iter()
            .flat_map(|g| g.hits.iter().map(|h| (h.kind, h.id)))
            .collect();
        let mut like = search::search_like(conn, &query).unwrap();
        hits.sort_by_key(|(k, id)| (format!("{k:?}"), *id));
        like.sort_by_key(|(k, id)| (format!("{k:?}"), *id));
        assert!(!like.is_empty(), "{text} finds nothing");
        assert_eq!(hits, like, "{text}");
    }
}

#[test]
fn the_same_scale_gives_the_same_records() {
    let (_dir, mut again) = open();
    demo::load(&mut again).unwrap();
    grow::grow(&mut again, 2, &mut |_, _, _| {}).unwrap();
    let digest = |conn: &Connection| -> (String, String, String) {
        let all = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, String>(0)).unwrap();
        (
            all("SELECT group_concat(name, '|') FROM (SELECT name FROM people ORDER BY id)"),
            all("SELECT group_concat(title || content, '|') FROM (SELECT title, content FROM activities ORDER BY id)"),
            all("SELECT group_concat(content || response, '|') FROM (SELECT content, response FROM suggestions ORDER BY id)"),
        )
    };
    let (_one, grown) = ledger();
    assert!(digest(again.read()) == digest(grown.read()));
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_grow-ledger"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("grow-ledger runs")
}

#[test]
fn grow_ledger_scale_2_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let made = run(dir.path(), &["--scale", "2"]);
    let stderr = String::from_utf8_lossy(&made.stderr);
    assert!(made.status.success(), "{stderr}");
    let stdout = String::from_utf8(made.stdout).unwrap();
    assert!(
        stdout.lines().next().unwrap().ends_with("ledger.sqlite3"),
        "{stdout}"
    );
    assert!(stdout.contains("activities"), "{stdout}");

    let ledger = Ledger::open_dir(dir.path()).unwrap();
    let counts = ledger::info::counts(ledger.read()).unwrap();
    let live = |table: &str| counts.iter().find(|c| c.table == table).map(|c| c.live);
    assert_eq!(live("people"), Some(400));
    assert_eq!(live("activities"), Some(10_000));
    assert_eq!(live("loans"), Some(20_000));
    assert_eq!(live("bulletin_issues"), Some(4_000));
    assert_eq!(live("suggestions"), Some(4_000));
    drop(ledger);

    // The demo loads into an empty ledger only; and a scale is a whole number from 1.
    let again = run(dir.path(), &["--scale", "2"]);
    assert!(!again.status.success());
    let zero = run(tempfile::tempdir().unwrap().path(), &["--scale", "0"]);
    assert!(!zero.status.success());
}

fn open() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = Ledger::open_dir(dir.path()).expect("a new ledger opens");
    (dir, ledger)
}
