//! Research projects (001 §15-18): filed once, the same facts feed every milestone
//! report; the inspection-exemption rule decides whether a process inspection is
//! scheduled; budgets and budget adjustments are checked against the fund rules
//! before they can be submitted, with the rule's reason when refused.

use crate::store::CaseService;
use chrono::NaiveDate;
use onestop_engine::explain::output_name;
use onestop_engine::report::{evaluation_to_json, val_to_json};
use onestop_engine::{EvalOptions, Evaluation, Status, facts_from_json};
use onestop_store::authz::Resource;
use onestop_store::{Account, Role, now, today};
use onestop_store::{Result, ServiceError};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use sqlx::Row;

#[derive(Debug, Clone, Deserialize)]
pub struct NewMilestone {
    pub name: String,
    pub due_on: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub seq: i64,
    pub name: String,
    pub due_on: String,
    pub report: Option<String>,
    pub reported_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    pub id: String,
    pub title: String,
    pub leader_id: String,
    /// The project's facts as filed: they pre-fill every later report and adjustment.
    pub facts: J,
    pub inspection_scheduled: bool,
    pub evaluation: J,
    pub rules_version: String,
    pub milestones: Vec<Milestone>,
    pub created_at: String,
}

/// The budget measures checked before a project or an adjustment may be submitted.
const FILING_CHECKS: &[&str] = &["project.indirect-cost-cap", "project.all-in-expenses"];

fn output(ev: &Evaluation, program: &onestop_lang::Program, measure: &str, name: &str) -> J {
    ev.measures
        .iter()
        .find(|m| program.measures[m.measure.index()].id == measure)
        .and_then(|m| {
            m.outputs
                .iter()
                .find(|(o, _)| output_name(program, o) == name)
        })
        .map(|(_, v)| val_to_json(program, v))
        .unwrap_or(J::Null)
}

impl CaseService {
    fn evaluate_project(&self, facts: &J, date: NaiveDate) -> Result<(Evaluation, J)> {
        let e = self
            .engine
            .entity("project")
            .map_err(ServiceError::Storage)?;
        let parsed = facts_from_json(&self.engine.program, e, facts).map_err(|err| {
            ServiceError::invalid(&format!("facts.{}", err.field), err.to_string())
        })?;
        let ev = self.engine.evaluate(&parsed, date, &EvalOptions::default());
        let json = evaluation_to_json(&self.engine.program, &ev);
        Ok((ev, json))
    }

