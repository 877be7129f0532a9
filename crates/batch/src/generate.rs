//! Synthetic populations (`onestop population generate`): one row per
//! enterprise, person or project, with a column for every input of the entity
//! (generated from the rules, so new inputs are covered the day they are added),
//! an `id`, and for enterprises and persons a descriptive `district` column used
//! by simulation breakdowns. Deterministic for a seed (ChaCha8), streamed to
//! Parquet in record batches, so memory does not grow with the count.
//!
//! Where the figures come from (see `../shared/design/measures.md`, "Figures
//! useful for realistic synthetic data", and the comments at each use):
//! - about 29,000 national high-tech enterprises in Beijing, out of the few
//!   hundred thousand enterprises of its technology and service sectors: a 12%
//!   base share, higher in technology industries;
//! - R&D at about 6% of GDP in Beijing: R&D intensity of technology firms centred
//!   on 6% of revenue, heavy-tailed;
//! - revenue and R&D heavy-tailed (log-normal), technology-transfer income for a
//!   minority (the pilot raises the exemption from 5 to 20 million yuan, so the
//!   tail above 5 million matters);
//! - 357,000 researchers and about 4,000 foreigners with permanent residence,
//!   3,500 foreign scientists settled since 2018: the person population is
//!   researchers, about one in ten a foreign national;
//! - research projects by discipline and budget, budgets log-normal around one
//!   million yuan.
//!
//! Every other input gets a plain distribution by its type (documented in
//! [`generic`]); facts that belong to a measure's own group (`asp_`, `vc_`, ...)
//! are filled for the minority the group concerns and unknown for the rest.

use crate::BatchError;
use crate::repr::date_to_days;
use chrono::NaiveDate;
use datafusion::arrow::array::{
    ArrayRef, BooleanBuilder, Date32Builder, Decimal128Builder, Int64Builder, ListBuilder,
    RecordBatch, StringBuilder, StringDictionaryBuilder,
};
use datafusion::arrow::datatypes::{DataType, Field, Int32Type, Schema};
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::{Compression, ZstdLevel};
use datafusion::parquet::file::properties::WriterProperties;
use onestop_lang::types::Type;
use onestop_lang::{EntityId, Program};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::path::Path;
use std::sync::Arc;

/// A generated value, before it is put in a column.
#[derive(Debug, Clone)]
enum Generated {
    Null,
    Bool(bool),
    Int(i64),
    /// Exact, with this many decimals (money: fen, 2).
    Num(i128, u32),
    Date(NaiveDate),
    Text(String),
    Set(Vec<String>),
}

/// Districts of Beijing with rough weights for where enterprises are registered
/// (Haidian and Chaoyang host the most; the outer districts few). Illustrative
/// order of magnitude, from the districts' shares of registered enterprises.
const DISTRICTS: &[(&str, f64)] = &[
    ("haidian", 20.0),
    ("chaoyang", 20.0),
    ("fengtai", 7.0),
    ("dongcheng", 5.0),
    ("xicheng", 6.0),
    ("shijingshan", 3.0),
    ("tongzhou", 7.0),
    ("shunyi", 6.0),
    ("changping", 7.0),
    ("daxing", 7.0),
    ("fangshan", 4.0),
    ("mentougou", 1.5),
    ("huairou", 2.0),
    ("pinggu", 1.5),
    ("miyun", 1.5),
    ("yanqing", 1.5),
];

/// The Zhongguancun sub-park of each district (Daxing's is Daxing-Yizhuang).
fn park_of(district: &str) -> String {
    match district {
        "daxing" => "daxing_yizhuang_park".into(),
        d => format!("{d}_park"),
    }
}

/// Industries of Beijing's enterprises, services-dominated; technology
/// industries over-represented because the population is the technology and
/// service sectors that the measures concern. Illustrative shares.
const INDUSTRIES: &[(&str, f64)] = &[
    ("software_it", 20.0),
    ("scientific_research", 14.0),
    ("wholesale_retail", 14.0),
    ("leasing_business_services", 11.0),
    ("manufacturing", 7.0),
    ("artificial_intelligence", 4.0),
    ("biomedicine", 4.0),
    ("integrated_circuits", 1.5),
    ("key_materials", 1.5),
    ("industrial_machine_tools", 0.8),
    ("finance", 5.0),
    ("real_estate", 4.0),
    ("accommodation_catering", 3.0),
    ("entertainment", 1.0),
    ("tobacco", 0.1),
    ("other_industry", 9.1),
];

