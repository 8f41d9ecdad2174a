//! Care leavers: eligibility, personal adviser, pathway plan and how they are doing
//! (SSD ssd_care_leavers; 903 OC3; Care Leavers (England) Regs 2010).

use jiff::civil::Date;

use crate::codes::{
    CareLeaverAccommodation, CareLeaverActivity, CareLeaverEligibility, CareLeaverInTouch,
};
use crate::{PersonId, RecordId, ValidationError, WorkerId};

/// A young person's entitlement to leaving-care services.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CareLeaver {
    /// Record id.
    pub id: RecordId,
    /// The young person.
    pub child_id: PersonId,
    /// Eligibility category.
    pub eligibility: CareLeaverEligibility,
    /// Date the young person became entitled.
    pub eligible_from: Date,
    /// Personal adviser (CPR2010; Children (Leaving Care) Act 2000 s23D).
    pub personal_adviser_id: Option<WorkerId>,
    /// Date services ended.
    pub end_date: Option<Date>,
    /// Date the assessment of needs was completed (CPR 2010 regs 40, 42: within three
    /// months of the 16th birthday, or of becoming an eligible child after that age).
    pub needs_assessment_date: Option<Date>,
}

impl CareLeaver {
    /// Whether the young person is receiving leaving-care services on `on`.
    pub fn is_open_on(&self, on: Date) -> bool {
        crate::in_force(self.eligible_from, self.end_date, on)
    }
}

/// A contact with a care leaver and what was learned (903 OC3: in touch, activity, accommodation).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CareLeaverContact {
    /// Record id.
    pub id: RecordId,
    /// The young person.
    pub child_id: PersonId,
    /// Date of contact.
    pub date: Date,
    /// In touch status (903 IN_TOUCH).
    pub in_touch: CareLeaverInTouch,
    /// Main activity (903 ACTIV).
    pub activity: Option<CareLeaverActivity>,
    /// Accommodation (903 ACCOM letter).
    pub accommodation: Option<CareLeaverAccommodation>,
    /// Whether the accommodation is suitable (903 ACCOM digit 1 / 2).
    pub accommodation_suitable: Option<bool>,
}

impl CareLeaverContact {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.accommodation.is_some() != self.accommodation_suitable.is_some() {
            return Err(ValidationError::new(
                "care leaver contact",
                &self.id,
                "accommodation_suitable",
                "and the accommodation type must be given together",
            ));
        }
        Ok(())
    }
}

/// A pathway plan review (Care Leavers (England) Regs 2010 reg 7: at least every six months).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PathwayPlanReview {
    /// Record id.
    pub id: RecordId,
    /// The young person.
    pub child_id: PersonId,
    /// Date of the review.
    pub date: Date,
}
