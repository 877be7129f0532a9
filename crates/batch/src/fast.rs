//! Typed fast paths of the batch functions (`udf.rs`): whole columns in native
//! loops, constants never materialised as columns, each result written straight
//! into its Arrow buffer. Every kernel here computes exactly what the row-at-a-time
//! path (`rows.rs`, the engine's semantics) computes, byte for byte in the internal
//! representation; the unit tests at the end hold the numeric helpers to
//! `rust_decimal` and `onestop_lang::types::round_fen`, and the differential test
//! holds the kernels to the scalar evaluator.
//!
//! A kernel returns `None` when it does not handle the combination of argument
//! types it is given; the caller then takes the general path.

use crate::config::{ArOp, CmpOp, Dated, Wrap};
use crate::repr::{date_to_days, days_to_date, dec_from_bytes, dec_of, unpack_duration};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, Date32Array, FixedSizeBinaryArray, Int64Array,
    PrimitiveArray, UInt32Array, UInt64Array,
};
use datafusion::arrow::buffer::{BooleanBuffer, Buffer, NullBuffer};
use datafusion::arrow::datatypes::{
    ArrowPrimitiveType, DataType, Date32Type, Int64Type, UInt32Type, UInt64Type,
};
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
/// written into `w` without allocating: the mantissa's digits by `itoa` instead of
/// one 96-bit division by 10 per digit, and the trailing zeros of the fraction
/// dropped from the digits rather than divided away (`normalize`).
pub fn write_normalized<W: std::fmt::Write>(d: Decimal, w: &mut W) -> std::fmt::Result {
    let m = d.mantissa().unsigned_abs();
    // Zero (and a negative zero): as `normalize` has it.
    let d = if m == 0 { d.normalize() } else { d };
    let mut scale = d.scale() as usize;
    let mut buf = itoa::Buffer::new();
    let mut digits = if m == 0 {
        &b""[..]
    } else {
        buf.format(m).as_bytes()
    };
    while scale > 0 && digits.last() == Some(&b'0') {
        digits = &digits[..digits.len() - 1];
        scale -= 1;
    }
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

/// A numeric argument of a kernel: a constant (NULL or a number) or a column
/// (its values and its validity, read without per-row checks of the array).
pub enum Num<'a> {
    Constant(Option<Decimal>),
    Decimals(&'a [[u8; 16]], Option<&'a NullBuffer>),
    Ints(&'a [i64], Option<&'a NullBuffer>),
}

impl Num<'_> {
    /// Whether row `i` of a column argument is NULL (a constant's NULL is `Constant(None)`).
    #[inline(always)]
    fn null_at(&self, i: usize) -> bool {
        match self {
            Num::Constant(_) => false,
            Num::Decimals(_, nulls) | Num::Ints(_, nulls) => nulls.is_some_and(|nb| nb.is_null(i)),
        }
    }

    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<Decimal> {
        if self.null_at(i) {
            return None;
        }
        match self {
            Num::Constant(k) => *k,
            Num::Decimals(v, _) => Some(dec_of(&v[i])),
            Num::Ints(v, _) => Some(Decimal::from(v[i])),
        }
    }

    /// The value as a signed mantissa and a scale (see [`cmp_raw`]), without
    /// building a `Decimal`.
    #[inline(always)]
    pub fn raw(&self, i: usize) -> Option<(i128, u32)> {
        if self.null_at(i) {
            return None;
        }
        match self {
            Num::Constant(k) => k.map(|d| (d.mantissa(), d.scale())),
            Num::Decimals(v, _) => Some(raw_of(&v[i])),
            Num::Ints(v, _) => Some((v[i] as i128, 0)),
        }
    }

    fn is_int(&self) -> bool {
        matches!(self, Num::Ints(..))
    }
}

/// A serialised decimal as its signed mantissa and scale.
#[inline(always)]
pub fn raw_of(b: &[u8; 16]) -> (i128, u32) {
    let word = |k: usize| u32::from_le_bytes([b[k], b[k + 1], b[k + 2], b[k + 3]]) as u128;
    let flags = word(0) as u32;
    let scale = (flags >> 16) & 0x1F;
    if scale > 28 {
        // Never written by `serialize`; as `deserialize` reads it.
        let d = Decimal::deserialize(*b);
        return (d.mantissa(), d.scale());
    }
    let m = (word(4) | (word(8) << 32) | (word(12) << 64)) as i128;
    (if flags & 0x8000_0000 != 0 { -m } else { m }, scale)
}

