//! E-licences through the register alone: issued inside a caller's transaction,
//! listed for their holder, verified, and caught when the stored copy is edited.

mod support;

use onestop_register::licences::{self, LicenceRequest};
use onestop_register::log;
use onestop_register::verify::verify_stored;
use onestop_store::{Account, ServiceError};
use support::{World, day};

/// A decided case, as the case service would have it (the licence refers to it).
async fn case_of(w: &World, holder: &Account, id: &str) {
    let now = onestop_store::now();
    sqlx::query("INSERT INTO bundles (id, applicant_id, service, idempotency_key, request_hash, facts, evaluation, explanation, rules_version, decision_date, created_at) VALUES ($1, $2, 'high-tech-filing', $1, 'h', '{}', '{}', '', 'r1', '2026-03-02', $3)")
        .bind(format!("b-{id}"))
        .bind(&holder.id)
        .bind(&now)
        .execute(&w.db.pool)
        .await
        .expect("bundle");
    sqlx::query("INSERT INTO cases (id, bundle_id, applicant_id, agency, kind, state, version, created_at) VALUES ($1, $2, $3, 'sci-tech', 'high-tech-recognition', 'approved', 1, $4)")
        .bind(id)
        .bind(format!("b-{id}"))
        .bind(&holder.id)
        .bind(&now)
        .execute(&w.db.pool)
        .await
        .expect("case");
}

fn request<'a>(case_id: &'a str, holder: &'a Account) -> LicenceRequest<'a> {
    LicenceRequest {
        case_id,
        holder_id: &holder.id,
        service: "high-tech-filing",
        kind: "high-tech-recognition",
        title: Some(("High-tech enterprise recognition", "高新技术企业认定")),
        legal_basis: Some("003_b4b3fb1ef4b8a0c5.txt §18"),
        agency: "sci-tech",
        agency_names: Some((
            "Beijing Municipal Science and Technology Commission",
            "北京市科学技术委员会",
        )),
        decided_by: "officer1",
        reason: "meets the criteria",
        rules_version: "r1",
        eligibility_date: "2026-03-02",
        day: day("2026-03-03"),
        valid_until: Some((
            day("2029-03-02"),
            "hnte_certificate_validity (Guokefahuo [2016] No. 32 art. 9)",
        )),
    }
}

#[tokio::test]
async fn a_licence_is_issued_in_the_callers_transaction_and_verifies() {
    let w = World::new("reg-licence").await;
    let acme = w.enterprise("acme").await;
    case_of(&w, &acme, "c1").await;
    let mut tx = w.db.pool.begin().await.expect("tx");
    let code = licences::issue(&mut tx, &request("c1", &acme))
        .await
        .expect("issued");
    tx.commit().await.expect("commit");
    log::publish_head(&w.db).await.expect("head");

    // Valid as long as the caller read from the rules, with the basis named.
    let printable = licences::printable(&w.db, &code.to_lowercase())
        .await
        .expect("by code, any case");
    assert_eq!(printable.document["validity"]["until"], "2029-03-02");
    assert!(
        printable.document["validity"]["basis"]
            .as_str()
            .is_some_and(|b| b.contains("Guokefahuo")),
        "{}",
        printable.document
    );
    assert_eq!(printable.document["holder"]["account_id"], acme.id.as_str());
    let v = licences::verification(&w.db, &code)
        .await
        .expect("verified");
    assert_eq!(v["valid"], true, "{v}");
    assert_eq!(
        licences::of_case(&w.db, "c1").await.expect("of case"),
        Some(code.clone())
    );
    let mine = licences::mine(&w.register(), &acme).await.expect("mine");
    assert_eq!(mine.len(), 1);

    // An edited stored copy no longer matches the log.
    sqlx::query("UPDATE licences SET document = REPLACE(document, '2029-03-02', '2039-03-02')")
        .execute(&w.db.pool)
        .await
        .expect("tamper");
    let v = licences::verification(&w.db, &code)
        .await
        .expect("answered");
    assert_eq!(v["valid"], false, "{v}");
    let key = log::verifying_key(&w.db).expect("key");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert_eq!(report.licences_checked, 1);
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.what == "licence" && p.at == code),
        "{:?}",
        report.problems
    );
}

#[tokio::test]
async fn a_licence_rolled_back_with_its_approval_leaves_nothing() {
    let w = World::new("reg-licence-rollback").await;
    let acme = w.enterprise("acme").await;
    case_of(&w, &acme, "c2").await;
    let mut tx = w.db.pool.begin().await.expect("tx");
    let code = licences::issue(&mut tx, &request("c2", &acme))
        .await
        .expect("issued");
    tx.rollback().await.expect("rollback");
    assert!(matches!(
        licences::printable(&w.db, &code).await,
        Err(ServiceError::NotFound(_))
    ));
    assert_eq!(log::size(&w.db).await.expect("size"), 0);
}

