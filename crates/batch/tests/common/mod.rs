//! Shared by the batch crate's tests: loading rules, random populations generated
//! from a program's input types (with NULLs and the rules' boundary values), and
//! rendering values of both evaluators the same way.
#![allow(dead_code)]

use chrono::{Datelike, NaiveDate};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder,
    ListBuilder, RecordBatch, StringBuilder,
};
use datafusion::arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Field, Int64Type, Schema,
};
use onestop_batch::repr::date_to_days;
use onestop_engine::Facts;
use onestop_lang::types::{Duration, Type, Value};
use onestop_lang::{EntityId, Program, RuleSet, TExpr, TKind};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;

pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The baseline program of a rules directory and one program per shipped reform.
pub fn programs(dir: &Path) -> Vec<(String, Program)> {
    let set = RuleSet::load_dir(dir).expect("rules load");
    let mut out = Vec::new();
    let (p, diags) = set.check(None);
    let p = p.unwrap_or_else(|| panic!("rules in {} do not check: {diags:?}", dir.display()));
    out.push(("baseline".to_string(), p));
    for (i, r) in set.reforms.iter().enumerate() {
        let (p, diags) = set.check(Some(i));
        let p = p.unwrap_or_else(|| panic!("reform {} does not check: {diags:?}", r.id));
        out.push((format!("reform {}", r.id), p));
    }
    out
}

/// Values that sit on the rules' boundaries, by type: constants in expressions,
/// parameter values and the dates they change on.
#[derive(Default)]
pub struct Boundaries {
    pub ints: Vec<i64>,
    pub money: Vec<Decimal>,
    pub numbers: Vec<Decimal>,
    pub dates: Vec<NaiveDate>,
}

fn collect(e: &TExpr, b: &mut Boundaries) {
    e.walk(&mut |x| {
        if let TKind::Const(v) = &x.kind {
            add_value(v, b);
        }
    });
}

fn add_value(v: &Value, b: &mut Boundaries) {
    match v {
        Value::Int(i) => b.ints.push(*i),
        Value::Money(d) => {
            b.money.push(*d);
            b.money.push(*d + Decimal::new(1, 2));
            b.money.push(*d - Decimal::new(1, 2));
        }
        Value::Decimal(d) | Value::Rate(d) => b.numbers.push(*d),
        Value::Date(d) => {
            b.dates.push(*d);
            b.dates.extend(d.pred_opt());
            b.dates.extend(d.succ_opt());
        }
        Value::Set(items) => items.iter().for_each(|i| add_value(i, b)),
        _ => {}
    }
}

pub fn boundaries(p: &Program) -> Boundaries {
    let mut b = Boundaries::default();
    for d in &p.defs {
        collect(&d.default, &mut b);
        for ex in &d.exceptions {
            collect(&ex.cond, &mut b);
            collect(&ex.value, &mut b);
        }
    }
    for m in &p.measures {
        collect(&m.eligible, &mut b);
    }
    for par in &p.params {
        for v in &par.values {
            add_value(&v.value, &mut b);
            for d in [Some(v.from), v.to].into_iter().flatten() {
                add_value(&Value::Date(d), &mut b);
                b.ints.push(d.year() as i64);
                b.ints.push(d.year() as i64 - 1);
                b.ints.push(d.year() as i64 + 1);
            }
        }
    }
    // The calendar's edges, and integers that overflow or make no date.
    for d in [
        "2018-12-31",
        "2019-01-01",
        "2026-12-31",
        "2027-01-01",
        "2024-02-29",
        // Month and year ends (date arithmetic clamps to the last day).
        "2023-01-31",
        "2023-02-28",
        "2023-03-31",
        "2023-04-30",
        "2024-01-31",
        "2024-12-31",
        "2100-02-28",
        "2000-02-29",
    ] {
        b.dates.push(NaiveDate::from_str(d).expect("date"));
    }
    b.ints.extend([
        0,
        1,
        -1,
        2,
        5,
        6,
        3,
        300_000,
        i64::MAX,
        i64::MIN,
        2019,
        2020,
        2021,
        2022,
    ]);
    b.money.extend([
        Decimal::ZERO,
        Decimal::new(1, 2),
        Decimal::new(5, 0),
        Decimal::new(-1, 2),
        // Amounts whose halves, tenths and percentages end on half a fen.
        Decimal::new(5, 2),
        Decimal::new(15, 2),
        Decimal::new(-15, 2),
        Decimal::new(125, 2),
        Decimal::new(1_000_005, 1),
        // The edges of 64-bit fen (what DECIMAL(18, 2) and i64 hold) and beyond.
        Decimal::new(i64::MAX, 2),
        Decimal::new(i64::MIN + 1, 2),
        Decimal::new(999_999_999_999_999_999, 2),
        Decimal::from_i128_with_scale(10i128.pow(20) + 1, 2),
        // Near rust_decimal's largest mantissa (2^96 - 1) at the fen.
        Decimal::from_i128_with_scale((1i128 << 96) - 1, 2),
        -Decimal::from_i128_with_scale((1i128 << 96) - 1, 2),
    ]);
    b.numbers.extend([
        Decimal::ZERO,
        Decimal::ONE,
        Decimal::new(5, 1),
        Decimal::new(25, 1),
        Decimal::new(5, 3),
        Decimal::new(1005, 3),
        Decimal::new(-3, 0),
    ]);
    b
}

