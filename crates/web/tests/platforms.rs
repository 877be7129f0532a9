//! The platforms' faces in-process (no server, no batch engine): every new portal page
//! renders in English and Arabic (right to left) for the parties who see it, the API
//! refuses what cedar refuses, a double booking is 409 and of concurrent bookings of a
//! day exactly one is 201. The full journeys over HTTP are crates/cli/tests/platforms.rs.

use axum::body::Body;
use axum::http::{Request, Response, header};
use onestop_store::Role;
use serde_json::{Value as J, json};
use std::sync::Arc;

mod support;
use support::{App, app};

impl App {
    /// An account and its session token.
    async fn account(
        &self,
        name: &str,
        role: Role,
        agency: Option<&str>,
        entity: Option<&str>,
    ) -> String {
        self.cases
            .create_account(
                name,
                "correct-horse",
                role,
                agency,
                entity,
                &format!("{name} Ltd"),
            )
            .await
            .expect("an account");
        let (st, b) = self
            .call(
                "POST",
                "/api/sessions",
                None,
                json!({"username": name, "password": "correct-horse"}),
            )
            .await;
        assert_eq!(st, 200, "{b}");
        b["token"].as_str().expect("token").to_string()
    }

    async fn call(&self, method: &str, uri: &str, token: Option<&str>, body: J) -> (u16, J) {
        let mut r = Request::builder()
            .method(method)
            .uri(uri)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(t) = token {
            r = r.header(header::AUTHORIZATION, format!("Bearer {t}"));
        }
        let body = if method == "GET" {
            Body::empty()
        } else {
            Body::from(body.to_string())
        };
        let resp = self.send(r.body(body).expect("a request")).await;
        let st = resp.status().as_u16();
        let text = text(resp).await;
        (st, serde_json::from_str(&text).unwrap_or(J::String(text)))
    }

    /// A portal page as the holder of `session` sees it.
    async fn page(&self, uri: &str, session: Option<&str>) -> (u16, String) {
        let mut r = Request::get(uri);
        if let Some(s) = session {
            r = r.header(header::COOKIE, format!("session={s}"));
        }
        let resp = self.send(r.body(Body::empty()).expect("a request")).await;
        let st = resp.status().as_u16();
        (st, text(resp).await)
    }
}

async fn text(r: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(r.into_body(), 16 * 1024 * 1024)
        .await
        .expect("a readable body");
    String::from_utf8_lossy(&bytes).into_owned()
}

