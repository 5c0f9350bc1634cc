//! The activity log (组织生活): 三会一课 and every other meeting or event, with who hosted, spoke and
//! recorded, the attendance expected from the roster as of that day, and the campaign (主题教育) or
//! special project (特色活动) it belongs to. Rates are computed from attendance, never typed.

mod campaigns;
pub mod papers;

pub use campaigns::{
    campaign_save, campaigns, project_save, projects, Campaign, CampaignInput, Project,
    ProjectInput, ProjectStatus,
};
pub(crate) use campaigns::{check_imported_campaign, check_imported_project};

use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::filter::{kept_count, year_range, Filter};
use crate::people::{self, Stage};
use crate::text::{self, NAME_MAX, NOTES_MAX};
use crate::{Error, Field, Result};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

const TITLE_MAX: usize = 200;
const MINUTES_MAX: usize = 50_000;

code_enum!(ActivityKind, Field::ActivityKind, {
    GeneralMeeting => "general_meeting", "支部党员大会", "general meeting";
    CommitteeMeeting => "committee_meeting", "支委会", "committee meeting";
    GroupMeeting => "group_meeting", "党小组会", "party group meeting";
    PartyLecture => "party_lecture", "党课", "party lecture";
    ThemeDay => "theme_day", "主题党日", "theme day";
    ReviewMeeting => "review_meeting", "组织生活会", "review meeting";
    MemberAppraisal => "member_appraisal", "民主评议党员", "member appraisal";
    Study => "study", "理论学习", "study session";
    Practice => "practice", "实践活动", "practice activity";
    JointActivity => "joint_activity", "交流共建", "joint activity";
    Visit => "visit", "走访慰问", "visit";
    Talk => "talk", "谈心谈话", "heart-to-heart talk";
    Other => "other", "其他", "other";
});

code_enum!(Presence, Field::Attendance, {
    Present => "present", "出席", "present";
    OnLeave => "on_leave", "请假", "on leave";
    Absent => "absent", "缺席", "absent";
});

code_enum!(Role, Field::Attendance, {
    Expected => "expected", "应到", "expected";
    Invited => "invited", "列席群众", "invited";
    Guest => "guest", "来宾", "guest";
});

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AttendanceInput {
    pub person_id: Option<i64>,
    pub guest_name: Option<String>,
    pub role: String,
    pub status: String,
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ActivityInput {
    pub kind: String,
    pub date: String,
    pub time: Option<String>,
    pub place: Option<String>,
    pub title: String,
    pub host_id: Option<i64>,
    pub recorder_id: Option<i64>,
    pub party_group_id: Option<i64>,
    pub other_org: Option<String>,
    pub visited: Option<String>,
    pub campaign_id: Option<i64>,
    pub project_id: Option<i64>,
    pub content: Option<String>,
    pub decisions: Option<String>,
    pub speaker_ids: Vec<i64>,
    pub attendance: Vec<AttendanceInput>,
}

/// Someone the roster expects at an activity.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ExpectedPerson {
    pub id: i64,
    pub name: String,
    pub stage: Stage,
}

/// Who the roster expects on `date`: the committee in office for a committee meeting, the group's
/// members for a group meeting, otherwise every party member; activists and candidates too when
/// `with_prospects` (they often attend study and lectures).
pub fn expected(
    conn: &Connection,
    kind: ActivityKind,
    date: NaiveDate,
    group: Option<i64>,
    with_prospects: bool,
) -> Result<Vec<ExpectedPerson>> {
    let committee = committee_on(conn, date)?;
    if kind == ActivityKind::CommitteeMeeting {
        // A handful of people: look each one up rather than work out the whole roster's stages.
        let mut out: Vec<ExpectedPerson> = Vec::new();
        for id in committee {
            if out.iter().any(|p| p.id == id) {
                continue;
            }
            if let Some(stage) = people::stage_on(conn, id, date)? {
                let name = people::get_row(conn, id)?.name;
                out.push(ExpectedPerson { id, name, stage });
            }
        }
        sort_by_name(&mut out);
        return Ok(out);
    }
    let people = people::in_branch_on(conn, date)?;
    let mut expected: Vec<ExpectedPerson> = people
        .into_iter()
        .filter(|p| match kind {
            ActivityKind::GroupMeeting => {
                p.stage.is_party_member() && group.is_some() && p.party_group_id == group
            }
            _ => {
                p.stage.is_party_member()
                    || (with_prospects && matches!(p.stage, Stage::Activist | Stage::Candidate))
            }
        })
        .map(|p| ExpectedPerson {
            id: p.id,
            name: p.name,
            stage: p.stage,
        })
        .collect();
    sort_by_name(&mut expected);
    Ok(expected)
}

