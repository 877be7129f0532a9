//! `onestop serve` and `onestop admin`: the one-window service on SQLite by default.

use crate::database::{IfMissing, database_url, redact};
use crate::runtime::runtime;
use onestop_cases::CaseService;
use onestop_engine::Engine;
use onestop_store::Role;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Args)]
pub struct ServeArgs {
    /// Port to listen on (0 picks a free one)
    #[arg(long, default_value_t = 8080)]
    pub port: u16,
    /// Address to bind
    #[arg(long, default_value = "127.0.0.1")]
    pub host: String,
    /// Data directory for the embedded SQLite database
    #[arg(long, default_value = "data/run")]
    pub data: PathBuf,
    /// A database URL (sqlite://FILE or postgres://...); default: SQLite in --data. Also DATABASE_URL.
    #[arg(long)]
    pub database_url: Option<String>,
    /// Create the demonstration accounts (published password) in an empty database;
    /// for trying onestop out, never for a real deployment
    #[arg(long)]
    pub demo: bool,
    /// Mark cookies `Secure` (the service is reached over HTTPS, e.g. behind a TLS proxy).
    /// Also ONESTOP_SECURE_COOKIES=1.
    #[arg(long, env = "ONESTOP_SECURE_COOKIES")]
    pub secure_cookies: bool,
    /// The ledger's signing key file (default: `ledger-signing.key` beside an SQLite
    /// database). Also ONESTOP_LEDGER_KEY.
    #[arg(long)]
    pub ledger_key: Option<PathBuf>,
    /// A real deployment: refuses demonstration accounts and a signing key kept in
    /// the database's directory (whoever copies the database must not get the key).
    /// Also ONESTOP_PRODUCTION=1.
    #[arg(long, env = "ONESTOP_PRODUCTION")]
    pub production: bool,
    /// Rules folder (default: rules/)
    #[arg(long)]
    pub rules: Option<PathBuf>,
    /// Fix the business date (YYYY-MM-DD) that acceptance, deadlines and overdue
    /// count from, instead of today's date in Beijing; for rehearsals and tests.
    #[arg(long, env = "ONESTOP_TODAY")]
    pub today: Option<chrono::NaiveDate>,
}

