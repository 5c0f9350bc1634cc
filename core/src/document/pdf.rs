//! A [`Doc`] as PDF through krilla: A4, the computer's Song face for body text and its Hei face for
//! headings (subsets embedded, so the text can be searched and copied), laid out here: lines broken
//! by the fonts' advances (`layout`), blocks flowed onto pages (`flow`), tables and forms (`table`).
//! Then a cover, a contents page whose page numbers come from the laid-out pages, and a footer.

mod flow;
mod layout;
mod table;

use super::fonts::{self, Face};
use super::{contents_heading, page_footer, Cover, Doc, BODY_PT};
use crate::{Error, Lang, Result};
use flow::{
    left, page_height, page_width, text_width, top, Align, Entry, Flow, Fonts, Item, Page, Spec,
    Style,
};
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::image::Image;
use krilla::metadata::Metadata;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::text::Font;
use krilla::Document;

fn pdf_error(what: impl std::fmt::Display) -> Error {
    Error::Io(std::io::Error::other(format!("PDF: {what}")))
}

/// `doc` as the bytes of a PDF file, reporting progress from `from` to `to` percent.
pub fn pdf(doc: &Doc, progress: &mut dyn FnMut(u32), from: u32, to: u32) -> Result<Vec<u8>> {
    let system = fonts::system();
    let (body, heading) = (system.body()?, system.heading()?);
    let fonts = Fonts {
        body: layout::Metrics::new(body)?,
        heading: layout::Metrics::new(heading)?,
    };
    // A third for laying out, a third for drawing the pages, a third for writing the font subsets.
    let span = to.saturating_sub(from);
    let (laid, drawn) = (from + span / 3, from + span * 2 / 3);
    let flow = blocks(doc, &fonts, &mut |share| {
        progress(from + (laid - from) * share / 100)
    });
    let cover = doc.cover.as_ref().map(|c| cover(&fonts, c));
    // The cover counts as page 1 without showing its number, as in the Word file.
    let before = usize::from(cover.is_some());
    let mut pages = if doc.contents {
        contents(&fonts, doc.lang, &flow.headings, before)
    } else {
        Vec::new()
    };
    let outline = outline(&flow.headings, before + pages.len());
    pages.extend(flow.pages);
    let total = before + pages.len();
    for (n, page) in pages.iter_mut().enumerate() {
        page.push(footer(
            &fonts,
            &page_footer(doc.lang, before + n + 1, total),
        ));
    }
    let bytes = paint(
        doc,
        cover,
        &pages,
        outline,
        &fonts,
        (body, heading),
        &mut |n| progress(laid + (drawn - laid) * n / total.max(1) as u32),
    )?;
    progress(to);
    Ok(bytes)
}

/// The blocks on pages, reporting the share done in percent.
fn blocks<'a, 'f>(doc: &'a Doc, fonts: &'f Fonts, progress: &mut dyn FnMut(u32)) -> Flow<'a, 'f> {
    let mut flow = Flow::new(fonts);
    let count = doc.blocks.len().max(1) as u32;
    for (i, block) in doc.blocks.iter().enumerate() {
        flow.block(block, doc.blocks.get(i + 1));
        progress(100 * (i as u32 + 1) / count);
    }
    flow
}

fn cover<'a>(fonts: &Fonts, c: &Cover) -> Page<'a> {
    let mut flow = Flow::new(fonts);
    flow.y = top() + 150.0;
    flow.text(&c.title, Spec::new(Style::Heading, 26.0, Align::Centre));
    flow.y += 24.0;
    flow.text(&c.subtitle, Spec::new(Style::Body, 16.0, Align::Centre));
    flow.y += 200.0;
    for (label, value) in &c.lines {
        flow.text(
            &format!("{label}：{value}"),
            Spec::new(Style::Body, 14.0, Align::Centre),
        );
        flow.y += 6.0;
    }
    flow.pages.into_iter().flatten().collect()
}

/// The contents pages. Page numbers count from the first contents page, so the contents is laid
/// out once to learn how many pages it takes and again with the right numbers.
/// The contents pages; `before` pages (the cover) come ahead of them.
fn contents<'a>(fonts: &Fonts, lang: Lang, entries: &[Entry], before: usize) -> Vec<Page<'a>> {
    let first = contents_pass(fonts, lang, entries, before);
    let own = first.len();
    contents_pass(fonts, lang, entries, before + own)
}

