//! The first run, end to end: the welcome screen says what the demo holds; the demo's home screen
//! computes its reminders as of the end of 2020 and says so (no wall of red for this year); Settings
//! clears the demo to start the real ledger, asking first: cancelling changes nothing, confirming keeps
//! the demo as 示例台账-<date>.sqlite3 beside an empty ledger. Both languages are looked at.

use e2e::App;
use std::path::Path;

/// The `示例台账-*.sqlite3` copies in the data folder.
fn demo_copies(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("示例台账-") && n.ends_with(".sqlite3"))
        .collect()
}

/// Reminders drawn red: meetings missed (overdue) and other things missing.
async fn red_reminders(app: &App) -> usize {
    app.client
        .find_all(fantoccini::Locator::Css(
            ".reminder.overdue, .reminder.missing",
        ))
        .await
        .unwrap_or_default()
        .len()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_demo_opens_as_of_2020_and_is_cleared_from_settings_to_start_afresh() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::start(dir.path(), &["welcome"]).await;
    // The welcome text tells what the demo holds, not just its people.
    let welcome = app.text("welcome").await;
    for what in [
        "党小组",
        "支委会",
        "组织生活",
        "宣传栏",
        "图书",
        "意见箱",
        "荣誉",
    ] {
        assert!(welcome.contains(what), "{what} in {welcome:?}");
    }
    app.screenshot("60-welcome-zh").await;
    app.click("lang-toggle").await;
    let welcome = app.wait_text("welcome", "honours").await;
    for what in ["party groups", "bulletin", "bookshelf", "suggestion box"] {
        assert!(welcome.contains(what), "{what} in {welcome:?}");
    }
    app.screenshot("61-welcome-en").await;
    app.click("lang-toggle").await;
    app.wait_text("welcome", "荣誉").await;

    app.click("welcome-demo").await;
    app.el("main").await;
    app.click("nav-dashboard").await;
    app.el("view-dashboard").await;
    let note = app.wait_text("demo-as-of", "2020 年底").await;
    assert!(note.contains("2020-12-31"), "{note}");
    let red = red_reminders(&app).await;
    assert!(red <= 3, "{red} red reminders on the demo's home screen");
    assert_eq!(app.value("calendar-year").await, "2020");
    app.screenshot("62-home-demo-zh").await;
    app.click("lang-toggle").await;
    app.wait_text("demo-as-of", "end of 2020").await;
    app.screenshot("63-home-demo-en").await;
    app.click("lang-toggle").await;
    app.wait_text("demo-as-of", "2020 年底").await;

    // Settings offers to clear the demo; cancelling the question changes nothing.
    app.click("nav-settings").await;
    app.wait_text("demo-card", "清空示例，开始使用").await;
    let people = app.text("info-people").await;
    assert_ne!(people, "0");
    app.click("demo-clear").await;
    app.wait_text("confirm-dialog", "另存").await;
    app.screenshot("64-demo-clear-confirm-zh").await;
    app.click("confirm-no").await;
    app.wait_gone("confirm-dialog").await;
    assert_eq!(app.text("info-people").await, people);
    assert!(app.exists("demo-card").await);
    assert!(demo_copies(dir.path()).is_empty(), "nothing copied");

    // Confirmed: the demo is kept beside the ledger and an empty ledger opens.
    app.click("demo-clear").await;
    app.click("confirm-yes").await;
    // The window reloads everything on the new ledger (its first screen is the roster).
    app.wait_gone("demo-card").await;
    app.el("view-roster").await;
    app.click("nav-settings").await;
    app.el("view-settings").await;
    assert_eq!(app.text("info-people").await, "0");
    assert!(!app.exists("demo-card").await, "an empty ledger is no demo");
    let copies = demo_copies(dir.path());
    assert_eq!(copies.len(), 1, "{copies:?}");
    app.click("nav-dashboard").await;
    app.el("view-dashboard").await;
    assert!(!app.exists("demo-as-of").await);
    // The home screen is about this year again, not the demo's 2020.
    assert_ne!(app.value("calendar-year").await, "2020");
    app.screenshot("65-cleared-home-zh").await;
    app.stop().await;

    // The copy is the whole demo: it opens as a ledger of its own.
    let copy = dir.path().join(&copies[0]);
    let conn = rusqlite::Connection::open(&copy).unwrap();
    let people: i64 = conn
        .query_row("SELECT count(*) FROM people", [], |r| r.get(0))
        .unwrap();
    assert!(people >= 24, "{people} people in the copy");
}
