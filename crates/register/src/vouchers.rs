//! Innovation vouchers (001 §28): issued by Beijing, Tianjin or Hebei to an enterprise
//! with a value in yuan and an expiry date (on its application,
//! `voucher_applications`, or directly by an officer), redeemed (wholly or in parts)
//! at a service provider in any of the three regions (`voucher_redemptions`: the
//! holder asks, the provider confirms). Never beyond the balance, never after expiry,
//! every event logged.
//!
//! Money is integer fen. `redeemed_fen` is what providers confirmed, `reserved_fen`
//! what waits for a provider; every change of either is one conditional UPDATE
//! (`redeemed + reserved + amount <= value AND expires_on >= day` for a request): the
//! database decides, under its row lock, so concurrent requests and confirmations
//! from any number of connections or processes can never overdraw a voucher.

use crate::Register;
use crate::log::{self, Logged, Problem, logged_about};
use crate::money::{parse_fen, text_field, yuan};
use chrono::NaiveDate;
use onestop_store::{Account, Resource, Result, Role, ServiceError, accounts};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use sqlx::Row;

/// The three regions, the agency that issues for each, and their names.
pub const REGIONS: &[(&str, &str, &str, &str)] = &[
    ("beijing", "sci-tech", "Beijing", "北京"),
    ("tianjin", "tianjin-sci-tech", "Tianjin", "天津"),
    ("hebei", "hebei-sci-tech", "Hebei", "河北"),
];

/// A region's row of [`REGIONS`]: id, issuing agency, English and Chinese name.
pub type Region = (&'static str, &'static str, &'static str, &'static str);

/// The region with this id.
pub fn region(id: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.0 == id)
}

/// The region whose vouchers this agency issues.
pub fn region_of_agency(agency: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.1 == agency)
}

/// A region named in a request, or a 422 naming `field`.
pub fn parse_region(field: &str, id: &str) -> Result<&'static Region> {
    // Exact, as the OpenAPI document's pattern says: " tianjin" is no region.
    region(id).ok_or_else(|| {
        ServiceError::invalid(
            field,
            format!(
                "unknown region `{id}`; vouchers are recognised in {}",
                region_names()
            ),
        )
    })
}

pub(crate) fn region_names() -> String {
    REGIONS.iter().map(|r| r.0).collect::<Vec<_>>().join(", ")
}

#[derive(Debug, Clone, Deserialize)]
pub struct IssueVoucher {
    /// beijing, tianjin or hebei
    pub region: String,
    /// Username of the enterprise's account.
    pub holder: String,
    /// Value in yuan, e.g. "50000.00".
    pub value: J,
    /// Last day it may be redeemed, YYYY-MM-DD.
    pub expires_on: String,
    #[serde(default)]
    pub purpose: String,
}

/// A redemption that counts: confirmed by its provider (its id is the request's).
#[derive(Debug, Clone, Serialize)]
pub struct RedemptionView {
    pub id: String,
    pub amount: String,
    pub provider: String,
    /// The provider's account (none for redemptions recorded before providers had
    /// accounts).
    pub provider_id: Option<String>,
    pub provider_region: String,
    pub redeemed_on: String,
    pub entry_index: i64,
    pub at: String,
}

/// A redemption the holder asked of a provider, and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct RedemptionRequestView {
    pub id: String,
    pub voucher_id: String,
    pub provider_id: String,
    pub provider: String,
    pub provider_username: String,
    pub provider_region: String,
    pub amount: String,
    pub service: String,
    /// requested, confirmed, declined or withdrawn
    pub status: String,
    pub requested_on: String,
    pub request_entry: i64,
    pub decided_by: Option<String>,
    pub decision_note: Option<String>,
    pub decided_on: Option<String>,
    pub decision_entry: Option<i64>,
    pub at: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct VoucherView {
    pub id: String,
    pub region: String,
    pub issued_by: String,
    pub holder_id: String,
    pub purpose: String,
    pub value: String,
    /// Confirmed by providers.
    pub redeemed: String,
    /// Asked of providers and waiting for their confirmation.
    pub reserved: String,
    /// What may still be asked: value less redeemed and reserved.
    pub balance: String,
    pub expires_on: String,
    pub issued_at: String,
    pub entry_index: i64,
    /// The application it was issued on, if any.
    pub application_id: Option<String>,
    pub redemptions: Vec<RedemptionView>,
    pub requests: Vec<RedemptionRequestView>,
}

