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
    agency BOOLEAN NOT NULL,
    fte_hundredths BIGINT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
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
    date_of_birth DATE,
    expected_date_of_birth DATE,
    date_of_death DATE,
    upn TEXT,
    upn_unknown_reason TEXT,
    nhs_number TEXT,
    uasc BOOLEAN NOT NULL,
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
    parental_responsibility BOOLEAN NOT NULL,
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
    start_date DATE NOT NULL,
    end_date DATE,
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
    received_at TIMESTAMPTZ NOT NULL,
    source TEXT NOT NULL,
    outcome TEXT,
    decided_at TIMESTAMPTZ,
    rag TEXT,
    summary TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX contacts_child ON contacts (child_id);

CREATE TABLE early_help_episodes (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
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
    referral_date DATE NOT NULL,
    source TEXT NOT NULL,
    primary_need TEXT NOT NULL,
    no_further_action BOOLEAN NOT NULL,
    closure_date DATE,
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
    start_date DATE NOT NULL,
    child_seen_date DATE,
    authorised_date DATE,
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
    date DATE NOT NULL,
    section_47_agreed BOOLEAN NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (referral_id) REFERENCES referrals (id)
);
CREATE INDEX strategy_discussions_child ON strategy_discussions (child_id);
CREATE INDEX strategy_discussions_referral_id ON strategy_discussions (referral_id);

CREATE TABLE strategy_discussion_agencies (
    strategy_discussion_id TEXT NOT NULL,
    agency TEXT NOT NULL,
    invited BOOLEAN NOT NULL,
    attended BOOLEAN NOT NULL,
    contributed BOOLEAN NOT NULL,
    PRIMARY KEY (strategy_discussion_id, agency),
    FOREIGN KEY (strategy_discussion_id) REFERENCES strategy_discussions (id)
);

CREATE TABLE section_47_enquiries (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    referral_id TEXT NOT NULL,
    strategy_discussion_id TEXT,
    start_date DATE NOT NULL,
    end_date DATE,
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
    date DATE NOT NULL,
    child_protection_plan BOOLEAN NOT NULL,
    transfer_in BOOLEAN NOT NULL,
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
    start_date DATE NOT NULL,
    end_date DATE,
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
    date DATE NOT NULL,
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
    start_date DATE NOT NULL,
    end_date DATE,
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
    due_date DATE NOT NULL,
    status TEXT NOT NULL,
    completed_date DATE,
    agreed_date DATE NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX plan_actions_child ON plan_actions (child_id);

CREATE TABLE visits (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    date DATE NOT NULL,
    seen BOOLEAN NOT NULL,
    seen_alone BOOLEAN NOT NULL,
    bedroom_seen BOOLEAN NOT NULL,
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
    start_date DATE NOT NULL,
    end_date DATE,
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
    start_date DATE NOT NULL,
    reason_new_episode TEXT NOT NULL,
    legal_status TEXT NOT NULL,
    category_of_need TEXT NOT NULL,
    placement_type TEXT NOT NULL,
    provider TEXT,
    placement_postcode TEXT,
    home_postcode TEXT,
    ofsted_urn TEXT,
    in_area BOOLEAN NOT NULL,
    end_date DATE,
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
    date DATE NOT NULL,
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
    start_date DATE NOT NULL,
    end_date DATE,
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
    date DATE NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX health_checks_child ON health_checks (child_id);

CREATE TABLE sdq_scores (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date DATE NOT NULL,
    score BIGINT,
    reason_not_done TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX sdq_scores_child ON sdq_scores (child_id);

CREATE TABLE personal_education_plans (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date DATE NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX personal_education_plans_child ON personal_education_plans (child_id);

CREATE TABLE missing_episodes (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    returned_at TIMESTAMPTZ,
    rhi_offered BOOLEAN,
    rhi_accepted BOOLEAN,
    rhi_at TIMESTAMPTZ,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX missing_episodes_child ON missing_episodes (child_id);

CREATE TABLE permanence (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    period_id TEXT NOT NULL,
    adm_decision_date DATE,
    placement_order_date DATE,
    matched_date DATE,
    placed_date DATE,
    order_kind TEXT,
    order_date DATE,
    decision_reversed_date DATE,
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
    eligible_from DATE NOT NULL,
    personal_adviser_id TEXT,
    end_date DATE,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (personal_adviser_id) REFERENCES workers (id)
);
CREATE INDEX care_leavers_child ON care_leavers (child_id);
CREATE INDEX care_leavers_personal_adviser_id ON care_leavers (personal_adviser_id);

CREATE TABLE care_leaver_contacts (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date DATE NOT NULL,
    in_touch TEXT NOT NULL,
    activity TEXT,
    accommodation TEXT,
    accommodation_suitable BOOLEAN,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX care_leaver_contacts_child ON care_leaver_contacts (child_id);

CREATE TABLE pathway_plan_reviews (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date DATE NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX pathway_plan_reviews_child ON pathway_plan_reviews (child_id);

CREATE TABLE private_fostering_arrangements (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    notified_date DATE NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    carer_name TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX private_fostering_arrangements_child ON private_fostering_arrangements (child_id);

CREATE TABLE lado_allegations (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    allegation_date DATE NOT NULL,
    referred_date DATE NOT NULL,
    subject_role TEXT NOT NULL,
    employer_sector TEXT NOT NULL,
    outcome TEXT,
    closed_date DATE,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX lado_allegations_child ON lado_allegations (child_id);

CREATE TABLE pre_proceedings (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    decision_date DATE NOT NULL,
    letter_date DATE,
    meeting_date DATE,
    end_date DATE,
    outcome TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX pre_proceedings_child ON pre_proceedings (child_id);

CREATE TABLE education_concerns (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX education_concerns_child ON education_concerns (child_id);

CREATE INDEX people_surname ON people (surname);
CREATE INDEX people_kind ON people (kind);

-- Who read or wrote which child's record, when and why. Appended to, never updated.
CREATE TABLE audit_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    child_id TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_events_child ON audit_events (child_id);
CREATE INDEX audit_events_actor ON audit_events (actor);
