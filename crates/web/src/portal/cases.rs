//! Following cases: an applicant's cases, one case with its audit trail (and the
//! officer's actions on it), the officer's inbox, and materials as downloads.

use super::account::login_redirect;
use super::page::{Page, csrf_refused, form_value, message, render};
use crate::state::AppState;
use axum::extract::{Form, Multipart, Path, State};
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
            let licence = match onestop_register::licences::of_case(&s.cases.db, &id).await {
                Ok(Some(code)) => onestop_register::licences::printable(&s.cases.db, &code)
                    .await
                    .ok()
                    .map(|p| {
                        serde_json::json!({"code": code, "status": p.status, "last_change": p.last_change})
                    }),
                _ => None,
            };
            // The agency's materials in the reader's language, and for the applicant
            // every file uploaded before, to give again without uploading it again.
            let materials: Vec<serde_json::Value> = d
                .required_materials
                .iter()
                .map(|m| {
                    serde_json::json!({
                        "id": m.id,
                        "title": super::apply::material_title(&m.id, &m.title_en, &m.title_zh, &c),
                        "required": m.required,
                        "accept": m.types.join(","),
                        "file": m.file,
                    })
                })
                .collect();
            let reminders: Vec<serde_json::Value> = d
                .reminders
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "title": super::apply::localised(&format!("reminder-{}", r.output), &r.title_en, &r.title_zh, &c),
                        "date": r.date,
                        "days_left": r.days_left,
                        "due_soon": r.due_soon,
                    })
                })
                .collect();
            let uploaded = if user.role == Role::Applicant {
                s.cases.my_materials(&user).await.unwrap_or_default()
            } else {
                Vec::new()
            };
            render(
                &s,
                &c,
                "case.html",
                context! {
                    case => Value::from_serialize(&d),
                    officer => officer,
                    licence => Value::from_serialize(&licence),
                    materials => Value::from_serialize(&materials),
                    reminders => Value::from_serialize(&reminders),
                    uploaded => Value::from_serialize(&uploaded),
                    facts => serde_json::to_string_pretty(&d.facts).unwrap_or_default(),
                },
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
    let get = |k: &str| form_value(&form, k);
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

/// An applicant gives a file for one of the case's materials: a new upload, or one
/// uploaded before.
pub(super) async fn add_material(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    mut multipart: Multipart,
) -> Response {
    let Some(user) = c.user.clone() else {
        return login_redirect(&format!("/cases/{id}"));
    };
    let (mut csrf, mut material, mut reuse) = (String::new(), String::new(), String::new());
    let mut hash: Option<String> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let filename = field.file_name().map(String::from);
                let ct = field.content_type().map(String::from).unwrap_or_default();
                let Ok(bytes) = field.bytes().await else {
                    return message(
                        &s,
                        &c,
                        StatusCode::BAD_REQUEST,
                        "error-action",
                        "upload interrupted",
                    );
                };
                let text = || String::from_utf8_lossy(&bytes).trim().to_string();
                match name.as_str() {
                    "csrf" => csrf = text(),
                    "material" => material = text(),
                    "reuse" => reuse = text(),
                    // The form puts the token first: nothing is stored before it is checked.
                    "file" if !bytes.is_empty() => {
                        if let Some(r) = csrf_refused(&s, &c, &csrf) {
                            return r;
                        }
                        let name = filename.unwrap_or_else(|| "document".into());
                        match s.cases.put_material(&user, &name, &ct, &bytes).await {
                            Ok(m) => hash = Some(m.hash),
                            Err(e) => {
                                let api = crate::error::ApiError::from(e);
                                return message(&s, &c, api.status, "error-action", &api.message);
                            }
                        }
                    }
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(e) => {
                return message(
                    &s,
                    &c,
                    StatusCode::BAD_REQUEST,
                    "error-action",
                    &e.to_string(),
                );
            }
        }
    }
    if let Some(r) = csrf_refused(&s, &c, &csrf) {
        return r;
    }
    let Some(hash) = hash.or((!reuse.is_empty()).then_some(reuse)) else {
        return message(
            &s,
            &c,
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-action",
            &c.t("case-material-none", &[]),
        );
    };
    match s.cases.add_material(&user, &id, &material, &hash).await {
        Ok(_) => Redirect::to(&format!("/cases/{id}")).into_response(),
        Err(e) => {
            let api = crate::error::ApiError::from(e);
            message(&s, &c, api.status, "error-action", &api.message)
        }
    }
}

/// An officer records the ex-post check of an approval upon filing.
pub(super) async fn supervise(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let get = |k: &str| form_value(&form, k);
    if let Some(r) = csrf_refused(&s, &c, &get("csrf")) {
        return r;
    }
    let Some(outcome) = onestop_cases::supervision::Outcome::parse(&get("outcome")) else {
        return message(
            &s,
            &c,
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-bad-answer",
            "unknown outcome",
        );
    };
    match s.cases.supervise(&user, &id, outcome, &get("reason")).await {
        Ok(_) => Redirect::to(&format!("/cases/{id}")).into_response(),
        Err(e) => {
            let api = crate::error::ApiError::from(e);
            message(&s, &c, api.status, "error-action", &api.message)
        }
    }
}

/// An officer of the deciding agency suspends, reinstates or revokes a licence from
/// its case's page; back to the case.
pub(super) async fn licence_status(
    State(s): State<AppState>,
    c: Page,
    Path(code): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let get = |k: &str| form_value(&form, k);
    if let Some(r) = csrf_refused(&s, &c, &get("csrf")) {
        return r;
    }
    let Some(change) = onestop_register::licences::StatusChange::parse(&get("change")) else {
        return message(
            &s,
            &c,
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-bad-answer",
            "choose suspend, reinstate or revoke",
        );
    };
    match onestop_register::licences::change_status(
        &s.cases.register(),
        &user,
        &code,
        change,
        &get("reason"),
        onestop_store::today(),
    )
    .await
    {
        Ok(v) => {
            let case = v["licence"]["case_id"].as_str().unwrap_or_default();
            Redirect::to(&format!("/cases/{case}")).into_response()
        }
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
    let supervision = s.cases.supervision_queue(&user).await.unwrap_or_default();
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
                context! {
                    cases => Value::from_serialize(&list),
                    supervision => Value::from_serialize(&supervision),
                    agency => agency,
                },
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
