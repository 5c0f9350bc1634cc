//! The search box (`search/`): the character index finds exactly what a plain LIKE scan finds, for
//! Chinese, English and numbers, short and long terms, several terms; the index follows every write
//! (update, trash, restore, purge, import); matches are highlighted by character; the trash is searched
//! only when asked.
mod common;

use common::open;
use ledger::bulletins::{self, IssueInput, SeriesInput};
use ledger::people::{self, PersonInput};
use ledger::search::{self, SearchQuery, SearchResults};
use ledger::trash::{self, Kind};
use ledger::{books, Lang, Ledger};
use rusqlite::{params, Connection};

/// A small deterministic random source (an LCG), so the corpus and queries are the same every run.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Words of a branch's records: Chinese, English in mixed case, numbers, and characters that need care
/// (LIKE's % and _, FTS5's quote, full-width punctuation, non-ASCII letters whose case LIKE keeps).
const WORDS: &[&str] = &[
    "党课",
    "两学一做",
    "芯片",
    "集成电路",
    "支部",
    "党员",
    "学习",
    "主题教育",
    "不忘初心",
    "牢记使命",
    "延安",
    "遵义",
    "微纳加工",
    "平台",
    "会议室",
    "书记",
    "宣传栏",
    "意见",
    "图书角",
    "马克思",
    "十九大",
    "70周年",
    "2019",
    "2020年",
    "第3期",
    "Party",
    "party",
    "PARTY",
    "MEMS",
    "mems",
    "Chip",
    "lecture",
    "Lecture",
    "Xi",
    "abc",
    "ABC",
    "100%",
    "a_b",
    "\"引号\"",
    "《党章》",
    "，",
    "。",
    "、",
    "Étude",
    "étude",
    "μm",
    "（一）",
    "2016-07-12",
    "x",
    "党",
    "课",
];

fn text(rng: &mut Lcg, words: usize) -> String {
    let n = rng.below(words + 1);
    let mut out = String::new();
    for i in 0..n {
        if i > 0 {
            match rng.below(6) {
                0 => out.push(' '),
                1 => out.push('\n'),
                _ => {}
            }
        }
        out.push_str(rng.pick(WORDS));
    }
    out
}

fn title(rng: &mut Lcg) -> String {
    let t = text(rng, 5);
    if t.is_empty() {
        "无题".into()
    } else {
        t
    }
}

fn day(rng: &mut Lcg) -> String {
    format!(
        "{}-{:02}-{:02}",
        2016 + rng.below(5),
        1 + rng.below(12),
        1 + rng.below(28)
    )
}

fn trashed(rng: &mut Lcg) -> Option<&'static str> {
    rng.chance(10).then_some("2020-10-01 10:00:00")
}

const NOW: &str = "2020-09-18 10:00:00";

