-- The transparency log (RFC 6962) and what it records: e-licences, innovation
-- vouchers, IP pledges. Portable between SQLite and PostgreSQL.
-- Money is integer fen (BIGINT) so a balance check is one atomic conditional UPDATE.

-- One row: the number of entries. Appending updates it first, which serialises
-- appenders (row lock on PostgreSQL, write lock on SQLite) so indexes have no gaps
-- and commit in order.
CREATE TABLE ledger_state (
  id BIGINT PRIMARY KEY,
  size BIGINT NOT NULL
);

INSERT INTO ledger_state (id, size) VALUES (1, 0);

-- data is the canonical JSON of the entry; leaf_hash = SHA-256(0x00 || data), hex.
CREATE TABLE ledger_entries (
  idx BIGINT PRIMARY KEY,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  data TEXT NOT NULL,
  leaf_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE INDEX ledger_entries_by_subject ON ledger_entries (subject, idx);

CREATE TABLE ledger_heads (
  tree_size BIGINT PRIMARY KEY,
  root_hash TEXT NOT NULL,
  timestamp BIGINT NOT NULL,
  key_id TEXT NOT NULL,
  signature TEXT NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE licences (
  code TEXT PRIMARY KEY,
  case_id TEXT NOT NULL UNIQUE REFERENCES cases(id),
  holder_id TEXT NOT NULL REFERENCES accounts(id),
  entry_idx BIGINT NOT NULL,
  document TEXT NOT NULL,
  issued_at TEXT NOT NULL
);

CREATE INDEX licences_by_holder ON licences (holder_id, issued_at);

CREATE TABLE vouchers (
  id TEXT PRIMARY KEY,
  region TEXT NOT NULL,
  issued_by TEXT NOT NULL,
  holder_id TEXT NOT NULL REFERENCES accounts(id),
  purpose TEXT NOT NULL,
  value_fen BIGINT NOT NULL,
  redeemed_fen BIGINT NOT NULL,
  expires_on TEXT NOT NULL,
  issue_entry BIGINT NOT NULL,
  issued_at TEXT NOT NULL,
  version BIGINT NOT NULL
);

CREATE INDEX vouchers_by_holder ON vouchers (holder_id, issued_at);

CREATE TABLE voucher_redemptions (
  id TEXT PRIMARY KEY,
  voucher_id TEXT NOT NULL REFERENCES vouchers(id),
  amount_fen BIGINT NOT NULL,
  provider TEXT NOT NULL,
  provider_region TEXT NOT NULL,
  redeemed_on TEXT NOT NULL,
  entry_idx BIGINT NOT NULL,
  at TEXT NOT NULL
);

CREATE INDEX voucher_redemptions_by_voucher ON voucher_redemptions (voucher_id, at);

-- active_key is `kind:number` while the pledge stands and NULL once released: the
-- unique index allows one standing pledge per right, any number of released ones.
CREATE TABLE pledges (
  id TEXT PRIMARY KEY,
  right_kind TEXT NOT NULL,
  right_number TEXT NOT NULL,
  pledgor_id TEXT NOT NULL REFERENCES accounts(id),
  lender TEXT NOT NULL,
  secured_fen BIGINT,
  state TEXT NOT NULL,
  active_key TEXT UNIQUE,
  register_entry BIGINT NOT NULL,
  release_entry BIGINT,
  registered_at TEXT NOT NULL,
  released_at TEXT
);

CREATE INDEX pledges_by_right ON pledges (right_kind, right_number, registered_at)
