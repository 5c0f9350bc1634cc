//! IPC commands for honours (荣誉). Each is one `ledger` call; the trash and the certificate scans use
//! the generic trash and attachment commands (kind and owner `honour`).

use crate::error::IpcError;
use crate::state::AppState;
use ledger::honours::{self, Honour, HonourInput, HonourPage, HonourQuery};
use serde::Serialize;
use tauri::State;

type Reply<T> = Result<T, IpcError>;

#[derive(Serialize)]
pub struct HonoursList {
    /// One page of the honours matching the query.
    pub honours: HonourPage,
    /// Every year that has honours, newest first (for the year filter).
    pub years: Vec<i32>,
    /// Awarding bodies used so far (for the form's suggestions).
    pub bodies: Vec<String>,
}

#[tauri::command]
pub async fn honours_list(state: State<'_, AppState>, query: HonourQuery) -> Reply<HonoursList> {
    state
        .run(move |l, _| {
            Ok(HonoursList {
                honours: honours::list(l.read(), &query)?,
                years: honours::years(l.read())?,
                bodies: honours::awarding_bodies(l.read())?,
            })
        })
        .await
}

#[tauri::command]
pub async fn honour_get(state: State<'_, AppState>, id: i64) -> Reply<Honour> {
    state.run(move |l, _| honours::get(l.read(), id)).await
}

#[tauri::command]
pub async fn honour_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: HonourInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| honours::save(c, id, &input)))
        .await
}
