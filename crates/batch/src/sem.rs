//! The rule language's value semantics on one row, ported from the scalar
//! evaluator (`onestop_engine`'s `value_ops` and `eval::call`, which are private to
//! the engine). Every function here must give exactly what the scalar evaluator
//! gives, digit for digit and message for message: the differential test
//! (`tests/differential.rs`) holds them to it.

use crate::repr::{days_to_date, pack_duration, unpack_duration};
use chrono::{Datelike, NaiveDate};
use onestop_engine::EvalError;
use onestop_lang::types::round_fen;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// One value of one row, borrowed from a column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum R<'a> {
    Null,
    B(bool),
    I(i64),
    D(Decimal),
    /// Days since 1970-01-01.
    Dt(i32),
    /// A packed duration (see `repr::pack_duration`).
    Du(i64),
    T(&'a str),
    E(u32),
    S(u64),
}

/// Arithmetic operators (the language's `BinOp` without comparisons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ArOp {
    Add,
    Sub,
    Mul,
    Div,
}

impl ArOp {
    pub fn symbol(self) -> &'static str {
        match self {
            ArOp::Add => "+",
            ArOp::Sub => "-",
            ArOp::Mul => "*",
            ArOp::Div => "/",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// The result type of an arithmetic node, as `value_ops::wrap` sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Wrap {
    Int,
    Decimal,
    Rate,
    Money,
    /// Dates and durations: the operands decide.
    Other,
}

pub fn overflow() -> String {
    EvalError::Arithmetic("a number grew beyond the exact range (28 digits)".into()).to_string()
}

fn arith_err(m: &str) -> String {
    EvalError::Arithmetic(m.into()).to_string()
}

pub fn as_dec(r: R) -> Option<Decimal> {
    match r {
        R::I(i) => Some(Decimal::from(i)),
        R::D(d) => Some(d),
        _ => None,
    }
}

fn wrap(ty: Wrap, d: Decimal) -> Result<R<'static>, String> {
    Ok(match ty {
        Wrap::Money => R::D(round_fen(d)),
        Wrap::Int => R::I(i64::try_from(d).map_err(|_| overflow())?),
        _ => R::D(d),
    })
}

fn date_of(days: i32) -> Result<NaiveDate, String> {
    days_to_date(days).ok_or_else(|| arith_err("a date moved outside the calendar"))
}

/// `a op b`, as `value_ops::arith`.
pub fn arith(op: ArOp, a: R, b: R, ty: Wrap) -> Result<R<'static>, String> {
    match (a, b) {
        (R::I(x), R::I(y)) if ty == Wrap::Int => {
            let r = match op {
                ArOp::Add => x.checked_add(y),
                ArOp::Sub => x.checked_sub(y),
                ArOp::Mul => x.checked_mul(y),
                ArOp::Div => None,
            };
            return r.map(R::I).ok_or_else(overflow);
        }
        (R::Dt(d), R::Du(p)) | (R::Du(p), R::Dt(d)) => {
            let dur = unpack_duration(p);
            let dur = if op == ArOp::Sub { dur.negate() } else { dur };
            return dur
                .add_to(date_of(d)?)
                .map(|x| R::Dt(crate::repr::date_to_days(x)))
                .ok_or_else(|| arith_err("a date moved outside the calendar"));
        }
        (R::Du(x), R::Du(y)) => {
            let (x, y) = (unpack_duration(x), unpack_duration(y));
            let s = if op == ArOp::Sub { -1 } else { 1 };
            return Ok(R::Du(pack_duration(onestop_lang::types::Duration {
                months: x.months.saturating_add(s * y.months),
                days: x.days.saturating_add(s * y.days),
            })));
        }
        (R::Du(x), R::I(n)) | (R::I(n), R::Du(x)) => {
            let x = unpack_duration(x);
            let n = i32::try_from(n).map_err(|_| overflow())?;
            return Ok(R::Du(pack_duration(onestop_lang::types::Duration {
                months: x.months.checked_mul(n).ok_or_else(overflow)?,
                days: x.days.checked_mul(n).ok_or_else(overflow)?,
            })));
        }
        _ => {}
    }
    let (x, y) = match (as_dec(a), as_dec(b)) {
        (Some(x), Some(y)) => (x, y),
        _ => return Err(arith_err(&format!("cannot apply `{}` here", op.symbol()))),
    };
    let r = match op {
        ArOp::Add => x.checked_add(y),
        ArOp::Sub => x.checked_sub(y),
        ArOp::Mul => x.checked_mul(y),
        ArOp::Div => {
            if y.is_zero() {
                return Err(arith_err("division by zero"));
            }
            x.checked_div(y)
        }
    };
    wrap(ty, r.ok_or_else(overflow)?)
}

