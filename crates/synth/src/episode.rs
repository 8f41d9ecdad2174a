//! One episode of need: the contact and referral, the assessment, any strategy
//! discussion, section 47 enquiry and conferences, the child in need or child
//! protection plan with its visits and actions, and closure. Periods of care are built
//! in `care.rs`.

use caseline_domain::RecordId;
use caseline_domain::assessment::Assessment;
use caseline_domain::child_protection::{
    ChildInNeedPlan, ChildProtectionConference, ChildProtectionPlan, CoreGroupMeeting,
};
use caseline_domain::codes::{
    Agency, AllocationRole, AssessmentFactor, AssessmentOutcome, CategoryOfAbuse, ConferenceKind,
    PlanKind, PreProceedingsOutcome, PrimaryNeed, ReasonForClosure, Section47Outcome, VisitKind,
    WorkerChangeReason,
};
use caseline_domain::other_services::{PreProceedings, PrivateFosteringArrangement};
use caseline_domain::referral::Referral;
use caseline_domain::section_47::Section47Enquiry;
use caseline_domain::strategy_discussion::{AgencyParticipation, StrategyDiscussion};

use crate::child::{Builder, K, R, Span};
use crate::days::{Day, date};
use crate::names;
use crate::spec::{Exit, Route, Spec};
use crate::workforce::TeamKind;

/// An initial conference to come: its day and id.
type Conference = (Day, RecordId);

