//! A [`Doc`] as one self-contained HTML page for printing from the window (the pictures inline, the
//! CSS in the page, nothing fetched): a cover on its own page, table headers repeated on every
//! printed page (`thead`), rows kept whole, forms as boxed tables.

use super::{Block, Doc, FormRow, Picture, Table};
use base64::Engine;

/// `text` escaped for HTML (the summary's page uses the same).
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped, with a line break inside a value (minutes, an address) kept as one.
fn esc(text: &str) -> String {
    escape(text).replace('\n', "<br>")
}

const STYLE: &str = "@page{size:A4;margin:25mm 27mm}\
body{font-family:'SimSun','宋体','Noto Serif CJK SC','Songti SC',serif;font-size:12pt;line-height:1.5;color:#000;margin:0}\
h1,h2,.title,th,.label{font-family:'SimHei','黑体','Noto Sans CJK SC','PingFang SC',sans-serif}\
.title{font-size:22pt;text-align:center;margin:0 0 4pt}.centred{text-align:center;margin:0 0 12pt}\
h1{font-size:16pt;margin:18pt 0 8pt;break-after:avoid}h2{font-size:14pt;margin:14pt 0 6pt;break-after:avoid}\
p.body{text-indent:2em;margin:0}p.small{text-align:right;font-size:9pt}\
table{border-collapse:collapse;width:100%;margin:4pt 0 12pt;font-size:10.5pt}\
th,td{border:1px solid #000;padding:2pt 4pt;vertical-align:middle}th,.label{background:#e7e6e6}\
tr{break-inside:avoid}td.num{text-align:right}.caption{text-align:center;font-size:10.5pt}\
figure{margin:8pt 0;text-align:center;break-inside:avoid}figure img{max-width:100%}\
.cover{height:240mm;display:flex;flex-direction:column;justify-content:center;text-align:center;break-after:page}\
.cover .title{font-size:26pt}.cover .sub{font-size:16pt;margin-top:12pt}.cover .lines{margin-top:60mm;font-size:14pt}\
.break{break-after:page}";

fn table(t: &Table) -> String {
    let mut out = String::new();
    if let Some(title) = &t.title {
        out.push_str(&format!("<h2>{}</h2>", esc(title)));
    }
    out.push_str("<table><thead><tr>");
    for (i, h) in t.headers.iter().enumerate() {
        let width = t
            .widths_mm
            .get(i)
            .map_or(String::new(), |mm| format!(" style=\"width:{mm}mm\""));
        out.push_str(&format!("<th{width}>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    let height = (t.min_lines > 1).then(|| format!(" style=\"height:{}em\"", t.min_lines));
    for row in &t.rows {
        out.push_str(&format!("<tr{}>", height.clone().unwrap_or_default()));
        for c in row {
            let class = if c.right { " class=\"num\"" } else { "" };
            out.push_str(&format!("<td{class}>{}</td>", esc(&c.text)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

fn form(rows: &[FormRow]) -> String {
    let mut out = String::from("<table class=\"form\"><colgroup><col style=\"width:19%\"><col style=\"width:31%\"><col style=\"width:19%\"><col style=\"width:31%\"></colgroup>");
    for row in rows {
        let height = if row.min_lines > 1 {
            format!(" style=\"height:{}em\"", row.min_lines as f32 * 1.5)
        } else {
            String::new()
        };
        out.push_str(&format!("<tr{height}>"));
        let span = if row.cells.len() == 1 {
            " colspan=\"3\""
        } else {
            ""
        };
        for (label, value) in &row.cells {
            out.push_str(&format!(
                "<td class=\"label\">{}</td><td{span}>{}</td>",
                esc(label),
                esc(value)
            ));
        }
        out.push_str("</tr>");
    }
    out.push_str("</table>");
    out
}

fn picture(p: &Picture) -> String {
    format!(
        "<figure><img style=\"width:{}mm\" src=\"data:image/png;base64,{}\" alt=\"{}\"><figcaption class=\"caption\">{}</figcaption></figure>",
        p.width_mm,
        base64::engine::general_purpose::STANDARD.encode(&p.png),
        esc(&p.caption),
        esc(&p.caption)
    )
}

/// `doc` as a printable HTML page.
pub fn html(doc: &Doc) -> String {
    let mut body = String::new();
    if let Some(c) = &doc.cover {
        body.push_str(&format!(
            "<section class=\"cover\"><div class=\"title\">{}</div><div class=\"sub\">{}</div><div class=\"lines\">",
            esc(&c.title),
            esc(&c.subtitle)
        ));
        for (label, value) in &c.lines {
            body.push_str(&format!("<div>{}：{}</div>", esc(label), esc(value)));
        }
        body.push_str("</div></section>");
    }
    for block in &doc.blocks {
        body.push_str(&match block {
            Block::Title(t) => format!("<div class=\"title\">{}</div>", esc(t)),
            Block::Centred(t) => format!("<p class=\"centred\">{}</p>", esc(t)),
            Block::Heading { level: 1, text } => format!("<h1>{}</h1>", esc(text)),
            Block::Heading { text, .. } => format!("<h2>{}</h2>", esc(text)),
            Block::Paragraph(t) => format!("<p class=\"body\">{}</p>", esc(t)),
            Block::Small(t) => format!("<p class=\"small\">{}</p>", esc(t)),
            Block::Form(rows) => form(rows),
            Block::Table(t) => table(t),
            Block::Picture(p) => picture(p),
            Block::PageBreak => "<div class=\"break\"></div>".to_string(),
        });
    }
    format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>",
        doc.lang.pick("zh-CN", "en"),
        esc(&doc.title)
    )
}
