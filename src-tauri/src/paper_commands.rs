//! IPC commands for the papers: an activity's record page (会议记录) and sign-in sheet (签到表), and
//! the 台账 binder of a range, written as Word or PDF off the UI thread (with `export-progress`
//! events), or as a page the window prints. The papers are built in `ledger::activities::papers`
//! and `ledger::binder`; these only pass the calls on (and ask where to save).

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;
use ledger::activities::papers::{self, ActivityPaper};
use ledger::document::{self, Doc, PaperFormat};
use ledger::summary::Range;
use tauri::{AppHandle, State};

type Reply<T> = Result<T, IpcError>;

/// Asks where to save `name`, then writes `doc` there off the UI thread; `None` when cancelled.
async fn save(
    app: AppHandle,
    state: State<'_, AppState>,
    doc: Doc,
    format: PaperFormat,
    name: String,
) -> Reply<Option<String>> {
    dialogs::save_as(&app, &state, name, move |path, _, progress| {
        document::write(&doc, format, path, progress)
    })
    .await
}

/// Writes activity `id`'s `paper` (`record` or `sign_in`) as `format` (`docx` or `pdf`).
#[tauri::command]
pub async fn activity_paper_export(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
    paper: String,
    format: String,
) -> Reply<Option<String>> {
    let (doc, format, name) = state
        .run(move |l, lang| {
            let kind = ActivityPaper::parse_required(&paper)?;
            let format = PaperFormat::parse(&format)?;
            let doc = papers::paper(l.read(), id, kind, lang)?;
            let name = papers::file_name(l.read(), id, kind, format.code(), lang)?;
            Ok((doc, format, name))
        })
        .await?;
    save(app, state, doc, format, name).await
}

/// Activity `id`'s `paper` as a page for the window to print.
#[tauri::command]
pub async fn activity_paper_html(
    state: State<'_, AppState>,
    id: i64,
    paper: String,
) -> Reply<String> {
    state
        .run(move |l, lang| {
            let kind = ActivityPaper::parse_required(&paper)?;
            Ok(document::html(&papers::paper(l.read(), id, kind, lang)?))
        })
        .await
}

/// Writes the binder of `from`–`to` as `format` (`docx` or `pdf`).
#[tauri::command]
pub async fn binder_export(
    app: AppHandle,
    state: State<'_, AppState>,
    from: String,
    to: String,
    format: String,
) -> Reply<Option<String>> {
    let (doc, format, name) = state
        .run(move |l, lang| {
            let range = Range::new(&from, &to)?;
            let format = PaperFormat::parse(&format)?;
            let doc = ledger::binder::binder(l.read(), &range, lang, &mut |_| {})?;
            Ok((
                doc,
                format,
                ledger::binder::file_name(&range, format.code(), lang),
            ))
        })
        .await?;
    save(app, state, doc, format, name).await
}
