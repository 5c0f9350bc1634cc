//! IPC commands: each turns a call from the window into one `ledger` call. No rules live here.

use crate::error::IpcError;
use crate::state::AppState;
use ledger::committee::{self, Term, TermInput};
use ledger::groups::{self, Group, GroupInput};
use ledger::people::{
    self, NewPerson, PersonDetail, PersonInput, PersonName, PersonPage, PersonQuery,
    StageChangeInput, TransferInput,
};
use ledger::trash::{self, Kind, TrashItem};
use ledger::{info, overview, settings, Lang};
use serde::Serialize;
use std::collections::BTreeMap;
use tauri::State;

type Reply<T> = Result<T, IpcError>;

/// What the window needs to know before it draws anything.
#[derive(Serialize)]
pub struct Status {
    pub error: Option<IpcError>,
    pub data_dir: String,
    pub data_source: ledger::paths::Source,
    pub language: Lang,
    pub first_run: bool,
    /// The ledger holds the demo branch (Settings offers to clear it).
    pub demo: bool,
    pub term_years: i64,
    /// The branch's name (the papers' covers); "" until set.
    pub branch_name: String,
    /// The window's zoom in percent.
    pub zoom: i64,
    pub app_version: &'static str,
}

/// Every coded value with its code and both labels, so the window labels stages, kinds and states
/// exactly as the exports and error messages do.
#[tauri::command]
pub fn vocabulary() -> BTreeMap<&'static str, Vec<ledger::codes::Term>> {
    ledger::vocabulary::all()
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Reply<Status> {
    let lang = state.lang();
    let mut status = Status {
        error: state.open_error(lang),
        data_dir: state.data_dir.display().to_string(),
        data_source: state.source,
        language: lang,
        first_run: false,
        demo: false,
        term_years: 3,
        branch_name: String::new(),
        zoom: 100,
        app_version: env!("CARGO_PKG_VERSION"),
    };
    if status.error.is_none() {
        let (s, empty) = state
            .run(|l, _| {
                Ok((
                    settings::load(l.read())?,
                    people::counts(l.read())? == Default::default(),
                ))
            })
            .await?;
        status.first_run = !s.first_run_done && empty;
        status.demo = s.demo;
        status.term_years = s.term_years;
        status.branch_name = s.branch_name;
        status.zoom = s.zoom;
    }
    Ok(status)
}

#[tauri::command]
pub async fn set_zoom(state: State<'_, AppState>, percent: i64) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| settings::set_zoom(c, percent)))
        .await
}

#[tauri::command]
pub async fn set_language(state: State<'_, AppState>, language: String) -> Reply<Lang> {
    if state.open_error(state.lang()).is_some() {
        let lang = Lang::parse(&language).unwrap_or_default();
        state.set_lang(lang);
        return Ok(lang);
    }
    let lang = state
        .run(move |l, _| l.write(|c| settings::set_language(c, &language)))
        .await?;
    state.set_lang(lang);
    Ok(lang)
}

/// The first-run choice: load the demo branch, or start with an empty ledger.
#[tauri::command]
pub async fn first_run_choice(state: State<'_, AppState>, demo: bool) -> Reply<()> {
    state
        .run(move |l, _| {
            if demo {
                ledger::demo::load(l)
            } else {
                l.write(settings::mark_first_run_done)
            }
        })
        .await
}

/// "清空示例，开始使用": keeps the demo as a copy beside the ledger and starts an empty one.
#[tauri::command]
pub async fn demo_clear(state: State<'_, AppState>) -> Reply<ledger::demo::Cleared> {
    state.run_slot(ledger::demo::clear).await
}

#[tauri::command]
pub async fn roster_overview(state: State<'_, AppState>) -> Reply<overview::Roster> {
    state
        .run(|l, _| overview::roster(l.read(), chrono::Local::now().naive_local()))
        .await
}

/// One page of the roster table.
#[tauri::command]
pub async fn people_list(state: State<'_, AppState>, query: PersonQuery) -> Reply<PersonPage> {
    state.run(move |l, _| people::list(l.read(), &query)).await
}

