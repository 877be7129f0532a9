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

#[derive(Debug, Clone, Deserialize)]
pub struct CaseTemplate {
    pub kind: String,
    pub agency: String,
    pub title: Text,
    /// Parameter of the rules giving the statutory deadline in working days, if any.
    pub working_days_parameter: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Service {
    pub id: String,
    pub entity: String,
    pub measure: String,
    #[serde(default)]
    pub require_eligible: bool,
    pub source: String,
    pub title: Text,
    #[serde(rename = "case")]
    pub cases: Vec<CaseTemplate>,
}

#[derive(Debug, Clone, Deserialize)]
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
            for c in &svc.cases {
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
            for c in &svc.cases {
                if let Some(p) = &c.working_days_parameter
                    && program.param(p).is_none()
                {
                    problems.push(format!(
                        "{name}:{}: error: case `{}` of service `{}` counts its deadline with `{p}`, which the rules do not define (hint: name a parameter of whole working days, with its citation, in rules/)",
                        line_of(text, &format!("working_days_parameter = \"{p}\""), &at),
                        c.kind,
                        svc.id
                    ));
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
