//! The papers of one activity: its record page (会议记录), the standard form an inspection reads
//! (kind, time, place, host, recorder, expected / present / on leave with reasons / absent, guests,
//! speakers and topic, minutes, decisions, photos with captions), and the sign-in sheet (签到表)
//! printed before the meeting with the expected attendees filled in.

use super::{expected, get, Activity, ActivityKind, Presence, Role};
use crate::attachments::{self, AttachmentKind, Owner};
use crate::document::{raster, Block, Cell, Doc, FormRow, Picture, Table};
use crate::{settings, Error, Lang, Result};
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

/// Refuses an activity in the trash with a sentence (not "not found"), then reads it.
pub fn live(conn: &Connection, id: i64) -> Result<Activity> {
    let deleted: Option<Option<String>> = conn
        .query_row(
            "SELECT deleted_at FROM activities WHERE id = ?1",
            [id],
            |r| r.get(0),
        )
        .optional()?;
    match deleted {
        Some(Some(_)) => Err(Error::ActivityInTrash),
        _ => get(conn, id),
    }
}

/// "支委会会议记录", "党课记录" / "Record of the committee meeting".
fn record_title(kind: ActivityKind, lang: Lang) -> String {
    use ActivityKind::*;
    let meeting = matches!(
        kind,
        GeneralMeeting | CommitteeMeeting | GroupMeeting | ReviewMeeting
    );
    match lang {
        Lang::Zh if meeting => format!("{}会议记录", kind.label(lang)),
        Lang::Zh => format!("{}记录", kind.label(lang)),
        Lang::En => format!("Record of the {}", kind.label(lang)),
    }
}

/// Names joined with the language's list separator, or "无" / "none".
fn names(items: &[String], lang: Lang) -> String {
    if items.is_empty() {
        lang.pick("无", "none").to_string()
    } else {
        items.join(lang.pick("、", ", "))
    }
}

fn or_blank(text: &str, lang: Lang) -> String {
    if text.trim().is_empty() {
        lang.pick("无", "none").to_string()
    } else {
        text.to_string()
    }
}

fn when(a: &Activity) -> String {
    format!("{} {}", a.date, a.time).trim().to_string()
}

fn attendance(a: &Activity, lang: Lang) -> Vec<FormRow> {
    let expected: Vec<_> = a
        .attendance
        .iter()
        .filter(|r| r.role == Role::Expected)
        .collect();
    let with = |p: Presence| -> Vec<String> {
        expected
            .iter()
            .filter(|r| r.status == p)
            .map(|r| match (p, r.reason.trim()) {
                (Presence::OnLeave, reason) if !reason.is_empty() => {
                    format!(
                        "{}{}",
                        r.name,
                        lang.pick(&format!("（{reason}）"), &format!(" ({reason})"))
                    )
                }
                _ => r.name.clone(),
            })
            .collect()
    };
    let others: Vec<String> = a
        .attendance
        .iter()
        .filter(|r| r.role != Role::Expected && r.status == Presence::Present)
        .map(|r| r.name.clone())
        .collect();
    let count = |n: i64| match lang {
        Lang::Zh => format!("{n} 人"),
        Lang::En => n.to_string(),
    };
    vec![
        FormRow::two(
            lang.pick("应到人数", "Expected"),
            count(a.rate.expected),
            lang.pick("实到人数", "Present"),
            count(a.rate.present),
        ),
        FormRow::one(
            lang.pick("出席人员", "Present"),
            names(&with(Presence::Present), lang),
        ),
        FormRow::one(
            lang.pick("请假人员（事由）", "On leave (reason)"),
            names(&with(Presence::OnLeave), lang),
        ),
        FormRow::one(
            lang.pick("缺席人员", "Absent"),
            names(&with(Presence::Absent), lang),
        ),
        FormRow::one(
            lang.pick("列席人员及来宾", "Invited and guests"),
            names(&others, lang),
        ),
    ]
}

