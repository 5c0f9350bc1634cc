//! The demo branch's activity history, 2016–2020, made through the same rules as anything typed:
//! from the branch's founding in 2016 the regular meetings (the committee's from its first election on
//! 2016-11-18) and the "两学一做" topics, from 2017 a study or practice every two weeks with members taking turns
//! to lecture and committee members to host, the monthly committee and group meetings, quarterly
//! general meetings and lectures, yearly review meetings and appraisals, the 延安 (2018) and 遵义 (2019)
//! trips, and the three special projects, all rated 优秀成果.

use crate::activities::{
    self, ActivityInput, ActivityKind, AttendanceInput, CampaignInput, ProjectInput,
};
use crate::dates::{self, iso};
use crate::dice::Dice;
use crate::{Field, Result};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::Connection;

fn day(s: &str) -> NaiveDate {
    dates::parse(Field::Date, s).expect("demo dates are valid")
}

struct Ctx<'a> {
    conn: &'a Connection,
    dice: Dice,
    hosts_turn: usize,
    lecturers_turn: usize,
}

impl Ctx<'_> {
    /// Saves one activity with the roster's expected attendance, a few on leave or absent.
    fn record(
        &mut self,
        kind: ActivityKind,
        date: NaiveDate,
        title: &str,
        extra: impl FnOnce(&mut ActivityInput),
    ) -> Result<i64> {
        let group = None;
        let mut input = ActivityInput {
            kind: kind.code().into(),
            date: iso(date),
            title: title.into(),
            place: Some("平台会议室".into()),
            ..Default::default()
        };
        extra(&mut input);
        let expected =
            activities::expected(self.conn, kind, date, input.party_group_id.or(group), false)?;
        let committee =
            activities::expected(self.conn, ActivityKind::CommitteeMeeting, date, None, false)?;
        if input.host_id.is_none() && !committee.is_empty() {
            input.host_id = Some(committee[self.hosts_turn % committee.len()].id);
            self.hosts_turn += 1;
        }
        if kind == ActivityKind::PartyLecture
            && input.speaker_ids.is_empty()
            && !expected.is_empty()
        {
            input.speaker_ids = vec![expected[self.lecturers_turn % expected.len()].id];
            self.lecturers_turn += 1;
        }
        input.attendance = expected
            .iter()
            .map(|p| {
                let (status, reason) = match self.dice.roll(20) {
                    0 => ("on_leave", Some("出差".to_string())),
                    1 => ("on_leave", Some("病假".to_string())),
                    2 => ("absent", None),
                    _ => ("present", None),
                };
                AttendanceInput {
                    person_id: Some(p.id),
                    role: "expected".into(),
                    status: status.into(),
                    reason,
                    ..Default::default()
                }
            })
            .collect();
        activities::save(self.conn, None, &input)
    }
}

