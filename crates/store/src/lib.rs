//! Caseline's storage: one [`Db`] over SQLite (the embedded default) and PostgreSQL
//! (production), versioned migrations, repositories and the audit writer. Knows
//! nothing of HTTP.

mod access;
mod admin;
mod audit;
mod calendar;
mod children;
mod columns;
mod db;
mod error;
mod migrate;
mod population;
mod postcodes;
mod subject_access;
pub mod tables;
mod value;
mod work;
mod workforce;
mod write;

pub use access::{
    Access, AccessLogEntry, ApiTokenInfo, BREAK_GLASS_GRANT, BreakGlassAlert, ChildOpening,
    Credentials, FAILURES_BEFORE_LOCKOUT, FIRST_LOCKOUT, NewUser, SECOND_STEP_WINDOW,
    SESSION_ABSOLUTE_TIMEOUT, SESSION_IDLE_TIMEOUT,
};
pub use admin::UserSummary;
pub use audit::{Actor, AuditAction, AuditEvent, AuditProblem, AuditVerification, GENESIS_HASH};
pub use caseline_domain::status::ChildStatus;
pub use children::{ChildList, ChildListEntry};
pub use db::{Db, Engine, Tx};
pub use error::StoreError;
pub use postcodes::CentroidCounts;
pub use subject_access::{LinkedChild, Mention, ReviewItem, SubjectAccessPack};
pub use value::{Row, Value};
pub use work::{JourneyState, WorkScope};

/// The migrations' DDL per engine, for the schema parity test and tooling.
pub fn migration_ddl() -> Vec<(&'static str, &'static str, &'static str)> {
    migrate::MIGRATIONS
        .iter()
        .map(|m| (m.name, m.sqlite, m.postgres))
        .collect()
}

/// Splits migration DDL into statements the way the migrator does.
pub fn split_statements(ddl: &str) -> Vec<String> {
    migrate::split_statements(ddl)
}
