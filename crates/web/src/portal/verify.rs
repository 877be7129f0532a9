//! Licence verification: by code against the register, or a downloaded licence file
//! against the log's public key.

use super::page::{Page, render};
use crate::state::AppState;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{Value, context};
use serde_json::{Value as J, json};

#[derive(serde::Deserialize)]
pub(super) struct VerifyQuery {
    code: Option<String>,
}

/// The verification page: a licence checked by its code against the register, or a
/// downloaded licence file checked against the log's public key.
pub(super) async fn verify_page(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<VerifyQuery>,
) -> Response {
    let code: String = q.code.unwrap_or_default().trim().chars().take(64).collect();
    if code.is_empty() {
        return render(&s, &c, "verify.html", context! { code => "", result => () });
    }
    let (status, result) =
        match onestop_register::licences::verification_with(&s.cases.db, &code, &s.cases.witnesses)
            .await
        {
            Ok(v) => (
                StatusCode::OK,
                json!({
                    "valid": v["valid"],
                    "problems": v["problems"],
                    "status": v["status"],
                    "last_change": v["status_history"].as_array().and_then(|h| h.last()),
                    "licence": v["licence"],
                    "leaf_index": v["leaf_index"],
                    "tree_size": v["tree_head"]["tree_size"],
                    "witnesses": v["witnesses"],
                    "quorum": v["quorum"],
                }),
            ),
            Err(e) => {
                let status = crate::error::ApiError::from(e).status;
                let key = if status == StatusCode::NOT_FOUND {
                    "verify-not-found"
                } else {
                    "verify-bad-code"
                };
                (status, json!({"valid": false, "problems": [c.t(key, &[])]}))
            }
        };
    let mut r = render(
        &s,
        &c,
        "verify.html",
        context! { code => code, result => Value::from_serialize(&result) },
    );
    *r.status_mut() = status;
    r
}

pub(super) async fn verify_upload(
    State(s): State<AppState>,
    c: Page,
    mut multipart: Multipart,
) -> Response {
    let mut file: Option<Vec<u8>> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("licence") => match field.bytes().await {
                Ok(b) => file = Some(b.to_vec()),
                Err(_) => break,
            },
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
    }
    let outcome = file
        .filter(|b| !b.is_empty())
        .ok_or_else(|| c.t("verify-no-file", &[]))
        .and_then(|bytes| {
            let v: J =
                serde_json::from_slice(&bytes).map_err(|_| c.t("verify-not-a-licence", &[]))?;
            let v = if v.get("receipt").is_some() {
                v["receipt"].clone()
            } else {
                v
            };
            serde_json::from_value::<onestop_ledger::Receipt>(v)
                .map_err(|_| c.t("verify-not-a-licence", &[]))
        });
    let (status, result) = match outcome {
        Err(problem) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"valid": false, "problems": [problem]}),
        ),
        Ok(receipt) => {
            let w = &s.cases.witnesses;
            let key = onestop_register::log::verifying_key(&s.cases.db).map_err(|e| e.to_string());
            let checked = key.as_ref().map_err(Clone::clone).and_then(|k| {
                receipt
                    .verify_witnessed(k, &w.verifiers(), w.quorum)
                    .map_err(|e| e.to_string())
            });
            let cosigned: Vec<String> = key
                .as_ref()
                .ok()
                .and_then(|k| receipt.cosigners(k, &w.verifiers()).ok())
                .unwrap_or_default()
                .into_iter()
                .map(|(n, _)| n)
                .collect();
            let licence = (receipt.entry["type"] == "licence").then(|| receipt.entry.clone());
            // A genuine file may since have been suspended or revoked: the register says.
            let now = match licence.as_ref().and_then(|l| l["code"].as_str()) {
                Some(code) if checked.is_ok() => {
                    onestop_register::licences::verification_with(&s.cases.db, code, w)
                        .await
                        .ok()
                }
                _ => None,
            };
            let status = now.as_ref().map(|v| v["status"].clone());
            let last_change = now.as_ref().and_then(|v| {
                v["status_history"]
                    .as_array()
                    .and_then(|h| h.last().cloned())
            });
            (
                StatusCode::OK,
                json!({
                    "valid": checked.is_ok(),
                    "problems": checked.err().map(|e| vec![e]).unwrap_or_default(),
                    "status": status,
                    "last_change": last_change,
                    "licence": licence,
                    "leaf_index": receipt.leaf_index,
                    "tree_size": receipt.tree_head.tree_size,
                    "witnesses": cosigned,
                    "quorum": w.quorum,
                }),
            )
        }
    };
    let mut r = render(
        &s,
        &c,
        "verify.html",
        context! { code => "", result => Value::from_serialize(&result) },
    );
    *r.status_mut() = status;
    r
}
