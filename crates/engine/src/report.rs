//! An evaluation as JSON: per measure `{measure, status, outputs, missing}` and more.

use crate::eval::MeasureResult;
use crate::eval::{Evaluation, Val};
use crate::explain::output_name;
use crate::facts::value_to_json;
use chrono::NaiveDate;
use onestop_lang::Program;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};
use serde_json::Value as J;
use serde_json::value::{RawValue, to_raw_value};

pub fn val_to_json(program: &Program, v: &Val) -> J {
    match v {
        Val::Known(x) => value_to_json(program, x),
        _ => J::Null,
    }
}

pub fn evaluation_to_json(program: &Program, ev: &Evaluation) -> J {
    serde_json::to_value(EvaluationReport {
        program,
        ev,
        parts: None,
    })
    .unwrap_or(J::Null)
}

/// Each measure's title and sources as JSON text, written once per program: they are
/// the same in every answer and about half of an eligibility answer's bytes.
pub struct MeasureParts {
    titles: Vec<Box<RawValue>>,
    sources: Vec<Box<RawValue>>,
}

impl MeasureParts {
    pub fn new(program: &Program) -> MeasureParts {
        // Strings and dates always serialise; NULL only keeps this infallible.
        fn raw<T: Serialize>(value: T) -> Box<RawValue> {
            to_raw_value(&value).unwrap_or_else(|_| RawValue::NULL.to_owned())
        }
        MeasureParts {
            titles: program.measures.iter().map(|m| raw(title(m))).collect(),
            sources: program.measures.iter().map(|m| raw(sources(m))).collect(),
        }
    }
}

fn title(m: &onestop_lang::MeasureDecl) -> Title<'_> {
    texts(&m.title)
}

/// A text in the six languages.
fn texts(t: &onestop_lang::ast::Texts) -> Title<'_> {
    Title {
        en: t.best("en"),
        zh: t.best("zh"),
        ko: t.best("ko"),
        ru: t.best("ru"),
        es: t.best("es"),
        ar: t.best("ar"),
    }
}

fn sources(m: &onestop_lang::MeasureDecl) -> Vec<Source<'_>> {
    m.cites
        .iter()
        .map(|c| Source {
            source: &c.text,
            url: source_url(&c.text),
            from: c.from,
            to: c.to,
        })
        .collect()
}

/// An evaluation as JSON, written straight to a serializer: the same document as
/// [`evaluation_to_json`] without building a `Value` tree first (on the eligibility
/// API the tree's maps and allocations cost more than the evaluation itself).
pub struct EvaluationReport<'a> {
    pub program: &'a Program,
    pub ev: &'a Evaluation,
    /// The program's measure parts written once ([`crate::Engine::report`] keeps them);
    /// without them they are written for each answer.
    pub parts: Option<&'a MeasureParts>,
}

impl Serialize for EvaluationReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (program, ev) = (self.program, self.ev);
        let mut m = s.serialize_map(Some(5))?;
        m.serialize_entry("entity", &program.entities[ev.entity.index()].name)?;
        m.serialize_entry("date", &ev.date.to_string())?;
        m.serialize_entry("rules_version", &program.version)?;
        m.serialize_entry("reform", &program.reform.as_ref().map(|r| &r.id))?;
        let measures: Vec<MeasureReport> = ev
            .measures
            .iter()
            .map(|r| MeasureReport {
                program,
                r,
                parts: self.parts,
            })
            .collect();
        m.serialize_entry("measures", &measures)?;
        m.end()
    }
}

struct MeasureReport<'a> {
    program: &'a Program,
    r: &'a MeasureResult,
    parts: Option<&'a MeasureParts>,
}

impl Serialize for MeasureReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (program, r) = (self.program, self.r);
        let m = &program.measures[r.measure.index()];
        let input_names = |ids: &[onestop_lang::InputId]| -> Vec<String> {
            ids.iter()
                .map(|i| program.inputs[i.index()].name.clone())
                .collect()
        };
        let mut map = s.serialize_map(Some(11))?;
        map.serialize_entry("measure", &m.id)?;
        match self.parts {
            Some(p) => map.serialize_entry("title", &p.titles[r.measure.index()])?,
            None => map.serialize_entry("title", &title(m))?,
        }
        map.serialize_entry("status", r.status.as_str())?;
        map.serialize_entry("outputs", &Outputs { program, r })?;
        map.serialize_entry("missing", &input_names(&r.missing))?;
        map.serialize_entry("missing_for_outputs", &input_names(&r.missing_for_outputs))?;
        let errors: Vec<String> = r.errors.iter().map(|e| e.to_string()).collect();
        map.serialize_entry("errors", &errors)?;
        match self.parts {
            Some(p) => map.serialize_entry("sources", &p.sources[r.measure.index()])?,
            None => map.serialize_entry("sources", &sources(m))?,
        }
        map.serialize_entry("provisional", &Provisional { program, r })?;
        map.serialize_entry("confidence", &ConfidenceReport { program, r })?;
        map.end()
    }
}

#[derive(Serialize)]
struct Title<'a> {
    en: &'a str,
    zh: &'a str,
    ko: &'a str,
    ru: &'a str,
    es: &'a str,
    ar: &'a str,
}

