//! The front door's contacts and early help, visits, plan actions, missing episodes,
//! allegations to the designated officer and education concerns.

use caseline_domain::RecordId;
use caseline_domain::codes::{
    ActionStatus, ContactOutcome, EducationConcernKind, LadoOutcome, MissingType, PlanKind, Rag,
    ReasonForClosure, ReferralSource, VisitKind,
};
use caseline_domain::front_door::{Contact, EarlyHelpEpisode};
use caseline_domain::missing::MissingEpisode;
use caseline_domain::other_services::{EducationConcern, LadoAllegation};
use caseline_domain::plan_action::PlanAction;
use caseline_domain::visit::Visit;

use crate::child::{Builder, K, R};
use crate::days::{Day, add_years, date, day, timestamp, timestamp_seconds};
use crate::names;
use crate::spec::{Route, Spec};

const HOUR: i64 = 3600;

impl Builder<'_> {
    /// The contact that became the referral on `f`.
    pub(crate) fn referral_contact(&mut self, spec: &Spec, f: Day) -> R<RecordId> {
        let outcome = if spec.private_fostering {
            ContactOutcome::PrivateFostering
        } else if spec.s47 && spec.sd_wd == 0 && spec.route != Route::ReferralNfa {
            ContactOutcome::StrategyDiscussion
        } else {
            ContactOutcome::NewReferral
        };
        let rag = match outcome {
            ContactOutcome::StrategyDiscussion => Rag::Red,
            _ => self
                .rng
                .weighted(&[(Rag::Amber, 70), (Rag::Red, 15), (Rag::Green, 15)]),
        };
        self.contact(f, spec.source, outcome, rag, true)
    }

    fn contact(
        &mut self,
        d: Day,
        source: ReferralSource,
        outcome: ContactOutcome,
        rag: Rag,
        same_day_possible: bool,
    ) -> R<RecordId> {
        let id = self.id(K::Contact)?;
        let minutes = self.rng.range(7 * 60, 17 * 60);
        let received_at = timestamp(d, minutes);
        // Decided within one working day (T-REF-1), later when practice is poor.
        let decided_day = if self.rng.chance(self.g.practice.contact_decided_in_1wd) {
            if same_day_possible && self.rng.chance(0.6) {
                d
            } else {
                self.wd(d, 1)
            }
        } else {
            self.wd_between(d, 2, 4)
        };
        let decided_at = if decided_day > self.today || decided_day == d {
            timestamp(d, (minutes + self.rng.range(20, 240)).min(21 * 60))
        } else {
            timestamp(decided_day, self.rng.range(8 * 60, 18 * 60))
        };
        let summary = self.rng.pick(names::CONTACT_SUMMARIES).to_owned();
        self.rec.contacts.push(Contact {
            id: id.clone(),
            child_id: self.pid(),
            received_at,
            source,
            outcome: Some(outcome),
            decided_at: Some(decided_at),
            rag: Some(rag),
            summary,
        });
        Ok(id)
    }

    /// `n` contacts that did not become referrals, between `lo` and `hi`.
    pub(crate) fn other_contacts(&mut self, n: u32, lo: Day, hi: Day) -> R<()> {
        if lo > hi {
            return Ok(());
        }
        for _ in 0..n {
            let d = self.rng.range(lo, hi);
            self.other_contact_on(d)?;
        }
        Ok(())
    }

    /// A contact on `d` that was not a new referral.
    pub(crate) fn other_contact_on(&mut self, d: Day) -> R<()> {
        use ContactOutcome::*;
        let open = self
            .spans
            .iter()
            .any(|s| s.from <= d && s.to.is_none_or(|t| d <= t));
        let outcome = if open {
            ExistingReferral
        } else {
            self.rng.weighted(&[
                (NoFurtherAction, 35),
                (AdviceAndInformation, 35),
                (EarlyHelp, 25),
                (Other, 5),
            ])
        };
        let source = self.rng.weighted(&[
            (ReferralSource::Police, 35),
            (ReferralSource::Schools, 22),
            (ReferralSource::HealthVisitor, 5),
            (ReferralSource::GeneralPractitioner, 4),
            (ReferralSource::FamilyMemberRelativeOrCarer, 8),
            (ReferralSource::LaEarlyHelp, 5),
            (ReferralSource::Housing, 3),
            (ReferralSource::Anonymous, 3),
            (ReferralSource::Other, 15),
        ]);
        let rag = if open {
            Rag::Amber
        } else {
            self.rng.weighted(&[(Rag::Green, 80), (Rag::Amber, 20)])
        };
        self.contact(d, source, outcome, rag, true)?;
        if outcome == EarlyHelp && self.rng.chance(0.8) {
            let start = d + self.rng.range(3, 20);
            self.early_help(start)?;
        }
        Ok(())
    }

    fn early_help(&mut self, start: Day) -> R<()> {
        let start = self.workday(start);
        if start > self.today || start > self.last_child_day() {
            return Ok(());
        }
        let on = date(start);
        if self
            .rec
            .early_help
            .iter()
            .any(|e| e.start_date <= on && e.end_date.is_none_or(|end| end >= on))
        {
            // Already open to early help.
            return Ok(());
        }
        let end = start + self.rng.range(60, 300);
        let ended = end <= self.today;
        let id = self.id(K::EarlyHelp)?;
        let reason = self.rng.pick(names::EARLY_HELP_REASONS).to_owned();
        let organisation = self.rng.pick(names::EARLY_HELP_ORGANISATIONS).to_owned();
        let end_reason = ended.then(|| self.rng.pick(names::EARLY_HELP_END_REASONS).to_owned());
        self.rec.early_help.push(EarlyHelpEpisode {
            id,
            child_id: self.pid(),
            start_date: date(start),
            end_date: ended.then(|| date(end)),
            reason,
            end_reason,
            organisation,
            worker_id: None,
            team_id: None,
        });
        Ok(())
    }

    /// Early help after closures to early help, allegations and education concerns.
    pub(crate) fn extras(&mut self) -> R<()> {
        let step_downs: Vec<Day> = self
            .rec
            .referrals
            .iter()
            .filter(|r| {
                r.closure_reason == Some(ReasonForClosure::ClosedAfterAssessmentReferredToEarlyHelp)
            })
            .filter_map(|r| r.closure_date.map(day))
            .collect();
        for d in step_downs {
            let start = d + self.rng.range(0, 14);
            self.early_help(start)?;
        }
        let Some(dob) = self.dob else {
            return Ok(());
        };
        let lo = self.g.history_start;
        let hi = self.today.min(self.last_child_day());
        if self.rng.chance(0.01) {
            self.lado(lo.max(add_years(dob, 2)), hi)?;
        }
        for (kind, p) in [
            (EducationConcernKind::ElectiveHomeEducation, 0.012),
            (EducationConcernKind::ChildMissingEducation, 0.006),
        ] {
            if self.rng.chance(p) {
                let from = lo.max(add_years(dob, 5));
                let to = hi.min(add_years(dob, 16));
                if from <= to {
                    let start = self.rng.range(from, to);
                    let end = start + self.rng.range(30, 700);
                    let id = self.id(K::Education)?;
                    self.rec.education_concerns.push(EducationConcern {
                        id,
                        child_id: self.pid(),
                        kind,
                        start_date: date(start),
                        end_date: (end <= self.today).then(|| date(end)),
                    });
                }
            }
        }
        Ok(())
    }

    /// An allegation about someone working with the child, reported to the designated
    /// officer within one working day mostly (T-LADO-1).
    fn lado(&mut self, lo: Day, hi: Day) -> R<()> {
        if lo > hi {
            return Ok(());
        }
        let alleged = self.rng.range(lo, hi);
        let referred = if self.rng.chance(0.85) {
            self.wd_between(alleged, 0, 1)
        } else {
            self.wd_between(alleged, 2, 10)
        };
        let referred = if referred > self.today {
            alleged
        } else {
            referred
        };
        let (role, sector) = self.rng.pick(names::LADO_ROLES);
        let close = referred
            + if self.rng.chance(0.8) {
                self.rng.range(5, 30)
            } else if self.rng.chance(0.5) {
                self.rng.range(31, 90)
            } else {
                self.rng.range(91, 300)
            };
        let closed = close <= self.today;
        let outcome = self.rng.weighted(&[
            (LadoOutcome::Unsubstantiated, 35),
            (LadoOutcome::Substantiated, 25),
            (LadoOutcome::Unfounded, 20),
            (LadoOutcome::False, 12),
            (LadoOutcome::Malicious, 8),
        ]);
        let id = self.id(K::Lado)?;
        self.rec.lado_allegations.push(LadoAllegation {
            id,
            child_id: self.pid(),
            allegation_date: date(alleged),
            referred_date: date(referred),
            subject_role: role.to_owned(),
            employer_sector: sector.to_owned(),
            outcome: closed.then_some(outcome),
            closed_date: closed.then(|| date(close)),
        });
        Ok(())
    }

    /// Visits of `kind` from `from` every `interval` days (less a little, more when one
    /// slips) until `to` or `today`.
    pub(crate) fn visits(
        &mut self,
        kind: VisitKind,
        from: Day,
        to: Option<Day>,
        interval: i32,
        bedroom: bool,
    ) -> R<()> {
        let end = to.unwrap_or(self.today).min(self.today);
        let late = self.g.practice.late_visit;
        let mut d = from;
        while d <= end {
            let day = self.mostly_workday(d).min(end);
            self.visit(kind, day, bedroom)?;
            let mut gap = interval - self.rng.range(0, interval / 4);
            if self.rng.chance(late) {
                gap += self
                    .rng
                    .range(5, interval * self.g.practice.late_visit_spread);
            }
            d += gap;
        }
        Ok(())
    }

    pub(crate) fn visit(&mut self, kind: VisitKind, d: Day, bedroom: bool) -> R<()> {
        let born = self.dob.is_some_and(|b| b <= d);
        let seen = born && self.rng.chance(0.95);
        let talks = self.age_on(d).is_some_and(|a| a >= 4);
        let seen_alone = seen && talks && self.rng.chance(self.g.practice.seen_alone);
        let bedroom_seen = seen && self.rng.chance(if bedroom { 0.6 } else { 0.25 });
        let childs_words = (seen && talks && self.rng.chance(0.3))
            .then(|| self.rng.pick(names::CHILDS_WORDS).to_owned());
        let id = self.id(K::Visit)?;
        self.rec.visits.push(Visit {
            id,
            child_id: self.pid(),
            kind,
            date: date(d),
            seen,
            seen_alone,
            bedroom_seen,
            childs_words,
            worker_id: None,
        });
        Ok(())
    }

    /// Two to four actions agreed on `agreed` for a plan that ends on `plan_end` (if it
    /// has ended by `today`).
    pub(crate) fn actions(
        &mut self,
        kind: PlanKind,
        plan_id: &RecordId,
        agreed: Day,
        plan_end: Option<Day>,
    ) -> R<()> {
        let today = self.today;
        if agreed > today {
            return Ok(());
        }
        let table = match kind {
            PlanKind::ChildInNeed | PlanKind::ChildProtection => names::CIN_CP_ACTIONS,
            PlanKind::Care => names::CARE_ACTIONS,
            PlanKind::Pathway => names::PATHWAY_ACTIONS,
        };
        let n = self.rng.range(2, 4);
        for _ in 0..n {
            let (who, what) = self.rng.pick(table);
            let due = agreed + self.rng.range(14, 90);
            let (status, completed) = if due <= today {
                if self.rng.chance(self.g.practice.action_done) {
                    let done = (agreed + self.rng.range(1, due - agreed + 14)).min(today);
                    (ActionStatus::Done, Some(done))
                } else if plan_end.is_some_and(|e| e < due) || self.rng.chance(0.1) {
                    (ActionStatus::NoLongerNeeded, None)
                } else {
                    (ActionStatus::Open, None)
                }
            } else if today > agreed && self.rng.chance(0.25) {
                (ActionStatus::Done, Some(self.rng.range(agreed + 1, today)))
            } else {
                (ActionStatus::Open, None)
            };
            let id = self.id(K::Action)?;
            self.rec.plan_actions.push(PlanAction {
                id,
                child_id: self.pid(),
                plan_kind: kind,
                plan_id: plan_id.clone(),
                who: who.to_owned(),
                what: what.to_owned(),
                due_date: date(due),
                status,
                completed_date: completed.map(date),
                agreed_date: date(agreed),
            });
        }
        Ok(())
    }

    /// A missing (or away) episode starting on `d`, with a return home interview offered
    /// and held within 72 hours for the target share of returns (T-MISS-1).
    pub(crate) fn missing_episode(&mut self, d: Day) -> R<()> {
        if self.dob.is_none_or(|b| d < b) || d > self.today {
            return Ok(());
        }
        // Anything recorded must fall on or before `today` in England.
        let limit = i64::from(self.today) * 86_400 + 22 * HOUR;
        let start = i64::from(d) * 86_400 + i64::from(self.rng.range(14 * 3600, 21 * 3600));
        let hours = self.rng.exp(18.0).clamp(2.0, 96.0);
        let back = start + (hours * HOUR as f64) as i64;
        let returned = (back <= limit).then_some(back);
        let kind = if self.rng.chance(0.75) {
            MissingType::Missing
        } else {
            MissingType::Away
        };
        let target = self.g.config.targets.rhi_within_72h_share;
        let (offered, accepted, rhi) = match returned {
            None => (None, None, None),
            Some(back) => {
                if self.rng.chance(target) {
                    let at = back + i64::from(self.rng.range(2 * 3600, 70 * 3600));
                    (Some(true), Some(true), (at <= limit).then_some(at))
                } else {
                    match self.rng.weighted(&[(0, 40), (1, 40), (2, 20)]) {
                        0 => (Some(false), None, None),
                        1 => (Some(true), Some(false), None),
                        _ => {
                            let at = back + i64::from(self.rng.range(73 * 3600, 240 * 3600));
                            (Some(true), Some(true), (at <= limit).then_some(at))
                        }
                    }
                }
            }
        };
        let id = self.id(K::Missing)?;
        self.rec.missing_episodes.push(MissingEpisode {
            id,
            child_id: self.pid(),
            kind,
            started_at: timestamp_seconds(0, start),
            returned_at: returned.map(|s| timestamp_seconds(0, s)),
            rhi_offered: offered,
            rhi_accepted: accepted,
            rhi_at: rhi.map(|s| timestamp_seconds(0, s)),
        });
        Ok(())
    }

    /// Teenagers open to children's services sometimes go missing from home.
    pub(crate) fn missing_from_home(&mut self, from: Day, to: Day) -> R<()> {
        let teen = self.age_on(from).is_some_and(|a| a >= 12);
        if !teen || !self.rng.chance(0.12) {
            return Ok(());
        }
        let to = to.min(self.today).min(self.last_child_day());
        if to < from {
            return Ok(());
        }
        let n = 1 + self.rng.poisson(0.5);
        for _ in 0..n {
            let d = self.rng.range(from, to);
            self.missing_episode(d)?;
        }
        Ok(())
    }
}
