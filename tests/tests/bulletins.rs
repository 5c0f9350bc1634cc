//! Bulletins and the suggestion box, end to end: a new series with two issues (the second's number
//! proposed), a duplicate number refused; an anonymous suggestion assigned, answered, and gone from the
//! overdue list.

use e2e::{load_demo, App};

#[tokio::test(flavor = "multi_thread")]
async fn a_series_with_two_issues_and_a_duplicate_number_refused() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    app.click("nav-bulletins").await;
    app.wait_text("view-bulletins", "平台党支部宣传栏").await;
    app.screenshot("12-bulletins-zh").await;

    app.click("series-add").await;
    app.fill("field-name", "支部微党课").await;
    app.select("field-kind", "wechat").await;
    app.click("form-save").await;
    app.wait_gone("series-form").await;
    app.el("issues-empty").await;

    // The first issue is proposed as 1, the second as 2.
    app.click("issue-add").await;
    assert_eq!(app.value("field-number").await, "1");
    app.fill("field-title", "第一讲：支部工作条例").await;
    app.select("field-status", "published").await;
    app.fill("field-publish_date", "2026-11-01").await;
    app.fill("field-topics", "党史学习、微党课").await;
    app.click("form-save").await;
    app.wait_gone("issue-form").await;
    app.click("issue-add").await;
    assert_eq!(app.value("field-number").await, "2");
    app.fill("field-title", "第二讲：三会一课").await;
    app.click("form-save").await;
    app.wait_gone("issue-form").await;
    app.wait_text("issues-table", "第二讲").await;
    assert_eq!(app.all("issue-row").await.len(), 2);

    // A number already used in the series is refused beside the field; nothing is saved.
    app.click("issue-add").await;
    app.fill("field-number", "2").await;
    app.fill("field-title", "重复的期号").await;
    app.click("form-save").await;
    app.wait_text("error-number", "已经存在").await;
    app.screenshot("13-issue-duplicate-zh").await;
    // Published without a date is refused too.
    app.fill("field-number", "3").await;
    app.select("field-status", "published").await;
    app.fill("field-publish_date", "").await;
    app.click("form-save").await;
    app.wait_text("error-publish_date", "请填写发布日期").await;
    app.discard_form().await;
    app.wait_gone("issue-form").await;
    assert_eq!(app.all("issue-row").await.len(), 2);

    app.click("lang-toggle").await;
    app.click("nav-bulletins").await;
    app.wait_text("issues-table", "Published").await;
    app.screenshot("12-bulletins-en").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_anonymous_suggestion_is_assigned_answered_and_leaves_the_overdue_list() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    app.wait_text("suggestions-overdue", "有 1 条意见").await;
    app.click("nav-suggestions").await;
    app.el("view-suggestions").await;

    app.click("suggestion-add").await;
    app.fill("field-received_on", "2026-10-01").await;
    app.fill("field-category", "环境卫生").await;
    app.fill("field-content", "楼道灯坏了很久，希望尽快修理。")
        .await;
    app.click("form-save").await;
    app.wait_gone("suggestion-form").await;
    app.wait_text("suggestions-overdue", "有 2 条意见").await;
    app.wait_text("suggestion-author", "匿名").await;

    // A response dated before the suggestion arrived is refused, naming the date.
    app.click("suggestion-respond").await;
    app.fill("field-response", "已修好。").await;
    app.fill("field-responded_on", "2026-09-01").await;
    app.click("form-save").await;
    app.wait_text("error-responded_on", "2026-10-01").await;
    app.screenshot("15-suggestion-error-zh").await;
    app.discard_form().await;
    app.wait_gone("respond-form").await;

    // Assign to a committee member, then respond.
    app.click("suggestion-assign").await;
    app.el("field-assignee_id")
        .await
        .select_by_index(1)
        .await
        .unwrap();
    app.click("form-save").await;
    app.wait_gone("assign-form").await;
    app.wait_text("suggestion-status", "办理中").await;
    app.click("suggestion-respond").await;
    app.fill("field-response", "已联系物业，楼道灯已全部更换。")
        .await;
    app.click("form-save").await;
    app.wait_gone("respond-form").await;
    app.wait_text("suggestion-status", "已答复").await;
    app.wait_text("suggestions-overdue", "有 1 条意见").await;
    app.screenshot("14-suggestions-zh").await;
    app.click("nav-roster").await;
    app.wait_text("suggestions-overdue", "有 1 条意见").await;

    app.click("lang-toggle").await;
    app.click("nav-suggestions").await;
    app.wait_text("suggestions-table", "Anonymous").await;
    app.screenshot("14-suggestions-en").await;
    app.stop().await;

    // Anonymous means no name anywhere in the stored row.
    let conn = rusqlite::Connection::open(dir.path().join("ledger.sqlite3")).unwrap();
    let (id, name): (Option<i64>, Option<String>) = conn
        .query_row(
            "SELECT author_id, author_name FROM suggestions WHERE content LIKE '楼道灯%'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((id, name), (None, None));
}

#[tokio::test(flavor = "multi_thread")]
async fn a_poster_is_kept_with_its_issue_and_exported_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let poster = e2e::workspace_root().join("assets/icons/128x128.png");
    let env = [
        ("BRANCH_LEDGER_TEST_PICK_FILE", poster.as_path()),
        ("BRANCH_LEDGER_TEST_SAVE_DIR", out.path()),
    ];
    let app = App::start_with_env(dir.path(), &["view-dashboard"], &env).await;
    app.click("nav-bulletins").await;
    app.wait_text("issues-table", "与意见箱答复").await;
    app.click("issue-attachments").await;
    app.el("attachments-empty").await;
    app.select("attachment-kind", "published").await;
    app.click("attachment-add").await;
    app.el("attachment-thumb").await;
    app.wait_text("attachment", "128x128.png").await;
    app.screenshot("16-attachments-zh").await;
    app.click("attachment-export").await;
    app.wait_text("toast-ok", "已导出").await;
    app.click("attachments-close").await;
    app.wait_text("issues-table", "附件 1").await;
    app.stop().await;
    let exported = std::fs::read(out.path().join("128x128.png")).unwrap();
    assert_eq!(exported, std::fs::read(&poster).unwrap());
}
