//! Loading a year's holiday notice into a running service: the file is validated,
//! stored in the data directory (`<data>/calendar/<year>.csv`, where `serve` reads it
//! at start), and every open case whose deadline was counted provisionally is
//! recomputed with the new calendar in one transaction, each change an audit event.
//! A bad file changes nothing; if the database step fails, the file is put back as
//! it was, so the files and the deadlines never disagree.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::NaiveDate;
use onestop_calendar::{Calendar, YearNotice};
use serde::Serialize;
use sqlx::Row;

use crate::model::CaseState;
use onestop_store::Db;
use onestop_store::{Result, ServiceError};

/// One recomputed deadline.
#[derive(Debug, Clone, Serialize)]
pub struct DeadlineChange {
    pub case_id: String,
    pub old_deadline: String,
    pub new_deadline: String,
    pub provisional: bool,
}

/// What loading a notice did.
#[derive(Debug, Clone, Serialize)]
pub struct NoticeImported {
    pub year: i32,
    pub notice: String,
    pub published: NaiveDate,
    /// The file now holding the notice.
    pub file: String,
    /// Whether it replaced an earlier notice for the same year.
    pub replaced: bool,
    /// Open cases with a provisional deadline that were looked at.
    pub checked: usize,
    /// Those whose deadline (or its provisional mark) changed.
    pub changed: Vec<DeadlineChange>,
}

/// The notice diagnostics as one message: `FILE:LINE: error: ...` per problem.
pub fn describe_problems(file: &str, problems: &[onestop_calendar::NoticeError]) -> String {
    problems
        .iter()
        .map(|p| format!("{file}:{}: error: {} (hint: {})", p.line, p.message, p.hint))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Validates `text` (named `source` in errors), stores it as `<dir>/<year>.csv`,
/// recomputes provisional deadlines and returns the new calendar with the report.
/// The caller installs the calendar ([`onestop_calendar::install`]).
pub async fn import_notice(
    db: &Db,
    dir: &Path,
    source: &str,
    text: &str,
    actor: &str,
) -> Result<(Arc<Calendar>, NoticeImported)> {
    let notice = YearNotice::parse(text)
        .map_err(|problems| ServiceError::invalid("file", describe_problems(source, &problems)))?;
    // The other stored notices must load too: a calendar is never built from part of the data.
    let mut notices = onestop_calendar::shipped_notices();
    let stored = onestop_calendar::read_dir_notices(dir)
        .map_err(|e| ServiceError::invalid("file", e.to_string()))?;
    let mut replaced_path: Option<PathBuf> = None;
    for (path, n) in stored {
        if n.year == notice.year {
            replaced_path = Some(path);
            continue;
        }
        notices.retain(|x| x.year != n.year);
        notices.push(n);
    }
    let replaced = replaced_path.is_some()
        || onestop_calendar::shipped_notices()
            .iter()
            .any(|n| n.year == notice.year);
    notices.retain(|x| x.year != notice.year);
    notices.push(notice.clone());
    let calendar = Arc::new(Calendar::from_notices(notices));

    std::fs::create_dir_all(dir)
        .map_err(|e| ServiceError::Storage(format!("cannot create {}: {e}", dir.display())))?;
    let target = dir.join(format!("{}.csv", notice.year));
    let previous = match &replaced_path {
        Some(p) => Some((
            p.clone(),
            std::fs::read(p).map_err(|e| ServiceError::Storage(format!("{}: {e}", p.display())))?,
        )),
        None => None,
    };
    write_atomically(&target, notice.to_file().as_bytes())?;
    if let Some(p) = &replaced_path
        && *p != target
    {
        let _ = std::fs::remove_file(p);
    }
    let why = format!(
        "{} ({}{})",
        notice.title,
        notice
            .reference
            .as_deref()
            .map(|r| format!("{r}, "))
            .unwrap_or_default(),
        notice.published
    );
    match recompute_provisional_deadlines(db, &calendar, actor, &why).await {
        Ok((checked, changed)) => Ok((
            calendar,
            NoticeImported {
                year: notice.year,
                notice: notice.title.clone(),
                published: notice.published,
                file: target.display().to_string(),
                replaced,
                checked,
                changed,
            },
        )),
        Err(e) => {
            // Put the files back as they were: the deadlines did not change either.
            let _ = std::fs::remove_file(&target);
            if let Some((p, bytes)) = previous {
                let _ = write_atomically(&p, &bytes);
            }
            Err(e)
        }
    }
}

fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("csv.tmp");
    let io =
        |e: std::io::Error| ServiceError::Storage(format!("cannot write {}: {e}", path.display()));
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    std::fs::rename(&tmp, path).map_err(io)
}

