//! Translation catalogues beside the rules: `rules/locales/<lang>.ftl` carries the
//! rules' texts in the languages the rule files do not write inline (Korean, Russian,
//! Spanish, Arabic). English and Chinese stay inline, where the policy officer reads
//! them next to the rule; the other four would drown the rule in text.
//!
//! A catalogue is a Fluent file of plain messages keyed by the rule's name
//! (docs/rule-language.md, "Translations"):
//!
//! | text | key |
//! |---|---|
//! | title of an input, parameter or definition | `<name>` |
//! | its question, summary | `<name>-question`, `<name>-summary` |
//! | an enumeration's title, a value's | `enum-<enum>`, `<enum>-<value>` |
//! | an entity's title | `entity-<name>` |
//! | a measure's title, summary | `measure-<id>`, `measure-<id>-summary` (dots as `-`) |
//! | a reform's title, summary | `reform-<id>`, `reform-<id>-summary` |
//!
//! [`apply`] fills the program's texts from the catalogues and reports every text a
//! catalogue lacks (`W-TRANSLATION`), every key that translates nothing
//! (`W-TRANSLATION-KEY`) and every key two texts would share (`E-TRANSLATION-KEY`).

use crate::ast::Texts;
use crate::diag::{Diagnostic, did_you_mean};
use crate::program::Program;
use crate::source::{FileId, Sources, Span};
use std::collections::{BTreeMap, HashMap};

/// The languages kept in catalogues rather than inline, in the order reports list them.
pub const CATALOGUE_LANGS: &[&str] = &["ko", "ru", "es", "ar"];

/// One language's catalogue: key -> (text, the span of its line).
#[derive(Debug, Clone)]
pub struct Catalogue {
    pub lang: String,
    pub file: FileId,
    pub entries: BTreeMap<String, (String, Span)>,
}

/// Reads one catalogue's text. Syntax errors, placeables (`{ $x }`: a rule's text is
/// plain) and repeated keys are reported; the good entries are kept.
pub fn parse_catalogue(
    lang: &str,
    file: FileId,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Catalogue {
    use fluent_syntax::ast::{Entry, PatternElement};
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((r, errors)) => {
            for e in errors {
                diags.push(
                    Diagnostic::error(
                        "E-TRANSLATION-SYNTAX",
                        Span::new(file, e.pos.start.min(text.len()), e.pos.end.min(text.len())),
                        format!("this translation catalogue is not valid Fluent: {e}"),
                    )
                    .hint("one message a line: `key = text`; continuation lines are indented"),
                );
            }
            r
        }
    };
    let lines = line_spans(file, text);
    let mut entries = BTreeMap::new();
    for entry in resource.body {
        let Entry::Message(m) = entry else { continue };
        let key = m.id.name.to_string();
        let span = lines
            .get(key.as_str())
            .copied()
            .unwrap_or(Span::new(file, 0, 0));
        let Some(pattern) = m.value else {
            diags.push(Diagnostic::warning(
                "W-TRANSLATION",
                span,
                format!("`{key}` has no text"),
            ));
            continue;
        };
        let mut value = String::new();
        let mut plain = true;
        for el in pattern.elements {
            match el {
                PatternElement::TextElement { value: v } => value.push_str(v),
                PatternElement::Placeable { .. } => plain = false,
            }
        }
        if !plain {
            diags.push(
                Diagnostic::error(
                    "E-TRANSLATION-SYNTAX",
                    span,
                    format!("`{key}`: a rule's text is plain text, without `{{ ... }}`"),
                )
                .hint("write the braces as text or leave them out"),
            );
            continue;
        }
        let value = value.trim().to_string();
        if entries.contains_key(&key) {
            diags.push(
                Diagnostic::warning(
                    "W-TRANSLATION-KEY",
                    span,
                    format!("`{key}` is translated twice in the {lang} catalogue"),
                )
                .hint("the first one is used; delete the other"),
            );
        } else {
            entries.insert(key, (value, span));
        }
    }
    Catalogue {
        lang: lang.to_string(),
        file,
        entries,
    }
}

