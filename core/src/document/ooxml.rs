//! The last step of the Word export, done on the .docx (a zip of XML parts) that docx-rs wrote,
//! because docx-rs cannot do it itself: it stores its parts uncompressed, writes no Chinese font table
//! and no East Asian language, and puts the children of property elements out of the order the schema
//! asks for (`w:sz` before `w:rFonts`, `w:rPr` first in `w:pPr`), which Word drops. This repacks the
//! zip, compressed, with 宋体/黑体 described so that WPS and LibreOffice substitute Chinese fonts, and
//! every property element's children in schema order (every other byte as it was).

use crate::{Error, Result};
use std::io::Write;

pub(super) fn zip_error(e: zip::result::ZipError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// The font table Word writes for Chinese documents: 宋体 and 黑体 with their Latin names (SimSun,
/// SimHei), the GB2312 character set and their family, so that WPS and LibreOffice substitute a
/// serif (Song) and a sans (Hei) Chinese font when these are not installed.
const FONT_TABLE: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font><w:font w:name="Arial"><w:panose1 w:val="020B0604020202020204"/><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font><w:font w:name="黑体"><w:altName w:val="SimHei"/><w:panose1 w:val="02010609060101010101"/><w:charset w:val="86"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font><w:font w:name="Symbol"><w:panose1 w:val="05050102010706020507"/><w:charset w:val="02"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>"#;

/// Repacks what docx-rs wrote: compressed, with the Chinese font table, Chinese as the East Asian
/// language, and the children of property elements in the order the schema asks for (docx-rs writes
/// `w:sz` before `w:rFonts`, `w:rPr` first in `w:pPr`; Word drops properties out of sequence).
///
/// Two more things docx-rs cannot write: the header rows of tables (`w:tblHeader`, repeated at the
/// top of every page) and a table of contents that Word, WPS and LibreOffice all read (docx-rs's
/// own puts several field characters in one run, which LibreOffice shows as code).
pub(super) fn finish_docx(raw: Vec<u8>, finish: &Finish) -> Result<Vec<u8>> {
    use std::io::Read;
    use zip::write::SimpleFileOptions;
    use zip::CompressionMethod;
    let mut input = zip::ZipArchive::new(std::io::Cursor::new(raw)).map_err(zip_error)?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..input.len() {
        let mut entry = input.by_index(i).map_err(zip_error)?;
        if entry.is_dir() {
            continue;
        }
        let name = entry.name().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes)?;
        let bytes = if name == "word/fontTable.xml" {
            FONT_TABLE.as_bytes().to_vec()
        } else if name.starts_with("word/") && name.ends_with(".xml") {
            let mut xml =
                String::from_utf8(bytes).map_err(|e| Error::Io(std::io::Error::other(e)))?;
            if name == "word/document.xml" {
                xml = mark_header_rows(&xml, finish.header_tables);
                xml = contents(&xml, finish);
            }
            if name == "word/styles.xml" {
                xml = xml.replacen(
                    "<w:rPrDefault><w:rPr>",
                    "<w:rPrDefault><w:rPr><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>",
                    1,
                );
            }
            canonical(&xml).into_bytes()
        } else {
            bytes
        };
        let options = if name.ends_with(".png") {
            stored
        } else {
            deflated
        };
        out.start_file(name, options).map_err(zip_error)?;
        out.write_all(&bytes)?;
    }
    Ok(out.finish().map_err(zip_error)?.into_inner())
}

/// What `finish_docx` adds to the document.
pub(super) struct Finish<'a> {
    /// Table by table in document order: whether its first row is a header row.
    pub header_tables: &'a [bool],
    /// The headings (level, text) listed in the contents, which replace the paragraph holding
    /// [`CONTENTS_MARKER`].
    pub contents: &'a [(u8, String)],
    /// Each entry's page number as stored (Word recomputes them); empty when unknown.
    pub pages: &'a [usize],
    /// The text width in twips (where the page numbers of the contents stand).
    pub text_width: usize,
}

/// The text of the paragraph that stands where the contents go.
pub(super) const CONTENTS_MARKER: &str = "\u{E000}contents\u{E000}";

fn xml_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A TOC field over the level 1–2 headings, marked dirty so that Word and WPS rebuild it on
/// opening; each entry's page number is a PAGEREF field to the bookmark `_Toc{n}` around its
/// heading, which every reader computes when it lays the pages out.
fn contents(xml: &str, finish: &Finish) -> String {
    let Some(at) = xml.find(CONTENTS_MARKER) else {
        return xml.to_string();
    };
    let start = xml[..at]
        .rfind("<w:p ")
        .or_else(|| xml[..at].rfind("<w:p>"));
    let end = xml[at..].find("</w:p>").map(|e| at + e + "</w:p>".len());
    let (Some(start), Some(end)) = (start, end) else {
        return xml.to_string();
    };
    let width = finish.text_width;
    let entry = |n: usize, level: u8, text: &str, first: bool, last: bool| {
        let page = finish
            .pages
            .get(n - 1)
            .map_or(String::new(), |p| p.to_string());
        let indent = if level > 1 { 420 } else { 0 };
        let mut p = format!(
            "<w:p><w:pPr><w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"{width}\"/></w:tabs><w:spacing w:after=\"60\"/><w:ind w:left=\"{indent}\"/></w:pPr>"
        );
        if first {
            p.push_str("<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> TOC \\o &quot;1-2&quot; \\h \\u </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>");
        }
        p.push_str(&format!(
            "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:tab/></w:r>\
             <w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGEREF _Toc{n} \\h </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>{page}</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            xml_text(text)
        ));
        if last {
            p.push_str("<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>");
        }
        p.push_str("</w:p>");
        p
    };
    let n = finish.contents.len();
    let mut toc = String::new();
    for (i, (level, text)) in finish.contents.iter().enumerate() {
        toc.push_str(&entry(i + 1, *level, text, i == 0, i + 1 == n));
    }
    format!("{}{toc}{}", &xml[..start], &xml[end..])
}

