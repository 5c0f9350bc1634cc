//! One data row as read from the file (a [`Draft`]), what its cells mean (years, copies, places,
//! sources, dates), and the checks across rows and against the ledger that make it a [`PreviewRow`].

use super::{cell_text, copy_input, number_text, xlsx, Cell, Col, Header, PreviewRow};
use crate::books::{self, Location, Source, TitleInput};
use crate::dates;
use crate::{Error, Field, Lang, Result};
use chrono::Datelike;
use rusqlite::Connection;
use std::collections::HashMap;

/// Copies one row may ask for.
const MAX_COPIES: i64 = 100;

// ——— One row ———

fn say(lang: Lang, zh: String, en: String) -> String {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

fn column_label(col: Col, lang: Lang) -> &'static str {
    let field = match col {
        Col::Title => Field::BookTitle,
        Col::Authors => Field::Authors,
        Col::Publisher => Field::Publisher,
        Col::Year => Field::PublishYear,
        Col::Isbn => Field::Isbn,
        Col::Category => Field::Category,
        Col::Tags => Field::Tags,
        Col::Notes => Field::Notes,
        Col::Labels => Field::Label,
        Col::Copies => return lang.pick("册数", "Copies"),
        Col::Location => Field::Location,
        Col::Source => Field::Source,
        Col::Donor => Field::Donor,
        Col::AddedOn => Field::AddedOn,
        Col::Condition => Field::Condition,
    };
    field.label(lang)
}

/// A row as read, before the checks that need the other rows and the ledger.
pub(super) struct Draft {
    row: usize,
    title: TitleInput,
    /// `None` when the copies cell is wrong (the row then gets no labels).
    copies: Option<usize>,
    labels: Vec<String>,
    location: Location,
    place: String,
    source: Source,
    donor: String,
    added_on: String,
    condition: String,
    errors: Vec<String>,
}

impl Draft {
    pub(super) fn read(row: usize, cells: &[Cell], header: &Header, lang: Lang) -> Draft {
        let mut errors = Vec::new();
        let mut get = |col: Col| -> Cell {
            let cell = header
                .columns
                .get(&col)
                .and_then(|&i| cells.get(i))
                .cloned()
                .unwrap_or(Cell::Empty);
            if let Cell::Error(e) = &cell {
                let name = column_label(col, lang);
                errors.push(say(
                    lang,
                    format!("「{name}」这一格是公式错误（{e}），请在表格里改正。"),
                    format!("The {name} cell holds a formula error ({e}). Correct it in the spreadsheet."),
                ));
                return Cell::Empty;
            }
            cell
        };
        let text = |cell: Cell| cell_text(&cell).trim().to_string();
        let name = text(get(Col::Title));
        let authors = text(get(Col::Authors));
        let publisher = text(get(Col::Publisher));
        let year_cell = get(Col::Year);
        let isbn = text(get(Col::Isbn));
        let category = text(get(Col::Category));
        let tags = split(&text(get(Col::Tags)), true);
        let notes = text(get(Col::Notes));
        let labels = split(&text(get(Col::Labels)), false);
        let copies_cell = get(Col::Copies);
        let (location, place) = location(&text(get(Col::Location)));
        let (source, donor_hint) = source(&text(get(Col::Source)));
        let donor = Some(text(get(Col::Donor)))
            .filter(|d| !d.is_empty())
            .or(donor_hint)
            .unwrap_or_default();
        let added_on = date_text(&get(Col::AddedOn));
        let condition = text(get(Col::Condition));

        let year = match year_of(&year_cell) {
            Ok(year) => year,
            Err(()) => {
                let v = cell_text(&year_cell);
                errors.push(say(
                    lang,
                    format!("出版年份「{v}」看不出是哪一年，请写成 2018 这样的四位年份。"),
                    format!(
                        "Year published \"{v}\" is not a year. Write it as four digits, like 2018."
                    ),
                ));
                None
            }
        };
        let copies = match copies_of(&copies_cell) {
            Ok(n) => Some(n),
            Err(()) => {
                let v = cell_text(&copies_cell);
                errors.push(say(
                    lang,
                    format!("册数「{v}」须是 1 到 {MAX_COPIES} 之间的整数。"),
                    format!("Copies \"{v}\" must be a whole number from 1 to {MAX_COPIES}."),
                ));
                None
            }
        };
        Draft {
            row,
            title: TitleInput {
                name,
                authors: Some(authors),
                publisher: Some(publisher),
                year,
                isbn: Some(isbn),
                category: Some(category),
                tags,
                notes: Some(notes),
            },
            copies,
            labels,
            location,
            place,
            source,
            donor,
            added_on,
            condition,
            errors,
        }
    }
}

/// Tags are split on the usual list marks and spaces; labels on list marks only.
fn split(text: &str, on_spaces: bool) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for part in text.split(|c: char| {
        matches!(c, '、' | ',' | '，' | ';' | '；' | '\n') || (on_spaces && c.is_whitespace())
    }) {
        let part = part.trim();
        if !part.is_empty() && !out.iter().any(|p| p == part) {
            out.push(part.to_string());
        }
    }
    out
}

