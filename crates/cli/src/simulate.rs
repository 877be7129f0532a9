//! `onestop simulate`: a reform against the baseline over a whole population,
//! in one pass; JSON and HTML reports with charts.

use crate::population::{date_or_today, progress_bar};
use crate::rules::Rules;
use crate::runtime::runtime;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct SimulateArgs {
    /// Population file (.parquet or .csv), e.g. data/populations/enterprises-10k.parquet
    #[arg(long)]
    population: PathBuf,
    /// The reform: a shipped reform id (rules/reforms/) or a .reform file
    #[arg(long)]
    reform: String,
    /// enterprise, person or project
    #[arg(long, default_value = "enterprise")]
    entity: String,
    /// Decision date, YYYY-MM-DD (default: today)
    #[arg(long)]
    date: Option<String>,
    /// Directory for report.json, report.html and the charts
    #[arg(long, default_value = "simulation")]
    out: PathBuf,
    /// A money output that counts as the entity's benefit (repeatable; default:
    /// tax saved, subsidies, grants by name)
    #[arg(long)]
    benefit: Vec<String>,
    /// Breakdown columns (comma-separated)
    #[arg(
        long,
        default_value = "district,zgc_park,industry",
        value_delimiter = ','
    )]
    by: Vec<String>,
    /// Only this measure (repeatable; default: every measure of the entity)
    #[arg(long = "measure")]
    measures: Vec<String>,
    /// Run on a Ballista cluster: its scheduler's URL, df://HOST:PORT (see
    /// `onestop cluster`); the executors must be able to read the population file
    #[arg(long)]
    cluster: Option<String>,
    /// Print the JSON report on standard output too
    #[arg(long)]
    json: bool,
    #[arg(long)]
    rules: Option<PathBuf>,
}

pub fn run(a: SimulateArgs) -> Result<ExitCode, String> {
    let rules = Rules::load(a.rules.clone())?;
    let baseline = rules.program.clone();
    let reform = rules.reformed(&a.reform)?;
    let date = date_or_today(a.date.as_deref())?;
    let sim = onestop_batch::simulate::Simulation {
        baseline: &baseline,
        reform: &reform,
        entity: a.entity.clone(),
        date,
        benefits: a.benefit.clone(),
        by: a.by.clone(),
        measures: a.measures.clone(),
    };
    let rows = onestop_batch::population::parquet_rows(&a.population);
    let bar = progress_bar(rows, "simulating");
    let start = std::time::Instant::now();
    let tick = |n: u64| bar.set_position(n);
    let rt = runtime()?;
    let report = match &a.cluster {
        None => rt
            .block_on(onestop_batch::simulate::run(
                &sim,
                &a.population,
                Some(&tick),
            ))
            .map_err(|e| e.to_string())?,
        Some(url) => on_cluster(&rt, url, &sim, &a.population)?,
    };
    bar.finish_and_clear();
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    let files = onestop_batch::report::write(&report, &a.out).map_err(|e| e.to_string())?;
    let t = &report.totals;
    println!(
        "{} over {} {} rows on {date} in {:.1?}: {} winners, {} losers, cost {} yuan",
        if report.reform.is_empty() {
            &a.reform
        } else {
            &report.reform
        },
        t.rows,
        a.entity,
        start.elapsed(),
        t.winners,
        t.losers,
        t.cost
    );
    for f in files {
        println!("  {}", f.display());
    }
    if a.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        );
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(feature = "cluster")]
fn on_cluster(
    rt: &tokio::runtime::Runtime,
    url: &str,
    sim: &onestop_batch::simulate::Simulation,
    population: &std::path::Path,
) -> Result<onestop_batch::simulate::Report, String> {
    rt.block_on(onestop_cluster::simulate(url, sim, population))
        .map_err(|e| e.to_string())
}

#[cfg(not(feature = "cluster"))]
fn on_cluster(
    _rt: &tokio::runtime::Runtime,
    _url: &str,
    _sim: &onestop_batch::simulate::Simulation,
    _population: &std::path::Path,
) -> Result<onestop_batch::simulate::Report, String> {
    Err("this onestop was built without cluster support; build it with the `cluster` feature (the default)".into())
}