/// The span of the line each message starts on (Fluent's syntax tree has no positions).
fn line_spans(file: FileId, text: &str) -> HashMap<&str, Span> {
    let mut out = HashMap::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        if let Some((key, _)) = trimmed.split_once('=') {
            let key = key.trim();
            if !line.starts_with([' ', '\t', '#'])
                && !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                out.entry(key)
                    .or_insert(Span::new(file, offset, offset + trimmed.len()));
            }
        }
        offset += line.len();
    }
    out
}

/// The catalogue language of a file name (`locales/ko.ftl` -> `ko`), if it is one.
pub fn catalogue_lang(path: &str) -> Option<&'static str> {
    let stem = path.strip_suffix(".ftl")?;
    let stem = stem.rsplit(['/', '\\']).next()?;
    CATALOGUE_LANGS.iter().copied().find(|l| *l == stem)
}

/// The Fluent key of a measure or reform id (`enterprise.tech-transfer-tax` ->
/// `measure-enterprise-tech-transfer-tax`): Fluent identifiers cannot hold dots.
pub fn measure_key(id: &str) -> String {
    format!("measure-{}", id.replace('.', "-"))
}

/// One text of the program a catalogue is expected to translate.
struct Wanted {
    key: String,
    /// What it is, for messages: "the title of input `x`".
    what: String,
    span: Span,
    /// Where it lives in the program.
    slot: Slot,
    /// Which languages the rule file already writes inline.
    inline: Vec<String>,
}

#[derive(Clone, Copy)]
enum Slot {
    Entity(usize),
    EnumTitle(usize),
    EnumValue(usize, usize),
    InputTitle(usize),
    InputQuestion(usize),
    Param(usize),
    DefTitle(usize),
    DefSummary(usize),
    MeasureTitle(usize),
    MeasureSummary(usize),
    ReformTitle,
    ReformSummary,
    /// A text checked but not filled here (a shipped reform's header, read by the
    /// reformed program when it is checked).
    Elsewhere,
}

fn texts_mut(p: &mut Program, slot: Slot) -> Option<&mut Texts> {
    Some(match slot {
        Slot::Entity(i) => &mut p.entities.get_mut(i)?.title,
        Slot::EnumTitle(i) => &mut p.enums.get_mut(i)?.title,
        Slot::EnumValue(i, v) => &mut p.enums.get_mut(i)?.values.get_mut(v)?.1,
        Slot::InputTitle(i) => &mut p.inputs.get_mut(i)?.title,
        Slot::InputQuestion(i) => &mut p.inputs.get_mut(i)?.question,
        Slot::Param(i) => &mut p.params.get_mut(i)?.title,
        Slot::DefTitle(i) => &mut p.defs.get_mut(i)?.title,
        Slot::DefSummary(i) => &mut p.defs.get_mut(i)?.summary,
        Slot::MeasureTitle(i) => &mut p.measures.get_mut(i)?.title,
        Slot::MeasureSummary(i) => &mut p.measures.get_mut(i)?.summary,
        Slot::ReformTitle => &mut p.reform.as_mut()?.title,
        Slot::ReformSummary => &mut p.reform.as_mut()?.summary,
        Slot::Elsewhere => return None,
    })
}

fn langs(t: &Texts) -> Vec<String> {
    t.entries.iter().map(|(l, _)| l.clone()).collect()
}

