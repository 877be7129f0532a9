//! Routes and handlers.

use crate::error::ApiError;
use axum::extract::rejection::JsonRejection;
use axum::extract::{DefaultBodyLimit, FromRequest, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use onestop_cases::{CaseAction, SubmitRequest};
use onestop_engine::explain::{Lang, render_explanation};
use onestop_engine::report::evaluation_to_json;
use onestop_engine::{Engine, EvalOptions, Status, facts_from_json};
use onestop_store::{Account, Role};
use serde::Deserialize;
use serde_json::{Value as J, json};
use std::collections::BTreeMap;
use utoipa::{OpenApi, ToSchema};

use crate::state::bearer;
pub use crate::state::{AppState, User};

/// JSON bodies with errors in our shape (400 for bad JSON, 422 for wrong fields).
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: serde::de::DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;
    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(JsonBody(v)),
            Err(JsonRejection::JsonDataError(e)) => Err(ApiError::new(
                StatusCode::UNPROCESSABLE_ENTITY,
                format!("the request body does not match: {}", e.body_text()),
            )),
            Err(JsonRejection::JsonSyntaxError(e)) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("the request body is not valid JSON: {}", e.body_text()),
            )),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send JSON with `Content-Type: application/json`",
            )),
            // A body over the limit is 413, as the rejection says; others keep their status.
            Err(e) => Err(ApiError::new(e.status(), e.body_text())),
        }
    }
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/api/measures", get(measures))
        .route("/api/services", get(services))
        .route("/api/eligibility", post(eligibility))
        .route("/api/explain", post(explain))
        .route("/api/questions", post(questions))
        .route("/api/accounts", post(register))
        .route("/api/sessions", post(login).delete(logout))
        .route("/api/me", get(me))
        .route("/api/profile", get(get_profile).put(put_profile))
        .route(
            "/api/materials",
            post(upload_material)
                .get(list_materials)
                .layer(DefaultBodyLimit::max(
                    onestop_cases::store::MAX_MATERIAL_BYTES + 1024,
                )),
        )
        .route("/api/materials/{hash}", get(get_material))
        .route("/api/bundles", post(submit))
        .route("/api/bundles/{id}", get(get_bundle))
        .route("/api/cases", get(my_cases))
        .route("/api/cases/{id}", get(get_case))
        .route("/api/cases/{id}/actions", post(act))
        .route("/api/inbox", get(inbox))
        .route("/api/projects", post(file_project).get(my_projects))
        .route("/api/projects/{id}", get(get_project))
        .route("/api/projects/{id}/budget-adjustments", post(adjust_budget))
        .route(
            "/api/projects/{id}/milestones/{seq}/report",
            post(report_milestone),
        )
        .route("/api/admin/accounts", post(admin_create))
        .merge(crate::calendar_api::routes())
        .merge(crate::performance_api::routes())
        .merge(crate::ledger_api::routes())
        .merge(crate::portal::routes())
        .fallback(|| async {
            ApiError::new(StatusCode::NOT_FOUND, "no such endpoint; see /openapi.json")
        })
        .layer(DefaultBodyLimit::max(1024 * 1024))
        .layer(axum::middleware::from_fn(crate::security::headers))
        .layer(tower_http::compression::CompressionLayer::new())
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal error; the request was not completed",
            )
            .into_response()
        }))
        .with_state(state)
}

// ---- rule engine ----

#[derive(Deserialize, ToSchema)]
pub struct EvalRequest {
    /// enterprise, person or project
    entity: String,
    /// Facts by input name; `null` or absent means unknown.
    #[schema(value_type = Object)]
    facts: J,
    /// Decision date YYYY-MM-DD (default: today in Beijing).
    date: Option<String>,
    /// Only these measures (default: every measure of the entity).
    #[serde(default)]
    measures: Vec<String>,
    /// Language of the explanation: en or zh.
    lang: Option<String>,
}

struct Evaluated {
    facts: onestop_engine::Facts,
    ev: onestop_engine::Evaluation,
}

