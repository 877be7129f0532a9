-- Innovation vouchers with every party (issue 15; 001 §28): the enterprise applies
-- (the rule enterprise.innovation-voucher decides eligibility, its explanation kept),
-- the region's science and technology agency issues or refuses, service providers
-- have accounts (role `provider`) with the region they work in, and a redemption is a
-- request the holder makes naming a provider that counts only when the provider
-- confirms it. While it waits its amount is reserved on the voucher (`reserved_fen`),
-- so requests, confirmations, declines and withdrawals are each one conditional
-- UPDATE of the voucher row and no interleaving can overdraw it. Money is integer fen.

ALTER TABLE vouchers ADD COLUMN reserved_fen BIGINT NOT NULL DEFAULT 0;
-- The application a voucher was issued on (NULL: issued directly by an officer).
ALTER TABLE vouchers ADD COLUMN application_id TEXT;

-- A provider's confirmed redemptions name its account; rows from before (the
-- holder's own statement) have none and stay out of the settlement.
ALTER TABLE voucher_redemptions ADD COLUMN provider_id TEXT REFERENCES accounts(id);

CREATE INDEX voucher_redemptions_by_month ON voucher_redemptions (redeemed_on, provider_id);

-- A provider account's region (beijing, tianjin or hebei).
CREATE TABLE voucher_providers (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id),
  region TEXT NOT NULL,
  created_at TEXT NOT NULL
);

-- status: pending, issued or refused. `facts`, `explanation`, `rules_version` and
-- `decision_date` are the rule's evaluation at application; `apply_entry` and
-- `decision_entry` the log entries of the application and of its decision.
CREATE TABLE voucher_applications (
  id TEXT PRIMARY KEY,
  applicant_id TEXT NOT NULL REFERENCES accounts(id),
  region TEXT NOT NULL,
  agency TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  purpose TEXT NOT NULL,
  facts TEXT NOT NULL,
  explanation TEXT NOT NULL,
  rules_version TEXT NOT NULL,
  decision_date TEXT NOT NULL,
  status TEXT NOT NULL,
  apply_entry BIGINT NOT NULL,
  voucher_id TEXT,
  decided_by TEXT,
  decision_note TEXT,
  decided_at TEXT,
  decision_entry BIGINT,
  created_at TEXT NOT NULL,
  version BIGINT NOT NULL
);

CREATE INDEX voucher_applications_by_applicant ON voucher_applications (applicant_id, created_at);
CREATE INDEX voucher_applications_by_agency ON voucher_applications (agency, created_at);

-- status: requested, confirmed, declined or withdrawn. A confirmed request is also a
-- row of voucher_redemptions with the same id.
CREATE TABLE voucher_redemption_requests (
  id TEXT PRIMARY KEY,
  voucher_id TEXT NOT NULL REFERENCES vouchers(id),
  provider_id TEXT NOT NULL REFERENCES accounts(id),
  provider_region TEXT NOT NULL,
  amount_fen BIGINT NOT NULL,
  service TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_on TEXT NOT NULL,
  request_entry BIGINT NOT NULL,
  decided_by TEXT,
  decision_note TEXT,
  decided_on TEXT,
  decision_entry BIGINT,
  at TEXT NOT NULL
);

CREATE INDEX voucher_redemption_requests_by_voucher ON voucher_redemption_requests (voucher_id, at);
CREATE INDEX voucher_redemption_requests_by_provider ON voucher_redemption_requests (provider_id, at);
