//! A witness's side of c2sp.org/tlog-witness: the `add-checkpoint` request (old
//! size, consistency proof lines, an empty line, the signed checkpoint), the checks a
//! witness makes before it cosigns, in the spec's order and with its status codes,
//! and the onestop extension by which a witness reports a refusal to the log.
//!
//! ```text
//! old 5
//! <base64 proof hash>
//! <base64 proof hash>
//!
//! onestop.beijing/register
//! 7
//! <base64 root hash>
//!
//! — onestop.beijing/register <base64(key ID || signature)>
//! ```
//!
//! Pure: the caller keeps the witness's record of the last cosigned checkpoint and
//! persists it before handing out the cosignature.

use crate::error::LedgerError;
use crate::hash::Hash;
use crate::note::{
    Checkpoint, NoteVerifier, SignedNote, base64_encode, hash_from_base64, valid_key_name,
};
use crate::verify::verify_consistency;
use ed25519_dalek::{Signature, Signer, SigningKey};
use serde::{Deserialize, Serialize};

/// The spec's limit on consistency proof lines.
pub const MAX_PROOF_LINES: usize = 63;

/// An `add-checkpoint` request body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddCheckpoint {
    pub old_size: u64,
    pub proof: Vec<Hash>,
    /// The checkpoint as a signed note (the log's signature, maybe others).
    pub checkpoint: String,
}

impl AddCheckpoint {
    pub fn encode(&self) -> String {
        let mut out = format!("old {}\n", self.old_size);
        for h in &self.proof {
            out.push_str(&base64_encode(h));
            out.push('\n');
        }
        out.push('\n');
        out.push_str(&self.checkpoint);
        out
    }

    pub fn parse(body: &str) -> Result<AddCheckpoint, LedgerError> {
        let (first, mut rest) = body
            .split_once('\n')
            .ok_or_else(|| LedgerError::malformed("old", "the request starts with `old <size>`"))?;
        let old = first
            .strip_prefix("old ")
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
            .filter(|n| *n == "0" || !n.starts_with('0'))
            .and_then(|n| n.parse::<u64>().ok())
            .ok_or_else(|| {
                LedgerError::malformed("old", "`old <size>`: a decimal without leading zeroes")
            })?;
        let mut proof = Vec::new();
        loop {
            let (line, after) = rest.split_once('\n').ok_or_else(|| {
                LedgerError::malformed("proof", "no empty line before the checkpoint")
            })?;
            rest = after;
            if line.is_empty() {
                break;
            }
            if proof.len() == MAX_PROOF_LINES {
                return Err(LedgerError::malformed(
                    "proof",
                    format!("more than {MAX_PROOF_LINES} consistency proof lines"),
                ));
            }
            proof.push(hash_from_base64("proof", line)?);
        }
        Ok(AddCheckpoint {
            old_size: old,
            proof,
            checkpoint: rest.to_string(),
        })
    }
}

/// The last checkpoint a witness cosigned for a log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    pub size: u64,
    pub root: Hash,
}

/// Why a witness does not cosign. [`Refusal::status`] is the HTTP status tlog-witness
/// gives each case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The request or the checkpoint cannot be read (400).
    Malformed(String),
    /// The checkpoint is of another log (404).
    UnknownOrigin(String),
    /// No signature by the log's key verifies (403).
    NotSignedByLog,
    /// The old size is past the checkpoint's size: the log went backwards (400).
    OldSizeAboveCheckpoint { old: u64, size: u64 },
    /// The old size is not the last cosigned size (409; the answer names that size).
    OldSizeMismatch { old: u64, recorded: u64 },
    /// Same size as the last cosigned checkpoint, another root: a fork (409).
    Fork {
        size: u64,
        recorded: Hash,
        presented: Hash,
    },
    /// The consistency proof does not verify (422).
    Inconsistent { old: u64, size: u64, why: String },
}

