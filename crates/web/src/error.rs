//! One JSON error shape for every failure.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use onestop_store::ServiceError;
use serde_json::json;

#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
    pub field: Option<String>,
    pub explanation: Option<String>,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            field: None,
            explanation: None,
        }
    }

    pub fn field(status: StatusCode, field: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            field: Some(field.to_string()),
            ..ApiError::new(status, message)
        }
    }
}

impl From<ServiceError> for ApiError {
    fn from(e: ServiceError) -> Self {
        let message = e.to_string();
        match e {
            ServiceError::Invalid { field, .. } => {
                ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, &field, message)
            }
            ServiceError::Unauthenticated => ApiError::new(StatusCode::UNAUTHORIZED, message),
            ServiceError::Forbidden(_) => ApiError::new(StatusCode::FORBIDDEN, message),
            ServiceError::NotFound(_) => ApiError::new(StatusCode::NOT_FOUND, message),
            ServiceError::Conflict(_) => ApiError::new(StatusCode::CONFLICT, message),
            ServiceError::Ineligible { explanation, .. } => ApiError {
                explanation: Some(explanation),
                ..ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
            },
            ServiceError::TooLarge(_) => ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, message),
            ServiceError::UnsupportedType(_) => {
                ApiError::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, message)
            }
            ServiceError::Storage(_) => ApiError::new(StatusCode::SERVICE_UNAVAILABLE, message),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.message });
        if let Some(f) = self.field {
            body["field"] = json!(f);
        }
        if let Some(x) = self.explanation {
            body["explanation"] = json!(x);
        }
        (self.status, Json(body)).into_response()
    }
}
