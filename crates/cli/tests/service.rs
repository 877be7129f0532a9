//! The one-window service through its public face: the real `onestop serve` process,
//! HTTP, and a real database. SQLite by default; PostgreSQL when
//! ONESTOP_TEST_PG_ADMIN holds an admin URL (scripts/test.sh sets it), each test then
//! getting its own fresh database.

mod support;

use serde_json::{Value as J, json};
use std::time::Duration;
use support::{Client, PASSWORD, Server, fresh, repo, talent_facts};

fn passport() -> Vec<u8> {
    b"%PDF-1.4\n% passport scan\n".to_vec()
}

#[tokio::test]
async fn one_submission_opens_parallel_cases_each_agency_decides_its_own() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.officer("fe-officer", "foreign-experts");
    s.officer("ee-officer", "exit-entry");
    let alice = Client::register(&s, "alice", "person").await;
    let (st, _) = alice
        .put(&s, "/api/profile", json!({"facts": talent_facts()}))
        .await;
    assert_eq!(st, 200);
    let (st, m) = alice
        .upload(&s, "passport.pdf", "application/pdf", passport())
        .await;
    assert_eq!(st, 201, "{m}");
    let hash = m["hash"].as_str().expect("hash").to_string();
    // The profile pre-fills the application: no facts need repeating.
    let (st, b) = alice.post(&s, "/api/bundles", json!({"service": "category-a-permits", "idempotency_key": "alice-1", "documents": {"passport": hash}})).await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(b["status"], "eligible");
    let cases = b["cases"].as_array().expect("cases");
    assert_eq!(cases.len(), 2);
    let agencies: Vec<&str> = cases.iter().filter_map(|c| c["agency"].as_str()).collect();
    assert!(agencies.contains(&"foreign-experts") && agencies.contains(&"exit-entry"));
    // The answer to a new submission is built without reading it back: it must be
    // exactly what reading it back gives.
    let (st, stored) = alice
        .get(
            &s,
            &format!("/api/bundles/{}", b["id"].as_str().expect("id")),
        )
        .await;
    assert_eq!(st, 200, "{stored}");
    assert_eq!(stored, b, "the submission's answer is the stored bundle");

    for (officer, agency) in [
        ("fe-officer", "foreign-experts"),
        ("ee-officer", "exit-entry"),
    ] {
        let o = Client::login(&s, officer).await;
        let (st, inbox) = o.get(&s, "/api/inbox").await;
        assert_eq!(st, 200);
        let inbox = inbox.as_array().expect("inbox").clone();
        assert_eq!(
            inbox.len(),
            1,
            "each agency sees only its own case: {inbox:?}"
        );
        assert_eq!(inbox[0]["agency"], agency);
        let id = inbox[0]["id"].as_str().expect("id").to_string();
        // The officer sees the applicant's facts, the engine's explanation and the material.
        let (st, detail) = o.get(&s, &format!("/api/cases/{id}")).await;
        assert_eq!(st, 200);
        assert!(
            detail["explanation"]
                .as_str()
                .unwrap_or("")
                .contains("001_0cbca1dd9c1e8cc0.txt §9"),
            "{detail}"
        );
        assert_eq!(detail["materials"][0]["hash"], hash.as_str());
        let (st, _) = o.get(&s, &format!("/api/materials/{hash}")).await;
        assert_eq!(
            st, 200,
            "an officer of the agency may open the attached passport"
        );
        let (st, accepted) = o
            .post(
                &s,
                &format!("/api/cases/{id}/actions"),
                json!({"action": "accept"}),
            )
            .await;
        assert_eq!(st, 200, "{accepted}");
        assert_eq!(accepted["working_days"], 7);
        let accepted_on = accepted["accepted_on"].as_str().expect("accepted_on");
        assert_eq!(
            accepted_on,
            support::today(),
            "the clock starts on the server's business date (serve --today)"
        );
        let deadline = accepted["deadline"].as_str().expect("deadline");
        let on = chrono::NaiveDate::parse_from_str(accepted_on, "%Y-%m-%d").expect("date");
        let due = chrono::NaiveDate::parse_from_str(deadline, "%Y-%m-%d").expect("date");
        assert_eq!(
            onestop_calendar::current()
                .working_days_between(on, due)
                .expect("in range"),
            7,
            "deadline {deadline} is 7 working days after {accepted_on}"
        );
        let (st, approved) = o
            .post(
                &s,
                &format!("/api/cases/{id}/actions"),
                json!({"action": "approve", "reason": "criteria met"}),
            )
            .await;
        assert_eq!(st, 200, "{approved}");
        assert_eq!(approved["state"], "approved");
    }
    let (st, mine) = alice.get(&s, "/api/cases").await;
    assert_eq!(st, 200);
    let mine = mine.as_array().expect("cases").clone();
    assert_eq!(mine.len(), 2);
    assert!(
        mine.iter()
            .all(|c| c["state"] == "approved" && c["decision_reason"] == "criteria met")
    );
    let (_, detail) = alice
        .get(
            &s,
            &format!("/api/cases/{}", mine[0]["id"].as_str().expect("id")),
        )
        .await;
    let audit: Vec<&str> = detail["audit"]
        .as_array()
        .expect("audit")
        .iter()
        .filter_map(|a| a["to_state"].as_str())
        .collect();
    assert_eq!(audit, vec!["submitted", "accepted", "approved"]);

    // Both agencies decided on the day they accepted: on time, in the public figures.
    let (st, perf) = Client::anonymous().get(&s, "/api/performance").await;
    assert_eq!(st, 200, "{perf}");
    for agency in ["foreign-experts", "exit-entry"] {
        let a = perf["agencies"]
            .as_array()
            .and_then(|l| l.iter().find(|a| a["agency"] == agency))
            .cloned()
            .expect("agency");
        assert_eq!(
            (a["decided"].as_u64(), a["on_time_percent"].as_u64()),
            (Some(1), Some(100)),
            "{a}"
        );
    }
    let page = reqwest::get(s.url("/performance?lang=en"))
        .await
        .expect("page")
        .text()
        .await
        .expect("text");
    assert!(
        page.contains("100%") && page.contains("Decisions within the statutory time limits"),
        "{page}"
    );
}

