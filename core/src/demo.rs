//! The demo branch: the seed's branch (see `shared/domain.md`), loaded through the same checks as
//! anything the secretary types, so the demo can never hold what the app would refuse.

use crate::bulletins::{self, IssueInput, SeriesInput};
use crate::committee::{self, TermInput};
use crate::groups::{self, GroupInput};
use crate::honours::{self, HonourInput};
use crate::people::{self, Direction, NewPerson, PersonInput, StageChangeInput, TransferInput};
use crate::suggestions::{self, ResponseInput, SuggestionInput};
use crate::{settings, Error, Ledger, Result};
use rusqlite::Connection;
use serde::Deserialize;
use std::collections::HashMap;

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

/// An honour of the branch, or (with `person`) of someone on the roster.
#[derive(Deserialize)]
struct DemoHonour {
    year: i32,
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
        settings::mark_first_run_done(conn)
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
        for issue in &series.issues {
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
    let kind = match honour.person {
        Some(_) => "person",
        None => "branch",
    };
    let input = HonourInput {
        year: Some(honour.year),
        awarded_on: honour.awarded_on.clone(),
        title: honour.title.clone(),
        level: honour.level.clone(),
        recipient_kind: kind.into(),
        person_id: honour.person.as_ref().map(|name| person_ids[name]),
        awarding_body: Some(honour.awarding_body.clone()),
        notes: honour.notes.clone(),
    };
    honours::save(conn, None, &input)?;
    Ok(())
}
