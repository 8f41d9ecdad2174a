-- Caseline schema 0004: the audit trail as a hash chain. Each entry stores the hash
-- of the entry before it and its own hash over that and its contents (see
-- src/audit.rs for the exact scheme), and ids are gapless, so altering, inserting or
-- deleting an entry breaks the chain where `caseline audit verify` will find it.

-- Who acted in what role, from where, and why (the reason given for opening a
-- restricted record or breaking glass).
ALTER TABLE audit_events ADD COLUMN role TEXT;
ALTER TABLE audit_events ADD COLUMN address TEXT;
ALTER TABLE audit_events ADD COLUMN reason TEXT;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_events ADD COLUMN hash TEXT NOT NULL DEFAULT '';

-- SQLite: the id column stays INTEGER PRIMARY KEY AUTOINCREMENT, which accepts the
-- explicit ids the writer gives.

-- "Who has viewed this record", newest first, without a sort.
DROP INDEX audit_events_child;
CREATE INDEX audit_events_child_id ON audit_events (child_id, id);

-- The newest entry of the chain: one row, locked by every writer so entries are
-- appended one transaction at a time, with gapless ids.
--   first_id:  the first chained entry. Entries written before this migration (only
--              ever in demo databases: 0004 predates any live use) have no hashes;
--              the chain starts after them and verify counts them as unchained
--              rather than treating them as altered. Re-hashing them here is not
--              possible (migrations are SQL, and SQLite has no SHA-256).
--   last_id, last_hash: the newest entry and its hash; the genesis hash (64 zeros,
--              GENESIS_HASH in src/audit.rs) while the chain is empty.
CREATE TABLE audit_head (
    id INTEGER NOT NULL CHECK (id = 1),
    first_id INTEGER NOT NULL,
    last_id INTEGER NOT NULL,
    last_hash TEXT NOT NULL,
    PRIMARY KEY (id)
);
INSERT INTO audit_head (id, first_id, last_id, last_hash)
SELECT 1, COALESCE(MAX(id), 0) + 1, COALESCE(MAX(id), 0), '0000000000000000000000000000000000000000000000000000000000000000'
FROM audit_events;
