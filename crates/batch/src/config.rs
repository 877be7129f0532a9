//! What a batch function computes: the [`Op`] that configures the one UDF type
//! (`udf::OsFn`), and the small serialisable parts it is made of. Serialisable
//! because a cluster's executors rebuild the functions from a plan's bytes. The
//! bottom of the batch functions: it imports no other batch function module.

use crate::repr::{Ty, days_to_date, dec_bytes, dec_from_bytes, unpack_duration};
use datafusion::arrow::datatypes::DataType;
use datafusion::common::{Result, ScalarValue};
use onestop_lang::Builtin;
use onestop_lang::ast::BinOp;
use onestop_lang::types::Value;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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

/// Arithmetic operators (the language's `BinOp` without comparisons and logic).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ArOp {
    Add,
    Sub,
    Mul,
    Div,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// What kind of operation a binary operator is, for the compiler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinKind {
    /// `and` / `or`: three-valued logic.
    Logic,
    Compare(CmpOp),
    Arith(ArOp),
}

impl BinKind {
    /// Exhaustive: a new operator does not compile until it is placed here.
    pub fn of(op: BinOp) -> BinKind {
        match op {
            BinOp::And | BinOp::Or => BinKind::Logic,
            BinOp::Eq => BinKind::Compare(CmpOp::Eq),
            BinOp::Ne => BinKind::Compare(CmpOp::Ne),
            BinOp::Lt => BinKind::Compare(CmpOp::Lt),
            BinOp::Le => BinKind::Compare(CmpOp::Le),
            BinOp::Gt => BinKind::Compare(CmpOp::Gt),
            BinOp::Ge => BinKind::Compare(CmpOp::Ge),
            BinOp::Add => BinKind::Arith(ArOp::Add),
            BinOp::Sub => BinKind::Arith(ArOp::Sub),
            BinOp::Mul => BinKind::Arith(ArOp::Mul),
            BinOp::Div => BinKind::Arith(ArOp::Div),
        }
    }
}

impl ArOp {
    /// The language's operator, for the engine's semantics.
    pub fn bin_op(self) -> BinOp {
        match self {
            ArOp::Add => BinOp::Add,
            ArOp::Sub => BinOp::Sub,
            ArOp::Mul => BinOp::Mul,
            ArOp::Div => BinOp::Div,
        }
    }
}

impl CmpOp {
    /// The language's operator, for the engine's semantics.
    pub fn bin_op(self) -> BinOp {
        match self {
            CmpOp::Eq => BinOp::Eq,
            CmpOp::Ne => BinOp::Ne,
            CmpOp::Lt => BinOp::Lt,
            CmpOp::Le => BinOp::Le,
            CmpOp::Gt => BinOp::Gt,
            CmpOp::Ge => BinOp::Ge,
        }
    }
}

/// The result type of a numeric operation as the typed kernels see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Wrap {
    Int,
    Decimal,
    Rate,
    Money,
    /// Dates, durations and the rest: the operands decide.
    Other,
}

impl Wrap {
    pub fn of(ty: Ty) -> Wrap {
        match ty {
            Ty::Int => Wrap::Int,
            Ty::Decimal => Wrap::Decimal,
            Ty::Rate => Wrap::Rate,
            Ty::Money => Wrap::Money,
            Ty::Bool | Ty::Date | Ty::Duration | Ty::Text | Ty::Enum | Ty::EnumSet => Wrap::Other,
        }
    }
}

/// One dated value of a parameter: days since 1970 from, to (inclusive), value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Dated {
    pub from: i32,
    pub to: Option<i32>,
    pub value: Literal,
}

/// A constant in the internal representation (see `repr.rs`), serialisable.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Literal {
    Null,
    Bool(bool),
    Int(i64),
    Decimal(Decimal),
    /// Days since 1970-01-01.
    Date(i32),
    /// A packed duration (`repr::pack_duration`).
    Duration(i64),
    Text(String),
    /// An enumeration value's index.
    Enum(u32),
    /// A set of enumeration values, one bit each.
    EnumSet(u64),
}

impl Literal {
    pub fn from_scalar(s: &ScalarValue, ty: Ty) -> Literal {
        match (s, ty) {
            (ScalarValue::Boolean(Some(b)), _) => Literal::Bool(*b),
            (ScalarValue::Int64(Some(i)), Ty::Duration) => Literal::Duration(*i),
            (ScalarValue::Int64(Some(i)), _) => Literal::Int(*i),
            (ScalarValue::FixedSizeBinary(16, Some(b)), _) => Literal::Decimal(dec_from_bytes(b)),
            (ScalarValue::Date32(Some(d)), _) => Literal::Date(*d),
            (ScalarValue::Utf8(Some(t)), _) => Literal::Text(t.clone()),
            (ScalarValue::UInt32(Some(e)), _) => Literal::Enum(*e),
            (ScalarValue::UInt64(Some(s)), _) => Literal::EnumSet(*s),
            _ => Literal::Null,
        }
    }

