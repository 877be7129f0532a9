//! The verifiable register over HTTP: the transparency log (key, signed heads, entries,
//! proofs, receipts, a verification endpoint), e-licences, innovation vouchers and IP
//! pledges. The portal's verification page calls `GET /api/licences/{code}/verification`
//! or `POST /api/ledger/verify` with a downloaded licence.

use crate::api::{AppState, JsonBody, User};
use crate::error::ApiError;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use onestop_ledger::{Receipt, key_id, public_key_text, to_hex};
use onestop_register::log;
use onestop_register::{licences, pledges, vouchers};
use onestop_store::Role;
use serde_json::{Value as J, json};
use std::collections::HashMap;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/ledger/key", get(key))
        .route("/api/ledger/head", get(head))
        .route("/api/ledger/heads", get(heads))
        .route("/api/ledger/entries", get(entries))
        .route("/api/ledger/entries/{index}/receipt", get(entry_receipt))
        .route("/api/ledger/proofs/inclusion", get(inclusion))
        .route("/api/ledger/proofs/consistency", get(consistency))
        .route("/api/ledger/verify", post(verify))
        .route("/api/licences", get(my_licences))
        .route("/api/licences/{code}", get(licence))
        .route(
            "/api/licences/{code}/verification",
            get(licence_verification),
        )
        .route("/api/licences/{code}/html", get(licence_html))
        .route("/api/vouchers", post(issue_voucher).get(list_vouchers))
        .route("/api/vouchers/{id}", get(get_voucher))
        .route("/api/vouchers/{id}/redemptions", post(redeem))
        .route("/api/vouchers/{id}/receipts", get(voucher_receipts))
        .route("/api/pledges", post(register_pledge))
        .route("/api/pledges/status", get(pledge_status))
        .route("/api/pledges/{id}", get(get_pledge))
        .route("/api/pledges/{id}/release", post(release_pledge))
        .route("/api/pledges/{id}/receipts", get(pledge_receipts))
}

type Q = Query<HashMap<String, String>>;

fn int(q: &HashMap<String, String>, name: &str) -> Result<Option<i64>, ApiError> {
    match q.get(name) {
        None => Ok(None),
        Some(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|n| *n >= 0)
            .map(Some)
            .ok_or_else(|| {
                ApiError::field(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    name,
                    format!("`{name}` is a whole number from 0, not `{v}`"),
                )
            }),
    }
}

fn required(q: &HashMap<String, String>, name: &str) -> Result<i64, ApiError> {
    int(q, name)?.ok_or_else(|| {
        ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            name,
            format!("give `{name}`"),
        )
    })
}

/// The signed-in account if a valid token came with the request.
async fn optional_user(s: &AppState, h: &HeaderMap) -> Option<onestop_store::Account> {
    let token = h
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?
        .strip_prefix("Bearer ")?
        .trim()
        .to_string();
    s.cases.authenticate(&token).await.ok()
}

// ---- the log ----

async fn key(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    let k = log::verifying_key(&s.cases.db)?;
    Ok(Json(json!({
        "algorithm": "ed25519",
        "public_key": to_hex(&k.to_bytes()),
        "key_id": key_id(&k),
        "key_file": public_key_text(&k),
    })))
}

async fn head(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(log::publish_head(&s.cases.db).await?)))
}

async fn heads(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(log::heads(&s.cases.db).await?)))
}

/// Entries by position: kind and leaf hash for anyone (enough to recompute every root);
/// the documents themselves for administrators.
async fn entries(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Q,
) -> Result<Json<J>, ApiError> {
    let start = int(&q, "start")?.unwrap_or(0);
    let end = match int(&q, "end")? {
        Some(e) => e,
        None => log::size(&s.cases.db).await?,
    };
    if end < start {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "end",
            "`end` is not before `start`",
        ));
    }
    let admin = optional_user(&s, &headers)
        .await
        .is_some_and(|a| a.role == Role::Admin);
    let rows = log::entries(&s.cases.db, start, end).await?;
    let out: Vec<J> = rows
        .iter()
        .map(|e| {
            let mut v = json!({"index": e.index, "kind": e.kind, "leaf_hash": e.leaf_hash, "created_at": e.created_at});
            if admin {
                v["subject"] = json!(e.subject);
                v["data"] = json!(e.data);
            }
            v
        })
        .collect();
    Ok(Json(J::Array(out)))
}

