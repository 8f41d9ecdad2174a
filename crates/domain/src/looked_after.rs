//! Children in care: periods of care, SSDA903 episodes, reviews and care plans
//! (SSD ssd_cla_episodes, ssd_cla_placement, ssd_cla_reviews, ssd_cla_care_plan).

use jiff::civil::Date;

use crate::codes::{
    CarePlanIntention, LegalStatus, ParticipationCode, PlacementProvider, PlacementType,
    PrimaryNeed, ReasonEpisodeCeased, ReasonNewEpisode, ReasonPlaceChange,
};
use crate::error::end_not_before_start;
use crate::values::{OfstedUrn, Postcode};
use crate::{PersonId, RecordId, ValidationError};

/// A period of care: from the day a child starts to be looked after to the day they cease.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PeriodOfCare {
    /// Record id (SSD clae_cla_id).
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The referral (episode of need) under which the child came into care.
    pub referral_id: Option<RecordId>,
    /// Date started to be looked after.
    pub start_date: Date,
    /// Date ceased to be looked after.
    pub end_date: Option<Date>,
}

impl PeriodOfCare {
    /// Whether the child is looked after on `on`.
    pub fn is_open_on(&self, on: Date) -> bool {
        self.start_date <= on && self.end_date.is_none_or(|e| e > on)
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        end_not_before_start(
            "period of care",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )
    }
}

/// An SSDA903 episode: a span with one legal status and one placement.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CareEpisode {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The period of care it belongs to.
    pub period_id: RecordId,
    /// Start (903 DECOM).
    pub start_date: Date,
    /// Why a new episode began (903 RNE).
    pub reason_new_episode: ReasonNewEpisode,
    /// Legal status (903 LS).
    pub legal_status: LegalStatus,
    /// Category of need (903 CIN).
    pub category_of_need: PrimaryNeed,
    /// Placement type (903 PLACE).
    pub placement_type: PlacementType,
    /// Placement provider (903 PLACE_PROVIDER); not given for temporary placements.
    pub provider: Option<PlacementProvider>,
    /// Placement postcode (903 PL_POST).
    pub placement_postcode: Option<Postcode>,
    /// Home postcode (903 HOME_POST).
    pub home_postcode: Option<Postcode>,
    /// Ofsted URN of the placement (903 URN).
    pub ofsted_urn: Option<OfstedUrn>,
    /// Placement within the authority's own area.
    pub in_area: bool,
    /// End (903 DEC).
    pub end_date: Option<Date>,
    /// Why the episode ceased (903 REC).
    pub reason_ceased: Option<ReasonEpisodeCeased>,
    /// Why the placement changed (903 REASON_PLACE_CHANGE).
    pub reason_place_change: Option<ReasonPlaceChange>,
}

impl CareEpisode {
    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        const R: &str = "care episode";
        end_not_before_start(
            R,
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )?;
        match (self.end_date, self.reason_ceased) {
            (Some(_), None) => {
                return Err(ValidationError::new(
                    R,
                    &self.id,
                    "reason_ceased",
                    "is missing: an ended episode needs a reason (903 REC)",
                ));
            }
            (None, Some(_)) => {
                return Err(ValidationError::new(
                    R,
                    &self.id,
                    "end_date",
                    "is missing but a reason ceased is recorded",
                ));
            }
            _ => {}
        }
        // V903 rules 178, 213: no provider for temporary placements.
        if self.placement_type.is_temporary() && self.provider.is_some() {
            return Err(ValidationError::new(
                R,
                &self.id,
                "provider",
                "must be blank for a temporary placement (T0-T4)",
            ));
        }
        Ok(())
    }
}

/// A looked-after review chaired by the IRO (CPR2010 reg 33; 903 Reviews).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct LookedAfterReview {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The period of care.
    pub period_id: RecordId,
    /// Date held.
    pub date: Date,
    /// The child's participation (903 REVIEW_CODE).
    pub participation: ParticipationCode,
}

/// The care plan's intention for permanence (SSD ssd_cla_care_plan); several open
/// intentions at once mean parallel planning.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CarePlan {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The period of care.
    pub period_id: RecordId,
    /// Start.
    pub start_date: Date,
    /// End.
    pub end_date: Option<Date>,
    /// The plan's intention.
    pub intention: CarePlanIntention,
}

