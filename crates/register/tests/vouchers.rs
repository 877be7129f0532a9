//! Innovation vouchers through the register alone (no case service, no binary): the
//! application and the agency's decision, redemptions asked of a provider that count
//! only when it confirms, the settlement, and every event in the log.

mod support;

use onestop_register::log;
use onestop_register::verify::verify_stored;
use onestop_register::voucher_applications::{
    self, ApplicationDecision, Eligibility, NewApplication,
};
use onestop_register::voucher_redemptions::{self, Redeem, RedemptionDecision};
use onestop_register::voucher_settlement;
use onestop_register::vouchers::{IssueVoucher, get, issue, list};
use onestop_store::{Account, ServiceError};
use serde_json::json;
use support::{World, day};

fn hebei(holder: &str, value: &str, expires_on: &str) -> IssueVoucher {
    IssueVoucher {
        region: "hebei".into(),
        holder: holder.into(),
        value: json!(value),
        expires_on: expires_on.into(),
        purpose: String::new(),
    }
}

fn at(amount: &str) -> Redeem {
    Redeem {
        amount: json!(amount),
        provider: "xiongan-lab".into(),
        service: "Materials testing".into(),
    }
}

/// The holder asks and the provider confirms: one redemption that counts.
async fn redeem(
    w: &World,
    holder: &Account,
    provider: &Account,
    id: &str,
    amount: &str,
    on: &str,
) -> Result<onestop_register::vouchers::VoucherView, ServiceError> {
    let reg = w.register();
    let (_, asked) = voucher_redemptions::request(&reg, holder, id, &at(amount), day(on)).await?;
    let (v, r) = voucher_redemptions::decide(
        &reg,
        provider,
        &asked.id,
        RedemptionDecision::Confirm,
        "",
        day(on),
    )
    .await?;
    assert_eq!(r.status, "confirmed");
    Ok(v)
}

#[tokio::test]
async fn a_voucher_is_redeemed_in_parts_until_its_last_day_and_never_after() {
    let w = World::new("reg-vouchers").await;
    let reg = w.register();
    let admin = w.admin("root").await;
    let acme = w.enterprise("acme").await;
    let lab = w.provider("xiongan-lab", "hebei").await;
    let req = hebei("acme", "300.00", "2024-06-30");
    // An expiry already past is refused.
    assert!(issue(&reg, &admin, &req, day("2024-07-01")).await.is_err());
    let v = issue(&reg, &admin, &req, day("2024-01-02"))
        .await
        .expect("issued");
    let v1 = redeem(&w, &acme, &lab, &v.id, "100", "2024-03-01")
        .await
        .expect("part");
    assert_eq!(v1.balance, "200.00");
    // On the last day it still counts.
    let v2 = redeem(&w, &acme, &lab, &v.id, "150.50", "2024-06-30")
        .await
        .expect("last day");
    assert_eq!(v2.balance, "49.50");
    // More than the balance: refused at the request, and nothing changes.
    let e = voucher_redemptions::request(&reg, &acme, &v.id, &at("49.51"), day("2024-06-30"))
        .await
        .expect_err("over the balance");
    assert!(
        matches!(e, ServiceError::Conflict(ref m) if m.contains("49.50")),
        "{e}"
    );
    // The day after expiry: refused, even within the balance.
    let e = voucher_redemptions::request(&reg, &acme, &v.id, &at("1"), day("2024-07-01"))
        .await
        .expect_err("expired");
    assert!(
        matches!(e, ServiceError::Conflict(ref m) if m.contains("expired")),
        "{e}"
    );
    // An unknown provider names the field.
    let e = voucher_redemptions::request(
        &reg,
        &acme,
        &v.id,
        &Redeem {
            provider: "nobody".into(),
            ..at("1")
        },
        day("2024-06-01"),
    )
    .await
    .expect_err("unknown provider");
    assert!(
        matches!(e, ServiceError::Invalid { ref field, .. } if field == "provider"),
        "{e}"
    );
    let after = get(&reg, &acme, &v.id).await.expect("voucher");
    assert_eq!(
        (after.redeemed.as_str(), after.redemptions.len()),
        ("250.50", 2)
    );
    assert_eq!(
        after.redemptions[0].provider_id.as_deref(),
        Some(lab.id.as_str())
    );
    // Five events logged (issue, two requests, two confirmations); the register checks out.
    assert_eq!(log::size(&w.db).await.expect("size"), 5);
    let key = log::verifying_key(&w.db).expect("key");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.vouchers_checked, 1);
}

