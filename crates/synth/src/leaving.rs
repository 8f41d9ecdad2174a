//! Leaving care: eligibility, the personal adviser, keeping in touch (SSDA903 OC3: in
//! touch, activity, accommodation) and pathway plan reviews.

use caseline_domain::RecordId;
use caseline_domain::care_leaver::{CareLeaver, CareLeaverContact, PathwayPlanReview};
use caseline_domain::codes::{
    AllocationRole, CareLeaverAccommodation, CareLeaverActivity, CareLeaverEligibility,
    CareLeaverInTouch, PlanKind, VisitKind,
};

use crate::child::{Builder, K, R};
use crate::days::{Day, add_years, date};
use crate::spec::Exit;
use crate::workforce::TeamKind;

impl Builder<'_> {
    /// Leaving-care records for a young person in (or leaving) the period of care that
    /// started on `entry` and ends on `end`.
    pub(crate) fn leaving_care(
        &mut self,
        _period_id: &RecordId,
        entry: Day,
        end: Option<Day>,
        exit: Exit,
    ) -> R<()> {
        let Some(dob) = self.dob else {
            return Ok(());
        };
        let today = self.today;
        let sixteen = add_years(dob, 16);
        let eighteen = add_years(dob, 18);
        // Eligible: looked after for 13 weeks since 14, still looked after at 16 (T-CL-ELIG).
        let eligible_from = sixteen.max(entry.max(add_years(dob, 14)) + 91);
        let care_end = end.unwrap_or(Day::MAX);
        if eligible_from >= care_end || eligible_from > today {
            return Ok(());
        }
        // (eligibility, from, to) with `to` inclusive, or open.
        let mut spells: Vec<(CareLeaverEligibility, Day, Option<Day>)> = Vec::new();
        let eligible_to = care_end.min(eighteen) - 1;
        spells.push((
            CareLeaverEligibility::Eligible,
            eligible_from,
            (eligible_to < today).then_some(eligible_to),
        ));
        let left_care = end.filter(|e| *e <= today);
        let leavers = matches!(exit, Exit::ToEighteen | Exit::Relevant);
        if let (Some(left), true) = (left_care, leavers) {
            if left < eighteen {
                spells.push((
                    CareLeaverEligibility::Relevant,
                    left,
                    (eighteen - 1 < today).then_some(eighteen - 1),
                ));
            }
            if eighteen <= today {
                spells.push((CareLeaverEligibility::FormerRelevant, eighteen, None));
            }
        }
        for &(eligibility, from, to) in &spells {
            let id = self.id(K::CareLeaver)?;
            self.rec.care_leaver.push(CareLeaver {
                id,
                child_id: self.pid(),
                eligibility,
                eligible_from: date(from),
                personal_adviser_id: None,
                end_date: to.map(date),
                needs_assessment_date: None,
            });
        }

        // A personal adviser, usually before 18; later when practice is poor.
        let pa_start = if self.rng.chance(self.g.practice.adviser_by_18) {
            (eligible_from + self.rng.range(60, 500))
                .min(eighteen - self.rng.range(1, 60))
                .max(eligible_from)
        } else {
            eighteen + self.rng.range(20, 240)
        };
        if pa_start <= today {
            self.segment(
                pa_start,
                None,
                TeamKind::LeavingCare,
                AllocationRole::PersonalAdviser,
                None,
            );
        }

        // Keeping in touch, at least every two months (T-CL-PA).
        if let (Some(left), true) = (left_care, leavers) {
            let mut d = left.max(eighteen.min(left + 30)) + self.rng.range(0, 20);
            while d <= today {
                let on = self.mostly_workday(d).min(today);
                self.leaver_contact(on, pa_start <= on)?;
                d += self.rng.range(30, 62)
                    + if self.rng.chance(self.g.practice.late_visit) {
                        self.rng.range(10, 60)
                    } else {
                        0
                    };
            }
        }

        // Pathway plan reviews at least every six months (T-CL-PPR).
        let mut d = eligible_from + self.rng.range(20, 90);
        loop {
            d = self.workday(d);
            if d > today {
                break;
            }
            let id = self.id(K::PathwayReview)?;
            self.rec.pathway_plan_reviews.push(PathwayPlanReview {
                id,
                child_id: self.pid(),
                date: date(d),
            });
            let plan = self
                .rec
                .care_leaver
                .iter()
                .rev()
                .find(|c| {
                    let on = date(d);
                    c.eligible_from <= on && c.end_date.is_none_or(|e| e >= on)
                })
                .map(|c| c.id.clone());
            if let Some(plan) = plan
                && !self.rng.chance(self.g.practice.plan_without_actions)
            {
                self.actions(PlanKind::Pathway, &plan, d, None)?;
            }
            d += self.rng.range(120, 182)
                + if self.rng.chance(self.g.practice.late_review) {
                    self.rng.range(10, 90)
                } else {
                    0
                };
        }
        Ok(())
    }

    fn leaver_contact(&mut self, d: Day, has_adviser: bool) -> R<()> {
        use CareLeaverAccommodation::*;
        use CareLeaverActivity::*;
        let t = &self.g.config.targets;
        let (eet, suitable) = (
            t.care_leaver_eet_share,
            t.care_leaver_suitable_accommodation_share,
        );
        let in_touch = self.rng.weighted(&[
            (CareLeaverInTouch::Yes, 88),
            (CareLeaverInTouch::No, 5),
            (CareLeaverInTouch::Refused, 3),
            (CareLeaverInTouch::NoLongerRequiresServices, 2),
            (CareLeaverInTouch::ReturnedHome, 2),
        ]);
        let (activity, accommodation, accommodation_suitable) =
            if in_touch == CareLeaverInTouch::Yes {
                let activity = if self.rng.chance(eet) {
                    self.rng.weighted(&[
                        (HigherEducationFullTime, 12),
                        (HigherEducationPartTime, 2),
                        (OtherEducationFullTime, 30),
                        (OtherEducationPartTime, 8),
                        (ApprenticeshipFullTime, 8),
                        (ApprenticeshipPartTime, 2),
                        (TrainingOrEmploymentFullTime, 25),
                        (TrainingOrEmploymentPartTime, 13),
                    ])
                } else {
                    self.rng.weighted(&[
                        (NeetIllnessOrDisability, 25),
                        (NeetOther, 60),
                        (NeetPregnancyOrParenting, 15),
                    ])
                };
                let is_suitable = self.rng.chance(suitable);
                let accommodation = if is_suitable {
                    self.rng.weighted(&[
                        (IndependentLiving, 30),
                        (SemiIndependent, 20),
                        (WithFormerFosterCarers, 12),
                        (SupportedLodgings, 8),
                        (WithParentsOrRelatives, 10),
                        (Foyer, 5),
                        (OrdinaryLodgings, 3),
                        (CommunityHomeOrResidentialCare, 2),
                        (Other, 2),
                    ])
                } else {
                    self.rng.weighted(&[
                        (NoFixedAbode, 25),
                        (EmergencyAccommodation, 15),
                        (BedAndBreakfast, 15),
                        (InCustody, 15),
                        (NotKnown, 10),
                        (OrdinaryLodgings, 10),
                        (SemiIndependent, 10),
                    ])
                };
                (Some(activity), Some(accommodation), Some(is_suitable))
            } else {
                (None, None, None)
            };
        let id = self.id(K::LeaverContact)?;
        self.rec.care_leaver_contacts.push(CareLeaverContact {
            id,
            child_id: self.pid(),
            date: date(d),
            in_touch,
            activity,
            accommodation,
            accommodation_suitable,
        });
        if in_touch == CareLeaverInTouch::Yes && has_adviser && self.rng.chance(0.6) {
            self.visit(VisitKind::PersonalAdviser, d, false)?;
        }
        Ok(())
    }
}
