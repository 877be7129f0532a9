//! Reform simulation: the baseline and the reform compiled into one plan over
//! the same population (one scan, one pass), reduced by a DataFusion aggregate to
//! a few groups (breakdown keys x gain bucket), then summarised here.
//!
//! What counts as money for the entity: each measure's *benefit output*, a money
//! definition among its outputs, counted on rows where the measure is eligible.
//! By default it is the first output whose name ends, in this order of
//! preference, with `_tax_saved`, `_tax_relief`, `_saving`, `_saved`, `_relief`,
//! `_subsidy`, `_interest_discount`, `_increased_funding`, `_grant`, `_award`
//! (tax saved, subsidies, grants); `--benefit NAME` overrides it. A row's *gain*
//! is the change of its summed benefits; the *cost* of the reform is the sum of
//! the gains (tax expenditure or subsidy paid). Every money output of every
//! measure is also totalled over eligible rows, baseline and reform.

use crate::compile::Steps;
use crate::config::{Op, Part};
use crate::udf::OsFn;
use crate::{BatchError, Options, apply_steps, check_population, compile_entity, entity_of};
use chrono::NaiveDate;
use datafusion::arrow::array::{Array, AsArray, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Decimal128Type, Int64Type};
use datafusion::common::{Column, ScalarValue};
use datafusion::dataframe::DataFrame;
use datafusion::functions_aggregate::expr_fn::{count, sum};
use datafusion::logical_expr::{Expr, cast, lit, when};
use onestop_lang::{OutputRef, Program, Type};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

pub const BENEFIT_SUFFIXES: &[&str] = &[
    "_tax_saved",
    "_tax_relief",
    "_saving",
    "_saved",
    "_relief",
    "_subsidy",
    "_interest_discount",
    "_increased_funding",
    "_grant",
    "_award",
];

/// Gain buckets (yuan): powers of ten, both signs.
const EDGES: &[i64] = &[
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

/// A simulation to run.
pub struct Simulation<'a> {
    pub baseline: &'a Program,
    pub reform: &'a Program,
    pub entity: String,
    pub date: NaiveDate,
    /// Benefit outputs named by the user (definition names); empty for the default.
    pub benefits: Vec<String>,
    /// Breakdown columns (inputs or other population columns), when present.
    pub by: Vec<String>,
    /// Only these measures (ids); empty for every measure of the entity.
    pub measures: Vec<String>,
}

