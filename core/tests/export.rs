//! The full-data export (`ledger export`) and its import: a lossless round trip, attachments inside the
//! file or beside it, and every refusal leaving the ledger as it was.
mod common;

use common::{open, refused_unsaved, snapshot};
use ledger::attachments::{self, Owner};
use ledger::export::{self, AttachmentMode, ExportOptions, ExportReport};
use ledger::trash::{self, Kind};
use ledger::{people, search, settings, Ledger, Result};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const WHEN: &str = "2020-09-18T10:00:00+08:00";

/// Bytes a text round trip would spoil: every byte value, NULs, invalid UTF-8.
fn binary() -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.extend((0..=255u8).cycle().take(70_000));
    bytes
}

/// The demo branch plus attachments (one in the trash, two with the same bytes) and settings that belong
/// to this computer.
fn demo_with_attachments() -> (tempfile::TempDir, Ledger) {
    let (dir, mut ledger) = open();
    ledger::demo::load(&mut ledger).unwrap();
    ledger
        .write(|c| {
            let photo =
                attachments::add(c, Owner::Activity, 1, "sign_in", "签到表.png", &binary())?;
            attachments::add(c, Owner::Activity, 2, "photo", "现场照片.png", &binary())?;
            let gone = attachments::add(
                c,
                Owner::Activity,
                1,
                "notice",
                "通知.txt",
                "会议通知\n".as_bytes(),
            )?;
            trash::move_to_trash(c, Kind::Attachment, gone)?;
            assert_ne!(photo, gone);
            settings::set_text(c, "language", "en")?;
            settings::set_text(c, "last_usb_backup_at", "2020-09-18 10:00:00")?;
            settings::set_term_years(c, 5)
        })
        .unwrap();
    (dir, ledger)
}

fn options(attachments: AttachmentMode) -> ExportOptions {
    ExportOptions {
        attachments,
        exported_at: Some(WHEN.into()),
    }
}

fn export_to(ledger: &Ledger, path: &Path, mode: AttachmentMode) -> ExportReport {
    export::export_to_path(ledger.read(), path, &options(mode), &mut |_| {}).expect("exported")
}

fn import(ledger: &mut Ledger, path: &Path) -> Result<export::ImportReport> {
    export::import_from_path(ledger, path, &mut |_| {})
}

