//! The papers the secretary hands in or files (the annual summary in Word, the 台账 binder, an
//! activity's record page, the sign-in sheet), described once as a [`Doc`] and written as Word
//! (`docx`) or PDF (`pdf`). A paper is built by the room it belongs to (the summary, the activities)
//! as a list of blocks; the writers know nothing of ledgers, only of pages.
//!
//! Fonts: 宋体 for the body and 黑体 for headings in Word (the names Word, WPS and LibreOffice
//! resolve, `ooxml`); the PDF embeds a subset of the Chinese font the computer has (`fonts`).

mod docx;
pub(crate) mod file;
pub mod fonts;
pub(crate) mod html;
mod ooxml;
mod pdf;
pub mod raster;

pub use docx::docx;
pub use html::html;
pub use pdf::{heading_pages, page_count, pdf};

use crate::{Error, Field, Result};
use std::path::Path;

/// The formats a paper is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperFormat {
    Docx,
    Pdf,
}

impl PaperFormat {
    pub fn code(self) -> &'static str {
        match self {
            PaperFormat::Docx => "docx",
            PaperFormat::Pdf => "pdf",
        }
    }

    /// `docx` or `pdf` (any case).
    pub fn parse(value: &str) -> Result<PaperFormat> {
        match value.trim().to_ascii_lowercase().as_str() {
            "docx" => Ok(PaperFormat::Docx),
            "pdf" => Ok(PaperFormat::Pdf),
            _ => Err(Error::Unknown {
                field: Field::File,
                value: value.to_string(),
            }),
        }
    }
}

/// Writes `doc` as `format` to `path` (through a temporary file beside it), progress 60 to 100.
pub fn write(
    doc: &Doc,
    format: PaperFormat,
    path: &Path,
    progress: &mut dyn FnMut(u32),
) -> Result<()> {
    let bytes = match format {
        PaperFormat::Docx => docx(doc, progress, 60, 95)?,
        PaperFormat::Pdf => pdf(doc, progress, 60, 95)?,
    };
    file::write_atomic(path, &bytes)?;
    progress(100);
    Ok(())
}

use crate::Lang;

/// One paper: an optional cover and contents page, then its blocks, with page numbers in the footer.
#[derive(Debug, Clone)]
pub struct Doc {
    pub lang: Lang,
    /// The title that stands in the file's properties and, without a cover, at the top of page one.
    pub title: String,
    pub cover: Option<Cover>,
    /// A table of contents (the level 1 and 2 headings) after the cover.
    pub contents: bool,
    pub blocks: Vec<Block>,
}

impl Doc {
    /// A paper of a page or two: no cover, no contents.
    pub fn plain(lang: Lang, title: String, blocks: Vec<Block>) -> Doc {
        Doc {
            lang,
            title,
            cover: None,
            contents: false,
            blocks,
        }
    }
}

/// The cover page: the title, a subtitle, and label–value lines (branch, range, date, secretary).
#[derive(Debug, Clone)]
pub struct Cover {
    pub title: String,
    pub subtitle: String,
    pub lines: Vec<(String, String)>,
}

#[derive(Debug, Clone)]
pub enum Block {
    /// A large centred title (the first line of a paper without a cover).
    Title(String),
    /// A centred line under the title (the range, the branch).
    Centred(String),
    /// A heading; levels 1 and 2 go into the contents.
    Heading {
        level: u8,
        text: String,
    },
    /// Body text with a first-line indent.
    Paragraph(String),
    /// A small right-aligned line (when and by what the paper was made).
    Small(String),
    /// A boxed form of label–value rows (the record page's 会议时间, 地点 …), two or four columns.
    Form(Vec<FormRow>),
    Table(Table),
    /// A picture (a chart rasterised by [`raster`], a photo) with its caption under it.
    Picture(Picture),
    /// The next block starts on a new page.
    PageBreak,
}

/// One row of a form: one or two label–value pairs; a value may run over several lines.
#[derive(Debug, Clone)]
pub struct FormRow {
    pub cells: Vec<(String, String)>,
    /// The row is at least this many lines tall (room for handwriting, for long minutes).
    pub min_lines: u32,
}

impl FormRow {
    pub fn one(label: impl Into<String>, value: impl Into<String>) -> FormRow {
        FormRow {
            cells: vec![(label.into(), value.into())],
            min_lines: 1,
        }
    }

    pub fn two(
        label: impl Into<String>,
        value: impl Into<String>,
        label2: impl Into<String>,
        value2: impl Into<String>,
    ) -> FormRow {
        FormRow {
            cells: vec![(label.into(), value.into()), (label2.into(), value2.into())],
            min_lines: 1,
        }
    }

    pub fn tall(mut self, lines: u32) -> FormRow {
        self.min_lines = lines;
        self
    }
}

/// A table whose header row repeats on every page and whose rows never split across pages.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// A bold line above the table (kept on the same page as its first rows).
    pub title: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Every body row is at least this many lines tall (a signature column wants room).
    pub min_lines: u32,
    /// Column widths in millimetres (a form to fill in by hand); empty: from the contents.
    pub widths_mm: Vec<f32>,
}

/// A table cell; numbers are right-aligned.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    pub right: bool,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            right: false,
        }
    }

    pub fn number(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            right: true,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Picture {
    pub png: Vec<u8>,
    /// Pixel size of `png`.
    pub width: u32,
    pub height: u32,
    /// Printed width in millimetres (at most the text width); the height keeps the proportion.
    pub width_mm: u32,
    pub caption: String,
}

/// A4 in millimetres and the margins every paper uses (about the 公文 page: 37 mm top, 35 mm bottom,
/// 28 mm left, 26 mm right, rounded to what both Word and the PDF writer place the same way).
pub const PAGE_WIDTH_MM: f32 = 210.0;
pub const PAGE_HEIGHT_MM: f32 = 297.0;
pub const MARGIN_TOP_MM: f32 = 25.4;
pub const MARGIN_BOTTOM_MM: f32 = 25.4;
pub const MARGIN_SIDE_MM: f32 = 27.0;

/// The width text may take on the page, in millimetres.
pub const TEXT_WIDTH_MM: f32 = PAGE_WIDTH_MM - 2.0 * MARGIN_SIDE_MM;

/// Body text size in points (小四), table text (五号), headings (三号, 四号), title (二号).
pub const BODY_PT: f32 = 12.0;
pub const TABLE_PT: f32 = 10.5;
pub const HEADING1_PT: f32 = 16.0;
pub const HEADING2_PT: f32 = 14.0;
pub const TITLE_PT: f32 = 22.0;

/// The footer's page numbers: "第 1 页，共 3 页" or "Page 1 of 3".
pub fn page_footer(lang: Lang, page: usize, pages: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {page} 页，共 {pages} 页"),
        Lang::En => format!("Page {page} of {pages}"),
    }
}

/// The contents page's heading.
pub fn contents_heading(lang: Lang) -> &'static str {
    lang.pick("目　录", "Contents")
}
