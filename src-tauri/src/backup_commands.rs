//! IPC commands for backups: choosing a target, backing up with progress, verifying and restoring.

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;
use ledger::backup::{self, BackupOptions, BackupReport, Listed, Reminder, Restored, Verified};
use ledger::drives::{self, Drive};
use ledger::settings;
use serde::Serialize;
use tauri::{AppHandle, Emitter, State};

type Reply<T> = Result<T, IpcError>;

#[derive(Serialize)]
pub struct BackupOverview {
    pub drives: Vec<Drive>,
    pub last_target: Option<String>,
    pub last_usb_backup_at: Option<String>,
    pub reminder: Option<Reminder>,
    pub keep: i64,
    pub nag_days: i64,
    /// Where the automatic backups (on quit, once a day) go.
    pub auto_folder: String,
}

#[tauri::command]
pub async fn backup_overview(state: State<'_, AppState>) -> Reply<BackupOverview> {
    let auto_folder = backup::auto_backup_folder(&state.data_dir.join(ledger::store::FILE_NAME))
        .display()
        .to_string();
    let overview = state
        .run(move |l, _| {
            let s = settings::load(l.read())?;
            let now = chrono_now();
            Ok(BackupOverview {
                drives: drives::removable(),
                reminder: backup::reminder(s.last_usb_backup_at.as_deref(), s.backup_nag_days, now),
                last_target: s.last_backup_target,
                last_usb_backup_at: s.last_usb_backup_at,
                keep: s.backup_keep,
                nag_days: s.backup_nag_days,
                auto_folder,
            })
        })
        .await?;
    // The places the app itself offers may be named back by the window.
    for drive in &overview.drives {
        state.chosen.offer_folder(&drive.folder);
    }
    if let Some(last) = &overview.last_target {
        state.chosen.offer_folder(last);
    }
    state.chosen.offer_folder(&overview.auto_folder);
    Ok(overview)
}

fn chrono_now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

#[tauri::command]
pub async fn backup_list(state: State<'_, AppState>, folder: String) -> Reply<Vec<Listed>> {
    let folder = state.chosen.folder(&folder, state.lang())?;
    state.blocking(move |_| backup::list(&folder)).await
}

/// A folder chosen in the system's dialog; `None` when the secretary cancels.
#[tauri::command]
pub async fn pick_folder(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    let picked = state
        .blocking(move |_| Ok(dialogs::pick_folder(&app)))
        .await?;
    Ok(picked.map(|folder| {
        state.chosen.offer_folder(&folder);
        folder.display().to_string()
    }))
}

#[tauri::command]
pub async fn pick_backup_file(app: AppHandle, state: State<'_, AppState>) -> Reply<Option<String>> {
    let picked = state
        .blocking(move |lang| {
            let filter = (
                lang.pick("支部台账备份", "Branch Ledger backups"),
                &["sqlite3", "age"][..],
            );
            Ok(dialogs::pick_file(&app, Some(filter)))
        })
        .await?;
    Ok(picked.map(|file| {
        state.chosen.offer_file(&file);
        file.display().to_string()
    }))
}

/// Backs up into `target` off the UI thread, sending `backup-progress` events. The ledger stays usable
/// meanwhile: the snapshot is read through a connection of its own.
#[tauri::command]
pub async fn backup_run(
    app: AppHandle,
    state: State<'_, AppState>,
    target: String,
    passphrase: Option<String>,
    passphrase_again: Option<String>,
) -> Reply<BackupReport> {
    let (source, keep) = state
        .run(|l, _| {
            Ok((
                l.path().to_path_buf(),
                settings::load(l.read())?.backup_keep as usize,
            ))
        })
        .await?;
    let folder = state.chosen.folder(&target, state.lang())?;
    let report = state
        .blocking(move |_| {
            let pass = backup::passphrase_from(passphrase.as_deref(), passphrase_again.as_deref())?;
            let options = BackupOptions {
                passphrase: pass.as_deref(),
                keep,
                ..Default::default()
            };
            backup::backup(&source, &folder, &options, &mut |p| {
                let _ = app.emit("backup-progress", p);
            })
        })
        .await?;
    state
        .run(move |l, _| l.write(|c| settings::record_usb_backup(c, &target)))
        .await?;
    Ok(report)
}

#[tauri::command]
pub async fn backup_verify(
    state: State<'_, AppState>,
    file: String,
    passphrase: Option<String>,
) -> Reply<Verified> {
    let file = state.chosen.file(&file, state.lang())?;
    let scratch = state.data_dir.clone();
    state
        .blocking(move |_| {
            backup::verify(
                &file,
                passphrase.as_deref().filter(|p| !p.is_empty()),
                &scratch,
            )
        })
        .await
}

/// Replaces the ledger with a backup; the window reloads everything afterwards.
#[tauri::command]
pub async fn backup_restore(
    state: State<'_, AppState>,
    file: String,
    passphrase: Option<String>,
) -> Reply<Restored> {
    let file = state.chosen.file(&file, state.lang())?;
    let restored = state
        .run_slot(move |slot| {
            backup::restore(slot, &file, passphrase.as_deref().filter(|p| !p.is_empty()))
        })
        .await?;
    let lang = state
        .run(|l, _| Ok(settings::load(l.read())?.language))
        .await?;
    state.set_lang(lang);
    Ok(restored)
}

#[tauri::command]
pub async fn set_backup_rules(state: State<'_, AppState>, keep: i64, nag_days: i64) -> Reply<()> {
    state
        .run(move |l, _| l.write(|c| settings::set_backup_rules(c, keep, nag_days)))
        .await
}
