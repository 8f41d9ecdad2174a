//! Referrals: each opens an episode of need (SSD ssd_cin_episodes; CIN census CINdetails).

use jiff::civil::Date;

use crate::codes::{PrimaryNeed, ReasonForClosure, ReferralSource};
use crate::error::end_not_before_start;
use crate::{PersonId, RecordId, TeamId, ValidationError, WorkerId};

/// A referral to children's social care and the episode of need it opens.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Referral {
    /// Record id (CIN census CINdetailsID).
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The contact that became this referral, if recorded.
    pub contact_id: Option<RecordId>,
    /// Date of referral (CIN census CINreferralDate).
    pub referral_date: Date,
    /// Referral source (CIN census ReferralSource).
    pub source: ReferralSource,
    /// Primary need (CIN census PrimaryNeedCode).
    pub primary_need: PrimaryNeed,
    /// Referral closed with no further action (CIN census ReferralNFA).
    pub no_further_action: bool,
    /// Date the episode closed (CIN census CINclosureDate).
    pub closure_date: Option<Date>,
    /// Why it closed (CIN census ReasonForClosure).
    pub closure_reason: Option<ReasonForClosure>,
    /// Team holding the referral.
    pub team_id: Option<TeamId>,
    /// Worker holding the referral.
    pub worker_id: Option<WorkerId>,
}

impl Referral {
    /// Whether the episode of need is open on `on`.
    pub fn is_open_on(&self, on: Date) -> bool {
        crate::in_force(self.referral_date, self.closure_date, on)
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        const R: &str = "referral";
        end_not_before_start(
            R,
            &self.id,
            "referral_date",
            self.referral_date,
            "closure_date",
            self.closure_date,
        )?;
        match (self.closure_date, self.closure_reason) {
            (Some(_), None) => Err(ValidationError::new(
                R,
                &self.id,
                "closure_reason",
                "is missing: a closed episode needs a reason for closure (RC1-RC9)",
            )),
            (None, Some(_)) => Err(ValidationError::new(
                R,
                &self.id,
                "closure_date",
                "is missing but a reason for closure is recorded",
            )),
            _ => Ok(()),
        }
    }
}

/// A made-up referral for unit tests across the domain: open, from a school (source 6),
/// abuse or neglect (N1), with no team or worker; tests change what they are about.
#[cfg(test)]
#[allow(clippy::unwrap_used)]
pub(crate) fn example_referral(child_id: &PersonId, id: &str, on: Date) -> Referral {
    Referral {
        id: RecordId::parse(id).unwrap(),
        child_id: child_id.clone(),
        contact_id: None,
        referral_date: on,
        source: ReferralSource::from_code("6").unwrap(),
        primary_need: PrimaryNeed::from_code("N1").unwrap(),
        no_further_action: false,
        closure_date: None,
        closure_reason: None,
        team_id: None,
        worker_id: None,
    }
}
