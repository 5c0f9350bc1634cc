//! One model for the window and every export: a section added to the model (here "志愿服务", with a
//! figure, a line and a table) is found in the window's view and in the HTML, CSV, Excel and Word files.

use super::sections::sections;
use super::{csv, html, paper, view, xlsx, Cell, Figure, Lang, Section, Summary, Table};
use crate::summary::{compute, year};
use std::io::Read;

fn demo_2019() -> Summary {
    let dir = tempfile::tempdir().unwrap();
    let mut ledger = crate::Ledger::open_dir(dir.path()).unwrap();
    crate::demo::load(&mut ledger).unwrap();
    compute(ledger.read(), &year(2019).unwrap()).unwrap()
}

/// The model of `summary` with an eighth section, "志愿服务", after the others.
fn with_volunteering(summary: &Summary) -> Vec<Section> {
    let mut model = sections(summary, Lang::Zh);
    let mut table = Table::new(
        "hours",
        "志愿服务时长".into(),
        &["项目", "参加人次", "时长"],
    );
    table.rows.push(vec![
        Cell::Text("社区义诊".into()),
        Cell::Int(12),
        Cell::Num(Some(36.5)),
    ]);
    model.push(Section {
        code: "volunteering",
        heading: "八、志愿服务".into(),
        name: "志愿服务".into(),
        lines: vec!["本年度党员参加志愿服务 12 人次。".into()],
        figures: vec![Figure {
            key: "volunteer-hours",
            label: "志愿服务时长（小时）".into(),
            value: Cell::Num(Some(36.5)),
        }],
        note: Vec::new(),
        charts: Vec::new(),
        tables: vec![table],
    });
    model
}

fn zip_part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn a_section_added_to_the_model_appears_in_the_window_and_every_export() {
    let summary = demo_2019();
    let model = with_volunteering(&summary);

    // The window.
    let v = view::view_of(&summary, &model, Lang::Zh);
    let last = v.sections.last().unwrap();
    assert_eq!(last.code, "volunteering");
    assert_eq!(last.heading, "八、志愿服务");
    assert_eq!(last.lines, ["本年度党员参加志愿服务 12 人次。"]);
    assert_eq!(last.figures[0].key, "volunteer-hours");
    assert_eq!(last.figures[0].value.text, "36.5");
    assert_eq!(last.tables[0].title, "志愿服务时长");
    assert_eq!(last.tables[0].headers, ["项目", "参加人次", "时长"]);
    assert_eq!(last.tables[0].rows[0][0].text, "社区义诊");
    assert_eq!(last.tables[0].rows[0][1].kind, view::CellKind::Number);

    // HTML.
    let page = html::html_of(&summary, &model, Lang::Zh);
    for text in [
        "八、志愿服务",
        "本年度党员参加志愿服务 12 人次。",
        "志愿服务时长",
        "社区义诊",
    ] {
        assert!(page.contains(text), "{text} in the HTML");
    }

    // CSV: the section's table as its own file, and its figure in the overview.
    let files = csv::csv_files(&summary, &model, Lang::Zh).unwrap();
    let (_, hours) = files
        .iter()
        .find(|(name, _)| name == "volunteering-hours.csv")
        .expect("volunteering-hours.csv");
    let hours = String::from_utf8(hours.clone()).unwrap();
    assert!(hours.contains("项目,参加人次,时长"), "{hours}");
    assert!(hours.contains("社区义诊,12,36.5"), "{hours}");
    let overview = String::from_utf8(files[0].1.clone()).unwrap();
    assert!(overview.contains("志愿服务时长（小时）,36.5"), "{overview}");

    // Excel: a sheet named after the section, holding the table.
    use calamine::{Data, Reader};
    let bytes = xlsx::xlsx(&summary, &model, Lang::Zh, &mut |_| {}).unwrap();
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    assert!(book.sheet_names().contains(&"志愿服务".to_string()));
    let sheet = book.worksheet_range("志愿服务").unwrap();
    assert_eq!(
        sheet.get_value((0, 0)),
        Some(&Data::String("志愿服务时长".into()))
    );
    assert_eq!(
        sheet.get_value((2, 0)),
        Some(&Data::String("社区义诊".into()))
    );
    assert_eq!(sheet.get_value((2, 1)), Some(&Data::Float(12.0)));

    // Word.
    let bytes = paper::write(
        &summary,
        &model,
        Lang::Zh,
        crate::document::PaperFormat::Docx,
        &mut |_| {},
    )
    .unwrap();
    let doc = zip_part(&bytes, "word/document.xml");
    for text in [
        "八、志愿服务",
        "本年度党员参加志愿服务 12 人次。",
        "志愿服务时长",
        "社区义诊",
    ] {
        assert!(doc.contains(text), "{text} in the Word file");
    }
}

#[test]
fn the_view_is_the_model_of_the_exports() {
    let summary = demo_2019();
    for lang in [Lang::Zh, Lang::En] {
        let model = sections(&summary, lang);
        let v = view::view(&summary, lang);
        assert_eq!(v.sections.len(), model.len());
        for (seen, built) in v.sections.iter().zip(&model) {
            assert_eq!(seen.heading, built.heading);
            assert_eq!(seen.lines, built.lines);
            assert_eq!(seen.figures.len(), built.figures.len());
            let tables: Vec<&Table> = built.tables.iter().filter(|t| !t.rows.is_empty()).collect();
            assert_eq!(seen.tables.len(), tables.len());
            for (a, b) in seen.tables.iter().zip(tables) {
                assert_eq!(a.title, b.title);
                assert_eq!(a.rows.len(), b.rows.len());
            }
        }
        let activities = &v.sections[2];
        assert!(activities
            .figures
            .iter()
            .any(|f| f.key == "activities-total" && f.value.text.parse::<i64>().unwrap() > 50));
        assert!(activities
            .charts
            .iter()
            .any(|c| c.slug == "activities-per-month"));
        let by_kind = activities
            .tables
            .iter()
            .find(|t| t.slug == "by-kind")
            .unwrap();
        assert_eq!(by_kind.rows[0][4].kind, view::CellKind::Percent);
        assert!(
            v.sections[0].charts[0].series.len() == 5,
            "stacked by stage"
        );
    }
}
