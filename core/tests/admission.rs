//! The admission procedure (发展党员): every step in order with its time limits, the stage changes as
//! the steps' outcome (one source), what is due, the person's file as a paper, and each refusal with
//! nothing saved.
mod common;

use common::{add_ok, change_stage, refused_unsaved};
use ledger::activities::{self, ActivityInput};
use ledger::admission::{self, DueState, DueWhat, StepInput, StepKind};
use ledger::people::{self, Stage};
use ledger::trash::{self, Kind};
use ledger::{demo, Field, Ledger, Result};

fn step(person: i64, kind: &str, date: &str) -> StepInput {
    StepInput {
        person_id: Some(person),
        kind: kind.into(),
        date: date.into(),
        ..Default::default()
    }
}

fn save(l: &mut Ledger, input: &StepInput) -> Result<i64> {
    l.write(|c| admission::save(c, None, input))
}

fn ok(l: &mut Ledger, person: i64, kind: &str, date: &str) -> i64 {
    save(l, &step(person, kind, date)).unwrap_or_else(|e| panic!("{kind} {date}: {e:?}"))
}

fn named(person: i64, kind: &str, date: &str, who: &str) -> StepInput {
    StepInput {
        done_by: who.into(),
        ..step(person, kind, date)
    }
}

fn general_meeting(l: &mut Ledger, date: &str) -> i64 {
    let input = ActivityInput {
        kind: "general_meeting".into(),
        date: date.into(),
        title: "支部党员大会".into(),
        ..Default::default()
    };
    l.write(|c| activities::save(c, None, &input)).unwrap()
}

fn stage(l: &Ledger, id: i64) -> Stage {
    people::get_row(l.read(), id).unwrap().stage
}

fn kinds(l: &Ledger, id: i64) -> Vec<StepKind> {
    admission::steps(l.read(), id)
        .unwrap()
        .iter()
        .map(|s| s.kind)
        .collect()
}

/// An applicant of 2019-10-12 walked to candidate on 2020-10-20, every step before it recorded.
fn candidate_ready(l: &mut Ledger) -> i64 {
    let guo = add_ok(l, "郭佳", "applicant", "2019-10-12");
    ok(l, guo, "talk", "2019-11-05");
    ok(l, guo, "activist", "2020-04-16");
    save(l, &named(guo, "contacts", "2020-04-23", "孙进、钟潇")).unwrap();
    ok(l, guo, "candidate", "2021-04-20");
    guo
}

