//! Who owed the branch dues in which month: a party member (probationary or full) in the branch on the
//! month's last day. The roster's stage changes and transfers are read once, so a year's register of
//! every member costs two queries, not one per person and month.

use super::Month;
use crate::people::Stage;
use crate::Result;
use rusqlite::Connection;
use std::collections::HashMap;

#[derive(Default)]
struct Track {
    name: String,
    /// (date, stage), in the order the roster applies them.
    stages: Vec<(String, String)>,
    /// (date, moved in), in order.
    transfers: Vec<(String, bool)>,
}

pub(crate) struct Members {
    people: HashMap<i64, Track>,
}

impl Members {
    pub(crate) fn load(conn: &Connection) -> Result<Members> {
        let mut people: HashMap<i64, Track> = HashMap::new();
        let mut stmt = conn.prepare("SELECT id, name FROM people WHERE deleted_at IS NULL")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, name) = row?;
            people.entry(id).or_default().name = name;
        }
        let mut stmt =
            conn.prepare("SELECT person_id, date, to_stage FROM stage_changes ORDER BY date, id")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))? {
            let (id, date, stage) = row?;
            if let Some(track) = people.get_mut(&id) {
                track.stages.push((date, stage));
            }
        }
        let mut stmt = conn
            .prepare("SELECT person_id, date, direction = 'in' FROM transfers ORDER BY date, id")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))? {
            let (id, date, moved_in) = row?;
            if let Some(track) = people.get_mut(&id) {
                track.transfers.push((date, moved_in));
            }
        }
        Ok(Members { people })
    }

    pub(crate) fn name(&self, id: i64) -> Option<&str> {
        self.people.get(&id).map(|t| t.name.as_str())
    }

    /// Whether `id` owed this branch dues for `month` (the same rule as the roster's "in the branch on
    /// a day", applied to the month's last day).
    pub(crate) fn owes(&self, id: i64, month: Month) -> bool {
        let Some(track) = self.people.get(&id) else {
            return false;
        };
        let day = month.last_day_iso();
        let stage = track
            .stages
            .iter()
            .rev()
            .find(|(d, _)| *d <= day)
            .map(|(_, s)| s.as_str());
        let member =
            matches!(stage, Some(s) if s == Stage::Full.code() || s == Stage::Probationary.code());
        let in_branch = match track.transfers.iter().rev().find(|(d, _)| *d <= day) {
            Some((_, moved_in)) => *moved_in,
            // Before the first transfer: out if it brought them in, in if it took them away.
            None => track
                .transfers
                .first()
                .is_none_or(|(_, moved_in)| !moved_in),
        };
        member && in_branch
    }

    /// Everyone who owed dues in some month of `months`, by name.
    pub(crate) fn owing_in(&self, months: &[Month]) -> Vec<i64> {
        let mut ids: Vec<i64> = self
            .people
            .keys()
            .copied()
            .filter(|&id| months.iter().any(|&m| self.owes(id, m)))
            .collect();
        ids.sort_by(|a, b| {
            crate::text::pinyin_cmp(&self.people[a].name, &self.people[b].name).then(a.cmp(b))
        });
        ids
    }
}