pub(crate) fn parse_day(field: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| ServiceError::invalid(field, format!("`{s}` is not a date; write YYYY-MM-DD")))
}

pub(crate) fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Issues a voucher: an officer of the region's issuing agency, or an administrator.
pub async fn issue(
    reg: &Register<'_>,
    who: &Account,
    req: &IssueVoucher,
    today: NaiveDate,
) -> Result<VoucherView> {
    let r = region(req.region.trim()).ok_or_else(|| {
        ServiceError::invalid(
            "region",
            format!("unknown region `{}`; use {}", req.region, region_names()),
        )
    })?;
    reg.require(
        who,
        "issue_voucher",
        &Resource::Region {
            id: r.0,
            agency: r.1,
        },
        || {
            format!(
                "only the {} issuing agency (`{}`) or an administrator issues {} vouchers",
                r.2, r.1, r.2
            )
        },
    )?;
    let value = parse_fen("value", &req.value)?;
    let expires = expiry(&req.expires_on, today)?;
    let purpose = if req.purpose.trim().is_empty() {
        "innovation services".to_string()
    } else {
        text_field("purpose", &req.purpose, 500)?
    };
    let holder = accounts::by_username(reg.db, &req.holder)
        .await?
        .filter(|h| h.role == Role::Applicant && h.entity.as_deref() == Some("enterprise"))
        .ok_or_else(|| {
            ServiceError::invalid(
                "holder",
                format!(
                    "`{}` is not the username of an enterprise account",
                    req.holder
                ),
            )
        })?;
    let mut tx = reg.db.pool.begin().await?;
    let (id, _) = issue_in(
        &mut tx,
        &NewVoucher {
            region: r,
            issued_by: who,
            holder: &holder,
            purpose: &purpose,
            value_fen: value,
            expires_on: expires,
            application_id: None,
        },
    )
    .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    load(reg, &id).await
}

/// The last day a voucher may be used, as given; never already past.
pub(crate) fn expiry(text: &str, today: NaiveDate) -> Result<NaiveDate> {
    let expires = parse_day("expires_on", text)?;
    if expires < today {
        return Err(ServiceError::invalid(
            "expires_on",
            format!("the expiry {expires} is already past"),
        ));
    }
    Ok(expires)
}

/// A voucher to write, its fields checked.
pub(crate) struct NewVoucher<'a> {
    pub region: &'static Region,
    pub issued_by: &'a Account,
    pub holder: &'a Account,
    pub purpose: &'a str,
    pub value_fen: i64,
    pub expires_on: NaiveDate,
    pub application_id: Option<&'a str>,
}

/// Writes a voucher and its `voucher.issued` entry inside the caller's transaction
/// (the log last); its id and log index.
pub(crate) async fn issue_in(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    v: &NewVoucher<'_>,
) -> Result<(String, i64)> {
    let id = new_id();
    let issued_by = match &v.issued_by.agency {
        Some(a) => a.clone(),
        None => format!("{} (administrator)", v.issued_by.username),
    };
    let at = onestop_store::now();
    let mut doc = json!({
        "type": "voucher.issued",
        "voucher_id": id,
        "region": v.region.0,
        "issued_by": issued_by,
        "holder": {"account_id": v.holder.id, "name": v.holder.display_name},
        "purpose": v.purpose,
        "value": yuan(v.value_fen),
        "currency": "CNY",
        "expires_on": v.expires_on.to_string(),
        "at": at,
    });
    if let Some(a) = v.application_id {
        doc["application_id"] = J::String(a.to_string());
        doc["officer"] = J::String(v.issued_by.username.clone());
    }
    sqlx::query("INSERT INTO vouchers (id, region, issued_by, holder_id, purpose, value_fen, redeemed_fen, expires_on, issue_entry, issued_at, version, reserved_fen, application_id) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, -1, $8, 0, 0, $9)")
        .bind(&id)
        .bind(v.region.0)
        .bind(&issued_by)
        .bind(&v.holder.id)
        .bind(v.purpose)
        .bind(v.value_fen)
        .bind(v.expires_on.to_string())
        .bind(&at)
        .bind(v.application_id.map(str::to_string))
        .execute(&mut **tx)
        .await?;
    let idx = log::append_one(tx, "voucher.issued", &id, &doc).await?;
    sqlx::query("UPDATE vouchers SET issue_entry = $1 WHERE id = $2")
        .bind(idx)
        .bind(&id)
        .execute(&mut **tx)
        .await?;
    Ok((id, idx))
}

