//! IP pledges through the register alone: one standing pledge per right, released by
//! its pledgor, every event logged.

mod support;

use onestop_register::log;
use onestop_register::pledges::{self, RegisterPledge};
use onestop_register::verify::verify_stored;
use onestop_store::ServiceError;
use serde_json::json;
use support::World;

fn patent(number: &str) -> RegisterPledge {
    RegisterPledge {
        right_kind: "patent".into(),
        right_number: number.into(),
        lender: "Bank of Beijing".into(),
        secured_amount: Some(json!("5000000.00")),
    }
}

#[tokio::test]
async fn a_right_stands_pledged_once_until_its_pledgor_releases_it() {
    let w = World::new("reg-pledges").await;
    let reg = w.register();
    let acme = w.enterprise("acme").await;
    let p = pledges::register(&reg, &acme, &patent("zl 2023 1000 0001.x"))
        .await
        .expect("registered");
    assert_eq!(p.right_number, "ZL202310000001.X");
    assert_eq!(p.secured_amount.as_deref(), Some("5000000.00"));
    let again = pledges::register(&reg, &acme, &patent("ZL202310000001.X")).await;
    assert!(matches!(again, Err(ServiceError::Conflict(_))), "{again:?}");
    let status = pledges::status(&reg, "patent", "ZL202310000001.X")
        .await
        .expect("status");
    assert_eq!(status["pledged"], true);

    let released = pledges::release(&reg, &acme, &p.id, "loan repaid")
        .await
        .expect("released");
    assert_eq!(released.state, "released");
    assert!(matches!(
        pledges::release(&reg, &acme, &p.id, "").await,
        Err(ServiceError::Conflict(_))
    ));
    // Released, the right can be pledged again.
    pledges::register(&reg, &acme, &patent("ZL202310000001.X"))
        .await
        .expect("pledged again");
    let key = log::verifying_key(&w.db).expect("key");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert_eq!((report.entries, report.pledges_checked), (3, 2));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
