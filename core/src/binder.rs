//! The 台账 binder (台账汇编): everything an inspection reads for a range (a year, a committee term),
//! as one paper — a cover, the contents, the roster as it stood at the range's end, the record page
//! of every activity in date order, the bulletin issues published, the loans and suggestions
//! registers, and the honours. A part with nothing in the range says so rather than disappearing,
//! so an empty range still gives a binder that shows it is empty.

use crate::activities::papers::{live, record_blocks};
use crate::bookshelf::loans::{self, LoanQuery};
use crate::bulletins::{self, IssueQuery, IssueStatus};
use crate::document::{Block, Cell, Cover, Doc, Table};
use crate::honours::{self, HonourQuery};
use crate::page::Page;
use crate::people::register_on;
use crate::suggestions::{self, AuthorKind, SuggestionQuery};
use crate::summary::Range;
use crate::{dates, settings, Lang, Result};
use rusqlite::Connection;

/// Every row of a paged list, page by page.
fn every<T>(mut page: impl FnMut(i64) -> Result<Page<T>>) -> Result<Vec<T>> {
    let mut out = Vec::new();
    loop {
        let p = page(out.len() as i64)?;
        let done = p.rows.is_empty() || out.len() as i64 + p.rows.len() as i64 >= p.total;
        out.extend(p.rows);
        if done {
            return Ok(out);
        }
    }
}

/// The years a range touches (the lists filter by year; rows are then kept by their date).
fn years(range: &Range) -> std::ops::RangeInclusive<i32> {
    range.from().year()..=range.to().year()
}

/// Every row of a list that filters by year, for each year the range touches, kept when its date
/// (`date_of`) lies in the range, in date order (the list's own order within a day).
fn in_range<T>(
    range: &Range,
    mut page: impl FnMut(i32, i64) -> Result<Page<T>>,
    date_of: impl Fn(&T) -> Option<&str>,
) -> Result<Vec<T>> {
    let mut found = Vec::new();
    for year in years(range) {
        found.extend(
            every(|offset| page(year, offset))?
                .into_iter()
                .filter(|row| date_of(row).is_some_and(|d| within(range, d))),
        );
    }
    found.sort_by(|a, b| date_of(a).cmp(&date_of(b)));
    Ok(found)
}

/// Rows fetched per page from a list (the lists' own limit).
const PAGE: i64 = 1000;

fn within(range: &Range, date: &str) -> bool {
    let (from, to) = range.iso();
    date >= from.as_str() && date <= to.as_str()
}

/// A register: "序号" and the `headers` (Chinese, English), then `rows`.
fn table(lang: Lang, headers: &[(&str, &str)], rows: Vec<Vec<Cell>>) -> Table {
    Table {
        title: None,
        headers: std::iter::once(("序号", "No."))
            .chain(headers.iter().copied())
            .map(|(zh, en)| lang.pick(zh, en).to_string())
            .collect(),
        rows,
        min_lines: 1,
        widths_mm: Vec::new(),
    }
}

fn numbered(i: usize) -> Cell {
    Cell::number((i + 1).to_string())
}

/// A part's heading, then its table, or a sentence when the range holds nothing for it.
fn part(out: &mut Vec<Block>, heading: String, t: Table, lang: Lang) {
    out.push(Block::Heading {
        level: 1,
        text: heading,
    });
    if t.rows.is_empty() {
        out.push(Block::Paragraph(
            lang.pick("本时段内没有记录。", "Nothing was recorded in this period.")
                .to_string(),
        ));
    } else {
        out.push(Block::Table(t));
    }
}

fn roster(conn: &Connection, range: &Range, lang: Lang) -> Result<Table> {
    use crate::people::Gender;
    let rows = register_on(conn, range.to())?
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                numbered(i),
                Cell::text(p.name),
                Cell::text(Gender::label_of(&p.gender, lang)),
                Cell::text(p.stage.label(lang)),
                Cell::text(p.party_group),
                Cell::text(p.admitted_on.unwrap_or_default()),
            ]
        })
        .collect();
    Ok(table(
        lang,
        &[
            ("姓名", "Name"),
            ("性别", "Gender"),
            ("政治面貌", "Standing"),
            ("党小组", "Party group"),
            ("入党时间", "Admitted"),
        ],
        rows,
    ))
}

