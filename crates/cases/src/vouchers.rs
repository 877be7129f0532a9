//! Innovation vouchers: issued by Beijing, Tianjin or Hebei to an enterprise with a
//! value in yuan and an expiry date, redeemed (wholly or in parts) at a service
//! provider in any of the three regions. Never beyond the balance, never after expiry,
//! every issue and redemption logged.
//!
//! The balance is integer fen and a redemption is one conditional UPDATE
//! (`redeemed + amount <= value AND expires_on >= day`): the database decides, under
//! its row lock, so concurrent redemptions from any number of connections or
//! processes can never overdraw a voucher.

use crate::error::{CaseError, Result};
use crate::ledger_store::{self, Logged, NewEntry, Problem, logged_about};
use crate::model::{Account, Role};
use crate::store::CaseService;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use sqlx::Row;
use std::str::FromStr;

/// The three regions, the agency that issues for each, and their names.
pub const REGIONS: &[(&str, &str, &str, &str)] = &[
    ("beijing", "sci-tech", "Beijing", "北京"),
    ("tianjin", "tianjin-sci-tech", "Tianjin", "天津"),
    ("hebei", "hebei-sci-tech", "Hebei", "河北"),
];

/// The largest amount accepted anywhere: one trillion yuan, in fen.
const MAX_FEN: i64 = 100_000_000_000_000;

fn region(id: &str) -> Option<&'static (&'static str, &'static str, &'static str, &'static str)> {
    REGIONS.iter().find(|r| r.0 == id)
}

fn region_names() -> String {
    REGIONS.iter().map(|r| r.0).collect::<Vec<_>>().join(", ")
}

/// An amount of money in yuan (a string like "1234.50" or a whole number) as fen.
pub(crate) fn parse_fen(field: &str, v: &J) -> Result<i64> {
    let d = match v {
        J::String(s) => Decimal::from_str(s.trim()).map_err(|_| {
            CaseError::invalid(
                field,
                format!("`{s}` is not an amount; write yuan like \"1234.50\""),
            )
        })?,
        J::Number(n) if n.is_i64() || n.is_u64() => Decimal::from_str(&n.to_string())
            .map_err(|_| CaseError::invalid(field, "not an amount"))?,
        J::Number(_) => {
            return Err(CaseError::invalid(
                field,
                "give amounts with decimals as a string, like \"1234.50\" (money is exact)",
            ));
        }
        _ => {
            return Err(CaseError::invalid(
                field,
                "give an amount in yuan, like \"1234.50\"",
            ));
        }
    };
    // Checked: 28 digits of yuan overflow the multiplication (a panic, before).
    let too_large = || {
        CaseError::invalid(
            field,
            format!("the amount is too large: at most {} yuan", yuan(MAX_FEN)),
        )
    };
    let fen = d.checked_mul(Decimal::from(100)).ok_or_else(too_large)?;
    if fen.fract() != Decimal::ZERO {
        return Err(CaseError::invalid(
            field,
            "an amount has at most two decimals (fen)",
        ));
    }
    if fen <= Decimal::ZERO {
        return Err(CaseError::invalid(field, "an amount is more than zero"));
    }
    let fen: i64 = fen.trunc().to_string().parse().map_err(|_| too_large())?;
    if fen > MAX_FEN {
        return Err(too_large());
    }
    Ok(fen)
}

/// Fen as yuan text with two decimals.
pub(crate) fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let f = fen.unsigned_abs();
    format!("{sign}{}.{:02}", f / 100, f % 100)
}

