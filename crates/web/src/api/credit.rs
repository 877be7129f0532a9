//! S&T enterprise credit over HTTP (issue 16 item 4; 001 §26; docs/credit.md): an
//! enterprise's evaluation with its explanation, for the enterprise, a financial
//! institution it consented to, or the Science and Technology Commission; the
//! enterprise's consents (give, list, revoke) and the consents given to an
//! institution. Who may see what is the access policy's (`onestop_cases::credit`).

use super::schemas::{Error, Evaluation};
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam, QueryParams};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use onestop_cases::credit::GiveConsent;
use onestop_engine::explain::{Lang, render_explanation};
use onestop_engine::report::evaluation_to_json;
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Routes {
    documented!(Routes::new(), evaluation, consents, give, revoke, given)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct LangQuery {
    /// The explanation's language: en (default), zh, ko, ru, es or ar
    #[param(pattern = "^(en|zh|ko|ru|es|ar)$")]
    lang: Option<String>,
}

/// What onestop records of the enterprise, counted on the business date (the rule's facts).
#[derive(ToSchema, Serialize)]
pub struct CreditCounts {
    cases_approved: i64,
    licences_valid: i64,
    licences_suspended: i64,
    revocations: i64,
    vouchers_issued: i64,
    vouchers_redeemed: i64,
    pledges_registered: i64,
    pledges_released: i64,
    milestones_overdue: i64,
}

/// An enterprise's credit evaluation: the counts, the rule's evaluation
/// (`enterprise.credit-evaluation`: grade `cre_credit_grade`, score `cre_credit_score`,
/// each with its confidence and doubts) and its explanation as text.
#[derive(ToSchema, Serialize)]
pub struct CreditEvaluation {
    enterprise: String,
    enterprise_name: String,
    #[schema(format = Date)]
    date: String,
    counts: CreditCounts,
    evaluation: Evaluation,
    explanation: String,
}

/// A consent an enterprise gave a financial institution.
#[derive(ToSchema, Serialize)]
pub struct CreditConsent {
    id: String,
    enterprise: String,
    enterprise_name: String,
    institution: String,
    institution_name: String,
    #[schema(format = Date)]
    granted_on: String,
    /// The last day it holds (inclusive); null: until revoked.
    #[schema(format = Date)]
    expires_on: Option<String>,
    granted_at: String,
    #[schema(format = Date)]
    revoked_on: Option<String>,
    revoked_at: Option<String>,
    /// Whether the institution sees the evaluation today.
    live: bool,
}

/// A consent to give: the institution's username and, optionally, its last day.
#[derive(ToSchema, Deserialize)]
#[allow(dead_code)]
pub struct GiveCreditConsent {
    #[schema(min_length = 1, max_length = 64)]
    institution: String,
    #[schema(format = Date)]
    expires_on: Option<String>,
}

#[utoipa::path(get, path = "/api/credit/evaluations/{username}", params(("username" = String, Path, description = "The enterprise's username"), LangQuery), responses(
    (status = 200, description = "The evaluation with its explanation", body = CreditEvaluation),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not the enterprise, not a financial institution with its live consent, not the commission", body = Error),
    (status = 404, description = "No S&T enterprise of that username", body = Error),
    (status = 422, description = "Unknown language", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn evaluation(
    State(s): State<AppState>,
    User(who): User,
    PathParam(username): PathParam<String>,
    QueryParams(q): QueryParams<LangQuery>,
) -> Result<Json<J>, ApiError> {
    let lang = match q.lang.as_deref() {
        None => Lang::En,
        Some(l) => Lang::parse(l).ok_or_else(|| {
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "lang",
                format!("unknown language `{l}`; use en, zh, ko, ru, es or ar"),
            )
        })?,
    };
    let e = s.cases.credit_evaluation(&who, &username).await?;
    let program = &s.engine.program;
    Ok(Json(json!({
        "enterprise": e.enterprise,
        "enterprise_name": e.enterprise_name,
        "date": e.date.to_string(),
        "counts": e.counts,
        "evaluation": evaluation_to_json(program, &e.evaluation),
        "explanation": render_explanation(program, &e.facts, &e.evaluation, lang),
    })))
}

#[utoipa::path(get, path = "/api/credit/consents", responses(
    (status = 200, description = "The enterprise's consents, newest first, revoked and expired ones included", body = [CreditConsent]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an S&T enterprise", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn consents(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.credit_consents(&who).await?)))
}

#[utoipa::path(post, path = "/api/credit/consents", request_body = GiveCreditConsent, responses(
    (status = 201, description = "Given from today: the institution sees the evaluation", body = CreditConsent),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an S&T enterprise", body = Error),
    (status = 404, description = "No registered financial institution of that username", body = Error),
    (status = 409, description = "A consent to this institution stands already", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "A bad last day; `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn give(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(req): JsonBody<GiveConsent>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let c = s.cases.give_credit_consent(&who, &req).await?;
    Ok((StatusCode::CREATED, Json(json!(c))))
}

#[utoipa::path(post, path = "/api/credit/consents/{id}/revocation", params(("id" = String, Path)), responses(
    (status = 200, description = "Revoked today: the institution no longer sees the evaluation", body = CreditConsent),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an S&T enterprise", body = Error),
    (status = 404, description = "No such consent of yours", body = Error),
    (status = 409, description = "Revoked already", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn revoke(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.revoke_credit_consent(&who, &id).await?)))
}

#[utoipa::path(get, path = "/api/credit/consents/given", responses(
    (status = 200, description = "The consents given to the institution, newest first", body = [CreditConsent]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not a financial institution", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn given(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.credit_consents_given(&who).await?)))
}
