//! The yearly appraisal of members (民主评议党员): for each year, every member's self-assessment date and
//! rating (优秀, 合格, 基本合格, 不合格) with a note, linked to the appraisal meeting, which is an activity
//! of kind 民主评议党员 held in that year or early in the next. Members not yet rated are listed.

use crate::activities::{self, ActivityKind};
use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::dues::{members::Members, Month};
use crate::people::{self, Stage};
use crate::text::{self, NOTES_MAX};
use crate::{Error, Field, Result};
use chrono::Datelike;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// The earliest year an appraisal may be for.
const FIRST_YEAR: i32 = 1990;

code_enum!(Rating, Field::Rating, {
    Excellent => "excellent", "优秀", "excellent";
    Qualified => "qualified", "合格", "qualified";
    BasicallyQualified => "basically_qualified", "基本合格", "basically qualified";
    Unqualified => "unqualified", "不合格", "unqualified";
});

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AppraisalInput {
    pub year: Option<i32>,
    pub person_id: Option<i64>,
    /// The appraisal meeting, if it is recorded.
    pub activity_id: Option<i64>,
    pub self_assessed_on: Option<String>,
    pub rating: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Appraisal {
    pub id: i64,
    pub year: i32,
    pub person_id: i64,
    pub person: String,
    pub activity_id: Option<i64>,
    pub self_assessed_on: Option<String>,
    pub rating: Rating,
    pub notes: String,
}

struct Clean {
    year: i32,
    person_id: i64,
    activity_id: Option<i64>,
    self_assessed_on: Option<String>,
    rating: Rating,
    notes: String,
}

fn fields(input: &AppraisalInput) -> Result<Clean> {
    let year = input.year.ok_or(Error::Required { field: Field::Year })?;
    let last = dates::today().year();
    if !(FIRST_YEAR..=last).contains(&year) {
        return Err(Error::OutOfRange {
            field: Field::Year,
            min: FIRST_YEAR.into(),
            max: last.into(),
        });
    }
    let self_assessed_on =
        match dates::parse_optional(Field::SelfAssessedOn, input.self_assessed_on.as_deref())? {
            Some(d) if d > dates::today() => {
                return Err(Error::FutureDate {
                    field: Field::SelfAssessedOn,
                })
            }
            Some(d) if d.year() < year || d.year() > year + 1 => {
                return Err(Error::TooEarly {
                    field: Field::SelfAssessedOn,
                    earliest: format!("{year}-01-01"),
                    reason_zh: format!("评议 {year} 年度，自评应在 {year} 年或次年初"),
                    reason_en: format!(
                        "the appraisal of {year} is written in {year} or early the next year"
                    ),
                })
            }
            d => d.map(iso),
        };
    Ok(Clean {
        year,
        person_id: input.person_id.ok_or(Error::Required {
            field: Field::Person,
        })?,
        activity_id: input.activity_id,
        self_assessed_on,
        rating: Rating::parse_required(&input.rating)?,
        notes: text::optional(Field::Notes, &input.notes, NOTES_MAX)?,
    })
}

/// Whether `person` was a party member of the branch at the end of `year` (or on the meeting's day).
fn member_in(members: &Members, person: i64, year: i32) -> bool {
    Month::new(year, 12).is_some_and(|m| members.owes(person, m))
}

fn clean(conn: &Connection, id: Option<i64>, input: &AppraisalInput) -> Result<Clean> {
    let c = fields(input)?;
    let person = people::get_row(conn, c.person_id).map_err(|_| Error::Unknown {
        field: Field::Person,
        value: c.person_id.to_string(),
    })?;
    if !member_in(&Members::load(conn)?, c.person_id, c.year) {
        return Err(Error::NotAMember {
            name: person.name,
            year: c.year,
        });
    }
    if let Some(activity) = c.activity_id {
        let a = activities::get(conn, activity).map_err(|_| Error::Unknown {
            field: Field::Meeting,
            value: activity.to_string(),
        })?;
        let year_of = a.date.get(..4).and_then(|y| y.parse::<i32>().ok());
        if a.kind != ActivityKind::MemberAppraisal
            || !matches!(year_of, Some(y) if y == c.year || y == c.year + 1)
        {
            return Err(Error::BadValue {
                expected_zh: format!("{} 年或次年召开的「民主评议党员」会议", c.year),
                expected_en: format!(
                    "a member appraisal meeting held in {} or the year after",
                    c.year
                ),
            });
        }
    }
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM appraisals WHERE year = ?1 AND person_id = ?2 AND deleted_at IS NULL AND id IS NOT ?3",
            params![c.year, c.person_id, id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::Duplicate {
            field: Field::Person,
            value: format!("{} {}", c.year, person.name),
        });
    }
    Ok(c)
}

