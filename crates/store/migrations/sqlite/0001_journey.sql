-- Caseline schema 0001: the child's journey. Generated once by tools/gen_ddl.py;
-- edit by adding a new migration, never by changing this file.

CREATE TABLE teams (
    id TEXT NOT NULL,
    name TEXT NOT NULL,
    service_area TEXT NOT NULL,
    parent_id TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (parent_id) REFERENCES teams (id)
);
CREATE INDEX teams_parent_id ON teams (parent_id);

CREATE TABLE workers (
    id TEXT NOT NULL,
    forename TEXT NOT NULL,
    surname TEXT NOT NULL,
    role TEXT NOT NULL,
    team_id TEXT NOT NULL,
    registration TEXT,
    agency INTEGER NOT NULL,
    fte_hundredths INTEGER NOT NULL,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    PRIMARY KEY (id),
    FOREIGN KEY (team_id) REFERENCES teams (id)
);
CREATE INDEX workers_team_id ON workers (team_id);

CREATE TABLE people (
    id TEXT NOT NULL,
    kind TEXT NOT NULL,
    forename TEXT NOT NULL,
    surname TEXT NOT NULL,
    sex TEXT NOT NULL,
    ethnicity TEXT NOT NULL,
    date_of_birth TEXT CHECK (date_of_birth IS NULL OR length(date_of_birth) = 10),
    expected_date_of_birth TEXT CHECK (expected_date_of_birth IS NULL OR length(expected_date_of_birth) = 10),
    date_of_death TEXT CHECK (date_of_death IS NULL OR length(date_of_death) = 10),
    upn TEXT,
    upn_unknown_reason TEXT,
    nhs_number TEXT,
    uasc INTEGER NOT NULL,
    postcode TEXT,
    PRIMARY KEY (id)
);

CREATE TABLE person_disabilities (
    person_id TEXT NOT NULL,
    disability TEXT NOT NULL,
    PRIMARY KEY (person_id, disability),
    FOREIGN KEY (person_id) REFERENCES people (id)
);

CREATE TABLE family_links (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    relative_id TEXT NOT NULL,
    relationship TEXT NOT NULL,
    parental_responsibility INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (relative_id) REFERENCES people (id)
);
CREATE INDEX family_links_child ON family_links (child_id);
CREATE INDEX family_links_relative_id ON family_links (relative_id);

CREATE TABLE allocations (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    worker_id TEXT,
    team_id TEXT NOT NULL,
    role TEXT NOT NULL,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    change_reason TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (worker_id) REFERENCES workers (id),
    FOREIGN KEY (team_id) REFERENCES teams (id)
);
CREATE INDEX allocations_child ON allocations (child_id);
CREATE INDEX allocations_worker_id ON allocations (worker_id);
CREATE INDEX allocations_team_id ON allocations (team_id);

