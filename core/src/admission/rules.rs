//! The procedure's order and time limits (发展党员工作细则): at which stage each step is taken, which
//! steps must come before it, and the waits between them.

use super::{stage_on, Clean, Step, StepKind};
use crate::dates::iso;
use crate::people::Stage;
use crate::{settings, Error, Field, Result};
use chrono::{Months, NaiveDate};
use rusqlite::Connection;

/// The public notice's period in days when the branch has not set one (5 working days).
pub const NOTICE_DAYS_DEFAULT: i64 = 7;
const NOTICE_DAYS_KEY: &str = "admission_notice_days";
const NOTICE_DAYS_MAX: i64 = 30;

pub fn notice_days(conn: &Connection) -> Result<i64> {
    Ok(settings::get_text(conn, NOTICE_DAYS_KEY)?
        .and_then(|d| d.parse().ok())
        .unwrap_or(NOTICE_DAYS_DEFAULT))
}

pub fn set_notice_days(conn: &Connection, days: i64) -> Result<i64> {
    if !(1..=NOTICE_DAYS_MAX).contains(&days) {
        return Err(Error::OutOfRange {
            field: Field::NoticeDays,
            min: 1,
            max: NOTICE_DAYS_MAX,
        });
    }
    settings::set_text(conn, NOTICE_DAYS_KEY, &days.to_string())?;
    Ok(days)
}

/// The stages a step is taken in (the person's stage on its date).
fn stages(kind: StepKind) -> &'static [Stage] {
    use Stage::*;
    use StepKind as K;
    match kind {
        K::Talk => &[Applicant],
        K::Contacts | K::Assessment => &[Activist, Candidate],
        K::ThoughtReport => &[Activist, Candidate, Probationary],
        K::Introducers
        | K::PoliticalReview
        | K::Training
        | K::CommitteeReview
        | K::PreReview
        | K::PublicNotice
        | K::ApplicationForm => &[Candidate],
        K::HigherTalk | K::Approval | K::Extension => &[Probationary],
        K::Oath => &[Probationary, Full],
        K::ConversionApproval => &[Full],
        // The steps that change the stage are taken from the stage before.
        K::Application => &[NonMember],
        K::Activist => &[Applicant],
        K::Candidate => &[Activist],
        K::Admission => &[Candidate],
        K::Conversion => &[Probationary],
    }
}

/// The steps that must have been taken, on or before its date, before a step.
fn after(kind: StepKind) -> &'static [StepKind] {
    use StepKind as K;
    match kind {
        K::Activist => &[K::Talk],
        K::Candidate => &[K::Contacts],
        K::CommitteeReview => &[K::Introducers, K::PoliticalReview, K::Training],
        K::PreReview | K::PublicNotice => &[K::CommitteeReview],
        K::ApplicationForm => &[K::PreReview],
        K::Admission => &[
            K::Introducers,
            K::PoliticalReview,
            K::Training,
            K::CommitteeReview,
            K::PreReview,
            K::PublicNotice,
            K::ApplicationForm,
        ],
        K::Oath => &[K::Approval],
        K::ConversionApproval => &[K::Conversion],
        _ => &[],
    }
}

/// Assessments and thought reports recur; every other step is taken once.
pub(super) fn repeats(kind: StepKind) -> bool {
    matches!(kind, StepKind::Assessment | StepKind::ThoughtReport)
}

/// A refusal that names the field and says the rule.
pub(super) fn refuse(field: Field, zh: &str, en: &str) -> Error {
    Error::ProcedureRule {
        field,
        rule_zh: zh.to_string(),
        rule_en: en.to_string(),
    }
}

