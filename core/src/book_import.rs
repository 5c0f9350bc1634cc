//! Importing the book catalogue a branch already keeps in a spreadsheet (Excel, WPS, LibreOffice or CSV).
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

use crate::books::{self, CopyInput, Location, Source, TitleInput};
use crate::dates;
use crate::{Error, Field, Lang, Result};
use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Reader};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;
use std::io::Cursor;

/// A catalogue is small; anything larger is not one.
const MAX_BYTES: u64 = 20 * 1024 * 1024;
/// What a workbook (a zip) may hold once unpacked, and how much a part of it may have been squeezed:
/// a real catalogue is far below both, a zip bomb far above (a few kB that unpack to gigabytes).
const MAX_UNPACKED: u64 = 100 * 1024 * 1024;
const MAX_RATIO: u64 = 500;
/// Copies one row may ask for.
const MAX_COPIES: i64 = 100;
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
enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
    /// A formula error such as `#N/A`.
    Error(String),
}

/// The rows of one sheet, each with the row number the spreadsheet program shows.
type Grid = Vec<(usize, Vec<Cell>)>;

fn base_name(file_name: &str) -> String {
    std::path::Path::new(file_name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| file_name.to_string())
}

/// Every sheet of a workbook, or the one table of a text file; `None` when it is neither.
/// For a workbook that would unpack past [`MAX_UNPACKED`] or has a part squeezed past [`MAX_RATIO`]
/// (read from its directory, before anything is unpacked), the size it claims unpacked.
fn unpacks_too_large(bytes: &[u8]) -> Option<u64> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut total: u64 = 0;
    let mut squeezed = false;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        total = total.saturating_add(part.size());
        squeezed |= part.size() > part.compressed_size().max(1).saturating_mul(MAX_RATIO);
    }
    (total > MAX_UNPACKED || squeezed).then_some(total)
}

/// The format is told by the content, not the name: systems export "xls" files that are really text.
fn read_sheets(bytes: &[u8]) -> Option<Vec<Grid>> {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if zip || ole {
        read_workbook(bytes)
    } else {
        read_text(bytes)
    }
}

fn read_workbook(bytes: &[u8]) -> Option<Vec<Grid>> {
    // A damaged file must never take the app down with it.
    std::panic::catch_unwind(|| {
        let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).ok()?;
        let count = book.sheet_names().len();
        // Sheets that cannot be read (charts, for one) are skipped, but one must be readable.
        let sheets: Vec<Grid> = (0..count)
            .filter_map(|i| book.worksheet_range_at(i)?.ok())
            .map(|range| {
                let first = range.start().map_or(0, |(row, _)| row as usize);
                range
                    .rows()
                    .enumerate()
                    .map(|(i, cells)| (first + i + 1, cells.iter().map(workbook_cell).collect()))
                    .collect()
            })
            .collect();
        (!sheets.is_empty() || count == 0).then_some(sheets)
    })
    .ok()
    .flatten()
}

fn workbook_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => text_cell(s),
        Data::Int(n) => Cell::Number(*n as f64),
        Data::Float(x) => Cell::Number(*x),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.to_string()),
        Data::DateTime(dt) if dt.is_datetime() => {
            excel_date(dt).map_or(Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTime(dt) => Cell::Number(dt.as_f64()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

fn excel_date(dt: &ExcelDateTime) -> Option<NaiveDate> {
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(y.into(), m.into(), d.into())
}

fn text_cell(s: &str) -> Cell {
    let s = s.trim();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.to_string())
    }
}

/// CSV or tab-separated text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
/// else GBK (what Excel and WPS write on a Chinese Windows).
fn read_text(bytes: &[u8]) -> Option<Vec<Grid>> {
    let text = decode(bytes)?;
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    {
        return None;
    }
    let first_line = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let count = |c: char| first_line.matches(c).count();
    let delimiter = if count('\t') > count(',') && count('\t') >= count(';') {
        b'\t'
    } else if count(';') > count(',') {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut grid = Grid::new();
    // Row numbers as a spreadsheet program shows them: blank lines count, line breaks inside a quoted
    // cell do not.
    let (mut row, mut next_line) = (0usize, 1u64);
    for record in reader.records() {
        let record = record.ok()?;
        // The reader's position is where it began reading, before the blank lines it skipped.
        let line = record.position().map_or(next_line, |p| {
            let skipped = text.as_bytes()[p.byte() as usize..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .filter(|b| **b == b'\n')
                .count();
            p.line() + skipped as u64
        });
        row += 1 + line.saturating_sub(next_line) as usize;
        let breaks: usize = record.iter().map(|f| f.matches('\n').count()).sum();
        next_line = line + 1 + breaks as u64;
        grid.push((row, record.iter().map(text_cell).collect()));
    }
    Some(vec![grid])
}

fn decode(bytes: &[u8]) -> Option<String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        return encoding
            .decode_without_bom_handling_and_without_replacement(&bytes[bom..])
            .map(|s| s.into_owned());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text.to_string()),
        Err(_) => encoding_rs::GBK
            .decode_without_bom_handling_and_without_replacement(bytes)
            .map(|s| s.into_owned()),
    }
}

fn is_blank(cells: &[Cell]) -> bool {
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
fn header_key(text: &str) -> String {
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
    sheets.iter().enumerate().find_map(|(s, grid)| {
        grid.iter()
            .enumerate()
            .filter(|(_, (_, cells))| !is_blank(cells))
            .take(HEADER_SCAN)
            .find(|(_, (_, cells))| {
                cells
                    .iter()
                    .any(|c| column_of(&cell_text(c)) == Some(Col::Title))
            })
            .map(|(at, (_, cells))| {
                let mut header = Header {
                    columns: HashMap::new(),
                    ignored: Vec::new(),
                };
                for (i, cell) in cells.iter().enumerate() {
                    let name = cell_text(cell);
                    match column_of(&name) {
                        Some(col) if !header.columns.contains_key(&col) => {
                            header.columns.insert(col, i);
                        }
                        _ if name.is_empty() => {}
                        _ => header.ignored.push(name),
                    }
                }
                (s, at, header)
            })
    })
}

// ——— One row ———

fn cell_text(cell: &Cell) -> String {
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
struct Draft {
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
    fn read(row: usize, cells: &[Cell], header: &Header, lang: Lang) -> Draft {
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
            excel_date(&ExcelDateTime::new(*x, ExcelDateTimeType::DateTime, false))
                .map_or_else(|| number_text(*x), dates::iso)
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

fn check(conn: &Connection, drafts: Vec<Draft>, lang: Lang) -> Result<Vec<PreviewRow>> {
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
