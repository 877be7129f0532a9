//! C2SP signed notes (c2sp.org/signed-note), checkpoints (c2sp.org/tlog-checkpoint)
//! and Ed25519 cosignatures (c2sp.org/tlog-cosignature, `cosignature/v1`).
//!
//! A checkpoint is the text
//!
//! ```text
//! onestop.beijing/register
//! 5
//! <base64 root hash>
//! ```
//!
//! A signed note is that text, an empty line, and one signature line per signer:
//! `— <key name> <base64(4-byte key ID || signature)>`. The log signs with signature
//! type 0x01 (Ed25519 over the text, key name = the origin); a witness cosigns with
//! type 0x04 (Ed25519 over `cosignature/v1\ntime <unix seconds>\n` + the text, the
//! signature preceded by the 8-byte big-endian timestamp). Key IDs are
//! `SHA-256(name || 0x0A || type || public key)[:4]`; a verifier key ("vkey") is
//! `<name>+<key ID, 8 hex digits>+<base64(type || public key)>`.

use crate::error::LedgerError;
use crate::hash::{HASH_LEN, Hash};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

/// Signature type of Ed25519 note signatures (the log's own).
pub const ED25519: u8 = 0x01;
/// Signature type of timestamped Ed25519 witness cosignatures (`cosignature/v1`).
pub const COSIGNATURE_V1: u8 = 0x04;
/// Notes with more signature lines are refused (the spec asks for at least 16).
pub const MAX_SIGNATURES: usize = 64;
const DASH: &str = "\u{2014} ";

fn bad(field: &str, message: impl Into<String>) -> LedgerError {
    LedgerError::malformed(field, message)
}

/// A key name: non-empty, without spaces or `+` (signed-note, "Format").
pub fn valid_key_name(name: &str) -> bool {
    !name.is_empty()
        && !name
            .chars()
            .any(|c| c.is_whitespace() || c == '+' || c.is_control())
}

/// `SHA-256(name || 0x0A || type || public key)[:4]`.
pub fn note_key_id(name: &str, sig_type: u8, key: &VerifyingKey) -> [u8; 4] {
    let mut h = Sha256::new();
    h.update(name.as_bytes());
    h.update([0x0a, sig_type]);
    h.update(key.to_bytes());
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

/// One signature line of a note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteSignature {
    pub name: String,
    pub key_id: [u8; 4],
    /// What follows the key ID: the Ed25519 signature, or for a cosignature the
    /// 8-byte timestamp and the signature.
    pub signature: Vec<u8>,
}

impl NoteSignature {
    /// `— <name> <base64>` and the newline.
    pub fn line(&self) -> String {
        let mut blob = self.key_id.to_vec();
        blob.extend_from_slice(&self.signature);
        format!("{DASH}{} {}\n", self.name, B64.encode(blob))
    }

    /// One line, with or without its newline.
    pub fn parse_line(line: &str) -> Result<NoteSignature, LedgerError> {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let rest = line.strip_prefix(DASH).ok_or_else(|| {
            bad(
                "signature",
                "a signature line starts with an em dash (U+2014) and a space",
            )
        })?;
        let (name, blob) = rest
            .split_once(' ')
            .ok_or_else(|| bad("signature", "a signature line is `— <key name> <base64>`"))?;
        if !valid_key_name(name) {
            return Err(bad(
                "signature",
                format!("`{name}` is no key name (non-empty, no spaces, no `+`)"),
            ));
        }
        let bytes = B64
            .decode(blob)
            .map_err(|e| bad("signature", format!("not base64: {e}")))?;
        if bytes.len() < 5 {
            return Err(bad(
                "signature",
                "a signature is a 4-byte key ID and the signature",
            ));
        }
        Ok(NoteSignature {
            name: name.to_string(),
            key_id: [bytes[0], bytes[1], bytes[2], bytes[3]],
            signature: bytes[4..].to_vec(),
        })
    }
}

/// A note's text (ending in a newline) and its signatures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedNote {
    pub text: String,
    pub signatures: Vec<NoteSignature>,
}

