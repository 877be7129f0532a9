//! Accounts and their roles: who a request comes from, as every crate above sees it.

use crate::auth;
use crate::clock::now;
use crate::db::{Db, is_unique_violation};
use crate::error::{Result, ServiceError};
use serde::{Deserialize, Serialize};
use sqlx::Row;

/// How long a session lasts after sign-in.
const SESSION_HOURS: i64 = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Applicant,
    Officer,
    Admin,
    /// A bank or other lender: the pledgee of IP pledges (created by an administrator).
    #[serde(rename = "financial-institution")]
    FinancialInstitution,
    /// A service provider that innovation vouchers are redeemed at (001 §28); its
    /// region is the register's record (`onestop_register::voucher_redemptions`).
    Provider,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Officer => "officer",
            Role::Admin => "admin",
            Role::FinancialInstitution => "financial-institution",
            Role::Provider => "provider",
        }
    }
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "applicant" => Role::Applicant,
            "officer" => Role::Officer,
            "admin" => Role::Admin,
            "financial-institution" => Role::FinancialInstitution,
            "provider" => Role::Provider,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Account {
    pub id: String,
    pub username: String,
    pub role: Role,
    /// The agency an officer works for.
    pub agency: Option<String>,
    /// `enterprise` or `person` for applicants.
    pub entity: Option<String>,
    pub display_name: String,
}

/// A signed-in session: the bearer token (shown once), its expiry, and whose it is.
#[derive(Debug, Clone, Serialize)]
pub struct Session {
    pub token: String,
    pub expires_at: String,
    pub account: Account,
}

/// What a new account is made of, as an administrator or a sign-up form gives it.
pub struct NewAccount<'a> {
    pub username: &'a str,
    pub password: &'a str,
    pub role: Role,
    pub agency: Option<&'a str>,
    pub entity: Option<&'a str>,
    pub display_name: &'a str,
}

fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// Creates an account; an officer's agency must be one of `agencies`.
pub async fn create(db: &Db, new: &NewAccount<'_>, agencies: &[&str]) -> Result<Account> {
    let username = new.username.trim();
    if username.len() < 3
        || username.len() > 64
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-@".contains(c))
    {
        return Err(ServiceError::invalid(
            "username",
            "a username has 3 to 64 letters, digits or . _ - @",
        ));
    }
    if new.password.chars().count() < 8 {
        return Err(ServiceError::invalid(
            "password",
            "a password has at least 8 characters",
        ));
    }
    match new.role {
        Role::Officer => {
            let a = new.agency.unwrap_or("");
            if !agencies.contains(&a) {
                let mut known = agencies.to_vec();
                known.sort_unstable();
                return Err(ServiceError::invalid(
                    "agency",
                    format!("unknown agency `{a}`; agencies are: {}", known.join(", ")),
                ));
            }
        }
        Role::Applicant => {
            let e = new.entity.unwrap_or("");
            if !matches!(e, "enterprise" | "person") {
                return Err(ServiceError::invalid(
                    "entity",
                    "an applicant is an `enterprise` or a `person`",
                ));
            }
        }
        Role::Admin | Role::FinancialInstitution | Role::Provider => {}
    }
    let hash = auth::hash_password_blocking(new.password)
        .await
        .map_err(ServiceError::Storage)?;
    let account = Account {
        id: new_id(),
        username: username.to_string(),
        role: new.role,
        agency: if new.role == Role::Officer {
            new.agency.map(String::from)
        } else {
            None
        },
        entity: if new.role == Role::Applicant {
            new.entity.map(String::from)
        } else {
            None
        },
        display_name: if new.display_name.trim().is_empty() {
            username.to_string()
        } else {
            new.display_name.trim().to_string()
        },
    };
    let r = sqlx::query("INSERT INTO accounts (id, username, password_hash, role, agency, entity, display_name, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(&account.id)
        .bind(&account.username)
        .bind(&hash)
        .bind(new.role.as_str())
        .bind(account.agency.clone())
        .bind(account.entity.clone())
        .bind(&account.display_name)
        .bind(now())
        .execute(&db.pool)
        .await;
    match r {
        Ok(_) => Ok(account),
        Err(e) if is_unique_violation(&e) => Err(ServiceError::Conflict(format!(
            "the username `{username}` is taken"
        ))),
        Err(e) => Err(e.into()),
    }
}

/// Checks a password and opens a session. An unknown user costs the same work and
/// gets the same answer as a wrong password.
pub async fn login(db: &Db, username: &str, password: &str) -> Result<Session> {
    let row = sqlx::query("SELECT id, password_hash FROM accounts WHERE username = $1")
        .bind(username.trim())
        .fetch_optional(&db.pool)
        .await?;
    let Some(row) = row else {
        let _ = auth::verify_password_blocking(
            password,
            "$argon2id$v=19$m=19456,t=2,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        )
        .await;
        return Err(ServiceError::Unauthenticated);
    };
    let id: String = row.try_get("id")?;
    let hash: String = row.try_get("password_hash")?;
    if !auth::verify_password_blocking(password, &hash).await {
        return Err(ServiceError::Unauthenticated);
    }
    let token = auth::new_token();
    let expires = (chrono::Utc::now() + chrono::TimeDelta::hours(SESSION_HOURS))
        .to_rfc3339_opts(chrono::SecondsFormat::Micros, true);
    sqlx::query("INSERT INTO sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(auth::token_hash(&token))
        .bind(&id)
        .bind(now())
        .bind(&expires)
        .execute(&db.pool)
        .await?;
    let account = by_id(db, &id).await?;
    Ok(Session {
        token,
        expires_at: expires,
        account,
    })
}

pub async fn logout(db: &Db, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
        .bind(auth::token_hash(token))
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The account of a live session.
pub async fn authenticate(db: &Db, token: &str) -> Result<Account> {
    // One round trip: every authenticated request pays for this lookup.
    let row = sqlx::query("SELECT s.expires_at, a.id, a.username, a.role, a.agency, a.entity, a.display_name FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1")
        .bind(auth::token_hash(token))
        .fetch_optional(&db.pool)
        .await?
        .ok_or(ServiceError::Unauthenticated)?;
    let expires: String = row.try_get("expires_at")?;
    if expires < now() {
        return Err(ServiceError::Unauthenticated);
    }
    from_row(&row)
}

const COLUMNS: &str = "id, username, role, agency, entity, display_name";

pub async fn by_id(db: &Db, id: &str) -> Result<Account> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM accounts WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(|| ServiceError::NotFound("no such account".into()))?;
    from_row(&row)
}

/// The account with this username, if there is one.
pub async fn by_username(db: &Db, username: &str) -> Result<Option<Account>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM accounts WHERE username = $1"
    )))
    .bind(username.trim())
    .fetch_optional(&db.pool)
    .await?
    .map(|r| from_row(&r))
    .transpose()
}

pub async fn count(db: &Db) -> Result<i64> {
    Ok(sqlx::query("SELECT COUNT(*) AS n FROM accounts")
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?)
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<Account> {
    let role: String = row.try_get("role")?;
    Ok(Account {
        id: row.try_get("id")?,
        username: row.try_get("username")?,
        role: Role::parse(&role)
            .ok_or_else(|| ServiceError::Storage(format!("bad role {role}")))?,
        agency: row.try_get("agency")?,
        entity: row.try_get("entity")?,
        display_name: row.try_get("display_name")?,
    })
}
