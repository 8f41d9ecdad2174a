//! Visits to the child (SSD ssd_cin_visits, ssd_cp_visits, ssd_cla_visits).

use jiff::civil::Date;

use crate::codes::VisitKind;
use crate::{PersonId, RecordId, ValidationError, WorkerId};

/// A visit to (or contact with) the child by their worker.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Visit {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The statutory basis of the visit.
    pub kind: VisitKind,
    /// Date of the visit.
    pub date: Date,
    /// Whether the child was seen.
    pub seen: bool,
    /// Whether the child was seen alone.
    pub seen_alone: bool,
    /// Whether the child's bedroom was seen.
    pub bedroom_seen: bool,
    /// What the child said, in their words.
    pub childs_words: Option<String>,
    /// Visiting worker.
    pub worker_id: Option<WorkerId>,
}

impl Visit {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.seen_alone && !self.seen {
            return Err(ValidationError::new(
                "visit",
                &self.id,
                "seen_alone",
                "is yes but the child was not seen",
            ));
        }
        Ok(())
    }
}