impl SignedNote {
    /// Splits a note at its last empty line and reads the signature lines.
    pub fn parse(note: &str) -> Result<SignedNote, LedgerError> {
        if note.chars().any(|c| c.is_control() && c != '\n') {
            return Err(bad(
                "note",
                "a signed note has no control characters but newlines",
            ));
        }
        let split = note.rfind("\n\n").ok_or_else(|| {
            bad(
                "note",
                "a signed note is text, an empty line, then signatures",
            )
        })?;
        let text = &note[..split + 1];
        let sigs = &note[split + 2..];
        if !sigs.ends_with('\n') {
            return Err(bad("note", "every signature line ends with a newline"));
        }
        let signatures = sigs
            .lines()
            .map(NoteSignature::parse_line)
            .collect::<Result<Vec<_>, _>>()?;
        if signatures.is_empty() {
            return Err(bad("note", "the note has no signature"));
        }
        if signatures.len() > MAX_SIGNATURES {
            return Err(bad(
                "note",
                format!("more than {MAX_SIGNATURES} signatures"),
            ));
        }
        Ok(SignedNote {
            text: text.to_string(),
            signatures,
        })
    }

    /// The text, the empty line, the signature lines.
    pub fn encode(&self) -> String {
        let mut out = self.text.clone();
        out.push('\n');
        for s in &self.signatures {
            out.push_str(&s.line());
        }
        out
    }

    /// Adds a signature unless the same line is there already.
    pub fn add(&mut self, sig: NoteSignature) {
        if !self.signatures.contains(&sig) {
            self.signatures.push(sig);
        }
    }
}

/// A public key that checks one kind of signature line: the log's (type 0x01) or a
/// witness's cosignatures (type 0x04), under a key name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteVerifier {
    pub name: String,
    pub sig_type: u8,
    pub key: VerifyingKey,
}

impl NoteVerifier {
    fn new(name: &str, sig_type: u8, key: VerifyingKey) -> Result<NoteVerifier, LedgerError> {
        if !valid_key_name(name) {
            return Err(bad(
                "name",
                format!("`{name}` is no key name (non-empty, no spaces, no `+`)"),
            ));
        }
        Ok(NoteVerifier {
            name: name.to_string(),
            sig_type,
            key,
        })
    }

    /// The log's checkpoint signatures: Ed25519, key name = the log's origin.
    pub fn ed25519(name: &str, key: VerifyingKey) -> Result<NoteVerifier, LedgerError> {
        NoteVerifier::new(name, ED25519, key)
    }

    /// A witness's `cosignature/v1` signatures.
    pub fn cosigner(name: &str, key: VerifyingKey) -> Result<NoteVerifier, LedgerError> {
        NoteVerifier::new(name, COSIGNATURE_V1, key)
    }

    pub fn key_id(&self) -> [u8; 4] {
        note_key_id(&self.name, self.sig_type, &self.key)
    }

    /// `<name>+<key ID hex>+<base64(type || key)>`.
    pub fn vkey(&self) -> String {
        let mut material = vec![self.sig_type];
        material.extend_from_slice(&self.key.to_bytes());
        format!(
            "{}+{}+{}",
            self.name,
            hex::encode(self.key_id()),
            B64.encode(material)
        )
    }

    /// Reads a vkey; the key ID must be the one its name, type and key give.
    pub fn parse_vkey(vkey: &str) -> Result<NoteVerifier, LedgerError> {
        let vkey = vkey.trim();
        let mut parts = vkey.splitn(3, '+');
        let (Some(name), Some(id), Some(material)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(bad(
                "vkey",
                "a verifier key is `<name>+<key ID>+<base64 key>`",
            ));
        };
        let bytes = B64
            .decode(material)
            .map_err(|e| bad("vkey", format!("the key is not base64: {e}")))?;
        let (&sig_type, key) = bytes
            .split_first()
            .ok_or_else(|| bad("vkey", "the key is empty"))?;
        if sig_type != ED25519 && sig_type != COSIGNATURE_V1 {
            return Err(bad(
                "vkey",
                format!(
                    "signature type 0x{sig_type:02x} is not supported (0x01 Ed25519, 0x04 cosignature/v1)"
                ),
            ));
        }
        let key: [u8; 32] = key
            .try_into()
            .map_err(|_| bad("vkey", "an Ed25519 public key has 32 bytes"))?;
        let key = VerifyingKey::from_bytes(&key)
            .map_err(|_| bad("vkey", "not a valid Ed25519 public key"))?;
        let v = NoteVerifier::new(name, sig_type, key)?;
        if hex::encode(v.key_id()) != id.to_ascii_lowercase() || id.len() != 8 {
            return Err(bad(
                "vkey",
                format!(
                    "the key ID {id} is not the one of this name and key ({})",
                    hex::encode(v.key_id())
                ),
            ));
        }
        Ok(v)
    }

