//! The one-window case service: applicants with a stored profile, materials stored
//! once by content hash, bundles that open one case per agency, a case state machine
//! with statutory working-day deadlines, an append-only audit trail, research
//! projects, and cedar-policy authorisation. SQLite by default, PostgreSQL by URL.
//!
//! Depends on `engine` (eligibility, explanations), `lang` and `calendar`; it knows
//! nothing of HTTP (that is `web`) and nothing of columnar batches.

pub mod auth;
pub mod authz;
pub mod calendar_notices;
pub mod db;
pub mod error;
pub mod ledger_store;
pub mod licences;
pub mod model;
pub mod performance;
pub mod pledges;
pub mod projects;
pub mod services;
pub mod store;
pub mod vouchers;
pub mod writer;

pub use db::Backend;
pub use error::{CaseError, Result};
pub use model::{Account, CaseAction, CaseState, Role};
pub use store::{CaseService, SubmitRequest, now, set_today, today};
