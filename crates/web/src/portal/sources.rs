//! The source documents as portal pages: the list (`/sources`) and one document with
//! an anchor on every section and paragraph (`/sources/{stem}`), and which measures of
//! the catalogue cite it. The texts and anchors are `portal::seeds`.

use super::page::{Page, message, render};
use super::seeds::{document, documents};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use minijinja::{Value, context};

pub(super) async fn list(State(s): State<AppState>, c: Page) -> Response {
    let docs: Vec<Value> = documents()
        .iter()
        .map(|d| context! { stem => d.stem(), file => d.file, title => d.title, date => d.date })
        .collect();
    render(&s, &c, "sources.html", context! { docs => docs })
}

pub(super) async fn page(State(s): State<AppState>, c: Page, Path(stem): Path<String>) -> Response {
    let Some(d) = document(&stem) else {
        return message(&s, &c, StatusCode::NOT_FOUND, "error-not-found", &stem);
    };
    let paragraphs: Vec<Value> = d
        .paragraphs
        .iter()
        .map(|p| {
            let section = p
                .anchors
                .iter()
                .skip(1)
                .find(|a| a.starts_with("s-") && !a[2..].contains('-'));
            context! {
                id => p.anchors[0],
                extra => p.anchors[1..].to_vec(),
                section => section.map(|a| a[2..].to_string()),
                text => p.text,
            }
        })
        .collect();
    let cited_by: Vec<Value> = onestop_catalog::embedded()
        .measures
        .iter()
        .filter(|m| m.sources.iter().any(|x| x.starts_with(d.file)))
        .map(|m| context! { id => m.id, title => super::page::measure_title(&m.id, c.lang) })
        .collect();
    render(
        &s,
        &c,
        "source.html",
        context! { doc => context! { stem => d.stem(), file => d.file, title => d.title, date => d.date }, paragraphs => paragraphs, cited_by => cited_by },
    )
}
