//! Signed tree heads: the log's commitment to its size and root at a moment, signed
//! with the operator's Ed25519 key. The signed bytes are fixed-width and
//! domain-separated, so no JSON formatting question can change what was signed.

use crate::error::LedgerError;
use crate::hash::{Hash, from_hex, to_hex};
use crate::keys::key_id;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};

const DOMAIN: &[u8] = b"onestop-ledger tree head v1\0";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreeHead {
    pub tree_size: u64,
    pub root_hash: Hash,
    /// Milliseconds since the Unix epoch, UTC.
    pub timestamp: u64,
}

impl TreeHead {
    /// The exact bytes that are signed.
    pub fn signed_bytes(&self) -> Vec<u8> {
        let mut m = Vec::with_capacity(DOMAIN.len() + 48);
        m.extend_from_slice(DOMAIN);
        m.extend_from_slice(&self.tree_size.to_be_bytes());
        m.extend_from_slice(&self.timestamp.to_be_bytes());
        m.extend_from_slice(&self.root_hash);
        m
    }

    pub fn sign(&self, key: &SigningKey) -> SignedTreeHead {
        let sig: Signature = key.sign(&self.signed_bytes());
        SignedTreeHead {
            tree_size: self.tree_size,
            root_hash: to_hex(&self.root_hash),
            timestamp: self.timestamp,
            key_id: key_id(&key.verifying_key()),
            signature: hex::encode(sig.to_bytes()),
        }
    }
}

/// A tree head as it travels and is stored: JSON with hex strings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedTreeHead {
    pub tree_size: u64,
    pub root_hash: String,
    pub timestamp: u64,
    /// The first 16 hex digits of SHA-256 of the public key: which key signed.
    pub key_id: String,
    pub signature: String,
}

impl SignedTreeHead {
    /// The head, once its signature has been checked against `key`.
    pub fn verify(&self, key: &VerifyingKey) -> Result<TreeHead, LedgerError> {
        let head = self.head()?;
        let bytes = hex::decode(self.signature.trim())
            .map_err(|e| LedgerError::malformed("tree_head.signature", e.to_string()))?;
        let sig = Signature::from_slice(&bytes).map_err(|_| {
            LedgerError::malformed("tree_head.signature", "an Ed25519 signature has 64 bytes")
        })?;
        key.verify_strict(&head.signed_bytes(), &sig)
            .map_err(|_| LedgerError::BadSignature)?;
        Ok(head)
    }

    /// The head's fields, without checking the signature.
    pub fn head(&self) -> Result<TreeHead, LedgerError> {
        Ok(TreeHead {
            tree_size: self.tree_size,
            root_hash: from_hex("tree_head.root_hash", &self.root_hash)?,
            timestamp: self.timestamp,
        })
    }
}
