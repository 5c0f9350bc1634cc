//! A [`Doc`] as Word (.docx) through docx-rs: A4, 宋体 body and 黑体 headings, a cover and a table of
//! contents where the paper has them, tables whose header row repeats on every page and whose rows
//! never split, pictures with captions, page numbers in the footer. `ooxml` finishes what docx-rs
//! cannot write.

use super::ooxml::{finish_docx, zip_error, Finish, CONTENTS_MARKER};
use super::{Block, Cell, Cover, Doc, FormRow, Picture, Table, TEXT_WIDTH_MM};
use crate::{Lang, Result};
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, NumPages, PageMargin, PageNum, Paragraph,
    Pic, Run, RunFonts, Shading, ShdType, SpecialIndentType, Style, StyleType, Table as WordTable,
    TableCell, TableRow, VAlignType, WidthType,
};

/// 宋体 for Chinese body text, Times New Roman for Latin letters and digits.
fn song() -> RunFonts {
    RunFonts::new()
        .east_asia("宋体")
        .ascii("Times New Roman")
        .hi_ansi("Times New Roman")
        .cs("Times New Roman")
        .hint("eastAsia")
}

/// 黑体 for headings, Arial for Latin letters and digits.
fn hei() -> RunFonts {
    RunFonts::new()
        .east_asia("黑体")
        .ascii("Arial")
        .hi_ansi("Arial")
        .cs("Arial")
        .hint("eastAsia")
}

/// Millimetres in twentieths of a point.
fn twips_of_mm(mm: f32) -> usize {
    (mm * 1440.0 / 25.4).round() as usize
}

/// The text width of the page in twips.
fn text_width() -> usize {
    twips_of_mm(TEXT_WIDTH_MM)
}

/// Half-points, as docx-rs takes sizes.
fn half_points(pt: f32) -> usize {
    (pt * 2.0).round() as usize
}

fn run(text: &str, fonts: RunFonts, pt: f32) -> Run {
    // A line break inside a value (minutes, an address) stays a line break.
    let mut r = Run::new().fonts(fonts).size(half_points(pt));
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

fn body(text: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(text, song(), super::BODY_PT))
        .indent(None, Some(SpecialIndentType::FirstLine(480)), None, None)
        .first_line_chars(200)
        .line_spacing(LineSpacing::new().line(360).after(0))
}

fn heading(text: &str, level: u8) -> Paragraph {
    let (style, pt) = match level {
        1 => ("Heading1", super::HEADING1_PT),
        _ => ("Heading2", super::HEADING2_PT),
    };
    Paragraph::new()
        .style(style)
        .outline_lvl(usize::from(level.saturating_sub(1)))
        .keep_next(true)
        .add_run(run(text, hei(), pt))
        .line_spacing(LineSpacing::new().before(240).after(120))
}

fn centred(text: &str, fonts: RunFonts, pt: f32) -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Center)
        .add_run(run(text, fonts, pt))
}

fn page_break() -> Paragraph {
    Paragraph::new().add_run(Run::new().add_break(BreakType::Page))
}

/// The width of `text` at 10.5 pt in twips, generously: Latin letters as wide as DejaVu Sans
/// Bold's (what a Linux LibreOffice without Liberation fonts shows for Arial, the widest reader
/// there is; Arial Bold is narrower), Chinese characters one em.
fn twips(text: &str) -> usize {
    let em: f32 = text.chars().map(latin_em).sum();
    (em * super::TABLE_PT * 20.0).ceil() as usize
}

/// A character's advance in ems, about Arial Bold's.
fn latin_em(c: char) -> f32 {
    match c {
        c if (c as u32) >= 0x1100 => 1.0,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '|' | '!' => 0.35,
        'f' | 't' | 'r' | 'I' | ' ' | '(' | ')' | '-' => 0.5,
        'm' | 'w' | 'M' | 'W' | '%' | '@' => 1.05,
        'A'..='Z' => 0.8,
        _ => 0.7,
    }
}

/// Cell margins (left and right, 108 each in Word and LibreOffice) and a little air, in twips.
const PADDING: usize = 250;
/// A cell narrower than this (a date, a number, a name) is kept on one line when it can be.
const SHORT: usize = 2500;

