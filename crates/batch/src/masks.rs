//! Missing-facts masks: one bit per input of the entity, in a
//! `FixedSizeBinary` column, NULL unless the value is missing. Unions of masks,
//! the missing facts of a value that is neither known nor an error, and masks
//! written out as the facts' names.

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, FixedSizeBinaryArray, FixedSizeBinaryBuilder, StringBuilder,
};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DataFusionError, Result, exec_err};
use std::sync::Arc;

/// A mask argument, if the column is one (a NULL literal is not).
pub fn view(a: &ArrayRef) -> Option<&FixedSizeBinaryArray> {
    a.as_fixed_size_binary_opt()
}

/// The width in bytes of a mask type.
pub fn width(dt: &DataType) -> Result<usize> {
    match dt {
        DataType::FixedSizeBinary(w) => Ok(*w as usize),
        other => exec_err!("batch: a mask is FixedSizeBinary, not {other}"),
    }
}

/// ORs the non-null masks of row `i` into `acc`; true if any was non-null.
pub fn or_masks(masks: &[&FixedSizeBinaryArray], i: usize, acc: &mut [u8]) -> bool {
    let mut any = false;
    for m in masks {
        if m.is_valid(i) {
            any = true;
            for (a, b) in acc.iter_mut().zip(m.value(i)) {
                *a |= b;
            }
        }
    }
    any
}

/// `Op::Miss`: `(value, error, masks...)`, the union of the masks where the
/// value and the error are both NULL.
pub fn miss(ret: &DataType, arrays: &[ArrayRef], n: usize) -> Result<ArrayRef> {
    let (v, e) = (&arrays[0], &arrays[1]);
    let masks: Vec<&FixedSizeBinaryArray> = arrays[2..].iter().filter_map(view).collect();
    let w = width(ret)?;
    let mut b = FixedSizeBinaryBuilder::with_capacity(n, w as i32);
    let mut acc = vec![0u8; w];
    for i in 0..n {
        if v.is_valid(i) || e.is_valid(i) {
            b.append_null();
            continue;
        }
        acc.iter_mut().for_each(|x| *x = 0);
        if or_masks(&masks, i, &mut acc) {
            b.append_value(&acc)?;
        } else {
            b.append_null();
        }
    }
    Ok(Arc::new(b.finish()))
}

/// `Op::Union`: the union of masks, NULL when empty.
pub fn union(ret: &DataType, arrays: &[ArrayRef], n: usize) -> Result<ArrayRef> {
    let masks: Vec<&FixedSizeBinaryArray> = arrays.iter().filter_map(view).collect();
    let w = width(ret)?;
    let mut b = FixedSizeBinaryBuilder::with_capacity(n, w as i32);
    let mut acc = vec![0u8; w];
    for i in 0..n {
        acc.iter_mut().for_each(|x| *x = 0);
        if or_masks(&masks, i, &mut acc) && acc.iter().any(|x| *x != 0) {
            b.append_value(&acc)?;
        } else {
            b.append_null();
        }
    }
    Ok(Arc::new(b.finish()))
}

/// `Op::MaskNames`: a mask as the names of its facts, comma-separated.
pub fn names(a: &ArrayRef, names: &[String]) -> Result<ArrayRef> {
    let m = a
        .as_fixed_size_binary_opt()
        .ok_or_else(|| DataFusionError::Internal("batch: mask expected".into()))?;
    let mut b = StringBuilder::new();
    for i in 0..m.len() {
        if m.is_null(i) {
            b.append_null();
            continue;
        }
        let bytes = m.value(i);
        let list: Vec<&str> = names
            .iter()
            .enumerate()
            .filter(|(k, _)| bytes.get(k / 8).is_some_and(|x| x & (1 << (k % 8)) != 0))
            .map(|(_, n)| n.as_str())
            .collect();
        if list.is_empty() {
            b.append_null();
        } else {
            b.append_value(list.join(","));
        }
    }
    Ok(Arc::new(b.finish()))
}
