//! Dates are kept as ISO text (`2020-09-18`), which sorts and compares correctly in SQL.

use crate::{Error, Field, Result};
use chrono::{Datelike, Local, NaiveDate};

/// Parses a date typed by the secretary. Accepts `2020-09-18`, `2020/9/18`, `2020.9.18` and
/// `2020年9月18日` (the way dates are written in Chinese documents).
pub fn parse(field: Field, value: &str) -> Result<NaiveDate> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(Error::Required { field });
    }
    let normal = trimmed
        .trim_end_matches(['日', '号'])
        .replace(['/', '.', '／', '年', '月'], "-");
    NaiveDate::parse_from_str(&normal, "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&d.year()))
        .ok_or_else(|| Error::BadDate {
            field,
            value: trimmed.to_string(),
        })
}

/// Like [`parse`], but refuses dates after today: records describe what has happened.
pub fn parse_past(field: Field, value: &str) -> Result<NaiveDate> {
    let date = parse(field, value)?;
    if date > today() {
        return Err(Error::FutureDate { field });
    }
    Ok(date)
}

/// An optional date: empty text means none.
pub fn parse_optional(field: Field, value: Option<&str>) -> Result<Option<NaiveDate>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => parse(field, v).map(Some),
    }
}

/// A date as the ledger stores it (`2020-09-18`, nothing else), e.g. in an imported file.
pub(crate) fn stored(field: Field, value: &str) -> Result<NaiveDate> {
    let date = parse(field, value)?;
    if iso(date) != value {
        return Err(Error::BadDate {
            field,
            value: value.to_string(),
        });
    }
    Ok(date)
}

pub(crate) fn stored_optional(field: Field, value: Option<&str>) -> Result<Option<NaiveDate>> {
    match value {
        None => Ok(None),
        Some(v) => stored(field, v).map(Some),
    }
}

/// This moment on this computer's clock, as records keep it (`2020-09-18 14:30:00`, local time).
pub fn now() -> String {
    Local::now().format("%Y-%m-%d %H:%M:%S").to_string()
}

pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The same day `years` later (28 February when the day does not exist).
pub fn add_years(date: NaiveDate, years: i32) -> NaiveDate {
    date.with_year(date.year() + years)
        .or_else(|| NaiveDate::from_ymd_opt(date.year() + years, 2, 28))
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_common_separators() {
        let d = parse(Field::Date, " 2020/9/18 ").unwrap();
        assert_eq!(iso(d), "2020-09-18");
        assert_eq!(iso(parse(Field::Date, "2020.09.18").unwrap()), "2020-09-18");
        assert_eq!(
            iso(parse(Field::Date, "2024年3月5日").unwrap()),
            "2024-03-05"
        );
        assert_eq!(
            iso(parse(Field::Date, "2024年03月05号").unwrap()),
            "2024-03-05"
        );
    }

    #[test]
    fn refuses_impossible_dates() {
        for bad in [
            "2021-02-29",
            "2020-13-01",
            "yesterday",
            "18/09/2020",
            "0020-01-01",
            "2024年13月5日",
            "3月5日",
        ] {
            assert_eq!(
                parse(Field::Date, bad).unwrap_err().code(),
                "bad_date",
                "{bad}"
            );
        }
        assert_eq!(parse(Field::Date, "  ").unwrap_err().code(), "required");
    }

    #[test]
    fn leap_day_plus_a_year_is_february_28() {
        let d = parse(Field::Date, "2020-02-29").unwrap();
        assert_eq!(iso(add_years(d, 1)), "2021-02-28");
    }
}
