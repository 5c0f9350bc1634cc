//! The installed Debian package, driven for real: `scripts/test.sh` builds the .deb, installs it with
//! apt-get, runs these tests against `/usr/bin/branch-ledger`, then removes the package and checks that
//! the user's data folder is still there. Every ledger here lives in a temporary folder.

use e2e::App;
use std::path::{Path, PathBuf};

const INSTALLED: &str = "/usr/bin/branch-ledger";

/// The program the package installed (a failure, never a skip, when it is not there).
fn installed_app() -> PathBuf {
    let path = PathBuf::from(INSTALLED);
    assert!(
        path.is_file(),
        "{INSTALLED} is missing: install the .deb first (scripts/test.sh does)"
    );
    path
}

/// A home folder of the test's own (`$PACKAGE_TEST_HOME`, made by scripts/test.sh so that it can
/// look at it after the package is removed).
fn test_home() -> PathBuf {
    let home = std::env::var_os("PACKAGE_TEST_HOME")
        .map(PathBuf::from)
        .expect("PACKAGE_TEST_HOME names a temporary home folder");
    assert!(home.starts_with(std::env::temp_dir()), "{}", home.display());
    home
}

#[tokio::test(flavor = "multi_thread")]
async fn the_installed_app_starts_in_a_new_users_data_folder_and_loads_the_demo() {
    let home = test_home();
    let data_home = home.join(".local/share");
    let config_home = home.join(".config");
    let cache_home = home.join(".cache");
    let env: [(&str, &Path); 4] = [
        ("HOME", &home),
        ("XDG_DATA_HOME", &data_home),
        ("XDG_CONFIG_HOME", &config_home),
        ("XDG_CACHE_HOME", &cache_home),
    ];
    // No --data-dir: the app finds the user's data folder itself, as it does when started from the menu.
    let app = App::launch(&installed_app(), &[], &["welcome"], &env).await;
    app.screenshot("package-01-welcome").await;
    app.click("welcome-demo").await;
    app.el("view-dashboard").await;
    app.screenshot("package-02-demo-dashboard").await;

    app.click("nav-settings").await;
    let folder = data_home.join("branch-ledger");
    app.wait_text("data-dir", &folder.display().to_string())
        .await;
    app.wait_text("app-version", env!("CARGO_PKG_VERSION"))
        .await;
    app.wait_text("licence", "MIT").await;
    app.screenshot("package-03-settings-about").await;
    app.stop().await;
    assert!(folder.join("ledger.sqlite3").is_file());
}

/// The released migrations up to `version`, applied as that release would have (the files are never
/// edited once released, so this is the file an older Branch Ledger left behind).
const OLD_STEPS: &[&str] = &[
    include_str!("../../core/migrations/0001_people.sql"),
    include_str!("../../core/migrations/0002_settings_trash.sql"),
    include_str!("../../core/migrations/0003_bulletins_suggestions.sql"),
    include_str!("../../core/migrations/0004_activities.sql"),
    include_str!("../../core/migrations/0005_bookshelf.sql"),
    include_str!("../../core/migrations/0006_honours_summary.sql"),
    include_str!("../../core/migrations/0007_search.sql"),
    include_str!("../../core/migrations/0008_indexes.sql"),
    include_str!("../../core/migrations/0009_search_rowids.sql"),
];

fn old_ledger(dir: &Path) {
    let conn = rusqlite::Connection::open(dir.join("ledger.sqlite3")).unwrap();
    for step in OLD_STEPS {
        conn.execute_batch(step).unwrap();
    }
    conn.pragma_update(None, "user_version", OLD_STEPS.len() as i64)
        .unwrap();
    conn.execute_batch(
        "INSERT INTO people (id, name, stage, stage_since, created_at, updated_at)
         VALUES (1, '吴华强', 'full', '2016-05-20', '2016-05-20 09:00:00', '2016-05-20 09:00:00');
         INSERT INTO stage_changes (person_id, date, from_stage, to_stage) VALUES (1, '2016-05-20', NULL, 'full');",
    )
    .unwrap();
}

#[tokio::test(flavor = "multi_thread")]
async fn the_installed_app_upgrades_an_older_ledger_and_keeps_a_safety_copy() {
    let dir = tempfile::tempdir().unwrap();
    old_ledger(dir.path());
    let args = vec!["--data-dir".to_string(), dir.path().display().to_string()];
    let app = App::launch(&installed_app(), &args, &["view-dashboard"], &[]).await;
    app.click("nav-roster").await;
    app.click_row("person-row", "吴华强").await;
    app.wait_text("detail-name", "吴华强").await;
    app.screenshot("package-04-upgraded-ledger").await;
    app.click("nav-settings").await;
    let version = app.text("schema-version").await;
    app.stop().await;

    assert!(
        version.parse::<usize>().unwrap() > OLD_STEPS.len(),
        "{version}"
    );
    let copies: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".bak"))
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].contains(".v9-"), "{copies:?}");
}
