//! Where the ledger lives. In order: `--data-dir`, `BRANCH_LEDGER_DATA_DIR`, portable mode (a file named
//! `portable` beside the executable keeps the data in `data/` beside it, for running from a USB stick),
//! then the operating system's per-user data folder.

use std::path::{Path, PathBuf};

pub const ENV_VAR: &str = "BRANCH_LEDGER_DATA_DIR";
pub const APP_DIR: &str = "branch-ledger";
pub const PORTABLE_MARKER: &str = "portable";

/// How the data directory was chosen, shown on the settings screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    Argument,
    Environment,
    Portable,
    Default,
}

pub fn resolve(argument: Option<PathBuf>) -> (PathBuf, Source) {
    if let Some(dir) = argument {
        return (dir, Source::Argument);
    }
    if let Some(dir) = std::env::var_os(ENV_VAR).filter(|v| !v.is_empty()) {
        return (PathBuf::from(dir), Source::Environment);
    }
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    if let Some(dir) = exe_dir.filter(|d| d.join(PORTABLE_MARKER).is_file()) {
        return (dir.join("data"), Source::Portable);
    }
    let base = dirs::data_dir().unwrap_or_else(|| PathBuf::from("."));
    (base.join(APP_DIR), Source::Default)
}

/// Reads `--data-dir DIR` or `--data-dir=DIR` from a list of arguments, ignoring anything else.
pub fn data_dir_argument<I: IntoIterator<Item = String>>(args: I) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(dir) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(dir));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argument_wins_and_both_spellings_work() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            data_dir_argument(args(&["app", "--data-dir", "/x"])),
            Some("/x".into())
        );
        assert_eq!(
            data_dir_argument(args(&["app", "--data-dir=/y"])),
            Some("/y".into())
        );
        assert_eq!(data_dir_argument(args(&["app", "--other"])), None);
        let (dir, source) = resolve(Some("/z".into()));
        assert_eq!((dir, source), (PathBuf::from("/z"), Source::Argument));
    }
}