/// A few thousand records of every searchable type, written straight into the tables (the triggers
/// index them), some of them in the trash.
fn corpus(conn: &Connection, seed: u64) {
    let mut rng = Lcg(seed);
    for _ in 0..500 {
        conn.execute(
            "INSERT INTO people (name, stage, stage_since, notes, created_at, updated_at, deleted_at)
             VALUES (?1, 'full', ?2, ?3, ?4, ?4, ?5)",
            params![
                title(&mut rng),
                day(&mut rng),
                text(&mut rng, 6),
                NOW,
                trashed(&mut rng)
            ],
        )
        .unwrap();
    }
    for _ in 0..700 {
        conn.execute(
            "INSERT INTO activities (kind, date, place, title, other_org, visited, content, decisions,
                                     created_at, updated_at, deleted_at)
             VALUES ('study', ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, ?9)",
            params![
                day(&mut rng),
                text(&mut rng, 2),
                title(&mut rng),
                text(&mut rng, 1),
                text(&mut rng, 1),
                text(&mut rng, 30),
                text(&mut rng, 8),
                NOW,
                trashed(&mut rng)
            ],
        )
        .unwrap();
    }
    conn.execute(
        "INSERT INTO bulletin_series (id, name, kind) VALUES (1, '宣传栏', 'bulletin_board')",
        [],
    )
    .unwrap();
    for number in 1..=400 {
        let published = rng.chance(70);
        conn.execute(
            "INSERT INTO bulletin_issues (series_id, number, title, publish_date, status, body, created_at,
                                          updated_at, deleted_at)
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
            params![
                number,
                title(&mut rng),
                published.then(|| day(&mut rng)),
                if published { "published" } else { "draft" },
                text(&mut rng, 20),
                NOW,
                trashed(&mut rng)
            ],
        )
        .unwrap();
        let issue = conn.last_insert_rowid();
        for _ in 0..rng.below(4) {
            conn.execute(
                "INSERT OR IGNORE INTO bulletin_topics (issue_id, topic) VALUES (?1, ?2)",
                params![issue, text(&mut rng, 2)],
            )
            .unwrap();
        }
    }
    for _ in 0..400 {
        let named = rng.chance(50);
        conn.execute(
            "INSERT INTO suggestions (received_on, channel, author_kind, author_name, category, content,
                                      status, decline_reason, response, created_at, updated_at, deleted_at)
             VALUES (?1, 'box', ?2, ?3, ?4, ?5, 'new', ?6, ?7, ?8, ?8, ?9)",
            params![
                day(&mut rng),
                if named { "named" } else { "anonymous" },
                named.then(|| title(&mut rng)),
                text(&mut rng, 1),
                title(&mut rng),
                text(&mut rng, 3),
                text(&mut rng, 10),
                NOW,
                trashed(&mut rng)
            ],
        )
        .unwrap();
    }
    for n in 0..500 {
        let isbn = rng.chance(30).then(|| isbn_for(n));
        conn.execute(
            "INSERT INTO book_titles (name, authors, publisher, category, isbn, notes, created_at, updated_at,
                                      deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?8)",
            params![
                title(&mut rng),
                text(&mut rng, 2),
                text(&mut rng, 2),
                text(&mut rng, 1),
                isbn,
                text(&mut rng, 5),
                format!("{} 09:00:00", day(&mut rng)),
                trashed(&mut rng)
            ],
        )
        .unwrap();
        let book = conn.last_insert_rowid();
        for _ in 0..rng.below(3) {
            conn.execute(
                "INSERT OR IGNORE INTO book_tags (title_id, tag) VALUES (?1, ?2)",
                params![book, text(&mut rng, 2)],
            )
            .unwrap();
        }
    }
    for _ in 0..150 {
        // Awarded within the honour's year, as the form requires.
        let awarded = rng.chance(50).then(|| day(&mut rng));
        let year = match &awarded {
            Some(date) => date[..4].parse::<i64>().unwrap(),
            None => 2016 + rng.below(5) as i64,
        };
        conn.execute(
            "INSERT INTO honours (year, awarded_on, title, level, recipient_kind, awarding_body, notes,
                                  created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, 'university', 'branch', ?4, ?5, ?6, ?6, ?7)",
            params![
                year,
                awarded,
                title(&mut rng),
                text(&mut rng, 2),
                text(&mut rng, 4),
                NOW,
                trashed(&mut rng)
            ],
        )
        .unwrap();
    }
    for _ in 0..60 {
        conn.execute(
            "INSERT INTO campaigns (name, starts_on, notes, deleted_at) VALUES (?1, ?2, ?3, ?4)",
            params![
                title(&mut rng),
                day(&mut rng),
                text(&mut rng, 4),
                trashed(&mut rng)
            ],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO special_projects (year, title, status, rating, notes, deleted_at)
             VALUES (?1, ?2, 'planned', ?3, ?4, ?5)",
            params![
                2016 + rng.below(5) as i64,
                title(&mut rng),
                text(&mut rng, 1),
                text(&mut rng, 4),
                trashed(&mut rng)
            ],
        )
        .unwrap();
    }
}

