//! What the cells must mean: one figure per row, `period,dimension,code,indicator,
//! unit,value` (docs/statistics.md). Every problem is reported with its row and column
//! and a hint, and a table with any problem is refused whole.

use crate::dimensions::{Dimension, Dimensions};
use crate::problem::{MAX_PROBLEMS, Problem, Refusal};
use crate::table::RawTable;
use onestop_lang::diag::did_you_mean;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// The columns a table has; `unit` may be left out (no unit).
pub const COLUMNS: [&str; 6] = ["period", "dimension", "code", "indicator", "unit", "value"];
const REQUIRED: [&str; 5] = ["period", "dimension", "code", "indicator", "value"];

/// One figure of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Figure {
    pub row: usize,
    pub period: String,
    pub dimension: Dimension,
    pub code: String,
    pub indicator: String,
    pub unit: String,
    pub value: Decimal,
}

/// A period: a year `2024`, a quarter `2024-Q3` or a month `2024-07`, 2000 to 2099.
pub fn check_period(s: &str) -> bool {
    let year_ok = |y: &str| {
        y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()) && ("2000"..="2099").contains(&y)
    };
    match s.split_once('-') {
        None => year_ok(s),
        Some((y, rest)) => {
            year_ok(y)
                && match rest.as_bytes() {
                    [b'Q', q] => (b'1'..=b'4').contains(q),
                    [a, b] if a.is_ascii_digit() && b.is_ascii_digit() => {
                        let m = (a - b'0') * 10 + (b - b'0');
                        (1..=12).contains(&m)
                    }
                    _ => false,
                }
        }
    }
}

/// An indicator's id: lower-case letters, digits, `_`, `-` and `.`, from a letter, at
/// most 64 characters (e.g. `high_tech_enterprises`).
pub fn check_indicator(s: &str) -> bool {
    s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | '.'))
}

/// A value: an exact decimal (`1234`, `-5.25`), nothing else.
fn parse_value(s: &str) -> Result<Decimal, Problem> {
    let bad =
        |m: &str, h: &str| Problem::new(None, Some("value"), m.to_string()).hint(h.to_string());
    if s.is_empty() {
        return Err(bad(
            "the value is missing",
            "every row carries one figure; leave a figure out by leaving out its row",
        ));
    }
    if s.contains(',') {
        return Err(bad(
            &format!("{s:?} is not a number"),
            "write the figure without thousands separators: 1234.5",
        ));
    }
    if s.ends_with('%') {
        return Err(bad(
            &format!("{s:?} is not a number"),
            "write a percentage as a number (12.5) and say `percent` in the unit column",
        ));
    }
    Decimal::from_str_exact(s).map_err(|_| {
        bad(
            &format!("{s:?} is not a number"),
            "a figure is an integer or a decimal with a point: 1234 or 1234.5 (no exponent, no text)",
        )
    })
}

