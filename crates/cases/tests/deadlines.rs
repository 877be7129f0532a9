//! Deadlines and overdue detection through the library: accepting counts the statutory
//! working days from the rules on the official calendar, and the inbox puts overdue
//! cases first.

use chrono::NaiveDate;
use onestop_cases::{CaseAction, CaseService, SubmitRequest};
use onestop_engine::Engine;
use onestop_store::Role;
use std::path::Path;
use std::sync::Arc;

async fn service() -> CaseService {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let engine =
        Arc::new(Engine::load(&root.join("rules"), None).unwrap_or_else(|_| panic!("rules check")));
    // Tests run in parallel: a counter keeps two of them off the same file.
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "onestop-deadlines-{}-{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    CaseService::open(&format!("sqlite://{}", dir.join("t.db").display()), engine)
        .await
        .expect("open")
}

fn facts() -> serde_json::Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("data/samples/person.json")).expect("sample"),
    )
    .expect("json");
    v["facts"].clone()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A foreign-experts officer and a person applicant, each a new account.
async fn officer_and_applicant(
    svc: &CaseService,
    officer: &str,
    applicant: &str,
) -> (onestop_store::Account, onestop_store::Account) {
    let o = svc
        .create_account(
            officer,
            "a long password",
            Role::Officer,
            Some("foreign-experts"),
            None,
            "O",
        )
        .await
        .expect("officer");
    let a = svc
        .create_account(
            applicant,
            "a long password",
            Role::Applicant,
            None,
            Some("person"),
            "A",
        )
        .await
        .expect("applicant");
    (o, a)
}

/// The passport both agencies of `category-a-permits` ask for, uploaded by the
/// applicant: the `slots` of a submission.
async fn passport(svc: &CaseService, applicant: &onestop_store::Account) -> Vec<(String, String)> {
    let m = svc
        .put_material(
            applicant,
            "passport.pdf",
            "application/pdf",
            b"%PDF-1.4\n% passport\n",
        )
        .await
        .expect("upload");
    vec![("passport".into(), m.hash)]
}

/// A Category A submission; the id of its work-permit case (foreign experts).
async fn work_permit_case(
    svc: &CaseService,
    applicant: &onestop_store::Account,
    key: &str,
    submitted: &str,
) -> String {
    let (b, _) = svc
        .submit(
            applicant,
            SubmitRequest {
                service: "category-a-permits".into(),
                idempotency_key: key.into(),
                facts: Some(facts()),
                materials: vec![],
                slots: passport(svc, applicant).await,
                date: Some(day(submitted)),
            },
        )
        .await
        .expect("submit");
    b.cases
        .iter()
        .find(|c| c.agency == "foreign-experts")
        .expect("case")
        .id
        .clone()
}

#[tokio::test]
async fn acceptance_starts_a_working_day_clock_and_late_cases_come_first() {
    let svc = service().await;
    let officer = svc
        .create_account(
            "officer-one",
            "a long password",
            Role::Officer,
            Some("exit-entry"),
            None,
            "O",
        )
        .await
        .expect("officer");
    let alice = svc
        .create_account(
            "alice",
            "a long password",
            Role::Applicant,
            None,
            Some("person"),
            "A",
        )
        .await
        .expect("alice");
    let mut cases = Vec::new();
    for key in ["first", "second"] {
        let (b, created) = svc
            .submit(
                &alice,
                SubmitRequest {
                    service: "category-a-permits".into(),
                    idempotency_key: key.into(),
                    facts: Some(facts()),
                    materials: vec![],
                    slots: passport(&svc, &alice).await,
                    date: Some(day("2024-09-20")),
                },
            )
            .await
            .expect("submit");
        assert!(created);
        cases.push(
            b.cases
                .iter()
                .find(|c| c.agency == "exit-entry")
                .expect("exit-entry case")
                .id
                .clone(),
        );
    }
    // Accepted on Friday 2024-09-27: Sunday 29 September (make-up day) and Monday 30 are
    // days 1-2, the National Day holiday (1-7 October) does not count, 8-11 October are
    // days 3-6, and Saturday 12 October, a make-up working day, is day 7.
    let late = svc
        .act(
            &officer,
            &cases[0],
            CaseAction::Accept,
            "",
            Some(day("2024-09-27")),
        )
        .await
        .expect("accept");
    assert_eq!(late.working_days, Some(7));
    assert_eq!(late.deadline.as_deref(), Some("2024-10-12"));
    assert!(late.overdue, "a 2024 deadline is long past");
    let today = onestop_store::today();
    let fresh = svc
        .act(&officer, &cases[1], CaseAction::Accept, "", Some(today))
        .await;
    let inbox = svc.inbox(&officer).await.expect("inbox");
    assert_eq!(inbox[0].id, cases[0], "the overdue case comes first");
    assert!(inbox[0].overdue);
    // Every date answers: past the official calendar the deadline is provisional.
    let fresh = fresh.expect("accepted today");
    assert!(!fresh.overdue);
    assert_eq!(inbox[1].id, cases[1]);
    // A decided case leaves the inbox and is never overdue again.
    svc.act(
        &officer,
        &cases[0],
        CaseAction::Approve,
        "all in order",
        None,
    )
    .await
    .expect("approve");
    let inbox = svc.inbox(&officer).await.expect("inbox");
    assert!(inbox.iter().all(|c| c.id != cases[0]));
}

