//! The one-window services (`config/services.toml`): what one submission opens.

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

impl Services {
    pub fn parse(text: &str) -> Result<Services, String> {
        let s: Services = toml::from_str(text).map_err(|e| format!("config/services.toml: {e}"))?;
        for svc in &s.services {
            for c in &svc.cases {
                if !s.agencies.contains_key(&c.agency) {
                    return Err(format!(
                        "config/services.toml: service `{}` names unknown agency `{}`",
                        svc.id, c.agency
                    ));
                }
            }
        }
        Ok(s)
    }

    /// The shipped services, embedded at build time.
    pub fn shipped() -> Result<Services, String> {
        Services::parse(include_str!("../../../config/services.toml"))
    }

    pub fn get(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }
}
