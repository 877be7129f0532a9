//! Research projects through the served API (`onestop serve`; SQLite, or PostgreSQL
//! when ONESTOP_TEST_PG_ADMIN is set) with their three parties: the leader files and
//! reports, the unit approves an equipment increase the rule gives it, the Science and
//! Technology Commission reviews, accepts milestones, waives or schedules the
//! inspection as the rule allows, and does the final acceptance, which files the
//! increase. Malformed requests are refused with 4xx, never 5xx; the portal's project
//! pages answer every party.

mod support;

use serde_json::{Value as J, json};
use support::{Client, Server, fresh, repo};

fn sample() -> J {
    let text = std::fs::read_to_string(repo().join("data/samples/project.json")).expect("sample");
    let v: J = serde_json::from_str(&text).expect("json");
    v["facts"].clone()
}

struct World {
    s: Server,
    leader: Client,
    unit: Client,
    officer: Client,
    rival: Client,
    tianjin: Client,
}

async fn world() -> World {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let leader = Client::register(&s, "prof-li", "person").await;
    let unit = Client::register(&s, "pku", "enterprise").await;
    let rival = Client::register(&s, "other-univ", "enterprise").await;
    s.officer("kw-officer", "sci-tech");
    s.officer("tj-officer", "tianjin-sci-tech");
    let officer = Client::login(&s, "kw-officer").await;
    let tianjin = Client::login(&s, "tj-officer").await;
    World {
        s,
        leader,
        unit,
        officer,
        rival,
        tianjin,
    }
}

async fn file(w: &World, facts: J) -> String {
    let (st, p) = w
        .leader
        .post(
            &w.s,
            "/api/projects",
            json!({"title": "Arithmetic geometry", "unit": "pku", "facts": facts,
                   "milestones": [{"name": "Mid-term", "due_on": "2025-06-30"}, {"name": "Final", "due_on": "2026-06-30"}]}),
        )
        .await;
    assert_eq!(st, 201, "{p}");
    p["id"].as_str().expect("id").to_string()
}

#[tokio::test]
async fn a_leader_files_the_unit_approves_an_equipment_increase_filed_at_acceptance() {
    let w = world().await;
    let s = &w.s;
    let id = file(&w, sample()).await;
    let (st, r) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id}/review"),
            json!({"decision": "accept", "note": "Complete"}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["status"], "active");
    assert_eq!(r["review"]["by"], "kw-officer");
    for seq in [1, 2] {
        let (st, r) = w
            .leader
            .post(
                s,
                &format!("/api/projects/{id}/milestones/{seq}/report"),
                json!({"report": format!("Milestone {seq} done.")}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        let (st, r) = w
            .officer
            .post(
                s,
                &format!("/api/projects/{id}/milestones/{seq}/acceptance"),
                json!({}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["milestones"][seq - 1]["accepted_by"], "kw-officer");
    }
    // The equipment increase: the rule names the unit; filed at acceptance.
    let (st, c) = w
        .leader
        .post(
            s,
            &format!("/api/projects/{id}/budget-adjustments"),
            json!({"facts": {"equipment_budget_after": "260000.00", "other_direct_budget_after": "2940000.00"}, "reason": "A second workstation"}),
        )
        .await;
    assert_eq!(st, 201, "{c}");
    assert_eq!(c["approver"], "approver_undertaking_unit");
    assert_eq!(c["filing_required"], true);
    assert_eq!(c["status"], "pending");
    // Not the commission's to decide, nor the leader's.
    for who in [&w.officer, &w.leader, &w.rival] {
        let (st, e) = who
            .post(
                s,
                &format!("/api/projects/{id}/budget-adjustments/1/decision"),
                json!({"decision": "approve"}),
            )
            .await;
        assert_eq!(st, 403, "{e}");
    }
    // The unit sees the project in its list and approves.
    let (st, list) = w.unit.get(s, "/api/projects").await;
    assert_eq!(st, 200);
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    let (st, p) = w
        .unit
        .post(
            s,
            &format!("/api/projects/{id}/budget-adjustments/1/decision"),
            json!({"decision": "approve", "note": "Needed"}),
        )
        .await;
    assert_eq!(st, 200, "{p}");
    assert_eq!(p["facts"]["equipment_budget_before"], "260000.00");
    let (st, h) = w
        .leader
        .get(s, &format!("/api/projects/{id}/budget-adjustments"))
        .await;
    assert_eq!(st, 200);
    assert_eq!(h[0]["decided_by"], "pku");
    assert_eq!(h[0]["status"], "approved");
    // The acceptance lists the filing; waiting for the inspection decision.
    let (st, a) = w
        .unit
        .get(s, &format!("/api/projects/{id}/acceptance"))
        .await;
    assert_eq!(st, 200, "{a}");
    assert_eq!(a["ready"], false);
    assert_eq!(a["blockers"][0]["code"], "inspection_undecided", "{a}");
    assert_eq!(a["filings"][0]["seq"], 1);
    let (st, e) = w
        .officer
        .post(s, &format!("/api/projects/{id}/acceptance"), json!({}))
        .await;
    assert_eq!(st, 409, "{e}");
    let (st, r) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id}/inspection"),
            json!({"decision": "waive", "note": "under three years"}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["inspection"]["state"], "waived");
    let (st, a) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id}/acceptance"),
            json!({"note": "Accepted"}),
        )
        .await;
    assert_eq!(st, 200, "{a}");
    assert_eq!(a["project"]["status"], "accepted");
    assert!(a["filings"][0]["filed_at"].is_string(), "{a}");
    // Tianjin's commission sees none of it.
    assert_eq!(
        w.tianjin.get(s, &format!("/api/projects/{id}")).await.0,
        403
    );
    let (_, list) = w.tianjin.get(s, "/api/projects").await;
    assert_eq!(list, json!([]));
}

