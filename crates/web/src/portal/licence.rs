//! `/licences/{code}`: the printable e-licence, in the reader's language, from the
//! register's stored document (the register renders nothing itself).

use super::page::{Page, message, render};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use minijinja::context;

/// The page carries its own stylesheet inline (it prints alone), and nothing else.
const PRINT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

pub(super) async fn page(State(s): State<AppState>, c: Page, Path(code): Path<String>) -> Response {
    let printable = match onestop_register::licences::printable(&s.cases.db, &code).await {
        Ok(p) => p,
        Err(e) => {
            let api = crate::ApiError::from(e);
            let key = if api.status == StatusCode::NOT_FOUND {
                "verify-not-found"
            } else if api.status == StatusCode::UNPROCESSABLE_ENTITY {
                "verify-bad-code"
            } else {
                "error-action"
            };
            return message(&s, &c, api.status, key, "");
        }
    };
    let d = minijinja::Value::from_serialize(&printable.document);
    let code = printable.document["code"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let mut r = render(
        &s,
        &c,
        "licence.html",
        context! {
            d => d,
            code => code,
            index => printable.log_index,
            status => printable.status,
            last_change => minijinja::Value::from_serialize(&printable.last_change),
        },
    );
    r.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(PRINT_CSP),
    );
    r
}
