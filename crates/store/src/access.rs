//! Users, sessions and scoped access to children (lldap's model): the only way to read
//! a child is through an [`Access`], which only a live session can produce, and every
//! read decides scope with `caseline_domain::access::decide` and writes its audit
//! entry in the same transaction.

use caseline_domain::access::{AccessDecision, Basis, ChildAccessFacts, Viewer, decide};
use caseline_domain::codes::{AllocationRole, Role};
use caseline_domain::{ChildRecord, PersonId, TeamId, ValidationError, WorkerId};
use jiff::{SignedDuration, Timestamp};

use crate::audit::{Actor, AuditAction, record_audit};
use crate::children::read_child_record;
use crate::columns::Column;
use crate::{Db, Row, StoreError, Tx, Value};

/// A session ends after this long without a request.
pub const SESSION_IDLE_TIMEOUT: SignedDuration = SignedDuration::from_mins(30);
/// A session ends this long after sign-in, however active.
pub const SESSION_ABSOLUTE_TIMEOUT: SignedDuration = SignedDuration::from_hours(10);
/// Failed sign-ins allowed before the account is locked.
pub const FAILURES_BEFORE_LOCKOUT: u32 = 5;
/// First lockout; each further failure doubles it, up to a day.
pub const FIRST_LOCKOUT: SignedDuration = SignedDuration::from_mins(15);
/// How long after the password the one-time code may be entered.
pub const SECOND_STEP_WINDOW: SignedDuration = SignedDuration::from_mins(5);
/// How long a break-glass grant lasts.
pub const BREAK_GLASS_GRANT: SignedDuration = SignedDuration::from_hours(1);
/// A contact this recent (or undecided) puts a child in front-door work.
pub const FRONT_DOOR_WINDOW: SignedDuration = SignedDuration::from_hours(30 * 24);

/// A user account to create.
#[derive(Debug, Clone)]
pub struct NewUser {
    /// Sign-in name: 3-64 of a-z, 0-9, '.', '-', '_'.
    pub username: String,
    /// Name shown on screen and in the audit trail views.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The worker this user is, for "allocated to me".
    pub worker_id: Option<WorkerId>,
    /// The user's team.
    pub team_id: Option<TeamId>,
    /// PHC-format argon2id hash (never the password).
    pub password_hash: String,
}

/// What sign-in needs to know about an account.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// Sign-in name.
    pub username: String,
    /// PHC-format password hash.
    pub password_hash: String,
    /// Locked until this moment, after repeated failures.
    pub locked_until: Option<Timestamp>,
    /// Disabled by an administrator.
    pub disabled: bool,
    /// The account's two-step secret (base32), if two-step sign-in is on.
    pub totp_secret: Option<String>,
    /// The last time step whose code was accepted (a code works once).
    pub totp_last_step: Option<i64>,
    /// A secret being set up, not yet confirmed with a code.
    pub totp_pending_secret: Option<String>,
}

/// A signed-in person's standing. Only [`Db::session_access`] makes one, so code that
/// has not resolved a live session cannot read a child's record.
#[derive(Debug, Clone)]
pub struct Access {
    viewer: Viewer,
    actor: Actor,
    display_name: String,
    csrf_token: String,
}

impl Access {
    /// Who is asking, for scope decisions.
    pub fn viewer(&self) -> &Viewer {
        &self.viewer
    }
    /// How the audit trail records them.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }
    /// Name for the header.
    pub fn display_name(&self) -> &str {
        &self.display_name
    }
    /// The session's anti-forgery token, for forms.
    pub fn csrf_token(&self) -> &str {
        &self.csrf_token
    }
    /// The user's role.
    pub fn role(&self) -> Role {
        self.viewer.role
    }
}

/// The outcome of asking for a child's record.
#[derive(Debug, Clone)]
pub enum ChildOpening {
    /// The record, and why the viewer may see it.
    Record(Box<ChildRecord>, Basis),
    /// Out of scope: the viewer may open it only by stating a reason.
    BreakGlassRequired,
    /// No such child, or one the viewer may not know of.
    NotFound,
}

/// One line of "who has viewed this record".
#[derive(Debug, Clone, PartialEq)]
pub struct AccessLogEntry {
    /// The audit entry.
    pub event: crate::AuditEvent,
    /// Whether the person worked with the child when they looked (allocated, their
    /// team, front door, audit sample, named); `false` for break-glass and refusals,
    /// `None` for system processes.
    pub works_with_child: Option<bool>,
}

