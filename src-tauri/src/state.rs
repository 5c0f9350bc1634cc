//! The app's state: the one open ledger behind a mutex, or why it could not be opened.

use crate::error::IpcError;
use ledger::paths::Source;
use ledger::{backup, settings, Lang, Ledger};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

pub struct AppState {
    ledger: Arc<Mutex<Option<Ledger>>>,
    /// Why the ledger is not open, kept in both languages for the start-up screen.
    open_error: Option<(String, String, String)>,
    lang: Mutex<Lang>,
    pub data_dir: PathBuf,
    pub source: Source,
    /// The backup places the window may name.
    pub chosen: crate::chosen::Chosen,
}

impl AppState {
    pub fn open(data_dir: PathBuf, source: Source) -> AppState {
        let (ledger, open_error, lang) = match Ledger::open_dir(&data_dir) {
            Ok(ledger) => {
                let lang = settings::load(ledger.read())
                    .map(|s| s.language)
                    .unwrap_or_default();
                (Some(ledger), None, lang)
            }
            Err(e) => (
                None,
                Some((
                    e.code().to_string(),
                    e.message(Lang::Zh),
                    e.message(Lang::En),
                )),
                Lang::Zh,
            ),
        };
        AppState {
            ledger: Arc::new(Mutex::new(ledger)),
            open_error,
            lang: Mutex::new(lang),
            data_dir,
            source,
            chosen: Default::default(),
        }
    }

    pub fn lang(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub fn set_lang(&self, lang: Lang) {
        *self.lang.lock().unwrap_or_else(PoisonError::into_inner) = lang;
    }

    pub fn open_error(&self, lang: Lang) -> Option<IpcError> {
        self.open_error.as_ref().map(|(code, zh, en)| IpcError {
            code: code.clone(),
            message: lang.pick(zh, en).to_string(),
            field: None,
        })
    }

    /// Runs work that needs no ledger (file dialogs, reading a backup) on a blocking thread.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(Lang) -> ledger::Result<T> + Send + 'static,
    {
        let lang = self.lang();
        let job = tauri::async_runtime::spawn_blocking(move || {
            work(lang).map_err(|e| IpcError::new(&e, lang))
        });
        job.await.map_err(|_| IpcError::internal(lang))?
    }

    /// Runs work that may replace the open ledger (restore) with the slot itself in hand.
    pub async fn run_slot<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Option<Ledger>) -> ledger::Result<T> + Send + 'static,
    {
        let lang = self.lang();
        let ledger = Arc::clone(&self.ledger);
        let job = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = ledger.lock().unwrap_or_else(PoisonError::into_inner);
            if guard.is_none() {
                return Err(IpcError::not_open(lang));
            }
            work(&mut guard).map_err(|e| IpcError::new(&e, lang))
        });
        job.await.map_err(|_| IpcError::internal(lang))?
    }

    /// The automatic backup on quit (at most once a day); a failure is only logged, quitting goes on.
    pub fn backup_on_quit(&self) {
        auto_backup(&self.ledger);
    }

    /// The same, in the background, for start-up.
    pub fn spawn_auto_backup(&self) {
        let ledger = Arc::clone(&self.ledger);
        std::thread::spawn(move || auto_backup(&ledger));
    }

    /// Runs ledger work on a blocking thread, off the UI and the async runtime, and turns a refusal
    /// into an `IpcError` in the user's language.
    pub async fn run<T, F>(&self, work: F) -> Result<T, IpcError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Ledger, Lang) -> ledger::Result<T> + Send + 'static,
    {
        let lang = self.lang();
        let ledger = Arc::clone(&self.ledger);
        let job = tauri::async_runtime::spawn_blocking(move || {
            let mut guard = ledger.lock().unwrap_or_else(PoisonError::into_inner);
            let ledger = guard.as_mut().ok_or_else(|| IpcError::not_open(lang))?;
            work(ledger, lang).map_err(|e| IpcError::new(&e, lang))
        });
        job.await.map_err(|_| IpcError::internal(lang))?
    }
}

/// Makes the daily automatic backup if it is due, holding the ledger only to read and record settings.
fn auto_backup(slot: &Mutex<Option<Ledger>>) {
    let due = {
        let guard = slot.lock().unwrap_or_else(PoisonError::into_inner);
        guard.as_ref().and_then(|l| {
            let keep = settings::load(l.read())
                .map(|s| s.backup_keep as usize)
                .unwrap_or(10);
            match backup::auto_backup_due(l.read()) {
                Ok(true) => Some((l.path().to_path_buf(), keep)),
                _ => None,
            }
        })
    };
    let Some((path, keep)) = due else { return };
    let options = backup::BackupOptions {
        keep,
        ..Default::default()
    };
    match backup::backup(
        &path,
        &backup::auto_backup_folder(&path),
        &options,
        &mut |_| {},
    ) {
        Ok(_) => {
            let mut guard = slot.lock().unwrap_or_else(PoisonError::into_inner);
            if let Some(l) = guard.as_mut() {
                let _ = l.write(backup::record_auto_backup);
            }
        }
        Err(e) => eprintln!("automatic backup failed: {}", e.message(Lang::En)),
    }
}