// The variants name the CLI's subcommands (`create-officer`, `create-institution`,
// `create-provider`, `create-admin`): the shared prefix is the contract, not redundancy.
#[allow(clippy::enum_variant_names)]
#[derive(clap::Subcommand)]
pub enum AdminCommand {
    /// Create an officer of one agency
    CreateOfficer {
        #[arg(long)]
        username: String,
        #[arg(long)]
        password: String,
        #[arg(long)]
        agency: String,
        #[arg(long, default_value = "data/run")]
        data: PathBuf,
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Create a financial institution: a lender, the pledgee of IP pledges
    CreateInstitution {
        #[arg(long)]
        username: String,
        #[arg(long)]
        password: String,
        /// Its name as the public pledge register shows it (default: the username)
        #[arg(long, default_value = "")]
        display_name: String,
        #[arg(long, default_value = "data/run")]
        data: PathBuf,
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Create a service provider that innovation vouchers are redeemed at (001 §28)
    CreateProvider {
        #[arg(long)]
        username: String,
        #[arg(long)]
        password: String,
        /// Where it works: beijing, tianjin or hebei
        #[arg(long)]
        region: String,
        /// Its name as holders and settlements show it (default: the username)
        #[arg(long, default_value = "")]
        display_name: String,
        #[arg(long, default_value = "data/run")]
        data: PathBuf,
        #[arg(long)]
        database_url: Option<String>,
    },
    /// Create an administrator
    CreateAdmin {
        #[arg(long)]
        username: String,
        #[arg(long)]
        password: String,
        #[arg(long, default_value = "data/run")]
        data: PathBuf,
        #[arg(long)]
        database_url: Option<String>,
    },
}

/// The engine and the reform page's simulator over one read of the rules: one
/// checked `Program`, shared.
pub(crate) fn engine_and_simulator(
    rules: Option<PathBuf>,
) -> Result<(Arc<Engine>, Option<Arc<crate::analyst::BatchSimulator>>), String> {
    let rules = crate::rules::Rules::load(rules)?;
    let engine = Arc::new(Engine::shared(rules.program.clone()));
    let simulator = crate::analyst::BatchSimulator::new(&rules)
        .map(Arc::new)
        .map_err(|e| eprintln!("warning: the reform page is off: {e}"))
        .ok();
    Ok((engine, simulator))
}

pub fn serve(a: ServeArgs) -> Result<ExitCode, String> {
    let (engine, simulator) = engine_and_simulator(a.rules.clone())?;
    let simulator = simulator.map(|s| s as Arc<dyn onestop_web::analyst::Simulator>);
    eprintln!(
        "rules: read and checked {} time(s), one program shared by the engine and the reform page",
        crate::rules::loads()
    );
    let url = database_url(a.database_url, &a.data, IfMissing::Create)?;
    if let Some(key) = &a.ledger_key {
        // SAFETY: set before the runtime starts, while this is the only thread.
        unsafe { std::env::set_var("ONESTOP_LEDGER_KEY", key) };
    }
    if a.production {
        production_checks(&url, a.demo)?;
    }
    if let Some(day) = a.today {
        onestop_store::set_today(day);
        eprintln!("business date fixed at {day} (--today / ONESTOP_TODAY)");
    }
    // The operator's holiday notices: a bad file stops the start, it is never half-read.
    let calendar = Arc::new(crate::calendar::load(&a.data)?);
    let calendar_dir = a.data.join(onestop_calendar::DATA_SUBDIR);
    let coverage = crate::calendar::coverage_lines(&calendar, onestop_store::today());
    onestop_calendar::install(calendar);
    // Services and the access policy: the operator's in --data, else the shipped ones;
    // a bad file stops the start with its diagnostics.
    let services_file = a.data.join(onestop_cases::services::DATA_FILE);
    let (services_name, services) = crate::services::check(
        services_file.is_file().then_some(services_file.as_path()),
        &engine.program,
    )?;
    let authz = onestop_store::authz::Authz::load(&a.data)?;
    // The log's witnesses (DATA/witnesses.toml): a bad file stops the start.
    let witnesses = onestop_register::witness::Witnesses::load(&a.data)?;
    // Notifications (DATA/notify.toml, ONESTOP_SMTP_*): a bad file stops the start.
    let notify_settings = onestop_notify::Settings::load(&a.data)?;
    // ---- issue 16: consultation's time limits (DATA/consultation.toml): a bad file stops the start.
    let (consult_name, consult_limits) = onestop_consult::config::Limits::load(&a.data)?;
    let consult_line = format!(
        "consultation: {consult_name} (answers due in {} working days)",
        consult_limits.answer_working_days
    );
    onestop_consult::config::install(consult_limits);
    // Who speaks for which responsible organisation (DATA/tracker.toml, checked against
    // the services file's agencies): the tracker's officers and consultation's routing.
    let agency_ids: Vec<&str> = services.agencies.keys().map(String::as_str).collect();
    onestop_tracker::config::install(onestop_tracker::config::TrackerConfig::load(
        &a.data,
        &agency_ids,
    )?);
    let rules_label = crate::rules::rules_dir(a.rules.clone())?
        .display()
        .to_string();
    let witnesses_line = if witnesses.list.is_empty() {
        "witnesses: none (receipts need the log's signature only)".to_string()
    } else {
        format!(
            "witnesses: {} (a receipt needs {} cosignatures)",
            witnesses
                .list
                .iter()
                .map(|w| w.name.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            witnesses.quorum
        )
    };
    let rt = runtime()?;
    rt.block_on(async move {
        let mut cases = CaseService::open_with(&url, engine.clone(), services, authz)
            .await
            .map_err(|e| format!("cannot open the database {url}: {e}"))?;
        cases.calendar_dir = Some(calendar_dir.clone());
        cases.witnesses = witnesses;
        tokio::spawn(watch_calendar(calendar_dir));
        if a.demo {
            seed_demo(&cases).await?;
        }
        let portal =
            onestop_web::Portal::new().map_err(|e| format!("cannot start the portal: {e}"))?;
        let cases = Arc::new(cases);
        let notify_line = notify_settings.startup_line();
        // Policy finds the applicant: every profile matched again when one changes.
        tokio::spawn(crate::notify::watch_profiles(
            cases.clone(),
            notify_settings,
            rules_label,
        ));
        let state = onestop_web::AppState {
            engine,
            cases,
            portal: Arc::new(portal),
            simulator,
            throttle: Arc::new(onestop_web::security::LoginThrottle::default()),
            secure_cookies: a.secure_cookies,
        };
        let listener = tokio::net::TcpListener::bind((a.host.as_str(), a.port))
            .await
            .map_err(|e| {
                format!(
                    "cannot listen on {}:{}: {e}; is another server running? try --port",
                    a.host, a.port
                )
            })?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        // Written, not `println!`: a server whose standard output was closed by whoever
        // started it keeps serving instead of panicking on its next line.
        let say = |line: String| {
            use std::io::Write;
            let _ = writeln!(std::io::stdout(), "{line}");
        };
        say(format!(
            "onestop is serving on http://{addr}  (database: {})",
            redact(&url)
        ));
        say(format!("API description: http://{addr}/openapi.json"));
        for line in coverage {
            say(line);
        }
        say(format!("services: {services_name}"));
        say(witnesses_line);
        say(notify_line);
        say(consult_line);
        // With the peer's address, so sign-in failures are also counted per client address.
        axum::serve(
            listener,
            onestop_web::router(state)
                .into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(|e| format!("server error: {e}"))?;
        Ok(ExitCode::SUCCESS)
    })
}

/// What a real deployment must not run with.
fn production_checks(url: &str, demo: bool) -> Result<(), String> {
    if demo {
        return Err(
            "--production refuses --demo: the demonstration accounts have a published password"
                .into(),
        );
    }
    let key = std::env::var("ONESTOP_LEDGER_KEY")
        .ok()
        .filter(|k| !k.is_empty());
    let db_file = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .map(|p| p.split('?').next().unwrap_or(p));
    let Some(key) = key else {
        return Err("--production needs the ledger's signing key outside the database's directory: pass --ledger-key PATH (or ONESTOP_LEDGER_KEY)".into());
    };
    if let Some(db_file) = db_file {
        let dir = |p: &Path| {
            let abs = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
            abs.parent().map(Path::to_path_buf)
        };
        if dir(Path::new(db_file)).is_some() && dir(Path::new(db_file)) == dir(Path::new(&key)) {
            return Err(format!(
                "--production refuses the signing key {key} in the database's directory: whoever copies the database must not get the key; keep it elsewhere (--ledger-key)"
            ));
        }
    }
    Ok(())
}

/// A notice loaded with `onestop calendar import` while the server runs: the files
/// change, so the calendar is reloaded; a bad file is reported and the old one kept.
async fn watch_calendar(dir: PathBuf) {
    let fingerprint = |dir: &Path| -> Vec<(PathBuf, u64, Option<std::time::SystemTime>)> {
        let mut v: Vec<_> = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let m = e.metadata().ok()?;
                Some((e.path(), m.len(), m.modified().ok()))
            })
            .collect();
        v.sort();
        v
    };
    let mut seen = fingerprint(&dir);
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3));
    loop {
        tick.tick().await;
        let now = fingerprint(&dir);
        if now == seen {
            continue;
        }
        seen = now;
        match onestop_calendar::Calendar::load_dir(&dir) {
            Ok(cal) => {
                let c = cal.coverage(onestop_store::today());
                onestop_calendar::install(Arc::new(cal));
                eprintln!(
                    "working-day calendar reloaded from {}: official until {}",
                    dir.display(),
                    c.official_until
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "-".into())
                );
            }
            Err(e) => {
                eprintln!("{e}\nthe working-day calendar was not reloaded; the one in use stays")
            }
        }
    }
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

