//! The year's dues register as branches hand it in: an Excel workbook (the month-by-member grid on a
//! landscape A4 page, then the payments and the hand-overs) and a paper for Word or PDF (each member's
//! year on one line, with the reconciliation). Incomes appear here, as in the register itself.

use super::register::{CellState, Register};
use super::{yuan, Category};
use crate::document::{self, Block, Doc, FormRow, Table};
use crate::{Error, Lang, Result};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet};

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::Io(std::io::Error::other(e.to_string()))
}

/// "微纳加工平台党支部 2020年党员党费收缴登记表".
pub fn title(branch: &str, year: i32, lang: Lang) -> String {
    let what = match lang {
        Lang::Zh => format!("{year}年党员党费收缴登记表"),
        Lang::En => format!("Party dues register {year}"),
    };
    if branch.is_empty() {
        what
    } else {
        format!("{branch} {what}")
    }
}

/// The file name the save dialog offers.
pub fn file_name(year: i32, extension: &str, lang: Lang) -> String {
    format!(
        "{}.{extension}",
        lang.pick(
            &format!("{year}年党费收缴登记表"),
            &format!("party-dues-{year}")
        )
    )
}

fn cell_text(state: CellState, paid_fen: i64, lang: Lang) -> String {
    match state {
        CellState::Paid => yuan(paid_fen),
        CellState::PaidLate => format!("{}*", yuan(paid_fen)),
        CellState::Unpaid => lang.pick("欠缴", "owed").into(),
        CellState::NoBase => lang.pick("无基数", "no base").into(),
        CellState::NotOwed => "—".into(),
        CellState::Open | CellState::Ahead => String::new(),
    }
}

fn months_head(lang: Lang) -> Vec<String> {
    (1..=12)
        .map(|m| match lang {
            Lang::Zh => format!("{m}月"),
            Lang::En => [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
            ][m - 1]
                .into(),
        })
        .collect()
}

fn category(c: Option<Category>, lang: Lang) -> String {
    c.map_or(String::new(), |c| c.label(lang).to_string())
}

/// The reconciliation in one sentence, as the register shows it.
fn reconciliation(r: &Register, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "上年结存 {} 元 + 本年收缴 {} 元 − 本年上缴 {} 元 = 支部结存 {} 元。",
            yuan(r.held_before_fen),
            yuan(r.collected_fen),
            yuan(r.handed_fen),
            yuan(r.held_fen)
        ),
        Lang::En => {
            format!(
            "Held at the start {} + collected {} − handed over {} = held by the branch {} yuan.",
            yuan(r.held_before_fen), yuan(r.collected_fen), yuan(r.handed_fen), yuan(r.held_fen)
        )
        }
    }
}

