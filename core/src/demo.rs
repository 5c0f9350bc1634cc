//! The demo branch: the seed's branch (see `shared/domain.md`), loaded through the same checks as
//! anything the secretary types, so the demo can never hold what the app would refuse.

use crate::bulletins::{self, IssueInput, SeriesInput};
use crate::committee::{self, TermInput};
use crate::groups::{self, GroupInput};
use crate::honours::{self, HonourInput};
use crate::people::{self, Direction, NewPerson, PersonInput, StageChangeInput, TransferInput};
use crate::suggestions::{self, ResponseInput, SuggestionInput};
use crate::{settings, Error, Ledger, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

const DEMO_JSON: &str = include_str!("../../assets/demo/branch.json");

#[derive(Deserialize)]
struct Demo {
    groups: Vec<String>,
    leaders: HashMap<String, String>,
    people: Vec<DemoPerson>,
    terms: Vec<DemoTerm>,
    bulletins: Vec<DemoSeries>,
    suggestions: Vec<DemoSuggestion>,
    honours: Vec<DemoHonour>,
}

/// An honour of the branch, of the unit it serves, or (with `person`) of someone on the roster.
#[derive(Deserialize)]
struct DemoHonour {
    year: i32,
    /// `branch`, `person` or `unit`.
    recipient: String,
    awarded_on: Option<String>,
    title: String,
    level: String,
    person: Option<String>,
    awarding_body: String,
    notes: Option<String>,
}

#[derive(Deserialize)]
struct DemoSeries {
    name: String,
    kind: String,
    issues: Vec<DemoIssue>,
}

#[derive(Deserialize)]
struct DemoIssue {
    number: i64,
    title: String,
    topics: Vec<String>,
    date: String,
    editors: Vec<String>,
}

/// An author is a roster person, a named outsider, or (null) anonymous.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum DemoAuthor {
    Person(String),
    Named(String),
}

#[derive(Deserialize)]
struct DemoSuggestion {
    received_on: String,
    channel: String,
    author: Option<DemoAuthor>,
    category: String,
    content: String,
    assignee: String,
    notes: Vec<(String, String)>,
    response: Option<String>,
    responded_on: Option<String>,
    publish_in: Option<(String, i64)>,
}

#[derive(Deserialize)]
struct DemoPerson {
    name: String,
    gender: Option<String>,
    birth_date: Option<String>,
    group: Option<String>,
    phone: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    events: Vec<DemoEvent>,
}

/// A stage change (optionally arriving by transfer from `from`), or a transfer `out`.
#[derive(Deserialize)]
struct DemoEvent {
    date: String,
    stage: Option<String>,
    from: Option<String>,
    out: Option<String>,
    note: Option<String>,
}

#[derive(Deserialize)]
struct DemoTerm {
    ordinal: i64,
    elected_on: String,
    notes: Option<String>,
    seats: Vec<(String, String)>,
}

/// Fills an empty ledger with the demo branch, all of it or nothing.
pub fn load(ledger: &mut Ledger) -> Result<()> {
    let demo: Demo = serde_json::from_str(DEMO_JSON).expect("the bundled demo data is valid JSON");
    ledger.write(|conn| {
        let records: i64 = conn.query_row(
            "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM party_groups)
                  + (SELECT count(*) FROM committee_terms) + (SELECT count(*) FROM bulletin_series)
                  + (SELECT count(*) FROM suggestions) + (SELECT count(*) FROM book_titles)",
            [],
            |r| r.get(0),
        )?;
        if records > 0 {
            return Err(Error::NotEmpty);
        }
        let mut group_ids = HashMap::new();
        for name in &demo.groups {
            let input = GroupInput {
                name: name.clone(),
                ..Default::default()
            };
            group_ids.insert(name.clone(), groups::add(conn, &input)?);
        }
        let mut person_ids = HashMap::new();
        for person in &demo.people {
            let group = person
                .group
                .as_ref()
                .and_then(|g| group_ids.get(g))
                .copied();
            person_ids.insert(person.name.clone(), add_person(conn, person, group)?);
        }
        for (group, leader) in &demo.leaders {
            let input = GroupInput {
                name: group.clone(),
                leader_id: person_ids.get(leader).copied(),
                notes: None,
            };
            groups::update(conn, group_ids[group], &input)?;
        }
        for term in &demo.terms {
            add_term(conn, term, &person_ids)?;
        }
        let groups: Vec<i64> = demo.groups.iter().map(|g| group_ids[g]).collect();
        crate::demo_activities::load(conn, &groups)?;
        crate::demo_books::load(conn)?;
        let issue_ids = add_bulletins(conn, &demo.bulletins, &person_ids)?;
        for s in &demo.suggestions {
            add_suggestion(conn, s, &person_ids, &issue_ids)?;
        }
        for honour in &demo.honours {
            add_honour(conn, honour, &person_ids)?;
        }
        crate::demo_dues::load(conn)?;
        crate::demo_appraisals::load(conn)?;
        crate::demo_admission::load(conn)?;
        settings::set_text(conn, settings::DEMO, "1")?;
        settings::set_text(conn, settings::DEMO_AS_OF, DEMO_AS_OF)?;
        settings::set_text(conn, settings::BRANCH_NAME, DEMO_BRANCH)?;
        settings::mark_first_run_done(conn)
    })
}