#[tokio::test]
async fn a_request_reserves_until_the_provider_confirms_declines_or_the_holder_withdraws() {
    let w = World::new("reg-reserve").await;
    let reg = w.register();
    let admin = w.admin("root").await;
    let acme = w.enterprise("acme").await;
    let lab = w.provider("xiongan-lab", "hebei").await;
    let v = issue(
        &reg,
        &admin,
        &hebei("acme", "100", "2030-01-01"),
        day("2026-01-05"),
    )
    .await
    .expect("issued");
    let today = day("2026-02-02");
    let (v1, a) = voucher_redemptions::request(&reg, &acme, &v.id, &at("60"), today)
        .await
        .expect("asked");
    assert_eq!(
        (
            v1.redeemed.as_str(),
            v1.reserved.as_str(),
            v1.balance.as_str()
        ),
        ("0.00", "60.00", "40.00"),
        "reserved, not redeemed"
    );
    assert_eq!(a.status, "requested");
    // The reservation counts against what may still be asked.
    assert!(matches!(
        voucher_redemptions::request(&reg, &acme, &v.id, &at("40.01"), today).await,
        Err(ServiceError::Conflict(_))
    ));
    // Declined: released.
    let (v2, d) = voucher_redemptions::decide(
        &reg,
        &lab,
        &a.id,
        RedemptionDecision::Decline,
        "Not our service",
        today,
    )
    .await
    .expect("declined");
    assert_eq!(
        (v2.reserved.as_str(), v2.balance.as_str()),
        ("0.00", "100.00")
    );
    assert_eq!(
        (d.status.as_str(), d.decision_note.as_deref()),
        ("declined", Some("Not our service"))
    );
    // Decided once.
    let e = voucher_redemptions::decide(&reg, &lab, &a.id, RedemptionDecision::Confirm, "", today)
        .await
        .expect_err("already declined");
    assert!(
        matches!(e, ServiceError::Conflict(ref m) if m.contains("declined")),
        "{e}"
    );
    // Withdrawn by the holder: released too.
    let (_, b) = voucher_redemptions::request(&reg, &acme, &v.id, &at("30"), today)
        .await
        .expect("asked");
    let (v3, _) =
        voucher_redemptions::decide(&reg, &acme, &b.id, RedemptionDecision::Withdraw, "", today)
            .await
            .expect("withdrawn");
    assert_eq!(v3.balance, "100.00");
    // The provider sees the requests naming it, newest first.
    let mine = voucher_redemptions::list(&reg, &lab).await.expect("list");
    assert_eq!(
        mine.iter().map(|r| r.status.as_str()).collect::<Vec<_>>(),
        ["withdrawn", "declined"]
    );
    let key = log::verifying_key(&w.db).expect("key");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // A reservation edited in the database no longer matches the log.
    sqlx::query("UPDATE vouchers SET reserved_fen = 500 WHERE id = $1")
        .bind(&v.id)
        .execute(&w.db.pool)
        .await
        .expect("tamper");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.message.contains("reserved")),
        "{:?}",
        report.problems
    );
}

#[tokio::test]
async fn each_region_issues_its_own_vouchers_and_sees_only_those() {
    let w = World::new("reg-regions").await;
    let reg = w.register();
    let hebei_officer = w.officer("hb-officer", "hebei-sci-tech").await;
    let tianjin_officer = w.officer("tj-officer", "tianjin-sci-tech").await;
    w.enterprise("acme").await;
    let v = issue(
        &reg,
        &hebei_officer,
        &hebei("acme", "10", "2030-01-01"),
        day("2026-01-05"),
    )
    .await
    .expect("Hebei issues Hebei vouchers");
    let e = issue(
        &reg,
        &tianjin_officer,
        &hebei("acme", "10", "2030-01-01"),
        day("2026-01-05"),
    )
    .await
    .expect_err("Tianjin does not issue Hebei vouchers");
    assert!(
        matches!(e, ServiceError::Forbidden(ref m) if m.contains("hebei-sci-tech")),
        "{e}"
    );
    assert_eq!(list(&reg, &hebei_officer).await.expect("list").len(), 1);
    assert!(list(&reg, &tianjin_officer).await.expect("list").is_empty());
    assert!(matches!(
        get(&reg, &tianjin_officer, &v.id).await,
        Err(ServiceError::Forbidden(_))
    ));
}

fn eligible() -> Eligibility {
    Eligibility {
        facts: json!({"registration_region": "tianjin", "is_tech_sme": true}),
        explanation: "enterprise.innovation-voucher: eligible".into(),
        rules_version: "test".into(),
        decision_date: day("2026-06-15"),
    }
}

