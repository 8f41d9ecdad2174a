//! The audit trail: who read or wrote which child's record, written in the same
//! transaction as the work so neither exists without the other, and chained by
//! hashes so that altering, adding or deleting an entry afterwards is detectable.
//!
//! # The chain
//!
//! Entries have gapless ids 1, 2, 3, ... Each stores `prev_hash`, the hash of the
//! entry before it ([`GENESIS_HASH`] for the first), and
//!
//! ```text
//! hash = hex(SHA-256(prev_hash || "\n" || canonical(entry)))
//! ```
//!
//! where `canonical` is the line `caseline-audit-v1` followed by one line per field,
//! in the order id, at, actor, role, address, action, child_id, reason, detail. A
//! present field is written `<length in bytes>:<value>`, an absent one `-`, so no
//! value can move a field boundary (`actor "ab", detail ""` and `actor "a",
//! detail "b"` hash differently). `at` is written at microsecond precision in UTC
//! (`2026-01-02T03:04:05.000000Z`), the precision both engines store, so a chain
//! hashed on SQLite verifies on PostgreSQL and back.
//!
//! The one-row `audit_head` table holds the newest id and hash. A writer locks it
//! first, so entries are appended one transaction at a time; verification checks the
//! head against the newest entry, so deleting the newest entries is caught too.

use std::fmt;
use std::fmt::Write as _;

use caseline_domain::PersonId;
use jiff::Timestamp;
use sha2::{Digest, Sha256};

use crate::value::timestamp_text;
use crate::write::insert_values;
use crate::{Db, Row, StoreError, Tx, Value};

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
    /// Workers and teams were written.
    WriteWorkforce,
    /// The bank holiday calendar was changed.
    ChangeCalendar,
    /// A user account was created.
    CreateUser,
    /// Someone signed in.
    SignIn,
    /// A sign-in was refused (wrong password, locked or disabled account).
    SignInFailed,
    /// Someone signed out.
    SignOut,
    /// All of a user's sessions were ended.
    SignOutEverywhere,
    /// A request to open a record was refused.
    AccessRefused,
    /// Someone broke glass to open a record outside their scope.
    BreakGlass,
    /// A record was restricted to named people.
    RestrictRecord,
    /// A child was added to an auditor's sample.
    AddToAuditSample,
    /// Who has viewed a child's record was shown.
    ReadAccessLog,
    /// An API token was issued.
    CreateApiToken,
    /// An API token was revoked.
    RevokeApiToken,
    /// The password was right; the one-time code is awaited.
    SignInPasswordAccepted,
    /// Two-step sign-in was turned on.
    TwoStepOn,
    /// Two-step sign-in was turned off.
    TwoStepOff,
    /// Everything about a person was exported for a subject access request.
    ExportSubjectAccess,
    /// An account was disabled.
    DisableUser,
    /// An account was re-enabled.
    EnableUser,
    /// An account's lockout was cleared.
    UnlockUser,
    /// A user changed their password.
    ChangePassword,
    /// Every child's record was read by a system process (clocks, returns).
    ExportAll,
    /// An estimate of the authority's child population was set or removed.
    ChangeChildPopulation,
    /// Postcode centroids were imported.
    ImportPostcodeCentroids,
}

impl AuditAction {
    /// Stored code.
    pub fn code(self) -> &'static str {
        match self {
            AuditAction::ReadChildRecord => "READ_CHILD",
            AuditAction::ListChildren => "LIST_CHILDREN",
            AuditAction::CreateChildRecord => "CREATE_CHILD",
            AuditAction::WriteWorkforce => "WRITE_WORKFORCE",
            AuditAction::ChangeCalendar => "CHANGE_CALENDAR",
            AuditAction::CreateUser => "CREATE_USER",
            AuditAction::SignIn => "SIGN_IN",
            AuditAction::SignInFailed => "SIGN_IN_FAILED",
            AuditAction::SignOut => "SIGN_OUT",
            AuditAction::SignOutEverywhere => "SIGN_OUT_EVERYWHERE",
            AuditAction::AccessRefused => "ACCESS_REFUSED",
            AuditAction::BreakGlass => "BREAK_GLASS",
            AuditAction::RestrictRecord => "RESTRICT_RECORD",
            AuditAction::AddToAuditSample => "ADD_TO_AUDIT_SAMPLE",
            AuditAction::ReadAccessLog => "READ_ACCESS_LOG",
            AuditAction::CreateApiToken => "CREATE_API_TOKEN",
            AuditAction::RevokeApiToken => "REVOKE_API_TOKEN",
            AuditAction::SignInPasswordAccepted => "SIGN_IN_PASSWORD_ACCEPTED",
            AuditAction::TwoStepOn => "TWO_STEP_ON",
            AuditAction::TwoStepOff => "TWO_STEP_OFF",
            AuditAction::ExportSubjectAccess => "EXPORT_SUBJECT_ACCESS",
            AuditAction::DisableUser => "DISABLE_USER",
            AuditAction::EnableUser => "ENABLE_USER",
            AuditAction::UnlockUser => "UNLOCK_USER",
            AuditAction::ChangePassword => "CHANGE_PASSWORD",
            AuditAction::ExportAll => "EXPORT_ALL",
            AuditAction::ChangeChildPopulation => "CHANGE_CHILD_POPULATION",
            AuditAction::ImportPostcodeCentroids => "IMPORT_POSTCODE_CENTROIDS",
        }
    }
}

