//! Storage errors. Messages name the record and field; none carries personal data
//! other than record ids.

use caseline_domain::ValidationError;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record was rejected before anything was written.
    #[error("{0}")]
    Invalid(#[from] ValidationError),
    /// Could not open the database.
    #[error("could not open the database: {0}")]
    Connect(String),
    /// A migration failed.
    #[error("migration {version} ({name}) failed: {message}")]
    Migration {
        /// Migration number.
        version: i64,
        /// Migration file name.
        name: &'static str,
        /// The engine's message.
        message: String,
    },
    /// A stored value could not be read back (corrupt or hand-edited data).
    #[error("stored {table} column {column} could not be read: {message}")]
    Decode {
        /// Table (or record kind).
        table: &'static str,
        /// Column.
        column: String,
        /// Why.
        message: String,
    },
    /// The engine reported an error.
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
}

impl StoreError {
    pub(crate) fn connect(e: sqlx::Error) -> Self {
        Self::Connect(e.to_string())
    }

    pub(crate) fn null(col: &str) -> Self {
        Self::Decode {
            table: "row",
            column: col.to_owned(),
            message: "is empty but a value is required".to_owned(),
        }
    }

    pub(crate) fn decode(col: &str, e: impl std::fmt::Display) -> Self {
        Self::Decode {
            table: "row",
            column: col.to_owned(),
            message: e.to_string(),
        }
    }

    /// Whether this is a validation error (bad input) rather than a system fault.
    pub fn is_invalid(&self) -> bool {
        matches!(self, Self::Invalid(_))
    }
}
