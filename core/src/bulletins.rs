//! Bulletins (宣传): the series the branch publishes in (宣传栏, 工作简报, websites, WeChat accounts, the
//! university's news channel) and their numbered issues (第N期) with topics (专题), editors and status.
//! Numbers are unique within a series; gaps are reported, duplicates refused.

use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::filter::{kept_count, live_rows, year_range, Filter};
use crate::text::{self, NAME_MAX, NOTES_MAX};
use crate::{people, Error, Field, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

const TITLE_MAX: usize = 200;
const TOPIC_MAX: usize = 50;
const TOPICS_MAX: usize = 10;
const BODY_MAX: usize = 20_000;
const LINK_MAX: usize = 500;

code_enum!(SeriesKind, Field::SeriesKind, {
    BulletinBoard => "bulletin_board", "宣传栏", "bulletin board";
    Briefing => "briefing", "工作简报", "work briefing";
    Website => "website", "网站", "website";
    Wechat => "wechat", "微信公众号", "WeChat account";
    NewsChannel => "news_channel", "学校信息频道", "university news channel";
    Other => "other", "其他", "other";
});

code_enum!(IssueStatus, Field::Status, {
    Planned => "planned", "计划中", "planned";
    Draft => "draft", "编辑中", "draft";
    Published => "published", "已发布", "published";
});

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SeriesInput {
    pub name: String,
    pub kind: String,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub id: i64,
    pub name: String,
    pub kind: SeriesKind,
    pub notes: String,
    pub issues: i64,
    pub last_number: Option<i64>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct IssueInput {
    pub series_id: Option<i64>,
    pub number: Option<i64>,
    pub title: String,
    pub topics: Vec<String>,
    pub publish_date: Option<String>,
    pub status: String,
    pub editor_ids: Vec<i64>,
    pub body: Option<String>,
    pub link: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Editor {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Issue {
    pub id: i64,
    pub series_id: i64,
    pub series: String,
    pub number: i64,
    pub title: String,
    pub topics: Vec<String>,
    pub publish_date: Option<String>,
    pub status: IssueStatus,
    pub editors: Vec<Editor>,
    pub body: String,
    pub link: String,
    /// Files kept with the issue (poster, PDF).
    pub attachments: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct IssueQuery {
    pub series_id: Option<i64>,
    pub year: Option<i32>,
    pub status: Option<String>,
    pub topic: Option<String>,
    pub text: String,
    pub offset: i64,
    /// Page size; 0 means the default (100).
    pub limit: i64,
}

/// One page of issues; `total` counts every match.
pub type IssuePage = crate::page::Page<Issue>;

/// Gaps in a series' numbering (numbers below the highest that no live issue has).
#[derive(Debug, Clone, Serialize)]
pub struct Numbering {
    pub series_id: i64,
    pub series: String,
    pub missing: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct YearCount {
    pub series_id: i64,
    pub series: String,
    pub year: i32,
    pub issues: i64,
    pub published: i64,
}

pub fn series_list(conn: &Connection) -> Result<Vec<Series>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.name, s.kind, s.notes,
                (SELECT count(*) FROM bulletin_issues i WHERE i.series_id = s.id AND i.deleted_at IS NULL),
                (SELECT max(number) FROM bulletin_issues i WHERE i.series_id = s.id AND i.deleted_at IS NULL)
         FROM bulletin_series s WHERE s.deleted_at IS NULL ORDER BY s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let kind: String = r.get(2)?;
        Ok(Series {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: SeriesKind::parse(&kind).unwrap_or(SeriesKind::Other),
            notes: r.get(3)?,
            issues: r.get(4)?,
            last_number: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The form's rules for a series: a name, a kind, notes.
fn series_fields(input: &SeriesInput) -> Result<(String, SeriesKind, String)> {
    let name = text::required(Field::Name, &input.name, NAME_MAX)?;
    let kind = SeriesKind::parse_required(&input.kind)?;
    let notes = text::optional(
        Field::Notes,
        input.notes.as_deref().unwrap_or(""),
        NOTES_MAX,
    )?;
    Ok((name, kind, notes))
}

pub(crate) fn check_imported_series(row: &crate::row::Row) -> Result<()> {
    series_fields(&row.parse::<SeriesInput>()?).map(|_| ())
}

pub fn series_save(conn: &Connection, id: Option<i64>, input: &SeriesInput) -> Result<i64> {
    let (name, kind, notes) = series_fields(input)?;
    text::unique_name(conn, "bulletin_series", &name, id)?;
    match id {
        Some(id) => {
            require_live_series(conn, id)?;
            conn.execute(
                "UPDATE bulletin_series SET name = ?2, kind = ?3, notes = ?4 WHERE id = ?1",
                params![id, name, kind.code(), notes],
            )?;
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO bulletin_series (name, kind, notes) VALUES (?1, ?2, ?3)",
                params![name, kind.code(), notes],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

fn require_live_series(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row(
        "SELECT name FROM bulletin_series WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::Unknown {
        field: Field::Series,
        value: id.to_string(),
    })
}

/// The number proposed for the next issue of a series: one past the highest.
pub fn next_number(conn: &Connection, series_id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(number), 0) + 1 FROM bulletin_issues WHERE series_id = ?1 AND deleted_at IS NULL",
        [series_id],
        |r| r.get(0),
    )?)
}

struct CleanIssue {
    series_id: i64,
    number: i64,
    title: String,
    topics: Vec<String>,
    publish_date: Option<String>,
    status: IssueStatus,
    editor_ids: Vec<i64>,
    body: String,
    link: String,
}

fn clean_issue(conn: &Connection, id: Option<i64>, input: &IssueInput) -> Result<CleanIssue> {
    let issue = issue_fields(input)?;
    let (series_id, number) = (issue.series_id, issue.number);
    let series = require_live_series(conn, series_id)?;
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM bulletin_issues WHERE series_id = ?1 AND number = ?2 AND deleted_at IS NULL AND id IS NOT ?3",
            params![series_id, number, id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::Duplicate {
            field: Field::Number,
            value: format!("{series} 第{number}期"),
        });
    }
    for &editor in &input.editor_ids {
        people::get_row(conn, editor).map_err(|_| Error::Unknown {
            field: Field::Editors,
            value: editor.to_string(),
        })?;
    }
    Ok(issue)
}

/// The form's rules for an issue's own fields, with no other record involved (an import holds each
/// stored issue to them too).
fn issue_fields(input: &IssueInput) -> Result<CleanIssue> {
    let series_id = input.series_id.ok_or(Error::Required {
        field: Field::Series,
    })?;
    let number = input.number.ok_or(Error::Required {
        field: Field::Number,
    })?;
    if !(1..=99_999).contains(&number) {
        return Err(Error::OutOfRange {
            field: Field::Number,
            min: 1,
            max: 99_999,
        });
    }
    let title = text::required(Field::Title, &input.title, TITLE_MAX)?;
    let mut topics = Vec::new();
    for topic in &input.topics {
        let topic = text::optional(Field::Topics, topic, TOPIC_MAX)?;
        if !topic.is_empty() && !topics.contains(&topic) {
            topics.push(topic);
        }
    }
    if topics.len() > TOPICS_MAX {
        return Err(Error::OutOfRange {
            field: Field::Topics,
            min: 0,
            max: TOPICS_MAX as i64,
        });
    }
    let status = IssueStatus::parse_required(&input.status)?;
    let date = dates::parse_optional(Field::PublishDate, input.publish_date.as_deref())?;
    if status == IssueStatus::Published {
        match date {
            None => {
                return Err(Error::Required {
                    field: Field::PublishDate,
                })
            }
            Some(d) if d > dates::today() => {
                return Err(Error::FutureDate {
                    field: Field::PublishDate,
                })
            }
            _ => {}
        }
    }
    Ok(CleanIssue {
        series_id,
        number,
        title,
        topics,
        publish_date: date.map(iso),
        status,
        editor_ids: input.editor_ids.clone(),
        body: text::optional(Field::Body, input.body.as_deref().unwrap_or(""), BODY_MAX)?,
        link: text::optional(Field::Link, input.link.as_deref().unwrap_or(""), LINK_MAX)?,
    })
}

pub(crate) fn check_imported_issue(row: &crate::row::Row) -> Result<()> {
    issue_fields(&row.parse::<IssueInput>()?)?;
    dates::stored_optional(
        Field::PublishDate,
        row.optional_text("publish_date").as_deref(),
    )?;
    Ok(())
}

pub fn issue_save(conn: &Connection, id: Option<i64>, input: &IssueInput) -> Result<i64> {
    let c = clean_issue(conn, id, input)?;
    let id = match id {
        Some(id) => {
            let n = conn.execute(
                "UPDATE bulletin_issues SET series_id = ?2, number = ?3, title = ?4, publish_date = ?5, status = ?6,
                 body = ?7, link = ?8, updated_at = ?9 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, c.series_id, c.number, c.title, c.publish_date, c.status.code(), c.body, c.link, dates::now()],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "bulletin issue",
                    id,
                });
            }
            conn.execute("DELETE FROM bulletin_topics WHERE issue_id = ?1", [id])?;
            conn.execute("DELETE FROM bulletin_editors WHERE issue_id = ?1", [id])?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO bulletin_issues (series_id, number, title, publish_date, status, body, link, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![c.series_id, c.number, c.title, c.publish_date, c.status.code(), c.body, c.link, dates::now()],
            )?;
            conn.last_insert_rowid()
        }
    };
    for topic in &c.topics {
        conn.execute(
            "INSERT INTO bulletin_topics (issue_id, topic) VALUES (?1, ?2)",
            params![id, topic],
        )?;
    }
    for editor in &c.editor_ids {
        conn.execute(
            "INSERT OR IGNORE INTO bulletin_editors (issue_id, person_id) VALUES (?1, ?2)",
            params![id, editor],
        )?;
    }
    Ok(id)
}

const ISSUE_SELECT: &str =
    "SELECT i.id, i.series_id, s.name, i.number, i.title, i.publish_date, i.status, i.body, i.link,
    (SELECT count(*) FROM attachments a WHERE a.owner_kind = 'bulletin_issue' AND a.owner_id = i.id AND a.deleted_at IS NULL)
    FROM bulletin_issues i JOIN bulletin_series s ON s.id = i.series_id";

fn issue_from(row: &rusqlite::Row) -> rusqlite::Result<Issue> {
    let status: String = row.get(6)?;
    Ok(Issue {
        id: row.get(0)?,
        series_id: row.get(1)?,
        series: row.get(2)?,
        number: row.get(3)?,
        title: row.get(4)?,
        publish_date: row.get(5)?,
        status: IssueStatus::parse(&status).unwrap_or(IssueStatus::Draft),
        body: row.get(7)?,
        link: row.get(8)?,
        attachments: row.get(9)?,
        topics: Vec::new(),
        editors: Vec::new(),
    })
}

fn with_topics_and_editors(conn: &Connection, mut issue: Issue) -> Result<Issue> {
    let mut stmt = conn
        .prepare_cached("SELECT topic FROM bulletin_topics WHERE issue_id = ?1 ORDER BY rowid")?;
    issue.topics = stmt
        .query_map([issue.id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.name FROM bulletin_editors e JOIN people p ON p.id = e.person_id WHERE e.issue_id = ?1 ORDER BY p.name",
    )?;
    issue.editors = stmt
        .query_map([issue.id], |r| {
            Ok(Editor {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(issue)
}

pub fn issue_get(conn: &Connection, id: i64) -> Result<Issue> {
    let sql = format!("{ISSUE_SELECT} WHERE i.id = ?1 AND i.deleted_at IS NULL");
    let issue = conn
        .query_row(&sql, [id], issue_from)
        .optional()?
        .ok_or(Error::NotFound {
            what: "bulletin issue",
            id,
        })?;
    with_topics_and_editors(conn, issue)
}

const PAGE: i64 = 100;

/// One page of issues across series (or of one), newest first (unpublished ones at the top), filtered
/// by year, status, topic and text; `total` counts every match.
pub fn issue_list(conn: &Connection, q: &IssueQuery) -> Result<IssuePage> {
    Ok(IssuePage {
        rows: issue_page(conn, q)?,
        total: issue_count(conn, q)?,
        offset: q.offset.max(0),
    })
}

/// How many issues match `q` (the list's "of N").
pub fn issue_count(conn: &Connection, q: &IssueQuery) -> Result<i64> {
    let f = issue_filter(q)?;
    let only_series = q.year.is_none()
        && q.status.as_deref().is_none_or(str::is_empty)
        && q.topic.as_deref().is_none_or(|t| t.trim().is_empty())
        && q.text.trim().is_empty();
    if let (Some(series), true) = (q.series_id, only_series) {
        // The kept count of the series' live issues, none while the series is in the trash.
        let live: bool = conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM bulletin_series WHERE id = ?1 AND deleted_at IS NULL)",
            [series],
            |r| r.get(0),
        )?;
        return Ok(match live {
            true => kept_count(conn, "bulletin_issues.series", series)?,
            false => 0,
        });
    }
    if !f.is_narrowed() {
        // Less the live issues of series in the trash (a few series at most).
        let hidden: i64 = conn.query_row(
            "SELECT count(*) FROM bulletin_issues i WHERE i.deleted_at IS NULL
             AND i.series_id IN (SELECT id FROM bulletin_series WHERE deleted_at IS NOT NULL)",
            [],
            |r| r.get(0),
        )?;
        return Ok(live_rows(conn, "bulletin_issues")? - hidden);
    }
    let sql = format!(
        "SELECT count(*) FROM bulletin_issues i JOIN bulletin_series s ON s.id = i.series_id WHERE {}",
        f.sql()
    );
    Ok(conn.query_row(&sql, f.params(), |r| r.get(0))?)
}

/// The list's conditions for `q`.
fn issue_filter(q: &IssueQuery) -> Result<Filter> {
    let status = q
        .status
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(IssueStatus::parse)
        .transpose()?;
    let topic = q.topic.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let text = q.text.trim();
    // Only the filters given, so that a series or a year is found through its index.
    let mut f = Filter::new("i.deleted_at IS NULL AND s.deleted_at IS NULL");
    if let Some(series) = q.series_id {
        f.and("i.series_id = ?N", series);
    }
    if let Some(year) = q.year {
        let (from, to) = year_range(year);
        f.and("i.publish_date >= ?N", from);
        f.and("i.publish_date <= ?N", to);
    }
    if let Some(status) = status {
        f.and("i.status = ?N", status.code().to_string());
    }
    if let Some(topic) = topic {
        f.and(
            "i.id IN (SELECT t.issue_id FROM bulletin_topics t WHERE t.topic = ?N)",
            topic.to_string(),
        );
    }
    if !text.is_empty() {
        f.and(
            "instr(i.title, ?N) > 0 OR instr(i.body, ?N) > 0
             OR EXISTS (SELECT 1 FROM bulletin_topics t WHERE t.issue_id = i.id AND instr(t.topic, ?N) > 0)",
            text.to_string(),
        );
    }
    Ok(f)
}

/// One page of the list for `q` (unpublished issues first, then newest), with topics and editors.
pub fn issue_page(conn: &Connection, q: &IssueQuery) -> Result<Vec<Issue>> {
    let f = issue_filter(q)?;
    let filter = f.sql();
    let limit = if q.limit > 0 { q.limit.min(1000) } else { PAGE };
    let offset = q.offset.max(0);
    // The page's ids first (sorting only keys), then the issues with their columns.
    let order = "i.publish_date IS NULL DESC, i.publish_date DESC, s.id, i.number DESC, i.id DESC";
    let sql = format!(
        "{ISSUE_SELECT} JOIN (SELECT i.id FROM bulletin_issues i JOIN bulletin_series s ON s.id = i.series_id
                              WHERE {filter} ORDER BY {order} LIMIT {limit} OFFSET {offset}) page
                        ON page.id = i.id
         ORDER BY {order}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let issues = stmt
        .query_map(f.params(), issue_from)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    issues
        .into_iter()
        .map(|i| with_topics_and_editors(conn, i))
        .collect()
}

/// Every topic used so far, most used first (for the topic filter and suggestions while typing).
pub fn topics(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT t.topic FROM bulletin_topics t JOIN bulletin_issues i ON i.id = t.issue_id
         WHERE i.deleted_at IS NULL GROUP BY t.topic ORDER BY count(*) DESC, t.topic",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Numbers missing below each series' highest issue number.
pub fn numbering_gaps(conn: &Connection) -> Result<Vec<Numbering>> {
    let mut out = Vec::new();
    for series in series_list(conn)? {
        let mut stmt = conn.prepare_cached(
            "SELECT number FROM bulletin_issues WHERE series_id = ?1 AND deleted_at IS NULL ORDER BY number",
        )?;
        let numbers: Vec<i64> = stmt
            .query_map([series.id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut missing = Vec::new();
        let mut expected = 1;
        for n in numbers {
            missing.extend(expected..n);
            expected = n + 1;
        }
        if !missing.is_empty() {
            out.push(Numbering {
                series_id: series.id,
                series: series.name,
                missing,
            });
        }
    }
    Ok(out)
}

/// Issues per series per year (by publish date), with how many were published.
pub fn counts_per_year(conn: &Connection) -> Result<Vec<YearCount>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.name, CAST(substr(i.publish_date, 1, 4) AS INTEGER) AS year, count(*),
                count(*) FILTER (WHERE i.status = 'published')
         FROM bulletin_issues i JOIN bulletin_series s ON s.id = i.series_id
         WHERE i.deleted_at IS NULL AND s.deleted_at IS NULL AND i.publish_date IS NOT NULL
         GROUP BY s.id, year ORDER BY year DESC, s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(YearCount {
            series_id: r.get(0)?,
            series: r.get(1)?,
            year: r.get(2)?,
            issues: r.get(3)?,
            published: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Issue ids chosen by the caller, checked to exist (for linking suggestions' published answers).
pub fn require_live_issue(conn: &Connection, id: i64) -> Result<()> {
    let found: Option<i64> = conn
        .query_row(
            "SELECT id FROM bulletin_issues WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    found.map(|_| ()).ok_or(Error::Unknown {
        field: Field::Issue,
        value: id.to_string(),
    })
}
