//! The ex-post check of approvals upon filing (003 §18) and on commitment (003 §19):
//! each agency's queue (risky filings first, then by due date), and an officer's
//! outcome: passed, or revoked with a reason (the case and its licence).

use crate::model::CaseState;
use crate::store::{CaseService, CaseView, audit};
use onestop_register::licences;
use onestop_store::{Account, Result, Role, ServiceError};

/// What the officer found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The approval stands.
    Passed,
    /// The approval fails the standards (or the commitment was broken): revoked.
    Revoked,
}

impl Outcome {
    pub fn parse(s: &str) -> Option<Outcome> {
        match s {
            "pass" | "passed" => Some(Outcome::Passed),
            "revoke" | "revoked" => Some(Outcome::Revoked),
            _ => None,
        }
    }
}

impl CaseService {
    /// The officer's agency's approvals still to be checked: flagged by the rules
    /// first, then the earliest due.
    pub async fn supervision_queue(&self, who: &Account) -> Result<Vec<CaseView>> {
        if who.role != Role::Officer {
            return Err(ServiceError::Forbidden(
                "only officers have a supervision queue".into(),
            ));
        }
        let agency = who.agency.clone().unwrap_or_default();
        let mut cases: Vec<CaseView> = self
            .cases_where("c.agency = $1 AND c.supervision = 'pending'", &agency)
            .await?;
        cases.sort_by(|a, b| {
            (
                !a.supervision_risk,
                a.supervision_due.clone(),
                a.created_at.clone(),
            )
                .cmp(&(
                    !b.supervision_risk,
                    b.supervision_due.clone(),
                    b.created_at.clone(),
                ))
        });
        Ok(cases)
    }

    /// Records the check of an approval upon filing: passed, or revoked (the case
    /// becomes `revoked` and its licence is revoked on the log in the same
    /// transaction). A reason is always given and shown to the applicant.
    pub async fn supervise(
        &self,
        who: &Account,
        id: &str,
        outcome: Outcome,
        reason: &str,
    ) -> Result<CaseView> {
        let (case, version) = self.load_case(id).await?;
        self.check(who, "supervise_case", &case)?;
        if case.supervision.as_deref() != Some("pending") {
            return Err(ServiceError::Conflict(match case.supervision.as_deref() {
                None => {
                    "this case was not approved upon filing; there is nothing to check afterwards"
                        .into()
                }
                Some(done) => format!("this approval was already checked ({done})"),
            }));
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ServiceError::invalid(
                "reason",
                "give a reason; it is recorded and shown to the applicant",
            ));
        }
        if reason.chars().count() > 4000 {
            return Err(ServiceError::invalid(
                "reason",
                "a reason has at most 4000 characters",
            ));
        }
        let (state, supervision) = match outcome {
            Outcome::Passed => (CaseState::Approved, "passed"),
            Outcome::Revoked => (CaseState::Revoked, "revoked"),
        };
        let day = onestop_store::today();
        let mut tx = self.db.pool.begin().await?;
        let updated = sqlx::query("UPDATE cases SET state = $1, supervision = $2, version = version + 1 WHERE id = $3 AND version = $4")
            .bind(state.as_str())
            .bind(supervision)
            .bind(id)
            .bind(version)
            .execute(&mut *tx)
            .await?;
        if updated.rows_affected() != 1 {
            return Err(ServiceError::Conflict(
                "the case changed while you were working on it; reload it and try again".into(),
            ));
        }
        let actor = format!("{} ({})", who.username, who.role.as_str());
        audit(
            &mut tx,
            id,
            &actor,
            Some(case.state.as_str()),
            state.as_str(),
            &format!("ex-post check {supervision} on {day}: {reason}"),
        )
        .await?;
        if outcome == Outcome::Revoked {
            // The licence, if already issued (a submission issued together may still
            // wait for its other cases; then none will be issued for this one).
            if let Some(code) = licences::code_of_case_in(&mut tx, id).await? {
                licences::change_status_in(
                    &mut tx,
                    &licences::StatusRequest {
                        code: &code,
                        change: licences::StatusChange::Revoke,
                        reason,
                        changed_by: &actor,
                        effective: day,
                    },
                )
                .await?;
            }
        }
        tx.commit().await?;
        Ok(self.load_case(id).await?.0)
    }
}
