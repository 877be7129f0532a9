//! Signing in and out: the sign-in page, the throttled sign-in (429 with
//! `Retry-After` when locked), where to go afterwards (never another site), and the
//! session cookie.

use super::page::{Page, csrf_refused, form_value, message, render, secure};
use crate::security;
use crate::state::AppState;
use axum::extract::{Form, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::context;
use onestop_store::Role;

pub(super) fn signed_in_cookie(s: &AppState, token: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!(
        "session={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200{}",
        secure(s)
    ))
    .ok()
}

/// The sign-in form refused: wrong password (401) or locked out (429, `Retry-After`).
pub(super) fn signin_refused(
    s: &AppState,
    c: &Page,
    refused: security::LoginRefused,
    page: impl FnOnce(String) -> Response,
) -> Response {
    match refused {
        security::LoginRefused::Locked(wait) => {
            let seconds = wait.as_secs().max(1).to_string();
            let mut r = page(c.t("error-throttled", &[("seconds", seconds)]));
            *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            r.headers_mut()
                .insert(header::RETRY_AFTER, security::retry_after(wait));
            r
        }
        security::LoginRefused::Wrong => {
            let mut r = page(c.t("error-signin", &[]));
            *r.status_mut() = StatusCode::UNAUTHORIZED;
            r
        }
        security::LoginRefused::Failed(e) => {
            let api = crate::error::ApiError::from(e);
            message(s, c, api.status, "error-action", &api.message)
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(super) struct NextQuery {
    next: Option<String>,
}

pub(super) async fn login_page(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<NextQuery>,
) -> Response {
    render(
        &s,
        &c,
        "signin.html",
        context! { next => safe_next(q.next.as_deref()), error => None::<String> },
    )
}

/// Where to go after signing in: a path on this site, else the home page. Browsers
/// read `/\host`, `/<TAB>/host` and the like as `//host` (another site), so a
/// backslash or a control character anywhere refuses the path.
fn safe_next(next: Option<&str>) -> String {
    match next {
        None | Some("") => "/cases".into(),
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.chars().any(|c| c == '\\' || c.is_control()) =>
        {
            n.to_string()
        }
        Some(_) => "/".into(),
    }
}

/// The sign-in page, coming back to `path` afterwards. The path is percent-encoded:
/// it may carry whatever the client put in the URL, and a header is no place for that.
pub(super) fn login_redirect(path: &str) -> Response {
    let mut next = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            next.push(b as char);
        } else {
            next.push_str(&format!("%{b:02X}"));
        }
    }
    Redirect::to(&format!("/login?next={next}")).into_response()
}

pub(super) async fn login(
    State(s): State<AppState>,
    c: Page,
    ext: axum::http::Extensions,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let get = |k: &str| form_value(&form, k);
    if let Some(r) = csrf_refused(&s, &c, &get("csrf")) {
        return r;
    }
    let next = safe_next(Some(&get("next")));
    let (username, password) = (get("username"), get("password"));
    match security::login(&s.throttle, &s.cases, &ext, &username, &password).await {
        Ok(session) => {
            let target = match session.account.role {
                Role::Officer if next == "/cases" => "/officer".to_string(),
                // A lender's place in the portal is its IP pledges.
                Role::FinancialInstitution if next == "/cases" => "/pledges".to_string(),
                _ => next,
            };
            let mut r = Redirect::to(&target).into_response();
            if let Some(v) = signed_in_cookie(&s, &session.token) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            r
        }
        Err(refused) => signin_refused(&s, &c, refused, |error| {
            render(
                &s,
                &c,
                "signin.html",
                context! { next => next, error => error },
            )
        }),
    }
}

pub(super) async fn logout(
    State(s): State<AppState>,
    c: Page,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at("/");
    let token = form
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    if let Some(r) = csrf_refused(&s, &c, token) {
        return r;
    }
    if let Some(t) = &c.session {
        let _ = s.cases.logout(t).await;
    }
    let mut r = Redirect::to("/").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static("session=; Path=/; Max-Age=0"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_stays_on_this_site() {
        assert_eq!(safe_next(Some("/cases/abc?lang=ar")), "/cases/abc?lang=ar");
        assert_eq!(safe_next(None), "/cases");
        assert_eq!(safe_next(Some("")), "/cases");
        for hostile in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "https://evil.example",
            "evil.example",
        ] {
            assert_eq!(safe_next(Some(hostile)), "/", "{hostile:?}");
        }
    }

    #[test]
    fn the_login_redirect_encodes_whatever_the_path_holds() {
        let r = login_redirect("/cases/\r\nSet-Cookie: x=1\u{7f}");
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let location = r
            .headers()
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        assert_eq!(
            location,
            "/login?next=/cases/%0D%0ASet-Cookie%3A%20x%3D1%7F"
        );
    }
}
