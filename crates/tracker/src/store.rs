//! The tracker in the database: every record an officer makes (status, note,
//! evidence links, revised completion date) is a new row of `tracker_updates`, never
//! an edit, so the history is the table; a measure's state is its latest row over
//! the catalogue's entry. Recording asks the access policy (`record_progress`, the
//! officers of the measure's responsible organisations), exporting asks
//! `export_tracker` (the supervising office).

use crate::config::current;
use crate::progress::{Progress, due, overdue};
use chrono::NaiveDate;
use onestop_catalog::MeasureEntry;
use onestop_store::authz::Resource;
use onestop_store::db::is_unique_violation;
use onestop_store::{Account, Authz, Db, Result, ServiceError, now};
use serde::Serialize;
use sqlx::Row;
use std::collections::HashMap;

/// One record, as stored.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Update {
    pub measure: String,
    pub seq: i64,
    pub status: String,
    pub note: String,
    pub evidence: Vec<String>,
    pub revised_completion: Option<String>,
    /// Who recorded it (username) and for which agency.
    pub actor: String,
    pub agency: String,
    pub at: String,
}

/// A measure as the tracker shows it.
#[derive(Debug, Clone, Serialize)]
pub struct MeasureState {
    pub id: String,
    pub sources: Vec<String>,
    pub responsible: Vec<String>,
    /// The agencies whose officers may record progress.
    pub agencies: Vec<String>,
    /// The source's time of completion (`YYYY-MM`, `ongoing` or empty).
    pub completion: String,
    pub catalogue_status: String,
    /// The recorded status, else the catalogue's.
    pub status: String,
    pub revised_completion: Option<String>,
    pub due: Option<String>,
    pub overdue: bool,
    pub last: Option<Update>,
}

/// What an officer records.
#[derive(Debug, Clone)]
pub struct NewUpdate {
    pub status: String,
    pub note: String,
    pub evidence: Vec<String>,
    pub revised_completion: Option<String>,
}

const MAX_NOTE: usize = 4000;
const MAX_LINKS: usize = 10;
const MAX_LINK: usize = 500;

fn from_row(r: &sqlx::any::AnyRow) -> Result<Update> {
    let evidence: String = r.try_get("evidence")?;
    Ok(Update {
        measure: r.try_get("measure")?,
        seq: r.try_get("seq")?,
        status: r.try_get("status")?,
        note: r.try_get("note")?,
        evidence: serde_json::from_str(&evidence).unwrap_or_default(),
        revised_completion: r.try_get("revised_completion")?,
        actor: r.try_get("actor")?,
        agency: r.try_get("agency")?,
        at: r.try_get("at")?,
    })
}

fn entry(id: &str) -> Result<&'static MeasureEntry> {
    onestop_catalog::embedded().get(id).ok_or_else(|| {
        ServiceError::NotFound(format!(
            "no measure {:?} in the tracker",
            id.replace('\0', "")
        ))
    })
}

fn state_of(m: &MeasureEntry, last: Option<Update>, today: NaiveDate) -> MeasureState {
    let progress = last
        .as_ref()
        .and_then(|u| Progress::parse(&u.status))
        .unwrap_or_else(|| Progress::from_catalogue(&m.status));
    let revised = last.as_ref().and_then(|u| u.revised_completion.clone());
    let revised_date = revised
        .as_deref()
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let due_date = due(&m.completion, revised_date);
    MeasureState {
        id: m.id.clone(),
        sources: m.sources.clone(),
        responsible: m.responsible.clone(),
        agencies: current().agencies_for(&m.responsible),
        completion: m.completion.clone(),
        catalogue_status: m.status.clone(),
        status: progress.as_str().to_string(),
        revised_completion: revised,
        due: due_date.map(|d| d.to_string()),
        overdue: overdue(progress, due_date, today),
        last,
    }
}

/// Every measure of the catalogue with its state, in catalogue order.
pub async fn states(db: &Db, today: NaiveDate) -> Result<Vec<MeasureState>> {
    let rows = sqlx::query("SELECT t.measure, t.seq, t.status, t.note, t.evidence, t.revised_completion, t.actor, t.agency, t.at FROM tracker_updates t JOIN (SELECT measure, MAX(seq) AS seq FROM tracker_updates GROUP BY measure) l ON l.measure = t.measure AND l.seq = t.seq")
        .fetch_all(&db.pool)
        .await?;
    let mut last: HashMap<String, Update> = HashMap::new();
    for r in &rows {
        let u = from_row(r)?;
        last.insert(u.measure.clone(), u);
    }
    Ok(onestop_catalog::embedded()
        .measures
        .iter()
        .map(|m| state_of(m, last.remove(&m.id), today))
        .collect())
}