/// The form of the record page (without its title): what the binder repeats for every activity.
fn record_form(a: &Activity, lang: Lang) -> Vec<FormRow> {
    let name = |n: &Option<super::Named>| n.as_ref().map_or_else(String::new, |n| n.name.clone());
    let mut rows = vec![
        FormRow::one(lang.pick("会议主题", "Topic"), a.title.clone()),
        FormRow::two(
            lang.pick("时间", "Date and time"),
            when(a),
            lang.pick("地点", "Place"),
            a.place.clone(),
        ),
        FormRow::two(
            lang.pick("主持人", "Host"),
            name(&a.host),
            lang.pick("记录人", "Recorder"),
            name(&a.recorder),
        ),
    ];
    let mut belongs = Vec::new();
    if let Some(g) = &a.party_group {
        belongs.push((lang.pick("党小组", "Party group"), g.name.clone()));
    }
    if let Some(c) = &a.campaign {
        belongs.push((lang.pick("主题教育", "Campaign"), c.name.clone()));
    }
    if let Some(p) = &a.project {
        belongs.push((lang.pick("特色活动", "Special project"), p.name.clone()));
    }
    if !a.other_org.is_empty() {
        belongs.push((lang.pick("共建单位", "Partner"), a.other_org.clone()));
    }
    if !a.visited.is_empty() {
        belongs.push((lang.pick("走访对象", "Visited"), a.visited.clone()));
    }
    rows.extend(belongs.into_iter().map(|(l, v)| FormRow::one(l, v)));
    rows.extend(attendance(a, lang));
    let speakers: Vec<String> = a.speakers.iter().map(|s| s.name.clone()).collect();
    rows.push(FormRow::one(
        lang.pick("主讲人", "Speakers"),
        names(&speakers, lang),
    ));
    rows.push(FormRow::one(lang.pick("会议内容", "Minutes"), or_blank(&a.content, lang)).tall(8));
    rows.push(
        FormRow::one(
            lang.pick("会议决定", "Decisions"),
            or_blank(&a.decisions, lang),
        )
        .tall(3),
    );
    rows
}

/// The activity's photos as pictures with their captions (the file name without its extension); a
/// "photo" that is not an image becomes a line saying so, and the paper is still made.
fn photos(conn: &Connection, a: &Activity, lang: Lang) -> Result<Vec<Block>> {
    let mut out = Vec::new();
    for item in attachments::list(conn, Owner::Activity, a.id)? {
        if item.kind != AttachmentKind::Photo {
            continue;
        }
        let (_, bytes) = attachments::get(conn, item.id)?;
        let caption = item
            .file_name
            .rsplit_once('.')
            .map_or(item.file_name.as_str(), |(stem, _)| stem)
            .to_string();
        out.push(match raster::photo(&bytes) {
            Some((png, width, height)) => Block::Picture(Picture {
                png,
                width,
                height,
                width_mm: 120,
                caption,
            }),
            None => Block::Paragraph(match lang {
                Lang::Zh => format!("（附件「{}」不是图片文件，未能放入。）", item.file_name),
                Lang::En => format!(
                    "(The attachment \"{}\" is not an image and was left out.)",
                    item.file_name
                ),
            }),
        });
    }
    Ok(out)
}

/// The record page's blocks for the binder: a level 2 heading (date, kind, topic), the form and
/// the photos.
pub fn record_blocks(conn: &Connection, a: &Activity, lang: Lang) -> Result<Vec<Block>> {
    let mut blocks = vec![
        Block::Heading {
            level: 2,
            text: format!("{}　{}：{}", a.date, a.kind.label(lang), a.title),
        },
        Block::Form(record_form(a, lang)),
    ];
    blocks.extend(photos(conn, a, lang)?);
    Ok(blocks)
}

/// The record page of activity `id` as a paper of its own.
pub fn record(conn: &Connection, id: i64, lang: Lang) -> Result<Doc> {
    let a = live(conn, id)?;
    let title = record_title(a.kind, lang);
    let mut blocks = heading_blocks(conn, &title)?;
    blocks.push(Block::Form(record_form(&a, lang)));
    blocks.extend(photos(conn, &a, lang)?);
    Ok(Doc::plain(lang, title, blocks))
}

/// A paper's title with the branch's name under it (when Settings hold one).
fn heading_blocks(conn: &Connection, title: &str) -> Result<Vec<Block>> {
    let branch = settings::branch_name(conn)?;
    let mut blocks = vec![Block::Title(title.to_string())];
    if !branch.is_empty() {
        blocks.push(Block::Centred(branch));
    }
    Ok(blocks)
}

