//! Statistical monitoring (issue 16 item 4; 001 §3, 003 §2, 004): agencies import
//! real tables of figures (CSV or Parquet), validated whole with the row, the column
//! and a hint for every problem (`table` reads, `validate` checks, `problem` says),
//! stored exactly in one transaction (`store`), and charted by district, Zhongguancun
//! park, industry and the "Three Cities and One Area" (`dimensions`, `chart`: SVG).
//!
//! Depends on the rules (the enumerations are the one list of districts, parks and
//! industries), the store (database, access policy) and the Parquet reader; never on
//! HTTP, DataFusion or the case service.

pub mod chart;
pub mod dimensions;
pub mod problem;
pub mod store;
pub mod table;
pub mod validate;

pub use dimensions::{Dimension, Dimensions};
pub use problem::{Problem, Refusal};
pub use store::{ImportError, Imported, Importer};
pub use validate::Figure;
