//! What an applicant asked to hear about: measure groups, an e-mail address (none:
//! the portal and the feed only), the language of e-mails and the feed, and the
//! feed's secret address. An applicant who never chose has every group, no e-mail,
//! and the portal's default language.

use crate::diff::group_of;
use crate::messages::LANGUAGES;
use onestop_cases::CaseService;
use onestop_store::authz::Resource;
use onestop_store::{Account, Result, ServiceError, now};
use serde::Serialize;
use sqlx::Row;

/// The measure groups an applicant can choose (the prefixes of measure ids).
pub const GROUPS: &[&str] = &["talent", "enterprise", "project", "gov"];

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Subscription {
    pub groups: Vec<String>,
    pub email: Option<String>,
    pub lang: String,
    /// The feed is `/feeds/{feed_token}`: whoever has the address reads it, as feed
    /// readers cannot sign in.
    pub feed_token: String,
}

impl Subscription {
    /// Whether a notification about `measure` is wanted.
    pub fn wants(&self, measure: &str) -> bool {
        self.groups.iter().any(|g| g == group_of(measure))
    }
}

fn check(cases: &CaseService, who: &Account) -> Result<()> {
    if cases.authz.allowed(
        who,
        "manage_subscription",
        &Resource::Inbox { owner: &who.id },
    ) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            "only applicants subscribe to notifications".into(),
        ))
    }
}

fn new_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 24];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

pub(crate) fn from_row(r: &sqlx::any::AnyRow) -> Result<Subscription> {
    let groups: String = r.try_get("groups")?;
    Ok(Subscription {
        groups: groups
            .split(',')
            .filter(|g| !g.is_empty())
            .map(String::from)
            .collect(),
        email: r.try_get("email")?,
        lang: r.try_get("lang")?,
        feed_token: r.try_get("feed_token")?,
    })
}

/// The applicant's subscription, created with the defaults the first time.
pub async fn get(cases: &CaseService, who: &Account) -> Result<Subscription> {
    check(cases, who)?;
    sqlx::query("INSERT INTO subscriptions (account_id, groups, email, lang, feed_token, updated_at) VALUES ($1, $2, NULL, 'en', $3, $4) ON CONFLICT (account_id) DO NOTHING")
        .bind(&who.id)
        .bind(GROUPS.join(","))
        .bind(new_token())
        .bind(now())
        .execute(&cases.db.pool)
        .await?;
    let row = sqlx::query(
        "SELECT groups, email, lang, feed_token FROM subscriptions WHERE account_id = $1",
    )
    .bind(&who.id)
    .fetch_one(&cases.db.pool)
    .await?;
    from_row(&row)
}

/// Checks and stores the applicant's choices (the feed keeps its address).
pub async fn set(
    cases: &CaseService,
    who: &Account,
    groups: &[String],
    email: Option<&str>,
    lang: &str,
) -> Result<Subscription> {
    check(cases, who)?;
    for g in groups {
        if !GROUPS.contains(&g.as_str()) {
            return Err(ServiceError::invalid(
                "groups",
                format!(
                    "unknown group {g:?}; expected some of: {}",
                    GROUPS.join(", ")
                ),
            ));
        }
    }
    let email = email.map(str::trim).filter(|e| !e.is_empty());
    if let Some(e) = email
        && (e.len() > 254 || e.parse::<lettre::Address>().is_err())
    {
        return Err(ServiceError::invalid(
            "email",
            format!(
                "{e:?} is not an e-mail address (name@example.org), or leave it empty for no e-mail"
            ),
        ));
    }
    if !LANGUAGES.contains(&lang) {
        return Err(ServiceError::invalid(
            "lang",
            format!(
                "unknown language {lang:?}; expected one of: {}",
                LANGUAGES.join(", ")
            ),
        ));
    }
    let current = get(cases, who).await?;
    let mut chosen: Vec<String> = GROUPS
        .iter()
        .filter(|g| groups.iter().any(|c| c == *g))
        .map(|g| g.to_string())
        .collect();
    chosen.dedup();
    sqlx::query("UPDATE subscriptions SET groups = $1, email = $2, lang = $3, updated_at = $4 WHERE account_id = $5")
        .bind(chosen.join(","))
        .bind(email)
        .bind(lang)
        .bind(now())
        .bind(&who.id)
        .execute(&cases.db.pool)
        .await?;
    Ok(Subscription {
        groups: chosen,
        email: email.map(String::from),
        lang: lang.to_string(),
        feed_token: current.feed_token,
    })
}

/// The subscription a feed address names, with its account's id and display name.
pub async fn by_token(cases: &CaseService, token: &str) -> Result<(Subscription, String, String)> {
    let unknown = || ServiceError::NotFound("no such feed".into());
    if token.len() != 48 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(unknown());
    }
    let row = sqlx::query("SELECT s.groups, s.email, s.lang, s.feed_token, s.account_id, a.display_name FROM subscriptions s JOIN accounts a ON a.id = s.account_id WHERE s.feed_token = $1")
        .bind(token)
        .fetch_optional(&cases.db.pool)
        .await?
        .ok_or_else(unknown)?;
    Ok((
        from_row(&row)?,
        row.try_get("account_id")?,
        row.try_get("display_name")?,
    ))
}
