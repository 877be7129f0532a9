//! Questions about a measure and their answers. Asking routes the question
//! (`routing`) and gives it a due date in working days (`config`, the process
//! calendar; a date counted through a year without a holiday notice is provisional,
//! never refused). The agency's officer answers once, with at least one citation of a
//! seed document; an answered question may be published in the measure's FAQ (and
//! withdrawn from it). Every step asks cedar: `ask_question`, `view_question`,
//! `answer_question`, `publish_faq`.

use crate::citations::citations;
use crate::routing::route;
use crate::text::{language, required};
use chrono::NaiveDate;
use onestop_store::authz::Resource;
use onestop_store::{Account, Authz, Db, Result, ServiceError, now};
use serde::Serialize;
use sqlx::Row;

pub const MAX_QUESTION: usize = 4000;
pub const MAX_ANSWER: usize = 8000;

/// One question, as stored, with whether it is overdue on the day it was read.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Question {
    pub id: String,
    pub asker: String,
    /// The asker's display name (for the agency's inbox).
    pub asker_name: String,
    pub measure: String,
    /// The agency that answers it.
    pub agency: String,
    /// The language it was asked in: zh, en, ko, ru, es or ar.
    pub lang: String,
    pub text: String,
    pub asked_at: String,
    pub asked_on: String,
    pub due_on: String,
    /// Counted through a year without a holiday notice.
    pub due_provisional: bool,
    pub answer: Option<String>,
    /// The seed citations of the answer, as written.
    pub citations: Vec<String>,
    pub answered_by: Option<String>,
    pub answered_at: Option<String>,
    pub answered_on: Option<String>,
    /// Published in the measure's FAQ.
    pub faq: bool,
    /// Answered and the asker has not opened the answer yet.
    pub new_answer: bool,
    /// Unanswered past its due date, or answered after it.
    pub overdue: bool,
}

/// What an applicant asks.
#[derive(Debug, Clone)]
pub struct NewQuestion {
    pub measure: String,
    pub lang: String,
    pub text: String,
}

const SELECT: &str = "SELECT q.id, q.asker, a.display_name AS asker_name, q.measure, q.agency, q.lang, q.text, q.asked_at, q.asked_on, q.due_on, q.due_provisional, q.answer, q.citations, q.answered_by, q.answered_at, q.answered_on, q.faq, q.answer_seen_at FROM questions q JOIN accounts a ON a.id = q.asker";

fn from_row(r: &sqlx::any::AnyRow, today: NaiveDate) -> Result<Question> {
    let citations: Option<String> = r.try_get("citations")?;
    let due_on: String = r.try_get("due_on")?;
    let answered_on: Option<String> = r.try_get("answered_on")?;
    let new_answer =
        answered_on.is_some() && r.try_get::<Option<String>, _>("answer_seen_at")?.is_none();
    let due = NaiveDate::parse_from_str(&due_on, "%Y-%m-%d").ok();
    let overdue = match (&answered_on, due) {
        (_, None) => false,
        (None, Some(d)) => today > d,
        (Some(a), Some(d)) => NaiveDate::parse_from_str(a, "%Y-%m-%d").is_ok_and(|a| a > d),
    };
    Ok(Question {
        id: r.try_get("id")?,
        asker: r.try_get("asker")?,
        asker_name: r.try_get("asker_name")?,
        measure: r.try_get("measure")?,
        agency: r.try_get("agency")?,
        lang: r.try_get("lang")?,
        text: r.try_get("text")?,
        asked_at: r.try_get("asked_at")?,
        asked_on: r.try_get("asked_on")?,
        due_on,
        due_provisional: r.try_get::<i64, _>("due_provisional")? != 0,
        answer: r.try_get("answer")?,
        citations: citations
            .and_then(|c| serde_json::from_str(&c).ok())
            .unwrap_or_default(),
        answered_by: r.try_get("answered_by")?,
        answered_at: r.try_get("answered_at")?,
        answered_on,
        faq: r.try_get::<i64, _>("faq")? != 0,
        new_answer,
        overdue,
    })
}

fn resource(q: &Question) -> Resource<'_> {
    Resource::Question {
        id: &q.id,
        asker: &q.asker,
        agency: &q.agency,
    }
}

/// Whether `who` may do `action` (`view_question`, `answer_question`, `publish_faq`)
/// on `q`.
pub fn may(authz: &Authz, who: &Account, action: &str, q: &Question) -> bool {
    authz.allowed(who, action, &resource(q))
}

/// Whether `who` may ask questions at all (for showing the form).
pub fn may_ask(authz: &Authz, who: &Account) -> bool {
    authz.allowed(who, "ask_question", &Resource::Consultation)
}

/// The due date of something opened on `day` with `n` working days, and whether it
/// was counted through a year without a holiday notice.
pub fn due(day: NaiveDate, n: i64) -> Result<(NaiveDate, bool)> {
    let cal = onestop_calendar::current();
    let due = cal.add_working_days(day, n).map_err(|e| {
        ServiceError::Conflict(format!("no due date can be counted from {day}: {e}"))
    })?;
    Ok((due, !cal.provisional_in(day, due).is_empty()))
}

