//! For officers (issue 16): how many registered applicants each measure reaches,
//! from the latest matching run over every stored profile, and from the latest
//! preview of a draft of the rules (a measure not yet published shows how many it
//! would reach).

use super::page::{Page, message, render};
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use onestop_notify::messages::messages;

pub(super) async fn page(State(s): State<AppState>, c: Page) -> Response {
    let Some(who) = c.user.clone() else {
        return Redirect::to("/login?next=/officer/reach").into_response();
    };
    match onestop_notify::reach::reach(&s.cases, &who).await {
        Ok(r) => {
            let rows = |run: &Option<onestop_notify::reach::RunCounts>| -> Vec<minijinja::Value> {
                run.iter()
                    .flat_map(|r| r.counts.iter())
                    .map(|m| {
                        context! {
                            id => m.measure,
                            title => messages().measure(c.lang, &m.measure),
                            entity => m.entity,
                            eligible => m.eligible,
                            undetermined => m.undetermined,
                            published => m.published,
                        }
                    })
                    .collect()
            };
            render(
                &s,
                &c,
                "reach.html",
                context! {
                    live => r.live.as_ref().map(|x| context! { label => x.label, finished => x.finished_at, profiles => x.profiles, evaluator => x.evaluator, date => x.decision_date }),
                    live_rows => rows(&r.live),
                    preview => r.preview.as_ref().map(|x| context! { label => x.label, finished => x.finished_at, profiles => x.profiles, evaluator => x.evaluator, date => x.decision_date }),
                    preview_rows => rows(&r.preview),
                },
            )
        }
        Err(e) => {
            let status = crate::error::ApiError::from(e).status;
            message(&s, &c, status, "error-forbidden", "")
        }
    }
}
