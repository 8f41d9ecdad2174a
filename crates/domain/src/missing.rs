//! Missing and away-from-placement episodes and return home interviews (SSD ssd_missing;
//! 903 Missing). Statutory guidance on children who run away or go missing from home or
//! care (DfE 2014): a return home interview is offered within 72 hours of return.

use jiff::Timestamp;

use crate::codes::MissingType;
use crate::{PersonId, RecordId, ValidationError};

/// One episode of a child being missing or away without authorisation.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MissingEpisode {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Missing or away.
    pub kind: MissingType,
    /// When the child went missing.
    pub started_at: Timestamp,
    /// When the child returned.
    pub returned_at: Option<Timestamp>,
    /// Whether a return home interview was offered.
    pub rhi_offered: Option<bool>,
    /// Whether the child accepted it.
    pub rhi_accepted: Option<bool>,
    /// When the interview took place.
    pub rhi_at: Option<Timestamp>,
}

impl MissingEpisode {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        const R: &str = "missing episode";
        if let Some(back) = self.returned_at
            && back < self.started_at
        {
            return Err(ValidationError::new(
                R,
                &self.id,
                "returned_at",
                "is before the child went missing",
            ));
        }
        if let Some(rhi) = self.rhi_at {
            if self.returned_at.is_none_or(|back| rhi < back) {
                return Err(ValidationError::new(
                    R,
                    &self.id,
                    "rhi_at",
                    "is before the child returned",
                ));
            }
            if self.rhi_accepted != Some(true) {
                return Err(ValidationError::new(
                    R,
                    &self.id,
                    "rhi_accepted",
                    "must be yes when an interview took place",
                ));
            }
        }
        if self.rhi_accepted.is_some() && self.rhi_offered != Some(true) {
            return Err(ValidationError::new(
                R,
                &self.id,
                "rhi_offered",
                "must be yes when acceptance is recorded",
            ));
        }
        Ok(())
    }
}
