//! Which agency answers questions about a measure: the first of the catalogue's
//! responsible organisations (`catalog/measures.toml` `responsible`, lead first) that
//! `tracker.toml` `[responsible]` maps to an agency, its first agency; when none is
//! mapped, the tracker's supervising office. One source of truth: the mapping is the
//! tracker's, read, never copied.

use onestop_catalog::MeasureEntry;
use onestop_store::{Result, ServiceError};
use onestop_tracker::config::TrackerConfig;

/// The catalogue's entry of a measure, or 404.
pub fn measure(id: &str) -> Result<&'static MeasureEntry> {
    onestop_catalog::embedded().get(id).ok_or_else(|| {
        ServiceError::NotFound(format!(
            "no measure {:?} in the catalogue; the list is at /measures",
            id.replace('\0', "")
        ))
    })
}

/// The agency that answers questions about `m` under `config`.
pub fn agency_for(m: &MeasureEntry, config: &TrackerConfig) -> Option<String> {
    m.responsible
        .iter()
        .filter_map(|org| config.responsible.get(org))
        .flatten()
        .next()
        .or_else(|| config.supervisors.first())
        .cloned()
}

/// The agency that answers questions about the measure `id` in this process.
pub fn route(id: &str) -> Result<(&'static MeasureEntry, String)> {
    let m = measure(id)?;
    let agency = agency_for(m, &onestop_tracker::config::current()).ok_or_else(|| {
        ServiceError::invalid(
            "measure",
            format!(
                "no agency answers questions about {id:?}: tracker.toml names none for {} and no supervising office",
                m.responsible.join("; ")
            ),
        )
    })?;
    Ok((m, agency))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lead_organisation_answers_and_the_supervisor_otherwise() {
        let c = TrackerConfig::shipped();
        let catalog = onestop_catalog::embedded();
        let m = catalog
            .get("talent.category-a-fast-track")
            .expect("measure");
        let a = agency_for(m, &c).expect("agency");
        let lead = c
            .responsible
            .get(&m.responsible[0])
            .and_then(|v| v.first())
            .cloned()
            .unwrap_or_else(|| c.supervisors[0].clone());
        assert_eq!(a, lead, "{:?}", m.responsible);
        let mut orphan = m.clone();
        orphan.responsible = vec!["Nobody in particular".into()];
        assert_eq!(agency_for(&orphan, &c).as_deref(), Some("sci-tech"));
        assert!(route("gov.no-such-measure").is_err());
    }
}
