//! Backup and restore, end to end: back up to a stand-in USB folder (handed to the app through the
//! test-only folder hook), refuse mismatched passphrases, restore and see later changes gone.

use e2e::{load_demo, App};

#[tokio::test(flavor = "multi_thread")]
async fn back_up_to_usb_then_restore() {
    let dir = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let env = [("BRANCH_LEDGER_TEST_PICK_FOLDER", usb.path())];
    let app = App::start_with_env(dir.path(), &["view-dashboard"], &env).await;
    app.click("nav-roster").await;

    // Never backed up: the home screen says so and leads to the backup screen.
    app.wait_text("backup-reminder", "还没有备份到U盘").await;
    app.click("backup-reminder-go").await;
    app.el("view-backup").await;
    app.click("backup-pick-folder").await;
    app.wait_text("backup-target", &usb.path().display().to_string())
        .await;
    app.el("backup-empty").await;

    // Passphrases that differ: a clear sentence, and no backup made.
    app.click("backup-encrypt").await;
    app.fill("backup-passphrase", "支部2026").await;
    app.fill("backup-passphrase-again", "支部2025").await;
    app.click("backup-run").await;
    app.wait_text("backup-error", "两次输入的密码不一致").await;
    app.screenshot("10-backup-error-zh").await;
    assert_eq!(std::fs::read_dir(usb.path()).unwrap().count(), 0);

    // A plain backup: listed with its time, and its checksum file beside it.
    app.click("backup-encrypt").await;
    app.click("backup-run").await;
    app.wait_text("backup-row", "branch-ledger-").await;
    app.wait_text("backup-status", "上次备份").await;
    app.screenshot("10-backup-zh").await;
    let names: Vec<String> = std::fs::read_dir(usb.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(
        names.iter().any(|n| n.ends_with(".sqlite3.sha256")),
        "{names:?}"
    );

    // The reminder is gone; add a person after the backup.
    app.click("nav-roster").await;
    app.wait_text("count-members", "22").await;
    assert!(!app.exists("backup-reminder").await);
    app.click("add-person").await;
    app.fill("field-name", "备份后新增").await;
    app.click("form-save").await;
    app.wait_text("count-members", "23").await;

    // The checksum file is lost on the way (copied without it): the backup's own seal still vouches
    // for it.
    for name in names.iter().filter(|n| n.ends_with(".sha256")) {
        std::fs::remove_file(usb.path().join(name)).unwrap();
    }

    // Restore: the comparison shows both counts; afterwards the person is gone and a safety copy kept.
    app.click("nav-backup").await;
    app.click("backup-restore").await;
    app.wait_text("verify-counts", "33").await;
    assert!(
        app.text("verify-result")
            .await
            .contains("备份文件自带的校验值核对一致"),
        "{}",
        app.text("verify-result").await
    );
    // Only the person added since (and their stage record) differ, and those rows are marked; no
    // "data version 10" jargon.
    let differs = app.texts("count-differs").await;
    assert_eq!(differs.len(), 2, "{differs:?}");
    assert!(
        differs[0].starts_with("人员") && differs[0].contains("与备份不同"),
        "{differs:?}"
    );
    assert!(differs[1].starts_with("身份变动"), "{differs:?}");
    assert!(!app.text("verify-result").await.contains("数据版本"));
    app.screenshot("11-restore-confirm-zh").await;
    app.click("confirm-yes").await;
    let told = app.wait_text("toast-ok", "安全副本").await;
    assert!(!told.contains(".bak"), "{told}");
    app.wait_text("count-members", "22").await;
    assert!(!app
        .texts("person-row")
        .await
        .iter()
        .any(|r| r.contains("备份后新增")));
    let safety = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains(".before-restore-"));
    assert!(
        safety,
        "a safety copy of the ledger before the restore is kept"
    );

    // The backup screen in English.
    app.click("lang-toggle").await;
    app.click("nav-backup").await;
    app.wait_text("backup-row", "Plain").await;
    app.screenshot("10-backup-en").await;

    // The window cannot name a place of its own: only folders and files the secretary chose or the
    // app offered are read or written.
    for (command, args) in [
        ("backup_list", serde_json::json!({"folder": "/etc"})),
        (
            "backup_verify",
            serde_json::json!({"file": "/etc/passwd", "passphrase": null}),
        ),
        (
            "backup_run",
            serde_json::json!({"target": "/tmp", "passphrase": null, "passphraseAgain": null}),
        ),
    ] {
        let answer = app
            .client
            .execute_async(
                "const [command, args, done] = arguments;
                 window.__TAURI__.core.invoke(command, args).then(() => done('accepted'), (e) => done(e.code));",
                vec![serde_json::json!(command), args],
            )
            .await
            .unwrap();
        assert_eq!(answer, serde_json::json!("not_chosen"), "{command}");
    }

    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_daily_automatic_backup_is_made_after_start() {
    let dir = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let app = App::start(dir.path(), &["view-dashboard"]).await;
    let auto = dir.path().join("backups");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(15);
    let made = loop {
        let found = std::fs::read_dir(&auto)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .any(|e| e.file_name().to_string_lossy().ends_with(".sqlite3.sha256"))
            })
            .unwrap_or(false);
        if found || std::time::Instant::now() > deadline {
            break found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    };
    app.stop().await;
    assert!(made, "an automatic backup appears in {}", auto.display());
}

