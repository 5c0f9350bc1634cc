//! The activity log, end to end: a party lecture with attendance from the roster and two exceptions,
//! the refusals a lecture without a speaker and a group meeting without its group get, the rate in the
//! list, and a photo kept with the activity.

use e2e::{load_demo, App};

/// The home screen's reminders as of today, as for a ledger in use (the demo's own are as of the end
/// of 2020, where its records stop).
fn as_of_today(dir: &std::path::Path) {
    rusqlite::Connection::open(dir.join("ledger.sqlite3"))
        .unwrap()
        .execute("DELETE FROM settings WHERE key = 'demo_as_of'", [])
        .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_party_lecture_with_two_exceptions_a_photo_and_two_refusals() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    as_of_today(dir.path());
    let photo = e2e::workspace_root().join("assets/icons/128x128.png");
    let env = [("BRANCH_LEDGER_TEST_PICK_FILE", photo.as_path())];
    let app = App::start_with_env(dir.path(), &["view-dashboard"], &env).await;
    app.click("nav-activities").await;
    app.wait_text("activities-total", "375").await; // the demo's history, paged

    app.click("activity-add").await;
    app.select("field-kind", "party_lecture").await;
    app.fill("field-date", "2020-11-10").await;
    app.fill("field-title", "学习党的十九届五中全会精神").await;
    app.fill("field-place", "平台会议室").await;
    app.click("attendance-fill").await;
    rows(&app, 22, "the members on 2020-11-10").await;
    app.mark_attendance(0, "on_leave").await;
    app.mark_attendance(1, "absent").await;
    app.wait_text("attendance-tally", "实到 20 人").await;
    app.into_view(&app.el("attendance-tally").await).await;
    app.screenshot("17-activity-attendance-zh").await;

    // A lecture needs a speaker, leave needs a reason: each said where it belongs, nothing saved.
    app.click("form-save").await;
    app.wait_text("error-speaker_ids", "主讲人").await;
    app.screenshot("17-activity-error-zh").await;
    // The speaker is found by pinyin initials and chosen with a click.
    app.fill("field-speaker_ids-search", "wxm").await;
    app.wait_text("field-speaker_ids-matches", "伍晓明").await;
    app.screenshot("17-activity-speaker-picker-zh").await;
    app.click("picker-option").await;
    app.wait_text("picker-chip", "伍晓明").await;
    app.click("form-save").await;
    app.wait_text("form-error", "请假原因").await;
    let reasons = app.all("attendance-reason").await;
    app.into_view(&reasons[0]).await;
    reasons[0].send_keys("出差").await.unwrap();
    app.click("form-save").await;
    app.wait_gone("activity-form").await;
    let enter: char = fantoccini::key::Key::Enter.into();
    app.fill("activity-search", &format!("十九届五中全会{enter}"))
        .await;
    app.wait_text("activities-total", "1").await;
    app.wait_text("activity-rate", "20/22").await;

    // A photo kept with the activity, shown as a thumbnail.
    app.click("activity-attachments").await;
    app.select("attachment-kind", "photo").await;
    app.click("attachment-add").await;
    app.el("attachment-thumb").await;
    app.click("attachments-close").await;
    app.wait_gone("attachments-dialog").await;
    app.screenshot("17-activities-zh").await;

    // A group meeting without its group is refused.
    app.click("activity-add").await;
    app.select("field-kind", "group_meeting").await;
    app.fill("field-title", "党小组学习").await;
    app.click("form-save").await;
    app.wait_text("error-party_group_id", "请填写党小组").await;
    app.discard_form().await;
    app.wait_gone("activity-form").await;
    assert_eq!(app.all("activity-row").await.len(), 1);

    // This month's committee meeting is due on the dashboard until one is recorded (dated today).
    let due_now = |texts: Vec<String>| {
        texts
            .iter()
            .any(|t| t.starts_with("支委会：") && t.contains("尚未召开"))
    };
    app.click("nav-dashboard").await;
    app.el("view-dashboard").await;
    assert!(due_now(app.texts("cadence-reminder").await));
    app.click("nav-activities").await;
    app.click("activity-add").await;
    app.select("field-kind", "committee_meeting").await;
    app.fill("field-title", "本月支委会").await;
    app.click("attendance-fill").await;
    // The committee in office, as the secretary sees it listed before saving.
    some_rows(&app, "the committee listed").await;
    app.click("form-save").await;
    app.wait_gone("activity-form").await;
    app.click("nav-dashboard").await;
    app.el("view-dashboard").await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while due_now(app.texts("cadence-reminder").await) {
        assert!(
            std::time::Instant::now() < deadline,
            "the committee reminder stays after recording one"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    app.screenshot("00-dashboard-after-zh").await;

    app.click("lang-toggle").await;
    app.wait_text("nav-dashboard", "Home").await;
    app.el("view-dashboard").await;
    app.screenshot("00-dashboard-en").await;
    app.click("nav-activities").await;
    app.wait_text("activities-table", "Party lecture").await;
    app.screenshot("17-activities-en").await;
    app.click("activity-add").await;
    app.wait_text("attendance-tally", "Expected").await;
    app.into_view(&app.el("attendance-tally").await).await;
    app.screenshot("17-activity-form-en").await;
    if app.client.set_window_size(1024, 700).await.is_ok() {
        app.screenshot("17-activity-form-en-1024x700").await;
    }
    app.discard_form().await;
    app.stop().await;
}

/// Waits until the attendance table has `n` rows.
async fn rows(app: &App, n: usize, what: &str) {
    wait_rows(app, |now| now == n, &format!("{what}: {n} rows expected")).await;
}

/// Waits until the attendance table lists someone.
async fn some_rows(app: &App, what: &str) {
    wait_rows(app, |now| now > 0, what).await;
}

async fn wait_rows(app: &App, done: impl Fn(usize) -> bool, what: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let now = app.all("attendance-row").await.len();
        if done(now) {
            return;
        }
        assert!(std::time::Instant::now() < deadline, "{what}; {now} shown");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_expected_people_follow_the_kind_the_date_and_the_group() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    app.click("nav-activities").await;
    app.click("activity-add").await;
    app.select("field-kind", "general_meeting").await;
    rows(&app, 22, "today's members").await;

    // A general meeting in March 2019, typed the Chinese way: the members of that day (18).
    app.fill("field-date", "2019年3月5日").await;
    app.click("field-title").await; // leaving the date field, as a person would
    rows(&app, 18, "the members on 2019-03-05").await;
    assert_eq!(
        app.value("field-date").await,
        "2019-03-05",
        "shown as it was read"
    );
    let first = app.texts("attendance-row").await[0].clone();
    app.mark_attendance(0, "on_leave").await;

    // A committee meeting that day: the five committee members, a mark already made kept.
    app.select("field-kind", "committee_meeting").await;
    rows(&app, 5, "the committee on 2019-03-05").await;
    let kept = app.texts("attendance-row").await;
    if let Some(i) = kept.iter().position(|r| *r == first) {
        assert_eq!(app.attendance_of(i).await, "on_leave", "{first}");
    }

    // A date that cannot be read leaves the table as it is, and saving says what is wrong.
    app.fill("field-date", "2019-02-30").await;
    app.click("field-title").await;
    app.fill("field-title", "2019年3月支委会（补记）").await;
    rows(&app, 5, "after an impossible date").await;
    app.click("form-save").await;
    app.wait_text("error-date", "2019-02-30").await;
    app.screenshot("18-activity-follows-date-zh").await;

    app.fill("field-date", "2019/3/5").await;
    app.click("field-title").await;
    rows(&app, 5, "the committee again").await;
    for row in 0..5 {
        app.mark_attendance(row, "present").await;
    }
    app.wait_text("attendance-tally", "应到 5 人 · 实到 5 人")
        .await;
    app.click("form-save").await;
    app.wait_gone("activity-form").await;
    let enter: char = fantoccini::key::Key::Enter.into();
    app.fill("activity-search", &format!("补记{enter}")).await;
    app.wait_text("activities-total", "1").await;
    app.wait_text("activity-rate", "5/5").await;
    app.wait_text("activities-table", "2019-03-05").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn minutes_half_typed_are_not_lost_to_esc_or_cancel() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    app.click("nav-activities").await;
    let escape: char = fantoccini::key::Key::Escape.into();

    // Nothing typed yet: Esc just closes.
    app.click("activity-add").await;
    app.el("field-title")
        .await
        .send_keys(&escape.to_string())
        .await
        .unwrap();
    app.wait_gone("activity-form").await;

    // Minutes typed: Esc asks, and "cancel" keeps the form with the text.
    app.click("activity-add").await;
    app.fill(
        "field-content",
        "一、传达学习上级文件精神；二、讨论本月工作",
    )
    .await;
    app.el("field-content")
        .await
        .send_keys(&escape.to_string())
        .await
        .unwrap();
    app.wait_text("confirm-dialog", "还没保存").await;
    app.screenshot("17-activity-discard-question-zh").await;
    app.click("confirm-no").await;
    app.wait_gone("confirm-dialog").await;
    assert_eq!(
        app.value("field-content").await,
        "一、传达学习上级文件精神；二、讨论本月工作"
    );

    // 取消 asks too; saying yes closes it and nothing is saved.
    app.click("form-cancel").await;
    app.click("confirm-yes").await;
    app.wait_gone("activity-form").await;
    app.wait_text("activities-total", "375").await;
    app.stop().await;
}

/// Clicks the first home-screen reminder whose text passes `pick`, and returns its text.
async fn click_reminder(app: &App, pick: impl Fn(&str) -> bool) -> String {
    app.click("nav-dashboard").await;
    app.el("view-dashboard").await;
    for reminder in app.all("cadence-reminder").await {
        let text = reminder.text().await.unwrap_or_default();
        if pick(&text) {
            app.into_view(&reminder).await;
            reminder.click().await.unwrap();
            return text;
        }
    }
    panic!(
        "no such reminder: {:?}",
        app.texts("cadence-reminder").await
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn each_reminder_opens_its_meeting_form_filled_in() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    as_of_today(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;

    // 「记录一次活动」 on the home screen is one click to the form.
    app.click("dashboard-record").await;
    app.el("activity-form").await;
    app.discard_form().await;

    // Last month's missing committee meeting: kind, a date in that month, a title and the committee.
    let missed = click_reminder(&app, |t| {
        t.starts_with("支委会：") && t.contains("缺少记录")
    })
    .await;
    app.el("activity-form").await;
    assert_eq!(app.value("field-kind").await, "committee_meeting");
    let period = missed
        .trim_start_matches("支委会：")
        .split('缺')
        .next()
        .unwrap()
        .trim()
        .to_string();
    assert!(
        app.value("field-date").await.starts_with(&period),
        "{period}"
    );
    let title = app.value("field-title").await;
    assert!(
        title.starts_with(&format!("{}年", &period[..4])) && title.ends_with("月支委会"),
        "{title}"
    );
    rows(&app, 5, "the committee in office").await;
    app.screenshot("19-reminder-form-zh").await;
    app.click("form-save").await;
    app.wait_gone("activity-form").await;
    app.click("nav-dashboard").await;
    app.el("view-dashboard").await;
    assert!(
        !app.texts("cadence-reminder").await.contains(&missed),
        "{missed} still listed"
    );

    // A party group's reminder brings its group along.
    click_reminder(&app, |t| {
        t.starts_with("党小组会") && t.contains("缺少记录")
    })
    .await;
    app.el("activity-form").await;
    assert_eq!(app.value("field-kind").await, "group_meeting");
    assert_ne!(app.value("field-party_group_id").await, "");
    some_rows(&app, "the group's members listed").await;
    app.stop().await;
}
