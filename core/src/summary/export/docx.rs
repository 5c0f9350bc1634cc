//! Word (.docx) through docx-rs: headings in 黑体, body in 宋体, A4, tables sized to their text, the
//! charts as PNG pictures with a caption and their data, page numbers in the footer. docx-rs's output
//! is then finished by `ooxml`.

use super::chart::{chart_caption, chart_png, chart_table, PNG_H, PNG_W};
use super::ooxml::{finish_docx, zip_error};
use super::{intro_notes, made_line, range_line, title, Lang, Result, Section, Summary, Table};

/// 宋体 for Chinese body text, Times New Roman for Latin letters and digits.
fn song() -> docx_rs::RunFonts {
    docx_rs::RunFonts::new()
        .east_asia("宋体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .hint("eastAsia")
}

/// 黑体 for headings, Arial for Latin letters and digits.
fn hei() -> docx_rs::RunFonts {
    docx_rs::RunFonts::new()
        .east_asia("黑体")
        .ascii("Arial")
        .hi_ansi("Arial")
        .cs("Arial")
        .hint("eastAsia")
}

/// The text width of an A4 page with the margins below, in twentieths of a point.
const DOCX_TEXT_WIDTH: usize = 11906 - 2 * 1531;

fn body_paragraph(text: &str) -> docx_rs::Paragraph {
    use docx_rs::{LineSpacing, Paragraph, Run, SpecialIndentType};
    Paragraph::new()
        .add_run(Run::new().add_text(text).fonts(song()).size(24))
        .indent(None, Some(SpecialIndentType::FirstLine(480)), None, None)
        .first_line_chars(200)
        .line_spacing(LineSpacing::new().line(360).after(0))
}

fn heading_paragraph(text: &str, style: &str, size: usize, level: usize) -> docx_rs::Paragraph {
    use docx_rs::{LineSpacing, Paragraph, Run};
    Paragraph::new()
        .style(style)
        .outline_lvl(level)
        .keep_next(true)
        .add_run(Run::new().add_text(text).fonts(hei()).size(size))
        .line_spacing(LineSpacing::new().before(240).after(120))
}

fn centred(text: &str, fonts: docx_rs::RunFonts, size: usize) -> docx_rs::Paragraph {
    use docx_rs::{AlignmentType, Paragraph, Run};
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(Run::new().add_text(text).fonts(fonts).size(size))
}

fn docx_table(table: &Table) -> docx_rs::Table {
    use docx_rs::{
        AlignmentType, Paragraph, Run, Shading, ShdType, Table as T, TableCell, TableRow, WidthType,
    };
    // Headers may wrap between words; cells should not.
    let mut widths: Vec<usize> = table
        .headers
        .iter()
        .map(|h| h.split(' ').map(|w| twips(w) * 10 / 9).max().unwrap_or(0))
        .collect();
    for row in &table.rows {
        for (j, cell) in row.iter().enumerate() {
            if let Some(w) = widths.get_mut(j) {
                *w = (*w).max(twips(&cell.text()));
            }
        }
    }
    let grid = column_widths(&widths);
    let cell = |text: &str, width: usize, header: bool, right: bool| {
        let mut run = Run::new()
            .add_text(text)
            .fonts(if header { hei() } else { song() })
            .size(21);
        if header {
            run = run.bold();
        }
        let mut p = Paragraph::new().add_run(run);
        if header {
            p = p.align(AlignmentType::Center);
        } else if right {
            p = p.align(AlignmentType::Right);
        }
        let mut c = TableCell::new()
            .add_paragraph(p)
            .width(width, WidthType::Dxa);
        if header {
            c = c.shading(
                Shading::new()
                    .shd_type(ShdType::Clear)
                    .color("auto")
                    .fill("E7E6E6"),
            );
        }
        c
    };
    let mut rows = vec![TableRow::new(
        table
            .headers
            .iter()
            .zip(&grid)
            .map(|(h, w)| cell(h, *w, true, false))
            .collect(),
    )
    .cant_split()];
    for row in &table.rows {
        rows.push(
            TableRow::new(
                row.iter()
                    .zip(&grid)
                    .map(|(c, w)| cell(&c.text(), *w, false, c.is_number()))
                    .collect(),
            )
            .cant_split(),
        );
    }
    T::new(rows)
        .set_grid(grid)
        .width(DOCX_TEXT_WIDTH, WidthType::Dxa)
}

/// The width of `text` at 10.5 pt in twips, generously (fallback fonts for Times New Roman are wider).
fn twips(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 135 } else { 215 })
        .sum()
}