/// One measure's state and its whole history, oldest first.
pub async fn measure(db: &Db, id: &str, today: NaiveDate) -> Result<(MeasureState, Vec<Update>)> {
    let m = entry(id)?;
    let history = sqlx::query("SELECT measure, seq, status, note, evidence, revised_completion, actor, agency, at FROM tracker_updates WHERE measure = $1 ORDER BY seq")
        .bind(id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(from_row)
        .collect::<Result<Vec<_>>>()?;
    Ok((state_of(m, history.last().cloned(), today), history))
}

/// Whether `who` may record progress on the measure (for showing the form).
pub fn may_record(authz: &Authz, who: &Account, id: &str) -> bool {
    let Ok(m) = entry(id) else { return false };
    authz.allowed(
        who,
        "record_progress",
        &Resource::TrackerMeasure {
            id,
            responsible: current().agencies_for(&m.responsible),
        },
    )
}

fn check_update(u: &NewUpdate) -> Result<()> {
    if Progress::parse(&u.status).is_none() {
        return Err(ServiceError::invalid(
            "status",
            format!(
                "unknown status {:?}; expected one of: planned, in-progress, completed, ongoing",
                u.status
            ),
        ));
    }
    let note = u.note.trim();
    if note.is_empty() {
        return Err(ServiceError::invalid(
            "note",
            "say what was done (the note is empty)",
        ));
    }
    if note.chars().count() > MAX_NOTE || note.contains('\0') {
        return Err(ServiceError::invalid(
            "note",
            format!("the note must be text of at most {MAX_NOTE} characters"),
        ));
    }
    if u.evidence.len() > MAX_LINKS {
        return Err(ServiceError::invalid(
            "evidence",
            format!("at most {MAX_LINKS} evidence links"),
        ));
    }
    for link in &u.evidence {
        let ok =
            (link.starts_with("https://") || link.starts_with("http://") || link.starts_with('/'))
                && link.len() <= MAX_LINK
                && !link.chars().any(|c| c.is_whitespace() || c.is_control());
        if !ok {
            return Err(ServiceError::invalid(
                "evidence",
                format!(
                    "{link:?} is not a link: give an https:// address or a path on this portal (/...), one per line"
                ),
            ));
        }
    }
    if let Some(d) = &u.revised_completion {
        let parsed = NaiveDate::parse_from_str(d, "%Y-%m-%d").ok();
        if !parsed.is_some_and(|p| (2019..=2099).contains(&chrono::Datelike::year(&p))) {
            return Err(ServiceError::invalid(
                "revised_completion",
                format!("{d:?} is not a date YYYY-MM-DD between 2019 and 2099"),
            ));
        }
    }
    Ok(())
}

/// Records progress on a measure (a new row of its history).
pub async fn record(
    db: &Db,
    authz: &Authz,
    who: &Account,
    id: &str,
    u: &NewUpdate,
) -> Result<Update> {
    entry(id)?;
    if !may_record(authz, who, id) {
        return Err(ServiceError::Forbidden(
            "progress is recorded by officers of the measure's responsible organisations".into(),
        ));
    }
    check_update(u)?;
    let evidence =
        serde_json::to_string(&u.evidence).map_err(|e| ServiceError::Storage(e.to_string()))?;
    // Two officers at once: the second gets the next number (a retry on the key).
    for _ in 0..5 {
        let next: i64 = sqlx::query(
            "SELECT COALESCE(MAX(seq), 0) + 1 AS n FROM tracker_updates WHERE measure = $1",
        )
        .bind(id)
        .fetch_one(&db.pool)
        .await?
        .try_get("n")?;
        let at = now();
        let r = sqlx::query("INSERT INTO tracker_updates (measure, seq, status, note, evidence, revised_completion, actor, agency, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(id)
            .bind(next)
            .bind(&u.status)
            .bind(u.note.trim())
            .bind(&evidence)
            .bind(&u.revised_completion)
            .bind(&who.username)
            .bind(who.agency.clone().unwrap_or_default())
            .bind(&at)
            .execute(&db.pool)
            .await;
        match r {
            Ok(_) => {
                return Ok(Update {
                    measure: id.to_string(),
                    seq: next,
                    status: u.status.clone(),
                    note: u.note.trim().to_string(),
                    evidence: u.evidence.clone(),
                    revised_completion: u.revised_completion.clone(),
                    actor: who.username.clone(),
                    agency: who.agency.clone().unwrap_or_default(),
                    at,
                });
            }
            Err(e) if is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(ServiceError::Conflict(
        "the measure is being updated by others right now; try again".into(),
    ))
}

/// Whether `who` may export the tracker.
pub fn may_export(authz: &Authz, who: &Account) -> bool {
    authz.allowed(
        who,
        "export_tracker",
        &Resource::Tracker {
            supervisors: current().supervisors.clone(),
        },
    )
}

/// A CSV field: quoted, quotes doubled, and a leading `=`, `+`, `-` or `@` escaped
/// so a spreadsheet never runs it as a formula.
fn field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// The tracker for the supervising office: one line per measure (RFC 4180, UTF-8).
pub async fn export_csv(db: &Db, authz: &Authz, who: &Account, today: NaiveDate) -> Result<String> {
    if !may_export(authz, who) {
        return Err(ServiceError::Forbidden(
            "the supervising office and administrators export the tracker".into(),
        ));
    }
    let catalog = onestop_catalog::embedded();
    let mut out = String::from(
        "id,sources,title_en,title_zh,responsible,completion,revised_completion,due,status,overdue,last_note,evidence,updated_at,updated_by\r\n",
    );
    for s in states(db, today).await? {
        let m = catalog.get(&s.id);
        let cells = [
            s.id.clone(),
            s.sources.join("; "),
            m.map(|m| m.title.en.clone()).unwrap_or_default(),
            m.map(|m| m.title.zh.clone()).unwrap_or_default(),
            s.responsible.join("; "),
            s.completion.clone(),
            s.revised_completion.clone().unwrap_or_default(),
            s.due.clone().unwrap_or_default(),
            s.status.clone(),
            if s.overdue { "yes" } else { "no" }.to_string(),
            s.last.as_ref().map(|u| u.note.clone()).unwrap_or_default(),
            s.last
                .as_ref()
                .map(|u| u.evidence.join(" "))
                .unwrap_or_default(),
            s.last.as_ref().map(|u| u.at.clone()).unwrap_or_default(),
            s.last
                .as_ref()
                .map(|u| format!("{} ({})", u.actor, u.agency))
                .unwrap_or_default(),
        ];
        out.push_str(&cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(super::field("a \"b\", c"), "\"a \"\"b\"\", c\"");
        assert_eq!(super::field("=1+1"), "\"'=1+1\"");
    }
}
