//! What a person is named in (a group's leader, a committee seat, a loan …): what keeps them from the trash.

use super::*;

/// The records that point at a person and keep them from the trash, described in `lang`.
pub fn roles(conn: &Connection, id: i64, lang: Lang) -> Result<Vec<String>> {
    let mut roles = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT name FROM party_groups WHERE leader_id = ?1 AND deleted_at IS NULL ORDER BY name",
    )?;
    for group in stmt.query_map([id], |r| r.get::<_, String>(0))? {
        let group = group?;
        roles.push(match lang {
            Lang::Zh => format!("{group}组长"),
            Lang::En => format!("leader of {group}"),
        });
    }
    let counts: (i64, i64, i64) = conn.query_row(
        "SELECT (SELECT count(*) FROM bulletin_editors e JOIN bulletin_issues i ON i.id = e.issue_id
                 WHERE e.person_id = ?1 AND i.deleted_at IS NULL),
                (SELECT count(*) FROM suggestions WHERE author_id = ?1 AND deleted_at IS NULL),
                (SELECT count(*) FROM suggestions WHERE assignee_id = ?1 AND deleted_at IS NULL)",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let (edited, authored, assigned) = counts;
    let activities: i64 = conn.query_row(
        "SELECT count(*) FROM activities v WHERE v.deleted_at IS NULL AND (v.host_id = ?1 OR v.recorder_id = ?1
           OR EXISTS (SELECT 1 FROM activity_speakers s WHERE s.activity_id = v.id AND s.person_id = ?1)
           OR EXISTS (SELECT 1 FROM attendance a WHERE a.activity_id = v.id AND a.person_id = ?1))",
        [id],
        |r| r.get(0),
    )?;
    if activities > 0 {
        roles.push(
            lang.pick(
                &format!("{activities}次组织生活的参加者"),
                &format!("listed in {activities} activities"),
            )
            .to_string(),
        );
    }
    if edited > 0 {
        roles.push(
            lang.pick(
                &format!("{edited}期宣传的编辑"),
                &format!("editor of {edited} bulletin issues"),
            )
            .to_string(),
        );
    }
    if authored > 0 {
        roles.push(
            lang.pick(
                &format!("{authored}条意见的提出人"),
                &format!("author of {authored} suggestions"),
            )
            .to_string(),
        );
    }
    if assigned > 0 {
        roles.push(
            lang.pick(
                &format!("{assigned}条意见的负责人"),
                &format!("in charge of {assigned} suggestions"),
            )
            .to_string(),
        );
    }
    let honours: i64 = conn.query_row(
        "SELECT count(*) FROM honours WHERE person_id = ?1 AND deleted_at IS NULL",
        [id],
        |r| r.get(0),
    )?;
    if honours > 0 {
        roles.push(
            lang.pick(
                &format!("{honours}项荣誉的获得者"),
                &format!("the recipient of {honours} honours"),
            )
            .to_string(),
        );
    }
    let loans: i64 = conn.query_row(
        "SELECT count(*) FROM loans WHERE person_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    if loans > 0 {
        roles.push(
            lang.pick(
                &format!("{loans}次借书的借阅人"),
                &format!("the borrower in {loans} loans"),
            )
            .to_string(),
        );
    }
    for (ordinal, position) in crate::committee::positions_of(conn, id)? {
        roles.push(match lang {
            Lang::Zh => format!("第{ordinal}届支委会{}", position.label(lang)),
            Lang::En => format!("{} of committee term {ordinal}", position.label(lang)),
        });
    }
    Ok(roles)
}
