//! The router in-process: `tower::ServiceExt::oneshot` against a fresh SQLite
//! database, no server, no batch engine. Each test checks one promise of SECURITY.md
//! or the API's contract.

use axum::body::Body;
use axum::http::{Method, Request, Response, StatusCode, header};
use onestop_store::Role;
use serde_json::{Value as J, json};

mod support;
use support::{App, app};

impl App {
    async fn get(&self, uri: &str) -> Response<Body> {
        self.send(Request::get(uri).body(Body::empty()).expect("a request"))
            .await
    }

    async fn post_json(&self, uri: &str, body: &J) -> Response<Body> {
        self.send(
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .expect("a request"),
        )
        .await
    }

    async fn applicant(&self, username: &str) {
        self.cases
            .create_account(
                username,
                "correct-horse",
                Role::Applicant,
                None,
                Some("enterprise"),
                username,
            )
            .await
            .expect("an applicant account");
    }
}

async fn text(r: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(r.into_body(), 16 * 1024 * 1024)
        .await
        .expect("a readable body");
    String::from_utf8_lossy(&bytes).into_owned()
}

async fn json_body(r: Response<Body>) -> J {
    serde_json::from_str(&text(r).await).expect("a JSON body")
}

fn location(r: &Response<Body>) -> &str {
    r.headers()
        .get(header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
}

#[tokio::test]
async fn healthz_says_ok_and_how_long_the_calendar_lasts() {
    let app = app().await;
    let r = app.get("/healthz").await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = json_body(r).await;
    assert_eq!(body["status"], "ok");
    assert!(body["days_left"].is_i64(), "{body}");
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = app().await;
    let answers = vec![
        app.get("/").await,
        app.get("/measures?lang=ar").await,
        app.get("/api/measures").await,
        app.get("/openapi.json").await,
        app.get("/no/such/page").await,
        app.get("/api/me").await,
        app.post_json("/api/eligibility", &json!({"entity": 1}))
            .await,
    ];
    for r in answers {
        let h = r.headers();
        let csp = h
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            csp.contains("frame-ancestors 'none'"),
            "{} {csp}",
            r.status()
        );
        assert_eq!(h[header::X_FRAME_OPTIONS], "DENY");
        assert_eq!(h[header::X_CONTENT_TYPE_OPTIONS], "nosniff");
        assert_eq!(h[header::REFERRER_POLICY], "same-origin");
    }
}

