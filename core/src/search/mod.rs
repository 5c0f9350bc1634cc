//! One search box over every record type (全文检索): people, activities (titles, places, minutes and
//! decisions), bulletin issues (titles, topics, text), suggestions (text, category, responses), book
//! titles (name, authors, publisher, tags, notes), honours, campaigns, special projects, and by the
//! person's name admission steps (with the step's name, who took it, notes), appraisals (year, rating,
//! notes), dues payments (first month, notes; never an amount) and hand-overs (recipient, months,
//! notes).
//!
//! `search_index` (migrations 7, 9 and 13) holds one row per record, written by triggers in the same
//! transaction as the record: its title and text (what a hit shows) and the text folded for matching.
//! A row's rowid holds its record's type, date and trash state, so the hits are counted and ranked
//! without reading their text. `search_chars` ([`chars`], an SQLite FTS5 table) indexes those rows by
//! their characters and finds a word of any length through the index.
//!
//! A query is split on whitespace into terms and every term must occur (AND), as a substring, anywhere
//! in the record's text; ASCII letters match regardless of case, everything else exactly. When the
//! character index is not up to date (another program wrote while the app was open), the terms are
//! matched with `instr` on the folded texts instead. When the window asks for the newest few hits of
//! each type and the query is one word of one character (or the texts are read), each type's rows are
//! read newest first until it has them, and the group says there are more instead of counting them
//! all. Either way the result is exactly what [`search_like`], a plain `LIKE` scan of the records' own
//! fields, finds.
//!
//! Results come grouped by record type, newest first within a group, each naming its record (type and
//! id) so that the window can open it. Records in the trash are found only when asked for.

pub mod chars;
mod like;

pub use like::search_like;

use crate::trash::Kind;
use crate::{Lang, Result};
use rusqlite::{params_from_iter, types::Value, Connection};
use serde::{Deserialize, Serialize};

/// The records' texts as the search reads and shows them, derived from the records (the export leaves
/// it out).
pub const INDEX_TABLE: &str = "search_index";

/// The search's tables, all derived from the records (see [`crate::derived`]).
pub const TABLES: [&str; 3] = [INDEX_TABLE, chars::TABLE, chars::STALE_TABLE];

/// The record types the search covers, in the order their groups are shown.
pub const KINDS: [Kind; 12] = [
    Kind::Activity,
    Kind::BulletinIssue,
    Kind::Suggestion,
    Kind::Person,
    Kind::BookTitle,
    Kind::Honour,
    Kind::Campaign,
    Kind::SpecialProject,
    Kind::AdmissionStep,
    Kind::Appraisal,
    Kind::DuesPayment,
    Kind::DuesHandover,
];

/// Characters of a hit's title shown at most (a long suggestion is its own title).
pub const TITLE_WIDTH: usize = 60;
/// Characters of other text shown around the first match.
pub const SNIPPET_WIDTH: usize = 80;

/// The code a record type has in the index (`kind` column) and in results; `None` for a type the search
/// does not cover.
pub fn code(kind: Kind) -> Option<&'static str> {
    Some(match kind {
        Kind::Person => "person",
        Kind::Activity => "activity",
        Kind::BulletinIssue => "bulletin_issue",
        Kind::Suggestion => "suggestion",
        Kind::BookTitle => "book_title",
        Kind::Honour => "honour",
        Kind::Campaign => "campaign",
        Kind::SpecialProject => "special_project",
        Kind::AdmissionStep => "admission_step",
        Kind::Appraisal => "appraisal",
        Kind::DuesPayment => "dues_payment",
        Kind::DuesHandover => "dues_handover",
        Kind::PartyGroup
        | Kind::CommitteeTerm
        | Kind::BulletinSeries
        | Kind::Attachment
        | Kind::BookCopy
        | Kind::DuesBase => return None,
    })
}

