//! Large ledgers: the demo grown to scale N (`grow-ledger --scale N`, default N = 10: about 2,000
//! people, 50,000 activities with their attendance, 100,000 loans, 20,000 bulletin issues and 20,000
//! suggestions) against its baselines, all measured in the same run, printed as one table of ratios:
//!
//! - (a) generation: rows/s of `grow::grow` ÷ rows/s of a bare rusqlite prepared-statement loop
//!   writing the same rows (read back from the grown ledger) into plain tables with the same columns,
//!   in one transaction, with the ledger's journal and sync settings;
//! - (b) search: p50 and p95 of `search::search` (20 hits per type, as the window asks) ÷ the LIKE scan
//!   of the same fields (`search::search_like`), for 1-, 2-, 3-, 4-character and two-word queries
//!   (goal p50 ≤ 0.03, p95 ≤ 0.05 for every length; the index's size and the cost of writing it on
//!   stderr);
//! - (c) the main lists (first page, filtered) and the dashboard at scale N ÷ the demo (scale 1), median
//!   of repeated runs (goal near 1). A list's page and its count ("1–100 of N") are measured apart:
//!   a count walks the index entries of its matches, so it grows with them. A page is compared per
//!   row shown (some of the demo's lists are shorter than a page). The dashboard's calendar has a line
//!   per party group and its rotations choose among the people, so those grow with them;
//! - (d) the annual summary (2019) computed and exported to Word and Excel, scale N ÷ scale 1, against
//!   the growth of the records of 2019 it reads;
//! - (e) a verified backup of the scale-N ledger ÷ the same by hand with the standard tools (`sqlite3`'s
//!   `.backup`, `PRAGMA integrity_check` on the copy, `sha256sum`, `sync`; goal ≤ 1.0), and ÷ `cp` +
//!   `sync` of the same file (the physical floor);
//! - (f) `ledger import` of the scale-N ledger's export, rows/s ÷ the bare loop's rows/s of (a) (goal ≥ 0.5).
//!
//! Details (table sizes, the share of the search triggers in the generation) go to stderr.
//!
//! `BENCH_SCALE=10 cargo bench -p ledger --bench scale`

use chrono::Datelike;
use common::{copy_and_sync, secs, shell, summary_times};
use ledger::backup::{self, BackupOptions};
use ledger::search::{self, SearchQuery};
use ledger::{activities, books, bulletins, cadence, demo, export, loans, people};
use ledger::{suggestions, Lang, Ledger};
use ledger_tools::grow;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use std::path::Path;
use std::time::{Duration, Instant};

mod common;

/// A line of the table: what, the measured value, its baseline, the ratio and the goal.
struct Line {
    what: String,
    value: String,
    baseline: String,
    ratio: f64,
    goal: &'static str,
}

