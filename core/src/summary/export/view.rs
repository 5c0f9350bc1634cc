//! The summary as the window draws it: the same sections the exports are drawn from (headings, the
//! label lines, the headline figures, charts as data and tables whose cells know their kind), in the
//! chosen language, with each section's narrative as the secretary typed it. The window lays this out
//! generically, so a section added to the model appears there as it does in Word, Excel, HTML and CSV.

use super::chart::{chart_svg, chart_title, colour_hex, plot};
use super::sections::sections;
use super::{intro_notes, range_line, title, Cell, Chart, Lang, Section, Summary, Table};
use serde::Serialize;

/// The whole summary for the window.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct View {
    /// The range, `YYYY-MM-DD` (the narratives are saved against it).
    pub from: String,
    pub to: String,
    /// "党支部工作总结（2019年）".
    pub title: String,
    /// "统计时段：2019-01-01 至 2019-12-31".
    pub range_line: String,
    /// Narratives not tied to a section, paragraph by paragraph.
    pub intro: Vec<String>,
    pub sections: Vec<ViewSection>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewSection {
    /// `membership`, `activities`, …: names the section's narrative.
    pub code: String,
    /// "一、党员队伍" / "1. Membership".
    pub heading: String,
    pub name: String,
    pub figures: Vec<ViewFigure>,
    /// The sentences the exports open the section with.
    pub lines: Vec<String>,
    /// The secretary's narrative as typed (line breaks kept).
    pub narrative: String,
    pub charts: Vec<ViewChart>,
    /// Tables with rows only, as the exports show them.
    pub tables: Vec<ViewTable>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewFigure {
    /// `activities-total`, `members-last`, …
    pub key: String,
    pub label: String,
    pub value: ViewCell,
}

/// What a cell holds, for alignment: numbers and percentages are right-aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CellKind {
    Text,
    Number,
    Percent,
    Date,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewCell {
    pub kind: CellKind,
    /// As the exports write it ("86.5%", "—" for a rate with nothing to divide by).
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewTable {
    /// `by-kind`, `compliance`, …; "" for the section's records (the window folds those away).
    pub slug: String,
    pub title: String,
    pub records: bool,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<ViewCell>>,
}

/// A bar chart as data: one bar per label, its values stacked bottom up, one per series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ViewChart {
    /// `members-by-year`, `activities-per-month`, `attendance-by-kind`.
    pub slug: String,
    pub title: String,
    pub labels: Vec<String>,
    /// Per label, the values stacked bottom up (shares 0–1 when `percent`).
    pub values: Vec<Vec<f64>>,
    /// The series' names and colours (`#rrggbb`), bottom first; a legend when more than one.
    pub series: Vec<(String, String)>,
    pub percent: bool,
    /// The chart drawn (axis values, labels, a value on each bar, the legend): the same SVG the
    /// printable page shows and Word and PDF picture.
    pub svg: String,
}

/// The summary as the window draws it, in `lang`.
pub fn view(summary: &Summary, lang: Lang) -> View {
    view_of(summary, &sections(summary, lang), lang)
}

/// The view of `sections` (built from `summary` by [`sections`], or any other list).
pub(super) fn view_of(summary: &Summary, sections: &[Section], lang: Lang) -> View {
    let (from, to) = summary.range.iso();
    View {
        from,
        to,
        title: title(summary, lang),
        range_line: range_line(summary, lang),
        intro: intro_notes(summary),
        sections: sections
            .iter()
            .map(|section| section_view(summary, section, lang))
            .collect(),
    }
}

fn section_view(s: &Summary, section: &Section, lang: Lang) -> ViewSection {
    let narrative = s
        .notes
        .iter()
        .filter(|n| n.section == section.code)
        .map(|n| n.text.clone())
        .collect::<Vec<_>>()
        .join("\n");
    ViewSection {
        code: section.code.to_string(),
        heading: section.heading.clone(),
        name: section.name.clone(),
        figures: section
            .figures
            .iter()
            .map(|f| ViewFigure {
                key: f.key.to_string(),
                label: f.label.clone(),
                value: cell(&f.value),
            })
            .collect(),
        lines: section.lines.clone(),
        narrative,
        charts: section
            .charts
            .iter()
            .map(|c| chart(*c, s, lang))
            .filter(|c| !c.labels.is_empty())
            .collect(),
        tables: section
            .tables
            .iter()
            .filter(|t| !t.rows.is_empty())
            .map(table)
            .collect(),
    }
}

fn cell(c: &Cell) -> ViewCell {
    let kind = match c {
        Cell::Text(_) => CellKind::Text,
        Cell::Int(_) | Cell::Num(_) => CellKind::Number,
        Cell::Rate(_) => CellKind::Percent,
        Cell::Date(_) => CellKind::Date,
    };
    ViewCell {
        kind,
        text: c.text(),
    }
}

fn table(t: &Table) -> ViewTable {
    ViewTable {
        slug: t.slug.to_string(),
        title: t.title.clone(),
        records: t.slug.is_empty(),
        headers: t.headers.clone(),
        rows: t
            .rows
            .iter()
            .map(|r| r.iter().map(cell).collect())
            .collect(),
    }
}

fn chart(c: Chart, s: &Summary, lang: Lang) -> ViewChart {
    let p = plot(c, s, lang);
    ViewChart {
        slug: c.slug().to_string(),
        title: chart_title(c, lang),
        labels: p.labels,
        values: p.stacks,
        series: p
            .series
            .into_iter()
            .zip(p.colours.iter().map(|c| colour_hex(*c)))
            .collect(),
        percent: p.percent,
        svg: chart_svg(c, s, lang),
    }
}
