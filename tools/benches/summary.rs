//! How the annual summary scales: computing the demo branch's 2019 and exporting it to Word and Excel,
//! on the demo (1×) and on the demo with its activities, attendance, bulletin issues, suggestions and
//! loans repeated ten times (10×), measured in the same run. Goal: time grows about linearly
//! (ratio near 10 or below), never worse.
//!
//! `cargo bench -p ledger --bench summary`

use ledger::{demo, Ledger};
use rusqlite::Connection;
use std::time::Duration;

mod common;

/// Rows of each table copied per repetition, and the id columns shifted so the copies are new rows.
const REPEATED: &[(&str, &[&str], &str)] = &[
    ("activities", &["id"], "1 = 1"),
    ("activity_speakers", &["activity_id"], "1 = 1"),
    ("attendance", &["activity_id", "id"], "1 = 1"),
    ("bulletin_issues", &["id", "number"], "1 = 1"),
    ("bulletin_topics", &["issue_id"], "1 = 1"),
    ("suggestions", &["id"], "1 = 1"),
    ("loans", &["id"], "returned_on IS NOT NULL"),
];
const SHIFT: i64 = 1_000_000;

fn main() {
    let one = timed_run(1);
    let ten = timed_run(10);
    println!(
        "{:>6} {:>12} {:>12} {:>12}",
        "scale", "compute s", "docx s", "xlsx s"
    );
    for (scale, t) in [(1, &one), (10, &ten)] {
        println!(
            "{scale:>6} {:>12.3} {:>12.3} {:>12.3}",
            t[0].as_secs_f64(),
            t[1].as_secs_f64(),
            t[2].as_secs_f64()
        );
    }
    let total = |t: &[Duration; 3]| t.iter().map(Duration::as_secs_f64).sum::<f64>();
    println!(
        "10x / 1x: compute {:.1}, docx {:.1}, xlsx {:.1}, all {:.1} (linear would be about 10)",
        ten[0].as_secs_f64() / one[0].as_secs_f64(),
        ten[1].as_secs_f64() / one[1].as_secs_f64(),
        ten[2].as_secs_f64() / one[2].as_secs_f64(),
        total(&ten) / total(&one)
    );
}

/// The best of three runs of each step on a demo ledger grown `scale` times.
fn timed_run(scale: i64) -> [Duration; 3] {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ledger = Ledger::open_dir(dir.path()).expect("a new ledger");
    demo::load(&mut ledger).expect("the demo loads");
    ledger
        .write(|c| {
            for k in 1..scale {
                repeat(c, k)?;
            }
            Ok(())
        })
        .expect("the demo repeated");
    common::summary_times(&ledger)
}

/// Copies the rows of each repeated table once more, with their ids moved out of the way.
fn repeat(conn: &Connection, k: i64) -> ledger::Result<()> {
    for (table, shifted, filter) in REPEATED {
        let columns: Vec<String> = conn
            .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let select: Vec<String> = columns
            .iter()
            .map(|c| match shifted.contains(&c.as_str()) {
                true => format!("{c} + {}", k * SHIFT),
                false => c.clone(),
            })
            .collect();
        let first = shifted[0];
        conn.execute(
            &format!(
                "INSERT INTO {table} ({}) SELECT {} FROM {table} WHERE {first} < {SHIFT} AND {filter}",
                columns.join(", "),
                select.join(", ")
            ),
            [],
        )?;
    }
    Ok(())
}
