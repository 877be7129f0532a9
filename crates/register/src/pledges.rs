//! IP pledges with their three parties (003 §20; 004: small technology companies
//! pledge their intellectual property for loans). The pledgor (the right holder, an
//! applicant) and the pledgee (the lender, a financial institution) apply jointly: one
//! starts the application naming the other, the other countersigns it (专利权质押登记
//! 办法, CNIPA notice 461, in force 2021-11-15, art. 3 and art. 7(1); 注册商标专用权质押
//! 登记程序规定, CNIPA notice 358, in force 2020-05-01, art. 2). The registration
//! authority's officer registers or refuses it; the pledge exists from registration
//! (Civil Code art. 444, in force 2021-01-01). Only the pledgee releases it, or the
//! officer on a court order, whose reference is recorded.
//!
//! ```text
//! applied ──countersign──► signed ──register──► registered ──release (pledgee)──────────► released
//!                            └──────refuse───► refused        └─release by court order (officer)─┘
//! ```
//!
//! A right stands pledged once: a unique index on the standing pledge's right decides
//! between registrations racing each other. Each step is one conditional `UPDATE`
//! (from the state it needs) and one log entry in the same transaction. Who may take a
//! step is the access policy's (`policies/access.cedar`); the state is this module's.
//! What the public sees of a right is `pledge_status`.

use crate::Register;
use crate::log::{self, Logged, Problem, logged_about};
use crate::money::{parse_fen, text_field, yuan};
use onestop_store::db::is_unique_violation;
use onestop_store::{Account, Resource, Result, Role, ServiceError};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use sqlx::Row;

pub const RIGHT_KINDS: &[&str] = &["patent", "trademark"];

/// The agency that registers IP pledges (an `[agencies]` key of services.toml): the
/// China National Intellectual Property Administration registers patent and trademark
/// pledges (专利权质押登记办法 art. 2; 注册商标专用权质押登记程序规定 art. 1).
pub const REGISTRATION_AGENCY: &str = "ip-office";

/// A joint application as its first signatory sends it: the right, the other party
/// (by username) and the amount secured.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ApplyPledge {
    /// patent or trademark
    pub right_kind: String,
    /// The patent or trademark registration number, e.g. ZL202310000001.X
    pub right_number: String,
    /// The pledgor's username, when the pledgee (a financial institution) applies.
    #[serde(default)]
    pub pledgor: Option<String>,
    /// The pledgee's username (a financial institution), when the pledgor applies.
    #[serde(default)]
    pub pledgee: Option<String>,
    /// The secured amount in yuan, if any.
    #[serde(default)]
    pub secured_amount: Option<J>,
}

/// How a registered pledge ends: the pledgee gives it up (a reason, optional), or the
/// registration authority's officer releases it on a court order (its reference).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ReleasePledge {
    #[serde(default)]
    pub reason: String,
    /// The court's ruling or notice of assistance in enforcement; only officers give one.
    #[serde(default)]
    pub court_order: Option<String>,
}

/// A pledge as its parties and the registration authority see it.
#[derive(Debug, Clone, Serialize)]
pub struct PledgeView {
    pub id: String,
    pub right_kind: String,
    pub right_number: String,
    pub pledgor_id: String,
    pub pledgor_name: String,
    /// None for a pledge registered before lenders had accounts.
    pub pledgee_id: Option<String>,
    pub pledgee_name: String,
    pub secured_amount: Option<String>,
    /// The registration authority (an agency).
    pub agency: String,
    /// applied, signed, registered, refused or released
    pub state: String,
    /// `pledgor` or `pledgee`: who started the application (the other countersigns).
    pub applied_by: String,
    pub applied_at: String,
    /// The business date of each step, YYYY-MM-DD.
    pub applied_on: String,
    pub countersigned_at: Option<String>,
    pub countersigned_on: Option<String>,
    pub countersigned_by: Option<String>,
    pub registered_at: Option<String>,
    pub registered_on: Option<String>,
    pub registered_by: Option<String>,
    pub refused_at: Option<String>,
    pub refused_on: Option<String>,
    pub refused_by: Option<String>,
    pub refusal_reason: Option<String>,
    pub released_at: Option<String>,
    pub released_on: Option<String>,
    pub released_by: Option<String>,
    pub release_reason: Option<String>,
    /// The court order a release was made on.
    pub court_order: Option<String>,
    pub apply_entry: Option<i64>,
    pub countersign_entry: Option<i64>,
    pub register_entry: Option<i64>,
    pub refusal_entry: Option<i64>,
    pub release_entry: Option<i64>,
}

