//! The app's state: the one open ledger behind a mutex, or why it could not be opened.

use crate::error::IpcError;
use ledger::paths::Source;
use ledger::{settings, Lang, Ledger};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

pub struct AppState {
    ledger: Arc<Mutex<Option<Ledger>>>,
    /// Why the ledger is not open, kept in both languages for the start-up screen.
    open_error: Option<(String, String, String)>,
    lang: Mutex<Lang>,
    pub data_dir: PathBuf,
    pub source: Source,
}

impl AppState {
    pub fn open(data_dir: PathBuf, source: Source) -> AppState {
        let (ledger, open_error, lang) = match Ledger::open_dir(&data_dir) {
            Ok(ledger) => {
                let lang = settings::load(ledger.conn())
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
        let guard = self.ledger.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(ledger) = guard.as_ref() {
            let keep = settings::load(ledger.conn())
                .map(|s| s.backup_keep as usize)
                .unwrap_or(10);
            if let Err(e) = ledger::backup::auto_backup(ledger, keep) {
                eprintln!("automatic backup failed: {}", e.message(Lang::En));
            }
        }
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
