//! CSV: a folder of files, one per table, UTF-8 with a byte-order mark (so that Excel and WPS read the
//! Chinese) and CRLF line ends.

use super::chart::chart_table;
use super::sections::overview;
use super::{txt, Cell, Chart, Error, Lang, Result, Section, Summary, Table};
use crate::document::file::{name_of, not_saved, parent_of, readable, write_atomic};
use std::path::Path;

pub(super) fn write_csv(
    summary: &Summary,
    sections: &[Section],
    path: &Path,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<()> {
    let files = csv_files(summary, sections, lang)?;
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
    let name = name_of(path)?;
    let folder = parent_of(path);
    let partial = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempdir_in(folder)
        .map_err(|e| not_saved(folder, e))?;
    for (file, bytes) in &files {
        std::fs::write(partial.path().join(file), bytes).map_err(|e| not_saved(folder, e))?;
    }
    readable(partial.path(), true)?;
    std::fs::rename(partial.path(), path).map_err(|e| not_saved(folder, e))?;
    // `partial` now names nothing; dropping it removes nothing.
    Ok(())
}

fn csv_bytes(table: &Table) -> Result<Vec<u8>> {
    let mut out = "\u{feff}".as_bytes().to_vec();
    {
        let mut w = ::csv::WriterBuilder::new()
            .terminator(::csv::Terminator::CRLF)
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

fn csv_error(e: ::csv::Error) -> Error {
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
pub(super) fn csv_files(
    s: &Summary,
    sections: &[Section],
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = vec![(
        "overview.csv".to_string(),
        csv_bytes(&overview(s, sections, lang))?,
    )];
    for section in sections {
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