impl PledgeView {
    /// The pledge as the access policy sees it.
    pub fn resource(&self) -> Resource<'_> {
        Resource::Pledge {
            id: &self.id,
            pledgor: &self.pledgor_id,
            pledgee: self.pledgee_id.as_deref().unwrap_or(""),
            applied_by: &self.applied_by,
            agency: &self.agency,
        }
    }

    /// The log entries about this pledge, in the order they were written.
    pub fn entries(&self) -> Vec<i64> {
        [
            self.apply_entry,
            self.countersign_entry,
            self.register_entry,
            self.refusal_entry,
            self.release_entry,
        ]
        .into_iter()
        .flatten()
        .collect()
    }
}

/// What one account may do next on one pledge: the access policy's answer for the
/// step the pledge's state allows (the portal shows these forms, the API lists them).
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct PledgeActions {
    pub countersign: bool,
    pub register: bool,
    pub refuse: bool,
    pub release: bool,
    pub release_by_order: bool,
}

pub fn actions(reg: &Register<'_>, who: &Account, p: &PledgeView) -> PledgeActions {
    let r = p.resource();
    let may = |action: &str| reg.authz.allowed(who, action, &r);
    let signed = p.state == "signed";
    let registered = p.state == "registered";
    PledgeActions {
        countersign: p.state == "applied" && may("countersign_pledge"),
        register: signed && may("register_pledge"),
        refuse: signed && may("refuse_pledge"),
        release: registered && may("release_pledge"),
        release_by_order: registered && may("release_pledge_by_order"),
    }
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

pub(crate) fn kind(s: &str) -> Result<&'static str> {
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
        pledgor_name: r.try_get("pledgor_name")?,
        pledgee_id: r.try_get("pledgee_id")?,
        pledgee_name: r.try_get("pledgee_name")?,
        secured_amount: secured.map(yuan),
        agency: r.try_get("agency")?,
        state: r.try_get("state")?,
        applied_by: r.try_get("applied_by")?,
        applied_at: r.try_get("applied_at")?,
        applied_on: r.try_get("applied_on")?,
        countersigned_at: r.try_get("countersigned_at")?,
        countersigned_on: r.try_get("countersigned_on")?,
        countersigned_by: r.try_get("countersigned_by")?,
        registered_at: r.try_get("registered_at")?,
        registered_on: r.try_get("registered_on")?,
        registered_by: r.try_get("registered_by")?,
        refused_at: r.try_get("refused_at")?,
        refused_on: r.try_get("refused_on")?,
        refused_by: r.try_get("refused_by")?,
        refusal_reason: r.try_get("refusal_reason")?,
        released_at: r.try_get("released_at")?,
        released_on: r.try_get("released_on")?,
        released_by: r.try_get("released_by")?,
        release_reason: r.try_get("release_reason")?,
        court_order: r.try_get("court_order")?,
        apply_entry: r.try_get("apply_entry")?,
        countersign_entry: r.try_get("countersign_entry")?,
        register_entry: r.try_get("register_entry")?,
        refusal_entry: r.try_get("refusal_entry")?,
        release_entry: r.try_get("release_entry")?,
    })
}

/// Every column of a pledge, with the pledgor's name from its account.
pub(crate) const SELECT: &str = "SELECT p.id, p.right_kind, p.right_number, p.pledgor_id, a.display_name AS pledgor_name, p.pledgee_id, p.pledgee_name, p.secured_fen, p.agency, p.state, p.applied_by, p.applied_at, p.applied_on, p.countersigned_at, p.countersigned_on, p.countersigned_by, p.registered_at, p.registered_on, p.registered_by, p.refused_at, p.refused_on, p.refused_by, p.refusal_reason, p.released_at, p.released_on, p.released_by, p.release_reason, p.court_order, p.apply_entry, p.countersign_entry, p.register_entry, p.refusal_entry, p.release_entry FROM pledges p JOIN accounts a ON a.id = p.pledgor_id";

pub(crate) fn views(rows: &[sqlx::any::AnyRow]) -> Result<Vec<PledgeView>> {
    rows.iter().map(view).collect()
}

