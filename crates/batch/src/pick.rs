//! Per-row choice between columns: the rule language's `if` and the pick of a
//! definition's exception, as batch functions (`Op::If`, `Op::Choose`,
//! `Op::Pick`) instead of DataFusion's CASE.
//!
//! DataFusion's CASE evaluates each branch on the rows that take it: it filters
//! the branch's input columns, evaluates, and merges the pieces back
//! (`filter_*`, `merge_n`, `MutableArrayData`). Here every argument is a column
//! already computed (or a constant), and the result is one gather: each row says
//! which argument it takes (or none, for NULL), and the values are copied in one
//! typed loop. Every argument is evaluated on every row, which is the same
//! result because no batch function fails because of a row's values (bad input
//! values fail the query wherever they are read).

use crate::repr::dec_from_bytes;
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, FixedSizeBinaryArray, PrimitiveArray, new_null_array,
};
use datafusion::arrow::buffer::{BooleanBuffer, Buffer, NullBuffer, ScalarBuffer};
use datafusion::arrow::datatypes::{
    ArrowPrimitiveType, DataType, Date32Type, Int32Type, Int64Type, UInt32Type, UInt64Type,
};
use datafusion::common::{Result, ScalarValue, exec_err};
use datafusion::logical_expr::ColumnarValue;
use std::sync::Arc;

/// The row takes no argument: NULL.
pub const NONE: u8 = u8::MAX;

/// `choice[i]` is the index in `args` of the argument row `i` takes, or [`NONE`].
/// Every argument has the type `dt` (a NULL literal of any type counts as NULL).
pub fn gather(dt: &DataType, args: &[&ColumnarValue], choice: &[u8]) -> Result<ArrayRef> {
    let n = choice.len();
    // One argument taken by every row: that argument, uncopied.
    if let Some(&first) = choice.first()
        && choice.iter().all(|&c| c == first)
    {
        return Ok(match args.get(first as usize) {
            None => new_null_array(dt, n),
            Some(ColumnarValue::Array(a)) => a.clone(),
            Some(ColumnarValue::Scalar(s)) if s.is_null() => new_null_array(dt, n),
            Some(ColumnarValue::Scalar(s)) => s.to_array_of_size(n)?,
        });
    }
    // Arguments that are NULL literals (of whatever type) are no argument.
    let mut choice_owned;
    let mut choice = choice;
    if args
        .iter()
        .any(|a| matches!(a, ColumnarValue::Scalar(s) if s.is_null()))
    {
        choice_owned = choice.to_vec();
        for c in choice_owned.iter_mut() {
            if matches!(args.get(*c as usize), Some(ColumnarValue::Scalar(s)) if s.is_null()) {
                *c = NONE;
            }
        }
        choice = &choice_owned;
    }
    for a in args {
        let t = a.data_type();
        let null_lit = matches!(a, ColumnarValue::Scalar(s) if s.is_null());
        if !null_lit && &t != dt {
            return exec_err!("batch: cannot pick a {t} for a {dt}");
        }
    }
    match dt {
        DataType::FixedSizeBinary(w) => fixed(*w as usize, args, choice),
        DataType::Boolean => boolean(args, choice),
        DataType::Int64 => primitive::<Int64Type>(args, choice),
        DataType::Int32 => primitive::<Int32Type>(args, choice),
        DataType::UInt32 => primitive::<UInt32Type>(args, choice),
        DataType::UInt64 => primitive::<UInt64Type>(args, choice),
        DataType::Date32 => primitive::<Date32Type>(args, choice),
        _ => general(dt, args, choice),
    }
}

/// Validity of the result: `valid(i)` for every row, None when all are valid.
fn validity(n: usize, valid: impl FnMut(usize) -> bool) -> Option<NullBuffer> {
    let b = BooleanBuffer::collect_bool(n, valid);
    let nb = NullBuffer::new(b);
    (nb.null_count() > 0).then_some(nb)
}

