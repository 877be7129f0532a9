//! What a government portal needs against the usual attacks: security headers on
//! every response, a CSRF token for every state-changing portal form (double submit:
//! a cookie the attacker cannot read against a hidden field, plus an Origin check),
//! and login throttling per account and per client address with exponential
//! back-off. SECURITY.md says what each protects and which test proves it.

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The portal's own pages load only their own stylesheet, htmx and charts as data URIs.
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

/// Every response: a strict CSP unless the handler set its own, no framing, no
/// content sniffing, no referrer to other sites.
pub async fn headers(req: Request, next: Next) -> Response {
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        h.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        );
    }
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    h.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    resp
}

// ---- CSRF ----

/// The cookie holding the portal's CSRF token.
pub const CSRF_COOKIE: &str = "csrf";

/// A fresh token: 128 random bits as hex.
pub fn new_csrf_token() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

/// A token is well-formed: 32 hex digits (anything else in the cookie is replaced).
pub fn well_formed(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Whether a state-changing request may proceed: the form's token equals the
/// cookie's, and a browser's Origin (or, without one, Referer) names this host.
pub fn csrf_ok(headers: &HeaderMap, cookie: Option<&str>, form_token: Option<&str>) -> bool {
    let (Some(c), Some(f)) = (cookie, form_token) else {
        return false;
    };
    if !well_formed(c) || c.len() != f.len() {
        return false;
    }
    // Constant time: the comparison does not stop at the first differing byte.
    let same = c
        .bytes()
        .zip(f.bytes())
        .fold(0u8, |acc, (a, b)| acc | (a ^ b))
        == 0;
    same && same_origin(headers)
}

/// A browser sends Origin on cross-site POSTs; when it names another host, refuse.
fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let claimed = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    match claimed {
        None => true,
        Some("null") => false,
        Some(url) => {
            let rest = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"))
                .unwrap_or("");
            let authority = rest.split('/').next().unwrap_or("");
            !host.is_empty() && authority.eq_ignore_ascii_case(host)
        }
    }
}

// ---- login throttling ----

/// Failures allowed per account within the window before sign-in is refused.
pub const ACCOUNT_FAILURES: u32 = 5;
/// Per client address (several people may share one), more.
pub const ADDRESS_FAILURES: u32 = 20;
/// Failures older than this are forgotten.
const WINDOW: Duration = Duration::from_secs(15 * 60);
/// First lock; it doubles with each further failure, up to [`MAX_LOCK`].
const FIRST_LOCK: Duration = Duration::from_secs(60);
const MAX_LOCK: Duration = Duration::from_secs(60 * 60);
/// Entries kept at most; beyond it, the expired ones are dropped first.
const MAX_ENTRIES: usize = 100_000;

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last: Instant,
}

/// Failed sign-ins by key (`account:NAME`, `address:IP`), in memory: a restart
/// forgets them, which only ever lets someone try again.
#[derive(Default)]
pub struct LoginThrottle {
    entries: Mutex<HashMap<String, Entry>>,
}

impl LoginThrottle {
    fn keys(username: &str, address: Option<&str>) -> Vec<(String, u32)> {
        let mut keys = vec![(
            format!("account:{}", username.trim().to_lowercase()),
            ACCOUNT_FAILURES,
        )];
        if let Some(a) = address {
            keys.push((format!("address:{a}"), ADDRESS_FAILURES));
        }
        keys
    }

    fn lock(failures: u32, limit: u32) -> Duration {
        let doublings = failures.saturating_sub(limit).min(10);
        (FIRST_LOCK * 2u32.pow(doublings)).min(MAX_LOCK)
    }

    /// `Err(wait)` while this account or address is locked out.
    pub fn check(&self, username: &str, address: Option<&str>) -> Result<(), Duration> {
        let now = Instant::now();
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let mut wait = Duration::ZERO;
        for (key, limit) in Self::keys(username, address) {
            if let Some(e) = entries.get(&key)
                && e.failures >= limit
            {
                let until = e.last + Self::lock(e.failures, limit);
                if until > now {
                    wait = wait.max(until - now);
                }
            }
        }
        if wait.is_zero() { Ok(()) } else { Err(wait) }
    }