/// The four-digit year in `2018`, `2018年`, `2018-05` or a date cell; `Err` when there is none.
fn year_of(cell: &Cell) -> std::result::Result<Option<i64>, ()> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Date(d) => Ok(Some(d.year().into())),
        Cell::Number(x) if x.fract() == 0.0 => Ok(Some(*x as i64)),
        Cell::Text(t) => t
            .split(|c: char| !c.is_ascii_digit())
            .find(|run| run.len() == 4)
            .and_then(|run| run.parse().ok())
            .map(Some)
            .ok_or(()),
        _ => Err(()),
    }
}

/// Copies asked for: empty means one; `3`, `3本`, `3册` mean three.
fn copies_of(cell: &Cell) -> std::result::Result<usize, ()> {
    let n = match cell {
        Cell::Empty => return Ok(1),
        Cell::Number(x) if x.fract() == 0.0 => *x as i64,
        Cell::Text(t) => t
            .trim()
            .trim_end_matches(['本', '册', '套'])
            .trim()
            .parse()
            .map_err(|_| ())?,
        _ => return Err(()),
    };
    if (1..=MAX_COPIES).contains(&n) {
        Ok(n as usize)
    } else {
        Err(())
    }
}

fn compact(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// 支部书架 and 党群图书角 by name; any other text is another place with that name; empty is the bookshelf.
fn location(text: &str) -> (Location, String) {
    match compact(text).as_str() {
        "" | "支部书架" | "书架" | "bookshelf" | "branchbookshelf" => {
            (Location::Bookshelf, String::new())
        }
        "党群图书角" | "图书角" | "readingcorner" => {
            (Location::ReadingCorner, String::new())
        }
        _ => (Location::Other, text.to_string()),
    }
}

/// Words around a donor's name in a source cell.
#[rustfmt::skip]
const DONATION_WORDS: &[&str] = &["捐赠人", "捐赠者", "捐赠", "捐书", "赠送", "赠书", "获赠", "捐", "赠"];

/// The source, and the donor when the cell names one (`捐赠：王谦`, `王谦捐赠`).
fn source(text: &str) -> (Source, Option<String>) {
    let key = compact(text);
    if matches!(
        key.as_str(),
        "" | "购买" | "采购" | "自购" | "购入" | "purchase" | "bought"
    ) {
        return (Source::Purchase, None);
    }
    if key.contains("配发") || key.contains("下发") || key.starts_with("allocated") {
        return (Source::Allocated, None);
    }
    if key.contains('捐') || key.contains('赠') || key.starts_with("donat") {
        let mut donor = text.to_string();
        for word in DONATION_WORDS {
            donor = donor.replace(word, "");
        }
        let lower = donor.to_ascii_lowercase();
        for word in ["donated by", "donation by", "donation", "donated"] {
            if let Some(at) = lower.find(word) {
                donor.replace_range(at..at + word.len(), "");
                break;
            }
        }
        let donor = donor
            .trim_matches(|c: char| c.is_whitespace() || ":：()（）-—–,，、".contains(c))
            .to_string();
        return (Source::Donation, Some(donor).filter(|d| !d.is_empty()));
    }
    (Source::Other, None)
}

/// The date added as text for [`dates::parse`]: date cells, Excel serial numbers, `2019年5月4日`,
/// `20190504` and date-times become an ISO date; empty means today; a wrong date stays as written.
fn date_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => dates::iso(dates::today()),
        Cell::Date(d) => dates::iso(*d),
        Cell::Number(x) if (1.0..2_958_466.0).contains(x) => {
            xlsx::serial_date(*x).map_or_else(|| number_text(*x), dates::iso)
        }
        other => {
            let text = cell_text(other);
            let day = text.split([' ', 'T']).next().unwrap_or("").trim();
            let day = day.replace(['年', '月'], "-").replace(['日', '号'], "");
            let day = if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
                format!("{}-{}-{}", &day[..4], &day[4..6], &day[6..])
            } else if day.is_empty() {
                text
            } else {
                day
            };
            // `2018/3/5` is shown as `2018-03-05`; a wrong date is kept as written for the message.
            dates::parse(Field::AddedOn, &day).map_or(day, dates::iso)
        }
    }
}

// ——— The checks across rows and against the ledger ———

/// Titles are compared without spaces, book-title marks or case, and with ASCII brackets.
fn title_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '《' | '》' | '〈' | '〉'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[derive(PartialEq, Eq, Hash)]
enum TitleKey {
    Isbn(String),
    Plain(String, String, String, Option<i64>),
}

