//! Importing a book catalogue from a spreadsheet (Excel workbook or CSV in UTF-8 or GBK): the preview,
//! the all-or-nothing commit, and the files it refuses.
mod common;

use common::{refused, refused_unsaved, snapshot};
use ledger::book_import::{self, ImportResult, Preview, PreviewRow};
use ledger::books::{self, CopyInput, Location, Source, TitleInput, TitleQuery};
use ledger::{Error, Lang, Ledger, Result};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/books/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn preview(ledger: &Ledger, name: &str, bytes: &[u8]) -> Result<Preview> {
    book_import::preview(ledger.read(), name, bytes, Lang::Zh)
}

fn commit(ledger: &mut Ledger, name: &str, bytes: &[u8]) -> Result<ImportResult> {
    ledger.write(|c| book_import::commit(c, name, bytes, Lang::Zh))
}

/// Titles and copies in the ledger.
fn counts(ledger: &Ledger) -> (i64, i64) {
    let count = |table: &str| -> i64 {
        ledger
            .read()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    (count("book_titles"), count("book_copies"))
}

fn row(preview: &Preview, number: usize) -> &PreviewRow {
    preview
        .rows
        .iter()
        .find(|r| r.row == number)
        .unwrap_or_else(|| panic!("no row {number} in {:#?}", preview.rows))
}

fn labels(row: &PreviewRow) -> Vec<&str> {
    row.labels.iter().map(String::as_str).collect()
}

fn add_title(ledger: &mut Ledger, name: &str, isbn: &str, copy_labels: &[&str]) -> i64 {
    let input = TitleInput {
        name: name.into(),
        publisher: Some("人民出版社".into()),
        isbn: Some(isbn.into()),
        ..Default::default()
    };
    let id = ledger
        .write(|c| books::save_title(c, None, &input))
        .unwrap();
    for label in copy_labels {
        let copy = CopyInput {
            label: (*label).into(),
            location: "bookshelf".into(),
            source: "purchase".into(),
            added_on: "2020-06-01".into(),
            ..Default::default()
        };
        ledger
            .write(|c| books::save_copy(c, None, id, &copy))
            .unwrap();
    }
    id
}

/// What the good files hold (the same books in the workbook and both CSV files).
#[track_caller]
fn assert_good_rows(p: &Preview) {
    assert_eq!(
        p.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        [2, 3, 4, 5, 6, 8, 9],
        "row 7 is empty and skipped"
    );
    assert_eq!((p.ok, p.bad), (7, 0), "{:#?}", p.rows);
    assert_eq!((p.titles_new, p.copies_new), (6, 10));
    assert_eq!(p.ignored_columns, ["序号"]);
    assert!(p
        .rows
        .iter()
        .all(|r| r.existing_title_id.is_none() && r.error.is_none()));

    let r = row(p, 2);
    assert_eq!(r.title, "习近平谈治国理政（第一卷）");
    assert_eq!(
        (r.authors.as_str(), r.publisher.as_str()),
        ("习近平", "外文出版社")
    );
    assert_eq!(
        (r.year, r.isbn.as_deref()),
        (Some(2014), Some("9787119090573"))
    );
    assert_eq!(r.category, "理论著作");
    assert_eq!(r.tags, ["新思想", "必读"]);
    assert_eq!(
        labels(r),
        ["SJ-0001", "SJ-0002"],
        "the labels outnumber 册数 1 and win"
    );
    assert_eq!(
        (r.location, r.source),
        (Location::Bookshelf, Source::Allocated)
    );
    assert_eq!(
        (r.added_on.as_str(), r.condition.as_str()),
        ("2018-03-15", "全新")
    );

    let r = row(p, 3);
    assert_eq!(
        (r.year, r.isbn.as_deref()),
        (Some(2017), Some("9787010184975")),
        "2017年10月"
    );
    assert_eq!(
        labels(r),
        ["SJ-0003", "SJ-0004", "SJ-0005"],
        "三册, labelled in sequence"
    );
    assert_eq!(
        (r.location, r.source),
        (Location::ReadingCorner, Source::Purchase)
    );
    assert_eq!(
        (r.added_on.as_str(), r.notes.as_str()),
        ("2018-03-20", "十九大修订")
    );

    let r = row(p, 4);
    assert_eq!(
        r.isbn.as_deref(),
        Some("9787010199740"),
        "typed as a number"
    );
    assert_eq!(r.tags, ["条例", "支部建设"]);
    assert_eq!(labels(r), ["SJ-0009"]);

    let r = row(p, 5);
    assert_eq!(
        r.isbn.as_deref(),
        Some("9787010026121"),
        "ISBN-10 7-01-002612-2"
    );
    assert_eq!(r.year, Some(1997));
    assert_eq!(labels(r), ["SJ-0006"]);
    assert_eq!(
        (r.location, r.source, r.donor.as_str()),
        (Location::ReadingCorner, Source::Donation, "王谦")
    );
    assert_eq!(r.condition, "旧书，书脊有磨损");

    let r = row(p, 6);
    assert_eq!(r.authors, "埃德加·斯诺");
    assert_eq!(r.tags, ["长征", "红色经典"]);
    assert_eq!(labels(r), ["SJ-0007"]);
    assert_eq!(
        (r.location, r.place.as_str()),
        (Location::Other, "302会议室")
    );
    assert_eq!(
        (r.source, r.donor.as_str()),
        (Source::Donation, "孙进"),
        "孙进捐赠"
    );
    assert_eq!(r.added_on, "2019-10-01", "2019.10.1");

    let r = row(p, 8);
    assert_eq!(
        (r.title.as_str(), r.isbn.as_deref()),
        ("遵义会议纪念馆参观手册", None)
    );
    assert_eq!(labels(r), ["SJ-0008"]);
    assert_eq!((r.source, r.year), (Source::Other, Some(2019)));

    let r = row(p, 9);
    assert_eq!(
        r.same_title_as,
        Some(3),
        "the same ISBN and title as row 3: one title, one more copy"
    );
    assert_eq!(labels(r), ["SJ-0010"], "SJ-0009 is written in row 4");
    assert_eq!(
        (r.location, r.source),
        (Location::Bookshelf, Source::Allocated)
    );
}

#[test]
fn the_workbook_is_previewed_row_by_row_and_nothing_is_saved() {
    let (_dir, ledger) = common::open();
    let before = snapshot(&ledger);
    let p = preview(&ledger, "支部图书.xlsx", &fixture("good.xlsx")).unwrap();
    assert_eq!(p.file_name, "支部图书.xlsx");
    assert_good_rows(&p);
    assert_eq!(snapshot(&ledger), before, "a preview saves nothing");
}

#[test]
fn csv_files_in_utf8_and_gbk_read_like_the_workbook() {
    let (_dir, ledger) = common::open();
    let before = snapshot(&ledger);
    let workbook = preview(&ledger, "good.xlsx", &fixture("good.xlsx")).unwrap();
    let utf8 = preview(&ledger, "good-utf8.csv", &fixture("good-utf8.csv")).unwrap();
    let gbk = preview(&ledger, "good-gbk.csv", &fixture("good-gbk.csv")).unwrap();
    assert_good_rows(&utf8);
    assert_good_rows(&gbk);
    assert_eq!(gbk.rows, utf8.rows);
    assert_eq!(workbook.rows, utf8.rows);

    let with_bom = fixture("good-utf8.csv");
    let without_bom = with_bom
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .expect("the fixture has a BOM");
    let plain = preview(&ledger, "good.csv", without_bom).unwrap();
    assert_eq!(plain.rows, utf8.rows);
    assert_eq!(snapshot(&ledger), before);
}

#[test]
fn commit_saves_every_title_and_copy() {
    let (_dir, mut ledger) = common::open();
    let result = commit(&mut ledger, "good.xlsx", &fixture("good.xlsx")).unwrap();
    assert_eq!(
        result,
        ImportResult {
            titles: 6,
            copies: 10
        }
    );
    assert_eq!(counts(&ledger), (6, 10));

    let copy = books::copy_by_label(ledger.read(), "SJ-0001").unwrap();
    assert_eq!(copy.title, "习近平谈治国理政（第一卷）");
    assert_eq!(
        (copy.location, copy.source),
        (Location::Bookshelf, Source::Allocated)
    );
    assert_eq!(
        (copy.added_on.as_str(), copy.condition.as_str()),
        ("2018-03-15", "全新")
    );
    let copy = books::copy_by_label(ledger.read(), "SJ-0006").unwrap();
    assert_eq!(copy.title, "共产党宣言");
    assert_eq!(
        (copy.location, copy.source, copy.donor.as_str()),
        (Location::ReadingCorner, Source::Donation, "王谦")
    );
    let copy = books::copy_by_label(ledger.read(), "SJ-0007").unwrap();
    assert_eq!(
        (copy.location, copy.place.as_str()),
        (Location::Other, "302会议室")
    );
    assert_eq!(
        (copy.donor.as_str(), copy.added_on.as_str()),
        ("孙进", "2019-10-01")
    );
    let copy = books::copy_by_label(ledger.read(), "SJ-0010").unwrap();
    assert_eq!(copy.title, "中国共产党章程");
    assert_eq!(copy.added_on, "2022-07-01");

    let list = |text: &str| {
        books::list_titles(
            ledger.read(),
            &TitleQuery {
                text: text.into(),
                ..Default::default()
            },
        )
        .unwrap()
        .rows
    };
    let charter = list("中国共产党章程");
    assert_eq!(charter.len(), 1, "rows 3 and 9 are one title");
    let detail = books::get_title(ledger.read(), charter[0].id).unwrap();
    assert_eq!(detail.title.copies, 4);
    assert_eq!(
        (detail.title.year, detail.title.isbn.as_deref()),
        (Some(2017), Some("9787010184975"))
    );
    assert_eq!(detail.title.notes, "十九大修订");
    let labels: Vec<&str> = detail.copies.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["SJ-0003", "SJ-0004", "SJ-0005", "SJ-0010"]);
    assert!(detail.copies[..3]
        .iter()
        .all(|c| c.location == Location::ReadingCorner));

    let xi = &list("治国理政")[0];
    let mut tags = xi.tags.clone();
    tags.sort();
    assert_eq!(tags, ["必读", "新思想"]);
    assert_eq!(
        (xi.year, xi.authors.as_str(), xi.category.as_str()),
        (Some(2014), "习近平", "理论著作")
    );
    assert_eq!(list("共产党宣言")[0].isbn.as_deref(), Some("9787010026121"));
    assert_eq!(list("遵义")[0].isbn, None);
    assert_eq!(books::next_label(ledger.read()).unwrap(), "SJ-0011");

    // The same file again: every label is now taken, so nothing more is saved.
    let again = preview(&ledger, "good.xlsx", &fixture("good.xlsx")).unwrap();
    assert!(
        row(&again, 2).error.as_deref().unwrap().contains("SJ-0001"),
        "{:?}",
        row(&again, 2).error
    );
    assert!(row(&again, 3).existing_title_id.is_some());
    refused_unsaved(&mut ledger, "import_has_errors", None, |l| {
        commit(l, "good.xlsx", &fixture("good.xlsx"))
    });
}

