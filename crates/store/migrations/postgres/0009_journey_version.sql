-- Caseline schema 0009: a counter bumped in the same transaction as every write that
-- can change a clock or finding (children's records, the workforce, the bank holiday
-- calendar), so a cached work picture knows when it is stale.

CREATE TABLE journey_version (
    id INTEGER NOT NULL,
    version BIGINT NOT NULL,
    PRIMARY KEY (id),
    CHECK (id = 1)
);
INSERT INTO journey_version (id, version) VALUES (1, 0);