    /// Whether a signature line claims to be by this key (same name and key ID).
    pub fn matches(&self, sig: &NoteSignature) -> bool {
        sig.name == self.name && sig.key_id == self.key_id()
    }

    /// Checks a signature line of this key over the note text; for a cosignature,
    /// its timestamp.
    pub fn verify(&self, text: &str, sig: &NoteSignature) -> Result<Option<u64>, LedgerError> {
        if !self.matches(sig) {
            return Err(LedgerError::BadSignature);
        }
        let (timestamp, message, raw) = if self.sig_type == COSIGNATURE_V1 {
            if sig.signature.len() != 8 + 64 {
                return Err(bad(
                    "cosignature",
                    "a cosignature is an 8-byte timestamp and a 64-byte signature",
                ));
            }
            let mut ts = [0u8; 8];
            ts.copy_from_slice(&sig.signature[..8]);
            let ts = u64::from_be_bytes(ts);
            if ts > i64::MAX as u64 {
                return Err(bad("cosignature", "the timestamp exceeds 2^63 - 1"));
            }
            (Some(ts), cosigned_message(text, ts), &sig.signature[8..])
        } else {
            (None, text.as_bytes().to_vec(), &sig.signature[..])
        };
        let signature = Signature::from_slice(raw)
            .map_err(|_| bad("signature", "an Ed25519 signature has 64 bytes"))?;
        self.key
            .verify_strict(&message, &signature)
            .map_err(|_| LedgerError::BadSignature)?;
        Ok(timestamp)
    }
}

/// The log's signature over a note's text (type 0x01).
pub fn sign_note(name: &str, key: &SigningKey, text: &str) -> NoteSignature {
    let sig: Signature = key.sign(text.as_bytes());
    NoteSignature {
        name: name.to_string(),
        key_id: note_key_id(name, ED25519, &key.verifying_key()),
        signature: sig.to_bytes().to_vec(),
    }
}

/// What a `cosignature/v1` signs: the header line, the time line, the note text.
pub fn cosigned_message(text: &str, timestamp: u64) -> Vec<u8> {
    format!("cosignature/v1\ntime {timestamp}\n{text}").into_bytes()
}

/// A witness's cosignature of a checkpoint's text at `timestamp` (POSIX seconds).
pub fn cosign(name: &str, key: &SigningKey, text: &str, timestamp: u64) -> NoteSignature {
    let sig: Signature = key.sign(&cosigned_message(text, timestamp));
    let mut signature = timestamp.to_be_bytes().to_vec();
    signature.extend_from_slice(&sig.to_bytes());
    NoteSignature {
        name: name.to_string(),
        key_id: note_key_id(name, COSIGNATURE_V1, &key.verifying_key()),
        signature,
    }
}

/// A checkpoint's body: the log's origin, tree size and root hash (and extension
/// lines, which this log never writes but reads).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub origin: String,
    pub size: u64,
    pub root: Hash,
    pub extensions: Vec<String>,
}

impl Checkpoint {
    pub fn new(origin: &str, size: u64, root: Hash) -> Checkpoint {
        Checkpoint {
            origin: origin.to_string(),
            size,
            root,
            extensions: Vec::new(),
        }
    }

    /// The note text, ending in a newline.
    pub fn body(&self) -> String {
        let mut out = format!(
            "{}\n{}\n{}\n",
            self.origin,
            self.size,
            B64.encode(self.root)
        );
        for e in &self.extensions {
            out.push_str(e);
            out.push('\n');
        }
        out
    }

