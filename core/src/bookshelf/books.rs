//! The branch bookshelf and reading corner (支部书架, 党群图书角): titles (书目), the physical copies of
//! each (with their own label, place, origin and state), and the ISBN rules. Lending lives in
//! [`crate::loans`], stocktakes in [`crate::stocktake`], spreadsheet import in [`crate::book_import`].

use crate::codes::code_enum;
use crate::dates::{self, iso};
use crate::filter::kept_count;
use crate::text::{self, NAME_MAX, NOTES_MAX};
use crate::{Error, Field, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

const TITLE_MAX: usize = 200;
const AUTHORS_MAX: usize = 200;
const PUBLISHER_MAX: usize = 100;
const CATEGORY_MAX: usize = 30;
const TAG_MAX: usize = 20;
const TAGS_MAX: usize = 10;
const LABEL_MAX: usize = 30;
const PLACE_MAX: usize = 50;
const CONDITION_MAX: usize = 100;
/// Proposed labels look like `SJ-0001` (书架).
const LABEL_PREFIX: &str = "SJ-";

code_enum!(Location, Field::Location, {
    Bookshelf => "bookshelf", "支部书架", "branch bookshelf";
    ReadingCorner => "reading_corner", "党群图书角", "reading corner";
    Other => "other", "其他地点", "another place";
});

code_enum!(Source, Field::Source, {
    Purchase => "purchase", "购买", "bought";
    Donation => "donation", "捐赠", "donated";
    Allocated => "allocated", "上级配发", "sent by the party committee";
    Other => "other", "其他", "other";
});

code_enum!(CopyState, Field::CopyState, {
    Available => "available", "在架", "on the shelf";
    OnLoan => "on_loan", "借出", "on loan";
    Lost => "lost", "丢失", "lost";
    Withdrawn => "withdrawn", "已剔除", "withdrawn";
});

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TitleInput {
    pub name: String,
    pub authors: Option<String>,
    pub publisher: Option<String>,
    pub year: Option<i64>,
    pub isbn: Option<String>,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CopyInput {
    pub label: String,
    pub location: String,
    /// The named place when `location` is `other`.
    pub place: Option<String>,
    pub source: String,
    pub donor: Option<String>,
    pub added_on: String,
    pub condition: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Title {
    pub id: i64,
    pub name: String,
    pub authors: String,
    pub publisher: String,
    pub year: Option<i64>,
    /// ISBN-13 digits, or `None`.
    pub isbn: Option<String>,
    pub category: String,
    pub tags: Vec<String>,
    pub notes: String,
    /// Copies that are not withdrawn or lost.
    pub copies: i64,
    pub available: i64,
    pub on_loan: i64,
    pub loans: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Copy {
    pub id: i64,
    pub title_id: i64,
    pub title: String,
    pub label: String,
    pub location: Location,
    pub place: String,
    pub source: Source,
    pub donor: String,
    pub added_on: String,
    pub condition: String,
    pub state: CopyState,
    pub state_on: Option<String>,
    /// The open loan, when the copy is out.
    pub borrower: Option<String>,
    pub due_on: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TitleDetail {
    #[serde(flatten)]
    pub title: Title,
    pub copies: Vec<Copy>,
    pub loans: Vec<crate::loans::Loan>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct TitleQuery {
    /// Matches the title, authors, publisher, ISBN, tags or a copy's label.
    pub text: String,
    pub category: Option<String>,
    pub tag: Option<String>,
    /// Only titles with a copy on the shelf.
    pub available_only: bool,
    pub offset: i64,
    /// 0 means the default page size.
    pub limit: i64,
}

pub type TitlePage = crate::page::Page<Title>;

/// Categories and tags in use, for the filters and the form's suggestions.
#[derive(Debug, Clone, Serialize)]
pub struct Vocabulary {
    pub categories: Vec<String>,
    pub tags: Vec<String>,
    pub conditions: Vec<String>,
    pub next_label: String,
}

/// Checks an ISBN-10 or ISBN-13 (hyphens and spaces allowed) and returns it as 13 digits.
/// Empty text means the book has none.
pub fn normalise_isbn(value: &str) -> Result<Option<String>> {
    let compact: String = value
        .chars()
        .filter(|c| !matches!(c, '-' | ' ' | '\u{2010}'..='\u{2015}'))
        .collect::<String>()
        .to_ascii_uppercase();
    let compact = compact.trim_start_matches("ISBN").trim_start_matches(':');
    if compact.is_empty() {
        return Ok(None);
    }
    let bad = || Error::BadIsbn {
        value: value.trim().to_string(),
    };
    let digits: Vec<u32> = compact
        .chars()
        .enumerate()
        .map(|(i, c)| match c {
            'X' if i == 9 && compact.len() == 10 => Some(10),
            c => c.to_digit(10),
        })
        .collect::<Option<_>>()
        .ok_or_else(bad)?;
    match digits.len() {
        10 => {
            let sum: u32 = digits.iter().zip((1..=10).rev()).map(|(d, w)| d * w).sum();
            if !sum.is_multiple_of(11) {
                return Err(bad());
            }
            let mut thirteen: Vec<u32> = vec![9, 7, 8];
            thirteen.extend(&digits[..9]);
            thirteen.push(isbn13_check(&thirteen));
            Ok(Some(thirteen.iter().map(|d| d.to_string()).collect()))
        }
        13 if digits[12] == isbn13_check(&digits[..12])
            && matches!(&compact[..3], "978" | "979") =>
        {
            Ok(Some(compact.to_string()))
        }
        _ => Err(bad()),
    }
}

fn isbn13_check(first12: &[u32]) -> u32 {
    let sum: u32 = first12
        .iter()
        .enumerate()
        .map(|(i, d)| if i % 2 == 0 { *d } else { d * 3 })
        .sum();
    (10 - sum % 10) % 10
}

/// ISBN-13 shown the usual way: `978-7-01-…` is publisher-specific, so only the prefix is split off.
pub fn display_isbn(isbn: &str) -> String {
    if isbn.len() == 13 {
        format!("{}-{}", &isbn[..3], &isbn[3..])
    } else {
        isbn.to_string()
    }
}

pub(crate) struct CleanTitle {
    name: String,
    authors: String,
    publisher: String,
    year: Option<i64>,
    isbn: Option<String>,
    category: String,
    tags: Vec<String>,
    notes: String,
}

pub(crate) fn check_imported_title(row: &crate::row::Row) -> Result<()> {
    clean_title(&row.parse::<TitleInput>()?).map(|_| ())
}

pub(crate) fn check_imported_copy(row: &crate::row::Row) -> Result<()> {
    clean_copy(&row.parse::<CopyInput>()?)?;
    dates::stored(Field::AddedOn, &row.text("added_on"))?;
    Ok(())
}

pub(crate) fn clean_title(input: &TitleInput) -> Result<CleanTitle> {
    let opt = |field, value: &Option<String>, max| {
        text::optional(field, value.as_deref().unwrap_or(""), max)
    };
    let year = input.year;
    let this_year = chrono::Datelike::year(&dates::today()) as i64;
    if year.is_some_and(|y| !(1900..=this_year).contains(&y)) {
        return Err(Error::OutOfRange {
            field: Field::PublishYear,
            min: 1900,
            max: this_year,
        });
    }
    let mut tags: Vec<String> = Vec::new();
    for tag in &input.tags {
        let tag = text::optional(Field::Tags, tag, TAG_MAX)?;
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    if tags.len() > TAGS_MAX {
        return Err(Error::TooMany {
            field: Field::Tags,
            max: TAGS_MAX,
        });
    }
    Ok(CleanTitle {
        name: text::required(Field::BookTitle, &input.name, TITLE_MAX)?,
        authors: opt(Field::Authors, &input.authors, AUTHORS_MAX)?,
        publisher: opt(Field::Publisher, &input.publisher, PUBLISHER_MAX)?,
        year,
        isbn: normalise_isbn(input.isbn.as_deref().unwrap_or(""))?,
        category: opt(Field::Category, &input.category, CATEGORY_MAX)?,
        tags,
        notes: opt(Field::Notes, &input.notes, NOTES_MAX)?,
    })
}

/// Adds or updates a title. Two live titles cannot share an ISBN.
pub fn save_title(conn: &Connection, id: Option<i64>, input: &TitleInput) -> Result<i64> {
    let t = clean_title(input)?;
    if let Some(isbn) = &t.isbn {
        if let Some(other) = title_by_isbn(conn, isbn)?.filter(|other| Some(*other) != id) {
            let name: String =
                conn.query_row("SELECT name FROM book_titles WHERE id = ?1", [other], |r| {
                    r.get(0)
                })?;
            return Err(Error::Duplicate {
                field: Field::Isbn,
                value: format!("{} {name}", display_isbn(isbn)),
            });
        }
    }
    let id = match id {
        Some(id) => {
            require_title(conn, id)?;
            conn.execute(
                "UPDATE book_titles SET name = ?2, authors = ?3, publisher = ?4, year = ?5, isbn = ?6, category = ?7,
                 notes = ?8, updated_at = ?9 WHERE id = ?1",
                params![id, t.name, t.authors, t.publisher, t.year, t.isbn, t.category, t.notes, dates::now()],
            )?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO book_titles (name, authors, publisher, year, isbn, category, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![t.name, t.authors, t.publisher, t.year, t.isbn, t.category, t.notes, dates::now()],
            )?;
            conn.last_insert_rowid()
        }
    };
    conn.execute("DELETE FROM book_tags WHERE title_id = ?1", [id])?;
    for tag in &t.tags {
        conn.execute(
            "INSERT INTO book_tags (title_id, tag) VALUES (?1, ?2)",
            params![id, tag],
        )?;
    }
    Ok(id)
}

/// The live title with this ISBN-13, if any.
pub fn title_by_isbn(conn: &Connection, isbn: &str) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM book_titles WHERE isbn = ?1 AND deleted_at IS NULL",
            [isbn],
            |r| r.get(0),
        )
        .optional()?)
}

fn require_title(conn: &Connection, id: i64) -> Result<()> {
    let live: Option<bool> = conn
        .query_row(
            "SELECT deleted_at IS NULL FROM book_titles WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match live {
        Some(true) => Ok(()),
        _ => Err(Error::NotFound {
            what: "book title",
            id,
        }),
    }
}

const TITLE_COLUMNS: &str = "t.id, t.name, t.authors, t.publisher, t.year, t.isbn, t.category, t.notes,
    (SELECT count(*) FROM book_copies c WHERE c.title_id = t.id AND c.deleted_at IS NULL AND c.state IN ('available', 'on_loan')),
    (SELECT count(*) FROM book_copies c WHERE c.title_id = t.id AND c.deleted_at IS NULL AND c.state = 'available'),
    (SELECT count(*) FROM book_copies c WHERE c.title_id = t.id AND c.deleted_at IS NULL AND c.state = 'on_loan'),
    (SELECT count(*) FROM loans l JOIN book_copies c ON c.id = l.copy_id WHERE c.title_id = t.id),
    (SELECT group_concat(tag, char(31)) FROM (SELECT tag FROM book_tags g WHERE g.title_id = t.id ORDER BY tag))";

fn title_row(r: &Row) -> rusqlite::Result<Title> {
    let tags: Option<String> = r.get(12)?;
    Ok(Title {
        id: r.get(0)?,
        name: r.get(1)?,
        authors: r.get(2)?,
        publisher: r.get(3)?,
        year: r.get(4)?,
        isbn: r.get(5)?,
        category: r.get(6)?,
        notes: r.get(7)?,
        copies: r.get(8)?,
        available: r.get(9)?,
        on_loan: r.get(10)?,
        loans: r.get(11)?,
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
    })
}

pub fn get_title(conn: &Connection, id: i64) -> Result<TitleDetail> {
    require_title(conn, id)?;
    let title = conn.query_row(
        &format!("SELECT {TITLE_COLUMNS} FROM book_titles t WHERE t.id = ?1"),
        [id],
        title_row,
    )?;
    Ok(TitleDetail {
        title,
        copies: copies_where(conn, "c.title_id = ?1", id)?,
        loans: crate::loans::list(
            conn,
            &crate::loans::LoanQuery {
                title_id: Some(id),
                limit: 500,
                ..Default::default()
            },
        )?
        .rows,
    })
}

const PAGE: i64 = 100;

/// One page of the catalogue, sorted by title; `total` counts every match.
pub fn list_titles(conn: &Connection, q: &TitleQuery) -> Result<TitlePage> {
    Ok(TitlePage {
        rows: title_page(conn, q)?,
        total: count_titles(conn, q)?,
        offset: q.offset.max(0),
    })
}

/// How many titles match `q` (the catalogue's "of N").
pub fn count_titles(conn: &Connection, q: &TitleQuery) -> Result<i64> {
    let category = q.category.as_deref().filter(|c| !c.is_empty());
    let others = !q.text.trim().is_empty()
        || q.tag.as_deref().is_some_and(|t| !t.is_empty())
        || q.available_only;
    if let (Some(category), false) = (category, others) {
        return Ok(kept_count(
            conn,
            "book_titles.category",
            category.to_string(),
        )?);
    }
    let (filter, args) = title_filter(q);
    Ok(conn.query_row(
        &format!("SELECT count(*) FROM book_titles t WHERE {filter}"),
        rusqlite::params_from_iter(&args),
        |r| r.get(0),
    )?)
}

/// The catalogue's conditions for `q`, and their values.
fn title_filter(q: &TitleQuery) -> (String, Vec<rusqlite::types::Value>) {
    let mut filter = String::from("t.deleted_at IS NULL");
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    let text = q.text.trim();
    if !text.is_empty() {
        args.push(format!("%{text}%").into());
        // ISBNs are stored as bare digits; labels and names keep their hyphens.
        args.push(format!("%{}%", text.replace('-', "")).into());
        let (n, digits) = (args.len() - 1, args.len());
        filter.push_str(&format!(
            " AND (t.name LIKE ?{n} OR t.authors LIKE ?{n} OR t.publisher LIKE ?{n} OR t.isbn LIKE ?{digits}
               OR EXISTS (SELECT 1 FROM book_tags g WHERE g.title_id = t.id AND g.tag LIKE ?{n})
               OR EXISTS (SELECT 1 FROM book_copies c WHERE c.title_id = t.id AND c.deleted_at IS NULL AND c.label LIKE ?{n}))"
        ));
    }
    if let Some(category) = q.category.as_deref().filter(|c| !c.is_empty()) {
        args.push(category.to_string().into());
        filter.push_str(&format!(" AND t.category = ?{}", args.len()));
    }
    if let Some(tag) = q.tag.as_deref().filter(|c| !c.is_empty()) {
        args.push(tag.to_string().into());
        filter.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM book_tags g WHERE g.title_id = t.id AND g.tag = ?{})",
            args.len()
        ));
    }
    if q.available_only {
        filter.push_str(" AND EXISTS (SELECT 1 FROM book_copies c WHERE c.title_id = t.id AND c.deleted_at IS NULL AND c.state = 'available')");
    }
    (filter, args)
}