#[test]
fn bad_rows_are_listed_with_their_reasons_and_nothing_is_imported() {
    let (_dir, mut ledger) = common::open();
    let bytes = fixture("bad-rows.csv");
    let p = preview(&ledger, "bad-rows.csv", &bytes).unwrap();
    assert_eq!(
        p.rows.iter().map(|r| r.row).collect::<Vec<_>>(),
        [2, 3, 4, 5, 6, 7, 9, 10]
    );
    assert_eq!((p.ok, p.bad), (2, 6), "{:#?}", p.rows);
    assert_eq!(
        (p.titles_new, p.copies_new),
        (2, 2),
        "what the good rows would add"
    );
    let error = |n: usize| row(&p, n).error.clone().unwrap_or_default();
    assert_eq!(error(2), "");
    assert_eq!(error(10), "");
    assert_eq!(error(3), "请填写书名。");
    assert!(
        error(4).contains("ISBN「978-7-01-002612-0」不正确"),
        "{}",
        error(4)
    );
    assert!(
        error(5).contains("图书编号「SJ-0001」与第 2 行重复"),
        "{}",
        error(5)
    );
    assert!(
        error(6).contains("在第 2 行是《中国共产党章程》"),
        "{}",
        error(6)
    );
    assert!(
        error(7).contains("入藏日期「2019-02-30」不是有效日期"),
        "{}",
        error(7)
    );
    assert_eq!(error(9), "请填写捐赠人。");
    assert_eq!(row(&p, 4).isbn, None);

    let en = book_import::preview(ledger.read(), "bad-rows.csv", &bytes, Lang::En).unwrap();
    let error = |n: usize| {
        en.rows
            .iter()
            .find(|r| r.row == n)
            .unwrap()
            .error
            .clone()
            .unwrap()
    };
    assert_eq!(error(3), "Please fill in title.");
    assert!(error(5).contains("also used in row 2"), "{}", error(5));
    assert!(
        error(6).contains("\"中国共产党章程\" in row 2"),
        "{}",
        error(6)
    );

    let before = counts(&ledger);
    let err = refused_unsaved(&mut ledger, "import_has_errors", None, |l| {
        commit(l, "bad-rows.csv", &bytes)
    });
    assert!(matches!(err, Error::ImportHasErrors { bad: 6 }), "{err:?}");
    assert_eq!(counts(&ledger), before);
    assert_eq!(before, (0, 0));
}

