//! The annual summary, end to end: the demo branch's 2019 with its numbers and charts, a narrative
//! saved, a range that ends before it starts refused, and Word and Excel exports written through the
//! test-only save hook and found valid.

use e2e::{load_demo, App};
use fantoccini::Locator;
use std::path::Path;

fn zip_holding(path: &Path, part: &str) -> bool {
    let bytes = std::fs::read(path).unwrap_or_default();
    bytes.len() > 2000
        && bytes.starts_with(b"PK")
        && bytes.windows(part.len()).any(|w| w == part.as_bytes())
}

#[tokio::test(flavor = "multi_thread")]
async fn the_2019_summary_shows_its_numbers_and_charts_and_exports_word_and_excel() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start_with_env(
        dir.path(),
        &["view-dashboard"],
        &[("BRANCH_LEDGER_TEST_SAVE_DIR", out.path())],
    )
    .await;
    app.click("nav-summary").await;
    app.select("summary-year", "2019").await;
    app.wait_text("summary-range", "2019-12-31").await;
    let total: i64 = app.text("sum-activities-total").await.parse().unwrap();
    assert!(total > 50, "2019 had its activities: {total}");
    app.screenshot("40-summary-top-zh").await;
    // The records behind the figures are drawn when their list is opened.
    let listed = "[data-testid=\"summary-activities\"] details.records tbody tr";
    assert!(app
        .client
        .find_all(Locator::Css(listed))
        .await
        .unwrap()
        .is_empty());
    app.find("[data-testid=\"summary-activities\"] details.records summary")
        .await
        .click()
        .await
        .unwrap();
    app.find(listed).await;
    let rows = app
        .client
        .find_all(Locator::Css(listed))
        .await
        .unwrap()
        .len();
    assert_eq!(rows as i64, total.min(200), "the first 200 at most");
    app.client
        .execute(
            "document.querySelector('[data-testid=\"summary-activities\"] details.records').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    app.screenshot("40-summary-records-zh").await;
    app.el("chart-members-by-year").await;
    app.el("chart-activities-per-month").await;
    app.wait_text("table-activities-by-kind", "%").await;
    app.wait_text("summary-honours", "先进党支部").await;
    app.screenshot("40-summary-zh").await;

    // A narrative is saved as it is typed, with no button to forget: it is there after leaving the
    // screen at once.
    app.fill("note-membership", "本年度支部发展党员工作稳步推进。")
        .await;
    app.click("nav-roster").await;
    app.click("nav-summary").await;
    app.select("summary-year", "2019").await;
    app.wait_text("summary-range", "2019-12-31").await;
    assert_eq!(
        app.value("note-membership").await,
        "本年度支部发展党员工作稳步推进。"
    );
    // Text typed just before an export is in the file.
    app.fill("note-activities", "坚持“三会一课”制度。").await;
    app.click("export-json").await;
    app.wait_text("toast-ok", ".json").await;
    app.wait_text("note-state-activities", "已自动保存").await;
    let json = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a .json");
    let text = std::fs::read_to_string(json).unwrap();
    assert!(
        text.contains("本年度支部发展党员工作稳步推进。"),
        "{text:.300}"
    );
    assert!(text.contains("坚持“三会一课”制度。"), "{text:.300}");

    // Word and Excel land where the (test) save dialog says, complete and valid.
    app.click("export-docx").await;
    app.wait_text("toast-ok", ".docx").await;
    app.click("export-xlsx").await;
    app.wait_text("toast-ok", ".xlsx").await;
    let files: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let docx = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "docx"));
    let xlsx = files
        .iter()
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"));
    assert!(zip_holding(docx.expect("a .docx"), "word/document.xml"));
    assert!(zip_holding(xlsx.expect("a .xlsx"), "xl/workbook.xml"));

    // Dates the wrong way round are refused with a sentence.
    app.select("summary-mode", "dates").await;
    app.fill("summary-from", "2020-12-31").await;
    app.fill("summary-to", "2020-01-01").await;
    app.click("summary-apply").await;
    app.wait_text("summary-error", "结束日期不能早于 2020-12-31")
        .await;
    app.screenshot("41-summary-bad-range-zh").await;

    app.click("lang-toggle").await;
    app.click("nav-summary").await;
    app.select("summary-mode", "year").await;
    app.wait_text("summary-membership", "Membership").await;
    app.screenshot("42-summary-en").await;
    app.find("[data-testid=\"summary-activities\"] details.records summary")
        .await
        .click()
        .await
        .unwrap();
    app.find("[data-testid=\"summary-activities\"] details.records tbody tr")
        .await;
    app.client
        .execute(
            "document.querySelector('[data-testid=\"summary-activities\"] details.records').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    app.screenshot("43-summary-records-en").await;
    app.stop().await;
}
