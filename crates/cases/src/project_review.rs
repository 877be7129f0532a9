//! The competent department's side of research projects (001 §15-16): review of the
//! filing (accept for implementation or return with a note), acceptance of each
//! milestone report, the process inspection scheduled or waived as the
//! inspection-exemption rule allows (never waived when the rule requires it), and the
//! final acceptance, which files the approved equipment increases the rule marked
//! for filing. Each action is a cedar permission of the project's agency's officers.

use crate::projects::{BudgetChange, Loaded, ProjectStatus, ProjectView, note};
use crate::store::CaseService;
use chrono::NaiveDate;
use onestop_store::{Account, Result, ServiceError, now, today};
use serde::Serialize;

/// The department's decision on a filing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilingReview {
    /// Accepted for implementation: the project becomes active.
    Accept,
    /// Sent back to the leader with a note, to amend and file again.
    Return,
}

impl FilingReview {
    pub fn parse(s: &str) -> Option<FilingReview> {
        match s {
            "accept" => Some(FilingReview::Accept),
            "return" => Some(FilingReview::Return),
            _ => None,
        }
    }
}

/// The department's decision on the process inspection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InspectionDecision {
    /// Held on this day.
    Schedule(String),
    /// Not held: only when the rule exempts the project.
    Waive,
}

/// What still stands between a project and its final acceptance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Blocker {
    /// `not_active`, `milestone_not_reported`, `milestone_not_accepted`,
    /// `adjustment_pending`, `inspection_undecided` or `inspection_ahead`.
    pub code: &'static str,
    /// The milestone or adjustment it is about.
    pub seq: Option<i64>,
    /// The inspection's day, for `inspection_ahead`.
    pub on: Option<String>,
}

/// The acceptance page: the project, what blocks the final acceptance, and the
/// approved budget adjustments to be filed with the department at acceptance (filed
/// once it is done).
#[derive(Debug, Clone, Serialize)]
pub struct Acceptance {
    pub project: ProjectView,
    pub ready: bool,
    pub blockers: Vec<Blocker>,
    pub filings: Vec<BudgetChange>,
}

fn blockers(p: &ProjectView, day: NaiveDate) -> Vec<Blocker> {
    let b = |code, seq, on| Blocker { code, seq, on };
    let mut out = Vec::new();
    if p.status != ProjectStatus::Active {
        out.push(b("not_active", None, None));
    }
    for m in &p.milestones {
        if m.reported_at.is_none() {
            out.push(b("milestone_not_reported", Some(m.seq), None));
        } else if m.accepted_at.is_none() {
            out.push(b("milestone_not_accepted", Some(m.seq), None));
        }
    }
    for c in p.budget_changes.iter().filter(|c| c.status == "pending") {
        out.push(b("adjustment_pending", Some(c.seq), None));
    }
    match p.inspection.state.as_str() {
        "undecided" => out.push(b("inspection_undecided", None, None)),
        "scheduled" => {
            let on = p.inspection.on.clone().unwrap_or_default();
            let held = NaiveDate::parse_from_str(&on, "%Y-%m-%d").is_ok_and(|d| d <= day);
            if !held {
                out.push(b("inspection_ahead", None, Some(on)));
            }
        }
        _ => {}
    }
    out
}

impl CaseService {
    /// The department accepts a filing for implementation, or returns it with a note.
    pub async fn review_project(
        &self,
        who: &Account,
        id: &str,
        decision: FilingReview,
        text: &str,
    ) -> Result<ProjectView> {
        let p = self.load_project(who, id, "review_project").await?;
        let note = note(text, decision == FilingReview::Return)?;
        if p.status != ProjectStatus::Filed {
            return Err(ServiceError::Conflict(format!(
                "only a filing awaiting review is reviewed; this project is {}",
                p.status.as_str()
            )));
        }
        let status = match decision {
            FilingReview::Accept => ProjectStatus::Active,
            FilingReview::Return => ProjectStatus::Returned,
        };
        let mut tx = self.db.pool.begin().await?;
        Self::bump_project(&mut tx, &p).await?;
        sqlx::query("UPDATE projects SET status = $1, review_note = $2, reviewed_by = $3, reviewed_at = $4 WHERE id = $5")
            .bind(status.as_str())
            .bind(note)
            .bind(&who.username)
            .bind(now())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.project_view(id).await
    }

    /// The department accepts a reported milestone of an active project.
    pub async fn accept_milestone(
        &self,
        who: &Account,
        id: &str,
        seq: i64,
        text: &str,
    ) -> Result<ProjectView> {
        let p = self.load_project(who, id, "accept_milestone").await?;
        let note = note(text, false)?;
        if p.status != ProjectStatus::Active {
            return Err(ServiceError::Conflict(format!(
                "milestones are accepted while the project is being implemented; this project is {}",
                p.status.as_str()
            )));
        }
        let done = sqlx::query("UPDATE milestones SET accepted_at = $1, accepted_by = $2, acceptance_note = $3 WHERE project_id = $4 AND seq = $5 AND report IS NOT NULL AND accepted_at IS NULL")
            .bind(now())
            .bind(&who.username)
            .bind(note)
            .bind(id)
            .bind(seq)
            .execute(&self.db.pool)
            .await?;
        if done.rows_affected() == 0 {
            let row = sqlx::query(
                "SELECT report, accepted_at FROM milestones WHERE project_id = $1 AND seq = $2",
            )
            .bind(id)
            .bind(seq)
            .fetch_optional(&self.db.pool)
            .await?;
            return Err(match row {
                None => ServiceError::NotFound(format!("the project has no milestone {seq}")),
                Some(r) => {
                    use sqlx::Row;
                    let report: Option<String> = r.try_get("report")?;
                    if report.is_none() {
                        ServiceError::Conflict(format!("milestone {seq} has not been reported yet"))
                    } else {
                        ServiceError::Conflict(format!("milestone {seq} has already been accepted"))
                    }
                }
            });
        }
        self.project_view(id).await
    }

