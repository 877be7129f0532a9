//! The words of a notification, in the six languages of the portal: the sentences
//! live in `locales/<lang>/notify.ftl`, the names of measures in the catalogue
//! (`onestop_catalog`, with its translations) and of case kinds in the portal's
//! `locales/<lang>/main.ftl` (one translation of each, shared). The inbox,
//! the e-mail and the feed all say the same sentence, written here.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The languages, as the portal names them.
pub const LANGUAGES: &[&str] = &["zh-CN", "en", "ko", "ru", "es", "ar"];

/// `locales/<lang>/notify.ftl`, embedded.
pub const SOURCES: &[(&str, &str)] = &[
    ("zh-CN", include_str!("../../../locales/zh-CN/notify.ftl")),
    ("en", include_str!("../../../locales/en/notify.ftl")),
    ("ko", include_str!("../../../locales/ko/notify.ftl")),
    ("ru", include_str!("../../../locales/ru/notify.ftl")),
    ("es", include_str!("../../../locales/es/notify.ftl")),
    ("ar", include_str!("../../../locales/ar/notify.ftl")),
];

const NAMES: &[(&str, &str)] = &[
    ("zh-CN", include_str!("../../../locales/zh-CN/main.ftl")),
    ("en", include_str!("../../../locales/en/main.ftl")),
    ("ko", include_str!("../../../locales/ko/main.ftl")),
    ("ru", include_str!("../../../locales/ru/main.ftl")),
    ("es", include_str!("../../../locales/es/main.ftl")),
    ("ar", include_str!("../../../locales/ar/main.ftl")),
];

pub struct Messages {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

/// The process's messages, parsed once.
///
/// # Panics
///
/// Only if a shipped `.ftl` file does not parse; this crate's tests parse them all.
pub fn messages() -> &'static Messages {
    static M: OnceLock<Messages> = OnceLock::new();
    M.get_or_init(|| Messages::load().expect("the shipped locales/*/notify.ftl parse"))
}

/// The language to write in: one of [`LANGUAGES`], else English.
pub fn language(lang: &str) -> &'static str {
    LANGUAGES
        .iter()
        .find(|l| **l == lang)
        .copied()
        .or_else(|| lang.starts_with("zh").then_some("zh-CN"))
        .unwrap_or("en")
}

impl Messages {
    pub fn load() -> Result<Messages, String> {
        let mut bundles = HashMap::new();
        for ((code, text), (_, names)) in SOURCES.iter().zip(NAMES) {
            let id: unic_langid::LanguageIdentifier =
                code.parse().map_err(|e| format!("{code}: {e}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            for (file, src) in [("notify.ftl", *text), ("main.ftl", *names)] {
                let res = FluentResource::try_new(src.to_string())
                    .map_err(|(_, errs)| format!("locales/{code}/{file}: {errs:?}"))?;
                // The portal's file may define a key of the same name: ours wins.
                bundle.add_resource_overriding(res);
            }
            bundles.insert(*code, bundle);
        }
        Ok(Messages { bundles })
    }

    /// The message `key` in `lang` (else English, else the key).
    pub fn t(&self, lang: &str, key: &str, args: &[(&str, &str)]) -> String {
        for l in [language(lang), "en"] {
            let Some(b) = self.bundles.get(l) else {
                continue;
            };
            let Some(pattern) = b.get_message(key).and_then(|m| m.value()) else {
                continue;
            };
            let mut fargs = FluentArgs::new();
            for (k, v) in args {
                fargs.set(*k, FluentValue::from(v.to_string()));
            }
            let mut errors = Vec::new();
            return b
                .format_pattern(pattern, Some(&fargs), &mut errors)
                .into_owned();
        }
        key.to_string()
    }

    fn has(&self, lang: &str, key: &str) -> bool {
        self.bundles
            .get(language(lang))
            .is_some_and(|b| b.has_message(key))
    }

    /// A measure's title (the catalogue's, in the reader's language), else its id.
    pub fn measure(&self, lang: &str, id: &str) -> String {
        onestop_catalog::embedded()
            .get(id)
            .map(|m| m.title.get(language(lang)).to_string())
            .unwrap_or_else(|| id.to_string())
    }

    /// A case kind's name (the portal's translation), else its id.
    pub fn kind(&self, lang: &str, kind: &str) -> String {
        let key = format!("kind-{kind}");
        if self.has(lang, &key) || self.has("en", &key) {
            self.t(lang, &key, &[])
        } else {
            kind.to_string()
        }
    }
}

/// Message ids of a Fluent source (for the parity test).
pub fn keys(source: &str) -> Vec<String> {
    let mut k: Vec<String> = source
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '\t', '.']) && l.contains(" ="))
        .filter_map(|l| l.split(" =").next())
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect();
    k.sort();
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_sentence() {
        let en = keys(SOURCES[1].1);
        assert!(en.len() >= 10, "{en:?}");
        for (code, text) in SOURCES {
            assert_eq!(keys(text), en, "locales/{code}/notify.ftl");
        }
        Messages::load().expect("all parse");
    }

    #[test]
    fn sentences_name_the_measure_in_the_reader_language() {
        let m = messages();
        let en = m.t(
            "en",
            "notify-eligible",
            &[("measure", &m.measure("en", "enterprise.tech-transfer-tax"))],
        );
        assert!(en.contains("Technology transfer"), "{en}");
        let zh = m.measure("zh-CN", "enterprise.tech-transfer-tax");
        assert!(
            zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{zh}"
        );
        let ar = m.measure("ar", "enterprise.tech-transfer-tax");
        assert!(
            ar.chars().any(|c| ('\u{0600}'..='\u{06ff}').contains(&c)),
            "{ar}"
        );
        assert_eq!(m.measure("ar", "no.such-measure"), "no.such-measure");
        assert_eq!(language("zh"), "zh-CN");
        assert_eq!(language("xx"), "en");
    }
}
