//! IPC commands for party dues (党费). Each is one `ledger` call; the trash and the hand-over receipts
//! use the generic trash and attachment commands (kinds `dues_base`, `dues_payment`, `dues_handover`).

use crate::error::IpcError;
use crate::state::AppState;
use ledger::dates;
use ledger::dues::bases::{self, Base, BaseInput};
use ledger::dues::handovers::{self, HandoverInput};
use ledger::dues::payments::{self, PaymentInput};
use ledger::dues::register::{self, Register};
use ledger::dues::rules::{self, RuleSet, RuleSetInput};
use serde::Serialize;
use tauri::State;

type Reply<T> = Result<T, IpcError>;

#[derive(Serialize)]
pub struct DuesScreen {
    pub register: Register,
    /// The years the register can show, newest first.
    pub years: Vec<i32>,
    pub bases: Vec<Base>,
    pub rules: Vec<RuleSet>,
}

#[tauri::command]
pub async fn dues_screen(state: State<'_, AppState>, year: Option<i32>) -> Reply<DuesScreen> {
    state
        .run(move |l, _| {
            let today = ledger::settings::reminders_as_of(l.read(), dates::today())?;
            let year = year.unwrap_or_else(|| chrono::Datelike::year(&today));
            Ok(DuesScreen {
                register: register::register(l.read(), year, today)?,
                years: register::years(l.read(), today)?,
                bases: bases::all(l.read())?,
                rules: rules::list(l.read())?,
            })
        })
        .await
}

#[tauri::command]
pub async fn dues_base_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: BaseInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| bases::save(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn dues_payment_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: PaymentInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| payments::save(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn dues_handover_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: HandoverInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| handovers::save(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn dues_rules_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: RuleSetInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| rules::save(c, id, &input)))
        .await
}

/// Writes the register of `year` as `format` (`xlsx`, `docx` or `pdf`) where the secretary chooses,
/// off the UI thread; `None` when cancelled.
#[tauri::command]
pub async fn dues_register_export(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    year: i32,
    format: String,
) -> Reply<Option<String>> {
    let extension = format.trim().to_ascii_lowercase();
    let (register, branch, name) = state
        .run(move |l, lang| {
            let today = ledger::settings::reminders_as_of(l.read(), dates::today())?;
            Ok((
                register::register(l.read(), year, today)?,
                ledger::settings::branch_name(l.read())?,
                ledger::dues::sheet::file_name(year, &extension, lang),
            ))
        })
        .await?;
    crate::dialogs::save_as(&app, &state, name, move |path, lang, progress| {
        ledger::dues::sheet::write(&register, &branch, &format, path, lang, progress)
    })
    .await
}

#[derive(Serialize)]
pub struct DuesImportPreview {
    pub path: std::path::PathBuf,
    #[serde(flatten)]
    pub preview: ledger::dues::import::Preview,
}

/// Picks a dues sheet and shows what importing it would save; `None` when the secretary cancels.
#[tauri::command]
pub async fn dues_import_preview(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<DuesImportPreview>> {
    let Some(path) = crate::book_commands::pick_sheet(app, &state).await? else {
        return Ok(None);
    };
    state
        .run(move |l, lang| {
            let (name, bytes) = crate::book_commands::read_sheet(&path)?;
            let preview = l.write(|c| ledger::dues::import::preview(c, &name, &bytes, lang))?;
            Ok(Some(DuesImportPreview { path, preview }))
        })
        .await
}

/// Imports the previewed sheet: every row, or nothing when any row is refused.
#[tauri::command]
pub async fn dues_import_commit(
    state: State<'_, AppState>,
    path: std::path::PathBuf,
) -> Reply<usize> {
    state
        .run(move |l, lang| {
            let (name, bytes) = crate::book_commands::read_sheet(&path)?;
            l.write(|c| ledger::dues::import::commit(c, &name, &bytes, lang))
        })
        .await
}
