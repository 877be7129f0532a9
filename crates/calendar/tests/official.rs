//! Checks of the shipped calendar against the State Council General Office
//! holiday-arrangement notices (国务院办公厅关于部分节假日安排的通知).

use chrono::{Datelike, NaiveDate, Weekday};
use onestop_calendar::{Calendar, CalendarError};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn cal() -> &'static Calendar {
    static CAL: std::sync::OnceLock<std::sync::Arc<Calendar>> = std::sync::OnceLock::new();
    CAL.get_or_init(Calendar::shipped)
}

fn working(date: NaiveDate) -> bool {
    cal().is_working_day(date).expect("date in range")
}

#[test]
fn official_from_2019_to_2026_and_every_date_from_2008_to_2099_answers() {
    assert_eq!(cal().first_day(), d(2008, 1, 1));
    assert_eq!(cal().last_day(), d(2099, 12, 31));
    for y in 2019..=2026 {
        assert!(cal().is_official(y), "{y} ships official");
    }
    assert!(!cal().is_official(2018) && !cal().is_official(2027));
    assert_eq!(cal().official_until(d(2026, 12, 2)), Some(d(2026, 12, 31)));
    assert_eq!(cal().official_until(d(2019, 1, 1)), Some(d(2026, 12, 31)));
    // In a provisional year, the official coverage ended with the last notice.
    assert_eq!(cal().official_until(d(2027, 3, 1)), Some(d(2026, 12, 31)));
    assert_eq!(cal().official_until(d(2010, 3, 1)), None);
    let titles: Vec<&str> = cal().notices().map(|n| n.title.as_str()).collect();
    assert_eq!(titles.len(), 8);
    assert_eq!(titles[7], "国务院办公厅关于2026年部分节假日安排的通知");
}

#[test]
fn plain_days_follow_monday_to_friday() {
    // 2019-03-13 is an ordinary Wednesday, 2019-03-16 an ordinary Saturday.
    assert!(working(d(2019, 3, 13)));
    assert!(!working(d(2019, 3, 16)));
    assert!(!working(d(2019, 3, 17)));
    assert_eq!(cal().note(d(2019, 3, 13)), None);
}

#[test]
fn national_day_2019() {
    // 2019 notice: 10-01..10-07 off; 09-29 (Sunday) and 10-12 (Saturday) worked.
    for day in 1..=7 {
        assert!(!working(d(2019, 10, day)), "2019-10-{day:02} is a day off");
    }
    assert_eq!(d(2019, 9, 29).weekday(), Weekday::Sun);
    assert_eq!(d(2019, 10, 12).weekday(), Weekday::Sat);
    assert!(working(d(2019, 9, 29)));
    assert!(working(d(2019, 10, 12)));
    assert!(working(d(2019, 9, 30)));
    assert!(working(d(2019, 10, 8)));
    assert_eq!(cal().note(d(2019, 10, 1)), Some("National Day"));
    assert_eq!(cal().note(d(2019, 9, 29)), Some("National Day"));
    assert_eq!(cal().note(d(2019, 10, 12)), Some("National Day"));
    // Weekend days inside the holiday are ordinary days off: no note.
    assert_eq!(cal().note(d(2019, 10, 5)), None);
    // (2019-09-27, 2019-10-14]: 09-29, 09-30, 10-08..10-11, 10-12, 10-14 = 8.
    assert_eq!(
        cal().working_days_between(d(2019, 9, 27), d(2019, 10, 14)),
        Ok(8)
    );
}

#[test]
fn labour_day_2019_amended_notice() {
    // The March 2019 amendment made 05-01..05-04 a four-day holiday with
    // 04-28 (Sunday) and 05-05 (Sunday) worked.
    for day in 1..=4 {
        assert!(!working(d(2019, 5, day)));
    }
    assert!(working(d(2019, 4, 28)));
    assert!(working(d(2019, 5, 5)));
    assert_eq!(cal().note(d(2019, 5, 2)), Some("Labour Day"));
}