/// Recounts the deadline of every open case accepted with a provisional deadline,
/// in one transaction; decided cases keep theirs. Returns (checked, changed).
pub async fn recompute_provisional_deadlines(
    db: &Db,
    calendar: &Calendar,
    actor: &str,
    why: &str,
) -> Result<(usize, Vec<DeadlineChange>)> {
    let mut tx = db.pool.begin().await?;
    let rows = sqlx::query("SELECT id, state, accepted_on, working_days, suspended_days, deadline FROM cases WHERE deadline_provisional = 1 AND accepted_on IS NOT NULL AND working_days IS NOT NULL AND deadline IS NOT NULL ORDER BY id")
        .fetch_all(&mut *tx)
        .await?;
    let mut checked = 0;
    let mut changed = Vec::new();
    let at = onestop_store::now();
    for r in rows {
        let state: String = r.try_get("state")?;
        let Some(state) = CaseState::parse(&state) else {
            continue;
        };
        if state.is_final() {
            continue;
        }
        checked += 1;
        let id: String = r.try_get("id")?;
        let accepted: String = r.try_get("accepted_on")?;
        // The statutory days plus the days the clock stood still.
        let days: i64 =
            r.try_get::<i64, _>("working_days")? + r.try_get::<i64, _>("suspended_days")?;
        let old: String = r.try_get("deadline")?;
        let Ok(accepted_on) = NaiveDate::parse_from_str(&accepted, "%Y-%m-%d") else {
            return Err(ServiceError::Storage(format!(
                "case {id} has an unreadable acceptance date `{accepted}`"
            )));
        };
        let due = calendar.add_working_days(accepted_on, days).map_err(|e| {
            ServiceError::Conflict(format!("cannot recount case {id}'s deadline: {e}"))
        })?;
        let provisional = !calendar.provisional_in(accepted_on, due).is_empty();
        let new = due.to_string();
        if new == old && provisional {
            continue;
        }
        sqlx::query("UPDATE cases SET deadline = $1, deadline_provisional = $2, version = version + 1 WHERE id = $3")
            .bind(&new)
            .bind(i64::from(provisional))
            .bind(&id)
            .execute(&mut *tx)
            .await?;
        let seq: i64 =
            sqlx::query("SELECT COALESCE(MAX(seq), 0) AS m FROM audit WHERE case_id = $1")
                .bind(&id)
                .fetch_one(&mut *tx)
                .await?
                .try_get("m")?;
        let mark = if provisional {
            " (still provisional)"
        } else {
            ""
        };
        sqlx::query("INSERT INTO audit (case_id, seq, at, actor, from_state, to_state, reason) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(&id)
            .bind(seq + 1)
            .bind(&at)
            .bind(actor)
            .bind(state.as_str())
            .bind(state.as_str())
            .bind(format!(
                "deadline recounted after loading {why}: {old} (provisional) -> {new}{mark}"
            ))
            .execute(&mut *tx)
            .await?;
        changed.push(DeadlineChange {
            case_id: id,
            old_deadline: old,
            new_deadline: new,
            provisional,
        });
    }
    tx.commit().await?;
    Ok((checked, changed))
}

/// One year of the calendar as `onestop calendar status`, `/api/calendar` and the
/// admin page show it.
#[derive(Debug, Clone, Serialize)]
pub struct YearRow {
    pub year: i32,
    /// `official` or `provisional`.
    pub status: &'static str,
    pub notice: Option<String>,
    pub reference: Option<String>,
    pub published: Option<NaiveDate>,
    /// `shipped`, or the file in the data directory the notice came from.
    pub from: Option<String>,
    /// For a provisional year: the instrument whose statutory holidays count.
    pub rule: Option<&'static str>,
    pub rule_zh: Option<&'static str>,
    /// The decree of that version (the portal names the Regulations in each language).
    pub decree: Option<u32>,
}

/// The calendar's coverage and its years, from 2019 to the year after today (or after
/// the last notice loaded).
#[derive(Debug, Clone, Serialize)]
pub struct CalendarStatus {
    pub today: NaiveDate,
    pub official_until: Option<NaiveDate>,
    pub days_left: i64,
    pub next_year: i32,
    /// Official coverage ends within 60 days.
    pub warning: bool,
    pub years: Vec<YearRow>,
}

pub fn status(cal: &Calendar, today: NaiveDate, dir: Option<&Path>) -> CalendarStatus {
    use chrono::Datelike;
    let from_dir: Vec<(PathBuf, i32)> = dir
        .and_then(|d| onestop_calendar::read_dir_notices(d).ok())
        .unwrap_or_default()
        .into_iter()
        .map(|(p, n)| (p, n.year))
        .collect();
    let last = cal.notices().map(|n| n.year).max().unwrap_or(2019);
    let c = cal.coverage(today);
    let mut years = Vec::new();
    for y in 2019..=(today.year() + 1).max(last + 1) {
        let row = match cal.status(y) {
            Some(onestop_calendar::YearStatus::Official(n)) => YearRow {
                year: y,
                status: "official",
                notice: Some(n.title.clone()),
                reference: n.reference.clone(),
                published: Some(n.published),
                from: Some(
                    from_dir
                        .iter()
                        .find(|(_, year)| *year == y)
                        .map(|(p, _)| p.display().to_string())
                        .unwrap_or_else(|| "shipped".into()),
                ),
                rule: None,
                rule_zh: None,
                decree: None,
            },
            Some(onestop_calendar::YearStatus::Provisional(rule)) => YearRow {
                year: y,
                status: "provisional",
                notice: None,
                reference: None,
                published: None,
                from: None,
                rule: Some(rule.instrument_en),
                rule_zh: Some(rule.instrument_zh),
                decree: Some(rule.decree),
            },
            None => continue,
        };
        years.push(row);
    }
    CalendarStatus {
        today,
        official_until: c.official_until,
        days_left: c.days_left,
        next_year: c.next_year,
        warning: c.warn(),
        years,
    }
}
