//! The one-window case service: applicants with a stored profile, materials stored
//! once by content hash, bundles that open one case per agency, a case state machine
//! with statutory working-day deadlines, an append-only audit trail, research
//! projects, and cedar-policy authorisation. SQLite by default, PostgreSQL by URL.
//!
//! Depends on `store` (database, clock, accounts, the access policy, the error),
//! `register` (an approval issues its e-licence into the log, in the same
//! transaction), `engine` (eligibility, explanations), `lang` and `calendar`; it knows
//! nothing of HTTP (that is `web`) and nothing of columnar batches.

pub mod calendar_notices;
// ---- issue 16 item 4: S&T enterprise credit ----
pub mod credit;
pub mod credit_consent;
pub mod credit_facts;
pub mod model;
pub mod performance;
pub mod procedure;
pub mod project_budget;
pub mod project_review;
pub mod projects;
pub mod services;
pub mod store;
pub mod supervision;
pub mod voucher_service;
pub mod writer;

pub use model::{CaseAction, CaseState};
pub use store::{CaseService, SubmitRequest};
