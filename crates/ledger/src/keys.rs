//! The log's signing key lives in a file the operator controls (created 0600); the
//! public key is a one-line text file anyone may have. Both name what they are, so a
//! swapped file gives a clear error rather than a wrong answer.

use crate::error::LedgerError;
use ed25519_dalek::{SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use std::path::Path;

const SECRET_LABEL: &str = "onestop-ledger-signing-key ed25519";
const PUBLIC_LABEL: &str = "onestop-ledger-public-key ed25519";

/// A signing key with the file it came from.
pub struct SigningKeyFile {
    pub key: SigningKey,
    pub created: bool,
}

pub fn generate_signing_key() -> SigningKey {
    let seed: [u8; 32] = rand::random();
    SigningKey::from_bytes(&seed)
}

/// The first 16 hex digits of SHA-256 of the public key.
pub fn key_id(key: &VerifyingKey) -> String {
    hex::encode(&Sha256::digest(key.to_bytes())[..8])
}

/// The text of a public key file.
pub fn public_key_text(key: &VerifyingKey) -> String {
    format!("{PUBLIC_LABEL} {}\n", hex::encode(key.to_bytes()))
}

fn io(path: &Path, e: std::io::Error) -> LedgerError {
    LedgerError::Key(format!("{}: {e}", path.display()))
}

/// Writes a new signing key (mode 0600, never overwriting) and its public key beside
/// it (`PATH.pub`). The key appears whole or not at all: it is written to a temporary
/// file and linked into place, so a process reading it never sees half a key.
pub fn write_signing_key(path: &Path, key: &SigningKey) -> Result<(), LedgerError> {
    use std::io::Write;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| io(dir, e))?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    let tmp = std::path::PathBuf::from(tmp);
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let written = opts.open(&tmp).and_then(|mut f| {
        f.write_all(format!("{SECRET_LABEL} {}\n", hex::encode(key.to_bytes())).as_bytes())?;
        f.sync_all()
    });
    let linked = written.and_then(|_| std::fs::hard_link(&tmp, path));
    let _ = std::fs::remove_file(&tmp);
    linked.map_err(|e| io(path, e))?;
    let public = pub_path(path);
    std::fs::write(&public, public_key_text(&key.verifying_key())).map_err(|e| io(&public, e))?;
    Ok(())
}

fn pub_path(path: &Path) -> std::path::PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(".pub");
    p.into()
}

fn parse_hex32(text: &str, path: &Path) -> Result<[u8; 32], LedgerError> {
    let bytes = hex::decode(text.trim()).map_err(|e| {
        LedgerError::Key(format!(
            "{}: the key is not hexadecimal: {e}",
            path.display()
        ))
    })?;
    bytes.try_into().map_err(|_| {
        LedgerError::Key(format!(
            "{}: an Ed25519 key has 32 bytes (64 hex digits)",
            path.display()
        ))
    })
}

pub fn load_signing_key(path: &Path) -> Result<SigningKey, LedgerError> {
    let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
    let text = text.trim();
    if text.starts_with(PUBLIC_LABEL) {
        return Err(LedgerError::Key(format!(
            "{}: this is a public key; signing needs the secret key file",
            path.display()
        )));
    }
    let hex_part = text.strip_prefix(SECRET_LABEL).ok_or_else(|| {
        LedgerError::Key(format!(
            "{}: not a signing key file (it should start with `{SECRET_LABEL}`)",
            path.display()
        ))
    })?;
    Ok(SigningKey::from_bytes(&parse_hex32(hex_part, path)?))
}

/// The signing key at `path`, created (with its `.pub`) if the file does not exist.
pub fn read_or_create_signing_key(path: &Path) -> Result<SigningKeyFile, LedgerError> {
    if path.exists() {
        return Ok(SigningKeyFile {
            key: load_signing_key(path)?,
            created: false,
        });
    }
    let key = generate_signing_key();
    match write_signing_key(path, &key) {
        Ok(()) => Ok(SigningKeyFile { key, created: true }),
        // Another process created it first: use theirs.
        Err(_) if path.exists() => Ok(SigningKeyFile {
            key: load_signing_key(path)?,
            created: false,
        }),
        Err(e) => Err(e),
    }
}

/// A verifying key from a public key file, a bare 64-hex-digit key, or (for the
/// operator's convenience) the signing key file itself.
pub fn load_verifying_key(path: &Path) -> Result<VerifyingKey, LedgerError> {
    let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
    let text = text.trim();
    if text.starts_with(SECRET_LABEL) {
        return Ok(load_signing_key(path)?.verifying_key());
    }
    let hex_part = text.strip_prefix(PUBLIC_LABEL).unwrap_or(text);
    VerifyingKey::from_bytes(&parse_hex32(hex_part, path)?).map_err(|_| {
        LedgerError::Key(format!(
            "{}: not a valid Ed25519 public key",
            path.display()
        ))
    })
}
