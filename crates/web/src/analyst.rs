//! What the analyst's reform page needs from the population simulator. The
//! simulator (DataFusion, in `onestop-batch`) stays out of this crate: the binary
//! plugs an implementation of [`Simulator`] into [`crate::AppState`].

use chrono::NaiveDate;
use std::future::Future;
use std::pin::Pin;

/// A reform shipped with the rules.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReformChoice {
    pub id: String,
    pub title_en: String,
    pub title_zh: String,
    /// The title in Korean, Russian, Spanish and Arabic (`(lang, text)`), from the
    /// rules' translation catalogues.
    pub titles: Vec<(String, String)>,
}

impl ReformChoice {
    /// The title for a portal language, English where it has none.
    pub fn title(&self, lang: &str) -> &str {
        match lang {
            "zh-CN" | "zh" => &self.title_zh,
            "en" => &self.title_en,
            other => self
                .titles
                .iter()
                .find(|(l, _)| l == other)
                .map(|(_, t)| t.as_str())
                .unwrap_or(&self.title_en),
        }
    }
}

/// A population file shipped with the product.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PopulationChoice {
    /// File name under the populations directory, e.g. `enterprises-10k.parquet`.
    pub name: String,
    pub entity: String,
    pub rows: u64,
}

/// A finished simulation: the report (as written to `report.json`) and its charts.
#[derive(Debug, Clone)]
pub struct SimulationOutcome {
    pub report: serde_json::Value,
    /// SVG charts: cost by district (when the population has districts), gains.
    pub cost_by_district_svg: Option<String>,
    pub gains_svg: String,
    pub seconds: f64,
}

/// Why a simulation could not run: the analyst chose something that does not exist
/// (a 4xx), or the run failed (reported with its message).
#[derive(Debug, Clone)]
pub enum SimulationError {
    Unknown(String),
    /// Too many simulations already waiting: try again later (503 with `Retry-After`).
    Busy(String),
    Failed(String),
}

pub type SimulationFuture<'a> =
    Pin<Box<dyn Future<Output = Result<SimulationOutcome, SimulationError>> + Send + 'a>>;

pub trait Simulator: Send + Sync {
    fn reforms(&self) -> Vec<ReformChoice>;
    fn populations(&self) -> Vec<PopulationChoice>;
    /// Runs (or returns the remembered result of) a reform over a shipped population.
    fn simulate<'a>(
        &'a self,
        reform: &'a str,
        population: &'a str,
        date: NaiveDate,
    ) -> SimulationFuture<'a>;
}
