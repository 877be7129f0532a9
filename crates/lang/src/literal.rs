//! The one reader of values written as text: a JSON fact given as a string and a
//! text cell of a population file (Parquet or CSV) both come here, so the two
//! readers accept and refuse the same texts.
//!
//! What is accepted (docs/facts.md says the same for users):
//! - surrounding spaces are ignored; a blank text is *not known* (like JSON
//!   `null` or an empty CSV cell), except for `text` inputs, where it is the
//!   empty text;
//! - numbers: plain decimal notation, digits grouped by spaces, commas or
//!   underscores (`1,000`, `5 000 000`), an optional trailing `yuan`; no
//!   exponent (`1e3` is refused: an amount is written out, and `e` in a money
//!   column is far more often a typo than a power of ten);
//! - `int`: a whole number (`3`, `3.0`); `money`: at most two decimal places;
//!   `rate`: a fraction (`0.125`) or a percentage (`12.5%`);
//! - `bool`: `true` or `false`; `date`: `YYYY-MM-DD`, a real calendar day;
//!   `duration`: `N day(s)`, `N month(s)` or `N year(s)`.
//!
//! Enumeration values are names, looked up by the callers in the program.

use crate::types::{Duration, Type, Value};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Reads `text` as a value of `ty`: `Ok(None)` when blank (not known), else the
/// value, or what was expected (the caller adds what it found).
pub fn parse(ty: &Type, text: &str) -> Result<Option<Value>, String> {
    let t = text.trim();
    if t.is_empty() && *ty != Type::Text {
        return Ok(None);
    }
    let value = match ty {
        Type::Bool => match t {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => return Err(expected(ty)),
        },
        Type::Int => decimal(t)
            .filter(|d| d.fract().is_zero())
            .and_then(|d| i64::try_from(d).ok())
            .map(Value::Int)
            .ok_or_else(|| expected(ty))?,
        Type::Decimal => Value::Decimal(decimal(t).ok_or_else(|| expected(ty))?),
        Type::Rate => match t.strip_suffix('%') {
            Some(p) => Value::Rate(
                Decimal::from_str(p.trim())
                    .ok()
                    .filter(|_| !p.contains(['e', 'E']))
                    .map(|d| d / Decimal::ONE_HUNDRED)
                    .ok_or_else(|| "expected a percentage like \"12.5%\"".to_string())?,
            ),
            None => Value::Rate(decimal(t).ok_or_else(|| expected(ty))?),
        },
        Type::Money => Value::Money(money(decimal(t).ok_or_else(|| expected(ty))?)?),
        Type::Date => NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Value::Date)
            .map_err(|_| expected(ty))?,
        Type::Duration => Value::Duration(duration(t).ok_or_else(|| expected(ty))?),
        Type::Text => Value::Text(text.into()),
        Type::Enum(_) | Type::Set(_) => return Err(expected(ty)),
    };
    Ok(Some(value))
}

/// An amount of money as given: refused beyond the fen, never rounded silently.
pub fn money(d: Decimal) -> Result<Decimal, String> {
    if d.round_dp(2) != d {
        return Err("an amount of money has at most two decimal places (fen)".into());
    }
    Ok(d)
}

/// What a text of type `ty` should look like, for error messages.
pub fn expected(ty: &Type) -> String {
    match ty {
        Type::Bool => "expected true or false".into(),
        Type::Int => "expected a whole number".into(),
        Type::Decimal => "expected a number".into(),
        Type::Rate => "expected a rate as \"12.5%\" or a fraction like 0.125".into(),
        Type::Money => "expected an amount in yuan such as \"5000000.00\" or 5000000".into(),
        Type::Date => "expected a date \"YYYY-MM-DD\"".into(),
        Type::Duration => {
            "expected a duration such as \"2 years\", \"18 months\" or \"30 days\"".into()
        }
        Type::Text => "expected text".into(),
        Type::Enum(_) => "expected one of its value names".into(),
        Type::Set(_) => "expected a list of value names".into(),
    }
}

/// A number in plain decimal notation: grouping spaces, commas and underscores
/// dropped, a trailing `yuan` allowed, no exponent.
pub fn decimal(text: &str) -> Option<Decimal> {
    let cleaned: String = text
        .trim()
        .trim_end_matches("yuan")
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | ','))
        .collect();
    if cleaned.contains(['e', 'E']) {
        return None;
    }
    Decimal::from_str(&cleaned).ok()
}

/// `N day(s)`, `N month(s)` or `N year(s)`.
pub fn duration(s: &str) -> Option<Duration> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(ty: Type, t: &str) -> Option<Value> {
        parse(&ty, t).expect(t)
    }

    #[test]
    fn numbers_as_people_write_them() {
        assert_eq!(ok(Type::Int, " 1,000 "), Some(Value::Int(1000)));
        assert_eq!(ok(Type::Int, "3.0"), Some(Value::Int(3)));
        assert_eq!(
            ok(Type::Money, "5 000 000.50 yuan"),
            Some(Value::Money(Decimal::new(500000050, 2)))
        );
        assert_eq!(
            ok(Type::Rate, "12.5%"),
            Some(Value::Rate(Decimal::new(125, 3)))
        );
        assert_eq!(ok(Type::Decimal, "  "), None);
        assert_eq!(ok(Type::Text, ""), Some(Value::Text("".into())));
    }

    #[test]
    fn refusals_say_what_was_expected() {
        assert!(parse(&Type::Int, "1e3").is_err());
        assert!(parse(&Type::Decimal, "1E3").is_err());
        assert!(parse(&Type::Int, "3.5").is_err());
        assert!(parse(&Type::Rate, "5e1%").is_err());
        assert_eq!(
            parse(&Type::Money, "0.005"),
            Err("an amount of money has at most two decimal places (fen)".into())
        );
        assert_eq!(
            parse(&Type::Date, "2027-02-30"),
            Err("expected a date \"YYYY-MM-DD\"".into())
        );
        assert!(parse(&Type::Bool, "yes").is_err());
        assert!(parse(&Type::Duration, "2 fortnights").is_err());
    }
}
