//! Section 47 enquiries (Children Act 1989 s47; SSD ssd_s47_enquiry; CIN census Section47).

use jiff::civil::Date;

use crate::codes::Section47Outcome;
use crate::error::end_not_before_start;
use crate::{PersonId, RecordId, ValidationError, WorkerId};

/// A section 47 child protection enquiry.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Section47Enquiry {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The referral (episode of need).
    pub referral_id: RecordId,
    /// The strategy discussion that started it.
    pub strategy_discussion_id: Option<RecordId>,
    /// Start (CIN census S47ActualStartDate).
    pub start_date: Date,
    /// End of the enquiry.
    pub end_date: Option<Date>,
    /// Outcome.
    pub outcome: Option<Section47Outcome>,
    /// Worker completing the enquiry.
    pub worker_id: Option<WorkerId>,
}

impl Section47Enquiry {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        end_not_before_start(
            "section 47 enquiry",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )
    }
}
