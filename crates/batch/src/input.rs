//! `Op::FromRaw`: a population column to the internal representation of its
//! input's type. Text cells are read by the one literal reader
//! (`onestop_lang::literal`), the same as JSON facts given as strings, so a
//! population file and the JSON API accept and refuse the same texts. A bad
//! value fails the query with the column's name: it is a bad input file.

use crate::errors::text_view;
use crate::fast;
use crate::repr::{Ty, date_to_days, days_to_date, dec_bytes, pack_duration};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanBuilder, Date32Builder, FixedSizeBinaryBuilder, Int64Builder,
    UInt32Builder, UInt64Builder, new_null_array,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Date32Type, Int64Type};
use datafusion::common::{DataFusionError, Result};
use onestop_lang::literal;
use onestop_lang::types::Value;
use rust_decimal::Decimal;
use std::sync::Arc;

fn bad_value(column: &str, msg: String) -> DataFusionError {
    DataFusionError::Execution(format!("population column `{column}`: {msg}"))
}

fn enum_index(values: &[String], s: &str, column: &str) -> Result<u32> {
    values
        .iter()
        .position(|v| v == s)
        .map(|p| p as u32)
        .ok_or_else(|| {
            bad_value(
                column,
                format!("\"{s}\" is not one of its values ({})", values.join(", ")),
            )
        })
}

/// Every text cell of a column read as a value of `ty` (None: blank or NULL).
fn text_cells(
    a: &ArrayRef,
    column: &str,
    ty: Ty,
    mut put: impl FnMut(Option<Value>) -> Result<()>,
) -> Result<()> {
    let rule_type = ty.rule_type();
    let t = text_view(a)?;
    for cell in t.iter() {
        let v = match cell {
            None => None,
            Some(s) => literal::parse(&rule_type, s)
                .map_err(|m| bad_value(column, format!("{m}, found \"{s}\"")))?,
        };
        put(v)?;
    }
    Ok(())
}