/// Every text of the program, with its key. A text written in no language (an
/// optional question or summary left out) is not wanted in any.
fn wanted(p: &Program, reforms: &[ReformHeader]) -> Vec<Wanted> {
    let mut out = Vec::new();
    let mut want = |key: String, what: String, span: Span, slot: Slot, t: &Texts| {
        if !t.entries.is_empty() {
            out.push(Wanted {
                key,
                what,
                span,
                slot,
                inline: langs(t),
            });
        }
    };
    for (i, e) in p.entities.iter().enumerate() {
        let what = format!("the title of entity `{}`", e.name);
        want(
            format!("entity-{}", e.name),
            what,
            e.span,
            Slot::Entity(i),
            &e.title,
        );
    }
    for (i, e) in p.enums.iter().enumerate() {
        let what = format!("the title of enumeration `{}`", e.name);
        want(
            format!("enum-{}", e.name),
            what,
            e.span,
            Slot::EnumTitle(i),
            &e.title,
        );
        for (v, (name, t)) in e.values.iter().enumerate() {
            let what = format!("value `{name}` of enumeration `{}`", e.name);
            want(
                format!("{}-{name}", e.name),
                what,
                e.span,
                Slot::EnumValue(i, v),
                t,
            );
        }
    }
    for (i, d) in p.inputs.iter().enumerate() {
        let what = format!("the title of input `{}`", d.name);
        want(d.name.clone(), what, d.span, Slot::InputTitle(i), &d.title);
        let what = format!("the question of input `{}`", d.name);
        let key = format!("{}-question", d.name);
        want(key, what, d.span, Slot::InputQuestion(i), &d.question);
    }
    for (i, d) in p.params.iter().enumerate() {
        let what = format!("the title of parameter `{}`", d.name);
        want(d.name.clone(), what, d.span, Slot::Param(i), &d.title);
    }
    for (i, d) in p.defs.iter().enumerate() {
        let what = format!("the title of definition `{}`", d.name);
        want(d.name.clone(), what, d.span, Slot::DefTitle(i), &d.title);
        let what = format!("the summary of definition `{}`", d.name);
        let key = format!("{}-summary", d.name);
        want(key, what, d.span, Slot::DefSummary(i), &d.summary);
    }
    for (i, m) in p.measures.iter().enumerate() {
        let what = format!("the title of measure `{}`", m.id);
        want(
            measure_key(&m.id),
            what,
            m.span,
            Slot::MeasureTitle(i),
            &m.title,
        );
        let what = format!("the summary of measure `{}`", m.id);
        let key = format!("{}-summary", measure_key(&m.id));
        want(key, what, m.span, Slot::MeasureSummary(i), &m.summary);
    }
    for r in reforms {
        let what = format!("the title of reform `{}`", r.id);
        want(format!("reform-{}", r.id), what, r.span, Slot::Elsewhere, &r.title);
        let what = format!("the summary of reform `{}`", r.id);
        let key = format!("reform-{}-summary", r.id);
        want(key, what, r.span, Slot::Elsewhere, &r.summary);
    }
    if let Some(r) = &p.reform {
        let span = Span::new(FileId(0), 0, 0);
        let what = format!("the title of reform `{}`", r.id);
        let key = format!("reform-{}", r.id);
        want(key, what, span, Slot::ReformTitle, &r.title);
        let what = format!("the summary of reform `{}`", r.id);
        let key = format!("reform-{}-summary", r.id);
        want(key, what, span, Slot::ReformSummary, &r.summary);
    }
    out
}

/// A shipped reform's header, whose texts the baseline's check asks the catalogues for.
#[derive(Debug, Clone)]
pub struct ReformHeader {
    pub id: String,
    pub title: Texts,
    pub summary: Texts,
    pub span: Span,
}

/// What applying the catalogues found.
#[derive(Debug, Default)]
pub struct Report {
    pub diags: Vec<Diagnostic>,
}

