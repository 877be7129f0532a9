//! Consultation in the portal (issue 16 item 2): the asker's form and "my questions",
//! the agency's inbox of questions with their due dates, one question with the answer
//! form and the FAQ choice, the public FAQ with its own search box, and draft
//! measures with enterprises' opinions. Every form is plain HTML; every permission is
//! the access policy's (`onestop_consult`).

use super::page::{
    Page, form_sender, form_value, measure_title, message, render, rules_lang, service_failed,
};
use crate::state::AppState;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use minijinja::{Value, context};
use onestop_consult::{Draft, FaqEntry, Question, drafts, faq, questions};

/// The first `max` characters of a text, with an ellipsis when cut.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(max).collect::<String>())
    }
}

fn question_row(q: &Question, lang: &str) -> Value {
    context! {
        id => q.id,
        measure => q.measure,
        measure_title => measure_title(&q.measure, lang),
        agency => q.agency,
        asker_name => q.asker_name,
        lang => q.lang,
        text => q.text,
        short => short(&q.text, 120),
        asked_on => q.asked_on,
        due_on => q.due_on,
        provisional => q.due_provisional,
        answered => q.answer.is_some(),
        answer => q.answer,
        citations => q.citations,
        answered_by => q.answered_by,
        answered_on => q.answered_on,
        faq => q.faq,
        new_answer => q.new_answer,
        overdue => q.overdue,
    }
}

fn faq_row(e: &FaqEntry, lang: &str) -> Value {
    context! {
        id => e.id,
        measure => e.measure,
        measure_title => measure_title(&e.measure, lang),
        agency => e.agency,
        lang => e.lang,
        question => e.question,
        answer => e.answer,
        citations => e.citations,
        answered_on => e.answered_on,
    }
}

fn draft_row(d: &Draft) -> Value {
    context! {
        id => d.id,
        agency => d.agency,
        title => d.title,
        text => d.text,
        paragraphs => d.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>(),
        working_days => d.working_days,
        opened_on => d.opened_on,
        closes_on => d.closes_on,
        provisional => d.closes_provisional,
        closed_at => d.closed_at.as_deref().map(|c| c.get(..10).unwrap_or(c).to_string()),
        open => d.open,
        opinions => d.opinions,
    }
}

/// The FAQ of a measure, for its catalogue page (empty when storage fails: the
/// catalogue page still shows).
pub(super) async fn measure_faq(s: &AppState, measure: &str, lang: &str) -> Vec<Value> {
    faq::list(&s.cases.db, Some(measure), "", 50)
        .await
        .unwrap_or_default()
        .iter()
        .map(|e| faq_row(e, lang))
        .collect()
}

#[derive(serde::Deserialize, Default)]
pub(super) struct AskQuery {
    measure: Option<String>,
}

async fn consultation_page(
    s: &AppState,
    c: &Page,
    measure: Option<String>,
    error: Option<String>,
    text: &str,
) -> Response {
    let lang = c.lang;
    let (may_ask, mine, inbox) = match &c.user {
        Some(u) if u.agency.as_deref().is_some_and(|a| !a.is_empty()) => {
            match questions::agency_inbox(&s.cases.db, &s.cases.authz, u).await {
                Ok(list) => (false, Vec::new(), list),
                Err(e) => return service_failed(s, c, e),
            }
        }
        Some(u) => match questions::mine(&s.cases.db, &s.cases.authz, u).await {
            Ok(list) => (questions::may_ask(&s.cases.authz, u), list, Vec::new()),
            Err(e) => return service_failed(s, c, e),
        },
        None => (false, Vec::new(), Vec::new()),
    };
    let measures: Vec<Value> = onestop_catalog::embedded()
        .measures
        .iter()
        .map(|m| context! { id => m.id, title => m.title.get(rules_lang(lang)) })
        .collect();
    let languages: Vec<&str> = onestop_consult::text::LANGUAGES.to_vec();
    let open_inbox = inbox.iter().filter(|q| q.answer.is_none()).count();
    let new_answers = mine.iter().filter(|q| q.new_answer).count();
    render(
        s,
        c,
        "consultation.html",
        context! {
            may_ask => may_ask,
            signed_in => c.user.is_some(),
            officer => c.user.as_ref().and_then(|u| u.agency.clone()).filter(|a| !a.is_empty()),
            measures => measures,
            chosen => measure,
            ask_languages => languages,
            ask_lang => rules_lang(lang),
            mine => mine.iter().map(|q| question_row(q, lang)).collect::<Vec<_>>(),
            inbox => inbox.iter().map(|q| question_row(q, lang)).collect::<Vec<_>>(),
            open_inbox => open_inbox,
            new_answers => new_answers,
            today => onestop_store::today().to_string(),
            days => onestop_consult::config::current().answer_working_days,
            error => error,
            text => text,
        },
    )
}

