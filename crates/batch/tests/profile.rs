//! The per-definition profile (`ONESTOP_BATCH_PROFILE`): the batch functions a
//! definition's compilation creates are charged to that definition, with the
//! rows they saw, so the report's nanoseconds per row are per definition. Its
//! own process (an integration test) because profiling, once on, stays on.

mod common;

use chrono::NaiveDate;
use common::*;
use onestop_batch::{Options, evaluate, profile, session};
use std::path::Path;

#[tokio::test]
async fn each_definition_is_charged_its_functions_time_and_rows() {
    profile::force_on();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/rules");
    let p = &programs(&dir)[0].1;
    let entity = p.entity("firm").expect("firm");
    let rows = 700;
    let (batch, _) = population(p, entity, rows, 3);
    let date = NaiveDate::from_ymd_opt(2022, 5, 31).expect("date");
    let ctx = session();
    let out = evaluate(
        p,
        entity,
        date,
        ctx.read_batch(batch).expect("batch"),
        &Options::default(),
    )
    .expect("plan")
    .collect()
    .await
    .expect("run");
    assert_eq!(out.iter().map(|b| b.num_rows()).sum::<usize>(), rows);

    let owners = profile::owners();
    let get = |name: &str| {
        owners
            .iter()
            .find(|(o, _, _)| o == name)
            .unwrap_or_else(|| panic!("no figures for {name}: {owners:?}"))
    };
    // `scaled = amount * share + other * factor - amount / count`: five
    // arithmetic functions, each over every row.
    let (_, ns, seen) = get("definition scaled");
    assert!(*ns > 0, "definition scaled took no time");
    assert_eq!(*seen, rows as u64, "definition scaled's rows");
    // A measure's eligibility and an input's conversion have their own lines.
    assert!(
        owners
            .iter()
            .any(|(o, _, _)| o.starts_with("eligibility of ")),
        "{owners:?}"
    );
    // Rows are counted per call, not per row of the population: a function
    // DataFusion evaluates twice over the same rows (`definition either`'s
    // does here) shows them twice, so the report's ns per row is per evaluated row.
    let (_, _, either) = get("definition either");
    assert!(*either >= rows as u64, "definition either's rows: {either}");
}
