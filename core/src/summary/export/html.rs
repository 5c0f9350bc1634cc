//! The printable HTML page: one standalone file, inline CSS, charts as inline SVG.

use super::chart::{chart_caption, chart_svg, chart_table};
use super::sections::sections;
use super::{esc, intro_notes, made_line, range_line, title, Lang, Section, Summary, Table};

const HTML_STYLE: &str = r#"
@page { size: A4; margin: 20mm 18mm 22mm; }
html { background: #f3f3f3; }
body { font-family: SimSun, 'Songti SC', 'Noto Serif CJK SC', serif; font-size: 12pt; line-height: 1.75; color: #000; margin: 0; }
main { background: #fff; max-width: 180mm; margin: 0 auto; padding: 16mm 15mm; }
h1, h2, h3, th, figcaption, .toolbar { font-family: SimHei, 'Heiti SC', 'Noto Sans CJK SC', sans-serif; }
h1 { text-align: center; font-size: 18pt; margin: 0 0 .2em; }
h2 { font-size: 15pt; margin: 1.2em 0 .4em; }
h3 { font-size: 12pt; margin: 1em 0 .3em; }
p { text-indent: 2em; margin: .3em 0; }
p.meta { text-align: center; text-indent: 0; color: #333; }
.note p { text-indent: 2em; }
table { border-collapse: collapse; width: 100%; font-size: 10.5pt; line-height: 1.4; margin: .3em 0 1em; }
th, td { border: 1px solid #444; padding: 3px 6px; vertical-align: top; }
th { background: #eee; font-weight: normal; }
td.num { text-align: right; white-space: nowrap; }
figure { margin: 1em 0; text-align: center; break-inside: avoid; }
figure svg { width: 100%; height: auto; font-family: SimHei, 'Heiti SC', 'Noto Sans CJK SC', sans-serif; }
figcaption { font-size: 10.5pt; }
.toolbar { max-width: 180mm; margin: 0 auto; padding: 8px 0; text-align: right; }
.toolbar button { font: inherit; padding: 4px 14px; }
@media print {
  html { background: #fff; }
  main { max-width: none; margin: 0; padding: 0; }
  .toolbar { display: none; }
  section + section { break-before: page; page-break-before: always; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  tr, figure { break-inside: avoid; page-break-inside: avoid; }
}
"#;

fn html_table(table: &Table, out: &mut String) {
    out.push_str("<table><thead><tr>");
    for h in &table.headers {
        out.push_str(&format!("<th>{}</th>", esc(h)));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &table.rows {
        out.push_str("<tr>");
        for cell in row {
            let class = if cell.is_number() {
                " class=\"num\""
            } else {
                ""
            };
            out.push_str(&format!("<td{class}>{}</td>", esc(&cell.text())));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
}

/// The summary as one standalone, printable HTML page (A4, inline CSS, charts as inline SVG, no
/// external resources): opened in any browser, its button opens the print dialog, so the secretary
/// can print it or save it as PDF.
pub fn html(summary: &Summary, lang: Lang) -> String {
    html_of(summary, &sections(summary, lang), lang)
}

/// The page for `sections` (built from `summary` by [`sections`], or any other list).
pub(super) fn html_of(summary: &Summary, sections: &[Section], lang: Lang) -> String {
    let s = summary;
    let heading = title(s, lang);
    let mut out = String::new();
    out.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{HTML_STYLE}</style></head><body>\n",
        lang.pick("zh-CN", "en"),
        esc(&heading)
    ));
    out.push_str(&format!(
        "<div class=\"toolbar\"><button type=\"button\" onclick=\"window.print()\">{}</button></div>\n<main>\n",
        lang.pick("打印 / 另存为 PDF", "Print / save as PDF")
    ));
    out.push_str(&format!("<header><h1>{}</h1>", esc(&heading)));
    out.push_str(&format!(
        "<p class=\"meta\">{}</p>",
        esc(&range_line(s, lang))
    ));
    let intro = intro_notes(s);
    if !intro.is_empty() {
        out.push_str("<div class=\"note\">");
        for p in &intro {
            out.push_str(&format!("<p>{}</p>", esc(p)));
        }
        out.push_str("</div>");
    }
    out.push_str("</header>\n");
    let mut figure = 0;
    for section in sections {
        out.push_str(&format!(
            "<section id=\"{}\"><h2>{}</h2>",
            section.code,
            esc(&section.heading)
        ));
        for line in &section.lines {
            out.push_str(&format!("<p>{}</p>", esc(line)));
        }
        if !section.note.is_empty() {
            out.push_str("<div class=\"note\">");
            for p in &section.note {
                out.push_str(&format!("<p>{}</p>", esc(p)));
            }
            out.push_str("</div>");
        }
        for chart in &section.charts {
            let data = chart_table(*chart, s, lang);
            if data.rows.is_empty() {
                continue;
            }
            figure += 1;
            out.push_str(&format!(
                "<figure>{}<figcaption>{}</figcaption></figure>",
                chart_svg(*chart, s, lang),
                esc(&chart_caption(*chart, s, lang, figure))
            ));
        }
        for table in &section.tables {
            if table.rows.is_empty() {
                continue;
            }
            out.push_str(&format!("<h3>{}</h3>", esc(&table.title)));
            html_table(table, &mut out);
        }
        out.push_str("</section>\n");
    }
    out.push_str(&format!(
        "<footer><p class=\"meta\">{}</p></footer>\n</main>\n</body></html>\n",
        esc(&made_line(lang))
    ));
    out
}
