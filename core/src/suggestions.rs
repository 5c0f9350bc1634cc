//! The suggestion box (群众意见箱): entries from members, named outsiders or anonymous authors, their
//! handling by a committee member (a dated trail of notes), the response, and whether the response was
//! published in a bulletin issue ("you said, we did"). An anonymous entry stores no name anywhere.

use crate::bulletins;
use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::filter::{kept_count, year_range, Filter};
use crate::text::{self, NAME_MAX, NOTES_MAX};
use crate::{people, Error, Field, Lang, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

const CONTENT_MAX: usize = 5000;
const CATEGORY_MAX: usize = 30;

code_enum!(Channel, Field::Channel, {
    Box => "box", "意见箱", "suggestion box";
    FaceToFace => "face_to_face", "当面反映", "face to face";
    Online => "online", "网上留言", "online";
    Phone => "phone", "电话", "phone";
    Other => "other", "其他", "other";
});

code_enum!(Status, Field::Status, {
    New => "new", "待处理", "new";
    InProgress => "in_progress", "办理中", "in progress";
    Answered => "answered", "已答复", "answered";
    Closed => "closed", "已办结", "closed";
    Declined => "declined", "不予采纳", "declined";
});

code_enum!(AuthorKind, Field::Author, {
    Person => "person", "花名册中的人员", "someone on the roster";
    Named => "named", "其他群众（写明姓名）", "another person, named";
    Anonymous => "anonymous", "匿名", "anonymous";
});

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SuggestionInput {
    pub received_on: String,
    pub channel: String,
    pub author_kind: String,
    pub author_id: Option<i64>,
    pub author_name: Option<String>,
    pub category: Option<String>,
    pub content: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ResponseInput {
    pub response: String,
    pub responded_on: String,
    /// Publish the response (without the author's name) in a bulletin issue.
    pub publish: bool,
    pub published_issue_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Note {
    pub id: i64,
    pub date: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    pub id: i64,
    pub received_on: String,
    pub channel: Channel,
    pub author_kind: AuthorKind,
    pub author_id: Option<i64>,
    /// The roster person's name or the named author; never anything for an anonymous entry.
    pub author: Option<String>,
    pub category: String,
    pub content: String,
    pub assignee_id: Option<i64>,
    pub assignee: Option<String>,
    pub status: Status,
    pub decline_reason: String,
    pub response: String,
    pub responded_on: Option<String>,
    pub days_to_respond: Option<i64>,
    pub publish_response: bool,
    pub published_issue_id: Option<i64>,
    pub published_in: Option<String>,
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct SuggestionQuery {
    pub status: Option<String>,
    pub year: Option<i32>,
    pub category: Option<String>,
    pub text: String,
    /// Only entries still waiting for an answer (new or in progress).
    pub open_only: bool,
    pub offset: i64,
    /// Page size; 0 means the default (100).
    pub limit: i64,
}

/// One page of entries; `total` counts every match.
pub type SuggestionPage = crate::page::Page<Suggestion>;

/// The year's numbers for the annual summary.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct YearStats {
    pub year: i32,
    pub received: i64,
    pub answered: i64,
    pub median_days_to_respond: Option<f64>,
    pub by_category: Vec<CategoryStats>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CategoryStats {
    pub category: String,
    pub received: i64,
    pub answered: i64,
}

struct Author {
    kind: AuthorKind,
    id: Option<i64>,
    name: Option<String>,
}

fn clean_author(conn: &Connection, input: &SuggestionInput) -> Result<Author> {
    let author = author_fields(input)?;
    if let Some(id) = author.id {
        people::get_row(conn, id).map_err(|_| Error::Unknown {
            field: Field::Author,
            value: id.to_string(),
        })?;
    }
    Ok(author)
}

/// The form's rules for who wrote an entry: a person named by id, a name typed in, or nobody.
fn author_fields(input: &SuggestionInput) -> Result<Author> {
    let kind = AuthorKind::parse_required(&input.author_kind)?;
    Ok(match kind {
        AuthorKind::Person => {
            let id = input.author_id.ok_or(Error::Required {
                field: Field::Author,
            })?;
            Author {
                kind,
                id: Some(id),
                name: None,
            }
        }
        AuthorKind::Named => {
            let name = text::required(
                Field::Author,
                input.author_name.as_deref().unwrap_or(""),
                NAME_MAX,
            )?;
            Author {
                kind,
                id: None,
                name: Some(name),
            }
        }
        // Whatever the form sent, an anonymous entry keeps no name and no person.
        AuthorKind::Anonymous => Author {
            kind,
            id: None,
            name: None,
        },
    })
}

/// The form's rules for an entry's own fields (received, channel, category, content).
fn fields(input: &SuggestionInput) -> Result<(String, Channel, String, String)> {
    let received = iso(dates::parse_past(Field::ReceivedOn, &input.received_on)?);
    let channel = Channel::parse_required(&input.channel)?;
    let category = text::optional(
        Field::Category,
        input.category.as_deref().unwrap_or(""),
        CATEGORY_MAX,
    )?;
    let content = text::required(Field::Content, &input.content, CONTENT_MAX)?;
    Ok((received, channel, category, content))
}

/// A stored entry (from an import) held to the form's rules for its own fields and its author.
pub(crate) fn check_imported(row: &crate::row::Row) -> Result<()> {
    let input = row.parse::<SuggestionInput>()?;
    fields(&input)?;
    author_fields(&input)?;
    dates::stored(Field::ReceivedOn, &row.text("received_on"))?;
    dates::stored_optional(
        Field::RespondedOn,
        row.optional_text("responded_on").as_deref(),
    )?;
    Status::parse(&row.text("status"))?;
    Ok(())
}

pub fn save(conn: &Connection, id: Option<i64>, input: &SuggestionInput) -> Result<i64> {
    let (received, channel, category, content) = fields(input)?;
    let author = clean_author(conn, input)?;
    match id {
        Some(id) => {
            let current = get(conn, id)?;
            if let Some(responded) = current.responded_on.filter(|r| *r < received) {
                return Err(Error::TooEarly {
                    field: Field::RespondedOn,
                    earliest: received,
                    reason_zh: format!("已于 {responded} 答复，收到日期不能晚于答复日期"),
                    reason_en: format!(
                        "it was answered on {responded}; it cannot have been received later"
                    ),
                });
            }
            conn.execute(
                "UPDATE suggestions SET received_on = ?2, channel = ?3, author_kind = ?4, author_id = ?5, author_name = ?6,
                 category = ?7, content = ?8, updated_at = ?9 WHERE id = ?1",
                params![id, received, channel.code(), author.kind.code(), author.id, author.name, category, content, dates::now()],
            )?;
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO suggestions (received_on, channel, author_kind, author_id, author_name, category, content,
                 status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', ?8, ?8)",
                params![received, channel.code(), author.kind.code(), author.id, author.name, category, content, dates::now()],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

/// Hands the entry to a member of the current committee; a new entry becomes "in progress".
pub fn assign(conn: &Connection, id: i64, assignee_id: Option<i64>) -> Result<()> {
    let current = get(conn, id)?;
    if let Some(person) = assignee_id {
        let row = people::get_row(conn, person)?;
        if !on_current_committee(conn, person)? {
            return Err(Error::NotOnCommittee { name: row.name });
        }
    }
    let status = match (current.status, assignee_id) {
        (Status::New, Some(_)) => Status::InProgress,
        (status, _) => status,
    };
    conn.execute(
        "UPDATE suggestions SET assignee_id = ?2, status = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, assignee_id, status.code(), dates::now()],
    )?;
    Ok(())
}

fn on_current_committee(conn: &Connection, person: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) > 0 FROM committee_positions c WHERE c.person_id = ?1 AND c.term_id =
           (SELECT id FROM committee_terms WHERE deleted_at IS NULL ORDER BY ordinal DESC LIMIT 1)",
        [person],
        |r| r.get(0),
    )?)
}

/// Adds a dated note to the handling trail.
pub fn add_note(conn: &Connection, id: i64, date: &str, note: &str) -> Result<i64> {
    let current = get(conn, id)?;
    let date = dates::parse_past(Field::Date, date)?;
    not_before_receipt(&current, date, Field::Date)?;
    let note = text::required(Field::Notes, note, NOTES_MAX)?;
    conn.execute(
        "INSERT INTO suggestion_notes (suggestion_id, date, note) VALUES (?1, ?2, ?3)",
        params![id, iso(date), note],
    )?;
    if current.status == Status::New {
        conn.execute(
            "UPDATE suggestions SET status = 'in_progress', updated_at = ?2 WHERE id = ?1",
            params![id, dates::now()],
        )?;
    }
    Ok(conn.last_insert_rowid())
}

fn not_before_receipt(s: &Suggestion, date: NaiveDate, field: Field) -> Result<()> {
    if iso(date) < s.received_on {
        return Err(Error::TooEarly {
            field,
            earliest: s.received_on.clone(),
            reason_zh: "收到这条意见的日期".into(),
            reason_en: "the date the suggestion was received".into(),
        });
    }
    Ok(())
}

/// Records the response; the entry becomes "answered".
pub fn respond(conn: &Connection, id: i64, input: &ResponseInput) -> Result<()> {
    let current = get(conn, id)?;
    if matches!(current.status, Status::Declined | Status::Closed) {
        return Err(Error::WrongStatus {
            status: current.status.label(Lang::Zh).to_string(),
        });
    }
    let response = text::required(Field::Response, &input.response, CONTENT_MAX)?;
    let date = dates::parse_past(Field::RespondedOn, &input.responded_on)?;
    not_before_receipt(&current, date, Field::RespondedOn)?;
    let issue = if input.publish {
        input.published_issue_id
    } else {
        None
    };
    if let Some(issue) = issue {
        bulletins::require_live_issue(conn, issue)?;
    }
    conn.execute(
        "UPDATE suggestions SET response = ?2, responded_on = ?3, publish_response = ?4, published_issue_id = ?5,
         status = 'answered', updated_at = ?6 WHERE id = ?1",
        params![id, response, iso(date), input.publish, issue, dates::now()],
    )?;
    Ok(())
}

/// Closes an answered entry (办结).
pub fn close(conn: &Connection, id: i64) -> Result<()> {
    let current = get(conn, id)?;
    if current.status != Status::Answered {
        return Err(Error::WrongStatus {
            status: current.status.label(Lang::Zh).to_string(),
        });
    }
    conn.execute(
        "UPDATE suggestions SET status = 'closed', updated_at = ?2 WHERE id = ?1",
        params![id, dates::now()],
    )?;
    Ok(())
}

/// Declines an open entry; the reason is required and is what the author will be told.
pub fn decline(conn: &Connection, id: i64, reason: &str, date: &str) -> Result<()> {
    let current = get(conn, id)?;
    if !matches!(current.status, Status::New | Status::InProgress) {
        return Err(Error::WrongStatus {
            status: current.status.label(Lang::Zh).to_string(),
        });
    }
    let reason = text::required(Field::DeclineReason, reason, NOTES_MAX)?;
    let date = dates::parse_past(Field::RespondedOn, date)?;
    not_before_receipt(&current, date, Field::RespondedOn)?;
    conn.execute(
        "UPDATE suggestions SET status = 'declined', decline_reason = ?2, responded_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, reason, iso(date), dates::now()],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT s.id, s.received_on, s.channel, s.author_kind, s.author_id,
        COALESCE(p.name, s.author_name), s.category, s.content, s.assignee_id, a.name, s.status,
        s.decline_reason, s.response, s.responded_on, s.publish_response, s.published_issue_id,
        CASE WHEN i.id IS NULL THEN NULL ELSE bs.name || ' 第' || i.number || '期' END
    FROM suggestions s
    LEFT JOIN people p ON p.id = s.author_id
    LEFT JOIN people a ON a.id = s.assignee_id
    LEFT JOIN bulletin_issues i ON i.id = s.published_issue_id
    LEFT JOIN bulletin_series bs ON bs.id = i.series_id";

fn from_row(r: &Row) -> rusqlite::Result<Suggestion> {
    let received: String = r.get(1)?;
    let responded: Option<String> = r.get(13)?;
    let days = responded
        .as_deref()
        .and_then(|d| days_between(&received, d));
    Ok(Suggestion {
        id: r.get(0)?,
        channel: Channel::parse(&r.get::<_, String>(2)?).unwrap_or(Channel::Other),
        author_kind: AuthorKind::parse(&r.get::<_, String>(3)?).unwrap_or(AuthorKind::Anonymous),
        author_id: r.get(4)?,
        author: r.get(5)?,
        category: r.get(6)?,
        content: r.get(7)?,
        assignee_id: r.get(8)?,
        assignee: r.get(9)?,
        status: Status::parse(&r.get::<_, String>(10)?).unwrap_or(Status::New),
        decline_reason: r.get(11)?,
        response: r.get(12)?,
        publish_response: r.get(14)?,
        published_issue_id: r.get(15)?,
        published_in: r.get(16)?,
        received_on: received,
        responded_on: responded,
        days_to_respond: days,
        notes: Vec::new(),
    })
}

fn days_between(from: &str, to: &str) -> Option<i64> {
    let from = dates::parse(Field::Date, from).ok()?;
    let to = dates::parse(Field::Date, to).ok()?;
    Some((to - from).num_days())
}

pub fn get(conn: &Connection, id: i64) -> Result<Suggestion> {
    let sql = format!("{SELECT} WHERE s.id = ?1 AND s.deleted_at IS NULL");
    let mut s = conn
        .query_row(&sql, [id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            what: "suggestion",
            id,
        })?;
    let mut stmt = conn.prepare(
        "SELECT id, date, note FROM suggestion_notes WHERE suggestion_id = ?1 ORDER BY date, id",
    )?;
    s.notes = stmt
        .query_map([id], |r| {
            Ok(Note {
                id: r.get(0)?,
                date: r.get(1)?,
                note: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(s)
}

/// One page of entries, newest first, filtered; `total` counts every match.
pub fn list(conn: &Connection, q: &SuggestionQuery) -> Result<SuggestionPage> {
    Ok(SuggestionPage {
        rows: page(conn, q)?,
        total: count(conn, q)?,
        offset: q.offset.max(0),
    })
}

/// One page of the entries matching `q`, newest first.
pub fn page(conn: &Connection, q: &SuggestionQuery) -> Result<Vec<Suggestion>> {
    let limit = if q.limit > 0 { q.limit.min(1000) } else { PAGE };
    matching(conn, q, Some((limit, q.offset.max(0))))
}

/// How many entries match `q` (the list's "of N").
pub fn count(conn: &Connection, q: &SuggestionQuery) -> Result<i64> {
    let f = list_filter(q)?;
    let only_status = q.year.is_none()
        && q.category.as_deref().is_none_or(|c| c.trim().is_empty())
        && q.text.trim().is_empty()
        && !q.open_only;
    match q.status.as_deref().filter(|s| !s.is_empty()) {
        Some(status) if only_status => {
            let code = Status::parse(status)?.code().to_string();
            Ok(kept_count(conn, "suggestions.status", code)?)
        }
        _ => Ok(f.count(conn, "suggestions", "s")?),
    }
}

const PAGE: i64 = 100;

/// The list's conditions for `q`: only the filters given, so that a status or a year is found
/// through its index.
fn list_filter(q: &SuggestionQuery) -> Result<Filter> {
    let status = q
        .status
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(Status::parse)
        .transpose()?;
    let category = q
        .category
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    let mut f = Filter::new("s.deleted_at IS NULL");
    if let Some(status) = status {
        f.and("s.status = ?N", status.code().to_string());
    }
    if let Some(year) = q.year {
        let (from, to) = year_range(year);
        f.and("s.received_on >= ?N", from);
        f.and("s.received_on <= ?N", to);
    }
    if let Some(category) = category {
        f.and("s.category = ?N", category.to_string());
    }
    let text = q.text.trim();
    if !text.is_empty() {
        f.and(
            "instr(s.content, ?N) > 0 OR instr(s.response, ?N) > 0 OR instr(s.category, ?N) > 0",
            text.to_string(),
        );
    }
    if q.open_only {
        f.and_always("s.status IN ('new', 'in_progress')");
    }
    Ok(f)
}

/// Entries matching `q`, newest first: one page of them when `page` (limit, offset) is given, all
/// otherwise.
fn matching(
    conn: &Connection,
    q: &SuggestionQuery,
    page: Option<(i64, i64)>,
) -> Result<Vec<Suggestion>> {
    let f = list_filter(q)?;
    let filter = f.sql();
    let window = match page {
        Some((limit, offset)) => format!("LIMIT {limit} OFFSET {offset}"),
        None => String::new(),
    };
    let sql = format!("{SELECT} WHERE {filter} ORDER BY s.received_on DESC, s.id DESC {window}");
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(f.params(), from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// How many of the oldest unanswered entries the dashboard names (it counts them all).
pub const OVERDUE_SHOWN: i64 = 5;

/// Entries still unanswered some days after they came in: how many, and the oldest of them.
#[derive(Debug, Clone, Serialize)]
pub struct Overdue {
    pub total: i64,
    /// At most [`OVERDUE_SHOWN`], oldest first.
    pub oldest: Vec<Suggestion>,
}

/// Entries still unanswered `days` days after they were received (the dashboard's reminder).
pub fn overdue(conn: &Connection, today: NaiveDate, days: i64) -> Result<Overdue> {
    let before = iso(today - chrono::Duration::days(days));
    let late = "s.deleted_at IS NULL AND s.status IN ('new', 'in_progress') AND s.received_on < ?1";
    let total = conn.query_row(
        &format!("SELECT count(*) FROM suggestions s WHERE {late}"),
        [&before],
        |r| r.get(0),
    )?;
    // The oldest few picked by their keys alone, then read whole.
    let sql = format!(
        "{SELECT} WHERE s.id IN (SELECT s.id FROM suggestions s WHERE {late}
                                 ORDER BY s.received_on, s.id LIMIT {OVERDUE_SHOWN})
         ORDER BY s.received_on, s.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let oldest = stmt
        .query_map([&before], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Overdue { total, oldest })
}

/// Categories used so far, for the form's suggestions and the filter.
pub fn categories(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT category FROM suggestions WHERE deleted_at IS NULL AND category <> '' GROUP BY category ORDER BY count(*) DESC, category",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The median of some day counts (sorting them), `None` when there are none.
pub(crate) fn median(days: &mut [i64]) -> Option<f64> {
    days.sort_unstable();
    match days.len() {
        0 => None,
        n if n % 2 == 1 => Some(days[n / 2] as f64),
        n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
    }
}

/// Received, answered (answered or closed), the median days to respond, and the same by category.
pub fn year_stats(conn: &Connection, year: i32) -> Result<YearStats> {
    let q = SuggestionQuery {
        year: Some(year),
        ..Default::default()
    };
    let all = matching(conn, &q, None)?;
    let answered = |s: &&Suggestion| matches!(s.status, Status::Answered | Status::Closed);
    let mut days: Vec<i64> = all
        .iter()
        .filter(answered)
        .filter_map(|s| s.days_to_respond)
        .collect();
    let median = median(&mut days);
    let mut by_category: Vec<CategoryStats> = Vec::new();
    for s in &all {
        let entry = match by_category
            .iter_mut()
            .position(|c| c.category == s.category)
        {
            Some(i) => &mut by_category[i],
            None => {
                by_category.push(CategoryStats {
                    category: s.category.clone(),
                    received: 0,
                    answered: 0,
                });
                by_category.last_mut().expect("just pushed")
            }
        };
        entry.received += 1;
        entry.answered += i64::from(answered(&s));
    }
    by_category.sort_by(|a, b| {
        b.received
            .cmp(&a.received)
            .then(a.category.cmp(&b.category))
    });
    Ok(YearStats {
        year,
        received: all.len() as i64,
        answered: all.iter().filter(answered).count() as i64,
        median_days_to_respond: median,
        by_category,
    })
}