/// The ordinary tables in creation order (not the search index, a virtual table, nor its shadow tables).
fn tables(ledger: &Ledger) -> Vec<String> {
    let mut stmt = ledger
        .read()
        .prepare("SELECT s.name FROM sqlite_schema s JOIN pragma_table_list t ON t.schema = 'main' AND t.name = s.name
                  WHERE s.type = 'table' AND t.type = 'table' AND s.name NOT LIKE 'sqlite%' ORDER BY s.rowid")
        .unwrap();
    let names = stmt.query_map([], |r| r.get::<_, String>(0)).unwrap();
    let names: Vec<String> = names.collect::<rusqlite::Result<_>>().unwrap();
    // The search indexes are derived from the records: not exported.
    names
        .into_iter()
        .filter(|n| !ledger::derived::is_derived(n))
        .collect()
}

/// Rows per table (settings: only those about the records, not about this computer).
fn counts(ledger: &Ledger) -> Vec<(String, i64)> {
    tables(ledger)
        .into_iter()
        .map(|t| {
            let filter = match t.as_str() {
                "settings" => " WHERE key NOT IN ('language', 'last_usb_backup_at', 'last_backup_target', 'last_auto_backup_at')",
                _ => "",
            };
            let sql = format!("SELECT count(*) FROM {t}{filter}");
            let n = ledger.read().query_row(&sql, [], |r| r.get(0)).unwrap();
            (t, n)
        })
        .collect()
}

/// The tables a new ledger is given rows in by its migrations (the 2008 dues rules).
const SEEDED: [&str; 2] = ["dues_rule_sets", "dues_rules"];

fn is_empty(ledger: &Ledger) -> bool {
    counts(ledger)
        .iter()
        .all(|(t, n)| *n == 0 || SEEDED.contains(&t.as_str()))
}

#[test]
fn export_import_export_gives_the_same_bytes() {
    let (dir, source) = demo_with_attachments();
    let first = dir.path().join("out").join("ledger.json");
    let report = export_to(&source, &first, AttachmentMode::Include);
    assert_eq!(report.exported_at, WHEN);
    assert_eq!(report.files, 0);
    assert!(report.attachments_folder.is_none());
    assert!(!export::attachments_folder(&first).exists());

    let (_target_dir, mut target) = open();
    let imported = import(&mut target, &first).expect("imported");
    assert_eq!(imported.tables, report.tables);
    assert_eq!(imported.exported_at, WHEN);
    assert_eq!(imported.schema_version, ledger::store::latest_version());

    let second = dir.path().join("again.json");
    export_to(&target, &second, AttachmentMode::Include);
    assert!(fs::read(&first).unwrap() == fs::read(&second).unwrap());

    assert_eq!(counts(&target), counts(&source));
    let info = |l: &Ledger| serde_json::to_value(ledger::info::counts(l.read()).unwrap()).unwrap();
    assert_eq!(info(&target), info(&source), "live and trashed counts");
    let (_, bytes) = attachments::get(target.read(), 1).unwrap();
    assert_eq!(bytes, binary());
    let trashed: i64 = target
        .read()
        .query_row(
            "SELECT count(*) FROM attachments WHERE deleted_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(trashed, 1, "the trash travels too");
    assert_eq!(settings::load(target.read()).unwrap().term_years, 5);
}

#[test]
fn the_file_is_documented_json_with_every_table_in_creation_order() {
    let (dir, source) = demo_with_attachments();
    let path = dir.path().join("ledger.json");
    let report = export_to(&source, &path, AttachmentMode::Include);
    let text = fs::read_to_string(&path).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["format"], "branch-ledger-export");
    assert_eq!(doc["format_version"], export::FORMAT_VERSION);
    assert_eq!(doc["schema_version"], ledger::store::latest_version());
    assert_eq!(doc["exported_at"], WHEN);
    assert_eq!(doc["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(doc["attachments"], "include");

    // Every table, in the order the migrations made them (so the roster comes first).
    let names = tables(&source);
    assert_eq!(&names[..3], ["party_groups", "people", "stage_changes"]);
    let positions: Vec<usize> = names
        .iter()
        .map(|t| {
            text.find(&format!("\n    \"{t}\": ["))
                .unwrap_or_else(|| panic!("{t} missing"))
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    assert_eq!(doc["tables"].as_object().unwrap().len(), names.len());
    let reported: Vec<&str> = report.tables.iter().map(|t| t.table.as_str()).collect();
    assert_eq!(reported, names);

    // Rows by primary key, columns in schema order, values typed.
    let people = doc["tables"]["people"].as_array().unwrap();
    let ids: Vec<i64> = people.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]));
    assert!(text.contains("\n      {\"id\": 1, \"name\": \"吴华强\", \"gender\": \"male\""));
    assert!(people[0]["deleted_at"].is_null());
    let photo = &doc["tables"]["attachments"][0];
    assert_eq!(photo["file_name"], "签到表.png");
    let encoded = photo["data"]["base64"].as_str().unwrap();
    use base64::Engine;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .unwrap();
    assert_eq!(decoded, binary());
    assert!(
        doc["tables"]["attachments"][2]["deleted_at"].is_string(),
        "trashed rows are kept"
    );

    // Settings about this computer stay behind; settings about the records travel.
    let keys: Vec<&str> = doc["tables"]["settings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["key"].as_str().unwrap())
        .collect();
    assert!(keys.contains(&"term_years"), "{keys:?}");
    for machine in export::MACHINE_SETTINGS {
        assert!(!keys.contains(&machine), "{machine} exported");
    }
}

#[test]
fn an_import_keeps_this_computers_own_settings() {
    let (dir, source) = demo_with_attachments();
    let path = dir.path().join("ledger.json");
    export_to(&source, &path, AttachmentMode::Include);
    let (_t, mut target) = open();
    target
        .write(|c| {
            settings::set_text(c, "language", "zh")?;
            settings::set_term_years(c, 3)
        })
        .unwrap();
    import(&mut target, &path).unwrap();
    let now = settings::load(target.read()).unwrap();
    assert_eq!(
        now.language,
        ledger::Lang::Zh,
        "the language of this computer is kept"
    );
    assert_eq!(
        now.term_years, 5,
        "the branch's own rule comes with the records"
    );
    assert_eq!(now.last_usb_backup_at, None);
}

#[test]
fn reference_mode_writes_the_files_beside_the_json_and_round_trips() {
    let (dir, source) = demo_with_attachments();
    let path = dir.path().join("ledger.json");
    let report = export_to(&source, &path, AttachmentMode::Reference);
    let folder = dir.path().join("ledger.attachments");
    assert_eq!(
        report.attachments_folder.as_deref(),
        Some(folder.to_str().unwrap())
    );
    assert_eq!(report.files, 2, "the same bytes twice make one file");

    let text = fs::read_to_string(&path).unwrap();
    assert!(!text.contains("\"base64\""));
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["attachments"], "reference");
    let photo = &doc["tables"]["attachments"][0]["data"];
    assert_eq!(photo["size"], binary().len());
    let sha = photo["sha256"].as_str().unwrap();
    assert_eq!(fs::read(folder.join(sha)).unwrap(), binary());

    let (target_dir, mut target) = open();
    let imported = import(&mut target, &path).unwrap();
    assert_eq!(imported.files, 2);
    assert_eq!(counts(&target), counts(&source));
    assert_eq!(attachments::get(target.read(), 2).unwrap().1, binary());

    // Again by reference: the same JSON and the same files; and inline, the same as the source inline.
    let again = target_dir.path().join("copy.json");
    export_to(&target, &again, AttachmentMode::Reference);
    assert!(fs::read(&path).unwrap() == fs::read(&again).unwrap());
    let listing = |p: PathBuf| {
        let mut files: Vec<_> = fs::read_dir(p)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name(), fs::read(e.path()).unwrap())
            })
            .collect();
        files.sort();
        files
    };
    assert_eq!(
        listing(folder.clone()),
        listing(target_dir.path().join("copy.attachments"))
    );
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    export_to(&source, &a, AttachmentMode::Include);
    export_to(&target, &b, AttachmentMode::Include);
    assert!(fs::read(&a).unwrap() == fs::read(&b).unwrap());
}

