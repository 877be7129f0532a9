//! S&T enterprise credit through the served API and portal (`onestop serve`; SQLite,
//! or PostgreSQL when ONESTOP_TEST_PG_ADMIN is set; issue 16 item 4, 001 §26): the
//! evaluation is computed from what onestop records (a project milestone overdue, an
//! IP pledge released change it), a financial institution without the enterprise's
//! consent gets 403 with a message, with consent it sees the evaluation and its
//! explanation, and a revocation or an expiry takes effect at once. Every party's
//! pages answer in six languages; bad requests are 4xx, never 5xx.

mod support;

use chrono::{Days, NaiveDate};
use serde_json::{Value as J, json};
use support::{Client, Server, form, fresh, page, repo, text_of, today};

struct World {
    s: Server,
    acme: Client,
    rival: Client,
    leader: Client,
    bank: Client,
    bank2: Client,
    commission: Client,
    tax: Client,
    ip: Client,
}

async fn world(db: &str, dir: &std::path::Path) -> World {
    let s = Server::start(db, dir);
    let acme = Client::register(&s, "acme", "enterprise").await;
    let rival = Client::register(&s, "rival", "enterprise").await;
    let leader = Client::register(&s, "prof-li", "person").await;
    s.institution("bank", "Bank of Beijing");
    s.institution("bank2", "Second Bank");
    s.officer("kw-officer", "sci-tech");
    s.officer("tax-officer", "tax");
    s.officer("ip-officer", "ip-office");
    let bank = Client::login(&s, "bank").await;
    let bank2 = Client::login(&s, "bank2").await;
    let commission = Client::login(&s, "kw-officer").await;
    let tax = Client::login(&s, "tax-officer").await;
    let ip = Client::login(&s, "ip-officer").await;
    World {
        s,
        acme,
        rival,
        leader,
        bank,
        bank2,
        commission,
        tax,
        ip,
    }
}

/// The evaluation of `acme` as `who` asks it through the API.
async fn evaluation(s: &Server, who: &Client) -> (u16, J) {
    who.get(s, "/api/credit/evaluations/acme?lang=en").await
}

/// Grade and score of an evaluation answer.
fn grade(v: &J) -> (String, i64) {
    let out = &v["evaluation"]["measures"][0]["outputs"];
    (
        out["cre_credit_grade"].as_str().unwrap_or("?").to_string(),
        out["cre_credit_score"].as_i64().unwrap_or(-1),
    )
}