#[tokio::test]
async fn an_application_is_issued_or_refused_once_by_the_agency_it_was_made_to() {
    let w = World::new("reg-applications").await;
    let reg = w.register();
    let acme = w.enterprise("acme").await;
    let tianjin = w.officer("tj-officer", "tianjin-sci-tech").await;
    let beijing = w.officer("bj-officer", "sci-tech").await;
    let today = day("2026-06-15");
    let ask = NewApplication {
        region: "tianjin".into(),
        amount: json!("80000.00"),
        purpose: "Prototype testing".into(),
    };
    let a = voucher_applications::file(&reg, &acme, &ask, &eligible())
        .await
        .expect("filed");
    assert_eq!(
        (a.status.as_str(), a.agency.as_str()),
        ("pending", "tianjin-sci-tech")
    );
    assert_eq!(
        voucher_applications::list(&reg, &tianjin)
            .await
            .expect("list")
            .len(),
        1
    );
    assert!(
        voucher_applications::list(&reg, &beijing)
            .await
            .expect("list")
            .is_empty()
    );
    let issue_it = ApplicationDecision::Issue {
        expires_on: "2027-06-30".into(),
    };
    assert!(matches!(
        voucher_applications::decide(&reg, &beijing, &a.id, &issue_it, "", today).await,
        Err(ServiceError::Forbidden(_))
    ));
    // A refusal needs its reason; an expiry already past is refused.
    assert!(matches!(
        voucher_applications::decide(&reg, &tianjin, &a.id, &ApplicationDecision::Refuse, " ", today).await,
        Err(ServiceError::Invalid { ref field, .. }) if field == "note"
    ));
    assert!(matches!(
        voucher_applications::decide(&reg, &tianjin, &a.id, &ApplicationDecision::Issue { expires_on: "2026-06-14".into() }, "", today).await,
        Err(ServiceError::Invalid { ref field, .. }) if field == "expires_on"
    ));
    // Two decisions at once: one wins, the other is a 409.
    let (x, y) = tokio::join!(
        voucher_applications::decide(&reg, &tianjin, &a.id, &issue_it, "", today),
        voucher_applications::decide(
            &reg,
            &tianjin,
            &a.id,
            &ApplicationDecision::Refuse,
            "Budget spent",
            today
        ),
    );
    assert!(x.is_ok() != y.is_ok(), "{x:?} {y:?}");
    let decided = voucher_applications::get(&reg, &acme, &a.id)
        .await
        .expect("seen");
    if decided.status == "issued" {
        let v = get(&reg, &acme, decided.voucher_id.as_deref().expect("voucher"))
            .await
            .expect("voucher");
        assert_eq!(
            (v.value.as_str(), v.region.as_str()),
            ("80000.00", "tianjin")
        );
        assert_eq!(v.application_id.as_deref(), Some(a.id.as_str()));
    } else {
        assert_eq!(decided.status, "refused");
        assert!(decided.voucher_id.is_none());
    }
    // Applied and decided: two log entries, and the register checks out.
    assert_eq!(log::size(&w.db).await.expect("size"), 2);
    let key = log::verifying_key(&w.db).expect("key");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // A decision edited in the database no longer matches the log.
    let flipped = if decided.status == "issued" {
        "refused"
    } else {
        "issued"
    };
    sqlx::query("UPDATE voucher_applications SET status = $1 WHERE id = $2")
        .bind(flipped)
        .bind(&a.id)
        .execute(&w.db.pool)
        .await
        .expect("tamper");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(
        report
            .problems
            .iter()
            .any(|p| p.what == "voucher application" && p.at == a.id),
        "{:?}",
        report.problems
    );
}