/// The `prev_hash` of the first entry, and the head's hash while the trail is empty
/// (migration 0004 seeds `audit_head` with it).
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Version tag opening every entry's canonical text, so the scheme can change later
/// without old and new entries being confused.
const SCHEME: &str = "caseline-audit-v1";

/// Entries read per query when verifying: the trail can run to millions.
const VERIFY_PAGE: i64 = 10_000;

/// Entry columns as stored, in insert order.
const COLUMNS: &[&str] = &[
    "id",
    "at",
    "actor",
    "role",
    "address",
    "action",
    "child_id",
    "reason",
    "detail",
    "prev_hash",
    "hash",
];

/// One entry of the trail: everything the hash covers.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Entry {
    id: i64,
    at: Timestamp,
    actor: String,
    role: Option<String>,
    address: Option<String>,
    action: String,
    child_id: Option<String>,
    reason: Option<String>,
    detail: String,
}

impl Entry {
    /// The unambiguous text the hash is taken over (see the module docs).
    fn canonical(&self) -> String {
        fn field(out: &mut String, value: Option<&str>) {
            match value {
                Some(v) => {
                    let _ = writeln!(out, "{}:{v}", v.len());
                }
                None => out.push_str("-\n"),
            }
        }
        let mut out = format!("{SCHEME}\n");
        field(&mut out, Some(&self.id.to_string()));
        field(&mut out, Some(&timestamp_text(self.at)));
        field(&mut out, Some(&self.actor));
        field(&mut out, self.role.as_deref());
        field(&mut out, self.address.as_deref());
        field(&mut out, Some(&self.action));
        field(&mut out, self.child_id.as_deref());
        field(&mut out, self.reason.as_deref());
        field(&mut out, Some(&self.detail));
        out
    }

    /// This entry's hash when it follows an entry whose hash is `prev_hash`.
    fn hash(&self, prev_hash: &str) -> String {
        let mut h = Sha256::new();
        h.update(prev_hash.as_bytes());
        h.update(b"\n");
        h.update(self.canonical().as_bytes());
        let mut hex = String::with_capacity(64);
        for b in h.finalize() {
            let _ = write!(hex, "{b:02x}");
        }
        hex
    }

    fn values(self, prev_hash: &str, hash: &str) -> Vec<Value> {
        vec![
            self.id.into(),
            self.at.into(),
            self.actor.into(),
            self.role.into(),
            self.address.into(),
            self.action.into(),
            self.child_id.into(),
            self.reason.into(),
            self.detail.into(),
            prev_hash.into(),
            hash.into(),
        ]
    }

    fn from_row(r: &Row) -> Result<Self, StoreError> {
        Ok(Self {
            id: r.int("id")?,
            at: r.timestamp("at")?,
            actor: r.text("actor")?,
            role: r.opt_text("role")?,
            address: r.opt_text("address")?,
            action: r.text("action")?,
            child_id: r.opt_text("child_id")?,
            reason: r.opt_text("reason")?,
            detail: r.text("detail")?,
        })
    }
}

/// An event to record, before it has its place in the chain.
struct Draft<'a> {
    actor: &'a Actor,
    action: AuditAction,
    child: Option<&'a PersonId>,
    reason: Option<&'a str>,
    detail: &'a str,
}

/// The `audit_head` row.
struct Head {
    first_id: i64,
    last_id: i64,
    last_hash: String,
}

impl Head {
    fn from_row(r: &Row) -> Result<Self, StoreError> {
        Ok(Self {
            first_id: r.int("first_id")?,
            last_id: r.int("last_id")?,
            last_hash: r.text("last_hash")?,
        })
    }
}

