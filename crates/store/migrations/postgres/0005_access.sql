-- Caseline schema 0005: who may see which child. Users and their sessions, records
-- restricted to named people, auditors' samples, and break-glass grants (each raised
-- to the child's team manager).

CREATE TABLE users (
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    role TEXT NOT NULL,
    worker_id TEXT,
    team_id TEXT,
    password_hash TEXT NOT NULL,
    failed_attempts BIGINT NOT NULL,
    locked_until TIMESTAMPTZ,
    disabled BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (username),
    FOREIGN KEY (worker_id) REFERENCES workers (id),
    FOREIGN KEY (team_id) REFERENCES teams (id)
);

-- The cookie holds a random token; only its SHA-256 is stored, so a copy of the
-- database cannot be used to sign in.
CREATE TABLE sessions (
    token_hash TEXT NOT NULL,
    username TEXT NOT NULL,
    csrf_token TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    last_seen_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    revoked BOOLEAN NOT NULL,
    address TEXT,
    PRIMARY KEY (token_hash),
    FOREIGN KEY (username) REFERENCES users (username)
);
CREATE INDEX sessions_username ON sessions (username);

CREATE TABLE restricted_records (
    child_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    restricted_by TEXT NOT NULL,
    restricted_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (child_id),
    FOREIGN KEY (child_id) REFERENCES people (id)
);

CREATE TABLE restricted_record_people (
    child_id TEXT NOT NULL,
    username TEXT NOT NULL,
    PRIMARY KEY (child_id, username),
    FOREIGN KEY (child_id) REFERENCES restricted_records (child_id),
    FOREIGN KEY (username) REFERENCES users (username)
);

CREATE TABLE audit_samples (
    username TEXT NOT NULL,
    child_id TEXT NOT NULL,
    PRIMARY KEY (username, child_id),
    FOREIGN KEY (username) REFERENCES users (username),
    FOREIGN KEY (child_id) REFERENCES people (id)
);

CREATE TABLE break_glass_grants (
    id TEXT NOT NULL,
    username TEXT NOT NULL,
    child_id TEXT NOT NULL,
    reason TEXT NOT NULL,
    granted_at TIMESTAMPTZ NOT NULL,
    expires_at TIMESTAMPTZ NOT NULL,
    team_id TEXT,
    acknowledged_by TEXT,
    acknowledged_at TIMESTAMPTZ,
    PRIMARY KEY (id),
    FOREIGN KEY (username) REFERENCES users (username),
    FOREIGN KEY (child_id) REFERENCES people (id),
    FOREIGN KEY (team_id) REFERENCES teams (id)
);
CREATE INDEX break_glass_grants_child ON break_glass_grants (child_id);
CREATE INDEX break_glass_grants_team ON break_glass_grants (team_id);
