//! The evaluator's one error type, below every module that can fail while evaluating.

use chrono::NaiveDate;

/// Why a value could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum EvalError {
    /// Two exceptions apply and neither has priority: the law must say which wins.
    Conflict {
        definition: String,
        exceptions: Vec<String>,
    },
    NoParameterValue {
        parameter: String,
        date: NaiveDate,
        covered: Option<(NaiveDate, Option<NaiveDate>)>,
    },
    Arithmetic(String),
    Calendar(String),
}

impl std::fmt::Display for EvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EvalError::Conflict {
                definition,
                exceptions,
            } => write!(
                f,
                "conflict in `{definition}`: exceptions {} all apply and none has priority",
                exceptions
                    .iter()
                    .map(|e| format!("`{e}`"))
                    .collect::<Vec<_>>()
                    .join(" and ")
            ),
            EvalError::NoParameterValue {
                parameter,
                date,
                covered,
            } => {
                write!(f, "parameter `{parameter}` has no value on {date}")?;
                if let Some((from, to)) = covered {
                    match to {
                        Some(t) => write!(f, " (its values cover {from} to {t})"),
                        None => write!(f, " (its values start {from})"),
                    }?;
                }
                Ok(())
            }
            EvalError::Arithmetic(m) => write!(f, "{m}"),
            EvalError::Calendar(m) => write!(f, "{m}"),
        }
    }
}
