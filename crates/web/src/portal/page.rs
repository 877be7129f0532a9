//! What every page shares: the [`Page`] extractor (language, signed-in user, CSRF
//! token, the path the language switcher returns to), rendering a template with the
//! base context and the cookies the page sets, the message page, CSRF refusal, and
//! titles of measures in the reader's language.

use super::i18n::{LANGUAGES, is_rtl, negotiate};
use super::templates::i18n;
use crate::security;
use crate::state::AppState;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_store::Account;
use std::convert::Infallible;

/// The request as every page sees it. Extracted once per request instead of each
/// handler reading cookies, headers and the `lang` parameter itself.
pub struct Page {
    pub lang: &'static str,
    pub user: Option<Account>,
    /// The session cookie's token, signed in or not (sign-out ends it).
    pub session: Option<String>,
    /// `?lang=` chose the language: the response remembers it in a cookie.
    set_lang: bool,
    /// Where the language switcher sends the reader (a GET page).
    pub path: String,
    /// The CSRF token every form of the page carries (the cookie's, or a new one).
    pub csrf: String,
    /// The token is new: the response sets its cookie.
    new_csrf: bool,
    pub headers: HeaderMap,
    /// Unread notifications of a signed-in applicant (the header shows them).
    pub unread: i64,
}

impl FromRequestParts<AppState> for Page {
    type Rejection = Infallible;
    async fn from_request_parts(parts: &mut Parts, s: &AppState) -> Result<Self, Infallible> {
        let headers = parts.headers.clone();
        let known = |l: &str| LANGUAGES.iter().find(|(c, _)| *c == l).map(|(c, _)| *c);
        let from_query = parts.uri.query().and_then(|q| {
            serde_urlencoded::from_str::<Vec<(String, String)>>(q)
                .ok()?
                .into_iter()
                .find(|(k, _)| k == "lang")
                .and_then(|(_, v)| known(&v))
        });
        let from_cookie = cookie(&headers, "lang").and_then(|l| known(&l));
        let lang = from_query.or(from_cookie).unwrap_or_else(|| {
            negotiate(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or(""),
            )
        });
        let session = cookie(&headers, "session");
        let user = match &session {
            Some(t) => s.cases.authenticate(t).await.ok(),
            None => None,
        };
        let unread = match &user {
            Some(u) if u.role == onestop_store::Role::Applicant => {
                onestop_notify::inbox::unread(&s.cases, u)
                    .await
                    .unwrap_or(0)
            }
            _ => 0,
        };
        let (csrf, new_csrf) = match cookie(&headers, security::CSRF_COOKIE) {
            Some(t) if security::well_formed(&t) => (t, false),
            _ => (security::new_csrf_token(), true),
        };
        Ok(Page {
            lang,
            user,
            session,
            set_lang: from_query.is_some(),
            path: parts.uri.path().to_string(),
            csrf,
            new_csrf,
            headers,
            unread,
        })
    }
}

impl Page {
    /// The same page, with the language switcher pointing at `path` (for pages
    /// answering a POST that has no GET of its own).
    pub fn at(mut self, path: &str) -> Page {
        self.path = path.to_string();
        self
    }

    /// A translated text in the reader's language.
    pub fn t(&self, key: &str, args: &[(&str, String)]) -> String {
        i18n().t(self.lang, key, args)
    }
}

pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// `; Secure` when the operator serves over TLS (`serve --secure-cookies`).
pub fn secure(s: &AppState) -> &'static str {
    if s.secure_cookies { "; Secure" } else { "" }
}

/// A state-changing form without the page's CSRF token, or posted from another
/// site: refused with 403, nothing done.
pub fn csrf_refused(s: &AppState, c: &Page, form_token: &str) -> Option<Response> {
    let cookie_token = cookie(&c.headers, security::CSRF_COOKIE);
    if security::csrf_ok(&c.headers, cookie_token.as_deref(), Some(form_token)) {
        return None;
    }
    Some(message(s, c, StatusCode::FORBIDDEN, "error-csrf", ""))
}

/// The signed-in user who sent a state-changing form at `c.path`: a form without the
/// page's CSRF token is refused (403, nothing done) and a visitor is sent to sign in
/// and come back to the page.
pub(super) fn form_sender(
    s: &AppState,
    c: &Page,
    form: &[(String, String)],
) -> Result<Account, Box<Response>> {
    if let Some(refused) = csrf_refused(s, c, &form_value(form, "csrf")) {
        return Err(Box::new(refused));
    }
    c.user
        .clone()
        .ok_or_else(|| Box::new(Redirect::to(&format!("/login?next={}", c.path)).into_response()))
}

