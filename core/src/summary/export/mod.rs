//! Exports of the annual summary (年度工作总结, [`crate::summary::Summary`]): Word (.docx), Excel (.xlsx),
//! a printable HTML page, CSV files and JSON (the computed figures, `docs/summary-format.md`).
//!
//! Word, HTML, Excel and CSV are all drawn from one model built here: the sections in the summary's
//! order, each with its label lines ("年初有党员 18 名……"), the secretary's narrative, its charts and its
//! tables of figures and records. Codes (activity kinds, posts, stages, honour levels) become labels in
//! the chosen language. The summary holds names and event dates only, never a phone number or a birth
//! date, and nothing here adds any.
//!
//! Every file is written to a temporary name beside the target and renamed into place, so a failed
//! export leaves no file behind.

use super::{Record, Summary, SECTIONS};
use crate::activities::{ActivityKind, ProjectStatus};
use crate::bulletins::SeriesKind;
use crate::committee::Position;
use crate::people::{Stage, StageCounts};
use crate::{Error, Field, Lang, Result};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// The formats `write` produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Xlsx,
    Html,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Docx,
        Format::Xlsx,
        Format::Html,
        Format::Csv,
        Format::Json,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    /// `docx`, `xlsx`, `html`, `csv` or `json` (any case, `htm` too).
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

    fn slug(self) -> &'static str {
        match self {
            Chart::MembersByYear => "members-by-year",
            Chart::ActivitiesPerMonth => "activities-per-month",
            Chart::AttendanceByKind => "attendance-by-kind",
        }
    }
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
    match format {
        Format::Csv => write_csv(summary, path, lang, progress)?,
        _ => {
            let bytes = match format {
                Format::Docx => docx(summary, lang, progress)?,
                Format::Xlsx => xlsx(summary, lang, progress)?,
                Format::Html => html(summary, lang).into_bytes(),
                _ => json(summary).into_bytes(),
            };
            progress(90);
            write_atomic(path, &bytes)?;
        }
    }
    progress(100);
    Ok(())
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
// Writing files

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn file_name(path: &Path) -> Result<String> {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .ok_or_else(|| {
            Error::Io(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{} is not a file name", path.display()),
            ))
        })
}

/// Writes `bytes` to a temporary file beside `path`, then renames it over `path`.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = file_name(path)?;
    let mut partial = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(parent_of(path))?;
    partial.write_all(bytes)?;
    readable(partial.path(), false)?;
    partial.as_file().sync_all()?;
    partial.persist(path).map_err(|e| Error::Io(e.error))?;
    Ok(())
}

/// Temporary files and folders are private (0600/0700) on Unix; the export is an ordinary document.
fn readable(path: &Path, folder: bool) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = if folder { 0o755 } else { 0o644 };
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))?;
    }
    let _ = (path, folder);
    Ok(())
}

fn write_csv(
    summary: &Summary,
    path: &Path,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<()> {
    let files = csv_files(summary, lang)?;
    progress(50);
    if path.is_dir() {
        // An existing folder: replace our files one by one, each atomically; leave others alone.
        for (name, bytes) in &files {
            write_atomic(&path.join(name), bytes)?;
        }
        return Ok(());
    }
    if path.exists() {
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} exists and is not a folder", path.display()),
        )));
    }
    let name = file_name(path)?;
    let partial = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempdir_in(parent_of(path))?;
    for (file, bytes) in &files {
        std::fs::write(partial.path().join(file), bytes)?;
    }
    readable(partial.path(), true)?;
    std::fs::rename(partial.path(), path)?;
    // `partial` now names nothing; dropping it removes nothing.
    Ok(())
}

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

