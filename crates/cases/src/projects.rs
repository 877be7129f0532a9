//! Research projects (001 §15-18) and their three parties: the project leader (an
//! applicant account) files once, the same facts feed every milestone report and
//! budget adjustment; the undertaking unit the leader names (an organisation's
//! applicant account) approves adjustments within the delegated authority; the
//! competent department (officers of the project's agency, the Science and Technology
//! Commission) reviews the filing, accepts milestones, schedules or waives the process
//! inspection as the inspection-exemption rule allows, decides adjustments outside the
//! delegated authority and does the final acceptance (`project_review`,
//! `project_budget`). Budgets are checked against the fund rules before a filing is
//! stored, with the rule's reason when refused. Every permission is a cedar policy
//! (`policies/access.cedar`).

use crate::store::CaseService;
use chrono::NaiveDate;
use onestop_engine::explain::output_name;
use onestop_engine::report::{evaluation_to_json, val_to_json};
use onestop_engine::{
    EvalOptions, Evaluation, Status, facts_from_json, value_from_json, value_to_json,
};
use onestop_lang::{Type, Value};
use onestop_store::authz::Resource;
use onestop_store::{Account, Role, now, today};
use onestop_store::{Result, ServiceError};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use sqlx::Row;

/// The competent department of the municipal fiscal research projects 001 §15-18
/// govern: the Beijing Municipal Science and Technology Commission.
pub const PROJECT_AGENCY: &str = "sci-tech";

/// The most milestones one project files.
pub const MAX_MILESTONES: usize = 50;

#[derive(Debug, Clone, Deserialize)]
pub struct NewMilestone {
    pub name: String,
    pub due_on: String,
}

/// A project as its leader files it.
#[derive(Debug, Clone)]
pub struct NewProject<'a> {
    pub title: &'a str,
    /// The username of the undertaking unit's account (an organisation, `enterprise`).
    pub unit: &'a str,
    pub facts: &'a J,
    pub milestones: &'a [NewMilestone],
}

/// Where a project stands: `filed` (awaiting the department's review), `returned`
/// (the leader amends and files again), `active` (accepted for implementation:
/// milestones, adjustments, inspection), `accepted` (final acceptance done).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    Filed,
    Returned,
    Active,
    Accepted,
}

