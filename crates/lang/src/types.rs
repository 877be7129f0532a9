//! Types and values of the rule language. Money and rates are exact decimals, never floats.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use std::fmt;
use std::sync::Arc;

/// Index of an enumeration in a checked program.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(pub u32);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    Bool,
    Int,
    Decimal,
    /// Yuan, exact to the fen.
    Money,
    /// A proportion; `25%` is stored as 0.25.
    Rate,
    Date,
    Duration,
    Text,
    Enum(EnumId),
    Set(Box<Type>),
}

impl Type {
    pub fn is_numeric(&self) -> bool {
        matches!(self, Type::Int | Type::Decimal | Type::Rate)
    }

    /// Base type names as written in rule files.
    pub fn builtin(name: &str) -> Option<Type> {
        Some(match name {
            "bool" => Type::Bool,
            "int" => Type::Int,
            "decimal" => Type::Decimal,
            "money" => Type::Money,
            "rate" => Type::Rate,
            "date" => Type::Date,
            "duration" => Type::Duration,
            "text" => Type::Text,
            _ => return None,
        })
    }

    pub const BUILTIN_NAMES: &'static [&'static str] = &[
        "bool", "int", "decimal", "money", "rate", "date", "duration", "text",
    ];

    /// The type as rule files write it; enumeration names come from `enum_name`.
    pub fn name(&self, enum_name: &dyn Fn(EnumId) -> String) -> String {
        match self {
            Type::Enum(e) => enum_name(*e),
            Type::Set(t) => format!("set of {}", t.name(enum_name)),
            other => Type::BUILTIN_NAMES
                .iter()
                .find(|n| Type::builtin(n).as_ref() == Some(other))
                .map(|s| s.to_string())
                .unwrap_or_default(),
        }
    }

    /// Whether a value of type `self` may be stored where `target` is declared.
    /// Plain numbers convert among themselves; money, dates and enumerations never mix.
    pub fn assignable_to(&self, target: &Type) -> bool {
        self == target || (self.is_numeric() && target.is_numeric())
    }
}

/// A span of calendar time: months and days kept apart because months vary in length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Duration {
    pub months: i32,
    pub days: i32,
}

impl Duration {
    pub fn add_to(self, d: NaiveDate) -> Option<NaiveDate> {
        let with_months = if self.months >= 0 {
            d.checked_add_months(chrono::Months::new(self.months as u32))?
        } else {
            d.checked_sub_months(chrono::Months::new(self.months.unsigned_abs()))?
        };
        with_months.checked_add_signed(chrono::TimeDelta::try_days(self.days as i64)?)
    }

    pub fn negate(self) -> Duration {
        Duration {
            months: -self.months,
            days: -self.days,
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        let (y, m) = (self.months / 12, self.months % 12);
        if y != 0 {
            parts.push(format!("{y} year{}", if y.abs() == 1 { "" } else { "s" }));
        }
        if m != 0 {
            parts.push(format!("{m} month{}", if m.abs() == 1 { "" } else { "s" }));
        }
        if self.days != 0 || parts.is_empty() {
            let d = self.days;
            parts.push(format!("{d} day{}", if d.abs() == 1 { "" } else { "s" }));
        }
        write!(f, "{}", parts.join(" "))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Decimal(Decimal),
    Money(Decimal),
    Rate(Decimal),
    Date(NaiveDate),
    Duration(Duration),
    Text(Arc<str>),
    /// An enumeration value by index; names live in the program.
    Enum(EnumId, u32),
    /// Elements kept sorted and unique.
    Set(Arc<[Value]>),
}

/// Money is kept to the fen, rounding half away from zero (四舍五入) as tax practice does.
pub fn round_fen(d: Decimal) -> Decimal {
    d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

impl Value {
    pub fn money(d: Decimal) -> Value {
        Value::Money(round_fen(d))
    }

    /// The numeric content of Int/Decimal/Rate/Money.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Value::Int(i) => Some(Decimal::from(*i)),
            Value::Decimal(d) | Value::Rate(d) | Value::Money(d) => Some(*d),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Converts a numeric value to the declared numeric type (ints widen; decimals to ints only when whole).
    pub fn convert_to(self, ty: &Type) -> Option<Value> {
        match (ty, &self) {
            (Type::Decimal, v) if v.is_plain_number() => v.as_decimal().map(Value::Decimal),
            (Type::Rate, v) if v.is_plain_number() => v.as_decimal().map(Value::Rate),
            (Type::Int, Value::Int(_)) => Some(self),
            (Type::Int, v) if v.is_plain_number() => {
                let d = v.as_decimal()?;
                if d.fract().is_zero() {
                    i64::try_from(d).ok().map(Value::Int)
                } else {
                    None
                }
            }
            (Type::Money, Value::Money(d)) => Some(Value::Money(round_fen(*d))),
            _ => Some(self),
        }
    }

    fn is_plain_number(&self) -> bool {
        matches!(self, Value::Int(_) | Value::Decimal(_) | Value::Rate(_))
    }

    /// Builds a set value: sorted and without duplicates.
    pub fn set(mut elems: Vec<Value>) -> Value {
        elems.sort_by(cmp_values);
        elems.dedup();
        Value::Set(elems.into())
    }
}

/// A total order used for sets and comparisons of like values.
pub fn cmp_values(a: &Value, b: &Value) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (Value::Bool(x), Value::Bool(y)) => x.cmp(y),
        (Value::Date(x), Value::Date(y)) => x.cmp(y),
        (Value::Duration(x), Value::Duration(y)) => x.cmp(y),
        (Value::Text(x), Value::Text(y)) => x.cmp(y),
        (Value::Enum(e1, x), Value::Enum(e2, y)) => (e1, x).cmp(&(e2, y)),
        (Value::Set(x), Value::Set(y)) => {
            for (p, q) in x.iter().zip(y.iter()) {
                let o = cmp_values(p, q);
                if o != Ordering::Equal {
                    return o;
                }
            }
            x.len().cmp(&y.len())
        }
        _ => match (a.as_decimal(), b.as_decimal()) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => Ordering::Equal,
        },
    }
}

/// `20000000.5` -> `20 000 000.50` (spaces group thousands, as rule files write them).
pub fn group_thousands(d: Decimal, dp: u32) -> String {
    let s = format!("{:.*}", dp as usize, d.abs());
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    let sign = if d.is_sign_negative() && !d.is_zero() {
        "-"
    } else {
        ""
    };
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// Shows a rate without trailing zeros: 0.125 -> `12.5%`.
pub fn format_rate(d: Decimal) -> String {
    format!("{}%", (d * Decimal::ONE_HUNDRED).normalize())
}

pub fn format_date(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}
