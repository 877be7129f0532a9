//! `Op::Resolve`: a definition's exceptions resolved per row by the engine's
//! exception rule (`onestop_engine::semantics::exceptions`). The rows' sets of
//! fired and pending exceptions are built a condition at a time over the whole
//! column, as bit sets (`u64` up to 64 exceptions, the engine's wide set beyond);
//! the rule itself is the engine's, called once per row.

use crate::config::ResolvePart;
use crate::masks;
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, FixedSizeBinaryArray, FixedSizeBinaryBuilder,
    Int32Builder, StringBuilder,
};
use datafusion::arrow::buffer::BooleanBuffer;
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::Result;
use onestop_engine::semantics::exceptions::{self, ExceptionSet, Resolution, WideSet};
use std::sync::Arc;

/// The definition whose exceptions are resolved.
pub struct Definition<'a> {
    pub name: &'a str,
    pub labels: &'a [String],
    pub beats: &'a [Vec<usize>],
}

/// `(cond_1..cond_k, err_1..err_k[, mask_1..mask_k])` to the part asked for.
pub fn resolve(
    def: &Definition,
    part: ResolvePart,
    ret: &DataType,
    arrays: &[ArrayRef],
    n: usize,
) -> Result<ArrayRef> {
    if def.labels.len() <= 64 {
        resolve_with::<u64>(def, part, ret, arrays, n)
    } else {
        resolve_with::<WideSet>(def, part, ret, arrays, n)
    }
}

fn resolve_with<S: ExceptionSet>(
    def: &Definition,
    part: ResolvePart,
    ret: &DataType,
    arrays: &[ArrayRef],
    n: usize,
) -> Result<ArrayRef> {
    let k = def.labels.len();
    let bools = |a: &ArrayRef| -> Result<BooleanArray> {
        Ok(cast(a, &DataType::Boolean)?.as_boolean().clone())
    };
    let conds = arrays[..k].iter().map(bools).collect::<Result<Vec<_>>>()?;
    let errs = arrays[k..2 * k]
        .iter()
        .map(bools)
        .collect::<Result<Vec<_>>>()?;
    let mask_args: Vec<Option<&FixedSizeBinaryArray>> = if part == ResolvePart::Mask {
        arrays[2 * k..3 * k].iter().map(masks::view).collect()
    } else {
        Vec::new()
    };
    let beats: Vec<S> = exceptions::beats_sets(def.beats);
    // Per row: the exceptions that fired, those pending, and whether a condition
    // is an error; a condition at a time over the whole column.
    let set_of = |a: &BooleanArray| match a.nulls() {
        Some(nb) => a.values() & nb.inner(),
        None => a.values().clone(),
    };
    let mut fired = vec![S::empty(k); n];
    let mut pending = vec![S::empty(k); n];
    for (j, c) in conds.iter().enumerate() {
        if let Some(nb) = c.nulls() {
            for i in (!nb.inner()).set_indices() {
                pending[i].insert(j);
            }
        }
        for i in set_of(c).set_indices() {
            fired[i].insert(j);
        }
    }
    let mut errored = BooleanBuffer::new_unset(n);
    for e in &errs {
        errored = &errored | &set_of(e);
    }
    let mut branch = Int32Builder::with_capacity(n);
    let mut conflict = StringBuilder::new();
    let w = if part == ResolvePart::Mask {
        masks::width(ret)?
    } else {
        0
    };
    let mut mask = FixedSizeBinaryBuilder::with_capacity(n, w as i32);
    let mut acc = vec![0u8; w];
    for i in 0..n {
        // An error in a condition decides first: no branch, no conflict, no mask.
        let r = (!errored.value(i)).then(|| exceptions::resolve(&fired[i], &pending[i], &beats));
        match part {
            ResolvePart::Branch => match r {
                Some(Resolution::Default) => branch.append_value(k as i32),
                Some(Resolution::Exception(w)) => branch.append_value(w as i32),
                _ => branch.append_null(),
            },
            ResolvePart::Conflict => match r {
                Some(Resolution::Conflict(winners)) => conflict.append_value(
                    exceptions::conflict(def.name, def.labels, &winners.members()).to_string(),
                ),
                _ => conflict.append_null(),
            },
            ResolvePart::Mask => match r {
                Some(Resolution::Pending(waiting)) => {
                    acc.iter_mut().for_each(|x| *x = 0);
                    let ms: Vec<&FixedSizeBinaryArray> = waiting
                        .members()
                        .into_iter()
                        .filter_map(|j| mask_args.get(j).copied().flatten())
                        .collect();
                    if masks::or_masks(&ms, i, &mut acc) {
                        mask.append_value(&acc)?;
                    } else {
                        mask.append_null();
                    }
                }
                _ => mask.append_null(),
            },
        }
    }
    Ok(match part {
        ResolvePart::Branch => Arc::new(branch.finish()),
        ResolvePart::Conflict => Arc::new(conflict.finish()),
        ResolvePart::Mask => Arc::new(mask.finish()),
    })
}
