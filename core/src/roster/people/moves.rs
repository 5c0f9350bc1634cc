//! A person's dated moves: stage changes in the admission process and transfers in and out.

use super::*;

/// Records a dated step in the admission process.
pub fn change_stage(conn: &Connection, id: i64, input: &StageChangeInput) -> Result<()> {
    let person = get_row(conn, id)?;
    if person.left_on.is_some() {
        return Err(Error::HasLeft { name: person.name });
    }
    let to = required_stage(&input.to)?;
    let date = dates::parse_past(Field::Date, &input.date)?;
    let note = text::optional(Field::Notes, input.note.as_deref().unwrap_or(""), NOTES_MAX)?;
    let from = person.stage;
    if to == from {
        return Err(Error::SameStage);
    }
    if !from.may_become(to) {
        return Err(Error::StageOrder {
            from: from.term(),
            to: to.term(),
        });
    }
    not_before_latest_event(conn, &person, date)?;
    let since = dates::parse(Field::Date, &person.stage_since)?;
    if from == Stage::Probationary && to == Stage::Full {
        let due = crate::admission::probation_end(conn, id)?
            .unwrap_or_else(|| dates::add_years(since, 1));
        if date < due {
            return Err(Error::TooEarly {
                field: Field::Date,
                earliest: iso(due),
                reason_zh: "预备期为一年（延长预备期的，加上延长的时间），期满才能转正".into(),
                reason_en: "probation lasts one year (plus any extension) before full membership"
                    .into(),
            });
        }
    }
    conn.execute(
        "INSERT INTO stage_changes (person_id, date, from_stage, to_stage, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, iso(date), from.code(), to.code(), note],
    )?;
    conn.execute(
        "UPDATE people SET stage = ?2, stage_since = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, to.code(), iso(date), dates::now()],
    )?;
    Ok(())
}

/// Records a transfer out of the branch (转出) or back in (转入).
pub fn transfer(conn: &Connection, id: i64, input: &TransferInput) -> Result<()> {
    let person = get_row(conn, id)?;
    let date = dates::parse_past(Field::Date, &input.date)?;
    let org = text::required(Field::Organisation, &input.organisation, ORG_MAX)?;
    let note = text::optional(Field::Notes, input.note.as_deref().unwrap_or(""), NOTES_MAX)?;
    match (input.direction, &person.left_on) {
        (Direction::Out, Some(_)) => return Err(Error::HasLeft { name: person.name }),
        (Direction::In, None) => return Err(Error::AlreadyIn { name: person.name }),
        _ => {}
    }
    not_before_latest_event(conn, &person, date)?;
    if input.direction == Direction::Out {
        crate::groups::check_not_leaving_as_leader(conn, id, person.party_group_id)?;
    }
    insert_transfer(conn, id, input.direction, &iso(date), &org, &note)?;
    let left_on = (input.direction == Direction::Out).then(|| iso(date));
    conn.execute(
        "UPDATE people SET left_on = ?2, updated_at = ?3 WHERE id = ?1",
        params![id, left_on, dates::now()],
    )?;
    Ok(())
}

pub(super) fn insert_transfer(
    conn: &Connection,
    id: i64,
    dir: Direction,
    date: &str,
    org: &str,
    note: &str,
) -> Result<()> {
    let direction = match dir {
        Direction::In => "in",
        Direction::Out => "out",
    };
    conn.execute(
        "INSERT INTO transfers (person_id, direction, date, organisation, note) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, direction, date, org, note],
    )?;
    Ok(())
}

/// A new stage change or transfer cannot predate the person's latest one.
fn not_before_latest_event(conn: &Connection, person: &PersonRow, date: NaiveDate) -> Result<()> {
    let since = dates::parse(Field::Date, &person.stage_since)?;
    let latest = latest_event(conn, person.id)?.max(since);
    if date < latest {
        return Err(Error::TooEarly {
            field: Field::Date,
            earliest: iso(latest),
            reason_zh: "上一次身份变动或转接的日期".into(),
            reason_en: "the previous stage change or transfer".into(),
        });
    }
    Ok(())
}

/// The date of the person's latest stage change or transfer.
fn latest_event(conn: &Connection, id: i64) -> Result<NaiveDate> {
    let latest: Option<String> = conn.query_row(
        "SELECT max(d) FROM (SELECT max(date) AS d FROM stage_changes WHERE person_id = ?1
                             UNION ALL SELECT max(date) FROM transfers WHERE person_id = ?1)",
        [id],
        |r| r.get(0),
    )?;
    match latest {
        Some(d) => dates::parse(Field::Date, &d),
        None => Ok(NaiveDate::MIN),
    }
}

pub(super) fn history(conn: &Connection, id: i64) -> Result<Vec<StageChange>> {
    let mut stmt = conn.prepare(
        "SELECT date, from_stage, to_stage, note FROM stage_changes WHERE person_id = ?1 ORDER BY date, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let from: Option<String> = r.get(1)?;
        let to: String = r.get(2)?;
        Ok(StageChange {
            date: r.get(0)?,
            from: from.and_then(|s| Stage::parse(&s).ok()),
            to: Stage::parse(&to).unwrap_or(Stage::NonMember),
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn transfers(conn: &Connection, id: i64) -> Result<Vec<Transfer>> {
    let mut stmt = conn.prepare(
        "SELECT direction, date, organisation, note FROM transfers WHERE person_id = ?1 ORDER BY date, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let dir: String = r.get(0)?;
        Ok(Transfer {
            direction: if dir == "in" {
                Direction::In
            } else {
                Direction::Out
            },
            date: r.get(1)?,
            organisation: r.get(2)?,
            note: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