const TECH_INDUSTRIES: &[&str] = &[
    "software_it",
    "scientific_research",
    "artificial_intelligence",
    "biomedicine",
    "integrated_circuits",
    "key_materials",
    "industrial_machine_tools",
];

fn weighted<'a>(rng: &mut ChaCha8Rng, items: &[(&'a str, f64)]) -> &'a str {
    let total: f64 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.random_range(0.0..total);
    for (name, w) in items {
        if x < *w {
            return name;
        }
        x -= w;
    }
    items.last().map(|(n, _)| *n).unwrap_or("")
}

/// A standard normal variate (Box-Muller).
fn normal(rng: &mut ChaCha8Rng) -> f64 {
    let u1: f64 = rng.random_range(f64::EPSILON..1.0);
    let u2: f64 = rng.random_range(0.0..1.0);
    (-2.0 * u1.ln()).sqrt() * (2.0 * std::f64::consts::PI * u2).cos()
}

/// A log-normal amount of yuan with this median and spread, exact to the fen.
fn money(rng: &mut ChaCha8Rng, median: f64, sigma: f64) -> Generated {
    let yuan = (median * (sigma * normal(rng)).exp()).min(5e11);
    Generated::Num((yuan * 100.0).round() as i128, 2)
}

fn yuan(v: f64) -> Generated {
    Generated::Num((v.max(0.0) * 100.0).round() as i128, 2)
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
}

fn random_date(rng: &mut ChaCha8Rng, from: NaiveDate, to: NaiveDate) -> NaiveDate {
    let span = (to - from).num_days().max(1);
    from + chrono::Days::new(rng.random_range(0..span) as u64)
}

/// The latent facts of one enterprise that its inputs are derived from.
struct Firm {
    district: &'static str,
    park: Option<String>,
    industry: &'static str,
    tech: bool,
    hnte: bool,
    revenue: f64,
    rd: f64,
    tax_year: i64,
}

fn firm(rng: &mut ChaCha8Rng) -> Firm {
    let district = weighted(rng, DISTRICTS);
    let industry = weighted(rng, INDUSTRIES);
    let tech = TECH_INDUSTRIES.contains(&industry);
    // Zhongguancun's parks cover most technology firms of a district, few others.
    let in_park = rng.random_bool(if tech { 0.7 } else { 0.2 });
    // ~29,000 high-tech enterprises in Beijing (measures.md): 12% of this
    // population on average, 35% in technology industries, 3% elsewhere.
    let hnte = rng.random_bool(if tech { 0.35 } else { 0.03 });
    // Revenue: log-normal, median 5 million yuan, heavy tail (sigma 2).
    let revenue = (5e6 * (2.0 * normal(rng)).exp()).min(5e11);
    // R&D intensity centred on 6% of revenue for technology firms (Beijing's R&D
    // is about 6% of GDP, measures.md), 1% otherwise; 30% of others spend none.
    let intensity = if tech {
        0.06 * (0.6 * normal(rng)).exp()
    } else if rng.random_bool(0.3) {
        0.0
    } else {
        0.01 * (0.8 * normal(rng)).exp()
    };
    let tax_year = match rng.random_range(0..10) {
        0 => 2021,
        1 | 2 => 2022,
        _ => 2023,
    };
    Firm {
        district,
        park: in_park.then(|| park_of(district)),
        industry,
        tech,
        hnte,
        revenue,
        rd: revenue * intensity.min(0.6),
        tax_year,
    }
}

/// Groups of inputs that belong to one measure; filled for the minority they
/// concern (the share given), unknown otherwise. Booleans of an unconcerned
/// group are `false`.
const GROUPS: &[(&str, f64)] = &[
    ("asp_", 0.03),
    ("vc_", 0.02),
    ("crc_", 0.2),
    ("fse_", 0.03),
    ("ipi_", 0.03),
    ("mdb_", 0.02),
    ("mnc_", 0.02),
    ("oip_", 0.05),
    ("vehicle_", 0.01),
];

