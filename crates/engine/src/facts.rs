//! Facts about one entity, read from JSON with errors that name the field and the fix.

use chrono::NaiveDate;
use onestop_lang::diag::did_you_mean;
use onestop_lang::types::{Duration, Type, Value};
use onestop_lang::{EntityId, InputId, Program};
use rust_decimal::Decimal;
use std::str::FromStr;

/// Known facts, by input; `None` means not (yet) known.
#[derive(Debug, Clone)]
pub struct Facts {
    pub entity: EntityId,
    pub values: Vec<Option<Value>>,
}

impl Facts {
    pub fn empty(program: &Program, entity: EntityId) -> Facts {
        Facts {
            entity,
            values: vec![None; program.inputs.len()],
        }
    }

    pub fn set(&mut self, input: InputId, value: Option<Value>) {
        self.values[input.index()] = value;
    }

    pub fn get(&self, input: InputId) -> Option<&Value> {
        self.values.get(input.index()).and_then(|v| v.as_ref())
    }
}

/// A fact that could not be read: which one, and what was wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct FactError {
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for FactError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "fact `{}`: {}", self.field, self.message)
        }
    }
}

impl std::error::Error for FactError {}

/// Reads a JSON object of facts for `entity`. Unknown names and wrong types are errors; `null` means unknown.
pub fn facts_from_json(
    program: &Program,
    entity: EntityId,
    json: &serde_json::Value,
) -> Result<Facts, FactError> {
    let obj = json.as_object().ok_or_else(|| FactError {
        field: String::new(),
        message: format!(
            "facts must be a JSON object of name: value, found {}",
            kind_of(json)
        ),
    })?;
    let mut facts = Facts::empty(program, entity);
    for (name, v) in obj {
        let Some(id) = program.input(entity, name) else {
            let names = program.inputs_of(entity).map(|(_, i)| i.name.as_str());
            let hint = did_you_mean(name, names)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_else(|| {
                    format!(
                        "; `onestop inputs --entity {}` lists the facts it takes",
                        program.entities[entity.index()].name
                    )
                });
            return Err(FactError {
                field: name.clone(),
                message: format!(
                    "not a fact of {}{hint}",
                    program.entities[entity.index()].name
                ),
            });
        };
        let ty = &program.inputs[id.index()].ty;
        let value = if v.is_null() {
            None
        } else {
            Some(
                value_from_json(program, ty, v).map_err(|message| FactError {
                    field: name.clone(),
                    message,
                })?,
            )
        };
        facts.set(id, value);
    }
    Ok(facts)
}

fn kind_of(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

fn decimal_from(v: &serde_json::Value) -> Option<Decimal> {
    match v {
        serde_json::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Some(Decimal::from(i))
            } else {
                // Shortest round-trip text of the number, read exactly.
                Decimal::from_str(&n.to_string())
                    .or_else(|_| Decimal::from_scientific(&n.to_string()))
                    .ok()
            }
        }
        serde_json::Value::String(s) => {
            let cleaned: String = s
                .trim()
                .trim_end_matches("yuan")
                .trim()
                .chars()
                .filter(|c| !matches!(c, ' ' | '_' | ','))
                .collect();
            Decimal::from_str(&cleaned).ok()
        }
        _ => None,
    }
}

