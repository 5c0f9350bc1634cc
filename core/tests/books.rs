//! The bookshelf (支部书架, 党群图书角): titles and their ISBNs, copies, lending with renewals and
//! returns, overdue loans, the year's numbers, stocktakes and the trash.
mod common;

use chrono::Duration;
use common::{add_ok, change_stage, iso, refused, refused_unsaved, snapshot, tomorrow};
use ledger::books::{self, CopyInput, CopyState, Location, Source, TitleInput};
use ledger::loans::{self, LendInput, LoanQuery, Rules};
use ledger::people::{self, PersonQuery, Stage};
use ledger::trash::{self, Kind};
use ledger::{dates, stocktake, Field, Lang, Ledger, Result};

fn title(name: &str) -> TitleInput {
    TitleInput {
        name: name.into(),
        ..Default::default()
    }
}

fn with_isbn(name: &str, isbn: &str) -> TitleInput {
    TitleInput {
        isbn: Some(isbn.into()),
        ..title(name)
    }
}

fn save_title(ledger: &mut Ledger, input: &TitleInput) -> Result<i64> {
    ledger.write(|c| books::save_title(c, None, input))
}

fn add_title(ledger: &mut Ledger, name: &str) -> i64 {
    save_title(ledger, &title(name)).expect("title saved")
}

fn stored_isbn(ledger: &Ledger, id: i64) -> Option<String> {
    books::get_title(ledger.read(), id).unwrap().title.isbn
}

/// A bought copy on the branch bookshelf.
fn copy(label: &str, added_on: &str) -> CopyInput {
    CopyInput {
        label: label.into(),
        location: "bookshelf".into(),
        source: "purchase".into(),
        added_on: added_on.into(),
        ..Default::default()
    }
}

fn save_copy(ledger: &mut Ledger, title: i64, input: &CopyInput) -> Result<i64> {
    ledger.write(|c| books::save_copy(c, None, title, input))
}

fn add_copy(ledger: &mut Ledger, title: i64, label: &str, added_on: &str) -> i64 {
    save_copy(ledger, title, &copy(label, added_on)).expect("copy saved")
}

fn state(ledger: &Ledger, copy: i64) -> CopyState {
    books::get_copy(ledger.read(), copy).unwrap().state
}

fn to(person: i64, copy: i64, on: &str) -> LendInput {
    LendInput {
        copy_id: copy,
        person_id: Some(person),
        loaned_on: on.into(),
        ..Default::default()
    }
}

fn lend(ledger: &mut Ledger, input: &LendInput) -> Result<i64> {
    ledger.write(|c| loans::lend(c, input))
}

fn lend_ok(ledger: &mut Ledger, person: i64, copy: i64, on: &str) -> i64 {
    lend(ledger, &to(person, copy, on)).expect("copy lent")
}

fn give_back(ledger: &mut Ledger, loan: i64, on: &str, note: &str) -> Result<()> {
    ledger.write(|c| loans::return_loan(c, loan, on, note))
}

fn renew(ledger: &mut Ledger, loan: i64, on: &str) -> Result<String> {
    ledger.write(|c| loans::renew(c, loan, on, None))
}

fn loan(ledger: &Ledger, id: i64) -> loans::Loan {
    loans::get(ledger.read(), id).unwrap()
}

fn loan_ids(ledger: &Ledger, q: &LoanQuery) -> Vec<i64> {
    loans::list(ledger.read(), q)
        .unwrap()
        .rows
        .into_iter()
        .map(|l| l.id)
        .collect()
}

fn days_ago(n: i64) -> String {
    iso(dates::today() - Duration::days(n))
}

/// One title with one copy (SJ-0001, added 2018-01-10) and one full member to lend it to.
struct Shelf {
    title: i64,
    copy: i64,
    wang: i64,
}

fn shelf(ledger: &mut Ledger) -> Shelf {
    let title = add_title(ledger, "中国共产党简史");
    let copy = add_copy(ledger, title, "SJ-0001", "2018-01-10");
    let wang = add_ok(ledger, "王建国", "full", "2016-05-20");
    Shelf { title, copy, wang }
}

// ---- titles and ISBNs ----

#[test]
fn isbn_10_and_13_are_stored_as_isbn_13() {
    let (_dir, mut ledger) = common::open();
    for (name, typed, stored) in [
        ("习近平谈治国理政", "978-7-119-09057-3", "9787119090573"),
        ("平凡的世界", "978 7 5321 2345 2", "9787532123452"),
        ("苦难辉煌", "ISBN 978-7-01-013345-4", "9787010133454"),
        ("红星照耀中国", "7-5366-0106-9", "9787536601062"),
        ("之江新语", "7115034478", "9787115034472"),
        // An ISBN-10 whose check digit is X (typed in either case).
        ("梁家河", "7-02-000007-x", "9787020000074"),
    ] {
        let id = save_title(&mut ledger, &with_isbn(name, typed)).unwrap();
        assert_eq!(stored_isbn(&ledger, id).as_deref(), Some(stored), "{typed}");
    }
    assert_eq!(
        books::normalise_isbn("702000007X").unwrap().as_deref(),
        Some("9787020000074")
    );
    assert_eq!(books::display_isbn("9787020000074"), "978-7020000074");
}

#[test]
fn an_isbn_with_a_wrong_check_digit_or_length_is_refused() {
    let (_dir, mut ledger) = common::open();
    for bad in [
        "978-7-119-09057-4", // ISBN-13, wrong check digit
        "7-5366-0106-8",     // ISBN-10, wrong check digit
        "753660106X",        // X where the check digit is 9
        "75366X1069",        // X anywhere but the end
        "9787119090",        // wrong length
        "978711909057",      // ISBN-13 missing its check digit
        "1234567890128",     // a valid EAN-13 that is no book number
        "ISBN 978-7-119-O9057-3",
    ] {
        let err = refused_unsaved(&mut ledger, "bad_isbn", Some(Field::Isbn), |l| {
            save_title(l, &with_isbn("习近平谈治国理政", bad))
        });
        assert!(err.message(Lang::Zh).contains(bad.trim()), "{bad}");
    }
}

#[test]
fn a_title_may_have_no_isbn() {
    let (_dir, mut ledger) = common::open();
    let a = save_title(&mut ledger, &with_isbn("支部工作手册", "  ")).unwrap();
    let b = save_title(&mut ledger, &title("党员学习笔记汇编")).unwrap();
    assert_eq!(stored_isbn(&ledger, a), None);
    assert_eq!(stored_isbn(&ledger, b), None);
}

