//! Research projects through the library, with every party: the leader files, the
//! Science and Technology Commission reviews, milestones are reported and accepted,
//! an equipment increase is approved by the unit the leader named and filed at the
//! final acceptance; an indirect-cost increase goes to the commission. Every project
//! action is refused to every party the access policy does not name.

use onestop_cases::CaseService;
use onestop_cases::project_budget::BudgetDecision;
use onestop_cases::project_review::{FilingReview, InspectionDecision};
use onestop_cases::projects::{NewMilestone, NewProject, ProjectStatus};
use onestop_engine::Engine;
use onestop_store::{Account, Role, ServiceError};
use serde_json::{Value as J, json};
use std::path::Path;
use std::sync::Arc;

async fn service() -> CaseService {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let engine =
        Arc::new(Engine::load(&root.join("rules"), None).unwrap_or_else(|_| panic!("rules check")));
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "onestop-projects-{}-{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    CaseService::open(&format!("sqlite://{}", dir.join("t.db").display()), engine)
        .await
        .expect("open")
}

fn sample() -> J {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let v: J = serde_json::from_str(
        &std::fs::read_to_string(root.join("data/samples/project.json")).expect("sample"),
    )
    .expect("json");
    v["facts"].clone()
}

struct Parties {
    leader: Account,
    unit: Account,
    rival: Account,
    person: Account,
    officer: Account,
    tianjin: Account,
    foreign: Account,
    admin: Account,
}

