//! Hostile and careless input through the service's faces (issue 19, first part): each
//! gets a 4xx with a message or a safe redirect, never a 500.

mod support;

use serde_json::json;
use support::{Client, PASSWORD, Server, fresh};

fn no_redirects() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
}

#[tokio::test]
async fn money_beyond_the_decimal_range_is_a_422_not_a_500() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.admin(&[
        "create-admin",
        "--username",
        "root-admin",
        "--password",
        PASSWORD,
    ]);
    let admin = Client::login(&s, "root-admin").await;
    for value in ["792281625142643375935439504", "79228162514264337593543950"] {
        let (st, e) = admin
            .post(
                &s,
                "/api/vouchers",
                json!({"region": "beijing", "holder": "acme", "value": value, "expires_on": "2099-12-31", "purpose": "testing"}),
            )
            .await;
        assert_eq!(st, 422, "{value}: {e}");
        assert_eq!(e["field"], "value");
        assert!(
            e["error"].as_str().unwrap_or("").contains("too large"),
            "{e}"
        );
    }
}

#[tokio::test]
async fn paths_and_next_cannot_inject_headers_or_leave_the_site() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let http = no_redirects();
    // A path with a CR LF and a DEL: the sign-in redirect encodes it.
    for raw in ["/cases/%0d%0aSet-Cookie:%20x=1", "/cases/%7f"] {
        let r = http.get(s.url(raw)).send().await.expect("request");
        assert_eq!(r.status().as_u16(), 303, "{raw}");
        let location = r.headers()["location"].to_str().expect("ascii");
        assert!(location.starts_with("/login?next=/cases/%"), "{location}");
        assert!(
            r.headers().get("set-cookie").is_none(),
            "{raw} set a cookie"
        );
    }
    // After signing in, `next` only goes to a path on this site.
    Client::register(&s, "dora", "person").await;
    let (cookie, token) = csrf(&http, &s).await;
    for (next, expected) in [
        ("/\\evil.example", "/"),
        ("/\t/evil.example", "/"),
        ("//evil.example", "/"),
        ("https://evil.example/", "/"),
        ("/cases", "/cases"),
    ] {
        let r = http
            .post(s.url("/login"))
            .header("cookie", &cookie)
            .form(&[
                ("username", "dora"),
                ("password", PASSWORD),
                ("next", next),
                ("csrf", &token),
            ])
            .send()
            .await
            .expect("request");
        assert_eq!(r.status().as_u16(), 303, "{next:?}");
        assert_eq!(r.headers()["location"], expected, "{next:?}");
    }
}

/// The CSRF cookie a portal page sets and the token its forms carry.
async fn csrf(http: &reqwest::Client, s: &Server) -> (String, String) {
    let r = http.get(s.url("/login")).send().await.expect("request");
    let cookie = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("csrf="))
        .and_then(|v| v.split(';').next())
        .expect("a csrf cookie")
        .to_string();
    assert!(cookie.len() == "csrf=".len() + 32, "{cookie}");
    let page = r.text().await.expect("page");
    let token = cookie.trim_start_matches("csrf=").to_string();
    assert!(
        page.contains(&format!("name=\"csrf\" value=\"{token}\"")),
        "the form carries the token"
    );
    (cookie, token)
}

#[tokio::test]
async fn a_cross_site_form_without_the_token_is_refused() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    Client::register(&s, "erin", "person").await;
    let http = no_redirects();
    let (cookie, token) = csrf(&http, &s).await;
    let post = |fields: Vec<(&'static str, String)>, origin: Option<&'static str>| {
        let mut r = http
            .post(s.url("/login"))
            .header("cookie", &cookie)
            .form(&fields);
        if let Some(o) = origin {
            r = r.header("origin", o);
        }
        r.send()
    };
    let login = |t: Option<&str>| {
        let mut f = vec![
            ("username", "erin".to_string()),
            ("password", PASSWORD.to_string()),
        ];
        if let Some(t) = t {
            f.push(("csrf", t.to_string()));
        }
        f
    };
    let r = post(login(None), Some("https://evil.example"))
        .await
        .expect("request");
    assert_eq!(r.status().as_u16(), 403, "no token");
    let r = post(login(Some("0123456789abcdef0123456789abcdef")), None)
        .await
        .expect("request");
    assert_eq!(r.status().as_u16(), 403, "a token that is not the cookie's");
    let r = post(login(Some(&token)), Some("https://evil.example"))
        .await
        .expect("request");
    assert_eq!(
        r.status().as_u16(),
        403,
        "the right token from another site"
    );
    let origin: &'static str = Box::leak(s.base.clone().into_boxed_str());
    let r = post(login(Some(&token)), Some(origin))
        .await
        .expect("request");
    assert_eq!(r.status().as_u16(), 303, "the portal's own form");
    // A signed-in officer's decision form is protected the same way.
    let r = http
        .post(s.url("/cases/any"))
        .header("cookie", &cookie)
        .form(&[("action", "accept")])
        .send()
        .await
        .expect("request");
    assert!(matches!(r.status().as_u16(), 303 | 403), "{}", r.status());
}

