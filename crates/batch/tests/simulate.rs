//! The simulation's totals against the scalar evaluator, row by row, on a
//! generated population: the cost, winners and losers must be exactly what
//! evaluating every row twice (baseline, reform) and adding up gives.

mod common;

use common::*;
use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use onestop_batch::simulate::{Simulation, benefit_of, run};
use onestop_engine::eval::Evaluator;
use onestop_engine::{Plan, Status, Val};
use onestop_lang::{OutputRef, Program, Value};
use rust_decimal::Decimal;
use std::sync::Arc;

/// The summed benefit of one row under a program (see `simulate`'s module doc).
fn benefit(p: &Program, plan: &Plan, facts: &onestop_engine::Facts) -> Decimal {
    let eval = Evaluator::new(plan, facts, false).run(&[]);
    let mut total = Decimal::ZERO;
    for m in &eval.measures {
        let decl = &p.measures[m.measure.0 as usize];
        let Some(name) = benefit_of(p, &decl.outputs, &[]) else {
            continue;
        };
        if m.status != Status::Eligible {
            continue;
        }
        for (o, v) in &m.outputs {
            if let (OutputRef::Def(d), Val::Known(Value::Money(x))) = (o, v)
                && p.defs[d.index()].name == name
            {
                total += x;
            }
        }
    }
    total
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simulation_totals_equal_the_scalar_evaluator_summed() {
    let dir = repo().join("rules");
    let progs = programs(&dir);
    let baseline = &progs[0].1;
    let reform = &progs
        .iter()
        .find(|(l, _)| l.contains("tech-transfer-20m-beijing"))
        .expect("the reform ships")
        .1;
    let entity = baseline.entity("enterprise").expect("enterprise");
    let tmp = std::env::temp_dir().join(format!("onestop-sim-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).expect("dir");
    let pop = tmp.join("pop.parquet");
    let n = onestop_batch::generate::generate(baseline, entity, 3000, 42, &pop, |_| {})
        .expect("generate");
    assert_eq!(n, 3000);
    let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 31).expect("date");
    let sim = Simulation {
        baseline,
        reform,
        entity: "enterprise".into(),
        date,
        benefits: Vec::new(),
        by: vec!["district".into(), "zgc_park".into(), "industry".into()],
        measures: Vec::new(),
    };
    let report = run(&sim, &pop, None).await.expect("simulate");

    let file = std::fs::File::open(&pop).expect("open");
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .expect("parquet")
        .build()
        .expect("reader");
    let pb = Plan::new(Arc::new(baseline.clone()), date);
    let pr = Plan::new(Arc::new(reform.clone()), date);
    let (mut cost, mut winners, mut losers, mut rows) = (Decimal::ZERO, 0u64, 0u64, 0u64);
    for batch in reader {
        let batch = batch.expect("batch");
        for f in facts_of_batch(baseline, entity, &batch) {
            let gain = benefit(reform, &pr, &f) - benefit(baseline, &pb, &f);
            cost += gain;
            rows += 1;
            if gain > Decimal::ZERO {
                winners += 1;
            } else if gain < Decimal::ZERO {
                losers += 1;
            }
        }
    }
    let t = &report.totals;
    assert_eq!(t.rows, rows);
    assert_eq!(t.winners, winners);
    assert_eq!(t.losers, losers);
    assert_eq!(t.cost, format!("{cost:.2}"));
    assert!(
        winners > 10,
        "the generated population has technology transfers: {winners}"
    );
    // The breakdowns add up to the total.
    for groups in report.by.values() {
        let sum: Decimal = groups
            .iter()
            .map(|g| g.cost.parse::<Decimal>().expect("decimal"))
            .sum();
        assert_eq!(format!("{sum:.2}"), t.cost);
        assert_eq!(groups.iter().map(|g| g.rows).sum::<u64>(), rows);
    }
}