/// A random population of `n` rows for `entity`: the Arrow batch (with an `id`
/// column) and the same rows as scalar facts.
pub fn population(p: &Program, entity: EntityId, n: usize, seed: u64) -> (RecordBatch, Vec<Facts>) {
    let b = boundaries(p);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut facts: Vec<Facts> = (0..n).map(|_| Facts::empty(p, entity)).collect();
    let mut fields = vec![Field::new("id", DataType::Int64, false)];
    let mut cols: Vec<ArrayRef> = vec![Arc::new(datafusion::arrow::array::Int64Array::from(
        (0..n as i64).collect::<Vec<_>>(),
    ))];
    for (id, input) in p.inputs_of(entity) {
        let null_share = rng.random_range(0.05..0.4);
        let mut vals: Vec<Option<Value>> = Vec::with_capacity(n);
        for _ in 0..n {
            if rng.random_bool(null_share) {
                vals.push(None);
            } else {
                vals.push(Some(random_value(p, &input.ty, &b, &mut rng)));
            }
        }
        let (field, col) = column(p, &input.name, &input.ty, &vals, &mut rng);
        fields.push(field);
        cols.push(col);
        for (f, v) in facts.iter_mut().zip(vals) {
            f.set(id, v);
        }
    }
    let batch = RecordBatch::try_new(Arc::new(Schema::new(fields)), cols).expect("batch");
    // The facts must be what the batch side reads from the columns (e.g. money at scale 2).
    let facts = facts_of_batch(p, entity, &batch);
    (batch, facts)
}

fn pick<T: Clone>(rng: &mut ChaCha8Rng, pool: &[T]) -> Option<T> {
    if pool.is_empty() {
        None
    } else {
        Some(pool[rng.random_range(0..pool.len())].clone())
    }
}

fn random_value(p: &Program, ty: &Type, b: &Boundaries, rng: &mut ChaCha8Rng) -> Value {
    let boundary = rng.random_bool(0.5);
    match ty {
        Type::Bool => Value::Bool(rng.random_bool(0.5)),
        Type::Int => Value::Int(
            pick(rng, &b.ints)
                .filter(|_| boundary)
                .unwrap_or_else(|| rng.random_range(-20..40)),
        ),
        Type::Money => {
            let d = pick(rng, &b.money).filter(|_| boundary).unwrap_or_else(|| {
                let scale = if rng.random_bool(0.1) {
                    1_000_000_000_000i64
                } else {
                    100_000_000
                };
                Decimal::new(rng.random_range(-1000..scale), 2)
            });
            Value::Money(d.round_dp(2))
        }
        Type::Decimal | Type::Rate => {
            let d = pick(rng, &b.numbers)
                .filter(|_| boundary)
                .unwrap_or_else(|| Decimal::new(rng.random_range(-2000..20000), 4));
            if *ty == Type::Rate {
                Value::Rate(d)
            } else {
                Value::Decimal(d)
            }
        }
        Type::Date => Value::Date(pick(rng, &b.dates).filter(|_| boundary).unwrap_or_else(|| {
            NaiveDate::from_ymd_opt(2015, 1, 1).expect("date")
                + chrono::Days::new(rng.random_range(0..365 * 16))
        })),
        Type::Duration => {
            let n = rng.random_range(-3..40);
            Value::Duration(match rng.random_range(0..3) {
                0 => Duration { months: 0, days: n },
                1 => Duration { months: n, days: 0 },
                _ => Duration {
                    months: n * 12,
                    days: 0,
                },
            })
        }
        Type::Text => Value::Text(
            pick(rng, &["alpha", "beta", "gamma"])
                .unwrap_or("alpha")
                .into(),
        ),
        Type::Enum(e) => {
            let k = p.enums[e.0 as usize].values.len() as u32;
            Value::Enum(*e, rng.random_range(0..k.max(1)))
        }
        Type::Set(inner) => {
            let mut items = Vec::new();
            if let Type::Enum(e) = inner.as_ref() {
                for k in 0..p.enums[e.0 as usize].values.len() as u32 {
                    if rng.random_bool(0.4) {
                        items.push(Value::Enum(*e, k));
                    }
                }
            }
            Value::set(items)
        }
    }
}

