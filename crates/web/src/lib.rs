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
mod error;
mod ledger_api;
mod performance_api;
pub mod portal;
pub mod security;
mod state;

pub use api::{AppState, router};
pub use error::ApiError;
pub use portal::Portal;

/// A stored material as a download: `attachment` with a safe file name, so a browser
/// never renders an uploaded file as a page of this site (with `nosniff`, set on
/// every response).
pub(crate) fn attachment(
    content_type: &str,
    filename: &str,
    bytes: Vec<u8>,
) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    let safe: String = filename
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let safe = if safe.trim_matches(['.', '_']).is_empty() {
        "material".into()
    } else {
        safe
    };
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_str(content_type)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{safe}\"")) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    r
}
