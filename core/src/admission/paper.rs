//! A person's file (发展党员档案) as one paper in step order: who they are, then each step with its
//! date, who took it, the meeting, the numbers and the papers kept on it, then what is still due.

use super::{file, File, Step, StepKind};
use crate::document::{self, Block, Cell, Doc, FormRow, Table};
use crate::{attachments, Lang, Result};
use chrono::NaiveDate;
use rusqlite::Connection;

fn details(s: &Step, lang: Lang) -> String {
    let mut parts = Vec::new();
    if let Some(a) = &s.activity {
        parts.push(a.clone());
    }
    match (s.kind, lang) {
        (StepKind::Training, Lang::Zh) => parts.push(format!(
            "{} 天，{} 学时",
            s.days.unwrap_or(0),
            s.hours.unwrap_or(0)
        )),
        (StepKind::Training, Lang::En) => parts.push(format!(
            "{} days, {} class hours",
            s.days.unwrap_or(0),
            s.hours.unwrap_or(0)
        )),
        (StepKind::PublicNotice, _) => {
            if let Some(d) = s.days {
                parts.push(match lang {
                    Lang::Zh => format!("公示 {d} 天"),
                    Lang::En => format!("{d} days"),
                })
            }
        }
        (StepKind::Extension, _) => {
            if let Some(m) = s.months {
                parts.push(match lang {
                    Lang::Zh => format!("延长 {m} 个月"),
                    Lang::En => format!("{m} months"),
                })
            }
        }
        _ => {}
    }
    if !s.notes.is_empty() {
        parts.push(s.notes.clone());
    }
    parts.join(lang.pick("；", "; "))
}

fn papers(conn: &Connection, s: &Step, lang: Lang) -> Result<String> {
    let Some(id) = s.id else {
        return Ok(String::new());
    };
    let list = attachments::list(conn, attachments::Owner::AdmissionStep, id)?;
    Ok(list
        .iter()
        .map(|a| format!("{}：{}", a.kind.label(lang), a.file_name))
        .collect::<Vec<_>>()
        .join("\n"))
}

/// The paper of `f`, the file of one person.
pub fn paper(conn: &Connection, f: &File, branch: &str, lang: Lang) -> Result<Doc> {
    let mut steps = Table {
        headers: [
            ("序号", "No."),
            ("日期", "Date"),
            ("步骤", "Step"),
            ("经办人", "Done by"),
            ("情况", "Details"),
            ("材料", "Papers"),
        ]
        .iter()
        .map(|(zh, en)| lang.pick(zh, en).to_string())
        .collect(),
        widths_mm: vec![10.0, 22.0, 34.0, 30.0, 40.0, 20.0],
        ..Default::default()
    };
    for (i, s) in f.steps.iter().enumerate() {
        steps.rows.push(vec![
            Cell::number((i + 1).to_string()),
            Cell::text(s.date.clone()),
            Cell::text(s.kind.label(lang)),
            Cell::text(s.done_by.clone()),
            Cell::text(details(s, lang)),
            Cell::text(papers(conn, s, lang)?),
        ]);
    }
    let title = match lang {
        Lang::Zh => format!("{}发展党员工作档案", f.name),
        Lang::En => format!("Admission file of {}", f.name),
    };
    let mut blocks = vec![
        Block::Title(lang.pick("发展党员工作档案", "Admission file").into()),
        Block::Centred(branch.to_string()),
        Block::Form(vec![
            FormRow::two(
                lang.pick("姓名", "Name"),
                f.name.clone(),
                lang.pick("目前身份", "Stage now"),
                f.stage.label(lang),
            ),
            FormRow::two(
                lang.pick("身份起始日期", "Since"),
                f.stage_since.clone(),
                lang.pick("预备期满", "Probation ends"),
                f.probation_end.clone().unwrap_or_default(),
            ),
        ]),
        Block::Heading {
            level: 2,
            text: lang.pick("发展程序", "The steps").into(),
        },
        Block::Table(steps),
    ];
    if !f.due.is_empty() {
        blocks.push(Block::Heading {
            level: 2,
            text: lang.pick("待办事项", "Still due").into(),
        });
        for d in &f.due {
            blocks.push(Block::Paragraph(super::agenda::sentence(d, lang)));
        }
    }
    blocks.push(Block::Small(
        lang.pick(
            "支部书记（签字）：            组织委员（签字）：            日期：",
            "Secretary (signature):            Organisation member (signature):            Date:",
        )
        .into(),
    ));
    Ok(Doc::plain(lang, title, blocks))
}

/// The file's name: 发展党员档案-姓名.docx.
pub fn file_name(name: &str, format: &str, lang: Lang) -> String {
    let base = lang.pick("发展党员档案", "admission-file");
    format!("{base}-{name}.{}", format.trim().to_ascii_lowercase())
}

/// Writes the file of `person` as `docx` or `pdf` to `path`; progress 0 to 100.
#[allow(clippy::too_many_arguments)]
pub fn write(
    conn: &Connection,
    person: i64,
    today: NaiveDate,
    format: &str,
    path: &std::path::Path,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<()> {
    let format = document::PaperFormat::parse(format)?;
    let f = file(conn, person, today)?;
    let branch = crate::settings::branch_name(conn)?;
    progress(30);
    let doc = paper(conn, &f, &branch, lang)?;
    document::write(&doc, format, path, progress)
}
