//! What a ledger file holds: its path, schema version and counts per record type (`ledger info`).

use crate::{Ledger, Result};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub table: &'static str,
    pub label_zh: &'static str,
    pub label_en: &'static str,
    /// Live records (not in the trash).
    pub live: i64,
    pub trashed: i64,
}

impl Count {
    /// What the secretary calls these records, in `lang`.
    pub fn label(&self, lang: crate::Lang) -> &'static str {
        lang.pick(self.label_zh, self.label_en)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Info {
    pub path: String,
    pub schema_version: i64,
    pub app_version: &'static str,
    /// The licence the app is released under (the workspace's, also in `LICENSE`).
    pub licence: &'static str,
    pub counts: Vec<Count>,
}

/// What the secretary calls the records of `table` (its own name for a table no screen shows alone).
pub fn label(table: &str, lang: crate::Lang) -> String {
    TABLES
        .iter()
        .find(|t| t.0 == table)
        .map(|t| lang.pick(t.1, t.2).to_string())
        .unwrap_or_else(|| table.to_string())
}

/// Record types with the table that holds them; `true` where the table has a trash column.
const TABLES: &[(&str, &str, &str, bool)] = &[
    ("people", "人员", "people", true),
    ("stage_changes", "身份变动", "stage changes", false),
    ("transfers", "组织关系转接", "transfers", false),
    ("party_groups", "党小组", "party groups", true),
    ("committee_terms", "支委会届次", "committee terms", true),
    ("committee_positions", "支委职务", "committee posts", false),
    ("bulletin_series", "宣传栏目", "bulletin series", true),
    ("bulletin_issues", "宣传期次", "bulletin issues", true),
    ("suggestions", "群众意见", "suggestions", true),
    ("attachments", "附件", "attachments", true),
    ("activities", "组织生活", "activities", true),
    ("attendance", "出席记录", "attendance records", false),
    ("campaigns", "主题教育", "campaigns", true),
    ("special_projects", "特色活动", "special projects", true),
    ("book_titles", "书目", "book titles", true),
    ("book_copies", "图书（册）", "book copies", true),
    ("loans", "借阅记录", "loans", false),
    ("stocktakes", "盘点", "stocktakes", false),
    ("honours", "荣誉", "honours", true),
    ("appraisals", "民主评议", "appraisals", true),
    ("admission_steps", "发展党员步骤", "admission steps", true),
    ("dues_rule_sets", "党费标准", "dues rules", false),
    ("dues_rules", "党费标准分档", "dues rule brackets", false),
    ("dues_bases", "党费基数", "dues bases", true),
    ("dues_payments", "党费缴纳", "dues payments", true),
    ("dues_handovers", "党费上缴", "dues hand-overs", true),
];

pub fn info(ledger: &Ledger) -> Result<Info> {
    Ok(Info {
        path: ledger.path().display().to_string(),
        schema_version: ledger.schema_version()?,
        app_version: env!("CARGO_PKG_VERSION"),
        licence: env!("CARGO_PKG_LICENSE"),
        counts: counts(ledger.read())?,
    })
}

/// Live and trashed records per record type (tables a file of an older version lacks count as 0).
pub fn counts(conn: &rusqlite::Connection) -> Result<Vec<Count>> {
    let mut counts = Vec::new();
    for &(table, label_zh, label_en, has_trash) in TABLES {
        let exists: bool = conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [table],
            |r| r.get(0),
        )?;
        let (live, trashed) = if !exists {
            (0, 0)
        } else if has_trash {
            conn.query_row(
                &format!("SELECT count(*) FILTER (WHERE deleted_at IS NULL), count(*) FILTER (WHERE deleted_at IS NOT NULL) FROM {table}"),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
        } else {
            (
                conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?,
                0,
            )
        };
        counts.push(Count {
            table,
            label_zh,
            label_en,
            live,
            trashed,
        });
    }
    Ok(counts)
}
