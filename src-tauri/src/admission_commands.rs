//! IPC commands for the admission procedure (发展党员). Each is one `ledger` call; papers use the
//! generic attachment commands (owner `admission_step`), the trash the generic trash commands (kind
//! `admission_step`).

use crate::error::IpcError;
use crate::state::AppState;
use ledger::admission::{self, File, OnPath, StepInput};
use ledger::dates;
use serde::Serialize;
use tauri::State;

type Reply<T> = Result<T, IpcError>;

#[derive(Serialize)]
pub struct Overview {
    pub today: String,
    pub on_path: Vec<OnPath>,
    pub notice_days: i64,
}

/// Everyone on the path with what is due, as of the reminders' day.
#[tauri::command]
pub async fn admission_overview(state: State<'_, AppState>) -> Reply<Overview> {
    state
        .run(move |l, _| {
            let today = ledger::settings::reminders_as_of(l.read(), dates::today())?;
            Ok(Overview {
                today: dates::iso(today),
                on_path: admission::on_path(l.read(), today)?,
                notice_days: admission::notice_days(l.read())?,
            })
        })
        .await
}

#[tauri::command]
pub async fn admission_file(state: State<'_, AppState>, person_id: i64) -> Reply<File> {
    state
        .run(move |l, _| {
            let today = ledger::settings::reminders_as_of(l.read(), dates::today())?;
            admission::file(l.read(), person_id, today)
        })
        .await
}

#[tauri::command]
pub async fn admission_step_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: StepInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| admission::save(c, id, &input)))
        .await
}

/// Whose file a step (found by the search) is in.
#[tauri::command]
pub async fn admission_step_person(state: State<'_, AppState>, id: i64) -> Reply<i64> {
    state
        .run(move |l, _| admission::person_of_step(l.read(), id))
        .await
}

/// The step row of a stage change recorded in the roster alone (to keep papers on it).
#[tauri::command]
pub async fn admission_details_row(state: State<'_, AppState>, stage_change_id: i64) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| admission::details_row(c, stage_change_id)))
        .await
}

#[tauri::command]
pub async fn admission_notice_days_set(state: State<'_, AppState>, days: i64) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| admission::set_notice_days(c, days)))
        .await
}

/// Writes a person's file as `format` (`docx` or `pdf`) where the secretary chooses, off the UI
/// thread; `None` when cancelled.
#[tauri::command]
pub async fn admission_file_export(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    person_id: i64,
    format: String,
) -> Reply<Option<String>> {
    let (doc, name, paper) = state
        .run(move |l, lang| {
            let paper = ledger::document::PaperFormat::parse(&format)?;
            let today = ledger::settings::reminders_as_of(l.read(), dates::today())?;
            let file = admission::file(l.read(), person_id, today)?;
            let branch = ledger::settings::branch_name(l.read())?;
            let name = admission::file_name(&file.name, paper.code(), lang);
            Ok((
                admission::paper(l.read(), &file, &branch, lang)?,
                name,
                paper,
            ))
        })
        .await?;
    crate::dialogs::save_as(&app, &state, name, move |path, _lang, progress| {
        ledger::document::write(&doc, paper, path, progress)
    })
    .await
}
