//! The templates, compiled once at start (embedded in the binary), the translations
//! behind their `t()` function, and the portal's two static files.

use super::i18n::I18n;
use super::search;
use axum::Router;
use axum::http::header;
use axum::routing::get;
use minijinja::value::Kwargs;
use minijinja::{Environment, State as MjState, Value};
use std::sync::OnceLock;

/// The compiled templates and the catalogue's search index, built once at start.
pub struct Portal {
    env: Environment<'static>,
    pub search: search::Search,
    /// The source documents' paragraphs (`portal::seeds`).
    pub source_search: search::SourceIndex,
}

static I18N: OnceLock<I18n> = OnceLock::new();

/// The shipped translations (all six languages), loaded on first use.
pub fn i18n() -> &'static I18n {
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
    ("sources.html", include_str!("../../templates/sources.html")),
    ("source.html", include_str!("../../templates/source.html")),
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
    (
        "officer_projects.html",
        include_str!("../../templates/officer_projects.html"),
    ),
    (
        "projects.html",
        include_str!("../../templates/projects.html"),
    ),
    ("project.html", include_str!("../../templates/project.html")),
    (
        "project_facts.html",
        include_str!("../../templates/project_facts.html"),
    ),
    (
        "project_acceptance.html",
        include_str!("../../templates/project_acceptance.html"),
    ),
    ("tracker.html", include_str!("../../templates/tracker.html")),
    ("message.html", include_str!("../../templates/message.html")),
    ("verify.html", include_str!("../../templates/verify.html")),
    ("licence.html", include_str!("../../templates/licence.html")),
    (
        "licences.html",
        include_str!("../../templates/licences.html"),
    ),
    ("analyst.html", include_str!("../../templates/analyst.html")),
    // IP pledges (portal/pledges.rs)
    ("pledges.html", include_str!("../../templates/pledges.html")),
    ("pledge.html", include_str!("../../templates/pledge.html")),
    (
        "pledge_status.html",
        include_str!("../../templates/pledge_status.html"),
    ),
    // ---- innovation vouchers (issue 15) ----
    (
        "vouchers.html",
        include_str!("../../templates/vouchers.html"),
    ),
    ("voucher.html", include_str!("../../templates/voucher.html")),
    (
        "voucher_settlement.html",
        include_str!("../../templates/voucher_settlement.html"),
    ),
    (
        "calendar.html",
        include_str!("../../templates/calendar.html"),
    ),
    (
        "witnesses.html",
        include_str!("../../templates/witnesses.html"),
    ),
    (
        "performance.html",
        include_str!("../../templates/performance.html"),
    ),
    // ---- issue 16 item 4: S&T enterprise credit ----
    ("credit.html", include_str!("../../templates/credit.html")),
    (
        "credit_card.html",
        include_str!("../../templates/credit_card.html"),
    ),
    (
        "credit_consent_list.html",
        include_str!("../../templates/credit_consent_list.html"),
    ),
    (
        "credit_evaluation.html",
        include_str!("../../templates/credit_evaluation.html"),
    ),
    (
        "credit_no_consent.html",
        include_str!("../../templates/credit_no_consent.html"),
    ),
    // ---- issue 16: notifications and the tracker ----
    (
        "notifications.html",
        include_str!("../../templates/notifications.html"),
    ),
    (
        "notification.html",
        include_str!("../../templates/notification.html"),
    ),
    ("reach.html", include_str!("../../templates/reach.html")),
    (
        "tracker_measure.html",
        include_str!("../../templates/tracker_measure.html"),
    ),
    // ---- issue 16: consultation ----
    (
        "consultation.html",
        include_str!("../../templates/consultation.html"),
    ),
    (
        "question.html",
        include_str!("../../templates/question.html"),
    ),
    ("faq.html", include_str!("../../templates/faq.html")),
    ("drafts.html", include_str!("../../templates/drafts.html")),
    ("draft.html", include_str!("../../templates/draft.html")),
    // ---- issue 16: statistical monitoring ----
    (
        "statistics.html",
        include_str!("../../templates/statistics.html"),
    ),
    // ---- issue 16 item 4: application scenarios and instrument sharing ----
    (
        "scenarios.html",
        include_str!("../../templates/scenarios.html"),
    ),
    (
        "scenario_list.html",
        include_str!("../../templates/scenario_list.html"),
    ),
    (
        "instruments.html",
        include_str!("../../templates/instruments.html"),
    ),
    (
        "instrument.html",
        include_str!("../../templates/instrument.html"),
    ),
    (
        "sharing_report.html",
        include_str!("../../templates/sharing_report.html"),
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
        // Citations as links to their section on the source pages (`portal::sources`).
        env.add_filter("cites", |text: String| {
            Value::from_safe_string(super::seeds::linkify(&text))
        });
        let _ = i18n();
        let search = search::Search::build(onestop_catalog::embedded())?;
        let source_search = search::SourceIndex::build(&super::seeds::search_entries())?;
        Ok(Portal {
            env,
            search,
            source_search,
        })
    }

    /// One template with its context.
    pub fn render(&self, name: &str, ctx: Value) -> Result<String, minijinja::Error> {
        self.env.get_template(name)?.render(ctx)
    }
}

/// The stylesheet and htmx, cached by browsers.
pub fn static_routes<S: Clone + Send + Sync + 'static>() -> Router<S> {
    Router::new()
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
}