impl Refusal {
    pub fn status(&self) -> u16 {
        match self {
            Refusal::Malformed(_) | Refusal::OldSizeAboveCheckpoint { .. } => 400,
            Refusal::NotSignedByLog => 403,
            Refusal::UnknownOrigin(_) => 404,
            Refusal::OldSizeMismatch { .. } | Refusal::Fork { .. } => 409,
            Refusal::Inconsistent { .. } => 422,
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Malformed(m) => write!(f, "malformed: {m}"),
            Refusal::UnknownOrigin(o) => write!(f, "the checkpoint is of another log (`{o}`)"),
            Refusal::NotSignedByLog => {
                write!(
                    f,
                    "the checkpoint carries no valid signature of the log's key"
                )
            }
            Refusal::OldSizeAboveCheckpoint { old, size } => write!(
                f,
                "the log's checkpoint has {size} entries, fewer than the {old} already cosigned: the log went backwards"
            ),
            Refusal::OldSizeMismatch { old, recorded } => write!(
                f,
                "the request proves from size {old} but the last cosigned size is {recorded}"
            ),
            Refusal::Fork {
                size,
                recorded,
                presented,
            } => write!(
                f,
                "fork: a checkpoint of size {size} with root {} after cosigning size {size} with root {}",
                base64_encode(presented),
                base64_encode(recorded)
            ),
            Refusal::Inconsistent { old, size, why } => write!(
                f,
                "the checkpoint of size {size} is not consistent with the cosigned one of size {old}: {why}"
            ),
        }
    }
}

/// The checks of `add-checkpoint` against the witness's record, in the spec's order:
/// the checkpoint is read, of the log whose key is `log` (name = origin), signed by
/// it; the old size is at most the new one and is the last cosigned size; then the
/// roots (same size) or the consistency proof. The checkpoint it returns may be
/// cosigned once the record is updated.
pub fn check_add_checkpoint(
    log: &NoteVerifier,
    recorded: Option<&Recorded>,
    req: &AddCheckpoint,
) -> Result<Checkpoint, Refusal> {
    let note = SignedNote::parse(&req.checkpoint).map_err(|e| Refusal::Malformed(e.to_string()))?;
    let cp = Checkpoint::parse(&note.text).map_err(|e| Refusal::Malformed(e.to_string()))?;
    if cp.origin != log.name {
        return Err(Refusal::UnknownOrigin(cp.origin));
    }
    let signed = note
        .signatures
        .iter()
        .filter(|s| log.matches(s))
        .any(|s| log.verify(&note.text, s).is_ok());
    if !signed {
        return Err(Refusal::NotSignedByLog);
    }
    if req.old_size > cp.size {
        return Err(Refusal::OldSizeAboveCheckpoint {
            old: req.old_size,
            size: cp.size,
        });
    }
    let recorded_size = recorded.map_or(0, |r| r.size);
    if req.old_size != recorded_size {
        return Err(Refusal::OldSizeMismatch {
            old: req.old_size,
            recorded: recorded_size,
        });
    }
    let inconsistent = |why: String| Refusal::Inconsistent {
        old: req.old_size,
        size: cp.size,
        why,
    };
    match recorded {
        None => {
            if !req.proof.is_empty() {
                return Err(inconsistent("the proof from size 0 is empty".into()));
            }
        }
        Some(r) if r.size == cp.size => {
            if r.root != cp.root {
                return Err(Refusal::Fork {
                    size: cp.size,
                    recorded: r.root,
                    presented: cp.root,
                });
            }
            if !req.proof.is_empty() {
                return Err(inconsistent(
                    "the proof between equal sizes is empty".into(),
                ));
            }
        }
        Some(r) if r.size == 0 => {
            if !req.proof.is_empty() {
                return Err(inconsistent("the proof from size 0 is empty".into()));
            }
        }
        Some(r) => verify_consistency(r.size, cp.size, &r.root, &cp.root, &req.proof)
            .map_err(|e| inconsistent(e.to_string()))?,
    }
    Ok(cp)
}

/// A witness's signed report that it refused a checkpoint (an onestop extension:
/// tlog-witness lets a witness keep such requests as evidence, and says nothing of
/// telling anyone). The log records it when the signature is that of a witness it
/// knows, and shows it on its operator's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefusalReport {
    /// The witness's key name.
    pub witness: String,
    /// When it refused, POSIX seconds.
    pub time: u64,
    /// The size the witness had cosigned last (the request's `old`).
    pub old_size: u64,
    /// Why, one line.
    pub reason: String,
    /// The refused checkpoint as the log served it (a signed note): the evidence.
    pub checkpoint: String,
    /// base64 Ed25519 signature by the witness key over [`RefusalReport::message`].
    pub signature: String,
}

