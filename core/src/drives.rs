//! Removable drives (U盘) mounted now, offered first as backup targets.

use serde::Serialize;
use std::path::{Path, PathBuf};
use sysinfo::Disks;

/// The folder made on a drive for the backups.
pub const FOLDER: &str = "支部台账备份";

#[derive(Debug, Clone, Serialize)]
pub struct Drive {
    /// Where the drive is mounted (`/media/user/KINGSTON`, `E:\`, `/Volumes/USB`).
    pub mount: String,
    pub label: String,
    /// The backup folder on it.
    pub folder: String,
    pub free_bytes: u64,
}

/// Mounted drives that are removable, or mounted where desktops put removable media.
pub fn removable() -> Vec<Drive> {
    // A machine whose disks cannot be listed just offers no drives; the folder picker still works.
    let Ok(disks) = Disks::new_with_refreshed_list() else {
        return Vec::new();
    };
    let mut drives: Vec<Drive> = disks
        .iter()
        .filter(|d| d.is_removable() || is_media_mount(d.mount_point()))
        .map(|d| {
            let mount = d.mount_point().to_path_buf();
            let label = mount
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_else(|| d.name().to_string_lossy().to_string());
            Drive {
                folder: folder_on(&mount).display().to_string(),
                mount: mount.display().to_string(),
                label,
                free_bytes: d.available_space(),
            }
        })
        .collect();
    drives.sort_by(|a, b| a.mount.cmp(&b.mount));
    drives.dedup_by(|a, b| a.mount == b.mount);
    drives
}

fn is_media_mount(mount: &Path) -> bool {
    ["/media/", "/run/media/", "/Volumes/"]
        .iter()
        .any(|p| mount.starts_with(p))
}

pub fn folder_on(mount: &Path) -> PathBuf {
    mount.join(FOLDER)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_drives_never_fails_and_each_offers_its_backup_folder() {
        for drive in removable() {
            assert!(
                Path::new(&drive.folder).starts_with(&drive.mount),
                "{drive:?}"
            );
            assert!(drive.folder.ends_with(FOLDER), "{drive:?}");
        }
    }

    #[test]
    fn desktop_media_folders_count_as_removable() {
        assert!(is_media_mount(Path::new("/media/wu/KINGSTON")));
        assert!(is_media_mount(Path::new("/run/media/wu/U盘")));
        assert!(is_media_mount(Path::new("/Volumes/USB")));
        assert!(!is_media_mount(Path::new("/home/wu")));
    }

    #[cfg(windows)]
    #[test]
    fn a_windows_drive_gets_the_folder_at_its_root() {
        assert_eq!(
            folder_on(Path::new("E:\\")),
            PathBuf::from("E:\\支部台账备份")
        );
    }
}
