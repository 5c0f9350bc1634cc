//! The search box: one `ledger::search` call, results in the user's language.

use crate::error::IpcError;
use crate::state::AppState;
use ledger::search::{self, SearchQuery, SearchResults};
use tauri::State;

#[tauri::command]
pub async fn search(
    state: State<'_, AppState>,
    query: SearchQuery,
) -> Result<SearchResults, IpcError> {
    state
        .run(move |l, lang| search::search(l.read(), &query, lang))
        .await
}
