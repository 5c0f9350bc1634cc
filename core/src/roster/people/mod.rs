//! People (花名册): members and everyone else the branch deals with, their stage in the admission process
//! (with its dated history) and their transfers in and out. The history is the source of truth; the
//! `stage`, `stage_since` and `left_on` columns mirror it for quick lists and are updated with it.
//! Here: the person and the roster's lists; `moves.rs` the stage changes and transfers, `on_date.rs`
//! who was in the branch, at which stage, on a given day, `roles.rs` what a person is named in.

use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::filter::{kept_count, Filter};
use crate::text::{self, NAME_MAX, NOTES_MAX, ORG_MAX};
use crate::{Error, Field, Lang, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

mod moves;
mod on_date;
mod roles;

pub use moves::{change_stage, transfer};
use moves::{history, insert_transfer, transfers};
pub use on_date::{
    counts, counts_on, in_branch_on, probation_due, register_on, stage_on, OnDate, RegisterLine,
};
pub use roles::roles;

code_enum!(Gender, Field::Gender, {
    Male => "male", "男", "male";
    Female => "female", "女", "female";
});

code_enum!(Stage, Field::Stage, {
    Full => "full", "正式党员", "full member";
    Probationary => "probationary", "预备党员", "probationary member";
    Candidate => "candidate", "发展对象", "candidate";
    Activist => "activist", "入党积极分子", "activist";
    Applicant => "applicant", "入党申请人", "applicant";
    NonMember => "non_member", "群众", "non-member";
});

/// Where a person stands in the admission process (发展党员程序), or 群众 for everyone else.
impl Stage {
    /// Position on the admission path; non-members stand before it.
    fn rank(self) -> u8 {
        match self {
            Stage::NonMember => 0,
            Stage::Applicant => 1,
            Stage::Activist => 2,
            Stage::Candidate => 3,
            Stage::Probationary => 4,
            Stage::Full => 5,
        }
    }

    /// The path moves one step at a time; anyone may leave it (become 群众) at any time.
    fn may_become(self, to: Stage) -> bool {
        to == Stage::NonMember || to.rank() == self.rank() + 1
    }

    pub fn is_party_member(self) -> bool {
        matches!(self, Stage::Probationary | Stage::Full)
    }
}

/// The editable details of a person, as a form sends them.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PersonInput {
    pub name: String,
    pub gender: Option<String>,
    pub birth_date: Option<String>,
    pub phone: Option<String>,
    pub party_group_id: Option<i64>,
    pub notes: Option<String>,
}

/// A new person: their details, the stage they enter the ledger with and since when, and, when they came
/// by transfer (转入), the organisation they came from.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct NewPerson {
    #[serde(flatten)]
    pub details: PersonInput,
    pub stage: String,
    pub since: String,
    pub transferred_from: Option<String>,
    /// A note on the first stage entry (e.g. 递交入党申请书).
    pub note: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct StageChangeInput {
    pub to: String,
    pub date: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    In,
    Out,
}

