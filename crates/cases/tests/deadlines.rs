//! Deadlines and overdue detection through the library: accepting counts the statutory
//! working days from the rules on the official calendar, and the inbox puts overdue
//! cases first.

use chrono::NaiveDate;
use onestop_cases::{CaseAction, CaseService, Role, SubmitRequest};
use onestop_engine::Engine;
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
    let today = onestop_cases::today();
    let fresh = svc
        .act(&officer, &cases[1], CaseAction::Accept, "", Some(today))
        .await;
    let inbox = svc.inbox(&officer).await.expect("inbox");
    assert_eq!(inbox[0].id, cases[0], "the overdue case comes first");
    assert!(inbox[0].overdue);
    match fresh {
        Ok(c) => {
            assert!(!c.overdue);
            assert_eq!(inbox[1].id, cases[1]);
        }
        // Near the end of the shipped calendar (2026-12-31) a deadline cannot be computed: a clear refusal, never a guess.
        Err(e) => assert!(e.to_string().contains("2026-12-31"), "{e}"),
    }
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