impl RefusalReport {
    /// `onestop-witness-refusal/v1`, `witness <name>`, `time <t>`, `old <size>`,
    /// `reason <text>`, then the refused signed note. The header keeps it apart from
    /// `cosignature/v1` messages signed with the same key.
    pub fn message(&self) -> Vec<u8> {
        format!(
            "onestop-witness-refusal/v1\nwitness {}\ntime {}\nold {}\nreason {}\n{}",
            self.witness, self.time, self.old_size, self.reason, self.checkpoint
        )
        .into_bytes()
    }

    pub fn signed(
        witness: &str,
        key: &SigningKey,
        time: u64,
        old_size: u64,
        reason: &str,
        checkpoint: &str,
    ) -> RefusalReport {
        let mut r = RefusalReport {
            witness: witness.to_string(),
            time,
            old_size,
            reason: one_line(reason),
            checkpoint: checkpoint.to_string(),
            signature: String::new(),
        };
        let sig: Signature = key.sign(&r.message());
        r.signature = base64_encode(&sig.to_bytes());
        r
    }

    /// Checks the signature with the witness's key (a cosigner verifier of that name).
    pub fn verify(&self, witness: &NoteVerifier) -> Result<(), LedgerError> {
        if witness.name != self.witness || !valid_key_name(&self.witness) {
            return Err(LedgerError::BadSignature);
        }
        if self.reason.contains('\n') {
            return Err(LedgerError::malformed("reason", "the reason is one line"));
        }
        use base64::Engine;
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(self.signature.trim())
            .map_err(|e| LedgerError::malformed("signature", format!("not base64: {e}")))?;
        let sig = Signature::from_slice(&bytes).map_err(|_| {
            LedgerError::malformed("signature", "an Ed25519 signature has 64 bytes")
        })?;
        witness
            .key
            .verify_strict(&self.message(), &sig)
            .map_err(|_| LedgerError::BadSignature)
    }
}

