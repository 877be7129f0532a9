//! One literal reader: a fact given as a JSON string and a text cell of a
//! population file (Parquet or CSV, both read through `input::from_raw`) accept
//! and refuse the same texts, and read the same values.

use datafusion::arrow::array::{Array, ArrayRef, AsArray, StringArray};
use datafusion::arrow::datatypes::{Date32Type, Int64Type};
use onestop_batch::input::from_raw;
use onestop_batch::repr::{Ty, date_to_days, dec_from_bytes, pack_duration};
use onestop_engine::fact_from_json;
use onestop_lang::types::{Type, Value};
use onestop_lang::{Program, RuleSet};
use rust_decimal::Decimal;
use std::path::Path;
use std::sync::Arc;

const TEXTS: &[&str] = &[
    "1e3",
    "1E3",
    "1,000",
    "1_000",
    "1 000 000.00 yuan",
    "5%",
    "12.5%",
    " 3 ",
    "3.0",
    "3.5",
    "-1",
    "0.125",
    "0.005",
    "",
    "   ",
    "abc",
    "true",
    "false",
    "yes",
    "2027-02-30",
    "2024-02-29",
    " 2024-02-29 ",
    "2 years",
    "18 months",
    "1 day",
    "2 fortnights",
];

fn program() -> Program {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let set = RuleSet::load_dir(&dir).expect("the shipped rules");
    set.check(None).0.expect("the shipped rules check")
}

/// A cell of an internal column as the value the JSON reader would give.
fn cell(a: &ArrayRef, ty: Ty) -> Option<Value> {
    if a.is_null(0) {
        return None;
    }
    Some(match ty {
        Ty::Bool => Value::Bool(a.as_boolean().value(0)),
        Ty::Int => Value::Int(a.as_primitive::<Int64Type>().value(0)),
        Ty::Decimal => Value::Decimal(dec_from_bytes(a.as_fixed_size_binary().value(0))),
        Ty::Rate => Value::Rate(dec_from_bytes(a.as_fixed_size_binary().value(0))),
        Ty::Money => Value::Money(dec_from_bytes(a.as_fixed_size_binary().value(0))),
        Ty::Date => {
            let days = a.as_primitive::<Date32Type>().value(0);
            Value::Date(onestop_batch::repr::days_to_date(days).expect("a calendar date"))
        }
        Ty::Duration => {
            let p = a.as_primitive::<Int64Type>().value(0);
            Value::Duration(onestop_batch::repr::unpack_duration(p))
        }
        other => panic!("not in this table: {other:?}"),
    })
}

fn json(p: &Program, ty: &Type, text: &str) -> Result<Option<Value>, String> {
    fact_from_json(p, ty, &serde_json::Value::String(text.to_string()))
}

fn population(ty: Ty, text: &str) -> Result<Option<Value>, String> {
    let a: ArrayRef = Arc::new(StringArray::from(vec![Some(text)]));
    from_raw(&a, "x", ty, &[])
        .map(|out| cell(&out, ty))
        .map_err(|e| e.to_string())
}

#[test]
fn json_and_population_files_read_the_same_texts() {
    let p = program();
    let types = [
        (Type::Bool, Ty::Bool),
        (Type::Int, Ty::Int),
        (Type::Decimal, Ty::Decimal),
        (Type::Rate, Ty::Rate),
        (Type::Money, Ty::Money),
        (Type::Date, Ty::Date),
        (Type::Duration, Ty::Duration),
    ];
    let mut accepted = 0;
    for (ty, tag) in &types {
        for text in TEXTS {
            let j = json(&p, ty, text);
            let b = population(*tag, text);
            match (&j, &b) {
                (Ok(x), Ok(y)) => {
                    assert_eq!(x, y, "{ty:?} {text:?}: different values");
                    accepted += 1;
                }
                (Err(_), Err(_)) => {}
                _ => panic!("{ty:?} {text:?}: JSON {j:?}, population file {b:?}"),
            }
        }
    }
    // The table exercises both sides of every type.
    assert!(accepted > 20 && accepted < TEXTS.len() * types.len() - 20);
}

#[test]
fn the_decisions() {
    let p = program();
    let int = |t: &str| json(&p, &Type::Int, t);
    assert!(int("1e3").is_err(), "no exponent in text");
    assert_eq!(int("1,000"), Ok(Some(Value::Int(1000))));
    assert_eq!(int(" 3 "), Ok(Some(Value::Int(3))));
    assert_eq!(int(""), Ok(None), "a blank text is not known");
    assert_eq!(
        json(&p, &Type::Rate, "5%"),
        Ok(Some(Value::Rate(Decimal::new(5, 2))))
    );
    assert!(json(&p, &Type::Date, "2027-02-30").is_err());
    assert_eq!(
        json(&p, &Type::Bool, "true"),
        Ok(Some(Value::Bool(true))),
        "a boolean written as text"
    );
    // Errors name what was expected and what was found.
    let e = population(Ty::Int, "1e3").expect_err("refused");
    assert!(
        e.contains("population column `x`: expected a whole number, found \"1e3\""),
        "{e}"
    );
    let e = json(&p, &Type::Money, "0.005").expect_err("refused");
    assert!(e.contains("at most two decimal places"), "{e}");
    // Sanity of the table's helpers: the internal forms round-trip.
    let d = chrono::NaiveDate::from_ymd_opt(2024, 2, 29).expect("a date");
    assert_eq!(date_to_days(d), 19_782);
    assert_eq!(
        pack_duration(onestop_lang::Duration { months: 1, days: 0 }),
        1i64 << 32
    );
}
