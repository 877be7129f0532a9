//! Why a batch evaluation could not run: the crate's one error type, below every
//! module that can fail (the per-row error *columns* are `errors`).

use crate::compile;
use datafusion::error::DataFusionError;

/// Why a batch evaluation could not run.
#[derive(Debug)]
pub enum BatchError {
    /// A problem with what the user gave (a file, a column, an entity): one line.
    Input(String),
    /// The rules use something the batch evaluator cannot compile.
    Compile(String),
    /// DataFusion failed (including bad values in population columns).
    Engine(DataFusionError),
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BatchError::Input(m) => write!(f, "{m}"),
            BatchError::Compile(m) => {
                write!(f, "cannot compile the rules for batch evaluation: {m}")
            }
            BatchError::Engine(e) => {
                // DataFusion wraps errors raised inside functions; show the innermost message.
                let s = e.to_string();
                let inner = s
                    .rsplit("Execution error: ")
                    .next()
                    .unwrap_or(&s)
                    .to_string();
                write!(f, "{inner}")
            }
        }
    }
}

impl std::error::Error for BatchError {}

impl From<DataFusionError> for BatchError {
    fn from(e: DataFusionError) -> Self {
        BatchError::Engine(e)
    }
}

impl From<compile::CompileError> for BatchError {
    fn from(e: compile::CompileError) -> Self {
        BatchError::Compile(e.0)
    }
}