pub(crate) fn text_field(field: &str, v: &str, max: usize) -> Result<String> {
    let t: String = v.trim().chars().filter(|c| !c.is_control()).collect();
    if t.is_empty() {
        return Err(CaseError::invalid(field, format!("`{field}` is required")));
    }
    if t.chars().count() > max {
        return Err(CaseError::invalid(
            field,
            format!("`{field}` has at most {max} characters"),
        ));
    }
    Ok(t)
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

pub(crate) struct Holder {
    pub id: String,
    pub display_name: String,
    pub entity: Option<String>,
    pub role: String,
}

pub(crate) async fn account_by_username(
    cs: &CaseService,
    username: &str,
) -> Result<Option<Holder>> {
    let r = sqlx::query("SELECT id, display_name, entity, role FROM accounts WHERE username = $1")
        .bind(username.trim())
        .fetch_optional(&cs.db.pool)
        .await?;
    r.map(|r| {
        Ok(Holder {
            id: r.try_get("id")?,
            display_name: r.try_get("display_name")?,
            entity: r.try_get("entity")?,
            role: r.try_get("role")?,
        })
    })
    .transpose()
}

fn parse_day(field: &str, s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| CaseError::invalid(field, format!("`{s}` is not a date; write YYYY-MM-DD")))
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Issues a voucher: an officer of the region's issuing agency, or an administrator.
pub async fn issue(
    cs: &CaseService,
    who: &Account,
    req: &IssueVoucher,
    today: NaiveDate,
) -> Result<VoucherView> {
    let r = region(req.region.trim()).ok_or_else(|| {
        CaseError::invalid(
            "region",
            format!("unknown region `{}`; use {}", req.region, region_names()),
        )
    })?;
    let allowed = match who.role {
        Role::Admin => true,
        Role::Officer => who.agency.as_deref() == Some(r.1),
        Role::Applicant => false,
    };
    if !allowed {
        return Err(CaseError::Forbidden(format!(
            "only the {} issuing agency (`{}`) or an administrator issues {} vouchers",
            r.2, r.1, r.2
        )));
    }
    let value = parse_fen("value", &req.value)?;
    let expires = parse_day("expires_on", &req.expires_on)?;
    if expires < today {
        return Err(CaseError::invalid(
            "expires_on",
            format!("the expiry {expires} is already past"),
        ));
    }
    let purpose = if req.purpose.trim().is_empty() {
        "innovation services".to_string()
    } else {
        text_field("purpose", &req.purpose, 500)?
    };
    let holder = account_by_username(cs, &req.holder)
        .await?
        .filter(|h| h.role == "applicant" && h.entity.as_deref() == Some("enterprise"))
        .ok_or_else(|| {
            CaseError::invalid(
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
    let at = crate::now();
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
    let mut tx = cs.db.pool.begin().await?;
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
    let idx = ledger_store::append(
        &mut tx,
        &[NewEntry {
            kind: "voucher.issued",
            subject: &id,
            data: &doc,
        }],
    )
    .await?;
    sqlx::query("UPDATE vouchers SET issue_entry = $1 WHERE id = $2")
        .bind(idx)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    ledger_store::publish_head(&cs.db).await?;
    load(cs, &id).await
}

async fn load(cs: &CaseService, id: &str) -> Result<VoucherView> {
    let r = sqlx::query("SELECT id, region, issued_by, holder_id, purpose, value_fen, redeemed_fen, expires_on, issue_entry, issued_at FROM vouchers WHERE id = $1")
        .bind(id)
        .fetch_optional(&cs.db.pool)
        .await?
        .ok_or_else(|| CaseError::NotFound(format!("no voucher {id}")))?;
    let value: i64 = r.try_get("value_fen")?;
    let redeemed: i64 = r.try_get("redeemed_fen")?;
    let redemptions = sqlx::query("SELECT id, amount_fen, provider, provider_region, redeemed_on, entry_idx, at FROM voucher_redemptions WHERE voucher_id = $1 ORDER BY entry_idx")
        .bind(id)
        .fetch_all(&cs.db.pool)
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

fn may_see(who: &Account, v: &VoucherView) -> bool {
    match who.role {
        Role::Admin => true,
        Role::Applicant => v.holder_id == who.id,
        Role::Officer => region(&v.region).is_some_and(|r| who.agency.as_deref() == Some(r.1)),
    }
}

pub async fn get(cs: &CaseService, who: &Account, id: &str) -> Result<VoucherView> {
    let v = load(cs, id).await?;
    if !may_see(who, &v) {
        return Err(CaseError::Forbidden(
            "this voucher belongs to another enterprise".into(),
        ));
    }
    Ok(v)
}

/// The holder's vouchers; an officer's region's; every voucher for an administrator.
pub async fn list(cs: &CaseService, who: &Account) -> Result<Vec<VoucherView>> {
    let ids: Vec<String> = match who.role {
        Role::Applicant => {
            sqlx::query("SELECT id FROM vouchers WHERE holder_id = $1 ORDER BY issued_at")
                .bind(&who.id)
                .fetch_all(&cs.db.pool)
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
                .fetch_all(&cs.db.pool)
                .await?
        }
        Role::Admin => {
            sqlx::query("SELECT id FROM vouchers ORDER BY issued_at")
                .fetch_all(&cs.db.pool)
                .await?
        }
    }
    .iter()
    .map(|r| r.try_get("id"))
    .collect::<std::result::Result<_, _>>()?;
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        out.push(load(cs, &id).await?);
    }
    Ok(out)
}

/// The holder redeems part or all of the balance at a provider, on `day`.
pub async fn redeem(
    cs: &CaseService,
    who: &Account,
    id: &str,
    req: &Redeem,
    day: NaiveDate,
) -> Result<(VoucherView, RedemptionView)> {
    if who.role != Role::Applicant {
        return Err(CaseError::Forbidden(
            "the enterprise holding a voucher redeems it".into(),
        ));
    }
    let amount = parse_fen("amount", &req.amount)?;
    let provider = text_field("provider", &req.provider, 200)?;
    let pr = region(req.provider_region.trim()).ok_or_else(|| {
        CaseError::invalid(
            "provider_region",
            format!(
                "unknown region `{}`; vouchers are recognised in {}",
                req.provider_region,
                region_names()
            ),
        )
    })?;
    let mut tx = cs.db.pool.begin().await?;
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
        let v = load(cs, id).await?;
        if v.holder_id != who.id {
            return Err(CaseError::Forbidden(
                "this voucher belongs to another enterprise".into(),
            ));
        }
        if v.expires_on.as_str() < day.to_string().as_str() {
            return Err(CaseError::Conflict(format!(
                "the voucher expired on {}; it can no longer be redeemed",
                v.expires_on
            )));
        }
        return Err(CaseError::Conflict(format!(
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
    let at = crate::now();
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
    let idx = ledger_store::append(
        &mut tx,
        &[NewEntry {
            kind: "voucher.redeemed",
            subject: id,
            data: &doc,
        }],
    )
    .await?;
    sqlx::query("UPDATE voucher_redemptions SET entry_idx = $1 WHERE id = $2")
        .bind(idx)
        .bind(&rid)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    ledger_store::publish_head(&cs.db).await?;
    let v = load(cs, id).await?;
    let r = v
        .redemptions
        .iter()
        .find(|r| r.id == rid)
        .cloned()
        .ok_or_else(|| CaseError::Storage("the redemption was not stored".into()))?;
    Ok((v, r))
}

/// Every voucher against the log: its issue entry, and a balance equal to the sum of
/// the redemptions the log records. Returns how many were checked and what is wrong.
pub(crate) async fn check_against_log(
    db: &crate::db::Db,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn amounts_beyond_the_decimal_range_are_refused_not_a_panic() {
        for huge in [
            "792281625142643375935439504",
            "79228162514264337593543950",
            "1000000000000.01",
        ] {
            match parse_fen("value", &J::String(huge.into())) {
                Err(CaseError::Invalid { field, message }) => {
                    assert_eq!(field, "value");
                    assert!(
                        message.contains("too large: at most 1000000000000.00 yuan"),
                        "{message}"
                    );
                }
                other => panic!("{huge}: {other:?}"),
            }
        }
        assert_eq!(
            parse_fen("value", &J::String("1000000000000.00".into())).ok(),
            Some(MAX_FEN)
        );
    }

    async fn service() -> CaseService {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let engine = Arc::new(
            onestop_engine::Engine::load(&root.join("rules"), None)
                .unwrap_or_else(|_| panic!("rules check")),
        );
        CaseService::open(&crate::db::scratch_sqlite_url("vouchers"), engine)
            .await
            .expect("open")
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[tokio::test]
    async fn a_voucher_is_redeemed_in_parts_until_its_last_day_and_never_after() {
        let cs = service().await;
        let admin = cs
            .create_account("root", "long enough", Role::Admin, None, None, "")
            .await
            .expect("admin");
        let acme = cs
            .create_account(
                "acme",
                "long enough",
                Role::Applicant,
                None,
                Some("enterprise"),
                "Acme",
            )
            .await
            .expect("acme");
        let issue = IssueVoucher {
            region: "hebei".into(),
            holder: "acme".into(),
            value: json!("300.00"),
            expires_on: "2024-06-30".into(),
            purpose: String::new(),
        };
        // Issued on a day before its expiry; an expiry already past is refused.
        assert!(
            issue_ok(&cs, &admin, &issue, day("2024-07-01"))
                .await
                .is_err()
        );
        let v = issue_ok(&cs, &admin, &issue, day("2024-01-02"))
            .await
            .expect("issued");
        let at = |p: &str| Redeem {
            amount: json!(p),
            provider: "Xiong'an test lab".into(),
            provider_region: "tianjin".into(),
        };
        let (v1, _) = redeem(&cs, &acme, &v.id, &at("100"), day("2024-03-01"))
            .await
            .expect("part");
        assert_eq!(v1.balance, "200.00");
        // On the last day it still counts.
        let (v2, r) = redeem(&cs, &acme, &v.id, &at("150.50"), day("2024-06-30"))
            .await
            .expect("last day");
        assert_eq!(
            (v2.balance.as_str(), r.amount.as_str()),
            ("49.50", "150.50")
        );
        // More than the balance: refused, and nothing changes.
        let e = redeem(&cs, &acme, &v.id, &at("49.51"), day("2024-06-30"))
            .await
            .expect_err("over the balance");
        assert!(
            matches!(e, CaseError::Conflict(ref m) if m.contains("49.50")),
            "{e}"
        );
        // The day after expiry: refused, even within the balance.
        let e = redeem(&cs, &acme, &v.id, &at("1"), day("2024-07-01"))
            .await
            .expect_err("expired");
        assert!(
            matches!(e, CaseError::Conflict(ref m) if m.contains("expired")),
            "{e}"
        );
        let after = get(&cs, &acme, &v.id).await.expect("voucher");
        assert_eq!(
            (after.redeemed.as_str(), after.redemptions.len()),
            ("250.50", 2)
        );
        // Three events logged (issue and two redemptions); the stored log checks out.
        assert_eq!(ledger_store::size(&cs.db).await.expect("size"), 3);
        let key = ledger_store::verifying_key(&cs.db).expect("key");
        let report = ledger_store::verify_stored(&cs.db, &key)
            .await
            .expect("report");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        assert_eq!(report.vouchers_checked, 1);
    }

    async fn issue_ok(
        cs: &CaseService,
        who: &Account,
        req: &IssueVoucher,
        today: NaiveDate,
    ) -> Result<VoucherView> {
        issue(cs, who, req, today).await
    }

    #[test]
    fn amounts_are_exact_fen() {
        assert_eq!(parse_fen("a", &json!("1234.5")).expect("ok"), 123450);
        assert_eq!(parse_fen("a", &json!(30)).expect("ok"), 3000);
        assert_eq!(yuan(123450), "1234.50");
        assert_eq!(yuan(5), "0.05");
        for bad in [
            json!("0.001"),
            json!("-1"),
            json!("0"),
            json!(1.5),
            json!("abc"),
            json!(null),
        ] {
            let e = parse_fen("amount", &bad).expect_err("refused");
            assert!(
                matches!(e, CaseError::Invalid { ref field, .. } if field == "amount"),
                "{bad}"
            );
        }
    }
}