#[tokio::test]
async fn codes_are_read_as_people_type_them_and_nonsense_is_refused() {
    assert_eq!(
        licences::normalise_code("bj 7k3mq 9xt2a").expect("typed"),
        "BJ-7K3MQ-9XT2A"
    );
    for bad in ["", "BJ-7K3MQ", "BJ-7K3MQ-9XT2I", "<script>"] {
        assert!(
            matches!(
                licences::normalise_code(bad),
                Err(ServiceError::Invalid { .. })
            ),
            "{bad}"
        );
    }
}

#[tokio::test]
async fn the_deciding_agency_suspends_reinstates_and_revokes_and_the_log_says_so() {
    use licences::StatusChange::{Reinstate, Revoke, Suspend};
    let w = World::new("reg-licence-status").await;
    let acme = w.enterprise("acme").await;
    case_of(&w, &acme, "c3").await;
    let mut tx = w.db.pool.begin().await.expect("tx");
    let code = licences::issue(&mut tx, &request("c3", &acme))
        .await
        .expect("issued");
    tx.commit().await.expect("commit");
    let officer = w.officer("sci1", "sci-tech").await;
    let tianjin = w.officer("tj1", "tianjin-sci-tech").await;
    let reg = w.register();
    let on = day("2026-04-01");

    // Only the deciding agency's officer, and only with a reason.
    for who in [&tianjin, &acme] {
        assert!(matches!(
            licences::change_status(&reg, who, &code, Suspend, "inquiry", on).await,
            Err(ServiceError::Forbidden(_))
        ));
    }
    assert!(matches!(
        licences::change_status(&reg, &officer, &code, Suspend, "  ", on).await,
        Err(ServiceError::Invalid { .. })
    ));
    // Reinstating a valid licence makes no sense.
    assert!(matches!(
        licences::change_status(&reg, &officer, &code, Reinstate, "why", on).await,
        Err(ServiceError::Conflict(_))
    ));

    let v = licences::change_status(&reg, &officer, &code, Suspend, "inquiry opened", on)
        .await
        .expect("suspended");
    assert_eq!(v["status"], "suspended", "{v}");
    assert_eq!(
        v["valid"], true,
        "the record verifies; the licence is suspended: {v}"
    );
    let v = licences::change_status(&reg, &officer, &code, Reinstate, "inquiry closed", on)
        .await
        .expect("reinstated");
    assert_eq!(v["status"], "valid");
    let v = licences::change_status(&reg, &officer, &code, Revoke, "fails the standards", on)
        .await
        .expect("revoked");
    assert_eq!(v["status"], "revoked");
    let history: Vec<&str> = v["status_history"]
        .as_array()
        .expect("history")
        .iter()
        .filter_map(|e| e["change"].as_str())
        .collect();
    assert_eq!(history, ["suspend", "reinstate", "revoke"]);
    assert_eq!(v["status_history"][2]["reason"], "fails the standards");
    assert_eq!(v["status_history"][2]["changed_by"], "sci1 (officer)");
    // Revoked is final.
    for change in [Suspend, Reinstate, Revoke] {
        assert!(matches!(
            licences::change_status(&reg, &officer, &code, change, "again", on).await,
            Err(ServiceError::Conflict(_))
        ));
    }
    let mine = licences::mine(&reg, &acme).await.expect("mine");
    assert_eq!(mine[0]["status"], "revoked");
    let p = licences::printable(&w.db, &code).await.expect("printable");
    assert_eq!(p.status, "revoked");
    assert_eq!(p.last_change.expect("last")["change"], "revoke");

    // The register checks out; quietly restoring the licence in the database is caught.
    let key = log::verifying_key(&w.db).expect("key");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    sqlx::query("UPDATE licences SET status = 'valid'")
        .execute(&w.db.pool)
        .await
        .expect("tamper");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.what == "licence" && p.at == code),
        "{:?}",
        report.problems
    );
    // And so is deleting the record of a change.
    sqlx::query("UPDATE licences SET status = 'revoked'")
        .execute(&w.db.pool)
        .await
        .expect("restore");
    sqlx::query("DELETE FROM licence_events WHERE seq = 1")
        .execute(&w.db.pool)
        .await
        .expect("tamper");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.what == "licence" && p.at == code),
        "{:?}",
        report.problems
    );
}
