-- The procedures of the seeds (issue 14). Which of the service's materials a file is
-- (`slot`, NULL for a file given without one); who decided a case (for licences
-- issued together once every case of a submission is decided); and the ex-post
-- supervision of approvals upon filing and on commitment: 'pending' until an officer
-- passes or revokes it, due by `supervision_due`, risky filings first.
ALTER TABLE bundle_materials ADD COLUMN slot TEXT;
ALTER TABLE cases ADD COLUMN decided_by TEXT;
ALTER TABLE cases ADD COLUMN supervision TEXT;
ALTER TABLE cases ADD COLUMN supervision_due TEXT;
ALTER TABLE cases ADD COLUMN supervision_risk BIGINT NOT NULL DEFAULT 0