#[test]
fn an_empty_ledger_round_trips_too() {
    let (dir, source) = open();
    let path = dir.path().join("empty.json");
    let report = export_to(&source, &path, AttachmentMode::Reference);
    assert!(report
        .tables
        .iter()
        .all(|t| t.rows == 0 || SEEDED.contains(&t.table.as_str())));
    assert!(report.attachments_folder.is_none());
    let (_t, mut target) = open();
    import(&mut target, &path).unwrap();
    let again = dir.path().join("again.json");
    export_to(&target, &again, AttachmentMode::Reference);
    assert!(fs::read(&path).unwrap() == fs::read(&again).unwrap());
}

#[test]
fn import_into_a_ledger_with_records_is_refused_and_changes_nothing() {
    let (dir, source) = demo_with_attachments();
    let path = dir.path().join("ledger.json");
    export_to(&source, &path, AttachmentMode::Include);
    let (_t, mut target) = open();
    common::add_ok(&mut target, "张三", "full", "2018-07-01");
    let err = refused_unsaved(&mut target, "import_not_empty", None, |l| import(l, &path));
    assert!(err.message(ledger::Lang::Zh).contains("只能导入到空白台账"));
    // The source itself is not empty either.
    let mut source = source;
    refused_unsaved(&mut source, "import_not_empty", None, |l| import(l, &path));
}

/// An export of the demo with attachments, and a fresh empty ledger to import into.
fn exported(mode: AttachmentMode) -> (tempfile::TempDir, PathBuf, Ledger) {
    let (dir, source) = demo_with_attachments();
    let path = dir.path().join("ledger.json");
    export_to(&source, &path, mode);
    let target = Ledger::open_dir(&dir.path().join("target")).unwrap();
    (dir, path, target)
}

/// Rewrites the export after `edit` has changed its JSON.
fn edit(path: &Path, edit: impl FnOnce(&mut serde_json::Value)) {
    let mut doc: serde_json::Value = serde_json::from_slice(&fs::read(path).unwrap()).unwrap();
    edit(&mut doc);
    fs::write(path, serde_json::to_vec(&doc).unwrap()).unwrap();
}

/// After a refusal the target is still empty, and the good file then imports.
#[track_caller]
fn still_importable(target: &mut Ledger, good: &[u8], path: &Path) {
    assert!(is_empty(target));
    fs::write(path, good).unwrap();
    import(target, path).expect("the good file imports after the refusal");
}

