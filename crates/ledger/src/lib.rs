//! A verifiable append-only log following RFC 6962 / RFC 9162: leaf and node hashing
//! with their distinct prefixes (0x00, 0x01), tree heads, inclusion and consistency
//! proofs (generation and verification), and Ed25519 signed tree heads.
//!
//! Verification ([`verify_inclusion`], [`verify_consistency`], [`SignedTreeHead::verify`],
//! [`Receipt::verify`]) needs nothing but this crate: no database, no network.
//! Witnessing follows C2SP: checkpoints, signed notes and `cosignature/v1` ([`note`]),
//! and the witness's `add-checkpoint` checks ([`witness`]).
//! Storage lives in `onestop-register` (`log`); this crate knows nothing of it.

mod canonical;
mod error;
mod hash;
mod keys;
pub mod note;
mod receipt;
mod sth;
mod tree;
mod verify;
pub mod witness;

pub use canonical::canonical_json;
pub use error::LedgerError;
pub use hash::{EMPTY_ROOT, HASH_LEN, Hash, empty_root, from_hex, leaf_hash, node_hash, to_hex};
pub use keys::{
    SigningKeyFile, generate_signing_key, key_id, load_signing_key, load_verifying_key,
    public_key_text, read_or_create_signing_key, write_signing_key,
};
pub use note::{Checkpoint, NoteSignature, NoteVerifier, SignedNote};
pub use receipt::{Receipt, Verified, Witnessed};
pub use sth::{SignedTreeHead, TreeHead};
pub use tree::Tree;
pub use verify::{root_from_inclusion, verify_consistency, verify_inclusion};
