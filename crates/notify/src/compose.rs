//! One notification written out for a reader: its title and the plain text that the
//! e-mail and the feed carry (the sentence, then where to read why and where to
//! apply, then why the reader gets it). Links are absolute under the portal's
//! public address.

use crate::inbox::Notification;
use crate::messages::Messages;
use crate::subscription::Subscription;
use onestop_cases::services::Services;

/// A notification ready to send: title, body, links.
#[derive(Debug, Clone)]
pub struct Written {
    pub title: String,
    pub body: String,
    pub explanation: String,
    pub apply: String,
}

/// `base` without a trailing slash, then `path`.
pub fn absolute(base: &str, path: &str) -> String {
    format!("{}{path}", base.trim_end_matches('/'))
}

pub fn write(
    m: &Messages,
    n: &Notification,
    sub: &Subscription,
    entity: &str,
    services: &Services,
    base: &str,
) -> Written {
    let lang = sub.lang.as_str();
    let title = n.title(m, lang);
    let links = n.links(services, entity);
    let explanation = absolute(base, &links.explanation);
    let apply = absolute(base, &links.apply);
    let date = n.created_at.get(..10).unwrap_or(&n.created_at).to_string();
    let groups: Vec<String> = sub
        .groups
        .iter()
        .map(|g| m.t(lang, &format!("notify-group-{g}"), &[]))
        .collect();
    let second = if n.case_id.is_some() {
        m.t(lang, "notify-case", &[("url", &apply)])
    } else {
        m.t(lang, "notify-apply", &[("url", &apply)])
    };
    let body = [
        title.clone(),
        String::new(),
        m.t(lang, "notify-intro", &[("date", &date)]),
        m.t(lang, "notify-why", &[("url", &explanation)]),
        second,
        String::new(),
        "--".into(),
        m.t(
            lang,
            "notify-footer",
            &[
                ("groups", &groups.join(", ")),
                ("url", &absolute(base, "/notifications")),
            ],
        ),
    ]
    .join("\n");
    Written {
        title,
        body,
        explanation,
        apply,
    }
}
