//! The dues rules (党费计算标准), kept in the ledger by version so a local or later rule can be added
//! with the month it applies from; the 2008 regulation is the first version (migration 16).

use super::{parse_fen, Category, Month};
use crate::text::{self, NOTES_MAX};
use crate::{dates, Error, Field, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

const NAME_MAX: usize = 60;
/// No bracket may ask for more than the whole income.
const FULL_RATE_BP: i64 = 10_000;

/// One bracket of a category: income above `above_fen` and up to `up_to_fen` (no upper limit when
/// `None`) owes `rate_bp` per ten thousand of it, or a fixed amount between `min_fen` and `max_fen`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bracket {
    pub category: Category,
    pub above_fen: i64,
    pub up_to_fen: Option<i64>,
    pub rate_bp: Option<i64>,
    pub min_fen: Option<i64>,
    pub max_fen: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleSet {
    pub id: i64,
    pub name: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub notes: String,
    pub brackets: Vec<Bracket>,
}

/// A bracket as the form sends it: yuan and percent as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct BracketInput {
    pub category: String,
    pub above: String,
    pub up_to: String,
    /// Percent of the income (`0.5`), or empty for a fixed amount.
    pub rate: String,
    pub amount_min: String,
    pub amount_max: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct RuleSetInput {
    pub name: String,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub notes: String,
    pub brackets: Vec<BracketInput>,
}

fn bracket(input: &BracketInput) -> Result<Bracket> {
    let category = Category::parse_required(&input.category)?;
    let optional = |v: &str| {
        (!v.trim().is_empty())
            .then(|| parse_fen(Field::Bracket, v))
            .transpose()
    };
    let rate_bp = optional(&input.rate)?;
    let (min_fen, max_fen) = match rate_bp {
        Some(bp) if !(1..=FULL_RATE_BP).contains(&bp) => {
            return Err(Error::OutOfRange {
                field: Field::Bracket,
                min: 0,
                max: 100,
            })
        }
        Some(_) => (None, None),
        None => {
            let min = parse_fen(Field::Amount, &input.amount_min)?;
            let max = optional(&input.amount_max)?.unwrap_or(min);
            if max < min {
                return Err(Error::BracketsOverlap {
                    category: category.term(),
                });
            }
            (Some(min), Some(max))
        }
    };
    Ok(Bracket {
        category,
        above_fen: optional(&input.above)?.unwrap_or(0),
        up_to_fen: optional(&input.up_to)?,
        rate_bp,
        min_fen,
        max_fen,
    })
}

/// Each category's brackets must run from 0 without gap or overlap and end with no upper limit.
fn check_brackets(brackets: &mut [Bracket]) -> Result<()> {
    if brackets.is_empty() {
        return Err(Error::Required {
            field: Field::Bracket,
        });
    }
    brackets.sort_by_key(|b| (b.category.code(), b.above_fen));
    for category in Category::ALL {
        let mine: Vec<&Bracket> = brackets
            .iter()
            .filter(|b| b.category == *category)
            .collect();
        let mut next_from = Some(0);
        for b in &mine {
            if next_from != Some(b.above_fen) || b.up_to_fen.is_some_and(|up| up <= b.above_fen) {
                return Err(Error::BracketsOverlap {
                    category: category.term(),
                });
            }
            next_from = b.up_to_fen;
        }
        if !mine.is_empty() && next_from.is_some() {
            return Err(Error::BracketsOverlap {
                category: category.term(),
            });
        }
    }
    Ok(())
}

struct Clean {
    name: String,
    from: Month,
    to: Option<Month>,
    notes: String,
    brackets: Vec<Bracket>,
}

fn fields(input: &RuleSetInput) -> Result<Clean> {
    let from = Month::parse(Field::ValidFrom, &input.valid_from)?;
    let to = match input.valid_to.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(v) => Some(Month::parse(Field::ValidTo, v)?),
    };
    if to.is_some_and(|to| to < from) {
        return Err(Error::TooEarly {
            field: Field::ValidTo,
            earliest: from.to_string(),
            reason_zh: format!("执行起始月份为 {from}"),
            reason_en: format!("the rules apply from {from}"),
        });
    }
    let mut brackets = input
        .brackets
        .iter()
        .map(bracket)
        .collect::<Result<Vec<_>>>()?;
    check_brackets(&mut brackets)?;
    Ok(Clean {
        name: text::required(Field::RuleName, &input.name, NAME_MAX)?,
        from,
        to,
        notes: text::optional(Field::Notes, &input.notes, NOTES_MAX)?,
        brackets,
    })
}