/// A pledge by id, whoever asks (callers check the policy). An id that is no UUID
/// names no pledge: 404 before any query (and a NUL never reaches PostgreSQL).
async fn load(reg: &Register<'_>, id: &str) -> Result<PledgeView> {
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(ServiceError::NotFound(format!(
            "no pledge `{}`",
            id.chars()
                .filter(|c| !c.is_control())
                .take(64)
                .collect::<String>()
        )));
    }
    let sql = format!("{SELECT} WHERE p.id = $1");
    let r = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_optional(&reg.db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no pledge {id}")))?;
    view(&r)
}

/// `username (role)`, or `username (officer of agency)`: who took a step, in the log.
fn actor(who: &Account) -> String {
    match &who.agency {
        Some(a) if who.role == Role::Officer => format!("{} (officer of {a})", who.username),
        _ => format!("{} ({})", who.username, who.role.as_str()),
    }
}

/// The other party of an application, by username: it must exist with the role its
/// side needs.
async fn counterparty(
    reg: &Register<'_>,
    field: &str,
    username: &str,
    role: Role,
) -> Result<Account> {
    let name = text_field(field, username, 64)?;
    let what = match role {
        Role::FinancialInstitution => "financial institution",
        _ => "applicant (the right holder)",
    };
    match onestop_store::accounts::by_username(reg.db, &name).await? {
        Some(a) if a.role == role => Ok(a),
        _ => Err(ServiceError::invalid(
            field,
            format!("no {what} has the username `{name}`"),
        )),
    }
}

/// Starts a joint application: the pledgor names its pledgee, or the pledgee names
/// the pledgor. The starter's signature is the application itself; logged.
pub async fn apply(reg: &Register<'_>, who: &Account, req: &ApplyPledge) -> Result<PledgeView> {
    reg.require(who, "apply_pledge", &Resource::PledgeRegister, || {
        "a pledge is applied for by the right holder or by its lender".into()
    })?;
    let k = kind(&req.right_kind)?;
    let number = normalise_number(&req.right_number)?;
    let (applied_by, pledgor, pledgee) = if who.role == Role::FinancialInstitution {
        let Some(u) = req.pledgor.as_deref() else {
            return Err(ServiceError::invalid(
                "pledgor",
                "name the pledgor: the username of the right holder",
            ));
        };
        let pledgor = counterparty(reg, "pledgor", u, Role::Applicant).await?;
        ("pledgee", pledgor, who.clone())
    } else {
        let Some(u) = req.pledgee.as_deref() else {
            return Err(ServiceError::invalid(
                "pledgee",
                "name the pledgee: the username of the lending financial institution",
            ));
        };
        let pledgee = counterparty(reg, "pledgee", u, Role::FinancialInstitution).await?;
        ("pledgor", who.clone(), pledgee)
    };
    let secured = match &req.secured_amount {
        None | Some(J::Null) => None,
        Some(v) => Some(parse_fen("secured_amount", v)?),
    };
    if let Some(p) = standing(reg, k, &number).await? {
        return Err(already_pledged(k, &number, &p));
    }
    let id = uuid::Uuid::now_v7().to_string();
    let at = onestop_store::now();
    let on = onestop_store::today().to_string();
    let doc = json!({
        "type": "pledge.applied",
        "pledge_id": id,
        "right": {"kind": k, "number": number},
        "pledgor": {"account_id": pledgor.id, "name": pledgor.display_name},
        "pledgee": {"account_id": pledgee.id, "name": pledgee.display_name},
        "secured_amount": secured.map(yuan),
        "agency": REGISTRATION_AGENCY,
        "applied_by": applied_by,
        "signed_by": actor(who),
        "applied_on": on,
        "at": at,
    });
    let mut tx = reg.db.pool.begin().await?;
    sqlx::query("INSERT INTO pledges (id, right_kind, right_number, pledgor_id, pledgee_id, pledgee_name, secured_fen, agency, state, applied_by, applied_at, applied_on) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'applied', $9, $10, $11)")
        .bind(&id)
        .bind(k)
        .bind(&number)
        .bind(&pledgor.id)
        .bind(&pledgee.id)
        .bind(&pledgee.display_name)
        .bind(secured)
        .bind(REGISTRATION_AGENCY)
        .bind(applied_by)
        .bind(&at)
        .bind(&on)
        .execute(&mut *tx)
        .await?;
    let idx = log::append_one(&mut tx, "pledge.applied", &id, &doc).await?;
    sqlx::query("UPDATE pledges SET apply_entry = $1 WHERE id = $2")
        .bind(idx)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    load(reg, &id).await
}

