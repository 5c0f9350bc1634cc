//! IPC commands for the full-data export (the whole ledger as one documented JSON file) and its
//! import into an empty ledger, both off the UI thread with `export-progress` events (percent).

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;
use ledger::export::{self, AttachmentMode, ExportOptions, ExportReport, ImportReport, Progress};
use ledger::{Error, Field};
use tauri::{AppHandle, Emitter, State};

type Reply<T> = Result<T, IpcError>;

fn percent(p: &Progress) -> u64 {
    (p.done * 100).checked_div(p.total).unwrap_or(0)
}

/// Asks where to save, then exports; `None` when the secretary cancels.
#[tauri::command]
pub async fn data_export(
    app: AppHandle,
    state: State<'_, AppState>,
    attachments: String,
) -> Reply<Option<ExportReport>> {
    let mode = AttachmentMode::parse(&attachments);
    let lang = state.lang();
    let name = format!(
        "{}-{}.json",
        lang.pick("支部台账-全部数据", "branch-ledger-data"),
        ledger::dates::iso(ledger::dates::today())
    );
    let Some(path) = dialogs::ask_where(&app, &state, name).await? else {
        return Ok(None);
    };
    state
        .run(move |l, _| {
            let attachments = mode.ok_or_else(|| Error::Unknown {
                field: Field::File,
                value: attachments,
            })?;
            let options = ExportOptions {
                attachments,
                exported_at: None,
            };
            export::export_to_path(l.read(), &path, &options, &mut |p| {
                let _ = app.emit("export-progress", percent(&p));
            })
            .map(Some)
        })
        .await
}

/// Picks an export file and reads it into this (empty) ledger; `None` when the secretary cancels.
#[tauri::command]
pub async fn data_import(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<ImportReport>> {
    let picker = app.clone();
    let picked = state
        .blocking(move |_| Ok(dialogs::pick_file(&picker, Some(("JSON", &["json"][..])))))
        .await?;
    let Some(path) = picked else { return Ok(None) };
    state
        .run(move |l, _| {
            export::import_from_path(l, &path, &mut |p| {
                let _ = app.emit("export-progress", percent(&p));
            })
            .map(Some)
        })
        .await
}
