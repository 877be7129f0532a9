//! `/analyst/statistics`: statistical monitoring (issue 16; 001 §3). A chosen
//! indicator charted by district, Zhongguancun park, industry and the Three Cities and
//! One Area over its periods (server-rendered SVG, each chart with its table beside
//! it), and the upload with which an agency's officer imports a table (CSV or Parquet);
//! a refused table lists every problem with its row and column.

use super::page::{Page, csrf_refused, render, rules_lang};
use crate::api::statistics::{MAX_TABLE_BYTES, dimensions};
use crate::state::AppState;
use axum::extract::{Multipart, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_statistics::chart::{Chart, bars};
use onestop_statistics::store::{self, ImportError};
use onestop_statistics::{Dimension, Dimensions};
use rust_decimal::Decimal;

const PATH: &str = "/analyst/statistics";

#[derive(serde::Deserialize)]
pub(super) struct StatisticsQuery {
    indicator: Option<String>,
}

pub(super) async fn page(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<StatisticsQuery>,
) -> Response {
    show(
        &s,
        &c,
        q.indicator.as_deref(),
        StatusCode::OK,
        Value::UNDEFINED,
        Value::UNDEFINED,
    )
    .await
}

/// One dimension's chart and table for an indicator.
async fn section(
    s: &AppState,
    c: &Page,
    dims: &Dimensions,
    indicator: &str,
    unit: &str,
    d: Dimension,
) -> Result<Option<Value>, onestop_store::ServiceError> {
    let points = store::series(&s.cases.db, indicator, d).await?;
    if points.is_empty() {
        return Ok(None);
    }
    let lang = rules_lang(c.lang);
    let mut periods: Vec<String> = points.iter().map(|p| p.period.clone()).collect();
    periods.sort();
    periods.dedup();
    // Members in the order the sources list them; only those with a figure.
    let rows: Vec<(String, String, Vec<Option<Decimal>>)> = dims
        .members(d)
        .iter()
        .filter_map(|m| {
            let figures: Vec<Option<Decimal>> = periods
                .iter()
                .map(|p| {
                    points
                        .iter()
                        .find(|x| x.code == m.code && &x.period == p)
                        .map(|x| x.value)
                })
                .collect();
            figures
                .iter()
                .any(Option::is_some)
                .then(|| (m.code.clone(), m.title.best(lang).to_string(), figures))
        })
        .collect();
    let heading = c.t(&format!("statistics-by-{}", d.as_str()), &[]);
    let chart_rows: Vec<(String, Vec<Option<Decimal>>)> = rows
        .iter()
        .map(|(_, t, f)| (t.clone(), f.clone()))
        .collect();
    let title = format!("{indicator} · {heading}");
    let svg = bars(&Chart {
        id: &format!("chart-{}", d.as_str()),
        title: &title,
        unit,
        periods: &periods,
        rows: &chart_rows,
        rtl: super::i18n::is_rtl(c.lang),
    });
    let table: Vec<Value> = rows
        .iter()
        .map(|(code, t, f)| {
            context! {
                code => code,
                title => t,
                values => f.iter().map(|v| v.map(|v| v.to_string()).unwrap_or_default()).collect::<Vec<_>>(),
            }
        })
        .collect();
    Ok(Some(context! {
        dimension => d.as_str(),
        heading => heading,
        svg => svg,
        periods => periods,
        rows => table,
    }))
}

async fn show(
    s: &AppState,
    c: &Page,
    chosen: Option<&str>,
    status: StatusCode,
    imported: Value,
    refused: Value,
) -> Response {
    let failed = |e: onestop_store::ServiceError| {
        let err = crate::error::ApiError::from(e);
        super::page::message(s, c, err.status, "error-action", "")
    };
    let dims = match dimensions(s) {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    let indicators = match store::indicators(&s.cases.db).await {
        Ok(x) => x,
        Err(e) => return failed(e),
    };
    let imports = match store::recent_imports(&s.cases.db, 10).await {
        Ok(x) => x,
        Err(e) => return failed(e),
    };
    let current = chosen
        .and_then(|id| indicators.iter().find(|i| i.id == id))
        .or(indicators.first());
    let mut sections = Vec::new();
    if let Some(ind) = current {
        for d in Dimension::ALL {
            match section(s, c, &dims, &ind.id, &ind.unit, d).await {
                Ok(Some(v)) => sections.push(v),
                Ok(None) => {}
                Err(e) => return failed(e),
            }
        }
    }
    let may_import = c
        .user
        .as_ref()
        .is_some_and(|u| store::may_import(&s.cases.authz, u));
    let mut r = render(
        s,
        c,
        "statistics.html",
        context! {
            indicators => Value::from_serialize(&indicators),
            current => current.map(Value::from_serialize),
            sections => sections,
            imports => Value::from_serialize(&imports),
            may_import => may_import,
            imported => imported,
            refused => refused,
        },
    );
    *r.status_mut() = status;
    r
}

/// An officer uploads a table (multipart: `csrf`, `table`).
pub(super) async fn upload(
    State(s): State<AppState>,
    c: Page,
    mut multipart: Multipart,
) -> Response {
    let c = c.at(PATH);
    let Some(user) = c.user.clone() else {
        return Redirect::to(&format!("/login?next={PATH}")).into_response();
    };
    let refused = |file: &str, message: String| {
        Value::from_serialize(onestop_statistics::Refusal::one(
            file,
            onestop_statistics::Problem::new(None, None, message),
        ))
    };
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut csrf = String::new();
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("csrf") => {
                csrf = field.text().await.unwrap_or_default();
            }
            Ok(Some(field)) if field.name() == Some("table") => {
                let name = field.file_name().unwrap_or("upload.csv").to_string();
                match field.bytes().await {
                    Ok(b) => file = Some((name, b.to_vec())),
                    Err(e) => {
                        let v = refused(&name, e.body_text());
                        return show(&s, &c, None, StatusCode::BAD_REQUEST, Value::UNDEFINED, v)
                            .await;
                    }
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                let v = refused("upload", e.body_text());
                return show(&s, &c, None, StatusCode::BAD_REQUEST, Value::UNDEFINED, v).await;
            }
        }
    }
    if let Some(r) = csrf_refused(&s, &c, &csrf) {
        return r;
    }
    let Some((name, bytes)) = file.filter(|(_, b)| !b.is_empty()) else {
        let v = refused("upload", c.t("statistics-choose-file", &[]));
        return show(
            &s,
            &c,
            None,
            StatusCode::UNPROCESSABLE_ENTITY,
            Value::UNDEFINED,
            v,
        )
        .await;
    };
    let dims = match dimensions(&s) {
        Ok(d) => d,
        Err(e) => return e.into_response(),
    };
    match store::import(&s.cases.db, &s.cases.authz, &user, &dims, &name, &bytes).await {
        Ok(done) => {
            let first = done.indicators.first().cloned();
            show(
                &s,
                &c,
                first.as_deref(),
                StatusCode::OK,
                Value::from_serialize(&done),
                Value::UNDEFINED,
            )
            .await
        }
        Err(ImportError::Refused(r)) => {
            show(
                &s,
                &c,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
                Value::UNDEFINED,
                Value::from_serialize(&r),
            )
            .await
        }
        Err(ImportError::Service(e)) => {
            let err = crate::error::ApiError::from(e);
            let v = refused(&name, err.message);
            show(&s, &c, None, err.status, Value::UNDEFINED, v).await
        }
    }
}

/// The upload's body limit (the router's default is 1 MiB).
pub(super) fn body_limit() -> axum::extract::DefaultBodyLimit {
    axum::extract::DefaultBodyLimit::max(MAX_TABLE_BYTES + 64 * 1024)
}
