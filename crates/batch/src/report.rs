//! A simulation's report as files: `report.json`, `report.html` (self-contained,
//! the charts inline) and the charts as SVG (`cost-by-district.svg`,
//! `gains.svg`), drawn with plotters.

use crate::BatchError;
use crate::simulate::{Group, Report};
use plotters::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use std::path::{Path, PathBuf};
use std::str::FromStr;

fn io(path: &Path) -> impl Fn(std::io::Error) -> BatchError + '_ {
    move |e| BatchError::Input(format!("cannot write {}: {e}", path.display()))
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Groups thousands for reading: `1234567.80` -> `1 234 567.80`.
fn yuan(s: &str) -> String {
    Decimal::from_str(s)
        .map(|d| onestop_lang::types::group_thousands(d, 2))
        .unwrap_or_else(|_| s.to_string())
}

/// A horizontal bar chart: one labelled bar per row, coloured by sign.
fn hbar(rows: &[(String, f64)], title: &str, x_desc: &str) -> Result<String, BatchError> {
    let mut svg = String::new();
    let height = 90 + 26 * rows.len().max(1) as u32;
    {
        let root = SVGBackend::with_string(&mut svg, (760, height)).into_drawing_area();
        let err = |e: String| BatchError::Input(format!("drawing the chart: {e}"));
        root.fill(&WHITE).map_err(|e| err(e.to_string()))?;
        let max = rows.iter().map(|(_, v)| *v).fold(0.0f64, f64::max).max(1.0);
        let min = rows.iter().map(|(_, v)| *v).fold(0.0f64, f64::min);
        let n = rows.len().max(1);
        let mut chart = ChartBuilder::on(&root)
            .caption(title, ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(36)
            .y_label_area_size(230)
            .build_cartesian_2d(min * 1.05..max * 1.05, (0..n).into_segmented())
            .map_err(|e| err(e.to_string()))?;
        let labels: Vec<String> = rows.iter().map(|(k, _)| k.clone()).collect();
        chart
            .configure_mesh()
            .disable_y_mesh()
            .x_desc(x_desc)
            .y_labels(n)
            .y_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => labels.get(*i).cloned().unwrap_or_default(),
                _ => String::new(),
            })
            .draw()
            .map_err(|e| err(e.to_string()))?;
        chart
            .draw_series(rows.iter().enumerate().map(|(i, (_, v))| {
                let colour = if *v < 0.0 {
                    RGBColor(200, 70, 60)
                } else {
                    RGBColor(46, 110, 180)
                };
                let mut bar = Rectangle::new(
                    [
                        (0.0, SegmentValue::Exact(i)),
                        (*v, SegmentValue::Exact(i + 1)),
                    ],
                    colour.filled(),
                );
                bar.set_margin(3, 3, 0, 0);
                bar
            }))
            .map_err(|e| err(e.to_string()))?;
        root.present().map_err(|e| err(e.to_string()))?;
    }
    Ok(svg)
}

/// A breakdown's cost, in ten thousand yuan (the 20 largest groups).
pub fn cost_chart(groups: &[Group], title: &str) -> Result<String, BatchError> {
    let rows: Vec<(String, f64)> = groups
        .iter()
        .take(20)
        .map(|g| {
            (
                g.key.clone(),
                g.cost_exact.to_f64().unwrap_or(0.0) / 10_000.0,
            )
        })
        .collect();
    hbar(&rows, title, "cost, ten thousand yuan")
}

/// The number of rows per gain bucket (losses in red).
pub fn gains_chart(report: &Report) -> Result<String, BatchError> {
    let rows: Vec<(String, f64)> = report
        .gain_distribution
        .iter()
        .filter(|b| b.label != "no change")
        .map(|b| {
            let n = b.rows as f64;
            (
                b.label.clone(),
                if b.from < 0 || b.label.starts_with("loss") {
                    -n
                } else {
                    n
                },
            )
        })
        .collect();
    hbar(
        &rows,
        "Distribution of gains: rows per size of gain (losses left)",
        "rows",
    )
}