/// An enterprise input by name; None when the generic distribution applies.
fn enterprise_value(name: &str, f: &Firm, rng: &mut ChaCha8Rng) -> Option<Generated> {
    Some(match name {
        "tax_year" => Generated::Int(f.tax_year),
        "is_resident_enterprise" => Generated::Bool(rng.random_bool(0.97)),
        "is_high_tech_enterprise" => Generated::Bool(f.hnte),
        "zgc_park" => Generated::Text(f.park.clone().unwrap_or_else(|| "no_park".into())),
        "industry" => Generated::Text(f.industry.into()),
        "registration_region" => Generated::Text("beijing".into()),
        // Registration dates skewed to recent years (the stock of firms grows).
        "registration_date" => {
            let years_ago = (rng.random_range(0.0f64..1.0).powf(1.8) * 28.0) as i32;
            Generated::Date(random_date(
                rng,
                date(2023 - years_ago, 1, 1),
                date(2023 - years_ago, 12, 31),
            ))
        }
        "is_above_designated_size" => Generated::Bool(f.revenue > 2e7),
        "taxed_on_audited_accounts" => Generated::Bool(rng.random_bool(0.9)),
        "is_tech_sme" => Generated::Bool(f.tech && f.revenue < 2e8 && rng.random_bool(0.5)),
        "on_ic_machine_tool_list" => Generated::Bool(
            matches!(
                f.industry,
                "integrated_circuits" | "industrial_machine_tools"
            ) && rng.random_bool(0.4),
        ),
        "sales_revenue_latest_year" => yuan(f.revenue * 0.95),
        "total_income_latest_year" => yuan(f.revenue),
        "sales_revenue_last_3_years" => yuan(f.revenue * 0.95 * rng.random_range(2.2..3.0)),
        "rd_expenses_tax_year" => yuan(f.rd),
        "rd_expenses_last_3_years" => yuan(f.rd * rng.random_range(2.2..3.0)),
        "rd_expenses_domestic_last_3_years" => yuan(f.rd * 2.6 * rng.random_range(0.4..1.0)),
        "high_tech_income_latest_year" => yuan(
            f.revenue
                * if f.hnte {
                    rng.random_range(0.55..0.95)
                } else {
                    rng.random_range(0.0..0.5)
                },
        ),
        // Employees: log-normal, median 20 (most firms are small).
        "employees_total" => {
            Generated::Int((20.0 * (1.3 * normal(rng)).exp()).round().max(1.0) as i64)
        }
        "st_staff" => Generated::Int(
            ((20.0 * (1.3 * normal(rng)).exp())
                * if f.tech {
                    rng.random_range(0.1..0.6)
                } else {
                    rng.random_range(0.0..0.1)
                })
            .round() as i64,
        ),
        // Technology-transfer income for a minority: 3% of firms, 10% of high-tech
        // ones; log-normal, median 3 million yuan, so a fifth are above 5 million and
        // a few above the pilot's 20 million.
        "tech_transfer_income" => {
            if rng.random_bool(if f.hnte { 0.10 } else { 0.03 }) {
                money(rng, 3e6, 1.3)
            } else {
                yuan(0.0)
            }
        }
        "hnte_certificate_region" => {
            if f.hnte {
                Generated::Text("beijing".into())
            } else {
                Generated::Null
            }
        }
        "hnte_certificate_issue_date" => {
            if f.hnte {
                Generated::Date(random_date(rng, date(2020, 1, 1), date(2023, 12, 31)))
            } else {
                Generated::Null
            }
        }
        "hnte_owns_core_ip" => Generated::Bool(f.hnte || (f.tech && rng.random_bool(0.4))),
        "hnte_core_tech_in_supported_fields" => Generated::Bool(f.tech && rng.random_bool(0.8)),
        "hnte_innovation_score" => Generated::Num(
            rng.random_range(if f.hnte { 71..96 } else { 30..90 }) as i128,
            0,
        ),
        "hnte_major_incident_prior_year" => Generated::Bool(rng.random_bool(0.01)),
        _ => return None,
    })
}

