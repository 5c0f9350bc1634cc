//! IPC commands for the annual summary (年度工作总结): the ranges to choose from, the summary as the
//! window draws it (the exports' own sections, `ledger::summary::export::view`),
//! the secretary's narratives, and exports (Word, Excel, CSV, HTML, JSON) written off the UI thread
//! with `export-progress` events. The queries and rules are in `ledger::summary`; these only pass the
//! calls on (and ask where to save).

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;
use ledger::summary::export::{self, Format, View};
use ledger::summary::{self, Range, Ranges};
use ledger::Lang;
use tauri::{AppHandle, State};

type Reply<T> = Result<T, IpcError>;

/// The years that hold records (from the first stage change to this year) and the committee terms.
#[tauri::command]
pub async fn summary_ranges(state: State<'_, AppState>) -> Reply<Ranges> {
    state.run(|l, _| summary::ranges(l.read())).await
}

/// The summary of `from`–`to` as the window draws it, in `lang` (`zh` or `en`; the app's language
/// otherwise): the sections the exports are drawn from.
#[tauri::command]
pub async fn summary_view(
    state: State<'_, AppState>,
    from: String,
    to: String,
    lang: String,
) -> Reply<View> {
    state
        .run(move |l, app_lang| {
            let summary = summary::compute(l.read(), &Range::new(&from, &to)?)?;
            Ok(export::view(
                &summary,
                Lang::parse(&lang).unwrap_or(app_lang),
            ))
        })
        .await
}

#[tauri::command]
pub async fn summary_note_save(
    state: State<'_, AppState>,
    from: String,
    to: String,
    section: String,
    text: String,
) -> Reply<()> {
    state
        .run(move |l, _| {
            let range = Range::new(&from, &to)?;
            l.write(|c| summary::save_note(c, &range, &section, &text))
        })
        .await
}

/// Asks where to save, then writes the export off the UI thread; `None` when the secretary cancels.
#[tauri::command]
pub async fn summary_export(
    app: AppHandle,
    state: State<'_, AppState>,
    from: String,
    to: String,
    format: String,
) -> Reply<Option<String>> {
    let (summary, format) = state
        .run(move |l, _| {
            let format = Format::parse(&format)?;
            Ok((
                summary::compute(l.read(), &Range::new(&from, &to)?)?,
                format,
            ))
        })
        .await?;
    let lang = state.lang();
    let name = export::file_name(&summary, format, lang);
    dialogs::save_as(&app, &state, name, move |path, lang, progress| {
        export::write(&summary, format, path, lang, progress)
    })
    .await
}
