//! Innovation vouchers through the served API and portal (`onestop serve`; SQLite, or
//! PostgreSQL when ONESTOP_TEST_PG_ADMIN is set) with every party (001 §28): an
//! enterprise applies (the rule refuses it with its explanation when it asks the wrong
//! region), the Tianjin agency issues, a provider created by `onestop admin
//! create-provider` confirms a redemption, and the settlement shows what Tianjin owes
//! it, as JSON and CSV. Concurrent requests and confirmations never overdraw. Malformed
//! requests are 4xx, never 5xx; the portal's voucher pages answer each party.

mod support;

use serde_json::{Value as J, json};
use support::{Client, PASSWORD, Server, fresh, onestop, today};

struct World {
    s: Server,
    acme: Client,
    rival: Client,
    person: Client,
    tianjin: Client,
    beijing: Client,
    lab: Client,
    other_lab: Client,
    admin: Client,
}

async fn world() -> World {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let acme = Client::register(&s, "acme", "enterprise").await;
    let rival = Client::register(&s, "rival", "enterprise").await;
    let person = Client::register(&s, "pat", "person").await;
    s.officer("tj-officer", "tianjin-sci-tech");
    s.officer("bj-officer", "sci-tech");
    s.admin(&["create-admin", "--username", "root", "--password", PASSWORD]);
    for (user, region, name) in [
        ("tj-lab", "tianjin", "Binhai Testing Centre"),
        ("hb-lab", "hebei", "Xiong'an Design Studio"),
    ] {
        s.provider(user, region, name);
    }
    World {
        acme,
        rival,
        person,
        tianjin: Client::login(&s, "tj-officer").await,
        beijing: Client::login(&s, "bj-officer").await,
        lab: Client::login(&s, "tj-lab").await,
        other_lab: Client::login(&s, "hb-lab").await,
        admin: Client::login(&s, "root").await,
        s,
    }
}

/// A Tianjin technology SME's application.
fn tianjin_application(amount: &str) -> J {
    json!({"region": "tianjin", "amount": amount, "purpose": "Prototype testing",
           "facts": {"registration_region": "tianjin", "is_tech_sme": true}})
}

/// Applies and has the Tianjin officer issue it; the voucher's id.
async fn issued(w: &World, amount: &str) -> String {
    let (st, a) = w
        .acme
        .post(
            &w.s,
            "/api/voucher-applications",
            tianjin_application(amount),
        )
        .await;
    assert_eq!(st, 201, "{a}");
    let id = a["id"].as_str().expect("id");
    let (st, a) = w
        .tianjin
        .post(
            &w.s,
            &format!("/api/voucher-applications/{id}/decision"),
            json!({"decision": "issue", "expires_on": "2099-12-31"}),
        )
        .await;
    assert_eq!(st, 200, "{a}");
    a["voucher_id"].as_str().expect("voucher").to_string()
}

