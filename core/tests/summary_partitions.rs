//! Every partition in the summary adds up to its total, over generated ledgers: members + others =
//! borrowers (and the loans likewise); activities by kind = the total; issues by series = the total;
//! held + missing = required for every required meeting; head counts at the start plus the moves in
//! minus the moves out = head counts at the end, stage by stage; suggestions received = answered so
//! far, declined and still open together. The ledgers are made through the same functions the app
//! calls, from a seeded generator (so a failure names the seed that shows it); what the ledger
//! refuses is skipped.
mod common;

use chrono::{Datelike, Duration, NaiveDate};
use common::{add, change_stage, transfer};
use ledger::activities::{self, ActivityInput};
use ledger::books::{self, CopyInput, TitleInput};
use ledger::bulletins::{self, IssueInput, SeriesInput};
use ledger::committee::{self, TermInput};
use ledger::groups::{self, GroupInput};
use ledger::loans::{self, LendInput};
use ledger::people::{Direction, NewPerson, PersonInput, StageCounts};
use ledger::suggestions::{self, ResponseInput, SuggestionInput};
use ledger::summary::{self, Range, Summary};
use ledger::Ledger;

const LEDGERS: u64 = 200;

/// A small, seeded generator (SplitMix64): enough for test data, no dependency.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// A day from 2016 to 2020, often on the edge of a year (1 January, 31 December).
    fn day(&mut self) -> NaiveDate {
        let year = 2016 + self.below(5) as i32;
        match self.below(6) {
            0 => NaiveDate::from_ymd_opt(year, 1, 1).unwrap(),
            1 => NaiveDate::from_ymd_opt(year, 12, 31).unwrap(),
            _ => {
                NaiveDate::from_ymd_opt(year, 1, 1).unwrap()
                    + Duration::days(self.below(365) as i64)
            }
        }
    }
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

const STAGES: [&str; 6] = [
    "full",
    "probationary",
    "candidate",
    "activist",
    "applicant",
    "non_member",
];

const KINDS: [&str; 8] = [
    "general_meeting",
    "committee_meeting",
    "group_meeting",
    "party_lecture",
    "theme_day",
    "review_meeting",
    "study",
    "visit",
];

