//! The annual summary (年度工作总结) for a calendar year or any date range (such as a committee term):
//! every figure computed from the records, never typed, each section with the records behind it so
//! the text can cite them, the chart series, and the secretary's narrative per section.
//! No personal data (phone, birth date) appears here: names and dates of events only.
//!
//! The rooms: this file holds the computed [`Summary`] and what the app calls; `range` the dates a
//! summary covers; `figures` the queries behind each section's figures; `notes` the secretary's
//! narratives; [`export`] the exports (Word, Excel, CSV, HTML, JSON).

pub mod export;
mod figures;
mod notes;
mod range;

pub use notes::{notes, save_note, NOTE_MAX};
pub use range::{year, Range};

use crate::dates::{self, iso};
use crate::people::StageCounts;
use crate::{committee, Result};
use chrono::Datelike;
use figures::{
    activities_in, activities_per_month, bookshelf_in, bulletins_in, honours_in, members_by_year,
    membership_in, organisation_in, suggestions_in,
};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// The sections, in the order the summary shows them; their codes key the narratives.
pub const SECTIONS: &[&str] = &[
    "membership",
    "organisation",
    "activities",
    "bulletins",
    "bookshelf",
    "suggestions",
    "honours",
    "dues",
    "appraisal",
    "development",
];

