//! IPC commands for attachments: add a file, list with image previews, view full size, and export
//! back to a file.

use crate::dialogs;
use crate::error::IpcError;
use crate::state::AppState;
use base64::Engine;
use ledger::attachments::{self, Attachment, Owner};
use serde::Serialize;
use tauri::{AppHandle, State};

type Reply<T> = Result<T, IpcError>;

/// Images up to this size get an inline preview in the list.
const PREVIEW_MAX: i64 = 8 * 1024 * 1024;

#[derive(Serialize)]
pub struct Listed {
    #[serde(flatten)]
    pub attachment: Attachment,
    /// A `data:` URL for images, so the window can show a thumbnail without touching the disk.
    pub preview: Option<String>,
}

fn data_url(mime: &str, bytes: &[u8]) -> String {
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

#[tauri::command]
pub async fn attachments_list(
    state: State<'_, AppState>,
    owner: String,
    owner_id: i64,
) -> Reply<Vec<Listed>> {
    state
        .run(move |l, _| {
            let owner = Owner::parse(&owner)?;
            let mut out = Vec::new();
            for a in attachments::list(l.read(), owner, owner_id)? {
                let preview = if a.mime.starts_with("image/") && a.size <= PREVIEW_MAX {
                    let (_, bytes) = attachments::get(l.read(), a.id)?;
                    Some(data_url(&a.mime, &bytes))
                } else {
                    None
                };
                out.push(Listed {
                    attachment: a,
                    preview,
                });
            }
            Ok(out)
        })
        .await
}

/// Picks a file and stores it; `None` when the secretary cancels.
#[tauri::command]
pub async fn attachment_add(
    app: AppHandle,
    state: State<'_, AppState>,
    owner: String,
    owner_id: i64,
    kind: String,
) -> Reply<Option<i64>> {
    let picked = state
        .blocking(move |_| Ok(dialogs::pick_file(&app, None)))
        .await?;
    let Some(path) = picked else { return Ok(None) };
    state
        .run(move |l, _| {
            let owner = Owner::parse(&owner)?;
            let size = std::fs::metadata(&path)?.len();
            if size > attachments::MAX_BYTES {
                return Err(ledger::Error::TooLarge {
                    size,
                    max: attachments::MAX_BYTES,
                });
            }
            let bytes = std::fs::read(&path)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            l.write(|c| attachments::add(c, owner, owner_id, &kind, &name, &bytes))
                .map(Some)
        })
        .await
}

/// The file as a `data:` URL, to show an image full size.
#[tauri::command]
pub async fn attachment_view(state: State<'_, AppState>, id: i64) -> Reply<String> {
    state
        .run(move |l, _| {
            let (a, bytes) = attachments::get(l.read(), id)?;
            Ok(data_url(&a.mime, &bytes))
        })
        .await
}

/// Writes the file back out where the secretary chooses; returns the path, or `None` on cancel.
#[tauri::command]
pub async fn attachment_export(
    app: AppHandle,
    state: State<'_, AppState>,
    id: i64,
) -> Reply<Option<String>> {
    let (attachment, bytes) = state
        .run(move |l, _| attachments::get(l.read(), id))
        .await?;
    let name = attachment.file_name.clone();
    let target = state
        .blocking(move |_| Ok(dialogs::save_file(&app, &name)))
        .await?;
    let Some(target) = target else {
        return Ok(None);
    };
    state
        .blocking(move |_| {
            std::fs::write(&target, &bytes)?;
            Ok(Some(target.display().to_string()))
        })
        .await
}
