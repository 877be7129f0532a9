//! The batch evaluator's DataFusion scalar function: one UDF type, [`OsFn`],
//! configured by an [`Op`] (`config.rs`). Each fallible operation comes as two
//! functions over the same arguments: the *value* part (NULL when not known) and
//! the *error* part (the scalar evaluator's error message, NULL when none). This
//! module only dispatches: to the typed kernels (`fast.rs`, `pick.rs`) first,
//! then to the module that owns the job (rows, masks, exceptions, input, output,
//! errors). No function ever fails a query because of a row's values, except the
//! conversions of population columns, where a bad value is a bad input file.

use crate::config::{ArOp, Dated, Op, Part, Wrap};
use crate::repr::Ty;
use crate::resolve::Definition;
use crate::{errors, fast, input, masks, output, pick, profile, resolve, rows, tally};
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, UInt32Array, new_null_array,
};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, Expr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use onestop_lang::Builtin;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;
use std::sync::Arc;

/// A configured batch function.
#[derive(Debug)]
pub struct OsFn {
    name: String,
    pub op: Op,
    /// The tags of the typed arguments (as many as the operation reads as values).
    pub args: Vec<Ty>,
    pub part: Part,
    pub ret: DataType,
    signature: Signature,
    /// For `ONESTOP_BATCH_PROFILE` only: the definition whose compilation created
    /// the function and a number telling functions apart. Not part of the
    /// function's identity (equal functions are one column, whoever asked).
    owner: (Option<Arc<str>>, u64),
}

impl PartialEq for OsFn {
    fn eq(&self, other: &OsFn) -> bool {
        (&self.name, &self.op, &self.args, self.part, &self.ret)
            == (&other.name, &other.op, &other.args, other.part, &other.ret)
    }
}

impl Eq for OsFn {}

impl std::hash::Hash for OsFn {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        (&self.name, &self.op, &self.args, self.part, &self.ret).hash(h)
    }
}

impl OsFn {
    pub fn new(op: Op, args: Vec<Ty>, part: Part, ret: DataType) -> OsFn {
        let name = format!(
            "os_{}{}",
            op.name(),
            if part == Part::Error { "_error" } else { "" }
        );
        OsFn {
            name,
            op,
            args,
            part,
            ret,
            signature: Signature::variadic_any(Volatility::Immutable),
            owner: (profile::current_owner(), {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            }),
        }
    }

    pub fn call(self, args: Vec<Expr>) -> Expr {
        ScalarUDF::new_from_impl(self).call(args)
    }
}

/// A batch function as it travels with a plan to a cluster's executors
/// (DataFusion's proto codecs carry it as the UDF's definition bytes).
#[derive(Serialize, Deserialize)]
struct Wire {
    op: Op,
    args: Vec<Ty>,
    part: Part,
    /// The return type in Arrow's text form (`DataType`'s Display / FromStr).
    ret: String,
}

impl OsFn {
    /// The function's configuration as bytes ([`OsFn::decode`] reads them back).
    pub fn encode(&self) -> Result<Vec<u8>> {
        serde_json::to_vec(&Wire {
            op: self.op.clone(),
            args: self.args.clone(),
            part: self.part,
            ret: self.ret.to_string(),
        })
        .map_err(|e| DataFusionError::Internal(format!("batch: cannot encode {}: {e}", self.name)))
    }

    /// A function from [`OsFn::encode`]'s bytes.
    pub fn decode(bytes: &[u8]) -> Result<OsFn> {
        let w: Wire = serde_json::from_slice(bytes).map_err(|e| {
            DataFusionError::Internal(format!("batch: not a batch function definition: {e}"))
        })?;
        let ret = DataType::from_str(&w.ret)?;
        Ok(OsFn::new(w.op, w.args, w.part, ret))
    }

    /// The batch function behind a scalar UDF, if it is one.
    pub fn of(udf: &ScalarUDF) -> Option<&OsFn> {
        udf.inner().downcast_ref::<OsFn>()
    }
}

impl ScalarUDFImpl for OsFn {
    fn name(&self) -> &str {
        &self.name
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.ret.clone())
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let _t = profile::Timer::new(
            &self.op,
            self.part,
            &self.args,
            (self.owner.0.as_ref(), self.owner.1),
            args.number_rows,
        );
        let all_scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let n = if all_scalar { 1 } else { args.number_rows };
        let done = |out: ArrayRef| -> Result<ColumnarValue> {
            if all_scalar {
                Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?))
            } else {
                Ok(ColumnarValue::Array(out))
            }
        };
        if let (Op::ParamAt { values, .. }, Part::Value, [dates]) =
            (&self.op, self.part, args.args.as_slice())
        {
            if let Some(out) = self.param_constant(values, dates, n)? {
                return Ok(out);
            }
            if let Some(idx) = fast::param_index(values, dates, n) {
                return done(self.param_take(values, idx)?);
            }
        }
        if let Some(out) = self.fast(&args.args, n)? {
            return done(out);
        }
        let arrays = args
            .args
            .iter()
            .map(|a| a.to_array(n))
            .collect::<Result<Vec<_>>>()?;
        done(self.run(&arrays, n)?)
    }
}

