//! Group commit for submissions. Writers take every submission waiting in the queue,
//! write them in one transaction (a savepoint each, so one bad submission does not
//! sink the others), commit once (one fsync), and only then acknowledge each one.
//!
//! On PostgreSQL several writers commit in parallel. The only rows two batches can
//! both lock are applicants' stored profiles, so each batch updates them last, once
//! per applicant, in applicant-id order: batches touching the same applicant queue
//! behind each other instead of deadlocking (an unordered version spent a second in
//! PostgreSQL's deadlock detector on most batches under load).

use crate::error::{CaseError, Result};
use sqlx::{AnyPool, Row};
use std::collections::BTreeMap;
use std::sync::Arc;
use tokio::sync::{Mutex, mpsc, oneshot};

/// Most submissions written by one commit.
const MAX_BATCH: usize = 128;

#[derive(Debug, Clone)]
pub struct PreparedCase {
    pub id: String,
    pub agency: String,
    pub kind: String,
}

/// A submission checked and evaluated, ready to write.
#[derive(Debug, Clone)]
pub struct PreparedBundle {
    pub id: String,
    pub applicant_id: String,
    pub actor: String,
    pub service: String,
    pub idempotency_key: String,
    pub request_hash: String,
    pub facts: String,
    pub evaluation: String,
    pub explanation: String,
    pub rules_version: String,
    pub decision_date: String,
    pub created_at: String,
    pub materials: Vec<String>,
    pub cases: Vec<PreparedCase>,
}

type Reply = oneshot::Sender<Result<(String, bool)>>;

pub struct Writer {
    tx: mpsc::Sender<(PreparedBundle, Reply)>,
}

impl Writer {
    pub fn start(pool: AnyPool, writers: usize) -> Writer {
        let (tx, rx) = mpsc::channel::<(PreparedBundle, Reply)>(4096);
        let rx = Arc::new(Mutex::new(rx));
        for _ in 0..writers.max(1) {
            let rx = rx.clone();
            let pool = pool.clone();
            tokio::spawn(async move {
                loop {
                    let mut batch = Vec::new();
                    {
                        let mut guard = rx.lock().await;
                        match guard.recv().await {
                            Some(job) => batch.push(job),
                            None => return,
                        }
                        while batch.len() < MAX_BATCH {
                            match guard.try_recv() {
                                Ok(job) => batch.push(job),
                                Err(_) => break,
                            }
                        }
                    }
                    write_batch(&pool, batch).await;
                }
            });
        }
        Writer { tx }
    }

    /// Writes the bundle durably; returns its id and whether it was new
    /// (false when the idempotency key had already been used for this request).
    pub async fn submit(&self, b: PreparedBundle) -> Result<(String, bool)> {
        let (reply, wait) = oneshot::channel();
        self.tx
            .send((b, reply))
            .await
            .map_err(|_| CaseError::Storage("the writer has stopped".into()))?;
        wait.await
            .map_err(|_| CaseError::Storage("the writer stopped before committing".into()))?
    }
}

async fn write_batch(pool: &AnyPool, batch: Vec<(PreparedBundle, Reply)>) {
    let mut results: Vec<Result<(String, bool)>> = Vec::with_capacity(batch.len());
    let outcome: std::result::Result<(), sqlx::Error> = async {
        let mut tx = pool.begin().await?;
        for (b, _) in &batch {
            sqlx::query("SAVEPOINT submission")
                .execute(&mut *tx)
                .await?;
            match write_one(&mut tx, b).await {
                Ok(r) => {
                    sqlx::query("RELEASE SAVEPOINT submission")
                        .execute(&mut *tx)
                        .await?;
                    results.push(Ok(r));
                }
                Err(e) => {
                    sqlx::query("ROLLBACK TO SAVEPOINT submission")
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("RELEASE SAVEPOINT submission")
                        .execute(&mut *tx)
                        .await?;
                    results.push(Err(e));
                }
            }
        }
        // The profile each applicant will reuse next time: the facts of their latest
        // submission in this batch that was written.
        let mut profiles: BTreeMap<&str, &PreparedBundle> = BTreeMap::new();
        for ((b, _), r) in batch.iter().zip(&results) {
            if matches!(r, Ok((_, true))) {
                profiles.insert(b.applicant_id.as_str(), b);
            }
        }
        for b in profiles.values() {
            save_profile(&mut tx, b).await?;
        }
        tx.commit().await?;
        Ok(())
    }
    .await;
    match outcome {
        Ok(()) => {
            for ((_, reply), r) in batch.into_iter().zip(results) {
                let _ = reply.send(r);
            }
        }
        Err(e) => {
            // Nothing in this batch was committed: every submitter hears so and may retry.
            for (_, reply) in batch {
                let _ = reply.send(Err(CaseError::Storage(format!(
                    "not saved, please retry: {e}"
                ))));
            }
        }
    }
}

async fn write_one(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    b: &PreparedBundle,
) -> Result<(String, bool)> {
    let existing = sqlx::query(
        "SELECT id, request_hash FROM bundles WHERE applicant_id = $1 AND idempotency_key = $2",
    )
    .bind(&b.applicant_id)
    .bind(&b.idempotency_key)
    .fetch_optional(&mut **tx)
    .await?;
    if let Some(row) = existing {
        let hash: String = row.try_get("request_hash")?;
        if hash != b.request_hash {
            return Err(CaseError::Conflict(format!(
                "the idempotency key `{}` was already used for a different submission; use a new key for a new application",
                b.idempotency_key
            )));
        }
        return Ok((row.try_get("id")?, false));
    }
    sqlx::query("INSERT INTO bundles (id, applicant_id, service, idempotency_key, request_hash, facts, evaluation, explanation, rules_version, decision_date, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)")
        .bind(&b.id)
        .bind(&b.applicant_id)
        .bind(&b.service)
        .bind(&b.idempotency_key)
        .bind(&b.request_hash)
        .bind(&b.facts)
        .bind(&b.evaluation)
        .bind(&b.explanation)
        .bind(&b.rules_version)
        .bind(&b.decision_date)
        .bind(&b.created_at)
        .execute(&mut **tx)
        .await?;
    for m in &b.materials {
        sqlx::query("INSERT INTO bundle_materials (bundle_id, hash) VALUES ($1, $2)")
            .bind(&b.id)
            .bind(m)
            .execute(&mut **tx)
            .await?;
    }
    for c in &b.cases {
        sqlx::query("INSERT INTO cases (id, bundle_id, applicant_id, agency, kind, state, version, created_at) VALUES ($1, $2, $3, $4, $5, 'submitted', 0, $6)")
            .bind(&c.id)
            .bind(&b.id)
            .bind(&b.applicant_id)
            .bind(&c.agency)
            .bind(&c.kind)
            .bind(&b.created_at)
            .execute(&mut **tx)
            .await?;
        sqlx::query("INSERT INTO audit (case_id, seq, at, actor, from_state, to_state, reason) VALUES ($1, 1, $2, $3, NULL, 'submitted', 'submitted through the one window')")
            .bind(&c.id)
            .bind(&b.created_at)
            .bind(format!("{} (applicant)", b.actor))
            .execute(&mut **tx)
            .await?;
    }
    Ok((b.id.clone(), true))
}

async fn save_profile(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    b: &PreparedBundle,
) -> std::result::Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO profiles (account_id, facts, updated_at) VALUES ($1, $2, $3) ON CONFLICT (account_id) DO UPDATE SET facts = excluded.facts, updated_at = excluded.updated_at")
        .bind(&b.applicant_id)
        .bind(&b.facts)
        .bind(&b.created_at)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
