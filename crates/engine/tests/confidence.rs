//! Doubt carried into results: each output's confidence is the worst mark its value
//! went through (only the branches actually taken), the status carries the measure's
//! own marks, and text and JSON never present a placeholder-based amount as a figure.

use chrono::NaiveDate;
use onestop_engine::explain::{Lang, render_explanation, render_summary};
use onestop_engine::report::evaluation_to_json;
use onestop_engine::{Engine, EvalOptions, facts_from_json};
use onestop_lang::{Confidence, DoubtRef, RuleSet};
use serde_json::json;

const RULES: &str = r#"
entity enterprise
  title en "Enterprise" zh "企业"

scope enterprise

input loan : money
  title en "Loan" zh "贷款"
input first_loan : bool
  title en "First loan" zh "首贷"

parameter share : rate
  title en "Share" zh "比例"
  placeholder en "the implementing rules set it" zh "由实施细则规定"
  from 2019-10-16: 50%
    cite "001_0cbca1dd9c1e8cc0.txt §26" from 2019-10-16

parameter cap : money
  title en "Cap" zh "上限"
  from 2008-01-01: 1 000 yuan
    cite "Some Law art. 9" from 2008-01-01
      uncertain en "article as recalled" zh "条款凭记忆"

definition settled_amount : money
  title en "Settled" zh "确定"
  cite "001_0cbca1dd9c1e8cc0.txt §26" from 2019-10-16
  = loan * 10%

definition capped : money
  title en "Capped" zh "封顶"
  cite "001_0cbca1dd9c1e8cc0.txt §26" from 2019-10-16
  = min(loan, cap)

definition discount : money
  title en "Discount" zh "贴息"
  cite "001_0cbca1dd9c1e8cc0.txt §26" from 2019-10-16
  = 0 yuan
  unless [first] first_loan then loan * share

definition via_discount : money
  title en "Via discount" zh "经由贴息"
  uncertain en "our reading" zh "我们的理解"
  cite "001_0cbca1dd9c1e8cc0.txt §26" from 2019-10-16
  = discount + 1 yuan

measure enterprise.m
  title en "M" zh "M"
  cite "001_0cbca1dd9c1e8cc0.txt §26" from 2019-10-16
    uncertain en "section as recalled" zh "章节凭记忆"
  eligible when loan > 0 yuan
  outputs settled_amount, capped, discount, via_discount
"#;

fn engine() -> Engine {
    let mut set = RuleSet::new();
    set.add_text("rules/a.policy", RULES);
    let (p, diags) = set.check(None);
    let p = p.unwrap_or_else(|| panic!("{}", onestop_lang::render_all(&diags, &set.sources)));
    Engine::new(p)
}

fn run(e: &Engine, facts: serde_json::Value) -> onestop_engine::Evaluation {
    let entity = e.entity("enterprise").expect("entity");
    let facts = facts_from_json(&e.program, entity, &facts).expect("facts");
    let date = NaiveDate::from_ymd_opt(2021, 3, 1).expect("date");
    e.evaluate(
        &facts,
        date,
        &EvalOptions {
            trace: true,
            measures: Vec::new(),
        },
    )
}

