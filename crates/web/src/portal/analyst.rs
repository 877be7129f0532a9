//! The analyst's reform page: a shipped reform over a shipped population, simulated by
//! the binary's `Simulator` (the batch engine; this crate never links DataFusion).

use super::page::{Page, message, render};
use crate::state::AppState;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::Response;
use minijinja::{Value, context};

#[derive(serde::Deserialize)]
pub(super) struct AnalystQuery {
    reform: Option<String>,
    population: Option<String>,
    date: Option<String>,
}

/// The date reforms are simulated on unless the analyst picks another: the end of
/// the last complete tax year's filing season in the shipped sample data.
const DEFAULT_SIMULATION_DATE: &str = "2024-05-31";

/// The analyst's reform page: choose a shipped reform and population, see what the
/// reform does (beneficiaries, winners and losers, cost, breakdowns, charts).
pub(super) async fn analyst_page(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<AnalystQuery>,
) -> Response {
    let Some(sim) = s.simulator.clone() else {
        return message(
            &s,
            &c,
            StatusCode::SERVICE_UNAVAILABLE,
            "analyst-unavailable",
            "",
        );
    };
    let reforms: Vec<Value> = sim
        .reforms()
        .into_iter()
        .map(|r| {
            context! { id => r.id, title => r.title(c.lang) }
        })
        .collect();
    let populations = Value::from_serialize(sim.populations());
    let date_text = q
        .date
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_SIMULATION_DATE.to_string());
    let chosen = context! {
        reform => q.reform.clone().unwrap_or_default(),
        population => q.population.clone().unwrap_or_default(),
        date => date_text.clone(),
    };
    let (Some(reform), Some(population)) = (q.reform.as_deref(), q.population.as_deref()) else {
        return render(
            &s,
            &c,
            "analyst.html",
            context! { reforms => reforms, populations => populations, chosen => chosen, report => () },
        );
    };
    let page = |status: StatusCode, error: Option<String>, outcome: Option<Value>| {
        let mut r = render(
            &s,
            &c,
            "analyst.html",
            context! { reforms => reforms.clone(), populations => populations.clone(), chosen => chosen.clone(), error => error, ..outcome.unwrap_or_else(|| context! { report => () }) },
        );
        *r.status_mut() = status;
        r
    };
    let Ok(date) = chrono::NaiveDate::parse_from_str(date_text.trim(), "%Y-%m-%d") else {
        return page(
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(c.t("analyst-bad-date", &[("date", date_text.clone())])),
            None,
        );
    };
    match sim.simulate(reform, population, date).await {
        Ok(o) => {
            use base64::Engine as _;
            let img = |svg: &str| {
                format!(
                    "data:image/svg+xml;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(svg)
                )
            };
            let outcome = context! {
                report => Value::from_serialize(&o.report),
                district_chart => o.cost_by_district_svg.as_deref().map(img),
                gains_chart => img(&o.gains_svg),
                seconds => format!("{:.2}", o.seconds),
            };
            page(StatusCode::OK, None, Some(outcome))
        }
        Err(crate::analyst::SimulationError::Unknown(m)) => {
            page(StatusCode::UNPROCESSABLE_ENTITY, Some(m), None)
        }
        Err(crate::analyst::SimulationError::Busy(m)) => {
            let mut r = page(StatusCode::SERVICE_UNAVAILABLE, Some(m), None);
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
            r
        }
        Err(crate::analyst::SimulationError::Failed(m)) => {
            page(StatusCode::INTERNAL_SERVER_ERROR, Some(m), None)
        }
    }
}
