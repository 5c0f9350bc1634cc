//! The PDF writer: a paper with every kind of block comes out as an A4 PDF whose Chinese text can be
//! extracted, whose long table repeats its header on the next page, with page numbers in the footer.

use ledger::document::{self, fonts, Block, Cell, Cover, Doc, FormRow, Picture, Table};
use ledger::{Error, Lang};
use std::path::Path;
use std::process::Command;

const TITLE: &str = "第一党支部2026年度工作总结";
const LAST_NAME: &str = "欧阳明月";

/// A small gradient as PNG bytes.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().unwrap();
        let data: Vec<u8> = (0..width * height)
            .flat_map(|i| {
                [
                    (i % width * 255 / width) as u8,
                    90,
                    (i / width * 255 / height) as u8,
                ]
            })
            .collect();
        writer.write_image_data(&data).unwrap();
    }
    out
}

fn table() -> Table {
    let mut rows: Vec<Vec<Cell>> = (1..=119)
        .map(|i| {
            vec![
                Cell::number(i.to_string()),
                Cell::text(format!("党员{i:03}")),
                Cell::text("2026-03-15"),
                Cell::text(if i % 7 == 0 {
                    "按时足额交纳党费，并参加了支部组织的主题党日活动和集中学习。"
                } else {
                    "按时交纳"
                }),
                Cell::number(format!("{}.00", 20 + i)),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::number("120"),
        Cell::text(LAST_NAME),
        Cell::text("2026-12-01"),
        Cell::text("Paid in full"),
        Cell::number("88.50"),
    ]);
    Table {
        title: Some("表1 党费交纳情况".into()),
        headers: ["序号", "姓名", "交纳日期", "备注 Notes", "金额（元）"]
            .map(String::from)
            .to_vec(),
        rows,
        min_lines: 1,
        widths_mm: Vec::new(),
    }
}

fn paper() -> Doc {
    let long = "支部认真学习贯彻党的二十大精神，坚持“三会一课”制度，全年召开支部党员大会四次、支委会十二次，\
                讲党课两次，开展主题党日活动十二次。党员参加学习的积极性明显提高，理论水平和业务能力进一步增强。"
        .repeat(3);
    Doc {
        lang: Lang::Zh,
        title: TITLE.into(),
        cover: Some(Cover {
            title: TITLE.into(),
            subtitle: "（2026年1月—12月）".into(),
            lines: vec![
                ("支部".into(), "第一党支部".into()),
                ("书记".into(), "张建国".into()),
                ("日期".into(), "2026年12月3日".into()),
            ],
        }),
        contents: true,
        blocks: vec![
            Block::Title(TITLE.into()),
            Block::Centred("2026年1月1日至12月31日".into()),
            Block::Heading { level: 1, text: "一、基本情况".into() },
            Block::Paragraph(long),
            Block::Paragraph(
                "The branch held its annual meeting in March; members reviewed the \
                 Supercalifragilisticexpialidociouslylongwordthatcannotfitonasinglelineofthepageatallreally \
                 and agreed on the plan."
                    .into(),
            ),
            Block::Heading { level: 2, text: "（一）组织生活".into() },
            Block::Form(vec![
                FormRow::two("会议时间", "2026年3月15日 14:30", "地点", "党员活动室"),
                FormRow::one("主持人", "张建国"),
                FormRow::one("会议内容", "学习党章，讨论发展党员工作。").tall(6),
            ]),
            Block::Heading { level: 1, text: "二、党费交纳".into() },
            Block::Table(table()),
            Block::Picture(Picture {
                png: png(120, 60),
                width: 120,
                height: 60,
                width_mm: 120,
                caption: "图1 各月活动次数".into(),
            }),
            Block::PageBreak,
            Block::Heading { level: 1, text: "三、下一步打算".into() },
            Block::Paragraph("继续加强支部建设。".into()),
            Block::Small("由支部台账生成".into()),
        ],
    }
}

/// A copy to look at, when `LEDGER_PDF_SHOTS` names a folder.
fn keep_copy(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("LEDGER_PDF_SHOTS") {
        std::fs::write(Path::new(&dir).join(name), bytes).unwrap();
    }
}

fn tool(name: &str) -> bool {
    Command::new(name).arg("-v").output().is_ok()
}

fn run(program: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    run("pdftotext", &["-f", &n, "-l", &n], pdf)
}

#[test]
fn a_paper_with_every_block_comes_out_as_a4_pdf() {
    let doc = paper();
    let mut seen = Vec::new();
    let result = document::pdf(&doc, &mut |p| seen.push(p), 10, 90);
    if fonts::system().body().is_err() {
        assert!(matches!(result, Err(Error::NoChineseFont)));
        return;
    }
    let bytes = result.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert!(seen.iter().all(|p| (10..=90).contains(p)) && seen.last() == Some(&90));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paper.pdf");
    std::fs::write(&path, &bytes).unwrap();
    keep_copy("paper.pdf", &bytes);
    if !(tool("pdftotext") && tool("pdfinfo")) {
        eprintln!("pdftotext/pdfinfo missing (poppler-utils): only the PDF header was checked");
        return;
    }
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(info.contains("595.276 x 841.89 pts (A4)"), "{info}");
    assert!(info.contains(TITLE), "{info}");
    let text = run("pdftotext", &[], &path);
    for wanted in [
        TITLE,
        LAST_NAME,
        "第 2 页",
        "目",
        "一、基本情况",
        "党员活动室",
        "图1 各月活动次数",
    ] {
        assert!(text.contains(wanted), "{wanted} not in:\n{text}");
    }
    // The table runs over pages: the page with its last row is not the one with its first, and
    // it carries the header again.
    let pages: usize = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap();
    let texts: Vec<String> = (1..=pages).map(|p| page_text(&path, p)).collect();
    let first = texts.iter().position(|t| t.contains("党员001")).unwrap();
    let last = texts.iter().position(|t| t.contains(LAST_NAME)).unwrap();
    assert!(last > first, "the table should span pages");
    for page in &texts[first + 1..=last] {
        assert!(page.contains("序号") && page.contains("交纳日期"), "{page}");
    }
    // The cover counts as page 1 but shows no number (as in Word); the contents page is page 2.
    assert!(!texts[0].contains("页"), "{}", texts[0]);
    assert!(
        texts[1].contains(&format!("第 2 页，共 {pages} 页")),
        "{}",
        texts[1]
    );
}

#[test]
fn without_a_chinese_font_there_is_no_pdf() {
    if fonts::system().body().is_ok() {
        return;
    }
    let doc = paper();
    assert!(matches!(
        document::pdf(&doc, &mut |_| {}, 0, 100),
        Err(Error::NoChineseFont)
    ));
}

/// Rows taller than a page, a table without headers, an empty picture, Windows line ends: still a
/// PDF, with every word of the tall cell somewhere in it.
#[test]
fn awkward_blocks_still_make_a_pdf() {
    let minutes = (1..=150)
        .map(|i| format!("第{i}条意见"))
        .collect::<Vec<_>>();
    let mut tall = table();
    tall.rows.truncate(2);
    tall.min_lines = 80;
    let doc = Doc {
        lang: Lang::En,
        title: "Awkward paper".into(),
        cover: None,
        contents: false,
        blocks: vec![
            Block::Paragraph("Line one\r\nline\ttwo".into()),
            Block::Table(Table {
                title: None,
                headers: Vec::new(),
                rows: vec![vec![Cell::text("记录"), Cell::text(minutes.join("\n"))]],
                min_lines: 1,
                widths_mm: Vec::new(),
            }),
            Block::Table(tall),
            Block::Picture(Picture {
                png: png(4, 4),
                width: 4,
                height: 4,
                width_mm: 0,
                caption: "An empty picture".into(),
            }),
        ],
    };
    let result = document::pdf(&doc, &mut |_| {}, 0, 100);
    if fonts::system().body().is_err() {
        assert!(matches!(result, Err(Error::NoChineseFont)));
        return;
    }
    let bytes = result.unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    if !tool("pdftotext") {
        eprintln!("pdftotext missing (poppler-utils): only the PDF header was checked");
        return;
    }
    keep_copy("awkward.pdf", &bytes);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("awkward.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let text = run("pdftotext", &[], &path);
    for wanted in [
        "第1条意见",
        "第150条意见",
        "line two",
        "An empty picture",
        "Page 1 of",
    ] {
        assert!(text.contains(wanted), "{wanted} not in:\n{text}");
    }
}
