//! The portal's reform page, backed by the batch simulator: shipped reforms over
//! shipped populations, each result remembered for the life of the server.

use crate::rules::Rules;
use chrono::NaiveDate;
use onestop_lang::Program;
use onestop_web::analyst::{
    PopulationChoice, ReformChoice, SimulationError, SimulationFuture, SimulationOutcome, Simulator,
};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

type Key = (String, String, NaiveDate);

/// Results kept (least recently used dropped first): any visitor picks the date, so
/// an unbounded memory of results would be a way to fill the server's memory.
const REMEMBERED: usize = 16;
/// Simulations allowed to wait for the running one; more are told to come back.
const WAITING: usize = 4;

/// A small least-recently-used memory of results.
#[derive(Default)]
struct Remembered {
    entries: Vec<(Key, SimulationOutcome)>,
}

impl Remembered {
    fn get(&mut self, key: &Key) -> Option<SimulationOutcome> {
        let i = self.entries.iter().position(|(k, _)| k == key)?;
        let entry = self.entries.remove(i);
        let outcome = entry.1.clone();
        self.entries.push(entry);
        Some(outcome)
    }

    fn put(&mut self, key: Key, outcome: SimulationOutcome) {
        self.entries.retain(|(k, _)| *k != key);
        if self.entries.len() >= REMEMBERED {
            self.entries.remove(0);
        }
        self.entries.push((key, outcome));
    }
}

pub struct BatchSimulator {
    rules: PathBuf,
    populations_dir: PathBuf,
    baseline: Arc<Program>,
    reforms: Vec<(ReformChoice, Arc<Program>)>,
    populations: Vec<PopulationChoice>,
    done: Mutex<Remembered>,
    /// One simulation at a time: it uses every core, and requests keep being served.
    running: tokio::sync::Semaphore,
    /// Simulations waiting for `running`.
    waiting: std::sync::atomic::AtomicUsize,
}

/// The entity a shipped population file holds, from its name (`enterprises-10k.parquet`).
fn entity_of_file(name: &str) -> Option<&'static str> {
    [
        ("enterprise", "enterprise"),
        ("person", "person"),
        ("people", "person"),
        ("project", "project"),
    ]
    .iter()
    .find(|(prefix, _)| name.starts_with(prefix))
    .map(|(_, e)| *e)
}

