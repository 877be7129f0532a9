//! The portal: server-rendered pages (minijinja templates, Fluent translations, htmx
//! for partial updates) for applicants, officers and analysts. Reading works without
//! JavaScript; every form is a plain HTML form.

mod calendar_admin;
pub mod i18n;
mod licence;
mod performance;
pub mod search;

use crate::api::AppState;
use crate::security;
use axum::Router;
use axum::extract::{Form, Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use i18n::{I18n, LANGUAGES, is_rtl, negotiate};
use minijinja::value::Kwargs;
use minijinja::{Environment, State as MjState, Value, context};
use onestop_cases::{CaseAction, SubmitRequest};
use onestop_engine::explain::{Lang, render_explanation, show_val};
use onestop_engine::report::output_name;
use onestop_engine::{EvalOptions, Status, facts_from_json, value_from_json};
use onestop_store::{Account, Role};
use serde_json::{Value as J, json};
use std::collections::BTreeMap;
use std::sync::OnceLock;

pub struct Portal {
    env: Environment<'static>,
    pub search: search::Search,
}

static I18N: OnceLock<I18n> = OnceLock::new();

fn i18n() -> &'static I18n {
    I18N.get_or_init(|| {
        I18n::load().unwrap_or_else(|e| panic!("shipped translations must load: {e}"))
    })
}

const TEMPLATES: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("home.html", include_str!("../../templates/home.html")),
    (
        "measures.html",
        include_str!("../../templates/measures.html"),
    ),
    ("measure.html", include_str!("../../templates/measure.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "search_results.html",
        include_str!("../../templates/search_results.html"),
    ),
    (
        "interview.html",
        include_str!("../../templates/interview.html"),
    ),
    ("result.html", include_str!("../../templates/result.html")),
    ("signin.html", include_str!("../../templates/signin.html")),
    ("apply.html", include_str!("../../templates/apply.html")),
    ("cases.html", include_str!("../../templates/cases.html")),
    ("case.html", include_str!("../../templates/case.html")),
    ("officer.html", include_str!("../../templates/officer.html")),
    ("tracker.html", include_str!("../../templates/tracker.html")),
    ("message.html", include_str!("../../templates/message.html")),
    ("verify.html", include_str!("../../templates/verify.html")),
    ("licence.html", include_str!("../../templates/licence.html")),
    ("analyst.html", include_str!("../../templates/analyst.html")),
    (
        "calendar.html",
        include_str!("../../templates/calendar.html"),
    ),
    (
        "performance.html",
        include_str!("../../templates/performance.html"),
    ),
];

const CSS: &str = include_str!("../../static/style.css");
const HTMX: &str = include_str!("../../static/htmx.min.js");

impl Portal {
    pub fn new() -> Result<Portal, String> {
        let mut env = Environment::new();
        for (name, src) in TEMPLATES {
            env.add_template(name, src)
                .map_err(|e| format!("template {name}: {e}"))?;
        }
        env.add_function(
            "t",
            |state: &MjState, key: String, kwargs: Kwargs| -> Result<String, minijinja::Error> {
                let lang = state
                    .lookup("lang")
                    .map(|v| v.to_string())
                    .unwrap_or_else(|| "en".into());
                let mut args = Vec::new();
                for k in kwargs.args() {
                    let v: Value = kwargs.get(k)?;
                    args.push((k, v.to_string()));
                }
                let out = i18n().t(&lang, &key, &args);
                kwargs.assert_all_used()?;
                Ok(out)
            },
        );
        let _ = i18n();
        let search = search::Search::build(onestop_catalog::embedded())?;
        Ok(Portal { env, search })
    }
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route(
            "/static/style.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    CSS,
                )
            }),
        )
        .route(
            "/static/htmx.min.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=86400"),
                    ],
                    HTMX,
                )
            }),
        )
        .route("/measures", get(measures))
        .route("/measures/{id}", get(measure))
        .route("/search", get(search_page))
        .route("/tracker", get(tracker))
        .route("/interview/{audience}", get(interview).post(interview))
        .route("/apply/{service}", post(apply))
        .route("/apply/{service}/signin", post(apply_signin))
        .route(
            "/apply/{service}/submit",
            post(apply_submit).layer(axum::extract::DefaultBodyLimit::max(
                onestop_cases::store::MAX_MATERIAL_BYTES + 64 * 1024,
            )),
        )
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/cases", get(cases_page))
        .route("/cases/{id}", get(case_page).post(case_action))
        .route("/officer", get(officer_page))
        .route("/performance", get(performance::page))
        .route(
            "/admin/calendar",
            get(calendar_admin::page).post(calendar_admin::upload),
        )
        .route("/files/{hash}", get(file))
        .route("/verify", get(verify_page).post(verify_upload))
        .route("/licences/{code}", get(licence::page))
        .route("/analyst", get(analyst_page))
}

// ---- request context ----

struct Ctx {
    lang: &'static str,
    user: Option<Account>,
    token: Option<String>,
    set_lang: bool,
    path: String,
    /// The CSRF token every form of the page carries (the cookie's, or a new one).
    csrf: String,
    /// The token is new: the response sets its cookie.
    new_csrf: bool,
}

fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

async fn ctx(s: &AppState, headers: &HeaderMap, query_lang: Option<&str>, path: &str) -> Ctx {
    let from_query =
        query_lang.and_then(|l| LANGUAGES.iter().find(|(c, _)| *c == l).map(|(c, _)| *c));
    let from_cookie = cookie(headers, "lang")
        .and_then(|l| LANGUAGES.iter().find(|(c, _)| *c == l).map(|(c, _)| *c));
    let lang = from_query.or(from_cookie).unwrap_or_else(|| {
        negotiate(
            headers
                .get(header::ACCEPT_LANGUAGE)
                .and_then(|v| v.to_str().ok())
                .unwrap_or(""),
        )
    });
    let token = cookie(headers, "session");
    let user = match &token {
        Some(t) => s.cases.authenticate(t).await.ok(),
        None => None,
    };
    let (csrf, new_csrf) = match cookie(headers, security::CSRF_COOKIE) {
        Some(t) if security::well_formed(&t) => (t, false),
        _ => (security::new_csrf_token(), true),
    };
    Ctx {
        lang,
        user,
        token,
        set_lang: from_query.is_some(),
        path: path.to_string(),
        csrf,
        new_csrf,
    }
}

/// `; Secure` when the operator serves over TLS (`serve --secure-cookies`).
fn secure(s: &AppState) -> &'static str {
    if s.secure_cookies { "; Secure" } else { "" }
}

/// A state-changing form without the page's CSRF token, or posted from another
/// site: refused with 403, nothing done.
fn csrf_refused(s: &AppState, c: &Ctx, headers: &HeaderMap, form_token: &str) -> Option<Response> {
    let cookie_token = cookie(headers, security::CSRF_COOKIE);
    if security::csrf_ok(headers, cookie_token.as_deref(), Some(form_token)) {
        return None;
    }
    Some(message(s, c, StatusCode::FORBIDDEN, "error-csrf", ""))
}

#[derive(serde::Deserialize, Default)]
struct LangQuery {
    lang: Option<String>,
}

fn render(s: &AppState, c: &Ctx, name: &str, page: Value) -> Response {
    let portal = &s.portal;
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
    };
    let result = portal
        .env
        .get_template(name)
        .and_then(|t| t.render(context! { ..base, ..page }));
    let mut resp = match result {
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

fn message(s: &AppState, c: &Ctx, status: StatusCode, title_key: &str, detail: &str) -> Response {
    let mut r = render(
        s,
        c,
        "message.html",
        context! { title_key => title_key, detail => detail },
    );
    *r.status_mut() = status;
    r
}

/// Catalogue text in the reader's language: Fluent for titles (six languages), the catalogue for zh/en.
fn measure_title(id: &str, lang: &str) -> String {
    let key = format!("measure-{}", id.replace('.', "-"));
    if i18n().has(lang, &key) {
        return i18n().t(lang, &key, &[]);
    }
    onestop_catalog::embedded()
        .get(id)
        .map(|m| m.title.get(lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

fn zh_or_en(lang: &str) -> &'static str {
    if lang.starts_with("zh") { "zh" } else { "en" }
}

fn measure_row(m: &onestop_catalog::MeasureEntry, lang: &str, computable: bool) -> Value {
    context! {
        id => m.id,
        title => measure_title(&m.id, lang),
        summary => m.summary.get(zh_or_en(lang)),
        group => m.group,
        audience => m.audience,
        status => m.status,
        completion => m.completion,
        responsible => m.responsible,
        sources => m.sources,
        quote => m.quote,
        quote_source => m.quote_source,
        computable => computable,
    }
}

// ---- reading ----

async fn home(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/").await;
    render(&s, &c, "home.html", context! {})
}

#[derive(serde::Deserialize, Default)]
struct CatalogueQuery {
    lang: Option<String>,
    group: Option<String>,
    audience: Option<String>,
}

async fn measures(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<CatalogueQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/measures").await;
    let rows: Vec<Value> = onestop_catalog::embedded()
        .measures
        .iter()
        .filter(|m| {
            q.group
                .as_deref()
                .is_none_or(|g| g.is_empty() || m.group == g)
        })
        .filter(|m| {
            q.audience
                .as_deref()
                .is_none_or(|a| a.is_empty() || m.audience.iter().any(|x| x == a))
        })
        .map(|m| measure_row(m, c.lang, s.engine.program.measure(&m.id).is_some()))
        .collect();
    render(
        &s,
        &c,
        "measures.html",
        context! { measures => rows, group => q.group, audience => q.audience },
    )
}

async fn measure(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), &format!("/measures/{id}")).await;
    match onestop_catalog::embedded().get(&id) {
        Some(m) => {
            let computable = s.engine.program.measure(&m.id).is_some();
            let audience = match m.group.as_str() {
                "talent" => "foreign-professional",
                "project" => "project",
                _ => "enterprise",
            };
            render(
                &s,
                &c,
                "measure.html",
                context! { m => measure_row(m, c.lang, computable), interview => audience },
            )
        }
        None => message(&s, &c, StatusCode::NOT_FOUND, "error-not-found", &id),
    }
}

#[derive(serde::Deserialize, Default)]
struct SearchQuery {
    lang: Option<String>,
    q: Option<String>,
}

async fn search_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<SearchQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/search").await;
    let query = q.q.unwrap_or_default();
    let query: String = query.chars().take(200).collect();
    let hits: Vec<Value> = s
        .portal
        .search
        .query(&query, 20)
        .into_iter()
        .filter_map(|h| {
            onestop_catalog::embedded()
                .get(&h.id)
                .map(|m| measure_row(m, c.lang, s.engine.program.measure(&m.id).is_some()))
        })
        .collect();
    let partial = headers.contains_key("hx-request");
    render(
        &s,
        &c,
        if partial {
            "search_results.html"
        } else {
            "search.html"
        },
        context! { q => query, hits => hits },
    )
}

