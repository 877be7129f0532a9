//! The JSON API's own routes (rules, accounts, cases, projects) and the shapes of
//! their answers. The register's routes are in `ledger_api`, the calendar's in
//! `calendar_api`; `lib.rs` composes them all.

pub mod accounts;
pub mod cases;
// ---- issue 16 item 4: S&T enterprise credit ----
pub mod credit;
pub mod facts;
// ---- issue 16 ----
pub mod notify;
// ---- issue 16: consultation ----
pub mod consult;
pub mod projects;
// ---- issue 16 item 4: application scenarios and instrument sharing ----
pub mod platforms;
pub mod rules;
pub mod schemas;
// ---- issue 16: statistical monitoring ----
pub mod statistics;
pub mod tracker;
pub mod vocabulary;
pub mod vouchers;
