//! The working-day calendar as operating data, through the service's faces: a case
//! accepted on 2026-12-28 is due on a provisional day in 2027; loading the 2027 notice
//! (API or CLI) recounts it with an audit event; a bad notice changes nothing.
//! SQLite by default, PostgreSQL when ONESTOP_TEST_PG_ADMIN is set.

mod support;

use serde_json::{Value as J, json};
use std::path::Path;
use support::{Client, PASSWORD, Server, fresh, onestop, talent_facts};

const NOTICE_2027: &str = "# year: 2027\n\
# notice: 国务院办公厅关于2027年部分节假日安排的通知\n\
# reference: 国办发明电〔2026〕99号 (test notice)\n\
# published: 2026-12-01\n\
date,kind,name\n\
2027-01-01,holiday,New Year's Day\n\
2027-01-04,holiday,New Year's Day\n\
2027-02-05..2027-02-11,holiday,Spring Festival\n\
2027-02-20,workday,Spring Festival\n";

const BAD_2027: &str = "# year: 2027\n\
# notice: 国务院办公厅关于2027年部分节假日安排的通知\n\
# published: 2026-12-01\n\
2027-01-01,holiday,New Year's Day\n\
2027-01-05,workday,New Year's Day\n\
2027-13-01,holiday,Spring Festival\n";

/// An applicant with a submitted Category A bundle; returns the two case ids
/// (work permit at foreign-experts, residence permit at exit-entry).
async fn submit(s: &Server, name: &str) -> (String, String) {
    let c = Client::register(s, name, "person").await;
    let (st, _) = c
        .put(s, "/api/profile", json!({"facts": talent_facts()}))
        .await;
    assert_eq!(st, 200);
    let (st, m) = c
        .upload(
            s,
            "passport.pdf",
            "application/pdf",
            b"%PDF-1.4\n%x\n".to_vec(),
        )
        .await;
    assert_eq!(st, 201, "{m}");
    let (st, b) = c
        .post(
            s,
            "/api/bundles",
            json!({"service": "category-a-permits", "idempotency_key": name, "documents": {"passport": m["hash"]}}),
        )
        .await;
    assert_eq!(st, 201, "{b}");
    let case = |agency: &str| {
        b["cases"]
            .as_array()
            .and_then(|cs| cs.iter().find(|c| c["agency"] == agency))
            .and_then(|c| c["id"].as_str())
            .map(String::from)
            .expect("case")
    };
    (case("foreign-experts"), case("exit-entry"))
}

async fn act(o: &Client, s: &Server, id: &str, action: &str) -> J {
    let (st, body) = o
        .post(
            s,
            &format!("/api/cases/{id}/actions"),
            json!({"action": action, "reason": "criteria met"}),
        )
        .await;
    assert_eq!(st, 200, "{action}: {body}");
    body
}

fn setup(s: &Server) {
    s.officer("fe-officer", "foreign-experts");
    s.officer("ee-officer", "exit-entry");
    s.admin(&[
        "create-admin",
        "--username",
        "root-admin",
        "--password",
        PASSWORD,
    ]);
}

