//! The admission procedure (发展党员): each person's dated steps from the application to full
//! membership, with who took them, the meeting that decided them and the papers kept on them.
//!
//! The five steps that change a stage (application, activist, candidate, admission, conversion) are the
//! roster's stage changes: recording one here records the stage change through the roster, and a step
//! row only adds its details. The stage change keeps the date, so the two can never disagree; a stage
//! change recorded in the roster alone shows here as its step. `rules` holds the order and the time
//! limits, `agenda` what is due for whom, `paper` a person's file as one document.

use crate::activities::{self, ActivityKind};
use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::people::{self, Stage, StageChangeInput};
use crate::text::{self, NOTES_MAX, ORG_MAX};
use crate::{Error, Field, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

mod agenda;
mod paper;
mod rules;

pub use agenda::{agenda, due_everywhere, Due, DueState, DueWhat};
pub use paper::{file_name, paper, write};
pub use rules::{notice_days, probation_end, set_notice_days, NOTICE_DAYS_DEFAULT};

code_enum!(StepKind, Field::Step, {
    Application => "application", "递交入党申请书", "application received";
    Talk => "talk", "党组织派人谈话", "talk with the applicant";
    Activist => "activist", "确定为入党积极分子", "confirmed as activist";
    Contacts => "contacts", "指定培养联系人", "two contacts assigned";
    Assessment => "assessment", "培养考察", "half-yearly assessment";
    ThoughtReport => "thought_report", "思想汇报", "thought report";
    Candidate => "candidate", "确定为发展对象", "listed as candidate";
    Introducers => "introducers", "确定入党介绍人", "two introducers named";
    PoliticalReview => "political_review", "政治审查", "political review";
    Training => "training", "集中培训", "concentrated training";
    CommitteeReview => "committee_review", "支委会审查", "committee review";
    PreReview => "pre_review", "上级党委预审", "pre-review by the higher committee";
    PublicNotice => "public_notice", "公示", "public notice";
    ApplicationForm => "application_form", "填写入党志愿书", "application form filled in";
    Admission => "admission", "支部大会讨论接收", "admitted by the general meeting";
    HigherTalk => "higher_talk", "上级党委派人谈话", "talk by the higher committee";
    Approval => "approval", "上级党委审批", "approved by the higher committee";
    Oath => "oath", "入党宣誓", "oath taken";
    Extension => "extension", "延长预备期", "probation extended";
    Conversion => "conversion", "支部大会讨论转正", "conversion voted by the general meeting";
    ConversionApproval => "conversion_approval", "上级党委审批转正", "conversion approved";
});

impl StepKind {
    /// The stage a step of this kind moves the person to, if it is one of the five that do.
    pub fn changes_to(self) -> Option<Stage> {
        match self {
            StepKind::Application => Some(Stage::Applicant),
            StepKind::Activist => Some(Stage::Activist),
            StepKind::Candidate => Some(Stage::Candidate),
            StepKind::Admission => Some(Stage::Probationary),
            StepKind::Conversion => Some(Stage::Full),
            _ => None,
        }
    }

    /// The step a roster stage change stands for (a first entry as a member, by transfer or when the
    /// roster was first typed in, stands for none).
    fn of_change(from: Option<Stage>, to: Stage) -> Option<StepKind> {
        match (from, to) {
            (_, Stage::Applicant) => Some(StepKind::Application),
            (_, Stage::Activist) => Some(StepKind::Activist),
            (_, Stage::Candidate) => Some(StepKind::Candidate),
            (Some(Stage::Candidate), Stage::Probationary) => Some(StepKind::Admission),
            (Some(Stage::Probationary), Stage::Full) => Some(StepKind::Conversion),
            _ => None,
        }
    }

    fn order(self) -> usize {
        StepKind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }
}

/// A step as a form sends it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StepInput {
    pub person_id: Option<i64>,
    pub kind: String,
    pub date: String,
    pub done_by: String,
    pub activity_id: Option<i64>,
    pub days: Option<i64>,
    pub hours: Option<i64>,
    pub months: Option<i64>,
    pub notes: String,
}