/// A ledger made from `seed`: people moving through the stages and in and out of the branch, a
/// committee (or none), party groups, activities, issues, loans and suggestions.
fn generate(ledger: &mut Ledger, seed: u64) {
    let mut dice = Dice(seed);
    let groups: Vec<i64> = (0..dice.below(3))
        .map(|i| {
            let input = GroupInput {
                name: format!("第{}党小组", i + 1),
                ..Default::default()
            };
            ledger.write(|c| groups::add(c, &input)).unwrap()
        })
        .collect();
    let mut people = Vec::new();
    for i in 0..3 + dice.below(8) {
        let since = dice.day();
        let person = NewPerson {
            details: PersonInput {
                name: format!("成员{i}"),
                party_group_id: (!groups.is_empty() && dice.chance(70))
                    .then(|| *dice.pick(&groups)),
                ..Default::default()
            },
            stage: dice.pick(&STAGES).to_string(),
            since: iso(since),
            transferred_from: dice.chance(20).then(|| "某某党委".to_string()),
            note: None,
        };
        let Ok(id) = add(ledger, &person) else {
            continue;
        };
        people.push(id);
        let mut day = since;
        for _ in 0..dice.below(4) {
            day += Duration::days(dice.below(500) as i64);
            if day.year() > 2020 {
                break;
            }
            let _ = match dice.below(5) {
                0 => transfer(ledger, id, Direction::Out, &iso(day)),
                1 => transfer(ledger, id, Direction::In, &iso(day)),
                _ => change_stage(ledger, id, dice.pick::<&str>(&STAGES), &iso(day)),
            };
        }
    }
    if dice.chance(70) {
        let input = TermInput {
            ordinal: Some(1),
            elected_on: iso(dice.day()),
            ..Default::default()
        };
        ledger.write(|c| committee::add(c, &input)).unwrap();
    }
    for i in 0..dice.below(25) {
        let kind = *dice.pick(&KINDS);
        let input = ActivityInput {
            kind: kind.into(),
            date: iso(dice.day()),
            title: format!("活动{i}"),
            party_group_id: (kind == "group_meeting" && !groups.is_empty())
                .then(|| *dice.pick(&groups)),
            ..Default::default()
        };
        let _ = ledger.write(|c| activities::save(c, None, &input));
    }
    let series: Vec<i64> = (0..1 + dice.below(2))
        .map(|i| {
            let input = SeriesInput {
                name: format!("栏目{i}"),
                kind: dice
                    .pick(&["bulletin_board", "briefing", "wechat"])
                    .to_string(),
                notes: None,
            };
            ledger
                .write(|c| bulletins::series_save(c, None, &input))
                .unwrap()
        })
        .collect();
    for i in 0..dice.below(8) {
        let input = IssueInput {
            series_id: Some(*dice.pick(&series)),
            title: format!("第{i}期"),
            publish_date: Some(iso(dice.day())),
            status: dice.pick(&["published", "published", "draft"]).to_string(),
            ..Default::default()
        };
        let _ = ledger.write(|c| bulletins::issue_save(c, None, &input));
    }
    lend_books(ledger, &mut dice, &people);
    for i in 0..dice.below(8) {
        let received = dice.day();
        let anonymous = people.is_empty() || dice.chance(40);
        let input = SuggestionInput {
            received_on: iso(received),
            channel: "box".into(),
            author_kind: if anonymous { "anonymous" } else { "person" }.into(),
            author_id: (!anonymous).then(|| *dice.pick(&people)),
            category: Some(dice.pick(&["", "学习", "后勤"]).to_string()),
            content: format!("意见{i}"),
            ..Default::default()
        };
        let Ok(id) = ledger.write(|c| suggestions::save(c, None, &input)) else {
            continue;
        };
        let on = iso(received + Duration::days(dice.below(400) as i64));
        let _ = match dice.below(4) {
            0 | 1 => {
                let input = ResponseInput {
                    response: "已办理。".into(),
                    responded_on: on,
                    ..Default::default()
                };
                ledger.write(|c| suggestions::respond(c, id, &input))
            }
            2 => ledger.write(|c| suggestions::decline(c, id, "不属于支部职责", &on)),
            _ => Ok(()),
        };
    }
}

/// A few copies lent one after another, some loans running across New Year, some still out.
fn lend_books(ledger: &mut Ledger, dice: &mut Dice, people: &[i64]) {
    if people.is_empty() {
        return;
    }
    let title = ledger
        .write(|c| {
            let input = TitleInput {
                name: "中国共产党简史".into(),
                ..Default::default()
            };
            books::save_title(c, None, &input)
        })
        .unwrap();
    for i in 0..dice.below(3) {
        let input = CopyInput {
            label: format!("SJ-{i:04}"),
            location: "bookshelf".into(),
            source: "purchase".into(),
            added_on: "2016-01-01".into(),
            ..Default::default()
        };
        let copy = ledger
            .write(|c| books::save_copy(c, None, title, &input))
            .unwrap();
        let mut day = NaiveDate::from_ymd_opt(2016, 1, 1).unwrap();
        loop {
            day += Duration::days(1 + dice.below(200) as i64);
            if day.year() > 2020 {
                break;
            }
            let input = LendInput {
                copy_id: copy,
                person_id: Some(*dice.pick(people)),
                loaned_on: iso(day),
                ..Default::default()
            };
            let Ok(loan) = ledger.write(|c| loans::lend(c, &input)) else {
                break;
            };
            day += Duration::days(1 + dice.below(60) as i64);
            if day.year() > 2020 || dice.chance(5) {
                break;
            }
            let back = iso(day);
            ledger
                .write(|c| loans::return_loan(c, loan, &back, ""))
                .unwrap();
        }
    }
}

fn stages(c: &StageCounts) -> [i64; 6] {
    [
        c.full,
        c.probationary,
        c.candidate,
        c.activist,
        c.applicant,
        c.non_member,
    ]
}

