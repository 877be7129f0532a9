//! The matching run's evaluator: the population engine (`onestop-batch`, DataFusion)
//! over the stored profiles. The profiles become Arrow record batches (one text
//! column per input, read by the same literal reader as population files, a list
//! column for sets), spread over one partition per core, and every measure of the
//! entity is evaluated in one plan; only `id` and the `M.status` columns are
//! computed (projection pruning drops the rest).

use chrono::NaiveDate;
use onestop_batch::repr::Ty;
use onestop_lang::{EntityId, Program};
use onestop_notify::evaluate::{Answer, AnswersFuture, Evaluator, Profile};
use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef, AsArray, ListBuilder, RecordBatch, StringBuilder};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::common::Column;
use datafusion::datasource::MemTable;
use datafusion::logical_expr::Expr;

/// Rows per record batch (the batch engine's own batch size).
const ROWS: usize = 8192;

pub struct BatchEvaluator;

impl Evaluator for BatchEvaluator {
    fn name(&self) -> &'static str {
        "population engine (DataFusion)"
    }

    fn evaluate<'a>(
        &'a self,
        program: Arc<Program>,
        entity: EntityId,
        date: NaiveDate,
        profiles: Vec<Profile>,
    ) -> AnswersFuture<'a> {
        Box::pin(async move { answers(program, entity, date, profiles).await })
    }
}

/// A JSON fact as the text a population file would hold (numbers written out in
/// full: the literal reader refuses exponents in text).
fn text_of(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Number(n) => {
            let t = n.to_string();
            if t.contains(['e', 'E']) {
                rust_decimal::Decimal::from_scientific(&t)
                    .map(|d| d.normalize().to_string())
                    .ok()
                    .or(Some(t))
            } else {
                Some(t)
            }
        }
        other => Some(other.to_string()),
    }
}

/// The profiles as record batches: `id`, then one column per input of the entity.
fn batches(
    program: &Program,
    entity: EntityId,
    profiles: &[Profile],
) -> Result<(Arc<Schema>, Vec<RecordBatch>), String> {
    let inputs: Vec<(String, bool)> = program
        .inputs_of(entity)
        .map(|(_, d)| Ty::of(program, &d.ty).map(|t| (d.name.clone(), t == Ty::EnumSet)))
        .collect::<Result<_, _>>()?;
    let mut fields = vec![Field::new("id", DataType::Utf8, false)];
    for (name, set) in &inputs {
        fields.push(if *set {
            Field::new(
                name,
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                true,
            )
        } else {
            Field::new(name, DataType::Utf8, true)
        });
    }
    let schema = Arc::new(Schema::new(fields));
    let mut out = Vec::new();
    for chunk in profiles.chunks(ROWS) {
        let mut ids = StringBuilder::new();
        for p in chunk {
            ids.append_value(&p.account);
        }
        let mut columns: Vec<ArrayRef> = vec![Arc::new(ids.finish())];
        for (name, set) in &inputs {
            if *set {
                let mut b = ListBuilder::new(StringBuilder::new());
                for p in chunk {
                    match p.facts.get(name) {
                        Some(serde_json::Value::Array(items)) => {
                            for item in items {
                                b.values().append_option(text_of(item));
                            }
                            b.append(true);
                        }
                        _ => b.append(false),
                    }
                }
                columns.push(Arc::new(b.finish()));
            } else {
                let mut b = StringBuilder::new();
                for p in chunk {
                    b.append_option(p.facts.get(name).and_then(text_of));
                }
                columns.push(Arc::new(b.finish()));
            }
        }
        out.push(RecordBatch::try_new(schema.clone(), columns).map_err(|e| e.to_string())?);
    }
    Ok((schema, out))
}

