//! Reading a table's cells as text, from CSV (UTF-8, RFC 4180) or Parquet, with the
//! row each came from. What the cells mean is `validate`'s job; this only refuses what
//! cannot be read: not UTF-8, a row with the wrong number of cells, a Parquet column of
//! floating point numbers (figures are exact: decimals, integers or text).

use crate::problem::{Problem, Refusal};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Decimal256Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type,
    UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;

/// The most rows a table may have.
pub const MAX_ROWS: usize = 200_000;

/// The formats a table comes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Parquet,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Parquet => "parquet",
        }
    }

    /// Parquet when the bytes start with its magic `PAR1` or the name ends `.parquet`,
    /// else CSV.
    pub fn detect(name: &str, bytes: &[u8]) -> Format {
        if bytes.starts_with(b"PAR1") || name.to_lowercase().ends_with(".parquet") {
            Format::Parquet
        } else {
            Format::Csv
        }
    }
}

/// One row's cells, in the header's column order.
#[derive(Debug, Clone)]
pub struct RawRow {
    pub row: usize,
    pub cells: Vec<String>,
}

/// A table as text.
#[derive(Debug, Clone)]
pub struct RawTable {
    pub format: Format,
    /// Column names as written (trimmed).
    pub columns: Vec<String>,
    pub rows: Vec<RawRow>,
}

/// Reads `bytes` (named `file`) as CSV or Parquet.
pub fn read(file: &str, bytes: &[u8]) -> Result<RawTable, Refusal> {
    match Format::detect(file, bytes) {
        Format::Csv => read_csv(file, bytes),
        // The Parquet reader is a large decoder of untrusted bytes: should it ever
        // panic on a crafted file, the upload is refused, not the server's worker lost.
        Format::Parquet => {
            std::panic::catch_unwind(|| read_parquet(file, bytes)).unwrap_or_else(|_| {
                Err(Refusal::one(
                    file,
                    Problem::new(None, None, "the Parquet file is damaged and cannot be read")
                        .hint("export the table again as Parquet, or as CSV UTF-8"),
                ))
            })
        }
    }
}

fn too_many(file: &str) -> Refusal {
    Refusal::one(
        file,
        Problem::new(
            None,
            None,
            format!("the table has more than {MAX_ROWS} rows"),
        )
        .hint("split it into several files (by period, for example) and import each"),
    )
}

pub fn read_csv(file: &str, bytes: &[u8]) -> Result<RawTable, Refusal> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1;
        return Err(Refusal::one(
            file,
            Problem::new(Some(line), None, "the file is not UTF-8 text")
                .hint("save it as \"CSV UTF-8\" (a spreadsheet's GBK export is refused)"),
        ));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Refusal::one(
            file,
            Problem::new(None, None, "the file is empty").hint(
                "the first line names the columns: period,dimension,code,indicator,unit,value",
            ),
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let mut columns: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize);
                return Err(Refusal::one(
                    file,
                    Problem::new(line, None, format!("the CSV cannot be read: {e}"))
                        .hint("a quoted cell must end with a quote; quotes inside are doubled"),
                ));
            }
        };
        let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
        let cells: Vec<String> = record.iter().map(String::from).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        match &columns {
            None => columns = Some(cells),
            Some(cols) => {
                if cells.len() != cols.len() {
                    problems.push(
                        Problem::new(
                            Some(line),
                            None,
                            format!(
                                "the row has {} cells, the header {}",
                                cells.len(),
                                cols.len()
                            ),
                        )
                        .hint("a cell with a comma must be quoted: \"1,234\" (better: write 1234)"),
                    );
                    continue;
                }
                if rows.len() >= MAX_ROWS {
                    return Err(too_many(file));
                }
                rows.push(RawRow { row: line, cells });
            }
        }
    }
    if !problems.is_empty() {
        let more = problems.len().saturating_sub(crate::problem::MAX_PROBLEMS);
        problems.truncate(crate::problem::MAX_PROBLEMS);
        return Err(Refusal {
            file: file.to_string(),
            problems,
            more,
        });
    }
    Ok(RawTable {
        format: Format::Csv,
        columns: columns.unwrap_or_default(),
        rows,
    })
}

