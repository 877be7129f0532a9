//! The measure tracker (issue 16): every measure's recorded status and whether it is
//! overdue, one measure's history, officers recording progress, and the CSV export
//! for the supervising office (`onestop-tracker`).

use super::schemas::Error;
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User, optional_user};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use onestop_tracker::store;
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use utoipa::ToSchema;

pub fn routes() -> Routes {
    documented!(Routes::new(), list, export, one, record)
}

#[derive(ToSchema, Serialize)]
pub struct TrackerUpdate {
    measure: String,
    #[schema(minimum = 1)]
    seq: i64,
    /// planned, in-progress, completed or ongoing.
    status: String,
    note: String,
    evidence: Vec<String>,
    revised_completion: Option<String>,
    actor: String,
    agency: String,
    at: String,
}

#[derive(ToSchema, Serialize)]
pub struct TrackedMeasure {
    id: String,
    sources: Vec<String>,
    responsible: Vec<String>,
    /// Agencies whose officers record its progress.
    agencies: Vec<String>,
    /// The source's time of completion: YYYY-MM, ongoing or empty.
    completion: String,
    catalogue_status: String,
    /// The recorded status (else the catalogue's): planned, in-progress, completed, ongoing.
    status: String,
    revised_completion: Option<String>,
    due: Option<String>,
    overdue: bool,
    last: Option<TrackerUpdate>,
}

#[derive(ToSchema, Serialize)]
pub struct Tracker {
    today: String,
    #[schema(minimum = 0)]
    overdue: usize,
    measures: Vec<TrackedMeasure>,
}

/// Every measure of 000 and 003 (and the other documents) with its recorded status.
#[utoipa::path(get, path = "/api/tracker", responses(
    (status = 200, description = "Every measure, in catalogue order", body = Tracker),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn list(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    let today = onestop_store::today();
    let states = store::states(&s.cases.db, today).await?;
    Ok(Json(json!({
        "today": today.to_string(),
        "overdue": states.iter().filter(|m| m.overdue).count(),
        "measures": states,
    })))
}

#[derive(ToSchema, Serialize)]
pub struct TrackerMeasureDetail {
    measure: TrackedMeasure,
    /// Every record, oldest first.
    history: Vec<TrackerUpdate>,
    /// The signed-in account may record progress on it.
    may_record: bool,
}

/// One measure's state and history.
#[utoipa::path(get, path = "/api/tracker/{id}", params(("id" = String, Path, description = "The measure's id, e.g. talent.one-window")), responses(
    (status = 200, description = "The measure and its history", body = TrackerMeasureDetail),
    (status = 404, description = "No such measure", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn one(
    State(s): State<AppState>,
    headers: HeaderMap,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let (state, history) = store::measure(&s.cases.db, &id, onestop_store::today()).await?;
    let may = match optional_user(&s, &headers).await {
        Some(u) => store::may_record(&s.cases.authz, &u, &id),
        None => false,
    };
    Ok(Json(
        json!({"measure": state, "history": history, "may_record": may}),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RecordBody {
    /// planned, in-progress, completed or ongoing.
    status: String,
    /// What was done (at most 4000 characters).
    #[schema(min_length = 1, max_length = 4000)]
    note: String,
    /// Links to the evidence: https:// addresses or paths on this portal.
    #[serde(default)]
    #[schema(max_items = 10)]
    evidence: Vec<String>,
    /// A new completion date, YYYY-MM-DD.
    revised_completion: Option<String>,
}

/// Records progress on a measure (officers of its responsible organisations).
#[utoipa::path(post, path = "/api/tracker/{id}/updates", request_body = RecordBody, params(("id" = String, Path, description = "The measure's id")), responses(
    (status = 201, description = "Recorded", body = TrackerUpdate),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of a responsible organisation", body = Error),
    (status = 404, description = "No such measure", body = Error),
    (status = 409, description = "Others are recording at this moment; try again", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "An unknown status, an empty note, a link or a date that does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn record(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<RecordBody>,
) -> Result<Response, ApiError> {
    let u = store::record(
        &s.cases.db,
        &s.cases.authz,
        &who,
        &id,
        &store::NewUpdate {
            status: b.status,
            note: b.note,
            evidence: b.evidence,
            revised_completion: b.revised_completion.filter(|d| !d.is_empty()),
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(json!(u))).into_response())
}

/// The whole tracker as CSV for the supervising office (and administrators).
#[utoipa::path(get, path = "/api/tracker/export.csv", responses(
    (status = 200, description = "One line per measure", content_type = "text/csv", body = String),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not the supervising office", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn export(State(s): State<AppState>, User(who): User) -> Result<Response, ApiError> {
    let csv = store::export_csv(&s.cases.db, &s.cases.authz, &who, onestop_store::today()).await?;
    Ok(csv_response(csv))
}

pub(crate) fn csv_response(csv: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"onestop-tracker.csv\"",
            ),
        ],
        csv,
    )
        .into_response()
}
