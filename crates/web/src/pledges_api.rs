//! IP pledges over HTTP, for their three parties and the public: the joint
//! application (either party starts, the other countersigns), the registration
//! authority's registration or refusal, the release by the pledgee or on a court
//! order, the receipts of every step, and the public status of a right by its number.
//! Who may do what is the register's (the access policy); this module only speaks HTTP.

use crate::api::schemas::{
    ApplyPledge, Error, Pledge, Receipt as ReceiptSchema, RefusePledge, ReleasePledge, RightStatus,
};
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam, QueryParams};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use onestop_register::log;
use onestop_register::pledges::{self, PledgeView};
use onestop_register::{Register, pledge_status};
use onestop_store::Account;
use serde::Deserialize;
use serde_json::{Value as J, json};
use utoipa::IntoParams;

pub fn routes() -> Routes {
    documented!(
        Routes::new(),
        apply,
        list,
        status,
        get_pledge,
        countersign,
        register,
        refuse,
        release,
        receipts
    )
}

/// A patent or trademark by its registration number.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct RightQuery {
    /// patent or trademark
    #[param(pattern = "^(patent|trademark)$")]
    right_kind: String,
    /// The registration number, e.g. ZL202310000001.X
    #[param(pattern = "^\\s*[A-Za-z0-9./-](\\s*[A-Za-z0-9./-]){0,63}\\s*$")]
    right_number: String,
}

/// A pledge with what the reader may do next on it.
fn answer(reg: &Register<'_>, who: &Account, p: &PledgeView) -> J {
    let mut v = json!(p);
    v["may"] = json!(pledges::actions(reg, who, p));
    v
}

#[utoipa::path(post, path = "/api/pledges", request_body = ApplyPledge, responses(
    (status = 201, description = "Applied for and logged; the other party countersigns next", body = Pledge),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only a right holder (applicant) or a financial institution applies", body = Error),
    (status = 409, description = "The right stands pledged already", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Invalid field (an unknown counterparty, of the wrong role); `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn apply(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(req): JsonBody<pledges::ApplyPledge>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let reg = s.cases.register();
    let p = pledges::apply(&reg, &who, &req).await?;
    Ok((StatusCode::CREATED, Json(answer(&reg, &who, &p))))
}

#[utoipa::path(get, path = "/api/pledges", responses(
    (status = 200, description = "The pledges the reader is a party to, or its agency registers, newest first", body = [Pledge]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    let reg = s.cases.register();
    let all = pledges::list(&reg, &who).await?;
    Ok(Json(J::Array(
        all.iter().map(|p| answer(&reg, &who, p)).collect(),
    )))
}

#[utoipa::path(get, path = "/api/pledges/status", params(RightQuery), responses(
    (status = 200, description = "Public: whether the right stands pledged, to whom, since when, and its registered pledges", body = RightStatus),
    (status = 422, description = "`right_kind` or `right_number` missing or malformed", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn status(
    State(s): State<AppState>,
    QueryParams(q): QueryParams<RightQuery>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        pledge_status::status(&s.cases.register(), &q.right_kind, &q.right_number).await?
    )))
}

#[utoipa::path(get, path = "/api/pledges/{id}", params(("id" = String, Path)), responses(
    (status = 200, description = "The pledge, with what the reader may do next", body = Pledge),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Neither a party nor the registration authority", body = Error),
    (status = 404, description = "No such pledge", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_pledge(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let reg = s.cases.register();
    let p = pledges::get(&reg, &who, &id).await?;
    Ok(Json(answer(&reg, &who, &p)))
}

#[utoipa::path(post, path = "/api/pledges/{id}/countersignature", params(("id" = String, Path)), responses(
    (status = 200, description = "Countersigned and logged: the application goes to the registration authority", body = Pledge),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not the other party of the application", body = Error),
    (status = 404, description = "No such pledge", body = Error),
    (status = 409, description = "Not waiting for a countersignature", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn countersign(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let reg = s.cases.register();
    let p = pledges::countersign(&reg, &who, &id).await?;
    Ok(Json(answer(&reg, &who, &p)))
}

#[utoipa::path(post, path = "/api/pledges/{id}/registration", params(("id" = String, Path)), responses(
    (status = 200, description = "Registered and logged: the right stands pledged", body = Pledge),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the registration authority", body = Error),
    (status = 404, description = "No such pledge", body = Error),
    (status = 409, description = "Not signed by both parties, decided already, or the right stands pledged", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn register(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let reg = s.cases.register();
    let p = pledges::register(&reg, &who, &id).await?;
    Ok(Json(answer(&reg, &who, &p)))
}

#[derive(Deserialize)]
struct RefusalBody {
    #[serde(default)]
    reason: String,
}

#[utoipa::path(post, path = "/api/pledges/{id}/refusal", request_body = RefusePledge, params(("id" = String, Path)), responses(
    (status = 200, description = "Refused and logged", body = Pledge),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the registration authority", body = Error),
    (status = 404, description = "No such pledge", body = Error),
    (status = 409, description = "Not signed by both parties, or decided already", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "No reason given; `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn refuse(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<RefusalBody>,
) -> Result<Json<J>, ApiError> {
    let reg = s.cases.register();
    let p = pledges::refuse(&reg, &who, &id, &b.reason).await?;
    Ok(Json(answer(&reg, &who, &p)))
}

#[utoipa::path(post, path = "/api/pledges/{id}/release", request_body = ReleasePledge, params(("id" = String, Path)), responses(
    (status = 200, description = "Released and logged", body = Pledge),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Neither the pledgee, nor the registration authority's officer with a court order", body = Error),
    (status = 404, description = "No such pledge", body = Error),
    (status = 409, description = "Not registered, or released already", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Invalid field", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn release(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<pledges::ReleasePledge>,
) -> Result<Json<J>, ApiError> {
    let reg = s.cases.register();
    let p = pledges::release(&reg, &who, &id, &b).await?;
    Ok(Json(answer(&reg, &who, &p)))
}

#[utoipa::path(get, path = "/api/pledges/{id}/receipts", params(("id" = String, Path)), responses(
    (status = 200, description = "Receipts of every logged step of the pledge, in order", body = [ReceiptSchema]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Neither a party nor the registration authority", body = Error),
    (status = 404, description = "No such pledge", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn receipts(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let p = pledges::get(&s.cases.register(), &who, &id).await?;
    let mut out = Vec::new();
    for index in p.entries() {
        out.push(log::receipt(&s.cases.db, index).await?);
    }
    Ok(Json(json!(out)))
}
