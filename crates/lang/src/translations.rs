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
//! | the reason of an `uncertain` or `placeholder` mark on a parameter, definition or measure | `<key of its title>-doubt` |
//! | the reason of a mark on a citation (N counts from 1) | a parameter's dated value `<name>-value-N-doubt`, a definition's or measure's citation `<key of its title>-source-N-doubt`, an exception's `<name>-exception-<label>-doubt` |
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
        match entries.entry(key) {
            std::collections::btree_map::Entry::Occupied(e) => diags.push(
                Diagnostic::warning(
                    "W-TRANSLATION-KEY",
                    span,
                    format!("`{}` is translated twice in the {lang} catalogue", e.key()),
                )
                .hint("the first one is used; delete the other"),
            ),
            std::collections::btree_map::Entry::Vacant(e) => {
                e.insert((value, span));
            }
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
    /// The reason of a doubt mark: on the parameter, on its N-th dated value's citation.
    ParamDoubt(usize),
    ParamValueDoubt(usize, usize),
    DefDoubt(usize),
    DefCiteDoubt(usize, usize),
    ExceptionCiteDoubt(usize, usize),
    MeasureDoubt(usize),
    MeasureCiteDoubt(usize, usize),
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
        Slot::ParamDoubt(i) => &mut p.params.get_mut(i)?.doubt.as_mut()?.reason,
        Slot::ParamValueDoubt(i, v) => {
            let param = p.params.get_mut(i)?;
            &mut param.values.get_mut(v)?.cite.doubt.as_mut()?.reason
        }
        Slot::DefDoubt(i) => &mut p.defs.get_mut(i)?.doubt.as_mut()?.reason,
        Slot::DefCiteDoubt(i, c) => &mut p.defs.get_mut(i)?.cites.get_mut(c)?.doubt.as_mut()?.reason,
        Slot::ExceptionCiteDoubt(i, e) => {
            let def = p.defs.get_mut(i)?;
            let cite = def.exceptions.get_mut(e)?.cite.as_mut()?;
            &mut cite.doubt.as_mut()?.reason
        }
        Slot::MeasureDoubt(i) => &mut p.measures.get_mut(i)?.doubt.as_mut()?.reason,
        Slot::MeasureCiteDoubt(i, c) => {
            &mut p.measures.get_mut(i)?.cites.get_mut(c)?.doubt.as_mut()?.reason
        }
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
        if let Some(m) = &d.doubt {
            let what = format!("the reason of the mark on parameter `{}`", d.name);
            let key = format!("{}-doubt", d.name);
            want(key, what, m.span, Slot::ParamDoubt(i), &m.reason);
        }
        for (v, value) in d.values.iter().enumerate() {
            if let Some(m) = &value.cite.doubt {
                let what = format!(
                    "the reason of the mark on the citation of parameter `{}`'s value {}",
                    d.name,
                    v + 1
                );
                let key = format!("{}-value-{}-doubt", d.name, v + 1);
                want(key, what, m.span, Slot::ParamValueDoubt(i, v), &m.reason);
            }
        }
    }
    for (i, d) in p.defs.iter().enumerate() {
        let what = format!("the title of definition `{}`", d.name);
        want(d.name.clone(), what, d.span, Slot::DefTitle(i), &d.title);
        let what = format!("the summary of definition `{}`", d.name);
        let key = format!("{}-summary", d.name);
        want(key, what, d.span, Slot::DefSummary(i), &d.summary);
        if let Some(m) = &d.doubt {
            let what = format!("the reason of the mark on definition `{}`", d.name);
            let key = format!("{}-doubt", d.name);
            want(key, what, m.span, Slot::DefDoubt(i), &m.reason);
        }
        for (c, cite) in d.cites.iter().enumerate() {
            if let Some(m) = &cite.doubt {
                let what = format!(
                    "the reason of the mark on citation {} of definition `{}`",
                    c + 1,
                    d.name
                );
                let key = format!("{}-source-{}-doubt", d.name, c + 1);
                want(key, what, m.span, Slot::DefCiteDoubt(i, c), &m.reason);
            }
        }
        for (e, ex) in d.exceptions.iter().enumerate() {
            if let Some(m) = ex.cite.as_ref().and_then(|c| c.doubt.as_ref()) {
                let what = format!(
                    "the reason of the mark on the citation of exception `{}` of `{}`",
                    ex.label, d.name
                );
                let key = format!("{}-exception-{}-doubt", d.name, ex.label);
                want(key, what, m.span, Slot::ExceptionCiteDoubt(i, e), &m.reason);
            }
        }
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
        if let Some(d) = &m.doubt {
            let what = format!("the reason of the mark on measure `{}`", m.id);
            let key = format!("{}-doubt", measure_key(&m.id));
            want(key, what, d.span, Slot::MeasureDoubt(i), &d.reason);
        }
        for (c, cite) in m.cites.iter().enumerate() {
            if let Some(d) = &cite.doubt {
                let what = format!(
                    "the reason of the mark on citation {} of measure `{}`",
                    c + 1,
                    m.id
                );
                let key = format!("{}-source-{}-doubt", measure_key(&m.id), c + 1);
                want(key, what, d.span, Slot::MeasureCiteDoubt(i, c), &d.reason);
            }
        }
    }
    for r in reforms {
        let what = format!("the title of reform `{}`", r.id);
        want(
            format!("reform-{}", r.id),
            what,
            r.span,
            Slot::Elsewhere,
            &r.title,
        );
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
