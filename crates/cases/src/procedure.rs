//! What a service's file says about one submission, read against the rules' answer:
//! which cases open, which are approved at filing, which materials are still
//! missing, and the statutory time limit of a case. Pure functions: the store calls
//! them when it writes.

use crate::services::{Approval, CaseTemplate, Material, OutputIs};
use chrono::NaiveDate;
use onestop_lang::{Program, Value};
use onestop_store::{Result, ServiceError};
use serde_json::Value as J;

/// The outputs of the service's measure in a stored evaluation (`{}` if none).
pub fn outputs(evaluation: &J) -> &J {
    &evaluation["measures"][0]["outputs"]
}

/// Whether an output has the value a condition names (`true`, or an enumeration
/// value). An unknown output never holds.
pub fn holds(cond: &OutputIs, outputs: &J) -> bool {
    match &outputs[&cond.output] {
        J::Bool(b) => cond.equals == b.to_string(),
        J::String(s) => *s == cond.equals,
        _ => false,
    }
}

/// Whether a case of this template is opened for this submission.
pub fn opens(t: &CaseTemplate, outputs: &J) -> bool {
    t.open_when.as_ref().is_none_or(|c| holds(c, outputs))
}

/// Whether the case is approved at filing (approval upon filing, informing and
/// commitment) rather than reviewed.
pub fn approved_at_filing(t: &CaseTemplate, outputs: &J) -> bool {
    t.approval == Approval::AtFiling && t.at_filing_when.as_ref().is_none_or(|c| holds(c, outputs))
}

/// The required materials of a case that no file fills yet.
pub fn missing_materials<'a>(t: &'a CaseTemplate, slots: &[String]) -> Vec<&'a Material> {
    t.materials
        .iter()
        .filter(|m| m.required && !slots.contains(&m.id))
        .collect()
}

/// A case's statutory time limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    /// Working days on the official calendar (suspended working days added).
    WorkingDays(i64),
    /// A calendar period (suspended calendar days added).
    Period(onestop_lang::Duration),
}

/// The limit in force on `day` (the day of acceptance) for a case of this template,
/// from the rule parameter or the applicant's evaluated output it names.
pub fn limit(t: &CaseTemplate, program: &Program, outputs: &J, day: NaiveDate) -> Result<Limit> {
    let param = |name: &str| -> Result<Value> {
        let p = program.param(name).ok_or_else(|| {
            ServiceError::Storage(format!("the rules have no parameter `{name}`"))
        })?;
        program.params[p.index()]
            .value_at(day)
            .map(|(_, v)| v.value.clone())
            .ok_or_else(|| {
                ServiceError::Conflict(format!(
                    "the rules give no value of `{name}` on {day}: the time limit is unknown"
                ))
            })
    };
    if let Some(name) = &t.working_days_parameter {
        return match param(name)? {
            Value::Int(n) => Ok(Limit::WorkingDays(n)),
            other => Err(ServiceError::Storage(format!(
                "`{name}` is not a whole number of days: {other:?}"
            ))),
        };
    }
    if let Some(name) = &t.period_parameter {
        return match param(name)? {
            Value::Duration(d) => Ok(Limit::Period(d)),
            other => Err(ServiceError::Storage(format!(
                "`{name}` is not a period: {other:?}"
            ))),
        };
    }
    if let Some(name) = &t.working_days_output {
        return outputs[name]
            .as_i64()
            .map(Limit::WorkingDays)
            .ok_or_else(|| {
                ServiceError::Conflict(format!(
                    "the submission's evaluation gives no `{name}`: the time limit is unknown"
                ))
            });
    }
    Err(ServiceError::Storage(format!(
        "case `{}` has no statutory time limit in the services file",
        t.kind
    )))
}

/// The last day a licence of this template is valid when issued on `day`, with the
/// basis to print (`parameter (citation)`), from the rule parameter the template
/// names; `None` when it names none (the grant has no term in the rules).
pub fn valid_until(
    t: &CaseTemplate,
    program: &Program,
    day: NaiveDate,
) -> Result<Option<(NaiveDate, String)>> {
    let Some(name) = &t.validity_parameter else {
        return Ok(None);
    };
    let p = program
        .param(name)
        .ok_or_else(|| ServiceError::Storage(format!("the rules have no parameter `{name}`")))?;
    let Some((_, v)) = program.params[p.index()].value_at(day) else {
        return Err(ServiceError::Conflict(format!(
            "the rules give no value of `{name}` on {day}: the licence's validity is unknown"
        )));
    };
    let Value::Duration(d) = &v.value else {
        return Err(ServiceError::Storage(format!(
            "`{name}` is not a period: {:?}",
            v.value
        )));
    };
    let until = d
        .add_to(day)
        .and_then(|e| e.pred_opt())
        .ok_or_else(|| ServiceError::Conflict(format!("{d} from {day} is out of range")))?;
    Ok(Some((until, format!("{name} ({})", v.cite.text))))
}