/// One page of the catalogue for `q`, sorted by title.
pub fn title_page(conn: &Connection, q: &TitleQuery) -> Result<Vec<Title>> {
    let (filter, args) = title_filter(q);
    let limit = if q.limit > 0 { q.limit.min(1000) } else { PAGE };
    // The page's ids first, then the copies and loans of those titles only.
    let sql = format!(
        "SELECT {TITLE_COLUMNS} FROM (SELECT t.id FROM book_titles t WHERE {filter}
                                      ORDER BY t.name, t.id LIMIT {limit} OFFSET {}) page
         JOIN book_titles t ON t.id = page.id ORDER BY t.name, t.id",
        q.offset.max(0)
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(&args), title_row)?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub fn vocabulary(conn: &Connection) -> Result<Vocabulary> {
    let strings = |sql: &str| -> Result<Vec<String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    Ok(Vocabulary {
        categories: strings("SELECT DISTINCT category FROM book_titles WHERE deleted_at IS NULL AND category <> '' ORDER BY category")?,
        tags: strings("SELECT DISTINCT g.tag FROM book_tags g JOIN book_titles t ON t.id = g.title_id WHERE t.deleted_at IS NULL ORDER BY g.tag")?,
        conditions: strings("SELECT DISTINCT condition FROM book_copies WHERE deleted_at IS NULL AND condition <> '' ORDER BY condition")?,
        next_label: next_label(conn)?,
    })
}

