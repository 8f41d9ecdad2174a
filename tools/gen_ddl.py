#!/usr/bin/env python3
"""Writes the first migration for both engines from one table list, so the two DDL
folders start identical in shape. Later migrations are written by hand per engine;
a store test checks the folders still agree."""
import sys

# column spec: name type [null] [fk table]
# types: T text, D date, TS timestamp, B bool, I integer
TABLES = [
    ("teams", "id T; name T; service_area T; parent_id T null fk teams"),
    ("workers", "id T; forename T; surname T; role T; team_id T fk teams; registration T null; agency B; fte_hundredths I; start_date D; end_date D null"),
    ("people", "id T; kind T; forename T; surname T; sex T; ethnicity T; date_of_birth D null; expected_date_of_birth D null; date_of_death D null; upn T null; upn_unknown_reason T null; nhs_number T null; uasc B; postcode T null"),
    ("person_disabilities", "person_id T fk people; disability T", ("person_id", "disability")),
    ("family_links", "id T; child_id T fk people; relative_id T fk people; relationship T; parental_responsibility B"),
    ("allocations", "id T; child_id T fk people; worker_id T null fk workers; team_id T fk teams; role T; start_date D; end_date D null; change_reason T null"),
    ("contacts", "id T; child_id T fk people; received_at TS; source T; outcome T null; decided_at TS null; rag T null; summary T"),
    ("early_help_episodes", "id T; child_id T fk people; start_date D; end_date D null; reason T; end_reason T null; organisation T; worker_id T null fk workers; team_id T null fk teams"),
    ("referrals", "id T; child_id T fk people; contact_id T null fk contacts; referral_date D; source T; primary_need T; no_further_action B; closure_date D null; closure_reason T null; team_id T null fk teams; worker_id T null fk workers"),
    ("assessments", "id T; child_id T fk people; referral_id T fk referrals; start_date D; child_seen_date D null; authorised_date D null; outcome T null; team_id T null fk teams; worker_id T null fk workers"),
    ("assessment_factors", "assessment_id T fk assessments; factor T", ("assessment_id", "factor")),
    ("strategy_discussions", "id T; child_id T fk people; referral_id T fk referrals; date D; section_47_agreed B"),
    ("strategy_discussion_agencies", "strategy_discussion_id T fk strategy_discussions; agency T; invited B; attended B; contributed B", ("strategy_discussion_id", "agency")),
    ("section_47_enquiries", "id T; child_id T fk people; referral_id T fk referrals; strategy_discussion_id T null fk strategy_discussions; start_date D; end_date D null; outcome T null; worker_id T null fk workers"),
    # cp_plan_id has no FK: conferences and plans refer to each other; the domain checks it.
    ("cp_conferences", "id T; child_id T fk people; referral_id T fk referrals; kind T; section_47_id T null fk section_47_enquiries; cp_plan_id T null; date D; child_protection_plan B; transfer_in B; participation T null"),
    ("cp_plans", "id T; child_id T fk people; referral_id T fk referrals; initial_conference_id T null fk cp_conferences; start_date D; end_date D null; initial_category T; latest_category T"),
    ("core_group_meetings", "id T; child_id T fk people; cp_plan_id T fk cp_plans; date D"),
    ("cin_plans", "id T; child_id T fk people; referral_id T fk referrals; start_date D; end_date D null"),
    # plan_id points at one of several plan tables (by plan_kind); the domain checks it.
    ("plan_actions", "id T; child_id T fk people; plan_kind T; plan_id T; who T; what T; due_date D; status T; completed_date D null; agreed_date D"),
    ("visits", "id T; child_id T fk people; kind T; date D; seen B; seen_alone B; bedroom_seen B; childs_words T null; worker_id T null fk workers"),
    ("periods_of_care", "id T; child_id T fk people; referral_id T null fk referrals; start_date D; end_date D null"),
    ("care_episodes", "id T; child_id T fk people; period_id T fk periods_of_care; start_date D; reason_new_episode T; legal_status T; category_of_need T; placement_type T; provider T null; placement_postcode T null; home_postcode T null; ofsted_urn T null; in_area B; end_date D null; reason_ceased T null; reason_place_change T null"),
    ("looked_after_reviews", "id T; child_id T fk people; period_id T fk periods_of_care; date D; participation T"),
    ("care_plans", "id T; child_id T fk people; period_id T fk periods_of_care; start_date D; end_date D null; intention T"),
    ("health_checks", "id T; child_id T fk people; kind T; date D; status T"),
    ("sdq_scores", "id T; child_id T fk people; date D; score I null; reason_not_done T null"),
    ("personal_education_plans", "id T; child_id T fk people; date D"),
    ("missing_episodes", "id T; child_id T fk people; kind T; started_at TS; returned_at TS null; rhi_offered B null; rhi_accepted B null; rhi_at TS null"),
    ("permanence", "id T; child_id T fk people; period_id T fk periods_of_care; adm_decision_date D null; placement_order_date D null; matched_date D null; placed_date D null; order_kind T null; order_date D null; decision_reversed_date D null; decision_reversed_reason T null"),
    ("care_leavers", "id T; child_id T fk people; eligibility T; eligible_from D; personal_adviser_id T null fk workers; end_date D null"),
    ("care_leaver_contacts", "id T; child_id T fk people; date D; in_touch T; activity T null; accommodation T null; accommodation_suitable B null"),
    ("pathway_plan_reviews", "id T; child_id T fk people; date D"),
    ("private_fostering_arrangements", "id T; child_id T fk people; notified_date D; start_date D; end_date D null; carer_name T"),
    ("lado_allegations", "id T; child_id T fk people; allegation_date D; referred_date D; subject_role T; employer_sector T; outcome T null; closed_date D null"),
    ("pre_proceedings", "id T; child_id T fk people; decision_date D; letter_date D null; meeting_date D null; end_date D null; outcome T null"),
    ("education_concerns", "id T; child_id T fk people; kind T; start_date D; end_date D null"),
]