/// One of a user's API tokens (never the token itself).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiTokenInfo {
    /// Token id.
    pub id: String,
    /// What it is for.
    pub name: String,
    /// When it stops working.
    pub expires_at: Timestamp,
    /// Revoked by its user.
    pub revoked: bool,
    /// Last used.
    pub last_used_at: Option<Timestamp>,
}

fn alert_from_row(r: &Row) -> Result<BreakGlassAlert, StoreError> {
    Ok(BreakGlassAlert {
        id: r.text("id")?,
        username: r.text("username")?,
        child_id: Column::read(r, "break_glass_grants", "child_id")?,
        reason: r.text("reason")?,
        granted_at: r.timestamp("granted_at")?,
    })
}

/// Writes a new session row (and, when complete, the sign-in's audit entry).
async fn open_session(
    tx: &mut Tx,
    username: &str,
    token_hash: &str,
    csrf_token: &str,
    address: Option<String>,
    now: Timestamp,
    second_step_pending: bool,
) -> Result<(), StoreError> {
    let rows = tx
        .fetch_all(
            "SELECT role FROM users WHERE username = $1",
            &[username.into()],
        )
        .await?;
    let role = role_of(rows.first().ok_or_else(|| {
        ValidationError::new("user", username, "username", "is not on the system")
    })?)?;
    let expires = now.saturating_add(SESSION_ABSOLUTE_TIMEOUT).unwrap_or(now);
    tx.execute(
        "INSERT INTO sessions (token_hash, username, csrf_token, created_at, last_seen_at, expires_at, revoked, address, second_step_pending) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &[token_hash.into(), username.into(), csrf_token.into(), now.into(), now.into(), expires.into(), false.into(), Value::from(address.clone()), second_step_pending.into()],
    )
    .await?;
    let actor = Actor::person(username, role, address);
    if second_step_pending {
        record_audit(
            tx,
            &actor,
            AuditAction::SignInPasswordAccepted,
            None,
            None,
            "awaiting one-time code",
        )
        .await?;
    } else {
        tx.execute(
            "UPDATE users SET failed_attempts = $1, locked_until = $2 WHERE username = $3",
            &[
                Value::Int(0),
                Value::from(None::<Timestamp>),
                username.into(),
            ],
        )
        .await?;
        record_audit(tx, &actor, AuditAction::SignIn, None, None, "").await?;
    }
    Ok(())
}

/// A break-glass access raised to the child's team manager.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakGlassAlert {
    /// Grant id.
    pub id: String,
    /// Who broke glass.
    pub username: String,
    /// The child.
    pub child_id: PersonId,
    /// The reason they gave.
    pub reason: String,
    /// When.
    pub granted_at: Timestamp,
}

fn check_username(username: &str) -> Result<(), ValidationError> {
    let ok = (3..=64).contains(&username.len())
        && username.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'_')
        });
    if ok {
        Ok(())
    } else {
        Err(ValidationError::new(
            "user",
            username,
            "username",
            "must be 3 to 64 characters of a-z, 0-9, '.', '-' or '_'",
        ))
    }
}

fn role_of(row: &Row) -> Result<Role, StoreError> {
    Role::read(row, "users", "role")
}