    /// Files a project once. Refused, with the rule's reason, when the proposed indirect
    /// cost exceeds its cap or the spending plan hits the all-in negative list.
    pub async fn file_project(
        &self,
        who: &Account,
        title: &str,
        facts: &J,
        milestones: &[NewMilestone],
    ) -> Result<ProjectView> {
        if who.role != Role::Applicant {
            return Err(ServiceError::Forbidden(
                "project leaders file projects with an applicant account".into(),
            ));
        }
        let title = title.trim();
        if title.is_empty() || title.chars().count() > 300 {
            return Err(ServiceError::invalid(
                "title",
                "give the project a title of 1 to 300 characters",
            ));
        }
        let mut parsed_ms = Vec::new();
        for (i, m) in milestones.iter().enumerate() {
            let due = NaiveDate::parse_from_str(m.due_on.trim(), "%Y-%m-%d").map_err(|_| {
                ServiceError::invalid(
                    &format!("milestones[{i}].due_on"),
                    format!("`{}` is not a date; write YYYY-MM-DD", m.due_on),
                )
            })?;
            if m.name.trim().is_empty() {
                return Err(ServiceError::invalid(
                    &format!("milestones[{i}].name"),
                    "name the milestone",
                ));
            }
            parsed_ms.push((m.name.trim().to_string(), due));
        }
        let (ev, evaluation) = self.evaluate_project(facts, today())?;
        let program = &self.engine.program;
        for r in &ev.measures {
            let id = &program.measures[r.measure.index()].id;
            if !FILING_CHECKS.contains(&id.as_str()) {
                continue;
            }
            if id == "project.indirect-cost-cap"
                && r.status == Status::Eligible
                && output(&ev, program, id, "indirect_cost_compliant") == json!(false)
            {
                let cap = output(&ev, program, id, "indirect_cost_cap_amount");
                let excess = output(&ev, program, id, "indirect_cost_excess");
                return Err(ServiceError::invalid(
                    "facts.proposed_indirect_cost",
                    format!(
                        "the indirect cost exceeds its cap of {} yuan by {} yuan (001_0cbca1dd9c1e8cc0.txt §17)",
                        cap.as_str().unwrap_or("?"),
                        excess.as_str().unwrap_or("?")
                    ),
                ));
            }
            if id == "project.all-in-expenses"
                && r.status == Status::Eligible
                && output(&ev, program, id, "all_in_negative_list_clear") == json!(false)
            {
                return Err(ServiceError::invalid("facts", "the spending plan includes items on the all-in-expenses negative list (001_0cbca1dd9c1e8cc0.txt §18)".to_string()));
            }
        }
        let exempt = output(
            &ev,
            program,
            "project.inspection-exemption",
            "inspection_exempt",
        );
        let inspection_scheduled = exempt != json!(true);
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.db.pool.begin().await?;
        sqlx::query("INSERT INTO projects (id, leader_id, title, facts, inspection_scheduled, evaluation, rules_version, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(&id)
            .bind(&who.id)
            .bind(title)
            .bind(facts.to_string())
            .bind(inspection_scheduled as i64)
            .bind(evaluation.to_string())
            .bind(&program.version)
            .bind(now())
            .execute(&mut *tx)
            .await?;
        for (i, (name, due)) in parsed_ms.iter().enumerate() {
            sqlx::query("INSERT INTO milestones (id, project_id, seq, name, due_on) VALUES ($1, $2, $3, $4, $5)")
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(&id)
                .bind(i as i64 + 1)
                .bind(name)
                .bind(due.to_string())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        self.project(who, &id).await
    }

    async fn project_row(
        &self,
        who: &Account,
        id: &str,
        action: &str,
    ) -> Result<sqlx::any::AnyRow> {
        let row = sqlx::query("SELECT id, leader_id, title, facts, inspection_scheduled, evaluation, rules_version, created_at FROM projects WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("no project {id}")))?;
        let leader: String = row.try_get("leader_id")?;
        if !self.authz.allowed(
            who,
            action,
            &Resource::Project {
                id,
                leader: &leader,
            },
        ) {
            return Err(ServiceError::Forbidden(
                "this project belongs to another leader".into(),
            ));
        }
        Ok(row)
    }

    pub async fn project(&self, who: &Account, id: &str) -> Result<ProjectView> {
        let row = self.project_row(who, id, "view_project").await?;
        let milestones = sqlx::query("SELECT seq, name, due_on, report, reported_at FROM milestones WHERE project_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(Milestone {
                    seq: r.try_get("seq")?,
                    name: r.try_get("name")?,
                    due_on: r.try_get("due_on")?,
                    report: r.try_get("report")?,
                    reported_at: r.try_get("reported_at")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let parse = |s: String| serde_json::from_str(&s).unwrap_or(J::Null);
        let scheduled: i64 = row.try_get("inspection_scheduled")?;
        Ok(ProjectView {
            id: row.try_get("id")?,
            title: row.try_get("title")?,
            leader_id: row.try_get("leader_id")?,
            facts: parse(row.try_get("facts")?),
            inspection_scheduled: scheduled != 0,
            evaluation: parse(row.try_get("evaluation")?),
            rules_version: row.try_get("rules_version")?,
            milestones,
            created_at: row.try_get("created_at")?,
        })
    }

    pub async fn my_projects(&self, who: &Account) -> Result<Vec<ProjectView>> {
        let ids: Vec<String> =
            sqlx::query("SELECT id FROM projects WHERE leader_id = $1 ORDER BY created_at")
                .bind(&who.id)
                .fetch_all(&self.db.pool)
                .await?
                .iter()
                .filter_map(|r| r.try_get("id").ok())
                .collect();
        let mut out = Vec::new();
        for id in ids {
            out.push(self.project(who, &id).await?);
        }
        Ok(out)
    }

    /// Records a milestone report; the answer carries the project's filed facts so the
    /// report form is pre-filled (one form, many uses).
    pub async fn report_milestone(
        &self,
        who: &Account,
        id: &str,
        seq: i64,
        report: &str,
    ) -> Result<ProjectView> {
        self.project_row(who, id, "report_project").await?;
        let report = report.trim();
        if report.is_empty() || report.chars().count() > 20_000 {
            return Err(ServiceError::invalid(
                "report",
                "write the report (1 to 20 000 characters)",
            ));
        }
        let done = sqlx::query("UPDATE milestones SET report = $1, reported_at = $2 WHERE project_id = $3 AND seq = $4 AND report IS NULL")
            .bind(report)
            .bind(now())
            .bind(id)
            .bind(seq)
            .execute(&self.db.pool)
            .await?;
        if done.rows_affected() == 0 {
            let exists =
                sqlx::query("SELECT 1 AS one FROM milestones WHERE project_id = $1 AND seq = $2")
                    .bind(id)
                    .bind(seq)
                    .fetch_optional(&self.db.pool)
                    .await?;
            return Err(match exists {
                None => ServiceError::NotFound(format!("the project has no milestone {seq}")),
                Some(_) => {
                    ServiceError::Conflict(format!("milestone {seq} has already been reported"))
                }
            });
        }
        self.project(who, id).await
    }

    /// Checks a budget adjustment against 001 §16 and, when allowed, stores the new budget.
    /// `changes` holds the new amounts (e.g. equipment_budget_after); the rest comes from the filing.
    pub async fn adjust_budget(
        &self,
        who: &Account,
        id: &str,
        changes: &J,
    ) -> Result<(ProjectView, J)> {
        let row = self.project_row(who, id, "adjust_project").await?;
        let text: String = row.try_get("facts")?;
        let mut facts: J =
            serde_json::from_str(&text).map_err(|e| ServiceError::Storage(e.to_string()))?;
        let changes = changes
            .as_object()
            .ok_or_else(|| ServiceError::invalid("facts", "facts must be a JSON object"))?;
        if let Some(obj) = facts.as_object_mut() {
            for (k, v) in changes {
                obj.insert(k.clone(), v.clone());
            }
        }
        let (ev, _) = self.evaluate_project(&facts, today())?;
        let program = &self.engine.program;
        let m = "project.budget-adjustment";
        let result = ev
            .measures
            .iter()
            .find(|r| program.measures[r.measure.index()].id == m)
            .ok_or_else(|| ServiceError::Storage(format!("the rules have no {m}")))?;
        let decision = json!({
            "allowed": output(&ev, program, m, "budget_adjustment_allowed"),
            "approver": output(&ev, program, m, "budget_adjustment_approver"),
            "filing_required_at_acceptance": output(&ev, program, m, "budget_filing_required_at_acceptance"),
            "refusal_reason": output(&ev, program, m, "budget_refusal_reason"),
        });
        match result.status {
            Status::Eligible => {}
            Status::NotEligible => {
                let reason = decision["refusal_reason"]
                    .as_str()
                    .unwrap_or("outside the delegated authority")
                    .to_string();
                let title = enum_title(program, &reason);
                return Err(ServiceError::invalid(
                    "facts",
                    format!(
                        "the adjustment is not allowed: {title} (001_0cbca1dd9c1e8cc0.txt §16)"
                    ),
                ));
            }
            Status::Undetermined => {
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
        }
        sqlx::query("UPDATE projects SET facts = $1 WHERE id = $2")
            .bind(facts.to_string())
            .bind(id)
            .execute(&self.db.pool)
            .await?;
        Ok((self.project(who, id).await?, decision))
    }
}

/// The English title of an enumeration value, by its identifier.
fn enum_title(program: &onestop_lang::Program, value: &str) -> String {
    program
        .enums
        .iter()
        .flat_map(|e| e.values.iter())
        .find(|(n, _)| n == value)
        .map(|(_, t)| t.best("en").to_string())
        .unwrap_or_else(|| value.to_string())
}
