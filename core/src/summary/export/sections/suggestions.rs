//! The suggestions section (群众意见): received and what became of them, answers to older entries,
//! the median days to respond, by category.

use super::super::{join, num_text, t, txt, Cell, Lang, Summary, Table};
use super::{records_table, Parts};
use crate::codes::{counted, plural};

fn category_label(c: &str, lang: Lang) -> String {
    if c.is_empty() {
        t(lang, "未分类", "uncategorised")
    } else {
        c.to_string()
    }
}

pub(super) fn suggestions(s: &Summary, lang: Lang) -> Parts {
    let x = &s.suggestions;
    let year = s.range.is_calendar_year();
    let (within, inside, earlier) = match (lang, year) {
        (Lang::Zh, true) => ("本年度", "本年度内", "往年"),
        (Lang::Zh, false) => ("本期", "本期内", "此前"),
        (Lang::En, true) => (
            "In the year",
            "within the year",
            "received in earlier years",
        ),
        (Lang::En, false) => ("In the period", "within the period", "received before it"),
    };
    let mut lines = Vec::new();
    lines.push(match lang {
        Lang::Zh if x.received == 0 => format!("{within}未收到群众意见建议。"),
        Lang::Zh => {
            let declined = match x.received_declined {
                0 => String::new(),
                n => format!("，不予采纳 {n} 条"),
            };
            format!(
                "{within}收到群众意见建议 {} 条，截至目前已答复 {} 条（其中{inside}答复 {} 条）{declined}，尚未办结 {} 条。",
                x.received, x.received_answered, x.received_answered_in_range, x.still_open
            )
        }
        Lang::En if x.received == 0 => format!("{within} no suggestions were received."),
        Lang::En => {
            let declined = match x.received_declined {
                0 => String::new(),
                n => format!(", {n} declined"),
            };
            format!(
                "{within} {} {} received; so far {} {} been answered ({} {inside}){declined} and {} {} still open.",
                counted(x.received, "suggestion", "suggestions"),
                plural(x.received, "was", "were"),
                x.received_answered,
                plural(x.received_answered, "has", "have"),
                x.received_answered_in_range,
                x.still_open,
                plural(x.still_open, "is", "are"),
            )
        }
    });
    if x.answered_older > 0 {
        lines.push(match lang {
            Lang::Zh => format!(
                "{within}另答复{earlier}收到的意见建议 {} 条。",
                x.answered_older
            ),
            Lang::En => format!(
                "{within} the branch also answered {} {earlier}.",
                counted(x.answered_older, "suggestion", "suggestions")
            ),
        });
    }
    if let Some(d) = x.median_days_to_respond {
        lines.push(match lang {
            Lang::Zh => format!(
                "{within}作出的 {} 条答复，用时中位数 {} 天。",
                x.answered,
                num_text(d)
            ),
            Lang::En => format!(
                "The {} given {inside} took a median of {} {} from receipt.",
                counted(x.answered, "answer", "answers"),
                num_text(d),
                if d == 1.0 { "day" } else { "days" }
            ),
        });
    }
    if !x.by_category.is_empty() {
        let cats: Vec<String> = x
            .by_category
            .iter()
            .filter(|(_, r, _)| *r > 0)
            .map(|(c, r, _)| match lang {
                Lang::Zh => format!("{} {r} 条", category_label(c, lang)),
                Lang::En => format!("{} {r}", category_label(c, lang)),
            })
            .collect();
        if !cats.is_empty() {
            lines.push(match lang {
                Lang::Zh => format!("收到的意见建议按类别：{}。", join(lang, &cats)),
                Lang::En => format!("Received by category: {}.", join(lang, &cats)),
            });
        }
    }
    let mut cats = Table::new(
        "categories",
        t(lang, "按类别统计", "By category"),
        &[
            lang.pick("类别", "Category"),
            lang.pick("收到", "Received"),
            lang.pick("期内答复", "Answered in the range"),
        ],
    );
    for (c, r, a) in &x.by_category {
        cats.rows.push(vec![
            txt(category_label(c, lang)),
            Cell::Int(*r),
            Cell::Int(*a),
        ]);
    }
    let records = records_table(
        "",
        t(lang, "意见建议", "Suggestions received"),
        &[
            lang.pick("收到日期", "Received on"),
            lang.pick("内容", "Suggestion"),
        ],
        &x.records,
    );
    (lines, vec![], vec![cats, records])
}
