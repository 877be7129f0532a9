//! E-licences. When a case is approved, a licence document is written in the same
//! transaction: holder, what was granted, validity, the deciding agency, the rules
//! version, and a short verification code. The document is appended to the
//! transparency log; its receipt (document, inclusion proof, signed tree head)
//! verifies offline with the log's public key (`onestop ledger verify`).

use crate::error::{CaseError, Result};
use crate::ledger_store::{self, NewEntry};
use crate::model::{Account, Role};
use crate::services::Services;
use crate::store::{CaseService, CaseView};
use chrono::{Datelike, NaiveDate};
use onestop_ledger::{Receipt, canonical_json, leaf_hash, to_hex};
use serde_json::{Value as J, json};
use sqlx::Row;

/// Validity in years by case kind, counted from the decision date. High-tech
/// enterprise recognition is valid three years; the others default to one year until
/// the rules carry a validity parameter per grant.
const VALIDITY_YEARS: &[(&str, i32)] = &[("high-tech-recognition", 3)];
const DEFAULT_VALIDITY_YEARS: i32 = 1;

/// Crockford base32: no I, L, O or U, so a code read aloud or typed is unambiguous.
const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

fn new_code() -> String {
    let bytes: [u8; 10] = rand::random();
    let chars: String = bytes
        .iter()
        .map(|b| ALPHABET[(*b as usize) % 32] as char)
        .collect();
    format!("BJ-{}-{}", &chars[..5], &chars[5..])
}

/// A code as typed by a person: case and dashes do not matter.
pub fn normalise_code(code: &str) -> Result<String> {
    let c: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_uppercase();
    let body = c.strip_prefix("BJ").unwrap_or(&c);
    if body.len() != 10 || !body.bytes().all(|b| ALPHABET.contains(&b)) {
        return Err(CaseError::invalid(
            "code",
            format!("`{code}` is not a licence verification code (like BJ-7K3MQ-9XT2A)"),
        ));
    }
    Ok(format!("BJ-{}-{}", &body[..5], &body[5..]))
}

fn add_years(d: NaiveDate, years: i32) -> NaiveDate {
    let target = d.year() + years;
    d.with_year(target)
        .or_else(|| NaiveDate::from_ymd_opt(target, d.month(), 28))
        .unwrap_or(d)
}

/// Issues the licence of a case being approved, inside the approval's transaction.
pub async fn issue(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    services: &Services,
    case: &CaseView,
    decided_by: &Account,
    reason: &str,
    day: NaiveDate,
) -> Result<String> {
    let holder = sqlx::query("SELECT username, display_name, entity FROM accounts WHERE id = $1")
        .bind(&case.applicant_id)
        .fetch_one(&mut **tx)
        .await?;
    let bundle = sqlx::query("SELECT rules_version, decision_date FROM bundles WHERE id = $1")
        .bind(&case.bundle_id)
        .fetch_one(&mut **tx)
        .await?;
    let service = services.get(&case.service);
    let template = service.and_then(|s| s.cases.iter().find(|c| c.kind == case.kind));
    let agency = services.agencies.get(&case.agency);
    let years = VALIDITY_YEARS
        .iter()
        .find(|(k, _)| *k == case.kind)
        .map_or(DEFAULT_VALIDITY_YEARS, |(_, y)| *y);
    let until = add_years(day, years).pred_opt().unwrap_or(day);
    let code = new_code();
    let issued_at = crate::now();
    let doc = json!({
        "type": "licence",
        "version": 1,
        "code": code,
        "case_id": case.id,
        "holder": {
            "account_id": case.applicant_id,
            "name": holder.try_get::<String, _>("display_name")?,
            "username": holder.try_get::<String, _>("username")?,
            "entity": holder.try_get::<Option<String>, _>("entity")?,
        },
        "granted": {
            "service": case.service,
            "kind": case.kind,
            "title": template.map(|t| json!({"en": t.title.en, "zh": t.title.zh})),
            "legal_basis": service.map(|s| s.source.clone()),
        },
        "validity": {"from": day.to_string(), "until": until.to_string()},
        "deciding_agency": {
            "id": case.agency,
            "en": agency.map(|a| a.en.clone()),
            "zh": agency.map(|a| a.zh.clone()),
        },
        "decided_by": decided_by.username,
        "decision_reason": reason,
        "rules_version": bundle.try_get::<String, _>("rules_version")?,
        "eligibility_date": bundle.try_get::<String, _>("decision_date")?,
        "issued_at": issued_at,
    });
    let idx = ledger_store::append(
        tx,
        &[NewEntry {
            kind: "licence",
            subject: &case.id,
            data: &doc,
        }],
    )
    .await?;
    sqlx::query("INSERT INTO licences (code, case_id, holder_id, entry_idx, document, issued_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&code)
        .bind(&case.id)
        .bind(&case.applicant_id)
        .bind(idx)
        .bind(doc.to_string())
        .bind(&issued_at)
        .execute(&mut **tx)
        .await?;
    Ok(code)
}

/// The stored document and its log index.
async fn stored(cs: &CaseService, code: &str) -> Result<(J, i64, String)> {
    let code = normalise_code(code)?;
    let r = sqlx::query("SELECT document, entry_idx, holder_id FROM licences WHERE code = $1")
        .bind(&code)
        .fetch_optional(&cs.db.pool)
        .await?
        .ok_or_else(|| CaseError::NotFound(format!("no licence has the code {code}")))?;
    let text: String = r.try_get("document")?;
    let doc = serde_json::from_str(&text)
        .map_err(|e| CaseError::Storage(format!("licence {code} is not JSON: {e}")))?;
    Ok((doc, r.try_get("entry_idx")?, r.try_get("holder_id")?))
}

/// The licence with its receipt, for anyone holding the code.
pub async fn receipt(cs: &CaseService, code: &str) -> Result<Receipt> {
    let (doc, idx, _) = stored(cs, code).await?;
    ledger_store::receipt_with(&cs.db, idx, doc).await
}

/// The server's own verification of a licence, for the portal's verification page:
/// the stored document against the log entry and a signed tree head.
pub async fn verification(cs: &CaseService, code: &str) -> Result<J> {
    let r = receipt(cs, code).await?;
    let key = ledger_store::verifying_key(&cs.db)?;
    let entry = ledger_store::entry(&cs.db, r.leaf_index as i64).await?;
    let data = canonical_json(&r.entry);
    let mut problems: Vec<String> = Vec::new();
    if entry.data != data {
        problems.push("the licence differs from the document recorded in the log".into());
    }
    if to_hex(&leaf_hash(entry.data.as_bytes())) != entry.leaf_hash {
        problems.push("the log entry was altered after it was recorded".into());
    }
    if let Err(e) = r.verify(&key) {
        problems.push(format!("the inclusion proof does not verify: {e}"));
    }
    Ok(json!({
        "valid": problems.is_empty(),
        "problems": problems,
        "code": r.entry["code"],
        "licence": r.entry,
        "leaf_index": r.leaf_index,
        "tree_head": r.tree_head,
        "public_key": hex_key(&key),
    }))
}

fn hex_key(k: &ed25519_dalek::VerifyingKey) -> String {
    to_hex(&k.to_bytes())
}

/// The applicant's own licences (codes and documents).
pub async fn mine(cs: &CaseService, who: &Account) -> Result<Vec<J>> {
    if who.role != Role::Applicant {
        return Err(CaseError::Forbidden(
            "licences are listed for their holders".into(),
        ));
    }
    sqlx::query("SELECT document FROM licences WHERE holder_id = $1 ORDER BY issued_at")
        .bind(&who.id)
        .fetch_all(&cs.db.pool)
        .await?
        .iter()
        .map(|r| {
            let t: String = r.try_get("document")?;
            serde_json::from_str(&t).map_err(|e| CaseError::Storage(e.to_string()))
        })
        .collect()
}

/// The licence of a case, if it has one.
pub async fn of_case(cs: &CaseService, case_id: &str) -> Result<Option<String>> {
    Ok(sqlx::query("SELECT code FROM licences WHERE case_id = $1")
        .bind(case_id)
        .fetch_optional(&cs.db.pool)
        .await?
        .map(|r| r.try_get("code"))
        .transpose()?)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

fn s<'a>(v: &'a J, path: &[&str]) -> &'a str {
    let mut x = v;
    for p in path {
        x = &x[*p];
    }
    x.as_str().unwrap_or("")
}