#[test]
fn a_person_walks_the_path_and_the_roster_follows() {
    let (_dir, mut l) = common::open();
    let guo = add_ok(&mut l, "郭佳", "applicant", "2019-10-12");
    ok(&mut l, guo, "talk", "2019-11-05");
    ok(&mut l, guo, "activist", "2020-04-16");
    assert_eq!(
        stage(&l, guo),
        Stage::Activist,
        "the step changed the roster's stage"
    );
    save(&mut l, &named(guo, "contacts", "2020-04-23", "孙进、钟潇")).unwrap();
    ok(&mut l, guo, "assessment", "2020-10-15");
    ok(&mut l, guo, "thought_report", "2020-08-10");

    let err = refused_unsaved(&mut l, "too_early", Some(Field::Date), |l| {
        save(l, &step(guo, "candidate", "2020-12-01"))
    });
    assert!(
        err.message(ledger::Lang::Zh).contains("2021-04-16"),
        "{err:?}"
    );
    ok(&mut l, guo, "candidate", "2021-04-20");
    assert_eq!(stage(&l, guo), Stage::Candidate);

    // Admission before the steps it needs: the message lists them.
    let err = refused_unsaved(&mut l, "step_out_of_order", Some(Field::Step), |l| {
        save(l, &step(guo, "admission", "2021-06-01"))
    });
    let zh = err.message(ledger::Lang::Zh);
    assert!(zh.contains("政治审查") && zh.contains("集中培训"), "{zh}");

    refused_unsaved(&mut l, "procedure_rule", Some(Field::DoneBy), |l| {
        save(l, &named(guo, "introducers", "2021-05-06", "孙进"))
    });
    save(
        &mut l,
        &named(guo, "introducers", "2021-05-06", "孙进、钟潇"),
    )
    .unwrap();
    ok(&mut l, guo, "political_review", "2021-05-20");
    let short = StepInput {
        days: Some(2),
        hours: Some(16),
        ..step(guo, "training", "2021-05-25")
    };
    refused_unsaved(&mut l, "procedure_rule", Some(Field::Days), |l| {
        save(l, &short)
    });
    let training = StepInput {
        hours: Some(24),
        ..short
    };
    save(&mut l, &training).unwrap();
    ok(&mut l, guo, "committee_review", "2021-06-03");
    ok(&mut l, guo, "pre_review", "2021-06-10");
    let notice = StepInput {
        days: Some(3),
        ..step(guo, "public_notice", "2021-06-11")
    };
    refused_unsaved(&mut l, "procedure_rule", Some(Field::Days), |l| {
        save(l, &notice)
    });
    ok(&mut l, guo, "public_notice", "2021-06-11");
    ok(&mut l, guo, "application_form", "2021-06-15");

    let early = general_meeting(&mut l, "2021-06-16");
    let too_soon = StepInput {
        activity_id: Some(early),
        ..step(guo, "admission", "2021-06-16")
    };
    refused_unsaved(&mut l, "too_early", Some(Field::Date), |l| {
        save(l, &too_soon)
    });
    let meeting = general_meeting(&mut l, "2021-06-29");
    let wrong_meeting = StepInput {
        activity_id: Some(early),
        ..step(guo, "admission", "2021-06-29")
    };
    refused_unsaved(
        &mut l,
        "procedure_rule",
        Some(Field::DecidingMeeting),
        |l| save(l, &wrong_meeting),
    );
    let admitted = StepInput {
        activity_id: Some(meeting),
        ..step(guo, "admission", "2021-06-29")
    };
    save(&mut l, &admitted).unwrap();
    assert_eq!(stage(&l, guo), Stage::Probationary);
    let file = admission::file(l.read(), guo, common::date("2021-07-01")).unwrap();
    assert_eq!(file.probation_end.as_deref(), Some("2022-06-29"));
    let admission_step = file
        .steps
        .iter()
        .find(|s| s.kind == StepKind::Admission)
        .unwrap();
    assert!(admission_step.changes_stage && admission_step.stage_change_id.is_some());
    assert_eq!(admission_step.activity_id, Some(meeting));

    ok(&mut l, guo, "higher_talk", "2021-07-08");
    refused_unsaved(&mut l, "step_out_of_order", Some(Field::Step), |l| {
        save(l, &step(guo, "oath", "2021-07-09"))
    });
    ok(&mut l, guo, "approval", "2021-07-20");
    ok(&mut l, guo, "oath", "2021-09-18");
    refused_unsaved(&mut l, "out_of_range", Some(Field::Months), |l| {
        save(
            l,
            &StepInput {
                months: Some(18),
                ..step(guo, "extension", "2022-06-20")
            },
        )
    });
    save(
        &mut l,
        &StepInput {
            months: Some(6),
            ..step(guo, "extension", "2022-06-20")
        },
    )
    .unwrap();
    // The roster's own stage change keeps to the extended probation too.
    let err = refused_unsaved(&mut l, "too_early", Some(Field::Date), |l| {
        change_stage(l, guo, "full", "2022-07-01")
    });
    assert!(
        err.message(ledger::Lang::Zh).contains("2022-12-29"),
        "{err:?}"
    );
    ok(&mut l, guo, "conversion", "2022-12-29");
    ok(&mut l, guo, "conversion_approval", "2023-01-10");
    assert_eq!(stage(&l, guo), Stage::Full);
    let history = people::get(l.read(), guo, ledger::Lang::Zh)
        .unwrap()
        .history;
    let stages: Vec<Stage> = history.iter().map(|h| h.to).collect();
    assert_eq!(
        stages,
        [
            Stage::Applicant,
            Stage::Activist,
            Stage::Candidate,
            Stage::Probationary,
            Stage::Full
        ],
        "the roster's history is the steps' outcome"
    );
}

#[test]
fn a_step_at_the_wrong_stage_or_twice_is_refused() {
    let (_dir, mut l) = common::open();
    let applicant = add_ok(&mut l, "林雪", "applicant", "2018-10-15");
    let err = refused_unsaved(&mut l, "step_out_of_order", Some(Field::Step), |l| {
        save(
            l,
            &StepInput {
                days: Some(3),
                ..step(applicant, "training", "2019-01-10")
            },
        )
    });
    let zh = err.message(ledger::Lang::Zh);
    assert!(zh.contains("发展对象") && zh.contains("入党申请人"), "{zh}");
    // Before the application, nothing.
    refused_unsaved(&mut l, "step_out_of_order", Some(Field::Step), |l| {
        save(l, &step(applicant, "talk", "2018-10-01"))
    });
    refused_unsaved(&mut l, "step_out_of_order", Some(Field::Step), |l| {
        save(l, &step(applicant, "activist", "2019-04-18"))
    });
    ok(&mut l, applicant, "talk", "2018-11-08");
    refused_unsaved(&mut l, "duplicate", Some(Field::Step), |l| {
        save(l, &step(applicant, "talk", "2018-11-20"))
    });
    refused_unsaved(&mut l, "future_date", Some(Field::Date), |l| {
        save(l, &step(applicant, "activist", &common::tomorrow()))
    });
    refused_unsaved(&mut l, "unknown_value", Some(Field::Step), |l| {
        save(l, &step(applicant, "interview", "2019-01-10"))
    });
    // A non-member who applies becomes an applicant through the application step.
    let crowd = add_ok(&mut l, "刘洋", "non_member", "2018-01-01");
    ok(&mut l, crowd, "application", "2019-03-01");
    assert_eq!(stage(&l, crowd), Stage::Applicant);
}

