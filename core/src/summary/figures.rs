//! The figures of each section, counted from the records by SQL over the range (trashed records never
//! count), and the chart series.

use super::{
    Activities, Bookshelf, Bulletins, CampaignLine, ComplianceLine, GroupLine, HonourLine, Honours,
    KindLine, Membership, Organisation, PersonCount, ProjectLine, Range, Record, SeriesLine,
    StagePoint, Suggestions, TermLine,
};
use crate::activities::ActivityKind;
use crate::cadence::{self, Period};
use crate::people::{Stage, StageCounts};
use crate::{committee, dates, groups, loans, people, Field, Lang, Result};
use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Connection};

/// Runs `sql` (bound to `args`), each row giving a date and a title.
fn records<P: rusqlite::Params>(conn: &Connection, sql: &str, args: P) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(args, |r| {
        Ok(Record {
            date: r.get(0)?,
            title: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Runs `sql` (bound to `args`), each row giving a name and a count.
fn person_counts<P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    args: P,
) -> Result<Vec<PersonCount>> {
    let mut stmt = conn.prepare(sql)?;
    let rows = stmt.query_map(args, |r| {
        Ok(PersonCount {
            name: r.get(0)?,
            count: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(super) fn membership_in(conn: &Connection, range: &Range) -> Result<Membership> {
    let (from, to) = (range.from(), range.to());
    let (first, last) = range.iso();
    let on_first = people::counts_on(conn, from.pred_opt().unwrap_or(from))?;
    let on_last = people::counts_on(conn, to)?;
    let args = params![first, last];
    // A person's first entry as probationary is an admission, unless a transfer in brought them.
    let admitted = records(
        conn,
        "SELECT s.date, p.name FROM stage_changes s JOIN people p ON p.id = s.person_id
         WHERE p.deleted_at IS NULL AND s.to_stage = 'probationary' AND s.date BETWEEN ?1 AND ?2
           AND NOT (s.from_stage IS NULL AND EXISTS (SELECT 1 FROM transfers t WHERE t.person_id = s.person_id
                    AND t.direction = 'in' AND t.date = s.date))
         ORDER BY s.date, s.id",
        args,
    )?;
    let became_full = records(
        conn,
        "SELECT s.date, p.name FROM stage_changes s JOIN people p ON p.id = s.person_id
         WHERE p.deleted_at IS NULL AND s.to_stage = 'full' AND s.from_stage = 'probationary'
           AND s.date BETWEEN ?1 AND ?2
         ORDER BY s.date, s.id",
        args,
    )?;
    let transfers = |direction: &str, word: &str| {
        records(
            conn,
            &format!(
                "SELECT t.date, p.name || '（{word}' || t.organisation || '）' FROM transfers t
                 JOIN people p ON p.id = t.person_id
                 WHERE p.deleted_at IS NULL AND t.direction = ?3 AND t.date BETWEEN ?1 AND ?2
                 ORDER BY t.date, t.id"
            ),
            params![first, last, direction],
        )
    };
    let (entered, exited) = stage_moves(conn, range)?;
    Ok(Membership {
        growth: on_last.members() - on_first.members(),
        on_first,
        on_last,
        entered,
        exited,
        admitted,
        became_full,
        transferred_in: transfers("in", "转自")?,
        transferred_out: transfers("out", "转往")?,
    })
}

/// Every move into or out of a stage in the range, person by person: on each day a person's stage
/// changed or they transferred, their stage at the end of that day against the one before (nothing
/// when they were not in the branch), by the same rule as the head counts.
fn stage_moves(conn: &Connection, range: &Range) -> Result<(StageCounts, StageCounts)> {
    let (first, last) = range.iso();
    let mut stmt = conn.prepare(
        "SELECT person_id, date FROM stage_changes WHERE date BETWEEN ?1 AND ?2
         UNION SELECT person_id, date FROM transfers WHERE date BETWEEN ?1 AND ?2
         ORDER BY 1, 2",
    )?;
    let days: Vec<(i64, String)> = stmt
        .query_map(params![first, last], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let before = range.from().pred_opt().unwrap_or(range.from());
    let (mut entered, mut exited) = (StageCounts::default(), StageCounts::default());
    let mut last_seen: Option<(i64, Option<Stage>)> = None;
    for (id, day) in days {
        let was = match last_seen {
            Some((person, stage)) if person == id => stage,
            _ => people::stage_on(conn, id, before)?,
        };
        let now = people::stage_on(conn, id, dates::parse(Field::Date, &day)?)?;
        if was != now {
            if let Some(stage) = was {
                exited.add(stage, 1);
            }
            if let Some(stage) = now {
                entered.add(stage, 1);
            }
        }
        last_seen = Some((id, now));
    }
    Ok((entered, exited))
}

pub(super) fn organisation_in(conn: &Connection, range: &Range) -> Result<Organisation> {
    let (first, last) = range.iso();
    // In office on a day: elected by then and not yet ended (a term ends the day the next is elected).
    let mut terms: Vec<TermLine> = committee::list(conn)?
        .into_iter()
        .filter(|t| t.elected_on <= last && t.ends_on.as_ref().is_none_or(|end| *end > first))
        .map(|t| TermLine {
            ordinal: t.ordinal,
            elected_on: t.elected_on,
            ends_on: t.ends_on,
            seats: t
                .seats
                .into_iter()
                .map(|s| (s.position.code().to_string(), s.name))
                .collect(),
        })
        .collect();
    terms.sort_by_key(|t| t.ordinal);
    let in_branch = people::in_branch_on(conn, range.to())?;
    let groups = groups::list(conn)?
        .into_iter()
        .map(|g| GroupLine {
            members: in_branch
                .iter()
                .filter(|p| p.party_group_id == Some(g.id))
                .count() as i64,
            name: g.name,
            leader: g.leader,
        })
        .collect();
    Ok(Organisation { terms, groups })
}

pub(super) fn activities_in(
    conn: &Connection,
    range: &Range,
    today: NaiveDate,
) -> Result<Activities> {
    let (from, to) = (range.from(), range.to());
    let (first, last) = range.iso();
    let args = params![first, last];
    let mut stmt = conn.prepare(
        "SELECT v.kind, count(*),
                coalesce(sum((SELECT count(*) FROM attendance a WHERE a.activity_id = v.id
                              AND a.role = 'expected')), 0),
                coalesce(sum((SELECT count(*) FROM attendance a WHERE a.activity_id = v.id
                              AND a.role = 'expected' AND a.status = 'present')), 0)
         FROM activities v WHERE v.deleted_at IS NULL AND v.date BETWEEN ?1 AND ?2 GROUP BY v.kind",
    )?;
    let counted: Vec<(String, i64, i64, i64)> = stmt
        .query_map(args, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let by_kind: Vec<KindLine> = ActivityKind::ALL
        .iter()
        .filter_map(|kind| counted.iter().find(|c| c.0 == kind.code()))
        .map(|(kind, count, expected, present)| KindLine {
            kind: kind.clone(),
            count: *count,
            expected: *expected,
            present: *present,
            rate: (*expected > 0).then(|| *present as f64 / *expected as f64),
        })
        .collect();
    let lecturers = person_counts(
        conn,
        "SELECT p.name, count(*) AS n FROM activity_speakers s JOIN activities v ON v.id = s.activity_id
         JOIN people p ON p.id = s.person_id
         WHERE v.deleted_at IS NULL AND v.kind = 'party_lecture' AND v.date BETWEEN ?1 AND ?2
         GROUP BY p.id ORDER BY n DESC, p.name, p.id",
        args,
    )?;
    let hosts = person_counts(
        conn,
        "SELECT p.name, count(*) AS n FROM activities v JOIN people p ON p.id = v.host_id
         WHERE v.deleted_at IS NULL AND v.date BETWEEN ?1 AND ?2
         GROUP BY p.id ORDER BY n DESC, p.name, p.id",
        args,
    )?;
    let mut stmt = conn.prepare(
        "SELECT name, starts_on, ends_on, n FROM (
           SELECT c.name, c.starts_on, c.ends_on, c.id,
                  (SELECT count(*) FROM activities v WHERE v.campaign_id = c.id AND v.deleted_at IS NULL
                   AND v.date BETWEEN ?1 AND ?2) AS n
           FROM campaigns c WHERE c.deleted_at IS NULL)
         WHERE n > 0 OR (starts_on <= ?2 AND (ends_on IS NULL OR ends_on >= ?1))
         ORDER BY starts_on, id",
    )?;
    let campaigns = stmt
        .query_map(args, |r| {
            Ok(CampaignLine {
                name: r.get(0)?,
                starts_on: r.get(1)?,
                ends_on: r.get(2)?,
                activities: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT year, title, status, rating, n FROM (
           SELECT p.year, p.title, p.status, p.rating, p.id,
                  (SELECT count(*) FROM activities v WHERE v.project_id = p.id AND v.deleted_at IS NULL
                   AND v.date BETWEEN ?1 AND ?2) AS n
           FROM special_projects p WHERE p.deleted_at IS NULL)
         WHERE n > 0 OR year BETWEEN ?3 AND ?4
         ORDER BY year, id",
    )?;
    let projects = stmt
        .query_map(params![first, last, from.year(), to.year()], |r| {
            Ok(ProjectLine {
                year: r.get(0)?,
                title: r.get(1)?,
                status: r.get(2)?,
                rating: r.get(3)?,
                activities: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT date, kind, title FROM activities WHERE deleted_at IS NULL AND date BETWEEN ?1 AND ?2
         ORDER BY date, id",
    )?;
    let records = stmt
        .query_map(args, |r| {
            let kind: String = r.get(1)?;
            let label = ActivityKind::parse(&kind).map_or("其他", |k| k.label(Lang::Zh));
            Ok(Record {
                date: r.get(0)?,
                title: format!("{label}：{}", r.get::<_, String>(2)?),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Activities {
        total: by_kind.iter().map(|k| k.count).sum(),
        by_kind,
        compliance: compliance_in(conn, from, to, today)?,
        lecturers,
        hosts,
        campaigns,
        projects,
        records,
    })
}

/// The period's label in the summary: "2019-03", "2019Q2" or "2019".
fn period_label(period: Period, start: NaiveDate) -> String {
    match period {
        Period::Month => format!("{}-{:02}", start.year(), start.month()),
        Period::Quarter => format!("{}Q{}", start.year(), (start.month() - 1) / 3 + 1),
        Period::Year | Period::Off => start.year().to_string(),
    }
}

/// For each cadence rule in force (each party group for group meetings): the periods lying wholly
/// inside the range that were over before `today` and did not end before the body that holds the
/// meeting existed ([`cadence::required_since`]: the branch, its first committee, the group).
fn compliance_in(
    conn: &Connection,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<Vec<ComplianceLine>> {
    let Some(founded) = cadence::founded_on(conn)? else {
        return Ok(Vec::new());
    };
    let groups = cadence::groups(conn)?;
    let mut lines = Vec::new();
    for rule in cadence::rules(conn)? {
        if rule.period == Period::Off {
            continue;
        }
        let targets: Vec<(Option<i64>, Option<String>)> = if rule.kind == ActivityKind::GroupMeeting
        {
            groups
                .iter()
                .map(|(id, name)| (Some(*id), Some(name.clone())))
                .collect()
        } else {
            vec![(None, None)]
        };
        for (group_id, group) in targets {
            let Some(since) = cadence::required_since(conn, rule.kind, group_id, Some(founded))?
            else {
                continue;
            };
            let (mut required, mut held, mut missing) = (0, 0, Vec::new());
            let mut day = from;
            loop {
                let (start, end) = rule.period.bounds(day);
                if start > to {
                    break;
                }
                if start >= from && end <= to && end < today && end >= since {
                    required += 1;
                    if cadence::held(conn, rule.kind, group_id, start, end)? > 0 {
                        held += 1;
                    } else {
                        missing.push(period_label(rule.period, start));
                    }
                }
                day = end + Duration::days(1);
            }
            if required > 0 {
                lines.push(ComplianceLine {
                    kind: rule.kind.code().to_string(),
                    group,
                    period: rule.period.code().to_string(),
                    required,
                    held,
                    missing,
                });
            }
        }
    }
    Ok(lines)
}

pub(super) fn bulletins_in(conn: &Connection, range: &Range) -> Result<Bulletins> {
    const PUBLISHED: &str =
        "i.deleted_at IS NULL AND s.deleted_at IS NULL AND i.status = 'published'
        AND i.publish_date BETWEEN ?1 AND ?2";
    let (first, last) = range.iso();
    let args = params![first, last];
    let mut stmt = conn.prepare(&format!(
        "SELECT i.publish_date, s.id, s.name, s.kind, i.number, i.title
         FROM bulletin_issues i JOIN bulletin_series s ON s.id = i.series_id
         WHERE {PUBLISHED} ORDER BY i.publish_date, s.id, i.number, i.id"
    ))?;
    type IssueRow = (String, i64, String, String, i64, String);
    let issues: Vec<IssueRow> = stmt
        .query_map(args, |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Topics of each series, most used first, then in the order they first appeared.
    let mut stmt = conn.prepare(&format!(
        "SELECT s.id, t.topic, count(*) AS n FROM bulletin_topics t
         JOIN bulletin_issues i ON i.id = t.issue_id JOIN bulletin_series s ON s.id = i.series_id
         WHERE {PUBLISHED} GROUP BY s.id, t.topic
         ORDER BY s.id, n DESC, min(i.publish_date), min(i.number), t.topic"
    ))?;
    let topics: Vec<(i64, String)> = stmt
        .query_map(args, |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut series: Vec<(i64, SeriesLine)> = Vec::new();
    for (_, id, name, kind, ..) in &issues {
        match series.iter_mut().find(|(s, _)| s == id) {
            Some((_, line)) => line.issues += 1,
            None => series.push((
                *id,
                SeriesLine {
                    name: name.clone(),
                    kind: kind.clone(),
                    issues: 1,
                    topics: topics
                        .iter()
                        .filter(|(s, _)| s == id)
                        .map(|(_, t)| t.clone())
                        .collect(),
                },
            )),
        }
    }
    series.sort_by_key(|(id, _)| *id);
    Ok(Bulletins {
        total: issues.len() as i64,
        series: series.into_iter().map(|(_, line)| line).collect(),
        records: issues
            .into_iter()
            .map(|(date, _, series, _, number, title)| Record {
                date,
                title: format!("{series} 第{number}期 {title}"),
            })
            .collect(),
    })
}

pub(super) fn bookshelf_in(conn: &Connection, range: &Range) -> Result<Bookshelf> {
    let (first, last) = range.iso();
    let stats = loans::range_stats(conn, &first, &last)?;
    let records = records(
        conn,
        &format!(
            "SELECT l.loaned_on, '《' || t.name || '》' FROM loans l
             JOIN book_copies c ON c.id = l.copy_id JOIN book_titles t ON t.id = c.title_id
             WHERE {} AND l.loaned_on BETWEEN ?1 AND ?2 ORDER BY l.loaned_on, l.id",
            loans::LIVE_LOAN
        ),
        params![first, last],
    )?;
    Ok(Bookshelf {
        titles: stats.titles,
        copies: stats.copies,
        copies_added: stats.copies_added,
        loans: stats.loans,
        borrowers: stats.borrowers,
        member_borrowers: stats.member_borrowers,
        other_borrowers: stats.other_borrowers,
        member_loans: stats.member_loans,
        other_loans: stats.other_loans,
        top_titles: stats
            .top_titles
            .into_iter()
            .map(|t| PersonCount {
                name: t.title,
                count: t.loans,
            })
            .collect(),
        records,
    })
}

/// The first characters of a text, on one line, for a record's title.
fn excerpt(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        line
    } else {
        let mut cut: String = line.chars().take(max).collect();
        cut.push('…');
        cut
    }
}

pub(super) fn suggestions_in(conn: &Connection, range: &Range) -> Result<Suggestions> {
    let (first, last) = range.iso();
    let args = params![first, last];
    let (received_answered, received_answered_in_range, received_declined, still_open): (
        i64,
        i64,
        i64,
        i64,
    ) = conn.query_row(
        "SELECT coalesce(sum(status IN ('answered', 'closed')), 0),
                coalesce(sum(status IN ('answered', 'closed') AND responded_on <= ?2), 0),
                coalesce(sum(status = 'declined'), 0),
                coalesce(sum(status NOT IN ('answered', 'closed', 'declined')), 0)
         FROM suggestions WHERE deleted_at IS NULL AND received_on BETWEEN ?1 AND ?2",
        args,
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    let mut stmt = conn.prepare(
        "SELECT received_on, category, content FROM suggestions
         WHERE deleted_at IS NULL AND received_on BETWEEN ?1 AND ?2 ORDER BY received_on, id",
    )?;
    let received: Vec<(String, String, String)> = stmt
        .query_map(args, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT received_on, responded_on, category FROM suggestions
         WHERE deleted_at IS NULL AND status IN ('answered', 'closed') AND responded_on BETWEEN ?1 AND ?2",
    )?;
    let answered: Vec<(String, String, String)> = stmt
        .query_map(args, |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut days: Vec<i64> = answered
        .iter()
        .filter_map(|(got, done, _)| {
            let got = dates::parse(Field::ReceivedOn, got).ok()?;
            let done = dates::parse(Field::RespondedOn, done).ok()?;
            Some((done - got).num_days())
        })
        .collect();
    let median = crate::suggestions::median(&mut days);
    let mut by_category: Vec<(String, i64, i64)> = Vec::new();
    let categories = (received.iter().map(|(_, c, _)| (c, 1, 0)))
        .chain(answered.iter().map(|(_, _, c)| (c, 0, 1)));
    for (category, got, done) in categories {
        match by_category.iter_mut().find(|(c, ..)| c == category) {
            Some(line) => {
                line.1 += got;
                line.2 += done;
            }
            None => by_category.push((category.clone(), got, done)),
        }
    }
    by_category.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.cmp(&a.2)).then(a.0.cmp(&b.0)));
    Ok(Suggestions {
        received: received.len() as i64,
        received_answered,
        received_answered_in_range,
        received_declined,
        still_open,
        answered: answered.len() as i64,
        answered_older: answered.iter().filter(|(got, ..)| *got < first).count() as i64,
        median_days_to_respond: median,
        by_category,
        records: received
            .into_iter()
            .map(|(date, category, content)| Record {
                date,
                title: match category.as_str() {
                    "" => excerpt(&content, 30),
                    c => format!("{c}：{}", excerpt(&content, 30)),
                },
            })
            .collect(),
    })
}

pub(super) fn honours_in(conn: &Connection, range: &Range) -> Result<Honours> {
    let (from, to) = (range.from(), range.to());
    let (first, last) = range.iso();
    let mut stmt = conn.prepare(
        "SELECT h.year, h.title, h.level, CASE WHEN h.recipient_kind = 'person' THEN p.name END,
                h.awarding_body, h.recipient_kind
         FROM honours h LEFT JOIN people p ON p.id = h.person_id
         WHERE h.deleted_at IS NULL
           AND CASE WHEN coalesce(h.awarded_on, '') <> '' THEN h.awarded_on BETWEEN ?1 AND ?2
                    ELSE h.year BETWEEN ?3 AND ?4 END
         ORDER BY h.year, coalesce(h.awarded_on, ''), h.id",
    )?;
    let records = stmt
        .query_map(params![first, last, from.year(), to.year()], |r| {
            Ok(HonourLine {
                year: r.get(0)?,
                title: r.get(1)?,
                level: r.get(2)?,
                recipient: r.get(3)?,
                awarding_body: r.get(4)?,
                recipient_kind: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<HonourLine>>>()?;
    let count = |kind: &str| records.iter().filter(|x| x.recipient_kind == kind).count() as i64;
    Ok(Honours {
        branch: count("branch"),
        persons: count("person"),
        unit: count("unit"),
        records,
    })
}

pub(super) fn members_by_year(conn: &Connection, to: NaiveDate) -> Result<Vec<StagePoint>> {
    let Some(first) = cadence::founded_on(conn)? else {
        return Ok(Vec::new());
    };
    (first.year()..=to.year())
        .map(|year| {
            let day = if year == to.year() {
                to
            } else {
                NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(to)
            };
            Ok(StagePoint {
                year,
                counts: people::counts_on(conn, day)?,
            })
        })
        .collect()
}

pub(super) fn activities_per_month(conn: &Connection, range: &Range) -> Result<Vec<(String, i64)>> {
    let (from, to) = (range.from(), range.to());
    let (first, last) = range.iso();
    let mut stmt = conn.prepare(
        "SELECT substr(date, 1, 7), count(*) FROM activities
         WHERE deleted_at IS NULL AND date BETWEEN ?1 AND ?2 GROUP BY 1",
    )?;
    let counts: Vec<(String, i64)> = stmt
        .query_map(params![first, last], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut months = Vec::new();
    let (mut year, mut month) = (from.year(), from.month());
    while (year, month) <= (to.year(), to.month()) {
        let key = format!("{year:04}-{month:02}");
        let n = counts
            .iter()
            .find(|(m, _)| *m == key)
            .map_or(0, |(_, n)| *n);
        months.push((key, n));
        (year, month) = if month == 12 {
            (year + 1, 1)
        } else {
            (year, month + 1)
        };
    }
    Ok(months)
}
