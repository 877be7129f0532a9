//! Every cross-party access to the register is denied by the access policy
//! (`policies/access.cedar`), through the register's own functions.

mod support;

use onestop_register::licences;
use onestop_register::pledges::{self, RegisterPledge};
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

    // Pledges: registered by right holders only; released by the pledgor or an admin.
    let pledge = RegisterPledge {
        right_kind: "trademark".into(),
        right_number: "TM-1".into(),
        lender: "bank".into(),
        secured_amount: None,
    };
    forbidden(
        pledges::register(&reg, &beijing, &pledge).await,
        "an officer registers",
    );
    forbidden(
        pledges::register(&reg, &admin, &pledge).await,
        "an administrator registers",
    );
    let p = pledges::register(&reg, &acme, &pledge)
        .await
        .expect("registered");
    forbidden(
        pledges::release(&reg, &rival, &p.id, "").await,
        "another enterprise releases",
    );
    forbidden(
        pledges::release(&reg, &beijing, &p.id, "").await,
        "an officer releases",
    );
    pledges::release(&reg, &admin, &p.id, "court order")
        .await
        .expect("an administrator releases");

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
