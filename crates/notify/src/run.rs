//! The matching run: every stored profile evaluated in one batch per entity (by the
//! [`Evaluator`] the caller plugs in), compared with the last run's answer, and each
//! new eligibility, each lost one and each approaching deadline written as a
//! notification, all in one transaction. A `preview` run evaluates a draft of the
//! rules and records only how many profiles each measure reaches (what an agency
//! sees before it publishes a measure); it notifies nobody and changes no state.

use crate::diff::{Change, changes};
use crate::evaluate::{Answer, Evaluator, Profile};
use crate::subscription::{self, Subscription};
use chrono::NaiveDate;
use onestop_cases::CaseService;
use onestop_cases::CaseState;
use onestop_engine::facts_from_json;
use onestop_lang::Program;
use onestop_store::{Result, ServiceError, now};
use serde::Serialize;
use sqlx::Row;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RunKind {
    /// Notifies: the rules in force.
    Live,
    /// Counts only: a draft of the rules.
    Preview,
}

impl RunKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RunKind::Live => "live",
            RunKind::Preview => "preview",
        }
    }
}

#[derive(Debug, Clone)]
pub struct RunOptions {
    pub kind: RunKind,
    /// Where the rules came from (`rules/`, a draft folder, a reform), for the record.
    pub label: String,
    /// The decision date the rules are evaluated on (the business date).
    pub date: NaiveDate,
    /// Days before a due date that it is announced.
    pub deadline_days: i64,
}

/// How many profiles one measure reached.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct MeasureCount {
    pub measure: String,
    pub entity: String,
    pub eligible: u64,
    pub undetermined: u64,
    /// The measure is in the published rules (false: a new measure of a draft).
    pub published: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct RunReport {
    pub id: String,
    pub kind: RunKind,
    pub label: String,
    pub evaluator: String,
    pub rules_version: String,
    pub date: String,
    /// Profiles evaluated.
    pub profiles: u64,
    /// Profiles that do not fit the rules (a fact of another type, an unknown
    /// entity): left out, with their state untouched; the first few, with why.
    pub skipped: u64,
    pub skipped_examples: Vec<String>,
    pub gained: u64,
    pub lost: u64,
    pub deadlines: u64,
    /// Notifications written (changes in the groups their applicants chose, and deadlines).
    pub notifications: u64,
    pub counts: Vec<MeasureCount>,
    /// Seconds spent evaluating (the batch), and in all.
    pub evaluate_seconds: f64,
    pub seconds: f64,
}

/// One notification to write.
struct NewNotification {
    account: String,
    kind: &'static str,
    measure: Option<String>,
    status: Option<&'static str>,
    case_id: Option<String>,
    due_on: Option<String>,
    due_what: Option<String>,
    subject_key: String,
    email_to: Option<String>,
}

/// Stored profiles by entity, each checked against the entity's inputs.
struct Loaded {
    by_entity: BTreeMap<String, Vec<Profile>>,
    skipped: u64,
    skipped_examples: Vec<String>,
}

async fn load_profiles(cases: &CaseService, program: &Arc<Program>) -> Result<Loaded> {
    let rows = sqlx::query("SELECT p.account_id, p.facts, a.entity FROM profiles p JOIN accounts a ON a.id = p.account_id WHERE a.role = 'applicant' ORDER BY p.account_id")
        .fetch_all(&cases.db.pool)
        .await?;
    let mut raw = Vec::with_capacity(rows.len());
    for r in &rows {
        let account: String = r.try_get("account_id")?;
        let facts: String = r.try_get("facts")?;
        let entity: Option<String> = r.try_get("entity")?;
        raw.push((account, facts, entity.unwrap_or_default()));
    }
    drop(rows);
    let program = program.clone();
    tokio::task::spawn_blocking(move || {
        let mut loaded = Loaded {
            by_entity: BTreeMap::new(),
            skipped: 0,
            skipped_examples: Vec::new(),
        };
        for (account, facts, entity) in raw {
            let checked = (|| {
                let e = program
                    .entity(&entity)
                    .ok_or_else(|| format!("the rules have no entity `{entity}`"))?;
                let json: serde_json::Value =
                    serde_json::from_str(&facts).map_err(|e| format!("stored facts: {e}"))?;
                facts_from_json(&program, e, &json).map_err(|e| e.to_string())?;
                Ok::<_, String>(json)
            })();
            match checked {
                Ok(json) => loaded.by_entity.entry(entity).or_default().push(Profile {
                    account,
                    facts: json,
                }),
                Err(why) => {
                    loaded.skipped += 1;
                    if loaded.skipped_examples.len() < 5 {
                        loaded
                            .skipped_examples
                            .push(format!("account {account}: {why}"));
                    }
                }
            }
        }
        loaded
    })
    .await
    .map_err(|e| ServiceError::Storage(format!("reading profiles stopped: {e}")))
}

