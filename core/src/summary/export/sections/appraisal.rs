//! The member appraisal section (民主评议党员): the counts by rating of the years the range covers and
//! how many members were not rated. Names stay out of the summary unless the branch chose to name
//! the members rated 优秀 (the appraisal screen's setting).

use super::super::{t, Cell, Lang, Summary, Table};
use super::Parts;

pub(super) fn appraisal(s: &Summary, lang: Lang) -> Parts {
    let a = &s.appraisal;
    let rated: i64 = a.counts.iter().map(|c| c.1).sum();
    let years: Vec<String> = a.years.iter().map(|y| y.to_string()).collect();
    let line = if rated == 0 {
        t(
            lang,
            "本期没有民主评议党员的记录。",
            "No member appraisal is recorded for the period.",
        )
    } else {
        let parts: Vec<String> = a
            .counts
            .iter()
            .map(|(r, n)| match lang {
                Lang::Zh => format!("{} {n} 名", r.label(lang)),
                Lang::En => format!("{n} {}", r.label(lang)),
            })
            .collect();
        match lang {
            Lang::Zh => format!(
                "{} 年度民主评议党员，共评议 {rated} 名党员：{}{}。",
                years.join("、"),
                parts.join("，"),
                if a.not_rated > 0 {
                    format!("；另有 {} 名党员未参加评议", a.not_rated)
                } else {
                    String::new()
                }
            ),
            Lang::En => format!(
                "In the appraisal of {}, {rated} members were rated: {}{}.",
                years.join(", "),
                parts.join(", "),
                if a.not_rated > 0 {
                    format!("; {} members were not rated", a.not_rated)
                } else {
                    String::new()
                }
            ),
        }
    };
    let mut table = Table::new(
        "appraisal",
        t(lang, "民主评议党员结果", "Member appraisal"),
        &[
            lang.pick("评定等次", "Rating"),
            lang.pick("人数", "Members"),
        ],
    );
    for (r, n) in &a.counts {
        table
            .rows
            .push(vec![Cell::Text(r.label(lang).to_string()), Cell::Int(*n)]);
    }
    table.rows.push(vec![
        Cell::Text(t(lang, "未评议", "Not rated")),
        Cell::Int(a.not_rated),
    ]);
    let mut lines = vec![line];
    if !a.excellent.is_empty() {
        let names: Vec<String> = a
            .excellent
            .iter()
            .map(|(y, n)| match (lang, a.years.len()) {
                (_, 1) => n.clone(),
                (Lang::Zh, _) => format!("{n}（{y}）"),
                (Lang::En, _) => format!("{n} ({y})"),
            })
            .collect();
        lines.push(match lang {
            Lang::Zh => format!("评为优秀的党员：{}。", names.join("、")),
            Lang::En => format!("Rated excellent: {}.", names.join(", ")),
        });
    }
    (lines, vec![], vec![table])
}