/// The asker's form and questions, or the agency's inbox.
pub(super) async fn page(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<AskQuery>,
) -> Response {
    consultation_page(&s, &c, q.measure, None, "").await
}

/// An applicant asks; on success, the question's page.
pub(super) async fn ask(
    State(s): State<AppState>,
    c: Page,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at("/consultation");
    let who = match form_sender(&s, &c, &form) {
        Ok(user) => user,
        Err(refusal) => return *refusal,
    };
    let new = questions::NewQuestion {
        measure: form_value(&form, "measure"),
        lang: form_value(&form, "lang"),
        text: form_value(&form, "text"),
    };
    match questions::ask(&s.cases.db, &s.cases.authz, &who, &new).await {
        Ok(q) => Redirect::to(&format!("/consultation/questions/{}", q.id)).into_response(),
        Err(e) => {
            let text = e.to_string();
            let status = crate::error::ApiError::from(e).status;
            let mut r =
                consultation_page(&s, &c, Some(new.measure.clone()), Some(text), &new.text).await;
            *r.status_mut() = status;
            r
        }
    }
}

async fn question_page(
    s: &AppState,
    c: &Page,
    id: &str,
    error: Option<String>,
    draft_answer: &str,
    status: StatusCode,
) -> Response {
    let Some(who) = c.user.clone() else {
        return Redirect::to(&format!("/login?next=/consultation/questions/{id}")).into_response();
    };
    let q = match questions::get(&s.cases.db, &s.cases.authz, &who, id).await {
        Ok(q) => q,
        Err(e) => return service_failed(s, c, e),
    };
    let may_answer =
        q.answer.is_none() && questions::may(&s.cases.authz, &who, "answer_question", &q);
    let may_publish = q.answer.is_some() && questions::may(&s.cases.authz, &who, "publish_faq", &q);
    let mut r = render(
        s,
        c,
        "question.html",
        context! {
            q => question_row(&q, c.lang),
            may_answer => may_answer,
            may_publish => may_publish,
            error => error,
            draft_answer => draft_answer,
        },
    );
    *r.status_mut() = status;
    r
}

pub(super) async fn question(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
) -> Response {
    question_page(&s, &c, &id, None, "", StatusCode::OK).await
}

/// The agency's officer answers (`action=answer`) or publishes the answer in the FAQ
/// (`action=faq`, `publish=1|0`).
pub(super) async fn question_act(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at(&format!("/consultation/questions/{id}"));
    let who = match form_sender(&s, &c, &form) {
        Ok(user) => user,
        Err(refusal) => return *refusal,
    };
    let answer = form_value(&form, "answer");
    let result = match form_value(&form, "action").as_str() {
        "answer" => questions::answer(&s.cases.db, &s.cases.authz, &who, &id, &answer).await,
        "faq" => {
            let publish = form_value(&form, "publish") == "1";
            questions::publish_faq(&s.cases.db, &s.cases.authz, &who, &id, publish).await
        }
        _ => {
            return message(
                &s,
                &c,
                StatusCode::UNPROCESSABLE_ENTITY,
                "error-action",
                "unknown action",
            );
        }
    };
    match result {
        Ok(_) => Redirect::to(&format!("/consultation/questions/{id}")).into_response(),
        Err(e) => {
            let text = e.to_string();
            let status = crate::error::ApiError::from(e).status;
            if status == StatusCode::FORBIDDEN || status == StatusCode::NOT_FOUND {
                return message(
                    &s,
                    &c,
                    status,
                    if status == StatusCode::FORBIDDEN {
                        "error-forbidden"
                    } else {
                        "error-not-found"
                    },
                    &text,
                );
            }
            question_page(&s, &c, &id, Some(text), &answer, status).await
        }
    }
}

#[derive(serde::Deserialize, Default)]
pub(super) struct FaqQuery {
    q: Option<String>,
    measure: Option<String>,
}

/// The public FAQ with its own search box.
pub(super) async fn faq_page(
    State(s): State<AppState>,
    c: Page,
    Query(q): Query<FaqQuery>,
) -> Response {
    let query: String = q.q.unwrap_or_default().chars().take(200).collect();
    let measure = q.measure.filter(|m| !m.is_empty());
    let entries = match faq::list(&s.cases.db, measure.as_deref(), &query, 100).await {
        Ok(x) => x,
        Err(e) => return service_failed(&s, &c, e),
    };
    render(
        &s,
        &c,
        "faq.html",
        context! {
            q => query,
            measure => measure.clone(),
            measure_title => measure.as_deref().map(|m| measure_title(m, c.lang)),
            entries => entries.iter().map(|e| faq_row(e, c.lang)).collect::<Vec<_>>(),
        },
    )
}