/// In pinyin order, as the roster and every other list of people (伍晓明 after 吴华强, not before 刘洋).
fn sort_by_name(people: &mut [ExpectedPerson]) {
    people.sort_by(|a, b| crate::text::pinyin_cmp(&a.name, &b.name).then(a.id.cmp(&b.id)));
}

/// The people holding posts in the committee term in office on `date`.
fn committee_on(conn: &Connection, date: NaiveDate) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare(
        "SELECT c.person_id FROM committee_positions c JOIN committee_terms t ON t.id = c.term_id
         WHERE t.deleted_at IS NULL AND t.elected_on <= ?1 AND (t.ends_on IS NULL OR t.ends_on > ?1)",
    )?;
    let rows = stmt.query_map([iso(date)], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

struct Fields {
    kind: ActivityKind,
    date: NaiveDate,
    title: String,
    time: String,
    place: String,
    other_org: String,
    visited: String,
    content: String,
    decisions: String,
}

struct Clean {
    fields: Fields,
    attendance: Vec<CleanAttendance>,
}

fn require_in_branch(conn: &Connection, field: Field, person: i64, date: NaiveDate) -> Result<()> {
    let row = people::get_row(conn, person)?;
    if people::stage_on(conn, person, date)?.is_none() {
        return Err(Error::NotInBranch {
            field,
            name: row.name,
            date: iso(date),
        });
    }
    Ok(())
}

fn require_live(conn: &Connection, table: &str, id: i64, field: Field) -> Result<()> {
    let sql = format!("SELECT id FROM {table} WHERE id = ?1 AND deleted_at IS NULL");
    let found: Option<i64> = conn.query_row(&sql, [id], |r| r.get(0)).optional()?;
    found.map(|_| ()).ok_or(Error::Unknown {
        field,
        value: id.to_string(),
    })
}

fn clean(conn: &Connection, input: &ActivityInput) -> Result<Clean> {
    let fields = fields(input)?;
    let (kind, date) = (fields.kind, fields.date);
    if let Some(group) = input.party_group_id {
        crate::groups::require_live(conn, group)?;
    }
    if kind == ActivityKind::PartyLecture && input.speaker_ids.is_empty() {
        return Err(Error::Required {
            field: Field::Speaker,
        });
    }
    let listed = (input.host_id.iter().map(|p| (Field::Host, p)))
        .chain(input.recorder_id.iter().map(|p| (Field::Recorder, p)))
        .chain(input.speaker_ids.iter().map(|p| (Field::Speaker, p)));
    for (field, person) in listed {
        require_in_branch(conn, field, *person, date)?;
    }
    if let Some(campaign) = input.campaign_id {
        require_live(conn, "campaigns", campaign, Field::Campaign)?;
    }
    if let Some(project) = input.project_id {
        require_live(conn, "special_projects", project, Field::Project)?;
    }
    Ok(Clean {
        attendance: clean_attendance(conn, date, &input.attendance)?,
        fields,
    })
}

/// The form's rules for an activity's own fields, with no other record involved (an import holds
/// each stored activity to them too).
fn fields(input: &ActivityInput) -> Result<Fields> {
    let kind = ActivityKind::parse_required(&input.kind)?;
    let date = dates::parse_past(Field::Date, &input.date)?;
    let title = text::required(Field::Title, &input.title, TITLE_MAX)?;
    if kind == ActivityKind::GroupMeeting && input.party_group_id.is_none() {
        return Err(Error::Required {
            field: Field::PartyGroup,
        });
    }
    let opt = |field, value: &Option<String>, max| {
        text::optional(field, value.as_deref().unwrap_or(""), max)
    };
    Ok(Fields {
        kind,
        date,
        title,
        time: opt(Field::Date, &input.time, 20)?,
        place: opt(Field::Place, &input.place, NAME_MAX * 2)?,
        other_org: opt(Field::Organisation, &input.other_org, NAME_MAX * 2)?,
        visited: opt(Field::Notes, &input.visited, NOTES_MAX)?,
        content: opt(Field::Content, &input.content, MINUTES_MAX)?,
        decisions: opt(Field::Notes, &input.decisions, NOTES_MAX)?,
    })
}

/// A stored activity (from an import) held to the form's rules for its own fields.
pub(crate) fn check_imported(row: &crate::row::Row) -> Result<()> {
    fields(&row.parse::<ActivityInput>()?)?;
    dates::stored(Field::Date, &row.text("date"))?;
    Ok(())
}

/// The form's rules for one attendance line on its own: role, status, a reason for leave, a guest's
/// name.
fn attendance_fields(row: &AttendanceInput) -> Result<(Role, Presence, String, String)> {
    let role = Role::parse_required(&row.role)?;
    let status = Presence::parse_required(&row.status)?;
    let reason = text::optional(
        Field::Reason,
        row.reason.as_deref().unwrap_or(""),
        NAME_MAX * 2,
    )?;
    if status == Presence::OnLeave && reason.is_empty() {
        return Err(Error::Required {
            field: Field::Reason,
        });
    }
    let guest = text::optional(
        Field::Name,
        row.guest_name.as_deref().unwrap_or(""),
        NAME_MAX,
    )?;
    if row.person_id.is_none() && guest.is_empty() {
        return Err(Error::Required { field: Field::Name });
    }
    Ok((role, status, reason, guest))
}

pub(crate) fn check_imported_attendance(row: &crate::row::Row) -> Result<()> {
    attendance_fields(&row.parse::<AttendanceInput>()?).map(|_| ())
}

type CleanAttendance = (Option<i64>, Option<String>, Role, Presence, String);

fn clean_attendance(
    conn: &Connection,
    date: NaiveDate,
    rows: &[AttendanceInput],
) -> Result<Vec<CleanAttendance>> {
    let mut out: Vec<CleanAttendance> = Vec::new();
    for row in rows {
        let (role, status, reason, guest) = attendance_fields(row)?;
        match (row.person_id, guest.is_empty()) {
            (Some(person), _) => {
                require_in_branch(conn, Field::Attendance, person, date)?;
                if out.iter().any(|(p, ..)| *p == Some(person)) {
                    let name = people::get_row(conn, person)?.name;
                    return Err(Error::Duplicate {
                        field: Field::Attendance,
                        value: name,
                    });
                }
                out.push((Some(person), None, role, status, reason));
            }
            (None, false) => out.push((None, Some(guest), Role::Guest, status, reason)),
            (None, true) => return Err(Error::Required { field: Field::Name }),
        }
    }
    Ok(out)
}

/// Saves an activity with its speakers and attendance (replacing them when editing).
pub fn save(conn: &Connection, id: Option<i64>, input: &ActivityInput) -> Result<i64> {
    let c = clean(conn, input)?;
    let values = params![
        c.fields.kind.code(),
        iso(c.fields.date),
        c.fields.time,
        c.fields.place,
        c.fields.title,
        input.host_id,
        input.recorder_id,
        input.party_group_id,
        c.fields.other_org,
        c.fields.visited,
        input.campaign_id,
        input.project_id,
        c.fields.content,
        c.fields.decisions,
        dates::now()
    ];
    let id = match id {
        Some(id) => {
            require_live(conn, "activities", id, Field::Title).map_err(|_| Error::NotFound {
                what: "activity",
                id,
            })?;
            conn.execute(
                &format!(
                    "UPDATE activities SET kind = ?1, date = ?2, time = ?3, place = ?4, title = ?5, host_id = ?6,
                     recorder_id = ?7, party_group_id = ?8, other_org = ?9, visited = ?10, campaign_id = ?11,
                     project_id = ?12, content = ?13, decisions = ?14, updated_at = ?15 WHERE id = {id}"
                ),
                values,
            )?;
            conn.execute("DELETE FROM activity_speakers WHERE activity_id = ?1", [id])?;
            conn.execute("DELETE FROM attendance WHERE activity_id = ?1", [id])?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO activities (kind, date, time, place, title, host_id, recorder_id, party_group_id,
                 other_org, visited, campaign_id, project_id, content, decisions, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
                values,
            )?;
            conn.last_insert_rowid()
        }
    };
    for speaker in &input.speaker_ids {
        conn.execute(
            "INSERT OR IGNORE INTO activity_speakers (activity_id, person_id) VALUES (?1, ?2)",
            params![id, speaker],
        )?;
    }
    for (person, guest, role, status, reason) in &c.attendance {
        conn.execute(
            "INSERT INTO attendance (activity_id, person_id, guest_name, role, status, reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![id, person, guest, role.code(), status.code(), reason],
        )?;
    }
    Ok(id)
}

/// Attendance rate: present among those expected (invited people and guests do not count).
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq)]
pub struct Rate {
    pub expected: i64,
    pub present: i64,
    pub on_leave: i64,
    pub absent: i64,
}