async fn entry_receipt(
    State(s): State<AppState>,
    User(who): User,
    Path(index): Path<i64>,
) -> Result<Json<Receipt>, ApiError> {
    if who.role != Role::Admin {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "receipts by index are for administrators; holders get theirs from their licence, voucher or pledge",
        ));
    }
    Ok(Json(log::receipt(&s.cases.db, index).await?))
}

async fn inclusion(State(s): State<AppState>, Query(q): Q) -> Result<Json<J>, ApiError> {
    let index = required(&q, "index")?;
    let size = required(&q, "size")?;
    let proof = log::inclusion_proof(&s.cases.db, index, size).await?;
    Ok(Json(
        json!({"leaf_index": index, "tree_size": size, "inclusion_proof": proof}),
    ))
}

async fn consistency(State(s): State<AppState>, Query(q): Q) -> Result<Json<J>, ApiError> {
    let first = required(&q, "first")?;
    let second = required(&q, "second")?;
    let proof = log::consistency_proof(&s.cases.db, first, second).await?;
    Ok(Json(
        json!({"first": first, "second": second, "consistency_proof": proof}),
    ))
}

/// Verifies a receipt (a downloaded licence, say) against this log's public key.
async fn verify(
    State(s): State<AppState>,
    JsonBody(body): JsonBody<J>,
) -> Result<Json<J>, ApiError> {
    let body = if body.get("receipt").is_some() {
        body["receipt"].clone()
    } else {
        body
    };
    let r: Receipt = serde_json::from_value(body).map_err(|e| {
        ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "receipt",
            format!("not a receipt (entry, leaf_index, inclusion_proof, tree_head): {e}"),
        )
    })?;
    let key = log::verifying_key(&s.cases.db)?;
    let outcome = r.verify(&key);
    Ok(Json(json!({
        "valid": outcome.is_ok(),
        "problems": outcome.as_ref().err().map(|e| vec![e.to_string()]).unwrap_or_default(),
        "leaf_index": r.leaf_index,
        "tree_size": r.tree_head.tree_size,
        "type": r.entry["type"],
        "code": r.entry["code"],
    })))
}

// ---- licences ----

async fn my_licences(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(J::Array(
        licences::mine(&s.cases.register(), &who).await?,
    )))
}

async fn licence(
    State(s): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<Receipt>, ApiError> {
    Ok(Json(licences::receipt(&s.cases.db, &code).await?))
}

async fn licence_verification(
    State(s): State<AppState>,
    Path(code): Path<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(licences::verification(&s.cases.db, &code).await?))
}

/// The printable page moved to the portal (`/licences/{code}`, in six languages).
async fn licence_html(Path(code): Path<String>) -> Result<Response, ApiError> {
    let code = licences::normalise_code(&code)?;
    Ok(axum::response::Redirect::permanent(&format!("/licences/{code}")).into_response())
}

// ---- vouchers ----

async fn issue_voucher(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(req): JsonBody<vouchers::IssueVoucher>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let v = vouchers::issue(&s.cases.register(), &who, &req, onestop_store::today()).await?;
    Ok((StatusCode::CREATED, Json(json!(v))))
}

async fn list_vouchers(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        vouchers::list(&s.cases.register(), &who).await?
    )))
}

async fn get_voucher(
    State(s): State<AppState>,
    User(who): User,
    Path(id): Path<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        vouchers::get(&s.cases.register(), &who, &id).await?
    )))
}

async fn redeem(
    State(s): State<AppState>,
    User(who): User,
    Path(id): Path<String>,
    JsonBody(req): JsonBody<vouchers::Redeem>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let (v, r) =
        vouchers::redeem(&s.cases.register(), &who, &id, &req, onestop_store::today()).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"voucher": v, "redemption": r})),
    ))
}

async fn voucher_receipts(
    State(s): State<AppState>,
    User(who): User,
    Path(id): Path<String>,
) -> Result<Json<J>, ApiError> {
    let v = vouchers::get(&s.cases.register(), &who, &id).await?;
    let mut out = vec![log::receipt(&s.cases.db, v.entry_index).await?];
    for r in &v.redemptions {
        out.push(log::receipt(&s.cases.db, r.entry_index).await?);
    }
    Ok(Json(json!(out)))
}

// ---- pledges ----

async fn register_pledge(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(req): JsonBody<pledges::RegisterPledge>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let p = pledges::register(&s.cases.register(), &who, &req).await?;
    Ok((StatusCode::CREATED, Json(json!(p))))
}

