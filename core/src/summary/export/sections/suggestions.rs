//! The suggestions section (群众意见): received, answered, by category.

use super::super::{join, num_text, t, txt, Cell, Lang, Summary, Table};
use super::{records_table, Parts};

fn category_label(c: &str, lang: Lang) -> String {
    if c.is_empty() {
        t(lang, "未分类", "uncategorised")
    } else {
        c.to_string()
    }
}

pub(super) fn suggestions(s: &Summary, lang: Lang) -> Parts {
    let x = &s.suggestions;
    let within = match (lang, s.range.is_calendar_year()) {
        (Lang::Zh, true) => "本年度",
        (Lang::Zh, false) => "本期",
        (Lang::En, true) => "In the year",
        (Lang::En, false) => "In the period",
    };
    let median = match (x.median_days_to_respond, lang) {
        (Some(d), Lang::Zh) => format!("，答复用时中位数 {} 天", num_text(d)),
        (Some(d), Lang::En) => format!("; the median answer took {} days", num_text(d)),
        (None, _) => String::new(),
    };
    let mut lines = vec![match lang {
        Lang::Zh => format!(
            "{within}收到群众意见建议 {} 条，已答复 {} 条{median}。",
            x.received, x.answered
        ),
        Lang::En => format!(
            "{within} {} suggestions were received and {} answered{median}.",
            x.received, x.answered
        ),
    }];
    if !x.by_category.is_empty() {
        let cats: Vec<String> = x
            .by_category
            .iter()
            .map(|(c, r, a)| match lang {
                Lang::Zh => format!("{} {r} 条（已答复 {a} 条）", category_label(c, lang)),
                Lang::En => format!("{} {r} ({a} answered)", category_label(c, lang)),
            })
            .collect();
        lines.push(match lang {
            Lang::Zh => format!("按类别：{}。", join(lang, &cats)),
            Lang::En => format!("By category: {}.", join(lang, &cats)),
        });
    }
    let mut cats = Table::new(
        "categories",
        t(lang, "按类别统计", "By category"),
        &[
            lang.pick("类别", "Category"),
            lang.pick("收到", "Received"),
            lang.pick("已答复", "Answered"),
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
