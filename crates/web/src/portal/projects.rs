//! Research projects in the portal, for their three parties. The leader's list and
//! filing form (`/projects`: the fund checks run on filing), one project with its
//! milestones, budget history and the forms each party may use (`/projects/{id}`),
//! the acceptance page listing the adjustments filed at acceptance
//! (`/projects/{id}/acceptance`), and the Science and Technology Commission's project
//! inbox (`/officer/projects`). Which forms a page shows is asked of the access policy,
//! as the service asks it again when a form is sent.

use super::account::login_redirect;
use super::page::{Page, csrf_refused, form_amount, message, render, service_failed};
use crate::state::AppState;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_cases::project_budget::BudgetDecision;
use onestop_cases::project_review::{FilingReview, InspectionDecision};
use onestop_cases::projects::{BUDGET_SUBJECTS, NewMilestone, NewProject, ProjectView};
use onestop_lang::Type;
use onestop_store::authz::Resource;
use onestop_store::{Account, Role, ServiceError};
use serde_json::{Value as J, json};

/// The facts the filing form asks, in order: the project, its budget, its period,
/// and the all-in-expenses pilot.
const FILING_FIELDS: &[&str] = &[
    "funding_source",
    "is_basic_research",
    "institution_type",
    "discipline",
    "is_pure_theoretical_research",
    "selected_for_indirect_cost_pilot",
    "direct_cost",
    "equipment_cost",
    "proposed_indirect_cost",
    "proposed_performance_pay",
    "implementation_start_date",
    "implementation_end_date",
    "institution_remarkable_results",
    "institution_good_research_credit",
    "institution_selected_all_in_pilot",
];

/// The all-in-expenses negative list: ticked when the spending plan includes the item.
const NEGATIVE_LIST: &[&str] = &[
    "spends_on_unrelated_items",
    "spends_on_fines_donations_investment",
    "misappropriates_funds",
    "transfers_funds_improperly",
    "uses_false_documents",
    "inflates_testing_costs",
    "falsifies_accounts",
];

/// Milestone rows on the filing form.
const MILESTONE_ROWS: usize = 3;

type FormFields = Vec<(String, String)>;

fn field<'a>(form: &'a FormFields, k: &str) -> &'a str {
    form.iter()
        .find(|(a, _)| a == k)
        .map(|(_, v)| v.as_str())
        .unwrap_or("")
}

/// The Fluent key of a rule name (`project-fact-funding_source`).
fn key(prefix: &str, name: &str) -> String {
    format!("{prefix}-{name}")
}

/// A rule's text in the reader's language: the portal's translation when it has one
/// (every language, for the filing form's facts), else the rules' own Chinese or English.
fn rule_text(c: &Page, key: &str, texts: &onestop_lang::ast::Texts) -> String {
    if super::templates::i18n().has(c.lang, key) {
        c.t(key, &[])
    } else {
        texts.best(super::page::rules_lang(c.lang)).to_string()
    }
}

/// The form's fields for the filing facts, each with its label in the reader's
/// language, its kind and options, and the value shown (`current`, or the form sent).
fn filing_fields(s: &AppState, c: &Page, current: &J) -> Vec<J> {
    let program = &s.engine.program;
    let Ok(entity) = s.engine.entity("project") else {
        return Vec::new();
    };
    let shown = |v: Option<&J>| match v {
        Some(J::String(t)) => t.clone(),
        Some(J::Bool(b)) => b.to_string(),
        Some(J::Number(n)) => n.to_string(),
        _ => String::new(),
    };
    let mut out = Vec::new();
    for name in FILING_FIELDS.iter().chain(NEGATIVE_LIST) {
        let Some(input) = program.input(entity, name) else {
            continue;
        };
        let decl = &program.inputs[input.index()];
        let label = rule_text(c, &key("project-fact", name), &decl.title);
        let (kind, options) = match &decl.ty {
            Type::Bool => ("bool", Vec::new()),
            Type::Enum(e) => (
                "enum",
                program.enums[e.0 as usize]
                    .values
                    .iter()
                    .map(|(v, t)| {
                        json!({"value": v, "label": rule_text(c, &key("project-value", v), t)})
                    })
                    .collect(),
            ),
            Type::Date => ("date", Vec::new()),
            _ => ("money", Vec::new()),
        };
        out.push(json!({
            "name": name,
            "label": label,
            "kind": kind,
            "options": options,
            "value": shown(current.get(*name)),
            "negative": NEGATIVE_LIST.contains(name),
        }));
    }
    out
}

