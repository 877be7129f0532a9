//! RFC 6962 §2.1 hashing: a leaf is SHA-256(0x00 || data), an interior node is
//! SHA-256(0x01 || left || right), and the empty tree's root is SHA-256("").

use crate::error::LedgerError;
use sha2::{Digest, Sha256};

pub const HASH_LEN: usize = 32;
pub type Hash = [u8; HASH_LEN];

/// SHA-256 of the empty string: the root of a tree with no entries.
pub const EMPTY_ROOT: Hash = [
    0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4, 0xc8, 0x99, 0x6f, 0xb9, 0x24,
    0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b, 0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55,
];

pub fn empty_root() -> Hash {
    Sha256::digest([]).into()
}

pub fn leaf_hash(data: &[u8]) -> Hash {
    let mut h = Sha256::new();
    h.update([0x00]);
    h.update(data);
    h.finalize().into()
}

pub fn node_hash(left: &Hash, right: &Hash) -> Hash {
    let mut h = Sha256::new();
    h.update([0x01]);
    h.update(left);
    h.update(right);
    h.finalize().into()
}

pub fn to_hex(h: &Hash) -> String {
    hex::encode(h)
}

/// A hash from 64 hex digits; `field` names it in the error.
pub fn from_hex(field: &str, s: &str) -> Result<Hash, LedgerError> {
    let bytes = hex::decode(s.trim())
        .map_err(|e| LedgerError::malformed(field, format!("not hexadecimal: {e}")))?;
    bytes.try_into().map_err(|b: Vec<u8>| {
        LedgerError::malformed(
            field,
            format!("a hash has 32 bytes (64 hex digits), not {}", b.len()),
        )
    })
}
