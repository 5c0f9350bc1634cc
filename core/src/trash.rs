//! The trash (回收站). Deleting a record only marks it; it can be listed and restored, and is erased
//! only by a second, explicit purge. A record that others still point at cannot go to the trash.

use crate::{dates, groups, people, Error, Field, Lang, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// The record types that can go to the trash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Person,
    PartyGroup,
    CommitteeTerm,
    BulletinSeries,
    BulletinIssue,
    Suggestion,
    Attachment,
    Activity,
    Campaign,
    SpecialProject,
    BookTitle,
    BookCopy,
    Honour,
    DuesBase,
    DuesPayment,
    DuesHandover,
    Appraisal,
    AdmissionStep,
}

impl Kind {
    const ALL: [Kind; 18] = [
        Kind::Person,
        Kind::PartyGroup,
        Kind::CommitteeTerm,
        Kind::BulletinSeries,
        Kind::BulletinIssue,
        Kind::Suggestion,
        Kind::Attachment,
        Kind::Activity,
        Kind::Campaign,
        Kind::SpecialProject,
        Kind::BookTitle,
        Kind::BookCopy,
        Kind::Honour,
        Kind::DuesBase,
        Kind::DuesPayment,
        Kind::DuesHandover,
        Kind::Appraisal,
        Kind::AdmissionStep,
    ];

    fn table(self) -> &'static str {
        match self {
            Kind::Person => "people",
            Kind::PartyGroup => "party_groups",
            Kind::CommitteeTerm => "committee_terms",
            Kind::BulletinSeries => "bulletin_series",
            Kind::BulletinIssue => "bulletin_issues",
            Kind::Suggestion => "suggestions",
            Kind::Attachment => "attachments",
            Kind::Activity => "activities",
            Kind::Campaign => "campaigns",
            Kind::SpecialProject => "special_projects",
            Kind::BookTitle => "book_titles",
            Kind::BookCopy => "book_copies",
            Kind::Honour => "honours",
            Kind::DuesBase => "dues_bases",
            Kind::DuesPayment => "dues_payments",
            Kind::DuesHandover => "dues_handovers",
            Kind::Appraisal => "appraisals",
            Kind::AdmissionStep => "admission_steps",
        }
    }

    /// The field a live record of this kind must not share with another (what restoring may clash on).
    fn unique_field(self) -> Field {
        match self {
            Kind::CommitteeTerm => Field::Ordinal,
            Kind::BulletinIssue => Field::Number,
            Kind::BookTitle => Field::Isbn,
            Kind::BookCopy => Field::Label,
            Kind::Person
            | Kind::PartyGroup
            | Kind::BulletinSeries
            | Kind::Suggestion
            | Kind::Attachment
            | Kind::Activity
            | Kind::Campaign
            | Kind::SpecialProject
            | Kind::Honour
            | Kind::DuesHandover => Field::Name,
            Kind::DuesBase | Kind::DuesPayment => Field::FirstMonth,
            Kind::Appraisal => Field::Person,
            Kind::AdmissionStep => Field::Step,
        }
    }

    /// SQL for the title shown in the trash list.
    fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Person | Kind::PartyGroup, _) => "name",
            (Kind::CommitteeTerm, Lang::Zh) => "'第' || ordinal || '届支委会'",
            (Kind::CommitteeTerm, Lang::En) => "'Committee term ' || ordinal",
            (Kind::BulletinSeries, _) => "name",
            (Kind::BulletinIssue, Lang::Zh) => {
                "(SELECT name FROM bulletin_series s WHERE s.id = series_id) || ' 第' || number || '期：' || title"
            }
            (Kind::BulletinIssue, Lang::En) => {
                "(SELECT name FROM bulletin_series s WHERE s.id = series_id) || ' no. ' || number || ': ' || title"
            }
            (Kind::Suggestion, _) => "received_on || ' ' || substr(content, 1, 30)",
            (Kind::Attachment, _) => "file_name",
            (Kind::Activity, _) => "date || ' ' || title",
            (Kind::Campaign, _) => "name",
            (Kind::SpecialProject, _) => "year || ' ' || title",
            (Kind::BookTitle, Lang::Zh) => "'《' || name || '》'",
            (Kind::BookTitle, Lang::En) => "name",
            (Kind::BookCopy, _) => "label || ' ' || (SELECT name FROM book_titles t WHERE t.id = title_id)",
            (Kind::Honour, Lang::Zh) => {
                "year || ' ' || title || coalesce('（' || (SELECT name FROM people p WHERE p.id = person_id) || '）', '')"
            }
            (Kind::Honour, Lang::En) => {
                "year || ' ' || title || coalesce(' (' || (SELECT name FROM people p WHERE p.id = person_id) || ')', '')"
            }
            (Kind::DuesBase, Lang::Zh) => "(SELECT name FROM people p WHERE p.id = person_id) || ' 党费基数（' || from_month || ' 起）'",
            (Kind::DuesBase, Lang::En) => "'Dues base of ' || (SELECT name FROM people p WHERE p.id = person_id) || ' from ' || from_month",
            (Kind::DuesPayment, Lang::Zh) => {
                "(SELECT name FROM people p WHERE p.id = person_id) || ' 党费 ' || first_month || '起 ' || months || '个月，' || printf('%.2f', amount_fen / 100.0) || '元'"
            }
            (Kind::DuesPayment, Lang::En) => {
                "'Dues of ' || (SELECT name FROM people p WHERE p.id = person_id) || ', ' || months || ' months from ' || first_month || ', ' || printf('%.2f', amount_fen / 100.0) || ' yuan'"
            }
            (Kind::DuesHandover, Lang::Zh) => "'党费上缴 ' || first_month || '至' || last_month || '，' || printf('%.2f', amount_fen / 100.0) || '元'",
            (Kind::Appraisal, Lang::Zh) => "year || '年度民主评议：' || (SELECT name FROM people p WHERE p.id = person_id)",
            (Kind::AdmissionStep, Lang::Zh) => STEP_LABEL_ZH.as_str(),
            (Kind::AdmissionStep, Lang::En) => STEP_LABEL_EN.as_str(),
            (Kind::Appraisal, Lang::En) => "'Appraisal ' || year || ': ' || (SELECT name FROM people p WHERE p.id = person_id)",
            (Kind::DuesHandover, Lang::En) => "'Dues handed over, ' || first_month || ' to ' || last_month || ', ' || printf('%.2f', amount_fen / 100.0) || ' yuan'",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TrashItem {
    pub kind: Kind,
    pub id: i64,
    pub title: String,
    pub deleted_at: String,
}

