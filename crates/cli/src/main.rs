//! `onestop`: check, test and evaluate the rules; list the measures.
//!
//! The binary is the top of the stack: it may use every crate; none may use it.

// mimalloc rather than glibc's malloc: under load the JSON API spent about a third of
// its time in glibc's allocator (BENCHMARKS.md), and DataFusion allocates per batch.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc hands freed memory back to the OS after 10 ms; a population run frees and
/// allocates its column buffers every batch, so the kernel spent about 8% of the run
/// zeroing fresh pages (`perf`: `clear_page_erms`). One second keeps them for reuse.
/// `MIMALLOC_PURGE_DELAY` in the environment still wins.
fn tune_allocator() {
    // `mi_option_purge_delay` in mimalloc.h (v2 and v3); the sys crate names no constant.
    const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: stores an option value; mimalloc reads it at its next purge.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 1000) }
    }
}

mod analyst;
mod calendar;
mod database;
mod doubts;
mod format;
mod ledger;
mod matching;
mod notify;
mod population;
mod rules;
mod runtime;
mod serve;
mod services;
mod simulate;
// ---- issue 16: statistical monitoring ----
mod statistics;
mod witness;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use format::Format;
use onestop_engine::explain::output_name;
use onestop_engine::explain::{Lang, render_explanation, render_summary};
use onestop_engine::report::{evaluation_to_json, val_to_json};
use onestop_engine::testing::run_tests;
use onestop_engine::{Engine, EvalOptions, Evaluation, Facts, facts_from_json};
use onestop_lang::{RuleSet, Severity, render_all};
use rules::rules_dir;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(Parser)]
#[command(
    name = "onestop",
    version,
    about = "Beijing science and technology policies as executable rules"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the rules: syntax, names, types, cycles, citations, parameter dates.
    Check {
        /// Rules directory (default: ./rules)
        dir: Option<PathBuf>,
        /// Treat warnings as errors.
        #[arg(long)]
        deny_warnings: bool,
        /// Also list every `uncertain` and `placeholder` mark: file:line, what, reason.
        #[arg(long)]
        uncertain: bool,
    },
    /// Run the rule tests (.test files) beside the rules.
    Test {
        dir: Option<PathBuf>,
        /// Run only tests whose name contains this text.
        #[arg(long)]
        filter: Option<String>,
    },
    /// List every measure of the source documents, computable or not.
    Measures {
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// List the facts an entity's measures take.
    Inputs {
        #[arg(long)]
        entity: String,
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[arg(long)]
        rules: Option<PathBuf>,
    },
    /// Evaluate the measures for one entity's facts.
    Eval(EvalArgs),
    /// Evaluate and explain every step: definitions, exceptions, parameters and their sources.
    Explain(EvalArgs),
    /// Run the one-window service and its JSON API (embedded SQLite by default).
    Serve(serve::ServeArgs),
    /// The working-day calendar: which years are official, and loading next year's holiday notice.
    #[command(subcommand)]
    Calendar(calendar::CalendarCommand),
    /// The one-window services as operating data: check a services file.
    #[command(subcommand)]
    Services(services::ServicesCommand),
    /// Create officer and administrator accounts.
    #[command(subcommand)]
    Admin(serve::AdminCommand),
    /// The verifiable register: verify licences and receipts offline, check a stored log, audit two signed heads.
    #[command(subcommand)]
    Ledger(ledger::LedgerCommand),
    /// Synthetic populations, and whole populations evaluated through every measure.
    #[command(subcommand)]
    Population(population::PopulationCommand),
    /// A reform against the baseline over a whole population: winners, losers, cost, charts.
    Simulate(simulate::SimulateArgs),
    /// Policy finds the applicant: match every stored profile, notify changes and deadlines.
    #[command(subcommand)]
    Notify(notify::NotifyCommand),
    /// Statistical monitoring: validate and import an agency's table (CSV or Parquet).
    #[command(subcommand)]
    Statistics(statistics::StatisticsCommand),
    /// Ballista cluster processes that run onestop's plans: a scheduler, executors.
    #[cfg(feature = "cluster")]
    #[command(subcommand)]
    Cluster(onestop_cluster::cli::ClusterCommand),
}

