//! The procedures of the seeds through the service's public face (the real `onestop
//! serve`, HTTP, a real database; PostgreSQL when ONESTOP_TEST_PG_ADMIN is set): the
//! foreign professional's three permits in one submission, issued together; the
//! materials each agency asks for, refused acceptance while one is missing; approval
//! upon filing with its ex-post check; the ordinary limits of Categories B and C.

mod support;

use serde_json::{Value as J, json};
use support::{Client, Server, fresh, talent_facts};

/// The business date the server counts from (a Monday with no holiday near).
const TODAY: &str = "2026-06-15";

fn pdf(what: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {what}\n").into_bytes()
}

fn jpeg() -> Vec<u8> {
    vec![0xff, 0xd8, 0xff, 0xe0, 0, 16, b'J', b'F', b'I', b'F']
}

async fn upload(c: &Client, s: &Server, name: &str, ct: &str, bytes: Vec<u8>) -> String {
    let (st, m) = c.upload(s, name, ct, bytes).await;
    assert_eq!(st, 201, "{name}: {m}");
    m["hash"].as_str().expect("hash").to_string()
}

fn case_of<'a>(bundle: &'a J, kind: &str) -> &'a J {
    bundle["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap_or_else(|| panic!("no {kind} case in {bundle}"))
}

async fn act(o: &Client, s: &Server, case: &str, action: &str, reason: &str) -> (u16, J) {
    o.post(
        s,
        &format!("/api/cases/{case}/actions"),
        json!({"action": action, "reason": reason}),
    )
    .await
}

/// Category A by a talent programme, four years in Beijing: permanent residence too.
fn category_a_with_residence() -> J {
    let mut f = talent_facts();
    let o = f.as_object_mut().expect("facts");
    o.insert("has_beijing_employer".into(), json!(true));
    o.insert(
        "category_a_criteria_met".into(),
        json!(["cat_a_talent_programme"]),
    );
    o.insert("pr_recommended_high_level_talent".into(), json!(false));
    o.insert("years_worked_in_beijing".into(), json!(4));
    o.insert("years_in_china_last_4_years".into(), json!(3));
    o.insert("pr_good_tax_record".into(), json!(true));
    f
}

