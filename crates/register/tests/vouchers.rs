//! Innovation vouchers through the register alone (no case service, no binary).

mod support;

use onestop_register::log;
use onestop_register::verify::verify_stored;
use onestop_register::vouchers::{IssueVoucher, Redeem, get, issue, list, redeem};
use onestop_store::ServiceError;
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
        provider: "Xiong'an test lab".into(),
        provider_region: "tianjin".into(),
    }
}

#[tokio::test]
async fn a_voucher_is_redeemed_in_parts_until_its_last_day_and_never_after() {
    let w = World::new("reg-vouchers").await;
    let reg = w.register();
    let admin = w.admin("root").await;
    let acme = w.enterprise("acme").await;
    let req = hebei("acme", "300.00", "2024-06-30");
    // An expiry already past is refused.
    assert!(issue(&reg, &admin, &req, day("2024-07-01")).await.is_err());
    let v = issue(&reg, &admin, &req, day("2024-01-02"))
        .await
        .expect("issued");
    let (v1, _) = redeem(&reg, &acme, &v.id, &at("100"), day("2024-03-01"))
        .await
        .expect("part");
    assert_eq!(v1.balance, "200.00");
    // On the last day it still counts.
    let (v2, r) = redeem(&reg, &acme, &v.id, &at("150.50"), day("2024-06-30"))
        .await
        .expect("last day");
    assert_eq!(
        (v2.balance.as_str(), r.amount.as_str()),
        ("49.50", "150.50")
    );
    // More than the balance: refused, and nothing changes.
    let e = redeem(&reg, &acme, &v.id, &at("49.51"), day("2024-06-30"))
        .await
        .expect_err("over the balance");
    assert!(
        matches!(e, ServiceError::Conflict(ref m) if m.contains("49.50")),
        "{e}"
    );
    // The day after expiry: refused, even within the balance.
    let e = redeem(&reg, &acme, &v.id, &at("1"), day("2024-07-01"))
        .await
        .expect_err("expired");
    assert!(
        matches!(e, ServiceError::Conflict(ref m) if m.contains("expired")),
        "{e}"
    );
    let after = get(&reg, &acme, &v.id).await.expect("voucher");
    assert_eq!(
        (after.redeemed.as_str(), after.redemptions.len()),
        ("250.50", 2)
    );
    // Three events logged (issue and two redemptions); the stored register checks out.
    assert_eq!(log::size(&w.db).await.expect("size"), 3);
    let key = log::verifying_key(&w.db).expect("key");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.vouchers_checked, 1);
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

#[tokio::test]
async fn a_voucher_is_never_overdrawn_by_concurrent_redemptions() {
    let w = World::new("reg-race").await;
    let admin = w.admin("root").await;
    let acme = w.enterprise("acme").await;
    let v = issue(
        &w.register(),
        &admin,
        &hebei("acme", "100", "2030-01-01"),
        day("2026-01-05"),
    )
    .await
    .expect("issued");
    // 25 redemptions of 10 yuan race for a balance of 100 yuan: exactly 10 succeed.
    let results = futures_join(&w, &acme, &v.id, 25).await;
    let ok = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(ok, 10, "{results:?}");
    let after = get(&w.register(), &acme, &v.id).await.expect("voucher");
    assert_eq!(after.balance, "0.00");
}

async fn futures_join(
    w: &World,
    who: &onestop_store::Account,
    id: &str,
    n: usize,
) -> Vec<Result<(), String>> {
    // Interleaved on one runtime: each redemption's statements wait on the
    // database's lock, which is what decides.
    futures::future::join_all((0..n).map(|_| async {
        redeem(&w.register(), who, id, &at("10"), day("2026-02-02"))
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }))
    .await
}
