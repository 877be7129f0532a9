//! `GET /api/performance`: each agency's on-time rate and each service's median
//! working days, public (the portal's `/performance` page shows the same).

use crate::error::ApiError;
use crate::state::AppState;
use axum::Json;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use onestop_cases::performance::Performance;
use utoipa::OpenApi;

pub fn routes() -> Router<AppState> {
    Router::new().route("/api/performance", get(performance))
}

#[utoipa::path(get, path = "/api/performance", responses((status = 200, description = "Per agency: decided cases with a deadline, on time, on-time rate in per cent; per service: decided cases, median working days from acceptance to decision (suspended days not counted)", body = Object)))]
async fn performance(State(s): State<AppState>) -> Result<Json<Performance>, ApiError> {
    Ok(Json(s.cases.performance().await?))
}

#[derive(OpenApi)]
#[openapi(paths(performance))]
pub struct PerformanceDoc;
