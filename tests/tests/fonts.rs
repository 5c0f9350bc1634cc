//! A computer without any Chinese font (some Linux installs): the app still starts, switches to
//! English and says what to install, instead of showing boxes.

use e2e::App;
use std::path::Path;

/// A fontconfig setup that knows only the DejaVu fonts (Latin, no Chinese).
fn latin_only_fonts(dir: &Path) -> std::path::PathBuf {
    let dejavu = Path::new("/usr/share/fonts/truetype/dejavu");
    assert!(
        dejavu.is_dir(),
        "the DejaVu fonts (fonts-dejavu-core) are missing"
    );
    let cache = dir.join("cache");
    let conf = dir.join("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n  <dir>{}</dir>\n  <cachedir>{}</cachedir>\n</fontconfig>\n",
            dejavu.display(),
            cache.display()
        ),
    )
    .unwrap();
    conf
}

#[tokio::test(flavor = "multi_thread")]
async fn without_a_chinese_font_the_app_speaks_english_and_says_what_to_install() {
    let data = tempfile::tempdir().unwrap();
    let fonts = tempfile::tempdir().unwrap();
    let conf = latin_only_fonts(fonts.path());
    let app = App::start_with_env(data.path(), &["welcome"], &[("FONTCONFIG_FILE", &conf)]).await;
    app.wait_text("font-missing", "No Chinese font is installed")
        .await;
    app.wait_text("font-missing", "fonts-noto-cjk").await;
    app.wait_text("welcome", "Welcome").await;
    app.screenshot("font-missing-welcome-en").await;

    // The app works on: the demo loads and the screens speak English.
    app.click("welcome-demo").await;
    app.el("view-dashboard").await;
    app.wait_text("nav-roster", "Roster").await;
    app.screenshot("font-missing-dashboard-en").await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn with_a_chinese_font_there_is_no_such_notice() {
    let data = tempfile::tempdir().unwrap();
    let app = App::start(data.path(), &["welcome"]).await;
    app.wait_text("welcome", "欢迎").await;
    assert!(!app.exists("font-missing").await);
    app.stop().await;
}
