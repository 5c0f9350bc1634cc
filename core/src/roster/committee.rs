//! The branch committee (支委会): terms (届) with their election dates, and the posts held in each.
//! A term generally lasts three years (a setting); the roster warns when re-election (换届) is due.

use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::people::{self, Stage};
use crate::text::{self, NOTES_MAX};
use crate::{Error, Field, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

code_enum!(Position, Field::Position, {
    Secretary => "secretary", "书记", "secretary";
    DeputySecretary => "deputy_secretary", "副书记", "deputy secretary";
    Organisation => "organisation", "组织委员", "organisation member";
    Propaganda => "propaganda", "宣传委员", "publicity member";
    Discipline => "discipline", "纪检委员", "discipline member";
    Confidentiality => "confidentiality", "保密委员", "confidentiality member";
    Member => "member", "委员", "member";
});

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TermInput {
    pub ordinal: Option<i64>,
    pub elected_on: String,
    pub ends_on: Option<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Seat {
    pub id: i64,
    pub person_id: i64,
    pub name: String,
    pub position: Position,
}

#[derive(Debug, Clone, Serialize)]
pub struct Term {
    pub id: i64,
    pub ordinal: i64,
    pub elected_on: String,
    pub ends_on: Option<String>,
    pub notes: String,
    pub seats: Vec<Seat>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReelectionState {
    Ok,
    DueSoon,
    Overdue,
}

/// When the current term's re-election (换届) falls due.
#[derive(Debug, Clone, Serialize)]
pub struct Reelection {
    pub ordinal: i64,
    pub elected_on: String,
    pub due_on: String,
    pub state: ReelectionState,
}

/// How long before the due date the roster starts to warn.
const WARN_DAYS: i64 = 90;

pub fn list(conn: &Connection) -> Result<Vec<Term>> {
    let mut stmt = conn.prepare(
        "SELECT id, ordinal, elected_on, ends_on, notes FROM committee_terms
         WHERE deleted_at IS NULL ORDER BY ordinal DESC",
    )?;
    let terms = stmt
        .query_map([], |r| {
            Ok(Term {
                id: r.get(0)?,
                ordinal: r.get(1)?,
                elected_on: r.get(2)?,
                ends_on: r.get(3)?,
                notes: r.get(4)?,
                seats: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    terms
        .into_iter()
        .map(|mut t| {
            t.seats = seats(conn, t.id)?;
            Ok(t)
        })
        .collect()
}

fn seats(conn: &Connection, term_id: i64) -> Result<Vec<Seat>> {
    let mut stmt = conn.prepare(
        "SELECT c.id, c.person_id, p.name, c.position FROM committee_positions c
         JOIN people p ON p.id = c.person_id WHERE c.term_id = ?1
         ORDER BY CASE c.position WHEN 'secretary' THEN 1 WHEN 'deputy_secretary' THEN 2
           WHEN 'organisation' THEN 3 WHEN 'propaganda' THEN 4 WHEN 'discipline' THEN 5
           WHEN 'confidentiality' THEN 6 ELSE 7 END, c.id",
    )?;
    let rows = stmt.query_map([term_id], |r| {
        let position: String = r.get(3)?;
        Ok(Seat {
            id: r.get(0)?,
            person_id: r.get(1)?,
            name: r.get(2)?,
            position: Position::parse(&position).unwrap_or(Position::Member),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The number the next term would get.
pub fn next_ordinal(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT coalesce(max(ordinal), 0) + 1 FROM committee_terms WHERE deleted_at IS NULL",
        [],
        |r| r.get(0),
    )?)
}

/// Adds a term; the previous term, if still open, ends on the new election date.
pub fn add(conn: &Connection, input: &TermInput) -> Result<i64> {
    let (ordinal, elected_on, ends_on, notes) = clean(conn, None, input)?;
    conn.execute(
        "UPDATE committee_terms SET ends_on = ?2 WHERE deleted_at IS NULL AND ends_on IS NULL AND ordinal < ?1",
        params![ordinal, iso(elected_on)],
    )?;
    conn.execute(
        "INSERT INTO committee_terms (ordinal, elected_on, ends_on, notes) VALUES (?1, ?2, ?3, ?4)",
        params![ordinal, iso(elected_on), ends_on.map(iso), notes],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn update(conn: &Connection, id: i64, input: &TermInput) -> Result<()> {
    require_live(conn, id)?;
    let (ordinal, elected_on, ends_on, notes) = clean(conn, Some(id), input)?;
    conn.execute(
        "UPDATE committee_terms SET ordinal = ?2, elected_on = ?3, ends_on = ?4, notes = ?5 WHERE id = ?1",
        params![id, ordinal, iso(elected_on), ends_on.map(iso), notes],
    )?;
    Ok(())
}

type CleanTerm = (i64, NaiveDate, Option<NaiveDate>, String);

fn clean(conn: &Connection, id: Option<i64>, input: &TermInput) -> Result<CleanTerm> {
    let ordinal = input.ordinal.ok_or(Error::Required {
        field: Field::Ordinal,
    })?;
    if !(1..=99).contains(&ordinal) {
        return Err(Error::OutOfRange {
            field: Field::Ordinal,
            min: 1,
            max: 99,
        });
    }
    let elected_on = dates::parse_past(Field::ElectedOn, &input.elected_on)?;
    let ends_on = dates::parse_optional(Field::EndsOn, input.ends_on.as_deref())?;
    if ends_on.is_some_and(|end| end < elected_on) {
        return Err(Error::TooEarly {
            field: Field::EndsOn,
            earliest: iso(elected_on),
            reason_zh: "本届的选举日期".into(),
            reason_en: "the term's election date".into(),
        });
    }
    let duplicate: Option<i64> = conn
        .query_row(
            "SELECT id FROM committee_terms WHERE ordinal = ?1 AND deleted_at IS NULL AND id IS NOT ?2",
            params![ordinal, id],
            |r| r.get(0),
        )
        .optional()?;
    if duplicate.is_some() {
        return Err(Error::Duplicate {
            field: Field::Ordinal,
            value: ordinal.to_string(),
        });
    }
    let previous: Option<String> = conn
        .query_row(
            "SELECT max(elected_on) FROM committee_terms WHERE ordinal < ?1 AND deleted_at IS NULL AND id IS NOT ?2",
            params![ordinal, id],
            |r| r.get(0),
        )?;
    if let Some(previous) = previous.filter(|p| *p >= iso(elected_on)) {
        return Err(Error::TooEarly {
            field: Field::ElectedOn,
            earliest: previous,
            reason_zh: "上一届的选举日期".into(),
            reason_en: "the previous term's election date".into(),
        });
    }
    let notes = text::optional(
        Field::Notes,
        input.notes.as_deref().unwrap_or(""),
        NOTES_MAX,
    )?;
    Ok((ordinal, elected_on, ends_on, notes))
}

fn require_live(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row(
        "SELECT elected_on FROM committee_terms WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: "committee term",
        id,
    })
}

/// Gives a person a post in a term. Only someone who was a full member of the branch on the election
/// date may sit on the committee; each post but plain member (委员) is held by one person.
pub fn appoint(conn: &Connection, term_id: i64, person_id: i64, position: &str) -> Result<i64> {
    let elected_on = require_live(conn, term_id)?;
    let position = Position::parse(position)?;
    let person = people::get_row(conn, person_id)?;
    let date = dates::parse(Field::ElectedOn, &elected_on)?;
    if people::stage_on(conn, person_id, date)? != Some(Stage::Full) {
        return Err(Error::NotFullMember {
            name: person.name,
            date: elected_on,
        });
    }
    let seated: Option<String> = conn
        .query_row(
            "SELECT position FROM committee_positions WHERE term_id = ?1 AND person_id = ?2",
            params![term_id, person_id],
            |r| r.get(0),
        )
        .optional()?;
    if seated.is_some() {
        return Err(Error::Duplicate {
            field: Field::Person,
            value: person.name,
        });
    }
    if position != Position::Member {
        let holder: Option<String> = conn
            .query_row(
                "SELECT p.name FROM committee_positions c JOIN people p ON p.id = c.person_id
                 WHERE c.term_id = ?1 AND c.position = ?2",
                params![term_id, position.code()],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(holder) = holder {
            return Err(Error::PositionTaken {
                position: position.term(),
                holder,
            });
        }
    }
    conn.execute(
        "INSERT INTO committee_positions (term_id, person_id, position) VALUES (?1, ?2, ?3)",
        params![term_id, person_id, position.code()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Takes a post away (the person stays in the roster).
pub fn remove_seat(conn: &Connection, seat_id: i64) -> Result<()> {
    let n = conn.execute("DELETE FROM committee_positions WHERE id = ?1", [seat_id])?;
    if n == 0 {
        return Err(Error::NotFound {
            what: "committee post",
            id: seat_id,
        });
    }
    Ok(())
}

/// The posts a person holds in live terms, as (term number, post).
pub fn positions_of(conn: &Connection, person_id: i64) -> Result<Vec<(i64, Position)>> {
    let mut stmt = conn.prepare(
        "SELECT t.ordinal, c.position FROM committee_positions c JOIN committee_terms t ON t.id = c.term_id
         WHERE c.person_id = ?1 AND t.deleted_at IS NULL ORDER BY t.ordinal",
    )?;
    let rows = stmt.query_map([person_id], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
    })?;
    rows.map(|row| {
        let (ordinal, position) = row?;
        Ok((ordinal, Position::parse(&position)?))
    })
    .collect()
}

/// The re-election status of the latest term, if there is one.
pub fn reelection(
    conn: &Connection,
    today: NaiveDate,
    term_years: i64,
) -> Result<Option<Reelection>> {
    let latest: Option<(i64, String)> = conn
        .query_row(
            "SELECT ordinal, elected_on FROM committee_terms WHERE deleted_at IS NULL ORDER BY ordinal DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((ordinal, elected_on)) = latest else {
        return Ok(None);
    };
    let years = i32::try_from(term_years).unwrap_or(3);
    let due = dates::add_years(dates::parse(Field::ElectedOn, &elected_on)?, years);
    let state = if due <= today {
        ReelectionState::Overdue
    } else if due <= today + chrono::Duration::days(WARN_DAYS) {
        ReelectionState::DueSoon
    } else {
        ReelectionState::Ok
    };
    Ok(Some(Reelection {
        ordinal,
        elected_on,
        due_on: iso(due),
        state,
    }))
}