/// Now, cut to the microsecond both engines store, so what is hashed is exactly
/// what is read back.
fn now_stored() -> Timestamp {
    let now = Timestamp::now();
    Timestamp::from_microsecond(now.as_microsecond()).unwrap_or(now)
}

/// Appends `drafts` to the chain inside `tx`, in order.
///
/// Locking: the first statement is a no-op update of the head row. On PostgreSQL it
/// takes that row's lock, held to commit, so a concurrent writer waits there and then
/// (read committed) sees the head as the first left it. On SQLite the transaction
/// holds the database's single write lock to commit (`Db::begin` takes it up front
/// with BEGIN IMMEDIATE; a deferred transaction that read first would instead fail
/// here with SQLITE_BUSY_SNAPSHOT if another writer had committed since). Either way the read of the head
/// and the write of the entries and the new head cannot interleave with another
/// writer's, so ids are gapless and every entry links to the one before it. The lock
/// is held until the caller commits: audit last in a transaction, as callers do.
async fn append(tx: &mut Tx, drafts: &[Draft<'_>]) -> Result<(), StoreError> {
    if drafts.is_empty() {
        return Ok(());
    }
    let rows = tx
        .fetch_all(
            "UPDATE audit_head SET last_id = last_id WHERE id = 1 RETURNING first_id, last_id, last_hash",
            &[],
        )
        .await?;
    let head = rows
        .first()
        .ok_or_else(|| StoreError::Decode {
            table: "audit_head",
            column: "id".to_owned(),
            message: "has no row, so nothing can be audited: run `caseline audit verify`"
                .to_owned(),
        })
        .and_then(Head::from_row)?;
    // Taken under the lock, so times follow the chain's order (as far as the clock does).
    let at = now_stored();
    let mut id = head.last_id;
    let mut prev = head.last_hash;
    let mut rows = Vec::with_capacity(drafts.len());
    for d in drafts {
        id += 1;
        let entry = Entry {
            id,
            at,
            actor: d.actor.user.clone(),
            role: d.actor.role.map(str::to_owned),
            address: d.actor.address.clone(),
            action: d.action.code().to_owned(),
            child_id: d.child.map(|c| c.as_str().to_owned()),
            reason: d.reason.map(str::to_owned),
            detail: d.detail.to_owned(),
        };
        let hash = entry.hash(&prev);
        rows.push(entry.values(&prev, &hash));
        prev = hash;
    }
    insert_values(tx, "audit_events", COLUMNS, rows, "").await?;
    tx.execute(
        "UPDATE audit_head SET last_id = $1, last_hash = $2 WHERE id = 1",
        &[id.into(), prev.into()],
    )
    .await?;
    Ok(())
}

/// Appends an audit event inside `tx`. Call it last in the transaction: it holds the
/// audit trail's write lock until commit.
pub(crate) async fn record_audit(
    tx: &mut Tx,
    actor: &Actor,
    action: AuditAction,
    child: Option<&PersonId>,
    reason: Option<&str>,
    detail: &str,
) -> Result<(), StoreError> {
    append(
        tx,
        &[Draft {
            actor,
            action,
            child,
            reason,
            detail,
        }],
    )
    .await
}

/// Appends one audit event per child for the same action and detail, in as few
/// statements as possible.
pub(crate) async fn record_audit_many(
    tx: &mut Tx,
    actor: &Actor,
    action: AuditAction,
    children: &[&PersonId],
    detail: &str,
) -> Result<(), StoreError> {
    let drafts: Vec<Draft> = children
        .iter()
        .map(|c| Draft {
            actor,
            action,
            child: Some(c),
            reason: None,
            detail,
        })
        .collect();
    append(tx, &drafts).await
}

impl crate::Db {
    /// Records that a page listing children was shown to `actor`: one entry whose
    /// detail says which list and names the children on the page.
    pub async fn record_list_shown(&self, actor: &Actor, detail: &str) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        record_audit(
            &mut tx,
            actor,
            AuditAction::ListChildren,
            None,
            None,
            detail,
        )
        .await?;
        tx.commit().await
    }
}

