//! IP pledges: an enterprise registers the pledge of a patent or trademark to a
//! lender, and it is released later. A right already pledged cannot be pledged again
//! until released: a unique index on the standing pledge's right decides, so two
//! registrations racing each other cannot both succeed. Every event is logged.

use crate::Register;
use crate::log::{self, Logged, Problem, logged_about};
use crate::money::{parse_fen, text_field, yuan};
use onestop_store::db::is_unique_violation;
use onestop_store::{Account, Resource, Result, ServiceError};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use sqlx::Row;

pub const RIGHT_KINDS: &[&str] = &["patent", "trademark"];

#[derive(Debug, Clone, Deserialize)]
pub struct RegisterPledge {
    /// patent or trademark
    pub right_kind: String,
    /// The patent or trademark registration number, e.g. ZL202310000001.X
    pub right_number: String,
    /// The lender (pledgee).
    pub lender: String,
    /// The secured amount in yuan, if any.
    pub secured_amount: Option<J>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PledgeView {
    pub id: String,
    pub right_kind: String,
    pub right_number: String,
    pub pledgor_id: String,
    pub lender: String,
    pub secured_amount: Option<String>,
    pub state: String,
    pub registered_at: String,
    pub released_at: Option<String>,
    pub register_entry: i64,
    pub release_entry: Option<i64>,
}

/// A right's number in one form: trimmed, upper case, no inner spaces.
pub fn normalise_number(s: &str) -> Result<String> {
    let n: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_uppercase();
    if n.is_empty() {
        return Err(ServiceError::invalid(
            "right_number",
            "give the patent or trademark number",
        ));
    }
    if n.len() > 64
        || !n
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".-/".contains(c))
    {
        return Err(ServiceError::invalid(
            "right_number",
            "a registration number has up to 64 letters, digits, '.', '-' or '/'",
        ));
    }
    Ok(n)
}

fn kind(s: &str) -> Result<&'static str> {
    let s = s.trim();
    RIGHT_KINDS
        .iter()
        .copied()
        .find(|k| *k == s)
        .ok_or_else(|| {
            ServiceError::invalid(
                "right_kind",
                format!("unknown right `{s}`; use patent or trademark"),
            )
        })
}

fn view(r: &sqlx::any::AnyRow) -> Result<PledgeView> {
    let secured: Option<i64> = r.try_get("secured_fen")?;
    Ok(PledgeView {
        id: r.try_get("id")?,
        right_kind: r.try_get("right_kind")?,
        right_number: r.try_get("right_number")?,
        pledgor_id: r.try_get("pledgor_id")?,
        lender: r.try_get("lender")?,
        secured_amount: secured.map(yuan),
        state: r.try_get("state")?,
        registered_at: r.try_get("registered_at")?,
        released_at: r.try_get("released_at")?,
        register_entry: r.try_get("register_entry")?,
        release_entry: r.try_get("release_entry")?,
    })
}

const COLUMNS: &str = "id, right_kind, right_number, pledgor_id, lender, secured_fen, state, registered_at, released_at, register_entry, release_entry";

async fn load(reg: &Register<'_>, id: &str) -> Result<PledgeView> {
    let sql = format!("SELECT {COLUMNS} FROM pledges WHERE id = $1");
    let r = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&reg.db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no pledge {id}")))?;
    view(&r)
}

/// The pledgor (an applicant) registers a pledge of one of its rights.
pub async fn register(
    reg: &Register<'_>,
    who: &Account,
    req: &RegisterPledge,
) -> Result<PledgeView> {
    reg.require(who, "register_pledge", &Resource::PledgeRegister, || {
        "the right holder registers its pledge".into()
    })?;
    let k = kind(&req.right_kind)?;
    let number = normalise_number(&req.right_number)?;
    let lender = text_field("lender", &req.lender, 200)?;
    let secured = match &req.secured_amount {
        None | Some(J::Null) => None,
        Some(v) => Some(parse_fen("secured_amount", v)?),
    };
    let id = uuid::Uuid::now_v7().to_string();
    let at = onestop_store::now();
    let active_key = format!("{k}:{number}");
    let doc = json!({
        "type": "pledge.registered",
        "pledge_id": id,
        "right": {"kind": k, "number": number},
        "pledgor": {"account_id": who.id, "name": who.display_name},
        "lender": lender,
        "secured_amount": secured.map(yuan),
        "at": at,
    });
    let mut tx = reg.db.pool.begin().await?;
    let inserted = sqlx::query("INSERT INTO pledges (id, right_kind, right_number, pledgor_id, lender, secured_fen, state, active_key, register_entry, registered_at) VALUES ($1, $2, $3, $4, $5, $6, 'registered', $7, -1, $8)")
        .bind(&id)
        .bind(k)
        .bind(&number)
        .bind(&who.id)
        .bind(&lender)
        .bind(secured)
        .bind(&active_key)
        .bind(&at)
        .execute(&mut *tx)
        .await;
    if let Err(e) = inserted {
        let _ = tx.rollback().await;
        if is_unique_violation(&e) {
            let standing = standing(reg, k, &number).await?;
            return Err(ServiceError::Conflict(match standing {
                Some(p) => format!(
                    "{k} {number} is already pledged to {} (registered {}); it can be pledged again once released",
                    p.lender, p.registered_at
                ),
                None => format!("{k} {number} is already pledged; try again"),
            }));
        }
        return Err(e.into());
    }
    let idx = log::append_one(&mut tx, "pledge.registered", &id, &doc).await?;
    sqlx::query("UPDATE pledges SET register_entry = $1 WHERE id = $2")
        .bind(idx)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    load(reg, &id).await
}

