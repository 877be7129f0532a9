//! The one-window services: what one submission opens, at which agencies, under
//! which rule. Operating data: the shipped `config/services.toml` is embedded as the
//! default, and an operator's `<data>/services.toml` replaces it (checked at start
//! and by `onestop services check`, with `file:line:column` and a hint).

use serde::Deserialize;
use std::collections::BTreeMap;

/// A name in Chinese and English (required), and in Korean, Russian, Spanish and
/// Arabic (each optional: a missing one reads as the English, and the shipped file's
/// test asks for all six).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub zh: String,
    #[serde(default)]
    pub ko: Option<String>,
    #[serde(default)]
    pub ru: Option<String>,
    #[serde(default)]
    pub es: Option<String>,
    #[serde(default)]
    pub ar: Option<String>,
}

impl Text {
    /// The text written for a language (`zh-CN` reads as `zh`), if the file has it.
    pub fn written(&self, lang: &str) -> Option<&str> {
        match lang {
            "en" => Some(&self.en),
            "zh" | "zh-CN" => Some(&self.zh),
            "ko" => self.ko.as_deref(),
            "ru" => self.ru.as_deref(),
            "es" => self.es.as_deref(),
            "ar" => self.ar.as_deref(),
            _ => None,
        }
    }

    /// The text for a language, English where the file lacks it.
    pub fn get(&self, lang: &str) -> &str {
        self.written(lang).unwrap_or(&self.en)
    }

    /// The languages among ko, ru, es, ar that this text lacks.
    pub fn missing_languages(&self) -> Vec<&'static str> {
        ["ko", "ru", "es", "ar"]
            .into_iter()
            .filter(|l| self.written(l).is_none_or(|t| t.trim().is_empty()))
            .collect()
    }
}

/// A document an agency needs for one case: what the applicant is asked for, by name,
/// and the file types it accepts.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Material {
    /// Stable key of the material (`passport`, `employment-contract`).
    pub id: String,
    pub title: Text,
    /// Accepted media types; the uploaded file's bytes decide its type.
    #[serde(default = "default_types")]
    pub types: Vec<String>,
    /// A case cannot be accepted while a required material is missing (the officer
    /// asks for it, Administrative Licensing Law art. 32(4)).
    #[serde(default = "yes")]
    pub required: bool,
}

fn default_types() -> Vec<String> {
    MEDIA_TYPES.iter().map(|t| t.to_string()).collect()
}

fn yes() -> bool {
    true
}

/// The media types the material store accepts at all.
pub const MEDIA_TYPES: &[&str] = &["application/pdf", "image/png", "image/jpeg"];

/// How a case is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Approval {
    /// An officer accepts, reviews and decides within the statutory limit.
    #[default]
    Review,
    /// Approved when filed (approval upon filing, 003 §18; informing and commitment,
    /// 003 §19), its e-licence issued at once, then checked by an officer within the
    /// supervision period and revoked if it fails.
    AtFiling,
}

/// A date the applicant must keep after approval (e.g. the re-export date of a
/// temporarily imported vehicle), read from a date output of the service's measure;
/// the portal shows it on the case and warns `notice_days` before it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reminder {
    pub output: String,
    pub title: Text,
    #[serde(default = "default_notice_days")]
    pub notice_days: u32,
}

fn default_notice_days() -> u32 {
    30
}

/// A condition on one output of the service's measure, evaluated at submission.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutputIs {
    pub output: String,
    /// The value the output must have: `true`, or an enumeration value.
    pub equals: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseTemplate {
    pub kind: String,
    pub agency: String,
    pub title: Text,
    /// Rule parameter: the statutory limit in working days (int).
    pub working_days_parameter: Option<String>,
    /// Output of the service's measure: the limit in working days for this
    /// applicant (when it depends on the facts, e.g. the permit category).
    pub working_days_output: Option<String>,
    /// Rule parameter: the limit as a calendar period (duration), for procedures the
    /// law gives in months.
    pub period_parameter: Option<String>,
    /// Opened only when this output has this value (e.g. permanent residence where
    /// the applicant qualifies).
    pub open_when: Option<OutputIs>,
    #[serde(default)]
    pub approval: Approval,
    /// For `at_filing`: approved at filing only when this holds, else reviewed.
    pub at_filing_when: Option<OutputIs>,
    /// For `at_filing`: rule parameter, the working days within which an officer
    /// checks the approval afterwards.
    pub supervision_days_parameter: Option<String>,
    /// For `at_filing`: a bool output of the measure that puts a case first in the
    /// supervision queue (e.g. a filing that fails a national criterion).
    pub supervision_risk_output: Option<String>,
    /// Whether approval issues an e-licence on the register (default true); false for
    /// a decision that is no administrative licence (an internal approval, a record).
    #[serde(default = "yes")]
    pub licence: bool,
    /// Rule parameter: how long the licence this case issues is valid (a duration,
    /// counted from the decision). None: the rules set no term for the grant.
    pub validity_parameter: Option<String>,
    /// Dates the applicant must keep after approval, with a warning before each.
    #[serde(default, rename = "reminder")]
    pub reminders: Vec<Reminder>,
    /// The documents this agency needs.
    #[serde(default, rename = "material")]
    pub materials: Vec<Material>,
}

/// When the documents of one submission are issued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Issue {
    /// Each agency's licence when it approves.
    #[default]
    Each,
    /// All together once every case of the submission is decided (003 §25).
    Together,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub entity: String,
    pub measure: String,
    #[serde(default)]
    pub require_eligible: bool,
    pub source: String,
    pub title: Text,
    #[serde(default)]
    pub issue: Issue,
    #[serde(rename = "case")]
    pub cases: Vec<CaseTemplate>,
}

impl Service {
    /// The materials of every case of the service, each once (the form asks for each once).
    pub fn materials(&self) -> Vec<&Material> {
        let mut seen = std::collections::BTreeSet::new();
        self.cases
            .iter()
            .flat_map(|c| c.materials.iter())
            .filter(|m| seen.insert(m.id.as_str()))
            .collect()
    }

