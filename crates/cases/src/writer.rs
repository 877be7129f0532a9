//! Group commit for submissions. Writers take every submission waiting in the queue,
//! write them in one transaction (a savepoint each, so one bad submission does not
//! sink the others), commit once (one fsync), and only then acknowledge each one.
//!
//! A batch is written with a few multi-row statements (one round trip per table, not
//! per submission); if that fails, it is written again one submission at a time.
//!
//! On PostgreSQL several writers commit in parallel. The only rows two batches can
//! both lock are applicants' stored profiles, so each batch updates them last, once
//! per applicant, in applicant-id order: batches touching the same applicant queue
//! behind each other instead of deadlocking (an unordered version spent a second in
//! PostgreSQL's deadlock detector on most batches under load).

use onestop_store::{Result, ServiceError};
use sqlx::{AnyPool, Row};
use std::collections::{BTreeMap, HashMap};
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
    /// (hash, the service material it fills, if said).
    pub materials: Vec<(String, Option<String>)>,
    pub cases: Vec<PreparedCase>,
}

type Reply = oneshot::Sender<Result<(String, bool)>>;

pub struct Writer {
    tx: mpsc::Sender<(PreparedBundle, Reply)>,
}

impl Writer {
    /// `begin` opens each batch's transaction: `BEGIN IMMEDIATE` on SQLite, so the
    /// writer takes the write lock before it reads (a deferred transaction that read
    /// first fails at once if another connection committed meanwhile), `BEGIN` on
    /// PostgreSQL.
    pub fn start(pool: AnyPool, writers: usize, begin: &'static str) -> Writer {
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
                    write_batch(&pool, begin, batch).await;
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
            .map_err(|_| ServiceError::Storage("the writer has stopped".into()))?;
        wait.await
            .map_err(|_| ServiceError::Storage("the writer stopped before committing".into()))?
    }
}

async fn write_batch(pool: &AnyPool, begin: &'static str, batch: Vec<(PreparedBundle, Reply)>) {
    let bundles: Vec<&PreparedBundle> = batch.iter().map(|(b, _)| b).collect();
    let outcome = match in_transaction(pool, begin, &bundles, Way::Together).await {
        Ok(results) => Ok(results),
        // Something the shared statements could not foresee, such as the same
        // idempotency key committed meanwhile by another writer: write the batch again
        // one submission at a time, each in its own savepoint, so only the culprit fails.
        Err(_) => in_transaction(pool, begin, &bundles, Way::OneByOne).await,
    };
    match outcome {
        Ok(results) => {
            for ((_, reply), r) in batch.into_iter().zip(results) {
                let _ = reply.send(r);
            }
        }
        Err(e) => {
            // Nothing in this batch was committed: every submitter hears so and may retry.
            for (_, reply) in batch {
                let _ = reply.send(Err(ServiceError::Storage(format!(
                    "not saved, please retry: {e}"
                ))));
            }
        }
    }
}

type Outcomes = Vec<Result<(String, bool)>>;

/// Rows per multi-row INSERT: 11 columns x 100 rows stays far below SQLite's and
/// PostgreSQL's limits on bound parameters.
const ROWS_PER_STATEMENT: usize = 100;

/// How a batch is written: see [`write_together`] and [`write_each`].
#[derive(Clone, Copy)]
enum Way {
    Together,
    OneByOne,
}

/// One transaction around a batch, committed if it is written and rolled back at once
/// if not (not whenever the dropped transaction gets round to it: the retry needs the
/// write lock this transaction holds).
async fn in_transaction(
    pool: &AnyPool,
    begin: &'static str,
    bundles: &[&PreparedBundle],
    way: Way,
) -> std::result::Result<Outcomes, sqlx::Error> {
    let mut tx = pool.begin_with(begin).await?;
    let written = match way {
        Way::Together => write_together(&mut tx, bundles).await,
        Way::OneByOne => write_each(&mut tx, bundles).await,
    };
    match written {
        Ok(results) => {
            tx.commit().await?;
            Ok(results)
        }
        Err(e) => {
            let _ = tx.rollback().await;
            Err(e)
        }
    }
}