TYPES = {
    "sqlite": {"T": "TEXT", "D": "TEXT", "TS": "TEXT", "B": "INTEGER", "I": "INTEGER"},
    "postgres": {"T": "TEXT", "D": "DATE", "TS": "TIMESTAMPTZ", "B": "BOOLEAN", "I": "BIGINT"},
}

def ddl(engine):
    out = ["-- Caseline schema 0001: the child's journey. Generated once by tools/gen_ddl.py;",
           "-- edit by adding a new migration, never by changing this file.", ""]
    for entry in TABLES:
        name, spec = entry[0], entry[1]
        pk = entry[2] if len(entry) > 2 else ("id",)
        cols, fks = [], []
        for c in spec.split(";"):
            parts = c.split()
            col, ty = parts[0], parts[1]
            null = "null" in parts[2:]
            line = f"    {col} {TYPES[engine][ty]}" + ("" if null else " NOT NULL")
            if ty == "D" and engine == "sqlite":
                # Dates are ISO text on SQLite; keep them well-formed.
                line += f" CHECK ({col} IS NULL OR length({col}) = 10)" if null else f" CHECK (length({col}) = 10)"
            cols.append(line)
            if "fk" in parts:
                fks.append((col, parts[parts.index("fk") + 1]))
        cols.append(f"    PRIMARY KEY ({', '.join(pk)})")
        for col, tab in fks:
            cols.append(f"    FOREIGN KEY ({col}) REFERENCES {tab} (id)")
        out.append(f"CREATE TABLE {name} (\n" + ",\n".join(cols) + "\n);")
        if "child_id" in spec:
            out.append(f"CREATE INDEX {name}_child ON {name} (child_id);")
        for col, tab in fks:
            if col not in ("child_id",) and col not in pk:
                out.append(f"CREATE INDEX {name}_{col} ON {name} ({col});")
        out.append("")
    out.append("CREATE INDEX people_surname ON people (surname);")
    out.append("CREATE INDEX people_kind ON people (kind);")
    audit_id = "INTEGER PRIMARY KEY AUTOINCREMENT" if engine == "sqlite" else "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY"
    ts = TYPES[engine]["TS"]
    out.append(f"""
-- Who read or wrote which child's record, when and why. Appended to, never updated.
CREATE TABLE audit_events (
    id {audit_id},
    at {ts} NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    child_id TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_events_child ON audit_events (child_id);
CREATE INDEX audit_events_actor ON audit_events (actor);
""")
    return "\n".join(out)

for engine in ("sqlite", "postgres"):
    with open(f"crates/store/migrations/{engine}/0001_journey.sql", "w") as f:
        f.write(ddl(engine))
