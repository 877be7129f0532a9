//! `/licences`: the signed-in holder's e-licences, each with its current status
//! (valid, suspended, revoked) and links to verify and print it.

use super::page::{Page, message, render};
use crate::state::AppState;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};

pub(super) async fn page(State(s): State<AppState>, c: Page) -> Response {
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/licences").into_response();
    };
    match onestop_register::licences::mine(&s.cases.register(), &user).await {
        Ok(list) => {
            let rows: Vec<serde_json::Value> = list
                .iter()
                .map(|d| {
                    let title = &d["granted"]["title"];
                    serde_json::json!({
                        "code": d["code"],
                        "kind": d["granted"]["kind"],
                        "title": if c.lang == "zh-CN" { &title["zh"] } else { &title["en"] },
                        "agency": d["deciding_agency"]["id"],
                        "from": d["validity"]["from"],
                        "until": d["validity"]["until"],
                        "status": d["status"],
                    })
                })
                .collect();
            render(
                &s,
                &c,
                "licences.html",
                context! { licences => Value::from_serialize(&rows) },
            )
        }
        Err(e) => {
            let api = crate::error::ApiError::from(e);
            message(&s, &c, api.status, "error-forbidden", &api.message)
        }
    }
}
