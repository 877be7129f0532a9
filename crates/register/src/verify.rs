//! The whole register checked from its stored rows: the log first (every leaf hash and
//! signed head recomputed, `log::check`), then each kind of record against what the
//! log says about it (licences, vouchers, pledges), and what the witnesses cosigned
//! against the entries. Nothing here calls back up.

use crate::{licences, log, pledges, vouchers, witness};
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
    // What the witnesses cosigned must still be what the entries give.
    let tree = onestop_ledger::Tree::from_leaf_hashes(
        log.logged
            .iter()
            .map(|(_, _, d)| onestop_ledger::leaf_hash(d.as_bytes())),
    );
    for c in witness::contradicted(db, &tree).await? {
        problems.push(log::problem(
            "witness",
            c.tree_size,
            format!(
                "witness {} cosigned the head of size {} (root {}) but the stored entries no longer give that root",
                c.witness, c.tree_size, c.root_hash
            ),
        ));
    }
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
