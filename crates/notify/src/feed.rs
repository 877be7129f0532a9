//! The Atom feed of a subscription (RFC 4287): the latest notifications of the
//! groups it chose (and every deadline), each linking to its explanation.

use crate::compose::{absolute, write};
use crate::inbox::{Notification, from_row};
use crate::messages::messages;
use crate::subscription::by_token;
use onestop_cases::CaseService;
use onestop_store::{Result, now};
use sqlx::Row;

/// How many entries a feed holds.
pub const ENTRIES: i64 = 50;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no place for other control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The feed document for the subscription with this token (404 if none).
pub async fn atom(cases: &CaseService, token: &str, base: &str) -> Result<String> {
    let (sub, account, name) = by_token(cases, token).await?;
    let entity: String = sqlx::query("SELECT entity FROM accounts WHERE id = $1")
        .bind(&account)
        .fetch_one(&cases.db.pool)
        .await?
        .try_get::<Option<String>, _>("entity")?
        .unwrap_or_default();
    let rows = sqlx::query("SELECT id, account_id, kind, measure, status, case_id, due_on, due_what, run_id, created_at, read_at, emailed_at FROM notifications WHERE account_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2")
        .bind(&account)
        .bind(ENTRIES * 4)
        .fetch_all(&cases.db.pool)
        .await?;
    let list: Vec<Notification> = rows
        .iter()
        .map(from_row)
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .filter(|n| n.measure.as_deref().is_none_or(|m| sub.wants(m)))
        .take(ENTRIES as usize)
        .collect();
    let m = messages();
    let self_url = absolute(base, &format!("/feeds/{token}"));
    let updated = list
        .first()
        .map(|n| n.created_at.clone())
        .unwrap_or_else(now);
    let mut x = String::new();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    x.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n",
        esc(&sub.lang)
    ));
    x.push_str(&format!(
        "  <title>{}</title>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <updated>{}</updated>\n  <author><name>onestop</name></author>\n",
        esc(&m.t(&sub.lang, "notify-feed-title", &[("name", &name)])),
        esc(&self_url),
        esc(&self_url),
        esc(&updated)
    ));
    for n in &list {
        let w = write(m, n, &sub, &entity, &cases.services, base);
        x.push_str(&format!(
            "  <entry>\n    <id>urn:uuid:{}</id>\n    <title>{}</title>\n    <updated>{}</updated>\n    <link rel=\"alternate\" href=\"{}\"/>\n    <link rel=\"related\" href=\"{}\"/>\n    <content type=\"text\">{}</content>\n  </entry>\n",
            esc(&n.id),
            esc(&w.title),
            esc(&n.created_at),
            esc(&w.explanation),
            esc(&w.apply),
            esc(&w.body)
        ));
    }
    x.push_str("</feed>\n");
    Ok(x)
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            super::esc("a<b & \"c\" 'd'>\u{1}"),
            "a&lt;b &amp; &quot;c&quot; &apos;d&apos;&gt;"
        );
    }
}
