//! `onestop calendar`: which years the working-day calendar knows officially, and
//! loading the State Council's notice for the next one (each year, in November or
//! December, before deadlines start crossing into it).

use chrono::NaiveDate;
use onestop_calendar::Calendar;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Subcommand)]
pub enum CalendarCommand {
    /// Per year: official (with its notice) or provisional; the last official day and the days left.
    Status {
        /// The service's data directory (as `serve --data`); notices are read from DIR/calendar
        #[arg(long, default_value = "data/run")]
        data: PathBuf,
        /// The day to count from (default: today in Beijing)
        #[arg(long, env = "ONESTOP_TODAY")]
        today: Option<NaiveDate>,
        #[arg(long, value_enum, default_value = "text")]
        format: crate::format::Format,
    },
    /// Validate a notice file without loading it.
    Check {
        /// The notice file (see `docs/calendar.md` for the format)
        file: PathBuf,
    },
    /// Load one year's notice: validated, stored in DIR/calendar, and every open case
    /// with a provisional deadline recounted (each change audited). A bad file changes nothing.
    Import {
        /// The notice file (see `docs/calendar.md` for the format)
        file: PathBuf,
        /// The service's data directory (as `serve --data`)
        #[arg(long, default_value = "data/run")]
        data: PathBuf,
        /// The service's database (sqlite://FILE or postgres://...); default: SQLite in --data. Also DATABASE_URL.
        #[arg(long)]
        database_url: Option<String>,
    },
}

pub fn run(c: CalendarCommand) -> Result<ExitCode, String> {
    match c {
        CalendarCommand::Status {
            data,
            today,
            format,
        } => status(&data, today.unwrap_or_else(onestop_store::today), format),
        CalendarCommand::Check { file } => match onestop_calendar::read_notice_file(&file) {
            Ok(n) => {
                println!(
                    "{}: the {} notice is valid: {} ({} days listed)",
                    file.display(),
                    n.year,
                    n.title,
                    n.days.len()
                );
                Ok(ExitCode::SUCCESS)
            }
            Err(e) => {
                eprintln!("{e}");
                Ok(ExitCode::from(1))
            }
        },
        CalendarCommand::Import {
            file,
            data,
            database_url,
        } => import(&file, &data, database_url),
    }
}

/// The operator's calendar: the shipped notices overlaid by DIR/calendar.
pub fn load(data: &Path) -> Result<Calendar, String> {
    Calendar::load_dir(&data.join(onestop_calendar::DATA_SUBDIR)).map_err(|e| {
        format!("{e}\nthe working-day calendar was not loaded; fix or remove the file")
    })
}

/// One line about official coverage, and a warning when it ends within 60 days.
pub fn coverage_lines(cal: &Calendar, today: NaiveDate) -> Vec<String> {
    let c = cal.coverage(today);
    let mut lines = vec![match c.official_until {
        Some(until) => format!(
            "working-day calendar: official until {until} ({} days left from {today}); from {}-01-01 provisional (statutory holidays)",
            c.days_left, c.next_year
        ),
        None => format!(
            "working-day calendar: no official notice covers {today}; every answer is provisional"
        ),
    }];
    if c.warn() {
        lines.push(format!(
            "warning: official coverage ends in fewer than {} days: load the {} notice when it is published: onestop calendar import {}.csv --data DIR",
            onestop_calendar::COVERAGE_WARNING_DAYS,
            c.next_year,
            c.next_year
        ));
    }
    lines
}

fn status(
    data: &Path,
    today: NaiveDate,
    format: crate::format::Format,
) -> Result<ExitCode, String> {
    let dir = data.join(onestop_calendar::DATA_SUBDIR);
    let cal = load(data)?;
    let st = onestop_cases::calendar_notices::status(&cal, today, Some(&dir));
    match format {
        crate::format::Format::Json => {
            let doc = serde_json::to_string_pretty(&st).map_err(|e| e.to_string())?;
            println!("{doc}");
        }
        crate::format::Format::Text => {
            for r in &st.years {
                match (&r.notice, r.rule) {
                    (Some(notice), _) => println!(
                        "{}  official     {notice} ({}{}) [{}]",
                        r.year,
                        r.reference
                            .as_deref()
                            .map(|x| format!("{x}, "))
                            .unwrap_or_default(),
                        r.published.map(|d| d.to_string()).unwrap_or_default(),
                        r.from.as_deref().unwrap_or("")
                    ),
                    (None, rule) => println!(
                        "{}  provisional  statutory holidays of the {} and weekends; no make-up working days",
                        r.year,
                        rule.unwrap_or("")
                    ),
                }
            }
            println!();
            for l in coverage_lines(&cal, today) {
                println!("{l}");
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn import(file: &Path, data: &Path, database_url: Option<String>) -> Result<ExitCode, String> {
    // Read with the same limits and diagnostics as at start-up; nothing is touched yet.
    let notice = match onestop_calendar::read_notice_file(file) {
        Ok(n) => n,
        Err(e) => {
            eprintln!("{e}");
            eprintln!("error: nothing was loaded; fix the file and run the command again");
            return Ok(ExitCode::from(1));
        }
    };
    let text = notice.to_file();
    let url =
        crate::database::database_url(database_url, data, crate::database::IfMissing::Create)?;
    let rt = crate::runtime::runtime()?;
    let dir = data.join(onestop_calendar::DATA_SUBDIR);
    let source = file.display().to_string();
    rt.block_on(async move {
        let db = onestop_store::db::Db::open(&url).await.map_err(|e| {
            format!(
                "cannot open the database {}: {e}",
                crate::database::redact(&url)
            )
        })?;
        let (cal, report) = onestop_cases::calendar_notices::import_notice(
            &db,
            &dir,
            &source,
            &text,
            "operator (onestop calendar import)",
        )
        .await
        .map_err(|e| format!("{e}\nnothing was loaded"))?;
        println!(
            "loaded the {} notice: {} ({}) into {}{}",
            report.year,
            report.notice,
            report.published,
            report.file,
            if report.replaced {
                ", replacing the earlier one"
            } else {
                ""
            }
        );
        println!(
            "{} open case(s) had a provisional deadline; {} changed",
            report.checked,
            report.changed.len()
        );
        for c in &report.changed {
            println!(
                "  case {}: {} -> {}{}",
                c.case_id,
                c.old_deadline,
                c.new_deadline,
                if c.provisional {
                    " (still provisional)"
                } else {
                    ""
                }
            );
        }
        for l in coverage_lines(&cal, onestop_store::today()) {
            println!("{l}");
        }
        println!(
            "a running `onestop serve` on this data directory picks the notice up within seconds"
        );
        Ok(ExitCode::SUCCESS)
    })
}
