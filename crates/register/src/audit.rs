//! The auditor's check between two signed tree heads, as a witness runs it: does the
//! newer log extend the older one? First the consistency proof; where the source shows
//! the entries' data (the database does), every entry is recomputed as well. When the
//! log fails, it names the first entry that differs from what was signed.
//!
//! Where the log is read from is a [`LogSource`]: the database here ([`DbSource`]);
//! a server over HTTP in the command line (which owns the HTTP client).

use crate::log;
use onestop_ledger::{
    Hash, SignedTreeHead, Tree, TreeHead, from_hex, leaf_hash, to_hex, verify_consistency,
};
use onestop_store::Db;

/// One entry's leaf hash as stored, and the hash its data gives when the data is shown.
pub struct Leaf {
    pub stored: Hash,
    pub recomputed: Option<Hash>,
}

/// Where an auditor reads the log from. Errors are messages for the operator.
#[allow(async_fn_in_trait)]
pub trait LogSource {
    async fn consistency(&self, first: u64, second: u64) -> Result<Vec<Hash>, String>;
    async fn heads(&self) -> Result<Vec<SignedTreeHead>, String>;
    /// Entries `start..end` (possibly fewer: the caller asks again).
    async fn leaves_from(&self, start: u64, end: u64) -> Result<Vec<Leaf>, String>;
    /// Whether every entry is recomputed even when the proof holds (the database's
    /// data is at hand; over HTTP the proof is trusted unless it fails).
    fn recompute_always(&self) -> bool;
}

/// The log in this service's own database.
pub struct DbSource<'a>(pub &'a Db);

impl LogSource for DbSource<'_> {
    async fn consistency(&self, first: u64, second: u64) -> Result<Vec<Hash>, String> {
        log::consistency_proof(self.0, first as i64, second as i64)
            .await
            .map_err(|e| e.to_string())?
            .iter()
            .map(|h| from_hex("proof", h).map_err(|e| e.to_string()))
            .collect()
    }

    async fn heads(&self) -> Result<Vec<SignedTreeHead>, String> {
        log::heads(self.0).await.map_err(|e| e.to_string())
    }

    async fn leaves_from(&self, start: u64, end: u64) -> Result<Vec<Leaf>, String> {
        log::entries(self.0, start as i64, end as i64)
            .await
            .map_err(|e| e.to_string())?
            .iter()
            .map(|e| {
                Ok(Leaf {
                    stored: from_hex("leaf_hash", &e.leaf_hash).map_err(|e| e.to_string())?,
                    recomputed: Some(leaf_hash(e.data.as_bytes())),
                })
            })
            .collect()
    }

    fn recompute_always(&self) -> bool {
        true
    }
}

async fn all_leaves<S: LogSource>(source: &S, end: u64) -> Result<Vec<Leaf>, String> {
    let mut out = Vec::new();
    while (out.len() as u64) < end {
        let page = source.leaves_from(out.len() as u64, end).await?;
        if page.is_empty() {
            break;
        }
        out.extend(page);
    }
    Ok(out)
}

/// What the auditor concluded.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Consistent,
    Inconsistent {
        /// Why the proof or the recomputation failed.
        why: String,
        /// Where the log first stopped matching what was signed; `None` when every
        /// entry matches every signed head (the proof the log served is what is wrong).
        divergence: Option<String>,
    },
}