#[test]
fn a_truncated_or_garbled_file_is_refused() {
    let (_dir, path, mut target) = exported(AttachmentMode::Include);
    let good = fs::read(&path).unwrap();

    fs::write(&path, &good[..good.len() / 2]).unwrap();
    let err = refused_unsaved(&mut target, "export_damaged", None, |l| import(l, &path));
    assert!(err
        .message(ledger::Lang::En)
        .contains("damaged or incomplete"));

    let mut garbled = good.clone();
    let middle = garbled.len() / 2;
    garbled[middle..middle + 8].copy_from_slice(b"\"}]{,:\x00\xff");
    fs::write(&path, &garbled).unwrap();
    refused_unsaved(&mut target, "export_damaged", None, |l| import(l, &path));

    still_importable(&mut target, &good, &path);
}

#[test]
fn a_file_that_is_not_an_export_is_refused() {
    let (dir, path, mut target) = exported(AttachmentMode::Include);
    let good = fs::read(&path).unwrap();

    edit(&path, |doc| doc["format"] = "something-else".into());
    let err = refused_unsaved(&mut target, "not_an_export", None, |l| import(l, &path));
    assert!(err
        .message(ledger::Lang::Zh)
        .contains("不是支部台账的导出文件"));

    for other in [
        &b"name,phone\n\xe5\xbc\xa0\xe4\xb8\x89,138\n"[..],
        b"[1, 2, 3]",
        b"{\"a\": 1}",
        b"",
    ] {
        fs::write(&path, other).unwrap();
        refused_unsaved(&mut target, "not_an_export", None, |l| import(l, &path));
    }
    // A ledger file (or a backup) is not an export either.
    let sqlite = dir.path().join(ledger::store::FILE_NAME);
    refused_unsaved(&mut target, "not_an_export", None, |l| import(l, &sqlite));

    still_importable(&mut target, &good, &path);
}

#[test]
fn a_newer_or_older_version_is_refused() {
    let (_dir, path, mut target) = exported(AttachmentMode::Include);
    let good = fs::read(&path).unwrap();
    let latest = ledger::store::latest_version();

    edit(&path, |doc| {
        doc["format_version"] = (export::FORMAT_VERSION + 1).into()
    });
    let err = refused_unsaved(&mut target, "export_too_new", None, |l| import(l, &path));
    assert!(err
        .message(ledger::Lang::En)
        .contains("newer Branch Ledger"));

    fs::write(&path, &good).unwrap();
    edit(&path, |doc| doc["schema_version"] = (latest + 1).into());
    refused_unsaved(&mut target, "export_too_new", None, |l| import(l, &path));

    fs::write(&path, &good).unwrap();
    edit(&path, |doc| doc["schema_version"] = (latest - 1).into());
    let err = refused_unsaved(&mut target, "export_too_old", None, |l| import(l, &path));
    assert!(err
        .message(ledger::Lang::En)
        .contains("export it again with the same version"));

    still_importable(&mut target, &good, &path);
}

/// A change to an export's JSON.
type Edit = Box<dyn Fn(&mut serde_json::Value)>;

#[test]
fn rows_that_do_not_fit_the_schema_are_refused_with_nothing_saved() {
    let (_dir, path, mut target) = exported(AttachmentMode::Include);
    let good = fs::read(&path).unwrap();
    let edits: Vec<(&str, Edit)> = vec![
        (
            "table loans is missing",
            Box::new(|d| {
                d["tables"].as_object_mut().unwrap().remove("loans");
            }),
        ),
        (
            "unknown table",
            Box::new(|d| d["tables"]["ghosts"] = serde_json::json!([])),
        ),
        (
            "unknown column",
            Box::new(|d| d["tables"]["people"][3]["shoe_size"] = 42.into()),
        ),
        (
            "column phone is missing",
            Box::new(|d| {
                d["tables"]["people"][3]
                    .as_object_mut()
                    .unwrap()
                    .remove("phone");
            }),
        ),
        // A broken link (to a person not in the file) is found at the end, after every table was written.
        (
            "refers to a row of people",
            Box::new(|d| d["tables"]["loans"][0]["person_id"] = 9999.into()),
        ),
        (
            "bad base64",
            Box::new(|d| d["tables"]["attachments"][0]["data"]["base64"] = "!!".into()),
        ),
    ];
    for (detail, change) in edits {
        fs::write(&path, &good).unwrap();
        edit(&path, change);
        let err = refused_unsaved(&mut target, "export_damaged", None, |l| import(l, &path));
        let message = err.message(ledger::Lang::En);
        assert!(message.contains(detail), "{detail}: {message}");
    }
    still_importable(&mut target, &good, &path);
}

