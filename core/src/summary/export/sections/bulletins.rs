//! The propaganda section (宣传工作): bulletin series, their issues and topics.

use super::super::{join, t, txt, Cell, Lang, Summary, Table};
use super::{records_table, Parts};
use crate::bulletins::SeriesKind;
use crate::codes::{counted, plural};

pub(super) fn bulletins(s: &Summary, lang: Lang) -> Parts {
    let b = &s.bulletins;
    let within = match (lang, s.range.is_calendar_year()) {
        (Lang::Zh, true) => "本年度",
        (Lang::Zh, false) => "本期",
        (Lang::En, true) => "In the year",
        (Lang::En, false) => "In the period",
    };
    let series: Vec<String> = b
        .series
        .iter()
        .filter(|x| x.issues > 0)
        .map(|x| match lang {
            Lang::Zh => format!(
                "{}（{}）{} 期",
                x.name,
                SeriesKind::label_of(&x.kind, lang),
                x.issues
            ),
            Lang::En => format!(
                "{} ({}) {}",
                x.name,
                SeriesKind::label_of(&x.kind, lang),
                counted(x.issues, "issue", "issues")
            ),
        })
        .collect();
    let mut lines = vec![match lang {
        Lang::Zh if series.is_empty() => format!("{within}共刊发宣传栏、简报等 {} 期。", b.total),
        Lang::Zh => format!(
            "{within}共刊发宣传栏、简报等 {} 期，其中{}。",
            b.total,
            join(lang, &series)
        ),
        Lang::En if series.is_empty() => format!(
            "{within} {} {} published.",
            counted(b.total, "issue", "issues"),
            plural(b.total, "was", "were")
        ),
        Lang::En => format!(
            "{within} {} {} published: {}.",
            counted(b.total, "issue", "issues"),
            plural(b.total, "was", "were"),
            join(lang, &series)
        ),
    }];
    let topics: Vec<String> = b.series.iter().flat_map(|x| x.topics.clone()).collect();
    if !topics.is_empty() {
        lines.push(match lang {
            Lang::Zh => format!("宣传专题包括：{}。", join(lang, &topics)),
            Lang::En => format!("Topics: {}.", join(lang, &topics)),
        });
    }
    let mut table = Table::new(
        "series",
        t(lang, "栏目", "Series"),
        &[
            lang.pick("栏目", "Series"),
            lang.pick("类型", "Kind"),
            lang.pick("期数", "Issues"),
            lang.pick("专题", "Topics"),
        ],
    );
    for x in &b.series {
        table.rows.push(vec![
            txt(x.name.clone()),
            txt(SeriesKind::label_of(&x.kind, lang)),
            Cell::Int(x.issues),
            txt(x.topics.join(lang.pick("、", ", "))),
        ]);
    }
    let records = records_table(
        "",
        t(lang, "刊发记录", "Issues published"),
        &[lang.pick("日期", "Date"), lang.pick("标题", "Title")],
        &b.records,
    );
    (lines, vec![], vec![table, records])
}