#[test]
fn two_live_titles_cannot_share_an_isbn() {
    let (_dir, mut ledger) = common::open();
    let first = save_title(&mut ledger, &with_isbn("红星照耀中国", "7-5366-0106-9")).unwrap();
    // The same book number, typed as ISBN-13 or as ISBN-10.
    for typed in ["9787536601062", "7536601069"] {
        let err = refused_unsaved(&mut ledger, "duplicate", Some(Field::Isbn), |l| {
            save_title(l, &with_isbn("西行漫记", typed))
        });
        assert!(err.message(Lang::Zh).contains("红星照耀中国"), "{err:?}");
    }
    // Saving the title itself again keeps its own ISBN.
    let edited = TitleInput {
        authors: Some("埃德加·斯诺".into()),
        ..with_isbn("红星照耀中国", "978-7-5366-0106-2")
    };
    ledger
        .write(|c| books::save_title(c, Some(first), &edited))
        .unwrap();
    // Another title cannot take it over by an edit either.
    let other = add_title(&mut ledger, "西行漫记");
    refused_unsaved(&mut ledger, "duplicate", Some(Field::Isbn), |l| {
        l.write(|c| books::save_title(c, Some(other), &with_isbn("西行漫记", "7536601069")))
    });
    // Once the first is in the trash its ISBN is free, and it cannot come back while taken.
    ledger
        .write(|c| trash::move_to_trash(c, Kind::BookTitle, first))
        .unwrap();
    ledger
        .write(|c| books::save_title(c, Some(other), &with_isbn("西行漫记", "7536601069")))
        .unwrap();
    refused_unsaved(&mut ledger, "duplicate", Some(Field::Isbn), |l| {
        l.write(|c| trash::restore(c, Kind::BookTitle, first))
    });
}

#[test]
fn a_title_needs_a_name() {
    let (_dir, mut ledger) = common::open();
    refused_unsaved(&mut ledger, "required", Some(Field::BookTitle), |l| {
        save_title(l, &title("   "))
    });
}

#[test]
fn the_year_published_must_be_from_1900_to_this_year() {
    let (_dir, mut ledger) = common::open();
    let this_year = chrono::Datelike::year(&dates::today()) as i64;
    for year in [1899, this_year + 1, 0, -5] {
        let input = TitleInput {
            year: Some(year),
            ..title("共产党宣言")
        };
        refused_unsaved(&mut ledger, "out_of_range", Some(Field::PublishYear), |l| {
            save_title(l, &input)
        });
    }
    for year in [1900, this_year] {
        let input = TitleInput {
            year: Some(year),
            ..title("共产党宣言")
        };
        let id = save_title(&mut ledger, &input).unwrap();
        assert_eq!(
            books::get_title(ledger.read(), id).unwrap().title.year,
            Some(year)
        );
    }
}

#[test]
fn tags_are_trimmed_deduplicated_and_limited() {
    let (_dir, mut ledger) = common::open();
    let input = TitleInput {
        tags: vec![" 党史 ".into(), "党史".into(), "".into(), "经典".into()],
        category: Some("党史".into()),
        ..title("中国共产党简史")
    };
    let id = save_title(&mut ledger, &input).unwrap();
    let saved = books::get_title(ledger.read(), id).unwrap().title;
    assert_eq!(saved.tags, ["党史", "经典"]);
    let vocab = books::vocabulary(ledger.read()).unwrap();
    assert_eq!(vocab.categories, ["党史"]);
    assert_eq!(vocab.tags, ["党史", "经典"]);

    let too_many = TitleInput {
        tags: (0..11).map(|n| format!("标签{n}")).collect(),
        ..title("三体")
    };
    refused_unsaved(&mut ledger, "too_many", Some(Field::Tags), |l| {
        save_title(l, &too_many)
    });
}

// ---- copies ----

#[test]
fn a_copy_label_is_unique_among_live_copies() {
    let (_dir, mut ledger) = common::open();
    let a = add_title(&mut ledger, "平凡的世界");
    let b = add_title(&mut ledger, "三体");
    let first = add_copy(&mut ledger, a, "SJ-0001", "2018-01-10");
    for title in [a, b] {
        refused_unsaved(&mut ledger, "duplicate", Some(Field::Label), |l| {
            save_copy(l, title, &copy(" SJ-0001 ", "2018-02-01"))
        });
    }
    refused_unsaved(&mut ledger, "required", Some(Field::Label), |l| {
        save_copy(l, a, &copy("  ", "2018-02-01"))
    });
    // A trashed copy's label can be given again.
    ledger
        .write(|c| trash::move_to_trash(c, Kind::BookCopy, first))
        .unwrap();
    add_copy(&mut ledger, b, "SJ-0001", "2018-02-01");
}

#[test]
fn a_donated_copy_needs_its_donor() {
    let (_dir, mut ledger) = common::open();
    let t = add_title(&mut ledger, "苦难辉煌");
    let donated = CopyInput {
        source: "donation".into(),
        donor: Some("  ".into()),
        ..copy("SJ-0001", "2018-01-10")
    };
    refused_unsaved(&mut ledger, "required", Some(Field::Donor), |l| {
        save_copy(l, t, &donated)
    });
    let donated = CopyInput {
        donor: Some("校工会".into()),
        ..donated
    };
    let id = save_copy(&mut ledger, t, &donated).unwrap();
    let saved = books::get_copy(ledger.read(), id).unwrap();
    assert_eq!(
        (saved.source, saved.donor.as_str()),
        (Source::Donation, "校工会")
    );
    // A donor typed for a bought copy is not kept.
    let bought = CopyInput {
        donor: Some("校工会".into()),
        ..copy("SJ-0002", "2018-01-10")
    };
    let id = save_copy(&mut ledger, t, &bought).unwrap();
    assert_eq!(books::get_copy(ledger.read(), id).unwrap().donor, "");
}

#[test]
fn a_copy_kept_elsewhere_needs_the_place() {
    let (_dir, mut ledger) = common::open();
    let t = add_title(&mut ledger, "苦难辉煌");
    let elsewhere = CopyInput {
        location: "other".into(),
        ..copy("SJ-0001", "2018-01-10")
    };
    refused_unsaved(&mut ledger, "required", Some(Field::Place), |l| {
        save_copy(l, t, &elsewhere)
    });
    let elsewhere = CopyInput {
        place: Some("洁净室更衣间".into()),
        ..elsewhere
    };
    let id = save_copy(&mut ledger, t, &elsewhere).unwrap();
    let saved = books::get_copy(ledger.read(), id).unwrap();
    assert_eq!(
        (saved.location, saved.place.as_str()),
        (Location::Other, "洁净室更衣间")
    );
    // The place is only kept for "another place".
    let corner = CopyInput {
        location: "reading_corner".into(),
        place: Some("洁净室更衣间".into()),
        ..copy("SJ-0002", "2018-01-10")
    };
    let id = save_copy(&mut ledger, t, &corner).unwrap();
    let saved = books::get_copy(ledger.read(), id).unwrap();
    assert_eq!(
        (saved.location, saved.place.as_str()),
        (Location::ReadingCorner, "")
    );
    let nowhere = CopyInput {
        location: "attic".into(),
        ..copy("SJ-0003", "2018-01-10")
    };
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Location), |l| {
        save_copy(l, t, &nowhere)
    });
}

