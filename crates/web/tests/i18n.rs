//! The content in Korean, Russian, Spanish and Arabic through the router (issue 17):
//! the interview's question, the results, the explanation and the API speak the
//! page's language, with numbers by ICU4X, not English with translated chrome.

use axum::body::Body;
use axum::http::{Request, Response, StatusCode, header};
use serde_json::{Value as J, json};

mod support;
use support::{App, app};

impl App {
    async fn form(&self, uri: &str, body: &str) -> Response<Body> {
        self.send(
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(body.to_string()))
                .expect("a request"),
        )
        .await
    }

    async fn post_json(&self, uri: &str, body: &J) -> Response<Body> {
        self.send(
            Request::post(uri)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from(body.to_string()))
                .expect("a request"),
        )
        .await
    }
}

async fn text(r: Response<Body>) -> String {
    let bytes = axum::body::to_bytes(r.into_body(), 16 * 1024 * 1024)
        .await
        .expect("a readable body");
    String::from_utf8_lossy(&bytes).into_owned()
}

/// HTML-escaped as minijinja writes text.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2f;")
}

/// Per language: its code, the explanation's word for "source", and a
/// 30 million yuan amount as ICU4X writes it there.
const LANGS: &[(&str, &str, &str)] = &[
    ("ko", "근거", "30,000,000.00위안"),
    ("ru", "источник", "30\u{a0}000\u{a0}000,00 юаней"),
    ("es", "fuente", "30.000.000,00 yuanes"),
    ("ar", "المصدر", "30,000,000.00 يوان"),
];

const FACTS: &str = "f:is_resident_enterprise=true&f:tax_year=2021&f:tech_transfer_income=%2230000000%22&f:zgc_park=%22haidian_park%22&f:is_high_tech_enterprise=false&finish=1";

#[tokio::test]
async fn the_first_question_is_asked_in_each_language() {
    let app = app().await;
    let program = &app.engine.program;
    let entity = program.entity("enterprise").expect("enterprise");
    for (lang, _, _) in LANGS {
        let page = text(
            app.send(
                Request::get(format!("/interview/enterprise?lang={lang}"))
                    .body(Body::empty())
                    .expect("a request"),
            )
            .await,
        )
        .await;
        let name = page
            .split(r#"name="question" value=""#)
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a question on the page");
        let input = &program.inputs[program.input(entity, name).expect("an input").index()];
        let asked = input
            .question
            .get(lang)
            .or(input.title.get(lang))
            .expect("translated");
        assert_ne!(
            Some(asked),
            input.question.get("en"),
            "{lang}: still English"
        );
        assert!(
            page.contains(&escaped(asked)),
            "{lang}: the page lacks {asked:?}"
        );
        let english = input.question.get("en").unwrap_or(input.title.best("en"));
        assert!(
            !page.contains(&escaped(english)),
            "{lang}: English question on the page"
        );
        let dir = if *lang == "ar" {
            r#"dir="rtl""#
        } else {
            r#"dir="ltr""#
        };
        assert!(
            page.contains(&format!(r#"<html lang="{lang}" {dir}>"#)),
            "{lang}: {dir}"
        );
    }
}

#[tokio::test]
async fn results_and_explanation_are_in_each_language_with_its_numbers() {
    let app = app().await;
    let program = &app.engine.program;
    let exempt = &program.defs[program
        .def(
            program.entity("enterprise").expect("enterprise"),
            "tech_transfer_exempt_amount",
        )
        .expect("definition")
        .index()];
    let catalogue = onestop_catalog::embedded()
        .get("enterprise.tech-transfer-tax")
        .expect("catalogued");
    for (lang, source, amount) in LANGS {
        let r = app
            .form(&format!("/interview/enterprise?lang={lang}"), FACTS)
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{lang}");
        let page = text(r).await;
        // The measure's title and an output's title in the language, not in English.
        let title = catalogue.title.get(lang);
        assert_ne!(title, catalogue.title.en);
        assert!(
            page.contains(&escaped(title)),
            "{lang}: measure title {title:?}"
        );
        let output = exempt.title.get(lang).expect("translated output title");
        assert!(
            page.contains(&escaped(output)),
            "{lang}: output title {output:?}"
        );
        assert!(
            !page.contains(&escaped(exempt.title.best("en"))),
            "{lang}: English output title"
        );
        // The income as ICU4X writes it in the language (the Zhongguancun pilot's 20 million is exempt).
        assert!(page.contains(&escaped(amount)), "{lang}: {amount:?}");
        // The explanation's connecting words, rule names as code and citations as cites.
        let explanation = page
            .split(r#"<pre class="explanation">"#)
            .nth(1)
            .expect("an explanation");
        assert!(
            explanation.contains(&format!("{source}: <cite dir=\"ltr\">")),
            "{lang}: {source}"
        );
        assert!(
            explanation.contains(r#"<code dir="ltr">tech_transfer_exempt_amount</code>"#),
            "{lang}"
        );
        assert!(
            !explanation.contains("how it was worked out")
                && !explanation.contains("eligible when"),
            "{lang}: English phrases"
        );
    }
}

#[tokio::test]
async fn the_api_explains_and_titles_in_each_language() {
    let app = app().await;
    let facts = json!({"is_resident_enterprise": true, "tax_year": 2021, "tech_transfer_income": "30000000", "zgc_park": "haidian_park"});
    for (lang, source, amount) in LANGS {
        let r = app
            .post_json("/api/explain", &json!({"entity": "enterprise", "facts": facts, "measures": ["enterprise.tech-transfer-tax"], "date": "2022-05-31", "lang": lang}))
            .await;
        assert_eq!(r.status(), StatusCode::OK, "{lang}");
        let body: J = serde_json::from_str(&text(r).await).expect("JSON");
        let explanation = body["explanation"].as_str().expect("an explanation");
        assert!(
            explanation.contains(&format!("{source}: ")),
            "{lang}: {explanation}"
        );
        assert!(explanation.contains(amount), "{lang}: {explanation}");
        assert!(
            !explanation.contains('\u{E000}'),
            "{lang}: markers leaked into the text"
        );
        let title = body["measures"][0]["title"][lang]
            .as_str()
            .expect("a title in the language");
        assert_ne!(
            title,
            body["measures"][0]["title"]["en"].as_str().unwrap_or(""),
            "{lang}"
        );
    }
    let r = app
        .post_json(
            "/api/explain",
            &json!({"entity": "enterprise", "facts": facts, "lang": "fr"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = text(r).await;
    assert!(body.contains("use en, zh, ko, ru, es or ar"), "{body}");
    // The interview's questions come with their six texts.
    let r = app
        .post_json(
            "/api/questions",
            &json!({"entity": "enterprise", "facts": {}}),
        )
        .await;
    let body: J = serde_json::from_str(&text(r).await).expect("JSON");
    let q = &body["questions"][0];
    for (lang, _, _) in LANGS {
        let t = q["question"][lang]
            .as_str()
            .expect("a question in the language");
        assert_ne!(t, q["question"]["en"].as_str().unwrap_or(""), "{lang}");
    }
}
