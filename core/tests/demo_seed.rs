//! The demo as the seed tells it: 2016–2020 in numbers, its reminders as of the end of 2020, and
//! clearing it to start the real ledger.
mod common;

use ledger::summary::{self, Range};
use ledger::{demo, overview, people, settings, Ledger};

fn demo_ledger() -> (tempfile::TempDir, Ledger) {
    let (dir, mut ledger) = common::open();
    demo::load(&mut ledger).unwrap();
    (dir, ledger)
}

#[test]
fn the_demo_s_first_term_shows_the_seed_s_numbers() {
    let (_dir, ledger) = demo_ledger();
    let range = Range::new("2016-01-01", "2020-12-31").unwrap();
    let s = summary::compute(ledger.read(), &range).unwrap();
    let end = &s.membership.on_last;
    assert_eq!(
        (end.full + end.probationary, end.candidate, end.activist),
        (22, 1, 1),
        "24 people at the end: 22 members, 1 candidate, 1 activist"
    );
    let issues = |kinds: &[&str]| -> i64 {
        s.bulletins
            .series
            .iter()
            .filter(|x| kinds.contains(&x.kind.as_str()))
            .map(|x| x.issues)
            .sum()
    };
    assert_eq!(issues(&["bulletin_board"]), 11);
    assert_eq!(issues(&["briefing"]), 55);
    assert!(
        issues(&["website", "wechat"]) >= 140,
        "{} articles",
        issues(&["website", "wechat"])
    );
    let channels = s
        .bulletins
        .series
        .iter()
        .filter(|x| x.kind == "website" || x.kind == "wechat")
        .count();
    assert_eq!(channels, 4, "two websites and two WeChat accounts");
    let excellent: Vec<i64> = s
        .activities
        .projects
        .iter()
        .filter(|p| p.rating == "优秀成果")
        .map(|p| p.year)
        .collect();
    assert_eq!(excellent, [2017, 2018, 2019]);
    let honour = |year: i64, title: &str| {
        s.honours
            .records
            .iter()
            .find(|h| h.year == year && h.title == title)
            .map(|h| (h.recipient_kind.clone(), h.recipient.clone()))
    };
    assert_eq!(honour(2019, "先进党支部"), Some(("branch".into(), None)));
    assert_eq!(
        honour(2019, "优秀党支部书记"),
        Some(("person".into(), Some("吴华强".into())))
    );
    assert_eq!(
        honour(2020, "党建标兵党支部创建单位"),
        Some(("branch".into(), None))
    );
    assert_eq!(honour(2017, "开放服务集体奖"), Some(("unit".into(), None)));
    assert_eq!(
        (s.honours.branch, s.honours.persons),
        (2, 1),
        "the branch's own honours apart from the platform's collective awards"
    );
    assert!(s.honours.unit >= 4, "{} collective awards", s.honours.unit);
}

