//! The Chinese fonts this computer has, looked up once: a Song (serif) face for body text and a Hei
//! (sans) face for headings, as the papers' Word files ask for 宋体 and 黑体. The charts are drawn with
//! them and the PDF embeds a subset of them, so nothing is fetched and no font ships with the app.
//!
//! Windows has SimSun and SimHei; Debian and Ubuntu have Noto CJK (`fonts-noto-cjk`) or WenQuanYi;
//! macOS has Songti and PingFang. When no face of a list is installed, any face that has Chinese
//! characters serves; when there is none at all, a PDF cannot be made (`Error::NoChineseFont`).

use crate::{Error, Result};
use resvg::usvg::fontdb::{self, Database, Family, Query, Source};
use std::sync::{Arc, OnceLock};

/// Song (serif) families, most wanted first.
const SERIF: &[&str] = &[
    "SimSun",
    "宋体",
    "NSimSun",
    "Noto Serif CJK SC",
    "Source Han Serif SC",
    "Songti SC",
    "STSong",
    "AR PL UMing CN",
];

/// Hei (sans) families, most wanted first.
const SANS: &[&str] = &[
    "SimHei",
    "黑体",
    "Microsoft YaHei",
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Heiti SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
];

/// A font file and the face's index in it (a .ttc holds several).
#[derive(Clone)]
pub struct Face {
    pub family: String,
    pub data: Arc<Vec<u8>>,
    pub index: u32,
}

impl std::fmt::Debug for Face {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Face({} #{})", self.family, self.index)
    }
}

/// The system's fonts, and the two faces the papers use.
pub struct Fonts {
    pub db: Arc<Database>,
    pub serif: Option<Face>,
    pub sans: Option<Face>,
}

impl Fonts {
    /// The body face, or [`Error::NoChineseFont`].
    pub fn body(&self) -> Result<&Face> {
        self.serif
            .as_ref()
            .or(self.sans.as_ref())
            .ok_or(Error::NoChineseFont)
    }

    /// The heading face (the body face when there is no Hei face).
    pub fn heading(&self) -> Result<&Face> {
        self.sans.as_ref().map_or_else(|| self.body(), Ok)
    }

    /// The family name SVG text should ask for: the Song face's, then the Hei face's.
    pub fn svg_families(&self) -> String {
        let mut names: Vec<String> = [&self.serif, &self.sans]
            .into_iter()
            .flatten()
            .map(|f| format!("'{}'", f.family))
            .collect();
        names.push("serif".into());
        names.join(", ")
    }
}

/// The fonts of this computer, read on first use (a few hundred milliseconds) and kept.
pub fn system() -> &'static Fonts {
    static FONTS: OnceLock<Fonts> = OnceLock::new();
    FONTS.get_or_init(|| {
        let mut db = Database::new();
        db.load_system_fonts();
        let serif = first_of(&db, SERIF).or_else(|| any_chinese(&db));
        let sans = first_of(&db, SANS);
        if let Some(face) = serif.as_ref().or(sans.as_ref()) {
            db.set_serif_family(face.family.clone());
        }
        if let Some(face) = sans.as_ref().or(serif.as_ref()) {
            db.set_sans_serif_family(face.family.clone());
        }
        Fonts {
            db: Arc::new(db),
            serif,
            sans,
        }
    })
}

fn first_of(db: &Database, families: &[&str]) -> Option<Face> {
    families.iter().find_map(|name| {
        let id = db.query(&Query {
            families: &[Family::Name(name)],
            ..Query::default()
        })?;
        face(db, id)
    })
}

/// Any face that has the characters 党 and 支.
fn any_chinese(db: &Database) -> Option<Face> {
    db.faces().find_map(|info| {
        let chinese = db
            .with_face_data(info.id, |data, index| {
                ttf_parser::Face::parse(data, index)
                    .is_ok_and(|f| f.glyph_index('党').is_some() && f.glyph_index('支').is_some())
            })
            .unwrap_or(false);
        chinese.then(|| face(db, info.id)).flatten()
    })
}

fn face(db: &Database, id: fontdb::ID) -> Option<Face> {
    let info = db.face(id)?;
    let data = match &info.source {
        Source::File(path) | Source::SharedFile(path, _) => std::fs::read(path).ok()?,
        Source::Binary(bytes) => bytes.as_ref().as_ref().to_vec(),
    };
    let family = info.families.first()?.0.clone();
    Some(Face {
        family,
        data: Arc::new(data),
        index: info.index,
    })
}
