//! How each agency keeps its statutory time limits, from the decided cases: the
//! share decided on or before the deadline, and the median working days a service
//! takes from acceptance to decision (days the clock stood still not counted). The
//! public performance page shows it (000 §15(1), 003 §25: decisions within the
//! statutory limits, in the open).

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::Row;
use std::collections::BTreeMap;

use crate::store::CaseService;
use onestop_store::Result;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AgencyPerformance {
    pub agency: String,
    /// Decided cases that had a deadline.
    pub decided: usize,
    pub on_time: usize,
    /// `on_time / decided` in whole per cent (rounded down), none without decisions.
    pub on_time_percent: Option<u32>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ServicePerformance {
    pub service: String,
    pub decided: usize,
    /// Median working days from acceptance to decision; for an even count, the lower
    /// of the two middle values (a whole number of days, as the law counts them).
    pub median_working_days: Option<i64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Performance {
    pub agencies: Vec<AgencyPerformance>,
    pub services: Vec<ServicePerformance>,
}

impl CaseService {
    /// Every agency of the services (those without decisions too) and every service.
    pub async fn performance(&self) -> Result<Performance> {
        let rows = sqlx::query("SELECT c.agency, b.service, c.accepted_on, c.deadline, c.decided_on, c.suspended_days FROM cases c JOIN bundles b ON b.id = c.bundle_id WHERE c.accepted_on IS NOT NULL AND c.decided_on IS NOT NULL AND c.state IN ('approved', 'rejected')")
            .fetch_all(&self.db.pool)
            .await?;
        let calendar = onestop_calendar::current();
        let mut agencies: BTreeMap<String, (usize, usize)> = self
            .services
            .agencies
            .keys()
            .map(|a| (a.clone(), (0, 0)))
            .collect();
        let mut services: BTreeMap<String, Vec<i64>> = self
            .services
            .services
            .iter()
            .map(|s| (s.id.clone(), Vec::new()))
            .collect();
        let date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        for r in rows {
            let agency: String = r.try_get("agency")?;
            let service: String = r.try_get("service")?;
            let accepted: String = r.try_get("accepted_on")?;
            let deadline: Option<String> = r.try_get("deadline")?;
            let decided: String = r.try_get("decided_on")?;
            let suspended: i64 = r.try_get("suspended_days")?;
            let (Some(accepted), Some(decided_on)) = (date(&accepted), date(&decided)) else {
                continue;
            };
            if let Some(deadline) = deadline {
                let entry = agencies.entry(agency).or_insert((0, 0));
                entry.0 += 1;
                if decided <= deadline {
                    entry.1 += 1;
                }
            }
            if let Ok(days) = calendar.working_days_between(accepted, decided_on) {
                services
                    .entry(service)
                    .or_default()
                    .push((days - suspended).max(0));
            }
        }
        Ok(Performance {
            agencies: agencies
                .into_iter()
                .map(|(agency, (decided, on_time))| AgencyPerformance {
                    agency,
                    decided,
                    on_time,
                    on_time_percent: (decided > 0).then(|| (on_time * 100 / decided) as u32),
                })
                .collect(),
            services: services
                .into_iter()
                .map(|(service, mut days)| {
                    days.sort_unstable();
                    ServicePerformance {
                        service,
                        decided: days.len(),
                        median_working_days: (!days.is_empty()).then(|| days[(days.len() - 1) / 2]),
                    }
                })
                .collect(),
        })
    }
}
