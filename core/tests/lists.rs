//! The lists' kept counts (`list_counts`, migration 15) and one person's activities
//! (`person_activities`, migration 14) stay equal to what the records say through any edit.

use ledger::{activities, books, bulletins, loans, people, suggestions, Ledger};
use rusqlite::Connection;

/// Kept counts that differ from the records (both ways, counts of 0 left out): must be none.
fn counts_out_of_step(conn: &Connection) -> Vec<(String, String, i64)> {
    let mut stmt = conn
        .prepare(
            "SELECT list, CAST(value AS TEXT), n FROM
               (SELECT * FROM list_counts WHERE n <> 0 EXCEPT SELECT * FROM list_counts_source
                UNION ALL
                SELECT * FROM list_counts_source EXCEPT SELECT * FROM list_counts WHERE n <> 0)",
        )
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

fn demo() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = Ledger::open_dir(dir.path()).unwrap();
    ledger::demo::load(&mut ledger).unwrap();
    (dir, ledger)
}

/// A small random number generator, so that a failure can be replayed.
struct Lcg(u64);

impl Lcg {
    fn upto(&mut self, n: i64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        1 + ((self.0 >> 33) as i64) % n
    }
}

const EDITS: [&str; 16] = [
    "UPDATE attendance SET status = CASE status WHEN 'present' THEN 'absent' ELSE 'present' END WHERE activity_id = ?1 AND status <> 'on_leave'",
    "UPDATE attendance SET role = CASE role WHEN 'expected' THEN 'guest' ELSE 'expected' END WHERE activity_id = ?1 AND person_id = ?2",
    "UPDATE people SET stage = CASE ?2 % 3 WHEN 0 THEN 'full' WHEN 1 THEN 'probationary' ELSE 'activist' END WHERE id = ?1",
    "UPDATE people SET deleted_at = CASE WHEN deleted_at IS NULL THEN '2020-01-01 00:00:00' END WHERE id = ?1",
    "UPDATE people SET left_on = CASE WHEN left_on IS NULL THEN '2020-06-30' END WHERE id = ?1",
    "UPDATE activities SET date = date(date, '-' || (?2 * 20) || ' days') WHERE id = ?1",
    "UPDATE activities SET kind = CASE ?2 % 2 WHEN 0 THEN 'study' ELSE 'other' END WHERE id = ?1",
    "UPDATE activities SET deleted_at = CASE WHEN deleted_at IS NULL THEN '2020-01-01 00:00:00' END WHERE id = ?1",
    "DELETE FROM activities WHERE id = ?1",
    "INSERT OR IGNORE INTO attendance (activity_id, person_id, role, status) VALUES (?1, ?2, 'expected', 'present')",
    "DELETE FROM attendance WHERE activity_id = ?1 AND person_id = ?2",
    "UPDATE loans SET returned_on = CASE WHEN returned_on IS NULL THEN loaned_on END, lost_on = NULL WHERE id = ?1",
    "UPDATE bulletin_issues SET deleted_at = CASE WHEN deleted_at IS NULL THEN '2020-01-01 00:00:00' END WHERE id = ?1",
    "UPDATE suggestions SET status = CASE ?2 % 2 WHEN 0 THEN 'closed' ELSE 'in_progress' END WHERE id = ?1",
    "UPDATE book_titles SET category = CASE ?2 % 2 WHEN 0 THEN '党史' ELSE '其他' END WHERE id = ?1",
    "UPDATE book_titles SET deleted_at = CASE WHEN deleted_at IS NULL THEN '2020-01-01 00:00:00' END WHERE id = ?1",
];

#[test]
fn kept_counts_follow_every_edit() {
    let (_dir, mut ledger) = demo();
    assert_eq!(counts_out_of_step(ledger.read()), vec![]);
    let mut rng = Lcg(5);
    ledger
        .write(|c| {
            for _ in 0..600 {
                let sql = EDITS[rng.upto(EDITS.len() as i64) as usize - 1];
                let mut stmt = c.prepare(sql)?;
                let values = [rng.upto(120), rng.upto(40)];
                let wanted = stmt.parameter_count();
                // A change the schema refuses is undone by SQLite, triggers and all.
                match stmt.execute(rusqlite::params_from_iter(&values[..wanted])) {
                    Err(e)
                        if e.sqlite_error_code()
                            == Some(rusqlite::ErrorCode::ConstraintViolation) => {}
                    other => {
                        other?;
                    }
                }
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(counts_out_of_step(ledger.read()), vec![]);
}

#[test]
fn a_list_with_one_filter_counts_what_it_lists() {
    let (_dir, ledger) = demo();
    let conn = ledger.read();
    let all = 1000;
    for year in [2016, 2019, 2030] {
        let q = activities::ActivityQuery {
            year: Some(year),
            limit: Some(all),
            ..Default::default()
        };
        assert_eq!(
            activities::count(conn, &q).unwrap(),
            activities::page(conn, &q).unwrap().len() as i64
        );
    }
    for kind in ["study", "general_meeting"] {
        let q = activities::ActivityQuery {
            kind: Some(kind.into()),
            limit: Some(all),
            ..Default::default()
        };
        assert_eq!(
            activities::count(conn, &q).unwrap(),
            activities::page(conn, &q).unwrap().len() as i64
        );
    }
    for stage in ["full", "probationary", "activist"] {
        let q = people::PersonQuery {
            stage: Some(stage.into()),
            limit: all,
            ..Default::default()
        };
        assert_eq!(
            people::count(conn, &q).unwrap(),
            people::page(conn, &q).unwrap().len() as i64
        );
    }
    for person in [1, 5, 9] {
        let q = loans::LoanQuery {
            person_id: Some(person),
            limit: all,
            ..Default::default()
        };
        assert_eq!(
            loans::count(conn, &q).unwrap(),
            loans::page(conn, &q).unwrap().len() as i64
        );
    }
    let q = loans::LoanQuery {
        open_only: true,
        limit: all,
        ..Default::default()
    };
    assert_eq!(
        loans::count(conn, &q).unwrap(),
        loans::page(conn, &q).unwrap().len() as i64
    );
    for series in [1, 2, 3] {
        let q = bulletins::IssueQuery {
            series_id: Some(series),
            limit: all,
            ..Default::default()
        };
        assert_eq!(
            bulletins::issue_count(conn, &q).unwrap(),
            bulletins::issue_page(conn, &q).unwrap().len() as i64
        );
    }
    for status in ["answered", "in_progress"] {
        let q = suggestions::SuggestionQuery {
            status: Some(status.into()),
            limit: all,
            ..Default::default()
        };
        assert_eq!(
            suggestions::count(conn, &q).unwrap(),
            suggestions::page(conn, &q).unwrap().len() as i64
        );
    }
    for category in ["党史", "理论"] {
        let q = books::TitleQuery {
            category: Some(category.into()),
            limit: all,
            ..Default::default()
        };
        assert_eq!(
            books::count_titles(conn, &q).unwrap(),
            books::title_page(conn, &q).unwrap().len() as i64
        );
    }
    // An unknown value is refused as before, not counted as none.
    let q = people::PersonQuery {
        stage: Some("nobody".into()),
        ..Default::default()
    };
    assert!(people::count(conn, &q).is_err());
}
