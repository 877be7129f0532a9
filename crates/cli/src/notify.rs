//! `onestop notify run | preview | bench` and the matching loop of `serve`: the
//! matching run of `onestop-notify` with the population engine as its evaluator
//! (`matching.rs`), then the e-mail outbox when an SMTP server is configured.

use crate::database::{IfMissing, database_url, redact};
use crate::format::Format;
use crate::runtime::runtime;
use onestop_cases::CaseService;
use onestop_lang::Program;
use onestop_notify::evaluate::{Evaluator, ScalarEvaluator};
use onestop_notify::mail::{Delivery, Mailer};
use onestop_notify::{RunKind, RunOptions, RunReport, Settings};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

#[derive(clap::Subcommand)]
pub enum NotifyCommand {
    /// Evaluate every stored profile in one batch, notify each new or lost
    /// eligibility and each approaching deadline, then send the e-mails
    Run(RunArgs),
    /// Count how many stored profiles each measure of a draft of the rules would
    /// reach (before it is published); notifies nobody
    Preview(RunArgs),
    /// Benchmark: store N synthetic enterprise profiles in a fresh SQLite database,
    /// then match them all in one run (twice: everything new, then nothing changed)
    Bench(BenchArgs),
}

#[derive(Clone, Copy, clap::ValueEnum, PartialEq, Eq)]
pub enum EvaluatorChoice {
    /// The population engine (DataFusion), one plan per entity
    Batch,
    /// The scalar engine on every core
    Scalar,
}

fn evaluator(choice: EvaluatorChoice) -> Box<dyn Evaluator> {
    match choice {
        EvaluatorChoice::Batch => Box::new(crate::matching::BatchEvaluator),
        EvaluatorChoice::Scalar => Box::new(ScalarEvaluator),
    }
}

#[derive(clap::Args)]
pub struct RunArgs {
    /// Data directory (database, notify.toml, services.toml, access.cedar)
    #[arg(long, default_value = "data/run")]
    data: PathBuf,
    #[arg(long)]
    database_url: Option<String>,
    /// The rules in force (run) or the draft (preview); default: rules/
    #[arg(long)]
    rules: Option<PathBuf>,
    /// A reform applied to those rules (a shipped reform's id or a .reform file)
    #[arg(long)]
    reform: Option<String>,
    /// Decision date, YYYY-MM-DD (default: the business date)
    #[arg(long, env = "ONESTOP_TODAY")]
    date: Option<chrono::NaiveDate>,
    #[arg(long, value_enum, default_value = "batch")]
    evaluator: EvaluatorChoice,
    /// Write the notifications but send no e-mail now
    #[arg(long)]
    no_mail: bool,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
}

#[derive(clap::Args)]
pub struct BenchArgs {
    #[arg(long, default_value_t = 100_000)]
    profiles: usize,
    /// Where the benchmark's database is made (removed first)
    #[arg(long, default_value = "target/bench-matching")]
    dir: PathBuf,
    #[arg(long, value_enum, default_value = "batch")]
    evaluator: EvaluatorChoice,
}

pub fn run(cmd: NotifyCommand) -> Result<ExitCode, String> {
    match cmd {
        NotifyCommand::Run(a) => run_command(a, RunKind::Live),
        NotifyCommand::Preview(a) => run_command(a, RunKind::Preview),
        NotifyCommand::Bench(a) => bench(a),
    }
}

/// One run and, for a live run with e-mail configured, the outbox.
pub(crate) async fn run_once(
    cases: &CaseService,
    program: &Arc<Program>,
    published: &Program,
    evaluator: &dyn Evaluator,
    opts: &RunOptions,
    settings: &Settings,
    mail: bool,
) -> Result<(RunReport, Option<Delivery>), String> {
    let report = onestop_notify::run(cases, program, published, evaluator, opts)
        .await
        .map_err(|e| format!("the matching run failed: {e}"))?;
    let delivery = match (&settings.smtp, mail && opts.kind == RunKind::Live) {
        (Some(smtp), true) => {
            let mailer = Mailer::new(smtp)?;
            Some(
                onestop_notify::mail::deliver(cases, &mailer, &settings.base_url)
                    .await
                    .map_err(|e| format!("sending e-mail failed: {e}"))?,
            )
        }
        _ => None,
    };
    Ok((report, delivery))
}

