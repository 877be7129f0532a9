//! Each one-window service of `config/services.toml` that `procedures.rs` does not walk
//! through, end to end through the service's public face (the real `onestop serve`,
//! HTTP, a real database): an eligible applicant files every material, the cases open at
//! their agencies, a submission lacking a required material cannot be accepted, the
//! statutory clock starts at acceptance on the limit the cited rule parameter sets
//! (counted in Chinese working days on the official 2026 calendar), another agency's
//! officer is refused, and the approval issues the licence. Also: an account of the
//! wrong entity is refused.
//!
//! The business date is Monday 2026-06-15. Deadlines are counted from the day after
//! acceptance (data/calendar/official/2026.csv: Friday 19 June 2026 is the Dragon Boat
//! Festival holiday, with no make-up working day nearby); each literal below is checked
//! against an independent count over that file by [`working_days_after`].

mod support;

use serde_json::{Value as J, json};
use std::collections::{BTreeMap, BTreeSet};
use support::{Client, Server, fresh};

/// The business date the server counts from.
const TODAY: &str = "2026-06-15";

fn pdf(what: &str) -> Vec<u8> {
    format!("%PDF-1.4\n% {what}\n").into_bytes()
}

fn jpeg(what: &str) -> Vec<u8> {
    let mut b = vec![0xff, 0xd8, 0xff, 0xe0, 0, 16, b'J', b'F', b'I', b'F'];
    b.extend_from_slice(what.as_bytes());
    b
}

/// Uploads one file per material (distinct bytes each: one file fills one material of
/// a submission) and returns material id -> hash. `jpeg` lists the materials given as
/// a JPEG scan (only where the slot accepts images); the rest are PDFs.
async fn upload_all(
    c: &Client,
    s: &Server,
    ids: &[&str],
    jpegs: &[&str],
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for id in ids {
        let (name, ct, bytes) = if jpegs.contains(id) {
            (format!("{id}.jpg"), "image/jpeg", jpeg(id))
        } else {
            (format!("{id}.pdf"), "application/pdf", pdf(id))
        };
        let (st, m) = c.upload(s, &name, ct, bytes).await;
        assert_eq!(st, 201, "{id}: {m}");
        out.insert(
            id.to_string(),
            m["hash"].as_str().expect("hash").to_string(),
        );
    }
    out
}

/// POST /api/bundles with these facts and files, leaving out the material `omit`.
async fn submit(
    c: &Client,
    s: &Server,
    service: &str,
    key: &str,
    facts: &J,
    files: &BTreeMap<String, String>,
    omit: Option<&str>,
) -> (u16, J) {
    let documents: serde_json::Map<String, J> = files
        .iter()
        .filter(|(id, _)| Some(id.as_str()) != omit)
        .map(|(id, h)| (id.clone(), J::String(h.clone())))
        .collect();
    c.post(
        s,
        "/api/bundles",
        json!({"service": service, "idempotency_key": key, "facts": facts, "documents": documents}),
    )
    .await
}

/// (kind, agency) of every case a bundle opened, in the bundle's order (by kind).
fn opened(bundle: &J) -> Vec<(String, String)> {
    bundle["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().expect("kind").to_string(),
                c["agency"].as_str().expect("agency").to_string(),
            )
        })
        .collect()
}

