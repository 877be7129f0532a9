//! E-licences. When a case is approved, a licence document is written in the same
//! transaction: holder, what was granted, validity, the deciding agency, the rules
//! version, and a short verification code. The document is appended to the
//! transparency log; its receipt (document, inclusion proof, signed tree head)
//! verifies offline with the log's public key (`onestop ledger verify`).
//!
//! After issue, the deciding agency may suspend, reinstate or revoke a licence (an
//! ex-post check failed, 003 §18; a commitment broken, 003 §19). Each change is a
//! log entry of its own (`licence.status`); the document itself never changes, so
//! an old receipt still verifies, and the verification says what became of it.

use crate::Register;
use crate::log::{self, Logged, Problem};
use crate::witness::Witnesses;
use chrono::NaiveDate;
use onestop_ledger::{Receipt, canonical_json, leaf_hash, to_hex};
use onestop_store::{Account, Db, Resource, Result, ServiceError};
use serde_json::{Value as J, json};
use sqlx::Row;

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
        return Err(ServiceError::invalid(
            "code",
            format!("`{code}` is not a licence verification code (like BJ-7K3MQ-9XT2A)"),
        ));
    }
    Ok(format!("BJ-{}-{}", &body[..5], &body[5..]))
}

/// What a licence grants and on what grounds: everything the case service knows at
/// approval, as plain data (the register knows nothing of cases).
#[derive(Debug, Clone)]
pub struct LicenceRequest<'a> {
    pub case_id: &'a str,
    pub holder_id: &'a str,
    pub service: &'a str,
    pub kind: &'a str,
    /// The grant's name in English and Chinese, when the service names it.
    pub title: Option<(&'a str, &'a str)>,
    pub legal_basis: Option<&'a str>,
    pub agency: &'a str,
    /// The deciding agency's name in English and Chinese.
    pub agency_names: Option<(&'a str, &'a str)>,
    pub decided_by: &'a str,
    pub reason: &'a str,
    pub rules_version: &'a str,
    pub eligibility_date: &'a str,
    /// The decision date: validity counts from it.
    pub day: NaiveDate,
    /// The last day of validity and the cited rule parameter it comes from (the
    /// caller reads the rules); `None` when the rules set no term for this grant.
    pub valid_until: Option<(NaiveDate, &'a str)>,
}

