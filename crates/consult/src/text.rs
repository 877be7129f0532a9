//! What consultation accepts as text and as a language: the checks every question,
//! answer, draft and opinion goes through, each refusal naming its field.

use onestop_store::{Result, ServiceError};

/// The six languages of onestop, as stored (the rules' codes).
pub const LANGUAGES: &[&str] = &["zh", "en", "ko", "ru", "es", "ar"];

/// A language code as stored: `zh-CN` and `zh` are Chinese; anything else must be one
/// of [`LANGUAGES`].
pub fn language(field: &str, lang: &str) -> Result<&'static str> {
    let l = lang.trim();
    let l = if l.eq_ignore_ascii_case("zh-CN") {
        "zh"
    } else {
        l
    };
    LANGUAGES.iter().copied().find(|x| *x == l).ok_or_else(|| {
        ServiceError::invalid(
            field,
            format!(
                "{:?} is not one of the languages: {}",
                lang.replace('\0', ""),
                LANGUAGES.join(", ")
            ),
        )
    })
}

/// Trimmed text of 1 to `max` characters, without NUL; `what` says what is missing.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_and_text_are_checked() {
        assert_eq!(language("lang", "zh-CN").ok(), Some("zh"));
        assert_eq!(language("lang", "ar").ok(), Some("ar"));
        assert!(language("lang", "fr").is_err());
        assert!(required("text", "  ", 10, "ask something").is_err());
        assert!(required("text", "abcdefghijk", 10, "x").is_err());
        assert_eq!(
            required("text", " ok ", 10, "x").ok().as_deref(),
            Some("ok")
        );
    }
}