fn already_pledged(kind: &str, number: &str, p: &PledgeView) -> ServiceError {
    ServiceError::Conflict(format!(
        "{kind} {number} is already pledged to {} (registered {}); it can be pledged again once released",
        p.pledgee_name,
        p.registered_on.as_deref().unwrap_or("")
    ))
}

/// The pledge standing on a right, if any.
pub(crate) async fn standing(
    reg: &Register<'_>,
    kind: &str,
    number: &str,
) -> Result<Option<PledgeView>> {
    let sql = format!("{SELECT} WHERE p.active_key = $1");
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(format!("{kind}:{number}"))
        .fetch_optional(&reg.db.pool)
        .await?
        .as_ref()
        .map(view)
        .transpose()
}

/// One step of a pledge's life: `set` (SQL assignments from `$3` on, with `binds`)
/// applied only while the pledge is in `from`, then the log entry `doc` of `kind`,
/// whose index goes to `entry_column`; all in one transaction.
struct Step<'a> {
    kind: &'a str,
    from: &'a str,
    set: &'a str,
    binds: Vec<Option<String>>,
    entry_column: &'a str,
    doc: J,
}

async fn step(reg: &Register<'_>, p: &PledgeView, s: Step<'_>) -> Result<PledgeView> {
    let mut tx = reg.db.pool.begin().await?;
    let sql = format!("UPDATE pledges SET {} WHERE id = $1 AND state = $2", s.set);
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&p.id)
        .bind(s.from);
    for b in &s.binds {
        q = q.bind(b.clone());
    }
    let done = match q.execute(&mut *tx).await {
        Ok(d) => d,
        Err(e) => {
            let _ = tx.rollback().await;
            if is_unique_violation(&e) {
                return Err(match standing(reg, &p.right_kind, &p.right_number).await? {
                    Some(other) => already_pledged(&p.right_kind, &p.right_number, &other),
                    None => ServiceError::Conflict(format!(
                        "{} {} is already pledged; try again",
                        p.right_kind, p.right_number
                    )),
                });
            }
            return Err(e.into());
        }
    };
    if done.rows_affected() != 1 {
        let _ = tx.rollback().await;
        let now = load(reg, &p.id).await?;
        return Err(ServiceError::Conflict(format!(
            "this pledge is {}, not {}: it was changed meanwhile",
            now.state, s.from
        )));
    }
    let idx = log::append_one(&mut tx, s.kind, &p.id, &s.doc).await?;
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "UPDATE pledges SET {} = $1 WHERE id = $2",
        s.entry_column
    )))
    .bind(idx)
    .bind(&p.id)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    log::publish_head(reg.db).await?;
    load(reg, &p.id).await
}

/// A step needs the pledge in state `from`: 409 naming the state it is in.
fn in_state(p: &PledgeView, from: &str, what: &str) -> Result<()> {
    if p.state == from {
        Ok(())
    } else {
        Err(ServiceError::Conflict(format!(
            "this pledge is {}: only a pledge that is {from} is {what}",
            p.state
        )))
    }
}

/// The other party countersigns the application: both have signed, and it goes to
/// the registration authority.
pub async fn countersign(reg: &Register<'_>, who: &Account, id: &str) -> Result<PledgeView> {
    let p = load(reg, id).await?;
    reg.require(who, "countersign_pledge", &p.resource(), || {
        "only the other party of the application countersigns it".into()
    })?;
    in_state(&p, "applied", "countersigned")?;
    let at = onestop_store::now();
    let on = onestop_store::today().to_string();
    let doc = json!({
        "type": "pledge.countersigned",
        "pledge_id": p.id,
        "right": {"kind": p.right_kind, "number": p.right_number},
        "application_entry": p.apply_entry,
        "signed_by": actor(who),
        "as": if p.applied_by == "pledgor" { "pledgee" } else { "pledgor" },
        "countersigned_on": on,
        "at": at,
    });
    step(
        reg,
        &p,
        Step {
            kind: "pledge.countersigned",
            from: "applied",
            set: "state = 'signed', countersigned_at = $3, countersigned_on = $4, countersigned_by = $5",
            binds: vec![Some(at), Some(on), Some(who.username.clone())],
            entry_column: "countersign_entry",
            doc,
        },
    )
    .await
}