/// The whole batch in a handful of statements: one lookup of the idempotency keys,
/// one multi-row INSERT per table, one upsert of the profiles. Each statement is a
/// round trip to PostgreSQL (and to SQLite's worker thread); per-submission statements
/// made the writer wait on round trips rather than on the disk.
async fn write_together(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    bundles: &[&PreparedBundle],
) -> std::result::Result<Outcomes, sqlx::Error> {
    // Idempotency keys already used, by (applicant, key): (bundle id, request hash).
    let mut used: HashMap<(String, String), (String, String)> = HashMap::new();
    for chunk in bundles.chunks(ROWS_PER_STATEMENT) {
        let mut sql = String::from(
            "SELECT applicant_id, idempotency_key, id, request_hash FROM bundles WHERE ",
        );
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push_str(" OR ");
            }
            sql.push_str(&format!(
                "(applicant_id = ${} AND idempotency_key = ${})",
                2 * i + 1,
                2 * i + 2
            ));
        }
        // Only this function's constant text and numbered placeholders: no input.
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for b in chunk {
            q = q
                .bind(b.applicant_id.as_str())
                .bind(b.idempotency_key.as_str());
        }
        for row in q.fetch_all(&mut **tx).await? {
            used.insert(
                (
                    row.try_get("applicant_id")?,
                    row.try_get("idempotency_key")?,
                ),
                (row.try_get("id")?, row.try_get("request_hash")?),
            );
        }
    }
    let mut results: Outcomes = Vec::with_capacity(bundles.len());
    let mut new: Vec<&PreparedBundle> = Vec::new();
    for b in bundles {
        let key = (b.applicant_id.clone(), b.idempotency_key.clone());
        match used.get(&key) {
            Some((id, hash)) if *hash == b.request_hash => results.push(Ok((id.clone(), false))),
            Some(_) => results.push(Err(key_reused(&b.idempotency_key))),
            None => {
                used.insert(key, (b.id.clone(), b.request_hash.clone()));
                results.push(Ok((b.id.clone(), true)));
                new.push(b);
            }
        }
    }
    let bundle_rows: Vec<Vec<&str>> = new
        .iter()
        .map(|b| {
            vec![
                b.id.as_str(),
                &b.applicant_id,
                &b.service,
                &b.idempotency_key,
                &b.request_hash,
                &b.facts,
                &b.evaluation,
                &b.explanation,
                &b.rules_version,
                &b.decision_date,
                &b.created_at,
            ]
        })
        .collect();
    insert_rows(
        tx,
        "INSERT INTO bundles (id, applicant_id, service, idempotency_key, request_hash, facts, evaluation, explanation, rules_version, decision_date, created_at) VALUES ",
        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        "",
        &bundle_rows,
    )
    .await?;
    let material_rows: Vec<Vec<&str>> = new
        .iter()
        .flat_map(|b| {
            b.materials
                .iter()
                .map(|(m, slot)| vec![b.id.as_str(), m.as_str(), slot.as_deref().unwrap_or("")])
        })
        .collect();
    // An empty slot is stored as NULL: a file given without naming its material.
    insert_rows(
        tx,
        "INSERT INTO bundle_materials (bundle_id, hash, slot) VALUES ",
        "(?, ?, NULLIF(?, ''))",
        "",
        &material_rows,
    )
    .await?;
    let case_rows: Vec<Vec<&str>> = new
        .iter()
        .flat_map(|b| {
            b.cases.iter().map(|c| {
                vec![
                    c.id.as_str(),
                    &b.id,
                    &b.applicant_id,
                    &c.agency,
                    &c.kind,
                    &b.created_at,
                ]
            })
        })
        .collect();
    insert_rows(
        tx,
        "INSERT INTO cases (id, bundle_id, applicant_id, agency, kind, state, version, created_at) VALUES ",
        "(?, ?, ?, ?, ?, 'submitted', 0, ?)",
        "",
        &case_rows,
    )
    .await?;
    let actors: Vec<String> = new
        .iter()
        .map(|b| format!("{} (applicant)", b.actor))
        .collect();
    let audit_rows: Vec<Vec<&str>> = new
        .iter()
        .zip(&actors)
        .flat_map(|(b, actor)| {
            b.cases
                .iter()
                .map(move |c| vec![c.id.as_str(), b.created_at.as_str(), actor.as_str()])
        })
        .collect();
    insert_rows(
        tx,
        "INSERT INTO audit (case_id, seq, at, actor, from_state, to_state, reason) VALUES ",
        "(?, 1, ?, ?, NULL, 'submitted', 'submitted through the one window')",
        "",
        &audit_rows,
    )
    .await?;
    let profile_rows: Vec<Vec<&str>> = latest_profiles(bundles, &results)
        .into_iter()
        .map(|b| vec![b.applicant_id.as_str(), &b.facts, &b.created_at])
        .collect();
    insert_rows(
        tx,
        "INSERT INTO profiles (account_id, facts, updated_at) VALUES ",
        "(?, ?, ?)",
        " ON CONFLICT (account_id) DO UPDATE SET facts = excluded.facts, updated_at = excluded.updated_at",
        &profile_rows,
    )
    .await?;
    Ok(results)
}