/// The longest word of a header, in twips at the table's size.
fn longest_word(header: &str) -> usize {
    header.split(' ').map(twips).max().unwrap_or(0)
}

/// The headers' size: the table's, or smaller (not under 8 pt) when the headers' longest words
/// side by side are wider than the page (seven English headers in a wide font), so that no word
/// breaks.
fn header_size(t: &Table) -> f32 {
    let words: usize = t.headers.iter().map(|h| longest_word(h)).sum();
    let room = text_width().saturating_sub(t.headers.len() * PADDING);
    if words <= room || words == 0 {
        super::TABLE_PT
    } else {
        (super::TABLE_PT * room as f32 / words as f32).max(8.0)
    }
}

/// What each column of `t` needs with headers at `header_pt`: at least its longest header word and
/// its short cells on one line, at best every cell on one line.
fn column_needs(t: &Table, header_pt: f32) -> (Vec<usize>, Vec<usize>) {
    let scale = header_pt / super::TABLE_PT;
    let mut least: Vec<usize> = t
        .headers
        .iter()
        .map(|h| (longest_word(h) as f32 * scale).ceil() as usize + PADDING)
        .collect();
    let mut best = least.clone();
    for row in &t.rows {
        for (j, c) in row.iter().enumerate().take(least.len()) {
            let widest = c.text.split('\n').map(twips).max().unwrap_or(0) + PADDING;
            best[j] = best[j].max(widest);
            if widest <= SHORT {
                least[j] = least[j].max(widest);
            }
        }
    }
    (least, best)
}

/// Column widths (twips) filling the text width: every column its `least` (no header word broken,
/// short cells whole), the rest shared by how much more each would like; when even the least does
/// not fit, in proportion to it.
fn column_widths(least: &[usize], best: &[usize]) -> Vec<usize> {
    let width = text_width();
    let sum = |v: &[usize]| v.iter().sum::<usize>().max(1);
    if sum(best) <= width {
        return best.iter().map(|b| b * width / sum(best)).collect();
    }
    if sum(least) > width {
        return least.iter().map(|l| l * width / sum(least)).collect();
    }
    let spare = width - sum(least);
    let wants: Vec<usize> = best.iter().zip(least).map(|(b, l)| b - l).collect();
    let wanted = sum(&wants);
    least
        .iter()
        .zip(&wants)
        .map(|(l, w)| l + w * spare / wanted)
        .collect()
}

fn grey() -> Shading {
    Shading::new()
        .shd_type(ShdType::Clear)
        .color("auto")
        .fill("E7E6E6")
}

fn cell(text: &str, width: usize, header: bool, right: bool) -> TableCell {
    sized_cell(text, width, (header, right), super::TABLE_PT)
}

fn sized_cell(text: &str, width: usize, (header, right): (bool, bool), pt: f32) -> TableCell {
    let mut r = run(text, if header { hei() } else { song() }, pt);
    if header {
        r = r.bold();
    }
    let mut p = Paragraph::new().add_run(r);
    if header {
        p = p.align(AlignmentType::Center);
    } else if right {
        p = p.align(AlignmentType::Right);
    }
    let c = TableCell::new()
        .add_paragraph(p)
        .vertical_align(VAlignType::Center)
        .width(width, WidthType::Dxa);
    if header {
        c.shading(grey())
    } else {
        c
    }
}

/// Twips for `lines` lines of table text (a row's least height).
fn row_height(lines: u32) -> f32 {
    (lines as f32 * super::TABLE_PT * 20.0 * 1.2).max(0.0)
}