#[tokio::test]
async fn the_settlement_says_which_agency_owes_which_provider() {
    let w = World::new("reg-settlement").await;
    let reg = w.register();
    let admin = w.admin("root").await;
    let acme = w.enterprise("acme").await;
    let hebei_lab = w.provider("xiongan-lab", "hebei").await;
    let beijing_lab = w.provider("zgc-lab", "beijing").await;
    let hebei_officer = w.officer("hb-officer", "hebei-sci-tech").await;
    let tianjin_officer = w.officer("tj-officer", "tianjin-sci-tech").await;
    let v = issue(
        &reg,
        &admin,
        &hebei("acme", "1000", "2030-01-01"),
        day("2026-01-05"),
    )
    .await
    .expect("issued");
    redeem(&w, &acme, &hebei_lab, &v.id, "100", "2026-05-30")
        .await
        .expect("May");
    redeem(&w, &acme, &hebei_lab, &v.id, "200.50", "2026-06-01")
        .await
        .expect("June");
    redeem(&w, &acme, &hebei_lab, &v.id, "0.50", "2026-06-20")
        .await
        .expect("June");
    // A request still waiting is not owed.
    let cross = Redeem {
        provider: "zgc-lab".into(),
        ..at("50")
    };
    let (_, waiting) = voucher_redemptions::request(&reg, &acme, &v.id, &cross, day("2026-06-21"))
        .await
        .expect("asked");
    let june = voucher_settlement::lines(&reg, &hebei_officer, Some("2026-06"), None)
        .await
        .expect("lines");
    assert_eq!(june.len(), 1, "{june:?}");
    assert_eq!(
        (
            june[0].agency.as_str(),
            june[0].provider_username.as_str(),
            june[0].redemptions,
            june[0].amount.as_str()
        ),
        ("hebei-sci-tech", "xiongan-lab", 2, "201.00")
    );
    voucher_redemptions::decide(
        &reg,
        &beijing_lab,
        &waiting.id,
        RedemptionDecision::Confirm,
        "",
        day("2026-06-22"),
    )
    .await
    .expect("confirmed");
    // Mutual recognition: Hebei owes a Beijing provider.
    let all = voucher_settlement::lines(&reg, &admin, None, None)
        .await
        .expect("lines");
    assert_eq!(
        all.iter()
            .map(|l| (
                l.month.as_str(),
                l.provider_region.as_str(),
                l.amount.as_str()
            ))
            .collect::<Vec<_>>(),
        [
            ("2026-05", "hebei", "100.00"),
            ("2026-06", "hebei", "201.00"),
            ("2026-06", "beijing", "50.00")
        ]
    );
    // Each provider sees its own lines; another region's agency none; holders are refused.
    let mine = voucher_settlement::lines(&reg, &beijing_lab, None, None)
        .await
        .expect("lines");
    assert_eq!(mine.len(), 1);
    assert!(
        voucher_settlement::lines(&reg, &tianjin_officer, None, None)
            .await
            .expect("lines")
            .is_empty()
    );
    assert!(matches!(
        voucher_settlement::lines(&reg, &acme, None, None).await,
        Err(ServiceError::Forbidden(_))
    ));
    assert!(matches!(
        voucher_settlement::lines(&reg, &admin, Some("June"), None).await,
        Err(ServiceError::Invalid { ref field, .. }) if field == "month"
    ));
    let csv = voucher_settlement::csv(&all);
    assert!(
        csv.contains("2026-06,hebei-sci-tech,hebei,zgc-lab,zgc-lab,beijing,1,50.00"),
        "{csv}"
    );
}

#[tokio::test]
async fn concurrent_requests_and_confirmations_never_overdraw_a_voucher() {
    let w = World::new("reg-race").await;
    let admin = w.admin("root").await;
    let acme = w.enterprise("acme").await;
    let lab = w.provider("xiongan-lab", "hebei").await;
    let v = issue(
        &w.register(),
        &admin,
        &hebei("acme", "100", "2030-01-01"),
        day("2026-01-05"),
    )
    .await
    .expect("issued");
    // 25 requests of 10 yuan race for a balance of 100 yuan: exactly 10 are reserved.
    let asked = futures::future::join_all((0..25).map(|_| async {
        voucher_redemptions::request(&w.register(), &acme, &v.id, &at("10"), day("2026-02-02"))
            .await
    }))
    .await;
    let ids: Vec<String> = asked
        .iter()
        .filter_map(|r| r.as_ref().ok().map(|(_, r)| r.id.clone()))
        .collect();
    assert_eq!(ids.len(), 10, "{asked:?}");
    // Every one confirmed three times at once: each counts once.
    let confirmed = futures::future::join_all(ids.iter().flat_map(|id| {
        let lab = &lab;
        let w = &w;
        (0..3).map(move |_| async move {
            voucher_redemptions::decide(
                &w.register(),
                lab,
                id,
                RedemptionDecision::Confirm,
                "",
                day("2026-02-03"),
            )
            .await
            .map(|_| ())
        })
    }))
    .await;
    let ok = confirmed.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 10, "{confirmed:?}");
    assert!(
        confirmed
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|e| matches!(e, ServiceError::Conflict(m) if m.contains("already confirmed")))
    );
    let after = get(&w.register(), &acme, &v.id).await.expect("voucher");
    assert_eq!(
        (
            after.redeemed.as_str(),
            after.reserved.as_str(),
            after.balance.as_str()
        ),
        ("100.00", "0.00", "0.00")
    );
    let key = log::verifying_key(&w.db).expect("key");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
