//! Amounts of money as the secretary types them (`12.5`, `1,200`, `12.50元`) and as the ledger shows
//! them (`12.50`), kept in fen so nothing is ever rounded.

use crate::{Error, Field, Result};

/// The most a single amount may be: ten million yuan, far beyond any dues.
const MAX_FEN: i64 = 1_000_000_000;

/// Parses yuan with at most two decimals into fen; refuses a negative amount, a third decimal and
/// anything that is not a number.
pub fn parse_fen(field: Field, value: &str) -> Result<i64> {
    let text = value.trim();
    if text.is_empty() {
        return Err(Error::Required { field });
    }
    let bad = || Error::BadAmount {
        field,
        value: text.to_string(),
    };
    let plain: String = text
        .trim_end_matches('元')
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .map(|c| if c == '．' { '.' } else { c })
        .collect();
    let (whole, cents) = plain.split_once('.').unwrap_or((&plain, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || whole.len() > 10 || cents.len() > 2 || !digits(whole) || !digits(cents) {
        return Err(bad());
    }
    let cents = format!("{cents:0<2}");
    let fen =
        whole.parse::<i64>().map_err(|_| bad())? * 100 + cents.parse::<i64>().map_err(|_| bad())?;
    if fen > MAX_FEN {
        return Err(bad());
    }
    Ok(fen)
}

/// Fen as yuan with two decimals: `1250` → `12.50`.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", fen.abs() / 100, fen.abs() % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_exactly() {
        let f = |s| parse_fen(Field::Amount, s);
        assert_eq!(f("12").unwrap(), 1200);
        assert_eq!(f("12.5").unwrap(), 1250);
        assert_eq!(f(" 1,234.56元 ").unwrap(), 123456);
        assert_eq!(f("0.2").unwrap(), 20);
        assert_eq!(f("0").unwrap(), 0);
        for bad in ["-1", "1.234", "abc", ".5", "1.2.3", "1e3"] {
            assert_eq!(f(bad).unwrap_err().code(), "bad_amount", "{bad}");
        }
        assert_eq!(f("").unwrap_err().code(), "required");
        assert_eq!(yuan(1250), "12.50");
        assert_eq!(yuan(-5), "-0.05");
    }
}
