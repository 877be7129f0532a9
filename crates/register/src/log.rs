//! The transparency log stored in the same database as the cases (migration 0002):
//! entries appended inside the caller's transaction, signed tree heads, proofs and
//! receipts, and the full check of a stored log against its signed heads.
//!
//! Appends take the `ledger_state` row lock as their *last* lock, so that every
//! transaction locks its own rows (a case, a voucher, a pledge) first and the log
//! second: no lock cycles. Entry indexes are allocated under that lock and therefore
//! commit in order, without gaps.
//!
//! The Merkle tree is kept in memory per database as a cache; it is brought up to
//! date from committed rows (by index) before every use, so several processes may
//! share one database. The signing key is a file the operator controls:
//! `ONESTOP_LEDGER_KEY`, else `ledger-signing.key` beside an SQLite database, else
//! `data/run/ledger-signing.key`; it is created (mode 0600, with `.pub`) when missing.

use onestop_ledger::note::{Checkpoint, NoteSignature, SignedNote, sign_note, valid_key_name};
use onestop_ledger::{
    Hash, Receipt, SignedTreeHead, Tree, TreeHead, canonical_json, from_hex, leaf_hash, to_hex,
};
use onestop_store::{Backend, Db};
use onestop_store::{Result, ServiceError};
use serde::Serialize;
use serde_json::Value as J;
use sqlx::Row;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

/// One entry to log: what it is (`licence`, `voucher.issued`, ...), whom it concerns
/// (a case, voucher or pledge id), and the JSON document itself.
pub struct NewEntry<'a> {
    pub kind: &'a str,
    pub subject: &'a str,
    pub data: &'a J,
}

#[derive(Debug, Clone, Serialize)]
pub struct StoredEntry {
    pub index: i64,
    pub kind: String,
    pub subject: String,
    pub data: String,
    pub leaf_hash: String,
    pub created_at: String,
}

type Cache = Arc<tokio::sync::Mutex<Tree>>;

static TREES: LazyLock<Mutex<HashMap<String, Cache>>> = LazyLock::new(Default::default);
static KEYS: LazyLock<Mutex<HashMap<PathBuf, ed25519_dalek::SigningKey>>> =
    LazyLock::new(Default::default);

fn storage(e: impl std::fmt::Display) -> ServiceError {
    ServiceError::Storage(e.to_string())
}

fn db_url(db: &Db) -> String {
    db.pool.connect_options().database_url.as_str().to_string()
}

/// Where the signing key of this database's log is.
pub fn key_path(db: &Db) -> PathBuf {
    if let Ok(p) = std::env::var("ONESTOP_LEDGER_KEY")
        && !p.is_empty()
    {
        return PathBuf::from(p);
    }
    if db.backend == Backend::Sqlite {
        let url = db_url(db);
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(&url);
        let path = path.split('?').next().unwrap_or(path);
        if let Some(dir) = std::path::Path::new(path).parent() {
            return dir.join("ledger-signing.key");
        }
    }
    PathBuf::from("data/run/ledger-signing.key")
}

/// The log's signing key, read (or created) once per process.
pub fn signing_key(db: &Db) -> Result<ed25519_dalek::SigningKey> {
    let path = key_path(db);
    let mut keys = KEYS.lock().map_err(|_| storage("key cache poisoned"))?;
    if let Some(k) = keys.get(&path) {
        return Ok(k.clone());
    }
    let k = onestop_ledger::read_or_create_signing_key(&path)
        .map_err(|e| storage(format!("the log's signing key: {e}")))?;
    keys.insert(path, k.key.clone());
    Ok(k.key)
}

pub fn verifying_key(db: &Db) -> Result<ed25519_dalek::VerifyingKey> {
    Ok(signing_key(db)?.verifying_key())
}

/// The log's origin, the first line of its checkpoints and the key name of its
/// checkpoint signatures, unless `ONESTOP_LEDGER_ORIGIN` names another.
pub const DEFAULT_ORIGIN: &str = "onestop.beijing/register";

/// This log's origin: `ONESTOP_LEDGER_ORIGIN` when it is a valid key name (no
/// spaces, no `+`), else [`DEFAULT_ORIGIN`].
pub fn origin() -> String {
    std::env::var("ONESTOP_LEDGER_ORIGIN")
        .ok()
        .filter(|o| valid_key_name(o))
        .unwrap_or_else(|| DEFAULT_ORIGIN.to_string())
}