/// The filing facts from the form: blank means unknown (left out), the negative list
/// ticked or not.
fn facts_from_form(s: &AppState, form: &FormFields) -> J {
    let program = &s.engine.program;
    let mut facts = serde_json::Map::new();
    let Ok(entity) = s.engine.entity("project") else {
        return J::Object(facts);
    };
    for name in FILING_FIELDS {
        let Some(input) = program.input(entity, name) else {
            continue;
        };
        let v = field(form, &format!("f:{name}")).trim();
        if v.is_empty() {
            continue;
        }
        let value = match &program.inputs[input.index()].ty {
            Type::Bool => match v {
                "true" => J::Bool(true),
                "false" => J::Bool(false),
                other => J::String(other.to_string()),
            },
            Type::Money => J::String(form_amount(v)),
            _ => J::String(v.to_string()),
        };
        facts.insert(name.to_string(), value);
    }
    for name in NEGATIVE_LIST {
        facts.insert(
            name.to_string(),
            J::Bool(form.iter().any(|(k, _)| k == &format!("f:{name}"))),
        );
    }
    J::Object(facts)
}

fn milestones_from_form(form: &FormFields) -> Vec<NewMilestone> {
    (1..=MILESTONE_ROWS)
        .filter_map(|i| {
            let name = field(form, &format!("milestone_name_{i}"))
                .trim()
                .to_string();
            let due = field(form, &format!("milestone_due_{i}"))
                .trim()
                .to_string();
            (!name.is_empty() || !due.is_empty()).then_some(NewMilestone { name, due_on: due })
        })
        .collect()
}

fn resource(p: &ProjectView) -> Resource<'_> {
    Resource::Project {
        id: &p.id,
        leader: &p.leader_id,
        unit: p.unit_id.as_deref().unwrap_or(""),
        agency: &p.agency,
    }
}

/// What the reader may do on the project, by the access policy.
fn may(s: &AppState, who: &Account, p: &ProjectView) -> J {
    let r = resource(p);
    let a = |action: &str| s.cases.authz.allowed(who, action, &r);
    let decide = |approver: &str| {
        s.cases.authz.allowed(
            who,
            "decide_budget_change",
            &Resource::BudgetChange {
                id: &p.id,
                leader: &p.leader_id,
                unit: p.unit_id.as_deref().unwrap_or(""),
                agency: &p.agency,
                approver,
            },
        )
    };
    json!({
        "amend": a("amend_project"),
        "report": a("report_project"),
        "adjust": a("adjust_project"),
        "review": a("review_project"),
        "accept_milestone": a("accept_milestone"),
        "inspect": a("inspect_project"),
        "accept": a("accept_project"),
        "decide_unit": decide(onestop_cases::project_budget::UNIT_APPROVER),
        "decide_department": decide(onestop_cases::project_budget::DEPARTMENT_APPROVER),
    })
}

/// The budget subjects of an adjustment as rows: subject, amount before, amount asked.
fn change_rows(c: &onestop_cases::projects::BudgetChange) -> Vec<J> {
    BUDGET_SUBJECTS
        .iter()
        .filter_map(|s| {
            let after = c.changes.get(format!("{s}_after"))?;
            let before = c
                .previous
                .get(format!("{s}_before"))
                .cloned()
                .unwrap_or(J::Null);
            (Some(after) != Some(&before))
                .then(|| json!({"subject": s, "before": before, "after": after}))
        })
        .collect()
}

/// The budget in force by subject, for the adjustment form.
fn budget_rows(p: &ProjectView) -> Vec<J> {
    BUDGET_SUBJECTS
        .iter()
        .map(|s| json!({"subject": s, "amount": p.facts.get(format!("{s}_before")).cloned().unwrap_or(J::Null)}))
        .collect()
}