/// `head` + one `template` per row, its `?` numbered `$1, $2, ...` + `tail`, in
/// statements of at most [`ROWS_PER_STATEMENT`] rows.
async fn insert_rows(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    head: &str,
    template: &str,
    tail: &str,
    rows: &[Vec<&str>],
) -> std::result::Result<(), sqlx::Error> {
    for chunk in rows.chunks(ROWS_PER_STATEMENT) {
        let mut sql = String::from(head);
        let mut n = 0;
        for (i, _) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            for c in template.chars() {
                if c == '?' {
                    n += 1;
                    sql.push_str(&format!("${n}"));
                } else {
                    sql.push(c);
                }
            }
        }
        sql.push_str(tail);
        // Constant text from this module and numbered placeholders: no input.
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for row in chunk {
            for v in row {
                q = q.bind(*v);
            }
        }
        q.execute(&mut **tx).await?;
    }
    Ok(())
}

/// The profile each applicant reuses next time: the facts of their latest submission
/// in the batch that was written, in applicant-id order (see the module comment).
fn latest_profiles<'a>(
    bundles: &[&'a PreparedBundle],
    results: &[Result<(String, bool)>],
) -> Vec<&'a PreparedBundle> {
    let mut latest: BTreeMap<&str, &PreparedBundle> = BTreeMap::new();
    for (b, r) in bundles.iter().zip(results) {
        if matches!(r, Ok((_, true))) {
            latest.insert(b.applicant_id.as_str(), b);
        }
    }
    latest.into_values().collect()
}

fn key_reused(key: &str) -> ServiceError {
    ServiceError::Conflict(format!(
        "the idempotency key `{key}` was already used for a different submission; use a new key for a new application"
    ))
}