    /// Reads a note text as a checkpoint, exactly as written (no leading zeroes, the
    /// canonical base64 of 32 bytes).
    pub fn parse(text: &str) -> Result<Checkpoint, LedgerError> {
        let body = text
            .strip_suffix('\n')
            .ok_or_else(|| bad("checkpoint", "the checkpoint ends with a newline"))?;
        let mut lines = body.split('\n');
        let origin = lines.next().unwrap_or_default();
        if origin.is_empty() {
            return Err(bad("checkpoint", "the origin line is empty"));
        }
        let size_line = lines
            .next()
            .ok_or_else(|| bad("checkpoint", "no tree size line"))?;
        let canonical = !size_line.is_empty()
            && size_line.bytes().all(|b| b.is_ascii_digit())
            && (size_line == "0" || !size_line.starts_with('0'));
        let size: u64 = size_line
            .parse()
            .ok()
            .filter(|_| canonical)
            .ok_or_else(|| {
                bad(
                    "checkpoint",
                    format!("`{size_line}` is no tree size (decimal, no leading zeroes)"),
                )
            })?;
        let root_line = lines
            .next()
            .ok_or_else(|| bad("checkpoint", "no root hash line"))?;
        let root: Hash = B64
            .decode(root_line)
            .ok()
            .and_then(|b| <[u8; HASH_LEN]>::try_from(b).ok())
            .filter(|r| B64.encode(r) == root_line)
            .ok_or_else(|| {
                bad(
                    "checkpoint",
                    "the root hash line is not the base64 of 32 bytes",
                )
            })?;
        let extensions: Vec<String> = lines.map(String::from).collect();
        if extensions.iter().any(|e| e.is_empty()) {
            return Err(bad("checkpoint", "an extension line is empty"));
        }
        Ok(Checkpoint {
            origin: origin.to_string(),
            size,
            root,
            extensions,
        })
    }
}

/// Base64 (standard, padded) of bytes, as notes and checkpoints write hashes.
pub fn base64_encode(bytes: &[u8]) -> String {
    B64.encode(bytes)
}

