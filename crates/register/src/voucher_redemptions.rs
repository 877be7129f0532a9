//! Redeeming an innovation voucher at a service provider (001 §28: vouchers of
//! Beijing, Tianjin and Hebei recognised in all three). Providers have accounts (role
//! `provider`) with the region they work in. The holder asks a provider for a
//! redemption; its amount is reserved on the voucher at once, so the holder can never
//! promise more than the balance; it counts as redeemed only when the provider
//! confirms that it delivered the service. The provider may decline and the holder
//! withdraw while it waits; either gives the reservation back.
//!
//! Each step is one conditional UPDATE of the request (`status = 'requested'`) and one
//! of the voucher (`redeemed + reserved + amount <= value` to ask, `reserved >= amount`
//! to confirm or release), in one transaction with its log entry, so two confirmations
//! of one request count once and no interleaving overdraws a voucher.

use crate::Register;
use crate::log;
use crate::money::{parse_fen, text_field, yuan};
use crate::vouchers::{
    RedemptionRequestView, VoucherView, load, new_id, parse_region, region, requests, resource,
};
use chrono::NaiveDate;
use onestop_store::accounts::{self, NewAccount};
use onestop_store::{Account, Db, Resource, Result, Role, ServiceError};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use sqlx::Row;

/// What the holder asks: an amount, at a provider (its account's username), for a
/// service.
#[derive(Debug, Clone, Deserialize)]
pub struct Redeem {
    /// Yuan, e.g. "300.00".
    pub amount: J,
    /// The username of the provider's account.
    pub provider: String,
    /// The service the provider delivers (testing, design, analysis...).
    #[serde(default)]
    pub service: String,
}

/// A provider as holders choose it.
#[derive(Debug, Clone, Serialize)]
pub struct ProviderView {
    pub account_id: String,
    pub username: String,
    pub name: String,
    pub region: String,
}

/// What a provider or the holder decides about a waiting request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedemptionDecision {
    /// The provider delivered the service: the amount counts against the voucher.
    Confirm,
    /// The provider will not redeem it: the reservation is released.
    Decline,
    /// The holder takes it back: the reservation is released.
    Withdraw,
}

impl RedemptionDecision {
    pub fn parse(s: &str) -> Option<RedemptionDecision> {
        Some(match s.trim() {
            "confirm" => RedemptionDecision::Confirm,
            "decline" => RedemptionDecision::Decline,
            "withdraw" => RedemptionDecision::Withdraw,
            _ => return None,
        })
    }
    fn action(self) -> &'static str {
        match self {
            RedemptionDecision::Confirm => "confirm_redemption",
            RedemptionDecision::Decline => "decline_redemption",
            RedemptionDecision::Withdraw => "withdraw_redemption",
        }
    }
    fn status(self) -> &'static str {
        match self {
            RedemptionDecision::Confirm => "confirmed",
            RedemptionDecision::Decline => "declined",
            RedemptionDecision::Withdraw => "withdrawn",
        }
    }
    fn kind(self) -> &'static str {
        match self {
            RedemptionDecision::Confirm => "voucher.redeemed",
            RedemptionDecision::Decline => "voucher.redemption.declined",
            RedemptionDecision::Withdraw => "voucher.redemption.withdrawn",
        }
    }
}

/// Creates a provider's account with its region (an administrator's act: `onestop
/// admin create-provider`). The region is checked before the account is made; if its
/// row cannot be written the account is removed again, so no provider lacks a region.
pub async fn create_provider(
    db: &Db,
    username: &str,
    password: &str,
    display_name: &str,
    region_id: &str,
) -> Result<(Account, ProviderView)> {
    let r = parse_region("region", region_id)?;
    let account = accounts::create(
        db,
        &NewAccount {
            username,
            password,
            role: Role::Provider,
            agency: None,
            entity: None,
            display_name,
        },
        &[],
    )
    .await?;
    let written = sqlx::query(
        "INSERT INTO voucher_providers (account_id, region, created_at) VALUES ($1, $2, $3)",
    )
    .bind(&account.id)
    .bind(r.0)
    .bind(onestop_store::now())
    .execute(&db.pool)
    .await;
    if let Err(e) = written {
        let _ = sqlx::query("DELETE FROM accounts WHERE id = $1")
            .bind(&account.id)
            .execute(&db.pool)
            .await;
        return Err(e.into());
    }
    let view = ProviderView {
        account_id: account.id.clone(),
        username: account.username.clone(),
        name: account.display_name.clone(),
        region: r.0.to_string(),
    };
    Ok((account, view))
}

