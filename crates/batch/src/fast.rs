//! Typed fast paths of the batch functions (`ops.rs`): whole columns in native
//! loops, constants never materialised as columns, each result written straight
//! into its Arrow buffer. Every kernel here computes exactly what the row-at-a-time
//! path (`sem.rs` over `R` values) computes, byte for byte in the internal
//! representation; the unit tests at the end hold the numeric helpers to
//! `rust_decimal` and `onestop_lang::types::round_fen`, and the differential test
//! holds the kernels to the scalar evaluator.
//!
//! A kernel returns `None` when it does not handle the combination of argument
//! types it is given; the caller then takes the general path.

use crate::ops::Dated;
use crate::repr::dec_from_bytes;
use crate::sem::{ArOp, CmpOp, Wrap};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Date32Array, FixedSizeBinaryArray, Int64Array,
    UInt32Array, UInt64Array,
};
use datafusion::arrow::buffer::{BooleanBuffer, Buffer, NullBuffer};
use datafusion::arrow::datatypes::{DataType, Date32Type, Int64Type, UInt32Type, UInt64Type};
use datafusion::common::{Result, ScalarValue};
use datafusion::logical_expr::ColumnarValue;
use rust_decimal::Decimal;
use std::cmp::Ordering;
use std::sync::Arc;

/// 10^k, k in 0..=28.
const POW10: [u128; 29] = {
    let mut t = [1u128; 29];
    let mut k = 1;
    while k < 29 {
        t[k] = t[k - 1] * 10;
        k += 1;
    }
    t
};

/// `round_fen` (half away from zero to two decimal places), as
/// `onestop_lang::types::round_fen` computes it, on the 96-bit integer directly.
#[inline]
pub fn round_fen(d: Decimal) -> Decimal {
    let s = d.scale();
    if s <= 2 {
        return d;
    }
    let neg = d.is_sign_negative();
    let a = d.mantissa().unsigned_abs();
    if a == 0 {
        // rust_decimal keeps the sign of a zero it rounds.
        let mut z = Decimal::from_parts(0, 0, 0, false, 2);
        z.set_sign_negative(neg);
        return z;
    }
    let p = POW10[(s - 2) as usize];
    let (mut q, r) = (a / p, a % p);
    if r >= p / 2 {
        q += 1;
    }
    Decimal::from_parts(q as u32, (q >> 32) as u32, (q >> 64) as u32, neg, 2)
}

/// `d.normalize().to_string()` (rust_decimal's text of the normalised number),
/// written into `w` without allocating: the mantissa's digits in 19-digit chunks
/// instead of one 96-bit division by 10 per digit.
pub fn write_normalized<W: std::fmt::Write>(d: Decimal, w: &mut W) -> std::fmt::Result {
    const CHUNK: u128 = 10_000_000_000_000_000_000; // 10^19
    let d = d.normalize();
    let scale = d.scale() as usize;
    let mut m = d.mantissa().unsigned_abs();
    let mut buf = [b'0'; 48];
    let mut pos = buf.len();
    while m >= CHUNK {
        let mut r = (m % CHUNK) as u64;
        m /= CHUNK;
        for _ in 0..19 {
            pos -= 1;
            buf[pos] = b'0' + (r % 10) as u8;
            r /= 10;
        }
    }
    let mut r = m as u64;
    while r > 0 {
        pos -= 1;
        buf[pos] = b'0' + (r % 10) as u8;
        r /= 10;
    }
    let digits = &buf[pos..];
    fn text(b: &[u8]) -> Result<&str, std::fmt::Error> {
        std::str::from_utf8(b).map_err(|_| std::fmt::Error)
    }
    if d.is_sign_negative() {
        w.write_char('-')?;
    }
    let len = digits.len();
    if scale == 0 {
        w.write_str(if len == 0 { "0" } else { text(digits)? })
    } else if len > scale {
        w.write_str(text(&digits[..len - scale])?)?;
        w.write_char('.')?;
        w.write_str(text(&digits[len - scale..])?)
    } else {
        w.write_str("0.")?;
        for _ in len..scale {
            w.write_char('0')?;
        }
        w.write_str(text(digits)?)
    }
}

