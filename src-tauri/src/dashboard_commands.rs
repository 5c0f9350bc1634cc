//! The dashboard (首页): what is due or overdue, the compliance calendar, who lectures and hosts next,
//! and this year's counts, all computed by `ledger`.

use crate::error::IpcError;
use crate::state::AppState;
use ledger::activities::ActivityKind;
use ledger::cadence::{self, CalendarLine, NextInLine, Reminder, Rule};
use ledger::dates;
use serde::Serialize;
use tauri::State;

type Reply<T> = Result<T, IpcError>;

#[derive(Serialize)]
pub struct Dashboard {
    pub today: String,
    pub reminders: Vec<Reminder>,
    pub calendar: Vec<CalendarLine>,
    pub next_lecturers: Vec<NextInLine>,
    pub next_hosts: Vec<NextInLine>,
    pub counts: Vec<(ActivityKind, i64)>,
    pub cycle_weeks: i64,
    pub rules: Vec<Rule>,
    pub overdue_loans: ledger::loans::Overdue,
}

#[tauri::command]
pub async fn dashboard(state: State<'_, AppState>, year: Option<i32>) -> Reply<Dashboard> {
    state
        .run(move |l, _| {
            let c = l.conn();
            let today = dates::today();
            let year = year.unwrap_or_else(|| chrono::Datelike::year(&today));
            Ok(Dashboard {
                today: dates::iso(today),
                reminders: cadence::reminders(c, today)?,
                calendar: cadence::calendar(c, year, today)?,
                next_lecturers: cadence::next_lecturers(c, today, 3)?,
                next_hosts: cadence::next_hosts(c, today, 3)?,
                counts: cadence::counts_by_kind(c, year)?,
                cycle_weeks: cadence::cycle_weeks(c)?,
                rules: cadence::rules(c)?,
                overdue_loans: ledger::loans::overdue(c)?,
            })
        })
        .await
}

#[tauri::command]
pub async fn set_cadence_rule(
    state: State<'_, AppState>,
    kind: String,
    period: String,
) -> Reply<()> {
    state
        .run(move |l, _| cadence::set_rule(l.conn(), &kind, &period))
        .await
}

#[tauri::command]
pub async fn set_cycle_weeks(state: State<'_, AppState>, weeks: i64) -> Reply<()> {
    state
        .run(move |l, _| cadence::set_cycle_weeks(l.conn(), weeks))
        .await
}
