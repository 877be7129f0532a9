//! Applying: sign in (or register) if needed, upload each material once, submit the
//! bundle; every step checks the form's CSRF token first.

use super::account::{signed_in_cookie, signin_refused};
use super::page::{Page, csrf_refused, form_value, message, render, service_title};
use crate::security;
use crate::state::AppState;
use axum::extract::{Form, Multipart, Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use onestop_cases::SubmitRequest;
use onestop_store::Role;
use serde_json::{Value as J, json};

pub(super) async fn apply(
    State(s): State<AppState>,
    c: Page,
    Path(service): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at("/cases");
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    if let Some(r) = csrf_refused(&s, &c, &field("csrf").unwrap_or_default()) {
        return r;
    }
    let facts = field("facts").unwrap_or_else(|| "{}".into());
    apply_form(&s, &c, &service, &facts, None, &uploaded(&s, &c).await)
}

/// The one-window form reached by a link (a notification's "apply"): the stored
/// profile fills it when the applicant submits, so it carries no facts itself.
pub(super) async fn apply_page(
    State(s): State<AppState>,
    c: Page,
    Path(service): Path<String>,
) -> Response {
    let uploaded = uploaded(&s, &c).await;
    apply_form(&s, &c, &service, "{}", None, &uploaded)
}

/// A material's name in the reader's language: the services file's own in Chinese
/// and English (the operator's words), a translation in the other four when there
/// is one, else the English.
pub(super) fn material_title(id: &str, en: &str, zh: &str, c: &Page) -> String {
    localised(&format!("material-{id}"), en, zh, c)
}

/// Operator text from the services file in the reader's language: its own Chinese
/// and English, the Fluent message `key` in the other four when there is one, else
/// the English.
pub(super) fn localised(key: &str, en: &str, zh: &str, c: &Page) -> String {
    match c.lang {
        "zh-CN" => return zh.to_string(),
        "en" => return en.to_string(),
        _ => {}
    }
    if super::templates::i18n().has(c.lang, key) {
        c.t(key, &[])
    } else {
        en.to_string()
    }
}

/// The files a signed-in applicant uploaded before (offered again on every form).
async fn uploaded(s: &AppState, c: &Page) -> Vec<onestop_cases::store::MaterialRef> {
    match &c.user {
        Some(u) if u.role == Role::Applicant => s.cases.my_materials(u).await.unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn apply_form(
    s: &AppState,
    c: &Page,
    service: &str,
    facts: &str,
    error: Option<String>,
    uploaded: &[onestop_cases::store::MaterialRef],
) -> Response {
    let Some(svc) = s.cases.services.get(service) else {
        return message(s, c, StatusCode::NOT_FOUND, "error-not-found", service);
    };
    // Titles in all six languages: the service is named by its measure, each case by its kind.
    let title = service_title(svc, c.lang);
    let cases: Vec<String> = svc
        .cases
        .iter()
        .map(|k| c.t(&format!("kind-{}", k.kind), &[]))
        .collect();
    let template = if c.user.is_some() {
        "apply.html"
    } else {
        "signin.html"
    };
    // Every file the applicant uploaded before is offered again for each material.
    let materials: Vec<J> = svc
        .materials()
        .iter()
        .map(|m| {
            let reusable: Vec<J> = uploaded
                .iter()
                .filter(|u| m.types.contains(&u.content_type))
                .map(|u| json!({"hash": u.hash, "filename": u.filename}))
                .collect();
            json!({
                "id": m.id,
                "title": material_title(&m.id, &m.title.en, &m.title.zh, c),
                "accept": m.types.join(","),
                "types": m.types.iter().map(|t| match t.as_str() {
                    "application/pdf" => "PDF",
                    "image/png" => "PNG",
                    "image/jpeg" => "JPEG",
                    other => other,
                }).collect::<Vec<_>>().join(", "),
                "required": m.required,
                "reusable": reusable,
            })
        })
        .collect();
    render(
        s,
        c,
        template,
        context! {
            service => service,
            service_title => title,
            cases => cases,
            materials => minijinja::Value::from_serialize(&materials),
            facts => facts,
            key => uuid::Uuid::new_v4().to_string(),
            entity => svc.entity,
            error => error,
        },
    )
}

pub(super) async fn apply_signin(
    State(s): State<AppState>,
    c: Page,
    ext: axum::http::Extensions,
    Path(service): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let mut c = c.at("/cases");
    let get = |k: &str| form_value(&form, k);
    if let Some(r) = csrf_refused(&s, &c, &get("csrf")) {
        return r;
    }
    let facts = get("facts");
    let (username, password) = (get("username"), get("password"));
    if get("mode") == "register" {
        let entity = s
            .cases
            .services
            .get(&service)
            .map(|x| x.entity.clone())
            .unwrap_or_else(|| "person".into());
        if let Err(e) = s
            .cases
            .create_account(
                &username,
                &password,
                Role::Applicant,
                None,
                Some(&entity),
                &username,
            )
            .await
        {
            return apply_form(
                &s,
                &c,
                &service,
                &facts,
                Some(e.to_string()),
                &uploaded(&s, &c).await,
            );
        }
    }
    match security::login(&s.throttle, &s.cases, &ext, &username, &password).await {
        Ok(session) => {
            c.user = Some(session.account.clone());
            let mut r = apply_form(&s, &c, &service, &facts, None, &uploaded(&s, &c).await);
            if let Some(v) = signed_in_cookie(&s, &session.token) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            r
        }
        Err(refused) => signin_refused(&s, &c, refused, |error| {
            apply_form(&s, &c, &service, &facts, Some(error), &[])
        }),
    }
}

pub(super) async fn apply_submit(
    State(s): State<AppState>,
    c: Page,
    Path(service): Path<String>,
    mut multipart: Multipart,
) -> Response {
    let c = c.at("/cases");
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/cases").into_response();
    };
    let mut facts = String::from("{}");
    let mut key = String::new();
    let mut csrf = String::new();
    let mut hashes = Vec::new();
    let mut slots: Vec<(String, String)> = Vec::new();
    let mut error = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let filename = field.file_name().map(String::from);
                let ct = field.content_type().map(String::from).unwrap_or_default();
                let bytes = match field.bytes().await {
                    Ok(b) => b,
                    Err(e) => {
                        error = Some(format!("upload interrupted: {e}"));
                        break;
                    }
                };
                match name.as_str() {
                    "facts" => facts = String::from_utf8_lossy(&bytes).into_owned(),
                    "key" => key = String::from_utf8_lossy(&bytes).into_owned(),
                    "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
                    // A file uploaded before, chosen again for this material.
                    n if n.starts_with("reuse:") && !bytes.is_empty() => {
                        let id = n.trim_start_matches("reuse:").to_string();
                        if !slots.iter().any(|(s, _)| *s == id) {
                            slots.push((id, String::from_utf8_lossy(&bytes).into_owned()));
                        }
                    }
                    // The form puts the token first: nothing is stored before it is checked.
                    _ if filename.as_deref().is_some_and(|f| !f.is_empty())
                        && !bytes.is_empty() =>
                    {
                        if let Some(r) = csrf_refused(&s, &c, &csrf) {
                            return r;
                        }
                        match s
                            .cases
                            .put_material(
                                &user,
                                filename.as_deref().unwrap_or("document"),
                                &ct,
                                &bytes,
                            )
                            .await
                        {
                            Ok(m) => match name.strip_prefix("material:") {
                                // A new file wins over a reused one for the same material.
                                Some(id) => {
                                    slots.retain(|(s, _)| s != id);
                                    slots.push((id.to_string(), m.hash));
                                }
                                None => hashes.push(m.hash),
                            },
                            Err(e) => error = Some(e.to_string()),
                        }
                    }
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(e) => {
                error = Some(format!("the upload could not be read: {e}"));
                break;
            }
        }
    }
    if let Some(r) = csrf_refused(&s, &c, &csrf) {
        return r;
    }
    if let Some(e) = error {
        let mut r = apply_form(&s, &c, &service, &facts, Some(e), &uploaded(&s, &c).await);
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return r;
    }
    let facts_json: J = serde_json::from_str(&facts).unwrap_or(json!({}));
    let req = SubmitRequest {
        service: service.clone(),
        idempotency_key: key,
        facts: Some(facts_json),
        materials: hashes,
        slots,
        date: None,
    };
    match s.cases.submit(&user, req).await {
        Ok(_) => Redirect::to("/cases").into_response(),
        Err(e) => {
            let mut r = apply_form(
                &s,
                &c,
                &service,
                &facts,
                Some(e.to_string()),
                &uploaded(&s, &c).await,
            );
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            r
        }
    }
}
