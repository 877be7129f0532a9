//! Property tests of the working-day arithmetic on the shipped calendar,
//! including a day-by-day reference implementation.

use chrono::{Days, NaiveDate};
use onestop_calendar::{Calendar, CalendarError};
use proptest::prelude::*;

fn cal() -> &'static Calendar {
    static CAL: std::sync::OnceLock<std::sync::Arc<Calendar>> = std::sync::OnceLock::new();
    CAL.get_or_init(Calendar::shipped)
}

fn span() -> u64 {
    (cal().last_day() - cal().first_day()).num_days() as u64
}

fn date_at(offset: u64) -> NaiveDate {
    cal().first_day() + Days::new(offset)
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0..=span()).prop_map(date_at)
}

fn is_working(d: NaiveDate) -> bool {
    cal().is_working_day(d).expect("in range")
}

/// Reference: step day by day.
fn naive_add(start: NaiveDate, n: i64) -> Option<NaiveDate> {
    let mut d = start;
    let mut left = n.unsigned_abs();
    while left > 0 {
        d = if n > 0 { d.succ_opt()? } else { d.pred_opt()? };
        if d < cal().first_day() || d > cal().last_day() {
            return None;
        }
        if is_working(d) {
            left -= 1;
        }
    }
    Some(d)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn between_inverts_add(start in any_date(), n in 0i64..200) {
        match cal().add_working_days(start, n) {
            Ok(r) => {
                prop_assert_eq!(cal().working_days_between(start, r), Ok(n));
                if n > 0 {
                    prop_assert!(r > start);
                    prop_assert!(is_working(r));
                } else {
                    prop_assert_eq!(r, start);
                }
            }
            Err(CalendarError::OutOfRange { .. }) => {
                // Only when fewer than n working days remain after start.
                let left = cal().working_days_between(start, cal().last_day());
                prop_assert!(matches!(left, Ok(k) if k < n));
            }
        }
    }

    #[test]
    fn backwards_counts_working_days_before_start(start in any_date(), m in 1i64..200) {
        match cal().add_working_days(start, -m) {
            Ok(r) => {
                prop_assert!(r < start);
                prop_assert!(is_working(r));
                // [r, start) holds exactly m working days.
                let between = cal().working_days_between(r, start).expect("in range");
                let in_half_open = between + 1 - i64::from(is_working(start));
                prop_assert_eq!(in_half_open, m);
                if is_working(start) {
                    prop_assert_eq!(cal().add_working_days(r, m), Ok(start));
                }
            }
            Err(CalendarError::OutOfRange { .. }) => {
                let first = cal().first_day();
                let before = cal().working_days_between(first, start).expect("in range")
                    + i64::from(is_working(first))
                    - i64::from(is_working(start));
                prop_assert!(before < m, "{} working days before {}", before, start);
            }
        }
    }

    #[test]
    fn add_matches_day_by_day_reference(start in any_date(), n in -40i64..40) {
        prop_assert_eq!(cal().add_working_days(start, n).ok(), naive_add(start, n));
    }

    #[test]
    fn between_is_additive_and_antisymmetric(a in any_date(), b in any_date(), c in any_date()) {
        let ab = cal().working_days_between(a, b).expect("in range");
        let bc = cal().working_days_between(b, c).expect("in range");
        let ac = cal().working_days_between(a, c).expect("in range");
        prop_assert_eq!(ab + bc, ac);
        prop_assert_eq!(cal().working_days_between(b, a), Ok(-ab));
    }

    #[test]
    fn one_day_step_matches_is_working(d in (1..=span()).prop_map(date_at)) {
        let prev = d.pred_opt().expect("in range");
        prop_assert_eq!(
            cal().working_days_between(prev, d),
            Ok(i64::from(is_working(d)))
        );
    }
}