fn table(t: &Table) -> WordTable {
    let header_pt = header_size(t);
    let grid = if t.widths_mm.len() == t.headers.len() {
        t.widths_mm.iter().map(|mm| twips_of_mm(*mm)).collect()
    } else {
        let (least, best) = column_needs(t, header_pt);
        column_widths(&least, &best)
    };
    let header = TableRow::new(
        t.headers
            .iter()
            .zip(&grid)
            .map(|(h, w)| sized_cell(h, *w, (true, false), header_pt))
            .collect(),
    )
    .cant_split();
    let mut rows = vec![header];
    for row in &t.rows {
        let cells = row
            .iter()
            .zip(&grid)
            .map(|(c, w): (&Cell, _)| cell(&c.text, *w, false, c.right))
            .collect();
        let mut r = TableRow::new(cells).cant_split();
        if t.min_lines > 1 {
            r = r
                .row_height(row_height(t.min_lines))
                .height_rule(docx_rs::HeightRule::AtLeast);
        }
        rows.push(r);
    }
    // Fixed: every reader takes the grid as given instead of fitting columns to its own fonts.
    WordTable::new(rows)
        .set_grid(grid)
        .layout(docx_rs::TableLayoutType::Fixed)
        .width(text_width(), WidthType::Dxa)
}

/// A form: label cells shaded, values beside them; a row with one pair spans the width.
fn form(rows: &[FormRow]) -> WordTable {
    let width = text_width();
    let label = width * 19 / 100;
    let value = width / 2 - label;
    let grid = vec![label, value, label, value];
    let rows = rows
        .iter()
        .map(|row| {
            let mut cells = Vec::new();
            let pairs = row.cells.len().max(1);
            for (l, v) in &row.cells {
                cells.push(cell(l, label, true, false));
                let span = if pairs == 1 { 3 } else { 1 };
                let w = if pairs == 1 { width - label } else { value };
                cells.push(cell(v, w, false, false).grid_span(span));
            }
            let mut r = TableRow::new(cells).cant_split();
            if row.min_lines > 1 {
                r = r
                    .row_height(row_height(row.min_lines))
                    .height_rule(docx_rs::HeightRule::AtLeast);
            }
            r
        })
        .collect();
    WordTable::new(rows)
        .set_grid(grid)
        .layout(docx_rs::TableLayoutType::Fixed)
        .width(width, WidthType::Dxa)
}

fn table_title(text: &str) -> Paragraph {
    Paragraph::new()
        .keep_next(true)
        .add_run(run(text, hei(), 11.0).bold())
        .line_spacing(LineSpacing::new().before(160).after(60))
}

fn picture(p: &Picture) -> (Paragraph, Paragraph) {
    let mm = (p.width_mm as f32).min(TEXT_WIDTH_MM);
    let w_emu = (mm * 36_000.0) as u32;
    let h_emu = (w_emu as u64 * p.height.max(1) as u64 / p.width.max(1) as u64) as u32;
    let pic = Pic::new_with_dimensions(p.png.clone(), p.width, p.height).size(w_emu, h_emu);
    let image = Paragraph::new()
        .align(AlignmentType::Center)
        .keep_next(true)
        .add_run(Run::new().add_image(pic));
    (image, centred(&p.caption, song(), super::TABLE_PT))
}

fn cover(c: &Cover) -> Vec<Paragraph> {
    let spaced = |p: Paragraph, before: u32| p.line_spacing(LineSpacing::new().before(before));
    let mut out = vec![
        spaced(centred(&c.title, hei(), 26.0), 3600).style("Title"),
        spaced(centred(&c.subtitle, song(), 16.0), 480),
    ];
    for (i, (label, value)) in c.lines.iter().enumerate() {
        let line = format!("{label}：{value}");
        out.push(spaced(
            centred(&line, song(), 14.0),
            if i == 0 { 4800 } else { 240 },
        ));
    }
    out.push(page_break());
    out
}

fn footer(lang: Lang) -> Footer {
    let small = |text: &str| run(text, song(), 9.0);
    let p = Paragraph::new().align(AlignmentType::Center);
    let p = match lang {
        Lang::Zh => p
            .add_run(small("第 "))
            .add_page_num(PageNum::new())
            .add_run(small(" 页，共 "))
            .add_num_pages(NumPages::new())
            .add_run(small(" 页")),
        Lang::En => p
            .add_run(small("Page "))
            .add_page_num(PageNum::new())
            .add_run(small(" of "))
            .add_num_pages(NumPages::new()),
    };
    Footer::new().add_paragraph(p)
}

