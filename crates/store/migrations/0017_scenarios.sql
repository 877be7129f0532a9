-- Application-scenario lists (issue 16 item 4; 001_0cbca1dd9c1e8cc0.txt §25 "regularly
-- release a list of application scenario projects"; 000_abb21015abc8a560.txt §13;
-- crates/platforms::scenarios). An agency publishes a list of scenarios with a
-- submission period in working days (`closes_on`, counted with crates/calendar;
-- `closes_provisional` = 1 when counted through a year without a holiday notice);
-- enterprises submit solutions; the agency selects some and publishes the results.
CREATE TABLE scenario_lists (
  id TEXT PRIMARY KEY,
  agency TEXT NOT NULL,
  title TEXT NOT NULL,
  working_days BIGINT NOT NULL,
  opened_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  closes_provisional BIGINT NOT NULL,
  published_by TEXT NOT NULL,
  published_at TEXT NOT NULL,
  -- When the agency published the selection (the public results page shows it).
  results_at TEXT
);
CREATE INDEX scenario_lists_by_agency ON scenario_lists (agency, published_at);

-- One scenario of a list: what the agency needs, in which industry, with which
-- capabilities sought (`capabilities`: JSON list of lower-case words).
CREATE TABLE scenarios (
  id TEXT PRIMARY KEY,
  list_id TEXT NOT NULL REFERENCES scenario_lists(id),
  position BIGINT NOT NULL,
  title TEXT NOT NULL,
  need TEXT NOT NULL,
  industry TEXT NOT NULL,
  capabilities TEXT NOT NULL
);
CREATE INDEX scenarios_by_list ON scenarios (list_id, position);

-- An enterprise's solution to one scenario (one per enterprise and scenario).
CREATE TABLE scenario_solutions (
  id TEXT PRIMARY KEY,
  scenario_id TEXT NOT NULL REFERENCES scenarios(id),
  enterprise TEXT NOT NULL REFERENCES accounts(id),
  text TEXT NOT NULL,
  industry TEXT NOT NULL,
  capabilities TEXT NOT NULL,
  submitted_at TEXT NOT NULL,
  selected BIGINT NOT NULL DEFAULT 0,
  selected_by TEXT,
  selected_at TEXT,
  UNIQUE (scenario_id, enterprise)
);
CREATE INDEX scenario_solutions_by_enterprise ON scenario_solutions (enterprise, submitted_at);
