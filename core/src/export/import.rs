//! Reading an export back into an empty ledger: all of it, with the same ids, or nothing.

use super::{
    attachments_folder, is_empty, quote, schema_tables, sha256_hex, ImportReport, Progress, Table,
    TableCount, PROGRESS_EVERY, SEEDED,
};
use super::{FORMAT, FORMAT_VERSION, MACHINE_SETTINGS};
use crate::attachments;
use crate::store::{self, Ledger};
use crate::{Error, Result};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde_json::{Map, Value as Json};
use std::collections::HashSet;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// Reads the export at `path` into `ledger`, which must be empty (settings apart): all of it, with the
/// same ids, or nothing. Referenced attachments are read from [`attachments_folder`] and checked.
pub fn import_from_path(
    ledger: &mut Ledger,
    path: &Path,
    progress: &mut dyn FnMut(Progress),
) -> Result<ImportReport> {
    let shown = path.display().to_string();
    let tables = schema_tables(ledger.read())?;
    if !is_empty(ledger.read(), &tables)? {
        return Err(Error::ImportNotEmpty);
    }
    let bytes = fs::read(path)?;
    let mut doc = parse(&bytes, &shown)?;
    drop(bytes);
    let version = |key: &str| doc.get(key).and_then(Json::as_i64).unwrap_or_default();
    let (format_version, schema_version) = (version("format_version"), version("schema_version"));
    let current = ledger.schema_version()?;
    if schema_version < current {
        return Err(Error::ExportTooOld {
            found: schema_version,
            current,
        });
    }
    let text = |doc: &Map<String, Json>, key: &str| {
        doc.get(key)
            .and_then(Json::as_str)
            .unwrap_or_default()
            .to_string()
    };
    let (exported_at, app_version) = (text(&doc, "exported_at"), text(&doc, "app_version"));
    let Some(Json::Object(mut in_file)) = doc.remove("tables") else {
        return Err(damaged(&shown, "no \"tables\" object".into()));
    };
    let mut data = Vec::with_capacity(tables.len());
    for table in &tables {
        match in_file.remove(&table.name) {
            Some(Json::Array(rows)) => data.push(rows),
            Some(_) => {
                return Err(damaged(
                    &shown,
                    format!("table {} is not a list of rows", table.name),
                ))
            }
            None => return Err(damaged(&shown, format!("table {} is missing", table.name))),
        }
    }
    if let Some(name) = in_file.keys().next() {
        return Err(damaged(&shown, format!("unknown table {name}")));
    }
    let total = data.iter().map(|rows| rows.len() as u64).sum();
    let folder = attachments_folder(path);
    let mut reader = Reader {
        shown: &shown,
        folder: &folder,
        files: HashSet::new(),
    };
    let counts = ledger.write(|conn| {
        if !is_empty(conn, &tables)? {
            return Err(Error::ImportNotEmpty);
        }
        conn.execute_batch("PRAGMA defer_foreign_keys = ON")?;
        for seeded in SEEDED {
            conn.execute(&format!("DELETE FROM {}", quote(seeded)), [])?;
        }
        // The derived tables: their triggers set aside, built once at the end.
        let counts = crate::derived::bulk(conn, || {
            let mut counts = Vec::new();
            let mut done = 0;
            for (table, rows) in tables.iter().zip(&data) {
                let n = insert_rows(conn, table, rows, &mut reader, &mut |n| {
                    if (done + n) % PROGRESS_EVERY == 0 {
                        progress(Progress {
                            table: table.name.clone(),
                            done: done + n,
                            total,
                        });
                    }
                })?;
                done += rows.len() as u64;
                progress(Progress {
                    table: table.name.clone(),
                    done,
                    total,
                });
                counts.push(TableCount {
                    table: table.name.clone(),
                    rows: n,
                });
            }
            Ok(counts)
        })?;
        check_foreign_keys(conn, &shown)?;
        // A key the file carries is the app's own to write: made again from each name.
        crate::people::refresh_sort_keys(conn)?;
        Ok(counts)
    })?;
    let files = reader.files.len() as u64;
    Ok(ImportReport {
        path: shown,
        format_version,
        schema_version,
        exported_at,
        app_version,
        files,
        tables: counts,
    })
}

fn damaged(shown: &str, detail: String) -> Error {
    Error::ExportDamaged {
        path: shown.to_string(),
        detail,
    }
}

fn not_an_export(shown: &str) -> Error {
    Error::NotAnExport {
        path: shown.to_string(),
    }
}