async fn standing(reg: &Register<'_>, kind: &str, number: &str) -> Result<Option<PledgeView>> {
    let sql = format!("SELECT {COLUMNS} FROM pledges WHERE active_key = $1");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(format!("{kind}:{number}"))
        .fetch_optional(&reg.db.pool)
        .await?
        .as_ref()
        .map(view)
        .transpose()
}

/// Releases a standing pledge: its pledgor or an administrator.
pub async fn release(
    reg: &Register<'_>,
    who: &Account,
    id: &str,
    reason: &str,
) -> Result<PledgeView> {
    let p = load(reg, id).await?;
    let pledge = Resource::Pledge {
        id: &p.id,
        pledgor: &p.pledgor_id,
    };
    reg.require(who, "release_pledge", &pledge, || {
        "only the pledgor or an administrator releases a pledge".into()
    })?;
    let reason = if reason.trim().is_empty() {
        "released".to_string()
    } else {
        text_field("reason", reason, 1000)?
    };
    let at = onestop_store::now();
    let mut tx = reg.db.pool.begin().await?;
    let done = sqlx::query("UPDATE pledges SET state = 'released', active_key = NULL, released_at = $1 WHERE id = $2 AND state = 'registered'")
        .bind(&at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() != 1 {
        let _ = tx.rollback().await;
        return Err(ServiceError::Conflict(
            "this pledge is already released".into(),
        ));
    }
    let doc = json!({
        "type": "pledge.released",
        "pledge_id": id,
        "right": {"kind": p.right_kind, "number": p.right_number},
        "released_by": format!("{} ({})", who.username, who.role.as_str()),
        "reason": reason,
        "at": at,
    });
    let idx = log::append_one(&mut tx, "pledge.released", id, &doc).await?;
    sqlx::query("UPDATE pledges SET release_entry = $1 WHERE id = $2")
        .bind(idx)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    load(reg, id).await
}

pub async fn get(reg: &Register<'_>, id: &str) -> Result<PledgeView> {
    load(reg, id).await
}

/// Public: whether a right stands pledged, and its pledge history.
pub async fn status(reg: &Register<'_>, right_kind: &str, right_number: &str) -> Result<J> {
    let k = kind(right_kind)?;
    let number = normalise_number(right_number)?;
    let sql = format!(
        "SELECT {COLUMNS} FROM pledges WHERE right_kind = $1 AND right_number = $2 ORDER BY registered_at"
    );
    let history = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(k)
        .bind(&number)
        .fetch_all(&reg.db.pool)
        .await?
        .iter()
        .map(view)
        .collect::<Result<Vec<_>>>()?;
    let standing = history.iter().find(|p| p.state == "registered").cloned();
    Ok(json!({
        "right": {"kind": k, "number": number},
        "pledged": standing.is_some(),
        "standing": standing,
        "history": history,
    }))
}

/// Every pledge against the log: a registration entry, a release entry when released,
/// and the log's last event for it matching its state.
pub(crate) async fn check_against_log(
    db: &onestop_store::Db,
    log: &Logged,
) -> Result<(u64, Vec<Problem>)> {
    let rows = sqlx::query(
        "SELECT id, state, active_key, register_entry, release_entry FROM pledges ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut problems = Vec::new();
    for r in &rows {
        let id: String = r.try_get("id")?;
        let state: String = r.try_get("state")?;
        let active: Option<String> = r.try_get("active_key")?;
        let reg: i64 = r.try_get("register_entry")?;
        let rel: Option<i64> = r.try_get("release_entry")?;
        let registered: Vec<i64> = logged_about(log, "pledge.registered", &id)
            .map(|(i, _)| i)
            .collect();
        let released: Vec<i64> = logged_about(log, "pledge.released", &id)
            .map(|(i, _)| i)
            .collect();
        let ok = registered == vec![reg]
            && match state.as_str() {
                "registered" => released.is_empty() && active.is_some(),
                "released" => rel.is_some_and(|x| released == vec![x]) && active.is_none(),
                _ => false,
            };
        if !ok {
            problems.push(Problem {
                what: "pledge".into(),
                at: id.clone(),
                message: format!(
                    "pledge {id}: its state `{state}` differs from what the log records"
                ),
            });
        }
    }
    Ok((rows.len() as u64, problems))
}
