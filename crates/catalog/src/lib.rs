//! The measure catalogue: every measure of the five source documents in `seeds/`
//! (see `design/measures.md`), with its group, kinds, audience, sources, a verbatim
//! quote, responsible organisations, time of completion and status.
//!
//! The catalogue is data, kept in `catalog/measures.toml` and embedded in this crate
//! at build time ([`embedded`]). [`parse`] reads any catalogue text and reports TOML
//! errors with a line and column; [`Catalog::validate`] checks a parsed catalogue
//! against the seed texts (every quote must occur verbatim in its source).
//!
//! This crate depends on no other onestop crate for now. It must never depend on the
//! web, cases or ledger crates; a later link to `engine` (rule ids per measure) may be
//! added.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// The shipped catalogue text, `catalog/measures.toml` at the workspace root.
pub const EMBEDDED_TOML: &str = include_str!("../../../catalog/measures.toml");

/// All measures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// The `[[measure]]` entries, in file order.
    #[serde(rename = "measure", default)]
    pub measures: Vec<MeasureEntry>,
}

/// A text in Chinese and English, written in `measures.toml`, and in the languages
/// of the translation catalogues beside it (`catalog/locales/<lang>.ftl`, see
/// [`translations`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub zh: String,
    pub en: String,
    /// Korean, Russian, Spanish, Arabic: filled from the catalogues, not the TOML.
    #[serde(skip)]
    pub translated: BTreeMap<String, String>,
}

impl Localized {
    /// The text for a language tag: Chinese for `zh*`, a catalogue's for `ko`, `ru`,
    /// `es`, `ar`, English otherwise (and where a catalogue lacks it).
    pub fn get(&self, lang: &str) -> &str {
        if lang.starts_with("zh") {
            &self.zh
        } else {
            self.translated
                .get(lang)
                .map(String::as_str)
                .unwrap_or(&self.en)
        }
    }
}

pub mod translations;

/// One measure.
///
/// `group`, `kinds`, `audience` and `status` are kept as the strings written in the
/// file so that [`Catalog::validate`] can report every unknown value at once rather
/// than stopping at the first; the typed views are [`MeasureEntry::group`],
/// [`MeasureEntry::kinds`], [`MeasureEntry::audience`] and [`MeasureEntry::status`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureEntry {
    /// Group-prefixed id, as in `design/measures.md` (`enterprise.tech-transfer-tax`).
    pub id: String,
    /// `talent`, `enterprise`, `project` or `gov`.
    pub group: String,
    /// `compute`, `serve`, `list`.
    pub kinds: Vec<String>,
    /// `enterprise`, `researcher`, `foreign-professional`, `officer`, `analyst`, `public`.
    pub audience: Vec<String>,
    /// `"<seed file>"` or `"<seed file> §N"`, `"§N(M)"`, `"part N"`.
    pub sources: Vec<String>,
    pub title: Localized,
    pub summary: Localized,
    /// A verbatim excerpt of the `quote_source` seed file.
    pub quote: String,
    /// One of `sources`.
    pub quote_source: String,
    /// Organisations responsible for carrying the measure out.
    pub responsible: Vec<String>,
    /// `YYYY-MM`, `ongoing`, or empty where the source gives no time of completion.
    pub completion: String,
    /// `in-force`, `pilot`, `planned`, `ongoing`.
    pub status: String,
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The spelling used in `measures.toml`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text),+
                }
            }
        }

        impl FromStr for $name {
            type Err = UnknownValue;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(UnknownValue {
                        what: stringify!($name),
                        value: s.to_string(),
                        expected: &[$($text),+],
                    }),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

string_enum!(
    /// What the product can do with a measure.
    Kind {
        Compute => "compute",
        Serve => "serve",
        List => "list",
    }
);

string_enum!(
    /// Who the measure is for, grouped as in `design/measures.md`.
    Group {
        Talent => "talent",
        Enterprise => "enterprise",
        Project => "project",
        Gov => "gov",
    }
);

string_enum!(
    /// Who uses the measure.
    Audience {
        Enterprise => "enterprise",
        Researcher => "researcher",
        ForeignProfessional => "foreign-professional",
        Officer => "officer",
        Analyst => "analyst",
        Public => "public",
    }
);

string_enum!(
    /// Implementation status as the sources state it.
    Status {
        InForce => "in-force",
        Pilot => "pilot",
        Planned => "planned",
        Ongoing => "ongoing",
    }
);

/// A string that is not one of an enumeration's values.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} (expected one of: {})", expected.join(", "))]
pub struct UnknownValue {
    pub what: &'static str,
    pub value: String,
    pub expected: &'static [&'static str],
}

