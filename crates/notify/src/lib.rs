//! Policy finds the applicant (issue 16). A matching run evaluates every stored
//! profile in one batch per entity and compares the answer with the last run's:
//! each new eligibility, each lost one and each approaching deadline becomes a
//! notification, in the portal's inbox, by e-mail through an SMTP server and in the
//! subscription's Atom feed. A preview run over a draft of the rules counts how many
//! applicants each measure would reach.
//!
//! The evaluation is behind [`evaluate::Evaluator`]: the binary plugs in the
//! population engine (`onestop-batch`, DataFusion); this crate has the scalar engine
//! over every core. This crate must never depend on DataFusion, the batch crate or
//! HTTP (the web crate reads inboxes, subscriptions and feeds through it).
//!
//! Modules, lower first: `config`, `diff`, `messages`, `evaluate` < `subscription`,
//! `inbox` < `compose` < `feed`, `mail` < `run`, `reach`.

pub mod compose;
pub mod config;
pub mod diff;
pub mod evaluate;
pub mod feed;
pub mod inbox;
pub mod mail;
pub mod messages;
pub mod reach;
pub mod run;
pub mod subscription;

pub use config::Settings;
pub use evaluate::{Answer, Evaluator, Profile, ScalarEvaluator};
pub use run::{RunKind, RunOptions, RunReport, run};
