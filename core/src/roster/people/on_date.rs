//! Who was in the branch, and at which stage, on a given day (the summary's and the home screen's head counts).

use super::*;

/// Today's head count by stage, of people in the branch; `left` counts those who transferred out.
pub fn counts(conn: &Connection) -> Result<StageCounts> {
    let mut counts = StageCounts::default();
    let mut stmt = conn.prepare(
        "SELECT stage, left_on IS NOT NULL, count(*) FROM people WHERE deleted_at IS NULL GROUP BY 1, 2",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let n: i64 = row.get(2)?;
        if row.get::<_, bool>(1)? {
            counts.left += n;
        } else if let Ok(stage) = Stage::parse(&row.get::<_, String>(0)?) {
            counts.add(stage, n);
        }
    }
    Ok(counts)
}

/// Each live person in the branch on date `?1`, with their stage that day. Someone is in the branch
/// when their latest transfer by then brought them in, or, before any transfer, unless their first
/// transfer was the one that brought them in.
const STAGE_ON: &str = "SELECT p.id AS person_id,
        (SELECT s.to_stage FROM stage_changes s WHERE s.person_id = p.id AND s.date <= ?1
         ORDER BY s.date DESC, s.id DESC LIMIT 1) AS stage
    FROM people p
    WHERE p.deleted_at IS NULL
      AND COALESCE(
            (SELECT t.direction FROM transfers t WHERE t.person_id = p.id AND t.date <= ?1
             ORDER BY t.date DESC, t.id DESC LIMIT 1),
            (SELECT CASE t.direction WHEN 'in' THEN 'out' ELSE 'in' END FROM transfers t
             WHERE t.person_id = p.id ORDER BY t.date, t.id LIMIT 1),
            'in') = 'in'";

/// The head count by stage on a past date, rebuilt from the stage history and transfers
/// (the annual summary's "members on 1 January and 31 December").
pub fn counts_on(conn: &Connection, date: NaiveDate) -> Result<StageCounts> {
    let sql =
        format!("SELECT stage, count(*) FROM ({STAGE_ON}) WHERE stage IS NOT NULL GROUP BY stage");
    let mut stmt = conn.prepare(&sql)?;
    let mut counts = StageCounts::default();
    let mut rows = stmt.query([iso(date)])?;
    while let Some(row) = rows.next()? {
        if let Ok(stage) = Stage::parse(&row.get::<_, String>(0)?) {
            counts.add(stage, row.get(1)?);
        }
    }
    Ok(counts)
}

/// Someone in the branch on a given day: their stage that day and their (current) party group.
#[derive(Debug, Clone)]
pub struct OnDate {
    pub id: i64,
    pub name: String,
    pub stage: Stage,
    pub party_group_id: Option<i64>,
}

/// Everyone in the branch on `date`, in one query.
pub fn in_branch_on(conn: &Connection, date: NaiveDate) -> Result<Vec<OnDate>> {
    let sql = format!(
        "SELECT s.person_id, p.name, s.stage, p.party_group_id FROM ({STAGE_ON}) s
         JOIN people p ON p.id = s.person_id WHERE s.stage IS NOT NULL ORDER BY p.name, p.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([iso(date)], |r| {
        let stage: String = r.get(2)?;
        Ok(OnDate {
            id: r.get(0)?,
            name: r.get(1)?,
            stage: Stage::parse(&stage).unwrap_or(Stage::NonMember),
            party_group_id: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A person's stage on a date, or `None` when they were not in the branch that day.
pub fn stage_on(conn: &Connection, id: i64, date: NaiveDate) -> Result<Option<Stage>> {
    let sql = format!("SELECT stage FROM ({STAGE_ON}) WHERE person_id = ?2");
    let stage: Option<Option<String>> = conn
        .query_row(&sql, params![iso(date), id], |r| r.get(0))
        .optional()?;
    Ok(stage.flatten().and_then(|s| Stage::parse(&s).ok()))
}

/// Probationary members whose year is up by `horizon` (typically today plus a month), oldest first.
pub fn probation_due(
    conn: &Connection,
    today: NaiveDate,
    horizon_days: i64,
) -> Result<Vec<ProbationDue>> {
    let mut stmt = conn.prepare(
        "SELECT id, name, stage_since FROM people WHERE stage = 'probationary' AND left_on IS NULL
         AND deleted_at IS NULL ORDER BY stage_since, name",
    )?;
    let horizon = today + chrono::Duration::days(horizon_days);
    let mut due = Vec::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    for row in rows {
        let (id, name, since) = row?;
        let due_on = match crate::admission::probation_end(conn, id)? {
            Some(end) => end,
            None => dates::add_years(dates::parse(Field::Date, &since)?, 1),
        };
        if due_on <= horizon {
            due.push(ProbationDue {
                id,
                name,
                since,
                due_on: iso(due_on),
                overdue: due_on < today,
            });
        }
    }
    Ok(due)
}

/// One line of the roster as it stood on a day (the binder's 党员名册).
#[derive(Debug, Clone)]
pub struct RegisterLine {
    pub id: i64,
    pub name: String,
    /// `male`, `female` or empty.
    pub gender: String,
    pub stage: Stage,
    pub party_group: String,
    /// The day the person was admitted (became probationary), if they were.
    pub admitted_on: Option<String>,
}

/// Everyone in the branch on `date` with their stage that day: members first (full, then
/// probationary), then candidates, activists and applicants, by name within each.
pub fn register_on(conn: &Connection, date: NaiveDate) -> Result<Vec<RegisterLine>> {
    let sql = format!(
        "SELECT s.person_id, p.name, COALESCE(p.gender, ''), s.stage, COALESCE(g.name, ''),
                (SELECT min(c.date) FROM stage_changes c
                 WHERE c.person_id = p.id AND c.to_stage = 'probationary' AND c.date <= ?1)
         FROM ({STAGE_ON}) s JOIN people p ON p.id = s.person_id
         LEFT JOIN party_groups g ON g.id = p.party_group_id AND g.deleted_at IS NULL
         WHERE s.stage IS NOT NULL AND s.stage != 'non_member'
         ORDER BY CASE s.stage WHEN 'full' THEN 1 WHEN 'probationary' THEN 2 WHEN 'candidate' THEN 3
                  WHEN 'activist' THEN 4 ELSE 5 END, p.name, p.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt.query_map([iso(date)], |r| {
        let stage: String = r.get(3)?;
        Ok(RegisterLine {
            id: r.get(0)?,
            name: r.get(1)?,
            gender: r.get(2)?,
            stage: Stage::parse(&stage).unwrap_or(Stage::NonMember),
            party_group: r.get(4)?,
            admitted_on: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
