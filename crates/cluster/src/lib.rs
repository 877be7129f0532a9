//! Batch plans on a Ballista cluster (DataFusion's distributed engine): the
//! scheduler and executor processes, built from this workspace so that they
//! know the batch evaluator's functions, and the client session that ships a
//! simulation's plan to them.
//!
//! The plans are the embedded ones (`onestop_batch::simulate::plan`), unchanged.
//! What a cluster needs on top is a way to carry the batch functions (`OsFn`,
//! one scalar UDF type configured by an `Op`, including the working-day
//! calendar) across processes: [`codec`] writes each function's configuration
//! into the plan (DataFusion's proto codecs carry it as the UDF's definition
//! bytes) and rebuilds it on the other side; everything else is Ballista's own
//! codecs. Client, scheduler and executors all use these codecs and the batch
//! session settings (`onestop_batch::session_config`, `optimizer_rules`).
//!
//! Depends on `batch` (plans, functions) and Ballista; only `cli` depends on it.
//! The population file must be readable at the same path by every executor
//! (one machine, or a shared file system).

pub mod cli;
pub mod codec;

use ballista::prelude::SessionContextExt;
use ballista_core::extension::SessionConfigExt;
use datafusion::execution::{SessionState, SessionStateBuilder};
use datafusion::prelude::{SessionConfig, SessionContext};
use onestop_batch::BatchError;
use onestop_batch::simulate::{Report, Simulation};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Why a cluster process or client could not run.
#[derive(Debug)]
pub struct ClusterError(pub String);

impl std::fmt::Display for ClusterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::error::Error for ClusterError {}

/// Session settings shared by client, scheduler and executors: Ballista's,
/// the batch evaluator's, and the codecs that carry the batch functions.
pub fn session_config() -> SessionConfig {
    onestop_batch::session_config(SessionConfig::new_with_ballista())
        .with_ballista_logical_extension_codec(Arc::new(codec::LogicalCodec::default()))
        .with_ballista_physical_extension_codec(Arc::new(codec::PhysicalCodec::default()))
}

/// The scheduler's session for a job: Ballista's defaults with the batch
/// evaluator's optimizer rules (projection pruning only).
fn session_state(config: SessionConfig) -> datafusion::error::Result<SessionState> {
    let config = onestop_batch::session_config(config);
    let state = ballista_core::utils::default_session_builder(config)?;
    Ok(SessionStateBuilder::new_from_existing(state)
        .with_optimizer_rules(onestop_batch::optimizer_rules())
        .build())
}

/// Runs a scheduler listening on `bind` until the process is stopped.
pub async fn run_scheduler(bind: SocketAddr) -> Result<(), ClusterError> {
    use ballista_scheduler::cluster::BallistaCluster;
    use ballista_scheduler::config::SchedulerConfig;
    let config = SchedulerConfig {
        bind_host: bind.ip().to_string(),
        bind_port: bind.port(),
        external_host: bind.ip().to_string(),
        override_config_producer: Some(Arc::new(session_config)),
        override_session_builder: Some(Arc::new(session_state)),
        override_logical_codec: Some(Arc::new(codec::LogicalCodec::default())),
        override_physical_codec: Some(Arc::new(codec::PhysicalCodec::default())),
        ..SchedulerConfig::default()
    };
    let cluster = BallistaCluster::new_from_config(&config)
        .await
        .map_err(|e| ClusterError(format!("cannot start the scheduler: {e}")))?;
    ballista_scheduler::scheduler_process::start_server(cluster, bind, Arc::new(config))
        .await
        .map_err(|e| ClusterError(format!("the scheduler on {bind} stopped: {e}")))
}

/// Where an executor listens and which scheduler it serves.
#[derive(Debug, Clone)]
pub struct ExecutorOptions {
    /// The scheduler's host and port.
    pub scheduler: (String, u16),
    /// Address to bind and advertise (loopback for a one-machine cluster).
    pub host: String,
    /// Arrow Flight port (shuffle data and results).
    pub port: u16,
    /// gRPC port (tasks from the scheduler).
    pub grpc_port: u16,
    /// Directory for shuffle files (default: a temporary directory).
    pub work_dir: Option<PathBuf>,
    /// Tasks run at once (default: the number of cores).
    pub slots: Option<usize>,
}

/// Runs an executor until the process is stopped.
pub async fn run_executor(o: ExecutorOptions) -> Result<(), ClusterError> {
    use ballista_executor::executor_process::{ExecutorProcessConfig, start_executor_process};
    let mut config = ExecutorProcessConfig {
        bind_host: o.host.clone(),
        external_host: Some(o.host.clone()),
        port: o.port,
        grpc_port: o.grpc_port,
        scheduler_host: o.scheduler.0.clone(),
        scheduler_port: o.scheduler.1,
        // Keep trying to reach the scheduler for a while: processes start in any order.
        scheduler_connect_timeout_seconds: 30,
        work_dir: o.work_dir.as_ref().map(|d| d.display().to_string()),
        override_config_producer: Some(Arc::new(session_config)),
        override_logical_codec: Some(Arc::new(codec::LogicalCodec::default())),
        override_physical_codec: Some(Arc::new(codec::PhysicalCodec::default())),
        ..ExecutorProcessConfig::default()
    };
    if let Some(n) = o.slots {
        config.vcores = n.max(1);
    }
    start_executor_process(Arc::new(config)).await.map_err(|e| {
        ClusterError(format!(
            "the executor on {}:{} stopped: {e}",
            o.host, o.port
        ))
    })
}

/// A client session on the cluster whose scheduler is at `url` (`df://HOST:PORT`).
pub async fn connect(url: &str) -> Result<SessionContext, ClusterError> {
    let state = SessionStateBuilder::new()
        .with_config(session_config())
        .with_default_features()
        .with_optimizer_rules(onestop_batch::optimizer_rules())
        .build();
    SessionContext::remote_with_state(url, state)
        .await
        .map_err(|e| ClusterError(format!("cannot reach the Ballista scheduler at {url}: {e}")))
}

/// Runs a simulation on the cluster at `url`: the embedded plan, executed by
/// the cluster's executors. The population path is made absolute, since the
/// executors read it themselves.
pub async fn simulate(
    url: &str,
    sim: &Simulation<'_>,
    population: &Path,
) -> Result<Report, BatchError> {
    let population = std::path::absolute(population)
        .map_err(|e| BatchError::Input(format!("cannot resolve {}: {e}", population.display())))?;
    let ctx = connect(url).await.map_err(|e| BatchError::Input(e.0))?;
    onestop_batch::simulate::run_on(&ctx, sim, &population, None).await
}
