//! Batch evaluation: the rules compiled to DataFusion plans over whole
//! populations (one row per enterprise, person or project), streamed from
//! Parquet or CSV, evaluated on every core, written to Parquet; baseline and
//! reform compared over the same population in one pass.
//!
//! Depends on `lang` (the checked [`Program`]), `engine` (parameters resolved for
//! a date, error messages) and `calendar` (working days, as a scalar function).
//! DataFusion lives here (and in `cluster`, which runs these plans on Ballista);
//! nothing here may depend on Ballista, HTTP, databases or the CLI.
//!
//! # The output of a batch evaluation
//!
//! One row per population row, in no particular order (carry an `id` column to
//! join: it is passed through). Per measure `M` (its id, e.g.
//! `enterprise.tech-transfer-tax`):
//!
//! | column | type | holds |
//! |---|---|---|
//! | `M.status` | Utf8 | `eligible`, `not_eligible` or `undetermined` |
//! | `M.error` | Utf8 | why the eligibility is an error (e.g. a conflict); NULL otherwise |
//! | `M.missing` | Utf8 | the facts that could still change the status, comma-separated in input order; NULL if none |
//! | `M.missing_for_outputs` | Utf8 | the facts that could still change an output (unless not eligible) |
//!
//! and per output `X` of any measure (a definition or an input), once:
//!
//! | column | type | holds |
//! |---|---|---|
//! | `X` | see below | the value, NULL unless known |
//! | `X.error` | Utf8 | the scalar evaluator's error message (conflict, no parameter value, division by zero, calendar), NULL otherwise |
//! | `X.missing` | Utf8 | the facts the value waits for, NULL unless missing |
//!
//! So a value is *known* when `X` is not NULL, an *error* when `X.error` is not
//! NULL, and *missing* otherwise. The `.missing` columns are left out when
//! missing-fact lists are not asked for ([`Options::missing_lists`]).
//!
//! Value types: `money` is `Decimal128(38, 2)` (exact yuan and fen); `int` is
//! `Int64`; `bool` `Boolean`; `date` `Date32`; `decimal` and `rate` are exact
//! decimal text (e.g. `0.125`; rust_decimal's 28 significant digits fit no fixed
//! Arrow scale); durations and enumeration values are text; sets of enumeration
//! values are lists of text.

mod batch_error;
pub mod compile;
/// What a batch function computes (`Op`); the bottom of the function modules.
pub mod config;
/// Error columns and their chaining (`Op::First`).
pub mod errors;
pub mod fast;
pub mod generate;
/// Population columns to the internal representation (the one literal reader).
pub mod input;
/// Missing-facts masks.
pub mod masks;
/// The internal representation to the output file's.
pub mod output;
pub mod pick;
pub mod population;
/// Time per kind of batch function (`ONESTOP_BATCH_PROFILE`).
pub mod profile;
pub mod report;
pub mod repr;
/// A definition's exceptions resolved by the engine's rule.
pub mod resolve;
/// The row path of strict functions: the engine's semantics per row.
pub mod rows;
pub mod simulate;
/// A simulation's per-row tallies (amount where eligible, gain bucket).
pub mod tally;
/// The one UDF type, `OsFn`, and its dispatch.
pub mod udf;
pub mod write;

use chrono::NaiveDate;
use compile::{Compiler, Masks, Steps};
use config::{Op, Part};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Column, ScalarValue};
use datafusion::dataframe::DataFrame;
use datafusion::logical_expr::{Expr, LogicalPlan, LogicalPlanBuilder, lit, when};
use datafusion::prelude::{SessionConfig, SessionContext};
use onestop_engine::Plan;
use onestop_lang::{EntityId, OutputRef, Program};
use repr::{Ty, enum_values};
use std::sync::Arc;
use udf::OsFn;

pub use batch_error::BatchError;
pub use population::{PopulationSchema, check_population, open_population};

