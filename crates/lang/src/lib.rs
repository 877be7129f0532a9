//! The onestop rule language: plain-text rule files a policy officer can read next
//! to the legal text, parsed, name-resolved and type-checked into a [`Program`].
//!
//! This crate reads text and reports diagnostics. It must never depend on the
//! engine, databases, HTTP or any other onestop crate; it does no IO beyond
//! reading rule files.

pub mod ast;
pub mod check;
pub mod cite;
pub mod diag;
pub mod doubt;
pub mod lexer;
pub mod literal;
pub mod load;
pub mod parser;
pub mod program;
pub mod source;
pub mod translations;
pub mod types;

pub use diag::{Diagnostic, Severity, render_all};
pub use doubt::{Confidence, Doubt, DoubtKind, DoubtRef};
pub use load::RuleSet;
pub use program::*;
pub use source::{FileId, Sources, Span};
pub use types::{Duration, EnumId, Type, Value};