/// A date the applicant must keep, from the rules, and how near it is.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReminderView {
    pub output: String,
    pub title_en: String,
    pub title_zh: String,
    pub date: String,
    /// Days from the business date to the date (negative once past).
    pub days_left: i64,
    /// Within the services file's notice period (or past).
    pub due_soon: bool,
}

/// The dates a template's reminders read from the evaluation's outputs, each with
/// the days left from `today` (outputs the evaluation lacks are left out).
pub fn reminders(t: &CaseTemplate, outputs: &J, today: NaiveDate) -> Vec<ReminderView> {
    t.reminders
        .iter()
        .filter_map(|r| {
            let text = outputs[&r.output].as_str()?;
            let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
            let days_left = (date - today).num_days();
            Some(ReminderView {
                output: r.output.clone(),
                title_en: r.title.en.clone(),
                title_zh: r.title.zh.clone(),
                date: date.to_string(),
                days_left,
                due_soon: days_left <= i64::from(r.notice_days),
            })
        })
        .collect()
}

/// The last day of a limit started on `start`, with `suspended` days added, and
/// whether it was counted through a year without an official holiday notice.
pub fn due(limit: Limit, start: NaiveDate, suspended: i64) -> Result<(NaiveDate, bool)> {
    match limit {
        Limit::WorkingDays(n) => {
            let calendar = onestop_calendar::current();
            let due = calendar
                .add_working_days(start, n + suspended)
                .map_err(|e| ServiceError::Conflict(format!("cannot compute the deadline: {e}")))?;
            Ok((due, !calendar.provisional_in(start, due).is_empty()))
        }
        Limit::Period(d) => {
            let end = d
                .add_to(start)
                .and_then(|e| e.checked_add_signed(chrono::TimeDelta::try_days(suspended)?))
                .ok_or_else(|| {
                    ServiceError::Conflict(format!("the period {d} from {start} is out of range"))
                })?;
            Ok((end, false))
        }
    }
}

/// Days the clock stood still from `stopped` to `answered`: working days for a
/// working-day limit, calendar days for a period.
pub fn paused(limit: Limit, stopped: NaiveDate, answered: NaiveDate) -> Result<i64> {
    match limit {
        Limit::WorkingDays(_) => onestop_calendar::current()
            .working_days_between(stopped, answered)
            .map(|n| n.max(0))
            .map_err(|e| ServiceError::Conflict(format!("cannot restart the clock: {e}"))),
        Limit::Period(_) => Ok((answered - stopped).num_days().max(0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn cond(output: &str, equals: &str) -> OutputIs {
        OutputIs {
            output: output.into(),
            equals: equals.into(),
        }
    }

    #[test]
    fn a_condition_holds_on_its_bool_or_enumeration_value_only() {
        let out = json!({"pr": true, "route": "hnte_route_filing", "n": 7});
        assert!(holds(&cond("pr", "true"), &out));
        assert!(!holds(&cond("pr", "false"), &out));
        assert!(holds(&cond("route", "hnte_route_filing"), &out));
        assert!(!holds(&cond("route", "hnte_route_national"), &out));
        assert!(!holds(&cond("n", "7"), &out), "numbers are not conditions");
        assert!(!holds(&cond("absent", "true"), &out));
    }

    #[test]
    fn a_reminder_is_due_within_its_notice_and_past_after_its_date() {
        let t: CaseTemplate = toml::from_str(
            r#"
kind = "k"
agency = "customs"
title = { en = "K", zh = "K" }
working_days_parameter = "p"
[[reminder]]
output = "due"
title = { en = "Re-export by", zh = "复运出境" }
notice_days = 30
[[reminder]]
output = "absent"
title = { en = "Never", zh = "无" }
"#,
        )
        .expect("template");
        let on = |d: &str| NaiveDate::parse_from_str(d, "%Y-%m-%d").expect("date");
        let out = json!({"due": "2026-07-15"});
        let far = reminders(&t, &out, on("2026-06-01"));
        assert_eq!(far.len(), 1, "an output the evaluation lacks is left out");
        assert_eq!((far[0].days_left, far[0].due_soon), (44, false));
        let near = reminders(&t, &out, on("2026-06-15"));
        assert_eq!((near[0].days_left, near[0].due_soon), (30, true));
        let past = reminders(&t, &out, on("2026-07-16"));
        assert_eq!((past[0].days_left, past[0].due_soon), (-1, true));
    }

    #[test]
    fn a_period_adds_months_then_the_suspended_days() {
        let six = onestop_lang::Duration { months: 6, days: 0 };
        let start = NaiveDate::from_ymd_opt(2026, 8, 31).expect("date");
        let (d, provisional) = due(Limit::Period(six), start, 0).expect("due");
        assert_eq!(d, NaiveDate::from_ymd_opt(2027, 2, 28).expect("date"));
        assert!(!provisional);
        let (d, _) = due(Limit::Period(six), start, 10).expect("due");
        assert_eq!(d, NaiveDate::from_ymd_opt(2027, 3, 10).expect("date"));
        let answered = NaiveDate::from_ymd_opt(2026, 9, 10).expect("date");
        assert_eq!(
            paused(Limit::Period(six), start, answered).expect("paused"),
            10
        );
    }
}
