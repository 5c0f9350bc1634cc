//! IPC commands for the yearly appraisal of members (民主评议党员). Each is one `ledger` call; the trash
//! uses the generic trash commands (kind `appraisal`).

use crate::error::IpcError;
use crate::state::AppState;
use ledger::appraisals::{self, AppraisalInput, Year};
use ledger::dates;
use tauri::State;

type Reply<T> = Result<T, IpcError>;

/// The members of `year` (the last year as of the reminders' day when not given) with their ratings.
#[tauri::command]
pub async fn appraisal_year(state: State<'_, AppState>, year: Option<i32>) -> Reply<Year> {
    state
        .run(move |l, _| {
            let today = ledger::settings::reminders_as_of(l.read(), dates::today())?;
            appraisals::year(
                l.read(),
                year.unwrap_or_else(|| chrono::Datelike::year(&today)),
            )
        })
        .await
}

#[tauri::command]
pub async fn appraisal_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: AppraisalInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| appraisals::save(c, id, &input)))
        .await
}

/// The branch's choice to name the members rated 优秀 in the annual summary.
#[tauri::command]
pub async fn appraisal_names_in_summary_set(state: State<'_, AppState>, on: bool) -> Reply<bool> {
    state
        .run(move |l, _| l.write(|c| appraisals::set_names_in_summary(c, on)))
        .await
}