fn summary(r: &RunReport, d: Option<&Delivery>) -> String {
    let mut s = format!(
        "{} run {} ({}; rules {}, {}): {} profile(s) on {} in {:.3}s (evaluation {:.3}s, {:.0} profiles/s); {} gained, {} lost, {} deadline(s), {} notification(s)",
        r.kind.as_str(),
        r.id,
        r.label,
        &r.rules_version[..r.rules_version.len().min(12)],
        r.evaluator,
        r.profiles,
        r.date,
        r.seconds,
        r.evaluate_seconds,
        r.profiles as f64 / r.evaluate_seconds.max(1e-9),
        r.gained,
        r.lost,
        r.deadlines,
        r.notifications
    );
    if r.skipped > 0 {
        s.push_str(&format!(
            "\n{} profile(s) do not fit the rules and were left out, e.g. {}",
            r.skipped,
            r.skipped_examples.join("; ")
        ));
    }
    if let Some(d) = d {
        s.push_str(&format!("\ne-mail: {} sent, {} failed", d.sent, d.failed));
        for e in &d.errors {
            s.push_str(&format!("\n  {e}"));
        }
    }
    s
}

fn run_command(a: RunArgs, kind: RunKind) -> Result<ExitCode, String> {
    let rules = crate::rules::Rules::load(a.rules.clone())?;
    let program = rules.program_with(a.reform.as_deref())?;
    // A preview is compared with the rules in force (the shipped or ./rules).
    let published = match kind {
        RunKind::Live => program.clone(),
        RunKind::Preview => crate::rules::Rules::load(None)?.program,
    };
    let label = match (&a.reform, kind) {
        (Some(r), _) => format!("{} + reform {r}", rules.dir.display()),
        (None, _) => rules.dir.display().to_string(),
    };
    let url = database_url(a.database_url, &a.data, IfMissing::Refuse)?;
    let services = onestop_cases::services::Services::load(&a.data)?;
    let authz = onestop_store::authz::Authz::load(&a.data)?;
    let settings = Settings::load(&a.data)?;
    let calendar = Arc::new(crate::calendar::load(&a.data)?);
    onestop_calendar::install(calendar);
    if let Some(day) = a.date {
        onestop_store::set_today(day);
    }
    let engine = Arc::new(onestop_engine::Engine::shared(program.clone()));
    let ev = evaluator(a.evaluator);
    runtime()?.block_on(async move {
        let cases = CaseService::open_with(&url, engine, services, authz)
            .await
            .map_err(|e| format!("cannot open the database {}: {e}", redact(&url)))?;
        let opts = RunOptions {
            kind,
            label,
            date: onestop_store::today(),
            deadline_days: settings.deadline_days,
        };
        if kind == RunKind::Live && !a.no_mail {
            eprintln!("{}", settings.startup_line());
        }
        let (report, delivery) = run_once(
            &cases,
            &program,
            &published,
            ev.as_ref(),
            &opts,
            &settings,
            !a.no_mail,
        )
        .await?;
        match a.format {
            Format::Json => println!("{}", serde_json::json!({"run": report, "email": delivery})),
            Format::Text => println!("{}", summary(&report, delivery.as_ref())),
        }
        Ok(ExitCode::SUCCESS)
    })
}

/// What `serve` watches: the profiles (how many, the latest change) and the
/// business date (deadlines move with it).
async fn fingerprint(cases: &CaseService) -> Result<(i64, Option<String>, String), String> {
    use sqlx::Row;
    let row = sqlx::query("SELECT COUNT(*) AS n, MAX(updated_at) AS last FROM profiles")
        .fetch_one(&cases.db.pool)
        .await
        .map_err(|e| e.to_string())?;
    Ok((
        row.try_get("n").map_err(|e| e.to_string())?,
        row.try_get("last").map_err(|e| e.to_string())?,
        onestop_store::today().to_string(),
    ))
}

/// `serve`'s matching: a run at start (the rules may have changed since the last
/// one), then one whenever a profile changes or the business date moves, looked
/// for every `interval_seconds`. Runs never overlap; a failed run is reported and
/// tried again at the next change.
pub(crate) async fn watch_profiles(cases: Arc<CaseService>, settings: Settings, label: String) {
    let program = cases.engine.program.clone();
    let ev = crate::matching::BatchEvaluator;
    let mut last = None;
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(settings.interval_seconds));
    loop {
        tick.tick().await;
        let now = match fingerprint(&cases).await {
            Ok(f) => f,
            Err(e) => {
                eprintln!("matching: cannot read the profiles: {e}");
                continue;
            }
        };
        if last.as_ref() == Some(&now) {
            continue;
        }
        let opts = RunOptions {
            kind: RunKind::Live,
            label: label.clone(),
            date: onestop_store::today(),
            deadline_days: settings.deadline_days,
        };
        match run_once(&cases, &program, &program, &ev, &opts, &settings, true).await {
            Ok((r, d)) => {
                last = Some(now);
                if r.notifications > 0 || d.as_ref().is_some_and(|d| d.failed > 0) {
                    eprintln!("{}", summary(&r, d.as_ref()));
                }
            }
            Err(e) => eprintln!("matching: {e}"),
        }
    }
}

