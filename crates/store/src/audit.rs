//! The audit trail: who read or wrote which child's record, written in the same
//! transaction as the work so neither exists without the other.

use caseline_domain::PersonId;

use crate::write::insert_values;
use crate::{StoreError, Tx, Value};

/// Who is acting (the signed-in user; real sign-in arrives with the access-control work).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// User name.
    pub user: String,
}

impl Actor {
    /// An actor by user name.
    pub fn new(user: impl Into<String>) -> Self {
        Self { user: user.into() }
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
    detail: &str,
) -> Result<(), StoreError> {
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
