//! S&T enterprise credit in the portal (issue 16 item 4; 001 §26). `/credit`: an
//! enterprise's own evaluation with its explanation, the consent form and every
//! consent it gave (revocable); a financial institution's look-up form and the
//! consents given to it; the commission's look-up form. `/credit/enterprises/{username}`:
//! one enterprise's evaluation for whoever the access policy lets see it, else the
//! "no consent" page (403).

use super::account::login_redirect;
use super::page::{Page, csrf_refused, explain_lang, form_value, message, render, service_failed};
use crate::state::AppState;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_cases::credit::{CreditEvaluation, GiveConsent};
use onestop_engine::explain::render_explanation_html;
use onestop_engine::report::evaluation_to_json;
use onestop_store::{Account, Role, ServiceError};
use serde::Deserialize;
use serde_json::{Value as J, json};

type FormFields = Vec<(String, String)>;

/// The evaluation as the templates read it: grade, score, status, confidence, the
/// counts and the explanation as HTML (citations linked to their sections).
fn evaluation_view(s: &AppState, c: &Page, e: &CreditEvaluation) -> J {
    let program = &s.engine.program;
    let report = evaluation_to_json(program, &e.evaluation);
    let m = &report["measures"][0];
    json!({
        "enterprise": e.enterprise,
        "enterprise_name": e.enterprise_name,
        "date": e.date.to_string(),
        "status": m["status"],
        "grade": m["outputs"]["cre_credit_grade"],
        "score": m["outputs"]["cre_credit_score"],
        "confidence": m["confidence"]["outputs"]["cre_credit_grade"],
        "counts": e.counts,
        "explanation": render_explanation_html(
            program,
            &e.facts,
            &e.evaluation,
            explain_lang(c.lang),
            &super::seeds::linkify,
        ),
    })
}

/// Who the reader is on these pages.
fn side(user: &Account) -> &'static str {
    match user.role {
        Role::Applicant if user.entity.as_deref() == Some("enterprise") => "enterprise",
        Role::FinancialInstitution => "institution",
        Role::Officer if user.agency.as_deref() == Some("sci-tech") => "commission",
        _ => "other",
    }
}

/// `/credit`: the reader's side of the credit platform.
pub(super) async fn page(State(s): State<AppState>, c: Page) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect("/credit");
    };
    home(&s, &c, &user, &[], None).await
}

async fn home(
    s: &AppState,
    c: &Page,
    user: &Account,
    form: &[(String, String)],
    error: Option<String>,
) -> Response {
    let side = side(user);
    let (evaluation, consents) = match side {
        "enterprise" => {
            let view = match s.cases.credit_evaluation(user, &user.username).await {
                Ok(e) => evaluation_view(s, c, &e),
                Err(e) => return service_failed(s, c, e),
            };
            let consents = match s.cases.credit_consents(user).await {
                Ok(v) => v,
                Err(e) => return service_failed(s, c, e),
            };
            (Some(view), consents)
        }
        "institution" => match s.cases.credit_consents_given(user).await {
            Ok(v) => (None, v),
            Err(e) => return service_failed(s, c, e),
        },
        "commission" => (None, Vec::new()),
        _ => {
            return message(
                s,
                c,
                StatusCode::FORBIDDEN,
                "error-forbidden",
                &c.t("credit-not-for-you", &[]),
            );
        }
    };
    let mut r = render(
        s,
        c,
        "credit.html",
        context! {
            side => side,
            evaluation => Value::from_serialize(&evaluation),
            consents => Value::from_serialize(&consents),
            institution => form_value(form, "institution"),
            expires_on => form_value(form, "expires_on"),
            error => error,
        },
    );
    if !form.is_empty() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

/// The enterprise's forms: give a consent, or revoke one.
pub(super) async fn act(
    State(s): State<AppState>,
    c: Page,
    Form(form): Form<FormFields>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/credit").into_response();
    };
    if let Some(r) = csrf_refused(&s, &c, &form_value(&form, "csrf")) {
        return r;
    }
    let done = match form_value(&form, "action").as_str() {
        "give" => {
            let expires = form_value(&form, "expires_on");
            let req = GiveConsent {
                institution: form_value(&form, "institution"),
                expires_on: (!expires.trim().is_empty()).then_some(expires),
            };
            s.cases.give_credit_consent(&user, &req).await.map(|_| ())
        }
        "revoke" => s
            .cases
            .revoke_credit_consent(&user, &form_value(&form, "id"))
            .await
            .map(|_| ()),
        other => Err(ServiceError::invalid(
            "action",
            format!("unknown action `{other}`: give or revoke"),
        )),
    };
    match done {
        Ok(()) => Redirect::to("/credit").into_response(),
        Err(ServiceError::Forbidden(_)) => message(
            &s,
            &c,
            StatusCode::FORBIDDEN,
            "error-forbidden",
            &c.t("credit-not-for-you", &[]),
        ),
        // An unknown institution is the form's mistake: shown with what was typed.
        Err(e) => home(&s, &c.at("/credit"), &user, &form, Some(e.to_string())).await,
    }
}

#[derive(Deserialize)]
pub(super) struct Lookup {
    #[serde(default)]
    username: String,
}

/// The look-up form: to the enterprise's page.
pub(super) async fn lookup(Query(q): Query<Lookup>) -> Response {
    let name = q.username.trim();
    if name.is_empty() {
        return Redirect::to("/credit").into_response();
    }
    let mut path = String::from("/credit/enterprises/");
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            path.push(b as char);
        } else {
            path.push_str(&format!("%{b:02X}"));
        }
    }
    Redirect::to(&path).into_response()
}

/// One enterprise's evaluation, or the "no consent" page.
pub(super) async fn enterprise(
    State(s): State<AppState>,
    c: Page,
    Path(username): Path<String>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect(&format!("/credit/enterprises/{username}"));
    };
    match s.cases.credit_evaluation(&user, &username).await {
        Ok(e) => render(
            &s,
            &c,
            "credit_evaluation.html",
            context! { evaluation => Value::from_serialize(evaluation_view(&s, &c, &e)) },
        ),
        Err(ServiceError::Forbidden(_)) if user.role == Role::FinancialInstitution => {
            let mut r = render(
                &s,
                &c,
                "credit_no_consent.html",
                context! { enterprise => username.trim() },
            );
            *r.status_mut() = StatusCode::FORBIDDEN;
            r
        }
        Err(ServiceError::Forbidden(_)) => message(
            &s,
            &c,
            StatusCode::FORBIDDEN,
            "error-forbidden",
            &c.t("credit-not-for-you", &[]),
        ),
        Err(e) => service_failed(&s, &c, e),
    }
}