/// The numbers some steps carry: the training's length, the notice's days, the extension's months.
pub(super) fn check_fields(conn: &Connection, c: &Clean) -> Result<()> {
    match c.kind {
        StepKind::Training => {
            let (days, hours) = (c.days.unwrap_or(0), c.hours.unwrap_or(0));
            if !(0..=365).contains(&days)
                || !(0..=1000).contains(&hours)
                || (days < 3 && hours < 24)
            {
                return Err(refuse(
                    Field::Days,
                    "集中培训时间一般不少于 3 天（或不少于 24 个学时），请填写培训天数或学时",
                    "the concentrated training lasts at least 3 days (or 24 class hours): enter its days or hours",
                ));
            }
        }
        StepKind::PublicNotice => {
            let least = notice_days(conn)?;
            let days = c.days.unwrap_or(least);
            if days < least || days > 60 {
                return Err(refuse(
                    Field::Days,
                    &format!("公示期不少于 {least} 天（本支部的设置）"),
                    &format!("the public notice runs at least {least} days (the branch's setting)"),
                ));
            }
        }
        StepKind::Extension => {
            let months = c.months.unwrap_or(0);
            if !(6..=12).contains(&months) {
                return Err(Error::OutOfRange {
                    field: Field::Months,
                    min: 6,
                    max: 12,
                });
            }
        }
        StepKind::Contacts | StepKind::Introducers if names(&c.done_by) < 2 => {
            return Err(refuse(
                Field::DoneBy,
                "须写明两个人的姓名（用顿号隔开，如：王谦、孙进）",
                "name two people (separated by commas, e.g. Wang Qian, Sun Jin)",
            ));
        }
        _ => {}
    }
    Ok(())
}

/// How many names a "who" field holds (separated by 、 , ， ; ； / or spaces).
fn names(text: &str) -> usize {
    text.split(['、', ',', '，', ';', '；', '/', ' ', '　'])
        .filter(|s| !s.trim().is_empty())
        .count()
}

/// A step that does not change the stage: its stage, the steps before it, once only.
pub(super) fn check_step(
    conn: &Connection,
    c: &Clean,
    all: &[Step],
    id: Option<i64>,
) -> Result<()> {
    let stage = stage_on(conn, c.person.id, c.date)?;
    let allowed = stages(c.kind);
    if !stage.is_some_and(|s| allowed.contains(&s)) {
        return Err(out_of_stage(c, stage, allowed));
    }
    if !repeats(c.kind) {
        if let Some(taken) = all.iter().find(|s| s.kind == c.kind && s.id != id) {
            return Err(Error::Duplicate {
                field: Field::Step,
                value: format!("{} {}", taken.date, c.kind.label(crate::Lang::Zh)),
            });
        }
    }
    check_before(c, all)
}

/// A step that changes the stage: the steps before it and its waiting time (the roster checks the
/// stage order and that it is not earlier than the last change).
pub(super) fn check_milestone(conn: &Connection, c: &Clean, all: &[Step]) -> Result<()> {
    if c.person.stage != stages(c.kind)[0] && c.kind != StepKind::Application {
        return Err(out_of_stage(c, Some(c.person.stage), stages(c.kind)));
    }
    check_before(c, all)?;
    let earliest = match c.kind {
        StepKind::Candidate => last(all, StepKind::Activist).map(|d| {
            (
                crate::dates::add_years(d, 1),
                "确定为入党积极分子满一年后，才能列为发展对象",
                "an activist becomes a candidate after at least one year",
            )
        }),
        StepKind::Admission => notice_end(all).map(|d| {
            (
                d,
                "公示期满后，才能提交支部大会讨论",
                "the general meeting votes after the public notice has ended",
            )
        }),
        StepKind::Conversion => probation_end(conn, c.person.id)?.map(|d| {
            (
                d,
                "预备期（含延长的时间）满后，才能讨论转正",
                "conversion is voted when the probation (with any extension) has ended",
            )
        }),
        _ => None,
    };
    match earliest {
        Some((d, zh, en)) if c.date < d => Err(Error::TooEarly {
            field: Field::Date,
            earliest: iso(d),
            reason_zh: zh.into(),
            reason_en: en.into(),
        }),
        _ => Ok(()),
    }
}

