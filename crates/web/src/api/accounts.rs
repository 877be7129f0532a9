//! Accounts and sessions: applicants register themselves, admins create officers,
//! everyone signs in for a bearer token (throttled with the portal's sign-in).

use super::schemas::{Account as AccountSchema, Error, Session};
use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User, bearer};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use onestop_store::{Account, Role};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub fn routes() -> Routes {
    documented!(Routes::new(), register, login, logout, me, admin_create)
}

#[derive(Deserialize, ToSchema)]
pub struct RegisterRequest {
    #[schema(pattern = "^[A-Za-z0-9._@-]{3,64}$")]
    username: String,
    #[schema(min_length = 8)]
    password: String,
    /// enterprise or person
    #[schema(pattern = "^(enterprise|person)$")]
    entity: String,
    #[serde(default)]
    display_name: String,
}

#[utoipa::path(post, path = "/api/accounts", request_body = RegisterRequest, responses(
    (status = 201, description = "Applicant account created", body = AccountSchema),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 409, description = "Username taken", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Invalid field; `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn register(
    State(s): State<AppState>,
    JsonBody(r): JsonBody<RegisterRequest>,
) -> Result<(StatusCode, Json<Account>), ApiError> {
    let a = s
        .cases
        .create_account(
            &r.username,
            &r.password,
            Role::Applicant,
            None,
            Some(&r.entity),
            &r.display_name,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(a)))
}

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    username: String,
    password: String,
}

#[utoipa::path(post, path = "/api/sessions", request_body = LoginRequest, responses(
    (status = 200, description = "A session token", body = Session),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Wrong username or password", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "A field is missing or not text", body = Error),
    (status = 429, description = "Too many failed sign-ins for the account or the client address; `Retry-After` says when to try again", body = Error,
        headers(("Retry-After" = u64, description = "Seconds until sign-in is allowed again"))),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn login(
    State(s): State<AppState>,
    ext: axum::http::Extensions,
    JsonBody(r): JsonBody<LoginRequest>,
) -> Response {
    use crate::security::LoginRefused;
    match crate::security::login(&s.throttle, &s.cases, &ext, &r.username, &r.password).await {
        Ok(session) => Json(json!(session)).into_response(),
        Err(LoginRefused::Wrong) => {
            ApiError::new(StatusCode::UNAUTHORIZED, "wrong username or password").into_response()
        }
        Err(LoginRefused::Locked(wait)) => {
            let mut r = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "too many failed sign-ins for this account or address; try again in {} seconds",
                    wait.as_secs().max(1)
                ),
            )
            .into_response();
            r.headers_mut()
                .insert(header::RETRY_AFTER, crate::security::retry_after(wait));
            r
        }
        Err(LoginRefused::Failed(e)) => ApiError::from(e).into_response(),
    }
}

/// Ends the session of the bearer token, if any: signing out twice is not an error.
#[utoipa::path(delete, path = "/api/sessions", responses(
    (status = 204, description = "Signed out (or was not signed in)"),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security((), ("bearer" = [])))]
async fn logout(State(s): State<AppState>, headers: HeaderMap) -> Result<StatusCode, ApiError> {
    if let Some(t) = bearer(&headers) {
        s.cases.logout(&t).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

/// The signed-in account.
#[utoipa::path(get, path = "/api/me", responses(
    (status = 200, description = "The signed-in account", body = AccountSchema),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn me(User(a): User) -> Json<Account> {
    Json(a)
}

#[derive(Deserialize, ToSchema)]
pub struct AdminCreate {
    #[schema(pattern = "^[A-Za-z0-9._@-]{3,64}$")]
    username: String,
    #[schema(min_length = 8)]
    password: String,
    /// officer, admin or financial-institution (a lender: the pledgee of IP pledges)
    #[schema(pattern = "^(officer|admin|financial-institution)$")]
    role: String,
    /// The officer's agency (see GET /api/services)
    agency: Option<String>,
    #[serde(default)]
    display_name: String,
}

#[utoipa::path(post, path = "/api/admin/accounts", request_body = AdminCreate, responses(
    (status = 201, description = "Officer, admin or financial institution created", body = AccountSchema),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an admin", body = Error),
    (status = 409, description = "Username taken", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Invalid field (an officer needs a known agency); `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn admin_create(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(r): JsonBody<AdminCreate>,
) -> Result<(StatusCode, Json<Account>), ApiError> {
    if who.role != Role::Admin {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "only admins create officer accounts",
        ));
    }
    let role = match r.role.as_str() {
        "officer" => Role::Officer,
        "admin" => Role::Admin,
        "financial-institution" => Role::FinancialInstitution,
        other => {
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "role",
                format!(
                    "`{other}`: create an `officer`, an `admin` or a `financial-institution` here; applicants register themselves"
                ),
            ));
        }
    };
    let a = s
        .cases
        .create_account(
            &r.username,
            &r.password,
            role,
            r.agency.as_deref(),
            None,
            &r.display_name,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(a)))
}
