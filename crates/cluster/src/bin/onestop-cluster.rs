//! `onestop-cluster scheduler|executor`: the Ballista processes of a cluster that
//! runs onestop's plans (the same commands as `onestop cluster ...`).

use clap::Parser;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "onestop-cluster",
    version,
    about = "Ballista scheduler and executors for onestop's batch plans"
)]
struct Cli {
    #[command(subcommand)]
    command: onestop_cluster::cli::ClusterCommand,
}

fn main() -> ExitCode {
    match onestop_cluster::cli::run(Cli::parse().command) {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}