pub(super) fn check(conn: &Connection, drafts: Vec<Draft>, lang: Lang) -> Result<Vec<PreviewRow>> {
    let mut in_ledger = conn.prepare(
        "SELECT EXISTS (SELECT 1 FROM book_copies WHERE label = ?1 AND deleted_at IS NULL)",
    )?;
    let mut label_taken =
        |label: &str| -> Result<bool> { Ok(in_ledger.query_row([label], |r| r.get(0))?) };

    // Labels written in the file are never given out.
    let written: std::collections::HashSet<String> = drafts
        .iter()
        .flat_map(|d| d.labels.iter().cloned())
        .collect();
    let next = books::next_label(conn)?;
    let digits_at = next.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let (prefix, mut number) = (
        next[..digits_at].to_string(),
        next[digits_at..].parse::<u64>().unwrap_or(1),
    );
    let mut auto_label = |label_taken: &mut dyn FnMut(&str) -> Result<bool>| -> Result<String> {
        loop {
            let label = format!("{prefix}{number:04}");
            number += 1;
            if !written.contains(&label) && !label_taken(&label)? {
                return Ok(label);
            }
        }
    };

    let mut titles: HashMap<TitleKey, (usize, String)> = HashMap::new();
    let mut seen_labels: HashMap<String, usize> = HashMap::new();
    let mut rows = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let Draft {
            row,
            title,
            copies,
            labels,
            location,
            place,
            source,
            donor,
            added_on,
            condition,
            mut errors,
        } = draft;

        // The title, by the bookshelf's own rules.
        if let Err(e) = books::clean_title(&title) {
            errors.push(e.message(lang));
        }
        let isbn_text = title.isbn.clone().unwrap_or_default();
        let isbn = match books::normalise_isbn(&isbn_text) {
            Ok(isbn) => isbn,
            Err(e) => {
                errors.push(e.message(lang));
                None
            }
        };
        let existing_title_id = match &isbn {
            Some(isbn) => books::title_by_isbn(conn, isbn)?,
            None => None,
        };
        let name = title.name.trim().to_string();
        let key = match &isbn {
            _ if name.is_empty() => None,
            Some(isbn) => Some(TitleKey::Isbn(isbn.clone())),
            None if isbn_text.is_empty() => Some(TitleKey::Plain(
                title_key(&name),
                compact(title.authors.as_deref().unwrap_or("")),
                compact(title.publisher.as_deref().unwrap_or("")),
                title.year,
            )),
            None => None,
        };
        let mut same_title_as = None;
        if let Some(key) = key {
            match titles.get(&key) {
                Some((first, first_name)) if title_key(first_name) == title_key(&name) => {
                    same_title_as = Some(*first);
                }
                Some((first, first_name)) => {
                    let shown = books::display_isbn(isbn.as_deref().unwrap_or(""));
                    errors.push(say(
                        lang,
                        format!("ISBN「{shown}」在第 {first} 行是《{first_name}》，与本行的书名不同。同一 ISBN 的书名必须一致，请核对书名或 ISBN。"),
                        format!("ISBN {shown} is \"{first_name}\" in row {first}, a different title from this row's. Rows with the same ISBN must have the same title: check the title or the ISBN."),
                    ));
                }
                None => {
                    titles.insert(key, (row, name.clone()));
                }
            }
        }

        // The copies: labels as written, or the next free ones.
        let labels = if !labels.is_empty() {
            for label in &labels {
                if let Some(first) = seen_labels.get(label) {
                    errors.push(say(
                        lang,
                        format!("图书编号「{label}」与第 {first} 行重复，每一册书的编号必须不同。"),
                        format!("Copy label \"{label}\" is also used in row {first}; every copy needs its own label."),
                    ));
                } else {
                    seen_labels.insert(label.clone(), row);
                    if label_taken(label)? {
                        errors.push(
                            Error::Duplicate {
                                field: Field::Label,
                                value: label.clone(),
                            }
                            .message(lang),
                        );
                    }
                }
            }
            labels
        } else {
            let count = copies.unwrap_or(0);
            (0..count)
                .map(|_| auto_label(&mut label_taken))
                .collect::<Result<_>>()?
        };
        let sample = PreviewRow {
            row,
            title: name,
            authors: title.authors.as_deref().unwrap_or("").trim().to_string(),
            publisher: title.publisher.as_deref().unwrap_or("").trim().to_string(),
            year: title.year,
            isbn,
            category: title.category.as_deref().unwrap_or("").trim().to_string(),
            tags: title.tags.clone(),
            notes: title.notes.as_deref().unwrap_or("").trim().to_string(),
            labels,
            location,
            place,
            source,
            donor,
            added_on,
            condition,
            existing_title_id,
            same_title_as,
            error: None,
        };
        // Every copy's fields, by the bookshelf's own rules (a stand-in label when there is none).
        let probes: Vec<&str> = if sample.labels.is_empty() {
            vec!["SJ-0000"]
        } else {
            sample.labels.iter().map(String::as_str).collect()
        };
        for label in probes {
            if let Err(e) = books::clean_copy(&copy_input(&sample, label)) {
                errors.push(e.message(lang));
            }
        }
        let mut unique: Vec<String> = Vec::new();
        for e in errors {
            if !unique.contains(&e) {
                unique.push(e);
            }
        }
        rows.push(PreviewRow {
            error: (!unique.is_empty()).then(|| unique.join(" ")),
            ..sample
        });
    }
    Ok(rows)
}
