//! Cadence (组织生活的频次): which required meetings are due or were missed, by the rules of the branch
//! work regulations (《中国共产党支部工作条例（试行）》): a general meeting each quarter, the committee
//! and each party group each month, a theme day each month, a review meeting and member appraisal each
//! year; a party lecture each quarter as local practice; and optionally the branch's own cycle (the seed
//! branch's "one study or practice every two weeks"). The rules are settings. Periods that ended before
//! the body that holds the meeting existed (the branch, its first committee, a party group) are never
//! reported missing.

use crate::activities::ActivityKind;
use crate::dates::{self, iso};
use crate::{settings, Error, Field, Result};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Period {
    Month,
    Quarter,
    Year,
    Off,
}

impl Period {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Quarter => "quarter",
            Period::Year => "year",
            Period::Off => "off",
        }
    }

    fn parse(value: &str) -> Option<Period> {
        [Period::Month, Period::Quarter, Period::Year, Period::Off]
            .into_iter()
            .find(|p| p.code() == value)
    }

    /// The first and last day of the period that holds `date`.
    pub(crate) fn bounds(self, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        let (y, m) = (date.year(), date.month());
        let (first_month, months) = match self {
            Period::Month => (m, 1),
            Period::Quarter => ((m - 1) / 3 * 3 + 1, 3),
            Period::Year | Period::Off => (1, 12),
        };
        let start = NaiveDate::from_ymd_opt(y, first_month, 1).expect("valid month start");
        let next = start
            .checked_add_months(chrono::Months::new(months))
            .expect("in range");
        (start, next - Duration::days(1))
    }

    fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Month => format!("{}-{:02}", start.year(), start.month()),
            Period::Quarter => format!("{}-Q{}", start.year(), (start.month() - 1) / 3 + 1),
            Period::Year | Period::Off => start.year().to_string(),
        }
    }
}

/// The required kinds with their default period; group meetings are required of each party group.
const DEFAULTS: [(ActivityKind, Period); 7] = [
    (ActivityKind::GeneralMeeting, Period::Quarter),
    (ActivityKind::CommitteeMeeting, Period::Month),
    (ActivityKind::GroupMeeting, Period::Month),
    (ActivityKind::ThemeDay, Period::Month),
    (ActivityKind::PartyLecture, Period::Quarter),
    (ActivityKind::ReviewMeeting, Period::Year),
    (ActivityKind::MemberAppraisal, Period::Year),
];

/// The kinds that count toward the branch's own cycle (theory study or practice, lectures, theme days).
const CYCLE_KINDS: &str = "'study', 'practice', 'party_lecture', 'theme_day'";

#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    pub kind: ActivityKind,
    pub period: Period,
}

/// The rules in force: the defaults, changed where the secretary set a different period.
pub fn rules(conn: &Connection) -> Result<Vec<Rule>> {
    DEFAULTS
        .iter()
        .map(|&(kind, default)| {
            let stored = settings::get_text(conn, &format!("cadence.{}", kind.code()))?;
            let period = stored.as_deref().and_then(Period::parse).unwrap_or(default);
            Ok(Rule { kind, period })
        })
        .collect()
}

pub fn set_rule(conn: &Connection, kind: &str, period: &str) -> Result<()> {
    let kind = ActivityKind::parse_required(kind)?;
    if !DEFAULTS.iter().any(|(k, _)| *k == kind) {
        return Err(Error::Unknown {
            field: Field::ActivityKind,
            value: kind.code().into(),
        });
    }
    let period = Period::parse(period).ok_or_else(|| Error::Unknown {
        field: Field::Period,
        value: period.into(),
    })?;
    settings::set_text(conn, &format!("cadence.{}", kind.code()), period.code())
}

/// The branch's own cycle in weeks (0 = none).
pub fn cycle_weeks(conn: &Connection) -> Result<i64> {
    Ok(settings::get_text(conn, "cadence.cycle_weeks")?
        .and_then(|w| w.parse().ok())
        .unwrap_or(0))
}