fn activity_ids(conn: &Connection, range: &Range) -> Result<Vec<i64>> {
    let (from, to) = range.iso();
    let mut stmt = conn.prepare(
        "SELECT id FROM activities WHERE deleted_at IS NULL AND date BETWEEN ?1 AND ?2
         ORDER BY date, time, id",
    )?;
    let rows = stmt.query_map([from, to], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn activities(conn: &Connection, range: &Range, lang: Lang) -> Result<Vec<Block>> {
    let mut out = vec![Block::Heading {
        level: 1,
        text: lang
            .pick("二、组织生活记录", "2. Meetings and activities")
            .to_string(),
    }];
    let ids = activity_ids(conn, range)?;
    if ids.is_empty() {
        out.push(Block::Paragraph(
            lang.pick("本时段内没有记录。", "Nothing was recorded in this period.")
                .to_string(),
        ));
    }
    for (i, id) in ids.into_iter().enumerate() {
        if i > 0 {
            out.push(Block::PageBreak);
        }
        out.extend(record_blocks(conn, &live(conn, id)?, lang)?);
    }
    Ok(out)
}

fn issues(conn: &Connection, range: &Range, lang: Lang) -> Result<Table> {
    let published = IssueStatus::Published.code().to_string();
    let found = in_range(
        range,
        |year, offset| {
            let q = IssueQuery {
                year: Some(year),
                status: Some(published.clone()),
                offset,
                limit: PAGE,
                ..IssueQuery::default()
            };
            bulletins::issue_list(conn, &q)
        },
        |issue| issue.publish_date.as_deref(),
    )?;
    let rows: Vec<(String, bulletins::Issue)> = found
        .into_iter()
        .map(|i| (i.publish_date.clone().unwrap_or_default(), i))
        .collect();
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, (date, issue))| {
            vec![
                numbered(i),
                Cell::text(date),
                Cell::text(issue.series),
                Cell::number(issue.number.to_string()),
                Cell::text(issue.title),
            ]
        })
        .collect();
    Ok(table(
        lang,
        &[
            ("发布日期", "Published"),
            ("刊物", "Series"),
            ("期号", "Issue"),
            ("标题", "Title"),
        ],
        rows,
    ))
}

fn loans(conn: &Connection, range: &Range, lang: Lang) -> Result<Table> {
    let found = in_range(
        range,
        |year, offset| {
            let q = LoanQuery {
                year: Some(year),
                offset,
                limit: PAGE,
                ..LoanQuery::default()
            };
            loans::list(conn, &q)
        },
        |l| Some(l.loaned_on.as_str()),
    )?;
    let returned = |l: &loans::Loan| match (&l.returned_on, &l.lost_on) {
        (Some(d), _) => d.clone(),
        (None, Some(d)) => format!("{d} {}", lang.pick("遗失", "lost")),
        _ => lang.pick("未还", "not returned").to_string(),
    };
    let rows = found
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                numbered(i),
                Cell::text(l.loaned_on.clone()),
                Cell::text(format!("{}（{}）", l.title, l.label)),
                Cell::text(l.person.clone()),
                Cell::text(l.due_on.clone()),
                Cell::text(returned(l)),
            ]
        })
        .collect();
    Ok(table(
        lang,
        &[
            ("借出日期", "Lent"),
            ("书名（编号）", "Title (label)"),
            ("借阅人", "Borrower"),
            ("应还日期", "Due"),
            ("归还日期", "Returned"),
        ],
        rows,
    ))
}

fn suggestion_rows(conn: &Connection, range: &Range, lang: Lang) -> Result<Table> {
    let found = in_range(
        range,
        |year, offset| {
            let q = SuggestionQuery {
                year: Some(year),
                offset,
                limit: PAGE,
                ..SuggestionQuery::default()
            };
            suggestions::list(conn, &q)
        },
        |s| Some(s.received_on.as_str()),
    )?;
    let rows = found
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let author = match s.author_kind {
                AuthorKind::Anonymous => AuthorKind::Anonymous.label(lang).to_string(),
                _ => s.author.clone().unwrap_or_default(),
            };
            let answer = match &s.responded_on {
                Some(d) => format!("{d} {}", s.response),
                None => s.status.label(lang).to_string(),
            };
            vec![
                numbered(i),
                Cell::text(s.received_on.clone()),
                Cell::text(s.channel.label(lang)),
                Cell::text(author),
                Cell::text(s.content.clone()),
                Cell::text(answer),
            ]
        })
        .collect();
    Ok(table(
        lang,
        &[
            ("收到日期", "Received"),
            ("渠道", "Channel"),
            ("反映人", "From"),
            ("意见建议", "Suggestion"),
            ("答复", "Answer"),
        ],
        rows,
    ))
}

