//! The evaluator's semantics: exceptions and conflicts, missing facts, parameters by
//! date, working days, facts from JSON, and the trace.

use chrono::NaiveDate;
use onestop_engine::{Branch, Engine, EvalError, EvalOptions, Status, Val, facts_from_json};
use onestop_lang::{RuleSet, Value};
use serde_json::json;

const RULES: &str = r#"
entity enterprise
  title en "Enterprise" zh "企业"

scope enterprise

input in_pilot : bool
  title en "In a pilot park" zh "在试点园区"
input high_tech : bool
  title en "High-tech" zh "高新技术企业"
input income : money
  title en "Income" zh "收入"
input accepted : date
  title en "Accepted on" zh "受理日期"
input small : bool
  title en "Small" zh "小型"

parameter exempt : money
  title en "Exempt amount" zh "免征额"
  from 2008-01-01 to 2019-12-31: 5 000 000 yuan
    cite "EIT Law Implementing Regulations art. 90" from 2008-01-01
  from 2020-01-01: 6 000 000 yuan
    cite "Hypothetical instrument art. 1" from 2020-01-01

definition amount : money
  title en "Amount" zh "金额"
  cite "EIT Law art. 27" from 2008-01-01
  = exempt
  unless [pilot] in_pilot then 20 000 000 yuan
    cite "003_021bab1a94e0afa8.txt §20" from 2020-08-28
  unless [hnte] high_tech then 10 000 000 yuan

definition ordered : money
  title en "Ordered" zh "有序"
  cite "EIT Law art. 27" from 2008-01-01
  = exempt
  unless [pilot] in_pilot then 20 000 000 yuan
  unless [hnte over pilot] high_tech then 10 000 000 yuan

definition deadline : date
  title en "Deadline" zh "期限"
  cite "001_0cbca1dd9c1e8cc0.txt §9" from 2019-10-16
  = add_working_days(accepted, 7)

definition same_either_way : money
  title en "Same" zh "相同"
  cite "EIT Law art. 27" from 2008-01-01
  = if small then 1 yuan else 1 yuan

definition tax : money
  title en "Tax" zh "税"
  cite "EIT Law art. 4" from 2008-01-01
  = max(income - amount, 0 yuan) * 12.5%

measure enterprise.test-measure
  title en "Test" zh "测试"
  cite "003_021bab1a94e0afa8.txt §20" from 2020-08-28
  eligible when small and income > 0 yuan
  outputs amount, tax, deadline, same_either_way
"#;

fn engine() -> Engine {
    let mut set = RuleSet::new();
    set.add_text("rules/t.policy", RULES);
    let (program, diags) = set.check(None);
    let program =
        program.unwrap_or_else(|| panic!("{}", onestop_lang::render_all(&diags, &set.sources)));
    Engine::new(program)
}

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn def(engine: &Engine, facts: serde_json::Value, name: &str, on: &str) -> Val {
    // The first entity declared: every rule set here has one.
    let e = onestop_lang::EntityId(0);
    let facts = facts_from_json(&engine.program, e, &facts).expect("facts");
    let plan = engine.plan(date(on));
    let mut ev = onestop_engine::eval::Evaluator::new(&plan, &facts, false);
    ev.def(engine.program.def(e, name).expect("def"))
}

fn money(s: &str) -> Val {
    Val::Known(Value::Money(s.parse().expect("decimal")))
}