#[test]
fn spring_festival_2020_extension() {
    // Original notice: 01-24..01-30 off, 01-19 (Sunday) and 02-01 (Saturday) worked.
    // The State Council then extended the holiday to 02-02, so 01-31 (Friday) is
    // a day off and the 02-01 make-up workday was cancelled.
    assert!(working(d(2020, 1, 19)));
    assert_eq!(cal().note(d(2020, 1, 19)), Some("Spring Festival"));
    assert!(working(d(2020, 1, 23)));
    for day in 24..=31 {
        assert!(!working(d(2020, 1, day)), "2020-01-{day} is a day off");
    }
    assert_eq!(d(2020, 1, 31).weekday(), Weekday::Fri);
    assert_eq!(cal().note(d(2020, 1, 31)), Some("Spring Festival"));
    assert_eq!(d(2020, 2, 1).weekday(), Weekday::Sat);
    assert!(!working(d(2020, 2, 1)), "02-01 make-up day was cancelled");
    assert!(!working(d(2020, 2, 2)));
    // chinesecalendar names both as Spring Festival, but as weekend days off
    // they do not deviate from Monday-Friday and so carry no note here.
    assert_eq!(cal().note(d(2020, 2, 1)), None);
    assert_eq!(cal().note(d(2020, 2, 2)), None);
    assert!(working(d(2020, 2, 3)));
    // Only 02-03 is a working day in (01-23, 02-03].
    assert_eq!(
        cal().working_days_between(d(2020, 1, 23), d(2020, 2, 3)),
        Ok(1)
    );
    assert_eq!(cal().add_working_days(d(2020, 1, 23), 1), Ok(d(2020, 2, 3)));
}

#[test]
fn spring_festival_2024() {
    // 02-10..02-17 off; 02-04 (Sunday) and 02-18 (Sunday) worked; New Year's
    // Eve 02-09 (Friday) is officially a working day (only "encouraged" off).
    assert_eq!(d(2024, 2, 4).weekday(), Weekday::Sun);
    assert_eq!(d(2024, 2, 18).weekday(), Weekday::Sun);
    assert!(working(d(2024, 2, 4)));
    assert!(working(d(2024, 2, 18)));
    assert!(working(d(2024, 2, 9)));
    for day in 10..=17 {
        assert!(!working(d(2024, 2, day)));
    }
    assert_eq!(cal().note(d(2024, 2, 4)), Some("Spring Festival"));
    assert_eq!(cal().note(d(2024, 2, 18)), Some("Spring Festival"));
    assert_eq!(cal().add_working_days(d(2024, 2, 9), 1), Ok(d(2024, 2, 18)));
}

#[test]
fn national_day_2025() {
    // Combined National Day / Mid-autumn: 10-01..10-08 off; 09-28 (Sunday) and
    // 10-11 (Saturday) worked.
    for day in 1..=8 {
        assert!(!working(d(2025, 10, day)), "2025-10-{day:02} is a day off");
    }
    assert!(working(d(2025, 9, 28)));
    assert!(working(d(2025, 10, 9)));
    assert!(working(d(2025, 10, 11)));
    assert_eq!(cal().note(d(2025, 10, 6)), Some("Mid-autumn Festival"));
    assert_eq!(cal().note(d(2025, 10, 8)), Some("National Day"));
    assert_eq!(cal().note(d(2025, 10, 11)), Some("National Day"));
}

#[test]
fn seven_working_day_deadline_across_national_day_2023() {
    // Accepted Wed 2023-09-27. Holiday 09-29..10-06; 10-07 (Sat), 10-08 (Sun) worked.
    // 1: 09-28 Thu, 2: 10-07 Sat, 3: 10-08 Sun, 4: 10-09, 5: 10-10, 6: 10-11, 7: 10-12.
    let accepted = d(2023, 9, 27);
    let due = d(2023, 10, 12);
    assert_eq!(cal().add_working_days(accepted, 7), Ok(due));
    assert_eq!(cal().add_working_days(accepted, 2), Ok(d(2023, 10, 7)));
    assert_eq!(cal().working_days_between(accepted, due), Ok(7));
    assert_eq!(cal().working_days_between(due, accepted), Ok(-7));
    assert_eq!(cal().add_working_days(due, -7), Ok(accepted));
    // Starting on a holiday: the first working day after 2023-10-01 is 10-07.
    assert_eq!(
        cal().add_working_days(d(2023, 10, 1), 1),
        Ok(d(2023, 10, 7))
    );
    assert_eq!(
        cal().add_working_days(d(2023, 10, 1), 0),
        Ok(d(2023, 10, 1))
    );
    // Backwards from a holiday: the working day before 2023-10-01 is 09-28.
    assert_eq!(
        cal().add_working_days(d(2023, 10, 1), -1),
        Ok(d(2023, 9, 28))
    );
}

