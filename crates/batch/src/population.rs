//! Population files: opening Parquet or CSV as a streaming DataFrame, and
//! checking their columns against an entity's inputs before anything runs.

use crate::BatchError;
use crate::repr::Ty;
use datafusion::arrow::array::{AsArray, RecordBatch};
use datafusion::arrow::datatypes::{DataType, Field, Schema, UInt64Type};
use datafusion::dataframe::DataFrame;
use datafusion::prelude::{CsvReadOptions, ParquetReadOptions, SessionContext};
use onestop_lang::diag::did_you_mean;
use onestop_lang::{EntityId, Program};
use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;
use std::sync::Arc;

/// What a population file holds, checked against the entity's inputs.
#[derive(Debug, Clone, Default)]
pub struct PopulationSchema {
    /// Input columns present (with an acceptable type).
    pub present: HashSet<String>,
    /// Inputs of the entity with no column: missing on every row.
    pub absent: Vec<String>,
    /// Columns that are not inputs of the entity (ignored), with a suggestion.
    pub unknown: Vec<(String, Option<String>)>,
    pub has_id: bool,
}

impl PopulationSchema {
    /// Warnings for the user: absent inputs and ignored columns.
    pub fn warnings(&self) -> Vec<String> {
        let mut w = Vec::new();
        if !self.absent.is_empty() {
            w.push(format!(
                "the population has no column for {} input(s), treated as unknown on every row: {}",
                self.absent.len(),
                self.absent.join(", ")
            ));
        }
        for (c, hint) in &self.unknown {
            w.push(match hint {
                Some(h) => {
                    format!("column `{c}` is not an input and is ignored; did you mean `{h}`?")
                }
                None => format!("column `{c}` is not an input and is ignored"),
            });
        }
        w
    }
}

/// Checks a population's columns: a column named after an input must have a type
/// that input can be read from (the error names the column, its type and what is
/// expected); `id` is passed through; other columns are ignored with a warning.
pub fn check_population(
    program: &Program,
    entity: EntityId,
    schema: &Schema,
) -> Result<PopulationSchema, BatchError> {
    let mut out = PopulationSchema::default();
    let entity_name = &program.entities[entity.index()].name;
    for f in schema.fields() {
        let name = f.name();
        if name == "id" {
            out.has_id = true;
            continue;
        }
        match program.input(entity, name) {
            Some(i) => {
                let decl = &program.inputs[i.index()];
                let ty = Ty::of(program, &decl.ty).map_err(BatchError::Compile)?;
                if !ty.accepts(f.data_type()) && f.data_type() != &DataType::Null {
                    return Err(BatchError::Input(format!(
                        "population column `{name}` has type {}, but the {entity_name} input `{name}` is {}: expected {}",
                        f.data_type(),
                        program.type_name(&decl.ty),
                        ty.accepted()
                    )));
                }
                out.present.insert(name.clone());
            }
            None => {
                let hint = did_you_mean(
                    name,
                    program.inputs_of(entity).map(|(_, d)| d.name.as_str()),
                );
                out.unknown.push((name.clone(), hint));
            }
        }
    }
    out.absent = program
        .inputs_of(entity)
        .filter(|(_, d)| !out.present.contains(&d.name))
        .map(|(_, d)| d.name.clone())
        .collect();
    Ok(out)
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .map(|e| format!(".{e}"))
        .unwrap_or_default()
}

/// Opens a population as a lazy, streaming DataFrame: Parquet by default (a
/// file, or a directory whose `*.parquet` files are read as one), CSV for `.csv` (every CSV column is read as text and parsed by the input's type;
/// an empty cell is an unknown fact).
pub async fn open_population(ctx: &SessionContext, path: &Path) -> Result<DataFrame, BatchError> {
    if path.is_dir() {
        // A directory of Parquet files is one population (e.g. a large one in parts).
        let p = path
            .to_str()
            .ok_or_else(|| BatchError::Input(format!("{} is not a UTF-8 path", path.display())))?;
        let opts = ParquetReadOptions {
            file_extension: ".parquet",
            ..Default::default()
        };
        return ctx.read_parquet(p, opts).await.map_err(|e| {
            BatchError::Input(format!(
                "cannot read the directory {} as Parquet files (*.parquet): {e}",
                path.display()
            ))
        });
    }
    if !path.is_file() {
        return Err(BatchError::Input(format!(
            "population file {} does not exist",
            path.display()
        )));
    }
    let p = path
        .to_str()
        .ok_or_else(|| BatchError::Input(format!("{} is not a UTF-8 path", path.display())))?;
    let ext = extension(path);
    if ext.eq_ignore_ascii_case(".csv") {
        let file = std::fs::File::open(path)
            .map_err(|e| BatchError::Input(format!("cannot read {}: {e}", path.display())))?;
        let mut header = String::new();
        std::io::BufReader::new(file)
            .read_line(&mut header)
            .map_err(|e| BatchError::Input(format!("cannot read {}: {e}", path.display())))?;
        let fields: Vec<Field> = header
            .trim_end_matches(['\r', '\n'])
            .split(',')
            .map(|h| Field::new(h.trim().trim_matches('"'), DataType::Utf8, true))
            .collect();
        if fields.iter().all(|f| f.name().is_empty()) {
            return Err(BatchError::Input(format!(
                "{} has no header line naming its columns",
                path.display()
            )));
        }
        let schema = Schema::new(fields);
        let opts = CsvReadOptions::new()
            .has_header(true)
            .schema(&schema)
            .file_extension(&ext);
        Ok(ctx.read_csv(p, opts).await?)
    } else {
        let opts = ParquetReadOptions {
            file_extension: &ext,
            ..Default::default()
        };
        ctx.read_parquet(p, opts).await.map_err(|e| {
            BatchError::Input(format!(
                "cannot read {} as Parquet (give a .parquet or .csv file): {e}",
                path.display()
            ))
        })
    }
}

/// The row count DataFusion reports after writing.
pub fn count_of(batches: &[RecordBatch]) -> u64 {
    batches
        .iter()
        .filter_map(|b| b.columns().first())
        .filter_map(|c| c.as_primitive_opt::<UInt64Type>())
        .map(|a| if a.is_empty() { 0 } else { a.value(0) })
        .sum()
}

/// Rows in a Parquet file (or a directory of them), from the footers (for
/// progress bars); None for CSV.
pub fn parquet_rows(path: &Path) -> Option<u64> {
    use datafusion::parquet::file::reader::{FileReader, SerializedFileReader};
    if path.is_dir() {
        let mut n = 0;
        for e in std::fs::read_dir(path).ok()?.flatten() {
            let p = e.path();
            if p.extension().is_some_and(|x| x == "parquet") {
                n += parquet_rows(&p)?;
            }
        }
        return Some(n);
    }
    let file = std::fs::File::open(path).ok()?;
    let reader = SerializedFileReader::new(file).ok()?;
    Some(reader.metadata().file_metadata().num_rows().max(0) as u64)
}

/// A schema's field names, for messages.
pub fn column_names(schema: &Arc<Schema>) -> Vec<String> {
    schema.fields().iter().map(|f| f.name().clone()).collect()
}