/// The numeric order of two decimals given as (signed mantissa, scale), as
/// `Decimal::cmp` has it (a negative zero equals zero): equal scales compare
/// mantissas; otherwise the signs decide, or the mantissa of the smaller scale is
/// brought to the larger (beyond `i128` it is larger than any 96-bit mantissa).
#[inline(always)]
pub fn cmp_raw(x: (i128, u32), y: (i128, u32)) -> Ordering {
    if x.1 == y.1 {
        return x.0.cmp(&y.0);
    }
    let (sx, sy) = (x.0.signum(), y.0.signum());
    if sx != sy || sx == 0 {
        return sx.cmp(&sy);
    }
    let beyond = if sx > 0 {
        Ordering::Greater
    } else {
        Ordering::Less
    };
    if x.1 < y.1 {
        match x.0.checked_mul(POW10[(y.1 - x.1) as usize] as i128) {
            Some(a) => a.cmp(&y.0),
            None => beyond,
        }
    } else {
        match y.0.checked_mul(POW10[(x.1 - y.1) as usize] as i128) {
            Some(b) => x.0.cmp(&b),
            None => beyond.reverse(),
        }
    }
}

/// The values of a `FixedSizeBinary(16)` column as 16-byte arrays.
pub fn dec_values(a: &FixedSizeBinaryArray) -> &[[u8; 16]] {
    let (chunks, _) = a.value_data().as_chunks::<16>();
    &chunks[..a.len().min(chunks.len())]
}

/// A numeric argument (int or decimal, column or constant) from a function argument.
pub fn num(v: &ColumnarValue) -> Option<Num<'_>> {
    Some(match v {
        ColumnarValue::Scalar(s) => Num::Constant(match s {
            ScalarValue::FixedSizeBinary(16, b) => b.as_deref().map(dec_from_bytes),
            ScalarValue::Int64(i) => i.map(Decimal::from),
            ScalarValue::Null => None,
            _ => return None,
        }),
        ColumnarValue::Array(a) => match a.data_type() {
            DataType::FixedSizeBinary(16) => {
                let a = a.as_fixed_size_binary();
                Num::Decimals(dec_values(a), a.nulls())
            }
            DataType::Int64 => {
                let a = a.as_primitive::<Int64Type>();
                Num::Ints(a.values(), a.nulls())
            }
            _ => return None,
        },
    })
}

/// Bits written one by one into 64-bit words (a boolean column's values or
/// validity), without a `Vec<bool>` in between.
pub struct Bits {
    words: Vec<u64>,
    cur: u64,
    len: usize,
    ones: usize,
}

impl Bits {
    pub fn new(n: usize) -> Bits {
        Bits {
            words: Vec::with_capacity(n.div_ceil(64)),
            cur: 0,
            len: 0,
            ones: 0,
        }
    }

    #[inline(always)]
    pub fn push(&mut self, b: bool) {
        self.cur |= (b as u64) << (self.len & 63);
        self.ones += b as usize;
        self.len += 1;
        if self.len & 63 == 0 {
            self.words.push(self.cur);
            self.cur = 0;
        }
    }

    pub fn finish(mut self) -> BooleanBuffer {
        if self.len & 63 != 0 {
            self.words.push(self.cur);
        }
        BooleanBuffer::new(Buffer::from_vec(self.words), 0, self.len)
    }

    /// As validity: None when every bit is set.
    pub fn finish_nulls(self) -> Option<NullBuffer> {
        (self.ones < self.len).then(|| NullBuffer::new(self.finish()))
    }
}

/// A column of decimals in the internal representation, written directly.
pub struct DecOut {
    bytes: Vec<u8>,
    valid: Bits,
}

impl DecOut {
    pub fn new(n: usize) -> DecOut {
        DecOut {
            bytes: Vec::with_capacity(n * 16),
            valid: Bits::new(n),
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
            }
        }
    }

    /// A decimal given as its signed mantissa and scale (at most 28), written as
    /// `Decimal::serialize` writes it, without building the `Decimal`; None when
    /// the mantissa needs more than 96 bits.
    #[inline(always)]
    pub fn push_parts(&mut self, m: i128, scale: u32) -> Option<()> {
        let a = m.unsigned_abs();
        if a >> 96 != 0 || scale > 28 {
            return None;
        }
        let flags = (scale << 16) | if m < 0 { 0x8000_0000 } else { 0 };
        self.bytes.extend_from_slice(&flags.to_le_bytes());
        self.bytes.extend_from_slice(&(a as u32).to_le_bytes());
        self.bytes
            .extend_from_slice(&((a >> 32) as u32).to_le_bytes());
        self.bytes
            .extend_from_slice(&((a >> 64) as u32).to_le_bytes());
        self.valid.push(true);
        Some(())
    }

    pub fn finish(self) -> Result<ArrayRef> {
        Ok(Arc::new(FixedSizeBinaryArray::try_new(
            16,
            Buffer::from_vec(self.bytes),
            self.valid.finish_nulls(),
        )?))
    }
}

