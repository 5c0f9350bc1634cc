//! Honours (荣誉): awards to the branch as a whole (先进党支部), to the unit it serves (a collective
//! award of the platform, which is not the branch's own), or to one of its people (优秀党支部书记), by year and level, with the body that gave them.
//! Certificate scans are kept inside the ledger as attachments of the honour (owner `honour`).

use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::text::{self, NOTES_MAX, ORG_MAX};
use crate::{people, Error, Field, Result};
use chrono::Datelike;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

const TITLE_MAX: usize = 100;
/// The earliest year an honour may carry.
pub const FIRST_YEAR: i32 = 1950;

code_enum!(Level, Field::Level, {
    National => "national", "国家级", "national";
    Provincial => "provincial", "省部级", "provincial or ministerial";
    City => "city", "市级", "city";
    District => "district", "区县级", "district or county";
    University => "university", "校级", "university";
    School => "school", "院系级", "school or department";
    Other => "other", "其他", "other";
});

code_enum!(RecipientKind, Field::Recipient, {
    Branch => "branch", "本支部", "the branch";
    Person => "person", "个人", "a person";
    Unit => "unit", "所在单位", "the unit the branch serves";
});

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HonourInput {
    pub year: Option<i32>,
    pub awarded_on: Option<String>,
    pub title: String,
    pub level: String,
    pub recipient_kind: String,
    /// The person honoured; ignored when the honour goes to the branch.
    pub person_id: Option<i64>,
    pub awarding_body: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Honour {
    pub id: i64,
    pub year: i32,
    pub awarded_on: Option<String>,
    pub title: String,
    pub level: Level,
    pub recipient_kind: RecipientKind,
    pub person_id: Option<i64>,
    /// The person's name; `None` for the branch.
    pub person: Option<String>,
    pub awarding_body: String,
    pub notes: String,
    /// Files kept with the honour (certificate scans, photos).
    pub attachments: i64,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct HonourQuery {
    pub year: Option<i32>,
    pub level: Option<String>,
    pub text: String,
    pub offset: i64,
    /// Page size; 0 means the default (100).
    pub limit: i64,
}

/// One page of honours; `total` counts every match.
pub type HonourPage = crate::page::Page<Honour>;

struct Clean {
    year: i32,
    awarded_on: Option<String>,
    title: String,
    level: Level,
    kind: RecipientKind,
    person_id: Option<i64>,
    awarding_body: String,
    notes: String,
}

fn clean(conn: &Connection, input: &HonourInput) -> Result<Clean> {
    let clean = fields(input)?;
    if let Some(id) = clean.person_id {
        people::get_row(conn, id).map_err(|_| Error::Unknown {
            field: Field::Awardee,
            value: id.to_string(),
        })?;
    }
    Ok(clean)
}

/// A stored honour (from an import) held to the form's rules for its own fields.
pub(crate) fn check_imported(row: &crate::row::Row) -> Result<()> {
    fields(&row.parse::<HonourInput>()?)?;
    dates::stored_optional(Field::AwardedOn, row.optional_text("awarded_on").as_deref())?;
    Ok(())
}

/// The form's rules for an honour's own fields, with no other record involved.
fn fields(input: &HonourInput) -> Result<Clean> {
    let year = input.year.ok_or(Error::Required { field: Field::Year })?;
    let this_year = dates::today().year();
    if !(FIRST_YEAR..=this_year).contains(&year) {
        return Err(Error::OutOfRange {
            field: Field::Year,
            min: FIRST_YEAR.into(),
            max: this_year.into(),
        });
    }
    let awarded_on = match dates::parse_optional(Field::AwardedOn, input.awarded_on.as_deref())? {
        None => None,
        Some(date) if date > dates::today() => {
            return Err(Error::FutureDate {
                field: Field::AwardedOn,
            })
        }
        Some(date) if date.year() < year => {
            return Err(Error::TooEarly {
                field: Field::AwardedOn,
                earliest: format!("{year:04}-01-01"),
                reason_zh: format!("荣誉年度为 {year} 年"),
                reason_en: format!("the honour is for {year}"),
            })
        }
        Some(date) if date.year() > year => {
            return Err(Error::TooLate {
                field: Field::AwardedOn,
                latest: format!("{year:04}-12-31"),
                reason_zh: format!("荣誉年度为 {year} 年"),
                reason_en: format!("the honour is for {year}"),
            })
        }
        Some(date) => Some(iso(date)),
    };
    let title = text::required(Field::HonourTitle, &input.title, TITLE_MAX)?;
    let level = Level::parse_required(&input.level)?;
    let kind = RecipientKind::parse_required(&input.recipient_kind)?;
    let person_id = match kind {
        // Whatever the form sent, an honour of the branch or of its unit names no person.
        RecipientKind::Branch | RecipientKind::Unit => None,
        RecipientKind::Person => {
            let id = input.person_id.ok_or(Error::Required {
                field: Field::Awardee,
            })?;
            Some(id)
        }
    };
    Ok(Clean {
        year,
        awarded_on,
        title,
        level,
        kind,
        person_id,
        awarding_body: text::optional(
            Field::AwardingBody,
            input.awarding_body.as_deref().unwrap_or(""),
            ORG_MAX,
        )?,
        notes: text::optional(
            Field::Notes,
            input.notes.as_deref().unwrap_or(""),
            NOTES_MAX,
        )?,
    })
}

/// Adds (`id` none) or changes an honour; returns its id.
pub fn save(conn: &Connection, id: Option<i64>, input: &HonourInput) -> Result<i64> {
    let c = clean(conn, input)?;
    match id {
        Some(id) => {
            let n = conn.execute(
                "UPDATE honours SET year = ?2, awarded_on = ?3, title = ?4, level = ?5, recipient_kind = ?6,
                 person_id = ?7, awarding_body = ?8, notes = ?9, updated_at = ?10 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, c.year, c.awarded_on, c.title, c.level.code(), c.kind.code(), c.person_id,
                        c.awarding_body, c.notes, dates::now()],
            )?;
            if n == 0 {
                return Err(Error::NotFound { what: "honour", id });
            }
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO honours (year, awarded_on, title, level, recipient_kind, person_id, awarding_body, notes,
                 created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
                params![c.year, c.awarded_on, c.title, c.level.code(), c.kind.code(), c.person_id,
                        c.awarding_body, c.notes, dates::now()],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

const SELECT: &str = "SELECT h.id, h.year, h.awarded_on, h.title, h.level, h.recipient_kind, h.person_id, p.name,
        h.awarding_body, h.notes,
        (SELECT count(*) FROM attachments a WHERE a.owner_kind = 'honour' AND a.owner_id = h.id AND a.deleted_at IS NULL)
    FROM honours h LEFT JOIN people p ON p.id = h.person_id";

fn from_row(r: &Row) -> rusqlite::Result<Honour> {
    Ok(Honour {
        id: r.get(0)?,
        year: r.get(1)?,
        awarded_on: r.get(2)?,
        title: r.get(3)?,
        level: Level::parse(&r.get::<_, String>(4)?).unwrap_or(Level::Other),
        recipient_kind: RecipientKind::parse(&r.get::<_, String>(5)?)
            .unwrap_or(RecipientKind::Branch),
        person_id: r.get(6)?,
        person: r.get(7)?,
        awarding_body: r.get(8)?,
        notes: r.get(9)?,
        attachments: r.get(10)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Honour> {
    let sql = format!("{SELECT} WHERE h.id = ?1 AND h.deleted_at IS NULL");
    conn.query_row(&sql, [id], from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "honour", id })
}

/// One page of honours, newest first (by year, then by date where known), filtered by year, level and
/// text (in the title, the awarding body, the notes or the person's name); `total` counts every match.
pub fn list(conn: &Connection, q: &HonourQuery) -> Result<HonourPage> {
    let level = q
        .level
        .as_deref()
        .filter(|l| !l.trim().is_empty())
        .map(Level::parse)
        .transpose()?;
    let filter = "h.deleted_at IS NULL
           AND (?1 IS NULL OR h.year = ?1)
           AND (?2 IS NULL OR h.level = ?2)
           AND (?3 = '' OR instr(h.title, ?3) > 0 OR instr(h.awarding_body, ?3) > 0 OR instr(h.notes, ?3) > 0
                OR instr(coalesce(p.name, ''), ?3) > 0)";
    let args = params![q.year, level.map(Level::code), q.text.trim()];
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM honours h LEFT JOIN people p ON p.id = h.person_id WHERE {filter}"),
        args,
        |r| r.get(0),
    )?;
    let limit = if q.limit > 0 { q.limit.min(1000) } else { PAGE };
    let offset = q.offset.max(0);
    let sql = format!(
        "{SELECT} WHERE {filter}
         ORDER BY h.year DESC, h.awarded_on IS NULL, h.awarded_on DESC, h.id DESC LIMIT {limit} OFFSET {offset}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(args, from_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(HonourPage {
        rows,
        total,
        offset,
    })
}

const PAGE: i64 = 100;

/// Awarding bodies used so far, most used first (for the form's suggestions).
pub fn awarding_bodies(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT awarding_body FROM honours WHERE deleted_at IS NULL AND awarding_body <> ''
         GROUP BY awarding_body ORDER BY count(*) DESC, awarding_body",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The years that have honours, newest first (for the year filter).
pub fn years(conn: &Connection) -> Result<Vec<i32>> {
    let mut stmt = conn
        .prepare("SELECT DISTINCT year FROM honours WHERE deleted_at IS NULL ORDER BY year DESC")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
