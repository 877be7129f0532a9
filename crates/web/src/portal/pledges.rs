//! IP pledges in the portal, for their three parties and the public. `/pledges`: the
//! reader's pledges (as pledgor, as pledgee, or its agency's registrations) and the
//! joint application form; `/pledges/{id}`: one pledge, its steps and the forms the
//! reader may use (countersign; register or refuse; release, or release on a court
//! order), asked of the access policy as the register asks it again when a form is
//! sent; `/pledges/status`: the public register by right number, no sign-in.

use super::account::login_redirect;
use super::page::{Page, csrf_refused, form_amount, form_value, message, render, service_failed};
use crate::state::AppState;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_register::pledges::{self, ApplyPledge, PledgeView, ReleasePledge};
use onestop_register::{Register, pledge_status};
use onestop_store::authz::Resource;
use onestop_store::{Account, Role, ServiceError};
use serde_json::{Value as J, json};

type FormFields = Vec<(String, String)>;

/// The reader's side of a pledge: `pledgor`, `pledgee` or `authority`.
fn side(who: &Account, p: &PledgeView) -> &'static str {
    if p.pledgor_id == who.id {
        "pledgor"
    } else if p.pledgee_id.as_deref() == Some(who.id.as_str()) {
        "pledgee"
    } else {
        "authority"
    }
}

/// A list row: the pledge, the reader's side, and whether it waits for the reader.
fn row(reg: &Register<'_>, who: &Account, p: &PledgeView) -> J {
    let may = pledges::actions(reg, who, p);
    json!({
        "p": p,
        "side": side(who, p),
        "waiting": may.countersign || may.register,
    })
}

/// `/pledges`: the reader's pledges and, when the policy lets it apply, the form.
pub(super) async fn list(State(s): State<AppState>, c: Page) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect("/pledges");
    };
    list_page(&s, &c, &user, &[], None).await
}

async fn list_page(
    s: &AppState,
    c: &Page,
    user: &Account,
    form: &[(String, String)],
    error: Option<String>,
) -> Response {
    let reg = s.cases.register();
    let all = match pledges::list(&reg, user).await {
        Ok(p) => p,
        Err(e) => return service_failed(s, c, e),
    };
    let rows: Vec<J> = all.iter().map(|p| row(&reg, user, p)).collect();
    let may_apply = s
        .cases
        .authz
        .allowed(user, "apply_pledge", &Resource::PledgeRegister);
    let agency = match (&user.role, &user.agency) {
        (Role::Officer, Some(a)) => c.t(&format!("agency-{a}"), &[]),
        _ => String::new(),
    };
    let kept = |k: &str| form_value(form, k);
    let mut r = render(
        s,
        c,
        "pledges.html",
        context! {
            pledges => Value::from_serialize(&rows),
            may_apply => may_apply,
            // Who the form asks for: a lender names the pledgor, a right holder the pledgee.
            names => if user.role == Role::FinancialInstitution { "pledgor" } else { "pledgee" },
            agency => agency,
            kind => kept("right_kind"),
            number => kept("right_number"),
            counterparty => kept("counterparty"),
            amount => kept("secured_amount"),
            error => error,
        },
    );
    if !form.is_empty() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}

/// The application form: to the new pledge, or back to the form with the reason.
pub(super) async fn apply(
    State(s): State<AppState>,
    c: Page,
    Form(form): Form<FormFields>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/pledges").into_response();
    };
    if let Some(r) = csrf_refused(&s, &c, &form_value(&form, "csrf")) {
        return r;
    }
    let counterparty = Some(form_value(&form, "counterparty"));
    let secured = form_amount(&form_value(&form, "secured_amount"));
    let mut req = ApplyPledge {
        right_kind: form_value(&form, "right_kind"),
        right_number: form_value(&form, "right_number"),
        secured_amount: (!secured.is_empty()).then_some(J::String(secured)),
        ..Default::default()
    };
    if user.role == Role::FinancialInstitution {
        req.pledgor = counterparty;
    } else {
        req.pledgee = counterparty;
    }
    match pledges::apply(&s.cases.register(), &user, &req).await {
        Ok(p) => Redirect::to(&format!("/pledges/{}", p.id)).into_response(),
        Err(ServiceError::Forbidden(_)) => {
            message(&s, &c, StatusCode::FORBIDDEN, "error-forbidden", "")
        }
        Err(e) => list_page(&s, &c.at("/pledges"), &user, &form, Some(e.to_string())).await,
    }
}

/// One pledge: its right, parties, steps, and the forms the reader may use.
pub(super) async fn pledge(State(s): State<AppState>, c: Page, Path(id): Path<String>) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect(&format!("/pledges/{id}"));
    };
    let reg = s.cases.register();
    let p = match pledges::get(&reg, &user, &id).await {
        Ok(p) => p,
        Err(e) => return service_failed(&s, &c, e),
    };
    let may = pledges::actions(&reg, &user, &p);
    render(
        &s,
        &c,
        "pledge.html",
        context! {
            p => Value::from_serialize(&p),
            may => Value::from_serialize(may),
            side => side(&user, &p),
        },
    )
}

/// Every form of the pledge page posts here with its `action`; back to the page.
pub(super) async fn act(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<FormFields>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    if let Some(r) = csrf_refused(&s, &c, &form_value(&form, "csrf")) {
        return r;
    }
    let reg = s.cases.register();
    let reason = form_value(&form, "reason");
    let done = match form_value(&form, "action").as_str() {
        "countersign" => pledges::countersign(&reg, &user, &id).await,
        "register" => pledges::register(&reg, &user, &id).await,
        "refuse" => pledges::refuse(&reg, &user, &id, &reason).await,
        "release" => {
            let release = ReleasePledge {
                reason,
                court_order: None,
            };
            pledges::release(&reg, &user, &id, &release).await
        }
        "release_by_order" => {
            let order = form_value(&form, "court_order");
            if order.trim().is_empty() {
                Err(ServiceError::invalid(
                    "court_order",
                    "give the court order's reference",
                ))
            } else {
                let release = ReleasePledge {
                    reason,
                    court_order: Some(order),
                };
                pledges::release(&reg, &user, &id, &release).await
            }
        }
        _ => Err(ServiceError::invalid("action", "unknown action")),
    };
    match done {
        Ok(p) => Redirect::to(&format!("/pledges/{}", p.id)).into_response(),
        Err(e) => service_failed(&s, &c, e),
    }
}

/// `/pledges/status?right_kind=patent&right_number=...`: public, no sign-in.
pub(super) async fn status(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<Vec<(String, String)>>,
) -> Response {
    let kind = form_value(&q, "right_kind");
    let number = form_value(&q, "right_number");
    let (found, error) = if number.trim().is_empty() {
        (None, None)
    } else {
        match pledge_status::status(&s.cases.register(), &kind, &number).await {
            Ok(st) => (Some(st), None),
            Err(ServiceError::Invalid { message, .. }) => (None, Some(message)),
            Err(e) => return service_failed(&s, &c, e),
        }
    };
    let mut r = render(
        &s,
        &c,
        "pledge_status.html",
        context! {
            kind => if kind.is_empty() { "patent".to_string() } else { kind },
            number => number,
            found => Value::from_serialize(&found),
            error => error,
        },
    );
    if found.is_none() && !number.trim().is_empty() {
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    }
    r
}
