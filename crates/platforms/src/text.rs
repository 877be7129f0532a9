//! What the platforms accept as text, words and dates: each refusal names its field.

use chrono::NaiveDate;
use onestop_store::{Result, ServiceError};

/// Trimmed text of 1 to `max` characters without NUL; `what` says what is missing.
pub fn required(field: &str, text: &str, max: usize, what: &str) -> Result<String> {
    let t = text.trim();
    if t.is_empty() {
        return Err(ServiceError::invalid(
            field,
            format!("{what} (it is empty)"),
        ));
    }
    if t.chars().count() > max || t.contains('\0') {
        return Err(ServiceError::invalid(
            field,
            format!("the {field} must be text of at most {max} characters"),
        ));
    }
    Ok(t.to_string())
}

/// A word used for matching (an industry or a capability): trimmed, lower-case, inner
/// spaces as single dashes, so that "Big Data" and "big-data" are the same word.
pub fn word(field: &str, text: &str) -> Result<String> {
    let w = required(field, text, 64, "name it")?
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    Ok(w)
}

/// A list of matching words: each as [`word`], duplicates dropped, sorted, 1 to 20.
pub fn words(field: &str, list: &[String]) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for w in list {
        out.push(word(field, w)?);
    }
    out.sort();
    out.dedup();
    if out.is_empty() || out.len() > 20 {
        return Err(ServiceError::invalid(
            field,
            "name 1 to 20 capabilities, e.g. [\"computer-vision\", \"5g\"]",
        ));
    }
    Ok(out)
}

/// A date as YYYY-MM-DD.
pub fn date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        ServiceError::invalid(
            field,
            format!(
                "{:?} is not a date; write it as YYYY-MM-DD",
                text.replace('\0', "")
            ),
        )
    })
}

/// An amount in yuan as typed ("1500", "1500.5", "1,500.50") as integer fen, exactly
/// (no floating point): at most two decimals, not negative.
pub fn fen_from_yuan(field: &str, text: &str) -> Result<i64> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
        .collect();
    let bad = || {
        ServiceError::invalid(
            field,
            format!(
                "{:?} is not an amount in yuan with at most two decimals, e.g. 1500.50",
                text.replace('\0', "")
            ),
        )
    };
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    if whole.is_empty()
        || whole.len() > 12
        || frac.len() > 2
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(bad());
    }
    let yuan: i64 = whole.parse().map_err(|_| bad())?;
    let cents: i64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<2}").parse().map_err(|_| bad())?
    };
    yuan.checked_mul(100)
        .and_then(|f| f.checked_add(cents))
        .ok_or_else(bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_normalised_and_bad_text_is_refused_by_field() {
        assert_eq!(
            word("industry", "  Big  Data ").ok().as_deref(),
            Some("big-data")
        );
        let w = words("capabilities", &["5G".into(), "5g".into(), "AI".into()]).ok();
        assert_eq!(w, Some(vec!["5g".to_string(), "ai".to_string()]));
        assert!(words("capabilities", &[]).is_err());
        assert!(required("title", " ", 10, "x").is_err());
        assert!(date("days", "2026-13-01").is_err());
        assert!(date("days", "2026-12-01").is_ok());
        assert_eq!(fen_from_yuan("fee", "1,500.5").ok(), Some(150_050));
        assert_eq!(fen_from_yuan("fee", "0.07").ok(), Some(7));
        assert_eq!(fen_from_yuan("fee", "12").ok(), Some(1200));
        for bad in ["", "-1", "1.234", "1e3", "abc", ".5"] {
            assert!(fen_from_yuan("fee", bad).is_err(), "{bad}");
        }
    }
}