/// Negation, as the scalar evaluator's `arith(Sub, zero_like(v), v, ty)`.
pub fn neg(v: R, ty: Wrap) -> Result<R<'static>, String> {
    let zero = match v {
        R::I(_) => R::I(0),
        R::Du(_) => R::Du(0),
        _ => R::D(Decimal::ZERO),
    };
    arith(ArOp::Sub, zero, v, ty)
}

/// Ordering of two comparable values: numbers by value, others by their own order.
pub fn compare(a: R, b: R) -> Ordering {
    match (as_dec(a), as_dec(b)) {
        (Some(x), Some(y)) => x.cmp(&y),
        _ => match (a, b) {
            (R::B(x), R::B(y)) => x.cmp(&y),
            (R::Dt(x), R::Dt(y)) => x.cmp(&y),
            (R::Du(x), R::Du(y)) => x.cmp(&y),
            (R::T(x), R::T(y)) => x.cmp(y),
            (R::E(x), R::E(y)) => x.cmp(&y),
            (R::S(x), R::S(y)) => x.cmp(&y),
            _ => Ordering::Equal,
        },
    }
}

pub fn equal(a: R, b: R) -> bool {
    match (as_dec(a), as_dec(b)) {
        (Some(x), Some(y)) => x == y,
        _ => a == b,
    }
}

pub fn comparison(op: CmpOp, a: R, b: R) -> bool {
    let o = compare(a, b);
    match op {
        CmpOp::Eq => equal(a, b),
        CmpOp::Ne => !equal(a, b),
        CmpOp::Lt => o == Ordering::Less,
        CmpOp::Le => o != Ordering::Greater,
        CmpOp::Gt => o == Ordering::Greater,
        CmpOp::Ge => o != Ordering::Less,
    }
}

/// Converts a value to a declared type, as `Value::convert_to`; `None` when an
/// integer is wanted and the value is not whole.
pub fn convert_to(v: R, ty: Wrap) -> Option<R<'static>> {
    match (ty, v) {
        (Wrap::Decimal | Wrap::Rate, R::I(i)) => Some(R::D(Decimal::from(i))),
        (Wrap::Decimal | Wrap::Rate, R::D(d)) => Some(R::D(d)),
        (Wrap::Int, R::I(i)) => Some(R::I(i)),
        (Wrap::Int, R::D(d)) => {
            if d.fract().is_zero() {
                i64::try_from(d).ok().map(R::I)
            } else {
                None
            }
        }
        (Wrap::Money, R::D(d)) => Some(R::D(round_fen(d))),
        (_, other) => Some(own(other)),
    }
}

/// A borrowed row value without the borrow (text is never converted here).
fn own(v: R) -> R<'static> {
    match v {
        R::Null | R::T(_) => R::Null,
        R::B(b) => R::B(b),
        R::I(i) => R::I(i),
        R::D(d) => R::D(d),
        R::Dt(d) => R::Dt(d),
        R::Du(d) => R::Du(d),
        R::E(e) => R::E(e),
        R::S(s) => R::S(s),
    }
}