/// The statutory clock stops while the applicant is asked for more material and
/// restarts on the answer; the working days in between are not counted.
#[tokio::test]
async fn asking_for_material_stops_the_clock_and_the_answer_restarts_it() {
    let svc = service().await;
    let (officer, bob) = officer_and_applicant(&svc, "officer-two", "bob").await;
    let id = work_permit_case(&svc, &bob, "k", "2026-06-12").await;
    // Accepted Monday 2026-06-15; 19 June is the Dragon Boat holiday: 16, 17, 18, 22,
    // 23, 24, 25 -> due 2026-06-25.
    let c = svc
        .act(
            &officer,
            &id,
            CaseAction::Accept,
            "",
            Some(day("2026-06-15")),
        )
        .await
        .expect("accept");
    assert_eq!(c.deadline.as_deref(), Some("2026-06-25"));
    let c = svc
        .act(
            &officer,
            &id,
            CaseAction::RequestInfo,
            "the passport page is unreadable",
            Some(day("2026-06-16")),
        )
        .await
        .expect("request");
    assert_eq!(c.clock_stopped_on.as_deref(), Some("2026-06-16"));
    assert!(!c.overdue, "a stopped clock is never overdue");
    // Answered Tuesday 2026-06-23: 17, 18, 22 and 23 June (4 working days) do not count.
    let c = svc
        .act(
            &bob,
            &id,
            CaseAction::Respond,
            "a new scan is attached",
            Some(day("2026-06-23")),
        )
        .await
        .expect("respond");
    assert_eq!(c.clock_stopped_on, None);
    assert_eq!(c.suspended_days, 4);
    // 7 + 4 working days from 15 June: ... 25, 26, 29, 30 June, 1 July.
    assert_eq!(c.deadline.as_deref(), Some("2026-07-01"));
    let detail = svc.case(&bob, &id).await.expect("detail");
    let reasons: Vec<&str> = detail.audit.iter().map(|a| a.reason.as_str()).collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("[clock stopped on 2026-06-16]")),
        "{reasons:?}"
    );
    assert!(
        reasons
            .iter()
            .any(|r| r
                .contains("4 working days suspended, 4 in all; deadline 2026-06-25 -> 2026-07-01")),
        "{reasons:?}"
    );
}

/// The public performance figures: on time when decided on or before the deadline;
/// the median counts working days from acceptance to decision, suspended days not.
#[tokio::test]
async fn performance_counts_on_time_decisions_and_median_working_days() {
    let svc = service().await;
    let (officer, carol) = officer_and_applicant(&svc, "officer-three", "carol").await;
    let mut ids = Vec::new();
    for key in ["a", "b", "c"] {
        ids.push(work_permit_case(&svc, &carol, key, "2026-05-29").await);
    }
    // a: accepted Mon 1 June, approved Thu 4 June: 3 working days, on time.
    // b: accepted 1 June (due 10 June), approved 30 June: 20 working days (19 June off), late.
    // c: accepted 1 June, approved 5 June: 4 working days, on time.
    for (id, decided) in [
        (&ids[0], "2026-06-04"),
        (&ids[1], "2026-06-30"),
        (&ids[2], "2026-06-05"),
    ] {
        svc.act(
            &officer,
            id,
            CaseAction::Accept,
            "",
            Some(day("2026-06-01")),
        )
        .await
        .expect("accept");
        svc.act(
            &officer,
            id,
            CaseAction::Approve,
            "criteria met",
            Some(day(decided)),
        )
        .await
        .expect("approve");
    }
    let p = svc.performance().await.expect("performance");
    let fe = p
        .agencies
        .iter()
        .find(|a| a.agency == "foreign-experts")
        .expect("agency");
    assert_eq!(
        (fe.decided, fe.on_time, fe.on_time_percent),
        (3, 2, Some(66))
    );
    let ee = p
        .agencies
        .iter()
        .find(|a| a.agency == "exit-entry")
        .expect("listed without decisions");
    assert_eq!((ee.decided, ee.on_time_percent), (0, None));
    let cat_a = p
        .services
        .iter()
        .find(|s| s.service == "category-a-permits")
        .expect("service");
    assert_eq!((cat_a.decided, cat_a.median_working_days), (3, Some(4)));
}
