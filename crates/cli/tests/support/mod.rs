//! What the HTTP test suites share: a fresh database (SQLite, or PostgreSQL when
//! ONESTOP_TEST_PG_ADMIN holds an admin URL, as scripts/test.sh sets), the real
//! `onestop serve` process, and a small JSON client.
#![allow(dead_code)] // each test binary uses its own part of this module

use serde_json::{Value as J, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

static COUNTER: AtomicUsize = AtomicUsize::new(0);
pub const PASSWORD: &str = "correct horse battery";

/// The business date every test server runs on (`serve --today`): a Monday well
/// inside the shipped calendar, so deadlines never run past the calendar's end
/// whatever the wall clock says.
pub const TODAY: &str = "2026-06-15";

/// The business date of this run: [`TODAY`], or `ONESTOP_TEST_TODAY` (scripts/test.sh
/// runs the service suite once more on a date past the shipped official calendar).
pub fn today() -> String {
    std::env::var("ONESTOP_TEST_TODAY")
        .ok()
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| TODAY.to_string())
}

pub fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_onestop")
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A fresh database (SQLite file or PostgreSQL database) and a scratch directory
/// for the log's signing key and the files a test writes.
pub async fn fresh() -> (String, PathBuf) {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let name = format!(
        "onestop_t{}_{}_{}",
        std::process::id(),
        n,
        chrono::Utc::now().timestamp_micros() % 1_000_000
    );
    let dir = std::env::temp_dir().join(&name);
    std::fs::create_dir_all(&dir).expect("tmp");
    let url = match std::env::var("ONESTOP_TEST_PG_ADMIN") {
        Ok(admin) if !admin.is_empty() => {
            use sqlx::Connection;
            let mut c = sqlx::PgConnection::connect(&admin)
                .await
                .expect("connect to PostgreSQL admin URL");
            sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                .execute(&mut c)
                .await
                .expect("create database");
            let base = admin
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .expect("admin URL ends with /dbname");
            format!("{base}/{name}")
        }
        _ => format!("sqlite://{}", dir.join("onestop.db").display()),
    };
    (url, dir)
}

pub struct Server {
    child: Child,
    pub base: String,
    pub db: String,
    pub key: PathBuf,
    /// The data directory (`serve --data`): holiday notices live in its `calendar/`.
    pub data: PathBuf,
}

impl Server {
    /// `onestop serve` on a free port, the log's signing key in `dir`.
    pub fn start(db: &str, dir: &Path) -> Server {
        Server::start_on(db, dir, &today())
    }

    /// The same on a given business date.
    pub fn start_on(db: &str, dir: &Path, today: &str) -> Server {
        Server::start_with(db, dir, today, &[])
    }

