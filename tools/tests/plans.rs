//! Query plans of the main lists, the dashboard, the annual summary and the search on a large ledger.
//!
//! Every statement a list function runs is caught with SQLite's trace and explained (`EXPLAIN QUERY
//! PLAN`, prepared like the real one, before any value is bound, which is when SQLite plans it). No
//! statement may read a big table whole (`SCAN <table>` without an index), and each case names the
//! index its filter must go through. The planner has no statistics (nothing runs ANALYZE), so a plan
//! does not depend on how many rows there are: the ledger grown to scale 2 has the plans of scale 10.
use chrono::Datelike;
use ledger::{activities, books, bulletins, cadence, demo, loans, people, search};
use ledger::{suggestions, summary, Lang, Ledger};
use ledger_tools::grow;
use rusqlite::trace::{TraceEvent, TraceEventCodes};
use rusqlite::Connection;
use std::cell::RefCell;
use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock};

/// Tables that grow with the ledger's years (tens of thousands of rows and more at scale 10). People,
/// book titles and copies, stage changes and transfers stay in the thousands.
const BIG: &[&str] = &[
    "activities",
    "attendance",
    "activity_speakers",
    "loans",
    "bulletin_issues",
    "bulletin_topics",
    "bulletin_editors",
    "suggestions",
    "suggestion_notes",
    "attachments",
];