/// A record behind a figure: its date and a one-line title (for citing in the text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub date: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub range: Range,
    /// The branch's name (Settings), for the paper's cover; empty when not set.
    pub branch: String,
    /// "2019年" for a calendar year, else "2016-09-01 至 2020-12-31" (zh) / "… to …" (en).
    pub label_zh: String,
    pub label_en: String,
    pub membership: Membership,
    pub organisation: Organisation,
    pub activities: Activities,
    pub bulletins: Bulletins,
    pub bookshelf: Bookshelf,
    pub suggestions: Suggestions,
    pub honours: Honours,
    /// Party dues: money in and out and punctuality, never an income or a name.
    pub dues: crate::dues::register::RangeFigures,
    /// The yearly appraisal of members: counts by rating, never a name.
    pub appraisal: crate::appraisals::RangeFigures,
    /// The admission procedure: steps taken in the range by kind, never a name.
    pub development: crate::admission::RangeFigures,
    pub charts: Charts,
    /// The secretary's narrative per section code (only sections that have one).
    pub notes: Vec<Note>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Note {
    pub section: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    /// Head counts by stage on the first and on the last day of the range. `on_first` is the count
    /// as the first day begins (the end of the day before), so that what happened on the first day
    /// (an admission, a transfer out on 1 January) is counted in the range, both in the lists below
    /// and in `growth`; `on_last` is the count at the end of the last day. `left` stays 0.
    pub on_first: StageCounts,
    pub on_last: StageCounts,
    /// The moves in the range, by stage: `entered` counts each time someone came into a stage (an
    /// admission, becoming full, a transfer in, a first entry on the roster), `exited` each time
    /// someone left one (moving on to the next stage, a transfer out). Per stage,
    /// `on_first + entered − exited = on_last`. Moves on one day count once, from the stage the
    /// day began with to the stage it ended with. `left` stays 0.
    pub entered: StageCounts,
    pub exited: StageCounts,
    /// Became probationary members (入党) in the range: stage changes to probationary, including a
    /// person's first entry as probationary, unless a transfer in (转入) brought them that day.
    /// Title: the person's name.
    pub admitted: Vec<Record>,
    /// Became full members (转正) in the range (probationary → full). Title: the person's name.
    pub became_full: Vec<Record>,
    /// Transfers in and out dated in the range. Title: "张三（转自…）" / "张三（转往…）".
    pub transferred_in: Vec<Record>,
    pub transferred_out: Vec<Record>,
    /// Party members (full + probationary) on the last day minus on the first day.
    pub growth: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organisation {
    /// Committee terms in office at any time in the range (elected by its last day, not ended by
    /// its first: a term ends the day the next one is elected), by term number.
    pub terms: Vec<TermLine>,
    /// Every live party group (groups keep no founding date), in the order they were made.
    pub groups: Vec<GroupLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TermLine {
    pub ordinal: i64,
    pub elected_on: String,
    pub ends_on: Option<String>,
    /// (position code, name), in the order of the posts.
    pub seats: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupLine {
    pub name: String,
    pub leader: Option<String>,
    /// Members of the group on the last day of the range: people in the branch that day (any stage)
    /// whose party group is this one (group moves are not dated, so the current group counts).
    pub members: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activities {
    /// Live activities dated in the range (trashed ones never count).
    pub total: i64,
    /// Kinds with at least one activity, in the order of `ActivityKind::ALL`.
    pub by_kind: Vec<KindLine>,
    /// Required meetings missing in a month or quarter of the range (cadence rules): one line per
    /// rule in force (per party group for group meetings) that had a required period in the range.
    pub compliance: Vec<ComplianceLine>,
    /// Who gave party lectures (speakers of 党课) and who hosted (any activity), with how many times,
    /// most first, then by name.
    pub lecturers: Vec<PersonCount>,
    pub hosts: Vec<PersonCount>,
    /// Campaigns running at some time in the range, or with activities in it, by start date.
    pub campaigns: Vec<CampaignLine>,
    /// Special projects of the range's years, or with activities in it, by year.
    pub projects: Vec<ProjectLine>,
    /// Every activity, oldest first; title "主题党日：…" (the kind's Chinese label, then the title).
    pub records: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KindLine {
    /// Activity kind code (see `activities::ActivityKind`).
    pub kind: String,
    pub count: i64,
    pub expected: i64,
    pub present: i64,
    /// present ÷ expected, `None` when nobody was expected.
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ComplianceLine {
    pub kind: String,
    /// A party group's name for per-group meetings.
    pub group: Option<String>,
    /// "month", "quarter" or "year".
    pub period: String,
    /// Periods lying wholly inside the range, over before today, and not ended before the branch's
    /// first record.
    pub required: i64,
    /// Of those, the periods with at least one such meeting (`required − held = missing.len()`).
    pub held: i64,
    /// Periods (like "2019-03", "2019Q2" or "2019") with no such meeting, in order.
    pub missing: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonCount {
    pub name: String,
    pub count: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CampaignLine {
    pub name: String,
    pub starts_on: String,
    pub ends_on: Option<String>,
    /// Its activities within the range.
    pub activities: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProjectLine {
    pub year: i64,
    pub title: String,
    pub status: String,
    pub rating: String,
    pub activities: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bulletins {
    /// Issues published in the range (status published, publish date in the range).
    pub total: i64,
    /// Series with issues in the range, in the order they were made.
    pub series: Vec<SeriesLine>,
    /// Every issue, oldest first; title "宣传栏 第3期 …".
    pub records: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesLine {
    pub name: String,
    /// Series kind code (see `bulletins::SeriesKind`).
    pub kind: String,
    pub issues: i64,
    /// Topics of its issues in the range, most used first.
    pub topics: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bookshelf {
    /// Titles and copies held on the last day (lost and withdrawn ones left out).
    pub titles: i64,
    pub copies: i64,
    pub copies_added: i64,
    /// Loans made in the range (a loan spanning the end counts in the range it was made).
    pub loans: i64,
    pub borrowers: i64,
    pub member_borrowers: i64,
    pub other_borrowers: i64,
    pub member_loans: i64,
    pub other_loans: i64,
    /// The most lent titles (title, loans), at most ten.
    pub top_titles: Vec<PersonCount>,
    /// Every loan made in the range, oldest first; title "《书名》" (no borrower).
    pub records: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestions {
    /// Entries received in the range.
    pub received: i64,
    /// Of those received, the ones answered (answered or closed) by now, whenever the response is
    /// dated; `received_answered + received_declined + still_open = received`.
    pub received_answered: i64,
    /// Of those received, the ones answered with the response dated by the range's last day.
    pub received_answered_in_range: i64,
    /// Of those received, the ones declined (不予采纳) by now.
    pub received_declined: i64,
    /// Of those received, the ones not yet answered, closed or declined (new or in progress).
    pub still_open: i64,
    /// Entries answered (answered or closed, not declined) with the response dated in the range,
    /// whenever they were received.
    pub answered: i64,
    /// Of `answered`, the entries received before the range (answers to older entries).
    pub answered_older: i64,
    /// Median days from receipt to response of the answers dated in the range (`answered`).
    pub median_days_to_respond: Option<f64>,
    /// (category, received, answered in the range); "" is the uncategorised. Most received first.
    pub by_category: Vec<(String, i64, i64)>,
    /// Entries received in the range, oldest first; title "category：the first 30 characters…"
    /// (never the author).
    pub records: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Honours {
    /// Live honours awarded in the range: by `awarded_on` when it is known, else by `year` (any of
    /// the range's years). By year.
    pub records: Vec<HonourLine>,
    /// How many of them went to the branch itself (its own honours).
    pub branch: i64,
    /// How many went to people of the branch.
    pub persons: i64,
    /// How many went to the unit the branch serves (collective awards that are not the branch's own).
    pub unit: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HonourLine {
    pub year: i64,
    pub title: String,
    /// Level code (see `honours::Level`).
    pub level: String,
    /// Who it went to: `branch`, `person` or `unit` (see `honours::RecipientKind`).
    pub recipient_kind: String,
    /// The person's name, or `None` for the branch or the unit.
    pub recipient: Option<String>,
    pub awarding_body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Charts {
    /// Head count by stage on 31 December of each year from the branch's first record to the
    /// range's last year (the last point is the range's last day).
    pub members_by_year: Vec<StagePoint>,
    /// Activities per month of the range ("2019-01").
    pub activities_per_month: Vec<(String, i64)>,
    /// Attendance rate per activity kind in the range (kind code, rate 0–1), kinds with someone
    /// expected only.
    pub attendance_by_kind: Vec<(String, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StagePoint {
    pub year: i32,
    pub counts: StageCounts,
}

/// Computes the whole summary for `range`.
pub fn compute(conn: &Connection, range: &Range) -> Result<Summary> {
    let (label_zh, label_en) = labels(range);
    let activities = activities_in(conn, range, dates::today())?;
    let charts = Charts {
        members_by_year: members_by_year(conn, range.to())?,
        activities_per_month: activities_per_month(conn, range)?,
        attendance_by_kind: activities
            .by_kind
            .iter()
            .filter_map(|k| k.rate.map(|rate| (k.kind.clone(), rate)))
            .collect(),
    };
    Ok(Summary {
        branch: crate::settings::branch_name(conn)?,
        label_zh,
        label_en,
        membership: membership_in(conn, range)?,
        organisation: organisation_in(conn, range)?,
        activities,
        bulletins: bulletins_in(conn, range)?,
        bookshelf: bookshelf_in(conn, range)?,
        suggestions: suggestions_in(conn, range)?,
        honours: honours_in(conn, range)?,
        dues: crate::dues::register::in_range(conn, range.from(), range.to(), dates::today())?,
        appraisal: crate::appraisals::in_range(conn, range.from(), range.to())?,
        development: crate::admission::in_range(conn, range.from(), range.to())?,
        charts,
        notes: notes(conn, range)?,
        range: *range,
    })
}

/// "2019年" / "2019" for a whole calendar year, else both dates.
fn labels(range: &Range) -> (String, String) {
    if range.is_calendar_year() {
        let year = range.from().year();
        (format!("{year}年"), year.to_string())
    } else {
        let (f, t) = range.iso();
        (format!("{f} 至 {t}"), format!("{f} to {t}"))
    }
}

/// The ranges the app offers to summarise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranges {
    /// The years that hold records, latest first: from this year back to the year of the first stage
    /// change (only this year in an empty ledger).
    pub years: Vec<i32>,
    /// Committee terms: (ordinal, the dates it covers), as [`terms_as_ranges`] gives them.
    pub terms: Vec<(i64, Range)>,
}

/// The years and the committee terms the secretary can choose a summary by.
pub fn ranges(conn: &Connection) -> Result<Ranges> {
    let this_year = dates::today().year();
    let first: Option<String> =
        conn.query_row("SELECT min(date) FROM stage_changes", [], |r| r.get(0))?;
    let first = first
        .and_then(|d| d.get(..4).and_then(|y| y.parse().ok()))
        .unwrap_or(this_year);
    Ok(Ranges {
        years: (first..=this_year).rev().collect(),
        terms: terms_as_ranges(conn)?,
    })
}

/// Each live committee term as (term number, the dates it covers): from its election to its end, or
/// to today while it is in office. The latest term first. A term whose dates make no range (elected
/// after today by this computer's clock) is left out.
pub fn terms_as_ranges(conn: &Connection) -> Result<Vec<(i64, Range)>> {
    let today = iso(dates::today());
    Ok(committee::list(conn)?
        .into_iter()
        .filter_map(|t| {
            let to = t.ends_on.as_deref().unwrap_or(&today);
            Range::new(&t.elected_on, to)
                .ok()
                .map(|range| (t.ordinal, range))
        })
        .collect())
}
