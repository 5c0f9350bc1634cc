//! A calendar month (`2026-03`), the unit dues are owed and paid in.

use crate::{dates, Error, Field, Result};
use chrono::{Datelike, NaiveDate};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    /// 1–12.
    month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        ((1..=12).contains(&month) && (1900..=2200).contains(&year))
            .then_some(Month { year, month })
    }

    pub fn of(date: NaiveDate) -> Month {
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Reads `2026-03`, `2026-3`, `2026/3`, `2026.3` or `2026年3月`.
    pub fn parse(field: Field, value: &str) -> Result<Month> {
        let text = value.trim();
        if text.is_empty() {
            return Err(Error::Required { field });
        }
        let normal = text.trim_end_matches('月').replace(['/', '.', '年'], "-");
        normal
            .split_once('-')
            .and_then(|(y, m)| Month::new(y.parse().ok()?, m.parse().ok()?))
            .ok_or_else(|| Error::BadDate {
                field,
                value: text.to_string(),
            })
    }

    /// A month as the ledger stores it (`2026-03`, nothing else), e.g. in an imported file.
    pub(crate) fn stored(field: Field, value: &str) -> Result<Month> {
        let month = Month::parse(field, value)?;
        if month.to_string() != value {
            return Err(Error::BadDate {
                field,
                value: value.to_string(),
            });
        }
        Ok(month)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    /// 1–12.
    pub fn number(self) -> u32 {
        self.month
    }

    pub fn plus(self, months: i64) -> Month {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + months;
        Month {
            year: index.div_euclid(12) as i32,
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    /// Months from `self` to `later` (0 for the same month).
    pub fn until(self, later: Month) -> i64 {
        (i64::from(later.year) - i64::from(self.year)) * 12 + i64::from(later.month)
            - i64::from(self.month)
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("a real month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.plus(1).first_day().pred_opt().expect("a real day")
    }

    /// `2026-03-31` as the ledger writes dates.
    pub fn last_day_iso(self) -> String {
        dates::iso(self.last_day())
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_count_and_end() {
        let m = |s| Month::parse(Field::Month, s).unwrap();
        assert_eq!(m("2026年3月").to_string(), "2026-03");
        assert_eq!(m("2026/12").plus(1).to_string(), "2027-01");
        assert_eq!(m("2026-01").plus(-1).to_string(), "2025-12");
        assert_eq!(m("2025-11").until(m("2026-02")), 3);
        assert_eq!(m("2024-02").last_day_iso(), "2024-02-29");
        assert_eq!(
            Month::parse(Field::Month, "2026-13").unwrap_err().code(),
            "bad_date"
        );
        assert!(Month::stored(Field::Month, "2026-3").is_err());
    }
}