fn main() {
    let scale: u32 = std::env::var("BENCH_SCALE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10)
        .max(2);
    let mut lines = Vec::new();

    // The two ledgers: the demo, and the demo grown to the scale.
    let one_dir = tempfile::tempdir().expect("temp dir");
    let mut one = Ledger::open_dir(one_dir.path()).expect("a new ledger");
    demo::load(&mut one).expect("the demo loads");
    let big_dir = tempfile::tempdir().expect("temp dir");
    let mut big = Ledger::open_dir(big_dir.path()).expect("a new ledger");
    demo::load(&mut big).expect("the demo loads");
    let before = max_rowids(big.read());
    let started = Instant::now();
    let counts = grow::grow(&mut big, scale, &mut |step, done, total| {
        eprint!("\r  {step}: {done}/{total}          ");
    })
    .expect("the ledger grows");
    let grow_time = started.elapsed();
    eprintln!();
    checkpoint(&big);
    let size = std::fs::metadata(big.path()).unwrap().len() as f64 / 1_048_576.0;
    let rows = counts.rows_added();
    eprintln!(
        "scale {scale}: {rows} rows added in {:.1} s ({:.0} rows/s), file {size:.1} MB",
        secs(grow_time),
        rows as f64 / secs(grow_time)
    );
    for t in &counts.tables {
        eprintln!("  {:<20} {:>8} (+{})", t.table, t.total, t.added);
    }

    // (a) The same rows through a bare prepared-statement loop into plain tables.
    let bare = bare_loop(big.read(), &before);
    let (gen_rate, bare_rate) = (rows as f64 / secs(grow_time), rows as f64 / secs(bare));
    lines.push(Line {
        what: format!("(a) generation, {rows} rows, rows/s"),
        value: format!("{gen_rate:.0}/s"),
        baseline: format!("{bare_rate:.0}/s"),
        ratio: gen_rate / bare_rate,
        goal: "(bare = 1)",
    });

    // (b) Search against the LIKE scan.
    eprintln!("search (ms: index p50 / p95, LIKE p50 / p95, hits):");
    for (class, queries) in [
        ("1 character", &["党", "芯", "书", "会"][..]),
        ("2 characters", &["党课", "延安", "遵义", "简报"][..]),
        (
            "3 characters",
            &["支委会", "党小组", "光刻机", "图书角"][..],
        ),
        (
            "4 characters",
            &["两学一做", "集成电路", "乡村振兴", "科学家精"][..],
        ),
        (
            "two words of 3+ characters",
            &[
                "支委会 发展党员",
                "图书角 开放时间",
                "光刻机 集成电路",
                "两学一做 学习教育",
            ][..],
        ),
        (
            "two words, one of 2 characters",
            &["党课 集成电路", "延安 主题教育", "党课 支委会", "书 图书角"][..],
        ),
    ] {
        let (indexed, like) = search_times(big.read(), queries);
        for (k, q) in ["p50", "p95"].iter().enumerate() {
            let (a, b) = (pct(&indexed, k), pct(&like, k));
            lines.push(Line {
                what: format!("(b) search {class}, {q}"),
                value: ms(a),
                baseline: ms(b),
                ratio: secs(a) / secs(b),
                goal: if k == 0 { "<= 0.03" } else { "<= 0.05" },
            });
        }
    }

    // What the search's tables take in the file.
    index_sizes(big.read());
    // Rebuilding leaves the old index pages free in the file: measured after the sizes.
    derived_cost(&mut big);

    // (c) Lists and dashboard at scale 1 and N.
    // What the dashboard's parts show grows with the party groups (a calendar line each) and the
    // people (the rotations pick among the members).
    let growth = |table: &str| {
        let n = |c: &Connection| -> i64 {
            c.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .expect("count")
        };
        n(big.read()) as f64 / n(one.read()) as f64
    };
    let (groups, people_growth) = (growth("party_groups"), growth("people"));
    for (name, run) in list_queries() {
        let (small, small_rows) = median_of(15, || run(one.read()));
        let (large, large_rows) = median_of(15, || run(big.read()));
        let page = name.ends_with("page");
        let shown = |d: Duration, rows: usize| match page {
            true => format!("{} ({rows})", ms(d)),
            false => ms(d),
        };
        // A page is compared per row shown (the demo's pages are not all full).
        let ratio =
            (secs(large) / large_rows.max(1) as f64) / (secs(small) / small_rows.max(1) as f64);
        let goal: &'static str = match () {
            // A count ("1–100 of N") walks its matches' index entries: it grows with them.
            _ if name.ends_with("count") => "(grows with the matches)",
            _ if name.contains("cadence") => format!("<= {groups:.0} (party groups)").leak(),
            _ if name.contains("rotations") => format!("<= {people_growth:.0} (people)").leak(),
            // The reminders count every late loan or suggestion (and name the oldest).
            _ if name.contains("overdue") => "(grows with the late ones)",
            _ => "near 1",
        };
        lines.push(Line {
            what: format!("(c) {name}"),
            value: shown(large, large_rows),
            baseline: shown(small, small_rows),
            ratio,
            goal,
        });
    }

    // (d) The annual summary.
    // The summary reads every record of the year (and everyone on the roster): it grows with them,
    // shown as the range of their growth.
    let growths: Vec<f64> = records_of_2019(big.read())
        .iter()
        .zip(records_of_2019(one.read()))
        .map(|(b, o)| *b as f64 / o.max(1) as f64)
        .collect();
    let (low, high) = growths
        .iter()
        .fold((f64::MAX, 0.0_f64), |(l, h), g| (l.min(*g), h.max(*g)));
    let year_goal: &'static str = format!(
        "(its inputs grew {low:.0}–{high:.0}: {})",
        RECORDS_OF_2019.join(", ")
    )
    .leak();
    let (s1, sn) = (summary_times(&one), summary_times(&big));
    for (k, name) in ["compute", "export docx", "export xlsx"].iter().enumerate() {
        lines.push(Line {
            what: format!("(d) summary 2019 {name}"),
            value: ms(sn[k]),
            baseline: ms(s1[k]),
            ratio: secs(sn[k]) / secs(s1[k]),
            goal: year_goal,
        });
    }

    // (f) The whole scale-N ledger read back from its export (`ledger import`), rows/s against the
    // bare loop's rows/s above.
    let (took, imported) = import_time(&big);
    let import_rate = imported as f64 / secs(took);
    lines.push(Line {
        what: format!("(f) import of the export, {imported} rows, rows/s"),
        value: format!("{import_rate:.0}/s"),
        baseline: format!("{bare_rate:.0}/s"),
        ratio: import_rate / bare_rate,
        goal: ">= 0.5",
    });

    // (e) Backup of the big ledger against cp + sync.
    let path = big.path().to_path_buf();
    drop(big);
    shell("sync", &[]);
    for run in 1..=2 {
        let hand = common::by_hand(&path);
        let made = back_up(&path);
        lines.push(Line {
            what: format!("(e) backup {size:.0} MB ÷ by hand, run {run}"),
            value: format!("{:.2} s", secs(made)),
            baseline: format!("{:.2} s", secs(hand)),
            ratio: secs(made) / secs(hand),
            goal: "<= 1.0",
        });
        let copy = copy_and_sync(&path);
        lines.push(Line {
            what: format!("(e) backup {size:.0} MB ÷ cp + sync, run {run}"),
            value: format!("{:.2} s", secs(made)),
            baseline: format!("{:.2} s", secs(copy)),
            ratio: secs(made) / secs(copy),
            goal: "(the floor)",
        });
    }
    // The floor of a verified backup, as in benches/backup.rs: hashing the file, and SQLite's
    // integrity check of it, each alone.
    let copy = copy_and_sync(&path);
    let (hash, check) = common::backup_floor(&path);
    for (name, took) in [("SHA-256 alone", hash), ("integrity_check alone", check)] {
        lines.push(Line {
            what: format!("(e) floor: {name}"),
            value: format!("{:.2} s", secs(took)),
            baseline: format!("{:.2} s", secs(copy)),
            ratio: secs(took) / secs(copy),
            goal: "",
        });
    }

    println!();
    println!(
        "scale {scale} ({} people, {} activities, {} attendance, {} loans, {} issues, {} suggestions; {size:.0} MB)",
        counts.total("people"),
        counts.total("activities"),
        counts.total("attendance"),
        counts.total("loans"),
        counts.total("bulletin_issues"),
        counts.total("suggestions"),
    );
    println!(
        "{:<46} {:>18} {:>18} {:>8}  goal",
        "measure", "value", "baseline", "ratio"
    );
    for l in lines {
        println!(
            "{:<46} {:>18} {:>18} {:>8.3}  {}",
            l.what, l.value, l.baseline, l.ratio, l.goal
        );
    }
    println!(
        "baselines: (a) bare insert loop, (b) LIKE scan, (c)(d) scale 1 (the demo), (e) cp + sync"
    );
}