async fn tracker(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/tracker").await;
    let month = onestop_store::today().format("%Y-%m").to_string();
    let mut rows: Vec<(bool, String, Value)> = Vec::new();
    for m in &onestop_catalog::embedded().measures {
        let due = m.completion.len() == 7;
        let overdue = due && m.status == "planned" && m.completion < month;
        let row = context! { overdue => overdue, ..measure_row(m, c.lang, s.engine.program.measure(&m.id).is_some()) };
        rows.push((
            !overdue,
            if due {
                m.completion.clone()
            } else {
                "9999".into()
            },
            row,
        ));
    }
    rows.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    let mut by_org: BTreeMap<String, usize> = BTreeMap::new();
    for m in &onestop_catalog::embedded().measures {
        for r in &m.responsible {
            *by_org.entry(r.clone()).or_default() += 1;
        }
    }
    let orgs: Vec<Value> = by_org
        .into_iter()
        .map(|(name, n)| context! { name => name, count => n })
        .collect();
    let overdue = rows.iter().filter(|r| !r.0).count();
    render(
        &s,
        &c,
        "tracker.html",
        context! { rows => rows.into_iter().map(|r| r.2).collect::<Vec<_>>(), orgs => orgs, overdue => overdue, month => month },
    )
}

// ---- the interview ----

fn entity_of(audience: &str) -> Option<&'static str> {
    match audience {
        "enterprise" => Some("enterprise"),
        "foreign-professional" | "researcher" => Some("person"),
        "project" => Some("project"),
        _ => None,
    }
}

/// Facts carried in hidden fields (`f:name` = JSON) and facts the applicant chose not to answer (`skip:name`).
fn carried(form: &[(String, String)]) -> (serde_json::Map<String, J>, Vec<String>) {
    let mut facts = serde_json::Map::new();
    let mut skipped = Vec::new();
    for (k, v) in form {
        if let Some(name) = k.strip_prefix("f:") {
            if let Ok(j) = serde_json::from_str::<J>(v) {
                facts.insert(name.to_string(), j);
            }
        } else if let Some(name) = k.strip_prefix("skip:") {
            let _ = v;
            skipped.push(name.to_string());
        }
    }
    (facts, skipped)
}

/// The JSON value of a form answer for an input's type.
fn answer_json(
    program: &onestop_lang::Program,
    ty: &onestop_lang::Type,
    values: &[String],
) -> Result<J, String> {
    use onestop_lang::Type;
    let first = values
        .first()
        .map(|s| s.trim().to_string())
        .unwrap_or_default();
    let v = match ty {
        Type::Bool => match first.as_str() {
            "true" => J::Bool(true),
            "false" => J::Bool(false),
            _ => return Err("choose yes or no".into()),
        },
        Type::Int => J::String(first.clone()),
        Type::Rate => {
            if first.ends_with('%') {
                J::String(first.clone())
            } else {
                J::String(format!("{first}%"))
            }
        }
        Type::Set(_) => J::Array(
            values
                .iter()
                .filter(|v| !v.is_empty())
                .map(|v| J::String(v.clone()))
                .collect(),
        ),
        _ => J::String(first.clone()),
    };
    if first.is_empty() && !matches!(ty, Type::Set(_)) {
        return Err("answer the question, or choose “skip”".into());
    }
    value_from_json(program, ty, &v).map(|_| v)
}