    pub fn failure(&self, username: &str, address: Option<&str>) {
        let now = Instant::now();
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= MAX_ENTRIES {
            entries.retain(|_, e| now.duration_since(e.last) < WINDOW);
        }
        for (key, _) in Self::keys(username, address) {
            let e = entries.entry(key).or_insert(Entry {
                failures: 0,
                last: now,
            });
            if now.duration_since(e.last) >= WINDOW {
                e.failures = 0;
            }
            e.failures = e.failures.saturating_add(1);
            e.last = now;
        }
    }

    /// A correct password clears the account's count (not the address's).
    pub fn success(&self, username: &str) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.remove(&format!("account:{}", username.trim().to_lowercase()));
    }
}

/// `Retry-After` in whole seconds, at least one.
pub fn retry_after(wait: Duration) -> HeaderValue {
    HeaderValue::from(wait.as_secs().max(1))
}

/// Why a sign-in did not produce a session.
pub enum LoginRefused {
    /// Too many failures: try again after this long.
    Locked(Duration),
    /// Wrong username or password (counted).
    Wrong,
    Failed(onestop_store::ServiceError),
}

/// Sign in through the throttle: refused while locked, failures counted per account
/// and per client address (from the request's connection info), a success clears
/// the account's count. The API and the portal both sign in here.
pub async fn login(
    throttle: &LoginThrottle,
    cases: &onestop_cases::CaseService,
    request: &axum::http::Extensions,
    username: &str,
    password: &str,
) -> Result<onestop_store::Session, LoginRefused> {
    let address = client_address(request);
    let address = address.as_deref();
    throttle
        .check(username, address)
        .map_err(LoginRefused::Locked)?;
    match cases.login(username, password).await {
        Ok(s) => {
            throttle.success(username);
            Ok(s)
        }
        Err(onestop_store::ServiceError::Unauthenticated) => {
            throttle.failure(username, address);
            Err(LoginRefused::Wrong)
        }
        Err(e) => Err(LoginRefused::Failed(e)),
    }
}

/// The client's IP address, when the server was started with connection info.
fn client_address(ext: &axum::http::Extensions) -> Option<String> {
    ext.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sixth_failure_locks_the_account_and_the_lock_doubles() {
        let t = LoginThrottle::default();
        for _ in 0..5 {
            assert!(t.check("alice", Some("10.0.0.1")).is_ok());
            t.failure("Alice", Some("10.0.0.1"));
        }
        let wait = t.check("alice", Some("10.0.0.2")).expect_err("locked");
        assert!(
            wait > Duration::from_secs(55) && wait <= FIRST_LOCK,
            "{wait:?}"
        );
        assert!(
            t.check("bob", Some("10.0.0.1")).is_ok(),
            "another account from the address"
        );
        t.failure("alice", None);
        let longer = t.check("alice", None).expect_err("still locked");
        assert!(longer > FIRST_LOCK, "doubles: {longer:?}");
        assert_eq!(LoginThrottle::lock(40, 5), MAX_LOCK);
        t.success("alice");
        assert!(t.check("alice", None).is_ok());
    }

    #[test]
    fn an_address_that_tries_many_accounts_is_locked() {
        let t = LoginThrottle::default();
        for i in 0..ADDRESS_FAILURES {
            t.failure(&format!("user{i}"), Some("10.9.9.9"));
        }
        assert!(t.check("someone-else", Some("10.9.9.9")).is_err());
        assert!(t.check("someone-else", Some("10.9.9.8")).is_ok());
    }

    #[test]
    fn csrf_needs_matching_tokens_and_a_same_site_origin() {
        let token = new_csrf_token();
        let mut h = HeaderMap::new();
        h.insert(
            header::HOST,
            HeaderValue::from_static("portal.example:8080"),
        );
        assert!(csrf_ok(&h, Some(&token), Some(&token)));
        assert!(!csrf_ok(&h, Some(&token), None));
        assert!(!csrf_ok(&h, None, Some(&token)));
        assert!(!csrf_ok(&h, Some(&token), Some(&new_csrf_token())));
        assert!(!csrf_ok(&h, Some("short"), Some("short")));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://portal.example:8080"),
        );
        assert!(csrf_ok(&h, Some(&token), Some(&token)));
        h.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!csrf_ok(&h, Some(&token), Some(&token)));
        h.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(!csrf_ok(&h, Some(&token), Some(&token)));
    }
}
