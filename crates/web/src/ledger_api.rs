//! The verifiable register over HTTP: the transparency log (key, signed heads, entries,
//! proofs, receipts, a verification endpoint), e-licences and innovation vouchers (IP
//! pledges: `pledges_api`). The portal's verification page calls `GET /api/licences/{code}/verification`
//! or `POST /api/ledger/verify` with a downloaded licence.

use crate::api::schemas::{
    Error, IssueVoucher, Receipt as ReceiptSchema, Redeem, RefusalReport as RefusalSchema,
    SignedTreeHead, Verified, VerifyRequest,
};
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam, QueryParams};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User, optional_user};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use onestop_ledger::{Receipt, key_id, public_key_text, to_hex};
use onestop_register::log;
use onestop_register::{licences, vouchers, witness};
use onestop_store::Role;
use serde::Deserialize;
use serde_json::{Value as J, json};
use utoipa::IntoParams;

pub fn routes() -> Routes {
    documented!(
        Routes::new(),
        key,
        head,
        heads,
        entries,
        entry_receipt,
        inclusion,
        consistency,
        checkpoint,
        cosignatures,
        refusals,
        witnesses,
        verify,
        my_licences,
        licence,
        licence_verification,
        licence_html,
        licence_status,
        issue_voucher,
        list_vouchers,
        get_voucher,
        redeem,
        voucher_receipts
    )
}

/// Which entries: `[start, end)`, by default the whole log.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct Range {
    #[param(minimum = 0)]
    start: Option<i64>,
    #[param(minimum = 0)]
    end: Option<i64>,
}

/// Entry `index` in the tree of `size` entries.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct Inclusion {
    #[param(minimum = 0)]
    index: i64,
    #[param(minimum = 1)]
    size: i64,
}

/// The tree of `first` entries is a prefix of the tree of `second`.
#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct Consistency {
    #[param(minimum = 1)]
    first: i64,
    #[param(minimum = 1)]
    second: i64,
}

/// A proof between trees this log never had is not here: 404, as for any missing thing.
fn no_tree(message: &str) -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, message)
}

/// Numbers of a receipt as JSON allows them: `647.0` is the whole number 647 (JSON
/// has one number type); anything beyond 2^63 - 1 is no index, size or time here.
fn whole_numbers(v: &mut J) -> Result<(), ApiError> {
    match v {
        J::Number(n) if n.as_u64().is_none() && n.as_i64().is_none() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && (0.0..9.2e18).contains(&f)
            {
                *v = json!(f as u64);
            }
        }
        J::Number(n) if n.as_u64().is_some_and(|u| u > i64::MAX as u64) => {
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "receipt",
                format!("{n} is beyond any index, size or time this log uses"),
            ));
        }
        J::Array(items) => items.iter_mut().try_for_each(whole_numbers)?,
        J::Object(members) => members.values_mut().try_for_each(whole_numbers)?,
        _ => {}
    }
    Ok(())
}

fn non_negative(name: &str, n: i64) -> Result<i64, ApiError> {
    if n < 0 {
        return Err(ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            name,
            format!("`{name}` is a whole number from 0, not {n}"),
        ));
    }
    Ok(n)
}

// ---- the log ----

#[utoipa::path(get, path = "/api/ledger/key", responses(
    (status = 200, description = "The log's Ed25519 public key (key_file is the text `--log-key` reads)", body = Object),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn key(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    let k = log::verifying_key(&s.cases.db)?;
    Ok(Json(json!({
        "algorithm": "ed25519",
        "public_key": to_hex(&k.to_bytes()),
        "key_id": key_id(&k),
        "key_file": public_key_text(&k),
    })))
}

#[utoipa::path(get, path = "/api/ledger/head", responses(
    (status = 200, description = "A signed tree head covering the whole log", body = SignedTreeHead),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn head(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(log::publish_head(&s.cases.db).await?)))
}

#[utoipa::path(get, path = "/api/ledger/heads", responses(
    (status = 200, description = "Every signed tree head, smallest first", body = [SignedTreeHead]),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn heads(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(log::heads(&s.cases.db).await?)))
}

