//! The planners' job of `onestop simulate` (a reform against the baseline over
//! every measure of an entity, aggregates only) without the CLI, so the batch
//! engine can be profiled and timed from this crate's build alone:
//!
//! ```sh
//! ONESTOP_BATCH_PROFILE=1 cargo run -p onestop-batch --example planners -- \
//!     rules e1m.parquet tech-transfer-20m-beijing 2024-05-31 enterprise 1000000
//! ```
//!
//! The population file is generated first (`population generate`'s rows, seed 1)
//! when it does not exist and a row count is given. Prints the totals.

use chrono::NaiveDate;
use onestop_batch::simulate::{Simulation, run};
use onestop_lang::RuleSet;
use std::path::PathBuf;

fn main() -> Result<(), String> {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let [rules, population, reform, date, entity, rest @ ..] = a.as_slice() else {
        return Err("usage: planners RULES POPULATION REFORM DATE ENTITY [COUNT]".into());
    };
    let set = RuleSet::load_dir(std::path::Path::new(rules)).map_err(|e| format!("{e:?}"))?;
    let baseline = set.check(None).0.ok_or("the rules do not check")?;
    let i = set
        .reforms
        .iter()
        .position(|r| &r.id == reform)
        .ok_or_else(|| format!("no reform {reform}"))?;
    let reformed = set.check(Some(i)).0.ok_or("the reform does not check")?;
    let date = NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|e| e.to_string())?;
    let population = PathBuf::from(population);
    if let (false, Some(count)) = (population.exists(), rest.first()) {
        let e = onestop_batch::entity_of(&baseline, entity).map_err(|e| e.to_string())?;
        let count: u64 = count.parse().map_err(|_| "COUNT is a number")?;
        onestop_batch::generate::generate(&baseline, e, count, 1, &population, |_| {})
            .map_err(|e| e.to_string())?;
    }
    let sim = Simulation {
        baseline: &baseline,
        reform: &reformed,
        entity: entity.clone(),
        date,
        benefits: Vec::new(),
        by: ["district", "zgc_park", "industry"]
            .map(String::from)
            .to_vec(),
        measures: Vec::new(),
    };
    let rt = tokio::runtime::Runtime::new().map_err(|e| e.to_string())?;
    let start = std::time::Instant::now();
    let report = rt
        .block_on(run(&sim, &population, None))
        .map_err(|e| e.to_string())?;
    let t = &report.totals;
    println!(
        "{} rows in {:.1?}: {} winners, {} losers, cost {} yuan",
        t.rows,
        start.elapsed(),
        t.winners,
        t.losers,
        t.cost
    );
    Ok(())
}