/// Refuses a version whose months meet another's.
fn check_overlap(conn: &Connection, id: Option<i64>, c: &Clean) -> Result<()> {
    let to = c.to.map_or("9999-12".to_string(), |m| m.to_string());
    let clash: Option<(String, String, Option<String>)> = conn
        .query_row(
            "SELECT name, valid_from, valid_to FROM dues_rule_sets
             WHERE id IS NOT ?1 AND valid_from <= ?3 AND coalesce(valid_to, '9999-12') >= ?2
             ORDER BY valid_from LIMIT 1",
            params![id, c.from.to_string(), to],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    match clash {
        None => Ok(()),
        Some((name, from, to)) => Err(Error::RulesOverlap {
            name,
            from,
            to: to.unwrap_or_else(|| "—".into()),
        }),
    }
}

/// Adds (`id` none) or changes a version of the rules with its brackets; returns its id.
pub fn save(conn: &Connection, id: Option<i64>, input: &RuleSetInput) -> Result<i64> {
    let c = fields(input)?;
    check_overlap(conn, id, &c)?;
    let (from, to) = (c.from.to_string(), c.to.map(|m| m.to_string()));
    let id = match id {
        Some(id) => {
            let n = conn.execute(
                "UPDATE dues_rule_sets SET name = ?2, valid_from = ?3, valid_to = ?4, notes = ?5, updated_at = ?6 WHERE id = ?1",
                params![id, c.name, from, to, c.notes, dates::now()],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    what: "dues rules",
                    id,
                });
            }
            conn.execute("DELETE FROM dues_rules WHERE set_id = ?1", [id])?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO dues_rule_sets (name, valid_from, valid_to, notes, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
                params![c.name, from, to, c.notes, dates::now()],
            )?;
            conn.last_insert_rowid()
        }
    };
    let mut insert = conn.prepare(
        "INSERT INTO dues_rules (set_id, category, above_fen, up_to_fen, rate_bp, min_fen, max_fen)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for b in &c.brackets {
        insert.execute(params![
            id,
            b.category.code(),
            b.above_fen,
            b.up_to_fen,
            b.rate_bp,
            b.min_fen,
            b.max_fen
        ])?;
    }
    Ok(id)
}

/// Every version, oldest first, with its brackets.
pub fn list(conn: &Connection) -> Result<Vec<RuleSet>> {
    let mut sets: Vec<RuleSet> = conn
        .prepare(
            "SELECT id, name, valid_from, valid_to, notes FROM dues_rule_sets ORDER BY valid_from",
        )?
        .query_map([], |r| {
            Ok(RuleSet {
                id: r.get(0)?,
                name: r.get(1)?,
                valid_from: r.get(2)?,
                valid_to: r.get(3)?,
                notes: r.get(4)?,
                brackets: Vec::new(),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT set_id, category, above_fen, up_to_fen, rate_bp, min_fen, max_fen FROM dues_rules
         ORDER BY set_id, category, above_fen",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            [r.get::<_, i64>(2)?],
            [r.get::<_, Option<i64>>(3)?, r.get(4)?, r.get(5)?, r.get(6)?],
        ))
    })?;
    for row in rows {
        let (set_id, category, [above_fen], [up_to_fen, rate_bp, min_fen, max_fen]) = row?;
        let Ok(category) = Category::parse(&category) else {
            continue;
        };
        if let Some(set) = sets.iter_mut().find(|s| s.id == set_id) {
            set.brackets.push(Bracket {
                category,
                above_fen,
                up_to_fen,
                rate_bp,
                min_fen,
                max_fen,
            });
        }
    }
    Ok(sets)
}

/// The rules loaded once, to price many months.
pub struct Rules {
    sets: Vec<RuleSet>,
}

impl Rules {
    pub fn load(conn: &Connection) -> Result<Rules> {
        Ok(Rules { sets: list(conn)? })
    }

    fn set_for(&self, month: Month) -> Option<&RuleSet> {
        let m = month.to_string();
        self.sets
            .iter()
            .find(|s| s.valid_from <= m && s.valid_to.as_ref().is_none_or(|to| *to >= m))
    }

    /// The bracket that applies to `category` and `income` in `month`, if a rule covers them.
    pub fn bracket(&self, month: Month, category: Category, income_fen: i64) -> Option<&Bracket> {
        self.set_for(month)?.brackets.iter().find(|b| {
            b.category == category
                && (income_fen > b.above_fen || b.above_fen == 0)
                && b.up_to_fen.is_none_or(|up| income_fen <= up)
        })
    }

    /// The amount due for one month: the income times its bracket's rate, rounded half up to the fen,
    /// or the fixed amount (the member's choice within a range, held to it).
    pub fn due(
        &self,
        month: Month,
        category: Category,
        income_fen: i64,
        chosen_fen: Option<i64>,
    ) -> Option<i64> {
        let b = self.bracket(month, category, income_fen)?;
        match (b.rate_bp, b.min_fen, b.max_fen) {
            (Some(bp), _, _) => Some((income_fen * bp + FULL_RATE_BP / 2) / FULL_RATE_BP),
            (None, Some(min), Some(max)) => Some(chosen_fen.unwrap_or(min).clamp(min, max)),
            _ => None,
        }
    }
}