async fn drafts_page(
    s: &AppState,
    c: &Page,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let list = match drafts::list(&s.cases.db).await {
        Ok(x) => x,
        Err(e) => return service_failed(s, c, e),
    };
    let may_publish = c
        .user
        .as_ref()
        .is_some_and(|u| drafts::may_publish(&s.cases.authz, u));
    let limits = onestop_consult::config::current();
    let mut r = render(
        s,
        c,
        "drafts.html",
        context! {
            drafts => list.iter().map(draft_row).collect::<Vec<_>>(),
            may_publish => may_publish,
            min_days => limits.opinion_min_working_days,
            max_days => limits.opinion_max_working_days,
            error => error,
        },
    );
    *r.status_mut() = status;
    r
}

/// Every draft; an agency's officer publishes one here.
pub(super) async fn drafts_list(State(s): State<AppState>, c: Page) -> Response {
    drafts_page(&s, &c, None, StatusCode::OK).await
}

pub(super) async fn publish_draft(
    State(s): State<AppState>,
    c: Page,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at("/consultation/drafts");
    let who = match form_sender(&s, &c, &form) {
        Ok(user) => user,
        Err(refusal) => return *refusal,
    };
    let days = form_value(&form, "working_days");
    let Ok(working_days) = days.trim().parse::<i64>() else {
        return drafts_page(
            &s,
            &c,
            Some(format!("{days:?} is not a whole number of working days")),
            StatusCode::UNPROCESSABLE_ENTITY,
        )
        .await;
    };
    let new = drafts::NewDraft {
        title: form_value(&form, "title"),
        text: form_value(&form, "text"),
        working_days,
    };
    match drafts::publish(&s.cases.db, &s.cases.authz, &who, &new).await {
        Ok(d) => Redirect::to(&format!("/consultation/drafts/{}", d.id)).into_response(),
        Err(e) => {
            let text = e.to_string();
            let status = crate::error::ApiError::from(e).status;
            drafts_page(&s, &c, Some(text), status).await
        }
    }
}

async fn draft_page(
    s: &AppState,
    c: &Page,
    id: &str,
    error: Option<String>,
    status: StatusCode,
) -> Response {
    let d = match drafts::get(&s.cases.db, id).await {
        Ok(d) => d,
        Err(e) => return service_failed(s, c, e),
    };
    let (may_opine, may_view, may_close) = match &c.user {
        Some(u) => (
            drafts::may(&s.cases.authz, u, "submit_opinion", &d),
            drafts::may(&s.cases.authz, u, "view_opinions", &d),
            d.closed_at.is_none() && drafts::may(&s.cases.authz, u, "close_draft", &d),
        ),
        None => (false, false, false),
    };
    let opinions = match (&c.user, may_view) {
        (Some(u), true) => match drafts::opinions(&s.cases.db, &s.cases.authz, u, id).await {
            Ok(list) => list,
            Err(e) => return service_failed(s, c, e),
        },
        _ => Vec::new(),
    };
    let opinions: Vec<Value> = opinions
        .iter()
        .map(|o| context! { author => o.author_name, lang => o.lang, text => o.text, at => o.submitted_at.get(..10).unwrap_or(&o.submitted_at) })
        .collect();
    let mut r = render(
        s,
        c,
        "draft.html",
        context! {
            d => draft_row(&d),
            may_opine => may_opine,
            may_view => may_view,
            may_close => may_close,
            opinions => opinions,
            ask_languages => onestop_consult::text::LANGUAGES.to_vec(),
            ask_lang => rules_lang(c.lang),
            signed_in => c.user.is_some(),
            error => error,
        },
    );
    *r.status_mut() = status;
    r
}

pub(super) async fn draft(State(s): State<AppState>, c: Page, Path(id): Path<String>) -> Response {
    draft_page(&s, &c, &id, None, StatusCode::OK).await
}

/// An enterprise gives its opinion (`action=opinion`); the agency closes the period
/// (`action=close`).
pub(super) async fn draft_act(
    State(s): State<AppState>,
    c: Page,
    Path(id): Path<String>,
    Form(form): Form<Vec<(String, String)>>,
) -> Response {
    let c = c.at(&format!("/consultation/drafts/{id}"));
    let who = match form_sender(&s, &c, &form) {
        Ok(user) => user,
        Err(refusal) => return *refusal,
    };
    let result = match form_value(&form, "action").as_str() {
        "opinion" => drafts::submit_opinion(
            &s.cases.db,
            &s.cases.authz,
            &who,
            &id,
            &form_value(&form, "lang"),
            &form_value(&form, "text"),
        )
        .await
        .map(|_| ()),
        "close" => drafts::close(&s.cases.db, &s.cases.authz, &who, &id)
            .await
            .map(|_| ()),
        _ => {
            return message(
                &s,
                &c,
                StatusCode::UNPROCESSABLE_ENTITY,
                "error-action",
                "unknown action",
            );
        }
    };
    match result {
        Ok(()) => Redirect::to(&format!("/consultation/drafts/{id}?done=1")).into_response(),
        Err(e) => {
            let text = e.to_string();
            let status = crate::error::ApiError::from(e).status;
            draft_page(&s, &c, &id, Some(text), status).await
        }
    }
}