#[test]
fn a_copy_cannot_be_added_in_the_future() {
    let (_dir, mut ledger) = common::open();
    let t = add_title(&mut ledger, "三体");
    refused_unsaved(&mut ledger, "future_date", Some(Field::AddedOn), |l| {
        save_copy(l, t, &copy("SJ-0001", &tomorrow()))
    });
}

#[test]
fn the_next_label_is_one_past_the_highest() {
    let (_dir, mut ledger) = common::open();
    let t = add_title(&mut ledger, "三体");
    assert_eq!(books::next_label(ledger.read()).unwrap(), "SJ-0001");
    add_copy(&mut ledger, t, "SJ-0001", "2018-01-10");
    assert_eq!(books::next_label(ledger.read()).unwrap(), "SJ-0002");
    add_copy(&mut ledger, t, "SJ-0002", "2018-01-10");
    // Labels of another form are left alone.
    add_copy(&mut ledger, t, "旧-17", "2018-01-10");
    add_copy(&mut ledger, t, "SJ-00X9", "2018-01-10");
    assert_eq!(books::next_label(ledger.read()).unwrap(), "SJ-0003");
    add_copy(&mut ledger, t, "SJ-0010", "2018-01-10");
    assert_eq!(
        books::vocabulary(ledger.read()).unwrap().next_label,
        "SJ-0011"
    );
}

#[test]
fn a_copy_cannot_be_dated_after_its_first_loan() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2018-03-01");
    give_back(&mut ledger, l, "2018-03-20", "").unwrap();
    refused_unsaved(&mut ledger, "too_late", Some(Field::AddedOn), |l| {
        l.write(|c| books::save_copy(c, Some(s.copy), s.title, &copy("SJ-0001", "2018-03-02")))
    });
    ledger
        .write(|c| books::save_copy(c, Some(s.copy), s.title, &copy("SJ-0001", "2018-03-01")))
        .unwrap();
}

// ---- lending ----

#[test]
fn a_loan_is_due_after_the_loan_period() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    assert_eq!(
        loans::rules(ledger.read()).unwrap(),
        Rules {
            loan_days: 30,
            renew_limit: 2
        }
    );
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2018-03-01");
    let got = loan(&ledger, l);
    assert_eq!(
        (got.loaned_on.as_str(), got.due_on.as_str()),
        ("2018-03-01", "2018-03-31")
    );
    assert_eq!(
        (got.person.as_str(), got.member, got.renewals),
        ("王建国", true, 0)
    );
    assert!(got.is_open());
    let c = books::get_copy(ledger.read(), s.copy).unwrap();
    assert_eq!(c.state, CopyState::OnLoan);
    assert_eq!(c.borrower.as_deref(), Some("王建国"));
    assert_eq!(c.due_on.as_deref(), Some("2018-03-31"));
    let t = books::get_title(ledger.read(), s.title).unwrap().title;
    assert_eq!((t.copies, t.available, t.on_loan, t.loans), (1, 0, 1, 1));
}

#[test]
fn a_chosen_due_date_is_kept_and_a_shorter_period_applies() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let input = LendInput {
        due_on: Some("2018-03-08".into()),
        ..to(s.wang, s.copy, "2018-03-01")
    };
    let l = lend(&mut ledger, &input).unwrap();
    assert_eq!(loan(&ledger, l).due_on, "2018-03-08");
    give_back(&mut ledger, l, "2018-03-05", "").unwrap();

    ledger.write(|c| loans::set_rules(c, 14, 1)).unwrap();
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2018-04-01");
    assert_eq!(loan(&ledger, l).due_on, "2018-04-15");
}

#[test]
fn a_copy_on_loan_cannot_be_lent_again() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let li = add_ok(&mut ledger, "李晓红", "full", "2016-05-20");
    lend_ok(&mut ledger, s.wang, s.copy, "2018-03-01");
    let err = refused_unsaved(&mut ledger, "copy_on_loan", Some(Field::Label), |l| {
        lend(l, &to(li, s.copy, "2018-03-05"))
    });
    assert!(err.message(Lang::Zh).contains("王建国"), "{err:?}");
    assert!(err.message(Lang::En).contains("王建国"), "{err:?}");
    assert!(err.message(Lang::Zh).contains("SJ-0001"), "{err:?}");
}

#[test]
fn a_lost_or_withdrawn_copy_cannot_be_lent() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    for gone in ["lost", "withdrawn"] {
        ledger
            .write(|c| books::set_copy_state(c, s.copy, gone, "2019-01-01"))
            .unwrap();
        refused_unsaved(&mut ledger, "copy_gone", Some(Field::Label), |l| {
            lend(l, &to(s.wang, s.copy, "2019-03-01"))
        });
    }
    // Found again, it can go out.
    ledger
        .write(|c| books::set_copy_state(c, s.copy, "available", "2019-02-01"))
        .unwrap();
    let c = books::get_copy(ledger.read(), s.copy).unwrap();
    assert_eq!((c.state, c.state_on), (CopyState::Available, None));
    lend_ok(&mut ledger, s.wang, s.copy, "2019-03-01");
}

#[test]
fn the_due_date_cannot_come_before_the_loan() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let input = LendInput {
        due_on: Some("2018-02-28".into()),
        ..to(s.wang, s.copy, "2018-03-01")
    };
    refused_unsaved(&mut ledger, "too_early", Some(Field::DueOn), |l| {
        lend(l, &input)
    });
    let input = LendInput {
        due_on: Some("2018-02-30".into()),
        ..input
    };
    refused_unsaved(&mut ledger, "bad_date", Some(Field::DueOn), |l| {
        lend(l, &input)
    });
}

#[test]
fn a_copy_cannot_be_lent_before_it_arrived_or_in_the_future() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let err = refused_unsaved(&mut ledger, "too_early", Some(Field::LoanedOn), |l| {
        lend(l, &to(s.wang, s.copy, "2018-01-09"))
    });
    assert!(err.message(Lang::Zh).contains("2018-01-10"), "{err:?}");
    refused_unsaved(&mut ledger, "future_date", Some(Field::LoanedOn), |l| {
        lend(l, &to(s.wang, s.copy, &tomorrow()))
    });
    refused_unsaved(&mut ledger, "required", Some(Field::LoanedOn), |l| {
        lend(l, &to(s.wang, s.copy, ""))
    });
    // The arrival day itself is fine.
    lend_ok(&mut ledger, s.wang, s.copy, "2018-01-10");
}

