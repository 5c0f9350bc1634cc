//! The vocabulary (词表): every coded value the ledger stores (stages, positions, kinds, states …) is made
//! by one macro, [`code_enum!`], which gives it its code, its Chinese and English labels and a parser
//! that refuses anything else with a typed error. It sits below `error.rs`, which uses [`Term`] and
//! [`Lang`] from here and nothing from the rooms above.

use serde::{Deserialize, Serialize};

/// The language messages are shown in. Chinese is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        match s {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    /// Picks the Chinese or the English text.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// An English count with its noun: `counted(1, "day", "days")` is "1 day", `counted(3, "day", "days")`
/// "3 days" (and "0 days"). Chinese text has no plural and needs none of this.
pub fn counted(n: i64, one: &str, many: &str) -> String {
    format!("{n} {}", plural(n, one, many))
}

/// The English word for `n` things: `one` for exactly one, else `many` ("1 was", "2 were").
pub fn plural<'a>(n: i64, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// A coded value as the secretary reads it: the code kept in the ledger and its two labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Term {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Term {
    pub fn label(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// Declares a coded enum: `code_enum!(Name, Field::X, { Variant => "code", "中文", "English"; … })`.
/// The variants' order is the order lists show them in (`ALL`).
macro_rules! code_enum {
    ($name:ident, $field:expr, { $($variant:ident => $code:literal, $zh:literal, $en:literal;)+ }) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn code(self) -> &'static str { match self { $($name::$variant => $code),+ } }
            pub fn label(self, lang: $crate::Lang) -> &'static str { self.term().label(lang) }
            /// The code with both labels, as an error message or the window needs them.
            pub fn term(self) -> $crate::codes::Term {
                match self { $($name::$variant => $crate::codes::Term { code: $code, zh: $zh, en: $en }),+ }
            }
            /// The label of a stored code, or the code itself where this build does not know it.
            pub fn label_of(code: &str, lang: $crate::Lang) -> String {
                Self::parse(code).map_or_else(|_| code.to_string(), |v| v.label(lang).to_string())
            }
            /// Like `parse`, but an empty value asks for one rather than calling it unknown.
            pub fn parse_required(value: &str) -> $crate::Result<$name> {
                if value.trim().is_empty() {
                    return Err($crate::Error::Required { field: $field });
                }
                Self::parse(value)
            }
            pub fn parse(value: &str) -> $crate::Result<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == value.trim()).ok_or_else(|| $crate::Error::Unknown {
                    field: $field,
                    value: value.to_string(),
                })
            }
        }
    };
}
pub(crate) use code_enum;
