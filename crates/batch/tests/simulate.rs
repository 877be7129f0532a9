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

/// A measure's counts (eligible and undetermined under each program, newly and
/// no longer eligible) and its money outputs (name, baseline and reform totals).
type Tally = ([u64; 6], Vec<(String, Decimal, Decimal)>);

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
    // Per measure: eligible and undetermined under each program, newly and no
    // longer eligible, and each money output summed over eligible rows.
    let mut per_measure: std::collections::HashMap<String, Tally> = Default::default();
    for batch in reader {
        let batch = batch.expect("batch");
        for f in facts_of_batch(baseline, entity, &batch) {
            let eb = Evaluator::new(&pb, &f, false).run(&[]);
            let er = Evaluator::new(&pr, &f, false).run(&[]);
            for (mb, mr) in eb.measures.iter().zip(&er.measures) {
                let id = baseline.measures[mb.measure.0 as usize].id.clone();
                let e = per_measure.entry(id).or_default();
                let (b_el, r_el) = (mb.status == Status::Eligible, mr.status == Status::Eligible);
                let counts = [
                    b_el,
                    r_el,
                    mb.status == Status::Undetermined,
                    mr.status == Status::Undetermined,
                    !b_el && r_el,
                    b_el && !r_el,
                ];
                for (slot, c) in counts.iter().enumerate() {
                    e.0[slot] += u64::from(*c);
                }
                for ((o, vb), (_, vr)) in mb.outputs.iter().zip(&mr.outputs) {
                    let OutputRef::Def(d) = o else { continue };
                    if baseline.defs[d.index()].ty != onestop_lang::Type::Money {
                        continue;
                    }
                    let name = baseline.defs[d.index()].name.clone();
                    let amount = |v: &Val, el: bool| match v {
                        Val::Known(Value::Money(x)) if el => *x,
                        _ => Decimal::ZERO,
                    };
                    match e.1.iter_mut().find(|(n, _, _)| *n == name) {
                        Some(t) => {
                            t.1 += amount(vb, b_el);
                            t.2 += amount(vr, r_el);
                        }
                        None => e.1.push((name, amount(vb, b_el), amount(vr, r_el))),
                    }
                }
            }
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
    assert_eq!(report.measures.len(), per_measure.len());
    for m in &report.measures {
        let (counts, outputs) = &per_measure[&m.id];
        let got = [
            m.eligible_baseline,
            m.eligible_reform,
            m.undetermined_baseline,
            m.undetermined_reform,
            m.newly_eligible,
            m.no_longer_eligible,
        ];
        assert_eq!(
            &got, counts,
            "{}: eligible, undetermined, gained, lost",
            m.id
        );
        assert_eq!(m.outputs.len(), outputs.len(), "{}", m.id);
        for (o, (name, b, r)) in m.outputs.iter().zip(outputs) {
            assert_eq!(&o.name, name);
            assert_eq!(o.baseline, format!("{b:.2}"), "{} {name} (baseline)", m.id);
            assert_eq!(o.reform, format!("{r:.2}"), "{} {name} (reform)", m.id);
        }
    }
    // The reform changes the technology-transfer amounts (so the reform's own
    // columns are computed and summed, not only shared ones).
    let tt = report
        .measures
        .iter()
        .find(|m| m.id == "enterprise.tech-transfer-tax")
        .expect("measure");
    assert!(tt.outputs.iter().any(|o| o.baseline != o.reform));
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