#[derive(Serialize)]
struct Source<'a> {
    source: &'a str,
    /// The cited section's page on the portal (`/sources/<file>#s-N`); null for a
    /// national instrument, whose text is not shipped.
    url: Option<String>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

/// The portal path of a cited seed section, if the citation names a seed document.
pub fn source_url(citation: &str) -> Option<String> {
    onestop_lang::cite::seed_ref(citation).map(|r| r.url())
}

struct Outputs<'a> {
    program: &'a Program,
    r: &'a MeasureResult,
}

impl Serialize for Outputs<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Later outputs of the same name replace earlier ones, as in a JSON object.
        let mut seen: Vec<(String, J)> = Vec::with_capacity(self.r.outputs.len());
        for (o, v) in &self.r.outputs {
            let name = output_name(self.program, o);
            let value = val_to_json(self.program, v);
            match seen.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = value,
                None => seen.push((name, value)),
            }
        }
        let mut map = s.serialize_map(Some(seen.len()))?;
        for (n, v) in &seen {
            map.serialize_entry(n, v)?;
        }
        map.end()
    }
}

/// `null`, or which parts of the answer counted working days through a year without
/// an official holiday notice, and why that makes them provisional.
struct Provisional<'a> {
    program: &'a Program,
    r: &'a MeasureResult,
}

impl Serialize for Provisional<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let years = self.r.provisional();
        if years.is_empty() {
            return s.serialize_none();
        }
        let outputs: Vec<String> = self
            .r
            .outputs
            .iter()
            .zip(&self.r.outputs_provisional)
            .filter(|(_, p)| !p.is_empty())
            .map(|((o, _), _)| output_name(self.program, o))
            .collect();
        let mut map = s.serialize_map(Some(4))?;
        map.serialize_entry("years", &years.iter().collect::<Vec<i32>>())?;
        map.serialize_entry("eligibility", &!self.r.eligibility_provisional.is_empty())?;
        map.serialize_entry("outputs", &outputs)?;
        map.serialize_entry(
            "reason",
            &crate::explain::provisional_reason(years, crate::explain::Lang::En),
        )?;
        map.end()
    }
}

/// `null`, or how far the answer can be relied on: the status's and each output's
/// confidence (`settled`, `uncertain`, `placeholder`: the worst mark it went through)
/// and every mark with its reason and what it affects. An output whose confidence is
/// `placeholder` was computed from a stand-in figure: not an amount to rely on.
struct ConfidenceReport<'a> {
    program: &'a Program,
    r: &'a MeasureResult,
}

#[derive(Serialize)]
struct DoubtReport<'a> {
    on: &'static str,
    name: &'a str,
    kind: &'static str,
    reason: Title<'a>,
    citation: Option<&'a str>,
    url: Option<String>,
    affects: Vec<String>,
}

impl Serialize for ConfidenceReport<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (program, r) = (self.program, self.r);
        if r.eligibility_doubts.is_empty() && r.outputs_doubts.iter().all(|d| d.is_empty()) {
            return s.serialize_none();
        }
        let mut all = r.eligibility_doubts.clone();
        for d in &r.outputs_doubts {
            onestop_lang::doubt::merge(&mut all, d);
        }
        let names: Vec<String> = r
            .outputs
            .iter()
            .map(|(o, _)| output_name(program, o))
            .collect();
        let doubts: Vec<DoubtReport> = all
            .iter()
            .filter_map(|d| {
                let mark = program.doubt(*d)?;
                let (on, name) = program.doubt_subject(*d);
                let mut affects = Vec::new();
                if r.eligibility_doubts.contains(d) {
                    affects.push("eligibility".to_string());
                }
                for (n, ds) in names.iter().zip(&r.outputs_doubts) {
                    if ds.contains(d) && !affects.contains(n) {
                        affects.push(n.clone());
                    }
                }
                Some(DoubtReport {
                    on,
                    name,
                    kind: mark.kind.as_str(),
                    reason: texts(&mark.reason),
                    citation: program.doubt_citation(*d).map(|c| c.text.as_str()),
                    url: program.doubt_citation(*d).and_then(|c| source_url(&c.text)),
                    affects,
                })
            })
            .collect();
        let mut outputs: Vec<(&String, &'static str)> = Vec::with_capacity(names.len());
        for (n, ds) in names.iter().zip(&r.outputs_doubts) {
            let level = program.confidence(ds).as_str();
            match outputs.iter_mut().find(|(m, _)| *m == n) {
                Some(slot) => slot.1 = level,
                None => outputs.push((n, level)),
            }
        }
        let mut map = s.serialize_map(Some(3))?;
        map.serialize_entry(
            "eligibility",
            program.confidence(&r.eligibility_doubts).as_str(),
        )?;
        map.serialize_entry("outputs", &OutputLevels(&outputs))?;
        map.serialize_entry("doubts", &doubts)?;
        map.end()
    }
}

struct OutputLevels<'a>(&'a [(&'a String, &'static str)]);

impl Serialize for OutputLevels<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (n, l) in self.0 {
            map.serialize_entry(n, l)?;
        }
        map.end()
    }
}