/// A printable page for the licence, carrying its verification code.
pub async fn html(cs: &CaseService, code: &str) -> Result<String> {
    let (d, idx, _) = stored(cs, code).await?;
    let rows = [
        ("Holder 持证人", s(&d, &["holder", "name"]).to_string()),
        (
            "Granted 许可事项",
            format!(
                "{} / {}",
                s(&d, &["granted", "title", "en"]),
                s(&d, &["granted", "title", "zh"])
            ),
        ),
        (
            "Valid 有效期",
            format!(
                "{} – {}",
                s(&d, &["validity", "from"]),
                s(&d, &["validity", "until"])
            ),
        ),
        (
            "Decided by 决定机关",
            format!(
                "{} / {}",
                s(&d, &["deciding_agency", "en"]),
                s(&d, &["deciding_agency", "zh"])
            ),
        ),
        (
            "Legal basis 依据",
            s(&d, &["granted", "legal_basis"]).to_string(),
        ),
        (
            "Rules version 规则版本",
            s(&d, &["rules_version"]).to_string(),
        ),
        ("Issued 签发时间", s(&d, &["issued_at"]).to_string()),
        ("Log entry 登记序号", idx.to_string()),
    ];
    let table: String = rows
        .iter()
        .map(|(k, v)| format!("<tr><th>{}</th><td>{}</td></tr>\n", esc(k), esc(v)))
        .collect();
    let code = esc(s(&d, &["code"]));
    Ok(format!(
        r#"<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>E-licence {code}</title>
<style>
body {{ font-family: "Noto Sans CJK SC", "Source Han Sans", sans-serif; max-width: 46em; margin: 2em auto; color: #111; }}
h1 {{ font-size: 1.4em; border-bottom: 2px solid #a00; padding-bottom: .3em; }}
table {{ border-collapse: collapse; width: 100%; }}
th {{ text-align: left; width: 14em; vertical-align: top; padding: .4em; color: #444; }}
td {{ padding: .4em; }}
.code {{ font: bold 1.8em monospace; letter-spacing: .1em; border: 2px solid #111; padding: .3em .6em; display: inline-block; margin: 1em 0; }}
.note {{ font-size: .85em; color: #444; }}
@media print {{ .note a {{ color: #000; text-decoration: none; }} }}
</style></head>
<body>
<h1>Electronic licence 电子证照</h1>
<table>
{table}</table>
<p>Verification code 核验码</p>
<div class="code">{code}</div>
<p class="note">Check this licence with its code at <code>/api/licences/{code}/verification</code>,
or offline: download <code>/api/licences/{code}</code> and run
<code>onestop ledger verify licence.json --log-key ledger.pub</code>
(the log's public key is at <code>/api/ledger/key</code>). The licence is entry {idx} of the
register's transparency log; any change to it makes the check fail.</p>
</body></html>
"#
    ))
}
