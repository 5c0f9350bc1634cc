//! Campaigns (主题教育, a themed education campaign with its dates) and special projects (特色活动, filed
//! once a year and rated at the end) that activities belong to: their forms, the rules of an imported
//! row, and their lists.

use super::TITLE_MAX;
use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::text::{self, NAME_MAX, NOTES_MAX};
use crate::{Error, Field, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CampaignInput {
    pub name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    pub notes: Option<String>,
}

/// Saves a themed education campaign (主题教育) with its dates.
pub fn campaign_save(conn: &Connection, id: Option<i64>, input: &CampaignInput) -> Result<i64> {
    let (name, starts, ends, notes) = campaign_fields(input)?;
    text::unique_name(conn, "campaigns", &name, id)?;
    match id {
        Some(id) => {
            let changed = conn.execute(
                "UPDATE campaigns SET name = ?2, starts_on = ?3, ends_on = ?4, notes = ?5 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, name, iso(starts), ends.map(iso), notes],
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    what: "campaign",
                    id,
                });
            }
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO campaigns (name, starts_on, ends_on, notes) VALUES (?1, ?2, ?3, ?4)",
                params![name, iso(starts), ends.map(iso), notes],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

type CampaignFields = (String, NaiveDate, Option<NaiveDate>, String);

/// The form's rules for a campaign: a name, a start, an end not before it, notes.
fn campaign_fields(input: &CampaignInput) -> Result<CampaignFields> {
    let name = text::required(Field::Name, &input.name, NAME_MAX * 2)?;
    let starts = dates::parse(Field::Date, &input.starts_on)?;
    let ends = dates::parse_optional(Field::EndsOn, input.ends_on.as_deref())?;
    if ends.is_some_and(|e| e < starts) {
        return Err(Error::TooEarly {
            field: Field::EndsOn,
            earliest: iso(starts),
            reason_zh: "开始日期".into(),
            reason_en: "the start date".into(),
        });
    }
    let notes = text::optional(
        Field::Notes,
        input.notes.as_deref().unwrap_or(""),
        NOTES_MAX,
    )?;
    Ok((name, starts, ends, notes))
}

pub(crate) fn check_imported_campaign(row: &crate::row::Row) -> Result<()> {
    campaign_fields(&row.parse::<CampaignInput>()?)?;
    dates::stored(Field::Date, &row.text("starts_on"))?;
    dates::stored_optional(Field::EndsOn, row.optional_text("ends_on").as_deref())?;
    Ok(())
}

code_enum!(ProjectStatus, Field::Status, {
    Planned => "planned", "计划中", "planned";
    Filed => "filed", "已立项", "filed";
    InProgress => "in_progress", "进行中", "in progress";
    Completed => "completed", "已结项", "completed";
});

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ProjectInput {
    pub year: Option<i32>,
    pub title: String,
    pub filed_on: Option<String>,
    pub status: String,
    /// The rating given, e.g. 优秀成果.
    pub rating: Option<String>,
    pub notes: Option<String>,
}

/// Saves a special project (特色活动): filed (立项) once a year and rated at the end.
pub fn project_save(conn: &Connection, id: Option<i64>, input: &ProjectInput) -> Result<i64> {
    let (year, title, filed, status, rating, notes) = project_fields(input)?;
    let values = params![year, title, filed.map(iso), status.code(), rating, notes];
    match id {
        Some(id) => {
            let changed = conn.execute(
                &format!("UPDATE special_projects SET year = ?1, title = ?2, filed_on = ?3, status = ?4, rating = ?5, notes = ?6 WHERE id = {id} AND deleted_at IS NULL"),
                values,
            )?;
            if changed == 0 {
                return Err(Error::NotFound {
                    what: "project",
                    id,
                });
            }
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO special_projects (year, title, filed_on, status, rating, notes) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                values,
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

type ProjectFields = (
    i32,
    String,
    Option<NaiveDate>,
    ProjectStatus,
    String,
    String,
);

/// The form's rules for a special project: a year, a title, a status, optional date and rating.
fn project_fields(input: &ProjectInput) -> Result<ProjectFields> {
    let year = input.year.ok_or(Error::Required { field: Field::Year })?;
    if !(1921..=2200).contains(&year) {
        return Err(Error::OutOfRange {
            field: Field::Year,
            min: 1921,
            max: 2200,
        });
    }
    let title = text::required(Field::Title, &input.title, TITLE_MAX)?;
    let filed = dates::parse_optional(Field::Date, input.filed_on.as_deref())?;
    let status = ProjectStatus::parse_required(&input.status)?;
    let rating = text::optional(
        Field::Notes,
        input.rating.as_deref().unwrap_or(""),
        NAME_MAX,
    )?;
    let notes = text::optional(
        Field::Notes,
        input.notes.as_deref().unwrap_or(""),
        NOTES_MAX,
    )?;
    Ok((year, title, filed, status, rating, notes))
}

pub(crate) fn check_imported_project(row: &crate::row::Row) -> Result<()> {
    project_fields(&row.parse::<ProjectInput>()?)?;
    dates::stored_optional(Field::Date, row.optional_text("filed_on").as_deref())?;
    Ok(())
}

#[derive(Debug, Clone, Serialize)]
pub struct Campaign {
    pub id: i64,
    pub name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
}

pub fn campaigns(conn: &Connection) -> Result<Vec<Campaign>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, starts_on, ends_on FROM campaigns WHERE deleted_at IS NULL ORDER BY starts_on DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Campaign {
            id: r.get(0)?,
            name: r.get(1)?,
            starts_on: r.get(2)?,
            ends_on: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[derive(Debug, Clone, Serialize)]
pub struct Project {
    pub id: i64,
    pub year: i32,
    pub title: String,
    pub filed_on: Option<String>,
    pub status: ProjectStatus,
    pub rating: String,
}

pub fn projects(conn: &Connection) -> Result<Vec<Project>> {
    let mut stmt = conn.prepare(
        "SELECT id, year, title, status, rating, filed_on FROM special_projects WHERE deleted_at IS NULL ORDER BY year DESC, id DESC",
    )?;
    let rows = stmt.query_map([], |r| {
        let status: String = r.get(3)?;
        Ok(Project {
            id: r.get(0)?,
            year: r.get(1)?,
            title: r.get(2)?,
            status: ProjectStatus::parse(&status).unwrap_or(ProjectStatus::Planned),
            rating: r.get(4)?,
            filed_on: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
