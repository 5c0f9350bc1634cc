//! The builders of the model: each section of the summary (its label lines, charts and tables) in
//! its own file, in the order of [`SECTIONS`], and the overview (the headline figures).

mod activities;
mod appraisal;
mod bookshelf;
mod bulletins;
mod development;
mod dues;
mod honours;
mod membership;
mod organisation;
mod overview;
mod suggestions;

pub(super) use overview::overview;

use super::{paragraphs, t, txt, Cell, Chart, Lang, Section, Summary, Table, SECTIONS};
use crate::summary::Record;
use overview::figures;

const NUMERALS: [&str; 10] = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

fn section_name(code: &str, lang: Lang) -> String {
    let (zh, en) = match code {
        "membership" => ("党员队伍", "Membership"),
        "organisation" => ("组织建设", "Organisation"),
        "activities" => ("组织生活", "Activities"),
        "bulletins" => ("宣传工作", "Publicity"),
        "bookshelf" => ("支部书架", "Bookshelf"),
        "suggestions" => ("群众意见", "Suggestions"),
        "honours" => ("荣誉表彰", "Honours"),
        "dues" => ("党费收缴", "Party dues"),
        "appraisal" => ("民主评议党员", "Member appraisal"),
        "development" => ("发展党员", "Admission of members"),
        other => (other, other),
    };
    t(lang, zh, en)
}

/// The narrative of `section`, paragraph by paragraph.
fn note_of(s: &Summary, section: &str) -> Vec<String> {
    s.notes
        .iter()
        .filter(|n| n.section == section)
        .flat_map(|n| paragraphs(&n.text))
        .collect()
}

pub(in crate::summary::export) fn sections(s: &Summary, lang: Lang) -> Vec<Section> {
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
                "membership" => membership::membership(s, lang),
                "organisation" => organisation::organisation(s, lang),
                "activities" => activities::activities(s, lang),
                "bulletins" => bulletins::bulletins(s, lang),
                "bookshelf" => bookshelf::bookshelf(s, lang),
                "suggestions" => suggestions::suggestions(s, lang),
                "dues" => dues::dues(s, lang),
                "appraisal" => appraisal::appraisal(s, lang),
                "development" => development::development(s, lang),
                _ => honours::honours(s, lang),
            };
            Section {
                code,
                heading,
                name,
                lines,
                figures: figures(s, code, lang),
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

/// Present ÷ expected over every kind.
fn overall_rate(s: &Summary) -> Option<f64> {
    let expected: i64 = s.activities.by_kind.iter().map(|k| k.expected).sum();
    let present: i64 = s.activities.by_kind.iter().map(|k| k.present).sum();
    (expected > 0).then(|| present as f64 / expected as f64)
}
