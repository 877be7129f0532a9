//! Consultation (issue 16 item 2): questions about a measure routed to its agency with
//! a due date in working days, answers with citations, the public FAQ and its search,
//! draft measures and enterprises' opinions on them (`onestop-consult`).

use super::schemas::Error;
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam, QueryParams};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use onestop_consult::{drafts, faq, questions};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Routes {
    documented!(
        Routes::new(),
        ask,
        list_questions,
        one_question,
        answer,
        publish_faq,
        faq_list,
        publish_draft,
        list_drafts,
        one_draft,
        submit_opinion,
        close_draft
    )
}

#[derive(ToSchema, Serialize)]
pub struct ConsultationQuestion {
    id: String,
    asker: String,
    asker_name: String,
    /// The measure's catalogue id.
    measure: String,
    /// The agency that answers (the measure's responsible organisation, tracker.toml).
    agency: String,
    /// zh, en, ko, ru, es or ar.
    lang: String,
    text: String,
    asked_at: String,
    asked_on: String,
    /// The answer is due on this day (working days, crates/calendar).
    due_on: String,
    /// Counted through a year without a holiday notice.
    due_provisional: bool,
    answer: Option<String>,
    /// The seed sections the answer cites.
    citations: Vec<String>,
    answered_by: Option<String>,
    answered_at: Option<String>,
    answered_on: Option<String>,
    /// Published in the measure's FAQ.
    faq: bool,
    /// Answered and not yet opened by the asker (the asker's "you have an answer").
    new_answer: bool,
    /// Unanswered past the due date, or answered after it.
    overdue: bool,
}

#[derive(ToSchema, Serialize)]
pub struct ConsultationQuestions {
    questions: Vec<ConsultationQuestion>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AskBody {
    /// The measure's catalogue id, e.g. talent.category-a-fast-track.
    measure: String,
    /// The language of the question: zh (or zh-CN), en, ko, ru, es or ar.
    #[schema(pattern = "^(zh|zh-CN|en|ko|ru|es|ar)$")]
    lang: String,
    /// The question (at most 4000 characters).
    #[schema(
        min_length = 1,
        max_length = 4000,
        pattern = "^[^\\x00]*[^\\s\\x00][^\\x00]*$"
    )]
    text: String,
}

/// Asks a question about a measure (applicants); it goes to the measure's agency.
#[utoipa::path(post, path = "/api/consultation/questions", request_body = AskBody, responses(
    (status = 201, description = "Asked, with the answering agency and the due date", body = ConsultationQuestion),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an applicant", body = Error),
    (status = 404, description = "No such measure", body = Error),
    (status = 409, description = "No due date can be counted", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "An empty or too long question, or an unknown language", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn ask(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(b): JsonBody<AskBody>,
) -> Result<Response, ApiError> {
    let q = questions::ask(
        &s.cases.db,
        &s.cases.authz,
        &who,
        &questions::NewQuestion {
            measure: b.measure,
            lang: b.lang,
            text: b.text,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(json!(q))).into_response())
}

/// The signed-in account's questions: an applicant's own, an officer's agency inbox
/// (unanswered first, by due date).
#[utoipa::path(get, path = "/api/consultation/questions", responses(
    (status = 200, description = "The questions", body = ConsultationQuestions),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Neither an applicant nor an agency's officer", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_questions(State(s): State<AppState>, User(who): User) -> Result<Json<J>, ApiError> {
    let list = if who.agency.as_deref().is_some_and(|a| !a.is_empty()) {
        questions::agency_inbox(&s.cases.db, &s.cases.authz, &who).await?
    } else {
        questions::mine(&s.cases.db, &s.cases.authz, &who).await?
    };
    Ok(Json(json!({ "questions": list })))
}