/// Each person's party group name.
fn groups_of(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare(
        "SELECT p.id, g.name FROM people p
         JOIN party_groups g ON g.id = p.party_group_id AND g.deleted_at IS NULL",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Blank rows at the end of the sign-in sheet for people not on the list (invited, guests).
const SPARE_ROWS: usize = 4;

/// The sign-in sheet of activity `id`: the expected attendees (as recorded, or as the roster expects
/// them on the day when no attendance is recorded yet) with a column to sign and one for the reason
/// of leave.
pub fn sign_in(conn: &Connection, id: i64, lang: Lang) -> Result<Doc> {
    let a = live(conn, id)?;
    let mut people: Vec<(Option<i64>, String)> = a
        .attendance
        .iter()
        .filter(|r| r.role == Role::Expected)
        .map(|r| (r.person_id, r.name.clone()))
        .collect();
    if people.is_empty() {
        let date = crate::dates::parse(crate::Field::Date, &a.date)?;
        let group = a.party_group.as_ref().map(|g| g.id);
        people = expected(conn, a.kind, date, group, false)?
            .into_iter()
            .map(|p| (Some(p.id), p.name))
            .collect();
    }
    let groups = groups_of(conn)?;
    let mut rows: Vec<Vec<Cell>> = people
        .iter()
        .enumerate()
        .map(|(i, (id, name))| {
            let group = id
                .and_then(|id| groups.get(&id).cloned())
                .unwrap_or_default();
            vec![
                Cell::number((i + 1).to_string()),
                Cell::text(name.clone()),
                Cell::text(group),
                Cell::text(""),
                Cell::text(""),
            ]
        })
        .collect();
    for i in 0..SPARE_ROWS {
        let n = people.len() + i + 1;
        rows.push(vec![
            Cell::number(n.to_string()),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
            Cell::text(""),
        ]);
    }
    let title = match lang {
        Lang::Zh => format!("{}签到表", a.kind.label(lang)),
        Lang::En => format!("Sign-in sheet: {}", a.kind.label(lang)),
    };
    let mut blocks = heading_blocks(conn, &title)?;
    let count = |n: usize| match lang {
        Lang::Zh => format!("{n} 人"),
        Lang::En => n.to_string(),
    };
    blocks.push(Block::Form(vec![
        FormRow::one(lang.pick("会议主题", "Topic"), a.title.clone()),
        FormRow::two(
            lang.pick("时间", "Date and time"),
            when(&a),
            lang.pick("地点", "Place"),
            a.place.clone(),
        ),
        FormRow::two(
            lang.pick("主持人", "Host"),
            a.host.as_ref().map_or_else(String::new, |h| h.name.clone()),
            lang.pick("应到人数", "Expected"),
            count(people.len()),
        ),
    ]));
    blocks.push(Block::Table(Table {
        title: None,
        headers: [
            lang.pick("序号", "No."),
            lang.pick("姓名", "Name"),
            lang.pick("党小组", "Party group"),
            lang.pick("签名", "Signature"),
            lang.pick("请假事由", "Reason for leave"),
        ]
        .map(String::from)
        .to_vec(),
        rows,
        min_lines: 2,
        widths_mm: vec![12.0, 30.0, 30.0, 50.0, 34.0],
    }));
    blocks.push(Block::Small(lang.pick(
        "签到后请将本表扫描或拍照，作为「签到表」附件添加到这条活动记录中。",
        "After the meeting, scan or photograph this sheet and attach it to the activity as its sign-in sheet.",
    ).to_string()));
    Ok(Doc::plain(lang, title, blocks))
}

crate::codes::code_enum!(ActivityPaper, crate::Field::File, {
    Record => "record", "会议记录", "record";
    SignIn => "sign_in", "签到表", "sign-in sheet";
});

/// The paper `kind` of activity `id`.
pub fn paper(conn: &Connection, id: i64, kind: ActivityPaper, lang: Lang) -> Result<Doc> {
    match kind {
        ActivityPaper::Record => record(conn, id, lang),
        ActivityPaper::SignIn => sign_in(conn, id, lang),
    }
}

/// The name the app suggests when it asks where to save: "会议记录-2019-03-12-学习十九大精神.docx".
pub fn file_name(
    conn: &Connection,
    id: i64,
    kind: ActivityPaper,
    ext: &str,
    lang: Lang,
) -> Result<String> {
    let a = live(conn, id)?;
    Ok(format!(
        "{}-{}-{}.{ext}",
        kind.label(lang).replace(' ', "-"),
        a.date,
        safe_name(&a.title)
    ))
}

/// `text` without the characters Windows refuses in file names, at most 40 characters.
pub fn safe_name(text: &str) -> String {
    text.chars()
        .map(|c| {
            if "\\/:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .take(40)
        .collect::<String>()
        .trim()
        .to_string()
}
