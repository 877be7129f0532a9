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
    assert_eq!(p.applied_on, onestop_store::today().to_string());
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
    assert_eq!(refused.refused_on, Some(onestop_store::today().to_string()));
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

/// The migrations before 0011, applied as `Db::open` applies them.
const BEFORE_0011: &[(i64, &str)] = &[
    (1, include_str!("../../store/migrations/0001_cases.sql")),
    (2, include_str!("../../store/migrations/0002_ledger.sql")),
    (3, include_str!("../../store/migrations/0003_indexes.sql")),
    (4, include_str!("../../store/migrations/0004_calendar.sql")),
    (5, include_str!("../../store/migrations/0005_clock.sql")),
    (
        6,
        include_str!("../../store/migrations/0006_licence_status.sql"),
    ),
    (
        7,
        include_str!("../../store/migrations/0007_procedures.sql"),
    ),
    (8, include_str!("../../store/migrations/0008_witnesses.sql")),
    (
        9,
        include_str!("../../store/migrations/0009_project_review.sql"),
    ),
];

#[tokio::test]
async fn pledges_registered_before_0011_keep_their_record_and_are_released_on_a_court_order() {
    use onestop_store::{Authz, Db};
    use sqlx::Executor;
    // A database as the service left it before 0011: a pledge its pledgor registered
    // alone (the lender as text), and its registration on the log.
    let url = onestop_store::db::scratch_sqlite_url("reg-pledges-0011");
    sqlx::any::install_default_drivers();
    let pool = sqlx::AnyPool::connect(&format!("{url}?mode=rwc"))
        .await
        .expect("connect");
    pool.execute(
        "CREATE TABLE onestop_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)",
    )
    .await
    .expect("migrations table");
    for (version, sql) in BEFORE_0011 {
        let sql: String = sql
            .replace("{blob}", "BLOB")
            .lines()
            .filter(|l| !l.trim_start().starts_with("--"))
            .collect::<Vec<_>>()
            .join("\n");
        for stmt in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            sqlx::raw_sql(sqlx::AssertSqlSafe(stmt.to_string()))
                .execute(&pool)
                .await
                .expect("old migration");
        }
        sqlx::query("INSERT INTO onestop_migrations (version, applied_at) VALUES ($1, '2026-01-01T00:00:00Z')")
            .bind(*version)
            .execute(&pool)
            .await
            .expect("recorded");
    }
    sqlx::query("INSERT INTO accounts (id, username, password_hash, role, agency, entity, display_name, created_at) VALUES ('acct-acme', 'acme', 'x', 'applicant', NULL, 'enterprise', 'Acme Ltd', '2026-01-01T00:00:00Z')")
        .execute(&pool)
        .await
        .expect("account");
    let id = "01900000-0000-7000-8000-000000000001";
    let mut tx = pool.begin().await.expect("tx");
    sqlx::query("INSERT INTO pledges (id, right_kind, right_number, pledgor_id, lender, secured_fen, state, active_key, register_entry, registered_at) VALUES ($1, 'patent', 'ZL2020100000001.1', 'acct-acme', 'Old Bank', 100000, 'registered', 'patent:ZL2020100000001.1', 0, '2026-02-03T04:05:06.000000Z')")
        .bind(id)
        .execute(&mut *tx)
        .await
        .expect("old pledge");
    let doc = json!({"type": "pledge.registered", "pledge_id": id, "lender": "Old Bank"});
    let idx = log::append_one(&mut tx, "pledge.registered", id, &doc)
        .await
        .expect("logged");
    assert_eq!(idx, 0);
    tx.commit().await.expect("commit");
    pool.close().await;

    // Opened by this version: migrated, and nothing lost.
    let db = Db::open(&url).await.expect("opens and migrates");
    let authz = Authz::shipped().expect("policy");
    let reg = onestop_register::Register::new(&db, &authz);
    let public = pledge_status::status(&reg, "patent", "ZL2020100000001.1")
        .await
        .expect("status");
    assert!(public.pledged, "{public:?}");
    let standing = public.standing.expect("standing");
    assert_eq!(
        (
            standing.pledgor.as_str(),
            standing.pledgee.as_str(),
            standing.registered_on.as_deref()
        ),
        ("Acme Ltd", "Old Bank", Some("2026-02-03"))
    );
    let key = log::verifying_key(&db).expect("key");
    let report = verify_stored(&db, &key).await.expect("report");
    assert_eq!(report.pledges_checked, 1);
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // Its pledgor still cannot release it, and it has no lender account: the IP
    // office's officer releases it on a court order.
    let w = World { db, authz };
    let reg = w.register();
    let acme = onestop_store::accounts::by_username(&w.db, "acme")
        .await
        .expect("lookup")
        .expect("acme");
    let view = pledges::get(&reg, &acme, id)
        .await
        .expect("the pledgor sees it");
    assert_eq!(
        (
            view.applied_by.as_str(),
            view.pledgee_id.as_deref(),
            view.secured_amount.as_deref()
        ),
        ("pledgor", None, Some("1000.00"))
    );
    forbidden(
        pledges::release(&reg, &acme, id, &by_pledgee("")).await,
        "the old pledgor",
    );
    let officer = w.officer("ip-officer", "ip-office").await;
    let released = pledges::release(
        &reg,
        &officer,
        id,
        &ReleasePledge {
            reason: String::new(),
            court_order: Some("(2026) Jing 73 Min Chu 1".into()),
        },
    )
    .await
    .expect("released on a court order");
    assert_eq!(released.state, "released");
    let report = verify_stored(&w.db, &key).await.expect("report");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
}
