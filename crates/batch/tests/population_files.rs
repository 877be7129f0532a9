//! Population files: type checks that name the column, CSV and Parquet reading.

mod common;

use common::*;
use datafusion::arrow::array::{ArrayRef, Float64Array, Int64Array, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use onestop_batch::{BatchError, Options, check_population, evaluate_file};
use std::sync::Arc;

fn float_money_batch() -> RecordBatch {
    let schema = Schema::new(vec![
        Field::new("id", DataType::Int64, false),
        Field::new("tech_transfer_income", DataType::Float64, true),
    ]);
    let cols: Vec<ArrayRef> = vec![
        Arc::new(Int64Array::from(vec![1, 2])),
        Arc::new(Float64Array::from(vec![Some(1.5), None])),
    ];
    RecordBatch::try_new(Arc::new(schema), cols).expect("batch")
}

#[test]
fn floating_point_money_is_refused_with_the_column_named() {
    let progs = programs(&repo().join("rules"));
    let p = &progs[0].1;
    let e = p.entity("enterprise").expect("enterprise");
    let err = check_population(p, e, &float_money_batch().schema()).expect_err("refused");
    let msg = err.to_string();
    assert!(
        msg.contains("population column `tech_transfer_income` has type Float64")
            && msg.contains("input `tech_transfer_income` is money")
            && msg.contains("decimal(38,2)"),
        "{msg}"
    );
    // The CLI test reads the same batch from a fixture (written once with ArrowWriter).
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/float-money.parquet");
    let file = std::fs::File::open(&fixture).expect("fixture");
    let reader =
        datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
            .expect("parquet");
    assert_eq!(
        reader
            .schema()
            .field_with_name("tech_transfer_income")
            .expect("field")
            .data_type(),
        &DataType::Float64
    );
}

#[tokio::test]
async fn csv_and_parquet_give_the_same_results() {
    let progs = programs(&repo().join("rules"));
    let p = &progs[0].1;
    let e = p.entity("enterprise").expect("enterprise");
    let dir = std::env::temp_dir().join(format!("onestop-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let csv = dir.join("pop.csv");
    std::fs::write(
        &csv,
        "id,tax_year,is_resident_enterprise,zgc_park,tech_transfer_income,industry\n\
         1,2021,true,haidian_park,30000000,software_it\n\
         2,2021,true,dongcheng_park,\"30 000 000.00\",software_it\n\
         3,,true,,1000000.5,\n",
    )
    .expect("csv");
    let date = chrono::NaiveDate::from_ymd_opt(2022, 5, 31).expect("date");
    let out = dir.join("out.parquet");
    let n = evaluate_file(p, e, date, &csv, &out, &Options::default())
        .await
        .expect("evaluate");
    assert_eq!(n, 3);
    let ctx = onestop_batch::session();
    let rows = ctx
        .read_parquet(out.to_str().expect("path"), Default::default())
        .await
        .expect("read")
        .collect()
        .await
        .expect("collect");
    let mut due = std::collections::BTreeMap::new();
    for b in &rows {
        let ids = b.column_by_name("id").expect("id");
        let col = b.column_by_name("tech_transfer_tax_due").expect("due");
        let missing = b
            .column_by_name("tech_transfer_tax_due.missing")
            .expect("missing");
        for i in 0..b.num_rows() {
            due.insert(
                show_cell(ids, i).unwrap_or_default(),
                (show_cell(col, i), show_cell(missing, i)),
            );
        }
    }
    // Haidian is a pilot park (20 million exempt), Dongcheng is not (5 million).
    assert_eq!(due["1"].0.as_deref(), Some("1250000"));
    assert_eq!(due["2"].0.as_deref(), Some("3125000"));
    // Row 3: no tax year, no park: missing, and says which facts.
    assert_eq!(due["3"], (None, Some("tax_year,zgc_park".to_string())));
}

#[tokio::test]
async fn a_bad_value_names_its_column() {
    let progs = programs(&repo().join("rules"));
    let p = &progs[0].1;
    let e = p.entity("enterprise").expect("enterprise");
    let dir = std::env::temp_dir().join(format!("onestop-badvalue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let csv = dir.join("pop.csv");
    std::fs::write(&csv, "id,zgc_park\n1,haidan_park\n").expect("csv");
    let date = chrono::NaiveDate::from_ymd_opt(2022, 5, 31).expect("date");
    let err = evaluate_file(
        p,
        e,
        date,
        &csv,
        &dir.join("o.parquet"),
        &Options::default(),
    )
    .await
    .expect_err("refused");
    assert!(matches!(err, BatchError::Engine(_)));
    let msg = err.to_string();
    assert!(
        msg.contains("population column `zgc_park`") && msg.contains("\"haidan_park\""),
        "{msg}"
    );
}

/// The generated layout (money as `DECIMAL(18, 2)` on `INT64`, enumerations
/// dictionary-encoded, several row groups) and the layout of earlier versions
/// (`decimal(38, s)` as 16-byte arrays, plain text, one row group) give the same
/// results, cell for cell.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_generated_layout_and_the_old_layout_give_the_same_results() {
    use datafusion::arrow::compute::cast;
    use datafusion::parquet::arrow::ArrowWriter;
    use datafusion::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use datafusion::parquet::basic::{LogicalType, Type as Physical};
    let progs = programs(&repo().join("rules"));
    let p = &progs[0].1;
    let e = p.entity("enterprise").expect("enterprise");
    let dir = std::env::temp_dir().join(format!("onestop-layout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let new = dir.join("new.parquet");
    let n = onestop_batch::generate::generate_in_groups(p, e, 2500, 5, &new, 1000, |_| {})
        .expect("generate");
    assert_eq!(n, 2500);

    // The new layout, as a Parquet reader sees it.
    let reader = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&new).expect("open"))
        .expect("parquet");
    let meta = reader.metadata().clone();
    assert_eq!(meta.num_row_groups(), 3, "1000 + 1000 + 500 rows");
    let schema = meta.file_metadata().schema_descr();
    let column = |name: &str| {
        (0..schema.num_columns())
            .map(|k| schema.column(k))
            .find(|c| c.name() == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let money = column("tech_transfer_income");
    assert_eq!(money.physical_type(), Physical::INT64);
    assert!(matches!(
        money.logical_type_ref(),
        Some(LogicalType::Decimal(_))
    ));
    assert_eq!((money.type_precision(), money.type_scale()), (18, 2));
    assert!(matches!(
        reader
            .schema()
            .field_with_name("zgc_park")
            .expect("field")
            .data_type(),
        DataType::Dictionary(_, _)
    ));
    let batches: Vec<RecordBatch> = reader
        .build()
        .expect("reader")
        .map(|b| b.expect("batch"))
        .collect();

    // The same rows in the old layout: one row group, 16-byte decimals, plain text.
    let old = dir.join("old.parquet");
    let old_fields: Vec<Field> = batches[0]
        .schema()
        .fields()
        .iter()
        .map(|f| {
            let dt = match f.data_type() {
                DataType::Decimal128(_, s) => DataType::Decimal128(38, *s),
                DataType::Dictionary(_, _) => DataType::Utf8,
                other => other.clone(),
            };
            Field::new(f.name(), dt, f.is_nullable())
        })
        .collect();
    let old_schema = Arc::new(Schema::new(old_fields));
    let mut w = ArrowWriter::try_new(
        std::fs::File::create(&old).expect("create"),
        old_schema.clone(),
        None,
    )
    .expect("writer");
    for b in &batches {
        let cols: Vec<ArrayRef> = b
            .columns()
            .iter()
            .zip(old_schema.fields())
            .map(|(c, f)| cast(c, f.data_type()).expect("cast"))
            .collect();
        w.write(&RecordBatch::try_new(old_schema.clone(), cols).expect("batch"))
            .expect("write");
    }
    w.close().expect("close");
    let old_meta =
        ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&old).expect("open"))
            .expect("parquet")
            .metadata()
            .clone();
    assert_eq!(old_meta.num_row_groups(), 1);

    let date = chrono::NaiveDate::from_ymd_opt(2024, 5, 31).expect("date");
    let mut results = Vec::new();
    for (input, label) in [(&new, "new"), (&old, "old")] {
        let out = dir.join(format!("out-{label}.parquet"));
        let rows = evaluate_file(p, e, date, input, &out, &Options::default())
            .await
            .expect("evaluate");
        assert_eq!(rows, 2500);
        let file = std::fs::File::open(&out).expect("open");
        let mut cells: std::collections::BTreeMap<String, Vec<Option<String>>> = Default::default();
        for b in ParquetRecordBatchReaderBuilder::try_new(file)
            .expect("parquet")
            .build()
            .expect("reader")
        {
            let b = b.expect("batch");
            let ids = b.column_by_name("id").expect("id");
            for i in 0..b.num_rows() {
                let id = show_cell(ids, i).unwrap_or_default();
                let row: Vec<Option<String>> =
                    b.columns().iter().map(|c| show_cell(c, i)).collect();
                cells.insert(format!("{id:>8}"), row);
            }
        }
        results.push(cells);
    }
    assert_eq!(results[0].len(), 2500);
    let differing = results[0]
        .iter()
        .filter(|(id, row)| results[1].get(*id) != Some(row))
        .count();
    assert_eq!(
        differing, 0,
        "rows whose outputs differ between the layouts"
    );
}