fn evaluate(engine: &Engine, req: &EvalRequest, trace: bool) -> Result<Evaluated, ApiError> {
    let entity = engine
        .entity(&req.entity)
        .map_err(|m| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "entity", m))?;
    let facts = facts_from_json(&engine.program, entity, &req.facts).map_err(|e| {
        ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("facts.{}", e.field),
            e.to_string(),
        )
    })?;
    let date = match &req.date {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "date",
                format!("`{d}` is not a date; write YYYY-MM-DD"),
            )
        })?,
        None => onestop_store::today(),
    };
    let mut ids = Vec::new();
    for m in &req.measures {
        let id = engine.program.measure(m).ok_or_else(|| {
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "measures",
                format!("unknown measure `{m}`"),
            )
        })?;
        if engine.program.measures[id.index()].entity != entity {
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "measures",
                format!("measure `{m}` is not for {}", req.entity),
            ));
        }
        ids.push(id);
    }
    let ev = engine.evaluate(
        &facts,
        date,
        &EvalOptions {
            trace,
            measures: ids,
        },
    );
    Ok(Evaluated { facts, ev })
}

#[utoipa::path(post, path = "/api/eligibility", request_body = EvalRequest, responses((status = 200, description = "Per measure: status, outputs, missing facts"), (status = 422, description = "Unknown entity, measure or fact, or a fact of the wrong type")))]
async fn eligibility(
    State(s): State<AppState>,
    JsonBody(req): JsonBody<EvalRequest>,
) -> Result<Response, ApiError> {
    let e = evaluate(&s.engine, &req, false)?;
    // Straight to bytes: building a `serde_json::Value` first cost more than evaluating.
    // An answer is about 9 KiB: reserve it once instead of growing the buffer.
    let mut body = Vec::with_capacity(16 * 1024);
    serde_json::to_writer(&mut body, &s.engine.report(&e.ev)).map_err(|err| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot write the evaluation: {err}"),
        )
    })?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

#[utoipa::path(post, path = "/api/explain", request_body = EvalRequest, responses((status = 200, description = "The evaluation and its explanation as text")))]
async fn explain(
    State(s): State<AppState>,
    JsonBody(req): JsonBody<EvalRequest>,
) -> Result<Json<J>, ApiError> {
    let lang = match req.lang.as_deref() {
        None => Lang::En,
        Some(l) => Lang::parse(l).ok_or_else(|| {
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "lang",
                format!("unknown language `{l}`; use en or zh"),
            )
        })?,
    };
    let e = evaluate(&s.engine, &req, true)?;
    let mut out = evaluation_to_json(&s.engine.program, &e.ev);
    out["explanation"] = json!(render_explanation(&s.engine.program, &e.facts, &e.ev, lang));
    Ok(Json(out))
}

/// How many measures wait for a fact: for their status, and for their amounts.
type Need = (usize, usize, Vec<String>);

/// The facts still worth asking, most useful first: each unknown fact that could change
/// a measure's status, then those needed only for amounts.
#[utoipa::path(post, path = "/api/questions", request_body = EvalRequest, responses((status = 200, description = "Open questions; `done` when every status is determined")))]
async fn questions(
    State(s): State<AppState>,
    JsonBody(req): JsonBody<EvalRequest>,
) -> Result<Json<J>, ApiError> {
    let e = evaluate(&s.engine, &req, false)?;
    let p = &s.engine.program;
    let mut score: BTreeMap<u32, Need> = BTreeMap::new();
    for r in &e.ev.measures {
        let id = &p.measures[r.measure.index()].id;
        for i in &r.missing {
            let entry = score.entry(i.0).or_default();
            entry.0 += 1;
            entry.2.push(id.clone());
        }
        if r.status == Status::Eligible {
            for i in &r.missing_for_outputs {
                let entry = score.entry(i.0).or_default();
                entry.1 += 1;
                if !entry.2.contains(id) {
                    entry.2.push(id.clone());
                }
            }
        }
    }
    let mut rows: Vec<(u32, Need)> = score.into_iter().collect();
    rows.sort_by(|a, b| (b.1.0, b.1.1, a.0).cmp(&(a.1.0, a.1.1, b.0)));
    let undetermined =
        e.ev.measures
            .iter()
            .filter(|m| m.status == Status::Undetermined)
            .count();
    let qs: Vec<J> = rows
        .into_iter()
        .map(|(i, (status_count, amount_count, measures))| {
            let input = &p.inputs[i as usize];
            let options: Vec<J> = match &input.ty {
                onestop_lang::Type::Enum(en) => p.enums[en.0 as usize].values.iter().map(|(n, t)| json!({"value": n, "en": t.best("en"), "zh": t.best("zh")})).collect(),
                _ => Vec::new(),
            };
            json!({
                "fact": input.name,
                "type": p.type_name(&input.ty),
                "title": {"en": input.title.best("en"), "zh": input.title.best("zh")},
                "question": {"en": input.question.get("en").unwrap_or(input.title.best("en")), "zh": input.question.get("zh").unwrap_or(input.title.best("zh"))},
                "options": options,
                "decides_status_of": status_count,
                "needed_for_amounts_of": amount_count,
                "measures": measures,
            })
        })
        .collect();
    Ok(Json(
        json!({"done": undetermined == 0, "undetermined": undetermined, "questions": qs}),
    ))
}