impl MeasureEntry {
    /// The group, if it is a known one.
    pub fn group(&self) -> Option<Group> {
        self.group.parse().ok()
    }

    /// The known kinds, in file order (unknown strings are skipped; `validate` reports them).
    pub fn kinds(&self) -> Vec<Kind> {
        self.kinds.iter().filter_map(|k| k.parse().ok()).collect()
    }

    /// Whether the measure has this kind.
    pub fn has_kind(&self, kind: Kind) -> bool {
        self.kinds.iter().any(|k| k == kind.as_str())
    }

    /// The known audiences, in file order.
    pub fn audience(&self) -> Vec<Audience> {
        self.audience
            .iter()
            .filter_map(|a| a.parse().ok())
            .collect()
    }

    /// The status, if it is a known one.
    pub fn status(&self) -> Option<Status> {
        self.status.parse().ok()
    }
}

/// A catalogue text that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogError {
    /// TOML syntax error or a value of the wrong shape, at a 1-based line and column.
    #[error("line {line}, column {column}: {message}")]
    Toml {
        line: usize,
        column: usize,
        message: String,
    },
    /// An error the TOML reader could not place in the text.
    #[error("{message}")]
    Other { message: String },
}

impl CatalogError {
    /// The 1-based line of the error, when known.
    pub fn line(&self) -> Option<usize> {
        match self {
            CatalogError::Toml { line, .. } => Some(*line),
            CatalogError::Other { .. } => None,
        }
    }
}

/// 1-based line and column (in characters) of a byte offset in `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Read a catalogue from TOML text.
pub fn parse(text: &str) -> Result<Catalog, CatalogError> {
    toml::from_str::<Catalog>(text).map_err(|e| {
        let message = e.message().trim().to_string();
        match e.span() {
            Some(span) => {
                let (line, column) = line_column(text, span.start);
                CatalogError::Toml {
                    line,
                    column,
                    message,
                }
            }
            None => CatalogError::Other { message },
        }
    })
}

/// Fills every measure's title and summary from the catalogues; a catalogue that
/// does not parse is skipped (the crate's test fails on it first).
pub fn apply_translations(catalog: &mut Catalog, catalogues: &[(&str, &str)]) {
    for (lang, text) in catalogues {
        let Ok(messages) = translations::parse(text) else {
            continue;
        };
        for m in &mut catalog.measures {
            let k = translations::key(&m.id);
            if let Some(t) = messages.get(&k).filter(|t| !t.is_empty()) {
                m.title.translated.insert(lang.to_string(), t.clone());
            }
            if let Some(t) = messages
                .get(&format!("{k}-summary"))
                .filter(|t| !t.is_empty())
            {
                m.summary.translated.insert(lang.to_string(), t.clone());
            }
        }
    }
}

/// Every (language, key) the catalogues should have and lack, and every key they have
/// that names no measure.
pub fn missing_translations(catalog: &Catalog, catalogues: &[(&str, &str)]) -> Vec<String> {
    let mut out = Vec::new();
    for (lang, text) in catalogues {
        let messages = match translations::parse(text) {
            Ok(m) => m,
            Err(e) => {
                out.push(format!("catalog/locales/{lang}.ftl: {e}"));
                continue;
            }
        };
        let mut wanted = Vec::new();
        for m in &catalog.measures {
            wanted.push(translations::key(&m.id));
            wanted.push(format!("{}-summary", translations::key(&m.id)));
        }
        for k in &wanted {
            if messages.get(k).is_none_or(|t| t.is_empty()) {
                out.push(format!("catalog/locales/{lang}.ftl lacks `{k}`"));
            }
        }
        for k in messages.keys() {
            if !wanted.contains(k) {
                out.push(format!(
                    "catalog/locales/{lang}.ftl: `{k}` names no measure"
                ));
            }
        }
    }
    out
}

/// The catalogue shipped with this crate (`catalog/measures.toml`), parsed once.
///
/// # Panics
///
/// Only if the shipped file does not parse; the crate's tests check that it does.
pub fn embedded() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        let mut catalog = parse(EMBEDDED_TOML).expect(
            "the shipped catalog/measures.toml does not parse; run `cargo test -p onestop-catalog`",
        );
        apply_translations(&mut catalog, translations::EMBEDDED);
        catalog
    })
}