/// Admission steps, appraisals and dues payments of some of the corpus's people, with random notes,
/// and dues hand-overs.
fn corpus_of_people(conn: &Connection, rng: &mut Lcg) {
    for _ in 0..60 {
        let month = day(rng)[..7].to_string();
        conn.execute(
            "INSERT INTO dues_handovers (first_month, last_month, amount_fen, handed_on, recipient, notes, created_at, updated_at, deleted_at)
             VALUES (?1, ?1, 1000, ?2, ?3, ?4, ?5, ?5, ?6)",
            params![month, day(rng), title(rng), text(rng, 2), NOW, trashed(rng)],
        )
        .unwrap();
    }
    let kinds = [
        "talk",
        "assessment",
        "thought_report",
        "political_review",
        "oath",
    ];
    let ratings = [
        "excellent",
        "qualified",
        "basically_qualified",
        "unqualified",
    ];
    for person in 1..=120_i64 {
        conn.execute(
            "INSERT INTO admission_steps (person_id, kind, date, done_by, notes, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
            params![person, rng.pick(&kinds), day(rng), title(rng), text(rng, 2), NOW, trashed(rng)],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO appraisals (year, person_id, self_assessed_on, rating, notes, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
            params![2016 + rng.below(5) as i64, person, day(rng), rng.pick(&ratings), text(rng, 2), NOW, trashed(rng)],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO dues_payments (person_id, first_month, months, amount_fen, received_on, method, notes, created_at, updated_at, deleted_at)
             VALUES (?1, ?2, 3, 1500, ?3, 'cash', ?4, ?5, ?5, ?6)",
            params![person, &day(rng)[..7], day(rng), text(rng, 1), NOW, trashed(rng)],
        )
        .unwrap();
    }
}

fn corpus_ledger(seed: u64) -> (tempfile::TempDir, Ledger) {
    let (dir, mut ledger) = open();
    ledger
        .write(|c| {
            corpus(c, seed);
            corpus_of_people(c, &mut Lcg(seed + 1));
            Ok(())
        })
        .unwrap();
    (dir, ledger)
}

fn query(text: &str, include_trash: bool) -> SearchQuery {
    SearchQuery {
        text: text.into(),
        include_trash,
        ..Default::default()
    }
}

fn found(results: &SearchResults) -> Vec<(String, i64)> {
    let mut all: Vec<(String, i64)> = results
        .groups
        .iter()
        .flat_map(|g| g.hits.iter())
        .map(|h| (search::code(h.kind).unwrap().to_string(), h.id))
        .collect();
    all.sort();
    all
}

fn reference(conn: &Connection, q: &SearchQuery) -> Vec<(String, i64)> {
    let mut all: Vec<(String, i64)> = search::search_like(conn, q)
        .unwrap()
        .into_iter()
        .map(|(k, id)| (search::code(k).unwrap().to_string(), id))
        .collect();
    all.sort();
    all
}

/// The search and the LIKE scan agree on `q`; returns how many records were found.
#[track_caller]
fn agrees(conn: &Connection, q: &SearchQuery) -> usize {
    let results = search::search(conn, q, Lang::Zh).unwrap();
    let got = found(&results);
    let want = reference(conn, q);
    if got != want {
        let missing: Vec<_> = want.iter().filter(|w| !got.contains(w)).collect();
        let extra: Vec<_> = got.iter().filter(|g| !want.contains(g)).collect();
        panic!(
            "query {:?} (trash: {}): the LIKE scan also finds {missing:?}; the search also finds {extra:?}",
            q.text, q.include_trash
        );
    }
    assert_eq!(results.total, got.len());
    for group in &results.groups {
        assert_eq!(group.total, group.hits.len());
        assert!(
            group.hits.windows(2).all(|w| w[0].date >= w[1].date),
            "newest first in {:?}",
            group.kind
        );
        assert!(group.hits.iter().all(|h| h.kind == group.kind));
        assert!(q.include_trash || group.hits.iter().all(|h| !h.trashed));
    }
    got.len()
}

/// Every record's text as the index holds it, to cut queries from.
fn texts(conn: &Connection) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT title || char(10) || body FROM search_index ORDER BY rowid")
        .unwrap();
    let rows = stmt.query_map([], |r| r.get(0)).unwrap();
    rows.collect::<rusqlite::Result<_>>().unwrap()
}

/// A piece of `len` characters cut from a random record's text, its ASCII case sometimes flipped.
fn piece(rng: &mut Lcg, texts: &[String], len: usize) -> String {
    let chars: Vec<char> = texts[rng.below(texts.len())].chars().collect();
    if chars.len() < len {
        return chars.into_iter().collect();
    }
    let start = rng.below(chars.len() - len + 1);
    let piece: String = chars[start..start + len].iter().collect();
    match rng.below(3) {
        0 => piece.to_ascii_uppercase(),
        1 => piece.to_ascii_lowercase(),
        _ => piece,
    }
}