/// Every provider, by region and name: whom a holder may name.
pub async fn providers(db: &Db) -> Result<Vec<ProviderView>> {
    sqlx::query("SELECT a.id, a.username, a.display_name, p.region FROM voucher_providers p JOIN accounts a ON a.id = p.account_id ORDER BY p.region, a.display_name")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(ProviderView {
                account_id: r.try_get("id")?,
                username: r.try_get("username")?,
                name: r.try_get("display_name")?,
                region: r.try_get("region")?,
            })
        })
        .collect()
}

async fn provider_by_username(db: &Db, username: &str) -> Result<Option<ProviderView>> {
    let found = sqlx::query("SELECT a.id, a.username, a.display_name, p.region FROM voucher_providers p JOIN accounts a ON a.id = p.account_id WHERE a.username = $1")
        .bind(username.trim())
        .fetch_optional(&db.pool)
        .await?;
    found
        .map(|r| {
            Ok(ProviderView {
                account_id: r.try_get("id")?,
                username: r.try_get("username")?,
                name: r.try_get("display_name")?,
                region: r.try_get("region")?,
            })
        })
        .transpose()
}

/// The holder asks a provider to redeem part of the voucher on `day`: the amount is
/// reserved at once (refused beyond the balance or after expiry), and counts when
/// the provider confirms.
pub async fn request(
    reg: &Register<'_>,
    who: &Account,
    voucher_id: &str,
    req: &Redeem,
    day: NaiveDate,
) -> Result<(VoucherView, RedemptionRequestView)> {
    let v = load(reg, voucher_id).await?;
    reg.require(who, "redeem_voucher", &resource(&v), || {
        if who.role == Role::Applicant {
            "this voucher belongs to another enterprise".into()
        } else {
            "the enterprise holding a voucher redeems it".into()
        }
    })?;
    let amount = parse_fen("amount", &req.amount)?;
    let provider = provider_by_username(reg.db, &req.provider)
        .await?
        .ok_or_else(|| {
            ServiceError::invalid(
                "provider",
                format!(
                    "`{}` is not the username of a service provider; see GET /api/voucher-providers",
                    req.provider.trim()
                ),
            )
        })?;
    let service = if req.service.trim().is_empty() {
        "innovation services".to_string()
    } else {
        text_field("service", &req.service, 500)?
    };
    let mut tx = reg.db.pool.begin().await?;
    // The whole rule in one statement, decided under the row lock.
    let done = sqlx::query("UPDATE vouchers SET reserved_fen = reserved_fen + $1, version = version + 1 WHERE id = $2 AND holder_id = $3 AND expires_on >= $4 AND redeemed_fen + reserved_fen + $1 <= value_fen")
        .bind(amount)
        .bind(voucher_id)
        .bind(&who.id)
        .bind(day.to_string())
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() != 1 {
        tx.rollback().await?;
        let v = load(reg, voucher_id).await?;
        if v.expires_on.as_str() < day.to_string().as_str() {
            return Err(ServiceError::Conflict(format!(
                "the voucher expired on {}; it can no longer be redeemed",
                v.expires_on
            )));
        }
        return Err(ServiceError::Conflict(format!(
            "the voucher's balance is {} yuan ({} yuan wait for providers); {} yuan cannot be asked",
            v.balance,
            v.reserved,
            yuan(amount)
        )));
    }
    let rid = new_id();
    let at = onestop_store::now();
    let doc = json!({
        "type": "voucher.redemption.requested",
        "voucher_id": voucher_id,
        "redemption_id": rid,
        "amount": yuan(amount),
        "provider": {"account_id": provider.account_id, "name": provider.name},
        "provider_region": provider.region,
        "service": service,
        "requested_on": day.to_string(),
        "at": at,
    });
    sqlx::query("INSERT INTO voucher_redemption_requests (id, voucher_id, provider_id, provider_region, amount_fen, service, status, requested_on, request_entry, at) VALUES ($1, $2, $3, $4, $5, $6, 'requested', $7, -1, $8)")
        .bind(&rid)
        .bind(voucher_id)
        .bind(&provider.account_id)
        .bind(&provider.region)
        .bind(amount)
        .bind(&service)
        .bind(day.to_string())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    let idx = log::append_one(&mut tx, "voucher.redemption.requested", voucher_id, &doc).await?;
    sqlx::query("UPDATE voucher_redemption_requests SET request_entry = $1 WHERE id = $2")
        .bind(idx)
        .bind(&rid)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    with_request(reg, voucher_id, &rid).await
}

