//! A member's monthly dues base (党费基数): the category and the income after tax (or, for farmers, the
//! amount they chose within the rule's range), declared from a month on, normally once a year. It is
//! personal data: only the dues register and the full export show it.

use super::members::Members;
use super::rules::Rules;
use super::{parse_fen, Category, Month};
use crate::text::{self, NOTES_MAX};
use crate::{dates, people, Error, Field, Result};
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BaseInput {
    pub person_id: Option<i64>,
    pub from_month: String,
    pub category: String,
    /// Monthly income after tax, in yuan as typed (employed and retired members).
    pub income: String,
    /// The monthly amount a farmer member chose within the rule's range, in yuan.
    pub chosen: String,
    pub notes: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Base {
    pub id: i64,
    pub person_id: i64,
    pub person: String,
    pub from_month: String,
    pub category: Category,
    pub income_fen: Option<i64>,
    pub chosen_fen: Option<i64>,
    pub notes: String,
    /// What the base owes a month under the rules of its first month.
    pub monthly_fen: Option<i64>,
}

impl Base {
    /// The income a bracket is chosen by: the declared income, or 0 where none is declared.
    pub fn income(&self) -> i64 {
        self.income_fen.unwrap_or(0)
    }
}

struct Clean {
    person_id: i64,
    from: Month,
    category: Category,
    income_fen: Option<i64>,
    chosen_fen: Option<i64>,
    notes: String,
}

fn fields(input: &BaseInput) -> Result<Clean> {
    let person_id = input.person_id.ok_or(Error::Required {
        field: Field::Person,
    })?;
    let from = Month::parse(Field::FirstMonth, &input.from_month)?;
    let category = Category::parse_required(&input.category)?;
    let amount = |field, v: &str| {
        (!v.trim().is_empty())
            .then(|| parse_fen(field, v))
            .transpose()
    };
    let (income_fen, chosen_fen) = if category.by_income() {
        (Some(parse_fen(Field::Income, &input.income)?), None)
    } else {
        (None, amount(Field::Amount, &input.chosen)?)
    };
    Ok(Clean {
        person_id,
        from,
        category,
        income_fen,
        chosen_fen,
        notes: text::optional(Field::Notes, &input.notes, NOTES_MAX)?,
    })
}

fn clean(conn: &Connection, id: Option<i64>, input: &BaseInput) -> Result<Clean> {
    let c = fields(input)?;
    let person = people::get_row(conn, c.person_id).map_err(|_| Error::Unknown {
        field: Field::Person,
        value: c.person_id.to_string(),
    })?;
    if !Members::load(conn)?.owes(c.person_id, c.from) {
        return Err(Error::NotDue {
            field: Field::FirstMonth,
            name: person.name,
            month: c.from.to_string(),
        });
    }
    let rules = Rules::load(conn)?;
    let bracket = rules
        .bracket(c.from, c.category, c.income_fen.unwrap_or(0))
        .ok_or(Error::BadValue {
            expected_zh: format!(
                "{} 有适用的党费标准的类别（请先在「缴费标准」里补上这一类）",
                c.from
            ),
            expected_en: format!(
                "a category the dues rules cover in {} (add it under Dues rules first)",
                c.from
            ),
        })?;
    if let (Some(chosen), Some(min), Some(max)) = (c.chosen_fen, bracket.min_fen, bracket.max_fen) {
        if !(min..=max).contains(&chosen) {
            return Err(Error::BadValue {
                expected_zh: format!(
                    "{} 至 {} 元之间的每月金额",
                    super::yuan(min),
                    super::yuan(max)
                ),
                expected_en: format!(
                    "a monthly amount from {} to {} yuan",
                    super::yuan(min),
                    super::yuan(max)
                ),
            });
        }
    }
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM dues_bases WHERE person_id = ?1 AND from_month = ?2 AND deleted_at IS NULL AND id IS NOT ?3",
            params![c.person_id, c.from.to_string(), id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(Error::Duplicate {
            field: Field::FirstMonth,
            value: c.from.to_string(),
        });
    }
    Ok(c)
}

/// A stored base (from an import) held to the form's rules for its own fields.
pub(crate) fn check_imported(row: &crate::row::Row) -> Result<()> {
    Month::stored(Field::FirstMonth, &row.text("from_month"))?;
    Category::parse(&row.text("category"))?;
    Ok(())
}

/// Adds (`id` none) or changes a base; returns its id.
pub fn save(conn: &Connection, id: Option<i64>, input: &BaseInput) -> Result<i64> {
    let c = clean(conn, id, input)?;
    let from = c.from.to_string();
    match id {
        Some(id) => {
            let n = conn.execute(
                "UPDATE dues_bases SET person_id = ?2, from_month = ?3, category = ?4, income_fen = ?5, chosen_fen = ?6,
                 notes = ?7, updated_at = ?8 WHERE id = ?1 AND deleted_at IS NULL",
                params![id, c.person_id, from, c.category.code(), c.income_fen, c.chosen_fen, c.notes, dates::now()],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "dues base",
                    id,
                });
            }
            Ok(id)
        }
        None => {
            conn.execute(
                "INSERT INTO dues_bases (person_id, from_month, category, income_fen, chosen_fen, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![c.person_id, from, c.category.code(), c.income_fen, c.chosen_fen, c.notes, dates::now()],
            )?;
            Ok(conn.last_insert_rowid())
        }
    }
}

const SELECT: &str = "SELECT b.id, b.person_id, p.name, b.from_month, b.category, b.income_fen, b.chosen_fen, b.notes
    FROM dues_bases b JOIN people p ON p.id = b.person_id";

fn from_row(r: &Row) -> rusqlite::Result<Base> {
    Ok(Base {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person: r.get(2)?,
        from_month: r.get(3)?,
        category: Category::parse(&r.get::<_, String>(4)?).unwrap_or(Category::Employed),
        income_fen: r.get(5)?,
        chosen_fen: r.get(6)?,
        notes: r.get(7)?,
        monthly_fen: None,
    })
}

fn priced(mut base: Base, rules: &Rules) -> Base {
    if let Ok(month) = Month::parse(Field::FirstMonth, &base.from_month) {
        base.monthly_fen = rules.due(month, base.category, base.income(), base.chosen_fen);
    }
    base
}

pub fn get(conn: &Connection, id: i64) -> Result<Base> {
    let base = conn
        .query_row(
            &format!("{SELECT} WHERE b.id = ?1 AND b.deleted_at IS NULL"),
            [id],
            from_row,
        )
        .optional()?
        .ok_or(Error::NotFound {
            what: "dues base",
            id,
        })?;
    Ok(priced(base, &Rules::load(conn)?))
}

/// Every live base, by person and month (the register picks the one in force each month).
pub fn all(conn: &Connection) -> Result<Vec<Base>> {
    let rules = Rules::load(conn)?;
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE b.deleted_at IS NULL AND p.deleted_at IS NULL ORDER BY b.person_id, b.from_month"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    rows.map(|b| Ok(priced(b?, &rules))).collect()
}

/// The base in force in `month` among one person's bases (sorted by month).
pub(crate) fn in_force(bases: &[Base], month: Month) -> Option<&Base> {
    let m = month.to_string();
    bases.iter().rev().find(|b| b.from_month <= m)
}
