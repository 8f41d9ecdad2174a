//! The audit trail: who read or wrote which child's record, written in the same
//! transaction as the work so neither exists without the other.

use caseline_domain::PersonId;

use crate::write::insert_values;
use crate::{StoreError, Tx, Value};

/// Who is acting, as the audit trail records them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// User name (or the name of a system process).
    pub user: String,
    /// Role code of a signed-in person; `None` for a system process.
    pub role: Option<&'static str>,
    /// Network address the request came from, if any.
    pub address: Option<String>,
}

impl Actor {
    /// A system process (generator, command line), not a signed-in person.
    pub fn new(user: impl Into<String>) -> Self {
        Self {
            user: user.into(),
            role: None,
            address: None,
        }
    }

    /// A signed-in person.
    pub fn person(
        user: impl Into<String>,
        role: caseline_domain::codes::Role,
        address: Option<String>,
    ) -> Self {
        Self {
            user: user.into(),
            role: Some(role.code()),
            address,
        }
    }
}

/// What was done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    /// A child's record was opened.
    ReadChildRecord,
    /// A list naming children was shown.
    ListChildren,
    /// A child's record was created.
    CreateChildRecord,
    /// A record was added to a child's journey.
    AddToChildRecord,
    /// Workers and teams were written.
    WriteWorkforce,
    /// The bank holiday calendar was changed.
    ChangeCalendar,
}

impl AuditAction {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::ReadChildRecord => "READ_CHILD",
            AuditAction::ListChildren => "LIST_CHILDREN",
            AuditAction::CreateChildRecord => "CREATE_CHILD",
            AuditAction::AddToChildRecord => "ADD_TO_CHILD",
            AuditAction::WriteWorkforce => "WRITE_WORKFORCE",
            AuditAction::ChangeCalendar => "CHANGE_CALENDAR",
        }
    }
}

/// Appends an audit event inside `tx`.
pub(crate) async fn record_audit(
    tx: &mut Tx,
    actor: &Actor,
    action: AuditAction,
    child: Option<&PersonId>,
    reason: Option<&str>,
    detail: &str,
) -> Result<(), StoreError> {
    let _ = reason; // stored once the audit columns arrive (migration 0004)
    tx.execute(
        "INSERT INTO audit_events (at, actor, action, child_id, detail) VALUES ($1, $2, $3, $4, $5)",
        &[
            Value::Timestamp(jiff::Timestamp::now()),
            actor.user.as_str().into(),
            action.code().into(),
            child.map(|c| c.as_str().to_owned()).into(),
            detail.into(),
        ],
    )
    .await?;
    Ok(())
}

/// Appends one audit event per child for the same action, in as few statements as possible.
pub(crate) async fn record_audit_many(
    tx: &mut Tx,
    actor: &Actor,
    action: AuditAction,
    children: &[&PersonId],
) -> Result<(), StoreError> {
    let at = jiff::Timestamp::now();
    let rows = children
        .iter()
        .map(|c| {
            vec![
                Value::Timestamp(at),
                actor.user.as_str().into(),
                action.code().into(),
                c.as_str().into(),
                "".into(),
            ]
        })
        .collect();
    insert_values(
        tx,
        "audit_events",
        &["at", "actor", "action", "child_id", "detail"],
        rows,
        "",
    )
    .await
}
