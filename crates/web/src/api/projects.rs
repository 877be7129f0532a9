//! Research projects under the fund rules, for their three parties: the leader files,
//! amends a returned filing, reports milestones and asks for budget adjustments; the
//! undertaking unit or the competent department decides each adjustment as the rule
//! names; the department's officers review filings, accept milestones, schedule or
//! waive the process inspection and do the final acceptance.

use super::schemas::{Acceptance, BudgetChange, Error, Project};
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use onestop_cases::project_budget::BudgetDecision;
use onestop_cases::project_review::{FilingReview, InspectionDecision};
use onestop_cases::projects::NewProject;
use serde::Deserialize;
use serde_json::{Value as J, json};
use utoipa::ToSchema;

pub fn routes() -> Routes {
    documented!(
        Routes::new(),
        file_project,
        list_projects,
        get_project,
        amend_project,
        review_project,
        report_milestone,
        accept_milestone,
        decide_inspection,
        request_budget_change,
        list_budget_changes,
        decide_budget_change,
        get_acceptance,
        accept_project,
    )
}

#[derive(Deserialize, ToSchema)]
pub struct ProjectBody {
    #[schema(pattern = "^\\S.{0,298}$")]
    title: String,
    /// The username of the undertaking unit's account (an organisation, entity
    /// `enterprise`): it approves adjustments within the delegated authority.
    #[schema(pattern = "^[A-Za-z0-9._@-]{3,64}$")]
    unit: String,
    /// Facts of the `project` entity (see POST /api/questions with entity project).
    /// The approved budget by subject (`*_budget_before`) is the budget as filed when
    /// not given.
    #[schema(value_type = crate::api::schemas::ProjectFacts)]
    facts: J,
    #[serde(default)]
    #[schema(value_type = Vec<crate::api::schemas::NewMilestone>, max_items = 50)]
    milestones: Vec<onestop_cases::projects::NewMilestone>,
}

/// File a project with the fund checks, for the competent department's review.
#[utoipa::path(post, path = "/api/projects", request_body = ProjectBody, responses(
    (status = 201, description = "Filed; awaiting review. Whether the rule requires a process inspection is in `inspection.required`", body = Project),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only applicants file projects", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Invalid, refused by the fund rules with the reason, or the unit is no organisation's account", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn file_project(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(b): JsonBody<ProjectBody>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    crate::api::facts::check(&s.engine.program, "project", &b.facts)?;
    let p = s
        .cases
        .file_project(
            &who,
            &NewProject {
                title: &b.title,
                unit: &b.unit,
                facts: &b.facts,
                milestones: &b.milestones,
            },
        )
        .await?;
    Ok((StatusCode::CREATED, Json(json!(p))))
}

/// The projects the signed-in account may see: an applicant's as leader and as
/// undertaking unit, an officer's agency's, every project for an administrator.
#[utoipa::path(get, path = "/api/projects", responses(
    (status = 200, description = "The projects, oldest first", body = [Project]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_projects(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.projects_for(&who).await?)))
}