/// Asks a question: routed to the measure's agency, due in the configured working days.
pub async fn ask(db: &Db, authz: &Authz, who: &Account, q: &NewQuestion) -> Result<Question> {
    if !may_ask(authz, who) {
        return Err(ServiceError::Forbidden(
            "questions are asked by applicants (enterprises and professionals); sign in with an applicant account".into(),
        ));
    }
    let (m, agency) = route(q.measure.trim())?;
    let lang = language("lang", &q.lang)?;
    let text = required(
        "text",
        &q.text,
        MAX_QUESTION,
        "write the question about the measure",
    )?;
    let today = onestop_store::today();
    let (due_on, provisional) = due(today, crate::config::current().answer_working_days)?;
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query("INSERT INTO questions (id, asker, measure, agency, lang, text, asked_at, asked_on, due_on, due_provisional, faq) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0)")
        .bind(&id)
        .bind(&who.id)
        .bind(&m.id)
        .bind(&agency)
        .bind(lang)
        .bind(&text)
        .bind(now())
        .bind(today.to_string())
        .bind(due_on.to_string())
        .bind(i64::from(provisional))
        .execute(&db.pool)
        .await?;
    load(db, &id).await
}

async fn load(db: &Db, id: &str) -> Result<Question> {
    let r = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE q.id = $1")))
        .bind(id)
        .fetch_optional(&db.pool)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no question {:?}", id.replace('\0', ""))))?;
    from_row(&r, onestop_store::today())
}

/// One question, for its asker, its agency's officers and administrators. The asker
/// opening an answer marks it seen (it is then no longer "new" in the list).
pub async fn get(db: &Db, authz: &Authz, who: &Account, id: &str) -> Result<Question> {
    let q = load(db, id).await?;
    if !may(authz, who, "view_question", &q) {
        return Err(ServiceError::Forbidden(
            "a question is seen by its asker and the agency that answers it".into(),
        ));
    }
    if q.new_answer && q.asker == who.id {
        sqlx::query(
            "UPDATE questions SET answer_seen_at = $1 WHERE id = $2 AND answer_seen_at IS NULL",
        )
        .bind(now())
        .bind(id)
        .execute(&db.pool)
        .await?;
    }
    Ok(q)
}

/// The questions `who` asked, newest first.
pub async fn mine(db: &Db, authz: &Authz, who: &Account) -> Result<Vec<Question>> {
    let today = onestop_store::today();
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE q.asker = $1 ORDER BY q.asked_at DESC, q.id DESC"
    )))
    .bind(&who.id)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let q = from_row(r, today)?;
        if may(authz, who, "view_question", &q) {
            out.push(q);
        }
    }
    Ok(out)
}

/// The inbox of `who`'s agency: unanswered first, by due date; then answered, newest
/// first. Each question is asked of the access policy.
pub async fn agency_inbox(db: &Db, authz: &Authz, who: &Account) -> Result<Vec<Question>> {
    let Some(agency) = who.agency.clone().filter(|a| !a.is_empty()) else {
        return Err(ServiceError::Forbidden(
            "the questions inbox is for officers of an agency".into(),
        ));
    };
    let today = onestop_store::today();
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE q.agency = $1 ORDER BY q.asked_at, q.id"
    )))
    .bind(&agency)
    .fetch_all(&db.pool)
    .await?;
    let mut out = Vec::new();
    for r in &rows {
        let q = from_row(r, today)?;
        if may(authz, who, "view_question", &q) {
            out.push(q);
        }
    }
    out.sort_by(|a, b| match (&a.answered_at, &b.answered_at) {
        (None, None) => (&a.due_on, &a.asked_at).cmp(&(&b.due_on, &b.asked_at)),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(x),
    });
    Ok(out)
}

/// The agency's officer answers, once, citing at least one seed section.
pub async fn answer(
    db: &Db,
    authz: &Authz,
    who: &Account,
    id: &str,
    text: &str,
) -> Result<Question> {
    let q = load(db, id).await?;
    if !may(authz, who, "answer_question", &q) {
        return Err(ServiceError::Forbidden(format!(
            "this question is answered by the officers of {}",
            q.agency
        )));
    }
    let answer = required("answer", text, MAX_ANSWER, "write the answer")?;
    let cited = citations(&answer);
    if cited.is_empty() {
        return Err(ServiceError::invalid(
            "answer",
            "an answer cites its source: name at least one section of a source document, e.g. 000_abb21015abc8a560.txt §15(2) (the documents are listed at /sources)",
        ));
    }
    let cited_json =
        serde_json::to_string(&cited).map_err(|e| ServiceError::Storage(e.to_string()))?;
    let r = sqlx::query("UPDATE questions SET answer = $1, citations = $2, answered_by = $3, answered_at = $4, answered_on = $5 WHERE id = $6 AND answer IS NULL")
        .bind(&answer)
        .bind(&cited_json)
        .bind(&who.username)
        .bind(now())
        .bind(onestop_store::today().to_string())
        .bind(id)
        .execute(&db.pool)
        .await?;
    if r.rows_affected() == 0 {
        return Err(ServiceError::Conflict(
            "this question has already been answered".into(),
        ));
    }
    load(db, id).await
}

/// Publishes an answered question in its measure's FAQ (`publish` true) or withdraws it.
pub async fn publish_faq(
    db: &Db,
    authz: &Authz,
    who: &Account,
    id: &str,
    publish: bool,
) -> Result<Question> {
    let q = load(db, id).await?;
    if !may(authz, who, "publish_faq", &q) {
        return Err(ServiceError::Forbidden(format!(
            "the FAQ of this measure is chosen by the officers of {}",
            q.agency
        )));
    }
    if q.answer.is_none() {
        return Err(ServiceError::Conflict(
            "answer the question before publishing it in the FAQ".into(),
        ));
    }
    sqlx::query("UPDATE questions SET faq = $1, faq_at = $2 WHERE id = $3")
        .bind(i64::from(publish))
        .bind(publish.then(now))
        .bind(id)
        .execute(&db.pool)
        .await?;
    load(db, id).await
}
