-- Indexes for lookups that scanned whole tables. The worst: reading a bundle's cases
-- (after every submission) scanned `cases`, so each submission got slower as the
-- service grew (measured: SQLite spent 42% of its time stepping through that scan
-- at 17,000 cases).

CREATE INDEX cases_by_bundle ON cases (bundle_id);

CREATE INDEX materials_by_hash ON materials (hash);

CREATE INDEX milestones_by_project ON milestones (project_id, seq);

CREATE INDEX projects_by_leader ON projects (leader_id, created_at);

CREATE INDEX vouchers_by_region ON vouchers (region, issued_at)
