//! `onestop population`: synthetic populations, and whole populations evaluated
//! through every measure (the batch evaluator, `onestop-batch`).

use crate::rules::Rules;
use crate::runtime::runtime;
use chrono::NaiveDate;
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum PopulationCommand {
    /// Generate a synthetic population (Parquet): a column per input of the entity.
    Generate {
        /// enterprise, person or project
        #[arg(long)]
        entity: String,
        /// Number of rows
        #[arg(long)]
        count: u64,
        /// Seed: the same seed gives the same file
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Output file (.parquet)
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// Evaluate every measure on every row of a population (Parquet or CSV) into a Parquet file.
    Eval {
        #[arg(long)]
        entity: String,
        /// Population file (.parquet or .csv)
        #[arg(long)]
        population: PathBuf,
        /// Decision date, YYYY-MM-DD (default: today)
        #[arg(long)]
        date: Option<String>,
        /// A reform: a shipped reform id or a .reform file
        #[arg(long)]
        reform: Option<String>,
        /// Output file (.parquet)
        #[arg(long)]
        out: PathBuf,
        /// Leave out the `.missing` columns (lists of facts still needed)
        #[arg(long)]
        no_missing: bool,
        /// Only this measure (repeatable; default: every measure of the entity)
        #[arg(long = "measure")]
        measures: Vec<String>,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

pub(crate) fn date_or_today(d: Option<&str>) -> Result<NaiveDate, String> {
    match d {
        Some(s) => NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map_err(|_| format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2024-06-30")),
        None => Ok(chrono::Local::now().date_naive()),
    }
}

fn bar(len: Option<u64>, what: &str) -> indicatif::ProgressBar {
    let b = match len {
        Some(n) => indicatif::ProgressBar::new(n),
        None => indicatif::ProgressBar::new_spinner(),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(&format!(
        "{what} {{bar:40}} {{pos}}/{{len}} rows, {{per_sec}}, eta {{eta}}"
    )) {
        b.set_style(style);
    }
    b
}

pub(crate) fn progress_bar(len: Option<u64>, what: &str) -> indicatif::ProgressBar {
    bar(len, what)
}

pub fn run(c: PopulationCommand) -> Result<ExitCode, String> {
    match c {
        PopulationCommand::Generate {
            entity,
            count,
            seed,
            out,
            rules,
        } => {
            let p = Rules::load(rules)?.program;
            let e = onestop_batch::entity_of(&p, &entity).map_err(|e| e.to_string())?;
            let b = bar(Some(count), "generating");
            let start = std::time::Instant::now();
            let n = onestop_batch::generate::generate(&p, e, count, seed, &out, |done| {
                b.set_position(done)
            })
            .map_err(|e| e.to_string())?;
            b.finish_and_clear();
            let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
            println!(
                "wrote {n} {entity} rows to {} ({} KB) in {:.1?} (seed {seed})",
                out.display(),
                size / 1024,
                start.elapsed()
            );
            Ok(ExitCode::SUCCESS)
        }
        PopulationCommand::Eval {
            entity,
            population,
            date,
            reform,
            out,
            no_missing,
            measures,
            rules,
        } => {
            let p = Rules::load(rules)?.program_with(reform.as_deref())?;
            let e = onestop_batch::entity_of(&p, &entity).map_err(|e| e.to_string())?;
            let date = date_or_today(date.as_deref())?;
            let opts = onestop_batch::Options {
                missing_lists: !no_missing,
                measures,
                ..Default::default()
            };
            let start = std::time::Instant::now();
            let n = runtime()?
                .block_on(onestop_batch::evaluate_file(
                    &p,
                    e,
                    date,
                    &population,
                    &out,
                    &opts,
                ))
                .map_err(|e| e.to_string())?;
            println!(
                "evaluated {n} {entity} rows on {date} into {} in {:.1?}",
                out.display(),
                start.elapsed()
            );
            Ok(ExitCode::SUCCESS)
        }
    }
}
