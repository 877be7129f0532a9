//! Innovation vouchers: issued by Beijing, Tianjin or Hebei to an enterprise with a
//! value in yuan and an expiry date, redeemed (wholly or in parts) at a service
//! provider in any of the three regions. Never beyond the balance, never after expiry,
//! every issue and redemption logged.
//!
//! The balance is integer fen and a redemption is one conditional UPDATE
//! (`redeemed + amount <= value AND expires_on >= day`): the database decides, under
//! its row lock, so concurrent redemptions from any number of connections or
//! processes can never overdraw a voucher.

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

fn region(id: &str) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    REGIONS.iter().find(|r| r.0 == id)
}

fn region_names() -> String {
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

#[derive(Debug, Clone, Deserialize)]
pub struct Redeem {
    pub amount: J,
    /// The service provider (name or registration number).
    pub provider: String,
    /// Where the provider is: beijing, tianjin or hebei.
    pub provider_region: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct RedemptionView {
    pub id: String,
    pub amount: String,
    pub provider: String,
    pub provider_region: String,
    pub redeemed_on: String,
    pub entry_index: i64,
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
    pub redeemed: String,
    pub balance: String,
    pub expires_on: String,
    pub issued_at: String,
    pub entry_index: i64,
    pub redemptions: Vec<RedemptionView>,
}

fn parse_day(field: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| ServiceError::invalid(field, format!("`{s}` is not a date; write YYYY-MM-DD")))
}

fn new_id() -> String {
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
    let expires = parse_day("expires_on", &req.expires_on)?;
    if expires < today {
        return Err(ServiceError::invalid(
            "expires_on",
            format!("the expiry {expires} is already past"),
        ));
    }
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
    let id = new_id();
    let issued_by = match &who.agency {
        Some(a) => a.clone(),
        None => format!("{} (administrator)", who.username),
    };
    let at = onestop_store::now();
    let doc = json!({
        "type": "voucher.issued",
        "voucher_id": id,
        "region": r.0,
        "issued_by": issued_by,
        "holder": {"account_id": holder.id, "name": holder.display_name},
        "purpose": purpose,
        "value": yuan(value),
        "currency": "CNY",
        "expires_on": expires.to_string(),
        "at": at,
    });
    let mut tx = reg.db.pool.begin().await?;
    sqlx::query("INSERT INTO vouchers (id, region, issued_by, holder_id, purpose, value_fen, redeemed_fen, expires_on, issue_entry, issued_at, version) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, -1, $8, 0)")
        .bind(&id)
        .bind(r.0)
        .bind(&issued_by)
        .bind(&holder.id)
        .bind(&purpose)
        .bind(value)
        .bind(expires.to_string())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    let idx = log::append_one(&mut tx, "voucher.issued", &id, &doc).await?;
    sqlx::query("UPDATE vouchers SET issue_entry = $1 WHERE id = $2")
        .bind(idx)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    load(reg, &id).await
}

async fn load(reg: &Register<'_>, id: &str) -> Result<VoucherView> {
    let r = sqlx::query("SELECT id, region, issued_by, holder_id, purpose, value_fen, redeemed_fen, expires_on, issue_entry, issued_at FROM vouchers WHERE id = $1")
        .bind(id)
        .fetch_optional(&reg.db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no voucher {id}")))?;
    let value: i64 = r.try_get("value_fen")?;
    let redeemed: i64 = r.try_get("redeemed_fen")?;
    let redemptions = sqlx::query("SELECT id, amount_fen, provider, provider_region, redeemed_on, entry_idx, at FROM voucher_redemptions WHERE voucher_id = $1 ORDER BY entry_idx")
        .bind(id)
        .fetch_all(&reg.db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(RedemptionView {
                id: r.try_get("id")?,
                amount: yuan(r.try_get("amount_fen")?),
                provider: r.try_get("provider")?,
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
        balance: yuan(value - redeemed),
        expires_on: r.try_get("expires_on")?,
        issued_at: r.try_get("issued_at")?,
        entry_index: r.try_get("issue_entry")?,
        redemptions,
    })
}

/// The voucher as the access policy sees it.
fn resource(v: &VoucherView) -> Resource<'_> {
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

/// The holder redeems part or all of the balance at a provider, on `day`.
pub async fn redeem(
    reg: &Register<'_>,
    who: &Account,
    id: &str,
    req: &Redeem,
    day: NaiveDate,
) -> Result<(VoucherView, RedemptionView)> {
    let v = load(reg, id).await?;
    reg.require(who, "redeem_voucher", &resource(&v), || {
        if who.role == Role::Applicant {
            "this voucher belongs to another enterprise".into()
        } else {
            "the enterprise holding a voucher redeems it".into()
        }
    })?;
    let amount = parse_fen("amount", &req.amount)?;
    let provider = text_field("provider", &req.provider, 200)?;
    let pr = region(req.provider_region.trim()).ok_or_else(|| {
        ServiceError::invalid(
            "provider_region",
            format!(
                "unknown region `{}`; vouchers are recognised in {}",
                req.provider_region,
                region_names()
            ),
        )
    })?;
    let mut tx = reg.db.pool.begin().await?;
    // The whole rule in one statement, decided under the row lock.
    let done = sqlx::query("UPDATE vouchers SET redeemed_fen = redeemed_fen + $1, version = version + 1 WHERE id = $2 AND holder_id = $3 AND expires_on >= $4 AND redeemed_fen + $1 <= value_fen")
        .bind(amount)
        .bind(id)
        .bind(&who.id)
        .bind(day.to_string())
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        let v = load(reg, id).await?;
        if v.holder_id != who.id {
            return Err(ServiceError::Forbidden(
                "this voucher belongs to another enterprise".into(),
            ));
        }
        if v.expires_on.as_str() < day.to_string().as_str() {
            return Err(ServiceError::Conflict(format!(
                "the voucher expired on {}; it can no longer be redeemed",
                v.expires_on
            )));
        }
        return Err(ServiceError::Conflict(format!(
            "the voucher's balance is {} yuan; {} yuan cannot be redeemed",
            v.balance,
            yuan(amount)
        )));
    }
    let row = sqlx::query("SELECT value_fen, redeemed_fen FROM vouchers WHERE id = $1")
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
    let balance: i64 =
        row.try_get::<i64, _>("value_fen")? - row.try_get::<i64, _>("redeemed_fen")?;
    let rid = new_id();
    let at = onestop_store::now();
    let doc = json!({
        "type": "voucher.redeemed",
        "voucher_id": id,
        "redemption_id": rid,
        "amount": yuan(amount),
        "provider": provider,
        "provider_region": pr.0,
        "redeemed_on": day.to_string(),
        "balance_after": yuan(balance),
        "at": at,
    });
    sqlx::query("INSERT INTO voucher_redemptions (id, voucher_id, amount_fen, provider, provider_region, redeemed_on, entry_idx, at) VALUES ($1, $2, $3, $4, $5, $6, -1, $7)")
        .bind(&rid)
        .bind(id)
        .bind(amount)
        .bind(&provider)
        .bind(pr.0)
        .bind(day.to_string())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    let idx = log::append_one(&mut tx, "voucher.redeemed", id, &doc).await?;
    sqlx::query("UPDATE voucher_redemptions SET entry_idx = $1 WHERE id = $2")
        .bind(idx)
        .bind(&rid)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    let v = load(reg, id).await?;
    let r = v
        .redemptions
        .iter()
        .find(|r| r.id == rid)
        .cloned()
        .ok_or_else(|| ServiceError::Storage("the redemption was not stored".into()))?;
    Ok((v, r))
}

/// Every voucher against the log: its issue entry, and a balance equal to the sum of
/// the redemptions the log records. Returns how many were checked and what is wrong.
pub(crate) async fn check_against_log(
    db: &onestop_store::Db,
    log: &Logged,
) -> Result<(u64, Vec<Problem>)> {
    let rows =
        sqlx::query("SELECT id, value_fen, redeemed_fen, issue_entry FROM vouchers ORDER BY id")
            .fetch_all(&db.pool)
            .await?;
    let mut problems = Vec::new();
    for r in &rows {
        let id: String = r.try_get("id")?;
        let value: i64 = r.try_get("value_fen")?;
        let redeemed: i64 = r.try_get("redeemed_fen")?;
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
    }
    Ok((rows.len() as u64, problems))
}