/// A stored appraisal (from an import) held to the form's rules for its own fields.
pub(crate) fn check_imported(row: &crate::row::Row) -> Result<()> {
    Rating::parse(&row.text("rating"))?;
    dates::stored_optional(
        Field::SelfAssessedOn,
        row.optional_text("self_assessed_on").as_deref(),
    )?;
    Ok(())
}

/// Records (`id` none) or changes a member's appraisal of a year; returns its id.
pub fn save(conn: &Connection, id: Option<i64>, input: &AppraisalInput) -> Result<i64> {
    let c = clean(conn, id, input)?;
    match id {
        Some(id) => {
            let n = conn.execute(
                "UPDATE appraisals SET year = ?2, person_id = ?3, activity_id = ?4, self_assessed_on = ?5, rating = ?6,
                 notes = ?7, updated_at = ?8 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, c.year, c.person_id, c.activity_id, c.self_assessed_on, c.rating.code(), c.notes, dates::now()],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "appraisal",
                    id,
                });
            }
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO appraisals (year, person_id, activity_id, self_assessed_on, rating, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![c.year, c.person_id, c.activity_id, c.self_assessed_on, c.rating.code(), c.notes, dates::now()],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

const SELECT: &str =
    "SELECT a.id, a.year, a.person_id, p.name, a.activity_id, a.self_assessed_on, a.rating, a.notes
    FROM appraisals a JOIN people p ON p.id = a.person_id";

fn from_row(r: &Row) -> rusqlite::Result<Appraisal> {
    Ok(Appraisal {
        id: r.get(0)?,
        year: r.get(1)?,
        person_id: r.get(2)?,
        person: r.get(3)?,
        activity_id: r.get(4)?,
        self_assessed_on: r.get(5)?,
        rating: Rating::parse(&r.get::<_, String>(6)?).unwrap_or(Rating::Qualified),
        notes: r.get(7)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Appraisal> {
    conn.query_row(
        &format!("{SELECT} WHERE a.id = ?1 AND a.deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: "appraisal",
        id,
    })
}

/// A member of the year with their appraisal, if recorded.
#[derive(Debug, Clone, Serialize)]
pub struct Line {
    pub person_id: i64,
    pub name: String,
    pub stage: Option<Stage>,
    pub appraisal: Option<Appraisal>,
}

/// An appraisal meeting that may be linked.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub id: i64,
    pub date: String,
    pub title: String,
}

/// The setting that lets the annual summary name the members rated 优秀 (off: counts only).
const NAMES_IN_SUMMARY: &str = "summary_appraisal_names";

/// Whether the branch chose to name the members rated 优秀 in the annual summary.
pub fn names_in_summary(conn: &Connection) -> Result<bool> {
    Ok(crate::settings::get_text(conn, NAMES_IN_SUMMARY)?.as_deref() == Some("1"))
}

pub fn set_names_in_summary(conn: &Connection, on: bool) -> Result<bool> {
    crate::settings::set_text(conn, NAMES_IN_SUMMARY, if on { "1" } else { "0" })?;
    Ok(on)
}

#[derive(Debug, Clone, Serialize)]
pub struct Year {
    pub year: i32,
    /// The branch's choice: the summary names the members rated 优秀.
    pub names_in_summary: bool,
    pub lines: Vec<Line>,
    /// (rating, how many), in the ratings' order.
    pub counts: Vec<(Rating, i64)>,
    pub not_rated: i64,
    pub meetings: Vec<Meeting>,
}

/// Every member of the branch at the end of `year` (and anyone rated for it), with their appraisal.
pub fn year(conn: &Connection, year: i32) -> Result<Year> {
    let members = Members::load(conn)?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE a.year = ?1 AND a.deleted_at IS NULL AND p.deleted_at IS NULL"
    ))?;
    let rated: Vec<Appraisal> = stmt
        .query_map([year], from_row)?
        .collect::<rusqlite::Result<_>>()?;
    let end = Month::new(year, 12)
        .map(|m| m.last_day())
        .unwrap_or_else(dates::today);
    let mut ids: Vec<i64> = Month::new(year, 12).map_or(Vec::new(), |m| members.owing_in(&[m]));
    for a in &rated {
        if !ids.contains(&a.person_id) {
            ids.push(a.person_id);
        }
    }
    let mut lines = Vec::new();
    for id in ids {
        lines.push(Line {
            person_id: id,
            name: members.name(id).unwrap_or_default().to_string(),
            stage: people::stage_on(conn, id, end)?,
            appraisal: rated.iter().find(|a| a.person_id == id).cloned(),
        });
    }
    let counts = Rating::ALL
        .iter()
        .map(|r| (*r, rated.iter().filter(|a| a.rating == *r).count() as i64))
        .collect();
    let not_rated = lines.iter().filter(|l| l.appraisal.is_none()).count() as i64;
    let mut stmt = conn.prepare(
        "SELECT id, date, title FROM activities WHERE kind = 'member_appraisal' AND deleted_at IS NULL
         AND substr(date, 1, 4) IN (?1, ?2) ORDER BY date",
    )?;
    let meetings = stmt
        .query_map(
            params![format!("{year:04}"), format!("{:04}", year + 1)],
            |r| {
                Ok(Meeting {
                    id: r.get(0)?,
                    date: r.get(1)?,
                    title: r.get(2)?,
                })
            },
        )?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Year {
        year,
        names_in_summary: names_in_summary(conn)?,
        lines,
        counts,
        not_rated,
        meetings,
    })
}

