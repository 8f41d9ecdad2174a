//! Health and education of looked-after children (SSD ssd_cla_health, ssd_sdq_scores;
//! 903 OC2; PEPs under the 2018 virtual school head guidance).

use jiff::civil::Date;

use crate::codes::{HealthCheckKind, HealthCheckStatus, SdqReason};
use crate::{PersonId, RecordId, ValidationError};

/// A health assessment or dental check.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HealthCheck {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Which check.
    pub kind: HealthCheckKind,
    /// Date done (or planned).
    pub date: Date,
    /// What happened.
    pub status: HealthCheckStatus,
}

/// A strengths and difficulties questionnaire score, or why none was recorded (903 OC2).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SdqScore {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Date.
    pub date: Date,
    /// Total difficulties score, 0-40.
    pub score: Option<u8>,
    /// Why there is no score.
    pub reason_not_done: Option<SdqReason>,
}

impl SdqScore {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        const R: &str = "SDQ score";
        match (self.score, self.reason_not_done) {
            (Some(s), _) if s > 40 => Err(ValidationError::new(
                R,
                &self.id,
                "score",
                "must be between 0 and 40",
            )),
            (Some(_), Some(_)) => Err(ValidationError::new(
                R,
                &self.id,
                "reason_not_done",
                "is given but a score is recorded",
            )),
            (None, None) => Err(ValidationError::new(
                R,
                &self.id,
                "score",
                "is missing: give a score or a reason (SDQ1-SDQ5)",
            )),
            _ => Ok(()),
        }
    }
}

/// A personal education plan meeting.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PersonalEducationPlan {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Date of the PEP meeting.
    pub date: Date,
}

/// Whether the child's immunisations were up to date when checked (903 OC2 IMMUNISATIONS).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ImmunisationCheck {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Date checked.
    pub date: Date,
    /// Up to date.
    pub up_to_date: bool,
}

/// A substance misuse problem identified, and the help offered (903 OC2).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SubstanceMisuse {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Date identified.
    pub date: Date,
    /// Intervention offered (903 INTERVENTION_OFFERED).
    pub intervention_offered: bool,
    /// Intervention received (903 INTERVENTION_RECEIVED).
    pub intervention_received: bool,
}

impl SubstanceMisuse {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.intervention_received && !self.intervention_offered {
            return Err(ValidationError::new(
                "substance misuse",
                &self.id,
                "intervention_offered",
                "must be yes when an intervention was received",
            ));
        }
        Ok(())
    }
}

/// A conviction or final warning/reprimand while looked after (903 OC2 CONVICTED).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Conviction {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Date.
    pub date: Date,
}
