//! Facts as the API reads them: amounts, decimals and rates are text of a plain shape
//! (`"5000000.00"`, `"12.5%"`) or whole numbers, exactly as the OpenAPI document says
//! (`api::vocabulary`). The engine's reader also takes `"5,000 yuan"` and fractions
//! written as JSON floats (the portal's forms and the CLI rely on that); the API does
//! not, so a client that follows the document is never surprised either way.

use crate::error::ApiError;
use axum::http::StatusCode;
use onestop_lang::{Program, Type};
use serde_json::Value as J;

/// Refuses an amount, decimal or rate the document does not allow; everything else
/// (unknown facts, wrong types) is left to the engine's reader and its messages.
pub fn check(program: &Program, entity: &str, facts: &J) -> Result<(), ApiError> {
    let Some(members) = facts.as_object() else {
        return Ok(());
    };
    let Some(e) = program.entities.iter().position(|x| x.name == entity) else {
        return Ok(());
    };
    for (name, value) in members {
        let Some(input) = program
            .inputs
            .iter()
            .find(|i| i.entity.index() == e && i.name == *name)
        else {
            continue;
        };
        let (decimals, percent) = match input.ty {
            Type::Money => (2, false),
            Type::Decimal => (6, false),
            Type::Rate => (4, true),
            _ => continue,
        };
        let fits = match value {
            J::Null => true,
            // Blank text means "not known", as null does (docs/facts.md; the document's
            // fact schemas allow it).
            J::String(s) if s.trim().is_empty() => true,
            J::Number(n) => whole(n),
            // Blank text is "not known", as the document says (`api::vocabulary`).
            J::String(s) => s.trim().is_empty() || plain(s, decimals, percent),
            _ => true, // the engine names the wrong type
        };
        if !fits {
            let example = if percent {
                "\"12.5%\""
            } else {
                "\"5000000.00\""
            };
            return Err(ApiError::field(
                StatusCode::UNPROCESSABLE_ENTITY,
                &format!("facts.{name}"),
                format!(
                    "write `{name}` as text like {example} (at most {decimals} decimals) or as a whole number, not {value}"
                ),
            ));
        }
    }
    Ok(())
}

/// A whole number of 64 bits (`5.0` is one; JSON does not tell them apart).
fn whole(n: &serde_json::Number) -> bool {
    n.as_i64().is_some()
        || n.as_f64()
            .is_some_and(|f| f.fract() == 0.0 && f > i64::MIN as f64 && f < i64::MAX as f64)
}

/// `-?digits(.digits)?%?` with at most 15 digits before the point (3 for a rate).
fn plain(s: &str, decimals: usize, percent: bool) -> bool {
    let s = if percent {
        match s.strip_suffix('%') {
            Some(s) => s,
            None => return false,
        }
    } else {
        s
    };
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    let max_int = if percent { 3 } else { 15 };
    digits(int) && int.len() <= max_int && frac.is_none_or(|f| digits(f) && f.len() <= decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_amounts_and_rates_only() {
        assert!(plain("5000000.00", 2, false));
        assert!(plain("-3", 2, false));
        assert!(!plain("5,000", 2, false));
        assert!(!plain("5000 yuan", 2, false));
        assert!(!plain("1.234", 2, false));
        assert!(!plain(".5", 2, false));
        assert!(
            !plain("", 2, false),
            "blank is checked before: it means not known"
        );
        assert!(plain("12.5%", 4, true));
        assert!(!plain("0.125", 4, true));
        assert!(!plain("1000%", 4, true));
        assert!(whole(&serde_json::Number::from(7)));
        assert!(serde_json::Number::from_f64(0.5).is_some_and(|n| !whole(&n)));
    }
}
