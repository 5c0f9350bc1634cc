//! The search box, end to end: Ctrl+K over the demo branch, a two-character word (the fallback path)
//! and a four-character one (the trigram index), the matching words marked, a result opened on its
//! own screen, a one-character word showing its newest 20 activities and 50 more on asking, and a word
//! that is nowhere.

use e2e::{load_demo, App};
use fantoccini::Locator;

#[tokio::test(flavor = "multi_thread")]
async fn two_and_four_character_words_are_found_and_a_result_opens() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;

    // Ctrl+K opens the box from anywhere (the key event as the window receives it).
    app.client
        .execute(
            "document.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, bubbles: true }))",
            vec![],
        )
        .await
        .unwrap();
    app.el("search-dialog").await;
    app.fill("search-input", "党课").await;
    app.wait_text("search-group-activity", "党课").await;
    let marked = app.find("[data-testid=\"search-results\"] mark").await;
    assert_eq!(marked.text().await.unwrap(), "党课");
    app.screenshot("50-search-two-chars-zh").await;

    // One character: the newest 20 of each type, and the group says there are more.
    app.fill("search-input", "党").await;
    app.wait_text("search-group-activity", "20+").await;
    app.screenshot("50-search-one-char-zh").await;
    // The next 50 of the type, on asking.
    let hits = "[data-testid=\"search-group-activity\"] [data-testid=\"search-hit\"]";
    assert_eq!(
        app.client.find_all(Locator::Css(hits)).await.unwrap().len(),
        20
    );
    app.find("[data-testid=\"search-group-activity\"] [data-testid=\"search-more\"]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_text("search-group-activity", "70+").await;
    assert_eq!(
        app.client.find_all(Locator::Css(hits)).await.unwrap().len(),
        70
    );
    app.client
        .execute(
            "document.querySelector('[data-testid=\"search-more\"]').scrollIntoView()",
            vec![],
        )
        .await
        .unwrap();
    app.screenshot("50-search-more-zh").await;

    app.fill("search-input", "两学一做").await;
    app.wait_text("search-results", "两学一做").await;
    app.el("search-group-activity").await;
    app.screenshot("51-search-four-chars-zh").await;

    // An activity opens as recorded, read-only; 编辑 is a button.
    app.find("[data-testid=\"search-group-activity\"] [data-testid=\"search-hit\"]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_gone("search-dialog").await;
    app.wait_text("activity-view", "两学一做").await;
    assert!(!app.exists("activity-form").await);
    app.screenshot("52-search-opens-activity-zh").await;
    app.click("record-edit").await;
    app.el("activity-form").await;
    app.discard_form().await;
    app.click("nav-search").await;

    // A book title opens on the bookshelf, selected.
    app.fill("search-input", "苦难辉煌").await;
    app.wait_text("search-group-book_title", "苦难辉煌").await;
    app.find("[data-testid=\"search-group-book_title\"] [data-testid=\"search-hit\"]")
        .await
        .click()
        .await
        .unwrap();
    app.wait_gone("search-dialog").await;
    app.wait_text("book-detail-title", "苦难辉煌").await;

    // A word found nowhere says so.
    app.click("nav-search").await;
    app.fill("search-input", "量子纠缠态").await;
    app.wait_text("search-empty", "没有找到").await;

    // The same box in English.
    app.click("search-close").await;
    app.wait_gone("search-dialog").await;
    app.click("lang-toggle").await;
    app.click("nav-search").await;
    app.fill("search-input", "党课").await;
    app.wait_text("search-group-activity", "Activities").await;
    app.screenshot("52-search-en").await;
    app.fill("search-input", "党").await;
    app.wait_text("search-group-activity", "20+").await;
    app.wait_text("search-more", "Show 50 more").await;
    app.screenshot("53-search-one-char-en").await;
    app.stop().await;
}