/// One population column: money as decimal(38,2), decimals as decimal(20,4),
/// rates as text (some as percentages), dates as date32, the rest as text.
fn column(
    p: &Program,
    name: &str,
    ty: &Type,
    vals: &[Option<Value>],
    rng: &mut ChaCha8Rng,
) -> (Field, ArrayRef) {
    match ty {
        Type::Bool => {
            let mut b = BooleanBuilder::new();
            vals.iter()
                .for_each(|v| b.append_option(v.as_ref().and_then(|v| v.as_bool())));
            (
                Field::new(name, DataType::Boolean, true),
                Arc::new(b.finish()),
            )
        }
        Type::Int => {
            let mut b = Int64Builder::new();
            for v in vals {
                b.append_option(match v {
                    Some(Value::Int(i)) => Some(*i),
                    _ => None,
                });
            }
            (
                Field::new(name, DataType::Int64, true),
                Arc::new(b.finish()),
            )
        }
        Type::Money | Type::Decimal => {
            let scale = if *ty == Type::Money { 2 } else { 4 };
            // Money as DECIMAL(18, 2) (stored as INT64, the generated layout) when
            // every amount fits, on a coin toss; decimal(38, 2) otherwise.
            let fits = vals.iter().flatten().all(|v| {
                v.as_decimal()
                    .is_some_and(|d| d.abs() < Decimal::new(10_000_000_000_000_000, 0))
            });
            let narrow = *ty == Type::Money && fits && rng.random_bool(0.5);
            let mut b = Decimal128Builder::new();
            for v in vals {
                b.append_option(v.as_ref().and_then(|v| v.as_decimal()).map(|d| {
                    let mut d = d;
                    d.rescale(scale);
                    d.mantissa()
                }));
            }
            let prec = if narrow {
                18
            } else if *ty == Type::Money {
                38
            } else {
                20
            };
            let arr = b
                .finish()
                .with_precision_and_scale(prec, scale as i8)
                .expect("decimal");
            (
                Field::new(name, DataType::Decimal128(prec, scale as i8), true),
                Arc::new(arr),
            )
        }
        Type::Date => {
            let mut b = Date32Builder::new();
            for v in vals {
                b.append_option(match v {
                    Some(Value::Date(d)) => Some(date_to_days(*d)),
                    _ => None,
                });
            }
            (
                Field::new(name, DataType::Date32, true),
                Arc::new(b.finish()),
            )
        }
        Type::Set(_) => {
            let mut b = ListBuilder::new(StringBuilder::new());
            for v in vals {
                match v {
                    Some(Value::Set(items)) => {
                        for it in items.iter() {
                            b.values().append_value(p.show(it));
                        }
                        b.append(true);
                    }
                    _ => b.append(false),
                }
            }
            (
                Field::new(
                    name,
                    DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                    true,
                ),
                Arc::new(b.finish()),
            )
        }
        _ => {
            let mut b = StringBuilder::new();
            for v in vals {
                b.append_option(v.as_ref().map(|v| match v {
                    Value::Rate(d) if rng.random_bool(0.5) => {
                        format!("{}%", (d * Decimal::ONE_HUNDRED).normalize())
                    }
                    Value::Rate(d) => d.to_string(),
                    Value::Text(t) => t.to_string(),
                    Value::Duration(d) if d.months == 0 => format!("{} days", d.days),
                    Value::Duration(d) => format!("{} months", d.months),
                    other => p.show(other),
                }));
            }
            let text: ArrayRef = Arc::new(b.finish());
            // Enumerations dictionary-encoded (as generated populations have them)
            // on a coin toss.
            if matches!(ty, Type::Enum(_)) && rng.random_bool(0.5) {
                let dt = DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8));
                let dict = datafusion::arrow::compute::cast(&text, &dt).expect("dictionary");
                return (Field::new(name, dt, true), dict);
            }
            (Field::new(name, DataType::Utf8, true), text)
        }
    }
}

