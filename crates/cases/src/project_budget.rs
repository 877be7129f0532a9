//! Budget adjustments of research projects (001 §16): the leader asks; the rule
//! (`project.budget-adjustment`) names who approves — the undertaking unit within the
//! delegated authority, the competent department outside it — and whether an approved
//! equipment increase is filed with the department at acceptance; that approver (and,
//! by the access policy, nobody else) approves or refuses; only an approval changes the
//! project's budget. Every request and decision stays in `project_budget_changes`, the
//! history the project page and the acceptance page show.

use crate::projects::{
    BUDGET_SUBJECTS, BudgetChange, Loaded, ProjectStatus, ProjectView, enum_title, note, output,
};
use crate::store::CaseService;
use onestop_engine::Status;
use onestop_store::authz::Resource;
use onestop_store::{Account, Result, ServiceError, now, today};
use serde_json::{Value as J, json};
use sqlx::Row;

/// The approver the rule names within the delegated authority.
pub const UNIT_APPROVER: &str = "approver_undertaking_unit";
/// The approver the rule names outside it.
pub const DEPARTMENT_APPROVER: &str = "approver_competent_department";

const MEASURE: &str = "project.budget-adjustment";

/// What an approver decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BudgetDecision {
    Approve,
    Refuse,
}

impl BudgetDecision {
    pub fn parse(s: &str) -> Option<BudgetDecision> {
        match s {
            "approve" | "approved" => Some(BudgetDecision::Approve),
            "refuse" | "refused" => Some(BudgetDecision::Refuse),
            _ => None,
        }
    }
}

/// The facts a budget adjustment may name: each subject's amount after the
/// adjustment, and its approved amount when the filing did not state it.
pub fn budget_fact(name: &str) -> bool {
    BUDGET_SUBJECTS.iter().any(|s| {
        name.strip_prefix(s)
            .is_some_and(|rest| rest == "_after" || rest == "_before")
    })
}

/// The budget in force after an approval: every subject's amount after the
/// adjustment becomes its approved amount, so the next adjustment starts from it.
pub fn roll_forward(facts: &J) -> J {
    let mut out = facts.clone();
    if let Some(obj) = out.as_object_mut() {
        for s in BUDGET_SUBJECTS {
            if let Some(after) = obj.get(&format!("{s}_after")).cloned() {
                obj.insert(format!("{s}_before"), after);
            }
        }
    }
    out
}

