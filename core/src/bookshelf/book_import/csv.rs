//! Reading CSV and tab- or semicolon-separated text through the csv crate, decoded from UTF-8,
//! UTF-16 or GBK.

use super::{text_cell, Grid};

/// CSV or tab-separated text: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"),
/// else GBK (what Excel and WPS write on a Chinese Windows).
pub(super) fn read_text(bytes: &[u8]) -> Option<Vec<Grid>> {
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
    let mut reader = ::csv::ReaderBuilder::new()
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