#[test]
fn junk_and_damaged_files_are_unreadable() {
    let (_dir, mut ledger) = common::open();
    for name in ["junk.csv", "junk.xlsx"] {
        let bytes = fixture(name);
        let err = refused(preview(&ledger, name, &bytes), "unreadable");
        assert!(
            matches!(&err, Error::Unreadable { name: n } if n == name),
            "{err:?}"
        );
        assert!(err.message(Lang::Zh).contains(name));
        refused_unsaved(&mut ledger, "unreadable", None, |l| commit(l, name, &bytes));
    }
    let good = fixture("good.xlsx");
    refused(
        preview(&ledger, "cut.xlsx", &good[..good.len() / 2]),
        "unreadable",
    );
    // Neither UTF-8 nor GBK (0xFF is never part of GBK text).
    let mut not_gbk = "书名,作者\n".as_bytes().to_vec();
    not_gbk.extend([0xB9, 0xB2, 0xFF, 0x41, b'\n']);
    refused(preview(&ledger, "not-gbk.csv", &not_gbk), "unreadable");
    // A workbook sent with the wrong name is still read as one.
    let renamed = preview(&ledger, "catalogue.csv", &good).unwrap();
    assert_eq!(renamed.rows.len(), 7);
}

#[test]
fn a_file_without_a_title_column_is_refused() {
    let (_dir, ledger) = common::open();
    let bytes = "作者,出版社,ISBN\n习近平,外文出版社,978-7-119-09057-3\n".as_bytes();
    let err = refused(preview(&ledger, "no-title.csv", bytes), "missing_column");
    assert!(
        matches!(&err, Error::MissingColumn { column } if column == "书名"),
        "{err:?}"
    );
    let err = refused(
        book_import::preview(ledger.read(), "no-title.csv", bytes, Lang::En),
        "missing_column",
    );
    assert!(
        matches!(&err, Error::MissingColumn { column } if column == "title"),
        "{err:?}"
    );
}