CREATE TABLE contacts (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    source TEXT NOT NULL,
    outcome TEXT,
    decided_at TEXT,
    rag TEXT,
    summary TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX contacts_child ON contacts (child_id);

CREATE TABLE early_help_episodes (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    reason TEXT NOT NULL,
    end_reason TEXT,
    organisation TEXT NOT NULL,
    worker_id TEXT,
    team_id TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (worker_id) REFERENCES workers (id),
    FOREIGN KEY (team_id) REFERENCES teams (id)
);
CREATE INDEX early_help_episodes_child ON early_help_episodes (child_id);
CREATE INDEX early_help_episodes_worker_id ON early_help_episodes (worker_id);
CREATE INDEX early_help_episodes_team_id ON early_help_episodes (team_id);

CREATE TABLE referrals (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    contact_id TEXT,
    referral_date TEXT NOT NULL CHECK (length(referral_date) = 10),
    source TEXT NOT NULL,
    primary_need TEXT NOT NULL,
    no_further_action INTEGER NOT NULL,
    closure_date TEXT CHECK (closure_date IS NULL OR length(closure_date) = 10),
    closure_reason TEXT,
    team_id TEXT,
    worker_id TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (contact_id) REFERENCES contacts (id),
    FOREIGN KEY (team_id) REFERENCES teams (id),
    FOREIGN KEY (worker_id) REFERENCES workers (id)
);
CREATE INDEX referrals_child ON referrals (child_id);
CREATE INDEX referrals_contact_id ON referrals (contact_id);
CREATE INDEX referrals_team_id ON referrals (team_id);
CREATE INDEX referrals_worker_id ON referrals (worker_id);

CREATE TABLE assessments (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    child_seen_date TEXT CHECK (child_seen_date IS NULL OR length(child_seen_date) = 10),
    authorised_date TEXT CHECK (authorised_date IS NULL OR length(authorised_date) = 10),
    outcome TEXT,
    team_id TEXT,
    worker_id TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (referral_id) REFERENCES referrals (id),
    FOREIGN KEY (team_id) REFERENCES teams (id),
    FOREIGN KEY (worker_id) REFERENCES workers (id)
);
CREATE INDEX assessments_child ON assessments (child_id);
CREATE INDEX assessments_referral_id ON assessments (referral_id);
CREATE INDEX assessments_team_id ON assessments (team_id);
CREATE INDEX assessments_worker_id ON assessments (worker_id);

CREATE TABLE assessment_factors (
    assessment_id TEXT NOT NULL,
    factor TEXT NOT NULL,
    PRIMARY KEY (assessment_id, factor),
    FOREIGN KEY (assessment_id) REFERENCES assessments (id)
);

CREATE TABLE strategy_discussions (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    date TEXT NOT NULL CHECK (length(date) = 10),
    section_47_agreed INTEGER NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (referral_id) REFERENCES referrals (id)
);
CREATE INDEX strategy_discussions_child ON strategy_discussions (child_id);
CREATE INDEX strategy_discussions_referral_id ON strategy_discussions (referral_id);

CREATE TABLE strategy_discussion_agencies (
    strategy_discussion_id TEXT NOT NULL,
    agency TEXT NOT NULL,
    invited INTEGER NOT NULL,
    attended INTEGER NOT NULL,
    contributed INTEGER NOT NULL,
    PRIMARY KEY (strategy_discussion_id, agency),
    FOREIGN KEY (strategy_discussion_id) REFERENCES strategy_discussions (id)
);

CREATE TABLE section_47_enquiries (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    strategy_discussion_id TEXT,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    outcome TEXT,
    worker_id TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (referral_id) REFERENCES referrals (id),
    FOREIGN KEY (strategy_discussion_id) REFERENCES strategy_discussions (id),
    FOREIGN KEY (worker_id) REFERENCES workers (id)
);
CREATE INDEX section_47_enquiries_child ON section_47_enquiries (child_id);
CREATE INDEX section_47_enquiries_referral_id ON section_47_enquiries (referral_id);
CREATE INDEX section_47_enquiries_strategy_discussion_id ON section_47_enquiries (strategy_discussion_id);
CREATE INDEX section_47_enquiries_worker_id ON section_47_enquiries (worker_id);

CREATE TABLE cp_conferences (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    section_47_id TEXT,
    cp_plan_id TEXT,
    date TEXT NOT NULL CHECK (length(date) = 10),
    child_protection_plan INTEGER NOT NULL,
    transfer_in INTEGER NOT NULL,
    participation TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (referral_id) REFERENCES referrals (id),
    FOREIGN KEY (section_47_id) REFERENCES section_47_enquiries (id)
);
CREATE INDEX cp_conferences_child ON cp_conferences (child_id);
CREATE INDEX cp_conferences_referral_id ON cp_conferences (referral_id);
CREATE INDEX cp_conferences_section_47_id ON cp_conferences (section_47_id);

CREATE TABLE cp_plans (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    initial_conference_id TEXT,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    initial_category TEXT NOT NULL,
    latest_category TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (referral_id) REFERENCES referrals (id),
    FOREIGN KEY (initial_conference_id) REFERENCES cp_conferences (id)
);
CREATE INDEX cp_plans_child ON cp_plans (child_id);
CREATE INDEX cp_plans_referral_id ON cp_plans (referral_id);
CREATE INDEX cp_plans_initial_conference_id ON cp_plans (initial_conference_id);

CREATE TABLE core_group_meetings (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    cp_plan_id TEXT NOT NULL,
    date TEXT NOT NULL CHECK (length(date) = 10),
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (cp_plan_id) REFERENCES cp_plans (id)
);
CREATE INDEX core_group_meetings_child ON core_group_meetings (child_id);
CREATE INDEX core_group_meetings_cp_plan_id ON core_group_meetings (cp_plan_id);

CREATE TABLE cin_plans (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (referral_id) REFERENCES referrals (id)
);
CREATE INDEX cin_plans_child ON cin_plans (child_id);
CREATE INDEX cin_plans_referral_id ON cin_plans (referral_id);

CREATE TABLE plan_actions (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    plan_kind TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    who TEXT NOT NULL,
    what TEXT NOT NULL,
    due_date TEXT NOT NULL CHECK (length(due_date) = 10),
    status TEXT NOT NULL,
    completed_date TEXT CHECK (completed_date IS NULL OR length(completed_date) = 10),
    agreed_date TEXT NOT NULL CHECK (length(agreed_date) = 10),
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX plan_actions_child ON plan_actions (child_id);

CREATE TABLE visits (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT NOT NULL CHECK (length(date) = 10),
    seen INTEGER NOT NULL,
    seen_alone INTEGER NOT NULL,
    bedroom_seen INTEGER NOT NULL,
    childs_words TEXT,
    worker_id TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (worker_id) REFERENCES workers (id)
);
CREATE INDEX visits_child ON visits (child_id);
CREATE INDEX visits_worker_id ON visits (worker_id);

CREATE TABLE periods_of_care (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    referral_id TEXT,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (referral_id) REFERENCES referrals (id)
);
CREATE INDEX periods_of_care_child ON periods_of_care (child_id);
CREATE INDEX periods_of_care_referral_id ON periods_of_care (referral_id);

CREATE TABLE care_episodes (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    period_id TEXT NOT NULL,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    reason_new_episode TEXT NOT NULL,
    legal_status TEXT NOT NULL,
    category_of_need TEXT NOT NULL,
    placement_type TEXT NOT NULL,
    provider TEXT,
    placement_postcode TEXT,
    home_postcode TEXT,
    ofsted_urn TEXT,
    in_area INTEGER NOT NULL,
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    reason_ceased TEXT,
    reason_place_change TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (period_id) REFERENCES periods_of_care (id)
);
CREATE INDEX care_episodes_child ON care_episodes (child_id);
CREATE INDEX care_episodes_period_id ON care_episodes (period_id);

CREATE TABLE looked_after_reviews (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    period_id TEXT NOT NULL,
    date TEXT NOT NULL CHECK (length(date) = 10),
    participation TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (period_id) REFERENCES periods_of_care (id)
);
CREATE INDEX looked_after_reviews_child ON looked_after_reviews (child_id);
CREATE INDEX looked_after_reviews_period_id ON looked_after_reviews (period_id);

CREATE TABLE care_plans (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    period_id TEXT NOT NULL,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    intention TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (period_id) REFERENCES periods_of_care (id)
);
CREATE INDEX care_plans_child ON care_plans (child_id);
CREATE INDEX care_plans_period_id ON care_plans (period_id);

CREATE TABLE health_checks (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT NOT NULL CHECK (length(date) = 10),
    status TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX health_checks_child ON health_checks (child_id);

CREATE TABLE sdq_scores (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date TEXT NOT NULL CHECK (length(date) = 10),
    score INTEGER,
    reason_not_done TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX sdq_scores_child ON sdq_scores (child_id);

CREATE TABLE personal_education_plans (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date TEXT NOT NULL CHECK (length(date) = 10),
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX personal_education_plans_child ON personal_education_plans (child_id);

CREATE TABLE missing_episodes (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    started_at TEXT NOT NULL,
    returned_at TEXT,
    rhi_offered INTEGER,
    rhi_accepted INTEGER,
    rhi_at TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX missing_episodes_child ON missing_episodes (child_id);

CREATE TABLE permanence (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    period_id TEXT NOT NULL,
    adm_decision_date TEXT CHECK (adm_decision_date IS NULL OR length(adm_decision_date) = 10),
    placement_order_date TEXT CHECK (placement_order_date IS NULL OR length(placement_order_date) = 10),
    matched_date TEXT CHECK (matched_date IS NULL OR length(matched_date) = 10),
    placed_date TEXT CHECK (placed_date IS NULL OR length(placed_date) = 10),
    order_kind TEXT,
    order_date TEXT CHECK (order_date IS NULL OR length(order_date) = 10),
    decision_reversed_date TEXT CHECK (decision_reversed_date IS NULL OR length(decision_reversed_date) = 10),
    decision_reversed_reason TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (period_id) REFERENCES periods_of_care (id)
);
CREATE INDEX permanence_child ON permanence (child_id);
CREATE INDEX permanence_period_id ON permanence (period_id);

CREATE TABLE care_leavers (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    eligibility TEXT NOT NULL,
    eligible_from TEXT NOT NULL CHECK (length(eligible_from) = 10),
    personal_adviser_id TEXT,
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (personal_adviser_id) REFERENCES workers (id)
);
CREATE INDEX care_leavers_child ON care_leavers (child_id);
CREATE INDEX care_leavers_personal_adviser_id ON care_leavers (personal_adviser_id);

CREATE TABLE care_leaver_contacts (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date TEXT NOT NULL CHECK (length(date) = 10),
    in_touch TEXT NOT NULL,
    activity TEXT,
    accommodation TEXT,
    accommodation_suitable INTEGER,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX care_leaver_contacts_child ON care_leaver_contacts (child_id);

CREATE TABLE pathway_plan_reviews (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date TEXT NOT NULL CHECK (length(date) = 10),
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX pathway_plan_reviews_child ON pathway_plan_reviews (child_id);

CREATE TABLE private_fostering_arrangements (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    notified_date TEXT NOT NULL CHECK (length(notified_date) = 10),
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    carer_name TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX private_fostering_arrangements_child ON private_fostering_arrangements (child_id);

CREATE TABLE lado_allegations (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    allegation_date TEXT NOT NULL CHECK (length(allegation_date) = 10),
    referred_date TEXT NOT NULL CHECK (length(referred_date) = 10),
    subject_role TEXT NOT NULL,
    employer_sector TEXT NOT NULL,
    outcome TEXT,
    closed_date TEXT CHECK (closed_date IS NULL OR length(closed_date) = 10),
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX lado_allegations_child ON lado_allegations (child_id);

CREATE TABLE pre_proceedings (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    decision_date TEXT NOT NULL CHECK (length(decision_date) = 10),
    letter_date TEXT CHECK (letter_date IS NULL OR length(letter_date) = 10),
    meeting_date TEXT CHECK (meeting_date IS NULL OR length(meeting_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    outcome TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX pre_proceedings_child ON pre_proceedings (child_id);

CREATE TABLE education_concerns (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    start_date TEXT NOT NULL CHECK (length(start_date) = 10),
    end_date TEXT CHECK (end_date IS NULL OR length(end_date) = 10),
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX education_concerns_child ON education_concerns (child_id);

CREATE INDEX people_surname ON people (surname);
CREATE INDEX people_kind ON people (kind);

-- Who read or wrote which child's record, when and why. Appended to, never updated.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    child_id TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_events_child ON audit_events (child_id);
CREATE INDEX audit_events_actor ON audit_events (actor);