#[tokio::test(flavor = "multi_thread")]
async fn the_whole_ledger_goes_out_as_json_and_comes_back_into_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    load_demo(dir.path());
    let env = [("BRANCH_LEDGER_TEST_SAVE_DIR", out.path())];
    let app = App::start_with_env(dir.path(), &["view-dashboard"], &env).await;
    app.click("nav-backup").await;
    app.click("data-export").await;
    app.wait_text("toast-ok", "已导出到").await;
    app.stop().await;
    let file = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("a JSON export");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&file).unwrap()).unwrap();
    assert_eq!(json["format"], "branch-ledger-export");

    // A copy edited by hand with an impossible birth date is refused with the record and the reason,
    // and nothing is imported.
    let edited = out.path().join("edited.json");
    let mut bad = json.clone();
    bad["tables"]["people"][2]["birth_date"] = "9999-99-99".into();
    std::fs::write(&edited, serde_json::to_vec(&bad).unwrap()).unwrap();
    let fresh = tempfile::tempdir().unwrap();
    let env = [("BRANCH_LEDGER_TEST_PICK_FILE", edited.as_path())];
    let app = App::start_with_env(fresh.path(), &["welcome"], &env).await;
    app.click("welcome-empty").await;
    app.click("nav-backup").await;
    app.click("data-import").await;
    let refusal = app
        .wait_text("data-error", "出生日期「9999-99-99」不是有效日期")
        .await;
    assert!(
        refusal.contains("「人员」的第 3 条记录") && refusal.contains("什么都没有导入"),
        "{refusal}"
    );
    app.screenshot("14-data-import-bad-record-zh").await;
    app.click("nav-roster").await;
    app.wait_text("count-members", "0").await;
    app.stop().await;

    // Into a new, empty ledger; a second import into the now full ledger is refused.
    let fresh = tempfile::tempdir().unwrap();
    let env = [("BRANCH_LEDGER_TEST_PICK_FILE", file.as_path())];
    let app = App::start_with_env(fresh.path(), &["welcome"], &env).await;
    app.click("welcome-empty").await;
    app.click("nav-backup").await;
    app.click("data-import").await;
    app.wait_text("toast-ok", "导入完成").await;
    app.click("nav-roster").await;
    app.wait_text("count-members", "22").await;
    app.click("nav-backup").await;
    app.click("data-import").await;
    app.wait_text("data-error", "只能导入到空白台账").await;
    app.screenshot("14-data-import-refused-zh").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_new_computer_starts_from_the_old_ones_usb_backup() {
    // The old computer's ledger, backed up to a USB stick.
    let old = tempfile::tempdir().unwrap();
    let usb = tempfile::tempdir().unwrap();
    load_demo(old.path());
    let out = std::process::Command::new(e2e::cli_binary())
        .arg("--data-dir")
        .arg(old.path())
        .args(["backup", "--to"])
        .arg(usb.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let backup = std::path::PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());

    // The new computer: an empty ledger, and the welcome screen offers the restore.
    let new = tempfile::tempdir().unwrap();
    let env = [("BRANCH_LEDGER_TEST_PICK_FILE", backup.as_path())];
    let app = App::start_with_env(new.path(), &["welcome"], &env).await;
    app.screenshot("01-welcome-restore-zh").await;
    app.click("welcome-restore").await;
    app.wait_text("verify-counts", "32").await;
    app.click("confirm-yes").await;
    app.el("view-dashboard").await;
    app.click("nav-roster").await;
    app.wait_text("count-members", "22").await;
    app.stop().await;
}