#[test]
fn a_loan_needs_a_borrower_who_exists() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let nobody = LendInput {
        new_borrower: Some("  ".into()),
        ..to(s.wang, s.copy, "2018-03-01")
    };
    let nobody = LendInput {
        person_id: None,
        ..nobody
    };
    refused_unsaved(&mut ledger, "required", Some(Field::Borrower), |l| {
        lend(l, &nobody)
    });
    refused_unsaved(&mut ledger, "unknown_value", Some(Field::Borrower), |l| {
        lend(l, &to(9999, s.copy, "2018-03-01"))
    });
    refused_unsaved(&mut ledger, "not_found", None, |l| {
        lend(l, &to(s.wang, 9999, "2018-03-01"))
    });
}

#[test]
fn a_new_borrower_joins_the_roster_as_a_non_member_once() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let second = add_copy(&mut ledger, s.title, "SJ-0002", "2018-01-10");
    let everyone = PersonQuery {
        include_left: true,
        ..Default::default()
    };
    let before = people::list(ledger.read(), &everyone).unwrap().total;
    let by_name = |copy: i64, on: &str| LendInput {
        copy_id: copy,
        person_id: None,
        new_borrower: Some(" 刘师傅 ".into()),
        loaned_on: on.into(),
        due_on: None,
    };
    let first = lend(&mut ledger, &by_name(s.copy, "2018-03-01")).unwrap();
    let got = loan(&ledger, first);
    assert_eq!((got.person.as_str(), got.member), ("刘师傅", false));
    let person = people::get_row(ledger.read(), got.person_id).unwrap();
    assert_eq!(person.stage, Stage::NonMember);
    assert_eq!(person.stage_since, "2018-03-01");
    assert_eq!(
        people::list(ledger.read(), &everyone).unwrap().total,
        before + 1
    );

    // The same name again is the same person.
    let again = lend(&mut ledger, &by_name(second, "2018-03-05")).unwrap();
    assert_eq!(loan(&ledger, again).person_id, got.person_id);
    assert_eq!(
        people::list(ledger.read(), &everyone).unwrap().total,
        before + 1
    );

    // Two people of that name: the borrower must be picked from the list.
    add_ok(&mut ledger, "刘师傅", "non_member", "2018-04-01");
    give_back(&mut ledger, first, "2018-04-02", "").unwrap();
    refused_unsaved(&mut ledger, "ambiguous", Some(Field::Borrower), |l| {
        lend(l, &by_name(s.copy, "2018-04-03"))
    });
}

// ---- returns, renewals, losses ----

#[test]
fn a_return_cannot_come_before_the_loan() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2018-03-01");
    refused_unsaved(&mut ledger, "too_early", Some(Field::ReturnedOn), |led| {
        give_back(led, l, "2018-02-28", "")
    });
    refused_unsaved(&mut ledger, "future_date", Some(Field::ReturnedOn), |led| {
        give_back(led, l, &tomorrow(), "")
    });
    // The same day is fine.
    give_back(&mut ledger, l, "2018-03-01", "").unwrap();
}

#[test]
fn a_return_puts_the_copy_back_and_notes_its_condition() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2018-03-01");
    give_back(&mut ledger, l, "2018-03-20", "封面有折痕").unwrap();
    let got = loan(&ledger, l);
    assert_eq!(got.returned_on.as_deref(), Some("2018-03-20"));
    assert_eq!(got.return_note, "封面有折痕");
    assert!(!got.is_open());
    let c = books::get_copy(ledger.read(), s.copy).unwrap();
    assert_eq!(c.state, CopyState::Available);
    assert_eq!(c.condition, "封面有折痕");
    assert_eq!((c.borrower, c.due_on), (None, None));
    assert!(books::vocabulary(ledger.read())
        .unwrap()
        .conditions
        .contains(&"封面有折痕".to_string()));

    // A return without a note leaves the condition as it was.
    let l2 = lend_ok(&mut ledger, s.wang, s.copy, "2018-04-01");
    give_back(&mut ledger, l2, "2018-04-10", "").unwrap();
    assert_eq!(
        books::get_copy(ledger.read(), s.copy).unwrap().condition,
        "封面有折痕"
    );
}

#[test]
fn a_loan_cannot_be_returned_twice() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2018-03-01");
    give_back(&mut ledger, l, "2018-03-20", "").unwrap();
    let err = refused_unsaved(&mut ledger, "loan_closed", None, |led| {
        give_back(led, l, "2018-03-25", "")
    });
    assert!(err.message(Lang::Zh).contains("2018-03-20"), "{err:?}");
    refused_unsaved(&mut ledger, "loan_closed", None, |led| {
        renew(led, l, "2018-03-25")
    });
    refused_unsaved(&mut ledger, "loan_closed", None, |led| {
        led.write(|c| loans::mark_lost(c, l, "2018-03-25"))
    });
    refused_unsaved(&mut ledger, "not_found", None, |led| {
        give_back(led, 9999, "2018-03-25", "")
    });
}

#[test]
fn the_next_loan_cannot_start_before_the_last_return() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2018-03-01");
    give_back(&mut ledger, l, "2018-03-20", "").unwrap();
    refused_unsaved(&mut ledger, "too_early", Some(Field::LoanedOn), |led| {
        lend(led, &to(s.wang, s.copy, "2018-03-19"))
    });
    lend_ok(&mut ledger, s.wang, s.copy, "2018-03-20");
}

#[test]
fn a_loan_is_renewed_up_to_the_limit() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2018-03-01");
    refused_unsaved(&mut ledger, "too_early", Some(Field::Date), |led| {
        renew(led, l, "2018-02-20")
    });
    assert_eq!(renew(&mut ledger, l, "2018-03-25").unwrap(), "2018-04-24");
    assert_eq!(renew(&mut ledger, l, "2018-04-20").unwrap(), "2018-05-20");
    let got = loan(&ledger, l);
    assert_eq!((got.renewals, got.due_on.as_str()), (2, "2018-05-20"));
    let err = refused_unsaved(&mut ledger, "renew_limit", Some(Field::DueOn), |led| {
        renew(led, l, "2018-05-15")
    });
    assert!(err.message(Lang::Zh).contains('2'), "{err:?}");

    // A chosen due date is kept; one before the renewal is refused.
    let l2 = {
        give_back(&mut ledger, l, "2018-05-16", "").unwrap();
        lend_ok(&mut ledger, s.wang, s.copy, "2018-06-01")
    };
    refused_unsaved(&mut ledger, "too_early", Some(Field::DueOn), |led| {
        led.write(|c| loans::renew(c, l2, "2018-06-20", Some("2018-06-19")))
    });
    let due = ledger
        .write(|c| loans::renew(c, l2, "2018-06-20", Some("2018-07-01")))
        .unwrap();
    assert_eq!(due, "2018-07-01");

    // A lower limit applies to loans already out.
    ledger.write(|c| loans::set_rules(c, 30, 1)).unwrap();
    refused_unsaved(&mut ledger, "renew_limit", Some(Field::DueOn), |led| {
        renew(led, l2, "2018-06-25")
    });
}

