//! Reading workbooks (xlsx, xls, ods) through calamine, the guard against zip bombs, and Excel's dates.

use super::{text_cell, Cell, Grid};
use calamine::{Data, ExcelDateTime, ExcelDateTimeType, Reader};
use chrono::NaiveDate;
use std::io::Cursor;

/// What a workbook (a zip) may hold once unpacked, and how much a part of it may have been squeezed:
/// a real catalogue is far below both, a zip bomb far above (a few kB that unpack to gigabytes).
pub(crate) const MAX_UNPACKED: u64 = 100 * 1024 * 1024;
const MAX_RATIO: u64 = 500;

/// For a workbook that would unpack past [`MAX_UNPACKED`] or has a part squeezed past [`MAX_RATIO`]
/// (read from its directory, before anything is unpacked), the size it claims unpacked.
pub(crate) fn unpacks_too_large(bytes: &[u8]) -> Option<u64> {
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

pub(super) fn read_workbook(bytes: &[u8]) -> Option<Vec<Grid>> {
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

/// An Excel serial number (days since 1900, as a number cell holds a date) as a date.
pub(super) fn serial_date(x: f64) -> Option<NaiveDate> {
    excel_date(&ExcelDateTime::new(x, ExcelDateTimeType::DateTime, false))
}
