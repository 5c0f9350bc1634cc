//! SVG to PNG for Word: the charts are drawn once as SVG (the window and the printable page show
//! that SVG itself) and rasterised here with resvg, their text in the Chinese font of [`super::fonts`].

use super::fonts;
use crate::{Error, Result};
use resvg::{tiny_skia, usvg};

/// `svg` as a PNG `scale` times its own size, with its pixel width and height.
pub fn png_of_svg(svg: &str, scale: f32) -> Result<(Vec<u8>, u32, u32)> {
    let fonts = fonts::system();
    let options = usvg::Options {
        fontdb: fonts.db.clone(),
        font_family: fonts
            .serif
            .as_ref()
            .or(fonts.sans.as_ref())
            .map_or_else(|| "serif".to_string(), |f| f.family.clone()),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| other(e.to_string()))?;
    let size = tree
        .size()
        .to_int_size()
        .scale_by(scale)
        .ok_or_else(|| other("empty"))?;
    let mut pixmap =
        tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| other("too large"))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    let png = pixmap.encode_png().map_err(|e| other(e.to_string()))?;
    Ok((png, size.width(), size.height()))
}

fn other(message: impl Into<String>) -> Error {
    Error::Io(std::io::Error::other(format!(
        "chart could not be drawn: {}",
        message.into()
    )))
}

/// The widest a photo is kept (pixels): enough for 12 cm at 250 dpi, small enough for the file.
const PHOTO_MAX_WIDTH: u32 = 1200;

/// A photo (PNG or JPEG) as PNG bytes with its pixel size, scaled down to [`PHOTO_MAX_WIDTH`];
/// `None` when the bytes are not a PNG or JPEG picture.
pub fn photo(bytes: &[u8]) -> Option<(Vec<u8>, u32, u32)> {
    let (mime, width, height) = if let Some((w, h)) = png_size(bytes) {
        if w <= PHOTO_MAX_WIDTH {
            return Some((bytes.to_vec(), w, h));
        }
        ("image/png", w, h)
    } else {
        let (w, h) = jpeg_size(bytes)?;
        ("image/jpeg", w, h)
    };
    if width == 0 || height == 0 {
        return None;
    }
    let scale = (PHOTO_MAX_WIDTH as f32 / width as f32).min(1.0);
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\"><image width=\"{width}\" height=\"{height}\" href=\"data:{mime};base64,{}\"/></svg>",
        base64_encode(bytes)
    );
    let (png, w, h) = png_of_svg(&svg, scale).ok()?;
    // A picture that did not decode renders as nothing: all white.
    Some((png, w, h))
}

fn base64_encode(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Width and height from a PNG's header.
fn png_size(b: &[u8]) -> Option<(u32, u32)> {
    if b.len() < 24 || &b[..8] != b"\x89PNG\r\n\x1a\n" || &b[12..16] != b"IHDR" {
        return None;
    }
    let be = |i: usize| u32::from_be_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]]);
    Some((be(16), be(20)))
}

/// Width and height from a JPEG's start-of-frame marker.
fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    if b.len() < 4 || b[0] != 0xFF || b[1] != 0xD8 {
        return None;
    }
    let mut i = 2;
    while i + 9 < b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        let len = u16::from_be_bytes([b[i + 2], b[i + 3]]) as usize;
        let frame = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if frame {
            let h = u16::from_be_bytes([b[i + 5], b[i + 6]]) as u32;
            let w = u16::from_be_bytes([b[i + 7], b[i + 8]]) as u32;
            return Some((w, h));
        }
        i += 2 + len;
    }
    None
}