#[test]
fn a_file_without_data_rows_previews_as_empty() {
    let (_dir, mut ledger) = common::open();
    for (name, bytes) in [
        ("header.csv", "书名,作者,ISBN\r\n,,\r\n".as_bytes()),
        ("empty.csv", b"".as_slice()),
    ] {
        let p = preview(&ledger, name, bytes).unwrap();
        assert!(p.rows.is_empty(), "{name}");
        assert_eq!((p.ok, p.bad, p.titles_new, p.copies_new), (0, 0, 0, 0));
        assert_eq!(
            commit(&mut ledger, name, bytes).unwrap(),
            ImportResult {
                titles: 0,
                copies: 0
            }
        );
    }
    assert_eq!(counts(&ledger), (0, 0));
}

#[test]
fn an_isbn_already_in_the_ledger_adds_copies_to_that_title() {
    let (_dir, mut ledger) = common::open();
    let id = add_title(&mut ledger, "中国共产党章程", "9787010184975", &["SJ-0001"]);
    let bytes =
        "书名,ISBN,册数,存放位置\n中国共产党章程,978-7-01-018497-5,2,党群图书角\n".as_bytes();
    let p = preview(&ledger, "more.csv", bytes).unwrap();
    let r = row(&p, 2);
    assert_eq!((r.existing_title_id, r.error.as_deref()), (Some(id), None));
    assert_eq!(labels(r), ["SJ-0002", "SJ-0003"]);
    assert_eq!((p.titles_new, p.copies_new), (0, 2));

    let result = commit(&mut ledger, "more.csv", bytes).unwrap();
    assert_eq!(
        result,
        ImportResult {
            titles: 0,
            copies: 2
        }
    );
    assert_eq!(counts(&ledger), (1, 3));
    let detail = books::get_title(ledger.read(), id).unwrap();
    assert_eq!(detail.title.copies, 3);
    assert_eq!(detail.copies[2].location, Location::ReadingCorner);
}

