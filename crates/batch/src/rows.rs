//! The row-at-a-time path of the strict batch functions: each row's arguments
//! read as rule values and handed to the engine's semantics
//! (`onestop_engine::semantics`), the one definition of what every operator and
//! builtin computes. The typed kernels (`fast.rs`) take the hot cases first; this
//! path computes everything else, and so every result is the scalar evaluator's.

use crate::config::{Dated, Op, Part};
use crate::repr::{
    Ty, date_to_days, days_to_date, dec_bytes, dec_from_bytes, pack_duration, unpack_duration,
};
use chrono::NaiveDate;
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, BooleanBuilder, Date32Array, Date32Builder,
    FixedSizeBinaryArray, FixedSizeBinaryBuilder, Int64Array, Int64Builder, StringArray,
    StringBuilder, UInt32Array, UInt32Builder, UInt64Array, UInt64Builder,
};
use datafusion::arrow::datatypes::{DataType, Int64Type};
use datafusion::common::{DataFusionError, Result, exec_err};
use onestop_calendar::Calendar;
use onestop_engine::EvalError;
use onestop_engine::semantics;
use onestop_lang::EnumId;
use onestop_lang::types::{Type, Value};
use std::sync::Arc;

/// A typed view of an internal column.
enum Cells<'a> {
    Bool(&'a BooleanArray),
    Int(&'a Int64Array),
    /// Decimals, rates or money (which the tag says).
    Decimal(&'a FixedSizeBinaryArray, Ty),
    Date(&'a Date32Array),
    Duration(&'a Int64Array),
    Text(&'a StringArray),
    Enum(&'a UInt32Array),
    EnumSet(&'a UInt64Array),
}

impl<'a> Cells<'a> {
    fn new(a: &'a ArrayRef, ty: Ty) -> Result<Cells<'a>> {
        let bad = || {
            DataFusionError::Internal(format!(
                "batch: expected {:?} as {}, found {}",
                ty,
                ty.internal(),
                a.data_type()
            ))
        };
        Ok(match ty {
            Ty::Bool => Cells::Bool(a.as_boolean_opt().ok_or_else(bad)?),
            Ty::Int => Cells::Int(a.as_primitive_opt::<Int64Type>().ok_or_else(bad)?),
            Ty::Duration => Cells::Duration(a.as_primitive_opt::<Int64Type>().ok_or_else(bad)?),
            Ty::Decimal | Ty::Rate | Ty::Money => {
                Cells::Decimal(a.as_fixed_size_binary_opt().ok_or_else(bad)?, ty)
            }
            Ty::Date => Cells::Date(a.as_any().downcast_ref().ok_or_else(bad)?),
            Ty::Text => Cells::Text(a.as_string_opt::<i32>().ok_or_else(bad)?),
            Ty::Enum => Cells::Enum(a.as_any().downcast_ref().ok_or_else(bad)?),
            Ty::EnumSet => Cells::EnumSet(a.as_any().downcast_ref().ok_or_else(bad)?),
        })
    }

    /// Row `i` as a rule value; None when NULL (not known). Enumeration values
    /// carry no enumeration identity (`EnumId(0)`): the checker only lets values
    /// of one enumeration meet.
    fn get(&self, i: usize) -> Option<Value> {
        let valid = match self {
            Cells::Bool(a) => a.is_valid(i),
            Cells::Int(a) | Cells::Duration(a) => a.is_valid(i),
            Cells::Decimal(a, _) => a.is_valid(i),
            Cells::Date(a) => a.is_valid(i),
            Cells::Text(a) => a.is_valid(i),
            Cells::Enum(a) => a.is_valid(i),
            Cells::EnumSet(a) => a.is_valid(i),
        };
        if !valid {
            return None;
        }
        Some(match self {
            Cells::Bool(a) => Value::Bool(a.value(i)),
            Cells::Int(a) => Value::Int(a.value(i)),
            Cells::Duration(a) => Value::Duration(unpack_duration(a.value(i))),
            Cells::Decimal(a, ty) => {
                let d = dec_from_bytes(a.value(i));
                match ty {
                    Ty::Money => Value::Money(d),
                    Ty::Rate => Value::Rate(d),
                    _ => Value::Decimal(d),
                }
            }
            // Dates in a plan come from checked inputs or chrono arithmetic.
            Cells::Date(a) => Value::Date(days_to_date(a.value(i))?),
            Cells::Text(a) => Value::Text(a.value(i).into()),
            Cells::Enum(a) => Value::Enum(EnumId(0), a.value(i)),
            Cells::EnumSet(a) => {
                let bits = a.value(i);
                Value::set(
                    (0..64u32)
                        .filter(|k| bits & (1u64 << k) != 0)
                        .map(|k| Value::Enum(EnumId(0), k))
                        .collect(),
                )
            }
        })
    }
}

/// A builder of an internal column.
enum Column {
    Bool(BooleanBuilder),
    Int(Int64Builder),
    Decimal(FixedSizeBinaryBuilder),
    Date(Date32Builder),
    Text(StringBuilder),
    Enum(UInt32Builder),
    EnumSet(UInt64Builder),
}

impl Column {
    fn new(dt: &DataType, n: usize) -> Result<Column> {
        Ok(match dt {
            DataType::Boolean => Column::Bool(BooleanBuilder::with_capacity(n)),
            DataType::Int64 => Column::Int(Int64Builder::with_capacity(n)),
            DataType::FixedSizeBinary(w) => {
                Column::Decimal(FixedSizeBinaryBuilder::with_capacity(n, *w))
            }
            DataType::Date32 => Column::Date(Date32Builder::with_capacity(n)),
            DataType::Utf8 => Column::Text(StringBuilder::with_capacity(n, n * 8)),
            DataType::UInt32 => Column::Enum(UInt32Builder::with_capacity(n)),
            DataType::UInt64 => Column::EnumSet(UInt64Builder::with_capacity(n)),
            other => return exec_err!("batch: no builder for {other}"),
        })
    }

    fn push_null(&mut self) {
        match self {
            Column::Bool(b) => b.append_null(),
            Column::Int(b) => b.append_null(),
            Column::Decimal(b) => b.append_null(),
            Column::Date(b) => b.append_null(),
            Column::Text(b) => b.append_null(),
            Column::Enum(b) => b.append_null(),
            Column::EnumSet(b) => b.append_null(),
        }
    }

    fn push(&mut self, v: &Value) -> Result<()> {
        match (self, v) {
            (Column::Bool(b), Value::Bool(x)) => b.append_value(*x),
            (Column::Int(b), Value::Int(x)) => b.append_value(*x),
            (Column::Int(b), Value::Duration(d)) => b.append_value(pack_duration(*d)),
            (Column::Decimal(b), Value::Decimal(d) | Value::Rate(d) | Value::Money(d)) => {
                b.append_value(dec_bytes(*d))?
            }
            (Column::Date(b), Value::Date(d)) => b.append_value(date_to_days(*d)),
            (Column::Text(b), Value::Text(t)) => b.append_value(t),
            (Column::Enum(b), Value::Enum(_, i)) => b.append_value(*i),
            (Column::EnumSet(b), Value::Set(items)) => {
                let mut bits = 0u64;
                for it in items.iter() {
                    if let Value::Enum(_, k) = it
                        && *k < 64
                    {
                        bits |= 1u64 << k;
                    }
                }
                b.append_value(bits)
            }
            (_, v) => return exec_err!("batch: cannot store {v:?} here"),
        }
        Ok(())
    }

    fn push_text(&mut self, s: Option<&str>) -> Result<()> {
        match self {
            Column::Text(b) => {
                b.append_option(s);
                Ok(())
            }
            _ => exec_err!("batch: expected a text builder"),
        }
    }

    fn finish(self) -> ArrayRef {
        match self {
            Column::Bool(mut b) => Arc::new(b.finish()),
            Column::Int(mut b) => Arc::new(b.finish()),
            Column::Decimal(mut b) => Arc::new(b.finish()),
            Column::Date(mut b) => Arc::new(b.finish()),
            Column::Text(mut b) => Arc::new(b.finish()),
            Column::Enum(mut b) => Arc::new(b.finish()),
            Column::EnumSet(mut b) => Arc::new(b.finish()),
        }
    }
}

/// A strict operation row by row: NULL (not known) if any argument is; else the
/// result (`Part::Value`) or its error message (`Part::Error`, whose arguments
/// are `(value, args...)`: only the rows without a value are computed).
pub fn strict(
    op: &Op,
    part: Part,
    tags: &[Ty],
    ret: &DataType,
    arrays: &[ArrayRef],
    n: usize,
) -> Result<ArrayRef> {
    let (value, arrays) = match part {
        Part::Error => (Some(&arrays[0]), &arrays[1..]),
        Part::Value => (None, arrays),
    };
    let cells = arrays
        .iter()
        .zip(tags)
        .map(|(a, t)| Cells::new(a, *t))
        .collect::<Result<Vec<_>>>()?;
    let calendar = onestop_calendar::current();
    let result_type = result_type(op);
    let mut out = Column::new(ret, n)?;
    let mut row: Vec<Value> = Vec::with_capacity(cells.len());
    'rows: for i in 0..n {
        if value.is_some_and(|v| v.is_valid(i)) {
            out.push_text(None)?;
            continue;
        }
        row.clear();
        for c in &cells {
            match c.get(i) {
                Some(v) => row.push(v),
                None => {
                    out.push_null();
                    continue 'rows;
                }
            }
        }
        match (part, apply(op, &row, &result_type, &calendar)) {
            (Part::Value, Ok(v)) => out.push(&v)?,
            (Part::Value, Err(_)) => out.push_null(),
            (Part::Error, Ok(_)) => out.push_text(None)?,
            (Part::Error, Err(e)) => out.push_text(Some(&e.to_string()))?,
        }
    }
    Ok(out.finish())
}

/// The rule type an operation produces, for the engine's semantics.
fn result_type(op: &Op) -> Type {
    match op {
        Op::Arith(_, ty) | Op::Neg(ty) | Op::Call { ty, .. } | Op::Convert { ty, .. } => {
            ty.rule_type()
        }
        _ => Type::Bool,
    }
}

/// One row of a strict operation, by the engine's semantics.
fn apply(op: &Op, a: &[Value], ty: &Type, calendar: &Calendar) -> Result<Value, EvalError> {
    let arg = |k: usize| {
        a.get(k)
            .ok_or_else(|| EvalError::Arithmetic("batch: too few arguments".into()))
    };
    match op {
        Op::Arith(o, _) => semantics::arith(o.bin_op(), arg(0)?, arg(1)?, ty),
        Op::Cmp(o) => Ok(Value::Bool(semantics::comparison(
            o.bin_op(),
            arg(0)?,
            arg(1)?,
        ))),
        Op::Neg(_) => semantics::negate(arg(0)?, ty),
        Op::Call { func, .. } => {
            let args: Vec<&Value> = a.iter().collect();
            semantics::call(*func, &args, ty, calendar)
        }
        Op::ParamAt { param, values } => param_at(param, values, arg(0)?),
        Op::Convert { def, .. } => semantics::convert(arg(0)?.clone(), ty, def),
        Op::AnyEqual { negated } => {
            let elem = arg(0)?;
            let found = a[1..].iter().any(|x| semantics::equal(x, elem));
            Ok(Value::Bool(found != *negated))
        }
        Op::SetHas { negated } => semantics::member(arg(0)?, arg(1)?, *negated).map(Value::Bool),
        Op::EnumSet => Ok(Value::set(a.to_vec())),
        other => Err(EvalError::Arithmetic(format!(
            "batch: {} is not a strict operation",
            other.name()
        ))),
    }
}

/// The value of a parameter on a date, or the engine's error for a date without one.
fn param_at(param: &str, values: &[Dated], date: &Value) -> Result<Value, EvalError> {
    let Value::Date(d) = date else {
        return Err(EvalError::Arithmetic("expected a date".into()));
    };
    let day = date_to_days(*d);
    match values
        .iter()
        .find(|v| v.from <= day && v.to.is_none_or(|t| day <= t))
        .and_then(|v| v.value.to_value())
    {
        Some(v) => Ok(v),
        None => Err(EvalError::NoParameterValue {
            parameter: param.to_string(),
            date: *d,
            covered: values.first().map(|f| {
                (
                    days_to_date(f.from).unwrap_or(NaiveDate::MIN),
                    values.last().and_then(|l| l.to).and_then(days_to_date),
                )
            }),
        }),
    }
}
