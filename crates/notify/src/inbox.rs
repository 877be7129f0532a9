//! An applicant's notifications: the list, the unread count, one notification and
//! marking it read. Every read asks the access policy (`read_notifications` on the
//! owner's inbox), so nobody reads another's.

use crate::messages::{Messages, language};
use onestop_cases::CaseService;
use onestop_store::authz::Resource;
use onestop_store::{Account, Result, ServiceError, now};
use serde::Serialize;
use sqlx::Row;

/// One notification as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    pub id: String,
    pub account_id: String,
    /// `eligible`, `lost` or `deadline`.
    pub kind: String,
    pub measure: Option<String>,
    /// For `lost`: `not_eligible`, `undetermined` or `withdrawn`.
    pub status: Option<String>,
    pub case_id: Option<String>,
    pub due_on: Option<String>,
    /// For a deadline: the case kind (a decision due) or the reminder's title as
    /// `{"en", "zh"}` JSON (a date the applicant keeps).
    pub due_what: Option<String>,
    pub run_id: String,
    pub created_at: String,
    pub read: bool,
    pub emailed_at: Option<String>,
}

const COLUMNS: &str = "id, account_id, kind, measure, status, case_id, due_on, due_what, run_id, created_at, read_at, emailed_at";

pub(crate) fn from_row(r: &sqlx::any::AnyRow) -> Result<Notification> {
    Ok(Notification {
        id: r.try_get("id")?,
        account_id: r.try_get("account_id")?,
        kind: r.try_get("kind")?,
        measure: r.try_get("measure")?,
        status: r.try_get("status")?,
        case_id: r.try_get("case_id")?,
        due_on: r.try_get("due_on")?,
        due_what: r.try_get("due_what")?,
        run_id: r.try_get("run_id")?,
        created_at: r.try_get("created_at")?,
        read: r.try_get::<Option<String>, _>("read_at")?.is_some(),
        emailed_at: r.try_get("emailed_at")?,
    })
}

/// Where a notification points: its explanation and the one-window form (or the
/// case), as paths under the portal's address.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Links {
    pub explanation: String,
    pub apply: String,
}

impl Notification {
    /// The one sentence that says what happened, in `lang`.
    pub fn title(&self, m: &Messages, lang: &str) -> String {
        let measure = || m.measure(lang, self.measure.as_deref().unwrap_or(""));
        let date = self.due_on.clone().unwrap_or_default();
        match (self.kind.as_str(), self.status.as_deref()) {
            ("eligible", _) => m.t(lang, "notify-eligible", &[("measure", &measure())]),
            ("lost", Some(status)) => m.t(
                lang,
                &format!("notify-lost-{status}"),
                &[("measure", &measure())],
            ),
            ("lost", None) => m.t(lang, "notify-lost-not_eligible", &[("measure", &measure())]),
            _ => {
                let what = self.due_what.clone().unwrap_or_default();
                match serde_json::from_str::<serde_json::Value>(&what) {
                    Ok(t) if t.is_object() => {
                        let text = if language(lang) == "zh-CN" {
                            t["zh"].as_str()
                        } else {
                            t["en"].as_str()
                        };
                        m.t(
                            lang,
                            "notify-deadline-reminder",
                            &[("date", &date), ("what", text.unwrap_or(""))],
                        )
                    }
                    _ => m.t(
                        lang,
                        "notify-deadline-case",
                        &[("date", &date), ("kind", &m.kind(lang, &what))],
                    ),
                }
            }
        }
    }

    /// The explanation (this notification's page) and the one-window form: the
    /// service of the measure when onestop runs one, else the interview for the
    /// applicant's entity; for a deadline, the case itself.
    pub fn links(&self, services: &onestop_cases::services::Services, entity: &str) -> Links {
        let explanation = format!("/notifications/{}", self.id);
        let apply = match (&self.case_id, &self.measure) {
            (Some(case), _) => format!("/cases/{case}"),
            (None, Some(measure)) => match services.services.iter().find(|s| &s.measure == measure)
            {
                Some(s) => format!("/apply/{}", s.id),
                None => format!(
                    "/interview/{}",
                    match entity {
                        "person" => "foreign-professional",
                        "project" => "project",
                        _ => "enterprise",
                    }
                ),
            },
            (None, None) => "/cases".into(),
        };
        Links { explanation, apply }
    }
}

fn check(cases: &CaseService, who: &Account, owner: &str) -> Result<()> {
    if cases
        .authz
        .allowed(who, "read_notifications", &Resource::Inbox { owner })
    {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(
            "notifications are read by the applicant they are for".into(),
        ))
    }
}

/// The signed-in applicant's notifications, newest first (at most `limit`).
pub async fn list(cases: &CaseService, who: &Account, limit: i64) -> Result<Vec<Notification>> {
    check(cases, who, &who.id)?;
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM notifications WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
    )))
    .bind(&who.id)
    .bind(limit)
    .fetch_all(&cases.db.pool)
    .await?;
    rows.iter().map(from_row).collect()
}

/// How many of the account's notifications are unread (0 for anyone without an inbox).
pub async fn unread(cases: &CaseService, who: &Account) -> Result<i64> {
    if check(cases, who, &who.id).is_err() {
        return Ok(0);
    }
    let row = sqlx::query(
        "SELECT COUNT(*) AS n FROM notifications WHERE account_id = $1 AND read_at IS NULL",
    )
    .bind(&who.id)
    .fetch_one(&cases.db.pool)
    .await?;
    Ok(row.try_get("n")?)
}

/// One notification, if it is the reader's.
pub async fn get(cases: &CaseService, who: &Account, id: &str) -> Result<Notification> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM notifications WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(&cases.db.pool)
    .await?
    .ok_or_else(|| ServiceError::NotFound(format!("no notification {id}")))?;
    let n = from_row(&row)?;
    check(cases, who, &n.account_id)?;
    Ok(n)
}

/// Marks one notification read (reading it twice changes nothing).
pub async fn mark_read(cases: &CaseService, who: &Account, id: &str) -> Result<Notification> {
    let n = get(cases, who, id).await?;
    sqlx::query("UPDATE notifications SET read_at = $1 WHERE id = $2 AND read_at IS NULL")
        .bind(now())
        .bind(id)
        .execute(&cases.db.pool)
        .await?;
    Ok(Notification { read: true, ..n })
}

/// Marks every notification of the reader read; returns how many were unread.
pub async fn mark_all_read(cases: &CaseService, who: &Account) -> Result<u64> {
    check(cases, who, &who.id)?;
    let r = sqlx::query(
        "UPDATE notifications SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL",
    )
    .bind(now())
    .bind(&who.id)
    .execute(&cases.db.pool)
    .await?;
    Ok(r.rows_affected())
}
