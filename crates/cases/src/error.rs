//! Errors of the case service, each mapping to one HTTP status in `web`.

#[derive(Debug, thiserror::Error)]
pub enum CaseError {
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

impl CaseError {
    pub fn invalid(field: &str, message: impl Into<String>) -> CaseError {
        CaseError::Invalid {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

impl From<sqlx::Error> for CaseError {
    fn from(e: sqlx::Error) -> Self {
        CaseError::Storage(e.to_string())
    }
}

pub type Result<T> = std::result::Result<T, CaseError>;