    /// The literal as a scalar of the internal type `dt`.
    pub fn to_scalar(&self, dt: &DataType) -> Result<ScalarValue> {
        Ok(match self {
            Literal::Null => ScalarValue::try_from(dt)?,
            Literal::Bool(b) => ScalarValue::Boolean(Some(*b)),
            Literal::Int(i) | Literal::Duration(i) => ScalarValue::Int64(Some(*i)),
            Literal::Decimal(d) => ScalarValue::FixedSizeBinary(16, Some(dec_bytes(*d).to_vec())),
            Literal::Date(d) => ScalarValue::Date32(Some(*d)),
            Literal::Text(t) => ScalarValue::Utf8(Some(t.clone())),
            Literal::Enum(e) => ScalarValue::UInt32(Some(*e)),
            Literal::EnumSet(s) => ScalarValue::UInt64(Some(*s)),
        })
    }

    /// The literal as a rule value (decimals as plain decimals: the internal
    /// column does not tell money from rates). None for NULL.
    pub fn to_value(&self) -> Option<Value> {
        use onestop_lang::EnumId;
        Some(match self {
            Literal::Null => return None,
            Literal::Bool(b) => Value::Bool(*b),
            Literal::Int(i) => Value::Int(*i),
            Literal::Decimal(d) => Value::Decimal(*d),
            Literal::Date(d) => Value::Date(days_to_date(*d)?),
            Literal::Duration(p) => Value::Duration(unpack_duration(*p)),
            Literal::Text(t) => Value::Text(t.as_str().into()),
            Literal::Enum(e) => Value::Enum(EnumId(0), *e),
            Literal::EnumSet(bits) => Value::set(
                (0..64u32)
                    .filter(|k| bits & (1u64 << k) != 0)
                    .map(|k| Value::Enum(EnumId(0), k))
                    .collect(),
            ),
        })
    }
}

/// The operations of the batch evaluator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// Strict: `a op b` with the engine's arithmetic; the result type.
    Arith(ArOp, Ty),
    /// Strict: comparison with numbers compared by value.
    Cmp(CmpOp),
    Neg(Ty),
    /// Strict: a builtin function (the engine's `semantics::call`); the result type.
    Call {
        #[serde(with = "builtin_name")]
        func: Builtin,
        ty: Ty,
    },
    /// A parameter read at a computed date.
    ParamAt {
        param: String,
        values: Vec<Dated>,
    },
    /// A definition's value converted to its declared type (`semantics::convert`).
    Convert {
        def: String,
        ty: Ty,
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
    /// `(eligible, amount)`: the amount where eligible, else zero (`tally.rs`).
    WhereTrue,
    /// A simulation's gain to its bucket by these edges in yuan (`tally.rs`).
    Bucket {
        edges: Vec<i64>,
    },
}

impl Op {
    /// The function's name in plans and profiles.
    pub fn name(&self) -> String {
        match self {
            Op::Arith(o, _) => format!("arith_{o:?}").to_lowercase(),
            Op::Cmp(o) => format!("cmp_{o:?}").to_lowercase(),
            Op::Neg(_) => "neg".into(),
            Op::Call { func, .. } => func.name().into(),
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
            Op::WhereTrue => "where_true".into(),
            Op::Bucket { .. } => "gain_bucket".into(),
        }
    }

    /// Whether the row path computes it (strict: NULL in, NULL out), and so it
    /// may have an error part.
    pub fn is_strict(&self) -> bool {
        match self {
            Op::Arith(..)
            | Op::Cmp(_)
            | Op::Neg(_)
            | Op::Call { .. }
            | Op::ParamAt { .. }
            | Op::Convert { .. }
            | Op::AnyEqual { .. }
            | Op::SetHas { .. }
            | Op::EnumSet => true,
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
            | Op::WhereTrue
            | Op::Bucket { .. } => false,
        }
    }
}

/// A builtin travels by its name in the rule language.
mod builtin_name {
    use onestop_lang::Builtin;
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(b: &Builtin, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(b.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Builtin, D::Error> {
        let name = String::deserialize(d)?;
        Builtin::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, b)| *b)
            .ok_or_else(|| D::Error::custom(format!("unknown builtin `{name}`")))
    }
}
