//! Every cross-party access to the register is denied by the access policy
//! (`policies/access.cedar`), through the register's own functions.

mod support;

use onestop_register::licences;
use onestop_register::pledges::{self, ApplyPledge, ReleasePledge};
use onestop_register::voucher_redemptions::{self, Redeem, RedemptionDecision};
use onestop_register::vouchers::{self, IssueVoucher};
use onestop_store::ServiceError;
use serde_json::json;
use support::{World, day};

fn forbidden<T: std::fmt::Debug>(r: Result<T, ServiceError>, what: &str) {
    assert!(
        matches!(r, Err(ServiceError::Forbidden(_))),
        "{what}: {r:?}"
    );
}

#[tokio::test]
async fn every_cross_party_access_is_denied() {
    let w = World::new("reg-access").await;
    let reg = w.register();
    let acme = w.enterprise("acme").await;
    let rival = w.enterprise("rival").await;
    let beijing = w.officer("bj-officer", "sci-tech").await;
    let hebei = w.officer("hb-officer", "hebei-sci-tech").await;
    let foreign = w.officer("fe-officer", "foreign-experts").await;
    let admin = w.admin("root").await;
    let person = w
        .account(
            "li-person",
            onestop_store::Role::Applicant,
            None,
            Some("person"),
        )
        .await;

    let req = |region: &str| IssueVoucher {
        region: region.into(),
        holder: "acme".into(),
        value: json!("100"),
        expires_on: "2030-12-31".into(),
        purpose: String::new(),
    };
    let today = day("2026-03-02");
    // Issuing: only the region's own agency or an administrator.
    forbidden(
        vouchers::issue(&reg, &acme, &req("beijing"), today).await,
        "applicant issues",
    );
    forbidden(
        vouchers::issue(&reg, &hebei, &req("beijing"), today).await,
        "Hebei issues for Beijing",
    );
    forbidden(
        vouchers::issue(&reg, &foreign, &req("beijing"), today).await,
        "another Beijing agency issues",
    );
    let v = vouchers::issue(&reg, &beijing, &req("beijing"), today)
        .await
        .expect("Beijing issues its own");
    vouchers::issue(&reg, &admin, &req("hebei"), today)
        .await
        .expect("an administrator issues for any region");

    // Seeing: the holder, the region's agency, administrators; nobody else.
    forbidden(
        vouchers::get(&reg, &rival, &v.id).await,
        "another enterprise sees",
    );
    forbidden(
        vouchers::get(&reg, &hebei, &v.id).await,
        "another region's agency sees",
    );
    forbidden(vouchers::get(&reg, &person, &v.id).await, "a person sees");
    for who in [&acme, &beijing, &admin] {
        vouchers::get(&reg, who, &v.id)
            .await
            .expect("allowed to see");
    }
    assert!(vouchers::list(&reg, &rival).await.expect("list").is_empty());

    // Redeeming: the holder only asks (not its agency, not an administrator, not the
    // provider); only the provider named confirms.
    let lab = w.provider("lab", "tianjin").await;
    let other_lab = w.provider("lab2", "beijing").await;
    let spend = Redeem {
        amount: json!("1"),
        provider: "lab".into(),
        service: String::new(),
    };
    for (who, what) in [
        (&rival, "another enterprise"),
        (&beijing, "the issuing officer"),
        (&admin, "an administrator"),
        (&lab, "the provider"),
    ] {
        forbidden(
            voucher_redemptions::request(&reg, who, &v.id, &spend, today).await,
            what,
        );
    }
    let (_, asked) = voucher_redemptions::request(&reg, &acme, &v.id, &spend, today)
        .await
        .expect("the holder asks");
    for (who, what) in [
        (&acme, "the holder"),
        (&other_lab, "another provider"),
        (&beijing, "the issuing officer"),
        (&admin, "an administrator"),
    ] {
        forbidden(
            voucher_redemptions::decide(
                &reg,
                who,
                &asked.id,
                RedemptionDecision::Confirm,
                "",
                today,
            )
            .await,
            what,
        );
    }
    forbidden(
        voucher_redemptions::decide(
            &reg,
            &lab,
            &asked.id,
            RedemptionDecision::Withdraw,
            "",
            today,
        )
        .await,
        "the provider withdraws the holder's request",
    );
    forbidden(
        voucher_redemptions::get(&reg, &other_lab, &asked.id).await,
        "another provider sees",
    );
    voucher_redemptions::decide(
        &reg,
        &lab,
        &asked.id,
        RedemptionDecision::Confirm,
        "",
        today,
    )
    .await
    .expect("the provider confirms");

    // Pledges: applied for by the right holder or its lender, countersigned by the
    // other party, registered by the IP office; released by the pledgee only (the
    // officer on a court order), never by the pledgor alone or an administrator.
    let bank = w.bank("bank").await;
    let ip = w.officer("ip-officer", "ip-office").await;
    let pledge = ApplyPledge {
        right_kind: "trademark".into(),
        right_number: "TM-1".into(),
        pledgee: Some("bank".into()),
        ..Default::default()
    };
    forbidden(
        pledges::apply(&reg, &beijing, &pledge).await,
        "an officer applies",
    );
    forbidden(
        pledges::apply(&reg, &admin, &pledge).await,
        "an administrator applies",
    );
    let p = pledges::apply(&reg, &acme, &pledge).await.expect("applied");
    for (who, what) in [
        (&rival, "another enterprise"),
        (&acme, "the pledgor itself"),
        (&ip, "the officer"),
        (&admin, "an administrator"),
    ] {
        forbidden(pledges::countersign(&reg, who, &p.id).await, what);
    }
    pledges::countersign(&reg, &bank, &p.id)
        .await
        .expect("the bank countersigns");
    for (who, what) in [
        (&beijing, "another agency's officer"),
        (&bank, "the pledgee"),
        (&acme, "the pledgor"),
        (&admin, "an administrator"),
    ] {
        forbidden(pledges::register(&reg, who, &p.id).await, what);
    }
    pledges::register(&reg, &ip, &p.id)
        .await
        .expect("the IP office registers");
    let plain = ReleasePledge::default();
    for (who, what) in [
        (&acme, "the pledgor"),
        (&rival, "another enterprise"),
        (&beijing, "an officer"),
        (&admin, "an administrator"),
    ] {
        forbidden(pledges::release(&reg, who, &p.id, &plain).await, what);
    }
    let order = ReleasePledge {
        reason: String::new(),
        court_order: Some("(2026) Jing 01 Zhi 9".into()),
    };
    for (who, what) in [
        (&acme, "the pledgor with an order"),
        (&bank, "the pledgee with an order"),
        (&beijing, "another agency's officer with an order"),
    ] {
        forbidden(pledges::release(&reg, who, &p.id, &order).await, what);
    }
    for who in [&rival, &beijing, &person] {
        forbidden(
            pledges::get(&reg, who, &p.id).await,
            "a stranger sees the pledge",
        );
    }
    pledges::release(&reg, &bank, &p.id, &plain)
        .await
        .expect("the pledgee releases");

    // Licences are listed for their holders only.
    forbidden(
        licences::mine(&reg, &beijing).await,
        "an officer lists licences",
    );
    forbidden(
        licences::mine(&reg, &admin).await,
        "an administrator lists licences",
    );
    licences::mine(&reg, &acme)
        .await
        .expect("the holder lists its own");
}
