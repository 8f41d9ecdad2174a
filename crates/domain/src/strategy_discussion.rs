//! Strategy discussions and who took part (Working Together to Safeguard Children 2023,
//! ch. 4: social care, police and health must attend, with education and others as needed).

use jiff::civil::Date;

use crate::codes::Agency;
use crate::{PersonId, RecordId, ValidationError};

/// Whether a partner agency was invited to, attended and contributed to a strategy discussion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct AgencyParticipation {
    /// The agency.
    pub agency: Agency,
    /// Invited.
    pub invited: bool,
    /// Attended.
    pub attended: bool,
    /// Contributed information (in the meeting or in writing).
    pub contributed: bool,
}

/// A strategy discussion (or meeting) held when a child may be suffering significant harm.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct StrategyDiscussion {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The referral (episode of need).
    pub referral_id: RecordId,
    /// Date held.
    pub date: Date,
    /// Decision that a section 47 enquiry should start.
    pub section_47_agreed: bool,
    /// Each agency's part.
    pub agencies: Vec<AgencyParticipation>,
}

impl StrategyDiscussion {
    /// The agencies Working Together 2023 expects at every strategy discussion.
    pub const REQUIRED_AGENCIES: [Agency; 3] = [Agency::SocialCare, Agency::Police, Agency::Health];

    /// Required agencies that did not attend.
    pub fn missing_required_agencies(&self) -> Vec<Agency> {
        Self::REQUIRED_AGENCIES
            .into_iter()
            .filter(|a| !self.agencies.iter().any(|p| p.agency == *a && p.attended))
            .collect()
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        const R: &str = "strategy discussion";
        for (i, p) in self.agencies.iter().enumerate() {
            if self.agencies[..i].iter().any(|q| q.agency == p.agency) {
                return Err(ValidationError::new(
                    R,
                    &self.id,
                    "agencies",
                    format!("lists {} twice", p.agency.label()),
                ));
            }
            if p.attended && !p.invited {
                return Err(ValidationError::new(
                    R,
                    &self.id,
                    "agencies",
                    format!("shows {} attending without an invitation", p.agency.label()),
                ));
            }
        }
        Ok(())
    }
}
