//! The development section (发展党员): the admission steps taken in the range, counted by step; the
//! people stay out of the summary (the membership section names who was admitted).

use super::super::{t, Cell, Lang, Summary, Table};
use super::Parts;
use crate::admission::StepKind as K;

pub(super) fn development(s: &Summary, lang: Lang) -> Parts {
    let d = &s.development;
    let taken: i64 = d.counts.iter().map(|c| c.1).sum();
    let line = if taken == 0 {
        t(
            lang,
            "本期没有发展党员工作的记录。",
            "No admission step is recorded for the period.",
        )
    } else {
        let n = |k| d.of(k);
        match lang {
            Lang::Zh => format!(
                "本期收到入党申请书 {} 份，确定入党积极分子 {} 名，列为发展对象 {} 名，接收预备党员 {} 名，预备党员转正 {} 名；收到思想汇报 {} 份，开展培养考察 {} 次。",
                n(K::Application), n(K::Activist), n(K::Candidate), n(K::Admission), n(K::Conversion), n(K::ThoughtReport), n(K::Assessment)
            ),
            Lang::En => format!(
                "In the period the branch received {} applications, confirmed {} activists, listed {} candidates, admitted {} probationary members and converted {} to full membership; {} thought reports were handed in and {} assessments made.",
                n(K::Application), n(K::Activist), n(K::Candidate), n(K::Admission), n(K::Conversion), n(K::ThoughtReport), n(K::Assessment)
            ),
        }
    };
    let mut table = Table::new(
        "development",
        t(lang, "发展党员工作步骤", "Admission steps taken"),
        &[lang.pick("步骤", "Step"), lang.pick("次数", "Times")],
    );
    for (k, n) in d.counts.iter().filter(|(_, n)| *n > 0) {
        table
            .rows
            .push(vec![Cell::Text(k.label(lang).to_string()), Cell::Int(*n)]);
    }
    let tables = if table.rows.is_empty() {
        vec![]
    } else {
        vec![table]
    };
    (vec![line], vec![], tables)
}
