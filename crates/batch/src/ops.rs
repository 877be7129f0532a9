//! The batch evaluator's DataFusion scalar functions: one UDF type, [`OsFn`],
//! configured by an [`Op`]. Each fallible operation comes as two functions over
//! the same arguments: the *value* part (NULL when not known) and the *error*
//! part (the scalar evaluator's error message, NULL when none). No function here
//! ever fails a query because of a row's values, except the conversions of
//! population columns, where a bad value is a bad input file.

use crate::fast;
use crate::pick;
use crate::repr::{Ty, dec_bytes, dec_from_bytes, unpack_duration};
use crate::sem::{self, ArOp, CmpOp, DateFn, R, Rounding, Wrap};
use chrono::NaiveDate;
use datafusion::arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, BooleanBuilder, Date32Array, Date32Builder,
    FixedSizeBinaryArray, FixedSizeBinaryBuilder, Int32Builder, Int64Array, Int64Builder,
    ListBuilder, StringArray, StringBuilder, UInt32Array, UInt32Builder, UInt64Array,
    UInt64Builder, new_null_array,
};
use datafusion::arrow::buffer::BooleanBuffer;
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Int64Type};
use datafusion::common::{DataFusionError, Result, ScalarValue, exec_err};
use datafusion::logical_expr::{
    ColumnarValue, Expr, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use onestop_engine::EvalError;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::str::FromStr;

use std::sync::Arc;

/// Which half of a fallible operation a function computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    Value,
    Error,
}

/// What the parts of a definition's exception resolution compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResolvePart {
    /// Int32: index of the winning exception, `n` for the default, NULL if undecided.
    Branch,
    /// Utf8: the conflict message when two exceptions apply without priority.
    Conflict,
    /// The missing facts of pending exceptions that the winner does not override.
    Mask,
}

/// One dated value of a parameter: days since 1970 from, to (inclusive), value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dated {
    pub from: i32,
    pub to: Option<i32>,
    pub value: ScalarLit,
}

/// A literal internal value, serialisable (for cluster plans).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ScalarLit {
    Null,
    B(bool),
    I(i64),
    D(Decimal),
    Dt(i32),
    Du(i64),
    T(String),
    E(u32),
    S(u64),
}

impl ScalarLit {
    pub fn from_scalar(s: &ScalarValue, ty: Ty) -> ScalarLit {
        match (s, ty) {
            (ScalarValue::Boolean(Some(b)), _) => ScalarLit::B(*b),
            (ScalarValue::Int64(Some(i)), Ty::Duration) => ScalarLit::Du(*i),
            (ScalarValue::Int64(Some(i)), _) => ScalarLit::I(*i),
            (ScalarValue::FixedSizeBinary(16, Some(b)), _) => ScalarLit::D(dec_from_bytes(b)),
            (ScalarValue::Date32(Some(d)), _) => ScalarLit::Dt(*d),
            (ScalarValue::Utf8(Some(t)), _) => ScalarLit::T(t.clone()),
            (ScalarValue::UInt32(Some(e)), _) => ScalarLit::E(*e),
            (ScalarValue::UInt64(Some(s)), _) => ScalarLit::S(*s),
            _ => ScalarLit::Null,
        }
    }

    /// The literal as a scalar of the internal type `dt`.
    pub fn to_scalar(&self, dt: &DataType) -> Result<ScalarValue> {
        Ok(match self {
            ScalarLit::Null => ScalarValue::try_from(dt)?,
            ScalarLit::B(b) => ScalarValue::Boolean(Some(*b)),
            ScalarLit::I(i) | ScalarLit::Du(i) => ScalarValue::Int64(Some(*i)),
            ScalarLit::D(d) => ScalarValue::FixedSizeBinary(16, Some(dec_bytes(*d).to_vec())),
            ScalarLit::Dt(d) => ScalarValue::Date32(Some(*d)),
            ScalarLit::T(t) => ScalarValue::Utf8(Some(t.clone())),
            ScalarLit::E(e) => ScalarValue::UInt32(Some(*e)),
            ScalarLit::S(s) => ScalarValue::UInt64(Some(*s)),
        })
    }

    fn r(&self) -> R<'_> {
        match self {
            ScalarLit::Null => R::Null,
            ScalarLit::B(b) => R::B(*b),
            ScalarLit::I(i) => R::I(*i),
            ScalarLit::D(d) => R::D(*d),
            ScalarLit::Dt(d) => R::Dt(*d),
            ScalarLit::Du(d) => R::Du(*d),
            ScalarLit::T(t) => R::T(t),
            ScalarLit::E(e) => R::E(*e),
            ScalarLit::S(s) => R::S(*s),
        }
    }
}

