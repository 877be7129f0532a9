//! `/performance`: how each agency keeps its statutory time limits, in public.

use super::{LangQuery, ctx, i18n, message, render};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use minijinja::{Value, context};

pub async fn page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/performance").await;
    let p = match s.cases.performance().await {
        Ok(p) => p,
        Err(e) => {
            let api = crate::ApiError::from(e);
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
                .map(|svc| match c.lang {
                    "zh-CN" => svc.title.zh.clone(),
                    "en" => svc.title.en.clone(),
                    _ => super::measure_title(&svc.measure, c.lang),
                })
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