#[tokio::test]
async fn a_required_inspection_is_never_waived_and_the_commission_decides_outside_the_delegation() {
    let w = world().await;
    let s = &w.s;
    let mut long = sample();
    long["implementation_end_date"] = json!("2027-12-31");
    let id = file(&w, long).await;
    // Returned, amended, accepted.
    let (st, _) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id}/review"),
            json!({"decision": "return", "note": "Attach the plan"}),
        )
        .await;
    assert_eq!(st, 200);
    let (st, p) = w
        .leader
        .post(
            s,
            &format!("/api/projects/{id}/amendment"),
            json!({"title": "Arithmetic geometry (amended)", "facts": sample()}),
        )
        .await;
    assert_eq!(st, 200, "{p}");
    assert_eq!(p["status"], "filed");
    assert_eq!(p["inspection"]["required"], false, "now 30 months");
    let (st, _) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id}/review"),
            json!({"decision": "accept"}),
        )
        .await;
    assert_eq!(st, 200);
    // Reviewed once per filing.
    let (st, _) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id}/review"),
            json!({"decision": "return", "note": "again"}),
        )
        .await;
    assert_eq!(st, 409);
    // A four-year project filed afresh: inspection required.
    let mut four = sample();
    four["implementation_end_date"] = json!("2027-12-31");
    let id2 = file(&w, four).await;
    let (st, _) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id2}/review"),
            json!({"decision": "accept"}),
        )
        .await;
    assert_eq!(st, 200);
    let (st, e) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id2}/inspection"),
            json!({"decision": "waive"}),
        )
        .await;
    assert_eq!(st, 422, "{e}");
    assert!(
        e["error"]
            .as_str()
            .unwrap_or("")
            .contains("requires a process inspection"),
        "{e}"
    );
    let (st, r) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id2}/inspection"),
            json!({"decision": "schedule", "on": support::today()}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["inspection"]["state"], "scheduled");
    // The total grows: outside the delegated authority, the commission decides.
    let (st, c) = w
        .leader
        .post(
            s,
            &format!("/api/projects/{id2}/budget-adjustments"),
            json!({"facts": {"other_direct_budget_after": "3100000.00"}, "reason": "More fieldwork"}),
        )
        .await;
    assert_eq!(st, 201, "{c}");
    assert_eq!(c["approver"], "approver_competent_department");
    assert_eq!(c["outside_reason"], "project_refusal_total_changed");
    let (st, _) = w
        .unit
        .post(
            s,
            &format!("/api/projects/{id2}/budget-adjustments/1/decision"),
            json!({"decision": "approve"}),
        )
        .await;
    assert_eq!(st, 403);
    let (st, e) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id2}/budget-adjustments/1/decision"),
            json!({"decision": "refuse"}),
        )
        .await;
    assert_eq!(st, 422, "a refusal says why: {e}");
    let (st, p) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id2}/budget-adjustments/1/decision"),
            json!({"decision": "approve", "note": "Justified"}),
        )
        .await;
    assert_eq!(st, 200, "{p}");
    assert_eq!(p["facts"]["other_direct_budget_before"], "3100000.00");
    assert_eq!(p["budget_changes"][0]["decided_by"], "kw-officer");
}