async fn interview(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(audience): Path<String>,
    Query(q): Query<LangQuery>,
    body: axum::body::Bytes,
) -> Response {
    let c = ctx(
        &s,
        &headers,
        q.lang.as_deref(),
        &format!("/interview/{audience}"),
    )
    .await;
    let Some(entity_name) = entity_of(&audience) else {
        return message(&s, &c, StatusCode::NOT_FOUND, "error-not-found", &audience);
    };
    let program = &s.engine.program;
    let Ok(entity) = s.engine.entity(entity_name) else {
        return message(
            &s,
            &c,
            StatusCode::NOT_FOUND,
            "error-not-found",
            entity_name,
        );
    };
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(&body).unwrap_or_default();
    let (mut facts, mut skipped) = carried(&form);
    let mut error = None;
    let field = |k: &str| form.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
    let finish = field("finish").is_some();
    if let Some(name) = field("question")
        && let Some(input) = program.input(entity, &name)
    {
        if field("skip").is_some() {
            skipped.push(name.clone());
        } else {
            let answers: Vec<String> = form
                .iter()
                .filter(|(k, _)| k == "answer")
                .map(|(_, v)| v.clone())
                .collect();
            match answer_json(program, &program.inputs[input.index()].ty, &answers) {
                Ok(v) => {
                    facts.insert(name.clone(), v);
                }
                Err(e) => error = Some((name.clone(), e)),
            }
        }
    }
    let facts_json = J::Object(facts.clone());
    let parsed = match facts_from_json(program, entity, &facts_json) {
        Ok(f) => f,
        Err(e) => {
            return message(
                &s,
                &c,
                StatusCode::UNPROCESSABLE_ENTITY,
                "error-bad-answer",
                &e.to_string(),
            );
        }
    };
    let date = onestop_store::today();
    let ev = s.engine.evaluate(
        &parsed,
        date,
        &EvalOptions {
            trace: true,
            measures: Vec::new(),
        },
    );
    // The next question: the unknown fact that most statuses wait for (then amounts), not skipped.
    let mut need: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    for r in &ev.measures {
        for i in &r.missing {
            need.entry(i.0).or_default().0 += 1;
        }
        if r.status == Status::Eligible {
            for i in &r.missing_for_outputs {
                need.entry(i.0).or_default().1 += 1;
            }
        }
    }
    let mut order: Vec<(u32, (usize, usize))> = need
        .into_iter()
        .filter(|(i, _)| !skipped.contains(&program.inputs[*i as usize].name))
        .collect();
    order.sort_by(|a, b| (b.1.0, b.1.1, a.0).cmp(&(a.1.0, a.1.1, b.0)));
    let hidden: Vec<Value> = facts
        .iter()
        .map(|(k, v)| context! { name => format!("f:{k}"), value => v.to_string() })
        .collect::<Vec<_>>()
        .into_iter()
        .chain(
            skipped
                .iter()
                .map(|k| context! { name => format!("skip:{k}"), value => "1" }),
        )
        .collect();
    let asked = facts.len() + skipped.len();
    let next = match &error {
        Some((name, _)) => program.input(entity, name).map(|i| i.0),
        None => order.first().map(|(i, _)| *i),
    };
    if let (Some(i), false) = (next, finish) {
        let input = &program.inputs[i as usize];
        let zl = zh_or_en(c.lang);
        let enum_id = match &input.ty {
            onestop_lang::Type::Enum(e) => Some(*e),
            onestop_lang::Type::Set(inner) => match inner.as_ref() {
                onestop_lang::Type::Enum(e) => Some(*e),
                _ => None,
            },
            _ => None,
        };
        let options: Vec<Value> = match enum_id {
            Some(e) => program.enums[e.0 as usize]
                .values
                .iter()
                .map(|(n, t)| context! { value => n, label => t.best(zl) })
                .collect(),
            None => Vec::new(),
        };
        let kind = match &input.ty {
            onestop_lang::Type::Bool => "bool",
            onestop_lang::Type::Enum(_) => "enum",
            onestop_lang::Type::Set(_) => "set",
            onestop_lang::Type::Date => "date",
            onestop_lang::Type::Money => "money",
            onestop_lang::Type::Int => "int",
            onestop_lang::Type::Rate => "rate",
            onestop_lang::Type::Decimal => "decimal",
            _ => "text",
        };
        let measures_waiting: Vec<String> = ev
            .measures
            .iter()
            .filter(|r| {
                r.missing.iter().any(|m| m.0 == i) || r.missing_for_outputs.iter().any(|m| m.0 == i)
            })
            .map(|r| measure_title(&program.measures[r.measure.index()].id, c.lang))
            .collect();
        return render(
            &s,
            &c,
            "interview.html",
            context! {
                audience => audience,
                hidden => hidden,
                number => asked + 1,
                question => context! {
                    name => input.name,
                    kind => kind,
                    text => input.question.get(zl).unwrap_or(input.title.best(zl)),
                    title => input.title.best(zl),
                    options => options,
                },
                waiting => measures_waiting,
                error => error.map(|e| e.1),
                remaining => order.len(),
            },
        );
    }
    // Done: what applies, what it is worth, and why.
    let lang = if c.lang.starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    };
    let explanation = render_explanation(program, &parsed, &ev, lang);
    let mut rows = Vec::new();
    let mut services = Vec::new();
    for r in &ev.measures {
        let m = &program.measures[r.measure.index()];
        let outputs: Vec<Value> = r
            .outputs
            .iter()
            .map(|(o, v)| {
                let title = match o {
                    onestop_lang::OutputRef::Def(d) => program.defs[d.index()].title.best(zh_or_en(c.lang)).to_string(),
                    onestop_lang::OutputRef::Input(i) => program.inputs[i.index()].title.best(zh_or_en(c.lang)).to_string(),
                };
                context! { name => output_name(program, o), title => title, value => show_val(program, v, lang) }
            })
            .collect();
        let sources: Vec<String> = m
            .cites
            .iter()
            .map(|c| format!("{} ({})", c.text, c.validity()))
            .collect();
        rows.push(context! {
            id => m.id,
            title => measure_title(&m.id, c.lang),
            status => r.status.as_str(),
            outputs => outputs,
            sources => sources,
            missing => r.missing.iter().map(|i| program.inputs[i.index()].title.best(zh_or_en(c.lang)).to_string()).collect::<Vec<_>>(),
        });
        if r.status == Status::Eligible {
            for svc in s
                .cases
                .services
                .services
                .iter()
                .filter(|x| x.measure == m.id)
            {
                let title = match c.lang {
                    "zh-CN" => svc.title.zh.clone(),
                    "en" => svc.title.en.clone(),
                    _ => measure_title(&svc.measure, c.lang),
                };
                services.push(context! { id => svc.id, title => title });
            }
        }
    }
    rows.sort_by_key(
        |r| match r.get_attr("status").ok().map(|v| v.to_string()).as_deref() {
            Some("eligible") => 0,
            Some("undetermined") => 1,
            _ => 2,
        },
    );
    render(
        &s,
        &c,
        "result.html",
        context! {
            audience => audience,
            measures => rows,
            explanation => explanation,
            services => services,
            facts_json => J::Object(facts).to_string(),
            date => date.to_string(),
            rules_version => program.version,
        },
    )
}

