//! The membership section (党员队伍): head counts at both ends, admissions, transfers.

use super::super::{count_of, join, t, txt, Cell, Chart, Lang, Summary, Table, STAGES};
use super::{names, Parts};
use crate::codes::{counted, plural};
use crate::summary::Record;

pub(super) fn membership(s: &Summary, lang: Lang) -> Parts {
    let m = &s.membership;
    let year = s.range.is_calendar_year();
    let (start, end, within) = match (lang, year) {
        (Lang::Zh, true) => ("年初", "年末", "本年度"),
        (Lang::Zh, false) => ("期初", "期末", "本期"),
        (Lang::En, true) => ("At the start of the year", "at the end", "In the year"),
        (Lang::En, false) => ("At the start of the period", "at the end", "In the period"),
    };
    let (a, b) = (&m.on_first, &m.on_last);
    let mut lines = Vec::new();
    lines.push(match lang {
        Lang::Zh => {
            let change = match m.growth {
                0 => "人数持平".to_string(),
                g if g > 0 => format!("净增 {g} 名"),
                g => format!("净减 {} 名", -g),
            };
            format!(
                "{start}有党员 {} 名（正式党员 {} 名、预备党员 {} 名），{end}有党员 {} 名（正式党员 {} 名、预备党员 {} 名），{change}。",
                a.members(), a.full, a.probationary, b.members(), b.full, b.probationary
            )
        }
        Lang::En => format!(
            "{start} the branch had {} ({} full, {} probationary); {end}, {} ({} full, {} probationary), a net change of {:+}.",
            counted(a.members(), "party member", "party members"), a.full, a.probationary, b.members(), b.full, b.probationary, m.growth
        ),
    });
    let cite = |records: &[Record]| -> String {
        if records.is_empty() || records.len() > 12 {
            String::new()
        } else {
            match lang {
                Lang::Zh => format!("（{}）", join(lang, &names(records))),
                Lang::En => format!(" ({})", join(lang, &names(records))),
            }
        }
    };
    lines.push(match lang {
        Lang::Zh => format!(
            "{within}发展党员 {} 名{}，预备党员转正 {} 名{}，转入 {} 名{}，转出 {} 名{}。",
            m.admitted.len(),
            cite(&m.admitted),
            m.became_full.len(),
            cite(&m.became_full),
            m.transferred_in.len(),
            cite(&m.transferred_in),
            m.transferred_out.len(),
            cite(&m.transferred_out)
        ),
        Lang::En => {
            let (admitted, full) = (m.admitted.len() as i64, m.became_full.len() as i64);
            format!(
                "{within}, {admitted} {} admitted as {}{}, {full} became {}{}, {} transferred in{} and {} transferred out{}.",
                plural(admitted, "was", "were"),
                plural(admitted, "a probationary member", "probationary members"),
                cite(&m.admitted),
                plural(full, "a full member", "full members"),
                cite(&m.became_full),
                m.transferred_in.len(),
                cite(&m.transferred_in),
                m.transferred_out.len(),
                cite(&m.transferred_out)
            )
        }
    });
    lines.push(match lang {
        Lang::Zh => format!(
            "{end}有发展对象 {} 名、入党积极分子 {} 名、入党申请人 {} 名。",
            b.candidate, b.activist, b.applicant
        ),
        Lang::En => format!(
            "At the end: development candidates {}, activists {}, applicants {}.",
            b.candidate, b.activist, b.applicant
        ),
    });

    let (h_start, h_end) = match (lang, year) {
        (Lang::Zh, true) => ("年初", "年末"),
        (Lang::Zh, false) => ("期初", "期末"),
        (Lang::En, _) => ("At start", "At end"),
    };
    let mut counts = Table::new(
        "counts",
        t(lang, "各类人员人数", "Head count by stage"),
        &[
            lang.pick("身份", "Stage"),
            h_start,
            lang.pick("转入本身份", "Entered"),
            lang.pick("转出本身份", "Left"),
            h_end,
            lang.pick("增减", "Change"),
        ],
    );
    let (came, went) = (&m.entered, &m.exited);
    for (i, stage) in STAGES.into_iter().enumerate() {
        if i == 2 {
            counts.rows.push(vec![
                txt(t(lang, "党员合计", "Party members")),
                Cell::Int(a.members()),
                Cell::Int(count_of(came, STAGES[0]) + count_of(came, STAGES[1])),
                Cell::Int(count_of(went, STAGES[0]) + count_of(went, STAGES[1])),
                Cell::Int(b.members()),
                Cell::Int(b.members() - a.members()),
            ]);
        }
        let (x, y) = (count_of(a, stage), count_of(b, stage));
        counts.rows.push(vec![
            txt(stage.label(lang)),
            Cell::Int(x),
            Cell::Int(count_of(came, stage)),
            Cell::Int(count_of(went, stage)),
            Cell::Int(y),
            Cell::Int(y - x),
        ]);
    }
    let mut changes = Table::new(
        "",
        t(lang, "人员变动", "Changes"),
        &[
            lang.pick("日期", "Date"),
            lang.pick("变动", "Change"),
            lang.pick("姓名", "Name"),
        ],
    );
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (records, zh, en) in [
        (&m.admitted, "发展为预备党员", "admitted (probationary)"),
        (&m.became_full, "转为正式党员", "became a full member"),
        (&m.transferred_in, "转入", "transferred in"),
        (&m.transferred_out, "转出", "transferred out"),
    ] {
        for r in records {
            rows.push((r.date.clone(), t(lang, zh, en), r.title.clone()));
        }
    }
    rows.sort_by(|x, y| x.0.cmp(&y.0));
    for (date, what, name) in rows {
        changes
            .rows
            .push(vec![Cell::Date(date), txt(what), txt(name)]);
    }
    (lines, vec![Chart::MembersByYear], vec![counts, changes])
}