/// Entries by position: kind and leaf hash for anyone (enough to recompute every root);
/// the documents themselves for administrators.
#[utoipa::path(get, path = "/api/ledger/entries", params(Range), responses(
    (status = 200, description = "Entries [start, end): kind and leaf hash; documents for administrators", body = [Object]),
    (status = 422, description = "`start` or `end` is not a whole number from 0, or `end` is before `start`", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn entries(
    State(s): State<AppState>,
    headers: HeaderMap,
    QueryParams(q): QueryParams<Range>,
) -> Result<Json<J>, ApiError> {
    let start = non_negative("start", q.start.unwrap_or(0))?;
    let end = match q.end {
        Some(e) => non_negative("end", e)?,
        None => log::size(&s.cases.db).await?,
    };
    // [start, end) with end before start holds nothing, like any empty range.
    if end <= start {
        return Ok(Json(J::Array(Vec::new())));
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

#[utoipa::path(get, path = "/api/ledger/entries/{index}/receipt", params(("index" = u64, Path)), responses(
    (status = 200, description = "The entry's receipt", body = ReceiptSchema),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an administrator", body = Error),
    (status = 404, description = "No such entry", body = Error),
    (status = 422, description = "`index` is not a whole number", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn entry_receipt(
    State(s): State<AppState>,
    User(who): User,
    PathParam(index): PathParam<i64>,
) -> Result<Json<Receipt>, ApiError> {
    if who.role != Role::Admin {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "receipts by index are for administrators; holders get theirs from their licence, voucher or pledge",
        ));
    }
    Ok(Json(log::receipt(&s.cases.db, index).await?))
}

#[utoipa::path(get, path = "/api/ledger/proofs/inclusion", params(Inclusion), responses(
    (status = 200, description = "RFC 6962 inclusion proof", body = Object),
    (status = 404, description = "The log never had that tree, or the entry is not in it", body = Error),
    (status = 422, description = "`index` or `size` missing or malformed", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn inclusion(
    State(s): State<AppState>,
    QueryParams(q): QueryParams<Inclusion>,
) -> Result<Json<J>, ApiError> {
    let (index, size) = (
        non_negative("index", q.index)?,
        non_negative("size", q.size)?,
    );
    let logged = log::size(&s.cases.db).await?;
    if size > logged || index >= size {
        return Err(no_tree(&format!(
            "no entry {index} in a tree of {size} entries here; the log holds {logged}"
        )));
    }
    let proof = log::inclusion_proof(&s.cases.db, index, size).await?;
    Ok(Json(
        json!({"leaf_index": index, "tree_size": size, "inclusion_proof": proof}),
    ))
}

#[utoipa::path(get, path = "/api/ledger/proofs/consistency", params(Consistency), responses(
    (status = 200, description = "RFC 6962 consistency proof", body = Object),
    (status = 404, description = "The log never had those trees, or `first` is past `second`", body = Error),
    (status = 422, description = "`first` or `second` missing or malformed", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn consistency(
    State(s): State<AppState>,
    QueryParams(q): QueryParams<Consistency>,
) -> Result<Json<J>, ApiError> {
    let (first, second) = (
        non_negative("first", q.first)?,
        non_negative("second", q.second)?,
    );
    let logged = log::size(&s.cases.db).await?;
    if second > logged || first > second || first == 0 {
        return Err(no_tree(&format!(
            "no proof from a tree of {first} to one of {second} entries; the log holds {logged}"
        )));
    }
    let proof = log::consistency_proof(&s.cases.db, first, second).await?;
    Ok(Json(
        json!({"first": first, "second": second, "consistency_proof": proof}),
    ))
}

// ---- witnesses (C2SP checkpoints and cosignatures; docs/witness.md) ----

fn text(body: String) -> Response {
    (
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; charset=utf-8",
        )],
        body,
    )
        .into_response()
}

#[utoipa::path(get, path = "/api/ledger/checkpoint", responses(
    (status = 200, description = "The latest signed head as a C2SP checkpoint (c2sp.org/tlog-checkpoint): origin, size and base64 root, an empty line, the log's Ed25519 note signature (key name = origin) and every witness cosignature (`cosignature/v1`) stored for that head", body = String, content_type = "text/plain"),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn checkpoint(State(s): State<AppState>) -> Result<Response, ApiError> {
    Ok(text(witness::checkpoint(&s.cases.db).await?))
}

#[utoipa::path(post, path = "/api/ledger/cosignatures",
    request_body(content = String, content_type = "text/plain", description = "The checkpoint as the log served it with the witness's cosignature line(s) added (the add-checkpoint answer of c2sp.org/tlog-witness appended to the checkpoint)"),
    responses(
    (status = 200, description = "The cosignatures stored, one per configured witness found on the note", body = [Object]),
    (status = 403, description = "No cosignature of a configured witness (DATA/witnesses.toml) on the note", body = Error),
    (status = 409, description = "This log has no signed head of that size and root", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 422, description = "Not a signed checkpoint of this log, or a configured witness's cosignature does not verify", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn cosignatures(
    State(s): State<AppState>,
    body: axum::body::Bytes,
) -> Result<Json<J>, ApiError> {
    let note = std::str::from_utf8(&body).map_err(|_| {
        ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "checkpoint",
            "a signed note is UTF-8 text",
        )
    })?;
    let stored = witness::add_cosignatures(&s.cases.db, &s.cases.witnesses, note).await?;
    Ok(Json(json!(stored)))
}

#[utoipa::path(post, path = "/api/ledger/refusals", request_body = RefusalSchema, responses(
    (status = 201, description = "The refusal, recorded and shown on the operator's page", body = Object),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 403, description = "Not a configured witness, or not signed by its key", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Not a refusal report; `field` names what is wrong", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn refusals(
    State(s): State<AppState>,
    JsonBody(report): JsonBody<onestop_ledger::witness::RefusalReport>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let r = witness::add_refusal(&s.cases.db, &s.cases.witnesses, &report).await?;
    Ok((StatusCode::CREATED, Json(json!(r))))
}

#[utoipa::path(get, path = "/api/ledger/witnesses", responses(
    (status = 200, description = "The log's origin, the quorum a receipt needs, the latest head, each configured witness with the last head it cosigned, and every refusal reported (newest first)", body = Object),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn witnesses(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        witness::overview(&s.cases.db, &s.cases.witnesses).await?
    )))
}

