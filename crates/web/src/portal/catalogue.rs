//! Reading the catalogue: the home page, every measure (filtered by group and
//! audience), one measure, search as you type (the tracker is `tracker.rs`).

use super::page::{Page, measure_title, message, render, rules_lang};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{Value, context};

fn measure_row(m: &onestop_catalog::MeasureEntry, lang: &str, computable: bool) -> Value {
    context! {
        id => m.id,
        title => measure_title(&m.id, lang),
        summary => m.summary.get(rules_lang(lang)),
        group => m.group,
        audience => m.audience,
        status => m.status,
        completion => m.completion,
        responsible => m.responsible,
        sources => m.sources,
        quote => m.quote,
        quote_source => m.quote_source,
        computable => computable,
    }
}

pub(super) async fn home(State(s): State<AppState>, c: Page) -> Response {
    render(&s, &c, "home.html", context! {})
}

#[derive(serde::Deserialize, Default)]
pub(super) struct CatalogueQuery {
    group: Option<String>,
    audience: Option<String>,
}

pub(super) async fn measures(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<CatalogueQuery>,
) -> Response {
    let rows: Vec<Value> = onestop_catalog::embedded()
        .measures
        .iter()
        .filter(|m| {
            q.group
                .as_deref()
                .is_none_or(|g| g.is_empty() || m.group == g)
        })
        .filter(|m| {
            q.audience
                .as_deref()
                .is_none_or(|a| a.is_empty() || m.audience.iter().any(|x| x == a))
        })
        .map(|m| measure_row(m, c.lang, s.engine.program.measure(&m.id).is_some()))
        .collect();
    render(
        &s,
        &c,
        "measures.html",
        context! { measures => rows, group => q.group, audience => q.audience },
    )
}

pub(super) async fn measure(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
) -> Response {
    match onestop_catalog::embedded().get(&id) {
        Some(m) => {
            let computable = s.engine.program.measure(&m.id).is_some();
            let audience = match m.group.as_str() {
                "talent" => "foreign-professional",
                "project" => "project",
                _ => "enterprise",
            };
            // Issue 16: the measure's public FAQ (questions its agency chose to publish).
            let faq = super::consult::measure_faq(&s, &m.id, c.lang).await;
            render(
                &s,
                &c,
                "measure.html",
                context! { m => measure_row(m, c.lang, computable), interview => audience, faq => faq },
            )
        }
        None => message(&s, &c, StatusCode::NOT_FOUND, "error-not-found", &id),
    }
}

#[derive(serde::Deserialize, Default)]
pub(super) struct SearchQuery {
    q: Option<String>,
}

pub(super) async fn search_page(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<SearchQuery>,
) -> Response {
    let query = q.q.unwrap_or_default();
    let query: String = query.chars().take(200).collect();
    let hits: Vec<Value> = s
        .portal
        .search
        .query(&query, 20)
        .into_iter()
        .filter_map(|h| {
            onestop_catalog::embedded()
                .get(&h.id)
                .map(|m| measure_row(m, c.lang, s.engine.program.measure(&m.id).is_some()))
        })
        .collect();
    let source_hits = s.portal.source_search.query(&query, 10);
    let partial = c.headers.contains_key("hx-request");
    render(
        &s,
        &c,
        if partial {
            "search_results.html"
        } else {
            "search.html"
        },
        context! { q => query, hits => hits, source_hits => source_hits },
    )
}
