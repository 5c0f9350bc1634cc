//! The yearly appraisal (民主评议党员), end to end: the demo's 2020 appraisal lists every member rated;
//! one rating sent to the trash leaves that member "not rated"; rating them again is first refused for
//! an impossible self-assessment date (the sentence beside the field), then saved as 优秀 and counted;
//! once the branch chooses so, the 2020 summary names those rated 优秀.

use e2e::{load_demo, App};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn a_member_is_rated_after_a_bad_date_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    app.click("nav-appraisals").await;
    app.wait_text("appraisal-counts", "未评议 0 人").await;
    let rows = app.all("appraisal-row").await;
    assert!(
        rows.len() >= 20,
        "every member at the end of 2020: {}",
        rows.len()
    );
    app.screenshot("84-appraisals-zh").await;

    let first = &rows[0];
    let name = first
        .find(Locator::Css("td"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    first
        .find(Locator::Css("[data-testid=\"appraisal-trash\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.click("confirm-yes").await;
    app.wait_text("appraisal-counts", "未评议 1 人").await;

    let row = app.all("appraisal-row").await.into_iter().next().unwrap();
    assert!(row.text().await.unwrap().contains("未评议"));
    row.find(Locator::Css("[data-testid=\"appraisal-edit\"]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    app.el("appraisal-form").await;
    app.select("field-rating", "excellent").await;
    app.fill("field-self_assessed_on", "2020-13-45").await;
    app.click("form-save").await;
    app.wait_text("error-self_assessed_on", "不是有效日期")
        .await;
    app.screenshot("85-appraisal-error-zh").await;
    app.fill("field-self_assessed_on", "2020-12-11").await;
    app.click("form-save").await;
    app.wait_gone("appraisal-form").await;
    app.wait_text("appraisal-counts", "未评议 0 人").await;
    let row = app.all("appraisal-row").await.into_iter().next().unwrap();
    let text = row.text().await.unwrap();
    assert!(text.contains(&name) && text.contains("优秀"), "{text}");

    // The branch chooses to name those rated 优秀 in the annual summary.
    app.click("appraisal-names").await;
    app.wait_text("toast-ok", "已保存").await;
    app.click("nav-summary").await;
    app.select("summary-year", "2020").await;
    app.wait_text("summary-appraisal", "评为优秀的党员：").await;
    let named = app.text("summary-appraisal").await;
    assert!(named.contains(&name), "{named}");
    app.click("nav-appraisals").await;
    app.wait_text("appraisal-counts", "未评议 0 人").await;

    app.click("lang-toggle").await;
    app.click("nav-appraisals").await;
    app.wait_text("appraisal-counts", "0 not rated").await;
    app.screenshot("84-appraisals-en").await;
    app.stop().await;
}