fn case_id(bundle: &J, kind: &str) -> String {
    bundle["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["kind"] == kind)
        .and_then(|c| c["id"].as_str())
        .unwrap_or_else(|| panic!("no {kind} case in {bundle}"))
        .to_string()
}

async fn act(o: &Client, s: &Server, case: &str, action: &str, reason: &str) -> (u16, J) {
    o.post(
        s,
        &format!("/api/cases/{case}/actions"),
        json!({"action": action, "reason": reason}),
    )
    .await
}

/// The case cannot be accepted while `missing` (its English title) is not given: 409
/// naming it, the case still waiting at the acceptance desk, and the case's list of
/// required materials showing exactly that slot empty.
async fn refused_without(
    officer: &Client,
    applicant: &Client,
    s: &Server,
    case: &str,
    missing_id: &str,
    missing_title: &str,
) {
    let (st, e) = act(officer, s, case, "accept", "").await;
    assert_eq!(st, 409, "{e}");
    let msg = e["error"].as_str().unwrap_or("");
    assert!(msg.contains(missing_title), "names the material: {e}");
    assert!(msg.contains("required material"), "{e}");
    let (st, d) = applicant.get(s, &format!("/api/cases/{case}")).await;
    assert_eq!(st, 200, "{d}");
    assert_eq!(d["state"], "submitted", "not accepted: {d}");
    assert!(
        d["accepted_on"].is_null() && d["deadline"].is_null(),
        "no clock: {d}"
    );
    let empty: Vec<&str> = d["required_materials"]
        .as_array()
        .expect("required_materials")
        .iter()
        .filter(|m| m["required"] == true && m["file"].is_null())
        .filter_map(|m| m["id"].as_str())
        .collect();
    assert_eq!(empty, [missing_id], "{d}");
}

/// Accepts the case on the business date and checks the clock: `working_days` as the
/// rule parameter gives it and the deadline on the official calendar.
async fn accept(o: &Client, s: &Server, case: &str, working_days: i64, deadline: &str) -> J {
    assert_eq!(
        working_days_after(TODAY, working_days),
        deadline,
        "the expected deadline agrees with data/calendar/official/2026.csv"
    );
    let (st, c) = act(o, s, case, "accept", "").await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["state"], "accepted", "{c}");
    assert_eq!(c["accepted_on"], TODAY, "{c}");
    assert_eq!(c["working_days"], working_days, "{c}");
    assert_eq!(c["deadline"], deadline, "{c}");
    assert_eq!(
        c["deadline_provisional"], false,
        "2026 is an official year: {c}"
    );
    assert_eq!(c["overdue"], false, "{c}");
    c
}

async fn approve(o: &Client, s: &Server, case: &str) {
    let (st, c) = act(o, s, case, "approve", "criteria met on review").await;
    assert_eq!(st, 200, "{c}");
    assert_eq!(c["state"], "approved", "{c}");
}

/// The applicant's licences.
async fn licences(c: &Client, s: &Server) -> Vec<J> {
    let (st, l) = c.get(s, "/api/licences").await;
    assert_eq!(st, 200, "{l}");
    l.as_array().expect("licences").clone()
}

/// The licence of a case among the applicant's: of this kind, service and agency, in
/// force, issued on the business date, with no term (none of these services names a
/// `validity_parameter`, so the licence prints none).
fn licence_of<'a>(list: &'a [J], case: &str, service: &str, kind: &str, agency: &str) -> &'a J {
    let l = list
        .iter()
        .find(|l| l["case_id"] == case)
        .unwrap_or_else(|| panic!("no licence for case {case}: {list:?}"));
    assert_eq!(l["granted"]["kind"], kind, "{l}");
    assert_eq!(l["granted"]["service"], service, "{l}");
    assert_eq!(l["deciding_agency"]["id"], agency, "{l}");
    assert_eq!(l["status"], "valid", "{l}");
    assert_eq!(l["validity"]["from"], TODAY, "{l}");
    assert!(
        l["validity"]["until"].is_null(),
        "no term in the rules: {l}"
    );
    l
}

/// The date `n` working days after `start` on the official calendar, counted here from
/// data/calendar/official/<year>.csv (weekends off unless listed as `workday`, listed
/// `holiday` days off), independently of the server's calendar crate. 0 is `start`
/// itself.
fn working_days_after(start: &str, n: i64) -> String {
    let mut day = chrono::NaiveDate::parse_from_str(start, "%Y-%m-%d").expect("date");
    let mut notices: BTreeMap<chrono::NaiveDate, bool> = BTreeMap::new();
    let load = |year: i32, notices: &mut BTreeMap<chrono::NaiveDate, bool>| {
        let path = support::repo().join(format!("data/calendar/official/{year}.csv"));
        let text = std::fs::read_to_string(&path).expect("calendar notice");
        for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
            let mut f = line.split(',');
            let (Some(d), Some(kind)) = (f.next(), f.next()) else {
                continue;
            };
            let d = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
            notices.insert(d, kind == "workday");
        }
    };
    use chrono::Datelike;
    let mut loaded = BTreeSet::new();
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().expect("date");
        if loaded.insert(day.year()) {
            load(day.year(), &mut notices);
        }
        let weekend = matches!(day.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
        let working = notices.get(&day).copied().unwrap_or(!weekend);
        if working {
            left -= 1;
        }
    }
    day.to_string()
}

