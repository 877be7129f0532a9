//! Statistical monitoring (issue 16): the stored indicators, one indicator's figures by
//! district, park, industry and the Three Cities and One Area, and officers importing a
//! table (CSV or Parquet, the body itself; `onestop-statistics`).

use super::schemas::Error;
use crate::error::ApiError;
use crate::extract::{PathParam, QueryParams};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use onestop_statistics::{Dimension, Dimensions, store};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use utoipa::ToSchema;

/// The largest table accepted (the portal's upload too).
pub const MAX_TABLE_BYTES: usize = 8 * 1024 * 1024;

pub fn routes() -> Routes {
    documented!(Routes::new(), list, indicator).add_with::<__path_import, _, _>(import, |m| {
        m.layer(axum::extract::DefaultBodyLimit::max(MAX_TABLE_BYTES))
    })
}

/// The dimensions from the rules the service runs (one list of districts, parks,
/// industries) and the shipped areas.
pub(crate) fn dimensions(s: &AppState) -> Result<Dimensions, ApiError> {
    Dimensions::shipped(&s.engine.program)
        .map_err(|e| ApiError::new(StatusCode::SERVICE_UNAVAILABLE, e))
}

#[derive(ToSchema, Serialize)]
pub struct StatisticsIndicator {
    id: String,
    unit: String,
    periods: Vec<String>,
    /// district, park, industry, area
    dimensions: Vec<String>,
}

#[derive(ToSchema, Serialize)]
pub struct StatisticsImport {
    id: String,
    file: String,
    /// csv or parquet
    format: String,
    figures: i64,
    agency: String,
    actor: String,
    at: String,
}

#[derive(ToSchema, Serialize)]
pub struct StatisticsOverview {
    indicators: Vec<StatisticsIndicator>,
    /// The latest imports, newest first.
    imports: Vec<StatisticsImport>,
}

/// Every stored indicator and the latest imports.
#[utoipa::path(get, path = "/api/statistics", responses(
    (status = 200, description = "Indicators with their periods and dimensions", body = StatisticsOverview),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn list(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    let indicators = store::indicators(&s.cases.db).await?;
    let imports = store::recent_imports(&s.cases.db, 20).await?;
    Ok(Json(json!({"indicators": indicators, "imports": imports})))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct IndicatorQuery {
    /// Only this dimension: district, park, industry or area.
    dimension: Option<String>,
    /// Titles in this language (zh, en, ko, ru, es, ar; default en).
    lang: Option<String>,
}

#[derive(ToSchema, Serialize)]
pub struct StatisticsFigure {
    code: String,
    title: String,
    period: String,
    /// The exact figure, as a decimal string.
    value: String,
}

#[derive(ToSchema, Serialize)]
pub struct StatisticsSeries {
    indicator: String,
    unit: String,
    periods: Vec<String>,
    /// Per dimension (district, park, industry, area): its figures by period, then code.
    dimensions: std::collections::BTreeMap<String, Vec<StatisticsFigure>>,
}

/// One indicator's figures by district, park, industry and the Three Cities and One Area.
#[utoipa::path(get, path = "/api/statistics/{indicator}", params(
    ("indicator" = String, Path, description = "The indicator's id, e.g. high_tech_enterprises"),
    ("dimension" = Option<String>, Query, description = "Only this dimension: district, park, industry or area", pattern = "^(district|park|industry|area)$"),
    ("lang" = Option<String>, Query, description = "Titles in this language: zh, en, ko, ru, es or ar"),
), responses(
    (status = 200, description = "The figures", body = StatisticsSeries),
    (status = 404, description = "No figures for this indicator", body = Error),
    (status = 422, description = "An unknown dimension", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn indicator(
    State(s): State<AppState>,
    PathParam(id): PathParam<String>,
    QueryParams(q): QueryParams<IndicatorQuery>,
) -> Result<Json<J>, ApiError> {
    let dims = dimensions(&s)?;
    let wanted: Vec<Dimension> = match q.dimension.as_deref().filter(|d| !d.is_empty()) {
        None => Dimension::ALL.to_vec(),
        Some(d) => vec![Dimension::parse(d).ok_or_else(|| {
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "dimension",
                format!("unknown dimension {d:?}; one of: district, park, industry, area"),
            )
        })?],
    };
    let lang = match q.lang.as_deref().unwrap_or("en") {
        l if l.starts_with("zh") => "zh",
        l => l,
    };
    let all = store::indicators(&s.cases.db).await?;
    let Some(ind) = all.into_iter().find(|i| i.id == id) else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!(
                "no figures for indicator {:?}; see GET /api/statistics",
                id.replace('\0', "")
            ),
        ));
    };
    let mut by_dim = serde_json::Map::new();
    for d in wanted {
        let points = store::series(&s.cases.db, &id, d).await?;
        let figures: Vec<J> = points
            .iter()
            .map(|p| {
                json!({"code": p.code, "title": dims.title(d, &p.code, lang), "period": p.period, "value": p.value.to_string()})
            })
            .collect();
        by_dim.insert(d.as_str().to_string(), J::Array(figures));
    }
    Ok(Json(json!({
        "indicator": ind.id,
        "unit": ind.unit,
        "periods": ind.periods,
        "dimensions": by_dim,
    })))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportQuery {
    /// The table's file name (recorded; `.parquet` reads it as Parquet).
    file: Option<String>,
}

#[derive(ToSchema, Serialize)]
pub struct StatisticsImported {
    id: String,
    file: String,
    format: String,
    figures: usize,
    /// How many replaced a figure stored before.
    replaced: usize,
    indicators: Vec<String>,
    agency: String,
    actor: String,
    at: String,
}

/// Imports a table: the body is the file (CSV UTF-8 or Parquet). Officers of an agency.
#[utoipa::path(post, path = "/api/statistics/tables",
    params(("file" = Option<String>, Query, description = "The file's name, recorded with the import (e.g. districts-2024.csv)")),
    request_body(content = String, content_type = "text/csv", description = "The table: columns period,dimension,code,indicator,unit,value (docs/statistics.md); or a Parquet file with those columns (application/vnd.apache.parquet)"),
    responses(
        (status = 201, description = "Stored: every figure, in one transaction", body = StatisticsImported),
        (status = 401, description = "Not signed in", body = Error),
        (status = 403, description = "Not an officer of an agency", body = Error),
        (status = 413, description = "The table is over 8 MiB", body = Error),
        (status = 422, description = "The table is refused; `error` lists every problem as `file: row R, column `C`: what (hint: ...)`; nothing was stored", body = Error),
        (status = 503, description = "Storage unavailable; try again", body = Error),
    ),
    security(("bearer" = [])))]
async fn import(
    State(s): State<AppState>,
    User(who): User,
    QueryParams(q): QueryParams<ImportQuery>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    let dims = dimensions(&s)?;
    let name = q.file.unwrap_or_else(|| "upload.csv".into());
    let imported = store::import(&s.cases.db, &s.cases.authz, &who, &dims, &name, &body)
        .await
        .map_err(onestop_store::ServiceError::from)?;
    Ok((StatusCode::CREATED, Json(json!(imported))).into_response())
}
