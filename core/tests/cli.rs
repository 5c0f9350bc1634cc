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
