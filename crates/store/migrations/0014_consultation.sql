-- Consultation (issue 16 item 2; crates/consult). A question about a measure, asked in
-- one of the six languages, is routed to an agency of the measure's responsible
-- organisations with a due date in working days (`due_provisional` = 1 when counted
-- through a year without a holiday notice); the agency's officer answers with
-- citations (`citations`: JSON list) and may publish the answer in the measure's FAQ.
-- The asker is told on "my questions" (a new answer is marked until it is opened).
CREATE TABLE questions (
  id TEXT PRIMARY KEY,
  asker TEXT NOT NULL REFERENCES accounts(id),
  measure TEXT NOT NULL,
  agency TEXT NOT NULL,
  lang TEXT NOT NULL,
  text TEXT NOT NULL,
  asked_at TEXT NOT NULL,
  asked_on TEXT NOT NULL,
  due_on TEXT NOT NULL,
  due_provisional BIGINT NOT NULL,
  answer TEXT,
  citations TEXT,
  answered_by TEXT,
  answered_at TEXT,
  answered_on TEXT,
  faq BIGINT NOT NULL DEFAULT 0,
  faq_at TEXT,
  -- When the asker first saw the answer (until then "my questions" marks it new).
  answer_seen_at TEXT
);
CREATE INDEX questions_by_agency ON questions (agency, asked_at);
CREATE INDEX questions_by_asker ON questions (asker, asked_at);
CREATE INDEX questions_faq ON questions (faq, measure);

-- A draft measure an agency publishes for enterprises' opinions (001 §5), with its
-- opinion period in working days; `closed_at` when the agency closed it.
CREATE TABLE drafts (
  id TEXT PRIMARY KEY,
  agency TEXT NOT NULL,
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  working_days BIGINT NOT NULL,
  opened_on TEXT NOT NULL,
  closes_on TEXT NOT NULL,
  closes_provisional BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  closed_at TEXT,
  closed_by TEXT
);

-- An enterprise's opinion on a draft.
CREATE TABLE opinions (
  id TEXT PRIMARY KEY,
  draft_id TEXT NOT NULL REFERENCES drafts(id),
  author TEXT NOT NULL REFERENCES accounts(id),
  lang TEXT NOT NULL,
  text TEXT NOT NULL,
  submitted_at TEXT NOT NULL
);
CREATE INDEX opinions_by_draft ON opinions (draft_id, submitted_at);