/// How to evaluate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Compute the `.missing` columns (lists of facts that could change a result).
    pub missing_lists: bool,
    /// Prefix of every output column except `id` (e.g. `reform:` in a simulation).
    pub prefix: String,
    /// Only these measures (ids, e.g. `enterprise.tech-transfer-tax`); empty for
    /// every measure of the entity. Only what they read is compiled and scanned.
    pub measures: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            missing_lists: true,
            prefix: String::new(),
            measures: Vec::new(),
        }
    }
}

/// The session settings of batch plans: every core, record batches of 8192
/// rows. A cluster's client, scheduler and executors start from these too.
pub fn session_config(config: SessionConfig) -> SessionConfig {
    let threads = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2);
    let mut config = config.with_target_partitions(threads).with_batch_size(8192);
    // The logical plan proves some CASE results non-NULL (a guarded branch) where
    // the physical plan does not; the aggregate's schema check would refuse that.
    config
        .options_mut()
        .execution
        .skip_physical_aggregate_schema_check = true;
    // Output files: zstd at its fastest level (the default, level 3, took a tenth
    // of an evaluation's time for little gain in size).
    config.options_mut().execution.parquet.compression = Some("zstd(1)".into());
    config
}

/// The logical optimizer rules of batch plans: only projection pruning. Batch
/// plans are built already simplified and deduplicated (see `compile`), and the
/// general rules cost seconds on plans of a thousand expressions for nothing.
pub fn optimizer_rules() -> Vec<Arc<dyn datafusion::optimizer::OptimizerRule + Send + Sync>> {
    vec![Arc::new(
        datafusion::optimizer::optimize_projections::OptimizeProjections::new(),
    )]
}

/// Whether to print where planning time goes (`ONESTOP_BATCH_TIMING=1`).
pub fn timing() -> bool {
    std::env::var_os("ONESTOP_BATCH_TIMING").is_some()
}

/// A physical optimizer rule that reports its time (see [`timing`]).
#[derive(Debug)]
struct Timed(Arc<dyn datafusion::physical_optimizer::PhysicalOptimizerRule + Send + Sync>);

impl datafusion::physical_optimizer::PhysicalOptimizerRule for Timed {
    fn optimize(
        &self,
        plan: Arc<dyn datafusion::physical_plan::ExecutionPlan>,
        config: &datafusion::config::ConfigOptions,
    ) -> datafusion::error::Result<Arc<dyn datafusion::physical_plan::ExecutionPlan>> {
        let t = std::time::Instant::now();
        let r = self.0.optimize(plan, config);
        eprintln!("  physical rule {}: {:.1?}", self.0.name(), t.elapsed());
        r
    }
    fn name(&self) -> &str {
        self.0.name()
    }
    fn schema_check(&self) -> bool {
        self.0.schema_check()
    }
}

/// The physical optimizer rules of batch plans: DataFusion's defaults.
pub fn physical_optimizer_rules()
-> Vec<Arc<dyn datafusion::physical_optimizer::PhysicalOptimizerRule + Send + Sync>> {
    let rules = datafusion::physical_optimizer::optimizer::PhysicalOptimizer::new().rules;
    if timing() {
        rules
            .into_iter()
            .map(|r| Arc::new(Timed(r)) as Arc<_>)
            .collect()
    } else {
        rules
    }
}

/// A session for batch plans, embedded ([`session_config`], [`optimizer_rules`]).
pub fn session() -> SessionContext {
    use datafusion::execution::SessionStateBuilder;
    let state = SessionStateBuilder::new()
        .with_config(session_config(SessionConfig::new()))
        .with_default_features()
        .with_optimizer_rules(optimizer_rules())
        .with_physical_optimizer_rules(physical_optimizer_rules())
        .build();
    SessionContext::new_with_state(state)
}