/// A primitive column (`Int64`, `Date32`) written row by row: `None` is NULL.
pub struct PrimOut<T: ArrowPrimitiveType> {
    values: Vec<T::Native>,
    valid: Bits,
}

impl<T: ArrowPrimitiveType> PrimOut<T> {
    pub fn new(n: usize) -> PrimOut<T> {
        PrimOut {
            values: Vec::with_capacity(n),
            valid: Bits::new(n),
        }
    }

    #[inline(always)]
    pub fn push(&mut self, v: Option<T::Native>) {
        self.values.push(v.unwrap_or_default());
        self.valid.push(v.is_some());
    }

    pub fn finish(self) -> ArrayRef {
        Arc::new(PrimitiveArray::<T>::new(
            self.values.into(),
            self.valid.finish_nulls(),
        ))
    }
}

/// A boolean column written row by row: `None` is NULL.
pub struct BoolOut {
    values: Bits,
    valid: Bits,
}

impl BoolOut {
    pub fn new(n: usize) -> BoolOut {
        BoolOut {
            values: Bits::new(n),
            valid: Bits::new(n),
        }
    }

    #[inline(always)]
    pub fn push(&mut self, b: Option<bool>) {
        self.values.push(b == Some(true));
        self.valid.push(b.is_some());
    }

    pub fn finish(self) -> ArrayRef {
        Arc::new(BooleanArray::new(
            self.values.finish(),
            self.valid.finish_nulls(),
        ))
    }
}

/// `a op b` on numbers whose result is a decimal (`Wrap::Decimal`, `Rate`,
/// `Money`): `semantics::arith`'s decimal branch. None for integer results.
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

/// `a op b` on two integer columns with an integer result: `semantics::arith`'s first branch.
pub fn arith_int(op: ArOp, a: &ColumnarValue, b: &ColumnarValue, n: usize) -> Option<ArrayRef> {
    if op == ArOp::Div {
        return None;
    }
    let get = |v: &ColumnarValue| -> Option<IntArg> {
        match v {
            ColumnarValue::Scalar(ScalarValue::Int64(k)) => Some(IntArg::Constant(*k)),
            ColumnarValue::Array(a) if a.data_type() == &DataType::Int64 => {
                Some(IntArg::Column(a.as_primitive::<Int64Type>().clone()))
            }
            _ => None,
        }
    };
    let (x, y) = (get(a)?, get(b)?);
    let mut out = PrimOut::<Int64Type>::new(n);
    for i in 0..n {
        let r = match (x.get(i), y.get(i)) {
            (Some(x), Some(y)) => match op {
                ArOp::Add => x.checked_add(y),
                ArOp::Sub => x.checked_sub(y),
                _ => x.checked_mul(y),
            },
            _ => None,
        };
        out.push(r);
    }
    Some(out.finish())
}

enum IntArg {
    Constant(Option<i64>),
    Column(Int64Array),
}

impl IntArg {
    #[inline(always)]
    fn get(&self, i: usize) -> Option<i64> {
        match self {
            IntArg::Constant(k) => *k,
            IntArg::Column(a) => a.is_valid(i).then(|| a.value(i)),
        }
    }
}

/// A comparison of two numbers by value (`semantics::comparison` on numbers).
pub fn cmp(op: CmpOp, a: &Num, b: &Num, n: usize) -> ArrayRef {
    let mut out = BoolOut::new(n);
    for i in 0..n {
        out.push(match (a.raw(i), b.raw(i)) {
            (Some(x), Some(y)) => {
                let o = cmp_raw(x, y);
                Some(match op {
                    CmpOp::Eq => o == Ordering::Equal,
                    CmpOp::Ne => o != Ordering::Equal,
                    CmpOp::Lt => o == Ordering::Less,
                    CmpOp::Le => o != Ordering::Greater,
                    CmpOp::Gt => o == Ordering::Greater,
                    CmpOp::Ge => o != Ordering::Less,
                })
            }
            _ => None,
        });
    }
    out.finish()
}

/// `min(...)` / `max(...)` of decimals with a decimal result (`semantics::call` of `min`/`max`).
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