#[tokio::test]
async fn a_foreign_professional_applies_once_three_cases_are_decided_in_parallel_and_issued_together()
 {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    s.officer("fe-officer", "foreign-experts");
    s.officer("ee-permit", "exit-entry");
    s.officer("ee-residence", "exit-entry");
    let ana = Client::register(&s, "ana", "person").await;
    // Every document but the health certificate.
    let passport = upload(&ana, &s, "passport.pdf", "application/pdf", pdf("passport")).await;
    let contract = upload(&ana, &s, "contract.pdf", "application/pdf", pdf("contract")).await;
    let degree = upload(&ana, &s, "degree.pdf", "application/pdf", pdf("degree")).await;
    let record = upload(&ana, &s, "record.pdf", "application/pdf", pdf("record")).await;
    let photo = upload(&ana, &s, "photo.jpg", "image/jpeg", jpeg()).await;
    // A photograph must be an image: a PDF for it is refused, nothing is stored.
    let (st, e) = ana
        .post(&s, "/api/bundles", json!({"service": "foreign-talent", "idempotency_key": "bad", "facts": category_a_with_residence(), "documents": {"photo": passport}}))
        .await;
    assert_eq!(st, 422, "{e}");
    assert!(e["error"].as_str().unwrap_or("").contains("photo"), "{e}");
    // One file for two different documents is refused, not silently dropped from one.
    let (st, e) = ana
        .post(&s, "/api/bundles", json!({"service": "foreign-talent", "idempotency_key": "twice", "facts": category_a_with_residence(), "documents": {"passport": passport, "degree-certificate": passport}}))
        .await;
    assert_eq!(st, 422, "{e}");
    assert!(
        e["error"].as_str().unwrap_or("").contains("its own file"),
        "{e}"
    );
    let (st, b) = ana
        .post(
            &s,
            "/api/bundles",
            json!({"service": "foreign-talent", "idempotency_key": "ana-1", "facts": category_a_with_residence(),
                   "documents": {"passport": passport, "employment-contract": contract, "degree-certificate": degree, "criminal-record": record, "photo": photo}}),
        )
        .await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(b["cases"].as_array().expect("cases").len(), 3, "{b}");
    let permit = case_of(&b, "foreign-work-permit")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let residence = case_of(&b, "foreign-residence-permit")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let permanent = case_of(&b, "permanent-residence")["id"]
        .as_str()
        .expect("id")
        .to_string();

    // The exit-entry officer cannot accept while the health certificate is missing,
    // asks for it (the clock has not started), and the applicant gives it.
    let ee = Client::login(&s, "ee-permit").await;
    let (st, e) = act(&ee, &s, &residence, "accept", "").await;
    assert_eq!(st, 409, "{e}");
    assert!(
        e["error"]
            .as_str()
            .unwrap_or("")
            .contains("Health certificate"),
        "{e}"
    );
    let (st, c) = act(
        &ee,
        &s,
        &residence,
        "request_info",
        "the health certificate is missing",
    )
    .await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["state"], "more_info_needed");
    assert!(
        c["clock_stopped_on"].is_null(),
        "no clock before acceptance: {c}"
    );
    let (st, d) = ana.get(&s, &format!("/api/cases/{residence}")).await;
    assert_eq!(st, 200);
    let missing: Vec<&str> = d["required_materials"]
        .as_array()
        .expect("materials")
        .iter()
        .filter(|m| m["required"] == true && m["file"].is_null())
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert_eq!(missing, ["health-certificate"], "{d}");
    let health = upload(&ana, &s, "health.pdf", "application/pdf", pdf("health")).await;
    let (st, d) = ana
        .post(
            &s,
            &format!("/api/cases/{residence}/materials"),
            json!({"material": "health-certificate", "hash": health}),
        )
        .await;
    assert_eq!(st, 200, "{d}");
    // Another applicant cannot add to it.
    let eve = Client::register(&s, "eve", "person").await;
    let (st, _) = eve
        .post(
            &s,
            &format!("/api/cases/{residence}/materials"),
            json!({"material": "health-certificate", "hash": health}),
        )
        .await;
    assert_eq!(st, 403);
    let (st, c) = act(
        &ana,
        &s,
        &residence,
        "respond",
        "the certificate is attached",
    )
    .await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["state"], "submitted", "back to the acceptance desk");

    // Three officers of two agencies accept in parallel, each on its own clock.
    let fe = Client::login(&s, "fe-officer").await;
    let ee2 = Client::login(&s, "ee-residence").await;
    let (st, c) = act(&fe, &s, &permit, "accept", "").await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["working_days"], 7, "Category A: 7 working days (001 §9)");
    assert_eq!(
        c["deadline"], "2026-06-25",
        "counted from 16 June, 7 working days skipping the Dragon Boat Festival (19 June)"
    );
    let (st, c) = act(&ee, &s, &residence, "accept", "").await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["working_days"], 7);
    let (st, c) = act(&ee2, &s, &permanent, "accept", "").await;
    assert_eq!(st, 200, "{c}");
    assert!(c["working_days"].is_null(), "a period in months: {c}");
    assert_eq!(c["deadline"], "2026-12-15", "six months from acceptance");
    // An officer of one agency cannot act on another's case.
    let (st, _) = act(&fe, &s, &residence, "approve", "not mine").await;
    assert_eq!(st, 403);

    // Decisions come in one by one; nothing is issued until the last.
    for (o, id) in [(&fe, &permit), (&ee, &residence)] {
        let (st, c) = act(o, &s, id, "approve", "criteria met").await;
        assert_eq!(st, 200, "{c}");
        let (st, mine) = ana.get(&s, "/api/licences").await;
        assert_eq!(st, 200);
        assert_eq!(
            mine.as_array().expect("licences").len(),
            0,
            "issued together: {mine}"
        );
    }
    let (st, c) = act(&ee2, &s, &permanent, "approve", "criteria met").await;
    assert_eq!(st, 200, "{c}");
    let (st, mine) = ana.get(&s, "/api/licences").await;
    assert_eq!(st, 200);
    let mine = mine.as_array().expect("licences");
    assert_eq!(mine.len(), 3, "all three issued at once: {mine:?}");
    let kinds: std::collections::BTreeSet<&str> = mine
        .iter()
        .filter_map(|l| l["granted"]["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "foreign-residence-permit",
            "foreign-work-permit",
            "permanent-residence"
        ]
        .into()
    );
    let issued: std::collections::BTreeSet<&str> = mine
        .iter()
        .filter_map(|l| l["validity"]["from"].as_str())
        .collect();
    assert_eq!(issued.len(), 1, "one issue date: {mine:?}");
    // Each valid for the term its cited rule parameter sets, counted from the issue.
    let from = issued
        .iter()
        .next()
        .copied()
        .unwrap_or_default()
        .to_string();
    for (kind, years, parameter) in [
        ("foreign-work-permit", 5, "work_permit_validity"),
        (
            "foreign-residence-permit",
            5,
            "work_residence_permit_validity",
        ),
        (
            "permanent-residence",
            10,
            "permanent_residence_card_validity",
        ),
    ] {
        let l = mine
            .iter()
            .find(|l| l["granted"]["kind"] == kind)
            .expect("licence");
        let start = chrono::NaiveDate::parse_from_str(&from, "%Y-%m-%d").expect("date");
        let until = start
            .checked_add_months(chrono::Months::new(12 * years))
            .and_then(|d| d.pred_opt())
            .expect("until");
        assert_eq!(l["validity"]["until"], until.to_string(), "{kind}: {l}");
        assert!(
            l["validity"]["basis"]
                .as_str()
                .is_some_and(|b| b.starts_with(parameter)),
            "{kind}: {l}"
        );
    }
}

