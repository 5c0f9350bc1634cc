//! Importing the book catalogue a branch already keeps in a spreadsheet (Excel, WPS, LibreOffice or CSV).
//! Its reading of a spreadsheet (`read_sheets`, `Cell`, `header_key`, `cell_text`) serves the dues
//! import too (`dues::import`).
//!
//! [`preview`] reads the file and shows, row by row, what would be saved and why a row cannot be;
//! [`commit`] saves everything or nothing. Rows are checked by the same rules as the bookshelf forms
//! ([`books::clean_title`], [`books::clean_copy`]), plus the rules only a file can break: a copy label
//! used twice, or one ISBN given two different titles.
//!
//! The first row that names a title column (书名, 题名, title …) is the header; columns are matched by
//! name, Chinese or English, and unknown columns are listed in [`Preview::ignored_columns`]. Rows with
//! the same ISBN (or, without ISBN, the same title, authors, publisher and year) are one title with
//! more copies; an ISBN already in the ledger adds copies to that title.

mod csv;
mod rows;
mod xlsx;

use crate::books::{self, CopyInput, Location, Source, TitleInput};
use crate::dates;
use crate::{Error, Lang, Result};
use chrono::NaiveDate;
use rows::{check, Draft};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;
pub(crate) use xlsx::{unpacks_too_large, MAX_UNPACKED};

/// A catalogue is small; anything larger is not one.
const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// The header is looked for among this many non-empty rows at the top (a caption may come first).
const HEADER_SCAN: usize = 10;

/// One data row of the file and what importing it would save.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviewRow {
    /// The row number the spreadsheet program shows (1 is the first row).
    pub row: usize,
    pub title: String,
    pub authors: String,
    pub publisher: String,
    pub year: Option<i64>,
    /// ISBN-13 digits, or `None` (no ISBN, or a wrong one: see `error`).
    pub isbn: Option<String>,
    pub category: String,
    pub tags: Vec<String>,
    pub notes: String,
    /// The labels the copies will get: as written in the file, or the next free `SJ-` labels.
    pub labels: Vec<String>,
    pub location: Location,
    /// The named place when `location` is `other`.
    pub place: String,
    pub source: Source,
    pub donor: String,
    /// ISO date.
    pub added_on: String,
    pub condition: String,
    /// The title already in the ledger (same ISBN) that the copies are added to.
    pub existing_title_id: Option<i64>,
    /// The first row of the file for the same title (same ISBN, or same book without ISBN): this row only
    /// adds copies to it.
    pub same_title_as: Option<usize>,
    /// Why the row cannot be imported: whole sentences in the secretary's language.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub file_name: String,
    pub rows: Vec<PreviewRow>,
    /// Rows that can be imported, and rows that cannot.
    pub ok: usize,
    pub bad: usize,
    /// What the rows that can be imported would add.
    pub titles_new: usize,
    pub copies_new: usize,
    /// Header cells that match no known column (their data is not imported).
    pub ignored_columns: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ImportResult {
    /// New titles; copies added to titles already in the ledger count only in `copies`.
    pub titles: usize,
    pub copies: usize,
}

/// Reads the file and shows what importing it would do. Saves nothing.
pub fn preview(conn: &Connection, file_name: &str, bytes: &[u8], lang: Lang) -> Result<Preview> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Error::TooLarge {
            size: bytes.len() as u64,
            max: MAX_BYTES,
        });
    }
    let unreadable = || Error::Unreadable {
        name: base_name(file_name),
    };
    if let Some(unpacked) = unpacks_too_large(bytes) {
        return Err(Error::TooLarge {
            size: unpacked,
            max: MAX_UNPACKED,
        });
    }
    let sheets = read_sheets(bytes).ok_or_else(unreadable)?;
    let mut preview = Preview {
        file_name: file_name.to_string(),
        rows: Vec::new(),
        ok: 0,
        bad: 0,
        titles_new: 0,
        copies_new: 0,
        ignored_columns: Vec::new(),
    };
    let Some((sheet, header_at, header)) = find_header(&sheets) else {
        if sheets
            .iter()
            .all(|s| s.iter().all(|(_, cells)| is_blank(cells)))
        {
            return Ok(preview);
        }
        return Err(Error::MissingColumn {
            column: lang.pick("书名", "title").to_string(),
        });
    };
    preview.ignored_columns = header.ignored.clone();
    let drafts: Vec<Draft> = sheets[sheet][header_at + 1..]
        .iter()
        .filter(|(_, cells)| !is_blank(cells))
        .map(|(row, cells)| Draft::read(*row, cells, &header, lang))
        .collect();
    preview.rows = check(conn, drafts, lang)?;
    let mut new_titles = std::collections::HashSet::new();
    for row in &preview.rows {
        if row.error.is_some() {
            preview.bad += 1;
            continue;
        }
        preview.ok += 1;
        preview.copies_new += row.labels.len();
        if row.existing_title_id.is_none() {
            new_titles.insert(row.same_title_as.unwrap_or(row.row));
        }
    }
    preview.titles_new = new_titles.len();
    Ok(preview)
}

