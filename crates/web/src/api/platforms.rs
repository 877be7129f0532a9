//! The commission's platforms (issue 16 item 4; `onestop-platforms`): application
//! scenario lists with enterprises' solutions matched by industry and capability
//! (001 §25, 000 §13), and instrument sharing booked by working day with fees in fen
//! (001 §28, 000 §8). Every permission is the access policy's; the handlers only
//! translate between JSON and the crate.

use super::schemas::Error;
use crate::error::ApiError;
use crate::extract::{JsonBody, PathParam, QueryParams};
use crate::openapi::{Routes, documented};
use crate::state::{AppState, User};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use onestop_platforms::{instruments, scenarios};
use serde::{Deserialize, Serialize};
use serde_json::{Value as J, json};
use utoipa::{IntoParams, ToSchema};

pub fn routes() -> Routes {
    documented!(
        Routes::new(),
        list_lists,
        publish_list,
        one_list,
        list_solutions,
        publish_results,
        suggestions,
        submit_solution,
        one_solution,
        select_solution,
        list_instruments,
        list_instrument,
        one_instrument,
        book,
        instrument_bookings,
        one_booking,
        decide,
        usage,
        sharing_report
    )
}

// ---- application scenarios ----

#[derive(ToSchema, Serialize)]
pub struct ScenarioItem {
    id: String,
    list_id: String,
    position: i64,
    title: String,
    need: String,
    /// A lower-case word, e.g. transport.
    industry: String,
    /// The capabilities sought, lower-case words.
    capabilities: Vec<String>,
}

#[derive(ToSchema, Serialize)]
pub struct ScenarioListItem {
    id: String,
    agency: String,
    title: String,
    /// The submission period, in working days.
    working_days: i64,
    opened_on: String,
    /// The last day solutions are accepted.
    closes_on: String,
    closes_provisional: bool,
    published_by: String,
    published_at: String,
    /// When the agency published the results (the list is then closed).
    results_at: Option<String>,
    /// Solutions are accepted now.
    open: bool,
    scenarios: Vec<ScenarioItem>,
}

#[derive(ToSchema, Serialize)]
pub struct ScenarioLists {
    lists: Vec<ScenarioListItem>,
}

#[derive(ToSchema, Serialize)]
pub struct SelectedItem {
    scenario_id: String,
    scenario_title: String,
    enterprise_name: String,
}

#[derive(ToSchema, Serialize)]
pub struct ScenarioListDetail {
    list: ScenarioListItem,
    /// The selected solutions, once the results are published (else empty).
    results: Vec<SelectedItem>,
}

#[derive(ToSchema, Serialize)]
pub struct MatchItem {
    same_industry: bool,
    shared_capabilities: Vec<String>,
    /// 2 for the same industry + 1 per shared capability.
    score: i64,
    suggested: bool,
    /// Why, in words.
    reason: String,
}

#[derive(ToSchema, Serialize)]
pub struct SolutionItem {
    id: String,
    scenario_id: String,
    scenario_title: String,
    list_id: String,
    enterprise: String,
    enterprise_name: String,
    text: String,
    industry: String,
    capabilities: Vec<String>,
    submitted_at: String,
    selected: bool,
    selected_at: Option<String>,
    /// How the solution's industry and capabilities match the scenario.
    #[serde(rename = "match")]
    matching: MatchItem,
}

#[derive(ToSchema, Serialize)]
pub struct Solutions {
    solutions: Vec<SolutionItem>,
}

#[derive(ToSchema, Serialize)]
pub struct SuggestionItem {
    list_id: String,
    list_title: String,
    scenario: ScenarioItem,
    #[serde(rename = "match")]
    matching: MatchItem,
}

#[derive(ToSchema, Serialize)]
pub struct Suggestions {
    suggestions: Vec<SuggestionItem>,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewScenarioBody {
    #[schema(
        min_length = 1,
        max_length = 300,
        pattern = "^[^\\x00]*[^\\s\\x00][^\\x00]*$"
    )]
    title: String,
    #[schema(
        min_length = 1,
        max_length = 8000,
        pattern = "^[^\\x00]*[^\\s\\x00][^\\x00]*$"
    )]
    need: String,
    /// e.g. "transport" (normalised to a lower-case word).
    #[schema(
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\x00]*[^\\s\\x00][^\\x00]*$"
    )]
    industry: String,
    /// 1 to 20 capabilities sought, e.g. ["computer-vision", "5g"].
    #[schema(schema_with = capability_words)]
    capabilities: Vec<String>,
}