impl Rate {
    /// Present ÷ expected, or `None` when nobody was expected.
    pub fn ratio(&self) -> Option<f64> {
        (self.expected > 0).then(|| self.present as f64 / self.expected as f64)
    }
}

const RATE_SQL: &str = "SELECT count(*), count(*) FILTER (WHERE a.status = 'present'),
    count(*) FILTER (WHERE a.status = 'on_leave'), count(*) FILTER (WHERE a.status = 'absent')
    FROM attendance a JOIN activities v ON v.id = a.activity_id
    WHERE a.role = 'expected' AND v.deleted_at IS NULL";

fn rate_from(r: &rusqlite::Row) -> rusqlite::Result<Rate> {
    Ok(Rate {
        expected: r.get(0)?,
        present: r.get(1)?,
        on_leave: r.get(2)?,
        absent: r.get(3)?,
    })
}

pub fn rate_of_activity(conn: &Connection, id: i64) -> Result<Rate> {
    Ok(conn.query_row(&format!("{RATE_SQL} AND v.id = ?1"), [id], rate_from)?)
}

/// A person's attendance over a year (activities where they were expected).
pub fn rate_of_person(conn: &Connection, person: i64, year: i32) -> Result<Rate> {
    let sql = format!("{RATE_SQL} AND a.person_id = ?1 AND substr(v.date, 1, 4) = ?2");
    Ok(conn.query_row(&sql, params![person, format!("{year:04}")], rate_from)?)
}