/// The appraisal in a summary: the counts by rating of the years the range covers, and how many
/// members were not rated; the names of those rated 优秀 only where the branch chose so.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RangeFigures {
    /// The years counted (each whole year whose 31 December falls in the range).
    pub years: Vec<i32>,
    pub counts: Vec<(Rating, i64)>,
    pub not_rated: i64,
    /// Those rated 优秀 (year and name), when the branch chose to name them; else empty.
    pub excellent: Vec<(i32, String)>,
}

pub fn in_range(
    conn: &Connection,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<RangeFigures> {
    let years: Vec<i32> = (from.year()..=to.year())
        .filter(|y| {
            chrono::NaiveDate::from_ymd_opt(*y, 12, 31).is_some_and(|d| d >= from && d <= to)
        })
        .collect();
    let mut f = RangeFigures {
        counts: Rating::ALL.iter().map(|r| (*r, 0)).collect(),
        years: years.clone(),
        ..Default::default()
    };
    for y in years {
        let sheet = year(conn, y)?;
        if sheet.names_in_summary {
            f.excellent.extend(
                sheet
                    .lines
                    .iter()
                    .filter(|l| {
                        l.appraisal
                            .as_ref()
                            .is_some_and(|a| a.rating == Rating::Excellent)
                    })
                    .map(|l| (y, l.name.clone())),
            );
        }
        for (count, (_, n)) in f.counts.iter_mut().zip(sheet.counts) {
            count.1 += n;
        }
        f.not_rated += sheet.not_rated;
    }
    Ok(f)
}
