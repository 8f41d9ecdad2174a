-- Caseline schema 0008: what the remaining statutory clocks and local standards read.
-- Placement details beside each 903 episode (placement plan, CPR 2010 reg 9;
-- notification, reg 13; placements under reg 19 or reg 24, which change visit
-- frequency under reg 28), the eligible child's needs assessment (regs 40, 42), child
-- in need plan reviews and case supervision (local standards). The new column is
-- nullable, so records stored before it stay valid.

CREATE TABLE placement_details (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    care_episode_id TEXT NOT NULL,
    placement_plan_date DATE,
    notification_date DATE,
    temporary_approval_reg24 BOOLEAN NOT NULL DEFAULT false,
    placed_before_assessment_reg19 BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (id),
    UNIQUE (care_episode_id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (care_episode_id) REFERENCES care_episodes (id)
);
CREATE INDEX placement_details_child ON placement_details (child_id);

ALTER TABLE care_leavers ADD COLUMN needs_assessment_date DATE;

CREATE TABLE cin_plan_reviews (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    cin_plan_id TEXT NOT NULL,
    date DATE NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (cin_plan_id) REFERENCES cin_plans (id)
);
CREATE INDEX cin_plan_reviews_child ON cin_plan_reviews (child_id);
CREATE INDEX cin_plan_reviews_cin_plan_id ON cin_plan_reviews (cin_plan_id);

CREATE TABLE case_supervisions (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date DATE NOT NULL,
    supervisor_id TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (supervisor_id) REFERENCES workers (id)
);
CREATE INDEX case_supervisions_child ON case_supervisions (child_id);
CREATE INDEX case_supervisions_supervisor_id ON case_supervisions (supervisor_id);
