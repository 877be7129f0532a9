//! Innovation vouchers with every party (001 §28), beside the register's own voucher
//! routes in `ledger_api` (issue directly, see, ask a redemption, receipts): the
//! enterprise's application (decided by the rule `enterprise.innovation-voucher`) and
//! the agency's decision, the providers a holder may name, the redemptions a provider
//! confirms or declines and a holder withdraws, and the settlement (JSON and CSV).

use super::schemas::Error;
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam, QueryParams};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use onestop_cases::voucher_service::ApplyForVoucher;
use onestop_engine::explain::Lang;
use onestop_register::voucher_applications::{self, ApplicationDecision};
use onestop_register::voucher_redemptions::{self, RedemptionDecision};
use onestop_register::voucher_settlement;
use serde::Deserialize;
use serde_json::{Value as J, json};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Routes {
    documented!(
        Routes::new(),
        apply,
        list_applications,
        get_application,
        decide_application,
        list_providers,
        list_redemptions,
        get_redemption,
        decide_redemption,
        settlement,
        settlement_csv,
    )
}

#[derive(Deserialize, ToSchema)]
pub struct ApplyBody {
    /// The region whose science and technology agency is asked: the enterprise's own.
    #[schema(pattern = "^(beijing|tianjin|hebei)$")]
    region: String,
    /// Yuan, e.g. "80000.00".
    #[schema(pattern = "^[1-9][0-9]{0,8}(\\.[0-9]{1,2})?$")]
    amount: String,
    /// What the voucher is for.
    #[serde(default)]
    #[schema(max_length = 500)]
    purpose: String,
    /// Facts of the `enterprise` entity completing or overriding the stored profile
    /// (the rule reads `registration_region` and `is_tech_sme`).
    #[serde(default)]
    #[schema(value_type = Option<crate::api::schemas::EnterpriseFacts>)]
    facts: Option<J>,
}

/// Apply for an innovation voucher; the rule decides whether the enterprise qualifies.
#[utoipa::path(post, path = "/api/voucher-applications", request_body = ApplyBody, responses(
    (status = 201, description = "Filed and logged; waiting for the agency's decision", body = Object),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only enterprises apply", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Invalid field, facts missing, or not eligible (with the rule's `explanation`)", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn apply(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(b): JsonBody<ApplyBody>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    if let Some(f) = &b.facts {
        crate::api::facts::check(&s.engine.program, "enterprise", f)?;
    }
    let a = s
        .cases
        .apply_for_voucher(
            &who,
            &ApplyForVoucher {
                region: b.region,
                amount: J::String(b.amount),
                purpose: b.purpose,
                facts: b.facts,
            },
            Lang::En,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(json!(a))))
}

#[utoipa::path(get, path = "/api/voucher-applications", responses(
    (status = 200, description = "Applications the reader may see, newest first: its own, its agency's, or all", body = [Object]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_applications(
    State(s): State<AppState>,
    User(who): User,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        voucher_applications::list(&s.cases.register(), &who).await?
    )))
}

#[utoipa::path(get, path = "/api/voucher-applications/{id}", params(("id" = String, Path)), responses(
    (status = 200, description = "The application with the rule's explanation and the decision", body = Object),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Neither the applicant, its agency nor an administrator", body = Error),
    (status = 404, description = "No such application", body = Error),
    (status = 422, description = "The id holds a NUL character", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_application(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        voucher_applications::get(&s.cases.register(), &who, &id).await?
    )))
}

#[derive(Deserialize, ToSchema)]
pub struct ApplicationDecisionBody {
    /// issue (the amount applied for) or refuse
    #[schema(pattern = "^(issue|refuse)$")]
    decision: String,
    /// For `issue`: the last day the voucher may be used, YYYY-MM-DD, not past.
    #[serde(default)]
    #[schema(format = Date)]
    expires_on: Option<String>,
    /// Why (required to refuse).
    #[serde(default)]
    #[schema(max_length = 1000)]
    note: String,
}