#[derive(Debug, Clone)]
struct Section {
    code: &'static str,
    /// "一、党员队伍" / "1. Membership".
    heading: String,
    /// "党员队伍" / "Membership" (sheet names).
    name: String,
    lines: Vec<String>,
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

fn is_calendar_year(s: &Summary) -> bool {
    let (f, to) = (&s.range.from, &s.range.to);
    f.len() == 10
        && to.len() == 10
        && f.ends_with("-01-01")
        && to.ends_with("-12-31")
        && f[..4] == to[..4]
}

fn kind_label(code: &str, lang: Lang) -> String {
    ActivityKind::parse(code)
        .map(|k| k.label(lang).to_string())
        .unwrap_or_else(|_| code.to_string())
}

fn position_label(code: &str, lang: Lang) -> String {
    Position::parse(code)
        .map(|p| p.label(lang).to_string())
        .unwrap_or_else(|_| code.to_string())
}

fn series_kind_label(code: &str, lang: Lang) -> String {
    SeriesKind::parse(code)
        .map(|k| k.label(lang).to_string())
        .unwrap_or_else(|_| code.to_string())
}

fn project_status_label(code: &str, lang: Lang) -> String {
    ProjectStatus::parse(code)
        .map(|k| k.label(lang).to_string())
        .unwrap_or_else(|_| code.to_string())
}

/// Honour levels (codes of `honours::Level`).
fn level_label(code: &str, lang: Lang) -> String {
    let (zh, en) = match code {
        "national" => ("国家级", "national"),
        "provincial" => ("省部级", "provincial or ministerial"),
        "city" => ("市级", "city"),
        "district" => ("区县级", "district or county"),
        "university" => ("校级", "university"),
        "school" => ("院系级", "school or department"),
        "other" => ("其他", "other"),
        _ => return code.to_string(),
    };
    t(lang, zh, en)
}

fn period_label(code: &str, lang: Lang) -> String {
    match code {
        "month" => t(lang, "每月", "monthly"),
        "quarter" => t(lang, "每季度", "quarterly"),
        "year" => t(lang, "每年", "yearly"),
        other => other.to_string(),
    }
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

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn section_name(code: &str, lang: Lang) -> String {
    let (zh, en) = match code {
        "membership" => ("党员队伍", "Membership"),
        "organisation" => ("组织建设", "Organisation"),
        "activities" => ("组织生活", "Activities"),
        "bulletins" => ("宣传工作", "Propaganda"),
        "bookshelf" => ("支部书架", "Bookshelf"),
        "suggestions" => ("群众意见", "Suggestions"),
        "honours" => ("荣誉表彰", "Honours"),
        other => (other, other),
    };
    t(lang, zh, en)
}

/// The document's title.
fn title(s: &Summary, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("党支部工作总结（{}）", s.label_zh),
        Lang::En => format!("Party branch work summary ({})", s.label_en),
    }
}

fn range_line(s: &Summary, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("统计时段：{} 至 {}", s.range.from, s.range.to),
        Lang::En => format!("Period: {} to {}", s.range.from, s.range.to),
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

/// The narrative of `section`, paragraph by paragraph.
fn note_of(s: &Summary, section: &str) -> Vec<String> {
    s.notes
        .iter()
        .filter(|n| n.section == section)
        .flat_map(|n| paragraphs(&n.text))
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

fn sections(s: &Summary, lang: Lang) -> Vec<Section> {
    SECTIONS
        .iter()
        .enumerate()
        .map(|(i, &code)| {
            let name = section_name(code, lang);
            let heading = match lang {
                Lang::Zh => format!("{}、{}", NUMERALS.get(i).copied().unwrap_or("十"), name),
                Lang::En => format!("{}. {}", i + 1, name),
            };
            let (lines, charts, tables) = match code {
                "membership" => membership(s, lang),
                "organisation" => organisation(s, lang),
                "activities" => activities(s, lang),
                "bulletins" => bulletins(s, lang),
                "bookshelf" => bookshelf(s, lang),
                "suggestions" => suggestions(s, lang),
                _ => honours(s, lang),
            };
            Section {
                code,
                heading,
                name,
                lines,
                note: note_of(s, code),
                charts,
                tables,
            }
        })
        .collect()
}

type Parts = (Vec<String>, Vec<Chart>, Vec<Table>);

fn records_table(slug: &'static str, title: String, headers: &[&str], records: &[Record]) -> Table {
    let mut table = Table::new(slug, title, headers);
    for r in records {
        table
            .rows
            .push(vec![Cell::Date(r.date.clone()), txt(r.title.clone())]);
    }
    table
}

fn names(records: &[Record]) -> Vec<String> {
    records.iter().map(|r| r.title.clone()).collect()
}

fn membership(s: &Summary, lang: Lang) -> Parts {
    let m = &s.membership;
    let year = is_calendar_year(s);
    let (start, end, within) = match (lang, year) {
        (Lang::Zh, true) => ("年初", "年末", "本年度"),
        (Lang::Zh, false) => ("期初", "期末", "本期"),
        (Lang::En, true) => ("At the start of the year", "at the end", "In the year"),
        (Lang::En, false) => ("At the start of the period", "at the end", "In the period"),
    };
    let (a, b) = (&m.on_first, &m.on_last);
    let mut lines = Vec::new();
    lines.push(match lang {
        Lang::Zh => {
            let change = match m.growth {
                0 => "人数持平".to_string(),
                g if g > 0 => format!("净增 {g} 名"),
                g => format!("净减 {} 名", -g),
            };
            format!(
                "{start}有党员 {} 名（正式党员 {} 名、预备党员 {} 名），{end}有党员 {} 名（正式党员 {} 名、预备党员 {} 名），{change}。",
                a.members(), a.full, a.probationary, b.members(), b.full, b.probationary
            )
        }
        Lang::En => format!(
            "{start} the branch had {} party members ({} full, {} probationary); {end}, {} ({} full, {} probationary), a net change of {:+}.",
            a.members(), a.full, a.probationary, b.members(), b.full, b.probationary, m.growth
        ),
    });
    let cite = |records: &[Record]| -> String {
        if records.is_empty() || records.len() > 12 {
            String::new()
        } else {
            match lang {
                Lang::Zh => format!("（{}）", join(lang, &names(records))),
                Lang::En => format!(" ({})", join(lang, &names(records))),
            }
        }
    };
    lines.push(match lang {
        Lang::Zh => format!(
            "{within}发展党员 {} 名{}，预备党员转正 {} 名{}，转入 {} 名{}，转出 {} 名{}。",
            m.admitted.len(),
            cite(&m.admitted),
            m.became_full.len(),
            cite(&m.became_full),
            m.transferred_in.len(),
            cite(&m.transferred_in),
            m.transferred_out.len(),
            cite(&m.transferred_out)
        ),
        Lang::En => format!(
            "{within}, {} were admitted as probationary members{}, {} became full members{}, {} transferred in{} and {} transferred out{}.",
            m.admitted.len(),
            cite(&m.admitted),
            m.became_full.len(),
            cite(&m.became_full),
            m.transferred_in.len(),
            cite(&m.transferred_in),
            m.transferred_out.len(),
            cite(&m.transferred_out)
        ),
    });
    lines.push(match lang {
        Lang::Zh => format!(
            "{end}有发展对象 {} 名、入党积极分子 {} 名、入党申请人 {} 名。",
            b.candidate, b.activist, b.applicant
        ),
        Lang::En => format!(
            "At the end: development candidates {}, activists {}, applicants {}.",
            b.candidate, b.activist, b.applicant
        ),
    });

    let (h_start, h_end) = match (lang, year) {
        (Lang::Zh, true) => ("年初", "年末"),
        (Lang::Zh, false) => ("期初", "期末"),
        (Lang::En, _) => ("At start", "At end"),
    };
    let mut counts = Table::new(
        "counts",
        t(lang, "各类人员人数", "Head count by stage"),
        &[
            lang.pick("身份", "Stage"),
            h_start,
            h_end,
            lang.pick("增减", "Change"),
        ],
    );
    for (i, stage) in STAGES.into_iter().enumerate() {
        if i == 2 {
            counts.rows.push(vec![
                txt(t(lang, "党员合计", "Party members")),
                Cell::Int(a.members()),
                Cell::Int(b.members()),
                Cell::Int(b.members() - a.members()),
            ]);
        }
        let (x, y) = (count_of(a, stage), count_of(b, stage));
        counts.rows.push(vec![
            txt(stage.label(lang)),
            Cell::Int(x),
            Cell::Int(y),
            Cell::Int(y - x),
        ]);
    }
    let mut changes = Table::new(
        "",
        t(lang, "人员变动", "Changes"),
        &[
            lang.pick("日期", "Date"),
            lang.pick("变动", "Change"),
            lang.pick("姓名", "Name"),
        ],
    );
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (records, zh, en) in [
        (&m.admitted, "发展为预备党员", "admitted (probationary)"),
        (&m.became_full, "转为正式党员", "became a full member"),
        (&m.transferred_in, "转入", "transferred in"),
        (&m.transferred_out, "转出", "transferred out"),
    ] {
        for r in records {
            rows.push((r.date.clone(), t(lang, zh, en), r.title.clone()));
        }
    }
    rows.sort_by(|x, y| x.0.cmp(&y.0));
    for (date, what, name) in rows {
        changes
            .rows
            .push(vec![Cell::Date(date), txt(what), txt(name)]);
    }
    (lines, vec![Chart::MembersByYear], vec![counts, changes])
}

fn organisation(s: &Summary, lang: Lang) -> Parts {
    let o = &s.organisation;
    let mut lines = Vec::new();
    for term in &o.terms {
        let seats: Vec<String> = term
            .seats
            .iter()
            .map(|(p, name)| format!("{} {name}", position_label(p, lang)))
            .collect();
        let ends = match (&term.ends_on, lang) {
            (Some(d), Lang::Zh) => format!("，届满 {d}"),
            (Some(d), Lang::En) => format!(", ends {d}"),
            (None, _) => String::new(),
        };
        lines.push(match lang {
            Lang::Zh => format!(
                "第{}届支委会（{} 选举产生{ends}）：{}。",
                term.ordinal,
                term.elected_on,
                if seats.is_empty() {
                    "未记录委员".to_string()
                } else {
                    seats.join("，")
                }
            ),
            Lang::En => format!(
                "Committee term {} (elected {}{ends}): {}.",
                term.ordinal,
                term.elected_on,
                if seats.is_empty() {
                    "no posts recorded".to_string()
                } else {
                    seats.join("; ")
                }
            ),
        });
    }
    if o.terms.is_empty() {
        lines.push(t(
            lang,
            "本期没有支委会的记录。",
            "No committee term is recorded for the period.",
        ));
    }
    if !o.groups.is_empty() {
        let groups: Vec<String> = o
            .groups
            .iter()
            .map(|g| match (lang, &g.leader) {
                (Lang::Zh, Some(l)) => format!("{}（组长 {l}，{} 人）", g.name, g.members),
                (Lang::Zh, None) => format!("{}（{} 人）", g.name, g.members),
                (Lang::En, Some(l)) => format!("{} (leader {l}, {} members)", g.name, g.members),
                (Lang::En, None) => format!("{} ({} members)", g.name, g.members),
            })
            .collect();
        lines.push(match lang {
            Lang::Zh => format!(
                "支部设党小组 {} 个：{}。",
                o.groups.len(),
                groups.join("，")
            ),
            Lang::En => format!(
                "The branch has {} party groups: {}.",
                o.groups.len(),
                groups.join("; ")
            ),
        });
    }

    let mut committee = Table::new(
        "",
        t(lang, "支委会", "Committee"),
        &[
            lang.pick("届次", "Term"),
            lang.pick("选举日期", "Elected on"),
            lang.pick("届满日期", "Ends on"),
            lang.pick("职务", "Post"),
            lang.pick("姓名", "Name"),
        ],
    );
    for term in &o.terms {
        let head = |row: Vec<Cell>| {
            let mut r = vec![
                Cell::Int(term.ordinal),
                Cell::Date(term.elected_on.clone()),
                Cell::Date(term.ends_on.clone().unwrap_or_default()),
            ];
            r.extend(row);
            r
        };
        if term.seats.is_empty() {
            committee.rows.push(head(vec![txt(""), txt("")]));
        }
        for (p, name) in &term.seats {
            committee
                .rows
                .push(head(vec![txt(position_label(p, lang)), txt(name.clone())]));
        }
    }
    let mut groups = Table::new(
        "groups",
        t(lang, "党小组", "Party groups"),
        &[
            lang.pick("党小组", "Party group"),
            lang.pick("组长", "Leader"),
            lang.pick("人数", "Members"),
        ],
    );
    for g in &o.groups {
        groups.rows.push(vec![
            txt(g.name.clone()),
            txt(g.leader.clone().unwrap_or_default()),
            Cell::Int(g.members),
        ]);
    }
    (lines, vec![], vec![committee, groups])
}

/// Present ÷ expected over every kind.
fn overall_rate(s: &Summary) -> Option<f64> {
    let expected: i64 = s.activities.by_kind.iter().map(|k| k.expected).sum();
    let present: i64 = s.activities.by_kind.iter().map(|k| k.present).sum();
    (expected > 0).then(|| present as f64 / expected as f64)
}

fn activities(s: &Summary, lang: Lang) -> Parts {
    let a = &s.activities;
    let within = match (lang, is_calendar_year(s)) {
        (Lang::Zh, true) => "本年度",
        (Lang::Zh, false) => "本期",
        (Lang::En, true) => "In the year",
        (Lang::En, false) => "In the period",
    };
    let mut lines = Vec::new();
    let kinds: Vec<String> = a
        .by_kind
        .iter()
        .filter(|k| k.count > 0)
        .map(|k| match lang {
            Lang::Zh => format!("{} {} 次", kind_label(&k.kind, lang), k.count),
            Lang::En => format!("{} {}", k.count, kind_label(&k.kind, lang)),
        })
        .collect();
    lines.push(match lang {
        Lang::Zh if kinds.is_empty() => format!("{within}共开展组织生活 {} 次。", a.total),
        Lang::Zh => format!(
            "{within}共开展组织生活 {} 次，其中{}。",
            a.total,
            join(lang, &kinds)
        ),
        Lang::En if kinds.is_empty() => format!("{within} the branch held {} activities.", a.total),
        Lang::En => format!(
            "{within} the branch held {} activities: {}.",
            a.total,
            join(lang, &kinds)
        ),
    });
    let expected: i64 = a.by_kind.iter().map(|k| k.expected).sum();
    let present: i64 = a.by_kind.iter().map(|k| k.present).sum();
    if expected > 0 {
        lines.push(match lang {
            Lang::Zh => format!(
                "应到 {expected} 人次，实到 {present} 人次，出席率 {}。",
                rate_text(overall_rate(s))
            ),
            Lang::En => format!(
                "{present} attendances out of {expected} expected: an attendance rate of {}.",
                rate_text(overall_rate(s))
            ),
        });
    }
    let people = |list: &[crate::summary::PersonCount]| -> Vec<String> {
        list.iter()
            .map(|p| match lang {
                Lang::Zh => format!("{}（{} 次）", p.name, p.count),
                Lang::En => format!("{} ({})", p.name, p.count),
            })
            .collect()
    };
    if !a.lecturers.is_empty() {
        let times: i64 = a.lecturers.iter().map(|p| p.count).sum();
        lines.push(match lang {
            Lang::Zh => format!(
                "党员轮流讲党课，共 {} 人 {times} 人次：{}。",
                a.lecturers.len(),
                join(lang, &people(&a.lecturers))
            ),
            Lang::En => format!(
                "Members took turns giving party lectures: {} speakers, {times} lectures ({}).",
                a.lecturers.len(),
                join(lang, &people(&a.lecturers))
            ),
        });
    }
    if !a.hosts.is_empty() {
        lines.push(match lang {
            Lang::Zh => format!("支委轮流主持：{}。", join(lang, &people(&a.hosts))),
            Lang::En => format!("Hosts: {}.", join(lang, &people(&a.hosts))),
        });
    }
    let gaps: Vec<String> = a
        .compliance
        .iter()
        .filter(|c| !c.missing.is_empty())
        .map(|c| {
            let who = match &c.group {
                Some(g) => format!("{g}{}", kind_label(&c.kind, lang)),
                None => kind_label(&c.kind, lang),
            };
            match lang {
                Lang::Zh => format!(
                    "{who}（{}）未开展：{}",
                    period_label(&c.period, lang),
                    c.missing.join("、")
                ),
                Lang::En => format!(
                    "{who} ({}) missing in {}",
                    period_label(&c.period, lang),
                    c.missing.join(", ")
                ),
            }
        })
        .collect();
    if !a.compliance.is_empty() {
        lines.push(match (lang, gaps.is_empty()) {
            (Lang::Zh, true) => "“三会一课”等组织生活均按规定频次开展。".to_string(),
            (Lang::Zh, false) => format!("以下组织生活未按规定频次开展：{}。", gaps.join("；")),
            (Lang::En, true) => {
                "Every required meeting was held as often as the rules ask.".to_string()
            }
            (Lang::En, false) => format!("Required meetings not held: {}.", gaps.join("; ")),
        });
    }
    for c in &a.campaigns {
        lines.push(match lang {
            Lang::Zh => format!(
                "主题教育“{}”（{} 起{}），本期开展活动 {} 次。",
                c.name,
                c.starts_on,
                c.ends_on
                    .as_ref()
                    .map(|e| format!("，至 {e}"))
                    .unwrap_or_default(),
                c.activities
            ),
            Lang::En => format!(
                "Campaign “{}” (from {}{}): {} activities in the period.",
                c.name,
                c.starts_on,
                c.ends_on
                    .as_ref()
                    .map(|e| format!(" to {e}"))
                    .unwrap_or_default(),
                c.activities
            ),
        });
    }
    for p in &a.projects {
        let rating = if p.rating.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::Zh => format!("，评为“{}”", p.rating),
                Lang::En => format!(", rated “{}”", p.rating),
            }
        };
        lines.push(match lang {
            Lang::Zh => format!(
                "{}年度特色活动“{}”（{}{rating}），开展活动 {} 次。",
                p.year,
                p.title,
                project_status_label(&p.status, lang),
                p.activities
            ),
            Lang::En => format!(
                "Special project {} “{}” ({}{rating}): {} activities.",
                p.year,
                p.title,
                project_status_label(&p.status, lang),
                p.activities
            ),
        });
    }

    let mut by_kind = Table::new(
        "by-kind",
        t(lang, "按类型统计", "By kind"),
        &[
            lang.pick("类型", "Kind"),
            lang.pick("次数", "Held"),
            lang.pick("应到人次", "Expected"),
            lang.pick("实到人次", "Present"),
            lang.pick("出席率", "Attendance rate"),
        ],
    );
    for k in &a.by_kind {
        by_kind.rows.push(vec![
            txt(kind_label(&k.kind, lang)),
            Cell::Int(k.count),
            Cell::Int(k.expected),
            Cell::Int(k.present),
            Cell::Rate(k.rate),
        ]);
    }
    let mut compliance = Table::new(
        "compliance",
        t(lang, "“三会一课”落实情况", "Required meetings"),
        &[
            lang.pick("类型", "Kind"),
            lang.pick("党小组", "Party group"),
            lang.pick("频次", "Frequency"),
            lang.pick("应开展", "Required"),
            lang.pick("已开展", "Held"),
            lang.pick("未开展的时段", "Periods missed"),
        ],
    );
    for c in &a.compliance {
        compliance.rows.push(vec![
            txt(kind_label(&c.kind, lang)),
            txt(c.group.clone().unwrap_or_default()),
            txt(period_label(&c.period, lang)),
            Cell::Int(c.required),
            Cell::Int(c.held),
            txt(c.missing.join(lang.pick("、", ", "))),
        ]);
    }
    let person_table = |slug, title: String, list: &[crate::summary::PersonCount]| {
        let mut table = Table::new(
            slug,
            title,
            &[lang.pick("姓名", "Name"), lang.pick("次数", "Times")],
        );
        for p in list {
            table
                .rows
                .push(vec![txt(p.name.clone()), Cell::Int(p.count)]);
        }
        table
    };
    let lecturers = person_table(
        "lecturers",
        t(lang, "党课主讲", "Party lecture speakers"),
        &a.lecturers,
    );
    let hosts = person_table("hosts", t(lang, "主持", "Hosts"), &a.hosts);
    let mut campaigns = Table::new(
        "campaigns",
        t(lang, "主题教育", "Campaigns"),
        &[
            lang.pick("名称", "Name"),
            lang.pick("开始日期", "Starts on"),
            lang.pick("结束日期", "Ends on"),
            lang.pick("本期活动次数", "Activities"),
        ],
    );
    for c in &a.campaigns {
        campaigns.rows.push(vec![
            txt(c.name.clone()),
            Cell::Date(c.starts_on.clone()),
            Cell::Date(c.ends_on.clone().unwrap_or_default()),
            Cell::Int(c.activities),
        ]);
    }
    let mut projects = Table::new(
        "projects",
        t(lang, "特色活动", "Special projects"),
        &[
            lang.pick("年度", "Year"),
            lang.pick("名称", "Title"),
            lang.pick("状态", "Status"),
            lang.pick("评定", "Rating"),
            lang.pick("活动次数", "Activities"),
        ],
    );
    for p in &a.projects {
        projects.rows.push(vec![
            Cell::Int(p.year),
            txt(p.title.clone()),
            txt(project_status_label(&p.status, lang)),
            txt(p.rating.clone()),
            Cell::Int(p.activities),
        ]);
    }
    let records = records_table(
        "",
        t(lang, "活动记录", "Activities held"),
        &[lang.pick("日期", "Date"), lang.pick("活动", "Activity")],
        &a.records,
    );
    (
        lines,
        vec![Chart::ActivitiesPerMonth, Chart::AttendanceByKind],
        vec![
            by_kind, compliance, lecturers, hosts, campaigns, projects, records,
        ],
    )
}

fn bulletins(s: &Summary, lang: Lang) -> Parts {
    let b = &s.bulletins;
    let within = match (lang, is_calendar_year(s)) {
        (Lang::Zh, true) => "本年度",
        (Lang::Zh, false) => "本期",
        (Lang::En, true) => "In the year",
        (Lang::En, false) => "In the period",
    };
    let series: Vec<String> = b
        .series
        .iter()
        .filter(|x| x.issues > 0)
        .map(|x| match lang {
            Lang::Zh => format!(
                "{}（{}）{} 期",
                x.name,
                series_kind_label(&x.kind, lang),
                x.issues
            ),
            Lang::En => format!(
                "{} ({}) {}",
                x.name,
                series_kind_label(&x.kind, lang),
                x.issues
            ),
        })
        .collect();
    let mut lines = vec![match lang {
        Lang::Zh if series.is_empty() => format!("{within}共刊发宣传栏、简报等 {} 期。", b.total),
        Lang::Zh => format!(
            "{within}共刊发宣传栏、简报等 {} 期，其中{}。",
            b.total,
            join(lang, &series)
        ),
        Lang::En if series.is_empty() => format!("{within} {} issues were published.", b.total),
        Lang::En => format!(
            "{within} {} issues were published: {}.",
            b.total,
            join(lang, &series)
        ),
    }];
    let topics: Vec<String> = b.series.iter().flat_map(|x| x.topics.clone()).collect();
    if !topics.is_empty() {
        lines.push(match lang {
            Lang::Zh => format!("宣传专题包括：{}。", join(lang, &topics)),
            Lang::En => format!("Topics: {}.", join(lang, &topics)),
        });
    }
    let mut table = Table::new(
        "series",
        t(lang, "栏目", "Series"),
        &[
            lang.pick("栏目", "Series"),
            lang.pick("类型", "Kind"),
            lang.pick("期数", "Issues"),
            lang.pick("专题", "Topics"),
        ],
    );
    for x in &b.series {
        table.rows.push(vec![
            txt(x.name.clone()),
            txt(series_kind_label(&x.kind, lang)),
            Cell::Int(x.issues),
            txt(x.topics.join(lang.pick("、", ", "))),
        ]);
    }
    let records = records_table(
        "",
        t(lang, "刊发记录", "Issues published"),
        &[lang.pick("日期", "Date"), lang.pick("标题", "Title")],
        &b.records,
    );
    (lines, vec![], vec![table, records])
}

fn bookshelf(s: &Summary, lang: Lang) -> Parts {
    let b = &s.bookshelf;
    let year = is_calendar_year(s);
    let (end, within) = match (lang, year) {
        (Lang::Zh, true) => ("年末", "本年度"),
        (Lang::Zh, false) => ("期末", "本期"),
        (Lang::En, true) => ("At the end of the year", "in the year"),
        (Lang::En, false) => ("At the end of the period", "in the period"),
    };
    let mut lines = vec![match lang {
        Lang::Zh => format!(
            "{end}支部书架藏书 {} 种 {} 册，{within}新增 {} 册；借出 {} 次，借阅人 {} 人（党员 {} 人借阅 {} 次，群众及其他读者 {} 人借阅 {} 次）。",
            b.titles, b.copies, b.copies_added, b.loans, b.borrowers, b.member_borrowers, b.member_loans, b.other_borrowers, b.other_loans
        ),
        Lang::En => format!(
            "{end} the bookshelf held {} titles in {} copies, {} copies added {within}; {} loans to {} borrowers ({} members borrowed {} times, {} others {} times).",
            b.titles, b.copies, b.copies_added, b.loans, b.borrowers, b.member_borrowers, b.member_loans, b.other_borrowers, b.other_loans
        ),
    }];
    if !b.top_titles.is_empty() {
        let top: Vec<String> = b
            .top_titles
            .iter()
            .map(|x| match lang {
                Lang::Zh => format!("《{}》（{} 次）", x.name, x.count),
                Lang::En => format!("{} ({})", x.name, x.count),
            })
            .collect();
        lines.push(match lang {
            Lang::Zh => format!("借阅最多的图书：{}。", join(lang, &top)),
            Lang::En => format!("Most borrowed: {}.", join(lang, &top)),
        });
    }
    let mut figures = Table::new(
        "figures",
        t(lang, "藏书与借阅", "Holdings and loans"),
        &[lang.pick("项目", "Item"), lang.pick("数量", "Number")],
    );
    for (zh, en, n) in [
        ("藏书种数", "Titles held", b.titles),
        ("藏书册数", "Copies held", b.copies),
        ("新增册数", "Copies added", b.copies_added),
        ("借阅次数", "Loans", b.loans),
        ("借阅人数", "Borrowers", b.borrowers),
        ("党员借阅人数", "Member borrowers", b.member_borrowers),
        ("党员借阅次数", "Loans to members", b.member_loans),
        ("其他读者人数", "Other borrowers", b.other_borrowers),
        ("其他读者借阅次数", "Loans to others", b.other_loans),
    ] {
        figures.rows.push(vec![txt(t(lang, zh, en)), Cell::Int(n)]);
    }
    let mut top = Table::new(
        "top-titles",
        t(lang, "借阅最多的图书", "Most borrowed titles"),
        &[lang.pick("书名", "Title"), lang.pick("借阅次数", "Loans")],
    );
    for x in &b.top_titles {
        top.rows.push(vec![txt(x.name.clone()), Cell::Int(x.count)]);
    }
    let records = records_table(
        "",
        t(lang, "借阅记录", "Loans"),
        &[
            lang.pick("借出日期", "Loan date"),
            lang.pick("书名", "Title"),
        ],
        &b.records,
    );
    (lines, vec![], vec![figures, top, records])
}

fn category_label(c: &str, lang: Lang) -> String {
    if c.is_empty() {
        t(lang, "未分类", "uncategorised")
    } else {
        c.to_string()
    }
}

fn suggestions(s: &Summary, lang: Lang) -> Parts {
    let x = &s.suggestions;
    let within = match (lang, is_calendar_year(s)) {
        (Lang::Zh, true) => "本年度",
        (Lang::Zh, false) => "本期",
        (Lang::En, true) => "In the year",
        (Lang::En, false) => "In the period",
    };
    let median = match (x.median_days_to_respond, lang) {
        (Some(d), Lang::Zh) => format!("，答复用时中位数 {} 天", num_text(d)),
        (Some(d), Lang::En) => format!("; the median answer took {} days", num_text(d)),
        (None, _) => String::new(),
    };
    let mut lines = vec![match lang {
        Lang::Zh => format!(
            "{within}收到群众意见建议 {} 条，已答复 {} 条{median}。",
            x.received, x.answered
        ),
        Lang::En => format!(
            "{within} {} suggestions were received and {} answered{median}.",
            x.received, x.answered
        ),
    }];
    if !x.by_category.is_empty() {
        let cats: Vec<String> = x
            .by_category
            .iter()
            .map(|(c, r, a)| match lang {
                Lang::Zh => format!("{} {r} 条（已答复 {a} 条）", category_label(c, lang)),
                Lang::En => format!("{} {r} ({a} answered)", category_label(c, lang)),
            })
            .collect();
        lines.push(match lang {
            Lang::Zh => format!("按类别：{}。", join(lang, &cats)),
            Lang::En => format!("By category: {}.", join(lang, &cats)),
        });
    }
    let mut cats = Table::new(
        "categories",
        t(lang, "按类别统计", "By category"),
        &[
            lang.pick("类别", "Category"),
            lang.pick("收到", "Received"),
            lang.pick("已答复", "Answered"),
        ],
    );
    for (c, r, a) in &x.by_category {
        cats.rows.push(vec![
            txt(category_label(c, lang)),
            Cell::Int(*r),
            Cell::Int(*a),
        ]);
    }
    let records = records_table(
        "",
        t(lang, "意见建议", "Suggestions received"),
        &[
            lang.pick("收到日期", "Received on"),
            lang.pick("内容", "Suggestion"),
        ],
        &x.records,
    );
    (lines, vec![], vec![cats, records])
}

fn honours(s: &Summary, lang: Lang) -> Parts {
    let h = &s.honours.records;
    let recipient = |r: &Option<String>| match r {
        Some(name) => name.clone(),
        None => t(lang, "本支部", "the branch"),
    };
    let mut lines = Vec::new();
    if h.is_empty() {
        lines.push(t(
            lang,
            "本期没有荣誉表彰的记录。",
            "No honours are recorded for the period.",
        ));
    } else {
        let items: Vec<String> = h
            .iter()
            .map(|x| match lang {
                Lang::Zh => format!(
                    "{}获{}年{}“{}”（{}）",
                    recipient(&x.recipient),
                    x.year,
                    x.awarding_body,
                    x.title,
                    level_label(&x.level, lang)
                ),
                Lang::En => format!(
                    "{} named “{}” by {} in {} ({})",
                    recipient(&x.recipient),
                    x.title,
                    x.awarding_body,
                    x.year,
                    level_label(&x.level, lang)
                ),
            })
            .collect();
        lines.push(match lang {
            Lang::Zh => format!("共获得荣誉 {} 项：{}。", h.len(), items.join("；")),
            Lang::En => format!("{} honours: {}.", h.len(), items.join("; ")),
        });
    }
    let mut table = Table::new(
        "",
        t(lang, "荣誉表彰", "Honours"),
        &[
            lang.pick("年度", "Year"),
            lang.pick("荣誉称号", "Title"),
            lang.pick("级别", "Level"),
            lang.pick("获得者", "Recipient"),
            lang.pick("授予单位", "Awarded by"),
        ],
    );
    for x in h {
        table.rows.push(vec![
            Cell::Int(x.year),
            txt(x.title.clone()),
            txt(level_label(&x.level, lang)),
            txt(recipient(&x.recipient)),
            txt(x.awarding_body.clone()),
        ]);
    }
    (lines, vec![], vec![table])
}

/// The headline figures (the "概览" sheet and `overview.csv`).
fn overview(s: &Summary, lang: Lang) -> Table {
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
    let (start, end) = if is_calendar_year(s) {
        ("年初", "年末")
    } else {
        ("期初", "期末")
    };
    let rows: Vec<(String, &str, Cell)> = vec![
        (
            "统计起始日期".into(),
            "From",
            Cell::Date(s.range.from.clone()),
        ),
        ("统计截止日期".into(), "To", Cell::Date(s.range.to.clone())),
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
    ];
    for (zh, en, cell) in rows {
        table.rows.push(vec![txt(t(lang, &zh, en)), cell]);
    }
    table
}

fn chart_table(chart: Chart, s: &Summary, lang: Lang) -> Table {
    match chart {
        Chart::MembersByYear => {
            let headers: &[&str] = match lang {
                Lang::Zh => &[
                    "年份",
                    "正式党员",
                    "预备党员",
                    "党员合计",
                    "发展对象",
                    "入党积极分子",
                    "入党申请人",
                ],
                Lang::En => &[
                    "Year",
                    "Full",
                    "Probationary",
                    "Members",
                    "Candidates",
                    "Activists",
                    "Applicants",
                ],
            };
            let mut table = Table::new("members-by-year", chart_title(chart, lang), headers);
            for p in &s.charts.members_by_year {
                let c = &p.counts;
                table.rows.push(vec![
                    Cell::Int(p.year as i64),
                    Cell::Int(c.full),
                    Cell::Int(c.probationary),
                    Cell::Int(c.members()),
                    Cell::Int(c.candidate),
                    Cell::Int(c.activist),
                    Cell::Int(c.applicant),
                ]);
            }
            table
        }
        Chart::ActivitiesPerMonth => {
            let mut table = Table::new(
                "activities-per-month",
                chart_title(chart, lang),
                &[
                    lang.pick("月份", "Month"),
                    lang.pick("活动次数", "Activities"),
                ],
            );
            for (month, n) in &s.charts.activities_per_month {
                table.rows.push(vec![txt(month.clone()), Cell::Int(*n)]);
            }
            table
        }
        Chart::AttendanceByKind => {
            let mut table = Table::new(
                "attendance-by-kind",
                chart_title(chart, lang),
                &[
                    lang.pick("类型", "Kind"),
                    lang.pick("出席率", "Attendance rate"),
                ],
            );
            for (kind, r) in &s.charts.attendance_by_kind {
                table
                    .rows
                    .push(vec![txt(kind_label(kind, lang)), Cell::Rate(Some(*r))]);
            }
            table
        }
    }
}

fn chart_title(chart: Chart, lang: Lang) -> String {
    match chart {
        Chart::MembersByYear => t(lang, "历年党员队伍", "Members by stage over the years"),
        Chart::ActivitiesPerMonth => t(lang, "每月组织生活次数", "Activities per month"),
        Chart::AttendanceByKind => t(lang, "各类组织生活出席率", "Attendance rate by kind"),
    }
}

/// "图1 历年党员队伍（…）": what the picture shows, since the PNG carries no text.
fn chart_caption(chart: Chart, s: &Summary, lang: Lang, number: usize) -> String {
    let plot = plot(chart, s, lang);
    let step = if plot.percent {
        format!("{}%", num_text(plot.step * 100.0))
    } else {
        num_text(plot.step)
    };
    let detail = match (chart, lang) {
        (Chart::MembersByYear, Lang::Zh) => format!(
            "每年 12 月 31 日人数，柱自下而上：深红 正式党员、红 预备党员、橙 发展对象、黄 入党积极分子、灰 入党申请人；横线每格 {step} 人"
        ),
        (Chart::MembersByYear, Lang::En) => format!(
            "head count on 31 December; each bar from the bottom: dark red full members, red probationary, orange candidates, yellow activists, grey applicants; grid lines every {step}"
        ),
        (Chart::ActivitiesPerMonth, Lang::Zh) => format!("横线每格 {step} 次"),
        (Chart::ActivitiesPerMonth, Lang::En) => format!("grid lines every {step}"),
        (Chart::AttendanceByKind, Lang::Zh) => format!("横线每格 {step}"),
        (Chart::AttendanceByKind, Lang::En) => format!("grid lines every {step}"),
    };
    match lang {
        Lang::Zh => format!("图{number} {}（{detail}）", chart_title(chart, lang)),
        Lang::En => format!("Figure {number}. {} ({detail})", chart_title(chart, lang)),
    }
}

// ---------------------------------------------------------------------------------------------
// Charts: one geometry, drawn as PNG (no text) or SVG (with labels)

/// The stages stacked in the members chart, bottom first.
const STACKED: [Stage; 5] = [
    Stage::Full,
    Stage::Probationary,
    Stage::Candidate,
    Stage::Activist,
    Stage::Applicant,
];
const STACK_COLOURS: [[u8; 3]; 5] = [
    [0x8e, 0x16, 0x16],
    [0xe5, 0x39, 0x35],
    [0xfb, 0x8c, 0x00],
    [0xfd, 0xd8, 0x35],
    [0x90, 0xa4, 0xae],
];
const BAR_COLOUR: [u8; 3] = [0xc6, 0x28, 0x28];
const GRID_COLOUR: [u8; 3] = [0xdd, 0xdd, 0xdd];
const AXIS_COLOUR: [u8; 3] = [0x55, 0x55, 0x55];

struct Plot {
    labels: Vec<String>,
    /// Per category, the values stacked bottom up (one per series).
    stacks: Vec<Vec<f64>>,
    colours: Vec<[u8; 3]>,
    series: Vec<String>,
    top: f64,
    step: f64,
    percent: bool,
}

fn nice_scale(max: f64) -> (f64, f64) {
    let max = if max.is_finite() && max > 0.0 {
        max
    } else {
        1.0
    };
    let raw = max / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let step = if norm <= 1.0 {
        mag
    } else if norm <= 2.0 {
        2.0 * mag
    } else if norm <= 5.0 {
        5.0 * mag
    } else {
        10.0 * mag
    };
    let step = step.max(1.0);
    ((max / step).ceil() * step, step)
}

fn plot(chart: Chart, s: &Summary, lang: Lang) -> Plot {
    match chart {
        Chart::MembersByYear => {
            let points = &s.charts.members_by_year;
            let stacks: Vec<Vec<f64>> = points
                .iter()
                .map(|p| {
                    STACKED
                        .iter()
                        .map(|st| count_of(&p.counts, *st) as f64)
                        .collect()
                })
                .collect();
            let max = stacks
                .iter()
                .map(|v| v.iter().sum::<f64>())
                .fold(0.0, f64::max);
            let (top, step) = nice_scale(max);
            Plot {
                labels: points.iter().map(|p| p.year.to_string()).collect(),
                stacks,
                colours: STACK_COLOURS.to_vec(),
                series: STACKED
                    .iter()
                    .map(|st| st.label(lang).to_string())
                    .collect(),
                top,
                step,
                percent: false,
            }
        }
        Chart::ActivitiesPerMonth => {
            let points = &s.charts.activities_per_month;
            let max = points.iter().map(|p| p.1 as f64).fold(0.0, f64::max);
            let (top, step) = nice_scale(max);
            Plot {
                labels: points.iter().map(|p| p.0.clone()).collect(),
                stacks: points.iter().map(|p| vec![p.1 as f64]).collect(),
                colours: vec![BAR_COLOUR],
                series: vec![chart_title(chart, lang)],
                top,
                step,
                percent: false,
            }
        }
        Chart::AttendanceByKind => {
            let points = &s.charts.attendance_by_kind;
            Plot {
                labels: points.iter().map(|p| kind_label(&p.0, lang)).collect(),
                stacks: points.iter().map(|p| vec![p.1.clamp(0.0, 1.0)]).collect(),
                colours: vec![BAR_COLOUR],
                series: vec![chart_title(chart, lang)],
                top: 1.0,
                step: 0.25,
                percent: true,
            }
        }
    }
}

struct Frame {
    left: f64,
    top: f64,
    right: f64,
    bottom: f64,
}

struct Rect {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    colour: [u8; 3],
}

/// The bars of `plot` inside `frame`, and the y of each grid line (with its value).
fn layout(plot: &Plot, f: &Frame) -> (Vec<Rect>, Vec<(f64, f64)>) {
    let height = f.bottom - f.top;
    let y_of = |v: f64| f.bottom - (v / plot.top).min(1.0) * height;
    let mut grid = Vec::new();
    let mut v = 0.0;
    while v <= plot.top + plot.step / 1000.0 {
        grid.push((y_of(v), v));
        v += plot.step;
    }
    let n = plot.stacks.len().max(1) as f64;
    let slot = (f.right - f.left) / n;
    let bar = (slot * 0.68).max(1.0);
    let mut rects = Vec::new();
    for (i, stack) in plot.stacks.iter().enumerate() {
        let x = f.left + slot * i as f64 + (slot - bar) / 2.0;
        let mut base = 0.0;
        for (j, value) in stack.iter().enumerate() {
            if *value <= 0.0 {
                continue;
            }
            let (y0, y1) = (y_of(base + value), y_of(base));
            rects.push(Rect {
                x,
                y: y0,
                w: bar,
                h: y1 - y0,
                colour: plot.colours[j % plot.colours.len()],
            });
            base += value;
        }
    }
    (rects, grid)
}

const PNG_W: u32 = 800;
const PNG_H: u32 = 360;

struct Canvas {
    w: u32,
    h: u32,
    px: Vec<u8>,
}

impl Canvas {
    fn new(w: u32, h: u32) -> Canvas {
        Canvas {
            w,
            h,
            px: vec![255; (w * h * 3) as usize],
        }
    }

