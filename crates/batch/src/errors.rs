//! Error columns: the scalar evaluator's message per row, NULL where there is
//! none. `Op::First` chains them: the first error of a row wins, as the scalar
//! evaluator reports the first error it meets.

use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, StringArray, StringBuilder, new_null_array,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::Result;
use std::sync::Arc;

/// A column as text.
pub fn text_view(a: &ArrayRef) -> Result<StringArray> {
    Ok(cast(a, &DataType::Utf8)?.as_string::<i32>().clone())
}

/// The first non-NULL text of each row; an argument itself when no other has any.
pub fn first(arrays: &[ArrayRef], n: usize) -> Result<ArrayRef> {
    let holding: Vec<&ArrayRef> = arrays
        .iter()
        .filter(|a| a.logical_null_count() < a.len())
        .collect();
    match holding.as_slice() {
        [] => Ok(new_null_array(&DataType::Utf8, n)),
        [one] => Ok(cast(one, &DataType::Utf8)?),
        _ => {
            let texts = holding
                .iter()
                .map(|a| text_view(a))
                .collect::<Result<Vec<_>>>()?;
            let mut b = StringBuilder::with_capacity(n, 0);
            for i in 0..n {
                b.append_option(texts.iter().find(|t| t.is_valid(i)).map(|t| t.value(i)));
            }
            Ok(Arc::new(b.finish()))
        }
    }
}