async fn with_request(
    reg: &Register<'_>,
    voucher_id: &str,
    request_id: &str,
) -> Result<(VoucherView, RedemptionRequestView)> {
    let v = load(reg, voucher_id).await?;
    let r = v
        .requests
        .iter()
        .find(|r| r.id == request_id)
        .cloned()
        .ok_or_else(|| ServiceError::Storage("the redemption request was not stored".into()))?;
    Ok((v, r))
}

/// A request with the voucher it is about, or 404.
async fn request_and_voucher(
    reg: &Register<'_>,
    id: &str,
) -> Result<(RedemptionRequestView, VoucherView)> {
    crate::vouchers::checked_id("redemption", id)?;
    let r = requests(reg.db, "r.id = $1", id)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ServiceError::NotFound(format!("no redemption {id}")))?;
    let v = load(reg, &r.voucher_id).await?;
    Ok((r, v))
}

/// The request as the access policy sees it.
fn request_resource<'a>(r: &'a RedemptionRequestView, v: &'a VoucherView) -> Resource<'a> {
    Resource::Redemption {
        id: &r.id,
        holder: &v.holder_id,
        agency: region(&v.region).map_or("", |g| g.1),
        provider: &r.provider_id,
    }
}

/// One request, for the holder, the provider it names, the voucher's agency and
/// administrators.
pub async fn get(
    reg: &Register<'_>,
    who: &Account,
    id: &str,
) -> Result<(VoucherView, RedemptionRequestView)> {
    let (r, v) = request_and_voucher(reg, id).await?;
    reg.require(who, "view_redemption", &request_resource(&r, &v), || {
        "this redemption concerns another enterprise and another provider".into()
    })?;
    Ok((v, r))
}

