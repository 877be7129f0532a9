//! The portal's reform page, backed by the batch simulator: shipped reforms over
//! shipped populations, each result remembered for the life of the server.

use crate::population::program;
use chrono::NaiveDate;
use onestop_lang::{Program, RuleSet};
use onestop_web::analyst::{
    PopulationChoice, ReformChoice, SimulationError, SimulationFuture, SimulationOutcome, Simulator,
};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

type Key = (String, String, NaiveDate);

pub struct BatchSimulator {
    rules: PathBuf,
    populations_dir: PathBuf,
    baseline: Arc<Program>,
    reforms: Vec<(ReformChoice, Arc<Program>)>,
    populations: Vec<PopulationChoice>,
    done: Mutex<HashMap<Key, SimulationOutcome>>,
    /// One simulation at a time: it uses every core, and requests keep being served.
    running: tokio::sync::Semaphore,
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
    /// Checks every shipped reform once and lists the populations under
    /// `data/populations` next to the rules directory.
    pub fn load(rules: &Path) -> Result<BatchSimulator, String> {
        let baseline = Arc::new(program(Some(rules.to_path_buf()), None)?);
        let set = RuleSet::load_dir(rules)?;
        let mut reforms = Vec::new();
        for r in &set.reforms {
            let p = program(Some(rules.to_path_buf()), Some(&r.id))?;
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
            reforms.push((
                ReformChoice {
                    id: r.id.clone(),
                    title_en: en,
                    title_zh: zh,
                },
                Arc::new(p),
            ));
        }
        let root = std::fs::canonicalize(rules)
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
            rules: rules.to_path_buf(),
            populations_dir,
            baseline,
            reforms,
            populations,
            done: Mutex::new(HashMap::new()),
            running: tokio::sync::Semaphore::new(1),
        })
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
        let _permit = self
            .running
            .acquire()
            .await
            .map_err(|e| SimulationError::Failed(e.to_string()))?;
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
            done.insert(key, outcome.clone());
        }
        Ok(outcome)
    }

    fn remembered(&self, key: &Key) -> Option<SimulationOutcome> {
        self.done.lock().ok()?.get(key).cloned()
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
