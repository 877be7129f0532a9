//! The log's side of its witnesses (issue 15): who they are and how many
//! cosignatures a receipt needs (`witnesses.toml`: the embedded default, replaced by
//! the operator's `DATA/witnesses.toml`), the cosignatures they post (C2SP
//! `cosignature/v1` lines on the log's checkpoint), the refusals they report, and
//! what the operator's page shows of them.
//!
//! The witness itself is `onestop ledger witness` (the command line): a separate
//! process that reads the checkpoint over HTTP, checks consistency with the last
//! checkpoint it cosigned (`onestop_ledger::witness`), and posts its cosignature or
//! its refusal here.

use crate::log;
use onestop_ledger::note::{Checkpoint, NoteVerifier, SignedNote};
use onestop_ledger::witness::RefusalReport;
use onestop_ledger::{from_hex, to_hex};
use onestop_store::{Db, Result, ServiceError};
use serde::{Deserialize, Serialize};
use sqlx::Row;

/// The operator's file in the data directory.
pub const DATA_FILE: &str = "witnesses.toml";
const SHIPPED: &str = include_str!("../../../config/witnesses.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileFormat {
    #[serde(default)]
    witness_quorum: usize,
    #[serde(default)]
    witness: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    name: String,
    region: String,
    key: String,
}

/// One configured witness.
#[derive(Debug, Clone, Serialize)]
pub struct Witness {
    pub name: String,
    pub region: String,
    /// The verifier key, `NAME+KEYID+BASE64` (signature type 0x04).
    pub key: String,
    #[serde(skip)]
    pub verifier: NoteVerifier,
}

/// The configured witnesses and the quorum a receipt needs.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Witnesses {
    pub quorum: usize,
    pub list: Vec<Witness>,
}

impl Witnesses {
    /// The witnesses of a `witnesses.toml` text; `source` names it in errors.
    pub fn parse(source: &str, text: &str) -> std::result::Result<Witnesses, String> {
        let f: FileFormat = toml::from_str(text).map_err(|e| format!("{source}: {e}"))?;
        let mut list: Vec<Witness> = Vec::new();
        for e in f.witness {
            let v = NoteVerifier::parse_vkey(&e.key)
                .map_err(|err| format!("{source}: witness `{}`: {err}", e.name))?;
            if v.sig_type != onestop_ledger::note::COSIGNATURE_V1 {
                return Err(format!(
                    "{source}: witness `{}`: the key is not a cosignature key (signature type 0x04); make it with `onestop ledger keygen --witness {}`",
                    e.name, e.name
                ));
            }
            if v.name != e.name {
                return Err(format!(
                    "{source}: witness `{}`: its key is named `{}`",
                    e.name, v.name
                ));
            }
            if list.iter().any(|w| w.name == e.name) {
                return Err(format!("{source}: witness `{}` is listed twice", e.name));
            }
            list.push(Witness {
                name: e.name,
                region: e.region,
                key: v.vkey(),
                verifier: v,
            });
        }
        if f.witness_quorum > list.len() {
            return Err(format!(
                "{source}: witness_quorum is {} but only {} witnesses are listed",
                f.witness_quorum,
                list.len()
            ));
        }
        Ok(Witnesses {
            quorum: f.witness_quorum,
            list,
        })
    }

    /// The embedded default (`config/witnesses.toml`): no witnesses, quorum 0.
    pub fn shipped() -> std::result::Result<Witnesses, String> {
        Witnesses::parse("config/witnesses.toml", SHIPPED)
    }

