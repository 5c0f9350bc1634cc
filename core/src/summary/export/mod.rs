//! Exports of the annual summary (年度工作总结, [`crate::summary::Summary`]): Word (.docx), Excel (.xlsx),
//! a printable HTML page, CSV files and JSON (the computed figures, `docs/summary-format.md`).
//!
//! Word, HTML, Excel, CSV and the window (through [`view`]) are all drawn from one model built here:
//! the sections in the summary's order, each with its headline figures (together, the overview), its
//! label lines ("年初有党员 18 名……"), the secretary's narrative, its charts and its tables of figures
//! and records. A section added to the model appears in all of them (`tests.rs` shows it). Codes (activity kinds, posts, stages, honour levels) become labels in
//! the chosen language. The summary holds names and event dates only, never a phone number or a birth
//! date, and nothing here adds any.
//!
//! Every file is written to a temporary name beside the target and renamed into place, so a failed
//! export leaves no file behind.
//!
//! The rooms: this file holds what callers use (`write`, `json`, [`Format`], [`Chart`]) and the model
//! (`Cell`, `Table`, `Figure`, `Section` and the labels they share); `sections/` builds each section's
//! figures, lines and tables (one file per section, and the overview); `chart` draws the charts;
//! `html`, `csv`, `xlsx` and `docx` each turn a list of sections into one format, and `view` into the
//! data the window lays out; `ooxml` repacks the Word file (what docx-rs cannot do).

mod chart;
mod csv;
mod html;
mod paper;
mod sections;
#[cfg(test)]
mod tests;
mod view;
mod xlsx;

pub use chart::chart_png;
pub use html::html;
pub use view::{view, CellKind, View, ViewCell, ViewChart, ViewFigure, ViewSection, ViewTable};

use crate::document::file::write_atomic;
use crate::document::PaperFormat;
use crate::people::{Stage, StageCounts};
use crate::summary::{Summary, SECTIONS};
use crate::{Error, Field, Lang, Result};
use serde::Serialize;
use std::path::Path;

/// The formats `write` produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Pdf,
    Xlsx,
    Html,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 6] = [
        Format::Docx,
        Format::Pdf,
        Format::Xlsx,
        Format::Html,
        Format::Csv,
        Format::Json,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Pdf => "pdf",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// `docx`, `pdf`, `xlsx`, `html`, `csv` or `json` (any case, `htm` too).
    pub fn parse(value: &str) -> Result<Format> {
        let v = value.trim().to_ascii_lowercase();
        let v = if v == "htm" { "html".to_string() } else { v };
        Format::ALL
            .into_iter()
            .find(|f| f.code() == v)
            .ok_or_else(|| Error::Unknown {
                field: Field::File,
                value: value.to_string(),
            })
    }
}

/// The charts of the summary, drawn as PNG for Word (and the app) and as SVG in the HTML page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Chart {
    /// Head count by stage on 31 December of each year (stacked bars).
    MembersByYear,
    /// Activities held per month of the range.
    ActivitiesPerMonth,
    /// Attendance rate per activity kind (0–100 %).
    AttendanceByKind,
}

impl Chart {
    pub const ALL: [Chart; 3] = [
        Chart::MembersByYear,
        Chart::ActivitiesPerMonth,
        Chart::AttendanceByKind,
    ];

    /// `members-by-year`, `activities-per-month`, `attendance-by-kind`.
    pub fn slug(self) -> &'static str {
        match self {
            Chart::MembersByYear => "members-by-year",
            Chart::ActivitiesPerMonth => "activities-per-month",
            Chart::AttendanceByKind => "attendance-by-kind",
        }
    }
}

/// The summary as a paper (what its Word and PDF files are written from).
pub fn paper(summary: &Summary, lang: Lang) -> Result<crate::document::Doc> {
    paper::paper(summary, &sections::sections(summary, lang), lang)
}

/// Writes `summary` as `format` to `path` in `lang`, reporting progress in percent.
///
/// For CSV, `path` is a folder (created when missing) that receives one file per table, named by
/// section (`membership.csv`, `membership-counts.csv`, …, `overview.csv`), UTF-8 with a byte-order mark
/// so that Excel and WPS read the Chinese correctly. Every other format is one file.
pub fn write(
    summary: &Summary,
    format: Format,
    path: &Path,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<()> {
    progress(0);
    let sections = sections::sections(summary, lang);
    match format {
        Format::Csv => csv::write_csv(summary, &sections, path, lang, progress)?,
        _ => {
            let bytes = match format {
                Format::Docx => {
                    paper::write(summary, &sections, lang, PaperFormat::Docx, progress)?
                }
                Format::Pdf => paper::write(summary, &sections, lang, PaperFormat::Pdf, progress)?,
                Format::Xlsx => xlsx::xlsx(summary, &sections, lang, progress)?,
                Format::Html => html::html_of(summary, &sections, lang).into_bytes(),
                _ => json(summary).into_bytes(),
            };
            progress(90);
            write_atomic(path, &bytes)?;
        }
    }
    progress(100);
    Ok(())
}

/// The name the app suggests when it asks where to save: "支部工作总结-2019年.docx" /
/// "branch-summary-2019.docx"; for CSV, a folder "…-csv".
pub fn file_name(summary: &Summary, format: Format, lang: Lang) -> String {
    let what = lang.pick("支部工作总结", "branch-summary");
    let label = match lang {
        Lang::Zh => summary.label_zh.replace(' ', ""),
        Lang::En => summary.label_en.replace(' ', "_"),
    };
    let ext = match format {
        Format::Docx => ".docx",
        Format::Pdf => ".pdf",
        Format::Xlsx => ".xlsx",
        Format::Html => ".html",
        Format::Json => ".json",
        Format::Csv => "-csv",
    };
    format!("{what}-{label}{ext}")
}

/// The JSON export: the summary's own fields after `"format": "branch-ledger-summary"` and
/// `"format_version": 1` (see `docs/summary-format.md`).
pub fn json(summary: &Summary) -> String {
    #[derive(Serialize)]
    struct Envelope<'a> {
        format: &'static str,
        format_version: u32,
        #[serde(flatten)]
        summary: &'a Summary,
    }
    serde_json::to_string_pretty(&Envelope {
        format: JSON_FORMAT,
        format_version: JSON_FORMAT_VERSION,
        summary,
    })
    .expect("a summary serialises")
}