impl Db {
    /// Creates a user account.
    pub async fn create_user(&self, actor: &Actor, user: &NewUser) -> Result<(), StoreError> {
        check_username(&user.username)?;
        if user.display_name.trim().is_empty() {
            return Err(
                ValidationError::new("user", &user.username, "display_name", "is empty").into(),
            );
        }
        let mut tx = self.begin().await?;
        let exists = tx
            .fetch_all(
                "SELECT username FROM users WHERE username = $1",
                &[user.username.as_str().into()],
            )
            .await?;
        if !exists.is_empty() {
            return Err(ValidationError::new(
                "user",
                &user.username,
                "username",
                "is already taken",
            )
            .into());
        }
        tx.execute(
            "INSERT INTO users (username, display_name, role, worker_id, team_id, password_hash, failed_attempts, locked_until, disabled, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                user.username.as_str().into(),
                user.display_name.as_str().into(),
                user.role.to_value(),
                user.worker_id.to_value(),
                user.team_id.to_value(),
                user.password_hash.as_str().into(),
                Value::Int(0),
                Value::from(None::<Timestamp>),
                false.into(),
                Timestamp::now().into(),
            ],
        )
        .await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::CreateUser,
            None,
            None,
            &format!("user {} ({})", user.username, user.role.code()),
        )
        .await?;
        tx.commit().await
    }

    /// The account behind a sign-in name, if any.
    pub async fn credentials(&self, username: &str) -> Result<Option<Credentials>, StoreError> {
        let row = self
            .fetch_optional(
                "SELECT username, password_hash, locked_until, disabled, totp_secret, totp_last_step, totp_pending_secret FROM users WHERE username = $1",
                &[username.into()],
            )
            .await?;
        row.map(|r| {
            Ok(Credentials {
                username: r.text("username")?,
                password_hash: r.text("password_hash")?,
                locked_until: r.opt_timestamp("locked_until")?,
                disabled: r.bool("disabled")?,
                totp_secret: r.opt_text("totp_secret")?,
                totp_last_step: r.opt_int("totp_last_step")?,
                totp_pending_secret: r.opt_text("totp_pending_secret")?,
            })
        })
        .transpose()
    }

    /// Records a failed sign-in; returns when the account is locked until, if it now is.
    /// Unknown names are audited without the name (it may be a mistyped password).
    pub async fn record_failed_sign_in(
        &self,
        username: &str,
        address: Option<String>,
        now: Timestamp,
    ) -> Result<Option<Timestamp>, StoreError> {
        let mut tx = self.begin().await?;
        let row = tx
            .fetch_all(
                "SELECT failed_attempts FROM users WHERE username = $1",
                &[username.into()],
            )
            .await?;
        let Some(row) = row.first() else {
            let actor = Actor {
                user: "(unknown user)".into(),
                role: None,
                address,
            };
            record_audit(
                &mut tx,
                &actor,
                AuditAction::SignInFailed,
                None,
                None,
                "unknown user name",
            )
            .await?;
            tx.commit().await?;
            return Ok(None);
        };
        let failures = u32::try_from(row.int("failed_attempts")?)
            .unwrap_or(u32::MAX)
            .saturating_add(1);
        let locked_until = (failures >= FAILURES_BEFORE_LOCKOUT).then(|| {
            let doublings = (failures - FAILURES_BEFORE_LOCKOUT).min(7);
            let wait = FIRST_LOCKOUT
                .checked_mul(1 << doublings)
                .unwrap_or(SignedDuration::from_hours(24));
            now.saturating_add(wait.min(SignedDuration::from_hours(24)))
                .unwrap_or(now)
        });
        tx.execute(
            "UPDATE users SET failed_attempts = $1, locked_until = $2 WHERE username = $3",
            &[
                Value::Int(i64::from(failures)),
                locked_until.into(),
                username.into(),
            ],
        )
        .await?;
        let actor = Actor {
            user: username.to_owned(),
            role: None,
            address,
        };
        let detail = match locked_until {
            Some(until) => format!("failure {failures}; locked until {until}"),
            None => format!("failure {failures}"),
        };
        record_audit(
            &mut tx,
            &actor,
            AuditAction::SignInFailed,
            None,
            None,
            &detail,
        )
        .await?;
        tx.commit().await?;
        Ok(locked_until)
    }

    /// Starts a session after a successful sign-in (a new token every time, so a
    /// session id planted before sign-in is worthless), clearing failed attempts.
    pub async fn start_session(
        &self,
        username: &str,
        token_hash: &str,
        csrf_token: &str,
        address: Option<String>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        open_session(
            &mut tx, username, token_hash, csrf_token, address, now, false,
        )
        .await?;
        tx.commit().await
    }

    /// Starts a session that is not usable until the second step (a one-time code) is
    /// done: the password was right, the account has two-step sign-in on.
    pub async fn start_pending_session(
        &self,
        username: &str,
        token_hash: &str,
        csrf_token: &str,
        address: Option<String>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        open_session(
            &mut tx, username, token_hash, csrf_token, address, now, true,
        )
        .await?;
        tx.commit().await
    }

    /// The user and anti-forgery token of a session waiting for its second step, if it
    /// is recent enough (five minutes) and not ended.
    pub async fn pending_session(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<(String, String)>, StoreError> {
        let row = self
            .fetch_optional(
                "SELECT username, csrf_token, created_at, revoked, second_step_pending FROM sessions WHERE token_hash = $1",
                &[token_hash.into()],
            )
            .await?;
        let Some(r) = row else { return Ok(None) };
        let fresh = now.duration_since(r.timestamp("created_at")?) < SECOND_STEP_WINDOW;
        if r.bool("revoked")? || !r.bool("second_step_pending")? || !fresh {
            return Ok(None);
        }
        Ok(Some((r.text("username")?, r.text("csrf_token")?)))
    }

    /// Completes two-step sign-in: the code for time step `step` was right. Ends the
    /// pending session and starts a new one (a fresh token again), remembering the step
    /// so the same code cannot be used twice. `false` if the step was already used.
    pub async fn complete_second_step(
        &self,
        pending_hash: &str,
        token_hash: &str,
        csrf_token: &str,
        step: i64,
        address: Option<String>,
        now: Timestamp,
    ) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let rows = tx
            .fetch_all(
                "SELECT s.username, u.totp_last_step FROM sessions s JOIN users u ON u.username = s.username WHERE s.token_hash = $1 AND s.revoked = $2 AND s.second_step_pending = $3",
                &[pending_hash.into(), false.into(), true.into()],
            )
            .await?;
        let Some(r) = rows.first() else {
            return Ok(false);
        };
        let username = r.text("username")?;
        if r.opt_int("totp_last_step")?
            .is_some_and(|last| step <= last)
        {
            return Ok(false);
        }
        tx.execute(
            "UPDATE users SET totp_last_step = $1 WHERE username = $2",
            &[Value::Int(step), username.as_str().into()],
        )
        .await?;
        tx.execute(
            "UPDATE sessions SET revoked = $1 WHERE token_hash = $2",
            &[true.into(), pending_hash.into()],
        )
        .await?;
        open_session(
            &mut tx, &username, token_hash, csrf_token, address, now, false,
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Ends a session still waiting for its second step (the account locked meanwhile).
    pub async fn end_pending_session(&self, token_hash: &str) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.execute(
            "UPDATE sessions SET revoked = $1 WHERE token_hash = $2 AND second_step_pending = $3",
            &[true.into(), token_hash.into(), true.into()],
        )
        .await?;
        tx.commit().await
    }

    /// Stores a new two-step secret awaiting confirmation with a code.
    pub async fn begin_two_step_setup(
        &self,
        access: &Access,
        secret: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.execute(
            "UPDATE users SET totp_pending_secret = $1 WHERE username = $2",
            &[secret.into(), access.viewer.user.as_str().into()],
        )
        .await?;
        tx.commit().await
    }

    /// Turns two-step sign-in on with the confirmed pending secret.
    pub async fn confirm_two_step(&self, access: &Access, step: i64) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.execute(
            "UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = $1, totp_last_step = $2 WHERE username = $3",
            &[Value::from(None::<String>), Value::Int(step), access.viewer.user.as_str().into()],
        )
        .await?;
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::TwoStepOn,
            None,
            None,
            "",
        )
        .await?;
        tx.commit().await
    }

    /// Turns two-step sign-in off.
    pub async fn turn_off_two_step(&self, access: &Access) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.execute(
            "UPDATE users SET totp_secret = $1, totp_pending_secret = $1 WHERE username = $2",
            &[
                Value::from(None::<String>),
                access.viewer.user.as_str().into(),
            ],
        )
        .await?;
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::TwoStepOff,
            None,
            None,
            "",
        )
        .await?;
        tx.commit().await
    }

    /// The standing of the person whose session token hashes to `token_hash`, if the
    /// session is live (not revoked, not idle too long, not past its absolute end).
    pub async fn session_access(
        &self,
        token_hash: &str,
        address: Option<String>,
        now: Timestamp,
    ) -> Result<Option<Access>, StoreError> {
        let row = self
            .fetch_optional(
                "SELECT s.csrf_token, s.last_seen_at, s.expires_at, s.revoked, s.second_step_pending, u.username, u.display_name, u.role, u.worker_id, u.team_id, u.disabled \
                 FROM sessions s JOIN users u ON u.username = s.username WHERE s.token_hash = $1",
                &[token_hash.into()],
            )
            .await?;
        let Some(r) = row else { return Ok(None) };
        let last_seen = r.timestamp("last_seen_at")?;
        let live = !r.bool("revoked")?
            && !r.bool("second_step_pending")?
            && !r.bool("disabled")?
            && now < r.timestamp("expires_at")?
            && now.duration_since(last_seen) < SESSION_IDLE_TIMEOUT;
        if !live {
            return Ok(None);
        }
        // Touch at most once a minute: every page load need not be a write.
        if now.duration_since(last_seen) > SignedDuration::from_mins(1) {
            let mut tx = self.begin().await?;
            tx.execute(
                "UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2",
                &[now.into(), token_hash.into()],
            )
            .await?;
            tx.commit().await?;
        }
        let csrf = r.text("csrf_token")?;
        self.access_from_user_row(&r, csrf, address).await.map(Some)
    }

    /// Builds an [`Access`] from a row carrying the user's columns.
    async fn access_from_user_row(
        &self,
        r: &Row,
        csrf_token: String,
        address: Option<String>,
    ) -> Result<Access, StoreError> {
        let role = role_of(r)?;
        let username = r.text("username")?;
        let team_id: Option<TeamId> = Column::read(r, "users", "team_id")?;
        let teams = match team_id {
            Some(t) if matches!(role, Role::TeamManager | Role::ServiceManager) => {
                self.team_and_below(&t).await?
            }
            Some(t) => vec![t],
            None => Vec::new(),
        };
        Ok(Access {
            viewer: Viewer {
                user: username.clone(),
                role,
                worker_id: Column::read(r, "users", "worker_id")?,
                teams,
            },
            actor: Actor::person(username, role, address),
            display_name: r.text("display_name")?,
            csrf_token,
        })
    }

    /// Issues an API token for the signed-in user: it acts as them, with the same role
    /// and scope, until it expires or is revoked. Only the hash is stored.
    pub async fn create_api_token(
        &self,
        access: &Access,
        name: &str,
        token_hash: &str,
        expires_at: Timestamp,
    ) -> Result<String, StoreError> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(ValidationError::new(
                "API token",
                &access.viewer.user,
                "name",
                "must be 1 to 100 characters: say what the token is for",
            )
            .into());
        }
        let now = Timestamp::now();
        let id = format!("TOK-{}", now.as_microsecond());
        let mut tx = self.begin().await?;
        tx.execute(
            "INSERT INTO api_tokens (id, token_hash, username, name, created_at, expires_at, revoked, last_used_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            &[id.as_str().into(), token_hash.into(), access.viewer.user.as_str().into(), name.into(), now.into(), expires_at.into(), false.into(), Value::from(None::<Timestamp>)],
        )
        .await?;
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::CreateApiToken,
            None,
            None,
            &format!("token {id} ({name})"),
        )
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The signed-in user's API tokens: (id, name, expires, revoked).
    pub async fn api_tokens(&self, access: &Access) -> Result<Vec<ApiTokenInfo>, StoreError> {
        let rows = self
            .fetch_all("SELECT id, name, expires_at, revoked, last_used_at FROM api_tokens WHERE username = $1 ORDER BY created_at DESC", &[access.viewer.user.as_str().into()])
            .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiTokenInfo {
                    id: r.text("id")?,
                    name: r.text("name")?,
                    expires_at: r.timestamp("expires_at")?,
                    revoked: r.bool("revoked")?,
                    last_used_at: r.opt_timestamp("last_used_at")?,
                })
            })
            .collect()
    }

    /// Revokes one of the signed-in user's API tokens.
    pub async fn revoke_api_token(&self, access: &Access, id: &str) -> Result<bool, StoreError> {
        let mut tx = self.begin().await?;
        let n = tx
            .execute(
                "UPDATE api_tokens SET revoked = $1 WHERE id = $2 AND username = $3",
                &[true.into(), id.into(), access.viewer.user.as_str().into()],
            )
            .await?;
        if n > 0 {
            record_audit(
                &mut tx,
                access.actor(),
                AuditAction::RevokeApiToken,
                None,
                None,
                &format!("token {id}"),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n > 0)
    }

    /// The standing of an API caller whose bearer token hashes to `token_hash`, if the
    /// token is live and its user enabled.
    pub async fn api_token_access(
        &self,
        token_hash: &str,
        address: Option<String>,
        now: Timestamp,
    ) -> Result<Option<Access>, StoreError> {
        let row = self
            .fetch_optional(
                "SELECT t.id, t.expires_at, t.revoked, u.username, u.display_name, u.role, u.worker_id, u.team_id, u.disabled \
                 FROM api_tokens t JOIN users u ON u.username = t.username WHERE t.token_hash = $1",
                &[token_hash.into()],
            )
            .await?;
        let Some(r) = row else { return Ok(None) };
        if r.bool("revoked")? || r.bool("disabled")? || now >= r.timestamp("expires_at")? {
            return Ok(None);
        }
        let mut tx = self.begin().await?;
        tx.execute(
            "UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
            &[now.into(), r.text("id")?.into()],
        )
        .await?;
        tx.commit().await?;
        // No anti-forgery token: the API is reached with a bearer header, never a cookie.
        self.access_from_user_row(&r, String::new(), address)
            .await
            .map(Some)
    }

    async fn team_and_below(&self, team: &TeamId) -> Result<Vec<TeamId>, StoreError> {
        let all = self.teams().await?;
        let mut out = vec![team.clone()];
        let mut i = 0;
        while i < out.len() {
            let parent = out[i].clone();
            out.extend(
                all.iter()
                    .filter(|t| t.parent_id.as_ref() == Some(&parent))
                    .map(|t| t.id.clone()),
            );
            i += 1;
        }
        Ok(out)
    }

    /// Replaces the signed-in user's password hash and ends their other sessions.
    pub async fn change_password(
        &self,
        access: &Access,
        current_token_hash: &str,
        password_hash: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.execute(
            "UPDATE users SET password_hash = $1 WHERE username = $2",
            &[password_hash.into(), access.viewer.user.as_str().into()],
        )
        .await?;
        tx.execute(
            "UPDATE sessions SET revoked = $1 WHERE username = $2 AND token_hash <> $3",
            &[
                true.into(),
                access.viewer.user.as_str().into(),
                current_token_hash.into(),
            ],
        )
        .await?;
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::ChangePassword,
            None,
            None,
            "other sessions ended",
        )
        .await?;
        tx.commit().await
    }

    /// Ends one session (sign-out).
    pub async fn end_session(&self, access: &Access, token_hash: &str) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.execute(
            "UPDATE sessions SET revoked = $1 WHERE token_hash = $2",
            &[true.into(), token_hash.into()],
        )
        .await?;
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::SignOut,
            None,
            None,
            "",
        )
        .await?;
        tx.commit().await
    }

    /// Ends every session of the signed-in user (sign out everywhere).
    pub async fn end_all_sessions(&self, access: &Access) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.execute(
            "UPDATE sessions SET revoked = $1 WHERE username = $2",
            &[true.into(), access.viewer.user.as_str().into()],
        )
        .await?;
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::SignOutEverywhere,
            None,
            None,
            "",
        )
        .await?;
        tx.commit().await
    }

    /// Opens a child's record if the viewer may see it, auditing the read (or the
    /// refusal) in the same transaction.
    pub async fn open_child_record(
        &self,
        access: &Access,
        id: &PersonId,
    ) -> Result<ChildOpening, StoreError> {
        let mut tx = self.begin().await?;
        let Some(facts) = child_facts(&mut tx, access, id, Timestamp::now()).await? else {
            tx.commit().await?;
            return Ok(ChildOpening::NotFound);
        };
        let opening = match decide(access.viewer(), &facts) {
            AccessDecision::Allowed(basis) => {
                let Some(record) = read_child_record(&mut tx, id).await? else {
                    return Ok(ChildOpening::NotFound);
                };
                record_audit(
                    &mut tx,
                    access.actor(),
                    AuditAction::ReadChildRecord,
                    Some(id),
                    None,
                    &format!("basis={}", basis.code()),
                )
                .await?;
                ChildOpening::Record(Box::new(record), basis)
            }
            AccessDecision::BreakGlassAvailable => {
                record_audit(
                    &mut tx,
                    access.actor(),
                    AuditAction::AccessRefused,
                    Some(id),
                    None,
                    "out of scope; break-glass offered",
                )
                .await?;
                ChildOpening::BreakGlassRequired
            }
            AccessDecision::Hidden => {
                record_audit(
                    &mut tx,
                    access.actor(),
                    AuditAction::AccessRefused,
                    Some(id),
                    None,
                    "not permitted",
                )
                .await?;
                ChildOpening::NotFound
            }
        };
        tx.commit().await?;
        Ok(opening)
    }

    /// Grants the viewer an hour's access to an out-of-scope child after they state
    /// why, audits it with the reason and raises it to the child's team manager.
    pub async fn break_glass(
        &self,
        access: &Access,
        id: &PersonId,
        reason: &str,
    ) -> Result<bool, StoreError> {
        let reason = reason.trim();
        if reason.chars().count() < 10 {
            return Err(ValidationError::new(
                "break-glass request",
                id,
                "reason",
                "must say why you need this record (at least 10 characters)",
            )
            .into());
        }
        let now = Timestamp::now();
        let mut tx = self.begin().await?;
        let Some(facts) = child_facts(&mut tx, access, id, now).await? else {
            return Ok(false);
        };
        match decide(access.viewer(), &facts) {
            AccessDecision::BreakGlassAvailable => {}
            // Already in scope: nothing to break.
            AccessDecision::Allowed(_) => return Ok(true),
            AccessDecision::Hidden => return Ok(false),
        }
        let team = tx
            .fetch_all(
                "SELECT team_id FROM allocations WHERE child_id = $1 AND role = $2 AND end_date IS NULL ORDER BY start_date DESC",
                &[id.to_value(), AllocationRole::AllocatedSocialWorker.to_value()],
            )
            .await?
            .first()
            .map(|r| r.text("team_id"))
            .transpose()?;
        let grant_id = format!("BG-{}-{}", now.as_microsecond(), access.viewer.user);
        tx.execute(
            "INSERT INTO break_glass_grants (id, username, child_id, reason, granted_at, expires_at, team_id, acknowledged_by, acknowledged_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            &[
                grant_id.into(),
                access.viewer.user.as_str().into(),
                id.to_value(),
                reason.into(),
                now.into(),
                now.saturating_add(BREAK_GLASS_GRANT).unwrap_or(now).into(),
                Value::from(team),
                Value::from(None::<String>),
                Value::from(None::<Timestamp>),
            ],
        )
        .await?;
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::BreakGlass,
            Some(id),
            Some(reason),
            "",
        )
        .await?;
        tx.commit().await?;
        Ok(true)
    }

    /// Break-glass accesses to children of the teams the viewer manages, newest first;
    /// the list names children, so showing it is audited.
    pub async fn break_glass_alerts(
        &self,
        access: &Access,
    ) -> Result<Vec<BreakGlassAlert>, StoreError> {
        let alerts = self.alerts_for(access).await?;
        let mut tx = self.begin().await?;
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::ListChildren,
            None,
            None,
            &format!("break-glass alerts: {} shown", alerts.len()),
        )
        .await?;
        tx.commit().await?;
        Ok(alerts)
    }

    async fn alerts_for(&self, access: &Access) -> Result<Vec<BreakGlassAlert>, StoreError> {
        // Senior leaders see every alert; managers those for their teams.
        if access.role() == Role::SeniorLeader {
            let rows = self
                .fetch_all("SELECT id, username, child_id, reason, granted_at FROM break_glass_grants ORDER BY granted_at DESC", &[])
                .await?;
            return rows.iter().map(alert_from_row).collect();
        }
        let teams = &access.viewer.teams;
        if teams.is_empty() {
            return Ok(Vec::new());
        }
        let params: Vec<Value> = teams.iter().map(Column::to_value).collect();
        let sql = format!(
            "SELECT id, username, child_id, reason, granted_at FROM break_glass_grants WHERE team_id IN ({}) ORDER BY granted_at DESC",
            crate::children::placeholders(1, params.len())
        );
        self.fetch_all(&sql, &params)
            .await?
            .iter()
            .map(alert_from_row)
            .collect()
    }

    /// Who has viewed or asked for a child's record, newest first, flagging anyone who
    /// did not work with the child. `None` if the viewer may not open the record.
    pub async fn child_access_log(
        &self,
        access: &Access,
        id: &PersonId,
    ) -> Result<Option<Vec<AccessLogEntry>>, StoreError> {
        let mut tx = self.begin().await?;
        let allowed = match child_facts(&mut tx, access, id, Timestamp::now()).await? {
            Some(facts) => matches!(decide(access.viewer(), &facts), AccessDecision::Allowed(_)),
            None => false,
        };
        if !allowed {
            return Ok(None);
        }
        record_audit(
            &mut tx,
            access.actor(),
            AuditAction::ReadAccessLog,
            Some(id),
            None,
            "",
        )
        .await?;
        tx.commit().await?;
        let events = self.audit_events_for_child(id, 500).await?;
        Ok(Some(
            events
                .into_iter()
                .map(|event| {
                    let works_with_child = event.role.as_ref().map(|_| {
                        let basis = event.detail.strip_prefix("basis=").unwrap_or("");
                        event.action != AuditAction::AccessRefused.code()
                            && event.action != AuditAction::BreakGlass.code()
                            && basis != Basis::BreakGlass.code()
                    });
                    AccessLogEntry {
                        event,
                        works_with_child,
                    }
                })
                .collect(),
        ))
    }

    /// Restricts a child's record to the named users (a staff member's relative, a
    /// high-profile case).
    pub async fn restrict_record(
        &self,
        actor: &Actor,
        child: &PersonId,
        reason: &str,
        named: &[&str],
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.execute(
            "DELETE FROM restricted_record_people WHERE child_id = $1",
            &[child.to_value()],
        )
        .await?;
        tx.execute(
            "DELETE FROM restricted_records WHERE child_id = $1",
            &[child.to_value()],
        )
        .await?;
        tx.execute(
            "INSERT INTO restricted_records (child_id, reason, restricted_by, restricted_at) VALUES ($1, $2, $3, $4)",
            &[child.to_value(), reason.into(), actor.user.as_str().into(), Timestamp::now().into()],
        )
        .await?;
        for user in named {
            tx.execute(
                "INSERT INTO restricted_record_people (child_id, username) VALUES ($1, $2)",
                &[child.to_value(), (*user).into()],
            )
            .await?;
        }
        // Pictures computed over every child leave restricted records out.
        crate::work::mark_children_changed(&mut tx, &[child]).await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::RestrictRecord,
            Some(child),
            Some(reason),
            &format!("{} people named", named.len()),
        )
        .await?;
        tx.commit().await
    }

    /// Adds a child to an auditor's sample.
    pub async fn add_to_audit_sample(
        &self,
        actor: &Actor,
        auditor: &str,
        child: &PersonId,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        tx.execute(
            "INSERT INTO audit_samples (username, child_id) VALUES ($1, $2)",
            &[auditor.into(), child.to_value()],
        )
        .await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::AddToAuditSample,
            Some(child),
            None,
            &format!("auditor {auditor}"),
        )
        .await?;
        tx.commit().await
    }
}

