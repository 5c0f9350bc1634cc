//! Party groups (党小组): a name, a leader (组长) who belongs to the group, and its members.

use crate::people;
use crate::text::{self, NAME_MAX, NOTES_MAX};
use crate::{Error, Field, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct GroupInput {
    pub name: String,
    pub leader_id: Option<i64>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Group {
    pub id: i64,
    pub name: String,
    pub leader_id: Option<i64>,
    pub leader: Option<String>,
    /// People in the branch who belong to the group.
    pub members: i64,
    pub notes: String,
}

pub fn list(conn: &Connection) -> Result<Vec<Group>> {
    let mut stmt = conn.prepare(
        "SELECT g.id, g.name, g.leader_id, l.name, g.notes,
                (SELECT count(*) FROM people p WHERE p.party_group_id = g.id
                 AND p.deleted_at IS NULL AND p.left_on IS NULL)
         FROM party_groups g LEFT JOIN people l ON l.id = g.leader_id
         WHERE g.deleted_at IS NULL ORDER BY g.id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Group {
            id: r.get(0)?,
            name: r.get(1)?,
            leader_id: r.get(2)?,
            leader: r.get(3)?,
            notes: r.get(4)?,
            members: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn add(conn: &Connection, input: &GroupInput) -> Result<i64> {
    let (name, notes) = clean(conn, None, input)?;
    conn.execute(
        "INSERT INTO party_groups (name, notes) VALUES (?1, ?2)",
        params![name, notes],
    )?;
    let id = conn.last_insert_rowid();
    set_leader(conn, id, input.leader_id)?;
    Ok(id)
}

pub fn update(conn: &Connection, id: i64, input: &GroupInput) -> Result<()> {
    require_live(conn, id)?;
    let (name, notes) = clean(conn, Some(id), input)?;
    conn.execute(
        "UPDATE party_groups SET name = ?2, notes = ?3 WHERE id = ?1",
        params![id, name, notes],
    )?;
    set_leader(conn, id, input.leader_id)
}

fn clean(conn: &Connection, id: Option<i64>, input: &GroupInput) -> Result<(String, String)> {
    let (name, notes) = fields(input)?;
    text::unique_name(conn, "party_groups", &name, id)?;
    Ok((name, notes))
}

/// The form's rules for a group: a name and notes.
fn fields(input: &GroupInput) -> Result<(String, String)> {
    let name = text::required(Field::Name, &input.name, NAME_MAX)?;
    let notes = text::optional(
        Field::Notes,
        input.notes.as_deref().unwrap_or(""),
        NOTES_MAX,
    )?;
    Ok((name, notes))
}

pub(crate) fn check_imported(row: &crate::row::Row) -> Result<()> {
    fields(&row.parse::<GroupInput>()?).map(|_| ())
}

/// The leader must be in the branch and in this group; someone in no group yet is put into it.
fn set_leader(conn: &Connection, id: i64, leader: Option<i64>) -> Result<()> {
    if let Some(person_id) = leader {
        let person = people::get_row(conn, person_id)?;
        if person.left_on.is_some() {
            return Err(Error::HasLeft { name: person.name });
        }
        match person.party_group_id {
            Some(g) if g == id => {}
            None => {
                conn.execute(
                    "UPDATE people SET party_group_id = ?2 WHERE id = ?1",
                    params![person_id, id],
                )?;
            }
            Some(_) => return Err(Error::NotInGroup { name: person.name }),
        }
    }
    conn.execute(
        "UPDATE party_groups SET leader_id = ?2 WHERE id = ?1",
        params![id, leader],
    )?;
    Ok(())
}

/// Refuses an unknown or trashed group.
pub fn require_live(conn: &Connection, id: i64) -> Result<()> {
    let live: Option<i64> = conn
        .query_row(
            "SELECT id FROM party_groups WHERE id = ?1 AND deleted_at IS NULL",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    live.map(|_| ()).ok_or(Error::Unknown {
        field: Field::PartyGroup,
        value: id.to_string(),
    })
}

/// A leader cannot leave their group (move to another, or transfer out) until a new leader is named.
pub fn check_not_leaving_as_leader(
    conn: &Connection,
    person_id: i64,
    group: Option<i64>,
) -> Result<()> {
    let Some(group) = group else { return Ok(()) };
    let led: Option<String> = conn
        .query_row(
            "SELECT name FROM party_groups WHERE id = ?1 AND leader_id = ?2 AND deleted_at IS NULL",
            params![group, person_id],
            |r| r.get(0),
        )
        .optional()?;
    match led {
        Some(name) => Err(Error::InUse {
            by_zh: format!("此人是{name}组长，请先为该小组指定新组长"),
            by_en: format!("this person leads {name}; name a new leader for it first"),
        }),
        None => Ok(()),
    }
}

/// How many people in the branch belong to the group (a group with members cannot go to the trash).
pub fn member_count(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM people WHERE party_group_id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?)
}
