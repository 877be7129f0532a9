//! The working-day calendar over HTTP: `/healthz` says how long official coverage
//! lasts, `/api/calendar` shows every year, and an admin loads a year's notice with
//! `POST /api/admin/calendar/notices` (the same step as `onestop calendar import`).

use crate::api::schemas::Error;
use crate::error::ApiError;
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use onestop_cases::calendar_notices::{CalendarStatus, NoticeImported};
use serde::Serialize;
use utoipa::ToSchema;

pub fn routes() -> Routes {
    documented!(Routes::new(), healthz, calendar, import_notice)
}

/// The calendar's status from the business date (`serve --today` or today in Beijing).
pub fn current_status(s: &AppState) -> CalendarStatus {
    onestop_cases::calendar_notices::status(
        &onestop_calendar::current(),
        onestop_store::today(),
        s.cases.calendar_dir.as_deref(),
    )
}

#[derive(Serialize, ToSchema)]
struct Health {
    /// `ok`
    status: &'static str,
    /// The business date the service counts from.
    #[schema(value_type = String, format = Date)]
    today: chrono::NaiveDate,
    /// The last day an official holiday notice covers; later days are provisional.
    #[schema(value_type = Option<String>, format = Date)]
    official_until: Option<chrono::NaiveDate>,
    /// Days from today to `official_until`.
    days_left: i64,
    /// Official coverage ends within 60 days: load the next notice.
    calendar_warning: bool,
}

#[utoipa::path(get, path = "/healthz", responses((status = 200, description = "The service is up; how long the official working-day calendar lasts", body = Health)))]
async fn healthz(State(s): State<AppState>) -> Json<Health> {
    let st = current_status(&s);
    Json(Health {
        status: "ok",
        today: st.today,
        official_until: st.official_until,
        days_left: st.days_left,
        calendar_warning: st.warning,
    })
}

#[utoipa::path(get, path = "/api/calendar", responses((status = 200, description = "Per year: official (with its notice) or provisional; coverage from today", body = Object)))]
async fn calendar(State(s): State<AppState>) -> Json<CalendarStatus> {
    Json(current_status(&s))
}

#[utoipa::path(
    post,
    path = "/api/admin/calendar/notices",
    request_body(content = String, content_type = "text/csv", description = "One year's notice file: `# year:`, `# notice:`, `# published:` lines, then rows `date,kind,name` (see docs/calendar.md)"),
    responses(
        (status = 200, description = "Loaded; provisional deadlines of open cases recounted", body = Object),
        (status = 401, description = "Not signed in", body = Error),
        (status = 403, description = "Not an admin", body = Error),
        (status = 413, description = "The body is over 1 MiB", body = Error),
        (status = 422, description = "The file is invalid; `error` lists every problem with its line and a hint; nothing changed", body = Error),
        (status = 503, description = "Storage unavailable; try again", body = Error)
    ),
    security(("bearer" = []))
)]
async fn import_notice(
    State(s): State<AppState>,
    User(who): User,
    body: axum::body::Bytes,
) -> Result<Json<NoticeImported>, ApiError> {
    let body = std::str::from_utf8(&body).map_err(|_| {
        ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            "file",
            "the notice is not UTF-8 text; save it as CSV UTF-8",
        )
    })?;
    let report = s.cases.import_calendar_notice(&who, "upload", body).await?;
    Ok(Json(report))
}