async fn measures(State(s): State<AppState>) -> Json<J> {
    let rows: Vec<J> = onestop_catalog::embedded()
        .measures
        .iter()
        .map(|m| json!({"id": m.id, "title": {"en": m.title.en, "zh": m.title.zh}, "summary": {"en": m.summary.en, "zh": m.summary.zh}, "source": m.sources.join("; "), "computable": s.engine.program.measure(&m.id).is_some(), "group": m.group, "status": m.status, "responsible": m.responsible, "completion": m.completion}))
        .collect();
    Json(J::Array(rows))
}

async fn services(State(s): State<AppState>) -> Json<J> {
    let rows: Vec<J> = s
        .cases
        .services
        .services
        .iter()
        .map(|svc| json!({"id": svc.id, "entity": svc.entity, "measure": svc.measure, "title": {"en": svc.title.en, "zh": svc.title.zh}, "source": svc.source, "cases": svc.cases.iter().map(|c| json!({"kind": c.kind, "agency": c.agency, "title": {"en": c.title.en, "zh": c.title.zh}})).collect::<Vec<_>>()}))
        .collect();
    Json(J::Array(rows))
}

// ---- accounts ----

#[derive(Deserialize, ToSchema)]
pub struct RegisterRequest {
    username: String,
    password: String,
    /// enterprise or person
    entity: String,
    #[serde(default)]
    display_name: String,
}

#[utoipa::path(post, path = "/api/accounts", request_body = RegisterRequest, responses((status = 201, description = "Applicant account created"), (status = 409, description = "Username taken"), (status = 422, description = "Invalid field")))]
async fn register(
    State(s): State<AppState>,
    JsonBody(r): JsonBody<RegisterRequest>,
) -> Result<(StatusCode, Json<Account>), ApiError> {
    let a = s
        .cases
        .create_account(
            &r.username,
            &r.password,
            Role::Applicant,
            None,
            Some(&r.entity),
            &r.display_name,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(a)))
}

#[derive(Deserialize, ToSchema)]
pub struct LoginRequest {
    username: String,
    password: String,
}

#[utoipa::path(post, path = "/api/sessions", request_body = LoginRequest, responses((status = 200, description = "A session token"), (status = 401, description = "Wrong username or password"), (status = 429, description = "Too many failed sign-ins for the account or the client address; `Retry-After` says when to try again")))]
async fn login(
    State(s): State<AppState>,
    ext: axum::http::Extensions,
    JsonBody(r): JsonBody<LoginRequest>,
) -> Response {
    use crate::security::LoginRefused;
    match crate::security::login(&s.throttle, &s.cases, &ext, &r.username, &r.password).await {
        Ok(session) => Json(json!(session)).into_response(),
        Err(LoginRefused::Wrong) => {
            ApiError::new(StatusCode::UNAUTHORIZED, "wrong username or password").into_response()
        }
        Err(LoginRefused::Locked(wait)) => {
            let mut r = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "too many failed sign-ins for this account or address; try again in {} seconds",
                    wait.as_secs().max(1)
                ),
            )
            .into_response();
            r.headers_mut()
                .insert(header::RETRY_AFTER, crate::security::retry_after(wait));
            r
        }
        Err(LoginRefused::Failed(e)) => ApiError::from(e).into_response(),
    }
}

