//! Party dues (党费), end to end: the demo's member who stopped paying after August 2020 is named on the
//! home screen; from there the dues register shows his unpaid months; a payment for them with a wrong
//! amount and no note is refused with the sentence beside the notes, then recorded with the amount
//! due, and the reminder is gone. The register is exported as Excel and PDF from the window, and the
//! PDF's first page rendered beside the screenshots of the register and the rules in both languages.

use e2e::{load_demo, render_pdf, saved, App};
use fantoccini::Locator;

const NAME: &str = "孙浩";

async fn pay_in_line(app: &App, name: &str) {
    for line in app.all("dues-line").await {
        if line.text().await.unwrap_or_default().starts_with(name) {
            let button = line
                .find(Locator::Css("[data-testid=\"dues-line-pay\"]"))
                .await
                .unwrap();
            app.into_view(&button).await;
            button.click().await.unwrap();
            return;
        }
    }
    panic!("no register line for {name}");
}

#[tokio::test(flavor = "multi_thread")]
async fn unpaid_months_are_named_then_paid_from_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let save = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start_with_env(
        dir.path(),
        &["view-dashboard"],
        &[("BRANCH_LEDGER_TEST_SAVE_DIR", save.path())],
    )
    .await;
    let reminder = app.wait_text("dues-arrears", NAME).await;
    assert!(reminder.contains("3 个月"), "{reminder}");

    app.click("dues-arrears-person").await;
    app.wait_text("dues-register", NAME).await;
    app.wait_text("dues-reconcile", "支部结存").await;
    app.screenshot("80-dues-zh").await;

    pay_in_line(&app, NAME).await;
    app.el("dues-payment-form").await;
    assert_eq!(app.value("field-first_month").await, "2020-09");
    app.fill("field-months", "3").await;
    app.fill("field-first_month", "2020-09").await;
    let due = app.value("field-amount").await;
    assert!(
        due.contains('.') && due != "0.00",
        "the amount due is filled in: {due:?}"
    );

    // Bad input: an amount other than due, with no note.
    app.fill("field-amount", "100").await;
    app.click("form-save").await;
    let error = app.wait_text("error-notes", "实缴 100.00 元").await;
    assert!(error.contains(&format!("应缴 {due} 元")), "{error}");
    app.screenshot("81-dues-amount-error-zh").await;

    app.fill("field-amount", &due).await;
    app.click("form-save").await;
    app.wait_gone("dues-payment-form").await;
    app.wait_text("dues-payments", NAME).await;
    app.click("nav-dashboard").await;
    app.el("view-dashboard").await;
    assert!(
        !app.exists("dues-arrears").await,
        "the reminder is gone once the months are paid"
    );

    app.click("nav-dues").await;
    app.click("dues-rules").await;
    app.wait_text("dues-rules-view", "2008年中组部党费规定")
        .await;
    app.screenshot("82-dues-rules-zh").await;
    app.click("record-close").await;

    // The register as branches hand it in.
    app.click("dues-export-xlsx").await;
    let xlsx = saved(save.path(), "xlsx").await;
    assert!(
        xlsx.ends_with("2020年党费收缴登记表.xlsx"),
        "{}",
        xlsx.display()
    );
    app.click("dues-export-pdf").await;
    let pdf = saved(save.path(), "pdf").await;
    render_pdf(&pdf, "83-dues-register-pdf-zh");

    app.click("lang-toggle").await;
    app.click("nav-dues").await;
    app.wait_text("dues-reconcile", "Held by the branch").await;
    app.screenshot("80-dues-en").await;
    app.stop().await;
}

/// The dues a member owed, brought in from the branch's own sheet: a row for someone not on the
/// roster is shown with its sentence and nothing is imported; without it, the payment comes in and
/// the home screen's reminder is gone.
#[tokio::test(flavor = "multi_thread")]
async fn a_dues_sheet_is_imported_through_its_preview() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = tempfile::tempdir().unwrap();
    let csv = sheets.path().join("党费登记.csv");
    let good = format!("姓名,月份,月数,金额,缴费日期,方式,备注\n{NAME},2020年9月,4,80,2020-12-20,现金,补交9至12月\n");
    std::fs::write(&csv, format!("{good}张三,2020-12,1,10,2020-12-20,现金,\n")).unwrap();
    load_demo(dir.path());
    let app = App::start_with_env(
        dir.path(),
        &["view-dashboard"],
        &[("BRANCH_LEDGER_TEST_PICK_FILE", &csv)],
    )
    .await;
    app.wait_text("dues-arrears", NAME).await;
    app.click("nav-dues").await;
    app.click("dues-import").await;
    app.wait_text("import-summary", "1 行有问题").await;
    app.wait_text("import-bad", "花名册里没有「张三」").await;
    app.screenshot("90-dues-import-zh").await;
    app.discard_form().await;

    std::fs::write(&csv, &good).unwrap();
    app.click("dues-import").await;
    app.wait_text("import-summary", "可以导入 1 笔").await;
    app.click("form-save").await;
    app.wait_gone("import-form").await;
    app.wait_text("toast-ok", "已导入 1 笔").await;
    app.click("nav-dashboard").await;
    app.el("reminders").await;
    assert!(!app.exists("dues-arrears").await, "nothing owed any more");
    app.stop().await;
}