/// Checks that the log of `new` extends the log of `old` (both heads already verified
/// with the log's key); `key` also verifies the other heads the source has signed, to
/// place the divergence.
pub async fn audit<S: LogSource>(
    source: &S,
    old: &TreeHead,
    new: &TreeHead,
    key: &ed25519_dalek::VerifyingKey,
) -> Result<Verdict, String> {
    let proof = source.consistency(old.tree_size, new.tree_size).await;
    let proof_ok = proof.as_ref().is_ok_and(|p| {
        verify_consistency(
            old.tree_size,
            new.tree_size,
            &old.root_hash,
            &new.root_hash,
            p,
        )
        .is_ok()
    });
    let leaves = if !proof_ok || source.recompute_always() {
        Some(all_leaves(source, new.tree_size).await?)
    } else {
        None
    };
    let recomputed_ok = leaves.as_ref().is_none_or(|ls| {
        let t = Tree::from_leaf_hashes(ls.iter().map(|l| l.recomputed.unwrap_or(l.stored)));
        ls.iter()
            .all(|l| l.recomputed.is_none_or(|r| r == l.stored))
            && t.root_at(old.tree_size).is_ok_and(|r| r == old.root_hash)
            && t.root_at(new.tree_size).is_ok_and(|r| r == new.root_hash)
    });
    if proof_ok && recomputed_ok {
        return Ok(Verdict::Consistent);
    }
    let why = match &proof {
        _ if old.tree_size == new.tree_size && old.root_hash != new.root_hash => format!(
            "fork: two signed heads of size {} with different roots ({} and {})",
            new.tree_size,
            to_hex(&old.root_hash),
            to_hex(&new.root_hash)
        ),
        Err(e) => e.clone(),
        Ok(_) if proof_ok => "the entries' data no longer give the signed roots".to_string(),
        Ok(_) => "the consistency proof does not verify".to_string(),
    };
    let leaves = match leaves {
        Some(l) => l,
        None => all_leaves(source, new.tree_size).await?,
    };
    let edited_row = leaves
        .iter()
        .position(|l| l.recomputed.is_some_and(|r| r != l.stored));
    let tree = Tree::from_leaf_hashes(leaves.iter().map(|l| l.recomputed.unwrap_or(l.stored)));
    let mut signed: Vec<(u64, Hash)> = vec![
        (old.tree_size, old.root_hash),
        (new.tree_size, new.root_hash),
    ];
    for h in source.heads().await? {
        if let Ok(h) = h.verify(key) {
            signed.push((h.tree_size, h.root_hash));
        }
    }
    signed.sort();
    signed.dedup();
    let mut sizes: Vec<u64> = signed.iter().map(|(s, _)| *s).collect();
    sizes.dedup();
    let mut last_good = 0u64;
    let mut first_bad: Option<u64> = None;
    // A size the log signed twice with different roots, one of which its entries give.
    let mut forked_at: Option<u64> = None;
    for size in sizes {
        let roots: Vec<&Hash> = signed
            .iter()
            .filter(|(s, _)| *s == size)
            .map(|(_, r)| r)
            .collect();
        match tree.root_at(size) {
            Ok(r) if roots.contains(&&r) => {
                if roots.len() > 1 && forked_at.is_none() {
                    forked_at = Some(size);
                }
                last_good = size;
            }
            _ => {
                first_bad = Some(size);
                break;
            }
        }
    }
    let divergence = match (first_bad, edited_row) {
        (_, Some(i)) => Some(format!(
            "entry {i} (its stored data no longer hashes to its leaf hash)"
        )),
        (Some(bad), None) if bad > tree.len() => Some(format!(
            "entry {} (the log has {} entries but a head of {bad} was signed)",
            tree.len(),
            tree.len()
        )),
        (Some(bad), None) if bad == last_good + 1 => Some(format!(
            "entry {last_good} (the log matches the signed head of size {last_good}, not the one of size {bad})"
        )),
        (Some(bad), None) => Some(format!(
            "between entry {last_good} and entry {} (the log matches the signed head of size {last_good}, not the one of size {bad})",
            bad - 1
        )),
        (None, None) => forked_at.map(|n| {
            format!(
                "the head of size {n} (the log signed two heads of that size; its entries give one of them, the other is a fork no history of this log matches)"
            )
        }),
    };
    Ok(Verdict::Inconsistent { why, divergence })
}

/// A head's size and root as the auditor prints them.
pub fn describe(head: &TreeHead) -> String {
    format!(
        "{} entries (root {})",
        head.tree_size,
        to_hex(&head.root_hash)
    )
}