/// The workbook: the grid, the payments and the hand-overs, each a sheet ready to print.
pub fn xlsx(r: &Register, branch: &str, lang: Lang) -> Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let bold = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let text = Format::new().set_border(FormatBorder::Thin);
    let money = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.00");
    let owed = Format::new()
        .set_border(FormatBorder::Thin)
        .set_font_color("#B00020")
        .set_align(FormatAlign::Center);
    let heading = Format::new().set_bold().set_font_size(14);
    let name = title(branch, r.year, lang);

    let ws = wb
        .add_worksheet()
        .set_name(lang.pick("收缴登记表", "Register"))
        .map_err(xlsx_error)?;
    ws.write_with_format(0, 0, &name, &heading)
        .map_err(xlsx_error)?;
    let mut head = vec![
        lang.pick("序号", "No.").to_string(),
        lang.pick("姓名", "Name").into(),
        lang.pick("缴费类别", "Category").into(),
        lang.pick("月收入基数", "Monthly base").into(),
    ];
    head.extend(months_head(lang));
    head.extend([
        lang.pick("应缴合计", "Due").into(),
        lang.pick("实缴合计", "Paid").into(),
        lang.pick("欠缴", "Owed").into(),
    ]);
    for (c, h) in head.iter().enumerate() {
        ws.write_with_format(2, c as u16, h, &bold)
            .map_err(xlsx_error)?;
    }
    let mut row = 3u32;
    for (i, l) in r.lines.iter().enumerate() {
        ws.write_with_format(row, 0, (i + 1) as u32, &text)
            .map_err(xlsx_error)?;
        ws.write_with_format(row, 1, &l.name, &text)
            .map_err(xlsx_error)?;
        ws.write_with_format(row, 2, category(l.category, lang), &text)
            .map_err(xlsx_error)?;
        match l.income_fen {
            Some(fen) => ws.write_with_format(row, 3, fen as f64 / 100.0, &money),
            None => ws.write_with_format(row, 3, "", &text),
        }
        .map_err(xlsx_error)?;
        for (m, c) in l.cells.iter().enumerate() {
            let col = 4 + m as u16;
            match c.state {
                CellState::Paid => {
                    ws.write_with_format(row, col, c.paid_fen as f64 / 100.0, &money)
                }
                CellState::Unpaid => {
                    ws.write_with_format(row, col, cell_text(c.state, 0, lang), &owed)
                }
                s => ws.write_with_format(row, col, cell_text(s, c.paid_fen, lang), &text),
            }
            .map_err(xlsx_error)?;
        }
        for (k, fen) in [l.totals.due_fen, l.totals.paid_fen, l.totals.arrears_fen]
            .into_iter()
            .enumerate()
        {
            ws.write_with_format(row, 16 + k as u16, fen as f64 / 100.0, &money)
                .map_err(xlsx_error)?;
        }
        row += 1;
    }
    ws.write_with_format(row, 1, lang.pick("合计", "Total"), &bold)
        .map_err(xlsx_error)?;
    for (m, t) in r.months.iter().enumerate() {
        ws.write_with_format(row, 4 + m as u16, t.paid_fen as f64 / 100.0, &money)
            .map_err(xlsx_error)?;
    }
    for (k, fen) in [r.totals.due_fen, r.totals.paid_fen, r.totals.arrears_fen]
        .into_iter()
        .enumerate()
    {
        ws.write_with_format(row, 16 + k as u16, fen as f64 / 100.0, &money)
            .map_err(xlsx_error)?;
    }
    ws.write(row + 2, 1, reconciliation(r, lang))
        .map_err(xlsx_error)?;
    ws.write(
        row + 3,
        1,
        lang.pick("* 为过月补交。", "* paid after its month."),
    )
    .map_err(xlsx_error)?;
    ws.set_column_width(1, 9).map_err(xlsx_error)?;
    ws.set_column_width(2, 8).map_err(xlsx_error)?;
    ws.set_column_range_width(4, 15, 8).map_err(xlsx_error)?;
    ws.set_column_range_width(16, 18, 10).map_err(xlsx_error)?;
    print_setup(ws, &name, lang)?;

    let ws = wb
        .add_worksheet()
        .set_name(lang.pick("收缴明细", "Payments"))
        .map_err(xlsx_error)?;
    let head = [
        lang.pick("收款日期", "Received"),
        lang.pick("姓名", "Name"),
        lang.pick("起始月份", "From"),
        lang.pick("截止月份", "To"),
        lang.pick("金额（元）", "Amount (yuan)"),
        lang.pick("应缴（元）", "Due (yuan)"),
        lang.pick("缴纳方式", "Method"),
        lang.pick("收款人", "Received by"),
        lang.pick("备注", "Notes"),
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_error)?;
    }
    for (i, p) in r.payments.iter().rev().enumerate() {
        let row = i as u32 + 1;
        let due = p.due_fen.map_or(String::new(), yuan);
        let cells = [
            p.received_on.clone(),
            p.person.clone(),
            p.first_month.clone(),
            p.last_month.clone(),
        ];
        for (c, v) in cells.iter().enumerate() {
            ws.write_with_format(row, c as u16, v, &text)
                .map_err(xlsx_error)?;
        }
        ws.write_with_format(row, 4, p.amount_fen as f64 / 100.0, &money)
            .map_err(xlsx_error)?;
        ws.write_with_format(row, 5, due, &text)
            .map_err(xlsx_error)?;
        ws.write_with_format(row, 6, p.method.label(lang), &text)
            .map_err(xlsx_error)?;
        ws.write_with_format(
            row,
            7,
            p.received_by_name.clone().unwrap_or_default(),
            &text,
        )
        .map_err(xlsx_error)?;
        ws.write_with_format(row, 8, &p.notes, &text)
            .map_err(xlsx_error)?;
    }
    ws.set_column_range_width(0, 7, 11).map_err(xlsx_error)?;
    ws.set_column_width(8, 30).map_err(xlsx_error)?;
    print_setup(ws, &name, lang)?;

    let ws = wb
        .add_worksheet()
        .set_name(lang.pick("上缴记录", "Hand-overs"))
        .map_err(xlsx_error)?;
    let head = [
        lang.pick("上缴日期", "Handed over"),
        lang.pick("起始月份", "From"),
        lang.pick("截止月份", "To"),
        lang.pick("金额（元）", "Amount (yuan)"),
        lang.pick("接收党组织", "Handed to"),
        lang.pick("备注", "Notes"),
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_with_format(0, c as u16, *h, &bold)
            .map_err(xlsx_error)?;
    }
    for (i, x) in r.handovers.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, v) in [&x.handed_on, &x.first_month, &x.last_month]
            .iter()
            .enumerate()
        {
            ws.write_with_format(row, c as u16, v.as_str(), &text)
                .map_err(xlsx_error)?;
        }
        ws.write_with_format(row, 3, x.amount_fen as f64 / 100.0, &money)
            .map_err(xlsx_error)?;
        ws.write_with_format(row, 4, &x.recipient, &text)
            .map_err(xlsx_error)?;
        ws.write_with_format(row, 5, &x.notes, &text)
            .map_err(xlsx_error)?;
    }
    ws.set_column_range_width(0, 3, 12).map_err(xlsx_error)?;
    ws.set_column_range_width(4, 5, 28).map_err(xlsx_error)?;
    print_setup(ws, &name, lang)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