/// A seed file name and the section it cites, split from a `sources` entry.
fn split_source(source: &str) -> (&str, Option<&str>) {
    match source.split_once(' ') {
        Some((file, section)) => (file, Some(section)),
        None => (source, None),
    }
}

/// `§N`, `§N(M)`, `part N` (N, M decimal numbers).
fn valid_section(section: &str) -> bool {
    fn digits(s: &str) -> bool {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    }
    if let Some(n) = section.strip_prefix("part ") {
        return digits(n);
    }
    let Some(rest) = section.strip_prefix('§') else {
        return false;
    };
    match rest.split_once('(') {
        None => digits(rest),
        Some((n, sub)) => digits(n) && sub.strip_suffix(')').is_some_and(digits),
    }
}

/// A plain file name: no directory part, nothing that could leave `seeds_dir`.
fn plain_file_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// `YYYY-MM` with a month from 01 to 12.
fn valid_year_month(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 7
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..].iter().all(u8::is_ascii_digit)
        && matches!(s[5..].parse::<u8>(), Ok(1..=12))
}

impl Catalog {
    /// The measure with this id.
    pub fn get(&self, id: &str) -> Option<&MeasureEntry> {
        self.measures.iter().find(|m| m.id == id)
    }

    /// The ids, in file order.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.measures.iter().map(|m| m.id.as_str())
    }

    /// The measures of one group, in file order.
    pub fn in_group(&self, group: Group) -> impl Iterator<Item = &MeasureEntry> {
        self.measures
            .iter()
            .filter(move |m| m.group == group.as_str())
    }

    /// Every problem of the catalogue, checked against the seed texts in `seeds_dir`.
    /// An empty list means the catalogue is sound. Each problem starts with the id of
    /// the measure concerned.
    pub fn validate(&self, seeds_dir: &Path) -> Vec<String> {
        let mut problems = Vec::new();
        // Seed file name -> its text, or None if it cannot be read.
        let mut seeds: BTreeMap<String, Option<String>> = BTreeMap::new();
        let mut seen = HashSet::new();

        for (index, m) in self.measures.iter().enumerate() {
            let who = if m.id.trim().is_empty() {
                format!("measure #{}", index + 1)
            } else {
                m.id.clone()
            };
            let mut report = |p: String| problems.push(format!("{who}: {p}"));

            // id and group
            if m.id.trim().is_empty() {
                report("empty id".into());
            } else if !seen.insert(m.id.as_str()) {
                report("duplicate id".into());
            }
            match m.group.parse::<Group>() {
                Ok(g) => {
                    if !m.id.starts_with(&format!("{}.", g.as_str())) {
                        report(format!("id does not start with its group \"{g}.\""));
                    }
                }
                Err(e) => report(e.to_string()),
            }

            // kinds, audience, status
            if m.kinds.is_empty() {
                report("no kinds".into());
            }
            for k in &m.kinds {
                if let Err(e) = k.parse::<Kind>() {
                    report(e.to_string());
                }
            }
            if m.audience.is_empty() {
                report("no audience".into());
            }
            for a in &m.audience {
                if let Err(e) = a.parse::<Audience>() {
                    report(e.to_string());
                }
            }
            if let Err(e) = m.status.parse::<Status>() {
                report(e.to_string());
            }
            if !(m.completion.is_empty()
                || m.completion == "ongoing"
                || valid_year_month(&m.completion))
            {
                report(format!(
                    "completion {:?} is not YYYY-MM, \"ongoing\" or empty",
                    m.completion
                ));
            }

            // texts
            for (field, text) in [
                ("title.zh", &m.title.zh),
                ("title.en", &m.title.en),
                ("summary.zh", &m.summary.zh),
                ("summary.en", &m.summary.en),
                ("quote", &m.quote),
            ] {
                if text.trim().is_empty() {
                    report(format!("empty {field}"));
                }
            }
            if m.responsible.is_empty() {
                report("empty responsible".into());
            }
            if m.responsible.iter().any(|r| r.trim().is_empty()) {
                report("empty name in responsible".into());
            }

            // sources
            if m.sources.is_empty() {
                report("no sources".into());
            }
            let mut seen_sources = HashSet::new();
            for source in &m.sources {
                if !seen_sources.insert(source.as_str()) {
                    report(format!("source {source:?} listed twice"));
                }
                let (file, section) = split_source(source);
                if let Some(section) = section
                    && !valid_section(section)
                {
                    report(format!(
                        "source {source:?}: section {section:?} is not §N, §N(M) or part N"
                    ));
                }
                if load_seed(&mut seeds, seeds_dir, file).is_none() {
                    report(format!("source {source:?}: unknown seed file {file:?}"));
                }
            }

            // quote
            if !m.sources.contains(&m.quote_source) {
                report(format!(
                    "quote_source {:?} is not among sources",
                    m.quote_source
                ));
            }
            let (file, _) = split_source(&m.quote_source);
            match load_seed(&mut seeds, seeds_dir, file) {
                None => {
                    report(format!(
                        "quote_source {:?}: unknown seed file {file:?}",
                        m.quote_source
                    ));
                }
                Some(text) => {
                    if !m.quote.trim().is_empty() && !text.contains(m.quote.as_str()) {
                        report(format!("quote not found verbatim in {file}"));
                    }
                }
            }
        }
        problems
    }
}