impl OsFn {
    /// The general path: each operation by the module that owns its job.
    fn run(&self, arrays: &[ArrayRef], n: usize) -> Result<ArrayRef> {
        match &self.op {
            Op::Miss => masks::miss(&self.ret, arrays, n),
            Op::Union => masks::union(&self.ret, arrays, n),
            Op::MaskNames { names } => masks::names(&arrays[0], names),
            Op::First => errors::first(arrays, n),
            Op::Kleene { or } => {
                let bool_arg = |a: &ArrayRef| -> Result<BooleanArray> {
                    Ok(cast(a, &DataType::Boolean)?.as_boolean().clone())
                };
                let (a, b) = (bool_arg(&arrays[0])?, bool_arg(&arrays[1])?);
                Ok(Arc::new(if *or {
                    datafusion::arrow::compute::or_kleene(&a, &b)?
                } else {
                    datafusion::arrow::compute::and_kleene(&a, &b)?
                }))
            }
            Op::Resolve {
                def,
                labels,
                beats,
                part,
            } => resolve::resolve(
                &Definition {
                    name: def,
                    labels,
                    beats,
                },
                *part,
                &self.ret,
                arrays,
                n,
            ),
            Op::FromRaw { column, ty, values } => input::from_raw(&arrays[0], column, *ty, values),
            Op::ToOut { ty, values } => output::to_out(&arrays[0], *ty, values),
            Op::WhereTrue => tally::where_true(arrays, n),
            Op::Bucket { edges } => tally::bucket(edges, &arrays[0], n),
            Op::If { .. } | Op::Choose | Op::Pick { .. } => {
                let args: Vec<ColumnarValue> = arrays
                    .iter()
                    .map(|a| ColumnarValue::Array(a.clone()))
                    .collect();
                match self.fast(&args, n)? {
                    Some(out) => Ok(out),
                    None => exec_err!("batch: {} has no general path", self.name),
                }
            }
            Op::Arith(..)
            | Op::Cmp(_)
            | Op::Neg(_)
            | Op::Call { .. }
            | Op::ParamAt { .. }
            | Op::Convert { .. }
            | Op::AnyEqual { .. }
            | Op::SetHas { .. }
            | Op::EnumSet => rows::strict(&self.op, self.part, &self.args, &self.ret, arrays, n),
        }
    }

    /// The typed fast paths (`fast.rs`, `pick.rs`): None when the operation or its
    /// argument types have none, and the general path computes the result.
    fn fast(&self, args: &[ColumnarValue], n: usize) -> Result<Option<ArrayRef>> {
        let numeric = |k: usize| {
            self.args
                .get(k)
                .is_some_and(|t| *t == Ty::Int || t.is_dec())
        };
        let all_numeric = (0..args.len()).all(numeric) && self.args.len() == args.len();
        if self.part == Part::Error {
            // `(value, args...)`: a row with a value has no error; without any NULL
            // value there is nothing to compute.
            if !self.op.is_strict() {
                return Ok(None);
            }
            let none = match &args[0] {
                ColumnarValue::Array(v) => v.null_count() == 0,
                ColumnarValue::Scalar(s) => !s.is_null(),
            };
            return Ok(none.then(|| new_null_array(&DataType::Utf8, n)));
        }
        Ok(match &self.op {
            Op::If { dec } => Some(pick::if_value(&self.ret, *dec, args, n)?),
            Op::Choose => Some(pick::choose(&self.ret, args, n)?),
            Op::Pick { on_null } => Some(pick::pick(&self.ret, *on_null, args, n)?),
            Op::Arith(op, ty) if all_numeric && args.len() == 2 => {
                let wrap = Wrap::of(*ty);
                if self.args[0] == Ty::Int && self.args[1] == Ty::Int && wrap == Wrap::Int {
                    fast::arith_int(*op, &args[0], &args[1], n)
                } else {
                    match (fast::num(&args[0]), fast::num(&args[1])) {
                        (Some(a), Some(b)) => fast::arith(*op, wrap, &a, &b, n).transpose()?,
                        _ => None,
                    }
                }
            }
            Op::Arith(op @ (ArOp::Add | ArOp::Sub), _)
                if args.len() == 2
                    && matches!(
                        self.args.as_slice(),
                        [Ty::Date, Ty::Duration] | [Ty::Duration, Ty::Date]
                    ) =>
            {
                fast::date_shift(
                    *op == ArOp::Sub,
                    self.args[0] == Ty::Date,
                    &args[0],
                    &args[1],
                    n,
                )
            }
            Op::Call {
                func: Builtin::MakeDate,
                ..
            } if args.len() == 3 && self.args.iter().all(|t| *t == Ty::Int) => {
                fast::make_date(args, n)
            }
            Op::Neg(ty) if all_numeric && args.len() == 1 && self.args[0].is_dec() => {
                match fast::num(&args[0]) {
                    Some(a) => fast::arith(
                        ArOp::Sub,
                        Wrap::of(*ty),
                        &fast::Num::Constant(Some(Decimal::ZERO)),
                        &a,
                        n,
                    )
                    .transpose()?,
                    None => None,
                }
            }
            Op::Cmp(op) if all_numeric && args.len() == 2 => {
                match (fast::num(&args[0]), fast::num(&args[1])) {
                    (Some(a), Some(b)) => Some(fast::cmp(*op, &a, &b, n)),
                    _ => None,
                }
            }
            Op::Call {
                func: func @ (Builtin::Min | Builtin::Max),
                ty,
            } if all_numeric => match args.iter().map(fast::num).collect::<Option<Vec<_>>>() {
                Some(nums) => {
                    fast::min_max(*func == Builtin::Max, Wrap::of(*ty), &nums, n).transpose()?
                }
                None => None,
            },
            Op::SetHas { negated } if args.len() == 2 => {
                fast::set_has(*negated, &args[0], &args[1], n)
            }
            Op::Convert {
                ty: Ty::Decimal | Ty::Rate,
                ..
            } if args.len() == 1 && self.args[0] == Ty::Int => match fast::num(&args[0]) {
                Some(a) => {
                    let mut out = fast::DecOut::new(n);
                    for i in 0..n {
                        out.push(a.get(i));
                    }
                    Some(out.finish()?)
                }
                None => None,
            },
            _ => None,
        })
    }

