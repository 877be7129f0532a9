//! `Op::ToOut`: the internal representation to the output file's (see
//! `Ty::output`): money as `Decimal128(38, 2)`, decimals and rates as exact text,
//! durations as text, enumerations by name, sets as lists of names.

use crate::fast;
use crate::repr::{Ty, unpack_duration};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, Decimal128Array, ListBuilder, StringBuilder,
};
use datafusion::arrow::datatypes::{Int64Type, UInt32Type, UInt64Type};
use datafusion::common::{DataFusionError, Result};
use std::sync::Arc;

/// A money value of the internal representation in fen (the mantissa at scale
/// 2, as `Decimal128(38, 2)` holds it): exact for every decimal (at most 31
/// digits), where `rescale(2)` would keep a smaller scale for mantissas beyond
/// 96 bits.
#[inline]
pub fn fen_of(b: &[u8; 16]) -> i128 {
    let d = fast::round_fen(crate::repr::dec_of(b));
    d.mantissa() * 10i128.pow(2 - d.scale())
}

/// A column of type `ty` as the output file holds it; `values`: enumeration names.
pub fn to_out(a: &ArrayRef, ty: Ty, values: &[String]) -> Result<ArrayRef> {
    let n = a.len();
    let bad =
        || DataFusionError::Internal(format!("batch: expected {ty:?}, found {}", a.data_type()));
    Ok(match ty {
        Ty::Bool | Ty::Int | Ty::Date | Ty::Text => a.clone(),
        Ty::Money => {
            let arr = a.as_fixed_size_binary_opt().ok_or_else(bad)?;
            let nulls = arr.nulls();
            let fen: Vec<i128> = fast::dec_values(arr)
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    if nulls.is_some_and(|nb| nb.is_null(i)) {
                        return 0;
                    }
                    fen_of(b)
                })
                .collect();
            Arc::new(
                Decimal128Array::new(fen.into(), arr.nulls().cloned())
                    .with_precision_and_scale(38, 2)?,
            )
        }
        Ty::Decimal | Ty::Rate => {
            let arr = a.as_fixed_size_binary_opt().ok_or_else(bad)?;
            let mut b = StringBuilder::with_capacity(n, n * 30);
            for i in 0..n {
                if arr.is_null(i) {
                    b.append_null();
                    continue;
                }
                // Written into the builder, without a String per row.
                fast::write_normalized(crate::repr::dec_from_bytes(arr.value(i)), &mut b)
                    .map_err(|e| DataFusionError::Internal(e.to_string()))?;
                b.append_value("");
            }
            Arc::new(b.finish())
        }
        Ty::Duration => {
            let arr = a.as_primitive_opt::<Int64Type>().ok_or_else(bad)?;
            let mut b = StringBuilder::with_capacity(n, n * 8);
            for i in 0..n {
                if arr.is_null(i) {
                    b.append_null();
                } else {
                    b.append_value(unpack_duration(arr.value(i)).to_string());
                }
            }
            Arc::new(b.finish())
        }
        Ty::Enum => {
            let arr = a.as_primitive_opt::<UInt32Type>().ok_or_else(bad)?;
            let mut b = StringBuilder::with_capacity(n, n * 8);
            for i in 0..n {
                b.append_option(
                    arr.is_valid(i)
                        .then(|| values.get(arr.value(i) as usize))
                        .flatten(),
                );
            }
            Arc::new(b.finish())
        }
        Ty::EnumSet => {
            let arr = a.as_primitive_opt::<UInt64Type>().ok_or_else(bad)?;
            let mut b = ListBuilder::new(StringBuilder::new());
            for i in 0..n {
                if arr.is_null(i) {
                    b.append(false);
                    continue;
                }
                let bits = arr.value(i);
                for (k, v) in values.iter().enumerate() {
                    if k < 64 && bits & (1u64 << k) != 0 {
                        b.values().append_value(v);
                    }
                }
                b.append(true);
            }
            Arc::new(b.finish())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{Int64Array, UInt32Array};

    #[test]
    fn durations_and_names_as_text() {
        let d: ArrayRef = Arc::new(Int64Array::from(vec![
            Some(crate::repr::pack_duration(onestop_lang::Duration {
                months: 14,
                days: 0,
            })),
            None,
        ]));
        let out = to_out(&d, Ty::Duration, &[]).expect("durations");
        let out = out.as_string::<i32>();
        assert_eq!(out.value(0), "1 year 2 months");
        assert!(out.is_null(1));
        let e: ArrayRef = Arc::new(UInt32Array::from(vec![Some(1), None]));
        let names = ["a".to_string(), "b".to_string()];
        let out = to_out(&e, Ty::Enum, &names).expect("names");
        assert_eq!(out.as_string::<i32>().value(0), "b");
        assert!(to_out(&e, Ty::Money, &names).is_err());
    }
}
