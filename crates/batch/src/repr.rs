//! How rule values live in Arrow columns inside a batch plan, and what the
//! population files and the output files may hold.
//!
//! Inside a plan every rule type has one *internal* representation, chosen so
//! the batch evaluator computes exactly what the scalar evaluator computes:
//!
//! | rule type | internal column | why |
//! |---|---|---|
//! | `bool` | `Boolean` | SQL's three-valued AND/OR is the rule language's |
//! | `int` | `Int64` | as `Value::Int` |
//! | `decimal`, `rate`, `money` | `FixedSizeBinary(16)`: `rust_decimal::Decimal::serialize()` | the same 96-bit decimal as the scalar evaluator, with its scale, so every operation gives the same digits |
//! | `date` | `Date32` | days since 1970-01-01 |
//! | `duration` | `Int64`: `months * 2^32 + days` | orders as the scalar `(months, days)` |
//! | `text` | `Utf8` | |
//! | an enumeration | `UInt32`: the index of the value | |
//! | `set of` an enumeration | `UInt64`: one bit per value (at most 64 values) | |
//!
//! A NULL internal value means "not known"; whether it is missing or an error is
//! told by companion columns (see `compile.rs`).

use chrono::NaiveDate;
use datafusion::arrow::datatypes::{DataType, Field};
use datafusion::common::ScalarValue;
use onestop_lang::types::{Duration, Type, Value};
use onestop_lang::{EnumId, Program};
use rust_decimal::Decimal;
use std::sync::Arc;

/// A rule type without enumeration identity: what kernels need to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Ty {
    Bool,
    Int,
    Decimal,
    Rate,
    Money,
    Date,
    Duration,
    Text,
    Enum,
    EnumSet,
}

/// Days from 0001-01-01 (chrono's day 1) to 1970-01-01.
const EPOCH_FROM_CE: i32 = 719_163;

pub fn date_to_days(d: NaiveDate) -> i32 {
    use chrono::Datelike;
    d.num_days_from_ce() - EPOCH_FROM_CE
}

pub fn days_to_date(days: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(days.checked_add(EPOCH_FROM_CE)?)
}

pub fn pack_duration(d: Duration) -> i64 {
    (d.months as i64) * (1i64 << 32) + d.days as i64
}

pub fn unpack_duration(p: i64) -> Duration {
    let days = p as i32;
    let months = ((p - days as i64) >> 32) as i32;
    Duration { months, days }
}

pub fn dec_bytes(d: Decimal) -> [u8; 16] {
    d.serialize()
}

pub fn dec_from_bytes(b: &[u8]) -> Decimal {
    let mut a = [0u8; 16];
    a.copy_from_slice(&b[..16]);
    dec_of(&a)
}

/// `Decimal::deserialize`, inlined: the parts of a serialised decimal put back
/// with `from_parts` (which only differs for a negative zero, and for a scale
/// beyond 28, which `serialize` never writes: both go to `deserialize`).
#[inline(always)]
pub fn dec_of(b: &[u8; 16]) -> Decimal {
    let word = |k: usize| u32::from_le_bytes([b[k], b[k + 1], b[k + 2], b[k + 3]]);
    let (flags, lo, mid, hi) = (word(0), word(4), word(8), word(12));
    let scale = (flags >> 16) & 0x1F;
    let negative = flags & 0x8000_0000 != 0;
    if scale <= 28 && (lo | mid | hi != 0 || !negative) {
        Decimal::from_parts(lo, mid, hi, negative, scale)
    } else {
        Decimal::deserialize(*b)
    }
}

impl Ty {
    /// The rule type's tag, or why the batch evaluator cannot hold it.
    pub fn of(program: &Program, t: &Type) -> Result<Ty, String> {
        Ok(match t {
            Type::Bool => Ty::Bool,
            Type::Int => Ty::Int,
            Type::Decimal => Ty::Decimal,
            Type::Rate => Ty::Rate,
            Type::Money => Ty::Money,
            Type::Date => Ty::Date,
            Type::Duration => Ty::Duration,
            Type::Text => Ty::Text,
            Type::Enum(_) => Ty::Enum,
            Type::Set(inner) => match inner.as_ref() {
                Type::Enum(e) if program.enums[e.0 as usize].values.len() <= 64 => Ty::EnumSet,
                other => {
                    return Err(format!(
                        "sets of {} are not supported by the batch evaluator (only sets of enumerations with at most 64 values)",
                        program.type_name(other)
                    ));
                }
            },
        })
    }

    /// The rule type for the engine's semantics; enumerations without their
    /// identity (`EnumId(0)`), which no operation needs.
    pub fn rule_type(self) -> Type {
        match self {
            Ty::Bool => Type::Bool,
            Ty::Int => Type::Int,
            Ty::Decimal => Type::Decimal,
            Ty::Rate => Type::Rate,
            Ty::Money => Type::Money,
            Ty::Date => Type::Date,
            Ty::Duration => Type::Duration,
            Ty::Text => Type::Text,
            Ty::Enum => Type::Enum(EnumId(0)),
            Ty::EnumSet => Type::Set(Box::new(Type::Enum(EnumId(0)))),
        }
    }

    pub fn is_dec(self) -> bool {
        matches!(self, Ty::Decimal | Ty::Rate | Ty::Money)
    }

    pub fn is_numeric(self) -> bool {
        matches!(self, Ty::Int | Ty::Decimal | Ty::Rate)
    }

