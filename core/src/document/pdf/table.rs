//! Tables and forms: bordered rows that never split across pages (unless one is taller than a
//! page), a shaded header row repeated on every page a table continues on, column widths from the
//! contents as the Word writer sets them.

use super::flow::{bottom, left, text_width, top, Align, Flow, Item, Spec, Style};
use crate::document::{Cell, FormRow, Table, TABLE_PT};

const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 3.0;
/// Table text is set a little tighter than body text, as Word's single spacing in cells.
const LINE: f32 = TABLE_PT * 1.4;

/// One cell, its text already broken to its width.
#[derive(Debug, Clone)]
struct CellBox {
    x: f32,
    w: f32,
    lines: Vec<String>,
    spec: Spec,
    shaded: bool,
}

#[derive(Debug, Clone)]
struct Row {
    cells: Vec<CellBox>,
    height: f32,
}

impl Row {
    fn new(cells: Vec<CellBox>, min_lines: u32) -> Row {
        let lines = cells.iter().map(|c| c.lines.len()).max().unwrap_or(1);
        let lines = lines.max(min_lines as usize).max(1);
        Row {
            cells,
            height: lines as f32 * LINE + 2.0 * PAD_Y,
        }
    }

    /// The first `fit` lines of every cell, and the rest (for a row taller than a page).
    fn split(self, fit: usize) -> (Row, Option<Row>) {
        let (mut head, mut tail) = (Vec::new(), Vec::new());
        for mut cell in self.cells {
            let rest = cell.lines.split_off(fit.min(cell.lines.len()));
            tail.push(CellBox {
                lines: rest,
                ..cell.clone()
            });
            head.push(cell);
        }
        let more = tail.iter().any(|c| !c.lines.is_empty());
        let head = Row {
            cells: head,
            height: fit as f32 * LINE + 2.0 * PAD_Y,
        };
        (head, more.then(|| Row::new(tail, 1)))
    }
}

fn cell(flow: &Flow, text: &str, (x, w): (f32, f32), spec: Spec, shaded: bool) -> CellBox {
    let inner = (w - 2.0 * PAD_X).max(TABLE_PT);
    CellBox {
        x,
        w,
        lines: flow.fonts.lines(text, spec.style, spec.size, inner, inner),
        spec,
        shaded,
    }
}

fn draw_row(flow: &mut Flow, row: &Row) {
    let y = flow.y;
    for c in &row.cells {
        let (x, w, h) = (c.x, c.w, row.height);
        if c.shaded {
            flow.push(Item::Rect {
                x,
                y,
                w,
                h,
                shaded: true,
            });
        }
        flow.push(Item::Rect {
            x,
            y,
            w,
            h,
            shaded: false,
        });
        // Text is centred vertically, as in the Word file.
        let mut line_top = y + (h - c.lines.len() as f32 * LINE) / 2.0;
        for line in &c.lines {
            flow.line(line, &c.spec, (x + PAD_X, w - 2.0 * PAD_X), line_top, LINE);
            line_top += LINE;
        }
    }
    flow.y += row.height;
}

/// A row where it fits: on this page, else on the next under the repeated header; a row taller
/// than a page is split by lines as a last resort.
fn place_row(flow: &mut Flow, row: Row, header: Option<&Row>) {
    let header_height = header.map_or(0.0, |h| h.height);
    if row.height > flow.room() + 0.01 && header_height + row.height <= bottom() - top() {
        continue_on_new_page(flow, header);
    }
    let mut row = row;
    while row.height > flow.room() + 0.01 {
        let mut fit = ((flow.room() - 2.0 * PAD_Y) / LINE).floor().max(0.0) as usize;
        if fit == 0 {
            continue_on_new_page(flow, header);
            fit = (((flow.room() - 2.0 * PAD_Y) / LINE).floor() as usize).max(1);
        }
        let (head, rest) = row.split(fit);
        draw_row(flow, &head);
        match rest {
            Some(rest) => {
                continue_on_new_page(flow, header);
                row = rest;
            }
            None => return,
        }
    }
    draw_row(flow, &row);
}

fn continue_on_new_page(flow: &mut Flow, header: Option<&Row>) {
    flow.new_page();
    if let Some(h) = header {
        draw_row(flow, h);
    }
}

/// Column widths for columns whose widest text is `widths` points: short columns (dates, numbers,
/// names) get what they need on one line, long ones share the rest (as `docx::column_widths`).
fn column_widths(widths: &[f32]) -> Vec<f32> {
    const PADDING: f32 = 2.0 * PAD_X + 2.0;
    const SHORT: f32 = 125.0;
    const LONG_LEAST: f32 = 50.0;
    let width = text_width();
    let need: Vec<f32> = widths.iter().map(|w| w + PADDING).collect();
    let total: f32 = need.iter().sum::<f32>().max(1.0);
    let proportional = || need.iter().map(|n| n * width / total).collect();
    if total <= width {
        return proportional();
    }
    let short = |w: &f32| *w <= SHORT;
    let fixed: f32 = widths
        .iter()
        .zip(&need)
        .filter(|(w, _)| short(w))
        .map(|(_, n)| n)
        .sum();
    let long = widths.iter().filter(|w| !short(w)).count();
    if fixed + LONG_LEAST * long as f32 > width {
        return proportional();
    }
    let flexible = (total - fixed).max(1.0);
    widths
        .iter()
        .zip(&need)
        .map(|(w, n)| {
            if short(w) {
                *n
            } else {
                n * (width - fixed) / flexible
            }
        })
        .collect()
}