impl CarePlan {
    /// Whether the intention is current on `on`.
    pub fn is_open_on(&self, on: Date) -> bool {
        crate::in_force(self.start_date, self.end_date, on)
    }

    /// Checks the record on its own.
    pub fn validate(&self) -> Result<(), ValidationError> {
        end_not_before_start(
            "care plan",
            &self.id,
            "start_date",
            self.start_date,
            "end_date",
            self.end_date,
        )
    }
}

/// What the regulations ask of one placement beyond its SSDA903 episode: when the
/// placement plan was agreed (CPR 2010 reg 9) and the placement notified (reg 13), and
/// whether the placement was made under regulation 19 (with a parent before the
/// assessment was completed) or regulation 24 (a connected person approved
/// temporarily), which change how often the child is visited (reg 28(3), (4)).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PlacementDetails {
    /// Record id.
    pub id: RecordId,
    /// The child.
    pub child_id: PersonId,
    /// The 903 episode that started the placement.
    pub care_episode_id: RecordId,
    /// Date the placement plan was agreed with the carer (may be before the placement).
    pub placement_plan_date: Option<Date>,
    /// Date written notification of the placement was sent (reg 13(2) lists to whom).
    pub notification_date: Option<Date>,
    /// Placed with a relative, friend or other connected person approved temporarily
    /// as a foster parent (CPR 2010 reg 24).
    pub temporary_approval_reg24: bool,
    /// Placed with a parent before the assessment of their suitability was completed
    /// (CPR 2010 reg 19).
    pub placed_before_assessment_reg19: bool,
}

/// One placement in a period of care: the 903 episode that began it, every episode of
/// it in date order (the first included), and the day it ended (the day the next
/// placement began, or the period of care ended), `None` while it continues.
#[derive(Debug, Clone)]
pub struct Placement<'a> {
    /// The episode that began the placement.
    pub first: &'a CareEpisode,
    /// Every episode of the placement, in date order.
    pub episodes: Vec<&'a CareEpisode>,
    /// The day it ended.
    pub end: Option<Date>,
}

impl Placement<'_> {
    /// The day the placement began.
    pub fn start(&self) -> Date {
        self.first.start_date
    }

    /// Whether the child lived in it on any day from `from` to `to`: the day it ended
    /// belongs to the next placement, as a 903 episode's end is the next one's start.
    pub fn overlaps(&self, from: Date, to: Date) -> bool {
        self.start() <= to && self.end.is_none_or(|e| e > from)
    }
}

/// A change of legal status alone is not a new placement (903 RNE L).
pub fn legal_status_only(e: &CareEpisode) -> bool {
    e.reason_new_episode == ReasonNewEpisode::LegalStatusChangeOnly
}

/// The placements of `period` in date order: each 903 episode begins a new placement
/// unless `continues` says it carries on the one before (usually
/// [`legal_status_only`]).
pub fn placements<'a>(
    r: &'a crate::ChildRecord,
    period: &PeriodOfCare,
    continues: fn(&CareEpisode) -> bool,
) -> Vec<Placement<'a>> {
    let mut episodes: Vec<&CareEpisode> = r
        .care_episodes
        .iter()
        .filter(|e| e.period_id == period.id)
        .collect();
    episodes.sort_by_key(|e| e.start_date);
    let mut out: Vec<Placement<'a>> = Vec::new();
    for e in episodes {
        if let Some(last) = out.last_mut() {
            if continues(e) {
                last.episodes.push(e);
                continue;
            }
            last.end = Some(e.start_date);
        }
        out.push(Placement {
            first: e,
            episodes: vec![e],
            end: None,
        });
    }
    if let Some(last) = out.last_mut() {
        last.end = period.end_date;
    }
    out
}

/// The home and placement postcodes on every 903 episode of `records`, each once: what
/// the distance from home needs postcode centroids for.
pub fn episode_postcodes(records: &[crate::ChildRecord]) -> Vec<&Postcode> {
    let mut out: Vec<&Postcode> = records
        .iter()
        .flat_map(|r| &r.care_episodes)
        .flat_map(|e| [e.home_postcode.as_ref(), e.placement_postcode.as_ref()])
        .flatten()
        .collect();
    out.sort_by(|a, b| a.as_str().cmp(b.as_str()));
    out.dedup();
    out
}