#[test]
fn confidence_follows_the_values_through_the_branches_taken() {
    let e = engine();
    let p = &e.program;
    let share = p.param("share").expect("share");
    let cap = p.param("cap").expect("cap");
    let ent = p.entity("enterprise").expect("entity");
    let via = p.def(ent, "via_discount").expect("via");
    let m = p.measure("enterprise.m").expect("measure");

    let ev = run(&e, json!({"loan": "5000 yuan", "first_loan": true}));
    let r = &ev.measures[0];
    let levels: Vec<Confidence> = r.outputs_doubts.iter().map(|d| p.confidence(d)).collect();
    assert_eq!(
        levels,
        vec![
            Confidence::Settled,
            Confidence::Uncertain,
            Confidence::Placeholder,
            Confidence::Placeholder
        ]
    );
    assert_eq!(r.outputs_doubts[1], vec![DoubtRef::ParamValue(cap, 0)]);
    assert_eq!(
        r.outputs_doubts[3],
        vec![DoubtRef::Param(share), DoubtRef::Def(via)],
        "through the definition it uses, plus its own mark"
    );
    assert_eq!(r.eligibility_doubts, vec![DoubtRef::MeasureCite(m, 0)]);
    assert_eq!(p.confidence(&r.eligibility_doubts), Confidence::Uncertain);

    // Not a first loan: the exception that reads the placeholder is not taken.
    let ev = run(&e, json!({"loan": "5000 yuan", "first_loan": false}));
    let r = &ev.measures[0];
    assert!(r.outputs_doubts[2].is_empty(), "{:?}", r.outputs_doubts);
    assert_eq!(p.confidence(&r.outputs_doubts[3]), Confidence::Uncertain);
}

#[test]
fn json_reports_confidence_beside_unchanged_values() {
    let e = engine();
    let ev = run(&e, json!({"loan": "5000 yuan", "first_loan": true}));
    let j = evaluation_to_json(&e.program, &ev);
    let m = &j["measures"][0];
    // The values stay as computed; the mark says how far they can be relied on.
    assert_eq!(m["outputs"]["discount"], json!("2500.00"));
    let c = &m["confidence"];
    assert_eq!(c["eligibility"], "uncertain");
    assert_eq!(c["outputs"]["settled_amount"], "settled");
    assert_eq!(c["outputs"]["capped"], "uncertain");
    assert_eq!(c["outputs"]["discount"], "placeholder");
    let doubts = c["doubts"].as_array().expect("doubts");
    let share = doubts
        .iter()
        .find(|d| d["name"] == "share")
        .expect("share listed");
    assert_eq!(share["kind"], "placeholder");
    assert_eq!(share["on"], "parameter");
    assert_eq!(share["reason"]["en"], "the implementing rules set it");
    assert_eq!(share["affects"], json!(["discount", "via_discount"]));
    let cap = doubts
        .iter()
        .find(|d| d["name"] == "cap")
        .expect("cap listed");
    assert_eq!(cap["citation"], "Some Law art. 9");
    assert_eq!(cap["on"], "parameter citation");

    // The status still carries the measure's own mark; an output reading nothing marked is settled.
    let ev = run(&e, json!({"loan": "0 yuan"}));
    let j = evaluation_to_json(&e.program, &ev);
    assert_eq!(
        j["measures"][0]["confidence"]["outputs"]["settled_amount"],
        "settled"
    );
}

#[test]
fn text_never_shows_a_placeholder_amount_as_a_figure() {
    let e = engine();
    let ev = run(&e, json!({"loan": "5000 yuan", "first_loan": true}));
    let entity = e.entity("enterprise").expect("entity");
    let facts = facts_from_json(
        &e.program,
        entity,
        &json!({"loan": "5000 yuan", "first_loan": true}),
    )
    .expect("facts");
    let summary = render_summary(&e.program, &ev, Lang::En);
    assert!(
        summary.contains("discount = not yet available (computed from a placeholder figure)"),
        "{summary}"
    );
    assert!(!summary.contains("2 500.00"), "{summary}");
    assert!(
        summary.contains("capped = 1 000.00 yuan  [UNCERTAIN]"),
        "{summary}"
    );
    assert!(
        summary.contains("status: eligible  [UNCERTAIN]"),
        "{summary}"
    );
    assert!(
        summary.contains("parameter share: placeholder figure: the implementing rules set it"),
        "{summary}"
    );
    let text = render_explanation(&e.program, &facts, &ev, Lang::Zh);
    assert!(text.contains("暂无（由占位数值计算）"), "{text}");
    assert!(text.contains("存疑: 条款凭记忆"), "{text}");
    assert!(!text.contains("2 500.00 元"), "{text}");
}