/// The day the demo's reminders are computed as of: the end of the seed's report (its records stop in
/// 2020, so as of today the home screen would list every required meeting since as missing).
pub const DEMO_AS_OF: &str = "2020-12-31";

/// The demo branch's name, as the seed describes it (a university's micro/nano fabrication platform).
pub const DEMO_BRANCH: &str = "微纳加工平台党支部";

/// What clearing the demo did.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Cleared {
    /// The demo ledger, kept beside the new one (`示例台账-<date>.sqlite3`).
    pub copy: String,
}

/// "清空示例，开始使用": keeps the demo ledger in `slot` as a copy `示例台账-<date>.sqlite3` beside it
/// and opens an empty ledger in its place (with this computer's settings: language, zoom, backups).
/// Refuses a ledger that is not the demo ([`Error::NotADemo`]), leaving it untouched.
pub fn clear(slot: &mut Option<Ledger>) -> Result<Cleared> {
    let current = slot
        .as_ref()
        .ok_or_else(|| Error::Io(std::io::Error::other("the ledger is not open")))?;
    if !settings::load(current.read())?.demo {
        return Err(Error::NotADemo);
    }
    let path = current.path().to_path_buf();
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let date = crate::dates::iso(crate::dates::today());
    let copy = (1..)
        .map(|n| match n {
            1 => dir.join(format!("示例台账-{date}.sqlite3")),
            n => dir.join(format!("示例台账-{date}-{n}.sqlite3")),
        })
        .find(|p| !p.exists())
        .expect("some name is free");
    crate::private::prepare_database(&copy)?;
    current.read().backup(rusqlite::MAIN_DB, &copy, None)?;
    let mut kept = Vec::new();
    for key in crate::export::MACHINE_SETTINGS {
        if let Some(value) = settings::get_text(current.read(), key)? {
            kept.push((key, value));
        }
    }
    let ledger = slot.take().expect("checked above");
    let lock = ledger.close()?;
    let side = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let removed = fs::remove_file(&path);
    let _ = fs::remove_file(side("-wal"));
    let _ = fs::remove_file(side("-shm"));
    drop(lock);
    if let Err(e) = removed {
        *slot = Some(Ledger::open(&path)?);
        return Err(e.into());
    }
    let mut fresh = match Ledger::open(&path) {
        Ok(l) => l,
        Err(e) => {
            // Put the demo back rather than leave no ledger at all.
            fs::copy(&copy, &path)?;
            *slot = Some(Ledger::open(&path)?);
            return Err(e);
        }
    };
    let written = fresh.write(|tx| {
        for (key, value) in &kept {
            settings::set_text(tx, key, value)?;
        }
        settings::mark_first_run_done(tx)
    });
    *slot = Some(fresh);
    written?;
    Ok(Cleared {
        copy: copy.display().to_string(),
    })
}

