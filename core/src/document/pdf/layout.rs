//! Measuring text with the font's own advances and breaking it into lines the way Chinese is set:
//! anywhere between Han characters, at spaces between Latin words, never with closing punctuation
//! (，。、；：）」 …) at the start of a line or opening punctuation at its end.

use crate::document::fonts::Face;
use crate::Result;

/// Punctuation that may not begin a line.
const NO_START: &str = "，。、；：？！）」』】》〉〕”’…·％,.;:!?)]}%";
/// Punctuation that may not end a line.
const NO_END: &str = "（「『【《〈〔“‘([{";

/// A face's advances, read from its `hmtx` table.
pub struct Metrics<'a> {
    face: ttf_parser::Face<'a>,
    per_em: f32,
}

impl<'a> Metrics<'a> {
    pub fn new(face: &'a Face) -> Result<Metrics<'a>> {
        let parsed = ttf_parser::Face::parse(&face.data, face.index).map_err(|e| {
            crate::Error::Io(std::io::Error::other(format!("{}: {e}", face.family)))
        })?;
        let per_em = f32::from(parsed.units_per_em().max(1));
        Ok(Metrics {
            face: parsed,
            per_em,
        })
    }

    /// The advance of `c` at `size` points; a character the face lacks counts as its missing glyph.
    pub fn advance(&self, c: char, size: f32) -> f32 {
        let glyph = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        let units = self
            .face
            .glyph_hor_advance(glyph)
            .map_or(self.per_em / 2.0, f32::from);
        units / self.per_em * size
    }

    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c, size)).sum()
    }

    /// `text` as glyphs for krilla, one per character, each advancing by its width in ems (the
    /// width the lines were broken by; Chinese needs no shaping, and Latin kerning is left out).
    pub fn glyphs(&self, text: &str) -> Vec<krilla::text::KrillaGlyph> {
        use krilla::text::{GlyphId, KrillaGlyph};
        text.char_indices()
            .map(|(at, c)| {
                let glyph = self.face.glyph_index(c).map_or(0, |g| u32::from(g.0));
                let end = at + c.len_utf8();
                KrillaGlyph::new(
                    GlyphId::new(glyph),
                    self.advance(c, 1.0),
                    0.0,
                    0.0,
                    0.0,
                    at..end,
                    None,
                )
            })
            .collect()
    }
}

/// Han, kana, Hangul, full-width forms and CJK punctuation: a line may break on either side.
fn wide(c: char) -> bool {
    u32::from(c) >= 0x2E80
}

/// Whether a new line may start at `chars[i]`.
fn may_break_before(chars: &[char], i: usize) -> bool {
    let (prev, next) = (chars[i - 1], chars[i]);
    if next == ' ' || NO_START.contains(next) || NO_END.contains(prev) {
        return false;
    }
    prev == ' ' || wide(prev) || wide(next)
}

/// `text` in lines no wider than `first` (the first line) and `rest` (the others); a `\n` always
/// breaks. `advance` gives each character's width.
pub fn break_lines(
    text: &str,
    first: f32,
    rest: f32,
    advance: &dyn Fn(char) -> f32,
) -> Vec<String> {
    let mut lines = Vec::new();
    for part in text.split('\n') {
        // A carriage return or tab would show as the face's empty box.
        let chars: Vec<char> = part
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|c| !c.is_control())
            .collect();
        let limit = if lines.is_empty() { first } else { rest };
        break_part(&chars, limit, rest, advance, &mut lines);
    }
    lines
}

fn break_part(
    chars: &[char],
    first: f32,
    rest: f32,
    advance: &dyn Fn(char) -> f32,
    out: &mut Vec<String>,
) {
    let (mut start, mut i, mut width, mut limit) = (0, 0, 0.0, first);
    let mut last_break = None;
    while i < chars.len() {
        if i > start && may_break_before(chars, i) {
            last_break = Some(i);
        }
        let w = advance(chars[i]);
        // A space may hang past the edge; it is dropped at the line's end.
        if width + w > limit && i > start && chars[i] != ' ' {
            let end = last_break.unwrap_or_else(|| forced_break(chars, start, i));
            out.push(line(&chars[start..end]));
            start = end;
            while start < chars.len() && chars[start] == ' ' {
                start += 1;
            }
            // Measure again from the new line's start (a few characters at most).
            (i, width, limit, last_break) = (start, 0.0, rest, None);
            continue;
        }
        width += w;
        i += 1;
    }
    out.push(line(&chars[start..]));
}

fn line(chars: &[char]) -> String {
    chars.iter().collect::<String>().trim_end().to_string()
}

/// Where to cut a line with no break opportunity (a long Latin word): before `i`, or one earlier
/// when `chars[i]` is punctuation that may not start a line.
fn forced_break(chars: &[char], start: usize, i: usize) -> usize {
    if NO_START.contains(chars[i]) && i > start + 1 {
        i - 1
    } else {
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str, chars: usize) -> Vec<String> {
        // Every character one unit wide, so a line holds `chars` characters.
        break_lines(text, chars as f32, chars as f32, &|_| 1.0)
    }

    #[test]
    fn punctuation_never_starts_a_line() {
        let text =
            "支部召开组织生活会，开展批评与自我批评。会议认为，全体党员要加强学习，提高认识。";
        for width in 3..12 {
            for line in lines(text, width).iter().skip(1) {
                let first = line.chars().next().unwrap();
                assert!(first != '，' && first != '。', "{width}: {line}");
            }
        }
        assert_eq!(lines(text, 10).concat(), text);
    }

    #[test]
    fn latin_breaks_at_spaces_and_long_words_anywhere() {
        assert_eq!(lines("the branch meeting", 12), ["the branch", "meeting"]);
        assert_eq!(
            lines("Supercalifragilistic", 8),
            ["Supercal", "ifragili", "stic"]
        );
        assert_eq!(lines("学习Rust语言", 4), ["学习", "Rust", "语言"]);
        assert_eq!(lines("一行\r\n两行", 10), ["一行", "两行"]);
    }
}