/// Each record is held to the rules of its form, and the refusal names the record, the field and
/// the reason in a sentence.
#[test]
fn imported_records_are_held_to_the_forms_rules() {
    let (_dir, path, mut target) = exported(AttachmentMode::Include);
    let good = fs::read(&path).unwrap();
    let huge = "长".repeat(10 * 1024 * 1024 / 3);
    let cases: Vec<(&str, Edit)> = vec![
        (
            "Method \"cheque\" is not one of the choices",
            Box::new(|d| d["tables"]["dues_payments"][0]["method"] = "cheque".into()),
        ),
        (
            "Name is too long: at most 40 characters",
            Box::new(|d| d["tables"]["people"][2]["name"] = "长".repeat(41).into()),
        ),
        (
            "column \"name\" breaks the ledger's rules: This should be text of at most 50,000 characters.",
            Box::new(move |d| d["tables"]["people"][2]["name"] = huge.clone().into()),
        ),
        (
            "Birth date \"9999-99-99\" is not a real date",
            Box::new(|d| d["tables"]["people"][2]["birth_date"] = "9999-99-99".into()),
        ),
        (
            "Please fill in date",
            Box::new(|d| d["tables"]["activities"][5]["date"] = "".into()),
        ),
        (
            "Date \"2020年9月18日\" is not a real date",
            Box::new(|d| d["tables"]["activities"][5]["date"] = "2020年9月18日".into()),
        ),
        (
            "column \"party_group_id\" breaks the ledger's rules: This should be a whole number.",
            Box::new(|d| d["tables"]["people"][2]["party_group_id"] = "第一党小组".into()),
        ),
        (
            "column \"notes\" breaks the ledger's rules: This should be text.",
            Box::new(|d| d["tables"]["people"][0]["notes"] = true.into()),
        ),
        (
            "\"emperor\" is not one of the choices",
            Box::new(|d| d["tables"]["people"][0]["stage"] = "emperor".into()),
        ),
        (
            "Suggestion is too long: at most 5000 characters",
            Box::new(|d| d["tables"]["suggestions"][0]["content"] = "意".repeat(5001).into()),
        ),
        (
            "Please fill in reason for leave",
            Box::new(|d| {
                let rows = d["tables"]["attendance"].as_array_mut().unwrap();
                let row = rows.iter_mut().find(|r| r["status"] == "on_leave").unwrap();
                row["reason"] = "".into();
            }),
        ),
        (
            "\"bogus\" is not one of the choices",
            Box::new(|d| d["tables"]["book_copies"][0]["location"] = "bogus".into()),
        ),
    ];
    for (detail, change) in cases {
        fs::write(&path, &good).unwrap();
        edit(&path, change);
        let err = refused_unsaved(&mut target, "import_refused", None, |l| import(l, &path));
        let message = err.message(ledger::Lang::En);
        assert!(message.contains(detail), "{detail}: {message}");
        assert!(message.contains("Nothing was imported"), "{message}");
        assert!(
            message.len() < 1000,
            "a short sentence: {} bytes",
            message.len()
        );
    }
    // In Chinese the record is named by its kind and number.
    fs::write(&path, &good).unwrap();
    edit(
        &path,
        Box::new(|d: &mut serde_json::Value| {
            d["tables"]["people"][2]["birth_date"] = "9999-99-99".into()
        }),
    );
    let err = refused_unsaved(&mut target, "import_refused", None, |l| import(l, &path));
    let message = err.message(ledger::Lang::Zh);
    assert!(
        message.contains("中「人员」的第 3 条记录（编号"),
        "{message}"
    );
    assert!(
        message.contains("出生日期「9999-99-99」不是有效日期"),
        "{message}"
    );
    still_importable(&mut target, &good, &path);
}