    /// The internal Arrow type.
    pub fn internal(self) -> DataType {
        match self {
            Ty::Bool => DataType::Boolean,
            Ty::Int | Ty::Duration => DataType::Int64,
            Ty::Decimal | Ty::Rate | Ty::Money => DataType::FixedSizeBinary(16),
            Ty::Date => DataType::Date32,
            Ty::Text => DataType::Utf8,
            Ty::Enum => DataType::UInt32,
            Ty::EnumSet => DataType::UInt64,
        }
    }

    /// The Arrow type written to output files.
    pub fn output(self) -> DataType {
        match self {
            Ty::Bool => DataType::Boolean,
            Ty::Int => DataType::Int64,
            Ty::Money => DataType::Decimal128(38, 2),
            Ty::Decimal | Ty::Rate | Ty::Duration | Ty::Text | Ty::Enum => DataType::Utf8,
            Ty::Date => DataType::Date32,
            Ty::EnumSet => DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        }
    }

    /// A typed NULL of the internal representation.
    pub fn null(self) -> ScalarValue {
        match self {
            Ty::Bool => ScalarValue::Boolean(None),
            Ty::Int | Ty::Duration => ScalarValue::Int64(None),
            Ty::Decimal | Ty::Rate | Ty::Money => ScalarValue::FixedSizeBinary(16, None),
            Ty::Date => ScalarValue::Date32(None),
            Ty::Text => ScalarValue::Utf8(None),
            Ty::Enum => ScalarValue::UInt32(None),
            Ty::EnumSet => ScalarValue::UInt64(None),
        }
    }

    /// What a population file may hold for an input of this type, for error messages.
    pub fn accepted(self) -> &'static str {
        match self {
            Ty::Bool => "a boolean column, or text true/false",
            Ty::Int => "an integer column (or text holding whole numbers)",
            Ty::Decimal => "a decimal or integer column, or text such as \"0.125\"",
            Ty::Rate => "a decimal or integer column, or text such as \"12.5%\" or \"0.125\"",
            Ty::Money => {
                "decimal(38,2) (exact yuan and fen), an integer number of yuan, or text such as \"5000000.00\"; never floating point"
            }
            Ty::Date => "a date32 column, or text \"YYYY-MM-DD\"",
            Ty::Duration => "text such as \"2 years\", \"18 months\" or \"30 days\"",
            Ty::Text => "a text column",
            Ty::Enum => "a text (or dictionary of text) column holding value names",
            Ty::EnumSet => "a list of text column holding value names",
        }
    }

    /// Whether a population column of `dt` can feed an input of this type.
    pub fn accepts(self, dt: &DataType) -> bool {
        use DataType::*;
        let texty = |d: &DataType| matches!(d, Utf8 | LargeUtf8 | Utf8View);
        let inty = |d: &DataType| {
            matches!(
                d,
                Int8 | Int16 | Int32 | Int64 | UInt8 | UInt16 | UInt32 | UInt64
            )
        };
        let dict_text = |d: &DataType| matches!(d, Dictionary(_, v) if texty(v));
        match self {
            Ty::Bool => matches!(dt, Boolean) || texty(dt),
            Ty::Int => inty(dt) || texty(dt),
            Ty::Decimal | Ty::Rate => {
                inty(dt) || texty(dt) || matches!(dt, Decimal128(_, _) | Float32 | Float64)
            }
            Ty::Money => inty(dt) || texty(dt) || matches!(dt, Decimal128(_, _)),
            Ty::Date => texty(dt) || matches!(dt, Date32 | Date64),
            Ty::Duration | Ty::Text => texty(dt) || dict_text(dt),
            Ty::Enum => texty(dt) || dict_text(dt),
            Ty::EnumSet => match dt {
                List(f) | LargeList(f) => texty(f.data_type()) || dict_text(f.data_type()),
                _ => false,
            },
        }
    }
}

/// The names of an enumeration's values, in order.
pub fn enum_values(program: &Program, t: &Type) -> Vec<String> {
    let e: Option<EnumId> = match t {
        Type::Enum(e) => Some(*e),
        Type::Set(inner) => match inner.as_ref() {
            Type::Enum(e) => Some(*e),
            _ => None,
        },
        _ => None,
    };
    e.map(|e| {
        program.enums[e.0 as usize]
            .values
            .iter()
            .map(|(n, _)| n.clone())
            .collect()
    })
    .unwrap_or_default()
}

/// A rule value as an internal literal.
pub fn scalar_of(v: &Value, ty: Ty) -> Result<ScalarValue, String> {
    Ok(match (v, ty) {
        (Value::Bool(b), _) => ScalarValue::Boolean(Some(*b)),
        (Value::Int(i), Ty::Int) => ScalarValue::Int64(Some(*i)),
        (v, t) if t.is_dec() => match v.as_decimal() {
            Some(d) => ScalarValue::FixedSizeBinary(16, Some(dec_bytes(d).to_vec())),
            None => return Err(format!("expected a number, found {v:?}")),
        },
        (Value::Date(d), _) => ScalarValue::Date32(Some(date_to_days(*d))),
        (Value::Duration(d), _) => ScalarValue::Int64(Some(pack_duration(*d))),
        (Value::Text(t), _) => ScalarValue::Utf8(Some(t.to_string())),
        (Value::Enum(_, i), _) => ScalarValue::UInt32(Some(*i)),
        (Value::Set(items), Ty::EnumSet) => {
            let mut bits = 0u64;
            for it in items.iter() {
                match it {
                    Value::Enum(_, i) if *i < 64 => bits |= 1u64 << i,
                    other => {
                        return Err(format!(
                            "a set element {other:?} is not an enumeration value"
                        ));
                    }
                }
            }
            ScalarValue::UInt64(Some(bits))
        }
        (v, t) => return Err(format!("cannot hold {v:?} as {t:?}")),
    })
}
