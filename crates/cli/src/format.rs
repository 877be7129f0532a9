//! How a command writes its answer: JSON for programs, text for people.

use clap::ValueEnum;

/// The `--format` of commands that answer in JSON or text.
#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub(crate) enum Format {
    Json,
    Text,
}
