//! A receipt: one logged entry with everything needed to check it offline — its
//! position, the audit path, and a signed tree head. Whoever holds the log's public
//! key can verify it with no database and no network.

use crate::canonical::canonical_json;
use crate::error::LedgerError;
use crate::hash::{Hash, from_hex, leaf_hash, to_hex};
use crate::sth::{SignedTreeHead, TreeHead};
use crate::verify::verify_inclusion;
use ed25519_dalek::VerifyingKey;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Receipt {
    /// The logged document or event; its canonical JSON is the leaf data.
    pub entry: serde_json::Value,
    pub leaf_index: u64,
    /// Hex hashes, leaf to root (RFC 6962 PATH).
    pub inclusion_proof: Vec<String>,
    pub tree_head: SignedTreeHead,
}

/// What a successful verification established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub leaf_hash: Hash,
    pub head: TreeHead,
}

impl Receipt {
    pub fn leaf_hash(&self) -> Hash {
        leaf_hash(canonical_json(&self.entry).as_bytes())
    }

    pub fn proof(&self) -> Result<Vec<Hash>, LedgerError> {
        self.inclusion_proof
            .iter()
            .enumerate()
            .map(|(i, h)| from_hex(&format!("inclusion_proof[{i}]"), h))
            .collect()
    }

    /// Checks the tree head's signature, then that the entry is in that tree.
    pub fn verify(&self, key: &VerifyingKey) -> Result<Verified, LedgerError> {
        let head = self.tree_head.verify(key)?;
        let leaf = self.leaf_hash();
        verify_inclusion(
            self.leaf_index,
            head.tree_size,
            &leaf,
            &self.proof()?,
            &head.root_hash,
        )?;
        Ok(Verified {
            leaf_hash: leaf,
            head,
        })
    }

    pub fn new(
        entry: serde_json::Value,
        leaf_index: u64,
        proof: &[Hash],
        tree_head: SignedTreeHead,
    ) -> Receipt {
        Receipt {
            entry,
            leaf_index,
            inclusion_proof: proof.iter().map(to_hex).collect(),
            tree_head,
        }
    }
}
