//! The differential test: random populations, generated from the input types of
//! the shipped rules (and of a small rule set built to reach every corner of the
//! semantics: conflicts, pending exceptions, every kind of error), evaluated by
//! the batch plan and by the scalar evaluator row by row. Every measure's status,
//! eligibility error and missing facts, and every output's value, error and
//! missing facts must be equal.

mod common;

use chrono::NaiveDate;
use common::*;
use datafusion::arrow::array::{AsArray, RecordBatch};
use datafusion::arrow::datatypes::Int64Type;
use onestop_batch::{Options, evaluate, open_population, session};
use onestop_engine::eval::Evaluator;
use onestop_engine::{Facts, Plan, Status, Val};
use onestop_lang::{EntityId, InputId, OutputRef, Program};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

fn names(p: &Program, ids: &[InputId]) -> Option<String> {
    if ids.is_empty() {
        None
    } else {
        Some(
            ids.iter()
                .map(|i| p.inputs[i.index()].name.clone())
                .collect::<Vec<_>>()
                .join(","),
        )
    }
}

/// What the batch output must show for a scalar `Val`: value, error, missing.
fn expected(p: &Program, v: &Val) -> (Option<String>, Option<String>, Option<String>) {
    match v {
        Val::Known(x) => (Some(show_value(p, x)), None, None),
        Val::Missing(m) => (None, None, names(p, m)),
        Val::Error(e) => (None, Some(e.to_string()), None),
    }
}

struct Outcome {
    rows: usize,
    checked: usize,
    statuses: HashMap<&'static str, usize>,
    errors: usize,
    missing: usize,
}

