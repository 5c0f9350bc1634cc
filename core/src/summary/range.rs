//! The dates a summary covers.

use crate::{Error, Field, Result};
use serde::{Deserialize, Serialize};

/// The dates a summary covers, both ends included (ISO dates).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    pub from: String,
    pub to: String,
}

/// Checks a range typed by the secretary: real dates, `from` not after `to`.
pub fn range(from: &str, to: &str) -> Result<Range> {
    let f = crate::dates::parse(Field::RangeFrom, from)?;
    let t = crate::dates::parse(Field::RangeTo, to)?;
    if t < f {
        return Err(Error::TooEarly {
            field: Field::RangeTo,
            earliest: crate::dates::iso(f),
            reason_zh: "开始日期".into(),
            reason_en: "the start date".into(),
        });
    }
    Ok(Range {
        from: crate::dates::iso(f),
        to: crate::dates::iso(t),
    })
}

/// A calendar year as a range.
pub fn year(year: i32) -> Range {
    Range {
        from: format!("{year:04}-01-01"),
        to: format!("{year:04}-12-31"),
    }
}
