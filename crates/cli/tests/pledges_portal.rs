//! IP pledges through the served portal and API (`onestop serve`; SQLite, or
//! PostgreSQL when ONESTOP_TEST_PG_ADMIN is set) with their three parties: the
//! pledgor applies from the portal's form, the bank countersigns, the IP office's
//! officer registers; the pledgor's release is refused, the pledgee's goes through;
//! the public status page shows each state without signing in. Every party's pages
//! answer; strangers get 403; malformed requests 4xx, never 5xx; two registrations of
//! one right at once leave one standing.

mod support;

use serde_json::{Value as J, json};
use support::{Client, Server, form, fresh, page, text_of, today};

struct World {
    s: Server,
    acme: Client,
    rival: Client,
    bank: Client,
    officer: Client,
    tax: Client,
}

async fn world() -> World {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let acme = Client::register(&s, "acme", "enterprise").await;
    let rival = Client::register(&s, "rival", "enterprise").await;
    s.institution("bank", "Bank of Beijing");
    s.officer("ip-officer", "ip-office");
    s.officer("tax-officer", "tax");
    let bank = Client::login(&s, "bank").await;
    let officer = Client::login(&s, "ip-officer").await;
    let tax = Client::login(&s, "tax-officer").await;
    World {
        s,
        acme,
        rival,
        bank,
        officer,
        tax,
    }
}

async fn public_status(s: &Server, number: &str) -> J {
    let (st, v) = Client::anonymous()
        .get(
            s,
            &format!("/api/pledges/status?right_kind=patent&right_number={number}"),
        )
        .await;
    assert_eq!(st, 200, "{v}");
    v
}

