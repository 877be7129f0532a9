//! The verifiable register through its public faces: the real `onestop serve`
//! process over HTTP, the `onestop ledger` command, and a real database (SQLite, or
//! PostgreSQL when ONESTOP_TEST_PG_ADMIN holds an admin URL, as scripts/test.sh sets).
//! E-licences on approval verified offline, tampering caught, the auditor's first
//! divergence, concurrent voucher redemptions from two servers, IP pledges.

mod support;

use serde_json::{Value as J, json};
use std::path::{Path, PathBuf};
use support::{Client, PASSWORD, Server, fresh, onestop, talent_facts, today};

async fn pool(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(url).await.expect("connect")
}

fn write_json(path: &Path, v: &J) {
    std::fs::write(path, serde_json::to_string_pretty(v).expect("json")).expect("write");
}

/// The log's public key as served, saved where `--log-key` can read it.
async fn public_key(s: &Server, dir: &Path) -> PathBuf {
    let (st, k) = Client::anonymous().get(s, "/api/ledger/key").await;
    assert_eq!(st, 200, "{k}");
    let path = dir.join("log.pub");
    std::fs::write(&path, k["key_file"].as_str().expect("key_file")).expect("write key");
    path
}

#[tokio::test]
async fn an_approval_issues_a_licence_that_verifies_offline_and_any_edit_is_caught() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.officer("fe-officer", "foreign-experts");
    let alice = Client::register(&s, "alice", "person").await;
    let (st, m) = alice
        .upload(
            &s,
            "passport.pdf",
            "application/pdf",
            b"%PDF-1.4\n% passport\n".to_vec(),
        )
        .await;
    assert_eq!(st, 201, "{m}");
    let (st, b) = alice
        .post(&s, "/api/bundles", json!({"service": "category-a-permits", "idempotency_key": "a1", "facts": talent_facts(), "documents": {"passport": m["hash"]}}))
        .await;
    assert_eq!(st, 201, "{b}");
    let case = b["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["agency"] == "foreign-experts")
        .and_then(|c| c["id"].as_str())
        .expect("case")
        .to_string();
    let o = Client::login(&s, "fe-officer").await;
    for (action, reason) in [("accept", ""), ("approve", "criteria met")] {
        let (st, r) = o
            .post(
                &s,
                &format!("/api/cases/{case}/actions"),
                json!({"action": action, "reason": reason}),
            )
            .await;
        assert_eq!(st, 200, "{action}: {r}");
    }
    // The holder finds the licence among hers; nothing was issued for the undecided case.
    let (st, mine) = alice.get(&s, "/api/licences").await;
    assert_eq!(st, 200, "{mine}");
    let mine = mine.as_array().expect("licences").clone();
    assert_eq!(mine.len(), 1, "{mine:?}");
    let doc = &mine[0];
    assert_eq!(doc["case_id"], case.as_str());
    assert_eq!(doc["holder"]["name"], "alice Ltd");
    assert_eq!(doc["deciding_agency"]["id"], "foreign-experts");
    assert_eq!(doc["granted"]["kind"], "work-permit");
    assert_eq!(doc["decision_reason"], "criteria met");
    assert!(
        doc["rules_version"].as_str().is_some_and(|v| !v.is_empty()),
        "{doc}"
    );
    assert!(doc["validity"]["from"].is_string() && doc["validity"]["until"].is_string());
    let code = doc["code"].as_str().expect("code").to_string();

    // Anyone with the code gets the licence with its receipt, and the printable page.
    let anon = Client::anonymous();
    let (st, receipt) = anon.get(&s, &format!("/api/licences/{code}")).await;
    assert_eq!(st, 200, "{receipt}");
    // The holder's list adds the licence's current status to the logged document.
    assert_eq!(doc["status"], "valid");
    let mut logged = doc.clone();
    logged.as_object_mut().expect("doc").remove("status");
    assert_eq!(receipt["entry"], logged);
    // The old printable address leads to the portal's page, in the reader's language.
    let resp = reqwest::get(s.url(&format!("/api/licences/{}/html", code.to_lowercase())))
        .await
        .expect("html");
    assert_eq!(resp.status().as_u16(), 200);
    assert_eq!(resp.url().path(), format!("/licences/{code}"));
    let printed = |lang: &'static str| {
        let url = s.url(&format!("/licences/{code}?lang={lang}"));
        async move {
            let resp = reqwest::get(url).await.expect("page");
            assert_eq!(resp.status().as_u16(), 200);
            assert!(
                resp.headers()["content-type"]
                    .to_str()
                    .unwrap_or("")
                    .starts_with("text/html")
            );
            resp.text().await.expect("page")
        }
    };
    let page = printed("en").await;
    for want in [
        code.as_str(),
        "alice Ltd",
        "Holder",
        "Beijing Municipal Science and Technology Commission",
        doc["validity"]["until"].as_str().unwrap_or("?"),
        doc["rules_version"].as_str().unwrap_or("?"),
    ] {
        assert!(page.contains(want), "the English page shows {want}");
    }
    let page = printed("zh-CN").await;
    for want in [code.as_str(), "持证人", "北京市科学技术委员会"] {
        assert!(page.contains(want), "the Chinese page shows {want}");
    }
    let page = printed("ar").await;
    assert!(page.contains(r#"dir="rtl""#) && page.contains(code.as_str()));
    let missing = reqwest::get(s.url("/licences/BJ-00000-00000"))
        .await
        .expect("page");
    assert_eq!(missing.status().as_u16(), 404);
    let (st, v) = anon
        .get(&s, &format!("/api/licences/{code}/verification"))
        .await;
    assert_eq!(st, 200);
    assert_eq!(v["valid"], true, "{v}");

    // Offline: the document and the log's public key are all it takes.
    let key = public_key(&s, &dir).await;
    let file = dir.join("licence.json");
    write_json(&file, &receipt);
    let f = file.to_str().expect("path");
    let k = key.to_str().expect("path");
    let (code_ok, out, err) = onestop(&["ledger", "verify", f, "--log-key", k], None);
    assert_eq!(code_ok, 0, "{out}{err}");
    assert!(
        out.starts_with("valid: licence") && out.contains("alice Ltd"),
        "{out}"
    );
    // The portal's JSON endpoint agrees, for the same file.
    let (st, v) = anon.post(&s, "/api/ledger/verify", receipt.clone()).await;
    assert_eq!((st, v["valid"].clone()), (200, json!(true)), "{v}");

    // An edited copy fails, and so does the right document under another log's key.
    let mut forged = receipt.clone();
    forged["entry"]["validity"]["until"] = json!("2099-12-31");
    let forged_file = dir.join("forged.json");
    write_json(&forged_file, &forged);
    let (c, out, _) = onestop(
        &[
            "ledger",
            "verify",
            forged_file.to_str().expect("p"),
            "--log-key",
            k,
        ],
        None,
    );
    assert_eq!(c, 1, "{out}");
    assert!(out.starts_with("INVALID"), "{out}");
    let (st, v) = anon.post(&s, "/api/ledger/verify", forged).await;
    assert_eq!((st, v["valid"].clone()), (200, json!(false)), "{v}");
    let other = dir.join("other.key");
    let (c, _, err) = onestop(
        &["ledger", "keygen", "--out", other.to_str().expect("p")],
        None,
    );
    assert_eq!(c, 0, "{err}");
    let other_pub = format!("{}.pub", other.display());
    let (c, out, _) = onestop(&["ledger", "verify", f, "--log-key", &other_pub], None);
    assert_eq!(c, 1, "{out}");
    assert!(out.contains("signature"), "{out}");
    // The whole stored log verifies.
    let (c, out, err) = onestop(
        &["ledger", "verify", "--log-key", k, "--database-url", &db],
        None,
    );
    assert_eq!(c, 0, "{out}{err}");
    assert!(out.contains("1 licences"), "{out}");

    // Tamper with the stored document: the served licence no longer verifies.
    let p = pool(&db).await;
    let stored: String = sqlx::query_scalar("SELECT document FROM licences WHERE code = $1")
        .bind(&code)
        .fetch_one(&p)
        .await
        .expect("stored");
    let edited = stored.replace("alice Ltd", "mallory Ltd");
    assert_ne!(edited, stored);
    sqlx::query("UPDATE licences SET document = $1 WHERE code = $2")
        .bind(&edited)
        .bind(&code)
        .execute(&p)
        .await
        .expect("tamper");
    let (_, tampered) = anon.get(&s, &format!("/api/licences/{code}")).await;
    assert_eq!(tampered["entry"]["holder"]["name"], "mallory Ltd");
    write_json(&file, &tampered);
    let (c, out, _) = onestop(&["ledger", "verify", f, "--log-key", k], None);
    assert_eq!(c, 1, "an edited stored licence must fail: {out}");
    let (_, v) = anon
        .get(&s, &format!("/api/licences/{code}/verification"))
        .await;
    assert_eq!(v["valid"], false, "{v}");
    let (c, out, _) = onestop(
        &["ledger", "verify", "--log-key", k, "--database-url", &db],
        None,
    );
    assert_eq!(c, 1, "{out}");
    assert!(out.contains(&format!("licence {code}")), "{out}");
    sqlx::query("UPDATE licences SET document = $1 WHERE code = $2")
        .bind(&stored)
        .bind(&code)
        .execute(&p)
        .await
        .expect("restore");
    let (c, out, _) = onestop(
        &["ledger", "verify", "--log-key", k, "--database-url", &db],
        None,
    );
    assert_eq!(c, 0, "restored: {out}");

    // Tamper with the log row itself: its hash no longer matches...
    let idx = receipt["leaf_index"].as_i64().expect("index");
    let data: String = sqlx::query_scalar("SELECT data FROM ledger_entries WHERE idx = $1")
        .bind(idx)
        .fetch_one(&p)
        .await
        .expect("row");
    let forged_data = data.replace("criteria met", "criteria not met");
    assert_ne!(forged_data, data);
    sqlx::query("UPDATE ledger_entries SET data = $1 WHERE idx = $2")
        .bind(&forged_data)
        .bind(idx)
        .execute(&p)
        .await
        .expect("tamper row");
    let (c, out, _) = onestop(
        &["ledger", "verify", "--log-key", k, "--database-url", &db],
        None,
    );
    assert_eq!(c, 1, "{out}");
    assert!(out.contains(&format!("entry {idx}")), "{out}");
    // ...and rewriting the hash too breaks the signed tree head.
    let new_hash = onestop_ledger::to_hex(&onestop_ledger::leaf_hash(forged_data.as_bytes()));
    sqlx::query("UPDATE ledger_entries SET leaf_hash = $1 WHERE idx = $2")
        .bind(&new_hash)
        .bind(idx)
        .execute(&p)
        .await
        .expect("tamper hash");
    let (c, out, _) = onestop(
        &["ledger", "verify", "--log-key", k, "--database-url", &db],
        None,
    );
    assert_eq!(c, 1, "{out}");
    assert!(out.contains("signed root"), "{out}");
}

#[tokio::test]
async fn the_auditor_checks_two_heads_and_names_the_first_divergence() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let acme = Client::register(&s, "acme", "enterprise").await;
    s.institution("bank", "Bank of Beijing");
    let pledge = |n: u32| json!({"right_kind": "patent", "right_number": format!("ZL2023100000{n}.X"), "pledgee": "bank"});
    for n in 0..2 {
        assert_eq!(acme.post(&s, "/api/pledges", pledge(n)).await.0, 201);
    }
    let (_, h1) = Client::anonymous().get(&s, "/api/ledger/head").await;
    assert_eq!(h1["tree_size"], 2, "{h1}");
    for n in 2..5 {
        assert_eq!(acme.post(&s, "/api/pledges", pledge(n)).await.0, 201);
    }
    let (_, h2) = Client::anonymous().get(&s, "/api/ledger/head").await;
    assert_eq!(h2["tree_size"], 5, "{h2}");
    let (f1, f2) = (dir.join("h1.json"), dir.join("h2.json"));
    write_json(&f1, &h1);
    write_json(&f2, &h2);
    let key = public_key(&s, &dir).await;
    let (a, b, k) = (
        f1.to_str().expect("p"),
        f2.to_str().expect("p"),
        key.to_str().expect("p"),
    );
    for source in [
        ["--database-url", db.as_str()],
        ["--server", s.base.as_str()],
    ] {
        let mut args = vec!["ledger", "audit", "--from", a, "--to", b, "--log-key", k];
        args.extend(source);
        let (c, out, err) = onestop(&args, None);
        assert_eq!(c, 0, "{out}{err}");
        assert!(out.starts_with("consistent"), "{out}");
    }
    // Heads in the wrong order are a usage error, not a verdict.
    let (c, _, err) = onestop(
        &[
            "ledger",
            "audit",
            "--from",
            b,
            "--to",
            a,
            "--log-key",
            k,
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(c, 2, "{err}");
    // A head not signed by this log's key is refused.
    let mut forged = h1.clone();
    forged["tree_size"] = json!(3);
    let f3 = dir.join("forged.json");
    write_json(&f3, &forged);
    let (c, _, err) = onestop(
        &[
            "ledger",
            "audit",
            "--from",
            f3.to_str().expect("p"),
            "--to",
            b,
            "--log-key",
            k,
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(c, 2);
    assert!(err.contains("signature"), "{err}");

    // The operator rewrites entry 1 and its hash, consistently: every signed head after
    // it stops matching, and the audit names entry 1.
    let p = pool(&db).await;
    let data: String = sqlx::query_scalar("SELECT data FROM ledger_entries WHERE idx = 1")
        .fetch_one(&p)
        .await
        .expect("row");
    let rewritten = data.replace("ZL20231000001.X", "ZL20231000009.X");
    assert_ne!(rewritten, data);
    sqlx::query("UPDATE ledger_entries SET data = $1, leaf_hash = $2 WHERE idx = 1")
        .bind(&rewritten)
        .bind(onestop_ledger::to_hex(&onestop_ledger::leaf_hash(
            rewritten.as_bytes(),
        )))
        .execute(&p)
        .await
        .expect("rewrite");
    let (c, out, err) = onestop(
        &[
            "ledger",
            "audit",
            "--from",
            a,
            "--to",
            b,
            "--log-key",
            k,
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(c, 1, "{out}{err}");
    assert!(out.starts_with("INCONSISTENT"), "{out}");
    assert!(out.contains("first divergence: entry 1 "), "{out}");
}

#[tokio::test]
async fn concurrent_redemptions_from_two_servers_never_overdraw_a_voucher() {
    let (db, dir) = fresh().await;
    let s1 = Server::start(&db, &dir);
    let s2 = Server::start(&db, &dir);
    s1.officer("bj-officer", "sci-tech");
    let acme = Client::register(&s1, "acme", "enterprise").await;
    let officer = Client::login(&s1, "bj-officer").await;
    let (st, v) = officer
        .post(&s1, "/api/vouchers", json!({"region": "beijing", "holder": "acme", "value": "1000.00", "expires_on": "2099-12-31", "purpose": "testing services"}))
        .await;
    assert_eq!(st, 201, "{v}");
    assert_eq!(
        (v["value"].as_str(), v["balance"].as_str()),
        (Some("1000.00"), Some("1000.00"))
    );
    let id = v["id"].as_str().expect("id").to_string();

    // Providers have accounts; a redemption is asked by the holder and counts when
    // the provider confirms it.
    s1.provider("tj-lab", "tianjin", "");
    let lab = Client::login(&s1, "tj-lab").await;
    // 40 requests of 30 yuan at once, half through each server (several connections
    // each, two processes): 33 fit into 1000 yuan, 7 must be refused.
    let mut tasks = Vec::new();
    for i in 0..40 {
        let c = acme.clone();
        let url = if i % 2 == 0 { s1.url("") } else { s2.url("") };
        let path = format!("{url}/api/vouchers/{id}/redemptions");
        let body = json!({"amount": "30.00", "provider": "tj-lab", "service": format!("Test {i}")});
        tasks.push(tokio::spawn(async move {
            Client::send(c.auth(c.http.post(path).json(&body))).await
        }));
    }
    let (mut asked, mut refused) = (Vec::new(), 0);
    for t in tasks {
        let (st, body) = t.await.expect("join");
        match st {
            201 => asked.push(body["redemption"]["id"].as_str().unwrap_or("").to_string()),
            409 => {
                assert!(
                    body["error"].as_str().unwrap_or("").contains("balance"),
                    "{body}"
                );
                refused += 1
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!((asked.len(), refused), (33, 7));
    // The provider confirms each twice, through both servers at once: each counts once.
    let mut tasks = Vec::new();
    for r in &asked {
        for server in [&s1, &s2] {
            let c = lab.clone();
            let path = server.url(&format!("/api/voucher-redemptions/{r}/decision"));
            tasks.push(tokio::spawn(async move {
                Client::send(c.auth(c.http.post(path).json(&json!({"decision": "confirm"})))).await
            }));
        }
    }
    let mut confirmed = 0;
    for t in tasks {
        let (st, body) = t.await.expect("join");
        match st {
            200 => confirmed += 1,
            409 => {}
            other => panic!("unexpected {other}: {body}"),
        }
    }
    assert_eq!(confirmed, 33);
    let (_, v) = acme.get(&s2, &format!("/api/vouchers/{id}")).await;
    assert_eq!(v["redeemed"], "990.00", "{v}");
    assert_eq!(v["balance"], "10.00");
    assert_eq!(v["redemptions"].as_array().map(|r| r.len()), Some(33));
    // Partial redemption down to zero, then nothing more.
    let (st, r) = acme
        .post(
            &s2,
            &format!("/api/vouchers/{id}/redemptions"),
            json!({"amount": "10", "provider": "tj-lab"}),
        )
        .await;
    assert_eq!(st, 201, "{r}");
    assert_eq!(r["voucher"]["balance"], "0.00");
    let last = r["redemption"]["id"].as_str().expect("id").to_string();
    let (st, r) = lab
        .post(
            &s1,
            &format!("/api/voucher-redemptions/{last}/decision"),
            json!({"decision": "confirm"}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    let (st, _) = acme
        .post(
            &s1,
            &format!("/api/vouchers/{id}/redemptions"),
            json!({"amount": "0.01", "provider": "tj-lab"}),
        )
        .await;
    assert_eq!(st, 409);

    // Every event is in the log: one issue, 34 requests and 34 confirmations, each
    // with a receipt that verifies offline, at distinct positions.
    let (st, receipts) = acme.get(&s1, &format!("/api/vouchers/{id}/receipts")).await;
    assert_eq!(st, 200, "{receipts}");
    let receipts: Vec<onestop_ledger::Receipt> =
        serde_json::from_value(receipts).expect("receipts");
    assert_eq!(receipts.len(), 69);
    let key = onestop_ledger::load_verifying_key(&public_key(&s1, &dir).await).expect("key");
    let mut positions: Vec<u64> = receipts.iter().map(|r| r.leaf_index).collect();
    positions.sort();
    positions.dedup();
    assert_eq!(positions.len(), 69);
    let mut total = 0i64;
    for r in &receipts {
        r.verify(&key).expect("receipt verifies");
        if r.entry["type"] == "voucher.redeemed" {
            let a = r.entry["amount"].as_str().expect("amount");
            total += a.replace('.', "").parse::<i64>().expect("fen");
        }
    }
    assert_eq!(total, 100_000, "the log's redemptions add up to the value");
    let (c, out, err) = onestop(
        &[
            "ledger",
            "verify",
            "--log-key",
            s1.key.to_str().expect("p"),
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(c, 0, "{out}{err}");
    assert!(
        out.contains("69 entries") && out.contains("1 vouchers"),
        "{out}"
    );
    // A balance edited in the database no longer matches the logged redemptions.
    let p = pool(&db).await;
    sqlx::query("UPDATE vouchers SET redeemed_fen = 0 WHERE id = $1")
        .bind(&id)
        .execute(&p)
        .await
        .expect("tamper");
    let (c, out, _) = onestop(
        &[
            "ledger",
            "verify",
            "--log-key",
            s1.key.to_str().expect("p"),
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(c, 1, "{out}");
    assert!(out.contains(&format!("voucher {id}")), "{out}");
}

#[tokio::test]
async fn vouchers_are_issued_by_their_region_and_redeemed_only_by_their_holder() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.officer("bj-officer", "sci-tech");
    s.admin(&["create-admin", "--username", "root", "--password", PASSWORD]);
    let acme = Client::register(&s, "acme", "enterprise").await;
    let other = Client::register(&s, "other", "enterprise").await;
    let person = Client::register(&s, "pat", "person").await;
    let officer = Client::login(&s, "bj-officer").await;
    let admin = Client::login(&s, "root").await;
    let body = |region: &str| json!({"region": region, "holder": "acme", "value": "500", "expires_on": "2099-01-31"});
    // A Beijing officer issues Beijing vouchers, not Tianjin's; an administrator may
    // record any region's; applicants issue none.
    assert_eq!(
        officer.post(&s, "/api/vouchers", body("tianjin")).await.0,
        403
    );
    assert_eq!(acme.post(&s, "/api/vouchers", body("beijing")).await.0, 403);
    let (st, v) = admin.post(&s, "/api/vouchers", body("tianjin")).await;
    assert_eq!(st, 201, "{v}");
    let id = v["id"].as_str().expect("id").to_string();
    // Bad input names the field.
    for (bad, field) in [
        (
            json!({"region": "shanghai", "holder": "acme", "value": "1", "expires_on": "2099-01-01"}),
            "region",
        ),
        (
            json!({"region": "beijing", "holder": "pat", "value": "1", "expires_on": "2099-01-01"}),
            "holder",
        ),
        (
            json!({"region": "beijing", "holder": "acme", "value": "1.001", "expires_on": "2099-01-01"}),
            "value",
        ),
        (
            json!({"region": "beijing", "holder": "acme", "value": "-5", "expires_on": "2099-01-01"}),
            "value",
        ),
        (
            json!({"region": "beijing", "holder": "acme", "value": "5", "expires_on": "soon"}),
            "expires_on",
        ),
        (
            json!({"region": "beijing", "holder": "acme", "value": "5", "expires_on": "2001-01-01"}),
            "expires_on",
        ),
    ] {
        let (st, e) = officer.post(&s, "/api/vouchers", bad.clone()).await;
        assert_eq!((st, e["field"].as_str()), (422, Some(field)), "{bad}: {e}");
    }
    s.provider("lab", "beijing", "");
    let path = format!("/api/vouchers/{id}/redemptions");
    for (bad, field) in [
        (json!({"amount": "0", "provider": "lab"}), "amount"),
        (json!({"amount": 12.5, "provider": "lab"}), "amount"),
        (json!({"amount": "1", "provider": " "}), "provider"),
        (json!({"amount": "1", "provider": "acme"}), "provider"),
    ] {
        let (st, e) = acme.post(&s, &path, bad.clone()).await;
        assert_eq!((st, e["field"].as_str()), (422, Some(field)), "{bad}: {e}");
    }
    let (st, e) = acme.post(&s, &path, json!({"provider": "lab"})).await;
    assert_eq!(st, 422, "{e}");
    // Only the holder asks a redemption or sees the voucher.
    let ok = json!({"amount": "100", "provider": "lab"});
    assert_eq!(other.post(&s, &path, ok.clone()).await.0, 403);
    assert_eq!(person.post(&s, &path, ok.clone()).await.0, 403);
    assert_eq!(other.get(&s, &format!("/api/vouchers/{id}")).await.0, 403);
    assert_eq!(
        acme.post(&s, "/api/vouchers/no-such/redemptions", ok.clone())
            .await
            .0,
        404
    );
    let (st, r) = acme.post(&s, &path, ok).await;
    assert_eq!(st, 201, "{r}");
    assert_eq!(r["voucher"]["balance"], "400.00");
    assert_eq!(r["voucher"]["reserved"], "100.00");
    let (st, list) = acme.get(&s, "/api/vouchers").await;
    assert_eq!((st, list.as_array().map(|l| l.len())), (200, Some(1)));
    let (_, list) = other.get(&s, "/api/vouchers").await;
    assert_eq!(list.as_array().map(|l| l.len()), Some(0));
    // Proof queries name their field too.
    let (st, e) = Client::anonymous()
        .get(&s, "/api/ledger/proofs/inclusion?index=x&size=2")
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("index")), "{e}");
    let (st, e) = Client::anonymous()
        .get(&s, "/api/ledger/proofs/consistency?first=3")
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("second")), "{e}");
    let (st, e) = Client::anonymous()
        .post(&s, "/api/ledger/verify", json!({"entry": {}}))
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("receipt")), "{e}");
    // The register is described with the rest of the API.
    let (st, doc) = Client::anonymous().get(&s, "/openapi.json").await;
    assert_eq!(st, 200);
    for path in [
        "/api/ledger/verify",
        "/api/licences/{code}/verification",
        "/api/vouchers/{id}/redemptions",
        "/api/pledges",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is described");
    }
    let (st, e) = Client::anonymous()
        .get(&s, "/api/licences/not-a-code")
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("code")), "{e}");
}

#[tokio::test]
async fn a_right_is_pledged_once_until_released_and_every_event_is_logged() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    let acme = Client::register(&s, "acme", "enterprise").await;
    let rival = Client::register(&s, "rival", "enterprise").await;
    s.institution("bank", "Bank of Beijing");
    s.officer("ip-officer", "ip-office");
    let bank = Client::login(&s, "bank").await;
    let officer = Client::login(&s, "ip-officer").await;
    let apply = |number: &str| json!({"right_kind": "patent", "right_number": number, "pledgee": "bank", "secured_amount": "2000000"});
    // Eight applications for the same patent, each countersigned by the bank; eight
    // registrations at once: exactly one stands.
    let mut ids = Vec::new();
    for i in 0..8 {
        let c = if i % 2 == 0 { &acme } else { &rival };
        let (st, p) = c
            .post(&s, "/api/pledges", apply("ZL 2023 1000 0001.X"))
            .await;
        assert_eq!(st, 201, "{p}");
        assert_eq!(
            (p["state"].as_str(), p["may"]["countersign"].as_bool()),
            (Some("applied"), Some(false)),
            "{p}"
        );
        let id = p["id"].as_str().expect("id").to_string();
        let (st, p) = bank
            .post(
                &s,
                &format!("/api/pledges/{id}/countersignature"),
                json!({}),
            )
            .await;
        assert_eq!((st, p["state"].as_str()), (200, Some("signed")), "{p}");
        ids.push((id, i % 2 == 0));
    }
    let mut tasks = Vec::new();
    for (id, _) in &ids {
        let c = officer.clone();
        let url = s.url(&format!("/api/pledges/{id}/registration"));
        tasks.push(tokio::spawn(async move {
            Client::send(c.auth(c.http.post(url))).await
        }));
    }
    let mut registered = Vec::new();
    for (t, (id, by_acme)) in tasks.into_iter().zip(&ids) {
        let (st, b) = t.await.expect("join");
        match st {
            200 => registered.push((id.clone(), *by_acme, b)),
            409 => assert!(
                b["error"]
                    .as_str()
                    .unwrap_or("")
                    .contains("already pledged"),
                "{b}"
            ),
            other => panic!("unexpected {other}: {b}"),
        }
    }
    assert_eq!(registered.len(), 1, "{registered:?}");
    let (id, by_acme, first) = registered.remove(0);
    assert_eq!(first["right_number"], "ZL202310000001.X");
    assert_eq!(first["registered_by"], "ip-officer");
    let (holder, stranger) = if by_acme {
        (&acme, &rival)
    } else {
        (&rival, &acme)
    };
    // Written differently, still the same right: no new application while it stands.
    let (st, e) = stranger
        .post(&s, "/api/pledges", apply("zl202310000001.x"))
        .await;
    assert_eq!(st, 409, "{e}");
    // A trademark with the same number is another right.
    let (st, _) = stranger
        .post(&s, "/api/pledges", json!({"right_kind": "trademark", "right_number": "ZL202310000001.X", "pledgee": "bank"}))
        .await;
    assert_eq!(st, 201);
    let anon = Client::anonymous();
    let status_path = "/api/pledges/status?right_kind=patent&right_number=ZL202310000001.X";
    let (st, status) = anon.get(&s, status_path).await;
    assert_eq!(st, 200, "{status}");
    assert_eq!(status["pledged"], true);
    assert_eq!(status["standing"]["pledgee"], "Bank of Beijing");
    assert_eq!(status["standing"]["registered_on"], today().as_str());
    // Only registered pledges are public, and no amount.
    assert_eq!(
        status["history"].as_array().map(|h| h.len()),
        Some(1),
        "{status}"
    );
    assert!(!status.to_string().contains("2000000"), "{status}");
    // The pledge itself is for its parties and the registration authority.
    assert_eq!(anon.get(&s, &format!("/api/pledges/{id}")).await.0, 401);
    assert_eq!(stranger.get(&s, &format!("/api/pledges/{id}")).await.0, 403);
    let (st, mine) = holder.get(&s, &format!("/api/pledges/{id}")).await;
    assert_eq!(
        (st, mine["may"]["release"].as_bool()),
        (200, Some(false)),
        "{mine}"
    );
    // Only the pledgee releases; the pledgor, a stranger and an officer without a
    // court order are refused; once.
    let release = format!("/api/pledges/{id}/release");
    for c in [holder, stranger, &officer] {
        assert_eq!(c.post(&s, &release, json!({})).await.0, 403);
    }
    let (st, r) = bank
        .post(&s, &release, json!({"reason": "loan repaid"}))
        .await;
    assert_eq!(st, 200, "{r}");
    assert_eq!(r["state"], "released");
    assert_eq!(bank.post(&s, &release, json!({})).await.0, 409);
    let (_, status) = anon.get(&s, status_path).await;
    assert_eq!(status["pledged"], false);
    // Released: it may be pledged again, this time started by the bank; and the
    // officer releases that one on a court order.
    let (st, again) = bank
        .post(
            &s,
            "/api/pledges",
            json!({"right_kind": "patent", "right_number": "ZL202310000001.X", "pledgor": "rival"}),
        )
        .await;
    assert_eq!(st, 201, "{again}");
    let again_id = again["id"].as_str().expect("id").to_string();
    assert_eq!(
        bank.post(
            &s,
            &format!("/api/pledges/{again_id}/countersignature"),
            json!({})
        )
        .await
        .0,
        403,
        "the bank does not countersign its own application"
    );
    let (st, p) = rival
        .post(
            &s,
            &format!("/api/pledges/{again_id}/countersignature"),
            json!({}),
        )
        .await;
    assert_eq!(st, 200, "{p}");
    let (st, p) = officer
        .post(
            &s,
            &format!("/api/pledges/{again_id}/registration"),
            json!({}),
        )
        .await;
    assert_eq!(st, 200, "{p}");
    let (_, status) = anon.get(&s, status_path).await;
    assert_eq!(status["history"].as_array().map(|h| h.len()), Some(2));
    // The officer refuses another application, with its reason.
    let (_, tm) = acme
        .post(
            &s,
            "/api/pledges",
            json!({"right_kind": "trademark", "right_number": "TM-9", "pledgee": "bank"}),
        )
        .await;
    let tm_id = tm["id"].as_str().expect("id").to_string();
    bank.post(
        &s,
        &format!("/api/pledges/{tm_id}/countersignature"),
        json!({}),
    )
    .await;
    let (st, e) = officer
        .post(&s, &format!("/api/pledges/{tm_id}/refusal"), json!({}))
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("reason")), "{e}");
    let (st, p) = officer
        .post(
            &s,
            &format!("/api/pledges/{tm_id}/refusal"),
            json!({"reason": "the trademark has lapsed"}),
        )
        .await;
    assert_eq!((st, p["state"].as_str()), (200, Some("refused")), "{p}");
    // Lists: each party its own, the officer its agency's.
    let (_, list) = bank.get(&s, "/api/pledges").await;
    assert_eq!(list.as_array().map(|l| l.len()), Some(11), "{list}");
    let (_, list) = officer.get(&s, "/api/pledges").await;
    assert_eq!(list.as_array().map(|l| l.len()), Some(11));
    // Bad input names the field.
    for (bad, field) in [
        (
            json!({"right_kind": "copyright", "right_number": "1", "pledgee": "bank"}),
            "right_kind",
        ),
        (
            json!({"right_kind": "patent", "right_number": "ZL<script>", "pledgee": "bank"}),
            "right_number",
        ),
        (
            json!({"right_kind": "patent", "right_number": "ZL1", "pledgee": ""}),
            "pledgee",
        ),
        (
            json!({"right_kind": "patent", "right_number": "ZL1", "pledgee": "rival"}),
            "pledgee",
        ),
        (
            json!({"right_kind": "patent", "right_number": "ZL1", "pledgee": "bank", "secured_amount": "lots"}),
            "secured_amount",
        ),
    ] {
        let (st, e) = acme.post(&s, "/api/pledges", bad.clone()).await;
        assert_eq!((st, e["field"].as_str()), (422, Some(field)), "{bad}: {e}");
    }
    assert_eq!(bank.get(&s, "/api/pledges/not-a-uuid").await.0, 404);
    // Every step is logged and verifies offline; receipts are the parties'.
    assert_eq!(
        anon.get(&s, &format!("/api/pledges/{id}/receipts")).await.0,
        401
    );
    let (st, receipts) = bank.get(&s, &format!("/api/pledges/{id}/receipts")).await;
    assert_eq!(st, 200, "{receipts}");
    let receipts: Vec<onestop_ledger::Receipt> =
        serde_json::from_value(receipts).expect("receipts");
    let kinds: Vec<&str> = receipts
        .iter()
        .filter_map(|r| r.entry["type"].as_str())
        .collect();
    assert_eq!(
        kinds,
        vec![
            "pledge.applied",
            "pledge.countersigned",
            "pledge.registered",
            "pledge.released"
        ]
    );
    let key = public_key(&s, &dir).await;
    for (i, r) in receipts.iter().enumerate() {
        let f = dir.join(format!("pledge-{i}.json"));
        write_json(&f, &serde_json::to_value(r).expect("json"));
        let (c, out, err) = onestop(
            &[
                "ledger",
                "verify",
                f.to_str().expect("p"),
                "--log-key",
                key.to_str().expect("p"),
            ],
            None,
        );
        assert_eq!(c, 0, "{out}{err}");
    }
    let (c, out, err) = onestop(
        &[
            "ledger",
            "verify",
            "--log-key",
            key.to_str().expect("p"),
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(c, 0, "{out}{err}");
    // 8 applications, the trademark, the bank's, the refused one.
    assert!(out.contains("11 pledges"), "{out}");
    // A standing pledge quietly marked released in the database is caught, and so is
    // an edited signed tree head.
    let p = pool(&db).await;
    sqlx::query("UPDATE pledges SET state = 'released', active_key = NULL WHERE id = $1")
        .bind(&again_id)
        .execute(&p)
        .await
        .expect("tamper pledge");
    let k = key.to_str().expect("p");
    let (c, out, _) = onestop(
        &["ledger", "verify", "--log-key", k, "--database-url", &db],
        None,
    );
    assert_eq!(c, 1, "{out}");
    assert!(out.contains("pledge "), "{out}");
    sqlx::query("UPDATE pledges SET state = 'registered', active_key = 'patent:ZL202310000001.X' WHERE id = $1")
        .bind(&again_id)
        .execute(&p)
        .await
        .expect("restore pledge");
    let (c, out, _) = onestop(
        &["ledger", "verify", "--log-key", k, "--database-url", &db],
        None,
    );
    assert_eq!(c, 0, "restored: {out}");
    sqlx::query("UPDATE ledger_heads SET timestamp = timestamp + 1 WHERE tree_size = 1")
        .execute(&p)
        .await
        .expect("tamper head");
    let (c, out, _) = onestop(
        &["ledger", "verify", "--log-key", k, "--database-url", &db],
        None,
    );
    assert_eq!(c, 1, "{out}");
    assert!(out.contains("signed head of size 1"), "{out}");
}
