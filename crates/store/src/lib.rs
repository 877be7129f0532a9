//! What every onestop service stands on: one database over SQLite (embedded default)
//! or PostgreSQL with its migrations (`db`), the clock and business date (`clock`),
//! accounts and roles (`accounts`), passwords and session tokens (`auth`), the access
//! policy in `policies/access.cedar` (`authz`), and the one error every service
//! returns (`error`).
//!
//! Both the one-window case service (`onestop-cases`) and the register
//! (`onestop-register`) are built on it; it knows neither of them, nor HTTP.

pub mod accounts;
pub mod auth;
pub mod authz;
pub mod clock;
pub mod db;
pub mod error;

pub use accounts::{Account, Role, Session};
pub use authz::{Authz, Resource};
pub use clock::{now, set_today, today};
pub use db::{Backend, Db};
pub use error::{Result, ServiceError};