// ---- applying: sign in if needed, upload each material once, submit the bundle ----

fn signed_in_cookie(s: &AppState, token: &str) -> Option<HeaderValue> {
    HeaderValue::from_str(&format!(
        "session={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=43200{}",
        secure(s)
    ))
    .ok()
}

/// The sign-in form refused: wrong password (401) or locked out (429, `Retry-After`).
fn signin_refused(
    s: &AppState,
    c: &Ctx,
    refused: security::LoginRefused,
    page: impl FnOnce(String) -> Response,
) -> Response {
    match refused {
        security::LoginRefused::Locked(wait) => {
            let seconds = wait.as_secs().max(1).to_string();
            let mut r = page(i18n().t(c.lang, "error-throttled", &[("seconds", seconds)]));
            *r.status_mut() = StatusCode::TOO_MANY_REQUESTS;
            r.headers_mut()
                .insert(header::RETRY_AFTER, security::retry_after(wait));
            r
        }
        security::LoginRefused::Wrong => {
            let mut r = page(i18n().t(c.lang, "error-signin", &[]));
            *r.status_mut() = StatusCode::UNAUTHORIZED;
            r
        }
        security::LoginRefused::Failed(e) => {
            let api = crate::ApiError::from(e);
            message(s, c, api.status, "error-action", &api.message)
        }
    }
}

async fn apply(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(service): Path<String>,
    Query(q): Query<LangQuery>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/cases").await;
    let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    if let Some(r) = csrf_refused(&s, &c, &headers, &field("csrf").unwrap_or_default()) {
        return r;
    }
    let facts = field("facts").unwrap_or_else(|| "{}".into());
    apply_form(&s, &c, &service, &facts, None)
}

fn apply_form(
    s: &AppState,
    c: &Ctx,
    service: &str,
    facts: &str,
    error: Option<String>,
) -> Response {
    let Some(svc) = s.cases.services.get(service) else {
        return message(s, c, StatusCode::NOT_FOUND, "error-not-found", service);
    };
    // Titles in all six languages: the service is named by its measure, each case by its kind.
    let title = match c.lang {
        "zh-CN" => svc.title.zh.clone(),
        "en" => svc.title.en.clone(),
        _ => measure_title(&svc.measure, c.lang),
    };
    let cases: Vec<String> = svc
        .cases
        .iter()
        .map(|k| i18n().t(c.lang, &format!("kind-{}", k.kind), &[]))
        .collect();
    let template = if c.user.is_some() {
        "apply.html"
    } else {
        "signin.html"
    };
    render(
        s,
        c,
        template,
        context! {
            service => service,
            service_title => title,
            cases => cases,
            facts => facts,
            key => uuid::Uuid::new_v4().to_string(),
            entity => svc.entity,
            error => error,
        },
    )
}