/// The index of the dated value in force on every row's date that is not NULL,
/// when it is the same one for all: the dates' range lies in one dated value's
/// period and no earlier value's period meets that range.
pub fn param_constant(values: &[Dated], dates: &ColumnarValue) -> Option<u32> {
    let (lo, hi) = match dates {
        ColumnarValue::Scalar(ScalarValue::Date32(Some(d))) => (*d, *d),
        ColumnarValue::Array(a) if a.data_type() == &DataType::Date32 => {
            let a: &Date32Array = a.as_primitive::<Date32Type>();
            (
                datafusion::arrow::compute::min(a)?,
                datafusion::arrow::compute::max(a)?,
            )
        }
        _ => return None,
    };
    let covers = |v: &Dated, d: i32| v.from <= d && v.to.is_none_or(|t| d <= t);
    let meets = |v: &Dated| v.from <= hi && v.to.is_none_or(|t| lo <= t);
    let k = values.iter().position(|v| covers(v, lo) && covers(v, hi))?;
    if values[..k].iter().any(meets) {
        return None;
    }
    Some(k as u32)
}

/// `elem in set` for an enumeration column and a set (`Op::SetHas`).
pub fn set_has(negated: bool, e: &ColumnarValue, s: &ColumnarValue, n: usize) -> Option<ArrayRef> {
    enum Elem<'a> {
        Constant(Option<u32>),
        Column(&'a UInt32Array),
    }
    enum Set<'a> {
        Constant(Option<u64>),
        Column(&'a UInt64Array),
    }
    let e = match e {
        ColumnarValue::Scalar(ScalarValue::UInt32(k)) => Elem::Constant(*k),
        ColumnarValue::Array(a) if a.data_type() == &DataType::UInt32 => {
            Elem::Column(a.as_primitive::<UInt32Type>())
        }
        _ => return None,
    };
    let s = match s {
        ColumnarValue::Scalar(ScalarValue::UInt64(k)) => Set::Constant(*k),
        ColumnarValue::Array(a) if a.data_type() == &DataType::UInt64 => {
            Set::Column(a.as_primitive::<UInt64Type>())
        }
        _ => return None,
    };
    let mut out = BoolOut::new(n);
    for i in 0..n {
        let x = match &e {
            Elem::Constant(k) => *k,
            Elem::Column(a) => a.is_valid(i).then(|| a.value(i)),
        };
        let y = match &s {
            Set::Constant(k) => *k,
            Set::Column(a) => a.is_valid(i).then(|| a.value(i)),
        };
        out.push(match (x, y) {
            (Some(x), Some(y)) => Some((x < 64 && y & (1u64 << x) != 0) != negated),
            _ => None,
        });
    }
    Some(out.finish())
}

/// A primitive argument (a column or a constant) read without per-row checks.
pub enum Prim<'a, T: ArrowPrimitiveType> {
    Constant(Option<T::Native>),
    Column(&'a [T::Native], Option<&'a NullBuffer>),
}

