-- Witnesses of the transparency log (issue 15): Tianjin and Hebei each run
-- `onestop ledger witness`, which checks the consistency of the log's checkpoints
-- and cosigns them (C2SP cosignature/v1), or refuses. The log keeps the latest
-- cosignature of each witness per tree size (the root it cosigned, the time in POSIX
-- seconds and the base64 of key ID || timestamp || signature, as on the signature
-- line), and every refusal a witness reports, with the refused checkpoint as evidence.
CREATE TABLE witness_cosignatures (
  witness TEXT NOT NULL,
  tree_size BIGINT NOT NULL,
  root_hash TEXT NOT NULL,
  timestamp BIGINT NOT NULL,
  signature TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (witness, tree_size)
);

CREATE INDEX witness_cosignatures_by_head ON witness_cosignatures (tree_size, root_hash);

CREATE TABLE witness_refusals (
  id TEXT PRIMARY KEY,
  witness TEXT NOT NULL,
  tree_size BIGINT NOT NULL,
  old_size BIGINT NOT NULL,
  reason TEXT NOT NULL,
  checkpoint TEXT NOT NULL,
  refused_at BIGINT NOT NULL,
  at TEXT NOT NULL
);

CREATE INDEX witness_refusals_by_witness ON witness_refusals (witness, at);
