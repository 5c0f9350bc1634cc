//! Small checks on free text shared by every record type.

use crate::{Error, Field, Result};

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