// ---- tech-transfer-relief: tax, 0 working days ----------------------------------------

#[tokio::test]
async fn tech_transfer_relief_is_recorded_on_the_day_of_acceptance() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    s.officer("tax-officer", "tax");
    s.officer("customs-officer", "customs");
    let e = Client::register(&s, "transferor", "enterprise").await;
    // Eligible (rules/enterprise/tech-transfer-tax.policy: a resident enterprise with
    // technology transfer income); Haidian Park, tax year 2025: the 20 million pilot.
    let facts = json!({"tax_year": 2025, "is_resident_enterprise": true, "is_high_tech_enterprise": false,
                       "zgc_park": "haidian_park", "tech_transfer_income": "30000000"});
    let files = upload_all(&e, &s, &["technology-contract"], &[]).await;
    let tax = Client::login(&s, "tax-officer").await;

    // Without the registered contract the submission is taken but cannot be accepted.
    let (st, b) = submit(
        &e,
        &s,
        "tech-transfer-relief",
        "ttr-incomplete",
        &facts,
        &files,
        Some("technology-contract"),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    let incomplete = case_id(&b, "tech-transfer-relief");
    refused_without(
        &tax,
        &e,
        &s,
        &incomplete,
        "technology-contract",
        "Registered technology transfer contract",
    )
    .await;

    let (st, b) = submit(
        &e,
        &s,
        "tech-transfer-relief",
        "ttr-1",
        &facts,
        &files,
        None,
    )
    .await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(b["status"], "eligible", "{b}");
    assert_eq!(
        opened(&b),
        [("tech-transfer-relief".to_string(), "tax".to_string())]
    );
    let case = case_id(&b, "tech-transfer-relief");
    let (st, d) = e.get(&s, &format!("/api/cases/{case}")).await;
    assert_eq!(st, 200, "{d}");
    let out = &d["evaluation"]["measures"][0]["outputs"];
    assert_eq!(out["tech_transfer_exempt_amount"], "20000000.00", "{out}");

    let customs = Client::login(&s, "customs-officer").await;
    let (st, e403) = act(&customs, &s, &case, "accept", "").await;
    assert_eq!(st, 403, "another agency: {e403}");
    // tech_transfer_relief_working_days = 0 (rules/enterprise/tech-transfer-tax.policy,
    // from 2018-04-25, SAT Announcement [2018] No. 23 art. 4: the relief is claimed in
    // the return and recorded with it). The server accepts, records 0 working days and
    // sets the deadline to the day of acceptance itself (the calendar's
    // add_working_days(start, 0) is `start`), which is not overdue on that day.
    accept(&tax, &s, &case, 0, "2026-06-15").await;
    let (st, e403) = act(&customs, &s, &case, "approve", "not ours").await;
    assert_eq!(st, 403, "{e403}");
    assert!(
        licences(&e, &s).await.is_empty(),
        "nothing before the decision"
    );
    approve(&tax, &s, &case).await;
    let mine = licences(&e, &s).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    licence_of(
        &mine,
        &case,
        "tech-transfer-relief",
        "tech-transfer-relief",
        "tax",
    );
}

// ---- enterprise-relocation: market regulation and tax, issued together ----------------