/// Issues a licence inside the caller's transaction (the approval's own): the
/// document is written and logged, or neither is.
pub async fn issue(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    req: &LicenceRequest<'_>,
) -> Result<String> {
    let holder = sqlx::query("SELECT username, display_name, entity FROM accounts WHERE id = $1")
        .bind(req.holder_id)
        .fetch_one(&mut **tx)
        .await?;
    let day = req.day;
    let code = new_code();
    let issued_at = onestop_store::now();
    let doc = json!({
        "type": "licence",
        "version": 1,
        "code": code,
        "case_id": req.case_id,
        "holder": {
            "account_id": req.holder_id,
            "name": holder.try_get::<String, _>("display_name")?,
            "username": holder.try_get::<String, _>("username")?,
            "entity": holder.try_get::<Option<String>, _>("entity")?,
        },
        "granted": {
            "service": req.service,
            "kind": req.kind,
            "title": req.title.map(|(en, zh)| json!({"en": en, "zh": zh})),
            "legal_basis": req.legal_basis,
        },
        "validity": {
            "from": day.to_string(),
            "until": req.valid_until.map(|(d, _)| d.to_string()),
            "basis": req.valid_until.map(|(_, basis)| basis),
        },
        "deciding_agency": {
            "id": req.agency,
            "en": req.agency_names.map(|(en, _)| en),
            "zh": req.agency_names.map(|(_, zh)| zh),
        },
        "decided_by": req.decided_by,
        "decision_reason": req.reason,
        "rules_version": req.rules_version,
        "eligibility_date": req.eligibility_date,
        "issued_at": issued_at,
    });
    let idx = log::append_one(tx, "licence", req.case_id, &doc).await?;
    sqlx::query("INSERT INTO licences (code, case_id, holder_id, entry_idx, document, issued_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&code)
        .bind(req.case_id)
        .bind(req.holder_id)
        .bind(idx)
        .bind(doc.to_string())
        .bind(&issued_at)
        .execute(&mut **tx)
        .await?;
    Ok(code)
}

/// The stored document and its log index.
async fn stored(db: &Db, code: &str) -> Result<(J, i64, String)> {
    let code = normalise_code(code)?;
    let r = sqlx::query("SELECT document, entry_idx, holder_id FROM licences WHERE code = $1")
        .bind(&code)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no licence has the code {code}")))?;
    let text: String = r.try_get("document")?;
    let doc = serde_json::from_str(&text)
        .map_err(|e| ServiceError::Storage(format!("licence {code} is not JSON: {e}")))?;
    Ok((doc, r.try_get("entry_idx")?, r.try_get("holder_id")?))
}

/// The licence with its receipt, for anyone holding the code.
pub async fn receipt(db: &Db, code: &str) -> Result<Receipt> {
    let (doc, idx, _) = stored(db, code).await?;
    log::receipt_with(db, idx, doc).await
}

/// The server's own verification of a licence, for the portal's verification page:
/// the stored document against the log entry and a signed tree head.
pub async fn verification(db: &Db, code: &str) -> Result<J> {
    verification_with(db, code, &Witnesses::default()).await
}

/// [`verification`], and the receipt's tree head cosigned by at least the quorum of
/// the configured witnesses (none needed with quorum 0).
pub async fn verification_with(db: &Db, code: &str, witnesses: &Witnesses) -> Result<J> {
    let r = receipt(db, code).await?;
    let key = log::verifying_key(db)?;
    let entry = log::entry(db, r.leaf_index as i64).await?;
    let data = canonical_json(&r.entry);
    let mut problems: Vec<String> = Vec::new();
    if entry.data != data {
        problems.push("the licence differs from the document recorded in the log".into());
    }
    if to_hex(&leaf_hash(entry.data.as_bytes())) != entry.leaf_hash {
        problems.push("the log entry was altered after it was recorded".into());
    }
    let verifiers = witnesses.verifiers();
    match r.verify_witnessed(&key, &verifiers, witnesses.quorum) {
        Ok(_) => {}
        Err(e @ onestop_ledger::LedgerError::Quorum { .. }) => problems.push(e.to_string()),
        Err(e) => problems.push(format!("the inclusion proof does not verify: {e}")),
    }
    let cosigned: Vec<String> = r
        .cosigners(&key, &verifiers)
        .unwrap_or_default()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    let code = r.entry["code"].as_str().unwrap_or_default().to_string();
    let (status, history) = status_of(db, &code).await?;
    for e in &history {
        let idx = e["log_index"].as_i64().unwrap_or(-1);
        let logged = log::entry(db, idx).await.ok();
        let same = logged.is_some_and(|l| {
            l.kind == "licence.status"
                && l.subject == code
                && l.data == canonical_json(&e["document"])
                && to_hex(&leaf_hash(l.data.as_bytes())) == l.leaf_hash
        });
        if !same {
            problems.push(format!(
                "the status change at log entry {idx} differs from what the log records"
            ));
        }
    }
    Ok(json!({
        "valid": problems.is_empty(),
        "problems": problems,
        "code": r.entry["code"],
        "status": status,
        "status_history": history.iter().map(|e| &e["document"]).collect::<Vec<_>>(),
        "licence": r.entry,
        "leaf_index": r.leaf_index,
        "tree_head": r.tree_head,
        "witnesses": cosigned,
        "quorum": witnesses.quorum,
        "public_key": hex_key(&key),
    }))
}

fn hex_key(k: &ed25519_dalek::VerifyingKey) -> String {
    to_hex(&k.to_bytes())
}

/// The applicant's own licences (codes and documents).
pub async fn mine(reg: &Register<'_>, who: &Account) -> Result<Vec<J>> {
    reg.require(
        who,
        "list_licences",
        &Resource::Licences { holder: &who.id },
        || "licences are listed for their holders".into(),
    )?;
    sqlx::query("SELECT document, status FROM licences WHERE holder_id = $1 ORDER BY issued_at")
        .bind(&who.id)
        .fetch_all(&reg.db.pool)
        .await?
        .iter()
        .map(|r| {
            let t: String = r.try_get("document")?;
            let mut d: J =
                serde_json::from_str(&t).map_err(|e| ServiceError::Storage(e.to_string()))?;
            d["status"] = J::String(r.try_get("status")?);
            Ok(d)
        })
        .collect()
}

/// The licence of a case, if it has one.
pub async fn of_case(db: &Db, case_id: &str) -> Result<Option<String>> {
    Ok(sqlx::query("SELECT code FROM licences WHERE case_id = $1")
        .bind(case_id)
        .fetch_optional(&db.pool)
        .await?
        .map(|r| r.try_get("code"))
        .transpose()?)
}

/// A licence as printed: the stored document, its place in the log, and what became
/// of it since (the last status change, if any).
pub struct Printable {
    pub document: J,
    pub log_index: i64,
    pub status: String,
    pub last_change: Option<J>,
}

/// The licence behind a code, for its printable page (rendered by the portal).
pub async fn printable(db: &Db, code: &str) -> Result<Printable> {
    let (document, log_index, _) = stored(db, code).await?;
    let code = document["code"].as_str().unwrap_or_default().to_string();
    let (status, history) = status_of(db, &code).await?;
    Ok(Printable {
        document,
        log_index,
        status,
        last_change: history.last().map(|e| e["document"].clone()),
    })
}

// ---- the life of a licence after issue ----

/// A change to a licence after issue, by its deciding agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    /// Not valid for now (an inquiry is open); may be reinstated.
    Suspend,
    /// A suspension lifted.
    Reinstate,
    /// Withdrawn for good.
    Revoke,
}

