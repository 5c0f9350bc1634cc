//! The bookshelf, end to end, the way the secretary uses it: a new title with two copies (after a bad
//! ISBN is refused), one lent to a new borrower, a second loan of the same copy refused, the return and
//! the history; a catalogue imported from a CSV through its preview; a stocktake.

use e2e::{load_demo, workspace_root, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_title_with_two_copies_is_lent_refused_twice_and_returned() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    // The demo's three overdue loans, on the home screen and on the bookshelf.
    app.wait_text("books-overdue", "有 3 本书逾期未还").await;
    app.click("nav-bookshelf").await;
    app.el("view-bookshelf").await;
    app.wait_text("books-overdue", "有 3 本书逾期未还").await;
    app.screenshot("20-bookshelf-zh").await;

    // A bad ISBN is refused beside its field; the corrected one is saved and the first copy follows.
    app.click("book-add").await;
    app.fill("field-name", "支部工作条例学习读本").await;
    app.fill("field-authors", "本书编写组").await;
    app.fill("field-isbn", "978-7-5099-0123-0").await;
    app.click("form-save").await;
    app.wait_text("error-isbn", "不正确").await;
    app.screenshot("21-book-bad-isbn-zh").await;
    app.fill("field-isbn", "978-7-5099-0123-6").await;
    app.click("form-save").await;
    app.wait_gone("book-form").await;
    app.el("copy-form").await;
    let first = app.value("field-label").await;
    assert!(first.starts_with("SJ-"), "a label is proposed: {first}");
    app.click("form-save").await;
    app.wait_gone("copy-form").await;
    app.wait_text("book-detail-title", "支部工作条例学习读本")
        .await;
    app.click("copy-add").await;
    app.el("copy-form").await;
    app.select("field-location", "reading_corner").await;
    app.click("form-save").await;
    app.wait_gone("copy-form").await;
    app.wait_text("copies-table", "党群图书角").await;
    assert_eq!(app.all("copy-row").await.len(), 2);

    // Lend the first copy to someone new: they join the roster as a non-member.
    app.click("copy-lend").await;
    app.fill("field-new_borrower", "王老师").await;
    app.click("form-save").await;
    app.wait_gone("lend-form").await;
    app.wait_text("copies-table", "借给王老师").await;

    // Lending the same copy again at the desk is refused with the borrower's name.
    app.click("book-lend").await;
    app.fill("field-label", &first).await;
    app.fill("field-new_borrower", "李阿姨").await;
    app.click("form-save").await;
    app.wait_text("error-label", "已借给王老师").await;
    app.screenshot("22-lend-twice-refused-zh").await;
    app.discard_form().await;
    app.wait_gone("lend-form").await;

    // The return, with a note on its condition, and the history.
    app.click("copy-return").await;
    app.fill("field-note", "封面略有折痕").await;
    app.click("form-save").await;
    app.wait_gone("return-form").await;
    app.wait_text("book-loans", "归还").await;
    let history = app.text("book-loans").await;
    assert!(
        history.contains("王老师") && history.contains("封面略有折痕"),
        "{history}"
    );
    assert!(!app.text("copies-table").await.contains("借给"));
    app.screenshot("23-book-history-zh").await;

    // The borrower's own history, on the roster.
    app.click("nav-roster").await;
    app.click_row("person-row", "王老师").await;
    app.wait_text("person-loans", "支部工作条例学习读本").await;

    app.click("lang-toggle").await;
    app.click("nav-bookshelf").await;
    app.wait_text("tab-loans", "Loans").await;
    app.click("tab-loans").await;
    app.select("loan-filter", "all").await;
    app.wait_text("loans-table", "returned").await;
    app.screenshot("25-bookshelf-loans-en").await;
    // A title's detail beside the list, in English: its loans table keeps its headers.
    app.click("tab-titles").await;
    app.click_row("book-row", "支部工作条例学习读本").await;
    app.wait_text("book-loans", "Borrower").await;
    app.screenshot("23-book-detail-en").await;
    if app.client.set_window_size(1024, 700).await.is_ok() {
        app.screenshot("23-book-detail-en-1024x700").await;
    }
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_stocktake_finds_a_copy_refuses_an_unknown_label_and_marks_the_rest_lost() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    app.click("nav-bookshelf").await;
    app.click("tab-stocktake").await;
    app.click("stocktake-start").await;
    app.el("stocktake-label").await;
    app.wait_text("stocktake-progress", "已找到 0 册").await;

    app.fill("stocktake-label", "SJ-0001").await;
    app.click("stocktake-tick").await;
    app.wait_text("stocktake-found", "SJ-0001").await;
    app.fill("stocktake-label", "XX-9999").await;
    app.click("stocktake-tick").await;
    app.wait_text("stocktake-error", "XX-9999").await;
    app.screenshot("26-stocktake-zh").await;
    // A copy ticked by mistake is undone, then ticked again.
    app.fill("stocktake-label", "SJ-0002").await;
    app.click("stocktake-tick").await;
    app.wait_text("stocktake-found", "SJ-0002").await;
    assert_eq!(app.all("stocktake-untick").await.len(), 2);
    app.find("[data-testid=\"stocktake-untick\"][aria-label*=\"SJ-0002\"]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_text("stocktake-progress", "已找到 1 册").await;
    assert!(!app.text("stocktake-found").await.contains("SJ-0002"));

    app.click("stocktake-finish").await;
    app.el("finish-missing").await;
    app.click("form-save").await;
    app.wait_gone("stocktake-finish-form").await;
    app.wait_text("toast-ok", "盘点已结束").await;
    app.el("stocktake-start").await;
    app.click("tab-titles").await;
    app.click("filter-available").await;
    app.el("books-table").await;

    app.click("lang-toggle").await;
    app.click("nav-bookshelf").await;
    app.click("tab-stocktake").await;
    app.wait_text("stocktake-history", "found").await;
    app.screenshot("27-stocktake-en").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_branch_list_is_imported_from_a_csv_through_its_preview() {
    let dir = tempfile::tempdir().unwrap();
    let csv = workspace_root().join("core/tests/fixtures/books/good-utf8.csv");
    let app = App::start_with_env(
        dir.path(),
        &["welcome"],
        &[("BRANCH_LEDGER_TEST_PICK_FILE", &csv)],
    )
    .await;
    app.click("welcome-empty").await;
    app.click("nav-bookshelf").await;
    app.el("books-empty").await;
    // The branch's own list comes in through the preview, all at once.
    app.click("book-import").await;
    app.wait_text("import-summary", "全部行都没有问题").await;
    assert!(app.all("import-ok").await.len() >= 5);
    assert!(app.all("import-bad").await.is_empty());
    app.screenshot("24-book-import-zh").await;
    app.click("form-save").await;
    app.wait_gone("import-form").await;
    app.wait_text("toast-ok", "已导入").await;
    app.wait_text("books-table", "共产党宣言").await;

    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_book_is_lent_at_the_desk_by_its_title_to_a_new_borrower() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    app.click("nav-bookshelf").await;

    // 借出图书, the title as the borrower asks for it, a copy on the shelf, the borrower's name, 借出.
    app.click("book-lend").await;
    app.fill("field-label", "苦难辉煌").await;
    app.wait_text("desk-matches", "苦难辉煌").await;
    app.screenshot("24-lend-by-title-zh").await;
    app.click("desk-match").await;
    let label = app.value("field-label").await;
    assert!(label.starts_with("SJ-"), "{label}");
    app.fill("field-new_borrower", "张老师").await;
    app.click("form-save").await;
    app.wait_gone("lend-form").await;
    app.wait_text("toast-ok", "已借出").await;

    // A title with no copy on the shelf offers nothing to pick; the label is still refused as before.
    app.click("book-lend").await;
    app.fill("field-label", "没有这本书").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(app.all("desk-match").await.is_empty());
    app.fill("field-new_borrower", "李阿姨").await;
    app.click("form-save").await;
    app.wait_text("error-label", "没有这本书").await;
    app.discard_form().await;
    app.stop().await;
}