fn one_line(s: &str) -> String {
    s.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::note::{cosign, sign_note};
    use crate::tree::Tree;

    const ORIGIN: &str = "onestop.beijing/register";

    fn log_key() -> SigningKey {
        SigningKey::from_bytes(&[1u8; 32])
    }

    fn tree(n: u64, salt: &str) -> Tree {
        let mut t = Tree::new();
        for i in 0..n {
            t.push(crate::hash::leaf_hash(format!("{salt}{i}").as_bytes()));
        }
        t
    }

    fn signed_checkpoint(size: u64, root: Hash) -> String {
        let body = Checkpoint::new(ORIGIN, size, root).body();
        SignedNote {
            signatures: vec![sign_note(ORIGIN, &log_key(), &body)],
            text: body,
        }
        .encode()
    }

    fn log() -> NoteVerifier {
        NoteVerifier::ed25519(ORIGIN, log_key().verifying_key()).expect("name")
    }

    #[test]
    fn the_request_encodes_and_parses_as_the_spec_writes_it() {
        let t = tree(7, "e");
        let req = AddCheckpoint {
            old_size: 5,
            proof: t.consistency_proof(5, 7).expect("proof"),
            checkpoint: signed_checkpoint(7, t.root()),
        };
        let text = req.encode();
        assert!(text.starts_with("old 5\n"));
        assert_eq!(AddCheckpoint::parse(&text), Ok(req));
        for bad in [
            "old 05\n\nx",
            "old\n\nx",
            "new 5\n\nx",
            "old 5\nnot-base64\n\nx",
            "old 5\n",
        ] {
            assert!(AddCheckpoint::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn a_witness_cosigns_what_extends_its_record_and_refuses_the_rest() {
        let t = tree(7, "e");
        let first = AddCheckpoint {
            old_size: 0,
            proof: vec![],
            checkpoint: signed_checkpoint(5, t.root_at(5).expect("root")),
        };
        let cp = check_add_checkpoint(&log(), None, &first).expect("first checkpoint");
        let rec = Recorded {
            size: cp.size,
            root: cp.root,
        };
        let next = AddCheckpoint {
            old_size: 5,
            proof: t.consistency_proof(5, 7).expect("proof"),
            checkpoint: signed_checkpoint(7, t.root()),
        };
        assert_eq!(
            check_add_checkpoint(&log(), Some(&rec), &next).map(|c| c.size),
            Ok(7)
        );
        // The same checkpoint again: cosigned again (a fresh timestamp).
        let same = AddCheckpoint {
            old_size: 5,
            proof: vec![],
            checkpoint: first.checkpoint.clone(),
        };
        assert!(check_add_checkpoint(&log(), Some(&rec), &same).is_ok());

        // A fork: another history of 7 entries, with the honest log's proof or without.
        let forked = tree(7, "f");
        let fork_req = AddCheckpoint {
            old_size: 5,
            proof: t.consistency_proof(5, 7).expect("proof"),
            checkpoint: signed_checkpoint(7, forked.root()),
        };
        let r = check_add_checkpoint(&log(), Some(&rec), &fork_req).expect_err("refused");
        assert_eq!(r.status(), 422, "{r}");
        // Same size, another root.
        let same_size = AddCheckpoint {
            old_size: 5,
            proof: vec![],
            checkpoint: signed_checkpoint(5, forked.root_at(5).expect("root")),
        };
        let r = check_add_checkpoint(&log(), Some(&rec), &same_size).expect_err("refused");
        assert!(matches!(r, Refusal::Fork { size: 5, .. }), "{r}");
        assert_eq!(r.status(), 409);
        // An empty tree with another root is a fork too.
        let empty = Recorded {
            size: 0,
            root: crate::hash::EMPTY_ROOT,
        };
        let odd_empty = AddCheckpoint {
            old_size: 0,
            proof: vec![],
            checkpoint: signed_checkpoint(0, forked.root()),
        };
        assert!(matches!(
            check_add_checkpoint(&log(), Some(&empty), &odd_empty),
            Err(Refusal::Fork { size: 0, .. })
        ));
        // Backwards.
        let back = AddCheckpoint {
            old_size: 5,
            proof: vec![],
            checkpoint: signed_checkpoint(3, t.root_at(3).expect("root")),
        };
        assert_eq!(
            check_add_checkpoint(&log(), Some(&rec), &back),
            Err(Refusal::OldSizeAboveCheckpoint { old: 5, size: 3 })
        );
        // Not the record's size.
        let stale = AddCheckpoint {
            old_size: 2,
            proof: t.consistency_proof(2, 7).expect("proof"),
            checkpoint: signed_checkpoint(7, t.root()),
        };
        assert_eq!(
            check_add_checkpoint(&log(), Some(&rec), &stale).map_err(|r| r.status()),
            Err(409)
        );
        // Signed by another key, or of another log.
        let body = Checkpoint::new(ORIGIN, 7, t.root()).body();
        let other = SigningKey::from_bytes(&[9u8; 32]);
        let unsigned = AddCheckpoint {
            old_size: 5,
            proof: t.consistency_proof(5, 7).expect("proof"),
            checkpoint: SignedNote {
                signatures: vec![sign_note(ORIGIN, &other, &body)],
                text: body,
            }
            .encode(),
        };
        assert_eq!(
            check_add_checkpoint(&log(), Some(&rec), &unsigned),
            Err(Refusal::NotSignedByLog)
        );
        let elsewhere =
            NoteVerifier::ed25519("example.com/log", log_key().verifying_key()).expect("name");
        assert_eq!(
            check_add_checkpoint(&elsewhere, Some(&rec), &next).map_err(|r| r.status()),
            Err(404)
        );
    }

    #[test]
    fn a_refusal_report_is_signed_by_its_witness() {
        let key = SigningKey::from_bytes(&[7u8; 32]);
        let t = tree(3, "e");
        let cp = signed_checkpoint(3, t.root());
        let r = RefusalReport::signed("tianjin", &key, 1_750_000_000, 2, "fork:\nsize 3", &cp);
        assert_eq!(r.reason, "fork: size 3");
        let v = NoteVerifier::cosigner("tianjin", key.verifying_key()).expect("name");
        assert_eq!(r.verify(&v), Ok(()));
        let mut forged = r.clone();
        forged.old_size = 1;
        assert_eq!(forged.verify(&v), Err(LedgerError::BadSignature));
        let hebei = NoteVerifier::cosigner("hebei", key.verifying_key()).expect("name");
        assert_eq!(r.verify(&hebei), Err(LedgerError::BadSignature));
        // A cosignature's message never reads as a refusal's, nor the reverse.
        let co = cosign("tianjin", &key, &cp, 1);
        assert_ne!(co.signature[8..].to_vec(), r.signature.as_bytes().to_vec());
    }
}
