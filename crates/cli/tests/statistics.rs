//! Statistical monitoring (issue 16 item 4), through the real `onestop serve` (SQLite,
//! or PostgreSQL when ONESTOP_TEST_PG_ADMIN is set) and the real `onestop statistics`:
//! an agency's officer imports the shipped sample table (CSV) and a Parquet table
//! written here; the analyst page charts them by district, park, industry and the
//! Three Cities and One Area with the exact figures; malformed tables are refused with
//! the row and the column, and nothing of them is stored.

mod support;

use arrow_array::{ArrayRef, Decimal128Array, Float64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use serde_json::Value as J;
use std::sync::Arc;
use support::{Client, Server, fresh, onestop, repo};

const SAMPLE: &str = "data/statistics/monitoring-sample.csv";

async fn import(c: &Client, s: &Server, file: &str, ct: &str, bytes: Vec<u8>) -> (u16, J) {
    Client::send(
        c.auth(
            c.http
                .post(s.url(&format!("/api/statistics/tables?file={file}")))
                .header("content-type", ct)
                .body(bytes),
        ),
    )
    .await
}

/// A Parquet table: five text columns and `value` as given.
fn parquet(rows: &[(&str, &str, &str, &str, &str)], value: ArrayRef) -> Vec<u8> {
    let text = |i: usize| -> ArrayRef {
        Arc::new(StringArray::from(
            rows.iter()
                .map(|r| match i {
                    0 => r.0,
                    1 => r.1,
                    2 => r.2,
                    3 => r.3,
                    _ => r.4,
                })
                .collect::<Vec<_>>(),
        ))
    };
    let schema = Arc::new(Schema::new(vec![
        Field::new("period", DataType::Utf8, false),
        Field::new("dimension", DataType::Utf8, false),
        Field::new("code", DataType::Utf8, false),
        Field::new("indicator", DataType::Utf8, false),
        Field::new("unit", DataType::Utf8, false),
        Field::new("value", value.data_type().clone(), true),
    ]));
    let batch = RecordBatch::try_new(
        schema.clone(),
        vec![text(0), text(1), text(2), text(3), text(4), value],
    )
    .expect("batch");
    let mut out = Vec::new();
    let mut w = parquet::arrow::ArrowWriter::try_new(&mut out, schema, None).expect("writer");
    w.write(&batch).expect("write");
    w.close().expect("close");
    out
}

fn figure(series: &J, dim: &str, code: &str, period: &str) -> Option<String> {
    series["dimensions"][dim]
        .as_array()?
        .iter()
        .find(|f| f["code"] == code && f["period"] == period)
        .and_then(|f| f["value"].as_str().map(String::from))
}

#[tokio::test]
async fn tables_import_and_chart_and_malformed_ones_are_refused_with_row_and_column() {
    let (db, dir) = fresh().await;
    let s = Server::start(&db, &dir);
    s.officer("officer-statistics", "sci-tech");
    let officer = Client::login(&s, "officer-statistics").await;
    let applicant = Client::register(&s, "curious-co", "enterprise").await;
    let anonymous = Client::anonymous();
    let sample = std::fs::read(repo().join(SAMPLE)).expect("the shipped sample");

    let (st, overview) = anonymous.get(&s, "/api/statistics").await;
    assert_eq!(st, 200, "{overview}");
    assert_eq!(overview["indicators"].as_array().map(Vec::len), Some(0));

    // Only agencies' officers import.
    let (st, _) = import(&anonymous, &s, "sample.csv", "text/csv", sample.clone()).await;
    assert_eq!(st, 401);
    let (st, e) = import(&applicant, &s, "sample.csv", "text/csv", sample.clone()).await;
    assert_eq!(st, 403, "{e}");

    // The shipped sample, as CSV.
    let (st, done) = import(
        &officer,
        &s,
        "monitoring-sample.csv",
        "text/csv",
        sample.clone(),
    )
    .await;
    assert_eq!(st, 201, "{done}");
    assert_eq!(done["figures"], 66, "{done}");
    assert_eq!(done["replaced"], 0);
    assert_eq!(done["agency"], "sci-tech");
    assert_eq!(done["actor"], "officer-statistics");
    assert_eq!(
        done["indicators"],
        serde_json::json!(["high_tech_enterprises", "rd_expenditure"])
    );

    let (st, series) = anonymous
        .get(&s, "/api/statistics/high_tech_enterprises?lang=zh")
        .await;
    assert_eq!(st, 200, "{series}");
    assert_eq!(series["unit"], "enterprises");
    assert_eq!(series["periods"], serde_json::json!(["2023", "2024"]));
    assert_eq!(
        figure(&series, "district", "haidian", "2024").as_deref(),
        Some("10610")
    );
    assert_eq!(
        figure(&series, "area", "zhongguancun_science_city", "2023").as_deref(),
        Some("9870")
    );
    assert_eq!(
        figure(&series, "park", "daxing_yizhuang_park", "2024").as_deref(),
        Some("1745")
    );
    assert_eq!(
        figure(&series, "industry", "artificial_intelligence", "2024").as_deref(),
        Some("2120")
    );
    let titles: Vec<&str> = series["dimensions"]["area"]
        .as_array()
        .expect("areas")
        .iter()
        .filter_map(|f| f["title"].as_str())
        .collect();
    assert!(titles.contains(&"中关村科学城"), "{titles:?}");
    let (st, rd) = anonymous
        .get(&s, "/api/statistics/rd_expenditure?dimension=area")
        .await;
    assert_eq!(st, 200);
    assert_eq!(
        figure(&rd, "area", "huairou_science_city", "2024").as_deref(),
        Some("70.25"),
        "exact decimals: {rd}"
    );
    let (st, e) = anonymous
        .get(&s, "/api/statistics/rd_expenditure?dimension=county")
        .await;
    assert_eq!((st, e["field"].as_str()), (422, Some("dimension")), "{e}");
    let (st, _) = anonymous.get(&s, "/api/statistics/no_such_thing").await;
    assert_eq!(st, 404);

    // The analyst page charts it: an SVG per dimension with the figures, a table beside.
    let page = |path: &str| {
        let url = s.url(path);
        async move {
            let r = reqwest::get(url).await.expect("page");
            (r.status().as_u16(), r.text().await.expect("html"))
        }
    };
    let (st, html) = page("/analyst/statistics?indicator=high_tech_enterprises&lang=en").await;
    assert_eq!(st, 200);
    assert_eq!(
        html.matches("<svg").count(),
        4,
        "district, park, industry, area"
    );
    for needle in [
        ">10610</text>",
        ">9870</text>",
        "Haidian",
        "Zhongguancun Science City",
        "Daxing-Yizhuang Park",
        "Artificial intelligence",
        "class=\"stat-table\"",
        "By the Three Cities and One Area",
    ] {
        assert!(html.contains(needle), "the page shows {needle}");
    }
    let (st, html) = page("/analyst/statistics?indicator=rd_expenditure&lang=ar").await;
    assert_eq!(st, 200);
    assert!(html.contains("dir=\"rtl\""));
    assert!(html.contains(">1342.8</text>"), "the exact figure");
    assert!(
        html.contains("مدينة هوايرو العلمية"),
        "area titles in Arabic"
    );
    assert_eq!(
        html.matches("<svg").count(),
        1,
        "only the areas have R&D figures"
    );

    // A Parquet table written here: exact DECIMAL figures by area.
    let rows = [
        (
            "2024",
            "area",
            "zhongguancun_science_city",
            "patents_granted",
            "patents",
        ),
        (
            "2024",
            "area",
            "Huairou Science City",
            "patents_granted",
            "patents",
        ),
        ("2024", "district", "海淀区", "patents_granted", "patents"),
    ];
    let values: ArrayRef = Arc::new(
        Decimal128Array::from(vec![123450_i128, 9870, 100001])
            .with_precision_and_scale(12, 2)
            .expect("decimal"),
    );
    let (st, done) = import(
        &officer,
        &s,
        "patents.parquet",
        "application/vnd.apache.parquet",
        parquet(&rows, values),
    )
    .await;
    assert_eq!(st, 201, "{done}");
    assert_eq!(
        (done["format"].as_str(), done["figures"].as_u64()),
        (Some("parquet"), Some(3))
    );
    let (_, p) = anonymous.get(&s, "/api/statistics/patents_granted").await;
    assert_eq!(
        figure(&p, "area", "zhongguancun_science_city", "2024").as_deref(),
        Some("1234.50")
    );
    assert_eq!(
        figure(&p, "area", "huairou_science_city", "2024").as_deref(),
        Some("98.70"),
        "a title names the member"
    );
    assert_eq!(
        figure(&p, "district", "haidian", "2024").as_deref(),
        Some("1000.01")
    );

    // Malformed tables: refused with the row and the column, nothing stored.
    let (_, before) = anonymous.get(&s, "/api/statistics").await;
    let header = "period,dimension,code,indicator,unit,value\n";
    let ok_row = "2024,district,chaoyang,new_indicator,firms,5\n";
    let cases: Vec<(String, Vec<&str>)> = vec![
        (
            format!("{header}{ok_row}2024,district,haidain,new_indicator,firms,7\n"),
            vec![
                "row 3, column `code`",
                "unknown district \"haidain\"",
                "did you mean `haidian`?",
            ],
        ),
        (
            format!("{header}{ok_row}2024,district,haidian,new_indicator,firms,\"1,234\"\n"),
            vec![
                "row 3, column `value`",
                "not a number",
                "thousands separators",
            ],
        ),
        (
            format!("{header}{ok_row}2024,district,haidian,new_indicator,firms,about 7\n"),
            vec!["row 3, column `value`", "\"about 7\" is not a number"],
        ),
        (
            "period,dimension,code,indicator,unit\n2024,district,haidian,new_indicator,firms\n"
                .to_string(),
            vec!["row 1, column `value`", "the column is missing"],
        ),
        (
            format!("{header}{ok_row}{ok_row}"),
            vec!["row 3:", "duplicate row", "already on row 2"],
        ),
        (
            format!("{header}{ok_row}2024-13,district,haidian,new_indicator,firms,7\n"),
            vec![
                "row 3, column `period`",
                "\"2024-13\" is not a period",
                "2024-Q3",
            ],
        ),
        (
            format!("{header}{ok_row}2024,county,haidian,new_indicator,firms,7\n"),
            vec!["row 3, column `dimension`", "unknown dimension"],
        ),
        (
            format!("{header}{ok_row}2024,district,haidian,high_tech_enterprises,firms,7\n"),
            vec!["row 3, column `unit`", "stored in \"enterprises\""],
        ),
    ];
    for (csv, needles) in &cases {
        let (st, e) = import(
            &officer,
            &s,
            "bad.csv",
            "text/csv",
            csv.clone().into_bytes(),
        )
        .await;
        assert_eq!((st, e["field"].as_str()), (422, Some("file")), "{csv}: {e}");
        let text = e["error"].as_str().unwrap_or_default();
        assert!(text.starts_with("bad.csv: "), "the file is named: {text}");
        for n in needles {
            assert!(text.contains(n), "{n:?} in {text}");
        }
    }
    // A float column in Parquet: refused, figures are exact.
    let floats: ArrayRef = Arc::new(Float64Array::from(vec![1.5, 2.0, 3.25]));
    let (st, e) = import(
        &officer,
        &s,
        "floats.parquet",
        "application/vnd.apache.parquet",
        parquet(&rows, floats),
    )
    .await;
    assert_eq!(st, 422, "{e}");
    let text = e["error"].as_str().unwrap_or_default();
    assert!(
        text.contains("column `value`") && text.contains("DECIMAL"),
        "{text}"
    );
    // A damaged Parquet file and bytes that are no text: refused, never a server error.
    for (name, bytes) in [
        ("damaged.parquet", b"PAR1\x00\x01garbagePAR1".to_vec()),
        ("binary.csv", vec![0xff, 0xfe, 0x00, 0x41]),
        ("empty.csv", Vec::new()),
    ] {
        let (st, e) = import(&officer, &s, name, "application/octet-stream", bytes).await;
        assert_eq!(
            (st, e["field"].as_str()),
            (422, Some("file")),
            "{name}: {e}"
        );
        assert!(
            e["error"].as_str().unwrap_or_default().starts_with(name),
            "{e}"
        );
    }
    let (_, after) = anonymous.get(&s, "/api/statistics").await;
    assert_eq!(before, after, "no refused table changed anything");
    let (st, _) = anonymous.get(&s, "/api/statistics/new_indicator").await;
    assert_eq!(st, 404, "not even the good rows of a refused table");

    // The same table again replaces its figures.
    let (st, again) = import(&officer, &s, "monitoring-sample.csv", "text/csv", sample).await;
    assert_eq!((st, again["replaced"].as_u64()), (201, Some(66)), "{again}");
    let (_, overview) = anonymous.get(&s, "/api/statistics").await;
    assert_eq!(overview["imports"].as_array().map(Vec::len), Some(3));
    assert_eq!(overview["imports"][0]["agency"], "sci-tech");
}

#[tokio::test]
async fn the_command_line_imports_and_names_file_row_and_column() {
    let (db, dir) = fresh().await;
    let bad = dir.join("districts-bad.csv");
    std::fs::write(
        &bad,
        "period,dimension,code,indicator,unit,value\n2024,district,haidian,firms,firms,3\n2024,district,chaoyng,firms,firms,4\n",
    )
    .expect("write");
    let bad_path = bad.display().to_string();
    let (code, _out, err) = onestop(
        &[
            "statistics",
            "import",
            &bad_path,
            "--agency",
            "sci-tech",
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!("{bad_path}: row 3, column `code`: unknown district \"chaoyng\" (hint: did you mean `chaoyang`?)")),
        "{err}"
    );
    assert!(err.contains("nothing was imported"), "{err}");
    let (code, _, err) = onestop(&["statistics", "check", &bad_path], None);
    assert_eq!(code, 1, "check refuses the same: {err}");

    let (code, out, err) = onestop(
        &[
            "statistics",
            "import",
            SAMPLE,
            "--agency",
            "sci-tech",
            "--database-url",
            &db,
        ],
        None,
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("66 figure(s) (0 replaced)"), "{out}");
    // What the command stored, the service serves.
    let s = Server::start(&db, &dir);
    let (st, overview) = Client::anonymous().get(&s, "/api/statistics").await;
    assert_eq!(st, 200);
    assert_eq!(
        overview["indicators"].as_array().map(Vec::len),
        Some(2),
        "{overview}"
    );
    assert_eq!(
        overview["imports"][0]["actor"],
        "operator (onestop statistics import)"
    );
    assert_eq!(overview["imports"][0]["agency"], "sci-tech");
}
