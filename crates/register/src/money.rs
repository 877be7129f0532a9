//! Money and text as the register takes them from a request: yuan written as text
//! become integer fen (exact, bounded, never a float), free text is trimmed,
//! stripped of control characters and bounded.

use onestop_store::{Result, ServiceError};
use rust_decimal::Decimal;
use serde_json::Value as J;
use std::str::FromStr;

/// The largest amount accepted anywhere: one trillion yuan, in fen.
pub const MAX_FEN: i64 = 100_000_000_000_000;

/// An amount of money in yuan (a string like "1234.50" or a whole number) as fen.
pub fn parse_fen(field: &str, v: &J) -> Result<i64> {
    let d = match v {
        J::String(s) => Decimal::from_str(s.trim()).map_err(|_| {
            ServiceError::invalid(
                field,
                format!("`{s}` is not an amount; write yuan like \"1234.50\""),
            )
        })?,
        J::Number(n) if n.is_i64() || n.is_u64() => Decimal::from_str(&n.to_string())
            .map_err(|_| ServiceError::invalid(field, "not an amount"))?,
        J::Number(_) => {
            return Err(ServiceError::invalid(
                field,
                "give amounts with decimals as a string, like \"1234.50\" (money is exact)",
            ));
        }
        _ => {
            return Err(ServiceError::invalid(
                field,
                "give an amount in yuan, like \"1234.50\"",
            ));
        }
    };
    // Checked: 28 digits of yuan overflow the multiplication (a panic, before).
    let too_large = || {
        ServiceError::invalid(
            field,
            format!("the amount is too large: at most {} yuan", yuan(MAX_FEN)),
        )
    };
    let fen = d.checked_mul(Decimal::from(100)).ok_or_else(too_large)?;
    if fen.fract() != Decimal::ZERO {
        return Err(ServiceError::invalid(
            field,
            "an amount has at most two decimals (fen)",
        ));
    }
    if fen <= Decimal::ZERO {
        return Err(ServiceError::invalid(field, "an amount is more than zero"));
    }
    let fen: i64 = fen.trunc().to_string().parse().map_err(|_| too_large())?;
    if fen > MAX_FEN {
        return Err(too_large());
    }
    Ok(fen)
}

/// Fen as yuan text with two decimals.
pub fn yuan(fen: i64) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let f = fen.unsigned_abs();
    format!("{sign}{}.{:02}", f / 100, f % 100)
}

pub fn text_field(field: &str, v: &str, max: usize) -> Result<String> {
    let t: String = v.trim().chars().filter(|c| !c.is_control()).collect();
    if t.is_empty() {
        return Err(ServiceError::invalid(
            field,
            format!("`{field}` is required"),
        ));
    }
    if t.chars().count() > max {
        return Err(ServiceError::invalid(
            field,
            format!("`{field}` has at most {max} characters"),
        ));
    }
    Ok(t)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn amounts_beyond_the_decimal_range_are_refused_not_a_panic() {
        for huge in [
            "792281625142643375935439504",
            "79228162514264337593543950",
            "1000000000000.01",
        ] {
            match parse_fen("value", &J::String(huge.into())) {
                Err(ServiceError::Invalid { field, message }) => {
                    assert_eq!(field, "value");
                    assert!(
                        message.contains("too large: at most 1000000000000.00 yuan"),
                        "{message}"
                    );
                }
                other => panic!("{huge}: {other:?}"),
            }
        }
        assert_eq!(
            parse_fen("value", &J::String("1000000000000.00".into())).ok(),
            Some(MAX_FEN)
        );
    }

    #[test]
    fn amounts_are_exact_fen() {
        assert_eq!(parse_fen("a", &json!("1234.5")).expect("ok"), 123450);
        assert_eq!(parse_fen("a", &json!(30)).expect("ok"), 3000);
        assert_eq!(yuan(123450), "1234.50");
        assert_eq!(yuan(5), "0.05");
        for bad in [
            json!("0.001"),
            json!("-1"),
            json!("0"),
            json!(1.5),
            json!("abc"),
            json!(null),
        ] {
            let e = parse_fen("amount", &bad).expect_err("refused");
            assert!(
                matches!(e, ServiceError::Invalid { ref field, .. } if field == "amount"),
                "{bad}"
            );
        }
    }
}
