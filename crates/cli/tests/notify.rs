//! Policy finds the applicant (issue 16), through the real `onestop serve` (SQLite,
//! or PostgreSQL when ONESTOP_TEST_PG_ADMIN is set) and a real SMTP server
//! (aiosmtpd, `scripts/smtp_sink.py`, installed by `scripts/smtp.sh`): an
//! enterprise's profile changes so that it becomes eligible for a measure, and one
//! matching run puts a notification in its inbox, sends it an e-mail and adds the
//! entry to its feed; a rule change that ends the eligibility notifies too; a draft
//! measure's reach is counted before it is published.

mod support;

use serde_json::{Value as J, json};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::{Client, Server, fresh, repo, today};

const MEASURE: &str = "enterprise.mnc-rd-centre";

/// The SMTP server of one test: aiosmtpd writing each message to a file.
struct Smtp {
    child: Child,
    port: u16,
    dir: PathBuf,
}

impl Smtp {
    fn start(dir: &Path) -> Smtp {
        let python = std::env::var("ONESTOP_SMTP_PYTHON").unwrap_or_else(|_| {
            ["/usr/bin/python3", "python3"]
                .into_iter()
                .find(|p| {
                    Command::new(p)
                        .args(["-c", "import aiosmtpd"])
                        .output()
                        .is_ok_and(|o| o.status.success())
                })
                .unwrap_or_else(|| {
                    panic!("no Python with aiosmtpd: run `bash scripts/smtp.sh` (it installs Debian's python3-aiosmtpd)")
                })
                .to_string()
        });
        let dir = dir.join("mail");
        let mut child = Command::new(python)
            .arg(repo().join("scripts/smtp_sink.py"))
            .arg("--dir")
            .arg(&dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP server");
        let stdout = child.stdout.take().expect("stdout");
        let line = BufReader::new(stdout)
            .lines()
            .next()
            .and_then(|l| l.ok())
            .unwrap_or_default();
        let port = line
            .rsplit(':')
            .next()
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or_else(|| panic!("the SMTP server said `{line}`"));
        Smtp { child, port, dir }
    }

    /// Every message received so far, oldest first.
    fn messages(&self) -> Vec<String> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect()
    }