/// The provider confirms or declines a waiting request, or the holder withdraws it, on
/// `day`. A confirmation moves the amount from reserved to redeemed; the others
/// release it. A request is decided once: a second decision is a 409.
pub async fn decide(
    reg: &Register<'_>,
    who: &Account,
    id: &str,
    decision: RedemptionDecision,
    note: &str,
    day: NaiveDate,
) -> Result<(VoucherView, RedemptionRequestView)> {
    let (r, v) = request_and_voucher(reg, id).await?;
    reg.require(who, decision.action(), &request_resource(&r, &v), || {
        match decision {
            RedemptionDecision::Withdraw => "only the holder withdraws its request",
            _ => "only the provider the holder named confirms or declines a redemption",
        }
        .into()
    })?;
    let note = match note.trim() {
        "" => None,
        n => Some(text_field("note", n, 500)?),
    };
    let amount = parse_fen("amount", &J::String(r.amount.clone()))?;
    let at = onestop_store::now();
    let mut tx = reg.db.pool.begin().await?;
    let claimed = sqlx::query("UPDATE voucher_redemption_requests SET status = $1, decided_by = $2, decision_note = $3, decided_on = $4 WHERE id = $5 AND status = 'requested'")
        .bind(decision.status())
        .bind(&who.username)
        .bind(note.clone())
        .bind(day.to_string())
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if claimed.rows_affected() != 1 {
        tx.rollback().await?;
        let (now, _) = request_and_voucher(reg, id).await?;
        return Err(ServiceError::Conflict(format!(
            "this redemption was already {}",
            now.status
        )));
    }
    let moved = if decision == RedemptionDecision::Confirm {
        sqlx::query("UPDATE vouchers SET reserved_fen = reserved_fen - $1, redeemed_fen = redeemed_fen + $1, version = version + 1 WHERE id = $2 AND reserved_fen >= $1 AND redeemed_fen + $1 <= value_fen")
    } else {
        sqlx::query("UPDATE vouchers SET reserved_fen = reserved_fen - $1, version = version + 1 WHERE id = $2 AND reserved_fen >= $1")
    }
    .bind(amount)
    .bind(&v.id)
    .execute(&mut *tx)
    .await?;
    if moved.rows_affected() != 1 {
        // The reservation is gone: only a row edited outside the service does this.
        tx.rollback().await?;
        return Err(ServiceError::Conflict(format!(
            "voucher {} no longer holds {} yuan for this redemption; run `onestop ledger verify`",
            v.id, r.amount
        )));
    }
    let row =
        sqlx::query("SELECT value_fen, redeemed_fen, reserved_fen FROM vouchers WHERE id = $1")
            .bind(&v.id)
            .fetch_one(&mut *tx)
            .await?;
    let balance: i64 = row.try_get::<i64, _>("value_fen")?
        - row.try_get::<i64, _>("redeemed_fen")?
        - row.try_get::<i64, _>("reserved_fen")?;
    let agency = region(&v.region).map_or("", |g| g.1);
    let mut doc = json!({
        "type": decision.kind(),
        "voucher_id": v.id,
        "redemption_id": r.id,
        "amount": r.amount,
        "by": who.username,
        "at": at,
    });
    if decision == RedemptionDecision::Confirm {
        doc["provider"] = json!({"account_id": r.provider_id, "name": r.provider});
        doc["provider_region"] = J::String(r.provider_region.clone());
        doc["region"] = J::String(v.region.clone());
        doc["agency"] = J::String(agency.to_string());
        doc["redeemed_on"] = J::String(day.to_string());
        doc["balance_after"] = J::String(yuan(balance));
        sqlx::query("INSERT INTO voucher_redemptions (id, voucher_id, amount_fen, provider, provider_region, redeemed_on, entry_idx, at, provider_id) VALUES ($1, $2, $3, $4, $5, $6, -1, $7, $8)")
            .bind(&r.id)
            .bind(&v.id)
            .bind(amount)
            .bind(&r.provider)
            .bind(&r.provider_region)
            .bind(day.to_string())
            .bind(&at)
            .bind(&r.provider_id)
            .execute(&mut *tx)
            .await?;
    } else if let Some(n) = &note {
        doc["note"] = J::String(n.clone());
    }
    let idx = log::append_one(&mut tx, decision.kind(), &v.id, &doc).await?;
    sqlx::query("UPDATE voucher_redemption_requests SET decision_entry = $1 WHERE id = $2")
        .bind(idx)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if decision == RedemptionDecision::Confirm {
        sqlx::query("UPDATE voucher_redemptions SET entry_idx = $1 WHERE id = $2")
            .bind(idx)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    with_request(reg, &v.id, id).await
}

/// The requests the reader may see: a provider's (naming it), a holder's, an
/// officer's region's, every one for an administrator; newest first.
pub async fn list(reg: &Register<'_>, who: &Account) -> Result<Vec<RedemptionRequestView>> {
    let all = match who.role {
        Role::Provider => requests(reg.db, "r.provider_id = $1", &who.id).await?,
        Role::Applicant => {
            requests(
                reg.db,
                "r.voucher_id IN (SELECT id FROM vouchers WHERE holder_id = $1)",
                &who.id,
            )
            .await?
        }
        Role::Officer => {
            let r = who
                .agency
                .as_deref()
                .and_then(crate::vouchers::region_of_agency)
                .map_or("", |g| g.0);
            requests(
                reg.db,
                "r.voucher_id IN (SELECT id FROM vouchers WHERE region = $1)",
                r,
            )
            .await?
        }
        Role::Admin => requests(reg.db, "r.id <> $1", "").await?,
        // A lender is no party to a redemption.
        Role::FinancialInstitution => Vec::new(),
    };
    let mut out = Vec::with_capacity(all.len());
    for r in all.into_iter().rev() {
        let v = load(reg, &r.voucher_id).await?;
        if reg
            .authz
            .allowed(who, "view_redemption", &request_resource(&r, &v))
        {
            out.push(r);
        }
    }
    Ok(out)
}
