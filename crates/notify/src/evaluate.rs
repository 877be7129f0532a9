//! What a matching run asks of an evaluator: every stored profile of one entity, in
//! one call, answered with the measures each is eligible for. The binary plugs in
//! the population engine (`onestop-batch`, DataFusion, in `crates/cli`); this crate
//! ships the scalar engine spread over every core ([`ScalarEvaluator`]), which the
//! web crate's in-process tests use and which the batch one is checked against.

use chrono::NaiveDate;
use onestop_engine::{EvalOptions, Plan, Status, facts_from_json};
use onestop_lang::{EntityId, Program};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

/// One stored profile: the account it belongs to and its facts (checked against the
/// entity's inputs before it is handed to an evaluator).
#[derive(Debug, Clone)]
pub struct Profile {
    pub account: String,
    pub facts: serde_json::Value,
}

/// One profile's answer: the ids of the measures it is eligible for, and of those
/// still undetermined (facts missing, or an error in the rules).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Answer {
    pub account: String,
    pub eligible: Vec<String>,
    pub undetermined: Vec<String>,
}

pub type AnswersFuture<'a> = Pin<Box<dyn Future<Output = Result<Vec<Answer>, String>> + Send + 'a>>;

/// Evaluates many profiles of one entity at once.
pub trait Evaluator: Send + Sync {
    /// How runs name this evaluator (recorded with each run).
    fn name(&self) -> &'static str;
    /// One answer per profile, in any order.
    fn evaluate<'a>(
        &'a self,
        program: Arc<Program>,
        entity: EntityId,
        date: NaiveDate,
        profiles: Vec<Profile>,
    ) -> AnswersFuture<'a>;
}

/// The scalar engine over every core: profiles split into one slice per thread.
pub struct ScalarEvaluator;

impl Evaluator for ScalarEvaluator {
    fn name(&self) -> &'static str {
        "scalar engine"
    }

    fn evaluate<'a>(
        &'a self,
        program: Arc<Program>,
        entity: EntityId,
        date: NaiveDate,
        profiles: Vec<Profile>,
    ) -> AnswersFuture<'a> {
        Box::pin(async move {
            tokio::task::spawn_blocking(move || scalar_answers(&program, entity, date, &profiles))
                .await
                .map_err(|e| format!("the evaluation stopped: {e}"))?
        })
    }
}

/// The scalar answers of `profiles`, computed on every core.
pub fn scalar_answers(
    program: &Arc<Program>,
    entity: EntityId,
    date: NaiveDate,
    profiles: &[Profile],
) -> Result<Vec<Answer>, String> {
    let plan = Plan::new(program.clone(), date);
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let chunk = profiles.len().div_ceil(threads).max(1);
    let opts = EvalOptions::default();
    std::thread::scope(|scope| {
        let handles: Vec<_> = profiles
            .chunks(chunk)
            .map(|part| {
                let plan = &plan;
                let opts = &opts;
                scope.spawn(move || {
                    part.iter()
                        .map(|p| {
                            let facts = facts_from_json(program, entity, &p.facts)
                                .map_err(|e| format!("profile {}: {e}", p.account))?;
                            let ev = onestop_engine::eval::Evaluator::new(plan, &facts, false)
                                .run(&opts.measures);
                            let mut a = Answer {
                                account: p.account.clone(),
                                ..Answer::default()
                            };
                            for m in &ev.measures {
                                let id = program.measures[m.measure.index()].id.clone();
                                match m.status {
                                    Status::Eligible => a.eligible.push(id),
                                    Status::Undetermined => a.undetermined.push(id),
                                    Status::NotEligible => {}
                                }
                            }
                            Ok(a)
                        })
                        .collect::<Result<Vec<_>, String>>()
                })
            })
            .collect();
        let mut all = Vec::with_capacity(profiles.len());
        for h in handles {
            all.extend(
                h.join()
                    .map_err(|_| "an evaluation thread panicked".to_string())??,
            );
        }
        Ok(all)
    })
}
