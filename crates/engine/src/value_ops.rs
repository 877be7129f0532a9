//! Arithmetic on values, exact: checked integer and decimal operations, money rounded to the fen.

use crate::EvalError;
use chrono::{Datelike, NaiveDate};
use onestop_lang::ast::BinOp;
use onestop_lang::types::{Duration, Type, Value, cmp_values, round_fen};
use rust_decimal::Decimal;
use std::cmp::Ordering;

fn overflow() -> EvalError {
    EvalError::Arithmetic("a number grew beyond the exact range (28 digits)".into())
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
                .ok_or_else(|| EvalError::Arithmetic("a date moved outside the calendar".into()));
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
                return Err(EvalError::Arithmetic("division by zero".into()));
            }
            x.checked_div(y)
        }
        _ => None,
    };
    wrap(ty, r.ok_or_else(overflow)?)
}

/// Ordering of two comparable values (numbers of any kind compare by value).
pub fn compare(a: &Value, b: &Value) -> Ordering {
    match (a.as_decimal(), b.as_decimal()) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => cmp_values(a, b),
    }
}

pub fn equal(a: &Value, b: &Value) -> bool {
    match (a.as_decimal(), b.as_decimal()) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

pub fn comparison(op: BinOp, a: &Value, b: &Value) -> bool {
    let o = compare(a, b);
    match op {
        BinOp::Eq => equal(a, b),
        BinOp::Ne => !equal(a, b),
        BinOp::Lt => o == Ordering::Less,
        BinOp::Le => o != Ordering::Greater,
        BinOp::Gt => o == Ordering::Greater,
        BinOp::Ge => o != Ordering::Less,
        _ => false,
    }
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

pub fn years_between(a: NaiveDate, b: NaiveDate) -> i64 {
    let m = months_between(a, b);
    m / 12
}
