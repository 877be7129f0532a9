//! The one rule that says which scenarios an enterprise is shown and in what order
//! (001_0cbca1dd9c1e8cc0.txt §25 "supply and demand collaboration"): a scenario is
//! suggested when the enterprise works in the scenario's industry or offers at least
//! one capability the scenario seeks. Rank: the industry counts 2, each shared
//! capability 1. The reason is returned with the suggestion, so that the reader sees
//! why (the same rule scores each solution for the agency).

use serde::Serialize;

/// Why a scenario is (or is not) suggested to an enterprise.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Match {
    /// The enterprise's industry is the scenario's.
    pub same_industry: bool,
    /// The capabilities sought that the enterprise offers, sorted.
    pub shared_capabilities: Vec<String>,
    /// 2 for the industry + 1 per shared capability.
    pub score: i64,
    /// Suggested: same industry or at least one shared capability.
    pub suggested: bool,
    /// The reason in words (English; the portal words it in the reader's language
    /// from the fields above).
    pub reason: String,
}

/// Matches an enterprise (its industry and capabilities, as normalised words) against
/// a scenario's industry and sought capabilities.
pub fn match_scenario(
    scenario_industry: &str,
    sought: &[String],
    industry: &str,
    capabilities: &[String],
) -> Match {
    let same_industry = scenario_industry == industry;
    let mut shared: Vec<String> = sought
        .iter()
        .filter(|c| capabilities.contains(c))
        .cloned()
        .collect();
    shared.sort();
    shared.dedup();
    let score = 2 * i64::from(same_industry) + shared.len() as i64;
    let suggested = same_industry || !shared.is_empty();
    let reason = match (same_industry, shared.is_empty()) {
        (true, true) => {
            format!("same industry ({scenario_industry}); no capability sought is offered")
        }
        (true, false) => format!(
            "same industry ({scenario_industry}) and the capabilities sought that you offer: {}",
            shared.join(", ")
        ),
        (false, false) => format!(
            "the capabilities sought that you offer: {} (the scenario is in {scenario_industry})",
            shared.join(", ")
        ),
        (false, true) => format!(
            "not suggested: another industry ({scenario_industry}) and none of the capabilities sought ({})",
            sought.join(", ")
        ),
    };
    Match {
        same_industry,
        shared_capabilities: shared,
        score,
        suggested,
        reason,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(x: &[&str]) -> Vec<String> {
        x.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn industry_or_a_shared_capability_suggests_and_the_reason_says_which() {
        let sought = v(&["computer-vision", "5g"]);
        let m = match_scenario("transport", &sought, "transport", &v(&["5g"]));
        assert!(m.suggested);
        assert_eq!(m.score, 3);
        assert!(m.reason.contains("same industry (transport)") && m.reason.contains("5g"));
        let m = match_scenario("transport", &sought, "health", &v(&["computer-vision"]));
        assert!(m.suggested);
        assert_eq!(m.score, 1);
        assert_eq!(m.shared_capabilities, v(&["computer-vision"]));
        let m = match_scenario("transport", &sought, "transport", &v(&["blockchain"]));
        assert_eq!((m.suggested, m.score), (true, 2));
        let m = match_scenario("transport", &sought, "health", &v(&["blockchain"]));
        assert!(!m.suggested);
        assert!(m.reason.starts_with("not suggested"));
    }
}