/// One entry of the audit trail, as shown on a "who has seen this record" page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEvent {
    /// Position in the trail (gapless, in the order entries were written).
    pub id: i64,
    /// When it happened (microsecond precision, UTC).
    pub at: Timestamp,
    /// User name, or the name of a system process.
    pub user: String,
    /// The user's role code at the time; `None` for a system process.
    pub role: Option<String>,
    /// Network address the request came from, if any.
    pub address: Option<String>,
    /// What was done: an [`AuditAction`] code such as `READ_CHILD`.
    pub action: String,
    /// The reason the user gave (opening a restricted record, breaking glass).
    pub reason: Option<String>,
    /// Further detail, such as how many children a list showed; often empty.
    pub detail: String,
}

impl From<Entry> for AuditEvent {
    fn from(e: Entry) -> Self {
        Self {
            id: e.id,
            at: e.at,
            user: e.actor,
            role: e.role,
            address: e.address,
            action: e.action,
            reason: e.reason,
            detail: e.detail,
        }
    }
}

/// A place where the audit trail is not as the audit writer left it. Each names the
/// entry where the chain first fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuditProblem {
    /// The entry's contents (or its stored hash) were changed after it was written.
    Altered {
        /// The entry.
        id: i64,
    },
    /// An entry is missing: the ids jump from `after_id` past `expected_id`.
    Missing {
        /// The last entry present before the gap (0 if the gap is at the start).
        after_id: i64,
        /// The first missing entry.
        expected_id: i64,
    },
    /// The entry is consistent in itself but does not follow from the entry before
    /// it: that entry, or this one, was replaced and re-hashed.
    BrokenLink {
        /// The entry whose link fails.
        id: i64,
    },
    /// The newest entry is not the one the head records: the newest entries were
    /// deleted, entries were added without the audit writer, the newest entry was
    /// re-hashed, or the head was altered.
    HeadMismatch {
        /// The newest entry as the head records it.
        head_id: i64,
        /// The newest entry in the trail.
        last_id: i64,
    },
    /// The head row itself is gone.
    HeadMissing,
}

impl fmt::Display for AuditProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            AuditProblem::Altered { id } => write!(f, "entry {id} was altered"),
            AuditProblem::Missing {
                after_id,
                expected_id,
            } => write!(
                f,
                "entry {expected_id} is missing (deleted): the trail jumps from entry {after_id} past it"
            ),
            AuditProblem::BrokenLink { id } => write!(
                f,
                "entry {id} does not follow from entry {}: one of them was replaced and re-hashed",
                id - 1
            ),
            AuditProblem::HeadMismatch { head_id, last_id } if head_id > last_id => write!(
                f,
                "entry {} is missing (deleted): the trail ends at entry {last_id} but the head records entry {head_id} as the newest",
                last_id + 1
            ),
            AuditProblem::HeadMismatch { head_id, last_id } if head_id < last_id => write!(
                f,
                "entry {} was added without the audit writer: the head records entry {head_id} as the newest",
                head_id + 1
            ),
            AuditProblem::HeadMismatch { last_id, .. } => write!(
                f,
                "entry {last_id}, the newest, does not match the head's hash: it was re-hashed or the head was altered"
            ),
            AuditProblem::HeadMissing => {
                write!(
                    f,
                    "the audit head (the record of the newest entry) is missing"
                )
            }
        }
    }
}

impl std::error::Error for AuditProblem {}

/// The result of checking the whole audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditVerification {
    /// Chained entries checked and found sound (up to the first problem, if any).
    pub entries: u64,
    /// Entries from before the chain began (migration 0004), which have no hashes
    /// and are not checked. Zero on any database created since.
    pub unchained: u64,
    /// The head's hash. Deleting the newest entries *and* rewriting the head to match
    /// is detectable only against a copy of this kept outside the database, so
    /// operators should record it each time they verify.
    pub head_hash: String,
    /// The first problem found; `None` if the trail is intact.
    pub problem: Option<AuditProblem>,
}

impl AuditVerification {
    /// Whether the trail is as the audit writer left it.
    pub fn is_intact(&self) -> bool {
        self.problem.is_none()
    }
}

/// Checks one entry against the hash of the entry before it.
fn check_entry(
    expected_prev: &str,
    entry: &Entry,
    prev_hash: &str,
    hash: &str,
) -> Option<AuditProblem> {
    if prev_hash == expected_prev {
        (entry.hash(expected_prev) != hash).then_some(AuditProblem::Altered { id: entry.id })
    } else if entry.hash(prev_hash) == hash {
        Some(AuditProblem::BrokenLink { id: entry.id })
    } else {
        Some(AuditProblem::Altered { id: entry.id })
    }
}

