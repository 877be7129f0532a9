//! How many applicants each measure reaches, from the latest runs: the live one
//! (the rules in force) and the latest preview (a draft, with the measures it would
//! add). Officers and administrators read it (`view_reach`), before a measure is
//! published.

use crate::run::MeasureCount;
use onestop_cases::CaseService;
use onestop_store::authz::Resource;
use onestop_store::{Account, Result, ServiceError};
use serde::Serialize;
use sqlx::Row;

#[derive(Debug, Clone, Serialize)]
pub struct RunCounts {
    pub id: String,
    pub kind: String,
    pub label: String,
    pub rules_version: String,
    pub decision_date: String,
    pub evaluator: String,
    pub finished_at: String,
    pub profiles: i64,
    pub skipped: i64,
    pub gained: i64,
    pub lost: i64,
    pub deadlines: i64,
    pub counts: Vec<MeasureCount>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Reach {
    pub live: Option<RunCounts>,
    pub preview: Option<RunCounts>,
}

async fn latest(cases: &CaseService, kind: &str) -> Result<Option<RunCounts>> {
    let Some(r) = sqlx::query("SELECT id, kind, label, rules_version, decision_date, evaluator, finished_at, profiles, skipped, gained, lost, deadlines FROM match_runs WHERE kind = $1 ORDER BY finished_at DESC, id DESC LIMIT 1")
        .bind(kind)
        .fetch_optional(&cases.db.pool)
        .await?
    else {
        return Ok(None);
    };
    let id: String = r.try_get("id")?;
    let counts = sqlx::query("SELECT measure, entity, eligible, undetermined, published FROM match_counts WHERE run_id = $1 ORDER BY published, measure")
        .bind(&id)
        .fetch_all(&cases.db.pool)
        .await?
        .iter()
        .map(|c| {
            Ok(MeasureCount {
                measure: c.try_get("measure")?,
                entity: c.try_get("entity")?,
                eligible: c.try_get::<i64, _>("eligible")?.max(0) as u64,
                undetermined: c.try_get::<i64, _>("undetermined")?.max(0) as u64,
                published: c.try_get::<i64, _>("published")? != 0,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Some(RunCounts {
        id,
        kind: r.try_get("kind")?,
        label: r.try_get("label")?,
        rules_version: r.try_get("rules_version")?,
        decision_date: r.try_get("decision_date")?,
        evaluator: r.try_get("evaluator")?,
        finished_at: r.try_get("finished_at")?,
        profiles: r.try_get("profiles")?,
        skipped: r.try_get("skipped")?,
        gained: r.try_get("gained")?,
        lost: r.try_get("lost")?,
        deadlines: r.try_get("deadlines")?,
        counts,
    }))
}

/// The latest live run and the latest preview, with their counts per measure.
pub async fn reach(cases: &CaseService, who: &Account) -> Result<Reach> {
    if !cases.authz.allowed(who, "view_reach", &Resource::Reach) {
        return Err(ServiceError::Forbidden(
            "officers and administrators see how many applicants a measure reaches".into(),
        ));
    }
    Ok(Reach {
        live: latest(cases, "live").await?,
        preview: latest(cases, "preview").await?,
    })
}