/// Every partition of `s` against its total; `what` names the ledger and range in a failure.
fn check(s: &Summary, what: &str) {
    let m = &s.membership;
    let (start, came, went, end) = (
        stages(&m.on_first),
        stages(&m.entered),
        stages(&m.exited),
        stages(&m.on_last),
    );
    for i in 0..6 {
        assert_eq!(
            start[i] + came[i] - went[i],
            end[i],
            "{what}: stage {}: {m:?}",
            STAGES[i]
        );
    }
    assert_eq!(
        m.growth,
        m.on_last.members() - m.on_first.members(),
        "{what}"
    );

    let b = &s.bookshelf;
    assert_eq!(
        b.member_borrowers + b.other_borrowers,
        b.borrowers,
        "{what}: {b:?}"
    );
    assert_eq!(b.member_loans + b.other_loans, b.loans, "{what}: {b:?}");
    assert_eq!(b.records.len() as i64, b.loans, "{what}");
    assert!(b.borrowers <= b.loans, "{what}");

    let a = &s.activities;
    assert_eq!(
        a.by_kind.iter().map(|k| k.count).sum::<i64>(),
        a.total,
        "{what}"
    );
    assert_eq!(a.records.len() as i64, a.total, "{what}");
    let per_month: i64 = s.charts.activities_per_month.iter().map(|(_, n)| n).sum();
    assert_eq!(per_month, a.total, "{what}");
    for line in &a.compliance {
        assert_eq!(
            line.held + line.missing.len() as i64,
            line.required,
            "{what}: {line:?}"
        );
    }

    let u = &s.bulletins;
    assert_eq!(
        u.series.iter().map(|x| x.issues).sum::<i64>(),
        u.total,
        "{what}"
    );
    assert_eq!(u.records.len() as i64, u.total, "{what}");

    let x = &s.suggestions;
    assert_eq!(
        x.received_answered + x.received_declined + x.still_open,
        x.received,
        "{what}: {x:?}"
    );
    assert!(
        x.received_answered_in_range <= x.received_answered,
        "{what}: {x:?}"
    );
    assert!(x.answered_older <= x.answered, "{what}: {x:?}");
    assert_eq!(
        x.by_category.iter().map(|c| c.1).sum::<i64>(),
        x.received,
        "{what}"
    );
    assert_eq!(
        x.by_category.iter().map(|c| c.2).sum::<i64>(),
        x.answered,
        "{what}"
    );
    assert_eq!(x.records.len() as i64, x.received, "{what}");
}

#[test]
fn every_partition_adds_up_over_generated_ledgers() {
    for seed in 0..LEDGERS {
        let (_dir, mut ledger) = common::open();
        generate(&mut ledger, seed);
        let mut dice = Dice(seed ^ 0xA5A5);
        let year = 2016 + dice.below(5) as i32;
        let (a, b) = (dice.day(), dice.day());
        let ranges = [
            summary::year(year).unwrap(),
            Range::new(&iso(a.min(b)), &iso(a.max(b))).unwrap(),
            Range::new("2016-01-01", "2020-12-31").unwrap(),
        ];
        for range in &ranges {
            let s = summary::compute(ledger.read(), range).unwrap();
            check(&s, &format!("seed {seed}, {range:?}"));
        }
        let before = summary::compute(ledger.read(), &summary::year(2010).unwrap()).unwrap();
        check(&before, &format!("seed {seed}, 2010"));
        assert!(
            before.activities.compliance.is_empty(),
            "seed {seed}: nothing is required before anything existed"
        );
    }
}

// ---- the edges ----

fn compute(ledger: &Ledger, range: &Range) -> Summary {
    summary::compute(ledger.read(), range).unwrap()
}

fn lend(ledger: &mut Ledger, copy: i64, person: i64, on: &str, back: &str) {
    let input = LendInput {
        copy_id: copy,
        person_id: Some(person),
        loaned_on: on.into(),
        ..Default::default()
    };
    let loan = ledger.write(|c| loans::lend(c, &input)).unwrap();
    ledger
        .write(|c| loans::return_loan(c, loan, back, ""))
        .unwrap();
}

