//! Tables derived from the records, kept in step by triggers: the search indexes (`search.rs`), one
//! person's activities (`person_activities`, migration 14) and the lists' kept counts (`list_counts`,
//! migration 15). They hold nothing of their own: an export leaves them out, and an import, which
//! writes many rows at once, sets their triggers aside and builds them once at the end.

use crate::Result;
use rusqlite::Connection;

/// The derived tables (with the search's FTS5 shadow tables, which SQLite names after them).
pub const TABLES: [&str; 5] = [
    crate::search::INDEX_TABLE,
    crate::search::chars::TABLE,
    crate::search::chars::STALE_TABLE,
    "person_activities",
    "list_counts",
];

/// Whether `table` is derived (an export leaves it out).
pub fn is_derived(table: &str) -> bool {
    TABLES.contains(&table)
}

/// The triggers that keep them in step, by the start of their names.
const TRIGGERS: [&str; 3] = ["search_", "person_activities_", "list_counts_"];

/// Runs `load` (a bulk import) with the derived tables' triggers set aside, then builds the tables
/// once and puts the triggers back as they were: the same tables as row by row, at a fraction of the
/// cost. Inside the caller's transaction, so a failure leaves the triggers and the tables as they were.
pub fn bulk<T>(conn: &Connection, load: impl FnOnce() -> Result<T>) -> Result<T> {
    let mut triggers: Vec<(String, String)> = Vec::new();
    for prefix in TRIGGERS {
        let mut stmt = conn.prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'trigger' AND substr(name, 1, length(?1)) = ?1 ORDER BY rowid",
        )?;
        let found = stmt.query_map([prefix], |r| Ok((r.get(0)?, r.get(1)?)))?;
        triggers.extend(found.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    for (name, _) in &triggers {
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    let value = load()?;
    build(conn)?;
    for (_, sql) in &triggers {
        conn.execute_batch(sql)?;
    }
    Ok(value)
}

/// Empties every derived table and fills it again from the records (to mend a damaged file).
pub fn rebuild(conn: &Connection) -> Result<()> {
    bulk(conn, || Ok(()))
}

/// Fills the derived tables from the records, with their triggers set aside.
fn build(conn: &Connection) -> Result<()> {
    crate::search::rebuild(conn)?;
    conn.execute_batch(
        "DELETE FROM person_activities;
         INSERT INTO person_activities (person_id, activity_id, date, live)
         SELECT person_id, activity_id, date, live FROM person_activities_source;
         DELETE FROM list_counts;
         INSERT INTO list_counts (list, value, n) SELECT list, value, n FROM list_counts_source;",
    )?;
    Ok(())
}