fn add_person(conn: &Connection, person: &DemoPerson, group: Option<i64>) -> Result<i64> {
    let (first, rest) = person
        .events
        .split_first()
        .expect("every demo person has a first event");
    let new = NewPerson {
        details: PersonInput {
            name: person.name.clone(),
            gender: person.gender.clone(),
            birth_date: person.birth_date.clone(),
            phone: person.phone.clone(),
            party_group_id: group,
            notes: person.notes.clone(),
        },
        stage: first.stage.clone().unwrap_or_default(),
        since: first.date.clone(),
        transferred_from: first.from.clone(),
        note: first.note.clone(),
    };
    let id = people::add(conn, &new)?;
    for event in rest {
        if let Some(org) = &event.out {
            let out = TransferInput {
                direction: Direction::Out,
                date: event.date.clone(),
                organisation: org.clone(),
                note: event.note.clone(),
            };
            people::transfer(conn, id, &out)?;
        } else {
            let change = StageChangeInput {
                to: event.stage.clone().unwrap_or_default(),
                date: event.date.clone(),
                note: event.note.clone(),
            };
            people::change_stage(conn, id, &change)?;
        }
    }
    Ok(id)
}

fn add_term(conn: &Connection, term: &DemoTerm, person_ids: &HashMap<String, i64>) -> Result<()> {
    let input = TermInput {
        ordinal: Some(term.ordinal),
        elected_on: term.elected_on.clone(),
        ends_on: None,
        notes: term.notes.clone(),
    };
    let term_id = committee::add(conn, &input)?;
    for (name, position) in &term.seats {
        committee::appoint(conn, term_id, person_ids[name], position)?;
    }
    Ok(())
}

type IssueIds = HashMap<(String, i64), i64>;

fn add_bulletins(
    conn: &Connection,
    all: &[DemoSeries],
    person_ids: &HashMap<String, i64>,
) -> Result<IssueIds> {
    let mut ids = HashMap::new();
    for series in all {
        let input = SeriesInput {
            name: series.name.clone(),
            kind: series.kind.clone(),
            notes: None,
        };
        let series_id = bulletins::series_save(conn, None, &input)?;
        let articles = match series.kind.as_str() {
            "website" | "wechat" => articles(&series.name),
            _ => Vec::new(),
        };
        for issue in series.issues.iter().chain(&articles) {
            let input = IssueInput {
                series_id: Some(series_id),
                number: Some(issue.number),
                title: issue.title.clone(),
                topics: issue.topics.clone(),
                publish_date: Some(issue.date.clone()),
                status: "published".into(),
                editor_ids: issue.editors.iter().map(|n| person_ids[n]).collect(),
                body: None,
                link: None,
            };
            let id = bulletins::issue_save(conn, None, &input)?;
            ids.insert((series.name.clone(), issue.number), id);
        }
    }
    Ok(ids)
}

/// Articles of the seed's two websites and two WeChat accounts ("累计发布新闻稿件140余篇"), 2017–2020:
/// the seed's own stories where it tells them, the platform's routine news between them.
const STORIES: &[(&str, &str, &str)] = &[
    (
        "2017-03-20",
        "平台党支部立项开展“党群融合”特色活动",
        "特色活动",
    ),
    ("2017-06-16", "党群融合趣味健身答题比赛举行", "党的十九大"),
    (
        "2017-10-28",
        "平台支部带领群众赴奥森开展户外团建活动",
        "党群融合",
    ),
    (
        "2017-11-20",
        "平台支部学习党的十九大精神“三部曲”",
        "党的十九大",
    ),
    (
        "2018-03-22",
        "平台党支部立项开展“固本强基”特色活动",
        "特色活动",
    ),
    ("2018-05-05", "纪念马克思诞辰200周年专题学习", "理论学习"),
    (
        "2018-10-15",
        "平台党支部赴延安开展“不忘初心、牢记使命”主题教育",
        "主题教育",
    ),
    (
        "2019-03-20",
        "平台党支部立项开展“芯系祖国”特色活动",
        "特色活动",
    ),
    (
        "2019-07-08",
        "四渡赤水纪念塔旁的户外读书会：平台党支部赴遵义开展主题教育",
        "主题教育",
    ),
    (
        "2019-07-10",
        "平台党支部与遵义师范学院开展交流共建",
        "交流共建",
    ),
    ("2019-09-30", "“芯系祖国”：迎接建国70周年", "建国70周年"),
    (
        "2019-11-12",
        "“平语近人”系列书签与“红色书香”读书会",
        "理论学习",
    ),
    (
        "2020-03-10",
        "新媒体教育素材《无名英雄》：向抗疫中的无名英雄致敬",
        "疫情防控",
    ),
    ("2020-06-18", "平台安全月活动圆满完成", "服务中心工作"),
    (
        "2020-10-14",
        "党建结硕果,初心引前行 | 平台党支部支委换届工作圆满完成",
        "支部动态",
    ),
];