#[test]
fn the_loan_rules_are_checked() {
    let (_dir, mut ledger) = common::open();
    for days in [0, -1, 366] {
        refused_unsaved(&mut ledger, "out_of_range", Some(Field::LoanDays), |l| {
            l.write(|c| loans::set_rules(c, days, 2))
        });
    }
    for limit in [-1, 11] {
        refused_unsaved(&mut ledger, "out_of_range", Some(Field::RenewLimit), |l| {
            l.write(|c| loans::set_rules(c, 30, limit))
        });
    }
    ledger.write(|c| loans::set_rules(c, 365, 0)).unwrap();
    assert_eq!(
        loans::rules(ledger.read()).unwrap(),
        Rules {
            loan_days: 365,
            renew_limit: 0
        }
    );
    ledger.write(|c| loans::set_rules(c, 1, 10)).unwrap();
    assert_eq!(
        loans::rules(ledger.read()).unwrap(),
        Rules {
            loan_days: 1,
            renew_limit: 10
        }
    );
}

#[test]
fn a_book_lost_by_its_borrower_ends_the_loan() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2018-03-01");
    refused_unsaved(&mut ledger, "too_early", Some(Field::Date), |led| {
        led.write(|c| loans::mark_lost(c, l, "2018-02-01"))
    });
    ledger
        .write(|c| loans::mark_lost(c, l, "2018-05-01"))
        .unwrap();
    let got = loan(&ledger, l);
    assert_eq!(
        (got.lost_on.as_deref(), got.returned_on.as_deref()),
        (Some("2018-05-01"), None)
    );
    assert!(!got.is_open());
    let c = books::get_copy(ledger.read(), s.copy).unwrap();
    assert_eq!(
        (c.state, c.state_on.as_deref(), c.borrower),
        (CopyState::Lost, Some("2018-05-01"), None)
    );
    let t = books::get_title(ledger.read(), s.title).unwrap().title;
    assert_eq!((t.copies, t.available, t.on_loan, t.loans), (0, 0, 0, 1));
    refused_unsaved(&mut ledger, "copy_gone", Some(Field::Label), |led| {
        lend(led, &to(s.wang, s.copy, "2018-06-01"))
    });
    refused_unsaved(&mut ledger, "loan_closed", None, |led| {
        give_back(led, l, "2018-06-01", "")
    });
}

// ---- overdue and history ----

#[test]
fn overdue_lists_open_loans_past_their_due_date() {
    let (_dir, mut ledger) = common::open();
    let t = add_title(&mut ledger, "平凡的世界");
    let wang = add_ok(&mut ledger, "王建国", "full", "2016-05-20");
    let added = days_ago(200);
    let copies: Vec<i64> = (1..=4)
        .map(|n| add_copy(&mut ledger, t, &format!("SJ-000{n}"), &added))
        .collect();
    // Out 100 days ago, due 70 days ago.
    let long = lend_ok(&mut ledger, wang, copies[0], &days_ago(100));
    // Out 40 days ago, due 10 days ago.
    let short = lend_ok(&mut ledger, wang, copies[1], &days_ago(40));
    // Out 5 days ago: not due yet.
    let fresh = lend_ok(&mut ledger, wang, copies[2], &days_ago(5));
    // Out long ago but back.
    let back = lend_ok(&mut ledger, wang, copies[3], &days_ago(150));
    give_back(&mut ledger, back, &days_ago(90), "").unwrap();

    let overdue = loans::overdue(ledger.read()).unwrap();
    assert_eq!(overdue.total, 2);
    let listed: Vec<(i64, Option<i64>)> = overdue
        .longest
        .iter()
        .map(|l| (l.id, l.overdue_days))
        .collect();
    assert_eq!(listed, [(long, Some(70)), (short, Some(10))]);
    assert_eq!(loan(&ledger, fresh).overdue_days, None);
    assert_eq!(loan(&ledger, back).overdue_days, None);
    let open = LoanQuery {
        open_only: true,
        ..Default::default()
    };
    assert_eq!(loan_ids(&ledger, &open), [fresh, short, long]);
    let overdue_only = LoanQuery {
        overdue_only: true,
        ..Default::default()
    };
    assert_eq!(loan_ids(&ledger, &overdue_only), [long, short]);

    // A renewal moves the due date on.
    renew(&mut ledger, short, &iso(dates::today())).unwrap();
    let overdue: Vec<i64> = loans::overdue(ledger.read())
        .unwrap()
        .longest
        .iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(overdue, [long]);
}

#[test]
fn loan_history_by_copy_title_and_person() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let other_copy = add_copy(&mut ledger, s.title, "SJ-0002", "2018-01-10");
    let other_title = add_title(&mut ledger, "三体");
    let third = add_copy(&mut ledger, other_title, "SJ-0003", "2018-01-10");
    let li = add_ok(&mut ledger, "李晓红", "full", "2016-05-20");

    let a = lend_ok(&mut ledger, s.wang, s.copy, "2018-03-01");
    give_back(&mut ledger, a, "2018-03-10", "").unwrap();
    let b = lend_ok(&mut ledger, li, s.copy, "2018-04-01");
    give_back(&mut ledger, b, "2018-04-10", "").unwrap();
    let c = lend_ok(&mut ledger, s.wang, other_copy, "2018-05-01");
    let d = lend_ok(&mut ledger, li, third, "2018-06-01");

    let by_copy = LoanQuery {
        copy_id: Some(s.copy),
        ..Default::default()
    };
    assert_eq!(loan_ids(&ledger, &by_copy), [b, a]);
    let detail = books::get_title(ledger.read(), s.title).unwrap();
    let on_title: Vec<i64> = detail.loans.iter().map(|l| l.id).collect();
    assert_eq!(on_title, [c, b, a]);
    assert_eq!(detail.title.loans, 3);
    let labels: Vec<&str> = detail.copies.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["SJ-0001", "SJ-0002"]);
    let by_person = |person| LoanQuery {
        person_id: Some(person),
        ..Default::default()
    };
    assert_eq!(loan_ids(&ledger, &by_person(s.wang)), [c, a]);
    assert_eq!(loan_ids(&ledger, &by_person(li)), [d, b]);
    let in_2018 = LoanQuery {
        year: Some(2018),
        limit: 2,
        offset: 1,
        ..Default::default()
    };
    let page = loans::list(ledger.read(), &in_2018).unwrap();
    assert_eq!(page.total, 4);
    let ids: Vec<i64> = page.rows.iter().map(|l| l.id).collect();
    assert_eq!(ids, [c, b]);
    assert_eq!(
        loans::list(
            ledger.read(),
            &LoanQuery {
                year: Some(2019),
                ..Default::default()
            }
        )
        .unwrap()
        .total,
        0
    );
}