fn fixed(w: usize, args: &[&ColumnarValue], choice: &[u8]) -> Result<ArrayRef> {
    enum Source<'a> {
        Column(&'a FixedSizeBinaryArray),
        Constant(Option<&'a [u8]>),
    }
    let mut srcs = Vec::with_capacity(args.len());
    for a in args {
        srcs.push(match a {
            ColumnarValue::Array(a) => Source::Column(a.as_fixed_size_binary()),
            ColumnarValue::Scalar(ScalarValue::FixedSizeBinary(_, b)) => {
                Source::Constant(b.as_deref().filter(|b| b.len() == w))
            }
            ColumnarValue::Scalar(_) => Source::Constant(None),
        });
    }
    let n = choice.len();
    let zero = vec![0u8; w];
    let mut bytes: Vec<u8> = Vec::with_capacity(n * w);
    for (i, &c) in choice.iter().enumerate() {
        let v: &[u8] = match srcs.get(c as usize) {
            Some(Source::Column(a)) => &a.value_data()[i * w..(i + 1) * w],
            Some(Source::Constant(Some(k))) => k,
            _ => &zero,
        };
        bytes.extend_from_slice(v);
    }
    let nulls = validity(n, |i| match srcs.get(choice[i] as usize) {
        Some(Source::Column(a)) => a.is_valid(i),
        Some(Source::Constant(k)) => k.is_some(),
        None => false,
    });
    Ok(Arc::new(FixedSizeBinaryArray::try_new(
        w as i32,
        Buffer::from_vec(bytes),
        nulls,
    )?))
}

fn primitive<T: ArrowPrimitiveType>(args: &[&ColumnarValue], choice: &[u8]) -> Result<ArrayRef> {
    enum Source<'a, T: ArrowPrimitiveType> {
        Column(&'a PrimitiveArray<T>),
        Constant(Option<T::Native>),
    }
    let mut srcs: Vec<Source<T>> = Vec::with_capacity(args.len());
    for a in args {
        srcs.push(match a {
            ColumnarValue::Array(a) => Source::Column(a.as_primitive::<T>()),
            ColumnarValue::Scalar(s) => {
                let a = s.to_array_of_size(1)?;
                let a = a.as_primitive::<T>();
                Source::Constant(a.is_valid(0).then(|| a.value(0)))
            }
        });
    }
    let n = choice.len();
    let values: ScalarBuffer<T::Native> = choice
        .iter()
        .enumerate()
        .map(|(i, &c)| match srcs.get(c as usize) {
            Some(Source::Column(a)) => a.values()[i],
            Some(Source::Constant(Some(k))) => *k,
            _ => T::Native::default(),
        })
        .collect();
    let nulls = validity(n, |i| match srcs.get(choice[i] as usize) {
        Some(Source::Column(a)) => a.is_valid(i),
        Some(Source::Constant(k)) => k.is_some(),
        None => false,
    });
    Ok(Arc::new(PrimitiveArray::<T>::new(values, nulls)))
}

fn boolean(args: &[&ColumnarValue], choice: &[u8]) -> Result<ArrayRef> {
    enum Source<'a> {
        Column(&'a BooleanArray),
        Constant(Option<bool>),
    }
    let srcs: Vec<Source> = args
        .iter()
        .map(|a| match a {
            ColumnarValue::Array(a) => Source::Column(a.as_boolean()),
            ColumnarValue::Scalar(ScalarValue::Boolean(b)) => Source::Constant(*b),
            ColumnarValue::Scalar(_) => Source::Constant(None),
        })
        .collect();
    let n = choice.len();
    let values = BooleanBuffer::collect_bool(n, |i| match srcs.get(choice[i] as usize) {
        Some(Source::Column(a)) => a.values().value(i),
        Some(Source::Constant(Some(k))) => *k,
        _ => false,
    });
    let nulls = validity(n, |i| match srcs.get(choice[i] as usize) {
        Some(Source::Column(a)) => a.is_valid(i),
        Some(Source::Constant(k)) => k.is_some(),
        None => false,
    });
    Ok(Arc::new(BooleanArray::new(values, nulls)))
}

/// Any other type (text): arrow's `interleave`, constants as one-row arrays.
fn general(dt: &DataType, args: &[&ColumnarValue], choice: &[u8]) -> Result<ArrayRef> {
    let mut arrays: Vec<ArrayRef> = Vec::with_capacity(args.len() + 1);
    let mut scalar = Vec::with_capacity(args.len());
    for a in args {
        match a {
            ColumnarValue::Array(a) => {
                arrays.push(a.clone());
                scalar.push(false);
            }
            ColumnarValue::Scalar(s) if s.is_null() => {
                arrays.push(new_null_array(dt, 1));
                scalar.push(true);
            }
            ColumnarValue::Scalar(s) => {
                arrays.push(s.to_array_of_size(1)?);
                scalar.push(true);
            }
        }
    }
    let null = arrays.len();
    arrays.push(new_null_array(dt, 1));
    let indices: Vec<(usize, usize)> = choice
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let c = c as usize;
            if c >= args.len() {
                (null, 0)
            } else if scalar[c] {
                (c, 0)
            } else {
                (c, i)
            }
        })
        .collect();
    let refs: Vec<&dyn Array> = arrays.iter().map(|a| a.as_ref()).collect();
    Ok(datafusion::arrow::compute::interleave(&refs, &indices)?)
}

