//! The measure tracker kept by people (issue 16; 000 and 003 part 4): officers of a
//! measure's responsible organisations record its status, progress notes, evidence
//! links and a revised completion date; every record is kept (the history); overdue
//! is computed from what was recorded (`progress`), and the supervising office
//! exports it all as CSV. Who speaks for which organisation is operating data
//! (`config`, `config/tracker.toml`).
//!
//! Depends on the catalogue (the measures) and the store (database, access policy);
//! never on HTTP, the case service or the engine.

pub mod config;
pub mod progress;
pub mod store;

pub use progress::Progress;
pub use store::{MeasureState, NewUpdate, Update};