/// Converts one JSON value to a value of `ty`, or says what was expected.
pub fn value_from_json(
    program: &Program,
    ty: &Type,
    v: &serde_json::Value,
) -> Result<Value, String> {
    let found = kind_of(v);
    match ty {
        Type::Bool => v
            .as_bool()
            .map(Value::Bool)
            .ok_or_else(|| format!("expected true or false, found {found}")),
        Type::Int => {
            let d = decimal_from(v).filter(|d| d.fract().is_zero());
            d.and_then(|d| i64::try_from(d).ok())
                .map(Value::Int)
                .ok_or_else(|| format!("expected a whole number, found {}", show(v)))
        }
        Type::Decimal => decimal_from(v)
            .map(Value::Decimal)
            .ok_or_else(|| format!("expected a number, found {}", show(v))),
        Type::Rate => {
            if let Some(s) = v.as_str()
                && let Some(p) = s.trim().strip_suffix('%')
            {
                return Decimal::from_str(p.trim())
                    .map(|d| Value::Rate(d / Decimal::ONE_HUNDRED))
                    .map_err(|_| format!("expected a percentage like \"12.5%\", found {}", show(v)));
            }
            decimal_from(v)
                .map(Value::Rate)
                .ok_or_else(|| format!("expected a rate as \"12.5%\" or a fraction like 0.125, found {}", show(v)))
        }
        Type::Money => {
            let d = decimal_from(v).ok_or_else(|| {
                format!("expected an amount in yuan such as \"5000000.00\" or 5000000, found {}", show(v))
            })?;
            if d.round_dp(2) != d {
                return Err(format!("an amount of money has at most two decimal places (fen), found {}", show(v)));
            }
            Ok(Value::Money(d))
        }
        Type::Date => v
            .as_str()
            .and_then(|s| NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok())
            .map(Value::Date)
            .ok_or_else(|| format!("expected a date \"YYYY-MM-DD\", found {}", show(v))),
        Type::Duration => v
            .as_str()
            .and_then(parse_duration)
            .map(Value::Duration)
            .ok_or_else(|| format!("expected a duration such as \"2 years\", \"18 months\" or \"30 days\", found {}", show(v))),
        Type::Text => v
            .as_str()
            .map(|s| Value::Text(s.into()))
            .ok_or_else(|| format!("expected text, found {found}")),
        Type::Enum(e) => {
            let decl = &program.enums[e.0 as usize];
            let s = v
                .as_str()
                .ok_or_else(|| format!("expected one of the values of {}, found {found}", decl.name))?;
            match program.variant(*e, s) {
                Some(i) => Ok(Value::Enum(*e, i)),
                None => {
                    let hint = did_you_mean(s, decl.values.iter().map(|(n, _)| n.as_str()))
                        .map(|x| format!("did you mean \"{x}\"?"))
                        .unwrap_or_else(|| {
                            let all: Vec<&str> = decl.values.iter().map(|(n, _)| n.as_str()).collect();
                            format!("expected one of: {}", all.join(", "))
                        });
                    Err(format!("\"{s}\" is not a value of {}; {hint}", decl.name))
                }
            }
        }
        Type::Set(inner) => {
            let arr = v
                .as_array()
                .ok_or_else(|| format!("expected an array, found {found}"))?;
            let mut out = Vec::new();
            for (i, el) in arr.iter().enumerate() {
                out.push(value_from_json(program, inner, el).map_err(|m| format!("element {i}: {m}"))?);
            }
            Ok(Value::set(out))
        }
    }
}

fn show(v: &serde_json::Value) -> String {
    let s = v.to_string();
    if s.len() > 40 {
        format!(
            "{}...",
            &s[..s.char_indices().nth(37).map(|(i, _)| i).unwrap_or(s.len())]
        )
    } else {
        s
    }
}

fn parse_duration(s: &str) -> Option<Duration> {
    let mut parts = s.split_whitespace();
    let n: i32 = parts.next()?.parse().ok()?;
    let unit = parts.next()?;
    if parts.next().is_some() {
        return None;
    }
    Some(match unit {
        "day" | "days" => Duration { months: 0, days: n },
        "month" | "months" => Duration { months: n, days: 0 },
        "year" | "years" => Duration {
            months: n.checked_mul(12)?,
            days: 0,
        },
        _ => return None,
    })
}

/// A value as JSON: exact decimals as strings, enumerations by name.
pub fn value_to_json(program: &Program, v: &Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Decimal(d) | Value::Rate(d) => J::String(d.normalize().to_string()),
        Value::Money(d) => J::String(format!("{:.2}", d)),
        Value::Date(d) => J::String(d.format("%Y-%m-%d").to_string()),
        Value::Duration(d) => J::String(d.to_string()),
        Value::Text(t) => J::String(t.to_string()),
        Value::Enum(e, i) => J::String(program.variant_name(*e, *i).to_string()),
        Value::Set(items) => J::Array(items.iter().map(|i| value_to_json(program, i)).collect()),
    }
}
