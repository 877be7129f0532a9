//! The one-window services: what one submission opens, at which agencies, under
//! which rule. Operating data: the shipped `config/services.toml` is embedded as the
//! default, and an operator's `<data>/services.toml` replaces it (checked at start
//! and by `onestop services check`, with `file:line:column` and a hint).

use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Deserialize)]
pub struct Text {
    pub en: String,
    pub zh: String,
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

/// The line where `needle` first appears after the line of `after` (to point at a value
/// that parsed but does not make sense).
fn line_of(text: &str, needle: &str, after: &str) -> usize {
    let start = text.find(after).unwrap_or(0);
    text[start..]
        .find(needle)
        .map(|i| line_col(text, start + i).0)
        .unwrap_or(1)
}

impl Services {
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
        for svc in &s.services {
            let at = format!("id = \"{}\"", svc.id);
            if !seen.insert(svc.id.as_str()) {
                problems.push(format!(
                    "{name}:{}: error: service `{}` is defined twice (hint: service ids are unique)",
                    line_of(text, &at, ""),
                    svc.id
                ));
            }
            if svc.cases.is_empty() {
                problems.push(format!(
                    "{name}:{}: error: service `{}` opens no case (hint: add a [[service.case]] with kind, agency and title)",
                    line_of(text, &at, ""),
                    svc.id
                ));
            }
            let mut kinds = std::collections::BTreeSet::new();
            for c in &svc.cases {
                let case_at = format!("kind = \"{}\"", c.kind);
                let line = line_of(text, &case_at, &at);
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
                for m in &c.materials {
                    let m_line = line_of(text, &format!("id = \"{}\"", m.id), &case_at);
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
                        line_of(text, &format!("agency = \"{}\"", c.agency), &at),
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
        for svc in &self.services {
            let at = format!("id = \"{}\"", svc.id);
            match program.measures.iter().find(|m| m.id == svc.measure) {
                None => problems.push(format!(
                    "{name}:{}: error: service `{}` uses measure `{}`, which the rules do not define (hint: `onestop measures` lists them)",
                    line_of(text, &format!("measure = \"{}\"", svc.measure), &at),
                    svc.id,
                    svc.measure
                )),
                Some(m) if program.entities[m.entity.index()].name != svc.entity => problems.push(format!(
                    "{name}:{}: error: service `{}` is for `{}` but measure `{}` is for `{}` (hint: the entity must be the measure's)",
                    line_of(text, &format!("entity = \"{}\"", svc.entity), &at),
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
            for c in &svc.cases {
                let case_at = format!("kind = \"{}\"", c.kind);
                let mut param = |key: &str,
                                 p: &Option<String>,
                                 want: onestop_lang::Type,
                                 what: &str| {
                    let Some(p) = p else { return };
                    let line = line_of(text, &format!("{key} = \"{p}\""), &case_at);
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
                let mut output = |key: &str,
                                  o: &str,
                                  ok: &dyn Fn(&onestop_lang::Type) -> bool,
                                  what: &str| {
                    let line = line_of(text, key, &case_at);
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