/// The widest text of each column: header words (headers may wrap between words), cell lines.
fn content_widths(flow: &Flow, t: &Table) -> Vec<f32> {
    let measure = |text: &str, style| flow.fonts.width(text, style, TABLE_PT);
    let widest = |text: &str, split: char, style| {
        text.split(split)
            .map(|part| measure(part, style))
            .fold(0.0, f32::max)
    };
    let columns = t
        .rows
        .iter()
        .map(Vec::len)
        .fold(t.headers.len(), usize::max);
    let mut widths = vec![0.0_f32; columns];
    for (w, h) in widths.iter_mut().zip(&t.headers) {
        *w = widest(h, ' ', Style::Heading);
    }
    for row in &t.rows {
        for (w, c) in widths.iter_mut().zip(row) {
            *w = w.max(widest(&c.text, '\n', Style::Body));
        }
    }
    widths
}

/// Each column's left edge and width.
fn columns(flow: &Flow, t: &Table) -> Vec<(f32, f32)> {
    let mut x = left();
    let widths = if t.widths_mm.len() == t.headers.len() && !t.widths_mm.is_empty() {
        t.widths_mm.iter().map(|mm| super::flow::pt(*mm)).collect()
    } else {
        column_widths(&content_widths(flow, t))
    };
    widths
        .into_iter()
        .map(|w| {
            x += w;
            (x - w, w)
        })
        .collect()
}

fn header_row(flow: &Flow, t: &Table, xs: &[(f32, f32)]) -> Option<Row> {
    let spec = Spec::new(Style::Heading, TABLE_PT, Align::Centre);
    let cells = t.headers.iter().zip(xs);
    let cells: Vec<CellBox> = cells.map(|(h, b)| cell(flow, h, *b, spec, true)).collect();
    (!cells.is_empty()).then(|| Row::new(cells, 1))
}

fn body_row(flow: &Flow, row: &[Cell], xs: &[(f32, f32)], min_lines: u32) -> Row {
    let cells = row.iter().zip(xs).map(|(c, b)| {
        let align = if c.right { Align::Right } else { Align::Left };
        let spec = Spec::new(Style::Body, TABLE_PT, align);
        cell(flow, &c.text, *b, spec, false)
    });
    Row::new(cells.collect(), min_lines)
}

pub fn table(flow: &mut Flow, t: &Table) {
    let xs = columns(flow, t);
    let header = header_row(flow, t, &xs);
    let rows: Vec<Row> = t
        .rows
        .iter()
        .map(|r| body_row(flow, r, &xs, t.min_lines))
        .collect();
    let title_spec = Spec::new(Style::Heading, 11.0, Align::Left);
    flow.gap(8.0);
    let title_height = t.title.as_ref().map_or(0.0, |_| title_spec.line_height());
    let header_height = header.as_ref().map_or(0.0, |h| h.height);
    // The title stays with the header and the first row (its first line, if no page can hold it).
    let most = bottom() - top() - title_height - header_height;
    let first = rows.first().map_or(0.0, |r| r.height);
    let first = if first > most {
        LINE + 2.0 * PAD_Y
    } else {
        first
    };
    flow.keep(title_height + header_height + first);
    if let Some(title) = &t.title {
        flow.text(title, title_spec);
    }
    if let Some(h) = &header {
        draw_row(flow, h);
    }
    for row in rows {
        place_row(flow, row, header.as_ref());
    }
    flow.gap(12.0);
}

/// About the height of a table's title, header and first row (one line each, three at most).
pub fn lead(t: &Table) -> f32 {
    let title = if t.title.is_some() { 11.0 * 1.5 } else { 0.0 };
    let header = if t.headers.is_empty() { 0.0 } else { 1.0 };
    let first = t.min_lines.clamp(1, 3) as f32;
    title + 8.0 + (header + first) * LINE + 4.0 * PAD_Y
}

/// About the height of a form's first row (three lines at most).
pub fn form_lead(rows: &[FormRow]) -> f32 {
    let lines = rows.first().map_or(0, |r| r.min_lines.clamp(1, 3));
    6.0 + lines as f32 * LINE + 2.0 * PAD_Y
}

/// A form as `docx::form`: shaded label cells, a pair spanning the width or two pairs a row.
pub fn form(flow: &mut Flow, rows: &[FormRow]) {
    let width = text_width();
    let label = width * 0.16;
    let label_spec = Spec::new(Style::Heading, TABLE_PT, Align::Centre);
    let value_spec = Spec::new(Style::Body, TABLE_PT, Align::Left);
    flow.gap(6.0);
    for r in rows {
        let pairs = r.cells.len().max(1);
        let mut cells = Vec::new();
        for (k, (l, v)) in r.cells.iter().enumerate() {
            let x = left() + k as f32 * width / 2.0;
            let value = if pairs == 1 {
                width - label
            } else {
                width / 2.0 - label
            };
            cells.push(cell(flow, l, (x, label), label_spec, true));
            cells.push(cell(flow, v, (x + label, value), value_spec, false));
        }
        place_row(flow, Row::new(cells, r.min_lines), None);
    }
    flow.gap(12.0);
}
