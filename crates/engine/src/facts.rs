//! Facts about one entity, read from JSON with errors that name the field and the fix.

use onestop_lang::diag::did_you_mean;
use onestop_lang::literal;
use onestop_lang::types::{Type, Value};
use onestop_lang::{EntityId, EnumId, InputId, Program};
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
        let value = fact_from_json(program, ty, v).map_err(|message| FactError {
            field: name.clone(),
            message,
        })?;
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

/// A JSON number as an exact decimal (its shortest round-trip text, read exactly).
fn number(n: &serde_json::Number) -> Option<Decimal> {
    if let Some(i) = n.as_i64() {
        return Some(Decimal::from(i));
    }
    let t = n.to_string();
    Decimal::from_str(&t)
        .or_else(|_| Decimal::from_scientific(&t))
        .ok()
}

/// One fact as JSON: `null` or a blank text is not known (`None`); a text is read
/// by the one literal reader (`onestop_lang::literal`, shared with population
/// files); numbers, booleans, enumeration names and arrays as JSON gives them.
pub fn fact_from_json(
    program: &Program,
    ty: &Type,
    v: &serde_json::Value,
) -> Result<Option<Value>, String> {
    use serde_json::Value as J;
    let found = || format!("found {}", show(v));
    match (ty, v) {
        (_, J::Null) => Ok(None),
        (Type::Enum(_), J::String(s)) if s.trim().is_empty() => Ok(None),
        (Type::Enum(e), J::String(s)) => enum_value(program, *e, s).map(Some),
        (Type::Enum(_), _) => Err(format!("{}, found {}", expected(program, ty), kind_of(v))),
        (Type::Set(inner), J::Array(arr)) => {
            let mut out = Vec::new();
            for (i, el) in arr.iter().enumerate() {
                out.push(
                    value_from_json(program, inner, el).map_err(|m| format!("element {i}: {m}"))?,
                );
            }
            Ok(Some(Value::set(out)))
        }
        (Type::Set(_), J::String(s)) if s.trim().is_empty() => Ok(None),
        (Type::Set(_), _) => Err(format!("expected an array, found {}", kind_of(v))),
        (_, J::String(s)) => literal::parse(ty, s).map_err(|m| format!("{m}, {}", found())),
        (Type::Bool, J::Bool(b)) => Ok(Some(Value::Bool(*b))),
        (Type::Int | Type::Decimal | Type::Rate | Type::Money, J::Number(n)) => {
            let d = number(n).ok_or_else(|| format!("{}, {}", literal::expected(ty), found()))?;
            Ok(Some(match ty {
                Type::Int => Value::Int(
                    Some(d)
                        .filter(|d| d.fract().is_zero())
                        .and_then(|d| i64::try_from(d).ok())
                        .ok_or_else(|| format!("{}, {}", literal::expected(ty), found()))?,
                ),
                Type::Rate => Value::Rate(d),
                Type::Money => {
                    Value::Money(literal::money(d).map_err(|m| format!("{m}, {}", found()))?)
                }
                _ => Value::Decimal(d),
            }))
        }
        (Type::Text, _) => Err(format!("expected text, found {}", kind_of(v))),
        (Type::Bool, _) => Err(format!("expected true or false, found {}", kind_of(v))),
        _ => Err(format!("{}, {}", literal::expected(ty), found())),
    }
}

fn expected(program: &Program, ty: &Type) -> String {
    match ty {
        Type::Enum(e) => format!(
            "expected one of the values of {}",
            program.enums[e.0 as usize].name
        ),
        other => literal::expected(other),
    }
}

fn enum_value(program: &Program, e: EnumId, s: &str) -> Result<Value, String> {
    let decl = &program.enums[e.0 as usize];
    match program.variant(e, s) {
        Some(i) => Ok(Value::Enum(e, i)),
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

/// Converts one JSON value to a value of `ty`, or says what was expected; a
/// value is wanted, so `null` and blank text are refused.
pub fn value_from_json(
    program: &Program,
    ty: &Type,
    v: &serde_json::Value,
) -> Result<Value, String> {
    fact_from_json(program, ty, v)?
        .ok_or_else(|| format!("{}, found {}", expected(program, ty), show(v)))
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
