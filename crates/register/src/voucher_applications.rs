//! An enterprise's application for an innovation voucher (001 §28) and the decision of
//! the agency it was made to. The case service evaluates the rule
//! `enterprise.innovation-voucher` (this crate knows no rules) and files only what it
//! found eligible, with the facts, the explanation and the rules' version; the
//! science and technology agency of the chosen region then issues the voucher (in the
//! same transaction as the application's decision) or refuses it with a reason.
//! Application, issue and refusal are each a log entry.

use crate::Register;
use crate::log;
use crate::money::{parse_fen, text_field, yuan};
use crate::vouchers::{NewVoucher, Region, expiry, issue_in, new_id, parse_region, region};
use chrono::NaiveDate;
use onestop_store::{Account, Resource, Result, Role, ServiceError, accounts};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use sqlx::Row;

/// What the enterprise asks for.
#[derive(Debug, Clone, Deserialize)]
pub struct NewApplication {
    /// beijing, tianjin or hebei: the region whose agency is asked.
    pub region: String,
    /// Yuan, e.g. "80000.00".
    pub amount: J,
    /// What the voucher is for.
    #[serde(default)]
    pub purpose: String,
}

/// The rule's answer the case service found, kept with the application.
pub struct Eligibility {
    /// The facts evaluated (the profile with the application's own).
    pub facts: J,
    pub explanation: String,
    pub rules_version: String,
    pub decision_date: NaiveDate,
}

/// The agency's decision.
#[derive(Debug, Clone)]
pub enum ApplicationDecision {
    /// Issue a voucher of the amount applied for, valid up to and including this day.
    Issue { expires_on: String },
    /// Refuse (the note says why).
    Refuse,
}

#[derive(Debug, Clone, Serialize)]
pub struct ApplicationView {
    pub id: String,
    pub applicant_id: String,
    pub applicant: String,
    pub region: String,
    pub agency: String,
    pub amount: String,
    pub purpose: String,
    /// pending, issued or refused
    pub status: String,
    pub facts: J,
    pub explanation: String,
    pub rules_version: String,
    pub decision_date: String,
    pub apply_entry: i64,
    pub voucher_id: Option<String>,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
    pub decided_at: Option<String>,
    pub decision_entry: Option<i64>,
    pub created_at: String,
}

fn resource(a: &ApplicationView) -> Resource<'_> {
    Resource::VoucherApplication {
        id: &a.id,
        applicant: &a.applicant_id,
        agency: &a.agency,
    }
}

/// The region asked, once the access policy lets `who` apply to it (an enterprise).
/// The case service calls this before it evaluates the rule.
pub fn may_apply(reg: &Register<'_>, who: &Account, region_id: &str) -> Result<&'static Region> {
    let r = parse_region("region", region_id)?;
    reg.require(
        who,
        "apply_voucher",
        &Resource::Region {
            id: r.0,
            agency: r.1,
        },
        || "enterprises apply for innovation vouchers".into(),
    )?;
    Ok(r)
}

/// Files an application the rule found eligible; logged as `voucher.applied`.
pub async fn file(
    reg: &Register<'_>,
    who: &Account,
    req: &NewApplication,
    eligibility: &Eligibility,
) -> Result<ApplicationView> {
    let r = may_apply(reg, who, &req.region)?;
    let amount = parse_fen("amount", &req.amount)?;
    let purpose = if req.purpose.trim().is_empty() {
        "innovation services".to_string()
    } else {
        text_field("purpose", &req.purpose, 500)?
    };
    let id = new_id();
    let at = onestop_store::now();
    let doc = json!({
        "type": "voucher.applied",
        "application_id": id,
        "applicant": {"account_id": who.id, "name": who.display_name},
        "region": r.0,
        "agency": r.1,
        "amount": yuan(amount),
        "purpose": purpose,
        "rule": "enterprise.innovation-voucher",
        "rules_version": eligibility.rules_version,
        "decision_date": eligibility.decision_date.to_string(),
        "at": at,
    });
    let mut tx = reg.db.pool.begin().await?;
    sqlx::query("INSERT INTO voucher_applications (id, applicant_id, region, agency, amount_fen, purpose, facts, explanation, rules_version, decision_date, status, apply_entry, created_at, version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'pending', -1, $11, 0)")
        .bind(&id)
        .bind(&who.id)
        .bind(r.0)
        .bind(r.1)
        .bind(amount)
        .bind(&purpose)
        .bind(eligibility.facts.to_string())
        .bind(&eligibility.explanation)
        .bind(&eligibility.rules_version)
        .bind(eligibility.decision_date.to_string())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    let idx = log::append_one(&mut tx, "voucher.applied", &id, &doc).await?;
    sqlx::query("UPDATE voucher_applications SET apply_entry = $1 WHERE id = $2")
        .bind(idx)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    load(reg, &id).await
}

const COLUMNS: &str = "v.id, v.applicant_id, a.display_name, v.region, v.agency, v.amount_fen, v.purpose, v.status, v.facts, v.explanation, v.rules_version, v.decision_date, v.apply_entry, v.voucher_id, v.decided_by, v.decision_note, v.decided_at, v.decision_entry, v.created_at";

fn from_row(r: &sqlx::any::AnyRow) -> Result<ApplicationView> {
    let facts: String = r.try_get("facts")?;
    Ok(ApplicationView {
        id: r.try_get("id")?,
        applicant_id: r.try_get("applicant_id")?,
        applicant: r.try_get("display_name")?,
        region: r.try_get("region")?,
        agency: r.try_get("agency")?,
        amount: yuan(r.try_get("amount_fen")?),
        purpose: r.try_get("purpose")?,
        status: r.try_get("status")?,
        facts: serde_json::from_str(&facts).unwrap_or(J::Null),
        explanation: r.try_get("explanation")?,
        rules_version: r.try_get("rules_version")?,
        decision_date: r.try_get("decision_date")?,
        apply_entry: r.try_get("apply_entry")?,
        voucher_id: r.try_get("voucher_id")?,
        decided_by: r.try_get("decided_by")?,
        decision_note: r.try_get("decision_note")?,
        decided_at: r.try_get("decided_at")?,
        decision_entry: r.try_get("decision_entry")?,
        created_at: r.try_get("created_at")?,
    })
}

async fn load(reg: &Register<'_>, id: &str) -> Result<ApplicationView> {
    crate::vouchers::checked_id("voucher application", id)?;
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM voucher_applications v JOIN accounts a ON a.id = v.applicant_id WHERE v.id = $1"
    )))
    .bind(id)
    .fetch_optional(&reg.db.pool)
    .await?
    .ok_or_else(|| ServiceError::NotFound(format!("no voucher application {id}")))?;
    from_row(&row)
}