async fn apply_signin(
    State(s): State<AppState>,
    headers: HeaderMap,
    ext: axum::http::Extensions,
    Path(service): Path<String>,
    Query(q): Query<LangQuery>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let mut c = ctx(&s, &headers, q.lang.as_deref(), "/cases").await;
    let get = |k: &str| {
        form.iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if let Some(r) = csrf_refused(&s, &c, &headers, &get("csrf")) {
        return r;
    }
    let facts = get("facts");
    let (username, password) = (get("username"), get("password"));
    if get("mode") == "register" {
        let entity = s
            .cases
            .services
            .get(&service)
            .map(|x| x.entity.clone())
            .unwrap_or_else(|| "person".into());
        if let Err(e) = s
            .cases
            .create_account(
                &username,
                &password,
                Role::Applicant,
                None,
                Some(&entity),
                &username,
            )
            .await
        {
            return apply_form(&s, &c, &service, &facts, Some(e.to_string()));
        }
    }
    match security::login(&s.throttle, &s.cases, &ext, &username, &password).await {
        Ok(session) => {
            c.user = Some(session.account.clone());
            let mut r = apply_form(&s, &c, &service, &facts, None);
            if let Some(v) = signed_in_cookie(&s, &session.token) {
                r.headers_mut().append(header::SET_COOKIE, v);
            }
            r
        }
        Err(refused) => signin_refused(&s, &c, refused, |error| {
            apply_form(&s, &c, &service, &facts, Some(error))
        }),
    }
}

async fn apply_submit(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(service): Path<String>,
    Query(q): Query<LangQuery>,
    mut multipart: Multipart,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/cases").await;
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/cases").into_response();
    };
    let mut facts = String::from("{}");
    let mut key = String::new();
    let mut csrf = String::new();
    let mut hashes = Vec::new();
    let mut error = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                let name = field.name().unwrap_or("").to_string();
                let filename = field.file_name().map(String::from);
                let ct = field.content_type().map(String::from).unwrap_or_default();
                let bytes = match field.bytes().await {
                    Ok(b) => b,
                    Err(e) => {
                        error = Some(format!("upload interrupted: {e}"));
                        break;
                    }
                };
                match name.as_str() {
                    "facts" => facts = String::from_utf8_lossy(&bytes).into_owned(),
                    "key" => key = String::from_utf8_lossy(&bytes).into_owned(),
                    "csrf" => csrf = String::from_utf8_lossy(&bytes).into_owned(),
                    // The form puts the token first: nothing is stored before it is checked.
                    _ if filename.as_deref().is_some_and(|f| !f.is_empty())
                        && !bytes.is_empty() =>
                    {
                        if let Some(r) = csrf_refused(&s, &c, &headers, &csrf) {
                            return r;
                        }
                        match s
                            .cases
                            .put_material(
                                &user,
                                filename.as_deref().unwrap_or("document"),
                                &ct,
                                &bytes,
                            )
                            .await
                        {
                            Ok(m) => hashes.push(m.hash),
                            Err(e) => error = Some(e.to_string()),
                        }
                    }
                    _ => {}
                }
            }
            Ok(None) => break,
            Err(e) => {
                error = Some(format!("the upload could not be read: {e}"));
                break;
            }
        }
    }
    if let Some(r) = csrf_refused(&s, &c, &headers, &csrf) {
        return r;
    }
    if let Some(e) = error {
        let mut r = apply_form(&s, &c, &service, &facts, Some(e));
        *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return r;
    }
    let facts_json: J = serde_json::from_str(&facts).unwrap_or(json!({}));
    let req = SubmitRequest {
        service: service.clone(),
        idempotency_key: key,
        facts: Some(facts_json),
        materials: hashes,
        date: None,
    };
    match s.cases.submit(&user, req).await {
        Ok(_) => Redirect::to("/cases").into_response(),
        Err(e) => {
            let mut r = apply_form(&s, &c, &service, &facts, Some(e.to_string()));
            *r.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
            r
        }
    }
}

// ---- accounts ----

#[derive(serde::Deserialize, Default)]
struct NextQuery {
    lang: Option<String>,
    next: Option<String>,
}

