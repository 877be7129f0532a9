//! IP pledges through the register alone, with their three parties: a joint
//! application (either party starts, the other countersigns), registration or refusal
//! by the IP office's officer, one standing pledge per right, release by the pledgee
//! or by the officer on a court order, never by the pledgor alone; every step logged
//! and the log check agreeing; the public status shows registered pledges only.

mod support;

use onestop_register::log;
use onestop_register::pledge_status;
use onestop_register::pledges::{self, ApplyPledge, PledgeActions, ReleasePledge};
use onestop_register::verify::verify_stored;
use onestop_store::ServiceError;
use serde_json::json;
use support::World;

fn to_bank(number: &str, bank: &str) -> ApplyPledge {
    ApplyPledge {
        right_kind: "patent".into(),
        right_number: number.into(),
        pledgee: Some(bank.into()),
        secured_amount: Some(json!("5000000.00")),
        ..Default::default()
    }
}

fn conflict<T: std::fmt::Debug>(r: Result<T, ServiceError>, what: &str) {
    assert!(matches!(r, Err(ServiceError::Conflict(_))), "{what}: {r:?}");
}

fn forbidden<T: std::fmt::Debug>(r: Result<T, ServiceError>, what: &str) {
    assert!(
        matches!(r, Err(ServiceError::Forbidden(_))),
        "{what}: {r:?}"
    );
}

fn by_pledgee(reason: &str) -> ReleasePledge {
    ReleasePledge {
        reason: reason.into(),
        court_order: None,
    }
}