#[test]
fn two_exceptions_without_priority_are_a_conflict_naming_both() {
    let e = engine();
    let v = def(
        &e,
        json!({"in_pilot": true, "high_tech": true}),
        "amount",
        "2021-01-01",
    );
    match v {
        Val::Error(err) => match &*err {
            EvalError::Conflict {
                definition,
                exceptions,
            } => {
                assert_eq!(definition, "amount");
                assert_eq!(exceptions, &vec!["pilot".to_string(), "hnte".to_string()]);
            }
            other => panic!("expected a conflict, got {other}"),
        },
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[test]
fn priority_resolves_the_conflict() {
    let e = engine();
    assert_eq!(
        def(
            &e,
            json!({"in_pilot": true, "high_tech": true}),
            "ordered",
            "2021-01-01"
        ),
        money("10000000")
    );
    assert_eq!(
        def(
            &e,
            json!({"in_pilot": true, "high_tech": false}),
            "ordered",
            "2021-01-01"
        ),
        money("20000000")
    );
}

#[test]
fn a_pending_exception_makes_the_value_missing_unless_overridden() {
    let e = engine();
    // pilot known false, hnte unknown: the answer waits for high_tech only.
    let v = def(&e, json!({"in_pilot": false}), "amount", "2021-01-01");
    let hi = e
        .program
        .input(e.entity("enterprise").expect("e"), "high_tech")
        .expect("input");
    assert_eq!(v, Val::Missing(vec![hi]));
    // hnte fires and overrides pilot: pilot's missing condition no longer matters.
    assert_eq!(
        def(&e, json!({"high_tech": true}), "ordered", "2021-01-01"),
        money("10000000")
    );
}

#[test]
fn parameters_follow_the_decision_date() {
    let e = engine();
    let facts = json!({"in_pilot": false, "high_tech": false});
    assert_eq!(
        def(&e, facts.clone(), "amount", "2019-12-31"),
        money("5000000")
    );
    assert_eq!(
        def(&e, facts.clone(), "amount", "2020-01-01"),
        money("6000000")
    );
    match def(&e, facts, "amount", "2007-12-31") {
        Val::Error(err) => assert!(
            err.to_string()
                .contains("parameter `exempt` has no value on 2007-12-31"),
            "{err}"
        ),
        other => panic!("expected an error, got {other:?}"),
    }
}

#[test]
fn deadlines_count_official_working_days() {
    let e = engine();
    // Accepted the day before the 2023 Mid-Autumn/National Day holiday: 7 working days later is 12 October.
    assert_eq!(
        def(
            &e,
            json!({"accepted": "2023-09-27"}),
            "deadline",
            "2023-09-27"
        ),
        Val::Known(Value::Date(date("2023-10-12")))
    );
    // A year without an official notice answers from the statutory holidays: from
    // Monday 2027-03-01, seven working days is Wednesday 2027-03-10.
    assert_eq!(
        def(
            &e,
            json!({"accepted": "2027-03-01"}),
            "deadline",
            "2023-09-27"
        ),
        Val::Known(Value::Date(date("2027-03-10")))
    );
    // Only dates beyond the years the calendar covers are errors.
    match def(
        &e,
        json!({"accepted": "2099-12-30"}),
        "deadline",
        "2023-09-27",
    ) {
        Val::Error(err) => assert!(err.to_string().contains("2099-12-31"), "{err}"),
        other => panic!("beyond the calendar must be an error, got {other:?}"),
    }
}

#[test]
fn equal_branches_do_not_wait_for_the_condition() {
    let e = engine();
    assert_eq!(
        def(&e, json!({}), "same_either_way", "2021-01-01"),
        money("1")
    );
}

#[test]
fn measures_report_status_and_exactly_the_missing_facts() {
    let e = engine();
    let ent = e.entity("enterprise").expect("e");
    let run = |facts: serde_json::Value| {
        let f = facts_from_json(&e.program, ent, &facts).expect("facts");
        e.evaluate(&f, date("2021-06-01"), &EvalOptions::default())
            .measures
            .remove(0)
    };
    let names = |ids: &[onestop_lang::InputId]| {
        ids.iter()
            .map(|i| e.program.inputs[i.index()].name.clone())
            .collect::<Vec<_>>()
    };
    // `small` false decides the answer alone: nothing else is asked.
    let r = run(json!({"small": false}));
    assert_eq!(r.status, Status::NotEligible);
    assert!(r.missing.is_empty());
    let r = run(json!({"small": true}));
    assert_eq!(r.status, Status::Undetermined);
    assert_eq!(names(&r.missing), vec!["income"]);
    let r = run(json!({}));
    assert_eq!(names(&r.missing), vec!["income", "small"]);
    let r = run(
        json!({"small": true, "income": "30000000", "in_pilot": true, "high_tech": false, "accepted": "2021-06-01"}),
    );
    assert_eq!(r.status, Status::Eligible);
    // (30 000 000 - 20 000 000) * 12.5% exactly
    assert_eq!(r.outputs[1].1, money("1250000.00"));
    assert!(r.missing_for_outputs.is_empty());
}

#[test]
fn the_trace_names_the_exception_and_every_parameter_with_its_source() {
    let e = engine();
    let ent = e.entity("enterprise").expect("e");
    let f = facts_from_json(&e.program, ent, &json!({"small": true, "income": "1", "in_pilot": false, "high_tech": false, "accepted": "2021-06-01"})).expect("facts");
    let ev = e.evaluate(
        &f,
        date("2021-06-01"),
        &EvalOptions {
            trace: true,
            ..Default::default()
        },
    );
    let amount = e.program.def(ent, "amount").expect("def");
    let t = ev
        .trace
        .iter()
        .find(|t| t.def == amount)
        .expect("amount traced");
    assert_eq!(t.branch, Branch::Default);
    let read = t.params.first().expect("exempt read");
    let decl = &e.program.params[read.param.index()];
    let used = &decl.values[read.value_index.expect("value in force")];
    assert_eq!(used.cite.text, "Hypothetical instrument art. 1");
    let text = onestop_engine::explain::render_explanation(
        &e.program,
        &f,
        &ev,
        onestop_engine::explain::Lang::En,
    );
    assert!(
        text.contains("parameter exempt = 6 000 000.00 yuan"),
        "{text}"
    );
    assert!(text.contains("Hypothetical instrument art. 1"), "{text}");
    let zh = onestop_engine::explain::render_explanation(
        &e.program,
        &f,
        &ev,
        onestop_engine::explain::Lang::Zh,
    );
    assert!(zh.contains("依据") && zh.contains("符合条件"), "{zh}");
}

#[test]
fn facts_with_wrong_types_name_the_field() {
    let e = engine();
    let ent = e.entity("enterprise").expect("e");
    let err =
        facts_from_json(&e.program, ent, &json!({"income": "12.345"})).expect_err("three decimals");
    assert_eq!(err.field, "income");
    assert!(err.message.contains("two decimal places"), "{err}");
    let err =
        facts_from_json(&e.program, ent, &json!({"accepted": "2023-02-30"})).expect_err("bad date");
    assert!(
        err.to_string().contains("fact `accepted`: expected a date"),
        "{err}"
    );
    let err = facts_from_json(&e.program, ent, &json!({"incom": 1})).expect_err("unknown");
    assert!(err.to_string().contains("did you mean `income`?"), "{err}");
    let err = facts_from_json(&e.program, ent, &json!([1, 2])).expect_err("not an object");
    assert!(err.to_string().contains("JSON object"), "{err}");
    // null means unknown, and numbers are read exactly.
    let f = facts_from_json(&e.program, ent, &json!({"income": 0.1, "small": null})).expect("ok");
    let inc = e.program.input(ent, "income").expect("i");
    assert_eq!(f.get(inc), Some(&Value::Money("0.1".parse().expect("d"))));
}

#[test]
fn an_error_in_a_branch_that_may_not_run_is_not_an_error_yet() {
    let mut set = RuleSet::new();
    set.add_text(
        "rules/t.policy",
        r#"
entity enterprise
  title en "E" zh "E"
scope enterprise
input flag : bool
  title en "Flag" zh "标志"
input n : int
  title en "N" zh "N"
definition guarded : decimal
  title en "G" zh "G"
  cite "EIT Law art. 4" from 2008-01-01
  = if flag then 1 / n else 0
definition conj : bool
  title en "C" zh "C"
  cite "EIT Law art. 4" from 2008-01-01
  = flag and 1 / n > 0
"#,
    );
    let (program, diags) = set.check(None);
    let program =
        program.unwrap_or_else(|| panic!("{}", onestop_lang::render_all(&diags, &set.sources)));
    let e = Engine::new(program);
    let flag = e
        .program
        .input(e.entity("enterprise").expect("e"), "flag")
        .expect("flag");
    assert_eq!(
        def(&e, json!({"n": 0}), "guarded", "2021-01-01"),
        Val::Missing(vec![flag])
    );
    assert_eq!(
        def(&e, json!({"n": 0}), "conj", "2021-01-01"),
        Val::Missing(vec![flag])
    );
    assert_eq!(
        def(&e, json!({"n": 0, "flag": false}), "guarded", "2021-01-01"),
        Val::Known(Value::Decimal(0.into()))
    );
    match def(&e, json!({"n": 0, "flag": true}), "guarded", "2021-01-01") {
        Val::Error(err) => assert!(err.to_string().contains("division by zero")),
        other => panic!("taken branch must fail: {other:?}"),
    }
}

#[test]
fn rounding_functions_are_exact() {
    let mut set = RuleSet::new();
    set.add_text(
        "rules/t.policy",
        r#"
entity project
  title en "P" zh "P"
scope project
input direct : money
  title en "Direct" zh "直接费用"
input duration_months : int
  title en "Months" zh "月数"
definition half_up : money
  title en "H" zh "H"
  cite "001_0cbca1dd9c1e8cc0.txt §17" from 2019-10-16
  = direct * 30%
definition at_most : money
  title en "A" zh "A"
  cite "001_0cbca1dd9c1e8cc0.txt §17" from 2019-10-16
  = floor_fen(direct / 1 yuan * 30%)
definition at_least : money
  title en "L" zh "L"
  cite "001_0cbca1dd9c1e8cc0.txt §17" from 2019-10-16
  = ceil_fen(direct / 1 yuan * 30%)
definition quarters : int
  title en "Q" zh "Q"
  cite "001_0cbca1dd9c1e8cc0.txt §17" from 2019-10-16
  = floor(duration_months / 4)
definition quarters_up : int
  title en "Q" zh "Q"
  cite "001_0cbca1dd9c1e8cc0.txt §17" from 2019-10-16
  = ceil(duration_months / 4)
"#,
    );
    let (program, diags) = set.check(None);
    let program =
        program.unwrap_or_else(|| panic!("{}", onestop_lang::render_all(&diags, &set.sources)));
    let e = Engine::new(program);
    let f = json!({"direct": "1000000.05", "duration_months": 7});
    // 30% of 1 000 000.05 = 300 000.015
    assert_eq!(
        def(&e, f.clone(), "half_up", "2021-01-01"),
        money("300000.02")
    );
    assert_eq!(
        def(&e, f.clone(), "at_most", "2021-01-01"),
        money("300000.01")
    );
    assert_eq!(
        def(&e, f.clone(), "at_least", "2021-01-01"),
        money("300000.02")
    );
    assert_eq!(
        def(&e, f.clone(), "quarters", "2021-01-01"),
        Val::Known(Value::Int(1))
    );
    assert_eq!(
        def(&e, f, "quarters_up", "2021-01-01"),
        Val::Known(Value::Int(2))
    );
}