async fn logout(State(s): State<AppState>, headers: HeaderMap) -> Result<StatusCode, ApiError> {
    if let Some(t) = bearer(&headers) {
        s.cases.logout(&t).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn me(User(a): User) -> Json<Account> {
    Json(a)
}

#[derive(Deserialize, ToSchema)]
pub struct AdminCreate {
    username: String,
    password: String,
    /// officer or admin
    role: String,
    agency: Option<String>,
    #[serde(default)]
    display_name: String,
}

#[utoipa::path(post, path = "/api/admin/accounts", request_body = AdminCreate, responses((status = 201, description = "Officer or admin created"), (status = 403, description = "Not an admin")))]
async fn admin_create(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(r): JsonBody<AdminCreate>,
) -> Result<(StatusCode, Json<Account>), ApiError> {
    if who.role != Role::Admin {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "only admins create officer accounts",
        ));
    }
    let role = match r.role.as_str() {
        "officer" => Role::Officer,
        "admin" => Role::Admin,
        other => {
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "role",
                format!(
                    "`{other}`: create an `officer` or an `admin` here; applicants register themselves"
                ),
            ));
        }
    };
    let a = s
        .cases
        .create_account(
            &r.username,
            &r.password,
            role,
            r.agency.as_deref(),
            None,
            &r.display_name,
        )
        .await?;
    Ok((StatusCode::CREATED, Json(a)))
}

// ---- profile and materials ----

async fn get_profile(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!({"facts": s.cases.profile(&who).await?})))
}

#[derive(Deserialize, ToSchema)]
pub struct ProfileBody {
    #[schema(value_type = Object)]
    facts: J,
}

#[utoipa::path(put, path = "/api/profile", request_body = ProfileBody, responses((status = 200, description = "Stored; pre-fills every later application"), (status = 422, description = "A fact is unknown or of the wrong type")))]
async fn put_profile(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(b): JsonBody<ProfileBody>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(
        json!({"facts": s.cases.set_profile(&who, &b.facts).await?}),
    ))
}

#[derive(Deserialize)]
struct UploadQuery {
    filename: Option<String>,
}

#[utoipa::path(post, path = "/api/materials", params(("filename" = Option<String>, Query, description = "Original file name")), request_body(content = Vec<u8>, content_type = "application/pdf"), responses((status = 201, description = "Stored by content hash"), (status = 413, description = "Over 10 MiB"), (status = 415, description = "Not PDF, PNG or JPEG")))]
async fn upload_material(
    State(s): State<AppState>,
    User(who): User,
    Query(q): Query<UploadQuery>,
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

async fn list_materials(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.my_materials(&who).await?)))
}

async fn get_material(
    State(s): State<AppState>,
    User(who): User,
    Path(hash): Path<String>,
) -> Result<Response, ApiError> {
    let (m, bytes) = s.cases.material(&who, &hash).await?;
    Ok(crate::attachment(&m.content_type, &m.filename, bytes))
}

// ---- bundles and cases ----

#[derive(Deserialize, ToSchema)]
pub struct SubmitBody {
    /// A service id from GET /api/services, e.g. category-a-permits
    service: String,
    /// Same key on every retry of the same application (or send the Idempotency-Key header).
    idempotency_key: Option<String>,
    /// Facts added to (and overriding) the stored profile.
    #[schema(value_type = Object)]
    facts: Option<J>,
    /// Hashes of materials uploaded with POST /api/materials.
    #[serde(default)]
    materials: Vec<String>,
}

#[utoipa::path(post, path = "/api/bundles", request_body = SubmitBody, responses((status = 201, description = "New bundle: one case per agency"), (status = 200, description = "The same bundle again (idempotent retry)"), (status = 409, description = "Key reused for a different application"), (status = 422, description = "Invalid, incomplete or not eligible")))]
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
    let (bundle, created) = s
        .cases
        .submit(
            &who,
            SubmitRequest {
                service: b.service,
                idempotency_key: key,
                facts: b.facts,
                materials: b.materials,
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

async fn get_bundle(
    State(s): State<AppState>,
    User(who): User,
    Path(id): Path<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.bundle(&who, &id).await?)))
}

async fn my_cases(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.my_cases(&who).await?)))
}