#[tokio::test]
async fn malformed_project_requests_are_4xx_never_5xx() {
    let w = world().await;
    let s = &w.s;
    let id = file(&w, sample()).await;
    let bodies: Vec<(&Client, &str, String, J)> = vec![
        (
            &w.leader,
            "post",
            "/api/projects".into(),
            json!({"title": "x"}),
        ),
        (
            &w.leader,
            "post",
            "/api/projects".into(),
            json!({"title": "x", "unit": "pku", "facts": []}),
        ),
        (
            &w.leader,
            "post",
            "/api/projects".into(),
            json!({"title": "x", "unit": "pku", "facts": {"direct_cost": "lots"}}),
        ),
        (
            &w.leader,
            "post",
            "/api/projects".into(),
            json!({"title": "x", "unit": "pku", "facts": {}, "milestones": [{"name": "m", "due_on": "someday"}]}),
        ),
        (
            &w.leader,
            "post",
            "/api/projects".into(),
            json!({"title": "x", "unit": "pku", "facts": {}, "milestones": [{"name": " ", "due_on": "2026-01-01"}]}),
        ),
        (
            &w.leader,
            "post",
            "/api/projects".into(),
            json!({"title": "   ", "unit": "pku", "facts": {}}),
        ),
        (
            &w.leader,
            "post",
            "/api/projects".into(),
            json!({"title": "x", "unit": "nobody", "facts": {}}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/projects/{id}/review"),
            json!({"decision": "maybe"}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/projects/{id}/review"),
            json!({"decision": "return"}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/projects/{id}/review"),
            json!({"decision": "accept", "note": "x".repeat(4001)}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/projects/{id}/inspection"),
            json!({"decision": "schedule"}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/projects/{id}/inspection"),
            json!({"decision": "schedule", "on": "2026-02-30"}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/projects/{id}/milestones/abc/acceptance"),
            json!({}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/projects/{id}/milestones/99999999999999999999/acceptance"),
            json!({}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/projects/{id}/milestones/-1/acceptance"),
            json!({}),
        ),
        (
            &w.leader,
            "post",
            format!("/api/projects/{id}/milestones/1/report"),
            json!({"report": ""}),
        ),
        (
            &w.leader,
            "post",
            format!("/api/projects/{id}/budget-adjustments"),
            json!({"facts": {}, "reason": ""}),
        ),
        (
            &w.leader,
            "post",
            format!("/api/projects/{id}/budget-adjustments"),
            json!({"facts": "no", "reason": "r"}),
        ),
        (
            &w.leader,
            "post",
            format!("/api/projects/{id}/budget-adjustments"),
            json!({"facts": {"title": "x"}, "reason": "r"}),
        ),
        (
            &w.leader,
            "post",
            format!("/api/projects/{id}/budget-adjustments"),
            json!({"facts": {"equipment_budget_after": "1.234"}, "reason": "r"}),
        ),
        (
            &w.unit,
            "post",
            format!("/api/projects/{id}/budget-adjustments/1/decision"),
            json!({"decision": "approve"}),
        ),
        (
            &w.unit,
            "post",
            format!("/api/projects/{id}/budget-adjustments/x/decision"),
            json!({"decision": "approve"}),
        ),
        (
            &w.unit,
            "post",
            format!("/api/projects/{id}/budget-adjustments/1/decision"),
            json!({"decision": 1}),
        ),
        (
            &w.officer,
            "post",
            "/api/projects/nope/acceptance".into(),
            json!({}),
        ),
        (
            &w.officer,
            "get",
            "/api/projects/nope/acceptance".into(),
            J::Null,
        ),
        (
            &w.officer,
            "get",
            format!("/api/projects/{}/budget-adjustments", "%00"),
            J::Null,
        ),
        (
            &w.leader,
            "post",
            format!("/api/projects/{id}/amendment"),
            json!({"title": "t", "facts": {}}),
        ),
        // PostgreSQL's TEXT holds no NUL: refused before it reaches the database.
        (
            &w.leader,
            "post",
            "/api/projects".into(),
            json!({"title": "a\0b", "unit": "pku", "facts": {}}),
        ),
        (
            &w.leader,
            "post",
            "/api/projects".into(),
            json!({"title": "t", "unit": "pk\0u", "facts": {}}),
        ),
        (
            &w.leader,
            "post",
            "/api/projects".into(),
            json!({"title": "t", "unit": "pku", "facts": {}, "milestones": [{"name": "m\0", "due_on": "2026-01-01"}]}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/projects/{id}/review"),
            json!({"decision": "accept", "note": "\0"}),
        ),
        (
            &w.leader,
            "post",
            format!("/api/projects/{id}/milestones/1/report"),
            json!({"report": "r\0"}),
        ),
        (
            &w.leader,
            "post",
            format!("/api/projects/{id}/budget-adjustments"),
            json!({"facts": {"equipment_budget_after": "1.00"}, "reason": "\0"}),
        ),
        (&w.officer, "get", "/api/projects/%00".into(), J::Null),
        (
            &w.officer,
            "post",
            "/api/projects/%00/review".into(),
            json!({"decision": "accept"}),
        ),
    ];
    for (who, method, path, body) in bodies {
        let (st, e) = match method {
            "get" => who.get(s, &path).await,
            _ => who.post(s, &path, body.clone()).await,
        };
        assert!((400..500).contains(&st), "{method} {path} {body}: {st} {e}");
        assert!(
            e["error"].is_string(),
            "{method} {path}: the error shape: {e}"
        );
    }
    // Not JSON at all.
    let r = w
        .leader
        .auth(w.leader.http.post(s.url("/api/projects")))
        .header("content-type", "application/json")
        .body("{")
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 400);
    // Anonymous: 401 everywhere.
    let anon = Client::anonymous();
    assert_eq!(anon.get(s, "/api/projects").await.0, 401);
    assert_eq!(
        anon.post(
            s,
            &format!("/api/projects/{id}/review"),
            json!({"decision": "accept"})
        )
        .await
        .0,
        401
    );
}

#[tokio::test]
async fn the_project_pages_answer_each_party() {
    let w = world().await;
    let s = &w.s;
    let id = file(&w, sample()).await;
    // The portal's session cookie holds the same token as the API's bearer header.
    let get = |who: &Client, path: String| {
        let req = reqwest::Client::new().get(s.url(&path)).header(
            "cookie",
            format!("session={}", who.token.clone().unwrap_or_default()),
        );
        async move {
            let r = req.send().await.expect("page");
            let st = r.status().as_u16();
            (st, r.text().await.unwrap_or_default())
        }
    };
    for (who, path) in [
        (&w.leader, "/projects".to_string()),
        (&w.leader, format!("/projects/{id}")),
        (&w.unit, "/projects".to_string()),
        (&w.unit, format!("/projects/{id}")),
        (&w.officer, "/officer/projects".to_string()),
        (&w.officer, format!("/projects/{id}")),
        (&w.officer, format!("/projects/{id}/acceptance")),
    ] {
        let (st, html) = get(who, format!("{path}?lang=en")).await;
        assert_eq!(st, 200, "{path}: {html}");
        assert!(html.contains("Arithmetic geometry"), "{path}");
    }
    for (who, path, status) in [
        (&w.rival, format!("/projects/{id}"), 403),
        (&w.rival, format!("/projects/{id}/acceptance"), 403),
        (&w.tianjin, format!("/projects/{id}"), 403),
        (&w.rival, "/projects/not-a-project".to_string(), 404),
        (
            &w.officer,
            "/projects/not-a-project/acceptance".to_string(),
            404,
        ),
    ] {
        let (st, _) = get(who, path.clone()).await;
        assert_eq!(st, status, "{path}");
    }
    // The officer's inbox is for officers.
    let (st, _) = get(&w.leader, "/officer/projects".to_string()).await;
    assert_eq!(st, 403);
    // Signed out: to the sign-in page.
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .get(s.url(&format!("/projects/{id}")))
        .send()
        .await
        .expect("page");
    assert!(r.status().is_redirection());
}

#[tokio::test]
async fn concurrent_requests_and_decisions_leave_one_winner() {
    let w = world().await;
    let s = &w.s;
    let id = file(&w, sample()).await;
    let (st, _) = w
        .officer
        .post(
            s,
            &format!("/api/projects/{id}/review"),
            json!({"decision": "accept"}),
        )
        .await;
    assert_eq!(st, 200);
    // Two requests at once: one waits for a decision, the other is refused.
    let ask_path = format!("/api/projects/{id}/budget-adjustments");
    let ask = |equipment: &str, other: &str| {
        w.leader.post(
            s,
            &ask_path,
            json!({"facts": {"equipment_budget_after": equipment, "other_direct_budget_after": other}, "reason": "r"}),
        )
    };
    let (a, b) = tokio::join!(
        ask("210000.00", "2990000.00"),
        ask("220000.00", "2980000.00")
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 409], "{a:?} {b:?}");
    // The unit approves twice at once: one decision counts, the budget moves once.
    let decide_path = format!("/api/projects/{id}/budget-adjustments/1/decision");
    let decide = || w.unit.post(s, &decide_path, json!({"decision": "approve"}));
    let (a, b) = tokio::join!(decide(), decide());
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{a:?} {b:?}");
    let (_, h) = w
        .leader
        .get(s, &format!("/api/projects/{id}/budget-adjustments"))
        .await;
    assert_eq!(h.as_array().map(Vec::len), Some(1), "{h}");
    assert_eq!(h[0]["status"], "approved");
}