async fn answers(
    program: Arc<Program>,
    entity: EntityId,
    date: NaiveDate,
    profiles: Vec<Profile>,
) -> Result<Vec<Answer>, String> {
    if profiles.is_empty() {
        return Ok(Vec::new());
    }
    let (schema, list) = {
        let program = program.clone();
        tokio::task::spawn_blocking(move || batches(&program, entity, &profiles))
            .await
            .map_err(|e| e.to_string())??
    };
    let parts = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(2)
        .min(list.len())
        .max(1);
    let mut partitions: Vec<Vec<RecordBatch>> = vec![Vec::new(); parts];
    for (i, b) in list.into_iter().enumerate() {
        partitions[i % parts].push(b);
    }
    let table = MemTable::try_new(schema, partitions).map_err(|e| e.to_string())?;
    let ctx = onestop_batch::session();
    let df = ctx.read_table(Arc::new(table)).map_err(|e| e.to_string())?;
    let opts = onestop_batch::Options {
        missing_lists: false,
        ..onestop_batch::Options::default()
    };
    let out =
        onestop_batch::evaluate(&program, entity, date, df, &opts).map_err(|e| e.to_string())?;
    let measures: Vec<String> = program
        .measures_of(entity)
        .map(|(_, m)| m.id.clone())
        .collect();
    let mut cols = vec![Expr::Column(Column::from_name("id"))];
    cols.extend(
        measures
            .iter()
            .map(|m| Expr::Column(Column::from_name(format!("{m}.status")))),
    );
    let out = out.select(cols).map_err(|e| e.to_string())?;
    let batches = out.collect().await.map_err(|e| e.to_string())?;
    let mut answers = Vec::new();
    for b in &batches {
        let ids = datafusion::arrow::compute::cast(b.column(0), &DataType::Utf8)
            .map_err(|e| e.to_string())?;
        let ids = ids.as_string::<i32>();
        let statuses: Vec<ArrayRef> = (1..b.num_columns())
            .map(|i| datafusion::arrow::compute::cast(b.column(i), &DataType::Utf8))
            .collect::<Result<_, _>>()
            .map_err(|e| e.to_string())?;
        for row in 0..b.num_rows() {
            let mut a = Answer {
                account: ids.value(row).to_string(),
                ..Answer::default()
            };
            for (m, col) in measures.iter().zip(&statuses) {
                let col = col.as_string::<i32>();
                if col.is_null(row) {
                    continue;
                }
                match col.value(row) {
                    "eligible" => a.eligible.push(m.clone()),
                    "undetermined" => a.undetermined.push(m.clone()),
                    _ => {}
                }
            }
            answers.push(a);
        }
    }
    Ok(answers)
}

#[cfg(test)]
mod tests {
    use super::*;
    use onestop_notify::evaluate::scalar_answers;

    /// The batch and the scalar engine answer the same for the shipped sample
    /// profiles and variations of them (facts removed, amounts changed).
    #[test]
    fn the_population_engine_and_the_scalar_engine_agree_on_stored_profiles() {
        let rules = crate::rules::Rules::load(None).expect("the shipped rules");
        let program = rules.program.clone();
        let date = NaiveDate::from_ymd_opt(2026, 6, 1).expect("date");
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/samples");
        for (entity_name, file) in [("enterprise", "enterprise.json"), ("person", "person.json")] {
            let text = std::fs::read_to_string(root.join(file)).expect("sample");
            let sample: serde_json::Value = serde_json::from_str(&text).expect("json");
            let facts = sample["facts"].as_object().expect("facts").clone();
            let mut profiles = vec![Profile {
                account: "full".into(),
                facts: serde_json::Value::Object(facts.clone()),
            }];
            // Each fact left out once: undetermined measures, and others decided anyway.
            for key in facts.keys() {
                let mut f = facts.clone();
                f.remove(key);
                profiles.push(Profile {
                    account: format!("without-{key}"),
                    facts: serde_json::Value::Object(f),
                });
            }
            profiles.push(Profile {
                account: "empty".into(),
                facts: serde_json::json!({}),
            });
            let entity = program.entity(entity_name).expect("entity");
            let rt = crate::runtime::runtime().expect("runtime");
            let mut batch = rt
                .block_on(answers(program.clone(), entity, date, profiles.clone()))
                .expect("batch");
            let mut scalar = scalar_answers(&program, entity, date, &profiles).expect("scalar");
            batch.sort_by(|a, b| a.account.cmp(&b.account));
            scalar.sort_by(|a, b| a.account.cmp(&b.account));
            for a in batch.iter_mut().chain(scalar.iter_mut()) {
                a.eligible.sort();
                a.undetermined.sort();
            }
            assert_eq!(batch.len(), profiles.len());
            assert_eq!(batch, scalar, "{entity_name}");
            assert!(
                scalar.iter().any(|a| !a.eligible.is_empty()),
                "the {entity_name} sample is eligible for something"
            );
        }
    }

    #[test]
    fn numbers_are_written_out_in_full() {
        assert_eq!(
            text_of(&serde_json::json!(5000000)).as_deref(),
            Some("5000000")
        );
        assert_eq!(
            text_of(&serde_json::json!(1e21)).as_deref(),
            Some("1000000000000000000000")
        );
        assert_eq!(text_of(&serde_json::json!(true)).as_deref(), Some("true"));
        assert_eq!(text_of(&serde_json::Value::Null), None);
    }
}
