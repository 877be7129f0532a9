//! Parsing of calendar CSV: the shipped file's header, and errors naming the line.

use chrono::NaiveDate;
use onestop_calendar::{Calendar, CalendarError};

const SHIPPED: &str = include_str!("../../../data/calendar/cn-working-days.csv");
const GENERATOR: &str = include_str!("../../../scripts/gen_calendar.py");

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn parse_err(csv: &str) -> (usize, String) {
    match Calendar::parse(csv) {
        Err(CalendarError::Parse { line, message }) => (line, message),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

#[test]
fn shipped_header_states_version_range_and_source() {
    let header: Vec<&str> = SHIPPED.lines().take_while(|l| l.starts_with('#')).collect();
    assert!(header.contains(&"# package: chinesecalendar==1.11.0 (PyPI)"));
    assert!(header.contains(&"# range: 2019-01-01..2026-12-31"));
    assert!(header.contains(&"# generator: python3 scripts/gen_calendar.py"));
    assert!(
        header
            .iter()
            .any(|l| l.starts_with("# source: State Council General Office notices"))
    );
    // The generator pins the same version it records.
    assert!(GENERATOR.contains("PINNED_VERSION = \"1.11.0\""));
    // The column header follows the comments.
    assert_eq!(SHIPPED.lines().nth(header.len()), Some("date,kind,name"));
    let official = Calendar::official();
    assert_eq!(official.first_day(), d(2019, 1, 1));
    assert_eq!(official.last_day(), d(2026, 12, 31));
}

const HEAD: &str = "# range: 2024-01-01..2024-01-31\ndate,kind,name\n";

#[test]
fn small_calendar_parses_with_crlf_bom_and_blank_lines() {
    let csv = "\u{feff}# a comment\r\n# range: 2024-01-01..2024-01-31\r\n\r\ndate,kind,name\r\n2024-01-01,holiday,New Year's Day\r\n2024-01-06, workday , Test, with comma\r\n";
    let cal = Calendar::parse(csv).expect("valid");
    assert_eq!(cal.first_day(), d(2024, 1, 1));
    assert_eq!(cal.last_day(), d(2024, 1, 31));
    assert_eq!(cal.is_working_day(d(2024, 1, 1)), Ok(false));
    assert_eq!(cal.is_working_day(d(2024, 1, 6)), Ok(true)); // Saturday, made a workday
    assert_eq!(cal.is_working_day(d(2024, 1, 7)), Ok(false));
    assert_eq!(cal.note(d(2024, 1, 6)), Some("Test, with comma"));
    assert_eq!(cal.note(d(2024, 1, 1)), Some("New Year's Day"));
    // Jan 2024: 23 weekdays - 1 holiday + 1 make-up = 23 working days after 2024-01-01.
    assert_eq!(
        cal.working_days_between(d(2024, 1, 1), d(2024, 1, 31)),
        Ok(23)
    );
    assert_eq!(
        cal.add_working_days(d(2024, 1, 31), 1),
        Err(CalendarError::OutOfRange {
            date: d(2024, 2, 1),
            first: d(2024, 1, 1),
            last: d(2024, 1, 31)
        })
    );
}

#[test]
fn single_day_range_and_no_rows() {
    let cal = Calendar::parse("# range: 2024-01-06..2024-01-06\n").expect("valid");
    assert_eq!(cal.is_working_day(d(2024, 1, 6)), Ok(false));
    assert_eq!(
        cal.working_days_between(d(2024, 1, 6), d(2024, 1, 6)),
        Ok(0)
    );
    assert!(matches!(
        cal.add_working_days(d(2024, 1, 6), 1),
        Err(CalendarError::OutOfRange { .. })
    ));
    assert_eq!(cal.add_working_days(d(2024, 1, 6), 0), Ok(d(2024, 1, 6)));
}

#[test]
fn missing_range_header() {
    let (line, message) = parse_err("# comment\ndate,kind,name\n2024-01-01,holiday,X\n");
    assert_eq!(line, 3);
    assert!(message.contains("# range:"), "{message}");

    let (line, message) = parse_err("# comment\n# another\n");
    assert_eq!(line, 2);
    assert!(message.contains("missing"), "{message}");

    let (line, _) = parse_err("");
    assert_eq!(line, 1);
}

#[test]
fn bad_range_headers() {
    let (line, m) = parse_err("# x\n# range: 2024-01-01\n");
    assert_eq!(line, 2);
    assert!(m.contains("YYYY-MM-DD..YYYY-MM-DD"), "{m}");
    let (line, m) = parse_err("# range: 2024-13-01..2024-12-31\n");
    assert_eq!(line, 1);
    assert!(m.contains("2024-13-01"), "{m}");
    let (line, m) = parse_err("# range: 2024-02-01..2024-01-01\n");
    assert_eq!(line, 1);
    assert!(m.contains("before"), "{m}");
    let (line, m) = parse_err("# range: 1000-01-01..9000-01-01\n");
    assert_eq!(line, 1);
    assert!(m.contains("spans more than"), "{m}");
    let (line, m) = parse_err("# range: 2024-01-01..2024-01-31\n# range: 2024-01-01..2024-01-31\n");
    assert_eq!(line, 2);
    assert!(m.contains("more than once"), "{m}");
}

#[test]
fn bad_rows_name_their_line() {
    let cases: &[(&str, usize, &str)] = &[
        ("2024-01-01,holiday\n", 3, "three comma-separated fields"),
        (
            "2024-01-01,holiday,A\n2024/01/02,holiday,B\n",
            4,
            "2024/01/02",
        ),
        ("2024-01-01,vacation,A\n", 3, "vacation"),
        ("2024-01-01,holiday,\n", 3, "empty holiday name"),
        // 2024-01-06 is a Saturday: a weekend "holiday" changes nothing.
        ("2024-01-06,holiday,A\n", 3, "only weekdays"),
        // 2024-01-08 is a Monday: a weekday "workday" changes nothing.
        (
            "2024-01-01,holiday,A\n2024-01-08,workday,B\n",
            4,
            "only weekend days",
        ),
        ("2024-02-01,holiday,A\n", 3, "outside the declared range"),
        (
            "2024-01-02,holiday,A\n2024-01-01,holiday,B\n",
            4,
            "ascending",
        ),
        (
            "2024-01-02,holiday,A\n2024-01-02,holiday,A\n",
            4,
            "ascending",
        ),
        ("2024-01-02,holiday,A\ndate,kind,name\n", 4, "column header"),
    ];
    for (rows, want_line, want_text) in cases {
        let csv = format!("{HEAD}{rows}");
        let (line, message) = parse_err(&csv);
        assert_eq!(line, *want_line, "line for {rows:?}: {message}");
        assert!(
            message.contains(want_text),
            "message for {rows:?} should mention {want_text:?}: {message}"
        );
        let shown = CalendarError::Parse {
            line,
            message: message.clone(),
        }
        .to_string();
        assert!(
            shown.starts_with(&format!(
                "line {want_line} of the working-day calendar data is invalid: "
            )),
            "{shown}"
        );
    }
}
