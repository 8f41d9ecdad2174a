-- Caseline schema 0009: what lets a cached work picture know when it is stale. Every
-- write that can change a clock or finding bumps `journey_version.version` in its own
-- transaction; a write to children's records also stamps each child in `child_changes`
-- with that version (so only they are reloaded); a write that touches everyone (the
-- workforce, the bank holiday calendar) also moves `everything_version`.

CREATE TABLE journey_version (
    id INTEGER NOT NULL,
    version BIGINT NOT NULL,
    everything_version BIGINT NOT NULL,
    PRIMARY KEY (id),
    CHECK (id = 1)
);
INSERT INTO journey_version (id, version, everything_version) VALUES (1, 0, 0);

CREATE TABLE child_changes (
    child_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (child_id)
);
CREATE INDEX child_changes_version ON child_changes (version);