#[test]
fn a_stage_change_from_the_roster_is_its_step_and_takes_details_and_papers() {
    let (_dir, mut l) = common::open();
    let li = add_ok(&mut l, "李婷", "applicant", "2016-10-10");
    ok(&mut l, li, "talk", "2016-10-20");
    change_stage(&mut l, li, "activist", "2017-03-15").unwrap();
    let steps = admission::steps(l.read(), li).unwrap();
    let activist = steps.iter().find(|s| s.kind == StepKind::Activist).unwrap();
    assert_eq!((activist.id, activist.date.as_str()), (None, "2017-03-15"));
    // Its details are added with the same kind and date; no second stage change is made.
    let id = save(&mut l, &named(li, "activist", "2017-03-15", "支委会")).unwrap();
    assert_eq!(
        kinds(&l, li),
        [StepKind::Application, StepKind::Talk, StepKind::Activist]
    );
    assert_eq!(
        people::get(l.read(), li, ledger::Lang::Zh)
            .unwrap()
            .history
            .len(),
        2
    );
    let err = refused_unsaved(&mut l, "procedure_rule", Some(Field::Date), |l| {
        l.write(|c| admission::save(c, Some(id), &named(li, "activist", "2017-03-20", "支委会")))
    });
    assert!(err.message(ledger::Lang::Zh).contains("花名册"), "{err:?}");
    // Papers: the application's step row is made on first need.
    let application = admission::steps(l.read(), li).unwrap()[0]
        .stage_change_id
        .unwrap();
    let row = l.write(|c| admission::details_row(c, application)).unwrap();
    l.write(|c| {
        ledger::attachments::add(
            c,
            ledger::attachments::Owner::AdmissionStep,
            row,
            "application_letter",
            "申请书.pdf",
            b"%PDF-1.4",
        )
    })
    .unwrap();
    assert_eq!(admission::steps(l.read(), li).unwrap()[0].papers, 1);
    // A step that changed the stage stays; another goes to the trash and comes back.
    refused_unsaved(&mut l, "procedure_rule", Some(Field::Step), |l| {
        l.write(|c| trash::move_to_trash(c, Kind::AdmissionStep, id))
    });
    let talk = admission::steps(l.read(), li).unwrap()[1].id.unwrap();
    l.write(|c| trash::move_to_trash(c, Kind::AdmissionStep, talk))
        .unwrap();
    assert!(!kinds(&l, li).contains(&StepKind::Talk));
    l.write(|c| trash::restore(c, Kind::AdmissionStep, talk))
        .unwrap();
    assert!(kinds(&l, li).contains(&StepKind::Talk));
}