/// Moves a live record to the trash, unless other records still point at it.
pub fn move_to_trash(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    check_unused(conn, kind, id)?;
    let sql = format!(
        "UPDATE {} SET deleted_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
        kind.table()
    );
    if conn.execute(&sql, params![id, dates::now()])? == 0 {
        return Err(Error::NotFound { what: "record", id });
    }
    Ok(())
}

/// A trashed admission step as "发展党员：name date step", the step by its label.
static STEP_LABEL_ZH: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| step_label(Lang::Zh, "发展党员："));
static STEP_LABEL_EN: std::sync::LazyLock<String> =
    std::sync::LazyLock::new(|| step_label(Lang::En, "Admission: "));

fn step_label(lang: Lang, prefix: &str) -> String {
    let cases: String = crate::admission::StepKind::ALL
        .iter()
        .map(|k| {
            format!(
                " WHEN '{}' THEN '{}'",
                k.code(),
                k.label(lang).replace('\'', "''")
            )
        })
        .collect();
    format!(
        "'{prefix}' || (SELECT name FROM people p WHERE p.id = person_id) || ' ' || coalesce(date, '') || ' ' || CASE kind{cases} ELSE kind END"
    )
}

fn check_unused(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    match kind {
        Kind::Person => {
            let zh = people::roles(conn, id, Lang::Zh)?;
            if !zh.is_empty() {
                return Err(Error::InUse {
                    by_zh: format!("此人是{}", zh.join("、")),
                    by_en: format!(
                        "this person is {}",
                        people::roles(conn, id, Lang::En)?.join(", ")
                    ),
                });
            }
        }
        Kind::PartyGroup => {
            let n = groups::member_count(conn, id)?;
            if n > 0 {
                return Err(Error::InUse {
                    by_zh: format!("小组里还有 {n} 人，请先把他们调到其他小组"),
                    by_en: format!(
                        "{n} people are still in the group; move them to another group first"
                    ),
                });
            }
        }
        Kind::BulletinSeries => {
            let n: i64 = conn.query_row(
                "SELECT count(*) FROM bulletin_issues WHERE series_id = ?1 AND deleted_at IS NULL",
                [id],
                |r| r.get(0),
            )?;
            if n > 0 {
                return Err(Error::InUse {
                    by_zh: format!("这个栏目还有 {n} 期，请先把它们移到回收站"),
                    by_en: format!("the series still has {n} issues; move them to the trash first"),
                });
            }
        }
        Kind::BulletinIssue => {
            let n: i64 = conn.query_row(
                "SELECT count(*) FROM suggestions WHERE published_issue_id = ?1 AND deleted_at IS NULL",
                [id],
                |r| r.get(0),
            )?;
            if n > 0 {
                return Err(Error::InUse {
                    by_zh: format!("有 {n} 条意见的答复登在这一期上"),
                    by_en: format!("{n} suggestions' responses were published in this issue"),
                });
            }
        }
        Kind::Campaign | Kind::SpecialProject => {
            let column = if kind == Kind::Campaign {
                "campaign_id"
            } else {
                "project_id"
            };
            let n: i64 = conn.query_row(
                &format!(
                    "SELECT count(*) FROM activities WHERE {column} = ?1 AND deleted_at IS NULL"
                ),
                [id],
                |r| r.get(0),
            )?;
            if n > 0 {
                return Err(Error::InUse {
                    by_zh: format!("还有 {n} 次活动属于它，请先把那些活动改到别处或移到回收站"),
                    by_en: format!("{n} activities still belong to it; move them elsewhere or to the trash first"),
                });
            }
        }
        Kind::BookTitle => {
            let n: i64 = conn.query_row(
                "SELECT count(*) FROM book_copies WHERE title_id = ?1 AND deleted_at IS NULL",
                [id],
                |r| r.get(0),
            )?;
            if n > 0 {
                return Err(Error::InUse {
                    by_zh: format!("这本书还有 {n} 册，请先把各册移到回收站（或登记为已剔除）"),
                    by_en: format!("the title still has {n} copies; move them to the trash first"),
                });
            }
        }
        Kind::BookCopy => {
            let out: Option<String> = conn
                .query_row(
                    "SELECT p.name FROM loans l JOIN people p ON p.id = l.person_id
                     WHERE l.copy_id = ?1 AND l.returned_on IS NULL AND l.lost_on IS NULL",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(name) = out {
                return Err(Error::InUse {
                    by_zh: format!("这一册正借给{name}，请先登记归还"),
                    by_en: format!("the copy is on loan to {name}; record its return first"),
                });
            }
        }
        Kind::CommitteeTerm
        | Kind::Suggestion
        | Kind::Attachment
        | Kind::Activity
        | Kind::Honour
        | Kind::DuesBase
        | Kind::DuesPayment
        | Kind::DuesHandover
        | Kind::Appraisal => {}
        Kind::AdmissionStep => crate::admission::check_trashable(conn, id)?,
    }
    Ok(())
}

