//! The catalogue's titles and summaries in Korean, Russian, Spanish and Arabic:
//! Fluent files beside `measures.toml` (`catalog/locales/<lang>.ftl`), keyed like the
//! rules' catalogues: `measure-<id>` and `measure-<id>-summary`, the id's dots as
//! dashes (`measure-enterprise-tech-transfer-tax`). Chinese and English stay in the
//! TOML. [`missing`] lists what a catalogue lacks; the crate's tests require nothing.

use crate::Catalog;
use std::collections::BTreeMap;

/// The shipped catalogues, embedded at build time.
pub const EMBEDDED: &[(&str, &str)] = &[
    ("ko", include_str!("../../../catalog/locales/ko.ftl")),
    ("ru", include_str!("../../../catalog/locales/ru.ftl")),
    ("es", include_str!("../../../catalog/locales/es.ftl")),
    ("ar", include_str!("../../../catalog/locales/ar.ftl")),
];

/// The Fluent key of a measure's title.
pub fn key(id: &str) -> String {
    format!("measure-{}", id.replace('.', "-"))
}

/// A catalogue's messages (plain text only), or the parser's complaints.
pub fn parse(text: &str) -> Result<BTreeMap<String, String>, String> {
    use fluent_syntax::ast::{Entry, PatternElement};
    let resource = fluent_syntax::parser::parse(text).map_err(|(_, errors)| {
        errors
            .iter()
            .map(|e| {
                let line = text[..e.pos.start.min(text.len())].matches('\n').count() + 1;
                format!("line {line}: {e}")
            })
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let mut out = BTreeMap::new();
    for entry in resource.body {
        let Entry::Message(m) = entry else { continue };
        let Some(pattern) = m.value else { continue };
        let mut value = String::new();
        for el in pattern.elements {
            match el {
                PatternElement::TextElement { value: v } => value.push_str(v),
                PatternElement::Placeable { .. } => {
                    return Err(format!("`{}`: a placeable in a catalogue text", m.id.name));
                }
            }
        }
        out.insert(m.id.name.to_string(), value.trim().to_string());
    }
    Ok(out)
}

/// Fills every measure's title and summary from the catalogues; a catalogue that
/// does not parse is skipped (the crate's test fails on it first).
pub fn apply(catalog: &mut Catalog, catalogues: &[(&str, &str)]) {
    for (lang, text) in catalogues {
        let Ok(messages) = parse(text) else { continue };
        for m in &mut catalog.measures {
            let k = key(&m.id);
            if let Some(t) = messages.get(&k).filter(|t| !t.is_empty()) {
                m.title.translated.insert(lang.to_string(), t.clone());
            }
            if let Some(t) = messages.get(&format!("{k}-summary")).filter(|t| !t.is_empty()) {
                m.summary.translated.insert(lang.to_string(), t.clone());
            }
        }
    }
}

/// Every (language, key) the catalogues should have and lack, and every key they have
/// that names no measure.
pub fn missing(catalog: &Catalog, catalogues: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for (lang, text) in catalogues {
        let messages = match parse(text) {
            Ok(m) => m,
            Err(e) => {
                out.push(format!("catalog/locales/{lang}.ftl: {e}"));
                continue;
            }
        };
        let mut wanted = Vec::new();
        for m in &catalog.measures {
            wanted.push(key(&m.id));
            wanted.push(format!("{}-summary", key(&m.id)));
        }
        for k in &wanted {
            if messages.get(k).is_none_or(|t| t.is_empty()) {
                out.push(format!("catalog/locales/{lang}.ftl lacks `{k}`"));
            }
        }
        for k in messages.keys() {
            if !wanted.contains(k) {
                out.push(format!("catalog/locales/{lang}.ftl: `{k}` names no measure"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_title_and_summary_is_translated() {
        let catalog = crate::embedded();
        let missing = missing(catalog, EMBEDDED);
        assert!(missing.is_empty(), "{missing:#?}");
        let m = catalog.get("enterprise.tech-transfer-tax").expect("measure");
        for lang in ["ko", "ru", "es", "ar"] {
            assert_ne!(m.title.get(lang), m.title.en, "{lang}");
            assert_ne!(m.summary.get(lang), m.summary.en, "{lang}");
        }
    }

    #[test]
    fn removing_one_translation_is_reported_and_falls_back_to_english() {
        let catalog = crate::embedded();
        let without: Vec<(&str, String)> = EMBEDDED
            .iter()
            .map(|(l, t)| {
                let t = if *l == "ru" {
                    t.lines()
                        .filter(|l| !l.starts_with("measure-talent-one-window-summary "))
                        .collect::<Vec<_>>()
                        .join("\n")
                } else {
                    t.to_string()
                };
                (*l, t)
            })
            .collect();
        let refs: Vec<(&str, &str)> = without.iter().map(|(l, t)| (*l, t.as_str())).collect();
        assert_eq!(
            missing(catalog, &refs),
            vec!["catalog/locales/ru.ftl lacks `measure-talent-one-window-summary`".to_string()]
        );
        let mut fresh = crate::parse(crate::EMBEDDED_TOML).expect("parses");
        apply(&mut fresh, &refs);
        let m = fresh.get("talent.one-window").expect("measure");
        assert_eq!(m.summary.get("ru"), m.summary.en);
        assert_ne!(m.title.get("ru"), m.title.en);
    }

    #[test]
    fn a_placeable_or_broken_line_is_refused() {
        assert!(parse("measure-x = { $a }\n").is_err());
        let e = parse("measure-x = a\n= b\n").expect_err("no key");
        assert!(e.contains("line 2"), "{e}");
    }
}
