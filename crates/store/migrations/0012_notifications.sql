-- Policy finds the applicant (issue 16; crates/notify). A matching run evaluates every
-- stored profile in one batch and compares the answer with the last one
-- (`match_eligibility`: the measures each account was eligible for); each change and
-- each approaching deadline becomes a notification, shown in the portal, sent by
-- e-mail when the applicant gave an address, and listed in the subscription's feed.

-- The measures each account was eligible for at the last live run.
CREATE TABLE match_eligibility (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  measure TEXT NOT NULL,
  since_run TEXT NOT NULL,
  PRIMARY KEY (account_id, measure)
);

-- Every run: `live` (changes notify) or `preview` (a draft of the rules, counted only).
CREATE TABLE match_runs (
  id TEXT PRIMARY KEY,
  kind TEXT NOT NULL,
  label TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  evaluator TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  profiles BIGINT NOT NULL,
  skipped BIGINT NOT NULL,
  gained BIGINT NOT NULL,
  lost BIGINT NOT NULL,
  deadlines BIGINT NOT NULL
);

-- How many profiles each measure reached in a run (`published` = 0: a measure the
-- published rules do not have yet, seen in a preview).
CREATE TABLE match_counts (
  run_id TEXT NOT NULL REFERENCES match_runs(id),
  measure TEXT NOT NULL,
  entity TEXT NOT NULL,
  eligible BIGINT NOT NULL,
  undetermined BIGINT NOT NULL,
  published BIGINT NOT NULL,
  PRIMARY KEY (run_id, measure)
);

-- What an applicant asked to hear about: measure groups (comma-separated), an e-mail
-- address (none: the portal and the feed only), the language of e-mails and the
-- feed, and the secret token of the feed's address.
CREATE TABLE subscriptions (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id),
  groups TEXT NOT NULL,
  email TEXT,
  lang TEXT NOT NULL,
  feed_token TEXT NOT NULL UNIQUE,
  updated_at TEXT NOT NULL
);

-- One notification: `eligible` / `lost` (a measure) or `deadline` (a case's due date
-- or a date the applicant keeps). `subject_key` makes a reminder of the same date
-- once only. E-mail: the address at creation, when it was sent, the last error.
CREATE TABLE notifications (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  kind TEXT NOT NULL,
  measure TEXT,
  status TEXT,
  case_id TEXT,
  due_on TEXT,
  due_what TEXT,
  subject_key TEXT NOT NULL,
  run_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  read_at TEXT,
  email_to TEXT,
  emailed_at TEXT,
  email_error TEXT,
  email_attempts BIGINT NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX notifications_once ON notifications (account_id, subject_key);
CREATE INDEX notifications_by_account ON notifications (account_id, created_at);
CREATE INDEX notifications_outbox ON notifications (emailed_at, email_to)
