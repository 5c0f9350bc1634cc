//! The activities section (组织生活): counts and attendance by kind, required meetings held or
//! missed, lecturers, hosts, campaigns and special projects.

use super::super::{join, rate_text, t, txt, Cell, Chart, Lang, Summary, Table};
use super::{overall_rate, records_table, Parts};
use crate::activities::{ActivityKind, ProjectStatus};
use crate::codes::counted;

/// An activity kind's English label for more than one ("general meetings", "practice activities").
fn kind_plural(one: &str) -> String {
    match one.strip_suffix("activity") {
        Some(head) => format!("{head}activities"),
        None => format!("{one}s"),
    }
}

fn period_label(code: &str, lang: Lang) -> String {
    match code {
        "month" => t(lang, "每月", "monthly"),
        "quarter" => t(lang, "每季度", "quarterly"),
        "year" => t(lang, "每年", "yearly"),
        other => other.to_string(),
    }
}

pub(super) fn activities(s: &Summary, lang: Lang) -> Parts {
    let a = &s.activities;
    let within = match (lang, s.range.is_calendar_year()) {
        (Lang::Zh, true) => "本年度",
        (Lang::Zh, false) => "本期",
        (Lang::En, true) => "In the year",
        (Lang::En, false) => "In the period",
    };
    let mut lines = Vec::new();
    let kinds: Vec<String> = a
        .by_kind
        .iter()
        .filter(|k| k.count > 0)
        .map(|k| match lang {
            Lang::Zh => format!("{} {} 次", ActivityKind::label_of(&k.kind, lang), k.count),
            Lang::En => {
                let one = match ActivityKind::label_of(&k.kind, lang) {
                    other if other == "other" => "other activity".to_string(),
                    label => label,
                };
                counted(k.count, &one, &kind_plural(&one))
            }
        })
        .collect();
    lines.push(match lang {
        Lang::Zh if kinds.is_empty() => format!("{within}共开展组织生活 {} 次。", a.total),
        Lang::Zh => format!(
            "{within}共开展组织生活 {} 次，其中{}。",
            a.total,
            join(lang, &kinds)
        ),
        Lang::En if kinds.is_empty() => format!(
            "{within} the branch held {}.",
            counted(a.total, "activity", "activities")
        ),
        Lang::En => format!(
            "{within} the branch held {}: {}.",
            counted(a.total, "activity", "activities"),
            join(lang, &kinds)
        ),
    });
    let expected: i64 = a.by_kind.iter().map(|k| k.expected).sum();
    let present: i64 = a.by_kind.iter().map(|k| k.present).sum();
    if expected > 0 {
        lines.push(match lang {
            Lang::Zh => format!(
                "应到 {expected} 人次，实到 {present} 人次，出席率 {}。",
                rate_text(overall_rate(s))
            ),
            Lang::En => format!(
                "{} out of {expected} expected: an attendance rate of {}.",
                counted(present, "attendance", "attendances"),
                rate_text(overall_rate(s))
            ),
        });
    }
    let people = |list: &[crate::summary::PersonCount]| -> Vec<String> {
        list.iter()
            .map(|p| match lang {
                Lang::Zh => format!("{}（{} 次）", p.name, p.count),
                Lang::En => format!("{} ({})", p.name, p.count),
            })
            .collect()
    };
    if !a.lecturers.is_empty() {
        let times: i64 = a.lecturers.iter().map(|p| p.count).sum();
        lines.push(match lang {
            Lang::Zh => format!(
                "党员轮流讲党课，共 {} 人 {times} 人次：{}。",
                a.lecturers.len(),
                join(lang, &people(&a.lecturers))
            ),
            Lang::En => format!(
                "Members took turns giving party lectures: {}, {} ({}).",
                counted(a.lecturers.len() as i64, "speaker", "speakers"),
                counted(times, "lecture", "lectures"),
                join(lang, &people(&a.lecturers))
            ),
        });
    }
    if !a.hosts.is_empty() {
        lines.push(match lang {
            Lang::Zh => format!("支委轮流主持：{}。", join(lang, &people(&a.hosts))),
            Lang::En => format!("Hosts: {}.", join(lang, &people(&a.hosts))),
        });
    }
    let gaps: Vec<String> = a
        .compliance
        .iter()
        .filter(|c| !c.missing.is_empty())
        .map(|c| {
            let who = match &c.group {
                Some(g) => format!("{g}{}", ActivityKind::label_of(&c.kind, lang)),
                None => ActivityKind::label_of(&c.kind, lang),
            };
            match lang {
                Lang::Zh => format!(
                    "{who}（{}）未开展：{}",
                    period_label(&c.period, lang),
                    c.missing.join("、")
                ),
                Lang::En => format!(
                    "{who} ({}) missing in {}",
                    period_label(&c.period, lang),
                    c.missing.join(", ")
                ),
            }
        })
        .collect();
    if !a.compliance.is_empty() {
        lines.push(match (lang, gaps.is_empty()) {
            (Lang::Zh, true) => "“三会一课”等组织生活均按规定频次开展。".to_string(),
            (Lang::Zh, false) => format!("以下组织生活未按规定频次开展：{}。", gaps.join("；")),
            (Lang::En, true) => {
                "Every required meeting was held as often as the rules ask.".to_string()
            }
            (Lang::En, false) => format!("Required meetings not held: {}.", gaps.join("; ")),
        });
    }
    for c in &a.campaigns {
        lines.push(match lang {
            Lang::Zh => format!(
                "主题教育“{}”（{} 起{}），本期开展活动 {} 次。",
                c.name,
                c.starts_on,
                c.ends_on
                    .as_ref()
                    .map(|e| format!("，至 {e}"))
                    .unwrap_or_default(),
                c.activities
            ),
            Lang::En => format!(
                "Campaign “{}” (from {}{}): {} in the period.",
                c.name,
                c.starts_on,
                c.ends_on
                    .as_ref()
                    .map(|e| format!(" to {e}"))
                    .unwrap_or_default(),
                counted(c.activities, "activity", "activities")
            ),
        });
    }
    for p in &a.projects {
        let rating = if p.rating.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::Zh => format!("，评为“{}”", p.rating),
                Lang::En => format!(", rated “{}”", p.rating),
            }
        };
        lines.push(match lang {
            Lang::Zh => format!(
                "{}年度特色活动“{}”（{}{rating}），开展活动 {} 次。",
                p.year,
                p.title,
                ProjectStatus::label_of(&p.status, lang),
                p.activities
            ),
            Lang::En => format!(
                "Special project {} “{}” ({}{rating}): {}.",
                p.year,
                p.title,
                ProjectStatus::label_of(&p.status, lang),
                counted(p.activities, "activity", "activities")
            ),
        });
    }

    let mut by_kind = Table::new(
        "by-kind",
        t(lang, "按类型统计", "By kind"),
        &[
            lang.pick("类型", "Kind"),
            lang.pick("次数", "Held"),
            lang.pick("应到人次", "Expected"),
            lang.pick("实到人次", "Present"),
            lang.pick("出席率", "Attendance rate"),
        ],
    );
    for k in &a.by_kind {
        by_kind.rows.push(vec![
            txt(ActivityKind::label_of(&k.kind, lang)),
            Cell::Int(k.count),
            Cell::Int(k.expected),
            Cell::Int(k.present),
            Cell::Rate(k.rate),
        ]);
    }
    let mut compliance = Table::new(
        "compliance",
        t(lang, "“三会一课”落实情况", "Required meetings"),
        &[
            lang.pick("类型", "Kind"),
            lang.pick("党小组", "Party group"),
            lang.pick("频次", "Frequency"),
            lang.pick("应开展", "Required"),
            lang.pick("已开展", "Held"),
            lang.pick("未开展的时段", "Periods missed"),
        ],
    );
    for c in &a.compliance {
        compliance.rows.push(vec![
            txt(ActivityKind::label_of(&c.kind, lang)),
            txt(c.group.clone().unwrap_or_default()),
            txt(period_label(&c.period, lang)),
            Cell::Int(c.required),
            Cell::Int(c.held),
            txt(c.missing.join(lang.pick("、", ", "))),
        ]);
    }
    let person_table = |slug, title: String, list: &[crate::summary::PersonCount]| {
        let mut table = Table::new(
            slug,
            title,
            &[lang.pick("姓名", "Name"), lang.pick("次数", "Times")],
        );
        for p in list {
            table
                .rows
                .push(vec![txt(p.name.clone()), Cell::Int(p.count)]);
        }
        table
    };
    let lecturers = person_table(
        "lecturers",
        t(lang, "党课主讲", "Party lecture speakers"),
        &a.lecturers,
    );
    let hosts = person_table("hosts", t(lang, "主持", "Hosts"), &a.hosts);
    let mut campaigns = Table::new(
        "campaigns",
        t(lang, "主题教育", "Campaigns"),
        &[
            lang.pick("名称", "Name"),
            lang.pick("开始日期", "Starts on"),
            lang.pick("结束日期", "Ends on"),
            lang.pick("本期活动次数", "Activities"),
        ],
    );
    for c in &a.campaigns {
        campaigns.rows.push(vec![
            txt(c.name.clone()),
            Cell::Date(c.starts_on.clone()),
            Cell::Date(c.ends_on.clone().unwrap_or_default()),
            Cell::Int(c.activities),
        ]);
    }
    let mut projects = Table::new(
        "projects",
        t(lang, "特色活动", "Special projects"),
        &[
            lang.pick("年度", "Year"),
            lang.pick("名称", "Title"),
            lang.pick("状态", "Status"),
            lang.pick("评定", "Rating"),
            lang.pick("活动次数", "Activities"),
        ],
    );
    for p in &a.projects {
        projects.rows.push(vec![
            Cell::Int(p.year),
            txt(p.title.clone()),
            txt(ProjectStatus::label_of(&p.status, lang)),
            txt(p.rating.clone()),
            Cell::Int(p.activities),
        ]);
    }
    let records = records_table(
        "",
        t(lang, "活动记录", "Activities held"),
        &[lang.pick("日期", "Date"), lang.pick("活动", "Activity")],
        &a.records,
    );
    (
        lines,
        vec![Chart::ActivitiesPerMonth, Chart::AttendanceByKind],
        vec![
            by_kind, compliance, lecturers, hosts, campaigns, projects, records,
        ],
    )
}
