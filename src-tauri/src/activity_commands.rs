//! IPC commands for the activity log (组织生活). Each is one `ledger` call.

use crate::error::IpcError;
use crate::state::AppState;
use ledger::activities::{
    self, Activity, ActivityInput, ActivityKind, ActivityPage, ActivityQuery, Campaign,
    CampaignInput, ExpectedPerson, Project, ProjectInput, Rate,
};
use ledger::dates;
use ledger::Field;
use serde::Serialize;
use tauri::State;

type Reply<T> = Result<T, IpcError>;

#[derive(Serialize)]
pub struct ActivitiesOverview {
    pub campaigns: Vec<Campaign>,
    pub projects: Vec<Project>,
}

#[tauri::command]
pub async fn activities_overview(state: State<'_, AppState>) -> Reply<ActivitiesOverview> {
    state
        .run(|l, _| {
            Ok(ActivitiesOverview {
                campaigns: activities::campaigns(l.conn())?,
                projects: activities::projects(l.conn())?,
            })
        })
        .await
}

#[tauri::command]
pub async fn activities_list(
    state: State<'_, AppState>,
    query: ActivityQuery,
) -> Reply<ActivityPage> {
    state
        .run(move |l, _| activities::list(l.conn(), &query))
        .await
}

#[tauri::command]
pub async fn activity_get(state: State<'_, AppState>, id: i64) -> Reply<Activity> {
    state.run(move |l, _| activities::get(l.conn(), id)).await
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
            activities::expected(l.conn(), kind, date, party_group_id, with_prospects)
        })
        .await
}

/// A person's participation: their activities of a year and their attendance rate in it.
#[derive(Serialize)]
pub struct Participation {
    pub year: i32,
    pub rate: Rate,
    pub activities: ActivityPage,
}

#[tauri::command]
pub async fn person_participation(
    state: State<'_, AppState>,
    person_id: i64,
    year: i32,
) -> Reply<Participation> {
    state
        .run(move |l, _| {
            let query = ActivityQuery {
                person_id: Some(person_id),
                year: Some(year),
                limit: Some(200),
                ..Default::default()
            };
            Ok(Participation {
                year,
                rate: activities::rate_of_person(l.conn(), person_id, year)?,
                activities: activities::list(l.conn(), &query)?,
            })
        })
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
