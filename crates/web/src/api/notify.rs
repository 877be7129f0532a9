//! Policy finds the applicant (issue 16): an applicant's notifications and what it
//! subscribed to, the feed of a subscription, and for officers how many applicants
//! each measure reaches (the matching runs of `onestop-notify`).

use super::schemas::Error;
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam, QueryParams};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use onestop_notify::inbox::{self, Notification};
use onestop_notify::messages::messages;
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Routes {
    documented!(
        Routes::new(),
        list_notifications,
        read_notification,
        read_all,
        get_subscription,
        put_subscription,
        feed,
        reach
    )
}

/// One notification as the API shows it.
#[derive(ToSchema, Serialize)]
pub struct NotificationView {
    id: String,
    /// `eligible`, `lost` or `deadline`.
    kind: String,
    measure: Option<String>,
    /// For `lost`: `not_eligible`, `undetermined` or `withdrawn`.
    status: Option<String>,
    case_id: Option<String>,
    due_on: Option<String>,
    /// What happened, in the requested language.
    title: String,
    /// The notification's page with the explanation.
    explanation: String,
    /// The one-window form (or the case) to act on it.
    apply: String,
    created_at: String,
    read: bool,
    emailed_at: Option<String>,
}

#[derive(ToSchema, Serialize)]
pub struct Inbox {
    #[schema(minimum = 0)]
    unread: i64,
    notifications: Vec<NotificationView>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct LangQuery {
    /// zh-CN, en, ko, ru, es or ar (default: the subscription's language)
    lang: Option<String>,
}

pub(crate) fn view(s: &AppState, n: &Notification, lang: &str, entity: &str) -> J {
    let links = n.links(&s.cases.services, entity);
    json!({
        "id": n.id,
        "kind": n.kind,
        "measure": n.measure,
        "status": n.status,
        "case_id": n.case_id,
        "due_on": n.due_on,
        "title": n.title(messages(), lang),
        "explanation": links.explanation,
        "apply": links.apply,
        "created_at": n.created_at,
        "read": n.read,
        "emailed_at": n.emailed_at,
    })
}

fn uuid_or_404(id: &str) -> Result<(), ApiError> {
    if uuid::Uuid::parse_str(id).is_err() {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            format!("no notification {:?}", id.replace('\0', "")),
        ));
    }
    Ok(())
}

/// The signed-in applicant's notifications, newest first, with the unread count.
#[utoipa::path(get, path = "/api/notifications", params(LangQuery), responses(
    (status = 200, description = "Newest first (at most 200)", body = Inbox),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only applicants have notifications", body = Error),
    (status = 422, description = "A query parameter does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_notifications(
    State(s): State<AppState>,
    User(who): User,
    QueryParams(q): QueryParams<LangQuery>,
) -> Result<Json<J>, ApiError> {
    let list = inbox::list(&s.cases, &who, 200).await?;
    let lang = match q.lang {
        Some(l) => l,
        None => {
            onestop_notify::subscription::get(&s.cases, &who)
                .await?
                .lang
        }
    };
    let entity = who.entity.clone().unwrap_or_default();
    let unread = inbox::unread(&s.cases, &who).await?;
    Ok(Json(json!({
        "unread": unread,
        "notifications": list.iter().map(|n| view(&s, n, &lang, &entity)).collect::<Vec<_>>(),
    })))
}

/// Marks one notification read.
#[utoipa::path(post, path = "/api/notifications/{id}/read", params(("id" = String, Path, description = "The notification's id")), responses(
    (status = 200, description = "Read", body = NotificationView),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Another applicant's notification", body = Error),
    (status = 404, description = "No such notification", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn read_notification(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    uuid_or_404(&id)?;
    let n = inbox::mark_read(&s.cases, &who, &id).await?;
    let lang = onestop_notify::subscription::get(&s.cases, &who)
        .await?
        .lang;
    Ok(Json(view(
        &s,
        &n,
        &lang,
        who.entity.as_deref().unwrap_or(""),
    )))
}

#[derive(ToSchema, Serialize)]
pub struct Marked {
    #[schema(minimum = 0)]
    marked: u64,
}

/// Marks every notification read.
#[utoipa::path(post, path = "/api/notifications/read", responses(
    (status = 200, description = "How many were unread", body = Marked),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only applicants have notifications", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn read_all(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(
        json!({"marked": inbox::mark_all_read(&s.cases, &who).await?}),
    ))
}

/// What an applicant hears about.
#[derive(ToSchema, Serialize)]
pub struct Subscription {
    /// Measure groups: talent, enterprise, project, gov.
    groups: Vec<String>,
    /// E-mail address; null: the portal and the feed only.
    email: Option<String>,
    lang: String,
    /// The feed's path (`/feeds/{token}`): whoever has it reads it.
    feed: String,
}