fn table(headers: &[&str], rows: Vec<Vec<String>>) -> String {
    let mut s = String::from("<table><thead><tr>");
    for h in headers {
        s.push_str(&format!("<th>{}</th>", esc(h)));
    }
    s.push_str("</tr></thead><tbody>");
    for r in rows {
        s.push_str("<tr>");
        for c in r {
            s.push_str(&format!("<td>{}</td>", esc(&c)));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
    s
}

/// The report as a self-contained HTML page.
pub fn html(report: &Report, district_svg: Option<&str>, gains_svg: &str) -> String {
    let t = &report.totals;
    let mut body = format!(
        "<h1>Reform simulation: {}</h1><p>{}</p><p>Population <code>{}</code>, {} {} rows, decision date {}. Baseline rules {}, reform rules {}.</p>",
        esc(&report.reform),
        esc(&report.reform_title),
        esc(&report.population),
        t.rows,
        esc(&report.entity),
        esc(&report.date),
        esc(&report.baseline_version),
        esc(&report.reform_version)
    );
    for w in &report.warnings {
        body.push_str(&format!("<p class=\"warn\">{}</p>", esc(w)));
    }
    body.push_str("<h2>Summary</h2>");
    body.push_str(&table(
        &["", "baseline", "reform"],
        vec![
            vec![
                "beneficiaries (rows with a benefit)".into(),
                t.beneficiaries_baseline.to_string(),
                t.beneficiaries_reform.to_string(),
            ],
            vec![
                "benefits, yuan".into(),
                yuan(&t.benefits_baseline),
                yuan(&t.benefits_reform),
            ],
        ],
    ));
    body.push_str(&table(
        &["winners", "losers", "unchanged", "total cost, yuan"],
        vec![vec![
            t.winners.to_string(),
            t.losers.to_string(),
            t.unchanged.to_string(),
            yuan(&t.cost),
        ]],
    ));
    if let Some(svg) = district_svg {
        body.push_str("<h2>Cost by district</h2>");
        body.push_str(svg);
    }
    body.push_str("<h2>Distribution of gains</h2>");
    body.push_str(gains_svg);
    for (key, groups) in &report.by {
        body.push_str(&format!("<h2>By {}</h2>", esc(key)));
        body.push_str(&table(
            &[key, "rows", "winners", "losers", "cost, yuan"],
            groups
                .iter()
                .map(|g| {
                    vec![
                        g.key.clone(),
                        g.rows.to_string(),
                        g.winners.to_string(),
                        g.losers.to_string(),
                        yuan(&g.cost),
                    ]
                })
                .collect(),
        ));
    }
    body.push_str("<h2>Measures</h2>");
    body.push_str(&table(
        &[
            "measure",
            "benefit output",
            "eligible (baseline)",
            "eligible (reform)",
            "newly eligible",
            "no longer eligible",
            "undetermined (baseline / reform)",
        ],
        report
            .measures
            .iter()
            .map(|m| {
                vec![
                    format!("{} — {}", m.id, m.title),
                    m.benefit_output.clone().unwrap_or_else(|| "—".into()),
                    m.eligible_baseline.to_string(),
                    m.eligible_reform.to_string(),
                    m.newly_eligible.to_string(),
                    m.no_longer_eligible.to_string(),
                    format!("{} / {}", m.undetermined_baseline, m.undetermined_reform),
                ]
            })
            .collect(),
    ));
    let changed: Vec<Vec<String>> = report
        .measures
        .iter()
        .flat_map(|m| {
            m.outputs.iter().map(move |o| {
                vec![
                    m.id.clone(),
                    o.name.clone(),
                    yuan(&o.baseline),
                    yuan(&o.reform),
                    yuan(&o.change),
                ]
            })
        })
        .collect();
    body.push_str("<h2>Money outputs, summed over eligible rows</h2>");
    body.push_str(&table(
        &[
            "measure",
            "output",
            "baseline, yuan",
            "reform, yuan",
            "change, yuan",
        ],
        changed,
    ));
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Reform simulation: {}</title>\n<style>body{{font-family:sans-serif;max-width:1000px;margin:2em auto;color:#222}}table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:4px 8px;text-align:right}}td:first-child,th:first-child{{text-align:left}}.warn{{color:#a40}}</style></head>\n<body>{body}</body></html>\n",
        esc(&report.reform)
    )
}

/// Writes `report.json`, `report.html` and the SVG charts into `dir`; returns
/// the files written.
pub fn write(report: &Report, dir: &Path) -> Result<Vec<PathBuf>, BatchError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut files = Vec::new();
    let json = serde_json::to_string_pretty(report)
        .map_err(|e| BatchError::Input(format!("cannot serialise the report: {e}")))?;
    let p = dir.join("report.json");
    std::fs::write(&p, json + "\n").map_err(io(&p))?;
    files.push(p);
    let district = match report.by.get("district") {
        Some(g) => Some(cost_chart(g, "Cost of the reform by district")?),
        None => None,
    };
    if let Some(svg) = &district {
        let p = dir.join("cost-by-district.svg");
        std::fs::write(&p, svg).map_err(io(&p))?;
        files.push(p);
    }
    let gains = gains_chart(report)?;
    let p = dir.join("gains.svg");
    std::fs::write(&p, &gains).map_err(io(&p))?;
    files.push(p);
    let p = dir.join("report.html");
    std::fs::write(&p, html(report, district.as_deref(), &gains)).map_err(io(&p))?;
    files.push(p);
    Ok(files)
}