/// Runs a list query or a dashboard part; returns how many rows (or lines) it shows.
type ListQuery = Box<dyn Fn(&Connection) -> usize>;

/// A list's first page and its count ("1–100 of N"), each as a closure.
fn list<Q: 'static, R: 'static>(
    name: &'static str,
    query: Q,
    page: fn(&Connection, &Q) -> ledger::Result<Vec<R>>,
    count: fn(&Connection, &Q) -> ledger::Result<i64>,
) -> [(String, ListQuery); 2] {
    let query = std::rc::Rc::new(query);
    let q2 = query.clone();
    [
        (
            format!("{name}, page"),
            Box::new(move |c: &Connection| page(c, &query).expect("page").len()),
        ),
        (
            format!("{name}, count"),
            Box::new(move |c: &Connection| {
                count(c, &q2).expect("count");
                1
            }),
        ),
    ]
}

/// The lists and dashboard parts measured at both scales: first pages and their counts, then the
/// dashboard's parts.
fn list_queries() -> Vec<(String, ListQuery)> {
    let today = ledger::dates::today();
    // 孙进, in the demo since 2016: a person with history at both scales.
    let person = 5;
    let mut q: Vec<(String, ListQuery)> = Vec::new();
    q.extend(list(
        "people",
        people::PersonQuery::default(),
        people::page,
        people::count,
    ));
    q.extend(list(
        "people, probationary",
        people::PersonQuery {
            stage: Some("probationary".into()),
            ..Default::default()
        },
        people::page,
        people::count,
    ));
    let activity_lists = [
        ("activities", activities::ActivityQuery::default()),
        (
            "activities, 2019",
            activities::ActivityQuery {
                year: Some(2019),
                ..Default::default()
            },
        ),
        (
            "activities, kind study",
            activities::ActivityQuery {
                kind: Some("study".into()),
                ..Default::default()
            },
        ),
        (
            "activities, one person",
            activities::ActivityQuery {
                person_id: Some(person),
                ..Default::default()
            },
        ),
    ];
    for (name, query) in activity_lists {
        q.extend(list(name, query, activities::page, activities::count));
    }
    let loan_lists = [
        ("loans", loans::LoanQuery::default()),
        (
            "loans, open",
            loans::LoanQuery {
                open_only: true,
                ..Default::default()
            },
        ),
        (
            "loans, one person",
            loans::LoanQuery {
                person_id: Some(person),
                ..Default::default()
            },
        ),
    ];
    for (name, query) in loan_lists {
        q.extend(list(name, query, loans::page, loans::count));
    }
    let issue_lists = [
        ("bulletin issues", bulletins::IssueQuery::default()),
        (
            "bulletin issues, one series",
            bulletins::IssueQuery {
                series_id: Some(2),
                ..Default::default()
            },
        ),
    ];
    for (name, query) in issue_lists {
        q.extend(list(
            name,
            query,
            bulletins::issue_page,
            bulletins::issue_count,
        ));
    }
    let suggestion_lists = [
        ("suggestions", suggestions::SuggestionQuery::default()),
        (
            "suggestions, in progress",
            suggestions::SuggestionQuery {
                status: Some("in_progress".into()),
                ..Default::default()
            },
        ),
    ];
    for (name, query) in suggestion_lists {
        q.extend(list(name, query, suggestions::page, suggestions::count));
    }
    let title_lists = [
        ("book titles", books::TitleQuery::default()),
        (
            "book titles, category 党史",
            books::TitleQuery {
                category: Some("党史".into()),
                ..Default::default()
            },
        ),
    ];
    for (name, query) in title_lists {
        q.extend(list(name, query, books::title_page, books::count_titles));
    }
    let dashboard: Vec<(&str, ListQuery)> = vec![
        (
            "dashboard cadence::reminders",
            Box::new(move |c| {
                cadence::reminders(c, today).expect("reminders");
                1
            }),
        ),
        (
            "dashboard cadence::calendar",
            Box::new(move |c| {
                cadence::calendar(c, today.year(), today).expect("calendar");
                1
            }),
        ),
        (
            "dashboard rotations and counts",
            Box::new(move |c| {
                cadence::next_lecturers(c, today, 3).expect("lecturers");
                cadence::next_hosts(c, today, 3).expect("hosts");
                cadence::counts_by_kind(c, today.year()).expect("counts");
                1
            }),
        ),
        (
            "dashboard loans::overdue",
            Box::new(|c| {
                loans::overdue(c).expect("overdue");
                1
            }),
        ),
        (
            "dashboard suggestions::overdue",
            Box::new(move |c| {
                suggestions::overdue(c, today, 30).expect("overdue");
                1
            }),
        ),
    ];
    q.extend(dashboard.into_iter().map(|(n, f)| (n.to_string(), f)));
    q
}