#[derive(clap::Args)]
struct EvalArgs {
    /// enterprise, person or project
    #[arg(long)]
    entity: Option<String>,
    /// JSON file of facts (`-` for standard input)
    #[arg(long)]
    facts: PathBuf,
    /// Decision date, YYYY-MM-DD (default: today)
    #[arg(long)]
    date: Option<String>,
    /// Only these measures (repeatable)
    #[arg(long)]
    measure: Vec<String>,
    /// A reform: a shipped reform id or a .reform file; shown beside the baseline
    #[arg(long)]
    reform: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Language of text output: en, zh, ko, ru, es or ar
    #[arg(long, default_value = "en")]
    lang: String,
    #[arg(long)]
    rules: Option<PathBuf>,
    /// The service's data directory: holiday notices loaded into DIR/calendar count too
    #[arg(long, default_value = "data/run")]
    data: PathBuf,
}

/// A reader that went away (`onestop measures | head -1`) is not an error: like
/// ripgrep, exit quietly with 0 instead of panicking in `println!`.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if text.contains("failed printing to stdout") && text.contains("Broken pipe") {
            std::process::exit(0);
        }
        default(info);
    }));
}

fn main() -> ExitCode {
    tune_allocator();
    quiet_on_broken_pipe();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check {
            dir,
            deny_warnings,
            uncertain,
        } => cmd_check(dir, deny_warnings, uncertain),
        Command::Test { dir, filter } => cmd_test(dir, filter),
        Command::Measures { format, rules } => cmd_measures(format, rules),
        Command::Inputs {
            entity,
            format,
            rules,
        } => cmd_inputs(&entity, format, rules),
        Command::Eval(a) => cmd_eval(a, false),
        Command::Explain(a) => cmd_eval(a, true),
        Command::Serve(a) => serve::serve(a),
        Command::Calendar(c) => calendar::run(c),
        Command::Services(c) => services::run(c),
        Command::Admin(c) => serve::admin(c),
        Command::Ledger(c) => ledger::run(c),
        Command::Notify(c) => notify::run(c),
        Command::Population(c) => population::run(c),
        Command::Simulate(a) => simulate::run(a),
        Command::Statistics(c) => statistics::run(c),
        #[cfg(feature = "cluster")]
        Command::Cluster(c) => onestop_cluster::cli::run(c),
    };
    match result {
        Ok(code) => code,
        Err(msg) => {
            eprintln!("error: {msg}");
            ExitCode::from(2)
        }
    }
}