/// One submission at a time, each in a savepoint: slower, but a failing submission
/// sinks only itself.
async fn write_each(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    bundles: &[&PreparedBundle],
) -> std::result::Result<Outcomes, sqlx::Error> {
    let mut results: Outcomes = Vec::with_capacity(bundles.len());
    for b in bundles {
        sqlx::query("SAVEPOINT submission")
            .execute(&mut **tx)
            .await?;
        match write_one(tx, b).await {
            Ok(r) => {
                sqlx::query("RELEASE SAVEPOINT submission")
                    .execute(&mut **tx)
                    .await?;
                results.push(Ok(r));
            }
            Err(e) => {
                sqlx::query("ROLLBACK TO SAVEPOINT submission")
                    .execute(&mut **tx)
                    .await?;
                sqlx::query("RELEASE SAVEPOINT submission")
                    .execute(&mut **tx)
                    .await?;
                results.push(Err(e));
            }
        }
    }
    for b in latest_profiles(bundles, &results) {
        save_profile(tx, b).await?;
    }
    Ok(results)
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
            return Err(key_reused(&b.idempotency_key));
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
    for (m, slot) in &b.materials {
        sqlx::query("INSERT INTO bundle_materials (bundle_id, hash, slot) VALUES ($1, $2, $3)")
            .bind(&b.id)
            .bind(m)
            .bind(slot)
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

#[cfg(test)]
mod tests {
    use super::*;
    use onestop_store::Db;

    async fn db() -> Db {
        let db = Db::open(&onestop_store::db::scratch_sqlite_url("writer"))
            .await
            .expect("open");
        for who in ["ann", "bo"] {
            sqlx::query("INSERT INTO accounts (id, username, password_hash, role, agency, entity, display_name, created_at) VALUES ($1, $1, 'x', 'applicant', NULL, 'person', $1, '2026-06-15T00:00:00Z')")
                .bind(who)
                .execute(&db.pool)
                .await
                .expect("account");
        }
        db
    }

    fn bundle(id: &str, who: &str, key: &str, hash: &str, materials: &[&str]) -> PreparedBundle {
        PreparedBundle {
            id: id.into(),
            applicant_id: who.into(),
            actor: who.into(),
            service: "category-a-permits".into(),
            idempotency_key: key.into(),
            request_hash: hash.into(),
            facts: format!("{{\"from\": \"{id}\"}}"),
            evaluation: "{}".into(),
            explanation: String::new(),
            rules_version: "v".into(),
            decision_date: "2026-06-15".into(),
            created_at: "2026-06-15T00:00:00Z".into(),
            materials: materials.iter().map(|m| (m.to_string(), None)).collect(),
            cases: vec![
                PreparedCase {
                    id: format!("{id}-1"),
                    agency: "foreign-experts".into(),
                    kind: "work-permit".into(),
                },
                PreparedCase {
                    id: format!("{id}-2"),
                    agency: "exit-entry".into(),
                    kind: "residence-permit".into(),
                },
            ],
        }
    }

    async fn write(db: &Db, bundles: Vec<PreparedBundle>) -> Vec<Result<(String, bool)>> {
        let mut waits = Vec::new();
        let mut batch = Vec::new();
        for b in bundles {
            let (reply, wait) = oneshot::channel();
            batch.push((b, reply));
            waits.push(wait);
        }
        write_batch(&db.pool, "BEGIN IMMEDIATE", batch).await;
        let mut out = Vec::new();
        for w in waits {
            out.push(w.await.expect("every submitter hears back"));
        }
        out
    }

    async fn count(db: &Db, sql: &'static str) -> i64 {
        let (n,): (i64,) = sqlx::query_as(sql)
            .fetch_one(&db.pool)
            .await
            .expect("count");
        n
    }

    #[tokio::test]
    async fn one_batch_keeps_retries_refuses_reused_keys_and_stores_the_latest_profile() {
        let db = db().await;
        let r = write(
            &db,
            vec![
                bundle("b1", "ann", "k1", "h1", &[]),
                bundle("b2", "ann", "k1", "h1", &[]),
                bundle("b3", "ann", "k1", "other", &[]),
                bundle("b4", "bo", "k1", "h4", &[]),
                bundle("b5", "ann", "k2", "h5", &[]),
            ],
        )
        .await;
        assert_eq!(r[0].as_ref().ok(), Some(&("b1".to_string(), true)));
        // The same request again in the same batch is the first bundle, not a new one.
        assert_eq!(r[1].as_ref().ok(), Some(&("b1".to_string(), false)));
        assert!(matches!(r[2], Err(ServiceError::Conflict(_))), "{:?}", r[2]);
        // Keys belong to an applicant: bo may use k1 too.
        assert_eq!(r[3].as_ref().ok(), Some(&("b4".to_string(), true)));
        assert_eq!(r[4].as_ref().ok(), Some(&("b5".to_string(), true)));
        assert_eq!(count(&db, "SELECT COUNT(*) FROM bundles").await, 3);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM cases").await, 6);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM audit").await, 6);
        let (facts,): (String,) =
            sqlx::query_as("SELECT facts FROM profiles WHERE account_id = 'ann'")
                .fetch_one(&db.pool)
                .await
                .expect("profile");
        assert_eq!(facts, "{\"from\": \"b5\"}");
        // A later batch sees the committed keys.
        let r = write(
            &db,
            vec![
                bundle("b6", "ann", "k1", "h1", &[]),
                bundle("b7", "ann", "k2", "changed", &[]),
            ],
        )
        .await;
        assert_eq!(r[0].as_ref().ok(), Some(&("b1".to_string(), false)));
        assert!(matches!(r[1], Err(ServiceError::Conflict(_))), "{:?}", r[1]);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM bundles").await, 3);
    }

    #[tokio::test]
    async fn a_submission_the_database_refuses_fails_alone() {
        let db = db().await;
        // A material that was never stored: the foreign key refuses the shared
        // statements, and the batch is written again one submission at a time.
        let r = write(
            &db,
            vec![
                bundle("c1", "ann", "k1", "h1", &[]),
                bundle("c2", "bo", "k1", "h2", &["no-such-material"]),
                bundle("c3", "bo", "k2", "h3", &[]),
            ],
        )
        .await;
        assert_eq!(r[0].as_ref().ok(), Some(&("c1".to_string(), true)));
        assert!(matches!(r[1], Err(ServiceError::Storage(_))), "{:?}", r[1]);
        assert_eq!(r[2].as_ref().ok(), Some(&("c3".to_string(), true)));
        assert_eq!(count(&db, "SELECT COUNT(*) FROM bundles").await, 2);
        assert_eq!(count(&db, "SELECT COUNT(*) FROM bundle_materials").await, 0);
        assert_eq!(
            count(&db, "SELECT COUNT(*) FROM cases WHERE bundle_id = 'c2'").await,
            0
        );
        let (facts,): (String,) =
            sqlx::query_as("SELECT facts FROM profiles WHERE account_id = 'bo'")
                .fetch_one(&db.pool)
                .await
                .expect("profile");
        assert_eq!(facts, "{\"from\": \"c3\"}");
    }
}
