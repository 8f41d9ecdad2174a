//! Child and family assessments (SSD ssd_cin_assessments, ssd_assessment_factors).

use jiff::civil::Date;

use crate::codes::{AssessmentFactor, AssessmentOutcome};
use crate::{PersonId, RecordId, TeamId, ValidationError, WorkerId};

/// A child and family assessment within an episode of need.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Assessment {
    /// Record id (CIN census AssessmentID).
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The referral (episode of need) it belongs to.
    pub referral_id: RecordId,
    /// Start (CIN census AssessmentActualStartDate).
    pub start_date: Date,
    /// First date the child was seen during the assessment.
    pub child_seen_date: Option<Date>,
    /// Authorisation (CIN census AssessmentAuthorisationDate).
    pub authorised_date: Option<Date>,
    /// Factors identified at the end of assessment (CIN census AssessmentFactors).
    pub factors: Vec<AssessmentFactor>,
    /// What the assessment concluded.
    pub outcome: Option<AssessmentOutcome>,
    /// Team.
    pub team_id: Option<TeamId>,
    /// Assessing worker.
    pub worker_id: Option<WorkerId>,
}

impl Assessment {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        const R: &str = "assessment";
        for (field, date) in [
            ("child_seen_date", self.child_seen_date),
            ("authorised_date", self.authorised_date),
        ] {
            if let Some(d) = date
                && d < self.start_date
            {
                return Err(ValidationError::new(
                    R,
                    &self.id,
                    field,
                    format!(
                        "({d}) is before the assessment started ({})",
                        self.start_date
                    ),
                ));
            }
        }
        if self.authorised_date.is_some() && self.outcome.is_none() {
            return Err(ValidationError::new(
                R,
                &self.id,
                "outcome",
                "is missing: an authorised assessment needs an outcome",
            ));
        }
        Ok(())
    }
}
