//! Full-data export (导出全部数据) and import: the whole ledger as one documented JSON file
//! (`docs/export-format.md`), and reading such a file back into an empty ledger without losing anything.
//!
//! The export is generic: every ordinary table of the schema, in the order the migrations created it,
//! every row in primary-key order, every column in schema order. Attachments travel inside the file
//! (base64) or beside it in `NAME.attachments/<sha256>`. Settings about this computer rather than the
//! records (the same keys a restore keeps, see `backup.rs`) are left out on export and kept on import.
//! An import runs in one transaction with foreign keys deferred (the schema has a cycle: a party group
//! names its leader, a person names their group), checks them before committing, and saves nothing if
//! anything is wrong. The search index (`search.rs`) is derived from the records: it is not exported,
//! and an import rebuilds it.

use crate::attachments;
use crate::store::{self, Ledger};
use crate::{Error, Result};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rusqlite::types::{Value, ValueRef};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// The value of the top-level `format` field.
pub const FORMAT: &str = "branch-ledger-export";
/// The version of the file layout described in `docs/export-format.md` (not of the schema).
pub const FORMAT_VERSION: i64 = 1;

/// Settings about this computer rather than the records: not exported, and an import keeps the target's
/// own. A restore keeps them too (`backup.rs`).
pub const MACHINE_SETTINGS: [&str; 5] = [
    "language",
    "zoom",
    "last_usb_backup_at",
    "last_backup_target",
    "last_auto_backup_at",
];

/// Rows between two progress reports.
const PROGRESS_EVERY: u64 = 500;

/// Where attachment bytes go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttachmentMode {
    /// Inside the JSON, base64: one file holds everything.
    #[default]
    Include,
    /// Beside the JSON in `NAME.attachments/<sha256>`; the JSON holds each file's sha256 and size.
    Reference,
}