#[tokio::test]
async fn a_deadline_into_2027_is_provisional_until_the_notice_is_loaded_through_the_api() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, "2026-12-28");
    setup(&s);
    let fe = Client::login(&s, "fe-officer").await;
    let ee = Client::login(&s, "ee-officer").await;
    let admin = Client::login(&s, "root-admin").await;
    let (alice_wp, alice_rp) = submit(&s, "alice").await;
    let (bob_wp, _) = submit(&s, "bob").await;

    // 2027-01-01 (a Friday) is New Year's Day by statute: 7 working days from Monday
    // 2026-12-28 end on 2027-01-07, and the deadline says it is provisional.
    let accepted = act(&fe, &s, &alice_wp, "accept").await;
    assert_eq!(accepted["deadline"], "2027-01-07");
    assert_eq!(accepted["deadline_provisional"], true);
    let (_, inbox) = fe.get(&s, "/api/inbox").await;
    assert!(
        inbox
            .as_array()
            .expect("inbox")
            .iter()
            .any(|c| c["id"] == alice_wp.as_str() && c["deadline_provisional"] == true)
    );
    // Bob's case is decided before the notice: it keeps the deadline it had.
    act(&fe, &s, &bob_wp, "accept").await;
    act(&fe, &s, &bob_wp, "approve").await;

    let (st, health) = Client::anonymous().get(&s, "/healthz").await;
    assert_eq!(st, 200);
    assert_eq!(health["status"], "ok");
    assert_eq!(health["official_until"], "2026-12-31");
    assert_eq!(health["days_left"], 3);
    assert_eq!(health["calendar_warning"], true);

    // The eligibility API marks the same answer provisional, with the reason.
    let (st, ev) = Client::anonymous()
        .post(
            &s,
            "/api/eligibility",
            json!({"entity": "person", "date": "2026-12-28", "measures": ["talent.category-a-fast-track"], "facts": {"work_permit_accepted_on": "2026-12-28"}}),
        )
        .await;
    assert_eq!(st, 200, "{ev}");
    let m = &ev["measures"][0];
    assert_eq!(m["outputs"]["work_permit_decision_due"], "2027-01-07");
    assert_eq!(m["provisional"]["years"], json!([2027]), "{m}");

    // Only admins load notices (cedar), and a bad file changes nothing.
    let post = |c: &Client, body: &str| {
        c.auth(c.http.post(s.url("/api/admin/calendar/notices")))
            .header("content-type", "text/csv")
            .body(body.to_string())
    };
    let (st, body) = Client::send(post(&fe, NOTICE_2027)).await;
    assert_eq!(st, 403, "{body}");
    let (st, body) = Client::send(post(&Client::anonymous(), NOTICE_2027)).await;
    assert_eq!(st, 401, "{body}");
    let (st, body) = Client::send(post(&admin, BAD_2027)).await;
    assert_eq!(st, 422, "{body}");
    let err = body["error"].as_str().expect("error");
    assert!(
        err.contains("upload:5: error:") && err.contains("Tuesday"),
        "{err}"
    );
    assert!(
        err.contains("upload:6: error:") && err.contains("hint:"),
        "{err}"
    );
    let (_, detail) = fe.get(&s, &format!("/api/cases/{alice_wp}")).await;
    assert_eq!(
        detail["deadline"], "2027-01-07",
        "a refused file changes no case"
    );
    assert!(!s.data.join("calendar/2027.csv").exists());

    // The notice makes 2027-01-04 a holiday too: the open case moves to 2027-01-08.
    let (st, report) = Client::send(post(&admin, NOTICE_2027)).await;
    assert_eq!(st, 200, "{report}");
    assert_eq!(report["year"], 2027);
    assert_eq!(
        report["checked"], 1,
        "only open cases with provisional deadlines: {report}"
    );
    assert_eq!(report["changed"][0]["case_id"], alice_wp.as_str());
    assert_eq!(report["changed"][0]["old_deadline"], "2027-01-07");
    assert_eq!(report["changed"][0]["new_deadline"], "2027-01-08");
    assert!(s.data.join("calendar/2027.csv").is_file());

    let (_, detail) = fe.get(&s, &format!("/api/cases/{alice_wp}")).await;
    assert_eq!(detail["deadline"], "2027-01-08");
    assert_eq!(detail["deadline_provisional"], false);
    let last = detail["audit"]
        .as_array()
        .and_then(|a| a.last())
        .cloned()
        .expect("audit");
    let reason = last["reason"].as_str().unwrap_or("");
    assert!(
        reason.contains("2027-01-07 (provisional) -> 2027-01-08"),
        "{reason}"
    );
    assert!(
        reason.contains("国务院办公厅关于2027年部分节假日安排的通知"),
        "{reason}"
    );
    assert!(
        last["actor"]
            .as_str()
            .unwrap_or("")
            .starts_with("root-admin"),
        "{last}"
    );
    let (_, bob) = fe.get(&s, &format!("/api/cases/{bob_wp}")).await;
    assert_eq!(
        bob["deadline"], "2027-01-07",
        "a decided case keeps its deadline"
    );

    // New acceptances count with the loaded notice at once.
    let accepted = act(&ee, &s, &alice_rp, "accept").await;
    assert_eq!(accepted["deadline"], "2027-01-08");
    assert_eq!(accepted["deadline_provisional"], false);
    let (_, health) = Client::anonymous().get(&s, "/healthz").await;
    assert_eq!(health["official_until"], "2027-12-31");
    assert_eq!(health["calendar_warning"], false);
    let (_, cal) = Client::anonymous().get(&s, "/api/calendar").await;
    let y2027 = cal["years"]
        .as_array()
        .and_then(|y| y.iter().find(|r| r["year"] == 2027))
        .cloned()
        .expect("2027");
    assert_eq!(y2027["status"], "official");
    assert_eq!(y2027["published"], "2026-12-01");
}

