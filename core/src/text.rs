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

/// `name`'s place in pinyin order as plain text: text compared byte by byte (as SQLite compares any text,
/// with no collation of the app's own) sorts exactly as [`pinyin_cmp`] sorts the names. Each character's
/// key is six hex digits; a space and the name itself follow, so a shorter name sorts before a longer
/// one that starts with it, and equal keys fall back to the code points.
pub fn pinyin_sort_key(name: &str) -> String {
    let mut key: String = name
        .chars()
        .map(|c| format!("{:06x}", pinyin_key(c)))
        .collect();
    key.push(' ');
    key.push_str(name);
    key
}

/// The first Han character of each pinyin initial in the zh-CN collation, with its letter: a character
/// belongs to the last of these that sorts at or before it.
const INITIALS: [(char, char); 23] = [
    ('阿', 'a'),
    ('八', 'b'),
    ('嚓', 'c'),
    ('哒', 'd'),
    ('妸', 'e'),
    ('发', 'f'),
    ('旮', 'g'),
    ('哈', 'h'),
    ('讥', 'j'),
    ('咔', 'k'),
    ('垃', 'l'),
    ('妈', 'm'),
    ('拏', 'n'),
    ('噢', 'o'),
    ('妑', 'p'),
    ('七', 'q'),
    ('呥', 'r'),
    ('仨', 's'),
    ('它', 't'),
    ('穵', 'w'),
    ('夕', 'x'),
    ('丫', 'y'),
    ('帀', 'z'),
];

/// The first letter of each Han character's pinyin (伍晓明 → `wxm`), so that a person can be found by
/// typing initials, as Chinese input habits expect; other characters are kept, lower-cased.
pub fn pinyin_initials(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            let key = pinyin_key(c);
            if !(0x3400..=0x9FFF).contains(&u32::from(c)) {
                return c.to_lowercase().next().unwrap_or(c);
            }
            INITIALS
                .iter()
                .rev()
                .find(|(first, _)| pinyin_key(*first) <= key)
                .map_or(c, |(_, letter)| *letter)
        })
        .collect()
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

    #[test]
    fn initials_of_the_demo_committee_and_other_names() {
        use super::{pinyin_initials, pinyin_key, INITIALS};
        assert!(INITIALS
            .windows(2)
            .all(|w| pinyin_key(w[0].0) < pinyin_key(w[1].0)));
        for (name, initials) in [
            ("伍晓明", "wxm"),
            ("吴华强", "whq"),
            ("窦维治", "dwz"),
            ("祝月红", "zyh"),
            ("钟潇", "zx"),
            ("孙进", "sj"),
            ("王谦", "wq"),
            ("刘洋", "ly"),
            ("陈静", "cj"),
            ("郭佳", "gj"),
            ("韩冰", "hb"),
            ("欧阳娜", "oyn"),
            ("艾尔肯", "aek"),
            ("Li Na", "lina"),
            ("毛泽东", "mzd"),
            ("马克思", "mks"),
            ("恩格斯", "egs"),
            ("彭德怀", "pdh"),
            ("任弼时", "rbs"),
            ("邓小平", "dxp"),
            ("范仲淹", "fzy"),
            ("贾宝玉", "jby"),
            ("孔繁森", "kfs"),
            ("聂荣臻", "nrz"),
            ("钱学森", "qxs"),
            ("谭嗣同", "tst"),
            ("夏明翰", "xmh"),
            ("叶挺", "yt"),
            ("曹操", "cc"),
            ("白求恩", "bqe"),
        ] {
            assert_eq!(pinyin_initials(name), initials, "{name}");
        }
    }
}