/// A person input by name; None when the generic distribution applies.
fn person_value(name: &str, foreign: bool, rng: &mut ChaCha8Rng) -> Option<Generated> {
    Some(match name {
        "is_foreign_national" => Generated::Bool(foreign),
        "holds_permanent_resident_id_card" => Generated::Bool(foreign && rng.random_bool(0.1)),
        "birth_date" => Generated::Date(random_date(rng, date(1955, 1, 1), date(1998, 12, 31))),
        // Salaries: log-normal, median 300,000 yuan a year.
        "annual_salary_in_china" | "flexible_pay_annual_amount" => money(rng, 3e5, 0.7),
        "pension_contribution_years" => Generated::Num(rng.random_range(0..40) as i128, 0),
        "months_in_china_per_year" => Generated::Int(rng.random_range(3..13)),
        "beijing_bonus_points" => Generated::Int(rng.random_range(0..11)),
        _ => return None,
    })
}

/// A project input by name; None when the generic distribution applies.
fn project_value(name: &str, direct: f64, rng: &mut ChaCha8Rng) -> Option<Generated> {
    Some(match name {
        // Budgets: log-normal, median one million yuan of direct cost.
        "direct_cost" => yuan(direct),
        "equipment_cost" | "equipment_budget_before" => yuan(direct * rng.random_range(0.0..0.4)),
        "equipment_budget_after" => yuan(direct * rng.random_range(0.0..0.45)),
        "proposed_indirect_cost" | "indirect_budget_before" => {
            yuan(direct * rng.random_range(0.05..0.35))
        }
        "indirect_budget_after" => yuan(direct * rng.random_range(0.05..0.4)),
        "proposed_performance_pay" => yuan(direct * rng.random_range(0.0..0.1)),
        "other_direct_budget_before" | "other_direct_budget_after" => {
            yuan(direct * rng.random_range(0.3..0.8))
        }
        "implementation_start_date" => {
            Generated::Date(random_date(rng, date(2019, 1, 1), date(2024, 12, 31)))
        }
        _ => return None,
    })
}

/// The plain distribution of an input by its type: booleans true one time in
/// three, amounts log-normal around 500,000 yuan, whole numbers 0-100, rates
/// 0-100%, dates 2015-2024, durations 1-36 months, enumeration values uniform,
/// sets each value with probability 0.3.
fn generic(p: &Program, ty: &Type, rng: &mut ChaCha8Rng) -> Generated {
    match ty {
        Type::Bool => Generated::Bool(rng.random_bool(0.33)),
        Type::Int => Generated::Int(rng.random_range(0..100)),
        Type::Money => money(rng, 5e5, 1.2),
        Type::Decimal => Generated::Num(rng.random_range(0..10_000) as i128, 2),
        Type::Rate => Generated::Num(rng.random_range(0..10_000) as i128, 4),
        Type::Date => Generated::Date(random_date(rng, date(2015, 1, 1), date(2024, 12, 31))),
        Type::Duration => Generated::Text(format!("{} months", rng.random_range(1..37))),
        Type::Text => Generated::Text(String::new()),
        Type::Enum(e) => {
            let values = &p.enums[e.0 as usize].values;
            Generated::Text(
                values[rng
                    .random_range(0..values.len().max(1))
                    .min(values.len().saturating_sub(1))]
                .0
                .clone(),
            )
        }
        Type::Set(inner) => match inner.as_ref() {
            Type::Enum(e) => Generated::Set(
                p.enums[e.0 as usize]
                    .values
                    .iter()
                    .filter(|_| rng.random_bool(0.3))
                    .map(|(n, _)| n.clone())
                    .collect(),
            ),
            _ => Generated::Set(Vec::new()),
        },
    }
}

/// Column builders for the inputs' types.
enum Col {
    Bool(BooleanBuilder),
    Int(Int64Builder),
    Dec(Decimal128Builder, u32),
    Date(Date32Builder),
    Text(StringBuilder),
    /// Enumeration values (and districts): dictionary-encoded text.
    Enum(StringDictionaryBuilder<Int32Type>),
    Set(ListBuilder<StringBuilder>),
}

