//! The annual summary (年度工作总结) for a calendar year or any date range (such as a committee term):
//! every figure computed from the records, never typed, each section with the records behind it so
//! the text can cite them, the chart series, and the secretary's narrative per section.
//! Exports (Word, Excel, CSV, HTML, JSON) are in [`crate::summary_export`].
//! No personal data (phone, birth date) appears here: names and dates of events only.

use crate::people::StageCounts;
use crate::{Error, Field, Result};
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
];

/// The dates a summary covers, both ends included (ISO dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub from: String,
    pub to: String,
}

/// A record behind a figure: its date and a one-line title (for citing in the text).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub date: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    pub range: Range,
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
    /// Head counts by stage on the first and on the last day of the range.
    pub on_first: StageCounts,
    pub on_last: StageCounts,
    /// Became probationary members (入党) in the range.
    pub admitted: Vec<Record>,
    /// Became full members (转正) in the range.
    pub became_full: Vec<Record>,
    pub transferred_in: Vec<Record>,
    pub transferred_out: Vec<Record>,
    /// Party members (full + probationary) on the last day minus on the first day.
    pub growth: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organisation {
    /// Committee terms in office at any time in the range.
    pub terms: Vec<TermLine>,
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
    /// Members of the group on the last day of the range.
    pub members: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Activities {
    pub total: i64,
    pub by_kind: Vec<KindLine>,
    /// Required meetings missing in a month or quarter of the range (cadence rules).
    pub compliance: Vec<ComplianceLine>,
    /// Who gave party lectures (speakers) and who hosted, with how many times, most first.
    pub lecturers: Vec<PersonCount>,
    pub hosts: Vec<PersonCount>,
    pub campaigns: Vec<CampaignLine>,
    pub projects: Vec<ProjectLine>,
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
    pub required: i64,
    pub held: i64,
    /// Periods (like "2019-03" or "2019Q2") with no such meeting.
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
    /// Issues published in the range.
    pub total: i64,
    pub series: Vec<SeriesLine>,
    pub records: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesLine {
    pub name: String,
    pub kind: String,
    pub issues: i64,
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
    pub top_titles: Vec<PersonCount>,
    pub records: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Suggestions {
    pub received: i64,
    pub answered: i64,
    pub median_days_to_respond: Option<f64>,
    /// (category, received, answered); "" is the uncategorised.
    pub by_category: Vec<(String, i64, i64)>,
    pub records: Vec<Record>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Honours {
    pub records: Vec<HonourLine>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HonourLine {
    pub year: i64,
    pub title: String,
    /// Level code (see `honours::Level`).
    pub level: String,
    /// The person's name, or `None` for the branch.
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
    /// Attendance rate per activity kind in the range (kind code, rate 0–1).
    pub attendance_by_kind: Vec<(String, f64)>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StagePoint {
    pub year: i32,
    pub counts: StageCounts,
}

/// Checks a range typed by the secretary: real dates, `from` not after `to`.
pub fn range(from: &str, to: &str) -> Result<Range> {
    let f = crate::dates::parse(Field::Date, from)?;
    let t = crate::dates::parse(Field::EndsOn, to)?;
    if t < f {
        return Err(Error::TooEarly {
            field: Field::EndsOn,
            earliest: crate::dates::iso(f),
            reason_zh: "结束日期不能早于开始日期".into(),
            reason_en: "the range cannot end before it starts".into(),
        });
    }
    Ok(Range {
        from: crate::dates::iso(f),
        to: crate::dates::iso(t),
    })
}

/// A calendar year as a range.
pub fn year(year: i32) -> Range {
    Range {
        from: format!("{year:04}-01-01"),
        to: format!("{year:04}-12-31"),
    }
}

@@IMPL@@