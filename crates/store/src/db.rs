//! One code path over SQLite (embedded default) and PostgreSQL, through sqlx's Any driver.
//! Portable SQL only: TEXT, BIGINT, `$n` placeholders; timestamps are RFC 3339 text.

use crate::error::{Result, ServiceError};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, Executor};
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Schema migrations, applied in order and recorded in `onestop_migrations`.
/// `{blob}` becomes BLOB (SQLite) or BYTEA (PostgreSQL).
const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("../migrations/0001_cases.sql")),
    (2, include_str!("../migrations/0002_ledger.sql")),
    (3, include_str!("../migrations/0003_indexes.sql")),
    (4, include_str!("../migrations/0004_calendar.sql")),
    (5, include_str!("../migrations/0005_clock.sql")),
    (6, include_str!("../migrations/0006_licence_status.sql")),
    (7, include_str!("../migrations/0007_procedures.sql")),
    (8, include_str!("../migrations/0008_witnesses.sql")),
    (9, include_str!("../migrations/0009_project_review.sql")),
    (10, include_str!("../migrations/0010_vouchers.sql")),
    (11, include_str!("../migrations/0011_pledges.sql")),
    // ---- issue 16: notifications and the tracker ----
    (12, include_str!("../migrations/0012_notifications.sql")),
    (13, include_str!("../migrations/0013_tracker.sql")),
    // ---- issue 16: consultation; S&T enterprise credit ----
    (14, include_str!("../migrations/0014_consultation.sql")),
    (15, include_str!("../migrations/0015_credit.sql")),
    // ---- issue 16: statistical monitoring ----
    (16, include_str!("../migrations/0016_statistics.sql")),
    // ---- issue 16 item 4: application scenarios and instrument sharing ----
    (17, include_str!("../migrations/0017_scenarios.sql")),
    (18, include_str!("../migrations/0018_instruments.sql")),
];

pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

impl Db {
    /// Opens `sqlite://path` (created if missing; WAL, fsync on every commit) or `postgres://...`.
    pub async fn open(url: &str) -> Result<Db> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(ServiceError::invalid(
                "database_url",
                format!("unsupported database URL `{url}`: use sqlite://FILE or postgres://..."),
            ));
        };
        if backend == Backend::Sqlite {
            restrict_sqlite_file(url)?;
        }
        let url = if backend == Backend::Sqlite && !url.contains("mode=") {
            format!("{url}{}mode=rwc", if url.contains('?') { "&" } else { "?" })
        } else {
            url.to_string()
        };
        let opts = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 4 } else { 12 })
            // No ping before every checkout: it doubled the round trips of short
            // queries. A connection that died is reported by the query that uses it.
            .test_before_acquire(false)
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL for concurrent readers; FULL makes every commit fsync the WAL:
                        // an acknowledged submission survives a crash or power loss.
                        conn.execute("PRAGMA journal_mode=WAL").await?;
                        conn.execute("PRAGMA synchronous=FULL").await?;
                        conn.execute("PRAGMA foreign_keys=ON").await?;
                        conn.execute("PRAGMA busy_timeout=10000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await?;
        let db = Db { pool, backend };
        db.migrate().await?;
        if backend == Backend::Sqlite {
            // The WAL and shared-memory files exist now; they hold the same data.
            restrict_sqlite_file(&url)?;
        }
        Ok(db)
    }

    async fn migrate(&self) -> Result<()> {
        self.pool
            .execute("CREATE TABLE IF NOT EXISTS onestop_migrations (version BIGINT PRIMARY KEY, applied_at TEXT NOT NULL)")
            .await?;
        for (version, sql) in MIGRATIONS {
            let done: Option<(i64,)> =
                sqlx::query_as("SELECT version FROM onestop_migrations WHERE version = $1")
                    .bind(*version)
                    .fetch_optional(&self.pool)
                    .await?;
            if done.is_some() {
                continue;
            }
            let blob = match self.backend {
                Backend::Sqlite => "BLOB",
                Backend::Postgres => "BYTEA",
            };
            let sql: String = sql
                .replace("{blob}", blob)
                .lines()
                .filter(|l| !l.trim_start().starts_with("--"))
                .collect::<Vec<_>>()
                .join("\n");
            let mut tx = self.pool.begin().await?;
            // The statements are this crate's own migration files, not user input.
            for stmt in sql.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                sqlx::raw_sql(sqlx::AssertSqlSafe(stmt.to_string()))
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("INSERT INTO onestop_migrations (version, applied_at) VALUES ($1, $2)")
                .bind(*version)
                .bind(crate::clock::now())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
        }
        Ok(())
    }
}

