-- A deadline counted through a year without an official holiday notice is
-- provisional (1) until that year's notice is loaded and the deadline recomputed.
ALTER TABLE cases ADD COLUMN deadline_provisional BIGINT NOT NULL DEFAULT 0