/// The heading of a group of results.
pub fn label(kind: Kind, lang: Lang) -> &'static str {
    let (zh, en) = match kind {
        Kind::Person => ("人员", "People"),
        Kind::Activity => ("组织生活", "Activities"),
        Kind::BulletinIssue => ("宣传期次", "Bulletin issues"),
        Kind::Suggestion => ("群众意见", "Suggestions"),
        Kind::BookTitle => ("书目", "Books"),
        Kind::Honour => ("荣誉", "Honours"),
        Kind::Campaign => ("主题教育", "Campaigns"),
        Kind::SpecialProject => ("特色活动", "Special projects"),
        Kind::PartyGroup => ("党小组", "Party groups"),
        Kind::CommitteeTerm => ("支委会届次", "Committee terms"),
        Kind::BulletinSeries => ("宣传栏目", "Bulletin series"),
        Kind::Attachment => ("附件", "Attachments"),
        Kind::BookCopy => ("图书（册）", "Book copies"),
        Kind::DuesBase => ("党费基数", "Dues bases"),
        Kind::DuesPayment => ("党费缴纳", "Dues payments"),
        Kind::DuesHandover => ("党费上缴", "Dues hand-overs"),
        Kind::Appraisal => ("民主评议", "Appraisals"),
        Kind::AdmissionStep => ("发展党员", "Admission steps"),
    };
    lang.pick(zh, en)
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SearchQuery {
    /// What the secretary typed: terms separated by spaces (also the full-width space), all of which must
    /// occur.
    pub text: String,
    /// Also find records in the trash (each hit says whether it is).
    pub include_trash: bool,
    /// Only these record types; empty means all of [`KINDS`].
    pub kinds: Vec<Kind>,
    /// At most this many hits per group (the newest); `None` for all. A group's `total` counts them all,
    /// except when a 1- or 2-character word makes the search read text: then it stops at the newest
    /// hits of each type and says so with `more`.
    pub limit_per_kind: Option<usize>,
}

/// One record found. Highlights are half-open `[start, end)` ranges in **characters** (Unicode scalar
/// values, not bytes, not UTF-16 units) of `title` and `snippet`, sorted and not overlapping.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    pub kind: Kind,
    pub id: i64,
    /// The record's date (an activity's date, an issue's publish date, when a suggestion came in, …) as
    /// `YYYY-MM-DD`, or only `YYYY` for an honour or project known by its year.
    pub date: String,
    /// The record's name or title (at most [`TITLE_WIDTH`] characters, cut around the first match).
    pub title: String,
    pub title_highlights: Vec<(usize, usize)>,
    /// The rest of its text on one line, [`SNIPPET_WIDTH`] characters around the first match there
    /// (from the start when the match is in the title). "…" marks a cut.
    pub snippet: String,
    pub snippet_highlights: Vec<(usize, usize)>,
    pub trashed: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub kind: Kind,
    pub label: String,
    /// Records of this type found (more than `hits.len()` when the limit cut the list).
    pub total: usize,
    /// There are more than `total`: the search stopped counting (see [`SearchQuery::limit_per_kind`]).
    pub more: bool,
    /// Newest first.
    pub hits: Vec<Hit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    /// The terms searched for, as typed (duplicates dropped).
    pub terms: Vec<String>,
    /// Records found in all groups.
    pub total: usize,
    /// Only the types with hits, in the order of [`KINDS`].
    pub groups: Vec<Group>,
}

/// The query's terms: split on whitespace (including the full-width space 　), duplicates dropped.
pub fn terms(text: &str) -> Vec<String> {
    let mut terms: Vec<String> = Vec::new();
    for term in text.split_whitespace() {
        if !terms.iter().any(|t| t == term) {
            terms.push(term.to_string());
        }
    }
    terms
}