#[tokio::test]
async fn a_pledge_is_signed_by_both_parties_registered_by_the_office_and_released_by_the_pledgee() {
    let w = World::new("reg-pledges").await;
    let reg = w.register();
    let acme = w.enterprise("acme").await;
    let bank = w.bank("bank-of-beijing").await;
    let officer = w.officer("ip-officer", "ip-office").await;

    // The pledgor applies, naming its bank; the right's number is normalised.
    let p = pledges::apply(
        &reg,
        &acme,
        &to_bank("zl 2023 1000 0001.x", "bank-of-beijing"),
    )
    .await
    .expect("applied");
    assert_eq!(
        (
            p.state.as_str(),
            p.right_number.as_str(),
            p.applied_by.as_str()
        ),
        ("applied", "ZL202310000001.X", "pledgor")
    );
    assert_eq!(p.secured_amount.as_deref(), Some("5000000.00"));
    assert_eq!(p.pledgee_id.as_deref(), Some(bank.id.as_str()));
    // Nothing is registered before both have signed: the officer cannot register
    // yet, and the pledgor cannot countersign its own application.
    conflict(
        pledges::register(&reg, &officer, &p.id).await,
        "register unsigned",
    );
    forbidden(
        pledges::countersign(&reg, &acme, &p.id).await,
        "pledgor countersigns own",
    );
    assert_eq!(
        pledges::actions(&reg, &bank, &p),
        PledgeActions {
            countersign: true,
            ..Default::default()
        }
    );
    let public = pledge_status::status(&reg, "patent", "ZL202310000001.X")
        .await
        .expect("status");
    assert!(!public.pledged && public.history.is_empty(), "{public:?}");

    let p = pledges::countersign(&reg, &bank, &p.id)
        .await
        .expect("countersigned");
    assert_eq!(p.state, "signed");
    conflict(
        pledges::countersign(&reg, &bank, &p.id).await,
        "countersigned twice",
    );
    assert_eq!(
        pledges::actions(&reg, &officer, &p),
        PledgeActions {
            register: true,
            refuse: true,
            ..Default::default()
        }
    );
    let p = pledges::register(&reg, &officer, &p.id)
        .await
        .expect("registered");
    assert_eq!(p.state, "registered");
    assert_eq!(p.registered_by.as_deref(), Some("ip-officer"));
    let public = pledge_status::status(&reg, "patent", "zl202310000001.x")
        .await
        .expect("status");
    assert!(public.pledged);
    let standing = public.standing.expect("standing");
    assert_eq!(standing.pledgee, "bank-of-beijing");
    assert_eq!(standing.pledgor, "acme");
    assert_eq!(
        standing.registered_on.as_deref(),
        Some(onestop_store::today().to_string().as_str())
    );
    // The public view carries no amount and no account ids.
    let text = serde_json::to_string(&public.history).expect("json");
    assert!(
        !text.contains("5000000") && !text.contains(&acme.id),
        "{text}"
    );

    // Another application for the standing right is refused at once; a second bank
    // cannot be given the same right.
    let bank2 = w.bank("second-bank").await;
    conflict(
        pledges::apply(&reg, &acme, &to_bank("ZL202310000001.X", "second-bank")).await,
        "apply while pledged",
    );

    // The pledgor alone never releases; nor an administrator, nor another bank; an
    // officer only on a court order.
    let admin = w.admin("root").await;
    for (who, what) in [
        (&acme, "pledgor"),
        (&admin, "admin"),
        (&bank2, "another bank"),
        (&officer, "officer without order"),
    ] {
        forbidden(
            pledges::release(&reg, who, &p.id, &by_pledgee("")).await,
            what,
        );
    }
    let released = pledges::release(&reg, &bank, &p.id, &by_pledgee("loan repaid"))
        .await
        .expect("the pledgee releases");
    assert_eq!(released.state, "released");
    assert_eq!(released.release_reason.as_deref(), Some("loan repaid"));
    conflict(
        pledges::release(&reg, &bank, &p.id, &by_pledgee("")).await,
        "released twice",
    );
    let public = pledge_status::status(&reg, "patent", "ZL202310000001.X")
        .await
        .expect("status");
    assert!(!public.pledged);
    assert_eq!(public.history.len(), 1);
    assert_eq!(public.history[0].state, "released");

    // Released, the right can be pledged again; this time the bank starts and the
    // pledgor countersigns.
    let again = pledges::apply(
        &reg,
        &bank2,
        &ApplyPledge {
            right_kind: "patent".into(),
            right_number: "ZL202310000001.X".into(),
            pledgor: Some("acme".into()),
            ..Default::default()
        },
    )
    .await
    .expect("the bank applies");
    assert_eq!(again.applied_by, "pledgee");
    forbidden(
        pledges::countersign(&reg, &bank2, &again.id).await,
        "bank countersigns own",
    );
    pledges::countersign(&reg, &acme, &again.id)
        .await
        .expect("pledgor countersigns");
    let again = pledges::register(&reg, &officer, &again.id)
        .await
        .expect("registered");
    // On a court order the officer releases it, and the order's reference is kept.
    let by_order = pledges::release(
        &reg,
        &officer,
        &again.id,
        &ReleasePledge {
            reason: "judgment enforced".into(),
            court_order: Some("(2026) Jing 0108 Zhi 1234".into()),
        },
    )
    .await
    .expect("released on a court order");
    assert_eq!(
        by_order.court_order.as_deref(),
        Some("(2026) Jing 0108 Zhi 1234")
    );
    assert_eq!(by_order.released_by.as_deref(), Some("ip-officer"));

    // A refused application: registered never, logged, not public.
    let third = pledges::apply(&reg, &acme, &to_bank("ZL202310000001.X", "second-bank"))
        .await
        .expect("applied");
    pledges::countersign(&reg, &bank2, &third.id)
        .await
        .expect("countersigned");
    let refused = pledges::refuse(
        &reg,
        &officer,
        &third.id,
        "the pledgor is not the registered holder",
    )
    .await
    .expect("refused");
    assert_eq!(refused.state, "refused");
    conflict(
        pledges::register(&reg, &officer, &third.id).await,
        "register refused",
    );
    assert_eq!(
        pledge_status::status(&reg, "patent", "ZL202310000001.X")
            .await
            .expect("status")
            .history
            .len(),
        2
    );

    // Every step is on the log, and the log check agrees with every pledge.
    let key = log::verifying_key(&w.db).expect("key");
    let report = verify_stored(&w.db, &key).await.expect("report");
    // first: apply, countersign, register, release; again: the same; third: apply,
    // countersign, refuse.
    assert_eq!((report.entries, report.pledges_checked), (11, 3));
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let kinds: Vec<String> = log::entries(&w.db, 0, 4)
        .await
        .expect("entries")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            "pledge.applied",
            "pledge.countersigned",
            "pledge.registered",
            "pledge.released"
        ]
    );

    // Each party lists its own; the officer its agency's; a stranger nothing.
    assert_eq!(pledges::list(&reg, &acme).await.expect("list").len(), 3);
    assert_eq!(pledges::list(&reg, &bank).await.expect("list").len(), 1);
    assert_eq!(pledges::list(&reg, &officer).await.expect("list").len(), 3);
    let rival = w.enterprise("rival").await;
    assert!(pledges::list(&reg, &rival).await.expect("list").is_empty());
    forbidden(pledges::get(&reg, &rival, &p.id).await, "a stranger sees");
}