#[tokio::test]
async fn a_cross_site_form_post_is_refused() {
    let app = app().await;
    app.applicant("csrf-target").await;
    // No token at all.
    let r = app
        .send(
            Request::post("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ORIGIN, "https://evil.example")
                .body(Body::from("username=csrf-target&password=correct-horse"))
                .expect("a request"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        r.headers()
            .get(header::SET_COOKIE)
            .is_none_or(|c| { !c.to_str().unwrap_or("").starts_with("session=") })
    );
    // A matching token does not help a request from another site.
    let token = "0123456789abcdef0123456789abcdef";
    let r = app
        .send(
            Request::post("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::ORIGIN, "https://evil.example")
                .header(header::HOST, "portal.example")
                .header(header::COOKIE, format!("csrf={token}"))
                .body(Body::from(format!(
                    "csrf={token}&username=csrf-target&password=correct-horse"
                )))
                .expect("a request"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_sixth_wrong_password_is_429_with_retry_after() {
    let app = app().await;
    app.applicant("guessed").await;
    let wrong = json!({"username": "guessed", "password": "not-the-password"});
    for attempt in 1..=5 {
        let r = app.post_json("/api/sessions", &wrong).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {attempt}");
    }
    let r = app.post_json("/api/sessions", &wrong).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let wait: u64 = r
        .headers()
        .get(header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After in seconds");
    assert!(wait >= 1);
    // Locked means locked: the right password waits too.
    let right = json!({"username": "guessed", "password": "correct-horse"});
    let r = app.post_json("/api/sessions", &right).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(json_body(r).await["error"].is_string());
}

#[tokio::test]
async fn next_with_a_backslash_goes_home_not_to_another_site() {
    let app = app().await;
    app.applicant("redirected").await;
    let token = "fedcba9876543210fedcba9876543210";
    let sign_in = |next: &str| {
        let form = serde_urlencoded::to_string([
            ("csrf", token),
            ("username", "redirected"),
            ("password", "correct-horse"),
            ("next", next),
        ])
        .expect("a form");
        Request::post("/login")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, format!("csrf={token}"))
            .body(Body::from(form))
            .expect("a request")
    };
    let r = app.send(sign_in("/\\evil.example")).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/");
    let r = app.send(sign_in("/measures?lang=ko")).await;
    assert_eq!(location(&r), "/measures?lang=ko");
}

#[tokio::test]
async fn the_interview_asks_what_the_api_ranks_first_and_moves_on() {
    let app = app().await;
    let r = app
        .post_json(
            "/api/questions",
            &json!({"entity": "enterprise", "facts": {}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let api = json_body(r).await;
    let first = api["questions"][0]["fact"]
        .as_str()
        .expect("a first question");
    let r = app.get("/interview/enterprise?lang=en").await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = text(r).await;
    assert!(
        page.contains(&format!(r#"name="question" value="{first}""#)),
        "the portal asks `{first}` first, as the API ranks it"
    );
    // Skipping it moves on to another question, numbered 2.
    let form = format!("question={first}&skip=1");
    let r = app
        .send(
            Request::post("/interview/enterprise?lang=en")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(form))
                .expect("a request"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let page = text(r).await;
    assert!(page.contains(&format!(r#"name="skip:{first}""#)));
    assert!(!page.contains(&format!(r#"name="question" value="{first}""#)));
}

#[tokio::test]
async fn api_errors_have_one_shape() {
    let app = app().await;
    let r = app
        .send(
            Request::post("/api/eligibility")
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{not json"))
                .expect("a request"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(json_body(r).await["error"].is_string());
    let r = app
        .post_json(
            "/api/eligibility",
            &json!({"entity": "dragon", "facts": {}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json_body(r).await;
    assert_eq!(body["field"], "entity");
    assert!(body["error"].is_string());
    let r = app.get("/api/ledger/proofs/inclusion?index=x&size=2").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json_body(r).await["field"], "index");
    let r = app.get("/api/ledger/proofs/consistency?first=3").await;
    assert_eq!(json_body(r).await["field"], "second");
    let r = app.get("/api/ledger/entries/seven/receipt").await;
    assert!(r.status().is_client_error());
    assert!(json_body(r).await["error"].is_string());
}

/// Blank text is "not known" for every input, amounts too, as the document says: the
/// measures that need the fact are undetermined and list it as missing.
#[tokio::test]
async fn a_blank_amount_is_not_known_not_an_error() {
    let app = app().await;
    let r = app
        .post_json(
            "/api/eligibility",
            &json!({"entity": "project", "facts": {"proposed_performance_pay": "", "direct_cost": " "}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = json_body(r).await;
    let missing_direct_cost = body["measures"]
        .as_array()
        .expect("measures")
        .iter()
        .any(|m| {
            m["missing"]
                .as_array()
                .is_some_and(|x| x.iter().any(|n| n == "direct_cost"))
        });
    assert!(missing_direct_cost, "a blank amount is missing: {body}");
    // A set (several choices), a number of years and an enumeration, blank: not known.
    let r = app
        .post_json(
            "/api/eligibility",
            &json!({"entity": "person", "facts": {"category_a_criteria_met": "", "years_worked_in_beijing": "", "highest_education": " "}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "{}", text(r).await);
    let r = app
        .post_json(
            "/api/eligibility",
            &json!({"entity": "project", "facts": {"direct_cost": "1.234"}}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "3 decimals stay refused"
    );
}

/// Every operation of the document is served by the router (not the fallback, not
/// 405), every 4xx/5xx it declares carries the `Error` schema, and an undocumented API
/// path is the fallback's 404.
#[tokio::test]
async fn openapi_lists_every_route_of_the_router() {
    let app = app().await;
    let doc = json_body(app.get("/openapi.json").await).await;
    let paths = doc["paths"].as_object().expect("paths");
    let mut operations = 0;
    for (path, item) in paths {
        let concrete = path
            .split('/')
            .map(|seg| if seg.starts_with('{') { "1" } else { seg })
            .collect::<Vec<_>>()
            .join("/");
        for (method, op) in item.as_object().expect("a path item") {
            let Ok(m) = Method::from_bytes(method.to_uppercase().as_bytes()) else {
                continue;
            };
            operations += 1;
            let r = app
                .send(
                    Request::builder()
                        .method(m)
                        .uri(&concrete)
                        .header(header::CONTENT_TYPE, "application/json")
                        .body(Body::from("{}"))
                        .expect("a request"),
                )
                .await;
            assert_ne!(
                r.status(),
                StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path}"
            );
            let body = text(r).await;
            assert!(!body.contains("no such endpoint"), "{method} {path}");
            for (code, response) in op["responses"].as_object().expect("responses") {
                if code.starts_with('4') || code.starts_with('5') {
                    assert_eq!(
                        response["content"]["application/json"]["schema"]["$ref"],
                        "#/components/schemas/Error",
                        "{method} {path} {code}"
                    );
                }
            }
        }
    }
    assert!(operations >= 50, "{operations} operations");
    for (method, path) in [
        ("delete", "/api/sessions"),
        ("post", "/api/projects"),
        ("get", "/api/projects"),
        ("get", "/api/projects/{id}"),
        ("post", "/api/projects/{id}/amendment"),
        ("post", "/api/projects/{id}/review"),
        ("post", "/api/projects/{id}/milestones/{seq}/report"),
        ("post", "/api/projects/{id}/milestones/{seq}/acceptance"),
        ("post", "/api/projects/{id}/inspection"),
        ("post", "/api/projects/{id}/budget-adjustments"),
        ("get", "/api/projects/{id}/budget-adjustments"),
        (
            "post",
            "/api/projects/{id}/budget-adjustments/{seq}/decision",
        ),
        ("get", "/api/projects/{id}/acceptance"),
        ("post", "/api/projects/{id}/acceptance"),
        ("get", "/openapi.json"),
    ] {
        assert!(doc["paths"][path][method].is_object(), "{method} {path}");
    }
    let r = app.get("/api/undocumented").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(text(r).await.contains("no such endpoint"));
}

/// Every `$ref` of the document names a schema the document holds (issue 15: one
/// dangled), and the project answers are described, not left as bare objects.
#[tokio::test]
async fn every_schema_reference_resolves() {
    let app = app().await;
    let doc = json_body(app.get("/openapi.json").await).await;
    let schemas = doc["components"]["schemas"].as_object().expect("schemas");
    fn refs(v: &J, out: &mut Vec<String>) {
        match v {
            J::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("$ref", J::String(r)) => out.push(r.clone()),
                        _ => refs(x, out),
                    }
                }
            }
            J::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }
    let mut all = Vec::new();
    refs(&doc, &mut all);
    assert!(all.len() > 100, "{} references", all.len());
    for r in &all {
        let name = r
            .strip_prefix("#/components/schemas/")
            .unwrap_or_else(|| panic!("a reference outside the schemas: {r}"));
        assert!(schemas.contains_key(name), "{r} dangles");
    }
    for name in [
        "Project",
        "BudgetChange",
        "Acceptance",
        "BudgetFacts",
        "ProjectFacts",
    ] {
        assert!(schemas.contains_key(name), "{name}");
    }
    // The budget adjustment names the budget subjects only.
    let budget = schemas["BudgetFacts"]["properties"]
        .as_object()
        .expect("properties");
    assert!(budget.contains_key("equipment_budget_after"));
    assert!(!budget.contains_key("funding_source"));
    assert_eq!(
        doc["paths"]["/api/projects/{id}/budget-adjustments"]["post"]["responses"]["201"]["content"]
            ["application/json"]["schema"]["$ref"],
        "#/components/schemas/BudgetChange"
    );
}

/// The project pages: signed out to the sign-in page; a form without the page's CSRF
/// token refused and nothing filed; the list in Arabic right to left.
#[tokio::test]
async fn the_project_pages_refuse_forms_without_their_token() {
    let app = app().await;
    let r = app.get("/projects").await;
    assert!(r.status().is_redirection());
    assert!(
        location(&r).starts_with("/login?next=/projects"),
        "{}",
        location(&r)
    );
    app.applicant("lab-lead").await;
    let session = app
        .cases
        .login("lab-lead", "correct-horse")
        .await
        .expect("signed in")
        .token;
    let r = app
        .send(
            Request::post("/projects")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(header::COOKIE, format!("session={session}"))
                .body(Body::from("title=T&unit=x"))
                .expect("a request"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    for path in ["/projects/p1", "/projects/p1/acceptance"] {
        let r = app
            .send(
                Request::post(path)
                    .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                    .header(header::COOKIE, format!("session={session}"))
                    .body(Body::from("action=report&seq=1&report=x"))
                    .expect("a request"),
            )
            .await;
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let r = app
        .send(
            Request::get("/projects?lang=ar")
                .header(header::COOKIE, format!("session={session}"))
                .body(Body::empty())
                .expect("a request"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = text(r).await;
    assert!(html.contains("dir=\"rtl\""));
    assert!(html.contains("name=\"unit\""), "the filing form");
    assert!(html.contains("المشاريع البحثية"));
    // A token that matches files nothing with an unknown unit, and says why.
    let token = "0123456789abcdef0123456789abcdef";
    let r = app
        .send(
            Request::post("/projects?lang=en")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header(
                    header::COOKIE,
                    format!("session={session}; csrf={token}; lang=en"),
                )
                .body(Body::from(format!(
                    "csrf={token}&title=T&unit=nobody&f:funding_source=project_funded_municipal"
                )))
                .expect("a request"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = text(r).await;
    assert!(html.contains("not an organisation"), "{html}");
    assert!(
        html.contains("value=\"T\""),
        "the form keeps what was typed"
    );
}