/// Column widths (twips) for columns whose widest text is `widths` twips wide: short columns
/// (dates, numbers, names) get what they need on one line, long ones share the rest.
fn column_widths(widths: &[usize]) -> Vec<usize> {
    const PADDING: usize = 300;
    const SHORT: usize = 2500;
    let need: Vec<usize> = widths.iter().map(|w| w + PADDING).collect();
    let total: usize = need.iter().sum::<usize>().max(1);
    let proportional = || need.iter().map(|n| n * DOCX_TEXT_WIDTH / total).collect();
    if total <= DOCX_TEXT_WIDTH {
        return proportional();
    }
    let fixed: usize = widths
        .iter()
        .zip(&need)
        .filter(|(w, _)| **w <= SHORT)
        .map(|(_, n)| n)
        .sum();
    let long = widths.iter().filter(|w| **w > SHORT).count();
    if fixed + 1000 * long > DOCX_TEXT_WIDTH {
        return proportional();
    }
    let free = DOCX_TEXT_WIDTH - fixed;
    let flexible = (total - fixed).max(1);
    widths
        .iter()
        .zip(&need)
        .map(|(w, n)| if *w <= SHORT { *n } else { n * free / flexible })
        .collect()
}

fn table_title(text: &str) -> docx_rs::Paragraph {
    use docx_rs::{LineSpacing, Paragraph, Run};
    Paragraph::new()
        .keep_next(true)
        .add_run(Run::new().add_text(text).fonts(hei()).size(22).bold())
        .line_spacing(LineSpacing::new().before(160).after(60))
}

pub(super) fn docx(
    s: &Summary,
    sections: &[Section],
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<Vec<u8>> {
    use docx_rs::{
        AlignmentType, Docx, Footer, NumPages, PageMargin, PageNum, Paragraph, Pic, Run, Style,
        StyleType,
    };
    let heading_style = |id: &str, name: &str, size: usize| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .fonts(hei())
            .size(size)
            .bold()
    };
    let footer_run = |text: &str| Run::new().add_text(text).fonts(song()).size(18);
    let footer = Paragraph::new().align(AlignmentType::Center);
    let footer = match lang {
        Lang::Zh => footer
            .add_run(footer_run("第 "))
            .add_page_num(PageNum::new())
            .add_run(footer_run(" 页，共 "))
            .add_num_pages(NumPages::new())
            .add_run(footer_run(" 页")),
        Lang::En => footer
            .add_run(footer_run("Page "))
            .add_page_num(PageNum::new())
            .add_run(footer_run(" of "))
            .add_num_pages(NumPages::new()),
    };
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1531)
                .right(1531)
                .header(851)
                .footer(851),
        )
        .default_fonts(song())
        .default_size(24)
        .add_style(heading_style("Title", "Title", 36))
        .add_style(heading_style("Heading1", "heading 1", 32))
        .add_style(heading_style("Heading2", "heading 2", 28))
        .footer(Footer::new().add_paragraph(footer));

    doc = doc
        .add_paragraph(
            centred(&title(s, lang), hei(), 36)
                .style("Title")
                .outline_lvl(0),
        )
        .add_paragraph(centred(&range_line(s, lang), song(), 24));
    for p in intro_notes(s) {
        doc = doc.add_paragraph(body_paragraph(&p));
    }
    progress(10);
    let count = sections.len().max(1) as u32;
    let mut figure = 0;
    for (i, section) in sections.iter().enumerate() {
        doc = doc.add_paragraph(heading_paragraph(&section.heading, "Heading1", 32, 0));
        for line in &section.lines {
            doc = doc.add_paragraph(body_paragraph(line));
        }
        for p in &section.note {
            doc = doc.add_paragraph(body_paragraph(p));
        }
        for chart in &section.charts {
            let data = chart_table(*chart, s, lang);
            if data.rows.is_empty() {
                continue;
            }
            figure += 1;
            let png = chart_png(*chart, s);
            // 15 cm wide, in proportion.
            let w_emu = 5_400_000u32;
            let h_emu = (w_emu as u64 * PNG_H as u64 / PNG_W as u64) as u32;
            let pic = Pic::new_with_dimensions(png, PNG_W, PNG_H).size(w_emu, h_emu);
            doc = doc
                .add_paragraph(
                    Paragraph::new()
                        .align(AlignmentType::Center)
                        .keep_next(true)
                        .add_run(Run::new().add_image(pic)),
                )
                .add_paragraph(
                    centred(&chart_caption(*chart, s, lang, figure), song(), 21).keep_next(true),
                )
                .add_table(docx_table(&data))
                .add_paragraph(Paragraph::new());
        }
        for table in &section.tables {
            if table.rows.is_empty() {
                continue;
            }
            doc = doc
                .add_paragraph(table_title(&table.title))
                .add_table(docx_table(table))
                .add_paragraph(Paragraph::new());
        }
        progress(10 + 50 * (i as u32 + 1) / count);
    }
    doc = doc.add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .add_run(Run::new().add_text(made_line(lang)).fonts(song()).size(18)),
    );
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(zip_error)?;
    progress(70);
    let finished = finish_docx(out.into_inner())?;
    progress(80);
    Ok(finished)
}