/// The next free label of the form `SJ-0001`, one past the highest such label in use.
pub fn next_label(conn: &Connection) -> Result<String> {
    let highest: Option<i64> = conn.query_row(
        "SELECT max(CAST(substr(label, ?2) AS INTEGER)) FROM book_copies
         WHERE label LIKE ?1 || '%' AND substr(label, ?2) GLOB '[0-9]*' AND substr(label, ?2) NOT GLOB '*[^0-9]*'",
        params![LABEL_PREFIX, LABEL_PREFIX.len() as i64 + 1],
        |r| r.get(0),
    )?;
    Ok(format!("{LABEL_PREFIX}{:04}", highest.unwrap_or(0) + 1))
}

pub(crate) struct CleanCopy {
    label: String,
    location: Location,
    place: String,
    source: Source,
    donor: String,
    added_on: String,
    condition: String,
}

pub(crate) fn clean_copy(input: &CopyInput) -> Result<CleanCopy> {
    let location = Location::parse_required(&input.location)?;
    let place = text::optional(
        Field::Place,
        input.place.as_deref().unwrap_or(""),
        PLACE_MAX,
    )?;
    if location == Location::Other && place.is_empty() {
        return Err(Error::Required {
            field: Field::Place,
        });
    }
    let source = Source::parse_required(&input.source)?;
    let donor = text::optional(
        Field::Donor,
        input.donor.as_deref().unwrap_or(""),
        NAME_MAX * 2,
    )?;
    if source == Source::Donation && donor.is_empty() {
        return Err(Error::Required {
            field: Field::Donor,
        });
    }
    Ok(CleanCopy {
        label: text::required(Field::Label, &input.label, LABEL_MAX)?,
        place: if location == Location::Other {
            place
        } else {
            String::new()
        },
        location,
        donor: if source == Source::Donation {
            donor
        } else {
            String::new()
        },
        source,
        added_on: iso(dates::parse_past(Field::AddedOn, &input.added_on)?),
        condition: text::optional(
            Field::Condition,
            input.condition.as_deref().unwrap_or(""),
            CONDITION_MAX,
        )?,
    })
}

