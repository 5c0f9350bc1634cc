//! The demo branch's yearly appraisals (民主评议党员) from 2016 to 2020: every member at the year's end
//! rated at that December's appraisal meeting after a self-assessment a week before, about one in six
//! 优秀 and the rest 合格.

use crate::appraisals::{self, AppraisalInput};
use crate::dice::Dice;
use crate::Result;
use rusqlite::Connection;

pub(crate) fn load(conn: &Connection) -> Result<()> {
    let mut dice = Dice(1921);
    for year in 2016..=2020 {
        let sheet = appraisals::year(conn, year)?;
        let meeting = sheet
            .meetings
            .iter()
            .find(|m| m.date.starts_with(&year.to_string()));
        for line in &sheet.lines {
            let input = AppraisalInput {
                year: Some(year),
                person_id: Some(line.person_id),
                activity_id: meeting.map(|m| m.id),
                self_assessed_on: Some(format!("{year}-12-11")),
                rating: if dice.chance(17) {
                    "excellent"
                } else {
                    "qualified"
                }
                .into(),
                notes: String::new(),
            };
            appraisals::save(conn, None, &input)?;
        }
    }
    Ok(())
}
