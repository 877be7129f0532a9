-- S&T enterprise credit (issue 16 item 4; 001 §26; docs/credit.md). The evaluation
-- itself is never stored: it is computed from the records when asked
-- (crates/cases/src/credit_facts.rs, rules/enterprise/credit-evaluation.policy). What
-- is stored is each consent an enterprise gives a named financial institution to see
-- it: from `granted_on` (a business date) through `expires_on` (inclusive; NULL: no
-- expiry) unless revoked (`revoked_on`, `revoked_at`). Rows are never deleted or
-- changed otherwise: the table is the consent history.
CREATE TABLE credit_consents (
  id TEXT PRIMARY KEY,
  enterprise_id TEXT NOT NULL REFERENCES accounts(id),
  institution_id TEXT NOT NULL REFERENCES accounts(id),
  granted_on TEXT NOT NULL,
  expires_on TEXT,
  granted_at TEXT NOT NULL,
  revoked_on TEXT,
  revoked_at TEXT
);

CREATE INDEX credit_consents_by_enterprise ON credit_consents (enterprise_id, granted_at);

CREATE INDEX credit_consents_by_institution ON credit_consents (institution_id, enterprise_id);
