use thiserror::Error;

/// Why a proof, a signature or a key was refused. Messages name what failed.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum LedgerError {
    #[error("leaf index {index} is not inside a tree of size {size}")]
    IndexOutOfRange { index: u64, size: u64 },
    #[error("tree size {0} is larger than the log ({1} entries)")]
    SizeOutOfRange(u64, u64),
    #[error("consistency needs the old size ({old}) not to exceed the new size ({new})")]
    SizesOutOfOrder { old: u64, new: u64 },
    #[error("the proof has the wrong number of hashes for this tree")]
    WrongProofLength,
    #[error("the proof does not lead to the tree head's root hash")]
    RootMismatch,
    #[error("the signature on the tree head is not valid for this log key")]
    BadSignature,
    #[error("{field}: {message}")]
    Malformed { field: String, message: String },
    #[error("{0}")]
    Key(String),
    #[error("{}", quorum_message(*have, *need, by))]
    Quorum {
        have: usize,
        need: usize,
        by: Vec<String>,
    },
}

impl LedgerError {
    pub fn malformed(field: &str, message: impl Into<String>) -> LedgerError {
        LedgerError::Malformed {
            field: field.to_string(),
            message: message.into(),
        }
    }
}

fn quorum_message(have: usize, need: usize, by: &[String]) -> String {
    let who = if by.is_empty() {
        String::new()
    } else {
        format!(" ({})", by.join(", "))
    };
    format!(
        "not enough witnesses: the tree head carries {have} valid witness cosignature(s){who}, {need} required"
    )
}