/// Precision of the generated decimal columns: 18 digits, so Parquet stores them
/// as `INT64` (the standard `DECIMAL(18, s)` logical type) rather than 16-byte
/// fixed-length arrays; readers (DuckDB, pandas, Spark, onestop) see numbers.
pub const DECIMAL_PRECISION: u8 = 18;

/// The type of an enumeration column in a generated population: dictionary
/// encoded text (`Dictionary(Int32, Utf8)`), read back as codes, not strings.
pub fn enum_column_type() -> DataType {
    DataType::Dictionary(Box::new(DataType::Int32), Box::new(DataType::Utf8))
}

fn field_of(name: &str, ty: &Type) -> (Field, Col) {
    let (dt, col) = match ty {
        Type::Bool => (DataType::Boolean, Col::Bool(BooleanBuilder::new())),
        Type::Int => (DataType::Int64, Col::Int(Int64Builder::new())),
        Type::Money => (
            DataType::Decimal128(DECIMAL_PRECISION, 2),
            Col::Dec(Decimal128Builder::new(), 2),
        ),
        Type::Decimal | Type::Rate => (
            DataType::Decimal128(DECIMAL_PRECISION, 6),
            Col::Dec(Decimal128Builder::new(), 6),
        ),
        Type::Date => (DataType::Date32, Col::Date(Date32Builder::new())),
        Type::Set(_) => (
            DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
            Col::Set(ListBuilder::new(StringBuilder::new())),
        ),
        Type::Enum(_) => (
            enum_column_type(),
            Col::Enum(StringDictionaryBuilder::new()),
        ),
        _ => (DataType::Utf8, Col::Text(StringBuilder::new())),
    };
    (Field::new(name, dt, true), col)
}

/// The largest magnitude a `DECIMAL(18, s)` column holds, plus one.
const DECIMAL_LIMIT: i128 = 1_000_000_000_000_000_000;

impl Col {
    fn push(&mut self, g: Generated) -> Result<(), BatchError> {
        match (self, g) {
            (Col::Bool(b), Generated::Bool(v)) => b.append_value(v),
            (Col::Int(b), Generated::Int(v)) => b.append_value(v),
            (Col::Dec(b, scale), Generated::Num(v, s)) => {
                let v = if s <= *scale {
                    v * 10i128.pow(*scale - s)
                } else {
                    v / 10i128.pow(s - *scale)
                };
                if v.abs() >= DECIMAL_LIMIT {
                    return Err(BatchError::Input(format!(
                        "a generated amount ({v} at scale {scale}) does not fit DECIMAL({DECIMAL_PRECISION}, {scale})"
                    )));
                }
                b.append_value(v)
            }
            (Col::Date(b), Generated::Date(d)) => b.append_value(date_to_days(d)),
            (Col::Text(b), Generated::Text(t)) => b.append_value(t),
            (Col::Enum(b), Generated::Text(t)) => {
                b.append_value(t);
            }
            (Col::Set(b), Generated::Set(items)) => {
                for i in items {
                    b.values().append_value(i);
                }
                b.append(true);
            }
            (Col::Bool(b), _) => b.append_null(),
            (Col::Int(b), _) => b.append_null(),
            (Col::Dec(b, _), _) => b.append_null(),
            (Col::Date(b), _) => b.append_null(),
            (Col::Text(b), _) => b.append_null(),
            (Col::Enum(b), _) => b.append_null(),
            (Col::Set(b), _) => b.append(false),
        }
        Ok(())
    }

    fn finish(&mut self) -> Result<ArrayRef, BatchError> {
        Ok(match self {
            Col::Bool(b) => Arc::new(b.finish()),
            Col::Int(b) => Arc::new(b.finish()),
            Col::Dec(b, s) => Arc::new(
                b.finish()
                    .with_precision_and_scale(DECIMAL_PRECISION, *s as i8)
                    .map_err(|e| BatchError::Input(e.to_string()))?,
            ),
            Col::Date(b) => Arc::new(b.finish()),
            Col::Text(b) => Arc::new(b.finish()),
            Col::Enum(b) => Arc::new(b.finish()),
            Col::Set(b) => Arc::new(b.finish()),
        })
    }
}

/// Rows per row group of a generated population.
pub const ROW_GROUP: usize = 131_072;