/// A numeric argument of a kernel: a constant (NULL or a number) or a column.
pub enum Num<'a> {
    K(Option<Decimal>),
    D(&'a FixedSizeBinaryArray),
    I(&'a Int64Array),
}

impl Num<'_> {
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<Decimal> {
        match self {
            Num::K(k) => *k,
            Num::D(a) => a.is_valid(i).then(|| dec_from_bytes(a.value(i))),
            Num::I(a) => a.is_valid(i).then(|| Decimal::from(a.value(i))),
        }
    }

    fn is_int(&self) -> bool {
        matches!(self, Num::I(_))
    }
}

/// A numeric argument (int or decimal, column or constant) from a function argument.
pub fn num(v: &ColumnarValue) -> Option<Num<'_>> {
    Some(match v {
        ColumnarValue::Scalar(s) => Num::K(match s {
            ScalarValue::FixedSizeBinary(16, b) => b.as_deref().map(dec_from_bytes),
            ScalarValue::Int64(i) => i.map(Decimal::from),
            ScalarValue::Null => None,
            _ => return None,
        }),
        ColumnarValue::Array(a) => match a.data_type() {
            DataType::FixedSizeBinary(16) => Num::D(a.as_fixed_size_binary()),
            DataType::Int64 => Num::I(a.as_primitive::<Int64Type>()),
            _ => return None,
        },
    })
}

/// A column of decimals in the internal representation, written directly.
pub struct DecOut {
    bytes: Vec<u8>,
    valid: Vec<bool>,
    nulls: usize,
}

impl DecOut {
    pub fn new(n: usize) -> DecOut {
        DecOut {
            bytes: Vec::with_capacity(n * 16),
            valid: Vec::with_capacity(n),
            nulls: 0,
        }
    }

    #[inline(always)]
    pub fn push(&mut self, d: Option<Decimal>) {
        match d {
            Some(d) => {
                self.bytes.extend_from_slice(&d.serialize());
                self.valid.push(true);
            }
            None => {
                self.bytes.extend_from_slice(&[0u8; 16]);
                self.valid.push(false);
                self.nulls += 1;
            }
        }
    }

    pub fn finish(self) -> Result<ArrayRef> {
        let nulls = (self.nulls > 0).then(|| NullBuffer::from(self.valid));
        Ok(Arc::new(FixedSizeBinaryArray::try_new(
            16,
            Buffer::from_vec(self.bytes),
            nulls,
        )?))
    }
}

fn bools(values: Vec<bool>, valid: Vec<bool>, nulls: usize) -> ArrayRef {
    let nulls = (nulls > 0).then(|| NullBuffer::from(valid));
    Arc::new(BooleanArray::new(BooleanBuffer::from(values), nulls))
}

/// `a op b` on numbers whose result is a decimal (`Wrap::Decimal`, `Rate`,
/// `Money`): `sem::arith`'s decimal branch. None for integer results.
pub fn arith(op: ArOp, wrap: Wrap, a: &Num, b: &Num, n: usize) -> Option<Result<ArrayRef>> {
    if !matches!(wrap, Wrap::Decimal | Wrap::Rate | Wrap::Money) {
        return None;
    }
    let mut out = DecOut::new(n);
    for i in 0..n {
        let r = match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) => {
                let r = match op {
                    ArOp::Add => x.checked_add(y),
                    ArOp::Sub => x.checked_sub(y),
                    ArOp::Mul => x.checked_mul(y),
                    ArOp::Div if y.is_zero() => None,
                    ArOp::Div => x.checked_div(y),
                };
                match wrap {
                    Wrap::Money => r.map(round_fen),
                    _ => r,
                }
            }
            _ => None,
        };
        out.push(r);
    }
    Some(out.finish())
}