/// The scalar facts of every row of a population batch, read the way the batch
/// evaluator reads the columns (money at the column's scale, rates from text).
pub fn facts_of_batch(p: &Program, entity: EntityId, batch: &RecordBatch) -> Vec<Facts> {
    let n = batch.num_rows();
    let mut facts: Vec<Facts> = (0..n).map(|_| Facts::empty(p, entity)).collect();
    for (id, input) in p.inputs_of(entity) {
        let Some(col) = batch.column_by_name(&input.name) else {
            continue;
        };
        // Dictionary-encoded text (enumerations of generated populations) as text.
        let col = match col.data_type() {
            DataType::Dictionary(_, _) => {
                datafusion::arrow::compute::cast(col, &DataType::Utf8).expect("dictionary")
            }
            _ => col.clone(),
        };
        for (i, f) in facts.iter_mut().enumerate() {
            if col.is_null(i) {
                continue;
            }
            let v = match (&input.ty, col.data_type()) {
                (Type::Bool, _) => Value::Bool(col.as_boolean().value(i)),
                (Type::Int, _) => Value::Int(col.as_primitive::<Int64Type>().value(i)),
                (t @ (Type::Money | Type::Decimal | Type::Rate), DataType::Decimal128(_, s)) => {
                    let d = Decimal::from_i128_with_scale(
                        col.as_primitive::<Decimal128Type>().value(i),
                        *s as u32,
                    );
                    match t {
                        Type::Money => Value::Money(d),
                        Type::Rate => Value::Rate(d),
                        _ => Value::Decimal(d),
                    }
                }
                (Type::Date, _) => Value::Date(
                    onestop_batch::repr::days_to_date(col.as_primitive::<Date32Type>().value(i))
                        .expect("date"),
                ),
                (Type::Set(_), _) => {
                    let items = col.as_list::<i32>().value(i);
                    let names: Vec<serde_json::Value> = items
                        .as_string::<i32>()
                        .iter()
                        .flatten()
                        .map(|s| serde_json::Value::String(s.to_string()))
                        .collect();
                    onestop_engine::value_from_json(p, &input.ty, &serde_json::Value::Array(names))
                        .expect("set")
                }
                (t, _) => {
                    let s = col.as_string::<i32>().value(i).to_string();
                    onestop_engine::value_from_json(p, t, &serde_json::Value::String(s))
                        .expect("value")
                }
            };
            f.set(id, Some(v));
        }
    }
    facts
}

/// A scalar value as the batch output shows it (decimals normalised).
pub fn show_value(p: &Program, v: &Value) -> String {
    match v {
        Value::Money(d) | Value::Decimal(d) | Value::Rate(d) => d.normalize().to_string(),
        Value::Int(i) => i.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Date(d) => d.format("%Y-%m-%d").to_string(),
        Value::Duration(d) => d.to_string(),
        Value::Text(t) => t.to_string(),
        Value::Enum(e, i) => p.variant_name(*e, *i).to_string(),
        Value::Set(items) => format!(
            "{{{}}}",
            items
                .iter()
                .map(|i| show_value(p, i))
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// One cell of a batch output, shown like `show_value`; None for NULL.
pub fn show_cell(col: &ArrayRef, i: usize) -> Option<String> {
    if col.is_null(i) {
        return None;
    }
    Some(match col.data_type() {
        DataType::Utf8 => col.as_string::<i32>().value(i).to_string(),
        DataType::Utf8View => col.as_string_view().value(i).to_string(),
        DataType::Decimal128(_, s) => {
            // Trailing zeros first: money beyond 96 bits in fen can be whole yuan in range.
            let (mut m, mut s) = (col.as_primitive::<Decimal128Type>().value(i), *s as u32);
            while s > 0 && m % 10 == 0 {
                m /= 10;
                s -= 1;
            }
            Decimal::from_i128_with_scale(m, s).normalize().to_string()
        }
        DataType::Int64 => col.as_primitive::<Int64Type>().value(i).to_string(),
        DataType::Boolean => col.as_boolean().value(i).to_string(),
        DataType::Date32 => {
            onestop_batch::repr::days_to_date(col.as_primitive::<Date32Type>().value(i))
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default()
        }
        DataType::List(_) => {
            let items = col.as_list::<i32>().value(i);
            let names: Vec<String> = (0..items.len())
                .filter_map(|k| show_cell(&items, k))
                .collect();
            format!("{{{}}}", names.join(","))
        }
        other => panic!("unexpected output type {other}"),
    })
}