#[tokio::test]
async fn enterprise_relocation_opens_two_cases_and_issues_both_when_the_last_is_decided() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    s.officer("amr-officer", "market-regulation");
    s.officer("tax-officer", "tax");
    s.officer("housing-officer", "housing");
    let e = Client::register(&s, "mover", "enterprise").await;
    // Eligible (rules/enterprise/relocation.policy): a Beijing technology enterprise
    // moving between two different districts.
    let facts = json!({"is_technology_enterprise": true, "registration_region": "beijing",
                       "relocation_from_district": "haidian", "relocation_to_district": "changping"});
    // The business licence slot takes PDF, PNG or JPEG: a JPEG scan here.
    let files = upload_all(
        &e,
        &s,
        &[
            "business-licence",
            "relocation-resolution",
            "premises-lease",
        ],
        &["business-licence"],
    )
    .await;
    let amr = Client::login(&s, "amr-officer").await;
    let tax = Client::login(&s, "tax-officer").await;

    // The business licence is asked by both agencies: without it neither can accept.
    let (st, b) = submit(
        &e,
        &s,
        "enterprise-relocation",
        "rel-incomplete",
        &facts,
        &files,
        Some("business-licence"),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    refused_without(
        &amr,
        &e,
        &s,
        &case_id(&b, "relocation-business-registration"),
        "business-licence",
        "Business licence",
    )
    .await;
    refused_without(
        &tax,
        &e,
        &s,
        &case_id(&b, "relocation-tax-registration"),
        "business-licence",
        "Business licence",
    )
    .await;

    let (st, b) = submit(
        &e,
        &s,
        "enterprise-relocation",
        "rel-1",
        &facts,
        &files,
        None,
    )
    .await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(
        opened(&b),
        [
            (
                "relocation-business-registration".to_string(),
                "market-regulation".to_string()
            ),
            ("relocation-tax-registration".to_string(), "tax".to_string()),
        ]
    );
    let business = case_id(&b, "relocation-business-registration");
    let tax_case = case_id(&b, "relocation-tax-registration");

    let housing = Client::login(&s, "housing-officer").await;
    for id in [&business, &tax_case] {
        let (st, e403) = act(&housing, &s, id, "accept", "").await;
        assert_eq!(st, 403, "{e403}");
    }
    // Each agency's officer only its own case.
    let (st, e403) = act(&tax, &s, &business, "accept", "").await;
    assert_eq!(st, 403, "{e403}");
    // relocation_working_days = 3 from 2022-03-01 (rules/enterprise/relocation.policy,
    // Regulations on the Administration of Market Entity Registration art. 19): 16, 17
    // and 18 June 2026.
    accept(&amr, &s, &business, 3, "2026-06-18").await;
    accept(&tax, &s, &tax_case, 3, "2026-06-18").await;

    // Issued together (003 §25): nothing when the first decides, both with the last.
    approve(&amr, &s, &business).await;
    assert!(
        licences(&e, &s).await.is_empty(),
        "the tax registration is still open"
    );
    approve(&tax, &s, &tax_case).await;
    let mine = licences(&e, &s).await;
    assert_eq!(mine.len(), 2, "{mine:?}");
    licence_of(
        &mine,
        &business,
        "enterprise-relocation",
        "relocation-business-registration",
        "market-regulation",
    );
    licence_of(
        &mine,
        &tax_case,
        "enterprise-relocation",
        "relocation-tax-registration",
        "tax",
    );
}

// ---- clinical-sample-approval: medical products, 20 working days ----------------------

/// Eligible for enterprise.clinical-sample-import (rules/enterprise/clinical-sample-import.policy):
/// samples for an authorised innovative-drug trial, imported by a Beijing enterprise.
fn clinical_facts() -> J {
    json!({"clinical_sample_for_innovative_drug_trial": true, "clinical_trial_authorised": true,
           "registration_region": "beijing"})
}

#[tokio::test]
async fn clinical_sample_approval_is_decided_by_customs() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    s.officer("customs-officer", "customs");
    s.officer("mpa-officer", "medical-products");
    let e = Client::register(&s, "pharma", "enterprise").await;
    let files = upload_all(&e, &s, &["trial-approval", "sample-list"], &[]).await;
    let decider = Client::login(&s, "customs-officer").await;

    let (st, b) = submit(
        &e,
        &s,
        "clinical-sample-approval",
        "csa-incomplete",
        &clinical_facts(),
        &files,
        Some("sample-list"),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    refused_without(
        &decider,
        &e,
        &s,
        &case_id(&b, "clinical-sample-approval"),
        "sample-list",
        "List of samples",
    )
    .await;

    let (st, b) = submit(
        &e,
        &s,
        "clinical-sample-approval",
        "csa-1",
        &clinical_facts(),
        &files,
        None,
    )
    .await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(
        opened(&b),
        [(
            "clinical-sample-approval".to_string(),
            "customs".to_string()
        )]
    );
    let case = case_id(&b, "clinical-sample-approval");
    // The seed speaks of customs clearance (001 §27): the health-quarantine approval of
    // special articles is the customs' (AQSIQ Order No. 160; customs since 2018).
    let other = Client::login(&s, "mpa-officer").await;
    let (st, e403) = act(&other, &s, &case, "accept", "").await;
    assert_eq!(st, 403, "{e403}");
    // clinical_sample_import_approval_working_days = 20 from 2015-03-01
    // (rules/enterprise/clinical-sample-import.policy, AQSIQ Order No. 160 art. 12):
    // June 16-18, 22-26, 29-30, July 1-3, 6-10, 13-14 (19 June is a holiday).
    accept(&decider, &s, &case, 20, "2026-07-14").await;
    let (st, e403) = act(&other, &s, &case, "approve", "not ours").await;
    assert_eq!(st, 403, "{e403}");
    approve(&decider, &s, &case).await;
    let mine = licences(&e, &s).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    licence_of(
        &mine,
        &case,
        "clinical-sample-approval",
        "clinical-sample-approval",
        "customs",
    );
}