/// One step of a person's file.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// The step row; none for a stage change recorded in the roster alone.
    pub id: Option<i64>,
    pub stage_change_id: Option<i64>,
    pub kind: StepKind,
    pub date: String,
    pub done_by: String,
    pub activity_id: Option<i64>,
    /// The linked meeting as "date title".
    pub activity: Option<String>,
    pub days: Option<i64>,
    pub hours: Option<i64>,
    pub months: Option<i64>,
    pub notes: String,
    /// How many papers are kept on it.
    pub papers: i64,
    pub changes_stage: bool,
}

/// Every step of a person, in date order (steps of one day in the procedure's order).
pub fn steps(conn: &Connection, person: i64) -> Result<Vec<Step>> {
    let mut stmt = conn.prepare(
        "SELECT s.id, s.stage_change_id, s.kind, s.date, s.done_by, s.activity_id,
                (SELECT a.date || ' ' || a.title FROM activities a WHERE a.id = s.activity_id AND a.deleted_at IS NULL),
                s.days, s.hours, s.months, s.notes,
                (SELECT count(*) FROM attachments x WHERE x.owner_kind = 'admission_step' AND x.owner_id = s.id AND x.deleted_at IS NULL)
         FROM admission_steps s WHERE s.person_id = ?1 AND s.deleted_at IS NULL",
    )?;
    let rows: Vec<Step> = stmt
        .query_map([person], |r| {
            let kind: String = r.get(2)?;
            Ok(Step {
                id: r.get(0)?,
                stage_change_id: r.get(1)?,
                kind: StepKind::parse(&kind).unwrap_or(StepKind::Talk),
                date: r.get::<_, Option<String>>(3)?.unwrap_or_default(),
                done_by: r.get(4)?,
                activity_id: r.get(5)?,
                activity: r.get(6)?,
                days: r.get(7)?,
                hours: r.get(8)?,
                months: r.get(9)?,
                notes: r.get(10)?,
                papers: r.get(11)?,
                changes_stage: false,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut all: Vec<Step> = rows
        .iter()
        .filter(|s| s.stage_change_id.is_none())
        .cloned()
        .collect();
    for change in stage_changes(conn, person)? {
        let Some(kind) = StepKind::of_change(change.from, change.to) else {
            continue;
        };
        let details = rows
            .iter()
            .find(|s| s.stage_change_id == Some(change.id))
            .cloned();
        all.push(match details {
            Some(s) => Step {
                kind,
                date: change.date,
                changes_stage: true,
                ..s
            },
            None => Step {
                id: None,
                stage_change_id: Some(change.id),
                kind,
                date: change.date,
                done_by: String::new(),
                activity_id: None,
                activity: None,
                days: None,
                hours: None,
                months: None,
                notes: change.note,
                papers: 0,
                changes_stage: true,
            },
        });
    }
    all.sort_by(|a, b| (&a.date, a.kind.order()).cmp(&(&b.date, b.kind.order())));
    Ok(all)
}

struct Change {
    id: i64,
    date: String,
    from: Option<Stage>,
    to: Stage,
    note: String,
}

fn stage_changes(conn: &Connection, person: i64) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare(
        "SELECT id, date, from_stage, to_stage, note FROM stage_changes WHERE person_id = ?1 ORDER BY date, id",
    )?;
    let rows = stmt.query_map([person], |r| {
        let from: Option<String> = r.get(2)?;
        Ok(Change {
            id: r.get(0)?,
            date: r.get(1)?,
            from: from.and_then(|s| Stage::parse(&s).ok()),
            to: Stage::parse(&r.get::<_, String>(3)?).unwrap_or(Stage::NonMember),
            note: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The person's stage on `date` from their stage changes (transfers aside).
fn stage_on(conn: &Connection, person: i64, date: NaiveDate) -> Result<Option<Stage>> {
    let day = iso(date);
    Ok(stage_changes(conn, person)?
        .into_iter()
        .rev()
        .find(|c| c.date <= day)
        .map(|c| c.to))
}

/// The form's fields, checked on their own.
struct Clean {
    person: people::PersonRow,
    kind: StepKind,
    date: NaiveDate,
    done_by: String,
    activity_id: Option<i64>,
    days: Option<i64>,
    hours: Option<i64>,
    months: Option<i64>,
    notes: String,
}

fn fields(conn: &Connection, input: &StepInput) -> Result<Clean> {
    let person_id = input.person_id.ok_or(Error::Required {
        field: Field::Person,
    })?;
    let person = people::get_row(conn, person_id).map_err(|_| Error::Unknown {
        field: Field::Person,
        value: person_id.to_string(),
    })?;
    let kind = StepKind::parse_required(&input.kind)?;
    Ok(Clean {
        person,
        kind,
        date: dates::parse_past(Field::Date, &input.date)?,
        done_by: text::optional(Field::DoneBy, &input.done_by, ORG_MAX)?,
        activity_id: input.activity_id,
        days: input.days,
        hours: input.hours,
        months: input.months,
        notes: text::optional(Field::Notes, &input.notes, NOTES_MAX)?,
    })
}

/// Records a step (`id` none) or changes one; returns the step row's id. A step that changes the
/// stage records the roster's stage change too, in the same transaction; its details can be added
/// later to a stage change the roster recorded (same kind and date).
pub fn save(conn: &Connection, id: Option<i64>, input: &StepInput) -> Result<i64> {
    let c = fields(conn, input)?;
    let all = steps(conn, c.person.id)?;
    rules::check_fields(conn, &c)?;
    check_meeting(conn, &c)?;
    if let Some(id) = id {
        return update(conn, id, &c, &all);
    }
    if c.kind.changes_to().is_some() {
        if let Some(existing) = all
            .iter()
            .find(|s| s.kind == c.kind && s.date == iso(c.date) && s.id.is_none())
        {
            let change = existing.stage_change_id.unwrap_or_default();
            return insert(conn, &c, Some(change));
        }
        rules::check_milestone(conn, &c, &all)?;
        let input = StageChangeInput {
            to: c
                .kind
                .changes_to()
                .map(Stage::code)
                .unwrap_or_default()
                .into(),
            date: iso(c.date),
            note: None,
        };
        people::change_stage(conn, c.person.id, &input)?;
        let change: i64 = conn.query_row(
            "SELECT max(id) FROM stage_changes WHERE person_id = ?1",
            [c.person.id],
            |r| r.get(0),
        )?;
        return insert(conn, &c, Some(change));
    }
    rules::check_step(conn, &c, &all, None)?;
    insert(conn, &c, None)
}

fn update(conn: &Connection, id: i64, c: &Clean, all: &[Step]) -> Result<i64> {
    let Some(old) = all.iter().find(|s| s.id == Some(id)) else {
        return Err(Error::NotFound {
            what: "admission step",
            id,
        });
    };
    if old.kind != c.kind {
        return Err(rules::refuse(
            Field::Step,
            "一步记录好以后不能改成另一种步骤；请把它移入回收站，再记录正确的一步",
            "a step cannot be turned into another kind of step; move it to the trash and record the right one",
        ));
    }
    if old.changes_stage {
        if old.date != iso(c.date) {
            return Err(rules::refuse(
                Field::Date,
                "这一步改变了身份，日期以花名册里的身份变动为准，不能在这里修改",
                "this step changed the stage: its date is the roster's stage change and cannot be changed here",
            ));
        }
    } else {
        rules::check_step(conn, c, all, Some(id))?;
    }
    let date = (!old.changes_stage).then(|| iso(c.date));
    conn.execute(
        "UPDATE admission_steps SET date = ?2, done_by = ?3, activity_id = ?4, days = ?5, hours = ?6, months = ?7,
         notes = ?8, updated_at = ?9 WHERE id = ?1",
        params![id, date, c.done_by, c.activity_id, c.days, c.hours, c.months, c.notes, dates::now()],
    )?;
    Ok(id)
}

fn insert(conn: &Connection, c: &Clean, stage_change: Option<i64>) -> Result<i64> {
    let date = stage_change.is_none().then(|| iso(c.date));
    conn.execute(
        "INSERT INTO admission_steps (person_id, kind, date, stage_change_id, done_by, activity_id, days, hours, months, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![c.person.id, c.kind.code(), date, stage_change, c.done_by, c.activity_id, c.days, c.hours, c.months, c.notes, dates::now()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// The meeting that admits or converts is a general meeting (支部党员大会) held that day.
fn check_meeting(conn: &Connection, c: &Clean) -> Result<()> {
    let Some(activity) = c.activity_id else {
        return Ok(());
    };
    let a = activities::get(conn, activity).map_err(|_| Error::Unknown {
        field: Field::DecidingMeeting,
        value: activity.to_string(),
    })?;
    let voted = matches!(c.kind, StepKind::Admission | StepKind::Conversion);
    if voted && (a.kind != ActivityKind::GeneralMeeting || a.date != iso(c.date)) {
        return Err(rules::refuse(
            Field::DecidingMeeting,
            &format!(
                "「{}」应链接 {} 召开的支部党员大会",
                c.kind.label(crate::Lang::Zh),
                iso(c.date)
            ),
            &format!(
                "\"{}\" links to the general meeting held on {}",
                c.kind.label(crate::Lang::En),
                iso(c.date)
            ),
        ));
    }
    Ok(())
}

/// A step row that is the details of a stage change cannot go to the trash: the stage change is the
/// roster's, and is corrected there.
pub(crate) fn check_trashable(conn: &Connection, id: i64) -> Result<()> {
    let change: Option<Option<i64>> = conn
        .query_row(
            "SELECT stage_change_id FROM admission_steps WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    if change.flatten().is_some() {
        return Err(rules::refuse(
            Field::Step,
            "这一步改变了身份，不能单独删除；如果记错了，请在花名册里更正这个人的身份变动",
            "this step changed the person's stage and cannot be deleted on its own; if it is wrong, correct the stage change in the roster",
        ));
    }
    Ok(())
}

/// A trashed step comes back only if a once-only step of its kind has not been recorded since.
pub(crate) fn check_restorable(conn: &Connection, id: i64) -> Result<()> {
    let (person, kind): (i64, String) = conn.query_row(
        "SELECT person_id, kind FROM admission_steps WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let kind = StepKind::parse(&kind)?;
    if let Some(taken) = steps(conn, person)?
        .iter()
        .find(|s| s.kind == kind && !rules::repeats(kind))
    {
        return Err(Error::Duplicate {
            field: Field::Step,
            value: format!("{} {}", taken.date, kind.label(crate::Lang::Zh)),
        });
    }
    Ok(())
}

/// A stored step (from an import) held to the form's rules for its own fields.
pub(crate) fn check_imported(row: &crate::row::Row) -> Result<()> {
    StepKind::parse(&row.text("kind"))?;
    dates::stored_optional(Field::Date, row.optional_text("date").as_deref())?;
    Ok(())
}

/// The person whose file holds step `id` (the search names a step; the window opens the file).
pub fn person_of_step(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row(
        "SELECT person_id FROM admission_steps WHERE id = ?1",
        [id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: "admission step",
        id,
    })
}

/// The step row for a stage change recorded in the roster alone, made on first need (to keep papers
/// on it); returns its id.
pub fn details_row(conn: &Connection, stage_change: i64) -> Result<i64> {
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM admission_steps WHERE stage_change_id = ?1",
            [stage_change],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        conn.execute(
            "UPDATE admission_steps SET deleted_at = NULL WHERE id = ?1",
            [id],
        )?;
        return Ok(id);
    }
    let (person, from, to): (i64, Option<String>, String) = conn
        .query_row(
            "SELECT person_id, from_stage, to_stage FROM stage_changes WHERE id = ?1",
            [stage_change],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: "stage change",
            id: stage_change,
        })?;
    let from = from.and_then(|s| Stage::parse(&s).ok());
    let kind = StepKind::of_change(from, Stage::parse(&to)?).ok_or(Error::NotFound {
        what: "admission step",
        id: stage_change,
    })?;
    conn.execute(
        "INSERT INTO admission_steps (person_id, kind, stage_change_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![person, kind.code(), stage_change, dates::now()],
    )?;
    Ok(conn.last_insert_rowid())
}

/// A person's file as the window shows it: the steps, what is due, and which steps may come next.
#[derive(Debug, Clone, Serialize)]
pub struct File {
    pub person_id: i64,
    pub name: String,
    pub stage: Stage,
    pub stage_since: String,
    pub left_on: Option<String>,
    pub steps: Vec<Step>,
    pub due: Vec<Due>,
    /// The kinds that may be recorded now (the form offers these first).
    pub next: Vec<StepKind>,
    /// For a probationary member: the day the probation ends (with any extension).
    pub probation_end: Option<String>,
    pub notice_days: i64,
    /// The general meetings since the application, newest first (admission and conversion link one).
    pub meetings: Vec<Meeting>,
}

/// A general meeting a step may link.
#[derive(Debug, Clone, Serialize)]
pub struct Meeting {
    pub id: i64,
    pub date: String,
    pub title: String,
}

fn general_meetings(conn: &Connection, since: &str) -> Result<Vec<Meeting>> {
    let mut stmt = conn.prepare(
        "SELECT id, date, title FROM activities WHERE kind = 'general_meeting' AND deleted_at IS NULL
         AND date >= ?1 ORDER BY date DESC, id DESC",
    )?;
    let rows = stmt.query_map([since], |r| {
        Ok(Meeting {
            id: r.get(0)?,
            date: r.get(1)?,
            title: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn file(conn: &Connection, person: i64, today: NaiveDate) -> Result<File> {
    let row = people::get_row(conn, person)?;
    let all = steps(conn, person)?;
    let due = agenda::for_person(conn, &row, &all, today)?;
    let probation_end = (row.stage == Stage::Probationary)
        .then(|| rules::probation_end(conn, person))
        .transpose()?
        .flatten()
        .map(iso);
    Ok(File {
        person_id: person,
        name: row.name.clone(),
        stage: row.stage,
        stage_since: row.stage_since.clone(),
        left_on: row.left_on.clone(),
        next: rules::next_kinds(row.stage, &all),
        due,
        probation_end,
        notice_days: rules::notice_days(conn)?,
        meetings: general_meetings(conn, all.first().map_or("", |s| s.date.as_str()))?,
        steps: all,
    })
}

/// A person on the path (申请人 to 预备党员) with what is due for them.
#[derive(Debug, Clone, Serialize)]
pub struct OnPath {
    pub person_id: i64,
    pub name: String,
    pub stage: Stage,
    pub stage_since: String,
    pub due: Vec<Due>,
}

/// Everyone in the branch on the path, by stage (the furthest first), then by how long they have
/// been at it.
pub fn on_path(conn: &Connection, today: NaiveDate) -> Result<Vec<OnPath>> {
    let mut stmt = conn.prepare(
        "SELECT id FROM people WHERE deleted_at IS NULL AND left_on IS NULL
         AND stage IN ('applicant', 'activist', 'candidate', 'probationary')
         ORDER BY CASE stage WHEN 'probationary' THEN 0 WHEN 'candidate' THEN 1 WHEN 'activist' THEN 2 ELSE 3 END,
                  stage_since, id",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut out = Vec::new();
    for id in ids {
        let row = people::get_row(conn, id)?;
        let all = steps(conn, id)?;
        out.push(OnPath {
            due: agenda::for_person(conn, &row, &all, today)?,
            person_id: id,
            name: row.name,
            stage: row.stage,
            stage_since: row.stage_since,
        });
    }
    Ok(out)
}

/// The development section of a summary: the steps taken in the range, counted by kind; no names.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct RangeFigures {
    /// Every kind, in the procedure's order, with how many were taken.
    pub counts: Vec<(StepKind, i64)>,
}

impl RangeFigures {
    pub fn of(&self, kind: StepKind) -> i64 {
        self.counts.iter().find(|c| c.0 == kind).map_or(0, |c| c.1)
    }
}

pub fn in_range(conn: &Connection, from: NaiveDate, to: NaiveDate) -> Result<RangeFigures> {
    Ok(RangeFigures {
        counts: counts_in_range(conn, from, to)?,
    })
}

/// Steps taken in a range, counted by kind (the annual summary's development section; no names).
pub fn counts_in_range(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<(StepKind, i64)>> {
    let mut counts: Vec<(StepKind, i64)> = StepKind::ALL.iter().map(|k| (*k, 0)).collect();
    let mut stmt = conn.prepare(
        "SELECT id FROM people WHERE deleted_at IS NULL AND id IN
           (SELECT person_id FROM stage_changes UNION SELECT person_id FROM admission_steps WHERE deleted_at IS NULL)",
    )?;
    let ids: Vec<i64> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let (from, to) = (iso(from), iso(to));
    for id in ids {
        for s in steps(conn, id)? {
            if s.date >= from && s.date <= to {
                counts[s.kind.order()].1 += 1;
            }
        }
    }
    Ok(counts)
}