/// A population column to the internal representation of its input's type.
pub fn from_raw(a: &ArrayRef, column: &str, ty: Ty, values: &[String]) -> Result<ArrayRef> {
    let n = a.len();
    let dt = a.data_type().clone();
    let is_text = matches!(
        dt,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Dictionary(_, _)
    );
    if matches!(dt, DataType::Null) {
        return Ok(new_null_array(&ty.internal(), n));
    }
    let unexpected = |v: &Value| {
        DataFusionError::Internal(format!("batch: the literal reader gave {v:?} for {ty:?}"))
    };
    Ok(match ty {
        Ty::Bool if !is_text => cast(a, &DataType::Boolean)?,
        Ty::Bool => {
            let mut b = BooleanBuilder::with_capacity(n);
            text_cells(a, column, ty, |v| {
                match v {
                    None => b.append_null(),
                    Some(Value::Bool(x)) => b.append_value(x),
                    Some(other) => return Err(unexpected(&other)),
                }
                Ok(())
            })?;
            Arc::new(b.finish())
        }
        Ty::Int if !is_text => cast(a, &DataType::Int64)?,
        Ty::Int => {
            let mut b = Int64Builder::with_capacity(n);
            text_cells(a, column, ty, |v| {
                match v {
                    None => b.append_null(),
                    Some(Value::Int(x)) => b.append_value(x),
                    Some(other) => return Err(unexpected(&other)),
                }
                Ok(())
            })?;
            Arc::new(b.finish())
        }
        Ty::Decimal | Ty::Rate | Ty::Money => decimals(a, column, ty, is_text)?,
        Ty::Date => {
            let days = if is_text {
                let mut b = Date32Builder::with_capacity(n);
                text_cells(a, column, ty, |v| {
                    match v {
                        None => b.append_null(),
                        Some(Value::Date(d)) => b.append_value(date_to_days(d)),
                        Some(other) => return Err(unexpected(&other)),
                    }
                    Ok(())
                })?;
                Arc::new(b.finish()) as ArrayRef
            } else {
                cast(a, &DataType::Date32)?
            };
            // Every date in a plan is a calendar date (chrono's range).
            let d = days.as_primitive::<Date32Type>();
            if let Some(i) = (0..n).find(|&i| d.is_valid(i) && days_to_date(d.value(i)).is_none()) {
                return Err(bad_value(
                    column,
                    format!("day {} since 1970 is outside the calendar", d.value(i)),
                ));
            }
            days
        }
        Ty::Duration => {
            let mut b = Int64Builder::with_capacity(n);
            text_cells(a, column, ty, |v| {
                match v {
                    None => b.append_null(),
                    Some(Value::Duration(d)) => b.append_value(pack_duration(d)),
                    Some(other) => return Err(unexpected(&other)),
                }
                Ok(())
            })?;
            Arc::new(b.finish())
        }
        Ty::Text => cast(a, &DataType::Utf8)?,
        Ty::Enum => {
            // Value names looked up in a hash table, the column read as it comes
            // (Parquet text is read as string views: no copy to Utf8); a blank
            // cell is not known, as in JSON facts.
            let index: std::collections::HashMap<&str, u32> = values
                .iter()
                .enumerate()
                .map(|(k, v)| (v.as_str(), k as u32))
                .collect();
            if let DataType::Dictionary(_, _) = &dt {
                return enum_codes(a, column, values, &index);
            }
            let mut b = UInt32Builder::with_capacity(n);
            let mut put = |v: Option<&str>| -> Result<()> {
                match v.filter(|s| !s.trim().is_empty()) {
                    None => b.append_null(),
                    Some(s) => match index.get(s) {
                        Some(k) => b.append_value(*k),
                        None => b.append_value(enum_index(values, s, column)?),
                    },
                }
                Ok(())
            };
            match &dt {
                DataType::Utf8View => a.as_string_view().iter().try_for_each(&mut put)?,
                DataType::Utf8 => a.as_string::<i32>().iter().try_for_each(&mut put)?,
                _ => text_view(a)?.iter().try_for_each(&mut put)?,
            }
            Arc::new(b.finish())
        }
        Ty::EnumSet => {
            let list = cast(
                a,
                &DataType::List(Arc::new(datafusion::arrow::datatypes::Field::new(
                    "item",
                    DataType::Utf8,
                    true,
                ))),
            )?;
            let list = list.as_list::<i32>();
            let mut b = UInt64Builder::with_capacity(n);
            for i in 0..n {
                if list.is_null(i) {
                    b.append_null();
                    continue;
                }
                let items = list.value(i);
                let t = items.as_string::<i32>();
                let mut bits = 0u64;
                for s in t.iter().flatten() {
                    bits |= 1u64 << enum_index(values, s, column)?;
                }
                b.append_value(bits);
            }
            Arc::new(b.finish())
        }
    })
}