#[tokio::test]
async fn registrations_of_one_right_racing_each_other_leave_one_standing() {
    let w = World::new("reg-pledges-race").await;
    let reg = w.register();
    let acme = w.enterprise("acme").await;
    let officer = w.officer("ip-officer", "ip-office").await;
    let mut ids = Vec::new();
    for i in 0..6 {
        let bank = w.bank(&format!("bank-{i}")).await;
        let p = pledges::apply(&reg, &acme, &to_bank("TM-77", &format!("bank-{i}")))
            .await
            .expect("applied");
        pledges::countersign(&reg, &bank, &p.id)
            .await
            .expect("countersigned");
        ids.push(p.id);
    }
    let outcomes =
        futures::future::join_all(ids.iter().map(|id| pledges::register(&reg, &officer, id))).await;
    let mut registered = 0;
    for outcome in outcomes {
        match outcome {
            Ok(_) => registered += 1,
            Err(ServiceError::Conflict(m)) => assert!(m.contains("already pledged"), "{m}"),
            Err(e) => panic!("unexpected {e:?}"),
        }
    }
    assert_eq!(registered, 1);
    let key = log::verifying_key(&w.db).expect("key");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}

#[tokio::test]
async fn an_application_names_an_existing_counterparty_of_the_right_role() {
    let w = World::new("reg-pledges-input").await;
    let reg = w.register();
    let acme = w.enterprise("acme").await;
    let bank = w.bank("bank").await;
    let field = |r: Result<pledges::PledgeView, ServiceError>| match r {
        Err(ServiceError::Invalid { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    let mut req = to_bank("ZL1", "nobody");
    assert_eq!(field(pledges::apply(&reg, &acme, &req).await), "pledgee");
    req.pledgee = Some("acme".into());
    assert_eq!(
        field(pledges::apply(&reg, &acme, &req).await),
        "pledgee",
        "an applicant is no lender"
    );
    req.pledgee = None;
    assert_eq!(field(pledges::apply(&reg, &acme, &req).await), "pledgee");
    let by_bank = ApplyPledge {
        right_kind: "patent".into(),
        right_number: "ZL1".into(),
        pledgor: Some("bank".into()),
        ..Default::default()
    };
    assert_eq!(
        field(pledges::apply(&reg, &bank, &by_bank).await),
        "pledgor",
        "a bank is no right holder"
    );
    let mut bad = to_bank("ZL1", "bank");
    bad.right_kind = "copyright".into();
    assert_eq!(field(pledges::apply(&reg, &acme, &bad).await), "right_kind");
    let mut bad = to_bank("ZL<1>", "bank");
    assert_eq!(
        field(pledges::apply(&reg, &acme, &bad).await),
        "right_number"
    );
    bad = to_bank("ZL1", "bank");
    bad.secured_amount = Some(json!("lots"));
    assert_eq!(
        field(pledges::apply(&reg, &acme, &bad).await),
        "secured_amount"
    );
    // An id that is no UUID names no pledge.
    assert!(matches!(
        pledges::get(&reg, &acme, "not-an-id\u{0}").await,
        Err(ServiceError::NotFound(_))
    ));
    // The officer's refusal needs a reason.
    let officer = w.officer("ip-officer", "ip-office").await;
    let p = pledges::apply(&reg, &acme, &to_bank("ZL1", "bank"))
        .await
        .expect("applied");
    pledges::countersign(&reg, &bank, &p.id)
        .await
        .expect("countersigned");
    assert_eq!(
        field(pledges::refuse(&reg, &officer, &p.id, "  ").await),
        "reason"
    );
}
