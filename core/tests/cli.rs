//! The `ledger` command-line tool, run as a separate process on a temporary data directory.
use std::path::Path;
use std::process::{Command, Output};

fn run(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ledger"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .output()
        .expect("the ledger binary runs")
}

#[test]
fn demo_then_info_reports_the_demo_branch() {
    let dir = tempfile::tempdir().unwrap();
    let demo = run(dir.path(), &["demo"]);
    assert!(
        demo.status.success(),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );

    let info = run(dir.path(), &["info", "--json"]);
    assert!(
        info.status.success(),
        "{}",
        String::from_utf8_lossy(&info.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(json["schema_version"], ledger::store::latest_version());
    let people = json["counts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["table"] == "people")
        .unwrap();
    assert_eq!(
        (people["live"].as_i64(), people["trashed"].as_i64()),
        (Some(32), Some(0))
    );
}

#[test]
fn demo_twice_fails_with_a_chinese_message() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo"]).status.success());
    let again = run(dir.path(), &["demo"]);
    assert!(!again.status.success());
    let stderr = String::from_utf8(again.stderr).unwrap();
    assert!(stderr.contains("示例支部只能载入到空白台账"), "{stderr}");
}

#[test]
fn search_prints_the_same_records_as_the_library() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo"]).status.success());
    let out = run(dir.path(), &["search", "两学一做", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let ledger = ledger::Ledger::open_dir(dir.path()).unwrap();
    let query = ledger::search::SearchQuery {
        text: "两学一做".into(),
        ..Default::default()
    };
    let results = ledger::search::search(ledger.read(), &query, ledger::Lang::Zh).unwrap();
    let expected: Vec<(String, i64)> = results
        .groups
        .iter()
        .flat_map(|g| g.hits.iter())
        .map(|h| (ledger::search::code(h.kind).unwrap().to_string(), h.id))
        .collect();
    let printed: Vec<(String, i64)> = hits
        .iter()
        .map(|h| {
            (
                h["type"].as_str().unwrap().to_string(),
                h["id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(printed, expected);
    assert!(printed.iter().any(|(t, _)| t == "campaign"));
    for hit in &hits {
        for key in ["title", "date", "snippet"] {
            assert!(hit[key].is_string(), "{hit}");
        }
    }
    drop(ledger);

    // Plain text: one line per record, tab-separated: type, date, title, snippet.
    let out = run(dir.path(), &["--lang", "en", "search", "党课", "2019"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.is_empty());
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 4, "{line}");
        assert_eq!(fields[0], "Activities", "{line}");
        assert!(line.contains("党课") && line.contains("2019"), "{line}");
    }

    let none = run(dir.path(), &["search", "没有这个词"]);
    assert!(none.status.success());
    assert!(none.stdout.is_empty());
    assert!(String::from_utf8_lossy(&none.stderr).contains("没有找到"));
}

#[test]
fn version_is_the_workspace_version_and_info_names_the_licence() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["--version"]);
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("ledger {}", env!("CARGO_PKG_VERSION"))
    );
    let info = run(dir.path(), &["info", "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(json["app_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(json["licence"], "MIT");
}

#[cfg(unix)]
#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    use std::process::Stdio;
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo"]).status.success());
    for args in [&["search", "会议"][..], &["info"], &["info", "--json"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_ledger"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader is gone, as `| head -0` leaves it
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(141), "{args:?}: {stderr}");
    }
}

#[test]
fn reading_commands_work_while_the_app_has_the_ledger_open() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo"]).status.success());
    // The app: the ledger open for writing, its lock held.
    let app = ledger::Ledger::open_dir(dir.path()).unwrap();
    let info = run(dir.path(), &["info", "--json"]);
    assert!(
        info.status.success(),
        "{}",
        String::from_utf8_lossy(&info.stderr)
    );
    let search = run(dir.path(), &["search", "党课"]);
    assert!(
        search.status.success(),
        "{}",
        String::from_utf8_lossy(&search.stderr)
    );
    assert!(!search.stdout.is_empty());
    let out = dir.path().join("copy.json");
    let export = run(dir.path(), &["export", "--output", out.to_str().unwrap()]);
    assert!(
        export.status.success(),
        "{}",
        String::from_utf8_lossy(&export.stderr)
    );
    assert!(out.metadata().unwrap().len() > 10_000);
    // Writing still waits for the app to close.
    let demo = run(dir.path(), &["demo"]);
    assert!(!demo.status.success());
    assert!(
        String::from_utf8_lossy(&demo.stderr).contains("另一个"),
        "{}",
        String::from_utf8_lossy(&demo.stderr)
    );
    drop(app);
}

#[test]
fn info_speaks_the_language_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["demo"]).status.success());
    let zh = String::from_utf8(run(dir.path(), &["info"]).stdout).unwrap();
    assert!(zh.contains("数据版本：") && zh.contains("人员"), "{zh}");
    assert!(!zh.contains("in trash"), "{zh}");
    let en = String::from_utf8(run(dir.path(), &["--lang", "en", "info"]).stdout).unwrap();
    assert!(
        en.contains("schema version:") && en.contains("people"),
        "{en}"
    );
}