pub fn load(conn: &Connection, group_ids: &[i64]) -> Result<()> {
    let mut ctx = Ctx {
        conn,
        dice: Dice(2016),
        hosts_turn: 0,
        lecturers_turn: 0,
    };
    let lxyz = activities::campaign_save(
        conn,
        None,
        &CampaignInput {
            name: "两学一做".into(),
            starts_on: "2016-06-01".into(),
            ends_on: Some("2016-12-31".into()),
            notes: None,
        },
    )?;
    let bwcx = activities::campaign_save(
        conn,
        None,
        &CampaignInput {
            name: "不忘初心、牢记使命".into(),
            starts_on: "2018-06-01".into(),
            ends_on: Some("2019-12-31".into()),
            notes: None,
        },
    )?;
    for (date, topic) in [
        ("2016-07-12", "讲政治、有信念"),
        ("2016-09-20", "讲规矩、有纪律"),
        ("2016-11-22", "讲道德、有品行"),
    ] {
        ctx.record(
            ActivityKind::Study,
            day(date),
            &format!("“两学一做”专题学习讨论：{topic}"),
            |i| i.campaign_id = Some(lxyz),
        )?;
    }
    let mut projects = Vec::new();
    for (year, title, filed) in [
        (2017, "党群融合：建立党群关系融合的长效机制", "2017-03-15"),
        (2018, "固本强基：提升基层党组织战斗堡垒作用", "2018-03-20"),
        (
            2019,
            "芯系祖国：迎接建国70周年，聚焦新时代集成电路发展",
            "2019-03-18",
        ),
    ] {
        let input = ProjectInput {
            year: Some(year),
            title: title.into(),
            filed_on: Some(filed.into()),
            status: "completed".into(),
            rating: Some("优秀成果".into()),
            notes: None,
        };
        projects.push((year, activities::project_save(conn, None, &input)?));
    }
    let project_of = |date: NaiveDate| {
        projects
            .iter()
            .find(|(y, _)| *y == date.year())
            .map(|(_, id)| *id)
    };

    // From 2017: a study or practice every two weeks, on Tuesdays.
    let mut date = day("2017-01-10");
    let mut n = 0;
    while date <= day("2020-12-31") {
        let kind = if n % 3 == 2 {
            ActivityKind::Practice
        } else {
            ActivityKind::Study
        };
        let title = if kind == ActivityKind::Study {
            format!("理论学习（第{}次）", n + 1)
        } else {
            format!("实践活动（第{}次）", n + 1)
        };
        let project = project_of(date).filter(|_| n % 4 == 0);
        ctx.record(kind, date, &title, |i| i.project_id = project)?;
        date += Duration::weeks(2);
        n += 1;
    }
    // The founding month: the first themed party day and the two groups' first meetings.
    ctx.record(
        ActivityKind::ThemeDay,
        day("2016-05-27"),
        "2016年5月主题党日：支部成立",
        |_| {},
    )?;
    for (k, group) in group_ids.iter().enumerate() {
        ctx.record(
            ActivityKind::GroupMeeting,
            day("2016-05-30") + Duration::days(k as i64),
            "2016年5月党小组会",
            |i| i.party_group_id = Some(*group),
        )?;
    }
    // The branch was founded on 2016-05-20 and elected its first committee on 2016-11-18: the regular
    // meetings start in June 2016, the committee's with its election.
    let first_committee = day("2016-11-18");
    for year in 2016..=2020 {
        let months = if year == 2016 { 6..=12u32 } else { 1..=12u32 };
        for month in months {
            let first = NaiveDate::from_ymd_opt(year, month, 1).expect("valid");
            let committee_day = first + Duration::days(4);
            let committee_day = if committee_day < first_committee {
                (first + Duration::days(24)).max(first_committee + Duration::days(7))
            } else {
                committee_day
            };
            if committee_day.month() == month && committee_day.year() == year {
                ctx.record(
                    ActivityKind::CommitteeMeeting,
                    committee_day,
                    &format!("{year}年{month}月支委会"),
                    |_| {},
                )?;
            }
            ctx.record(
                ActivityKind::ThemeDay,
                first + Duration::days(14),
                &format!("{year}年{month}月主题党日"),
                |_| {},
            )?;
            for (k, group) in group_ids.iter().enumerate() {
                ctx.record(
                    ActivityKind::GroupMeeting,
                    first + Duration::days(19 + k as i64),
                    &format!("{year}年{month}月党小组会"),
                    |i| i.party_group_id = Some(*group),
                )?;
            }
            if month % 3 == 0 {
                ctx.record(
                    ActivityKind::GeneralMeeting,
                    first + Duration::days(24),
                    &format!("{year}年第{}季度支部党员大会", month / 3),
                    |_| {},
                )?;
                ctx.record(
                    ActivityKind::PartyLecture,
                    first + Duration::days(9),
                    &format!("{year}年第{}季度党课", month / 3),
                    |_| {},
                )?;
            }
        }
        let december = NaiveDate::from_ymd_opt(year, 12, 1).expect("valid");
        ctx.record(
            ActivityKind::ReviewMeeting,
            december + Duration::days(17),
            &format!("{year}年度组织生活会"),
            |_| {},
        )?;
        ctx.record(
            ActivityKind::MemberAppraisal,
            december + Duration::days(18),
            &format!("{year}年度民主评议党员"),
            |_| {},
        )?;
    }
    ctx.record(
        ActivityKind::Practice,
        day("2018-10-12"),
        "赴延安“不忘初心、牢记使命”主题教育",
        |i| {
            i.campaign_id = Some(bwcx);
            i.place = Some("延安".into());
        },
    )?;
    ctx.record(
        ActivityKind::JointActivity,
        day("2019-07-05"),
        "赴遵义主题教育：四渡赤水纪念塔户外读书会，与遵义师范学院交流共建",
        |i| {
            i.campaign_id = Some(bwcx);
            i.place = Some("遵义".into());
            i.other_org = Some("遵义师范学院".into());
        },
    )?;
    Ok(())
}
