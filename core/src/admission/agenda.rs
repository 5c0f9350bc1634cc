//! What is due for whom on the path, from the time limits: the talk within a month of the
//! application, the contacts, the half-yearly assessments, the quarterly thought reports, the year as
//! an activist, the steps before admission, the approval within three months, the oath, the end of
//! the probation.

use super::rules::{self, last, notice_end};
use super::{Step, StepKind};
use crate::dates::iso;
use crate::people::{PersonRow, Stage};
use crate::{Lang, Result};
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;

/// How far ahead a coming deadline is shown.
const AHEAD_DAYS: i64 = 30;
/// At most this many missing thought reports are named (the latest); `n` counts them all.
const QUARTERS_SHOWN: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueWhat {
    /// The talk with an applicant, within a month of the application.
    Talk,
    /// Two contacts for a new activist.
    Contacts,
    /// The `n`th half-yearly assessment.
    Assessment,
    /// Thought reports of these quarters not handed in.
    ThoughtReports,
    /// A year as activist has passed on `date`: the person may be listed as a candidate.
    CandidateReady,
    /// Steps still missing before the general meeting may admit the candidate.
    BeforeAdmission,
    /// The public notice runs until `date`.
    NoticeEnds,
    /// Everything is done and the notice is over: the general meeting may vote.
    AdmissionReady,
    /// The higher committee's approval, within three months of the general meeting.
    Approval,
    /// The oath, once approved.
    Oath,
    /// The probation ends on `date`.
    ProbationEnds,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DueState {
    /// May be taken now.
    Ready,
    /// To be taken by `date` (or soon).
    Due,
    /// Its time limit has passed.
    Overdue,
}

#[derive(Debug, Clone, Serialize)]
pub struct Due {
    pub person_id: i64,
    pub name: String,
    pub what: DueWhat,
    pub state: DueState,
    pub date: Option<String>,
    pub n: Option<i64>,
    pub quarters: Vec<String>,
    pub missing: Vec<StepKind>,
    /// The sentence the window and the paper show, in each language.
    pub zh: String,
    pub en: String,
}

impl Due {
    fn new(p: &PersonRow, what: DueWhat, state: DueState, date: Option<NaiveDate>) -> Due {
        Due {
            person_id: p.id,
            name: p.name.clone(),
            what,
            state,
            date: date.map(iso),
            n: None,
            quarters: Vec::new(),
            missing: Vec::new(),
            zh: String::new(),
            en: String::new(),
        }
    }
}

/// The due item as a sentence.
pub(super) fn sentence(d: &Due, lang: Lang) -> String {
    let zh = lang == Lang::Zh;
    let date = d.date.clone().unwrap_or_default();
    let n = d.n.unwrap_or(0);
    let text = match d.what {
        DueWhat::Talk if zh => format!("入党申请人谈话：应于 {date} 前进行（收到申请书后一个月内）"),
        DueWhat::Talk => format!("Talk with the applicant: by {date} (within a month of the application)"),
        DueWhat::Contacts if zh => format!("指定两名培养联系人：应于 {date} 前"),
        DueWhat::Contacts => format!("Assign two contacts: by {date}"),
        DueWhat::Assessment if zh => format!("第 {n} 次半年培养考察：应于 {date} 前"),
        DueWhat::Assessment => format!("Half-yearly assessment no. {n}: by {date}"),
        DueWhat::ThoughtReports => {
            let shown = d.quarters.join(lang.pick("、", ", "));
            let more = n as usize > d.quarters.len();
            match (zh, more) {
                (true, false) => format!("思想汇报 {shown} 未交"),
                (true, true) => format!("思想汇报 {shown} 等 {n} 个季度未交"),
                (false, false) => format!("Thought report not handed in: {shown}"),
                (false, true) => format!("Thought reports not handed in: {shown} ({n} quarters in all)"),
            }
        }
        DueWhat::CandidateReady if zh && d.state == DueState::Ready => format!("入党积极分子满一年（{date}），可列为发展对象"),
        DueWhat::CandidateReady if zh => format!("将于 {date} 满一年入党积极分子，届时可列为发展对象"),
        DueWhat::CandidateReady if d.state == DueState::Ready => format!("A year as activist since {date}: may be listed as a candidate"),
        DueWhat::CandidateReady => format!("A year as activist on {date}: may then be listed as a candidate"),
        DueWhat::BeforeAdmission => {
            let list = d.missing.iter().map(|k| k.label(lang)).collect::<Vec<_>>().join(lang.pick("、", ", "));
            if zh { format!("接收为预备党员前尚缺：{list}") } else { format!("Before admission, still to do: {list}") }
        }
        DueWhat::NoticeEnds if zh => format!("公示中，{date} 起可提交支部大会讨论接收"),
        DueWhat::NoticeEnds => format!("Public notice running: the general meeting may vote from {date}"),
        DueWhat::AdmissionReady if zh => "发展前的各步已齐，公示已期满，可提交支部大会讨论接收".into(),
        DueWhat::AdmissionReady => "Every step before admission is done and the notice is over: the general meeting may vote".into(),
        DueWhat::Approval if zh => format!("上级党委审批：应于 {date} 前（支部大会讨论后三个月内）"),
        DueWhat::Approval => format!("Approval by the higher committee: by {date} (within three months of the general meeting)"),
        DueWhat::Oath if zh => "已经上级党委批准，应组织入党宣誓".into(),
        DueWhat::Oath => "Approved by the higher committee: the oath is to be taken".into(),
        DueWhat::ProbationEnds if zh && d.state == DueState::Overdue => format!("预备期已于 {date} 期满，应及时提交支部大会讨论转正"),
        DueWhat::ProbationEnds if zh => format!("预备期将于 {date} 期满，届时提交支部大会讨论转正"),
        DueWhat::ProbationEnds if d.state == DueState::Overdue => format!("Probation ended on {date}: the general meeting should vote on conversion"),
        DueWhat::ProbationEnds => format!("Probation ends on {date}: the general meeting then votes on conversion"),
    };
    let overdue = d.state == DueState::Overdue
        && !matches!(d.what, DueWhat::ThoughtReports | DueWhat::ProbationEnds);
    match (overdue, zh) {
        (true, true) => format!("{text}（已逾期）"),
        (true, false) => format!("{text} (overdue)"),
        _ => text,
    }
}

fn by(deadline: NaiveDate, today: NaiveDate) -> DueState {
    if today > deadline {
        DueState::Overdue
    } else {
        DueState::Due
    }
}

fn plus_months(d: NaiveDate, n: u32) -> NaiveDate {
    d.checked_add_months(Months::new(n)).unwrap_or(d)
}

/// What is due for one person, as of `today`.
pub(super) fn for_person(
    conn: &Connection,
    p: &PersonRow,
    all: &[Step],
    today: NaiveDate,
) -> Result<Vec<Due>> {
    let mut out = Vec::new();
    if p.left_on.is_some() {
        return Ok(out);
    }
    let since = NaiveDate::parse_from_str(&p.stage_since, "%Y-%m-%d").unwrap_or(today);
    let has = |k: StepKind| all.iter().any(|s| s.kind == k);
    let activist = last(all, StepKind::Activist);
    match p.stage {
        Stage::Applicant if !has(StepKind::Talk) => {
            let applied = last(all, StepKind::Application).unwrap_or(since);
            let deadline = plus_months(applied, 1);
            out.push(Due::new(
                p,
                DueWhat::Talk,
                by(deadline, today),
                Some(deadline),
            ));
        }
        Stage::Activist | Stage::Candidate => {
            if !has(StepKind::Contacts) {
                let deadline = plus_months(activist.unwrap_or(since), 1);
                out.push(Due::new(
                    p,
                    DueWhat::Contacts,
                    by(deadline, today),
                    Some(deadline),
                ));
            }
            if let Some(start) = activist {
                out.extend(assessment(p, all, start, today));
            }
            if p.stage == Stage::Activist {
                if let Some(start) = activist {
                    let ready = crate::dates::add_years(start, 1);
                    if ready <= today + chrono::Duration::days(AHEAD_DAYS) {
                        let state = if ready <= today {
                            DueState::Ready
                        } else {
                            DueState::Due
                        };
                        out.push(Due::new(p, DueWhat::CandidateReady, state, Some(ready)));
                    }
                }
            } else {
                out.extend(before_admission(p, all, today));
            }
        }
        Stage::Probationary => {
            let admitted = last(all, StepKind::Admission).unwrap_or(since);
            if !has(StepKind::Approval) {
                let deadline = plus_months(admitted, 3);
                out.push(Due::new(
                    p,
                    DueWhat::Approval,
                    by(deadline, today),
                    Some(deadline),
                ));
            } else if !has(StepKind::Oath) {
                out.push(Due::new(p, DueWhat::Oath, DueState::Due, None));
            }
            if let Some(end) = rules::probation_end(conn, p.id)? {
                if end <= today + chrono::Duration::days(AHEAD_DAYS) {
                    let state = if end <= today {
                        DueState::Overdue
                    } else {
                        DueState::Due
                    };
                    out.push(Due::new(p, DueWhat::ProbationEnds, state, Some(end)));
                }
            }
        }
        _ => {}
    }
    if matches!(
        p.stage,
        Stage::Activist | Stage::Candidate | Stage::Probationary
    ) {
        if let Some(start) = activist {
            out.extend(thought_reports(p, all, start, today));
        }
    }
    for d in &mut out {
        d.zh = sentence(d, Lang::Zh);
        d.en = sentence(d, Lang::En);
    }
    Ok(out)
}

/// The half-yearly assessments: the next one missing, or the next one coming within a month.
fn assessment(p: &PersonRow, all: &[Step], start: NaiveDate, today: NaiveDate) -> Option<Due> {
    let day = iso(start);
    let have = all
        .iter()
        .filter(|s| s.kind == StepKind::Assessment && s.date > day)
        .count() as u32;
    let expected = (1..)
        .take_while(|k| plus_months(start, 6 * k) <= today)
        .count() as u32;
    let next = have.max(expected) + 1;
    let (n, state) = if have < expected {
        (have + 1, DueState::Overdue)
    } else if plus_months(start, 6 * next) <= today + chrono::Duration::days(AHEAD_DAYS) {
        (next, DueState::Due)
    } else {
        return None;
    };
    let mut due = Due::new(
        p,
        DueWhat::Assessment,
        state,
        Some(plus_months(start, 6 * n)),
    );
    due.n = Some(n.into());
    Some(due)
}

/// The thought reports of every quarter that has ended since the first whole quarter as activist.
fn thought_reports(p: &PersonRow, all: &[Step], start: NaiveDate, today: NaiveDate) -> Option<Due> {
    let mut quarter = quarter_start(start).checked_add_months(Months::new(3))?;
    let mut missing = Vec::new();
    loop {
        let end = quarter.checked_add_months(Months::new(3))?;
        if end > today {
            break;
        }
        let (from, to) = (iso(quarter), iso(end));
        if !all
            .iter()
            .any(|s| s.kind == StepKind::ThoughtReport && s.date >= from && s.date < to)
        {
            missing.push(format!("{}-Q{}", quarter.year(), quarter.month0() / 3 + 1));
        }
        quarter = end;
    }
    if missing.is_empty() {
        return None;
    }
    let mut due = Due::new(p, DueWhat::ThoughtReports, DueState::Overdue, None);
    due.n = Some(missing.len() as i64);
    due.quarters = missing.split_off(missing.len().saturating_sub(QUARTERS_SHOWN));
    Some(due)
}

fn quarter_start(d: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(d.year(), d.month0() / 3 * 3 + 1, 1).unwrap_or(d)
}

/// A candidate: what is still missing before admission, the notice's end, or ready to vote.
fn before_admission(p: &PersonRow, all: &[Step], today: NaiveDate) -> Vec<Due> {
    let missing: Vec<StepKind> = [
        StepKind::Introducers,
        StepKind::PoliticalReview,
        StepKind::Training,
        StepKind::CommitteeReview,
        StepKind::PreReview,
        StepKind::PublicNotice,
        StepKind::ApplicationForm,
    ]
    .into_iter()
    .filter(|k| !all.iter().any(|s| s.kind == *k))
    .collect();
    if !missing.is_empty() {
        let mut due = Due::new(p, DueWhat::BeforeAdmission, DueState::Due, None);
        due.missing = missing;
        return vec![due];
    }
    match notice_end(all) {
        Some(end) if end > today => {
            vec![Due::new(p, DueWhat::NoticeEnds, DueState::Due, Some(end))]
        }
        end => vec![Due::new(p, DueWhat::AdmissionReady, DueState::Ready, end)],
    }
}

/// What is due for everyone on the path (the home screen's reminders).
pub fn agenda(conn: &Connection, today: NaiveDate) -> Result<Vec<Due>> {
    Ok(super::on_path(conn, today)?
        .into_iter()
        .flat_map(|p| p.due)
        .collect())
}

/// What the home screen shows: what is overdue, ready or due by a date, but the probation's end,
/// which the home screen's own probation line shows (with the same end date).
pub fn due_everywhere(conn: &Connection, today: NaiveDate) -> Result<Vec<Due>> {
    Ok(agenda(conn, today)?
        .into_iter()
        .filter(|d| d.what != DueWhat::ProbationEnds)
        .filter(|d| d.state != DueState::Due || d.date.is_some())
        .collect())
}
