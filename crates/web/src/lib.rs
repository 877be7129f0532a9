//! The HTTP face of onestop: a JSON API over the rule engine (eligibility, explanations,
//! open questions) and the one-window case service (accounts, profile, materials,
//! bundles, cases, officer inbox), described by OpenAPI 3 at `/openapi.json`.
//!
//! Every failure is a JSON body `{"error": ..., "field"?: ...}` with a 4xx status that
//! says what to fix; storage trouble is a 503 that invites a retry. Handlers never
//! unwrap input.

pub mod analyst;
mod api;
mod calendar_api;
mod download;
mod error;
mod extract;
mod ledger_api;
mod openapi;
mod performance_api;
mod pledges_api;
pub mod portal;
pub mod security;
mod state;

pub use error::ApiError;
pub use portal::templates::Portal;
pub use state::AppState;

use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::{Json, Router};
use std::sync::Arc;

/// The whole service: the JSON API (every route documented in `/openapi.json`), the
/// portal, and the layers every response passes (security headers, compression, a
/// panic is a 500 in the error shape).
pub fn router(state: AppState) -> Router {
    let (api, doc) = api::rules::routes()
        .merge(api::accounts::routes())
        .merge(api::cases::routes())
        .merge(api::projects::routes())
        .merge(calendar_api::routes())
        .merge(performance_api::routes())
        .merge(ledger_api::routes())
        .merge(pledges_api::routes())
        .merge(api::vouchers::routes())
        // ---- issue 16: notifications and the tracker ----
        .merge(api::notify::routes())
        .merge(api::tracker::routes())
        // ---- issue 16 item 4: S&T enterprise credit ----
        .merge(api::credit::routes())
        // ---- issue 16: consultation ----
        .merge(api::consult::routes())
        // ---- issue 16: statistical monitoring ----
        .merge(api::statistics::routes())
        // ---- issue 16 item 4: application scenarios and instrument sharing ----
        .merge(api::platforms::routes())
        .document::<openapi::__path_openapi_json>()
        .finish();
    let mut doc = doc;
    api::vocabulary::describe(&mut doc, &state.engine.program, &state.cases.services);
    portal::set_operator_names(&state.cases.services);
    let doc = Arc::new(doc);
    api.route(
        "/openapi.json",
        get(move || {
            let doc = doc.clone();
            async move { Json(doc.as_ref().clone()) }
        }),
    )
    .merge(portal::routes())
    .fallback(|| async {
        ApiError::new(StatusCode::NOT_FOUND, "no such endpoint; see /openapi.json")
    })
    .layer(axum::extract::DefaultBodyLimit::max(1024 * 1024))
    .layer(axum::middleware::from_fn(security::headers))
    .layer(tower_http::compression::CompressionLayer::new())
    .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error; the request was not completed",
        )
        .into_response()
    }))
    .with_state(state)
}