/// Runs the matching once (see the module doc).
pub async fn run(
    cases: &CaseService,
    program: &Arc<Program>,
    published: &Program,
    evaluator: &dyn Evaluator,
    opts: &RunOptions,
) -> Result<RunReport> {
    let t0 = Instant::now();
    let started = now();
    let run_id = uuid::Uuid::now_v7().to_string();
    let loaded = load_profiles(cases, program).await?;
    let t_eval = Instant::now();
    let mut answers: Vec<(String, Answer)> = Vec::new();
    let mut counts: BTreeMap<String, MeasureCount> = BTreeMap::new();
    let published_ids: HashSet<&str> = published.measures.iter().map(|m| m.id.as_str()).collect();
    for (entity_name, profiles) in loaded.by_entity {
        let entity = program
            .entity(&entity_name)
            .ok_or_else(|| ServiceError::Storage(format!("entity {entity_name} vanished")))?;
        for (_, m) in program.measures_of(entity) {
            counts.insert(
                m.id.clone(),
                MeasureCount {
                    measure: m.id.clone(),
                    entity: entity_name.clone(),
                    eligible: 0,
                    undetermined: 0,
                    published: published_ids.contains(m.id.as_str()),
                },
            );
        }
        let n = profiles.len();
        let got = evaluator
            .evaluate(program.clone(), entity, opts.date, profiles)
            .await
            .map_err(|e| ServiceError::Storage(format!("the matching evaluation failed: {e}")))?;
        if got.len() != n {
            return Err(ServiceError::Storage(format!(
                "the evaluator answered {} of {n} {entity_name} profiles",
                got.len()
            )));
        }
        for a in got {
            for m in &a.eligible {
                if let Some(c) = counts.get_mut(m) {
                    c.eligible += 1;
                }
            }
            for m in &a.undetermined {
                if let Some(c) = counts.get_mut(m) {
                    c.undetermined += 1;
                }
            }
            answers.push((entity_name.clone(), a));
        }
    }
    let evaluate_seconds = t_eval.elapsed().as_secs_f64();
    let mut report = RunReport {
        id: run_id.clone(),
        kind: opts.kind,
        label: opts.label.clone(),
        evaluator: evaluator.name().to_string(),
        rules_version: program.version.clone(),
        date: opts.date.to_string(),
        profiles: answers.len() as u64,
        skipped: loaded.skipped,
        skipped_examples: loaded.skipped_examples,
        gained: 0,
        lost: 0,
        deadlines: 0,
        notifications: 0,
        counts: counts.into_values().collect(),
        evaluate_seconds,
        seconds: 0.0,
    };
    let mut notes: Vec<NewNotification> = Vec::new();
    let mut gained_rows: Vec<(String, String)> = Vec::new();
    let mut lost_rows: Vec<(String, String)> = Vec::new();
    let mut deadline_notes: Vec<NewNotification> = Vec::new();
    if opts.kind == RunKind::Live {
        let previous = previous_state(cases).await?;
        let subs = subscriptions(cases).await?;
        let in_rules: HashSet<String> = program.measures.iter().map(|m| m.id.clone()).collect();
        let empty = HashSet::new();
        for (_, a) in &answers {
            let before = previous.get(&a.account).unwrap_or(&empty);
            let sub = subs.get(&a.account);
            for ch in changes(before, &a.eligible, &a.undetermined, &in_rules) {
                let wanted = sub.is_none_or(|s| s.wants(ch.measure()));
                let (kind, status) = match &ch {
                    Change::Gained(m) => {
                        gained_rows.push((a.account.clone(), m.clone()));
                        ("eligible", None)
                    }
                    Change::Lost { measure, status } => {
                        lost_rows.push((a.account.clone(), measure.clone()));
                        ("lost", Some(*status))
                    }
                };
                if wanted {
                    notes.push(NewNotification {
                        account: a.account.clone(),
                        kind,
                        measure: Some(ch.measure().to_string()),
                        status,
                        case_id: None,
                        due_on: None,
                        due_what: None,
                        subject_key: format!("{kind}:{}:{run_id}", ch.measure()),
                        email_to: sub.and_then(|s| s.email.clone()),
                    });
                }
            }
        }
        report.gained = gained_rows.len() as u64;
        report.lost = lost_rows.len() as u64;
        deadline_notes = deadlines(cases, opts, &subs).await?;
    }
    // Everything the run changes commits together, or nothing does.
    let mut tx = cases.db.pool.begin().await?;
    if opts.kind == RunKind::Live {
        for (account, measure) in &lost_rows {
            sqlx::query("DELETE FROM match_eligibility WHERE account_id = $1 AND measure = $2")
                .bind(account)
                .bind(measure)
                .execute(&mut *tx)
                .await?;
        }
        for chunk in gained_rows.chunks(300) {
            let mut sql = String::from(
                "INSERT INTO match_eligibility (account_id, measure, since_run) VALUES ",
            );
            for i in 0..chunk.len() {
                if i > 0 {
                    sql.push(',');
                }
                sql.push_str(&format!("(${}, ${}, ${})", 3 * i + 1, 3 * i + 2, 3 * i + 3));
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for (account, measure) in chunk {
                q = q.bind(account).bind(measure).bind(&run_id);
            }
            q.execute(&mut *tx).await?;
        }
        let created = now();
        report.notifications += insert_notifications(&mut tx, &notes, &run_id, &created).await?;
        let d = insert_notifications(&mut tx, &deadline_notes, &run_id, &created).await?;
        report.deadlines = d;
        report.notifications += d;
    }
    report.seconds = t0.elapsed().as_secs_f64();
    sqlx::query("INSERT INTO match_runs (id, kind, label, rules_version, decision_date, evaluator, started_at, finished_at, profiles, skipped, gained, lost, deadlines) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)")
        .bind(&run_id)
        .bind(opts.kind.as_str())
        .bind(&opts.label)
        .bind(&report.rules_version)
        .bind(&report.date)
        .bind(&report.evaluator)
        .bind(&started)
        .bind(now())
        .bind(report.profiles as i64)
        .bind(report.skipped as i64)
        .bind(report.gained as i64)
        .bind(report.lost as i64)
        .bind(report.deadlines as i64)
        .execute(&mut *tx)
        .await?;
    for c in &report.counts {
        sqlx::query("INSERT INTO match_counts (run_id, measure, entity, eligible, undetermined, published) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&run_id)
            .bind(&c.measure)
            .bind(&c.entity)
            .bind(c.eligible as i64)
            .bind(c.undetermined as i64)
            .bind(i64::from(c.published))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    report.seconds = t0.elapsed().as_secs_f64();
    Ok(report)
}

async fn previous_state(cases: &CaseService) -> Result<HashMap<String, HashSet<String>>> {
    let rows = sqlx::query("SELECT account_id, measure FROM match_eligibility")
        .fetch_all(&cases.db.pool)
        .await?;
    let mut m: HashMap<String, HashSet<String>> = HashMap::new();
    for r in &rows {
        m.entry(r.try_get("account_id")?)
            .or_default()
            .insert(r.try_get("measure")?);
    }
    Ok(m)
}

async fn subscriptions(cases: &CaseService) -> Result<HashMap<String, Subscription>> {
    let rows = sqlx::query("SELECT account_id, groups, email, lang, feed_token FROM subscriptions")
        .fetch_all(&cases.db.pool)
        .await?;
    let mut m = HashMap::new();
    for r in &rows {
        m.insert(r.try_get("account_id")?, subscription::from_row(r)?);
    }
    Ok(m)
}

/// Open cases whose decision is due within the notice period, and dates approved
/// cases' applicants must keep that fall due within their reminder's notice.
async fn deadlines(
    cases: &CaseService,
    opts: &RunOptions,
    subs: &HashMap<String, Subscription>,
) -> Result<Vec<NewNotification>> {
    let today = opts.date;
    let mut out = Vec::new();
    let email = |account: &str| subs.get(account).and_then(|s| s.email.clone());
    let rows = sqlx::query("SELECT id, applicant_id, kind, state, deadline FROM cases WHERE deadline IS NOT NULL AND clock_stopped_on IS NULL")
        .fetch_all(&cases.db.pool)
        .await?;
    for r in &rows {
        let state: String = r.try_get("state")?;
        let Ok(state) = serde_json::from_value::<CaseState>(serde_json::Value::String(state))
        else {
            continue;
        };
        if state.is_final() {
            continue;
        }
        let deadline: String = r.try_get("deadline")?;
        let Ok(due) = NaiveDate::parse_from_str(&deadline, "%Y-%m-%d") else {
            continue;
        };
        let left = (due - today).num_days();
        if !(0..=opts.deadline_days).contains(&left) {
            continue;
        }
        let id: String = r.try_get("id")?;
        let account: String = r.try_get("applicant_id")?;
        out.push(NewNotification {
            email_to: email(&account),
            account,
            kind: "deadline",
            measure: None,
            status: None,
            subject_key: format!("deadline:{id}:{deadline}"),
            case_id: Some(id),
            due_on: Some(deadline),
            due_what: Some(r.try_get("kind")?),
        });
    }
    let rows = sqlx::query("SELECT c.id, c.applicant_id, c.kind, b.service, b.evaluation FROM cases c JOIN bundles b ON b.id = c.bundle_id WHERE c.state = 'approved'")
        .fetch_all(&cases.db.pool)
        .await?;
    for r in &rows {
        let service: String = r.try_get("service")?;
        let kind: String = r.try_get("kind")?;
        let Some(t) = cases.services.get(&service).and_then(|s| s.case(&kind)) else {
            continue;
        };
        if t.reminders.is_empty() {
            continue;
        }
        let ev: String = r.try_get("evaluation")?;
        let ev: serde_json::Value = serde_json::from_str(&ev).unwrap_or_default();
        let id: String = r.try_get("id")?;
        let account: String = r.try_get("applicant_id")?;
        for rem in
            onestop_cases::procedure::reminders(t, onestop_cases::procedure::outputs(&ev), today)
        {
            if !rem.due_soon || rem.days_left < 0 {
                continue;
            }
            out.push(NewNotification {
                account: account.clone(),
                kind: "deadline",
                measure: None,
                status: None,
                case_id: Some(id.clone()),
                subject_key: format!("reminder:{id}:{}:{}", rem.output, rem.date),
                due_on: Some(rem.date.clone()),
                due_what: Some(
                    serde_json::json!({"en": rem.title_en, "zh": rem.title_zh}).to_string(),
                ),
                email_to: email(&account),
            });
        }
    }
    Ok(out)
}

/// Writes notifications (a deadline already announced is skipped); returns how many
/// were new.
async fn insert_notifications(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    notes: &[NewNotification],
    run_id: &str,
    created: &str,
) -> Result<u64> {
    let mut written = 0;
    for chunk in notes.chunks(200) {
        let mut sql = String::from(
            "INSERT INTO notifications (id, account_id, kind, measure, status, case_id, due_on, due_what, subject_key, run_id, created_at, email_to) VALUES ",
        );
        const COLS: usize = 12;
        for i in 0..chunk.len() {
            if i > 0 {
                sql.push(',');
            }
            sql.push('(');
            for c in 0..COLS {
                if c > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&format!("${}", i * COLS + c + 1));
            }
            sql.push(')');
        }
        sql.push_str(" ON CONFLICT (account_id, subject_key) DO NOTHING");
        let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
        for n in chunk {
            q = q
                .bind(uuid::Uuid::now_v7().to_string())
                .bind(&n.account)
                .bind(n.kind)
                .bind(&n.measure)
                .bind(n.status)
                .bind(&n.case_id)
                .bind(&n.due_on)
                .bind(&n.due_what)
                .bind(&n.subject_key)
                .bind(run_id)
                .bind(created)
                .bind(&n.email_to);
        }
        written += q.execute(&mut **tx).await?.rows_affected();
    }
    Ok(written)
}
