//! Tables in the database: an import is read, validated whole and written in one
//! transaction (a refused or failed table changes nothing); each figure replaces the
//! one of the same indicator, dimension, code and period. Importing asks the access
//! policy (`import_statistics`); reading is public.

use crate::dimensions::{Dimension, Dimensions};
use crate::problem::{Problem, Refusal};
use crate::table;
use crate::validate::{Figure, validate};
use onestop_store::{Account, Authz, Db, Resource, Result, ServiceError, now};
use rust_decimal::Decimal;
use serde::Serialize;
use sqlx::Row;
use std::str::FromStr;

/// Who imports a table, for which agency.
#[derive(Debug, Clone)]
pub struct Importer {
    pub actor: String,
    pub agency: String,
}

/// What an import stored.
#[derive(Debug, Clone, Serialize)]
pub struct Imported {
    pub id: String,
    pub file: String,
    pub format: String,
    pub figures: usize,
    /// How many replaced a figure stored before.
    pub replaced: usize,
    pub indicators: Vec<String>,
    pub agency: String,
    pub actor: String,
    pub at: String,
}

/// Why an import did not happen.
#[derive(Debug)]
pub enum ImportError {
    /// The table is wrong: every problem, with row and column.
    Refused(Refusal),
    Service(ServiceError),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Refused(r) => write!(f, "{r}"),
            ImportError::Service(e) => write!(f, "{e}"),
        }
    }
}

impl From<ServiceError> for ImportError {
    fn from(e: ServiceError) -> Self {
        ImportError::Service(e)
    }
}

impl From<sqlx::Error> for ImportError {
    fn from(e: sqlx::Error) -> Self {
        ImportError::Service(e.into())
    }
}

impl From<ImportError> for ServiceError {
    /// A refusal is invalid input in field `file`; its text lists every problem.
    fn from(e: ImportError) -> Self {
        match e {
            ImportError::Refused(r) => ServiceError::invalid("file", r.to_string()),
            ImportError::Service(e) => e,
        }
    }
}

/// Whether `who` may import tables (for showing the upload form).
pub fn may_import(authz: &Authz, who: &Account) -> bool {
    authz.allowed(who, "import_statistics", &Resource::Statistics)
}

/// Reads and validates a table without storing it (`onestop statistics check`).
pub fn check(
    file: &str,
    bytes: &[u8],
    dims: &Dimensions,
) -> std::result::Result<Vec<Figure>, Refusal> {
    let raw = table::read(file, bytes)?;
    validate(file, &raw, dims)
}

/// An officer's import: asks the access policy, then [`import_as`] with the officer's
/// agency recorded.
pub async fn import(
    db: &Db,
    authz: &Authz,
    who: &Account,
    dims: &Dimensions,
    file: &str,
    bytes: &[u8],
) -> std::result::Result<Imported, ImportError> {
    if !may_import(authz, who) {
        return Err(ServiceError::Forbidden(
            "statistical tables are imported by officers of an agency".into(),
        )
        .into());
    }
    let importer = Importer {
        actor: who.username.clone(),
        agency: who.agency.clone().unwrap_or_default(),
    };
    import_as(db, &importer, dims, file, bytes).await
}