/// Fills the program's texts from the catalogues (a text written inline wins) and
/// reports what is missing, unknown or ambiguous. `report_missing` is false when the
/// caller only wants the texts (a reformed program: its baseline is checked already).
pub fn apply(
    program: &mut Program,
    catalogues: &[Catalogue],
    reforms: &[ReformHeader],
    sources: &Sources,
    report_missing: bool,
) -> Report {
    let mut report = Report::default();
    let wanted = wanted(program, reforms);
    let mut by_key: HashMap<&str, &Wanted> = HashMap::new();
    for w in &wanted {
        if let Some(first) = by_key.insert(w.key.as_str(), w) {
            report.diags.push(
                Diagnostic::error(
                    "E-TRANSLATION-KEY",
                    w.span,
                    format!(
                        "{} and {} would share the translation key `{}`",
                        w.what, first.what, w.key
                    ),
                )
                .note(first.span, "the other one")
                .hint("rename one of them"),
            );
        }
    }
    for lang in CATALOGUE_LANGS {
        let catalogue = catalogues.iter().find(|c| c.lang == *lang);
        for w in &wanted {
            if w.inline.iter().any(|l| l == lang) {
                continue;
            }
            match catalogue.and_then(|c| c.entries.get(&w.key)) {
                Some((text, _)) if !text.is_empty() => {
                    if let Some(t) = texts_mut(program, w.slot) {
                        t.entries.push((lang.to_string(), text.clone()));
                    }
                }
                _ if report_missing => {
                    let file = catalogue
                        .map(|c| sources.file(c.file).name.clone())
                        .unwrap_or_else(|| format!("rules/locales/{lang}.ftl"));
                    report.diags.push(
                        Diagnostic::warning(
                            "W-TRANSLATION",
                            w.span,
                            format!("no {} translation of {}", lang_name(lang), w.what),
                        )
                        .hint(format!("add `{} = ...` to {file}", w.key)),
                    );
                }
                _ => {}
            }
        }
        if !report_missing {
            continue;
        }
        for (key, (_, span)) in catalogue.map(|c| &c.entries).into_iter().flatten() {
            if !by_key.contains_key(key.as_str()) {
                let hint = did_you_mean(key, by_key.keys().copied())
                    .map(|s| format!("did you mean `{s}`?"))
                    .unwrap_or_else(|| {
                        "the rule was renamed or removed: rename or delete this line".into()
                    });
                report.diags.push(
                    Diagnostic::warning(
                        "W-TRANSLATION-KEY",
                        *span,
                        format!("`{key}` translates nothing in the rules"),
                    )
                    .hint(hint),
                );
            }
        }
    }
    report
}