#[tokio::test]
async fn categories_b_and_c_are_served_on_the_ordinary_limits_without_permanent_residence() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    s.officer("fe-officer", "foreign-experts");
    s.officer("ee-officer", "exit-entry");
    let bo = Client::register(&s, "bo-b", "person").await;
    let facts = json!({
        "is_foreign_national": true, "has_beijing_employer": true, "category_a_criteria_met": [],
        "employed_by_eligible_st_service_provider": false, "annual_salary_in_china": "450000",
        "highest_education": "wp_edu_master", "relevant_work_experience_years": 2,
        "months_in_china_per_year": 9, "chinese_level": "wp_chinese_hsk5_plus",
        "birth_date": "1979-03-01", "graduated_top_100_university": false,
        "fortune_500_experience": false, "beijing_bonus_points": 4,
        "pr_recommended_high_level_talent": false
    });
    let passport = upload(&bo, &s, "passport.pdf", "application/pdf", pdf("passport")).await;
    let contract = upload(&bo, &s, "contract.pdf", "application/pdf", pdf("contract")).await;
    let degree = upload(&bo, &s, "degree.pdf", "application/pdf", pdf("degree")).await;
    let record = upload(&bo, &s, "record.pdf", "application/pdf", pdf("record")).await;
    let photo = upload(&bo, &s, "photo.jpg", "image/jpeg", jpeg()).await;
    let health = upload(&bo, &s, "health.pdf", "application/pdf", pdf("health")).await;
    let (st, b) = bo
        .post(&s, "/api/bundles", json!({"service": "foreign-talent", "idempotency_key": "bo-1", "facts": facts,
            "documents": {"passport": passport, "employment-contract": contract, "degree-certificate": degree, "criminal-record": record, "photo": photo, "health-certificate": health}}))
        .await;
    assert_eq!(st, 201, "{b}");
    let kinds: Vec<&str> = b["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter_map(|c| c["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        ["foreign-residence-permit", "foreign-work-permit"],
        "no permanent residence case"
    );
    let fe = Client::login(&s, "fe-officer").await;
    let permit = case_of(&b, "foreign-work-permit")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let (st, c) = act(&fe, &s, &permit, "accept", "").await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["working_days"], 20, "Category B: the ordinary limit");
    let ee = Client::login(&s, "ee-officer").await;
    let residence = case_of(&b, "foreign-residence-permit")["id"]
        .as_str()
        .expect("id")
        .to_string();
    let (st, c) = act(&ee, &s, &residence, "accept", "").await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["working_days"], 15);
}

