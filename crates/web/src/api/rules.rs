//! The rule engine over HTTP: eligibility, explanations, the next questions, and the
//! catalogue of measures and services. Anonymous; nothing is stored.

use super::schemas::{Error, Evaluation, Explained, Questions};
use crate::error::ApiError;
use crate::extract::JsonBody;
use crate::openapi::{Routes, documented};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use onestop_cases::services::{Approval, Issue};
use onestop_engine::explain::{Lang, render_explanation};
use onestop_engine::report::evaluation_to_json;
use onestop_engine::{Engine, EvalOptions, facts_from_json, interview};
use serde::Deserialize;
use serde_json::{Value as J, json};
use utoipa::ToSchema;

pub fn routes() -> Routes {
    documented!(
        Routes::new(),
        measures,
        services,
        eligibility,
        explain,
        questions
    )
}

#[derive(Deserialize, ToSchema)]
pub struct EvalRequest {
    /// enterprise, person or project
    entity: String,
    /// Facts by input name; `null` or absent means unknown.
    #[schema(value_type = Object)]
    facts: J,
    /// Decision date YYYY-MM-DD (default: today in Beijing).
    date: Option<String>,
    /// Only these measures (default: every measure of the entity).
    #[serde(default)]
    measures: Vec<String>,
    /// Language of the explanation: en, zh (or zh-CN), ko, ru, es or ar.
    lang: Option<String>,
}

/// The explanation's language (English unless asked); every endpoint refuses an
/// unknown one, so a typo is not silently ignored.
fn language(req: &EvalRequest) -> Result<Lang, ApiError> {
    match req.lang.as_deref() {
        None => Ok(Lang::En),
        Some(l) => Lang::parse(l).ok_or_else(|| {
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "lang",
                format!("unknown language `{l}`; use en, zh, ko, ru, es or ar"),
            )
        }),
    }
}

/// A text in the six languages (`{"en": ..., "zh": ..., "ko": ...}`), English where
/// a language lacks it.
fn six<'a>(get: impl Fn(&str) -> &'a str) -> J {
    json!({
        "en": get("en"),
        "zh": get("zh"),
        "ko": get("ko"),
        "ru": get("ru"),
        "es": get("es"),
        "ar": get("ar"),
    })
}

struct Evaluated {
    facts: onestop_engine::Facts,
    ev: onestop_engine::Evaluation,
}

fn evaluate(engine: &Engine, req: &EvalRequest, trace: bool) -> Result<Evaluated, ApiError> {
    language(req)?;
    super::facts::check(&engine.program, &req.entity, &req.facts)?;
    let entity = engine
        .entity(&req.entity)
        .map_err(|m| ApiError::field(StatusCode::UNPROCESSABLE_ENTITY, "entity", m))?;
    let facts = facts_from_json(&engine.program, entity, &req.facts).map_err(|e| {
        ApiError::field(
            StatusCode::UNPROCESSABLE_ENTITY,
            &format!("facts.{}", e.field),
            e.to_string(),
        )
    })?;
    let date = match &req.date {
        Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "date",
                format!("`{d}` is not a date; write YYYY-MM-DD"),
            )
        })?,
        None => onestop_store::today(),
    };
    let mut ids = Vec::new();
    for m in &req.measures {
        let id = engine.program.measure(m).ok_or_else(|| {
            ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "measures",
                format!("unknown measure `{m}`"),
            )
        })?;
        if engine.program.measures[id.index()].entity != entity {
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                "measures",
                format!("measure `{m}` is not for {}", req.entity),
            ));
        }
        ids.push(id);
    }
    let ev = engine.evaluate(
        &facts,
        date,
        &EvalOptions {
            trace,
            measures: ids,
        },
    );
    Ok(Evaluated { facts, ev })
}

#[utoipa::path(post, path = "/api/eligibility", request_body = EvalRequest, responses(
    (status = 200, description = "Per measure: status, outputs, missing facts", body = Evaluation),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Unknown entity, measure or fact, a fact of the wrong type, or a bad date; `field` names it", body = Error),
))]
async fn eligibility(
    State(s): State<AppState>,
    JsonBody(req): JsonBody<EvalRequest>,
) -> Result<Response, ApiError> {
    let e = evaluate(&s.engine, &req, false)?;
    // Straight to bytes: building a `serde_json::Value` first cost more than evaluating.
    // An answer is about 9 KiB: reserve it once instead of growing the buffer.
    let mut body = Vec::with_capacity(16 * 1024);
    serde_json::to_writer(&mut body, &s.engine.report(&e.ev)).map_err(|err| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("cannot write the evaluation: {err}"),
        )
    })?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

