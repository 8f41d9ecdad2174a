-- Caseline schema 0006: API tokens for integrations. Each acts as its user, with the
-- same role and scope checks as pages; only the token's SHA-256 is stored.

CREATE TABLE api_tokens (
    id TEXT NOT NULL,
    token_hash TEXT NOT NULL,
    username TEXT NOT NULL,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    revoked INTEGER NOT NULL,
    last_used_at TEXT,
    PRIMARY KEY (id),
    UNIQUE (token_hash),
    FOREIGN KEY (username) REFERENCES users (username)
);
CREATE INDEX api_tokens_username ON api_tokens (username);
