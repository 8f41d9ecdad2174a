-- Caseline schema 0002: what SSDA903 and the DfE API need beyond the journey itself,
-- so the returns can be produced without loss: UASC periods (903 UASC, API
-- uasc_end_date), adopters (903 AD1), previous permanence (903 PrevPerm), and the
-- OC2 outcomes (immunisations, substance misuse, convictions).

CREATE TABLE immigration_statuses (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    status TEXT NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX immigration_statuses_child ON immigration_statuses (child_id);

CREATE TABLE adoption_details (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    permanence_id TEXT NOT NULL,
    adopted_by_foster_carer BOOLEAN NOT NULL,
    number_of_adopters BIGINT NOT NULL,
    adopter_sex TEXT NOT NULL,
    adopter_legal_status TEXT NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (permanence_id) REFERENCES permanence (id)
);
CREATE INDEX adoption_details_child ON adoption_details (child_id);

CREATE TABLE previous_permanence_orders (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    order_date DATE,
    local_authority TEXT,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX previous_permanence_orders_child ON previous_permanence_orders (child_id);

CREATE TABLE immunisation_checks (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date DATE NOT NULL,
    up_to_date BOOLEAN NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX immunisation_checks_child ON immunisation_checks (child_id);

CREATE TABLE substance_misuse (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date DATE NOT NULL,
    intervention_offered BOOLEAN NOT NULL,
    intervention_received BOOLEAN NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX substance_misuse_child ON substance_misuse (child_id);

CREATE TABLE convictions (
    id TEXT NOT NULL,
    child_id TEXT NOT NULL,
    date DATE NOT NULL,
    PRIMARY KEY (id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);
CREATE INDEX convictions_child ON convictions (child_id);
