//! The organisation section (组织建设): committee terms and their posts, party groups.

use super::super::{t, txt, Cell, Lang, Summary, Table};
use super::Parts;
use crate::codes::counted;
use crate::committee::Position;

pub(super) fn organisation(s: &Summary, lang: Lang) -> Parts {
    let o = &s.organisation;
    let mut lines = Vec::new();
    for term in &o.terms {
        let seats: Vec<String> = term
            .seats
            .iter()
            .map(|(p, name)| format!("{} {name}", Position::label_of(p, lang)))
            .collect();
        let ends = match (&term.ends_on, lang) {
            (Some(d), Lang::Zh) => format!("，届满 {d}"),
            (Some(d), Lang::En) => format!(", ends {d}"),
            (None, _) => String::new(),
        };
        lines.push(match lang {
            Lang::Zh => format!(
                "第{}届支委会（{} 选举产生{ends}）：{}。",
                term.ordinal,
                term.elected_on,
                if seats.is_empty() {
                    "未记录委员".to_string()
                } else {
                    seats.join("，")
                }
            ),
            Lang::En => format!(
                "Committee term {} (elected {}{ends}): {}.",
                term.ordinal,
                term.elected_on,
                if seats.is_empty() {
                    "no posts recorded".to_string()
                } else {
                    seats.join("; ")
                }
            ),
        });
    }
    if o.terms.is_empty() {
        lines.push(t(
            lang,
            "本期没有支委会的记录。",
            "No committee term is recorded for the period.",
        ));
    }
    if !o.groups.is_empty() {
        let groups: Vec<String> = o
            .groups
            .iter()
            .map(|g| match (lang, &g.leader) {
                (Lang::Zh, Some(l)) => format!("{}（组长 {l}，{} 人）", g.name, g.members),
                (Lang::Zh, None) => format!("{}（{} 人）", g.name, g.members),
                (Lang::En, Some(l)) => format!(
                    "{} (leader {l}, {})",
                    g.name,
                    counted(g.members, "member", "members")
                ),
                (Lang::En, None) => {
                    format!("{} ({})", g.name, counted(g.members, "member", "members"))
                }
            })
            .collect();
        lines.push(match lang {
            Lang::Zh => format!(
                "支部设党小组 {} 个：{}。",
                o.groups.len(),
                groups.join("，")
            ),
            Lang::En => format!(
                "The branch has {}: {}.",
                counted(o.groups.len() as i64, "party group", "party groups"),
                groups.join("; ")
            ),
        });
    }

    let mut committee = Table::new(
        "",
        t(lang, "支委会", "Committee"),
        &[
            lang.pick("届次", "Term"),
            lang.pick("选举日期", "Elected on"),
            lang.pick("届满日期", "Ends on"),
            lang.pick("职务", "Post"),
            lang.pick("姓名", "Name"),
        ],
    );
    for term in &o.terms {
        let head = |row: Vec<Cell>| {
            let mut r = vec![
                Cell::Int(term.ordinal),
                Cell::Date(term.elected_on.clone()),
                Cell::Date(term.ends_on.clone().unwrap_or_default()),
            ];
            r.extend(row);
            r
        };
        if term.seats.is_empty() {
            committee.rows.push(head(vec![txt(""), txt("")]));
        }
        for (p, name) in &term.seats {
            committee.rows.push(head(vec![
                txt(Position::label_of(p, lang)),
                txt(name.clone()),
            ]));
        }
    }
    let mut groups = Table::new(
        "groups",
        t(lang, "党小组", "Party groups"),
        &[
            lang.pick("党小组", "Party group"),
            lang.pick("组长", "Leader"),
            lang.pick("人数", "Members"),
        ],
    );
    for g in &o.groups {
        groups.rows.push(vec![
            txt(g.name.clone()),
            txt(g.leader.clone().unwrap_or_default()),
            Cell::Int(g.members),
        ]);
    }
    (lines, vec![], vec![committee, groups])
}
