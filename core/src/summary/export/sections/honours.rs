//! The honours section (荣誉表彰): honours awarded in the range.

use super::super::{t, txt, Cell, Lang, Summary, Table};
use super::Parts;
use crate::codes::counted;
use crate::honours::Level;

pub(super) fn honours(s: &Summary, lang: Lang) -> Parts {
    let h = &s.honours.records;
    let recipient = |x: &crate::summary::HonourLine| match (&x.recipient, x.recipient_kind.as_str())
    {
        (Some(name), _) => name.clone(),
        (None, "unit") => t(lang, "所在单位", "the unit"),
        (None, _) => t(lang, "本支部", "the branch"),
    };
    let mut lines = Vec::new();
    if h.is_empty() {
        lines.push(t(
            lang,
            "本期没有荣誉表彰的记录。",
            "No honours are recorded for the period.",
        ));
    } else {
        let items: Vec<String> = h
            .iter()
            .map(|x| match lang {
                Lang::Zh => format!(
                    "{}获{}年{}“{}”（{}）",
                    recipient(x),
                    x.year,
                    x.awarding_body,
                    x.title,
                    Level::label_of(&x.level, lang)
                ),
                Lang::En => format!(
                    "{} named “{}” by {} in {} ({})",
                    recipient(x),
                    x.title,
                    x.awarding_body,
                    x.year,
                    Level::label_of(&x.level, lang)
                ),
            })
            .collect();
        let hs = &s.honours;
        lines.push(match lang {
            Lang::Zh => format!(
                "共获得荣誉 {} 项（支部自身 {} 项，党员个人 {} 项，所在单位集体奖 {} 项）：{}。",
                h.len(),
                hs.branch,
                hs.persons,
                hs.unit,
                items.join("；")
            ),
            Lang::En => format!(
                "{} ({} to the branch itself, {} to its people, {} collective awards of the unit): {}.",
                counted(h.len() as i64, "honour", "honours"),
                hs.branch,
                hs.persons,
                hs.unit,
                items.join("; ")
            ),
        });
    }
    let mut table = Table::new(
        "",
        t(lang, "荣誉表彰", "Honours"),
        &[
            lang.pick("年度", "Year"),
            lang.pick("荣誉称号", "Title"),
            lang.pick("级别", "Level"),
            lang.pick("获得者", "Recipient"),
            lang.pick("授予单位", "Awarded by"),
        ],
    );
    for x in h {
        table.rows.push(vec![
            Cell::Int(x.year),
            txt(x.title.clone()),
            txt(Level::label_of(&x.level, lang)),
            txt(recipient(x)),
            txt(x.awarding_body.clone()),
        ]);
    }
    (lines, vec![], vec![table])
}