/// `doc` laid out without drawing: the body's headings (page indexes from the first body page) and
/// how many pages come before the body (the cover, the contents) and in it.
fn layout_only(doc: &Doc) -> Result<(Vec<Entry>, usize, usize)> {
    let system = fonts::system();
    let fonts = Fonts {
        body: layout::Metrics::new(system.body()?)?,
        heading: layout::Metrics::new(system.heading()?)?,
    };
    let flow = blocks(doc, &fonts, &mut |_| {});
    let cover = usize::from(doc.cover.is_some());
    let own = if doc.contents {
        contents(&fonts, doc.lang, &flow.headings, cover).len()
    } else {
        0
    };
    let body = flow.pages.len();
    Ok((flow.headings, cover + own, body))
}

/// How many pages `doc` takes as PDF (the cover and contents included), from its layout alone.
pub fn page_count(doc: &Doc) -> Result<usize> {
    let (_, before, body) = layout_only(doc)?;
    Ok(before + body)
}

/// The page number (as the footer prints it) of each level 1–2 heading of `doc` laid out as PDF:
/// the Word file's contents shows these until Word or WPS recomputes its own on opening.
pub fn heading_pages(doc: &Doc) -> Result<Vec<usize>> {
    let (headings, before, _) = layout_only(doc)?;
    Ok(headings
        .iter()
        .filter(|e| e.level <= 2)
        .map(|e| before + e.page + 1)
        .collect())
}

fn contents_pass<'a>(fonts: &Fonts, lang: Lang, entries: &[Entry], own: usize) -> Vec<Page<'a>> {
    // Room for the page number at the right, with a little air before it.
    const NUMBER: f32 = 32.0;
    let mut flow = Flow::new(fonts);
    flow.text(
        contents_heading(lang),
        Spec::new(Style::Heading, 16.0, Align::Centre),
    );
    flow.y += BODY_PT;
    let spec = Spec::new(Style::Body, BODY_PT, Align::Left);
    let line = spec.line_height();
    for e in entries {
        let indent = if e.level <= 1 { 0.0 } else { 2.0 * BODY_PT };
        let width = text_width() - indent - NUMBER;
        let lines = fonts.lines(&e.text, spec.style, spec.size, width, width);
        for (i, text) in lines.iter().enumerate() {
            flow.keep(line);
            let y = flow.y;
            flow.line(text, &spec, (left() + indent, width), y, line);
            if i + 1 == lines.len() {
                let used = fonts.width(text, spec.style, spec.size);
                leader_and_number(&mut flow, left() + indent + used, own + e.page + 1);
            }
            flow.y += line;
        }
    }
    flow.pages
}

/// Dots from the end of an entry to its page number, which stands at the right margin.
fn leader_and_number(flow: &mut Flow, from: f32, page: usize) {
    let spec = Spec::new(Style::Body, BODY_PT, Align::Right);
    let line = spec.line_height();
    let y = flow.y;
    let number = page.to_string();
    let right = left() + text_width();
    let number_width = flow.fonts.width(&number, spec.style, spec.size);
    let dot = flow.fonts.width(".", spec.style, spec.size).max(1.0);
    let room = right - number_width - from - 2.0 * dot;
    let dots = ".".repeat((room / dot).floor().max(0.0) as usize);
    flow.line(
        &dots,
        &spec,
        (from, right - number_width - dot - from),
        y,
        line,
    );
    flow.line(&number, &spec, (left(), text_width()), y, line);
}

/// The page number line, centred in the bottom margin (where Word puts its footer, 15 mm up).
fn footer<'a>(fonts: &Fonts, text: &str) -> Item<'a> {
    const SIZE: f32 = 9.0;
    let width = fonts.width(text, Style::Body, SIZE);
    Item::Text {
        x: (page_width() - width) / 2.0,
        y: page_height() - flow::pt(15.0),
        size: SIZE,
        style: Style::Body,
        text: text.to_string(),
    }
}