impl StatusChange {
    pub const ALL: [StatusChange; 3] = [
        StatusChange::Suspend,
        StatusChange::Reinstate,
        StatusChange::Revoke,
    ];

    pub fn parse(s: &str) -> Option<StatusChange> {
        StatusChange::ALL.into_iter().find(|c| c.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            StatusChange::Suspend => "suspend",
            StatusChange::Reinstate => "reinstate",
            StatusChange::Revoke => "revoke",
        }
    }

    /// The change as done, for messages.
    pub fn done(self) -> &'static str {
        match self {
            StatusChange::Suspend => "suspended",
            StatusChange::Reinstate => "reinstated",
            StatusChange::Revoke => "revoked",
        }
    }

    /// The status after this change from `from`, or `None` when the change does not
    /// apply (a revoked licence stays revoked; only a suspended one is reinstated).
    pub fn apply(self, from: &str) -> Option<&'static str> {
        match (self, from) {
            (StatusChange::Suspend, "valid") => Some("suspended"),
            (StatusChange::Reinstate, "suspended") => Some("valid"),
            (StatusChange::Revoke, "valid" | "suspended") => Some("revoked"),
            _ => None,
        }
    }
}

/// A status change as recorded: who, why, from which day.
#[derive(Debug, Clone)]
pub struct StatusRequest<'a> {
    pub code: &'a str,
    pub change: StatusChange,
    pub reason: &'a str,
    /// The account that decided it, as `username (role)`.
    pub changed_by: &'a str,
    /// The day the change takes effect.
    pub effective: NaiveDate,
}

/// Changes a licence's status inside the caller's transaction (an ex-post check's
/// own): the change is logged and recorded, or neither. The caller has checked the
/// permission; the log head is published by the caller after commit.
pub async fn change_status_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    req: &StatusRequest<'_>,
) -> Result<J> {
    let code = normalise_code(req.code)?;
    let reason = req.reason.trim();
    if reason.is_empty() {
        return Err(ServiceError::invalid(
            "reason",
            "give a reason; it is logged and shown to anyone who verifies the licence",
        ));
    }
    if reason.chars().count() > 4000 {
        return Err(ServiceError::invalid(
            "reason",
            "a reason has at most 4000 characters",
        ));
    }
    let from: String = sqlx::query("SELECT status FROM licences WHERE code = $1")
        .bind(&code)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no licence has the code {code}")))?
        .try_get("status")?;
    let to = req.change.apply(&from).ok_or_else(|| {
        ServiceError::Conflict(format!(
            "licence {code} is {from}; it cannot be {}",
            req.change.done()
        ))
    })?;
    let seq: i64 = sqlx::query("SELECT COUNT(*) AS n FROM licence_events WHERE code = $1")
        .bind(&code)
        .fetch_one(&mut **tx)
        .await?
        .try_get("n")?;
    let at = onestop_store::now();
    let doc = json!({
        "type": "licence.status",
        "version": 1,
        "code": code,
        "change": req.change.as_str(),
        "from": from,
        "status": to,
        "reason": reason,
        "changed_by": req.changed_by,
        "effective": req.effective.to_string(),
        "at": at,
    });
    let idx = log::append_one(tx, "licence.status", &code, &doc).await?;
    sqlx::query("INSERT INTO licence_events (code, seq, change, status, reason, changed_by, effective, entry_idx, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(&code)
        .bind(seq)
        .bind(req.change.as_str())
        .bind(to)
        .bind(reason)
        .bind(req.changed_by)
        .bind(req.effective.to_string())
        .bind(idx)
        .bind(&at)
        .execute(&mut **tx)
        .await?;
    let done = sqlx::query("UPDATE licences SET status = $1 WHERE code = $2 AND status = $3")
        .bind(to)
        .bind(&code)
        .bind(&from)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() != 1 {
        return Err(ServiceError::Conflict(format!(
            "licence {code} changed while you were working on it; reload it and try again"
        )));
    }
    Ok(doc)
}

/// An officer of the deciding agency suspends, reinstates or revokes a licence; the
/// change is logged and a new signed tree head published. The licence as it now
/// stands is returned (as its verification).
pub async fn change_status(
    reg: &Register<'_>,
    who: &Account,
    code: &str,
    change: StatusChange,
    reason: &str,
    day: NaiveDate,
) -> Result<J> {
    let (doc, _, holder) = stored(reg.db, code).await?;
    let code = doc["code"].as_str().unwrap_or_default().to_string();
    let agency = doc["deciding_agency"]["id"].as_str().unwrap_or_default();
    reg.require(
        who,
        "change_licence_status",
        &Resource::Licence {
            code: &code,
            holder: &holder,
            agency,
        },
        || "only an officer of the agency that decided a licence changes its status".into(),
    )?;
    let changed_by = format!("{} ({})", who.username, who.role.as_str());
    let mut tx = reg.db.pool.begin().await?;
    change_status_in(
        &mut tx,
        &StatusRequest {
            code: &code,
            change,
            reason,
            changed_by: &changed_by,
            effective: day,
        },
    )
    .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    verification(reg.db, &code).await
}

/// The licence issued for a case, read inside the caller's transaction.
pub async fn code_of_case_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    case_id: &str,
) -> Result<Option<String>> {
    Ok(sqlx::query("SELECT code FROM licences WHERE case_id = $1")
        .bind(case_id)
        .fetch_optional(&mut **tx)
        .await?
        .map(|r| r.try_get("code"))
        .transpose()?)
}

