//! The page model: each page a list of things to draw at fixed positions (points from the top-left
//! corner), filled block by block; a block that does not fit starts a new page.

use super::layout::{break_lines, Metrics};
use crate::document::{
    Block, Picture, BODY_PT, HEADING1_PT, HEADING2_PT, MARGIN_BOTTOM_MM, MARGIN_SIDE_MM,
    MARGIN_TOP_MM, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, TABLE_PT, TEXT_WIDTH_MM, TITLE_PT,
};

/// Points in a millimetre.
pub fn pt(mm: f32) -> f32 {
    mm * 72.0 / 25.4
}

pub fn page_width() -> f32 {
    pt(PAGE_WIDTH_MM)
}
pub fn page_height() -> f32 {
    pt(PAGE_HEIGHT_MM)
}
pub fn left() -> f32 {
    pt(MARGIN_SIDE_MM)
}
pub fn text_width() -> f32 {
    pt(TEXT_WIDTH_MM)
}
pub fn top() -> f32 {
    pt(MARGIN_TOP_MM)
}
pub fn bottom() -> f32 {
    pt(PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM)
}

/// Line height as a multiple of the type size (Word's 1.5 lines).
pub const LEADING: f32 = 1.5;

/// The Song face for body text, the Hei face for headings and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Body,
    Heading,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// One thing drawn on a page; `y` is a text's baseline, a box's top.
#[derive(Debug, Clone)]
pub enum Item<'a> {
    Text {
        x: f32,
        y: f32,
        size: f32,
        style: Style,
        text: String,
    },
    /// A grey shaded box (drawn under its text) or a bordered one.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        shaded: bool,
    },
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        png: &'a [u8],
    },
}

pub type Page<'a> = Vec<Item<'a>>;

pub struct Fonts<'f> {
    pub body: Metrics<'f>,
    pub heading: Metrics<'f>,
}

impl Fonts<'_> {
    pub fn metrics(&self, style: Style) -> &Metrics<'_> {
        match style {
            Style::Body => &self.body,
            Style::Heading => &self.heading,
        }
    }

    /// `text` broken into lines for a box `first` wide on its first line and `rest` after.
    pub fn lines(&self, text: &str, style: Style, size: f32, first: f32, rest: f32) -> Vec<String> {
        let metrics = self.metrics(style);
        break_lines(text, first, rest, &|c| metrics.advance(c, size))
    }

    pub fn width(&self, text: &str, style: Style, size: f32) -> f32 {
        self.metrics(style).width(text, size)
    }
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    pub style: Style,
    pub size: f32,
    pub align: Align,
    /// The first line's indent in points.
    pub indent: f32,
}

impl Spec {
    pub fn new(style: Style, size: f32, align: Align) -> Spec {
        Spec {
            style,
            size,
            align,
            indent: 0.0,
        }
    }

    pub fn line_height(&self) -> f32 {
        self.size * LEADING
    }
}

/// A level 1 or 2 heading and the index of the page it stands on.
#[derive(Debug, Clone)]
pub struct Entry {
    pub level: u8,
    pub text: String,
    pub page: usize,
    /// The heading's top on its page (where a bookmark jumps to).
    pub y: f32,
}

pub struct Flow<'a, 'f> {
    pub fonts: &'f Fonts<'f>,
    pub pages: Vec<Page<'a>>,
    /// The top of the free space on the last page.
    pub y: f32,
    pub headings: Vec<Entry>,
}

impl<'a, 'f> Flow<'a, 'f> {
    pub fn new(fonts: &'f Fonts<'f>) -> Flow<'a, 'f> {
        Flow {
            fonts,
            pages: vec![Vec::new()],
            y: top(),
            headings: Vec::new(),
        }
    }

    pub fn push(&mut self, item: Item<'a>) {
        if let Some(page) = self.pages.last_mut() {
            page.push(item);
        }
    }