// ---- clinical-sample-filing: customs, 1 working day ------------------------------------

#[tokio::test]
async fn clinical_sample_filing_is_recorded_by_customs_within_one_working_day() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    s.officer("customs-officer", "customs");
    s.officer("mpa-officer", "medical-products");
    let e = Client::register(&s, "pharma", "enterprise").await;
    let files = upload_all(&e, &s, &["import-approval", "sample-list"], &[]).await;
    let customs = Client::login(&s, "customs-officer").await;

    let (st, b) = submit(
        &e,
        &s,
        "clinical-sample-filing",
        "csf-incomplete",
        &clinical_facts(),
        &files,
        Some("import-approval"),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    refused_without(
        &customs,
        &e,
        &s,
        &case_id(&b, "clinical-sample-filing"),
        "import-approval",
        "The import approval (per trial or per year)",
    )
    .await;

    let (st, b) = submit(
        &e,
        &s,
        "clinical-sample-filing",
        "csf-1",
        &clinical_facts(),
        &files,
        None,
    )
    .await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(
        opened(&b),
        [("clinical-sample-filing".to_string(), "customs".to_string())]
    );
    let case = case_id(&b, "clinical-sample-filing");
    let mpa = Client::login(&s, "mpa-officer").await;
    let (st, e403) = act(&mpa, &s, &case, "accept", "").await;
    assert_eq!(st, 403, "{e403}");
    // clinical_sample_import_filing_working_days = 1 from 2019-10-16
    // (rules/enterprise/clinical-sample-import.policy, an operator figure under
    // 001 §27): Tuesday 16 June.
    accept(&customs, &s, &case, 1, "2026-06-16").await;
    let (st, e403) = act(&mpa, &s, &case, "approve", "not ours").await;
    assert_eq!(st, 403, "{e403}");
    let (st, c) = act(&customs, &s, &case, "approve", "recorded").await;
    assert_eq!((st, c["state"].as_str()), (200, Some("approved")), "{c}");
    // A filing is a record, not a licence (`licence = false` in services.toml).
    let mine = licences(&e, &s).await;
    assert!(mine.is_empty(), "no licence for a filing: {mine:?}");
}

// ---- outbound-exchange: foreign affairs, 10 working days, a person ---------------------