/// Writes `count` rows of `entity` to a Parquet file (zstd-compressed), streaming
/// 8192 rows at a time. Returns the number of rows written.
pub fn generate(
    program: &Program,
    entity: EntityId,
    count: u64,
    seed: u64,
    out: &Path,
    progress: impl FnMut(u64),
) -> Result<u64, BatchError> {
    generate_in_groups(program, entity, count, seed, out, ROW_GROUP, progress)
}

/// [`generate`] with row groups of `row_group` rows (the same rows for a seed
/// whatever the grouping).
pub fn generate_in_groups(
    program: &Program,
    entity: EntityId,
    count: u64,
    seed: u64,
    out: &Path,
    row_group: usize,
    mut progress: impl FnMut(u64),
) -> Result<u64, BatchError> {
    let entity_name = program.entities[entity.index()].name.clone();
    let inputs: Vec<(String, Type)> = program
        .inputs_of(entity)
        .map(|(_, d)| (d.name.clone(), d.ty.clone()))
        .collect();
    let with_district = entity_name != "project";
    let mut fields = vec![Field::new("id", DataType::Int64, false)];
    if with_district {
        fields.push(Field::new("district", enum_column_type(), true));
    }
    for (name, ty) in &inputs {
        fields.push(field_of(name, ty).0);
    }
    let schema = Arc::new(Schema::new(fields));
    let file = std::fs::File::create(out)
        .map_err(|e| BatchError::Input(format!("cannot write {}: {e}", out.display())))?;
    // Row groups of ROW_GROUP rows: a scan splits a file by row groups, so a
    // million rows make eight units of work for the cores, not one.
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(ZstdLevel::try_new(9).unwrap_or_default()))
        .set_max_row_group_row_count(Some(row_group.max(1)))
        .build();
    let io = |e: datafusion::parquet::errors::ParquetError| {
        BatchError::Input(format!("writing {}: {e}", out.display()))
    };
    let mut writer = ArrowWriter::try_new(file, schema.clone(), Some(props)).map_err(io)?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut done = 0u64;
    while done < count {
        let n = (count - done).min(8192);
        let mut ids = Int64Builder::new();
        let mut districts = StringDictionaryBuilder::<Int32Type>::new();
        let mut cols: Vec<Col> = inputs.iter().map(|(n, t)| field_of(n, t).1).collect();
        for r in 0..n {
            ids.append_value((done + r) as i64);
            let f = firm(&mut rng);
            let foreign = rng.random_bool(0.1);
            let direct = 1e6 * (1.1 * normal(&mut rng)).exp();
            let concerned: Vec<bool> = GROUPS.iter().map(|(_, s)| rng.random_bool(*s)).collect();
            districts.append_value(f.district);
            for ((name, ty), col) in inputs.iter().zip(cols.iter_mut()) {
                let known = match entity_name.as_str() {
                    "enterprise" => enterprise_value(name, &f, &mut rng),
                    "person" => person_value(name, foreign, &mut rng),
                    "project" => project_value(name, direct, &mut rng),
                    _ => None,
                };
                // A name the rules' enumeration does not have falls back to the generic draw.
                let known = match (known, ty) {
                    (Some(Generated::Text(t)), Type::Enum(e))
                        if program.variant(*e, &t).is_none() =>
                    {
                        None
                    }
                    (k, _) => k,
                };
                let g = match known {
                    Some(g) => g,
                    None => match GROUPS.iter().position(|(pre, _)| name.starts_with(pre)) {
                        Some(k) if !concerned[k] => match ty {
                            Type::Bool => Generated::Bool(false),
                            _ => Generated::Null,
                        },
                        _ => generic(program, ty, &mut rng),
                    },
                };
                col.push(g)?;
            }
        }
        let mut arrays: Vec<ArrayRef> = vec![Arc::new(ids.finish())];
        if with_district {
            arrays.push(Arc::new(districts.finish()));
        }
        for c in cols.iter_mut() {
            arrays.push(c.finish()?);
        }
        let batch = RecordBatch::try_new(schema.clone(), arrays)
            .map_err(|e| BatchError::Input(e.to_string()))?;
        writer.write(&batch).map_err(io)?;
        done += n;
        progress(done);
    }
    writer.close().map_err(io)?;
    Ok(done)
}
