//! Party dues (党费): the 2008 rules kept in the ledger, bases, payments of several months and in
//! advance, amounts other than due kept with a note, hand-overs, the year's register with its
//! reconciliation, the arrears reminders, the trash, and every refusal with nothing saved.
mod common;

use common::{add_ok, change_stage, date, refused_unsaved, transfer};
use ledger::dues::bases::{self, BaseInput};
use ledger::dues::handovers::{self, HandoverInput};
use ledger::dues::payments::{self, PaymentInput};
use ledger::dues::register::{self, CellState};
use ledger::dues::rules::{self, BracketInput, RuleSetInput, Rules};
use ledger::dues::{Category, Month};
use ledger::people::Direction;
use ledger::trash::{self, Kind};
use ledger::{Field, Ledger, Result};

fn month(s: &str) -> Month {
    Month::parse(Field::Month, s).unwrap()
}

fn base(person: i64, from: &str, category: &str, income: &str) -> BaseInput {
    BaseInput {
        person_id: Some(person),
        from_month: from.into(),
        category: category.into(),
        income: income.into(),
        ..Default::default()
    }
}

fn payment(person: i64, first: &str, months: i64, amount: &str, on: &str) -> PaymentInput {
    PaymentInput {
        person_id: Some(person),
        first_month: first.into(),
        months: Some(months),
        amount: amount.into(),
        received_on: on.into(),
        method: "cash".into(),
        ..Default::default()
    }
}

fn save_base(l: &mut Ledger, input: &BaseInput) -> Result<i64> {
    l.write(|c| bases::save(c, None, input))
}

fn pay(l: &mut Ledger, input: &PaymentInput) -> Result<i64> {
    l.write(|c| payments::save(c, None, input))
}

/// A full member since 2016 with an employed base of 8,000 yuan (120.00 a month) from January 2026.
fn member(l: &mut Ledger, name: &str) -> i64 {
    let id = add_ok(l, name, "full", "2016-05-20");
    save_base(l, &base(id, "2026-01", "employed", "8000")).unwrap();
    id
}

#[test]
fn the_2008_rules_give_each_bracket_its_rate() {
    let (_dir, ledger) = common::open();
    let rules = Rules::load(ledger.read()).unwrap();
    let due = |category, yuan: i64| rules.due(month("2026-03"), category, yuan * 100, None);
    assert_eq!(
        due(Category::Employed, 3000),
        Some(1500),
        "up to 3,000: 0.5 %"
    );
    assert_eq!(
        rules.due(month("2026-03"), Category::Employed, 300001, None),
        Some(3000),
        "over 3,000: 1 %"
    );
    assert_eq!(due(Category::Employed, 5000), Some(5000));
    assert_eq!(due(Category::Employed, 8000), Some(12000), "1.5 %");
    assert_eq!(due(Category::Employed, 10000), Some(15000));
    assert_eq!(due(Category::Employed, 12000), Some(24000), "2 %");
    assert_eq!(due(Category::Retired, 5000), Some(2500));
    assert_eq!(due(Category::Retired, 6000), Some(6000));
    assert_eq!(due(Category::Student, 0), Some(20));
    assert_eq!(
        rules.due(month("2026-03"), Category::Farmer, 0, Some(50)),
        Some(50)
    );
    assert_eq!(
        rules.due(month("2026-03"), Category::Employed, 123457, None),
        Some(617),
        "half a fen rounds up"
    );
    assert_eq!(
        rules.due(month("2007-12"), Category::Employed, 100000, None),
        None,
        "before any rule"
    );
    let sets = rules::list(ledger.read()).unwrap();
    assert_eq!(sets.len(), 1);
    assert_eq!(sets[0].valid_from, "2008-01");
    assert_eq!(sets[0].brackets.len(), 10);
}