#[tokio::test]
async fn outbound_exchange_of_a_researcher_is_approved_by_the_foreign_affairs_office() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    s.officer("fao-officer", "foreign-affairs");
    s.officer("ee-officer", "exit-entry");
    let p = Client::register(&s, "researcher", "person").await;
    // Eligible (rules/talent/outbound-exchange.policy): research staff of a municipal
    // (government-affiliated) institute travelling for academic exchange.
    let facts = json!({"is_research_staff": true, "trip_for_academic_exchange": true,
                       "employer_affiliation": "employer_affiliation_municipal"});
    let files = upload_all(&p, &s, &["invitation-letter", "exchange-plan"], &[]).await;
    let fao = Client::login(&s, "fao-officer").await;

    let (st, b) = submit(
        &p,
        &s,
        "outbound-exchange",
        "oe-incomplete",
        &facts,
        &files,
        Some("exchange-plan"),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    refused_without(
        &fao,
        &p,
        &s,
        &case_id(&b, "outbound-exchange"),
        "exchange-plan",
        "Exchange plan",
    )
    .await;

    let (st, b) = submit(&p, &s, "outbound-exchange", "oe-1", &facts, &files, None).await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(
        opened(&b),
        [(
            "outbound-exchange".to_string(),
            "foreign-affairs".to_string()
        )]
    );
    let case = case_id(&b, "outbound-exchange");
    let ee = Client::login(&s, "ee-officer").await;
    let (st, e403) = act(&ee, &s, &case, "accept", "").await;
    assert_eq!(st, 403, "{e403}");
    // outbound_exchange_working_days = 10 from 2019-10-16 (rules/talent/outbound-exchange.policy,
    // an operator figure under 001 §8): June 16-18, 22-26, 29-30.
    accept(&fao, &s, &case, 10, "2026-06-30").await;
    let (st, e403) = act(&ee, &s, &case, "approve", "not ours").await;
    assert_eq!(st, 403, "{e403}");
    let (st, c) = act(&fao, &s, &case, "approve", "approved").await;
    assert_eq!((st, c["state"].as_str()), (200, Some("approved")), "{c}");
    // An internal approval, not an administrative licence (`licence = false`).
    let mine = licences(&p, &s).await;
    assert!(
        mine.is_empty(),
        "no licence for an internal approval: {mine:?}"
    );
}

// ---- rd-vehicle-import: customs, 10 working days, the permitted period -----------------

#[tokio::test]
async fn rd_vehicle_import_sets_the_permitted_period_and_re_export_date_once() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    s.officer("customs-officer", "customs");
    s.officer("mpa-officer", "medical-products");
    let e = Client::register(&s, "autolab", "enterprise").await;
    // Eligible (rules/enterprise/rd-vehicle-import.policy): a recognised enterprise's R&D
    // test vehicle, not subject to mandatory inspection, imported after 2019-10-16;
    // testing needs 18 months, within the 2-year maximum.
    let facts = json!({"vehicle_is_eligible_tech_enterprise": true, "vehicle_is_rd_test_vehicle": true,
                       "vehicle_subject_to_mandatory_inspection": false,
                       "vehicle_import_date": "2026-07-01", "vehicle_requested_period": "18 months"});
    let files = upload_all(
        &e,
        &s,
        &["vehicle-list", "rd-plan", "customs-guarantee"],
        &[],
    )
    .await;
    let customs = Client::login(&s, "customs-officer").await;

    let (st, b) = submit(
        &e,
        &s,
        "rd-vehicle-import",
        "rdv-incomplete",
        &facts,
        &files,
        Some("customs-guarantee"),
    )
    .await;
    assert_eq!(st, 201, "{b}");
    refused_without(
        &customs,
        &e,
        &s,
        &case_id(&b, "rd-vehicle-import"),
        "customs-guarantee",
        "Customs guarantee",
    )
    .await;

    let (st, b) = submit(&e, &s, "rd-vehicle-import", "rdv-1", &facts, &files, None).await;
    assert_eq!(st, 201, "{b}");
    assert_eq!(
        opened(&b),
        [("rd-vehicle-import".to_string(), "customs".to_string())]
    );
    let case = case_id(&b, "rd-vehicle-import");

    // What the rule decided is in the submission's stored evaluation: 18 months as the
    // testing needs (within 2 years), re-exported by 2028-01-01 (2026-07-01 + 18
    // months), against 6 months (2027-01-01) and, with three 6-month extensions,
    // 2028-07-01 on the ordinary route.
    let (st, d) = e.get(&s, &format!("/api/cases/{case}")).await;
    assert_eq!(st, 200, "{d}");
    let m = &d["evaluation"]["measures"][0];
    assert_eq!(m["measure"], "enterprise.rd-vehicle-import", "{m}");
    assert_eq!(m["status"], "eligible", "{m}");
    let out = &m["outputs"];
    assert_eq!(out["vehicle_max_period"], "2 years", "{out}");
    assert_eq!(out["vehicle_request_within_limit"], true, "{out}");
    assert_eq!(out["vehicle_permitted_period"], "1 year 6 months", "{out}");
    assert_eq!(out["vehicle_reexport_due_date"], "2028-01-01", "{out}");
    assert_eq!(out["vehicle_ordinary_due_date"], "2027-01-01", "{out}");
    assert_eq!(
        out["vehicle_ordinary_latest_due_date"], "2028-07-01",
        "{out}"
    );
    assert_eq!(d["facts"]["vehicle_requested_period"], "18 months", "{d}");

    let mpa = Client::login(&s, "mpa-officer").await;
    let (st, e403) = act(&mpa, &s, &case, "accept", "").await;
    assert_eq!(st, 403, "{e403}");
    // rd_vehicle_import_working_days = 10 from 2019-10-16 (rules/enterprise/rd-vehicle-import.policy,
    // GACC Order No. 233 art. 10): June 16-18, 22-26, 29-30.
    accept(&customs, &s, &case, 10, "2026-06-30").await;
    let (st, e403) = act(&mpa, &s, &case, "approve", "not ours").await;
    assert_eq!(st, 403, "{e403}");
    approve(&customs, &s, &case).await;
    // Approved, the case carries the re-export date the rule computed, with the days
    // left from the business date (2026-06-15 to 2028-01-01), not yet due.
    let (st, d) = e.get(&s, &format!("/api/cases/{case}")).await;
    assert_eq!(st, 200, "{d}");
    assert_eq!(
        d["reminders"][0]["output"], "vehicle_reexport_due_date",
        "{d}"
    );
    assert_eq!(d["reminders"][0]["date"], "2028-01-01");
    assert_eq!(d["reminders"][0]["days_left"], 565);
    assert_eq!(d["reminders"][0]["due_soon"], false);
    // (The portal's case page shows it: e2e/procedures.test.mjs, in Spanish.)
    let mine = licences(&e, &s).await;
    assert_eq!(mine.len(), 1, "{mine:?}");
    licence_of(
        &mine,
        &case,
        "rd-vehicle-import",
        "rd-vehicle-import",
        "customs",
    );
}