#[tokio::test]
async fn retries_with_the_same_key_never_create_a_second_bundle() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let bob = Client::register(&s, "bob", "person").await;
    let body = json!({"service": "category-a-permits", "idempotency_key": "bob-1", "facts": talent_facts()});
    let (st1, b1) = bob.post(&s, "/api/bundles", body.clone()).await;
    assert_eq!(st1, 201, "{b1}");
    let mut handles = Vec::new();
    for _ in 0..8 {
        let http = bob.http.clone();
        let token = bob.token.clone().expect("token");
        let url = s.url("/api/bundles");
        let body = body.clone();
        handles.push(tokio::spawn(async move {
            Client::send(http.post(url).bearer_auth(token).json(&body)).await
        }));
    }
    for h in handles {
        let (st, b) = h.await.expect("join");
        assert_eq!(st, 200, "{b}");
        assert_eq!(b["id"], b1["id"]);
    }
    let (_, mine) = bob.get(&s, "/api/cases").await;
    assert_eq!(
        mine.as_array().map(|a| a.len()),
        Some(2),
        "still one bundle of two cases"
    );
    // The same key for a different application is refused, not silently merged.
    let mut other = body.clone();
    other["facts"]["annual_salary_in_china"] = json!("800000.00");
    let (st, e) = bob.post(&s, "/api/bundles", other).await;
    assert_eq!(st, 409, "{e}");
    assert!(
        e["error"]
            .as_str()
            .unwrap_or("")
            .contains("idempotency key"),
        "{e}"
    );
}

