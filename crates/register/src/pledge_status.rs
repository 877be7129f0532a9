//! What anyone may know of a right's pledges, as a public register shows it: whether
//! the patent or trademark stands pledged, to whom, since when, and its pledges
//! registered and released before. CNIPA publishes the pledgor, the pledgee, the
//! right and the registration date of each pledge and its release (专利权质押登记办法,
//! CNIPA notice 461, in force 2021-11-15); a pledge exists only once registered (Civil
//! Code art. 444), so applications, refusals and the amount secured stay with the
//! parties and the registration authority.

use crate::Register;
use crate::pledges::{SELECT, kind, normalise_number, views};
use onestop_store::Result;
use serde::Serialize;

/// One registered pledge of a right, as the public sees it.
#[derive(Debug, Clone, Serialize)]
pub struct PublicPledge {
    /// registered (standing) or released
    pub state: String,
    pub pledgor: String,
    pub pledgee: String,
    /// The business date of registration, YYYY-MM-DD.
    pub registered_on: Option<String>,
    pub released_on: Option<String>,
    /// The log entries of the registration and the release: anyone can ask the log
    /// for their inclusion proofs.
    pub register_entry: Option<i64>,
    pub release_entry: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Right {
    pub kind: String,
    pub number: String,
}

/// A right's pledge status.
#[derive(Debug, Clone, Serialize)]
pub struct RightStatus {
    pub right: Right,
    pub pledged: bool,
    /// The pledge standing now, if any.
    pub standing: Option<PublicPledge>,
    /// Every registered pledge of the right, oldest first (the standing one included).
    pub history: Vec<PublicPledge>,
}

/// Public: whether a right stands pledged, and its registered pledges.
pub async fn status(
    reg: &Register<'_>,
    right_kind: &str,
    right_number: &str,
) -> Result<RightStatus> {
    let k = kind(right_kind)?;
    let number = normalise_number(right_number)?;
    let sql = format!(
        "{SELECT} WHERE p.right_kind = $1 AND p.right_number = $2 AND p.state IN ('registered', 'released') ORDER BY p.registered_at"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(k)
        .bind(&number)
        .fetch_all(&reg.db.pool)
        .await?;
    let history: Vec<PublicPledge> = views(&rows)?
        .into_iter()
        .map(|p| PublicPledge {
            state: p.state,
            pledgor: p.pledgor_name,
            pledgee: p.pledgee_name,
            registered_on: p.registered_on,
            released_on: p.released_on,
            register_entry: p.register_entry,
            release_entry: p.release_entry,
        })
        .collect();
    let standing = history.iter().find(|p| p.state == "registered").cloned();
    Ok(RightStatus {
        right: Right {
            kind: k.to_string(),
            number,
        },
        pledged: standing.is_some(),
        standing,
        history,
    })
}