    /// The department schedules the process inspection, or waives it when the rule
    /// exempts the project (001 §15: implementation period under three years). Waiving
    /// an inspection the rule requires is refused with the rule's reason. A decision
    /// may be changed until the final acceptance.
    pub async fn decide_inspection(
        &self,
        who: &Account,
        id: &str,
        decision: &InspectionDecision,
        text: &str,
    ) -> Result<ProjectView> {
        let p: Loaded = self.load_project(who, id, "inspect_project").await?;
        let note = note(text, false)?;
        let (state, on) = match decision {
            InspectionDecision::Schedule(on) => {
                let day = NaiveDate::parse_from_str(on.trim(), "%Y-%m-%d").map_err(|_| {
                    ServiceError::invalid("on", format!("`{on}` is not a date; write YYYY-MM-DD"))
                })?;
                if day < today() {
                    return Err(ServiceError::invalid(
                        "on",
                        format!("an inspection is scheduled from today ({}) on", today()),
                    ));
                }
                ("scheduled", Some(day.to_string()))
            }
            InspectionDecision::Waive => {
                if !p.inspection_exempt {
                    return Err(ServiceError::invalid(
                        "decision",
                        "the rule requires a process inspection of this project: it is not exempt (implementation period of three years or more, or not a municipal fiscal project; 001_0cbca1dd9c1e8cc0.txt §15); schedule it",
                    ));
                }
                ("waived", None)
            }
        };
        if p.status != ProjectStatus::Active {
            return Err(ServiceError::Conflict(format!(
                "the process inspection is decided while the project is being implemented; this project is {}",
                p.status.as_str()
            )));
        }
        let mut tx = self.db.pool.begin().await?;
        Self::bump_project(&mut tx, &p).await?;
        sqlx::query("UPDATE projects SET inspection = $1, inspection_on = $2, inspection_note = $3, inspection_by = $4 WHERE id = $5")
            .bind(state)
            .bind(on)
            .bind(note)
            .bind(&who.username)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.project_view(id).await
    }

    /// The acceptance page's content, for whoever may see the project.
    pub async fn acceptance(&self, who: &Account, id: &str) -> Result<Acceptance> {
        let project = self.project(who, id).await?;
        let blockers = if project.status == ProjectStatus::Accepted {
            Vec::new()
        } else {
            blockers(&project, today())
        };
        let filings = project
            .budget_changes
            .iter()
            .filter(|c| c.status == "approved" && c.filing_required)
            .cloned()
            .collect();
        Ok(Acceptance {
            ready: project.status == ProjectStatus::Active && blockers.is_empty(),
            blockers,
            filings,
            project,
        })
    }

    /// The final acceptance: every milestone accepted, no adjustment pending, the
    /// inspection held or waived. The approved adjustments the rule marked for filing
    /// are filed with the department in the same transaction.
    pub async fn accept_project(&self, who: &Account, id: &str, text: &str) -> Result<Acceptance> {
        let p = self.load_project(who, id, "accept_project").await?;
        let note = note(text, false)?;
        let view = self.project_view(id).await?;
        let blocking = blockers(&view, today());
        if let Some(first) = blocking.first() {
            let what = match first.code {
                "not_active" => format!("the project is {}", view.status.as_str()),
                "milestone_not_reported" => format!(
                    "milestone {} has not been reported",
                    first.seq.unwrap_or_default()
                ),
                "milestone_not_accepted" => format!(
                    "milestone {} has not been accepted",
                    first.seq.unwrap_or_default()
                ),
                "adjustment_pending" => format!(
                    "budget adjustment {} waits for a decision",
                    first.seq.unwrap_or_default()
                ),
                "inspection_undecided" => {
                    "the process inspection is neither scheduled nor waived".to_string()
                }
                _ => format!(
                    "the process inspection is scheduled for {}",
                    first.on.clone().unwrap_or_default()
                ),
            };
            return Err(ServiceError::Conflict(format!(
                "not ready for final acceptance: {what}"
            )));
        }
        let at = now();
        let mut tx = self.db.pool.begin().await?;
        Self::bump_project(&mut tx, &p).await?;
        sqlx::query("UPDATE projects SET status = 'accepted', accepted_at = $1, accepted_by = $2, acceptance_note = $3 WHERE id = $4")
            .bind(&at)
            .bind(&who.username)
            .bind(note)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("UPDATE project_budget_changes SET filed_at = $1 WHERE project_id = $2 AND status = 'approved' AND filing_required = 1 AND filed_at IS NULL")
            .bind(&at)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.acceptance(who, id).await
    }
}
