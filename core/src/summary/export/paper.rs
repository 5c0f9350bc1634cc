//! The summary as a paper for Word and PDF ([`crate::document::Doc`]): a cover (branch, range, date, secretary), the
//! contents, then each section's heading, lines, the secretary's narrative, its charts (a picture,
//! its caption and its data) and its tables. `document` writes it as Word or PDF.

use super::chart::{chart_picture, chart_table};
use super::{intro_notes, made_line, range_line, title, Lang, Result, Section, Summary, Table};
use crate::document::{Block, Cell, Cover, Doc, PaperFormat, Table as DocTable};

fn doc_table(t: &Table, title: Option<String>) -> DocTable {
    DocTable {
        title,
        headers: t.headers.clone(),
        rows: t
            .rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| {
                        if c.is_number() {
                            Cell::number(c.text())
                        } else {
                            Cell::text(c.text())
                        }
                    })
                    .collect()
            })
            .collect(),
        min_lines: 1,
        widths_mm: Vec::new(),
    }
}

/// The secretary on the range's last day: the 书记 of the last committee term in the range.
fn secretary(s: &Summary) -> Option<String> {
    let term = s.organisation.terms.last()?;
    term.seats
        .iter()
        .find(|(position, _)| position == "secretary")
        .map(|(_, name)| name.clone())
}

fn cover(s: &Summary, lang: Lang) -> Cover {
    let (from, to) = s.range.iso();
    // The branch stands under the title (the cover's subtitle).
    let mut lines = vec![(
        lang.pick("统计时段", "Period").to_string(),
        match lang {
            Lang::Zh => format!("{from} 至 {to}"),
            Lang::En => format!("{from} to {to}"),
        },
    )];
    if let Some(name) = secretary(s) {
        lines.push((lang.pick("支部书记", "Secretary").to_string(), name));
    }
    lines.push((
        lang.pick("编制日期", "Date").to_string(),
        crate::dates::iso(crate::dates::today()),
    ));
    Cover {
        title: title(s, lang),
        subtitle: s.branch.clone(),
        lines,
    }
}

/// The summary's paper: what Word and PDF are written from.
pub(super) fn paper(s: &Summary, sections: &[Section], lang: Lang) -> Result<Doc> {
    let mut blocks = vec![
        Block::Title(title(s, lang)),
        Block::Centred(range_line(s, lang)),
    ];
    blocks.extend(intro_notes(s).into_iter().map(Block::Paragraph));
    let mut figure = 0;
    for section in sections {
        blocks.push(Block::Heading {
            level: 1,
            text: section.heading.clone(),
        });
        blocks.extend(section.lines.iter().cloned().map(Block::Paragraph));
        blocks.extend(section.note.iter().cloned().map(Block::Paragraph));
        for chart in &section.charts {
            let data = chart_table(*chart, s, lang);
            if data.rows.is_empty() {
                continue;
            }
            figure += 1;
            blocks.push(Block::Picture(chart_picture(*chart, s, lang, figure)?));
            blocks.push(Block::Table(doc_table(&data, None)));
        }
        for table in section.tables.iter().filter(|t| !t.rows.is_empty()) {
            blocks.push(Block::Table(doc_table(table, Some(table.title.clone()))));
        }
    }
    blocks.push(Block::Small(made_line(lang)));
    Ok(Doc {
        lang,
        title: title(s, lang),
        cover: Some(cover(s, lang)),
        contents: true,
        blocks,
    })
}

/// The summary's paper written as Word or PDF, progress 20 to 80 while it is written.
pub(super) fn write(
    s: &Summary,
    sections: &[Section],
    lang: Lang,
    format: PaperFormat,
    progress: &mut dyn FnMut(u32),
) -> Result<Vec<u8>> {
    let doc = paper(s, sections, lang)?;
    progress(20);
    match format {
        PaperFormat::Docx => crate::document::docx(&doc, progress, 20, 80),
        PaperFormat::Pdf => crate::document::pdf(&doc, progress, 20, 80),
    }
}