/// The routine news between the stories.
const ROUTINE: &[(&str, &str)] = &[
    ("平台开放服务月报", "开放服务"),
    ("实验技术培训", "技术培训"),
    ("平台新设备开放共享", "开放服务"),
    ("支部理论学习纪要", "理论学习"),
    ("支部组织生活纪实", "组织生活"),
    ("平台用户交流会", "服务中心工作"),
];

/// The articles of one website or WeChat account: the platform's own channels (微纳加工平台…) carry
/// 38 each, the centre's (高精尖中心…) 33, so the four hold 142; every channel carries the seed's stories.
fn articles(series: &str) -> Vec<DemoIssue> {
    let total = if series.starts_with("微纳加工平台") {
        38
    } else {
        33
    };
    let start = NaiveDate::from_ymd_opt(2017, 2, 10).expect("valid");
    let span = (NaiveDate::from_ymd_opt(2020, 12, 20).expect("valid") - start).num_days();
    let routine = total - STORIES.len() as i64;
    let mut all: Vec<(String, String, String)> = STORIES
        .iter()
        .map(|(date, title, topic)| (date.to_string(), title.to_string(), topic.to_string()))
        .collect();
    for k in 0..routine {
        let date = start + chrono::Duration::days(span * k / routine);
        let (title, topic) = ROUTINE[k as usize % ROUTINE.len()];
        let title = format!("{title}（{}年{}月）", date.year(), date.month());
        all.push((crate::dates::iso(date), title, topic.to_string()));
    }
    all.sort();
    all.into_iter()
        .enumerate()
        .map(|(n, (date, title, topic))| DemoIssue {
            number: n as i64 + 1,
            title,
            topics: vec![topic],
            date,
            editors: vec!["祝月红".into()],
        })
        .collect()
}

fn add_suggestion(
    conn: &Connection,
    s: &DemoSuggestion,
    person_ids: &HashMap<String, i64>,
    issues: &IssueIds,
) -> Result<()> {
    let (author_kind, author_id, author_name) = match &s.author {
        None => ("anonymous", None, None),
        Some(DemoAuthor::Person(name)) => ("person", Some(person_ids[name]), None),
        Some(DemoAuthor::Named(name)) => ("named", None, Some(name.clone())),
    };
    let input = SuggestionInput {
        received_on: s.received_on.clone(),
        channel: s.channel.clone(),
        author_kind: author_kind.into(),
        author_id,
        author_name,
        category: Some(s.category.clone()),
        content: s.content.clone(),
    };
    let id = suggestions::save(conn, None, &input)?;
    suggestions::assign(conn, id, Some(person_ids[&s.assignee]))?;
    for (date, note) in &s.notes {
        suggestions::add_note(conn, id, date, note)?;
    }
    if let (Some(response), Some(date)) = (&s.response, &s.responded_on) {
        let issue = s.publish_in.as_ref().map(|key| issues[key]);
        let input = ResponseInput {
            response: response.clone(),
            responded_on: date.clone(),
            publish: issue.is_some(),
            published_issue_id: issue,
        };
        suggestions::respond(conn, id, &input)?;
    }
    Ok(())
}

fn add_honour(
    conn: &Connection,
    honour: &DemoHonour,
    person_ids: &HashMap<String, i64>,
) -> Result<()> {
    let input = HonourInput {
        year: Some(honour.year),
        awarded_on: honour.awarded_on.clone(),
        title: honour.title.clone(),
        level: honour.level.clone(),
        recipient_kind: honour.recipient.clone(),
        person_id: honour.person.as_ref().map(|name| person_ids[name]),
        awarding_body: Some(honour.awarding_body.clone()),
        notes: honour.notes.clone(),
    };
    honours::save(conn, None, &input)?;
    Ok(())
}