/// Records in the index that differ from what the records say (both ways): must be none.
fn out_of_step(conn: &Connection) -> i64 {
    conn.query_row(
        "SELECT (SELECT count(*) FROM (
                     SELECT rowid, kind, date, trashed, title, body, folded FROM search_index
                     EXCEPT SELECT doc, kind, date, trashed, title, body, folded FROM search_source))
              + (SELECT count(*) FROM (
                     SELECT doc, kind, date, trashed, title, body, folded FROM search_source
                     EXCEPT SELECT rowid, kind, date, trashed, title, body, folded FROM search_index))",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

#[test]
fn the_character_index_is_a_built_in_fts5_table() {
    let (_dir, ledger) = open();
    let sql: String = ledger
        .read()
        .query_row(
            "SELECT sql FROM sqlite_schema WHERE name = 'search_chars'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    // Only what any SQLite tool has: FTS5 and its unicode61 tokenizer.
    assert!(sql.contains("fts5") && sql.contains("unicode61"), "{sql}");
}

#[test]
fn search_finds_exactly_what_a_like_scan_finds() {
    let (_dir, ledger) = corpus_ledger(7);
    let conn = ledger.read();
    assert_eq!(out_of_step(conn), 0);
    let texts = texts(conn);
    assert!(texts.len() > 2500, "{}", texts.len());
    let mut rng = Lcg(11);
    let mut queries: Vec<String> = WORDS.iter().map(|w| w.to_string()).collect();
    queries.extend(
        [
            "党",
            "课",
            "x",
            "X",
            "%",
            "_",
            "\"",
            "a_b",
            "100%",
            "党课 2019",
            "PARTY 党",
            "Étude",
            "ÉTUDE",
            "étude",
            "μ",
            "μm",
            "2016-07",
            "两学 一做",
            "芯片 mems 70周年",
            "没有这个词",
            "zzz",
            "党 课 支 部",
            "”",
            "《党",
            "，",
        ]
        .map(String::from),
    );
    for len in 1..=6 {
        for _ in 0..40 {
            queries.push(piece(&mut rng, &texts, len));
        }
    }
    for _ in 0..60 {
        let (la, lb) = (1 + rng.below(4), 1 + rng.below(5));
        let a = piece(&mut rng, &texts, la);
        let b = piece(&mut rng, &texts, lb);
        queries.push(format!("{a} {b}"));
    }
    for _ in 0..20 {
        let a = piece(&mut rng, &texts, 3);
        let b = piece(&mut rng, &texts, 2);
        let c = piece(&mut rng, &texts, 1);
        queries.push(format!("{a}　{b} {c}"));
    }
    let (mut some, mut none) = (0, 0);
    for text in &queries {
        for include_trash in [false, true] {
            match agrees(conn, &query(text, include_trash)) {
                0 => none += 1,
                _ => some += 1,
            }
        }
    }
    assert!(
        some > queries.len(),
        "most queries find something: {some} vs {none}"
    );
    assert!(none > 0);
}

#[test]
fn kinds_and_limits_narrow_the_results() {
    let (_dir, ledger) = corpus_ledger(3);
    let conn = ledger.read();
    for text in ["党课", "党", "Party 学习", "芯片", "十九大", "lecture"] {
        let only = SearchQuery {
            text: text.into(),
            kinds: vec![Kind::Activity, Kind::BookTitle],
            ..Default::default()
        };
        assert!(agrees(conn, &only) > 0);
        let results = search::search(conn, &only, Lang::Zh).unwrap();
        assert!(results
            .groups
            .iter()
            .all(|g| matches!(g.kind, Kind::Activity | Kind::BookTitle)));

        // A single one-character word can match most records: with a limit, each type's newest
        // are read and no more, and then the group says there are more.
        let reads_text =
            matches!(search::terms(text).as_slice(), [one] if one.chars().count() == 1);
        for trash in [false, true] {
            let all = search::search(conn, &query(text, trash), Lang::Zh).unwrap();
            let limited = SearchQuery {
                limit_per_kind: Some(3),
                ..query(text, trash)
            };
            let cut = search::search(conn, &limited, Lang::En).unwrap();
            assert_eq!(cut.groups.len(), all.groups.len());
            for (c, a) in cut.groups.iter().zip(&all.groups) {
                assert!(!a.more);
                if reads_text {
                    assert_eq!(c.total, a.total.min(3));
                    assert_eq!(c.more, a.total > 3, "{text}: {:?}", c.kind);
                } else {
                    assert_eq!((c.total, c.more), (a.total, false));
                }
                assert_eq!(c.hits.len(), a.hits.len().min(3));
                let ids =
                    |g: &search::Group| g.hits.iter().take(3).map(|h| h.id).collect::<Vec<_>>();
                assert_eq!(ids(c), ids(a), "{text}: the newest are kept");
                assert_eq!(c.label, search::label(c.kind, Lang::En));
            }
            assert!(reads_text || cut.total == all.total);
        }
    }
    let nothing = search::search(conn, &query("  \u{3000} ", false), Lang::Zh).unwrap();
    assert_eq!(nothing.total, 0);
    assert!(nothing.groups.is_empty());
}

#[test]
fn every_term_is_looked_up_in_the_character_index() {
    let (_dir, ledger) = corpus_ledger(5);
    let conn = ledger.read();
    assert!(search::chars::ready(conn).unwrap());
    for text in [
        "党 课",
        "党课",
        "x",
        "两学一做 党",
        "两学一做",
        "两学一做 支委会",
    ] {
        let plan = search::query_plan(conn, &query(text, false))
            .unwrap()
            .join("\n");
        assert!(
            plan.lines()
                .any(|l| l.starts_with("SCAN search_chars VIRTUAL TABLE INDEX") && l.contains(":M")),
            "{text}: {plan}"
        );
    }
}

#[test]
fn what_another_program_writes_is_found_at_once_and_indexed_on_opening() {
    let (dir, ledger) = corpus_ledger(31);
    let path = ledger.path().to_path_buf();
    // Another program (the sqlite3 tool) writes while the app has the ledger open.
    let other = Connection::open(&path).unwrap();
    other
        .execute_batch(
            "INSERT INTO people (name, stage, stage_since, created_at, updated_at)
             VALUES ('阿丽', 'applicant', '2020-05-04', '2020-05-04 09:00:00', '2020-05-04 09:00:00');
             UPDATE activities SET title = '丽江参观' WHERE id = 3;
             DELETE FROM suggestions WHERE id = 5;",
        )
        .unwrap();
    drop(other);
    let conn = ledger.read();
    assert!(!search::chars::ready(conn).unwrap());
    for text in ["阿丽", "丽", "丽江", "党", "党课 x", "参观"] {
        agrees(conn, &query(text, true));
    }
    // Opened again, the app brings the character index up to date, and uses it.
    drop(ledger);
    let ledger = Ledger::open_dir(dir.path()).unwrap();
    let conn = ledger.read();
    assert!(search::chars::ready(conn).unwrap());
    for text in ["阿丽", "丽", "丽江", "党", "党课 x", "参观"] {
        agrees(conn, &query(text, true));
    }
}

#[test]
fn highlights_mark_every_term_by_character() {
    let (_dir, mut ledger) = open();
    let id = ledger
        .write(|c| {
            let (name, notes) = ("王谦", "负责“两学一做”学习教育，MEMS 平台 Party 党课主讲");
            people::add(
                c,
                &people::NewPerson {
                    details: PersonInput {
                        name: name.into(),
                        notes: Some(notes.into()),
                        ..Default::default()
                    },
                    stage: "full".into(),
                    since: "2016-05-20".into(),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let results =
        search::search(ledger.read(), &query("两学一做 mems 党", false), Lang::Zh).unwrap();
    assert_eq!(results.total, 1);
    let hit = &results.groups[0].hits[0];
    assert_eq!((hit.kind, hit.id), (Kind::Person, id));
    assert_eq!(hit.title, "王谦");
    assert!(hit.title_highlights.is_empty());
    let chars: Vec<char> = hit.snippet.chars().collect();
    let marked: Vec<String> = hit
        .snippet_highlights
        .iter()
        .map(|&(s, e)| chars[s..e].iter().collect())
        .collect();
    assert_eq!(marked, vec!["两学一做", "MEMS", "党"]);
    assert_eq!(hit.snippet_highlights[0], (3, 7));
    assert_eq!(hit.date, "2016-05-20");

    let by_name = search::search(ledger.read(), &query("王", false), Lang::Zh).unwrap();
    assert_eq!(by_name.groups[0].hits[0].title_highlights, vec![(0, 1)]);
}

#[test]
fn the_trash_is_searched_only_when_asked_and_the_index_follows_every_write() {
    let (_dir, mut ledger) = open();
    let person = common::add_ok(&mut ledger, "吴华强", "full", "2016-05-20");
    let series = ledger
        .write(|c| {
            bulletins::series_save(
                c,
                None,
                &SeriesInput {
                    name: "宣传栏".into(),
                    kind: "bulletin_board".into(),
                    notes: None,
                },
            )
        })
        .unwrap();
    let mut issue_input = IssueInput {
        series_id: Some(series),
        number: Some(1),
        title: "纪念马克思诞辰200周年".into(),
        topics: vec!["马克思".into(), "理论学习".into()],
        status: "draft".into(),
        body: Some("Marx 200".into()),
        ..Default::default()
    };
    let issue = ledger
        .write(|c| bulletins::issue_save(c, None, &issue_input))
        .unwrap();
    let book = ledger
        .write(|c| {
            books::save_title(
                c,
                None,
                &books::TitleInput {
                    name: "芯片战争".into(),
                    authors: Some("克里斯·米勒".into()),
                    tags: vec!["集成电路".into()],
                    ..Default::default()
                },
            )
        })
        .unwrap();
    let ids = |ledger: &Ledger, text: &str, trash: bool| -> Vec<(Kind, i64)> {
        let results = search::search(ledger.read(), &query(text, trash), Lang::Zh).unwrap();
        assert_eq!(
            found(&results),
            reference(ledger.read(), &query(text, trash)),
            "{text}"
        );
        results
            .groups
            .iter()
            .flat_map(|g| g.hits.iter().map(|h| (h.kind, h.id)))
            .collect()
    };
    assert_eq!(
        ids(&ledger, "理论学习", false),
        vec![(Kind::BulletinIssue, issue)]
    );
    assert_eq!(
        ids(&ledger, "marx 马", false),
        vec![(Kind::BulletinIssue, issue)]
    );
    assert_eq!(
        ids(&ledger, "集成电路", false),
        vec![(Kind::BookTitle, book)]
    );
    assert_eq!(ids(&ledger, "米勒", false), vec![(Kind::BookTitle, book)]);

    // Editing: the old words go, the new ones are found.
    issue_input.topics = vec!["十九大".into()];
    issue_input.title = "学习贯彻十九大精神".into();
    ledger
        .write(|c| bulletins::issue_save(c, Some(issue), &issue_input))
        .unwrap();
    assert!(ids(&ledger, "理论学习", false).is_empty());
    assert!(ids(&ledger, "马克思", false).is_empty());
    assert_eq!(
        ids(&ledger, "十九大", false),
        vec![(Kind::BulletinIssue, issue)]
    );
    ledger
        .write(|c| {
            people::update(
                c,
                person,
                &PersonInput {
                    name: "吴华强".into(),
                    notes: Some("第一届支委会书记".into()),
                    ..Default::default()
                },
            )
        })
        .unwrap();
    assert_eq!(ids(&ledger, "书记 吴", false), vec![(Kind::Person, person)]);
    assert_eq!(out_of_step(ledger.read()), 0);

    // The trash: hidden, unless asked for; restored, found again; purged, gone for good.
    ledger
        .write(|c| trash::move_to_trash(c, Kind::BulletinIssue, issue))
        .unwrap();
    assert!(ids(&ledger, "十九大", false).is_empty());
    let with_trash = search::search(ledger.read(), &query("十九大", true), Lang::Zh).unwrap();
    assert_eq!(with_trash.total, 1);
    assert!(with_trash.groups[0].hits[0].trashed);
    ledger
        .write(|c| trash::restore(c, Kind::BulletinIssue, issue))
        .unwrap();
    assert_eq!(
        ids(&ledger, "十九大", false),
        vec![(Kind::BulletinIssue, issue)]
    );
    ledger
        .write(|c| {
            trash::move_to_trash(c, Kind::BulletinIssue, issue)?;
            trash::purge(c, Kind::BulletinIssue, issue)?;
            trash::move_to_trash(c, Kind::BookTitle, book)?;
            trash::purge(c, Kind::BookTitle, book)
        })
        .unwrap();
    assert!(ids(&ledger, "十九大", true).is_empty());
    assert!(ids(&ledger, "集成电路", true).is_empty());
    assert_eq!(out_of_step(ledger.read()), 0);

    // A refused write leaves the index as it was (same transaction).
    let refused = ledger.write(|c| {
        people::update(
            c,
            person,
            &PersonInput {
                name: "改了名字".into(),
                ..Default::default()
            },
        )?;
        Err::<(), _>(ledger::Error::NotInTrash)
    });
    assert!(refused.is_err());
    assert!(ids(&ledger, "改了名字", false).is_empty());
    assert_eq!(ids(&ledger, "吴华强", false), vec![(Kind::Person, person)]);
}

#[test]
fn the_index_stays_in_step_through_random_edits() {
    let (_dir, mut ledger) = corpus_ledger(13);
    let mut rng = Lcg(17);
    ledger
        .write(|c| {
            for _ in 0..300 {
                let id = 1 + rng.below(400) as i64;
                match rng.below(8) {
                    0 => c.execute(
                        "UPDATE people SET notes = ?2, deleted_at = NULL WHERE id = ?1",
                        params![id, text(&mut rng, 4)],
                    ),
                    1 => c.execute(
                        "UPDATE activities SET content = ?2, deleted_at = ?3 WHERE id = ?1",
                        params![id, text(&mut rng, 10), trashed(&mut rng)],
                    ),
                    2 => c.execute("DELETE FROM bulletin_topics WHERE issue_id = ?1", [id]),
                    3 => c.execute(
                        "INSERT OR IGNORE INTO bulletin_topics (issue_id, topic) VALUES (?1, ?2)",
                        params![id, text(&mut rng, 2)],
                    ),
                    4 => c.execute(
                        "UPDATE bulletin_topics SET topic = topic || 'x' WHERE issue_id = ?1",
                        [id],
                    ),
                    5 => c.execute(
                        "INSERT OR IGNORE INTO book_tags (title_id, tag) VALUES (?1, ?2)",
                        params![id, text(&mut rng, 2)],
                    ),
                    6 => c.execute("DELETE FROM suggestions WHERE id = ?1", [id]),
                    _ => c.execute(
                        "UPDATE honours SET title = ?2 WHERE id = ?1",
                        params![id % 150 + 1, title(&mut rng)],
                    ),
                }?;
            }
            Ok(())
        })
        .unwrap();
    assert_eq!(out_of_step(ledger.read()), 0);
    assert!(search::chars::ready(ledger.read()).unwrap());
    let texts = texts(ledger.read());
    let mut queries: Vec<String> = ["党课", "x", "学 x", "Party", "十九大 党"]
        .map(String::from)
        .into();
    for len in [1, 1, 2, 2, 3] {
        for _ in 0..20 {
            queries.push(piece(&mut rng, &texts, len));
        }
    }
    for text in &queries {
        agrees(ledger.read(), &query(text, true));
    }
    // A rebuild changes nothing.
    ledger.write(search::rebuild).unwrap();
    assert_eq!(out_of_step(ledger.read()), 0);
}

#[test]
fn the_demo_branch_answers_the_secretarys_questions() {
    let (_dir, mut ledger) = open();
    ledger::demo::load(&mut ledger).unwrap();
    let conn = ledger.read();
    let two = search::search(conn, &query("两学一做", false), Lang::Zh).unwrap();
    agrees(conn, &query("两学一做", false));
    let kinds: Vec<Kind> = two.groups.iter().map(|g| g.kind).collect();
    assert!(
        kinds.contains(&Kind::Campaign) && kinds.contains(&Kind::Activity),
        "{kinds:?}"
    );
    let activities = &two.groups[0];
    assert_eq!(activities.kind, Kind::Activity);
    assert_eq!(activities.hits.len(), 3);
    assert_eq!(activities.hits[0].date, "2016-11-22", "newest first");
    assert!(activities.hits[0].title.contains("两学一做"));

    let lectures = search::search(conn, &query("党课", false), Lang::Zh).unwrap();
    assert!(lectures.groups[0].kind == Kind::Activity && lectures.groups[0].total >= 10);
    agrees(conn, &query("党课", false));
    let in_2019 = search::search(conn, &query("2019 党课", false), Lang::Zh).unwrap();
    assert!(in_2019.total > 0);
    assert!(in_2019.total < lectures.total);
    agrees(conn, &query("2019 党课", false));

    let chips = search::search(conn, &query("芯系祖国", false), Lang::Zh).unwrap();
    assert!(chips.groups.iter().any(|g| g.kind == Kind::SpecialProject));
    agrees(conn, &query("芯系祖国", false));
    let chip_books = search::search(conn, &query("芯片", false), Lang::Zh).unwrap();
    agrees(conn, &query("芯片", false));
    assert!(
        chip_books.total > 0,
        "the suggestion that asked for chip books"
    );
    for text in [
        "芯",
        "延安",
        "遵义",
        "马克思",
        "先进",
        "吴华强",
        "Party",
        "2020",
        "思想汇报",
        "窦维治",
        "优秀",
        "郭佳",
        "上缴",
    ] {
        agrees(conn, &query(text, false));
    }
    // The admission file, the appraisals and the dues by a person's name; never an amount.
    let guo = search::search(conn, &query("郭佳", false), Lang::Zh).unwrap();
    let kinds: Vec<Kind> = guo.groups.iter().map(|g| g.kind).collect();
    assert!(
        kinds.contains(&Kind::Person) && kinds.contains(&Kind::AdmissionStep),
        "{kinds:?}"
    );
    let review = search::search(conn, &query("政治审查 窦维治", false), Lang::Zh).unwrap();
    assert_eq!(
        review.groups.len(),
        1,
        "the political reviews the organisation member made"
    );
    assert!(review.groups[0]
        .hits
        .iter()
        .all(|h| h.title.contains("政治审查")));
    let paid = search::search(conn, &query("2019-03", false), Lang::Zh).unwrap();
    assert!(paid.groups.iter().any(|g| g.kind == Kind::DuesPayment));
    for g in &paid.groups {
        for hit in &g.hits {
            assert!(!hit.snippet.contains("元"), "no amount: {}", hit.snippet);
        }
    }
}

#[test]
fn an_import_indexes_the_records() {
    let (dir, source) = corpus_ledger(21);
    let path = dir.path().join("export.json");
    ledger::export::export_to_path(
        source.read(),
        &path,
        &ledger::export::ExportOptions::default(),
        &mut |_| {},
    )
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("search_index"), "the index is not exported");
    let (_target_dir, mut target) = open();
    ledger::export::import_from_path(&mut target, &path, &mut |_| {}).unwrap();
    assert_eq!(out_of_step(target.read()), 0);
    for text in ["党课", "党", "Party 2019", "芯片 学"] {
        let q = query(text, true);
        assert_eq!(
            found(&search::search(target.read(), &q, Lang::Zh).unwrap()),
            found(&search::search(source.read(), &q, Lang::Zh).unwrap())
        );
    }
}

#[test]
fn opening_an_older_ledger_indexes_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ledger::store::FILE_NAME);
    {
        let conn = Connection::open(&path).unwrap();
        for step in [
            include_str!("../migrations/0001_people.sql"),
            include_str!("../migrations/0002_settings_trash.sql"),
            include_str!("../migrations/0003_bulletins_suggestions.sql"),
            include_str!("../migrations/0004_activities.sql"),
            include_str!("../migrations/0005_bookshelf.sql"),
            include_str!("../migrations/0006_honours_summary.sql"),
        ] {
            conn.execute_batch(step).unwrap();
        }
        conn.pragma_update(None, "user_version", 6).unwrap();
        corpus(&conn, 29);
    }
    let ledger = Ledger::open(&path).unwrap();
    assert_eq!(out_of_step(ledger.read()), 0);
    for text in ["党课", "党", "Party 学习"] {
        assert!(agrees(ledger.read(), &query(text, false)) > 0);
    }
}

/// A valid ISBN-13 for the n-th book (an import holds books to the form's check digit).
fn isbn_for(n: i64) -> String {
    let body = format!("978{n:09}");
    let weighted: u32 = body
        .bytes()
        .zip([1, 3].into_iter().cycle())
        .map(|(b, w)| u32::from(b - b'0') * w)
        .sum();
    format!("{body}{}", (10 - weighted % 10) % 10)
}