/// `a op b` on two integer columns with an integer result: `sem::arith`'s first branch.
pub fn arith_int(op: ArOp, a: &ColumnarValue, b: &ColumnarValue, n: usize) -> Option<ArrayRef> {
    if op == ArOp::Div {
        return None;
    }
    let get = |v: &ColumnarValue| -> Option<IntArg> {
        match v {
            ColumnarValue::Scalar(ScalarValue::Int64(k)) => Some(IntArg::K(*k)),
            ColumnarValue::Array(a) if a.data_type() == &DataType::Int64 => {
                Some(IntArg::C(a.as_primitive::<Int64Type>().clone()))
            }
            _ => None,
        }
    };
    let (x, y) = (get(a)?, get(b)?);
    let mut values = Vec::with_capacity(n);
    let mut valid = Vec::with_capacity(n);
    let mut nulls = 0;
    for i in 0..n {
        let r = match (x.get(i), y.get(i)) {
            (Some(x), Some(y)) => match op {
                ArOp::Add => x.checked_add(y),
                ArOp::Sub => x.checked_sub(y),
                _ => x.checked_mul(y),
            },
            _ => None,
        };
        values.push(r.unwrap_or(0));
        valid.push(r.is_some());
        nulls += r.is_none() as usize;
    }
    let nulls = (nulls > 0).then(|| NullBuffer::from(valid));
    Some(Arc::new(Int64Array::new(values.into(), nulls)))
}

enum IntArg {
    K(Option<i64>),
    C(Int64Array),
}