    fn fill(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, c: [u8; 3]) {
        let clamp_x = |v: f64| (v.round().max(0.0) as u32).min(self.w);
        let clamp_y = |v: f64| (v.round().max(0.0) as u32).min(self.h);
        let (xa, xb) = (clamp_x(x0.min(x1)), clamp_x(x0.max(x1)));
        let (ya, yb) = (clamp_y(y0.min(y1)), clamp_y(y0.max(y1)));
        for y in ya..yb {
            for x in xa..xb {
                let i = ((y * self.w + x) * 3) as usize;
                self.px[i..i + 3].copy_from_slice(&c);
            }
        }
    }

    fn png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        {
            let mut encoder = png::Encoder::new(&mut out, self.w, self.h);
            encoder.set_color(png::ColorType::Rgb);
            encoder.set_depth(png::BitDepth::Eight);
            let mut writer = encoder.write_header().expect("PNG header into memory");
            writer
                .write_image_data(&self.px)
                .expect("PNG data into memory");
        }
        out
    }
}

/// The chart as a PNG picture (800 × 360 pixels, bars and grid lines, no text: the caption and the
/// data table under it in the document say what it shows).
pub fn chart_png(chart: Chart, summary: &Summary) -> Vec<u8> {
    let plot = plot(chart, summary, Lang::Zh);
    let frame = Frame {
        left: 24.0,
        top: 16.0,
        right: PNG_W as f64 - 16.0,
        bottom: PNG_H as f64 - 24.0,
    };
    let (rects, grid) = layout(&plot, &frame);
    let mut canvas = Canvas::new(PNG_W, PNG_H);
    for (y, _) in &grid {
        canvas.fill(frame.left, y - 0.5, frame.right, y + 0.5, GRID_COLOUR);
    }
    for r in &rects {
        canvas.fill(r.x, r.y, r.x + r.w, r.y + r.h, r.colour);
    }
    // Axes, and a tick between categories.
    canvas.fill(
        frame.left - 1.0,
        frame.top,
        frame.left + 1.0,
        frame.bottom + 1.0,
        AXIS_COLOUR,
    );
    canvas.fill(
        frame.left - 1.0,
        frame.bottom - 1.0,
        frame.right,
        frame.bottom + 1.0,
        AXIS_COLOUR,
    );
    let n = plot.stacks.len();
    if n > 0 {
        let slot = (frame.right - frame.left) / n as f64;
        for i in 1..=n {
            let x = frame.left + slot * i as f64;
            canvas.fill(
                x - 0.5,
                frame.bottom,
                x + 0.5,
                frame.bottom + 6.0,
                AXIS_COLOUR,
            );
        }
    }
    canvas.png()
}

