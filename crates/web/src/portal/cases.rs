//! Following cases: an applicant's cases, one case with its audit trail (and the
//! officer's actions on it), the officer's inbox, and materials as downloads.

use super::account::login_redirect;
use super::page::{Page, csrf_refused, message, render};
use crate::state::AppState;
use axum::extract::{Form, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_cases::CaseAction;
use onestop_store::Role;

pub(super) async fn cases_page(State(s): State<AppState>, c: Page) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/cases").into_response();
    };
    match s.cases.my_cases(&user).await {
        Ok(list) => render(
            &s,
            &c,
            "cases.html",
            context! { cases => Value::from_serialize(&list) },
        ),
        Err(e) => message(
            &s,
            &c,
            StatusCode::FORBIDDEN,
            "error-forbidden",
            &e.to_string(),
        ),
    }
}

pub(super) async fn case_page(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect(&format!("/cases/{id}"));
    };
    match s.cases.case(&user, &id).await {
        Ok(d) => {
            let officer = user.role == Role::Officer;
            let licence = onestop_register::licences::of_case(&s.cases.db, &id)
                .await
                .ok()
                .flatten();
            render(
                &s,
                &c,
                "case.html",
                context! { case => Value::from_serialize(&d), officer => officer, licence => licence, facts => serde_json::to_string_pretty(&d.facts).unwrap_or_default() },
            )
        }
        Err(e) => {
            let status = crate::error::ApiError::from(e).status;
            message(
                &s,
                &c,
                status,
                if status == StatusCode::FORBIDDEN {
                    "error-forbidden"
                } else {
                    "error-not-found"
                },
                "",
            )
        }
    }
}

pub(super) async fn case_action(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let get = |k: &str| {
        form.iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if let Some(r) = csrf_refused(&s, &c, &get("csrf")) {
        return r;
    }
    let Some(action) = CaseAction::parse(&get("action")) else {
        return message(
            &s,
            &c,
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-bad-answer",
            "unknown action",
        );
    };
    match s.cases.act(&user, &id, action, &get("reason"), None).await {
        Ok(_) => Redirect::to(&format!("/cases/{id}")).into_response(),
        Err(e) => {
            let api = crate::error::ApiError::from(e);
            message(&s, &c, api.status, "error-action", &api.message)
        }
    }
}

pub(super) async fn officer_page(State(s): State<AppState>, c: Page) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/officer").into_response();
    };
    match s.cases.inbox(&user).await {
        Ok(list) => {
            let agency = user
                .agency
                .as_deref()
                .map(|a| c.t(&format!("agency-{a}"), &[]))
                .unwrap_or_default();
            render(
                &s,
                &c,
                "officer.html",
                context! { cases => Value::from_serialize(&list), agency => agency },
            )
        }
        Err(e) => message(
            &s,
            &c,
            StatusCode::FORBIDDEN,
            "error-forbidden",
            &e.to_string(),
        ),
    }
}

pub(super) async fn file(State(s): State<AppState>, c: Page, Path(hash): Path<String>) -> Response {
    let Some(user) = c.user.clone() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    match s.cases.material(&user, &hash).await {
        Ok((m, bytes)) => crate::download::attachment(&m.content_type, &m.filename, bytes),
        Err(e) => crate::error::ApiError::from(e).into_response(),
    }
}
