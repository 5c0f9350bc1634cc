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
    let environment = std::env::var_os(ENV_VAR)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from);
    let exe_dir = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf));
    choose(argument, environment, exe_dir.as_deref(), default_dir())
}

/// The per-user data folder: `~/.local/share/branch-ledger`, `%APPDATA%\branch-ledger`,
/// `~/Library/Application Support/branch-ledger`.
pub fn default_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(APP_DIR)
}

/// The order of [`resolve`], apart from where its inputs come from.
fn choose(
    argument: Option<PathBuf>,
    environment: Option<PathBuf>,
    exe_dir: Option<&Path>,
    default: PathBuf,
) -> (PathBuf, Source) {
    if let Some(dir) = argument {
        return (dir, Source::Argument);
    }
    if let Some(dir) = environment {
        return (dir, Source::Environment);
    }
    if let Some(dir) = exe_dir.filter(|d| d.join(PORTABLE_MARKER).is_file()) {
        return (dir.join("data"), Source::Portable);
    }
    (default, Source::Default)
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

    #[test]
    fn environment_then_portable_marker_then_the_users_folder() {
        let exe = tempfile::tempdir().unwrap();
        let default = PathBuf::from("default");
        let env = Some(PathBuf::from("from-env"));
        assert_eq!(
            choose(None, env, Some(exe.path()), default.clone()),
            ("from-env".into(), Source::Environment)
        );
        assert_eq!(
            choose(None, None, Some(exe.path()), default.clone()),
            (default.clone(), Source::Default)
        );
        std::fs::write(exe.path().join(PORTABLE_MARKER), "").unwrap();
        assert_eq!(
            choose(None, None, Some(exe.path()), default),
            (exe.path().join("data"), Source::Portable)
        );
    }

    #[test]
    fn the_users_folder_is_the_systems_data_folder() {
        let dir = default_dir();
        assert!(dir.is_absolute(), "{}", dir.display());
        assert!(dir.ends_with(APP_DIR));
        #[cfg(windows)]
        assert!(
            dir.ends_with("AppData/Roaming/branch-ledger"),
            "{}",
            dir.display()
        );
        #[cfg(target_os = "linux")]
        assert!(
            dir.ends_with(".local/share/branch-ledger")
                || std::env::var_os("XDG_DATA_HOME").is_some()
        );
    }
}
