//! The JSON API's own routes (rules, accounts, cases, projects) and the shapes of
//! their answers. The register's routes are in `ledger_api`, the calendar's in
//! `calendar_api`; `lib.rs` composes them all.

pub mod accounts;
pub mod cases;
// ---- issue 16 item 4: S&T enterprise credit ----
pub mod credit;
pub mod facts;
// ---- issue 16 ----
pub mod notify;
// ---- issue 16: consultation ----
pub mod consult;
pub mod projects;
// ---- issue 16 item 4: application scenarios and instrument sharing ----
pub mod platforms;
pub mod rules;
pub mod schemas;
// ---- issue 16: statistical monitoring ----
pub mod statistics;
pub mod tracker;
pub mod vocabulary;
pub mod vouchers;

/// A whole number from JSON, also when written as `102.0` (JSON Schema's integers
/// include it); a fraction or a number beyond 2^53 is refused, never rounded.
pub(crate) fn whole_number<'de, D: serde::Deserializer<'de>>(d: D) -> Result<i64, D::Error> {
    use serde::de::Error;
    let n = <serde_json::Number as serde::Deserialize>::deserialize(d)?;
    if let Some(i) = n.as_i64() {
        return Ok(i);
    }
    match n.as_f64() {
        Some(f) if f.fract() == 0.0 && f.abs() <= 9_007_199_254_740_992.0 => Ok(f as i64),
        _ => Err(D::Error::custom(format!("{n} is not a whole number"))),
    }
}

#[cfg(test)]
mod whole_number_tests {
    #[derive(serde::Deserialize)]
    struct Days {
        #[serde(deserialize_with = "super::whole_number")]
        n: i64,
    }

    fn parse(json: &str) -> Result<i64, String> {
        serde_json::from_str::<Days>(json)
            .map(|d| d.n)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn integers_written_with_a_zero_fraction_are_whole_and_fractions_are_refused() {
        assert_eq!(parse(r#"{"n": 102}"#), Ok(102));
        assert_eq!(parse(r#"{"n": 102.0}"#), Ok(102));
        assert_eq!(parse(r#"{"n": -7.0}"#), Ok(-7));
        assert!(parse(r#"{"n": 102.5}"#).is_err_and(|e| e.contains("not a whole number")));
        assert!(parse(r#"{"n": 1e300}"#).is_err());
        assert!(parse(r#"{"n": "5"}"#).is_err());
    }
}
