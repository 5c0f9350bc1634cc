//! Honours (荣誉), end to end: the demo branch's 先进党支部 is listed; a new honour for a person is first
//! refused for an impossible year (the sentence beside the field), then saved and listed; a certificate
//! scan is kept with the branch's honour; a trashed honour goes to the trash screen.

use e2e::{load_demo, App};
use fantoccini::elements::Element;
use fantoccini::Locator;
use std::time::{Duration, Instant};

/// The honour row whose text contains `text`.
async fn row(app: &App, text: &str) -> Element {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        for row in app.all("honour-row").await {
            if row.text().await.unwrap_or_default().contains(text) {
                return row;
            }
        }
        assert!(Instant::now() < deadline, "no honour row with {text:?}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn click_in_row(app: &App, text: &str, testid: &str) {
    row(app, text)
        .await
        .find(Locator::Css(&format!("[data-testid=\"{testid}\"]")))
        .await
        .unwrap_or_else(|e| panic!("no [{testid}] in the row {text:?}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("click [{testid}] in the row {text:?}: {e}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn an_honour_for_a_person_is_refused_for_a_bad_year_then_saved() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    app.click("nav-honours").await;
    app.wait_text("honours-table", "先进党支部").await;
    let secretary = row(&app, "优秀党支部书记").await.text().await.unwrap();
    assert!(secretary.contains("吴华强"), "{secretary}");
    let branch = row(&app, "先进党支部").await.text().await.unwrap();
    assert!(
        branch.contains("本支部") && branch.contains("校级"),
        "{branch}"
    );
    let before = app.all("honour-row").await.len();

    app.click("honour-add").await;
    // The person is asked for only once the honour goes to a person.
    assert!(!app
        .el("field-awardee_id")
        .await
        .is_displayed()
        .await
        .unwrap());
    app.fill("field-year", "2100").await;
    app.fill("field-honour_title", "优秀共产党员").await;
    app.select("field-recipient", "person").await;
    assert!(app
        .el("field-awardee_id")
        .await
        .is_displayed()
        .await
        .unwrap());
    app.el("field-awardee_id")
        .await
        .select_by_label("李婷")
        .await
        .unwrap();
    app.fill("field-awarding_body", "中共清华大学委员会").await;
    app.click("form-save").await;
    app.wait_text("error-year", "1950").await;
    app.screenshot("30-honour-error-zh").await;
    assert_eq!(app.all("honour-row").await.len(), before);

    // Without a person the form asks for one beside the field.
    app.fill("field-year", "2020").await;
    app.select("field-awardee_id", "").await;
    app.click("form-save").await;
    app.wait_text("error-awardee_id", "请填写获奖人").await;
    app.el("field-awardee_id")
        .await
        .select_by_label("李婷")
        .await
        .unwrap();
    app.click("form-save").await;
    app.wait_gone("honour-form").await;
    app.wait_text("honours-table", "优秀共产党员").await;
    let added = row(&app, "优秀共产党员").await.text().await.unwrap();
    assert!(added.contains("李婷") && added.contains("2020"), "{added}");
    assert_eq!(app.all("honour-row").await.len(), before + 1);
    app.screenshot("30-honours-zh").await;

    // The year and level filters.
    // 2020: the demo's 党建标兵党支部创建单位 and the platform's collective award, and the one added.
    app.select("filter-year", "2020").await;
    app.wait_text("honours-total", "共 3 项荣誉").await;
    app.select("filter-level", "national").await;
    app.el("honours-empty").await;
    app.select("filter-level", "").await;
    app.select("filter-year", "").await;
    app.wait_text("honours-total", &format!("共 {} 项荣誉", before + 1))
        .await;

    // To the trash, and shown there with the person's name.
    click_in_row(&app, "优秀共产党员", "honour-trash").await;
    app.click("confirm-yes").await;
    app.wait_text("honours-total", &format!("共 {before} 项荣誉"))
        .await;
    app.click("nav-trash").await;
    app.wait_text("trash-table", "2020 优秀共产党员（李婷）")
        .await;

    app.click("lang-toggle").await;
    app.click("nav-honours").await;
    app.wait_text("honours-table", "The branch").await;
    app.screenshot("30-honours-en").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_certificate_scan_is_kept_with_the_honour() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let scan = e2e::workspace_root().join("assets/icons/128x128.png");
    let env = [("BRANCH_LEDGER_TEST_PICK_FILE", scan.as_path())];
    let app = App::start_with_env(dir.path(), &["view-dashboard"], &env).await;
    app.click("nav-honours").await;
    app.wait_text("honours-table", "先进党支部").await;
    click_in_row(&app, "先进党支部", "honour-certificate").await;
    app.el("attachments-empty").await;
    assert_eq!(app.value("attachment-kind").await, "certificate");
    app.click("attachment-add").await;
    app.el("attachment-thumb").await;
    app.wait_text("attachment", "证书").await;
    app.screenshot("31-honour-certificate-zh").await;
    app.click("attachments-close").await;
    app.wait_gone("attachments-dialog").await;
    let deadline = Instant::now() + Duration::from_secs(15);
    while !row(&app, "先进党支部")
        .await
        .text()
        .await
        .unwrap_or_default()
        .contains("证书（1）")
    {
        assert!(Instant::now() < deadline, "the row never counted the scan");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    app.stop().await;
}
