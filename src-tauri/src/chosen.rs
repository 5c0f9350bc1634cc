//! The places the window may name for backups: folders and files the secretary chose in the system's
//! dialogs, and those the app itself offered (plugged-in USB sticks, the remembered target, the folder
//! of the daily copies). A path the webview makes up is refused: backups read and write only where the
//! secretary pointed.

use crate::error::IpcError;
use ledger::Lang;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};

#[derive(Default)]
pub struct Chosen {
    folders: Mutex<BTreeSet<PathBuf>>,
    files: Mutex<BTreeSet<PathBuf>>,
}

impl Chosen {
    pub fn offer_folder(&self, folder: impl Into<PathBuf>) {
        lock(&self.folders).insert(folder.into());
    }

    pub fn offer_file(&self, file: impl Into<PathBuf>) {
        lock(&self.files).insert(file.into());
    }

    /// `folder`, when it was chosen or offered.
    pub fn folder(&self, folder: &str, lang: Lang) -> Result<PathBuf, IpcError> {
        let path = PathBuf::from(folder);
        match lock(&self.folders).contains(&path) {
            true => Ok(path),
            false => Err(not_chosen(lang)),
        }
    }

    /// `file`, when it was chosen, or lies in a folder that was.
    pub fn file(&self, file: &str, lang: Lang) -> Result<PathBuf, IpcError> {
        let path = PathBuf::from(file);
        let in_folder = path
            .parent()
            .is_some_and(|dir| lock(&self.folders).contains(dir));
        match in_folder || lock(&self.files).contains(&path) {
            true => Ok(path),
            false => Err(not_chosen(lang)),
        }
    }
}

fn lock(set: &Mutex<BTreeSet<PathBuf>>) -> std::sync::MutexGuard<'_, BTreeSet<PathBuf>> {
    set.lock().unwrap_or_else(PoisonError::into_inner)
}

fn not_chosen(lang: Lang) -> IpcError {
    IpcError {
        code: "not_chosen".into(),
        message: lang
            .pick(
                "请先插入U盘，或点「选择文件夹…」「从文件恢复…」选好位置或文件。",
                "Plug in a USB stick, or choose a place or a file with \"Choose a folder…\" or \"Restore from a file…\" first.",
            )
            .into(),
        field: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_chosen_or_offered_places_pass() {
        let chosen = Chosen::default();
        assert_eq!(
            chosen.folder("/etc", Lang::Zh).unwrap_err().code,
            "not_chosen"
        );
        chosen.offer_folder("/media/wu/KINGSTON/支部台账备份");
        assert!(chosen
            .folder("/media/wu/KINGSTON/支部台账备份", Lang::Zh)
            .is_ok());
        // A backup in a chosen folder, or a file chosen on its own; nothing else.
        assert!(chosen
            .file(
                "/media/wu/KINGSTON/支部台账备份/branch-ledger-20261202-080000.sqlite3",
                Lang::Zh
            )
            .is_ok());
        assert!(chosen.file("/home/wu/.ssh/id_rsa", Lang::En).is_err());
        chosen.offer_file("/home/wu/下载/branch-ledger-20261101-080000.sqlite3.age");
        assert!(chosen
            .file(
                "/home/wu/下载/branch-ledger-20261101-080000.sqlite3.age",
                Lang::Zh
            )
            .is_ok());
        let refused = chosen.folder("/home/wu", Lang::En).unwrap_err();
        assert!(refused.message.contains("USB stick"), "{}", refused.message);
    }
}
