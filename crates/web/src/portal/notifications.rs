//! The applicant's notifications (issue 16): the inbox with what it subscribed to
//! (measure groups, e-mail address, language, the feed's address), and one
//! notification with its explanation and the link to the one-window form. Opening a
//! notification marks it read.

use super::page::{Page, csrf_refused, explain_lang, form_value, message, render};
use crate::state::AppState;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use onestop_engine::explain::render_explanation;
use onestop_engine::{EvalOptions, facts_from_json};
use onestop_notify::messages::messages;
use onestop_notify::subscription::{self, GROUPS};
use onestop_store::Role;

/// The signed-in applicant, or the answer for anyone else (boxed: a response is large).
fn signed_in_applicant(c: &Page) -> Result<onestop_store::Account, Box<Response>> {
    match &c.user {
        Some(u) if u.role == Role::Applicant => Ok(u.clone()),
        Some(_) => Err(Box::new(StatusCode::FORBIDDEN.into_response())),
        None => Err(Box::new(
            Redirect::to("/login?next=/notifications").into_response(),
        )),
    }
}

async fn inbox_page(s: &AppState, c: &Page, saved: bool, error: Option<String>) -> Response {
    let who = match signed_in_applicant(c) {
        Ok(u) => u,
        Err(r) => return *r,
    };
    let list = match onestop_notify::inbox::list(&s.cases, &who, 200).await {
        Ok(l) => l,
        Err(e) => return crate::error::ApiError::from(e).into_response(),
    };
    let sub = match subscription::get(&s.cases, &who).await {
        Ok(x) => x,
        Err(e) => return crate::error::ApiError::from(e).into_response(),
    };
    let entity = who.entity.clone().unwrap_or_default();
    let items: Vec<minijinja::Value> = list
        .iter()
        .map(|n| {
            let links = n.links(&s.cases.services, &entity);
            context! {
                id => n.id,
                kind => n.kind,
                title => n.title(messages(), c.lang),
                created => n.created_at.get(..10).unwrap_or(&n.created_at),
                read => n.read,
                apply => links.apply,
                is_case => n.case_id.is_some(),
                emailed => n.emailed_at.is_some(),
            }
        })
        .collect();
    let groups: Vec<minijinja::Value> = GROUPS
        .iter()
        .map(|g| {
            context! {
                id => g,
                label => messages().t(c.lang, &format!("notify-group-{g}"), &[]),
                chosen => sub.groups.iter().any(|x| x == g),
            }
        })
        .collect();
    render(
        s,
        c,
        "notifications.html",
        context! {
            items => items,
            groups => groups,
            email => sub.email,
            sub_lang => sub.lang,
            feed => format!("/feeds/{}", sub.feed_token),
            saved => saved,
            error => error,
        },
    )
}

pub(super) async fn inbox(State(s): State<AppState>, c: Page) -> Response {
    inbox_page(&s, &c, false, None).await
}

/// The inbox's forms: `subscribe` (groups, e-mail, language) and `read-all`.
pub(super) async fn act(
    State(s): State<AppState>,
    c: Page,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at("/notifications");
    if let Some(r) = csrf_refused(&s, &c, &form_value(&form, "csrf")) {
        return r;
    }
    let who = match signed_in_applicant(&c) {
        Ok(u) => u,
        Err(r) => return *r,
    };
    match form_value(&form, "action").as_str() {
        "read-all" => {
            if let Err(e) = onestop_notify::inbox::mark_all_read(&s.cases, &who).await {
                return crate::error::ApiError::from(e).into_response();
            }
            Redirect::to("/notifications").into_response()
        }
        "subscribe" => {
            let groups: Vec<String> = form
                .iter()
                .filter(|(k, _)| k == "group")
                .map(|(_, v)| v.clone())
                .collect();
            let email = form_value(&form, "email");
            let lang = form_value(&form, "sub_lang");
            match subscription::set(&s.cases, &who, &groups, Some(&email), &lang).await {
                Ok(_) => inbox_page(&s, &c, true, None).await,
                Err(e) => {
                    let mut r = inbox_page(&s, &c, false, Some(e.to_string())).await;
                    *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
                    r
                }
            }
        }
        _ => message(
            &s,
            &c,
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-not-found",
            "",
        ),
    }
}

/// One notification: what happened, why (the explanation over the stored profile)
/// and where to act. Marks it read.
pub(super) async fn one(State(s): State<AppState>, c: Page, Path(id): Path<String>) -> Response {
    let who = match signed_in_applicant(&c) {
        Ok(u) => u,
        Err(r) => return *r,
    };
    if uuid::Uuid::parse_str(&id).is_err() {
        return message(&s, &c, StatusCode::NOT_FOUND, "error-not-found", "");
    }
    let n = match onestop_notify::inbox::mark_read(&s.cases, &who, &id).await {
        Ok(n) => n,
        Err(e) => {
            let status = crate::error::ApiError::from(e).status;
            return message(&s, &c, status, "error-not-found", "");
        }
    };
    let entity = who.entity.clone().unwrap_or_default();
    let links = n.links(&s.cases.services, &entity);
    // The explanation: the measure evaluated on the stored profile, today.
    let explanation = match &n.measure {
        Some(measure) => {
            let program = &s.engine.program;
            let profile = s.cases.profile(&who).await.unwrap_or_default();
            match (
                program.entity(&entity),
                program.measures.iter().position(|m| &m.id == measure),
            ) {
                (Some(e), Some(_)) => match facts_from_json(program, e, &profile) {
                    Ok(facts) => {
                        let only: Vec<onestop_lang::MeasureId> = program
                            .measures_of(e)
                            .filter(|(_, m)| &m.id == measure)
                            .map(|(id, _)| id)
                            .collect();
                        let ev = s.engine.evaluate(
                            &facts,
                            onestop_store::today(),
                            &EvalOptions {
                                trace: true,
                                measures: only,
                            },
                        );
                        Some(render_explanation(
                            program,
                            &facts,
                            &ev,
                            explain_lang(c.lang),
                        ))
                    }
                    Err(e) => Some(e.to_string()),
                },
                _ => None,
            }
        }
        None => None,
    };
    render(
        &s,
        &c,
        "notification.html",
        context! {
            title => n.title(messages(), c.lang),
            kind => n.kind,
            measure => n.measure,
            created => n.created_at,
            explanation => explanation,
            apply => links.apply,
            is_case => n.case_id.is_some(),
        },
    )
}
