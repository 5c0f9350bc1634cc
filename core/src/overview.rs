//! What each screen opens with (首页, 花名册, 组织生活, 宣传, 意见箱, 支部书架): the figures and reminders
//! gathered from the rooms in one read, with the app's policy numbers named here rather than in the
//! window's shell.

use crate::activities::{self, ActivityPage, ActivityQuery, Campaign, Project, Rate};
use crate::bulletins::{self, Numbering, Series, YearCount};
use crate::cadence::{self, CalendarLine, NextInLine, Reminder, Rule};
use crate::groups::{self, Group};
use crate::loans::{self, LoanQuery, Rules};
use crate::stocktake::{self, PastStocktake, Stocktake};
use crate::{activities::ActivityKind, backup, books, committee, dates, people, settings};
use crate::{suggestions, Result};
use chrono::{Datelike, NaiveDate, NaiveDateTime};
use rusqlite::Connection;
use serde::Serialize;

/// Days ahead in which a probationary member's year ends and the roster says so (预备期将满).
pub const PROBATION_NOTICE_DAYS: i64 = 30;
/// How many people the home screen names as the next lecturers and the next hosts.
pub const NEXT_IN_LINE: usize = 3;
/// The most activities a person's participation lists for one year.
pub const PARTICIPATION_LIMIT: i64 = 200;

#[derive(Debug, Serialize)]
pub struct Dashboard {
    /// The day the reminders are computed as of: today, or a demo ledger's `demo_as_of`.
    pub today: String,
    /// Set for the demo: its reminders are computed as of this day, not the calendar's.
    pub demo_as_of: Option<String>,
    pub reminders: Vec<Reminder>,
    pub calendar: Vec<CalendarLine>,
    pub next_lecturers: Vec<NextInLine>,
    pub next_hosts: Vec<NextInLine>,
    pub counts: Vec<(ActivityKind, i64)>,
    pub cycle_weeks: i64,
    pub rules: Vec<Rule>,
    pub overdue_loans: loans::Overdue,
    /// Members with three or more months of dues unpaid (党费欠缴).
    pub dues_arrears: Vec<crate::dues::register::Arrear>,
    /// Admission steps overdue, ready or due by a date (发展党员).
    pub admission_due: Vec<crate::admission::Due>,
}

/// The home screen for `year` (this year when not given), as of `today` (for the demo, as of the end
/// of its records: see [`settings::reminders_as_of`]).
pub fn dashboard(conn: &Connection, today: NaiveDate, year: Option<i32>) -> Result<Dashboard> {
    let today = settings::reminders_as_of(conn, today)?;
    let year = year.unwrap_or_else(|| today.year());
    Ok(Dashboard {
        today: dates::iso(today),
        demo_as_of: settings::get_text(conn, settings::DEMO_AS_OF)?,
        reminders: cadence::reminders(conn, today)?,
        calendar: cadence::calendar(conn, year, today)?,
        next_lecturers: cadence::next_lecturers(conn, today, NEXT_IN_LINE)?,
        next_hosts: cadence::next_hosts(conn, today, NEXT_IN_LINE)?,
        counts: cadence::counts_by_kind(conn, year)?,
        cycle_weeks: cadence::cycle_weeks(conn)?,
        rules: cadence::rules(conn)?,
        overdue_loans: loans::overdue(conn)?,
        dues_arrears: crate::dues::register::arrears(conn, today)?,
        admission_due: crate::admission::due_everywhere(conn, today)?,
    })
}

#[derive(Debug, Serialize)]
pub struct Roster {
    pub counts: people::StageCounts,
    pub probation_due: Vec<people::ProbationDue>,
    pub reelection: Option<committee::Reelection>,
    pub groups: Vec<Group>,
    pub backup_reminder: Option<backup::Reminder>,
    pub suggestions_overdue: suggestions::Overdue,
    pub suggestion_overdue_days: i64,
    /// Set for the demo: the reminders about people are computed as of this day.
    pub demo_as_of: Option<String>,
}

