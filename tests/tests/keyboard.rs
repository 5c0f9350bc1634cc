//! The secretary's daily tasks by keyboard alone, with focus asserted after each step: recording an
//! activity, lending a book to a named borrower, opening and closing a roster row's detail; Enter on a
//! dropdown does not save; the zoom (Ctrl+= / Ctrl+-) is remembered, and the main screens are saved at
//! 150 % to be looked at. The keys each task takes are printed (the closing note compares them).
use e2e::{load_demo, wait_until_closed, App};
use std::time::{Duration, Instant};

const TAB: &str = "\u{E004}";
const ENTER: &str = "\u{E007}";
const CTRL: &str = "\u{E009}";
const ALT: &str = "\u{E00A}";
const RELEASE: &str = "\u{E000}";
const ESCAPE: &str = "\u{E00C}";
const F1: &str = "\u{E031}";

/// Keys pressed (a chord counts once) and characters typed into fields.
#[derive(Default)]
struct Count {
    keys: usize,
    typed: usize,
}

async fn press(app: &App, keys: &str, count: &mut Count) {
    let el = app
        .client
        .active_element()
        .await
        .expect("something has focus");
    el.send_keys(keys).await.expect("keys sent");
    count.keys += 1;
}

async fn chord(app: &App, modifier: &str, key: &str, count: &mut Count) {
    press(app, &format!("{modifier}{key}{RELEASE}"), count).await;
}

async fn type_text(app: &App, text: &str, count: &mut Count) {
    let el = app
        .client
        .active_element()
        .await
        .expect("something has focus");
    el.send_keys(text).await.expect("text typed");
    count.typed += text.chars().count();
}

