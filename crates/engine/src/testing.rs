//! Runs the readable rule tests (`.test` files) against the rules.

use crate::eval::{Evaluator, Plan, Status, Val};
use crate::facts::Facts;
use crate::semantics::{compare, equal};
use onestop_lang::ast::{Expectation, ExpectedStatus, Item, ItemKind, TestCase};
use onestop_lang::check::check_value_expr;
use onestop_lang::diag::did_you_mean;
use onestop_lang::{OutputRef, Program, RuleSet, Span};
use std::collections::HashMap;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub struct TestOutcome {
    pub name: String,
    /// `file:line:column` of the test.
    pub location: String,
    pub failures: Vec<String>,
}

impl TestOutcome {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs every test in the set. Tests naming a reform run against the reformed rules.
pub fn run_tests(set: &RuleSet, base: Arc<Program>, filter: Option<&str>) -> Vec<TestOutcome> {
    let mut reformed: HashMap<String, Result<Arc<Program>, String>> = HashMap::new();
    let mut out = Vec::new();
    for item in &set.tests {
        let ItemKind::Test(case) = &item.kind else {
            continue;
        };
        if let Some(f) = filter
            && !item.name.name.contains(f)
        {
            continue;
        }
        let location = set.sources.location(item.name.span);
        let program = match &case.reform {
            None => Ok(base.clone()),
            Some(r) => reformed
                .entry(r.name.clone())
                .or_insert_with(|| match set.reform(&r.name) {
                    None => Err(format!("unknown reform `{}`", r.name)),
                    Some(i) => match set.check(Some(i)) {
                        (Some(p), _) => Ok(Arc::new(p)),
                        (None, diags) => Err(format!(
                            "reform `{}` does not check:\n{}",
                            r.name,
                            onestop_lang::render_all(&diags, &set.sources)
                        )),
                    },
                })
                .clone(),
        };
        let failures = match program {
            Ok(p) => run_one(&p, set, item, case),
            Err(e) => vec![e],
        };
        out.push(TestOutcome {
            name: item.name.name.clone(),
            location,
            failures,
        });
    }
    out
}

fn at(set: &RuleSet, span: Span) -> String {
    set.sources.location(span)
}

fn run_one(program: &Arc<Program>, set: &RuleSet, item: &Item, case: &TestCase) -> Vec<String> {
    let mut failures = Vec::new();
    let Some(entity_name) = &case.entity else {
        return vec![format!(
            "{}: the test names no entity (add `entity enterprise`)",
            at(set, item.name.span)
        )];
    };
    let Some(entity) = program.entity(&entity_name.name) else {
        return vec![format!(
            "{}: unknown entity `{}`",
            at(set, entity_name.span),
            entity_name.name
        )];
    };
    let Some(date) = case.date else {
        return vec![format!(
            "{}: the test has no decision date (add `date YYYY-MM-DD`)",
            at(set, item.name.span)
        )];
    };
    let mut facts = Facts::empty(program, entity);
    for (name, expr) in &case.given {
        let Some(id) = program.input(entity, &name.name) else {
            let hint = did_you_mean(
                &name.name,
                program.inputs_of(entity).map(|(_, i)| i.name.as_str()),
            )
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_default();
            failures.push(format!(
                "{}: `{}` is not a fact of {}{hint}",
                at(set, name.span),
                name.name,
                entity_name.name
            ));
            continue;
        };
        match check_value_expr(program, expr, &program.inputs[id.index()].ty) {
            Ok(v) => facts.set(id, Some(v)),
            Err(d) => failures.push(format!(
                "{}: {} ({})",
                at(set, d.span),
                d.message,
                d.hint.unwrap_or_default()
            )),
        }
    }
    if !failures.is_empty() {
        return failures;
    }
    let plan = Plan::new(program.clone(), date);
    let mut ev = Evaluator::new(&plan, &facts, false);
    let results = Evaluator::new(&plan, &facts, false).run(&[]);
    for (exp, span) in &case.expect {
        let loc = at(set, *span);
        match exp {
            Expectation::Measure {
                id,
                status,
                missing,
            } => {
                let Some(mid) = program.measure(&id.name) else {
                    let hint =
                        did_you_mean(&id.name, program.measures.iter().map(|m| m.id.as_str()))
                            .map(|s| format!("; did you mean `{s}`?"))
                            .unwrap_or_default();
                    failures.push(format!("{loc}: unknown measure `{}`{hint}", id.name));
                    continue;
                };
                let Some(r) = results.measures.iter().find(|r| r.measure == mid) else {
                    failures.push(format!(
                        "{loc}: measure `{}` does not apply to {}",
                        id.name, entity_name.name
                    ));
                    continue;
                };
                let want = match status {
                    ExpectedStatus::Eligible => Status::Eligible,
                    ExpectedStatus::NotEligible => Status::NotEligible,
                    ExpectedStatus::Undetermined => Status::Undetermined,
                };
                if r.status != want {
                    let why = match (&r.eligibility, r.errors.first()) {
                        (_, Some(e)) => format!(" ({e})"),
                        (Val::Missing(m), _) => format!(
                            " (missing {})",
                            m.iter()
                                .map(|i| program.inputs[i.index()].name.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                        _ => String::new(),
                    };
                    failures.push(format!(
                        "{loc}: measure `{}`: expected {}, got {}{why}",
                        id.name,
                        want.as_str(),
                        r.status.as_str()
                    ));
                }
                if let Some(names) = missing {
                    let mut want: Vec<String> = names.iter().map(|n| n.name.clone()).collect();
                    want.sort();
                    let mut got: Vec<String> = r
                        .missing
                        .iter()
                        .map(|i| program.inputs[i.index()].name.clone())
                        .collect();
                    got.sort();
                    if want != got {
                        failures.push(format!(
                            "{loc}: measure `{}`: expected missing [{}], got [{}]",
                            id.name,
                            want.join(", "),
                            got.join(", ")
                        ));
                    }
                }
            }
            Expectation::Value {
                name,
                value,
                within,
            } => {
                let Some((target, ty)) = lookup(program, entity, &name.name) else {
                    failures.push(format!(
                        "{loc}: `{}` is neither a definition nor a fact of {}",
                        name.name, entity_name.name
                    ));
                    continue;
                };
                let expected = match check_value_expr(program, value, &ty) {
                    Ok(v) => v,
                    Err(d) => {
                        failures.push(format!(
                            "{}: {} ({})",
                            at(set, d.span),
                            d.message,
                            d.hint.unwrap_or_default()
                        ));
                        continue;
                    }
                };
                let tol = match within {
                    None => None,
                    Some(w) => match check_value_expr(program, w, &ty) {
                        Ok(v) => v.as_decimal(),
                        Err(d) => {
                            failures.push(format!("{}: tolerance: {}", at(set, d.span), d.message));
                            continue;
                        }
                    },
                };
                let got = ev.output(target);
                let ok = match (&got, tol) {
                    (Val::Known(g), None) => equal(g, &expected),
                    (Val::Known(g), Some(t)) => match (g.as_decimal(), expected.as_decimal()) {
                        (Some(a), Some(b)) => (a - b).abs() <= t,
                        _ => compare(g, &expected).is_eq(),
                    },
                    _ => false,
                };
                if !ok {
                    failures.push(format!(
                        "{loc}: `{}`: expected {}, got {}",
                        name.name,
                        program.show(&expected),
                        crate::explain::show_val(program, &got, crate::explain::Lang::En)
                    ));
                }
            }
            Expectation::Unknown { name } | Expectation::Conflict { name } => {
                let Some((target, _)) = lookup(program, entity, &name.name) else {
                    failures.push(format!(
                        "{loc}: `{}` is neither a definition nor a fact of {}",
                        name.name, entity_name.name
                    ));
                    continue;
                };
                let got = ev.output(target);
                let conflict = matches!(&got, Val::Error(e) if matches!(**e, crate::EvalError::Conflict { .. }));
                let (ok, want) = match exp {
                    Expectation::Unknown { .. } => (matches!(got, Val::Missing(_)), "unknown"),
                    _ => (conflict, "a conflict"),
                };
                if !ok {
                    failures.push(format!(
                        "{loc}: `{}`: expected {want}, got {}",
                        name.name,
                        crate::explain::show_val(program, &got, crate::explain::Lang::En)
                    ));
                }
            }
        }
    }
    if case.expect.is_empty() {
        failures.push(format!(
            "{}: the test expects nothing; add an `expect` block",
            at(set, item.name.span)
        ));
    }
    failures
}

fn lookup(
    program: &Program,
    entity: onestop_lang::EntityId,
    name: &str,
) -> Option<(OutputRef, onestop_lang::Type)> {
    if let Some(d) = program.def(entity, name) {
        return Some((OutputRef::Def(d), program.defs[d.index()].ty.clone()));
    }
    program
        .input(entity, name)
        .map(|i| (OutputRef::Input(i), program.inputs[i.index()].ty.clone()))
}
