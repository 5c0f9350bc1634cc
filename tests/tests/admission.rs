//! The admission procedure (发展党员), end to end: the home screen and her page in the roster name the
//! demo's activist whose thought report of 2020-Q3 is missing; from there her file opens, and
//! recording the report clears it. Listing her as a candidate before her year as activist is refused
//! with the sentence beside the date. The candidate waiting for the 入党志愿书 gets it, and the file then says the general meeting
//! may vote. The file is exported as PDF from the window and its first page rendered beside the
//! screenshots of the screen in both languages. The search finds a step by the person's name and
//! opens her file.

use e2e::{load_demo, render_pdf, saved, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_step_is_taken_and_the_next_one_is_due() {
    let dir = tempfile::tempdir().unwrap();
    let save = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start_with_env(
        dir.path(),
        &["view-dashboard"],
        &[("BRANCH_LEDGER_TEST_SAVE_DIR", save.path())],
    )
    .await;
    let reminder = app.wait_text("admission-due", "郭佳").await;
    assert!(reminder.contains("思想汇报 2020-Q3 未交"), "{reminder}");
    // The same on her page in the roster, which links to her file.
    app.click("nav-roster").await;
    app.click_row("person-row", "郭佳").await;
    app.wait_text("person-due", "思想汇报 2020-Q3 未交").await;
    app.click("person-admission-file").await;
    app.wait_text("file-name", "郭佳").await;
    app.wait_text("file-due", "2020-Q3").await;
    app.screenshot("86-admission-zh").await;

    // Listed as a candidate before a year as activist: refused beside the date.
    app.click("step-add-candidate").await;
    app.el("step-form").await;
    app.fill("field-date", "2020-12-01").await;
    app.click("form-save").await;
    app.wait_text("error-date", "2021-04-16").await;
    app.screenshot("87-admission-error-zh").await;
    app.discard_form().await;

    // The missing thought report, handed in: nothing is due any more.
    app.click("step-add-thought_report").await;
    app.el("step-form").await;
    app.fill("field-date", "2020-08-10").await;
    app.click("form-save").await;
    app.wait_gone("step-form").await;
    app.wait_gone("file-due").await;
    let steps = app.texts("step-row").await;
    assert!(
        steps
            .iter()
            .any(|s| s.contains("2020-08-10") && s.contains("思想汇报")),
        "{steps:?}"
    );

    // The candidate waiting for her application form gets it; then the general meeting may vote.
    app.click_row("path-row", "林雪").await;
    app.wait_text("file-name", "林雪").await;
    app.wait_text("file-due", "填写入党志愿书").await;
    app.click("step-add-application_form").await;
    app.el("step-form").await;
    app.fill("field-date", "2020-12-22").await;
    app.click("form-save").await;
    app.wait_gone("step-form").await;
    app.wait_text("file-due", "可提交支部大会讨论接收").await;
    assert!(
        app.exists("step-add-admission").await,
        "the admission is the next step"
    );
    app.screenshot("88-admission-next-zh").await;

    app.click("file-export-pdf").await;
    let pdf = saved(save.path(), "pdf").await;
    assert!(pdf.ends_with("发展党员档案-林雪.pdf"), "{}", pdf.display());
    render_pdf(&pdf, "89-admission-file-pdf-zh");

    // The search finds a step by the person's name and opens her file.
    app.click("nav-search").await;
    app.fill("search-input", "郭佳").await;
    app.wait_text("search-group-admission_step", "郭佳").await;
    app.find("[data-testid=\"search-group-admission_step\"] [data-testid=\"search-hit\"]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_text("file-name", "郭佳").await;

    app.click("lang-toggle").await;
    app.click("nav-admission").await;
    app.wait_text("admission-file", "Thought report").await;
    app.screenshot("86-admission-en").await;
    app.stop().await;
}
