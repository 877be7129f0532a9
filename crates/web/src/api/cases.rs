//! The one-window service for a signed-in account: the stored profile, materials,
//! bundles (one application, one case per agency), cases and an officer's inbox.

use super::schemas::{Bundle, Case, CaseDetail, Error, Material, Profile};
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam, QueryParams};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use onestop_cases::{CaseAction, SubmitRequest};
use serde::Deserialize;
use serde_json::{Value as J, json};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Routes {
    let materials = Routes::new().add_with::<__path_upload_material, _, _>(upload_material, |m| {
        m.layer(DefaultBodyLimit::max(
            onestop_cases::store::MAX_MATERIAL_BYTES + 1024,
        ))
    });
    documented!(
        materials,
        get_profile,
        put_profile,
        list_materials,
        get_material,
        submit,
        get_bundle,
        my_cases,
        get_case,
        act,
        inbox,
        add_case_material,
        supervision_queue,
        supervise
    )
}

// ---- profile and materials ----

/// The stored facts.
#[utoipa::path(get, path = "/api/profile", responses(
    (status = 200, description = "The stored facts", body = Profile),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_profile(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!({"facts": s.cases.profile(&who).await?})))
}

#[derive(Deserialize, ToSchema)]
pub struct ProfileBody {
    /// Facts of the account's entity by input name (see POST /api/questions).
    #[schema(value_type = Object)]
    facts: J,
}

#[utoipa::path(put, path = "/api/profile", request_body = ProfileBody, responses(
    (status = 200, description = "Stored; pre-fills every later application", body = Profile),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only applicants keep a profile", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "A fact is unknown or of the wrong type", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn put_profile(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(b): JsonBody<ProfileBody>,
) -> Result<Json<J>, ApiError> {
    if let Some(entity) = &who.entity {
        crate::api::facts::check(&s.engine.program, entity, &b.facts)?;
    }
    Ok(Json(
        json!({"facts": s.cases.set_profile(&who, &b.facts).await?}),
    ))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct UploadQuery {
    /// Original file name
    filename: Option<String>,
}

#[utoipa::path(post, path = "/api/materials", params(UploadQuery),
    request_body(content(
        (Vec<u8> = "application/pdf"),
        (Vec<u8> = "image/png"),
        (Vec<u8> = "image/jpeg"),
    )),
    responses(
        (status = 201, description = "Stored by content hash", body = Material),
        (status = 401, description = "Not signed in", body = Error),
        (status = 413, description = "Over 10 MiB", body = Error),
        (status = 415, description = "Not PDF, PNG or JPEG (the bytes decide, not the name)", body = Error),
        (status = 422, description = "The query is malformed", body = Error),
        (status = 503, description = "Storage unavailable; try again", body = Error),
    ), security(("bearer" = [])))]
async fn upload_material(
    State(s): State<AppState>,
    User(who): User,
    QueryParams(q): QueryParams<UploadQuery>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let ct = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let m = s
        .cases
        .put_material(&who, q.filename.as_deref().unwrap_or("document"), ct, &body)
        .await?;
    Ok((StatusCode::CREATED, Json(json!(m))))
}

/// My materials.
#[utoipa::path(get, path = "/api/materials", responses(
    (status = 200, description = "The signed-in account's materials", body = [Material]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_materials(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.my_materials(&who).await?)))
}