/// A research project: parties, facts, milestones, inspection, budget history.
#[utoipa::path(get, path = "/api/projects/{id}", params(("id" = String, Path)), responses(
    (status = 200, description = "The project", body = Project),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not a party to it", body = Error),
    (status = 404, description = "No such project", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_project(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.project(&who, &id).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct AmendBody {
    #[schema(pattern = "^\\S.{0,298}$")]
    title: String,
    #[schema(value_type = crate::api::schemas::ProjectFacts)]
    facts: J,
}

/// The leader amends a returned filing and files it again (the fund checks run again).
#[utoipa::path(post, path = "/api/projects/{id}/amendment", request_body = AmendBody, params(("id" = String, Path)), responses(
    (status = 200, description = "Filed again; awaiting review", body = Project),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only the leader amends", body = Error),
    (status = 404, description = "No such project", body = Error),
    (status = 409, description = "The filing was not returned", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Invalid, or refused by the fund rules with the reason", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn amend_project(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<AmendBody>,
) -> Result<Json<J>, ApiError> {
    crate::api::facts::check(&s.engine.program, "project", &b.facts)?;
    Ok(Json(json!(
        s.cases.amend_project(&who, &id, &b.title, &b.facts).await?
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ReviewDecision {
    /// Accepted for implementation.
    Accept,
    /// Returned to the leader (a note is required).
    Return,
}

#[derive(Deserialize, ToSchema)]
pub struct ReviewBody {
    decision: ReviewDecision,
    /// Shown to the leader; required to return a filing.
    #[serde(default)]
    #[schema(max_length = 4000)]
    note: String,
}

/// The competent department accepts the filing for implementation or returns it.
#[utoipa::path(post, path = "/api/projects/{id}/review", request_body = ReviewBody, params(("id" = String, Path)), responses(
    (status = 200, description = "Reviewed", body = Project),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the project's agency", body = Error),
    (status = 404, description = "No such project", body = Error),
    (status = 409, description = "The filing is not awaiting review", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "A malformed field, or a return without a note", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn review_project(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<ReviewBody>,
) -> Result<Json<J>, ApiError> {
    let decision = match b.decision {
        ReviewDecision::Accept => FilingReview::Accept,
        ReviewDecision::Return => FilingReview::Return,
    };
    Ok(Json(json!(
        s.cases.review_project(&who, &id, decision, &b.note).await?
    )))
}

#[derive(Deserialize, ToSchema)]
pub struct ReportBody {
    /// The milestone's report.
    #[schema(pattern = "\\S", max_length = 20000)]
    report: String,
}

/// The leader reports a milestone; the answer carries the project's facts.
#[utoipa::path(post, path = "/api/projects/{id}/milestones/{seq}/report", request_body = ReportBody,
    params(("id" = String, Path), ("seq" = i64, Path, description = "The milestone's number")),
    responses(
        (status = 200, description = "Reported", body = Project),
        (status = 400, description = "The body is not JSON", body = Error),
        (status = 401, description = "Not signed in", body = Error),
        (status = 403, description = "Only the leader reports", body = Error),
        (status = 404, description = "No such project or milestone", body = Error),
        (status = 409, description = "Already reported, or the project is not being implemented", body = Error),
        (status = 413, description = "The body is over 1 MiB", body = Error),
        (status = 415, description = "The body is not sent as application/json", body = Error),
        (status = 422, description = "A malformed milestone number or field", body = Error),
        (status = 503, description = "Storage unavailable; try again", body = Error),
    ), security(("bearer" = [])))]
async fn report_milestone(
    State(s): State<AppState>,
    User(who): User,
    PathParam((id, seq)): PathParam<(String, i64)>,
    JsonBody(b): JsonBody<ReportBody>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        s.cases.report_milestone(&who, &id, seq, &b.report).await?
    )))
}

#[derive(Deserialize, ToSchema)]
pub struct NoteBody {
    /// Recorded with the decision.
    #[serde(default)]
    #[schema(max_length = 4000)]
    note: String,
}

/// The competent department accepts a reported milestone.
#[utoipa::path(post, path = "/api/projects/{id}/milestones/{seq}/acceptance", request_body = NoteBody,
    params(("id" = String, Path), ("seq" = i64, Path, description = "The milestone's number")),
    responses(
        (status = 200, description = "Accepted", body = Project),
        (status = 400, description = "The body is not JSON", body = Error),
        (status = 401, description = "Not signed in", body = Error),
        (status = 403, description = "Not an officer of the project's agency", body = Error),
        (status = 404, description = "No such project or milestone", body = Error),
        (status = 409, description = "Not reported yet, already accepted, or the project is not being implemented", body = Error),
        (status = 413, description = "The body is over 1 MiB", body = Error),
        (status = 415, description = "The body is not sent as application/json", body = Error),
        (status = 422, description = "A malformed milestone number or field", body = Error),
        (status = 503, description = "Storage unavailable; try again", body = Error),
    ), security(("bearer" = [])))]
