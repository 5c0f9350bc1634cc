//! Excel (.xlsx) through rust_xlsxwriter: the overview sheet, a sheet per section with its tables side
//! by side, and a sheet of chart series with Excel's own charts.

use super::chart::{chart_table, colour_hex, BAR_COLOUR, STACK_COLOURS};
use super::sections::overview;
use super::{
    intro_notes, t, text_width, txt, Cell, Chart, Error, Lang, Result, Section, Summary, Table,
};
use chrono::{Datelike, NaiveDate};

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

struct Formats {
    title: rust_xlsxwriter::Format,
    header: rust_xlsxwriter::Format,
    date: rust_xlsxwriter::Format,
    percent: rust_xlsxwriter::Format,
    decimal: rust_xlsxwriter::Format,
    wrap: rust_xlsxwriter::Format,
}

const XLSX_FONT: &str = "宋体";

impl Formats {
    fn new() -> Formats {
        use rust_xlsxwriter::{Format as F, FormatBorder};
        let base = F::new().set_font_name(XLSX_FONT).set_font_size(11);
        Formats {
            title: F::new().set_font_name("黑体").set_font_size(12).set_bold(),
            header: F::new()
                .set_font_name("黑体")
                .set_font_size(11)
                .set_bold()
                .set_background_color("#E7E6E6")
                .set_border_bottom(FormatBorder::Thin),
            date: base.clone().set_num_format("yyyy-mm-dd"),
            percent: base.clone().set_num_format("0.0%"),
            decimal: base.clone().set_num_format("0.0"),
            wrap: base.set_text_wrap(),
        }
    }
}

/// The width (in characters) each column of `table` wants.
fn column_widths(table: &Table) -> Vec<f64> {
    let mut widths: Vec<usize> = table.headers.iter().map(|h| text_width(h)).collect();
    for row in &table.rows {
        for (j, cell) in row.iter().enumerate() {
            let width = match cell {
                Cell::Date(_) => 10,
                other => text_width(&other.text()),
            };
            if let Some(w) = widths.get_mut(j) {
                *w = (*w).max(width);
            }
        }
    }
    widths
        .into_iter()
        .map(|w| (w as f64 + 2.0).clamp(8.0, 60.0))
        .collect()
}

/// Writes `table` with its title at (`top`, `col`), its headers on the next row and its rows below.
fn xlsx_table(
    ws: &mut rust_xlsxwriter::Worksheet,
    (top, col): (u32, u16),
    table: &Table,
    f: &Formats,
) -> Result<()> {
    ws.write_string_with_format(top, col, &table.title, &f.title)
        .map_err(xlsx_error)?;
    for (j, h) in table.headers.iter().enumerate() {
        ws.write_string_with_format(top + 1, col + j as u16, h, &f.header)
            .map_err(xlsx_error)?;
    }
    for (i, row) in table.rows.iter().enumerate() {
        let r = top + 2 + i as u32;
        for (j, cell) in row.iter().enumerate() {
            let c = col + j as u16;
            match cell {
                Cell::Int(n) => {
                    ws.write_number(r, c, *n as f64).map_err(xlsx_error)?;
                }
                Cell::Rate(Some(x)) => {
                    ws.write_number_with_format(r, c, *x, &f.percent)
                        .map_err(xlsx_error)?;
                }
                Cell::Num(Some(x)) => {
                    ws.write_number_with_format(r, c, *x, &f.decimal)
                        .map_err(xlsx_error)?;
                }
                Cell::Rate(None) | Cell::Num(None) => {}
                Cell::Date(d) => match parse_date(d) {
                    Some(date) => {
                        let dt = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            date.year() as u16,
                            date.month() as u8,
                            date.day() as u8,
                        )
                        .map_err(xlsx_error)?;
                        ws.write_datetime_with_format(r, c, &dt, &f.date)
                            .map_err(xlsx_error)?;
                    }
                    None if d.is_empty() => {}
                    None => {
                        ws.write_string(r, c, d).map_err(xlsx_error)?;
                    }
                },
                Cell::Text(text) => {
                    ws.write_string_with_format(r, c, text, &f.wrap)
                        .map_err(xlsx_error)?;
                }
            }
        }
    }
    Ok(())
}