fn colour_hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// The chart as inline SVG (for the HTML page), with axis labels and a legend.
fn chart_svg(chart: Chart, s: &Summary, lang: Lang) -> String {
    let plot = plot(chart, s, lang);
    let n = plot.labels.len();
    let long_labels = plot.labels.iter().any(|l| l.chars().count() > 4) && n > 5;
    let legend = plot.series.len() > 1;
    let frame = Frame {
        left: 56.0,
        top: if legend { 40.0 } else { 16.0 },
        right: 784.0,
        bottom: if long_labels { 300.0 } else { 330.0 },
    };
    let (w, h) = (800.0, if long_labels { 400.0 } else { 360.0 });
    let (rects, grid) = layout(&plot, &frame);
    let mut out = format!(
        "<svg viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{}\">",
        esc(&chart_title(chart, lang))
    );
    for (y, v) in &grid {
        let label = if plot.percent {
            format!("{}%", num_text(v * 100.0))
        } else {
            num_text(*v)
        };
        out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{y:.1}\" x2=\"{}\" y2=\"{y:.1}\" stroke=\"{}\" stroke-width=\"1\"/>\
             <text x=\"{}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"12\">{label}</text>",
            frame.left,
            frame.right,
            colour_hex(GRID_COLOUR),
            frame.left - 6.0,
            y + 4.0
        ));
    }
    for r in &rects {
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\"/>",
            r.x,
            r.y,
            r.w,
            r.h,
            colour_hex(r.colour)
        ));
    }
    out.push_str(&format!(
        "<line x1=\"{l}\" y1=\"{t}\" x2=\"{l}\" y2=\"{b}\" stroke=\"{c}\"/><line x1=\"{l}\" y1=\"{b}\" x2=\"{r}\" y2=\"{b}\" stroke=\"{c}\"/>",
        l = frame.left,
        t = frame.top,
        b = frame.bottom,
        r = frame.right,
        c = colour_hex(AXIS_COLOUR)
    ));
    if n > 0 {
        let slot = (frame.right - frame.left) / n as f64;
        let every = n.div_ceil(24).max(1);
        for (i, label) in plot.labels.iter().enumerate() {
            if i % every != 0 {
                continue;
            }
            let x = frame.left + slot * (i as f64 + 0.5);
            let y = frame.bottom + 16.0;
            if long_labels {
                out.push_str(&format!(
                    "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"12\" text-anchor=\"end\" transform=\"rotate(-35 {x:.1} {y:.1})\">{}</text>",
                    esc(label)
                ));
            } else {
                out.push_str(&format!(
                    "<text x=\"{x:.1}\" y=\"{y:.1}\" font-size=\"12\" text-anchor=\"middle\">{}</text>",
                    esc(label)
                ));
            }
        }
    }
    if legend {
        let mut x = frame.left;
        for (name, colour) in plot.series.iter().zip(&plot.colours) {
            out.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"12\" width=\"14\" height=\"14\" fill=\"{}\"/><text x=\"{:.1}\" y=\"24\" font-size=\"13\">{}</text>",
                colour_hex(*colour),
                x + 18.0,
                esc(name)
            ));
            x += 30.0 + 13.0 * text_width(name) as f64 / 2.0 * 1.1;
        }
    }
    out.push_str("</svg>");
    out
}