    pub fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = top();
    }

    /// Nothing is on the last page yet.
    pub fn fresh(&self) -> bool {
        self.pages.last().is_none_or(Vec::is_empty)
    }

    pub fn room(&self) -> f32 {
        bottom() - self.y
    }

    /// Start a new page unless `height` fits (or the page is empty: it would not fit anywhere).
    pub fn keep(&mut self, height: f32) {
        if height > self.room() + 0.01 && !self.fresh() {
            self.new_page();
        }
    }

    /// Space between blocks; none at the top of a page.
    pub fn gap(&mut self, height: f32) {
        if !self.fresh() {
            self.y += height;
        }
    }

    /// One line of text in a box from `x`, `width` wide, whose line is `line` tall from `top`.
    pub fn line(&mut self, text: &str, spec: &Spec, (x, width): (f32, f32), top: f32, line: f32) {
        let used = self.fonts.width(text, spec.style, spec.size);
        let x = match spec.align {
            Align::Left => x,
            Align::Centre => x + (width - used) / 2.0,
            Align::Right => x + width - used,
        };
        // CJK faces put the ideographic em box from 0.88 em above the baseline to 0.12 below.
        let y = top + (line - spec.size) / 2.0 + 0.88 * spec.size;
        self.push(Item::Text {
            x,
            y,
            size: spec.size,
            style: spec.style,
            text: text.to_string(),
        });
    }

    /// A run of text across the text width, its lines flowing onto new pages as needed.
    pub fn text(&mut self, text: &str, spec: Spec) {
        let width = text_width();
        let lines = self
            .fonts
            .lines(text, spec.style, spec.size, width - spec.indent, width);
        let height = spec.line_height();
        for (i, line) in lines.iter().enumerate() {
            self.keep(height);
            let indent = if i == 0 { spec.indent } else { 0.0 };
            let y = self.y;
            self.line(line, &spec, (left() + indent, width - indent), y, height);
            self.y += height;
        }
    }

    /// Lay out `block`; `next` is the block after it (a heading stays with its start).
    pub fn block(&mut self, block: &'a Block, next: Option<&Block>) {
        match block {
            Block::Title(t) => {
                self.text(t, Spec::new(Style::Heading, TITLE_PT, Align::Centre));
                self.gap(BODY_PT * 0.5);
            }
            Block::Centred(t) => self.text(t, Spec::new(Style::Body, BODY_PT, Align::Centre)),
            Block::Heading { level, text } => self.heading(*level, text, lead(next)),
            Block::Paragraph(t) => {
                let mut spec = Spec::new(Style::Body, BODY_PT, Align::Left);
                spec.indent = 2.0 * BODY_PT;
                self.text(t, spec);
            }
            Block::Small(t) => self.text(t, Spec::new(Style::Body, 9.0, Align::Right)),
            Block::Form(rows) => super::table::form(self, rows),
            Block::Table(t) => super::table::table(self, t),
            Block::Picture(p) => self.picture(p),
            Block::PageBreak => {
                if !self.fresh() {
                    self.new_page();
                }
            }
        }
    }

    /// A heading, kept on a page with the first `lead` points of what follows.
    fn heading(&mut self, level: u8, text: &str, lead: f32) {
        let size = if level <= 1 { HEADING1_PT } else { HEADING2_PT };
        let spec = Spec::new(Style::Heading, size, Align::Left);
        self.gap(12.0);
        let lines = self
            .fonts
            .lines(text, spec.style, size, text_width(), text_width());
        self.keep(lines.len() as f32 * spec.line_height() + lead);
        if level <= 2 {
            self.headings.push(Entry {
                level,
                text: text.to_string(),
                page: self.pages.len() - 1,
                y: self.y,
            });
        }
        self.text(text, spec);
        self.y += 3.0;
    }

    /// A picture's printed size: `width_mm` wide at most, no taller than `most`.
    fn picture_size(p: &Picture, most: f32) -> (f32, f32) {
        let w = pt((p.width_mm as f32).min(TEXT_WIDTH_MM));
        let h = w * p.height.max(1) as f32 / p.width.max(1) as f32;
        if h > most {
            (w * most / h, most)
        } else {
            (w, h)
        }
    }

    /// A picture `width_mm` wide (smaller if the page cannot hold it) with its caption, on one page.
    fn picture(&mut self, p: &'a Picture) {
        let spec = Spec::new(Style::Body, TABLE_PT, Align::Centre);
        let caption = self.fonts.lines(
            &p.caption,
            spec.style,
            spec.size,
            text_width(),
            text_width(),
        );
        let caption_height = caption.len() as f32 * spec.line_height() + 4.0;
        let (w, h) = Flow::picture_size(p, bottom() - top() - caption_height);
        self.gap(6.0);
        self.keep(h + caption_height);
        if w >= 1.0 && h >= 1.0 {
            let x = left() + (text_width() - w) / 2.0;
            let y = self.y;
            self.push(Item::Image {
                x,
                y,
                w,
                h,
                png: &p.png,
            });
            self.y += h + 4.0;
        }
        self.text(&p.caption, spec);
        self.gap(6.0);
    }
}

/// How much of `next` a heading keeps on its page: two lines of text, a table's title, header and
/// first row, a form's first row, a picture with its caption.
fn lead(next: Option<&Block>) -> f32 {
    let text = 2.0 * BODY_PT * LEADING;
    match next {
        None | Some(Block::PageBreak) => 0.0,
        Some(Block::Table(t)) => super::table::lead(t),
        Some(Block::Form(rows)) => super::table::form_lead(rows),
        Some(Block::Picture(p)) => {
            let caption = TABLE_PT * LEADING;
            Flow::picture_size(p, bottom() - top() - caption).1 + caption
        }
        Some(_) => text,
    }
}
