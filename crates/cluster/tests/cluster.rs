//! The same simulation on a Ballista cluster: a scheduler and two executors
//! started as processes (`onestop-cluster scheduler|executor`, built from this
//! crate) on loopback; the report must equal the embedded run's, figure for figure.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn onestop_cluster() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_onestop-cluster"));
    c.current_dir(repo());
    c
}

/// A cluster process, stopped when the test ends (passed or failed).
struct Process {
    name: String,
    child: Child,
}

impl Process {
    fn start(name: &str, args: &[&str], log: &Path) -> Process {
        let out = std::fs::File::create(log).expect("log file");
        let err = out.try_clone().expect("log file");
        let child = onestop_cluster()
            .args(args)
            .stdout(Stdio::from(out))
            .stderr(Stdio::from(err))
            .spawn()
            .expect("start a cluster process");
        Process {
            name: name.into(),
            child,
        }
    }

    /// Panics with the process's log if it has exited.
    fn check_running(&mut self, log: &Path) {
        if let Ok(Some(status)) = self.child.try_wait() {
            let mut s = String::new();
            let _ = std::fs::File::open(log).and_then(|mut f| f.read_to_string(&mut s));
            panic!("{} exited ({status}):\n{s}", self.name);
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// Waits until something listens on `port` (the process may take a while to start).
fn wait_for(port: u16, p: &mut Process, log: &Path) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        p.check_running(log);
        assert!(
            Instant::now() < deadline,
            "{} did not listen on port {port}",
            p.name
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn program(reform: Option<&str>) -> onestop_lang::Program {
    let mut set = onestop_lang::RuleSet::load_dir(&repo().join("rules")).expect("rules load");
    let idx = reform.map(|r| onestop_engine::resolve_reform(&mut set, r).expect("reform"));
    let (p, diags) = set.check(idx);
    p.unwrap_or_else(|| panic!("rules do not check: {diags:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_simulation_on_a_ballista_cluster_equals_the_embedded_run() {
    let tmp = std::env::temp_dir().join(format!("onestop-cluster-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    std::fs::create_dir_all(&tmp).expect("scratch dir");
    let baseline = program(None);
    let reform = program(Some("tech-transfer-20m-beijing"));
    let entity = baseline.entity("enterprise").expect("enterprise");
    let pop = tmp.join("pop.parquet");
    let n = onestop_batch::generate::generate(&baseline, entity, 4000, 11, &pop, |_| {})
        .expect("generate");
    assert_eq!(n, 4000);

    // One scheduler, two executors, each a process built from this workspace.
    let sp = free_port();
    let slog = tmp.join("scheduler.log");
    let mut scheduler = Process::start(
        "scheduler",
        &["scheduler", "--bind", &format!("127.0.0.1:{sp}")],
        &slog,
    );
    wait_for(sp, &mut scheduler, &slog);
    let mut executors = Vec::new();
    for k in 0..2 {
        let (port, grpc) = (free_port(), free_port());
        let log = tmp.join(format!("executor{k}.log"));
        let work = tmp.join(format!("work{k}"));
        std::fs::create_dir_all(&work).expect("work dir");
        let mut p = Process::start(
            &format!("executor {k}"),
            &[
                "executor",
                "--scheduler",
                &format!("127.0.0.1:{sp}"),
                "--host",
                "127.0.0.1",
                "--port",
                &port.to_string(),
                "--grpc-port",
                &grpc.to_string(),
                "--work-dir",
                work.to_str().expect("path"),
                "--slots",
                "2",
            ],
            &log,
        );
        wait_for(port, &mut p, &log);
        executors.push((p, log));
    }

    let sim = onestop_batch::simulate::Simulation {
        baseline: &baseline,
        reform: &reform,
        entity: "enterprise".into(),
        date: chrono::NaiveDate::from_ymd_opt(2024, 5, 31).expect("date"),
        benefits: Vec::new(),
        by: vec!["district".into(), "zgc_park".into(), "industry".into()],
        measures: Vec::new(),
    };
    let embedded = onestop_batch::simulate::run(&sim, &pop, None)
        .await
        .expect("embedded simulation");
    let url = format!("df://127.0.0.1:{sp}");
    // A stuck cluster must fail the test, not hang CI.
    let on_cluster = tokio::time::timeout(
        Duration::from_secs(600),
        onestop_cluster::simulate(&url, &sim, &pop),
    )
    .await
    .expect("the cluster answered")
    .unwrap_or_else(|e| panic!("simulation on the cluster: {e}"));
    for (p, log) in &mut executors {
        p.check_running(log);
    }
    scheduler.check_running(&slog);

    let a = serde_json::to_value(&embedded).expect("JSON");
    let b = serde_json::to_value(&on_cluster).expect("JSON");
    assert_eq!(a["totals"]["rows"], 4000, "{}", a["totals"]);
    assert!(
        embedded.totals.winners > 0,
        "the reform must matter on this population"
    );
    for key in ["totals", "measures", "by", "gain_distribution", "warnings"] {
        assert_eq!(
            a[key], b[key],
            "`{key}` differs between the embedded and the cluster run"
        );
    }
    let _ = std::fs::remove_dir_all(&tmp);
}