    /// The same dated value on every row (the usual case): a constant, which the
    /// kernels reading it never materialise.
    fn param_constant(
        &self,
        values: &[Dated],
        dates: &ColumnarValue,
        n: usize,
    ) -> Result<Option<ColumnarValue>> {
        let Some(k) = fast::param_constant(values, dates) else {
            return Ok(None);
        };
        let value = values[k as usize].value.to_scalar(&self.ret)?;
        Ok(match dates {
            ColumnarValue::Array(a) if a.null_count() > 0 => {
                // NULL where the date is: the constant under the dates' validity.
                if value.is_null() {
                    None
                } else {
                    let data = value
                        .to_array_of_size(n)?
                        .to_data()
                        .into_builder()
                        .nulls(a.nulls().cloned())
                        .build()?;
                    Some(ColumnarValue::Array(datafusion::arrow::array::make_array(
                        data,
                    )))
                }
            }
            _ => Some(ColumnarValue::Scalar(value)),
        })
    }

    /// A parameter's dated values taken by each row's index (NULL: none).
    fn param_take(&self, values: &[Dated], idx: Vec<Option<u32>>) -> Result<ArrayRef> {
        let lits = values
            .iter()
            .map(|v| v.value.to_scalar(&self.ret))
            .collect::<Result<Vec<_>>>()?;
        let table = if lits.is_empty() {
            new_null_array(&self.ret, 1)
        } else {
            ScalarValue::iter_to_array(lits)?
        };
        let idx = UInt32Array::from(idx);
        Ok(datafusion::arrow::compute::take(&table, &idx, None)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Literal, ResolvePart};

    #[test]
    fn functions_survive_the_wire() {
        let fns = [
            OsFn::new(
                Op::Resolve {
                    def: "rd_deduction_rate".into(),
                    labels: vec!["tech_sme".into(), "excluded_industry".into()],
                    beats: vec![vec![], vec![0]],
                    part: ResolvePart::Mask,
                },
                vec![],
                Part::Value,
                DataType::FixedSizeBinary(3),
            ),
            OsFn::new(
                Op::ParamAt {
                    param: "eit_statutory_rate".into(),
                    values: vec![Dated {
                        from: 13_879,
                        to: None,
                        value: Literal::Decimal(Decimal::new(25, 2)),
                    }],
                },
                vec![Ty::Date],
                Part::Error,
                DataType::Utf8,
            ),
            OsFn::new(
                Op::Call {
                    func: Builtin::WorkingDaysBetween,
                    ty: Ty::Int,
                },
                vec![Ty::Date, Ty::Date],
                Part::Value,
                DataType::Int64,
            ),
            OsFn::new(
                Op::ToOut {
                    ty: Ty::Money,
                    values: vec![],
                },
                vec![],
                Part::Value,
                DataType::Decimal128(38, 2),
            ),
        ];
        for f in fns {
            let back = OsFn::decode(&f.encode().expect("encode")).expect("decode");
            assert_eq!(back, f);
            assert_eq!(back.name(), f.name());
        }
        assert!(OsFn::decode(b"{\"op\": 1}").is_err());
        assert!(
            OsFn::decode(br#"{"op":{"Call":{"func":"no_such","ty":"Int"}},"args":[],"part":"Value","ret":"Int64"}"#)
                .is_err()
        );
    }
}