/// What the annual summary of 2019 reads, in the order of [`records_of_2019`].
const RECORDS_OF_2019: [&str; 6] = [
    "activities",
    "attendance",
    "issues",
    "suggestions",
    "loans",
    "people",
];

/// How many of each the annual summary of 2019 reads: the year's activities, their attendance,
/// bulletin issues, suggestions and loans, and the people (each with a line of participation).
fn records_of_2019(conn: &Connection) -> Vec<i64> {
    let year = "BETWEEN '2019-01-01' AND '2019-12-31'";
    [
        format!("SELECT count(*) FROM activities WHERE date {year}"),
        format!(
            "SELECT count(*) FROM attendance a JOIN activities v ON v.id = a.activity_id
             WHERE v.date {year}"
        ),
        format!("SELECT count(*) FROM bulletin_issues WHERE publish_date {year}"),
        format!("SELECT count(*) FROM suggestions WHERE received_on {year}"),
        format!("SELECT count(*) FROM loans WHERE loaned_on {year}"),
        "SELECT count(*) FROM people".to_string(),
    ]
    .iter()
    .map(|sql| {
        conn.query_row(sql, [], |r| r.get(0))
            .expect("records of 2019")
    })
    .collect()
}

/// The largest rowid of each table the generator writes (rows above it are the generated ones).
fn max_rowids(conn: &Connection) -> Vec<i64> {
    grow::TABLES
        .iter()
        .map(|t| {
            conn.query_row(
                &format!("SELECT coalesce(max(rowid), 0) FROM {t}"),
                [],
                |r| r.get(0),
            )
            .expect("max rowid")
        })
        .collect()
}

