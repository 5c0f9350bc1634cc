//! The reference the search is held to: a plain `LIKE '%term%'` scan of the records' own fields.

use super::{kinds_asked, terms, SearchQuery};
use crate::trash::Kind;
use crate::Result;
use rusqlite::{params_from_iter, Connection};

/// A record type's table, its text columns, and its child tables of text as (table, key column, text
/// column).
type Fields = (
    Kind,
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str, &'static str)],
);

/// The fields each record type is searched in (the same as the views of migration 7), for
/// [`search_like`].
const FIELDS: [Fields; 8] = [
    (Kind::Person, "people", &["name", "notes"], &[]),
    (
        Kind::Activity,
        "activities",
        &[
            "title",
            "place",
            "other_org",
            "visited",
            "content",
            "decisions",
        ],
        &[],
    ),
    (
        Kind::BulletinIssue,
        "bulletin_issues",
        &["title", "body"],
        &[("bulletin_topics", "issue_id", "topic")],
    ),
    (
        Kind::Suggestion,
        "suggestions",
        &[
            "content",
            "category",
            "author_name",
            "response",
            "decline_reason",
        ],
        &[],
    ),
    (
        Kind::BookTitle,
        "book_titles",
        &["name", "authors", "publisher", "category", "isbn", "notes"],
        &[("book_tags", "title_id", "tag")],
    ),
    (
        Kind::Honour,
        "honours",
        &["title", "awarding_body", "notes"],
        &[],
    ),
    (Kind::Campaign, "campaigns", &["name", "notes"], &[]),
    (
        Kind::SpecialProject,
        "special_projects",
        &["title", "rating", "notes"],
        &[],
    ),
];

/// The reference for [`search`]: a plain `LIKE '%term%'` scan of the records' own fields, without the
/// index. Returns (type, id) of every match in [`KINDS`] order, then by id; `limit_per_kind` is ignored.
/// Slow on purpose; for tests and benchmarks.
pub fn search_like(conn: &Connection, query: &SearchQuery) -> Result<Vec<(Kind, i64)>> {
    let terms = terms(&query.text);
    let mut found = Vec::new();
    if terms.is_empty() {
        return Ok(found);
    }
    for kind in kinds_asked(query) {
        let Some((_, table, columns, children)) = FIELDS.iter().find(|(k, ..)| *k == kind) else {
            continue;
        };
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        for term in &terms {
            let pattern = format!(
                "%{}%",
                term.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            let mut any: Vec<String> = columns
                .iter()
                .map(|c| format!("{c} LIKE ? ESCAPE '\\'"))
                .collect();
            values.extend(std::iter::repeat_n(pattern.clone(), columns.len()));
            for (child, key, text) in children.iter() {
                any.push(format!(
                    "EXISTS (SELECT 1 FROM {child} c WHERE c.{key} = r.id AND c.{text} LIKE ? ESCAPE '\\')"
                ));
                values.push(pattern.clone());
            }
            conditions.push(format!("({})", any.join(" OR ")));
        }
        if !query.include_trash {
            conditions.push("r.deleted_at IS NULL".into());
        }
        let sql = format!(
            "SELECT r.id FROM {table} r WHERE {} ORDER BY r.id",
            conditions.join(" AND ")
        );
        let mut stmt = conn.prepare(&sql)?;
        let ids = stmt.query_map(params_from_iter(values), |r| r.get::<_, i64>(0))?;
        for id in ids {
            found.push((kind, id?));
        }
    }
    Ok(found)
}
