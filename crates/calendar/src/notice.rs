//! One year's State Council holiday notice as a file an operator can write and load:
//!
//! ```text
//! # year: 2027
//! # notice: 国务院办公厅关于2027年部分节假日安排的通知
//! # reference: 国办发明电〔2026〕N号
//! # published: 2026-11-10
//! # url: https://www.gov.cn/...
//! date,kind,name
//! 2027-01-01,holiday,New Year's Day
//! 2027-02-05..2027-02-11,holiday,Spring Festival
//! 2027-02-14,workday,Spring Festival
//! ```
//!
//! `holiday` is a day off (a range `FROM..TO` lists a whole period; weekend days in
//! it are allowed and change nothing), `workday` a Saturday or Sunday worked in
//! exchange (调休上班). Every other day follows Monday to Friday. `# amended:` lines
//! (repeatable) name later notices folded into the file. Parsing reports every
//! problem with its line and a hint, so a bad file is fixed in one round.

use std::collections::BTreeMap;
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::years::{FIRST_YEAR, LAST_YEAR};

/// A day the notice lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeDay {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// An official day off.
    Holiday,
    /// A weekend day that is a make-up working day.
    Workday,
}

impl DayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DayKind::Holiday => "holiday",
            DayKind::Workday => "workday",
        }
    }
}

/// One year's notice: where it comes from and the days it lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearNotice {
    pub year: i32,
    /// The notice's title, e.g. 国务院办公厅关于2027年部分节假日安排的通知.
    pub title: String,
    /// Its document number, e.g. 国办发明电〔2026〕7号.
    pub reference: Option<String>,
    /// The date it was issued.
    pub published: NaiveDate,
    pub url: Option<String>,
    /// Later notices folded into this file (an extension, a correction).
    pub amendments: Vec<String>,
    /// Ascending by date, each date once.
    pub days: Vec<NoticeDay>,
}

/// A problem in a notice file, at a 1-based line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeError {
    pub line: usize,
    pub message: String,
    pub hint: String,
}

impl fmt::Display for NoticeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}: {} (hint: {})",
            self.line, self.message, self.hint
        )
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

fn weekday_name(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    }
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

const DATE_HINT: &str =
    "write dates as YYYY-MM-DD, e.g. 2027-01-01, or a period as 2027-10-01..2027-10-07";
/// More days than a year has means a range was mistyped, not a notice.
const MAX_DAYS: usize = 366;

impl YearNotice {
    /// Parses and validates a notice file. On failure, every problem found.
    pub fn parse(text: &str) -> Result<YearNotice, Vec<NoticeError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut errors: Vec<NoticeError> = Vec::new();
        let mut err = |line: usize, message: String, hint: &str| {
            errors.push(NoticeError {
                line,
                message,
                hint: hint.to_string(),
            })
        };
        let mut year: Option<(usize, i32)> = None;
        let mut title: Option<String> = None;
        let mut reference = None;
        let mut published: Option<(usize, NaiveDate)> = None;
        let mut url = None;
        let mut amendments = Vec::new();
        // (line, date, kind, name)
        let mut rows: Vec<(usize, NaiveDate, DayKind, String)> = Vec::new();
        let mut last_line = 0;
        for (idx, raw) in text.lines().enumerate() {
            let line_no = idx + 1;
            last_line = line_no;
            let line = raw.trim();
            if line.is_empty() {
                continue;
            }
            if let Some(comment) = line.strip_prefix('#') {
                let Some((key, value)) = comment.split_once(':') else {
                    continue;
                };
                let value = value.trim();
                match key.trim() {
                    "year" => match value.parse::<i32>() {
                        Ok(y) if (FIRST_YEAR..=LAST_YEAR).contains(&y) => {
                            if year.is_some() {
                                err(
                                    line_no,
                                    "`# year:` appears twice".into(),
                                    "one file holds one year's notice",
                                );
                            }
                            year = Some((line_no, y));
                        }
                        Ok(y) => err(
                            line_no,
                            format!("year {y} is outside the years the calendar covers"),
                            &format!("the calendar covers {FIRST_YEAR} to {LAST_YEAR}"),
                        ),
                        Err(_) => err(
                            line_no,
                            format!("`{value}` is not a year"),
                            "write the year the notice arranges, e.g. `# year: 2027`",
                        ),
                    },
                    "notice" if !value.is_empty() => title = Some(value.to_string()),
                    "notice" => err(
                        line_no,
                        "the notice's title is empty".into(),
                        "e.g. `# notice: 国务院办公厅关于2027年部分节假日安排的通知`",
                    ),
                    "reference" if !value.is_empty() => reference = Some(value.to_string()),
                    "url" if !value.is_empty() => url = Some(value.to_string()),
                    "amended" if !value.is_empty() => amendments.push(value.to_string()),
                    "published" => match parse_date(value) {
                        Some(d) => published = Some((line_no, d)),
                        None => err(
                            line_no,
                            format!("`{value}` is not a date"),
                            "write the date the notice was issued as YYYY-MM-DD",
                        ),
                    },
                    _ => {}
                }
                continue;
            }
            if line.eq_ignore_ascii_case("date,kind,name") {
                continue;
            }
            let mut fields = line.splitn(3, ',');
            let (Some(date_s), Some(kind_s), Some(name_s)) =
                (fields.next(), fields.next(), fields.next())
            else {
                err(
                    line_no,
                    format!("expected `date,kind,name` but found `{line}`"),
                    "each row is a date (or FROM..TO), `holiday` or `workday`, and the holiday's name",
                );
                continue;
            };
            let kind = match kind_s.trim() {
                "holiday" => DayKind::Holiday,
                "workday" => DayKind::Workday,
                other => {
                    err(
                        line_no,
                        format!("kind `{other}` is neither `holiday` nor `workday`"),
                        "`holiday` is a day off, `workday` a Saturday or Sunday worked in exchange (调休上班)",
                    );
                    continue;
                }
            };
            let name = name_s.trim();
            if name.is_empty() {
                err(
                    line_no,
                    "the row names no holiday".into(),
                    "name the holiday the day belongs to, e.g. `Spring Festival` or `春节`",
                );
                continue;
            }
            let (from, to) = match date_s.split_once("..") {
                Some((a, b)) => (parse_date(a), parse_date(b)),
                None => (parse_date(date_s), parse_date(date_s)),
            };
            let (Some(from), Some(to)) = (from, to) else {
                err(
                    line_no,
                    format!("`{}` is not a date or a period of dates", date_s.trim()),
                    DATE_HINT,
                );
                continue;
            };
            if to < from {
                err(
                    line_no,
                    format!("the period {from}..{to} ends before it starts"),
                    DATE_HINT,
                );
                continue;
            }
            if (to - from).num_days() as usize >= MAX_DAYS {
                err(
                    line_no,
                    format!("the period {from}..{to} is longer than a year"),
                    DATE_HINT,
                );
                continue;
            }
            let mut d = from;
            while d <= to {
                rows.push((line_no, d, kind, name.to_string()));
                match d.succ_opt() {
                    Some(n) => d = n,
                    None => break,
                }
            }
        }

