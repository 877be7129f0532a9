//! The one error of every onestop service (cases, register), each variant mapping to
//! one HTTP status in `web`.

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error("{message}")]
    Invalid { field: String, message: String },
    #[error("sign in first: this needs a session token")]
    Unauthenticated,
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    NotFound(String),
    /// A state change that the case's current state does not allow, or a reused key.
    #[error("{0}")]
    Conflict(String),
    /// The rules say the applicant does not qualify; carries the explanation.
    #[error("{message}")]
    Ineligible {
        message: String,
        explanation: String,
    },
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    UnsupportedType(String),
    #[error("storage error: {0}")]
    Storage(String),
}

impl ServiceError {
    pub fn invalid(field: &str, message: impl Into<String>) -> ServiceError {
        ServiceError::Invalid {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl From<sqlx::Error> for ServiceError {
    fn from(e: sqlx::Error) -> Self {
        ServiceError::Storage(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, ServiceError>;
