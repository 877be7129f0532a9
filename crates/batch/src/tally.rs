//! The per-row tallies of a simulation (`simulate.rs`) as batch functions, one
//! pass each instead of a DataFusion CASE (which filters its inputs once per
//! branch): an amount counted where a measure is eligible, and the gain's bucket.

use datafusion::arrow::array::{Array, ArrayRef, AsArray, Decimal128Array, Int32Array};
use datafusion::arrow::datatypes::{DataType, Decimal128Type};
use datafusion::common::{Result, exec_err};
use std::sync::Arc;

/// `(eligible, amount)`: the amount where `eligible` is true and the amount is
/// known, zero otherwise (never NULL). A `Decimal128` amount keeps its type; a
/// money value of the internal representation (`FixedSizeBinary(16)`) becomes
/// fen in `Decimal128(38, 2)`, converted only on the rows counted.
pub fn where_true(arrays: &[ArrayRef], n: usize) -> Result<ArrayRef> {
    let [cond, value] = arrays else {
        return exec_err!("batch: where_true takes (condition, amount)");
    };
    // The rows counted, as one bit set: condition true (and known), amount known.
    let cond = cond.as_boolean();
    let mut counted = cond.values().clone();
    if let Some(nb) = cond.nulls() {
        counted = &counted & nb.inner();
    }
    if let Some(nb) = value.nulls() {
        counted = &counted & nb.inner();
    }
    let mut out = vec![0i128; n];
    let (p, s) = match value.data_type() {
        DataType::FixedSizeBinary(16) => {
            let bytes = crate::fast::dec_values(value.as_fixed_size_binary());
            for i in counted.set_indices() {
                out[i] = crate::output::fen_of(&bytes[i]);
            }
            (38, 2)
        }
        DataType::Decimal128(p, s) => {
            let values = value.as_primitive::<Decimal128Type>().values();
            for i in counted.set_indices() {
                out[i] = values[i];
            }
            (*p, *s)
        }
        other => return exec_err!("batch: where_true sums decimals, not {other}"),
    };
    Ok(Arc::new(
        Decimal128Array::new(out.into(), None).with_precision_and_scale(p, s)?,
    ))
}

/// The gain's bucket: 0 for none; `k + 1` (or `-(k + 1)`) for a gain (loss) of
/// at least `edges[k]` yuan, the largest such `k`; 1 (or -1) below the first
/// edge; -1 for NULL.
pub fn bucket(edges: &[i64], gain: &ArrayRef, n: usize) -> Result<ArrayRef> {
    let DataType::Decimal128(_, s) = gain.data_type() else {
        return exec_err!("batch: a gain is a decimal, not {}", gain.data_type());
    };
    if !(0..=38).contains(s) {
        return exec_err!("batch: a gain's scale {s} is outside 0..38");
    }
    let unit = 10i128.pow(*s as u32);
    let bounds: Vec<i128> = edges.iter().map(|e| *e as i128 * unit).collect();
    let g = gain.as_primitive::<Decimal128Type>();
    let out: Int32Array = (0..n)
        .map(|i| {
            if g.is_null(i) {
                return Some(-1);
            }
            Some(bucket_of(&bounds, g.value(i)))
        })
        .collect();
    Ok(Arc::new(out))
}

fn bucket_of(bounds: &[i128], g: i128) -> i32 {
    if g == 0 {
        return 0;
    }
    for (k, b) in bounds.iter().enumerate().rev() {
        if g >= *b {
            return k as i32 + 1;
        }
        if g <= -*b {
            return -(k as i32) - 1;
        }
    }
    if g > 0 { 1 } else { -1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_follow_the_powers_of_ten_on_both_sides() {
        let edges = [1i64, 10, 100];
        let g: ArrayRef = Arc::new(
            Decimal128Array::from(vec![
                Some(0),
                Some(1),
                Some(99),
                Some(100),
                Some(999),
                Some(1000),
                Some(10_000),
                Some(1_000_000),
                Some(-1),
                Some(-100),
                Some(-1000),
                Some(-10_000),
                None,
            ])
            .with_precision_and_scale(38, 2)
            .expect("decimal"),
        );
        let b = bucket(&edges, &g, 13).expect("bucket");
        let b: Vec<i32> = b
            .as_primitive::<datafusion::arrow::datatypes::Int32Type>()
            .values()
            .to_vec();
        assert_eq!(b, vec![0, 1, 1, 1, 1, 2, 3, 3, -1, -1, -2, -3, -1]);
    }

    #[test]
    fn an_amount_counts_only_where_eligible_and_known() {
        let cond: ArrayRef = Arc::new(datafusion::arrow::array::BooleanArray::from(vec![
            Some(true),
            Some(false),
            None,
            Some(true),
        ]));
        let v: ArrayRef = Arc::new(
            Decimal128Array::from(vec![Some(5), Some(7), Some(9), None])
                .with_precision_and_scale(38, 2)
                .expect("decimal"),
        );
        let out = where_true(&[cond, v], 4).expect("counted");
        let out = out.as_primitive::<Decimal128Type>();
        assert_eq!(out.values().to_vec(), vec![5, 0, 0, 0]);
        assert_eq!(out.null_count(), 0);
        assert_eq!(out.data_type(), &DataType::Decimal128(38, 2));
    }
}