pub const JSON_FORMAT: &str = "branch-ledger-summary";
pub const JSON_FORMAT_VERSION: u32 = 1;

// ---------------------------------------------------------------------------------------------
// The model every format is drawn from

#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Text(String),
    Int(i64),
    /// A share 0–1, shown as a percentage; `None` when there is nothing to divide by.
    Rate(Option<f64>),
    Num(Option<f64>),
    /// An ISO date (`YYYY-MM-DD`), or empty.
    Date(String),
}

impl Cell {
    fn text(&self) -> String {
        match self {
            Cell::Text(t) | Cell::Date(t) => t.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Rate(r) => rate_text(*r),
            Cell::Num(n) => n.map(num_text).unwrap_or_default(),
        }
    }

    /// The value written to a CSV file: rates as fractions so that they stay numbers.
    fn csv(&self) -> String {
        match self {
            Cell::Rate(Some(r)) => format!("{:.4}", r),
            Cell::Rate(None) => String::new(),
            other => other.text(),
        }
    }

    fn is_number(&self) -> bool {
        matches!(self, Cell::Int(_) | Cell::Rate(_) | Cell::Num(_))
    }
}

fn txt(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

fn rate_text(r: Option<f64>) -> String {
    match r {
        Some(r) => format!("{:.1}%", r * 100.0),
        None => "—".to_string(),
    }
}

fn num_text(n: f64) -> String {
    if n.fract() == 0.0 {
        format!("{}", n as i64)
    } else {
        format!("{n:.1}")
    }
}

#[derive(Debug, Clone)]
struct Table {
    /// Names the CSV file: `{section}.csv` for "" (the section's records), else `{section}-{slug}.csv`.
    slug: &'static str,
    title: String,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

impl Table {
    fn new(slug: &'static str, title: String, headers: &[&str]) -> Table {
        Table {
            slug,
            title,
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
        }
    }
}

/// A headline figure of a section ("年末党员人数 21"): the section's rows of the overview (the "概览"
/// sheet and `overview.csv`), and the figures the window shows at the top of the section.
#[derive(Debug, Clone)]
struct Figure {
    /// Names the figure for the window (`sum-{key}`), e.g. `activities-total`.
    key: &'static str,
    label: String,
    value: Cell,
}

#[derive(Debug, Clone)]
struct Section {
    code: &'static str,
    /// "一、党员队伍" / "1. Membership".
    heading: String,
    /// "党员队伍" / "Membership" (sheet names).
    name: String,
    lines: Vec<String>,
    figures: Vec<Figure>,
    /// The secretary's narrative, paragraph by paragraph.
    note: Vec<String>,
    charts: Vec<Chart>,
    tables: Vec<Table>,
}

/// Picks the text for `lang`.
fn t(lang: Lang, zh: &str, en: &str) -> String {
    lang.pick(zh, en).to_string()
}

fn join(lang: Lang, items: &[String]) -> String {
    items.join(lang.pick("、", ", "))
}

/// The stages a summary reports, in order (non-members last).
const STAGES: [Stage; 6] = [
    Stage::Full,
    Stage::Probationary,
    Stage::Candidate,
    Stage::Activist,
    Stage::Applicant,
    Stage::NonMember,
];

fn count_of(c: &StageCounts, stage: Stage) -> i64 {
    match stage {
        Stage::Full => c.full,
        Stage::Probationary => c.probationary,
        Stage::Candidate => c.candidate,
        Stage::Activist => c.activist,
        Stage::Applicant => c.applicant,
        Stage::NonMember => c.non_member,
    }
}

/// The document's title.
fn title(s: &Summary, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("党支部工作总结（{}）", s.label_zh),
        Lang::En => format!("Party branch work summary ({})", s.label_en),
    }
}

fn range_line(s: &Summary, lang: Lang) -> String {
    let (from, to) = s.range.iso();
    match lang {
        Lang::Zh => format!("统计时段：{from} 至 {to}"),
        Lang::En => format!("Period: {from} to {to}"),
    }
}

fn made_line(lang: Lang) -> String {
    let today = crate::dates::iso(crate::dates::today());
    match lang {
        Lang::Zh => format!("本总结中的数字均由支部台账记录统计得出（{today} 生成）。"),
        Lang::En => {
            format!("Every figure here is counted from the branch's records (made {today}).")
        }
    }
}

fn paragraphs(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// Narratives not tied to one of the sections (an introduction, say), shown before the first section.
fn intro_notes(s: &Summary) -> Vec<String> {
    s.notes
        .iter()
        .filter(|n| !SECTIONS.contains(&n.section.as_str()))
        .flat_map(|n| paragraphs(&n.text))
        .collect()
}

/// Width in half-em units: CJK characters count two, others one.
fn text_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

pub(super) fn esc(s: &str) -> String {
    crate::document::html::escape(s)
}