/// Whether a statement failed on a unique key (SQLite and PostgreSQL word it differently).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    let s = e.to_string().to_lowercase();
    s.contains("unique") || s.contains("duplicate key")
}

/// The database holds password hashes, sessions and applicants' documents: only its
/// owner may read it (0600), from the moment it is created.
fn restrict_sqlite_file(url: &str) -> Result<()> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or("");
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        let io = |e: std::io::Error| ServiceError::Storage(format!("{path}: {e}"));
        if !std::path::Path::new(path).exists() {
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(path)
                .map_err(io)?;
        }
        for suffix in ["", "-wal", "-shm"] {
            let p = format!("{path}{suffix}");
            if std::path::Path::new(&p).exists() {
                std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).map_err(io)?;
            }
        }
    }
    Ok(())
}

/// A fresh SQLite database URL for one test (of this crate or one above it). Tests run in parallel: a counter,
/// not the clock, keeps two of them off the same file.
#[doc(hidden)]
pub fn scratch_sqlite_url(label: &str) -> String {
    static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "onestop-{label}-{}-{}",
        std::process::id(),
        N.fetch_add(1, std::sync::atomic::Ordering::SeqCst)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    format!("sqlite://{}", dir.join("t.db").display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::Row;

    #[cfg(unix)]
    #[tokio::test]
    async fn a_new_sqlite_database_is_readable_by_its_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let url = scratch_sqlite_url("perm");
        let db = Db::open(&url).await.expect("open");
        sqlx::query("SELECT 1")
            .execute(&db.pool)
            .await
            .expect("query");
        let path = url.trim_start_matches("sqlite://");
        for suffix in ["", "-wal"] {
            let mode = std::fs::metadata(format!("{path}{suffix}"))
                .expect("file")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600, "{path}{suffix}: {mode:o}");
        }
    }

    /// The lookups the service makes on every request or per row must use an index:
    /// a scan makes the service slower as it grows, which no functional test notices.
    #[tokio::test]
    async fn keyed_lookups_use_an_index() {
        let db = Db::open(&scratch_sqlite_url("db")).await.expect("open");
        // EXPLAIN does not check the schema version, so a pooled connection that
        // loaded the schema before the last migration would plan without the new
        // indexes: make the connection read the schema first.
        let mut conn = db.pool.acquire().await.expect("connection");
        sqlx::query("SELECT COUNT(*) AS n FROM sqlite_master")
            .fetch_one(&mut *conn)
            .await
            .expect("schema");
        for sql in [
            "SELECT c.id FROM cases c JOIN bundles b ON b.id = c.bundle_id WHERE c.bundle_id = 'x' ORDER BY c.created_at, c.kind",
            "SELECT c.id FROM cases c JOIN bundles b ON b.id = c.bundle_id WHERE c.applicant_id = 'x' ORDER BY c.created_at, c.kind",
            "SELECT id, request_hash FROM bundles WHERE applicant_id = 'x' AND idempotency_key = 'k'",
            "SELECT account_id FROM materials WHERE hash = 'h'",
            "SELECT seq FROM milestones WHERE project_id = 'p' ORDER BY seq",
            "SELECT id FROM projects WHERE leader_id = 'x' ORDER BY created_at",
            "SELECT id FROM vouchers WHERE region = 'hebei' ORDER BY issued_at",
            "SELECT case_id FROM audit WHERE case_id = 'c' ORDER BY seq",
            "SELECT account_id FROM sessions WHERE token_hash = 't'",
        ] {
            let plan: Vec<String> =
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("EXPLAIN QUERY PLAN {sql}")))
                    .fetch_all(&mut *conn)
                    .await
                    .expect("plan")
                    .iter()
                    .map(|r| r.try_get::<String, _>("detail").unwrap_or_default())
                    .collect();
            assert!(
                !plan.iter().any(|step| step.starts_with("SCAN")),
                "{sql}\n  scans a table: {plan:?}"
            );
        }
    }
}