/// A material's bytes, as an attachment, if permitted.
#[utoipa::path(get, path = "/api/materials/{hash}", params(("hash" = String, Path, description = "The material's content hash")), responses(
    (status = 200, description = "The file, as an attachment",
        content((Vec<u8> = "application/pdf"), (Vec<u8> = "image/png"), (Vec<u8> = "image/jpeg"), (Vec<u8> = "application/octet-stream"))),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not yours, nor of a case you handle", body = Error),
    (status = 404, description = "No such material", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_material(
    State(s): State<AppState>,
    User(who): User,
    PathParam(hash): PathParam<String>,
) -> Result<Response, ApiError> {
    let (m, bytes) = s.cases.material(&who, &hash).await?;
    Ok(crate::download::attachment(
        &m.content_type,
        &m.filename,
        bytes,
    ))
}

// ---- bundles and cases ----

#[derive(Deserialize, ToSchema)]
pub struct SubmitBody {
    /// A service id from GET /api/services, e.g. category-a-permits
    service: String,
    /// Same key on every retry of the same application (clients that cannot put it
    /// in the body may send the Idempotency-Key header instead).
    #[schema(value_type = String, required = true, min_length = 1, max_length = 128, pattern = "\\S")]
    idempotency_key: Option<String>,
    /// Facts added to (and overriding) the stored profile.
    #[schema(value_type = Option<Object>)]
    facts: Option<J>,
    /// Hashes of materials uploaded with POST /api/materials, not saying which of
    /// the service's materials they are.
    #[serde(default)]
    materials: Vec<String>,
    /// Files by the service material they fill: `{"passport": "<hash>"}` (material
    /// ids from GET /api/services). A case is accepted only when its required
    /// materials are given.
    #[serde(default)]
    #[schema(value_type = Object)]
    documents: std::collections::BTreeMap<String, String>,
}

#[utoipa::path(post, path = "/api/bundles", request_body = SubmitBody,
    responses(
        (status = 201, description = "New bundle: one case per agency", body = Bundle),
        (status = 200, description = "The same bundle again (idempotent retry)", body = Bundle),
        (status = 400, description = "The body is not JSON", body = Error),
        (status = 401, description = "Not signed in", body = Error),
        (status = 403, description = "Only applicants apply", body = Error),
        (status = 404, description = "No such service or material", body = Error),
        (status = 409, description = "Key reused for a different application", body = Error),
        (status = 413, description = "The body is over 1 MiB", body = Error),
        (status = 415, description = "The body is not sent as application/json", body = Error),
        (status = 422, description = "Invalid, incomplete or not eligible; `explanation` says why", body = Error),
        (status = 503, description = "Storage unavailable; try again", body = Error),
    ), security(("bearer" = [])))]
async fn submit(
    State(s): State<AppState>,
    User(who): User,
    headers: HeaderMap,
    JsonBody(b): JsonBody<SubmitBody>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let key = b
        .idempotency_key
        .or_else(|| headers.get("idempotency-key").and_then(|v| v.to_str().ok()).map(String::from))
        .ok_or_else(|| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "idempotency_key", "send an idempotency key (field or Idempotency-Key header), the same on every retry"))?;
    if let (Some(facts), Some(svc)) = (&b.facts, s.cases.services.get(&b.service)) {
        crate::api::facts::check(&s.engine.program, &svc.entity, facts)?;
    }
    let (bundle, created) = s
        .cases
        .submit(
            &who,
            SubmitRequest {
                service: b.service,
                idempotency_key: key,
                facts: b.facts,
                materials: b.materials,
                slots: b.documents.into_iter().collect(),
                date: None,
            },
        )
        .await?;
    Ok((
        if created {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
        Json(json!(bundle)),
    ))
}

/// A bundle and its cases.
#[utoipa::path(get, path = "/api/bundles/{id}", params(("id" = String, Path)), responses(
    (status = 200, description = "The bundle and its cases", body = Bundle),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not yours", body = Error),
    (status = 404, description = "No such bundle", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_bundle(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.bundle(&who, &id).await?)))
}

/// My cases.
#[utoipa::path(get, path = "/api/cases", responses(
    (status = 200, description = "The signed-in applicant's cases", body = [Case]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an applicant", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn my_cases(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.my_cases(&who).await?)))
}