/// A boolean argument's state on every row: 1 true, 0 false, 2 NULL.
fn tri(c: &ColumnarValue, n: usize) -> Result<Vec<u8>> {
    Ok(match c {
        ColumnarValue::Scalar(ScalarValue::Boolean(b)) => {
            vec![b.map_or(2, u8::from); n]
        }
        ColumnarValue::Scalar(s) if s.is_null() => vec![2; n],
        ColumnarValue::Array(a) if a.data_type() == &DataType::Boolean => {
            let a = a.as_boolean();
            let v = a.values();
            match a.nulls() {
                None => (0..n).map(|i| v.value(i) as u8).collect(),
                Some(nb) => (0..n)
                    .map(|i| if nb.is_valid(i) { v.value(i) as u8 } else { 2 })
                    .collect(),
            }
        }
        other => {
            return exec_err!(
                "batch: a condition must be a boolean, not {}",
                other.data_type()
            );
        }
    })
}

/// `(c, x, y, z)`: `x` where `c` is true, `y` where false, `z` where NULL.
pub fn choose(dt: &DataType, args: &[ColumnarValue], n: usize) -> Result<ArrayRef> {
    let [c, x, y, z] = args else {
        return exec_err!("batch: choose takes 4 arguments, not {}", args.len());
    };
    let choice: Vec<u8> = tri(c, n)?
        .into_iter()
        .map(|t| match t {
            1 => 0,
            0 => 1,
            _ => 2,
        })
        .collect();
    gather(dt, &[x, y, z], &choice)
}

/// The rule language's `if c then a else b` on values: `(c, a, b[, ce])`.
/// `a` where `c` is true, `b` where false; where `c` is NULL without an error
/// (`ce`, the condition's error, NULL), `a` if both sides are known and equal
/// (by value for decimals, `dec`), else NULL.
pub fn if_value(dt: &DataType, dec: bool, args: &[ColumnarValue], n: usize) -> Result<ArrayRef> {
    let (c, a, b, ce) = match args {
        [c, a, b] => (c, a, b, None),
        [c, a, b, ce] => (c, a, b, Some(ce)),
        _ => return exec_err!("batch: if takes 3 or 4 arguments, not {}", args.len()),
    };
    let t = tri(c, n)?;
    let mut choice: Vec<u8> = t
        .iter()
        .map(|&t| match t {
            1 => 0,
            0 => 1,
            _ => NONE,
        })
        .collect();
    let undecided: Vec<usize> = (0..n).filter(|&i| t[i] == 2).collect();
    if !undecided.is_empty() {
        let ce = match ce {
            Some(ColumnarValue::Array(e)) => Some(e.clone()),
            Some(ColumnarValue::Scalar(s)) if !s.is_null() => {
                // An error on every row: no row is decided by equal branches.
                return gather(dt, &[a, b], &choice);
            }
            _ => None,
        };
        let (aa, bb) = (a.to_array(n)?, b.to_array(n)?);
        let same: Box<dyn Fn(usize) -> bool> = if dec {
            let (x, y) = (aa.as_fixed_size_binary(), bb.as_fixed_size_binary());
            Box::new(move |i| dec_from_bytes(x.value(i)) == dec_from_bytes(y.value(i)))
        } else {
            let eq = datafusion::arrow::compute::kernels::cmp::eq(&aa, &bb)?;
            Box::new(move |i| eq.value(i))
        };
        for i in undecided {
            let no_error = ce.as_ref().is_none_or(|e| e.is_null(i));
            if no_error && aa.is_valid(i) && bb.is_valid(i) && same(i) {
                choice[i] = 0;
            }
        }
    }
    gather(dt, &[a, b], &choice)
}