    /// `<dir>/witnesses.toml` when the operator has one, else the shipped default.
    pub fn load(dir: &std::path::Path) -> std::result::Result<Witnesses, String> {
        let path = dir.join(DATA_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Witnesses::parse(&path.display().to_string(), &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Witnesses::shipped(),
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
        }
    }

    pub fn verifiers(&self) -> Vec<NoteVerifier> {
        self.list.iter().map(|w| w.verifier.clone()).collect()
    }

    pub fn get(&self, name: &str) -> Option<&Witness> {
        self.list.iter().find(|w| w.name == name)
    }
}

/// A cosignature the log stored.
#[derive(Debug, Clone, Serialize)]
pub struct Cosigned {
    pub witness: String,
    pub tree_size: u64,
    pub root_hash: String,
    /// When the witness signed, POSIX seconds.
    pub timestamp: u64,
}

/// The log's checkpoint now: its latest signed head as a signed note with every
/// cosignature stored for it.
pub async fn checkpoint(db: &Db) -> Result<String> {
    let head = log::publish_head(db).await?;
    log::checkpoint_note(db, &head).await
}

fn invalid(field: &str, e: impl std::fmt::Display) -> ServiceError {
    ServiceError::invalid(field, e.to_string())
}

/// Stores the cosignatures of configured witnesses found on a checkpoint this log
/// signed (the note a witness posts: the checkpoint with its cosignature line added).
/// 422 when the note is not a checkpoint of this log or a known witness's line does
/// not verify; 409 when this log has no such head; 403 when no configured witness
/// cosigned it.
pub async fn add_cosignatures(db: &Db, witnesses: &Witnesses, note: &str) -> Result<Vec<Cosigned>> {
    let note = SignedNote::parse(note).map_err(|e| invalid("checkpoint", e))?;
    let cp = Checkpoint::parse(&note.text).map_err(|e| invalid("checkpoint", e))?;
    let origin = log::origin();
    if cp.origin != origin {
        return Err(ServiceError::invalid(
            "checkpoint",
            format!(
                "the checkpoint is of `{}`, not of this log (`{origin}`)",
                cp.origin
            ),
        ));
    }
    let log_key = NoteVerifier::ed25519(&origin, log::verifying_key(db)?)
        .map_err(|e| invalid("checkpoint", e))?;
    let signed = note
        .signatures
        .iter()
        .filter(|s| log_key.matches(s))
        .any(|s| log_key.verify(&note.text, s).is_ok());
    if !signed {
        return Err(ServiceError::invalid(
            "checkpoint",
            "the checkpoint carries no valid signature of this log's key",
        ));
    }
    let root_hex = to_hex(&cp.root);
    let stored: Option<String> =
        sqlx::query("SELECT root_hash FROM ledger_heads WHERE tree_size = $1")
            .bind(cp.size as i64)
            .fetch_optional(&db.pool)
            .await?
            .map(|r| r.try_get("root_hash"))
            .transpose()?;
    if stored.as_deref() != Some(root_hex.as_str()) {
        return Err(ServiceError::Conflict(format!(
            "this log has no signed head of {} entries with that root",
            cp.size
        )));
    }
    let mut out = Vec::new();
    for w in &witnesses.list {
        for s in note.signatures.iter().filter(|s| w.verifier.matches(s)) {
            let ts = w
                .verifier
                .verify(&note.text, s)
                .map_err(|_| {
                    ServiceError::invalid(
                        "checkpoint",
                        format!("the cosignature of witness {} does not verify", w.name),
                    )
                })?
                .unwrap_or(0);
            let line = s.line();
            let blob = line
                .trim_end()
                .rsplit_once(' ')
                .map(|(_, b)| b.to_string())
                .unwrap_or_default();
            // One row per witness and size: a later cosignature of the same head
            // replaces the earlier (a fresher time); another root never does.
            sqlx::query(
                "INSERT INTO witness_cosignatures (witness, tree_size, root_hash, timestamp, signature, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (witness, tree_size) DO UPDATE SET timestamp = excluded.timestamp, \
                 signature = excluded.signature, created_at = excluded.created_at \
                 WHERE witness_cosignatures.root_hash = excluded.root_hash \
                 AND witness_cosignatures.timestamp <= excluded.timestamp",
            )
            .bind(&w.name)
            .bind(cp.size as i64)
            .bind(&root_hex)
            .bind(ts as i64)
            .bind(&blob)
            .bind(onestop_store::now())
            .execute(&db.pool)
            .await?;
            if !out.iter().any(|c: &Cosigned| c.witness == w.name) {
                out.push(Cosigned {
                    witness: w.name.clone(),
                    tree_size: cp.size,
                    root_hash: root_hex.clone(),
                    timestamp: ts,
                });
            }
        }
    }
    if out.is_empty() {
        let known: Vec<&str> = witnesses.list.iter().map(|w| w.name.as_str()).collect();
        return Err(ServiceError::Forbidden(if known.is_empty() {
            "this log has no witnesses configured (DATA/witnesses.toml)".to_string()
        } else {
            format!(
                "no cosignature of a configured witness ({}) on the checkpoint",
                known.join(", ")
            )
        }));
    }
    Ok(out)
}

/// A refusal as the log recorded it.
#[derive(Debug, Clone, Serialize)]
pub struct Refused {
    pub id: String,
    pub witness: String,
    /// The size of the refused checkpoint (0 when it could not be read).
    pub tree_size: u64,
    /// The size the witness had cosigned last.
    pub old_size: u64,
    pub reason: String,
    /// The refused checkpoint, as the witness received it.
    pub checkpoint: String,
    /// When the witness refused, POSIX seconds.
    pub refused_at: u64,
    /// When the log recorded it.
    pub at: String,
}

/// Records a refusal report signed by a configured witness (403 otherwise).
pub async fn add_refusal(
    db: &Db,
    witnesses: &Witnesses,
    report: &RefusalReport,
) -> Result<Refused> {
    let w = witnesses.get(&report.witness).ok_or_else(|| {
        ServiceError::Forbidden(format!(
            "`{}` is not a witness of this log (DATA/witnesses.toml)",
            report.witness
        ))
    })?;
    report.verify(&w.verifier).map_err(|e| match e {
        onestop_ledger::LedgerError::BadSignature => ServiceError::Forbidden(format!(
            "the report is not signed by witness {}'s key",
            w.name
        )),
        other => invalid("signature", other),
    })?;
    if report.time > i64::MAX as u64 || report.old_size > i64::MAX as u64 {
        return Err(ServiceError::invalid("time", "beyond 2^63 - 1"));
    }
    if report.checkpoint.len() > 64 * 1024 || report.reason.len() > 4000 {
        return Err(ServiceError::invalid(
            "checkpoint",
            "a refused checkpoint is at most 64 KiB and a reason 4000 bytes",
        ));
    }
    let size = SignedNote::parse(&report.checkpoint)
        .ok()
        .and_then(|n| Checkpoint::parse(&n.text).ok())
        .map_or(0, |c| c.size);
    let r = Refused {
        id: uuid::Uuid::now_v7().to_string(),
        witness: w.name.clone(),
        tree_size: size,
        old_size: report.old_size,
        reason: report.reason.clone(),
        checkpoint: report.checkpoint.clone(),
        refused_at: report.time,
        at: onestop_store::now(),
    };
    sqlx::query(
        "INSERT INTO witness_refusals (id, witness, tree_size, old_size, reason, checkpoint, refused_at, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&r.id)
    .bind(&r.witness)
    .bind(size.min(i64::MAX as u64) as i64)
    .bind(r.old_size as i64)
    .bind(&r.reason)
    .bind(&r.checkpoint)
    .bind(r.refused_at as i64)
    .bind(&r.at)
    .execute(&db.pool)
    .await?;
    Ok(r)
}

/// One witness as the operator's page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct WitnessStatus {
    pub name: String,
    pub region: String,
    pub key: String,
    /// The largest size it cosigned, with the root and when (POSIX seconds).
    pub last_size: Option<u64>,
    pub last_root: Option<String>,
    pub last_time: Option<u64>,
    /// Whether the log's latest head carries its cosignature.
    pub cosigned_latest: bool,
    /// It cosigned the latest head's size with another root: the log forked.
    pub other_root: bool,
    pub refusals: u64,
}

/// What the operator sees: the quorum, the latest head, each configured witness and
/// every refusal (newest first, at most 200).
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub origin: String,
    pub quorum: usize,
    pub latest_size: u64,
    pub latest_root: String,
    /// Configured witnesses that cosigned the latest head.
    pub latest_cosignatures: usize,
    pub witnesses: Vec<WitnessStatus>,
    pub refusals: Vec<Refused>,
}