#[tokio::test]
async fn an_enterprise_applies_tianjin_issues_a_provider_confirms_and_the_settlement_shows_it() {
    let w = world().await;
    let s = &w.s;
    // Asking Beijing while registered in Tianjin: refused with the rule's explanation.
    let mut wrong = tianjin_application("80000");
    wrong["region"] = json!("beijing");
    let (st, e) = w.acme.post(s, "/api/voucher-applications", wrong).await;
    assert_eq!(st, 422, "{e}");
    assert!(e["error"].as_str().unwrap_or("").contains("§28"), "{e}");
    assert!(
        e["explanation"]
            .as_str()
            .unwrap_or("")
            .contains("voucher_asks_home_region"),
        "{e}"
    );
    // Facts missing: the field and the facts named.
    let (st, e) = w
        .acme
        .post(
            s,
            "/api/voucher-applications",
            json!({"region": "tianjin", "amount": "1000"}),
        )
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("facts")), "{e}");
    assert!(
        e["error"].as_str().unwrap_or("").contains("is_tech_sme"),
        "{e}"
    );
    // Only enterprises apply.
    for who in [&w.person, &w.tianjin, &w.lab, &w.admin] {
        let (st, e) = who
            .post(s, "/api/voucher-applications", tianjin_application("1000"))
            .await;
        assert_eq!(st, 403, "{e}");
    }
    let (st, a) = w
        .acme
        .post(s, "/api/voucher-applications", tianjin_application("80000"))
        .await;
    assert_eq!(st, 201, "{a}");
    assert_eq!(
        (a["status"].as_str(), a["agency"].as_str()),
        (Some("pending"), Some("tianjin-sci-tech"))
    );
    let app = a["id"].as_str().expect("id").to_string();
    // Beijing does not decide Tianjin's application, nor does the applicant.
    for who in [&w.beijing, &w.acme, &w.admin] {
        let (st, _) = who
            .post(
                s,
                &format!("/api/voucher-applications/{app}/decision"),
                json!({"decision": "issue", "expires_on": "2099-12-31"}),
            )
            .await;
        assert_eq!(st, 403);
    }
    assert_eq!(
        w.rival
            .get(s, &format!("/api/voucher-applications/{app}"))
            .await
            .0,
        403
    );
    let (st, list) = w.tianjin.get(s, "/api/voucher-applications").await;
    assert_eq!((st, list.as_array().map(Vec::len)), (200, Some(1)));
    let (st, decided) = w
        .tianjin
        .post(
            s,
            &format!("/api/voucher-applications/{app}/decision"),
            json!({"decision": "issue", "expires_on": "2099-12-31", "note": "Approved"}),
        )
        .await;
    assert_eq!(st, 200, "{decided}");
    assert_eq!(decided["decided_by"], "tj-officer");
    let voucher = decided["voucher_id"].as_str().expect("voucher").to_string();
    let (st, again) = w
        .tianjin
        .post(
            s,
            &format!("/api/voucher-applications/{app}/decision"),
            json!({"decision": "refuse", "note": "Changed my mind"}),
        )
        .await;
    assert_eq!(st, 409, "{again}");

    // The holder asks the Tianjin provider; the amount is reserved, not redeemed.
    let (st, providers) = w.acme.get(s, "/api/voucher-providers").await;
    assert_eq!(st, 200);
    assert_eq!(providers.as_array().map(Vec::len), Some(2), "{providers}");
    let (st, r) = w
        .acme
        .post(
            s,
            &format!("/api/vouchers/{voucher}/redemptions"),
            json!({"amount": "30000.00", "provider": "tj-lab", "service": "Fatigue testing"}),
        )
        .await;
    assert_eq!(st, 201, "{r}");
    assert_eq!(
        (
            r["voucher"]["reserved"].as_str(),
            r["voucher"]["redeemed"].as_str()
        ),
        (Some("30000.00"), Some("0.00"))
    );
    let redemption = r["redemption"]["id"].as_str().expect("id").to_string();
    let path = format!("/api/voucher-redemptions/{redemption}/decision");
    // Nobody but the provider named confirms it.
    for who in [&w.acme, &w.other_lab, &w.tianjin, &w.admin] {
        let (st, _) = who.post(s, &path, json!({"decision": "confirm"})).await;
        assert_eq!(st, 403);
    }
    let (st, mine) = w.lab.get(s, "/api/voucher-redemptions").await;
    assert_eq!(
        (st, mine.as_array().map(Vec::len)),
        (200, Some(1)),
        "{mine}"
    );
    assert!(
        w.other_lab
            .get(s, "/api/voucher-redemptions")
            .await
            .1
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    let (st, done) = w.lab.post(s, &path, json!({"decision": "confirm"})).await;
    assert_eq!(st, 200, "{done}");
    assert_eq!(done["voucher"]["redeemed"], "30000.00");
    assert_eq!(done["voucher"]["balance"], "50000.00");
    assert_eq!(done["redemption"]["decided_by"], "tj-lab");
    assert_eq!(
        w.lab.post(s, &path, json!({"decision": "confirm"})).await.0,
        409
    );

    // The settlement: Tianjin owes its provider 30 000 yuan this month.
    let month = &today()[..7];
    let (st, lines) = w
        .tianjin
        .get(s, &format!("/api/voucher-settlement?month={month}"))
        .await;
    assert_eq!(st, 200, "{lines}");
    assert_eq!(lines.as_array().map(Vec::len), Some(1), "{lines}");
    assert_eq!(
        (
            lines[0]["agency"].as_str(),
            lines[0]["provider_username"].as_str(),
            lines[0]["amount"].as_str()
        ),
        (Some("tianjin-sci-tech"), Some("tj-lab"), Some("30000.00"))
    );
    assert_eq!(w.lab.get(s, "/api/voucher-settlement").await.1, lines);
    assert!(
        w.beijing
            .get(s, "/api/voucher-settlement")
            .await
            .1
            .as_array()
            .is_some_and(Vec::is_empty)
    );
    assert_eq!(w.acme.get(s, "/api/voucher-settlement").await.0, 403);
    // A month sent blank is no month: 422 naming it, not every month (schemathesis ST201).
    for path in [
        "/api/voucher-settlement?month=",
        "/api/voucher-settlement.csv?month=",
    ] {
        let (st, e) = w.tianjin.get(s, path).await;
        assert_eq!(
            (st, e["field"].as_str()),
            (422, Some("month")),
            "{path}: {e}"
        );
    }
    let csv = reqwest::Client::new()
        .get(s.url(&format!("/api/voucher-settlement.csv?month={month}")))
        .bearer_auth(w.tianjin.token.clone().unwrap_or_default())
        .send()
        .await
        .expect("csv");
    assert_eq!(csv.status().as_u16(), 200);
    assert!(
        csv.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/csv")
    );
    let text = csv.text().await.expect("text");
    assert!(
        text.contains(&format!(
            "{month},tianjin-sci-tech,tianjin,Binhai Testing Centre,tj-lab,tianjin,1,30000.00"
        )),
        "{text}"
    );

    // Every event is logged with a receipt (issue, request, confirmation), and the
    // stored register checks out.
    let (st, receipts) = w
        .acme
        .get(s, &format!("/api/vouchers/{voucher}/receipts"))
        .await;
    assert_eq!(st, 200);
    let kinds: Vec<&str> = receipts
        .as_array()
        .expect("receipts")
        .iter()
        .filter_map(|r| r["entry"]["type"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "voucher.issued",
            "voucher.redemption.requested",
            "voucher.redeemed"
        ]
    );
    let (c, out, err) = onestop(
        &[
            "ledger",
            "verify",
            "--log-key",
            s.key.to_str().expect("p"),
            "--database-url",
            &s.db,
        ],
        None,
    );
    assert_eq!(c, 0, "{out}{err}");
    assert!(
        out.contains("4 entries") && out.contains("1 vouchers"),
        "{out}"
    );
}

