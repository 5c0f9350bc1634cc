//! The dashboard (首页): what is due or overdue, the compliance calendar, who lectures and hosts next,
//! and this year's counts, all computed by `ledger`.

use crate::error::IpcError;
use crate::state::AppState;
use ledger::cadence;
use ledger::dates;
use ledger::overview::{self, Dashboard};
use tauri::State;

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>, year: Option<i32>) -> Reply<Dashboard> {
    state
        .run(move |l, _| overview::dashboard(l.read(), dates::today(), year))
        .await
}

#[tauri::command]
pub async fn set_cadence_rule(
    state: State<'_, AppState>,
    kind: String,
    period: String,
) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| cadence::set_rule(c, &kind, &period)))
        .await
}

#[tauri::command]
pub async fn set_cycle_weeks(state: State<'_, AppState>, weeks: i64) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| cadence::set_cycle_weeks(c, weeks)))
        .await
}