/// Imports the file: every row, or nothing when any row is refused ([`Error::ImportHasErrors`]).
/// Call it inside a transaction ([`crate::Ledger::write`]); it also undoes its own work on any error.
pub fn commit(
    conn: &Connection,
    file_name: &str,
    bytes: &[u8],
    lang: Lang,
) -> Result<ImportResult> {
    let preview = preview(conn, file_name, bytes, lang)?;
    if preview.bad > 0 {
        return Err(Error::ImportHasErrors { bad: preview.bad });
    }
    conn.execute_batch("SAVEPOINT book_import")?;
    match save_rows(conn, &preview.rows) {
        Ok(result) => {
            conn.execute_batch("RELEASE book_import")?;
            Ok(result)
        }
        Err(err) => {
            // The caller's transaction is rolled back too; this only matters when there is none.
            let _ = conn.execute_batch("ROLLBACK TO book_import; RELEASE book_import");
            Err(err)
        }
    }
}

fn save_rows(conn: &Connection, rows: &[PreviewRow]) -> Result<ImportResult> {
    let mut result = ImportResult {
        titles: 0,
        copies: 0,
    };
    let mut made: HashMap<usize, i64> = HashMap::new();
    for row in rows {
        let title_id = match (
            row.existing_title_id,
            row.same_title_as.and_then(|first| made.get(&first)),
        ) {
            (Some(id), _) | (None, Some(&id)) => id,
            (None, None) => {
                let id = books::save_title(conn, None, &title_input(row))?;
                result.titles += 1;
                made.insert(row.row, id);
                id
            }
        };
        for label in &row.labels {
            books::save_copy(conn, None, title_id, &copy_input(row, label))?;
            result.copies += 1;
        }
    }
    Ok(result)
}

fn title_input(row: &PreviewRow) -> TitleInput {
    TitleInput {
        name: row.title.clone(),
        authors: Some(row.authors.clone()),
        publisher: Some(row.publisher.clone()),
        year: row.year,
        isbn: row.isbn.clone(),
        category: Some(row.category.clone()),
        tags: row.tags.clone(),
        notes: Some(row.notes.clone()),
    }
}

fn copy_input(row: &PreviewRow, label: &str) -> CopyInput {
    CopyInput {
        label: label.to_string(),
        location: row.location.code().to_string(),
        place: Some(row.place.clone()),
        source: row.source.code().to_string(),
        donor: Some(row.donor.clone()),
        added_on: row.added_on.clone(),
        condition: Some(row.condition.clone()),
    }
}

// ——— Reading the file ———

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// A formula error such as `#N/A`.
    Error(String),
}

/// The rows of one sheet, each with the row number the spreadsheet program shows.
pub(crate) type Grid = Vec<(usize, Vec<Cell>)>;

pub(crate) fn base_name(file_name: &str) -> String {
    std::path::Path::new(file_name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file_name.to_string())
}

/// Every sheet of a workbook, or the one table of a text file; `None` when it is neither.
/// The format is told by the content, not the name: systems export "xls" files that are really text.
pub(crate) fn read_sheets(bytes: &[u8]) -> Option<Vec<Grid>> {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if zip || ole {
        xlsx::read_workbook(bytes)
    } else {
        csv::read_text(bytes)
    }
}

fn text_cell(s: &str) -> Cell {
    let s = s.trim();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

pub(crate) fn is_blank(cells: &[Cell]) -> bool {
    cells.iter().all(|c| *c == Cell::Empty)
}

// ——— The header ———

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Title,
    Authors,
    Publisher,
    Year,
    Isbn,
    Category,
    Tags,
    Notes,
    Labels,
    Copies,
    Location,
    Source,
    Donor,
    AddedOn,
    Condition,
}

