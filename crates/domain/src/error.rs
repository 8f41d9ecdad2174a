//! Validation errors that name the record and the field, so a user can fix them.

use crate::codes::UnknownCode;

/// Why a record cannot be accepted: which record, which field, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{record} {id}: {field} {problem}")]
pub struct ValidationError {
    /// The kind of record, in social-work language (e.g. "referral").
    pub record: &'static str,
    /// The record's identifier, so the user can find it.
    pub id: String,
    /// The field at fault.
    pub field: &'static str,
    /// What is wrong with it and, where possible, what to do.
    pub problem: String,
}

impl ValidationError {
    /// Builds an error for `record` `id`, field `field`.
    pub fn new(
        record: &'static str,
        id: impl ToString,
        field: &'static str,
        problem: impl Into<String>,
    ) -> Self {
        Self {
            record,
            id: id.to_string(),
            field,
            problem: problem.into(),
        }
    }

    /// Wraps an unknown code met while reading `field` of `record` `id`.
    pub fn unknown_code(
        record: &'static str,
        id: impl ToString,
        field: &'static str,
        err: UnknownCode,
    ) -> Self {
        Self::new(record, id, field, format!("has an unknown code: {err}"))
    }
}

/// Checks that an optional end date is not before its start.
pub(crate) fn end_not_before_start(
    record: &'static str,
    id: impl ToString,
    start_field: &'static str,
    start: jiff::civil::Date,
    end_field: &'static str,
    end: Option<jiff::civil::Date>,
) -> Result<(), ValidationError> {
    match end {
        Some(end) if end < start => Err(ValidationError::new(
            record,
            id,
            end_field,
            format!("({end}) is before the {start_field} ({start})"),
        )),
        _ => Ok(()),
    }
}