fn bench(a: BenchArgs) -> Result<ExitCode, String> {
    use rand::{Rng, SeedableRng};
    let rules = crate::rules::Rules::load(None)?;
    let program = rules.program.clone();
    let _ = std::fs::remove_dir_all(&a.dir);
    std::fs::create_dir_all(&a.dir).map_err(|e| format!("{}: {e}", a.dir.display()))?;
    let url = format!("sqlite://{}", a.dir.join("bench.db").display());
    let sample: serde_json::Value =
        serde_json::from_str(include_str!("../../../data/samples/enterprise.json"))
            .map_err(|e| e.to_string())?;
    let base = sample["facts"].as_object().cloned().unwrap_or_default();
    let engine = Arc::new(onestop_engine::Engine::shared(program.clone()));
    let ev = evaluator(a.evaluator);
    let n = a.profiles;
    runtime()?.block_on(async move {
        let cases = CaseService::open(&url, engine)
            .await
            .map_err(|e| format!("cannot open {url}: {e}"))?;
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(16);
        let industries = ["integrated_circuits", "artificial_intelligence", "biomedicine", "key_materials", "software_it", "other_industry"];
        let t = std::time::Instant::now();
        let mut tx = cases.db.pool.begin().await.map_err(|e| e.to_string())?;
        let created = onestop_store::now();
        for start in (0..n).step_by(500) {
            let end = (start + 500).min(n);
            let mut accounts = String::from("INSERT INTO accounts (id, username, password_hash, role, agency, entity, display_name, created_at) VALUES ");
            let mut profiles = String::from("INSERT INTO profiles (account_id, facts, updated_at) VALUES ");
            let mut rows = Vec::new();
            for i in start..end {
                let mut f = base.clone();
                f.insert("tech_transfer_income".into(), format!("{}.00", rng.random_range(0..40_000_000u64)).into());
                f.insert("rd_expenses_domestic_last_3_years".into(), format!("{}.00", rng.random_range(10_000_000..39_000_000u64)).into());
                f.insert("industry".into(), industries[rng.random_range(0..industries.len())].into());
                f.insert("registration_date".into(), format!("20{:02}-03-15", rng.random_range(10..25)).into());
                f.insert("is_high_tech_enterprise".into(), rng.random_bool(0.6).into());
                f.insert("employees_total".into(), rng.random_range(5..2000).into());
                let k = i - start;
                if k > 0 {
                    accounts.push(',');
                    profiles.push(',');
                }
                accounts.push_str(&format!("(${}, ${}, 'x', 'applicant', NULL, 'enterprise', ${}, ${})", 4 * k + 1, 4 * k + 2, 4 * k + 3, 4 * k + 4));
                profiles.push_str(&format!("(${}, ${}, ${})", 3 * k + 1, 3 * k + 2, 3 * k + 3));
                rows.push((format!("bench-{i:07}"), serde_json::Value::Object(f).to_string()));
            }
            let mut q = sqlx::query(sqlx::AssertSqlSafe(accounts));
            for (id, _) in &rows {
                q = q.bind(id).bind(id).bind(id).bind(&created);
            }
            q.execute(&mut *tx).await.map_err(|e| e.to_string())?;
            let mut q = sqlx::query(sqlx::AssertSqlSafe(profiles));
            for (id, facts) in &rows {
                q = q.bind(id).bind(facts).bind(&created);
            }
            q.execute(&mut *tx).await.map_err(|e| e.to_string())?;
        }
        tx.commit().await.map_err(|e| e.to_string())?;
        eprintln!("stored {n} profiles in {:.1}s", t.elapsed().as_secs_f64());
        let opts = RunOptions {
            kind: RunKind::Live,
            label: "bench".into(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap_or_default(),
            deadline_days: 7,
        };
        let settings = Settings::default();
        for what in ["first run (every eligibility new)", "second run (nothing changed)"] {
            let (r, _) = run_once(&cases, &program, &program, ev.as_ref(), &opts, &settings, false).await?;
            println!("{what}: {}", summary(&r, None));
            println!(
                "  {:.0} profiles/s over the whole run, {:.0} profiles/s in the evaluation",
                r.profiles as f64 / r.seconds.max(1e-9),
                r.profiles as f64 / r.evaluate_seconds.max(1e-9)
            );
        }
        Ok(ExitCode::SUCCESS)
    })
}
