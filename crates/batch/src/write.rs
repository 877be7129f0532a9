//! Writing an evaluation's output to one Parquet file, with settings per column.
//!
//! DataFusion's own writer takes per-column settings only by dotted path, and the
//! output's column names hold dots (`M.status`, `X.error`), so the file is written
//! here with the Parquet crate's `ArrowWriter`, on a thread of its own fed batch
//! by batch while the plan's partitions compute the next ones. The session's
//! Parquet options (`session_config`: zstd level 1, DataFusion's page and row
//! group sizes, dictionaries) apply to every column, except that text columns
//! (statuses, errors, missing-fact lists, exact decimal text) and money
//! (`Decimal128`, stored as 16-byte binary) get no statistics: min/max of text
//! is meaningless for them and costs a byte-wise comparison per value, and with
//! a row group of a million rows they prune nothing.

use crate::BatchError;
use datafusion::arrow::array::RecordBatch;
use datafusion::arrow::datatypes::{DataType, Schema};
use datafusion::config::{ParquetOptions, TableParquetOptions};
use datafusion::dataframe::DataFrame;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::file::properties::{
    EnabledStatistics, WriterProperties, WriterPropertiesBuilder,
};
use datafusion::parquet::schema::types::ColumnPath;
use futures::StreamExt;
use std::path::Path;
use std::sync::Arc;

/// Whether a column of this type is written with statistics (see the module doc).
pub fn keeps_statistics(dt: &DataType) -> bool {
    !matches!(
        dt,
        DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Decimal128(..)
            | DataType::List(_)
    )
}

/// The writer settings: the session's Parquet options, then per column (see the
/// module doc).
pub fn writer_properties(
    options: &ParquetOptions,
    schema: &Schema,
) -> Result<WriterProperties, BatchError> {
    let mut table = TableParquetOptions {
        global: options.clone(),
        ..Default::default()
    };
    // ArrowWriter embeds the Arrow schema itself.
    table.global.skip_arrow_metadata = true;
    let mut b = WriterPropertiesBuilder::try_from(&table)?;
    for f in schema.fields() {
        if !keeps_statistics(f.data_type()) {
            // The path of a top-level column is its name, dots and all.
            let path = ColumnPath::new(vec![f.name().clone()]);
            b = b.set_column_statistics_enabled(path, EnabledStatistics::None);
        }
    }
    Ok(b.build())
}

/// Streams `df` into the Parquet file `path` (see the module doc); returns the
/// number of rows written. On failure the partial file is removed.
pub async fn write_parquet(df: DataFrame, path: &Path) -> Result<u64, BatchError> {
    let options = df
        .task_ctx()
        .session_config()
        .options()
        .execution
        .parquet
        .clone();
    let schema = Arc::new(df.schema().as_arrow().clone());
    let props = writer_properties(&options, &schema)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| {
            BatchError::Input(format!(
                "cannot create the directory {}: {e}",
                dir.display()
            ))
        })?;
    }
    let mut stream = df.execute_stream().await?;
    let file = std::fs::File::create(path)
        .map_err(|e| BatchError::Input(format!("cannot create {}: {e}", path.display())))?;
    // Encoding and compression run on their own thread, a few batches behind.
    let (tx, mut rx) = tokio::sync::mpsc::channel::<RecordBatch>(4);
    let writer = std::thread::spawn(move || -> Result<u64, String> {
        let mut w = ArrowWriter::try_new(std::io::BufWriter::new(file), schema, Some(props))
            .map_err(|e| e.to_string())?;
        let mut rows = 0u64;
        while let Some(batch) = rx.blocking_recv() {
            rows += batch.num_rows() as u64;
            w.write(&batch).map_err(|e| e.to_string())?;
        }
        w.close().map_err(|e| e.to_string())?;
        Ok(rows)
    });
    let mut failed: Option<BatchError> = None;
    while let Some(batch) = stream.next().await {
        match batch {
            // A send fails only when the writer stopped: its error is reported below.
            Ok(b) => {
                if tx.send(b).await.is_err() {
                    break;
                }
            }
            Err(e) => {
                failed = Some(e.into());
                break;
            }
        }
    }
    drop(tx);
    let written = writer.join();
    let result = match (failed, written) {
        (Some(e), _) => Err(e),
        (None, Err(_)) => Err(BatchError::Input(format!(
            "writing {} failed",
            path.display()
        ))),
        (None, Ok(Err(e))) => Err(BatchError::Input(format!(
            "cannot write {}: {e}",
            path.display()
        ))),
        (None, Ok(Ok(n))) => Ok(n),
    };
    if result.is_err() {
        let _ = std::fs::remove_file(path);
    }
    result
}