#[test]
fn a_missing_or_altered_attachment_file_is_refused_with_nothing_saved() {
    let (dir, path, mut target) = exported(AttachmentMode::Reference);
    let folder = dir.path().join("ledger.attachments");
    let doc: serde_json::Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
    let sha = doc["tables"]["attachments"][0]["data"]["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let file = folder.join(&sha);
    let empty = snapshot(&target);

    fs::rename(&file, dir.path().join("aside")).unwrap();
    let err = refused_unsaved(&mut target, "attachment_missing", None, |l| {
        import(l, &path)
    });
    assert!(err.message(ledger::Lang::En).contains(&sha));

    let mut altered = binary();
    altered[100] ^= 1;
    fs::write(&file, &altered).unwrap();
    refused_unsaved(&mut target, "attachment_changed", None, |l| {
        import(l, &path)
    });
    altered.push(0);
    fs::write(&file, &altered).unwrap();
    refused_unsaved(&mut target, "attachment_changed", None, |l| {
        import(l, &path)
    });
    assert_eq!(snapshot(&target), empty, "not even the people were saved");

    // A reference that tries to leave the folder is not followed.
    let good = fs::read(&path).unwrap();
    edit(&path, |d| {
        d["tables"]["attachments"][0]["data"]["sha256"] = "../../ledger.json".into()
    });
    let err = refused_unsaved(&mut target, "export_damaged", None, |l| import(l, &path));
    assert!(err
        .message(ledger::Lang::En)
        .contains("bad attachment reference"));

    fs::rename(dir.path().join("aside"), &file).unwrap();
    still_importable(&mut target, &good, &path);
    assert_eq!(attachments::get(target.read(), 1).unwrap().1, binary());
}

#[test]
fn progress_reaches_the_total() {
    let (dir, source) = demo_with_attachments();
    let path = dir.path().join("ledger.json");
    let mut seen = Vec::new();
    export::export_to_path(
        source.read(),
        &path,
        &options(AttachmentMode::Include),
        &mut |p| seen.push(p),
    )
    .unwrap();
    let last = seen.last().unwrap();
    assert_eq!(last.done, last.total);
    assert!(seen.windows(2).all(|w| w[0].done <= w[1].done));
    let rows: i64 = counts(&source).iter().map(|(_, n)| n).sum();
    assert_eq!(last.total as i64, rows);

    let (_t, mut target) = open();
    let mut seen = Vec::new();
    export::import_from_path(&mut target, &path, &mut |p| seen.push(p)).unwrap();
    let last = seen.last().unwrap();
    assert_eq!((last.done, last.total), (rows as u64, rows as u64));
}

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ledger"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("the ledger binary runs")
}