fn check_before(c: &Clean, all: &[Step]) -> Result<()> {
    let day = iso(c.date);
    let missing: Vec<StepKind> = after(c.kind)
        .iter()
        .copied()
        .filter(|k| !all.iter().any(|s| s.kind == *k && s.date <= day))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let list = |lang| {
        missing
            .iter()
            .map(|k| k.label(lang))
            .collect::<Vec<_>>()
            .join(lang.pick("、", ", "))
    };
    Err(Error::StepOutOfOrder {
        step: c.kind.term(),
        needs_zh: format!("先记录：{}", list(crate::Lang::Zh)),
        needs_en: format!("record first: {}", list(crate::Lang::En)),
    })
}

fn out_of_stage(c: &Clean, stage: Option<Stage>, allowed: &[Stage]) -> Error {
    let now_zh = stage.map_or("不在本支部名册上", |s| s.label(crate::Lang::Zh));
    let now_en = stage.map_or("not on the branch's roster", |s| s.label(crate::Lang::En));
    let want = |lang| {
        allowed
            .iter()
            .map(|s| s.label(lang))
            .collect::<Vec<_>>()
            .join(lang.pick("或", " or "))
    };
    Error::StepOutOfOrder {
        step: c.kind.term(),
        needs_zh: format!(
            "这一步在「{}」阶段进行，{}在 {} 是「{}」",
            want(crate::Lang::Zh),
            c.person.name,
            iso(c.date),
            now_zh
        ),
        needs_en: format!(
            "it is taken as {}; on {} {} was {}",
            want(crate::Lang::En),
            iso(c.date),
            c.person.name,
            now_en
        ),
    }
}

/// The date of the person's latest step of `kind`.
pub(super) fn last(all: &[Step], kind: StepKind) -> Option<NaiveDate> {
    all.iter()
        .rev()
        .find(|s| s.kind == kind)
        .and_then(|s| NaiveDate::parse_from_str(&s.date, "%Y-%m-%d").ok())
}

/// The day after the public notice's last day.
pub(super) fn notice_end(all: &[Step]) -> Option<NaiveDate> {
    let notice = all.iter().find(|s| s.kind == StepKind::PublicNotice)?;
    let start = NaiveDate::parse_from_str(&notice.date, "%Y-%m-%d").ok()?;
    Some(start + chrono::Duration::days(notice.days.unwrap_or(NOTICE_DAYS_DEFAULT)))
}

/// When a probationary member's probation ends: a year from the general meeting that admitted them
/// (their stage change), plus an extension if one was decided. None if they are not on probation.
pub fn probation_end(conn: &Connection, person: i64) -> Result<Option<NaiveDate>> {
    let since: Option<String> = conn
        .query_row(
            "SELECT stage_since FROM people WHERE id = ?1 AND stage = 'probationary'",
            [person],
            |r| r.get(0),
        )
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    let Some(since) = since.and_then(|s| NaiveDate::parse_from_str(&s, "%Y-%m-%d").ok()) else {
        return Ok(None);
    };
    let extension: i64 = conn.query_row(
        "SELECT coalesce(max(months), 0) FROM admission_steps
         WHERE person_id = ?1 AND kind = 'extension' AND deleted_at IS NULL AND date >= ?2",
        rusqlite::params![person, iso(since)],
        |r| r.get(0),
    )?;
    let end = crate::dates::add_years(since, 1);
    Ok(Some(
        end.checked_add_months(Months::new(extension.clamp(0, 12) as u32))
            .unwrap_or(end),
    ))
}

/// The kinds that may be recorded next for someone at `stage`, in the procedure's order: the steps of
/// the stage not yet taken (recurring ones always), then the step to the next stage.
pub(super) fn next_kinds(stage: Stage, all: &[Step]) -> Vec<StepKind> {
    StepKind::ALL
        .iter()
        .copied()
        .filter(|k| {
            let here = if k.changes_to().is_some() {
                stages(*k)[0] == stage
            } else {
                stages(*k).contains(&stage)
            };
            here && (repeats(*k) || !all.iter().any(|s| s.kind == *k))
        })
        .collect()
}
