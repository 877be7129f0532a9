//! What changed between two matching runs for one account: pure, so the rule that
//! decides who is told what is tested without a database.

use std::collections::{BTreeSet, HashSet};

/// A change in one account's eligibility for one measure.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// Eligible now, not at the last run (or there was no run before).
    Gained(String),
    /// Eligible at the last run, not now; `status` is what it is now:
    /// `not_eligible`, `undetermined` or `withdrawn` (the rules no longer have it).
    Lost {
        measure: String,
        status: &'static str,
    },
}

impl Change {
    pub fn measure(&self) -> &str {
        match self {
            Change::Gained(m) => m,
            Change::Lost { measure, .. } => measure,
        }
    }
}

/// The changes from `before` (eligible at the last run) to `now` (eligible now,
/// with the measures now undetermined and every measure the rules still have), in
/// measure order.
pub fn changes(
    before: &HashSet<String>,
    eligible: &[String],
    undetermined: &[String],
    measures_in_rules: &HashSet<String>,
) -> Vec<Change> {
    let now: BTreeSet<&str> = eligible.iter().map(String::as_str).collect();
    let mut out: Vec<Change> = now
        .iter()
        .filter(|m| !before.contains(**m))
        .map(|m| Change::Gained(m.to_string()))
        .collect();
    let mut gone: Vec<&String> = before
        .iter()
        .filter(|m| !now.contains(m.as_str()))
        .collect();
    gone.sort();
    for m in gone {
        let status = if !measures_in_rules.contains(m) {
            "withdrawn"
        } else if undetermined.iter().any(|u| u == m) {
            "undetermined"
        } else {
            "not_eligible"
        };
        out.push(Change::Lost {
            measure: m.clone(),
            status,
        });
    }
    out.sort();
    out
}

/// The group of a measure id: what comes before its first dot (`enterprise` of
/// `enterprise.tech-transfer-tax`).
pub fn group_of(measure: &str) -> &str {
    measure.split('.').next().unwrap_or(measure)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(items: &[&str]) -> HashSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }
    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn new_and_lost_eligibilities_and_why_lost() {
        let rules = set(&["a.x", "a.y", "b.z"]);
        let before = set(&["a.y", "b.z", "c.gone"]);
        let got = changes(&before, &v(&["a.x", "b.z"]), &v(&["a.y"]), &rules);
        assert_eq!(
            got,
            vec![
                Change::Gained("a.x".into()),
                Change::Lost {
                    measure: "a.y".into(),
                    status: "undetermined"
                },
                Change::Lost {
                    measure: "c.gone".into(),
                    status: "withdrawn"
                },
            ]
        );
    }

    #[test]
    fn nothing_changed_nothing_said() {
        let rules = set(&["a.x"]);
        assert!(changes(&set(&["a.x"]), &v(&["a.x"]), &[], &rules).is_empty());
        assert!(changes(&set(&[]), &[], &v(&["a.x"]), &rules).is_empty());
    }

    #[test]
    fn a_lost_measure_that_is_simply_false_is_not_eligible() {
        let rules = set(&["a.x"]);
        assert_eq!(
            changes(&set(&["a.x"]), &[], &[], &rules),
            vec![Change::Lost {
                measure: "a.x".into(),
                status: "not_eligible"
            }]
        );
    }

    #[test]
    fn groups() {
        assert_eq!(group_of("enterprise.tech-transfer-tax"), "enterprise");
        assert_eq!(group_of("plain"), "plain");
    }
}