/// The page header every sheet prints: the branch on the left, the range on the right.
struct PrintHeader(String);

impl PrintHeader {
    fn new(s: &Summary, lang: Lang) -> PrintHeader {
        // "&" starts a code in Excel's header language; "&&" prints one.
        let esc = |t: &str| t.replace('&', "&&");
        let (from, to) = s.range.iso();
        let range = match lang {
            Lang::Zh => format!("{from} 至 {to}"),
            Lang::En => format!("{from} to {to}"),
        };
        PrintHeader(format!("&L{}&R{}", esc(&s.branch), esc(&range)))
    }
}

/// A4, one page wide (as many pages long as needed), landscape when the columns are wider than
/// a portrait page holds, the title and header rows repeated, the branch and range in the header
/// and page numbers in the footer.
fn print_setup(
    ws: &mut rust_xlsxwriter::Worksheet,
    width: f64,
    side_by_side: bool,
    page: (&PrintHeader, Lang),
) -> Result<()> {
    let (header, lang) = page;
    ws.set_paper_size(9);
    if width > PORTRAIT_CHARS {
        ws.set_landscape();
    }
    ws.set_print_fit_to_pages(1, 0);
    if side_by_side {
        ws.set_repeat_rows(0, 1).map_err(xlsx_error)?;
    }
    ws.set_header(&header.0);
    ws.set_footer(lang.pick("&C第 &P 页，共 &N 页", "&CPage &P of &N"));
    Ok(())
}

/// About what fits across a portrait A4 page at 11 pt with the default margins, in characters.
const PORTRAIT_CHARS: f64 = 95.0;
/// Across a landscape page.
const LANDSCAPE_CHARS: f64 = 140.0;

/// Writes tables side by side (one blank column between them, the title and header rows frozen
/// and repeated on every printed page) when they fit across a landscape page, else one under the
/// other (two blank rows between them) so that the printout stays legible.
fn xlsx_sheet(
    ws: &mut rust_xlsxwriter::Worksheet,
    name: &str,
    tables: &[Table],
    f: &Formats,
    page: (&PrintHeader, Lang),
) -> Result<Vec<(u32, u16)>> {
    ws.set_name(name).map_err(xlsx_error)?;
    let widths: Vec<Vec<f64>> = tables.iter().map(column_widths).collect();
    let across: f64 = widths.iter().map(|w| w.iter().sum::<f64>() + 3.0).sum();
    let side_by_side = tables.len() <= 1 || across <= LANDSCAPE_CHARS;
    let mut starts = Vec::new();
    if side_by_side {
        ws.set_freeze_panes(2, 0).map_err(xlsx_error)?;
        let mut col = 0u16;
        for (table, w) in tables.iter().zip(&widths) {
            starts.push((0, col));
            xlsx_table(ws, (0, col), table, f)?;
            for (j, width) in w.iter().enumerate() {
                ws.set_column_width(col + j as u16, *width)
                    .map_err(xlsx_error)?;
            }
            col += w.len() as u16 + 1;
            ws.set_column_width(col - 1, 3).map_err(xlsx_error)?;
        }
        print_setup(ws, across, true, page)?;
        return Ok(starts);
    }
    let mut top = 0u32;
    let mut column = vec![0.0f64; widths.iter().map(Vec::len).max().unwrap_or(0)];
    for (table, w) in tables.iter().zip(&widths) {
        starts.push((top, 0));
        xlsx_table(ws, (top, 0), table, f)?;
        top += table.rows.len() as u32 + 4;
        for (c, width) in column.iter_mut().zip(w) {
            *c = c.max(*width);
        }
    }
    for (j, width) in column.iter().enumerate() {
        ws.set_column_width(j as u16, *width).map_err(xlsx_error)?;
    }
    print_setup(ws, column.iter().sum(), false, page)?;
    Ok(starts)
}