async fn pledge_status(State(s): State<AppState>, Query(q): Q) -> Result<Json<J>, ApiError> {
    let kind = q.get("right_kind").map(String::as_str).unwrap_or("");
    let number = q.get("right_number").map(String::as_str).unwrap_or("");
    Ok(Json(
        pledges::status(&s.cases.register(), kind, number).await?,
    ))
}

async fn get_pledge(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(pledges::get(&s.cases.register(), &id).await?)))
}

#[derive(serde::Deserialize)]
struct ReleaseBody {
    #[serde(default)]
    reason: String,
}

async fn release_pledge(
    State(s): State<AppState>,
    User(who): User,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<ReleaseBody>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        pledges::release(&s.cases.register(), &who, &id, &b.reason).await?
    )))
}

async fn pledge_receipts(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<J>, ApiError> {
    let p = pledges::get(&s.cases.register(), &id).await?;
    let mut out = vec![log::receipt(&s.cases.db, p.register_entry).await?];
    if let Some(r) = p.release_entry {
        out.push(log::receipt(&s.cases.db, r).await?);
    }
    Ok(Json(json!(out)))
}

/// Adds the register's routes to the OpenAPI document served at `/openapi.json`.
pub(crate) fn describe(doc: &mut J) {
    let ok = |summary: &str| json!({"summary": summary, "responses": {"200": {"description": "OK"}, "404": {"description": "Not found"}, "422": {"description": "A parameter is malformed; `field` names it"}}});
    let created = |summary: &str| json!({"summary": summary, "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}, "responses": {"201": {"description": "Created and logged"}, "403": {"description": "Not permitted"}, "409": {"description": "Refused by the rules (balance, expiry, standing pledge)"}, "422": {"description": "Invalid field; `field` names it"}}});
    let paths = &mut doc["paths"];
    paths["/api/ledger/key"]["get"] =
        ok("The log's Ed25519 public key (key_file is the text `--log-key` reads)");
    paths["/api/ledger/head"]["get"] = ok("A signed tree head covering the whole log");
    paths["/api/ledger/heads"]["get"] = ok("Every signed tree head, smallest first");
    paths["/api/ledger/entries"]["get"] =
        ok("Entries [start, end): kind and leaf hash; documents for administrators");
    paths["/api/ledger/entries/{index}/receipt"]["get"] =
        ok("Administrators: the receipt of any entry");
    paths["/api/ledger/proofs/inclusion"]["get"] = ok("RFC 6962 inclusion proof: ?index=&size=");
    paths["/api/ledger/proofs/consistency"]["get"] =
        ok("RFC 6962 consistency proof: ?first=&second=");
    paths["/api/ledger/verify"]["post"] = json!({"summary": "Verify a receipt (a downloaded licence) against this log's key", "requestBody": {"content": {"application/json": {"schema": {"type": "object"}}}}, "responses": {"200": {"description": "{valid, problems}"}, "422": {"description": "Not a receipt"}}});
    paths["/api/licences"]["get"] = ok("The signed-in holder's licences");
    paths["/api/licences/{code}"]["get"] =
        ok("A licence with its receipt (document, inclusion proof, signed tree head)");
    paths["/api/licences/{code}/verification"]["get"] =
        ok("The server's verification of a licence, for the portal");
    paths["/api/licences/{code}/html"]["get"] = ok("The printable licence page");
    paths["/api/vouchers"]["post"] =
        created("Issue an innovation voucher (the region's agency or an administrator)");
    paths["/api/vouchers"]["get"] = ok("Vouchers visible to the signed-in account");
    paths["/api/vouchers/{id}"]["get"] = ok("A voucher with its redemptions");
    paths["/api/vouchers/{id}/redemptions"]["post"] =
        created("Redeem part or all of the balance (the holder)");
    paths["/api/vouchers/{id}/receipts"]["get"] = ok("Receipts of every logged voucher event");
    paths["/api/pledges"]["post"] =
        created("Register the pledge of a patent or trademark (the right holder)");
    paths["/api/pledges/status"]["get"] =
        ok("Whether a right stands pledged: ?right_kind=&right_number=");
    paths["/api/pledges/{id}"]["get"] = ok("A pledge");
    paths["/api/pledges/{id}/release"]["post"] =
        created("Release a standing pledge (pledgor or administrator)");
    paths["/api/pledges/{id}/receipts"]["get"] =
        ok("Receipts of the pledge's registration and release");
}