/// The roster's head: counts by stage and the reminders that concern people, as of `now` (for the demo,
/// as of the end of its records; the backup reminder always as of `now`).
pub fn roster(conn: &Connection, now: NaiveDateTime) -> Result<Roster> {
    let today = settings::reminders_as_of(conn, now.date())?;
    let s = settings::load(conn)?;
    Ok(Roster {
        demo_as_of: s.demo_as_of.clone(),
        counts: people::counts(conn)?,
        probation_due: people::probation_due(conn, today, PROBATION_NOTICE_DAYS)?,
        reelection: committee::reelection(conn, today, s.term_years)?,
        groups: groups::list(conn)?,
        backup_reminder: backup::reminder(s.last_usb_backup_at.as_deref(), s.backup_nag_days, now),
        suggestions_overdue: suggestions::overdue(conn, today, s.suggestion_overdue_days)?,
        suggestion_overdue_days: s.suggestion_overdue_days,
    })
}

#[derive(Debug, Serialize)]
pub struct Activities {
    pub campaigns: Vec<Campaign>,
    pub projects: Vec<Project>,
}

pub fn activities(conn: &Connection) -> Result<Activities> {
    Ok(Activities {
        campaigns: activities::campaigns(conn)?,
        projects: activities::projects(conn)?,
    })
}

/// A person's participation: their activities of a year and their attendance rate in it.
#[derive(Debug, Serialize)]
pub struct Participation {
    pub year: i32,
    pub rate: Rate,
    pub activities: ActivityPage,
}

pub fn participation(conn: &Connection, person_id: i64, year: i32) -> Result<Participation> {
    let query = ActivityQuery {
        person_id: Some(person_id),
        year: Some(year),
        limit: Some(PARTICIPATION_LIMIT),
        ..Default::default()
    };
    Ok(Participation {
        year,
        rate: activities::rate_of_person(conn, person_id, year)?,
        activities: activities::list(conn, &query)?,
    })
}

#[derive(Debug, Serialize)]
pub struct Bulletins {
    pub series: Vec<Series>,
    pub topics: Vec<String>,
    pub gaps: Vec<Numbering>,
    pub per_year: Vec<YearCount>,
}

pub fn bulletins(conn: &Connection) -> Result<Bulletins> {
    Ok(Bulletins {
        series: bulletins::series_list(conn)?,
        topics: bulletins::topics(conn)?,
        gaps: bulletins::numbering_gaps(conn)?,
        per_year: bulletins::counts_per_year(conn)?,
    })
}

#[derive(Debug, Serialize)]
pub struct Suggestions {
    pub categories: Vec<String>,
    pub overdue: suggestions::Overdue,
    pub overdue_days: i64,
    pub this_year: suggestions::YearStats,
}

/// The suggestion box's head, with the numbers of `year` (this year when not given).
pub fn suggestions(conn: &Connection, today: NaiveDate, year: Option<i32>) -> Result<Suggestions> {
    let days = settings::load(conn)?.suggestion_overdue_days;
    Ok(Suggestions {
        categories: suggestions::categories(conn)?,
        overdue: suggestions::overdue(conn, today, days)?,
        overdue_days: days,
        this_year: suggestions::year_stats(conn, year.unwrap_or_else(|| today.year()))?,
    })
}

#[derive(Debug, Serialize)]
pub struct Bookshelf {
    pub vocabulary: books::Vocabulary,
    pub rules: Rules,
    pub overdue: loans::Overdue,
    pub open_loans: i64,
    pub this_year: loans::YearStats,
    pub stocktake: Option<i64>,
}

pub fn bookshelf(conn: &Connection, today: NaiveDate) -> Result<Bookshelf> {
    let open = LoanQuery {
        open_only: true,
        limit: 1,
        ..Default::default()
    };
    Ok(Bookshelf {
        vocabulary: books::vocabulary(conn)?,
        rules: loans::rules(conn)?,
        overdue: loans::overdue(conn)?,
        open_loans: loans::list(conn, &open)?.total,
        this_year: loans::year_stats(conn, today.year())?,
        stocktake: stocktake::open_id(conn)?,
    })
}

#[derive(Debug, Serialize)]
pub struct Stocktakes {
    pub current: Option<Stocktake>,
    pub history: Vec<PastStocktake>,
}

pub fn stocktakes(conn: &Connection) -> Result<Stocktakes> {
    Ok(Stocktakes {
        current: stocktake::current(conn)?,
        history: stocktake::history(conn)?,
    })
}