async fn get_case(
    State(s): State<AppState>,
    User(who): User,
    Path(id): Path<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.case(&who, &id).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct ActionBody {
    /// accept, review, request_info, respond, approve, reject, withdraw
    action: String,
    #[serde(default)]
    reason: String,
}

#[utoipa::path(post, path = "/api/cases/{id}/actions", request_body = ActionBody, params(("id" = String, Path)), responses((status = 200, description = "The case after the action"), (status = 403, description = "Not yours or not your agency's"), (status = 409, description = "Not allowed in the case's state (e.g. already decided)")))]
async fn act(
    State(s): State<AppState>,
    User(who): User,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<ActionBody>,
) -> Result<Json<J>, ApiError> {
    let action = CaseAction::parse(&b.action).ok_or_else(|| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "action", format!("unknown action `{}`; use accept, review, request_info, respond, approve, reject or withdraw", b.action)))?;
    Ok(Json(json!(
        s.cases.act(&who, &id, action, &b.reason, None).await?
    )))
}

async fn inbox(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.inbox(&who).await?)))
}

// ---- research projects ----

#[derive(Deserialize, ToSchema)]
pub struct ProjectBody {
    title: String,
    /// Facts of the `project` entity (see GET /api/questions with entity project).
    #[schema(value_type = Object)]
    facts: J,
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    milestones: Vec<onestop_cases::projects::NewMilestone>,
}

#[utoipa::path(post, path = "/api/projects", request_body = ProjectBody, responses((status = 201, description = "Filed; inspection scheduled or exempt by the rules"), (status = 422, description = "Refused by the fund rules, with the reason")))]
async fn file_project(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(b): JsonBody<ProjectBody>,
) -> Result<(StatusCode, Json<J>), ApiError> {
    let p = s
        .cases
        .file_project(&who, &b.title, &b.facts, &b.milestones)
        .await?;
    Ok((StatusCode::CREATED, Json(json!(p))))
}

async fn my_projects(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.my_projects(&who).await?)))
}

async fn get_project(
    State(s): State<AppState>,
    User(who): User,
    Path(id): Path<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(s.cases.project(&who, &id).await?)))
}

#[derive(Deserialize, ToSchema)]
pub struct AdjustBody {
    /// New amounts, e.g. {"equipment_budget_after": "260000.00", ...}
    #[schema(value_type = Object)]
    facts: J,
}

#[utoipa::path(post, path = "/api/projects/{id}/budget-adjustments", request_body = AdjustBody, params(("id" = String, Path)), responses((status = 200, description = "Allowed: who approves, whether it is filed at acceptance"), (status = 422, description = "Not allowed, with the reason")))]
async fn adjust_budget(
    State(s): State<AppState>,
    User(who): User,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<AdjustBody>,
) -> Result<Json<J>, ApiError> {
    let (p, decision) = s.cases.adjust_budget(&who, &id, &b.facts).await?;
    Ok(Json(json!({"project": p, "decision": decision})))
}

#[derive(Deserialize, ToSchema)]
pub struct ReportBody {
    report: String,
}

async fn report_milestone(
    State(s): State<AppState>,
    User(who): User,
    Path((id, seq)): Path<(String, i64)>,
    JsonBody(b): JsonBody<ReportBody>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        s.cases.report_milestone(&who, &id, seq, &b.report).await?
    )))
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "onestop",
        description = "Beijing science and technology measures: eligibility, explanations and the one-window case service."
    ),
    paths(
        eligibility,
        explain,
        questions,
        register,
        login,
        admin_create,
        put_profile,
        upload_material,
        submit,
        act
    ),
    components(schemas(
        EvalRequest,
        RegisterRequest,
        LoginRequest,
        AdminCreate,
        ProfileBody,
        SubmitBody,
        ActionBody
    ))
)]
struct ApiDoc;