/// A case with its audit trail and the engine's explanation.
#[utoipa::path(get, path = "/api/cases/{id}", params(("id" = String, Path)), responses(
    (status = 200, description = "The case, its audit trail, facts, evaluation and explanation", body = CaseDetail),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not yours, nor your agency's", body = Error),
    (status = 404, description = "No such case", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_case(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.case(&who, &id).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct ActionBody {
    /// accept, review, request_info, respond, approve, reject, withdraw
    #[schema(pattern = "^(accept|review|request_info|respond|approve|reject|withdraw)$")]
    action: String,
    #[serde(default)]
    reason: String,
}

#[utoipa::path(post, path = "/api/cases/{id}/actions", request_body = ActionBody, params(("id" = String, Path)), responses(
    (status = 200, description = "The case after the action", body = Case),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not yours or not your agency's", body = Error),
    (status = 404, description = "No such case", body = Error),
    (status = 409, description = "Not allowed in the case's state (e.g. already decided), or changed meanwhile", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Unknown action, or a reason is needed", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn act(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<ActionBody>,
) -> Result<Json<J>, ApiError> {
    let action = CaseAction::parse(&b.action).ok_or_else(|| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "action", format!("unknown action `{}`; use accept, review, request_info, respond, approve, reject or withdraw", b.action)))?;
    Ok(Json(json!(
        s.cases.act(&who, &id, action, &b.reason, None).await?
    )))
}

/// An officer's open cases, overdue first.
#[utoipa::path(get, path = "/api/inbox", responses(
    (status = 200, description = "The officer's agency's open cases, overdue first", body = [Case]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn inbox(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.inbox(&who).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct AddMaterialBody {
    /// The service material it fills (ids in GET /api/services, and in the case's
    /// `required_materials`).
    #[schema(min_length = 1, max_length = 64)]
    material: String,
    /// A file uploaded with POST /api/materials.
    #[schema(pattern = "^[0-9a-f]{64}$")]
    hash: String,
}

/// Adds a file to a case's application as one of the service's materials (what was
/// missing, or what an officer asked for); every agency of the application sees it.
#[utoipa::path(post, path = "/api/cases/{id}/materials", request_body = AddMaterialBody, params(("id" = String, Path)), responses(
    (status = 200, description = "The case, with the material filled", body = CaseDetail),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not your case", body = Error),
    (status = 404, description = "No such case", body = Error),
    (status = 409, description = "The case is decided", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "A material the service does not ask for, a file not yours, or of a type it does not accept", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn add_case_material(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<AddMaterialBody>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        s.cases
            .add_material(&who, &id, &b.material, &b.hash)
            .await?
    )))
}

/// An officer's approvals upon filing or on commitment still to be checked: those
/// the rules flag first, then by due date.
#[utoipa::path(get, path = "/api/supervision", responses(
    (status = 200, description = "The agency's approvals awaiting their ex-post check", body = [Case]),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn supervision_queue(
    State(s): State<AppState>,
    User(who): User,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.supervision_queue(&who).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct SuperviseBody {
    /// pass: the approval stands; revoke: it fails the standards or the commitment
    /// was broken (the case and its licence are revoked).
    #[schema(pattern = "^(pass|revoke)$")]
    outcome: String,
    /// Why; recorded and shown to the applicant.
    #[schema(min_length = 1, max_length = 4000)]
    reason: String,
}

/// Records the ex-post check of an approval upon filing or on commitment.
#[utoipa::path(post, path = "/api/cases/{id}/supervision", request_body = SuperviseBody, params(("id" = String, Path)), responses(
    (status = 200, description = "The case after the check", body = Case),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not your agency's case", body = Error),
    (status = 404, description = "No such case", body = Error),
    (status = 409, description = "Not approved upon filing, or already checked", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Unknown outcome, or no reason", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn supervise(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<SuperviseBody>,
) -> Result<Json<J>, ApiError> {
    let outcome = onestop_cases::supervision::Outcome::parse(&b.outcome).ok_or_else(|| {
        ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "outcome",
            format!("unknown outcome `{}`; use pass or revoke", b.outcome),
        )
    })?;
    Ok(Json(json!(
        s.cases.supervise(&who, &id, outcome, &b.reason).await?
    )))
}