#[test]
fn a_transfer_out_on_1_january_and_an_admission_on_31_december_fall_in_their_own_year() {
    let (_dir, mut ledger) = common::open();
    let leaving = common::add_ok(&mut ledger, "周离开", "full", "2016-05-20");
    let joining = common::add_ok(&mut ledger, "李入党", "candidate", "2018-06-01");
    transfer(&mut ledger, leaving, Direction::Out, "2020-01-01").unwrap();
    change_stage(&mut ledger, joining, "probationary", "2019-12-31").unwrap();

    let y2019 = compute(&ledger, &summary::year(2019).unwrap());
    let m = &y2019.membership;
    assert_eq!((m.on_first.full, m.on_first.candidate), (1, 1));
    assert_eq!(
        (m.on_last.full, m.on_last.probationary, m.on_last.candidate),
        (1, 1, 0)
    );
    assert_eq!((m.entered.probationary, m.exited.candidate), (1, 1));
    assert_eq!(stages(&m.entered).iter().sum::<i64>(), 1);
    assert_eq!(m.admitted.len(), 1);
    assert!(m.transferred_out.is_empty());
    check(&y2019, "2019");

    let y2020 = compute(&ledger, &summary::year(2020).unwrap());
    let m = &y2020.membership;
    assert_eq!((m.on_first.full, m.on_first.probationary), (1, 1));
    assert_eq!((m.on_last.full, m.on_last.probationary), (0, 1));
    assert_eq!(
        (m.exited.full, stages(&m.entered).iter().sum::<i64>()),
        (1, 0)
    );
    assert_eq!(m.transferred_out.len(), 1);
    assert!(m.admitted.is_empty());
    assert_eq!(m.growth, -1);
    check(&y2020, "2020");

    let both = compute(&ledger, &Range::new("2019-12-31", "2020-01-01").unwrap());
    let m = &both.membership;
    assert_eq!(
        (m.entered.probationary, m.exited.candidate, m.exited.full),
        (1, 1, 1)
    );
    check(&both, "the turn of the year");
}

#[test]
fn a_loan_across_new_year_counts_where_it_was_made_and_a_borrower_by_their_first_loan() {
    let (_dir, mut ledger) = common::open();
    let reader = common::add_ok(&mut ledger, "陈读者", "candidate", "2018-01-01");
    let title = ledger
        .write(|c| {
            let input = TitleInput {
                name: "平凡的世界".into(),
                ..Default::default()
            };
            books::save_title(c, None, &input)
        })
        .unwrap();
    let copy = ledger
        .write(|c| {
            let input = CopyInput {
                label: "SJ-0001".into(),
                location: "bookshelf".into(),
                source: "purchase".into(),
                added_on: "2018-01-01".into(),
                ..Default::default()
            };
            books::save_copy(c, None, title, &input)
        })
        .unwrap();
    lend(&mut ledger, copy, reader, "2019-12-20", "2020-01-10");
    change_stage(&mut ledger, reader, "probationary", "2020-01-05").unwrap();
    lend(&mut ledger, copy, reader, "2020-02-01", "2020-02-20");

    let shelf = |from: &str, to: &str| {
        let s = compute(&ledger, &Range::new(from, to).unwrap());
        check(&s, from);
        let b = s.bookshelf;
        (
            b.loans,
            b.member_loans,
            b.borrowers,
            b.member_borrowers,
            b.other_borrowers,
        )
    };
    assert_eq!(shelf("2019-01-01", "2019-12-31"), (1, 0, 1, 0, 1));
    assert_eq!(shelf("2020-01-01", "2020-12-31"), (1, 1, 1, 1, 0));
    assert_eq!(shelf("2019-12-01", "2020-02-29"), (2, 1, 1, 0, 1));
}