/// A hash from its base64, as in checkpoints and consistency proof lines.
pub fn hash_from_base64(field: &str, text: &str) -> Result<Hash, LedgerError> {
    B64.decode(text.trim())
        .ok()
        .and_then(|b| <[u8; HASH_LEN]>::try_from(b).ok())
        .ok_or_else(|| bad(field, "not the base64 of a 32-byte hash"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::leaf_hash;

    // The reference example of golang.org/x/mod/sumdb/note (note_test.go): the key,
    // the text and the signature line that Go's implementation produces.
    const GO_VKEY: &str = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    const GO_SKEY_B64: &str = "AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    const GO_TEXT: &str = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    const GO_SIG: &str = "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    fn go_key() -> SigningKey {
        let b = B64.decode(GO_SKEY_B64).expect("base64");
        let seed: [u8; 32] = b[1..].try_into().expect("32 bytes");
        SigningKey::from_bytes(&seed)
    }

    #[test]
    fn the_go_reference_note_is_reproduced_byte_for_byte() {
        let key = go_key();
        let v = NoteVerifier::parse_vkey(GO_VKEY).expect("vkey");
        assert_eq!(v.key, key.verifying_key());
        assert_eq!(
            NoteVerifier::ed25519("PeterNeumann", key.verifying_key())
                .expect("name")
                .vkey(),
            GO_VKEY
        );
        let sig = sign_note("PeterNeumann", &key, GO_TEXT);
        assert_eq!(sig.line(), GO_SIG);
        let note = SignedNote::parse(&format!("{GO_TEXT}\n{GO_SIG}")).expect("note");
        assert_eq!(note.text, GO_TEXT);
        assert_eq!(v.verify(&note.text, &note.signatures[0]), Ok(None));
        let altered = GO_TEXT.replace("cryptography", "cryptographY");
        assert!(v.verify(&altered, &note.signatures[0]).is_err());
    }

    fn witness_key() -> SigningKey {
        SigningKey::from_bytes(&[7u8; 32])
    }

    fn log_key() -> SigningKey {
        SigningKey::from_bytes(&[1u8; 32])
    }

    fn sample() -> Checkpoint {
        Checkpoint::new("onestop.beijing/register", 5, leaf_hash(b"onestop"))
    }

    /// Pinned: the checkpoint, the log's signature and a witness's cosignature for
    /// fixed keys (seeds of 32 bytes 0x01 and 0x07), root SHA-256(0x00 || "onestop")
    /// and time 1750000000. Ed25519 is deterministic, so any change to the encoding
    /// shows here. The values were computed independently of this code, with
    /// Python's `cryptography` from the C2SP texts (signed-note, tlog-checkpoint,
    /// tlog-cosignature), and agree with it byte for byte.
    #[test]
    fn a_fixed_cosignature_test_vector() {
        let cp = sample();
        let body = cp.body();
        assert_eq!(
            body,
            "onestop.beijing/register\n5\nmuOZHoJxmkU5qnUCeSfo4ylhmaFHh40LgKfDYNxae80=\n"
        );
        let logsig = sign_note(&cp.origin, &log_key(), &body);
        assert_eq!(
            logsig.line(),
            "— onestop.beijing/register iLKDVT3Zhyp1BYuAw8XrmsapMd7BU6RJtfkgk7yqPEl7CTwoVKYSVZ9sbMPksMkDbrvcWsDai5pe/VDyYSTtFTd53QM=\n"
        );
        let co = cosign("tianjin", &witness_key(), &body, 1_750_000_000);
        assert_eq!(
            co.line(),
            "— tianjin mBckdwAAAABoTuGACyMInIAi2Cnv5wsiIpypt/dnL8Ft8/ChUYlAHay9dTfshFcvDVauBtKp4maDACWATmgyoIXMoUdCvN4hO1RkAQ==\n"
        );
        let v = NoteVerifier::cosigner("tianjin", witness_key().verifying_key()).expect("name");
        assert_eq!(
            v.vkey(),
            "tianjin+98172477+BOpKbGPinFIKvvVQexMuxfmVR3auvr57kkIe6mkURtIs"
        );
        assert_eq!(v.verify(&body, &co), Ok(Some(1_750_000_000)));
        assert_eq!(
            String::from_utf8(cosigned_message(&body, 1_750_000_000)).expect("utf8"),
            format!("cosignature/v1\ntime 1750000000\n{body}")
        );
        // The same key as a type 0x01 verifier is another key: the line is not its.
        let other = NoteVerifier::ed25519("tianjin", witness_key().verifying_key()).expect("n");
        assert!(!other.matches(&co));
        let note = SignedNote {
            text: body.clone(),
            signatures: vec![logsig, co],
        };
        assert_eq!(SignedNote::parse(&note.encode()), Ok(note));
    }

    #[test]
    fn a_cosignature_binds_time_text_and_key() {
        let body = sample().body();
        let co = cosign("tianjin", &witness_key(), &body, 100);
        let v = NoteVerifier::cosigner("tianjin", witness_key().verifying_key()).expect("name");
        let mut later = co.clone();
        later.signature[7] = 101;
        assert_eq!(v.verify(&body, &later), Err(LedgerError::BadSignature));
        let other_body = Checkpoint::new("onestop.beijing/register", 6, leaf_hash(b"x")).body();
        assert_eq!(v.verify(&other_body, &co), Err(LedgerError::BadSignature));
        let hebei = NoteVerifier::cosigner("hebei", log_key().verifying_key()).expect("name");
        assert!(!hebei.matches(&co));
    }

    #[test]
    fn checkpoints_are_read_exactly_as_written() {
        let cp = sample();
        assert_eq!(Checkpoint::parse(&cp.body()), Ok(cp.clone()));
        let root = B64.encode(cp.root);
        for bad in [
            format!("o\n05\n{root}\n"),
            format!("o\n-1\n{root}\n"),
            format!("o\n5\n{root}"),
            format!("\n5\n{root}\n"),
            "o\n5\nAAAA\n".to_string(),
            format!("o\n5\n{root}\n\n"),
            "o\n5\n".to_string(),
        ] {
            assert!(Checkpoint::parse(&bad).is_err(), "{bad:?}");
        }
        let with_ext = format!("o\n0\n{root}\nextra\n");
        assert_eq!(
            Checkpoint::parse(&with_ext).map(|c| c.extensions),
            Ok(vec!["extra".to_string()])
        );
    }

    #[test]
    fn malformed_notes_and_keys_are_refused() {
        for bad in [
            "no separator\n— a AAAAAAA=\n",
            "text\n\n",
            "text\n\n- a AAAAAAA=\n",
            "text\n\n— a AAAAAAA=",
            "text\n\n— a+b AAAAAAA=\n",
            "text\n\n— a AA\n",
            "te\u{7}xt\n\n— a AAAAAAA=\n",
        ] {
            assert!(SignedNote::parse(bad).is_err(), "{bad:?}");
        }
        for bad in [
            "",
            "PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
            "PeterNeumann+c74f20a3+AhpjZBwcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
            "PeterNeumann+c74f20a3",
            "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        ] {
            assert!(NoteVerifier::parse_vkey(bad).is_err(), "{bad:?}");
        }
    }
}