#[track_caller]
fn ok(output: Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_command_line_exports_and_imports() {
    let dir = tempfile::tempdir().unwrap();
    let (source, target) = (dir.path().join("source"), dir.path().join("target"));
    ok(run(&source, &["demo"]));
    let file = dir.path().join("out").join("支部台账.json");
    let file_arg = file.to_str().unwrap();

    let printed = ok(run(
        &source,
        &["export", "-o", file_arg, "--attachments", "reference"],
    ));
    assert_eq!(printed.lines().next(), Some(file_arg));
    assert!(
        printed.contains("people") && printed.contains("32"),
        "{printed}"
    );

    let printed = ok(run(&target, &["--lang", "en", "import", file_arg]));
    assert!(printed.starts_with("Imported "), "{printed}");
    assert!(printed.contains("attendance"), "{printed}");

    // The imported ledger exports to the same thing, apart from the time of export.
    let again = dir.path().join("again.json");
    ok(run(
        &target,
        &["export", "--output", again.to_str().unwrap()],
    ));
    let strip = |p: &Path| -> String {
        let text = fs::read_to_string(p).unwrap();
        text.lines()
            .filter(|l| !l.contains("\"exported_at\"") && !l.contains("\"attachments\": \""))
            .collect::<Vec<_>>()
            .join("\n")
    };
    assert_eq!(strip(&file), strip(&again));
    // The same counts and versions; only the file's path differs (compared as JSON, not as text:
    // a Windows path is escaped inside JSON).
    let info = |d: &Path| {
        let mut json: serde_json::Value =
            serde_json::from_str(&ok(run(d, &["info", "--json"]))).unwrap();
        json.as_object_mut().unwrap().remove("path");
        json
    };
    assert_eq!(info(&source), info(&target));

    // A second import is refused, in Chinese by default.
    let refused = run(&target, &["import", file_arg]);
    assert!(!refused.status.success());
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(stderr.contains("只能导入到空白台账"), "{stderr}");
    let bad = run(
        &target,
        &["export", "-o", file_arg, "--attachments", "sideways"],
    );
    assert!(!bad.status.success());
}

/// The first attached file's `{"base64": …}` in the document.
fn first_base64(doc: &mut serde_json::Value) -> Option<&mut serde_json::Value> {
    match doc {
        serde_json::Value::Object(o) => {
            if o.len() == 1 && o.contains_key("base64") {
                return o.get_mut("base64");
            }
            o.values_mut().find_map(first_base64)
        }
        serde_json::Value::Array(a) => a.iter_mut().find_map(first_base64),
        _ => None,
    }
}

#[test]
fn an_export_saved_with_a_byte_order_mark_imports() {
    let (_dir, path, mut target) = exported(AttachmentMode::Include);
    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend(fs::read(&path).unwrap());
    fs::write(&path, with_bom).unwrap();
    import(&mut target, &path).expect("a BOM is no reason to refuse");
    assert!(!is_empty(&target));
}

#[test]
fn an_attachment_over_the_apps_limit_is_refused_before_it_is_read() {
    let (_dir, path, mut target) = exported(AttachmentMode::Include);
    let good = fs::read(&path).unwrap();
    edit(&path, |doc| {
        // 21 MB once decoded: over the 20 MB any attachment may have.
        *first_base64(doc).expect("the demo has attachments") =
            serde_json::Value::String("A".repeat(28 * 1024 * 1024));
    });
    refused_unsaved(&mut target, "too_large", None, |l| import(l, &path));
    still_importable(&mut target, &good, &path);
}

#[test]
fn an_id_beyond_what_the_ledger_can_index_is_refused_with_its_place() {
    let (_dir, path, mut target) = exported(AttachmentMode::Include);
    let good = fs::read(&path).unwrap();
    edit(&path, |doc| {
        let people = doc["tables"]["people"].as_array_mut().unwrap();
        let last = people.len() - 1;
        people[last]["id"] = serde_json::json!(2_199_023_255_553_i64); // 2^41 + 1
    });
    let err = refused_unsaved(&mut target, "export_damaged", None, |l| import(l, &path));
    let said = err.message(ledger::Lang::En);
    assert!(
        said.contains("table people") && said.contains("2199023255553"),
        "{said}"
    );
    still_importable(&mut target, &good, &path);
}

/// A trigger's name and SQL; an index row's rowid, kind and title.
type SearchState = (Vec<(String, String)>, Vec<(i64, String, String)>);

/// The search triggers (as SQLite keeps them) and the index, row for row.
fn search_state(ledger: &Ledger) -> SearchState {
    let conn = ledger.read();
    let triggers = conn
        .prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let index = conn
        .prepare("SELECT rowid, kind, title FROM search_index ORDER BY rowid")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    (triggers, index)
}

/// An import builds the search index once at the end, with its triggers set aside meanwhile: the
/// triggers come back exactly, the index is the source's, and it keeps in step with the next edit.
#[test]
fn an_import_indexes_once_and_leaves_the_search_triggers_as_they_were() {
    let (dir, source) = demo_with_attachments();
    let file = dir.path().join("out").join("ledger.json");
    export_to(&source, &file, AttachmentMode::Include);
    let (_target_dir, mut target) = open();
    let (triggers_before, _) = search_state(&target);
    import(&mut target, &file).expect("imported");
    let (triggers, index) = search_state(&target);
    assert_eq!(triggers, triggers_before);
    assert!(
        triggers
            .iter()
            .filter(|(n, _)| n.starts_with("search_"))
            .count()
            > 30
    );
    assert_eq!(index, search_state(&source).1);

    let id = target
        .write(|tx| {
            people::add(
                tx,
                &common::new_person("新来的同志", "activist", "2020-01-01"),
            )
        })
        .unwrap();
    let found = search::search(
        target.read(),
        &search::SearchQuery {
            text: "新来的".into(),
            ..Default::default()
        },
        ledger::Lang::Zh,
    )
    .unwrap();
    let hits = found.groups.iter().flat_map(|g| &g.hits);
    assert!(hits.map(|h| h.id).any(|hit| hit == id), "{found:?}");
}
