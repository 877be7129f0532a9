//! Issue 17 through the router: doubt carried to the API (`confidence`) and the portal
//! (a visible mark; a placeholder-based amount shown as not yet available), and every
//! citation link the portal shows reaching an anchor that exists on its source page.

use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use serde_json::{Value as J, json};
use std::collections::BTreeSet;

mod support;
use support::{App, app};

impl App {
    async fn get(&self, uri: &str) -> (StatusCode, String) {
        let r = self
            .send(Request::get(uri).body(Body::empty()).expect("a request"))
            .await;
        (r.status(), text(r).await)
    }

    async fn post_form(&self, uri: &str, form: &[(String, String)]) -> (StatusCode, String) {
        let body = serde_urlencoded::to_string(form).expect("a form");
        let r = self
            .send(
                Request::post(uri)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .body(Body::from(body))
                    .expect("a request"),
            )
            .await;
        (r.status(), text(r).await)
    }
}

async fn text(r: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(r.into_body(), 16 * 1024 * 1024)
        .await
        .expect("a readable body");
    String::from_utf8_lossy(&bytes).into_owned()
}

/// A first loan of 5 million yuan to a start-up with good credit at a pilot bank.
fn crc_facts() -> J {
    json!({
        "crc_is_technology_enterprise": true,
        "crc_bank_in_pilot": true,
        "crc_credit_status": "crc_credit_good",
        "crc_development_stage": "crc_stage_startup",
        "crc_is_first_loan": true,
        "crc_loan_amount": "5000000",
        "crc_interest_paid": "200000"
    })
}

