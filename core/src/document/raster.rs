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
