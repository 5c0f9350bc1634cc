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
//! and an import rebuilds it. Reading a file back lives in `import.rs`.

mod import;
pub use import::import_from_path;

use crate::store;
use crate::{Error, Result};
use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::fs;
use std::io::{self, BufWriter, Write};
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
pub(super) const PROGRESS_EVERY: u64 = 500;

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

/// A table as the export sees it.
pub(super) struct Table {
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
pub(super) fn schema_tables(conn: &Connection) -> Result<Vec<Table>> {
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
        if kind == "shadow" || crate::derived::is_derived(&name) {
            // The search indexes hold nothing of their own: they are rebuilt from the records on import.
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

/// Tables a new ledger starts with rows in, from its migrations (the 2008 dues rules); an import
/// replaces them with the file's.
pub(super) const SEEDED: [&str; 2] = ["dues_rules", "dues_rule_sets"];

/// Empty means no records: settings (a new ledger may already have its language) and the rules a
/// new ledger is given do not count.
pub(super) fn is_empty(conn: &Connection, tables: &[Table]) -> Result<bool> {
    let own = |t: &&Table| t.name != "settings" && !SEEDED.contains(&t.name.as_str());
    for table in tables.iter().filter(own) {
        let sql = format!("SELECT EXISTS (SELECT 1 FROM {})", quote(&table.name));
        if conn.query_row(&sql, [], |r| r.get::<_, bool>(0))? {
            return Ok(false);
        }
    }
    Ok(true)
}

pub(super) fn quote(identifier: &str) -> String {
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

pub(super) fn sha256_hex(bytes: &[u8]) -> String {
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