// ---- the wrong entity -------------------------------------------------------------------

#[tokio::test]
async fn an_applicant_of_the_wrong_entity_is_refused_with_a_reason() {
    let (db, dir) = fresh().await;
    let s = Server::start_on(&db, &dir, TODAY);
    // A person asks for an enterprise service, with every file it names.
    let p = Client::register(&s, "someone", "person").await;
    let files = upload_all(
        &p,
        &s,
        &["vehicle-list", "rd-plan", "customs-guarantee"],
        &[],
    )
    .await;
    let facts = json!({"vehicle_is_eligible_tech_enterprise": true, "vehicle_is_rd_test_vehicle": true,
                       "vehicle_subject_to_mandatory_inspection": false,
                       "vehicle_import_date": "2026-07-01", "vehicle_requested_period": "18 months"});
    let (st, e) = submit(&p, &s, "rd-vehicle-import", "wrong-1", &facts, &files, None).await;
    assert!((400..500).contains(&st), "{st}: {e}");
    assert_eq!(st, 422, "{e}");
    assert_eq!(e["field"], "service", "{e}");
    let msg = e["error"].as_str().unwrap_or("");
    assert!(
        msg.contains("rd-vehicle-import") && msg.contains("enterprise") && msg.contains("person"),
        "{e}"
    );
    // And an enterprise asks for a person's service.
    let ent = Client::register(&s, "institute", "enterprise").await;
    let files = upload_all(&ent, &s, &["invitation-letter", "exchange-plan"], &[]).await;
    let (st, e) = submit(
        &ent,
        &s,
        "outbound-exchange",
        "wrong-2",
        &json!({}),
        &files,
        None,
    )
    .await;
    assert_eq!(st, 422, "{e}");
    let msg = e["error"].as_str().unwrap_or("");
    assert!(
        msg.contains("outbound-exchange") && msg.contains("person") && msg.contains("enterprise"),
        "{e}"
    );
    // Nothing was opened for either.
    for c in [&p, &ent] {
        let (st, cases) = c.get(&s, "/api/cases").await;
        assert_eq!(st, 200, "{cases}");
        assert_eq!(cases.as_array().map(Vec::len), Some(0), "{cases}");
    }
}
