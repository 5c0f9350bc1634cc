//! The papers built from a ledger: an activity's record page and sign-in sheet, the binder of a
//! range, written as Word and PDF; and what they do with bad input (an activity in the trash, an
//! empty range, a photo that is not an image, a target folder that cannot be written).

mod common;

use ledger::activities::papers::{self, ActivityPaper};
use ledger::attachments::{self, Owner};
use ledger::document::{self, Block, Doc, FormRow, PaperFormat};
use ledger::summary::{self, Range};
use ledger::trash::{self, Kind};
use ledger::{binder, Error, Lang, Ledger};
use tempfile::TempDir;

fn demo() -> (TempDir, Ledger) {
    let (dir, mut ledger) = common::open();
    ledger::demo::load(&mut ledger).unwrap();
    (dir, ledger)
}

/// The Yan'an trip of 2018 (a practice activity with a host, leave and absences).
fn yanan(ledger: &Ledger) -> i64 {
    ledger
        .read()
        .query_row(
            "SELECT id FROM activities WHERE title LIKE '%延安%' AND deleted_at IS NULL ORDER BY date LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

fn form_rows(doc: &Doc) -> Vec<&FormRow> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Form(rows) => Some(rows),
            _ => None,
        })
        .flatten()
        .collect()
}

fn value_of<'a>(doc: &'a Doc, label: &str) -> &'a str {
    form_rows(doc)
        .into_iter()
        .flat_map(|r| &r.cells)
        .find(|(l, _)| l == label)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("no {label}"))
}

#[test]
fn the_record_page_holds_the_standard_form() {
    let (_dir, ledger) = demo();
    let id = yanan(&ledger);
    let a = ledger::activities::get(ledger.read(), id).unwrap();
    let doc = papers::record(ledger.read(), id, Lang::Zh).unwrap();
    assert!(matches!(&doc.blocks[0], Block::Title(t) if t == "实践活动记录"));
    assert_eq!(value_of(&doc, "会议主题"), a.title);
    assert_eq!(value_of(&doc, "地点"), a.place);
    assert_eq!(
        value_of(&doc, "应到人数"),
        format!("{} 人", a.rate.expected)
    );
    assert_eq!(value_of(&doc, "实到人数"), format!("{} 人", a.rate.present));
    // Every attendee stands on the page under what they did.
    let present = value_of(&doc, "出席人员");
    let leave = value_of(&doc, "请假人员（事由）");
    for row in &a.attendance {
        let place = match row.status.code() {
            "present" if row.role.code() == "expected" => present,
            "on_leave" => leave,
            "absent" => value_of(&doc, "缺席人员"),
            _ => value_of(&doc, "列席人员及来宾"),
        };
        assert!(place.contains(&row.name), "{} in {place}", row.name);
        if row.status.code() == "on_leave" && !row.reason.is_empty() {
            assert!(leave.contains(&format!("{}（{}）", row.name, row.reason)));
        }
    }
    let en = papers::record(ledger.read(), id, Lang::En).unwrap();
    assert!(matches!(&en.blocks[0], Block::Title(t) if t == "Record of the practice activity"));
    assert_eq!(value_of(&en, "Topic"), a.title);
}

#[test]
fn the_sign_in_sheet_lists_the_expected_with_room_to_sign() {
    let (_dir, ledger) = demo();
    let id = yanan(&ledger);
    let a = ledger::activities::get(ledger.read(), id).unwrap();
    let doc = papers::sign_in(ledger.read(), id, Lang::Zh).unwrap();
    let table = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .unwrap();
    assert_eq!(
        table.headers,
        ["序号", "姓名", "党小组", "签名", "请假事由"]
    );
    assert!(table.min_lines >= 2, "room for a signature");
    let expected: Vec<&str> = a
        .attendance
        .iter()
        .filter(|r| r.role.code() == "expected")
        .map(|r| r.name.as_str())
        .collect();
    let listed: Vec<&str> = table
        .rows
        .iter()
        .map(|r| r[1].text.as_str())
        .filter(|n| !n.is_empty())
        .collect();
    assert_eq!(listed, expected);
    assert!(table.rows.len() > expected.len(), "blank rows for guests");
    assert_eq!(value_of(&doc, "应到人数"), format!("{} 人", expected.len()));
}

#[test]
fn a_paper_of_an_activity_in_the_trash_is_refused_with_a_sentence() {
    let (_dir, mut ledger) = demo();
    let id = yanan(&ledger);
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Activity, id))
        .unwrap();
    for kind in [ActivityPaper::Record, ActivityPaper::SignIn] {
        let err = papers::paper(ledger.read(), id, kind, Lang::Zh).unwrap_err();
        assert!(matches!(err, Error::ActivityInTrash), "{err:?}");
        assert!(err.message(Lang::Zh).contains("回收站"));
        assert!(err.message(Lang::En).contains("Restore it"));
    }
    let err = papers::paper(ledger.read(), 999_999, ActivityPaper::Record, Lang::Zh).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }));
}

#[test]
fn a_photo_that_is_not_an_image_becomes_a_line_and_the_paper_is_still_made() {
    let (_dir, mut ledger) = demo();
    let id = yanan(&ledger);
    ledger
        .write(|c| {
            attachments::add(
                c,
                Owner::Activity,
                id,
                "photo",
                "合影.jpg",
                b"not a picture",
            )
        })
        .unwrap();
    let doc = papers::record(ledger.read(), id, Lang::Zh).unwrap();
    assert!(doc.blocks.iter().any(
        |b| matches!(b, Block::Paragraph(p) if p.contains("合影.jpg") && p.contains("不是图片"))
    ));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("记录.docx");
    document::write(&doc, PaperFormat::Docx, &path, &mut |_| {}).unwrap();
    assert!(std::fs::read(&path).unwrap().starts_with(b"PK"));
}

