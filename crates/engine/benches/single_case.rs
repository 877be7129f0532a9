//! Single-case evaluation: every measure for one applicant, with and without the trace,
//! and `check` over all shipped rules. Figures go to BENCHMARKS.md.
//!
//! cargo bench -p onestop-engine --bench single_case

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use onestop_engine::{Engine, EvalOptions, facts_from_json};
use onestop_lang::RuleSet;
use std::hint::black_box;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

fn bench(c: &mut Criterion) {
    let rules = root().join("rules");
    let engine = Engine::load(&rules, None).expect("shipped rules check");
    let date = NaiveDate::from_ymd_opt(2024, 6, 30).expect("date");
    for entity in ["enterprise", "person", "project"] {
        let path = root().join(format!("data/samples/{entity}.json"));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let json: serde_json::Value = serde_json::from_str(&text).expect("sample json");
        let e = engine.entity(entity).expect("entity");
        let facts = facts_from_json(&engine.program, e, &json["facts"]).expect("sample facts");
        let n = engine.program.measures_of(e).count();
        engine.plan(date);
        c.bench_function(&format!("eval/{entity}/all {n} measures"), |b| {
            b.iter(|| engine.evaluate(black_box(&facts), date, &EvalOptions::default()))
        });
        let traced = EvalOptions {
            trace: true,
            ..Default::default()
        };
        c.bench_function(&format!("eval/{entity}/all {n} measures + trace"), |b| {
            b.iter(|| engine.evaluate(black_box(&facts), date, &traced))
        });
    }
    c.bench_function("check/all shipped rules (read + parse + check)", |b| {
        b.iter(|| {
            let set = RuleSet::load_dir(&rules).expect("load");
            let (p, _) = set.check(None);
            black_box(p.is_some())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