fn changes_view(p: &ProjectView) -> Vec<J> {
    p.budget_changes
        .iter()
        .map(|c| {
            let mut v = json!(c);
            v["rows"] = json!(change_rows(c));
            v
        })
        .collect()
}

/// `/projects`: the reader's projects (as leader, as undertaking unit, or all for an
/// administrator) and, for applicants, the filing form.
pub(super) async fn list(State(s): State<AppState>, c: Page) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect("/projects");
    };
    if user.role == Role::Officer {
        return Redirect::to("/officer/projects").into_response();
    }
    list_page(&s, &c, &user, &json!({}), &[], None).await
}

async fn list_page(
    s: &AppState,
    c: &Page,
    user: &Account,
    facts: &J,
    form: &[(String, String)],
    error: Option<String>,
) -> Response {
    let projects = match s.cases.projects_for(user).await {
        Ok(p) => p,
        Err(e) => return service_failed(s, c, e),
    };
    let rows: Vec<J> = projects
        .iter()
        .map(|p| {
            let waiting = p.budget_changes.iter().any(|b| {
                b.status == "pending"
                    && b.approver == onestop_cases::project_budget::UNIT_APPROVER
                    && p.unit_id.as_deref() == Some(user.id.as_str())
            });
            json!({"id": p.id, "title": p.title, "status": p.status, "leader": p.leader, "unit": p.unit_name,
                   "led": p.leader_id == user.id, "waiting": waiting, "created_at": p.created_at})
        })
        .collect();
    let may_file = s
        .cases
        .authz
        .allowed(user, "file_project", &Resource::ProjectRegister);
    let kept = |k: &str| {
        form.iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let milestones: Vec<J> = (1..=MILESTONE_ROWS)
        .map(|i| json!({"i": i, "name": kept(&format!("milestone_name_{i}")), "due": kept(&format!("milestone_due_{i}"))}))
        .collect();
    let mut r = render(
        s,
        c,
        "projects.html",
        context! {
            projects => Value::from_serialize(&rows),
            may_file => may_file,
            fields => Value::from_serialize(filing_fields(s, c, facts)),
            milestones => Value::from_serialize(&milestones),
            title => kept("title"),
            unit => kept("unit"),
            error => error,
        },
    );
    if form.iter().any(|(k, _)| k == "title") {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

/// Files a project from the form; back to the form with the reason when refused.
pub(super) async fn file(
    State(s): State<AppState>,
    c: Page,
    Form(form): Form<FormFields>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/projects").into_response();
    };
    if let Some(r) = csrf_refused(&s, &c, field(&form, "csrf")) {
        return r;
    }
    let facts = facts_from_form(&s, &form);
    let milestones = milestones_from_form(&form);
    let filed = match crate::api::facts::check(&s.engine.program, "project", &facts) {
        Err(e) => Err(e.message),
        Ok(()) => s
            .cases
            .file_project(
                &user,
                &NewProject {
                    title: field(&form, "title"),
                    unit: field(&form, "unit"),
                    facts: &facts,
                    milestones: &milestones,
                },
            )
            .await
            .map_err(|e| {
                if matches!(e, ServiceError::Forbidden(_)) {
                    String::new()
                } else {
                    e.to_string()
                }
            }),
    };
    match filed {
        Ok(p) => Redirect::to(&format!("/projects/{}", p.id)).into_response(),
        Err(m) if m.is_empty() => message(&s, &c, StatusCode::FORBIDDEN, "error-forbidden", ""),
        Err(m) => list_page(&s, &c.at("/projects"), &user, &facts, &form, Some(m)).await,
    }
}

/// One project: its parties, facts, milestones, inspection and budget history, with
/// the forms the reader may use.
pub(super) async fn project(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect(&format!("/projects/{id}"));
    };
    let p = match s.cases.project(&user, &id).await {
        Ok(p) => p,
        Err(e) => return service_failed(&s, &c, e),
    };
    let pending = p.budget_changes.iter().find(|b| b.status == "pending");
    let facts = serde_json::to_string_pretty(&p.facts).unwrap_or_default();
    render(
        &s,
        &c,
        "project.html",
        context! {
            p => Value::from_serialize(&p),
            may => Value::from_serialize(may(&s, &user, &p)),
            changes => Value::from_serialize(changes_view(&p)),
            budget => Value::from_serialize(budget_rows(&p)),
            pending => Value::from_serialize(pending),
            fields => Value::from_serialize(filing_fields(&s, &c, &p.facts)),
            today => onestop_store::today().to_string(),
            facts => facts,
        },
    )
}

/// Every form of the project page posts here with its `action`; back to the page.
pub(super) async fn act(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<FormFields>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    if let Some(r) = csrf_refused(&s, &c, field(&form, "csrf")) {
        return r;
    }
    let note = field(&form, "note");
    let seq = || {
        field(&form, "seq").trim().parse::<i64>().map_err(|_| {
            ServiceError::invalid("seq", "choose a milestone or an adjustment by its number")
        })
    };
    let cases = &s.cases;
    let done: Result<(), ServiceError> = match field(&form, "action") {
        "report" => match seq() {
            Ok(n) => cases
                .report_milestone(&user, &id, n, field(&form, "report"))
                .await
                .map(drop),
            Err(e) => Err(e),
        },
        "accept_milestone" => match seq() {
            Ok(n) => cases.accept_milestone(&user, &id, n, note).await.map(drop),
            Err(e) => Err(e),
        },
        "review" => match FilingReview::parse(field(&form, "decision")) {
            Some(d) => cases.review_project(&user, &id, d, note).await.map(drop),
            None => Err(ServiceError::invalid(
                "decision",
                "accept or return the filing",
            )),
        },
        "inspection" => {
            let decision = match field(&form, "decision") {
                "schedule" => Some(InspectionDecision::Schedule(field(&form, "on").to_string())),
                "waive" => Some(InspectionDecision::Waive),
                _ => None,
            };
            match decision {
                Some(d) => cases
                    .decide_inspection(&user, &id, &d, note)
                    .await
                    .map(drop),
                None => Err(ServiceError::invalid(
                    "decision",
                    "schedule or waive the inspection",
                )),
            }
        }
        "adjust" => {
            let mut changes = serde_json::Map::new();
            for subject in BUDGET_SUBJECTS {
                let v = form_amount(field(&form, &format!("{subject}_after")));
                if !v.is_empty() {
                    changes.insert(format!("{subject}_after"), J::String(v));
                }
            }
            let changes = J::Object(changes);
            match crate::api::facts::check(&s.engine.program, "project", &changes) {
                Err(e) => Err(ServiceError::invalid(
                    e.field.as_deref().unwrap_or("facts"),
                    e.message,
                )),
                Ok(()) => cases
                    .request_budget_change(&user, &id, &changes, field(&form, "reason"))
                    .await
                    .map(drop),
            }
        }
        "decide_budget" => match (seq(), BudgetDecision::parse(field(&form, "decision"))) {
            (Ok(n), Some(d)) => cases
                .decide_budget_change(&user, &id, n, d, note)
                .await
                .map(drop),
            (Err(e), _) => Err(e),
            (_, None) => Err(ServiceError::invalid("decision", "approve or refuse")),
        },
        "amend" => {
            let facts = facts_from_form(&s, &form);
            match crate::api::facts::check(&s.engine.program, "project", &facts) {
                Err(e) => Err(ServiceError::invalid(
                    e.field.as_deref().unwrap_or("facts"),
                    e.message,
                )),
                Ok(()) => cases
                    .amend_project(&user, &id, field(&form, "title"), &facts)
                    .await
                    .map(drop),
            }
        }
        _ => Err(ServiceError::invalid("action", "unknown action")),
    };
    match done {
        Ok(()) => Redirect::to(&format!("/projects/{id}")).into_response(),
        Err(e) => service_failed(&s, &c, e),
    }
}

/// The acceptance page: what still blocks the final acceptance, and the approved
/// adjustments to be filed with the department at acceptance.
pub(super) async fn acceptance(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect(&format!("/projects/{id}/acceptance"));
    };
    let a = match s.cases.acceptance(&user, &id).await {
        Ok(a) => a,
        Err(e) => return service_failed(&s, &c, e),
    };
    let filings: Vec<J> = a
        .filings
        .iter()
        .map(|f| {
            let mut v = json!(f);
            v["rows"] = json!(change_rows(f));
            v
        })
        .collect();
    let may_accept = s
        .cases
        .authz
        .allowed(&user, "accept_project", &resource(&a.project));
    render(
        &s,
        &c,
        "project_acceptance.html",
        context! {
            a => Value::from_serialize(&a),
            filings => Value::from_serialize(&filings),
            may_accept => may_accept,
        },
    )
}

