//! Translations: Fluent files under `locales/<lang>/main.ftl`, embedded at build time.
//! Every UI string comes from here; a test fails when one locale lacks a key another has.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::HashMap;
use unic_langid::LanguageIdentifier;

/// The portal's languages, in the order the switcher shows them.
pub const LANGUAGES: &[(&str, &str)] = &[
    ("zh-CN", "中文"),
    ("en", "English"),
    ("ko", "한국어"),
    ("ru", "Русский"),
    ("es", "Español"),
    ("ar", "العربية"),
];

pub const SOURCES: &[(&str, &str)] = &[
    ("zh-CN", include_str!("../../../../locales/zh-CN/main.ftl")),
    ("en", include_str!("../../../../locales/en/main.ftl")),
    ("ko", include_str!("../../../../locales/ko/main.ftl")),
    ("ru", include_str!("../../../../locales/ru/main.ftl")),
    ("es", include_str!("../../../../locales/es/main.ftl")),
    ("ar", include_str!("../../../../locales/ar/main.ftl")),
];

/// Names from the services file in use, by message key (`agency-<id>`,
/// `kind-<kind>`, `material-<id>`, `reminder-<output>`, `service-<id>`): the file's own
/// Korean, Russian, Spanish and Arabic names win (the operator edits one file), and an
/// operator who adds an agency sees its own name in the portal, not a bare key.
static OPERATOR_NAMES: std::sync::OnceLock<HashMap<String, onestop_cases::services::Text>> =
    std::sync::OnceLock::new();

/// Records the services file's names (first call wins: one services file per process).
pub fn set_operator_names(services: &onestop_cases::services::Services) {
    let mut names = HashMap::new();
    for (id, t) in &services.agencies {
        names.insert(format!("agency-{id}"), t.clone());
    }
    for svc in &services.services {
        names.insert(format!("service-{}", svc.id), svc.title.clone());
        for c in &svc.cases {
            names.insert(format!("kind-{}", c.kind), c.title.clone());
            for m in &c.materials {
                names
                    .entry(format!("material-{}", m.id))
                    .or_insert(m.title.clone());
            }
            for r in &c.reminders {
                names
                    .entry(format!("reminder-{}", r.output))
                    .or_insert(r.title.clone());
            }
        }
    }
    let _ = OPERATOR_NAMES.set(names);
}

/// The services file's own name for `key` in one of the four languages it may add.
pub fn operator_name(lang: &str, key: &str) -> Option<String> {
    if !matches!(lang, "ko" | "ru" | "es" | "ar") {
        return None;
    }
    OPERATOR_NAMES
        .get()?
        .get(key)?
        .written(lang)
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string)
}

pub struct I18n {
    bundles: HashMap<&'static str, FluentBundle<FluentResource>>,
}

impl I18n {
    pub fn load() -> Result<I18n, String> {
        let mut bundles = HashMap::new();
        for (code, text) in SOURCES {
            let res = FluentResource::try_new(text.to_string())
                .map_err(|(_, errs)| format!("locales/{code}/main.ftl: {errs:?}"))?;
            let id: LanguageIdentifier = code.parse().map_err(|e| format!("{code}: {e}"))?;
            let mut bundle = FluentBundle::new_concurrent(vec![id]);
            bundle
                .add_resource(res)
                .map_err(|errs| format!("locales/{code}/main.ftl: {errs:?}"))?;
            bundles.insert(*code, bundle);
        }
        Ok(I18n { bundles })
    }

    /// The message in `lang`: the services file's own name where it writes one in
    /// this language ([`operator_name`]), else Fluent's, falling back to English, then
    /// to the services file's English or Chinese name, then to the key itself.
    pub fn t(&self, lang: &str, key: &str, args: &[(&str, String)]) -> String {
        if let Some(name) = operator_name(lang, key) {
            return name;
        }
        for l in [lang, "en"] {
            let Some(b) = self.bundles.get(l) else {
                continue;
            };
            let Some(msg) = b.get_message(key) else {
                continue;
            };
            let Some(pattern) = msg.value() else { continue };
            let mut fargs = FluentArgs::new();
            for (k, v) in args {
                // Counts must reach Fluent as numbers, or plural selection falls to the
                // default. Only whole numbers: Fluent holds numbers as f64, which would
                // turn an amount such as 1500.50 into 1500.5 (and money is never a float).
                match v.parse::<i64>() {
                    Ok(n) if !v.contains('-') => fargs.set(*k, FluentValue::from(n)),
                    _ => fargs.set(*k, FluentValue::from(v.clone())),
                }
            }
            let mut errors = Vec::new();
            return b
                .format_pattern(pattern, Some(&fargs), &mut errors)
                .into_owned();
        }
        if let Some(t) = OPERATOR_NAMES.get().and_then(|m| m.get(key)) {
            return t.get(lang).to_string();
        }
        key.to_string()
    }

    pub fn has(&self, lang: &str, key: &str) -> bool {
        operator_name(lang, key).is_some()
            || self.bundles.get(lang).is_some_and(|b| b.has_message(key))
    }
}

/// Message ids defined in a Fluent source (for the parity test).
pub fn keys(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|l| !l.starts_with([' ', '#', '\t', '.']) && l.contains(" ="))
        .filter_map(|l| l.split(" =").next())
        .map(|k| k.trim().to_string())
        .filter(|k| !k.is_empty())
        .collect()
}

