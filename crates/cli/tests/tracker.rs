//! The measure tracker kept by people (issue 16), through the real `onestop serve`
//! (SQLite, or PostgreSQL when ONESTOP_TEST_PG_ADMIN is set): an officer of a
//! responsible organisation records progress and the overdue list changes; others
//! are refused; the history keeps every record; the supervising office exports CSV.

mod support;

use serde_json::json;
use support::{Client, Server, fresh};

const MEASURE: &str = "gov.academic-exchange-platforms";

#[tokio::test]
async fn officers_of_the_responsible_organisation_record_progress_and_overdue_follows() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.officer("officer-commission", "sci-tech");
    s.officer("officer-exit-entry", "exit-entry");
    let commission = Client::login(&s, "officer-commission").await;
    let exit_entry = Client::login(&s, "officer-exit-entry").await;
    let applicant = Client::register(&s, "curious-co", "enterprise").await;
    let anonymous = Client::anonymous();

    // Every numbered measure of 000 and every task of 003 is tracked; what onestop
    // ships itself (the one-window service) is recorded as completed, not overdue.
    let (st, tracker) = anonymous.get(&s, "/api/tracker").await;
    assert_eq!(st, 200, "{tracker}");
    let measures = tracker["measures"].as_array().expect("measures");
    assert!(measures.len() >= 70, "{}", measures.len());
    let find = |id: &str| {
        measures
            .iter()
            .find(|m| m["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} tracked"))
    };
    let one_window = find("talent.one-window");
    assert_eq!(
        (
            one_window["status"].as_str(),
            one_window["overdue"].as_bool()
        ),
        (Some("completed"), Some(false)),
        "{one_window}"
    );
    let m = find(MEASURE);
    assert_eq!(
        (m["status"].as_str(), m["overdue"].as_bool()),
        (Some("planned"), Some(true)),
        "{m}"
    );
    let overdue_before = tracker["overdue"].as_u64().expect("count");

    // Only the responsible organisations' officers record.
    let body = json!({"status": "completed", "note": "Zhongguancun Forum 2020 held; academic season running.", "evidence": ["https://www.zgcforum.com.cn/"]});
    let path = format!("/api/tracker/{MEASURE}/updates");
    let (st, _) = exit_entry.post(&s, &path, body.clone()).await;
    assert_eq!(st, 403, "another agency's officer");
    let (st, _) = applicant.post(&s, &path, body.clone()).await;
    assert_eq!(st, 403, "an applicant");
    let (st, _) = anonymous.post(&s, &path, body.clone()).await;
    assert_eq!(st, 401);
    // Bad input is refused with the field.
    for (bad, field) in [
        (json!({"status": "done", "note": "x"}), "status"),
        (json!({"status": "completed", "note": "   "}), "note"),
        (
            json!({"status": "completed", "note": "x", "evidence": ["javascript:alert(1)"]}),
            "evidence",
        ),
        (
            json!({"status": "in-progress", "note": "x", "revised_completion": "2027-02-30"}),
            "revised_completion",
        ),
    ] {
        let (st, e) = commission.post(&s, &path, bad).await;
        assert_eq!((st, e["field"].as_str()), (422, Some(field)), "{e}");
    }
    let (st, e) = commission
        .post(&s, "/api/tracker/gov.no-such/updates", body.clone())
        .await;
    assert_eq!(st, 404, "{e}");

    // First a revised date in the future: still open, no longer overdue.
    let (st, u) = commission
        .post(&s, &path, json!({"status": "in-progress", "note": "Advisory board being set up.", "revised_completion": "2027-06-30"}))
        .await;
    assert_eq!((st, u["seq"].as_i64()), (201, Some(1)), "{u}");
    let (_, tracker) = anonymous.get(&s, "/api/tracker").await;
    assert_eq!(tracker["overdue"].as_u64(), Some(overdue_before - 1));
    // Then completed.
    let (st, u) = commission.post(&s, &path, body).await;
    assert_eq!(
        (
            st,
            u["seq"].as_i64(),
            u["actor"].as_str(),
            u["agency"].as_str()
        ),
        (201, Some(2), Some("officer-commission"), Some("sci-tech")),
        "{u}"
    );
    let (st, one) = commission.get(&s, &format!("/api/tracker/{MEASURE}")).await;
    assert_eq!(st, 200);
    assert_eq!(one["measure"]["status"], "completed");
    assert_eq!(one["measure"]["overdue"], false);
    assert_eq!(one["may_record"], true);
    let history = one["history"].as_array().expect("history");
    assert_eq!(history.len(), 2, "every record is kept");
    assert_eq!(history[0]["revised_completion"], "2027-06-30");
    let (_, one) = exit_entry.get(&s, &format!("/api/tracker/{MEASURE}")).await;
    assert_eq!(one["may_record"], false);

    // The export for the supervising office.
    let r = reqwest::Client::new()
        .get(s.url("/api/tracker/export.csv"))
        .bearer_auth(commission.token.as_deref().expect("token"))
        .send()
        .await
        .expect("export");
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/csv")
    );
    let csv = r.text().await.expect("csv");
    let line = csv
        .lines()
        .find(|l| l.starts_with(&format!("\"{MEASURE}\"")))
        .expect("the measure's line");
    assert!(
        line.contains("\"completed\",\"no\",\"Zhongguancun Forum 2020 held"),
        "{line}"
    );
    assert!(csv.starts_with("id,sources,"));
    let (st, _) = exit_entry.get(&s, "/api/tracker/export.csv").await;
    assert_eq!(st, 403, "not the supervising office");
    let (st, _) = applicant.get(&s, "/api/tracker/export.csv").await;
    assert_eq!(st, 403);
}