impl Db {
    /// Checks the whole audit trail: every entry's hash, every link, no gaps, and the
    /// head against the newest entry. Reads one consistent snapshot, a page at a time.
    /// Not audited itself (it reads no child's record).
    pub async fn verify_audit_trail(&self) -> Result<AuditVerification, StoreError> {
        self.verify_audit_pages(VERIFY_PAGE).await
    }

    async fn verify_audit_pages(&self, page_size: i64) -> Result<AuditVerification, StoreError> {
        // One consistent snapshot for the head and every page, without blocking
        // writers for the length of the check. `Db::begin` starts SQLite transactions
        // with BEGIN IMMEDIATE (the write lock up front), which would stall every
        // audited read meanwhile; a deferred transaction that only reads holds one WAL
        // snapshot instead. PostgreSQL's default (read committed) gives each statement
        // its own snapshot; repeatable read gives one for the transaction.
        let mut tx = match self {
            Db::Sqlite(pool) => Tx::Sqlite(pool.begin().await?),
            Db::Postgres(_) => {
                let mut tx = self.begin().await?;
                tx.execute(
                    "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY",
                    &[],
                )
                .await?;
                tx
            }
        };
        let heads = tx
            .fetch_all(
                "SELECT first_id, last_id, last_hash FROM audit_head WHERE id = 1",
                &[],
            )
            .await?;
        let Some(head) = heads.first().map(Head::from_row).transpose()? else {
            return Ok(AuditVerification {
                entries: 0,
                unchained: 0,
                head_hash: String::new(),
                problem: Some(AuditProblem::HeadMissing),
            });
        };
        let unchained = tx
            .fetch_all(
                "SELECT COUNT(*) AS n FROM audit_events WHERE id < $1",
                &[head.first_id.into()],
            )
            .await?
            .first()
            .map(|r| r.int("n"))
            .transpose()?
            .unwrap_or(0);
        let mut result = AuditVerification {
            entries: 0,
            unchained: u64::try_from(unchained).unwrap_or(0),
            head_hash: head.last_hash.clone(),
            problem: None,
        };
        let sql = format!(
            "SELECT {} FROM audit_events WHERE id >= $1 ORDER BY id LIMIT $2",
            COLUMNS.join(", ")
        );
        let mut expected_id = head.first_id;
        let mut prev = GENESIS_HASH.to_owned();
        loop {
            let page = tx
                .fetch_all(&sql, &[expected_id.into(), page_size.into()])
                .await?;
            if page.is_empty() {
                break;
            }
            for row in &page {
                // A value edited into something unreadable is an alteration too.
                let entry = match Entry::from_row(row) {
                    Ok(entry) => entry,
                    Err(_) => {
                        result.problem = Some(AuditProblem::Altered { id: row.int("id")? });
                        return Ok(result);
                    }
                };
                let problem = if entry.id > head.last_id {
                    Some(AuditProblem::HeadMismatch {
                        head_id: head.last_id,
                        last_id: entry.id,
                    })
                } else if entry.id != expected_id {
                    Some(AuditProblem::Missing {
                        after_id: expected_id - 1,
                        expected_id,
                    })
                } else {
                    let hash = row.text("hash")?;
                    let problem = check_entry(&prev, &entry, &row.text("prev_hash")?, &hash);
                    prev = hash;
                    problem
                };
                if problem.is_some() {
                    result.problem = problem;
                    return Ok(result);
                }
                result.entries += 1;
                expected_id += 1;
            }
        }
        // Deleting the newest entries leaves a sound chain that stops short of the head.
        let last_id = expected_id - 1;
        if last_id != head.last_id || prev != head.last_hash {
            result.problem = Some(AuditProblem::HeadMismatch {
                head_id: head.last_id,
                last_id,
            });
        }
        tx.commit().await?;
        Ok(result)
    }

    /// Records that a document or page naming `children` (worked out from records the
    /// caller already holds, such as the self-assessment pack) was shown to `actor`:
    /// one entry per child, so each child's access log shows it, or one entry naming
    /// nobody when the list is empty. `what` says which document, without personal data.
    pub async fn record_children_listed(
        &self,
        actor: &Actor,
        children: &[PersonId],
        what: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        if children.is_empty() {
            record_audit(&mut tx, actor, AuditAction::ListChildren, None, None, what).await?;
        } else {
            let ids: Vec<&PersonId> = children.iter().collect();
            record_audit_many(&mut tx, actor, AuditAction::ListChildren, &ids, what).await?;
        }
        tx.commit().await
    }