fn columns(conn: &Connection, table: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .expect("table info");
    stmt.query_map([], |r| r.get(0))
        .expect("columns")
        .collect::<rusqlite::Result<_>>()
        .expect("columns")
}

/// Reads the generated rows back, then times writing them with a bare prepared-statement loop into
/// plain tables (same columns, no constraint, index or trigger) of a new file, in one transaction, with
/// the ledger's journal mode and sync setting.
fn bare_loop(conn: &Connection, before: &[i64]) -> Duration {
    let mut tables: Vec<(String, Vec<String>, Vec<Vec<Value>>)> = Vec::new();
    for (table, after) in grow::TABLES.iter().zip(before) {
        let cols = columns(conn, table);
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {} FROM {table} WHERE rowid > ?1 ORDER BY rowid",
                cols.join(", ")
            ))
            .expect("select");
        let n = cols.len();
        let rows: Vec<Vec<Value>> = stmt
            .query_map([after], |r| (0..n).map(|i| r.get::<_, Value>(i)).collect())
            .expect("rows")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        tables.push((table.to_string(), cols, rows));
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bare = Connection::open(dir.path().join("bare.sqlite3")).expect("bare file");
    bare.pragma_update(None, "journal_mode", "WAL").unwrap();
    bare.pragma_update(None, "synchronous", "FULL").unwrap();
    for (table, cols, _) in &tables {
        bare.execute_batch(&format!("CREATE TABLE {table} ({})", cols.join(", ")))
            .expect("plain table");
    }
    let started = Instant::now();
    let tx = bare.transaction().unwrap();
    for (table, cols, rows) in &tables {
        let marks = vec!["?"; cols.len()].join(", ");
        let mut stmt = tx
            .prepare(&format!("INSERT INTO {table} VALUES ({marks})"))
            .unwrap();
        for row in rows {
            stmt.execute(params_from_iter(row.iter())).unwrap();
        }
    }
    tx.commit().unwrap();
    started.elapsed()
}

/// What the derived tables cost to write (stderr only): all of them built again from the records (as
/// at the end of the generation or an import), and the character index alone.
fn derived_cost(ledger: &mut Ledger) {
    let started = Instant::now();
    ledger.write(ledger::derived::rebuild).expect("rebuilt");
    let all = started.elapsed();
    let started = Instant::now();
    ledger.write(search::chars::rebuild).expect("rebuilt");
    let chars = started.elapsed();
    let records: i64 = ledger
        .read()
        .query_row("SELECT count(*) FROM search_index", [], |r| r.get(0))
        .expect("count");
    eprintln!(
        "derived tables built from the records: {:.1} s; the character index alone {:.1} s \
         ({:.0} µs per record, {records} records)",
        secs(all),
        secs(chars),
        secs(chars) * 1e6 / records as f64
    );
}