fn lang_name(lang: &str) -> &'static str {
    match lang {
        "ko" => "Korean",
        "ru" => "Russian",
        "es" => "Spanish",
        "ar" => "Arabic",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::RuleSet;

    const RULES: &str = r#"
entity enterprise
  title en "Enterprise" zh "企业"

enum park
  title en "Park" zh "园区"
  value haidian en "Haidian" zh "海淀"

scope enterprise

input park_of : park
  title en "Park" zh "园区"
  question en "Which park?" zh "哪个园区？"

definition in_haidian : bool
  title en "In Haidian" zh "在海淀"
  cite "Caishui [2020] No. 61 art. 1" from 2020-01-01
  = park_of = haidian

measure enterprise.demo
  title en "Demo" zh "示例"
  cite "Caishui [2020] No. 61 art. 1" from 2020-01-01
  eligible when in_haidian
  outputs in_haidian
"#;

    const KO: &str = "entity-enterprise = 기업\nenum-park = 단지\npark-haidian = 하이뎬\npark_of = 단지\npark_of-question = 어느 단지입니까?\nin_haidian = 하이뎬 소재\nmeasure-enterprise-demo = 예시\n";

    fn set_with(catalogues: &[(&str, &str)]) -> RuleSet {
        let mut set = RuleSet::new();
        set.add_text("rules/demo.policy", RULES);
        for (name, text) in catalogues {
            set.add_text(name, text);
        }
        set
    }

    fn all_langs(ko: &str) -> Vec<(String, String)> {
        CATALOGUE_LANGS
            .iter()
            .map(|l| (format!("rules/locales/{l}.ftl"), ko.to_string()))
            .collect()
    }

    #[test]
    fn a_complete_catalogue_fills_every_text_and_warns_of_nothing() {
        let cats = all_langs(KO);
        let refs: Vec<(&str, &str)> = cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let set = set_with(&refs);
        let (p, diags) = set.check(None);
        let p = p.expect("checks");
        assert!(diags.is_empty(), "{diags:?}");
        let input = &p.inputs[0];
        assert_eq!(input.title.get("ko"), Some("단지"));
        assert_eq!(input.question.get("ar"), Some("어느 단지입니까?"));
        assert_eq!(p.enums[0].values[0].1.get("ru"), Some("하이뎬"));
        assert_eq!(p.measures[0].title.best("es"), "예시");
        // Inline languages are untouched.
        assert_eq!(p.measures[0].title.get("zh"), Some("示例"));
    }

    #[test]
    fn removing_one_translation_is_a_warning_naming_the_key_and_file() {
        let mut cats = all_langs(KO);
        cats[1].1 = KO.replace("park_of-question = 어느 단지입니까?\n", "");
        let refs: Vec<(&str, &str)> = cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let set = set_with(&refs);
        let (p, diags) = set.check(None);
        assert!(p.is_some());
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(d.code, "W-TRANSLATION");
        assert!(!d.is_error());
        assert!(
            d.message.contains("Russian") && d.message.contains("park_of"),
            "{}",
            d.message
        );
        let hint = d.hint.clone().unwrap_or_default();
        assert!(
            hint.contains("park_of-question") && hint.contains("ru.ftl"),
            "{hint}"
        );
        // The English question stands in meanwhile.
        assert_eq!(p.expect("p").inputs[0].question.best("ru"), "Which park?");
    }

    #[test]
    fn a_missing_catalogue_reports_every_text() {
        let set = set_with(&[]);
        let (_, diags) = set.check(None);
        // 7 texts in 4 languages.
        assert_eq!(diags.len(), 28, "{diags:?}");
        assert!(diags.iter().all(|d| d.code == "W-TRANSLATION"));
    }

    #[test]
    fn a_stale_key_and_a_repeated_key_are_warnings() {
        let ko = format!("{KO}in_haidan = 오타\nenum-park = 중복\n");
        let mut cats = all_langs(KO);
        cats[0].1 = ko;
        let refs: Vec<(&str, &str)> = cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let set = set_with(&refs);
        let (_, diags) = set.check(None);
        let stale = diags
            .iter()
            .find(|d| d.code == "W-TRANSLATION-KEY" && d.message.contains("nothing"))
            .expect("stale key reported");
        assert!(stale.message.contains("in_haidan"));
        assert_eq!(stale.hint.as_deref(), Some("did you mean `in_haidian`?"));
        let rendered = stale.render(&set.sources);
        assert!(rendered.contains("rules/locales/ko.ftl:8"), "{rendered}");
        assert!(diags.iter().any(|d| d.code == "W-TRANSLATION-KEY"
            && d.message.contains("`enum-park` is translated twice")));
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
    }

    #[test]
    fn a_placeable_is_refused() {
        let mut cats = all_langs(KO);
        cats[2].1 = format!("{KO}bad = {{ $x }} 값\n");
        let refs: Vec<(&str, &str)> = cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let set = set_with(&refs);
        let (p, diags) = set.check(None);
        assert!(p.is_none());
        let e = diags.iter().find(|d| d.is_error()).expect("error");
        assert_eq!(e.code, "E-TRANSLATION-SYNTAX");
        assert!(e.message.contains("`bad`"), "{}", e.message);
        assert!(e.render(&set.sources).contains("rules/locales/es.ftl:8"));
    }

    #[test]
    fn a_broken_catalogue_is_an_error_with_a_line() {
        let mut cats = all_langs(KO);
        cats[3].1 = format!("{KO}= no key\n");
        let refs: Vec<(&str, &str)> = cats.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
        let set = set_with(&refs);
        let (p, diags) = set.check(None);
        assert!(p.is_none());
        let e = diags.iter().find(|d| d.is_error()).expect("error");
        assert_eq!(e.code, "E-TRANSLATION-SYNTAX");
        assert!(
            e.render(&set.sources).contains("rules/locales/ar.ftl:8"),
            "{}",
            e.render(&set.sources)
        );
    }

    #[test]
    fn file_names_and_keys() {
        assert_eq!(catalogue_lang("rules/locales/ko.ftl"), Some("ko"));
        assert_eq!(catalogue_lang("rules/locales/fr.ftl"), None);
        assert_eq!(catalogue_lang("rules/a.policy"), None);
        assert_eq!(
            measure_key("enterprise.tech-transfer-tax"),
            "measure-enterprise-tech-transfer-tax"
        );
    }
}
