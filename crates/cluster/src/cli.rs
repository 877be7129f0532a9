//! The cluster processes' command line, shared by `onestop cluster ...` and the
//! `onestop-cluster` binary of this crate.

use clap::Subcommand;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ClusterCommand {
    /// Run a Ballista scheduler (until stopped).
    Scheduler {
        /// Address to listen on
        #[arg(long, default_value = "127.0.0.1:50050")]
        bind: SocketAddr,
    },
    /// Run a Ballista executor that serves a scheduler (until stopped).
    Executor {
        /// The scheduler, HOST:PORT
        #[arg(long, default_value = "localhost:50050")]
        scheduler: String,
        /// Host to bind and advertise to the scheduler
        #[arg(long, default_value = "127.0.0.1")]
        host: String,
        /// Arrow Flight port (shuffle data, results)
        #[arg(long, default_value_t = 50051)]
        port: u16,
        /// gRPC port (tasks)
        #[arg(long, default_value_t = 50052)]
        grpc_port: u16,
        /// Directory for shuffle files (default: a temporary directory)
        #[arg(long)]
        work_dir: Option<PathBuf>,
        /// Tasks run at once (default: the number of cores)
        #[arg(long)]
        slots: Option<usize>,
    },
}

/// `HOST:PORT` split, with a clear error.
fn host_port(s: &str) -> Result<(String, u16), String> {
    let (host, port) = s
        .rsplit_once(':')
        .ok_or_else(|| format!("`{s}` is not HOST:PORT (e.g. localhost:50050)"))?;
    let port = port
        .parse()
        .map_err(|_| format!("`{port}` in `{s}` is not a port number"))?;
    Ok((host.to_string(), port))
}

/// Runs a scheduler or an executor until the process is stopped.
pub fn run(c: ClusterCommand) -> Result<ExitCode, String> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the runtime: {e}"))?;
    match c {
        ClusterCommand::Scheduler { bind } => {
            eprintln!("Ballista scheduler for onestop listening on {bind}");
            rt.block_on(crate::run_scheduler(bind))
                .map_err(|e| e.to_string())?;
        }
        ClusterCommand::Executor {
            scheduler,
            host,
            port,
            grpc_port,
            work_dir,
            slots,
        } => {
            let scheduler = host_port(&scheduler)?;
            eprintln!(
                "Ballista executor for onestop on {host}:{port} (gRPC {grpc_port}), scheduler {}:{}",
                scheduler.0, scheduler.1
            );
            rt.block_on(crate::run_executor(crate::ExecutorOptions {
                scheduler,
                host,
                port,
                grpc_port,
                work_dir,
                slots,
            }))
            .map_err(|e| e.to_string())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