/// How the aggregate's columns map back to measures and outputs.
#[derive(Debug, Clone)]
pub struct Layout {
    pub measures: Vec<MeasureLayout>,
    pub by: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct MeasureLayout {
    pub id: String,
    pub title: String,
    pub benefit: Option<String>,
    pub money_outputs: Vec<String>,
    /// The reform's eligibility is the baseline's (same expression): its counts
    /// are not computed twice.
    pub shared_eligibility: bool,
    /// Per money output: the reform's total is the baseline's (same eligibility
    /// and same expression), not summed twice.
    pub shared_outputs: Vec<bool>,
}

fn c(name: &str) -> Expr {
    Expr::Column(Column::from_name(name.to_string()))
}

fn zero() -> Expr {
    lit(ScalarValue::Decimal128(Some(0), 38, 2))
}

/// 1 where `cond` is true, else 0 (a cast, not a CASE).
fn one_if(cond: Expr) -> Result<Expr, BatchError> {
    Ok(cast(cond.is_true(), DataType::Int64))
}

/// A batch function of the simulation's tallies (`tally.rs`).
fn tally(op: Op, ret: DataType, args: Vec<Expr>) -> Expr {
    OsFn::new(op, vec![], Part::Value, ret).call(args)
}

/// The benefit output of a measure (see the module doc).
pub fn benefit_of(program: &Program, outputs: &[OutputRef], chosen: &[String]) -> Option<String> {
    let money: Vec<String> = outputs
        .iter()
        .filter_map(|o| match o {
            OutputRef::Def(d) if program.defs[d.index()].ty == Type::Money => {
                Some(program.defs[d.index()].name.clone())
            }
            _ => None,
        })
        .collect();
    if let Some(n) = money.iter().find(|n| chosen.contains(n)) {
        return Some(n.clone());
    }
    if !chosen.is_empty() {
        return None;
    }
    BENEFIT_SUFFIXES
        .iter()
        .find_map(|s| money.iter().find(|n| n.ends_with(s)).cloned())
}

/// The aggregate plan of a simulation over the population `df`, and its layout.
pub fn plan(sim: &Simulation, df: DataFrame) -> Result<(DataFrame, Layout), BatchError> {
    let be = entity_of(sim.baseline, &sim.entity)?;
    let re = entity_of(sim.reform, &sim.entity)?;
    let arrow_schema = df.schema().as_arrow().clone();
    let sb = check_population(sim.baseline, be, &arrow_schema)?;
    let sr = check_population(sim.reform, re, &arrow_schema)?;
    let mut steps = Steps::default();
    let opts = |prefix: &str| Options {
        missing_lists: false,
        prefix: prefix.into(),
        measures: sim.measures.clone(),
    };
    let pb = |n: &str| sb.present.contains(n);
    let pr = |n: &str| sr.present.contains(n);
    let cb = compile_entity(sim.baseline, be, sim.date, &pb, &opts("b:"), &mut steps)?;
    let cr = compile_entity(sim.reform, re, sim.date, &pr, &opts("r:"), &mut steps)?;
    // A reform output computed exactly as the baseline's (nothing it depends on
    // changed) is not computed twice: its column is the baseline's.
    let mut baseline_of: std::collections::HashMap<Expr, String> = Default::default();
    for e in &cb.outputs {
        if let Expr::Alias(a) = e {
            baseline_of.insert((*a.expr).clone(), a.name.clone());
        }
    }
    let mut same: std::collections::HashMap<String, String> = Default::default();
    // Eligibility as booleans (counted without comparing status texts), money
    // in the internal representation (converted to fen only where counted).
    let extra = |c: &crate::Compiled, p: &str| -> Vec<(Expr, String)> {
        let el = c
            .eligibility
            .iter()
            .map(|(id, v)| (v.clone(), format!("{p}{id}.eligible")));
        let money = c
            .money
            .iter()
            .map(|(name, v)| (v.clone(), format!("{p}{name}@internal")));
        el.chain(money).collect()
    };
    let baseline_extra = extra(&cb, "b:");
    let reform_extra = extra(&cr, "r:");
    let mut finals = cb.outputs;
    for (v, name) in baseline_extra {
        baseline_of.insert(v.clone(), name.clone());
        finals.push(v.alias(name));
    }
    let reform_outputs = cr
        .outputs
        .into_iter()
        .chain(reform_extra.into_iter().map(|(v, name)| v.alias(name)));
    for e in reform_outputs {
        match &e {
            Expr::Alias(a) if baseline_of.contains_key(&a.expr) => {
                same.insert(a.name.clone(), baseline_of[&a.expr].clone());
            }
            _ => finals.push(e),
        }
    }
    // The column of a reform output (`r:` name), shared or its own.
    let rc = |name: &str| -> Expr {
        let r = format!("r:{name}");
        c(same.get(&r).unwrap_or(&r))
    };
    let by: Vec<String> = sim
        .by
        .iter()
        .filter(|k| arrow_schema.field_with_name(k).is_ok())
        .cloned()
        .collect();
    for k in &by {
        finals.push(cast(c(k), DataType::Utf8).alias(format!("by:{k}")));
    }
    if crate::timing() {
        eprintln!(
            "simulation plan: {} columns computed, {} emissions shared (the reform's unchanged definitions among them)",
            steps.list.len(),
            steps.shared
        );
    }
    let out = apply_steps(df, &steps, finals)?;

    // Per row: statuses, benefits, the gain and its bucket.
    let reform_measures: Vec<&str> = cr.measures.iter().map(|s| s.as_str()).collect();
    let mut layout = Layout {
        measures: Vec::new(),
        by: by.clone(),
    };
    let reform_values: Vec<&str> = cr.values.iter().map(|(n, _)| n.as_str()).collect();
    let mut row: Vec<Expr> = by
        .iter()
        .map(|k| {
            when(c(&format!("by:{k}")).is_null(), lit("(unknown)"))
                .otherwise(c(&format!("by:{k}")))
                .map(|e| e.alias(format!("k:{k}")))
        })
        .collect::<Result<_, _>>()?;
    let mut gain_parts: Vec<Expr> = Vec::new();
    let mut base_parts: Vec<Expr> = Vec::new();
    let mut reform_parts: Vec<Expr> = Vec::new();
    for (k, (_, m)) in sim.baseline.measures_of(be).enumerate() {
        if !reform_measures.contains(&m.id.as_str()) {
            continue;
        }
        let money: Vec<String> = m
            .outputs
            .iter()
            .filter_map(|o| match o {
                OutputRef::Def(d) if sim.baseline.defs[d.index()].ty == Type::Money => {
                    Some(sim.baseline.defs[d.index()].name.clone())
                }
                _ => None,
            })
            .filter(|n| reform_values.contains(&n.as_str()))
            .collect();
        let benefit = benefit_of(sim.baseline, &m.outputs, &sim.benefits)
            .filter(|n| reform_values.contains(&n.as_str()));
        let sb = c(&format!("b:{}.eligible", m.id));
        let sr = rc(&format!("{}.eligible", m.id));
        row.push(sb.clone().alias(format!("sb{k}")));
        row.push(sr.clone().alias(format!("sr{k}")));
        let counted = |eligible: Expr, value: Expr| -> Result<Expr, BatchError> {
            Ok(tally(
                Op::WhereTrue,
                DataType::Decimal128(38, 2),
                vec![eligible, value],
            ))
        };
        let shared_eligibility = same.contains_key(&format!("r:{}.eligible", m.id));
        let mut shared_outputs = Vec::new();
        for (j, name) in money.iter().enumerate() {
            let (vb, vr) = (
                c(&format!("b:{name}@internal")),
                rc(&format!("{name}@internal")),
            );
            let shared = shared_eligibility && same.contains_key(&format!("r:{name}@internal"));
            shared_outputs.push(shared);
            row.push(counted(sb.clone(), vb)?.alias(format!("ob{k}_{j}")));
            if !shared {
                row.push(counted(sr.clone(), vr)?.alias(format!("or{k}_{j}")));
            }
        }
        if let Some(b) = &benefit {
            let bb = counted(sb.clone(), c(&format!("b:{b}@internal")))?;
            let br = counted(sr.clone(), rc(&format!("{b}@internal")))?;
            base_parts.push(bb.clone());
            reform_parts.push(br.clone());
            // Status and benefit shared with the baseline: no gain on any row.
            let unchanged = shared_eligibility && same.contains_key(&format!("r:{b}@internal"));
            if !unchanged {
                gain_parts.push(br - bb);
            }
        }
        layout.measures.push(MeasureLayout {
            id: m.id.clone(),
            title: m.title.best("en").to_string(),
            benefit,
            money_outputs: money,
            shared_eligibility,
            shared_outputs,
        });
    }
    let total = |parts: Vec<Expr>| parts.into_iter().reduce(|a, b| a + b).unwrap_or_else(zero);
    row.push(total(gain_parts).alias("gain"));
    row.push(total(base_parts).alias("benefit_b"));
    row.push(total(reform_parts).alias("benefit_r"));
    let rows = out.select(row)?;

    // The gain's bucket: 0 for none, +-(1 + k) for gains from 10^(k-1) yuan.
    let bucket = tally(
        Op::Bucket {
            edges: EDGES.to_vec(),
        },
        DataType::Int32,
        vec![c("gain")],
    );
    let mut group: Vec<Expr> = by.iter().map(|k| c(&format!("k:{k}"))).collect();
    group.push(bucket.alias("bucket"));
    let mut aggs: Vec<Expr> = vec![
        count(lit(1i64)).alias("rows"),
        sum(c("gain")).alias("gain"),
        sum(one_if(c("gain").gt(zero()))?).alias("winners"),
        sum(one_if(c("gain").lt(zero()))?).alias("losers"),
        sum(one_if(c("benefit_b").gt(zero()))?).alias("beneficiaries_b"),
        sum(one_if(c("benefit_r").gt(zero()))?).alias("beneficiaries_r"),
        sum(c("benefit_b")).alias("benefit_b"),
        sum(c("benefit_r")).alias("benefit_r"),
    ];
    for (k, (_, m)) in sim.baseline.measures_of(be).enumerate() {
        let Some(ml) = layout.measures.iter().find(|x| x.id == m.id) else {
            continue;
        };
        // Eligible: true; undetermined: NULL (the status text's own rule).
        let (sb, sr) = (c(&format!("sb{k}")), c(&format!("sr{k}")));
        aggs.push(sum(one_if(sb.clone().is_true())?).alias(format!("eb{k}")));
        aggs.push(sum(one_if(sb.clone().is_null())?).alias(format!("ub{k}")));
        if !ml.shared_eligibility {
            aggs.push(sum(one_if(sr.clone().is_true())?).alias(format!("er{k}")));
            aggs.push(sum(one_if(sr.clone().is_null())?).alias(format!("ur{k}")));
            aggs.push(
                sum(one_if(sb.clone().is_not_true().and(sr.clone().is_true()))?)
                    .alias(format!("gained{k}")),
            );
            aggs.push(sum(one_if(sb.is_true().and(sr.is_not_true()))?).alias(format!("lost{k}")));
        }
        for (j, shared) in ml.shared_outputs.iter().enumerate() {
            aggs.push(sum(c(&format!("ob{k}_{j}"))).alias(format!("ob{k}_{j}")));
            if !shared {
                aggs.push(sum(c(&format!("or{k}_{j}"))).alias(format!("or{k}_{j}")));
            }
        }
    }
    // Measures are addressed by their index among the baseline's measures of the entity.
    let mut numbered = layout.clone();
    numbered.measures = Vec::new();
    for (k, (_, m)) in sim.baseline.measures_of(be).enumerate() {
        if let Some(ml) = layout.measures.iter().find(|x| x.id == m.id) {
            let mut ml = ml.clone();
            ml.id = format!("{k}|{}", ml.id);
            numbered.measures.push(ml);
        }
    }
    Ok((rows.aggregate(group, aggs)?, numbered))
}

/// Money as text, exact to the fen.
fn money(d: Decimal) -> String {
    format!("{:.2}", d)
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Group {
    pub key: String,
    pub rows: u64,
    pub winners: u64,
    pub losers: u64,
    pub cost: String,
    #[serde(skip)]
    pub cost_exact: Decimal,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutputTotal {
    pub name: String,
    pub baseline: String,
    pub reform: String,
    pub change: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct MeasureSummary {
    pub id: String,
    pub title: String,
    pub benefit_output: Option<String>,
    pub eligible_baseline: u64,
    pub eligible_reform: u64,
    pub undetermined_baseline: u64,
    pub undetermined_reform: u64,
    pub newly_eligible: u64,
    pub no_longer_eligible: u64,
    /// Money outputs totalled over eligible rows.
    pub outputs: Vec<OutputTotal>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Bucket {
    pub label: String,
    /// Lower bound in yuan (inclusive), signed.
    pub from: i64,
    pub rows: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub rows: u64,
    pub beneficiaries_baseline: u64,
    pub beneficiaries_reform: u64,
    pub winners: u64,
    pub losers: u64,
    pub unchanged: u64,
    pub benefits_baseline: String,
    pub benefits_reform: String,
    /// Sum of gains: what the reform costs (tax expenditure or subsidy).
    pub cost: String,
}

/// The result of a simulation, as written to `report.json`.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub entity: String,
    pub date: String,
    pub population: String,
    pub reform: String,
    pub reform_title: String,
    pub baseline_version: String,
    pub reform_version: String,
    pub totals: Totals,
    pub measures: Vec<MeasureSummary>,
    /// Breakdown key (district, zgc_park, industry) -> groups, by cost.
    pub by: BTreeMap<String, Vec<Group>>,
    pub gain_distribution: Vec<Bucket>,
    pub warnings: Vec<String>,
}

fn bucket_label(b: i32) -> (String, i64) {
    let fmt = |y: i64| onestop_lang::types::group_thousands(Decimal::from(y), 0);
    match b {
        0 => ("no change".into(), 0),
        1 => ("gain under 10 yuan".into(), 0),
        -1 => ("loss under 10 yuan".into(), 0),
        b => {
            let k = (b.unsigned_abs() - 1) as usize;
            let lo = EDGES[k];
            let hi = EDGES
                .get(k + 1)
                .map(|h| fmt(*h))
                .unwrap_or_else(|| "more".into());
            let what = if b > 0 { "gain" } else { "loss" };
            (
                format!("{what} {} to {hi} yuan", fmt(lo)),
                if b > 0 { lo } else { -lo },
            )
        }
    }
}

/// What [`summarise`] gives: totals, per measure, per breakdown, gain buckets.
pub type Summary = (
    Totals,
    Vec<MeasureSummary>,
    BTreeMap<String, Vec<Group>>,
    Vec<Bucket>,
);

/// Sums the aggregate's groups into a report.
pub fn summarise(batches: &[RecordBatch], layout: &Layout) -> Result<Summary, BatchError> {
    let int = |b: &RecordBatch, name: &str, i: usize| -> u64 {
        b.column_by_name(name)
            .and_then(|c| {
                c.as_primitive_opt::<Int64Type>()
                    .map(|a| if a.is_null(i) { 0 } else { a.value(i) })
            })
            .unwrap_or(0)
            .max(0) as u64
    };
    let dec = |b: &RecordBatch, name: &str, i: usize| -> Decimal {
        b.column_by_name(name)
            .and_then(|c| {
                let s = match c.data_type() {
                    DataType::Decimal128(_, s) => *s as u32,
                    _ => return None,
                };
                let a = c.as_primitive::<Decimal128Type>();
                Some(if a.is_null(i) {
                    Decimal::ZERO
                } else {
                    Decimal::from_i128_with_scale(a.value(i), s)
                })
            })
            .unwrap_or(Decimal::ZERO)
    };
    let text = |b: &RecordBatch, name: &str, i: usize| -> String {
        b.column_by_name(name)
            .and_then(|c| datafusion::arrow::compute::cast(c, &DataType::Utf8).ok())
            .map(|a| a.as_string::<i32>().value(i).to_string())
            .unwrap_or_default()
    };
    let (mut rows, mut winners, mut losers, mut bb, mut br) = (0u64, 0u64, 0u64, 0u64, 0u64);
    let (mut cost, mut benefit_b, mut benefit_r) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    let n = layout.measures.len();
    let mut counts = vec![[0u64; 6]; n];
    let mut outs: Vec<Vec<(Decimal, Decimal)>> = layout
        .measures
        .iter()
        .map(|m| vec![(Decimal::ZERO, Decimal::ZERO); m.money_outputs.len()])
        .collect();
    let mut by: BTreeMap<String, BTreeMap<String, Group>> = BTreeMap::new();
    let mut buckets: BTreeMap<i32, u64> = BTreeMap::new();
    for b in batches {
        for i in 0..b.num_rows() {
            let r = int(b, "rows", i);
            let g = dec(b, "gain", i);
            let (w, l) = (int(b, "winners", i), int(b, "losers", i));
            rows += r;
            winners += w;
            losers += l;
            bb += int(b, "beneficiaries_b", i);
            br += int(b, "beneficiaries_r", i);
            cost += g;
            benefit_b += dec(b, "benefit_b", i);
            benefit_r += dec(b, "benefit_r", i);
            let bucket = b
                .column_by_name("bucket")
                .and_then(|c| {
                    c.as_primitive_opt::<datafusion::arrow::datatypes::Int32Type>()
                        .map(|a| a.value(i))
                })
                .unwrap_or(0);
            *buckets.entry(bucket).or_default() += r;
            for key in &layout.by {
                let v = text(b, &format!("k:{key}"), i);
                let e = by
                    .entry(key.clone())
                    .or_default()
                    .entry(v.clone())
                    .or_insert_with(|| Group {
                        key: v,
                        ..Group::default()
                    });
                e.rows += r;
                e.winners += w;
                e.losers += l;
                e.cost_exact += g;
            }
            for (m, ml) in layout.measures.iter().enumerate() {
                let k = ml.id.split('|').next().unwrap_or("0");
                // A shared eligibility: the reform's counts are the baseline's,
                // and no row gains or loses it.
                let slots: [&str; 6] = if ml.shared_eligibility {
                    ["eb", "eb", "ub", "ub", "", ""]
                } else {
                    ["eb", "er", "ub", "ur", "gained", "lost"]
                };
                for (slot, prefix) in slots.iter().enumerate() {
                    if !prefix.is_empty() {
                        counts[m][slot] += int(b, &format!("{prefix}{k}"), i);
                    }
                }
                for (j, o) in outs[m].iter_mut().enumerate() {
                    let base = dec(b, &format!("ob{k}_{j}"), i);
                    o.0 += base;
                    o.1 += if ml.shared_outputs.get(j).copied().unwrap_or(false) {
                        base
                    } else {
                        dec(b, &format!("or{k}_{j}"), i)
                    };
                }
            }
        }
    }
    let totals = Totals {
        rows,
        beneficiaries_baseline: bb,
        beneficiaries_reform: br,
        winners,
        losers,
        unchanged: rows - winners - losers,
        benefits_baseline: money(benefit_b),
        benefits_reform: money(benefit_r),
        cost: money(cost),
    };
    let measures = layout
        .measures
        .iter()
        .enumerate()
        .map(|(m, ml)| MeasureSummary {
            id: ml.id.split('|').nth(1).unwrap_or(&ml.id).to_string(),
            title: ml.title.clone(),
            benefit_output: ml.benefit.clone(),
            eligible_baseline: counts[m][0],
            eligible_reform: counts[m][1],
            undetermined_baseline: counts[m][2],
            undetermined_reform: counts[m][3],
            newly_eligible: counts[m][4],
            no_longer_eligible: counts[m][5],
            outputs: ml
                .money_outputs
                .iter()
                .zip(&outs[m])
                .map(|(name, (b, r))| OutputTotal {
                    name: name.clone(),
                    baseline: money(*b),
                    reform: money(*r),
                    change: money(*r - *b),
                })
                .collect(),
        })
        .collect();
    let by = by
        .into_iter()
        .map(|(k, groups)| {
            let mut v: Vec<Group> = groups
                .into_values()
                .map(|mut g| {
                    g.cost = money(g.cost_exact);
                    g
                })
                .collect();
            v.sort_by(|a, b| b.cost_exact.cmp(&a.cost_exact).then(a.key.cmp(&b.key)));
            (k, v)
        })
        .collect();
    let dist = buckets
        .into_iter()
        .map(|(b, rows)| {
            let (label, from) = bucket_label(b);
            Bucket { label, from, rows }
        })
        .collect();
    Ok((totals, measures, by, dist))
}

/// Runs a simulation over a population file, embedded. `progress` is called with
/// the number of rows read so far.
pub async fn run(
    sim: &Simulation<'_>,
    population: &std::path::Path,
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<Report, BatchError> {
    run_on(&crate::session(), sim, population, progress).await
}

/// Runs a simulation in the session `ctx`: embedded ([`crate::session`]) or a
/// cluster's client session, where the same plan is shipped to the executors.
pub async fn run_on(
    ctx: &datafusion::prelude::SessionContext,
    sim: &Simulation<'_>,
    population: &std::path::Path,
    progress: Option<&(dyn Fn(u64) + Sync)>,
) -> Result<Report, BatchError> {
    let df = crate::open_population(ctx, population).await?;
    let be = entity_of(sim.baseline, &sim.entity)?;
    let schema = check_population(sim.baseline, be, df.schema().as_arrow())?;
    let mut warnings = schema.warnings();
    warnings.retain(|w| {
        !sim.by
            .iter()
            .any(|k| w.starts_with(&format!("column `{k}`")))
    });
    let (agg, layout) = plan(sim, df)?;
    let physical = agg.create_physical_plan().await?;
    let task = ctx.task_ctx();
    let watched = physical.clone();
    let fut = datafusion::physical_plan::collect(physical, task);
    let batches = match progress {
        None => fut.await?,
        Some(p) => {
            tokio::pin!(fut);
            loop {
                tokio::select! {
                    r = &mut fut => break r?,
                    _ = tokio::time::sleep(std::time::Duration::from_millis(200)) => p(rows_scanned(&watched)),
                }
            }
        }
    };
    crate::profile::dump();
    let (totals, measures, by, gain_distribution) = summarise(&batches, &layout)?;
    if let Some(p) = progress {
        p(totals.rows);
    }
    Ok(Report {
        entity: sim.entity.clone(),
        date: sim.date.to_string(),
        population: population.display().to_string(),
        reform: sim
            .reform
            .reform
            .as_ref()
            .map(|r| r.id.clone())
            .unwrap_or_default(),
        reform_title: sim
            .reform
            .reform
            .as_ref()
            .map(|r| r.title.best("en").to_string())
            .unwrap_or_default(),
        baseline_version: sim.baseline.version.clone(),
        reform_version: sim.reform.version.clone(),
        totals,
        measures,
        by,
        gain_distribution,
        warnings,
    })
}

/// Rows produced so far by the plan's leaves (the population scan).
fn rows_scanned(plan: &std::sync::Arc<dyn datafusion::physical_plan::ExecutionPlan>) -> u64 {
    let children = plan.children();
    if children.is_empty() {
        return plan.metrics().and_then(|m| m.output_rows()).unwrap_or(0) as u64;
    }
    children.into_iter().map(rows_scanned).sum()
}