fn blank(lang: Lang) -> Docx {
    let style = |id: &str, name: &str, pt: f32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .fonts(hei())
            .size(half_points(pt))
            .bold()
    };
    let side = twips_of_mm(super::MARGIN_SIDE_MM) as i32;
    Docx::new()
        .page_size(11906, 16838)
        .page_margin(
            PageMargin::new()
                .top(twips_of_mm(super::MARGIN_TOP_MM) as i32)
                .bottom(twips_of_mm(super::MARGIN_BOTTOM_MM) as i32)
                .left(side)
                .right(side)
                .header(851)
                .footer(851),
        )
        .default_fonts(song())
        .default_size(half_points(super::BODY_PT))
        .add_style(style("Title", "Title", super::TITLE_PT))
        .add_style(style("Heading1", "heading 1", super::HEADING1_PT))
        .add_style(style("Heading2", "heading 2", super::HEADING2_PT))
        .footer(footer(lang))
}

/// `doc` as the bytes of a .docx file, reporting progress from `from` to `to` percent.
pub fn docx(doc: &Doc, progress: &mut dyn FnMut(u32), from: u32, to: u32) -> Result<Vec<u8>> {
    let mut word = blank(doc.lang);
    if let Some(c) = &doc.cover {
        // The cover counts as page 1 but shows no page number.
        word = word.first_footer(Footer::new());
        for p in cover(c) {
            word = word.add_paragraph(p);
        }
    }
    let mut entries = Vec::new();
    if doc.contents {
        entries = doc
            .blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level, text } if *level <= 2 => Some((*level, text.clone())),
                _ => None,
            })
            .collect();
        word = word
            .add_paragraph(
                centred(super::contents_heading(doc.lang), hei(), 16.0)
                    .line_spacing(LineSpacing::new().after(240)),
            )
            .add_paragraph(Paragraph::new().add_run(Run::new().add_text(CONTENTS_MARKER)))
            .add_paragraph(page_break());
    }
    // Which tables have a header row, in document order, for `finish_docx`.
    let mut header_tables = Vec::new();
    // The contents' entries point at bookmarks `_Toc1`, `_Toc2`, … around the headings.
    let mut bookmark = 0;
    let count = doc.blocks.len().max(1) as u32;
    let span = to.saturating_sub(from);
    for (i, block) in doc.blocks.iter().enumerate() {
        word = match block {
            Block::Title(t) => word.add_paragraph(
                centred(t, hei(), super::TITLE_PT)
                    .style("Title")
                    .outline_lvl(0),
            ),
            Block::Centred(t) => word.add_paragraph(centred(t, song(), super::BODY_PT)),
            Block::Heading { level, text } if doc.contents && *level <= 2 => {
                bookmark += 1;
                word.add_paragraph(
                    heading(text, *level)
                        .add_bookmark_start(bookmark, format!("_Toc{bookmark}"))
                        .add_bookmark_end(bookmark),
                )
            }
            Block::Heading { level, text } => word.add_paragraph(heading(text, *level)),
            Block::Paragraph(t) => word.add_paragraph(body(t)),
            Block::Small(t) => word.add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .add_run(run(t, song(), 9.0)),
            ),
            Block::Form(rows) => {
                header_tables.push(false);
                word.add_table(form(rows)).add_paragraph(Paragraph::new())
            }
            Block::Table(t) => {
                header_tables.push(true);
                let word = match &t.title {
                    Some(title) => word.add_paragraph(table_title(title)),
                    None => word,
                };
                word.add_table(table(t)).add_paragraph(Paragraph::new())
            }
            Block::Picture(p) => {
                let (image, caption) = picture(p);
                word.add_paragraph(image).add_paragraph(caption)
            }
            Block::PageBreak => word.add_paragraph(page_break()),
        };
        progress(from + span * (i as u32 + 1) / count * 3 / 4);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    word.build().pack(&mut out).map_err(zip_error)?;
    // Until Word or WPS recomputes the contents on opening (LibreOffice shows what is stored), each
    // entry shows the page the PDF layout of the same paper puts it on.
    let pages = if doc.contents {
        super::heading_pages(doc).unwrap_or_default()
    } else {
        Vec::new()
    };
    let finish = Finish {
        header_tables: &header_tables,
        contents: &entries,
        pages: &pages,
        text_width: text_width(),
    };
    let finished = finish_docx(out.into_inner(), &finish)?;
    progress(to);
    Ok(finished)
}
