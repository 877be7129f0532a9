//! The portal: server-rendered pages (minijinja templates, Fluent translations, htmx
//! for partial updates) for applicants, officers and analysts. Reading works without
//! JavaScript; every form is a plain HTML form. One file per feature; every handler
//! takes the [`page::Page`] extractor for what all pages share.

mod account;
mod analyst;
mod apply;
mod calendar_admin;
mod cases;
mod catalogue;
// ---- issue 16 item 4: S&T enterprise credit ----
mod credit;
// ---- issue 16: consultation ----
mod consult;
pub mod i18n;
pub use i18n::set_operator_names;
// ---- issue 16 item 4: application scenarios and instrument sharing ----
mod instruments;
mod interview;
mod licence;
mod licences;
// ---- issue 16: notifications and the tracker ----
mod notifications;
mod page;
mod performance;
mod pledges;
mod projects;
mod reach;
// ---- issue 16 item 4: application scenarios ----
mod scenarios;
pub mod search;
pub mod seeds;
mod sources;
// ---- issue 16: statistical monitoring ----
mod statistics;
pub mod templates;
mod tracker;
mod verify;
mod vouchers;
mod witnesses_admin;

use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .merge(templates::static_routes())
        .route("/", get(catalogue::home))
        .route("/measures", get(catalogue::measures))
        .route("/measures/{id}", get(catalogue::measure))
        .route("/search", get(catalogue::search_page))
        .route("/sources", get(sources::list))
        .route("/sources/{stem}", get(sources::page))
        // ---- issue 16: notifications and the tracker ----
        .route("/tracker", get(tracker::page))
        .route("/tracker.csv", get(tracker::export))
        .route("/tracker/{id}", get(tracker::measure).post(tracker::record))
        .route(
            "/notifications",
            get(notifications::inbox).post(notifications::act),
        )
        .route("/notifications/{id}", get(notifications::one))
        .route("/officer/reach", get(reach::page))
        // ---- issue 16 item 4: S&T enterprise credit ----
        .route("/credit", get(credit::page).post(credit::act))
        .route("/credit/lookup", get(credit::lookup))
        .route("/credit/enterprises/{username}", get(credit::enterprise))
        // ---- issue 16: consultation ----
        .route("/consultation", get(consult::page).post(consult::ask))
        .route(
            "/consultation/questions/{id}",
            get(consult::question).post(consult::question_act),
        )
        .route("/faq", get(consult::faq_page))
        .route(
            "/consultation/drafts",
            get(consult::drafts_list).post(consult::publish_draft),
        )
        .route(
            "/consultation/drafts/{id}",
            get(consult::draft).post(consult::draft_act),
        )
        // ---- issue 16 item 4: application scenarios and instrument sharing ----
        .route("/scenarios", get(scenarios::page).post(scenarios::publish))
        .route("/scenarios/{id}", get(scenarios::list).post(scenarios::act))
        .route(
            "/instruments",
            get(instruments::page).post(instruments::list),
        )
        .route(
            "/instruments/{id}",
            get(instruments::instrument).post(instruments::act),
        )
        .route("/instruments/units/{unit}", get(instruments::report))
        .route(
            "/interview/{audience}",
            get(interview::interview).post(interview::interview),
        )
        .route(
            "/apply/{service}",
            get(apply::apply_page).post(apply::apply),
        )
        .route("/apply/{service}/signin", post(apply::apply_signin))
        .route(
            "/apply/{service}/submit",
            post(apply::apply_submit).layer(axum::extract::DefaultBodyLimit::max(
                onestop_cases::store::MAX_MATERIAL_BYTES + 64 * 1024,
            )),
        )
        .route("/login", get(account::login_page).post(account::login))
        .route("/logout", post(account::logout))
        .route("/cases", get(cases::cases_page))
        .route(
            "/cases/{id}",
            get(cases::case_page).post(cases::case_action),
        )
        .route(
            "/cases/{id}/materials",
            post(cases::add_material).layer(axum::extract::DefaultBodyLimit::max(
                onestop_cases::store::MAX_MATERIAL_BYTES + 64 * 1024,
            )),
        )
        .route("/cases/{id}/supervision", post(cases::supervise))
        .route("/officer", get(cases::officer_page))
        .route("/officer/projects", get(projects::inbox))
        .route("/projects", get(projects::list).post(projects::file))
        .route("/projects/{id}", get(projects::project).post(projects::act))
        .route(
            "/projects/{id}/acceptance",
            get(projects::acceptance).post(projects::accept),
        )
        .route("/performance", get(performance::page))
        .route(
            "/admin/calendar",
            get(calendar_admin::page).post(calendar_admin::upload),
        )
        .route("/admin/witnesses", get(witnesses_admin::page))
        .route("/files/{hash}", get(cases::file))
        .route(
            "/verify",
            get(verify::verify_page).post(verify::verify_upload),
        )
        .route("/licences", get(licences::page))
        .route("/licences/{code}", get(licence::page))
        .route("/licences/{code}/status", post(cases::licence_status))
        .route("/analyst", get(analyst::analyst_page))
        // ---- issue 16: statistical monitoring ----
        .route(
            "/analyst/statistics",
            get(statistics::page)
                .post(statistics::upload)
                .layer(statistics::body_limit()),
        )
        // IP pledges: the parties' list and application, one pledge, the public register.
        .route("/pledges", get(pledges::list).post(pledges::apply))
        .route("/pledges/status", get(pledges::status))
        .route("/pledges/{id}", get(pledges::pledge).post(pledges::act))
        // ---- innovation vouchers (issue 15) ----
        .route("/vouchers", get(vouchers::page).post(vouchers::act))
        .route("/vouchers/settlement", get(vouchers::settlement))
        .route("/vouchers/settlement.csv", get(vouchers::settlement_csv))
        .route(
            "/vouchers/{id}",
            get(vouchers::voucher).post(vouchers::voucher_act),
        )
}