fn rect(surface: &mut krilla::surface::Surface, (x, y, w, h): (f32, f32, f32, f32), shaded: bool) {
    let Some(r) = Rect::from_xywh(x, y, w, h) else {
        return;
    };
    let mut builder = PathBuilder::new();
    builder.push_rect(r);
    let Some(path) = builder.finish() else {
        return;
    };
    if shaded {
        surface.set_fill(Some(Fill {
            paint: rgb::Color::new(0xE7, 0xE6, 0xE6).into(),
            ..Fill::default()
        }));
        surface.set_stroke(None);
    } else {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            width: 0.5,
            ..Stroke::default()
        }));
    }
    surface.draw_path(&path);
}

/// krilla's font for a face (the whole file is shared, not copied; only a subset is written).
fn krilla_font(face: &Face) -> Result<Font> {
    Font::new(face.data.clone().into(), face.index)
        .ok_or_else(|| pdf_error(format!("cannot read the font {}", face.family)))
}

/// Bookmarks for the headings, level 2 under level 1; `offset` is the first body page's index.
fn outline(entries: &[Entry], offset: usize) -> Outline {
    let mut outline = Outline::new();
    let mut chapter: Option<OutlineNode> = None;
    for e in entries {
        let at = XyzDestination::new(offset + e.page, Point::from_xy(left(), e.y));
        let node = OutlineNode::new(e.text.clone(), at);
        match chapter.as_mut() {
            Some(parent) if e.level > 1 => parent.push_child(node),
            _ if e.level > 1 => outline.push_child(node),
            _ => {
                if let Some(done) = chapter.replace(node) {
                    outline.push_child(done);
                }
            }
        }
    }
    if let Some(done) = chapter {
        outline.push_child(done);
    }
    outline
}

fn paint(
    doc: &Doc,
    cover: Option<Page>,
    pages: &[Page],
    outline: Outline,
    metrics: &Fonts,
    (body, heading): (&Face, &Face),
    progress: &mut dyn FnMut(u32),
) -> Result<Vec<u8>> {
    let fonts = Faces {
        body: krilla_font(body)?,
        heading: krilla_font(heading)?,
        metrics,
    };
    let mut document = Document::new();
    let language = match doc.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    document.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .language(language.into())
            .creator("Branch Ledger".into()),
    );
    document.set_outline(outline);
    if let Some(c) = &cover {
        paint_page(&mut document, c, &fonts)?;
    }
    for (n, page) in pages.iter().enumerate() {
        paint_page(&mut document, page, &fonts)?;
        progress(n as u32 + 1);
    }
    document.finish().map_err(|e| pdf_error(format!("{e:?}")))
}

/// The two faces as krilla draws them, with the metrics their glyphs are placed by.
struct Faces<'m, 'f> {
    body: Font,
    heading: Font,
    metrics: &'m Fonts<'f>,
}

fn paint_page(document: &mut Document, items: &[Item], fonts: &Faces) -> Result<()> {
    let settings =
        PageSettings::from_wh(page_width(), page_height()).ok_or_else(|| pdf_error("page size"))?;
    let mut page = document.start_page_with(settings);
    let mut surface = page.surface();
    for item in items {
        match item {
            Item::Text {
                x,
                y,
                size,
                style,
                text,
            } => {
                let font = match style {
                    Style::Body => fonts.body.clone(),
                    Style::Heading => fonts.heading.clone(),
                };
                surface.set_fill(Some(Fill::default()));
                // The Word file sets its 黑体 bold; a thin outline makes the regular face as heavy.
                surface.set_stroke((*style == Style::Heading).then(|| Stroke {
                    width: size * 0.03,
                    ..Stroke::default()
                }));
                // Glyphs placed by the face's own advances, as the layout measured them: krilla's
                // draw_text would parse the whole CJK face again for every line it shapes.
                let glyphs = fonts.metrics.metrics(*style).glyphs(text);
                let at = Point::from_xy(*x, *y);
                surface.draw_glyphs(at, &glyphs, font, text, *size, false);
            }
            Item::Rect { x, y, w, h, shaded } => rect(&mut surface, (*x, *y, *w, *h), *shaded),
            Item::Image { x, y, w, h, png } => {
                let image = Image::from_png(png.to_vec().into(), true).map_err(pdf_error)?;
                let size = Size::from_wh(*w, *h).ok_or_else(|| pdf_error("picture size"))?;
                surface.push_transform(&Transform::from_translate(*x, *y));
                surface.draw_image(image, size);
                surface.pop();
            }
        }
    }
    surface.finish();
    page.finish();
    Ok(())
}