/// Runs the population through both evaluators and compares every cell.
async fn compare(
    label: &str,
    p: &Program,
    entity: EntityId,
    date: NaiveDate,
    batch: &RecordBatch,
    facts: &[Facts],
    via_parquet: bool,
) -> Outcome {
    let ctx = session();
    let df = if via_parquet {
        let dir = std::env::temp_dir().join(format!(
            "onestop-diff-{}-{}",
            std::process::id(),
            label.replace(' ', "_")
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let path = dir.join("population.parquet");
        let file = std::fs::File::create(&path).expect("create");
        let mut w = datafusion::parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None)
            .expect("writer");
        w.write(batch).expect("write");
        w.close().expect("close");
        open_population(&ctx, &path).await.expect("open")
    } else {
        ctx.read_batch(batch.clone()).expect("read batch")
    };
    let out = evaluate(p, entity, date, df, &Options::default())
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    let results: Vec<RecordBatch> = out
        .collect()
        .await
        .unwrap_or_else(|e| panic!("{label}: {e}"));
    let plan = Plan::new(Arc::new(p.clone()), date);
    let mut outcome = Outcome {
        rows: 0,
        checked: 0,
        statuses: HashMap::new(),
        errors: 0,
        missing: 0,
    };
    let mut mismatches = Vec::new();
    for rb in &results {
        let ids = rb
            .column_by_name("id")
            .expect("id column")
            .as_primitive::<Int64Type>()
            .clone();
        let col = |name: &str| {
            rb.column_by_name(name)
                .unwrap_or_else(|| panic!("{label}: no output column `{name}`"))
                .clone()
        };
        for r in 0..rb.num_rows() {
            outcome.rows += 1;
            let row = ids.value(r) as usize;
            let eval = Evaluator::new(&plan, &facts[row], false).run(&[]);
            let mut check = |what: String, want: Option<String>, got: Option<String>| {
                outcome.checked += 1;
                if want != got && mismatches.len() < 20 {
                    mismatches.push(format!(
                        "row {row} {what}: scalar {want:?}, batch {got:?}\n  facts: {:?}",
                        p.inputs_of(entity)
                            .filter_map(|(i, d)| facts[row].get(i).map(|v| format!(
                                "{}={}",
                                d.name,
                                p.show(v)
                            )))
                            .collect::<Vec<_>>()
                    ));
                }
            };
            for m in &eval.measures {
                let id = &p.measures[m.measure.0 as usize].id;
                *outcome.statuses.entry(m.status.as_str()).or_default() += 1;
                check(
                    format!("{id}.status"),
                    Some(m.status.as_str().to_string()),
                    show_cell(&col(&format!("{id}.status")), r),
                );
                let err = match &m.eligibility {
                    Val::Error(e) => Some(e.to_string()),
                    _ => None,
                };
                check(
                    format!("{id}.error"),
                    err,
                    show_cell(&col(&format!("{id}.error")), r),
                );
                check(
                    format!("{id}.missing"),
                    names(p, &m.missing),
                    show_cell(&col(&format!("{id}.missing")), r),
                );
                let mfo = if m.status == Status::NotEligible {
                    None
                } else {
                    names(p, &m.missing_for_outputs)
                };
                check(
                    format!("{id}.missing_for_outputs"),
                    mfo,
                    show_cell(&col(&format!("{id}.missing_for_outputs")), r),
                );
                for (o, v) in &m.outputs {
                    let name = match o {
                        OutputRef::Def(d) => &p.defs[d.index()].name,
                        OutputRef::Input(i) => &p.inputs[i.index()].name,
                    };
                    match v {
                        Val::Error(_) => outcome.errors += 1,
                        Val::Missing(_) => outcome.missing += 1,
                        Val::Known(_) => {}
                    }
                    let (value, error, missing) = expected(p, v);
                    check(name.to_string(), value, show_cell(&col(name), r));
                    check(
                        format!("{name}.error"),
                        error,
                        show_cell(&col(&format!("{name}.error")), r),
                    );
                    check(
                        format!("{name}.missing"),
                        missing,
                        show_cell(&col(&format!("{name}.missing")), r),
                    );
                }
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{label}: the batch plan disagrees with the scalar evaluator:\n{}",
        mismatches.join("\n")
    );
    assert_eq!(
        outcome.rows,
        facts.len(),
        "{label}: every row comes back once"
    );
    outcome
}

async fn differential(
    dir: &Path,
    rows: usize,
    seed: u64,
    dates: &[&str],
) -> Vec<(String, Outcome)> {
    let mut outcomes = Vec::new();
    for (label, p) in programs(dir) {
        for (e, ent) in p.entities.iter().enumerate() {
            let entity = EntityId(e as u32);
            if p.measures_of(entity).next().is_none() {
                continue;
            }
            let (batch, facts) = population(&p, entity, rows, seed + e as u64);
            for (k, d) in dates.iter().enumerate() {
                let date = NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
                let l = format!("{label} {} {d}", ent.name);
                let o = compare(&l, &p, entity, date, &batch, &facts, k == 0).await;
                outcomes.push((l, o));
            }
        }
    }
    outcomes
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_agrees_with_scalar_on_the_shipped_rules() {
    let outcomes = differential(
        &repo().join("rules"),
        1000,
        11,
        &["2024-05-31", "2007-06-30"],
    )
    .await;
    assert!(!outcomes.is_empty(), "the shipped rules have measures");
    for (label, o) in &outcomes {
        assert!(o.checked > 0, "{label}: nothing compared");
        // The generator must reach every status (otherwise the test proves little).
        if label.contains("2024-05-31") {
            // The credit evaluation (rules/enterprise/credit-evaluation.policy) is made
            // for every enterprise while it is in force: its status cannot be
            // not_eligible or undetermined then, only its grade and score vary
            // (compared above).
            let reachable: &[&str] = if label.contains(" credit_record ") {
                &["eligible"]
            } else {
                &["eligible", "not_eligible", "undetermined"]
            };
            for s in reachable.iter().copied() {
                assert!(
                    o.statuses.get(s).copied().unwrap_or(0) > 0,
                    "{label}: no row is {s}"
                );
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batch_agrees_with_scalar_on_every_corner_of_the_semantics() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let outcomes = differential(
        &dir,
        3000,
        7,
        &["2022-05-31", "2020-06-30", "2007-06-30", "2021-01-01"],
    )
    .await;
    let p = &programs(&dir)[0].1;
    assert_eq!(p.measures.len(), 3);
    let total_errors: usize = outcomes.iter().map(|(_, o)| o.errors).sum();
    let total_missing: usize = outcomes.iter().map(|(_, o)| o.missing).sum();
    assert!(total_errors > 1000, "errors reached: {total_errors}");
    assert!(
        total_missing > 1000,
        "missing values reached: {total_missing}"
    );
}

/// The conflict rule on its own: both exceptions fire, neither has priority.
#[tokio::test]
async fn a_conflict_is_an_error_not_a_missing_value() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let p = &programs(&dir)[0].1;
    let entity = p.entity("firm").expect("firm");
    let mut facts = Facts::empty(p, entity);
    let set = |f: &mut Facts, name: &str, v: onestop_lang::Value| {
        f.set(p.input(entity, name).expect("input"), Some(v));
    };
    set(&mut facts, "flag_a", onestop_lang::Value::Bool(true));
    set(&mut facts, "flag_b", onestop_lang::Value::Bool(true));
    set(&mut facts, "count", onestop_lang::Value::Int(1));
    // One row with the conflict, one where `c over a` removes it, one missing.
    let mut f2 = facts.clone();
    set(&mut f2, "flag_b", onestop_lang::Value::Bool(false));
    set(&mut f2, "count", onestop_lang::Value::Int(9));
    set(
        &mut f2,
        "amount",
        onestop_lang::Value::Money(rust_decimal::Decimal::new(700, 2)),
    );
    let f3 = Facts::empty(p, entity);
    let batch = batch_of(p, entity, &[facts, f2, f3]);
    let ctx = session();
    let date = NaiveDate::from_ymd_opt(2022, 5, 31).expect("date");
    let out = evaluate(
        p,
        entity,
        date,
        ctx.read_batch(batch).expect("batch"),
        &Options::default(),
    )
    .expect("plan")
    .collect()
    .await
    .expect("run");
    let mut by_id = HashMap::new();
    for rb in &out {
        let ids = rb
            .column_by_name("id")
            .expect("id")
            .as_primitive::<Int64Type>()
            .clone();
        for r in 0..rb.num_rows() {
            let cell = |n: &str| show_cell(rb.column_by_name(n).expect("column"), r);
            by_id.insert(
                ids.value(r),
                (
                    cell("conflicted"),
                    cell("conflicted.error"),
                    cell("conflicted.missing"),
                ),
            );
        }
    }
    assert_eq!(
        by_id[&0],
        (
            None,
            Some(
                "conflict in `conflicted`: exceptions `a` and `b` all apply and none has priority"
                    .into()
            ),
            None
        )
    );
    assert_eq!(by_id[&1], (Some("7".into()), None, None));
    assert_eq!(by_id[&2], (None, None, Some("flag_a,flag_b,count".into())));
}

/// A batch of the given facts (with ids 0..n), through the scalar facts' own values.
fn batch_of(p: &Program, entity: EntityId, facts: &[Facts]) -> RecordBatch {
    use datafusion::arrow::array::{ArrayRef, BooleanArray, Decimal128Array, Int64Array};
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    let mut fields = vec![Field::new("id", DataType::Int64, false)];
    let mut cols: Vec<ArrayRef> = vec![Arc::new(Int64Array::from(
        (0..facts.len() as i64).collect::<Vec<_>>(),
    ))];
    for (id, d) in p.inputs_of(entity) {
        let vals: Vec<Option<onestop_lang::Value>> =
            facts.iter().map(|f| f.get(id).cloned()).collect();
        match d.ty {
            onestop_lang::Type::Bool => {
                fields.push(Field::new(&d.name, DataType::Boolean, true));
                cols.push(Arc::new(BooleanArray::from(
                    vals.iter()
                        .map(|v| v.as_ref().and_then(|v| v.as_bool()))
                        .collect::<Vec<_>>(),
                )));
            }
            onestop_lang::Type::Int => {
                fields.push(Field::new(&d.name, DataType::Int64, true));
                cols.push(Arc::new(Int64Array::from(
                    vals.iter()
                        .map(|v| match v {
                            Some(onestop_lang::Value::Int(i)) => Some(*i),
                            _ => None,
                        })
                        .collect::<Vec<_>>(),
                )));
            }
            onestop_lang::Type::Money => {
                fields.push(Field::new(&d.name, DataType::Decimal128(38, 2), true));
                let arr = Decimal128Array::from(
                    vals.iter()
                        .map(|v| {
                            v.as_ref().and_then(|v| v.as_decimal()).map(|mut d| {
                                d.rescale(2);
                                d.mantissa()
                            })
                        })
                        .collect::<Vec<_>>(),
                )
                .with_precision_and_scale(38, 2)
                .expect("decimal");
                cols.push(Arc::new(arr));
            }
            _ => {}
        }
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).expect("batch")
}
