-- The statutory clock stops while the applicant is asked for more material: the day
-- it stopped, and the working days it has stood still in all, which the deadline
-- does not count. `decided_on` is the business date of the decision (`decided_at` is
-- the wall-clock instant), which on-time performance compares with the deadline.
ALTER TABLE cases ADD COLUMN clock_stopped_on TEXT;
ALTER TABLE cases ADD COLUMN suspended_days BIGINT NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN decided_on TEXT