/// The figures of a table, or every problem with it.
pub fn validate(file: &str, t: &RawTable, dims: &Dimensions) -> Result<Vec<Figure>, Refusal> {
    let mut problems: Vec<Problem> = Vec::new();
    let header_row = match t.format {
        crate::table::Format::Csv => Some(1),
        crate::table::Format::Parquet => None,
    };
    let names: Vec<String> = t.columns.iter().map(|c| c.trim().to_lowercase()).collect();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, n) in names.iter().enumerate() {
        if let Some(&known) = COLUMNS.iter().find(|c| **c == n.as_str()) {
            if index.insert(known, i).is_some() {
                problems.push(
                    Problem::new(header_row, Some(n.as_str()), "the column appears twice")
                        .hint("keep one column of each name"),
                );
            }
        } else {
            let hint = match did_you_mean(n, COLUMNS) {
                Some(g) => format!("did you mean `{g}`?"),
                None => format!("the columns are: {}", COLUMNS.join(", ")),
            };
            problems.push(Problem::new(header_row, Some(n.as_str()), "unknown column").hint(hint));
        }
    }
    for c in REQUIRED {
        if !index.contains_key(c) {
            problems.push(
                Problem::new(header_row, Some(c), "the column is missing").hint(format!(
                    "the first line names the columns: {}",
                    COLUMNS.join(",")
                )),
            );
        }
    }
    if !problems.is_empty() {
        return Err(Refusal {
            file: file.to_string(),
            problems,
            more: 0,
        });
    }
    if t.rows.is_empty() {
        return Err(Refusal::one(
            file,
            Problem::new(None, None, "the table has no rows")
                .hint("one row per figure, after the header"),
        ));
    }
    let col = |row: &[String], name: &str| -> String {
        index
            .get(name)
            .and_then(|i| row.get(*i))
            .map(|s| s.trim().to_string())
            .unwrap_or_default()
    };
    let mut figures = Vec::with_capacity(t.rows.len());
    let mut seen: HashMap<(String, Dimension, String, String), usize> = HashMap::new();
    let mut units: HashMap<String, (String, usize)> = HashMap::new();
    let mut found = Found::default();
    for r in &t.rows {
        let at = |p: Problem| Problem {
            row: Some(r.row),
            ..p
        };
        let before = found.count();
        let period = col(&r.cells, "period");
        if !check_period(&period) {
            found.report(at(Problem::new(
                None,
                Some("period"),
                format!("{period:?} is not a period"),
            )
            .hint(
                "a year 2024, a quarter 2024-Q3 or a month 2024-07 (2000 to 2099)",
            )));
        }
        let dim_text = col(&r.cells, "dimension").to_lowercase();
        let dimension = Dimension::parse(&dim_text);
        let code = match dimension {
            None => {
                let names = Dimension::ALL.map(|d| d.as_str());
                let hint = match did_you_mean(&dim_text, names) {
                    Some(g) => format!("did you mean `{g}`?"),
                    None => format!("one of: {}", names.join(", ")),
                };
                found.report(at(Problem::new(
                    None,
                    Some("dimension"),
                    format!("unknown dimension {dim_text:?}"),
                )
                .hint(hint)));
                String::new()
            }
            Some(d) => {
                let cell = col(&r.cells, "code");
                match dims.resolve(d, &cell) {
                    Ok(c) => c,
                    Err(hint) => {
                        found.report(at(Problem::new(
                            None,
                            Some("code"),
                            format!("unknown {} {cell:?}", d.as_str()),
                        )
                        .hint(hint)));
                        String::new()
                    }
                }
            }
        };
        let indicator = col(&r.cells, "indicator");
        if !check_indicator(&indicator) {
            found.report(at(Problem::new(
                None,
                Some("indicator"),
                format!("{indicator:?} is not an indicator id"),
            )
            .hint(
                "lower-case letters, digits and _ from a letter, e.g. high_tech_enterprises",
            )));
        }
        let unit = col(&r.cells, "unit");
        if unit.chars().count() > 40 || unit.chars().any(char::is_control) {
            found.report(at(Problem::new(None, Some("unit"), "the unit is too long")
                .hint("at most 40 characters, e.g. enterprises, CNY 10k, percent")));
        } else if check_indicator(&indicator) {
            match units.get(&indicator) {
                Some((u, first)) if *u != unit => found.report(at(Problem::new(
                    None,
                    Some("unit"),
                    format!(
                        "the unit {unit:?} differs from {u:?} on row {first} for the same indicator"
                    ),
                )
                .hint(
                    "one indicator has one unit; convert the figures or name another indicator",
                ))),
                Some(_) => {}
                None => {
                    units.insert(indicator.clone(), (unit.clone(), r.row));
                }
            }
        }
        let value = match parse_value(&col(&r.cells, "value")) {
            Ok(v) => Some(v),
            Err(p) => {
                found.report(at(p));
                None
            }
        };
        if found.count() > before {
            continue;
        }
        let (Some(d), Some(value)) = (dimension, value) else {
            continue;
        };
        let key = (indicator.clone(), d, code.clone(), period.clone());
        if let Some(first) = seen.get(&key) {
            found.report(
                Problem::new(
                    Some(r.row),
                    None,
                    format!(
                        "duplicate row: {indicator} for {} {code} in {period} is already on row {first}",
                        d.as_str()
                    ),
                )
                .hint("keep one row per period, dimension, code and indicator"),
            );
            continue;
        }
        seen.insert(key, r.row);
        figures.push(Figure {
            row: r.row,
            period,
            dimension: d,
            code,
            indicator,
            unit,
            value,
        });
    }
    if found.problems.is_empty() {
        Ok(figures)
    } else {
        Err(Refusal {
            file: file.to_string(),
            problems: found.problems,
            more: found.more,
        })
    }
}

/// The problems of the rows: the first [`MAX_PROBLEMS`] listed, the rest counted.
#[derive(Default)]
struct Found {
    problems: Vec<Problem>,
    more: usize,
}

impl Found {
    fn report(&mut self, p: Problem) {
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        } else {
            self.more += 1;
        }
    }

    fn count(&self) -> usize {
        self.problems.len() + self.more
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn periods_are_years_quarters_or_months() {
        for ok in ["2024", "2024-Q1", "2024-Q4", "2024-01", "2024-12", "2099"] {
            assert!(check_period(ok), "{ok}");
        }
        for bad in [
            "24", "2024-Q5", "2024-13", "2024-00", "1999", "2024/01", "2024-1", "",
        ] {
            assert!(!check_period(bad), "{bad}");
        }
    }

    #[test]
    fn values_are_exact_decimals_with_a_hint_otherwise() {
        assert_eq!(
            parse_value("1234.50").ok(),
            Decimal::from_str("1234.50").ok()
        );
        assert_eq!(parse_value("-3").ok(), Some(Decimal::from(-3)));
        for (bad, hint) in [
            ("1,234", "thousands"),
            ("12%", "percent"),
            ("1e5", "no exponent"),
            ("n/a", "no text"),
            ("", "leaving out its row"),
        ] {
            let p = parse_value(bad).expect_err(bad);
            assert!(p.hint.as_deref().unwrap_or("").contains(hint), "{bad}: {p}");
        }
    }
}