/// The test id of the focused element (`BODY` when focus fell to the page).
async fn focused(app: &App) -> String {
    let v = app
        .client
        .execute(
            "const el = document.activeElement;
             if (el === document.body) return 'BODY';
             if (/^H[1-3]$/.test(el.tagName)) return el.closest('aside.detail')?.dataset.testid || el.tagName;
             return el.dataset.testid || el.closest('[data-testid]')?.dataset.testid || el.tagName;",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_string()
}

/// The window's zoom as the stylesheet sees it (`1.5` at 150 %).
async fn zoom(app: &App) -> String {
    let v = app
        .client
        .execute(
            "return document.documentElement.style.getPropertyValue('--zoom');",
            vec![],
        )
        .await
        .unwrap();
    v.as_str().unwrap_or_default().to_string()
}

/// Waits until the focused element has this test id.
async fn focus_is(app: &App, testid: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = focused(app).await;
        if now == testid {
            return;
        }
        assert!(Instant::now() < deadline, "focus is on {now}, not {testid}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn daily_tasks_by_keyboard_alone() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    // The first screen's heading has focus: the keys work from there.
    focus_is(&app, "H1").await;

    // Recording an activity: Alt+N, Tab to the title, type it, Ctrl+S; the new row has focus.
    let mut activity = Count::default();
    chord(&app, ALT, "n", &mut activity).await;
    app.el("activity-form").await;
    focus_is(&app, "field-kind").await;
    // Enter on a dropdown chooses; it does not save the form.
    press(&app, ENTER, &mut Count::default()).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        app.exists("activity-form").await,
        "Enter on a dropdown saved the form"
    );
    press(&app, TAB, &mut activity).await;
    focus_is(&app, "field-date").await;
    press(&app, TAB, &mut activity).await;
    focus_is(&app, "field-title").await;
    type_text(&app, "键盘录入的学习会", &mut activity).await;
    chord(&app, CTRL, "s", &mut activity).await;
    app.wait_gone("activity-form").await;
    focus_is(&app, "activity-row").await;
    let row = app
        .client
        .execute("return document.activeElement.textContent;", vec![])
        .await
        .unwrap();
    assert!(row.as_str().unwrap().contains("键盘录入的学习会"), "{row}");

    // Enter on a row's own button (附件) opens that, and not the row's record on top of it.
    app.client
        .execute(
            "document.activeElement.querySelector('[data-testid=\"activity-attachments\"]').focus();",
            vec![],
        )
        .await
        .unwrap();
    focus_is(&app, "activity-attachments").await;
    press(&app, ENTER, &mut Count::default()).await;
    app.el("attachments-dialog").await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(
        !app.exists("record-view").await,
        "Enter on 附件 also opened the activity"
    );
    assert!(
        !app.exists("activity-form").await,
        "Enter on 附件 also opened the form"
    );
    press(&app, ESCAPE, &mut Count::default()).await;
    app.wait_gone("attachments-dialog").await;
    focus_is(&app, "activity-attachments").await;

    // F1 lists the keys; Esc closes the list.
    press(&app, F1, &mut Count::default()).await;
    app.wait_text("keys-dialog", "Alt+N").await;
    press(&app, ESCAPE, &mut Count::default()).await;
    app.wait_gone("keys-dialog").await;

    // Lending a book to a named borrower: Alt+L, the title, Tab to the match, Enter, Tab, the
    // borrower's pinyin initials, Enter, Ctrl+S.
    let mut lending = Count::default();
    chord(&app, ALT, "l", &mut lending).await;
    app.el("lend-form").await;
    focus_is(&app, "field-label").await;
    type_text(&app, "苦难辉煌", &mut lending).await;
    app.wait_text("desk-matches", "苦难辉煌").await;
    press(&app, TAB, &mut lending).await;
    focus_is(&app, "desk-match").await;
    press(&app, ENTER, &mut lending).await;
    focus_is(&app, "field-label").await;
    assert!(app.value("field-label").await.starts_with("SJ-"));
    press(&app, TAB, &mut lending).await;
    focus_is(&app, "field-borrower_ids-search").await;
    type_text(&app, "wxm", &mut lending).await;
    app.wait_text("field-borrower_ids-matches", "伍晓明").await;
    press(&app, ENTER, &mut lending).await;
    app.wait_text("picker-chip", "伍晓明").await;
    chord(&app, CTRL, "s", &mut lending).await;
    app.wait_gone("lend-form").await;
    app.wait_text("toast-ok", "已借出").await;
    assert_ne!(
        focused(&app).await,
        "BODY",
        "focus fell to the page after lending"
    );

    // A roster row's detail: Enter on the row moves focus into the panel; closing it returns to the row.
    app.click("nav-roster").await;
    focus_is(&app, "H1").await;
    let first = app.el("person-row").await;
    let id = first.attr("data-id").await.unwrap().unwrap();
    app.client
        .execute(
            "document.querySelector('[data-testid=\"person-row\"]').focus();",
            vec![],
        )
        .await
        .unwrap();
    let mut detail = Count::default();
    press(&app, ENTER, &mut detail).await;
    focus_is(&app, "person-detail").await;
    let mut tabs = 0;
    while focused(&app).await != "detail-close" {
        press(&app, TAB, &mut detail).await;
        tabs += 1;
        assert!(
            tabs < 10,
            "the close button is not within 10 Tabs of the panel's heading"
        );
    }
    press(&app, ENTER, &mut detail).await;
    focus_is(&app, "person-row").await;
    let back = app
        .client
        .execute("return document.activeElement.dataset.id;", vec![])
        .await
        .unwrap();
    assert_eq!(back.as_str(), Some(id.as_str()));

    // Zoom to 150 % (Ctrl+= five times): the home screen, the activity form and the summary.
    app.click("nav-dashboard").await;
    focus_is(&app, "H1").await;
    for _ in 0..5 {
        chord(&app, CTRL, "=", &mut Count::default()).await;
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while zoom(&app).await != "1.5" {
        assert!(
            Instant::now() < deadline,
            "the zoom is {}, not 1.5",
            zoom(&app).await
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.screenshot("zoom150-dashboard-zh").await;
    let sidebar_scrolls = app
        .client
        .execute(
            "const s = document.querySelector('.sidebar'); return s.scrollHeight > s.clientHeight;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        sidebar_scrolls,
        serde_json::json!(true),
        "at 150 % the menu scrolls"
    );
    chord(&app, ALT, "n", &mut Count::default()).await;
    app.el("activity-form").await;
    app.screenshot("zoom150-activity-form-zh").await;
    app.discard_form().await;
    app.click("nav-summary").await;
    app.el("summary-print").await;
    app.screenshot("zoom150-summary-zh").await;
    app.click("lang-toggle").await;
    app.el("summary-print").await;
    app.screenshot("zoom150-summary-en").await;
    app.click("nav-dashboard").await;
    app.el("view-dashboard").await;
    app.screenshot("zoom150-dashboard-en").await;
    app.click("lang-toggle").await;
    app.stop().await;

    // The zoom is remembered.
    wait_until_closed(dir.path()).await;
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    assert_eq!(zoom(&app).await, "1.5");
    app.stop().await;
    println!(
        "keys: recording an activity {} keys + {} characters typed; lending a book {} keys + {} characters typed; a roster row's detail and back {} keys",
        activity.keys, activity.typed, lending.keys, lending.typed, detail.keys
    );
}
