//! The dates a summary covers, checked once when a range is made (typed by the secretary, a calendar
//! year, a committee term, or read back from JSON), so that nothing after has to parse them again.

use crate::dates::{self, iso};
use crate::{Error, Field, Result};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The dates a summary covers, both ends included: real dates, `from` not after `to`.
///
/// Made by [`Range::new`] or [`year`]. Serialised as it always was, two ISO strings
/// (`{"from": "2019-01-01", "to": "2019-12-31"}`); deserialising checks them like [`Range::new`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "Written", into = "Written")]
pub struct Range {
    from: NaiveDate,
    to: NaiveDate,
}

/// A range as JSON holds it.
#[derive(Serialize, Deserialize)]
struct Written {
    from: String,
    to: String,
}

impl Range {
    /// Checks a range typed by the secretary (any form [`dates::parse`] accepts): real dates, `from`
    /// not after `to`.
    pub fn new(from: &str, to: &str) -> Result<Range> {
        let from = dates::parse(Field::RangeFrom, from)?;
        let to = dates::parse(Field::RangeTo, to)?;
        if to < from {
            return Err(Error::TooEarly {
                field: Field::RangeTo,
                earliest: iso(from),
                reason_zh: "开始日期".into(),
                reason_en: "the start date".into(),
            });
        }
        Ok(Range { from, to })
    }

    /// The first day.
    pub fn from(&self) -> NaiveDate {
        self.from
    }

    /// The last day.
    pub fn to(&self) -> NaiveDate {
        self.to
    }

    /// Whether the range is one whole calendar year (1 January to 31 December).
    pub fn is_calendar_year(&self) -> bool {
        self.from.year() == self.to.year()
            && (self.from.month(), self.from.day()) == (1, 1)
            && (self.to.month(), self.to.day()) == (12, 31)
    }

    /// Both days as ISO text, as the ledger stores dates (for SQL).
    pub(crate) fn iso(&self) -> (String, String) {
        (iso(self.from), iso(self.to))
    }
}

impl TryFrom<Written> for Range {
    type Error = Error;

    fn try_from(w: Written) -> Result<Range> {
        Range::new(&w.from, &w.to)
    }
}

impl From<Range> for Written {
    fn from(r: Range) -> Written {
        let (from, to) = r.iso();
        Written { from, to }
    }
}

/// A calendar year as a range; refused like a typed date outside the years the ledger accepts.
pub fn year(year: i32) -> Result<Range> {
    Range::new(&format!("{year:04}-01-01"), &format!("{year:04}-12-31"))
}