/// The agency's officer issues the voucher applied for, or refuses it.
#[utoipa::path(post, path = "/api/voucher-applications/{id}/decision", request_body = ApplicationDecisionBody, params(("id" = String, Path)), responses(
    (status = 200, description = "Decided and logged (an issued voucher's id in `voucher_id`)", body = Object),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the agency it was made to", body = Error),
    (status = 404, description = "No such application", body = Error),
    (status = 409, description = "Already decided", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Invalid field; `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn decide_application(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<ApplicationDecisionBody>,
) -> Result<Json<J>, ApiError> {
    let decision = match b.decision.trim() {
        "issue" => ApplicationDecision::Issue {
            expires_on: b.expires_on.unwrap_or_default(),
        },
        "refuse" => ApplicationDecision::Refuse,
        _ => {
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "decision",
                "issue or refuse",
            ));
        }
    };
    Ok(Json(json!(
        voucher_applications::decide(
            &s.cases.register(),
            &who,
            &id,
            &decision,
            &b.note,
            onestop_store::today()
        )
        .await?
    )))
}

#[utoipa::path(get, path = "/api/voucher-providers", responses(
    (status = 200, description = "Service providers a holder may name, by region", body = [Object]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_providers(State(s): State<AppState>, User(_who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        voucher_redemptions::providers(&s.cases.db).await?
    )))
}

#[utoipa::path(get, path = "/api/voucher-redemptions", responses(
    (status = 200, description = "Redemptions the reader may see, newest first: a provider's, a holder's, an agency's, or all", body = [Object]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_redemptions(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        voucher_redemptions::list(&s.cases.register(), &who).await?
    )))
}

#[utoipa::path(get, path = "/api/voucher-redemptions/{id}", params(("id" = String, Path)), responses(
    (status = 200, description = "The redemption and its voucher", body = Object),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not its holder, provider, agency nor an administrator", body = Error),
    (status = 404, description = "No such redemption", body = Error),
    (status = 422, description = "The id holds a NUL character", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_redemption(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let (v, r) = voucher_redemptions::get(&s.cases.register(), &who, &id).await?;
    Ok(Json(json!({"voucher": v, "redemption": r})))
}

#[derive(Deserialize, ToSchema)]
pub struct RedemptionDecisionBody {
    /// confirm or decline (the provider named), withdraw (the holder)
    #[schema(pattern = "^(confirm|decline|withdraw)$")]
    decision: String,
    #[serde(default)]
    #[schema(max_length = 500)]
    note: String,
}

/// The provider confirms (it counts against the voucher) or declines a waiting
/// redemption; the holder withdraws it.
#[utoipa::path(post, path = "/api/voucher-redemptions/{id}/decision", request_body = RedemptionDecisionBody, params(("id" = String, Path)), responses(
    (status = 200, description = "Decided and logged", body = Object),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not the provider named (confirm, decline) or the holder (withdraw)", body = Error),
    (status = 404, description = "No such redemption", body = Error),
    (status = 409, description = "Already decided", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Invalid field; `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn decide_redemption(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<RedemptionDecisionBody>,
) -> Result<Json<J>, ApiError> {
    let Some(decision) = RedemptionDecision::parse(&b.decision) else {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "decision",
            "confirm, decline or withdraw",
        ));
    };
    let (v, r) = voucher_redemptions::decide(
        &s.cases.register(),
        &who,
        &id,
        decision,
        &b.note,
        onestop_store::today(),
    )
    .await?;
    Ok(Json(json!({"voucher": v, "redemption": r})))
}

/// Which lines of the settlement.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SettlementQuery {
    /// YYYY-MM; every month when left out.
    #[param(pattern = "^[0-9]{4}-(0[1-9]|1[0-2])$")]
    month: Option<String>,
    /// One paying agency (sci-tech, tianjin-sci-tech, hebei-sci-tech); all when left out.
    agency: Option<String>,
}

impl SettlementQuery {
    /// The month asked for. Left out means every month; sent blank is no month at all
    /// (the portal's form may leave it blank, the API says what it wants).
    fn month(&self) -> Result<Option<&str>, ApiError> {
        match self.month.as_deref() {
            Some(m) if m.trim().is_empty() => Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "month",
                "month is YYYY-MM; leave the parameter out for every month",
            )),
            m => Ok(m),
        }
    }
}

#[utoipa::path(get, path = "/api/voucher-settlement", params(SettlementQuery), responses(
    (status = 200, description = "What each agency owes each provider, by month: the lines the reader may see", body = [Object]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Neither an issuing agency, a provider nor an administrator", body = Error),
    (status = 422, description = "A parameter does not fit; `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn settlement(
    State(s): State<AppState>,
    User(who): User,
    QueryParams(q): QueryParams<SettlementQuery>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        voucher_settlement::lines(&s.cases.register(), &who, q.month()?, q.agency.as_deref())
            .await?
    )))
}

#[utoipa::path(get, path = "/api/voucher-settlement.csv", params(SettlementQuery), responses(
    (status = 200, description = "The same lines as CSV (header row; amounts in yuan)", content_type = "text/csv", body = String),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Neither an issuing agency, a provider nor an administrator", body = Error),
    (status = 422, description = "A parameter does not fit; `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn settlement_csv(
    State(s): State<AppState>,
    User(who): User,
    QueryParams(q): QueryParams<SettlementQuery>,
) -> Result<Response, ApiError> {
    let month = q.month()?;
    let lines =
        voucher_settlement::lines(&s.cases.register(), &who, month, q.agency.as_deref()).await?;
    Ok(csv_response(&lines, month))
}

/// The settlement as a CSV download (the API's and the portal's).
pub fn csv_response(lines: &[voucher_settlement::SettlementLine], month: Option<&str>) -> Response {
    let name = match month.filter(|m| !m.is_empty()) {
        Some(m) => format!("voucher-settlement-{m}.csv"),
        None => "voucher-settlement.csv".to_string(),
    };
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        voucher_settlement::csv(lines),
    )
        .into_response()
}
