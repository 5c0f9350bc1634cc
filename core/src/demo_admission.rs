//! The demo branch's admission files (发展党员) of its 2019–2020 prospects: 杨帆 (admitted 2019,
//! full 2020), 赵敏 (admitted 2020), 林雪 (a candidate waiting for the 志愿书) and 郭佳 (an activist
//! whose thought report of 2020-Q3 is missing), each step taken in order and on time, with the
//! quarterly thought reports.

use crate::admission::{self, StepInput};
use crate::Result;
use rusqlite::{Connection, OptionalExtension};

/// (kind, date, done by, days, hours, months, notes)
type Step = (
    &'static str,
    &'static str,
    &'static str,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    &'static str,
);

#[rustfmt::skip]
const YANG_FAN: &[Step] = &[
    ("application", "2017-09-08", "", None, None, None, ""),
    ("talk", "2017-09-28", "吴华强", None, None, None, "了解入党动机，介绍党的基本知识"),
    ("activist", "2018-03-15", "支委会", None, None, None, "党员推荐，支委会研究确定"),
    ("contacts", "2018-03-20", "王谦、孙进", None, None, None, ""),
    ("assessment", "2018-09-10", "王谦、孙进", None, None, None, "表现良好"),
    ("assessment", "2019-03-08", "王谦、孙进", None, None, None, "表现良好，建议列为发展对象"),
    ("candidate", "2019-03-22", "支委会", None, None, None, "听取党小组、培养联系人和党员群众意见"),
    ("introducers", "2019-04-02", "王谦、孙进", None, None, None, ""),
    ("political_review", "2019-04-20", "组织委员窦维治", None, None, None, "函调本人及直系亲属，结论合格"),
    ("training", "2019-04-26", "校党校", Some(3), Some(24), None, "发展对象培训班，结业考试合格"),
    ("committee_review", "2019-05-16", "支委会", None, None, None, "经集体讨论认为合格"),
    ("pre_review", "2019-05-30", "平台党委", None, None, None, "预审合格，发放入党志愿书"),
    ("public_notice", "2019-05-31", "支委会", Some(7), None, None, "公示期内未收到反映"),
    ("application_form", "2019-06-12", "", None, None, None, ""),
    ("admission", "2019-06-27", "", None, None, None, "应到 17 人，实到 16 人，全票同意"),
    ("higher_talk", "2019-07-10", "平台党委组织员", None, None, None, ""),
    ("approval", "2019-07-25", "平台党委", None, None, None, "批准为中共预备党员，预备期自 2019-06-27 起"),
    ("oath", "2019-09-20", "吴华强", None, None, None, "在党旗下宣誓"),
    ("conversion", "2020-06-29", "", None, None, None, "全票同意按期转正"),
    ("conversion_approval", "2020-07-20", "平台党委", None, None, None, ""),
];

#[rustfmt::skip]
const ZHAO_MIN: &[Step] = &[
    ("application", "2018-09-20", "", None, None, None, ""),
    ("talk", "2018-10-15", "祝月红", None, None, None, ""),
    ("activist", "2019-03-18", "支委会", None, None, None, "团组织推优"),
    ("contacts", "2019-03-25", "祝月红、钟潇", None, None, None, ""),
    ("assessment", "2019-09-16", "祝月红、钟潇", None, None, None, "表现良好"),
    ("assessment", "2020-03-10", "祝月红、钟潇", None, None, None, "建议列为发展对象"),
    ("candidate", "2020-03-20", "支委会", None, None, None, ""),
    ("introducers", "2020-04-08", "祝月红、钟潇", None, None, None, ""),
    ("political_review", "2020-04-28", "组织委员窦维治", None, None, None, "结论合格"),
    ("training", "2020-05-15", "校党校（线上）", Some(3), Some(24), None, ""),
    ("committee_review", "2020-05-28", "支委会", None, None, None, ""),
    ("pre_review", "2020-06-08", "平台党委", None, None, None, ""),
    ("public_notice", "2020-06-10", "支委会", Some(7), None, None, ""),
    ("application_form", "2020-06-18", "", None, None, None, ""),
    ("admission", "2020-06-29", "", None, None, None, "全票同意"),
    ("higher_talk", "2020-07-14", "平台党委组织员", None, None, None, ""),
    ("approval", "2020-08-20", "平台党委", None, None, None, ""),
    ("oath", "2020-09-18", "吴华强", None, None, None, ""),
];