#[tokio::test]
async fn nobody_sees_or_decides_what_is_not_theirs() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.officer("fe-one", "foreign-experts");
    s.officer("ee-one", "exit-entry");
    s.officer("fe-two", "foreign-experts");
    let alice = Client::register(&s, "alice", "person").await;
    let mallory = Client::register(&s, "mallory", "person").await;
    let (_, m) = alice
        .upload(&s, "passport.pdf", "application/pdf", passport())
        .await;
    let hash = m["hash"].as_str().expect("hash").to_string();
    let (st, b) = alice.post(&s, "/api/bundles", json!({"service": "category-a-permits", "idempotency_key": "a", "facts": talent_facts(), "documents": {"passport": hash}})).await;
    assert_eq!(st, 201, "{b}");
    let case_of = |agency: &str| {
        b["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .find(|c| c["agency"] == agency)
            .and_then(|c| c["id"].as_str())
            .expect("case")
            .to_string()
    };
    let fe_case = case_of("foreign-experts");

    // Another applicant: neither the case nor the material.
    assert_eq!(
        mallory.get(&s, &format!("/api/cases/{fe_case}")).await.0,
        403
    );
    assert_eq!(
        mallory.get(&s, &format!("/api/materials/{hash}")).await.0,
        403
    );
    assert_eq!(
        mallory
            .post(
                &s,
                &format!("/api/cases/{fe_case}/actions"),
                json!({"action": "withdraw"})
            )
            .await
            .0,
        403
    );
    // Uploading the same bytes does not grant access to someone else's upload record, only to one's own.
    let (st, _) = mallory
        .upload(&s, "copy.pdf", "application/pdf", passport())
        .await;
    assert_eq!(st, 201);
    assert_eq!(
        mallory.get(&s, &format!("/api/materials/{hash}")).await.0,
        200,
        "mallory uploaded identical bytes herself"
    );
    // An applicant cannot decide her own case.
    assert_eq!(
        alice
            .post(
                &s,
                &format!("/api/cases/{fe_case}/actions"),
                json!({"action": "approve", "reason": "me"})
            )
            .await
            .0,
        403
    );

    // An officer of another agency: cannot see or decide.
    let ee = Client::login(&s, "ee-one").await;
    assert_eq!(ee.get(&s, &format!("/api/cases/{fe_case}")).await.0, 403);
    assert_eq!(
        ee.post(
            &s,
            &format!("/api/cases/{fe_case}/actions"),
            json!({"action": "accept"})
        )
        .await
        .0,
        403
    );
    let (_, inbox) = ee.get(&s, "/api/inbox").await;
    assert!(
        inbox
            .as_array()
            .expect("inbox")
            .iter()
            .all(|c| c["agency"] == "exit-entry")
    );

    // The right agency: accept, then two officers decide at once; exactly one wins.
    let fe = Client::login(&s, "fe-one").await;
    let fe2 = Client::login(&s, "fe-two").await;
    assert_eq!(
        fe.post(
            &s,
            &format!("/api/cases/{fe_case}/actions"),
            json!({"action": "accept"})
        )
        .await
        .0,
        200
    );
    let url = format!("/api/cases/{fe_case}/actions");
    let (r1, r2) = tokio::join!(
        fe.post(&s, &url, json!({"action": "approve", "reason": "ok"})),
        fe2.post(&s, &url, json!({"action": "reject", "reason": "no"}))
    );
    let mut codes = [r1.0, r2.0];
    codes.sort();
    assert_eq!(codes, [200, 409], "{r1:?} {r2:?}");
    // And nobody decides it a second time.
    let (st, e) = fe
        .post(
            &s,
            &url,
            json!({"action": "reject", "reason": "changed my mind"}),
        )
        .await;
    assert_eq!(st, 409);
    assert!(e["error"].as_str().unwrap_or("").contains("already"), "{e}");
    // Unauthenticated requests are refused.
    assert_eq!(Client::anonymous().get(&s, "/api/cases").await.0, 401);
}

