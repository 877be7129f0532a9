//! The measure tracker kept by people (issue 16): every measure with its recorded
//! status and due date, the overdue ones first; one measure's history with the form
//! its responsible organisations' officers record progress with; the CSV export for
//! the supervising office.

use super::page::{Page, form_sender, form_value, measure_title, message, render};
use crate::state::AppState;
use axum::extract::{Form, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_tracker::store::{self, MeasureState};
use std::collections::BTreeMap;

fn row(m: &MeasureState, lang: &str) -> Value {
    context! {
        id => m.id,
        title => measure_title(&m.id, lang),
        completion => m.completion,
        revised => m.revised_completion,
        due => m.due,
        status => m.status,
        overdue => m.overdue,
        responsible => m.responsible,
        updated => m.last.as_ref().map(|u| u.at.get(..10).unwrap_or(&u.at).to_string()),
    }
}

pub(super) async fn page(State(s): State<AppState>, c: Page) -> Response {
    let today = onestop_store::today();
    let states = match store::states(&s.cases.db, today).await {
        Ok(x) => x,
        Err(e) => return crate::error::ApiError::from(e).into_response(),
    };
    let overdue: Vec<Value> = states
        .iter()
        .filter(|m| m.overdue)
        .map(|m| row(m, c.lang))
        .collect();
    let mut by_org: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for m in &states {
        for r in &m.responsible {
            let e = by_org.entry(r.clone()).or_default();
            e.0 += 1;
            e.1 += usize::from(m.overdue);
        }
    }
    let orgs: Vec<Value> = by_org
        .into_iter()
        .map(|(name, (n, late))| context! { name => name, count => n, overdue => late })
        .collect();
    let may_export = c
        .user
        .as_ref()
        .is_some_and(|u| store::may_export(&s.cases.authz, u));
    render(
        &s,
        &c,
        "tracker.html",
        context! {
            rows => states.iter().map(|m| row(m, c.lang)).collect::<Vec<_>>(),
            overdue_rows => overdue,
            orgs => orgs,
            today => today.to_string(),
            may_export => may_export,
        },
    )
}

async fn measure_page(
    s: &AppState,
    c: &Page,
    id: &str,
    error: Option<String>,
    saved: bool,
) -> Response {
    let (state, history) = match store::measure(&s.cases.db, id, onestop_store::today()).await {
        Ok(x) => x,
        Err(e) => {
            let status = crate::error::ApiError::from(e).status;
            return message(s, c, status, "error-not-found", "");
        }
    };
    let may = c
        .user
        .as_ref()
        .is_some_and(|u| store::may_record(&s.cases.authz, u, id));
    let history: Vec<Value> = history
        .iter()
        .rev()
        .map(|u| {
            context! {
                seq => u.seq,
                status => u.status,
                note => u.note,
                evidence => u.evidence,
                revised => u.revised_completion,
                actor => u.actor,
                agency => u.agency,
                at => u.at,
            }
        })
        .collect();
    render(
        s,
        c,
        "tracker_measure.html",
        context! {
            m => row(&state, c.lang),
            agencies => state.agencies,
            history => history,
            may_record => may,
            statuses => onestop_tracker::Progress::ALL.iter().map(|p| p.as_str()).collect::<Vec<_>>(),
            error => error,
            saved => saved,
        },
    )
}

pub(super) async fn measure(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
) -> Response {
    measure_page(&s, &c, &id, None, false).await
}

/// An officer records progress: status, note, evidence links (one per line), a
/// revised completion date.
pub(super) async fn record(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at(&format!("/tracker/{id}"));
    let who = match form_sender(&s, &c, &form) {
        Ok(user) => user,
        Err(refusal) => return *refusal,
    };
    let update = store::NewUpdate {
        status: form_value(&form, "status"),
        note: form_value(&form, "note"),
        evidence: form_value(&form, "evidence")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect(),
        revised_completion: Some(form_value(&form, "revised_completion"))
            .filter(|d| !d.trim().is_empty()),
    };
    match store::record(&s.cases.db, &s.cases.authz, &who, &id, &update).await {
        Ok(_) => measure_page(&s, &c, &id, None, true).await,
        Err(e) => {
            let text = e.to_string();
            let status = crate::error::ApiError::from(e).status;
            let mut r = measure_page(&s, &c, &id, Some(text), false).await;
            *r.status_mut() = status;
            r
        }
    }
}

/// The CSV export, for a signed-in officer of the supervising office or an admin.
pub(super) async fn export(State(s): State<AppState>, c: Page) -> Response {
    let Some(who) = c.user.clone() else {
        return Redirect::to("/login?next=/tracker").into_response();
    };
    match store::export_csv(&s.cases.db, &s.cases.authz, &who, onestop_store::today()).await {
        Ok(csv) => crate::api::tracker::csv_response(csv),
        Err(e) => {
            let status = crate::error::ApiError::from(e).status;
            message(&s, &c, status, "error-forbidden", "")
        }
    }
}