/// Parses the file and checks its header: the format name and versions this build can read.
fn parse(bytes: &[u8], shown: &str) -> Result<Map<String, Json>> {
    // Windows editors save UTF-8 with a byte-order mark in front: the same export.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let doc: Json = match serde_json::from_slice(bytes) {
        Ok(doc) => doc,
        // A file that starts like an export but does not parse is damaged (cut short, edited); any
        // other file is simply not an export.
        Err(e) if looks_like_export(bytes) => return Err(damaged(shown, e.to_string())),
        Err(_) => return Err(not_an_export(shown)),
    };
    let Json::Object(doc) = doc else {
        return Err(not_an_export(shown));
    };
    if doc.get("format").and_then(Json::as_str) != Some(FORMAT) {
        return Err(not_an_export(shown));
    }
    let version = |key: &str| match doc.get(key).and_then(Json::as_i64) {
        Some(v) if v >= 1 => Ok(v),
        _ => Err(damaged(shown, format!("{key} is missing or not valid"))),
    };
    let (format_version, schema_version) = (version("format_version")?, version("schema_version")?);
    if format_version > FORMAT_VERSION || schema_version > store::latest_version() {
        return Err(Error::ExportTooNew {
            format_version,
            schema_version,
            known_format: FORMAT_VERSION,
            known_schema: store::latest_version(),
        });
    }
    Ok(doc)
}

fn looks_like_export(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let starts_as_object = head.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
    let needle = format!("\"{FORMAT}\"");
    starts_as_object && head.windows(needle.len()).any(|w| w == needle.as_bytes())
}

/// Turns JSON values back into SQLite values, reading referenced attachment files.
struct Reader<'a> {
    shown: &'a str,
    folder: &'a Path,
    /// Distinct attachment files read.
    files: HashSet<String>,
}

impl Reader<'_> {
    fn value(&mut self, value: &Json, at: &dyn Fn() -> String) -> Result<Value> {
        Ok(match value {
            Json::Null => Value::Null,
            Json::String(s) => Value::Text(s.clone()),
            Json::Number(n) => match (n.as_i64(), n.as_f64()) {
                (Some(i), _) => Value::Integer(i),
                (None, Some(x)) if n.is_f64() => Value::Real(x),
                _ => {
                    return Err(damaged(
                        self.shown,
                        format!("{}: number out of range", at()),
                    ))
                }
            },
            Json::Object(o) if o.len() == 1 && o.contains_key("base64") => {
                // The app's own limit on a file, checked before the text is decoded into memory.
                let text = o["base64"].as_str().unwrap_or_default();
                let size = text.len() as u64 / 4 * 3;
                if size > attachments::MAX_BYTES {
                    return Err(Error::TooLarge {
                        size,
                        max: attachments::MAX_BYTES,
                    });
                }
                let decoded = Some(text)
                    .and_then(|s| BASE64.decode(s).ok())
                    .ok_or_else(|| damaged(self.shown, format!("{}: bad base64", at())))?;
                Value::Blob(decoded)
            }
            Json::Object(o) if o.len() == 2 && o.contains_key("sha256") => {
                let sha = o["sha256"].as_str().unwrap_or_default();
                let size = o.get("size").and_then(Json::as_u64);
                let is_hex = sha.len() == 64
                    && sha
                        .bytes()
                        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                let (true, Some(size)) = (is_hex, size) else {
                    return Err(damaged(
                        self.shown,
                        format!("{}: bad attachment reference", at()),
                    ));
                };
                if size > attachments::MAX_BYTES {
                    return Err(Error::TooLarge {
                        size,
                        max: attachments::MAX_BYTES,
                    });
                }
                Value::Blob(self.attachment(sha, size)?)
            }
            Json::Bool(_) | Json::Array(_) | Json::Object(_) => {
                return Err(damaged(self.shown, format!("{}: unexpected value", at())))
            }
        })
    }

    /// The bytes of `folder/sha`, which must have that size and hash.
    fn attachment(&mut self, sha: &str, size: u64) -> Result<Vec<u8>> {
        let path = self.folder.join(sha);
        let shown = path.display().to_string();
        let mut file = match fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(Error::AttachmentMissing { path: shown })
            }
            Err(e) => return Err(e.into()),
        };
        // Read at most one byte more than expected: a longer file is wrong without reading all of it.
        let mut bytes = Vec::new();
        (&mut file).take(size + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 != size || sha256_hex(&bytes) != sha {
            return Err(Error::AttachmentChanged { path: shown });
        }
        self.files.insert(sha.to_string());
        Ok(bytes)
    }
}

