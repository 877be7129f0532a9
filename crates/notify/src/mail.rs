//! E-mail through a real SMTP server (lettre). Notifications are written first (the
//! portal has them whatever happens to mail); the outbox is every notification with
//! an address and no `emailed_at`. A failure is recorded on the notification and
//! tried again by the next run, at most [`ATTEMPTS`] times: nothing is dropped
//! silently.

use crate::compose::write;
use crate::config::{Security, Smtp};
use crate::inbox::from_row;
use crate::messages::messages;
use crate::subscription;
use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use onestop_cases::CaseService;
use onestop_store::{Result, now};
use sqlx::Row;

/// How many times a notification's e-mail is tried.
pub const ATTEMPTS: i64 = 5;

pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(smtp: &Smtp) -> std::result::Result<Mailer, String> {
        let builder = match smtp.security {
            Security::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(smtp.host.as_str())
            }
            Security::Starttls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&smtp.host)
                .map_err(|e| format!("SMTP {}: {e}", smtp.host))?,
            Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&smtp.host)
                .map_err(|e| format!("SMTP {}: {e}", smtp.host))?,
        };
        let mut builder = builder
            .port(smtp.port)
            .timeout(Some(std::time::Duration::from_secs(15)));
        if let Some(user) = &smtp.username {
            let password = match &smtp.password_env {
                Some(var) => std::env::var(var).map_err(|_| {
                    format!("the SMTP password variable {var} (smtp.password_env) is not set")
                })?,
                None => String::new(),
            };
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        let from = smtp
            .from
            .parse::<Mailbox>()
            .map_err(|e| format!("smtp.from {:?}: {e}", smtp.from))?;
        Ok(Mailer {
            transport: builder.build(),
            from,
        })
    }

    /// Sends one plain-text message.
    pub async fn send(
        &self,
        to: &str,
        subject: &str,
        body: String,
    ) -> std::result::Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e| format!("address {to:?}: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .map_err(|e| e.to_string())?;
        self.transport
            .send(message)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// What one pass over the outbox did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Delivery {
    pub sent: u64,
    pub failed: u64,
    /// The first errors, for the operator.
    pub errors: Vec<String>,
}

/// Sends every notification waiting in the outbox.
pub async fn deliver(cases: &CaseService, mailer: &Mailer, base: &str) -> Result<Delivery> {
    let rows = sqlx::query("SELECT n.id, n.account_id, n.kind, n.measure, n.status, n.case_id, n.due_on, n.due_what, n.run_id, n.created_at, n.read_at, n.emailed_at, n.email_to, s.groups, s.email, s.lang, s.feed_token, a.entity FROM notifications n JOIN subscriptions s ON s.account_id = n.account_id JOIN accounts a ON a.id = n.account_id WHERE n.email_to IS NOT NULL AND n.emailed_at IS NULL AND n.email_attempts < $1 ORDER BY n.created_at, n.id LIMIT 5000")
        .bind(ATTEMPTS)
        .fetch_all(&cases.db.pool)
        .await?;
    let m = messages();
    let mut d = Delivery::default();
    for r in &rows {
        let n = from_row(r)?;
        let sub = subscription::from_row(r)?;
        let to: String = r.try_get("email_to")?;
        let entity: Option<String> = r.try_get("entity")?;
        let w = write(
            m,
            &n,
            &sub,
            entity.as_deref().unwrap_or(""),
            &cases.services,
            base,
        );
        let subject = m.t(&sub.lang, "notify-subject", &[("title", &w.title)]);
        // Fluent isolates placeables for right-to-left text; a subject line shows them raw.
        let subject: String = subject
            .chars()
            .filter(|c| !matches!(c, '\u{2068}' | '\u{2069}'))
            .collect();
        match mailer.send(&to, &subject, w.body).await {
            Ok(()) => {
                sqlx::query("UPDATE notifications SET emailed_at = $1, email_error = NULL, email_attempts = email_attempts + 1 WHERE id = $2")
                    .bind(now())
                    .bind(&n.id)
                    .execute(&cases.db.pool)
                    .await?;
                d.sent += 1;
            }
            Err(e) => {
                sqlx::query("UPDATE notifications SET email_error = $1, email_attempts = email_attempts + 1 WHERE id = $2")
                    .bind(&e)
                    .bind(&n.id)
                    .execute(&cases.db.pool)
                    .await?;
                d.failed += 1;
                if d.errors.len() < 5 {
                    d.errors.push(format!("to {to}: {e}"));
                }
            }
        }
    }
    Ok(d)
}
