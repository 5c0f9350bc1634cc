//! IPC commands for the bookshelf (支部书架): catalogue, copies, lending, stocktake and spreadsheet
//! import. Each is one `ledger` call.

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;
use ledger::book_import::{self, ImportResult, Preview};
use ledger::books::{self, CopyInput, TitleDetail, TitleInput, TitlePage, TitleQuery};
use ledger::loans::{self, LendInput, LoanPage, LoanQuery};
use ledger::overview;
use ledger::stocktake::{self, Tick};
use ledger::{dates, Error};
use serde::Serialize;
use std::path::PathBuf;
use tauri::{AppHandle, State};

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn bookshelf_overview(state: State<'_, AppState>) -> Reply<overview::Bookshelf> {
    state
        .run(|l, _| overview::bookshelf(l.read(), dates::today()))
        .await
}

#[tauri::command]
pub async fn book_titles(state: State<'_, AppState>, query: TitleQuery) -> Reply<TitlePage> {
    state
        .run(move |l, _| books::list_titles(l.read(), &query))
        .await
}

#[tauri::command]
pub async fn book_title_get(state: State<'_, AppState>, id: i64) -> Reply<TitleDetail> {
    state.run(move |l, _| books::get_title(l.read(), id)).await
}

#[tauri::command]
pub async fn book_title_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: TitleInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| books::save_title(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn book_copy_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    title_id: i64,
    input: CopyInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| books::save_copy(c, id, title_id, &input)))
        .await
}

#[tauri::command]
pub async fn book_copy_state(
    state: State<'_, AppState>,
    id: i64,
    copy_state: String,
    date: String,
) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| books::set_copy_state(c, id, &copy_state, &date)))
        .await
}

#[tauri::command]
pub async fn book_next_label(state: State<'_, AppState>) -> Reply<String> {
    state.run(|l, _| books::next_label(l.read())).await
}

#[tauri::command]
pub async fn loans_list(state: State<'_, AppState>, query: LoanQuery) -> Reply<LoanPage> {
    state.run(move |l, _| loans::list(l.read(), &query)).await
}

#[tauri::command]
pub async fn loan_lend(state: State<'_, AppState>, input: LendInput) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| loans::lend(c, &input)))
        .await
}

#[tauri::command]
pub async fn loan_lend_label(
    state: State<'_, AppState>,
    label: String,
    input: LendInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| loans::lend_by_label(c, &label, &input)))
        .await
}

/// Copies on the shelf matching what was typed at the desk (a title, an author or a label).
#[tauri::command]
pub async fn loan_desk_matches(
    state: State<'_, AppState>,
    text: String,
) -> Reply<Vec<loans::ShelfCopy>> {
    state
        .run(move |l, _| loans::on_shelf_matching(l.read(), &text, 8))
        .await
}

#[tauri::command]
pub async fn loan_renew(
    state: State<'_, AppState>,
    id: i64,
    date: String,
    due_on: Option<String>,
) -> Reply<String> {
    state
        .run(move |l, _| l.write(|c| loans::renew(c, id, &date, due_on.as_deref())))
        .await
}

#[tauri::command]
pub async fn loan_return(
    state: State<'_, AppState>,
    id: i64,
    date: String,
    note: String,
) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| loans::return_loan(c, id, &date, &note)))
        .await
}

#[tauri::command]
pub async fn loan_lost(state: State<'_, AppState>, id: i64, date: String) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| loans::mark_lost(c, id, &date)))
        .await
}

#[tauri::command]
pub async fn set_loan_rules(
    state: State<'_, AppState>,
    loan_days: i64,
    renew_limit: i64,
) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| loans::set_rules(c, loan_days, renew_limit)))
        .await
}

#[tauri::command]
pub async fn stocktake_overview(state: State<'_, AppState>) -> Reply<overview::Stocktakes> {
    state.run(|l, _| overview::stocktakes(l.read())).await
}

#[tauri::command]
pub async fn stocktake_start(state: State<'_, AppState>, date: String) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| stocktake::start(c, &date)))
        .await
}

#[tauri::command]
pub async fn stocktake_tick(state: State<'_, AppState>, id: i64, label: String) -> Reply<Tick> {
    state
        .run(move |l, _| l.write(|c| stocktake::tick(c, id, &label)))
        .await
}

#[tauri::command]
pub async fn stocktake_untick(state: State<'_, AppState>, id: i64, copy_id: i64) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| stocktake::untick(c, id, copy_id)))
        .await
}

#[tauri::command]
pub async fn stocktake_finish(
    state: State<'_, AppState>,
    id: i64,
    date: String,
    mark_lost: bool,
) -> Reply<usize> {
    state
        .run(move |l, _| {
            l.write(|c| stocktake::finish(c, id, &date, mark_lost))
                .map(|m| m.len())
        })
        .await
}

#[derive(Serialize)]
pub struct ImportPreview {
    pub path: PathBuf,
    #[serde(flatten)]
    pub preview: Preview,
}

/// Asks for a spreadsheet (Excel, WPS, LibreOffice or CSV); `None` when the secretary cancels.
pub(crate) async fn pick_sheet(
    app: AppHandle,
    state: &State<'_, AppState>,
) -> Reply<Option<PathBuf>> {
    state
        .blocking(move |_| {
            Ok(dialogs::pick_file(
                &app,
                Some(("Excel / CSV", &["xlsx", "xls", "xlsm", "ods", "csv", "txt"])),
            ))
        })
        .await
}

pub(crate) fn read_sheet(path: &std::path::Path) -> ledger::Result<(String, Vec<u8>)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok((name, std::fs::read(path).map_err(Error::Io)?))
}

/// Picks a spreadsheet and shows what importing it would save; `None` when the secretary cancels.
#[tauri::command]
pub async fn book_import_preview(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Reply<Option<ImportPreview>> {
    let Some(path) = pick_sheet(app, &state).await? else {
        return Ok(None);
    };
    state
        .run(move |l, lang| {
            let (name, bytes) = read_sheet(&path)?;
            let preview = book_import::preview(l.read(), &name, &bytes, lang)?;
            Ok(Some(ImportPreview { path, preview }))
        })
        .await
}

/// Imports the previewed file: all of it, or nothing when any row is refused.
#[tauri::command]
pub async fn book_import_commit(state: State<'_, AppState>, path: PathBuf) -> Reply<ImportResult> {
    state
        .run(move |l, lang| {
            let (name, bytes) = read_sheet(&path)?;
            l.write(|c| book_import::commit(c, &name, &bytes, lang))
        })
        .await
}