async fn account(
    svc: &CaseService,
    name: &str,
    role: Role,
    agency: Option<&str>,
    entity: Option<&str>,
) -> Account {
    svc.create_account(name, "a long password", role, agency, entity, name)
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

async fn parties(svc: &CaseService) -> Parties {
    Parties {
        leader: account(svc, "prof-li", Role::Applicant, None, Some("person")).await,
        unit: account(svc, "pku", Role::Applicant, None, Some("enterprise")).await,
        rival: account(svc, "other-univ", Role::Applicant, None, Some("enterprise")).await,
        person: account(svc, "prof-wang", Role::Applicant, None, Some("person")).await,
        officer: account(svc, "bj-kw", Role::Officer, Some("sci-tech"), None).await,
        tianjin: account(svc, "tj-kw", Role::Officer, Some("tianjin-sci-tech"), None).await,
        foreign: account(
            svc,
            "fe-officer",
            Role::Officer,
            Some("foreign-experts"),
            None,
        )
        .await,
        admin: account(svc, "root", Role::Admin, None, None).await,
    }
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, ServiceError>, what: &str) {
    assert!(
        matches!(r, Err(ServiceError::Forbidden(_))),
        "{what}: {r:?}"
    );
}

async fn file(svc: &CaseService, leader: &Account, facts: &J) -> String {
    let ms = [
        NewMilestone {
            name: "Mid-term".into(),
            due_on: "2025-06-30".into(),
        },
        NewMilestone {
            name: "Final".into(),
            due_on: "2026-06-30".into(),
        },
    ];
    svc.file_project(
        leader,
        &NewProject {
            title: "Arithmetic geometry",
            unit: "pku",
            facts,
            milestones: &ms,
        },
    )
    .await
    .expect("filed")
    .id
}

#[tokio::test]
async fn a_project_from_filing_to_final_acceptance_with_an_equipment_increase() {
    let svc = service().await;
    let w = parties(&svc).await;
    // The unit must be an organisation's account, not the leader's own or a person's.
    for (unit, what) in [
        ("prof-li", "the leader as unit"),
        ("prof-wang", "a person"),
        ("bj-kw", "an officer"),
        ("nobody", "unknown"),
    ] {
        let r = svc
            .file_project(
                &w.leader,
                &NewProject {
                    title: "x",
                    unit,
                    facts: &sample(),
                    milestones: &[],
                },
            )
            .await;
        assert!(
            matches!(&r, Err(ServiceError::Invalid { field, .. }) if field == "unit"),
            "{what}: {r:?}"
        );
    }
    let id = file(&svc, &w.leader, &sample()).await;
    let p = svc.project(&w.leader, &id).await.expect("view");
    assert_eq!(p.status, ProjectStatus::Filed);
    assert_eq!(p.unit.as_deref(), Some("pku"));
    assert!(!p.inspection.required, "30 months: exempt (001 §15)");
    // Nothing happens before the commission's review.
    let early = svc.report_milestone(&w.leader, &id, 1, "done").await;
    assert!(matches!(early, Err(ServiceError::Conflict(_))), "{early:?}");
    let p = svc
        .review_project(&w.officer, &id, FilingReview::Accept, "")
        .await
        .expect("accepted");
    assert_eq!(p.status, ProjectStatus::Active);
    assert_eq!(p.review.as_ref().map(|r| r.by.as_str()), Some("bj-kw"));

    // Milestones: reported by the leader, accepted by the commission.
    let accept_early = svc.accept_milestone(&w.officer, &id, 1, "").await;
    assert!(
        matches!(&accept_early, Err(ServiceError::Conflict(m)) if m.contains("not been reported")),
        "{accept_early:?}"
    );
    svc.report_milestone(&w.leader, &id, 1, "Two chapters done.")
        .await
        .expect("report");
    let p = svc
        .accept_milestone(&w.officer, &id, 1, "Good progress")
        .await
        .expect("accept milestone");
    assert_eq!(p.milestones[0].accepted_by.as_deref(), Some("bj-kw"));

    // An equipment increase within the total: the unit approves; filed at acceptance.
    let c = svc
        .request_budget_change(
            &w.leader,
            &id,
            &json!({"equipment_budget_after": "260000.00", "other_direct_budget_after": "2940000.00"}),
            "A second workstation",
        )
        .await
        .expect("asked");
    assert_eq!(c.approver, "approver_undertaking_unit");
    assert!(c.filing_required);
    assert_eq!(c.status, "pending");
    assert_eq!(c.previous["equipment_budget_before"], "200000.00");
    // One at a time.
    let second = svc
        .request_budget_change(
            &w.leader,
            &id,
            &json!({"other_direct_budget_after": "2900000.00", "equipment_budget_after": "300000.00"}),
            "more",
        )
        .await;
    assert!(
        matches!(second, Err(ServiceError::Conflict(_))),
        "{second:?}"
    );
    // The facts are unchanged until the unit decides; the commission may not decide it.
    let p = svc.project(&w.leader, &id).await.expect("view");
    assert_eq!(p.facts["equipment_budget_before"], "200000.00");
    forbidden(
        svc.decide_budget_change(&w.officer, &id, 1, BudgetDecision::Approve, "")
            .await,
        "the commission decides a unit's adjustment",
    );
    let p = svc
        .decide_budget_change(
            &w.unit,
            &id,
            1,
            BudgetDecision::Approve,
            "Needed for the work",
        )
        .await
        .expect("the unit approves");
    assert_eq!(p.facts["equipment_budget_before"], "260000.00");
    assert_eq!(p.facts["other_direct_budget_before"], "2940000.00");
    assert_eq!(p.budget_changes[0].decided_by.as_deref(), Some("pku"));
    let again = svc
        .decide_budget_change(&w.unit, &id, 1, BudgetDecision::Refuse, "no")
        .await;
    assert!(matches!(again, Err(ServiceError::Conflict(_))), "{again:?}");

    // An indirect-cost increase is outside the delegated authority: the commission
    // decides it; refused with a note, the budget stays.
    let c = svc
        .request_budget_change(
            &w.leader,
            &id,
            &json!({"indirect_budget_after": "1600000.00", "other_direct_budget_after": "2840000.00"}),
            "Performance pay",
        )
        .await
        .expect("asked");
    assert_eq!(c.approver, "approver_competent_department");
    assert_eq!(
        c.outside_reason.as_deref(),
        Some("project_refusal_indirect_increased")
    );
    assert!(!c.filing_required);
    forbidden(
        svc.decide_budget_change(&w.unit, &id, 2, BudgetDecision::Approve, "")
            .await,
        "the unit decides outside its authority",
    );
    let no_note = svc
        .decide_budget_change(&w.officer, &id, 2, BudgetDecision::Refuse, " ")
        .await;
    assert!(
        matches!(&no_note, Err(ServiceError::Invalid { field, .. }) if field == "note"),
        "{no_note:?}"
    );
    let p = svc
        .decide_budget_change(
            &w.officer,
            &id,
            2,
            BudgetDecision::Refuse,
            "Indirect costs are not increased (001 §16)",
        )
        .await
        .expect("refused");
    assert_eq!(p.facts["indirect_budget_before"], "1500000.00");
    assert_eq!(p.budget_changes.len(), 2);
    // Nothing changed is no adjustment.
    let same = svc
        .request_budget_change(
            &w.leader,
            &id,
            &json!({"equipment_budget_after": "260000.00"}),
            "same",
        )
        .await;
    assert!(
        matches!(same, Err(ServiceError::Invalid { .. })),
        "{same:?}"
    );
    let other = svc
        .request_budget_change(
            &w.leader,
            &id,
            &json!({"funding_source": "project_funded_central"}),
            "x",
        )
        .await;
    assert!(
        matches!(&other, Err(ServiceError::Invalid { field, .. }) if field == "facts.funding_source"),
        "{other:?}"
    );

    // Final acceptance waits for the last milestone and the inspection decision.
    let acc = svc.acceptance(&w.unit, &id).await.expect("acceptance");
    assert!(!acc.ready);
    let codes: Vec<&str> = acc.blockers.iter().map(|b| b.code).collect();
    assert_eq!(
        codes,
        ["milestone_not_reported", "inspection_undecided"],
        "{:?}",
        acc.blockers
    );
    assert_eq!(
        acc.filings.len(),
        1,
        "the equipment increase is to be filed"
    );
    assert!(acc.filings[0].filed_at.is_none());
    let not_ready = svc.accept_project(&w.officer, &id, "").await;
    assert!(
        matches!(&not_ready, Err(ServiceError::Conflict(m)) if m.contains("milestone 2")),
        "{not_ready:?}"
    );
    svc.report_milestone(&w.leader, &id, 2, "Monograph submitted.")
        .await
        .expect("report 2");
    svc.accept_milestone(&w.officer, &id, 2, "")
        .await
        .expect("accept 2");
    svc.decide_inspection(
        &w.officer,
        &id,
        &InspectionDecision::Waive,
        "Under three years",
    )
    .await
    .expect("an exempt project's inspection is waived");
    let acc = svc
        .accept_project(&w.officer, &id, "Accepted")
        .await
        .expect("final acceptance");
    assert_eq!(acc.project.status, ProjectStatus::Accepted);
    assert_eq!(acc.filings.len(), 1);
    assert!(acc.filings[0].filed_at.is_some(), "filed at acceptance");
    assert_eq!(acc.project.accepted_by.as_deref(), Some("bj-kw"));
    // Accepted is final.
    let late = svc
        .request_budget_change(
            &w.leader,
            &id,
            &json!({"equipment_budget_after": "270000.00", "other_direct_budget_after": "2930000.00"}),
            "late",
        )
        .await;
    assert!(matches!(late, Err(ServiceError::Conflict(_))), "{late:?}");
    let _ = (&w.rival, &w.person, &w.tianjin, &w.foreign, &w.admin);
}

#[tokio::test]
async fn a_long_project_is_inspected_and_a_returned_filing_is_amended() {
    let svc = service().await;
    let w = parties(&svc).await;
    let mut long = sample();
    long["implementation_end_date"] = json!("2027-12-31");
    let id = file(&svc, &w.leader, &long).await;
    assert!(
        svc.project(&w.leader, &id)
            .await
            .expect("v")
            .inspection
            .required
    );
    let no_note = svc
        .review_project(&w.officer, &id, FilingReview::Return, "")
        .await;
    assert!(
        matches!(no_note, Err(ServiceError::Invalid { .. })),
        "{no_note:?}"
    );
    let p = svc
        .review_project(
            &w.officer,
            &id,
            FilingReview::Return,
            "State the approved budget",
        )
        .await
        .expect("returned");
    assert_eq!(p.status, ProjectStatus::Returned);
    // Amended over the cap: refused with the rule's reason; then within it.
    let mut over = long.clone();
    over["proposed_indirect_cost"] = json!("1900000.00");
    let r = svc
        .amend_project(&w.leader, &id, "Arithmetic geometry II", &over)
        .await;
    assert!(
        matches!(&r, Err(ServiceError::Invalid { message, .. }) if message.contains("exceeds its cap")),
        "{r:?}"
    );
    let p = svc
        .amend_project(&w.leader, &id, "Arithmetic geometry II", &long)
        .await
        .expect("amended");
    assert_eq!(p.status, ProjectStatus::Filed);
    assert_eq!(p.title, "Arithmetic geometry II");
    svc.review_project(&w.officer, &id, FilingReview::Accept, "")
        .await
        .expect("accepted");
    // Four years: the rule requires the inspection; waiving is refused with the reason.
    let waive = svc
        .decide_inspection(&w.officer, &id, &InspectionDecision::Waive, "")
        .await;
    assert!(
        matches!(&waive, Err(ServiceError::Invalid { message, .. }) if message.contains("requires a process inspection")),
        "{waive:?}"
    );
    let past = svc
        .decide_inspection(
            &w.officer,
            &id,
            &InspectionDecision::Schedule("2000-01-01".into()),
            "",
        )
        .await;
    assert!(
        matches!(past, Err(ServiceError::Invalid { .. })),
        "{past:?}"
    );
    let bad = svc
        .decide_inspection(
            &w.officer,
            &id,
            &InspectionDecision::Schedule("soon".into()),
            "",
        )
        .await;
    assert!(matches!(bad, Err(ServiceError::Invalid { .. })), "{bad:?}");
    let on = (onestop_store::today() + chrono::Duration::days(30)).to_string();
    let p = svc
        .decide_inspection(
            &w.officer,
            &id,
            &InspectionDecision::Schedule(on.clone()),
            "On site",
        )
        .await
        .expect("scheduled");
    assert_eq!(p.inspection.state, "scheduled");
    assert_eq!(p.inspection.on.as_deref(), Some(on.as_str()));
    let acc = svc.acceptance(&w.officer, &id).await.expect("acceptance");
    assert!(
        acc.blockers
            .iter()
            .any(|b| b.code == "inspection_ahead" && b.on.as_deref() == Some(on.as_str())),
        "{:?}",
        acc.blockers
    );
}

#[tokio::test]
async fn every_project_action_is_refused_to_every_party_not_allowed() {
    let svc = service().await;
    let w = parties(&svc).await;
    // Only applicants file.
    for who in [&w.officer, &w.admin] {
        forbidden(
            svc.file_project(
                who,
                &NewProject {
                    title: "x",
                    unit: "pku",
                    facts: &sample(),
                    milestones: &[],
                },
            )
            .await,
            "a non-applicant files",
        );
    }
    let id = file(&svc, &w.leader, &sample()).await;
    let strangers = [
        (&w.rival, "another organisation"),
        (&w.person, "another applicant"),
        (&w.tianjin, "Tianjin's commission"),
        (&w.foreign, "another Beijing agency"),
    ];
    // Seeing: leader, unit, the commission, admins; nobody else.
    for (who, what) in strangers {
        forbidden(svc.project(who, &id).await, what);
        forbidden(svc.acceptance(who, &id).await, what);
    }
    for who in [&w.leader, &w.unit, &w.officer, &w.admin] {
        svc.project(who, &id).await.expect("a party sees it");
    }
    // Lists hold only what one may see.
    for who in [&w.rival, &w.person, &w.tianjin, &w.foreign] {
        assert!(svc.projects_for(who).await.expect("list").is_empty());
    }
    for who in [&w.leader, &w.unit, &w.officer, &w.admin] {
        assert_eq!(svc.projects_for(who).await.expect("list").len(), 1);
    }
    // Reviewing: the commission only.
    for who in [
        &w.leader, &w.unit, &w.rival, &w.tianjin, &w.foreign, &w.admin,
    ] {
        forbidden(
            svc.review_project(who, &id, FilingReview::Accept, "").await,
            "review",
        );
    }
    svc.review_project(&w.officer, &id, FilingReview::Accept, "")
        .await
        .expect("the commission reviews");
    // The leader's actions: nobody else's.
    for who in [
        &w.unit, &w.rival, &w.person, &w.officer, &w.tianjin, &w.admin,
    ] {
        forbidden(
            svc.report_milestone(who, &id, 1, "report").await,
            "report a milestone",
        );
        forbidden(
            svc.request_budget_change(
                who,
                &id,
                &json!({"equipment_budget_after": "210000.00", "other_direct_budget_after": "2990000.00"}),
                "why",
            )
            .await,
            "ask for an adjustment",
        );
        forbidden(
            svc.amend_project(who, &id, "t", &sample()).await,
            "amend the filing",
        );
    }
    svc.report_milestone(&w.leader, &id, 1, "report")
        .await
        .expect("the leader reports");
    // The commission's actions: nobody else's.
    for who in [
        &w.leader, &w.unit, &w.rival, &w.tianjin, &w.foreign, &w.admin,
    ] {
        forbidden(
            svc.accept_milestone(who, &id, 1, "").await,
            "accept a milestone",
        );
        forbidden(
            svc.decide_inspection(who, &id, &InspectionDecision::Waive, "")
                .await,
            "decide the inspection",
        );
        forbidden(svc.accept_project(who, &id, "").await, "final acceptance");
    }
    // The unit's adjustment: the unit only (never the leader, the commission or admins).
    svc.request_budget_change(
        &w.leader,
        &id,
        &json!({"equipment_budget_after": "210000.00", "other_direct_budget_after": "2990000.00"}),
        "why",
    )
    .await
    .expect("asked");
    for who in [
        &w.leader, &w.rival, &w.person, &w.officer, &w.tianjin, &w.foreign, &w.admin,
    ] {
        forbidden(
            svc.decide_budget_change(who, &id, 1, BudgetDecision::Approve, "ok")
                .await,
            "decide the unit's adjustment",
        );
    }
    svc.decide_budget_change(&w.unit, &id, 1, BudgetDecision::Approve, "")
        .await
        .expect("the unit decides");
    // The commission's adjustment: the commission only.
    svc.request_budget_change(
        &w.leader,
        &id,
        &json!({"equipment_budget_after": "210000.00", "other_direct_budget_after": "3000000.00"}),
        "more money",
    )
    .await
    .expect("asked");
    for who in [
        &w.leader, &w.unit, &w.rival, &w.person, &w.tianjin, &w.foreign, &w.admin,
    ] {
        forbidden(
            svc.decide_budget_change(who, &id, 2, BudgetDecision::Approve, "ok")
                .await,
            "decide the commission's adjustment",
        );
    }
    svc.decide_budget_change(
        &w.officer,
        &id,
        2,
        BudgetDecision::Refuse,
        "the total is fixed",
    )
    .await
    .expect("the commission decides");
}