#[test]
fn the_demo_holds_2016_s_meetings_from_the_founding_and_the_committee_s_from_its_election() {
    let (_dir, ledger) = demo_ledger();
    let count = |kind: &str, from: &str, to: &str| -> i64 {
        ledger
            .read()
            .query_row(
                "SELECT count(*) FROM activities WHERE kind = ?1 AND date BETWEEN ?2 AND ?3",
                [kind, from, to],
                |r| r.get(0),
            )
            .unwrap()
    };
    assert_eq!(count("committee_meeting", "2016-01-01", "2016-11-17"), 0);
    assert_eq!(count("committee_meeting", "2016-11-18", "2016-12-31"), 2);
    assert_eq!(count("general_meeting", "2016-01-01", "2016-12-31"), 3);
    assert_eq!(count("party_lecture", "2016-01-01", "2016-12-31"), 3);
    assert_eq!(count("group_meeting", "2016-01-01", "2016-12-31"), 16);
    assert_eq!(count("theme_day", "2016-01-01", "2016-12-31"), 8);
    let topics: Vec<String> = ledger
        .read()
        .prepare(
            "SELECT a.title FROM activities a JOIN campaigns c ON c.id = a.campaign_id
             WHERE c.name = '两学一做' ORDER BY a.date",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(topics.len(), 3, "{topics:?}");
    assert!(topics[0].contains("讲政治、有信念"));
    assert!(topics[2].contains("讲道德、有品行"));
    // The quarterly meetings are held in every quarter since the founding (Q2 2016), the monthly ones
    // in every month since (May 2016); the committee's in every month since its election.
    let y2016 = summary::compute(ledger.read(), &summary::year(2016).unwrap()).unwrap();
    for line in &y2016.activities.compliance {
        if [
            "general_meeting",
            "party_lecture",
            "group_meeting",
            "theme_day",
        ]
        .contains(&line.kind.as_str())
        {
            assert!(line.missing.is_empty(), "{line:?}");
        }
        if line.kind == "committee_meeting" {
            assert!(
                line.missing.iter().all(|m| m.as_str() < "2016-11"),
                "{line:?}"
            );
        }
    }
}

#[test]
fn the_demo_s_reminders_are_as_of_the_end_of_2020() {
    let (_dir, mut ledger) = demo_ledger();
    let s = settings::load(ledger.read()).unwrap();
    assert!(s.demo);
    assert_eq!(s.demo_as_of.as_deref(), Some(demo::DEMO_AS_OF));
    let today = common::date("2026-12-03");
    let home = overview::dashboard(ledger.read(), today, None).unwrap();
    assert_eq!(home.today, "2020-12-31");
    assert_eq!(home.demo_as_of.as_deref(), Some("2020-12-31"));
    let overdue = home
        .reminders
        .iter()
        .filter(|r| format!("{:?}", r.state).to_lowercase().contains("overdue"))
        .count();
    assert!(overdue <= 3, "{:#?}", home.reminders);
    let roster = overview::roster(ledger.read(), today.and_hms_opt(9, 0, 0).unwrap()).unwrap();
    assert_eq!(roster.demo_as_of.as_deref(), Some("2020-12-31"));
    // Without the setting (a grown ledger, or the real one) the reminders follow the calendar.
    ledger.write(settings::clear_demo_as_of).unwrap();
    let home = overview::dashboard(ledger.read(), today, None).unwrap();
    assert_eq!((home.today.as_str(), home.demo_as_of), ("2026-12-03", None));
}

#[test]
fn clearing_the_demo_keeps_it_as_a_copy_and_starts_an_empty_ledger() {
    let (dir, mut ledger) = demo_ledger();
    ledger
        .write(|tx| settings::set_language(tx, "en").map(|_| ()))
        .unwrap();
    let path = ledger.path().to_path_buf();
    let mut slot = Some(ledger);
    let cleared = demo::clear(&mut slot).unwrap();
    let copy = std::path::PathBuf::from(&cleared.copy);
    assert_eq!(copy.parent(), Some(dir.path()));
    let name = copy.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.starts_with("示例台账-") && name.ends_with(".sqlite3"),
        "{name}"
    );
    let fresh = slot.as_ref().unwrap();
    assert_eq!(fresh.path(), path);
    assert_eq!(people::counts(fresh.read()).unwrap().members(), 0);
    let s = settings::load(fresh.read()).unwrap();
    assert!(s.first_run_done && !s.demo && s.demo_as_of.is_none());
    assert_eq!(
        s.language,
        ledger::Lang::En,
        "this computer's language kept"
    );
    let n: i64 = fresh
        .read()
        .query_row(
            "SELECT (SELECT count(*) FROM activities) + (SELECT count(*) FROM honours)
                  + (SELECT count(*) FROM bulletin_issues) + (SELECT count(*) FROM book_titles)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(n, 0);
    // The copy is the whole demo, a ledger of its own.
    drop(slot);
    let copy_dir = tempfile::tempdir().unwrap();
    let moved = copy_dir.path().join(ledger::store::FILE_NAME);
    std::fs::copy(&copy, &moved).unwrap();
    let old = Ledger::open(&moved).unwrap();
    assert_eq!(people::counts(old.read()).unwrap().members(), 22);
    // A second clear of another demo on the same day gets its own name.
    let mut again = Some(Ledger::open(&path).unwrap());
    again
        .as_mut()
        .unwrap()
        .write(|tx| settings::set_text(tx, settings::DEMO, "1"))
        .unwrap();
    let second = demo::clear(&mut again).unwrap();
    assert_ne!(second.copy, cleared.copy);
    assert!(copy.exists());
}

#[test]
fn clearing_refuses_a_ledger_that_is_not_the_demo() {
    let (_dir, mut ledger) = common::open();
    common::add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    let path = ledger.path().to_path_buf();
    let mut slot = Some(ledger);
    let e = demo::clear(&mut slot).unwrap_err();
    assert_eq!(e.code(), "not_a_demo");
    assert!(e.message(ledger::Lang::Zh).contains("不是示例"));
    assert!(e.message(ledger::Lang::En).contains("not the demo"));
    let still = slot.as_ref().expect("the ledger stays open");
    assert_eq!(still.path(), path);
    assert_eq!(people::counts(still.read()).unwrap().members(), 1);
    let copies = std::fs::read_dir(path.parent().unwrap())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("示例台账")
        })
        .count();
    assert_eq!(copies, 0);
}