/// Verifies a receipt (a downloaded licence, say) against this log's public key.
#[utoipa::path(post, path = "/api/ledger/verify", request_body = VerifyRequest, responses(
    (status = 200, description = "Whether the receipt verifies, and why not", body = Verified),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Not a receipt", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn verify(
    State(s): State<AppState>,
    JsonBody(body): JsonBody<J>,
) -> Result<Json<J>, ApiError> {
    let mut body = if body.get("receipt").is_some() {
        body["receipt"].clone()
    } else {
        body
    };
    whole_numbers(&mut body)?;
    let r: Receipt = serde_json::from_value(body).map_err(|e| {
        ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "receipt",
            format!("not a receipt (entry, leaf_index, inclusion_proof, tree_head): {e}"),
        )
    })?;
    let key = log::verifying_key(&s.cases.db)?;
    let w = &s.cases.witnesses;
    let outcome = r.verify_witnessed(&key, &w.verifiers(), w.quorum);
    let cosigned: Vec<String> = r
        .cosigners(&key, &w.verifiers())
        .unwrap_or_default()
        .into_iter()
        .map(|(n, _)| n)
        .collect();
    Ok(Json(json!({
        "valid": outcome.is_ok(),
        "problems": outcome.as_ref().err().map(|e| vec![e.to_string()]).unwrap_or_default(),
        "leaf_index": r.leaf_index,
        "tree_size": r.tree_head.tree_size,
        "type": r.entry["type"],
        "code": r.entry["code"],
        "witnesses": cosigned,
        "quorum": w.quorum,
    })))
}

// ---- licences ----

#[utoipa::path(get, path = "/api/licences", responses(
    (status = 200, description = "The signed-in holder's licences: each the document as logged, with its current `status` (valid, suspended or revoked) added beside it; the status is not part of the signed document (see `/api/licences/{code}/verification`)", body = [Object]),
    (status = 403, description = "Licences are listed for their holders (applicants)", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn my_licences(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(J::Array(
        licences::mine(&s.cases.register(), &who).await?,
    )))
}

#[utoipa::path(get, path = "/api/licences/{code}", params(("code" = String, Path, description = "The licence verification code, like BJ-7K3MQ-9XT2A", pattern = "^BJ-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")), responses(
    (status = 200, description = "A licence with its receipt (document, inclusion proof, signed tree head)", body = ReceiptSchema),
    (status = 404, description = "No such licence", body = Error),
    (status = 422, description = "Not a licence code", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn licence(
    State(s): State<AppState>,
    PathParam(code): PathParam<String>,
) -> Result<Json<Receipt>, ApiError> {
    Ok(Json(licences::receipt(&s.cases.db, &code).await?))
}

#[utoipa::path(get, path = "/api/licences/{code}/verification", params(("code" = String, Path, description = "The licence verification code, like BJ-7K3MQ-9XT2A", pattern = "^BJ-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")), responses(
    (status = 200, description = "The server's verification of a licence, for the portal", body = Object),
    (status = 404, description = "No such licence", body = Error),
    (status = 422, description = "Not a licence code", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn licence_verification(
    State(s): State<AppState>,
    PathParam(code): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(
        licences::verification_with(&s.cases.db, &code, &s.cases.witnesses).await?,
    ))
}

#[utoipa::path(get, path = "/api/licences/{code}/html", params(("code" = String, Path, description = "The licence verification code, like BJ-7K3MQ-9XT2A", pattern = "^BJ-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")), responses(
    (status = 308, description = "Moved: the printable licence is the portal page `/licences/{code}`, in the reader's language"),
    (status = 422, description = "Not a licence code", body = Error),
))]
async fn licence_html(PathParam(code): PathParam<String>) -> Result<Response, ApiError> {
    let code = licences::normalise_code(&code)?;
    Ok(axum::response::Redirect::permanent(&format!("/licences/{code}")).into_response())
}