/// Everyone, unpaged and in pinyin order, for the pickers of other screens.
#[tauri::command]
pub async fn people_names(
    state: State<'_, AppState>,
    include_left: bool,
) -> Reply<Vec<PersonName>> {
    state
        .run(move |l, _| people::names(l.read(), include_left))
        .await
}

#[tauri::command]
pub async fn person_get(state: State<'_, AppState>, id: i64) -> Reply<PersonDetail> {
    state
        .run(move |l, lang| people::get(l.read(), id, lang))
        .await
}

#[tauri::command]
pub async fn person_add(state: State<'_, AppState>, input: NewPerson) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| people::add(c, &input)))
        .await
}

#[tauri::command]
pub async fn person_update(state: State<'_, AppState>, id: i64, input: PersonInput) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| people::update(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn person_change_stage(
    state: State<'_, AppState>,
    id: i64,
    input: StageChangeInput,
) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| people::change_stage(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn person_transfer(
    state: State<'_, AppState>,
    id: i64,
    input: TransferInput,
) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| people::transfer(c, id, &input)))
        .await
}

#[tauri::command]
pub async fn groups_list(state: State<'_, AppState>) -> Reply<Vec<Group>> {
    state.run(|l, _| groups::list(l.read())).await
}

#[tauri::command]
pub async fn group_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: GroupInput,
) -> Reply<i64> {
    state
        .run(move |l, _| {
            l.write(|c| match id {
                Some(id) => groups::update(c, id, &input).map(|()| id),
                None => groups::add(c, &input),
            })
        })
        .await
}

#[derive(Serialize)]
pub struct Terms {
    pub terms: Vec<Term>,
    pub next_ordinal: i64,
}

#[tauri::command]
pub async fn terms_list(state: State<'_, AppState>) -> Reply<Terms> {
    state
        .run(|l, _| {
            Ok(Terms {
                terms: committee::list(l.read())?,
                next_ordinal: committee::next_ordinal(l.read())?,
            })
        })
        .await
}

#[tauri::command]
pub async fn term_save(
    state: State<'_, AppState>,
    id: Option<i64>,
    input: TermInput,
) -> Reply<i64> {
    state
        .run(move |l, _| {
            l.write(|c| match id {
                Some(id) => committee::update(c, id, &input).map(|()| id),
                None => committee::add(c, &input),
            })
        })
        .await
}

#[tauri::command]
pub async fn seat_add(
    state: State<'_, AppState>,
    term_id: i64,
    person_id: i64,
    position: String,
) -> Reply<i64> {
    state
        .run(move |l, _| l.write(|c| committee::appoint(c, term_id, person_id, &position)))
        .await
}

#[tauri::command]
pub async fn seat_remove(state: State<'_, AppState>, seat_id: i64) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| committee::remove_seat(c, seat_id)))
        .await
}

#[tauri::command]
pub async fn trash_list(state: State<'_, AppState>) -> Reply<Vec<TrashItem>> {
    state.run(|l, lang| trash::list(l.read(), lang)).await
}

#[tauri::command]
pub async fn trash_move(state: State<'_, AppState>, kind: Kind, id: i64) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| trash::move_to_trash(c, kind, id)))
        .await
}

#[tauri::command]
pub async fn trash_restore(state: State<'_, AppState>, kind: Kind, id: i64) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| trash::restore(c, kind, id)))
        .await
}

#[tauri::command]
pub async fn trash_purge(state: State<'_, AppState>, kind: Kind, id: i64) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| trash::purge(c, kind, id)))
        .await
}

#[tauri::command]
pub async fn set_term_years(state: State<'_, AppState>, years: i64) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| settings::set_term_years(c, years)))
        .await
}

/// Sets the branch's name; returns it as stored (trimmed).
#[tauri::command]
pub async fn set_branch_name(state: State<'_, AppState>, name: String) -> Reply<String> {
    state
        .run(move |l, _| l.write(|c| settings::set_branch_name(c, &name)))
        .await
}

#[tauri::command]
pub async fn ledger_info(state: State<'_, AppState>) -> Reply<info::Info> {
    state.run(|l, _| info::info(l)).await
}