#[test]
fn an_anonymous_suggestion_and_one_answered_after_the_range() {
    let (_dir, mut ledger) = common::open();
    let person = common::add_ok(&mut ledger, "王群众", "non_member", "2018-01-01");
    let save = |ledger: &mut Ledger, on: &str, author: Option<i64>, content: &str| {
        let input = SuggestionInput {
            received_on: on.into(),
            channel: "box".into(),
            author_kind: if author.is_some() {
                "person"
            } else {
                "anonymous"
            }
            .into(),
            author_id: author,
            content: content.into(),
            ..Default::default()
        };
        ledger
            .write(|c| suggestions::save(c, None, &input))
            .unwrap()
    };
    let respond = |ledger: &mut Ledger, id: i64, on: &str| {
        let input = ResponseInput {
            response: "已办理。".into(),
            responded_on: on.into(),
            ..Default::default()
        };
        ledger
            .write(|c| suggestions::respond(c, id, &input))
            .unwrap();
    };
    let anonymous = save(&mut ledger, "2019-03-01", None, "图书角希望增加新书");
    respond(&mut ledger, anonymous, "2019-03-11");
    let late = save(&mut ledger, "2019-12-30", Some(person), "走廊灯坏了");
    respond(&mut ledger, late, "2020-01-03");
    save(&mut ledger, "2019-06-01", None, "希望多组织参观");

    let y2019 = compute(&ledger, &summary::year(2019).unwrap());
    check(&y2019, "2019");
    let x = &y2019.suggestions;
    assert_eq!(
        (
            x.received,
            x.received_answered,
            x.received_answered_in_range,
            x.still_open
        ),
        (3, 2, 1, 1)
    );
    assert_eq!((x.answered, x.answered_older), (1, 0));
    assert_eq!(x.median_days_to_respond, Some(10.0));
    assert!(x.records.iter().all(|r| !r.title.contains("王群众")));
    let page = summary::export::html(&y2019, ledger::Lang::Zh);
    assert!(
        page.contains("本年度收到群众意见建议 3 条，截至目前已答复 2 条（其中本年度内答复 1 条），尚未办结 1 条。"),
        "{page}"
    );
    let page = summary::export::html(&y2019, ledger::Lang::En);
    assert!(
        page.contains("In the year 3 suggestions were received; so far 2 have been answered (1 within the year) and 1 is still open."),
        "{page}"
    );
    assert!(
        page.contains("The 1 answer given within the year took a median of 10 days from receipt.")
    );

    let y2020 = compute(&ledger, &summary::year(2020).unwrap());
    check(&y2020, "2020");
    let x = &y2020.suggestions;
    assert_eq!((x.received, x.answered, x.answered_older), (0, 1, 1));
    assert_eq!(x.median_days_to_respond, Some(4.0));
    let page = summary::export::html(&y2020, ledger::Lang::Zh);
    assert!(page.contains("本年度未收到群众意见建议。"));
    assert!(page.contains("本年度另答复往年收到的意见建议 1 条。"));
    let page = summary::export::html(&y2020, ledger::Lang::En);
    assert!(page
        .contains("In the year the branch also answered 1 suggestion received in earlier years."));
}

#[test]
fn english_counts_read_one_day_and_one_was_admitted() {
    use ledger::codes::{counted, plural};
    assert_eq!(counted(1, "day", "days"), "1 day");
    assert_eq!(counted(0, "day", "days"), "0 days");
    assert_eq!(counted(2, "day", "days"), "2 days");
    assert_eq!(plural(1, "was", "were"), "was");

    let (_dir, mut ledger) = common::open();
    common::add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    let joining = common::add_ok(&mut ledger, "李入党", "candidate", "2018-06-01");
    change_stage(&mut ledger, joining, "probationary", "2019-06-01").unwrap();
    for (kind, date) in [
        ("general_meeting", "2019-03-01"),
        ("practice", "2019-04-01"),
        ("practice", "2019-05-01"),
    ] {
        let input = ActivityInput {
            kind: kind.into(),
            date: date.into(),
            title: "活动".into(),
            ..Default::default()
        };
        ledger.write(|c| activities::save(c, None, &input)).unwrap();
    }
    let s = compute(&ledger, &summary::year(2019).unwrap());
    let page = summary::export::html(&s, ledger::Lang::En);
    assert!(
        page.contains(
            "In the year, 1 was admitted as a probationary member (李入党), 0 became full members"
        ),
        "{page}"
    );
    assert!(
        page.contains("the branch held 3 activities: 1 general meeting, 2 practice activities.")
    );
    assert!(page.contains(
        "At the start of the year the branch had 1 party member (1 full, 0 probationary)"
    ));
}