#[tokio::test]
async fn concurrent_requests_and_confirmations_never_overdraw() {
    let w = world().await;
    let s = &w.s;
    let voucher = issued(&w, "1000").await;
    // 40 requests of 30 yuan at once: 33 fit into 1000 yuan, 7 are refused.
    let mut tasks = Vec::new();
    for i in 0..40 {
        let c = w.acme.clone();
        let url = s.url(&format!("/api/vouchers/{voucher}/redemptions"));
        let provider = if i % 2 == 0 { "tj-lab" } else { "hb-lab" };
        let body = json!({"amount": "30.00", "provider": provider});
        tasks.push(tokio::spawn(async move {
            Client::send(c.auth(c.http.post(url).json(&body))).await
        }));
    }
    let mut asked: Vec<(String, String)> = Vec::new();
    let mut refused = 0;
    for t in tasks {
        let (st, body) = t.await.expect("join");
        match st {
            201 => asked.push((
                body["redemption"]["provider_username"]
                    .as_str()
                    .unwrap_or("")
                    .to_string(),
                body["redemption"]["id"].as_str().unwrap_or("").to_string(),
            )),
            409 => {
                assert!(
                    body["error"].as_str().unwrap_or("").contains("balance"),
                    "{body}"
                );
                refused += 1;
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!((asked.len(), refused), (33, 7));
    // Each confirmed twice at once by its provider: each counts once.
    let mut tasks = Vec::new();
    for (provider, id) in &asked {
        for _ in 0..2 {
            let c = if provider == "tj-lab" {
                w.lab.clone()
            } else {
                w.other_lab.clone()
            };
            let url = s.url(&format!("/api/voucher-redemptions/{id}/decision"));
            tasks.push(tokio::spawn(async move {
                Client::send(c.auth(c.http.post(url).json(&json!({"decision": "confirm"})))).await
            }));
        }
    }
    let (mut ok, mut conflicts) = (0, 0);
    for t in tasks {
        let (st, body) = t.await.expect("join");
        match st {
            200 => ok += 1,
            409 => conflicts += 1,
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!((ok, conflicts), (33, 33));
    let (_, v) = w.acme.get(s, &format!("/api/vouchers/{voucher}")).await;
    assert_eq!(
        (
            v["redeemed"].as_str(),
            v["reserved"].as_str(),
            v["balance"].as_str()
        ),
        (Some("990.00"), Some("0.00"), Some("10.00")),
        "{v}"
    );
    assert_eq!(v["redemptions"].as_array().map(Vec::len), Some(33));
    let (c, out, err) = onestop(
        &[
            "ledger",
            "verify",
            "--log-key",
            s.key.to_str().expect("p"),
            "--database-url",
            &s.db,
        ],
        None,
    );
    assert_eq!(c, 0, "{out}{err}");
}

#[tokio::test]
async fn malformed_voucher_requests_are_4xx_never_5xx() {
    let w = world().await;
    let s = &w.s;
    for (body, field) in [
        (
            json!({"region": "shanghai", "amount": "1", "facts": {}}),
            "region",
        ),
        (
            json!({"region": "tianjin", "amount": "0", "facts": {}}),
            "amount",
        ),
        (
            json!({"region": "tianjin", "amount": "1.001", "facts": {}}),
            "amount",
        ),
        (
            json!({"region": "tianjin", "amount": "1", "facts": {"is_tech_sme": "perhaps"}}),
            "facts.is_tech_sme",
        ),
        (
            json!({"region": "tianjin", "amount": "1", "facts": {"no_such_fact": 1}}),
            "facts.no_such_fact",
        ),
    ] {
        let (st, e) = w
            .acme
            .post(s, "/api/voucher-applications", body.clone())
            .await;
        assert_eq!((st, e["field"].as_str()), (422, Some(field)), "{body}: {e}");
    }
    let voucher = issued(&w, "100").await;
    for (body, field) in [
        (json!({"amount": "1", "provider": "nobody"}), "provider"),
        (json!({"amount": "1", "provider": "acme"}), "provider"),
        (json!({"amount": 1.5, "provider": "tj-lab"}), "amount"),
    ] {
        let (st, e) = w
            .acme
            .post(
                s,
                &format!("/api/vouchers/{voucher}/redemptions"),
                body.clone(),
            )
            .await;
        assert_eq!((st, e["field"].as_str()), (422, Some(field)), "{body}: {e}");
    }
    for path in [
        "/api/voucher-applications/not-an-id",
        "/api/voucher-redemptions/not-an-id",
        "/api/vouchers/not-an-id",
    ] {
        assert_eq!(w.admin.get(s, path).await.0, 404, "{path}");
    }
    let (st, _) = w.admin.get(s, "/api/voucher-applications/a%00b").await;
    assert_eq!(st, 422);
    let (st, e) = w.tianjin.get(s, "/api/voucher-settlement?month=June").await;
    assert_eq!((st, e["field"].as_str()), (422, Some("month")), "{e}");
    let (st, e) = w
        .tianjin
        .post(
            s,
            "/api/voucher-applications/00000000-0000-0000-0000-000000000000/decision",
            json!({"decision": "maybe"}),
        )
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("decision")), "{e}");
    assert_eq!(
        Client::anonymous()
            .get(s, "/api/voucher-settlement")
            .await
            .0,
        401
    );
    // Documented with the rest of the API.
    let (_, doc) = Client::anonymous().get(s, "/openapi.json").await;
    for path in [
        "/api/voucher-applications",
        "/api/voucher-applications/{id}/decision",
        "/api/voucher-providers",
        "/api/voucher-redemptions/{id}/decision",
        "/api/voucher-settlement",
        "/api/voucher-settlement.csv",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is described");
    }
}

#[tokio::test]
async fn the_voucher_pages_answer_each_party() {
    let w = world().await;
    let s = &w.s;
    let voucher = issued(&w, "5000").await;
    let (st, _) = w
        .acme
        .post(
            s,
            &format!("/api/vouchers/{voucher}/redemptions"),
            json!({"amount": "100", "provider": "tj-lab", "service": "Spectroscopy"}),
        )
        .await;
    assert_eq!(st, 201);
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
    for (who, path, expect) in [
        (&w.acme, "/vouchers".to_string(), "Prototype testing"),
        (&w.acme, format!("/vouchers/{voucher}"), "Spectroscopy"),
        (&w.tianjin, "/vouchers".to_string(), "acme Ltd"),
        (&w.tianjin, format!("/vouchers/{voucher}"), "5000.00"),
        (&w.lab, "/vouchers".to_string(), "Spectroscopy"),
        (&w.tianjin, "/vouchers/settlement".to_string(), "Settlement"),
        (&w.lab, "/vouchers/settlement".to_string(), "Settlement"),
    ] {
        let (st, html) = get(who, format!("{path}?lang=en")).await;
        assert_eq!(st, 200, "{path}: {html}");
        assert!(html.contains(expect), "{path} shows {expect}");
    }
    // The provider's page offers the confirmation; the holder's the withdrawal.
    assert!(
        get(&w.lab, "/vouchers".into())
            .await
            .1
            .contains("confirm-redemption")
    );
    assert!(
        get(&w.acme, format!("/vouchers/{voucher}"))
            .await
            .1
            .contains("withdraw-redemption")
    );
    for (who, path, status) in [
        (&w.rival, format!("/vouchers/{voucher}"), 403),
        (&w.beijing, format!("/vouchers/{voucher}"), 403),
        (&w.acme, "/vouchers/settlement".to_string(), 403),
        (
            &w.rival,
            "/vouchers/00000000-0000-0000-0000-000000000000".to_string(),
            404,
        ),
        (&w.rival, "/vouchers/not-a-voucher".to_string(), 404),
    ] {
        let (st, _) = get(who, path.clone()).await;
        assert_eq!(st, status, "{path}");
    }
    let (st, csv) = get(&w.lab, "/vouchers/settlement.csv".into()).await;
    assert_eq!(st, 200);
    assert!(csv.starts_with("month,agency,region,provider"), "{csv}");
    // Signed out: to the sign-in page.
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .get(s.url("/vouchers"))
        .send()
        .await
        .expect("page");
    assert!(r.status().is_redirection());
}