#[tokio::test]
async fn the_sixth_wrong_password_in_a_minute_gets_429_with_retry_after() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    Client::register(&s, "frank", "person").await;
    let anon = Client::anonymous();
    for i in 0..5 {
        let (st, _) = anon
            .post(
                &s,
                "/api/sessions",
                json!({"username": "frank", "password": format!("wrong {i}")}),
            )
            .await;
        assert_eq!(st, 401, "attempt {i}");
    }
    let r = anon
        .http
        .post(s.url("/api/sessions"))
        .json(&json!({"username": "frank", "password": PASSWORD}))
        .send()
        .await
        .expect("request");
    assert_eq!(
        r.status().as_u16(),
        429,
        "locked even with the right password"
    );
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=60).contains(&retry), "{retry}");
    // The portal's sign-in shares the lock.
    let http = no_redirects();
    let (cookie, token) = csrf(&http, &s).await;
    let r = http
        .post(s.url("/login"))
        .header("cookie", &cookie)
        .form(&[
            ("username", "frank"),
            ("password", PASSWORD),
            ("csrf", &token),
        ])
        .send()
        .await
        .expect("request");
    assert_eq!(r.status().as_u16(), 429);
    assert!(r.headers().contains_key("retry-after"));
    // Another account is not locked.
    Client::register(&s, "grace", "person").await;
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_materials_download() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let http = no_redirects();
    for path in [
        "/",
        "/measures",
        "/login",
        "/healthz",
        "/api/measures",
        "/openapi.json",
        "/no/such/page",
        "/cases/x",
    ] {
        let r = http.get(s.url(path)).send().await.expect("request");
        let h = r.headers();
        let csp = h
            .get("content-security-policy")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert_eq!(h["x-frame-options"], "DENY", "{path}");
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(h["referrer-policy"], "same-origin", "{path}");
    }
    // No demonstration accounts without --demo.
    let (st, _) = Client::anonymous()
        .post(
            &s,
            "/api/sessions",
            json!({"username": "demo-person", "password": "onestop-demo"}),
        )
        .await;
    assert_eq!(st, 401);
    let henry = Client::register(&s, "henry", "person").await;
    let (st, m) = henry
        .upload(
            &s,
            "scan<1>.pdf",
            "application/pdf",
            b"%PDF-1.4\n% scan\n".to_vec(),
        )
        .await;
    assert_eq!(st, 201, "{m}");
    let r = henry
        .auth(http.get(s.url(&format!(
            "/api/materials/{}",
            m["hash"].as_str().expect("hash")
        ))))
        .send()
        .await
        .expect("request");
    assert_eq!(r.status().as_u16(), 200);
    assert_eq!(
        r.headers()["content-disposition"],
        "attachment; filename=\"scan_1_.pdf\""
    );
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    // A PDF that goes on as a web page is refused: its bytes decide, not its name.
    let (st, e) = henry
        .upload(
            &s,
            "p.pdf",
            "application/pdf",
            b"%PDF-1.4\n<html><script>alert(1)</script>".to_vec(),
        )
        .await;
    assert_eq!(st, 415, "{e}");
}

#[test]
fn production_mode_refuses_demo_accounts_and_a_key_beside_the_database() {
    let dir = std::env::temp_dir().join(format!("onestop-prod-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let data = dir.to_string_lossy().to_string();
    let key_beside = dir.join("ledger.key").to_string_lossy().to_string();
    for (args, expected) in [
        (vec!["--demo"], "refuses --demo"),
        (vec![], "needs the ledger's signing key"),
        (
            vec!["--ledger-key", key_beside.as_str()],
            "in the database's directory",
        ),
    ] {
        let mut all = vec![
            "serve",
            "--port",
            "0",
            "--production",
            "--data",
            data.as_str(),
        ];
        all.extend(args.iter().copied());
        let (code, _, err) = support::onestop(&all, None);
        assert_eq!(code, 2, "{all:?}: {err}");
        assert!(err.contains(expected), "{all:?}: {err}");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test]
async fn an_oversized_body_is_413_and_cookies_can_be_secure() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let big = format!(
        "{{\"entity\": \"enterprise\", \"facts\": {{\"x\": \"{}\"}}}}",
        "a".repeat(2 << 20)
    );
    let r = reqwest::Client::new()
        .post(s.url("/api/eligibility"))
        .header("content-type", "application/json")
        .body(big)
        .send()
        .await
        .expect("request");
    assert_eq!(r.status().as_u16(), 413);
    let e: serde_json::Value = r.json().await.expect("json");
    assert!(e["error"].as_str().is_some(), "{e}");
    drop(s);

    // Behind TLS the operator says so, and every cookie is Secure.
    let (db, dir) = fresh().await;
    let key = dir.join("ledger-signing.key");
    let mut child = std::process::Command::new(support::bin())
        .args([
            "serve",
            "--port",
            "0",
            "--secure-cookies",
            "--database-url",
            &db,
        ])
        .arg("--data")
        .arg(dir.join("data"))
        .env("ONESTOP_LEDGER_KEY", &key)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("serve");
    use std::io::BufRead;
    let mut lines = std::io::BufReader::new(child.stdout.take().expect("stdout")).lines();
    let first = lines.next().and_then(|l| l.ok()).unwrap_or_default();
    // Keep reading what the server prints after its address: a closed pipe would make
    // its next line fail and take the server down mid-test.
    std::thread::spawn(move || lines.for_each(drop));
    let base = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("url")
        .to_string();
    let r = no_redirects()
        .get(format!("{base}/login"))
        .send()
        .await
        .expect("request");
    let cookies: Vec<String> = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok().map(String::from))
        .collect();
    let _ = child.kill();
    let _ = child.wait();
    assert!(!cookies.is_empty());
    assert!(
        cookies.iter().all(|c| c.contains("; Secure")),
        "{cookies:?}"
    );
}