/// The best language for an Accept-Language header.
pub fn negotiate(accept: &str) -> &'static str {
    let mut best: Option<(f32, &'static str)> = None;
    for part in accept.split(',') {
        let mut it = part.trim().split(';');
        let tag = it.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = it
            .find_map(|p| {
                p.trim()
                    .strip_prefix("q=")
                    .and_then(|v| v.parse::<f32>().ok())
            })
            .unwrap_or(1.0);
        let primary = tag.split('-').next().unwrap_or("");
        let code = LANGUAGES
            .iter()
            .map(|(c, _)| *c)
            .find(|c| c.to_ascii_lowercase() == tag || c.split('-').next() == Some(primary));
        if let Some(c) = code
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, c));
        }
    }
    best.map(|(_, c)| c).unwrap_or("zh-CN")
}

pub fn is_rtl(lang: &str) -> bool {
    lang == "ar"
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_locale_has_every_key() {
        let all: Vec<(&str, BTreeSet<String>)> = SOURCES
            .iter()
            .map(|(c, s)| (*c, keys(s).into_iter().collect()))
            .collect();
        let union: BTreeSet<String> = all.iter().flat_map(|(_, k)| k.iter().cloned()).collect();
        assert!(
            union.len() > 50,
            "expected the portal's strings, found {}",
            union.len()
        );
        for (code, k) in &all {
            let missing: Vec<&String> = union.difference(k).collect();
            assert!(
                missing.is_empty(),
                "locales/{code}/main.ftl lacks: {missing:?}"
            );
        }
    }

    #[test]
    fn an_amount_keeps_its_fen_and_a_count_still_selects_the_plural() {
        let i = I18n::load().expect("load");
        for code in ["en", "zh-CN", "ar"] {
            let fee = i.t(code, "instruments-yuan", &[("amount", "1500.50".into())]);
            assert!(fee.contains("1500.50"), "{code}: {fee}");
        }
        let one = i.t("en", "search-results", &[("count", "1".into())]);
        let five = i
            .t("en", "search-results", &[("count", "5".into())])
            .replace(['\u{2068}', '\u{2069}'], "");
        assert_eq!(
            (one.as_str(), five.as_str()),
            ("One measure found", "5 measures found")
        );
    }

    #[test]
    fn every_agency_and_case_kind_of_the_services_is_translated() {
        let services = onestop_cases::services::Services::shipped().expect("services");
        let i = I18n::load().expect("load");
        for (code, _) in LANGUAGES {
            for agency in services.agencies.keys() {
                let key = format!("agency-{agency}");
                assert!(i.has(code, &key), "locales/{code}/main.ftl lacks {key}");
            }
            for svc in &services.services {
                for case in &svc.cases {
                    let key = format!("kind-{}", case.kind);
                    assert!(i.has(code, &key), "locales/{code}/main.ftl lacks {key}");
                }
            }
        }
    }

    #[test]
    fn an_operators_new_agency_and_kind_show_its_own_names() {
        let services = onestop_cases::services::Services::parse(
            r#"
[agencies]
commerce = { en = "Beijing Municipal Commerce Bureau", zh = "北京市商务局" }
[[service]]
id = "mnc"
entity = "enterprise"
measure = "enterprise.mnc-rd-centre"
source = "001"
title = { en = "MNC R&D centre", zh = "外资研发中心" }
  [[service.case]]
  kind = "mnc-rd-centre-recognition"
  agency = "commerce"
  title = { en = "Recognition of an MNC R&D centre", zh = "外资研发中心认定" }
  working_days_parameter = "x"
"#,
        )
        .expect("services");
        set_operator_names(&services);
        let i = I18n::load().expect("load");
        assert_eq!(
            i.t("ko", "agency-commerce", &[]),
            "Beijing Municipal Commerce Bureau"
        );
        assert_eq!(i.t("zh-CN", "agency-commerce", &[]), "北京市商务局");
        assert_eq!(
            i.t("ar", "kind-mnc-rd-centre-recognition", &[]),
            "Recognition of an MNC R&D centre"
        );
        // A shipped translation still wins; an unknown key is still the key.
        assert_ne!(i.t("ko", "agency-tax", &[]), "agency-tax");
        assert_eq!(i.t("ko", "agency-nowhere", &[]), "agency-nowhere");
    }

    #[test]
    fn every_locale_parses_and_formats() {
        let i = I18n::load().expect("load");
        for (code, _) in LANGUAGES {
            let s = i.t(code, "site-title", &[]);
            assert!(!s.is_empty() && s != "site-title", "{code}");
        }
        // Placeables are isolated with U+2068/U+2069, as right-to-left text needs.
        let s = i.t("ar", "cases-count", &[("count", "3".into())]);
        assert!(s.contains('\u{2068}') && s.contains('\u{2069}'), "{s:?}");
        // Counts select plural forms.
        assert_eq!(
            i.t("en", "cases-count", &[("count", "1".into())]),
            "One case"
        );
        assert!(
            i.t("en", "cases-count", &[("count", "4".into())])
                .contains("cases")
        );
    }

    #[test]
    fn accept_language_picks_the_best_supported() {
        assert_eq!(negotiate("ar-SA,ar;q=0.9,en;q=0.5"), "ar");
        assert_eq!(negotiate("fr-FR, es;q=0.8, en;q=0.7"), "es");
        assert_eq!(negotiate("zh-TW,zh;q=0.9"), "zh-CN");
        assert_eq!(negotiate("de"), "zh-CN");
        assert_eq!(negotiate("en-GB;q=0.3, ko;q=0.9"), "ko");
    }
}
