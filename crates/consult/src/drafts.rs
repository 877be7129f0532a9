//! Opinions on draft measures (001 §5: "fully solicit the opinions of industry
//! organizations and enterprises in formulating major plans"). An agency's officer
//! publishes a draft (title, text, an opinion period in working days within the
//! configured bounds); while it is open (not closed, due date not passed) enterprises
//! submit opinions; the agency reads them and closes the period. Cedar:
//! `publish_draft`, `submit_opinion`, `view_opinions`, `close_draft`.

use crate::questions::due;
use crate::text::{language, required};
use chrono::NaiveDate;
use onestop_store::authz::Resource;
use onestop_store::{Account, Authz, Db, Result, ServiceError, now};
use serde::Serialize;
use sqlx::Row;

pub const MAX_TITLE: usize = 300;
pub const MAX_TEXT: usize = 50_000;
pub const MAX_OPINION: usize = 8000;

/// A draft measure, as the public sees it.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub agency: String,
    pub title: String,
    pub text: String,
    pub working_days: i64,
    pub opened_on: String,
    pub closes_on: String,
    pub closes_provisional: bool,
    pub created_by: String,
    pub closed_at: Option<String>,
    pub closed_by: Option<String>,
    /// Opinions are accepted: not closed and the period not over.
    pub open: bool,
    pub opinions: i64,
}

/// What an agency publishes.
#[derive(Debug, Clone)]
pub struct NewDraft {
    pub title: String,
    pub text: String,
    pub working_days: i64,
}

/// One enterprise's opinion.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Opinion {
    pub id: String,
    pub draft_id: String,
    pub author: String,
    pub author_name: String,
    pub lang: String,
    pub text: String,
    pub submitted_at: String,
}

const SELECT: &str = "SELECT d.id, d.agency, d.title, d.text, d.working_days, d.opened_on, d.closes_on, d.closes_provisional, d.created_by, d.closed_at, d.closed_by, (SELECT COUNT(*) FROM opinions o WHERE o.draft_id = d.id) AS opinions FROM drafts d";

fn from_row(r: &sqlx::any::AnyRow, today: NaiveDate) -> Result<Draft> {
    let closes_on: String = r.try_get("closes_on")?;
    let closed_at: Option<String> = r.try_get("closed_at")?;
    let open = closed_at.is_none()
        && NaiveDate::parse_from_str(&closes_on, "%Y-%m-%d").is_ok_and(|d| today <= d);
    Ok(Draft {
        id: r.try_get("id")?,
        agency: r.try_get("agency")?,
        title: r.try_get("title")?,
        text: r.try_get("text")?,
        working_days: r.try_get("working_days")?,
        opened_on: r.try_get("opened_on")?,
        closes_on,
        closes_provisional: r.try_get::<i64, _>("closes_provisional")? != 0,
        created_by: r.try_get("created_by")?,
        closed_at,
        closed_by: r.try_get("closed_by")?,
        open,
        opinions: r.try_get("opinions")?,
    })
}

fn resource(d: &Draft) -> Resource<'_> {
    Resource::Draft {
        id: &d.id,
        agency: &d.agency,
        open: d.open,
    }
}

/// Whether `who` may do `action` (`submit_opinion`, `view_opinions`, `close_draft`) on `d`.
pub fn may(authz: &Authz, who: &Account, action: &str, d: &Draft) -> bool {
    authz.allowed(who, action, &resource(d))
}

/// Whether `who` may publish drafts (for its own agency).
pub fn may_publish(authz: &Authz, who: &Account) -> bool {
    let agency = who.agency.clone().unwrap_or_default();
    authz.allowed(
        who,
        "publish_draft",
        &Resource::Draft {
            id: "new",
            agency: &agency,
            open: true,
        },
    )
}

