//! Extractors that refuse in the one error shape: a malformed body or path is a 4xx
//! `{"error", "field"?}`, never axum's plain-text rejection (clients and the OpenAPI
//! document expect JSON on every failure).

use crate::error::ApiError;
use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::StatusCode;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

/// A JSON body: 400 for bad JSON, 415 without the JSON content type, 413 over the
/// limit, 422 when the fields do not match.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
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

/// Path parameters: a segment of the wrong type (`/api/ledger/entries/x/receipt`)
/// is a 422 naming the path.
pub struct PathParam<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PathParam<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(v)) => Ok(PathParam(v)),
            Err(e) => Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "path",
                e.body_text(),
            )),
        }
    }
}

/// Query parameters, refused with 422 when they do not fit.
pub struct QueryParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(QueryParams(v)),
            Err(e) => {
                let text = e.body_text();
                let field = query_field(&text).unwrap_or("query").to_string();
                Err(ApiError::field(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    &field,
                    text,
                ))
            }
        }
    }
}

/// The parameter a query rejection names: "missing field `second`", or
/// "...: index: invalid digit found in string".
fn query_field(message: &str) -> Option<&str> {
    if let Some(rest) = message.split("missing field `").nth(1) {
        return rest.split('`').next();
    }
    let rest = message.strip_prefix("Failed to deserialize query string: ")?;
    let (name, _) = rest.split_once(':')?;
    name.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_')
        .then_some(name)
}