#[rustfmt::skip]
const LIN_XUE: &[Step] = &[
    ("application", "2018-10-15", "", None, None, None, ""),
    ("talk", "2018-11-08", "王谦", None, None, None, ""),
    ("activist", "2019-04-18", "支委会", None, None, None, ""),
    ("contacts", "2019-04-25", "王谦、窦维治", None, None, None, ""),
    ("assessment", "2019-10-17", "王谦、窦维治", None, None, None, ""),
    ("assessment", "2020-04-16", "王谦、窦维治", None, None, None, "建议列为发展对象"),
    ("candidate", "2020-05-20", "支委会", None, None, None, ""),
    ("introducers", "2020-06-05", "王谦、窦维治", None, None, None, ""),
    ("political_review", "2020-09-10", "组织委员窦维治", None, None, None, ""),
    ("assessment", "2020-10-15", "王谦、窦维治", None, None, None, ""),
    ("training", "2020-10-23", "校党校", Some(3), Some(26), None, ""),
    ("committee_review", "2020-11-26", "支委会", None, None, None, ""),
    ("pre_review", "2020-12-10", "平台党委", None, None, None, "预审合格，待发放入党志愿书"),
    ("public_notice", "2020-12-14", "支委会", Some(7), None, None, ""),
];

#[rustfmt::skip]
const GUO_JIA: &[Step] = &[
    ("application", "2019-10-12", "", None, None, None, ""),
    ("talk", "2019-11-05", "孙进", None, None, None, ""),
    ("activist", "2020-04-16", "支委会", None, None, None, ""),
    ("contacts", "2020-04-23", "孙进、钟潇", None, None, None, ""),
    ("assessment", "2020-10-15", "孙进、钟潇", None, None, None, ""),
];

/// The quarters (first month of each) each one handed in a thought report, on the 10th of its
/// second month; 郭佳 missed 2020-Q3.
#[rustfmt::skip]
const REPORTS: &[(&str, &[&str])] = &[
    (
        "杨帆",
        &[
            "2018-04", "2018-07", "2018-10", "2019-01", "2019-04", "2019-07", "2019-10", "2020-01",
            "2020-04",
        ],
    ),
    (
        "赵敏",
        &[
            "2019-04", "2019-07", "2019-10", "2020-01", "2020-04", "2020-07", "2020-10",
        ],
    ),
    (
        "林雪",
        &[
            "2019-07", "2019-10", "2020-01", "2020-04", "2020-07", "2020-10",
        ],
    ),
    ("郭佳", &["2020-10"]),
];

pub(crate) fn load(conn: &Connection) -> Result<()> {
    for (name, steps) in [
        ("杨帆", YANG_FAN),
        ("赵敏", ZHAO_MIN),
        ("林雪", LIN_XUE),
        ("郭佳", GUO_JIA),
    ] {
        let Some(person) = person(conn, name)? else {
            continue;
        };
        for step in steps {
            admission::save(conn, None, &input(conn, person, step)?)?;
        }
    }
    for (name, quarters) in REPORTS {
        let Some(person) = person(conn, name)? else {
            continue;
        };
        for q in *quarters {
            let (year, month) = q.split_once('-').unwrap_or_default();
            let month: u32 = month.parse().unwrap_or(1);
            let date = format!("{year}-{:02}-10", month + 1);
            let step = ("thought_report", "", "", None, None, None, "");
            let mut input = input(conn, person, &step)?;
            input.date = date;
            admission::save(conn, None, &input)?;
        }
    }
    Ok(())
}

fn person(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM people WHERE name = ?1 AND deleted_at IS NULL",
            [name],
            |r| r.get(0),
        )
        .optional()?)
}

fn input(conn: &Connection, person: i64, step: &Step) -> Result<StepInput> {
    let (kind, date, done_by, days, hours, months, notes) = *step;
    // The general meeting that admitted or converted, if the demo held one that day.
    let meeting: Option<i64> = if matches!(kind, "admission" | "conversion") {
        conn.query_row(
            "SELECT id FROM activities WHERE kind = 'general_meeting' AND date = ?1 AND deleted_at IS NULL",
            [date],
            |r| r.get(0),
        )
        .optional()?
    } else {
        None
    };
    Ok(StepInput {
        person_id: Some(person),
        kind: kind.into(),
        date: date.into(),
        done_by: done_by.into(),
        activity_id: meeting,
        days,
        hours,
        months,
        notes: notes.into(),
    })
}