fn cmd_check(
    dir: Option<PathBuf>,
    deny_warnings: bool,
    uncertain: bool,
) -> Result<ExitCode, String> {
    let start = Instant::now();
    let dir = rules_dir(dir)?;
    let set = RuleSet::load_dir(&dir)?;
    let (program, mut diags) = set.check(None);
    // Every shipped reform must apply cleanly too.
    if program.is_some() {
        for (i, r) in set.reforms.iter().enumerate() {
            let (_, rd) = set.check(Some(i));
            diags.extend(rd.into_iter().filter(|d| d.is_error()).map(|mut d| {
                d.message = format!("with reform `{}`: {}", r.id, d.message);
                d
            }));
        }
    }
    // Test files are parsed with the rules; their syntax errors are already in `diags`.
    let errors = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = diags.len() - errors;
    print!("{}", render_all(&diags, &set.sources));
    let files = set.sources.len();
    println!(
        "checked {files} files in {:.0?}: {errors} error(s), {warnings} warning(s)",
        start.elapsed()
    );
    if let Some(p) = &program {
        println!(
            "{} measures, {} definitions, {} parameters, {} inputs; rules version {}",
            p.measures.len(),
            p.defs.len(),
            p.params.len(),
            p.inputs.len(),
            p.version
        );
        if uncertain {
            print!("{}", doubts::listing(p));
        }
    }
    Ok(if errors > 0 || (deny_warnings && warnings > 0) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn cmd_test(dir: Option<PathBuf>, filter: Option<String>) -> Result<ExitCode, String> {
    let rules = rules::Rules::load(dir)?;
    let outcomes = run_tests(&rules.set, rules.program.clone(), filter.as_deref());
    let mut failed = 0;
    for o in &outcomes {
        if !o.passed() {
            failed += 1;
            println!("FAIL {} ({})", o.name, o.location);
            for f in &o.failures {
                println!("  {f}");
            }
        }
    }
    let passed = outcomes.len() - failed;
    println!("{passed} passed, {failed} failed");
    Ok(if failed > 0 || outcomes.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn cmd_measures(format: Format, rules: Option<PathBuf>) -> Result<ExitCode, String> {
    let catalog = onestop_catalog::embedded();
    let program = rules::Rules::load(rules)?.program;
    let mut rows = Vec::new();
    for m in &catalog.measures {
        let computable = program.measure(&m.id).is_some();
        rows.push(serde_json::json!({
            "id": m.id,
            "title": { "en": m.title.en, "zh": m.title.zh },
            "source": m.sources.join("; "),
            "computable": computable,
            "group": m.group,
            "kinds": m.kinds,
            "status": m.status,
            "responsible": m.responsible,
            "completion": m.completion,
        }));
    }
    // Measures in the rules that the catalogue lacks are a defect; show them rather than hide them.
    for m in &program.measures {
        if catalog.get(&m.id).is_none() {
            rows.push(serde_json::json!({
                "id": m.id,
                "title": { "en": m.title.best("en"), "zh": m.title.best("zh") },
                "source": m.cites.iter().map(|c| c.text.clone()).collect::<Vec<_>>().join("; "),
                "computable": true,
            }));
        }
    }
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
        ),
        Format::Text => {
            for r in &rows {
                println!(
                    "{:<42} {:<4} {}",
                    r["id"].as_str().unwrap_or(""),
                    if r["computable"] == true { "rule" } else { "" },
                    r["title"]["en"].as_str().unwrap_or("")
                );
            }
            let n = rows.iter().filter(|r| r["computable"] == true).count();
            println!("{} measures, {n} with rules", rows.len());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn cmd_inputs(entity: &str, format: Format, rules: Option<PathBuf>) -> Result<ExitCode, String> {
    let program = rules::Rules::load(rules)?.program;
    let engine = Engine::shared(program.clone());
    let e = engine.entity(entity)?;
    let rows: Vec<_> = program
        .inputs_of(e)
        .map(|(_, i)| {
            serde_json::json!({
                "name": i.name,
                "type": program.type_name(&i.ty),
                "title": { "en": i.title.best("en"), "zh": i.title.best("zh") },
            })
        })
        .collect();
    match format {
        Format::Json => println!(
            "{}",
            serde_json::to_string_pretty(&rows).map_err(|e| e.to_string())?
        ),
        Format::Text => {
            for r in &rows {
                println!(
                    "{:<36} {:<16} {}",
                    r["name"].as_str().unwrap_or(""),
                    r["type"].as_str().unwrap_or(""),
                    r["title"]["en"].as_str().unwrap_or("")
                );
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Largest facts file read: one applicant's facts are kilobytes; a population
/// belongs in `onestop population eval`.
const MAX_FACTS_BYTES: u64 = 16 << 20;

fn read_json(path: &Path) -> Result<serde_json::Value, String> {
    use std::io::Read;
    let what = if path == Path::new("-") {
        "standard input".to_string()
    } else {
        format!("facts file {}", path.display())
    };
    let source: Box<dyn Read> = if path == Path::new("-") {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|e| format!("cannot read {what}: {e}"))?)
    };
    let mut bytes = Vec::new();
    source
        .take(MAX_FACTS_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {what}: {e}"))?;
    if bytes.len() as u64 > MAX_FACTS_BYTES {
        return Err(format!(
            "{what} is larger than {} MiB; give one applicant's facts (for many, use `onestop population eval`)",
            MAX_FACTS_BYTES >> 20
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{what} is not UTF-8 text (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    serde_json::from_str(&text).map_err(|e| {
        format!(
            "facts file {} is not valid JSON: {e} (line {}, column {})",
            path.display(),
            e.line(),
            e.column()
        )
    })
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date; write YYYY-MM-DD, e.g. 2024-06-30"))
}

fn cmd_eval(a: EvalArgs, explain: bool) -> Result<ExitCode, String> {
    let lang = Lang::parse(&a.lang).ok_or_else(|| {
        format!(
            "unknown language `{}`; use en, zh, ko, ru, es or ar",
            a.lang
        )
    })?;
    if a.data.join(onestop_calendar::DATA_SUBDIR).is_dir() {
        onestop_calendar::install(Arc::new(calendar::load(&a.data)?));
    }
    let dir = rules_dir(a.rules.clone())?;
    let mut json = read_json(&a.facts)?;
    let rules = rules::Rules::load(Some(dir))?;
    // Accept either a bare facts object or {"entity", "date", "facts"}.
    let mut entity_name = a.entity.clone();
    let mut date_text = a.date.clone();
    if let Some(obj) = json.as_object()
        && let Some(inner) = obj.get("facts").filter(|f| f.is_object())
    {
        if entity_name.is_none() {
            entity_name = obj.get("entity").and_then(|e| e.as_str()).map(String::from);
        }
        if date_text.is_none() {
            date_text = obj.get("date").and_then(|e| e.as_str()).map(String::from);
        }
        json = inner.clone();
    }
    let entity_name = entity_name.ok_or("which entity? pass --entity enterprise|person|project")?;
    let date = match date_text {
        Some(d) => parse_date(&d)?,
        None => chrono::Local::now().date_naive(),
    };
    let base = Engine::shared(rules.program.clone());
    let entity = base.entity(&entity_name)?;
    let facts = facts_from_json(&base.program, entity, &json).map_err(|e| e.to_string())?;
    let mut measures = Vec::new();
    for id in &a.measure {
        let m = base.program.measure(id).ok_or_else(|| {
            let hint = onestop_lang::diag::did_you_mean(
                id,
                base.program.measures.iter().map(|m| m.id.as_str()),
            )
            .map(|s| format!("; did you mean `{s}`?"))
            .unwrap_or_else(|| "; `onestop measures` lists them".into());
            format!("unknown measure `{id}`{hint}")
        })?;
        if base.program.measures[m.index()].entity != entity {
            return Err(format!("measure `{id}` is not for {entity_name}"));
        }
        measures.push(m);
    }
    let opts = EvalOptions {
        trace: explain,
        measures: measures.clone(),
    };
    let ev = base.evaluate(&facts, date, &opts);
    let Some(reform) = &a.reform else {
        print_one(&base, &facts, &ev, a.format, explain, lang)?;
        return Ok(ExitCode::SUCCESS);
    };
    let reformed = Engine::new(rules.reformed(reform)?);
    // Same facts, re-read against the reformed program (inputs are unchanged by reforms).
    let rfacts = facts_from_json(&reformed.program, entity, &json).map_err(|e| e.to_string())?;
    let ropts = EvalOptions {
        trace: explain,
        measures: measures
            .iter()
            .filter_map(|m| {
                reformed
                    .program
                    .measure(&base.program.measures[m.index()].id)
            })
            .collect(),
    };
    let rev = reformed.evaluate(&rfacts, date, &ropts);
    match a.format {
        Format::Json => {
            let out = serde_json::json!({
                "entity": entity_name,
                "date": date.to_string(),
                "reform": reformed.program.reform.as_ref().map(|r| r.id.clone()),
                "baseline": evaluation_to_json(&base.program, &ev),
                "reformed": evaluation_to_json(&reformed.program, &rev),
                "differences": differences(&base, &ev, &reformed, &rev),
            });
            println!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
            );
        }
        Format::Text => {
            if explain {
                println!("=== baseline ===");
                print!("{}", render_explanation(&base.program, &facts, &ev, lang));
                println!("=== reform ===");
                print!(
                    "{}",
                    render_explanation(&reformed.program, &rfacts, &rev, lang)
                );
            } else {
                print!("{}", side_by_side(&base, &ev, &reformed, &rev, lang));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_one(
    engine: &Engine,
    facts: &Facts,
    ev: &Evaluation,
    format: Format,
    explain: bool,
    lang: Lang,
) -> Result<(), String> {
    match format {
        Format::Json => {
            let mut out = evaluation_to_json(&engine.program, ev);
            if explain {
                out["explanation"] =
                    serde_json::Value::String(render_explanation(&engine.program, facts, ev, lang));
            }
            println!(
                "{}",
                serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?
            );
        }
        Format::Text if explain => {
            print!("{}", render_explanation(&engine.program, facts, ev, lang))
        }
        Format::Text => print!("{}", render_summary(&engine.program, ev, lang)),
    }
    Ok(())
}

/// Outputs and statuses that differ between baseline and reform.
fn differences(
    base: &Engine,
    ev: &Evaluation,
    reformed: &Engine,
    rev: &Evaluation,
) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for r in &ev.measures {
        let id = &base.program.measures[r.measure.index()].id;
        let Some(rr) = rev
            .measures
            .iter()
            .find(|x| &reformed.program.measures[x.measure.index()].id == id)
        else {
            continue;
        };
        if r.status != rr.status {
            out.push(serde_json::json!({"measure": id, "field": "status", "baseline": r.status.as_str(), "reform": rr.status.as_str()}));
        }
        for ((o, v), (_, rv)) in r.outputs.iter().zip(rr.outputs.iter()) {
            let (b, f) = (
                val_to_json(&base.program, v),
                val_to_json(&reformed.program, rv),
            );
            if b != f {
                out.push(serde_json::json!({"measure": id, "field": output_name(&base.program, o), "baseline": b, "reform": f}));
            }
        }
    }
    out
}

fn side_by_side(
    base: &Engine,
    ev: &Evaluation,
    reformed: &Engine,
    rev: &Evaluation,
    lang: Lang,
) -> String {
    use onestop_engine::explain::{show_val, status_text};
    let mut out = String::new();
    if let Some(r) = &reformed.program.reform {
        out.push_str(&format!(
            "reform: {}  {}\n\n",
            r.id,
            r.title.best(if lang == Lang::Zh { "zh" } else { "en" })
        ));
    }
    for r in &ev.measures {
        let m = &base.program.measures[r.measure.index()];
        let Some(rr) = rev
            .measures
            .iter()
            .find(|x| reformed.program.measures[x.measure.index()].id == m.id)
        else {
            continue;
        };
        out.push_str(&format!("{}\n", m.id));
        out.push_str(&format!(
            "  {:<34} {:<28} {:<28}\n",
            "", "baseline", "reform"
        ));
        let mark = |a: &str, b: &str| if a != b { "  *" } else { "" };
        let (sa, sb) = (status_text(r.status, lang), status_text(rr.status, lang));
        out.push_str(&format!(
            "  {:<34} {:<28} {:<28}{}\n",
            "status",
            sa,
            sb,
            mark(sa, sb)
        ));
        for ((o, v), (_, rv)) in r.outputs.iter().zip(rr.outputs.iter()) {
            let (a, b) = (
                show_val(&base.program, v, lang),
                show_val(&reformed.program, rv, lang),
            );
            out.push_str(&format!(
                "  {:<34} {:<28} {:<28}{}\n",
                output_name(&base.program, o),
                a,
                b,
                mark(&a, &b)
            ));
        }
        out.push('\n');
    }
    out
}