async fn openapi() -> Response {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::calendar_api::CalendarDoc::openapi());
    doc.merge(crate::performance_api::PerformanceDoc::openapi());
    doc.info.version = env!("CARGO_PKG_VERSION").to_string();
    // Routes without typed bodies are listed too, so clients see the whole surface.
    let mut v = match serde_json::to_value(&doc) {
        Ok(v) => v,
        Err(e) => {
            return ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response();
        }
    };
    for (path, summary) in [
        ("/api/measures", "Every measure of the source documents"),
        ("/api/services", "The one-window services"),
        ("/api/me", "The signed-in account"),
        (
            "/api/materials/{hash}",
            "A material's content, if permitted",
        ),
        ("/api/bundles/{id}", "A bundle and its cases"),
        ("/api/cases", "My cases"),
        (
            "/api/cases/{id}",
            "A case with its audit trail and the engine's explanation",
        ),
        ("/api/inbox", "An officer's open cases, overdue first"),
        (
            "/api/projects/{id}",
            "A research project, its facts and milestones",
        ),
    ] {
        v["paths"][path]["get"] = json!({"summary": summary, "responses": {"200": {"description": "OK"}, "401": {"description": "Not signed in"}}});
    }
    v["paths"]["/api/profile"]["get"] =
        json!({"summary": "The stored facts", "responses": {"200": {"description": "OK"}}});
    v["paths"]["/api/projects"]["get"] =
        json!({"summary": "My research projects", "responses": {"200": {"description": "OK"}}});
    v["paths"]["/api/projects/{id}/milestones/{seq}/report"]["post"] = json!({"summary": "Report a milestone; the answer carries the filed facts", "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ReportBody"}}}}, "responses": {"200": {"description": "OK"}, "409": {"description": "Already reported"}}});
    v["paths"]["/api/materials"]["get"] =
        json!({"summary": "My materials", "responses": {"200": {"description": "OK"}}});
    crate::ledger_api::describe(&mut v);
    // The milestone report's body: the milestone's facts, by input name.
    v["components"]["schemas"]["ReportBody"] = json!({
        "type": "object",
        "properties": {"facts": {"type": "object", "description": "The milestone's facts by input name"}},
    });
    declare_path_parameters(&mut v);
    declare_errors(&mut v);
    declare_answers(&mut v);
    Json(v).into_response()
}

/// The shapes of the main successful answers, so clients and schemathesis can check
/// them (`response_schema_conformance`).
fn declare_answers(doc: &mut J) {
    let nullable_string = json!({"type": ["string", "null"]});
    let account = json!({
        "type": "object",
        "required": ["id", "username", "role", "display_name"],
        "properties": {
            "id": {"type": "string"},
            "username": {"type": "string"},
            "role": {"type": "string", "enum": ["applicant", "officer", "admin"]},
            "agency": nullable_string,
            "entity": nullable_string,
            "display_name": {"type": "string"},
        },
    });
    let case = json!({
        "type": "object",
        "required": ["id", "bundle_id", "service", "kind", "agency", "state", "deadline_provisional", "suspended_days", "overdue"],
        "properties": {
            "id": {"type": "string"},
            "bundle_id": {"type": "string"},
            "service": {"type": "string"},
            "kind": {"type": "string"},
            "agency": {"type": "string"},
            "state": {"type": "string", "enum": ["submitted", "accepted", "in_review", "more_info_needed", "approved", "rejected", "withdrawn"]},
            "working_days": {"type": ["integer", "null"]},
            "accepted_on": nullable_string,
            "deadline": {"type": ["string", "null"], "format": "date"},
            "deadline_provisional": {"type": "boolean"},
            "clock_stopped_on": nullable_string,
            "suspended_days": {"type": "integer", "minimum": 0},
            "overdue": {"type": "boolean"},
        },
    });
    let measure_result = json!({
        "type": "object",
        "required": ["measure", "title", "status", "outputs", "missing", "missing_for_outputs", "errors", "sources", "provisional"],
        "properties": {
            "measure": {"type": "string"},
            "status": {"type": "string", "enum": ["eligible", "not_eligible", "undetermined"]},
            "outputs": {"type": "object"},
            "missing": {"type": "array", "items": {"type": "string"}},
            "missing_for_outputs": {"type": "array", "items": {"type": "string"}},
            "errors": {"type": "array", "items": {"type": "string"}},
            "provisional": {"oneOf": [{"type": "null"}, {
                "type": "object",
                "required": ["years", "eligibility", "outputs", "reason"],
                "properties": {
                    "years": {"type": "array", "items": {"type": "integer"}},
                    "eligibility": {"type": "boolean"},
                    "outputs": {"type": "array", "items": {"type": "string"}},
                    "reason": {"type": "string"},
                },
            }]},
        },
    });
    let evaluation = json!({
        "type": "object",
        "required": ["entity", "date", "rules_version", "measures"],
        "properties": {
            "entity": {"type": "string"},
            "date": {"type": "string", "format": "date"},
            "rules_version": {"type": "string"},
            "measures": {"type": "array", "items": measure_result},
        },
    });
    let schemas = &mut doc["components"]["schemas"];
    schemas["Account"] = account;
    schemas["Case"] = case;
    schemas["Evaluation"] = evaluation;
    let answer = |doc: &mut J, path: &str, method: &str, code: &str, schema: J| {
        let op = &mut doc["paths"][path][method];
        if op.is_object() {
            op["responses"][code]["content"] = json!({"application/json": {"schema": schema}});
            if op["responses"][code]["description"].is_null() {
                op["responses"][code]["description"] = json!("OK");
            }
        }
    };
    let r = |name: &str| json!({"$ref": format!("#/components/schemas/{name}")});
    answer(doc, "/api/me", "get", "200", r("Account"));
    answer(
        doc,
        "/api/sessions",
        "post",
        "200",
        json!({
            "type": "object",
            "required": ["token", "expires_at", "account"],
            "properties": {"token": {"type": "string"}, "expires_at": {"type": "string"}, "account": r("Account")},
        }),
    );
    answer(doc, "/api/eligibility", "post", "200", r("Evaluation"));
    answer(
        doc,
        "/api/cases",
        "get",
        "200",
        json!({"type": "array", "items": r("Case")}),
    );
    answer(
        doc,
        "/api/inbox",
        "get",
        "200",
        json!({"type": "array", "items": r("Case")}),
    );
    answer(doc, "/api/cases/{id}/actions", "post", "200", r("Case"));
    answer(
        doc,
        "/api/performance",
        "get",
        "200",
        json!({
            "type": "object",
            "required": ["agencies", "services"],
            "properties": {
                "agencies": {"type": "array", "items": {"type": "object", "required": ["agency", "decided", "on_time"], "properties": {
                    "agency": {"type": "string"}, "decided": {"type": "integer"}, "on_time": {"type": "integer"},
                    "on_time_percent": {"type": ["integer", "null"], "minimum": 0, "maximum": 100}}}},
                "services": {"type": "array", "items": {"type": "object", "required": ["service", "decided"], "properties": {
                    "service": {"type": "string"}, "decided": {"type": "integer"},
                    "median_working_days": {"type": ["integer", "null"]}}}},
            },
        }),
    );
}

