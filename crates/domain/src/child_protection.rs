//! Child protection conferences, plans and core groups (SSD ssd_initial_cp_conference,
//! ssd_cp_plans, ssd_cp_reviews; CIN census ChildProtectionPlans).

use jiff::civil::Date;

use crate::codes::{CategoryOfAbuse, ConferenceKind, ParticipationCode};
use crate::error::end_not_before_start;
use crate::{PersonId, RecordId, ValidationError};

/// An initial or review child protection conference.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChildProtectionConference {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The referral (episode of need).
    pub referral_id: RecordId,
    /// Initial or review.
    pub kind: ConferenceKind,
    /// The section 47 enquiry that led to an initial conference.
    pub section_47_id: Option<RecordId>,
    /// The plan reviewed (review conferences) or made (initial conferences).
    pub cp_plan_id: Option<RecordId>,
    /// Date held.
    pub date: Date,
    /// Whether the child is (or remains) subject to a child protection plan.
    pub child_protection_plan: bool,
    /// Transfer-in conference for a child on another authority's plan.
    pub transfer_in: bool,
    /// The child's participation (review conferences; PN codes).
    pub participation: Option<ParticipationCode>,
}

/// A child protection plan (CIN census ChildProtectionPlans).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChildProtectionPlan {
    /// Record id (CIN census CPPID).
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The referral (episode of need).
    pub referral_id: RecordId,
    /// The initial conference that made the plan.
    pub initial_conference_id: Option<RecordId>,
    /// Start (CIN census CPPstartDate).
    pub start_date: Date,
    /// End (CIN census CPPendDate).
    pub end_date: Option<Date>,
    /// Initial category of abuse.
    pub initial_category: CategoryOfAbuse,
    /// Latest category of abuse.
    pub latest_category: CategoryOfAbuse,
}

impl ChildProtectionPlan {
    /// Whether the plan is in force on `on`.
    pub fn is_open_on(&self, on: Date) -> bool {
        crate::in_force(self.start_date, self.end_date, on)
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        end_not_before_start(
            "child protection plan",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )
    }
}

/// A core group meeting for a child protection plan (Working Together 2023, ch. 4).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CoreGroupMeeting {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The plan.
    pub cp_plan_id: RecordId,
    /// Date held.
    pub date: Date,
}

/// A child in need plan (CIN census CINplanDates).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ChildInNeedPlan {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The referral (episode of need).
    pub referral_id: RecordId,
    /// Start.
    pub start_date: Date,
    /// End.
    pub end_date: Option<Date>,
}

impl ChildInNeedPlan {
    /// Whether the plan is in force on `on`.
    pub fn is_open_on(&self, on: Date) -> bool {
        crate::in_force(self.start_date, self.end_date, on)
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        end_not_before_start(
            "child in need plan",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )
    }
}

/// A review meeting of a child in need plan (a local standard sets how often: no
/// national timescale exists, shared/domain.md §7).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CinPlanReview {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The plan reviewed.
    pub cin_plan_id: RecordId,
    /// Date held.
    pub date: Date,
}
