//! The public FAQ: answered questions an agency published, under their measure, and
//! its search. The FAQ changes whenever an agency publishes, so it is searched in
//! the database's published rows, not in the portal's startup index: every word of
//! the query (case-folded; Chinese, Korean and Arabic words as written) must occur in
//! the question, the answer or the measure's id and titles, else any word does; hits
//! with more words first, newest first among equals.

use onestop_store::{Db, Result};
use serde::Serialize;
use sqlx::Row;

/// One published question and answer.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct FaqEntry {
    /// The question's id.
    pub id: String,
    pub measure: String,
    pub agency: String,
    pub lang: String,
    pub question: String,
    pub answer: String,
    pub citations: Vec<String>,
    pub answered_on: String,
}

/// Published entries, of one measure when `measure` is given, matching `query` when it
/// is not empty; at most `limit`.
pub async fn list(
    db: &Db,
    measure: Option<&str>,
    query: &str,
    limit: usize,
) -> Result<Vec<FaqEntry>> {
    let rows = match measure {
        Some(m) => sqlx::query("SELECT id, measure, agency, lang, text, answer, citations, answered_on FROM questions WHERE faq = 1 AND answer IS NOT NULL AND measure = $1 ORDER BY answered_at DESC, id")
            .bind(m)
            .fetch_all(&db.pool)
            .await?,
        None => sqlx::query("SELECT id, measure, agency, lang, text, answer, citations, answered_on FROM questions WHERE faq = 1 AND answer IS NOT NULL ORDER BY answered_at DESC, id")
            .fetch_all(&db.pool)
            .await?,
    };
    let mut all = Vec::with_capacity(rows.len());
    for r in &rows {
        let citations: Option<String> = r.try_get("citations")?;
        all.push(FaqEntry {
            id: r.try_get("id")?,
            measure: r.try_get("measure")?,
            agency: r.try_get("agency")?,
            lang: r.try_get("lang")?,
            question: r.try_get("text")?,
            answer: r
                .try_get::<Option<String>, _>("answer")?
                .unwrap_or_default(),
            citations: citations
                .and_then(|c| serde_json::from_str(&c).ok())
                .unwrap_or_default(),
            answered_on: r
                .try_get::<Option<String>, _>("answered_on")?
                .unwrap_or_default(),
        });
    }
    Ok(search(all, query, limit))
}

/// The words of a query: split at whitespace and punctuation, case-folded.
fn words(query: &str) -> Vec<String> {
    query
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .take(20)
        .collect()
}

/// What an entry is found by: its question, answer, measure id and titles.
fn haystack(e: &FaqEntry) -> String {
    let mut h = format!("{} {} {}", e.question, e.answer, e.measure);
    if let Some(m) = onestop_catalog::embedded().get(&e.measure) {
        h.push(' ');
        h.push_str(&m.title.en);
        h.push(' ');
        h.push_str(&m.title.zh);
    }
    h.to_lowercase()
}

/// The entries matching every word (else any word), most words first.
pub fn search(entries: Vec<FaqEntry>, query: &str, limit: usize) -> Vec<FaqEntry> {
    let ws = words(query);
    if ws.is_empty() {
        return entries.into_iter().take(limit).collect();
    }
    let scored: Vec<(usize, FaqEntry)> = entries
        .into_iter()
        .map(|e| {
            let h = haystack(&e);
            (ws.iter().filter(|w| h.contains(w.as_str())).count(), e)
        })
        .collect();
    let least = if scored.iter().any(|(n, _)| *n == ws.len()) {
        ws.len()
    } else {
        1
    };
    let mut hits: Vec<(usize, FaqEntry)> =
        scored.into_iter().filter(|(n, _)| *n >= least).collect();
    // Stable: newest first among equals, as listed.
    hits.sort_by_key(|h| std::cmp::Reverse(h.0));
    hits.into_iter().take(limit).map(|(_, e)| e).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, q: &str, a: &str) -> FaqEntry {
        FaqEntry {
            id: id.into(),
            measure: "test.not-in-the-catalogue".into(),
            agency: "sci-tech".into(),
            lang: "en".into(),
            question: q.into(),
            answer: a.into(),
            citations: vec![],
            answered_on: "2026-06-15".into(),
        }
    }

    #[test]
    fn every_word_else_any_word_in_any_script() {
        let list = vec![
            entry(
                "1",
                "How long does a work permit take?",
                "Five working days.",
            ),
            entry(
                "2",
                "هل يمكنني تقديم الطلب عبر الإنترنت؟",
                "نعم، عبر النافذة الواحدة",
            ),
            entry("3", "工作许可需要多久？", "五个工作日。"),
        ];
        let ids = |v: Vec<FaqEntry>| v.into_iter().map(|e| e.id).collect::<Vec<_>>();
        assert_eq!(ids(search(list.clone(), "WORK permit", 10)), vec!["1"]);
        assert_eq!(ids(search(list.clone(), "الطلب", 10)), vec!["2"]);
        assert_eq!(ids(search(list.clone(), "工作许可", 10)), vec!["3"]);
        // No entry has both words: those with either.
        assert_eq!(
            ids(search(list.clone(), "permit النافذة", 10)),
            vec!["1", "2"]
        );
        assert!(search(list.clone(), "zzzqqq", 10).is_empty());
        assert_eq!(search(list, "  ", 2).len(), 2);
    }
}
