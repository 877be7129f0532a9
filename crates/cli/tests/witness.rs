//! Witnesses of the register (issue 15), as real processes: the log is `onestop
//! serve`, Tianjin and Hebei are two `onestop ledger witness --once` processes with
//! their own keys and state files, speaking to it over HTTP only. They cosign heads
//! that extend what they cosigned; a receipt verifies with the log's signature and a
//! quorum of their cosignatures, and fails without enough; a forked log (a second
//! signed head of a size they cosigned, with another root, and a later head whose root
//! no consistency proof reaches) is refused by both, the refusal is on the operator's
//! page, and `onestop ledger audit` finds the fork.

mod support;

use ed25519_dalek::SigningKey;
use serde_json::{Value as J, json};
use std::path::{Path, PathBuf};
use support::{Client, PASSWORD, Server, fresh, onestop};

async fn pool(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(url).await.expect("connect")
}

fn write_json(path: &Path, v: &J) {
    std::fs::write(path, serde_json::to_string_pretty(v).expect("json")).expect("write");
}

fn p(path: &Path) -> &str {
    path.to_str().expect("utf-8 path")
}

/// A witness's signing key and its verifier key file, made by `keygen --witness`.
struct WitnessKeys {
    name: &'static str,
    key: PathBuf,
    vkey_file: PathBuf,
    vkey: String,
    state: PathBuf,
}

fn witness_keys(dir: &Path, name: &'static str) -> WitnessKeys {
    let key = dir.join(format!("{name}.key"));
    let (c, out, err) = onestop(
        &["ledger", "keygen", "--out", p(&key), "--witness", name],
        None,
    );
    assert_eq!(c, 0, "{out}{err}");
    let vkey_file = dir.join(format!("{name}.key.vkey"));
    let vkey = std::fs::read_to_string(&vkey_file)
        .expect("vkey")
        .trim()
        .to_string();
    assert!(vkey.starts_with(&format!("{name}+")), "{vkey}");
    assert!(out.contains(&vkey), "{out}");
    WitnessKeys {
        name,
        key,
        vkey_file,
        vkey,
        state: dir.join(format!("{name}-state.json")),
    }
}

/// One round of the witness process: exit code and what it printed.
fn run_witness(w: &WitnessKeys, s: &Server, log_key: &Path) -> (i32, String) {
    let (c, out, err) = onestop(
        &[
            "ledger",
            "witness",
            "--name",
            w.name,
            "--key",
            p(&w.key),
            "--log",
            &s.base,
            "--state",
            p(&w.state),
            "--log-key",
            p(log_key),
            "--once",
        ],
        None,
    );
    (c, format!("{out}{err}"))
}

/// A pledge application (one log entry) to the lender `bank`, which the test creates.
async fn pledge(s: &Server, c: &Client, n: u32) -> String {
    let (st, v) = c
        .post(
            s,
            "/api/pledges",
            json!({"right_kind": "patent", "right_number": format!("ZL2024200000{n:02}.X"), "pledgee": "bank"}),
        )
        .await;
    assert_eq!(st, 201, "{v}");
    v["id"].as_str().expect("id").to_string()
}

/// `onestop ledger verify DOC --log-key K [--witness-key F]... [--quorum N]`.
fn verify(doc: &Path, log_key: &Path, keys: &[&Path], quorum: Option<usize>) -> (i32, String) {
    let mut args = vec![
        "ledger".to_string(),
        "verify".into(),
        p(doc).into(),
        "--log-key".into(),
        p(log_key).into(),
    ];
    for k in keys {
        args.push("--witness-key".into());
        args.push(p(k).into());
    }
    if let Some(q) = quorum {
        args.push("--quorum".into());
        args.push(q.to_string());
    }
    let refs: Vec<&str> = args.iter().map(String::as_str).collect();
    let (c, out, err) = onestop(&refs, None);
    (c, format!("{out}{err}"))
}

