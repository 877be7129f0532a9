-- The life of an e-licence after issue (003 §18, §19): its deciding agency suspends,
-- reinstates or revokes it. Every change is an entry in the transparency log
-- (`licence.status`, subject the code); `licence_events` keeps them in order with
-- their log index, and `licences.status` is the state after the last one.
ALTER TABLE licences ADD COLUMN status TEXT NOT NULL DEFAULT 'valid';

CREATE TABLE licence_events (
  code TEXT NOT NULL REFERENCES licences(code),
  seq BIGINT NOT NULL,
  change TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  effective TEXT NOT NULL,
  entry_idx BIGINT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (code, seq)
);
