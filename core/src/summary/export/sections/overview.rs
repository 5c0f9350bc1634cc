//! The overview: the headline figures (the "概览" sheet and `overview.csv`).

use super::super::{t, title, txt, Cell, Lang, Summary, Table};
use super::overall_rate;

/// The headline figures (the "概览" sheet and `overview.csv`).
pub(in crate::summary::export) fn overview(s: &Summary, lang: Lang) -> Table {
    let mut table = Table::new(
        "",
        title(s, lang),
        &[lang.pick("项目", "Item"), lang.pick("数值", "Value")],
    );
    let m = &s.membership;
    let missing: i64 = s
        .activities
        .compliance
        .iter()
        .map(|c| c.missing.len() as i64)
        .sum();
    let (start, end) = if s.range.is_calendar_year() {
        ("年初", "年末")
    } else {
        ("期初", "期末")
    };
    let (from, to) = s.range.iso();
    let rows: Vec<(String, &str, Cell)> = vec![
        ("统计起始日期".into(), "From", Cell::Date(from)),
        ("统计截止日期".into(), "To", Cell::Date(to)),
        (
            format!("{start}党员人数"),
            "Party members at the start",
            Cell::Int(m.on_first.members()),
        ),
        (
            format!("{end}党员人数"),
            "Party members at the end",
            Cell::Int(m.on_last.members()),
        ),
        (
            "其中正式党员".into(),
            "of whom full members",
            Cell::Int(m.on_last.full),
        ),
        (
            "其中预备党员".into(),
            "of whom probationary",
            Cell::Int(m.on_last.probationary),
        ),
        ("党员人数增减".into(), "Net change", Cell::Int(m.growth)),
        (
            "发展党员".into(),
            "Admitted",
            Cell::Int(m.admitted.len() as i64),
        ),
        (
            "预备党员转正".into(),
            "Became full members",
            Cell::Int(m.became_full.len() as i64),
        ),
        (
            "转入".into(),
            "Transferred in",
            Cell::Int(m.transferred_in.len() as i64),
        ),
        (
            "转出".into(),
            "Transferred out",
            Cell::Int(m.transferred_out.len() as i64),
        ),
        (
            format!("{end}发展对象"),
            "Candidates at the end",
            Cell::Int(m.on_last.candidate),
        ),
        (
            format!("{end}入党积极分子"),
            "Activists at the end",
            Cell::Int(m.on_last.activist),
        ),
        (
            format!("{end}入党申请人"),
            "Applicants at the end",
            Cell::Int(m.on_last.applicant),
        ),
        (
            "支委会届数".into(),
            "Committee terms",
            Cell::Int(s.organisation.terms.len() as i64),
        ),
        (
            "党小组数".into(),
            "Party groups",
            Cell::Int(s.organisation.groups.len() as i64),
        ),
        (
            "组织生活次数".into(),
            "Activities held",
            Cell::Int(s.activities.total),
        ),
        (
            "出席率".into(),
            "Attendance rate",
            Cell::Rate(overall_rate(s)),
        ),
        (
            "未按规定开展的时段数".into(),
            "Required meetings missed",
            Cell::Int(missing),
        ),
        (
            "宣传刊发期数".into(),
            "Issues published",
            Cell::Int(s.bulletins.total),
        ),
        (
            "藏书种数".into(),
            "Titles held",
            Cell::Int(s.bookshelf.titles),
        ),
        (
            "藏书册数".into(),
            "Copies held",
            Cell::Int(s.bookshelf.copies),
        ),
        ("借阅次数".into(), "Loans", Cell::Int(s.bookshelf.loans)),
        (
            "收到意见建议".into(),
            "Suggestions received",
            Cell::Int(s.suggestions.received),
        ),
        (
            "已答复意见建议".into(),
            "Suggestions answered",
            Cell::Int(s.suggestions.answered),
        ),
        (
            "答复用时中位数（天）".into(),
            "Median days to answer",
            Cell::Num(s.suggestions.median_days_to_respond),
        ),
        (
            "获得荣誉".into(),
            "Honours",
            Cell::Int(s.honours.records.len() as i64),
        ),
        (
            "其中支部自身荣誉".into(),
            "Of them, the branch's own",
            Cell::Int(s.honours.branch),
        ),
    ];
    for (zh, en, cell) in rows {
        table.rows.push(vec![txt(t(lang, &zh, en)), cell]);
    }
    table
}
