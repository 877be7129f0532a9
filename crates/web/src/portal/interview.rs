//! The interview: one question at a time, the next always the unknown fact that most
//! undetermined measures wait for (`onestop_engine::interview`), answers carried in
//! hidden fields; then what applies, what it is worth, and why.

use super::page::{Page, measure_title, message, render, rules_lang, service_title};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{Value, context};
use onestop_engine::explain::output_name;
use onestop_engine::explain::{
    describe_doubt_html, render_explanation_html, show_val_titled, validity,
};
use onestop_engine::{EvalOptions, Status, facts_from_json, interview, value_from_json};
use onestop_lang::{Confidence, EntityId, InputId, OutputRef, Type};
use serde_json::Value as J;

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

/// The answers so far (carried and just given), and the question to ask again when
/// the last answer did not fit its type.
struct Answers {
    facts: serde_json::Map<String, J>,
    skipped: Vec<String>,
    error: Option<(String, String)>,
    finish: bool,
}

fn read_answers(program: &onestop_lang::Program, entity: EntityId, body: &[u8]) -> Answers {
    let form: Vec<(String, String)> = serde_urlencoded::from_bytes(body).unwrap_or_default();
    let (mut facts, mut skipped) = carried(&form);
    let mut error = None;
    let field = |k: &str| form.iter().find(|(a, _)| a == k).map(|(_, v)| v.clone());
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
    Answers {
        facts,
        skipped,
        error,
        finish: field("finish").is_some(),
    }
}