/// `(branch, x_0, ..., x_k[, on_null])`: `x_branch`, NULL when the branch is
/// NULL (or `on_null` where given).
pub fn pick(dt: &DataType, on_null: bool, args: &[ColumnarValue], n: usize) -> Result<ArrayRef> {
    let Some((branch, rest)) = args.split_first() else {
        return exec_err!("batch: pick needs a branch");
    };
    let k = if on_null { rest.len() - 1 } else { rest.len() };
    if rest.len() >= NONE as usize {
        return exec_err!("batch: too many branches to pick from ({})", rest.len());
    }
    let null_choice = if on_null { k as u8 } else { NONE };
    let of = |b: Option<i32>| match b {
        Some(j) if j >= 0 && (j as usize) < k => j as u8,
        Some(_) => NONE,
        None => null_choice,
    };
    let choice: Vec<u8> = match branch {
        ColumnarValue::Scalar(ScalarValue::Int32(b)) => vec![of(*b); n],
        ColumnarValue::Scalar(s) if s.is_null() => vec![null_choice; n],
        ColumnarValue::Array(a) if a.data_type() == &DataType::Int32 => {
            let a = a.as_primitive::<Int32Type>();
            let v = a.values();
            match a.nulls() {
                None => v.iter().map(|&b| of(Some(b))).collect(),
                Some(nb) => (0..n).map(|i| of(nb.is_valid(i).then(|| v[i]))).collect(),
            }
        }
        other => return exec_err!("batch: a branch must be Int32, not {}", other.data_type()),
    };
    let refs: Vec<&ColumnarValue> = rest.iter().collect();
    gather(dt, &refs, &choice)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repr::dec_bytes;
    use datafusion::arrow::array::{Int32Array, Int64Array, StringArray};
    use rust_decimal::Decimal;

    fn col(a: impl Array + 'static) -> ColumnarValue {
        ColumnarValue::Array(Arc::new(a))
    }

    fn decs(v: &[Option<&str>]) -> FixedSizeBinaryArray {
        FixedSizeBinaryArray::try_from_sparse_iter_with_size(
            v.iter()
                .map(|x| x.map(|s| dec_bytes(s.parse::<Decimal>().expect("decimal")))),
            16,
        )
        .expect("array")
    }

    #[test]
    fn if_takes_a_side_or_equal_sides_or_null() {
        let c = col(BooleanArray::from(vec![
            Some(true),
            Some(false),
            None,
            None,
            None,
            None,
        ]));
        // Row 2: equal by value (1.0 = 1.00): the first side's bytes. Row 3: unequal.
        // Row 4: the condition is an error. Row 5: one side unknown.
        let a = col(decs(&[
            Some("1"),
            Some("2"),
            Some("1.0"),
            Some("1"),
            Some("5"),
            Some("6"),
        ]));
        let b = col(decs(&[
            Some("7"),
            Some("8"),
            Some("1.00"),
            Some("2"),
            Some("5"),
            None,
        ]));
        let ce = col(StringArray::from(vec![
            None,
            None,
            None,
            None,
            Some("boom"),
            None,
        ]));
        let dt = DataType::FixedSizeBinary(16);
        let out = if_value(&dt, true, &[c, a, b, ce], 6).expect("if");
        let out = out.as_fixed_size_binary();
        let got: Vec<Option<String>> = (0..6)
            .map(|i| {
                out.is_valid(i)
                    .then(|| dec_from_bytes(out.value(i)).to_string())
            })
            .collect();
        let want = [Some("1"), Some("8"), Some("1.0"), None, None, None];
        assert_eq!(
            got,
            want.iter().map(|x| x.map(String::from)).collect::<Vec<_>>()
        );
    }

    #[test]
    fn pick_reads_the_branch_and_constants() {
        let branch = col(Int32Array::from(vec![
            Some(0),
            Some(1),
            None,
            Some(2),
            Some(7),
        ]));
        let x0 = col(Int64Array::from(vec![10, 11, 12, 13, 14]));
        let x1 = ColumnarValue::Scalar(ScalarValue::Int64(Some(-1)));
        let x2 = ColumnarValue::Scalar(ScalarValue::Int64(None));
        let dt = DataType::Int64;
        let out = pick(
            &dt,
            false,
            &[branch.clone(), x0.clone(), x1.clone(), x2.clone()],
            5,
        )
        .expect("pick");
        let out = out.as_primitive::<Int64Type>();
        let got: Vec<Option<i64>> = out.iter().collect();
        assert_eq!(got, vec![Some(10), Some(-1), None, None, None]);
        let on_null = ColumnarValue::Scalar(ScalarValue::Int64(Some(99)));
        let out = pick(&dt, true, &[branch, x0, x1, x2, on_null], 5).expect("pick");
        let got: Vec<Option<i64>> = out.as_primitive::<Int64Type>().iter().collect();
        assert_eq!(got, vec![Some(10), Some(-1), Some(99), None, None]);
    }

    #[test]
    fn choose_text_and_booleans() {
        let c = col(BooleanArray::from(vec![Some(true), Some(false), None]));
        let x = col(StringArray::from(vec![Some("a"), Some("b"), Some("c")]));
        let y = ColumnarValue::Scalar(ScalarValue::Utf8(Some("y".into())));
        let z = ColumnarValue::Scalar(ScalarValue::Utf8(None));
        let out = choose(&DataType::Utf8, &[c.clone(), x, y, z], 3).expect("choose");
        let got: Vec<Option<&str>> = out.as_string::<i32>().iter().collect();
        assert_eq!(got, vec![Some("a"), Some("y"), None]);
        let t = col(BooleanArray::from(vec![
            Some(true),
            Some(true),
            Some(false),
        ]));
        let f = ColumnarValue::Scalar(ScalarValue::Boolean(Some(false)));
        let out = choose(&DataType::Boolean, &[c, t.clone(), f, t], 3).expect("choose");
        let got: Vec<Option<bool>> = out.as_boolean().iter().collect();
        assert_eq!(got, vec![Some(true), Some(false), Some(false)]);
    }
}
