//! The whole register checked from its stored rows: the log first (every leaf hash and
//! signed head recomputed, `log::check`), then each kind of record against what the
//! log says about it (licences, vouchers, pledges). Nothing here calls back up.

use crate::{licences, log, pledges, vouchers};
use onestop_store::{Db, Result};
use serde::Serialize;

pub use crate::log::Problem;

/// What a full check found.
#[derive(Debug, Clone, Serialize)]
pub struct LogReport {
    pub entries: u64,
    pub heads_checked: u64,
    pub licences_checked: u64,
    pub vouchers_checked: u64,
    pub pledges_checked: u64,
    pub root_hash: String,
    pub problems: Vec<Problem>,
}

/// Recomputes the log with no cache and checks every licence, voucher and pledge
/// against it (signatures by `key`).
pub async fn verify_stored(db: &Db, key: &ed25519_dalek::VerifyingKey) -> Result<LogReport> {
    let log = log::check(db, key).await?;
    let licences = licences::check_against_log(db, &log.logged).await?;
    let vouchers = vouchers::check_against_log(db, &log.logged).await?;
    let pledges = pledges::check_against_log(db, &log.logged).await?;
    let mut problems = log.problems;
    problems.extend(licences.1);
    problems.extend(vouchers.1);
    problems.extend(pledges.1);
    Ok(LogReport {
        entries: log.entries,
        heads_checked: log.heads_checked,
        licences_checked: licences.0,
        vouchers_checked: vouchers.0,
        pledges_checked: pledges.0,
        root_hash: log.root_hash,
        problems,
    })
}