/// One question (its asker, its agency, administrators).
#[utoipa::path(get, path = "/api/consultation/questions/{id}", params(("id" = String, Path, description = "The question's id")), responses(
    (status = 200, description = "The question", body = ConsultationQuestion),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Neither the asker nor the answering agency", body = Error),
    (status = 404, description = "No such question", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn one_question(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let q = questions::get(&s.cases.db, &s.cases.authz, &who, &id).await?;
    Ok(Json(json!(q)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerBody {
    /// The answer, citing at least one seed section, e.g. "000_abb21015abc8a560.txt §15(2)".
    #[schema(min_length = 1, max_length = 8000)]
    answer: String,
}

/// The answering agency's officer answers, once, with citations.
#[utoipa::path(post, path = "/api/consultation/questions/{id}/answer", request_body = AnswerBody, params(("id" = String, Path, description = "The question's id")), responses(
    (status = 200, description = "Answered", body = ConsultationQuestion),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the answering agency", body = Error),
    (status = 404, description = "No such question", body = Error),
    (status = 409, description = "Already answered", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "An empty answer, or one without any citation", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn answer(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<AnswerBody>,
) -> Result<Json<J>, ApiError> {
    let q = questions::answer(&s.cases.db, &s.cases.authz, &who, &id, &b.answer).await?;
    Ok(Json(json!(q)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FaqBody {
    /// true: publish in the measure's FAQ; false: withdraw from it.
    publish: bool,
}

/// The answering agency puts an answered question in the measure's public FAQ, or takes it out.
#[utoipa::path(post, path = "/api/consultation/questions/{id}/faq", request_body = FaqBody, params(("id" = String, Path, description = "The question's id")), responses(
    (status = 200, description = "Published or withdrawn", body = ConsultationQuestion),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the answering agency", body = Error),
    (status = 404, description = "No such question", body = Error),
    (status = 409, description = "Not answered yet", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "The body does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn publish_faq(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<FaqBody>,
) -> Result<Json<J>, ApiError> {
    let q = questions::publish_faq(&s.cases.db, &s.cases.authz, &who, &id, b.publish).await?;
    Ok(Json(json!(q)))
}

#[derive(ToSchema, Serialize)]
pub struct FaqItem {
    /// The question's id.
    id: String,
    measure: String,
    agency: String,
    lang: String,
    question: String,
    answer: String,
    citations: Vec<String>,
    answered_on: String,
}

#[derive(ToSchema, Serialize)]
pub struct Faq {
    entries: Vec<FaqItem>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct FaqQuery {
    /// Only this measure's FAQ.
    measure: Option<String>,
    /// Words to find in the question, the answer or the measure's title.
    q: Option<String>,
}

/// The public FAQ, of one measure or all, searched by words.
#[utoipa::path(get, path = "/api/consultation/faq", params(FaqQuery), responses(
    (status = 200, description = "Published questions and answers (at most 100)", body = Faq),
    (status = 422, description = "The query does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn faq_list(
    State(s): State<AppState>,
    QueryParams(q): QueryParams<FaqQuery>,
) -> Result<Json<J>, ApiError> {
    let query: String = q.q.unwrap_or_default().chars().take(200).collect();
    let entries = faq::list(
        &s.cases.db,
        q.measure.as_deref().filter(|m| !m.is_empty()),
        &query,
        100,
    )
    .await?;
    Ok(Json(json!({ "entries": entries })))
}

#[derive(ToSchema, Serialize)]
pub struct DraftMeasure {
    id: String,
    agency: String,
    title: String,
    text: String,
    /// The opinion period, in working days.
    working_days: i64,
    opened_on: String,
    /// The last day opinions are accepted.
    closes_on: String,
    closes_provisional: bool,
    created_by: String,
    closed_at: Option<String>,
    closed_by: Option<String>,
    /// Opinions are accepted now.
    open: bool,
    #[schema(minimum = 0)]
    opinions: i64,
}

#[derive(ToSchema, Serialize)]
pub struct DraftMeasures {
    drafts: Vec<DraftMeasure>,
}

#[derive(ToSchema, Serialize)]
pub struct DraftOpinion {
    id: String,
    draft_id: String,
    author: String,
    author_name: String,
    lang: String,
    text: String,
    submitted_at: String,
}

#[derive(ToSchema, Serialize)]
pub struct DraftDetail {
    draft: DraftMeasure,
    /// The opinions, for the draft's agency and administrators only (else absent).
    opinions: Option<Vec<DraftOpinion>>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftBody {
    #[schema(min_length = 1, max_length = 300)]
    title: String,
    #[schema(min_length = 1, max_length = 50000)]
    text: String,
    /// The opinion period in working days (consultation.toml's bounds; 5 to 60 shipped).
    #[schema(minimum = 5, maximum = 60)]
    #[serde(deserialize_with = "super::whole_number")]
    working_days: i64,
}

/// An agency's officer publishes a draft measure for enterprises' opinions (001 §5).
#[utoipa::path(post, path = "/api/consultation/drafts", request_body = DraftBody, responses(
    (status = 201, description = "Published, with the day the period closes", body = DraftMeasure),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an agency's officer", body = Error),
    (status = 409, description = "No closing date can be counted", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "An empty title or text, or a period outside the bounds", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn publish_draft(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(b): JsonBody<DraftBody>,
) -> Result<Response, ApiError> {
    let d = drafts::publish(
        &s.cases.db,
        &s.cases.authz,
        &who,
        &drafts::NewDraft {
            title: b.title,
            text: b.text,
            working_days: b.working_days,
        },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(json!(d))).into_response())
}

/// Every draft measure, open ones first (public).
#[utoipa::path(get, path = "/api/consultation/drafts", responses(
    (status = 200, description = "The drafts", body = DraftMeasures),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn list_drafts(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    Ok(Json(json!({ "drafts": drafts::list(&s.cases.db).await? })))
}

/// One draft (public), with its opinions for its agency and administrators.
#[utoipa::path(get, path = "/api/consultation/drafts/{id}", params(("id" = String, Path, description = "The draft's id")), responses(
    (status = 200, description = "The draft", body = DraftDetail),
    (status = 404, description = "No such draft", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn one_draft(
    State(s): State<AppState>,
    headers: axum::http::HeaderMap,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let d = drafts::get(&s.cases.db, &id).await?;
    let opinions = match crate::state::optional_user(&s, &headers).await {
        Some(u) if drafts::may(&s.cases.authz, &u, "view_opinions", &d) => {
            Some(drafts::opinions(&s.cases.db, &s.cases.authz, &u, &id).await?)
        }
        _ => None,
    };
    Ok(Json(json!({ "draft": d, "opinions": opinions })))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpinionBody {
    /// zh (or zh-CN), en, ko, ru, es or ar.
    lang: String,
    #[schema(min_length = 1, max_length = 8000)]
    text: String,
}

/// An enterprise gives its opinion on an open draft.
#[utoipa::path(post, path = "/api/consultation/drafts/{id}/opinions", request_body = OpinionBody, params(("id" = String, Path, description = "The draft's id")), responses(
    (status = 201, description = "Received", body = DraftOpinion),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an enterprise", body = Error),
    (status = 404, description = "No such draft", body = Error),
    (status = 409, description = "The opinion period is over", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "An empty opinion or an unknown language", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn submit_opinion(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<OpinionBody>,
) -> Result<Response, ApiError> {
    let o =
        drafts::submit_opinion(&s.cases.db, &s.cases.authz, &who, &id, &b.lang, &b.text).await?;
    Ok((StatusCode::CREATED, Json(json!(o))).into_response())
}

/// The draft's agency closes the opinion period.
#[utoipa::path(post, path = "/api/consultation/drafts/{id}/close", params(("id" = String, Path, description = "The draft's id")), responses(
    (status = 200, description = "Closed", body = DraftMeasure),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the draft's agency", body = Error),
    (status = 404, description = "No such draft", body = Error),
    (status = 409, description = "Already closed", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn close_draft(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let d = drafts::close(&s.cases.db, &s.cases.authz, &who, &id).await?;
    Ok(Json(json!(d)))
}
