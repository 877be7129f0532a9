//! What every handler shares: the service state and the signed-in account. Handlers of
//! every module depend on this one; it depends on none of them.

use crate::error::ApiError;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use onestop_cases::CaseService;
use onestop_engine::Engine;
use onestop_store::Account;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub engine: Arc<Engine>,
    pub cases: Arc<CaseService>,
    pub portal: Arc<crate::portal::templates::Portal>,
    /// The population simulator behind the analyst's reform page, when the binary
    /// provides one.
    pub simulator: Option<Arc<dyn crate::analyst::Simulator>>,
    /// Failed sign-ins by account and address (API and portal share it).
    pub throttle: Arc<crate::security::LoginThrottle>,
    /// Cookies get `Secure` (the operator serves over TLS, `serve --secure-cookies`).
    pub secure_cookies: bool,
}

/// The signed-in account, from `Authorization: Bearer <token>`.
pub struct User(pub Account);

impl FromRequestParts<AppState> for User {
    type Rejection = ApiError;
    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let token = bearer(&parts.headers).ok_or_else(|| {
            ApiError::new(
                StatusCode::UNAUTHORIZED,
                "sign in first: send `Authorization: Bearer <token>` from POST /api/sessions",
            )
        })?;
        Ok(User(state.cases.authenticate(&token).await?))
    }
}

pub(crate) fn bearer(h: &HeaderMap) -> Option<String> {
    h.get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")
        .map(|t| t.trim().to_string())
}

/// The signed-in account if a valid bearer token came with the request (pages and
/// answers that show more to some accounts, without requiring one).
pub(crate) async fn optional_user(s: &AppState, h: &HeaderMap) -> Option<Account> {
    s.cases.authenticate(&bearer(h)?).await.ok()
}
