//! The HTTP face of onestop: a JSON API over the rule engine (eligibility, explanations,
//! open questions) and the one-window case service (accounts, profile, materials,
//! bundles, cases, officer inbox), described by OpenAPI 3 at `/openapi.json`.
//!
//! Every failure is a JSON body `{"error": ..., "field"?: ...}` with a 4xx status that
//! says what to fix; storage trouble is a 503 that invites a retry. Handlers never
//! unwrap input.

pub mod analyst;
mod api;
mod calendar_api;
mod error;
mod ledger_api;
pub mod portal;
mod state;

pub use api::{AppState, router};
pub use error::ApiError;
pub use portal::Portal;
