//! The front door: contacts and early help (SSD ssd_contacts, ssd_early_help_episodes).

use jiff::Timestamp;
use jiff::civil::Date;

use crate::codes::{ContactOutcome, Rag, ReferralSource};
use crate::error::end_not_before_start;
use crate::{PersonId, RecordId, TeamId, ValidationError, WorkerId};

/// A contact: information about a child received by the front door (SSD ssd_contacts).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Contact {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// When the contact was received.
    pub received_at: Timestamp,
    /// Who made contact (CIN census referral source codes).
    pub source: ReferralSource,
    /// What the front door decided; `None` while it is waiting for a decision.
    pub outcome: Option<ContactOutcome>,
    /// When the decision was made.
    pub decided_at: Option<Timestamp>,
    /// Risk rating at screening.
    pub rag: Option<Rag>,
    /// Why the contact was made, in brief.
    pub summary: String,
}

impl Contact {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        const R: &str = "contact";
        match (self.outcome, self.decided_at) {
            (Some(_), None) => Err(ValidationError::new(
                R,
                &self.id,
                "decided_at",
                "is missing: a decided contact needs the time of decision",
            )),
            (None, Some(_)) => Err(ValidationError::new(
                R,
                &self.id,
                "outcome",
                "is missing but a decision time is recorded",
            )),
            (_, Some(at)) if at < self.received_at => Err(ValidationError::new(
                R,
                &self.id,
                "decided_at",
                "is before the contact was received",
            )),
            _ => Ok(()),
        }
    }
}

/// An early help episode coordinated by the local authority (SSD ssd_early_help_episodes).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EarlyHelpEpisode {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// Start of the episode (early help assessment start).
    pub start_date: Date,
    /// End of the episode.
    pub end_date: Option<Date>,
    /// Why early help was offered.
    pub reason: String,
    /// Why it ended.
    pub end_reason: Option<String>,
    /// Organisation leading the early help.
    pub organisation: String,
    /// Lead worker, where a council worker leads.
    pub worker_id: Option<WorkerId>,
    /// Team, where a council team leads.
    pub team_id: Option<TeamId>,
}

impl EarlyHelpEpisode {
    /// Whether the episode is open on `on`.
    pub fn is_open_on(&self, on: Date) -> bool {
        crate::in_force(self.start_date, self.end_date, on)
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        end_not_before_start(
            "early help episode",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )
    }
}