async fn login_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<NextQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/login").await;
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
fn login_redirect(path: &str) -> Response {
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

async fn login(
    State(s): State<AppState>,
    headers: HeaderMap,
    ext: axum::http::Extensions,
    Query(q): Query<NextQuery>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/login").await;
    let get = |k: &str| {
        form.iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if let Some(r) = csrf_refused(&s, &c, &headers, &get("csrf")) {
        return r;
    }
    let next = safe_next(Some(&get("next")));
    let (username, password) = (get("username"), get("password"));
    match security::login(&s.throttle, &s.cases, &ext, &username, &password).await {
        Ok(session) => {
            let target = if session.account.role == Role::Officer && next == "/cases" {
                "/officer".to_string()
            } else {
                next
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

async fn logout(
    State(s): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = ctx(&s, &headers, None, "/").await;
    let token = form
        .iter()
        .find(|(k, _)| k == "csrf")
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    if let Some(r) = csrf_refused(&s, &c, &headers, token) {
        return r;
    }
    if let Some(t) = cookie(&headers, "session") {
        let _ = s.cases.logout(&t).await;
    }
    let mut r = Redirect::to("/").into_response();
    r.headers_mut().append(
        header::SET_COOKIE,
        HeaderValue::from_static("session=; Path=/; Max-Age=0"),
    );
    r
}

// ---- following cases ----

async fn cases_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/cases").await;
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/cases").into_response();
    };
    match s.cases.my_cases(&user).await {
        Ok(list) => render(
            &s,
            &c,
            "cases.html",
            context! { cases => Value::from_serialize(&list) },
        ),
        Err(e) => message(
            &s,
            &c,
            StatusCode::FORBIDDEN,
            "error-forbidden",
            &e.to_string(),
        ),
    }
}

async fn case_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), &format!("/cases/{id}")).await;
    let Some(user) = c.user.clone() else {
        return login_redirect(&format!("/cases/{id}"));
    };
    match s.cases.case(&user, &id).await {
        Ok(d) => {
            let officer = user.role == Role::Officer;
            let licence = onestop_register::licences::of_case(&s.cases.db, &id)
                .await
                .ok()
                .flatten();
            render(
                &s,
                &c,
                "case.html",
                context! { case => Value::from_serialize(&d), officer => officer, licence => licence, facts => serde_json::to_string_pretty(&d.facts).unwrap_or_default() },
            )
        }
        Err(e) => {
            let status = crate::ApiError::from(e).status;
            message(
                &s,
                &c,
                status,
                if status == StatusCode::FORBIDDEN {
                    "error-forbidden"
                } else {
                    "error-not-found"
                },
                "",
            )
        }
    }
}

async fn case_action(
    State(s): State<AppState>,
    headers: HeaderMap,
    Path(id): Path<String>,
    Query(q): Query<LangQuery>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), &format!("/cases/{id}")).await;
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login").into_response();
    };
    let get = |k: &str| {
        form.iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if let Some(r) = csrf_refused(&s, &c, &headers, &get("csrf")) {
        return r;
    }
    let Some(action) = CaseAction::parse(&get("action")) else {
        return message(
            &s,
            &c,
            StatusCode::UNPROCESSABLE_ENTITY,
            "error-bad-answer",
            "unknown action",
        );
    };
    match s.cases.act(&user, &id, action, &get("reason"), None).await {
        Ok(_) => Redirect::to(&format!("/cases/{id}")).into_response(),
        Err(e) => {
            let api = crate::ApiError::from(e);
            message(&s, &c, api.status, "error-action", &api.message)
        }
    }
}

async fn officer_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/officer").await;
    let Some(user) = c.user.clone() else {
        return Redirect::to("/login?next=/officer").into_response();
    };
    match s.cases.inbox(&user).await {
        Ok(list) => {
            let agency = user
                .agency
                .as_deref()
                .map(|a| i18n().t(c.lang, &format!("agency-{a}"), &[]))
                .unwrap_or_default();
            render(
                &s,
                &c,
                "officer.html",
                context! { cases => Value::from_serialize(&list), agency => agency },
            )
        }
        Err(e) => message(
            &s,
            &c,
            StatusCode::FORBIDDEN,
            "error-forbidden",
            &e.to_string(),
        ),
    }
}

async fn file(State(s): State<AppState>, headers: HeaderMap, Path(hash): Path<String>) -> Response {
    let c = ctx(&s, &headers, None, "/files").await;
    let Some(user) = c.user.clone() else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let _ = &c.token;
    match s.cases.material(&user, &hash).await {
        Ok((m, bytes)) => crate::attachment(&m.content_type, &m.filename, bytes),
        Err(e) => crate::ApiError::from(e).into_response(),
    }
}

#[derive(serde::Deserialize)]
struct VerifyQuery {
    lang: Option<String>,
    code: Option<String>,
}

/// The verification page: a licence checked by its code against the register, or a
/// downloaded licence file checked against the log's public key.
async fn verify_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<VerifyQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/verify").await;
    let code: String = q.code.unwrap_or_default().trim().chars().take(64).collect();
    if code.is_empty() {
        return render(&s, &c, "verify.html", context! { code => "", result => () });
    }
    let (status, result) = match onestop_register::licences::verification(&s.cases.db, &code).await
    {
        Ok(v) => (
            StatusCode::OK,
            json!({
                "valid": v["valid"],
                "problems": v["problems"],
                "licence": v["licence"],
                "leaf_index": v["leaf_index"],
                "tree_size": v["tree_head"]["tree_size"],
            }),
        ),
        Err(e) => {
            let status = crate::ApiError::from(e).status;
            let key = if status == StatusCode::NOT_FOUND {
                "verify-not-found"
            } else {
                "verify-bad-code"
            };
            (
                status,
                json!({"valid": false, "problems": [i18n().t(c.lang, key, &[])]}),
            )
        }
    };
    let mut r = render(
        &s,
        &c,
        "verify.html",
        context! { code => code, result => Value::from_serialize(&result) },
    );
    *r.status_mut() = status;
    r
}