#[tokio::test]
async fn the_cli_import_refuses_a_bad_file_and_a_running_server_picks_up_a_good_one() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, "2026-12-28");
    setup(&s);
    let fe = Client::login(&s, "fe-officer").await;
    let (wp, _) = submit(&s, "carol").await;
    act(&fe, &s, &wp, "accept").await;

    let data = s.data.to_string_lossy().to_string();
    let bad = dir.join("bad-2027.csv");
    std::fs::write(&bad, BAD_2027).expect("write");
    let (code, _, err) = onestop(
        &[
            "calendar",
            "import",
            &bad.to_string_lossy(),
            "--data",
            &data,
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("bad-2027.csv:5: error:") && err.contains("nothing was loaded"),
        "{err}"
    );
    let (_, detail) = fe.get(&s, &format!("/api/cases/{wp}")).await;
    assert_eq!(detail["deadline"], "2027-01-07");
    assert_eq!(detail["deadline_provisional"], true);

    let good = dir.join("2027-notice.csv");
    std::fs::write(&good, NOTICE_2027).expect("write");
    let (code, out, err) = onestop(
        &[
            "calendar",
            "import",
            &good.to_string_lossy(),
            "--data",
            &data,
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("1 open case(s) had a provisional deadline; 1 changed"),
        "{out}"
    );
    assert!(out.contains("2027-01-07 -> 2027-01-08"), "{out}");
    let (_, detail) = fe.get(&s, &format!("/api/cases/{wp}")).await;
    assert_eq!(detail["deadline"], "2027-01-08");
    // The running server reloads the files it watches.
    let mut official = J::Null;
    for _ in 0..50 {
        let (_, health) = Client::anonymous().get(&s, "/healthz").await;
        official = health["official_until"].clone();
        if official == "2027-12-31" {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    assert_eq!(official, "2027-12-31");

    let (code, out, _) = onestop(
        &[
            "calendar",
            "status",
            "--data",
            &data,
            "--today",
            "2026-12-02",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(
        out.contains("2027  official     国务院办公厅关于2027年部分节假日安排的通知"),
        "{out}"
    );
    assert!(
        out.contains("official until 2027-12-31 (394 days left from 2026-12-02)"),
        "{out}"
    );
    assert!(Path::new(&s.data).join("calendar/2027.csv").is_file());
}

#[test]
fn status_and_eval_on_the_shipped_calendar() {
    let empty = std::env::temp_dir().join(format!("onestop-cal-empty-{}", std::process::id()));
    let data = empty.to_string_lossy().to_string();
    let (code, out, _) = onestop(
        &[
            "calendar",
            "status",
            "--data",
            &data,
            "--today",
            "2026-12-02",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(out.contains("2026  official     国务院办公厅关于2026年部分节假日安排的通知 (国办发明电〔2025〕7号, 2025-11-04) [shipped]"), "{out}");
    assert!(out.contains("2027  provisional  statutory holidays of the Regulations on National Annual Festival and Memorial Day Holidays as revised by State Council Decree No. 795"), "{out}");
    assert!(
        out.contains("official until 2026-12-31 (29 days left from 2026-12-02)"),
        "{out}"
    );
    assert!(
        out.contains("warning: official coverage ends in fewer than 60 days"),
        "{out}"
    );

    let facts = empty.join("facts.json");
    std::fs::create_dir_all(&empty).expect("dir");
    std::fs::write(&facts, r#"{"entity":"person","date":"2026-12-28","facts":{"work_permit_accepted_on":"2026-12-28"}}"#).expect("write");
    let f = facts.to_string_lossy().to_string();
    let args = [
        "eval",
        "--measure",
        "talent.category-a-fast-track",
        "--facts",
        &f,
        "--data",
        &data,
    ];
    let (code, out, err) = onestop(&args, None);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("work_permit_decision_due = 2027-01-07  [PROVISIONAL: 2027]"),
        "{out}"
    );
    assert!(
        out.contains("provisional: counts working days in 2027"),
        "{out}"
    );
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (code, out, _) = onestop(&json_args, None);
    assert_eq!(code, 0);
    let v: J = serde_json::from_str(&out).expect("json");
    let m = &v["measures"][0];
    assert_eq!(m["outputs"]["work_permit_decision_due"], "2027-01-07");
    assert_eq!(m["provisional"]["years"], json!([2027]));
    assert!(
        m["provisional"]["outputs"]
            .as_array()
            .expect("outputs")
            .contains(&json!("work_permit_decision_due"))
    );
    assert!(
        m["provisional"]["reason"]
            .as_str()
            .unwrap_or("")
            .contains("Decree No. 795")
    );
    let (code, out, _) = onestop(
        &[
            "explain",
            "--measure",
            "talent.category-a-fast-track",
            "--facts",
            &f,
            "--data",
            &data,
            "--lang",
            "zh",
        ],
        None,
    );
    assert_eq!(code, 0);
    assert!(out.contains("暂定"), "{out}");
    let _ = std::fs::remove_dir_all(&empty);
}