#[utoipa::path(post, path = "/api/explain", request_body = EvalRequest, responses(
    (status = 200, description = "The evaluation and its explanation as text", body = Explained),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Unknown entity, measure, fact or language, a fact of the wrong type, or a bad date", body = Error),
))]
async fn explain(
    State(s): State<AppState>,
    JsonBody(req): JsonBody<EvalRequest>,
) -> Result<Json<J>, ApiError> {
    let lang = language(&req)?;
    let e = evaluate(&s.engine, &req, true)?;
    let mut out = evaluation_to_json(&s.engine.program, &e.ev);
    out["explanation"] = json!(render_explanation(&s.engine.program, &e.facts, &e.ev, lang));
    Ok(Json(out))
}

/// The facts still worth asking, most decisive first (`onestop_engine::interview`).
#[utoipa::path(post, path = "/api/questions", request_body = EvalRequest, responses(
    (status = 200, description = "Open questions, most decisive first; `done` when every status is determined", body = Questions),
    (status = 400, description = "The body is not JSON", body = Error),
    (status = 413, description = "The body is over 1 MiB", body = Error),
    (status = 415, description = "The body is not sent as application/json", body = Error),
    (status = 422, description = "Unknown entity, measure or fact, a fact of the wrong type, or a bad date", body = Error),
))]
async fn questions(
    State(s): State<AppState>,
    JsonBody(req): JsonBody<EvalRequest>,
) -> Result<Json<J>, ApiError> {
    let e = evaluate(&s.engine, &req, false)?;
    let p = &s.engine.program;
    let undetermined = interview::undetermined(&e.ev);
    let qs: Vec<J> = interview::next_questions(&e.ev)
        .into_iter()
        .map(|q| {
            let input = &p.inputs[q.input.index()];
            let options: Vec<J> = match &input.ty {
                onestop_lang::Type::Enum(en) => p.enums[en.0 as usize]
                    .values
                    .iter()
                    .map(|(n, t)| {
                        let mut o = six(|l| t.best(l));
                        o["value"] = json!(n);
                        o
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let measures: Vec<&str> = q
                .measures
                .iter()
                .map(|m| p.measures[m.index()].id.as_str())
                .collect();
            json!({
                "fact": input.name,
                "type": p.type_name(&input.ty),
                "title": six(|l| input.title.best(l)),
                "question": six(|l| input.question.get(l).unwrap_or(input.title.best(l))),
                "options": options,
                "decides_status_of": q.decides_status_of,
                "needed_for_amounts_of": q.needed_for_amounts_of,
                "measures": measures,
            })
        })
        .collect();
    Ok(Json(
        json!({"done": undetermined == 0, "undetermined": undetermined, "questions": qs}),
    ))
}

/// Every measure of the source documents, computable or not.
#[utoipa::path(get, path = "/api/measures", responses(
    (status = 200, description = "Every measure: titles, summary, sources, responsible organisations, status", body = [Object]),
))]
async fn measures(State(s): State<AppState>) -> Json<J> {
    let rows: Vec<J> = onestop_catalog::embedded()
        .measures
        .iter()
        .map(|m| json!({"id": m.id, "title": six(|l| m.title.get(l)), "summary": six(|l| m.summary.get(l)), "source": m.sources.join("; "), "computable": s.engine.program.measure(&m.id).is_some(), "group": m.group, "status": m.status, "responsible": m.responsible, "completion": m.completion}))
        .collect();
    Json(J::Array(rows))
}

/// The one-window services and the cases (one per agency) each opens.
#[utoipa::path(get, path = "/api/services", responses(
    (status = 200, description = "Every service: its measure, entity, whether its documents are issued together, and per agency the case it opens: time limit (the rule that sets it), approval (review or at filing), the materials asked for, whether approval issues a licence and the rule parameter of its validity", body = [Object]),
))]
async fn services(State(s): State<AppState>) -> Json<J> {
    let rows: Vec<J> = s
        .cases
        .services
        .services
        .iter()
        .map(|svc| {
            let cases: Vec<J> = svc
                .cases
                .iter()
                .map(|c| {
                    let limit = match (&c.working_days_parameter, &c.working_days_output, &c.period_parameter) {
                        (Some(p), _, _) => json!({"working_days_parameter": p}),
                        (_, Some(o), _) => json!({"working_days_output": o}),
                        (_, _, Some(p)) => json!({"period_parameter": p}),
                        _ => J::Null,
                    };
                    json!({
                        "kind": c.kind,
                        "agency": c.agency,
                        "title": six(|l| c.title.get(l)),
                        "time_limit": limit,
                        "approval": match c.approval { Approval::Review => "review", Approval::AtFiling => "at_filing" },
                        "opens_when": c.open_when.as_ref().map(|w| json!({"output": w.output, "equals": w.equals})),
                        "licence": c.licence,
                        "validity_parameter": c.validity_parameter,
                        "materials": c.materials.iter().map(|m| json!({"id": m.id, "title": six(|l| m.title.get(l)), "types": m.types, "required": m.required})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({"id": svc.id, "entity": svc.entity, "measure": svc.measure, "title": six(|l| svc.title.get(l)), "source": svc.source, "issue": match svc.issue { Issue::Each => "each", Issue::Together => "together" }, "cases": cases})
        })
        .collect();
    Json(J::Array(rows))
}
