//! Small checks on free text shared by every record type.

use crate::{Error, Field, Result};
use rusqlite::{params, Connection, OptionalExtension};

/// Trims `value` and refuses it when empty or longer than `max` characters.
pub fn required(field: Field, value: &str, max: usize) -> Result<String> {
    let value = optional(field, value, max)?;
    if value.is_empty() {
        return Err(Error::Required { field });
    }
    Ok(value)
}

/// Trims `value` and refuses it when longer than `max` characters.
pub fn optional(field: Field, value: &str, max: usize) -> Result<String> {
    let value = value.trim();
    if value.chars().count() > max {
        return Err(Error::TooLong { field, max });
    }
    Ok(value.to_string())
}

pub const NAME_MAX: usize = 40;
pub const ORG_MAX: usize = 100;
pub const NOTES_MAX: usize = 2000;

/// Refuses `name` when another live row of `table` (other than `id`) already has it.
pub fn unique_name(conn: &Connection, table: &str, name: &str, id: Option<i64>) -> Result<()> {
    let sql =
        format!("SELECT id FROM {table} WHERE name = ?1 AND deleted_at IS NULL AND id IS NOT ?2");
    let taken: Option<i64> = conn
        .query_row(&sql, params![name, id], |r| r.get(0))
        .optional()?;
    match taken {
        Some(_) => Err(Error::Duplicate {
            field: Field::Name,
            value: name.to_string(),
        }),
        None => Ok(()),
    }
}