/// The registration authority's officer registers a jointly signed application: the
/// pledge exists from now, and the right stands pledged until released.
pub async fn register(reg: &Register<'_>, who: &Account, id: &str) -> Result<PledgeView> {
    let p = load(reg, id).await?;
    reg.require(who, "register_pledge", &p.resource(), || {
        "only the registration authority's officers register a pledge".into()
    })?;
    in_state(&p, "signed", "registered")?;
    let at = onestop_store::now();
    let on = onestop_store::today().to_string();
    let doc = json!({
        "type": "pledge.registered",
        "pledge_id": p.id,
        "right": {"kind": p.right_kind, "number": p.right_number},
        "pledgor": {"account_id": p.pledgor_id, "name": p.pledgor_name},
        "pledgee": {"account_id": p.pledgee_id, "name": p.pledgee_name},
        "secured_amount": p.secured_amount,
        "agency": p.agency,
        "application_entry": p.apply_entry,
        "countersignature_entry": p.countersign_entry,
        "registered_by": actor(who),
        "registered_on": on,
        "at": at,
    });
    step(
        reg,
        &p,
        Step {
            kind: "pledge.registered",
            from: "signed",
            set: "state = 'registered', active_key = $3, registered_at = $4, registered_on = $5, registered_by = $6",
            binds: vec![
                Some(format!("{}:{}", p.right_kind, p.right_number)),
                Some(at),
                Some(on),
                Some(who.username.clone()),
            ],
            entry_column: "register_entry",
            doc,
        },
    )
    .await
}

/// The officer refuses a jointly signed application, with the reason (for instance:
/// the pledgor is not the registered holder, the right has lapsed).
pub async fn refuse(
    reg: &Register<'_>,
    who: &Account,
    id: &str,
    reason: &str,
) -> Result<PledgeView> {
    let p = load(reg, id).await?;
    reg.require(who, "refuse_pledge", &p.resource(), || {
        "only the registration authority's officers refuse a pledge".into()
    })?;
    in_state(&p, "signed", "refused")?;
    let reason = text_field("reason", reason, 1000)?;
    let at = onestop_store::now();
    let on = onestop_store::today().to_string();
    let doc = json!({
        "type": "pledge.refused",
        "pledge_id": p.id,
        "right": {"kind": p.right_kind, "number": p.right_number},
        "agency": p.agency,
        "refused_by": actor(who),
        "reason": reason,
        "refused_on": on,
        "at": at,
    });
    step(
        reg,
        &p,
        Step {
            kind: "pledge.refused",
            from: "signed",
            set: "state = 'refused', refused_at = $3, refused_on = $4, refused_by = $5, refusal_reason = $6",
            binds: vec![Some(at), Some(on), Some(who.username.clone()), Some(reason)],
            entry_column: "refusal_entry",
            doc,
        },
    )
    .await
}

/// Releases a registered pledge: the pledgee giving up its security, or the
/// registration authority's officer on a court order (its reference recorded). The
/// pledgor alone never releases.
pub async fn release(
    reg: &Register<'_>,
    who: &Account,
    id: &str,
    req: &ReleasePledge,
) -> Result<PledgeView> {
    let p = load(reg, id).await?;
    let order = match req.court_order.as_deref() {
        Some(o) if !o.trim().is_empty() => Some(text_field("court_order", o, 200)?),
        _ => None,
    };
    let (action, basis) = match order {
        Some(_) => ("release_pledge_by_order", "court_order"),
        None => ("release_pledge", "pledgee"),
    };
    reg.require(who, action, &p.resource(), || match order {
        Some(_) => {
            "only the registration authority's officers release a pledge on a court order".into()
        }
        None if who.role == Role::Officer => {
            "an officer releases a pledge only on a court order: give its reference".into()
        }
        None => {
            "only the pledgee releases a pledge (or the registration authority on a court order)"
                .into()
        }
    })?;
    in_state(&p, "registered", "released")?;
    let reason = if req.reason.trim().is_empty() {
        "released".to_string()
    } else {
        text_field("reason", &req.reason, 1000)?
    };
    let at = onestop_store::now();
    let on = onestop_store::today().to_string();
    let doc = json!({
        "type": "pledge.released",
        "pledge_id": p.id,
        "right": {"kind": p.right_kind, "number": p.right_number},
        "basis": basis,
        "court_order": order,
        "released_by": actor(who),
        "reason": reason,
        "released_on": on,
        "at": at,
    });
    step(
        reg,
        &p,
        Step {
            kind: "pledge.released",
            from: "registered",
            set: "state = 'released', active_key = NULL, released_at = $3, released_on = $4, released_by = $5, release_reason = $6, court_order = $7",
            binds: vec![
                Some(at),
                Some(on),
                Some(who.username.clone()),
                Some(reason),
                order,
            ],
            entry_column: "release_entry",
            doc,
        },
    )
    .await
}