/// An id from a request: a NUL is a 422 (PostgreSQL's TEXT holds none), anything but
/// a UUID is 404, both before any query.
pub(crate) fn checked_id(what: &str, id: &str) -> Result<()> {
    if id.contains('\0') {
        return Err(ServiceError::invalid("id", "an id holds no NUL character"));
    }
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(ServiceError::NotFound(format!("no {what} {id}")));
    }
    Ok(())
}

pub(crate) async fn load(reg: &Register<'_>, id: &str) -> Result<VoucherView> {
    checked_id("voucher", id)?;
    let r = sqlx::query("SELECT id, region, issued_by, holder_id, purpose, value_fen, redeemed_fen, reserved_fen, expires_on, issue_entry, issued_at, application_id FROM vouchers WHERE id = $1")
        .bind(id)
        .fetch_optional(&reg.db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no voucher {id}")))?;
    let value: i64 = r.try_get("value_fen")?;
    let redeemed: i64 = r.try_get("redeemed_fen")?;
    let reserved: i64 = r.try_get("reserved_fen")?;
    let redemptions = sqlx::query("SELECT id, amount_fen, provider, provider_id, provider_region, redeemed_on, entry_idx, at FROM voucher_redemptions WHERE voucher_id = $1 ORDER BY entry_idx")
        .bind(id)
        .fetch_all(&reg.db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(RedemptionView {
                id: r.try_get("id")?,
                amount: yuan(r.try_get("amount_fen")?),
                provider: r.try_get("provider")?,
                provider_id: r.try_get("provider_id")?,
                provider_region: r.try_get("provider_region")?,
                redeemed_on: r.try_get("redeemed_on")?,
                entry_index: r.try_get("entry_idx")?,
                at: r.try_get("at")?,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(VoucherView {
        id: r.try_get("id")?,
        region: r.try_get("region")?,
        issued_by: r.try_get("issued_by")?,
        holder_id: r.try_get("holder_id")?,
        purpose: r.try_get("purpose")?,
        value: yuan(value),
        redeemed: yuan(redeemed),
        reserved: yuan(reserved),
        balance: yuan(value - redeemed - reserved),
        expires_on: r.try_get("expires_on")?,
        issued_at: r.try_get("issued_at")?,
        entry_index: r.try_get("issue_entry")?,
        application_id: r.try_get("application_id")?,
        redemptions,
        requests: requests(reg.db, "r.voucher_id = $1", id).await?,
    })
}

/// Redemption requests with their provider, by a condition on `r` (the requests)
/// with one bound text, in log order.
pub(crate) async fn requests(
    db: &onestop_store::Db,
    condition: &'static str,
    value: &str,
) -> Result<Vec<RedemptionRequestView>> {
    // Only this module's fixed conditions are formatted in; the value is bound.
    sqlx::query(sqlx::AssertSqlSafe(format!("SELECT r.id, r.voucher_id, r.provider_id, a.display_name, a.username, r.provider_region, r.amount_fen, r.service, r.status, r.requested_on, r.request_entry, r.decided_by, r.decision_note, r.decided_on, r.decision_entry, r.at FROM voucher_redemption_requests r JOIN accounts a ON a.id = r.provider_id WHERE {condition} ORDER BY r.request_entry")))
        .bind(value)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(RedemptionRequestView {
                id: r.try_get("id")?,
                voucher_id: r.try_get("voucher_id")?,
                provider_id: r.try_get("provider_id")?,
                provider: r.try_get("display_name")?,
                provider_username: r.try_get("username")?,
                provider_region: r.try_get("provider_region")?,
                amount: yuan(r.try_get("amount_fen")?),
                service: r.try_get("service")?,
                status: r.try_get("status")?,
                requested_on: r.try_get("requested_on")?,
                request_entry: r.try_get("request_entry")?,
                decided_by: r.try_get("decided_by")?,
                decision_note: r.try_get("decision_note")?,
                decided_on: r.try_get("decided_on")?,
                decision_entry: r.try_get("decision_entry")?,
                at: r.try_get("at")?,
            })
        })
        .collect()
}

/// The voucher as the access policy sees it.
pub(crate) fn resource(v: &VoucherView) -> Resource<'_> {
    Resource::Voucher {
        id: &v.id,
        holder: &v.holder_id,
        agency: region(&v.region).map_or("", |r| r.1),
    }
}

fn may_see(reg: &Register<'_>, who: &Account, v: &VoucherView) -> bool {
    reg.authz.allowed(who, "view_voucher", &resource(v))
}

pub async fn get(reg: &Register<'_>, who: &Account, id: &str) -> Result<VoucherView> {
    let v = load(reg, id).await?;
    if !may_see(reg, who, &v) {
        return Err(ServiceError::Forbidden(
            "this voucher belongs to another enterprise".into(),
        ));
    }
    Ok(v)
}

/// The holder's vouchers; an officer's region's; every voucher for an administrator.
pub async fn list(reg: &Register<'_>, who: &Account) -> Result<Vec<VoucherView>> {
    let ids: Vec<String> = match who.role {
        Role::Applicant => {
            sqlx::query("SELECT id FROM vouchers WHERE holder_id = $1 ORDER BY issued_at")
                .bind(&who.id)
                .fetch_all(&reg.db.pool)
                .await?
        }
        Role::Officer => {
            let r = REGIONS
                .iter()
                .find(|r| who.agency.as_deref() == Some(r.1))
                .map(|r| r.0)
                .unwrap_or("");
            sqlx::query("SELECT id FROM vouchers WHERE region = $1 ORDER BY issued_at")
                .bind(r)
                .fetch_all(&reg.db.pool)
                .await?
        }
        Role::Admin => {
            sqlx::query("SELECT id FROM vouchers ORDER BY issued_at")
                .fetch_all(&reg.db.pool)
                .await?
        }
        // A lender holds no vouchers (IP pledges: crate::pledges).
        Role::FinancialInstitution => Vec::new(),
        // A provider sees the requests naming it (`voucher_redemptions::list`), not vouchers.
        Role::Provider => Vec::new(),
    }
    .iter()
    .map(|r| r.try_get("id"))
    .collect::<std::result::Result<_, _>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        let v = load(reg, &id).await?;
        if may_see(reg, who, &v) {
            out.push(v);
        }
    }
    Ok(out)
}