async fn verify_upload(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LangQuery>,
    mut multipart: Multipart,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/verify").await;
    let mut file: Option<Vec<u8>> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("licence") => match field.bytes().await {
                Ok(b) => file = Some(b.to_vec()),
                Err(_) => break,
            },
            Ok(Some(_)) => {}
            Ok(None) | Err(_) => break,
        }
    }
    let outcome = file
        .filter(|b| !b.is_empty())
        .ok_or_else(|| i18n().t(c.lang, "verify-no-file", &[]))
        .and_then(|bytes| {
            let v: J = serde_json::from_slice(&bytes)
                .map_err(|_| i18n().t(c.lang, "verify-not-a-licence", &[]))?;
            let v = if v.get("receipt").is_some() {
                v["receipt"].clone()
            } else {
                v
            };
            serde_json::from_value::<onestop_ledger::Receipt>(v)
                .map_err(|_| i18n().t(c.lang, "verify-not-a-licence", &[]))
        });
    let (status, result) = match outcome {
        Err(problem) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            json!({"valid": false, "problems": [problem]}),
        ),
        Ok(receipt) => {
            let checked = onestop_register::log::verifying_key(&s.cases.db)
                .map_err(|e| e.to_string())
                .and_then(|k| receipt.verify(&k).map_err(|e| e.to_string()));
            let licence = (receipt.entry["type"] == "licence").then(|| receipt.entry.clone());
            (
                StatusCode::OK,
                json!({
                    "valid": checked.is_ok(),
                    "problems": checked.err().map(|e| vec![e]).unwrap_or_default(),
                    "licence": licence,
                    "leaf_index": receipt.leaf_index,
                    "tree_size": receipt.tree_head.tree_size,
                }),
            )
        }
    };
    let mut r = render(
        &s,
        &c,
        "verify.html",
        context! { code => "", result => Value::from_serialize(&result) },
    );
    *r.status_mut() = status;
    r
}

#[derive(serde::Deserialize)]
struct AnalystQuery {
    lang: Option<String>,
    reform: Option<String>,
    population: Option<String>,
    date: Option<String>,
}

/// The date reforms are simulated on unless the analyst picks another: the end of
/// the last complete tax year's filing season in the shipped sample data.
const DEFAULT_SIMULATION_DATE: &str = "2024-05-31";

/// The analyst's reform page: choose a shipped reform and population, see what the
/// reform does (beneficiaries, winners and losers, cost, breakdowns, charts).
async fn analyst_page(
    State(s): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<AnalystQuery>,
) -> Response {
    let c = ctx(&s, &headers, q.lang.as_deref(), "/analyst").await;
    let Some(sim) = s.simulator.clone() else {
        return message(
            &s,
            &c,
            StatusCode::SERVICE_UNAVAILABLE,
            "analyst-unavailable",
            "",
        );
    };
    let reforms: Vec<Value> = sim
        .reforms()
        .into_iter()
        .map(|r| {
            let title = if c.lang == "zh-CN" {
                r.title_zh
            } else {
                r.title_en
            };
            context! { id => r.id, title => title }
        })
        .collect();
    let populations = Value::from_serialize(sim.populations());
    let date_text = q
        .date
        .clone()
        .filter(|d| !d.trim().is_empty())
        .unwrap_or_else(|| DEFAULT_SIMULATION_DATE.to_string());
    let chosen = context! {
        reform => q.reform.clone().unwrap_or_default(),
        population => q.population.clone().unwrap_or_default(),
        date => date_text.clone(),
    };
    let (Some(reform), Some(population)) = (q.reform.as_deref(), q.population.as_deref()) else {
        return render(
            &s,
            &c,
            "analyst.html",
            context! { reforms => reforms, populations => populations, chosen => chosen, report => () },
        );
    };
    let page = |status: StatusCode, error: Option<String>, outcome: Option<Value>| {
        let mut r = render(
            &s,
            &c,
            "analyst.html",
            context! { reforms => reforms.clone(), populations => populations.clone(), chosen => chosen.clone(), error => error, ..outcome.unwrap_or_else(|| context! { report => () }) },
        );
        *r.status_mut() = status;
        r
    };
    let Ok(date) = chrono::NaiveDate::parse_from_str(date_text.trim(), "%Y-%m-%d") else {
        return page(
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(i18n().t(c.lang, "analyst-bad-date", &[("date", date_text.clone())])),
            None,
        );
    };
    match sim.simulate(reform, population, date).await {
        Ok(o) => {
            use base64::Engine as _;
            let img = |svg: &str| {
                format!(
                    "data:image/svg+xml;base64,{}",
                    base64::engine::general_purpose::STANDARD.encode(svg)
                )
            };
            let outcome = context! {
                report => Value::from_serialize(&o.report),
                district_chart => o.cost_by_district_svg.as_deref().map(img),
                gains_chart => img(&o.gains_svg),
                seconds => format!("{:.2}", o.seconds),
            };
            page(StatusCode::OK, None, Some(outcome))
        }
        Err(crate::analyst::SimulationError::Unknown(m)) => {
            page(StatusCode::UNPROCESSABLE_ENTITY, Some(m), None)
        }
        Err(crate::analyst::SimulationError::Busy(m)) => {
            let mut r = page(StatusCode::SERVICE_UNAVAILABLE, Some(m), None);
            r.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("30"));
            r
        }
        Err(crate::analyst::SimulationError::Failed(m)) => {
            page(StatusCode::INTERNAL_SERVER_ERROR, Some(m), None)
        }
    }
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