#[test]
fn a_real_photo_is_placed_with_its_caption() {
    let (_dir, mut ledger) = demo();
    let id = yanan(&ledger);
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, 40, 30);
        encoder.set_color(png::ColorType::Rgb);
        let mut writer = encoder.write_header().unwrap();
        writer.write_image_data(&[200u8; 40 * 30 * 3]).unwrap();
    }
    ledger
        .write(|c| attachments::add(c, Owner::Activity, id, "photo", "宝塔山前合影.png", &png))
        .unwrap();
    let doc = papers::record(ledger.read(), id, Lang::Zh).unwrap();
    let picture = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Picture(p) => Some(p),
            _ => None,
        })
        .expect("the photo");
    assert_eq!((picture.width, picture.height), (40, 30));
    assert_eq!(picture.caption, "宝塔山前合影");
}

fn binder_of(ledger: &Ledger, range: &Range) -> Doc {
    binder::binder(ledger.read(), range, Lang::Zh, &mut |_| {}).unwrap()
}

fn headings(doc: &Doc, level: u8) -> Vec<&str> {
    doc.blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading { level: l, text } if *l == level => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_binder_of_a_year_holds_every_activity_in_date_order() {
    let (_dir, ledger) = demo();
    let range = summary::year(2019).unwrap();
    let doc = binder_of(&ledger, &range);
    assert!(doc.cover.is_some() && doc.contents);
    assert_eq!(doc.title, "党支部工作台账（2019年）");
    let parts = headings(&doc, 1);
    assert_eq!(parts.len(), 6, "{parts:?}");
    assert!(parts[0].starts_with("一、党员名册（截至 2019-12-31）"));
    let records = headings(&doc, 2);
    let held: i64 = ledger
        .read()
        .query_row(
            "SELECT count(*) FROM activities WHERE deleted_at IS NULL AND date LIKE '2019-%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(records.len() as i64, held);
    let dates: Vec<&str> = records.iter().map(|h| &h[..10]).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "in date order");
    // The roster as it stood at the range's end: everyone in the branch that day but non-members.
    let roster = doc
        .blocks
        .iter()
        .find_map(|b| match b {
            Block::Table(t) if t.headers.contains(&"政治面貌".to_string()) => Some(t),
            _ => None,
        })
        .unwrap();
    let counts = ledger::people::counts_on(ledger.read(), range.to()).unwrap();
    assert_eq!(
        roster.rows.len() as i64,
        counts.full + counts.probationary + counts.candidate + counts.activist + counts.applicant
    );
}

#[test]
fn an_empty_range_gives_a_binder_that_says_so() {
    let (_dir, ledger) = demo();
    let range = Range::new("2010-01-01", "2010-12-31").unwrap();
    let doc = binder_of(&ledger, &range);
    let empty = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(p) if p == "本时段内没有记录。"))
        .count();
    assert_eq!(empty, 6, "every part says it is empty");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("台账.docx");
    document::write(&doc, PaperFormat::Docx, &path, &mut |_| {}).unwrap();
}

#[test]
fn a_target_that_cannot_be_written_leaves_nothing_behind() {
    let (_dir, ledger) = demo();
    let doc = papers::sign_in(ledger.read(), yanan(&ledger), Lang::Zh).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("拔掉的U盘");
    for format in [PaperFormat::Docx, PaperFormat::Pdf] {
        let path = gone.join(format!("签到表.{}", format.code()));
        assert!(document::write(&doc, format, &path, &mut |_| {}).is_err());
        assert!(!gone.exists());
    }
    // A file where the folder should be: still nothing half-written beside it.
    std::fs::write(&gone, b"").unwrap();
    let path = gone.join("签到表.docx");
    assert!(document::write(&doc, PaperFormat::Docx, &path, &mut |_| {}).is_err());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "only the file that was there");
}

#[test]
fn word_papers_repeat_table_headers_and_carry_a_contents_field() {
    let (_dir, ledger) = demo();
    let doc = binder_of(&ledger, &summary::year(2019).unwrap());
    let bytes = document::docx(&doc, &mut |_| {}, 0, 100).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    let tables = xml.matches("<w:tbl>").count();
    let tables_with_headers = doc
        .blocks
        .iter()
        .filter(|b| matches!(b, Block::Table(_)))
        .count();
    assert_eq!(xml.matches("<w:tblHeader/>").count(), tables_with_headers);
    assert!(tables > tables_with_headers, "forms have no header row");
    assert!(
        xml.contains(" TOC \\o &quot;1-2&quot;"),
        "the contents field"
    );
    assert!(
        xml.contains("PAGEREF _Toc1 "),
        "entries point at their headings"
    );
    assert!(xml.contains("w:name=\"_Toc1\""));
}

#[test]
fn the_printable_page_holds_the_form_and_repeats_headers() {
    let (_dir, ledger) = demo();
    let id = yanan(&ledger);
    let html = document::html(&papers::sign_in(ledger.read(), id, Lang::Zh).unwrap());
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains("<thead>"),
        "headers repeat on every printed page"
    );
    assert!(html.contains("签名"));
    assert!(!html.contains("http"), "nothing fetched");
}

#[test]
fn file_names_are_safe_on_windows() {
    assert_eq!(papers::safe_name("学习/讨论：第1次?"), "学习_讨论：第1次_");
    let range = summary::year(2019).unwrap();
    assert_eq!(
        binder::file_name(&range, "pdf", Lang::Zh),
        "支部台账-2019年.pdf"
    );
    assert_eq!(
        binder::file_name(&range, "docx", Lang::En),
        "branch-records-2019.docx"
    );
}
