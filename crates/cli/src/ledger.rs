//! `onestop ledger`: keys, offline verification of licences and receipts, the check
//! of a whole stored log, the auditor's consistency check between two signed heads,
//! and the durable-append benchmark.

use crate::runtime::runtime;
use clap::ValueEnum;
use onestop_ledger::{
    Hash, NoteVerifier, Receipt, SignedTreeHead, from_hex, leaf_hash, load_verifying_key, to_hex,
    write_signing_key,
};
use onestop_register::audit::{self, DbSource, Leaf, LogSource, Verdict};
use onestop_register::log::{self, NewEntry};
use onestop_store::db::Db;
use serde_json::{Value as J, json};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(Clone, Copy, ValueEnum, PartialEq)]
pub enum Format {
    Json,
    Text,
}

#[derive(clap::Args)]
pub struct DbArgs {
    /// A database URL (sqlite://FILE or postgres://...); default: SQLite in --data. Also DATABASE_URL.
    #[arg(long)]
    database_url: Option<String>,
    /// Data directory of the embedded SQLite database
    #[arg(long, default_value = "data/run")]
    data: PathBuf,
}

#[derive(clap::Subcommand)]
pub enum LedgerCommand {
    /// Create a log signing key (mode 0600) and its public key beside it (FILE.pub);
    /// with --witness NAME, a witness's key and its verifier key (FILE.vkey) for the
    /// log's witnesses.toml
    Keygen {
        #[arg(long)]
        out: PathBuf,
        /// The witness's key name (e.g. tianjin): also write FILE.vkey, NAME+KEYID+BASE64
        #[arg(long)]
        witness: Option<String>,
    },
    /// Verify a licence or receipt offline (no database, no network); without DOCUMENT,
    /// verify the whole stored log: every entry, signed head, licence, voucher and pledge
    Verify {
        /// A licence or receipt as downloaded (GET /api/licences/CODE); `-` reads standard input
        document: Option<PathBuf>,
        /// The log's public key file (GET /api/ledger/key), or its signing key file
        #[arg(long)]
        log_key: PathBuf,
        /// A witness's verifier key file (NAME+KEYID+BASE64, from `keygen --witness`);
        /// repeat for each witness whose cosignature counts
        #[arg(long = "witness-key")]
        witness_keys: Vec<PathBuf>,
        /// Cosignatures of distinct witnesses the document's tree head needs (default:
        /// every --witness-key given; 0 without any)
        #[arg(long)]
        quorum: Option<usize>,
        #[command(flatten)]
        db: DbArgs,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
    },
    /// Check that the log between two signed heads only grew; report the first divergence
    Audit {
        /// The older signed tree head (JSON, as from GET /api/ledger/head)
        #[arg(long)]
        from: PathBuf,
        /// The newer signed tree head
        #[arg(long)]
        to: PathBuf,
        #[arg(long)]
        log_key: PathBuf,
        /// Ask a running server (http://HOST:PORT) instead of reading the database
        #[arg(long)]
        server: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Print a signed tree head covering the whole log (signing a new one if it grew)
    Head {
        #[arg(long)]
        server: Option<String>,
        #[command(flatten)]
        db: DbArgs,
    },
    /// Run a witness: check each new checkpoint of the log against the last one this
    /// witness cosigned (consistency proof), cosign it or refuse it (docs/witness.md)
    Witness(crate::witness::WitnessArgs),
    /// Measure durable appends: batched transactions, then one entry per transaction
    Bench {
        #[command(flatten)]
        db: DbArgs,
        /// Entries appended in batches
        #[arg(long, default_value_t = 100_000)]
        entries: u64,
        /// Entries per transaction
        #[arg(long, default_value_t = 1000)]
        batch: usize,
        /// Entries appended one per transaction
        #[arg(long, default_value_t = 200)]
        single: u64,
    },
}

fn database_url(a: &DbArgs) -> Result<String, String> {
    crate::database::database_url(
        a.database_url.clone(),
        &a.data,
        crate::database::IfMissing::Refuse,
    )
}

async fn open(a: &DbArgs) -> Result<Db, String> {
    let url = database_url(a)?;
    Db::open(&url)
        .await
        .map_err(|e| format!("cannot open the database: {e}"))
}

fn read_json(path: &Path) -> Result<J, String> {
    let text = if path.as_os_str() == "-" {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        s
    } else {
        std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?
    };
    serde_json::from_str(&text).map_err(|e| format!("{} is not JSON: {e}", path.display()))
}

fn key(path: &Path) -> Result<ed25519_dalek::VerifyingKey, String> {
    load_verifying_key(path).map_err(|e| e.to_string())
}

pub fn run(cmd: LedgerCommand) -> Result<ExitCode, String> {
    match cmd {
        LedgerCommand::Keygen { out, witness } => {
            if out.exists() {
                return Err(format!(
                    "{} exists; a signing key is never overwritten",
                    out.display()
                ));
            }
            let cosigner = |k: &ed25519_dalek::SigningKey, name: &str| {
                NoteVerifier::cosigner(name, k.verifying_key())
                    .map_err(|e| format!("--witness: {e}"))
            };
            if let Some(name) = &witness {
                // A bad name is refused before any file is written.
                cosigner(&onestop_ledger::generate_signing_key(), name)?;
            }
            let k = onestop_ledger::generate_signing_key();
            write_signing_key(&out, &k).map_err(|e| e.to_string())?;
            if let Some(name) = &witness {
                let vkey = cosigner(&k, name)?.vkey();
                let mut path = out.as_os_str().to_owned();
                path.push(".vkey");
                let path = PathBuf::from(path);
                std::fs::write(&path, format!("{vkey}\n"))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                println!(
                    "witness {name}: verifier key {vkey} (in {}; list it in the log's witnesses.toml)",
                    path.display()
                );
            }
            println!(
                "signing key {} (keep it private), public key {}.pub, key id {}",
                out.display(),
                out.display(),
                onestop_ledger::key_id(&k.verifying_key())
            );
            Ok(ExitCode::SUCCESS)
        }
        LedgerCommand::Verify {
            document: Some(doc),
            log_key,
            witness_keys,
            quorum,
            format,
            ..
        } => {
            let witnesses = witness_keys
                .iter()
                .map(|p| read_vkey(p))
                .collect::<Result<Vec<_>, _>>()?;
            let quorum = quorum.unwrap_or(witnesses.len());
            verify_document(&doc, &log_key, &witnesses, quorum, format)
        }
        LedgerCommand::Verify {
            document: None,
            log_key,
            db,
            format,
            ..
        } => {
            let k = key(&log_key)?;
            runtime()?.block_on(async move {
                let db = open(&db).await?;
                let report = onestop_register::verify::verify_stored(&db, &k)
                    .await
                    .map_err(|e| e.to_string())?;
                if format == Format::Json {
                    println!("{}", json!(report));
                } else if report.problems.is_empty() {
                    println!(
                        "valid: {} entries (root {}), {} signed heads, {} licences, {} vouchers, {} pledges checked",
                        report.entries,
                        report.root_hash,
                        report.heads_checked,
                        report.licences_checked,
                        report.vouchers_checked,
                        report.pledges_checked
                    );
                } else {
                    println!("INVALID: {} problems", report.problems.len());
                    for p in &report.problems {
                        println!("  {}", p.message);
                    }
                }
                Ok(if report.problems.is_empty() {
                    ExitCode::SUCCESS
                } else {
                    ExitCode::from(1)
                })
            })
        }
        LedgerCommand::Audit {
            from,
            to,
            log_key,
            server,
            db,
        } => audit(&from, &to, &log_key, server, db),
        LedgerCommand::Head { server, db } => runtime()?.block_on(async move {
            let head = match server {
                Some(base) => http_get(&base, "/api/ledger/head").await?,
                None => json!(
                    log::publish_head(&open(&db).await?)
                        .await
                        .map_err(|e| e.to_string())?
                ),
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&head).map_err(|e| e.to_string())?
            );
            Ok(ExitCode::SUCCESS)
        }),
        LedgerCommand::Witness(a) => crate::witness::run(a),
        LedgerCommand::Bench {
            db,
            entries,
            batch,
            single,
        } => bench(db, entries, batch, single),
    }
}