/// Column names as written in a header, after [`header_key`].
#[rustfmt::skip]
const ALIASES: &[(Col, &[&str])] = &[
    (Col::Title, &["书名", "题名", "图书名称", "书籍名称", "图书名", "title", "name", "booktitle"]),
    (Col::Authors, &["作者", "著者", "作译者", "编著者", "编者", "author", "authors"]),
    (Col::Publisher, &["出版社", "出版者", "出版单位", "publisher"]),
    (Col::Year, &["出版年", "出版年份", "出版时间", "出版日期", "year", "yearpublished", "publicationyear"]),
    (Col::Isbn, &["isbn", "书号", "isbn号", "国际标准书号", "isbn13", "isbn10"]),
    (Col::Category, &["分类", "类别", "图书分类", "图书类别", "category"]),
    (Col::Tags, &["标签", "关键词", "tags", "tag", "keywords"]),
    (Col::Notes, &["备注", "说明", "notes", "note", "remarks"]),
    (Col::Labels, &["编号", "图书编号", "登录号", "label", "labels", "copylabel"]),
    (Col::Copies, &["册数", "数量", "复本数", "本数", "copies", "quantity", "qty"]),
    (Col::Location, &["位置", "存放位置", "存放地点", "馆藏位置", "location"]),
    (Col::Source, &["来源", "图书来源", "source"]),
    (Col::Donor, &["捐赠人", "捐赠者", "捐书人", "donor", "donatedby"]),
    (Col::AddedOn, &["入藏日期", "入库日期", "登记日期", "入藏时间", "入库时间", "dateadded", "addedon", "added"]),
    (Col::Condition, &["品相", "状况", "图书状况", "condition"]),
];

/// Lower case, without spaces, marks of a required column (`*`) or remarks in brackets, so that
/// ` ISBN（13位）` and `*书名` match.
pub(crate) fn header_key(text: &str) -> String {
    let mut key = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_whitespace()
                || matches!(
                    c,
                    '*' | '＊' | ':' | '：' | '_' | '-' | '\u{feff}' | '\u{200b}'
                ) => {}
            c => key.extend(c.to_lowercase()),
        }
    }
    key
}

fn column_of(text: &str) -> Option<Col> {
    let key = header_key(text);
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(col, _)| *col)
}

struct Header {
    columns: HashMap<Col, usize>,
    ignored: Vec<String>,
}

/// The sheet, the index of its header row and the columns: the first sheet with a row (near the top)
/// that names a title column.
fn find_header(sheets: &[Grid]) -> Option<(usize, usize, Header)> {
    find_header_by(sheets, column_of, Col::Title)
        .map(|(s, at, columns, ignored)| (s, at, Header { columns, ignored }))
}

/// A header found: the sheet, its row, each column's place, the cells no column claims.
pub(crate) type Found<C> = (usize, usize, HashMap<C, usize>, Vec<String>);

/// The first sheet with a row among the first non-empty ones that names column `key` (as told by
/// `column_of`): the sheet's index, the row's, each known column's place (the first of a name) and
/// the header cells no column claims. Shared with the dues import.
pub(crate) fn find_header_by<C: Copy + Eq + std::hash::Hash>(
    sheets: &[Grid],
    column_of: impl Fn(&str) -> Option<C>,
    key: C,
) -> Option<Found<C>> {
    sheets.iter().enumerate().find_map(|(s, grid)| {
        grid.iter()
            .enumerate()
            .filter(|(_, (_, cells))| !is_blank(cells))
            .take(HEADER_SCAN)
            .find(|(_, (_, cells))| cells.iter().any(|c| column_of(&cell_text(c)) == Some(key)))
            .map(|(at, (_, cells))| {
                let mut columns = HashMap::new();
                let mut ignored = Vec::new();
                for (i, cell) in cells.iter().enumerate() {
                    let name = cell_text(cell);
                    match column_of(&name) {
                        Some(col) if !columns.contains_key(&col) => {
                            columns.insert(col, i);
                        }
                        _ if name.is_empty() => {}
                        _ => ignored.push(name),
                    }
                }
                (s, at, columns, ignored)
            })
    })
}

// ——— Cells as text ———

pub(crate) fn cell_text(cell: &Cell) -> String {
    match cell {
        Cell::Empty => String::new(),
        Cell::Text(s) | Cell::Error(s) => s.clone(),
        Cell::Number(x) => number_text(*x),
        Cell::Date(d) => dates::iso(*d),
    }
}

/// Whole numbers without `.0`: ISBNs and years typed as numbers.
fn number_text(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e16 {
        format!("{}", x as i64)
    } else {
        x.to_string()
    }
}
