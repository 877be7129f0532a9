//! What is wrong with a table, said so that the person who made it can fix it: the
//! file, the row, the column, what was wrong and a hint.

use std::fmt;

/// One thing wrong with a table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// CSV: the line of the file (the header is row 1). Parquet: the record, from 1.
    /// None when the whole file is wrong.
    pub row: Option<usize>,
    pub column: Option<String>,
    pub message: String,
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(row: Option<usize>, column: Option<&str>, message: impl Into<String>) -> Problem {
        Problem {
            row,
            column: column.map(String::from),
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
}

/// The most problems one refusal lists (the rest are counted).
pub const MAX_PROBLEMS: usize = 50;

/// A table refused: nothing of it was stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Refusal {
    pub file: String,
    pub problems: Vec<Problem>,
    /// Problems found beyond those listed.
    pub more: usize,
}

impl Refusal {
    pub fn one(file: &str, p: Problem) -> Refusal {
        Refusal {
            file: file.to_string(),
            problems: vec![p],
            more: 0,
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.row, &self.column) {
            (Some(r), Some(c)) => write!(f, "row {r}, column `{c}`: ")?,
            (Some(r), None) => write!(f, "row {r}: ")?,
            (None, Some(c)) => write!(f, "column `{c}`: ")?,
            (None, None) => {}
        }
        write!(f, "{}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " (hint: {h})")?;
        }
        Ok(())
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}: {p}", self.file)?;
        }
        if self.more > 0 {
            write!(f, "\n{}: and {} more problem(s)", self.file, self.more)?;
        }
        Ok(())
    }
}