#[test]
fn new_labels_continue_the_sequence_and_skip_those_in_use() {
    let (_dir, mut ledger) = common::open();
    add_title(
        &mut ledger,
        "论持久战",
        "",
        &["SJ-0001", "SJ-0002", "SJ-0003", "A-7"],
    );
    let bytes = "书名,编号,册数\n\
                 共产党宣言,,2\n\
                 为人民服务,SJ-0005,\n\
                 实践论,,1\n\
                 矛盾论,SJ-0002,\n"
        .as_bytes();
    let p = preview(&ledger, "labels.csv", bytes).unwrap();
    assert_eq!(
        labels(row(&p, 2)),
        ["SJ-0004", "SJ-0006"],
        "SJ-0005 is written in row 3"
    );
    assert_eq!(labels(row(&p, 3)), ["SJ-0005"]);
    assert_eq!(labels(row(&p, 4)), ["SJ-0007"]);
    assert_eq!(
        row(&p, 5).error.as_deref(),
        Some("图书编号「SJ-0002」已经存在，请换一个。")
    );
    assert_eq!((p.ok, p.bad), (3, 1));

    let fixed = String::from_utf8(bytes.to_vec())
        .unwrap()
        .replace("SJ-0002", "");
    assert_eq!(
        commit(&mut ledger, "labels.csv", fixed.as_bytes()).unwrap(),
        ImportResult {
            titles: 4,
            copies: 5
        }
    );
    let label = |l: &str| books::copy_by_label(ledger.read(), l).unwrap().title;
    assert_eq!(label("SJ-0006"), "共产党宣言");
    assert_eq!(label("SJ-0008"), "矛盾论");
    assert_eq!(books::next_label(ledger.read()).unwrap(), "SJ-0009");
}

