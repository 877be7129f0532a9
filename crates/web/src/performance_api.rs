//! `GET /api/performance`: each agency's on-time rate and each service's median
//! working days, public (the portal's `/performance` page shows the same).

use crate::api::schemas::{Error, Performance as PerformanceSchema};
use crate::error::ApiError;
use crate::openapi::{Routes, documented};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use onestop_cases::performance::Performance;

pub fn routes() -> Routes {
    documented!(Routes::new(), performance)
}

#[utoipa::path(get, path = "/api/performance", responses((status = 200, description = "Per agency: decided cases with a deadline, on time, on-time rate in per cent; per service: decided cases, median working days from acceptance to decision (suspended days not counted)", body = PerformanceSchema), (status = 503, description = "Storage unavailable; try again", body = Error)))]
async fn performance(State(s): State<AppState>) -> Result<Json<Performance>, ApiError> {
    Ok(Json(s.cases.performance().await?))
}