    /// The same with more arguments for `serve` (e.g. `--rules DIR`).
    pub fn start_with(db: &str, dir: &Path, today: &str, args: &[&str]) -> Server {
        let key = dir.join("ledger-signing.key");
        let data = dir.join("data");
        let mut child = Command::new(bin())
            .args(["serve", "--port", "0", "--database-url", db])
            .args(["--today", today])
            .args(args)
            .arg("--data")
            .arg(&data)
            .env("ONESTOP_LEDGER_KEY", &key)
            .current_dir(repo())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start onestop serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().and_then(|l| l.ok()).unwrap_or_default();
        let base = first
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no URL in `{first}`"))
            .to_string();
        // Keep draining stdout so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Server {
            child,
            base,
            db: db.to_string(),
            key,
            data,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub fn kill9(&mut self) {
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }

    pub fn admin(&self, args: &[&str]) {
        let out = Command::new(bin())
            .arg("admin")
            .args(args)
            .args(["--database-url", &self.db])
            .current_dir(repo())
            .output()
            .expect("run onestop admin");
        assert!(
            out.status.success(),
            "admin {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }

    /// A lender's account (the pledgee of IP pledges): `onestop admin create-institution`.
    pub fn institution(&self, username: &str, display_name: &str) {
        self.admin(&[
            "create-institution",
            "--username",
            username,
            "--password",
            PASSWORD,
            "--display-name",
            display_name,
        ]);
    }

    /// A service provider that innovation vouchers are redeemed at, in `region`:
    /// `onestop admin create-provider` (the display name defaults to the username).
    pub fn provider(&self, username: &str, region: &str, display_name: &str) {
        self.admin(&[
            "create-provider",
            "--username",
            username,
            "--password",
            PASSWORD,
            "--region",
            region,
            "--display-name",
            display_name,
        ]);
    }

    pub fn officer(&self, username: &str, agency: &str) {
        self.admin(&[
            "create-officer",
            "--username",
            username,
            "--password",
            PASSWORD,
            "--agency",
            agency,
        ]);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub token: Option<String>,
}

impl Client {
    pub fn anonymous() -> Client {
        Client {
            http: reqwest::Client::new(),
            token: None,
        }
    }

    pub async fn login(s: &Server, username: &str) -> Client {
        let c = Client::anonymous();
        let (st, body) = c
            .post(
                s,
                "/api/sessions",
                json!({"username": username, "password": PASSWORD}),
            )
            .await;
        assert_eq!(st, 200, "login {username}: {body}");
        Client {
            token: body["token"].as_str().map(String::from),
            ..c
        }
    }

    pub async fn register(s: &Server, username: &str, entity: &str) -> Client {
        let (st, body) = Client::anonymous()
            .post(
                s,
                "/api/accounts",
                json!({"username": username, "password": PASSWORD, "entity": entity, "display_name": format!("{username} Ltd")}),
            )
            .await;
        assert_eq!(st, 201, "register: {body}");
        Client::login(s, username).await
    }

    pub fn auth(&self, r: reqwest::RequestBuilder) -> reqwest::RequestBuilder {
        match &self.token {
            Some(t) => r.bearer_auth(t),
            None => r,
        }
    }

    pub async fn send(r: reqwest::RequestBuilder) -> (u16, J) {
        let resp = r.send().await.expect("request");
        let st = resp.status().as_u16();
        let text = resp.text().await.unwrap_or_default();
        (st, serde_json::from_str(&text).unwrap_or(J::String(text)))
    }

    pub async fn get(&self, s: &Server, path: &str) -> (u16, J) {
        Client::send(self.auth(self.http.get(s.url(path)))).await
    }

    pub async fn post(&self, s: &Server, path: &str, body: J) -> (u16, J) {
        Client::send(self.auth(self.http.post(s.url(path)).json(&body))).await
    }

    pub async fn put(&self, s: &Server, path: &str, body: J) -> (u16, J) {
        Client::send(self.auth(self.http.put(s.url(path)).json(&body))).await
    }

    pub async fn upload(&self, s: &Server, name: &str, ct: &str, bytes: Vec<u8>) -> (u16, J) {
        Client::send(
            self.auth(
                self.http
                    .post(s.url(&format!("/api/materials?filename={name}")))
                    .header("content-type", ct)
                    .body(bytes),
            ),
        )
        .await
    }
}

/// A foreign professional who qualifies for Category A through a recognised talent programme.
pub fn talent_facts() -> J {
    let text = std::fs::read_to_string(repo().join("data/samples/person.json")).expect("sample");
    let v: J = serde_json::from_str(&text).expect("json");
    v["facts"].clone()
}

/// `onestop ARGS`: exit code, standard output, standard error.
pub fn onestop(args: &[&str], key_env: Option<&Path>) -> (i32, String, String) {
    let mut c = Command::new(bin());
    c.args(args).current_dir(repo());
    if let Some(k) = key_env {
        c.env("ONESTOP_LEDGER_KEY", k);
    }
    let out = c.output().expect("run onestop");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

// ---- the portal as a browser without JavaScript sees it (cookie session, CSRF form) ----

/// The CSRF token the portal tests set as the cookie and send in each form (double submit).
pub const CSRF: &str = "0123456789abcdef0123456789abcdef";

/// A portal page as `who` sees it (or anonymous): status and HTML.
pub async fn page(s: &Server, who: Option<&Client>, path: &str) -> (u16, String) {
    let mut req = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .get(s.url(path));
    if let Some(c) = who {
        req = req.header(
            "cookie",
            format!("session={}", c.token.clone().unwrap_or_default()),
        );
    }
    let r = req.send().await.expect("page");
    let st = r.status().as_u16();
    (st, r.text().await.unwrap_or_default())
}

/// A portal form sent as `who`: status and where it redirects to (or the body).
pub async fn form(s: &Server, who: &Client, path: &str, fields: &[(&str, &str)]) -> (u16, String) {
    let mut all: Vec<(&str, &str)> = vec![("csrf", CSRF)];
    all.extend_from_slice(fields);
    let r = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client")
        .post(s.url(path))
        .header(
            "cookie",
            format!(
                "session={}; csrf={CSRF}",
                who.token.clone().unwrap_or_default()
            ),
        )
        .form(&all)
        .send()
        .await
        .expect("form");
    let st = r.status().as_u16();
    let to = r
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = r.text().await.unwrap_or_default();
    (st, if to.is_empty() { body } else { to })
}

/// A page's text without its tags.
pub fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