#[test]
fn english_headers_and_excel_unicode_text_are_read() {
    let (_dir, ledger) = common::open();
    // Excel's "Unicode text": UTF-16 with a BOM, tab-separated.
    let text = "Book title\tAuthor\tYear\tISBN\tCopies\tLocation\tSource\tDonor\tDate added\tShelf mark\n\
                On Protracted War\tMao Zedong\t1952\t\t2 本\treading corner\tdonation\tWang Qian\t\tX\n";
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let p = preview(&ledger, "books.txt", &bytes).unwrap();
    assert_eq!(p.ignored_columns, ["Shelf mark"]);
    let r = row(&p, 2);
    assert_eq!(r.error, None);
    assert_eq!(
        (r.title.as_str(), r.authors.as_str(), r.year),
        ("On Protracted War", "Mao Zedong", Some(1952))
    );
    assert_eq!(labels(r), ["SJ-0001", "SJ-0002"]);
    assert_eq!(
        (r.location, r.source, r.donor.as_str()),
        (Location::ReadingCorner, Source::Donation, "Wang Qian")
    );
    assert_eq!(
        r.added_on,
        common::iso(ledger::dates::today()),
        "no date means today"
    );
}

#[test]
fn a_caption_above_the_header_and_line_breaks_in_cells_keep_the_row_numbers() {
    let (_dir, ledger) = common::open();
    let bytes = "支部图书登记表（2019年）,,\n\
                 ,,\n\
                 书名,备注,出版年份\n\
                 共产党宣言,\"第一行\n第二行\",1997\n\
                 \n\
                 实践论,,1952\n"
        .as_bytes();
    let p = preview(&ledger, "caption.csv", bytes).unwrap();
    assert_eq!(p.rows.iter().map(|r| r.row).collect::<Vec<_>>(), [4, 6]);
    assert_eq!(row(&p, 4).notes, "第一行\n第二行");
    assert_eq!((p.ok, p.bad), (2, 0), "{:#?}", p.rows);
}

#[test]
fn a_failure_half_way_leaves_nothing_even_outside_a_transaction() {
    let (_dir, ledger) = common::open();
    // A bare connection, as a tool other than the app would hold it: the importer's own savepoint
    // must undo its rows even where no outer transaction does.
    ledger
        .read()
        .pragma_update(None, "query_only", false)
        .unwrap();
    let before = snapshot(&ledger);
    // Stands in for anything that goes wrong while saving (a full disk, say) after some rows are in.
    ledger
        .read()
        .execute_batch(
            "CREATE TEMP TRIGGER fail_late BEFORE INSERT ON main.book_copies WHEN NEW.label = 'SJ-0007'
             BEGIN SELECT RAISE(ABORT, 'disk full'); END;",
        )
        .unwrap();
    let bytes = fixture("good.xlsx");
    let err = book_import::commit(ledger.read(), "good.xlsx", &bytes, Lang::Zh).unwrap_err();
    assert_eq!(err.code(), "database");
    assert_eq!(snapshot(&ledger), before);
    assert!(ledger.read().is_autocommit(), "the savepoint is released");

    ledger
        .read()
        .execute_batch("DROP TRIGGER fail_late")
        .unwrap();
    let result = book_import::commit(ledger.read(), "good.xlsx", &bytes, Lang::Zh).unwrap();
    assert_eq!(
        result,
        ImportResult {
            titles: 6,
            copies: 10
        }
    );
    assert_eq!(counts(&ledger), (6, 10));
}

#[test]
fn a_workbook_that_would_unpack_to_far_more_than_a_catalogue_is_refused_unread() {
    use std::io::Write;
    let (_dir, ledger) = common::open();
    // A few kB that unpack to 5 MB of nothing: a zip bomb's shape, refused from the zip's directory.
    let mut bomb = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    bomb.start_file("xl/worksheets/sheet1.xml", deflated)
        .unwrap();
    bomb.write_all(&vec![0u8; 5 * 1024 * 1024]).unwrap();
    let bytes = bomb.finish().unwrap().into_inner();
    assert!(bytes.len() < 100_000, "{} bytes", bytes.len());
    refused(preview(&ledger, "图书.xlsx", &bytes), "too_large");
    // A real workbook is read as before.
    assert!(preview(&ledger, "good.xlsx", &fixture("good.xlsx")).is_ok());
}