#[test]
fn what_is_due_follows_the_time_limits() {
    let (_dir, mut l) = common::open();
    let fresh = add_ok(&mut l, "王新", "applicant", "2020-03-01");
    let due = |l: &Ledger, id: i64, today: &str| {
        admission::file(l.read(), id, common::date(today))
            .unwrap()
            .due
    };
    let d = due(&l, fresh, "2020-03-15");
    assert_eq!(
        (d[0].what, d[0].state, d[0].date.as_deref()),
        (DueWhat::Talk, DueState::Due, Some("2020-04-01"))
    );
    assert_eq!(due(&l, fresh, "2020-04-02")[0].state, DueState::Overdue);
    assert!(due(&l, fresh, "2020-04-02")[0].zh.contains("已逾期"));

    let guo = candidate_ready(&mut l);
    let d = due(&l, guo, "2021-05-01");
    let missing = d
        .iter()
        .find(|x| x.what == DueWhat::BeforeAdmission)
        .unwrap();
    assert_eq!(missing.missing.len(), 7);
    // Thought reports: every whole quarter since 2020-Q2 (activist 2020-04-16) is missing.
    let reports = d
        .iter()
        .find(|x| x.what == DueWhat::ThoughtReports)
        .unwrap();
    assert_eq!(reports.n, Some(3), "2020-Q3, 2020-Q4, 2021-Q1");
    assert_eq!(reports.quarters, ["2020-Q3", "2020-Q4", "2021-Q1"]);
    assert!(reports.zh.contains("思想汇报 2020-Q3"), "{}", reports.zh);
    // Assessments: two half-years have passed with none.
    let a = d.iter().find(|x| x.what == DueWhat::Assessment).unwrap();
    assert_eq!(
        (a.n, a.state, a.date.as_deref()),
        (Some(1), DueState::Overdue, Some("2020-10-16"))
    );

    let yang = add_ok(&mut l, "杨帆", "activist", "2019-03-01");
    save(&mut l, &named(yang, "contacts", "2019-03-05", "王谦、孙进")).unwrap();
    let d = due(&l, yang, "2020-03-05");
    let ready = d
        .iter()
        .find(|x| x.what == DueWhat::CandidateReady)
        .unwrap();
    assert_eq!(
        (ready.state, ready.date.as_deref()),
        (DueState::Ready, Some("2020-03-01"))
    );
    assert!(ready.zh.contains("可列为发展对象"));

    let zhao = add_ok(&mut l, "赵敏", "probationary", "2020-06-29");
    let d = due(&l, zhao, "2020-10-01");
    assert_eq!(
        (d[0].what, d[0].state),
        (DueWhat::Approval, DueState::Overdue)
    );
    let d = due(&l, zhao, "2021-06-10");
    let ends = d.iter().find(|x| x.what == DueWhat::ProbationEnds).unwrap();
    assert_eq!(
        (ends.state, ends.date.as_deref()),
        (DueState::Due, Some("2021-06-29"))
    );
    assert!(
        ends.zh.contains("预备期将于 2021-06-29 期满"),
        "{}",
        ends.zh
    );
}

#[test]
fn the_demo_keeps_the_files_of_its_prospects() {
    let (_dir, mut l) = common::open();
    demo::load(&mut l).unwrap();
    let today = common::date("2020-12-31");
    let path = admission::on_path(l.read(), today).unwrap();
    let names: Vec<&str> = path.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["赵敏", "林雪", "郭佳"]);
    let guo = &path[2];
    assert!(
        guo.due.iter().any(|d| d.zh == "思想汇报 2020-Q3 未交"),
        "{:?}",
        guo.due
    );
    let lin = &path[1];
    let missing = lin
        .due
        .iter()
        .find(|d| d.what == DueWhat::BeforeAdmission)
        .unwrap();
    assert_eq!(missing.missing, [StepKind::ApplicationForm]);
    let yang: i64 = l
        .read()
        .query_row("SELECT id FROM people WHERE name = '杨帆'", [], |r| {
            r.get(0)
        })
        .unwrap();
    let file = admission::file(l.read(), yang, today).unwrap();
    assert_eq!(
        file.steps.first().map(|s| s.kind),
        Some(StepKind::Application)
    );
    assert!(file
        .steps
        .iter()
        .any(|s| s.kind == StepKind::ConversionApproval));
    assert!(
        file.due.is_empty(),
        "a full member owes nothing: {:?}",
        file.due
    );
    // The search finds her steps by her name, also once renamed.
    let guo_id = guo.person_id;
    l.write(|c| {
        c.execute("UPDATE people SET name = '郭佳宁' WHERE id = ?1", [guo_id])?;
        Ok(())
    })
    .unwrap();
    let q = ledger::search::SearchQuery {
        text: "郭佳宁".into(),
        ..Default::default()
    };
    let found = ledger::search::search(l.read(), &q, ledger::Lang::Zh).unwrap();
    let steps = found
        .groups
        .iter()
        .find(|g| g.kind == Kind::AdmissionStep)
        .unwrap();
    assert_eq!(steps.total, 6, "her five steps and her one thought report");
    assert_eq!(
        admission::person_of_step(l.read(), steps.hits[0].id).unwrap(),
        guo_id
    );
    let dash = ledger::overview::dashboard(l.read(), common::date("2026-01-01"), None).unwrap();
    assert!(dash.admission_due.iter().any(|d| d.person_id == guo_id));
    let counts = admission::counts_in_range(l.read(), common::date("2020-01-01"), today).unwrap();
    let of = |k: StepKind| counts.iter().find(|(x, _)| *x == k).unwrap().1;
    assert_eq!(
        (of(StepKind::Admission), of(StepKind::Conversion)),
        (1, 1),
        "赵敏 admitted, 杨帆 converted"
    );

    // The file as Word, in step order.
    let dir = tempfile::tempdir().unwrap();
    let out = dir
        .path()
        .join(admission::file_name("杨帆", "docx", ledger::Lang::Zh));
    admission::write(
        l.read(),
        yang,
        today,
        "docx",
        &out,
        ledger::Lang::Zh,
        &mut |_| {},
    )
    .unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"PK"), "a Word file");
}