/// 1 to 20 non-blank words of at most 64 characters (utoipa cannot say this of the
/// items of a `Vec<String>` by attributes).
fn capability_words() -> utoipa::openapi::schema::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Type};
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .min_length(Some(1))
                .max_length(Some(64))
                .pattern(Some("^[^\\x00]*[^\\s\\x00][^\\x00]*$")),
        )
        .min_items(Some(1))
        .max_items(Some(20))
        .build()
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewListBody {
    #[schema(min_length = 1, max_length = 300)]
    title: String,
    /// The submission period, 5 to 60 working days.
    #[schema(minimum = 5, maximum = 60)]
    #[serde(deserialize_with = "super::whole_number")]
    working_days: i64,
    /// 1 to 50 scenarios.
    #[schema(min_items = 1, max_items = 50)]
    scenarios: Vec<NewScenarioBody>,
}

/// Every scenario list, open ones first (public).
#[utoipa::path(get, path = "/api/scenario-lists", responses(
    (status = 200, description = "The lists", body = ScenarioLists),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn list_lists(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    Ok(Json(
        json!({ "lists": scenarios::lists(&s.cases.db).await? }),
    ))
}

/// An agency's officer publishes a list of application scenarios (001 §25).
#[utoipa::path(post, path = "/api/scenario-lists", request_body = NewListBody, responses(
    (status = 201, description = "Published, with its closing date in working days", body = ScenarioListItem),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an agency's officer", body = Error),
    (status = 409, description = "No closing date can be counted", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "A missing title, a period out of bounds, no scenarios or no capabilities", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn publish_list(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(b): JsonBody<NewListBody>,
) -> Result<Response, ApiError> {
    let new = scenarios::NewList {
        title: b.title,
        working_days: b.working_days,
        scenarios: b
            .scenarios
            .into_iter()
            .map(|x| scenarios::NewScenario {
                title: x.title,
                need: x.need,
                industry: x.industry,
                capabilities: x.capabilities,
            })
            .collect(),
    };
    let l = scenarios::publish(&s.cases.db, &s.cases.authz, &who, &new).await?;
    Ok((StatusCode::CREATED, Json(json!(l))).into_response())
}

/// One list with its public results (public).
#[utoipa::path(get, path = "/api/scenario-lists/{id}", params(("id" = String, Path, description = "The list's id")), responses(
    (status = 200, description = "The list and, once published, its results", body = ScenarioListDetail),
    (status = 404, description = "No such list", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn one_list(
    State(s): State<AppState>,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let l = scenarios::get(&s.cases.db, &id).await?;
    let results = scenarios::results(&s.cases.db, &id).await?;
    Ok(Json(json!({ "list": l, "results": results })))
}

/// The solutions to a list, best match first (the list's agency, administrators).
#[utoipa::path(get, path = "/api/scenario-lists/{id}/solutions", params(("id" = String, Path, description = "The list's id")), responses(
    (status = 200, description = "The solutions", body = Solutions),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the list's agency", body = Error),
    (status = 404, description = "No such list", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_solutions(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let list = scenarios::solutions(&s.cases.db, &s.cases.authz, &who, &id).await?;
    Ok(Json(json!({ "solutions": list })))
}

/// The list's agency publishes the results: the list closes, the selection is public.
#[utoipa::path(post, path = "/api/scenario-lists/{id}/results", params(("id" = String, Path, description = "The list's id")), responses(
    (status = 200, description = "Published", body = ScenarioListDetail),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the list's agency", body = Error),
    (status = 404, description = "No such list", body = Error),
    (status = 409, description = "Already published", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn publish_results(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let l = scenarios::publish_results(&s.cases.db, &s.cases.authz, &who, &id).await?;
    let results = scenarios::results(&s.cases.db, &id).await?;
    Ok(Json(json!({ "list": l, "results": results })))
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
struct SuggestQuery {
    /// The enterprise's industry, e.g. transport.
    #[param(
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\x00]*[^\\s\\x00][^\\x00]*$"
    )]
    industry: String,
    /// Its capabilities, comma-separated, e.g. computer-vision,5g (1 to 20, each of
    /// at most 64 characters).
    #[param(
        min_length = 1,
        max_length = 64,
        pattern = "^[^\\x00]*[^,，;\\s\\x00][^\\x00]*$"
    )]
    capabilities: String,
}