pub(super) fn xlsx(
    s: &Summary,
    sections: &[Section],
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<Vec<u8>> {
    use rust_xlsxwriter::{Chart as XChart, ChartType, Workbook};
    let f = Formats::new();
    let header = PrintHeader::new(s, lang);
    let page = (&header, lang);
    let mut wb = Workbook::new();
    let mut first = vec![overview(s, sections, lang)];
    let intro = intro_notes(s);
    if !intro.is_empty() {
        let mut note = Table::new(
            "notes",
            t(lang, "说明", "Notes"),
            &[lang.pick("内容", "Text")],
        );
        note.rows = intro.iter().map(|p| vec![txt(p.clone())]).collect();
        first.push(note);
    }
    xlsx_sheet(
        wb.add_worksheet(),
        lang.pick("概览", "Overview"),
        &first,
        &f,
        page,
    )?;
    let count = sections.len().max(1) as u32;
    for (i, section) in sections.iter().enumerate() {
        let mut tables = section.tables.clone();
        if !section.note.is_empty() {
            let mut note = Table::new(
                "notes",
                t(lang, "工作情况", "Narrative"),
                &[lang.pick("内容", "Text")],
            );
            note.rows = section.note.iter().map(|p| vec![txt(p.clone())]).collect();
            tables.push(note);
        }
        xlsx_sheet(wb.add_worksheet(), &section.name, &tables, &f, page)?;
        progress(10 + 60 * (i as u32 + 1) / count);
    }
    // The chart series, with Excel's own charts beside them (editable by the secretary).
    let sheet = lang.pick("图表", "Charts").to_string();
    let tables: Vec<Table> = Chart::ALL
        .iter()
        .map(|c| chart_table(*c, s, lang))
        .collect();
    let ws = wb.add_worksheet();
    let starts = xlsx_sheet(ws, &sheet, &tables, &f, page)?;
    let mut anchor = 0u32;
    let chart_col = starts.iter().map(|s| s.1).max().unwrap_or(0) + 3;
    for ((chart, table), &(top, start)) in Chart::ALL.iter().zip(&tables).zip(&starts) {
        if table.rows.is_empty() {
            continue;
        }
        let last = top + 1 + table.rows.len() as u32;
        let mut xc = XChart::new(match chart {
            Chart::MembersByYear => ChartType::ColumnStacked,
            _ => ChartType::Column,
        });
        xc.title().set_name(&table.title);
        let series_cols: Vec<(u16, [u8; 3])> = match chart {
            // Full, probationary, then candidate, activist, applicant (skipping the total).
            Chart::MembersByYear => vec![1, 2, 4, 5, 6].into_iter().zip(STACK_COLOURS).collect(),
            _ => vec![(1, BAR_COLOUR)],
        };
        for (offset, colour) in series_cols {
            let c = start + offset;
            xc.add_series()
                .set_name((sheet.as_str(), top + 1, c))
                .set_categories((sheet.as_str(), top + 2, start, last, start))
                .set_values((sheet.as_str(), top + 2, c, last, c))
                .set_format(rust_xlsxwriter::ChartFormat::new().set_solid_fill(
                    rust_xlsxwriter::ChartSolidFill::new().set_color(colour_hex(colour).as_str()),
                ));
        }
        if *chart == Chart::AttendanceByKind {
            xc.y_axis().set_max(1.0).set_num_format("0%");
        }
        if *chart != Chart::MembersByYear {
            xc.legend().set_hidden();
        }
        ws.insert_chart(anchor, chart_col, &xc)
            .map_err(xlsx_error)?;
        anchor += 17;
    }
    progress(80);
    wb.save_to_buffer().map_err(xlsx_error)
}
