//! People (花名册): members and everyone else the branch deals with, their stage in the admission process
//! (with its dated history) and their transfers in and out. The history is the source of truth; the
//! `stage`, `stage_since` and `left_on` columns mirror it for quick lists and are updated with it.

use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::filter::Filter;
use crate::text::{self, NAME_MAX, NOTES_MAX, ORG_MAX};
use crate::{Error, Field, Lang, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

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
        Some("male") => Some("male"),
        Some("female") => Some("female"),
        Some(other) => {
            return Err(Error::Unknown {
                field: Field::Gender,
                value: other.to_string(),
            })
        }
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

/// Records a dated step in the admission process.
pub fn change_stage(conn: &Connection, id: i64, input: &StageChangeInput) -> Result<()> {
    let person = get_row(conn, id)?;
    if person.left_on.is_some() {
        return Err(Error::HasLeft { name: person.name });
    }
    let to = required_stage(&input.to)?;
    let date = dates::parse_past(Field::Date, &input.date)?;
    let note = text::optional(Field::Notes, input.note.as_deref().unwrap_or(""), NOTES_MAX)?;
    let from = person.stage;
    if to == from {
        return Err(Error::SameStage);
    }
    if !from.may_become(to) {
        return Err(Error::StageOrder {
            from: from.term(),
            to: to.term(),
        });
    }
    not_before_latest_event(conn, &person, date)?;
    let since = dates::parse(Field::Date, &person.stage_since)?;
    if from == Stage::Probationary && to == Stage::Full {
        let due = dates::add_years(since, 1);
        if date < due {
            return Err(Error::TooEarly {
                field: Field::Date,
                earliest: iso(due),
                reason_zh: "预备期为一年，期满才能转正".into(),
                reason_en: "probation lasts one year before full membership".into(),
            });
        }
    }
    conn.execute(
        "INSERT INTO stage_changes (person_id, date, from_stage, to_stage, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, iso(date), from.code(), to.code(), note],
    )?;
    conn.execute(
        "UPDATE people SET stage = ?2, stage_since = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, to.code(), iso(date), dates::now()],
    )?;
    Ok(())
}

/// Records a transfer out of the branch (转出) or back in (转入).
pub fn transfer(conn: &Connection, id: i64, input: &TransferInput) -> Result<()> {
    let person = get_row(conn, id)?;
    let date = dates::parse_past(Field::Date, &input.date)?;
    let org = text::required(Field::Organisation, &input.organisation, ORG_MAX)?;
    let note = text::optional(Field::Notes, input.note.as_deref().unwrap_or(""), NOTES_MAX)?;
    match (input.direction, &person.left_on) {
        (Direction::Out, Some(_)) => return Err(Error::HasLeft { name: person.name }),
        (Direction::In, None) => return Err(Error::AlreadyIn { name: person.name }),
        _ => {}
    }
    not_before_latest_event(conn, &person, date)?;
    if input.direction == Direction::Out {
        crate::groups::check_not_leaving_as_leader(conn, id, person.party_group_id)?;
    }
    insert_transfer(conn, id, input.direction, &iso(date), &org, &note)?;
    let left_on = (input.direction == Direction::Out).then(|| iso(date));
    conn.execute(
        "UPDATE people SET left_on = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, left_on, dates::now()],
    )?;
    Ok(())
}

fn insert_transfer(
    conn: &Connection,
    id: i64,
    dir: Direction,
    date: &str,
    org: &str,
    note: &str,
) -> Result<()> {
    let direction = match dir {
        Direction::In => "in",
        Direction::Out => "out",
    };
    conn.execute(
        "INSERT INTO transfers (person_id, direction, date, organisation, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, direction, date, org, note],
    )?;
    Ok(())
}

/// A new stage change or transfer cannot predate the person's latest one.
fn not_before_latest_event(conn: &Connection, person: &PersonRow, date: NaiveDate) -> Result<()> {
    let since = dates::parse(Field::Date, &person.stage_since)?;
    let latest = latest_event(conn, person.id)?.max(since);
    if date < latest {
        return Err(Error::TooEarly {
            field: Field::Date,
            earliest: iso(latest),
            reason_zh: "上一次身份变动或转接的日期".into(),
            reason_en: "the previous stage change or transfer".into(),
        });
    }
    Ok(())
}

/// The date of the person's latest stage change or transfer.
fn latest_event(conn: &Connection, id: i64) -> Result<NaiveDate> {
    let latest: Option<String> = conn.query_row(
        "SELECT max(d) FROM (SELECT max(date) AS d FROM stage_changes WHERE person_id = ?1
                             UNION ALL SELECT max(date) FROM transfers WHERE person_id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    match latest {
        Some(d) => dates::parse(Field::Date, &d),
        None => Ok(NaiveDate::MIN),
    }
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

fn history(conn: &Connection, id: i64) -> Result<Vec<StageChange>> {
    let mut stmt = conn.prepare(
        "SELECT date, from_stage, to_stage, note FROM stage_changes WHERE person_id = ?1 ORDER BY date, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let from: Option<String> = r.get(1)?;
        let to: String = r.get(2)?;
        Ok(StageChange {
            date: r.get(0)?,
            from: from.and_then(|s| Stage::parse(&s).ok()),
            to: Stage::parse(&to).unwrap_or(Stage::NonMember),
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn transfers(conn: &Connection, id: i64) -> Result<Vec<Transfer>> {
    let mut stmt = conn.prepare(
        "SELECT direction, date, organisation, note FROM transfers WHERE person_id = ?1 ORDER BY date, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let dir: String = r.get(0)?;
        Ok(Transfer {
            direction: if dir == "in" {
                Direction::In
            } else {
                Direction::Out
            },
            date: r.get(1)?,
            organisation: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The records that point at a person and keep them from the trash, described in `lang`.
pub fn roles(conn: &Connection, id: i64, lang: Lang) -> Result<Vec<String>> {
    let mut roles = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT name FROM party_groups WHERE leader_id = ?1 AND deleted_at IS NULL ORDER BY name",
    )?;
    for group in stmt.query_map([id], |r| r.get::<_, String>(0))? {
        let group = group?;
        roles.push(match lang {
            Lang::Zh => format!("{group}组长"),
            Lang::En => format!("leader of {group}"),
        });
    }
    let counts: (i64, i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM bulletin_editors e JOIN bulletin_issues i ON i.id = e.issue_id
                 WHERE e.person_id = ?1 AND i.deleted_at IS NULL),
                (SELECT count(*) FROM suggestions WHERE author_id = ?1 AND deleted_at IS NULL),
                (SELECT count(*) FROM suggestions WHERE assignee_id = ?1 AND deleted_at IS NULL)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (edited, authored, assigned) = counts;
    let activities: i64 = conn.query_row(
        "SELECT count(*) FROM activities v WHERE v.deleted_at IS NULL AND (v.host_id = ?1 OR v.recorder_id = ?1
           OR EXISTS (SELECT 1 FROM activity_speakers s WHERE s.activity_id = v.id AND s.person_id = ?1)
           OR EXISTS (SELECT 1 FROM attendance a WHERE a.activity_id = v.id AND a.person_id = ?1))",
        [id],
        |r| r.get(0),
    )?;
    if activities > 0 {
        roles.push(
            lang.pick(
                &format!("{activities}次组织生活的参加者"),
                &format!("listed in {activities} activities"),
            )
            .to_string(),
        );
    }
    if edited > 0 {
        roles.push(
            lang.pick(
                &format!("{edited}期宣传的编辑"),
                &format!("editor of {edited} bulletin issues"),
            )
            .to_string(),
        );
    }
    if authored > 0 {
        roles.push(
            lang.pick(
                &format!("{authored}条意见的提出人"),
                &format!("author of {authored} suggestions"),
            )
            .to_string(),
        );
    }
    if assigned > 0 {
        roles.push(
            lang.pick(
                &format!("{assigned}条意见的负责人"),
                &format!("in charge of {assigned} suggestions"),
            )
            .to_string(),
        );
    }
    let honours: i64 = conn.query_row(
        "SELECT count(*) FROM honours WHERE person_id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if honours > 0 {
        roles.push(
            lang.pick(
                &format!("{honours}项荣誉的获得者"),
                &format!("the recipient of {honours} honours"),
            )
            .to_string(),
        );
    }
    let loans: i64 = conn.query_row(
        "SELECT count(*) FROM loans WHERE person_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if loans > 0 {
        roles.push(
            lang.pick(
                &format!("{loans}次借书的借阅人"),
                &format!("the borrower in {loans} loans"),
            )
            .to_string(),
        );
    }
    for (ordinal, position) in crate::committee::positions_of(conn, id)? {
        roles.push(match lang {
            Lang::Zh => format!("第{ordinal}届支委会{}", position.label(lang)),
            Lang::En => format!("{} of committee term {ordinal}", position.label(lang)),
        });
    }
    Ok(roles)
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
    Ok(roster_filter(q)?.count(conn, "people", "p")?)
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

/// Today's head count by stage, of people in the branch; `left` counts those who transferred out.
pub fn counts(conn: &Connection) -> Result<StageCounts> {
    let mut counts = StageCounts::default();
    let mut stmt = conn.prepare(
        "SELECT stage, left_on IS NOT NULL, count(*) FROM people WHERE deleted_at IS NULL GROUP BY 1, 2",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let n: i64 = row.get(2)?;
        if row.get::<_, bool>(1)? {
            counts.left += n;
        } else if let Ok(stage) = Stage::parse(&row.get::<_, String>(0)?) {
            counts.add(stage, n);
        }
    }
    Ok(counts)
}

/// Each live person in the branch on date `?1`, with their stage that day. Someone is in the branch
/// when their latest transfer by then brought them in, or, before any transfer, unless their first
/// transfer was the one that brought them in.
const STAGE_ON: &str = "SELECT p.id AS person_id,
        (SELECT s.to_stage FROM stage_changes s WHERE s.person_id = p.id AND s.date <= ?1
         ORDER BY s.date DESC, s.id DESC LIMIT 1) AS stage
    FROM people p
    WHERE p.deleted_at IS NULL
      AND COALESCE(
            (SELECT t.direction FROM transfers t WHERE t.person_id = p.id AND t.date <= ?1
             ORDER BY t.date DESC, t.id DESC LIMIT 1),
            (SELECT CASE t.direction WHEN 'in' THEN 'out' ELSE 'in' END FROM transfers t
             WHERE t.person_id = p.id ORDER BY t.date, t.id LIMIT 1),
            'in') = 'in'";

/// The head count by stage on a past date, rebuilt from the stage history and transfers
/// (the annual summary's "members on 1 January and 31 December").
pub fn counts_on(conn: &Connection, date: NaiveDate) -> Result<StageCounts> {
    let sql =
        format!("SELECT stage, count(*) FROM ({STAGE_ON}) WHERE stage IS NOT NULL GROUP BY stage");
    let mut stmt = conn.prepare(&sql)?;
    let mut counts = StageCounts::default();
    let mut rows = stmt.query([iso(date)])?;
    while let Some(row) = rows.next()? {
        if let Ok(stage) = Stage::parse(&row.get::<_, String>(0)?) {
            counts.add(stage, row.get(1)?);
        }
    }
    Ok(counts)
}

/// Someone in the branch on a given day: their stage that day and their (current) party group.
#[derive(Debug, Clone)]
pub struct OnDate {
    pub id: i64,
    pub name: String,
    pub stage: Stage,
    pub party_group_id: Option<i64>,
}

/// Everyone in the branch on `date`, in one query.
pub fn in_branch_on(conn: &Connection, date: NaiveDate) -> Result<Vec<OnDate>> {
    let sql = format!(
        "SELECT s.person_id, p.name, s.stage, p.party_group_id FROM ({STAGE_ON}) s
         JOIN people p ON p.id = s.person_id WHERE s.stage IS NOT NULL ORDER BY p.name, p.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([iso(date)], |r| {
        let stage: String = r.get(2)?;
        Ok(OnDate {
            id: r.get(0)?,
            name: r.get(1)?,
            stage: Stage::parse(&stage).unwrap_or(Stage::NonMember),
            party_group_id: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person's stage on a date, or `None` when they were not in the branch that day.
pub fn stage_on(conn: &Connection, id: i64, date: NaiveDate) -> Result<Option<Stage>> {
    let sql = format!("SELECT stage FROM ({STAGE_ON}) WHERE person_id = ?2");
    let stage: Option<Option<String>> = conn
        .query_row(&sql, params![iso(date), id], |r| r.get(0))
        .optional()?;
    Ok(stage.flatten().and_then(|s| Stage::parse(&s).ok()))
}

/// Probationary members whose year is up by `horizon` (typically today plus a month), oldest first.
pub fn probation_due(
    conn: &Connection,
    today: NaiveDate,
    horizon_days: i64,
) -> Result<Vec<ProbationDue>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, stage_since FROM people WHERE stage = 'probationary' AND left_on IS NULL
         AND deleted_at IS NULL ORDER BY stage_since, name",
    )?;
    let horizon = today + chrono::Duration::days(horizon_days);
    let mut due = Vec::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (id, name, since) = row?;
        let due_on = dates::add_years(dates::parse(Field::Date, &since)?, 1);
        if due_on <= horizon {
            due.push(ProbationDue {
                id,
                name,
                since,
                due_on: iso(due_on),
                overdue: due_on < today,
            });
        }
    }
    Ok(due)
}