/// What decides access to one child, or `None` if there is no such child.
async fn child_facts(
    tx: &mut Tx,
    access: &Access,
    id: &PersonId,
    now: Timestamp,
) -> Result<Option<ChildAccessFacts>, StoreError> {
    let exists = tx
        .fetch_all(
            "SELECT id FROM people WHERE id = $1 AND kind = $2",
            &[id.to_value(), "CHILD".into()],
        )
        .await?;
    if exists.is_empty() {
        return Ok(None);
    }
    let mut facts = ChildAccessFacts::default();
    for r in tx
        .fetch_all(
            "SELECT worker_id, team_id FROM allocations WHERE child_id = $1 AND end_date IS NULL",
            &[id.to_value()],
        )
        .await?
    {
        if let Some(w) = Column::read(&r, "allocations", "worker_id")? {
            facts.allocated_workers.push(w);
        }
        facts
            .holding_teams
            .push(Column::read(&r, "allocations", "team_id")?);
    }
    // A child referred to a team and not yet allocated to anyone is that team's work.
    let case_holders = tx
        .fetch_all(
            "SELECT id FROM allocations WHERE child_id = $1 AND end_date IS NULL AND role IN ('ALLOCATED_SW', 'PA')",
            &[id.to_value()],
        )
        .await?;
    if case_holders.is_empty() {
        for r in tx
            .fetch_all(
                "SELECT team_id FROM referrals WHERE child_id = $1 AND closure_date IS NULL AND team_id IS NOT NULL",
                &[id.to_value()],
            )
            .await?
        {
            facts
                .holding_teams
                .push(Column::read(&r, "referrals", "team_id")?);
        }
    }
    let since = now.saturating_sub(FRONT_DOOR_WINDOW).unwrap_or(now);
    facts.in_front_door_work = !tx
        .fetch_all("SELECT id FROM contacts WHERE child_id = $1 AND (outcome IS NULL OR received_at >= $2)", &[id.to_value(), since.into()])
        .await?
        .is_empty();
    if !tx
        .fetch_all(
            "SELECT child_id FROM restricted_records WHERE child_id = $1",
            &[id.to_value()],
        )
        .await?
        .is_empty()
    {
        let named = tx
            .fetch_all(
                "SELECT username FROM restricted_record_people WHERE child_id = $1",
                &[id.to_value()],
            )
            .await?;
        facts.restricted_to = Some(
            named
                .iter()
                .map(|r| r.text("username"))
                .collect::<Result<_, _>>()?,
        );
    }
    let user: Value = access.viewer.user.as_str().into();
    facts.in_audit_sample = !tx
        .fetch_all(
            "SELECT child_id FROM audit_samples WHERE username = $1 AND child_id = $2",
            &[user.clone(), id.to_value()],
        )
        .await?
        .is_empty();
    facts.break_glass_granted = !tx
        .fetch_all("SELECT id FROM break_glass_grants WHERE username = $1 AND child_id = $2 AND expires_at > $3", &[user, id.to_value(), now.into()])
        .await?
        .is_empty();
    Ok(Some(facts))
}