/// The entity by name, or an error listing the entities.
pub fn entity_of(program: &Program, name: &str) -> Result<EntityId, BatchError> {
    program.entity(name).ok_or_else(|| {
        BatchError::Input(format!(
            "unknown entity `{name}`; expected one of: {}",
            program
                .entities
                .iter()
                .map(|e| e.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

/// What one program contributes to a plan: output expressions, and what they mean.
pub struct Compiled {
    pub outputs: Vec<Expr>,
    /// Measure ids, in order.
    pub measures: Vec<String>,
    /// Output names (definitions and inputs shown by measures), with their types.
    pub values: Vec<(String, onestop_lang::Type)>,
    /// Per measure (id), its eligibility as a boolean (NULL: undetermined), the
    /// value the `.status` text is made from, for plans that count statuses.
    pub eligibility: Vec<(String, Expr)>,
    /// Money outputs (name) in the internal representation, before the output
    /// conversion, for plans that sum them.
    pub money: Vec<(String, Expr)>,
}

fn alias(e: Expr, name: String) -> Expr {
    e.alias(name)
}

/// Checks that every id of `wanted` is a measure of `entity`.
pub fn check_measures(
    program: &Program,
    entity: EntityId,
    wanted: &[String],
) -> Result<(), BatchError> {
    for id in wanted {
        if !program.measures_of(entity).any(|(_, m)| &m.id == id) {
            let known: Vec<&str> = program
                .measures_of(entity)
                .map(|(_, m)| m.id.as_str())
                .collect();
            let hint = onestop_lang::diag::did_you_mean(id, known.iter().copied())
                .map(|h| format!("; did you mean `{h}`?"))
                .unwrap_or_default();
            return Err(BatchError::Input(format!(
                "`{id}` is not a measure of the {} entity{hint} (its measures: {})",
                program.entities[entity.index()].name,
                known.join(", ")
            )));
        }
    }
    Ok(())
}

/// Compiles every measure of `entity` (or those of [`Options::measures`]) into
/// `steps`, returning the output columns.
pub fn compile_entity(
    program: &Program,
    entity: EntityId,
    date: NaiveDate,
    present: &dyn Fn(&str) -> bool,
    opts: &Options,
    steps: &mut Steps,
) -> Result<Compiled, BatchError> {
    check_measures(program, entity, &opts.measures)?;
    let plan = Plan::new(Arc::new(program.clone()), date);
    let mut c = Compiler::new(
        program,
        entity,
        date,
        &plan.params,
        present,
        opts.missing_lists,
        steps,
    );
    let masks = c.masks.clone();
    let names = |m: Expr, masks: &Masks| {
        OsFn::new(
            Op::MaskNames {
                names: masks.names.clone(),
            },
            vec![],
            Part::Value,
            DataType::Utf8,
        )
        .call(vec![m])
    };
    let null_text = || lit(ScalarValue::Utf8(None));
    let p = &opts.prefix;
    let mut outputs = Vec::new();
    let mut measures = Vec::new();
    let mut values: Vec<(String, onestop_lang::Type)> = Vec::new();
    let mut seen: Vec<OutputRef> = Vec::new();
    let mut eligibility = Vec::new();
    let mut value_cols = Vec::new();
    for (_, m) in program.measures_of(entity) {
        if !opts.measures.is_empty() && !opts.measures.contains(&m.id) {
            continue;
        }
        let el = c.eligibility(m).map_err(BatchError::from)?;
        let id = &m.id;
        measures.push(id.clone());
        eligibility.push((id.clone(), el.v.clone()));
        let status = when(el.v.clone(), lit("eligible"))
            .when(!el.v.clone(), lit("not_eligible"))
            .otherwise(lit("undetermined"))?;
        outputs.push(alias(status, format!("{p}{id}.status")));
        outputs.push(alias(
            el.e.clone().unwrap_or_else(null_text),
            format!("{p}{id}.error"),
        ));
        let mut out_masks = Vec::new();
        for o in &m.outputs {
            let (name, node, ty) = c.output(*o).map_err(BatchError::from)?;
            if let Some(mm) = &node.m {
                out_masks.push(mm.clone());
            }
            if !seen.contains(o) {
                seen.push(*o);
                values.push((name.clone(), ty.clone()));
                value_cols.push((name, node, ty));
            }
        }
        if let Some(masks) = &masks {
            outputs.push(alias(
                el.m.clone()
                    .map(|mm| names(mm, masks))
                    .unwrap_or_else(null_text),
                format!("{p}{id}.missing"),
            ));
            let for_outputs = if out_masks.is_empty() {
                null_text()
            } else {
                let union = OsFn::new(
                    Op::Union,
                    vec![],
                    Part::Value,
                    DataType::FixedSizeBinary(masks.width),
                )
                .call(out_masks);
                when(el.v.clone().is_null().or(el.v.clone()), names(union, masks)).end()?
            };
            outputs.push(alias(for_outputs, format!("{p}{id}.missing_for_outputs")));
        }
    }
    let mut money = Vec::new();
    for (name, node, ty) in value_cols {
        let t = Ty::of(program, &ty).map_err(BatchError::Compile)?;
        if t == Ty::Money {
            money.push((name.clone(), node.v.clone()));
        }
        let v = match t {
            Ty::Bool | Ty::Int | Ty::Date | Ty::Text => node.v.clone(),
            _ => OsFn::new(
                Op::ToOut {
                    ty: t,
                    values: enum_values(program, &ty),
                },
                vec![],
                Part::Value,
                t.output(),
            )
            .call(vec![node.v.clone()]),
        };
        outputs.push(alias(v, format!("{p}{name}")));
        outputs.push(alias(
            node.e.clone().unwrap_or_else(null_text),
            format!("{p}{name}.error"),
        ));
        if let Some(masks) = &masks {
            outputs.push(alias(
                node.m
                    .clone()
                    .map(|mm| names(mm, masks))
                    .unwrap_or_else(null_text),
                format!("{p}{name}.missing"),
            ));
        }
    }
    Ok(Compiled {
        outputs,
        measures,
        values,
        eligibility,
        money,
    })
}

/// Adds the computed columns of `steps` to `df` and selects `finals`.
///
/// A computed column used once is inlined into its user (unless it holds a
/// CASE); the others are
/// projected in dependency layers, each layer one projection that keeps only the
/// columns later layers (or `finals`) still read.
pub fn apply_steps(
    df: DataFrame,
    steps: &Steps,
    finals: Vec<Expr>,
) -> Result<DataFrame, BatchError> {
    use datafusion::common::tree_node::{Transformed, TreeNode};
    use std::collections::HashMap;
    let mut uses: HashMap<String, usize> = HashMap::new();
    let count = |e: &Expr, uses: &mut HashMap<String, usize>| {
        for c in e.column_refs() {
            *uses.entry(c.name().to_string()).or_default() += 1;
        }
    };
    for (_, e, _) in &steps.list {
        count(e, &mut uses);
    }
    for e in &finals {
        count(e, &mut uses);
    }
    let mut inlined: HashMap<String, Expr> = HashMap::new();
    let subst = |e: Expr, inlined: &HashMap<String, Expr>| -> Result<Expr, BatchError> {
        Ok(e.transform_up(|x| match &x {
            Expr::Column(c) => match inlined.get(c.name()) {
                Some(r) => Ok(Transformed::yes(r.clone())),
                None => Ok(Transformed::no(x)),
            },
            _ => Ok(Transformed::no(x)),
        })?
        .data)
    };
    // Materialised steps with their layer.
    let mut kept: Vec<(String, Expr, usize)> = Vec::new();
    let mut layer_of: HashMap<String, usize> = HashMap::new();
    for (name, e, _) in &steps.list {
        let e = subst(e.clone(), &inlined)?;
        // A CASE is never inlined into another expression: DataFusion's physical
        // CASE rewrites its whole subtree when built (and again for every CASE
        // above it), so nested CASEs cost planning time exponential in the depth.
        let has_case = e.exists(|x| Ok(matches!(x, Expr::Case(_))))?;
        if uses.get(name).copied().unwrap_or(0) <= 1 && !has_case {
            inlined.insert(name.clone(), e);
            continue;
        }
        let layer = 1 + e
            .column_refs()
            .iter()
            .map(|c| layer_of.get(c.name()).copied().unwrap_or(0))
            .max()
            .unwrap_or(0);
        layer_of.insert(name.clone(), layer);
        kept.push((name.clone(), e, layer));
    }
    let finals = finals
        .into_iter()
        .map(|e| subst(e, &inlined))
        .collect::<Result<Vec<_>, _>>()?;
    let max_layer = kept.iter().map(|(_, _, l)| *l).max().unwrap_or(0);
    // The last layer that reads each column (max_layer + 1 for the finals).
    let mut last_use: HashMap<String, usize> = HashMap::new();
    for (_, e, l) in &kept {
        for c in e.column_refs() {
            let u = last_use.entry(c.name().to_string()).or_default();
            *u = (*u).max(*l);
        }
    }
    for e in &finals {
        for c in e.column_refs() {
            last_use.insert(c.name().to_string(), max_layer + 1);
        }
    }
    let (state, mut plan) = df.into_parts();
    let mut live: Vec<String> = plan
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .filter(|n| last_use.contains_key(n))
        .collect();
    // The expressions are built resolved and typed: skip the builder's per-expression
    // normalisation, which walks the whole plan for every expression.
    let project = |plan: LogicalPlan, exprs: Vec<Expr>| -> Result<LogicalPlan, BatchError> {
        Ok(LogicalPlanBuilder::from(plan)
            .project_with_validation(exprs.into_iter().map(|e| (e, false)).collect())?
            .build()?)
    };
    for layer in 1..=max_layer {
        live.retain(|n| last_use.get(n).copied().unwrap_or(0) >= layer);
        let mut exprs: Vec<Expr> = live
            .iter()
            .map(|n| Expr::Column(Column::from_name(n.clone())))
            .collect();
        for (name, e, l) in &kept {
            if *l == layer {
                exprs.push(e.clone().alias(name.clone()));
                live.push(name.clone());
            }
        }
        plan = project(plan, exprs)?;
    }
    plan = project(plan, finals)?;
    Ok(DataFrame::new(state, plan))
}

/// The `id` column passed through, when the population has one.
pub fn id_column(schema: &PopulationSchema) -> Option<Expr> {
    schema
        .has_id
        .then(|| Expr::Column(Column::from_name("id")).alias("id"))
}

/// Evaluates every measure of `entity` on the population `df` (see the module
/// doc for the columns).
pub fn evaluate(
    program: &Program,
    entity: EntityId,
    date: NaiveDate,
    df: DataFrame,
    opts: &Options,
) -> Result<DataFrame, BatchError> {
    let schema = check_population(program, entity, df.schema().as_arrow())?;
    let present = |n: &str| schema.present.contains(n);
    let mut steps = Steps::default();
    let compiled = compile_entity(program, entity, date, &present, opts, &mut steps)?;
    if timing() {
        eprintln!(
            "plan: {} columns computed, {} emissions shared",
            steps.list.len(),
            steps.shared
        );
    }
    let mut finals: Vec<Expr> = id_column(&schema).into_iter().collect();
    finals.extend(compiled.outputs);
    apply_steps(df, &steps, finals)
}

/// Streams a population file (Parquet or CSV) through the rules into a Parquet
/// file (`write.rs`). Returns the number of rows written.
pub async fn evaluate_file(
    program: &Program,
    entity: EntityId,
    date: NaiveDate,
    input: &std::path::Path,
    output: &std::path::Path,
    opts: &Options,
) -> Result<u64, BatchError> {
    let ctx = session();
    let df = open_population(&ctx, input).await?;
    let t = std::time::Instant::now();
    let out = evaluate(program, entity, date, df, opts)?;
    if timing() {
        eprintln!("logical plan built: {:.1?}", t.elapsed());
        let t = std::time::Instant::now();
        let state = ctx.state();
        let optimized = state.optimize(out.logical_plan())?;
        eprintln!("analyzed and optimized: {:.1?}", t.elapsed());
        let t = std::time::Instant::now();
        state.create_physical_plan(out.logical_plan()).await?;
        eprintln!("physical plan (again with the above): {:.1?}", t.elapsed());
        drop(optimized);
    }
    let r = write::write_parquet(out, output).await;
    profile::dump();
    r
}
