//! Private fostering, allegations against staff (LADO), pre-proceedings and education
//! concerns.

use jiff::civil::Date;

use crate::codes::{EducationConcernKind, LadoOutcome, PreProceedingsOutcome};
use crate::error::end_not_before_start;
use crate::{PersonId, RecordId, ValidationError};

/// A private fostering arrangement (Children (Private Arrangements for Fostering) Regs
/// 2005, SI 2005/1533).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PrivateFosteringArrangement {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Date the authority was notified (or became aware).
    pub notified_date: Date,
    /// Start of the arrangement.
    pub start_date: Date,
    /// End of the arrangement.
    pub end_date: Option<Date>,
    /// Name of the private foster carer.
    pub carer_name: String,
}

impl PrivateFosteringArrangement {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        end_not_before_start(
            "private fostering arrangement",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )
    }
}

/// An allegation against someone who works with children, managed by the designated
/// officer (Working Together 2023, ch. 2).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LadoAllegation {
    /// Record id.
    pub id: RecordId,
    /// The child concerned.
    pub child_id: PersonId,
    /// Date the employer learned of the allegation.
    pub allegation_date: Date,
    /// Date it reached the designated officer.
    pub referred_date: Date,
    /// The role of the person the allegation is about (not their name).
    pub subject_role: String,
    /// Sector of the employer (education, health, early years, faith...).
    pub employer_sector: String,
    /// Outcome.
    pub outcome: Option<LadoOutcome>,
    /// Date closed.
    pub closed_date: Option<Date>,
}

impl LadoAllegation {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        end_not_before_start(
            "LADO allegation",
            &self.id,
            "allegation_date",
            self.allegation_date,
            "referred_date",
            Some(self.referred_date),
        )?;
        end_not_before_start(
            "LADO allegation",
            &self.id,
            "referred_date",
            self.referred_date,
            "closed_date",
            self.closed_date,
        )
    }
}

/// Pre-proceedings under the Public Law Outline.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PreProceedings {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Legal gateway decision to enter pre-proceedings.
    pub decision_date: Date,
    /// Letter before proceedings sent.
    pub letter_date: Option<Date>,
    /// Pre-proceedings meeting held.
    pub meeting_date: Option<Date>,
    /// End.
    pub end_date: Option<Date>,
    /// How it ended.
    pub outcome: Option<PreProceedingsOutcome>,
}

impl PreProceedings {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        for (field, d) in [
            ("letter_date", self.letter_date),
            ("meeting_date", self.meeting_date),
            ("end_date", self.end_date),
        ] {
            end_not_before_start(
                "pre-proceedings",
                &self.id,
                "decision_date",
                self.decision_date,
                field,
                d,
            )?;
        }
        Ok(())
    }
}

/// Elective home education or a child missing education.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EducationConcern {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Which concern.
    pub kind: EducationConcernKind,
    /// Start.
    pub start_date: Date,
    /// End.
    pub end_date: Option<Date>,
}

impl EducationConcern {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        end_not_before_start(
            "education concern",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )
    }
}