/// Everything in the trash, most recently deleted first.
pub fn list(conn: &Connection, lang: Lang) -> Result<Vec<TrashItem>> {
    let mut items = Vec::new();
    for kind in Kind::ALL {
        let sql = format!(
            "SELECT id, {}, deleted_at FROM {} WHERE deleted_at IS NOT NULL",
            kind.title(lang),
            kind.table()
        );
        let mut stmt = conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            Ok(TrashItem {
                kind,
                id: r.get(0)?,
                title: r.get(1)?,
                deleted_at: r.get(2)?,
            })
        })?;
        items.extend(rows.collect::<rusqlite::Result<Vec<_>>>()?);
    }
    items.sort_by(|a, b| b.deleted_at.cmp(&a.deleted_at).then(b.id.cmp(&a.id)));
    Ok(items)
}

fn require_trashed(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    let sql = format!("SELECT deleted_at FROM {} WHERE id = ?1", kind.table());
    let deleted: Option<Option<String>> = conn.query_row(&sql, [id], |r| r.get(0)).optional()?;
    match deleted {
        None => Err(Error::NotFound { what: "record", id }),
        Some(None) => Err(Error::NotInTrash),
        Some(Some(_)) => Ok(()),
    }
}

/// Brings a record back. A name or number taken in the meantime is refused like any duplicate.
pub fn restore(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    require_trashed(conn, kind, id)?;
    if kind == Kind::DuesPayment {
        crate::dues::payments::check_restorable(conn, id)?;
    }
    if kind == Kind::AdmissionStep {
        crate::admission::check_restorable(conn, id)?;
    }
    let sql = format!(
        "UPDATE {} SET deleted_at = NULL WHERE id = ?1",
        kind.table()
    );
    conn.execute(&sql, [id])
        .map_err(|e| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::ConstraintViolation) => Error::Duplicate {
                field: kind.unique_field(),
                value: title_of(conn, kind, id).unwrap_or_default(),
            },
            _ => Error::Db(e),
        })?;
    if kind == Kind::Person {
        // The person's group may have gone to the trash meanwhile.
        conn.execute(
            "UPDATE people SET party_group_id = NULL WHERE id = ?1 AND party_group_id IN
             (SELECT id FROM party_groups WHERE deleted_at IS NOT NULL)",
            [id],
        )?;
    }
    Ok(())
}

fn title_of(conn: &Connection, kind: Kind, id: i64) -> Option<String> {
    let sql = format!(
        "SELECT {} FROM {} WHERE id = ?1",
        kind.title(Lang::Zh),
        kind.table()
    );
    conn.query_row(&sql, [id], |r| r.get(0)).ok()
}

/// Erases a trashed record for good (the second, explicit step).
pub fn purge(conn: &Connection, kind: Kind, id: i64) -> Result<()> {
    require_trashed(conn, kind, id)?;
    if kind == Kind::PartyGroup {
        conn.execute(
            "UPDATE people SET party_group_id = NULL WHERE party_group_id = ?1",
            [id],
        )?;
    }
    let sql = format!("DELETE FROM {} WHERE id = ?1", kind.table());
    conn.execute(&sql, [id]).map_err(|e| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => Error::InUse {
            by_zh: "回收站里的其他记录（如某届支委会、党小组）还关联着它，请先彻底删除那些记录".into(),
            by_en: "other records in the trash (a committee term, a party group) still point at it; delete those for good first".into(),
        },
        _ => Error::Db(e),
    })?;
    Ok(())
}
