//! The yearly appraisal of members (民主评议党员): a rating per member and year linked to the appraisal
//! meeting, members not yet rated, the counts, and every refusal with nothing saved.
mod common;

use common::{add_ok, refused_unsaved, tomorrow};
use ledger::activities::{self, ActivityInput};
use ledger::appraisals::{self, AppraisalInput, Rating};
use ledger::trash::{self, Kind};
use ledger::{Field, Ledger, Result};

fn meeting(l: &mut Ledger, kind: &str, date: &str) -> i64 {
    let input = ActivityInput {
        kind: kind.into(),
        date: date.into(),
        title: "2019年度民主评议党员大会".into(),
        ..Default::default()
    };
    l.write(|c| activities::save(c, None, &input)).unwrap()
}

fn rate(person: i64, rating: &str) -> AppraisalInput {
    AppraisalInput {
        year: Some(2019),
        person_id: Some(person),
        rating: rating.into(),
        ..Default::default()
    }
}

fn save(l: &mut Ledger, input: &AppraisalInput) -> Result<i64> {
    l.write(|c| appraisals::save(c, None, input))
}

#[test]
fn members_are_rated_for_a_year_and_those_not_rated_are_listed() {
    let (_dir, mut l) = common::open();
    let wu = add_ok(&mut l, "吴华强", "full", "2016-05-20");
    let li = add_ok(&mut l, "李婷", "probationary", "2019-06-01");
    let zhao = add_ok(&mut l, "赵新", "activist", "2019-03-01");
    let m = meeting(&mut l, "member_appraisal", "2020-01-15");
    let input = AppraisalInput {
        activity_id: Some(m),
        self_assessed_on: Some("2020/1/10".into()),
        notes: "带头完成平台年度开放任务".into(),
        ..rate(wu, "excellent")
    };
    let id = save(&mut l, &input).unwrap();
    let a = appraisals::get(l.read(), id).unwrap();
    assert_eq!(
        (a.rating, a.self_assessed_on.as_deref(), a.activity_id),
        (Rating::Excellent, Some("2020-01-10"), Some(m))
    );
    let y = appraisals::year(l.read(), 2019).unwrap();
    let names: Vec<&str> = y.lines.iter().map(|x| x.name.as_str()).collect();
    assert_eq!(names.len(), 2, "members only: {names:?}");
    assert!(!names.contains(&"赵新"));
    assert_eq!(y.not_rated, 1);
    assert_eq!(y.counts[0], (Rating::Excellent, 1));
    assert_eq!(
        y.meetings.len(),
        1,
        "the meeting early in 2020 counts for 2019"
    );

    refused_unsaved(&mut l, "not_a_member", Some(Field::Person), |l| {
        save(l, &rate(zhao, "qualified"))
    });
    refused_unsaved(&mut l, "duplicate", Some(Field::Person), |l| {
        save(l, &rate(wu, "qualified"))
    });
    refused_unsaved(&mut l, "unknown_value", Some(Field::Rating), |l| {
        save(l, &rate(li, "good"))
    });
    refused_unsaved(&mut l, "required", Some(Field::Rating), |l| {
        save(l, &rate(li, ""))
    });
    let future = AppraisalInput {
        self_assessed_on: Some(tomorrow()),
        ..rate(li, "qualified")
    };
    refused_unsaved(&mut l, "future_date", Some(Field::SelfAssessedOn), |l| {
        save(l, &future)
    });
    let early = AppraisalInput {
        self_assessed_on: Some("2018-12-20".into()),
        ..rate(li, "qualified")
    };
    refused_unsaved(&mut l, "too_early", Some(Field::SelfAssessedOn), |l| {
        save(l, &early)
    });
    let study = meeting(&mut l, "study", "2019-12-01");
    let wrong = AppraisalInput {
        activity_id: Some(study),
        ..rate(li, "qualified")
    };
    refused_unsaved(&mut l, "bad_value", None, |l| save(l, &wrong));
    save(&mut l, &rate(li, "qualified")).unwrap();
    assert_eq!(appraisals::year(l.read(), 2019).unwrap().not_rated, 0);

    l.write(|c| trash::move_to_trash(c, Kind::Appraisal, id))
        .unwrap();
    assert_eq!(appraisals::year(l.read(), 2019).unwrap().not_rated, 1);
    save(&mut l, &rate(wu, "qualified")).unwrap();
    refused_unsaved(&mut l, "duplicate", Some(Field::Person), |l| {
        l.write(|c| trash::restore(c, Kind::Appraisal, id))
    });
}

#[test]
fn the_summary_names_those_rated_excellent_only_where_the_branch_chose_so() {
    let (_dir, mut l) = common::open();
    let wu = add_ok(&mut l, "吴华强", "full", "2016-05-20");
    let li = add_ok(&mut l, "李婷", "full", "2016-05-20");
    save(&mut l, &rate(wu, "excellent")).unwrap();
    save(&mut l, &rate(li, "qualified")).unwrap();
    let range = |c: &rusqlite::Connection| {
        appraisals::in_range(c, common::date("2019-01-01"), common::date("2019-12-31")).unwrap()
    };
    assert!(
        range(l.read()).excellent.is_empty(),
        "counts only by default"
    );
    assert!(!appraisals::year(l.read(), 2019).unwrap().names_in_summary);
    l.write(|c| appraisals::set_names_in_summary(c, true))
        .unwrap();
    assert_eq!(range(l.read()).excellent, [(2019, "吴华强".to_string())]);
    assert!(appraisals::year(l.read(), 2019).unwrap().names_in_summary);
}