pub(super) async fn interview(
    State(s): State<AppState>,
    c: Page,
    Path(audience): Path<String>,
    body: axum::body::Bytes,
) -> Response {
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
    let mut answers = read_answers(program, entity, &body);
    // A signed-in applicant of this entity starts from the stored profile; what is
    // answered here overrides it and is saved back with the results.
    let applicant = c.user.as_ref().filter(|u| {
        u.role == onestop_store::Role::Applicant && u.entity.as_deref() == Some(entity_name)
    });
    if let Some(u) = applicant
        && let Ok(J::Object(profile)) = s.cases.profile(u).await
    {
        for (k, v) in profile {
            if program.input(entity, &k).is_some()
                && !answers.facts.contains_key(&k)
                && !answers.skipped.contains(&k)
            {
                answers.facts.insert(k, v);
            }
        }
    }
    let parsed = match facts_from_json(program, entity, &J::Object(answers.facts.clone())) {
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
    // Most decisive first, as the API asks; facts the applicant skipped are not asked again.
    let order: Vec<interview::Question> = interview::next_questions(&ev)
        .into_iter()
        .filter(|q| {
            !answers
                .skipped
                .contains(&program.inputs[q.input.index()].name)
        })
        .collect();
    let next = match &answers.error {
        Some((name, _)) => program.input(entity, name),
        None => order.first().map(|q| q.input),
    };
    match next {
        Some(input) if !answers.finish => {
            let waiting: Vec<String> = order
                .iter()
                .find(|q| q.input == input)
                .map(|q| q.measures.as_slice())
                .unwrap_or_default()
                .iter()
                .map(|m| measure_title(&program.measures[m.index()].id, c.lang))
                .collect();
            ask(
                &s,
                &c,
                &audience,
                &answers,
                input,
                waiting,
                order.len(),
                applicant.is_some(),
            )
        }
        _ => {
            let saved = match applicant {
                Some(u) => s
                    .cases
                    .remember_facts(u, &J::Object(answers.facts.clone()))
                    .await
                    .is_ok(),
                None => false,
            };
            results(&s, &c, &audience, answers.facts, &parsed, &ev, date, saved)
        }
    }
}

/// The page asking one question, with the answers so far in hidden fields.
#[allow(clippy::too_many_arguments)]
fn ask(
    s: &AppState,
    c: &Page,
    audience: &str,
    answers: &Answers,
    input: InputId,
    waiting: Vec<String>,
    remaining: usize,
    with_profile: bool,
) -> Response {
    let program = &s.engine.program;
    let hidden: Vec<Value> = answers
        .facts
        .iter()
        .map(|(k, v)| context! { name => format!("f:{k}"), value => v.to_string() })
        .chain(
            answers
                .skipped
                .iter()
                .map(|k| context! { name => format!("skip:{k}"), value => "1" }),
        )
        .collect();
    let asked = answers.facts.len() + answers.skipped.len();
    let input = &program.inputs[input.index()];
    let zl = rules_lang(c.lang);
    let enum_id = match &input.ty {
        Type::Enum(e) => Some(*e),
        Type::Set(inner) => match inner.as_ref() {
            Type::Enum(e) => Some(*e),
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
        Type::Bool => "bool",
        Type::Enum(_) => "enum",
        Type::Set(_) => "set",
        Type::Date => "date",
        Type::Money => "money",
        Type::Int => "int",
        Type::Rate => "rate",
        Type::Decimal => "decimal",
        _ => "text",
    };
    render(
        s,
        c,
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
            waiting => waiting,
            error => answers.error.as_ref().map(|e| e.1.clone()),
            remaining => remaining,
            with_profile => with_profile,
        },
    )
}

/// Done: what applies, what it is worth, and why; the services one can apply for.
#[allow(clippy::too_many_arguments)]
fn results(
    s: &AppState,
    c: &Page,
    audience: &str,
    facts: serde_json::Map<String, J>,
    parsed: &onestop_engine::Facts,
    ev: &onestop_engine::Evaluation,
    date: chrono::NaiveDate,
    saved_to_profile: bool,
) -> Response {
    let program = &s.engine.program;
    let zl = rules_lang(c.lang);
    let lang = super::page::explain_lang(c.lang);
    let explanation = render_explanation_html(program, parsed, ev, lang, &super::seeds::linkify);
    let mut rows = Vec::new();
    let mut services = Vec::new();
    for r in &ev.measures {
        let m = &program.measures[r.measure.index()];
        let outputs: Vec<Value> = r
            .outputs
            .iter()
            .enumerate()
            .map(|(i, (o, v))| {
                let title = match o {
                    OutputRef::Def(d) => program.defs[d.index()].title.best(zl).to_string(),
                    OutputRef::Input(i) => program.inputs[i.index()].title.best(zl).to_string(),
                };
                let doubts = r.outputs_doubts.get(i).map(Vec::as_slice).unwrap_or_default();
                let confidence = program.confidence(doubts);
                // An amount computed from a placeholder figure is never put on the page.
                let value = (confidence != Confidence::Placeholder).then(|| show_val_titled(program, v, lang));
                context! { name => output_name(program, o), title => title, value => value, confidence => confidence.as_str() }
            })
            .collect();
        let mut doubts = r.eligibility_doubts.clone();
        for d in &r.outputs_doubts {
            onestop_lang::doubt::merge(&mut doubts, d);
        }
        let doubts: Vec<String> = doubts
            .into_iter()
            .map(|d| describe_doubt_html(program, d, lang, &super::seeds::linkify))
            .collect();
        let sources: Vec<String> = m
            .cites
            .iter()
            .map(|cite| format!("{} ({})", cite.text, validity(cite, lang)))
            .collect();
        rows.push(context! {
            id => m.id,
            title => measure_title(&m.id, c.lang),
            status => r.status.as_str(),
            status_confidence => program.confidence(&r.eligibility_doubts).as_str(),
            outputs => outputs,
            doubts => doubts,
            sources => sources,
            missing => r.missing.iter().map(|i| program.inputs[i.index()].title.best(zl).to_string()).collect::<Vec<_>>(),
        });
        if r.status == Status::Eligible {
            for svc in s
                .cases
                .services
                .services
                .iter()
                .filter(|x| x.measure == m.id)
            {
                services.push(context! { id => svc.id, title => service_title(svc, c.lang) });
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
        s,
        c,
        "result.html",
        context! {
            audience => audience,
            measures => rows,
            explanation => explanation,
            services => services,
            facts_json => J::Object(facts).to_string(),
            date => onestop_engine::explain::show_date(date, lang),
            rules_version => program.version,
            saved_to_profile => saved_to_profile,
        },
    )
}
