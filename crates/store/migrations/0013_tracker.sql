-- The measure tracker kept by people (issue 16; crates/tracker). Officers of a
-- measure's responsible organisations record its status, a progress note, evidence
-- links and a revised completion date; every record is kept (the history), the
-- latest is the measure's state. `seq` numbers a measure's records from 1.
CREATE TABLE tracker_updates (
  measure TEXT NOT NULL,
  seq BIGINT NOT NULL,
  status TEXT NOT NULL,
  note TEXT NOT NULL,
  evidence TEXT NOT NULL,
  revised_completion TEXT,
  actor TEXT NOT NULL,
  agency TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (measure, seq)
);

-- What onestop itself ships is recorded from the start: the one-window service for
-- foreign professionals (000 §15(1); services.toml `foreign-talent`, docs/services.md).
INSERT INTO tracker_updates (measure, seq, status, note, evidence, revised_completion, actor, agency, at)
VALUES ('talent.one-window', 1, 'completed',
  'One submission opens the work permit, work residence permit and permanent residence cases at their agencies in parallel (onestop one-window service).',
  '["/measures/talent.one-window", "docs/services.md"]', NULL, 'onestop', 'sci-tech', '2026-12-01T00:00:00Z')