/// One pledge, for its parties, the registration authority and administrators.
pub async fn get(reg: &Register<'_>, who: &Account, id: &str) -> Result<PledgeView> {
    let p = load(reg, id).await?;
    reg.require(who, "view_pledge", &p.resource(), || {
        "this pledge is seen by its two parties and the registration authority only".into()
    })?;
    Ok(p)
}

/// The pledges `who` is a party to, or its agency registers (newest first), each
/// passing the access policy (`view_pledge`).
pub async fn list(reg: &Register<'_>, who: &Account) -> Result<Vec<PledgeView>> {
    let sql = format!(
        "{SELECT} WHERE p.pledgor_id = $1 OR p.pledgee_id = $1 OR p.agency = $2 ORDER BY p.applied_at DESC"
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(&who.id)
        .bind(who.agency.clone().unwrap_or_default())
        .fetch_all(&reg.db.pool)
        .await?;
    Ok(views(&rows)?
        .into_iter()
        .filter(|p| reg.authz.allowed(who, "view_pledge", &p.resource()))
        .collect())
}

/// Every pledge against the log: exactly the entries its columns name, of each kind
/// (no more, no fewer), and a state those entries explain.
pub(crate) async fn check_against_log(
    db: &onestop_store::Db,
    log: &Logged,
) -> Result<(u64, Vec<Problem>)> {
    let rows = sqlx::query(
        "SELECT id, state, active_key, apply_entry, countersign_entry, register_entry, refusal_entry, release_entry FROM pledges ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut problems = Vec::new();
    for r in &rows {
        let id: String = r.try_get("id")?;
        let state: String = r.try_get("state")?;
        let active: Option<String> = r.try_get("active_key")?;
        let mut ok = true;
        let mut has = std::collections::BTreeMap::new();
        for (kind, column) in [
            ("pledge.applied", "apply_entry"),
            ("pledge.countersigned", "countersign_entry"),
            ("pledge.registered", "register_entry"),
            ("pledge.refused", "refusal_entry"),
            ("pledge.released", "release_entry"),
        ] {
            let at: Option<i64> = r.try_get(column)?;
            let logged: Vec<i64> = logged_about(log, kind, &id).map(|(i, _)| i).collect();
            ok &= logged == at.into_iter().collect::<Vec<_>>();
            has.insert(kind, at.is_some());
        }
        let h = |k: &str| has.get(k).copied().unwrap_or(false);
        // Pledges registered before migration 0011 have no application entries.
        let signed_jointly = h("pledge.applied") && h("pledge.countersigned");
        let before_0011 = !h("pledge.applied") && !h("pledge.countersigned");
        ok &= match state.as_str() {
            "applied" => {
                h("pledge.applied")
                    && !h("pledge.countersigned")
                    && !h("pledge.registered")
                    && !h("pledge.refused")
                    && !h("pledge.released")
                    && active.is_none()
            }
            "signed" => {
                signed_jointly
                    && !h("pledge.registered")
                    && !h("pledge.refused")
                    && !h("pledge.released")
                    && active.is_none()
            }
            "refused" => {
                signed_jointly
                    && h("pledge.refused")
                    && !h("pledge.registered")
                    && !h("pledge.released")
                    && active.is_none()
            }
            "registered" => {
                (signed_jointly || before_0011)
                    && h("pledge.registered")
                    && !h("pledge.released")
                    && active.is_some()
            }
            "released" => {
                (signed_jointly || before_0011)
                    && h("pledge.registered")
                    && h("pledge.released")
                    && active.is_none()
            }
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