async fn accept_milestone(
    State(s): State<AppState>,
    User(who): User,
    PathParam((id, seq)): PathParam<(String, i64)>,
    JsonBody(b): JsonBody<NoteBody>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        s.cases.accept_milestone(&who, &id, seq, &b.note).await?
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum InspectionChoice {
    /// Held on `on`.
    Schedule,
    /// Not held: only when the rule exempts the project.
    Waive,
}

#[derive(Deserialize, ToSchema)]
pub struct InspectionBody {
    decision: InspectionChoice,
    /// The inspection's day (to schedule): today or later.
    #[schema(format = Date)]
    on: Option<String>,
    #[serde(default)]
    #[schema(max_length = 4000)]
    note: String,
}

/// The competent department schedules the process inspection, or waives it when the
/// rule exempts the project (001 §15).
#[utoipa::path(post, path = "/api/projects/{id}/inspection", request_body = InspectionBody, params(("id" = String, Path)), responses(
    (status = 200, description = "Decided", body = Project),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the project's agency", body = Error),
    (status = 404, description = "No such project", body = Error),
    (status = 409, description = "The project is not being implemented", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Waiving an inspection the rule requires (with the reason), or a missing or past day", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn decide_inspection(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<InspectionBody>,
) -> Result<Json<J>, ApiError> {
    let decision = match b.decision {
        InspectionChoice::Schedule => InspectionDecision::Schedule(b.on.unwrap_or_default()),
        InspectionChoice::Waive => InspectionDecision::Waive,
    };
    Ok(Json(json!(
        s.cases
            .decide_inspection(&who, &id, &decision, &b.note)
            .await?
    )))
}

#[derive(Deserialize, ToSchema)]
pub struct AdjustBody {
    /// New amounts, e.g. {"equipment_budget_after": "260000.00", "other_direct_budget_after": "2940000.00"}
    #[schema(value_type = crate::api::schemas::BudgetFacts)]
    facts: J,
    /// Why the budget is adjusted.
    #[schema(pattern = "\\S", max_length = 4000)]
    reason: String,
}

/// The leader asks for a budget adjustment; the rule names who approves it.
#[utoipa::path(post, path = "/api/projects/{id}/budget-adjustments", request_body = AdjustBody, params(("id" = String, Path)), responses(
    (status = 201, description = "Waiting for the approver the rule names; whether an approval is filed at acceptance", body = BudgetChange),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only the leader asks", body = Error),
    (status = 404, description = "No such project", body = Error),
    (status = 409, description = "Another adjustment waits for a decision, or the project is not being implemented", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Facts missing for the rule, nothing changed, or not a budget subject", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn request_budget_change(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<AdjustBody>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    crate::api::facts::check(&s.engine.program, "project", &b.facts)?;
    let c = s
        .cases
        .request_budget_change(&who, &id, &b.facts, &b.reason)
        .await?;
    Ok((StatusCode::CREATED, Json(json!(c))))
}

/// A project's budget adjustments and their decisions, oldest first.
#[utoipa::path(get, path = "/api/projects/{id}/budget-adjustments", params(("id" = String, Path)), responses(
    (status = 200, description = "The history of the budget", body = [BudgetChange]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not a party to the project", body = Error),
    (status = 404, description = "No such project", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_budget_changes(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        s.cases.project(&who, &id).await?.budget_changes
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum BudgetChoice {
    Approve,
    /// A note is required.
    Refuse,
}

#[derive(Deserialize, ToSchema)]
pub struct BudgetDecisionBody {
    decision: BudgetChoice,
    #[serde(default)]
    #[schema(max_length = 4000)]
    note: String,
}

/// The approver the rule names (the undertaking unit, or the department's officer)
/// approves or refuses a pending adjustment; an approval changes the budget in force.
#[utoipa::path(post, path = "/api/projects/{id}/budget-adjustments/{seq}/decision", request_body = BudgetDecisionBody,
    params(("id" = String, Path), ("seq" = i64, Path, description = "The adjustment's number")),
    responses(
        (status = 200, description = "Decided", body = Project),
        (status = 400, description = "The body is not JSON", body = Error),
        (status = 401, description = "Not signed in", body = Error),
        (status = 403, description = "Not the approver the rule names", body = Error),
        (status = 404, description = "No such project or adjustment", body = Error),
        (status = 409, description = "Already decided, or the project is not being implemented", body = Error),
        (status = 413, description = "The body is over 1 MiB", body = Error),
        (status = 415, description = "The body is not sent as application/json", body = Error),
        (status = 422, description = "A malformed field, or a refusal without a note", body = Error),
        (status = 503, description = "Storage unavailable; try again", body = Error),
    ), security(("bearer" = [])))]
async fn decide_budget_change(
    State(s): State<AppState>,
    User(who): User,
    PathParam((id, seq)): PathParam<(String, i64)>,
    JsonBody(b): JsonBody<BudgetDecisionBody>,
) -> Result<Json<J>, ApiError> {
    let decision = match b.decision {
        BudgetChoice::Approve => BudgetDecision::Approve,
        BudgetChoice::Refuse => BudgetDecision::Refuse,
    };
    Ok(Json(json!(
        s.cases
            .decide_budget_change(&who, &id, seq, decision, &b.note)
            .await?
    )))
}

/// The final acceptance: what still blocks it, and the adjustments filed at it.
#[utoipa::path(get, path = "/api/projects/{id}/acceptance", params(("id" = String, Path)), responses(
    (status = 200, description = "The acceptance", body = Acceptance),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not a party to the project", body = Error),
    (status = 404, description = "No such project", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_acceptance(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.acceptance(&who, &id).await?)))
}

/// The competent department does the final acceptance; the adjustments the rule
/// marks are filed with it.
#[utoipa::path(post, path = "/api/projects/{id}/acceptance", request_body = NoteBody, params(("id" = String, Path)), responses(
    (status = 200, description = "Accepted; the filings are filed", body = Acceptance),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the project's agency", body = Error),
    (status = 404, description = "No such project", body = Error),
    (status = 409, description = "Not ready: the first blocker is named", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "A malformed field", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn accept_project(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<NoteBody>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        s.cases.accept_project(&who, &id, &b.note).await?
    )))
}