/// Width in half-em units: CJK characters count two, others one.
fn text_width(s: &str) -> usize {
    s.chars()
        .map(|c| if (c as u32) < 0x1100 { 1 } else { 2 })
        .sum()
}

// ---------------------------------------------------------------------------------------------
// HTML

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const HTML_STYLE: &str = r#"
@page { size: A4; margin: 20mm 18mm 22mm; }
html { background: #f3f3f3; }
body { font-family: SimSun, 'Songti SC', 'Noto Serif CJK SC', serif; font-size: 12pt; line-height: 1.75; color: #000; margin: 0; }
main { background: #fff; max-width: 180mm; margin: 0 auto; padding: 16mm 15mm; }
h1, h2, h3, th, figcaption, .toolbar { font-family: SimHei, 'Heiti SC', 'Noto Sans CJK SC', sans-serif; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 .2em; }
h2 { font-size: 15pt; margin: 1.2em 0 .4em; }
h3 { font-size: 12pt; margin: 1em 0 .3em; }
p { text-indent: 2em; margin: .3em 0; }
p.meta { text-align: center; text-indent: 0; color: #333; }
.note p { text-indent: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.4; margin: .3em 0 1em; }
th, td { border: 1px solid #444; padding: 3px 6px; vertical-align: top; }
th { background: #eee; font-weight: normal; }
td.num { text-align: right; white-space: nowrap; }
figure { margin: 1em 0; text-align: center; break-inside: avoid; }
figure svg { width: 100%; height: auto; font-family: SimHei, 'Heiti SC', 'Noto Sans CJK SC', sans-serif; }
figcaption { font-size: 10.5pt; }
.toolbar { max-width: 180mm; margin: 0 auto; padding: 8px 0; text-align: right; }
.toolbar button { font: inherit; padding: 4px 14px; }
@media print {
  html { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; }
  .toolbar { display: none; }
  section + section { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
}
"#;

fn html_table(table: &Table, out: &mut String) {
    out.push_str("<table><thead><tr>");
    for h in &table.headers {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let class = if cell.is_number() {
                " class=\"num\""
            } else {
                ""
            };
            out.push_str(&format!("<td{class}>{}</td>", esc(&cell.text())));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// The summary as one standalone, printable HTML page (A4, inline CSS, charts as inline SVG, no
/// external resources): the app shows it and opens the print dialog, so the secretary can print it
/// or save it as PDF.
pub fn html(summary: &Summary, lang: Lang) -> String {
    let s = summary;
    let heading = title(s, lang);
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{HTML_STYLE}</style></head><body>\n",
        lang.pick("zh-CN", "en"),
        esc(&heading)
    ));
    out.push_str(&format!(
        "<div class=\"toolbar\"><button type=\"button\" onclick=\"window.print()\">{}</button></div>\n<main>\n",
        lang.pick("打印 / 另存为 PDF", "Print / save as PDF")
    ));
    out.push_str(&format!("<header><h1>{}</h1>", esc(&heading)));
    out.push_str(&format!(
        "<p class=\"meta\">{}</p>",
        esc(&range_line(s, lang))
    ));
    let intro = intro_notes(s);
    if !intro.is_empty() {
        out.push_str("<div class=\"note\">");
        for p in &intro {
            out.push_str(&format!("<p>{}</p>", esc(p)));
        }
        out.push_str("</div>");
    }
    out.push_str("</header>\n");
    let mut figure = 0;
    for section in sections(s, lang) {
        out.push_str(&format!(
            "<section id=\"{}\"><h2>{}</h2>",
            section.code,
            esc(&section.heading)
        ));
        for line in &section.lines {
            out.push_str(&format!("<p>{}</p>", esc(line)));
        }
        if !section.note.is_empty() {
            out.push_str("<div class=\"note\">");
            for p in &section.note {
                out.push_str(&format!("<p>{}</p>", esc(p)));
            }
            out.push_str("</div>");
        }
        for chart in &section.charts {
            let data = chart_table(*chart, s, lang);
            if data.rows.is_empty() {
                continue;
            }
            figure += 1;
            out.push_str(&format!(
                "<figure>{}<figcaption>{}</figcaption></figure>",
                chart_svg(*chart, s, lang),
                esc(&chart_caption(*chart, s, lang, figure))
            ));
        }
        for table in &section.tables {
            if table.rows.is_empty() {
                continue;
            }
            out.push_str(&format!("<h3>{}</h3>", esc(&table.title)));
            html_table(table, &mut out);
        }
        out.push_str("</section>\n");
    }
    out.push_str(&format!(
        "<footer><p class=\"meta\">{}</p></footer>\n</main>\n</body></html>\n",
        esc(&made_line(lang))
    ));
    out
}

// ---------------------------------------------------------------------------------------------
// CSV

fn csv_bytes(table: &Table) -> Result<Vec<u8>> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        w.write_record(&table.headers).map_err(csv_error)?;
        for row in &table.rows {
            w.write_record(row.iter().map(Cell::csv))
                .map_err(csv_error)?;
        }
        w.flush()?;
    }
    Ok(out)
}

fn csv_error(e: csv::Error) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

fn csv_name(section: &str, slug: &str) -> String {
    if slug.is_empty() {
        format!("{section}.csv")
    } else {
        format!("{section}-{slug}.csv")
    }
}

/// Each CSV file's name and bytes.
fn csv_files(s: &Summary, lang: Lang) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = vec![("overview.csv".to_string(), csv_bytes(&overview(s, lang))?)];
    for section in sections(s, lang) {
        for table in &section.tables {
            files.push((csv_name(section.code, table.slug), csv_bytes(table)?));
        }
        if !section.note.is_empty() {
            let mut note = Table::new(
                "notes",
                String::new(),
                &[lang.pick("工作情况", "Narrative")],
            );
            note.rows = section.note.iter().map(|p| vec![txt(p.clone())]).collect();
            files.push((csv_name(section.code, "notes"), csv_bytes(&note)?));
        }
    }
    for chart in Chart::ALL {
        files.push((
            format!("chart-{}.csv", chart.slug()),
            csv_bytes(&chart_table(chart, s, lang))?,
        ));
    }
    Ok(files)
}

// ---------------------------------------------------------------------------------------------
// Excel

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

struct Formats {
    title: rust_xlsxwriter::Format,
    header: rust_xlsxwriter::Format,
    date: rust_xlsxwriter::Format,
    percent: rust_xlsxwriter::Format,
    decimal: rust_xlsxwriter::Format,
    wrap: rust_xlsxwriter::Format,
}

const XLSX_FONT: &str = "宋体";

impl Formats {
    fn new() -> Formats {
        use rust_xlsxwriter::{Format as F, FormatBorder};
        let base = F::new().set_font_name(XLSX_FONT).set_font_size(11);
        Formats {
            title: F::new().set_font_name("黑体").set_font_size(12).set_bold(),
            header: F::new()
                .set_font_name("黑体")
                .set_font_size(11)
                .set_bold()
                .set_background_color("#E7E6E6")
                .set_border_bottom(FormatBorder::Thin),
            date: base.clone().set_num_format("yyyy-mm-dd"),
            percent: base.clone().set_num_format("0.0%"),
            decimal: base.clone().set_num_format("0.0"),
            wrap: base.set_text_wrap(),
        }
    }
}

/// Writes `table` at column `col`: its title on row 0, its headers on row 1 and its rows below.
/// Returns the columns used.
fn xlsx_table(
    ws: &mut rust_xlsxwriter::Worksheet,
    col: u16,
    table: &Table,
    f: &Formats,
) -> Result<u16> {
    ws.write_string_with_format(0, col, &table.title, &f.title)
        .map_err(xlsx_error)?;
    let mut widths: Vec<usize> = table.headers.iter().map(|h| text_width(h)).collect();
    for (j, h) in table.headers.iter().enumerate() {
        ws.write_string_with_format(1, col + j as u16, h, &f.header)
            .map_err(xlsx_error)?;
    }
    for (i, row) in table.rows.iter().enumerate() {
        let r = 2 + i as u32;
        for (j, cell) in row.iter().enumerate() {
            let c = col + j as u16;
            match cell {
                Cell::Int(n) => {
                    ws.write_number(r, c, *n as f64).map_err(xlsx_error)?;
                }
                Cell::Rate(Some(x)) => {
                    ws.write_number_with_format(r, c, *x, &f.percent)
                        .map_err(xlsx_error)?;
                }
                Cell::Num(Some(x)) => {
                    ws.write_number_with_format(r, c, *x, &f.decimal)
                        .map_err(xlsx_error)?;
                }
                Cell::Rate(None) | Cell::Num(None) => {}
                Cell::Date(d) => match parse_date(d) {
                    Some(date) => {
                        let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            date.year() as u16,
                            date.month() as u8,
                            date.day() as u8,
                        )
                        .map_err(xlsx_error)?;
                        ws.write_datetime_with_format(r, c, &dt, &f.date)
                            .map_err(xlsx_error)?;
                    }
                    None if d.is_empty() => {}
                    None => {
                        ws.write_string(r, c, d).map_err(xlsx_error)?;
                    }
                },
                Cell::Text(text) => {
                    ws.write_string_with_format(r, c, text, &f.wrap)
                        .map_err(xlsx_error)?;
                }
            }
            let width = match cell {
                Cell::Date(_) => 10,
                other => text_width(&other.text()),
            };
            if let Some(w) = widths.get_mut(j) {
                *w = (*w).max(width);
            }
        }
    }
    for (j, w) in widths.iter().enumerate() {
        let width = (*w as f64 + 2.0).clamp(8.0, 60.0);
        ws.set_column_width(col + j as u16, width)
            .map_err(xlsx_error)?;
    }
    Ok(table.headers.len() as u16)
}

/// Writes tables side by side (one blank column between them), headers frozen.
fn xlsx_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    name: &str,
    tables: &[Table],
    f: &Formats,
) -> Result<Vec<u16>> {
    ws.set_name(name).map_err(xlsx_error)?;
    ws.set_paper_size(9); // A4
    ws.set_freeze_panes(2, 0).map_err(xlsx_error)?;
    let mut col = 0u16;
    let mut starts = Vec::new();
    for table in tables {
        starts.push(col);
        let used = xlsx_table(ws, col, table, f)?;
        col += used + 1;
        ws.set_column_width(col - 1, 3).map_err(xlsx_error)?;
    }
    Ok(starts)
}

fn xlsx(s: &Summary, lang: Lang, progress: &mut dyn FnMut(u32)) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Chart as XChart, ChartType, Workbook};
    let f = Formats::new();
    let mut wb = Workbook::new();
    let mut first = vec![overview(s, lang)];
    let intro = intro_notes(s);
    if !intro.is_empty() {
        let mut note = Table::new(
            "notes",
            t(lang, "说明", "Notes"),
            &[lang.pick("内容", "Text")],
        );
        note.rows = intro.iter().map(|p| vec![txt(p.clone())]).collect();
        first.push(note);
    }
    xlsx_sheet(
        wb.add_worksheet(),
        lang.pick("概览", "Overview"),
        &first,
        &f,
    )?;
    let secs = sections(s, lang);
    let count = secs.len() as u32;
    for (i, section) in secs.into_iter().enumerate() {
        let mut tables = section.tables.clone();
        if !section.note.is_empty() {
            let mut note = Table::new(
                "notes",
                t(lang, "工作情况", "Narrative"),
                &[lang.pick("内容", "Text")],
            );
            note.rows = section.note.iter().map(|p| vec![txt(p.clone())]).collect();
            tables.push(note);
        }
        xlsx_sheet(wb.add_worksheet(), &section.name, &tables, &f)?;
        progress(10 + 60 * (i as u32 + 1) / count);
    }
    // The chart series, with Excel's own charts beside them (editable by the secretary).
    let sheet = lang.pick("图表", "Charts").to_string();
    let tables: Vec<Table> = Chart::ALL
        .iter()
        .map(|c| chart_table(*c, s, lang))
        .collect();
    let ws = wb.add_worksheet();
    let starts = xlsx_sheet(ws, &sheet, &tables, &f)?;
    let mut anchor = 0u32;
    let chart_col = starts.last().copied().unwrap_or(0) + 3;
    for ((chart, table), start) in Chart::ALL.iter().zip(&tables).zip(&starts) {
        if table.rows.is_empty() {
            continue;
        }
        let last = 1 + table.rows.len() as u32;
        let mut xc = XChart::new(match chart {
            Chart::MembersByYear => ChartType::ColumnStacked,
            _ => ChartType::Column,
        });
        xc.title().set_name(&table.title);
        let series_cols: Vec<(u16, [u8; 3])> = match chart {
            // Full, probationary, then candidate, activist, applicant (skipping the total).
            Chart::MembersByYear => vec![1, 2, 4, 5, 6].into_iter().zip(STACK_COLOURS).collect(),
            _ => vec![(1, BAR_COLOUR)],
        };
        for (offset, colour) in series_cols {
            let c = start + offset;
            xc.add_series()
                .set_name((sheet.as_str(), 1, c))
                .set_categories((sheet.as_str(), 2, *start, last, *start))
                .set_values((sheet.as_str(), 2, c, last, c))
                .set_format(rust_xlsxwriter::ChartFormat::new().set_solid_fill(
                    rust_xlsxwriter::ChartSolidFill::new().set_color(colour_hex(colour).as_str()),
                ));
        }
        if *chart == Chart::AttendanceByKind {
            xc.y_axis().set_max(1.0).set_num_format("0%");
        }
        if *chart != Chart::MembersByYear {
            xc.legend().set_hidden();
        }
        ws.insert_chart(anchor, chart_col, &xc)
            .map_err(xlsx_error)?;
        anchor += 17;
    }
    progress(80);
    wb.save_to_buffer().map_err(xlsx_error)
}