thread_local! {
    static CAUGHT: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn catch(event: TraceEvent<'_>) {
    if let TraceEvent::Stmt(stmt, _) = event {
        let sql = stmt.sql().split_whitespace().collect::<Vec<_>>().join(" ");
        // A trigger's subprogram is reported as "-- TRIGGER name".
        if !sql.starts_with("--") {
            CAUGHT.with(|c| c.borrow_mut().push(sql));
        }
    }
}

/// The statements `work` runs on `conn`, each once, in the order first run.
fn statements(conn: &Connection, work: impl FnOnce(&Connection)) -> Vec<String> {
    CAUGHT.with(|c| c.borrow_mut().clear());
    conn.trace_v2(TraceEventCodes::SQLITE_TRACE_STMT, Some(catch));
    work(conn);
    conn.trace_v2(TraceEventCodes::empty(), None);
    let mut out: Vec<String> = Vec::new();
    for sql in CAUGHT.with(|c| c.take()) {
        if !out.contains(&sql) {
            out.push(sql);
        }
    }
    out
}

/// `EXPLAIN QUERY PLAN` of a statement, one line per step.
fn plan(conn: &Connection, sql: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .unwrap_or_else(|e| panic!("{e}: {sql}"));
    // Nothing is bound (the plan was made without values); every parameter reads as NULL.
    let nulls = vec![rusqlite::types::Null; stmt.parameter_count()];
    stmt.query_map(rusqlite::params_from_iter(nulls), |r| r.get::<_, String>(3))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The names a statement gives the big tables (`FROM activities v` → `v`, `FROM loans` → `loans`).
fn big_aliases(sql: &str) -> Vec<String> {
    let words: Vec<&str> = sql
        .split(|c: char| c.is_whitespace() || c == '(' || c == ')' || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let mut out = Vec::new();
    for (i, pair) in words.windows(2).enumerate() {
        let (keyword, table) = (pair[0].to_ascii_uppercase(), pair[1]);
        if (keyword == "FROM" || keyword == "JOIN") && BIG.contains(&table) {
            let next = words.get(i + 2).copied().unwrap_or("");
            let keywords = [
                "WHERE", "JOIN", "LEFT", "ON", "GROUP", "ORDER", "LIMIT", "UNION",
            ];
            let alias = match next {
                "" => table,
                n if keywords.contains(&n.to_ascii_uppercase().as_str()) => table,
                n if n.eq_ignore_ascii_case("AS") => words.get(i + 3).copied().unwrap_or(table),
                n => n,
            };
            out.push(alias.to_string());
        }
    }
    out
}

/// A ledger grown to scale 2, made once for all the tests of this file.
fn grown() -> PathBuf {
    static LEDGER: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = LEDGER.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::open_dir(dir.path()).unwrap();
        demo::load(&mut ledger).unwrap();
        grow::grow(&mut ledger, 2, &mut |_, _, _| {}).unwrap();
        let path = ledger.path().to_path_buf();
        (dir, path)
    });
    path.clone()
}

/// The grown ledger, opened by one test at a time (a `Ledger` holds the file's lock).
fn open() -> (MutexGuard<'static, ()>, Ledger) {
    static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
    let path = grown();
    let guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    (guard, Ledger::open(&path).unwrap())
}

/// Runs `work` on the grown ledger and checks the plans of everything it ran: no big table read
/// whole, and every line of `wanted` found in some plan (as `statement | plan line`, in part).
fn check(name: &str, work: impl FnOnce(&Connection), wanted: &[&str]) {
    let (_one, ledger) = open();
    let conn = ledger.read();
    let caught = statements(conn, work);
    assert!(!caught.is_empty(), "{name}: no statement caught");
    let mut report = String::new();
    let mut lines = Vec::new();
    for sql in &caught {
        let steps = plan(conn, sql);
        report.push_str(&format!("\n{sql}\n"));
        let aliases = big_aliases(sql);
        for step in &steps {
            report.push_str(&format!("    {step}\n"));
            let mut words = step.split_whitespace();
            if let (Some("SCAN"), Some(what)) = (words.next(), words.next()) {
                let whole =
                    !step.contains(" USING INDEX ") && !step.contains(" USING COVERING INDEX ");
                assert!(
                    !(whole && aliases.iter().any(|a| a == what)),
                    "{name}: a big table is read whole: `{step}` in\n{sql}\n{report}"
                );
            }
            lines.push(format!("{sql} | {step}"));
        }
    }
    for want in wanted {
        assert!(
            lines.iter().any(|l| l.contains(want)),
            "{name}: no plan has `{want}`:{report}"
        );
    }
}

#[test]
fn aliases_are_found_in_statements() {
    let sql = "SELECT count(*) FROM activities v LEFT JOIN people h ON h.id = v.host_id WHERE \
               v.id IN (SELECT activity_id FROM attendance WHERE person_id = ?1) \
               AND EXISTS (SELECT 1 FROM loans AS l WHERE l.id = 1)";
    assert_eq!(big_aliases(sql), vec!["v", "attendance", "l"]);
}

#[test]
fn the_roster_filters_through_indexes() {
    // The whole roster comes in pinyin order from the index on names of live people, and is counted
    // from it. A stage or a group goes through its index.
    check(
        "people, first page",
        |c| {
            people::list(c, &Default::default()).unwrap();
        },
        &[
            "SELECT count(*) FROM people p WHERE p.deleted_at IS NULL AND (p.left_on IS NULL) | SCAN p USING COVERING INDEX people_live_name",
            "LIMIT 100 OFFSET 0 | SCAN p USING INDEX people_live_name",
        ],
    );
    check(
        "people, by stage",
        |c| {
            let q = people::PersonQuery {
                stage: Some("probationary".into()),
                ..Default::default()
            };
            people::list(c, &q).unwrap();
        },
        &["SEARCH p USING INDEX people_stage (stage=?)"],
    );
    check(
        "people, by group",
        |c| {
            let q = people::PersonQuery {
                party_group_id: Some(3),
                ..Default::default()
            };
            people::list(c, &q).unwrap();
        },
        &["SEARCH p USING INDEX people_group (party_group_id=?)"],
    );
}

#[test]
fn the_activity_list_reads_pages_and_counts_from_indexes() {
    check(
        "activities, first page",
        |c| {
            activities::list(c, &Default::default()).unwrap();
        },
        &[
            // The count: all activities (from an index's pages) less the trashed (from their index);
            // the page walks the index of live activities newest first.
            "SEARCH activities USING COVERING INDEX activities_trashed (deleted_at>?)",
            "ON h.id = v.host_id ORDER BY v.date DESC, v.id DESC | SCAN v USING COVERING INDEX activities_live_date",
            // Each row's attendance rate, from the kept counts of its expected attendance.
            "SEARCH list_counts USING INDEX sqlite_autoindex_list_counts_1 (list=? AND value=?)",
        ],
    );
    check(
        "activities, by year",
        |c| {
            let q = activities::ActivityQuery {
                year: Some(2019),
                ..Default::default()
            };
            activities::list(c, &q).unwrap();
        },
        &[
            "SEARCH v USING COVERING INDEX activities_live_date (date>? AND date<?)",
            "v.id DESC | SEARCH v USING COVERING INDEX activities_live_date (date>? AND date<?)",
        ],
    );
    check(
        "activities, by kind",
        |c| {
            let q = activities::ActivityQuery {
                kind: Some("study".into()),
                ..Default::default()
            };
            activities::list(c, &q).unwrap();
        },
        &[
            "SEARCH v USING COVERING INDEX activities_live_kind_date (kind=?)",
            "v.id DESC | SEARCH v USING COVERING INDEX activities_live_kind_date (kind=?)",
        ],
    );
    check(
        "activities, by person",
        |c| {
            let q = activities::ActivityQuery {
                person_id: Some(5),
                ..Default::default()
            };
            activities::list(c, &q).unwrap();
        },
        &[
            // The person's activities newest first from person_activities, the count kept.
            "SEARCH pa USING COVERING INDEX person_activities_newest (person_id=? AND live=?)",
            "SEARCH list_counts USING INDEX sqlite_autoindex_list_counts_1 (list=? AND value=?)",
        ],
    );
}

#[test]
fn loans_are_found_through_indexes() {
    check(
        "loans, first page",
        |c| {
            loans::list(c, &Default::default()).unwrap();
        },
        &["SCAN l USING INDEX loans_loaned_on"],
    );
    check(
        "loans, open",
        |c| {
            let q = loans::LoanQuery {
                open_only: true,
                ..Default::default()
            };
            loans::list(c, &q).unwrap();
        },
        &["SCAN l USING INDEX loans_open_loaned"],
    );
    check(
        "loans, overdue",
        |c| {
            loans::overdue(c).unwrap();
        },
        &["SEARCH l USING INDEX loans_open_due (due_on<?)"],
    );
    check(
        "loans, by person",
        |c| {
            let q = loans::LoanQuery {
                person_id: Some(5),
                ..Default::default()
            };
            loans::list(c, &q).unwrap();
        },
        &["SEARCH l USING INDEX loans_person (person_id=?)"],
    );
    check(
        "loans, of a title",
        |c| {
            books::get_title(c, 60).unwrap();
        },
        &["SEARCH l USING INDEX loans_copy (copy_id=?)"],
    );
}

#[test]
fn bulletin_issues_come_in_list_order_from_an_index() {
    check(
        "bulletin issues, first page",
        |c| {
            bulletins::issue_list(c, &Default::default()).unwrap();
        },
        &[
            "SEARCH bulletin_issues USING COVERING INDEX bulletin_issues_trashed (deleted_at>?)",
            // Less the live issues of trashed series, found through those series.
            "SEARCH i USING INDEX bulletin_issues_live_number (series_id=?)",
            "ON page.id = i.id ORDER BY i.publish_date IS NULL DESC, i.publish_date DESC, s.id, i.number DESC, i.id DESC | SCAN i USING COVERING INDEX bulletin_issues_listed",
        ],
    );
    check(
        "bulletin issues, by series",
        |c| {
            let q = bulletins::IssueQuery {
                series_id: Some(2),
                ..Default::default()
            };
            bulletins::issue_list(c, &q).unwrap();
        },
        &["SEARCH i USING INDEX bulletin_issues_live_number (series_id=?)"],
    );
    check(
        "bulletin issues, by year",
        |c| {
            let q = bulletins::IssueQuery {
                year: Some(2019),
                ..Default::default()
            };
            bulletins::issue_list(c, &q).unwrap();
        },
        &["SEARCH i USING INDEX bulletin_issues_date (publish_date>? AND publish_date<?)"],
    );
}

#[test]
fn suggestions_are_found_through_indexes() {
    check(
        "suggestions, first page",
        |c| {
            suggestions::list(c, &Default::default()).unwrap();
        },
        &[
            "SEARCH suggestions USING COVERING INDEX suggestions_trashed (deleted_at>?)",
            "SCAN s USING INDEX suggestions_received",
        ],
    );
    check(
        "suggestions, by status",
        |c| {
            let q = suggestions::SuggestionQuery {
                status: Some("in_progress".into()),
                ..Default::default()
            };
            suggestions::list(c, &q).unwrap();
        },
        &[
            // The count is kept (list_counts); the page walks the status's index newest first.
            "SEARCH list_counts USING INDEX sqlite_autoindex_list_counts_1 (list=? AND value=?)",
            "SEARCH s USING INDEX suggestions_status_received (status=?)",
        ],
    );
}

#[test]
fn the_catalogue_walks_titles_in_name_order() {
    check(
        "book titles, first page",
        |c| {
            books::list_titles(c, &Default::default()).unwrap();
        },
        &[
            "SCAN t USING INDEX book_titles_name",
            "SEARCH c USING INDEX book_copies_title (title_id=?)",
        ],
    );
}

#[test]
fn the_dashboard_counts_through_indexes() {
    let today = ledger::dates::today();
    check(
        "dashboard",
        |c| {
            cadence::reminders(c, today).unwrap();
            cadence::calendar(c, today.year(), today).unwrap();
            cadence::next_lecturers(c, today, 3).unwrap();
            cadence::next_hosts(c, today, 3).unwrap();
            cadence::counts_by_kind(c, today.year()).unwrap();
            loans::overdue(c).unwrap();
            suggestions::overdue(c, today, 30).unwrap();
        },
        &[
            "SEARCH activities USING INDEX activities_group (party_group_id=? AND kind=? AND date>? AND date<?)",
            "SEARCH activities USING COVERING INDEX activities_live_kind_date (kind=? AND date>? AND date<?)",
            "SEARCH activities USING INDEX activities_host (host_id=?)",
            "SEARCH v USING COVERING INDEX activities_live_kind_date (kind=?)",
            "SEARCH l USING INDEX loans_open_due (due_on<?)",
            "SEARCH s USING COVERING INDEX suggestions_live_status (status=? AND received_on<?)",
            // When the branch began: the first stage change of a live person.
            "LIMIT 1 | SCAN s USING INDEX stage_changes_date",
        ],
    );
}

#[test]
fn the_trash_lists_trashed_records_through_indexes() {
    check(
        "trash",
        |c| {
            ledger::trash::list(c, Lang::Zh).unwrap();
        },
        &[
            "SEARCH activities USING INDEX activities_trashed (deleted_at>?)",
            "SEARCH attachments USING INDEX attachments_trashed (deleted_at>?)",
        ],
    );
}

#[test]
fn the_annual_summary_reads_its_range_through_indexes() {
    check(
        "summary 2019",
        |c| {
            summary::compute(c, &summary::year(2019).unwrap()).unwrap();
        },
        &[
            "SEARCH a USING COVERING INDEX attendance_activity (activity_id=? AND role=? AND status=?)",
            "SEARCH activities USING INDEX activities_live_date (date>? AND date<?)",
            "SEARCH i USING INDEX bulletin_issues_date (publish_date>? AND publish_date<?)",
            "SEARCH l USING INDEX loans_loaned_on (loaned_on>? AND loaned_on<?)",
            "SEARCH suggestions USING INDEX suggestions_received (received_on>? AND received_on<?)",
            "SEARCH suggestions USING INDEX suggestions_status_responded (status=? AND responded_on>? AND responded_on<?)",
        ],
    );
}

#[test]
fn the_search_matches_through_the_character_index() {
    let (_one, ledger) = open();
    let conn = ledger.read();
    for text in ["集成电路", "两学一做 党", "支委会 发展党员"] {
        let q = search::SearchQuery {
            text: text.into(),
            limit_per_kind: Some(20),
            ..Default::default()
        };
        let plan = search::query_plan(conn, &q).unwrap().join("\n");
        // FTS5 reports a MATCH constraint as `M` in the index string it picks.
        assert!(
            plan.lines()
                .any(|l| l.starts_with("SCAN search_chars VIRTUAL TABLE INDEX") && l.contains(":M")),
            "{text}: {plan}"
        );
        let found = search::search(conn, &q, Lang::Zh).unwrap();
        assert!(found.total > 0, "{text}");
    }
}
