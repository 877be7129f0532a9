//! `onestop services check`: an operator's services file (or the shipped one) checked
//! as `serve` checks it at start: the file's shape, the agencies each case names, and
//! the measures and deadline parameters in the rules.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use onestop_cases::services::Services;

#[derive(clap::Subcommand)]
pub enum ServicesCommand {
    /// Check a services file: TOML shape, agencies, measures and deadline parameters.
    Check {
        /// The file (default: DIR/services.toml if present, else the shipped one)
        file: Option<PathBuf>,
        /// The service's data directory (as `serve --data`)
        #[arg(long, default_value = "data/run")]
        data: PathBuf,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

pub fn run(c: ServicesCommand) -> Result<ExitCode, String> {
    match c {
        ServicesCommand::Check { file, data, rules } => {
            let program = crate::rules::Rules::load(rules)?.program;
            let file = file.or_else(|| {
                let p = data.join(onestop_cases::services::DATA_FILE);
                p.is_file().then_some(p)
            });
            match check(file.as_deref(), &program) {
                Ok((name, s)) => {
                    println!(
                        "{name}: {} services, {} agencies, every measure and deadline parameter found in the rules",
                        s.services.len(),
                        s.agencies.len()
                    );
                    Ok(ExitCode::SUCCESS)
                }
                Err(e) => {
                    eprintln!("{e}");
                    Ok(ExitCode::from(1))
                }
            }
        }
    }
}

/// The services from `file` (or the shipped ones), checked against the rules; the
/// name they were read under.
pub fn check(
    file: Option<&Path>,
    program: &onestop_lang::Program,
) -> Result<(String, Services), String> {
    let (name, text) = match file {
        Some(p) => (
            p.display().to_string(),
            std::fs::read_to_string(p).map_err(|e| format!("{}: cannot read: {e}", p.display()))?,
        ),
        None => (
            "config/services.toml (shipped)".to_string(),
            onestop_cases::services::SHIPPED.to_string(),
        ),
    };
    let services = Services::parse_named(&name, &text)?;
    services.check_against(&name, &text, program)?;
    Ok((name, services))
}
