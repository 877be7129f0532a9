//! The consents an enterprise gives a named financial institution to see its credit
//! evaluation (issue 16 item 4; 001 §26 "open to financial institutions"), kept in
//! `credit_consents` (migration 0015): granted on a business date, with an optional
//! last day, revoked by the enterprise; rows are never deleted, so the table is the
//! history. Pure storage: who may do what is asked of the access policy by
//! `credit`, which calls these.

use chrono::NaiveDate;
use onestop_store::{Db, Result, ServiceError, now};
use serde::Serialize;
use sqlx::Row;
use sqlx::any::AnyRow;

/// One consent as its two parties see it.
#[derive(Debug, Clone, Serialize)]
pub struct ConsentView {
    pub id: String,
    /// The enterprise's username and name.
    pub enterprise: String,
    pub enterprise_name: String,
    /// The financial institution's username and name.
    pub institution: String,
    pub institution_name: String,
    pub granted_on: String,
    /// The last day it holds (inclusive); `None`: until revoked.
    pub expires_on: Option<String>,
    pub granted_at: String,
    pub revoked_on: Option<String>,
    pub revoked_at: Option<String>,
    /// Whether it lets the institution see the evaluation on the business date.
    pub live: bool,
    #[serde(skip)]
    pub institution_id: String,
}

const SELECT: &str = "SELECT c.id, c.institution_id, e.username AS e_user, e.display_name AS e_name, i.username AS i_user, i.display_name AS i_name, c.granted_on, c.expires_on, c.granted_at, c.revoked_on, c.revoked_at FROM credit_consents c JOIN accounts e ON e.id = c.enterprise_id JOIN accounts i ON i.id = c.institution_id";

/// Live on `today`: not revoked, begun, not past its last day (dates are ISO text, so
/// they compare as text).
fn is_live(granted_on: &str, expires_on: Option<&str>, revoked: bool, today: &str) -> bool {
    !revoked && granted_on <= today && expires_on.is_none_or(|e| e >= today)
}

fn view(r: &AnyRow, today: &str) -> Result<ConsentView> {
    let granted_on: String = r.try_get("granted_on")?;
    let expires_on: Option<String> = r.try_get("expires_on")?;
    let revoked_at: Option<String> = r.try_get("revoked_at")?;
    Ok(ConsentView {
        live: is_live(
            &granted_on,
            expires_on.as_deref(),
            revoked_at.is_some(),
            today,
        ),
        id: r.try_get("id")?,
        institution_id: r.try_get("institution_id")?,
        enterprise: r.try_get("e_user")?,
        enterprise_name: r.try_get("e_name")?,
        institution: r.try_get("i_user")?,
        institution_name: r.try_get("i_name")?,
        granted_on,
        expires_on,
        granted_at: r.try_get("granted_at")?,
        revoked_on: r.try_get("revoked_on")?,
        revoked_at,
    })
}

/// The enterprise's consents, newest first (the history).
pub async fn of_enterprise(
    db: &Db,
    enterprise_id: &str,
    today: NaiveDate,
) -> Result<Vec<ConsentView>> {
    let day = today.to_string();
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE c.enterprise_id = $1 ORDER BY c.granted_at DESC, c.id DESC"
    )))
    .bind(enterprise_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(|r| view(r, &day)).collect()
}

/// The consents given to an institution, newest first.
pub async fn to_institution(
    db: &Db,
    institution_id: &str,
    today: NaiveDate,
) -> Result<Vec<ConsentView>> {
    let day = today.to_string();
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE c.institution_id = $1 ORDER BY c.granted_at DESC, c.id DESC"
    )))
    .bind(institution_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter().map(|r| view(r, &day)).collect()
}

/// The institutions (account ids) whose consent from the enterprise is live on `today`.
pub async fn live_institutions(
    db: &Db,
    enterprise_id: &str,
    today: NaiveDate,
) -> Result<Vec<String>> {
    let mut ids: Vec<String> = of_enterprise(db, enterprise_id, today)
        .await?
        .into_iter()
        .filter(|c| c.live)
        .map(|c| c.institution_id)
        .collect();
    ids.sort();
    ids.dedup();
    Ok(ids)
}

/// Records a consent from `today` through `expires_on`. A consent to the same
/// institution that is still live or not yet begun is a conflict (revoke it first).
pub async fn grant(
    db: &Db,
    enterprise_id: &str,
    institution_id: &str,
    today: NaiveDate,
    expires_on: Option<NaiveDate>,
) -> Result<ConsentView> {
    let standing = of_enterprise(db, enterprise_id, today)
        .await?
        .into_iter()
        .any(|c| {
            c.institution_id == institution_id
                && c.revoked_at.is_none()
                && c.expires_on
                    .as_deref()
                    .is_none_or(|e| e >= today.to_string().as_str())
        });
    if standing {
        return Err(ServiceError::Conflict(
            "a consent to this institution stands already: revoke it before giving another".into(),
        ));
    }
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO credit_consents (id, enterprise_id, institution_id, granted_on, expires_on, granted_at, revoked_on, revoked_at) VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL)")
        .bind(&id)
        .bind(enterprise_id)
        .bind(institution_id)
        .bind(today.to_string())
        .bind(expires_on.map(|d| d.to_string()))
        .bind(now())
        .execute(&db.pool)
        .await?;
    one(db, enterprise_id, &id, today).await
}

/// One of the enterprise's consents (404 for another's or an unknown id).
pub async fn one(db: &Db, enterprise_id: &str, id: &str, today: NaiveDate) -> Result<ConsentView> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE c.id = $1 AND c.enterprise_id = $2"
    )))
    .bind(id)
    .bind(enterprise_id)
    .fetch_optional(&db.pool)
    .await?;
    match row {
        Some(r) => view(&r, &today.to_string()),
        None => Err(ServiceError::NotFound(format!("no consent {id} of yours"))),
    }
}

/// Revokes one of the enterprise's consents on `today`; it stops at once. Revoking a
/// revoked consent is a conflict.
pub async fn revoke(
    db: &Db,
    enterprise_id: &str,
    id: &str,
    today: NaiveDate,
) -> Result<ConsentView> {
    one(db, enterprise_id, id, today).await?;
    let done = sqlx::query("UPDATE credit_consents SET revoked_on = $1, revoked_at = $2 WHERE id = $3 AND enterprise_id = $4 AND revoked_at IS NULL")
        .bind(today.to_string())
        .bind(now())
        .bind(id)
        .bind(enterprise_id)
        .execute(&db.pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(ServiceError::Conflict(format!(
            "consent {id} is revoked already"
        )));
    }
    one(db, enterprise_id, id, today).await
}

#[cfg(test)]
mod tests {
    use super::is_live;

    #[test]
    fn a_consent_is_live_from_its_first_to_its_last_day_unless_revoked() {
        assert!(is_live("2026-01-01", None, false, "2026-01-01"));
        assert!(is_live(
            "2026-01-01",
            Some("2026-03-31"),
            false,
            "2026-03-31"
        ));
        assert!(!is_live(
            "2026-01-01",
            Some("2026-03-31"),
            false,
            "2026-04-01"
        ));
        assert!(!is_live("2026-01-02", None, false, "2026-01-01"));
        assert!(!is_live("2026-01-01", None, true, "2026-01-01"));
    }
}