/// Publishes a draft for `who`'s agency; its period closes after `working_days`.
pub async fn publish(db: &Db, authz: &Authz, who: &Account, d: &NewDraft) -> Result<Draft> {
    if !may_publish(authz, who) {
        return Err(ServiceError::Forbidden(
            "drafts are published by an agency's officers".into(),
        ));
    }
    let title = required("title", &d.title, MAX_TITLE, "give the draft a title")?;
    let text = required("text", &d.text, MAX_TEXT, "give the draft's text")?;
    let limits = crate::config::current();
    let (lo, hi) = (
        limits.opinion_min_working_days,
        limits.opinion_max_working_days,
    );
    if !(lo..=hi).contains(&d.working_days) {
        return Err(ServiceError::invalid(
            "working_days",
            format!(
                "the opinion period is {} working days; give {lo} to {hi}",
                d.working_days
            ),
        ));
    }
    let today = onestop_store::today();
    let (closes_on, provisional) = due(today, d.working_days)?;
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO drafts (id, agency, title, text, working_days, opened_on, closes_on, closes_provisional, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(&id)
        .bind(who.agency.clone().unwrap_or_default())
        .bind(&title)
        .bind(&text)
        .bind(d.working_days)
        .bind(today.to_string())
        .bind(closes_on.to_string())
        .bind(i64::from(provisional))
        .bind(&who.username)
        .bind(now())
        .execute(&db.pool)
        .await?;
    get(db, &id).await
}

/// Every draft, open ones first, newest first (public).
pub async fn list(db: &Db) -> Result<Vec<Draft>> {
    let today = onestop_store::today();
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} ORDER BY d.created_at DESC, d.id"
    )))
    .fetch_all(&db.pool)
    .await?;
    let mut out = rows
        .iter()
        .map(|r| from_row(r, today))
        .collect::<Result<Vec<_>>>()?;
    out.sort_by_key(|d| !d.open);
    Ok(out)
}

/// One draft (public).
pub async fn get(db: &Db, id: &str) -> Result<Draft> {
    let r = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE d.id = $1")))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no draft {:?}", id.replace('\0', ""))))?;
    from_row(&r, onestop_store::today())
}

/// An enterprise's opinion on an open draft.
pub async fn submit_opinion(
    db: &Db,
    authz: &Authz,
    who: &Account,
    id: &str,
    lang: &str,
    text: &str,
) -> Result<Opinion> {
    let d = get(db, id).await?;
    if !may(authz, who, "submit_opinion", &d) {
        return Err(if d.open {
            ServiceError::Forbidden("opinions on a draft are given by enterprises".into())
        } else {
            ServiceError::Conflict(format!(
                "the opinion period of this draft is over (it closed on {})",
                d.closed_at
                    .as_deref()
                    .and_then(|c| c.get(..10))
                    .unwrap_or(&d.closes_on)
            ))
        });
    }
    let lang = language("lang", lang)?;
    let text = required("text", text, MAX_OPINION, "write the opinion")?;
    let o = Opinion {
        id: uuid::Uuid::now_v7().to_string(),
        draft_id: d.id.clone(),
        author: who.id.clone(),
        author_name: who.display_name.clone(),
        lang: lang.to_string(),
        text,
        submitted_at: now(),
    };
    sqlx::query("INSERT INTO opinions (id, draft_id, author, lang, text, submitted_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&o.id)
        .bind(&o.draft_id)
        .bind(&o.author)
        .bind(&o.lang)
        .bind(&o.text)
        .bind(&o.submitted_at)
        .execute(&db.pool)
        .await?;
    Ok(o)
}

/// The opinions on a draft, oldest first, for its agency (and administrators).
pub async fn opinions(db: &Db, authz: &Authz, who: &Account, id: &str) -> Result<Vec<Opinion>> {
    let d = get(db, id).await?;
    if !may(authz, who, "view_opinions", &d) {
        return Err(ServiceError::Forbidden(format!(
            "the opinions on a draft are read by the officers of {}",
            d.agency
        )));
    }
    let rows = sqlx::query("SELECT o.id, o.draft_id, o.author, a.display_name, o.lang, o.text, o.submitted_at FROM opinions o JOIN accounts a ON a.id = o.author WHERE o.draft_id = $1 ORDER BY o.submitted_at, o.id")
        .bind(id)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| {
            Ok(Opinion {
                id: r.try_get("id")?,
                draft_id: r.try_get("draft_id")?,
                author: r.try_get("author")?,
                author_name: r.try_get("display_name")?,
                lang: r.try_get("lang")?,
                text: r.try_get("text")?,
                submitted_at: r.try_get("submitted_at")?,
            })
        })
        .collect()
}

/// The agency closes the opinion period (once).
pub async fn close(db: &Db, authz: &Authz, who: &Account, id: &str) -> Result<Draft> {
    let d = get(db, id).await?;
    if !may(authz, who, "close_draft", &d) {
        return Err(ServiceError::Forbidden(format!(
            "the opinion period is closed by the officers of {}",
            d.agency
        )));
    }
    let r = sqlx::query(
        "UPDATE drafts SET closed_at = $1, closed_by = $2 WHERE id = $3 AND closed_at IS NULL",
    )
    .bind(now())
    .bind(&who.username)
    .bind(id)
    .execute(&db.pool)
    .await?;
    if r.rows_affected() == 0 {
        return Err(ServiceError::Conflict(
            "the opinion period of this draft is already closed".into(),
        ));
    }
    get(db, id).await
}