#[tokio::test]
async fn bad_input_is_a_4xx_with_a_message_never_a_500() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let carol = Client::register(&s, "carol", "person").await;
    let http = reqwest::Client::new();
    // Malformed JSON.
    let (st, e) = Client::send(
        http.post(s.url("/api/eligibility"))
            .header("content-type", "application/json")
            .body("{\"entity\": "),
    )
    .await;
    assert_eq!(st, 400, "{e}");
    assert!(
        e["error"].as_str().unwrap_or("").contains("not valid JSON"),
        "{e}"
    );
    // A fact of the wrong type names the field.
    let (st, e) = carol
        .post(
            &s,
            "/api/eligibility",
            json!({"entity": "enterprise", "facts": {"tech_transfer_income": "lots"}}),
        )
        .await;
    assert_eq!(st, 422);
    assert_eq!(e["field"], "facts.tech_transfer_income", "{e}");
    let (st, e) = carol
        .post(
            &s,
            "/api/eligibility",
            json!({"entity": "spaceship", "facts": {}}),
        )
        .await;
    assert_eq!((st, e["field"].clone()), (422, json!("entity")));
    let (st, e) = carol
        .post(&s, "/api/eligibility", json!({"facts": {}}))
        .await;
    assert_eq!(st, 422, "{e}");
    assert!(e["error"].as_str().unwrap_or("").contains("entity"), "{e}");
    let (st, e) = carol
        .post(
            &s,
            "/api/bundles",
            json!({"service": "moon-visa", "idempotency_key": "x"}),
        )
        .await;
    assert_eq!((st, e["field"].clone()), (422, json!("service")));
    let (st, e) = carol
        .post(&s, "/api/bundles", json!({"service": "category-a-permits"}))
        .await;
    assert_eq!((st, e["field"].clone()), (422, json!("idempotency_key")));
    // Incomplete facts: the answer says which are missing.
    let (st, e) = carol
        .post(
            &s,
            "/api/bundles",
            json!({"service": "category-a-permits", "idempotency_key": "y", "facts": {}}),
        )
        .await;
    assert_eq!(st, 422);
    assert!(e["error"].as_str().unwrap_or("").contains("missing"), "{e}");
    // An enterprise service from a person's account.
    let (st, _) = carol
        .post(
            &s,
            "/api/bundles",
            json!({"service": "high-tech-filing", "idempotency_key": "z"}),
        )
        .await;
    assert_eq!(st, 422);
    // Uploads: too large, wrong type, content that lies about its type, empty.
    let (st, e) = carol
        .upload(&s, "big.pdf", "application/pdf", {
            let mut v = passport();
            v.resize(10 * 1024 * 1024 + 10, b'x');
            v
        })
        .await;
    assert_eq!(st, 413, "{e}");
    let (st, _) = carol
        .upload(&s, "x.exe", "application/x-msdownload", b"MZ....".to_vec())
        .await;
    assert_eq!(st, 415);
    let (st, _) = carol
        .upload(&s, "fake.png", "image/png", b"%PDF-1.4 not a png".to_vec())
        .await;
    assert_eq!(st, 415);
    let (st, _) = carol
        .upload(&s, "empty.pdf", "application/pdf", Vec::new())
        .await;
    assert_eq!(st, 422);
    // Unknown case, unknown action, unknown route.
    assert_eq!(carol.get(&s, "/api/cases/no-such-case").await.0, 404);
    let (st, e) = carol
        .post(
            &s,
            "/api/cases/no-such-case/actions",
            json!({"action": "fly"}),
        )
        .await;
    assert_eq!((st, e["field"].clone()), (422, json!("action")));
    let (st, e) = carol.get(&s, "/api/nothing-here").await;
    assert_eq!(st, 404);
    assert!(e["error"].is_string());
    // Accounts: weak password, taken username, wrong password.
    let (st, e) = Client::anonymous()
        .post(
            &s,
            "/api/accounts",
            json!({"username": "dave", "password": "short", "entity": "person"}),
        )
        .await;
    assert_eq!((st, e["field"].clone()), (422, json!("password")));
    let (st, _) = Client::anonymous()
        .post(
            &s,
            "/api/accounts",
            json!({"username": "carol", "password": PASSWORD, "entity": "person"}),
        )
        .await;
    assert_eq!(st, 409);
    let (st, _) = Client::anonymous()
        .post(
            &s,
            "/api/sessions",
            json!({"username": "carol", "password": "wrong password"}),
        )
        .await;
    assert_eq!(st, 401);
}