fn split_words(list: &str) -> Vec<String> {
    list.split([',', '，', ';'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The scenarios of the open lists suggested for an industry and capabilities, best
/// first, each with the reason (public).
#[utoipa::path(get, path = "/api/scenarios/suggestions", params(SuggestQuery), responses(
    (status = 200, description = "The suggestions", body = Suggestions),
    (status = 422, description = "No industry or no capability", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn suggestions(
    State(s): State<AppState>,
    QueryParams(q): QueryParams<SuggestQuery>,
) -> Result<Json<J>, ApiError> {
    let list = scenarios::suggest(&s.cases.db, &q.industry, &split_words(&q.capabilities)).await?;
    Ok(Json(json!({ "suggestions": list })))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SolutionBody {
    #[schema(min_length = 1, max_length = 20000)]
    text: String,
    /// The enterprise's industry.
    industry: String,
    /// The capabilities it offers (1 to 20).
    capabilities: Vec<String>,
}

/// An enterprise submits its solution to a scenario of an open list (once).
#[utoipa::path(post, path = "/api/scenarios/{id}/solutions", request_body = SolutionBody, params(("id" = String, Path, description = "The scenario's id")), responses(
    (status = 201, description = "Submitted, with how it matches", body = SolutionItem),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an enterprise", body = Error),
    (status = 404, description = "No such scenario", body = Error),
    (status = 409, description = "The list is closed, or already submitted", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "An empty text, industry or capability list", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn submit_solution(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<SolutionBody>,
) -> Result<Response, ApiError> {
    let new = scenarios::NewSolution {
        text: b.text,
        industry: b.industry,
        capabilities: b.capabilities,
    };
    let so = scenarios::submit(&s.cases.db, &s.cases.authz, &who, &id, &new).await?;
    Ok((StatusCode::CREATED, Json(json!(so))).into_response())
}

/// One solution (its enterprise, the list's agency, administrators).
#[utoipa::path(get, path = "/api/solutions/{id}", params(("id" = String, Path, description = "The solution's id")), responses(
    (status = 200, description = "The solution", body = SolutionItem),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Neither its enterprise nor the list's agency", body = Error),
    (status = 404, description = "No such solution", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn one_solution(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        scenarios::solution(&s.cases.db, &s.cases.authz, &who, &id).await?
    )))
}

/// The list's agency selects a solution (before the results are published).
#[utoipa::path(post, path = "/api/solutions/{id}/select", params(("id" = String, Path, description = "The solution's id")), responses(
    (status = 200, description = "Selected", body = SolutionItem),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not an officer of the list's agency", body = Error),
    (status = 404, description = "No such solution", body = Error),
    (status = 409, description = "The results are already published", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn select_solution(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        scenarios::select(&s.cases.db, &s.cases.authz, &who, &id).await?
    )))
}

// ---- instrument sharing ----

#[derive(ToSchema, Serialize)]
pub struct InstrumentItem {
    id: String,
    /// The unit's account id.
    unit: String,
    unit_name: String,
    name: String,
    category: String,
    location: String,
    /// Its rules of use.
    rules: String,
    /// The fee per working day, in fen (integer; 100 fen = 1 yuan).
    fee_fen_per_day: i64,
    listed_at: String,
}

#[derive(ToSchema, Serialize)]
pub struct Instruments {
    instruments: Vec<InstrumentItem>,
}

#[derive(ToSchema, Serialize)]
pub struct InstrumentDetail {
    instrument: InstrumentItem,
    /// The days held by requested or confirmed bookings.
    held_days: Vec<String>,
}

#[derive(ToSchema, Serialize)]
pub struct BookingItem {
    id: String,
    instrument_id: String,
    instrument_name: String,
    unit: String,
    booker: String,
    booker_name: String,
    /// The working days booked, YYYY-MM-DD, sorted.
    days: Vec<String>,
    first_day: String,
    last_day: String,
    /// Days times the fee per day when booked, in fen.
    fee_fen: i64,
    purpose: String,
    /// requested, confirmed, refused or used.
    status: String,
    requested_at: String,
    decided_at: Option<String>,
    usage_hours: Option<i64>,
    usage_result: Option<String>,
    reported_at: Option<String>,
}

#[derive(ToSchema, Serialize)]
pub struct Bookings {
    bookings: Vec<BookingItem>,
}

#[derive(ToSchema, Serialize)]
pub struct InstrumentUseItem {
    id: String,
    name: String,
    fee_fen_per_day: i64,
    bookings: i64,
    days_booked: i64,
    days_used: i64,
    hours_used: i64,
    fees_fen: i64,
}

#[derive(ToSchema, Serialize)]
pub struct SharingReportItem {
    unit: String,
    unit_name: String,
    instruments: Vec<InstrumentUseItem>,
    /// Confirmed or used bookings.
    bookings: i64,
    days_booked: i64,
    /// Days of bookings whose usage is reported.
    days_used: i64,
    hours_used: i64,
    /// Fees of confirmed or used bookings, in fen.
    fees_fen: i64,
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InstrumentBody {
    #[schema(min_length = 1, max_length = 200)]
    name: String,
    #[schema(min_length = 1, max_length = 200)]
    category: String,
    #[schema(min_length = 1, max_length = 200)]
    location: String,
    #[schema(min_length = 1, max_length = 8000)]
    rules: String,
    /// The fee per working day in fen: a whole number, 0 to 100000000.
    #[schema(minimum = 0, maximum = 100000000)]
    #[serde(deserialize_with = "super::whole_number")]
    fee_fen_per_day: i64,
}

/// Every listed instrument (public).
#[utoipa::path(get, path = "/api/instruments", responses(
    (status = 200, description = "The instruments", body = Instruments),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn list_instruments(State(s): State<AppState>) -> Result<Json<J>, ApiError> {
    Ok(Json(
        json!({ "instruments": instruments::instruments(&s.cases.db).await? }),
    ))
}

/// A unit lists one of its large instruments for sharing (001 §28).
#[utoipa::path(post, path = "/api/instruments", request_body = InstrumentBody, responses(
    (status = 201, description = "Listed", body = InstrumentItem),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not a unit (an enterprise account)", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "An empty field or a fee out of bounds", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn list_instrument(
    State(s): State<AppState>,
    User(who): User,
    JsonBody(b): JsonBody<InstrumentBody>,
) -> Result<Response, ApiError> {
    let new = instruments::NewInstrument {
        name: b.name,
        category: b.category,
        location: b.location,
        rules: b.rules,
        fee_fen_per_day: b.fee_fen_per_day,
    };
    let i = instruments::list(&s.cases.db, &s.cases.authz, &who, &new).await?;
    Ok((StatusCode::CREATED, Json(json!(i))).into_response())
}

/// One instrument and the days it is held (public).
#[utoipa::path(get, path = "/api/instruments/{id}", params(("id" = String, Path, description = "The instrument's id")), responses(
    (status = 200, description = "The instrument", body = InstrumentDetail),
    (status = 404, description = "No such instrument", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn one_instrument(
    State(s): State<AppState>,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let i = instruments::get(&s.cases.db, &id).await?;
    let held = instruments::held_days(&s.cases.db, &id).await?;
    Ok(Json(json!({ "instrument": i, "held_days": held })))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BookingBody {
    /// 1 to 20 working days, YYYY-MM-DD, from today on.
    days: Vec<String>,
    #[schema(min_length = 1, max_length = 4000)]
    purpose: String,
}

/// Another applicant books working days of an instrument. A day already held is
/// refused with 409; of concurrent requests for a day exactly one succeeds.
#[utoipa::path(post, path = "/api/instruments/{id}/bookings", request_body = BookingBody, params(("id" = String, Path, description = "The instrument's id")), responses(
    (status = 201, description = "Requested; the unit confirms it", body = BookingItem),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "The instrument's own unit, or not an applicant", body = Error),
    (status = 404, description = "No such instrument", body = Error),
    (status = 409, description = "A day is already booked", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Not a date, not a working day, past, or too many days", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn book(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<BookingBody>,
) -> Result<Response, ApiError> {
    let new = instruments::NewBooking {
        days: b.days,
        purpose: b.purpose,
    };
    let bk = instruments::book(&s.cases.db, &s.cases.authz, &who, &id, &new).await?;
    Ok((StatusCode::CREATED, Json(json!(bk))).into_response())
}

/// The bookings of an instrument (its unit, administrators).
#[utoipa::path(get, path = "/api/instruments/{id}/bookings", params(("id" = String, Path, description = "The instrument's id")), responses(
    (status = 200, description = "The bookings", body = Bookings),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not the instrument's unit", body = Error),
    (status = 404, description = "No such instrument", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn instrument_bookings(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    let list = instruments::bookings(&s.cases.db, &s.cases.authz, &who, &id).await?;
    Ok(Json(json!({ "bookings": list })))
}

/// One booking (the unit, the booker, administrators).
#[utoipa::path(get, path = "/api/bookings/{id}", params(("id" = String, Path, description = "The booking's id")), responses(
    (status = 200, description = "The booking", body = BookingItem),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Neither the unit nor the booker", body = Error),
    (status = 404, description = "No such booking", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn one_booking(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        instruments::booking(&s.cases.db, &s.cases.authz, &who, &id).await?
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionBody {
    /// true: confirm; false: refuse (the days are released).
    confirm: bool,
}

/// The instrument's unit confirms or refuses a requested booking.
#[utoipa::path(post, path = "/api/bookings/{id}/decision", request_body = DecisionBody, params(("id" = String, Path, description = "The booking's id")), responses(
    (status = 200, description = "Decided", body = BookingItem),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not the instrument's unit", body = Error),
    (status = 404, description = "No such booking", body = Error),
    (status = 409, description = "Already decided", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "The body does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn decide(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<DecisionBody>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(
        instruments::decide(&s.cases.db, &s.cases.authz, &who, &id, b.confirm).await?
    )))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UsageBody {
    /// Hours used: 1 to 24 per booked day.
    #[schema(minimum = 1)]
    hours: i64,
    /// What the use gave.
    #[schema(min_length = 1, max_length = 4000)]
    result: String,
}

/// The instrument's unit reports a confirmed booking's usage, from its last day on.
#[utoipa::path(post, path = "/api/bookings/{id}/usage", request_body = UsageBody, params(("id" = String, Path, description = "The booking's id")), responses(
    (status = 200, description = "Reported", body = BookingItem),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 401, description = "Not signed in", body = Error),
    (status = 403, description = "Not the instrument's unit", body = Error),
    (status = 404, description = "No such booking", body = Error),
    (status = 409, description = "Not confirmed, before the last day, or already reported", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Hours out of bounds or an empty result", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
), security(("bearer" = [])))]
async fn usage(
    State(s): State<AppState>,
    User(who): User,
    PathParam(id): PathParam<String>,
    JsonBody(b): JsonBody<UsageBody>,
) -> Result<Json<J>, ApiError> {
    let u = instruments::Usage {
        hours: b.hours,
        result: b.result,
    };
    Ok(Json(json!(
        instruments::report_usage(&s.cases.db, &s.cases.authz, &who, &id, &u).await?
    )))
}

/// A unit's public open-sharing report: bookings, days, hours and fees per instrument.
#[utoipa::path(get, path = "/api/units/{id}/sharing-report", params(("id" = String, Path, description = "The unit's account id")), responses(
    (status = 200, description = "The report", body = SharingReportItem),
    (status = 404, description = "No such unit", body = Error),
    (status = 422, description = "The path does not fit", body = Error),
    (status = 503, description = "Storage unavailable; try again", body = Error),
))]
async fn sharing_report(
    State(s): State<AppState>,
    PathParam(id): PathParam<String>,
) -> Result<Json<J>, ApiError> {
    Ok(Json(json!(instruments::report(&s.cases.db, &id).await?)))
}