/// The operations of the batch evaluator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// Strict: `a op b` with the scalar evaluator's arithmetic.
    Arith(ArOp, Wrap),
    /// Strict: comparison with numbers compared by value.
    Cmp(CmpOp),
    Neg(Wrap),
    MinMax {
        max: bool,
        ty: Wrap,
    },
    Abs,
    Round(Rounding),
    Date(DateFn),
    /// A parameter read at a computed date.
    ParamAt {
        param: String,
        values: Vec<Dated>,
    },
    /// A definition's value converted to its declared type (`Value::convert_to`).
    Convert {
        def: String,
        ty: Wrap,
    },
    /// Strict: `elem in {e1, ...}` with the language's equality.
    AnyEqual {
        negated: bool,
    },
    /// Strict: `elem in set` for a set of enumeration values held as bits.
    SetHas {
        negated: bool,
    },
    /// Strict: a set of enumeration values from its elements.
    EnumSet,
    /// `(value, error, masks...)`: the union of the masks when the value is
    /// missing (NULL value, NULL error), else NULL.
    Miss,
    /// The union of masks; NULL when empty.
    Union,
    /// The first non-NULL of its text arguments (the first error).
    First,
    /// Three-valued AND (`or: false`) or OR of two booleans.
    Kleene {
        or: bool,
    },
    /// The value of `if c then a else b`: `(c, a, b[, c's error])`, see
    /// `pick::if_value`; `dec`: the branches are decimals, compared by value.
    If {
        dec: bool,
    },
    /// `(c, x, y, z)`: `x` where `c` is true, `y` where false, `z` where NULL
    /// (the error and the missing facts of an `if`).
    Choose,
    /// One of a definition's exceptions or its default, by the resolved branch:
    /// `(branch, x_0, ..., x_k[, on_null])`, NULL (or `on_null`) when undecided.
    Pick {
        on_null: bool,
    },
    /// A definition's exceptions: `(cond_1..cond_n, err_1..err_n[, mask_1..mask_n])`.
    Resolve {
        def: String,
        labels: Vec<String>,
        beats: Vec<Vec<usize>>,
        part: ResolvePart,
    },
    /// A population column to the internal representation; bad values fail the query.
    FromRaw {
        column: String,
        ty: Ty,
        values: Vec<String>,
    },
    /// The internal representation to the output file's.
    ToOut {
        ty: Ty,
        values: Vec<String>,
    },
    /// A mask to the names of its facts, comma-separated.
    MaskNames {
        names: Vec<String>,
    },
}

/// A configured batch function.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct OsFn {
    name: String,
    pub op: Op,
    /// The tags of the typed arguments (as many as the operation reads as values).
    pub args: Vec<Ty>,
    pub part: Part,
    pub ret: DataType,
    signature: Signature,
}

impl OsFn {
    pub fn new(op: Op, args: Vec<Ty>, part: Part, ret: DataType) -> OsFn {
        let name = format!(
            "os_{}{}",
            op_name(&op),
            if part == Part::Error { "_error" } else { "" }
        );
        OsFn {
            name,
            op,
            args,
            part,
            ret,
            signature: Signature::variadic_any(Volatility::Immutable),
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

fn op_name(op: &Op) -> String {
    match op {
        Op::Arith(o, _) => format!("arith_{o:?}").to_lowercase(),
        Op::Cmp(o) => format!("cmp_{o:?}").to_lowercase(),
        Op::Neg(_) => "neg".into(),
        Op::MinMax { max, .. } => if *max { "max" } else { "min" }.into(),
        Op::Abs => "abs".into(),
        Op::Round(r) => format!("round_{r:?}").to_lowercase(),
        Op::Date(f) => format!("{f:?}").to_lowercase(),
        Op::ParamAt { param, .. } => format!("param_at_{param}"),
        Op::Convert { def, .. } => format!("convert_{def}"),
        Op::AnyEqual { .. } => "in_list".into(),
        Op::SetHas { .. } => "in_set".into(),
        Op::EnumSet => "enum_set".into(),
        Op::Miss => "missing".into(),
        Op::Union => "union".into(),
        Op::First => "first_error".into(),
        Op::Kleene { or } => if *or { "or" } else { "and" }.into(),
        Op::If { .. } => "if".into(),
        Op::Choose => "choose".into(),
        Op::Pick { .. } => "pick".into(),
        Op::Resolve { def, part, .. } => format!("exceptions_{def}_{part:?}").to_lowercase(),
        Op::FromRaw { column, .. } => format!("input_{column}"),
        Op::ToOut { .. } => "output".into(),
        Op::MaskNames { .. } => "missing_names".into(),
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
        let _t = prof::Timer::new(self);
        let all_scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let n = if all_scalar { 1 } else { args.number_rows };
        if let (Op::ParamAt { values, .. }, Part::Value, [dates]) =
            (&self.op, self.part, args.args.as_slice())
        {
            // The same dated value on every row (the usual case): a constant, which
            // the kernels reading it never materialise.
            if let Some(k) = fast::param_constant(values, dates) {
                let value = values[k as usize].value.to_scalar(&self.ret)?;
                match dates {
                    ColumnarValue::Array(a) if a.null_count() > 0 => {
                        // NULL where the date is: the constant under the dates' validity.
                        if !value.is_null() {
                            let data = value
                                .to_array_of_size(n)?
                                .to_data()
                                .into_builder()
                                .nulls(a.nulls().cloned())
                                .build()?;
                            return Ok(ColumnarValue::Array(datafusion::arrow::array::make_array(
                                data,
                            )));
                        }
                    }
                    _ => return Ok(ColumnarValue::Scalar(value)),
                }
            }
        }
        if let (Op::ParamAt { values, .. }, Part::Value, [dates]) =
            (&self.op, self.part, args.args.as_slice())
            && let Some(idx) = fast::param_index(values, dates, n)
        {
            let out = self.param_take(values, idx)?;
            return if all_scalar {
                Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?))
            } else {
                Ok(ColumnarValue::Array(out))
            };
        }
        if let Some(out) = self.fast(&args.args, n)? {
            return if all_scalar {
                Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?))
            } else {
                Ok(ColumnarValue::Array(out))
            };
        }
        let arrays = args
            .args
            .iter()
            .map(|a| a.to_array(n))
            .collect::<Result<Vec<_>>>()?;
        let out = self.run(&arrays, n)?;
        if all_scalar {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?))
        } else {
            Ok(ColumnarValue::Array(out))
        }
    }
}