/// The text of a seed file, read once; `None` if the name is not a plain file name
/// or the file cannot be read.
fn load_seed<'a>(
    seeds: &'a mut BTreeMap<String, Option<String>>,
    seeds_dir: &Path,
    file: &str,
) -> Option<&'a str> {
    seeds
        .entry(file.to_string())
        .or_insert_with(|| {
            if plain_file_name(file) && file.ends_with(".txt") {
                std::fs::read_to_string(seeds_dir.join(file)).ok()
            } else {
                None
            }
        })
        .as_deref()
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn sections() {
        for ok in ["§1", "§20", "§1(1)", "§15(2)", "part 4"] {
            assert!(valid_section(ok), "{ok}");
        }
        for bad in [
            "", "§", "§x", "§1(", "§1()", "part", "part x", "1", "§12-13",
        ] {
            assert!(!valid_section(bad), "{bad}");
        }
    }

    #[test]
    fn year_months() {
        assert!(valid_year_month("2019-12"));
        assert!(valid_year_month("2020-01"));
        for bad in [
            "2019-13",
            "2019-00",
            "2019-1",
            "19-12",
            "2019/12",
            "2019-12-01",
        ] {
            assert!(!valid_year_month(bad), "{bad}");
        }
    }

    #[test]
    fn line_and_column_count_characters() {
        let text = "a = 1\n中文 = x\n";
        let offset = text.find('x').unwrap();
        assert_eq!(line_column(text, offset), (2, 6));
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 10_000).0, 3);
    }

    #[test]
    fn file_names() {
        assert!(plain_file_name("003_021bab1a94e0afa8.txt"));
        for bad in ["", "../x.txt", "a/b.txt", ".hidden", "a b.txt"] {
            assert!(!plain_file_name(bad), "{bad}");
        }
    }

    #[test]
    fn enums_round_trip() {
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(*k));
        }
        for a in Audience::ALL {
            assert_eq!(a.as_str().parse::<Audience>(), Ok(*a));
        }
        let err = "calculate".parse::<Kind>().unwrap_err();
        assert!(err.to_string().contains("compute, serve, list"), "{err}");
    }
}

#[cfg(test)]
mod translation_tests {
    use super::*;
    use crate::translations::EMBEDDED;

    #[test]
    fn every_title_and_summary_is_translated() {
        let catalog = crate::embedded();
        let missing = missing_translations(catalog, EMBEDDED);
        assert!(missing.is_empty(), "{missing:#?}");
        let m = catalog
            .get("enterprise.tech-transfer-tax")
            .expect("measure");
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
            missing_translations(catalog, &refs),
            vec!["catalog/locales/ru.ftl lacks `measure-talent-one-window-summary`".to_string()]
        );
        let mut fresh = crate::parse(crate::EMBEDDED_TOML).expect("parses");
        apply_translations(&mut fresh, &refs);
        let m = fresh.get("talent.one-window").expect("measure");
        assert_eq!(m.summary.get("ru"), m.summary.en);
        assert_ne!(m.title.get("ru"), m.title.en);
    }

    #[test]
    fn a_placeable_or_broken_line_is_refused() {
        assert!(crate::translations::parse("measure-x = { $a }\n").is_err());
        let e = crate::translations::parse("measure-x = a\n= b\n").expect_err("no key");
        assert!(e.contains("line 2"), "{e}");
    }
}
