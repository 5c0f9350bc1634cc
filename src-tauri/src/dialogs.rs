//! Native file dialogs, each with its test seam: WebDriver cannot drive a native dialog, so the tests
//! hand the answer in through an environment variable instead. Blocking: call off the UI thread.

use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

fn seam(var: &str) -> Option<PathBuf> {
    std::env::var_os(var).map(PathBuf::from)
}

/// A folder (`BRANCH_LEDGER_TEST_PICK_FOLDER` in tests); `None` when the secretary cancels.
pub fn pick_folder(app: &AppHandle) -> Option<PathBuf> {
    seam("BRANCH_LEDGER_TEST_PICK_FOLDER").or_else(|| {
        app.dialog()
            .file()
            .blocking_pick_folder()
            .and_then(|p| p.into_path().ok())
    })
}

/// A file, optionally limited to some extensions (`BRANCH_LEDGER_TEST_PICK_FILE` in tests).
pub fn pick_file(app: &AppHandle, filter: Option<(&str, &[&str])>) -> Option<PathBuf> {
    seam("BRANCH_LEDGER_TEST_PICK_FILE").or_else(|| {
        let mut dialog = app.dialog().file();
        if let Some((name, extensions)) = filter {
            dialog = dialog.add_filter(name, extensions);
        }
        dialog.blocking_pick_file().and_then(|p| p.into_path().ok())
    })
}

/// Where to save a file named `name` (in tests: that name inside `BRANCH_LEDGER_TEST_SAVE_DIR`).
pub fn save_file(app: &AppHandle, name: &str) -> Option<PathBuf> {
    match seam("BRANCH_LEDGER_TEST_SAVE_DIR") {
        Some(dir) => Some(dir.join(name)),
        None => app
            .dialog()
            .file()
            .set_file_name(name)
            .blocking_save_file()
            .and_then(|p| p.into_path().ok()),
    }
}

/// Asks where to save `name` off the UI thread; `None` when the secretary cancels.
pub async fn ask_where(
    app: &AppHandle,
    state: &crate::state::AppState,
    name: String,
) -> Result<Option<PathBuf>, crate::error::IpcError> {
    let picker = app.clone();
    state.blocking(move |_| Ok(save_file(&picker, &name))).await
}

/// Asks where to save `name`, then runs `write` there off the UI thread, passing its progress on as
/// `export-progress` events; the path written, or `None` when the secretary cancels.
pub async fn save_as<F>(
    app: &AppHandle,
    state: &crate::state::AppState,
    name: String,
    write: F,
) -> Result<Option<String>, crate::error::IpcError>
where
    F: FnOnce(&std::path::Path, ledger::Lang, &mut dyn FnMut(u32)) -> ledger::Result<()>
        + Send
        + 'static,
{
    use tauri::Emitter;
    let Some(path) = ask_where(app, state, name).await? else {
        return Ok(None);
    };
    let events = app.clone();
    state
        .blocking(move |lang| {
            write(&path, lang, &mut |percent| {
                let _ = events.emit("export-progress", percent);
            })?;
            Ok(Some(path.display().to_string()))
        })
        .await
}
