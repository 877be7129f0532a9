//! `/performance`: how each agency keeps its statutory time limits, in public.

use super::page::{Page, message, render, service_title};
use super::templates::i18n;
use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{Value, context};

pub async fn page(State(s): State<AppState>, c: Page) -> Response {
    let p = match s.cases.performance().await {
        Ok(p) => p,
        Err(e) => {
            let api = crate::error::ApiError::from(e);
            return message(&s, &c, api.status, "error-action", &api.message);
        }
    };
    let services: Vec<Value> = p
        .services
        .iter()
        .map(|sp| {
            let title = s
                .cases
                .services
                .get(&sp.service)
                .map(|svc| service_title(svc, c.lang))
                .unwrap_or_else(|| sp.service.clone());
            context! { title => title, decided => sp.decided, median => sp.median_working_days }
        })
        .collect();
    let agencies: Vec<Value> = p
        .agencies
        .iter()
        .map(|a| {
            let key = format!("agency-{}", a.agency);
            let title = if i18n().has(c.lang, &key) {
                i18n().t(c.lang, &key, &[])
            } else {
                a.agency.clone()
            };
            context! { title => title, decided => a.decided, on_time => a.on_time, percent => a.on_time_percent }
        })
        .collect();
    let mut r = render(
        &s,
        &c,
        "performance.html",
        context! { agencies => agencies, services => services },
    );
    *r.status_mut() = StatusCode::OK;
    r
}