/// Adds `<w:tblHeader/>` to the first row of each table flagged in `header_tables` (every row has a
/// `w:trPr` holding `w:cantSplit`, after which the schema puts `w:tblHeader`).
fn mark_header_rows(xml: &str, header_tables: &[bool]) -> String {
    let mut out = String::with_capacity(xml.len() + 16 * header_tables.len());
    let mut rest = xml;
    let mut flags = header_tables.iter();
    while let Some(at) = rest.find("<w:tbl>") {
        let (before, table) = rest.split_at(at);
        out.push_str(before);
        rest = table;
        if flags.next() == Some(&true) {
            // docx-rs writes `<w:cantSplit />`; the tag ends at the next `>`.
            let tag_end = rest
                .find("<w:cantSplit")
                .and_then(|at| rest[at..].find('>').map(|end| at + end + 1));
            if let Some(split) = tag_end {
                out.push_str(&rest[..split]);
                out.push_str("<w:tblHeader/>");
                rest = &rest[split..];
                continue;
            }
        }
        out.push_str("<w:tbl>");
        rest = &rest["<w:tbl>".len()..];
    }
    out.push_str(rest);
    out
}

/// Children order of the elements reordered (ECMA-376 Part 1, §17).
const ORDERS: &[(&str, &[&str])] = &[
    (
        "w:rPr",
        &[
            "w:ins",
            "w:del",
            "w:moveFrom",
            "w:moveTo",
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
            "w:rPrChange",
        ],
    ),
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
            "w:tblPrChange",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
            "w:headers",
            "w:cellIns",
            "w:cellDel",
            "w:cellMerge",
            "w:tcPrChange",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
            "w:sectPrChange",
        ],
    ),
];

enum Node<'a> {
    /// Text, a declaration, or anything else kept as it is.
    Raw(&'a str),
    Element {
        name: &'a str,
        open: &'a str,
        children: Vec<Node<'a>>,
        close: &'a str,
    },
}

/// The end of the tag starting at `start` (just past its `>`), quotes respected.
fn tag_end(xml: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in xml[start..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(start + i + 1),
            _ => {}
        }
    }
    None
}

fn tag_name(tag: &str) -> &str {
    let inner = tag.trim_start_matches(['<', '/']);
    let end = inner
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(inner.len());
    &inner[..end]
}

/// Parses `xml` into a tree; `None` when it is not well nested (then it is left alone).
fn parse(xml: &str) -> Option<Vec<Node<'_>>> {
    // Each open element: its name, open tag and children so far.
    let mut stack: Vec<(&str, &str, Vec<Node>)> = vec![("", "", Vec::new())];
    let mut pos = 0;
    while pos < xml.len() {
        let Some(lt) = xml[pos..].find('<').map(|i| pos + i) else {
            stack.last_mut()?.2.push(Node::Raw(&xml[pos..]));
            break;
        };
        if lt > pos {
            stack.last_mut()?.2.push(Node::Raw(&xml[pos..lt]));
        }
        let end = tag_end(xml, lt)?;
        let tag = &xml[lt..end];
        if tag.starts_with("<?") || tag.starts_with("<!") {
            stack.last_mut()?.2.push(Node::Raw(tag));
        } else if tag.starts_with("</") {
            let (name, open, children) = stack.pop()?;
            if name != tag_name(tag) || stack.is_empty() {
                return None;
            }
            stack.last_mut()?.2.push(Node::Element {
                name,
                open,
                children,
                close: tag,
            });
        } else if tag.ends_with("/>") {
            stack.last_mut()?.2.push(Node::Element {
                name: tag_name(tag),
                open: tag,
                children: Vec::new(),
                close: "",
            });
        } else {
            stack.push((tag_name(tag), tag, Vec::new()));
        }
        pos = end;
    }
    if stack.len() != 1 {
        return None;
    }
    stack.pop().map(|(_, _, children)| children)
}

fn rank(order: &[&str], node: &Node) -> usize {
    match node {
        Node::Element { name, .. } => order.iter().position(|n| n == name).unwrap_or(order.len()),
        Node::Raw(_) => order.len(),
    }
}

fn write(nodes: &mut [Node], out: &mut String) {
    for node in nodes {
        match node {
            Node::Raw(text) => out.push_str(text),
            Node::Element {
                name,
                open,
                children,
                close,
            } => {
                if let Some((_, order)) = ORDERS.iter().find(|(n, _)| n == name) {
                    children.sort_by_key(|c| rank(order, c));
                }
                out.push_str(open);
                write(children, out);
                out.push_str(close);
            }
        }
    }
}

/// `xml` with the children of the property elements in schema order.
fn canonical(xml: &str) -> String {
    match parse(xml) {
        Some(mut nodes) => {
            let mut out = String::with_capacity(xml.len() + 64);
            write(&mut nodes, &mut out);
            out
        }
        None => xml.to_string(),
    }
}
