//! Attachments (附件): files kept inside the ledger as BLOBs, so that one file is the whole ledger.
//! Bulletin issues hold their published piece (poster, PDF); activities will hold notices, minutes,
//! sign-in sheets and photos the same way.

use crate::codes::code_enum;
use crate::text;
use crate::{Error, Field, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// Large enough for a scanned sign-in sheet or a poster, small enough to keep backups quick.
pub const MAX_BYTES: u64 = 20 * 1024 * 1024;

code_enum!(AttachmentKind, Field::AttachmentKind, {
    Published => "published", "刊发稿", "published piece";
    Notice => "notice", "通知", "notice";
    Minutes => "minutes", "纪要", "minutes";
    Resolution => "resolution", "决议", "resolution";
    SignIn => "sign_in", "签到表", "sign-in sheet";
    Photo => "photo", "现场照片", "photo";
    Slides => "slides", "课件", "slides";
    Cover => "cover", "封面", "cover";
    Certificate => "certificate", "证书", "certificate";
    Receipt => "receipt", "收据", "receipt";
    ApplicationLetter => "application_letter", "入党申请书", "application letter";
    ThoughtReport => "thought_report", "思想汇报", "thought report";
    AssessmentForm => "assessment_form", "考察登记表", "assessment form";
    ReviewMaterial => "review_material", "政审材料", "review material";
    ApplicationForm => "application_form", "入党志愿书", "application form";
    Other => "other", "其他", "other";
});

// The record types that can hold attachments, with the table that must hold the owner.
code_enum!(Owner, Field::File, {
    BulletinIssue => "bulletin_issue", "宣传期次", "bulletin issue";
    Activity => "activity", "活动", "activity";
    BookTitle => "book_title", "书目", "book title";
    Honour => "honour", "荣誉", "honour";
    DuesHandover => "dues_handover", "党费上缴", "dues hand-over";
    AdmissionStep => "admission_step", "发展党员步骤", "admission step";
});

impl Owner {
    fn table(self) -> &'static str {
        match self {
            Owner::BulletinIssue => "bulletin_issues",
            Owner::Activity => "activities",
            Owner::BookTitle => "book_titles",
            Owner::Honour => "honours",
            Owner::DuesHandover => "dues_handovers",
            Owner::AdmissionStep => "admission_steps",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Attachment {
    pub id: i64,
    pub kind: AttachmentKind,
    pub file_name: String,
    pub mime: String,
    pub size: i64,
    pub created_at: String,
}

/// The media type from the file name's extension (what a viewer needs to show it).
pub fn mime_for(file_name: &str) -> &'static str {
    let ext = file_name
        .rsplit('.')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "pdf" => "application/pdf",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls" => "application/vnd.ms-excel",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ppt" => "application/vnd.ms-powerpoint",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "txt" => "text/plain",
        _ => UNKNOWN_TYPE,
    }
}

const UNKNOWN_TYPE: &str = "application/octet-stream";

/// Stores a file for a live owner record.
pub fn add(
    conn: &Connection,
    owner: Owner,
    owner_id: i64,
    kind: &str,
    file_name: &str,
    data: &[u8],
) -> Result<i64> {
    let kind = AttachmentKind::parse_required(kind)?;
    let file_name = text::required(Field::File, file_name, 200)?;
    if mime_for(&file_name) == UNKNOWN_TYPE {
        let ext = file_name
            .rsplit_once('.')
            .map(|(_, e)| e)
            .unwrap_or("")
            .to_string();
        return Err(Error::Unknown {
            field: Field::File,
            value: ext,
        });
    }
    if data.len() as u64 > MAX_BYTES {
        return Err(Error::TooLarge {
            size: data.len() as u64,
            max: MAX_BYTES,
        });
    }
    let sql = format!(
        "SELECT id FROM {} WHERE id = ?1 AND deleted_at IS NULL",
        owner.table()
    );
    let live: Option<i64> = conn.query_row(&sql, [owner_id], |r| r.get(0)).optional()?;
    if live.is_none() {
        return Err(Error::NotFound {
            what: "record",
            id: owner_id,
        });
    }
    let now = crate::dates::now();
    conn.execute(
        "INSERT INTO attachments (owner_kind, owner_id, kind, file_name, mime, size, data, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![owner.code(), owner_id, kind.code(), file_name, mime_for(&file_name), data.len() as i64, data, now],
    )?;
    Ok(conn.last_insert_rowid())
}

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Attachment> {
    let kind: String = r.get(1)?;
    Ok(Attachment {
        id: r.get(0)?,
        kind: AttachmentKind::parse(&kind).unwrap_or(AttachmentKind::Other),
        file_name: r.get(2)?,
        mime: r.get(3)?,
        size: r.get(4)?,
        created_at: r.get(5)?,
    })
}

pub fn list(conn: &Connection, owner: Owner, owner_id: i64) -> Result<Vec<Attachment>> {
    let mut stmt = conn.prepare(
        "SELECT id, kind, file_name, mime, size, created_at FROM attachments
         WHERE owner_kind = ?1 AND owner_id = ?2 AND deleted_at IS NULL ORDER BY id",
    )?;
    let rows = stmt.query_map(params![owner.code(), owner_id], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A live attachment's details and bytes.
pub fn get(conn: &Connection, id: i64) -> Result<(Attachment, Vec<u8>)> {
    conn.query_row(
        "SELECT id, kind, file_name, mime, size, created_at, data FROM attachments WHERE id = ?1 AND deleted_at IS NULL",
        [id],
        |r| Ok((from_row(r)?, r.get(6)?)),
    )
    .optional()?
    .ok_or(Error::NotFound { what: "attachment", id })
}
