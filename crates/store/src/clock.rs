//! The service's clock: the instant of a record (RFC 3339, UTC) and the business date
//! in Beijing that decisions and deadlines count from, which an operator may fix.

use chrono::NaiveDate;

/// Now, as stored in every record (RFC 3339, UTC, microseconds).
pub fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

/// A fixed business date set by the operator (`onestop serve --today`), for
/// rehearsals, demonstrations and tests that must not depend on the wall clock
/// (deadlines count working days from the shipped calendar, which ends).
static TODAY_OVERRIDE: std::sync::OnceLock<NaiveDate> = std::sync::OnceLock::new();

/// Fix the business date for the rest of the process. Returns false if it was
/// already fixed to another date.
pub fn set_today(date: NaiveDate) -> bool {
    *TODAY_OVERRIDE.get_or_init(|| date) == date
}

/// Today in Beijing (UTC+8), the date decisions and deadlines count from, unless
/// the operator fixed the business date with [`set_today`].
pub fn today() -> NaiveDate {
    if let Some(d) = TODAY_OVERRIDE.get() {
        return *d;
    }
    let tz = chrono::FixedOffset::east_opt(8 * 3600)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("utc"));
    chrono::Utc::now().with_timezone(&tz).date_naive()
}
