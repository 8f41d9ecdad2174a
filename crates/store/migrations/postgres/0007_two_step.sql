-- Caseline schema 0007: optional two-step sign-in with a time-based one-time code
-- (RFC 6238). The last accepted time step stops a code being used twice; a session
-- is not usable until its second step is done.

ALTER TABLE users ADD COLUMN totp_secret TEXT;
ALTER TABLE users ADD COLUMN totp_pending_secret TEXT;
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
ALTER TABLE sessions ADD COLUMN second_step_pending BOOLEAN NOT NULL DEFAULT false;