/// Validates the whole table, then stores it in one transaction.
pub async fn import_as(
    db: &Db,
    importer: &Importer,
    dims: &Dimensions,
    file: &str,
    bytes: &[u8],
) -> std::result::Result<Imported, ImportError> {
    // Problems name the file as the caller gave it (a path on the command line); the
    // import records its last component.
    let figures = check(file, bytes, dims).map_err(ImportError::Refused)?;
    let shown = file;
    let file = file_name(file);
    let format = table::Format::detect(&file, bytes);
    let mut tx = db.pool.begin().await?;
    // One indicator keeps one unit across imports.
    let mut indicators: Vec<String> = figures.iter().map(|f| f.indicator.clone()).collect();
    indicators.sort();
    indicators.dedup();
    for ind in &indicators {
        let Some(f) = figures.iter().find(|f| &f.indicator == ind) else {
            continue;
        };
        let stored: Option<String> =
            sqlx::query("SELECT unit FROM statistics_values WHERE indicator = $1 LIMIT 1")
                .bind(ind)
                .fetch_optional(&mut *tx)
                .await?
                .map(|r| r.try_get("unit"))
                .transpose()?;
        if let Some(u) = stored.filter(|u| *u != f.unit) {
            return Err(ImportError::Refused(Refusal::one(
                shown,
                Problem::new(
                    Some(f.row),
                    Some("unit"),
                    format!("{ind} is stored in {u:?}; this table gives {:?}", f.unit),
                )
                .hint("one indicator has one unit; convert the figures or name another indicator"),
            )));
        }
    }
    let id = uuid::Uuid::now_v7().to_string();
    let at = now();
    sqlx::query("INSERT INTO statistics_imports (id, file, format, figures, agency, actor, at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&id)
        .bind(&file)
        .bind(format.as_str())
        .bind(figures.len() as i64)
        .bind(&importer.agency)
        .bind(&importer.actor)
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    let mut replaced = 0usize;
    for f in &figures {
        let existing = sqlx::query("SELECT 1 AS one FROM statistics_values WHERE indicator = $1 AND dimension = $2 AND code = $3 AND period = $4")
            .bind(&f.indicator)
            .bind(f.dimension.as_str())
            .bind(&f.code)
            .bind(&f.period)
            .fetch_optional(&mut *tx)
            .await?;
        replaced += usize::from(existing.is_some());
        sqlx::query("INSERT INTO statistics_values (indicator, dimension, code, period, unit, value, import_id) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (indicator, dimension, code, period) DO UPDATE SET unit = excluded.unit, value = excluded.value, import_id = excluded.import_id")
            .bind(&f.indicator)
            .bind(f.dimension.as_str())
            .bind(&f.code)
            .bind(&f.period)
            .bind(&f.unit)
            .bind(f.value.to_string())
            .bind(&id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(Imported {
        id,
        file,
        format: format.as_str().to_string(),
        figures: figures.len(),
        replaced,
        indicators,
        agency: importer.agency.clone(),
        actor: importer.actor.clone(),
        at,
    })
}

/// The last path component of an uploaded name, without control characters, at most
/// 200 characters (it is recorded and shown).
fn file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    if clean.trim().is_empty() {
        "upload".into()
    } else {
        clean
    }
}

/// An indicator as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub id: String,
    pub unit: String,
    /// Every period with a figure, oldest first.
    pub periods: Vec<String>,
    /// The dimensions it has figures for.
    pub dimensions: Vec<String>,
}

/// Every stored indicator.
pub async fn indicators(db: &Db) -> Result<Vec<Indicator>> {
    let rows = sqlx::query(
        "SELECT DISTINCT indicator, unit, dimension, period FROM statistics_values ORDER BY indicator, period",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut out: Vec<Indicator> = Vec::new();
    for r in rows {
        let id: String = r.try_get("indicator")?;
        let unit: String = r.try_get("unit")?;
        let dim: String = r.try_get("dimension")?;
        let period: String = r.try_get("period")?;
        if out.last().is_none_or(|i| i.id != id) {
            out.push(Indicator {
                id: id.clone(),
                unit,
                periods: Vec::new(),
                dimensions: Vec::new(),
            });
        }
        if let Some(i) = out.last_mut() {
            if !i.periods.contains(&period) {
                i.periods.push(period);
            }
            if !i.dimensions.contains(&dim) {
                i.dimensions.push(dim);
            }
        }
    }
    for i in &mut out {
        i.periods.sort();
        i.dimensions.sort_by_key(|d| {
            Dimension::parse(d)
                .map(|d| d as usize)
                .unwrap_or(usize::MAX)
        });
    }
    Ok(out)
}

/// One stored figure.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Point {
    pub code: String,
    pub period: String,
    pub value: Decimal,
}

/// An indicator's figures by one dimension, by period then code.
pub async fn series(db: &Db, indicator: &str, dimension: Dimension) -> Result<Vec<Point>> {
    let rows = sqlx::query("SELECT code, period, value FROM statistics_values WHERE indicator = $1 AND dimension = $2 ORDER BY period, code")
        .bind(indicator)
        .bind(dimension.as_str())
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| -> Result<Point> {
            let text: String = r.try_get("value")?;
            let value = Decimal::from_str(&text)
                .map_err(|e| ServiceError::Storage(format!("stored figure {text:?}: {e}")))?;
            Ok(Point {
                code: r.try_get("code")?,
                period: r.try_get("period")?,
                value,
            })
        })
        .collect()
}

/// An import as recorded.
#[derive(Debug, Clone, Serialize)]
pub struct ImportRecord {
    pub id: String,
    pub file: String,
    pub format: String,
    pub figures: i64,
    pub agency: String,
    pub actor: String,
    pub at: String,
}

/// The latest imports, newest first.
pub async fn recent_imports(db: &Db, limit: i64) -> Result<Vec<ImportRecord>> {
    let rows = sqlx::query("SELECT id, file, format, figures, agency, actor, at FROM statistics_imports ORDER BY at DESC, id DESC LIMIT $1")
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    rows.iter()
        .map(|r| -> Result<ImportRecord> {
            Ok(ImportRecord {
                id: r.try_get("id")?,
                file: r.try_get("file")?,
                format: r.try_get("format")?,
                figures: r.try_get("figures")?,
                agency: r.try_get("agency")?,
                actor: r.try_get("actor")?,
                at: r.try_get("at")?,
            })
        })
        .collect()
}