fn subscription_json(sub: &onestop_notify::subscription::Subscription) -> J {
    json!({
        "groups": sub.groups,
        "email": sub.email,
        "lang": sub.lang,
        "feed": format!("/feeds/{}", sub.feed_token),
    })
}

/// The signed-in applicant's subscription (every group, no e-mail, until it chooses).
#[utoipa::path(get, path = "/api/subscription", responses(
    (status = 200, description = "The subscription", body = Subscription),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only applicants subscribe", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn get_subscription(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    let sub = onestop_notify::subscription::get(&s.cases, &who).await?;
    Ok(Json(subscription_json(&sub)))
}

/// A group of measures one can subscribe to (the schema's list; the service checks).
#[derive(ToSchema)]
#[allow(dead_code)]
#[schema(rename_all = "lowercase")]
pub enum MeasureGroup {
    Talent,
    Enterprise,
    Project,
    Gov,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubscriptionBody {
    /// Measure groups to hear about: talent, enterprise, project, gov.
    #[schema(max_items = 4, value_type = Vec<MeasureGroup>)]
    groups: Vec<String>,
    /// E-mail address (null or left out: no e-mail).
    #[schema(max_length = 254, format = "email")]
    email: Option<String>,
    /// zh-CN, en, ko, ru, es or ar.
    #[schema(pattern = "^(zh-CN|en|ko|ru|es|ar)$")]
    lang: String,
}

/// Chooses measure groups, an e-mail address and a language.
#[utoipa::path(put, path = "/api/subscription", request_body = SubscriptionBody, responses(
    (status = 200, description = "Stored", body = Subscription),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Only applicants subscribe", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "An unknown group or language, or not an e-mail address", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn put_subscription(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(b): JsonBody<SubscriptionBody>,
) -> Result<Json<J>, ApiError> {
    // The schema's limit, checked before duplicates are dropped.
    if b.email.as_deref().is_some_and(|e| e.trim().is_empty()) {
        return Err(onestop_store::ServiceError::invalid(
            "email",
            "leave the e-mail address out, or null, for no e-mail",
        )
        .into());
    }
    if b.groups.len() > 4 {
        return Err(onestop_store::ServiceError::invalid("groups", "name at most 4 groups").into());
    }
    let sub =
        onestop_notify::subscription::set(&s.cases, &who, &b.groups, b.email.as_deref(), &b.lang)
            .await?;
    Ok(Json(subscription_json(&sub)))
}

/// The portal's address as this request reached it (for links in a feed).
pub(crate) fn base_url(s: &AppState, h: &HeaderMap) -> String {
    let host = h
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .filter(|v| {
            v.bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b':' | b'-' | b'[' | b']'))
        })
        .unwrap_or("localhost");
    let scheme = if s.secure_cookies { "https" } else { "http" };
    format!("{scheme}://{host}")
}

/// A subscription's Atom feed (RFC 4287). The address is the secret: feed readers
/// cannot sign in.
#[utoipa::path(get, path = "/feeds/{token}", params(("token" = String, Path, description = "The feed's token (GET /api/subscription)")), responses(
    (status = 200, description = "The feed", content_type = "application/atom+xml", body = String),
    (status = 404, description = "No such feed", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn feed(
    State(s): State<AppState>,
    headers: HeaderMap,
    PathParam(token): PathParam<String>,
) -> Result<Response, ApiError> {
    let xml = onestop_notify::feed::atom(&s.cases, &token, &base_url(&s, &headers)).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        xml,
    )
        .into_response())
}

#[derive(ToSchema, Serialize)]
pub struct MeasureReach {
    measure: String,
    entity: String,
    #[schema(minimum = 0)]
    eligible: u64,
    #[schema(minimum = 0)]
    undetermined: u64,
    /// In the published rules (false: a measure the draft would add).
    published: bool,
}

#[derive(ToSchema, Serialize)]
pub struct RunCounts {
    id: String,
    /// `live` or `preview`.
    kind: String,
    label: String,
    rules_version: String,
    decision_date: String,
    evaluator: String,
    finished_at: String,
    profiles: i64,
    skipped: i64,
    gained: i64,
    lost: i64,
    deadlines: i64,
    counts: Vec<MeasureReach>,
}

#[derive(ToSchema, Serialize)]
pub struct Reach {
    live: Option<RunCounts>,
    preview: Option<RunCounts>,
}

/// How many stored profiles each measure reaches: the latest live run (the rules in
/// force) and the latest preview (a draft, `onestop notify preview`).
#[utoipa::path(get, path = "/api/matching/reach", responses(
    (status = 200, description = "The latest runs' counts", body = Reach),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Officers and administrators only", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn reach(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        onestop_notify::reach::reach(&s.cases, &who).await?
    )))
}