    /// Waits until a received message contains `needle`.
    async fn wait_for(&self, needle: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(m) = self
                .messages()
                .into_iter()
                .find(|m| decoded(m).contains(needle))
            {
                return decoded(&m);
            }
            assert!(
                start.elapsed() < Duration::from_secs(60),
                "no e-mail with {needle:?}; received: {:?}",
                self.messages()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A message's text with quoted-printable soft breaks and escapes undone (lettre
/// encodes non-ASCII bodies), enough to search it.
fn decoded(m: &str) -> String {
    let joined = m.replace("=\r\n", "").replace("=\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'='
            && i + 2 < bytes.len()
            && let Some(b) = std::str::from_utf8(&bytes[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A foreign-funded R&D centre: eligible for the measure once it is a global one.
fn facts(global: bool) -> J {
    json!({
        "mnc_is_foreign_funded": true,
        "mnc_is_rd_centre": true,
        "mnc_is_global_rd_centre": global,
        "mnc_has_independent_legal_personality": false,
    })
}

fn write_settings(data: &Path, smtp_port: u16) {
    std::fs::create_dir_all(data).expect("data dir");
    std::fs::write(
        data.join("notify.toml"),
        format!(
            "base_url = \"http://portal.example\"\ninterval_seconds = 1\n[smtp]\nhost = \"127.0.0.1\"\nport = {smtp_port}\nfrom = \"onestop <noreply@onestop.example>\"\n"
        ),
    )
    .expect("notify.toml");
}

/// A copy of the shipped rules with one file's text changed (and files added).
fn rules_copy(
    dir: &Path,
    name: &str,
    change: &[(&str, &str, &str)],
    add: &[(&str, &str)],
) -> PathBuf {
    let to = dir.join(name);
    let status = Command::new("cp")
        .arg("-r")
        .arg(repo().join("rules"))
        .arg(&to)
        .status()
        .expect("cp");
    assert!(status.success());
    for (file, from, into) in change {
        let path = to.join(file);
        let text = std::fs::read_to_string(&path).expect("rule file");
        assert!(text.contains(from), "{file} has no {from:?}");
        std::fs::write(&path, text.replace(from, into)).expect("write");
    }
    for (file, text) in add {
        std::fs::write(to.join(file), text).expect("write");
    }
    to
}

/// `onestop notify ARGS --format json` against the server's database and data.
fn notify(s: &Server, args: &[&str]) -> J {
    notify_on(&s.db, &s.data, args)
}

fn notify_on(db: &str, data: &Path, args: &[&str]) -> J {
    let out = Command::new(support::bin())
        .arg("notify")
        .args(args)
        .args(["--database-url", db, "--date", &today(), "--format", "json"])
        .arg("--data")
        .arg(data)
        .current_dir(repo())
        .output()
        .expect("run onestop notify");
    assert!(
        out.status.success(),
        "notify {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json report")
}

async fn inbox(c: &Client, s: &Server) -> J {
    let (st, body) = c.get(s, "/api/notifications?lang=en").await;
    assert_eq!(st, 200, "{body}");
    body
}

/// Waits until the inbox holds a notification of `kind` about the measure.
async fn wait_inbox(c: &Client, s: &Server, kind: &str) -> J {
    let start = Instant::now();
    loop {
        let body = inbox(c, s).await;
        if let Some(n) = body["notifications"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|n| n["kind"] == kind && n["measure"] == MEASURE)
        {
            return n.clone();
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no {kind} notification about {MEASURE}: {body}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

async fn feed(s: &Server, path: &str) -> String {
    let r = reqwest::get(s.url(path)).await.expect("feed");
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("application/atom+xml")
    );
    r.text().await.expect("feed text")
}

#[tokio::test]
async fn a_profile_change_and_a_rule_change_each_notify_in_the_inbox_by_email_and_in_the_feed() {
    let (db, dir) = fresh().await;
    let smtp = Smtp::start(&dir);
    write_settings(&dir.join("data"), smtp.port);
    let s = Server::start(&db, &dir);
    s.officer("officer-sci", "sci-tech");
    let officer = Client::login(&s, "officer-sci").await;
    let acme = Client::register(&s, "acme-rd", "enterprise").await;

    // The applicant chooses its groups, an address and a language.
    let (st, sub) = acme
        .put(
            &s,
            "/api/subscription",
            json!({"groups": ["enterprise"], "email": "rd@acme.example", "lang": "en"}),
        )
        .await;
    assert_eq!(st, 200, "{sub}");
    let feed_path = sub["feed"].as_str().expect("feed path").to_string();
    let (st, bad) = acme
        .put(
            &s,
            "/api/subscription",
            json!({"groups": ["weather"], "email": "rd@acme.example", "lang": "en"}),
        )
        .await;
    assert_eq!((st, bad["field"].as_str()), (422, Some("groups")), "{bad}");
    let (st, bad) = acme
        .put(
            &s,
            "/api/subscription",
            json!({"groups": [], "email": "not an address", "lang": "en"}),
        )
        .await;
    assert_eq!((st, bad["field"].as_str()), (422, Some("email")), "{bad}");

    // Not eligible yet: a foreign-funded R&D centre that is not a global one.
    let (st, body) = acme
        .put(&s, "/api/profile", json!({"facts": facts(false)}))
        .await;
    assert_eq!(st, 200, "{body}");
    // serve matches every profile again when one changes: wait for that run.
    let start = Instant::now();
    loop {
        let (st, reach) = officer.get(&s, "/api/matching/reach").await;
        assert_eq!(st, 200, "{reach}");
        if reach["live"]["profiles"] == 1 {
            let m = reach["live"]["counts"]
                .as_array()
                .expect("counts")
                .iter()
                .find(|c| c["measure"] == MEASURE)
                .cloned()
                .expect("the measure is counted");
            assert_eq!(m["eligible"], 0, "{m}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(60), "no run: {reach}");
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert!(
        inbox(&acme, &s).await["notifications"]
            .as_array()
            .expect("list")
            .iter()
            .all(|n| n["measure"] != MEASURE),
        "not eligible, not told"
    );

    // The profile changes: now a global R&D centre, so eligible.
    let (st, body) = acme
        .put(&s, "/api/profile", json!({"facts": facts(true)}))
        .await;
    assert_eq!(st, 200, "{body}");
    let n = wait_inbox(&acme, &s, "eligible").await;
    let id = n["id"].as_str().expect("id").to_string();
    assert!(
        n["title"].as_str().expect("title").contains("R&D centres"),
        "{n}"
    );
    assert_eq!(n["explanation"], format!("/notifications/{id}"));
    assert!(
        n["apply"]
            .as_str()
            .expect("apply")
            .starts_with("/interview/enterprise"),
        "{n}"
    );
    assert!(inbox(&acme, &s).await["unread"].as_i64().expect("unread") >= 1);

    // The same notification by e-mail, with both links, to the subscribed address.
    let mail = smtp.wait_for(&format!("/notifications/{id}")).await;
    assert!(mail.contains("X-Envelope-To: rd@acme.example"), "{mail}");
    assert!(mail.contains("You may now be eligible"), "{mail}");
    assert!(
        mail.contains("http://portal.example/interview/enterprise"),
        "{mail}"
    );
    // The portal records that it was sent.
    let start = Instant::now();
    while inbox(&acme, &s).await["notifications"][0]["emailed_at"].is_null() {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "emailed_at never set"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }

    // ... and in the subscription's feed.
    let xml = feed(&s, &feed_path).await;
    assert!(xml.contains(&format!("<id>urn:uuid:{id}</id>")), "{xml}");
    assert!(xml.contains(&format!("/notifications/{id}")), "{xml}");
    // A feed address nobody was given is not found.
    let r = reqwest::get(s.url(&format!("/feeds/{}", "0".repeat(48))))
        .await
        .expect("feed");
    assert_eq!(r.status(), 404);

    // Another applicant cannot read it; an officer has no inbox.
    let other = Client::register(&s, "other-co", "enterprise").await;
    let (st, _) = other
        .post(&s, &format!("/api/notifications/{id}/read"), json!({}))
        .await;
    assert_eq!(st, 403);
    let (st, _) = officer.get(&s, "/api/notifications").await;
    assert_eq!(st, 403);
    let (st, read) = acme
        .post(&s, &format!("/api/notifications/{id}/read"), json!({}))
        .await;
    assert_eq!((st, read["read"].as_bool()), (200, Some(true)), "{read}");

    // A draft measure: how many would it reach before it is published?
    let draft = rules_copy(
        &dir,
        "draft-rules",
        &[],
        &[(
            "enterprise/draft-rd-grant.policy",
            "scope enterprise\n\nmeasure enterprise.draft-rd-centre-grant\n  title en \"Draft: grant for foreign-funded R&D centres\" zh \"草案：外资研发中心补助\"\n  summary en \"A draft measure for foreign-funded R&D centres.\" zh \"外资研发中心补助草案。\"\n  cite \"001_0cbca1dd9c1e8cc0.txt §30\" from 2019-10-16\n  eligible when mnc_is_foreign_funded and mnc_is_rd_centre\n",
        )],
    );
    let report = notify(&s, &["preview", "--rules", draft.to_str().expect("path")]);
    assert_eq!(report["run"]["kind"], "preview", "{report}");
    assert_eq!(report["run"]["notifications"], 0, "{report}");
    let (st, reach) = officer.get(&s, "/api/matching/reach").await;
    assert_eq!(st, 200);
    let new = reach["preview"]["counts"]
        .as_array()
        .expect("counts")
        .iter()
        .find(|c| c["measure"] == "enterprise.draft-rd-centre-grant")
        .cloned()
        .expect("the draft measure is counted");
    assert_eq!(
        (new["eligible"].as_u64(), new["published"].as_bool()),
        (Some(1), Some(false)),
        "{new}"
    );
    // Applicants do not see it.
    let (st, _) = acme.get(&s, "/api/matching/reach").await;
    assert_eq!(st, 403);

    // A rule change ends the eligibility: global R&D centres no longer qualify. The
    // operator stops the service, runs the matching with the new rules, and serves
    // them.
    let changed = rules_copy(
        &dir,
        "changed-rules",
        &[(
            "enterprise/mnc-rd-centre.policy",
            "eligible when mnc_treated_as_regional_hq",
            "eligible when mnc_treated_as_regional_hq and not mnc_is_global_rd_centre",
        )],
        &[],
    );
    let changed = changed.to_str().expect("path").to_string();
    let data = s.data.clone();
    drop(s);
    let report = notify_on(&db, &data, &["run", "--rules", &changed]);
    assert_eq!(report["run"]["lost"], 1, "{report}");
    assert_eq!(report["email"]["sent"], 1, "{report}");
    // The e-mail is there when the run returns.
    let lost_mail = smtp
        .messages()
        .into_iter()
        .map(|m| decoded(&m))
        .find(|m| m.contains("No longer eligible"))
        .expect("the run sent the e-mail before it returned");
    let s = Server::start_with(&db, &dir, &today(), &["--rules", &changed]);
    let acme = Client::login(&s, "acme-rd").await;
    let lost = wait_inbox(&acme, &s, "lost").await;
    assert_eq!(lost["status"], "not_eligible", "{lost}");
    let lost_id = lost["id"].as_str().expect("id");
    assert!(
        lost_mail.contains(&format!("/notifications/{lost_id}")),
        "{lost_mail}"
    );
    assert!(
        feed(&s, &feed_path)
            .await
            .contains(&format!("urn:uuid:{lost_id}"))
    );
    // The service's own run at start finds nothing changed since: nothing more is said.
    let start = Instant::now();
    loop {
        let (_, reach) = Client::login(&s, "officer-sci")
            .await
            .get(&s, "/api/matching/reach")
            .await;
        if reach["live"]["label"]
            .as_str()
            .is_some_and(|l| l.contains("changed-rules"))
            && reach["live"]["evaluator"]
                .as_str()
                .is_some_and(|e| e.contains("DataFusion"))
            && reach["live"]["id"] != report["run"]["id"]
        {
            assert_eq!(
                (
                    reach["live"]["gained"].as_i64(),
                    reach["live"]["lost"].as_i64()
                ),
                (Some(0), Some(0)),
                "{reach}"
            );
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "no run at start: {reach}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(smtp.messages().len(), 2, "one e-mail per change");
}

#[tokio::test]
async fn without_smtp_notifications_still_reach_the_portal_and_groups_filter_them() {
    let (db, dir) = fresh().await;
    std::fs::create_dir_all(dir.join("data")).expect("data");
    std::fs::write(dir.join("data/notify.toml"), "interval_seconds = 1\n").expect("settings");
    let s = Server::start(&db, &dir);
    let talent_only = Client::register(&s, "talent-only", "enterprise").await;
    let (st, _) = talent_only
        .put(
            &s,
            "/api/subscription",
            json!({"groups": ["talent"], "email": null, "lang": "ar"}),
        )
        .await;
    assert_eq!(st, 200);
    let everyone = Client::register(&s, "all-groups", "enterprise").await;
    for c in [&talent_only, &everyone] {
        let (st, body) = c
            .put(&s, "/api/profile", json!({"facts": facts(true)}))
            .await;
        assert_eq!(st, 200, "{body}");
    }
    // The applicant who never chose hears about every group, in the portal only.
    let n = wait_inbox(&everyone, &s, "eligible").await;
    assert!(n["emailed_at"].is_null());
    // The one who chose talent measures only is not told about an enterprise measure.
    let list = inbox(&talent_only, &s).await;
    assert!(
        list["notifications"]
            .as_array()
            .expect("list")
            .iter()
            .all(|n| n["measure"] != MEASURE),
        "{list}"
    );
    // The same notification in the other languages.
    let (st, ar) = everyone.get(&s, "/api/notifications?lang=ar").await;
    assert_eq!(st, 200);
    let title = ar["notifications"][0]["title"].as_str().expect("title");
    assert!(title.contains("قد تكون مؤهلًا"), "{title}");
    let (st, zh) = everyone.get(&s, "/api/notifications?lang=zh-CN").await;
    assert_eq!(st, 200);
    assert!(
        zh["notifications"][0]["title"]
            .as_str()
            .expect("title")
            .contains("符合条件")
    );
}