#[tokio::test]
async fn the_engine_answers_over_http_and_the_api_is_described() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let c = Client::anonymous();
    let (st, ev) = c.post(&s, "/api/eligibility", json!({"entity": "enterprise", "date": "2022-05-31", "measures": ["enterprise.tech-transfer-tax"], "facts": {"tax_year": 2021, "is_resident_enterprise": true, "zgc_park": "haidian_park", "tech_transfer_income": "30000000"}})).await;
    assert_eq!(st, 200, "{ev}");
    assert_eq!(ev["measures"][0]["status"], "eligible");
    assert_eq!(
        ev["measures"][0]["outputs"]["tech_transfer_tax_due"],
        "1250000.00"
    );
    let (st, q) = c
        .post(
            &s,
            "/api/questions",
            json!({"entity": "person", "facts": {"is_foreign_national": true}}),
        )
        .await;
    assert_eq!(st, 200);
    assert_eq!(q["done"], false);
    let first = &q["questions"][0];
    assert!(
        first["decides_status_of"].as_u64().unwrap_or(0) >= 1,
        "{first}"
    );
    assert!(first["title"]["zh"].is_string());
    let (st, x) = c.post(&s, "/api/explain", json!({"entity": "enterprise", "date": "2022-05-31", "lang": "zh", "measures": ["enterprise.tech-transfer-tax"], "facts": {"tax_year": 2021, "is_resident_enterprise": true, "zgc_park": "haidian_park", "tech_transfer_income": "30000000"}})).await;
    assert_eq!(st, 200);
    assert!(x["explanation"].as_str().unwrap_or("").contains("依据"));
    // The eligibility answer is written straight to bytes, the explanation's through a
    // JSON tree: for every measure of both samples they must be the same document.
    for sample in ["enterprise", "person"] {
        let text = std::fs::read_to_string(repo().join(format!("data/samples/{sample}.json")))
            .expect("sample");
        let body: J = serde_json::from_str(&text).expect("json");
        let (st, ev) = c.post(&s, "/api/eligibility", body.clone()).await;
        assert_eq!(st, 200, "{ev}");
        let (st, mut x) = c.post(&s, "/api/explain", body).await;
        assert_eq!(st, 200, "{x}");
        assert!(
            x.as_object_mut()
                .and_then(|o| o.remove("explanation"))
                .is_some()
        );
        assert!(
            ev["measures"].as_array().is_some_and(|m| m.len() > 3),
            "{ev}"
        );
        assert_eq!(
            ev, x,
            "{sample}: /api/eligibility and /api/explain disagree"
        );
    }
    let (st, doc) = c.get(&s, "/openapi.json").await;
    assert_eq!(st, 200);
    assert!(
        doc["openapi"].as_str().unwrap_or("").starts_with("3."),
        "{doc}"
    );
    for p in [
        "/api/eligibility",
        "/api/bundles",
        "/api/cases/{id}/actions",
        "/api/inbox",
        "/api/projects",
    ] {
        assert!(
            doc["paths"][p].is_object(),
            "{p} missing from the OpenAPI document"
        );
    }
    let (st, services) = c.get(&s, "/api/services").await;
    assert_eq!(st, 200);
    assert!(
        services
            .as_array()
            .expect("services")
            .iter()
            .any(|s| s["id"] == "category-a-permits")
    );
}