/// SQLite's `lower()` without ICU: ASCII letters only, as LIKE compares them.
fn fold(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// The kinds asked for, in [`KINDS`] order, with their codes.
fn kinds_asked(query: &SearchQuery) -> Vec<Kind> {
    KINDS
        .into_iter()
        .filter(|k| query.kinds.is_empty() || query.kinds.contains(k))
        .collect()
}

/// Bits of a row's rowid in the index (migration 9): trash flag, record type, date, record id.
const TRASH_BIT: i64 = 1 << 62;
const KIND_SHIFT: u32 = 58;
const ID_MASK: i64 = (1 << 41) - 1;

/// The largest record id the search index can tell apart (its key holds the id in 41 bits).
pub const MAX_ID: i64 = ID_MASK;

/// The number a record type has in the index's rowids (migration 9).
fn kind_number(kind: Kind) -> i64 {
    match kind {
        Kind::Person => 1,
        Kind::Activity => 2,
        Kind::BulletinIssue => 3,
        Kind::Suggestion => 4,
        Kind::BookTitle => 5,
        Kind::Honour => 6,
        Kind::Campaign => 7,
        Kind::SpecialProject => 8,
        Kind::AdmissionStep => 9,
        Kind::Appraisal => 10,
        Kind::DuesPayment => 11,
        Kind::DuesHandover => 12,
        _ => 0,
    }
}

fn kind_of_rowid(rowid: i64) -> i64 {
    (rowid >> KIND_SHIFT) & 15
}

/// Searches the index. See the module documentation for how terms match.
///
/// Hits are ranked and counted from their rowids alone (which hold each record's type, date and
/// trash state); only the text of the hits returned is read.
pub fn search(conn: &Connection, query: &SearchQuery, lang: Lang) -> Result<SearchResults> {
    let terms = terms(&query.text);
    let kinds = kinds_asked(query);
    if terms.is_empty() || kinds.is_empty() {
        return Ok(SearchResults {
            terms,
            total: 0,
            groups: Vec::new(),
        });
    }
    let limit = query.limit_per_kind.unwrap_or(usize::MAX);
    let chars_ready = chars::ready(conn)?;
    let bounded = query.limit_per_kind.is_some() && reads_newest_first(&terms, chars_ready);
    let asked = Asked {
        terms: &terms,
        query,
        chars_ready,
    };
    let found = match bounded {
        true => Vec::new(),
        false => newest_first(matching_rowids(conn, &asked, None)?),
    };
    let folded_terms: Vec<Vec<char>> = terms.iter().map(|t| fold(t).chars().collect()).collect();
    let mut groups = Vec::new();
    for kind in kinds {
        let number = kind_number(kind);
        let (mine, more) = match bounded {
            true => newest_of_kind(conn, &asked, number, limit)?,
            false => {
                let of_kind = |rowid: &&i64| kind_of_rowid(**rowid) == number;
                (found.iter().filter(of_kind).copied().collect(), false)
            }
        };
        if mine.is_empty() {
            continue;
        }
        let hits = mine
            .iter()
            .take(limit)
            .map(|&rowid| hit(conn, kind, rowid, &folded_terms))
            .collect::<Result<_>>()?;
        groups.push(Group {
            kind,
            label: label(kind, lang).to_string(),
            total: mine.len(),
            more,
            hits,
        });
    }
    Ok(SearchResults {
        terms,
        total: groups.iter().map(|g| g.total).sum(),
        groups,
    })
}

/// Whether the search, given a limit, reads each type's newest matches and stops there (and says there
/// are more) rather than counting every match. Terms read in the texts (the character index not up
/// to date) are looked for only until each type has its newest hits. Through the character
/// index, one word of one character can match most records: read newest first, it stops early. Any
/// other query (two words, or a phrase of several pairs) is answered faster in one pass over all its
/// matches than by reading each type's range newest first, which FTS5 does slowly for such queries.
fn reads_newest_first(terms: &[String], chars_ready: bool) -> bool {
    !chars_ready || matches!(terms, [one] if one.chars().count() == 1)
}

/// What a search looks for, and whether the character index may be used (it is up to date).
struct Asked<'a> {
    terms: &'a [String],
    query: &'a SearchQuery,
    chars_ready: bool,
}

/// Rowids newest first within a type: by the rowid without its trash bit (type, date, id).
fn newest_first(mut rowids: Vec<i64>) -> Vec<i64> {
    rowids.sort_unstable_by_key(|&rowid| std::cmp::Reverse(rowid & !TRASH_BIT));
    rowids
}