/// Inserts one table's rows with their ids; returns how many were saved (machine settings are skipped).
fn insert_rows(
    conn: &Connection,
    table: &Table,
    rows: &[Json],
    reader: &mut Reader,
    progress: &mut dyn FnMut(u64),
) -> Result<u64> {
    let shown = reader.shown;
    let columns: Vec<String> = table.columns.iter().map(|c| quote(c)).collect();
    let params: Vec<String> = (1..=columns.len()).map(|i| format!("?{i}")).collect();
    // A new ledger may already hold settings (its language, the first-run choice): the file's win.
    let verb = match table.name.as_str() {
        "settings" => "INSERT OR REPLACE",
        _ => "INSERT",
    };
    let sql = format!(
        "{verb} INTO {} ({}) VALUES ({})",
        quote(&table.name),
        columns.join(", "),
        params.join(", ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut saved = 0;
    for (n, row) in rows.iter().enumerate() {
        let at = || format!("table {}, row {}", table.name, n + 1);
        let Json::Object(row) = row else {
            return Err(damaged(shown, format!("{}: not an object", at())));
        };
        if let Some(extra) = row.keys().find(|k| !table.columns.contains(k)) {
            return Err(damaged(shown, format!("{}: unknown column {extra}", at())));
        }
        if table.name == "settings"
            && row
                .get("key")
                .and_then(Json::as_str)
                .is_some_and(|k| MACHINE_SETTINGS.contains(&k))
        {
            continue;
        }
        // Ids the app itself would never reach, which the search index could not tell apart.
        if let Some(id) = row.get("id").and_then(Json::as_i64) {
            if !(1..=crate::search::MAX_ID).contains(&id) {
                let max = crate::search::MAX_ID;
                return Err(damaged(
                    shown,
                    format!("{}: id {id} is outside 1 to {max}", at()),
                ));
            }
        }
        let refused = |column: Option<&str>, reason: Error| Error::ImportRefused {
            path: shown.to_string(),
            table: Box::new((
                crate::info::label(&table.name, crate::Lang::Zh),
                crate::info::label(&table.name, crate::Lang::En),
            )),
            row: n + 1,
            id: row.get("id").and_then(Json::as_i64),
            column: column.map(str::to_string),
            reason: Box::new(reason),
        };
        for (column, kind) in table.columns.iter().zip(&table.types) {
            if let Some(value) = row.get(column) {
                check_type(value, kind).map_err(|e| refused(Some(column), e))?;
            }
        }
        crate::imported::check(&table.name, &crate::row::Row::new(row))
            .map_err(|e| refused(None, e))?;
        let mut values = Vec::with_capacity(table.columns.len());
        for column in &table.columns {
            let value = row
                .get(column)
                .ok_or_else(|| damaged(shown, format!("{}: column {column} is missing", at())))?;
            let at_column = || format!("{}, column {column}", at());
            values.push(reader.value(value, &at_column)?);
        }
        stmt.execute(rusqlite::params_from_iter(values))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::ConstraintViolation)
                | Some(rusqlite::ErrorCode::TypeMismatch) => {
                    damaged(shown, format!("{}: {e}", at()))
                }
                _ => Error::Db(e),
            })?;
        saved += 1;
        progress(n as u64 + 1);
    }
    Ok(saved)
}

/// The longest text any form takes (an activity's minutes); a longer one in a column no form limits
/// more closely is refused all the same.
const TEXT_MAX: usize = 50_000;

/// An imported value of the column's declared type: whole numbers in `INTEGER` columns, text in
/// `TEXT` ones (no longer than any form allows), files in `BLOB` ones; null is left to the schema.
fn check_type(value: &Json, declared: &str) -> Result<()> {
    let (zh, en) = match (declared, value) {
        (_, Json::Null) => return Ok(()),
        ("INTEGER", Json::Number(n)) if n.is_i64() => return Ok(()),
        ("INTEGER", _) => ("整数", "a whole number"),
        ("TEXT", Json::String(s)) if s.chars().count() <= TEXT_MAX => return Ok(()),
        ("TEXT", Json::String(_)) => ("不超过 50000 字的文字", "text of at most 50,000 characters"),
        ("TEXT", _) => ("文字", "text"),
        ("BLOB", Json::Object(_)) => return Ok(()),
        ("BLOB", _) => ("附件文件", "an attached file"),
        _ => return Ok(()),
    };
    Err(Error::BadValue {
        expected_zh: zh.to_string(),
        expected_en: en.to_string(),
    })
}

/// The deferred foreign-key check, made before the commit so that the message can name the row.
fn check_foreign_keys(conn: &Connection, shown: &str) -> Result<()> {
    let broken: Option<(String, Option<i64>, String)> = {
        let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        match rows.next()? {
            Some(r) => Some((r.get(0)?, r.get(1)?, r.get(2)?)),
            None => None,
        }
    };
    match broken {
        None => Ok(()),
        Some((table, rowid, parent)) => Err(damaged(
            shown,
            format!(
                "table {table}, rowid {}: refers to a row of {parent} that is not in the file",
                rowid.map_or("?".into(), |r| r.to_string())
            ),
        )),
    }
}
