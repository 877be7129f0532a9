//! The catalogue's titles and summaries in Korean, Russian, Spanish and Arabic:
//! Fluent files beside `measures.toml` (`catalog/locales/<lang>.ftl`), keyed like the
//! rules' catalogues: `measure-<id>` and `measure-<id>-summary`, the id's dots as
//! dashes (`measure-enterprise-tech-transfer-tax`). Chinese and English stay in the
//! TOML. The crate root applies them (`apply_translations`) and lists what they lack
//! (`missing_translations`).

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