pub async fn overview(db: &Db, witnesses: &Witnesses) -> Result<Overview> {
    let head = log::latest_head(db).await?;
    let (latest_size, latest_root) = head
        .as_ref()
        .map(|h| (h.tree_size, h.root_hash.clone()))
        .unwrap_or((0, String::new()));
    let refusal_rows = sqlx::query(
        "SELECT id, witness, tree_size, old_size, reason, checkpoint, refused_at, at FROM witness_refusals ORDER BY at DESC, id DESC LIMIT 200",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut refusals = Vec::new();
    for r in &refusal_rows {
        let size: i64 = r.try_get("tree_size")?;
        let old: i64 = r.try_get("old_size")?;
        let at: i64 = r.try_get("refused_at")?;
        refusals.push(Refused {
            id: r.try_get("id")?,
            witness: r.try_get("witness")?,
            tree_size: size.max(0) as u64,
            old_size: old.max(0) as u64,
            reason: r.try_get("reason")?,
            checkpoint: r.try_get("checkpoint")?,
            refused_at: at.max(0) as u64,
            at: r.try_get("at")?,
        });
    }
    let mut list = Vec::new();
    let mut latest_cosignatures = 0;
    for w in &witnesses.list {
        let last = sqlx::query(
            "SELECT tree_size, root_hash, timestamp FROM witness_cosignatures WHERE witness = $1 ORDER BY tree_size DESC LIMIT 1",
        )
        .bind(&w.name)
        .fetch_optional(&db.pool)
        .await?;
        let (last_size, last_root, last_time) = match &last {
            Some(r) => {
                let s: i64 = r.try_get("tree_size")?;
                let t: i64 = r.try_get("timestamp")?;
                let root: String = r.try_get("root_hash")?;
                (Some(s.max(0) as u64), Some(root), Some(t.max(0) as u64))
            }
            None => (None, None, None),
        };
        let cosigned_latest = head.is_some()
            && last_size == Some(latest_size)
            && last_root.as_deref() == Some(latest_root.as_str());
        if cosigned_latest {
            latest_cosignatures += 1;
        }
        let other_root = head.is_some()
            && last_size == Some(latest_size)
            && last_root.as_deref() != Some(latest_root.as_str());
        list.push(WitnessStatus {
            name: w.name.clone(),
            region: w.region.clone(),
            key: w.key.clone(),
            last_size,
            last_root,
            last_time,
            cosigned_latest,
            other_root,
            refusals: refusals.iter().filter(|r| r.witness == w.name).count() as u64,
        });
    }
    Ok(Overview {
        origin: log::origin(),
        quorum: witnesses.quorum,
        latest_size,
        latest_root,
        latest_cosignatures,
        witnesses: list,
        refusals,
    })
}

/// Every stored cosignature whose root the stored entries no longer give: a
/// witness's signed statement that the log later contradicted. For the log check.
pub async fn contradicted(db: &Db, tree: &onestop_ledger::Tree) -> Result<Vec<Cosigned>> {
    let rows = sqlx::query(
        "SELECT witness, tree_size, root_hash, timestamp FROM witness_cosignatures ORDER BY tree_size, witness",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let size: i64 = r.try_get("tree_size")?;
        let root: String = r.try_get("root_hash")?;
        let ts: i64 = r.try_get("timestamp")?;
        let matches = from_hex("root_hash", &root)
            .ok()
            .is_some_and(|h| tree.root_at(size.max(0) as u64).is_ok_and(|t| t == h));
        if !matches {
            out.push(Cosigned {
                witness: r.try_get("witness")?,
                tree_size: size.max(0) as u64,
                root_hash: root,
                timestamp: ts.max(0) as u64,
            });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "tianjin+98172477+BOpKbGPinFIKvvVQexMuxfmVR3auvr57kkIe6mkURtIs";

    #[test]
    fn the_shipped_file_is_config_witnesses_toml_with_no_witness_and_quorum_zero() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/witnesses.toml");
        assert_eq!(
            std::fs::read_to_string(path).expect("config/witnesses.toml"),
            SHIPPED
        );
        let w = Witnesses::shipped().expect("shipped");
        assert_eq!((w.quorum, w.list.len()), (0, 0));
        // The commented example in it is a valid entry.
        let example: String = SHIPPED
            .lines()
            .filter_map(|l| l.strip_prefix("# "))
            .filter(|l| {
                l.starts_with("witness_quorum") || l.starts_with('[') || l.contains(" = \"")
            })
            .map(|l| {
                format!(
                    "{}\n",
                    l.replace("witness_quorum = 2", "witness_quorum = 1")
                )
            })
            .collect();
        let w = Witnesses::parse("example", &example).expect("example parses");
        assert_eq!((w.quorum, w.list[0].name.as_str()), (1, "tianjin"));
    }

    #[test]
    fn operator_files_are_checked() {
        let ok = format!(
            "witness_quorum = 1\n[[witness]]\nname = \"tianjin\"\nregion = \"tianjin\"\nkey = \"{KEY}\"\n"
        );
        assert_eq!(Witnesses::parse("t", &ok).map(|w| w.list.len()), Ok(1));
        for bad in [
            ok.replace("witness_quorum = 1", "witness_quorum = 2"),
            ok.replace("name = \"tianjin\"", "name = \"hebei\""),
            ok.replace("+BOpK", "+AOpK"),
            format!("{ok}[[witness]]\nname = \"tianjin\"\nregion = \"x\"\nkey = \"{KEY}\"\n"),
            ok.replace("region", "province"),
        ] {
            assert!(Witnesses::parse("t", &bad).is_err(), "{bad}");
        }
    }
}