// ---------------------------------------------------------------------------------------------
// Word

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

fn docx(s: &Summary, lang: Lang, progress: &mut dyn FnMut(u32)) -> Result<Vec<u8>> {
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
    let secs = sections(s, lang);
    let count = secs.len() as u32;
    let mut figure = 0;
    for (i, section) in secs.into_iter().enumerate() {
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

fn zip_error(e: zip::result::ZipError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// The font table Word writes for Chinese documents: 宋体 and 黑体 with their Latin names (SimSun,
/// SimHei), the GB2312 character set and their family, so that WPS and LibreOffice substitute a
/// serif (Song) and a sans (Hei) Chinese font when these are not installed.
const FONT_TABLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font><w:font w:name="Symbol"><w:panose1 w:val="05050102010706020507"/><w:charset w:val="02"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#;

/// Repacks what docx-rs wrote: compressed, with the Chinese font table, Chinese as the East Asian
/// language, and the children of property elements in the order the schema asks for (docx-rs writes
/// `w:sz` before `w:rFonts`, `w:rPr` first in `w:pPr`; Word drops properties out of sequence).
fn finish_docx(raw: Vec<u8>) -> Result<Vec<u8>> {
    use std::io::Read;
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(raw)).map_err(zip_error)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..input.len() {
        let mut entry = input.by_index(i).map_err(zip_error)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        let bytes = if name == "word/fontTable.xml" {
            FONT_TABLE.as_bytes().to_vec()
        } else if name.starts_with("word/") && name.ends_with(".xml") {
            let mut xml =
                String::from_utf8(bytes).map_err(|e| Error::Io(std::io::Error::other(e)))?;
            if name == "word/styles.xml" {
                xml = xml.replacen(
                    "<w:rPrDefault><w:rPr>",
                    "<w:rPrDefault><w:rPr><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>",
                    1,
                );
            }
            ooxml::canonical(&xml).into_bytes()
        } else {
            bytes
        };
        let options = if name.ends_with(".png") {
            stored
        } else {
            deflated
        };
        out.start_file(name, options).map_err(zip_error)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish().map_err(zip_error)?.into_inner())
}

/// Puts the children of WordprocessingML property elements in schema order, leaving every other
/// byte as it was.
mod ooxml {
    /// Children order of the elements reordered (ECMA-376 Part 1, §17).
    const ORDERS: &[(&str, &[&str])] = &[
        (
            "w:rPr",
            &[
                "w:ins",
                "w:del",
                "w:moveFrom",
                "w:moveTo",
                "w:rStyle",
                "w:rFonts",
                "w:b",
                "w:bCs",
                "w:i",
                "w:iCs",
                "w:caps",
                "w:smallCaps",
                "w:strike",
                "w:dstrike",
                "w:outline",
                "w:shadow",
                "w:emboss",
                "w:imprint",
                "w:noProof",
                "w:snapToGrid",
                "w:vanish",
                "w:webHidden",
                "w:color",
                "w:spacing",
                "w:w",
                "w:kern",
                "w:position",
                "w:sz",
                "w:szCs",
                "w:highlight",
                "w:u",
                "w:effect",
                "w:bdr",
                "w:shd",
                "w:fitText",
                "w:vertAlign",
                "w:rtl",
                "w:cs",
                "w:em",
                "w:lang",
                "w:eastAsianLayout",
                "w:specVanish",
                "w:oMath",
                "w:rPrChange",
            ],
        ),
        (
            "w:pPr",
            &[
                "w:pStyle",
                "w:keepNext",
                "w:keepLines",
                "w:pageBreakBefore",
                "w:framePr",
                "w:widowControl",
                "w:numPr",
                "w:suppressLineNumbers",
                "w:pBdr",
                "w:shd",
                "w:tabs",
                "w:suppressAutoHyphens",
                "w:kinsoku",
                "w:wordWrap",
                "w:overflowPunct",
                "w:topLinePunct",
                "w:autoSpaceDE",
                "w:autoSpaceDN",
                "w:bidi",
                "w:adjustRightInd",
                "w:snapToGrid",
                "w:spacing",
                "w:ind",
                "w:contextualSpacing",
                "w:mirrorIndents",
                "w:suppressOverlap",
                "w:jc",
                "w:textDirection",
                "w:textAlignment",
                "w:textboxTightWrap",
                "w:outlineLvl",
                "w:divId",
                "w:cnfStyle",
                "w:rPr",
                "w:sectPr",
                "w:pPrChange",
            ],
        ),
        (
            "w:style",
            &[
                "w:name",
                "w:aliases",
                "w:basedOn",
                "w:next",
                "w:link",
                "w:autoRedefine",
                "w:hidden",
                "w:uiPriority",
                "w:semiHidden",
                "w:unhideWhenUsed",
                "w:qFormat",
                "w:locked",
                "w:personal",
                "w:personalCompose",
                "w:personalReply",
                "w:rsid",
                "w:pPr",
                "w:rPr",
                "w:tblPr",
                "w:trPr",
                "w:tcPr",
                "w:tblStylePr",
            ],
        ),
        (
            "w:tblPr",
            &[
                "w:tblStyle",
                "w:tblpPr",
                "w:tblOverlap",
                "w:bidiVisual",
                "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize",
                "w:tblW",
                "w:jc",
                "w:tblCellSpacing",
                "w:tblInd",
                "w:tblBorders",
                "w:shd",
                "w:tblLayout",
                "w:tblCellMar",
                "w:tblLook",
                "w:tblCaption",
                "w:tblDescription",
                "w:tblPrChange",
            ],
        ),
        (
            "w:tcPr",
            &[
                "w:cnfStyle",
                "w:tcW",
                "w:gridSpan",
                "w:hMerge",
                "w:vMerge",
                "w:tcBorders",
                "w:shd",
                "w:noWrap",
                "w:tcMar",
                "w:textDirection",
                "w:tcFitText",
                "w:vAlign",
                "w:hideMark",
                "w:headers",
                "w:cellIns",
                "w:cellDel",
                "w:cellMerge",
                "w:tcPrChange",
            ],
        ),
        (
            "w:sectPr",
            &[
                "w:headerReference",
                "w:footerReference",
                "w:footnotePr",
                "w:endnotePr",
                "w:type",
                "w:pgSz",
                "w:pgMar",
                "w:paperSrc",
                "w:pgBorders",
                "w:lnNumType",
                "w:pgNumType",
                "w:cols",
                "w:formProt",
                "w:vAlign",
                "w:noEndnote",
                "w:titlePg",
                "w:textDirection",
                "w:bidi",
                "w:rtlGutter",
                "w:docGrid",
                "w:printerSettings",
                "w:sectPrChange",
            ],
        ),
    ];

    enum Node<'a> {
        /// Text, a declaration, or anything else kept as it is.
        Raw(&'a str),
        Element {
            name: &'a str,
            open: &'a str,
            children: Vec<Node<'a>>,
            close: &'a str,
        },
    }

    /// The end of the tag starting at `start` (just past its `>`), quotes respected.
    fn tag_end(xml: &str, start: usize) -> Option<usize> {
        let mut quote = None;
        for (i, c) in xml[start..].char_indices() {
            match (quote, c) {
                (None, '"' | '\'') => quote = Some(c),
                (Some(q), c) if c == q => quote = None,
                (None, '>') => return Some(start + i + 1),
                _ => {}
            }
        }
        None
    }

    fn tag_name(tag: &str) -> &str {
        let inner = tag.trim_start_matches(['<', '/']);
        let end = inner
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(inner.len());
        &inner[..end]
    }

    /// Parses `xml` into a tree; `None` when it is not well nested (then it is left alone).
    fn parse(xml: &str) -> Option<Vec<Node<'_>>> {
        // Each open element: its name, open tag and children so far.
        let mut stack: Vec<(&str, &str, Vec<Node>)> = vec![("", "", Vec::new())];
        let mut pos = 0;
        while pos < xml.len() {
            let Some(lt) = xml[pos..].find('<').map(|i| pos + i) else {
                stack.last_mut()?.2.push(Node::Raw(&xml[pos..]));
                break;
            };
            if lt > pos {
                stack.last_mut()?.2.push(Node::Raw(&xml[pos..lt]));
            }
            let end = tag_end(xml, lt)?;
            let tag = &xml[lt..end];
            if tag.starts_with("<?") || tag.starts_with("<!") {
                stack.last_mut()?.2.push(Node::Raw(tag));
            } else if tag.starts_with("</") {
                let (name, open, children) = stack.pop()?;
                if name != tag_name(tag) || stack.is_empty() {
                    return None;
                }
                stack.last_mut()?.2.push(Node::Element {
                    name,
                    open,
                    children,
                    close: tag,
                });
            } else if tag.ends_with("/>") {
                stack.last_mut()?.2.push(Node::Element {
                    name: tag_name(tag),
                    open: tag,
                    children: Vec::new(),
                    close: "",
                });
            } else {
                stack.push((tag_name(tag), tag, Vec::new()));
            }
            pos = end;
        }
        if stack.len() != 1 {
            return None;
        }
        stack.pop().map(|(_, _, children)| children)
    }

    fn rank(order: &[&str], node: &Node) -> usize {
        match node {
            Node::Element { name, .. } => {
                order.iter().position(|n| n == name).unwrap_or(order.len())
            }
            Node::Raw(_) => order.len(),
        }
    }

    fn write(nodes: &mut [Node], out: &mut String) {
        for node in nodes {
            match node {
                Node::Raw(text) => out.push_str(text),
                Node::Element {
                    name,
                    open,
                    children,
                    close,
                } => {
                    if let Some((_, order)) = ORDERS.iter().find(|(n, _)| n == name) {
                        children.sort_by_key(|c| rank(order, c));
                    }
                    out.push_str(open);
                    write(children, out);
                    out.push_str(close);
                }
            }
        }
    }

    /// `xml` with the children of the property elements in schema order.
    pub fn canonical(xml: &str) -> String {
        match parse(xml) {
            Some(mut nodes) => {
                let mut out = String::with_capacity(xml.len() + 64);
                write(&mut nodes, &mut out);
                out
            }
            None => xml.to_string(),
        }
    }
}
