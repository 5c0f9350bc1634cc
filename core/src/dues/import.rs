//! Importing a dues sheet the branch already keeps (Excel, WPS, LibreOffice or CSV): one payment per
//! row, by the member's name, as the bookshelf's import does it ([`preview`] shows each row and why it
//! cannot be saved; [`commit`] saves every row or none). Each row is held to the payment form's rules
//! by saving it inside a savepoint that the preview then rolls back, so a month paid twice in the file
//! is caught like one paid twice in the window.

use super::payments::{self, PaymentInput};
use super::Method;
use crate::book_import::{
    base_name, cell_text, find_header_by, header_key, is_blank, read_sheets, unpacks_too_large,
    Cell, MAX_UNPACKED,
};
use crate::{Error, Lang, Result};
use rusqlite::Connection;
use serde::Serialize;
use std::collections::HashMap;

/// A dues sheet is small; anything larger is not one.
const MAX_BYTES: u64 = 20 * 1024 * 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Name,
    Month,
    Months,
    Amount,
    ReceivedOn,
    Method,
    Notes,
}

#[rustfmt::skip]
const ALIASES: &[(Col, &[&str])] = &[
    (Col::Name, &["姓名", "党员姓名", "缴费人", "name", "member"]),
    (Col::Month, &["月份", "缴费月份", "所属月份", "起始月份", "缴纳月份", "month", "firstmonth", "from"]),
    (Col::Months, &["月数", "缴纳月数", "缴费月数", "months"]),
    (Col::Amount, &["金额", "实缴金额", "缴纳金额", "实缴", "缴费金额", "amount", "paid"]),
    (Col::ReceivedOn, &["缴纳日期", "缴费日期", "收款日期", "日期", "date", "receivedon", "paidon"]),
    (Col::Method, &["方式", "缴纳方式", "缴费方式", "method"]),
    (Col::Notes, &["备注", "说明", "notes", "note", "remarks"]),
];

/// One row of the file and what importing it would save.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PreviewRow {
    /// The row number the spreadsheet program shows.
    pub row: usize,
    pub name: String,
    pub person_id: Option<i64>,
    /// `YYYY-MM`, as read.
    pub first_month: String,
    pub months: i64,
    /// Yuan as written.
    pub amount: String,
    pub received_on: String,
    pub method: String,
    pub notes: String,
    /// Why the row cannot be imported, in the secretary's language.
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Preview {
    pub file_name: String,
    pub rows: Vec<PreviewRow>,
    pub ok: usize,
    pub bad: usize,
    /// Header cells that match no known column.
    pub ignored_columns: Vec<String>,
}

/// Reads the file and shows what importing it would save; saves nothing (its trial saves are rolled
/// back). Call it inside a transaction ([`crate::Ledger::write`]).
pub fn preview(conn: &Connection, file_name: &str, bytes: &[u8], lang: Lang) -> Result<Preview> {
    let rows = read(file_name, bytes, lang)?;
    let (ignored, mut rows) = rows;
    conn.execute_batch("SAVEPOINT dues_preview")?;
    for row in &mut rows {
        if row.error.is_none() {
            match person(conn, &row.name, lang)? {
                Ok(id) => row.person_id = Some(id),
                Err(why) => row.error = Some(why),
            }
        }
        if row.error.is_none() {
            if let Err(err) = payments::save(conn, None, &input(row)) {
                row.error = Some(err.message(lang));
            }
        }
    }
    conn.execute_batch("ROLLBACK TO dues_preview; RELEASE dues_preview")?;
    let bad = rows.iter().filter(|r| r.error.is_some()).count();
    Ok(Preview {
        file_name: file_name.to_string(),
        ok: rows.len() - bad,
        bad,
        rows,
        ignored_columns: ignored,
    })
}

/// Imports every row, or nothing when any row is refused ([`Error::ImportHasErrors`]); returns how
/// many payments were saved. Call it inside a transaction.
pub fn commit(conn: &Connection, file_name: &str, bytes: &[u8], lang: Lang) -> Result<usize> {
    let preview = preview(conn, file_name, bytes, lang)?;
    if preview.bad > 0 {
        return Err(Error::ImportHasErrors { bad: preview.bad });
    }
    for row in &preview.rows {
        payments::save(conn, None, &input(row))?;
    }
    Ok(preview.rows.len())
}