#[tokio::test]
async fn a_pledge_goes_through_the_portal_with_its_three_parties() {
    let w = world().await;
    let s = &w.s;
    // The pledgor applies from the portal's form, naming its bank.
    let (st, html) = page(s, Some(&w.acme), "/pledges?lang=en").await;
    assert_eq!(st, 200, "{html}");
    assert!(html.contains("class=\"pledge-apply\""), "the form: {html}");
    let (st, to) = form(
        s,
        &w.acme,
        "/pledges",
        &[
            ("right_kind", "patent"),
            ("right_number", "ZL 2024 1000 0042.7"),
            ("counterparty", "bank"),
            ("secured_amount", "3 000 000"),
        ],
    )
    .await;
    assert_eq!(st, 303, "{to}");
    let id = to.trim_start_matches("/pledges/").to_string();
    let (st, p) = w.acme.get(s, &format!("/api/pledges/{id}")).await;
    assert_eq!(st, 200, "{p}");
    assert_eq!(
        (p["state"].as_str(), p["secured_amount"].as_str()),
        (Some("applied"), Some("3000000.00"))
    );
    // Nothing is public yet.
    let public = public_status(s, "ZL202410000042.7").await;
    assert_eq!(public["pledged"], false);
    let (st, html) = page(
        s,
        None,
        "/pledges/status?right_kind=patent&right_number=ZL202410000042.7&lang=en",
    )
    .await;
    assert_eq!(st, 200);
    assert!(html.contains("Not pledged."), "{html}");

    // The bank's list shows it waiting; the bank countersigns from the portal.
    let (st, html) = page(s, Some(&w.bank), "/pledges?lang=en").await;
    assert_eq!(st, 200);
    assert!(
        html.contains("Waiting for you") && html.contains("ZL202410000042.7"),
        "{html}"
    );
    let (_, html) = page(s, Some(&w.bank), &format!("/pledges/{id}?lang=en")).await;
    assert!(html.contains("class=\"pledge-countersign\""), "{html}");
    assert!(!html.contains("class=\"pledge-register\""));
    // The pledgor cannot countersign its own application, even by sending the form.
    let (st, _) = form(
        s,
        &w.acme,
        &format!("/pledges/{id}"),
        &[("action", "countersign")],
    )
    .await;
    assert_eq!(st, 403);
    let (st, to) = form(
        s,
        &w.bank,
        &format!("/pledges/{id}"),
        &[("action", "countersign")],
    )
    .await;
    assert_eq!((st, to.as_str()), (303, format!("/pledges/{id}").as_str()));

    // The IP office's officer registers it; another agency's officer may not.
    let (st, _) = form(
        s,
        &w.tax,
        &format!("/pledges/{id}"),
        &[("action", "register")],
    )
    .await;
    assert_eq!(st, 403);
    let (_, html) = page(s, Some(&w.officer), &format!("/pledges/{id}?lang=en")).await;
    assert!(
        html.contains("class=\"pledge-register\"") && html.contains("class=\"pledge-refuse\""),
        "{html}"
    );
    let (st, _) = form(
        s,
        &w.officer,
        &format!("/pledges/{id}"),
        &[("action", "register")],
    )
    .await;
    assert_eq!(st, 303);
    let public = public_status(s, "zl202410000042.7").await;
    assert_eq!(public["pledged"], true, "{public}");
    assert_eq!(public["standing"]["pledgee"], "Bank of Beijing");
    assert_eq!(public["standing"]["pledgor"], "acme Ltd");
    assert_eq!(public["standing"]["registered_on"], today().as_str());
    let (_, html) = page(
        s,
        None,
        "/pledges/status?right_kind=patent&right_number=ZL202410000042.7&lang=en",
    )
    .await;
    assert!(
        html.contains(&format!(
            "Pledged to \u{2068}Bank of Beijing\u{2069} since \u{2068}{}\u{2069}.",
            today()
        )),
        "{html}"
    );
    assert!(!html.contains("3000000"), "no amount on the public page");

    // The pledgor's attempt to release is refused (no form shown, the form sent is 403).
    let (_, html) = page(s, Some(&w.acme), &format!("/pledges/{id}?lang=en")).await;
    assert!(!html.contains("class=\"pledge-release\""), "{html}");
    assert!(
        html.contains("Only the pledgee releases this pledge"),
        "{html}"
    );
    let (st, _) = form(
        s,
        &w.acme,
        &format!("/pledges/{id}"),
        &[("action", "release"), ("reason", "I repaid")],
    )
    .await;
    assert_eq!(st, 403);
    // The officer without a court order may not either.
    let (st, _) = form(
        s,
        &w.officer,
        &format!("/pledges/{id}"),
        &[("action", "release")],
    )
    .await;
    assert_eq!(st, 403);
    let (st, _) = form(
        s,
        &w.officer,
        &format!("/pledges/{id}"),
        &[("action", "release_by_order"), ("court_order", " ")],
    )
    .await;
    assert_eq!(st, 422);
    assert_eq!(public_status(s, "ZL202410000042.7").await["pledged"], true);
    // The pledgee releases.
    let (_, html) = page(s, Some(&w.bank), &format!("/pledges/{id}?lang=en")).await;
    assert!(html.contains("class=\"pledge-release\""), "{html}");
    let (st, _) = form(
        s,
        &w.bank,
        &format!("/pledges/{id}"),
        &[("action", "release"), ("reason", "loan repaid")],
    )
    .await;
    assert_eq!(st, 303);
    let public = public_status(s, "ZL202410000042.7").await;
    assert_eq!(public["pledged"], false);
    assert_eq!(public["history"][0]["state"], "released");
    assert_eq!(public["history"][0]["released_on"], today().as_str());
    let (_, html) = page(
        s,
        None,
        "/pledges/status?right_kind=patent&right_number=ZL202410000042.7&lang=zh-CN",
    )
    .await;
    assert!(html.contains("未质押") && html.contains("已注销"), "{html}");

    // Every step is on the log and the pledge's receipts carry them in order.
    let (st, receipts) = w.acme.get(s, &format!("/api/pledges/{id}/receipts")).await;
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
            "pledge.applied",
            "pledge.countersigned",
            "pledge.registered",
            "pledge.released"
        ]
    );
}