    /// The audit trail's entries about one child, newest first: who opened or changed
    /// the record, when, in what role and why. Reading the trail is not itself
    /// audited here; the caller audits the page that shows it.
    pub async fn audit_events_for_child(
        &self,
        child: &PersonId,
        limit: u32,
    ) -> Result<Vec<AuditEvent>, StoreError> {
        let sql = format!(
            "SELECT {} FROM audit_events WHERE child_id = $1 ORDER BY id DESC LIMIT $2",
            COLUMNS.join(", ")
        );
        self.fetch_all(&sql, &[child.as_str().into(), i64::from(limit).into()])
            .await?
            .iter()
            .map(|r| Entry::from_row(r).map(AuditEvent::from))
            .collect()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn entry() -> Entry {
        Entry {
            id: 7,
            at: "2026-01-02T03:04:05.123456Z".parse().unwrap(),
            actor: "sw.smith".into(),
            role: Some("SW".into()),
            address: None,
            action: "READ_CHILD".into(),
            child_id: Some("C-1".into()),
            reason: None,
            detail: String::new(),
        }
    }

    #[test]
    fn canonical_text_length_prefixes_every_field() {
        assert_eq!(
            entry().canonical(),
            "caseline-audit-v1\n1:7\n27:2026-01-02T03:04:05.123456Z\n8:sw.smith\n2:SW\n-\n10:READ_CHILD\n3:C-1\n-\n0:\n"
        );
    }

    #[test]
    fn hash_is_sha256_of_the_previous_hash_and_the_canonical_text() {
        // Worked out outside Rust: printf '%s\n<canonical text above>' "$GENESIS" | sha256sum
        assert_eq!(
            entry().hash(GENESIS_HASH),
            "9eb5b57e6c8e2fb256131fc1d3b4933fe02f9e8754d3c82d81aebc732c4d7391"
        );
    }

    #[test]
    fn moving_a_field_boundary_changes_the_hash() {
        let mut a = entry();
        a.actor = "ab".into();
        a.detail = String::new();
        let mut b = entry();
        b.actor = "a".into();
        b.detail = "b".into();
        assert_ne!(a.hash(GENESIS_HASH), b.hash(GENESIS_HASH));
        let mut c = entry();
        c.reason = Some(String::new());
        assert_ne!(
            c.hash(GENESIS_HASH),
            entry().hash(GENESIS_HASH),
            "absent is not empty"
        );
    }

    /// Page boundaries (the integration tests cover both engines with one page).
    #[tokio::test]
    async fn verification_pages_through_the_trail() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::open(dir.path().join("t.db").to_str().unwrap())
            .await
            .unwrap();
        for i in 0..25 {
            let mut tx = db.begin().await.unwrap();
            let detail = format!("change {i}");
            let actor = Actor::new("admin");
            record_audit(
                &mut tx,
                &actor,
                AuditAction::ChangeCalendar,
                None,
                None,
                &detail,
            )
            .await
            .unwrap();
            tx.commit().await.unwrap();
        }
        let v = db.verify_audit_pages(10).await.unwrap();
        assert_eq!((v.entries, v.problem), (25, None));
        let mut tx = db.begin().await.unwrap();
        // The first entry of the second page.
        tx.execute("DELETE FROM audit_events WHERE id = 11", &[])
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let v = db.verify_audit_pages(10).await.unwrap();
        assert_eq!(
            (v.entries, v.problem),
            (
                10,
                Some(AuditProblem::Missing {
                    after_id: 10,
                    expected_id: 11
                })
            )
        );
    }

    #[test]
    fn an_entry_is_checked_against_the_hash_before_it() {
        let e = entry();
        let good = e.hash(GENESIS_HASH);
        assert_eq!(check_entry(GENESIS_HASH, &e, GENESIS_HASH, &good), None);
        let mut altered = e.clone();
        altered.detail = "x".into();
        assert_eq!(
            check_entry(GENESIS_HASH, &altered, GENESIS_HASH, &good),
            Some(AuditProblem::Altered { id: 7 })
        );
        // Re-hashed onto a different predecessor: sound alone, but not linked.
        let other = "f".repeat(64);
        let rehashed = e.hash(&other);
        assert_eq!(
            check_entry(GENESIS_HASH, &e, &other, &rehashed),
            Some(AuditProblem::BrokenLink { id: 7 })
        );
        assert_eq!(
            check_entry(GENESIS_HASH, &e, &other, &good),
            Some(AuditProblem::Altered { id: 7 })
        );
    }
}