fn honour_rows(conn: &Connection, range: &Range, lang: Lang) -> Result<Table> {
    let mut found = Vec::new();
    for year in years(range) {
        let q = |offset| HonourQuery {
            year: Some(year),
            offset,
            limit: PAGE,
            ..HonourQuery::default()
        };
        found.extend(
            every(|offset| honours::list(conn, &q(offset)))?
                .into_iter()
                .filter(|h| match &h.awarded_on {
                    Some(d) => within(range, d),
                    None => range.is_calendar_year() || within(range, &format!("{}-12-31", h.year)),
                }),
        );
    }
    let rows = found
        .into_iter()
        .enumerate()
        .map(|(i, h)| {
            let recipient = h
                .person
                .clone()
                .unwrap_or_else(|| h.recipient_kind.label(lang).to_string());
            vec![
                numbered(i),
                Cell::text(h.awarded_on.clone().unwrap_or_else(|| h.year.to_string())),
                Cell::text(h.title.clone()),
                Cell::text(recipient),
                Cell::text(h.level.label(lang)),
                Cell::text(h.awarding_body.clone()),
            ]
        })
        .collect();
    Ok(table(
        lang,
        &[
            ("日期", "Date"),
            ("荣誉", "Honour"),
            ("获得者", "Recipient"),
            ("级别", "Level"),
            ("授予单位", "Awarded by"),
        ],
        rows,
    ))
}

use chrono::Datelike;

fn period(range: &Range, lang: Lang) -> String {
    let (from, to) = range.iso();
    match lang {
        Lang::Zh => format!("{from} 至 {to}"),
        Lang::En => format!("{from} to {to}"),
    }
}

/// The binder of `range`, with progress from 0 to 60 percent as its parts are read.
pub fn binder(
    conn: &Connection,
    range: &Range,
    lang: Lang,
    progress: &mut dyn FnMut(u32),
) -> Result<Doc> {
    let branch = settings::branch_name(conn)?;
    let title = match (lang, range.is_calendar_year()) {
        (Lang::Zh, true) => format!("党支部工作台账（{}年）", range.from().year()),
        (Lang::En, true) => format!("Party branch records ({})", range.from().year()),
        _ => lang
            .pick("党支部工作台账", "Party branch records")
            .to_string(),
    };
    let mut blocks = Vec::new();
    let as_of = match lang {
        Lang::Zh => format!("一、党员名册（截至 {}）", dates::iso(range.to())),
        Lang::En => format!("1. Roster (as of {})", dates::iso(range.to())),
    };
    part(&mut blocks, as_of, roster(conn, range, lang)?, lang);
    blocks.push(Block::PageBreak);
    progress(10);
    blocks.extend(activities(conn, range, lang)?);
    blocks.push(Block::PageBreak);
    progress(40);
    let parts = [
        (
            lang.pick("三、宣传工作", "3. Bulletins and articles"),
            issues(conn, range, lang)?,
        ),
        (
            lang.pick("四、图书借阅登记", "4. Book loans"),
            loans(conn, range, lang)?,
        ),
        (
            lang.pick("五、群众意见建议登记", "5. Suggestions"),
            suggestion_rows(conn, range, lang)?,
        ),
        (
            lang.pick("六、荣誉", "6. Honours"),
            honour_rows(conn, range, lang)?,
        ),
    ];
    for (heading, t) in parts {
        part(&mut blocks, heading.to_string(), t, lang);
    }
    progress(60);
    // The branch stands under the title (the cover's subtitle).
    let lines = vec![
        (lang.pick("时段", "Period").to_string(), period(range, lang)),
        (
            lang.pick("编制日期", "Date").to_string(),
            dates::iso(dates::today()),
        ),
    ];
    Ok(Doc {
        lang,
        title: title.clone(),
        cover: Some(Cover {
            title,
            subtitle: branch,
            lines,
        }),
        contents: true,
        blocks,
    })
}

/// The name the app suggests when it asks where to save: "支部台账-2019年.pdf", "支部台账-2016-11-18至2020-09-18.docx".
pub fn file_name(range: &Range, ext: &str, lang: Lang) -> String {
    let (from, to) = range.iso();
    let what = lang.pick("支部台账", "branch-records");
    match (range.is_calendar_year(), lang) {
        (true, Lang::Zh) => format!("{what}-{}年.{ext}", range.from().year()),
        (true, Lang::En) => format!("{what}-{}.{ext}", range.from().year()),
        (false, Lang::Zh) => format!("{what}-{from}至{to}.{ext}"),
        (false, Lang::En) => format!("{what}-{from}-to-{to}.{ext}"),
    }
}
