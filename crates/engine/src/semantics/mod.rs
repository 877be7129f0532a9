//! The rule language's semantics on known values: operators, builtins, conversions
//! and (in [`exceptions`]) the exception rule. The one home of these rules: the
//! scalar evaluator (`eval.rs`) and the batch evaluator's row path
//! (`onestop-batch`) both call these functions, so the two cannot drift apart;
//! batch's typed kernels are an optimisation held equal to them by its
//! differential test. Exact: checked integer and decimal operations, money
//! rounded to the fen.

pub mod exceptions;

use crate::EvalError;
use chrono::{Datelike, NaiveDate};
use onestop_calendar::Calendar;
use onestop_lang::Builtin;
use onestop_lang::ast::BinOp;
use onestop_lang::types::{Duration, Type, Value, cmp_values, round_fen};
use rust_decimal::{Decimal, RoundingStrategy};
use std::cmp::Ordering;

fn overflow() -> EvalError {
    EvalError::Arithmetic("a number grew beyond the exact range (28 digits)".into())
}

fn arithmetic(m: &str) -> EvalError {
    EvalError::Arithmetic(m.into())
}

fn wrap(ty: &Type, d: Decimal) -> Result<Value, EvalError> {
    Ok(match ty {
        Type::Money => Value::Money(round_fen(d)),
        Type::Rate => Value::Rate(d),
        Type::Int => Value::Int(i64::try_from(d).map_err(|_| overflow())?),
        _ => Value::Decimal(d),
    })
}

/// `a op b` for arithmetic operators, producing a value of the checked result type.
pub fn arith(op: BinOp, a: &Value, b: &Value, ty: &Type) -> Result<Value, EvalError> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) if *ty == Type::Int => {
            let r = match op {
                BinOp::Add => x.checked_add(*y),
                BinOp::Sub => x.checked_sub(*y),
                BinOp::Mul => x.checked_mul(*y),
                _ => None,
            };
            return r.map(Value::Int).ok_or_else(overflow);
        }
        (Value::Date(d), Value::Duration(dur)) | (Value::Duration(dur), Value::Date(d)) => {
            let dur = if op == BinOp::Sub { dur.negate() } else { *dur };
            return dur
                .add_to(*d)
                .map(Value::Date)
                .ok_or_else(|| arithmetic("a date moved outside the calendar"));
        }
        (Value::Duration(x), Value::Duration(y)) => {
            let s = if op == BinOp::Sub { -1 } else { 1 };
            return Ok(Value::Duration(Duration {
                months: x.months.saturating_add(s * y.months),
                days: x.days.saturating_add(s * y.days),
            }));
        }
        (Value::Duration(x), Value::Int(n)) | (Value::Int(n), Value::Duration(x)) => {
            let n = i32::try_from(*n).map_err(|_| overflow())?;
            return Ok(Value::Duration(Duration {
                months: x.months.checked_mul(n).ok_or_else(overflow)?,
                days: x.days.checked_mul(n).ok_or_else(overflow)?,
            }));
        }
        _ => {}
    }
    let (x, y) = match (a.as_decimal(), b.as_decimal()) {
        (Some(x), Some(y)) => (x, y),
        _ => {
            return Err(EvalError::Arithmetic(format!(
                "cannot apply `{}` here",
                op.symbol()
            )));
        }
    };
    let r = match op {
        BinOp::Add => x.checked_add(y),
        BinOp::Sub => x.checked_sub(y),
        BinOp::Mul => x.checked_mul(y),
        BinOp::Div => {
            if y.is_zero() {
                return Err(arithmetic("division by zero"));
            }
            x.checked_div(y)
        }
        _ => None,
    };
    wrap(ty, r.ok_or_else(overflow)?)
}

/// `-v`: zero of `v`'s kind minus `v`, so negation overflows exactly as subtraction does.
pub fn negate(v: &Value, ty: &Type) -> Result<Value, EvalError> {
    let zero = match v {
        Value::Int(_) => Value::Int(0),
        Value::Money(_) => Value::Money(Decimal::ZERO),
        Value::Rate(_) => Value::Rate(Decimal::ZERO),
        Value::Duration(_) => Value::Duration(Duration::default()),
        _ => Value::Decimal(Decimal::ZERO),
    };
    arith(BinOp::Sub, &zero, v, ty)
}

/// Ordering of two comparable values (numbers of any kind compare by value).
pub fn compare(a: &Value, b: &Value) -> Ordering {
    match (a.as_decimal(), b.as_decimal()) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => cmp_values(a, b),
    }
}

/// The language's equality: numbers by value, everything else as written.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a.as_decimal(), b.as_decimal()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

/// `a op b` for comparison operators (false for any other operator).
pub fn comparison(op: BinOp, a: &Value, b: &Value) -> bool {
    let o = compare(a, b);
    match op {
        BinOp::Eq => equal(a, b),
        BinOp::Ne => !equal(a, b),
        BinOp::Lt => o == Ordering::Less,
        BinOp::Le => o != Ordering::Greater,
        BinOp::Gt => o == Ordering::Greater,
        BinOp::Ge => o != Ordering::Less,
        BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::And | BinOp::Or => false,
    }
}

/// `elem in set` (`negated`: `not in`), with the language's equality.
pub fn member(elem: &Value, set: &Value, negated: bool) -> Result<bool, EvalError> {
    match set {
        Value::Set(items) => Ok(items.iter().any(|i| equal(i, elem)) != negated),
        _ => Err(arithmetic("`in` needs a set")),
    }
}

