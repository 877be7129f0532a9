//! What "overdue" means, computed from what was recorded: a measure is overdue when
//! it is still `planned` or `in-progress` and its completion date (the revised one
//! when an officer recorded one, else the source's time of completion, the last day
//! of its month) has passed. A measure nobody recorded yet starts from the
//! catalogue's status. Pure, so the rule is tested without a database.

use chrono::{Datelike, NaiveDate};

/// A recorded implementation status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Progress {
    /// Not started: to be formulated, explored or built.
    Planned,
    /// Under way.
    InProgress,
    /// Done (in force, shipped, delivered).
    Completed,
    /// Continuing work without an end date.
    Ongoing,
}

impl Progress {
    pub const ALL: &'static [Progress] = &[
        Progress::Planned,
        Progress::InProgress,
        Progress::Completed,
        Progress::Ongoing,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Progress::Planned => "planned",
            Progress::InProgress => "in-progress",
            Progress::Completed => "completed",
            Progress::Ongoing => "ongoing",
        }
    }

    pub fn parse(s: &str) -> Option<Progress> {
        Progress::ALL.iter().copied().find(|p| p.as_str() == s)
    }

    /// Where a measure nobody recorded starts: the catalogue's status as the sources
    /// state it (`in-force` is done, a `pilot` is under way).
    pub fn from_catalogue(status: &str) -> Progress {
        match status {
            "in-force" => Progress::Completed,
            "pilot" => Progress::InProgress,
            "ongoing" => Progress::Ongoing,
            _ => Progress::Planned,
        }
    }

    /// Whether the measure still has a date to keep.
    pub fn open(self) -> bool {
        matches!(self, Progress::Planned | Progress::InProgress)
    }
}

/// The last day of a `YYYY-MM` month.
pub fn end_of_month(year_month: &str) -> Option<NaiveDate> {
    let first = NaiveDate::parse_from_str(&format!("{year_month}-01"), "%Y-%m-%d").ok()?;
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
    };
    next.pred_opt()
}

/// The date the measure is due: the revised one, else the source's month's end
/// (none for `ongoing` or no time of completion).
pub fn due(completion: &str, revised: Option<NaiveDate>) -> Option<NaiveDate> {
    revised.or_else(|| end_of_month(completion))
}

pub fn overdue(progress: Progress, due: Option<NaiveDate>, today: NaiveDate) -> bool {
    progress.open() && due.is_some_and(|d| d < today)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn planned_past_its_month_is_overdue_until_recorded_otherwise() {
        let today = d("2026-12-03");
        let p = Progress::from_catalogue("planned");
        assert!(overdue(p, due("2020-06", None), today));
        // Recorded as completed: not overdue, whatever the date.
        assert!(!overdue(Progress::Completed, due("2020-06", None), today));
        // A revised date in the future: not overdue yet.
        assert!(!overdue(
            Progress::InProgress,
            due("2020-06", Some(d("2027-06-30"))),
            today
        ));
        // ... and overdue again once it passes.
        assert!(overdue(
            Progress::InProgress,
            due("2020-06", Some(d("2026-12-02"))),
            today
        ));
        // The last day of the month itself is not late.
        assert!(!overdue(p, due("2026-12", None), d("2026-12-31")));
        assert!(overdue(p, due("2026-11", None), d("2026-12-01")));
        // No date, or continuing work: never overdue.
        assert!(!overdue(p, due("", None), today));
        assert!(!overdue(Progress::Ongoing, due("2019-12", None), today));
    }

    #[test]
    fn statuses_round_trip_and_the_catalogue_maps() {
        for p in Progress::ALL {
            assert_eq!(Progress::parse(p.as_str()), Some(*p));
        }
        assert_eq!(Progress::parse("done"), None);
        assert_eq!(Progress::from_catalogue("in-force"), Progress::Completed);
        assert_eq!(Progress::from_catalogue("pilot"), Progress::InProgress);
        assert_eq!(end_of_month("2020-02"), Some(d("2020-02-29")));
        assert_eq!(end_of_month("2019-12"), Some(d("2019-12-31")));
        assert_eq!(end_of_month("ongoing"), None);
    }
}