/// A witness's verifier key from its file (`keygen --witness` writes FILE.vkey).
fn read_vkey(path: &Path) -> Result<NoteVerifier, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v = NoteVerifier::parse_vkey(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    if v.sig_type != onestop_ledger::note::COSIGNATURE_V1 {
        return Err(format!(
            "{}: not a witness key (signature type 0x04, from `onestop ledger keygen --witness NAME`)",
            path.display()
        ));
    }
    Ok(v)
}

fn verify_document(
    doc: &Path,
    log_key: &Path,
    witnesses: &[NoteVerifier],
    quorum: usize,
    format: Format,
) -> Result<ExitCode, String> {
    let k = key(log_key)?;
    let mut v = read_json(doc)?;
    if v.get("receipt").is_some() {
        v = v["receipt"].clone();
    }
    let r: Receipt = serde_json::from_value(v).map_err(|e| {
        format!(
            "{} is not a licence or receipt (entry, leaf_index, inclusion_proof, tree_head): {e}",
            doc.display()
        )
    })?;
    let outcome = r.verify_witnessed(&k, witnesses, quorum);
    let e = &r.entry;
    let what = match e["type"].as_str().unwrap_or("") {
        "licence" => format!(
            "licence {} held by {}: {} ({} to {}), decided by {}, rules {}",
            e["code"].as_str().unwrap_or("?"),
            e["holder"]["name"].as_str().unwrap_or("?"),
            e["granted"]["title"]["en"]
                .as_str()
                .or(e["granted"]["kind"].as_str())
                .unwrap_or("?"),
            e["validity"]["from"].as_str().unwrap_or("?"),
            e["validity"]["until"].as_str().unwrap_or("?"),
            e["deciding_agency"]["en"]
                .as_str()
                .or(e["deciding_agency"]["id"].as_str())
                .unwrap_or("?"),
            e["rules_version"].as_str().unwrap_or("?"),
        ),
        other => format!("a `{other}` entry"),
    };
    let cosigned = match &outcome {
        Ok(w) if !witnesses.is_empty() || quorum > 0 => format!(
            "; cosigned by {} ({} of {quorum} required)",
            if w.cosigners.is_empty() {
                "no witness".to_string()
            } else {
                w.cosigners
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            },
            w.cosigners.len()
        ),
        _ => String::new(),
    };
    match (&outcome, format) {
        (Ok(w), Format::Text) => println!(
            "valid: {what}; entry {} of the log of {} entries (root {}, signed by key {} at {} ms){cosigned}",
            r.leaf_index,
            w.verified.head.tree_size,
            to_hex(&w.verified.head.root_hash),
            r.tree_head.key_id,
            w.verified.head.timestamp
        ),
        (Err(err), Format::Text) => println!("INVALID: {what}: {err}"),
        (_, Format::Json) => println!(
            "{}",
            json!({"valid": outcome.is_ok(), "problem": outcome.as_ref().err().map(|e| e.to_string()), "leaf_index": r.leaf_index, "tree_size": r.tree_head.tree_size, "type": e["type"], "code": e["code"], "witnesses": outcome.as_ref().map(|w| w.cosigners.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()).unwrap_or_default(), "quorum": quorum})
        ),
    }
    Ok(if outcome.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

async fn http_get(base: &str, path: &str) -> Result<J, String> {
    let url = format!("{}{path}", base.trim_end_matches('/'));
    let resp = reqwest::get(&url)
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    let status = resp.status();
    let body: J = resp
        .json()
        .await
        .map_err(|e| format!("{url}: not JSON: {e}"))?;
    if !status.is_success() {
        return Err(format!("{url}: {status}: {body}"));
    }
    Ok(body)
}

fn hashes(v: &J, field: &str) -> Result<Vec<Hash>, String> {
    v[field]
        .as_array()
        .ok_or_else(|| format!("the answer has no `{field}`"))?
        .iter()
        .map(|h| from_hex(field, h.as_str().unwrap_or("")).map_err(|e| e.to_string()))
        .collect()
}

/// A server's log read over its JSON API, for an auditor without the database.
struct HttpSource(String);

impl LogSource for HttpSource {
    async fn consistency(&self, first: u64, second: u64) -> Result<Vec<Hash>, String> {
        hashes(
            &http_get(
                &self.0,
                &format!("/api/ledger/proofs/consistency?first={first}&second={second}"),
            )
            .await?,
            "consistency_proof",
        )
    }

    async fn heads(&self) -> Result<Vec<SignedTreeHead>, String> {
        serde_json::from_value(http_get(&self.0, "/api/ledger/heads").await?)
            .map_err(|e| format!("signed heads: {e}"))
    }

    async fn leaves_from(&self, start: u64, end: u64) -> Result<Vec<Leaf>, String> {
        let v = http_get(
            &self.0,
            &format!("/api/ledger/entries?start={start}&end={end}"),
        )
        .await?;
        v.as_array()
            .ok_or("entries: not a list")?
            .iter()
            .map(|e| {
                let stored = from_hex("leaf_hash", e["leaf_hash"].as_str().unwrap_or(""))
                    .map_err(|e| e.to_string())?;
                let recomputed = e["data"].as_str().map(|d| leaf_hash(d.as_bytes()));
                Ok(Leaf { stored, recomputed })
            })
            .collect()
    }

    fn recompute_always(&self) -> bool {
        false
    }
}

fn audit(
    from: &Path,
    to: &Path,
    log_key: &Path,
    server: Option<String>,
    db: DbArgs,
) -> Result<ExitCode, String> {
    let k = key(log_key)?;
    let parse = |p: &Path| -> Result<SignedTreeHead, String> {
        serde_json::from_value(read_json(p)?)
            .map_err(|e| format!("{} is not a signed tree head: {e}", p.display()))
    };
    let (old_sth, new_sth) = (parse(from)?, parse(to)?);
    let old = old_sth
        .verify(&k)
        .map_err(|e| format!("{}: {e}", from.display()))?;
    let new = new_sth
        .verify(&k)
        .map_err(|e| format!("{}: {e}", to.display()))?;
    if old.tree_size > new.tree_size {
        return Err(format!(
            "--from has {} entries and --to {}: give the older head first",
            old.tree_size, new.tree_size
        ));
    }
    runtime()?.block_on(async move {
        let verdict = match server {
            Some(base) => audit::audit(&HttpSource(base), &old, &new, &k).await?,
            None => {
                let db = open(&db).await?;
                audit::audit(&DbSource(&db), &old, &new, &k).await?
            }
        };
        match verdict {
            Verdict::Consistent => {
                println!(
                    "consistent: the log of {} extends the log of {}",
                    audit::describe(&new),
                    audit::describe(&old)
                );
                Ok(ExitCode::SUCCESS)
            }
            Verdict::Inconsistent { why, divergence } => {
                println!(
                    "INCONSISTENT: the log does not prove that {} extend {}: {why}",
                    audit::describe(&new),
                    audit::describe(&old)
                );
                match divergence {
                    Some(d) => println!("first divergence: {d}"),
                    None => println!(
                        "the entries match every signed head; the consistency proof from the log is wrong"
                    ),
                }
                Ok(ExitCode::from(1))
            }
        }
    })
}

fn bench(db: DbArgs, entries: u64, batch: usize, single: u64) -> Result<ExitCode, String> {
    if batch == 0 {
        return Err("--batch is at least 1".into());
    }
    runtime()?.block_on(async move {
        let url = match &db.database_url {
            Some(u) => u.clone(),
            None => {
                std::fs::create_dir_all(&db.data).map_err(|e| e.to_string())?;
                format!("sqlite://{}", db.data.join("ledger-bench.db").display())
            }
        };
        let db = Db::open(&url).await.map_err(|e| e.to_string())?;
        let payload = "x".repeat(200);
        let docs: Vec<J> = (0..batch)
            .map(|i| json!({"type": "bench", "n": i, "payload": payload}))
            .collect();
        let start = Instant::now();
        let mut done = 0u64;
        while done < entries {
            let n = batch.min((entries - done) as usize);
            let rows: Vec<NewEntry> = docs[..n]
                .iter()
                .map(|d| NewEntry {
                    kind: "bench",
                    subject: "bench",
                    data: d,
                })
                .collect();
            log::append_batch(&db, &rows)
                .await
                .map_err(|e| e.to_string())?;
            done += n as u64;
        }
        let batched = start.elapsed();
        let t = Instant::now();
        let head = log::publish_head(&db)
            .await
            .map_err(|e| e.to_string())?;
        let head_time = t.elapsed();
        let t = Instant::now();
        for i in 0..single {
            let d = json!({"type": "bench", "single": i, "payload": payload});
            log::append_batch(
                &db,
                &[NewEntry {
                    kind: "bench",
                    subject: "bench",
                    data: &d,
                }],
            )
            .await
            .map_err(|e| e.to_string())?;
        }
        let singles = t.elapsed();
        println!(
            "batched: {entries} entries in transactions of {batch}: {:.2?}, {:.0} entries/s (durable: each commit synced)",
            batched,
            entries as f64 / batched.as_secs_f64()
        );
        println!(
            "tree head over {} entries (tree brought up to date from the database, signed, stored): {:.2?}",
            head.tree_size, head_time
        );
        if single > 0 {
            println!(
                "one entry per transaction: {single} entries: {:.2?}, {:.0} entries/s",
                singles,
                single as f64 / singles.as_secs_f64()
            );
        }
        Ok(ExitCode::SUCCESS)
    })
}
