//! `/admin/witnesses`: the log's witnesses for its operator: the quorum a receipt
//! needs, the latest head, each witness with the last head it cosigned and when, and
//! every refusal a witness reported (a refused checkpoint is evidence that the log
//! may have forked). Who sees it is the access policy's `view_witnesses`.

use super::page::{Page, message, render};
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_store::authz::Resource;

const PATH: &str = "/admin/witnesses";

/// POSIX seconds as `YYYY-MM-DD HH:MM:SS UTC`.
fn utc(seconds: u64) -> String {
    i64::try_from(seconds)
        .ok()
        .and_then(|s| chrono::DateTime::from_timestamp(s, 0))
        .map(|t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_else(|| seconds.to_string())
}

pub async fn page(State(s): State<AppState>, c: Page) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to(&format!("/login?next={PATH}")).into_response();
    };
    if !s
        .cases
        .authz
        .allowed(&user, "view_witnesses", &Resource::Witnesses)
    {
        return message(&s, &c, StatusCode::FORBIDDEN, "error-forbidden", "");
    }
    let overview = match onestop_register::witness::overview(&s.cases.db, &s.cases.witnesses).await
    {
        Ok(o) => o,
        Err(e) => {
            let err = crate::error::ApiError::from(e);
            return message(&s, &c, err.status, "error-action", &err.message);
        }
    };
    let mut v = serde_json::json!(overview);
    for w in v["witnesses"].as_array_mut().into_iter().flatten() {
        if let Some(t) = w["last_time"].as_u64() {
            w["last_time_utc"] = serde_json::json!(utc(t));
        }
    }
    for r in v["refusals"].as_array_mut().into_iter().flatten() {
        if let Some(t) = r["refused_at"].as_u64() {
            r["refused_utc"] = serde_json::json!(utc(t));
        }
    }
    render(
        &s,
        &c,
        "witnesses.html",
        context! { overview => Value::from_serialize(&v) },
    )
}