#[tokio::test]
async fn an_institution_sees_the_evaluation_only_with_the_enterprise_s_live_consent() {
    let (db, dir) = fresh().await;
    let w = world(&db, &dir).await;
    let s = &w.s;

    // The enterprise sees its own evaluation from its (empty) record: fair, 60.
    let (st, v) = evaluation(s, &w.acme).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(v["evaluation"]["measures"][0]["status"], "eligible", "{v}");
    assert_eq!(grade(&v), ("crc_credit_fair".to_string(), 60));
    assert_eq!(v["counts"]["milestones_overdue"], 0);
    let explanation = v["explanation"].as_str().unwrap_or_default();
    assert!(
        explanation.contains("enterprise.credit-evaluation")
            && explanation.contains("001_0cbca1dd9c1e8cc0.txt §26"),
        "{explanation}"
    );
    // The scoring is marked uncertain, never hidden.
    assert_eq!(
        v["evaluation"]["measures"][0]["confidence"]["outputs"]["cre_credit_grade"], "uncertain",
        "{v}"
    );

    // No consent: every institution is refused with a message; so are other parties.
    let (st, e) = evaluation(s, &w.bank).await;
    assert_eq!(st, 403, "{e}");
    let msg = e["error"].as_str().unwrap_or_default();
    assert!(msg.contains("no consent") && msg.contains("acme"), "{msg}");
    for who in [&w.rival, &w.tax, &w.leader, &w.ip] {
        let (st, e) = evaluation(s, who).await;
        assert_eq!(st, 403, "{e}");
    }
    let (st, _) = evaluation(s, &Client::anonymous()).await;
    assert_eq!(st, 401);
    // The commission sees every evaluation.
    let (st, v) = evaluation(s, &w.commission).await;
    assert_eq!(st, 200, "{v}");
    // The institution's portal page says why, with 403.
    let (st, html) = page(s, Some(&w.bank), "/credit/enterprises/acme?lang=en").await;
    assert_eq!(st, 403, "{html}");
    assert!(
        html.contains("class=\"credit-no-consent\"") && html.contains("has not consented"),
        "{html}"
    );
    assert!(!html.contains("class=\"explanation\""), "{html}");

    // A record changes the evaluation: a project acme undertakes has a milestone past due.
    let facts: J = serde_json::from_str(
        &std::fs::read_to_string(repo().join("data/samples/project.json")).expect("sample"),
    )
    .expect("json");
    let (st, p) = w
        .leader
        .post(
            s,
            "/api/projects",
            json!({"title": "Credit test project", "unit": "acme", "facts": facts["facts"],
                   "milestones": [{"name": "Mid-term", "due_on": "2025-06-30"}, {"name": "Final", "due_on": "2027-06-30"}]}),
        )
        .await;
    assert_eq!(st, 201, "{p}");
    let (_, v) = evaluation(s, &w.acme).await;
    assert_eq!(v["counts"]["milestones_overdue"], 1, "{v}");
    assert_eq!(grade(&v), ("crc_credit_poor".to_string(), 45));

    // Another: an IP pledge of acme's patent, registered, then released by the bank.
    let (st, pl) = w
        .bank
        .post(
            s,
            "/api/pledges",
            json!({"right_kind": "patent", "right_number": "ZL202410000077.1", "pledgor": "acme", "secured_amount": "1000000"}),
        )
        .await;
    assert_eq!(st, 201, "{pl}");
    let id = pl["id"].as_str().expect("id").to_string();
    let (st, r) = w
        .acme
        .post(s, &format!("/api/pledges/{id}/countersignature"), json!({}))
        .await;
    assert_eq!(st, 200, "{r}");
    let (st, r) =
        w.ip.post(s, &format!("/api/pledges/{id}/registration"), json!({}))
            .await;
    assert_eq!(st, 200, "{r}");
    let (_, v) = evaluation(s, &w.acme).await;
    assert_eq!(v["counts"]["pledges_registered"], 1, "{v}");
    let (st, r) = w
        .bank
        .post(
            s,
            &format!("/api/pledges/{id}/release"),
            json!({"reason": "repaid"}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    let (_, v) = evaluation(s, &w.acme).await;
    assert_eq!(
        (
            v["counts"]["pledges_registered"].as_i64(),
            v["counts"]["pledges_released"].as_i64()
        ),
        (Some(0), Some(1)),
        "{v}"
    );
    assert_eq!(grade(&v), ("crc_credit_poor".to_string(), 47));

    // acme consents to the bank from the portal's form; the bank now sees the
    // evaluation with its explanation, the other bank still does not.
    let (st, html) = page(s, Some(&w.acme), "/credit?lang=en").await;
    assert_eq!(st, 200, "{html}");
    assert!(
        html.contains("class=\"credit-give\"") && html.contains("class=\"explanation\""),
        "{html}"
    );
    let (st, to) = form(
        s,
        &w.acme,
        "/credit",
        &[("action", "give"), ("institution", "bank")],
    )
    .await;
    assert_eq!((st, to.as_str()), (303, "/credit"), "{to}");
    let (st, v) = evaluation(s, &w.bank).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(grade(&v), ("crc_credit_poor".to_string(), 47));
    assert!(
        v["explanation"]
            .as_str()
            .unwrap_or_default()
            .contains("enterprise.credit-evaluation"),
        "{v}"
    );
    let (st, e) = evaluation(s, &w.bank2).await;
    assert_eq!(st, 403, "{e}");
    let (st, html) = page(s, Some(&w.bank), "/credit/enterprises/acme?lang=en").await;
    assert_eq!(st, 200, "{html}");
    assert!(
        html.contains("class=\"explanation\"") && html.contains("Poor") && html.contains("47"),
        "{html}"
    );
    // The citation in the explanation links to its section.
    assert!(
        html.contains("/sources/001_0cbca1dd9c1e8cc0#s-26"),
        "{html}"
    );
    let (st, given) = w.bank.get(s, "/api/credit/consents/given").await;
    assert_eq!(st, 200, "{given}");
    assert_eq!(given[0]["enterprise"], "acme");
    assert_eq!(given[0]["live"], true);
    assert_eq!(given[0]["granted_on"], today().as_str());

    // Bad consents: 4xx with the field named, never 5xx.
    for (body, status, field) in [
        (json!({"institution": "rival"}), 404, ""),
        (json!({"institution": "nobody"}), 404, ""),
        (
            json!({"institution": "bank2", "expires_on": "tomorrow"}),
            422,
            "expires_on",
        ),
        (
            json!({"institution": "bank2", "expires_on": "2000-01-01"}),
            422,
            "expires_on",
        ),
        (json!({"institution": "bank"}), 409, ""),
        (json!({"expires_on": "2030-01-01"}), 422, ""),
        (json!([]), 422, ""),
    ] {
        let (st, e) = w.acme.post(s, "/api/credit/consents", body.clone()).await;
        assert_eq!(st, status, "{body}: {e}");
        if !field.is_empty() {
            assert_eq!(e["field"], field, "{body}: {e}");
        }
    }
    // Only the enterprise gives and lists consents; only institutions list theirs.
    for who in [&w.bank, &w.commission, &w.leader] {
        let (st, _) = who
            .post(s, "/api/credit/consents", json!({"institution": "bank"}))
            .await;
        assert_eq!(st, 403);
        let (st, _) = who.get(s, "/api/credit/consents").await;
        assert_eq!(st, 403);
    }
    let (st, _) = w.acme.get(s, "/api/credit/consents/given").await;
    assert_eq!(st, 403);
    let (st, _) = w.acme.get(s, "/api/credit/evaluations/prof-li").await;
    assert_eq!(st, 404, "a person has no credit evaluation");
    let (st, _) = w.acme.get(s, "/api/credit/evaluations/acme?lang=xx").await;
    assert_eq!(st, 422);

    // Revocation takes effect at once; the history keeps the consent.
    let (_, list) = w.acme.get(s, "/api/credit/consents").await;
    let cid = list[0]["id"].as_str().expect("consent id").to_string();
    let (st, r) = w
        .rival
        .post(
            s,
            &format!("/api/credit/consents/{cid}/revocation"),
            json!({}),
        )
        .await;
    assert!(
        st == 404 || st == 403,
        "another enterprise revokes nothing: {st} {r}"
    );
    let (st, r) = w
        .acme
        .post(
            s,
            &format!("/api/credit/consents/{cid}/revocation"),
            json!({}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(
        (r["live"].as_bool(), r["revoked_on"].as_str()),
        (Some(false), Some(today().as_str()))
    );
    let (st, e) = evaluation(s, &w.bank).await;
    assert_eq!(st, 403, "{e}");
    let (st, _) = page(s, Some(&w.bank), "/credit/enterprises/acme?lang=en").await;
    assert_eq!(st, 403);
    let (st, _) = w
        .acme
        .post(
            s,
            &format!("/api/credit/consents/{cid}/revocation"),
            json!({}),
        )
        .await;
    assert_eq!(st, 409, "revoked twice");
    let (st, _) = w
        .acme
        .post(s, "/api/credit/consents/not-an-id/revocation", json!({}))
        .await;
    assert_eq!(st, 404);
    let (_, list) = w.acme.get(s, "/api/credit/consents").await;
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    // Consent again, from the portal this time, revoked from the portal too.
    let (st, _) = form(
        s,
        &w.acme,
        "/credit",
        &[("action", "give"), ("institution", "bank")],
    )
    .await;
    assert_eq!(st, 303);
    assert_eq!(evaluation(s, &w.bank).await.0, 200);
    let (_, list) = w.acme.get(s, "/api/credit/consents").await;
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(2),
        "history kept: {list}"
    );
    let cid = list[0]["id"].as_str().expect("id").to_string();
    let (st, _) = form(
        s,
        &w.acme,
        "/credit",
        &[("action", "revoke"), ("id", cid.as_str())],
    )
    .await;
    assert_eq!(st, 303);
    assert_eq!(evaluation(s, &w.bank).await.0, 403);

    // A consent with a last day holds through that day and not after.
    let (st, c) = w
        .acme
        .post(
            s,
            "/api/credit/consents",
            json!({"institution": "bank2", "expires_on": today()}),
        )
        .await;
    assert_eq!(st, 201, "{c}");
    assert_eq!(evaluation(s, &w.bank2).await.0, 200);
    let tomorrow = NaiveDate::parse_from_str(&today(), "%Y-%m-%d")
        .expect("date")
        .checked_add_days(Days::new(1))
        .expect("tomorrow")
        .to_string();
    let World {
        s: first,
        acme,
        bank2,
        ..
    } = w;
    drop(first);
    let s = Server::start_on(&db, &dir, &tomorrow);
    let (st, e) = evaluation(&s, &bank2).await;
    assert_eq!(st, 403, "expired: {e}");
    let (_, list) = acme.get(&s, "/api/credit/consents").await;
    assert_eq!(list[0]["live"], false, "{list}");
}

#[tokio::test]
async fn the_credit_pages_answer_every_party_in_six_languages() {
    let (db, dir) = fresh().await;
    let w = world(&db, &dir).await;
    let s = &w.s;
    let (st, c) = w
        .acme
        .post(s, "/api/credit/consents", json!({"institution": "bank"}))
        .await;
    assert_eq!(st, 201, "{c}");
    for lang in ["zh-CN", "en", "ko", "ru", "es", "ar"] {
        for (who, path, status) in [
            (&w.acme, "/credit", 200),
            (&w.bank, "/credit", 200),
            (&w.bank, "/credit/enterprises/acme", 200),
            (&w.bank2, "/credit/enterprises/acme", 403),
            (&w.commission, "/credit", 200),
            (&w.commission, "/credit/enterprises/acme", 200),
            (&w.rival, "/credit/enterprises/acme", 403),
            (&w.tax, "/credit", 403),
        ] {
            let (st, html) = page(s, Some(who), &format!("{path}?lang={lang}")).await;
            assert_eq!(st, status, "{lang} {path}: {html}");
            let text = text_of(&html);
            // (The rule's id `enterprise.credit-evaluation` is text; the keys are not.)
            for key in [
                "credit-heading",
                "credit-intro",
                "credit-grade",
                "credit-score",
                "credit-count-",
                "credit-consent",
                "credit-no-",
                "credit-lookup",
                "credit-institution",
                "credit-explanation",
                "nav-",
                "error-",
            ] {
                assert!(!text.contains(key), "{lang} {path}: a key shows: {text}");
            }
            if path == "/credit" && status == 200 {
                // The measure's source, a link to its section (not plain text).
                assert!(
                    html.contains("/sources/001_0cbca1dd9c1e8cc0#s-26"),
                    "{lang} /credit: no link to 001 §26"
                );
            }
            if lang == "ar" {
                assert!(html.contains("dir=\"rtl\""));
            }
        }
        // The institution's list links the enterprise that consented to it.
        let (_, html) = page(s, Some(&w.bank), &format!("/credit?lang={lang}")).await;
        assert!(
            html.contains("href=\"/credit/enterprises/acme\""),
            "{lang}: {html}"
        );
        // The explanation is in the page's language (not the English of the API).
        let (_, html) = page(s, Some(&w.acme), &format!("/credit?lang={lang}")).await;
        assert!(html.contains("class=\"explanation\""), "{lang}");
    }
    // The look-up form leads to the enterprise's page.
    let (st, to) = page(s, Some(&w.bank), "/credit/lookup?username=acme").await;
    assert!((300..400).contains(&st), "{st} {to}");
    // Signed out: sign in first.
    let (st, _) = page(s, None, "/credit").await;
    assert!((300..400).contains(&st), "{st}");
    let (st, _) = page(s, None, "/credit/enterprises/acme").await;
    assert!((300..400).contains(&st), "{st}");
    // A form without the CSRF token does nothing.
    let r = reqwest::Client::new()
        .post(s.url("/credit"))
        .header(
            "cookie",
            format!("session={}", w.acme.token.clone().unwrap_or_default()),
        )
        .form(&[("action", "give"), ("institution", "bank2")])
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403);
    assert_eq!(evaluation(s, &w.bank2).await.0, 403);
    // The form keeps what was typed and names the problem.
    let (st, html) = form(
        s,
        &w.acme,
        "/credit",
        &[("action", "give"), ("institution", "nobody")],
    )
    .await;
    assert_eq!(st, 422, "{html}");
    assert!(
        html.contains("nobody") && html.contains("role=\"alert\""),
        "{html}"
    );
    // The OpenAPI document describes the credit API.
    let (st, doc) = Client::anonymous().get(s, "/openapi.json").await;
    assert_eq!(st, 200);
    for path in [
        "/api/credit/evaluations/{username}",
        "/api/credit/consents",
        "/api/credit/consents/{id}/revocation",
        "/api/credit/consents/given",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} not documented");
    }
}
