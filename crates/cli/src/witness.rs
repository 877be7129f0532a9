//! `onestop ledger witness`: a witness of the transparency log, run by another region
//! (Tianjin, Hebei) as a separate process that speaks to the log over HTTP only.
//!
//! Each round it reads the log's checkpoint (`GET /api/ledger/checkpoint`), asks for a
//! consistency proof from the last size it cosigned (`GET
//! /api/ledger/proofs/consistency`), and runs the c2sp.org/tlog-witness
//! `add-checkpoint` checks on that request (`onestop_ledger::witness`). If they pass it
//! records the new checkpoint in its state file (written whole, then renamed into
//! place) and only then posts its `cosignature/v1` line on the checkpoint to the log
//! (`POST /api/ledger/cosignatures`). If they fail it never touches the state file:
//! it appends the request to `STATE.refusals` (evidence), and posts a signed refusal
//! report to the log (`POST /api/ledger/refusals`). See docs/witness.md.
//!
//! One process per state file: the record is read, checked and written by one round
//! at a time.

use crate::runtime::runtime;
use ed25519_dalek::{SigningKey, VerifyingKey};
use onestop_ledger::note::{Checkpoint, NoteVerifier, SignedNote, base64_encode, cosign};
use onestop_ledger::witness::{AddCheckpoint, Recorded, RefusalReport, check_add_checkpoint};
use onestop_ledger::{Hash, from_hex, load_signing_key, load_verifying_key};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

#[derive(clap::Args)]
pub struct WitnessArgs {
    /// The witness's key name, as the log's witnesses.toml lists it (e.g. tianjin)
    #[arg(long)]
    name: String,
    /// The witness's signing key (`onestop ledger keygen --witness NAME --out FILE`)
    #[arg(long)]
    key: PathBuf,
    /// The log's base URL (http://HOST:PORT)
    #[arg(long)]
    log: String,
    /// Where the witness keeps the last checkpoint it cosigned (JSON; refusals go to STATE.refusals)
    #[arg(long)]
    state: PathBuf,
    /// The log's public key file (GET /api/ledger/key); without it, the key the log
    /// serves on the first round is pinned in the state file
    #[arg(long)]
    log_key: Option<PathBuf>,
    /// The log's origin (the first line of its checkpoints)
    #[arg(long, default_value = onestop_register::log::DEFAULT_ORIGIN)]
    origin: String,
    /// Seconds between rounds
    #[arg(long, default_value_t = 60)]
    interval: u64,
    /// One round, then exit: 0 cosigned, 1 refused, 2 could not check
    #[arg(long)]
    once: bool,
}

/// The witness's record: the log it watches (origin, pinned key) and the last
/// checkpoint it cosigned.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct State {
    origin: String,
    /// The log's checkpoint key as a vkey (`ORIGIN+KEYID+BASE64`, type 0x01).
    log_key: String,
    size: u64,
    /// Base64, as in the checkpoint.
    root_hash: String,
    /// When it cosigned, POSIX seconds.
    cosigned_at: u64,
}

fn read_state(path: &Path) -> Result<Option<State>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => serde_json::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{}: not a witness state file: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Writes the state whole: a temporary file beside it, synced, renamed over it, and
/// the directory synced, so a crash leaves the old record or the new one.
fn write_state(path: &Path, state: &State) -> Result<(), String> {
    use std::io::Write;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let text = serde_json::to_string_pretty(state).map_err(|e| e.to_string())? + "\n";
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(text.as_bytes())?;
        f.sync_all()
    });
    if let Err(e) = written.and_then(|_| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(format!("{}: {e}", path.display()));
    }
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn refusals_path(state: &Path) -> PathBuf {
    let mut p = state.as_os_str().to_owned();
    p.push(".refusals");
    p.into()
}

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// An HTTP failure: the log answered with a client error (it refuses what was asked:
/// part of the verdict), or could not be reached or failed (try again later).
enum HttpError {
    Refused(String),
    Failed(String),
}

impl HttpError {
    fn message(self) -> String {
        match self {
            HttpError::Refused(m) | HttpError::Failed(m) => m,
        }
    }
}

struct Log {
    base: String,
    http: reqwest::Client,
}