impl AttachmentMode {
    pub fn code(self) -> &'static str {
        match self {
            AttachmentMode::Include => "include",
            AttachmentMode::Reference => "reference",
        }
    }

    pub fn parse(s: &str) -> Option<AttachmentMode> {
        match s {
            "include" => Some(AttachmentMode::Include),
            "reference" => Some(AttachmentMode::Reference),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    pub attachments: AttachmentMode,
    /// The `exported_at` written into the file; `None` writes the current local time (RFC 3339).
    /// Two exports of the same ledger with the same value are byte-identical.
    pub exported_at: Option<String>,
}

/// How far a long export or import has come: rows done of all rows, and the table being worked on.
#[derive(Debug, Clone, Serialize)]
pub struct Progress {
    pub table: String,
    pub done: u64,
    pub total: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableCount {
    pub table: String,
    pub rows: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportReport {
    pub path: String,
    pub exported_at: String,
    pub attachments: AttachmentMode,
    /// The folder holding the attachment files (reference mode, and only if there were any).
    pub attachments_folder: Option<String>,
    /// Distinct attachment files written beside the JSON (reference mode).
    pub files: u64,
    /// Size of the JSON file.
    pub bytes: u64,
    pub tables: Vec<TableCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub path: String,
    pub format_version: i64,
    pub schema_version: i64,
    pub exported_at: String,
    pub app_version: String,
    /// Attachment files read (and checked) from the folder beside the JSON.
    pub files: u64,
    pub tables: Vec<TableCount>,
}

/// The folder of referenced attachments for the export at `path`: `NAME.attachments` beside it, where
/// `NAME` is the file name without its extension (`out/ledger.json` → `out/ledger.attachments`).
pub fn attachments_folder(path: &Path) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    path.with_file_name(format!("{stem}.attachments"))
}

/// Writes the export of the ledger behind `conn` to `path` (replacing a file of that name only once the
/// new one is complete). In reference mode the attachment files go into [`attachments_folder`] first.
pub fn export_to_path(
    conn: &Connection,
    path: &Path,
    options: &ExportOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<ExportReport> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)?;
    let folder = attachments_folder(path);
    let exported_at = exported_at(options);
    let options = ExportOptions {
        exported_at: Some(exported_at.clone()),
        ..options.clone()
    };
    let mut written: HashSet<String> = HashSet::new();
    let mut store_file = |sha: &str, bytes: &[u8]| -> Result<()> {
        if written.insert(sha.to_string()) {
            write_attachment_file(&folder, sha, bytes)?;
        }
        Ok(())
    };
    let mut partial = tempfile::Builder::new()
        .prefix(".export-")
        .suffix(".partial")
        .tempfile_in(&dir)?;
    let tables = {
        let mut out = BufWriter::new(partial.as_file_mut());
        let tables = export_to_writer(conn, &mut out, &options, &mut store_file, progress)?;
        out.flush()?;
        tables
    };
    partial.as_file().sync_all()?;
    partial.persist(path).map_err(|e| Error::Io(e.error))?;
    Ok(ExportReport {
        path: path.display().to_string(),
        exported_at,
        attachments: options.attachments,
        attachments_folder: (!written.is_empty()).then(|| folder.display().to_string()),
        files: written.len() as u64,
        bytes: fs::metadata(path)?.len(),
        tables,
    })
}

/// Writes the export JSON to `out`. In reference mode `file(sha256, bytes)` receives each attachment's
/// bytes (possibly the same bytes more than once) instead of the JSON.
pub fn export_to_writer(
    conn: &Connection,
    out: &mut dyn Write,
    options: &ExportOptions,
    file: &mut dyn FnMut(&str, &[u8]) -> Result<()>,
    progress: &mut dyn FnMut(Progress),
) -> Result<Vec<TableCount>> {
    // One read transaction, so that the file is one consistent moment even while the app writes.
    let _snapshot = match conn.is_autocommit() {
        true => Some(conn.unchecked_transaction()?),
        false => None,
    };
    let tables = schema_tables(conn)?;
    let mut total = 0;
    for table in &tables {
        let sql = format!(
            "SELECT count(*) FROM {}{}",
            quote(&table.name),
            table.filter
        );
        total += conn.query_row(&sql, [], |r| r.get::<_, i64>(0))? as u64;
    }
    let mut done = 0;
    let exported_at = exported_at(options);
    write!(out, "{{\n  \"format\": ")?;
    json(out, FORMAT)?;
    write!(out, ",\n  \"format_version\": {FORMAT_VERSION}")?;
    write!(out, ",\n  \"schema_version\": {}", store::latest_version())?;
    write!(out, ",\n  \"exported_at\": ")?;
    json(out, &exported_at)?;
    write!(out, ",\n  \"app_version\": ")?;
    json(out, env!("CARGO_PKG_VERSION"))?;
    write!(out, ",\n  \"attachments\": ")?;
    json(out, options.attachments.code())?;
    write!(out, ",\n  \"tables\": {{")?;
    let mut counts = Vec::new();
    for (t, table) in tables.iter().enumerate() {
        write!(out, "{}\n    ", if t == 0 { "" } else { "," })?;
        json(out, &table.name)?;
        write!(out, ": [")?;
        let columns: Vec<String> = table.columns.iter().map(|c| quote(c)).collect();
        let sql = format!(
            "SELECT {} FROM {}{} ORDER BY {}",
            columns.join(", "),
            quote(&table.name),
            table.filter,
            table.order_by
        );
        let mut stmt = conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        let mut n = 0u64;
        while let Some(row) = rows.next()? {
            write!(out, "{}\n      {{", if n == 0 { "" } else { "," })?;
            for (i, column) in table.columns.iter().enumerate() {
                if i > 0 {
                    write!(out, ", ")?;
                }
                json(out, column)?;
                write!(out, ": ")?;
                let referenced = options.attachments == AttachmentMode::Reference
                    && table.name == "attachments"
                    && column == "data";
                write_value(out, row.get_ref(i)?, i, referenced, file)?;
            }
            write!(out, "}}")?;
            n += 1;
            done += 1;
            if done % PROGRESS_EVERY == 0 {
                progress(Progress {
                    table: table.name.clone(),
                    done,
                    total,
                });
            }
        }
        write!(out, "{}]", if n == 0 { "" } else { "\n    " })?;
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
    write!(out, "\n  }}\n}}\n")?;
    Ok(counts)
}

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
        check_foreign_keys(conn, &shown)?;
        // The triggers have indexed each row as it came in; rebuilding makes the index independent of
        // the order the tables arrived in.
        crate::search::rebuild(conn)?;
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

/// A table as the export sees it.
struct Table {
    name: String,
    /// Ordinary columns in schema order (generated columns are left out: they follow from the others).
    columns: Vec<String>,
    /// Each column's declared type (`INTEGER`, `TEXT`, `BLOB`, …), which an imported value must have.
    types: Vec<String>,
    /// `ORDER BY` that lists rows by primary key (rowid where there is none).
    order_by: String,
    /// ` WHERE …` leaving rows out (machine settings), or empty.
    filter: String,
}

/// The ordinary tables in the order the migrations created them (the rowid order of `sqlite_schema`).
/// That order does not satisfy every foreign key (`party_groups.leader_id` points at `people`, created
/// after it), so an import defers the foreign-key check to the end of its transaction.
fn schema_tables(conn: &Connection) -> Result<Vec<Table>> {
    // `pragma_table_list` tells virtual tables and their shadow tables (`search_index_data`, …) apart.
    let mut stmt = conn.prepare(
        "SELECT s.name, coalesce(s.sql, ''),
                coalesce((SELECT t.type FROM pragma_table_list t WHERE t.schema = 'main' AND t.name = s.name), '')
         FROM sqlite_schema s
         WHERE s.type = 'table' AND s.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY s.rowid",
    )?;
    let found: Vec<(String, String, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tables = Vec::new();
    for (name, sql, kind) in found {
        let is_virtual = kind == "virtual"
            || sql
                .trim_start()
                .to_ascii_uppercase()
                .starts_with("CREATE VIRTUAL");
        if kind == "shadow" || (is_virtual && name == crate::search::INDEX_TABLE) {
            // The search index holds nothing of its own: it is rebuilt from the records on import.
            continue;
        }
        if is_virtual {
            // Any other virtual table (and its shadow tables) needs its own rule here before it can be
            // exported without loss; fail loudly rather than export half of it.
            return Err(Error::Io(io::Error::other(format!(
                "the export does not know how to write the virtual table {name}"
            ))));
        }
        let mut info =
            conn.prepare("SELECT name, pk, upper(type) FROM pragma_table_info(?1) ORDER BY cid")?;
        let columns: Vec<(String, i64, String)> = info
            .query_map([&name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut keys: Vec<&(String, i64, String)> =
            columns.iter().filter(|(_, pk, _)| *pk > 0).collect();
        keys.sort_by_key(|(_, pk, _)| *pk);
        let order_by = match keys.is_empty() {
            true => "rowid".to_string(),
            false => keys
                .iter()
                .map(|(c, _, _)| quote(c))
                .collect::<Vec<_>>()
                .join(", "),
        };
        let filter = match name.as_str() {
            "settings" => format!(
                " WHERE key NOT IN ({})",
                MACHINE_SETTINGS.map(|k| format!("'{k}'")).join(", ")
            ),
            _ => String::new(),
        };
        tables.push(Table {
            name,
            types: columns.iter().map(|(_, _, t)| t.clone()).collect(),
            columns: columns.into_iter().map(|(c, _, _)| c).collect(),
            order_by,
            filter,
        });
    }
    Ok(tables)
}

/// Empty means no records: settings (a new ledger may already have its language) do not count.
fn is_empty(conn: &Connection, tables: &[Table]) -> Result<bool> {
    for table in tables.iter().filter(|t| t.name != "settings") {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {})", quote(&table.name));
        if conn.query_row(&sql, [], |r| r.get::<_, bool>(0))? {
            return Ok(false);
        }
    }
    Ok(true)
}

fn quote(identifier: &str) -> String {
    format!("\"{}\"", identifier.replace('"', "\"\""))
}

fn exported_at(options: &ExportOptions) -> String {
    options
        .exported_at
        .clone()
        .unwrap_or_else(|| chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false))
}

/// A string or number as JSON (escaped by serde_json).
fn json<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer(out, value).map_err(io::Error::from)
}

fn write_value(
    out: &mut dyn Write,
    value: ValueRef,
    column: usize,
    referenced: bool,
    file: &mut dyn FnMut(&str, &[u8]) -> Result<()>,
) -> Result<()> {
    match value {
        ValueRef::Null => write!(out, "null")?,
        ValueRef::Integer(n) => write!(out, "{n}")?,
        ValueRef::Real(x) => json(out, &x)?,
        ValueRef::Text(t) => {
            let text = std::str::from_utf8(t)
                .map_err(|e| Error::Db(rusqlite::Error::Utf8Error(column, e)))?;
            json(out, text)?
        }
        ValueRef::Blob(b) if referenced => {
            let sha = sha256_hex(b);
            file(&sha, b)?;
            write!(out, "{{\"sha256\": \"{sha}\", \"size\": {}}}", b.len())?;
        }
        ValueRef::Blob(b) => {
            write!(out, "{{\"base64\": ")?;
            json(out, &BASE64.encode(b))?;
            write!(out, "}}")?;
        }
    }
    Ok(())
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Writes `folder/sha` unless a file with exactly those bytes is already there.
fn write_attachment_file(folder: &Path, sha: &str, bytes: &[u8]) -> Result<()> {
    let target = folder.join(sha);
    if let Ok(existing) = fs::read(&target) {
        if sha256_hex(&existing) == sha {
            return Ok(());
        }
    }
    fs::create_dir_all(folder)?;
    let mut partial = tempfile::Builder::new()
        .prefix(".attachment-")
        .suffix(".partial")
        .tempfile_in(folder)?;
    partial.write_all(bytes)?;
    partial.as_file().sync_all()?;
    partial.persist(&target).map_err(|e| Error::Io(e.error))?;
    Ok(())
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