/// Every failure has one shape (`crate::error::ApiError`): declared once as the
/// `Error` schema, and as the body of every 4xx and 5xx response of every operation,
/// so clients and schemathesis can check error bodies too.
fn declare_errors(doc: &mut J) {
    doc["components"]["schemas"]["Error"] = json!({
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {"type": "string", "description": "What went wrong and what to do about it"},
            "field": {"type": "string", "description": "The input at fault, when there is one"},
            "explanation": {"type": "string", "description": "The engine's explanation, when the rules refused"},
        },
    });
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    for item in paths.values_mut() {
        let Some(ops) = item.as_object_mut() else {
            continue;
        };
        for op in ops.values_mut() {
            let Some(responses) = op.get_mut("responses").and_then(J::as_object_mut) else {
                continue;
            };
            for (code, response) in responses.iter_mut() {
                if !(code.starts_with('4') || code.starts_with('5')) {
                    continue;
                }
                if response.get("content").is_none()
                    && let Some(r) = response.as_object_mut()
                {
                    r.insert(
                        "content".into(),
                        json!({"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}),
                    );
                }
            }
        }
    }
}

/// Every `{name}` in a path is a required path parameter of each of its operations;
/// the hand-written entries above name them only in the path, which clients (and
/// schemathesis) cannot use.
fn declare_path_parameters(doc: &mut J) {
    let Some(paths) = doc["paths"].as_object_mut() else {
        return;
    };
    for (path, item) in paths.iter_mut() {
        let names: Vec<&str> = path
            .split('/')
            .filter_map(|seg| seg.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        if names.is_empty() {
            continue;
        }
        let Some(ops) = item.as_object_mut() else {
            continue;
        };
        for op in ops.values_mut() {
            let Some(op) = op.as_object_mut() else {
                continue;
            };
            let params = op.entry("parameters").or_insert_with(|| json!([]));
            let Some(list) = params.as_array_mut() else {
                continue;
            };
            for name in &names {
                let declared = list.iter().any(|p| p["in"] == "path" && p["name"] == *name);
                if !declared {
                    list.push(json!({"name": name, "in": "path", "required": true, "schema": {"type": "string"}}));
                }
            }
        }
    }
}
