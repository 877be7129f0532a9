-- Research projects with every party they need (issue 15): the undertaking unit the
-- leader names (an organisation's applicant account) and the competent department
-- (`agency`, the Science and Technology Commission), the filing's review, the
-- officer's acceptance of each milestone, the process inspection scheduled or waived
-- by the rule (`inspection_exempt` is the rule's answer at filing), the final
-- acceptance, and every budget adjustment as a request decided by the approver the
-- rule names, applied to the project's facts only when approved. Who acted
-- (`reviewed_by`, `inspection_by`, `accepted_by`, `accepted_by` of a milestone,
-- `requested_by` and `decided_by` of an adjustment) is the account's username.
ALTER TABLE projects ADD COLUMN unit_id TEXT REFERENCES accounts(id);
ALTER TABLE projects ADD COLUMN agency TEXT NOT NULL DEFAULT 'sci-tech';
ALTER TABLE projects ADD COLUMN status TEXT NOT NULL DEFAULT 'filed';
ALTER TABLE projects ADD COLUMN review_note TEXT;
ALTER TABLE projects ADD COLUMN reviewed_by TEXT;
ALTER TABLE projects ADD COLUMN reviewed_at TEXT;
ALTER TABLE projects ADD COLUMN inspection_exempt BIGINT NOT NULL DEFAULT 0;
ALTER TABLE projects ADD COLUMN inspection TEXT NOT NULL DEFAULT 'undecided';
ALTER TABLE projects ADD COLUMN inspection_on TEXT;
ALTER TABLE projects ADD COLUMN inspection_note TEXT;
ALTER TABLE projects ADD COLUMN inspection_by TEXT;
ALTER TABLE projects ADD COLUMN accepted_at TEXT;
ALTER TABLE projects ADD COLUMN accepted_by TEXT;
ALTER TABLE projects ADD COLUMN acceptance_note TEXT;
ALTER TABLE projects ADD COLUMN version BIGINT NOT NULL DEFAULT 0;
-- Projects filed before: the rule's answer was stored as `inspection_scheduled`.
UPDATE projects SET inspection_exempt = 1 - inspection_scheduled;
ALTER TABLE milestones ADD COLUMN accepted_at TEXT;
ALTER TABLE milestones ADD COLUMN accepted_by TEXT;
ALTER TABLE milestones ADD COLUMN acceptance_note TEXT;
-- One row per budget adjustment asked for, in order (`seq` per project): the amounts
-- asked for (`changes`) and the ones they replace (`previous`), who asked, which
-- approver the rule names (`approver_undertaking_unit` or
-- `approver_competent_department`) and why it is outside the delegated authority,
-- whether an approval must be filed with the competent department at acceptance,
-- the decision (pending, approved, refused) with who made it, and when it was filed.
CREATE TABLE project_budget_changes (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id),
  seq BIGINT NOT NULL,
  changes TEXT NOT NULL,
  previous TEXT NOT NULL,
  reason TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  requested_at TEXT NOT NULL,
  approver TEXT NOT NULL,
  outside_reason TEXT,
  filing_required BIGINT NOT NULL,
  status TEXT NOT NULL,
  decided_by TEXT,
  decided_at TEXT,
  decision_note TEXT,
  filed_at TEXT
);
CREATE UNIQUE INDEX project_budget_changes_by_project ON project_budget_changes (project_id, seq);
-- At most one adjustment waits for a decision per project: each is checked against
-- the budget in force, which only an approval changes.
CREATE UNIQUE INDEX project_budget_changes_one_pending ON project_budget_changes (project_id) WHERE status = 'pending';
CREATE INDEX projects_by_unit ON projects (unit_id, created_at);
CREATE INDEX projects_by_agency ON projects (agency, created_at)