/// Adds a copy to a title, or updates one. Labels are unique among live copies.
pub fn save_copy(
    conn: &Connection,
    id: Option<i64>,
    title_id: i64,
    input: &CopyInput,
) -> Result<i64> {
    require_title(conn, title_id)?;
    let c = clean_copy(input)?;
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM book_copies WHERE label = ?1 AND deleted_at IS NULL AND id IS NOT ?2",
            params![c.label, id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::Duplicate {
            field: Field::Label,
            value: c.label,
        });
    }
    match id {
        Some(id) => {
            get_copy(conn, id)?;
            if let Some(first) = first_loan_date(conn, id)?.filter(|first| *first < c.added_on) {
                return Err(Error::TooLate {
                    field: Field::AddedOn,
                    latest: first.clone(),
                    reason_zh: format!("这本书 {first} 已经借出过"),
                    reason_en: format!("it was already lent on {first}"),
                });
            }
            conn.execute(
                "UPDATE book_copies SET title_id = ?2, label = ?3, location = ?4, place = ?5, source = ?6, donor = ?7,
                 added_on = ?8, condition = ?9, updated_at = ?10 WHERE id = ?1",
                params![id, title_id, c.label, c.location.code(), c.place, c.source.code(), c.donor, c.added_on, c.condition, dates::now()],
            )?;
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO book_copies (title_id, label, location, place, source, donor, added_on, condition, state,
                 created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'available', ?9, ?9)",
                params![title_id, c.label, c.location.code(), c.place, c.source.code(), c.donor, c.added_on, c.condition, dates::now()],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

fn first_loan_date(conn: &Connection, copy_id: i64) -> Result<Option<String>> {
    Ok(conn.query_row(
        "SELECT min(loaned_on) FROM loans WHERE copy_id = ?1",
        [copy_id],
        |r| r.get(0),
    )?)
}

/// Marks a copy that is not on loan as lost or withdrawn (剔除), or puts a lost one back on the shelf.
/// A copy on loan changes state only through its loan (return or lost).
pub fn set_copy_state(conn: &Connection, id: i64, state: &str, date: &str) -> Result<()> {
    let state = CopyState::parse_required(state)?;
    let copy = get_copy(conn, id)?;
    if copy.state == CopyState::OnLoan || state == CopyState::OnLoan {
        return Err(Error::CopyOnLoan {
            label: copy.label,
            borrower: copy.borrower.unwrap_or_default(),
        });
    }
    let date = dates::parse_past(Field::Date, date)?;
    if iso(date) < copy.added_on {
        return Err(Error::TooEarly {
            field: Field::Date,
            earliest: copy.added_on.clone(),
            reason_zh: "这一册那时还没有入藏".into(),
            reason_en: "the copy had not arrived yet".into(),
        });
    }
    let state_on = (state != CopyState::Available).then(|| iso(date));
    conn.execute(
        "UPDATE book_copies SET state = ?2, state_on = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, state.code(), state_on, dates::now()],
    )?;
    Ok(())
}

const COPY_COLUMNS: &str =
    "c.id, c.title_id, t.name, c.label, c.location, c.place, c.source, c.donor, c.added_on,
    c.condition, c.state, c.state_on, p.name, l.due_on";
const COPY_JOINS: &str = "book_copies c JOIN book_titles t ON t.id = c.title_id
    LEFT JOIN loans l ON l.copy_id = c.id AND l.returned_on IS NULL AND l.lost_on IS NULL
    LEFT JOIN people p ON p.id = l.person_id";

fn copy_row(r: &Row) -> rusqlite::Result<Copy> {
    let location: String = r.get(4)?;
    let source: String = r.get(6)?;
    let state: String = r.get(10)?;
    Ok(Copy {
        id: r.get(0)?,
        title_id: r.get(1)?,
        title: r.get(2)?,
        label: r.get(3)?,
        location: Location::parse(&location).unwrap_or(Location::Other),
        place: r.get(5)?,
        source: Source::parse(&source).unwrap_or(Source::Other),
        donor: r.get(7)?,
        added_on: r.get(8)?,
        condition: r.get(9)?,
        state: CopyState::parse(&state).unwrap_or(CopyState::Available),
        state_on: r.get(11)?,
        borrower: r.get(12)?,
        due_on: r.get(13)?,
    })
}

pub(crate) fn copies_where(
    conn: &Connection,
    filter: &str,
    arg: impl rusqlite::ToSql,
) -> Result<Vec<Copy>> {
    let sql = format!(
        "SELECT {COPY_COLUMNS} FROM {COPY_JOINS} WHERE c.deleted_at IS NULL AND {filter} ORDER BY c.label"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([arg], copy_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get_copy(conn: &Connection, id: i64) -> Result<Copy> {
    conn.query_row(
        &format!(
            "SELECT {COPY_COLUMNS} FROM {COPY_JOINS} WHERE c.id = ?1 AND c.deleted_at IS NULL"
        ),
        [id],
        copy_row,
    )
    .optional()?
    .ok_or(Error::NotFound {
        what: "book copy",
        id,
    })
}

/// The live copy with this label (as typed or scanned; surrounding spaces ignored).
pub fn copy_by_label(conn: &Connection, label: &str) -> Result<Copy> {
    let label = label.trim();
    if label.is_empty() {
        return Err(Error::Required {
            field: Field::Label,
        });
    }
    let found = copies_where(conn, "c.label = ?1", label)?;
    found.into_iter().next().ok_or_else(|| Error::NoSuchLabel {
        label: label.to_string(),
    })
}
