//! The papers, end to end as the secretary makes them: the branch's name set in Settings (a name too
//! long refused with its sentence), the 2019 summary and the 2019 binder as PDF from the summary
//! screen, an activity's record page and sign-in sheet from its record, and a save folder that has
//! gone refused with a sentence and nothing left behind. Each PDF is read back with `pdftotext` and
//! its first pages rendered to `target/screenshots/` with `pdftoppm`.

use e2e::{load_demo, workspace_root, App};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The PDF's text (pdftotext), or None when poppler is not installed.
fn pdf_text(path: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(path)
        .arg("-")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Renders pages `first..=last` of `pdf` as `target/screenshots/NAME-N.png`.
fn render(pdf: &Path, name: &str, first: u32, last: u32) {
    let dir = workspace_root().join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    let _ = Command::new("pdftoppm")
        .args([
            "-r",
            "60",
            "-png",
            "-f",
            &first.to_string(),
            "-l",
            &last.to_string(),
        ])
        .arg(pdf)
        .arg(dir.join(name))
        .status();
}

fn only_file(dir: &Path, ext: &str) -> PathBuf {
    let found: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    assert_eq!(found.len(), 1, "one .{ext} in {dir:?}: {found:?}");
    found.into_iter().next().unwrap()
}

fn is_pdf(path: &Path) -> bool {
    std::fs::read(path).unwrap_or_default().starts_with(b"%PDF")
}

#[tokio::test(flavor = "multi_thread")]
async fn the_secretary_prints_the_summary_the_binder_and_a_meetings_papers() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let save = out.path().join("papers");
    std::fs::create_dir(&save).unwrap();
    load_demo(dir.path());
    let app = App::start_with_env(
        dir.path(),
        &["view-dashboard"],
        &[("BRANCH_LEDGER_TEST_SAVE_DIR", &save)],
    )
    .await;

    // Settings: a name too long is refused with its sentence; a good one is kept.
    app.click("nav-settings").await;
    app.fill("branch-name", &"长".repeat(101)).await;
    app.click("branch-name-save").await;
    app.wait_text("error-branch_name", "100").await;
    app.screenshot("70-branch-name-error-zh").await;
    app.fill("branch-name", "微纳加工平台党支部").await;
    app.click("branch-name-save").await;
    app.wait_text("toast-ok", "").await;

    // The 2019 summary as PDF, then the 2019 binder.
    app.click("nav-summary").await;
    app.select("summary-year", "2019").await;
    app.wait_text("summary-range", "2019-12-31").await;
    app.screenshot("71-summary-papers-zh").await;
    app.click("export-pdf").await;
    app.wait_text("toast-ok", ".pdf").await;
    let summary = only_file(&save, "pdf");
    assert!(is_pdf(&summary));
    if let Some(text) = pdf_text(&summary) {
        assert!(
            text.contains("微纳加工平台党支部"),
            "the cover names the branch"
        );
        assert!(text.contains("2019-01-01"), "the range");
    }
    render(&summary, "72-summary-pdf", 1, 3);
    std::fs::remove_file(&summary).unwrap();
    app.click("binder-pdf").await;
    app.wait_text("toast-ok", "台账").await;
    let binder = only_file(&save, "pdf");
    assert!(is_pdf(&binder));
    if let Some(text) = pdf_text(&binder) {
        assert!(text.contains("党员名册"), "the roster part");
        assert!(text.contains("会议记录") || text.contains("组织生活记录"));
    }
    render(&binder, "73-binder-pdf", 1, 6);
    std::fs::remove_file(&binder).unwrap();

    // A meeting's record page and sign-in sheet, from its record.
    app.click("nav-activities").await;
    // WebDriver's Enter key, which applies the search.
    app.fill("activity-search", "延安\u{E007}").await;
    app.wait_text("activities-total", "1").await;
    app.click_row("activity-row", "延安").await;
    app.el("record-actions").await;
    app.screenshot("74-activity-papers-zh").await;
    app.click("paper-record-pdf").await;
    app.wait_text("toast-ok", "会议记录-").await;
    let record = only_file(&save, "pdf");
    let names: Vec<String> = app
        .text("activity-view")
        .await
        .lines()
        .map(str::to_string)
        .collect();
    assert!(!names.is_empty());
    if let Some(text) = pdf_text(&record) {
        assert!(text.contains("延安"), "the topic");
        assert!(text.contains("出席人员"), "who came");
    }
    render(&record, "75-record-pdf", 1, 1);
    app.click("paper-sign_in-docx").await;
    app.wait_text("toast-ok", "签到表-").await;
    let sheet = only_file(&save, "docx");
    assert!(std::fs::read(&sheet).unwrap().starts_with(b"PK"));

    // The folder chosen has gone (a USB stick pulled out): a sentence, and nothing half-written.
    std::fs::remove_dir_all(&save).unwrap();
    app.click("paper-sign_in-pdf").await;
    app.wait_text("toast-error", "文件没有保存").await;
    app.screenshot("76-paper-folder-gone-zh").await;
    assert!(!save.exists());

    // Before the meeting the sheet is also at hand in the activity's form.
    app.click("record-edit").await;
    app.el("form-papers").await;
    app.screenshot("77-activity-form-sign-in-zh").await;
    app.discard_form().await;

    // The same screens in English.
    app.click("lang-toggle").await;
    app.click("nav-settings").await;
    app.el("branch-name").await;
    app.screenshot("78-settings-branch-en").await;
    app.click("nav-summary").await;
    app.el("binder-bar").await;
    app.wait_text("binder-pdf", "Binder").await;
    app.screenshot("78-summary-papers-en").await;
    app.click("nav-activities").await;
    app.click_row("activity-row", "延安").await;
    app.wait_text("record-actions", "Sign-in sheet").await;
    app.screenshot("78-activity-papers-en").await;
    app.stop().await;
}
