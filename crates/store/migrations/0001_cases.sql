-- The one-window service. Portable between SQLite and PostgreSQL.
-- Booleans are BIGINT 0/1; timestamps are RFC 3339 UTC text; dates are YYYY-MM-DD.

CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL,
  agency TEXT,
  entity TEXT,
  display_name TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE profiles (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id),
  facts TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE material_blobs (
  hash TEXT PRIMARY KEY,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  content {blob} NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE materials (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  hash TEXT NOT NULL REFERENCES material_blobs(hash),
  filename TEXT NOT NULL,
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (account_id, hash)
);

CREATE TABLE bundles (
  id TEXT PRIMARY KEY,
  applicant_id TEXT NOT NULL REFERENCES accounts(id),
  service TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  facts TEXT NOT NULL,
  evaluation TEXT NOT NULL,
  explanation TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (applicant_id, idempotency_key)
);

CREATE TABLE bundle_materials (
  bundle_id TEXT NOT NULL REFERENCES bundles(id),
  hash TEXT NOT NULL REFERENCES material_blobs(hash),
  PRIMARY KEY (bundle_id, hash)
);

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  bundle_id TEXT NOT NULL REFERENCES bundles(id),
  applicant_id TEXT NOT NULL REFERENCES accounts(id),
  agency TEXT NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  working_days BIGINT,
  accepted_on TEXT,
  deadline TEXT,
  decided_at TEXT,
  decision_reason TEXT,
  version BIGINT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX cases_by_agency ON cases (agency, state, deadline);

CREATE INDEX cases_by_applicant ON cases (applicant_id, created_at);

CREATE TABLE audit (
  case_id TEXT NOT NULL REFERENCES cases(id),
  seq BIGINT NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  reason TEXT NOT NULL,
  PRIMARY KEY (case_id, seq)
);

CREATE TABLE projects (
  id TEXT PRIMARY KEY,
  leader_id TEXT NOT NULL REFERENCES accounts(id),
  title TEXT NOT NULL,
  facts TEXT NOT NULL,
  inspection_scheduled BIGINT NOT NULL,
  evaluation TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE milestones (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  seq BIGINT NOT NULL,
  name TEXT NOT NULL,
  due_on TEXT NOT NULL,
  report TEXT,
  reported_at TEXT
)