        let year = match year {
            Some((_, y)) => Some(y),
            None => {
                err(
                    1,
                    "the file does not say which year it arranges".into(),
                    "add a line `# year: 2027` at the top",
                );
                None
            }
        };
        if title.is_none() {
            err(
                1,
                "the file does not name the notice it transcribes".into(),
                "add `# notice: 国务院办公厅关于2027年部分节假日安排的通知` (the notice is the legal source of these days)",
            );
        }
        if published.is_none() {
            err(
                1,
                "the file does not give the notice's date".into(),
                "add `# published: YYYY-MM-DD`, the date printed at the end of the notice",
            );
        }
        if let (Some((line, p)), Some(y)) = (published, year)
            && p.year() > y
        {
            err(
                line,
                format!("the notice is dated {p}, after the year {y} it arranges"),
                "a year's notice is issued before or during that year; check `# published:` and `# year:`",
            );
        }
        let mut seen: BTreeMap<NaiveDate, (usize, DayKind)> = BTreeMap::new();
        for (line, date, kind, _) in &rows {
            if let Some(y) = year
                && date.year() != y
            {
                err(
                    *line,
                    format!("{date} is not in {y}, the year this file arranges"),
                    "one file holds one year's notice; put the days of another year in that year's file",
                );
                continue;
            }
            if *kind == DayKind::Workday && !is_weekend(*date) {
                err(
                    *line,
                    format!(
                        "{date} is a {}, so it cannot be a make-up working day",
                        weekday_name(*date)
                    ),
                    "a make-up working day (调休上班) is a Saturday or Sunday; weekdays are working days already",
                );
                continue;
            }
            match seen.get(date) {
                Some((first, k)) if k == kind => err(
                    *line,
                    format!("{date} is listed twice"),
                    &format!("line {first} already lists it; list each date once"),
                ),
                Some((first, k)) => err(
                    *line,
                    format!("{date} is both a {} and a {}", k.as_str(), kind.as_str()),
                    &format!(
                        "line {first} lists it as `{}`; a date is either a day off or a working day",
                        k.as_str()
                    ),
                ),
                None => {
                    seen.insert(*date, (*line, *kind));
                }
            }
        }
        if rows.is_empty() {
            err(
                last_line.max(1),
                "the notice lists no days".into(),
                "a notice gives at least the days off of its holidays, as rows `2027-01-01,holiday,New Year's Day`",
            );
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Err(errors);
        }
        let mut days: Vec<NoticeDay> = rows
            .into_iter()
            .map(|(_, date, kind, name)| NoticeDay { date, kind, name })
            .collect();
        days.sort_by_key(|d| d.date);
        // Both are present: an absent one is an error above.
        let (Some(year), Some(title), Some((_, published))) = (year, title, published) else {
            return Err(vec![NoticeError {
                line: 1,
                message: "incomplete notice".into(),
                hint: "give `# year:`, `# notice:` and `# published:`".into(),
            }]);
        };
        Ok(YearNotice {
            year,
            title,
            reference,
            published,
            url,
            amendments,
            days,
        })
    }

    /// The notice in its file format (one row per day), which [`YearNotice::parse`] reads back.
    pub fn to_file(&self) -> String {
        let mut out = String::new();
        out.push_str(&format!(
            "# year: {}\n# notice: {}\n",
            self.year, self.title
        ));
        if let Some(r) = &self.reference {
            out.push_str(&format!("# reference: {r}\n"));
        }
        out.push_str(&format!("# published: {}\n", self.published));
        if let Some(u) = &self.url {
            out.push_str(&format!("# url: {u}\n"));
        }
        for a in &self.amendments {
            out.push_str(&format!("# amended: {a}\n"));
        }
        out.push_str("date,kind,name\n");
        for d in &self.days {
            out.push_str(&format!("{},{},{}\n", d.date, d.kind.as_str(), d.name));
        }
        out
    }
}