/// One hit, read from the index: its record's date and text, cut and marked around the terms.
fn hit(conn: &Connection, kind: Kind, rowid: i64, terms: &[Vec<char>]) -> Result<Hit> {
    let mut stmt =
        conn.prepare_cached("SELECT date, title, body FROM search_index WHERE rowid = ?")?;
    let (date, title, body): (String, String, String) =
        stmt.query_row([rowid], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    let (title, title_highlights) = excerpt(&title, terms, TITLE_WIDTH);
    let (snippet, snippet_highlights) = excerpt(&body, terms, SNIPPET_WIDTH);
    Ok(Hit {
        kind,
        id: rowid & ID_MASK,
        date,
        title,
        title_highlights,
        snippet,
        snippet_highlights,
        trashed: rowid & TRASH_BIT != 0,
    })
}

/// The newest `limit` records of one type (its number in the rowids) matching all terms, newest first,
/// and whether there are more; each range of rowids (live records, and those in the trash when asked)
/// is read newest first and no further than needed.
fn newest_of_kind(
    conn: &Connection,
    asked: &Asked,
    number: i64,
    limit: usize,
) -> Result<(Vec<i64>, bool)> {
    let live = (number << KIND_SHIFT, (number + 1) << KIND_SHIFT);
    let trashed = (live.0 | TRASH_BIT, live.1 | TRASH_BIT);
    let ranges = match asked.query.include_trash {
        true => vec![live, trashed],
        false => vec![live],
    };
    let mut found = Vec::new();
    let mut more = false;
    for range in ranges {
        let mut rows = matching_rowids(conn, asked, Some((range, limit.saturating_add(1))))?;
        more |= rows.len() > limit;
        found.append(&mut rows);
    }
    let mut found = newest_first(found);
    more |= found.len() > limit;
    found.truncate(limit);
    Ok((found, more))
}

/// The rowids of every record matching all terms (in the trash too when asked), in no order; or,
/// given a range of rowids and a number, that many of the largest in the range.
fn matching_rowids(
    conn: &Connection,
    asked: &Asked,
    newest: Option<((i64, i64), usize)>,
) -> Result<Vec<i64>> {
    // A range of rowids already says live or trashed (and FTS5 takes one bound of each side only).
    let (mut sql, mut values) = search_sql(asked, newest.is_none());
    if let Some(((from, to), n)) = newest {
        sql.push_str(" AND rowid >= ? AND rowid < ? ORDER BY rowid DESC LIMIT ?");
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        values.extend([from, to, n].map(Value::Integer));
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(values), |r| r.get::<_, i64>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The statement that finds the matching rowids, and its parameters (also used by the query-plan
/// test). Record types are picked afterwards, from the rowids.
fn search_sql(asked: &Asked, trash_filter: bool) -> (String, Vec<Value>) {
    let Asked { terms, query, .. } = asked;
    let (table, mut conditions, mut values) = match asked.chars_ready {
        true => chars_conditions(terms),
        false => text_conditions(terms),
    };
    if trash_filter && !query.include_trash {
        conditions.push("rowid < ?".to_string());
        values.push(Value::Integer(TRASH_BIT));
    }
    let sql = format!(
        "SELECT rowid FROM {table} WHERE {}",
        conditions.join(" AND ")
    );
    (sql, values)
}

type Conditions = (&'static str, Vec<String>, Vec<Value>);

/// Every term as a phrase of the character index.
fn chars_conditions(terms: &[String]) -> Conditions {
    let phrases: Vec<String> = terms.iter().map(|t| chars::phrase(&fold(t))).collect();
    let text = Value::Text(phrases.join(" AND "));
    (
        chars::TABLE,
        vec!["search_chars MATCH ?".into()],
        vec![text],
    )
}

/// Every term read in the folded texts (while the character index is not up to date).
fn text_conditions(terms: &[String]) -> Conditions {
    let conditions = terms.iter().map(|_| "instr(folded, ?) > 0".to_string());
    let values = terms.iter().map(|t| Value::Text(fold(t)));
    (INDEX_TABLE, conditions.collect(), values.collect())
}

/// The plan SQLite chooses for [`search`]'s statement (`EXPLAIN QUERY PLAN`, one line per step), to
/// check that terms are looked up in an index.
pub fn query_plan(conn: &Connection, query: &SearchQuery) -> Result<Vec<String>> {
    let terms = terms(&query.text);
    let asked = Asked {
        terms: &terms,
        query,
        chars_ready: chars::ready(conn)?,
    };
    let (sql, values) = search_sql(&asked, true);
    let mut stmt = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
    let rows = stmt.query_map(params_from_iter(values), |r| r.get::<_, String>(3))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Empties both indexes and fills them again from the records (after an import; or to mend a file
/// whose index was damaged).
pub fn rebuild(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM search_index;
         INSERT INTO search_index (rowid, kind, date, trashed, title, body, folded)
         SELECT doc, kind, date, trashed, title, body, folded FROM search_source;",
    )?;
    chars::rebuild(conn)
}

/// `text` on one line (runs of whitespace become one space; a term never holds whitespace, so no match
/// is lost or made), cut to `width` characters around the first match, with the matches marked.
fn excerpt(text: &str, terms: &[Vec<char>], width: usize) -> (String, Vec<(usize, usize)>) {
    let (piece, cut_before, cut_after) = around_first_match(text, terms, width);
    let chars: Vec<char> = piece
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .collect();
    let marks = find_all(&chars, terms);
    if chars.len() <= width && !cut_before && !cut_after {
        return (chars.into_iter().collect(), marks);
    }
    // Some context before the first match, then as much after it as fits.
    let first = marks.first().map_or(0, |m| m.0);
    let end = (first.saturating_sub(width / 4) + width).min(chars.len());
    let start = end.saturating_sub(width);
    let (lead, trail) = (start > 0 || cut_before, end < chars.len() || cut_after);
    let mut out = String::new();
    let shift = usize::from(lead);
    if lead {
        out.push('…');
    }
    out.extend(&chars[start..end]);
    if trail {
        out.push('…');
    }
    let marks = marks
        .into_iter()
        .filter(|&(s, e)| e > start && s < end)
        .map(|(s, e)| (s.max(start) - start + shift, e.min(end) - start + shift))
        .collect();
    (out, marks)
}

/// The part of a long text around its first match, which is all an excerpt shows, and whether it was
/// cut before and after: minutes can run to thousands of characters, and a search shows a hundred
/// hits. The part keeps at least four widths of characters on each side of the match.
fn around_first_match<'t>(
    text: &'t str,
    terms: &[Vec<char>],
    width: usize,
) -> (&'t str, bool, bool) {
    // Bytes: four widths of characters of up to four bytes each.
    let room = width * 16;
    if text.len() <= 2 * room {
        return (text, false, false);
    }
    // ASCII folding keeps every byte where it is, so a byte offset in `folded` is one in `text`.
    let folded = text.to_ascii_lowercase();
    let first = terms
        .iter()
        .filter_map(|t| folded.find(&t.iter().collect::<String>()))
        .min()
        .unwrap_or(0);
    let mut start = first.saturating_sub(room);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = (first + room).min(text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (&text[start..end], start > 0, end < text.len())
}

/// Every occurrence of every term in `chars` (ASCII letters folded), merged into sorted, disjoint
/// ranges.
fn find_all(chars: &[char], terms: &[Vec<char>]) -> Vec<(usize, usize)> {
    let folded: Vec<char> = chars.iter().map(char::to_ascii_lowercase).collect();
    let mut marks = Vec::new();
    for term in terms
        .iter()
        .filter(|t| !t.is_empty() && t.len() <= folded.len())
    {
        for start in 0..=folded.len() - term.len() {
            if folded[start..start + term.len()] == term[..] {
                marks.push((start, start + term.len()));
            }
        }
    }
    marks.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in marks {
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(terms: &[&str]) -> Vec<Vec<char>> {
        terms.iter().map(|t| fold(t).chars().collect()).collect()
    }

    #[test]
    fn highlights_count_characters_not_bytes() {
        let (text, marks) = excerpt("学习两学一做 Party 课", &t(&["两学", "party"]), 80);
        assert_eq!(text, "学习两学一做 Party 课");
        assert_eq!(marks, vec![(2, 4), (7, 12)]);
    }

    #[test]
    fn overlapping_matches_merge() {
        let (_, marks) = excerpt("党课党课", &t(&["党课", "课党"]), 80);
        assert_eq!(marks, vec![(0, 4)]);
    }

    #[test]
    fn a_long_text_is_cut_around_the_first_match() {
        let text = format!("{}芯系祖国{}", "甲".repeat(100), "乙".repeat(100));
        let (cut, marks) = excerpt(&text, &t(&["芯系"]), 20);
        assert!(cut.starts_with('…') && cut.ends_with('…'));
        assert_eq!(cut.chars().count(), 22);
        let chars: Vec<char> = cut.chars().collect();
        let (s, e) = marks[0];
        assert_eq!(chars[s..e].iter().collect::<String>(), "芯系");
    }

    #[test]
    fn a_very_long_text_is_cut_around_its_first_match_as_a_short_one() {
        for before in [0, 10, 1_000, 5_000] {
            let text = format!(
                "{}芯系祖国 x Party{}",
                "甲 ".repeat(before),
                "乙\n".repeat(3_000)
            );
            let terms = t(&["芯系", "party"]);
            let (cut, marks) = excerpt(&text, &terms, 80);
            let chars: Vec<char> = cut.chars().collect();
            let marked: Vec<String> = marks
                .iter()
                .map(|&(s, e)| chars[s..e].iter().collect())
                .collect();
            assert_eq!(marked, ["芯系", "Party"], "{before}");
            assert_eq!(cut.starts_with('…'), before > 10, "{before}");
            assert!(cut.ends_with('…'));
            assert_eq!(chars.len(), 80 + 1 + usize::from(before > 10));
        }
    }

    #[test]
    fn whitespace_and_duplicates_split_terms() {
        assert_eq!(
            terms(" 党课　2019  党课 Party "),
            vec!["党课", "2019", "Party"]
        );
        assert!(terms(" \u{3000} ").is_empty());
    }
}
