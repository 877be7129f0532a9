-- Statistical monitoring (issue 16; crates/statistics, docs/statistics.md). Agencies
-- import tables of figures; each import is recorded with who made it for which agency.
-- A figure is one value of one indicator for one district, park, industry or area of
-- the Three Cities and One Area in one period; a later import of the same key
-- replaces it (the import it came from is kept). Values are exact decimals as text.
CREATE TABLE statistics_imports (
  id TEXT PRIMARY KEY,
  file TEXT NOT NULL,
  format TEXT NOT NULL,
  figures BIGINT NOT NULL,
  agency TEXT NOT NULL,
  actor TEXT NOT NULL,
  at TEXT NOT NULL
);

CREATE TABLE statistics_values (
  indicator TEXT NOT NULL,
  dimension TEXT NOT NULL,
  code TEXT NOT NULL,
  period TEXT NOT NULL,
  unit TEXT NOT NULL,
  value TEXT NOT NULL,
  import_id TEXT NOT NULL,
  PRIMARY KEY (indicator, dimension, code, period)
)