#[test]
fn a_base_is_refused_below_zero_for_a_non_member_or_twice() {
    let (_dir, mut l) = common::open();
    let wu = add_ok(&mut l, "吴华强", "full", "2016-05-20");
    let li = add_ok(&mut l, "李想", "activist", "2025-03-01");
    refused_unsaved(&mut l, "bad_amount", Some(Field::Income), |l| {
        save_base(l, &base(wu, "2026-01", "employed", "-100"))
    });
    refused_unsaved(&mut l, "required", Some(Field::Income), |l| {
        save_base(l, &base(wu, "2026-01", "employed", ""))
    });
    refused_unsaved(&mut l, "not_due", Some(Field::FirstMonth), |l| {
        save_base(l, &base(li, "2026-01", "employed", "5000"))
    });
    refused_unsaved(&mut l, "unknown_value", Some(Field::DuesCategory), |l| {
        save_base(l, &base(wu, "2026-01", "pensioner", "5000"))
    });
    let farmer = BaseInput {
        chosen: "2".into(),
        ..base(wu, "2026-01", "farmer", "")
    };
    refused_unsaved(&mut l, "bad_value", None, |l| save_base(l, &farmer));
    save_base(&mut l, &base(wu, "2026-01", "employed", "8000")).unwrap();
    refused_unsaved(&mut l, "duplicate", Some(Field::FirstMonth), |l| {
        save_base(l, &base(wu, "2026-01", "retired", "5000"))
    });
    let all = bases::all(l.read()).unwrap();
    assert_eq!(all[0].monthly_fen, Some(12000));
}

#[test]
fn a_payment_covers_several_months_and_an_odd_amount_needs_a_note() {
    let (_dir, mut l) = common::open();
    let wu = member(&mut l, "吴华强");
    let id = pay(&mut l, &payment(wu, "2026-01", 3, "360", "2026-01-10")).unwrap();
    let p = payments::get(l.read(), id).unwrap();
    assert_eq!(
        (p.last_month.as_str(), p.amount_fen, p.due_fen),
        ("2026-03", 36000, Some(36000))
    );

    let short = payment(wu, "2026-04", 1, "100", "2026-04-10");
    let err = refused_unsaved(&mut l, "amount_differs", Some(Field::Notes), |l| {
        pay(l, &short)
    });
    assert!(
        err.message(ledger::Lang::Zh)
            .contains("应缴 120.00 元，实缴 100.00 元"),
        "{}",
        err.message(ledger::Lang::Zh)
    );
    let noted = PaymentInput {
        notes: "本月按旧基数缴纳，差额下月补".into(),
        ..short
    };
    let id = pay(&mut l, &noted).unwrap();
    assert_eq!(
        payments::get(l.read(), id).unwrap().amount_fen,
        10000,
        "kept as paid, not rounded to the due"
    );

    let again = payment(wu, "2026-03", 2, "240", "2026-05-02");
    let err = refused_unsaved(&mut l, "already_paid", Some(Field::FirstMonth), |l| {
        pay(l, &again)
    });
    assert!(err.message(ledger::Lang::Zh).contains("2026-03"));
    refused_unsaved(&mut l, "out_of_range", Some(Field::Months), |l| {
        pay(l, &payment(wu, "2026-05", 13, "1560", "2026-05-02"))
    });
    refused_unsaved(&mut l, "too_late", Some(Field::Months), |l| {
        pay(l, &payment(wu, "2027-01", 12, "1440", "2026-05-02"))
    });
    refused_unsaved(&mut l, "bad_amount", Some(Field::Amount), |l| {
        pay(l, &payment(wu, "2026-05", 1, "120.005", "2026-05-02"))
    });
    refused_unsaved(&mut l, "no_dues_base", Some(Field::FirstMonth), |l| {
        pay(l, &payment(wu, "2025-12", 1, "120", "2026-05-02"))
    });
    // Twelve months in advance are accepted.
    pay(&mut l, &payment(wu, "2026-05", 12, "1440", "2026-05-02")).unwrap();
}

