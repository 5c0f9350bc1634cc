//! The demo branch's party dues from 2016 to 2020, made through the same rules as anything typed: each
//! member's base declared every January (or when they became a member), quarterly payments received
//! in the quarter's first month, two members who now and then pay a quarter late, one payment short
//! with a note, hand-overs to the higher committee every half year, and one member who stopped paying
//! after August 2020 (the home screen names them as of the demo's last day).

use crate::dice::Dice;
use crate::dues::bases::{self, BaseInput};
use crate::dues::handovers::{self, HandoverInput};
use crate::dues::payments::{self, PaymentInput};
use crate::dues::register::Book;
use crate::dues::{yuan, Month};
use crate::Result;
use chrono::Datelike;
use rusqlite::Connection;

const YEARS: std::ops::RangeInclusive<i32> = 2016..=2020;
/// Who pays late now and then, and who stopped paying in 2020.
const LATE: [&str; 2] = ["王谦", "刘洋"];
const STOPPED: &str = "孙浩";
const STOPPED_AFTER: (i32, u32) = (2020, 8);
const HIGHER: &str = "中共××大学委员会组织部";

pub(crate) fn load(conn: &Connection) -> Result<()> {
    let mut dice = Dice(2016);
    let people: Vec<(i64, String)> = conn
        .prepare("SELECT id, name FROM people WHERE deleted_at IS NULL ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for year in YEARS {
        declare_bases(conn, &people, year, &mut dice)?;
        for quarter in 0..4 {
            pay_quarter(conn, &people, year, quarter, &mut dice)?;
        }
    }
    hand_over(conn)
}

fn declare_bases(
    conn: &Connection,
    people: &[(i64, String)],
    year: i32,
    dice: &mut Dice,
) -> Result<()> {
    let book = Book::load(conn)?;
    for (id, _) in people {
        let Some(first) = (1..=12)
            .filter_map(|m| Month::new(year, m))
            .find(|&m| book.members.owes(*id, m))
        else {
            continue;
        };
        // Salaries of a university platform's staff, rising a little each year.
        let income =
            5200 + (*id * 377) % 6000 + i64::from(year - 2016) * 300 + dice.between(0, 20) * 10;
        let input = BaseInput {
            person_id: Some(*id),
            from_month: first.to_string(),
            category: "employed".into(),
            income: income.to_string(),
            notes: format!("{year}年度申报"),
            ..Default::default()
        };
        bases::save(conn, None, &input)?;
    }
    Ok(())
}

/// Each member pays the quarter's owed months at once, in its first month (late payers sometimes in
/// the month after the quarter).
fn pay_quarter(
    conn: &Connection,
    people: &[(i64, String)],
    year: i32,
    quarter: u32,
    dice: &mut Dice,
) -> Result<()> {
    let book = Book::load(conn)?;
    let months: Vec<Month> = (1..=3)
        .filter_map(|m| Month::new(year, quarter * 3 + m))
        .collect();
    for (id, name) in people {
        let owed: Vec<Month> = months
            .iter()
            .copied()
            .filter(|&m| book.members.owes(*id, m))
            .collect();
        let stopped = Month::new(STOPPED_AFTER.0, STOPPED_AFTER.1).expect("a month");
        let owed: Vec<Month> = owed
            .into_iter()
            .filter(|&m| name != STOPPED || m <= stopped)
            .collect();
        let (Some(&first), Some(&last)) = (owed.first(), owed.last()) else {
            continue;
        };
        if first.until(last) + 1 != owed.len() as i64 {
            continue;
        }
        let late = LATE.contains(&name.as_str()) && dice.chance(40);
        let paid_in = if late { last.plus(1) } else { first };
        let day = dice.between(3, 25) as u32;
        let received = paid_in
            .first_day()
            .with_day(day)
            .unwrap_or(paid_in.first_day());
        let due: i64 = owed.iter().filter_map(|&m| book.due(*id, m)).sum();
        let short = year == 2018 && quarter == 2 && name == LATE[0];
        let input = PaymentInput {
            person_id: Some(*id),
            first_month: first.to_string(),
            months: Some(owed.len() as i64),
            amount: yuan(if short { due - 1000 } else { due }),
            received_on: crate::dates::iso(received),
            method: if year >= 2019 { "transfer" } else { "cash" }.into(),
            notes: if short {
                "本季度少交10元，下季度补齐".into()
            } else {
                String::new()
            },
            ..Default::default()
        };
        payments::save(conn, None, &input)?;
    }
    Ok(())
}

/// Every half year, what was received in it goes to the higher committee early in the next month
/// (the last half of 2020 is still held at the demo's end).
fn hand_over(conn: &Connection) -> Result<()> {
    for year in YEARS {
        for (first, last, handed_on) in [
            (1, 6, format!("{year}-07-10")),
            (7, 12, format!("{}-01-12", year + 1)),
        ] {
            if year == 2020 && first == 7 {
                continue;
            }
            let (from, to) = (
                format!("{year}-{first:02}-01"),
                format!("{year}-{last:02}-31"),
            );
            let collected: i64 = conn.query_row(
                "SELECT coalesce(sum(amount_fen), 0) FROM dues_payments WHERE received_on BETWEEN ?1 AND ?2",
                [&from, &to],
                |r| r.get(0),
            )?;
            if collected == 0 {
                continue;
            }
            let input = HandoverInput {
                first_month: format!("{year}-{first:02}"),
                last_month: format!("{year}-{last:02}"),
                amount: yuan(collected),
                handed_on,
                recipient: HIGHER.into(),
                notes: String::new(),
            };
            handovers::save(conn, None, &input)?;
        }
    }
    Ok(())
}