impl Builder<'_> {
    /// Builds one episode referred on `f`. `keep_open` leaves it open on `today`;
    /// `open_assessment` leaves its assessment unauthorised.
    pub(crate) fn episode(
        &mut self,
        spec: &Spec,
        f: Day,
        keep_open: bool,
        open_assessment: bool,
    ) -> R<()> {
        if spec.private_fostering && self.age_on(f).is_none_or(|a| a < 5) {
            // Private fostering is an arrangement for an older child.
            let mut s = spec.clone();
            s.private_fostering = false;
            return self.episode(&s, f, keep_open, open_assessment);
        }
        let today = self.today;
        let ref_id = self.id(K::Referral)?;
        let contact_id = self.referral_contact(spec, f)?;
        let stage_team = if spec.need == PrimaryNeed::ChildsDisability {
            TeamKind::Disabled
        } else {
            TeamKind::Assessment
        };
        let mut closure: Option<(Day, ReasonForClosure)> = None;
        // Social work stages: (start day, team). The last one runs to closure.
        let mut stages: Vec<(Day, TeamKind)> = Vec::new();

        if spec.route == Route::ReferralNfa {
            closure = Some((
                f + spec.close_delay,
                ReasonForClosure::ClosedAfterAssessmentNoFurtherAction,
            ));
        } else {
            stages.push((f, stage_team));
            let auth = self.assessment(spec, f, &ref_id, open_assessment)?;
            let auth_day = auth.unwrap_or(self.wd(f, spec.assess_wd));
            let (_sd, icpc) = if spec.s47 {
                self.section_47(spec, f, &ref_id)?
            } else {
                (None, None)
            };
            let cin_team = if stage_team == TeamKind::Disabled {
                TeamKind::Disabled
            } else {
                TeamKind::CinCp
            };
            let transfer_out = |_: &mut Self| {
                if spec.transfer_out {
                    ReasonForClosure::TransferredToAnotherLa
                } else {
                    ReasonForClosure::ServicesCeasedOtherReason
                }
            };
            match spec.route {
                Route::ReferralNfa => {}
                Route::AssessedNfa => {
                    let reason = if spec.early_help_after {
                        ReasonForClosure::ClosedAfterAssessmentReferredToEarlyHelp
                    } else {
                        ReasonForClosure::ClosedAfterAssessmentNoFurtherAction
                    };
                    closure = Some((auth_day + spec.close_delay, reason));
                }
                Route::CinServices => {
                    let end = auth_day + spec.plan_days + spec.close_delay;
                    self.visits(VisitKind::ChildInNeed, auth_day + 5, Some(end), 35, false)?;
                    self.missing_from_home(f, end)?;
                    let reason = transfer_out(self);
                    closure = Some((end, reason));
                }
                Route::CinPlan => {
                    let start = match icpc {
                        Some((icpc_day, conf_id)) => {
                            self.initial_conference(&ref_id, icpc_day, conf_id, None)?;
                            icpc_day
                        }
                        None => self.workday(auth_day + spec.cin_gap),
                    };
                    let end = start + spec.plan_days;
                    self.cin_plan(&ref_id, start, end)?;
                    stages.push((start, cin_team));
                    self.missing_from_home(start, end)?;
                    let reason = transfer_out(self);
                    closure = Some((end + spec.close_delay, reason));
                }
                Route::Cp => {
                    // Until the initial conference is held there is no plan yet.
                    if let Some((icpc_day, conf_id)) = icpc {
                        stages.push((icpc_day, cin_team));
                        let plan_end = self.workday(icpc_day + spec.plan_days);
                        self.cp_plan(spec, &ref_id, icpc_day, conf_id, Some(plan_end))?;
                        if spec.pre_proceedings {
                            self.pre_proceedings(icpc_day, None)?;
                        }
                        self.missing_from_home(icpc_day, plan_end)?;
                        let mut end = plan_end;
                        if spec.stepdown_days > 0 {
                            end = plan_end + spec.stepdown_days;
                            self.cin_plan(&ref_id, plan_end, end)?;
                        }
                        let reason = transfer_out(self);
                        closure = Some((end + spec.close_delay, reason));
                    }
                }
                Route::Care => {
                    let Some(care) = spec.care.as_ref() else {
                        return Ok(());
                    };
                    let entry = match (care.via_cp, icpc) {
                        (true, Some((icpc_day, conf_id))) => {
                            stages.push((icpc_day, cin_team));
                            let entry = icpc_day + spec.plan_days;
                            self.cp_plan(spec, &ref_id, icpc_day, conf_id, Some(entry))?;
                            if spec.pre_proceedings {
                                self.pre_proceedings(icpc_day, Some(entry))?;
                            }
                            Some(entry)
                        }
                        (true, None) => None,
                        (false, _) => Some(f + care.direct_offset),
                    };
                    let Some(mut entry) = entry else {
                        return self.finish_episode(spec, f, ref_id, contact_id, None, stages);
                    };
                    if let Some(dob) = self.dob {
                        entry = entry.max(dob);
                    }
                    if entry <= today {
                        let period = self.period(spec, care, &ref_id, entry, keep_open)?;
                        if let Some(cic) = period.cic_from {
                            stages.push((cic, TeamKind::ChildrenInCare));
                        }
                        if let Some(adoption_team) = period.adoption_team_from {
                            stages.push((adoption_team, TeamKind::Adoption));
                        }
                        if let Some(end) = period.end {
                            let reason = match period.exit {
                                Exit::Adoption => ReasonForClosure::Adopted,
                                Exit::Sgo => ReasonForClosure::SpecialGuardianshipOrder,
                                Exit::Cao => ReasonForClosure::ChildArrangementsOrder,
                                Exit::TransferLa => ReasonForClosure::TransferredToAnotherLa,
                                _ => ReasonForClosure::ServicesCeasedOtherReason,
                            };
                            closure = Some((end + spec.close_delay, reason));
                        }
                    }
                }
            }
            if let Some((c, reason)) = closure {
                // Never close before the assessment was authorised.
                closure = Some((c.max(auth_day), reason));
            }
        }
        if keep_open {
            closure = None;
        }
        self.finish_episode(spec, f, ref_id, contact_id, closure, stages)
    }

    /// Closes (or leaves open) the episode, records the allocation stages and the
    /// referral itself.
    fn finish_episode(
        &mut self,
        spec: &Spec,
        f: Day,
        ref_id: RecordId,
        contact_id: RecordId,
        closure: Option<(Day, ReasonForClosure)>,
        mut stages: Vec<(Day, TeamKind)>,
    ) -> R<()> {
        let today = self.today;
        let closure = closure.filter(|(c, _)| *c <= today);
        let close_day = closure.map(|(c, _)| c);
        if spec.private_fostering {
            self.private_fostering(f, close_day)?;
        }
        self.spans.push(Span {
            from: f,
            to: close_day,
        });
        // Social work allocation stages, each ending when the next begins.
        stages.sort_by_key(|s| s.0);
        stages.retain(|s| close_day.is_none_or(|c| s.0 <= c));
        stages.dedup_by(|b, a| b.1 == a.1);
        for (i, &(start, kind)) in stages.iter().enumerate() {
            let next = stages.get(i + 1).map(|s| s.0);
            let (end, reason) = match next {
                Some(n) => (Some(n - 1), Some(WorkerChangeReason::StandardTransfer)),
                None => (close_day, None),
            };
            if end.is_some_and(|e| e < start) {
                continue;
            }
            self.segment(
                start,
                end,
                kind,
                AllocationRole::AllocatedSocialWorker,
                reason,
            );
        }
        self.rec.referrals.push(Referral {
            id: ref_id,
            child_id: self.pid(),
            contact_id: Some(contact_id),
            referral_date: date(f),
            source: spec.source,
            primary_need: spec.need,
            no_further_action: spec.route == Route::ReferralNfa,
            closure_date: closure.map(|(c, _)| date(c)),
            closure_reason: closure.map(|(_, r)| r),
            team_id: None,
            worker_id: None,
        });
        Ok(())
    }

    /// The child and family assessment; returns the authorisation day if authorised.
    fn assessment(&mut self, spec: &Spec, f: Day, ref_id: &RecordId, open: bool) -> R<Option<Day>> {
        let start = self.wd(f, spec.assess_start_wd);
        if start > self.today {
            return Ok(None);
        }
        let auth = self.wd(f, spec.assess_wd);
        let seen = self.wd(f, spec.seen_wd).min(auth).max(start);
        let authorised = (!open && auth <= self.today).then_some(auth);
        let born = self.dob.is_some_and(|d| d <= seen);
        let seen_date = (seen <= self.today && born).then_some(seen);
        if let Some(s) = seen_date {
            self.visit(VisitKind::Assessment, s, true)?;
        }
        let outcome = authorised.map(|_| match spec.route {
            Route::ReferralNfa | Route::AssessedNfa => {
                if spec.early_help_after {
                    AssessmentOutcome::EarlyHelp
                } else {
                    AssessmentOutcome::NoFurtherAction
                }
            }
            Route::CinServices if spec.need == PrimaryNeed::ChildsDisability => {
                AssessmentOutcome::ShortBreaks
            }
            Route::CinServices | Route::CinPlan => AssessmentOutcome::ChildInNeedPlan,
            Route::Cp => AssessmentOutcome::StrategyDiscussion,
            Route::Care => {
                if spec.care.as_ref().is_some_and(|c| c.via_cp) {
                    AssessmentOutcome::LegalAction
                } else {
                    AssessmentOutcome::BecomeLookedAfter
                }
            }
        });
        let factors = if authorised.is_some() {
            self.factors(spec, f)
        } else {
            Vec::new()
        };
        let id = self.id(K::Assessment)?;
        self.rec.assessments.push(Assessment {
            id,
            child_id: self.pid(),
            referral_id: ref_id.clone(),
            start_date: date(start),
            child_seen_date: seen_date.map(date),
            authorised_date: authorised.map(date),
            factors,
            outcome,
            team_id: None,
            worker_id: None,
        });
        Ok(authorised)
    }

    fn factors(&mut self, spec: &Spec, f: Day) -> Vec<AssessmentFactor> {
        use AssessmentFactor::*;
        if spec.route == Route::AssessedNfa && self.rng.chance(0.3) {
            return vec![NoFactorsIdentified];
        }
        let teen = self.age_on(f).is_some_and(|a| a >= 12);
        let mut pool: Vec<(AssessmentFactor, u32)> = vec![
            (DomesticViolenceParentCarer, 30),
            (MentalHealthParentCarer, 28),
            (Neglect, 18),
            (EmotionalAbuse, 16),
            (DrugMisuseParentCarer, 15),
            (AlcoholMisuseParentCarer, 14),
            (PhysicalAbuseAdultOnChild, 6),
            (SexualAbuseAdultOnChild, 3),
            (LearningDisabilityParentCarer, 4),
            (Other, 8),
        ];
        if teen {
            pool.extend([
                (MentalHealthChild, 25),
                (SelfHarm, 10),
                (SociallyUnacceptableBehaviour, 8),
                (Missing, 8),
                (ChildSexualExploitation, 5),
                (ChildCriminalExploitation, 6),
                (Gangs, 3),
                (DrugMisuseChild, 4),
            ]);
        }
        if self.disabled {
            pool.extend([
                (LearningDisabilityChild, 30),
                (PhysicalDisabilityOrIllnessChild, 10),
            ]);
        }
        if self.rec.child.uasc {
            return vec![UnaccompaniedAsylumSeekingChild];
        }
        if spec.private_fostering {
            return vec![PrivatelyFosteredUkFamilyArrangement];
        }
        let n = self.rng.range(1, 4);
        let mut out: Vec<AssessmentFactor> = Vec::new();
        for _ in 0..n {
            let f = self.rng.weighted(&pool);
            if !out.contains(&f) {
                out.push(f);
            }
        }
        out
    }

    /// Strategy discussion and section 47 enquiry. Returns the strategy discussion day and,
    /// when an initial conference follows, its day and id.
    fn section_47(
        &mut self,
        spec: &Spec,
        f: Day,
        ref_id: &RecordId,
    ) -> R<(Option<Day>, Option<Conference>)> {
        let sd = self.wd(f, spec.sd_wd);
        if sd > self.today {
            return Ok((None, None));
        }
        let p = &self.g.practice;
        let (police, health, education) = (p.police_attend, p.health_attend, p.education_attend);
        let school_age = self.age_on(sd).is_some_and(|a| a >= 4);
        let mut agencies = vec![AgencyParticipation {
            agency: Agency::SocialCare,
            invited: true,
            attended: true,
            contributed: true,
        }];
        for (agency, attend, invite) in [
            (Agency::Police, police, 1.0),
            (Agency::Health, health, 1.0),
            (
                Agency::Education,
                education,
                if school_age { 0.9 } else { 0.0 },
            ),
            (Agency::Other, 0.6, 0.15),
        ] {
            if !self.rng.chance(invite) {
                continue;
            }
            let attended = self.rng.chance(attend);
            let contributed = attended || self.rng.chance(0.5);
            agencies.push(AgencyParticipation {
                agency,
                invited: true,
                attended,
                contributed,
            });
        }
        let sd_id = self.id(K::Strategy)?;
        self.rec.strategy_discussions.push(StrategyDiscussion {
            id: sd_id.clone(),
            child_id: self.pid(),
            referral_id: ref_id.clone(),
            date: date(sd),
            section_47_agreed: true,
            agencies,
        });
        let s47_id = self.id(K::Section47)?;
        let (end, outcome, icpc) = if spec.icpc {
            let icpc = self.wd(sd, spec.icpc_wd);
            let conf = self.id(K::Conference)?;
            (
                icpc,
                Section47Outcome::InitialConference,
                Some((icpc, conf)),
            )
        } else {
            let end = self.wd(sd, spec.s47_len_wd);
            let outcome = match spec.route {
                Route::AssessedNfa => Section47Outcome::NoFurtherAction,
                Route::CinServices => Section47Outcome::ContinueAssessment,
                Route::CinPlan => Section47Outcome::ChildInNeedPlan,
                Route::Care => Section47Outcome::LegalAction,
                _ => Section47Outcome::Monitor,
            };
            (end, outcome, None)
        };
        let done = end <= self.today;
        self.rec.section_47_enquiries.push(Section47Enquiry {
            id: s47_id.clone(),
            child_id: self.pid(),
            referral_id: ref_id.clone(),
            strategy_discussion_id: Some(sd_id),
            start_date: date(sd),
            end_date: done.then(|| date(end)),
            outcome: done.then_some(outcome),
            worker_id: None,
        });
        self.pending_s47 = Some(s47_id);
        Ok((Some(sd), icpc.filter(|(d, _)| *d <= self.today)))
    }

    /// An initial conference; `plan` is the plan it made, if any.
    fn initial_conference(
        &mut self,
        ref_id: &RecordId,
        day: Day,
        id: RecordId,
        plan: Option<RecordId>,
    ) -> R<()> {
        let s47 = self.pending_s47.take();
        self.rec.conferences.push(ChildProtectionConference {
            id,
            child_id: self.pid(),
            referral_id: ref_id.clone(),
            kind: ConferenceKind::Initial,
            section_47_id: s47,
            cp_plan_id: plan.clone(),
            date: date(day),
            child_protection_plan: plan.is_some(),
            transfer_in: false,
            participation: None,
        });
        Ok(())
    }

    /// A child protection plan from the ICPC on `start` to `end` (a review conference,
    /// or the day the child came into care), with reviews, core groups, visits and
    /// actions.
    fn cp_plan(
        &mut self,
        spec: &Spec,
        ref_id: &RecordId,
        start: Day,
        conf_id: RecordId,
        end: Option<Day>,
    ) -> R<()> {
        let today = self.today;
        let plan_id = self.id(K::CpPlan)?;
        self.initial_conference(ref_id, start, conf_id.clone(), Some(plan_id.clone()))?;
        let ended = end.filter(|e| *e <= today);
        let last = ended.unwrap_or(today);
        let category = self.rng.weighted(&[
            (CategoryOfAbuse::Neglect, 52),
            (CategoryOfAbuse::Emotional, 35),
            (CategoryOfAbuse::Physical, 5),
            (CategoryOfAbuse::Sexual, 4),
            (CategoryOfAbuse::Multiple, 4),
        ]);
        let latest = if self.rng.chance(0.1) {
            CategoryOfAbuse::Multiple
        } else {
            category
        };
        self.rec.cp_plans.push(ChildProtectionPlan {
            id: plan_id.clone(),
            child_id: self.pid(),
            referral_id: ref_id.clone(),
            initial_conference_id: Some(conf_id),
            start_date: date(start),
            end_date: ended.map(date),
            initial_category: category,
            latest_category: latest,
        });
        let with_actions = !self.rng.chance(self.g.practice.plan_without_actions);
        if with_actions {
            self.actions(PlanKind::ChildProtection, &plan_id, start, ended)?;
        }
        // Review conferences; when the plan ends at one, that one ends it.
        let ends_at_review = spec.route == Route::Cp;
        for (i, off) in spec.cp_reviews.iter().enumerate() {
            let final_review = ends_at_review && i + 1 == spec.cp_reviews.len();
            let d = match (final_review, end) {
                (true, Some(e)) => e,
                _ => self.workday(start + off),
            };
            if d > last || (end.is_some_and(|e| d >= e) && !final_review) {
                break;
            }
            let id = self.id(K::Conference)?;
            let participation = self.participation(d);
            self.rec.conferences.push(ChildProtectionConference {
                id,
                child_id: self.pid(),
                referral_id: ref_id.clone(),
                kind: ConferenceKind::Review,
                section_47_id: None,
                cp_plan_id: Some(plan_id.clone()),
                date: date(d),
                child_protection_plan: !final_review,
                transfer_in: false,
                participation,
            });
            if with_actions && !final_review {
                self.actions(PlanKind::ChildProtection, &plan_id, d, ended)?;
            }
        }
        // Core groups: the first within 10 working days of the ICPC (T-CG-1), then
        // about every six weeks.
        let late = self.rng.chance(self.g.practice.late_visit);
        let mut d = if late {
            self.wd_between(start, 11, 20)
        } else {
            self.wd_between(start, 5, 10)
        };
        while d < last {
            d = self.workday(d);
            if d >= last {
                break;
            }
            let id = self.id(K::CoreGroup)?;
            self.rec.core_groups.push(CoreGroupMeeting {
                id,
                child_id: self.pid(),
                cp_plan_id: plan_id.clone(),
                date: date(d),
            });
            d += self.rng.range(35, 45)
                + if self.rng.chance(self.g.practice.late_visit) {
                    self.rng.range(7, 28)
                } else {
                    0
                };
        }
        // Visits: a local timescale of every 10 working days (domain.md §7).
        self.visits(VisitKind::ChildProtection, start + 1, ended, 14, true)?;
        self.segment(
            start,
            ended,
            TeamKind::Reviewing,
            caseline_domain::codes::AllocationRole::IndependentReviewingOfficer,
            None,
        );
        Ok(())
    }

    fn cin_plan(&mut self, ref_id: &RecordId, start: Day, end: Day) -> R<()> {
        if start > self.today {
            return Ok(());
        }
        let ended = (end <= self.today).then_some(end);
        let id = self.id(K::CinPlan)?;
        self.rec.cin_plans.push(ChildInNeedPlan {
            id: id.clone(),
            child_id: self.pid(),
            referral_id: ref_id.clone(),
            start_date: date(start),
            end_date: ended.map(date),
        });
        if !self.rng.chance(self.g.practice.plan_without_actions) {
            // Agreed at the start and at each review, about every three months.
            let last = ended.unwrap_or(self.today);
            let mut d = start;
            while d < last {
                self.actions(PlanKind::ChildInNeed, &id, d, ended)?;
                d += self.rng.range(80, 100);
            }
        }
        // Visits: a local timescale of about every four weeks (domain.md §7).
        self.visits(VisitKind::ChildInNeed, start + 3, ended, 28, false)
    }

    fn pre_proceedings(&mut self, plan_start: Day, entry: Option<Day>) -> R<()> {
        let decision = match entry {
            Some(e) => (e - self.rng.range(60, 150)).max(plan_start + 7),
            None => plan_start + self.rng.range(60, 200),
        };
        if decision > self.today {
            return Ok(());
        }
        let letter = decision + self.rng.range(2, 10);
        let meeting = letter + self.rng.range(7, 14);
        let (end, outcome) = match entry {
            Some(e) => (e.max(meeting), PreProceedingsOutcome::ProceedingsIssued),
            None => (
                meeting + self.rng.range(70, 130),
                if self.rng.chance(0.8) {
                    PreProceedingsOutcome::SteppedDown
                } else {
                    PreProceedingsOutcome::Extended
                },
            ),
        };
        let id = self.id(K::PreProceedings)?;
        let on = |d: Day| (d <= self.today).then(|| date(d));
        self.rec.pre_proceedings.push(PreProceedings {
            id,
            child_id: self.pid(),
            decision_date: date(decision),
            letter_date: on(letter),
            meeting_date: on(meeting),
            end_date: on(end),
            outcome: (end <= self.today).then_some(outcome),
        });
        Ok(())
    }

    fn private_fostering(&mut self, notified: Day, end: Option<Day>) -> R<()> {
        let floor = self.dob.unwrap_or(notified);
        let start = (notified - self.rng.range(0, 90)).max(floor);
        let carer = format!("Mrs {}", names::any_surname(&mut self.rng));
        let id = self.id(K::PrivateFostering)?;
        self.rec
            .private_fostering
            .push(PrivateFosteringArrangement {
                id,
                child_id: self.pid(),
                notified_date: date(notified),
                start_date: date(start),
                end_date: end.map(date),
                carer_name: carer,
            });
        // Visit within 7 working days, then every 6 weeks in the first year (T-PF-V1/V2).
        let first = self.wd_between(notified, 2, 7);
        self.visits(VisitKind::PrivateFostering, first, end, 42, false)
    }
}
