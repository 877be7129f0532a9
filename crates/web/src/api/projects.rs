//! Research projects under the fund rules: filing, budget adjustments and milestone
//! reports, each decided by the engine.

use super::schemas::Error;
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value as J, json};
use utoipa::ToSchema;

pub fn routes() -> Routes {
    documented!(
        Routes::new(),
        file_project,
        my_projects,
        get_project,
        adjust_budget,
        report_milestone
    )
}

#[derive(Deserialize, ToSchema)]
pub struct ProjectBody {
    #[schema(pattern = "^\\S.{0,298}$")]
    title: String,
    /// Facts of the `project` entity (see POST /api/questions with entity project).
    #[schema(value_type = crate::api::schemas::ProjectFacts)]
    facts: J,
    #[serde(default)]
    #[schema(value_type = Vec<crate::api::schemas::NewMilestone>)]
    milestones: Vec<onestop_cases::projects::NewMilestone>,
}

#[utoipa::path(post, path = "/api/projects", request_body = ProjectBody, responses(
    (status = 201, description = "Filed; inspection scheduled or exempt by the rules", body = Object),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only applicants file projects", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Invalid, or refused by the fund rules, with the reason", body = Error),
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
        .file_project(&who, &b.title, &b.facts, &b.milestones)
        .await?;
    Ok((StatusCode::CREATED, Json(json!(p))))
}

/// My research projects.
#[utoipa::path(get, path = "/api/projects", responses(
    (status = 200, description = "The signed-in account's projects", body = [Object]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn my_projects(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.my_projects(&who).await?)))
}

/// A research project, its facts and milestones.
#[utoipa::path(get, path = "/api/projects/{id}", params(("id" = String, Path)), responses(
    (status = 200, description = "The project, its facts and milestones", body = Object),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not yours", body = Error),
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
pub struct AdjustBody {
    /// New amounts, e.g. {"equipment_budget_after": "260000.00", ...}
    #[schema(value_type = crate::api::schemas::ProjectFacts)]
    facts: J,
}

#[utoipa::path(post, path = "/api/projects/{id}/budget-adjustments", request_body = AdjustBody, params(("id" = String, Path)), responses(
    (status = 200, description = "Allowed: who approves, whether it is filed at acceptance", body = Object),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not yours", body = Error),
    (status = 404, description = "No such project", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Not allowed, with the reason", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn adjust_budget(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<AdjustBody>,
) -> Result<Json<J>, ApiError> {
    crate::api::facts::check(&s.engine.program, "project", &b.facts)?;
    let (p, decision) = s.cases.adjust_budget(&who, &id, &b.facts).await?;
    Ok(Json(json!({"project": p, "decision": decision})))
}

#[derive(Deserialize, ToSchema)]
pub struct ReportBody {
    /// The milestone's report.
    report: String,
}

/// Report a milestone; the answer carries the filed facts.
#[utoipa::path(post, path = "/api/projects/{id}/milestones/{seq}/report", request_body = ReportBody,
    params(("id" = String, Path), ("seq" = i64, Path, description = "The milestone's number")),
    responses(
        (status = 200, description = "Reported", body = Object),
        (status = 400, description = "The body is not JSON", body = Error),
        (status = 401, description = "Not signed in", body = Error),
        (status = 403, description = "Not yours", body = Error),
        (status = 404, description = "No such project or milestone", body = Error),
        (status = 409, description = "Already reported", body = Error),
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
