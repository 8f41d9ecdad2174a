//! Looking after a child: statutory reviews, care plans, visits, health and dental
//! checks, SDQs, PEPs, missing episodes in care and permanence.

use caseline_domain::RecordId;
use caseline_domain::codes::{
    CarePlanIntention, HealthCheckKind, HealthCheckStatus, ParticipationCode, PermanenceOrder,
    PlacementType, PlanKind, SdqReason, VisitKind,
};
use caseline_domain::health::{
    Conviction, HealthCheck, ImmunisationCheck, PersonalEducationPlan, SdqScore, SubstanceMisuse,
};
use caseline_domain::looked_after::{CarePlan, LookedAfterReview};
use caseline_domain::permanence::{AdoptionDetails, Permanence};

use crate::child::{Builder, K, R};
use crate::days::{Day, YEAR, add_years, date, from_ymd, ymd};
use crate::spec::{AdoptionPlan, CareSpec, Exit};

fn yd(years: f64) -> i32 {
    (years * YEAR) as i32
}

impl Builder<'_> {
    /// Who adopted the child (SSDA903 AD1).
    pub(crate) fn adoption_details(
        &mut self,
        permanence_id: &RecordId,
        by_foster_carer: bool,
    ) -> R<()> {
        use caseline_domain::codes::{AdopterLegalStatus as L, AdopterSex as S};
        let (sex, status) = self.rng.weighted(&[
            ((S::MaleAndFemaleCouple, L::MarriedDifferentGender), 55),
            ((S::MaleAndFemaleCouple, L::UnmarriedDifferentGender), 15),
            ((S::FemaleCouple, L::MarriedSameGender), 3),
            ((S::FemaleCouple, L::CivilPartnership), 3),
            ((S::MaleCouple, L::MarriedSameGender), 3),
            ((S::MaleCouple, L::UnmarriedSameGender), 2),
            ((S::SingleFemale, L::Single), 15),
            ((S::SingleMale, L::Single), 4),
        ]);
        let single = matches!(sex, S::SingleFemale | S::SingleMale);
        let id = self.id(K::AdoptionDetails)?;
        self.rec.adoption_details.push(AdoptionDetails {
            id,
            child_id: self.pid(),
            permanence_id: permanence_id.clone(),
            adopted_by_foster_carer: by_foster_carer,
            number_of_adopters: if single { 1 } else { 2 },
            adopter_sex: sex,
            adopter_legal_status: status,
        });
        Ok(())
    }

    pub(crate) fn participation(&mut self, on: Day) -> Option<ParticipationCode> {
        use ParticipationCode::*;
        if self.age_on(on).is_none_or(|a| a < 4) {
            return Some(UnderFour);
        }
        Some(self.rng.weighted(&[
            (AttendsAndSpeaks, 45),
            (AttendsAdvocateSpeaks, 8),
            (AttendsConveysSymbolically, 5),
            (AttendsDoesNotContribute, 5),
            (AbsentBriefsAdvocate, 12),
            (AbsentFacilitativeMedium, 10),
            (AbsentViewsNotConveyed, 15),
        ]))
    }

    pub(crate) fn looked_after_reviews(
        &mut self,
        period_id: &RecordId,
        entry: Day,
        last: Day,
    ) -> R<()> {
        let late = self.g.practice.late_review;
        let first_wd = if self.rng.chance(late) {
            20 + self.rng.range(1, 25) as u32
        } else {
            self.rng.range(12, 20) as u32
        };
        let mut d = self.wd(entry, first_wd);
        let mut n = 0;
        loop {
            d = self.workday(d);
            if d > last {
                break;
            }
            // The IRO sees the child before each review (CPR2010 reg 36; IRO Handbook
            // 2010 para 3.14): the date Annex A list 8 reports as the last IRO contact.
            let iro_contact = (d - self.rng.range(2, 10)).max(entry);
            self.visit(VisitKind::IndependentReviewingOfficer, iro_contact, false)?;
            let id = self.id(K::Review)?;
            let participation = self
                .participation(d)
                .unwrap_or(ParticipationCode::UnderFour);
            self.rec.looked_after_reviews.push(LookedAfterReview {
                id,
                child_id: self.pid(),
                period_id: period_id.clone(),
                date: date(d),
                participation,
            });
            n += 1;
            let on_time = !self.rng.chance(late);
            d += match (n, on_time) {
                (1, true) => self.rng.range(70, 91),
                (1, false) => self.rng.range(92, 130),
                (_, true) => self.rng.range(150, 182),
                (_, false) => self.rng.range(183, 240),
            };
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn care_plans(
        &mut self,
        care: &CareSpec,
        period_id: &RecordId,
        entry: Day,
        end: Option<Day>,
        last: Day,
        adoption: Option<&AdoptionPlan>,
        reversed: Option<(Day, caseline_domain::codes::DecisionReversedReason)>,
    ) -> R<()> {
        use CarePlanIntention::*;
        let start = self.wd_between(entry, 0, 10);
        if start > last {
            return Ok(());
        }
        let age = self.age_days(entry);
        let switch = start + self.rng.range(120, 240);
        // (start, end, intention); end None runs to the end of the period.
        let mut plans: Vec<(Day, Option<Day>, CarePlanIntention)> = Vec::new();
        match (care.exit, adoption) {
            (_, Some(a)) => {
                let adm = entry + a.adm;
                plans.push((start, Some(adm.max(start)), EventualReturn));
                match reversed {
                    Some((r, _)) => {
                        plans.push((start, Some(r.max(start)), Adoption));
                        plans.push((r.max(start), None, LongTermRelativeOrFriend));
                    }
                    None => plans.push((start, None, Adoption)),
                }
            }
            (Exit::ReturnHome, _) => plans.push((
                start,
                None,
                if care.duration < 60 {
                    ReturnWithinOneMonth
                } else {
                    ReturnWithinSixMonths
                },
            )),
            (Exit::Sgo | Exit::Cao, _) => {
                plans.push((start, Some(switch), EventualReturn));
                plans.push((switch, None, LongTermRelativeOrFriend));
            }
            (Exit::ToEighteen | Exit::Relevant, _) if age >= yd(16.0) => {
                plans.push((start, None, SupportedLiving))
            }
            (Exit::ToEighteen | Exit::Relevant, _) => {
                plans.push((start, Some(switch), EventualReturn));
                let long = if self.rng.chance(0.8) {
                    LongTermFosteringTo18
                } else {
                    ResidentialPlacement
                };
                plans.push((switch, None, long));
            }
            _ => plans.push((start, None, OtherPlan)),
        }
        let with_actions = !self.rng.chance(self.g.practice.plan_without_actions);
        for (s, e, intention) in plans {
            if s > last {
                continue;
            }
            let e = e.map(|e| e.min(end.unwrap_or(e))).or(end);
            let e = e.filter(|e| *e <= self.today && *e <= last + 1);
            let id = self.id(K::CarePlan)?;
            self.rec.care_plans.push(CarePlan {
                id,
                child_id: self.pid(),
                period_id: period_id.clone(),
                start_date: date(s),
                end_date: e.map(date),
                intention,
            });
        }
        if with_actions {
            // Actions agreed at each review (and at the start) on the care plan.
            let mut agreed: Vec<Day> = vec![start];
            agreed.extend(
                self.rec
                    .looked_after_reviews
                    .iter()
                    .filter(|r| &r.period_id == period_id)
                    .map(|r| crate::days::day(r.date)),
            );
            for d in agreed {
                self.actions(
                    PlanKind::Care,
                    period_id,
                    d,
                    end.filter(|e| *e <= self.today),
                )?;
            }
        }
        Ok(())
    }

    /// Within a week of each placement starting, then every 6 weeks, or every 3 months
    /// once a long-term placement has lasted a year (CPR2010 reg 28).
    pub(crate) fn cla_visits(&mut self, placements: &[(Day, PlacementType)], last: Day) -> R<()> {
        let late = self.g.practice.late_visit;
        for (i, &(start, kind)) in placements.iter().enumerate() {
            let until = placements.get(i + 1).map_or(last, |p| p.0 - 1).min(last);
            let mut d = start + self.rng.range(1, 7);
            while d <= until {
                let on = self.mostly_workday(d).min(until);
                self.visit(VisitKind::LookedAfter, on, false)?;
                let long_term = matches!(
                    kind,
                    PlacementType::FosterRelativeFriendLongTerm
                        | PlacementType::FosterOtherLongTerm
                ) || kind.is_adoption();
                let interval = if long_term && d - start > 365 { 91 } else { 42 };
                let mut gap = interval - self.rng.range(0, interval / 3);
                if self.rng.chance(late) {
                    gap += self.rng.range(7, interval / 2);
                }
                d += gap;
            }
        }
        Ok(())
    }

    /// Initial health assessment before the first review, reviews every 6 months under 5
    /// and every 12 months from 5, and yearly dental checks (T-CLA-HA).
    pub(crate) fn health(&mut self, entry: Day, last: Day) -> R<()> {
        let on_time = self.rng.chance(self.g.practice.iha_on_time);
        let iha = if on_time {
            self.wd_between(entry, 5, 20)
        } else {
            self.wd_between(entry, 21, 60)
        };
        let mut d = iha;
        let mut kind = HealthCheckKind::InitialHealthAssessment;
        loop {
            d = self.workday(d);
            if d > last {
                break;
            }
            let teen = self.age_on(d).is_some_and(|a| a >= 13);
            let status = self.rng.weighted(&[
                (HealthCheckStatus::Completed, 92),
                (HealthCheckStatus::Refused, if teen { 6 } else { 0 }),
                (
                    HealthCheckStatus::Cancelled,
                    self.g.practice.health_cancelled_weight,
                ),
            ]);
            self.health_check(kind, d, status)?;
            if status == HealthCheckStatus::Completed {
                let id = self.id(K::Immunisation)?;
                let up_to_date = self.rng.chance(0.88);
                self.rec.immunisation_checks.push(ImmunisationCheck {
                    id,
                    child_id: self.pid(),
                    date: date(d),
                    up_to_date,
                });
            }
            kind = HealthCheckKind::ReviewHealthAssessment;
            let interval = if self.age_on(d).is_some_and(|a| a >= 5) {
                365
            } else {
                182
            };
            d += interval - self.rng.range(0, 30)
                + if self.rng.chance(self.g.practice.late_visit) {
                    self.rng.range(10, 60)
                } else {
                    0
                };
        }
        let mut d = entry + self.rng.range(30, 120);
        loop {
            d = self.workday(d);
            if d > last {
                break;
            }
            if self.age_on(d).is_some_and(|a| a >= 1) {
                let status = self.rng.weighted(&[
                    (HealthCheckStatus::Completed, 85),
                    (HealthCheckStatus::Refused, 7),
                    (
                        HealthCheckStatus::Cancelled,
                        5 + self.g.practice.health_cancelled_weight,
                    ),
                ]);
                self.health_check(HealthCheckKind::Dental, d, status)?;
            }
            d += self.rng.range(300, 365)
                + if self.rng.chance(self.g.practice.late_visit) {
                    self.rng.range(10, 90)
                } else {
                    0
                };
        }
        Ok(())
    }

    pub(crate) fn health_check(
        &mut self,
        kind: HealthCheckKind,
        d: Day,
        status: HealthCheckStatus,
    ) -> R<()> {
        let id = self.id(K::Health)?;
        self.rec.health_checks.push(HealthCheck {
            id,
            child_id: self.pid(),
            kind,
            date: date(d),
            status,
        });
        Ok(())
    }

    /// SDQs each year in care (scores for ages 4-16, SDQ1 otherwise) and termly PEPs
    /// for school-age children (T-CLA-PEP).
    pub(crate) fn sdq_and_pep(&mut self, entry: Day, last: Day) -> R<()> {
        let mut d = entry + 365 + self.rng.range(-20, 20);
        while d <= last {
            let age = self.age_on(d).unwrap_or(0);
            let (score, reason) = if !(4..=16).contains(&age) {
                (None, Some(SdqReason::OutsideAgeRange))
            } else if self.rng.chance(0.06) {
                (
                    None,
                    Some(self.rng.pick(&[
                        SdqReason::CarerRefused,
                        SdqReason::YoungPersonRefused,
                        SdqReason::Other,
                    ])),
                )
            } else {
                (
                    Some(
                        self.rng
                            .triangular(0.0, 12.0, 40.0)
                            .round()
                            .clamp(0.0, 40.0) as u8,
                    ),
                    None,
                )
            };
            let id = self.id(K::Sdq)?;
            self.rec.sdq_scores.push(SdqScore {
                id,
                child_id: self.pid(),
                date: date(d),
                score,
                reason_not_done: reason,
            });
            d += 365 + self.rng.range(-20, 20);
        }
        let school =
            |b: &Self, d: Day| b.age_days(d) >= yd(4.5) && b.age_on(d).is_some_and(|a| a < 18);
        let initial = self.wd_between(entry, 5, 10);
        if initial <= last && school(self, initial) {
            self.pep(initial)?;
        }
        let (y0, _, _) = ymd(entry);
        let (y1, _, _) = ymd(last);
        for y in y0..=y1 {
            for (m, d) in [(2, 10), (6, 10), (10, 15)] {
                let day = from_ymd(y, m, d) + self.rng.range(-15, 15);
                if day > initial + 30
                    && day <= last
                    && school(self, day)
                    && !self.rng.chance(self.g.practice.late_review * 0.5)
                {
                    self.pep(day)?;
                }
            }
        }
        Ok(())
    }

    pub(crate) fn pep(&mut self, d: Day) -> R<()> {
        let d = self.workday(d);
        if d > self.today {
            return Ok(());
        }
        let id = self.id(K::Pep)?;
        self.rec.peps.push(PersonalEducationPlan {
            id,
            child_id: self.pid(),
            date: date(d),
        });
        Ok(())
    }

    pub(crate) fn missing_in_care(&mut self, entry: Day, last: Day) -> R<()> {
        let Some(dob) = self.dob else {
            return Ok(());
        };
        let mut block = entry.max(add_years(dob, 11));
        while block <= last {
            let block_end = (block + 364).min(last);
            if self.rng.chance(0.3) {
                let n = 1 + self.rng.poisson(1.2);
                for _ in 0..n {
                    let d = self.rng.range(block, block_end);
                    self.missing_episode(d)?;
                }
            }
            // Substance misuse and offending among older children in care (903 OC2).
            if self.age_on(block).is_some_and(|a| a >= 13) {
                if self.rng.chance(0.05) {
                    let id = self.id(K::SubstanceMisuse)?;
                    let offered = self.rng.chance(0.9);
                    let received = offered && self.rng.chance(0.6);
                    let on = self.rng.range(block, block_end);
                    self.rec.substance_misuse.push(SubstanceMisuse {
                        id,
                        child_id: self.pid(),
                        date: date(on),
                        intervention_offered: offered,
                        intervention_received: received,
                    });
                }
                if self.rng.chance(0.03) {
                    let id = self.id(K::Conviction)?;
                    let on = self.rng.range(block, block_end);
                    self.rec.convictions.push(Conviction {
                        id,
                        child_id: self.pid(),
                        date: date(on),
                    });
                }
            }
            block += 365;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn permanence(
        &mut self,
        care: &CareSpec,
        period_id: &RecordId,
        entry: Day,
        end: Option<Day>,
        adoption: Option<&AdoptionPlan>,
        order_day: Option<Day>,
        placed: Option<Day>,
        reversed: Option<(Day, caseline_domain::codes::DecisionReversedReason)>,
    ) -> R<()> {
        let today = self.today;
        let on = |d: Day| (d <= today).then_some(d);
        let order = match (care.exit, end) {
            (Exit::Adoption, Some(e)) => Some((PermanenceOrder::Adoption, e)),
            (Exit::Sgo, Some(e)) => Some((PermanenceOrder::SpecialGuardianship, e)),
            (Exit::Cao, Some(e)) => Some((PermanenceOrder::ChildArrangements, e)),
            _ => None,
        };
        if adoption.is_none() && order.is_none() {
            return Ok(());
        }
        let adm = adoption.and_then(|a| on(entry + a.adm));
        if adoption.is_some() && adm.is_none() {
            return Ok(());
        }
        let reversed_on = reversed.filter(|(r, _)| *r <= today);
        let matched = adoption
            .map(|a| entry + a.matched)
            .filter(|m| reversed.is_none_or(|(r, _)| r > *m))
            .and_then(on);
        let id = self.id(K::Permanence)?;
        if let (Some((PermanenceOrder::Adoption, _)), Some(a)) = (order, adoption) {
            self.adoption_details(&id, a.with_foster_carer)?;
        }
        self.rec.permanence.push(Permanence {
            id,
            child_id: self.pid(),
            period_id: period_id.clone(),
            adm_decision_date: adm.map(date),
            placement_order_date: order_day.and_then(on).map(date),
            matched_date: matched.map(date),
            placed_date: placed.and_then(on).map(date),
            order_kind: order.map(|o| o.0),
            order_date: order.map(|o| date(o.1)),
            decision_reversed_date: reversed_on.map(|r| date(r.0)),
            decision_reversed_reason: reversed_on.map(|r| r.1),
        });
        Ok(())
    }
}
