//! `/admin/calendar`: the working-day calendar for an administrator: which years are
//! official, how long official coverage lasts (warned 60 days ahead), and the upload
//! that loads next year's holiday notice (the same step as `onestop calendar import`).

use super::page::{Page, csrf_refused, message, render};
use crate::state::AppState;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_store::Role;

const PATH: &str = "/admin/calendar";

pub async fn page(State(s): State<AppState>, c: Page) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to(&format!("/login?next={PATH}")).into_response();
    };
    if user.role != Role::Admin {
        return message(&s, &c, StatusCode::FORBIDDEN, "error-forbidden", "");
    }
    show(&s, &c, StatusCode::OK, Value::UNDEFINED, Value::UNDEFINED)
}

fn show(s: &AppState, c: &Page, status: StatusCode, loaded: Value, refused: Value) -> Response {
    let st = crate::calendar_api::current_status(s);
    let mut r = render(
        s,
        c,
        "calendar.html",
        context! { calendar => Value::from_serialize(&st), loaded => loaded, refused => refused },
    );
    *r.status_mut() = status;
    r
}

/// The uploaded notice, read whole (a notice is a few kilobytes; the router caps bodies).
pub async fn upload(State(s): State<AppState>, c: Page, mut multipart: Multipart) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to(&format!("/login?next={PATH}")).into_response();
    };
    // An upload that cannot be read is refused on the page, with the reason.
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        show(
            &s,
            &c,
            StatusCode::BAD_REQUEST,
            Value::UNDEFINED,
            Value::from(e.body_text()),
        )
    };
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut csrf = String::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("csrf") => {
                csrf = field.text().await.unwrap_or_default();
            }
            Ok(Some(field)) if field.name() == Some("notice") => {
                let name = field.file_name().unwrap_or("upload").to_string();
                match field.bytes().await {
                    Ok(b) => file = Some((name, b.to_vec())),
                    Err(e) => return unreadable(e),
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => return unreadable(e),
        }
    }
    if let Some(r) = csrf_refused(&s, &c, &csrf) {
        return r;
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        return show(
            &s,
            &c,
            StatusCode::UNPROCESSABLE_ENTITY,
            Value::UNDEFINED,
            Value::from("choose the notice file (CSV) to load"),
        );
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return show(
            &s,
            &c,
            StatusCode::UNPROCESSABLE_ENTITY,
            Value::UNDEFINED,
            Value::from(format!(
                "{name}: the file is not UTF-8 text; save it as CSV UTF-8"
            )),
        );
    };
    match s.cases.import_calendar_notice(&user, &name, &text).await {
        Ok(report) => show(
            &s,
            &c,
            StatusCode::OK,
            Value::from_serialize(&report),
            Value::UNDEFINED,
        ),
        Err(e) => {
            let err = crate::error::ApiError::from(e);
            show(
                &s,
                &c,
                err.status,
                Value::UNDEFINED,
                Value::from(err.message),
            )
        }
    }
}