/// A definition's value converted to its declared type (ints widen; decimals
/// become ints only when whole, else the definition is an error).
pub fn convert(v: Value, ty: &Type, definition: &str) -> Result<Value, EvalError> {
    v.convert_to(ty)
        .ok_or_else(|| EvalError::Arithmetic(format!("`{definition}` must be a whole number")))
}

/// Whether a builtin can fail on known arguments (overflow, a date outside the
/// calendar, ...). Exhaustive, so a new builtin must say.
pub fn can_fail(f: Builtin) -> bool {
    match f {
        Builtin::Min | Builtin::Max | Builtin::RoundFen | Builtin::FloorFen | Builtin::CeilFen => {
            false
        }
        Builtin::Abs
        | Builtin::Floor
        | Builtin::Ceil
        | Builtin::YearsBetween
        | Builtin::MonthsBetween
        | Builtin::DaysBetween
        | Builtin::AddWorkingDays
        | Builtin::WorkingDaysBetween
        | Builtin::MakeDate
        | Builtin::Year => true,
    }
}

/// A builtin applied to known arguments, producing a value of the checked type `ty`.
pub fn call(
    f: Builtin,
    args: &[&Value],
    ty: &Type,
    calendar: &Calendar,
) -> Result<Value, EvalError> {
    let date = |v: &Value| match v {
        Value::Date(d) => Ok(*d),
        _ => Err(arithmetic("expected a date")),
    };
    let int = |v: &Value| match v {
        Value::Int(i) => Ok(*i),
        _ => Err(arithmetic("expected a whole number")),
    };
    let number = |v: &Value| {
        v.as_decimal()
            .ok_or_else(|| arithmetic("expected a number"))
    };
    let arg = |k: usize| {
        args.get(k)
            .copied()
            .ok_or_else(|| arithmetic("too few arguments"))
    };
    let cal = |e: onestop_calendar::CalendarError| EvalError::Calendar(e.to_string());
    let beyond = || arithmetic("a number grew beyond the exact range");
    Ok(match f {
        Builtin::Min | Builtin::Max => {
            let mut best = arg(0)?;
            for a in &args[1..] {
                let o = compare(a, best);
                if (f == Builtin::Min && o.is_lt()) || (f == Builtin::Max && o.is_gt()) {
                    best = a;
                }
            }
            best.clone().convert_to(ty).unwrap_or_else(|| best.clone())
        }
        Builtin::Abs => match arg(0)? {
            Value::Int(i) => Value::Int(i.checked_abs().ok_or_else(beyond)?),
            Value::Decimal(d) => Value::Decimal(d.abs()),
            Value::Rate(d) => Value::Rate(d.abs()),
            Value::Money(d) => Value::Money(d.abs()),
            other => other.clone(),
        },
        Builtin::RoundFen => Value::Money(round_fen(number(arg(0)?)?)),
        Builtin::FloorFen => Value::Money(
            number(arg(0)?)?.round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity),
        ),
        Builtin::CeilFen => Value::Money(
            number(arg(0)?)?.round_dp_with_strategy(2, RoundingStrategy::ToPositiveInfinity),
        ),
        Builtin::Floor => {
            Value::Int(i64::try_from(number(arg(0)?)?.floor()).map_err(|_| beyond())?)
        }
        Builtin::Ceil => Value::Int(i64::try_from(number(arg(0)?)?.ceil()).map_err(|_| beyond())?),
        Builtin::YearsBetween => Value::Int(years_between(date(arg(0)?)?, date(arg(1)?)?)),
        Builtin::MonthsBetween => Value::Int(months_between(date(arg(0)?)?, date(arg(1)?)?)),
        Builtin::DaysBetween => Value::Int((date(arg(1)?)? - date(arg(0)?)?).num_days()),
        Builtin::AddWorkingDays => Value::Date(
            calendar
                .add_working_days(date(arg(0)?)?, int(arg(1)?)?)
                .map_err(cal)?,
        ),
        Builtin::WorkingDaysBetween => Value::Int(
            calendar
                .working_days_between(date(arg(0)?)?, date(arg(1)?)?)
                .map_err(cal)?,
        ),
        Builtin::MakeDate => {
            let (y, m, d) = (int(arg(0)?)?, int(arg(1)?)?, int(arg(2)?)?);
            let made = i32::try_from(y)
                .ok()
                .zip(u32::try_from(m).ok())
                .zip(u32::try_from(d).ok())
                .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(y, m, d));
            Value::Date(made.ok_or_else(|| {
                EvalError::Arithmetic(format!("{y}-{m}-{d} is not a calendar date"))
            })?)
        }
        Builtin::Year => Value::Int(date(arg(0)?)?.year() as i64),
    })
}

/// Whole months from `a` to `b` (negative when b is earlier).
pub fn months_between(a: NaiveDate, b: NaiveDate) -> i64 {
    if b < a {
        return -months_between(b, a);
    }
    let mut m = (b.year() as i64 - a.year() as i64) * 12 + (b.month() as i64 - a.month() as i64);
    if b.day() < a.day() {
        // Not yet a full month, unless b is the last day of its month and a's day does not exist there.
        let last_of_b = b
            .checked_add_months(chrono::Months::new(1))
            .and_then(|n| n.with_day(1))
            .and_then(|n| n.pred_opt())
            .map(|l| l.day())
            .unwrap_or(31);
        if !(b.day() == last_of_b && a.day() > last_of_b) {
            m -= 1;
        }
    }
    m
}

/// Whole years from `a` to `b`.
pub fn years_between(a: NaiveDate, b: NaiveDate) -> i64 {
    let m = months_between(a, b);
    m / 12
}
