//! The party dues section (党费收缴): what was collected and handed over, what the branch holds, and how
//! punctually members paid. No income and no name appear here.

use super::super::{t, Cell, Lang, Summary, Table};
use super::Parts;
use crate::dues::yuan;

pub(super) fn dues(s: &Summary, lang: Lang) -> Parts {
    let d = &s.dues;
    let rate = d.on_time_rate().map(|r| format!("{:.1}%", r * 100.0));
    let line = match (lang, d.months_owed) {
        (_, 0) if d.collected_fen == 0 && d.handed_fen == 0 => {
            t(lang, "本期没有党费收缴的记录。", "No party dues are recorded for the period.")
        }
        (Lang::Zh, _) => format!(
            "本期共收缴党费 {} 元（{} 名党员交纳），上缴上级党委 {} 元，期末支部结存 {} 元。到期应缴的 {} 个人次月份中，按月交纳 {} 个，补交 {} 个，尚未交纳 {} 个{}。",
            yuan(d.collected_fen), d.payers, yuan(d.handed_fen), yuan(d.held_fen),
            d.months_owed, d.months_on_time, d.months_late, d.months_unpaid,
            rate.as_ref().map_or(String::new(), |r| format!("，按时缴纳率 {r}")),
        ),
        (Lang::En, _) => format!(
            "Dues of {} yuan were collected from {} members and {} yuan handed over to the higher committee; the branch held {} yuan at the end. Of {} member-months due, {} were paid within the month, {} later and {} not yet{}.",
            yuan(d.collected_fen), d.payers, yuan(d.handed_fen), yuan(d.held_fen),
            d.months_owed, d.months_on_time, d.months_late, d.months_unpaid,
            rate.as_ref().map_or(String::new(), |r| format!(" (on time: {r})")),
        ),
    };
    let mut table = Table::new(
        "dues",
        t(lang, "党费收缴情况", "Party dues"),
        &[lang.pick("项目", "Item"), lang.pick("数额", "Amount")],
    );
    // Money as text with its two decimals: a number cell would round 12.55 to 12.6.
    let money = |fen: i64| Cell::Text(yuan(fen));
    for (zh, en, value) in [
        ("收缴党费（元）", "Collected (yuan)", money(d.collected_fen)),
        ("上缴党费（元）", "Handed over (yuan)", money(d.handed_fen)),
        (
            "期末结存（元）",
            "Held at the end (yuan)",
            money(d.held_fen),
        ),
        (
            "应缴人次月份",
            "Member-months due",
            Cell::Int(d.months_owed),
        ),
        (
            "按月交纳",
            "Paid within the month",
            Cell::Int(d.months_on_time),
        ),
        ("补交", "Paid later", Cell::Int(d.months_late)),
        ("尚未交纳", "Not yet paid", Cell::Int(d.months_unpaid)),
    ] {
        table.rows.push(vec![Cell::Text(t(lang, zh, en)), value]);
    }
    (vec![line], vec![], vec![table])
}