#[tokio::test]
async fn the_api_says_how_far_each_output_can_be_relied_on() {
    let app = app().await;
    let body = json!({"entity": "enterprise", "date": "2021-03-01", "facts": crc_facts(),
        "measures": ["enterprise.credit-risk-compensation", "enterprise.commitment-approval"]});
    let r = app
        .send(
            Request::post("/api/eligibility")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .expect("a request"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let j: J = serde_json::from_str(&text(r).await).expect("JSON");
    let crc = j["measures"]
        .as_array()
        .and_then(|ms| {
            ms.iter()
                .find(|m| m["measure"] == "enterprise.credit-risk-compensation")
        })
        .expect("the measure");
    assert_eq!(crc["status"], "eligible");
    let c = &crc["confidence"];
    assert_eq!(c["eligibility"], "settled", "{c}");
    assert_eq!(c["outputs"]["crc_max_compensation"], "placeholder", "{c}");
    assert_eq!(c["outputs"]["crc_interest_discount"], "placeholder", "{c}");
    let startup = c["doubts"]
        .as_array()
        .and_then(|d| {
            d.iter()
                .find(|d| d["name"] == "crc_compensation_rate_startup")
        })
        .expect("the start-up rate is listed");
    assert_eq!(startup["kind"], "placeholder");
    assert!(
        startup["reason"]["en"]
            .as_str()
            .unwrap_or("")
            .contains("sets no figure"),
        "{startup}"
    );
    assert!(
        startup["affects"]
            .as_array()
            .is_some_and(|a| a.contains(&json!("crc_max_compensation"))),
        "{startup}"
    );
    // Sources carry the link to their section.
    assert_eq!(crc["sources"][0]["source"], "001_0cbca1dd9c1e8cc0.txt §26");
    assert_eq!(
        crc["sources"][0]["url"],
        "/sources/001_0cbca1dd9c1e8cc0#s-26"
    );

    let r = app
        .send(
            Request::post("/api/eligibility")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(
                    json!({"entity": "enterprise", "date": "2021-03-01", "facts": {}, "measures": ["enterprise.commitment-approval"]}).to_string(),
                ))
                .expect("a request"),
        )
        .await;
    let j: J = serde_json::from_str(&text(r).await).expect("JSON");
    let c = &j["measures"][0]["confidence"];
    assert_eq!(
        c["outputs"]["commitment_approval_decision_working_days"], "uncertain",
        "{c}"
    );
}

#[tokio::test]
async fn the_portal_marks_doubt_and_never_shows_a_placeholder_amount() {
    let app = app().await;
    let mut form: Vec<(String, String)> = crc_facts()
        .as_object()
        .expect("facts")
        .iter()
        .map(|(k, v)| (format!("f:{k}"), v.to_string()))
        .collect();
    form.push(("finish".into(), "1".into()));
    let (status, page) = app.post_form("/interview/enterprise?lang=en", &form).await;
    assert_eq!(status, StatusCode::OK);
    let start = page
        .find("Credit risk compensation")
        .expect("the measure is on the results page");
    let item = &page[start..];
    let item = &item[..item.find("<li class=\"status-").unwrap_or(item.len())];
    assert!(item.contains("Not yet available"), "{item}");
    assert!(item.contains("placeholder figure"), "{item}");
    assert!(item.contains(r#"class="confidence-placeholder""#), "{item}");
    // Neither the table nor the explanation shows the amount the stand-in rates give.
    for amount in ["3 000 000.00", "3000000", "100 000.00"] {
        assert!(!page.contains(amount), "{amount} shown on the page");
    }
    // The measure's source links to its section.
    assert!(
        item.contains(r#"href="/sources/001_0cbca1dd9c1e8cc0#s-26""#),
        "{item}"
    );
    // Chinese too.
    let (_, page) = app
        .post_form("/interview/enterprise?lang=zh-CN", &form)
        .await;
    assert!(page.contains("暂无"), "no mark in Chinese");
    assert!(!page.contains("3 000 000.00"));

    // An uncertain figure is shown with its mark.
    let form = vec![
        (
            "f:construction_project_low_risk".to_string(),
            "true".to_string(),
        ),
        (
            "f:construction_project_in_beijing".to_string(),
            "true".to_string(),
        ),
        ("f:commitment_signed".to_string(), "true".to_string()),
        (
            "f:commitment_excluded_by_credit".to_string(),
            "false".to_string(),
        ),
        ("finish".to_string(), "1".to_string()),
    ];
    let (_, page) = app.post_form("/interview/enterprise?lang=en", &form).await;
    assert!(
        page.contains(r#"class="confidence-uncertain""#),
        "no uncertain output marked"
    );
    assert!(page.contains("doubt-mark"), "no visible mark");
}

/// Every `/sources/...#anchor` link in the HTML (attribute escapes decoded).
fn source_links(html: &str) -> BTreeSet<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .map(|h| h.replace("&#x2f;", "/").replace("&amp;", "&"))
        .filter(|h| h.starts_with("/sources/"))
        .collect()
}

#[tokio::test]
async fn every_citation_link_in_the_portal_reaches_an_anchor_that_exists() {
    let app = app().await;
    let mut pages = vec![
        "/sources".to_string(),
        "/search?q=indirect+expenses".to_string(),
        "/search?q=work+permit".to_string(),
    ];
    for m in &onestop_catalog::embedded().measures {
        pages.push(format!("/measures/{}", m.id));
    }
    let mut links = BTreeSet::new();
    for p in &pages {
        let (status, html) = app.get(p).await;
        assert_eq!(status, StatusCode::OK, "{p}");
        links.extend(source_links(&html));
    }
    // The service pages cite their documents as links, in every language (the
    // translated introductions carry no citation text of their own).
    for (page, expected) in [
        ("/scenarios", "/sources/001_0cbca1dd9c1e8cc0#s-25"),
        ("/instruments", "/sources/000_abb21015abc8a560#s-8"),
        ("/analyst/statistics", "/sources/001_0cbca1dd9c1e8cc0#s-3"),
    ] {
        for lang in ["en", "zh-CN", "ar"] {
            let (status, html) = app.get(&format!("{page}?lang={lang}")).await;
            assert_eq!(status, StatusCode::OK, "{page} in {lang}");
            let found = source_links(&html);
            assert!(found.contains(expected), "{page} in {lang}: {found:?}");
            assert!(
                !html.contains("001 §"),
                "{page} in {lang}: a citation as plain text"
            );
            links.extend(found);
        }
    }
    // Results pages of the three interviews (with the explanation's citations).
    for (audience, facts) in [
        ("enterprise", crc_facts()),
        ("foreign-professional", json!({})),
        ("project", json!({})),
    ] {
        let mut form: Vec<(String, String)> = facts
            .as_object()
            .expect("facts")
            .iter()
            .map(|(k, v)| (format!("f:{k}"), v.to_string()))
            .collect();
        form.push(("finish".into(), "1".into()));
        let (status, html) = app
            .post_form(&format!("/interview/{audience}"), &form)
            .await;
        assert_eq!(status, StatusCode::OK, "{audience}");
        links.extend(source_links(&html));
    }
    // Every citation the rules hold is linked to an anchor (no silent fall-back to the top).
    let p = &app.engine.program;
    let mut cited: Vec<&str> = Vec::new();
    cited.extend(
        p.measures
            .iter()
            .flat_map(|m| m.cites.iter().map(|c| c.text.as_str())),
    );
    cited.extend(
        p.defs
            .iter()
            .flat_map(|d| d.cites.iter().map(|c| c.text.as_str())),
    );
    cited.extend(p.defs.iter().flat_map(|d| {
        d.exceptions
            .iter()
            .filter_map(|e| e.cite.as_ref().map(|c| c.text.as_str()))
    }));
    cited.extend(
        p.params
            .iter()
            .flat_map(|x| x.values.iter().map(|v| v.cite.text.as_str())),
    );
    for c in cited {
        if let Some(r) = onestop_lang::cite::seed_ref(c)
            && r.section.is_some()
        {
            let url = onestop_web::portal::seeds::cite_url(c).expect("a seed citation links");
            assert!(url.contains('#'), "{c} has no section on its page");
            links.insert(url);
        }
    }
    assert!(
        links.len() > 40,
        "only {} links found: {links:?}",
        links.len()
    );
    let mut pages_seen = std::collections::BTreeMap::new();
    for link in &links {
        let (path, anchor) = link.split_once('#').unwrap_or((link, ""));
        if !pages_seen.contains_key(path) {
            let (status, html) = app.get(path).await;
            assert_eq!(status, StatusCode::OK, "{path}");
            pages_seen.insert(path.to_string(), html);
        }
        if !anchor.is_empty() {
            let html = &pages_seen[path];
            assert!(
                html.contains(&format!(r#"id="{anchor}""#)),
                "{link}: no element with id {anchor}"
            );
        }
    }
    let (status, _) = app.get("/sources/999_nothing").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_finds_the_source_paragraph() {
    let app = app().await;
    let (status, html) = app.get("/search?q=indirect+expenses&lang=en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("In the source documents"), "no source hits");
    assert!(
        source_links(&html).contains("/sources/001_0cbca1dd9c1e8cc0#s-17"),
        "001 §17 (indirect expenses) not found: {}",
        &html[html.find("In the source documents").unwrap_or(0)..]
    );
}