/// One application, for its applicant, the agency it was made to and administrators.
pub async fn get(reg: &Register<'_>, who: &Account, id: &str) -> Result<ApplicationView> {
    let a = load(reg, id).await?;
    reg.require(who, "view_voucher_application", &resource(&a), || {
        "this application was made by another enterprise to another agency".into()
    })?;
    Ok(a)
}

/// The applications the reader may see, newest first: its own, its agency's, or all.
pub async fn list(reg: &Register<'_>, who: &Account) -> Result<Vec<ApplicationView>> {
    let (condition, value) = match who.role {
        Role::Applicant => ("v.applicant_id = $1", who.id.as_str()),
        Role::Officer => ("v.agency = $1", who.agency.as_deref().unwrap_or("")),
        Role::Admin => ("v.id <> $1", ""),
        // Providers and lenders apply for nothing and decide nothing here.
        Role::Provider | Role::FinancialInstitution => return Ok(Vec::new()),
    };
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM voucher_applications v JOIN accounts a ON a.id = v.applicant_id WHERE {condition} ORDER BY v.created_at DESC"
    )))
    .bind(value)
    .fetch_all(&reg.db.pool)
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in &rows {
        let a = from_row(r)?;
        if reg
            .authz
            .allowed(who, "view_voucher_application", &resource(&a))
        {
            out.push(a);
        }
    }
    Ok(out)
}

/// The agency's officer issues the voucher applied for, or refuses with a reason, on
/// `today`. Decided once: a second decision (two officers at once) is a 409.
pub async fn decide(
    reg: &Register<'_>,
    who: &Account,
    id: &str,
    decision: &ApplicationDecision,
    note: &str,
    today: NaiveDate,
) -> Result<ApplicationView> {
    let a = load(reg, id).await?;
    reg.require(who, "decide_voucher_application", &resource(&a), || {
        format!(
            "only officers of `{}`, the agency it was made to, decide this application",
            a.agency
        )
    })?;
    if a.status != "pending" {
        return Err(ServiceError::Conflict(format!(
            "this application was already {}",
            a.status
        )));
    }
    let note = match (decision, note.trim()) {
        (ApplicationDecision::Refuse, "") => {
            return Err(ServiceError::invalid(
                "note",
                "say why the application is refused",
            ));
        }
        (_, "") => None,
        (_, n) => Some(text_field("note", n, 1000)?),
    };
    let expires = match decision {
        ApplicationDecision::Issue { expires_on } => Some(expiry(expires_on, today)?),
        ApplicationDecision::Refuse => None,
    };
    let r = region(&a.region)
        .ok_or_else(|| ServiceError::Storage(format!("application {id}: bad region")))?;
    let status = if expires.is_some() {
        "issued"
    } else {
        "refused"
    };
    let at = onestop_store::now();
    let mut tx = reg.db.pool.begin().await?;
    let claimed = sqlx::query("UPDATE voucher_applications SET status = $1, decided_by = $2, decision_note = $3, decided_at = $4, version = version + 1 WHERE id = $5 AND status = 'pending'")
        .bind(status)
        .bind(&who.username)
        .bind(note.clone())
        .bind(&at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if claimed.rows_affected() != 1 {
        tx.rollback().await?;
        let now = load(reg, id).await?;
        return Err(ServiceError::Conflict(format!(
            "this application was already {}",
            now.status
        )));
    }
    let idx = match expires {
        Some(expires_on) => {
            let holder = accounts::by_id(reg.db, &a.applicant_id).await?;
            let amount = parse_fen("amount", &J::String(a.amount.clone()))?;
            let (voucher, idx) = issue_in(
                &mut tx,
                &NewVoucher {
                    region: r,
                    issued_by: who,
                    holder: &holder,
                    purpose: &a.purpose,
                    value_fen: amount,
                    expires_on,
                    application_id: Some(id),
                },
            )
            .await?;
            sqlx::query("UPDATE voucher_applications SET voucher_id = $1 WHERE id = $2")
                .bind(&voucher)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            idx
        }
        None => {
            let doc = json!({
                "type": "voucher.application.refused",
                "application_id": id,
                "region": a.region,
                "agency": a.agency,
                "officer": who.username,
                "reason": note,
                "at": at,
            });
            log::append_one(&mut tx, "voucher.application.refused", id, &doc).await?
        }
    };
    sqlx::query("UPDATE voucher_applications SET decision_entry = $1 WHERE id = $2")
        .bind(idx)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    load(reg, id).await
}
