//! A minimal Tauri window: one line of static HTML, no commands, no plugins, built with the same
//! Tauri as the app. `scripts/perf.sh` starts it beside the app and divides the app's start-up time
//! and memory by its own. It is not part of the app (and not installed with it).
#![deny(unsafe_code)]

use tauri::http::Response;
use tauri::{WebviewUrl, WebviewWindowBuilder};

/// The whole page; the test harness waits for its `data-testid` as it waits for the app's first
/// screen.
const PAGE: &str = r#"<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>minimal</title><body><p data-testid="view-minimal">最小窗口 minimal window</p></body></html>"#;

fn main() {
    let mut context = tauri::generate_context!();
    // Not the app's window with its screens: only the one made below.
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .register_uri_scheme_protocol("minimal", |_, _| {
            Response::builder()
                .header("Content-Type", "text/html; charset=utf-8")
                .body(PAGE.as_bytes())
                .expect("a fixed response")
        })
        .setup(|app| {
            let url = WebviewUrl::CustomProtocol("minimal://localhost/".parse()?);
            WebviewWindowBuilder::new(app, "main", url)
                .title("minimal")
                .inner_size(1280.0, 800.0)
                .build()?;
            Ok(())
        })
        .run(context)
        .expect("the minimal window runs");
}
