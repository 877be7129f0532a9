//! Who speaks for whom in the tracker (`config/tracker.toml`, replaced by the
//! operator's `DATA/tracker.toml`): the agencies whose officers record progress for
//! each responsible organisation, and the agencies that supervise (export) the
//! tracker. The process holds one ([`current`], [`install`]).

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, RwLock};

pub const DATA_FILE: &str = "tracker.toml";
pub const SHIPPED: &str = include_str!("../../../config/tracker.toml");

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TrackerConfig {
    /// Agencies that supervise the tracker.
    pub supervisors: Vec<String>,
    /// Organisation name (as the catalogue writes it) -> agencies speaking for it.
    #[serde(default)]
    pub responsible: BTreeMap<String, Vec<String>>,
}

impl TrackerConfig {
    /// Reads the file's text; errors name the line.
    pub fn parse(text: &str) -> Result<TrackerConfig, String> {
        toml::from_str(text).map_err(|e| {
            match e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
            {
                Some(l) => format!("line {l}: {}", e.message()),
                None => e.message().to_string(),
            }
        })
    }

    pub fn shipped() -> TrackerConfig {
        TrackerConfig::parse(SHIPPED).unwrap_or(TrackerConfig {
            supervisors: Vec::new(),
            responsible: BTreeMap::new(),
        })
    }

    /// `DIR/tracker.toml` when present, else the shipped file; every agency named
    /// must be one of `agencies` (the services file's).
    pub fn load(dir: &Path, agencies: &[&str]) -> Result<TrackerConfig, String> {
        let path = dir.join(DATA_FILE);
        let (name, c) = match std::fs::read_to_string(&path) {
            Ok(text) => (
                path.display().to_string(),
                TrackerConfig::parse(&text).map_err(|e| format!("{}: {e}", path.display()))?,
            ),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => (
                "config/tracker.toml".to_string(),
                TrackerConfig::parse(SHIPPED).map_err(|e| format!("config/tracker.toml: {e}"))?,
            ),
            Err(e) => return Err(format!("{}: cannot read: {e}", path.display())),
        };
        for a in c.supervisors.iter().chain(c.responsible.values().flatten()) {
            if !agencies.contains(&a.as_str()) {
                return Err(format!(
                    "{name}: unknown agency {a:?}; the services file has: {}",
                    agencies.join(", ")
                ));
            }
        }
        Ok(c)
    }

    /// The agencies that speak for a measure's responsible organisations.
    pub fn agencies_for(&self, responsible: &[String]) -> Vec<String> {
        let mut out: Vec<String> = responsible
            .iter()
            .filter_map(|org| self.responsible.get(org))
            .flatten()
            .cloned()
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

static CURRENT: RwLock<Option<Arc<TrackerConfig>>> = RwLock::new(None);

/// The tracker configuration of this process (the shipped one until [`install`]).
pub fn current() -> Arc<TrackerConfig> {
    let held = match CURRENT.read() {
        Ok(g) => g.clone(),
        Err(p) => p.into_inner().clone(),
    };
    held.unwrap_or_else(|| Arc::new(TrackerConfig::shipped()))
}

/// Makes `c` the process's configuration.
pub fn install(c: TrackerConfig) {
    let mut g = match CURRENT.write() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    *g = Some(Arc::new(c));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_parses_and_names_the_commission() {
        let c = TrackerConfig::parse(SHIPPED).expect("shipped file");
        assert_eq!(c.supervisors, vec!["sci-tech"]);
        assert_eq!(
            c.agencies_for(&[
                "Beijing Commission of Science and Technology".into(),
                "Beijing Public Security Bureau".into(),
                "Nobody in particular".into()
            ]),
            vec!["exit-entry", "sci-tech"]
        );
    }

    #[test]
    fn unknown_agencies_and_keys_are_refused_with_where() {
        let dir = std::env::temp_dir().join(format!("tracker-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join(DATA_FILE), "supervisors = [\"nobody\"]\n").expect("write");
        let e = TrackerConfig::load(&dir, &["sci-tech"]).expect_err("unknown agency");
        assert!(e.contains("unknown agency \"nobody\""), "{e}");
        std::fs::write(dir.join(DATA_FILE), "supervisors = []\nother = 1\n").expect("write");
        let e = TrackerConfig::load(&dir, &["sci-tech"]).expect_err("unknown key");
        assert!(e.contains("line 2"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