#[derive(Debug, Clone, Deserialize)]
pub struct TransferInput {
    pub direction: Direction,
    pub date: String,
    pub organisation: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// One line of the roster list.
#[derive(Debug, Clone, Serialize)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub gender: Option<String>,
    pub stage: Stage,
    pub stage_since: String,
    pub left_on: Option<String>,
    pub phone: String,
    pub party_group_id: Option<i64>,
    pub party_group: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Person {
    #[serde(flatten)]
    pub row: PersonRow,
    pub birth_date: Option<String>,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct StageChange {
    pub date: String,
    pub from: Option<Stage>,
    pub to: Stage,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Transfer {
    pub direction: Direction,
    pub date: String,
    pub organisation: String,
    pub note: String,
}

/// Everything the detail panel shows about one person.
#[derive(Debug, Clone, Serialize)]
pub struct PersonDetail {
    pub person: Person,
    pub history: Vec<StageChange>,
    pub transfers: Vec<Transfer>,
    /// When a probationary member's year is up (预备期满).
    pub probation_ends_on: Option<String>,
    /// What points at this person (group leader, committee post), in the secretary's words.
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PersonQuery {
    pub text: String,
    pub stage: Option<String>,
    pub party_group_id: Option<i64>,
    pub include_left: bool,
    /// `name`, `stage`, `group` or `since`; a leading `-` sorts descending. Names sort in pinyin order.
    pub sort: String,
    pub offset: i64,
    /// Page size; 0 means the default (100).
    pub limit: i64,
}

/// One page of the roster; `total` counts every match.
pub type PersonPage = crate::page::Page<PersonRow>;

/// A person as pickers list them (host, speakers, borrower, author…): every person, unpaged.
#[derive(Debug, Clone, Serialize)]
pub struct PersonName {
    pub id: i64,
    pub name: String,
    /// Pinyin initials (伍晓明 → `wxm`), for pickers that find a person by typing them.
    pub initials: String,
    pub stage: Stage,
    pub party_group_id: Option<i64>,
    pub left_on: Option<String>,
}

/// Head counts by stage. `left` counts people who have transferred out (only in current counts).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct StageCounts {
    pub full: i64,
    pub probationary: i64,
    pub candidate: i64,
    pub activist: i64,
    pub applicant: i64,
    pub non_member: i64,
    pub left: i64,
}

impl StageCounts {
    pub(crate) fn add(&mut self, stage: Stage, n: i64) {
        let slot = match stage {
            Stage::Full => &mut self.full,
            Stage::Probationary => &mut self.probationary,
            Stage::Candidate => &mut self.candidate,
            Stage::Activist => &mut self.activist,
            Stage::Applicant => &mut self.applicant,
            Stage::NonMember => &mut self.non_member,
        };
        *slot += n;
    }

    /// Party members: full plus probationary (党员).
    pub fn members(&self) -> i64 {
        self.full + self.probationary
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ProbationDue {
    pub id: i64,
    pub name: String,
    pub since: String,
    pub due_on: String,
    pub overdue: bool,
}

/// Details after trimming and checking.
struct Clean {
    name: String,
    gender: Option<&'static str>,
    birth_date: Option<String>,
    phone: String,
    party_group_id: Option<i64>,
    notes: String,
}

fn clean(conn: &Connection, input: &PersonInput) -> Result<Clean> {
    if let Some(group) = input.party_group_id {
        crate::groups::require_live(conn, group)?;
    }
    fields(input)
}

/// The form's rules for a person's own details, with no other record involved (an import holds each
/// stored person to them too).
fn fields(input: &PersonInput) -> Result<Clean> {
    let name = text::required(Field::Name, &input.name, NAME_MAX)?;
    let gender = match input.gender.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => Some(Gender::parse(code)?.code()),
    };
    let birth_date = dates::parse_optional(Field::BirthDate, input.birth_date.as_deref())?;
    if birth_date.is_some_and(|d| d > dates::today()) {
        return Err(Error::FutureDate {
            field: Field::BirthDate,
        });
    }
    let phone = text::optional(Field::Phone, input.phone.as_deref().unwrap_or(""), 20)?;
    let phone_ok = phone
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-'));
    if !phone_ok {
        return Err(Error::BadPhone);
    }
    Ok(Clean {
        name,
        gender,
        birth_date: birth_date.map(iso),
        phone,
        party_group_id: input.party_group_id,
        notes: text::optional(
            Field::Notes,
            input.notes.as_deref().unwrap_or(""),
            NOTES_MAX,
        )?,
    })
}

/// A stored person (from an import) held to the form's rules: details, stage and its dates.
pub(crate) fn check_imported(row: &crate::row::Row) -> Result<()> {
    fields(&row.parse::<PersonInput>()?)?;
    Stage::parse(&row.text("stage"))?;
    dates::stored(Field::Date, &row.text("stage_since"))?;
    dates::stored_optional(Field::Date, row.optional_text("left_on").as_deref())?;
    Ok(())
}

/// A stage chosen on a form: empty is `Required`, anything else not on the list is `Unknown`.
fn required_stage(value: &str) -> Result<Stage> {
    if value.trim().is_empty() {
        return Err(Error::Required {
            field: Field::Stage,
        });
    }
    Stage::parse(value)
}

/// Adds a person with their first stage (and transfer in, if they came from another organisation).
pub fn add(conn: &Connection, input: &NewPerson) -> Result<i64> {
    let c = clean(conn, &input.details)?;
    let stage = required_stage(&input.stage)?;
    let since = iso(dates::parse_past(Field::Date, &input.since)?);
    let from = input.transferred_from.as_deref().unwrap_or("");
    let from = text::optional(Field::Organisation, from, ORG_MAX)?;
    let note = text::optional(Field::Notes, input.note.as_deref().unwrap_or(""), NOTES_MAX)?;
    conn.execute(
        "INSERT INTO people (name, gender, birth_date, phone, party_group_id, stage, stage_since, notes, created_at, updated_at, sort_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, ?10)",
        params![c.name, c.gender, c.birth_date, c.phone, c.party_group_id, stage.code(), since, c.notes, dates::now(), text::pinyin_sort_key(&c.name)],
    )?;
    let id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO stage_changes (person_id, date, from_stage, to_stage, note) VALUES (?1, ?2, NULL, ?3, ?4)",
        params![id, since, stage.code(), note],
    )?;
    if !from.is_empty() {
        insert_transfer(conn, id, Direction::In, &since, &from, "")?;
    }
    Ok(id)
}

/// Changes a person's details (not their stage: that has its own dated step).
pub fn update(conn: &Connection, id: i64, input: &PersonInput) -> Result<()> {
    let current = get_row(conn, id)?;
    let c = clean(conn, input)?;
    if current.party_group_id != c.party_group_id {
        crate::groups::check_not_leaving_as_leader(conn, id, current.party_group_id)?;
    }
    conn.execute(
        "UPDATE people SET name = ?2, gender = ?3, birth_date = ?4, phone = ?5, party_group_id = ?6,
         notes = ?7, updated_at = ?8, sort_key = ?9 WHERE id = ?1",
        params![id, c.name, c.gender, c.birth_date, c.phone, c.party_group_id, c.notes, dates::now(), text::pinyin_sort_key(&c.name)],
    )?;
    Ok(())
}

const ROW_SELECT: &str =
    "SELECT p.id, p.name, p.gender, p.stage, p.stage_since, p.left_on, p.phone,
    p.party_group_id, g.name, p.birth_date, p.notes
    FROM people p LEFT JOIN party_groups g ON g.id = p.party_group_id";

fn person_from(row: &Row) -> rusqlite::Result<Person> {
    let stage: String = row.get(3)?;
    Ok(Person {
        row: PersonRow {
            id: row.get(0)?,
            name: row.get(1)?,
            gender: row.get(2)?,
            stage: Stage::parse(&stage).unwrap_or(Stage::NonMember),
            stage_since: row.get(4)?,
            left_on: row.get(5)?,
            phone: row.get(6)?,
            party_group_id: row.get(7)?,
            party_group: row.get(8)?,
        },
        birth_date: row.get(9)?,
        notes: row.get(10)?,
    })
}

/// A live (not trashed) person's row, or `NotFound`.
pub fn get_row(conn: &Connection, id: i64) -> Result<PersonRow> {
    let sql = format!("{ROW_SELECT} WHERE p.id = ?1 AND p.deleted_at IS NULL");
    conn.query_row(&sql, [id], person_from)
        .optional()?
        .map(|p| p.row)
        .ok_or(Error::NotFound { what: "person", id })
}

pub fn get(conn: &Connection, id: i64, lang: Lang) -> Result<PersonDetail> {
    let sql = format!("{ROW_SELECT} WHERE p.id = ?1 AND p.deleted_at IS NULL");
    let person = conn
        .query_row(&sql, [id], person_from)
        .optional()?
        .ok_or(Error::NotFound { what: "person", id })?;
    let probation_ends_on = (person.row.stage == Stage::Probationary)
        .then(|| dates::parse(Field::Date, &person.row.stage_since).ok())
        .flatten()
        .map(|since| iso(dates::add_years(since, 1)));
    Ok(PersonDetail {
        history: history(conn, id)?,
        transfers: transfers(conn, id)?,
        probation_ends_on,
        roles: roles(conn, id, lang)?,
        person,
    })
}

const PAGE: i64 = 100;

/// One page of the roster, filtered and sorted in SQL (names in pinyin order); `total` counts every
/// match.
pub fn list(conn: &Connection, q: &PersonQuery) -> Result<PersonPage> {
    Ok(PersonPage {
        rows: page(conn, q)?,
        total: count(conn, q)?,
        offset: q.offset.max(0),
    })
}

/// How many people match `q` (the roster's "of N").
pub fn count(conn: &Connection, q: &PersonQuery) -> Result<i64> {
    let f = roster_filter(q)?;
    // One stage among those still in the branch: the kept count.
    let only_stage = q.text.trim().is_empty() && q.party_group_id.is_none() && !q.include_left;
    match q.stage.as_deref().filter(|s| !s.is_empty()) {
        Some(stage) if only_stage => {
            let code = Stage::parse(stage)?.code().to_string();
            Ok(kept_count(conn, "people.stage", code)?)
        }
        _ => Ok(f.count(conn, "people", "p")?),
    }
}

/// The roster's conditions for `q`: only the filters given, so that a stage or a group is found
/// through its index.
fn roster_filter(q: &PersonQuery) -> Result<Filter> {
    let stage = q
        .stage
        .as_deref()
        .filter(|s| !s.is_empty())
        .map(Stage::parse)
        .transpose()?;
    let mut f = Filter::new("p.deleted_at IS NULL");
    let text = q.text.trim();
    if !text.is_empty() {
        f.and(
            "p.name LIKE ?N ESCAPE '\\' OR p.phone LIKE ?N ESCAPE '\\' OR p.notes LIKE ?N ESCAPE '\\'",
            like_pattern(text),
        );
    }
    if let Some(stage) = stage {
        f.and("p.stage = ?N", stage.code().to_string());
    }
    if let Some(group) = q.party_group_id {
        f.and("p.party_group_id = ?N", group);
    }
    if !q.include_left {
        f.and_always("p.left_on IS NULL");
    }
    Ok(f)
}

/// One page of the roster for `q`, sorted in SQL.
pub fn page(conn: &Connection, q: &PersonQuery) -> Result<Vec<PersonRow>> {
    let f = roster_filter(q)?;
    let (key, desc) = match q.sort.strip_prefix('-') {
        Some(key) => (key, true),
        None => (q.sort.as_str(), false),
    };
    let order = match key {
        "stage" => {
            "CASE p.stage WHEN 'full' THEN 1 WHEN 'probationary' THEN 2 WHEN 'candidate' THEN 3
                    WHEN 'activist' THEN 4 WHEN 'applicant' THEN 5 ELSE 6 END"
        }
        "group" => "g.name IS NULL, g.name COLLATE pinyin",
        "since" => "p.stage_since",
        _ => "p.sort_key",
    };
    let dir = if desc { "DESC" } else { "ASC" };
    let filter = f.sql();
    let limit = if q.limit > 0 { q.limit.min(1000) } else { PAGE };
    let offset = q.offset.max(0);
    let sql = format!(
        "{ROW_SELECT} WHERE {filter}
         ORDER BY {order} {dir}, p.sort_key, p.id LIMIT {limit} OFFSET {offset}"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(f.params(), |r| person_from(r).map(|p| p.row))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub use crate::text::{pinyin_cmp, pinyin_sort_key as sort_key};

/// Writes each person's place in pinyin order (`sort_key`) where it is missing or out of date: at every
/// start (a name written by another program) and after the bulk writes (demo, import). Returns how
/// many were written.
pub fn refresh_sort_keys(conn: &Connection) -> Result<usize> {
    let stale: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT id, name, sort_key FROM people")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let mut stale = Vec::new();
        for row in rows {
            let (id, name, key) = row?;
            let want = crate::text::pinyin_sort_key(&name);
            if key != want {
                stale.push((id, want));
            }
        }
        stale
    };
    if !stale.is_empty() {
        let mut update = conn.prepare("UPDATE people SET sort_key = ?2 WHERE id = ?1")?;
        for (id, key) in &stale {
            update.execute(params![id, key])?;
        }
    }
    Ok(stale.len())
}

/// Every person in pinyin order of name, for pickers; those who left only when `include_left`.
pub fn names(conn: &Connection, include_left: bool) -> Result<Vec<PersonName>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, stage, party_group_id, left_on FROM people
         WHERE deleted_at IS NULL AND (?1 OR left_on IS NULL) ORDER BY sort_key, id",
    )?;
    let rows = stmt.query_map([include_left], |r| {
        let stage: String = r.get(2)?;
        let name: String = r.get(1)?;
        Ok(PersonName {
            id: r.get(0)?,
            initials: crate::text::pinyin_initials(&name),
            name,
            stage: Stage::parse(&stage).unwrap_or(Stage::NonMember),
            party_group_id: r.get(3)?,
            left_on: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// `%text%` for LIKE, with the user's own `%`, `_` and `\` matched literally.
pub(crate) fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}
