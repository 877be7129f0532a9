-- IP pledges with every party (issue 15; 003 §20; 004; docs/pledges.md). The pledgor
-- (the right holder) and the pledgee (the lender, an account of its own now) apply
-- jointly: one starts the application (`applied_by`), the other countersigns, and the
-- registration authority's officer (`agency`) registers or refuses it. Only the
-- pledgee, or the officer on a court order (`court_order`), releases it. Each step is
-- a log entry whose index is kept (`*_entry`), and who took it (`*_by`, a username);
-- each `*_on` is the business date of a step (`registered_on` and `released_on` are
-- what the public register shows).
-- The table is rebuilt because a pledge now exists before it is registered, and the
-- old `register_entry` and `registered_at` were NOT NULL. Pledges registered before
-- keep their rows: the pledgor alone applied (`applied_by` = pledgor, applied when
-- registered), no lender account (`pledgee_id` NULL, the name they gave kept in
-- `pledgee_name`), registered by no officer.
CREATE TABLE pledges_v11 (
  id TEXT PRIMARY KEY,
  right_kind TEXT NOT NULL,
  right_number TEXT NOT NULL,
  pledgor_id TEXT NOT NULL REFERENCES accounts(id),
  pledgee_id TEXT REFERENCES accounts(id),
  pledgee_name TEXT NOT NULL,
  secured_fen BIGINT,
  agency TEXT NOT NULL,
  state TEXT NOT NULL,
  applied_by TEXT NOT NULL,
  active_key TEXT UNIQUE,
  applied_at TEXT NOT NULL,
  applied_on TEXT NOT NULL,
  apply_entry BIGINT,
  countersigned_at TEXT,
  countersigned_on TEXT,
  countersigned_by TEXT,
  countersign_entry BIGINT,
  registered_at TEXT,
  registered_on TEXT,
  registered_by TEXT,
  register_entry BIGINT,
  refused_at TEXT,
  refused_on TEXT,
  refused_by TEXT,
  refusal_reason TEXT,
  refusal_entry BIGINT,
  released_at TEXT,
  released_on TEXT,
  released_by TEXT,
  release_reason TEXT,
  court_order TEXT,
  release_entry BIGINT
);

INSERT INTO pledges_v11 (id, right_kind, right_number, pledgor_id, pledgee_id, pledgee_name, secured_fen, agency, state, applied_by, active_key, applied_at, applied_on, registered_at, registered_on, register_entry, released_at, released_on, release_entry)
SELECT id, right_kind, right_number, pledgor_id, NULL, lender, secured_fen, 'ip-office', state, 'pledgor', active_key, registered_at, substr(registered_at, 1, 10), registered_at, substr(registered_at, 1, 10), register_entry, released_at, substr(released_at, 1, 10), release_entry FROM pledges;

DROP TABLE pledges;

ALTER TABLE pledges_v11 RENAME TO pledges;

CREATE INDEX pledges_by_right ON pledges (right_kind, right_number, applied_at);
CREATE INDEX pledges_by_pledgor ON pledges (pledgor_id, applied_at);
CREATE INDEX pledges_by_pledgee ON pledges (pledgee_id, applied_at);
CREATE INDEX pledges_by_agency ON pledges (agency, state, applied_at)