impl Log {
    async fn send(&self, req: reqwest::RequestBuilder, url: &str) -> Result<String, HttpError> {
        let resp = req
            .timeout(Duration::from_secs(30))
            .send()
            .await
            .map_err(|e| HttpError::Failed(format!("{url}: {e}")))?;
        let status = resp.status();
        let body = resp
            .text()
            .await
            .map_err(|e| HttpError::Failed(format!("{url}: {e}")))?;
        if status.is_client_error() {
            return Err(HttpError::Refused(format!("{url}: {status}: {body}")));
        }
        if !status.is_success() {
            return Err(HttpError::Failed(format!("{url}: {status}: {body}")));
        }
        Ok(body)
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base.trim_end_matches('/'))
    }

    async fn get(&self, path: &str) -> Result<String, HttpError> {
        let url = self.url(path);
        self.send(self.http.get(&url), &url).await
    }

    async fn get_json(&self, path: &str) -> Result<J, HttpError> {
        let text = self.get(path).await?;
        serde_json::from_str(&text)
            .map_err(|e| HttpError::Failed(format!("{}: not JSON: {e}", self.url(path))))
    }

    async fn post(
        &self,
        path: &str,
        body: reqwest::Body,
        content_type: &str,
    ) -> Result<String, HttpError> {
        let url = self.url(path);
        let req = self
            .http
            .post(&url)
            .header(reqwest::header::CONTENT_TYPE, content_type)
            .body(body);
        self.send(req, &url).await
    }
}

/// What one round did.
enum Outcome {
    Cosigned { size: u64, root: Hash },
    Refused(String),
}

struct Witness {
    name: String,
    key: SigningKey,
    log_key_file: Option<VerifyingKey>,
    origin: String,
    state: PathBuf,
    log: Log,
}

impl Witness {
    /// The log's key: the one given, else the one pinned, else (first round) the
    /// one the log serves, pinned when the first checkpoint is cosigned.
    async fn log_key(&self, state: Option<&State>) -> Result<NoteVerifier, String> {
        let pinned = state
            .map(|s| NoteVerifier::parse_vkey(&s.log_key))
            .transpose()
            .map_err(|e| format!("{}: log_key: {e}", self.state.display()))?;
        let key = match (self.log_key_file, pinned) {
            (Some(given), Some(p)) if given != p.key => {
                return Err(format!(
                    "{}: the state is for another log key than --log-key; use another state file",
                    self.state.display()
                ));
            }
            (Some(given), _) => given,
            (None, Some(p)) => p.key,
            (None, None) => {
                let k = self
                    .log
                    .get_json("/api/ledger/key")
                    .await
                    .map_err(HttpError::message)?;
                let hex_key = k["public_key"].as_str().unwrap_or_default();
                let bytes: [u8; 32] =
                    from_hex("public_key", hex_key).map_err(|e| format!("the log's key: {e}"))?;
                VerifyingKey::from_bytes(&bytes)
                    .map_err(|_| "the log's key is not an Ed25519 public key".to_string())?
            }
        };
        NoteVerifier::ed25519(&self.origin, key).map_err(|e| format!("--origin: {e}"))
    }

    async fn round(&self) -> Result<Outcome, String> {
        let state = read_state(&self.state)?;
        if let Some(s) = &state
            && s.origin != self.origin
        {
            return Err(format!(
                "{}: the state is for the log `{}`, not `{}`",
                self.state.display(),
                s.origin,
                self.origin
            ));
        }
        let recorded = state
            .as_ref()
            .map(|s| {
                onestop_ledger::note::hash_from_base64("root_hash", &s.root_hash)
                    .map(|root| Recorded { size: s.size, root })
            })
            .transpose()
            .map_err(|e| format!("{}: {e}", self.state.display()))?;
        let log_key = self.log_key(state.as_ref()).await?;
        let checkpoint = self
            .log
            .get("/api/ledger/checkpoint")
            .await
            .map_err(HttpError::message)?;
        let old = recorded.map_or(0, |r| r.size);
        let new_size = SignedNote::parse(&checkpoint)
            .ok()
            .and_then(|n| Checkpoint::parse(&n.text).ok())
            .map(|c| c.size);
        let mut proof = Vec::new();
        if let Some(n) = new_size
            && old > 0
            && old < n
        {
            match self
                .log
                .get_json(&format!(
                    "/api/ledger/proofs/consistency?first={old}&second={n}"
                ))
                .await
            {
                Ok(v) => {
                    for h in v["consistency_proof"].as_array().into_iter().flatten() {
                        proof.push(
                            from_hex("consistency_proof", h.as_str().unwrap_or_default())
                                .map_err(|e| format!("the log's proof: {e}"))?,
                        );
                    }
                }
                Err(HttpError::Refused(m)) => {
                    let reason = format!(
                        "the log gives no consistency proof from the cosigned size {old} to {n}: {m}"
                    );
                    let req = AddCheckpoint {
                        old_size: old,
                        proof,
                        checkpoint,
                    };
                    return self.refuse(&req, &reason).await;
                }
                Err(HttpError::Failed(m)) => return Err(m),
            }
        }
        let req = AddCheckpoint {
            old_size: old,
            proof,
            checkpoint,
        };
        match check_add_checkpoint(&log_key, recorded.as_ref(), &req) {
            Ok(cp) => self.cosign(&req, &cp, &log_key).await,
            Err(refusal) => {
                self.refuse(
                    &req,
                    &format!("{refusal} (tlog-witness {})", refusal.status()),
                )
                .await
            }
        }
    }

