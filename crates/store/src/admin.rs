//! Account administration: the system administrator manages users and record
//! restrictions without reading case records.

use caseline_domain::access::Capability;
use caseline_domain::codes::Role;
use caseline_domain::{PersonId, TeamId, ValidationError, WorkerId};
use jiff::Timestamp;

use crate::access::{Access, NewUser};
use crate::audit::{AuditAction, record_audit};
use crate::columns::Column;
use crate::{Db, StoreError, Value};

/// One account, as the administrator sees it (no password hash, no secrets).
#[derive(Debug, Clone, PartialEq)]
pub struct UserSummary {
    /// Sign-in name.
    pub username: String,
    /// Name shown on screen.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// Team.
    pub team_id: Option<TeamId>,
    /// Worker record.
    pub worker_id: Option<WorkerId>,
    /// Disabled.
    pub disabled: bool,
    /// Locked after failed sign-ins until then.
    pub locked_until: Option<Timestamp>,
    /// Two-step sign-in is on.
    pub two_step: bool,
}

fn must_manage(access: &Access, what: &str) -> Result<(), StoreError> {
    if access.role().may(Capability::ManageUsers) {
        Ok(())
    } else {
        Err(ValidationError::new(
            "administration",
            &access.viewer().user,
            "role",
            format!("may not {what}: ask a system administrator"),
        )
        .into())
    }
}

impl Db {
    /// Every account, by user name.
    pub async fn users(&self, access: &Access) -> Result<Vec<UserSummary>, StoreError> {
        must_manage(access, "list accounts")?;
        let rows = self
            .fetch_all("SELECT username, display_name, role, team_id, worker_id, disabled, locked_until, totp_secret FROM users ORDER BY username", &[])
            .await?;
        rows.iter()
            .map(|r| {
                Ok(UserSummary {
                    username: r.text("username")?,
                    display_name: r.text("display_name")?,
                    role: Column::read(r, "users", "role")?,
                    team_id: Column::read(r, "users", "team_id")?,
                    worker_id: Column::read(r, "users", "worker_id")?,
                    disabled: r.bool("disabled")?,
                    locked_until: r.opt_timestamp("locked_until")?,
                    two_step: r.opt_text("totp_secret")?.is_some(),
                })
            })
            .collect()
    }

    /// Creates an account (administrators only).
    pub async fn create_user_as(&self, access: &Access, user: &NewUser) -> Result<(), StoreError> {
        must_manage(access, "create accounts")?;
        self.create_user(access.actor(), user).await
    }

    /// Disables or re-enables an account; disabling ends its sessions.
    pub async fn set_user_disabled(
        &self,
        access: &Access,
        username: &str,
        disabled: bool,
    ) -> Result<bool, StoreError> {
        must_manage(access, "disable accounts")?;
        if disabled && username == access.viewer().user {
            return Err(ValidationError::new(
                "user",
                username,
                "username",
                "is you: another administrator must disable your account",
            )
            .into());
        }
        let mut tx = self.begin().await?;
        let n = tx
            .execute(
                "UPDATE users SET disabled = $1 WHERE username = $2",
                &[disabled.into(), username.into()],
            )
            .await?;
        if n > 0 {
            if disabled {
                tx.execute(
                    "UPDATE sessions SET revoked = $1 WHERE username = $2",
                    &[true.into(), username.into()],
                )
                .await?;
            }
            let action = if disabled {
                AuditAction::DisableUser
            } else {
                AuditAction::EnableUser
            };
            record_audit(
                &mut tx,
                access.actor(),
                action,
                None,
                None,
                &format!("user {username}"),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n > 0)
    }

    /// Clears a lockout after failed sign-ins.
    pub async fn unlock_user(&self, access: &Access, username: &str) -> Result<bool, StoreError> {
        must_manage(access, "unlock accounts")?;
        let mut tx = self.begin().await?;
        let n = tx
            .execute(
                "UPDATE users SET failed_attempts = $1, locked_until = $2 WHERE username = $3",
                &[
                    Value::Int(0),
                    Value::from(None::<Timestamp>),
                    username.into(),
                ],
            )
            .await?;
        if n > 0 {
            record_audit(
                &mut tx,
                access.actor(),
                AuditAction::UnlockUser,
                None,
                None,
                &format!("user {username}"),
            )
            .await?;
        }
        tx.commit().await?;
        Ok(n > 0)
    }

    /// Restricts a child's record to the named users (administrators only; they set
    /// who may see it without seeing it themselves).
    pub async fn restrict_record_as(
        &self,
        access: &Access,
        child: &PersonId,
        reason: &str,
        named: &[&str],
    ) -> Result<(), StoreError> {
        must_manage(access, "restrict records")?;
        if reason.trim().chars().count() < 10 {
            return Err(ValidationError::new(
                "restriction",
                child,
                "reason",
                "must say why the record is restricted (at least 10 characters)",
            )
            .into());
        }
        if named.is_empty() {
            return Err(ValidationError::new(
                "restriction",
                child,
                "named",
                "must name at least one person who may see the record",
            )
            .into());
        }
        let exists = self
            .fetch_optional(
                "SELECT id FROM people WHERE id = $1 AND kind = $2",
                &[child.to_value(), "CHILD".into()],
            )
            .await?;
        if exists.is_none() {
            return Err(ValidationError::new(
                "restriction",
                child,
                "child",
                "is not a child on the system",
            )
            .into());
        }
        for user in named {
            if self
                .fetch_optional(
                    "SELECT username FROM users WHERE username = $1",
                    &[(*user).into()],
                )
                .await?
                .is_none()
            {
                return Err(ValidationError::new(
                    "restriction",
                    child,
                    "named",
                    format!("'{user}' is not a user"),
                )
                .into());
            }
        }
        self.restrict_record(access.actor(), child, reason.trim(), named)
            .await
    }
}