impl BatchSimulator {
    /// Over the rules already read and checked (the baseline is the engine's
    /// program): checks every shipped reform once and lists the populations
    /// under `data/populations` next to the rules directory.
    pub fn new(rules: &Rules) -> Result<BatchSimulator, String> {
        let baseline = rules.program.clone();
        let mut reforms = Vec::new();
        for r in &rules.set.reforms {
            let p = rules.reformed(&r.id)?;
            let (en, zh) = p
                .reform
                .as_ref()
                .map(|d| {
                    (
                        d.title.best("en").to_string(),
                        d.title.best("zh").to_string(),
                    )
                })
                .unwrap_or_else(|| (r.id.clone(), r.id.clone()));
            let titles = p
                .reform
                .as_ref()
                .map(|d| {
                    ["ko", "ru", "es", "ar"]
                        .into_iter()
                        .filter_map(|l| d.title.get(l).map(|t| (l.to_string(), t.to_string())))
                        .collect()
                })
                .unwrap_or_default();
            reforms.push((
                ReformChoice {
                    id: r.id.clone(),
                    title_en: en,
                    title_zh: zh,
                    titles,
                },
                Arc::new(p),
            ));
        }
        let root = std::fs::canonicalize(&rules.dir)
            .ok()
            .and_then(|r| r.parent().map(Path::to_path_buf))
            .unwrap_or_else(|| PathBuf::from("."));
        let populations_dir = root.join("data/populations");
        let mut populations: Vec<PopulationChoice> = std::fs::read_dir(&populations_dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok())
                    .filter_map(|e| {
                        let name = e.file_name().to_string_lossy().into_owned();
                        let entity = entity_of_file(&name)?;
                        name.ends_with(".parquet").then(|| PopulationChoice {
                            rows: onestop_batch::population::parquet_rows(&e.path()).unwrap_or(0),
                            name,
                            entity: entity.to_string(),
                        })
                    })
                    .collect()
            })
            .unwrap_or_default();
        populations.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(BatchSimulator {
            rules: rules.dir.clone(),
            populations_dir,
            baseline,
            reforms,
            populations,
            done: Mutex::new(Remembered::default()),
            running: tokio::sync::Semaphore::new(1),
            waiting: std::sync::atomic::AtomicUsize::new(0),
        })
    }

    /// The checked program the simulations start from.
    #[cfg(test)]
    pub fn baseline(&self) -> &Arc<Program> {
        &self.baseline
    }

    async fn run(
        &self,
        reform: &str,
        population: &str,
        date: NaiveDate,
    ) -> Result<SimulationOutcome, SimulationError> {
        let key = (reform.to_string(), population.to_string(), date);
        if let Some(o) = self.remembered(&key) {
            return Ok(o);
        }
        let Some((_, reform_program)) = self.reforms.iter().find(|(r, _)| r.id == reform) else {
            let ids: Vec<&str> = self.reforms.iter().map(|(r, _)| r.id.as_str()).collect();
            return Err(SimulationError::Unknown(format!(
                "unknown reform `{reform}`; the shipped reforms are {}",
                ids.join(", ")
            )));
        };
        let Some(pop) = self.populations.iter().find(|p| p.name == population) else {
            let names: Vec<&str> = self.populations.iter().map(|p| p.name.as_str()).collect();
            return Err(SimulationError::Unknown(format!(
                "unknown population `{population}`; the shipped populations are {}",
                names.join(", ")
            )));
        };
        use std::sync::atomic::Ordering;
        if self.waiting.fetch_add(1, Ordering::SeqCst) >= WAITING {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(SimulationError::Busy(format!(
                "{WAITING} simulations are already waiting; try again in a minute"
            )));
        }
        let permit = self.running.acquire().await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        let _permit = permit.map_err(|e| SimulationError::Failed(e.to_string()))?;
        if let Some(o) = self.remembered(&key) {
            return Ok(o);
        }
        let sim = onestop_batch::simulate::Simulation {
            baseline: &self.baseline,
            reform: reform_program,
            entity: pop.entity.clone(),
            date,
            benefits: Vec::new(),
            by: vec!["district".into(), "zgc_park".into(), "industry".into()],
            // Every measure of the entity: the page shows whatever the reform changes.
            measures: Vec::new(),
        };
        let start = std::time::Instant::now();
        let path = self.populations_dir.join(&pop.name);
        let report = onestop_batch::simulate::run(&sim, &path, None)
            .await
            .map_err(|e| SimulationError::Failed(e.to_string()))?;
        let district_svg = report
            .by
            .get("district")
            .map(|g| onestop_batch::report::cost_chart(g, "Cost by district (yuan)"))
            .transpose()
            .map_err(|e| SimulationError::Failed(e.to_string()))?;
        let gains_svg = onestop_batch::report::gains_chart(&report)
            .map_err(|e| SimulationError::Failed(e.to_string()))?;
        let mut json =
            serde_json::to_value(&report).map_err(|e| SimulationError::Failed(e.to_string()))?;
        // The portal shows the file's name, not where this server keeps it.
        json["population"] = serde_json::json!(pop.name);
        let outcome = SimulationOutcome {
            report: json,
            cost_by_district_svg: district_svg,
            gains_svg,
            seconds: start.elapsed().as_secs_f64(),
        };
        if let Ok(mut done) = self.done.lock() {
            done.put(key, outcome.clone());
        }
        Ok(outcome)
    }

    fn remembered(&self, key: &Key) -> Option<SimulationOutcome> {
        self.done.lock().ok()?.get(key)
    }
}

impl Simulator for BatchSimulator {
    fn reforms(&self) -> Vec<ReformChoice> {
        self.reforms.iter().map(|(r, _)| r.clone()).collect()
    }

    fn populations(&self) -> Vec<PopulationChoice> {
        self.populations.clone()
    }

    fn simulate<'a>(
        &'a self,
        reform: &'a str,
        population: &'a str,
        date: NaiveDate,
    ) -> SimulationFuture<'a> {
        Box::pin(self.run(reform, population, date))
    }
}

impl std::fmt::Debug for BatchSimulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BatchSimulator({})", self.rules.display())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outcome(n: f64) -> SimulationOutcome {
        SimulationOutcome {
            report: serde_json::json!({}),
            cost_by_district_svg: None,
            gains_svg: String::new(),
            seconds: n,
        }
    }

    fn key(day: u32) -> Key {
        let date = NaiveDate::from_ymd_opt(2024, 1, day).expect("date");
        ("r".into(), "p".into(), date)
    }

    #[test]
    fn the_memory_of_results_is_bounded_and_keeps_the_recently_used() {
        let mut m = Remembered::default();
        for d in 1..=REMEMBERED as u32 {
            m.put(key(d), outcome(f64::from(d)));
        }
        assert!(m.get(&key(1)).is_some(), "used now: kept");
        m.put(key(30), outcome(30.0));
        assert_eq!(m.entries.len(), REMEMBERED);
        assert!(m.get(&key(2)).is_none(), "the least recently used went");
        assert!(m.get(&key(1)).is_some() && m.get(&key(30)).is_some());
    }
}
