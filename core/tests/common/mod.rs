//! Shared helpers: every test opens its own ledger in a fresh temporary directory.
#![allow(dead_code)]

use chrono::NaiveDate;
use ledger::committee::{self, TermInput};
use ledger::people::{self, Direction, NewPerson, PersonInput, StageChangeInput, TransferInput};
use ledger::{Error, Field, Lang, Ledger, Result};
use rusqlite::types::ValueRef;
use tempfile::TempDir;

/// A new, empty ledger in its own temporary directory (kept alive as long as the returned `TempDir`).
pub fn open() -> (TempDir, Ledger) {
    let dir = tempfile::tempdir().expect("temp dir");
    let ledger = Ledger::open_dir(dir.path()).expect("a new ledger opens");
    (dir, ledger)
}

pub fn date(iso: &str) -> NaiveDate {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d").expect("test date")
}

pub fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

pub fn tomorrow() -> String {
    iso(ledger::dates::today() + chrono::Duration::days(1))
}

/// A person entering the ledger at `stage` on `since`.
pub fn new_person(name: &str, stage: &str, since: &str) -> NewPerson {
    NewPerson {
        details: PersonInput {
            name: name.into(),
            ..Default::default()
        },
        stage: stage.into(),
        since: since.into(),
        ..Default::default()
    }
}

pub fn add(ledger: &mut Ledger, person: &NewPerson) -> Result<i64> {
    ledger.write(|c| people::add(c, person))
}

/// Adds a person who must be accepted.
pub fn add_ok(ledger: &mut Ledger, name: &str, stage: &str, since: &str) -> i64 {
    add(ledger, &new_person(name, stage, since)).expect("person added")
}

/// Adds a person who arrived by transfer in (转入) from another organisation.
pub fn add_transferred_in(ledger: &mut Ledger, name: &str, stage: &str, since: &str) -> i64 {
    let person = NewPerson {
        transferred_from: Some("清华大学电子工程系党委".into()),
        ..new_person(name, stage, since)
    };
    add(ledger, &person).expect("person added")
}

pub fn change_stage(ledger: &mut Ledger, id: i64, to: &str, date: &str) -> Result<()> {
    let input = StageChangeInput {
        to: to.into(),
        date: date.into(),
        note: None,
    };
    ledger.write(|c| people::change_stage(c, id, &input))
}

pub fn transfer(ledger: &mut Ledger, id: i64, direction: Direction, date: &str) -> Result<()> {
    let input = TransferInput {
        direction,
        date: date.into(),
        organisation: "中国科学院微电子研究所党委".into(),
        note: None,
    };
    ledger.write(|c| people::transfer(c, id, &input))
}

/// Asserts that `result` is a refusal with `code`, explained in both languages.
#[track_caller]
pub fn refused<T>(result: Result<T>, code: &str) -> Error {
    let Err(err) = result else {
        panic!("expected a refusal with code {code}, but it was accepted");
    };
    assert_eq!(err.code(), code, "{err:?}");
    let (zh, en) = (err.message(Lang::Zh), err.message(Lang::En));
    assert!(!zh.trim().is_empty() && !en.trim().is_empty(), "{err:?}");
    assert_ne!(zh, en, "{err:?}");
    err
}

/// Asserts that `attempt` is refused with `code` and `field` (`None`: the error names no field), and
/// that nothing was saved.
#[track_caller]
pub fn refused_unsaved<T>(
    ledger: &mut Ledger,
    code: &str,
    field: Option<Field>,
    attempt: impl FnOnce(&mut Ledger) -> Result<T>,
) -> Error {
    let before = snapshot(ledger);
    let err = refused(attempt(ledger), code);
    assert_eq!(err.field(), field, "{err:?}");
    assert_eq!(snapshot(ledger), before, "nothing may be saved");
    err
}

/// A committee term elected on `elected_on`, with `names` (full members since 2016-05-20, added now)
/// as plain members. Returns the term and the people's ids.
pub fn committee_of(
    ledger: &mut Ledger,
    ordinal: i64,
    elected_on: &str,
    names: &[&str],
) -> (i64, Vec<i64>) {
    let ids: Vec<i64> = names
        .iter()
        .map(|name| add_ok(ledger, name, "full", "2016-05-20"))
        .collect();
    let input = TermInput {
        ordinal: Some(ordinal),
        elected_on: elected_on.into(),
        ..Default::default()
    };
    let term = ledger
        .write(|c| committee::add(c, &input))
        .expect("term added");
    for &id in &ids {
        ledger
            .write(|c| committee::appoint(c, term, id, "member"))
            .expect("seat given");
    }
    (term, ids)
}

/// Every row of every table, as text: compare before and after a refusal to show nothing was saved.
/// The search index is compared through its virtual table; its shadow tables are left out.
pub fn snapshot(ledger: &Ledger) -> String {
    let conn = ledger.read();
    let mut tables: Vec<String> = conn
        .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type <> 'shadow' AND type <> 'view' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    tables.retain(|t| !t.starts_with("sqlite_"));
    let mut out = String::new();
    for table in tables {
        out.push_str(&format!("[{table}]\n"));
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM {table} ORDER BY rowid"))
            .unwrap();
        let columns = stmt.column_count();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for i in 0..columns {
                let value = match row.get_ref(i).unwrap() {
                    ValueRef::Null => "NULL".to_string(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => format!("{b:?}"),
                };
                out.push_str(&value);
                out.push('|');
            }
            out.push('\n');
        }
    }
    out
}