// ---- the year's numbers ----

#[test]
fn year_stats_count_loans_in_the_year_they_were_made() {
    let (_dir, mut ledger) = common::open();
    let history = add_title(&mut ledger, "中国共产党简史");
    let novel = add_title(&mut ledger, "平凡的世界");
    let gone = add_title(&mut ledger, "三体");
    let h1 = add_copy(&mut ledger, history, "SJ-0001", "2018-06-01");
    let h2 = add_copy(&mut ledger, history, "SJ-0002", "2019-03-01");
    let n1 = add_copy(&mut ledger, novel, "SJ-0003", "2019-03-01");
    let g1 = add_copy(&mut ledger, gone, "SJ-0004", "2018-06-01");
    ledger
        .write(|c| books::set_copy_state(c, g1, "withdrawn", "2019-06-01"))
        .unwrap();

    let member = add_ok(&mut ledger, "王建国", "full", "2016-05-20");
    // An activist who becomes a probationary member on 2020-03-01.
    let joiner = add_ok(&mut ledger, "李晓红", "activist", "2018-01-01");
    let outsider = add_ok(&mut ledger, "刘师傅", "non_member", "2018-01-01");

    // Lent in 2019, back in 2020: a 2019 loan.
    let across = lend_ok(&mut ledger, member, h1, "2019-12-20");
    give_back(&mut ledger, across, "2020-01-15", "").unwrap();
    let l = lend_ok(&mut ledger, joiner, h2, "2019-05-01");
    give_back(&mut ledger, l, "2019-05-20", "").unwrap();
    let l = lend_ok(&mut ledger, outsider, n1, "2019-07-01");
    give_back(&mut ledger, l, "2019-07-20", "").unwrap();

    change_stage(&mut ledger, joiner, "candidate", "2019-09-01").unwrap();
    change_stage(&mut ledger, joiner, "probationary", "2020-03-01").unwrap();
    let l = lend_ok(&mut ledger, joiner, h1, "2020-02-01");
    give_back(&mut ledger, l, "2020-02-20", "").unwrap();
    let l = lend_ok(&mut ledger, joiner, h1, "2020-03-01");
    give_back(&mut ledger, l, "2020-03-20", "").unwrap();
    let l = lend_ok(&mut ledger, joiner, n1, "2020-04-01");
    give_back(&mut ledger, l, "2020-04-20", "").unwrap();

    let y2019 = loans::year_stats(ledger.read(), 2019).unwrap();
    assert_eq!(y2019.year, 2019);
    assert_eq!(
        (y2019.titles, y2019.copies, y2019.copies_added),
        (2, 3, 2),
        "the withdrawn copy is off the books at the end of 2019"
    );
    assert_eq!(
        (y2019.loans, y2019.member_loans, y2019.other_loans),
        (3, 1, 2)
    );
    assert_eq!(
        (
            y2019.borrowers,
            y2019.member_borrowers,
            y2019.other_borrowers
        ),
        (3, 1, 2)
    );
    let top: Vec<(&str, i64)> = y2019
        .top_titles
        .iter()
        .map(|t| (t.title.as_str(), t.loans))
        .collect();
    assert_eq!(top, [("中国共产党简史", 2), ("平凡的世界", 1)]);

    // 2020: the joiner borrowed once before and twice after becoming a member; their loans split, but
    // as a borrower they are an other, not a member on the day of their first loan of the year.
    let y2020 = loans::year_stats(ledger.read(), 2020).unwrap();
    assert_eq!(
        (y2020.loans, y2020.member_loans, y2020.other_loans),
        (3, 2, 1)
    );
    assert_eq!(
        (
            y2020.borrowers,
            y2020.member_borrowers,
            y2020.other_borrowers
        ),
        (1, 0, 1)
    );
    assert_eq!(y2020.copies_added, 0);
    let top: Vec<(&str, i64)> = y2020
        .top_titles
        .iter()
        .map(|t| (t.title.as_str(), t.loans))
        .collect();
    assert_eq!(top, [("中国共产党简史", 2), ("平凡的世界", 1)]);
    let member_flags: Vec<bool> = loans::list(
        ledger.read(),
        &LoanQuery {
            year: Some(2020),
            ..Default::default()
        },
    )
    .unwrap()
    .rows
    .iter()
    .map(|l| l.member)
    .collect();
    assert_eq!(member_flags, [true, true, false]);

    // 2018: two titles on the books (the withdrawn one still there), nothing lent.
    let y2018 = loans::year_stats(ledger.read(), 2018).unwrap();
    assert_eq!((y2018.titles, y2018.copies, y2018.copies_added), (2, 2, 2));
    assert_eq!((y2018.loans, y2018.borrowers), (0, 0));
    assert!(y2018.top_titles.is_empty());
}

// ---- stocktake ----