#[tokio::test]
async fn the_pages_render_for_each_party_and_the_api_holds_the_rules() {
    let app = app().await;
    let officer = app
        .account("officer-a", Role::Officer, Some("sci-tech"), None)
        .await;
    let ent = app
        .account("vision-co", Role::Applicant, None, Some("enterprise"))
        .await;
    let person = app
        .account("a-person", Role::Applicant, None, Some("person"))
        .await;

    let (st, l) = app
        .call(
            "POST",
            "/api/scenario-lists",
            Some(&officer),
            json!({"title": "Transport", "working_days": 10, "scenarios": [
                {"title": "Crossing cameras", "need": "congestion", "industry": "transport", "capabilities": ["5g"]}]}),
        )
        .await;
    assert_eq!(st, 201, "{l}");
    let list = l["id"].as_str().expect("id").to_string();
    let scenario = l["scenarios"][0]["id"].as_str().expect("id").to_string();
    let (st, b) = app
        .call(
            "POST",
            "/api/scenario-lists",
            Some(&ent),
            json!({"title": "x", "working_days": 10, "scenarios": []}),
        )
        .await;
    assert_eq!(st, 403, "{b}");
    let (st, b) = app
        .call(
            "POST",
            &format!("/api/scenarios/{scenario}/solutions"),
            Some(&ent),
            json!({"text": "cameras", "industry": "transport", "capabilities": ["5g"]}),
        )
        .await;
    assert_eq!((st, b["match"]["score"].as_i64()), (201, Some(3)), "{b}");

    let (st, i) = app
        .call(
            "POST",
            "/api/instruments",
            Some(&ent),
            json!({"name": "Cryo-EM", "category": "imaging", "location": "Huairou", "rules": "trained", "fee_fen_per_day": 150050}),
        )
        .await;
    assert_eq!(st, 201, "{i}");
    let instrument = i["id"].as_str().expect("id").to_string();
    let unit = i["unit"].as_str().expect("unit").to_string();
    let day = onestop_calendar::Calendar::shipped()
        .add_working_days(onestop_store::today(), 3)
        .expect("in the calendar")
        .to_string();
    let bookings = format!("/api/instruments/{instrument}/bookings");
    let (st, b) = app
        .call(
            "POST",
            &bookings,
            Some(&ent),
            json!({"days": [day], "purpose": "x"}),
        )
        .await;
    assert_eq!(st, 403, "the unit does not book its own: {b}");
    // Concurrent requests for one day: exactly one is booked, the others are 409.
    let mut tasks = Vec::new();
    let app = Arc::new(app);
    for _ in 0..5 {
        let (a, p, u, d) = (app.clone(), person.clone(), bookings.clone(), day.clone());
        tasks.push(tokio::spawn(async move {
            a.call(
                "POST",
                &u,
                Some(&p),
                json!({"days": [d], "purpose": "race"}),
            )
            .await
        }));
    }
    let mut won = 0;
    for t in tasks {
        let (st, b) = t.await.expect("task");
        match st {
            201 => won += 1,
            409 => assert!(
                b["error"]
                    .as_str()
                    .is_some_and(|m| m.contains("already booked")),
                "{b}"
            ),
            _ => panic!("{st} {b}"),
        }
    }
    assert_eq!(won, 1);

    // Every page renders, in English and in Arabic (right to left), for each party.
    let pages = [
        "/scenarios".to_string(),
        "/scenarios?industry=transport&capabilities=5g".to_string(),
        format!("/scenarios/{list}"),
        "/instruments".to_string(),
        format!("/instruments/{instrument}"),
        format!("/instruments/units/{unit}"),
    ];
    for who in [
        None,
        Some(officer.as_str()),
        Some(ent.as_str()),
        Some(person.as_str()),
    ] {
        for p in &pages {
            for lang in ["en", "ar"] {
                let sep = if p.contains('?') { '&' } else { '?' };
                let (st, html) = app.page(&format!("{p}{sep}lang={lang}"), who).await;
                assert_eq!(st, 200, "{p} {lang}: {html}");
                assert_eq!(html.contains("dir=\"rtl\""), lang == "ar", "{p}");
            }
        }
    }
    // What each party sees: the officer the solutions, the unit the booking to decide.
    let (_, html) = app
        .page(&format!("/scenarios/{list}?lang=en"), Some(&officer))
        .await;
    assert!(
        html.contains("form method=\"post\" action=\"/scenarios/")
            && html.contains("select-solution")
    );
    let (_, html) = app
        .page(&format!("/scenarios/{list}?lang=en"), Some(&person))
        .await;
    assert!(!html.contains("select-solution") && !html.contains("submit-solution"));
    let (_, html) = app
        .page(&format!("/instruments/{instrument}?lang=en"), Some(&ent))
        .await;
    assert!(html.contains("decide-booking") && !html.contains("book-instrument"));
    let (_, html) = app
        .page(&format!("/instruments/{instrument}?lang=ar"), Some(&person))
        .await;
    assert!(html.contains("book-instrument") && html.contains("الأيام المحجوزة"));
    let (_, html) = app
        .page(&format!("/instruments/units/{unit}?lang=en"), None)
        .await;
    assert!(html.contains("1500.50"), "the fee in yuan from fen");
    let (st, _) = app.page("/instruments/no-such", None).await;
    assert_eq!(st, 404);
}