#[test]
fn no_dues_are_taken_before_admission_or_after_a_transfer_out() {
    let (_dir, mut l) = common::open();
    let zhao = add_ok(&mut l, "赵新", "candidate", "2025-06-01");
    change_stage(&mut l, zhao, "probationary", "2026-03-15").unwrap();
    save_base(&mut l, &base(zhao, "2026-03", "employed", "3000")).unwrap();
    let early = payment(zhao, "2026-02", 2, "30", "2026-03-20");
    let err = refused_unsaved(&mut l, "not_due", Some(Field::FirstMonth), |l| {
        pay(l, &early)
    });
    assert!(err.message(ledger::Lang::Zh).contains("2026-02"));
    pay(&mut l, &payment(zhao, "2026-03", 2, "30", "2026-03-20")).unwrap();
    transfer(&mut l, zhao, Direction::Out, "2026-06-10").unwrap();
    let late = payment(zhao, "2026-05", 2, "30", "2026-06-01");
    let err = refused_unsaved(&mut l, "not_due", Some(Field::FirstMonth), |l| {
        pay(l, &late)
    });
    assert!(err.message(ledger::Lang::Zh).contains("2026-06"));
}

#[test]
fn the_register_shows_each_month_and_the_branch_holds_what_it_did_not_hand_over() {
    let (_dir, mut l) = common::open();
    let wu = member(&mut l, "吴华强");
    let li = member(&mut l, "李娜");
    pay(&mut l, &payment(wu, "2026-01", 6, "720", "2026-01-08")).unwrap();
    pay(&mut l, &payment(li, "2026-01", 1, "120", "2026-01-20")).unwrap();
    pay(&mut l, &payment(li, "2026-02", 1, "120", "2026-03-05")).unwrap();
    let h = HandoverInput {
        first_month: "2026-01".into(),
        last_month: "2026-03".into(),
        amount: "500".into(),
        handed_on: "2026-04-01".into(),
        recipient: "中共清华大学计算机系委员会".into(),
        ..Default::default()
    };
    l.write(|c| handovers::save(c, None, &h)).unwrap();
    let r = register::register(l.read(), 2026, date("2026-05-15")).unwrap();
    assert_eq!(r.lines.len(), 2);
    let li_line = r.lines.iter().find(|x| x.person_id == li).unwrap();
    let states: Vec<CellState> = li_line.cells[..6].iter().map(|c| c.state).collect();
    use CellState::*;
    assert_eq!(states, [Paid, PaidLate, Unpaid, Unpaid, Open, Ahead]);
    assert_eq!(li_line.unpaid_months, 2);
    assert_eq!(li_line.totals.arrears_fen, 24000);
    assert_eq!(r.months[0].paid_fen, 24000);
    assert_eq!(r.collected_fen, 96000);
    assert_eq!(r.handed_fen, 50000);
    assert_eq!(
        r.held_fen, 46000,
        "collected − handed over = held by the branch"
    );
    assert_eq!((r.months_owed, r.months_on_time), (8, 5));
    // The next year starts from what the branch still holds.
    let next = register::register(l.read(), 2027, date("2027-01-15")).unwrap();
    assert_eq!(next.held_before_fen, 46000);
    assert_eq!(next.held_fen, 46000);
    let zero = HandoverInput {
        amount: "0".into(),
        ..h
    };
    refused_unsaved(&mut l, "required", Some(Field::Amount), |l| {
        l.write(|c| handovers::save(c, None, &zero))
    });
}