/// An IC enterprise of Beijing: the filing route, failing the national 60% (risky).
fn filing_enterprise(industry: &str, domestic_rd: &str) -> J {
    json!({
        "registration_date": "2018-03-01", "registration_region": "beijing", "industry": industry,
        "is_above_designated_size": true, "sales_revenue_latest_year": "30000000",
        "sales_revenue_last_3_years": "80000000", "rd_expenses_last_3_years": "5000000",
        "rd_expenses_domestic_last_3_years": domestic_rd, "employees_total": 100, "st_staff": 25,
        "high_tech_income_latest_year": "24000000", "total_income_latest_year": "30000000",
        "hnte_owns_core_ip": true, "hnte_core_tech_in_supported_fields": true,
        "hnte_innovation_score": "80", "hnte_major_incident_prior_year": false
    })
}

async fn file_high_tech(s: &Server, name: &str, facts: J) -> (Client, J) {
    let e = Client::register(s, name, "enterprise").await;
    let a = upload(
        &e,
        s,
        "application.pdf",
        "application/pdf",
        pdf("application"),
    )
    .await;
    let r = upload(&e, s, "audit.pdf", "application/pdf", pdf("audit")).await;
    let i = upload(&e, s, "ip.pdf", "application/pdf", pdf("ip")).await;
    let (st, b) = e
        .post(
            s,
            "/api/bundles",
            json!({"service": "high-tech-filing", "idempotency_key": name, "facts": facts,
            "documents": {"hnte-application": a, "rd-expense-audit": r, "ip-certificates": i}}),
        )
        .await;
    assert_eq!(st, 201, "{b}");
    (e, b)
}