/// A typed view of an internal column.
enum Col<'a> {
    B(&'a BooleanArray),
    I(&'a Int64Array),
    D(&'a FixedSizeBinaryArray),
    Dt(&'a Date32Array),
    Du(&'a Int64Array),
    T(&'a StringArray),
    E(&'a UInt32Array),
    S(&'a UInt64Array),
}

fn view(a: &ArrayRef, ty: Ty) -> Result<Col<'_>> {
    let bad = || {
        DataFusionError::Internal(format!(
            "batch: expected {:?} as {}, found {}",
            ty,
            ty.internal(),
            a.data_type()
        ))
    };
    Ok(match ty {
        Ty::Bool => Col::B(a.as_boolean_opt().ok_or_else(bad)?),
        Ty::Int => Col::I(a.as_primitive_opt::<Int64Type>().ok_or_else(bad)?),
        Ty::Duration => Col::Du(a.as_primitive_opt::<Int64Type>().ok_or_else(bad)?),
        Ty::Decimal | Ty::Rate | Ty::Money => Col::D(a.as_fixed_size_binary_opt().ok_or_else(bad)?),
        Ty::Date => Col::Dt(a.as_any().downcast_ref().ok_or_else(bad)?),
        Ty::Text => Col::T(a.as_string_opt::<i32>().ok_or_else(bad)?),
        Ty::Enum => Col::E(a.as_any().downcast_ref().ok_or_else(bad)?),
        Ty::EnumSet => Col::S(a.as_any().downcast_ref().ok_or_else(bad)?),
    })
}

impl Col<'_> {
    fn get(&self, i: usize) -> R<'_> {
        macro_rules! g {
            ($a:expr, $f:expr) => {
                if $a.is_null(i) { R::Null } else { $f }
            };
        }
        match self {
            Col::B(a) => g!(a, R::B(a.value(i))),
            Col::I(a) => g!(a, R::I(a.value(i))),
            Col::Du(a) => g!(a, R::Du(a.value(i))),
            Col::D(a) => g!(a, R::D(dec_from_bytes(a.value(i)))),
            Col::Dt(a) => g!(a, R::Dt(a.value(i))),
            Col::T(a) => g!(a, R::T(a.value(i))),
            Col::E(a) => g!(a, R::E(a.value(i))),
            Col::S(a) => g!(a, R::S(a.value(i))),
        }
    }
}

/// A builder of an internal column.
enum Out {
    B(BooleanBuilder),
    I(Int64Builder),
    D(FixedSizeBinaryBuilder),
    Dt(Date32Builder),
    T(StringBuilder),
    E(UInt32Builder),
    S(UInt64Builder),
}

impl Out {
    fn new(dt: &DataType, n: usize) -> Result<Out> {
        Ok(match dt {
            DataType::Boolean => Out::B(BooleanBuilder::with_capacity(n)),
            DataType::Int64 => Out::I(Int64Builder::with_capacity(n)),
            DataType::FixedSizeBinary(w) => Out::D(FixedSizeBinaryBuilder::with_capacity(n, *w)),
            DataType::Date32 => Out::Dt(Date32Builder::with_capacity(n)),
            DataType::Utf8 => Out::T(StringBuilder::with_capacity(n, n * 8)),
            DataType::UInt32 => Out::E(UInt32Builder::with_capacity(n)),
            DataType::UInt64 => Out::S(UInt64Builder::with_capacity(n)),
            other => return exec_err!("batch: no builder for {other}"),
        })
    }

    fn push(&mut self, r: R) -> Result<()> {
        match (self, r) {
            (Out::B(b), R::Null) => b.append_null(),
            (Out::I(b), R::Null) => b.append_null(),
            (Out::D(b), R::Null) => b.append_null(),
            (Out::Dt(b), R::Null) => b.append_null(),
            (Out::T(b), R::Null) => b.append_null(),
            (Out::E(b), R::Null) => b.append_null(),
            (Out::S(b), R::Null) => b.append_null(),
            (Out::B(b), R::B(v)) => b.append_value(v),
            (Out::I(b), R::I(v) | R::Du(v)) => b.append_value(v),
            (Out::D(b), R::D(d)) => b.append_value(dec_bytes(d))?,
            (Out::Dt(b), R::Dt(v)) => b.append_value(v),
            (Out::T(b), R::T(v)) => b.append_value(v),
            (Out::E(b), R::E(v)) => b.append_value(v),
            (Out::S(b), R::S(v)) => b.append_value(v),
            (_, r) => return exec_err!("batch: cannot store {r:?} here"),
        }
        Ok(())
    }

    fn push_str(&mut self, s: Option<&str>) -> Result<()> {
        match self {
            Out::T(b) => {
                b.append_option(s);
                Ok(())
            }
            _ => exec_err!("batch: expected a text builder"),
        }
    }

    fn finish(self) -> ArrayRef {
        match self {
            Out::B(mut b) => Arc::new(b.finish()),
            Out::I(mut b) => Arc::new(b.finish()),
            Out::D(mut b) => Arc::new(b.finish()),
            Out::Dt(mut b) => Arc::new(b.finish()),
            Out::T(mut b) => Arc::new(b.finish()),
            Out::E(mut b) => Arc::new(b.finish()),
            Out::S(mut b) => Arc::new(b.finish()),
        }
    }
}

fn mask_view(a: &ArrayRef) -> Option<&FixedSizeBinaryArray> {
    a.as_fixed_size_binary_opt()
}

/// ORs the non-null masks of row `i` into `acc`; true if any was non-null.
fn or_masks(masks: &[&FixedSizeBinaryArray], i: usize, acc: &mut [u8]) -> bool {
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

impl OsFn {
    fn run(&self, arrays: &[ArrayRef], n: usize) -> Result<ArrayRef> {
        match &self.op {
            Op::Miss => self.miss(arrays, n),
            Op::Union => self.union(arrays, n),
            Op::First => first(arrays, n),
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
            } => self.resolve(arrays, n, def, labels, beats, *part),
            Op::FromRaw { column, ty, values } => from_raw(&arrays[0], column, *ty, values),
            Op::ToOut { ty, values } => to_out(&arrays[0], *ty, values),
            Op::MaskNames { names } => mask_names(&arrays[0], names),
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
            _ => self.strict(arrays, n),
        }
    }

    /// The typed fast paths (`fast.rs`): None when the operation or its argument
    /// types have none, and the general path below computes the result.
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
            if !is_strict(&self.op) {
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
            Op::Arith(op, wrap) if all_numeric && args.len() == 2 => {
                if self.args[0] == Ty::Int && self.args[1] == Ty::Int && *wrap == Wrap::Int {
                    fast::arith_int(*op, &args[0], &args[1], n)
                } else {
                    match (fast::num(&args[0]), fast::num(&args[1])) {
                        (Some(a), Some(b)) => fast::arith(*op, *wrap, &a, &b, n).transpose()?,
                        _ => None,
                    }
                }
            }
            Op::Arith(op @ (ArOp::Add | ArOp::Sub), Wrap::Other)
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
            Op::Date(DateFn::MakeDate)
                if args.len() == 3 && self.args.iter().all(|t| *t == Ty::Int) =>
            {
                fast::make_date(args, n)
            }
            Op::Neg(wrap) if all_numeric && args.len() == 1 && self.args[0].is_dec() => {
                match fast::num(&args[0]) {
                    Some(a) => {
                        fast::arith(ArOp::Sub, *wrap, &fast::Num::K(Some(Decimal::ZERO)), &a, n)
                            .transpose()?
                    }
                    None => None,
                }
            }
            Op::Cmp(op) if all_numeric && args.len() == 2 => {
                match (fast::num(&args[0]), fast::num(&args[1])) {
                    (Some(a), Some(b)) => Some(fast::cmp(*op, &a, &b, n)),
                    _ => None,
                }
            }
            Op::MinMax { max, ty } if all_numeric => {
                match args.iter().map(fast::num).collect::<Option<Vec<_>>>() {
                    Some(nums) => fast::min_max(*max, *ty, &nums, n).transpose()?,
                    None => None,
                }
            }
            Op::SetHas { negated } if args.len() == 2 => {
                fast::set_has(*negated, &args[0], &args[1], n)
            }
            Op::Convert {
                ty: Wrap::Decimal | Wrap::Rate,
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

    /// A strict operation: NULL (not known) if any argument is; else the result or
    /// its error. The error part reads `(value, args...)` and computes only the rows
    /// without a value.
    fn strict(&self, arrays: &[ArrayRef], n: usize) -> Result<ArrayRef> {
        let (value, arrays) = match self.part {
            Part::Error => (Some(&arrays[0]), &arrays[1..]),
            Part::Value => (None, arrays),
        };
        let cols = arrays
            .iter()
            .zip(&self.args)
            .map(|(a, t)| view(a, *t))
            .collect::<Result<Vec<_>>>()?;
        let mut out = Out::new(&self.ret, n)?;
        let mut row: Vec<R> = Vec::with_capacity(cols.len());
        for i in 0..n {
            if value.is_some_and(|v| v.is_valid(i)) {
                out.push_str(None)?;
                continue;
            }
            row.clear();
            row.extend(cols.iter().map(|c| c.get(i)));
            if row.iter().any(|r| matches!(r, R::Null)) {
                out.push(R::Null)?;
                continue;
            }
            let res = self.apply(&row);
            match (self.part, res) {
                (Part::Value, Ok(v)) => out.push(v)?,
                (Part::Value, Err(_)) => out.push(R::Null)?,
                (Part::Error, Ok(_)) => out.push_str(None)?,
                (Part::Error, Err(m)) => out.push_str(Some(&m))?,
            }
        }
        Ok(out.finish())
    }

    fn apply<'a>(&'a self, a: &[R<'a>]) -> std::result::Result<R<'a>, String> {
        match &self.op {
            Op::Arith(op, ty) => sem::arith(*op, a[0], a[1], *ty),
            Op::Cmp(op) => Ok(R::B(sem::comparison(*op, a[0], a[1]))),
            Op::Neg(ty) => sem::neg(a[0], *ty),
            Op::MinMax { max, ty } => Ok(sem::min_max(*max, a, *ty)),
            Op::Abs => sem::abs(a[0]),
            Op::Round(how) => sem::round(a[0], *how),
            Op::Date(f) => sem::date_fn(*f, a),
            Op::ParamAt { param, values } => {
                let R::Dt(d) = a[0] else {
                    return Err(EvalError::Arithmetic("expected a date".into()).to_string());
                };
                match values
                    .iter()
                    .find(|v| v.from <= d && v.to.is_none_or(|t| d <= t))
                {
                    Some(v) => Ok(own_lit(&v.value)),
                    None => {
                        let date = crate::repr::days_to_date(d).unwrap_or(NaiveDate::MIN);
                        let covered = values.first().map(|f| {
                            (
                                crate::repr::days_to_date(f.from).unwrap_or(NaiveDate::MIN),
                                values
                                    .last()
                                    .and_then(|l| l.to)
                                    .and_then(crate::repr::days_to_date),
                            )
                        });
                        Err(EvalError::NoParameterValue {
                            parameter: param.clone(),
                            date,
                            covered,
                        }
                        .to_string())
                    }
                }
            }
            Op::Convert { def, ty } => sem::convert_to(a[0], *ty).ok_or_else(|| {
                EvalError::Arithmetic(format!("`{def}` must be a whole number")).to_string()
            }),
            Op::AnyEqual { negated } => {
                let found = a[1..].iter().any(|x| sem::equal(*x, a[0]));
                Ok(R::B(found != *negated))
            }
            Op::SetHas { negated } => match (a[0], a[1]) {
                (R::E(e), R::S(s)) => Ok(R::B((e < 64 && s & (1u64 << e) != 0) != *negated)),
                _ => Err(EvalError::Arithmetic("`in` needs a set".into()).to_string()),
            },
            Op::EnumSet => {
                let mut bits = 0u64;
                for x in a {
                    if let R::E(e) = x
                        && *e < 64
                    {
                        bits |= 1u64 << e;
                    }
                }
                Ok(R::S(bits))
            }
            _ => Err("batch: not a strict operation".into()),
        }
    }

    fn miss(&self, arrays: &[ArrayRef], n: usize) -> Result<ArrayRef> {
        let (v, e) = (&arrays[0], &arrays[1]);
        let masks: Vec<&FixedSizeBinaryArray> = arrays[2..].iter().filter_map(mask_view).collect();
        let w = mask_width(&self.ret)?;
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

    fn union(&self, arrays: &[ArrayRef], n: usize) -> Result<ArrayRef> {
        let masks: Vec<&FixedSizeBinaryArray> = arrays.iter().filter_map(mask_view).collect();
        let w = mask_width(&self.ret)?;
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

    #[allow(clippy::too_many_arguments)]
    fn resolve(
        &self,
        arrays: &[ArrayRef],
        n: usize,
        def: &str,
        labels: &[String],
        beats: &[Vec<usize>],
        part: ResolvePart,
    ) -> Result<ArrayRef> {
        let k = labels.len();
        let bools = |a: &ArrayRef| -> Result<BooleanArray> {
            Ok(cast(a, &DataType::Boolean)?.as_boolean().clone())
        };
        let conds = arrays[..k].iter().map(bools).collect::<Result<Vec<_>>>()?;
        let errs = arrays[k..2 * k]
            .iter()
            .map(bools)
            .collect::<Result<Vec<_>>>()?;
        let masks: Vec<Option<&FixedSizeBinaryArray>> = if part == ResolvePart::Mask {
            arrays[2 * k..3 * k].iter().map(mask_view).collect()
        } else {
            Vec::new()
        };
        let mut branch = Int32Builder::with_capacity(n);
        let mut conflict = StringBuilder::new();
        let w = if part == ResolvePart::Mask {
            mask_width(&self.ret)?
        } else {
            0
        };
        let mut mask = FixedSizeBinaryBuilder::with_capacity(n, w as i32);
        let mut fired: Vec<usize> = Vec::with_capacity(k);
        let mut pending: Vec<usize> = Vec::with_capacity(k);
        let mut acc = vec![0u8; w];
        // Up to 64 exceptions: the same resolution on bit sets, without allocating per row.
        let beat_bits: Vec<u64> = beats
            .iter()
            .map(|b| {
                b.iter()
                    .filter(|&&j| j < 64)
                    .fold(0u64, |a, &j| a | (1u64 << j))
            })
            .collect();
        let bitwise = k <= 64;
        // The rows' sets of fired and pending exceptions, and whether a condition
        // is an error, computed a condition at a time over the whole column.
        let (mut fired_rows, mut pending_rows) = (Vec::new(), Vec::new());
        let mut errored_rows = BooleanBuffer::new_unset(n);
        if bitwise {
            fired_rows = vec![0u64; n];
            pending_rows = vec![0u64; n];
            let set_of = |a: &BooleanArray| match a.nulls() {
                Some(nb) => a.values() & nb.inner(),
                None => a.values().clone(),
            };
            for (j, c) in conds.iter().enumerate() {
                let bit = 1u64 << j;
                if let Some(nb) = c.nulls() {
                    for i in (!nb.inner()).set_indices() {
                        pending_rows[i] |= bit;
                    }
                }
                for i in set_of(c).set_indices() {
                    fired_rows[i] |= bit;
                }
            }
            for e in &errs {
                errored_rows = &errored_rows | &set_of(e);
            }
        }
        for i in 0..n {
            if bitwise {
                let errored = errored_rows.value(i);
                let (fired, pending) = (fired_rows[i], pending_rows[i]);
                let mut beaten = 0u64;
                let mut f = fired;
                while f != 0 {
                    beaten |= beat_bits[f.trailing_zeros() as usize];
                    f &= f - 1;
                }
                let winners = fired & !beaten;
                let first = (winners != 0).then(|| winners.trailing_zeros() as usize);
                let conflicted = !errored && winners.count_ones() > 1;
                let waiting = match first {
                    Some(w) => pending & !beat_bits[w],
                    None => pending,
                };
                let undecided = errored || conflicted || waiting != 0;
                match part {
                    ResolvePart::Branch => {
                        if undecided {
                            branch.append_null();
                        } else {
                            branch.append_value(first.unwrap_or(k) as i32);
                        }
                    }
                    ResolvePart::Conflict => {
                        if conflicted {
                            let msg = EvalError::Conflict {
                                definition: def.to_string(),
                                exceptions: (0..k)
                                    .filter(|j| winners & (1u64 << j) != 0)
                                    .map(|j| labels[j].clone())
                                    .collect(),
                            };
                            conflict.append_value(msg.to_string());
                        } else {
                            conflict.append_null();
                        }
                    }
                    ResolvePart::Mask => {
                        if errored || conflicted || waiting == 0 {
                            mask.append_null();
                        } else {
                            acc.iter_mut().for_each(|x| *x = 0);
                            let ms: Vec<&FixedSizeBinaryArray> = (0..k)
                                .filter(|j| waiting & (1u64 << j) != 0)
                                .filter_map(|j| masks[j])
                                .collect();
                            if or_masks(&ms, i, &mut acc) {
                                mask.append_value(&acc)?;
                            } else {
                                mask.append_null();
                            }
                        }
                    }
                }
                continue;
            }
            // An error in any condition makes the definition that error.
            let errored = errs.iter().any(|e| e.is_valid(i) && e.value(i));
            fired.clear();
            pending.clear();
            for (j, c) in conds.iter().enumerate() {
                if c.is_null(i) {
                    pending.push(j);
                } else if c.value(i) {
                    fired.push(j);
                }
            }
            let winners: Vec<usize> = fired
                .iter()
                .copied()
                .filter(|&a| !fired.iter().any(|&b| beats[b].contains(&a)))
                .collect();
            let conflicted = !errored && winners.len() > 1;
            let waiting: Vec<usize> = pending
                .iter()
                .copied()
                .filter(|p| !winners.first().is_some_and(|&w| beats[w].contains(p)))
                .collect();
            let undecided = errored || conflicted || !waiting.is_empty();
            match part {
                ResolvePart::Branch => {
                    if undecided {
                        branch.append_null();
                    } else {
                        branch.append_value(winners.first().copied().unwrap_or(k) as i32);
                    }
                }
                ResolvePart::Conflict => {
                    if conflicted {
                        let msg = EvalError::Conflict {
                            definition: def.to_string(),
                            exceptions: winners.iter().map(|&w| labels[w].clone()).collect(),
                        };
                        conflict.append_value(msg.to_string());
                    } else {
                        conflict.append_null();
                    }
                }
                ResolvePart::Mask => {
                    if errored || conflicted || waiting.is_empty() {
                        mask.append_null();
                    } else {
                        acc.iter_mut().for_each(|x| *x = 0);
                        let ms: Vec<&FixedSizeBinaryArray> =
                            waiting.iter().filter_map(|&j| masks[j]).collect();
                        if or_masks(&ms, i, &mut acc) {
                            mask.append_value(&acc)?;
                        } else {
                            mask.append_null();
                        }
                    }
                }
            }
        }
        Ok(match part {
            ResolvePart::Branch => Arc::new(branch.finish()),
            ResolvePart::Conflict => Arc::new(conflict.finish()),
            ResolvePart::Mask => Arc::new(mask.finish()),
        })
    }
}

/// Whether an operation is computed by `OsFn::strict` (and so may have an error part).
fn is_strict(op: &Op) -> bool {
    !matches!(
        op,
        Op::Miss
            | Op::Union
            | Op::First
            | Op::Kleene { .. }
            | Op::If { .. }
            | Op::Choose
            | Op::Pick { .. }
            | Op::Resolve { .. }
            | Op::FromRaw { .. }
            | Op::ToOut { .. }
            | Op::MaskNames { .. }
    )
}

fn own_lit(l: &ScalarLit) -> R<'_> {
    l.r()
}

/// The first non-NULL text of each row; an argument itself when no other has any.
fn first(arrays: &[ArrayRef], n: usize) -> Result<ArrayRef> {
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

fn mask_width(dt: &DataType) -> Result<usize> {
    match dt {
        DataType::FixedSizeBinary(w) => Ok(*w as usize),
        other => exec_err!("batch: a mask is FixedSizeBinary, not {other}"),
    }
}

fn mask_names(a: &ArrayRef, names: &[String]) -> Result<ArrayRef> {
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

/// The internal representation to the output's (see `Ty::output`).
fn to_out(a: &ArrayRef, ty: Ty, values: &[String]) -> Result<ArrayRef> {
    let col = view(a, ty)?;
    let n = a.len();
    Ok(match ty {
        Ty::Bool | Ty::Int | Ty::Date | Ty::Text => a.clone(),
        Ty::Money => {
            let Col::D(arr) = col else {
                return exec_err!("batch: money expected");
            };
            let nulls = arr.nulls();
            let fen: Vec<i128> = fast::dec_values(arr)
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    if nulls.is_some_and(|nb| nb.is_null(i)) {
                        return 0;
                    }
                    // In fen (scale at most 2 after rounding), the mantissa at scale 2:
                    // exact for every decimal (at most 31 digits), where `rescale(2)`
                    // would keep a smaller scale for mantissas beyond 96 bits.
                    let d = fast::round_fen(crate::repr::dec_of(b));
                    d.mantissa() * 10i128.pow(2 - d.scale())
                })
                .collect();
            Arc::new(
                datafusion::arrow::array::Decimal128Array::new(fen.into(), arr.nulls().cloned())
                    .with_precision_and_scale(38, 2)?,
            )
        }
        Ty::Decimal | Ty::Rate | Ty::Duration | Ty::Enum => {
            let per_row = if ty.is_dec() { 30 } else { 8 };
            let mut b = StringBuilder::with_capacity(n, n * per_row);
            for i in 0..n {
                match col.get(i) {
                    R::D(d) => {
                        // Written into the builder, without a String per row.
                        fast::write_normalized(d, &mut b)
                            .map_err(|e| DataFusionError::Internal(e.to_string()))?;
                        b.append_value("");
                    }
                    R::Du(p) => b.append_value(unpack_duration(p).to_string()),
                    R::E(e) => b.append_option(values.get(e as usize)),
                    _ => b.append_null(),
                }
            }
            Arc::new(b.finish())
        }
        Ty::EnumSet => {
            let mut b = ListBuilder::new(StringBuilder::new());
            for i in 0..n {
                match col.get(i) {
                    R::S(bits) => {
                        for (k, v) in values.iter().enumerate() {
                            if k < 64 && bits & (1u64 << k) != 0 {
                                b.values().append_value(v);
                            }
                        }
                        b.append(true);
                    }
                    _ => b.append(false),
                }
            }
            Arc::new(b.finish())
        }
    })
}

fn bad_value(column: &str, msg: String) -> DataFusionError {
    DataFusionError::Execution(format!("population column `{column}`: {msg}"))
}

/// Reads a decimal the way the JSON facts reader does: spaces, underscores and
/// commas group digits; `yuan` may follow.
fn parse_decimal(s: &str) -> Option<Decimal> {
    let cleaned: String = s
        .trim()
        .trim_end_matches("yuan")
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | ','))
        .collect();
    Decimal::from_str(&cleaned)
        .or_else(|_| Decimal::from_scientific(&cleaned))
        .ok()
}

fn parse_duration(s: &str) -> Option<onestop_lang::types::Duration> {
    use onestop_lang::types::Duration;
    let mut parts = s.split_whitespace();
    let n: i32 = parts.next()?.parse().ok()?;
    let unit = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    Some(match unit {
        "day" | "days" => Duration { months: 0, days: n },
        "month" | "months" => Duration { months: n, days: 0 },
        "year" | "years" => Duration {
            months: n.checked_mul(12)?,
            days: 0,
        },
        _ => return None,
    })
}

fn text_view(a: &ArrayRef) -> Result<StringArray> {
    Ok(cast(a, &DataType::Utf8)?.as_string::<i32>().clone())
}

fn enum_index(values: &[String], s: &str, column: &str) -> Result<u32> {
    values
        .iter()
        .position(|v| v == s)
        .map(|p| p as u32)
        .ok_or_else(|| {
            bad_value(
                column,
                format!("\"{s}\" is not one of its values ({})", values.join(", ")),
            )
        })
}

/// A population column to the internal representation of its input's type.
fn from_raw(a: &ArrayRef, column: &str, ty: Ty, values: &[String]) -> Result<ArrayRef> {
    let n = a.len();
    let dt = a.data_type().clone();
    let is_text = matches!(
        dt,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Dictionary(_, _)
    );
    if matches!(dt, DataType::Null) {
        return Ok(datafusion::arrow::array::new_null_array(&ty.internal(), n));
    }
    Ok(match ty {
        Ty::Bool if !is_text => cast(a, &DataType::Boolean)?,
        Ty::Bool => {
            let t = text_view(a)?;
            let mut b = BooleanBuilder::with_capacity(n);
            for v in t.iter() {
                match v.map(str::trim).filter(|s| !s.is_empty()) {
                    None => b.append_null(),
                    Some("true") => b.append_value(true),
                    Some("false") => b.append_value(false),
                    Some(s) => {
                        return Err(bad_value(
                            column,
                            format!("expected true or false, found \"{s}\""),
                        ));
                    }
                }
            }
            Arc::new(b.finish())
        }
        Ty::Int if !is_text => cast(a, &DataType::Int64)?,
        Ty::Int => {
            let t = text_view(a)?;
            let mut b = Int64Builder::with_capacity(n);
            for v in t.iter() {
                match v.filter(|s| !s.trim().is_empty()) {
                    None => b.append_null(),
                    Some(s) => b.append_value(
                        parse_decimal(s)
                            .filter(|d| d.fract().is_zero())
                            .and_then(|d| i64::try_from(d).ok())
                            .ok_or_else(|| {
                                bad_value(column, format!("expected a whole number, found \"{s}\""))
                            })?,
                    ),
                }
            }
            Arc::new(b.finish())
        }
        Ty::Decimal | Ty::Rate | Ty::Money => {
            let mut b = FixedSizeBinaryBuilder::with_capacity(n, 16);
            let mut put = |d: Option<Decimal>, shown: &dyn Fn() -> String| -> Result<()> {
                match d {
                    None => b.append_null(),
                    Some(d) => {
                        if ty == Ty::Money && d.round_dp(2) != d {
                            return Err(bad_value(
                                column,
                                format!(
                                    "an amount of money has at most two decimal places (fen), found {}",
                                    shown()
                                ),
                            ));
                        }
                        b.append_value(dec_bytes(d))?;
                    }
                }
                Ok(())
            };
            match &dt {
                DataType::Decimal128(_, s) => {
                    if *s < 0 || *s > 28 {
                        return Err(bad_value(
                            column,
                            format!("decimal scale {s} is outside 0..28"),
                        ));
                    }
                    let arr = a.as_primitive::<datafusion::arrow::datatypes::Decimal128Type>();
                    if ty != Ty::Money || *s <= 2 {
                        // Every value is exact (money in fen at most): no check per row.
                        let mut out = fast::DecOut::new(n);
                        for i in 0..n {
                            if arr.is_null(i) {
                                out.push(None);
                                continue;
                            }
                            let d = Decimal::try_from_i128_with_scale(arr.value(i), *s as u32)
                                .map_err(|e| bad_value(column, e.to_string()))?;
                            out.push(Some(d));
                        }
                        return out.finish();
                    }
                    for i in 0..n {
                        let d = arr
                            .is_valid(i)
                            .then(|| Decimal::try_from_i128_with_scale(arr.value(i), *s as u32))
                            .transpose()
                            .map_err(|e| bad_value(column, e.to_string()))?;
                        put(d, &|| arr.value_as_string(i))?;
                    }
                }
                DataType::Float32 | DataType::Float64 => {
                    let f = cast(a, &DataType::Float64)?;
                    let arr = f.as_primitive::<datafusion::arrow::datatypes::Float64Type>();
                    for i in 0..n {
                        let d = if arr.is_valid(i) {
                            // Shortest round-trip text of the number, read exactly (as JSON facts are).
                            let s = arr.value(i).to_string();
                            Some(parse_decimal(&s).ok_or_else(|| {
                                bad_value(column, format!("expected a number, found {s}"))
                            })?)
                        } else {
                            None
                        };
                        put(d, &|| arr.value(i).to_string())?;
                    }
                }
                _ if is_text => {
                    let t = text_view(a)?;
                    for i in 0..n {
                        let d = if t.is_valid(i) && !t.value(i).trim().is_empty() {
                            let s = t.value(i);
                            let pct = (ty == Ty::Rate)
                                .then(|| s.trim().strip_suffix('%'))
                                .flatten();
                            let parsed = match pct {
                                Some(p) => Decimal::from_str(p.trim())
                                    .ok()
                                    .map(|d| d / Decimal::ONE_HUNDRED),
                                None => parse_decimal(s),
                            };
                            Some(parsed.ok_or_else(|| {
                                bad_value(column, format!("expected a number, found \"{s}\""))
                            })?)
                        } else {
                            None
                        };
                        put(d, &|| format!("\"{}\"", t.value(i)))?;
                    }
                }
                _ => {
                    let ints = cast(a, &DataType::Int64)?;
                    let arr = ints.as_primitive::<Int64Type>();
                    for i in 0..n {
                        put(
                            arr.is_valid(i).then(|| Decimal::from(arr.value(i))),
                            &|| arr.value(i).to_string(),
                        )?;
                    }
                }
            }
            Arc::new(b.finish())
        }
        Ty::Date if !is_text => cast(a, &DataType::Date32)?,
        Ty::Date => {
            let t = text_view(a)?;
            let mut b = Date32Builder::with_capacity(n);
            for v in t.iter() {
                match v.filter(|s| !s.trim().is_empty()) {
                    None => b.append_null(),
                    Some(s) => {
                        let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
                            bad_value(
                                column,
                                format!("expected a date \"YYYY-MM-DD\", found \"{s}\""),
                            )
                        })?;
                        b.append_value(crate::repr::date_to_days(d));
                    }
                }
            }
            Arc::new(b.finish())
        }
        Ty::Duration => {
            let t = text_view(a)?;
            let mut b = Int64Builder::with_capacity(n);
            for v in t.iter() {
                match v.filter(|s| !s.trim().is_empty()) {
                    None => b.append_null(),
                    Some(s) => b.append_value(crate::repr::pack_duration(
                        parse_duration(s).ok_or_else(|| {
                            bad_value(
                                column,
                                format!("expected a duration such as \"2 years\", found \"{s}\""),
                            )
                        })?,
                    )),
                }
            }
            Arc::new(b.finish())
        }
        Ty::Text => cast(a, &DataType::Utf8)?,
        Ty::Enum => {
            // Value names looked up in a hash table, the column read as it comes
            // (Parquet text is read as string views: no copy to Utf8).
            let index: std::collections::HashMap<&str, u32> = values
                .iter()
                .enumerate()
                .map(|(k, v)| (v.as_str(), k as u32))
                .collect();
            let mut b = UInt32Builder::with_capacity(n);
            let mut put = |v: Option<&str>| -> Result<()> {
                match v.filter(|s| !s.is_empty()) {
                    None => b.append_null(),
                    Some(s) => match index.get(s) {
                        Some(k) => b.append_value(*k),
                        None => b.append_value(enum_index(values, s, column)?),
                    },
                }
                Ok(())
            };
            match &dt {
                DataType::Utf8View => a.as_string_view().iter().try_for_each(&mut put)?,
                DataType::Utf8 => a.as_string::<i32>().iter().try_for_each(&mut put)?,
                _ => text_view(a)?.iter().try_for_each(&mut put)?,
            }
            Arc::new(b.finish())
        }
        Ty::EnumSet => {
            let list = cast(
                a,
                &DataType::List(Arc::new(datafusion::arrow::datatypes::Field::new(
                    "item",
                    DataType::Utf8,
                    true,
                ))),
            )?;
            let list = list.as_list::<i32>();
            let mut b = UInt64Builder::with_capacity(n);
            for i in 0..n {
                if list.is_null(i) {
                    b.append_null();
                    continue;
                }
                let items = list.value(i);
                let t = items.as_string::<i32>();
                let mut bits = 0u64;
                for s in t.iter().flatten() {
                    bits |= 1u64 << enum_index(values, s, column)?;
                }
                b.append_value(bits);
            }
            Arc::new(b.finish())
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
                        value: ScalarLit::D(Decimal::new(25, 2)),
                    }],
                },
                vec![Ty::Date],
                Part::Error,
                DataType::Utf8,
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
    }
}

/// Time spent in each kind of batch function, printed after `population eval`
/// when `ONESTOP_BATCH_PROFILE` is set (a diagnostic: which kernels to work on).
pub mod prof {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};

    static TIMES: Mutex<Option<HashMap<String, (u64, u64)>>> = Mutex::new(None);

    fn enabled() -> bool {
        static ON: OnceLock<bool> = OnceLock::new();
        *ON.get_or_init(|| std::env::var_os("ONESTOP_BATCH_PROFILE").is_some())
    }

    /// Measures one call (nothing when profiling is off).
    pub struct Timer(Option<(String, std::time::Instant)>);

    impl Timer {
        pub fn new(f: &super::OsFn) -> Timer {
            if !enabled() {
                return Timer(None);
            }
            let kind = match &f.op {
                super::Op::Resolve { part, .. } => format!("resolve_{part:?}"),
                super::Op::ParamAt { .. } => "param_at".into(),
                super::Op::Convert { .. } => "convert".into(),
                super::Op::FromRaw { ty, .. } => format!("input_{ty:?}"),
                super::Op::ToOut { ty, .. } => format!("output_{ty:?}"),
                op => super::op_name(op),
            };
            let part = if f.part == super::Part::Error {
                "_error"
            } else {
                ""
            };
            let key = format!("{kind}{part} {:?}", f.args);
            Timer(Some((key, std::time::Instant::now())))
        }
    }

    impl Drop for Timer {
        fn drop(&mut self) {
            if let Some((k, t)) = self.0.take() {
                let ns = t.elapsed().as_nanos() as u64;
                if let Ok(mut g) = TIMES.lock() {
                    let e = g.get_or_insert_with(HashMap::new).entry(k).or_default();
                    e.0 += ns;
                    e.1 += 1;
                }
            }
        }
    }

    /// Prints the time per kind of function (most first) to stderr.
    pub fn dump() {
        if !enabled() {
            return;
        }
        let Ok(g) = TIMES.lock() else {
            return;
        };
        if let Some(m) = g.as_ref() {
            let mut v: Vec<_> = m.iter().collect();
            v.sort_by_key(|(_, (ns, _))| std::cmp::Reverse(*ns));
            let total: u64 = v.iter().map(|(_, (ns, _))| ns).sum();
            eprintln!(
                "batch functions: {:.3} s in all (summed over threads)",
                total as f64 / 1e9
            );
            for (k, (ns, calls)) in v.iter().take(40) {
                eprintln!("{:8.3} s {calls:7} calls  {k}", *ns as f64 / 1e9);
            }
        }
    }
}
