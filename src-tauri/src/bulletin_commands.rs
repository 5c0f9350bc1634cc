//! IPC commands for bulletins (宣传) and the suggestion box (群众意见箱). Each is one `ledger` call.

use crate::error::IpcError;
use crate::state::AppState;
use ledger::bulletins::{self, Issue, IssueInput, IssuePage, IssueQuery, SeriesInput};
use ledger::overview;
use ledger::suggestions::{
    self, ResponseInput, Suggestion, SuggestionInput, SuggestionPage, SuggestionQuery,
};
use ledger::{dates, settings};
use tauri::State;

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn bulletins_overview(state: State<'_, AppState>) -> Reply<overview::Bulletins> {
    state.run(|l, _| overview::bulletins(l.read())).await
}

#[tauri::command]
pub async fn bulletin_issues(state: State<'_, AppState>, query: IssueQuery) -> Reply<IssuePage> {
    state
        .run(move |l, _| bulletins::issue_list(l.read(), &query))
        .await
}

#[tauri::command]
pub async fn bulletin_issue_get(state: State<'_, AppState>, id: i64) -> Reply<Issue> {
    state
        .run(move |l, _| bulletins::issue_get(l.read(), id))
        .await
}

#[tauri::command]
pub async fn bulletin_next_number(state: State<'_, AppState>, series_id: i64) -> Reply<i64> {
    state
        .run(move |l, _| bulletins::next_number(l.read(), series_id))
        .await
}

#[tauri::command]
pub async fn bulletin_series_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: SeriesInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| bulletins::series_save(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn bulletin_issue_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: IssueInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| bulletins::issue_save(c, id, &input)))
        .await
}

/// The overview, with the numbers for `year` (this year when not given).
#[tauri::command]
pub async fn suggestions_overview(
    state: State<'_, AppState>,
    year: Option<i32>,
) -> Reply<overview::Suggestions> {
    state
        .run(move |l, _| overview::suggestions(l.read(), dates::today(), year))
        .await
}

#[tauri::command]
pub async fn suggestions_list(
    state: State<'_, AppState>,
    query: SuggestionQuery,
) -> Reply<SuggestionPage> {
    state
        .run(move |l, _| suggestions::list(l.read(), &query))
        .await
}

#[tauri::command]
pub async fn suggestion_get(state: State<'_, AppState>, id: i64) -> Reply<Suggestion> {
    state.run(move |l, _| suggestions::get(l.read(), id)).await
}

#[tauri::command]
pub async fn suggestion_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: SuggestionInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| suggestions::save(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn suggestion_assign(
    state: State<'_, AppState>,
    id: i64,
    assignee_id: Option<i64>,
) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| suggestions::assign(c, id, assignee_id)))
        .await
}

#[tauri::command]
pub async fn suggestion_note(
    state: State<'_, AppState>,
    id: i64,
    date: String,
    note: String,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| suggestions::add_note(c, id, &date, &note)))
        .await
}

#[tauri::command]
pub async fn suggestion_respond(
    state: State<'_, AppState>,
    id: i64,
    input: ResponseInput,
) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| suggestions::respond(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn suggestion_close(state: State<'_, AppState>, id: i64) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| suggestions::close(c, id)))
        .await
}

#[tauri::command]
pub async fn suggestion_decline(
    state: State<'_, AppState>,
    id: i64,
    reason: String,
    date: String,
) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| suggestions::decline(c, id, &reason, &date)))
        .await
}

#[tauri::command]
pub async fn set_suggestion_overdue_days(state: State<'_, AppState>, days: i64) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| settings::set_suggestion_overdue_days(c, days)))
        .await
}
