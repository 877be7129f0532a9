//! A receipt: one logged entry with everything needed to check it offline — its
//! position, the audit path, and a signed tree head. Whoever holds the log's public
//! key can verify it with no database and no network.

use crate::canonical::canonical_json;
use crate::error::LedgerError;
use crate::hash::{Hash, from_hex, leaf_hash, to_hex};
use crate::note::{Checkpoint, NoteVerifier, SignedNote};
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
    /// The tree head as a C2SP checkpoint (a signed note): the log's signature and the
    /// witnesses' cosignatures (`cosignature/v1`) of that size and root, when the log
    /// has any. Absent in receipts from before witnesses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub checkpoint: Option<String>,
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
            checkpoint: None,
        }
    }

    /// The witnesses among `witnesses` whose cosignature of this receipt's tree head
    /// verifies, with the time each signed. The checkpoint must be the tree head's
    /// (same size and root) and signed by the log's key under its origin; a
    /// cosignature by a known witness that fails to verify rejects the whole note.
    pub fn cosigners(
        &self,
        log_key: &VerifyingKey,
        witnesses: &[NoteVerifier],
    ) -> Result<Vec<(String, u64)>, LedgerError> {
        let Some(text) = &self.checkpoint else {
            return Ok(Vec::new());
        };
        let note = SignedNote::parse(text)?;
        let cp = Checkpoint::parse(&note.text)?;
        let head = self.tree_head.head()?;
        if cp.size != head.tree_size || cp.root != head.root_hash {
            return Err(LedgerError::malformed(
                "checkpoint",
                "the checkpoint is not the receipt's tree head (size and root differ)",
            ));
        }
        let log = NoteVerifier::ed25519(&cp.origin, *log_key)?;
        let log_signed = note
            .signatures
            .iter()
            .filter(|s| log.matches(s))
            .any(|s| log.verify(&note.text, s).is_ok());
        if !log_signed {
            return Err(LedgerError::malformed(
                "checkpoint",
                "the checkpoint carries no valid signature of the log's key",
            ));
        }
        let mut out: Vec<(String, u64)> = Vec::new();
        for w in witnesses {
            for s in note.signatures.iter().filter(|s| w.matches(s)) {
                let ts = w.verify(&note.text, s).map_err(|_| {
                    LedgerError::malformed(
                        "checkpoint",
                        format!("the cosignature of witness {} does not verify", w.name),
                    )
                })?;
                if !out.iter().any(|(n, _)| *n == w.name) {
                    out.push((w.name.clone(), ts.unwrap_or(0)));
                }
            }
        }
        Ok(out)
    }

    /// [`Receipt::verify`], and at least `quorum` valid cosignatures of the tree head
    /// by distinct witnesses among `witnesses`.
    pub fn verify_witnessed(
        &self,
        log_key: &VerifyingKey,
        witnesses: &[NoteVerifier],
        quorum: usize,
    ) -> Result<Witnessed, LedgerError> {
        let verified = self.verify(log_key)?;
        let cosigners = self.cosigners(log_key, witnesses)?;
        if cosigners.len() < quorum {
            return Err(LedgerError::Quorum {
                have: cosigners.len(),
                need: quorum,
                by: cosigners.iter().map(|(n, _)| n.clone()).collect(),
            });
        }
        Ok(Witnessed {
            verified,
            cosigners,
        })
    }
}

/// A receipt verified with its witnesses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Witnessed {
    pub verified: Verified,
    /// Witness name and cosignature time (POSIX seconds), in the order configured.
    pub cosigners: Vec<(String, u64)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::{cosign, sign_note};
    use crate::tree::Tree;
    use ed25519_dalek::SigningKey;
    use serde_json::json;

    const ORIGIN: &str = "onestop.beijing/register";

    fn receipt(witnesses: &[(&str, &SigningKey)], log: &SigningKey) -> Receipt {
        let entries: Vec<serde_json::Value> = (0..3).map(|i| json!({"n": i})).collect();
        let mut t = Tree::new();
        for e in &entries {
            t.push(leaf_hash(canonical_json(e).as_bytes()));
        }
        let head = TreeHead {
            tree_size: 3,
            root_hash: t.root(),
            timestamp: 1,
        }
        .sign(log);
        let mut r = Receipt::new(
            entries[1].clone(),
            1,
            &t.inclusion_proof(1, 3).expect("proof"),
            head,
        );
        let body = Checkpoint::new(ORIGIN, 3, t.root()).body();
        let mut note = SignedNote {
            signatures: vec![sign_note(ORIGIN, log, &body)],
            text: body.clone(),
        };
        for (name, k) in witnesses {
            note.add(cosign(name, k, &body, 1_750_000_000));
        }
        r.checkpoint = Some(note.encode());
        r
    }

    #[test]
    fn a_receipt_verifies_with_a_quorum_of_known_witnesses_only() {
        let log = SigningKey::from_bytes(&[1u8; 32]);
        let (tj, hb, sx) = (
            SigningKey::from_bytes(&[2u8; 32]),
            SigningKey::from_bytes(&[3u8; 32]),
            SigningKey::from_bytes(&[4u8; 32]),
        );
        let v = |n: &str, k: &SigningKey| NoteVerifier::cosigner(n, k.verifying_key()).expect("n");
        let known = [v("tianjin", &tj), v("hebei", &hb)];
        let r = receipt(&[("tianjin", &tj), ("hebei", &hb), ("shanxi", &sx)], &log);
        let lk = log.verifying_key();
        let w = r.verify_witnessed(&lk, &known, 2).expect("two of two");
        assert_eq!(w.cosigners.len(), 2);
        let e = r
            .verify_witnessed(&lk, &known, 3)
            .expect_err("three needed");
        assert!(
            matches!(
                e,
                LedgerError::Quorum {
                    have: 2,
                    need: 3,
                    ..
                }
            ),
            "{e}"
        );
        assert!(e.to_string().contains("not enough witnesses"), "{e}");
        // Only one witness key known: one cosignature counts.
        let e = r
            .verify_witnessed(&lk, &known[..1], 2)
            .expect_err("one known");
        assert!(matches!(e, LedgerError::Quorum { have: 1, .. }), "{e}");
        // No checkpoint: only a quorum of zero holds.
        let mut bare = r.clone();
        bare.checkpoint = None;
        assert!(bare.verify_witnessed(&lk, &known, 0).is_ok());
        assert!(bare.verify_witnessed(&lk, &known, 1).is_err());
        // A checkpoint of another tree, or with a witness line tampered, is refused.
        let other = receipt(&[("tianjin", &tj)], &SigningKey::from_bytes(&[5u8; 32]));
        let mut swapped = r.clone();
        swapped.checkpoint = other.checkpoint;
        assert!(swapped.verify_witnessed(&lk, &known, 0).is_err());
        let mut tampered = r.clone();
        let text = tampered.checkpoint.clone().unwrap_or_default();
        let note = SignedNote::parse(&text).expect("note");
        let mut bad = note.clone();
        bad.signatures[1].signature[20] ^= 1;
        tampered.checkpoint = Some(bad.encode());
        assert!(tampered.verify_witnessed(&lk, &known, 1).is_err());
        // The same cosignature twice counts once.
        let mut twice = note.clone();
        twice.signatures.push(note.signatures[1].clone());
        let mut dup = r.clone();
        dup.checkpoint = Some(twice.encode());
        assert_eq!(
            dup.verify_witnessed(&lk, &known, 2)
                .map(|w| w.cosigners.len()),
            Ok(2)
        );
    }
}