impl<'a, T: ArrowPrimitiveType> Prim<'a, T> {
    pub fn of(v: &'a ColumnarValue) -> Option<Prim<'a, T>> {
        Some(match v {
            ColumnarValue::Scalar(s) if s.is_null() => Prim::Constant(None),
            ColumnarValue::Scalar(s) if s.data_type() == T::DATA_TYPE => {
                let a = s.to_array_of_size(1).ok()?;
                let a = a.as_primitive::<T>();
                Prim::Constant(a.is_valid(0).then(|| a.value(0)))
            }
            ColumnarValue::Array(a) if a.data_type() == &T::DATA_TYPE => {
                let a = a.as_primitive::<T>();
                Prim::Column(a.values(), a.nulls())
            }
            _ => return None,
        })
    }

    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<T::Native> {
        match self {
            Prim::Constant(k) => *k,
            Prim::Column(v, nulls) => {
                if nulls.is_some_and(|nb| nb.is_null(i)) {
                    None
                } else {
                    Some(v[i])
                }
            }
        }
    }
}

/// `date + duration` (or `-`, either order): `semantics::arith`'s date branch, NULL
/// where the date leaves the calendar.
pub fn date_shift(
    sub: bool,
    date_first: bool,
    a: &ColumnarValue,
    b: &ColumnarValue,
    n: usize,
) -> Option<ArrayRef> {
    let (d, p) = if date_first { (a, b) } else { (b, a) };
    let dates = Prim::<Date32Type>::of(d)?;
    let durations = Prim::<Int64Type>::of(p)?;
    let mut out = PrimOut::<Date32Type>::new(n);
    let mut last: Option<((i32, i64), Option<i32>)> = None;
    for i in 0..n {
        let r = match (dates.get(i), durations.get(i)) {
            (Some(d), Some(p)) => match last {
                Some((k, r)) if k == (d, p) => r,
                _ => {
                    let dur = unpack_duration(p);
                    let dur = if sub { dur.negate() } else { dur };
                    let r = days_to_date(d)
                        .and_then(|x| dur.add_to(x))
                        .map(date_to_days);
                    last = Some(((d, p), r));
                    r
                }
            },
            _ => None,
        };
        out.push(r);
    }
    Some(out.finish())
}

/// `date(y, m, d)` on whole numbers: `semantics::call`'s `date`, NULL where it is
/// not a calendar date.
pub fn make_date(args: &[ColumnarValue], n: usize) -> Option<ArrayRef> {
    let [y, m, d] = args else {
        return None;
    };
    let (y, m, d) = (
        Prim::<Int64Type>::of(y)?,
        Prim::<Int64Type>::of(m)?,
        Prim::<Int64Type>::of(d)?,
    );
    let mut out = PrimOut::<Date32Type>::new(n);
    let mut last: Option<((i64, i64, i64), Option<i32>)> = None;
    for i in 0..n {
        let r = match (y.get(i), m.get(i), d.get(i)) {
            (Some(y), Some(m), Some(d)) => match last {
                Some((k, r)) if k == (y, m, d) => r,
                _ => {
                    let r = i32::try_from(y)
                        .ok()
                        .zip(u32::try_from(m).ok())
                        .zip(u32::try_from(d).ok())
                        .and_then(|((y, m), d)| chrono::NaiveDate::from_ymd_opt(y, m, d))
                        .map(date_to_days);
                    last = Some(((y, m, d), r));
                    r
                }
            },
            _ => None,
        };
        out.push(r);
    }
    Some(out.finish())
}

#[cfg(test)]
mod parts_tests {
    use super::*;

    #[test]
    fn parts_are_written_as_serialize_writes_them() {
        let cases: [(i128, u32); 9] = [
            (0, 2),
            (0, 0),
            (1, 2),
            (-1, 2),
            (123_456_789, 2),
            (-987_654_321_012, 6),
            ((1i128 << 96) - 1, 2),
            (-((1i128 << 96) - 1), 0),
            (5, 28),
        ];
        for (m, s) in cases {
            let mut out = DecOut::new(1);
            out.push_parts(m, s).expect("fits");
            let want = Decimal::from_i128_with_scale(m, s).serialize();
            assert_eq!(out.bytes, want.to_vec(), "{m} at scale {s}");
        }
        let mut out = DecOut::new(1);
        assert!(out.push_parts(1i128 << 96, 2).is_none());
        assert!(out.push_parts(1, 29).is_none());
    }
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
    fn raw_comparison_is_rust_decimals() {
        let mut rng = ChaCha8Rng::seed_from_u64(11);
        let mut cases: Vec<Decimal> = (0..2_000).map(|_| random_decimal(&mut rng)).collect();
        let mut negative_zero = Decimal::from_i128_with_scale(0, 5);
        negative_zero.set_sign_negative(true);
        for s in [
            "0", "0.00", "1", "1.0", "-1", "-1.000", "0.5", "100", "99.99",
        ] {
            cases.push(s.parse().expect("decimal"));
        }
        cases.extend([Decimal::MAX, Decimal::MIN, negative_zero]);
        // Close values at different scales too.
        for k in 0..500 {
            let d = cases[k];
            cases.push(d.round_dp(d.scale().saturating_sub(1)));
            cases.push(Decimal::from_i128_with_scale(
                d.mantissa() / 10,
                d.scale().saturating_sub(1),
            ));
        }
        for x in &cases {
            for y in cases.iter().step_by(7) {
                let (rx, ry) = (raw_of(&x.serialize()), raw_of(&y.serialize()));
                assert_eq!(cmp_raw(rx, ry), x.cmp(y), "{x:?} vs {y:?}");
            }
        }
    }

    #[test]
    fn inlined_deserialize_is_rust_decimals() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let mut cases: Vec<Decimal> = (0..200_000).map(|_| random_decimal(&mut rng)).collect();
        let mut negative_zero = Decimal::from_i128_with_scale(0, 3);
        negative_zero.set_sign_negative(true);
        cases.extend([Decimal::MAX, Decimal::MIN, Decimal::ZERO, negative_zero]);
        for d in cases {
            let b = d.serialize();
            assert_eq!(
                dec_of(&b).serialize(),
                Decimal::deserialize(b).serialize(),
                "{d:?}"
            );
        }
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