/// The year's attendance for one kind of activity.
pub fn rate_of_kind(conn: &Connection, kind: ActivityKind, year: i32) -> Result<Rate> {
    let sql = format!("{RATE_SQL} AND v.kind = ?1 AND substr(v.date, 1, 4) = ?2");
    Ok(conn.query_row(&sql, params![kind.code(), format!("{year:04}")], rate_from)?)
}

#[derive(Debug, Clone, Serialize)]
pub struct AttendanceRow {
    pub person_id: Option<i64>,
    /// The roster name, or the guest's name.
    pub name: String,
    pub role: Role,
    pub status: Presence,
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Activity {
    pub id: i64,
    pub kind: ActivityKind,
    pub date: String,
    pub time: String,
    pub place: String,
    pub title: String,
    pub host: Option<Named>,
    pub recorder: Option<Named>,
    pub party_group: Option<Named>,
    pub other_org: String,
    pub visited: String,
    pub campaign: Option<Named>,
    pub project: Option<Named>,
    pub content: String,
    pub decisions: String,
    pub speakers: Vec<Named>,
    pub attendance: Vec<AttendanceRow>,
    pub rate: Rate,
}

fn named(id: Option<i64>, name: Option<String>) -> Option<Named> {
    Some(Named {
        id: id?,
        name: name?,
    })
}

/// One live activity with everything recorded about it.
pub fn get(conn: &Connection, id: i64) -> Result<Activity> {
    let mut activity = conn
        .query_row(
            "SELECT v.id, v.kind, v.date, v.time, v.place, v.title, v.host_id, h.name, v.recorder_id, r.name,
                    v.party_group_id, g.name, v.other_org, v.visited, v.campaign_id, c.name, v.project_id, p.title,
                    v.content, v.decisions
             FROM activities v
             LEFT JOIN people h ON h.id = v.host_id LEFT JOIN people r ON r.id = v.recorder_id
             LEFT JOIN party_groups g ON g.id = v.party_group_id LEFT JOIN campaigns c ON c.id = v.campaign_id
             LEFT JOIN special_projects p ON p.id = v.project_id
             WHERE v.id = ?1 AND v.deleted_at IS NULL",
            [id],
            |r| {
                let kind: String = r.get(1)?;
                Ok(Activity {
                    id: r.get(0)?,
                    kind: ActivityKind::parse(&kind).unwrap_or(ActivityKind::Other),
                    date: r.get(2)?,
                    time: r.get(3)?,
                    place: r.get(4)?,
                    title: r.get(5)?,
                    host: named(r.get(6)?, r.get(7)?),
                    recorder: named(r.get(8)?, r.get(9)?),
                    party_group: named(r.get(10)?, r.get(11)?),
                    other_org: r.get(12)?,
                    visited: r.get(13)?,
                    campaign: named(r.get(14)?, r.get(15)?),
                    project: named(r.get(16)?, r.get(17)?),
                    content: r.get(18)?,
                    decisions: r.get(19)?,
                    speakers: Vec::new(),
                    attendance: Vec::new(),
                    rate: Rate::default(),
                })
            },
        )
        .optional()?
        .ok_or(Error::NotFound { what: "activity", id })?;
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name FROM activity_speakers s JOIN people p ON p.id = s.person_id WHERE s.activity_id = ?1",
    )?;
    activity.speakers = stmt
        .query_map([id], |r| {
            Ok(Named {
                id: r.get(0)?,
                name: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT a.person_id, COALESCE(p.name, a.guest_name), a.role, a.status, a.reason
         FROM attendance a LEFT JOIN people p ON p.id = a.person_id WHERE a.activity_id = ?1 ORDER BY a.id",
    )?;
    activity.attendance = stmt
        .query_map([id], |r| {
            let role: String = r.get(2)?;
            let status: String = r.get(3)?;
            Ok(AttendanceRow {
                person_id: r.get(0)?,
                name: r.get(1)?,
                role: Role::parse(&role).unwrap_or(Role::Guest),
                status: Presence::parse(&status).unwrap_or(Presence::Present),
                reason: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    activity.rate = rate_of_activity(conn, id)?;
    Ok(activity)
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ActivityQuery {
    pub year: Option<i32>,
    pub kind: Option<String>,
    pub campaign_id: Option<i64>,
    pub project_id: Option<i64>,
    /// Activities the person hosted, spoke at, recorded or was listed for.
    pub person_id: Option<i64>,
    pub text: String,
    /// Page size (default 100) and offset: a ten-year ledger holds thousands of activities.
    pub limit: Option<i64>,
    pub offset: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityRow {
    pub id: i64,
    pub kind: ActivityKind,
    pub date: String,
    pub title: String,
    pub place: String,
    pub host: Option<String>,
    pub rate: Rate,
}

pub type ActivityPage = crate::page::Page<ActivityRow>;

/// Activities newest first, filtered, one page at a time; counts come from SQL.
pub fn list(conn: &Connection, q: &ActivityQuery) -> Result<ActivityPage> {
    Ok(ActivityPage {
        total: count(conn, q)?,
        rows: page(conn, q)?,
        offset: q.offset.max(0),
    })
}

/// How many activities match `q` (the list's "of N").
pub fn count(conn: &Connection, q: &ActivityQuery) -> Result<i64> {
    let f = list_filter(q)?;
    if let Some((list, value)) = kept(q)? {
        return Ok(kept_count(conn, list, value)?);
    }
    if q.person_id.is_none() {
        return Ok(f.count(conn, "activities", "v")?);
    }
    let sql = format!("SELECT count(*) FROM {ONE_PERSON} WHERE {}", f.sql());
    Ok(conn.query_row(&sql, f.params(), |r| r.get(0))?)
}

/// The activities of one person (`pa.person_id`), newest first through the index of
/// `person_activities` (migration 14), joined to the activities as `v`.
const ONE_PERSON: &str = "person_activities pa JOIN activities v ON v.id = pa.activity_id";

/// The kept count (`list_counts`) that answers `q`, when it asks for one year, one kind or one
/// person and nothing else.
fn kept(q: &ActivityQuery) -> Result<Option<(&'static str, Value)>> {
    let kind = q.kind.as_deref().filter(|k| !k.is_empty());
    let kind = kind.map(ActivityKind::parse).transpose()?;
    let others = q.campaign_id.is_some() || q.project_id.is_some() || !q.text.trim().is_empty();
    Ok(match (q.year, kind, q.person_id) {
        _ if others => None,
        (Some(year), None, None) => Some(("activities.year", format!("{year:04}").into())),
        (None, Some(kind), None) => Some(("activities.kind", kind.code().to_string().into())),
        (None, None, Some(id)) => Some(("activities.person", id.into())),
        _ => None,
    })
}

/// The list's conditions for `q`, only the filters given.
fn list_filter(q: &ActivityQuery) -> Result<Filter> {
    let kind = q
        .kind
        .as_deref()
        .filter(|k| !k.is_empty())
        .map(ActivityKind::parse)
        .transpose()?;
    let mut f = Filter::new("v.deleted_at IS NULL");
    if let Some(year) = q.year {
        let (from, to) = year_range(year);
        f.and("v.date >= ?N", from);
        f.and("v.date <= ?N", to);
    }
    if let Some(kind) = kind {
        f.and("v.kind = ?N", kind.code().to_string());
    }
    if let Some(id) = q.campaign_id {
        f.and("v.campaign_id = ?N", id);
    }
    if let Some(id) = q.project_id {
        f.and("v.project_id = ?N", id);
    }
    if let Some(id) = q.person_id {
        // Over ONE_PERSON: hosted, recorded, spoke at or listed for.
        f.and("pa.person_id = ?N AND pa.live = 1", id);
    }
    let text = q.text.trim();
    if !text.is_empty() {
        f.and(
            "instr(v.title, ?N) > 0 OR instr(v.content, ?N) > 0 OR instr(v.place, ?N) > 0",
            text.to_string(),
        );
    }
    Ok(f)
}

/// One page of the list for `q`, newest first.
pub fn page(conn: &Connection, q: &ActivityQuery) -> Result<Vec<ActivityRow>> {
    let f = list_filter(q)?;
    let filter = f.sql();
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    // One person's activities are read newest first from their own index, and only as far as shown.
    let (from, order) = match q.person_id {
        Some(_) => (ONE_PERSON, "pa.date DESC, pa.activity_id DESC"),
        None => ("activities v", "v.date DESC, v.id DESC"),
    };
    // The page's ids first, then their rates from the kept counts of each activity's expected
    // attendance by status (migration 15): a general meeting of a large branch expects a thousand.
    // `+v.id` has no type affinity, so the kept count is looked up by its key.
    let kept = |status: &str| {
        format!(
            "coalesce((SELECT n FROM list_counts WHERE list = 'attendance.{status}' AND value = +v.id), 0)"
        )
    };
    let sql = format!(
        "SELECT v.id, v.kind, v.date, v.title, v.place, h.name,
                {present} + {on_leave} + {absent}, {present}, {on_leave}, {absent}
         FROM (SELECT v.id FROM {from} WHERE {filter}
               ORDER BY {order} LIMIT {limit} OFFSET {}) page
         JOIN activities v ON v.id = page.id LEFT JOIN people h ON h.id = v.host_id
         ORDER BY v.date DESC, v.id DESC",
        q.offset.max(0),
        present = kept("present"),
        on_leave = kept("on_leave"),
        absent = kept("absent"),
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(f.params(), |r| {
            let kind: String = r.get(1)?;
            Ok(ActivityRow {
                id: r.get(0)?,
                kind: ActivityKind::parse(&kind).unwrap_or(ActivityKind::Other),
                date: r.get(2)?,
                title: r.get(3)?,
                place: r.get(4)?,
                host: r.get(5)?,
                rate: Rate {
                    expected: r.get(6)?,
                    present: r.get(7)?,
                    on_leave: r.get(8)?,
                    absent: r.get(9)?,
                },
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
