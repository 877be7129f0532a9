//! `onestop statistics check|import FILE`: an agency's statistical table (CSV or
//! Parquet, docs/statistics.md) validated with the row and column of every problem,
//! and imported into the service's database in one transaction (the same step as the
//! portal's upload and `POST /api/statistics/tables`).

use onestop_statistics::store::{self, ImportError, Importer};
use onestop_statistics::{Dimensions, Refusal};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum StatisticsCommand {
    /// Validate a table without importing it.
    Check {
        /// The table: CSV (UTF-8) or Parquet
        file: PathBuf,
        /// The rules whose district, park and industry enumerations the table uses
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// Import a table into the service's database: validated whole, stored in one
    /// transaction; a table with any problem changes nothing.
    Import {
        /// The table: CSV (UTF-8) or Parquet
        file: PathBuf,
        /// The agency the figures come from (recorded with the import)
        #[arg(long)]
        agency: String,
        /// The service's data directory (as `serve --data`)
        #[arg(long, default_value = "data/run")]
        data: PathBuf,
        /// The service's database (sqlite://FILE or postgres://...); default: SQLite in --data. Also DATABASE_URL.
        #[arg(long)]
        database_url: Option<String>,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

pub fn run(c: StatisticsCommand) -> Result<ExitCode, String> {
    match c {
        StatisticsCommand::Check { file, rules } => {
            let dims = dimensions(rules)?;
            let (name, bytes) = read(&file)?;
            match store::check(&name, &bytes, &dims) {
                Ok(figures) => {
                    println!("{name}: valid, {} figure(s)", figures.len());
                    Ok(ExitCode::SUCCESS)
                }
                Err(r) => Ok(refused(&r)),
            }
        }
        StatisticsCommand::Import {
            file,
            agency,
            data,
            database_url,
            rules,
        } => import(&file, &agency, &data, database_url, rules),
    }
}

fn dimensions(rules: Option<PathBuf>) -> Result<Dimensions, String> {
    let rules = crate::rules::Rules::load(rules)?;
    Dimensions::shipped(&rules.program)
}

/// The file's bytes and the name diagnostics give it (as written on the command line).
fn read(file: &Path) -> Result<(String, Vec<u8>), String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    Ok((file.display().to_string(), bytes))
}

fn refused(r: &Refusal) -> ExitCode {
    eprintln!("{r}");
    eprintln!("error: the table was refused; nothing was imported");
    ExitCode::from(1)
}

fn import(
    file: &Path,
    agency: &str,
    data: &Path,
    database_url: Option<String>,
    rules: Option<PathBuf>,
) -> Result<ExitCode, String> {
    if agency.trim().is_empty() {
        return Err("--agency names the agency the figures come from".into());
    }
    let dims = dimensions(rules)?;
    let (name, bytes) = read(file)?;
    let url =
        crate::database::database_url(database_url, data, crate::database::IfMissing::Create)?;
    let rt = crate::runtime::runtime()?;
    let importer = Importer {
        actor: "operator (onestop statistics import)".into(),
        agency: agency.trim().to_string(),
    };
    rt.block_on(async move {
        let db = onestop_store::db::Db::open(&url).await.map_err(|e| {
            format!(
                "cannot open the database {}: {e}",
                crate::database::redact(&url)
            )
        })?;
        match store::import_as(&db, &importer, &dims, &name, &bytes).await {
            Ok(done) => {
                println!(
                    "imported {}: {} figure(s) ({} replaced) of {} for agency {}",
                    done.file,
                    done.figures,
                    done.replaced,
                    done.indicators.join(", "),
                    done.agency
                );
                Ok(ExitCode::SUCCESS)
            }
            Err(ImportError::Refused(r)) => Ok(refused(&r)),
            Err(ImportError::Service(e)) => Err(format!("{e}\nnothing was imported")),
        }
    })
}