/// The witnesses' cosignature lines stored for a head of `size` entries and this
/// root (hex), by witness name.
pub async fn cosignature_lines(db: &Db, size: u64, root_hex: &str) -> Result<Vec<NoteSignature>> {
    let rows = sqlx::query(
        "SELECT witness, signature FROM witness_cosignatures WHERE tree_size = $1 AND root_hash = $2 ORDER BY witness",
    )
    .bind(size as i64)
    .bind(root_hex)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let name: String = r.try_get("witness")?;
        let sig: String = r.try_get("signature")?;
        // A row this log wrote from a verified line always reads back.
        if let Ok(line) = NoteSignature::parse_line(&format!("\u{2014} {name} {sig}")) {
            out.push(line);
        }
    }
    Ok(out)
}

/// A signed head as a C2SP checkpoint (c2sp.org/tlog-checkpoint): the signed note of
/// origin, size and base64 root, with the log's Ed25519 note signature (key name =
/// origin) and every witness cosignature stored for that size and root.
pub async fn checkpoint_note(db: &Db, head: &SignedTreeHead) -> Result<String> {
    let root = from_hex("root_hash", &head.root_hash).map_err(storage)?;
    let body = Checkpoint::new(&origin(), head.tree_size, root).body();
    let key = signing_key(db)?;
    let mut note = SignedNote {
        signatures: vec![sign_note(&origin(), &key, &body)],
        text: body,
    };
    for line in cosignature_lines(db, head.tree_size, &head.root_hash).await? {
        note.add(line);
    }
    Ok(note.encode())
}

/// The signed head covering entry `index` that the most witnesses cosigned (the
/// largest of those), if any witness cosigned one whose root the log still gives.
async fn best_witnessed_head(db: &Db, index: u64, tree: &Tree) -> Result<Option<SignedTreeHead>> {
    let rows = sqlx::query(
        "SELECT h.tree_size, h.root_hash, h.timestamp, h.key_id, h.signature, COUNT(c.witness) AS n \
         FROM ledger_heads h JOIN witness_cosignatures c ON c.tree_size = h.tree_size AND c.root_hash = h.root_hash \
         WHERE h.tree_size > $1 GROUP BY h.tree_size, h.root_hash, h.timestamp, h.key_id, h.signature \
         ORDER BY n DESC, h.tree_size DESC LIMIT 8",
    )
    .bind(index as i64)
    .fetch_all(&db.pool)
    .await?;
    for r in &rows {
        let h = head_from_row(r)?;
        let root = from_hex("root_hash", &h.root_hash).map_err(storage)?;
        if tree.root_at(h.tree_size).is_ok_and(|t| t == root) {
            return Ok(Some(h));
        }
    }
    Ok(None)
}

/// Appends entries inside the caller's transaction; returns the index of the first.
/// Call it after the transaction's other writes (see the module note on lock order).
pub async fn append(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    entries: &[NewEntry<'_>],
) -> Result<i64> {
    let k = entries.len() as i64;
    sqlx::query("UPDATE ledger_state SET size = size + $1 WHERE id = 1")
        .bind(k)
        .execute(&mut **tx)
        .await?;
    let size: i64 = sqlx::query("SELECT size FROM ledger_state WHERE id = 1")
        .fetch_one(&mut **tx)
        .await?
        .try_get("size")?;
    let first = size - k;
    let at = onestop_store::now();
    // Several rows per statement: fewer round trips for batches.
    for (chunk_no, chunk) in entries.chunks(64).enumerate() {
        let mut sql = String::from(
            "INSERT INTO ledger_entries (idx, kind, subject, data, leaf_hash, created_at) VALUES ",
        );
        for i in 0..chunk.len() {
            let b = i * 6;
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!(
                "(${}, ${}, ${}, ${}, ${}, ${})",
                b + 1,
                b + 2,
                b + 3,
                b + 4,
                b + 5,
                b + 6
            ));
        }
        // Only placeholders are formatted into the statement; every value is bound.
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (i, e) in chunk.iter().enumerate() {
            let data = canonical_json(e.data);
            let hash = to_hex(&leaf_hash(data.as_bytes()));
            q = q
                .bind(first + (chunk_no * 64 + i) as i64)
                .bind(e.kind.to_string())
                .bind(e.subject.to_string())
                .bind(data)
                .bind(hash)
                .bind(at.clone());
        }
        q.execute(&mut **tx).await?;
    }
    Ok(first)
}

