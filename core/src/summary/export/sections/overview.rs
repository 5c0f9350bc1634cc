//! The headline figures: each section's (shown at the top of its card in the window) and, all of them
//! after the range's dates, the overview (the "概览" sheet and `overview.csv`).

use super::super::{t, title, txt, Cell, Figure, Lang, Section, Summary, Table};
use super::overall_rate;

/// The headline figures (the "概览" sheet and `overview.csv`): the range's dates, then every section's
/// figures in the sections' order.
pub(in crate::summary::export) fn overview(s: &Summary, sections: &[Section], lang: Lang) -> Table {
    let mut table = Table::new(
        "",
        title(s, lang),
        &[lang.pick("项目", "Item"), lang.pick("数值", "Value")],
    );
    let (from, to) = s.range.iso();
    table
        .rows
        .push(vec![txt(t(lang, "统计起始日期", "From")), Cell::Date(from)]);
    table
        .rows
        .push(vec![txt(t(lang, "统计截止日期", "To")), Cell::Date(to)]);
    for figure in sections.iter().flat_map(|s| &s.figures) {
        table
            .rows
            .push(vec![txt(figure.label.clone()), figure.value.clone()]);
    }
    table
}

/// The headline figures of the section `code`.
pub(super) fn figures(s: &Summary, code: &str, lang: Lang) -> Vec<Figure> {
    let (start, end) = if s.range.is_calendar_year() {
        ("年初", "年末")
    } else {
        ("期初", "期末")
    };
    rows(s, code, start, end)
        .into_iter()
        .map(|(key, zh, en, value)| Figure {
            key,
            label: t(lang, &zh, en),
            value,
        })
        .collect()
}

/// A figure's key, Chinese label, English label and value.
type Row = (&'static str, String, &'static str, Cell);

fn fig(key: &'static str, zh: String, en: &'static str, value: Cell) -> Row {
    (key, zh, en, value)
}

/// One figure a line, as the table it is.
#[rustfmt::skip]
fn rows(s: &Summary, code: &str, start: &str, end: &str) -> Vec<Row> {
    let m = &s.membership;
    match code {
        "membership" => vec![
            fig("members-first", format!("{start}党员人数"), "Party members at the start", Cell::Int(m.on_first.members())),
            fig("members-last", format!("{end}党员人数"), "Party members at the end", Cell::Int(m.on_last.members())),
            fig("full", "其中正式党员".into(), "of whom full members", Cell::Int(m.on_last.full)),
            fig("probationary", "其中预备党员".into(), "of whom probationary", Cell::Int(m.on_last.probationary)),
            fig("growth", "党员人数增减".into(), "Net change", Cell::Int(m.growth)),
            fig("admitted", "发展党员".into(), "Admitted", Cell::Int(m.admitted.len() as i64)),
            fig("became-full", "预备党员转正".into(), "Became full members", Cell::Int(m.became_full.len() as i64)),
            fig("transferred-in", "转入".into(), "Transferred in", Cell::Int(m.transferred_in.len() as i64)),
            fig("transferred-out", "转出".into(), "Transferred out", Cell::Int(m.transferred_out.len() as i64)),
            fig("candidates", format!("{end}发展对象"), "Candidates at the end", Cell::Int(m.on_last.candidate)),
            fig("activists", format!("{end}入党积极分子"), "Activists at the end", Cell::Int(m.on_last.activist)),
            fig("applicants", format!("{end}入党申请人"), "Applicants at the end", Cell::Int(m.on_last.applicant)),
        ],
        "organisation" => vec![
            fig("terms", "支委会届数".into(), "Committee terms", Cell::Int(s.organisation.terms.len() as i64)),
            fig("groups", "党小组数".into(), "Party groups", Cell::Int(s.organisation.groups.len() as i64)),
        ],
        "activities" => {
            let missing: i64 = s
                .activities
                .compliance
                .iter()
                .map(|c| c.missing.len() as i64)
                .sum();
            vec![
                fig("activities-total", "组织生活次数".into(), "Activities held", Cell::Int(s.activities.total)),
                fig("attendance", "出席率".into(), "Attendance rate", Cell::Rate(overall_rate(s))),
                fig("missed", "未按规定开展的时段数".into(), "Required meetings missed", Cell::Int(missing)),
            ]
        }
        "bulletins" => vec![fig("issues", "宣传刊发期数".into(), "Issues published", Cell::Int(s.bulletins.total))],
        "bookshelf" => vec![
            fig("titles", "藏书种数".into(), "Titles held", Cell::Int(s.bookshelf.titles)),
            fig("copies", "藏书册数".into(), "Copies held", Cell::Int(s.bookshelf.copies)),
            fig("loans", "借阅次数".into(), "Loans", Cell::Int(s.bookshelf.loans)),
        ],
        "suggestions" => vec![
            fig("received", "收到意见建议".into(), "Suggestions received", Cell::Int(s.suggestions.received)),
            fig("received-answered", "其中截至目前已答复".into(), "Of those, answered so far", Cell::Int(s.suggestions.received_answered)),
            fig("still-open", "其中尚未办结".into(), "Of those, still open", Cell::Int(s.suggestions.still_open)),
            fig("answered", "期内作出的答复".into(), "Answers given in the range", Cell::Int(s.suggestions.answered)),
            fig("median", "答复用时中位数（天）".into(), "Median days to answer", Cell::Num(s.suggestions.median_days_to_respond)),
        ],
        "honours" => vec![
            fig("honours", "获得荣誉".into(), "Honours", Cell::Int(s.honours.records.len() as i64)),
            fig("branch-own", "其中支部自身荣誉".into(), "Of them, the branch's own", Cell::Int(s.honours.branch)),
        ],
        "dues" => vec![
            fig("dues-collected", "收缴党费（元）".into(), "Dues collected (yuan)", Cell::Text(crate::dues::yuan(s.dues.collected_fen))),
            fig("dues-handed", "上缴党费（元）".into(), "Dues handed over (yuan)", Cell::Text(crate::dues::yuan(s.dues.handed_fen))),
            fig("dues-on-time", "按时缴纳率".into(), "Paid on time", Cell::Rate(s.dues.on_time_rate())),
        ],
        "appraisal" => {
            let n = |r: crate::appraisals::Rating| s.appraisal.counts.iter().find(|c| c.0 == r).map_or(0, |c| c.1);
            vec![
                fig("appraised", "参加评议党员".into(), "Members appraised", Cell::Int(s.appraisal.counts.iter().map(|c| c.1).sum())),
                fig("excellent", "其中评为优秀".into(), "Of them, rated excellent", Cell::Int(n(crate::appraisals::Rating::Excellent))),
            ]
        }
        "development" => {
            let n = |k| Cell::Int(s.development.of(k));
            use crate::admission::StepKind as K;
            vec![
                fig("applications", "收到入党申请书".into(), "Applications received", n(K::Application)),
                fig("activists", "确定入党积极分子".into(), "New activists", n(K::Activist)),
                fig("candidates", "列为发展对象".into(), "New candidates", n(K::Candidate)),
                fig("admitted", "接收预备党员".into(), "Admitted (probationary)", n(K::Admission)),
                fig("converted", "预备党员转正".into(), "Converted to full", n(K::Conversion)),
            ]
        }
        _ => Vec::new(),
    }
}