/// Demonstration accounts for a fresh embedded database: one officer per agency and
/// two applicants whose profiles come from `data/samples/`.
async fn seed_demo(cases: &CaseService) -> Result<(), String> {
    let existing: i64 = sqlx_count(cases).await?;
    if existing > 0 {
        return Ok(());
    }
    const PASSWORD: &str = "onestop-demo";
    let e = |e: onestop_store::ServiceError| e.to_string();
    cases
        .create_account("admin", PASSWORD, Role::Admin, None, None, "Administrator")
        .await
        .map_err(e)?;
    let agencies: Vec<String> = cases.services.agencies.keys().cloned().collect();
    for agency in &agencies {
        cases
            .create_account(
                &format!("officer-{agency}"),
                PASSWORD,
                Role::Officer,
                Some(agency),
                None,
                &format!("Officer ({agency})"),
            )
            .await
            .map_err(e)?;
    }
    // A service provider in Tianjin: innovation vouchers of all three regions are
    // redeemed there (001 §28).
    cases
        .create_provider(
            "demo-provider",
            PASSWORD,
            "Tianjin Binhai Testing Centre",
            "tianjin",
        )
        .await
        .map_err(e)?;
    for (user, entity, sample) in [
        ("demo-enterprise", "enterprise", "enterprise"),
        ("demo-person", "person", "person"),
    ] {
        let account = cases
            .create_account(user, PASSWORD, Role::Applicant, None, Some(entity), user)
            .await
            .map_err(e)?;
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../../data/samples/{sample}.json"));
        if let Ok(text) = std::fs::read_to_string(&path)
            && let Ok(json) = serde_json::from_str::<serde_json::Value>(&text)
        {
            cases
                .set_profile(&account, &json["facts"])
                .await
                .map_err(e)?;
        }
    }
    // A lender, the pledgee of the demonstration's IP pledges.
    cases
        .create_account(
            "demo-bank",
            PASSWORD,
            Role::FinancialInstitution,
            None,
            None,
            "Demo Bank of Beijing",
        )
        .await
        .map_err(e)?;
    println!(
        "created demonstration accounts (password `{PASSWORD}`): admin, demo-enterprise, demo-person, demo-bank, demo-provider, {}",
        agencies
            .iter()
            .map(|a| format!("officer-{a}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(())
}

async fn sqlx_count(cases: &CaseService) -> Result<i64, String> {
    cases.account_count().await.map_err(|e| e.to_string())
}

pub fn admin(cmd: AdminCommand) -> Result<ExitCode, String> {
    let engine = Arc::new(Engine::shared(crate::rules::Rules::load(None)?.program));
    let (username, password, role, agency, data, url, display_name) = match cmd {
        AdminCommand::CreateOfficer {
            username,
            password,
            agency,
            data,
            database_url,
        } => (
            username,
            password,
            Role::Officer,
            Some(agency),
            data,
            database_url,
            String::new(),
        ),
        AdminCommand::CreateInstitution {
            username,
            password,
            display_name,
            data,
            database_url,
        } => (
            username,
            password,
            Role::FinancialInstitution,
            None,
            data,
            database_url,
            display_name,
        ),
        AdminCommand::CreateAdmin {
            username,
            password,
            data,
            database_url,
        } => (
            username,
            password,
            Role::Admin,
            None,
            data,
            database_url,
            String::new(),
        ),
        AdminCommand::CreateProvider {
            username,
            password,
            region,
            display_name,
            data,
            database_url,
        } => {
            return create_provider(
                engine,
                &username,
                &password,
                &region,
                &display_name,
                &data,
                database_url,
            );
        }
    };
    let url = database_url(url, &data, IfMissing::Create)?;
    // The agencies an officer may belong to are the operator's (DIR/services.toml).
    let services = onestop_cases::services::Services::load(&data)?;
    let authz = onestop_store::authz::Authz::load(&data)?;
    runtime()?.block_on(async move {
        let cases = CaseService::open_with(&url, engine, services, authz)
            .await
            .map_err(|e| format!("cannot open the database {}: {e}", redact(&url)))?;
        let a = cases
            .create_account(
                &username,
                &password,
                role,
                agency.as_deref(),
                None,
                if display_name.trim().is_empty() {
                    &username
                } else {
                    &display_name
                },
            )
            .await
            .map_err(|e| e.to_string())?;
        println!(
            "created {} `{}`{}",
            a.role.as_str(),
            a.username,
            a.agency
                .map(|g| format!(" of agency `{g}`"))
                .unwrap_or_default()
        );
        Ok(ExitCode::SUCCESS)
    })
}

/// `onestop admin create-provider`: a provider's account with its region.
fn create_provider(
    engine: Arc<Engine>,
    username: &str,
    password: &str,
    region: &str,
    name: &str,
    data: &Path,
    url: Option<String>,
) -> Result<ExitCode, String> {
    let url = database_url(url, data, IfMissing::Create)?;
    let services = onestop_cases::services::Services::load(data)?;
    let authz = onestop_store::authz::Authz::load(data)?;
    runtime()?.block_on(async move {
        let cases = CaseService::open_with(&url, engine, services, authz)
            .await
            .map_err(|e| format!("cannot open the database {}: {e}", redact(&url)))?;
        let (a, p) = cases
            .create_provider(username, password, name, region)
            .await
            .map_err(|e| e.to_string())?;
        println!("created provider `{}` in {}", a.username, p.region);
        Ok(ExitCode::SUCCESS)
    })
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    /// `serve` reads and checks the rules once; the engine and the reform page
    /// hold the same program.
    #[test]
    fn the_rules_are_read_once_and_shared() {
        let before = crate::rules::loads_on_this_thread();
        let (engine, simulator) = super::engine_and_simulator(None).expect("the shipped rules");
        assert_eq!(crate::rules::loads_on_this_thread() - before, 1);
        let simulator = simulator.expect("the reform page");
        assert!(Arc::ptr_eq(&engine.program, simulator.baseline()));
    }
}