    async fn cosign(
        &self,
        req: &AddCheckpoint,
        cp: &Checkpoint,
        log_key: &NoteVerifier,
    ) -> Result<Outcome, String> {
        let mut note = SignedNote::parse(&req.checkpoint).map_err(|e| e.to_string())?;
        let at = now();
        let line = cosign(&self.name, &self.key, &note.text, at);
        // The record first, the cosignature after: never a cosignature the record
        // does not back (tlog-witness: persist before responding).
        write_state(
            &self.state,
            &State {
                origin: cp.origin.clone(),
                log_key: log_key.vkey(),
                size: cp.size,
                root_hash: base64_encode(&cp.root),
                cosigned_at: at,
            },
        )?;
        note.add(line);
        self.log
            .post(
                "/api/ledger/cosignatures",
                note.encode().into(),
                "text/plain; charset=utf-8",
            )
            .await
            .map_err(|e| {
                format!(
                    "cosigned size {} but the log did not take the cosignature: {}",
                    cp.size,
                    e.message()
                )
            })?;
        Ok(Outcome::Cosigned {
            size: cp.size,
            root: cp.root,
        })
    }

    async fn refuse(&self, req: &AddCheckpoint, reason: &str) -> Result<Outcome, String> {
        use std::io::Write;
        let at = now();
        let evidence =
            json!({"time": at, "witness": self.name, "reason": reason, "request": req.encode()});
        let path = refusals_path(&self.state);
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut f| {
                f.write_all(format!("{evidence}\n").as_bytes())?;
                f.sync_all()
            })
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let report = RefusalReport::signed(
            &self.name,
            &self.key,
            at,
            req.old_size,
            reason,
            &req.checkpoint,
        );
        let body = serde_json::to_vec(&report).map_err(|e| e.to_string())?;
        if let Err(e) = self
            .log
            .post("/api/ledger/refusals", body.into(), "application/json")
            .await
        {
            eprintln!(
                "the log did not record the refusal: {} (kept in {})",
                e.message(),
                path.display()
            );
        }
        Ok(Outcome::Refused(reason.to_string()))
    }
}

pub fn run(a: WitnessArgs) -> Result<ExitCode, String> {
    let key = load_signing_key(&a.key).map_err(|e| e.to_string())?;
    let me =
        NoteVerifier::cosigner(&a.name, key.verifying_key()).map_err(|e| format!("--name: {e}"))?;
    let log_key_file = a
        .log_key
        .as_deref()
        .map(load_verifying_key)
        .transpose()
        .map_err(|e| e.to_string())?;
    let w = Witness {
        name: a.name.clone(),
        key,
        log_key_file,
        origin: a.origin.clone(),
        state: a.state.clone(),
        log: Log {
            base: a.log.clone(),
            http: reqwest::Client::new(),
        },
    };
    eprintln!(
        "witness {} (key {}) of {} at {}, state {}",
        a.name,
        me.vkey(),
        a.origin,
        a.log,
        a.state.display()
    );
    runtime()?.block_on(async move {
        loop {
            let outcome = w.round().await;
            match &outcome {
                Ok(Outcome::Cosigned { size, root }) => println!(
                    "cosigned: {} at {size} entries (root {})",
                    a.origin,
                    base64_encode(root)
                ),
                Ok(Outcome::Refused(reason)) => println!("REFUSED: {reason}"),
                Err(e) => eprintln!("could not check the log: {e}"),
            }
            if a.once {
                return match outcome {
                    Ok(Outcome::Cosigned { .. }) => Ok(ExitCode::SUCCESS),
                    Ok(Outcome::Refused(_)) => Ok(ExitCode::from(1)),
                    Err(e) => Err(e),
                };
            }
            tokio::time::sleep(Duration::from_secs(a.interval.max(1))).await;
        }
    })
}
