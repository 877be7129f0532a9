//! Years without a notice: the statutory holidays of the Regulations in force, days
//! in lieu for those on a weekend, and the mark that says an answer went through one.

use chrono::{Datelike, NaiveDate, Weekday};
use onestop_calendar::{Calendar, YearNotice, YearStatus, statutory};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn cal() -> std::sync::Arc<Calendar> {
    Calendar::shipped()
}

#[test]
fn category_a_accepted_on_2026_12_28_is_due_2027_01_07_provisionally() {
    // 2027-01-01 is a Friday and New Year's Day: 12-29, 12-30, 12-31, 01-04..01-07.
    assert_eq!(d(2027, 1, 1).weekday(), Weekday::Fri);
    assert_eq!(cal().is_working_day(d(2027, 1, 1)), Ok(false));
    assert_eq!(cal().note(d(2027, 1, 1)), Some("New Year's Day"));
    let due = cal().add_working_days(d(2026, 12, 28), 7).expect("answers");
    assert_eq!(due, d(2027, 1, 7));
    let years = cal().provisional_in(d(2026, 12, 28), due);
    assert_eq!(years.iter().collect::<Vec<_>>(), vec![2027]);
    assert!(
        cal()
            .provisional_in(d(2026, 6, 1), d(2026, 12, 31))
            .is_empty()
    );
    match cal().status(2027) {
        Some(YearStatus::Provisional(rule)) => assert!(rule.instrument_en.contains("No. 795")),
        other => panic!("2027 should be provisional, is {other:?}"),
    }
}

#[test]
fn loading_a_notice_makes_the_year_official_and_moves_the_deadline() {
    let notice = YearNotice::parse(
        "# year: 2027\n# notice: 国务院办公厅关于2027年部分节假日安排的通知\n# published: 2026-12-01\n\
         2027-01-01,holiday,New Year's Day\n2027-01-04,holiday,New Year's Day\n",
    )
    .expect("valid");
    let mut notices = onestop_calendar::shipped_notices();
    notices.push(notice);
    let cal = Calendar::from_notices(notices);
    assert_eq!(cal.add_working_days(d(2026, 12, 28), 7), Ok(d(2027, 1, 8)));
    assert!(
        cal.provisional_in(d(2026, 12, 28), d(2027, 1, 8))
            .is_empty()
    );
    assert!(
        matches!(cal.status(2027), Some(YearStatus::Official(n)) if n.published == d(2026, 12, 1))
    );
}

#[test]
fn statutory_holidays_follow_the_version_of_the_regulations_in_force() {
    let names = |y| {
        statutory::days_off(y)
            .expect("computable")
            .into_iter()
            .filter(|x| !x.in_lieu)
            .map(|x| x.date)
            .collect::<Vec<_>>()
    };
    // 2027 (Decree 795): New Year's Eve 02-05 and 02-06..02-08; Qingming 04-05;
    // Labour Day 05-01, 05-02; Dragon Boat 06-09; Mid-Autumn 09-15; 10-01..10-03.
    assert_eq!(
        names(2027),
        vec![
            d(2027, 1, 1),
            d(2027, 2, 5),
            d(2027, 2, 6),
            d(2027, 2, 7),
            d(2027, 2, 8),
            d(2027, 4, 5),
            d(2027, 5, 1),
            d(2027, 5, 2),
            d(2027, 6, 9),
            d(2027, 9, 15),
            d(2027, 10, 1),
            d(2027, 10, 2),
            d(2027, 10, 3),
        ]
    );
    // 2016 (Decree 644): the first three days of the lunar year (02-08..02-10), one Labour Day.
    let y2016 = names(2016);
    assert!(y2016.contains(&d(2016, 2, 8)) && !y2016.contains(&d(2016, 2, 7)));
    assert_eq!(y2016.len(), 11);
    // 2010 (Decree 513): the eve (02-13) and the first two days.
    assert!(names(2010).contains(&d(2010, 2, 13)));
    // Days in lieu: 2027's Spring Festival Saturday and Sunday give 02-09 and 02-10.
    let lieu: Vec<NaiveDate> = statutory::days_off(2027)
        .expect("computable")
        .into_iter()
        .filter(|x| x.in_lieu)
        .map(|x| x.date)
        .collect();
    assert!(
        lieu.contains(&d(2027, 2, 9)) && lieu.contains(&d(2027, 2, 10)),
        "{lieu:?}"
    );
    assert_eq!(cal().is_working_day(d(2027, 2, 10)), Ok(false));
    assert_eq!(cal().is_working_day(d(2027, 2, 11)), Ok(true));
}

/// The lunar and solar-term computation against eight real notices: every statutory
/// holiday day is an official day off, and under Decree 795 (2025, 2026) every day
/// in lieu too.
#[test]
fn computed_statutory_days_are_days_off_in_every_shipped_notice() {
    let cal = cal();
    let mut checked = 0;
    for year in 2019..=2026 {
        for day in statutory::days_off(year).expect("computable") {
            if day.in_lieu && year < 2025 {
                continue;
            }
            assert_eq!(
                cal.is_working_day(day.date),
                Ok(false),
                "{} ({}, in lieu: {}) should be off in the {year} notice",
                day.date,
                day.name,
                day.in_lieu
            );
            checked += 1;
        }
    }
    assert!(checked > 90, "{checked}");
}

#[test]
fn every_year_from_2008_to_2099_is_computable() {
    for year in 2008..=2099 {
        let days = statutory::days_off(year).unwrap_or_else(|| panic!("{year}"));
        assert!(days.iter().all(|x| x.date.year() == year), "{year}");
        // 11 holiday days under Decree 513 and 644, 13 under 795; Mid-Autumn may fall on National Day.
        assert!(days.iter().filter(|x| !x.in_lieu).count() >= 10, "{year}");
    }
}

#[test]
fn coverage_counts_the_days_left_and_warns_inside_sixty() {
    let c = cal().coverage(d(2026, 12, 2));
    assert_eq!(c.official_until, Some(d(2026, 12, 31)));
    assert_eq!(c.days_left, 29);
    assert_eq!(c.next_year, 2027);
    assert!(c.warn());
    let c = cal().coverage(d(2026, 6, 15));
    assert_eq!(c.days_left, 199);
    assert!(!c.warn());
    // Past the notices: nothing left, the missing year is this one.
    let c = cal().coverage(d(2027, 2, 1));
    assert_eq!((c.days_left, c.next_year), (0, 2027));
}