fn print_setup(ws: &mut Worksheet, title: &str, lang: Lang) -> Result<()> {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_header(format!("&R{}", title.replace('&', "&&")));
    ws.set_footer(lang.pick("&C第 &P 页，共 &N 页", "&CPage &P of &N"));
    Ok(())
}

/// The paper (Word or PDF): each member's year on one line (base, due, paid, the months owed and
/// how they paid), then the hand-overs and the reconciliation.
pub fn paper(r: &Register, branch: &str, lang: Lang) -> Doc {
    let name = title(branch, r.year, lang);
    let money = |fen: i64| document::Cell::number(yuan(fen));
    let mut members = Table {
        headers: [
            ("序号", "No."),
            ("姓名", "Name"),
            ("缴费类别", "Category"),
            ("月收入基数", "Base"),
            ("应缴", "Due"),
            ("实缴", "Paid"),
            ("欠缴", "Owed"),
            ("未交月份", "Months owed"),
        ]
        .iter()
        .map(|(zh, en)| lang.pick(zh, en).to_string())
        .collect(),
        widths_mm: vec![11.0, 22.0, 24.0, 22.0, 20.0, 20.0, 18.0, 33.0],
        ..Default::default()
    };
    for (i, l) in r.lines.iter().enumerate() {
        let owed: Vec<String> = l
            .cells
            .iter()
            .filter(|c| c.state == CellState::Unpaid)
            .map(|c| c.month[5..].trim_start_matches('0').to_string())
            .collect();
        let owed = if owed.is_empty() {
            String::new()
        } else {
            match lang {
                Lang::Zh => format!("{}月", owed.join("、")),
                Lang::En => owed.join(", "),
            }
        };
        members.rows.push(vec![
            document::Cell::number((i + 1).to_string()),
            document::Cell::text(l.name.clone()),
            document::Cell::text(category(l.category, lang)),
            l.income_fen.map_or(document::Cell::text(""), money),
            money(l.totals.due_fen),
            money(l.totals.paid_fen),
            money(l.totals.arrears_fen),
            document::Cell::text(owed),
        ]);
    }
    members.rows.push(vec![
        document::Cell::text(""),
        document::Cell::text(lang.pick("合计", "Total")),
        document::Cell::text(""),
        document::Cell::text(""),
        money(r.totals.due_fen),
        money(r.totals.paid_fen),
        money(r.totals.arrears_fen),
        document::Cell::text(""),
    ]);
    let mut handed = Table {
        title: Some(lang.pick("上缴记录", "Handed over").into()),
        headers: [
            ("上缴日期", "Date"),
            ("月份", "Months"),
            ("金额（元）", "Amount (yuan)"),
            ("接收党组织", "Handed to"),
        ]
        .iter()
        .map(|(zh, en)| lang.pick(zh, en).to_string())
        .collect(),
        ..Default::default()
    };
    for x in &r.handovers {
        handed.rows.push(vec![
            document::Cell::text(x.handed_on.clone()),
            document::Cell::text(format!("{} – {}", x.first_month, x.last_month)),
            money(x.amount_fen),
            document::Cell::text(x.recipient.clone()),
        ]);
    }
    let mut blocks = vec![
        // The branch goes on the line under the title, which stays on one line.
        Block::Title(title("", r.year, lang)),
        Block::Centred(
            match lang {
                Lang::Zh => format!("{branch}（截至 {}）", r.as_of),
                Lang::En => format!("{branch} (as of {})", r.as_of),
            }
            .trim()
            .to_string(),
        ),
        Block::Form(vec![
            FormRow::two(
                lang.pick("上年结存（元）", "Held at the start"),
                yuan(r.held_before_fen),
                lang.pick("本年收缴（元）", "Collected"),
                yuan(r.collected_fen),
            ),
            FormRow::two(
                lang.pick("本年上缴（元）", "Handed over"),
                yuan(r.handed_fen),
                lang.pick("支部结存（元）", "Held by the branch"),
                yuan(r.held_fen),
            ),
        ]),
        Block::Table(members),
    ];
    if !r.handovers.is_empty() {
        blocks.push(Block::Table(handed));
    }
    blocks.push(Block::Paragraph(reconciliation(r, lang)));
    blocks.push(Block::Small(
        lang.pick(
            "支部书记（签字）：            组织委员（签字）：            日期：",
            "Secretary (signature):            Organisation member (signature):            Date:",
        )
        .into(),
    ));
    Doc::plain(lang, name, blocks)
}

/// Writes register `r` as `format` (`xlsx`, `docx` or `pdf`) to `path`, through a temporary file
/// beside it; progress 0 to 100.
pub fn write(
    r: &Register,
    branch: &str,
    format: &str,
    path: &std::path::Path,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<()> {
    if format.trim().eq_ignore_ascii_case("xlsx") {
        let bytes = xlsx(r, branch, lang)?;
        document::file::write_atomic(path, &bytes)?;
        progress(100);
        return Ok(());
    }
    let format = document::PaperFormat::parse(format)?;
    document::write(&paper(r, branch, lang), format, path, progress)
}