/// Replaces the stored signed head of `size` with one of another root, signed with
/// the log's own key: the operator forking the log. Returns the forged head.
async fn fork_head(db: &str, key_file: &Path, size: u64, salt: &[u8]) -> J {
    let key: SigningKey = onestop_ledger::load_signing_key(key_file).expect("log key");
    let head = onestop_ledger::TreeHead {
        tree_size: size,
        root_hash: onestop_ledger::leaf_hash(salt),
        timestamp: 1_900_000_000_000,
    }
    .sign(&key);
    sqlx::query(
        "UPDATE ledger_heads SET root_hash = $1, timestamp = $2, key_id = $3, signature = $4 WHERE tree_size = $5",
    )
    .bind(&head.root_hash)
    .bind(head.timestamp as i64)
    .bind(&head.key_id)
    .bind(&head.signature)
    .bind(size as i64)
    .execute(&pool(db).await)
    .await
    .expect("fork the head");
    json!(head)
}

#[tokio::test]
async fn tianjin_and_hebei_cosign_heads_refuse_a_forked_log_and_receipts_need_a_quorum() {
    let (db, dir) = fresh().await;
    let tj = witness_keys(&dir, "tianjin");
    let hb = witness_keys(&dir, "hebei");
    // The operator lists both witnesses and asks for both cosignatures.
    let data = dir.join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    std::fs::write(
        data.join("witnesses.toml"),
        format!(
            "witness_quorum = 2\n\n[[witness]]\nname = \"tianjin\"\nregion = \"tianjin\"\nkey = \"{}\"\n\n[[witness]]\nname = \"hebei\"\nregion = \"hebei\"\nkey = \"{}\"\n",
            tj.vkey, hb.vkey
        ),
    )
    .expect("witnesses.toml");
    let s = Server::start(&db, &dir);
    s.admin(&["create-admin", "--username", "root", "--password", PASSWORD]);
    let anon = Client::anonymous();
    let (st, k) = anon.get(&s, "/api/ledger/key").await;
    assert_eq!(st, 200, "{k}");
    let log_key = dir.join("log.pub");
    std::fs::write(&log_key, k["key_file"].as_str().expect("key_file")).expect("write");

    // Two entries, then both witnesses cosign their first head (nothing to prove from).
    let acme = Client::register(&s, "acme", "enterprise").await;
    s.institution("bank", "Bank of Tianjin");
    let first = pledge(&s, &acme, 0).await;
    pledge(&s, &acme, 1).await;
    for w in [&tj, &hb] {
        let (c, out) = run_witness(w, &s, &log_key);
        assert_eq!(c, 0, "{}: {out}", w.name);
        assert!(
            out.contains("cosigned: onestop.beijing/register at 2 entries"),
            "{out}"
        );
    }
    // Three more: each witness proves 2 -> 5 with the log's consistency proof.
    for n in 2..5 {
        pledge(&s, &acme, n).await;
    }
    for w in [&tj, &hb] {
        let (c, out) = run_witness(w, &s, &log_key);
        assert_eq!(c, 0, "{}: {out}", w.name);
        assert!(out.contains("at 5 entries"), "{out}");
        let state: J =
            serde_json::from_str(&std::fs::read_to_string(&w.state).expect("state")).expect("json");
        assert_eq!(state["size"], 5, "{state}");
    }
    // The log holds both cosignatures and serves them on its checkpoint.
    let (st, o) = anon.get(&s, "/api/ledger/witnesses").await;
    assert_eq!(st, 200, "{o}");
    assert_eq!(
        (o["quorum"].clone(), o["latest_size"].clone()),
        (json!(2), json!(5)),
        "{o}"
    );
    assert_eq!(o["latest_cosignatures"], 2, "{o}");
    for w in o["witnesses"].as_array().expect("witnesses") {
        assert_eq!(
            (w["last_size"].clone(), w["cosigned_latest"].clone()),
            (json!(5), json!(true)),
            "{w}"
        );
    }
    let resp = reqwest::get(s.url("/api/ledger/checkpoint"))
        .await
        .expect("checkpoint");
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap_or("")
            .starts_with("text/plain")
    );
    let checkpoint = resp.text().await.expect("text");
    assert!(
        checkpoint.starts_with("onestop.beijing/register\n5\n"),
        "{checkpoint}"
    );
    for line in [
        "\n\n— onestop.beijing/register ",
        "\n— tianjin ",
        "\n— hebei ",
    ] {
        assert!(checkpoint.contains(line), "{line:?} in {checkpoint}");
    }

    // A receipt carries the cosigned head: it verifies with both witness keys and a
    // quorum of 2, not with a quorum of 3 nor with one witness key missing.
    let (st, receipts) = acme
        .get(&s, &format!("/api/pledges/{first}/receipts"))
        .await;
    assert_eq!(st, 200, "{receipts}");
    let receipt = receipts[0].clone();
    assert_eq!(receipt["tree_head"]["tree_size"], 5, "{receipt}");
    let doc = dir.join("receipt.json");
    write_json(&doc, &receipt);
    let (tjv, hbv) = (tj.vkey_file.as_path(), hb.vkey_file.as_path());
    let (c, out) = verify(&doc, &log_key, &[tjv, hbv], Some(2));
    assert_eq!(c, 0, "{out}");
    assert!(
        out.contains("cosigned by tianjin, hebei (2 of 2 required)"),
        "{out}"
    );
    let (c, out) = verify(&doc, &log_key, &[tjv, hbv], Some(3));
    assert_eq!(c, 1, "{out}");
    assert!(
        out.contains("INVALID") && out.contains("not enough witnesses"),
        "{out}"
    );
    let (c, out) = verify(&doc, &log_key, &[tjv], Some(2));
    assert_eq!(c, 1, "{out}");
    assert!(
        out.contains("1 valid witness cosignature(s) (tianjin), 2 required"),
        "{out}"
    );
    // Without --quorum, every witness key given counts; without keys, the log alone.
    assert_eq!(verify(&doc, &log_key, &[tjv, hbv], None).0, 0);
    assert_eq!(verify(&doc, &log_key, &[], None).0, 0);
    // The server checks its configured quorum the same way.
    let (st, v) = anon.post(&s, "/api/ledger/verify", receipt.clone()).await;
    assert_eq!(st, 200, "{v}");
    assert_eq!(
        (v["valid"].clone(), v["quorum"].clone()),
        (json!(true), json!(2)),
        "{v}"
    );
    let mut bare = receipt.clone();
    bare.as_object_mut().expect("receipt").remove("checkpoint");
    let (_, v) = anon.post(&s, "/api/ledger/verify", bare.clone()).await;
    assert_eq!(v["valid"], false, "{v}");
    assert!(
        v["problems"][0]
            .as_str()
            .unwrap_or("")
            .contains("not enough witnesses"),
        "{v}"
    );
    write_json(&doc, &bare);
    let (c, out) = verify(&doc, &log_key, &[tjv, hbv], Some(2));
    assert_eq!(c, 1, "{out}");

    // An entry past the last cosigned head: its receipt has no cosignature yet and
    // fails; once the witnesses have run, the same receipt verifies.
    let sixth = pledge(&s, &acme, 5).await;
    let fetch = |id: String| {
        let acme = acme.clone();
        let s = &s;
        async move {
            let (st, r) = acme.get(s, &format!("/api/pledges/{id}/receipts")).await;
            assert_eq!(st, 200, "{r}");
            r[0].clone()
        }
    };
    let r6 = fetch(sixth.clone()).await;
    assert_eq!(r6["tree_head"]["tree_size"], 6, "{r6}");
    write_json(&doc, &r6);
    let (c, out) = verify(&doc, &log_key, &[tjv, hbv], Some(2));
    assert_eq!(c, 1, "{out}");
    assert!(
        out.contains("0 valid witness cosignature(s), 2 required"),
        "{out}"
    );
    for w in [&tj, &hb] {
        let (c, out) = run_witness(w, &s, &log_key);
        assert_eq!(c, 0, "{}: {out}", w.name);
        assert!(out.contains("at 6 entries"), "{out}");
    }
    write_json(&doc, &fetch(sixth.clone()).await);
    assert_eq!(verify(&doc, &log_key, &[tjv, hbv], Some(2)).0, 0);
    let (_, h6) = anon.get(&s, "/api/ledger/head").await;
    assert_eq!(h6["tree_size"], 6, "{h6}");
    let h6_file = dir.join("h6.json");
    write_json(&h6_file, &h6);
    let states_before: Vec<String> = [&tj, &hb]
        .iter()
        .map(|w| std::fs::read_to_string(&w.state).expect("state"))
        .collect();

    // The fork: the operator signs a second head of 6 entries with another root and
    // serves it. Both witnesses refuse (they cosigned 6 with the first root), their
    // state stays, and the log records both refusals.
    let forged6 = fork_head(&db, &s.key, 6, b"another history").await;
    for w in [&tj, &hb] {
        let (c, out) = run_witness(w, &s, &log_key);
        assert_eq!(c, 1, "{}: {out}", w.name);
        assert!(
            out.contains("REFUSED: fork: a checkpoint of size 6"),
            "{out}"
        );
        let evidence = std::fs::read_to_string(format!("{}.refusals", w.state.display()))
            .expect("the refusal is kept");
        assert!(evidence.contains("old 6\\n"), "{evidence}");
    }
    let (_, o) = anon.get(&s, "/api/ledger/witnesses").await;
    let refusals = o["refusals"].as_array().expect("refusals").clone();
    assert_eq!(refusals.len(), 2, "{o}");
    for r in &refusals {
        assert_eq!(
            (r["tree_size"].clone(), r["old_size"].clone()),
            (json!(6), json!(6)),
            "{r}"
        );
        assert!(
            r["reason"].as_str().unwrap_or("").starts_with("fork:"),
            "{r}"
        );
    }
    // The auditor, given the head the witnesses cosigned and the forged one, finds
    // the fork, from the database and over HTTP.
    let forged_file = dir.join("forged6.json");
    write_json(&forged_file, &forged6);
    for source in [
        ["--database-url", db.as_str()],
        ["--server", s.base.as_str()],
    ] {
        let mut args = vec![
            "ledger",
            "audit",
            "--from",
            p(&h6_file),
            "--to",
            p(&forged_file),
            "--log-key",
            p(&log_key),
        ];
        args.extend(source);
        let (c, out, err) = onestop(&args, None);
        assert_eq!(c, 1, "{out}{err}");
        assert!(out.starts_with("INCONSISTENT"), "{out}");
        assert!(out.contains("fork: two signed heads of size 6"), "{out}");
        assert!(
            out.contains("first divergence: the head of size 6"),
            "{out}"
        );
    }

    // The operator puts the honest head back and the log grows; then signs a head of
    // 7 entries whose root no consistency proof from the cosigned 6 reaches. Refused.
    sqlx::query(
        "UPDATE ledger_heads SET root_hash = $1, timestamp = $2, key_id = $3, signature = $4 WHERE tree_size = 6",
    )
    .bind(h6["root_hash"].as_str())
    .bind(h6["timestamp"].as_i64())
    .bind(h6["key_id"].as_str())
    .bind(h6["signature"].as_str())
    .execute(&pool(&db).await)
    .await
    .expect("restore");
    pledge(&s, &acme, 6).await;
    let forged7 = fork_head(&db, &s.key, 7, b"yet another history").await;
    for w in [&tj, &hb] {
        let (c, out) = run_witness(w, &s, &log_key);
        assert_eq!(c, 1, "{}: {out}", w.name);
        assert!(out.contains("REFUSED: the checkpoint of size 7 is not consistent with the cosigned one of size 6"), "{out}");
    }
    let states_after: Vec<String> = [&tj, &hb]
        .iter()
        .map(|w| std::fs::read_to_string(&w.state).expect("state"))
        .collect();
    assert_eq!(
        states_before, states_after,
        "a refusal never advances the state"
    );
    let forged7_file = dir.join("forged7.json");
    write_json(&forged7_file, &forged7);
    let (c, out, err) = onestop(
        &[
            "ledger",
            "audit",
            "--from",
            p(&h6_file),
            "--to",
            p(&forged7_file),
            "--log-key",
            p(&log_key),
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(c, 1, "{out}{err}");
    assert!(
        out.starts_with("INCONSISTENT") && out.contains("consistency proof does not verify"),
        "{out}"
    );
    let (_, o) = anon.get(&s, "/api/ledger/witnesses").await;
    assert_eq!(o["refusals"].as_array().map(Vec::len), Some(4), "{o}");
    // The whole-log check sees a head that the entries do not give.
    let (c, out, _) = onestop(
        &[
            "ledger",
            "verify",
            "--log-key",
            p(&log_key),
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(c, 1, "{out}");

    // The operator's page shows the witnesses and the refusals, to the admin only.
    let page_in = |who: Option<String>, lang: &str| {
        let url = s.url(&format!("/admin/witnesses?lang={lang}"));
        async move {
            let mut r = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("client")
                .get(url);
            if let Some(token) = who {
                r = r.header("cookie", format!("session={token}"));
            }
            let resp = r.send().await.expect("page");
            (
                resp.status().as_u16(),
                resp.text().await.unwrap_or_default(),
            )
        }
    };
    let page = |who: Option<String>| page_in(who, "en");
    let admin = Client::login(&s, "root").await;
    let (st, html) = page(admin.token.clone()).await;
    assert_eq!(st, 200, "{html}");
    for want in [
        "tianjin",
        "hebei",
        "Refusals",
        "fork: a checkpoint of size 6",
        "is not consistent with the cosigned one of size 6",
    ] {
        assert!(html.contains(want), "the page shows {want}");
    }
    let (st, html) = page_in(admin.token.clone(), "zh-CN").await;
    assert_eq!(st, 200);
    assert!(
        html.contains("见证方") && html.contains("拒绝记录"),
        "the Chinese page"
    );
    let (st, html) = page_in(admin.token.clone(), "ar").await;
    assert_eq!(st, 200);
    assert!(
        html.contains(r#"dir="rtl""#) && html.contains("حالات الرفض"),
        "the Arabic page"
    );
    let (st, _) = page(acme.token.clone()).await;
    assert_eq!(st, 403);
    s.officer("tj-officer", "tianjin-sci-tech");
    let officer = Client::login(&s, "tj-officer").await;
    assert_eq!(page(officer.token.clone()).await.0, 403);
    let (st, _) = page(None).await;
    assert_eq!(st, 303, "anonymous readers are sent to sign in");
}

#[tokio::test]
async fn the_log_takes_cosignatures_and_refusals_only_from_its_witnesses() {
    let (db, dir) = fresh().await;
    let tj = witness_keys(&dir, "tianjin");
    let stranger = witness_keys(&dir, "shanxi");
    let data = dir.join("data");
    std::fs::create_dir_all(&data).expect("data dir");
    std::fs::write(
        data.join("witnesses.toml"),
        format!("witness_quorum = 1\n[[witness]]\nname = \"tianjin\"\nregion = \"tianjin\"\nkey = \"{}\"\n", tj.vkey),
    )
    .expect("witnesses.toml");
    let s = Server::start(&db, &dir);
    let acme = Client::register(&s, "acme", "enterprise").await;
    s.institution("bank", "Bank of Tianjin");
    pledge(&s, &acme, 0).await;
    let anon = Client::anonymous();
    let (_, k) = anon.get(&s, "/api/ledger/key").await;
    let log_key = dir.join("log.pub");
    std::fs::write(&log_key, k["key_file"].as_str().expect("key_file")).expect("write");
    // A witness the log does not know: its cosignature is refused (403), nothing stored.
    let (c, out) = run_witness(&stranger, &s, &log_key);
    assert_eq!(c, 2, "{out}");
    assert!(out.contains("403"), "{out}");
    // Without --log-key, the witness pins the key the log serves on its first round.
    let (c, out, err) = onestop(
        &[
            "ledger",
            "witness",
            "--name",
            "tianjin",
            "--key",
            p(&tj.key),
            "--log",
            &s.base,
            "--state",
            p(&tj.state),
            "--once",
        ],
        None,
    );
    assert_eq!(c, 0, "{out}{err}");
    let state: J =
        serde_json::from_str(&std::fs::read_to_string(&tj.state).expect("state")).expect("json");
    assert!(
        state["log_key"]
            .as_str()
            .unwrap_or("")
            .starts_with("onestop.beijing/register+"),
        "{state}"
    );
    // Bad input is a 4xx with the field named, never a 500.
    let post_text = |body: &'static str| {
        let url = s.url("/api/ledger/cosignatures");
        async move {
            let r = reqwest::Client::new()
                .post(url)
                .header("content-type", "text/plain")
                .body(body)
                .send()
                .await
                .expect("post");
            let st = r.status().as_u16();
            (st, r.json::<J>().await.unwrap_or(J::Null))
        }
    };
    for body in [
        "",
        "not a note",
        "onestop.beijing/register\n1\nAAAA\n\n— x AAAAAAA=\n",
        "\u{0}",
    ] {
        let (st, e) = post_text(body).await;
        assert_eq!(
            (st, e["field"].as_str()),
            (422, Some("checkpoint")),
            "{body:?}: {e}"
        );
    }
    // The checkpoint with only the log's signature: no witness cosigned it.
    let checkpoint = reqwest::get(s.url("/api/ledger/checkpoint"))
        .await
        .expect("get")
        .text()
        .await
        .expect("text");
    let only_log: String = checkpoint
        .lines()
        .filter(|l| !l.starts_with("— tianjin"))
        .map(|l| format!("{l}\n"))
        .collect();
    let r = reqwest::Client::new()
        .post(s.url("/api/ledger/cosignatures"))
        .body(only_log)
        .send()
        .await
        .expect("post");
    assert_eq!(r.status().as_u16(), 403);
    // A refusal report must be signed by a configured witness.
    let report = onestop_ledger::witness::RefusalReport::signed(
        "shanxi",
        &onestop_ledger::load_signing_key(&stranger.key).expect("key"),
        1,
        0,
        "made up",
        &checkpoint,
    );
    let (st, _) = anon.post(&s, "/api/ledger/refusals", json!(report)).await;
    assert_eq!(st, 403);
    let mut forged = onestop_ledger::witness::RefusalReport::signed(
        "tianjin",
        &onestop_ledger::load_signing_key(&stranger.key).expect("key"),
        1,
        0,
        "made up",
        &checkpoint,
    );
    let (st, _) = anon
        .post(&s, "/api/ledger/refusals", json!(forged.clone()))
        .await;
    assert_eq!(st, 403);
    forged.signature = "not base64!".into();
    let (st, e) = anon.post(&s, "/api/ledger/refusals", json!(forged)).await;
    assert_eq!((st, e["field"].as_str()), (422, Some("signature")), "{e}");
    let (st, e) = anon
        .post(&s, "/api/ledger/refusals", json!({"witness": "tianjin"}))
        .await;
    assert_eq!(st, 422, "{e}");
    let (_, o) = anon.get(&s, "/api/ledger/witnesses").await;
    assert_eq!(o["refusals"].as_array().map(Vec::len), Some(0), "{o}");
    // Every witness endpoint is in the API description.
    let (_, doc) = anon.get(&s, "/openapi.json").await;
    for path in [
        "/api/ledger/checkpoint",
        "/api/ledger/cosignatures",
        "/api/ledger/refusals",
        "/api/ledger/witnesses",
    ] {
        assert!(doc["paths"][path].is_object(), "{path} is described");
    }
}