#[tokio::test]
async fn the_pledge_pages_answer_each_party_in_six_languages() {
    let w = world().await;
    let s = &w.s;
    let (st, p) = w
        .bank
        .post(
            s,
            "/api/pledges",
            json!({"right_kind": "trademark", "right_number": "TM-2024-77", "pledgor": "acme"}),
        )
        .await;
    assert_eq!(st, 201, "{p}");
    let id = p["id"].as_str().expect("id").to_string();
    for lang in ["zh-CN", "en", "ko", "ru", "es", "ar"] {
        for (who, path) in [
            (&w.acme, "/pledges".to_string()),
            (&w.acme, format!("/pledges/{id}")),
            (&w.bank, "/pledges".to_string()),
            (&w.bank, format!("/pledges/{id}")),
            (&w.officer, "/pledges".to_string()),
            (&w.officer, format!("/pledges/{id}")),
        ] {
            let (st, html) = page(s, Some(who), &format!("{path}?lang={lang}")).await;
            assert_eq!(st, 200, "{lang} {path}: {html}");
            assert!(html.contains("TM-2024-77"), "{lang} {path}");
            // Every text is translated: no Fluent key shows through.
            let text = text_of(&html);
            for key in ["pledge-", "pledges-", "nav-", "agency-"] {
                assert!(!text.contains(key), "{lang} {path}: a key shows: {text}");
            }
        }
        let (st, html) = page(
            s,
            None,
            &format!("/pledges/status?right_kind=trademark&right_number=TM-2024-77&lang={lang}"),
        )
        .await;
        assert_eq!(st, 200);
        assert!(!text_of(&html).contains("pledge-"), "{lang}: {html}");
        if lang == "ar" {
            assert!(html.contains("dir=\"rtl\""));
        }
    }
    // The pledgor is asked to countersign the bank's application.
    let (_, html) = page(s, Some(&w.acme), &format!("/pledges/{id}?lang=en")).await;
    assert!(html.contains("class=\"pledge-countersign\""), "{html}");
    // Strangers and other agencies: 403; no such pledge: 404; signed out: sign in.
    for (who, path, status) in [
        (&w.rival, format!("/pledges/{id}"), 403),
        (&w.tax, format!("/pledges/{id}"), 403),
        (&w.rival, "/pledges/not-a-pledge".to_string(), 404),
    ] {
        let (st, _) = page(s, Some(who), &path).await;
        assert_eq!(st, status, "{path}");
    }
    let (_, list) = page(s, Some(&w.rival), "/pledges?lang=en").await;
    assert!(!list.contains("TM-2024-77"));
    let (st, _) = page(s, None, &format!("/pledges/{id}")).await;
    assert!((300..400).contains(&st), "{st}");
    let (st, _) = page(s, None, "/pledges").await;
    assert!((300..400).contains(&st), "{st}");
    // A form without the CSRF token does nothing.
    let r = reqwest::Client::new()
        .post(s.url(&format!("/pledges/{id}")))
        .header(
            "cookie",
            format!("session={}", w.acme.token.clone().unwrap_or_default()),
        )
        .form(&[("action", "countersign")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403);
    let (_, p) = w.acme.get(s, &format!("/api/pledges/{id}")).await;
    assert_eq!(p["state"], "applied");
    // The portal's application form keeps what was typed and names the problem.
    let (st, html) = form(
        s,
        &w.acme,
        "/pledges",
        &[
            ("right_kind", "patent"),
            ("right_number", "ZL9"),
            ("counterparty", "nobody"),
        ],
    )
    .await;
    assert_eq!(st, 422, "{html}");
    assert!(
        html.contains("no financial institution has the username `nobody`")
            && html.contains("value=\"ZL9\""),
        "{html}"
    );
    // The public page names a malformed number.
    let (st, html) = page(
        s,
        None,
        "/pledges/status?right_kind=patent&right_number=%3Cscript%3E&lang=en",
    )
    .await;
    assert_eq!(st, 422);
    assert!(!html.contains("<script>"), "{html}");
}

#[tokio::test]
async fn malformed_pledge_requests_are_4xx_never_5xx() {
    let w = world().await;
    let s = &w.s;
    let (_, p) = w
        .acme
        .post(
            s,
            "/api/pledges",
            json!({"right_kind": "patent", "right_number": "ZL7", "pledgee": "bank"}),
        )
        .await;
    let id = p["id"].as_str().expect("id").to_string();
    let cases: Vec<(&Client, &str, String, J)> = vec![
        (&w.acme, "post", "/api/pledges".into(), json!([])),
        (
            &w.acme,
            "post",
            "/api/pledges".into(),
            json!({"right_kind": "patent"}),
        ),
        (
            &w.acme,
            "post",
            "/api/pledges".into(),
            json!({"right_kind": "patent", "right_number": "ZL\u{0}1", "pledgee": "bank"}),
        ),
        (
            &w.acme,
            "post",
            "/api/pledges".into(),
            json!({"right_kind": "patent", "right_number": "ZL1", "pledgee": 7}),
        ),
        (
            &w.acme,
            "post",
            "/api/pledges".into(),
            json!({"right_kind": "patent", "right_number": "ZL1", "pledgee": "bank", "secured_amount": -5}),
        ),
        (
            &w.acme,
            "post",
            "/api/pledges".into(),
            json!({"right_kind": "patent", "right_number": "ZL1", "pledgee": "bank", "secured_amount": 1.5}),
        ),
        (
            &w.bank,
            "post",
            "/api/pledges".into(),
            json!({"right_kind": "patent", "right_number": "ZL1"}),
        ),
        (
            &w.officer,
            "post",
            "/api/pledges".into(),
            json!({"right_kind": "patent", "right_number": "ZL1", "pledgee": "bank"}),
        ),
        (
            &w.bank,
            "post",
            format!("/api/pledges/{id}/release"),
            json!({"court_order": 5}),
        ),
        (
            &w.bank,
            "post",
            format!("/api/pledges/{id}/release"),
            json!({}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/pledges/{id}/refusal"),
            json!({"reason": "x"}),
        ),
        (
            &w.officer,
            "post",
            format!("/api/pledges/{id}/registration"),
            json!({}),
        ),
        (
            &w.bank,
            "post",
            "/api/pledges/%00/countersignature".into(),
            json!({}),
        ),
        (
            &w.bank,
            "get",
            "/api/pledges/01234567-89ab-cdef-0123-456789abcdef".into(),
            J::Null,
        ),
        (
            &w.acme,
            "get",
            "/api/pledges/status?right_kind=patent".into(),
            J::Null,
        ),
        (
            &w.acme,
            "get",
            "/api/pledges/status?right_kind=copyright&right_number=1".into(),
            J::Null,
        ),
        (
            &w.acme,
            "get",
            "/api/pledges/status?right_kind=patent&right_number=%00".into(),
            J::Null,
        ),
    ];
    for (who, method, path, body) in cases {
        let (st, e) = if method == "get" {
            who.get(s, &path).await
        } else {
            who.post(s, &path, body.clone()).await
        };
        assert!((400..500).contains(&st), "{method} {path} {body}: {st} {e}");
        assert!(e["error"].is_string(), "{path}: the error shape: {e}");
    }
    // Signed out: 401 on everything but the public status.
    for path in [
        "/api/pledges".to_string(),
        format!("/api/pledges/{id}"),
        format!("/api/pledges/{id}/receipts"),
    ] {
        assert_eq!(Client::anonymous().get(s, &path).await.0, 401, "{path}");
    }
    let (st, e) = Client::anonymous()
        .post(s, &format!("/api/pledges/{id}/countersignature"), json!({}))
        .await;
    assert_eq!(st, 401, "{e}");
    // Described in the OpenAPI document, every one.
    let (_, doc) = Client::anonymous().get(s, "/openapi.json").await;
    for path in [
        "/api/pledges",
        "/api/pledges/status",
        "/api/pledges/{id}",
        "/api/pledges/{id}/countersignature",
        "/api/pledges/{id}/registration",
        "/api/pledges/{id}/refusal",
        "/api/pledges/{id}/release",
        "/api/pledges/{id}/receipts",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is described");
    }
}

#[tokio::test]
async fn two_registrations_of_one_right_at_once_leave_one_standing() {
    let w = world().await;
    let s = &w.s;
    let mut ids = Vec::new();
    for who in [&w.acme, &w.rival] {
        let (st, p) = who
            .post(
                s,
                "/api/pledges",
                json!({"right_kind": "patent", "right_number": "ZL555", "pledgee": "bank"}),
            )
            .await;
        assert_eq!(st, 201, "{p}");
        let id = p["id"].as_str().expect("id").to_string();
        let (st, _) = w
            .bank
            .post(s, &format!("/api/pledges/{id}/countersignature"), json!({}))
            .await;
        assert_eq!(st, 200);
        ids.push(id);
    }
    let paths: Vec<String> = ids
        .iter()
        .map(|id| format!("/api/pledges/{id}/registration"))
        .collect();
    let (a, b) = tokio::join!(
        w.officer.post(s, &paths[0], json!({})),
        w.officer.post(s, &paths[1], json!({}))
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{a:?} {b:?}");
    // One countersignature at once twice: one counts.
    let (st, p) = w
        .acme
        .post(
            s,
            "/api/pledges",
            json!({"right_kind": "patent", "right_number": "ZL556", "pledgee": "bank"}),
        )
        .await;
    assert_eq!(st, 201);
    let path = format!(
        "/api/pledges/{}/countersignature",
        p["id"].as_str().expect("id")
    );
    let (a, b) = tokio::join!(
        w.bank.post(s, &path, json!({})),
        w.bank.post(s, &path, json!({}))
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409], "{a:?} {b:?}");
    let public = public_status(s, "ZL555").await;
    assert_eq!(
        public["history"].as_array().map(Vec::len),
        Some(1),
        "{public}"
    );
}