impl CaseService {
    /// The leader asks for a budget adjustment of an active project: `changes` holds the
    /// new amounts (e.g. `equipment_budget_after`); the rest comes from the project.
    /// Stored as pending with the approver the rule names; refused (422) when the facts
    /// leave the rule undetermined or nothing changes, 409 while another waits.
    pub async fn request_budget_change(
        &self,
        who: &Account,
        id: &str,
        changes: &J,
        reason: &str,
    ) -> Result<BudgetChange> {
        let p = self.load_project(who, id, "adjust_project").await?;
        let changes = changes
            .as_object()
            .ok_or_else(|| ServiceError::invalid("facts", "facts must be a JSON object"))?;
        if let Some(k) = changes.keys().find(|k| !budget_fact(k)) {
            return Err(ServiceError::invalid(
                &format!("facts.{k}"),
                format!(
                    "a budget adjustment names the budget subjects only ({}, each `_after` and, when the filing lacks it, `_before`); `{k}` is not one",
                    BUDGET_SUBJECTS.join(", ")
                ),
            ));
        }
        crate::projects::storable("reason", reason)?;
        let reason = reason.trim();
        if reason.is_empty() || reason.chars().count() > 4000 {
            return Err(ServiceError::invalid(
                "reason",
                "say why the budget is adjusted (1 to 4000 characters)",
            ));
        }
        if p.status != ProjectStatus::Active {
            return Err(ServiceError::Conflict(format!(
                "budgets are adjusted while the project is being implemented; this project is {}",
                p.status.as_str()
            )));
        }
        let mut facts = p.facts.clone();
        let mut previous = serde_json::Map::new();
        if let Some(obj) = facts.as_object_mut() {
            for s in BUDGET_SUBJECTS {
                let before = format!("{s}_before");
                if let Some(v) = obj.get(&before) {
                    previous.insert(before, v.clone());
                }
            }
            // Every adjustment starts from the budget in force: no change unless asked.
            for s in BUDGET_SUBJECTS {
                if let Some(v) = obj.get(&format!("{s}_before")).cloned() {
                    obj.insert(format!("{s}_after"), v);
                }
            }
            for (k, v) in changes {
                obj.insert(k.clone(), v.clone());
            }
        }
        let (ev, _) = self.evaluate_project(&facts, today())?;
        let program = &self.engine.program;
        let result = ev
            .measures
            .iter()
            .find(|r| program.measures[r.measure.index()].id == MEASURE)
            .ok_or_else(|| ServiceError::Storage(format!("the rules have no {MEASURE}")))?;
        if result.status == Status::Undetermined {
            let names: Vec<String> = result
                .missing
                .iter()
                .map(|i| program.inputs[i.index()].name.clone())
                .collect();
            return Err(ServiceError::invalid(
                "facts",
                format!(
                    "facts missing to check the adjustment: {}",
                    names.join(", ")
                ),
            ));
        }
        let unchanged = BUDGET_SUBJECTS.iter().all(|s| {
            let amount = |k: String| {
                facts.get(&k).and_then(|v| {
                    onestop_engine::value_from_json(program, &onestop_lang::Type::Money, v).ok()
                })
            };
            amount(format!("{s}_before")) == amount(format!("{s}_after"))
        });
        if unchanged {
            return Err(ServiceError::invalid(
                "facts",
                "the adjustment changes no budget subject",
            ));
        }
        let approver = output(&ev, program, MEASURE, "budget_adjustment_approver");
        let approver = approver.as_str().unwrap_or(DEPARTMENT_APPROVER).to_string();
        if approver == UNIT_APPROVER && p.unit_id.is_none() {
            return Err(ServiceError::invalid(
                "unit",
                "the undertaking unit approves this adjustment, but the project names no unit",
            ));
        }
        let filing_required = output(
            &ev,
            program,
            MEASURE,
            "budget_filing_required_at_acceptance",
        ) == json!(true);
        let outside = match output(&ev, program, MEASURE, "budget_refusal_reason") {
            J::String(r) if r != "project_refusal_none" => Some(r),
            _ => None,
        };
        // In one transaction with the project's version check: an approval meanwhile
        // changed the budget this request was checked against.
        let mut tx = self.db.pool.begin().await?;
        Self::bump_project(&mut tx, &p).await?;
        let seq: i64 = sqlx::query(
            "SELECT COALESCE(MAX(seq), 0) AS n FROM project_budget_changes WHERE project_id = $1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?
        .try_get("n")?;
        let inserted = sqlx::query("INSERT INTO project_budget_changes (id, project_id, seq, changes, previous, reason, requested_by, requested_at, approver, outside_reason, filing_required, status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending')")
            .bind(uuid::Uuid::now_v7().to_string())
            .bind(id)
            .bind(seq + 1)
            .bind(J::Object(changes.clone()).to_string())
            .bind(J::Object(previous).to_string())
            .bind(reason)
            .bind(&who.username)
            .bind(now())
            .bind(&approver)
            .bind(outside.clone())
            .bind(filing_required as i64)
            .execute(&mut *tx)
            .await;
        if let Err(e) = inserted {
            return Err(if onestop_store::db::is_unique_violation(&e) {
                ServiceError::Conflict(
                    "another budget adjustment of this project waits for a decision; it is decided first".into(),
                )
            } else {
                e.into()
            });
        }
        tx.commit().await?;
        self.budget_changes(id)
            .await?
            .into_iter()
            .find(|c| c.seq == seq + 1)
            .ok_or_else(|| ServiceError::Storage("the adjustment was not stored".into()))
    }

    /// The approver the rule named approves or refuses a pending adjustment. An approval
    /// applies the amounts to the project's facts (the budget in force) in the same
    /// transaction; a refusal says why and changes nothing.
    pub async fn decide_budget_change(
        &self,
        who: &Account,
        id: &str,
        seq: i64,
        decision: BudgetDecision,
        text: &str,
    ) -> Result<ProjectView> {
        // Outsiders learn nothing of the project's adjustments.
        let p: Loaded = self.load_project(who, id, "view_project").await?;
        let change = self
            .budget_changes(id)
            .await?
            .into_iter()
            .find(|c| c.seq == seq)
            .ok_or_else(|| {
                ServiceError::NotFound(format!("the project has no budget adjustment {seq}"))
            })?;
        let change_id = format!("{id}/{seq}");
        if !self.authz.allowed(
            who,
            "decide_budget_change",
            &Resource::BudgetChange {
                id: &change_id,
                leader: &p.leader_id,
                unit: p.unit_id.as_deref().unwrap_or(""),
                agency: &p.agency,
                approver: &change.approver,
            },
        ) {
            return Err(ServiceError::Forbidden(format!(
                "the rule names {} as the approver of this adjustment",
                enum_title(&self.engine.program, &change.approver).to_lowercase()
            )));
        }
        let note = note(text, decision == BudgetDecision::Refuse)?;
        if change.status != "pending" {
            return Err(ServiceError::Conflict(format!(
                "this adjustment was already {}",
                change.status
            )));
        }
        if p.status != ProjectStatus::Active {
            return Err(ServiceError::Conflict(format!(
                "the project is {}; its budget no longer changes",
                p.status.as_str()
            )));
        }
        let mut tx = self.db.pool.begin().await?;
        Self::bump_project(&mut tx, &p).await?;
        let status = match decision {
            BudgetDecision::Approve => "approved",
            BudgetDecision::Refuse => "refused",
        };
        let done = sqlx::query("UPDATE project_budget_changes SET status = $1, decided_by = $2, decided_at = $3, decision_note = $4 WHERE project_id = $5 AND seq = $6 AND status = 'pending'")
            .bind(status)
            .bind(&who.username)
            .bind(now())
            .bind(note)
            .bind(id)
            .bind(seq)
            .execute(&mut *tx)
            .await?;
        if done.rows_affected() != 1 {
            return Err(ServiceError::Conflict(
                "this adjustment was decided meanwhile; reload the project".into(),
            ));
        }
        if decision == BudgetDecision::Approve {
            let mut facts = p.facts.clone();
            if let (Some(obj), Some(new)) = (facts.as_object_mut(), change.changes.as_object()) {
                for (k, v) in new {
                    obj.insert(k.clone(), v.clone());
                }
            }
            sqlx::query("UPDATE projects SET facts = $1 WHERE id = $2")
                .bind(roll_forward(&facts).to_string())
                .bind(id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.project_view(id).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_budget_subjects_are_adjusted() {
        assert!(budget_fact("equipment_budget_after"));
        assert!(budget_fact("other_direct_budget_before"));
        assert!(!budget_fact("equipment_budget"));
        assert!(!budget_fact("funding_source"));
        assert!(!budget_fact("equipment_budget_afterwards"));
    }

    #[test]
    fn an_approval_makes_the_adjusted_amounts_the_budget_in_force() {
        let facts = json!({"equipment_budget_before": "1.00", "equipment_budget_after": "2.00", "indirect_budget_before": "5.00", "title": "x"});
        let f = roll_forward(&facts);
        assert_eq!(f["equipment_budget_before"], "2.00");
        assert_eq!(f["equipment_budget_after"], "2.00");
        assert_eq!(f["indirect_budget_before"], "5.00");
        assert_eq!(f["title"], "x");
    }

    #[test]
    fn decisions_parse() {
        assert_eq!(
            BudgetDecision::parse("approve"),
            Some(BudgetDecision::Approve)
        );
        assert_eq!(
            BudgetDecision::parse("refused"),
            Some(BudgetDecision::Refuse)
        );
        assert_eq!(BudgetDecision::parse("maybe"), None);
    }
}