/// The bytes each search index takes in the file (its shadow tables' pages), on stderr.
fn index_sizes(conn: &Connection) {
    let bytes = |prefix: &str| -> i64 {
        conn.query_row(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE ?1 || '\\_%' ESCAPE '\\'",
            [prefix],
            |r| r.get(0),
        )
        .unwrap_or(-1)
    };
    let total: i64 = conn
        .query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        )
        .expect("size");
    let mb = |b: i64| b as f64 / 1_048_576.0;
    let texts: i64 = conn
        .query_row(
            "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name = 'search_index'",
            [],
            |r| r.get(0),
        )
        .unwrap_or(-1);
    eprintln!(
        "search: the texts the hits show {:.1} MB, the character index {:.1} MB, file {:.1} MB",
        mb(texts),
        mb(bytes("search_chars")),
        mb(total)
    );
}

/// Each query's times with the index and with LIKE (several runs each), and the hit counts checked.
fn search_times(conn: &Connection, queries: &[&str]) -> (Vec<Duration>, Vec<Duration>) {
    let (mut indexed, mut like) = (Vec::new(), Vec::new());
    for text in queries {
        let window = SearchQuery {
            text: text.to_string(),
            limit_per_kind: Some(20),
            ..Default::default()
        };
        let all = SearchQuery {
            text: text.to_string(),
            ..Default::default()
        };
        let mut found = 0;
        let mut more = false;
        let mut expected = 0;
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            let started = Instant::now();
            let results = search::search(conn, &window, Lang::Zh).expect("search");
            found = results.total;
            more = results.groups.iter().any(|g| g.more);
            a.push(started.elapsed());
            let started = Instant::now();
            expected = search::search_like(conn, &all).expect("like").len();
            b.push(started.elapsed());
        }
        eprintln!(
            "  {text:<14} {:>8} {:>8} {:>8} {:>8} {found:>7}{}",
            ms(pct(&a, 0)),
            ms(pct(&a, 1)),
            ms(pct(&b, 0)),
            ms(pct(&b, 1)),
            match (found == expected, more) {
                (true, _) => String::new(),
                // The window's search stopped at the newest 20 of each type; LIKE counts them all.
                (false, true) if found < expected => format!("+ (LIKE finds {expected})"),
                _ => format!("  (LIKE finds {expected}!)"),
            }
        );
        indexed.extend(a);
        like.extend(b);
    }
    (indexed, like)
}

/// p50 (k = 0) or p95 (k = 1) of some times.
fn pct(times: &[Duration], k: usize) -> Duration {
    let mut sorted = times.to_vec();
    sorted.sort();
    let at = match k {
        0 => (sorted.len() - 1) / 2,
        _ => ((sorted.len() as f64 * 0.95).ceil() as usize).clamp(1, sorted.len()) - 1,
    };
    sorted[at]
}

/// The median time of `work` over some runs, and what it returned.
fn median_of<T>(runs: usize, mut work: impl FnMut() -> T) -> (Duration, T) {
    let out = work();
    let times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            work();
            started.elapsed()
        })
        .collect();
    (pct(&times, 0), out)
}

fn checkpoint(ledger: &Ledger) {
    ledger
        .read()
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .expect("checkpoint");
}

/// Exports `ledger` to a JSON file and times its import into an empty ledger: (time, rows imported).
fn import_time(ledger: &Ledger) -> (Duration, u64) {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("export.json");
    let options = export::ExportOptions {
        attachments: export::AttachmentMode::Include,
        exported_at: None,
    };
    export::export_to_path(ledger.read(), &file, &options, &mut |_| {}).expect("exported");
    let target_dir = tempfile::tempdir().expect("temp dir");
    let mut target = Ledger::open_dir(target_dir.path()).expect("a new ledger");
    let started = Instant::now();
    let report = export::import_from_path(&mut target, &file, &mut |_| {}).expect("imported");
    let took = started.elapsed();
    (took, report.tables.iter().map(|t| t.rows).sum())
}

fn back_up(path: &Path) -> Duration {
    let target = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    backup::backup(path, target.path(), &BackupOptions::default(), &mut |_| {}).expect("backup");
    started.elapsed()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
