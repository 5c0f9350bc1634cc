//! Attachments: files kept inside the ledger, refused when too large or for a missing owner.
mod common;

use ledger::attachments::{self, AttachmentKind, Owner};
use ledger::bulletins::{self, IssueInput, SeriesInput};
use ledger::trash::{self, Kind};
use ledger::Ledger;

fn an_issue(ledger: &mut Ledger) -> i64 {
    ledger
        .write(|c| {
            let series = SeriesInput {
                name: "平台党支部宣传栏".into(),
                kind: "bulletin_board".into(),
                notes: None,
            };
            let series_id = bulletins::series_save(c, None, &series)?;
            let issue = IssueInput {
                series_id: Some(series_id),
                number: Some(1),
                title: "学习十九大精神".into(),
                status: "draft".into(),
                ..Default::default()
            };
            bulletins::issue_save(c, None, &issue)
        })
        .unwrap()
}

#[test]
fn a_file_is_kept_whole_and_counted_on_its_issue() {
    let (_dir, mut ledger) = common::open();
    let issue = an_issue(&mut ledger);
    let bytes: Vec<u8> = (0..=255).cycle().take(100_000).collect();
    let id = ledger
        .write(|c| {
            attachments::add(
                c,
                Owner::BulletinIssue,
                issue,
                "published",
                "海报.PNG",
                &bytes,
            )
        })
        .unwrap();
    let listed = attachments::list(ledger.read(), Owner::BulletinIssue, issue).unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        (listed[0].kind, listed[0].mime.as_str(), listed[0].size),
        (AttachmentKind::Published, "image/png", 100_000)
    );
    let (_, stored) = attachments::get(ledger.read(), id).unwrap();
    assert_eq!(stored, bytes);
    assert_eq!(
        bulletins::issue_get(ledger.read(), issue)
            .unwrap()
            .attachments,
        1
    );
}

#[test]
fn refusals_save_nothing() {
    let (_dir, mut ledger) = common::open();
    let issue = an_issue(&mut ledger);
    let big = vec![0u8; attachments::MAX_BYTES as usize + 1];
    let cases: [(&str, i64, &str, &str, &[u8]); 4] = [
        ("too_large", issue, "published", "big.pdf", &big),
        ("not_found", 999, "published", "a.pdf", b"x"),
        ("unknown_value", issue, "poster", "a.pdf", b"x"),
        ("required", issue, "published", "  ", b"x"),
    ];
    for (code, owner, kind, name, data) in cases {
        let err = ledger
            .write(|c| attachments::add(c, Owner::BulletinIssue, owner, kind, name, data))
            .unwrap_err();
        assert_eq!(err.code(), code);
    }
    assert!(
        attachments::list(ledger.read(), Owner::BulletinIssue, issue)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_trashed_file_is_hidden_and_can_come_back() {
    let (_dir, mut ledger) = common::open();
    let issue = an_issue(&mut ledger);
    let id = ledger
        .write(|c| attachments::add(c, Owner::BulletinIssue, issue, "photo", "现场.jpg", b"jpeg"))
        .unwrap();
    ledger
        .write(|c| trash::move_to_trash(c, Kind::Attachment, id))
        .unwrap();
    assert!(
        attachments::list(ledger.read(), Owner::BulletinIssue, issue)
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        attachments::get(ledger.read(), id).unwrap_err().code(),
        "not_found"
    );
    ledger
        .write(|c| trash::restore(c, Kind::Attachment, id))
        .unwrap();
    assert_eq!(
        attachments::list(ledger.read(), Owner::BulletinIssue, issue)
            .unwrap()
            .len(),
        1
    );
}