/// The department's final acceptance, from the acceptance page.
pub(super) async fn accept(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<FormFields>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    if let Some(r) = csrf_refused(&s, &c, field(&form, "csrf")) {
        return r;
    }
    match s
        .cases
        .accept_project(&user, &id, field(&form, "note"))
        .await
    {
        Ok(_) => Redirect::to(&format!("/projects/{id}/acceptance")).into_response(),
        Err(e) => service_failed(&s, &c, e),
    }
}

/// The commission's project inbox: its agency's projects and what each waits for.
pub(super) async fn inbox(State(s): State<AppState>, c: Page) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect("/officer/projects");
    };
    if user.role != Role::Officer {
        return message(&s, &c, StatusCode::FORBIDDEN, "error-forbidden", "");
    }
    let projects = match s.cases.projects_for(&user).await {
        Ok(p) => p,
        Err(e) => return service_failed(&s, &c, e),
    };
    let mut rows: Vec<J> = projects
        .iter()
        .map(|p| {
            let mut todo: Vec<J> = Vec::new();
            match p.status {
                onestop_cases::projects::ProjectStatus::Filed => {
                    todo.push(json!({"key": "project-todo-review"}))
                }
                onestop_cases::projects::ProjectStatus::Active => {
                    let reported = p
                        .milestones
                        .iter()
                        .filter(|m| m.reported_at.is_some() && m.accepted_at.is_none())
                        .count();
                    if reported > 0 {
                        todo.push(json!({"key": "project-todo-milestones", "count": reported}));
                    }
                    if p.budget_changes.iter().any(|b| {
                        b.status == "pending"
                            && b.approver == onestop_cases::project_budget::DEPARTMENT_APPROVER
                    }) {
                        todo.push(json!({"key": "project-todo-adjustment"}));
                    }
                    if p.inspection.state == "undecided" {
                        todo.push(json!({"key": "project-todo-inspection"}));
                    }
                    if p.milestones.iter().all(|m| m.accepted_at.is_some()) {
                        todo.push(json!({"key": "project-todo-acceptance"}));
                    }
                }
                _ => {}
            }
            json!({"id": p.id, "title": p.title, "status": p.status, "leader": p.leader,
                   "unit": p.unit_name, "todo": todo, "created_at": p.created_at})
        })
        .collect();
    // What waits for the commission first, oldest first within each part.
    rows.sort_by_key(|r| r["todo"].as_array().is_none_or(|t| t.is_empty()));
    let agency = user
        .agency
        .as_deref()
        .map(|a| c.t(&format!("agency-{a}"), &[]))
        .unwrap_or_default();
    render(
        &s,
        &c,
        "officer_projects.html",
        context! { projects => Value::from_serialize(&rows), agency => agency },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_milestone_rows_are_left_out() {
        let form: FormFields = vec![
            ("milestone_name_1".into(), "Mid-term".into()),
            ("milestone_due_1".into(), "2026-01-01".into()),
            ("milestone_name_2".into(), " ".into()),
            ("milestone_due_2".into(), "".into()),
            ("milestone_name_3".into(), "".into()),
            ("milestone_due_3".into(), "2027-01-01".into()),
        ];
        let ms = milestones_from_form(&form);
        assert_eq!(
            ms.len(),
            2,
            "a half-filled row is kept, to be refused with its field"
        );
        assert_eq!(ms[0].name, "Mid-term");
        assert_eq!(ms[1].due_on, "2027-01-01");
    }
}
