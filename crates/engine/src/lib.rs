//! The onestop engine: lowers a checked [`Program`] to a plan for a decision date
//! (parameters resolved), evaluates one entity's facts against every measure with
//! three-valued logic (known / missing facts / error), and explains the result.
//!
//! Depends on `lang` (the rules) and `calendar` (working days) only; it knows
//! nothing of HTTP, databases or columnar batches.

mod error;
pub mod eval;
pub mod explain;
pub mod facts;
pub mod interview;
pub mod localize;
mod phrases;
pub mod report;
pub mod semantics;
pub mod testing;
pub use error::EvalError;
pub use semantics::months_between;

pub use eval::{Branch, DefTrace, Evaluation, MeasureResult, Plan, Status, Val};
pub use facts::{
    FactError, Facts, fact_from_json, facts_from_json, value_from_json, value_to_json,
};

use chrono::NaiveDate;
use onestop_lang::{EntityId, MeasureId, Program, RuleSet};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Why rules could not be loaded.
#[derive(Debug, Clone)]
pub enum LoadError {
    /// A missing directory, unreadable file or unknown reform: one line for the user.
    Input(String),
    /// The rules have errors: the rendered diagnostics.
    Rules(String),
}

/// Options for one evaluation.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// Record every definition evaluated, for `explain`.
    pub trace: bool,
    /// Evaluate only these measures (all of the entity's when empty).
    pub measures: Vec<MeasureId>,
}

/// A checked program with a cache of per-date plans.
pub struct Engine {
    pub program: Arc<Program>,
    plans: Mutex<HashMap<NaiveDate, Arc<Plan>>>,
    report_parts: std::sync::OnceLock<report::MeasureParts>,
}

impl Engine {
    pub fn new(program: Program) -> Engine {
        Engine::shared(Arc::new(program))
    }

    /// An engine over a program others hold too (the CLI's `serve` gives the
    /// same checked program to the batch simulator).
    pub fn shared(program: Arc<Program>) -> Engine {
        Engine {
            program,
            plans: Mutex::new(HashMap::new()),
            report_parts: std::sync::OnceLock::new(),
        }
    }

    /// An evaluation ready to serialise, with the measures' static parts written once.
    pub fn report<'a>(&'a self, ev: &'a Evaluation) -> report::EvaluationReport<'a> {
        report::EvaluationReport {
            program: &self.program,
            ev,
            parts: Some(
                self.report_parts
                    .get_or_init(|| report::MeasureParts::new(&self.program)),
            ),
        }
    }

    /// Loads and checks a rules directory; on failure returns the rendered diagnostics.
    pub fn load(dir: &Path, reform: Option<&str>) -> Result<Engine, LoadError> {
        let mut set = RuleSet::load_dir(dir).map_err(LoadError::Input)?;
        let reform_idx = match reform {
            None => None,
            Some(r) => Some(resolve_reform(&mut set, r).map_err(LoadError::Input)?),
        };
        let (program, diags) = set.check(reform_idx);
        match program {
            Some(p) => Ok(Engine::new(p)),
            None => Err(LoadError::Rules(onestop_lang::render_all(
                &diags
                    .into_iter()
                    .filter(|d| d.is_error())
                    .collect::<Vec<_>>(),
                &set.sources,
            ))),
        }
    }

    /// The plan for a date, built once and cached.
    pub fn plan(&self, date: NaiveDate) -> Arc<Plan> {
        let mut plans = match self.plans.lock() {
            Ok(p) => p,
            Err(poisoned) => poisoned.into_inner(),
        };
        plans
            .entry(date)
            .or_insert_with(|| Arc::new(Plan::new(self.program.clone(), date)))
            .clone()
    }

    pub fn evaluate(&self, facts: &Facts, date: NaiveDate, opts: &EvalOptions) -> Evaluation {
        let plan = self.plan(date);
        eval::Evaluator::new(&plan, facts, opts.trace).run(&opts.measures)
    }

    pub fn entity(&self, name: &str) -> Result<EntityId, String> {
        self.program.entity(name).ok_or_else(|| {
            let names: Vec<&str> = self
                .program
                .entities
                .iter()
                .map(|e| e.name.as_str())
                .collect();
            format!(
                "unknown entity `{name}`; expected one of: {}",
                names.join(", ")
            )
        })
    }
}

/// A reform given as an id shipped with the rules, or as a path to a `.reform` file.
pub fn resolve_reform(set: &mut RuleSet, reform: &str) -> Result<usize, String> {
    if let Some(i) = set.reform(reform) {
        return Ok(i);
    }
    let path = Path::new(reform);
    if path.exists() {
        return set.add_reform_file(path);
    }
    let ids: Vec<&str> = set.reforms.iter().map(|r| r.id.as_str()).collect();
    Err(format!(
        "unknown reform `{reform}`: not a file, and not one of the shipped reforms ({})",
        if ids.is_empty() {
            "none".to_string()
        } else {
            ids.join(", ")
        }
    ))
}