/// Decimal, rate and money columns: exact decimals, text, integers, or (not
/// for money) floating point read through its shortest round-trip text.
fn decimals(a: &ArrayRef, column: &str, ty: Ty, is_text: bool) -> Result<ArrayRef> {
    let n = a.len();
    let mut b = FixedSizeBinaryBuilder::with_capacity(n, 16);
    let mut put = |d: Option<Decimal>, shown: &dyn Fn() -> String| -> Result<()> {
        match d {
            None => b.append_null(),
            Some(d) => {
                let d = if ty == Ty::Money {
                    literal::money(d)
                        .map_err(|m| bad_value(column, format!("{m}, found {}", shown())))?
                } else {
                    d
                };
                b.append_value(dec_bytes(d))?;
            }
        }
        Ok(())
    };
    match a.data_type() {
        DataType::Decimal128(_, s) => {
            if *s < 0 || *s > 28 {
                return Err(bad_value(
                    column,
                    format!("decimal scale {s} is outside 0..28"),
                ));
            }
            let arr = a.as_primitive::<datafusion::arrow::datatypes::Decimal128Type>();
            if ty != Ty::Money || *s <= 2 {
                // Every value is exact (money in fen at most): no check per row.
                let mut out = fast::DecOut::new(n);
                let values = arr.values();
                for i in 0..n {
                    if arr.is_null(i) {
                        out.push(None);
                        continue;
                    }
                    // The bytes straight from the mantissa; beyond 96 bits, the
                    // decimal's own refusal.
                    if out.push_parts(values[i], *s as u32).is_none() {
                        let d = Decimal::try_from_i128_with_scale(values[i], *s as u32)
                            .map_err(|e| bad_value(column, e.to_string()))?;
                        out.push(Some(d));
                    }
                }
                return out.finish();
            }
            for i in 0..n {
                let d = arr
                    .is_valid(i)
                    .then(|| Decimal::try_from_i128_with_scale(arr.value(i), *s as u32))
                    .transpose()
                    .map_err(|e| bad_value(column, e.to_string()))?;
                put(d, &|| arr.value_as_string(i))?;
            }
        }
        DataType::Float32 | DataType::Float64 => {
            let f = cast(a, &DataType::Float64)?;
            let arr = f.as_primitive::<datafusion::arrow::datatypes::Float64Type>();
            for i in 0..n {
                let d = if arr.is_valid(i) {
                    // Shortest round-trip text of the number (never an exponent in
                    // Rust's Display), read exactly, as JSON numbers are.
                    let s = arr.value(i).to_string();
                    Some(literal::decimal(&s).ok_or_else(|| {
                        bad_value(column, format!("expected a number, found {s}"))
                    })?)
                } else {
                    None
                };
                put(d, &|| arr.value(i).to_string())?;
            }
        }
        _ if is_text => {
            let rule_type = ty.rule_type();
            let t = text_view(a)?;
            for cell in t.iter() {
                let d = match cell {
                    None => None,
                    Some(s) => match literal::parse(&rule_type, s)
                        .map_err(|m| bad_value(column, format!("{m}, found \"{s}\"")))?
                    {
                        None => None,
                        Some(v) => Some(v.as_decimal().ok_or_else(|| {
                            DataFusionError::Internal(format!("batch: {v:?} is not a number"))
                        })?),
                    },
                };
                put(d, &|| format!("\"{}\"", cell.unwrap_or_default()))?;
            }
        }
        _ => {
            let ints = cast(a, &DataType::Int64)?;
            let arr = ints.as_primitive::<Int64Type>();
            for i in 0..n {
                put(
                    arr.is_valid(i).then(|| Decimal::from(arr.value(i))),
                    &|| arr.value(i).to_string(),
                )?;
            }
        }
    }
    Ok(Arc::new(b.finish()))
}

/// A dictionary-encoded enumeration column: each dictionary entry looked up once,
/// then one code per row from the keys (no string per row).
fn enum_codes(
    a: &ArrayRef,
    column: &str,
    values: &[String],
    index: &std::collections::HashMap<&str, u32>,
) -> Result<ArrayRef> {
    use datafusion::arrow::array::UInt32Array;
    use datafusion::arrow::datatypes::UInt32Type;
    let dict = a.as_any_dictionary();
    let names = text_view(dict.values())?;
    // The code of each dictionary entry: None for a blank (not known), an error
    // for a name the enumeration does not have (refused only if a row uses it).
    let mut codes: Vec<Result<Option<u32>, String>> = Vec::with_capacity(names.len());
    for k in 0..names.len() {
        codes.push(match names.is_valid(k).then(|| names.value(k)) {
            Some(s) if !s.trim().is_empty() => match index.get(s) {
                Some(c) => Ok(Some(*c)),
                None => Err(s.to_string()),
            },
            _ => Ok(None),
        });
    }
    // Keys as u32 (any integer key type); NULL keys stay NULL.
    let keys = cast(dict.keys(), &DataType::UInt32)?;
    let keys: &UInt32Array = keys.as_primitive::<UInt32Type>();
    let mut out = UInt32Builder::with_capacity(keys.len());
    for k in keys.iter() {
        match k.map(|k| codes.get(k as usize)) {
            None | Some(None) | Some(Some(Ok(None))) => out.append_null(),
            Some(Some(Ok(Some(c)))) => out.append_value(*c),
            Some(Some(Err(s))) => {
                out.append_value(enum_index(values, s, column)?);
            }
        }
    }
    Ok(Arc::new(out.finish()))
}