#[tokio::test]
async fn a_research_project_is_filed_once_and_checked_against_the_fund_rules() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let lead = Client::register(&s, "prof-li", "person").await;
    let other = Client::register(&s, "prof-wang", "person").await;
    Client::register(&s, "pku", "enterprise").await;
    s.officer("kw-officer", "sci-tech");
    let kw = Client::login(&s, "kw-officer").await;
    let text = std::fs::read_to_string(repo().join("data/samples/project.json")).expect("sample");
    let sample: J = serde_json::from_str(&text).expect("json");
    let mut facts = sample["facts"].clone();
    // Over the 60% cap on (3 200 000 - 200 000): refused with the rule's reason.
    facts["proposed_indirect_cost"] = json!("1900000.00");
    let (st, e) = lead
        .post(
            &s,
            "/api/projects",
            json!({"title": "Arithmetic geometry", "unit": "pku", "facts": facts, "milestones": []}),
        )
        .await;
    assert_eq!(st, 422, "{e}");
    assert!(
        e["error"]
            .as_str()
            .unwrap_or("")
            .contains("exceeds its cap"),
        "{e}"
    );
    // Within the cap: filed; a 30-month project is exempt from process inspection.
    let (st, p) = lead.post(&s, "/api/projects", json!({"title": "Arithmetic geometry", "unit": "pku", "facts": sample["facts"], "milestones": [{"name": "Mid-term", "due_on": "2025-06-30"}, {"name": "Final", "due_on": "2026-06-30"}]})).await;
    assert_eq!(st, 201, "{p}");
    assert_eq!(p["inspection"]["required"], false);
    assert_eq!(p["status"], "filed");
    let id = p["id"].as_str().expect("id").to_string();
    // A longer project requires an inspection.
    let mut long = sample["facts"].clone();
    long["implementation_end_date"] = json!("2027-12-31");
    let (_, p2) = lead
        .post(
            &s,
            "/api/projects",
            json!({"title": "Long one", "unit": "pku", "facts": long}),
        )
        .await;
    assert_eq!(p2["inspection"]["required"], true, "{p2}");
    // The commission accepts the filing for implementation.
    let (st, r) = kw
        .post(
            &s,
            &format!("/api/projects/{id}/review"),
            json!({"decision": "accept"}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    // Milestone report: the answer carries the filed facts (one form, many uses).
    let (st, r) = lead
        .post(
            &s,
            &format!("/api/projects/{id}/milestones/1/report"),
            json!({"report": "Two chapters done."}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["facts"]["direct_cost"], "3200000.00");
    assert_eq!(r["milestones"][0]["report"], "Two chapters done.");
    assert_eq!(
        lead.post(
            &s,
            &format!("/api/projects/{id}/milestones/1/report"),
            json!({"report": "again"})
        )
        .await
        .0,
        409
    );
    // Budget adjustments: raising indirect cost goes to the commission (outside the
    // unit's authority); moving within direct costs to the unit.
    let (st, c) = lead.post(&s, &format!("/api/projects/{id}/budget-adjustments"), json!({"facts": {"indirect_budget_after": "1600000.00", "other_direct_budget_after": "2900000.00"}, "reason": "performance pay"})).await;
    assert_eq!(st, 201, "{c}");
    assert_eq!(c["approver"], "approver_competent_department");
    assert_eq!(c["outside_reason"], "project_refusal_indirect_increased");
    let (st, _) = kw
        .post(
            &s,
            &format!("/api/projects/{id}/budget-adjustments/1/decision"),
            json!({"decision": "refuse", "note": "not increased (001 §16)"}),
        )
        .await;
    assert_eq!(st, 200);
    let (st, ok) = lead.post(&s, &format!("/api/projects/{id}/budget-adjustments"), json!({"facts": {"equipment_budget_after": "250000.00", "other_direct_budget_after": "2950000.00"}, "reason": "a workstation"})).await;
    assert_eq!(st, 201, "{ok}");
    assert_eq!(ok["approver"], "approver_undertaking_unit");
    assert_eq!(ok["filing_required"], true);
    // Another leader cannot see it.
    assert_eq!(other.get(&s, &format!("/api/projects/{id}")).await.0, 403);
}

#[tokio::test]
async fn an_acknowledged_submission_survives_kill_9() {
    let (db, dir) = fresh().await;
    let mut s = Server::start(&db, &dir);
    // Accounts first, then load.
    let mut clients = Vec::new();
    for i in 0..4 {
        clients.push(Client::register(&s, &format!("load{i}"), "person").await);
    }
    let facts = talent_facts();
    let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<(usize, String, String)>();
    let mut tasks = Vec::new();
    for (ci, c) in clients.iter().enumerate() {
        let http = c.http.clone();
        let token = c.token.clone().expect("token");
        let url = s.url("/api/bundles");
        let facts = facts.clone();
        let tx = tx.clone();
        tasks.push(tokio::spawn(async move {
            for n in 0..10_000 {
                let key = format!("c{ci}-{n}");
                let r = http.post(&url).bearer_auth(&token).json(&json!({"service": "category-a-permits", "idempotency_key": key, "facts": facts})).timeout(Duration::from_secs(10)).send().await;
                match r {
                    Ok(resp) if resp.status().as_u16() == 201 => {
                        let b: J = resp.json().await.unwrap_or(J::Null);
                        let _ = tx.send((ci, key, b["id"].as_str().unwrap_or("").to_string()));
                    }
                    _ => return,
                }
            }
        }));
    }
    drop(tx);
    // Let acknowledgements accumulate, then kill the server without warning.
    let mut acked = Vec::new();
    while acked.len() < 60 {
        match tokio::time::timeout(Duration::from_secs(60), rx.recv()).await {
            Ok(Some(a)) => acked.push(a),
            _ => break,
        }
    }
    s.kill9();
    for t in tasks {
        let _ = t.await;
    }
    while let Ok(a) = rx.try_recv() {
        acked.push(a);
    }
    assert!(
        acked.len() >= 60,
        "only {} acknowledgements before the kill",
        acked.len()
    );

    let s = Server::start(&db, &dir);
    let mut by_client: Vec<Vec<&(usize, String, String)>> = vec![Vec::new(); clients.len()];
    for a in &acked {
        by_client[a.0].push(a);
    }
    for (ci, mine) in by_client.iter().enumerate() {
        let c = Client::login(&s, &format!("load{ci}")).await;
        let (st, cases) = c.get(&s, "/api/cases").await;
        assert_eq!(st, 200);
        let cases = cases.as_array().expect("cases");
        for (_, key, id) in mine {
            let n = cases
                .iter()
                .filter(|k| k["bundle_id"] == id.as_str())
                .count();
            assert_eq!(
                n, 2,
                "acknowledged bundle {id} ({key}) must be there exactly once with its two cases"
            );
            // A retry after the crash finds the same bundle, never a second one.
            let (st, b) = c.post(&s, "/api/bundles", json!({"service": "category-a-permits", "idempotency_key": key, "facts": facts})).await;
            assert_eq!((st, b["id"].as_str()), (200, Some(id.as_str())), "{b}");
        }
        // Every case belongs to a distinct key: no duplicates of any submission.
        let mut bundles: Vec<&str> = cases
            .iter()
            .filter_map(|k| k["bundle_id"].as_str())
            .collect();
        bundles.sort();
        bundles.dedup();
        assert_eq!(bundles.len() * 2, cases.len());
    }
}

/// Group commit under contention: many applicants, several submissions of each in
/// flight at once. On PostgreSQL the parallel writers used to lock the same profiles
/// in different orders and lose submissions to the deadlock detector; every one must
/// now be acknowledged and saved, and each profile must hold the applicant's latest facts.
#[tokio::test]
async fn concurrent_submissions_from_the_same_applicants_are_all_saved() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    const APPLICANTS: usize = 6;
    const IN_FLIGHT: usize = 4;
    const EACH: usize = 5;
    let mut clients = Vec::new();
    for a in 0..APPLICANTS {
        clients.push(Client::register(&s, &format!("busy{a}"), "person").await);
    }
    let mut handles = Vec::new();
    for (a, c) in clients.iter().enumerate() {
        for f in 0..IN_FLIGHT {
            let (http, token, url) = (
                c.http.clone(),
                c.token.clone().expect("token"),
                s.url("/api/bundles"),
            );
            handles.push(tokio::spawn(async move {
                let mut statuses = Vec::new();
                for n in 0..EACH {
                    let mut facts = talent_facts();
                    facts["annual_salary_in_china"] = json!(format!("{}.00", 700_000 + n));
                    let body = json!({"service": "category-a-permits", "idempotency_key": format!("busy{a}-{f}-{n}"), "facts": facts});
                    let (st, b) =
                        Client::send(http.post(&url).bearer_auth(&token).json(&body)).await;
                    statuses.push((st, b));
                }
                statuses
            }));
        }
    }
    for h in handles {
        for (st, b) in h.await.expect("join") {
            assert_eq!(st, 201, "every concurrent submission is saved: {b}");
        }
    }
    for (a, c) in clients.iter().enumerate() {
        // One last submission, alone: the stored profile must be exactly its facts.
        let mut facts = talent_facts();
        facts["annual_salary_in_china"] = json!(format!("{}.00", 800_000 + a));
        let (st, b) = c
            .post(
                &s,
                "/api/bundles",
                json!({"service": "category-a-permits", "idempotency_key": format!("busy{a}-last"), "facts": facts}),
            )
            .await;
        assert_eq!(st, 201, "{b}");
        let (_, cases) = c.get(&s, "/api/cases").await;
        assert_eq!(
            cases.as_array().map(|v| v.len()),
            Some(2 * (IN_FLIGHT * EACH + 1)),
            "two cases per bundle for busy{a}"
        );
        let (st, p) = c.get(&s, "/api/profile").await;
        assert_eq!(st, 200, "{p}");
        assert_eq!(
            p["facts"]["annual_salary_in_china"],
            json!(format!("{}.00", 800_000 + a)),
            "busy{a}'s profile holds the latest submission: {p}"
        );
    }
}

/// Services and agencies are operating data: the operator's file in the data
/// directory replaces the shipped one, a bad file stops the start, and officers of
/// the Tianjin and Hebei agencies can be created.
#[tokio::test]
async fn the_operators_services_file_replaces_the_shipped_one() {
    let (db, dir) = fresh().await;
    let data = dir.join("data");
    std::fs::create_dir_all(&data).expect("dir");
    let shipped = std::fs::read_to_string(repo().join("config/services.toml")).expect("shipped");
    let renamed = shipped.replace(
        "Income tax relief on technology transfer income",
        "Technology transfer relief (operator's wording)",
    );
    std::fs::write(data.join("services.toml"), &renamed).expect("write");
    let s = Server::start(&db, &dir);
    let (st, list) = Client::anonymous().get(&s, "/api/services").await;
    assert_eq!(st, 200);
    assert!(list.to_string().contains("operator's wording"), "{list}");
    s.officer("tj-officer", "tianjin-sci-tech");
    s.officer("hb-officer", "hebei-sci-tech");
    let o = Client::login(&s, "tj-officer").await;
    let (_, me) = o.get(&s, "/api/me").await;
    assert_eq!(me["agency"], "tianjin-sci-tech");
    drop(s);

    // A broken file: the server does not start, and says where the problem is.
    std::fs::write(
        data.join("services.toml"),
        renamed.replace("agency = \"tax\"", "agency = \"taxes\""),
    )
    .expect("write");
    let out = std::process::Command::new(support::bin())
        .args(["serve", "--port", "0", "--database-url", &db])
        .arg("--data")
        .arg(&data)
        .current_dir(repo())
        .output()
        .expect("serve");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("services.toml:") && err.contains("unknown agency `taxes`"),
        "{err}"
    );
}