pub fn read_parquet(file: &str, bytes: &[u8]) -> Result<RawTable, Refusal> {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let unreadable = |e: &dyn std::fmt::Display| {
        Refusal::one(
            file,
            Problem::new(None, None, format!("the Parquet file cannot be read: {e}"))
                .hint("export the table again as Parquet, or as CSV UTF-8"),
        )
    };
    let builder = ParquetRecordBatchReaderBuilder::try_new(bytes::Bytes::copy_from_slice(bytes))
        .map_err(|e| unreadable(&e))?;
    let metadata_rows = builder.metadata().file_metadata().num_rows();
    if usize::try_from(metadata_rows).map_or(true, |n| n > MAX_ROWS) {
        return Err(too_many(file));
    }
    let schema = builder.schema().clone();
    let columns: Vec<String> = schema
        .fields()
        .iter()
        .map(|f| f.name().trim().to_string())
        .collect();
    let mut problems = Vec::new();
    for f in schema.fields() {
        if !readable(f.data_type()) {
            let hint = if matches!(
                f.data_type(),
                DataType::Float16 | DataType::Float32 | DataType::Float64
            ) {
                "figures are exact: store the column as DECIMAL, an integer or text"
            } else {
                "use text (UTF8), an integer or DECIMAL"
            };
            problems.push(
                Problem::new(
                    None,
                    Some(f.name()),
                    format!("the column's type {} is not accepted", f.data_type()),
                )
                .hint(hint),
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
    let reader = builder.build().map_err(|e| unreadable(&e))?;
    let mut rows = Vec::new();
    for batch in reader {
        let batch = batch.map_err(|e| unreadable(&e))?;
        let texts: Vec<Vec<String>> = batch.columns().iter().map(cells).collect();
        for i in 0..batch.num_rows() {
            rows.push(RawRow {
                row: rows.len() + 1,
                cells: texts.iter().map(|c| c[i].clone()).collect(),
            });
        }
    }
    Ok(RawTable {
        format: Format::Parquet,
        columns,
        rows,
    })
}

fn readable(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64
            | DataType::Decimal128(_, _)
            | DataType::Decimal256(_, _)
            | DataType::Null
    )
}

/// A column's cells as text (a null is empty); exact for every accepted type.
fn cells(a: &ArrayRef) -> Vec<String> {
    fn each(a: &dyn Array, f: impl Fn(usize) -> String) -> Vec<String> {
        (0..a.len())
            .map(|i| if a.is_null(i) { String::new() } else { f(i) })
            .collect()
    }
    let a = a.as_ref();
    match a.data_type() {
        DataType::Utf8 => each(a, |i| a.as_string::<i32>().value(i).trim().to_string()),
        DataType::LargeUtf8 => each(a, |i| a.as_string::<i64>().value(i).trim().to_string()),
        DataType::Utf8View => each(a, |i| a.as_string_view().value(i).trim().to_string()),
        DataType::Int8 => each(a, |i| a.as_primitive::<Int8Type>().value(i).to_string()),
        DataType::Int16 => each(a, |i| a.as_primitive::<Int16Type>().value(i).to_string()),
        DataType::Int32 => each(a, |i| a.as_primitive::<Int32Type>().value(i).to_string()),
        DataType::Int64 => each(a, |i| a.as_primitive::<Int64Type>().value(i).to_string()),
        DataType::UInt8 => each(a, |i| a.as_primitive::<UInt8Type>().value(i).to_string()),
        DataType::UInt16 => each(a, |i| a.as_primitive::<UInt16Type>().value(i).to_string()),
        DataType::UInt32 => each(a, |i| a.as_primitive::<UInt32Type>().value(i).to_string()),
        DataType::UInt64 => each(a, |i| a.as_primitive::<UInt64Type>().value(i).to_string()),
        DataType::Decimal128(_, _) => {
            each(a, |i| a.as_primitive::<Decimal128Type>().value_as_string(i))
        }
        DataType::Decimal256(_, _) => {
            each(a, |i| a.as_primitive::<Decimal256Type>().value_as_string(i))
        }
        _ => vec![String::new(); a.len()],
    }
}
