//! Application scenarios in the portal (issue 16 item 4; 001 §25, 000 §13): every
//! list with the scenarios suggested for an industry and capabilities (and why, in
//! the reader's language), an agency's publication form, one list with the
//! enterprises' solution forms, the agency's ranked solutions with the selection and
//! the results button, and the public results. Every permission is the access
//! policy's (`onestop_platforms::scenarios`).

use super::page::{Page, form_sender, form_value, message, render, service_failed};
use crate::state::AppState;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_platforms::matching::Match;
use onestop_platforms::scenarios::{self, ScenarioList};
use onestop_store::ServiceError;

/// How many scenario blocks the publication form offers.
const FORM_SCENARIOS: usize = 3;

/// Words typed into one field, split at commas (ASCII or full-width) and semicolons.
pub(super) fn split_words(list: &str) -> Vec<String> {
    list.split([',', '，', ';', '；'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Why a scenario matches, in the reader's language, from the match's fields.
fn why(c: &Page, industry: &str, m: &Match) -> String {
    let mut parts = Vec::new();
    if m.same_industry {
        parts.push(c.t(
            "scenarios-why-industry",
            &[("industry", industry.to_string())],
        ));
    }
    if !m.shared_capabilities.is_empty() {
        parts.push(c.t(
            "scenarios-why-capabilities",
            &[("capabilities", m.shared_capabilities.join(", "))],
        ));
    }
    if parts.is_empty() {
        return c.t("scenarios-why-none", &[]);
    }
    parts.join("; ")
}

fn list_row(l: &ScenarioList) -> Value {
    context! {
        id => l.id,
        agency => l.agency,
        title => l.title,
        working_days => l.working_days,
        opened_on => l.opened_on,
        closes_on => l.closes_on,
        provisional => l.closes_provisional,
        results => l.results_at.is_some(),
        open => l.open,
        scenarios => l.scenarios.iter().map(|s| context! {
            id => s.id, position => s.position, title => s.title, need => s.need,
            industry => s.industry, capabilities => s.capabilities.join(", "),
        }).collect::<Vec<_>>(),
    }
}

#[derive(serde::Deserialize, Default)]
pub(super) struct SuggestQuery {
    industry: Option<String>,
    capabilities: Option<String>,
}

async fn lists_page(
    s: &AppState,
    c: &Page,
    q: &SuggestQuery,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let lists = match scenarios::lists(&s.cases.db).await {
        Ok(x) => x,
        Err(e) => return service_failed(s, c, e),
    };
    let industry = q.industry.clone().unwrap_or_default();
    let capabilities = q.capabilities.clone().unwrap_or_default();
    let (suggestions, suggest_error) = if industry.trim().is_empty() && capabilities.is_empty() {
        (Vec::new(), None)
    } else {
        match scenarios::suggest(&s.cases.db, &industry, &split_words(&capabilities)).await {
            Ok(list) => (
                list.iter()
                    .map(|x| {
                        context! {
                            list_id => x.list_id, list_title => x.list_title,
                            title => x.scenario.title, industry => x.scenario.industry,
                            score => x.matching.score,
                            why => why(c, &x.scenario.industry, &x.matching),
                        }
                    })
                    .collect::<Vec<_>>(),
                None,
            ),
            Err(e) => (Vec::new(), Some(e.to_string())),
        }
    };
    let may_publish = c
        .user
        .as_ref()
        .is_some_and(|u| scenarios::may_publish(&s.cases.authz, u));
    let mut r = render(
        s,
        c,
        "scenarios.html",
        context! {
            lists => lists.iter().map(list_row).collect::<Vec<_>>(),
            industry => industry,
            capabilities => capabilities,
            asked => q.industry.is_some() || q.capabilities.is_some(),
            suggestions => suggestions,
            suggest_error => suggest_error,
            may_publish => may_publish,
            blocks => (1..=FORM_SCENARIOS).collect::<Vec<_>>(),
            min_days => scenarios::MIN_WORKING_DAYS,
            max_days => scenarios::MAX_WORKING_DAYS,
            error => error,
        },
    );
    *r.status_mut() = status;
    r
}

/// Every list, the suggestions for the industry and capabilities asked, and the
/// agency's publication form.
pub(super) async fn page(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<SuggestQuery>,
) -> Response {
    lists_page(&s, &c, &q, None, StatusCode::OK).await
}

/// An agency's officer publishes a list (scenario blocks with an empty title are
/// left out).
pub(super) async fn publish(
    State(s): State<AppState>,
    c: Page,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at("/scenarios");
    let who = match form_sender(&s, &c, &form) {
        Ok(user) => user,
        Err(refusal) => return *refusal,
    };
    let days = form_value(&form, "working_days");
    let Ok(working_days) = days.trim().parse::<i64>() else {
        let text = c.t("scenarios-days-not-number", &[("value", days.clone())]);
        return lists_page(
            &s,
            &c,
            &SuggestQuery::default(),
            Some(text),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let blocks = (1..=FORM_SCENARIOS)
        .filter(|i| !form_value(&form, &format!("title_{i}")).trim().is_empty())
        .map(|i| scenarios::NewScenario {
            title: form_value(&form, &format!("title_{i}")),
            need: form_value(&form, &format!("need_{i}")),
            industry: form_value(&form, &format!("industry_{i}")),
            capabilities: split_words(&form_value(&form, &format!("capabilities_{i}"))),
        })
        .collect();
    let new = scenarios::NewList {
        title: form_value(&form, "title"),
        working_days,
        scenarios: blocks,
    };
    match scenarios::publish(&s.cases.db, &s.cases.authz, &who, &new).await {
        Ok(l) => Redirect::to(&format!("/scenarios/{}", l.id)).into_response(),
        Err(e) => {
            let text = e.to_string();
            let status = crate::error::ApiError::from(e).status;
            lists_page(&s, &c, &SuggestQuery::default(), Some(text), status).await
        }
    }
}

async fn list_page(
    s: &AppState,
    c: &Page,
    id: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let l = match scenarios::get(&s.cases.db, id).await {
        Ok(l) => l,
        Err(e) => return service_failed(s, c, e),
    };
    let (may_submit, may_view, may_select) = match &c.user {
        Some(u) => (
            scenarios::may(&s.cases.authz, u, "submit_solution", &l),
            scenarios::may(&s.cases.authz, u, "view_solutions", &l),
            l.results_at.is_none() && scenarios::may(&s.cases.authz, u, "select_solution", &l),
        ),
        None => (false, false, false),
    };
    let solutions = match (&c.user, may_view) {
        (Some(u), true) => match scenarios::solutions(&s.cases.db, &s.cases.authz, u, id).await {
            Ok(list) => list,
            Err(e) => return service_failed(s, c, e),
        },
        _ => Vec::new(),
    };
    let scenario_industry = |sid: &str| {
        l.scenarios
            .iter()
            .find(|x| x.id == sid)
            .map(|x| x.industry.clone())
            .unwrap_or_default()
    };
    let solutions: Vec<Value> = solutions
        .iter()
        .map(|so| {
            context! {
                id => so.id, scenario_title => so.scenario_title,
                enterprise_name => so.enterprise_name, text => so.text,
                industry => so.industry, capabilities => so.capabilities.join(", "),
                selected => so.selected, score => so.matching.score,
                why => why(c, &scenario_industry(&so.scenario_id), &so.matching),
                at => so.submitted_at.get(..10).unwrap_or(&so.submitted_at),
            }
        })
        .collect();
    let mine: Vec<String> = match &c.user {
        Some(u) => scenarios::mine(&s.cases.db, u)
            .await
            .unwrap_or_default()
            .into_iter()
            .filter(|so| so.list_id == l.id)
            .map(|so| so.scenario_id)
            .collect(),
        None => Vec::new(),
    };
    let results = match scenarios::results(&s.cases.db, id).await {
        Ok(r) => r,
        Err(e) => return service_failed(s, c, e),
    };
    let results: Vec<Value> = results
        .iter()
        .map(|r| context! { scenario_title => r.scenario_title, enterprise_name => r.enterprise_name })
        .collect();
    let mut r = render(
        s,
        c,
        "scenario_list.html",
        context! {
            l => list_row(&l),
            may_submit => may_submit,
            may_view => may_view,
            may_select => may_select,
            solutions => solutions,
            mine => mine,
            results => results,
            signed_in => c.user.is_some(),
            error => error,
        },
    );
    *r.status_mut() = status;
    r
}

pub(super) async fn list(State(s): State<AppState>, c: Page, Path(id): Path<String>) -> Response {
    list_page(&s, &c, &id, None, StatusCode::OK).await
}

/// An enterprise submits a solution (`action=submit`, `scenario`); the agency selects
/// one (`action=select`, `solution`) or publishes the results (`action=results`).
pub(super) async fn act(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at(&format!("/scenarios/{id}"));
    let who = match form_sender(&s, &c, &form) {
        Ok(user) => user,
        Err(refusal) => return *refusal,
    };
    let (db, authz) = (&s.cases.db, &s.cases.authz);
    let result = match form_value(&form, "action").as_str() {
        "submit" => {
            let new = scenarios::NewSolution {
                text: form_value(&form, "text"),
                industry: form_value(&form, "industry"),
                capabilities: split_words(&form_value(&form, "capabilities")),
            };
            // The scenario must be one of this list's.
            match scenarios::get(db, &id).await {
                Ok(l)
                    if l.scenarios
                        .iter()
                        .any(|x| x.id == form_value(&form, "scenario")) =>
                {
                    scenarios::submit(db, authz, &who, &form_value(&form, "scenario"), &new)
                        .await
                        .map(|_| ())
                }
                Ok(_) => Err(ServiceError::invalid(
                    "scenario",
                    "choose a scenario of this list",
                )),
                Err(e) => Err(e),
            }
        }
        "select" => {
            let sol = form_value(&form, "solution");
            match scenarios::solution(db, authz, &who, &sol).await {
                Ok(so) if so.list_id == id => {
                    scenarios::select(db, authz, &who, &sol).await.map(|_| ())
                }
                Ok(_) => Err(ServiceError::invalid(
                    "solution",
                    "choose a solution to this list",
                )),
                Err(e) => Err(e),
            }
        }
        "results" => scenarios::publish_results(db, authz, &who, &id)
            .await
            .map(|_| ()),
        _ => {
            return message(
                &s,
                &c,
                StatusCode::UNPROCESSABLE_ENTITY,
                "error-action",
                "unknown action",
            );
        }
    };
    match result {
        Ok(()) => Redirect::to(&format!("/scenarios/{id}?done=1")).into_response(),
        Err(e @ (ServiceError::Forbidden(_) | ServiceError::NotFound(_))) => {
            service_failed(&s, &c, e)
        }
        Err(e) => {
            let text = e.to_string();
            let status = crate::error::ApiError::from(e).status;
            list_page(&s, &c, &id, Some(text), status).await
        }
    }
}
