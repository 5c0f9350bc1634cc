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

/// The rank of each Han character U+3400..=U+9FFF in pinyin order (u16 little-endian), taken from
/// ICU's zh-CN collation by `scripts/pinyin_rank.mjs`.
static PINYIN_RANK: &[u8; 2 * (0x9FFF - 0x3400 + 1)] = include_bytes!("pinyin_rank.bin");

/// Where `c` sorts in a name: digits and punctuation first, then Han characters in pinyin order, then
/// letters of other scripts without regard to case (as `Intl.Collator('zh-CN')` orders them).
fn pinyin_key(c: char) -> u32 {
    let cp = u32::from(c);
    if (0x3400..=0x9FFF).contains(&cp) {
        let at = 2 * (cp - 0x3400) as usize;
        0x1000 + u32::from(u16::from_le_bytes([PINYIN_RANK[at], PINYIN_RANK[at + 1]]))
    } else if c.is_alphabetic() {
        0x20_0000 + c.to_lowercase().next().map_or(cp, u32::from)
    } else {
        cp.min(0xFFF)
    }
}

/// Compares two names in pinyin order (ties broken by code point, so that only equal names are equal).
pub fn pinyin_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    a.chars()
        .map(pinyin_key)
        .cmp(b.chars().map(pinyin_key))
        .then_with(|| a.cmp(b))
}

/// Registers the collation `pinyin` on `conn`, for `ORDER BY name COLLATE pinyin`: lists that page in
/// SQL must sort in SQL, in the order a Chinese reader expects.
pub fn register_collations(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_collation("pinyin", pinyin_cmp)
}

#[cfg(test)]
mod tests {
    use super::pinyin_cmp;

    #[test]
    fn names_sort_in_pinyin_order() {
        let mut names = [
            "张三",
            "Zoe",
            "吴华强",
            "123",
            "伍晓明",
            "bob",
            "窦维治",
            "钟潇",
            "王",
            "王小明",
            "王晓",
        ];
        names.sort_by(|a, b| pinyin_cmp(a, b));
        assert_eq!(
            names,
            [
                "123",
                "窦维治",
                "王",
                "王小明",
                "王晓",
                "吴华强",
                "伍晓明",
                "张三",
                "钟潇",
                "bob",
                "Zoe"
            ]
        );
    }
}