/// The one live person of the roster with `name`, or why there is none.
fn person(conn: &Connection, name: &str, lang: Lang) -> Result<std::result::Result<i64, String>> {
    if name.is_empty() {
        return Ok(Err(Error::Required {
            field: crate::Field::Person,
        }
        .message(lang)));
    }
    let mut stmt = conn.prepare("SELECT id FROM people WHERE name = ?1 AND deleted_at IS NULL")?;
    let ids: Vec<i64> = stmt
        .query_map([name], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(match (ids.as_slice(), lang) {
        ([id], _) => Ok(*id),
        ([], Lang::Zh) => Err(format!("花名册里没有「{name}」，请先在花名册中添加，或改正表中的姓名。")),
        ([], Lang::En) => Err(format!("\"{name}\" is not on the roster: add them there first, or correct the name in the sheet.")),
        (_, Lang::Zh) => Err(format!("花名册里有不止一位「{name}」，这一行请在「党费」里逐笔登记。")),
        (_, Lang::En) => Err(format!("The roster has more than one \"{name}\": record this row under Party dues by hand.")),
    })
}

fn input(row: &PreviewRow) -> PaymentInput {
    PaymentInput {
        person_id: row.person_id,
        first_month: row.first_month.clone(),
        months: Some(row.months),
        amount: row.amount.clone(),
        received_on: row.received_on.clone(),
        method: row.method.clone(),
        received_by: None,
        notes: row.notes.clone(),
    }
}

type Rows = (Vec<String>, Vec<PreviewRow>);

fn read(file_name: &str, bytes: &[u8], lang: Lang) -> Result<Rows> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(Error::TooLarge {
            size: bytes.len() as u64,
            max: MAX_BYTES,
        });
    }
    if let Some(unpacked) = unpacks_too_large(bytes) {
        return Err(Error::TooLarge {
            size: unpacked,
            max: MAX_UNPACKED,
        });
    }
    let sheets = read_sheets(bytes).ok_or_else(|| Error::Unreadable {
        name: base_name(file_name),
    })?;
    let Some((sheet, at, columns, ignored)) = find_header_by(&sheets, column_of, Col::Name) else {
        if sheets.iter().all(|s| s.iter().all(|(_, c)| is_blank(c))) {
            return Ok((Vec::new(), Vec::new()));
        }
        return Err(Error::MissingColumn {
            column: lang.pick("姓名", "name").to_string(),
        });
    };
    Ok((
        ignored,
        sheets[sheet][at + 1..]
            .iter()
            .filter(|(_, cells)| !is_blank(cells))
            .map(|(row, cells)| row_of(*row, cells, &columns, lang))
            .collect(),
    ))
}

fn column_of(text: &str) -> Option<Col> {
    let key = header_key(text);
    ALIASES
        .iter()
        .find(|(_, names)| names.contains(&key.as_str()))
        .map(|(col, _)| *col)
}

fn row_of(row: usize, cells: &[Cell], columns: &HashMap<Col, usize>, lang: Lang) -> PreviewRow {
    let get = |col| {
        columns
            .get(&col)
            .and_then(|i| cells.get(*i))
            .cloned()
            .unwrap_or(Cell::Empty)
    };
    let text = |col| cell_text(&get(col)).trim().to_string();
    let mut line = PreviewRow {
        row,
        name: text(Col::Name),
        person_id: None,
        first_month: month_of(&get(Col::Month)),
        months: 1,
        amount: text(Col::Amount),
        received_on: text(Col::ReceivedOn),
        method: method_of(&text(Col::Method)),
        notes: text(Col::Notes),
        error: None,
    };
    let months = text(Col::Months);
    if !months.is_empty() {
        match months.trim_end_matches(['个', '月']).parse::<i64>() {
            Ok(n) => line.months = n,
            Err(_) => line.error = Some(bad(lang, "月数", "months", &months)),
        }
    }
    if line.method.is_empty() && !text(Col::Method).is_empty() {
        line.error = Some(bad(lang, "缴纳方式", "method", &text(Col::Method)));
    }
    if line.method.is_empty() {
        line.method = Method::Cash.code().into();
    }
    line
}

fn bad(lang: Lang, zh: &str, en: &str, value: &str) -> String {
    match lang {
        Lang::Zh => format!("{zh}「{value}」看不懂，请改正后再导入。"),
        Lang::En => {
            format!("The {en} \"{value}\" cannot be read. Please correct it and import again.")
        }
    }
}

/// `2020-03`, `2020/3`, `2020年3月`, `2020.03` or a date cell, as `YYYY-MM`; other text as written (the
/// payment's rules then say what is wrong with it).
fn month_of(cell: &Cell) -> String {
    if let Cell::Date(d) = cell {
        return d.format("%Y-%m").to_string();
    }
    let text = cell_text(cell);
    let digits: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    match digits[..] {
        [y, m, ..] if y.len() == 4 && m.len() <= 2 => format!("{y}-{:0>2}", m),
        _ => text.trim().to_string(),
    }
}

/// The method's code from how a sheet writes it (现金, 转账, 微信, 线上 …); empty when unknown.
fn method_of(text: &str) -> String {
    let t = text.trim().to_lowercase();
    let method = if t.is_empty() {
        return String::new();
    } else if ["现金", "cash"].iter().any(|w| t.contains(w)) {
        Method::Cash
    } else if ["转账", "银行", "transfer", "bank"]
        .iter()
        .any(|w| t.contains(w))
    {
        Method::Transfer
    } else if [
        "平台",
        "线上",
        "微信",
        "支付宝",
        "网上",
        "online",
        "platform",
        "app",
    ]
    .iter()
    .any(|w| t.contains(w))
    {
        Method::Platform
    } else {
        return String::new();
    };
    method.code().to_string()
}
