//! Consultation (issue 16 item 2), through the real `onestop serve` (SQLite, or
//! PostgreSQL when ONESTOP_TEST_PG_ADMIN is set): a question is routed to the
//! measure's responsible agency with a due date in working days, answered with a
//! citation by that agency only, published in the FAQ and found by its search; an
//! unanswered question is overdue once its day has passed; refusals are 4xx with a
//! message; a draft measure collects enterprises' opinions until its agency closes it.

mod support;

use serde_json::json;
use support::{Client, Server, fresh, today};

/// Led by the Science and Technology Commission (catalog/measures.toml).
const MEASURE: &str = "talent.category-a-fast-track";
/// Led by the Public Security Bureau: its exit-entry administration answers.
const IMMIGRATION: &str = "talent.immigration-pilot-citywide";
const CITED: &str = "000_abb21015abc8a560.txt §15(2)";

fn working_days_after(day: &str, n: i64) -> String {
    let d = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("date");
    onestop_calendar::Calendar::shipped()
        .add_working_days(d, n)
        .expect("in the calendar")
        .to_string()
}

#[tokio::test]
async fn questions_are_routed_answered_with_citations_and_published_in_the_faq() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.officer("officer-commission", "sci-tech");
    s.officer("officer-exit-entry", "exit-entry");
    let commission = Client::login(&s, "officer-commission").await;
    let exit_entry = Client::login(&s, "officer-exit-entry").await;
    let asker = Client::register(&s, "asking-co", "enterprise").await;
    let other = Client::register(&s, "nosy-co", "enterprise").await;
    let anonymous = Client::anonymous();

    // Asked in Arabic, routed to the lead organisation's agency, due in ten working
    // days (config/consultation.toml) by the official calendar.
    let text = "هل يمكن تقديم طلب تصريح العمل من الفئة أ عبر الإنترنت؟";
    let (st, q) = asker
        .post(
            &s,
            "/api/consultation/questions",
            json!({"measure": MEASURE, "lang": "ar", "text": text}),
        )
        .await;
    assert_eq!(st, 201, "{q}");
    assert_eq!(q["agency"], "sci-tech", "{q}");
    assert_eq!(q["lang"], "ar");
    assert_eq!(q["asked_on"], today().as_str());
    assert_eq!(q["due_on"], working_days_after(&today(), 10).as_str());
    // Provisional exactly when counted through a year without a holiday notice.
    let cal = onestop_calendar::Calendar::shipped();
    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date");
    let due = working_days_after(&today(), 10);
    assert_eq!(
        q["due_provisional"].as_bool(),
        Some(!cal.provisional_in(day(&today()), day(&due)).is_empty()),
        "{q}"
    );
    if today() == "2026-06-15" {
        // The Dragon Boat Festival (19 June 2026) is not counted.
        assert_eq!(q["due_on"], "2026-06-30");
        assert_eq!(q["due_provisional"], false);
    }
    assert_eq!(
        (q["overdue"].as_bool(), q["answer"].is_null()),
        (Some(false), true)
    );
    let id = q["id"].as_str().expect("id").to_string();
    let (st, q2) = asker
        .post(
            &s,
            "/api/consultation/questions",
            json!({"measure": IMMIGRATION, "lang": "zh-CN", "text": "外籍人才永久居留可以在哪里办理？"}),
        )
        .await;
    assert_eq!(
        (st, q2["agency"].as_str(), q2["lang"].as_str()),
        (201, Some("exit-entry"), Some("zh")),
        "{q2}"
    );
    let id2 = q2["id"].as_str().expect("id").to_string();

    // Each agency's inbox has its own question only; the asker sees both.
    let (st, inbox) = commission.get(&s, "/api/consultation/questions").await;
    assert_eq!(st, 200, "{inbox}");
    let ids = |v: &serde_json::Value| {
        v["questions"]
            .as_array()
            .expect("questions")
            .iter()
            .map(|q| q["id"].as_str().unwrap_or("").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&inbox), vec![id.clone()]);
    let (_, inbox) = exit_entry.get(&s, "/api/consultation/questions").await;
    assert_eq!(ids(&inbox), vec![id2.clone()]);
    let (_, mine) = asker.get(&s, "/api/consultation/questions").await;
    assert_eq!(ids(&mine).len(), 2);
    let (_, theirs) = other.get(&s, "/api/consultation/questions").await;
    assert!(ids(&theirs).is_empty());

    // Who may see and answer it.
    let path = format!("/api/consultation/questions/{id}");
    let (st, _) = other.get(&s, &path).await;
    assert_eq!(st, 403, "another applicant");
    let (st, _) = exit_entry.get(&s, &path).await;
    assert_eq!(st, 403, "another agency");
    let (st, _) = anonymous.get(&s, &path).await;
    assert_eq!(st, 401);
    let answer_path = format!("{path}/answer");
    let good = json!({"answer": format!("نعم. Yes: the one-window service takes it online ({CITED}; 003_021bab1a94e0afa8.txt §18).")});
    for (who, c) in [("another agency", &exit_entry), ("the asker", &asker)] {
        let (st, e) = c.post(&s, &answer_path, good.clone()).await;
        assert_eq!(st, 403, "{who}: {e}");
        assert!(e["error"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
    }

    // Refusals with a message: no citation, empty, malformed, unknown things.
    let (st, e) = commission
        .post(&s, &answer_path, json!({"answer": "Yes, online."}))
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("answer")), "{e}");
    assert!(
        e["error"]
            .as_str()
            .unwrap_or("")
            .contains("cites its source"),
        "{e}"
    );
    let (st, e) = commission
        .post(&s, &answer_path, json!({"answer": "  "}))
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("answer")), "{e}");
    let (st, e) = commission
        .post(&s, &answer_path, json!({"text": "x"}))
        .await;
    assert_eq!(st, 422, "{e}");
    let r = reqwest::Client::new()
        .post(s.url(&answer_path))
        .bearer_auth(commission.token.as_deref().expect("token"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("send");
    assert_eq!(r.status().as_u16(), 400);
    for (body, status, field) in [
        (
            json!({"measure": "talent.no-such", "lang": "en", "text": "?"}),
            404,
            None,
        ),
        (
            json!({"measure": MEASURE, "lang": "fr", "text": "?"}),
            422,
            Some("lang"),
        ),
        (
            json!({"measure": MEASURE, "lang": "en", "text": " "}),
            422,
            Some("text"),
        ),
        (json!({"measure": MEASURE, "lang": "en"}), 422, None),
    ] {
        let (st, e) = asker
            .post(&s, "/api/consultation/questions", body.clone())
            .await;
        assert_eq!(st, status, "{body}: {e}");
        assert!(e["error"].as_str().is_some_and(|m| !m.is_empty()), "{e}");
        if let Some(f) = field {
            assert_eq!(e["field"], f, "{e}");
        }
    }
    let (st, _) = commission
        .post(
            &s,
            "/api/consultation/questions",
            json!({"measure": MEASURE, "lang": "en", "text": "?"}),
        )
        .await;
    assert_eq!(st, 403, "officers answer, they do not ask");
    let (st, e) = commission
        .post(&s, &format!("{path}/faq"), json!({"publish": true}))
        .await;
    assert_eq!(st, 409, "not answered yet: {e}");

    // The agency answers with citations; once only.
    let (st, a) = commission.post(&s, &answer_path, good.clone()).await;
    assert_eq!(st, 200, "{a}");
    assert_eq!(
        a["citations"],
        json!([CITED, "003_021bab1a94e0afa8.txt §18"]),
        "{a}"
    );
    assert_eq!(a["answered_by"], "officer-commission");
    let (st, e) = commission.post(&s, &answer_path, good.clone()).await;
    assert_eq!(st, 409, "{e}");
    let (_, seen) = asker.get(&s, &path).await;
    assert!(
        seen["answer"].as_str().unwrap_or("").contains(CITED),
        "the asker sees the answer: {seen}"
    );

    // Published in the FAQ by that agency only; found by its search.
    let (st, _) = exit_entry
        .post(&s, &format!("{path}/faq"), json!({"publish": true}))
        .await;
    assert_eq!(st, 403);
    let (st, f) = commission
        .post(&s, &format!("{path}/faq"), json!({"publish": true}))
        .await;
    assert_eq!((st, f["faq"].as_bool()), (200, Some(true)), "{f}");
    let (st, faq) = anonymous
        .get(
            &s,
            &format!("/api/consultation/faq?q=%D8%A7%D9%84%D8%B9%D9%85%D9%84&measure={MEASURE}"),
        )
        .await;
    assert_eq!(st, 200, "{faq}");
    let entries = faq["entries"].as_array().expect("entries");
    assert_eq!(entries.len(), 1, "{faq}");
    assert_eq!(entries[0]["question"], text);
    let (_, faq) = anonymous
        .get(&s, "/api/consultation/faq?q=one-window+online")
        .await;
    assert_eq!(faq["entries"].as_array().map(Vec::len), Some(1), "{faq}");
    let (_, faq) = anonymous.get(&s, "/api/consultation/faq?q=zzzqqq").await;
    assert_eq!(faq["entries"].as_array().map(Vec::len), Some(0), "{faq}");
    // The measure's catalogue page and the FAQ page show it, the citation a link.
    for page in [
        format!("/measures/{MEASURE}?lang=en"),
        "/faq?q=online&lang=ar".to_string(),
    ] {
        let html = reqwest::get(s.url(&page))
            .await
            .expect("page")
            .text()
            .await
            .expect("html");
        assert!(html.contains(text), "{page}");
        assert!(
            html.contains("href=\"/sources/000_abb21015abc8a560#s-15-2\""),
            "{page}: the citation links to its section"
        );
    }
    // The unpublished question is not in the FAQ.
    let (_, faq) = anonymous.get(&s, "/api/consultation/faq").await;
    assert_eq!(faq["entries"].as_array().map(Vec::len), Some(1), "{faq}");

    // Past its due date, the unanswered question is overdue (the same database, a
    // server on a later business date); the answered one, answered in time, is not.
    drop(s);
    let later = working_days_after(&today(), 12);
    let s = Server::start_on(&db, &dir, &later);
    let asker = Client::login(&s, "asking-co").await;
    let (_, mine) = asker.get(&s, "/api/consultation/questions").await;
    let list = mine["questions"].as_array().expect("questions");
    let of = |qid: &str| {
        list.iter()
            .find(|q| q["id"] == qid)
            .cloned()
            .expect("question")
    };
    assert_eq!(of(&id2)["overdue"], true, "unanswered past its day");
    assert_eq!(of(&id)["overdue"], false, "answered in time");
    let exit_entry = Client::login(&s, "officer-exit-entry").await;
    let (_, inbox) = exit_entry.get(&s, "/api/consultation/questions").await;
    assert_eq!(inbox["questions"][0]["overdue"], true);
}

#[tokio::test]
async fn enterprises_give_opinions_on_a_draft_until_its_agency_closes_it() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.officer("officer-commission", "sci-tech");
    s.officer("officer-tax", "tax");
    let commission = Client::login(&s, "officer-commission").await;
    let tax = Client::login(&s, "officer-tax").await;
    let enterprise = Client::register(&s, "opinionated-co", "enterprise").await;
    let person = Client::register(&s, "a-person", "person").await;
    let anonymous = Client::anonymous();

    let draft = json!({"title": "Draft measures on application scenarios", "text": "Article 1. Agencies publish lists of application scenarios.\nArticle 2. Enterprises submit solutions.", "working_days": 10});
    let (st, e) = commission
        .post(
            &s,
            "/api/consultation/drafts",
            json!({"title": "x", "text": "y", "working_days": 2}),
        )
        .await;
    assert_eq!(
        (st, e["field"].as_str()),
        (422, Some("working_days")),
        "{e}"
    );
    let (st, _) = enterprise
        .post(&s, "/api/consultation/drafts", draft.clone())
        .await;
    assert_eq!(st, 403, "enterprises do not publish drafts");
    let (st, d) = commission.post(&s, "/api/consultation/drafts", draft).await;
    assert_eq!(st, 201, "{d}");
    assert_eq!(
        (d["agency"].as_str(), d["open"].as_bool()),
        (Some("sci-tech"), Some(true))
    );
    assert_eq!(d["closes_on"], working_days_after(&today(), 10).as_str());
    let id = d["id"].as_str().expect("id").to_string();
    let (_, list) = anonymous.get(&s, "/api/consultation/drafts").await;
    assert_eq!(list["drafts"][0]["id"], id.as_str(), "drafts are public");

    let op = format!("/api/consultation/drafts/{id}/opinions");
    let (st, o) = enterprise
        .post(
            &s,
            &op,
            json!({"lang": "en", "text": "Please name the scenario owner in each list."}),
        )
        .await;
    assert_eq!(st, 201, "{o}");
    let (st, _) = person
        .post(&s, &op, json!({"lang": "en", "text": "x"}))
        .await;
    assert_eq!(st, 403, "opinions come from enterprises (001 §5)");
    let (st, _) = commission
        .post(&s, &op, json!({"lang": "en", "text": "x"}))
        .await;
    assert_eq!(st, 403);
    let (st, e) = enterprise
        .post(&s, &op, json!({"lang": "en", "text": ""}))
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("text")), "{e}");

    // The agency reads the opinions; others see the draft without them.
    let one = format!("/api/consultation/drafts/{id}");
    let (_, seen) = commission.get(&s, &one).await;
    assert_eq!(seen["opinions"].as_array().map(Vec::len), Some(1), "{seen}");
    assert_eq!(seen["opinions"][0]["author_name"], "opinionated-co Ltd");
    for c in [&tax, &enterprise, &anonymous] {
        let (st, seen) = c.get(&s, &one).await;
        assert_eq!((st, seen["opinions"].is_null()), (200, true), "{seen}");
    }

    // Closing: by the agency only, once; then no more opinions.
    let (st, _) = tax.post(&s, &format!("{one}/close"), json!({})).await;
    assert_eq!(st, 403);
    let (st, d) = commission
        .post(&s, &format!("{one}/close"), json!({}))
        .await;
    assert_eq!((st, d["open"].as_bool()), (200, Some(false)), "{d}");
    let (st, e) = commission
        .post(&s, &format!("{one}/close"), json!({}))
        .await;
    assert_eq!(st, 409, "{e}");
    let (st, e) = enterprise
        .post(&s, &op, json!({"lang": "zh", "text": "还有一点意见。"}))
        .await;
    assert_eq!(st, 409, "the period is over: {e}");
    assert!(e["error"].as_str().unwrap_or("").contains("period"), "{e}");
}
