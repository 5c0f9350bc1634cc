//! The bookshelf section (支部书架): titles and copies held, loans and borrowers.

use super::super::{join, t, txt, Cell, Lang, Summary, Table};
use super::{records_table, Parts};
use crate::codes::counted;

pub(super) fn bookshelf(s: &Summary, lang: Lang) -> Parts {
    let b = &s.bookshelf;
    let year = s.range.is_calendar_year();
    let (end, within) = match (lang, year) {
        (Lang::Zh, true) => ("年末", "本年度"),
        (Lang::Zh, false) => ("期末", "本期"),
        (Lang::En, true) => ("At the end of the year", "in the year"),
        (Lang::En, false) => ("At the end of the period", "in the period"),
    };
    let mut lines = vec![match lang {
        Lang::Zh => format!(
            "{end}支部书架藏书 {} 种 {} 册，{within}新增 {} 册；借出 {} 次，借阅人 {} 人（党员 {} 人借阅 {} 次，群众及其他读者 {} 人借阅 {} 次）。",
            b.titles, b.copies, b.copies_added, b.loans, b.borrowers, b.member_borrowers, b.member_loans, b.other_borrowers, b.other_loans
        ),
        Lang::En => format!(
            "{end} the bookshelf held {} in {}, {} added {within}; {} to {} ({} borrowed {}, {} {}).",
            counted(b.titles, "title", "titles"),
            counted(b.copies, "copy", "copies"),
            counted(b.copies_added, "copy", "copies"),
            counted(b.loans, "loan", "loans"),
            counted(b.borrowers, "borrower", "borrowers"),
            counted(b.member_borrowers, "member", "members"),
            counted(b.member_loans, "time", "times"),
            counted(b.other_borrowers, "other", "others"),
            counted(b.other_loans, "time", "times"),
        ),
    }];
    if !b.top_titles.is_empty() {
        let top: Vec<String> = b
            .top_titles
            .iter()
            .map(|x| match lang {
                Lang::Zh => format!("《{}》（{} 次）", x.name, x.count),
                Lang::En => format!("{} ({})", x.name, x.count),
            })
            .collect();
        lines.push(match lang {
            Lang::Zh => format!("借阅最多的图书：{}。", join(lang, &top)),
            Lang::En => format!("Most borrowed: {}.", join(lang, &top)),
        });
    }
    let mut figures = Table::new(
        "figures",
        t(lang, "藏书与借阅", "Holdings and loans"),
        &[lang.pick("项目", "Item"), lang.pick("数量", "Number")],
    );
    for (zh, en, n) in [
        ("藏书种数", "Titles held", b.titles),
        ("藏书册数", "Copies held", b.copies),
        ("新增册数", "Copies added", b.copies_added),
        ("借阅次数", "Loans", b.loans),
        ("借阅人数", "Borrowers", b.borrowers),
        ("党员借阅人数", "Member borrowers", b.member_borrowers),
        ("党员借阅次数", "Loans to members", b.member_loans),
        ("其他读者人数", "Other borrowers", b.other_borrowers),
        ("其他读者借阅次数", "Loans to others", b.other_loans),
    ] {
        figures.rows.push(vec![txt(t(lang, zh, en)), Cell::Int(n)]);
    }
    let mut top = Table::new(
        "top-titles",
        t(lang, "借阅最多的图书", "Most borrowed titles"),
        &[lang.pick("书名", "Title"), lang.pick("借阅次数", "Loans")],
    );
    for x in &b.top_titles {
        top.rows.push(vec![txt(x.name.clone()), Cell::Int(x.count)]);
    }
    let records = records_table(
        "",
        t(lang, "借阅记录", "Loans"),
        &[
            lang.pick("借出日期", "Loan date"),
            lang.pick("书名", "Title"),
        ],
        &b.records,
    );
    (lines, vec![], vec![figures, top, records])
}