#[test]
fn three_months_unpaid_reach_the_home_screen_and_six_in_a_row_name_the_rule() {
    let (_dir, mut l) = common::open();
    let wu = member(&mut l, "吴华强");
    let li = member(&mut l, "李娜");
    pay(&mut l, &payment(wu, "2026-01", 1, "120", "2026-01-08")).unwrap();
    pay(&mut l, &payment(li, "2026-01", 5, "600", "2026-01-08")).unwrap();
    let found = register::arrears(l.read(), date("2026-03-15")).unwrap();
    assert!(
        found.is_empty(),
        "two months are not yet a reminder: {found:?}"
    );
    let found = register::arrears(l.read(), date("2026-05-15")).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(
        (
            found[0].name.as_str(),
            found[0].unpaid_months,
            found[0].in_a_row
        ),
        ("吴华强", 3, 3)
    );
    assert_eq!(found[0].owed_fen, 36000);
    assert!(!found[0].lapsing);
    let found = register::arrears(l.read(), date("2026-08-02")).unwrap();
    assert_eq!(found[0].in_a_row, 6);
    assert!(found[0].lapsing, "six months in a row: 党章第九条");
    assert_eq!(
        found.len(),
        1,
        "June and July unpaid are two months, not yet a reminder"
    );
}

#[test]
fn a_new_version_of_the_rules_applies_from_its_month_and_may_not_overlap() {
    let (_dir, mut l) = common::open();
    let flat = |from: &str| RuleSetInput {
        name: "本地标准".into(),
        valid_from: from.into(),
        brackets: vec![BracketInput {
            category: "employed".into(),
            rate: "1".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let err = refused_unsaved(&mut l, "rules_overlap", Some(Field::ValidFrom), |l| {
        l.write(|c| rules::save(c, None, &flat("2027-01")))
    });
    assert!(err
        .message(ledger::Lang::Zh)
        .contains("2008年中组部党费规定"));
    let gap = RuleSetInput {
        brackets: vec![
            BracketInput {
                category: "employed".into(),
                up_to: "3000".into(),
                rate: "0.5".into(),
                ..Default::default()
            },
            BracketInput {
                category: "employed".into(),
                above: "4000".into(),
                rate: "1".into(),
                ..Default::default()
            },
        ],
        ..flat("2027-01")
    };
    refused_unsaved(&mut l, "brackets_overlap", Some(Field::Bracket), |l| {
        l.write(|c| rules::save(c, None, &gap))
    });
    let mut sets = rules::list(l.read()).unwrap();
    let old = sets.remove(0);
    let closed = RuleSetInput {
        name: old.name.clone(),
        valid_from: old.valid_from.clone(),
        valid_to: Some("2026-12".into()),
        notes: old.notes.clone(),
        brackets: old
            .brackets
            .iter()
            .map(|b| BracketInput {
                category: b.category.code().into(),
                above: ledger::dues::yuan(b.above_fen),
                up_to: b.up_to_fen.map(ledger::dues::yuan).unwrap_or_default(),
                rate: b.rate_bp.map(ledger::dues::yuan).unwrap_or_default(),
                amount_min: b.min_fen.map(ledger::dues::yuan).unwrap_or_default(),
                amount_max: b.max_fen.map(ledger::dues::yuan).unwrap_or_default(),
            })
            .collect(),
    };
    l.write(|c| rules::save(c, Some(old.id), &closed)).unwrap();
    l.write(|c| rules::save(c, None, &flat("2027-01"))).unwrap();
    let r = Rules::load(l.read()).unwrap();
    assert_eq!(
        r.due(month("2026-12"), Category::Employed, 800000, None),
        Some(12000)
    );
    assert_eq!(
        r.due(month("2027-01"), Category::Employed, 800000, None),
        Some(8000)
    );
    assert_eq!(
        r.due(month("2027-01"), Category::Retired, 500000, None),
        None,
        "the new version covers only what it names"
    );
}

#[test]
fn a_payment_in_the_trash_leaves_its_months_unpaid_and_comes_back_only_if_they_still_are() {
    let (_dir, mut l) = common::open();
    let wu = member(&mut l, "吴华强");
    let first = pay(&mut l, &payment(wu, "2026-01", 2, "240", "2026-01-08")).unwrap();
    l.write(|c| trash::move_to_trash(c, Kind::DuesPayment, first))
        .unwrap();
    let r = register::register(l.read(), 2026, date("2026-03-15")).unwrap();
    assert_eq!(r.lines[0].unpaid_months, 2);
    assert!(trash::list(l.read(), ledger::Lang::Zh).unwrap()[0]
        .title
        .contains("吴华强 党费 2026-01起 2个月，240.00元"));
    pay(&mut l, &payment(wu, "2026-02", 1, "120", "2026-03-01")).unwrap();
    refused_unsaved(&mut l, "already_paid", Some(Field::FirstMonth), |l| {
        l.write(|c| trash::restore(c, Kind::DuesPayment, first))
    });
}

#[test]
fn the_summary_reports_dues_without_any_income_or_name() {
    let (_dir, mut l) = common::open();
    let wu = add_ok(&mut l, "吴华强", "full", "2016-05-20");
    let li = add_ok(&mut l, "李娜", "full", "2016-05-20");
    for id in [wu, li] {
        save_base(&mut l, &base(id, "2025-01", "employed", "8765.43")).unwrap();
    }
    // 131.48 a month each (1.5 %). 吴 pays the year in January; 李 the first half late, then nothing.
    pay(&mut l, &payment(wu, "2025-01", 12, "1577.76", "2025-01-05")).unwrap();
    pay(&mut l, &payment(li, "2025-01", 6, "788.88", "2025-07-02")).unwrap();
    let h = HandoverInput {
        first_month: "2025-01".into(),
        last_month: "2025-06".into(),
        amount: "1577.76".into(),
        handed_on: "2025-07-10".into(),
        ..Default::default()
    };
    l.write(|c| handovers::save(c, None, &h)).unwrap();
    let range = ledger::summary::year(2025).unwrap();
    let s = ledger::summary::compute(l.read(), &range).unwrap();
    let d = &s.dues;
    assert_eq!(
        (d.collected_fen, d.handed_fen, d.held_fen, d.payers),
        (236664, 157776, 78888, 2)
    );
    assert_eq!(
        (
            d.months_owed,
            d.months_on_time,
            d.months_late,
            d.months_unpaid
        ),
        (24, 12, 6, 6)
    );
    let page = ledger::summary::export::html(&s, ledger::Lang::Zh);
    assert!(
        page.contains("党费收缴") && page.contains("2366.64"),
        "the section is in the summary"
    );
    assert!(
        page.contains("按时缴纳率 50.0%"),
        "{}",
        &page[page.find("党费收缴").unwrap()..][..600]
    );
    assert!(
        !page.contains("8765"),
        "an income never appears in the summary"
    );
    let json = serde_json::to_string(&s).unwrap();
    assert!(!json.contains("8765") && !json.contains("income"));
}

#[test]
fn the_register_is_written_as_excel_word_and_pdf() {
    use calamine::{open_workbook, Data, Reader, Xlsx};
    let (dir, mut l) = common::open();
    let wu = member(&mut l, "吴华强");
    let li = member(&mut l, "李娜");
    pay(&mut l, &payment(wu, "2026-01", 3, "360", "2026-01-08")).unwrap();
    pay(&mut l, &payment(li, "2026-01", 1, "120", "2026-02-03")).unwrap();
    let r = register::register(l.read(), 2026, date("2026-05-15")).unwrap();
    let path = dir.path().join("党费.xlsx");
    ledger::dues::sheet::write(
        &r,
        "测试党支部",
        "xlsx",
        &path,
        ledger::Lang::Zh,
        &mut |_| {},
    )
    .unwrap();
    let mut wb: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(wb.sheet_names(), ["收缴登记表", "收缴明细", "上缴记录"]);
    let grid = wb.worksheet_range("收缴登记表").unwrap();
    assert_eq!(
        grid.get_value((0, 0)),
        Some(&Data::String("测试党支部 2026年党员党费收缴登记表".into()))
    );
    let row = |name: &str| {
        (0..grid.height())
            .find(|&r| grid.get_value((r as u32, 1)) == Some(&Data::String(name.into())))
            .unwrap() as u32
    };
    let (w, n) = (row("吴华强"), row("李娜"));
    assert_eq!(
        grid.get_value((w, 3)),
        Some(&Data::Float(8000.0)),
        "the base, in the register only"
    );
    assert_eq!(grid.get_value((w, 4)), Some(&Data::Float(120.0)));
    assert_eq!(
        grid.get_value((n, 4)),
        Some(&Data::String("120.00*".into())),
        "paid after its month"
    );
    assert_eq!(grid.get_value((n, 5)), Some(&Data::String("欠缴".into())));
    for format in ["pdf", "docx"] {
        let path = dir.path().join(format!("党费.{format}"));
        ledger::dues::sheet::write(
            &r,
            "测试党支部",
            format,
            &path,
            ledger::Lang::Zh,
            &mut |_| {},
        )
        .unwrap();
        assert!(std::fs::metadata(&path).unwrap().len() > 1000, "{format}");
    }
    let bad = ledger::dues::sheet::write(
        &r,
        "",
        "odt",
        &dir.path().join("x.odt"),
        ledger::Lang::Zh,
        &mut |_| {},
    );
    common::refused(bad, "unknown_value");
}

/// A dues sheet kept in a spreadsheet, as exported to CSV (a caption, then the header).
const SHEET: &str = "2026年党费收缴登记\n序号,姓名,月份,月数,实缴金额,缴费日期,缴纳方式,备注\n\
1,吴华强,2026年1月,3,360.00,2026-01-10,现金,\n\
2,王谦,2026/1,1,120,2026-01-12,微信,\n\
3,吴华强,2026-04,1,100,2026-04-10,转账,\n\
4,张三,2026-01,1,120,2026-01-10,现金,\n";

#[test]
fn a_dues_sheet_is_previewed_row_by_row_and_imported_all_or_nothing() {
    use ledger::dues::import;
    let (_dir, mut l) = common::open();
    let wu = member(&mut l, "吴华强");
    member(&mut l, "王谦");
    let before = common::snapshot(&l);
    let p = l
        .write(|c| import::preview(c, "党费.csv", SHEET.as_bytes(), ledger::Lang::Zh))
        .unwrap();
    assert_eq!(common::snapshot(&l), before, "a preview saves nothing");
    assert_eq!(
        (p.ok, p.bad, p.ignored_columns.clone()),
        (2, 2, vec!["序号".to_string()])
    );
    let first = &p.rows[0];
    assert_eq!(
        (
            first.row,
            first.person_id,
            first.first_month.as_str(),
            first.months,
            first.method.as_str()
        ),
        (3, Some(wu), "2026-01", 3, "cash")
    );
    assert_eq!(p.rows[1].method, "platform");
    let short = p.rows[2].error.as_deref().unwrap();
    assert!(short.contains("应缴 120.00 元，实缴 100.00 元"), "{short}");
    assert!(p.rows[3]
        .error
        .as_deref()
        .unwrap()
        .contains("花名册里没有「张三」"));

    refused_unsaved(&mut l, "import_has_errors", None, |l| {
        l.write(|c| import::commit(c, "党费.csv", SHEET.as_bytes(), ledger::Lang::Zh))
    });
    let fixed = SHEET
        .replace(
            "2026-04,1,100,2026-04-10,转账,",
            "2026-04,1,100,2026-04-10,转账,四月起工资调整",
        )
        .replace("4,张三,2026-01,1,120,2026-01-10,现金,\n", "");
    let saved = l
        .write(|c| import::commit(c, "党费.csv", fixed.as_bytes(), ledger::Lang::Zh))
        .unwrap();
    assert_eq!(saved, 3);
    let again = l
        .write(|c| import::preview(c, "党费.csv", fixed.as_bytes(), ledger::Lang::Zh))
        .unwrap();
    assert_eq!(again.bad, 3, "every month is paid already");
}