/// A change to a licence after issue, by its deciding agency.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LicenceStatusBody {
    /// suspend (valid → suspended), reinstate (suspended → valid) or revoke (final).
    #[schema(pattern = "^(suspend|reinstate|revoke)$")]
    change: String,
    /// Why; logged and shown to anyone who verifies the licence.
    #[schema(min_length = 1, max_length = 4000, pattern = "\\S")]
    reason: String,
}

#[utoipa::path(post, path = "/api/licences/{code}/status", request_body = LicenceStatusBody, params(("code" = String, Path, description = "The licence verification code, like BJ-7K3MQ-9XT2A", pattern = "^BJ-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$")), responses(
    (status = 200, description = "The licence's verification after the change (with `status` and `status_history`)", body = Object),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the agency that decided the licence", body = Error),
    (status = 404, description = "No such licence", body = Error),
    (status = 409, description = "The change does not apply to the licence's status (a revoked licence stays revoked)", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Not a licence code, an unknown change, or no reason; `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn licence_status(
    State(s): State<AppState>,
    User(who): User,
    PathParam(code): PathParam<String>,
    JsonBody(b): JsonBody<LicenceStatusBody>,
) -> Result<Json<J>, ApiError> {
    let change = licences::StatusChange::parse(&b.change).ok_or_else(|| {
        ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "change",
            format!(
                "unknown change `{}`; use suspend, reinstate or revoke",
                b.change
            ),
        )
    })?;
    Ok(Json(
        licences::change_status(
            &s.cases.register(),
            &who,
            &code,
            change,
            &b.reason,
            onestop_store::today(),
        )
        .await?,
    ))
}

// ---- vouchers ----

#[utoipa::path(post, path = "/api/vouchers", request_body = IssueVoucher, responses(
    (status = 201, description = "Issued and logged", body = Object),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not the region's agency nor an administrator", body = Error),
    (status = 404, description = "No such holder", body = Error),
    (status = 409, description = "Refused by the rules", body = Error),
    (status = 422, description = "Invalid field; `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn issue_voucher(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(req): JsonBody<vouchers::IssueVoucher>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let v = vouchers::issue(&s.cases.register(), &who, &req, onestop_store::today()).await?;
    Ok((StatusCode::CREATED, Json(json!(v))))
}

#[utoipa::path(get, path = "/api/vouchers", responses(
    (status = 200, description = "Vouchers visible to the signed-in account", body = [Object]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_vouchers(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        vouchers::list(&s.cases.register(), &who).await?
    )))
}

#[utoipa::path(get, path = "/api/vouchers/{id}", params(("id" = String, Path)), responses(
    (status = 200, description = "A voucher with its redemptions", body = Object),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not permitted", body = Error),
    (status = 404, description = "No such voucher", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_voucher(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        vouchers::get(&s.cases.register(), &who, &id).await?
    )))
}

#[utoipa::path(post, path = "/api/vouchers/{id}/redemptions", request_body = Redeem, params(("id" = String, Path)), responses(
    (status = 201, description = "Asked of the provider, reserved and logged; it counts when the provider confirms (POST /api/voucher-redemptions/{id}/decision)", body = Object),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not the holder", body = Error),
    (status = 404, description = "No such voucher", body = Error),
    (status = 409, description = "Refused by the rules (balance, expiry)", body = Error),
    (status = 422, description = "Invalid field; `field` names it", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn redeem(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(req): JsonBody<onestop_register::voucher_redemptions::Redeem>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let (v, r) = onestop_register::voucher_redemptions::request(
        &s.cases.register(),
        &who,
        &id,
        &req,
        onestop_store::today(),
    )
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"voucher": v, "redemption": r})),
    ))
}

#[utoipa::path(get, path = "/api/vouchers/{id}/receipts", params(("id" = String, Path)), responses(
    (status = 200, description = "Receipts of every logged voucher event", body = [ReceiptSchema]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not permitted", body = Error),
    (status = 404, description = "No such voucher", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn voucher_receipts(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let v = vouchers::get(&s.cases.register(), &who, &id).await?;
    // Every event about the voucher: its issue, each request and each decision.
    let mut indexes: std::collections::BTreeSet<i64> = [v.entry_index].into();
    indexes.extend(v.redemptions.iter().map(|r| r.entry_index));
    for r in &v.requests {
        indexes.insert(r.request_entry);
        indexes.extend(r.decision_entry);
    }
    let mut out = Vec::with_capacity(indexes.len());
    for i in indexes {
        out.push(log::receipt(&s.cases.db, i).await?);
    }
    Ok(Json(json!(out)))
}

// IP pledges: crate::pledges_api.