/// `min(...)` / `max(...)`: the first extreme value, converted to the result type.
pub fn min_max<'a>(max: bool, args: &[R<'a>], ty: Wrap) -> R<'a> {
    let mut best = args[0];
    for a in &args[1..] {
        let o = compare(*a, best);
        if (!max && o.is_lt()) || (max && o.is_gt()) {
            best = *a;
        }
    }
    if matches!(best, R::T(_)) {
        return best;
    }
    convert_to(best, ty).unwrap_or(best)
}

pub fn abs(v: R) -> Result<R<'static>, String> {
    Ok(match v {
        R::I(i) => R::I(
            i.checked_abs()
                .ok_or_else(|| arith_err("a number grew beyond the exact range"))?,
        ),
        R::D(d) => R::D(d.abs()),
        other => own(other),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Rounding {
    HalfAwayFromZero,
    Floor,
    Ceil,
    /// `floor(x)` / `ceil(x)`: whole numbers.
    FloorInt,
    CeilInt,
}

pub fn round(v: R, how: Rounding) -> Result<R<'static>, String> {
    let d = as_dec(v).ok_or_else(|| arith_err("expected a number"))?;
    let whole = |r: Decimal| {
        i64::try_from(r)
            .map(R::I)
            .map_err(|_| arith_err("a number grew beyond the exact range"))
    };
    Ok(R::D(match how {
        Rounding::FloorInt => return whole(d.floor()),
        Rounding::CeilInt => return whole(d.ceil()),
        Rounding::HalfAwayFromZero => round_fen(d),
        Rounding::Floor => d.round_dp_with_strategy(2, RoundingStrategy::ToNegativeInfinity),
        Rounding::Ceil => d.round_dp_with_strategy(2, RoundingStrategy::ToPositiveInfinity),
    }))
}

/// Whole months from `a` to `b`: the scalar engine's own definition, so the two
/// evaluators cannot drift apart on month arithmetic.
pub use onestop_engine::months_between;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DateFn {
    YearsBetween,
    MonthsBetween,
    DaysBetween,
    WorkingDaysBetween,
    AddWorkingDays,
    MakeDate,
    Year,
}

fn expect_date(r: R) -> Result<NaiveDate, String> {
    match r {
        R::Dt(d) => date_of(d),
        _ => Err(arith_err("expected a date")),
    }
}

fn expect_int(r: R) -> Result<i64, String> {
    match r {
        R::I(i) => Ok(i),
        _ => Err(arith_err("expected a whole number")),
    }
}

pub fn date_fn(f: DateFn, args: &[R]) -> Result<R<'static>, String> {
    let cal = onestop_calendar::current();
    let cal_err =
        |e: onestop_calendar::CalendarError| EvalError::Calendar(e.to_string()).to_string();
    Ok(match f {
        DateFn::YearsBetween => {
            R::I(months_between(expect_date(args[0])?, expect_date(args[1])?) / 12)
        }
        DateFn::MonthsBetween => R::I(months_between(expect_date(args[0])?, expect_date(args[1])?)),
        DateFn::DaysBetween => R::I((expect_date(args[1])? - expect_date(args[0])?).num_days()),
        DateFn::WorkingDaysBetween => R::I(
            cal.working_days_between(expect_date(args[0])?, expect_date(args[1])?)
                .map_err(cal_err)?,
        ),
        DateFn::AddWorkingDays => R::Dt(crate::repr::date_to_days(
            cal.add_working_days(expect_date(args[0])?, expect_int(args[1])?)
                .map_err(cal_err)?,
        )),
        DateFn::MakeDate => {
            let (y, m, d) = (
                expect_int(args[0])?,
                expect_int(args[1])?,
                expect_int(args[2])?,
            );
            let made = i32::try_from(y)
                .ok()
                .zip(u32::try_from(m).ok())
                .zip(u32::try_from(d).ok())
                .and_then(|((y, m), d)| NaiveDate::from_ymd_opt(y, m, d));
            R::Dt(crate::repr::date_to_days(made.ok_or_else(|| {
                arith_err(&format!("{y}-{m}-{d} is not a calendar date"))
            })?))
        }
        DateFn::Year => R::I(expect_date(args[0])?.year() as i64),
    })
}