#[tokio::test]
async fn approval_upon_filing_is_immediate_then_checked_risky_first_and_revocable() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    s.officer("st-officer", "sci-tech");
    s.officer("tax-officer", "tax");
    // Filing route, failing a national criterion: approved at once, flagged.
    let (risky, b) = file_high_tech(
        &s,
        "risky-ic",
        filing_enterprise("integrated_circuits", "2750000"),
    )
    .await;
    let c = case_of(&b, "high-tech-recognition");
    assert_eq!(c["state"], "approved", "{b}");
    assert_eq!(c["decided_by"], "onestop (approval upon filing)");
    assert_eq!(c["supervision"], "pending");
    assert_eq!(c["supervision_risk"], true);
    assert!(
        c["supervision_due"].as_str().is_some_and(|d| d > TODAY),
        "{c}"
    );
    let risky_case = c["id"].as_str().expect("id").to_string();
    let (st, mine) = risky.get(&s, "/api/licences").await;
    assert_eq!(st, 200);
    assert_eq!(
        mine.as_array().expect("licences").len(),
        1,
        "the licence at once: {mine}"
    );
    // Filing route meeting the national criteria too: approved, not flagged.
    let (_, b) = file_high_tech(&s, "sound-bio", filing_enterprise("biomedicine", "4500000")).await;
    let sound_case = case_of(&b, "high-tech-recognition")["id"]
        .as_str()
        .expect("id")
        .to_string();
    assert_eq!(
        case_of(&b, "high-tech-recognition")["supervision_risk"],
        false
    );
    // The national route is an ordinary review on its limit.
    let mut national = filing_enterprise("software_it", "4500000");
    national["is_above_designated_size"] = json!(false);
    let (_, b) = file_high_tech(&s, "national-sw", national).await;
    let c = case_of(&b, "high-tech-recognition");
    assert_eq!(c["state"], "submitted", "{b}");
    assert!(c["supervision"].is_null());
    let st_officer = Client::login(&s, "st-officer").await;
    let (st, c) = act(&st_officer, &s, c["id"].as_str().expect("id"), "accept", "").await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["working_days"], 20);

    // The queue: the risky filing first.
    let (st, q) = st_officer.get(&s, "/api/supervision").await;
    assert_eq!(st, 200, "{q}");
    let ids: Vec<&str> = q
        .as_array()
        .expect("queue")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(ids, [risky_case.as_str(), sound_case.as_str()]);
    // Another agency's officer cannot check it; the holder cannot either.
    let tax = Client::login(&s, "tax-officer").await;
    let (st, _) = tax
        .post(
            &s,
            &format!("/api/cases/{risky_case}/supervision"),
            json!({"outcome": "pass", "reason": "x"}),
        )
        .await;
    assert_eq!(st, 403);
    let (st, _) = risky
        .post(
            &s,
            &format!("/api/cases/{risky_case}/supervision"),
            json!({"outcome": "pass", "reason": "x"}),
        )
        .await;
    assert_eq!(st, 403);
    let (st, e) = st_officer
        .post(
            &s,
            &format!("/api/cases/{risky_case}/supervision"),
            json!({"outcome": "maybe", "reason": "x"}),
        )
        .await;
    assert_eq!(st, 422, "{e}");
    // Passed stands; revoked revokes the case.
    let (st, c) = st_officer
        .post(
            &s,
            &format!("/api/cases/{sound_case}/supervision"),
            json!({"outcome": "pass", "reason": "national criteria met on inspection"}),
        )
        .await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(
        (c["state"].as_str(), c["supervision"].as_str()),
        (Some("approved"), Some("passed"))
    );
    let (st, c) = st_officer
        .post(
            &s,
            &format!("/api/cases/{risky_case}/supervision"),
            json!({"outcome": "revoke", "reason": "domestic R&D share below the national 60%"}),
        )
        .await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(
        (c["state"].as_str(), c["supervision"].as_str()),
        (Some("revoked"), Some("revoked"))
    );
    let (st, e) = st_officer
        .post(
            &s,
            &format!("/api/cases/{risky_case}/supervision"),
            json!({"outcome": "pass", "reason": "again"}),
        )
        .await;
    assert_eq!(st, 409, "checked once: {e}");
    let (st, q) = st_officer.get(&s, "/api/supervision").await;
    assert_eq!(st, 200);
    assert_eq!(q.as_array().expect("queue").len(), 0, "{q}");
    let (st, d) = risky.get(&s, &format!("/api/cases/{risky_case}")).await;
    assert_eq!(st, 200);
    assert!(
        d["audit"]
            .as_array()
            .expect("audit")
            .iter()
            .any(|a| a["reason"]
                .as_str()
                .unwrap_or("")
                .contains("domestic R&D share")),
        "the applicant sees why: {d}"
    );

    // The licence is revoked on the register: the holder's list, the public
    // verification (API and page) and the printable licence all say so.
    let (st, mine) = risky.get(&s, "/api/licences").await;
    assert_eq!(st, 200);
    assert_eq!(mine[0]["status"], "revoked", "{mine}");
    let code = mine[0]["code"].as_str().expect("code").to_string();
    let anyone = Client::anonymous();
    let (st, v) = anyone
        .get(&s, &format!("/api/licences/{code}/verification"))
        .await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(
        (v["valid"].as_bool(), v["status"].as_str()),
        (Some(true), Some("revoked")),
        "{v}"
    );
    assert_eq!(
        v["status_history"][0]["reason"],
        "domestic R&D share below the national 60%"
    );
    let (st, page) = anyone
        .get(&s, &format!("/verify?code={code}&lang=en"))
        .await;
    assert_eq!(st, 200);
    let page = page.as_str().expect("html");
    assert!(page.contains("Revoked: no longer in force"), "{page}");
    assert!(
        page.contains("domestic R&amp;D share below the national 60%"),
        "{page}"
    );
    assert!(
        !page.contains("verdict-valid"),
        "a revoked licence is never shown as good"
    );
    for (lang, stamp) in [("en", "REVOKED"), ("zh-CN", "已撤销"), ("ar", "ملغاة")] {
        let (st, printed) = anyone
            .get(&s, &format!("/licences/{code}?lang={lang}"))
            .await;
        assert_eq!(st, 200);
        assert!(printed.as_str().expect("html").contains(stamp), "{lang}");
    }

    // The deciding agency suspends and reinstates the other filing's licence; nobody
    // else may, and a revoked licence stays revoked.
    let (_, sound_licences) = Client::login(&s, "sound-bio")
        .await
        .get(&s, "/api/licences")
        .await;
    let sound_code = sound_licences[0]["code"]
        .as_str()
        .expect("code")
        .to_string();
    let status = |c: &str| format!("/api/licences/{c}/status");
    let (st, _) = tax
        .post(
            &s,
            &status(&sound_code),
            json!({"change": "suspend", "reason": "not ours"}),
        )
        .await;
    assert_eq!(st, 403);
    let (st, e) = st_officer
        .post(
            &s,
            &status(&sound_code),
            json!({"change": "reinstate", "reason": "nothing to lift"}),
        )
        .await;
    assert_eq!(st, 409, "{e}");
    let (st, e) = st_officer
        .post(
            &s,
            &status(&sound_code),
            json!({"change": "cancel", "reason": "x"}),
        )
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("change")), "{e}");
    let (st, e) = st_officer
        .post(
            &s,
            &status(&sound_code),
            json!({"change": "suspend", "reason": " "}),
        )
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("reason")), "{e}");
    let (st, v) = st_officer
        .post(
            &s,
            &status(&sound_code),
            json!({"change": "suspend", "reason": "complaint under inquiry"}),
        )
        .await;
    assert_eq!((st, v["status"].as_str()), (200, Some("suspended")), "{v}");
    let (st, v) = st_officer
        .post(
            &s,
            &status(&sound_code),
            json!({"change": "reinstate", "reason": "complaint unfounded"}),
        )
        .await;
    assert_eq!((st, v["status"].as_str()), (200, Some("valid")), "{v}");
    let (st, _) = st_officer
        .post(
            &s,
            &status(&code),
            json!({"change": "reinstate", "reason": "undo"}),
        )
        .await;
    assert_eq!(st, 409, "revoked is final");
    // The whole register still verifies from its stored rows.
    let (st, k) = anyone.get(&s, "/api/ledger/key").await;
    assert_eq!(st, 200, "{k}");
    let key = dir.join("log.pub");
    std::fs::write(&key, k["key_file"].as_str().expect("key_file")).expect("write key");
    let (c, out, err) = support::onestop(
        &[
            "ledger",
            "verify",
            "--log-key",
            key.to_str().expect("path"),
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(c, 0, "{out}{err}");
}

#[tokio::test]
async fn a_commitment_is_approved_when_filed_and_an_incomplete_filing_waits_for_its_material() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    s.officer("housing", "housing");
    let e = Client::register(&s, "builder", "enterprise").await;
    let facts = json!({"construction_project_low_risk": true, "construction_project_in_beijing": true, "commitment_signed": true, "commitment_excluded_by_credit": false});
    let letter = upload(
        &e,
        &s,
        "commitment.pdf",
        "application/pdf",
        pdf("commitment"),
    )
    .await;
    // The project plan is missing: the filing is incomplete and waits.
    let (st, b) = e
        .post(&s, "/api/bundles", json!({"service": "commitment-approval", "idempotency_key": "c1", "facts": facts, "documents": {"commitment-letter": letter}}))
        .await;
    assert_eq!(st, 201, "{b}");
    let c = case_of(&b, "commitment-approval");
    assert_eq!(c["state"], "submitted", "{b}");
    let id = c["id"].as_str().expect("id").to_string();
    let plan = upload(&e, &s, "plan.pdf", "application/pdf", pdf("plan")).await;
    let (st, d) = e
        .post(
            &s,
            &format!("/api/cases/{id}/materials"),
            json!({"material": "project-plan", "hash": plan}),
        )
        .await;
    assert_eq!(st, 200, "{d}");
    assert_eq!(
        d["state"], "approved",
        "complete, so approved on the commitment: {d}"
    );
    assert_eq!(d["supervision"], "pending");
    // Verified within the period the rules give (40 working days from 15 June 2026).
    assert_eq!(d["supervision_due"], "2026-08-11");
    let (st, mine) = e.get(&s, "/api/licences").await;
    assert_eq!(st, 200);
    assert_eq!(mine.as_array().expect("licences").len(), 1);
    let (st, q) = Client::login(&s, "housing")
        .await
        .get(&s, "/api/supervision")
        .await;
    assert_eq!(st, 200);
    assert_eq!(q.as_array().expect("queue").len(), 1);
}

#[tokio::test]
async fn the_services_document_names_each_case_limit_approval_and_materials() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    let (st, list) = Client::anonymous().get(&s, "/api/services").await;
    assert_eq!(st, 200);
    let list = list.as_array().expect("services");
    assert!(list.len() >= 10, "{list:?}");
    for svc in list {
        for c in svc["cases"].as_array().expect("cases") {
            assert!(
                c["time_limit"].is_object(),
                "every case has a cited limit: {c}"
            );
            assert!(
                !c["materials"].as_array().expect("materials").is_empty(),
                "every case asks for its materials: {c}"
            );
        }
    }
    let talent = list
        .iter()
        .find(|s| s["id"] == "foreign-talent")
        .expect("foreign-talent");
    assert_eq!(talent["issue"], "together");
}
