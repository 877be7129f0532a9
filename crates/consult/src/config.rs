//! The time limits of consultation (`config/consultation.toml`, replaced by the
//! operator's `DATA/consultation.toml`): working days to answer a question, and the
//! bounds of a draft measure's opinion period. The process holds one ([`current`],
//! [`install`]); a bad file is refused with its name, line and a hint.

use serde::Deserialize;
use std::path::Path;
use std::sync::{Arc, RwLock};

pub const DATA_FILE: &str = "consultation.toml";
pub const SHIPPED: &str = include_str!("../../../config/consultation.toml");

#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
struct File {
    consultation: Limits,
}

/// The limits, in working days.
#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    pub answer_working_days: i64,
    pub opinion_min_working_days: i64,
    pub opinion_max_working_days: i64,
}

/// The most working days any limit may be (about a year).
const MAX_DAYS: i64 = 250;

/// The line of `text` where `key` is written (for errors about a value, not syntax).
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|l| l.trim_start().starts_with(key))
        .map_or(1, |i| i + 1)
}

impl Limits {
    /// Reads the file's text; errors name the line and say what would fit.
    pub fn parse(text: &str) -> Result<Limits, String> {
        let f: File = toml::from_str(text).map_err(|e| {
            let at = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            let hint = "hint: the file is one [consultation] table with answer_working_days, opinion_min_working_days and opinion_max_working_days (whole numbers)";
            match at {
                Some(l) => format!("line {l}: {}; {hint}", e.message().trim()),
                None => format!("{}; {hint}", e.message().trim()),
            }
        })?;
        let l = f.consultation;
        for (key, v) in [
            ("answer_working_days", l.answer_working_days),
            ("opinion_min_working_days", l.opinion_min_working_days),
            ("opinion_max_working_days", l.opinion_max_working_days),
        ] {
            if !(1..=MAX_DAYS).contains(&v) {
                return Err(format!(
                    "line {}: {key} = {v} is out of range; hint: give a number of working days from 1 to {MAX_DAYS}",
                    line_of(text, key)
                ));
            }
        }
        if l.opinion_min_working_days > l.opinion_max_working_days {
            return Err(format!(
                "line {}: opinion_min_working_days ({}) is above opinion_max_working_days ({}); hint: the minimum must not exceed the maximum",
                line_of(text, "opinion_min_working_days"),
                l.opinion_min_working_days,
                l.opinion_max_working_days
            ));
        }
        Ok(l)
    }

    /// The shipped limits.
    pub fn shipped() -> Limits {
        Limits::parse(SHIPPED).unwrap_or(Limits {
            answer_working_days: 10,
            opinion_min_working_days: 5,
            opinion_max_working_days: 60,
        })
    }

    /// `DIR/consultation.toml` when present, else the shipped file; the name of what
    /// was read comes back for the start-up line.
    pub fn load(dir: &Path) -> Result<(String, Limits), String> {
        let path = dir.join(DATA_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => Limits::parse(&text)
                .map(|l| (path.display().to_string(), l))
                .map_err(|e| format!("{}: {e}", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Limits::parse(SHIPPED)
                .map(|l| ("config/consultation.toml".to_string(), l))
                .map_err(|e| format!("config/consultation.toml: {e}")),
            Err(e) => Err(format!("{}: cannot read: {e}", path.display())),
        }
    }
}

static CURRENT: RwLock<Option<Arc<Limits>>> = RwLock::new(None);

/// The limits of this process (the shipped ones until [`install`]).
pub fn current() -> Limits {
    let held = match CURRENT.read() {
        Ok(g) => g.clone(),
        Err(p) => p.into_inner().clone(),
    };
    held.map_or_else(Limits::shipped, |l| *l)
}

/// Makes `l` the process's limits.
pub fn install(l: Limits) {
    let mut g = match CURRENT.write() {
        Ok(g) => g,
        Err(p) => p.into_inner(),
    };
    *g = Some(Arc::new(l));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_file_parses() {
        let l = Limits::parse(SHIPPED).expect("shipped");
        assert_eq!(l.answer_working_days, 10);
        assert!(l.opinion_min_working_days <= l.opinion_max_working_days);
    }

    #[test]
    fn bad_files_are_refused_with_line_and_hint() {
        let e = Limits::parse("[consultation]\nanswer_working_days = 10\nopinion_min_working_days = 5\nopinion_max_working_days = 60\nother = 1\n")
            .expect_err("unknown key");
        assert!(e.contains("line 5") && e.contains("hint:"), "{e}");
        let e = Limits::parse("[consultation]\nanswer_working_days = 0\nopinion_min_working_days = 5\nopinion_max_working_days = 60\n")
            .expect_err("zero days");
        assert!(e.starts_with("line 2: answer_working_days = 0"), "{e}");
        let e = Limits::parse("[consultation]\nanswer_working_days = 3\nopinion_min_working_days = 50\nopinion_max_working_days = 6\n")
            .expect_err("min above max");
        assert!(e.starts_with("line 3:"), "{e}");
        let e = Limits::parse("[consultation]\nanswer_working_days = \"ten\"\n").expect_err("text");
        assert!(e.contains("line 2"), "{e}");
        let dir = std::env::temp_dir().join(format!("consult-cfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join(DATA_FILE), "[consultation]\nanswer_working_days = 3\nopinion_min_working_days = 5\nopinion_max_working_days = 20\n").expect("write");
        let (name, l) = Limits::load(&dir).expect("operator file");
        assert!(name.ends_with(DATA_FILE));
        assert_eq!(l.answer_working_days, 3);
        std::fs::write(dir.join(DATA_FILE), "nonsense").expect("write");
        let e = Limits::load(&dir).expect_err("bad file");
        assert!(e.contains(DATA_FILE), "{e}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