/// Appends one document about one subject (the common case), inside the caller's
/// transaction; its index.
pub async fn append_one(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    kind: &str,
    subject: &str,
    data: &J,
) -> Result<i64> {
    append(
        tx,
        &[NewEntry {
            kind,
            subject,
            data,
        }],
    )
    .await
}

/// Appends in a transaction of its own (benchmarks, tools).
pub async fn append_batch(db: &Db, entries: &[NewEntry<'_>]) -> Result<i64> {
    let mut tx = db.pool.begin().await?;
    let first = append(&mut tx, entries).await?;
    tx.commit().await?;
    Ok(first)
}

fn cache(db: &Db) -> Result<Cache> {
    let mut trees = TREES.lock().map_err(|_| storage("tree cache poisoned"))?;
    Ok(trees.entry(db_url(db)).or_default().clone())
}

/// The in-memory tree, brought up to the committed log.
async fn synced(db: &Db) -> Result<tokio::sync::OwnedMutexGuard<Tree>> {
    let mut tree = cache(db)?.lock_owned().await;
    sync(db, &mut tree).await?;
    Ok(tree)
}

/// Appends to `tree` every committed entry it does not have yet.
async fn sync(db: &Db, tree: &mut Tree) -> Result<()> {
    loop {
        let from = tree.len() as i64;
        let rows = sqlx::query(
            "SELECT idx, leaf_hash FROM ledger_entries WHERE idx >= $1 ORDER BY idx LIMIT 50000",
        )
        .bind(from)
        .fetch_all(&db.pool)
        .await?;
        if rows.is_empty() {
            return Ok(());
        }
        for r in &rows {
            let idx: i64 = r.try_get("idx")?;
            if idx != tree.len() as i64 {
                return Err(storage(format!(
                    "the log has a gap: entry {} is missing",
                    tree.len()
                )));
            }
            let h: String = r.try_get("leaf_hash")?;
            tree.push(from_hex("leaf_hash", &h).map_err(storage)?);
        }
    }
}

pub async fn size(db: &Db) -> Result<i64> {
    Ok(synced(db).await?.len() as i64)
}

fn head_from_row(r: &sqlx::any::AnyRow) -> Result<SignedTreeHead> {
    let size: i64 = r.try_get("tree_size")?;
    let ts: i64 = r.try_get("timestamp")?;
    Ok(SignedTreeHead {
        tree_size: size as u64,
        root_hash: r.try_get("root_hash")?,
        timestamp: ts as u64,
        key_id: r.try_get("key_id")?,
        signature: r.try_get("signature")?,
    })
}

pub async fn latest_head(db: &Db) -> Result<Option<SignedTreeHead>> {
    sqlx::query("SELECT tree_size, root_hash, timestamp, key_id, signature FROM ledger_heads ORDER BY tree_size DESC LIMIT 1")
        .fetch_optional(&db.pool)
        .await?
        .as_ref()
        .map(head_from_row)
        .transpose()
}

/// Every signed head, smallest first.
pub async fn heads(db: &Db) -> Result<Vec<SignedTreeHead>> {
    sqlx::query("SELECT tree_size, root_hash, timestamp, key_id, signature FROM ledger_heads ORDER BY tree_size")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(head_from_row)
        .collect()
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// A signed head covering every committed entry: the latest one if it already does,
/// else a new one, signed and stored.
pub async fn publish_head(db: &Db) -> Result<SignedTreeHead> {
    let tree = synced(db).await?;
    publish_locked(db, &tree).await
}

async fn publish_locked(db: &Db, tree: &Tree) -> Result<SignedTreeHead> {
    let size = tree.len();
    if let Some(h) = latest_head(db).await?
        && h.tree_size >= size
    {
        return Ok(h);
    }
    let key = signing_key(db)?;
    let sth = TreeHead {
        tree_size: size,
        root_hash: tree.root(),
        timestamp: now_ms(),
    }
    .sign(&key);
    sqlx::query("INSERT INTO ledger_heads (tree_size, root_hash, timestamp, key_id, signature, created_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tree_size) DO NOTHING")
        .bind(size as i64)
        .bind(&sth.root_hash)
        .bind(sth.timestamp as i64)
        .bind(&sth.key_id)
        .bind(&sth.signature)
        .bind(onestop_store::now())
        .execute(&db.pool)
        .await?;
    // Another process may have signed this size first: theirs is the stored one.
    let stored = sqlx::query("SELECT tree_size, root_hash, timestamp, key_id, signature FROM ledger_heads WHERE tree_size = $1")
        .bind(size as i64)
        .fetch_one(&db.pool)
        .await?;
    head_from_row(&stored)
}

pub async fn entry(db: &Db, index: i64) -> Result<StoredEntry> {
    let r = sqlx::query(
        "SELECT idx, kind, subject, data, leaf_hash, created_at FROM ledger_entries WHERE idx = $1",
    )
    .bind(index)
    .fetch_optional(&db.pool)
    .await?
    .ok_or_else(|| ServiceError::NotFound(format!("the log has no entry {index}")))?;
    stored_entry(&r)
}

fn stored_entry(r: &sqlx::any::AnyRow) -> Result<StoredEntry> {
    Ok(StoredEntry {
        index: r.try_get("idx")?,
        kind: r.try_get("kind")?,
        subject: r.try_get("subject")?,
        data: r.try_get("data")?,
        leaf_hash: r.try_get("leaf_hash")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Entries [start, end), at most 1000.
pub async fn entries(db: &Db, start: i64, end: i64) -> Result<Vec<StoredEntry>> {
    if start < 0 || end < start {
        return Err(ServiceError::invalid("start", "give 0 <= start <= end"));
    }
    let end = end.min(start + 1000);
    sqlx::query("SELECT idx, kind, subject, data, leaf_hash, created_at FROM ledger_entries WHERE idx >= $1 AND idx < $2 ORDER BY idx")
        .bind(start)
        .bind(end)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(stored_entry)
        .collect()
}

/// The receipt of entry `index` showing `document` as the entry (the stored copy of a
/// licence, say), with an inclusion proof to a signed head that covers it.
pub async fn receipt_with(db: &Db, index: i64, document: J) -> Result<Receipt> {
    let mut tree = synced(db).await?;
    if index < 0 || index as u64 >= tree.len() {
        return Err(ServiceError::NotFound(format!(
            "the log has no entry {index}"
        )));
    }
    let latest = publish_locked(db, &tree).await?;
    if latest.tree_size > tree.len() {
        // Another process committed and signed more in the meantime.
        sync(db, &mut tree).await?;
    }
    // The head most witnesses cosigned, so that the receipt meets a quorum when any
    // head covering the entry does; else the latest.
    let head = best_witnessed_head(db, index as u64, &tree)
        .await?
        .unwrap_or(latest);
    let proof = tree
        .inclusion_proof(index as u64, head.tree_size)
        .map_err(|e| storage(e.to_string()))?;
    let checkpoint = checkpoint_note(db, &head).await?;
    let mut r = Receipt::new(document, index as u64, &proof, head);
    r.checkpoint = Some(checkpoint);
    Ok(r)
}

/// The receipt of a logged entry as the log stores it.
pub async fn receipt(db: &Db, index: i64) -> Result<Receipt> {
    let e = entry(db, index).await?;
    let doc: J = serde_json::from_str(&e.data).map_err(storage)?;
    receipt_with(db, index, doc).await
}

pub async fn inclusion_proof(db: &Db, index: i64, size: i64) -> Result<Vec<String>> {
    let tree = synced(db).await?;
    if size < 0 {
        return Err(ServiceError::invalid("size", "a tree size is not negative"));
    }
    if index < 0 {
        return Err(ServiceError::invalid("index", "an index is not negative"));
    }
    tree.inclusion_proof(index as u64, size as u64)
        .map(|p| p.iter().map(to_hex).collect())
        .map_err(|e| ServiceError::invalid("size", e.to_string()))
}

pub async fn consistency_proof(db: &Db, first: i64, second: i64) -> Result<Vec<String>> {
    if first < 0 || second < 0 {
        return Err(ServiceError::invalid(
            "first",
            "tree sizes are not negative",
        ));
    }
    let tree = synced(db).await?;
    tree.consistency_proof(first as u64, second as u64)
        .map(|p| p.iter().map(to_hex).collect())
        .map_err(|e| ServiceError::invalid("second", e.to_string()))
}

/// One thing wrong with a stored log.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Problem {
    /// `entry`, `head`, `licence`, `voucher`, `pledge` or `state`.
    pub what: String,
    /// The entry index, tree size, licence code, voucher or pledge id concerned.
    pub at: String,
    pub message: String,
}

/// What the log check found: the entries and heads it recomputed, the root, and the
/// stored log itself by index, for each kind's own check against it.
pub struct LogCheck {
    pub entries: u64,
    pub heads_checked: u64,
    pub root_hash: String,
    pub problems: Vec<Problem>,
    pub logged: Vec<(String, String, String)>,
}

pub(crate) fn problem(what: &str, at: impl ToString, message: impl Into<String>) -> Problem {
    Problem {
        what: what.into(),
        at: at.to_string(),
        message: message.into(),
    }
}

/// Recomputes the whole log from the stored entries' data, with no cache: each leaf
/// hash and each signed head (signature by `key`, and root). What is recorded about
/// licences, vouchers and pledges is checked by their own modules (`verify`).
pub async fn check(db: &Db, key: &ed25519_dalek::VerifyingKey) -> Result<LogCheck> {
    let mut problems = Vec::new();
    let mut tree = Tree::new();
    let mut data_by_index: Vec<(String, String, String)> = Vec::new();
    let mut from = 0i64;
    loop {
        let rows = sqlx::query("SELECT idx, kind, subject, data, leaf_hash FROM ledger_entries WHERE idx >= $1 ORDER BY idx LIMIT 50000")
            .bind(from)
            .fetch_all(&db.pool)
            .await?;
        if rows.is_empty() {
            break;
        }
        for r in &rows {
            let idx: i64 = r.try_get("idx")?;
            if idx != tree.len() as i64 {
                problems.push(problem(
                    "entry",
                    tree.len(),
                    format!(
                        "entry {} is missing (the next stored entry is {idx})",
                        tree.len()
                    ),
                ));
            }
            let data: String = r.try_get("data")?;
            let stored: String = r.try_get("leaf_hash")?;
            let h: Hash = leaf_hash(data.as_bytes());
            if to_hex(&h) != stored {
                problems.push(problem(
                    "entry",
                    idx,
                    format!("entry {idx}: its data does not hash to its recorded leaf hash (the row was edited)"),
                ));
            }
            tree.push(h);
            data_by_index.push((r.try_get("kind")?, r.try_get("subject")?, data));
            from = idx + 1;
        }
    }
    let size: i64 = sqlx::query("SELECT size FROM ledger_state WHERE id = 1")
        .fetch_one(&db.pool)
        .await?
        .try_get("size")?;
    if size != tree.len() as i64 {
        problems.push(problem(
            "state",
            size,
            format!(
                "the log counts {size} entries but {} are stored",
                tree.len()
            ),
        ));
    }
    let all_heads = heads(db).await?;
    for h in &all_heads {
        match h.verify(key) {
            Err(e) => problems.push(problem(
                "head",
                h.tree_size,
                format!("signed head of size {}: {e}", h.tree_size),
            )),
            Ok(head) => match tree.root_at(head.tree_size) {
                Ok(root) if root == head.root_hash => {}
                Ok(_) => problems.push(problem(
                    "head",
                    h.tree_size,
                    format!(
                        "the stored entries no longer give the signed root of size {}: an entry before it was changed",
                        h.tree_size
                    ),
                )),
                Err(_) => problems.push(problem(
                    "head",
                    h.tree_size,
                    format!("a head was signed for size {} but the log has fewer entries", h.tree_size),
                )),
            },
        }
    }
    Ok(LogCheck {
        entries: tree.len(),
        heads_checked: all_heads.len() as u64,
        root_hash: to_hex(&tree.root()),
        problems,
        logged: data_by_index,
    })
}

/// The stored log as (kind, subject, canonical data), by index.
pub type Logged = [(String, String, String)];

/// The documents of one kind logged about one subject, in log order, with their index.
pub(crate) fn logged_about<'a>(
    log: &'a Logged,
    kind: &'a str,
    subject: &'a str,
) -> impl Iterator<Item = (i64, J)> + 'a {
    log.iter().enumerate().filter_map(move |(i, (k, s, d))| {
        (k == kind && s == subject)
            .then(|| serde_json::from_str(d).ok().map(|j| (i as i64, j)))
            .flatten()
    })
}