/// A template with the base context (language, direction, user, CSRF token), and the
/// language and CSRF cookies when they are new.
pub fn render(s: &AppState, c: &Page, name: &str, page: Value) -> Response {
    let langs: Vec<Value> = LANGUAGES
        .iter()
        .map(|(code, label)| context! { code => code, label => label })
        .collect();
    let user = c
        .user
        .as_ref()
        .map(|u| context! { username => u.username, role => u.role.as_str(), agency => u.agency });
    let base = context! {
        lang => c.lang,
        dir => if is_rtl(c.lang) { "rtl" } else { "ltr" },
        languages => langs,
        user => user,
        path => c.path,
        csrf => c.csrf,
        unread => c.unread,
    };
    let mut resp = match s.portal.render(name, context! { ..base, ..page }) {
        Ok(html) => Html(html).into_response(),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("template error: {e}"),
        )
            .into_response(),
    };
    if c.set_lang
        && let Ok(v) = HeaderValue::from_str(&format!(
            "lang={}; Path=/; Max-Age=31536000; SameSite=Lax{}",
            c.lang,
            secure(s)
        ))
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    if c.new_csrf
        && let Ok(v) = HeaderValue::from_str(&format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict{}",
            security::CSRF_COOKIE,
            c.csrf,
            secure(s)
        ))
    {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
    resp
}

/// A page that only says what happened (not found, refused, ...).
pub fn message(
    s: &AppState,
    c: &Page,
    status: StatusCode,
    title_key: &str,
    detail: &str,
) -> Response {
    let mut r = render(
        s,
        c,
        "message.html",
        context! { title_key => title_key, detail => detail },
    );
    *r.status_mut() = status;
    r
}

/// A measure's title in the reader's language, from the catalogue and its translations.
pub fn measure_title(id: &str, lang: &str) -> String {
    onestop_catalog::embedded()
        .get(id)
        .map(|m| m.title.get(rules_lang(lang)).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// A service's title: its own where the services file writes it in the language,
/// else its measure's.
pub fn service_title(svc: &onestop_cases::services::Service, lang: &str) -> String {
    match svc.title.written(lang) {
        Some(t) if !t.trim().is_empty() => t.to_string(),
        _ => measure_title(&svc.measure, lang),
    }
}

/// The language code of the rules' texts for a portal language (`zh-CN` -> `zh`);
/// Korean, Russian, Spanish and Arabic come from the catalogues beside the rules.
pub fn rules_lang(lang: &str) -> &'static str {
    match lang {
        l if l.starts_with("zh") => "zh",
        "ko" => "ko",
        "ru" => "ru",
        "es" => "es",
        "ar" => "ar",
        _ => "en",
    }
}

/// The explanation language of a portal language.
pub fn explain_lang(lang: &str) -> onestop_engine::explain::Lang {
    onestop_engine::explain::Lang::parse(rules_lang(lang))
        .unwrap_or(onestop_engine::explain::Lang::En)
}

/// A service failure as the reader sees it: the message page with the status the API
/// would answer (403, 404, or the action's own 4xx).
pub(super) fn service_failed(s: &AppState, c: &Page, e: onestop_store::ServiceError) -> Response {
    let api = crate::error::ApiError::from(e);
    let key = match api.status {
        StatusCode::FORBIDDEN => "error-forbidden",
        StatusCode::NOT_FOUND => "error-not-found",
        _ => "error-action",
    };
    message(s, c, api.status, key, &api.message)
}

/// An amount as typed into a form, as the services read it: spaces and thousands
/// separators (ASCII and full-width commas) dropped.
pub(super) fn form_amount(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
        .collect()
}

/// A submitted form's value by name ("" when absent).
pub(super) fn form_value(form: &[(String, String)], key: &str) -> String {
    form.iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
        .unwrap_or_default()
}

#[cfg(test)]
mod form_tests {
    use super::form_amount;

    #[test]
    fn amounts_drop_spaces_and_separators() {
        assert_eq!(form_amount(" 1 200 000.00 "), "1200000.00");
        assert_eq!(form_amount(" 5 000 000.00 "), "5000000.00");
        assert_eq!(form_amount("3,000,000"), "3000000");
        assert_eq!(form_amount("3，000，000"), "3000000");
        assert_eq!(form_amount(""), "");
    }
}