pub fn set_cycle_weeks(conn: &Connection, weeks: i64) -> Result<()> {
    if !(0..=8).contains(&weeks) {
        return Err(Error::OutOfRange {
            field: Field::Period,
            min: 0,
            max: 8,
        });
    }
    settings::set_text(conn, "cadence.cycle_weeks", &weeks.to_string())
}

/// When the branch began: its earliest record of anyone joining.
pub fn founded_on(conn: &Connection) -> Result<Option<NaiveDate>> {
    let first: Option<String> = conn
        .query_row(
            "SELECT s.date FROM stage_changes s JOIN people p ON p.id = s.person_id
         WHERE p.deleted_at IS NULL ORDER BY s.date LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?;
    first.map(|d| dates::parse(Field::Date, &d)).transpose()
}

/// From when `kind` is required (of `group`, for group meetings): from the day the body that holds
/// it exists. Committee meetings from the first committee's election; a party group's meetings from
/// its first recorded activity (groups keep no founding date); every other kind from the branch's
/// founding (`founded`). `None` while the body does not exist yet: nothing is required of it.
pub(crate) fn required_since(
    conn: &Connection,
    kind: ActivityKind,
    group: Option<i64>,
    founded: Option<NaiveDate>,
) -> Result<Option<NaiveDate>> {
    let first: Option<String> = match (kind, group) {
        (ActivityKind::CommitteeMeeting, _) => conn.query_row(
            "SELECT min(elected_on) FROM committee_terms WHERE deleted_at IS NULL",
            [],
            |r| r.get(0),
        )?,
        (ActivityKind::GroupMeeting, Some(group)) => conn.query_row(
            "SELECT min(date) FROM activities WHERE deleted_at IS NULL AND party_group_id = ?1",
            [group],
            |r| r.get(0),
        )?,
        _ => return Ok(founded),
    };
    first.map(|d| dates::parse(Field::Date, &d)).transpose()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotState {
    /// Held at least once in the period.
    Done,
    /// The period is over and nothing was held.
    Missing,
    /// The period is under way and nothing was held yet.
    Due,
    Future,
    /// The period ended before the body that holds the meeting existed (the branch, its first
    /// committee, or this party group: see [`required_since`]).
    NotApplicable,
}

#[derive(Debug, Clone, Serialize)]
pub struct Slot {
    pub label: String,
    pub start: String,
    pub end: String,
    pub held: i64,
    pub state: SlotState,
}

/// One line of the compliance calendar: a rule (for one group, for group meetings) over a year.
#[derive(Debug, Clone, Serialize)]
pub struct CalendarLine {
    pub kind: ActivityKind,
    pub period: Period,
    pub group_id: Option<i64>,
    pub group: Option<String>,
    pub slots: Vec<Slot>,
}

pub(crate) fn held(
    conn: &Connection,
    kind: ActivityKind,
    group: Option<i64>,
    start: NaiveDate,
    end: NaiveDate,
) -> Result<i64> {
    // One group's meetings are found through the index on the group (a branch may have dozens of
    // groups, each with its line on the calendar).
    let (kind, from, to) = (kind.code(), iso(start), iso(end));
    let count = match group {
        Some(group) => conn
            .prepare_cached(
                "SELECT count(*) FROM activities WHERE deleted_at IS NULL AND party_group_id = ?4
                 AND kind = ?1 AND date BETWEEN ?2 AND ?3",
            )?
            .query_row(params![kind, from, to, group], |r| r.get(0))?,
        None => conn
            .prepare_cached(
                "SELECT count(*) FROM activities WHERE deleted_at IS NULL AND kind = ?1
                 AND date BETWEEN ?2 AND ?3",
            )?
            .query_row(params![kind, from, to], |r| r.get(0))?,
    };
    Ok(count)
}

pub(crate) fn groups(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt =
        conn.prepare("SELECT id, name FROM party_groups WHERE deleted_at IS NULL ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The compliance calendar of `year`, as of `today`.
pub fn calendar(conn: &Connection, year: i32, today: NaiveDate) -> Result<Vec<CalendarLine>> {
    let founded = founded_on(conn)?;
    let mut lines = Vec::new();
    for rule in rules(conn)?.into_iter().filter(|r| r.period != Period::Off) {
        let targets: Vec<(Option<i64>, Option<String>)> = if rule.kind == ActivityKind::GroupMeeting
        {
            groups(conn)?
                .into_iter()
                .map(|(id, name)| (Some(id), Some(name)))
                .collect()
        } else {
            vec![(None, None)]
        };
        for (group_id, group) in targets {
            let since = required_since(conn, rule.kind, group_id, founded)?;
            let slots = slots(conn, &rule, group_id, year, today, since)?;
            lines.push(CalendarLine {
                kind: rule.kind,
                period: rule.period,
                group_id,
                group,
                slots,
            });
        }
    }
    Ok(lines)
}

fn slots(
    conn: &Connection,
    rule: &Rule,
    group: Option<i64>,
    year: i32,
    today: NaiveDate,
    since: Option<NaiveDate>,
) -> Result<Vec<Slot>> {
    let mut out = Vec::new();
    let mut day = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(Error::OutOfRange {
        field: Field::Year,
        min: 1900,
        max: 2200,
    })?;
    while day.year() == year {
        let (start, end) = rule.period.bounds(day);
        let count = held(conn, rule.kind, group, start, end)?;
        let state = match () {
            _ if count > 0 => SlotState::Done,
            _ if since.is_none_or(|f| end < f) => SlotState::NotApplicable,
            _ if start > today => SlotState::Future,
            _ if end >= today => SlotState::Due,
            _ => SlotState::Missing,
        };
        out.push(Slot {
            label: rule.period.label(start),
            start: iso(start),
            end: iso(end),
            held: count,
            state,
        });
        day = end + Duration::days(1);
    }
    Ok(out)
}

/// Something the dashboard lists: a required meeting not yet held this period, one missed last
/// period, or the branch cycle running late.
#[derive(Debug, Clone, Serialize)]
pub struct Reminder {
    pub kind: Option<ActivityKind>,
    pub group_id: Option<i64>,
    pub group: Option<String>,
    pub period: String,
    /// `due` (by `by`) or `overdue` (the period ended without one).
    pub state: SlotState,
    pub by: String,
    /// The date a record made from this reminder starts with: today for one due now, the period's
    /// last day for one missed (a date inside the period is what clears the reminder).
    pub date: String,
}

/// What is due now or was missed in the last period, for every rule, plus the branch cycle.
pub fn reminders(conn: &Connection, today: NaiveDate) -> Result<Vec<Reminder>> {
    let founded = founded_on(conn)?;
    let mut out = Vec::new();
    for line in calendar(conn, today.year(), today)?
        .into_iter()
        .chain(previous_year_tail(conn, today)?)
    {
        for slot in line
            .slots
            .iter()
            .filter(|s| matches!(s.state, SlotState::Due | SlotState::Missing))
        {
            let end = dates::parse(Field::Date, &slot.end)?;
            let (previous_start, _) = line.period.bounds(today);
            let recent = slot.state == SlotState::Due || end + Duration::days(1) == previous_start;
            if recent && founded.is_some() {
                let date = match slot.state {
                    SlotState::Due => iso(today),
                    _ => slot.end.clone(),
                };
                out.push(Reminder {
                    kind: Some(line.kind),
                    group_id: line.group_id,
                    group: line.group.clone(),
                    period: slot.label.clone(),
                    state: slot.state,
                    by: slot.end.clone(),
                    date,
                });
            }
        }
    }
    if let Some(late) = cycle_reminder(conn, today)? {
        out.push(late);
    }
    Ok(out)
}

/// In January, last December's (or last quarter's) slot belongs to the previous year's calendar.
fn previous_year_tail(conn: &Connection, today: NaiveDate) -> Result<Vec<CalendarLine>> {
    if today.month() > 3 {
        return Ok(Vec::new());
    }
    Ok(calendar(conn, today.year() - 1, today)?
        .into_iter()
        .map(|mut line| {
            line.slots
                .retain(|s| s.state == SlotState::Missing && s.end.ends_with("-12-31"));
            line
        })
        .collect())
}

fn cycle_reminder(conn: &Connection, today: NaiveDate) -> Result<Option<Reminder>> {
    let weeks = cycle_weeks(conn)?;
    if weeks == 0 {
        return Ok(None);
    }
    let last: Option<String> = conn.query_row(
        &format!(
            "SELECT max(date) FROM activities WHERE deleted_at IS NULL AND kind IN ({CYCLE_KINDS})"
        ),
        [],
        |r| r.get(0),
    )?;
    let Some(last) = last else { return Ok(None) };
    let due = dates::parse(Field::Date, &last)? + Duration::weeks(weeks);
    let state = if due < today {
        SlotState::Missing
    } else if due <= today + Duration::days(7) {
        SlotState::Due
    } else {
        return Ok(None);
    };
    Ok(Some(Reminder {
        kind: None,
        group_id: None,
        group: None,
        period: format!("{weeks}w"),
        state,
        by: iso(due),
        date: iso(today),
    }))
}

#[derive(Debug, Clone, Serialize)]
pub struct NextInLine {
    pub id: i64,
    pub name: String,
    /// When they last did it, if ever.
    pub last: Option<String>,
}

/// Rotation (党员轮流讲党课): party members in the branch today, whoever has gone longest without
/// giving a party lecture first (never before anyone), then by name.
pub fn next_lecturers(
    conn: &Connection,
    today: NaiveDate,
    count: usize,
) -> Result<Vec<NextInLine>> {
    let members =
        crate::activities::expected(conn, ActivityKind::GeneralMeeting, today, None, false)?;
    // One pass over the lectures for everyone (a branch may have hundreds of members).
    let mut stmt = conn.prepare(
        "SELECT s.person_id, max(v.date) FROM activity_speakers s JOIN activities v ON v.id = s.activity_id
         WHERE v.kind = 'party_lecture' AND v.deleted_at IS NULL GROUP BY s.person_id",
    )?;
    let last: std::collections::HashMap<i64, String> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    rotation(members, |id| Ok(last.get(&id).cloned()), count)
}

/// Rotation (支委轮流主持): the committee in office today, whoever hosted longest ago first.
pub fn next_hosts(conn: &Connection, today: NaiveDate, count: usize) -> Result<Vec<NextInLine>> {
    let committee =
        crate::activities::expected(conn, ActivityKind::CommitteeMeeting, today, None, false)?;
    let mut stmt = conn.prepare(
        "SELECT date FROM activities WHERE host_id = ?1 AND deleted_at IS NULL ORDER BY date DESC LIMIT 1",
    )?;
    rotation(
        committee,
        |id| Ok(stmt.query_row([id], |r| r.get(0)).optional()?),
        count,
    )
}

/// Orders `people` by when they last took their turn (`last`, given the person's id), never first.
fn rotation(
    people: Vec<crate::activities::ExpectedPerson>,
    mut last: impl FnMut(i64) -> Result<Option<String>>,
    count: usize,
) -> Result<Vec<NextInLine>> {
    let mut out = Vec::new();
    for p in people {
        out.push(NextInLine {
            last: last(p.id)?,
            id: p.id,
            name: p.name,
        });
    }
    out.sort_by(|a, b| a.last.cmp(&b.last).then(a.name.cmp(&b.name)));
    out.truncate(count);
    Ok(out)
}

/// This year's activities by kind.
pub fn counts_by_kind(conn: &Connection, year: i32) -> Result<Vec<(ActivityKind, i64)>> {
    // One count per kind, each read from the index on kind and date alone.
    let mut stmt = conn.prepare(
        "SELECT count(*) FROM activities WHERE deleted_at IS NULL AND kind = ?1 AND date BETWEEN ?2 AND ?3",
    )?;
    let (from, to) = (format!("{year:04}-01-01"), format!("{year:04}-12-31"));
    let mut counts = Vec::new();
    for &kind in ActivityKind::ALL {
        let n: i64 = stmt.query_row(params![kind.code(), from, to], |r| r.get(0))?;
        if n > 0 {
            counts.push((kind, n));
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    Ok(counts)
}