impl ProjectStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Filed => "filed",
            ProjectStatus::Returned => "returned",
            ProjectStatus::Active => "active",
            ProjectStatus::Accepted => "accepted",
        }
    }
    pub fn parse(s: &str) -> Result<ProjectStatus> {
        Ok(match s {
            "filed" => ProjectStatus::Filed,
            "returned" => ProjectStatus::Returned,
            "active" => ProjectStatus::Active,
            "accepted" => ProjectStatus::Accepted,
            other => {
                return Err(ServiceError::Storage(format!(
                    "unknown project status {other}"
                )));
            }
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Milestone {
    pub seq: i64,
    pub name: String,
    pub due_on: String,
    pub report: Option<String>,
    pub reported_at: Option<String>,
    /// When an officer of the competent department accepted the report, and who.
    pub accepted_at: Option<String>,
    pub accepted_by: Option<String>,
    pub acceptance_note: Option<String>,
}

/// The process inspection: whether the rule requires it (001 §15: a municipal project
/// of 3 years or more), and what the department decided.
#[derive(Debug, Clone, Serialize)]
pub struct Inspection {
    /// The rule requires a process inspection: it may be scheduled, never waived.
    pub required: bool,
    /// `undecided`, `scheduled` (on `on`) or `waived`.
    pub state: String,
    pub on: Option<String>,
    pub note: Option<String>,
    pub by: Option<String>,
}

/// The department's review of the filing.
#[derive(Debug, Clone, Serialize)]
pub struct Review {
    pub note: Option<String>,
    pub by: String,
    pub at: String,
}

/// One budget adjustment and its decision: the history of the project's budget.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetChange {
    pub seq: i64,
    /// The amounts asked for (`*_after` and any `*_before` the filing lacked).
    pub changes: J,
    /// The budget in force when it was asked for, by subject.
    pub previous: J,
    pub reason: String,
    pub requested_by: String,
    pub requested_at: String,
    /// Whom the rule names: `approver_undertaking_unit` or `approver_competent_department`.
    pub approver: String,
    /// Why the adjustment is outside the delegated authority (the rule's
    /// `budget_refusal_reason`), when it is.
    pub outside_reason: Option<String>,
    /// An approved equipment increase is filed with the competent department at acceptance.
    pub filing_required: bool,
    /// `pending`, `approved` or `refused`.
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_note: Option<String>,
    /// When it was filed with the competent department (at the final acceptance).
    pub filed_at: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProjectView {
    pub id: String,
    pub title: String,
    pub leader_id: String,
    pub leader: String,
    /// The undertaking unit's account and name (none for projects filed before units).
    pub unit_id: Option<String>,
    pub unit: Option<String>,
    pub unit_name: Option<String>,
    /// The competent department.
    pub agency: String,
    pub status: ProjectStatus,
    /// The project's facts: the filing, with the budget in force after each approved
    /// adjustment. They pre-fill every later report and adjustment.
    pub facts: J,
    pub inspection: Inspection,
    /// The fund rules' evaluation at filing.
    pub evaluation: J,
    pub rules_version: String,
    pub milestones: Vec<Milestone>,
    pub budget_changes: Vec<BudgetChange>,
    pub review: Option<Review>,
    pub accepted_at: Option<String>,
    pub accepted_by: Option<String>,
    pub acceptance_note: Option<String>,
    pub created_at: String,
}

/// A project as stored, after the access check.
pub(crate) struct Loaded {
    pub id: String,
    pub leader_id: String,
    pub unit_id: Option<String>,
    pub agency: String,
    pub status: ProjectStatus,
    pub facts: J,
    pub inspection_exempt: bool,
    pub version: i64,
}

impl Loaded {
    pub fn resource(&self) -> Resource<'_> {
        Resource::Project {
            id: &self.id,
            leader: &self.leader_id,
            unit: self.unit_id.as_deref().unwrap_or(""),
            agency: &self.agency,
        }
    }
}

/// The budget measures checked before a project or an amended filing is stored.
const FILING_CHECKS: &[&str] = &["project.indirect-cost-cap", "project.all-in-expenses"];

/// The budget subjects of 001 §16 as the rules name them (`<subject>_before`, `<subject>_after`).
pub const BUDGET_SUBJECTS: &[&str] =
    &["equipment_budget", "indirect_budget", "other_direct_budget"];

pub(crate) fn output(
    ev: &Evaluation,
    program: &onestop_lang::Program,
    measure: &str,
    name: &str,
) -> J {
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

/// Refuses text a database cannot store (PostgreSQL's TEXT holds no NUL character).
pub(crate) fn storable(field: &str, text: &str) -> Result<()> {
    if text.contains('\0') {
        return Err(ServiceError::invalid(
            field,
            "the text contains a NUL character",
        ));
    }
    Ok(())
}

/// A project's id as the service makes them (a UUID); anything else names no project.
pub(crate) fn known_id(id: &str) -> Result<()> {
    match uuid::Uuid::parse_str(id) {
        Ok(_) => Ok(()),
        Err(_) => Err(ServiceError::NotFound("no such project".into())),
    }
}

/// A note given with a decision: trimmed, at most 4000 characters; `required` when the
/// decision must say why (a return, a refusal).
pub(crate) fn note(text: &str, required: bool) -> Result<Option<String>> {
    storable("note", text)?;
    let text = text.trim();
    if text.chars().count() > 4000 {
        return Err(ServiceError::invalid(
            "note",
            "a note has at most 4000 characters",
        ));
    }
    if text.is_empty() {
        if required {
            return Err(ServiceError::invalid(
                "note",
                "say why; the note is recorded and shown to the leader",
            ));
        }
        return Ok(None);
    }
    Ok(Some(text.to_string()))
}

/// The approved budget by subject when the filing does not state it: the budget as
/// filed (equipment = the equipment cost, indirect = the proposed indirect cost, the
/// other direct subjects = the direct costs less equipment). Both `_before` (the
/// budget in force) and `_after` (no change yet) are set; amounts the filing states
/// are kept.
pub fn with_approved_budget(program: &onestop_lang::Program, facts: &J) -> J {
    let mut out = facts.clone();
    let Some(obj) = out.as_object_mut() else {
        return out;
    };
    let money = |k: &str| match facts.get(k) {
        Some(v) => match value_from_json(program, &Type::Money, v) {
            Ok(Value::Money(d)) => Some(d),
            _ => None,
        },
        None => None,
    };
    let direct = money("direct_cost");
    let equipment = money("equipment_cost");
    let derived = [
        ("equipment_budget", equipment),
        ("indirect_budget", money("proposed_indirect_cost")),
        (
            "other_direct_budget",
            match (direct, equipment) {
                (Some(d), Some(e)) if d >= e => Some(d - e),
                _ => None,
            },
        ),
    ];
    for (subject, amount) in derived {
        let before = format!("{subject}_before");
        let after = format!("{subject}_after");
        if let (false, Some(a)) = (obj.contains_key(&before), amount) {
            let v = value_to_json(program, &Value::Money(a));
            obj.insert(before.clone(), v);
        }
        if !obj.contains_key(&after)
            && let Some(b) = obj.get(&before).cloned()
        {
            obj.insert(after, b);
        }
    }
    out
}

fn parse_json(s: String) -> J {
    serde_json::from_str(&s).unwrap_or(J::Null)
}

impl CaseService {
    pub(crate) fn evaluate_project(&self, facts: &J, date: NaiveDate) -> Result<(Evaluation, J)> {
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

    /// The fund checks of a filing: refused, with the rule's reason, when the proposed
    /// indirect cost exceeds its cap or the spending plan hits the all-in negative list.
    /// Answers whether the rule exempts the project from process inspection.
    fn check_filing(&self, facts: &J) -> Result<(J, bool)> {
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
        ) == json!(true);
        Ok((evaluation, exempt))
    }

    /// The undertaking unit a leader names: an organisation's applicant account, not
    /// the leader's own.
    async fn unit_account(&self, who: &Account, username: &str) -> Result<Account> {
        storable("unit", username)?;
        let username = username.trim();
        if username.is_empty() {
            return Err(ServiceError::invalid(
                "unit",
                "name the undertaking unit by its account's username",
            ));
        }
        let unit = onestop_store::accounts::by_username(&self.db, username).await?;
        match unit {
            Some(u) if u.id == who.id => Err(ServiceError::invalid(
                "unit",
                "the undertaking unit approves the leader's adjustments: name the unit's own account, not yours",
            )),
            Some(u) if u.role == Role::Applicant && u.entity.as_deref() == Some("enterprise") => {
                Ok(u)
            }
            _ => Err(ServiceError::invalid(
                "unit",
                format!(
                    "`{username}` is not an organisation's account; the undertaking unit registers as an organisation (entity enterprise)"
                ),
            )),
        }
    }

    fn check_title(title: &str) -> Result<&str> {
        storable("title", title)?;
        let title = title.trim();
        if title.is_empty() || title.chars().count() > 300 {
            return Err(ServiceError::invalid(
                "title",
                "give the project a title of 1 to 300 characters",
            ));
        }
        Ok(title)
    }

    /// Files a project once, for the competent department's review. Refused, with the
    /// rule's reason, when the proposed indirect cost exceeds its cap or the spending
    /// plan hits the all-in negative list.
    pub async fn file_project(&self, who: &Account, new: &NewProject<'_>) -> Result<ProjectView> {
        if !self
            .authz
            .allowed(who, "file_project", &Resource::ProjectRegister)
        {
            return Err(ServiceError::Forbidden(
                "project leaders file projects with an applicant account".into(),
            ));
        }
        let title = Self::check_title(new.title)?;
        if new.milestones.len() > MAX_MILESTONES {
            return Err(ServiceError::invalid(
                "milestones",
                format!("a project files at most {MAX_MILESTONES} milestones"),
            ));
        }
        let mut parsed_ms = Vec::new();
        for (i, m) in new.milestones.iter().enumerate() {
            let due = NaiveDate::parse_from_str(m.due_on.trim(), "%Y-%m-%d").map_err(|_| {
                ServiceError::invalid(
                    &format!("milestones[{i}].due_on"),
                    format!("`{}` is not a date; write YYYY-MM-DD", m.due_on),
                )
            })?;
            storable(&format!("milestones[{i}].name"), &m.name)?;
            let name = m.name.trim();
            if name.is_empty() || name.chars().count() > 200 {
                return Err(ServiceError::invalid(
                    &format!("milestones[{i}].name"),
                    "name the milestone (1 to 200 characters)",
                ));
            }
            parsed_ms.push((name.to_string(), due));
        }
        if !new.facts.is_object() {
            return Err(ServiceError::invalid(
                "facts",
                "facts must be a JSON object",
            ));
        }
        // The budget is checked before the unit is looked up: a refused budget says why first.
        let facts = with_approved_budget(&self.engine.program, new.facts);
        let (evaluation, exempt) = self.check_filing(&facts)?;
        let unit = self.unit_account(who, new.unit).await?;
        let id = uuid::Uuid::now_v7().to_string();
        let mut tx = self.db.pool.begin().await?;
        sqlx::query("INSERT INTO projects (id, leader_id, title, facts, inspection_scheduled, evaluation, rules_version, created_at, unit_id, agency, status, inspection_exempt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'filed', $11)")
            .bind(&id)
            .bind(&who.id)
            .bind(title)
            .bind(facts.to_string())
            .bind((!exempt) as i64)
            .bind(evaluation.to_string())
            .bind(&self.engine.program.version)
            .bind(now())
            .bind(&unit.id)
            .bind(PROJECT_AGENCY)
            .bind(exempt as i64)
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

    /// The project, if `who` may do `action` on it.
    pub(crate) async fn load_project(
        &self,
        who: &Account,
        id: &str,
        action: &str,
    ) -> Result<Loaded> {
        known_id(id)?;
        let row = sqlx::query("SELECT id, leader_id, unit_id, agency, status, facts, inspection_exempt, version FROM projects WHERE id = $1")
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("no project {id}")))?;
        let exempt: i64 = row.try_get("inspection_exempt")?;
        let status: String = row.try_get("status")?;
        let loaded = Loaded {
            id: row.try_get("id")?,
            leader_id: row.try_get("leader_id")?,
            unit_id: row.try_get("unit_id")?,
            agency: row.try_get("agency")?,
            status: ProjectStatus::parse(&status)?,
            facts: parse_json(row.try_get("facts")?),
            inspection_exempt: exempt != 0,
            version: row.try_get("version")?,
        };
        if !self.authz.allowed(who, action, &loaded.resource()) {
            return Err(ServiceError::Forbidden(
                match (action, who.role) {
                    ("view_project", _) => "this project is not yours to see",
                    (_, Role::Officer) => "this is not your agency's project to act on",
                    _ => "only the project's leader does this; the unit and the department act on their own pages",
                }
                .into(),
            ));
        }
        Ok(loaded)
    }

    /// Bumps the project's version inside `tx`, or a conflict when someone else
    /// changed it since it was loaded.
    pub(crate) async fn bump_project(
        tx: &mut sqlx::Transaction<'_, sqlx::Any>,
        p: &Loaded,
    ) -> Result<()> {
        let done =
            sqlx::query("UPDATE projects SET version = version + 1 WHERE id = $1 AND version = $2")
                .bind(&p.id)
                .bind(p.version)
                .execute(&mut **tx)
                .await?;
        if done.rows_affected() != 1 {
            return Err(ServiceError::Conflict(
                "the project changed while you were working on it; reload it and try again".into(),
            ));
        }
        Ok(())
    }

    pub async fn project(&self, who: &Account, id: &str) -> Result<ProjectView> {
        self.load_project(who, id, "view_project").await?;
        self.project_view(id).await
    }

    /// The whole project, without an access check (callers check first).
    pub(crate) async fn project_view(&self, id: &str) -> Result<ProjectView> {
        known_id(id)?;
        let row = sqlx::query("SELECT p.id, p.leader_id, l.username AS leader, p.unit_id, u.username AS unit, u.display_name AS unit_name, p.agency, p.status, p.title, p.facts, p.inspection_exempt, p.inspection, p.inspection_on, p.inspection_note, p.inspection_by, p.evaluation, p.rules_version, p.review_note, p.reviewed_by, p.reviewed_at, p.accepted_at, p.accepted_by, p.acceptance_note, p.created_at FROM projects p JOIN accounts l ON l.id = p.leader_id LEFT JOIN accounts u ON u.id = p.unit_id WHERE p.id = $1")
            .bind(id)
            .fetch_optional(&self.db.pool)
            .await?
            .ok_or_else(|| ServiceError::NotFound(format!("no project {id}")))?;
        let milestones = sqlx::query("SELECT seq, name, due_on, report, reported_at, accepted_at, accepted_by, acceptance_note FROM milestones WHERE project_id = $1 ORDER BY seq")
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
                    accepted_at: r.try_get("accepted_at")?,
                    accepted_by: r.try_get("accepted_by")?,
                    acceptance_note: r.try_get("acceptance_note")?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let budget_changes = self.budget_changes(id).await?;
        let exempt: i64 = row.try_get("inspection_exempt")?;
        let status: String = row.try_get("status")?;
        let reviewed_by: Option<String> = row.try_get("reviewed_by")?;
        let reviewed_at: Option<String> = row.try_get("reviewed_at")?;
        Ok(ProjectView {
            id: row.try_get("id")?,
            title: row.try_get("title")?,
            leader_id: row.try_get("leader_id")?,
            leader: row.try_get("leader")?,
            unit_id: row.try_get("unit_id")?,
            unit: row.try_get("unit")?,
            unit_name: row.try_get("unit_name")?,
            agency: row.try_get("agency")?,
            status: ProjectStatus::parse(&status)?,
            facts: parse_json(row.try_get("facts")?),
            inspection: Inspection {
                required: exempt == 0,
                state: row.try_get("inspection")?,
                on: row.try_get("inspection_on")?,
                note: row.try_get("inspection_note")?,
                by: row.try_get("inspection_by")?,
            },
            evaluation: parse_json(row.try_get("evaluation")?),
            rules_version: row.try_get("rules_version")?,
            milestones,
            budget_changes,
            review: match (reviewed_by, reviewed_at) {
                (Some(by), Some(at)) => Some(Review {
                    note: row.try_get("review_note")?,
                    by,
                    at,
                }),
                _ => None,
            },
            accepted_at: row.try_get("accepted_at")?,
            accepted_by: row.try_get("accepted_by")?,
            acceptance_note: row.try_get("acceptance_note")?,
            created_at: row.try_get("created_at")?,
        })
    }

    /// A project's budget adjustments, oldest first.
    pub(crate) async fn budget_changes(&self, id: &str) -> Result<Vec<BudgetChange>> {
        sqlx::query("SELECT seq, changes, previous, reason, requested_by, requested_at, approver, outside_reason, filing_required, status, decided_by, decided_at, decision_note, filed_at FROM project_budget_changes WHERE project_id = $1 ORDER BY seq")
            .bind(id)
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .map(|r| {
                let filing: i64 = r.try_get("filing_required")?;
                Ok(BudgetChange {
                    seq: r.try_get("seq")?,
                    changes: parse_json(r.try_get("changes")?),
                    previous: parse_json(r.try_get("previous")?),
                    reason: r.try_get("reason")?,
                    requested_by: r.try_get("requested_by")?,
                    requested_at: r.try_get("requested_at")?,
                    approver: r.try_get("approver")?,
                    outside_reason: r.try_get("outside_reason")?,
                    filing_required: filing != 0,
                    status: r.try_get("status")?,
                    decided_by: r.try_get("decided_by")?,
                    decided_at: r.try_get("decided_at")?,
                    decision_note: r.try_get("decision_note")?,
                    filed_at: r.try_get("filed_at")?,
                })
            })
            .collect()
    }

    /// The projects `who` may see: an applicant's as leader and as undertaking unit,
    /// an officer's agency's, every project for an administrator. Each passes the
    /// access policy (`view_project`).
    pub async fn projects_for(&self, who: &Account) -> Result<Vec<ProjectView>> {
        let q = match who.role {
            Role::Applicant => sqlx::query(
                "SELECT id FROM projects WHERE leader_id = $1 OR unit_id = $1 ORDER BY created_at",
            )
            .bind(who.id.clone()),
            Role::Officer => {
                sqlx::query("SELECT id FROM projects WHERE agency = $1 ORDER BY created_at")
                    .bind(who.agency.clone().unwrap_or_default())
            }
            Role::Admin => sqlx::query("SELECT id FROM projects ORDER BY created_at"),
            // A lender is no party to a research project.
            Role::FinancialInstitution => sqlx::query("SELECT id FROM projects WHERE 1 = 0"),
            Role::Provider => return Ok(Vec::new()),
        };
        let ids: Vec<String> = q
            .fetch_all(&self.db.pool)
            .await?
            .iter()
            .map(|r| r.try_get("id"))
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Vec::new();
        for id in ids {
            match self.project(who, &id).await {
                Ok(p) => out.push(p),
                Err(ServiceError::Forbidden(_)) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(out)
    }

    /// The leader amends a filing the department returned and files it again: the fund
    /// checks run again on the new facts.
    pub async fn amend_project(
        &self,
        who: &Account,
        id: &str,
        title: &str,
        facts: &J,
    ) -> Result<ProjectView> {
        let p = self.load_project(who, id, "amend_project").await?;
        if p.status != ProjectStatus::Returned {
            return Err(ServiceError::Conflict(format!(
                "only a returned filing is amended; this project is {}",
                p.status.as_str()
            )));
        }
        let title = Self::check_title(title)?;
        if !facts.is_object() {
            return Err(ServiceError::invalid(
                "facts",
                "facts must be a JSON object",
            ));
        }
        let facts = with_approved_budget(&self.engine.program, facts);
        let (evaluation, exempt) = self.check_filing(&facts)?;
        let mut tx = self.db.pool.begin().await?;
        Self::bump_project(&mut tx, &p).await?;
        sqlx::query("UPDATE projects SET title = $1, facts = $2, evaluation = $3, rules_version = $4, inspection_exempt = $5, inspection_scheduled = $6, status = 'filed' WHERE id = $7")
            .bind(title)
            .bind(facts.to_string())
            .bind(evaluation.to_string())
            .bind(&self.engine.program.version)
            .bind(exempt as i64)
            .bind((!exempt) as i64)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        self.project_view(id).await
    }

    /// Records a milestone report of an active project; the answer carries the
    /// project's facts so the report form is pre-filled (one form, many uses).
    pub async fn report_milestone(
        &self,
        who: &Account,
        id: &str,
        seq: i64,
        report: &str,
    ) -> Result<ProjectView> {
        let p = self.load_project(who, id, "report_project").await?;
        storable("report", report)?;
        let report = report.trim();
        if report.is_empty() || report.chars().count() > 20_000 {
            return Err(ServiceError::invalid(
                "report",
                "write the report (1 to 20 000 characters)",
            ));
        }
        if p.status != ProjectStatus::Active {
            return Err(ServiceError::Conflict(format!(
                "milestones are reported while the project is being implemented; this project is {}",
                p.status.as_str()
            )));
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
        self.project_view(id).await
    }
}

/// The English title of an enumeration value, by its identifier.
pub(crate) fn enum_title(program: &onestop_lang::Program, value: &str) -> String {
    program
        .enums
        .iter()
        .flat_map(|e| e.values.iter())
        .find(|(n, _)| n == value)
        .map(|(_, t)| t.best("en").to_string())
        .unwrap_or_else(|| value.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn program() -> std::sync::Arc<onestop_lang::Program> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        onestop_engine::Engine::load(&root, None)
            .expect("rules")
            .program
    }

    #[test]
    fn the_approved_budget_is_the_budget_as_filed_unless_stated() {
        let p = program();
        let filed = json!({"direct_cost": "3200000.00", "equipment_cost": "200000", "proposed_indirect_cost": "1500000.00"});
        let b = with_approved_budget(&p, &filed);
        assert_eq!(b["equipment_budget_before"], "200000.00");
        assert_eq!(b["indirect_budget_before"], "1500000.00");
        assert_eq!(b["other_direct_budget_before"], "3000000.00");
        assert_eq!(b["other_direct_budget_after"], "3000000.00");
        // Stated amounts are kept; what cannot be derived is left out.
        let stated = json!({"equipment_budget_before": "1.00", "direct_cost": "10.00"});
        let b = with_approved_budget(&p, &stated);
        assert_eq!(b["equipment_budget_before"], "1.00");
        assert_eq!(b["equipment_budget_after"], "1.00");
        assert!(b.get("other_direct_budget_before").is_none());
        assert!(b.get("indirect_budget_before").is_none());
        // Equipment above the direct costs derives nothing negative.
        let odd = json!({"direct_cost": "10.00", "equipment_cost": "20.00"});
        assert!(
            with_approved_budget(&p, &odd)
                .get("other_direct_budget_before")
                .is_none()
        );
        // Not an object: unchanged.
        assert_eq!(with_approved_budget(&p, &json!([1])), json!([1]));
    }

    #[test]
    fn notes_are_trimmed_bounded_and_required_when_asked() {
        assert_eq!(note("  ok ", false).expect("ok"), Some("ok".into()));
        assert_eq!(note("   ", false).expect("ok"), None);
        assert!(note("", true).is_err());
        assert!(note(&"x".repeat(4001), false).is_err());
        assert!(note("a\0b", false).is_err());
        assert!(known_id("not-an-id").is_err());
        assert!(known_id(&uuid::Uuid::now_v7().to_string()).is_ok());
    }
}
