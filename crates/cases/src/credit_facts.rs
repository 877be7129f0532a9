//! What onestop records of one enterprise, counted for its credit evaluation (issue 16
//! item 4; 001 §26): the facts of the rule `enterprise.credit-evaluation` (entity
//! `credit_record`). Nothing here is typed in by anyone: every count is read from the
//! cases, the register and the research projects on the business date, so the same
//! records always give the same facts. The rule decides what they are worth.

use chrono::NaiveDate;
use onestop_store::{Db, Result};
use serde::Serialize;
use serde_json::{Value as J, json};
use sqlx::Row;

/// The counts, one per input of the rule (`cre_<name>`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CreditFacts {
    /// One-window cases approved (and not later revoked).
    pub cases_approved: i64,
    /// E-licences held with status `valid`.
    pub licences_valid: i64,
    /// E-licences currently `suspended`.
    pub licences_suspended: i64,
    /// Cases whose approval was revoked, or whose licence was (counted once per case).
    pub revocations: i64,
    /// Innovation vouchers issued to the enterprise.
    pub vouchers_issued: i64,
    /// Vouchers with something redeemed.
    pub vouchers_redeemed: i64,
    /// IP pledges of its rights standing (registered, not released).
    pub pledges_registered: i64,
    /// IP pledges of its rights released.
    pub pledges_released: i64,
    /// Milestones of projects it leads or undertakes, due before the business date and
    /// not reported (projects not yet finally accepted).
    pub milestones_overdue: i64,
}

/// One count: `$1` is the enterprise's account id, `$2` (when the query has it) the
/// business date. Portable SQL (SQLite and PostgreSQL).
async fn count(db: &Db, sql: &'static str, account_id: &str, day: Option<&str>) -> Result<i64> {
    let mut q = sqlx::query(sql).bind(account_id);
    if let Some(day) = day {
        q = q.bind(day);
    }
    let row = q.fetch_one(&db.pool).await?;
    Ok(row.try_get::<i64, _>("n")?)
}

/// Counts what onestop records of the enterprise `account_id` on `today`.
pub async fn gather(db: &Db, account_id: &str, today: NaiveDate) -> Result<CreditFacts> {
    let day = today.to_string();
    let id = account_id;
    Ok(CreditFacts {
        cases_approved: count(db, "SELECT COUNT(*) AS n FROM cases WHERE applicant_id = $1 AND state = 'approved'", id, None).await?,
        licences_valid: count(db, "SELECT COUNT(*) AS n FROM licences WHERE holder_id = $1 AND status = 'valid'", id, None).await?,
        licences_suspended: count(db, "SELECT COUNT(*) AS n FROM licences WHERE holder_id = $1 AND status = 'suspended'", id, None).await?,
        revocations: count(db, "SELECT COUNT(*) AS n FROM cases c WHERE c.applicant_id = $1 AND (c.state = 'revoked' OR EXISTS (SELECT 1 FROM licences l WHERE l.case_id = c.id AND l.status = 'revoked'))", id, None).await?,
        vouchers_issued: count(db, "SELECT COUNT(*) AS n FROM vouchers WHERE holder_id = $1", id, None).await?,
        vouchers_redeemed: count(db, "SELECT COUNT(*) AS n FROM vouchers WHERE holder_id = $1 AND redeemed_fen > 0", id, None).await?,
        pledges_registered: count(db, "SELECT COUNT(*) AS n FROM pledges WHERE pledgor_id = $1 AND state = 'registered'", id, None).await?,
        pledges_released: count(db, "SELECT COUNT(*) AS n FROM pledges WHERE pledgor_id = $1 AND state = 'released'", id, None).await?,
        milestones_overdue: count(db, "SELECT COUNT(*) AS n FROM milestones m JOIN projects p ON p.id = m.project_id WHERE (p.leader_id = $1 OR p.unit_id = $1) AND p.status <> 'accepted' AND m.reported_at IS NULL AND m.due_on < $2", id, Some(&day)).await?,
    })
}

impl CreditFacts {
    /// The facts as the rule's inputs (entity `credit_record`).
    pub fn to_rule_facts(&self) -> J {
        json!({
            "cre_cases_approved": self.cases_approved,
            "cre_licences_valid": self.licences_valid,
            "cre_licences_suspended": self.licences_suspended,
            "cre_revocations": self.revocations,
            "cre_vouchers_issued": self.vouchers_issued,
            "cre_vouchers_redeemed": self.vouchers_redeemed,
            "cre_pledges_registered": self.pledges_registered,
            "cre_pledges_released": self.pledges_released,
            "cre_milestones_overdue": self.milestones_overdue,
        })
    }
}
