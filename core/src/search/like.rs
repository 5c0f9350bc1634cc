//! The reference the search is held to: a plain `LIKE '%term%'` scan of the records' own fields.

use super::{kinds_asked, terms, SearchQuery};
use crate::trash::Kind;
use crate::Result;
use rusqlite::{params_from_iter, Connection};

/// A record type's table, its text columns, and its child tables of text as (table, key column, text
/// column).
type Fields = (
    Kind,
    &'static str,
    &'static [&'static str],
    &'static [(&'static str, &'static str, &'static str)],
);

/// The person a record belongs to, by name (admission steps, appraisals, dues payments).
const PERSON_NAME: &str = "(SELECT p.name FROM people p WHERE p.id = r.person_id)";
/// An admission step's name and an appraisal's rating, in Chinese, as migration 18 indexes them.
const STEP_NAME: &str = "CASE r.kind WHEN 'application' THEN '递交入党申请书' WHEN 'talk' THEN '党组织派人谈话' WHEN 'activist' THEN '确定为入党积极分子' WHEN 'contacts' THEN '指定培养联系人' WHEN 'assessment' THEN '培养考察' WHEN 'thought_report' THEN '思想汇报' WHEN 'candidate' THEN '确定为发展对象' WHEN 'introducers' THEN '确定入党介绍人' WHEN 'political_review' THEN '政治审查' WHEN 'training' THEN '集中培训' WHEN 'committee_review' THEN '支委会审查' WHEN 'pre_review' THEN '上级党委预审' WHEN 'public_notice' THEN '公示' WHEN 'application_form' THEN '填写入党志愿书' WHEN 'admission' THEN '支部大会讨论接收' WHEN 'higher_talk' THEN '上级党委派人谈话' WHEN 'approval' THEN '上级党委审批' WHEN 'oath' THEN '入党宣誓' WHEN 'extension' THEN '延长预备期' WHEN 'conversion' THEN '支部大会讨论转正' WHEN 'conversion_approval' THEN '上级党委审批转正' ELSE '' END";
const RATING_NAME: &str = "CASE r.rating WHEN 'excellent' THEN '优秀' WHEN 'qualified' THEN '合格' WHEN 'basically_qualified' THEN '基本合格' WHEN 'unqualified' THEN '不合格' ELSE '' END";

/// The fields each record type is searched in (the same as the views of migration 7), for
/// [`search_like`].
const FIELDS: [Fields; 12] = [
    (Kind::Person, "people", &["name", "notes"], &[]),
    (
        Kind::Activity,
        "activities",
        &[
            "title",
            "place",
            "other_org",
            "visited",
            "content",
            "decisions",
        ],
        &[],
    ),
    (
        Kind::BulletinIssue,
        "bulletin_issues",
        &["title", "body"],
        &[("bulletin_topics", "issue_id", "topic")],
    ),
    (
        Kind::Suggestion,
        "suggestions",
        &[
            "content",
            "category",
            "author_name",
            "response",
            "decline_reason",
        ],
        &[],
    ),
    (
        Kind::BookTitle,
        "book_titles",
        &["name", "authors", "publisher", "category", "isbn", "notes"],
        &[("book_tags", "title_id", "tag")],
    ),
    (
        Kind::Honour,
        "honours",
        &["title", "awarding_body", "notes"],
        &[],
    ),
    (Kind::Campaign, "campaigns", &["name", "notes"], &[]),
    (
        Kind::SpecialProject,
        "special_projects",
        &["title", "rating", "notes"],
        &[],
    ),
    (
        Kind::AdmissionStep,
        "admission_steps",
        &[PERSON_NAME, STEP_NAME, "done_by", "notes"],
        &[],
    ),
    (
        Kind::Appraisal,
        "appraisals",
        &[PERSON_NAME, "CAST(r.year AS TEXT)", RATING_NAME, "notes"],
        &[],
    ),
    (
        Kind::DuesPayment,
        "dues_payments",
        &[PERSON_NAME, "first_month", "notes"],
        &[],
    ),
    (
        Kind::DuesHandover,
        "dues_handovers",
        &[
            "'党费上缴'",
            "recipient",
            "first_month",
            "last_month",
            "notes",
        ],
        &[],
    ),
];

/// The reference for [`search`]: a plain `LIKE '%term%'` scan of the records' own fields, without the
/// index. Returns (type, id) of every match in [`KINDS`] order, then by id; `limit_per_kind` is ignored.
/// Slow on purpose; for tests and benchmarks.
pub fn search_like(conn: &Connection, query: &SearchQuery) -> Result<Vec<(Kind, i64)>> {
    let terms = terms(&query.text);
    let mut found = Vec::new();
    if terms.is_empty() {
        return Ok(found);
    }
    for kind in kinds_asked(query) {
        let Some((_, table, columns, children)) = FIELDS.iter().find(|(k, ..)| *k == kind) else {
            continue;
        };
        let mut conditions = Vec::new();
        let mut values = Vec::new();
        for term in &terms {
            let pattern = format!(
                "%{}%",
                term.replace('\\', "\\\\")
                    .replace('%', "\\%")
                    .replace('_', "\\_")
            );
            let mut any: Vec<String> = columns
                .iter()
                .map(|c| format!("{c} LIKE ? ESCAPE '\\'"))
                .collect();
            values.extend(std::iter::repeat_n(pattern.clone(), columns.len()));
            for (child, key, text) in children.iter() {
                any.push(format!(
                    "EXISTS (SELECT 1 FROM {child} c WHERE c.{key} = r.id AND c.{text} LIKE ? ESCAPE '\\')"
                ));
                values.push(pattern.clone());
            }
            conditions.push(format!("({})", any.join(" OR ")));
        }
        if !query.include_trash {
            conditions.push("r.deleted_at IS NULL".into());
        }
        let sql = format!(
            "SELECT r.id FROM {table} r WHERE {} ORDER BY r.id",
            conditions.join(" AND ")
        );
        let mut stmt = conn.prepare(&sql)?;
        let ids = stmt.query_map(params_from_iter(values), |r| r.get::<_, i64>(0))?;
        for id in ids {
            found.push((kind, id?));
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::{RATING_NAME, STEP_NAME};
    use crate::admission::StepKind;
    use crate::appraisals::Rating;
    use crate::Lang;

    fn case(column: &str, pairs: Vec<(&str, &str)>) -> String {
        let whens: Vec<String> = pairs
            .iter()
            .map(|(code, label)| format!("WHEN '{code}' THEN '{label}'"))
            .collect();
        format!("CASE r.{column} {} ELSE '' END", whens.join(" "))
    }

    /// The labels the index holds (migration 18) are the vocabulary's.
    #[test]
    fn the_indexed_names_are_the_vocabulary() {
        let steps = StepKind::ALL
            .iter()
            .map(|k| (k.code(), k.label(Lang::Zh)))
            .collect();
        assert_eq!(STEP_NAME, case("kind", steps));
        let ratings = Rating::ALL
            .iter()
            .map(|k| (k.code(), k.label(Lang::Zh)))
            .collect();
        assert_eq!(RATING_NAME, case("rating", ratings));
        let migration = include_str!("../../migrations/0018_admission.sql");
        assert!(migration.contains(STEP_NAME) && migration.contains(RATING_NAME));
    }
}