    pub fn case(&self, kind: &str) -> Option<&CaseTemplate> {
        self.cases.iter().find(|c| c.kind == kind)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Services {
    pub agencies: BTreeMap<String, Text>,
    #[serde(rename = "service")]
    pub services: Vec<Service>,
}

/// The shipped services file.
pub const SHIPPED: &str = include_str!("../../../config/services.toml");
/// The operator's services file in the data directory.
pub const DATA_FILE: &str = "services.toml";

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The byte offset of `needle` at or after `from`, if it is there.
fn find_from(text: &str, needle: &str, from: usize) -> Option<usize> {
    text.get(from..)?.find(needle).map(|i| from + i)
}

/// The line where `needle` first appears at or after byte `from` (to point at a value
/// that parsed but does not make sense); the line of `from` when it does not (a file
/// written in another style, e.g. `id='x'`, still gets a line near its table).
fn line_from(text: &str, needle: &str, from: usize) -> usize {
    line_col(text, find_from(text, needle, from).unwrap_or(from)).0
}

/// Where one service's tables are in the file (byte offsets).
struct ServiceSpot {
    /// Where its keys may begin: just after the previous service's tables.
    start: usize,
    /// Its `id = "..."`.
    id: usize,
    cases: Vec<CaseSpot>,
}

/// Where one case's table is in the file (byte offsets).
struct CaseSpot {
    /// Where its keys may begin: just after the previous case, or the service's id.
    start: usize,
    /// Its `kind = "..."`.
    kind: usize,
    /// Each material's `id = "..."`, in order.
    materials: Vec<usize>,
}

/// Finds `needle` from `*at` on and moves `*at` past it; `*at` itself when absent.
fn advance(text: &str, needle: &str, at: &mut usize) -> usize {
    match find_from(text, needle, *at) {
        Some(i) => {
            *at = i + needle.len();
            i
        }
        None => *at,
    }
}

/// The services' and cases' places in the file, looked up in document order (TOML keeps
/// the order of arrays of tables), so that a diagnostic names the line of the table it is
/// about even when a case kind recurs in another service or an id is repeated.
fn spots(text: &str, services: &[Service]) -> Vec<ServiceSpot> {
    let mut at = 0;
    let mut out = Vec::with_capacity(services.len());
    for svc in services {
        let start = at;
        let id = advance(text, &format!("id = \"{}\"", svc.id), &mut at);
        let mut cases = Vec::with_capacity(svc.cases.len());
        for c in &svc.cases {
            let start = at;
            let kind = advance(text, &format!("kind = \"{}\"", c.kind), &mut at);
            let materials = c
                .materials
                .iter()
                .map(|m| advance(text, &format!("id = \"{}\"", m.id), &mut at))
                .collect();
            cases.push(CaseSpot {
                start,
                kind,
                materials,
            });
        }
        out.push(ServiceSpot { start, id, cases });
    }
    out
}

impl Services {
    /// Every name in the file with where it is (`agency tax`, `material passport of
    /// case work-permit-a`): what the portal shows, all of which want six languages.
    pub fn texts(&self) -> Vec<(String, &Text)> {
        let mut out: Vec<(String, &Text)> = Vec::new();
        for (id, t) in &self.agencies {
            out.push((format!("agency {id}"), t));
        }
        for svc in &self.services {
            out.push((format!("service {}", svc.id), &svc.title));
            for c in &svc.cases {
                out.push((format!("case {}", c.kind), &c.title));
                for m in &c.materials {
                    out.push((format!("material {} of case {}", m.id, c.kind), &m.title));
                }
                for r in &c.reminders {
                    out.push((
                        format!("reminder {} of case {}", r.output, c.kind),
                        &r.title,
                    ));
                }
            }
        }
        out
    }

    /// Parses and checks a services file; `name` is how errors name it. Each error is
    /// `name:line:column: error: ... (hint: ...)`.
    pub fn parse_named(name: &str, text: &str) -> Result<Services, String> {
        let s: Services = toml::from_str(text).map_err(|e| {
            let (line, col) = e.span().map_or((1, 1), |r| line_col(text, r.start));
            format!(
                "{name}:{line}:{col}: error: {} (hint: compare with the shipped config/services.toml: [agencies], then [[service]] tables with [[service.case]] entries)",
                e.message().trim()
            )
        })?;
        let mut problems = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (svc, spot) in s.services.iter().zip(spots(text, &s.services)) {
            let svc_line = line_col(text, spot.id).0;
            if !seen.insert(svc.id.as_str()) {
                problems.push(format!(
                    "{name}:{}: error: service `{}` is defined twice (hint: service ids are unique)",
                    svc_line,
                    svc.id
                ));
            }
            if svc.cases.is_empty() {
                problems.push(format!(
                    "{name}:{}: error: service `{}` opens no case (hint: add a [[service.case]] with kind, agency and title)",
                    svc_line,
                    svc.id
                ));
            }
            let mut kinds = std::collections::BTreeSet::new();
            // Each material id's first case: one id is one file of the submission (the
            // form asks for it once, `Service::materials`), so every case that asks for
            // it must accept the same types and agree on whether it is required.
            let mut first_asked: BTreeMap<&str, (&str, &Material)> = BTreeMap::new();
            for (c, case) in svc.cases.iter().zip(&spot.cases) {
                let line = line_col(text, case.kind).0;
                if !kinds.insert(c.kind.as_str()) {
                    problems.push(format!(
                        "{name}:{line}: error: service `{}` opens case `{}` twice (hint: case kinds are unique within a service)",
                        svc.id, c.kind
                    ));
                }
                let clocks = [
                    c.working_days_parameter.is_some(),
                    c.working_days_output.is_some(),
                    c.period_parameter.is_some(),
                ]
                .iter()
                .filter(|b| **b)
                .count();
                if clocks != 1 {
                    problems.push(format!(
                        "{name}:{line}: error: case `{}` of service `{}` has {clocks} statutory time limits (hint: give exactly one of working_days_parameter, working_days_output or period_parameter, naming the cited rule that sets it)",
                        c.kind, svc.id
                    ));
                }
                if c.approval == Approval::AtFiling && c.supervision_days_parameter.is_none() {
                    problems.push(format!(
                        "{name}:{line}: error: case `{}` of service `{}` is approved at filing but has no supervision_days_parameter (hint: name the rule parameter giving the working days within which an officer checks it afterwards)",
                        c.kind, svc.id
                    ));
                }
                if c.approval == Approval::Review
                    && (c.at_filing_when.is_some()
                        || c.supervision_days_parameter.is_some()
                        || c.supervision_risk_output.is_some())
                {
                    problems.push(format!(
                        "{name}:{line}: error: case `{}` of service `{}` sets at_filing_when or supervision fields but is reviewed (hint: add approval = \"at_filing\" or drop them)",
                        c.kind, svc.id
                    ));
                }
                let mut material_ids = std::collections::BTreeSet::new();
                for (m, &m_at) in c.materials.iter().zip(&case.materials) {
                    let m_line = line_col(text, m_at).0;
                    if m.id.is_empty()
                        || !m
                            .id
                            .chars()
                            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
                    {
                        problems.push(format!(
                            "{name}:{m_line}: error: material id `{}` of case `{}` is not a key (hint: lower-case letters, digits and hyphens, e.g. `employment-contract`)",
                            m.id, c.kind
                        ));
                    }
                    if !material_ids.insert(m.id.as_str()) {
                        problems.push(format!(
                            "{name}:{m_line}: error: case `{}` of service `{}` asks for material `{}` twice (hint: material ids are unique within a case)",
                            c.kind, svc.id, m.id
                        ));
                    }
                    match first_asked.get(m.id.as_str()) {
                        None => {
                            first_asked.insert(&m.id, (&c.kind, m));
                        }
                        Some(&(kind, first)) if kind != c.kind => {
                            let same_types = first.types.iter().all(|t| m.types.contains(t))
                                && m.types.iter().all(|t| first.types.contains(t));
                            let what = match (!same_types, first.required != m.required) {
                                (true, true) => "types and required",
                                (true, false) => "types",
                                (false, true) => "required",
                                (false, false) => "",
                            };
                            if !what.is_empty() {
                                problems.push(format!(
                                    "{name}:{m_line}: error: material `{}` of case `{}` differs in {what} from the same material of case `{kind}` of service `{}` (hint: one material id is one file of the submission, given once for all its cases: give it the same types and required, or another id)",
                                    m.id, c.kind, svc.id
                                ));
                            }
                        }
                        Some(_) => {}
                    }
                    for t in &m.types {
                        if !MEDIA_TYPES.contains(&t.as_str()) {
                            problems.push(format!(
                                "{name}:{m_line}: error: material `{}` accepts `{t}`, which the material store does not take (hint: types are {})",
                                m.id,
                                MEDIA_TYPES.join(", ")
                            ));
                        }
                    }
                    if m.types.is_empty() {
                        problems.push(format!(
                            "{name}:{m_line}: error: material `{}` accepts no file type (hint: leave `types` out for PDF, PNG and JPEG)",
                            m.id
                        ));
                    }
                }
                if !s.agencies.contains_key(&c.agency) {
                    let known: Vec<&str> = s.agencies.keys().map(String::as_str).collect();
                    problems.push(format!(
                        "{name}:{}: error: service `{}` names unknown agency `{}` (hint: agencies are {}; add it under [agencies])",
                        line_from(text, &format!("agency = \"{}\"", c.agency), case.start),
                        svc.id,
                        c.agency,
                        known.join(", ")
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(s)
        } else {
            Err(problems.join("\n"))
        }
    }

    pub fn parse(text: &str) -> Result<Services, String> {
        Services::parse_named("config/services.toml", text)
    }

    /// The shipped services, embedded at build time.
    pub fn shipped() -> Result<Services, String> {
        Services::parse(SHIPPED)
    }

    /// `<dir>/services.toml` when the operator has one, else the shipped services.
    pub fn load(dir: &std::path::Path) -> Result<Services, String> {
        let path = dir.join(DATA_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Services::parse_named(&path.display().to_string(), &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Services::shipped(),
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
        }
    }

    /// Checks the services against the rules: every eligibility measure exists for
    /// the service's entity and every deadline parameter is a whole number of days.
    pub fn check_against(
        &self,
        name: &str,
        text: &str,
        program: &onestop_lang::Program,
    ) -> Result<(), String> {
        let mut problems = Vec::new();
        for (svc, spot) in self.services.iter().zip(spots(text, &self.services)) {
            match program.measures.iter().find(|m| m.id == svc.measure) {
                None => problems.push(format!(
                    "{name}:{}: error: service `{}` uses measure `{}`, which the rules do not define (hint: `onestop measures` lists them)",
                    line_from(text, &format!("measure = \"{}\"", svc.measure), spot.start),
                    svc.id,
                    svc.measure
                )),
                Some(m) if program.entities[m.entity.index()].name != svc.entity => problems.push(format!(
                    "{name}:{}: error: service `{}` is for `{}` but measure `{}` is for `{}` (hint: the entity must be the measure's)",
                    line_from(text, &format!("entity = \"{}\"", svc.entity), spot.start),
                    svc.id,
                    svc.entity,
                    svc.measure,
                    program.entities[m.entity.index()].name
                )),
                Some(_) => {}
            }
            let measure = program.measures.iter().find(|m| m.id == svc.measure);
            let output_type = |o: &str| -> Option<&onestop_lang::Type> {
                let m = measure?;
                m.outputs.iter().find_map(|r| match r {
                    onestop_lang::OutputRef::Def(d) => {
                        let d = &program.defs[d.index()];
                        (d.name == o).then_some(&d.ty)
                    }
                    onestop_lang::OutputRef::Input(i) => {
                        let i = &program.inputs[i.index()];
                        (i.name == o).then_some(&i.ty)
                    }
                })
            };
            for (c, case) in svc.cases.iter().zip(&spot.cases) {
                let mut param = |key: &str,
                                 p: &Option<String>,
                                 want: onestop_lang::Type,
                                 what: &str| {
                    let Some(p) = p else { return };
                    let line = line_from(text, &format!("{key} = \"{p}\""), case.start);
                    match program.param(p) {
                        None => problems.push(format!(
                            "{name}:{line}: error: case `{}` of service `{}` names parameter `{p}`, which the rules do not define (hint: {what}, with its citation, in rules/)",
                            c.kind, svc.id
                        )),
                        Some(id) if program.params[id.index()].ty != want => problems.push(format!(
                            "{name}:{line}: error: `{p}` is {}, not {} (hint: {what})",
                            program.type_name(&program.params[id.index()].ty),
                            program.type_name(&want),
                        )),
                        Some(_) => {}
                    }
                };
                param(
                    "working_days_parameter",
                    &c.working_days_parameter,
                    onestop_lang::Type::Int,
                    "a parameter of whole working days",
                );
                param(
                    "period_parameter",
                    &c.period_parameter,
                    onestop_lang::Type::Duration,
                    "a duration parameter such as `6 months`",
                );
                param(
                    "supervision_days_parameter",
                    &c.supervision_days_parameter,
                    onestop_lang::Type::Int,
                    "a parameter of whole working days",
                );
                param(
                    "validity_parameter",
                    &c.validity_parameter,
                    onestop_lang::Type::Duration,
                    "a duration parameter such as `3 years`",
                );
                let mut output = |key: &str,
                                  o: &str,
                                  ok: &dyn Fn(&onestop_lang::Type) -> bool,
                                  what: &str| {
                    // `key = "o"`; else the `output = "o"` of the condition or reminder
                    // table at or after `key` (the right one when a case has several
                    // reminders); else `key`.
                    let key_at = find_from(text, key, case.start).unwrap_or(case.start);
                    let line = line_col(
                        text,
                        find_from(text, &format!("{key} = \"{o}\""), case.start)
                            .or_else(|| find_from(text, &format!("output = \"{o}\""), key_at))
                            .unwrap_or(key_at),
                    )
                    .0;
                    match output_type(o) {
                        None => problems.push(format!(
                            "{name}:{line}: error: case `{}` of service `{}` reads output `{o}`, which measure `{}` does not have (hint: the measure's `outputs` line lists them)",
                            c.kind, svc.id, svc.measure
                        )),
                        Some(t) if !ok(t) => problems.push(format!(
                            "{name}:{line}: error: output `{o}` is {}, and {key} needs {what}",
                            program.type_name(t)
                        )),
                        Some(_) => {}
                    }
                };
                if let Some(o) = &c.working_days_output {
                    output(
                        "working_days_output",
                        o,
                        &|t| *t == onestop_lang::Type::Int,
                        "a whole number of working days",
                    );
                }
                for r in &c.reminders {
                    output(
                        "reminder",
                        &r.output,
                        &|t| *t == onestop_lang::Type::Date,
                        "a date",
                    );
                }
                if let Some(o) = &c.supervision_risk_output {
                    output(
                        "supervision_risk_output",
                        o,
                        &|t| *t == onestop_lang::Type::Bool,
                        "a bool",
                    );
                }
                for (key, cond) in [
                    ("open_when", &c.open_when),
                    ("at_filing_when", &c.at_filing_when),
                ] {
                    let Some(cond) = cond else { continue };
                    let equals = cond.equals.clone();
                    output(
                        key,
                        &cond.output,
                        &|t| match t {
                            onestop_lang::Type::Bool => equals == "true" || equals == "false",
                            onestop_lang::Type::Enum(e) => program.enums[e.0 as usize]
                                .values
                                .iter()
                                .any(|(v, _)| *v == equals),
                            _ => false,
                        },
                        "a bool or an enumeration, and `equals` one of its values",
                    );
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems.join("\n"))
        }
    }

    pub fn get(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::{Arc, OnceLock};

    /// How the errors name the file under test.
    const NAME: &str = "ops/services.toml";

    /// A small valid file: one service of the one-window measure with a limit read from
    /// an output of the measure and a limit as a period parameter, a conditional case and
    /// materials with and without `types`.
    const MINIMAL: &str = r#"[agencies]
foreign-experts = { en = "Foreign experts", zh = "外国专家" }
exit-entry = { en = "Exit-entry", zh = "出入境" }

[[service]]
id = "talent"
entity = "person"
measure = "talent.one-window"
require_eligible = true
source = "000_abb21015abc8a560.txt §15(1)"
title = { en = "Permits", zh = "许可" }
issue = "together"
  [[service.case]]
  kind = "work-permit"
  agency = "foreign-experts"
  title = { en = "Work permit", zh = "工作许可" }
  working_days_output = "work_permit_decision_working_days"
    [[service.case.material]]
    id = "passport"
    title = { en = "Passport", zh = "护照" }
  [[service.case]]
  kind = "permanent-residence"
  agency = "exit-entry"
  title = { en = "Permanent residence", zh = "永久居留" }
  open_when = { output = "permanent_residence_eligible", equals = "true" }
  period_parameter = "permanent_residence_decision_period"
    [[service.case.material]]
    id = "photo"
    title = { en = "Photograph", zh = "照片" }
    types = ["image/jpeg"]
"#;

    /// A small valid file with a case approved upon filing and supervised afterwards, its
    /// limit a working-days parameter, its licence valid for a cited term.
    const FILING: &str = r#"[agencies]
sci-tech = { en = "Science and technology", zh = "科技" }

[[service]]
id = "hnte"
entity = "enterprise"
measure = "enterprise.high-tech-filing"
source = "003_021bab1a94e0afa8.txt §18"
title = { en = "High-tech enterprise", zh = "高新技术企业" }
  [[service.case]]
  kind = "recognition"
  agency = "sci-tech"
  title = { en = "Recognition", zh = "认定" }
  approval = "at_filing"
  at_filing_when = { output = "hnte_route", equals = "hnte_route_filing" }
  working_days_parameter = "hnte_national_review_working_days"
  validity_parameter = "hnte_certificate_validity"
  supervision_days_parameter = "hnte_filing_supervision_working_days"
  supervision_risk_output = "hnte_filing_supervision_risk"
    [[service.case.material]]
    id = "application"
    title = { en = "Application form", zh = "申请书" }
    required = false
"#;

    /// `base` with `from`, which must occur exactly once, replaced by `to`.
    fn with(base: &str, from: &str, to: &str) -> String {
        assert_eq!(
            base.matches(from).count(),
            1,
            "`{from}` is not once in the base"
        );
        base.replacen(from, to, 1)
    }

    /// The 1-based number of the `n`th (from 0) line of `text` that contains `needle`.
    fn line_no(text: &str, needle: &str, n: usize) -> usize {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .nth(n)
            .map(|(i, _)| i + 1)
            .unwrap_or_else(|| panic!("no line {n} with `{needle}`"))
    }

    /// The 1-based number of the only line of `text` that contains `needle`.
    fn line(text: &str, needle: &str) -> usize {
        assert_eq!(
            text.lines().filter(|l| l.contains(needle)).count(),
            1,
            "`{needle}` is not on exactly one line"
        );
        line_no(text, needle, 0)
    }

    /// The structural problems of `text`, one a line.
    fn problems(text: &str) -> Vec<String> {
        match Services::parse_named(NAME, text) {
            Ok(_) => panic!("accepted:\n{text}"),
            Err(e) => e.lines().map(str::to_string).collect(),
        }
    }

    /// Asserts `errors` is one error, at `line`, containing every word of `words`.
    fn assert_one(errors: &[String], line: usize, words: &[&str]) {
        assert_eq!(errors.len(), 1, "one error expected: {errors:#?}");
        assert_at(&errors[0], line, words);
    }

    /// Asserts `error` is `NAME:line:` (and a column or not) `error: ...` with `words`.
    fn assert_at(error: &str, line: usize, words: &[&str]) {
        let head = format!("{NAME}:{line}:");
        assert!(error.starts_with(&head), "not at line {line}: {error}");
        assert!(error.contains(" error: "), "no `error:`: {error}");
        for w in words {
            assert!(error.contains(w), "`{w}` missing from: {error}");
        }
    }

    /// The shipped rules, checked once for all the tests.
    fn program() -> &'static onestop_lang::Program {
        static PROGRAM: OnceLock<Arc<onestop_lang::Program>> = OnceLock::new();
        PROGRAM.get_or_init(|| {
            let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
            onestop_engine::Engine::load(&rules, None)
                .unwrap_or_else(|_| panic!("the shipped rules in {} check", rules.display()))
                .program
        })
    }

    /// Parses `text` (which must be well formed) and checks it against the shipped rules.
    fn against_rules(text: &str) -> Result<(), String> {
        let s = Services::parse_named(NAME, text).expect("structurally valid");
        s.check_against(NAME, text, program())
    }

    /// The problems of `text` against the rules, one a line.
    fn rule_problems(text: &str) -> Vec<String> {
        match against_rules(text) {
            Ok(()) => panic!("accepted by the rules:\n{text}"),
            Err(e) => e.lines().map(str::to_string).collect(),
        }
    }

    // --- Valid files ---

    #[test]
    fn minimal_files_parse_with_their_defaults() {
        let s = Services::parse_named(NAME, MINIMAL).expect("minimal");
        assert_eq!(s.agencies.len(), 2);
        let svc = s.get("talent").expect("service");
        assert_eq!(svc.issue, Issue::Together);
        assert!(svc.require_eligible);
        let permit = svc.case("work-permit").expect("case");
        assert_eq!(permit.approval, Approval::Review);
        assert_eq!(
            permit.materials[0].types, MEDIA_TYPES,
            "types default to all"
        );
        assert!(
            permit.materials[0].required,
            "materials are required by default"
        );
        let pr = svc.case("permanent-residence").expect("case");
        assert_eq!(pr.materials[0].types, ["image/jpeg"]);
        assert_eq!(
            pr.open_when.as_ref().map(|c| c.output.as_str()),
            Some("permanent_residence_eligible")
        );

        let s = Services::parse_named(NAME, FILING).expect("filing");
        let svc = s.get("hnte").expect("service");
        assert_eq!(svc.issue, Issue::Each, "issue defaults to each");
        assert!(!svc.require_eligible, "require_eligible defaults to false");
        let c = &svc.cases[0];
        assert_eq!(c.approval, Approval::AtFiling);
        assert!(!c.materials[0].required);
    }

    #[test]
    fn minimal_files_agree_with_the_shipped_rules() {
        against_rules(MINIMAL).expect("minimal against the rules");
        against_rules(FILING).expect("filing against the rules");
    }

    #[test]
    fn every_name_of_the_shipped_file_is_in_six_languages() {
        let s = Services::shipped().expect("shipped");
        let texts = s.texts();
        assert!(texts.len() > 50, "{}", texts.len());
        let missing: Vec<String> = texts
            .iter()
            .filter(|(_, t)| !t.missing_languages().is_empty())
            .map(|(w, t)| format!("{w}: {:?}", t.missing_languages()))
            .collect();
        assert!(
            missing.is_empty(),
            "config/services.toml lacks {missing:#?}"
        );
        let tax = &s.agencies["tax"];
        assert_eq!(tax.get("zh-CN"), tax.zh);
        assert_ne!(tax.get("ar"), tax.en);
    }

    #[test]
    fn shipped_file_is_the_one_in_config_and_parses() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config/services.toml");
        let on_disk = std::fs::read_to_string(&path).expect("config/services.toml");
        assert_eq!(
            SHIPPED, on_disk,
            "the embedded default is config/services.toml"
        );
        let s = Services::shipped().unwrap_or_else(|e| panic!("{e}"));
        assert!(!s.services.is_empty());
        // The documented example stays in the shipped file.
        let talent = s.get("foreign-talent").expect("foreign-talent");
        assert_eq!(talent.issue, Issue::Together);
        assert_eq!(talent.cases.len(), 3);
        assert!(
            s.services
                .iter()
                .flat_map(|s| &s.cases)
                .any(|c| c.approval == Approval::AtFiling)
        );
    }

    #[test]
    fn shipped_file_agrees_with_the_shipped_rules() {
        let s = Services::shipped().unwrap_or_else(|e| panic!("{e}"));
        s.check_against("config/services.toml", SHIPPED, program())
            .unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn load_prefers_the_operators_file() {
        let dir =
            std::env::temp_dir().join(format!("onestop-services-load-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("dir");
        // No file: the shipped services.
        let shipped = Services::load(&dir).expect("shipped");
        assert_eq!(
            shipped.services.len(),
            Services::shipped().expect("shipped").services.len()
        );
        // The operator's file replaces them.
        std::fs::write(dir.join(DATA_FILE), MINIMAL).expect("write");
        let s = Services::load(&dir).expect("operator's");
        assert_eq!(s.services.len(), 1);
        assert!(s.get("talent").is_some());
        // A bad one is an error named by its path, never the shipped file instead.
        let bad = with(MINIMAL, "agency = \"exit-entry\"", "agency = \"customs\"");
        std::fs::write(dir.join(DATA_FILE), &bad).expect("write");
        let e = Services::load(&dir).expect_err("rejected");
        let path = dir.join(DATA_FILE).display().to_string();
        assert!(
            e.starts_with(&format!("{path}:{}: error: ", line(&bad, "\"customs\""))),
            "{e}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    // --- TOML and its shape ---

    #[test]
    fn bad_toml_names_line_and_column() {
        let text = with(MINIMAL, "id = \"talent\"", "id = \"talent");
        let e = problems(&text);
        assert_eq!(e.len(), 1, "{e:#?}");
        let at = line(&text, "id = \"talent");
        assert!(e[0].starts_with(&format!("{NAME}:{at}:")), "{}", e[0]);
        assert!(
            e[0].contains("hint: compare with the shipped config/services.toml"),
            "{}",
            e[0]
        );
    }

    /// The line and column of an error, as `NAME:line:col:`.
    fn line_col_of(error: &str) -> (usize, usize) {
        let rest = error.strip_prefix(&format!("{NAME}:")).expect("named");
        let mut it = rest.splitn(3, ':');
        let line = it.next().and_then(|l| l.parse().ok()).expect("line");
        let col = it.next().and_then(|c| c.parse().ok()).expect("column");
        (line, col)
    }

    #[test]
    fn unknown_keys_are_rejected_where_they_are() {
        // (what the key replaces, the new text, the unknown key)
        let cases = [
            ("[agencies]", "colour = \"red\"\n[agencies]", "colour"),
            (
                "issue = \"together\"",
                "issue = \"together\"\ndeadline = 5",
                "deadline",
            ),
            (
                "  working_days_output = \"work_permit_decision_working_days\"",
                "  working_days_output = \"work_permit_decision_working_days\"\n  working_days = 20",
                "working_days",
            ),
            (
                "    types = [\"image/jpeg\"]",
                "    types = [\"image/jpeg\"]\n    optional = true",
                "optional",
            ),
            (
                "equals = \"true\" }",
                "equals = \"true\", negate = true }",
                "negate",
            ),
        ];
        for (from, to, key) in cases {
            let text = with(MINIMAL, from, to);
            let e = problems(&text);
            assert_eq!(e.len(), 1, "{e:#?}");
            assert!(e[0].contains(&format!("unknown field `{key}`")), "{}", e[0]);
            let (l, col) = line_col_of(&e[0]);
            let want = line_no(&text, &format!("{key} ="), 0);
            assert_eq!(l, want, "{key}: {}", e[0]);
            let at = text.lines().nth(want - 1).unwrap().find(key).unwrap() + 1;
            assert_eq!(col, at, "{key}: {}", e[0]);
        }
    }

    #[test]
    fn unknown_language_in_a_title_is_rejected() {
        let text = with(
            MINIMAL,
            "title = { en = \"Passport\", zh = \"护照\" }",
            "title = { en = \"Passport\", zh = \"护照\", fr = \"Passeport\" }",
        );
        let e = problems(&text);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(e[0].contains("unknown field `fr`"), "{}", e[0]);
        assert_eq!(line_col_of(&e[0]).0, line(&text, "Passeport"));
        let text = with(
            MINIMAL,
            "exit-entry = { en = \"Exit-entry\", zh = \"出入境\" }",
            "exit-entry = { en = \"Exit-entry\", zh = \"出入境\", ja = \"出入国\" }",
        );
        let e = problems(&text);
        assert!(e[0].contains("unknown field `ja`"), "{}", e[0]);
        assert_eq!(line_col_of(&e[0]).0, line(&text, "ja = "));
    }

    #[test]
    fn missing_and_mistyped_keys_are_rejected() {
        let text = with(MINIMAL, "  agency = \"exit-entry\"\n", "");
        let e = problems(&text);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(e[0].contains("missing field `agency`"), "{}", e[0]);

        let text = with(FILING, "    required = false", "    required = \"no\"");
        let e = problems(&text);
        assert!(e[0].contains("invalid type"), "{}", e[0]);
        assert_eq!(line_col_of(&e[0]).0, line(&text, "required = \"no\""));

        let text = with(
            MINIMAL,
            "title = { en = \"Permits\", zh = \"许可\" }",
            "title = { en = \"Permits\" }",
        );
        let e = problems(&text);
        assert!(e[0].contains("missing field `zh`"), "{}", e[0]);
        assert_eq!(
            line_col_of(&e[0]).0,
            line(&text, "title = { en = \"Permits\" }")
        );
    }

    #[test]
    fn approval_and_issue_take_only_their_values() {
        let text = with(
            FILING,
            "approval = \"at_filing\"",
            "approval = \"on_filing\"",
        );
        let e = problems(&text);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(
            e[0].contains("on_filing") && e[0].contains("at_filing"),
            "{}",
            e[0]
        );
        assert_eq!(line_col_of(&e[0]).0, line(&text, "approval ="));

        let text = with(MINIMAL, "issue = \"together\"", "issue = \"all\"");
        let e = problems(&text);
        assert!(
            e[0].contains("`all`") && e[0].contains("each") && e[0].contains("together"),
            "{}",
            e[0]
        );
        assert_eq!(line_col_of(&e[0]).0, line(&text, "issue ="));
    }

    #[test]
    fn a_service_without_cases_is_rejected() {
        // No [[service.case]] at all: TOML shape.
        let end = MINIMAL.find("  [[service.case]]").unwrap();
        let text = MINIMAL[..end].to_string();
        let e = problems(&text);
        assert!(e[0].contains("missing field `case`"), "{}", e[0]);
        // An empty list of cases.
        let text = format!("{}case = []\n", &MINIMAL[..end]);
        let e = problems(&text);
        assert_one(
            &e,
            line(&text, "id = \"talent\""),
            &["service `talent` opens no case", "[[service.case]]"],
        );
    }

    // --- The checks after parsing ---

    #[test]
    fn a_service_id_twice_is_rejected() {
        let second = FILING
            .split_once("\n\n")
            .unwrap()
            .1
            .replace("sci-tech", "foreign-experts");
        let text = format!(
            "{MINIMAL}\n{}",
            second.replace("id = \"hnte\"", "id = \"talent\"")
        );
        let e = problems(&text);
        assert_one(
            &e,
            line_no(&text, "id = \"talent\"", 1),
            &[
                "service `talent` is defined twice",
                "hint: service ids are unique",
            ],
        );
    }

    #[test]
    fn a_case_kind_twice_in_a_service_is_rejected() {
        let text = with(
            MINIMAL,
            "kind = \"permanent-residence\"",
            "kind = \"work-permit\"",
        );
        let e = problems(&text);
        assert_one(
            &e,
            line_no(&text, "kind = \"work-permit\"", 1),
            &[
                "service `talent` opens case `work-permit` twice",
                "case kinds are unique within a service",
            ],
        );
    }

    /// MINIMAL and, after it, FILING's service with its case renamed `work-permit` and its
    /// material `passport`: the same case kind and material id in two services.
    fn two_services_sharing_a_kind() -> String {
        let second = FILING
            .split_once("\n\n")
            .unwrap()
            .1
            .replace("sci-tech", "foreign-experts")
            .replace("kind = \"recognition\"", "kind = \"work-permit\"")
            .replace("id = \"application\"", "id = \"passport\"");
        format!("{MINIMAL}\n{second}")
    }

    #[test]
    fn the_same_case_kind_in_two_services_is_fine_and_errors_point_at_its_own_service() {
        let text = two_services_sharing_a_kind();
        Services::parse_named(NAME, &text).expect("kinds are unique within a service only");
        against_rules(&text).expect("and the rules agree");
        // A bad type of the second service's `passport` is reported there, not at the
        // first service's `passport`.
        let text = with(
            &text,
            "    required = false",
            "    types = [\"text/plain\"]",
        );
        assert_one(
            &problems(&text),
            line_no(&text, "id = \"passport\"", 1),
            &["material `passport` accepts `text/plain`"],
        );
        // So is an unknown agency of the second service's `work-permit`.
        let text = with(
            &two_services_sharing_a_kind(),
            "agency = \"foreign-experts\"\n  title = { en = \"Recognition\"",
            "agency = \"police\"\n  title = { en = \"Recognition\"",
        );
        assert_one(
            &problems(&text),
            line(&text, "agency = \"police\""),
            &["service `hnte` names unknown agency `police`"],
        );
        // And, against the rules, a parameter or an output of that case.
        let text = with(
            &two_services_sharing_a_kind(),
            "\"hnte_national_review_working_days\"",
            "\"hnte_review_days\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "hnte_review_days"),
            &["case `work-permit` of service `hnte` names parameter `hnte_review_days`"],
        );
        let text = with(
            &two_services_sharing_a_kind(),
            "output = \"hnte_route\"",
            "output = \"route\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "at_filing_when"),
            &["case `work-permit` of service `hnte` reads output `route`"],
        );
    }

    #[test]
    fn a_case_key_before_its_kind_is_found_in_its_own_case() {
        // `agency` written before `kind` in the second case: its line, not the first case's.
        let text = with(
            MINIMAL,
            "  kind = \"permanent-residence\"\n  agency = \"exit-entry\"",
            "  agency = \"foreign-expert\"\n  kind = \"permanent-residence\"",
        );
        assert_one(
            &problems(&text),
            line(&text, "agency = \"foreign-expert\""),
            &["unknown agency `foreign-expert`"],
        );
    }

    #[test]
    fn keys_in_another_style_still_get_a_line_near_their_table() {
        // `id='x'` is not looked for: the error falls back to the nearest known place.
        let text = with(MINIMAL, "    id = \"photo\"", "    id='Photo'");
        let e = problems(&text);
        assert_eq!(e.len(), 1, "{e:#?}");
        let at = line_col_of_loose(&e[0]);
        assert!(
            (line(&text, "kind = \"permanent-residence\"")..=line(&text, "id='Photo'"))
                .contains(&at),
            "{}",
            e[0]
        );
        assert!(e[0].contains("material id `Photo`"), "{}", e[0]);
    }

    #[test]
    fn a_case_needs_exactly_one_time_limit() {
        let text = with(
            MINIMAL,
            "  period_parameter = \"permanent_residence_decision_period\"\n",
            "",
        );
        let e = problems(&text);
        assert_one(
            &e,
            line(&text, "kind = \"permanent-residence\""),
            &[
                "case `permanent-residence` of service `talent` has 0 statutory time limits",
                "working_days_parameter, working_days_output or period_parameter",
            ],
        );
        let text = with(
            MINIMAL,
            "  working_days_output = \"work_permit_decision_working_days\"",
            "  working_days_output = \"work_permit_decision_working_days\"\n  working_days_parameter = \"work_permit_working_days\"",
        );
        let e = problems(&text);
        assert_one(
            &e,
            line(&text, "kind = \"work-permit\""),
            &[
                "case `work-permit` of service `talent` has 2 statutory time limits",
                "exactly one",
            ],
        );
    }

    #[test]
    fn approval_at_filing_needs_a_supervision_period() {
        let text = with(
            FILING,
            "  supervision_days_parameter = \"hnte_filing_supervision_working_days\"\n",
            "",
        );
        let e = problems(&text);
        assert_one(
            &e,
            line(&text, "kind = \"recognition\""),
            &[
                "approved at filing but has no supervision_days_parameter",
                "rule parameter",
            ],
        );
    }

    #[test]
    fn supervision_fields_need_approval_at_filing() {
        for key in [
            "at_filing_when",
            "supervision_days_parameter",
            "supervision_risk_output",
        ] {
            // Reviewed, with only `key` of the filing keys left.
            let mut text = with(FILING, "  approval = \"at_filing\"\n", "");
            for other in [
                "at_filing_when",
                "supervision_days_parameter",
                "supervision_risk_output",
            ] {
                if other != key {
                    let l = text
                        .lines()
                        .find(|l| l.trim_start().starts_with(other))
                        .unwrap()
                        .to_string();
                    text = with(&text, &format!("{l}\n"), "");
                }
            }
            let e = problems(&text);
            assert_one(
                &e,
                line(&text, "kind = \"recognition\""),
                &[
                    "sets at_filing_when or supervision fields but is reviewed",
                    "approval = \"at_filing\"",
                ],
            );
        }
    }

    #[test]
    fn a_material_id_must_be_a_key() {
        for bad in ["Passport", "passport copy", "passport_copy", ""] {
            let text = with(MINIMAL, "id = \"passport\"", &format!("id = \"{bad}\""));
            let e = problems(&text);
            assert_one(
                &e,
                line(&text, &format!("id = \"{bad}\"")),
                &[
                    &format!("material id `{bad}` of case `work-permit` is not a key"),
                    "lower-case letters, digits and hyphens",
                ],
            );
        }
        let text = with(MINIMAL, "id = \"passport\"", "id = \"passport-2\"");
        Services::parse_named(NAME, &text).expect("digits and hyphens are fine");
    }

    #[test]
    fn a_material_twice_in_a_case_is_rejected_but_shared_between_cases_is_fine() {
        let text = with(
            MINIMAL,
            "    types = [\"image/jpeg\"]\n",
            "    types = [\"image/jpeg\"]\n    [[service.case.material]]\n    id = \"photo\"\n    title = { en = \"Photo\", zh = \"照片\" }\n",
        );
        let e = problems(&text);
        assert_one(
            &e,
            line_no(&text, "id = \"photo\"", 1),
            &[
                "case `permanent-residence` of service `talent` asks for material `photo` twice",
                "unique within a case",
            ],
        );
        // The same material in two cases of a service: asked for once on the form.
        let text = with(MINIMAL, "id = \"photo\"", "id = \"passport\"");
        let text = with(&text, "    types = [\"image/jpeg\"]\n", "");
        let s = Services::parse_named(NAME, &text).expect("shared material");
        let ids: Vec<&str> = s.services[0]
            .materials()
            .iter()
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(ids, ["passport"]);
    }

    #[test]
    fn a_material_shared_by_two_cases_must_be_the_same_file() {
        // `photo` in both cases of MINIMAL, alike: fine.
        let shared = with(
            MINIMAL,
            "    id = \"passport\"\n    title = { en = \"Passport\", zh = \"护照\" }\n",
            "    id = \"photo\"\n    title = { en = \"Photograph\", zh = \"照片\" }\n    types = [\"image/jpeg\"]\n",
        );
        Services::parse_named(NAME, &shared).expect("the same material twice, alike");
        // Types in another order are the same types.
        let text = shared
            .replacen(
                "types = [\"image/jpeg\"]",
                "types = [\"image/png\", \"image/jpeg\"]",
                1,
            )
            .replacen(
                "types = [\"image/jpeg\"]",
                "types = [\"image/jpeg\", \"image/png\"]",
                1,
            );
        Services::parse_named(NAME, &text).expect("order does not matter");
        // Other types in the second case.
        let text = shared.replacen("types = [\"image/jpeg\"]", "types = [\"image/png\"]", 1);
        assert_one(
            &problems(&text),
            line_no(&text, "id = \"photo\"", 1),
            &[
                "material `photo` of case `permanent-residence` differs in types from the same material of case `work-permit` of service `talent`",
                "same types and required, or another id",
            ],
        );
        // Optional in one case, required in the other.
        let text = with(
            &shared,
            "    types = [\"image/jpeg\"]\n  [[service.case]]",
            "    types = [\"image/jpeg\"]\n    required = false\n  [[service.case]]",
        );
        assert_one(
            &problems(&text),
            line_no(&text, "id = \"photo\"", 1),
            &["material `photo` of case `permanent-residence` differs in required"],
        );
    }

    #[test]
    fn a_material_type_outside_the_store_is_rejected() {
        let text = with(
            MINIMAL,
            "types = [\"image/jpeg\"]",
            "types = [\"image/jpeg\", \"image/gif\"]",
        );
        let e = problems(&text);
        assert_one(
            &e,
            line(&text, "id = \"photo\""),
            &[
                "material `photo` accepts `image/gif`",
                "application/pdf, image/png, image/jpeg",
            ],
        );
        let text = with(
            MINIMAL,
            "types = [\"image/jpeg\"]",
            "types = [\"IMAGE/JPEG\"]",
        );
        assert_one(
            &problems(&text),
            line(&text, "id = \"photo\""),
            &["`IMAGE/JPEG`"],
        );
    }

    #[test]
    fn a_material_without_types_is_rejected() {
        let text = with(MINIMAL, "types = [\"image/jpeg\"]", "types = []");
        let e = problems(&text);
        assert_one(
            &e,
            line(&text, "id = \"photo\""),
            &["material `photo` accepts no file type", "leave `types` out"],
        );
    }

    #[test]
    fn an_unknown_agency_is_rejected() {
        let text = with(
            MINIMAL,
            "agency = \"exit-entry\"",
            "agency = \"exit_entry\"",
        );
        let e = problems(&text);
        assert_one(
            &e,
            line(&text, "agency = \"exit_entry\""),
            &[
                "service `talent` names unknown agency `exit_entry`",
                "agencies are exit-entry, foreign-experts",
                "[agencies]",
            ],
        );
    }

    #[test]
    fn every_problem_is_reported_each_on_its_line() {
        let text = with(MINIMAL, "agency = \"exit-entry\"", "agency = \"police\"");
        let text = with(&text, "types = [\"image/jpeg\"]", "types = [\"image/bmp\"]");
        let text = with(&text, "id = \"passport\"", "id = \"Passport\"");
        let e = problems(&text);
        assert_eq!(e.len(), 3, "{e:#?}");
        let mut lines: Vec<usize> = e.iter().map(|e| line_col_of_loose(e)).collect();
        lines.sort();
        assert_eq!(
            lines,
            [
                line(&text, "id = \"Passport\""),
                line(&text, "\"police\""),
                line(&text, "id = \"photo\"")
            ]
        );
    }

    /// The line of an error, with or without a column.
    fn line_col_of_loose(error: &str) -> usize {
        let rest = error.strip_prefix(&format!("{NAME}:")).expect("named");
        rest.split(':')
            .next()
            .and_then(|l| l.parse().ok())
            .expect("line")
    }

    // --- Against the rules ---

    #[test]
    fn an_unknown_measure_is_rejected() {
        let text = with(
            MINIMAL,
            "measure = \"talent.one-window\"",
            "measure = \"talent.one-windows\"",
        );
        let e = rule_problems(&text);
        assert_at(
            &e[0],
            line(&text, "measure ="),
            &[
                "service `talent` uses measure `talent.one-windows`, which the rules do not define",
                "onestop measures",
            ],
        );
        // The outputs its cases read are then reported missing too, each on its line.
        assert_eq!(e.len(), 3, "{e:#?}");
        assert_at(
            &e[1],
            line(&text, "working_days_output"),
            &["talent.one-windows"],
        );
        assert_at(&e[2], line(&text, "open_when"), &["talent.one-windows"]);
    }

    #[test]
    fn the_entity_must_be_the_measures() {
        let text = with(MINIMAL, "entity = \"person\"", "entity = \"enterprise\"");
        assert_one(
            &rule_problems(&text),
            line(&text, "entity ="),
            &[
                "service `talent` is for `enterprise` but measure `talent.one-window` is for `person`",
            ],
        );
    }

    #[test]
    fn limit_parameters_must_exist() {
        for (from, to) in [
            (
                "working_days_parameter = \"hnte_national_review_working_days\"",
                "working_days_parameter = \"hnte_review_days\"",
            ),
            (
                "supervision_days_parameter = \"hnte_filing_supervision_working_days\"",
                "supervision_days_parameter = \"hnte_supervision_days\"",
            ),
        ] {
            let text = with(FILING, from, to);
            let p = to.split('"').nth(1).unwrap();
            assert_one(
                &rule_problems(&text),
                line(&text, to),
                &[
                    &format!(
                        "case `recognition` of service `hnte` names parameter `{p}`, which the rules do not define"
                    ),
                    "with its citation, in rules/",
                ],
            );
        }
        let text = with(
            MINIMAL,
            "\"permanent_residence_decision_period\"",
            "\"permanent_residence_period\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "period_parameter"),
            &[
                "names parameter `permanent_residence_period`",
                "a duration parameter",
            ],
        );
    }

    #[test]
    fn limit_parameters_must_have_the_right_type() {
        // Working days are an int, a period a duration.
        let text = with(
            FILING,
            "working_days_parameter = \"hnte_national_review_working_days\"",
            "working_days_parameter = \"permanent_residence_decision_period\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "working_days_parameter"),
            &[
                "`permanent_residence_decision_period` is duration, not int",
                "whole working days",
            ],
        );
        let text = with(
            FILING,
            "supervision_days_parameter = \"hnte_filing_supervision_working_days\"",
            "supervision_days_parameter = \"permanent_residence_decision_period\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "supervision_days_parameter"),
            &["`permanent_residence_decision_period` is duration, not int"],
        );
        let text = with(
            MINIMAL,
            "\"permanent_residence_decision_period\"",
            "\"work_permit_working_days\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "period_parameter"),
            &[
                "`work_permit_working_days` is int, not duration",
                "`6 months`",
            ],
        );
    }

    /// A small valid file with two reminders on one case: dates the applicant keeps after
    /// approval, read from date outputs of the measure.
    const VEHICLES: &str = r#"[agencies]
customs = { en = "Customs", zh = "海关" }

[[service]]
id = "vehicles"
entity = "enterprise"
measure = "enterprise.rd-vehicle-import"
source = "001_0cbca1dd9c1e8cc0.txt §27"
title = { en = "Test vehicles", zh = "测试车辆" }
  [[service.case]]
  kind = "vehicle-import"
  agency = "customs"
  title = { en = "Temporary import", zh = "暂时进境" }
  working_days_parameter = "rd_vehicle_import_working_days"
  licence = false
    [[service.case.reminder]]
    output = "vehicle_reexport_due_date"
    title = { en = "Re-export by", zh = "复运出境日期" }
    notice_days = 15
    [[service.case.reminder]]
    output = "vehicle_ordinary_due_date"
    title = { en = "Ordinary re-export by", zh = "一般复运出境日期" }
    [[service.case.material]]
    id = "vehicle-list"
    title = { en = "List of vehicles", zh = "车辆清单" }
"#;

    #[test]
    fn licence_and_reminders_parse_with_their_defaults() {
        let s = Services::parse_named(NAME, VEHICLES).expect("vehicles");
        let c = &s.services[0].cases[0];
        assert!(!c.licence);
        assert_eq!(c.reminders.len(), 2);
        assert_eq!(c.reminders[0].notice_days, 15);
        assert_eq!(c.reminders[1].notice_days, 30, "notice_days defaults to 30");
        assert!(c.validity_parameter.is_none());
        against_rules(VEHICLES).expect("vehicles against the rules");
        let m = Services::parse_named(NAME, MINIMAL).expect("minimal");
        assert!(
            m.services[0].cases[0].licence,
            "a case issues a licence by default"
        );
        assert!(m.services[0].cases[0].reminders.is_empty());
        // Their keys are checked like the others.
        let text = with(VEHICLES, "    notice_days = 15", "    notice = 15");
        let e = problems(&text);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(e[0].contains("unknown field `notice`"), "{}", e[0]);
        assert_eq!(line_col_of(&e[0]).0, line(&text, "notice = 15"));
        let text = with(VEHICLES, "    notice_days = 15", "    notice_days = -1");
        let e = problems(&text);
        assert_eq!(
            line_col_of(&e[0]).0,
            line(&text, "notice_days = -1"),
            "{}",
            e[0]
        );
        let text = with(VEHICLES, "  licence = false", "  licence = \"no\"");
        let e = problems(&text);
        assert!(e[0].contains("invalid type"), "{}", e[0]);
        assert_eq!(line_col_of(&e[0]).0, line(&text, "licence = \"no\""));
    }

    #[test]
    fn a_reminder_reads_a_date_output_of_the_measure() {
        // The second reminder's output: reported at that reminder, not the first.
        let text = with(
            VEHICLES,
            "output = \"vehicle_ordinary_due_date\"",
            "output = \"vehicle_return_date\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "vehicle_return_date"),
            &[
                "case `vehicle-import` of service `vehicles` reads output `vehicle_return_date`, which measure `enterprise.rd-vehicle-import` does not have",
            ],
        );
        let text = with(
            VEHICLES,
            "output = \"vehicle_reexport_due_date\"",
            "output = \"vehicle_permitted_period\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "vehicle_permitted_period"),
            &[
                "output `vehicle_permitted_period` is duration",
                "needs a date",
            ],
        );
    }

    #[test]
    fn the_validity_must_be_a_duration_parameter() {
        let s = Services::parse_named(NAME, FILING).expect("filing");
        assert_eq!(
            s.services[0].cases[0].validity_parameter.as_deref(),
            Some("hnte_certificate_validity")
        );
        assert!(
            Services::parse_named(NAME, MINIMAL)
                .expect("minimal")
                .services[0]
                .cases[0]
                .validity_parameter
                .is_none(),
            "no validity: the licence prints no term"
        );
        let text = with(
            FILING,
            "\"hnte_certificate_validity\"",
            "\"hnte_certificate_term\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "validity_parameter"),
            &[
                "case `recognition` of service `hnte` names parameter `hnte_certificate_term`, which the rules do not define",
                "a duration parameter such as `3 years`",
            ],
        );
        let text = with(
            FILING,
            "\"hnte_certificate_validity\"",
            "\"hnte_national_review_working_days\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "validity_parameter"),
            &["`hnte_national_review_working_days` is int, not duration"],
        );
    }

    #[test]
    fn outputs_must_be_on_the_measure() {
        let cases: [(&str, &str, &str, &str); 4] = [
            (
                MINIMAL,
                "\"work_permit_decision_working_days\"",
                "\"work_permit_days\"",
                "working_days_output",
            ),
            (
                MINIMAL,
                "output = \"permanent_residence_eligible\"",
                "output = \"pr_eligible\"",
                "open_when",
            ),
            (
                FILING,
                "output = \"hnte_route\"",
                "output = \"route\"",
                "at_filing_when",
            ),
            (
                FILING,
                "\"hnte_filing_supervision_risk\"",
                "\"hnte_risk\"",
                "supervision_risk_output",
            ),
        ];
        for (base, from, to, key) in cases {
            let text = with(base, from, to);
            let o = to.split('"').nth(1).unwrap();
            let e = rule_problems(&text);
            assert_one(
                &e,
                line(&text, key),
                &[
                    &format!("reads output `{o}`, which measure"),
                    "does not have",
                    "`outputs` line",
                ],
            );
        }
        // A definition of the rules that the measure does not output.
        let text = with(
            MINIMAL,
            "\"work_permit_decision_working_days\"",
            "\"category_a_permit_working_days\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "working_days_output"),
            &["reads output `category_a_permit_working_days`"],
        );
    }

    #[test]
    fn outputs_must_have_the_right_type() {
        let text = with(
            MINIMAL,
            "\"work_permit_decision_working_days\"",
            "\"permanent_residence_eligible\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "working_days_output"),
            &[
                "output `permanent_residence_eligible` is bool, and working_days_output needs a whole number of working days",
            ],
        );
        let text = with(
            FILING,
            "\"hnte_filing_supervision_risk\"",
            "\"hnte_rd_intensity\"",
        );
        let e = rule_problems(&text);
        assert_one(
            &e,
            line(&text, "supervision_risk_output"),
            &[
                "output `hnte_rd_intensity` is",
                "supervision_risk_output needs a bool",
            ],
        );
        let text = with(
            MINIMAL,
            "output = \"permanent_residence_eligible\"",
            "output = \"work_permit_decision_working_days\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "open_when"),
            &[
                "output `work_permit_decision_working_days` is int, and open_when needs a bool or an enumeration",
            ],
        );
    }

    #[test]
    fn conditions_must_name_a_value_of_the_output() {
        let text = with(MINIMAL, "equals = \"true\"", "equals = \"yes\"");
        assert_one(
            &rule_problems(&text),
            line(&text, "open_when"),
            &[
                "output `permanent_residence_eligible` is bool",
                "`equals` one of its values",
            ],
        );
        let text = with(MINIMAL, "equals = \"true\"", "equals = \"false\"");
        against_rules(&text).expect("false is a bool value");
        let text = with(
            FILING,
            "equals = \"hnte_route_filing\"",
            "equals = \"filing\"",
        );
        assert_one(
            &rule_problems(&text),
            line(&text, "at_filing_when"),
            &[
                "output `hnte_route` is hnte_route",
                "`equals` one of its values",
            ],
        );
        let text = with(
            FILING,
            "equals = \"hnte_route_filing\"",
            "equals = \"hnte_route_national\"",
        );
        against_rules(&text).expect("another value of the enumeration");
    }
}