impl IntArg {
    #[inline(always)]
    fn get(&self, i: usize) -> Option<i64> {
        match self {
            IntArg::K(k) => *k,
            IntArg::C(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// A comparison of two numbers by value (`sem::comparison` on numbers).
pub fn cmp(op: CmpOp, a: &Num, b: &Num, n: usize) -> ArrayRef {
    let mut values = Vec::with_capacity(n);
    let mut valid = Vec::with_capacity(n);
    let mut nulls = 0;
    for i in 0..n {
        match (a.get(i), b.get(i)) {
            (Some(x), Some(y)) => {
                let o = x.cmp(&y);
                values.push(match op {
                    CmpOp::Eq => o == Ordering::Equal,
                    CmpOp::Ne => o != Ordering::Equal,
                    CmpOp::Lt => o == Ordering::Less,
                    CmpOp::Le => o != Ordering::Greater,
                    CmpOp::Gt => o == Ordering::Greater,
                    CmpOp::Ge => o != Ordering::Less,
                });
                valid.push(true);
            }
            _ => {
                values.push(false);
                valid.push(false);
                nulls += 1;
            }
        }
    }
    bools(values, valid, nulls)
}

/// `min(...)` / `max(...)` of decimals with a decimal result (`sem::min_max`).
pub fn min_max(max: bool, wrap: Wrap, args: &[Num], n: usize) -> Option<Result<ArrayRef>> {
    if !matches!(wrap, Wrap::Decimal | Wrap::Rate | Wrap::Money)
        || args.is_empty()
        || args.iter().any(Num::is_int)
    {
        return None;
    }
    let mut out = DecOut::new(n);
    'rows: for i in 0..n {
        let Some(mut best) = args[0].get(i) else {
            out.push(None);
            continue;
        };
        for a in &args[1..] {
            let Some(x) = a.get(i) else {
                out.push(None);
                continue 'rows;
            };
            let o = x.cmp(&best);
            if (!max && o.is_lt()) || (max && o.is_gt()) {
                best = x;
            }
        }
        out.push(Some(match wrap {
            Wrap::Money => round_fen(best),
            _ => best,
        }));
    }
    Some(out.finish())
}

/// The index of the dated value in force on each row's date (NULL when none or
/// the date is NULL), for `ParamAt`.
pub fn param_index(values: &[Dated], dates: &ColumnarValue, n: usize) -> Option<Vec<Option<u32>>> {
    let find = |d: i32| {
        values
            .iter()
            .position(|v| v.from <= d && v.to.is_none_or(|t| d <= t))
            .map(|p| p as u32)
    };
    Some(match dates {
        ColumnarValue::Scalar(ScalarValue::Date32(d)) => vec![d.and_then(find); n],
        ColumnarValue::Array(a) if a.data_type() == &DataType::Date32 => {
            let a: &Date32Array = a.as_primitive::<Date32Type>();
            let mut last: Option<(i32, Option<u32>)> = None;
            (0..n)
                .map(|i| {
                    if a.is_null(i) {
                        return None;
                    }
                    let d = a.value(i);
                    match last {
                        Some((ld, r)) if ld == d => r,
                        _ => {
                            let r = find(d);
                            last = Some((d, r));
                            r
                        }
                    }
                })
                .collect()
        }
        _ => return None,
    })
}

/// `elem in set` for an enumeration column and a set (`Op::SetHas`).
pub fn set_has(negated: bool, e: &ColumnarValue, s: &ColumnarValue, n: usize) -> Option<ArrayRef> {
    enum E<'a> {
        K(Option<u32>),
        C(&'a UInt32Array),
    }
    enum S<'a> {
        K(Option<u64>),
        C(&'a UInt64Array),
    }
    let e = match e {
        ColumnarValue::Scalar(ScalarValue::UInt32(k)) => E::K(*k),
        ColumnarValue::Array(a) if a.data_type() == &DataType::UInt32 => {
            E::C(a.as_primitive::<UInt32Type>())
        }
        _ => return None,
    };
    let s = match s {
        ColumnarValue::Scalar(ScalarValue::UInt64(k)) => S::K(*k),
        ColumnarValue::Array(a) if a.data_type() == &DataType::UInt64 => {
            S::C(a.as_primitive::<UInt64Type>())
        }
        _ => return None,
    };
    let mut values = Vec::with_capacity(n);
    let mut valid = Vec::with_capacity(n);
    let mut nulls = 0;
    for i in 0..n {
        let x = match &e {
            E::K(k) => *k,
            E::C(a) => a.is_valid(i).then(|| a.value(i)),
        };
        let y = match &s {
            S::K(k) => *k,
            S::C(a) => a.is_valid(i).then(|| a.value(i)),
        };
        match (x, y) {
            (Some(x), Some(y)) => {
                values.push((x < 64 && y & (1u64 << x) != 0) != negated);
                valid.push(true);
            }
            _ => {
                values.push(false);
                valid.push(false);
                nulls += 1;
            }
        }
    }
    Some(bools(values, valid, nulls))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::{Rng, SeedableRng};
    use rand_chacha::ChaCha8Rng;

    fn random_decimal(rng: &mut ChaCha8Rng) -> Decimal {
        let bits = rng.random_range(0..=96u32);
        let m: u128 = if bits == 0 {
            0
        } else {
            rng.random::<u128>() >> (128 - bits)
        };
        let m = m.min((1u128 << 96) - 1) as i128;
        let m = if rng.random_bool(0.5) { -m } else { m };
        let scale = rng.random_range(0..=28u32);
        let mut d = Decimal::from_i128_with_scale(m, scale);
        if m == 0 && rng.random_bool(0.3) {
            d.set_sign_negative(true);
        }
        d
    }

    #[test]
    fn decimal_text_is_rust_decimals() {
        let mut rng = ChaCha8Rng::seed_from_u64(5);
        let mut cases: Vec<Decimal> = (0..200_000).map(|_| random_decimal(&mut rng)).collect();
        for s in [
            "0", "-0", "0.000", "1", "-1", "0.5", "-0.05", "100", "1000.000", "0.6",
        ] {
            cases.push(s.parse().expect("decimal"));
        }
        cases.push(Decimal::MAX);
        cases.push(Decimal::MIN);
        cases.push(Decimal::from_i128_with_scale(1, 28));
        cases.push(Decimal::from_i128_with_scale(
            -10_000_000_000_000_000_000,
            28,
        ));
        for d in cases {
            let mut s = String::new();
            write_normalized(d, &mut s).expect("write");
            assert_eq!(s, d.normalize().to_string(), "{d:?}");
        }
    }

    #[test]
    fn round_fen_is_the_engines_round_fen_byte_for_byte() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut cases: Vec<Decimal> = (0..200_000).map(|_| random_decimal(&mut rng)).collect();
        for s in [
            "0.005", "-0.005", "0.004999", "-0.0049", "1.125", "-1.125", "2.345000",
        ] {
            cases.push(s.parse().expect("decimal"));
        }
        cases.push(Decimal::MAX);
        cases.push(Decimal::MIN);
        for d in cases {
            assert_eq!(
                round_fen(d).serialize(),
                onestop_lang::types::round_fen(d).serialize(),
                "round_fen({d:?})"
            );
        }
    }
}