#[test]
fn a_stocktake_ticks_copies_and_lists_the_missing() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let t = add_title(&mut ledger, "平凡的世界");
    let found = add_copy(&mut ledger, t, "SJ-0002", "2018-01-10");
    let missing = add_copy(&mut ledger, t, "SJ-0003", "2018-01-10");
    let out = add_copy(&mut ledger, t, "SJ-0004", "2018-01-10");
    let lost = add_copy(&mut ledger, t, "SJ-0005", "2018-01-10");
    lend_ok(&mut ledger, s.wang, out, "2019-03-01");
    ledger
        .write(|c| books::set_copy_state(c, lost, "lost", "2019-01-01"))
        .unwrap();

    let id = ledger.write(|c| stocktake::start(c, "2019-06-01")).unwrap();
    refused_unsaved(&mut ledger, "stocktake_open", None, |l| {
        l.write(|c| stocktake::start(c, "2019-06-02"))
    });
    let err = refused_unsaved(&mut ledger, "no_such_label", Some(Field::Label), |l| {
        l.write(|c| stocktake::tick(c, id, "SJ-9999"))
    });
    assert!(err.message(Lang::Zh).contains("SJ-9999"), "{err:?}");
    refused_unsaved(&mut ledger, "required", Some(Field::Label), |l| {
        l.write(|c| stocktake::tick(c, id, "  "))
    });

    let tick = ledger
        .write(|c| stocktake::tick(c, id, " SJ-0001 "))
        .unwrap();
    assert_eq!((tick.copy.id, tick.again), (s.copy, false));
    let tick = ledger.write(|c| stocktake::tick(c, id, "SJ-0002")).unwrap();
    assert_eq!((tick.copy.id, tick.again), (found, false));
    let tick = ledger.write(|c| stocktake::tick(c, id, "SJ-0002")).unwrap();
    assert_eq!((tick.copy.id, tick.again), (found, true));
    // A copy ticked by mistake can be taken back.
    ledger.write(|c| stocktake::tick(c, id, "SJ-0003")).unwrap();
    ledger.write(|c| stocktake::untick(c, id, missing)).unwrap();

    let under_way = stocktake::current(ledger.read()).unwrap().unwrap();
    assert_eq!(under_way.id, id);
    // On the shelf: SJ-0001, SJ-0002, SJ-0003. On loan and lost: not expected.
    assert_eq!(under_way.expected, 3);
    let ids = |copies: &[books::Copy]| copies.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(&under_way.found), [s.copy, found]);
    assert_eq!(ids(&under_way.missing), [missing]);

    refused_unsaved(&mut ledger, "too_early", Some(Field::Date), |l| {
        l.write(|c| stocktake::finish(c, id, "2019-05-31", false))
    });
    let not_found = ledger
        .write(|c| stocktake::finish(c, id, "2019-06-03", false))
        .unwrap();
    assert_eq!(ids(&not_found), [missing]);
    assert_eq!(state(&ledger, missing), CopyState::Available);
    assert_eq!(state(&ledger, out), CopyState::OnLoan);
    assert!(stocktake::current(ledger.read()).unwrap().is_none());
    let done = stocktake::get(ledger.read(), id).unwrap();
    assert_eq!(done.finished_on.as_deref(), Some("2019-06-03"));
    assert_eq!(ids(&done.missing), [missing]);
    assert!(!done.marked_lost);

    // A finished stocktake takes no more ticks.
    refused_unsaved(&mut ledger, "stocktake_finished", None, |l| {
        l.write(|c| stocktake::tick(c, id, "SJ-0003"))
    });
    refused_unsaved(&mut ledger, "stocktake_finished", None, |l| {
        l.write(|c| stocktake::untick(c, id, found))
    });
    refused_unsaved(&mut ledger, "stocktake_finished", None, |l| {
        l.write(|c| stocktake::finish(c, id, "2019-06-04", true))
    });
    refused_unsaved(&mut ledger, "not_found", None, |l| {
        l.write(|c| stocktake::tick(c, 9999, "SJ-0001"))
    });

    let past = stocktake::history(ledger.read()).unwrap();
    assert_eq!(past.len(), 1);
    assert_eq!(
        (past[0].found, past[0].missing, past[0].marked_lost),
        (2, Some(1), false)
    );
}

#[test]
fn a_stocktake_can_mark_the_missing_copies_lost() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let second = add_copy(&mut ledger, s.title, "SJ-0002", "2018-01-10");
    let third = add_copy(&mut ledger, s.title, "SJ-0003", "2018-01-10");
    let first = ledger.write(|c| stocktake::start(c, "2019-06-01")).unwrap();
    ledger
        .write(|c| stocktake::tick(c, first, "SJ-0001"))
        .unwrap();
    let missing = ledger
        .write(|c| stocktake::finish(c, first, "2019-06-01", true))
        .unwrap();
    let ids: Vec<i64> = missing.iter().map(|c| c.id).collect();
    assert_eq!(ids, [second, third]);
    for copy in [second, third] {
        let c = books::get_copy(ledger.read(), copy).unwrap();
        assert_eq!(
            (c.state, c.state_on.as_deref()),
            (CopyState::Lost, Some("2019-06-01"))
        );
    }
    assert_eq!(state(&ledger, s.copy), CopyState::Available);
    let done = stocktake::get(ledger.read(), first).unwrap();
    assert!(done.marked_lost);
    assert_eq!(done.missing.len(), 2);

    // The next stocktake expects only the copy left on the shelf.
    let next = ledger.write(|c| stocktake::start(c, "2020-06-01")).unwrap();
    let under_way = stocktake::get(ledger.read(), next).unwrap();
    assert_eq!((under_way.expected, under_way.missing.len()), (1, 1));
    let past = stocktake::history(ledger.read()).unwrap();
    let order: Vec<i64> = past.iter().map(|p| p.id).collect();
    assert_eq!(order, [next, first]);
    assert_eq!(
        (past[0].finished_on.as_deref(), past[0].missing),
        (None, None)
    );
}

// ---- copy state and the trash ----

#[test]
fn the_state_of_a_copy_on_loan_changes_only_through_its_loan() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2019-03-01");
    for to_state in ["lost", "withdrawn", "available"] {
        let err = refused_unsaved(&mut ledger, "copy_on_loan", Some(Field::Label), |led| {
            led.write(|c| books::set_copy_state(c, s.copy, to_state, "2019-04-01"))
        });
        assert!(err.message(Lang::Zh).contains("王建国"), "{err:?}");
    }
    give_back(&mut ledger, l, "2019-03-20", "").unwrap();
    // Nor can a copy on the shelf be put "on loan" by hand.
    refused_unsaved(&mut ledger, "copy_on_loan", Some(Field::Label), |led| {
        led.write(|c| books::set_copy_state(c, s.copy, "on_loan", "2019-04-01"))
    });
    refused_unsaved(
        &mut ledger,
        "unknown_value",
        Some(Field::CopyState),
        |led| led.write(|c| books::set_copy_state(c, s.copy, "burnt", "2019-04-01")),
    );
    refused_unsaved(&mut ledger, "future_date", Some(Field::Date), |led| {
        led.write(|c| books::set_copy_state(c, s.copy, "withdrawn", &tomorrow()))
    });
    ledger
        .write(|c| books::set_copy_state(c, s.copy, "withdrawn", "2019-04-01"))
        .unwrap();
    let c = books::get_copy(ledger.read(), s.copy).unwrap();
    assert_eq!(
        (c.state, c.state_on.as_deref()),
        (CopyState::Withdrawn, Some("2019-04-01"))
    );
}

#[test]
fn a_title_with_copies_cannot_go_to_the_trash() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    refused_unsaved(&mut ledger, "in_use", None, |l| {
        l.write(|c| trash::move_to_trash(c, Kind::BookTitle, s.title))
    });
    // Withdrawn copies still count: they are records the branch keeps.
    ledger
        .write(|c| books::set_copy_state(c, s.copy, "withdrawn", "2019-04-01"))
        .unwrap();
    refused_unsaved(&mut ledger, "in_use", None, |l| {
        l.write(|c| trash::move_to_trash(c, Kind::BookTitle, s.title))
    });
    ledger
        .write(|c| trash::move_to_trash(c, Kind::BookCopy, s.copy))
        .unwrap();
    ledger
        .write(|c| trash::move_to_trash(c, Kind::BookTitle, s.title))
        .unwrap();
    refused(books::get_title(ledger.read(), s.title), "not_found");
    let titles = books::list_titles(ledger.read(), &Default::default()).unwrap();
    assert_eq!(titles.total, 0);
    let trashed: Vec<Kind> = trash::list(ledger.read(), Lang::Zh)
        .unwrap()
        .iter()
        .map(|i| i.kind)
        .collect();
    assert!(trashed.contains(&Kind::BookTitle) && trashed.contains(&Kind::BookCopy));
}

