//! IPC commands for the activity log (组织生活). Each is one `ledger` call.

use crate::error::IpcError;
use crate::state::AppState;
use ledger::activities::{
    self, Activity, ActivityInput, ActivityKind, ActivityPage, ActivityQuery, CampaignInput,
    ExpectedPerson, ProjectInput,
};
use ledger::dates;
use ledger::overview;
use ledger::Field;
use tauri::State;

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn activities_overview(state: State<'_, AppState>) -> Reply<overview::Activities> {
    state.run(|l, _| overview::activities(l.read())).await
}

#[tauri::command]
pub async fn activities_list(
    state: State<'_, AppState>,
    query: ActivityQuery,
) -> Reply<ActivityPage> {
    state
        .run(move |l, _| activities::list(l.read(), &query))
        .await
}

#[tauri::command]
pub async fn activity_get(state: State<'_, AppState>, id: i64) -> Reply<Activity> {
    state.run(move |l, _| activities::get(l.read(), id)).await
}

#[tauri::command]
pub async fn activity_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: ActivityInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| activities::save(c, id, &input)))
        .await
}

/// Who the roster expects for an activity of `kind` on `date` (the attendance list to start from).
#[tauri::command]
pub async fn activity_expected(
    state: State<'_, AppState>,
    kind: String,
    date: String,
    party_group_id: Option<i64>,
    with_prospects: bool,
) -> Reply<Vec<ExpectedPerson>> {
    state
        .run(move |l, _| {
            let kind = ActivityKind::parse_required(&kind)?;
            let date = dates::parse(Field::Date, &date)?;
            activities::expected(l.read(), kind, date, party_group_id, with_prospects)
        })
        .await
}

/// A person's participation: their activities of a year and their attendance rate in it.
#[tauri::command]
pub async fn person_participation(
    state: State<'_, AppState>,
    person_id: i64,
    year: i32,
) -> Reply<overview::Participation> {
    state
        .run(move |l, _| overview::participation(l.read(), person_id, year))
        .await
}

#[tauri::command]
pub async fn campaign_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: CampaignInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| activities::campaign_save(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn project_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: ProjectInput,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| activities::project_save(c, id, &input)))
        .await
}
