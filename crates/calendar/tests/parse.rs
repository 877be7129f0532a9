//! Notice files: the shipped ones, a valid operator file, and every kind of mistake
//! reported with its line and a hint, all at once.

use chrono::NaiveDate;
use onestop_calendar::{Calendar, DayKind, YearNotice, read_dir_notices, shipped_notices};

const GENERATOR: &str = include_str!("../../../scripts/gen_calendar.py");

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
}

fn problems(text: &str) -> Vec<(usize, String, String)> {
    match YearNotice::parse(text) {
        Err(e) => e.into_iter().map(|p| (p.line, p.message, p.hint)).collect(),
        Ok(n) => panic!("expected errors, parsed {n:?}"),
    }
}

const HEAD: &str = "# year: 2027\n# notice: 国务院办公厅关于2027年部分节假日安排的通知\n# published: 2026-11-10\ndate,kind,name\n";

#[test]
fn shipped_notices_name_their_source_and_the_generator_pins_its_packages() {
    let notices = shipped_notices();
    assert_eq!(
        notices.iter().map(|n| n.year).collect::<Vec<_>>(),
        (2019..=2026).collect::<Vec<_>>()
    );
    for n in &notices {
        assert_eq!(
            n.title,
            format!("国务院办公厅关于{}年部分节假日安排的通知", n.year)
        );
        assert!(
            n.reference
                .as_deref()
                .is_some_and(|r| r.starts_with("国办发明电"))
        );
        assert!(n.published < d(n.year, 12, 31));
        assert!(!n.days.is_empty());
    }
    assert_eq!(notices[7].published, d(2025, 11, 4));
    assert_eq!(
        notices[7].reference.as_deref(),
        Some("国办发明电〔2025〕7号")
    );
    // The 2020 file folds in the Spring Festival extension.
    assert!(notices[1].amendments[0].contains("国办发明电〔2020〕1号"));
    assert!(GENERATOR.contains("\"chinesecalendar\": \"1.11.0\""));
    assert!(GENERATOR.contains("\"holidays\": \"0.108\""));
}

#[test]
fn a_valid_file_with_periods_crlf_bom_and_a_round_trip() {
    let text = format!(
        "\u{feff}{}2027-01-01,holiday,New Year's Day\r\n2027-02-05..2027-02-11,holiday,Spring Festival\r\n\r\n2027-02-14, workday , Spring Festival\r\n",
        HEAD.replace('\n', "\r\n")
    );
    let n = YearNotice::parse(&text).expect("valid");
    assert_eq!(n.year, 2027);
    assert_eq!(n.published, d(2026, 11, 10));
    assert_eq!(n.days.len(), 1 + 7 + 1);
    assert_eq!(n.days[8].kind, DayKind::Workday);
    assert_eq!(YearNotice::parse(&n.to_file()), Ok(n.clone()));
    let cal = Calendar::from_notices(vec![n]);
    assert!(cal.is_official(2027));
    assert_eq!(cal.is_working_day(d(2027, 2, 14)), Ok(true)); // a Sunday, worked
    assert_eq!(cal.is_working_day(d(2027, 2, 11)), Ok(false));
    assert_eq!(cal.note(d(2027, 2, 14)), Some("Spring Festival"));
}

#[test]
fn every_mistake_is_reported_with_its_line_and_a_hint() {
    let text = format!(
        "{HEAD}2027-01-01,holiday,New Year's Day\n\
         2027-02-30,holiday,Spring Festival\n\
         2028-01-01,holiday,New Year's Day\n\
         2027-01-04,workday,New Year's Day\n\
         2027-01-01,holiday,New Year's Day\n\
         2027-01-09,workday,New Year's Day\n\
         2027-01-09,holiday,New Year's Day\n\
         2027-05-01,holiday,\n\
         2027-05-02,day-off,Labour Day\n\
         2027-05-03\n\
         2027-10-07..2027-10-01,holiday,National Day\n"
    );
    let p = problems(&text);
    let lines: Vec<usize> = p.iter().map(|x| x.0).collect();
    assert_eq!(lines, vec![6, 7, 8, 9, 11, 12, 13, 14, 15], "{p:#?}");
    assert!(p[0].1.contains("2027-02-30") && p[0].2.contains("YYYY-MM-DD"));
    assert!(p[1].1.contains("not in 2027"));
    assert!(p[2].1.contains("Monday") && p[2].2.contains("Saturday or Sunday"));
    assert!(p[3].1.contains("listed twice") && p[3].2.contains("line 5"));
    assert!(p[4].1.contains("both a workday and a holiday") && p[4].2.contains("line 10"));
    assert!(p[5].1.contains("names no holiday"));
    assert!(p[6].1.contains("day-off"));
    assert!(p[7].1.contains("date,kind,name"));
    assert!(p[8].1.contains("ends before it starts"));
}

#[test]
fn the_header_must_say_year_notice_and_date() {
    let p = problems("2027-01-01,holiday,New Year's Day\n");
    let messages: Vec<&str> = p.iter().map(|x| x.1.as_str()).collect();
    assert_eq!(p.len(), 3, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("which year")));
    assert!(messages.iter().any(|m| m.contains("name the notice")));
    assert!(messages.iter().any(|m| m.contains("notice's date")));
    let p = problems("# year: 1999\n# notice: x\n# published: 1998-12-01\n1999-01-01,holiday,x\n");
    assert!(p[0].1.contains("1999") && p[0].2.contains("2008 to 2099"));
    let p = problems("# year: 2027\n# notice: x\n# published: 2028-01-02\n2027-01-01,holiday,x\n");
    assert!(p[0].1.contains("after the year"));
    let p = problems(HEAD);
    assert!(p[0].1.contains("lists no days"));
}

#[test]
fn a_directory_of_notices_overlays_the_shipped_ones_and_refuses_any_bad_file() {
    let dir = std::env::temp_dir().join(format!("onestop-cal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(
        dir.join("2027.csv"),
        format!("{HEAD}2027-01-01,holiday,New Year's Day\n"),
    )
    .expect("write");
    let cal = Calendar::load_dir(&dir).expect("loads");
    assert!(cal.is_official(2026) && cal.is_official(2027));
    assert_eq!(cal.official_until(d(2026, 12, 28)), Some(d(2027, 12, 31)));
    // A second file for the same year is refused, naming both.
    std::fs::write(
        dir.join("2027-bis.csv"),
        format!("{HEAD}2027-01-01,holiday,New Year's Day\n"),
    )
    .expect("write");
    let e = read_dir_notices(&dir).expect_err("duplicate year");
    assert!(e.to_string().contains("a second notice for 2027"), "{e}");
    std::fs::remove_file(dir.join("2027-bis.csv")).expect("rm");
    // A bad file fails the whole load with file:line.
    std::fs::write(
        dir.join("2028.csv"),
        "# year: 2028\n# notice: x\n# published: 2027-11-01\n2028-13-01,holiday,x\n",
    )
    .expect("write");
    let e = Calendar::load_dir(&dir).expect_err("bad file");
    let shown = e.to_string();
    assert!(
        shown.contains("2028.csv:4: error:") && shown.contains("hint:"),
        "{shown}"
    );
    // Non-UTF-8 is reported, not a panic.
    std::fs::write(dir.join("2028.csv"), b"# year: 2028\n\xff\xfe\n").expect("write");
    let e = Calendar::load_dir(&dir).expect_err("not utf-8");
    assert!(
        e.to_string()
            .contains("2028.csv:2: error: the file is not UTF-8"),
        "{e}"
    );
    std::fs::remove_dir_all(&dir).expect("clean up");
}