#[test]
fn a_copy_on_loan_cannot_go_to_the_trash() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2019-03-01");
    let err = refused_unsaved(&mut ledger, "in_use", None, |led| {
        led.write(|c| trash::move_to_trash(c, Kind::BookCopy, s.copy))
    });
    assert!(err.message(Lang::Zh).contains("王建国"), "{err:?}");
    give_back(&mut ledger, l, "2019-03-20", "").unwrap();
    ledger
        .write(|c| trash::move_to_trash(c, Kind::BookCopy, s.copy))
        .unwrap();
    refused(books::get_copy(ledger.read(), s.copy), "not_found");
    refused(
        books::copy_by_label(ledger.read(), "SJ-0001"),
        "no_such_label",
    );
    ledger
        .write(|c| trash::restore(c, Kind::BookCopy, s.copy))
        .unwrap();
    assert_eq!(
        books::copy_by_label(ledger.read(), "SJ-0001").unwrap().id,
        s.copy
    );
}

#[test]
fn a_borrower_cannot_go_to_the_trash() {
    let (_dir, mut ledger) = common::open();
    let s = shelf(&mut ledger);
    let l = lend_ok(&mut ledger, s.wang, s.copy, "2019-03-01");
    give_back(&mut ledger, l, "2019-03-20", "").unwrap();
    // Even with the book back, the loan record names the person.
    let err = refused_unsaved(&mut ledger, "in_use", None, |led| {
        led.write(|c| trash::move_to_trash(c, Kind::Person, s.wang))
    });
    assert!(err.message(Lang::Zh).contains("借"), "{err:?}");
    let bystander = add_ok(&mut ledger, "刘师傅", "non_member", "2018-01-01");
    let before = snapshot(&ledger);
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Person, bystander))
        .unwrap();
    assert_ne!(snapshot(&ledger), before);
}

// ---- the catalogue ----

#[test]
fn the_catalogue_is_searched_by_text_category_tag_and_availability() {
    let (_dir, mut ledger) = common::open();
    let wang = add_ok(&mut ledger, "王建国", "full", "2016-05-20");
    let history = TitleInput {
        authors: Some("本书编写组".into()),
        category: Some("党史".into()),
        tags: vec!["党史学习教育".into()],
        ..with_isbn("中国共产党简史", "9787010133454")
    };
    let history = save_title(&mut ledger, &history).unwrap();
    let novel = TitleInput {
        authors: Some("路遥".into()),
        category: Some("文学".into()),
        ..title("平凡的世界")
    };
    let novel = save_title(&mut ledger, &novel).unwrap();
    add_copy(&mut ledger, history, "SJ-0001", "2018-01-10");
    let out = add_copy(&mut ledger, novel, "SJ-0002", "2018-01-10");
    lend_ok(&mut ledger, wang, out, "2019-03-01");

    let find = |q: books::TitleQuery| -> Vec<i64> {
        books::list_titles(ledger.read(), &q)
            .unwrap()
            .rows
            .iter()
            .map(|t| t.id)
            .collect()
    };
    let text = |t: &str| books::TitleQuery {
        text: t.into(),
        ..Default::default()
    };
    assert_eq!(find(text("路遥")), [novel]);
    assert_eq!(find(text("978-7-01-013345")), [history]);
    assert_eq!(find(text("SJ-0002")), [novel]);
    assert_eq!(find(text("学习教育")), [history]);
    assert_eq!(
        find(books::TitleQuery {
            category: Some("文学".into()),
            ..Default::default()
        }),
        [novel]
    );
    assert_eq!(
        find(books::TitleQuery {
            tag: Some("党史学习教育".into()),
            ..Default::default()
        }),
        [history]
    );
    assert_eq!(
        find(books::TitleQuery {
            available_only: true,
            ..Default::default()
        }),
        [history]
    );
    assert_eq!(find(Default::default()).len(), 2);
}

#[test]
fn a_lost_copy_ticked_in_a_stocktake_is_back_on_the_shelf() {
    let (_dir, mut ledger) = common::open();
    let title = add_title(&mut ledger, "红岩");
    let copy = add_copy(&mut ledger, title, "SJ-0001", "2020-03-01");
    let early = ledger
        .write(|c| books::set_copy_state(c, copy, "withdrawn", "2020-01-01"))
        .unwrap_err();
    assert_eq!(early.code(), "too_early");
    ledger
        .write(|c| books::set_copy_state(c, copy, "lost", "2021-01-05"))
        .unwrap();
    let take = ledger.write(|c| stocktake::start(c, "2021-02-01")).unwrap();
    let tick = ledger
        .write(|c| stocktake::tick(c, take, "SJ-0001"))
        .unwrap();
    assert!(tick.recovered);
    assert_eq!(state(&ledger, copy), CopyState::Available);
}

#[test]
fn the_desk_finds_copies_on_the_shelf_by_title_author_or_label() {
    let (_dir, mut ledger) = common::open();
    ledger::demo::load(&mut ledger).unwrap();
    let conn = ledger.read();
    let found = loans::on_shelf_matching(conn, "治国理政", 20).unwrap();
    assert!(!found.is_empty());
    for copy in &found {
        assert!(copy.title.contains("治国理政"), "{copy:?}");
        let state: String = conn
            .query_row(
                "SELECT state FROM book_copies WHERE id = ?1",
                [copy.copy_id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(state, "available", "{copy:?}");
    }
    // A copy out on loan is not offered.
    let out: (i64, String) = conn
        .query_row(
            "SELECT c.id, t.name FROM book_copies c JOIN book_titles t ON t.id = c.title_id
             WHERE c.state = 'on_loan' LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert!(!loans::on_shelf_matching(conn, &out.1, 50)
        .unwrap()
        .iter()
        .any(|c| c.copy_id == out.0));
    // By label, by author, and nothing for nothing typed (or a literal %).
    let first = &found[0];
    assert_eq!(
        loans::on_shelf_matching(conn, &first.label, 5).unwrap()[0].copy_id,
        first.copy_id
    );
    assert!(!loans::on_shelf_matching(conn, "习近平", 50)
        .unwrap()
        .is_empty());
    assert!(loans::on_shelf_matching(conn, "  ", 50).unwrap().is_empty());
    assert!(loans::on_shelf_matching(conn, "%", 50).unwrap().is_empty());
}