/// Every voucher against the log: its issue entry, a redeemed amount equal to the sum
/// of the confirmed redemptions the log records, and a reserved amount equal to the
/// requests the log shows asked and not yet confirmed, declined or withdrawn. Returns
/// how many were checked and what is wrong.
pub(crate) async fn check_against_log(
    db: &onestop_store::Db,
    log: &Logged,
) -> Result<(u64, Vec<Problem>)> {
    let rows = sqlx::query(
        "SELECT id, value_fen, redeemed_fen, reserved_fen, issue_entry FROM vouchers ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut problems = Vec::new();
    for r in &rows {
        let id: String = r.try_get("id")?;
        let value: i64 = r.try_get("value_fen")?;
        let redeemed: i64 = r.try_get("redeemed_fen")?;
        let reserved: i64 = r.try_get("reserved_fen")?;
        let issue: i64 = r.try_get("issue_entry")?;
        let issued: Vec<(i64, J)> = logged_about(log, "voucher.issued", &id).collect();
        let ok = issued.len() == 1
            && issued[0].0 == issue
            && issued[0].1["value"] == J::String(yuan(value));
        if !ok {
            problems.push(Problem {
                what: "voucher".into(),
                at: id.clone(),
                message: format!("voucher {id}: its value or issue differs from the log"),
            });
        }
        let mut logged_total: i64 = 0;
        for (_, d) in logged_about(log, "voucher.redeemed", &id) {
            logged_total += parse_fen("amount", &d["amount"]).unwrap_or(0);
        }
        if logged_total != redeemed || redeemed > value {
            problems.push(Problem {
                what: "voucher".into(),
                at: id.clone(),
                message: format!(
                    "voucher {id}: {} yuan recorded as redeemed, the log's redemptions add up to {} yuan (value {})",
                    yuan(redeemed),
                    yuan(logged_total),
                    yuan(value)
                ),
            });
        }
        let logged_reserved = waiting_in_log(log, &id);
        if logged_reserved != reserved || redeemed + reserved > value {
            problems.push(Problem {
                what: "voucher".into(),
                at: id.clone(),
                message: format!(
                    "voucher {id}: {} yuan recorded as reserved, the log's waiting requests add up to {} yuan (value {})",
                    yuan(reserved),
                    yuan(logged_reserved),
                    yuan(value)
                ),
            });
        }
    }
    problems.extend(applications_against_log(db, log).await?);
    Ok((rows.len() as u64, problems))
}

/// Every application against the log: applied once at its entry for its amount, and
/// its decision where the row says (the issue naming it, or the refusal), or none
/// while it waits.
async fn applications_against_log(db: &onestop_store::Db, log: &Logged) -> Result<Vec<Problem>> {
    let rows = sqlx::query("SELECT id, status, amount_fen, apply_entry, decision_entry, voucher_id FROM voucher_applications ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let mut problems = Vec::new();
    for r in &rows {
        let id: String = r.try_get("id")?;
        let status: String = r.try_get("status")?;
        let amount = J::String(yuan(r.try_get("amount_fen")?));
        let apply: i64 = r.try_get("apply_entry")?;
        let decision: Option<i64> = r.try_get("decision_entry")?;
        let voucher: Option<String> = r.try_get("voucher_id")?;
        let applied: Vec<(i64, J)> = logged_about(log, "voucher.applied", &id).collect();
        let applied_ok =
            applied.len() == 1 && applied[0].0 == apply && applied[0].1["amount"] == amount;
        let refused: Vec<i64> = logged_about(log, "voucher.application.refused", &id)
            .map(|(i, _)| i)
            .collect();
        let issued: Vec<i64> = voucher
            .as_deref()
            .map(|v| {
                logged_about(log, "voucher.issued", v)
                    .filter(|(_, d)| {
                        d["application_id"].as_str() == Some(id.as_str()) && d["value"] == amount
                    })
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        let decided_ok = match status.as_str() {
            "pending" => decision.is_none() && refused.is_empty() && voucher.is_none(),
            "refused" => refused.len() == 1 && decision == Some(refused[0]),
            "issued" => issued.len() == 1 && decision == Some(issued[0]) && refused.is_empty(),
            _ => false,
        };
        if !applied_ok || !decided_ok {
            problems.push(Problem {
                what: "voucher application".into(),
                at: id.clone(),
                message: format!(
                    "voucher application {id}: its amount or decision ({status}) differs from the log"
                ),
            });
        }
    }
    Ok(problems)
}

/// The log's kinds that close a redemption request (its `redemption_id`).
pub(crate) const CLOSING_KINDS: &[&str] = &[
    "voucher.redeemed",
    "voucher.redemption.declined",
    "voucher.redemption.withdrawn",
];

/// The amount the log shows requested of providers for this voucher and not closed.
fn waiting_in_log(log: &Logged, voucher: &str) -> i64 {
    let closed: std::collections::HashSet<String> = CLOSING_KINDS
        .iter()
        .flat_map(|k| logged_about(log, k, voucher))
        .filter_map(|(_, d)| d["redemption_id"].as_str().map(String::from))
        .collect();
    logged_about(log, "voucher.redemption.requested", voucher)
        .filter(|(_, d)| {
            d["redemption_id"]
                .as_str()
                .is_some_and(|r| !closed.contains(r))
        })
        .map(|(_, d)| parse_fen("amount", &d["amount"]).unwrap_or(0))
        .sum()
}