/// A licence's current status and its changes in order, each `{log_index, document}`.
async fn status_of(db: &Db, code: &str) -> Result<(String, Vec<J>)> {
    let status: String = sqlx::query("SELECT status FROM licences WHERE code = $1")
        .bind(code)
        .fetch_one(&db.pool)
        .await?
        .try_get("status")?;
    let events = sqlx::query("SELECT entry_idx FROM licence_events WHERE code = $1 ORDER BY seq")
        .bind(code)
        .fetch_all(&db.pool)
        .await?;
    let mut history = Vec::with_capacity(events.len());
    for e in &events {
        let idx: i64 = e.try_get("entry_idx")?;
        let entry = log::entry(db, idx).await?;
        let document: J = serde_json::from_str(&entry.data)
            .map_err(|e| ServiceError::Storage(format!("log entry {idx} is not JSON: {e}")))?;
        history.push(json!({"log_index": idx, "document": document}));
    }
    Ok((status, history))
}

/// Every licence against the log: its stored document must be, byte for byte in
/// canonical form, the document its log entry records; its status changes must be
/// exactly the `licence.status` entries logged about it, in order, and its status
/// the one the last of them records.
pub(crate) async fn check_against_log(db: &Db, log: &Logged) -> Result<(u64, Vec<Problem>)> {
    let rows = sqlx::query("SELECT code, entry_idx, document, status FROM licences ORDER BY code")
        .fetch_all(&db.pool)
        .await?;
    let mut problems = Vec::new();
    for r in &rows {
        let code: String = r.try_get("code")?;
        let idx: i64 = r.try_get("entry_idx")?;
        let doc: String = r.try_get("document")?;
        let status: String = r.try_get("status")?;
        let events: Vec<(i64, String)> = sqlx::query(
            "SELECT entry_idx, status FROM licence_events WHERE code = $1 ORDER BY seq",
        )
        .bind(&code)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|e| Ok((e.try_get("entry_idx")?, e.try_get("status")?)))
        .collect::<Result<_>>()?;
        let logged_changes: Vec<(i64, String)> = log::logged_about(log, "licence.status", &code)
            .map(|(i, d)| (i, d["status"].as_str().unwrap_or_default().to_string()))
            .collect();
        let last = logged_changes.last().map_or("valid", |(_, s)| s.as_str());
        if events != logged_changes || status != last {
            problems.push(Problem {
                what: "licence".into(),
                at: code.clone(),
                message: format!(
                    "licence {code}: its status `{status}` and {} recorded change(s) differ from the {} change(s) the log records",
                    events.len(),
                    logged_changes.len()
                ),
            });
        }
        let logged = usize::try_from(idx).ok().and_then(|i| log.get(i));
        let same = serde_json::from_str::<J>(&doc)
            .ok()
            .map(|d| canonical_json(&d))
            .zip(logged.map(|e| e.2.clone()))
            .is_some_and(|(a, b)| a == b);
        if !same {
            problems.push(Problem {
                what: "licence".into(),
                at: code.clone(),
                message: format!(
                    "licence {code}: the stored document differs from log entry {idx}"
                ),
            });
        }
    }
    Ok((rows.len() as u64, problems))
}