#[test]
fn working_days_per_year() {
    // Totals per calendar year (chinesecalendar's get_workdays gives the same).
    let expected = [
        (2019, 250),
        (2020, 249),
        (2021, 250),
        (2022, 249),
        (2023, 249),
        (2024, 251),
        (2025, 248),
        (2026, 248),
    ];
    for (year, days) in expected {
        let count = if year == 2019 {
            // (2019-01-01, 2019-12-31] plus 2019-01-01 (a holiday, so + 0).
            cal().working_days_between(d(2019, 1, 1), d(2019, 12, 31))
        } else {
            cal().working_days_between(d(year - 1, 12, 31), d(year, 12, 31))
        };
        assert_eq!(count, Ok(days), "working days in {year}");
    }
    assert!(!working(d(2019, 1, 1)));
}

#[test]
fn every_note_marks_a_deviation() {
    let c = cal();
    let mut date = d(2019, 1, 1);
    let mut notes = 0;
    while date <= d(2026, 12, 31) {
        let weekday_rule = !matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let w = c.is_working_day(date).expect("in range");
        assert_eq!(c.note(date).is_some(), w != weekday_rule, "{date}");
        if c.note(date).is_some() {
            notes += 1;
        }
        date = date.succ_opt().expect("next day");
    }
    assert_eq!(notes, 198);
}

fn assert_out_of_range(result: Result<impl std::fmt::Debug, CalendarError>, date: NaiveDate) {
    match result {
        Err(e @ CalendarError::OutOfRange { .. }) => {
            assert_eq!(
                e,
                CalendarError::OutOfRange {
                    date,
                    first: d(2008, 1, 1),
                    last: d(2099, 12, 31)
                }
            );
            assert_eq!(
                e.to_string(),
                format!(
                    "{date} is outside the working-day calendar, which covers 2008-01-01 to 2099-12-31 (official notices where loaded, the statutory holidays otherwise)"
                )
            );
        }
        other => panic!("expected OutOfRange for {date}, got {other:?}"),
    }
}

#[test]
fn dates_outside_range_are_errors() {
    let before = d(2007, 12, 31);
    let after = d(2100, 1, 1);
    let inside = d(2020, 6, 1);
    assert_out_of_range(cal().is_working_day(before), before);
    assert_out_of_range(cal().is_working_day(after), after);
    assert_out_of_range(cal().add_working_days(before, 0), before);
    assert_out_of_range(cal().add_working_days(after, -1), after);
    assert_out_of_range(cal().working_days_between(before, inside), before);
    assert_out_of_range(cal().working_days_between(inside, after), after);
    assert_eq!(cal().note(before), None);
    assert_eq!(cal().note(after), None);
}

#[test]
fn results_beyond_range_are_errors() {
    // 2099-12-31 is a Thursday, the last working day covered.
    assert_eq!(
        cal().add_working_days(d(2099, 12, 30), 1),
        Ok(d(2099, 12, 31))
    );
    assert_out_of_range(cal().add_working_days(d(2099, 12, 30), 2), d(2100, 1, 1));
    assert_out_of_range(
        cal().add_working_days(d(2026, 1, 1), i64::MAX),
        d(2100, 1, 1),
    );
    // 2008-01-01 is New Year's Day; 2008-01-02 (Wednesday) is the first working day.
    assert_eq!(cal().add_working_days(d(2008, 1, 3), -1), Ok(d(2008, 1, 2)));
    assert_out_of_range(cal().add_working_days(d(2008, 1, 2), -1), d(2007, 12, 31));
    assert_out_of_range(
        cal().add_working_days(d(2026, 1, 1), i64::MIN),
        d(2007, 12, 31),
    );
}
