//! What one episode of need is made of before it is written: its route (no further
//! action, assessment, child in need, child protection, care), the timing of each stage
//! drawn against the timeliness targets, and any period of care with its exit,
//! legal route and adoption milestones.

use caseline_domain::codes::{DecisionReversedReason, PrimaryNeed, ReferralSource};

use crate::days::{YEAR, wd_as_days};
use crate::plan::{OpenKind, Planner};

fn yd(years: f64) -> i32 {
    (years * YEAR) as i32
}

/// How an episode of need runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Route {
    ReferralNfa,
    AssessedNfa,
    CinServices,
    CinPlan,
    Cp,
    Care,
}

/// How a period of care ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Exit {
    ReturnHome,
    Sgo,
    Cao,
    Adoption,
    TransferLa,
    Other,
    Remand,
    ToEighteen,
    Relevant,
}

/// Legal status on the first day in care.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntryStatus {
    Section20,
    PoliceProtection,
    Epo,
    InterimCareOrder,
    Remand,
}

/// The adoption journey, as offsets in days from entry to care.
#[derive(Debug, Clone)]
pub(crate) struct AdoptionPlan {
    pub adm: i32,
    pub placement_order: i32,
    pub matched: i32,
    pub placed: i32,
    pub order: i32,
    /// The decision was reversed on this day offset, for this reason.
    pub reversed: Option<(i32, DecisionReversedReason)>,
    /// Placed with the current foster carers (fostering for adoption).
    pub with_foster_carer: bool,
}

/// A period of care within an episode.
#[derive(Debug, Clone)]
pub(crate) struct CareSpec {
    /// Came into care at the end of a child protection plan.
    pub via_cp: bool,
    /// Days from referral to entry when not via a plan.
    pub direct_offset: i32,
    /// Days in care (for `ToEighteen` set once the date of birth is known).
    pub duration: i32,
    pub exit: Exit,
    pub entry_status: EntryStatus,
    pub adoption: Option<AdoptionPlan>,
    /// For a period open on `today`: three or more placements in the last 12 months.
    pub three_plus: bool,
    pub uasc: bool,
}

/// Everything drawn for one episode of need, as offsets from the referral date.
#[derive(Debug, Clone)]
pub(crate) struct Spec {
    pub route: Route,
    pub need: PrimaryNeed,
    pub source: ReferralSource,
    pub s47: bool,
    pub icpc: bool,
    pub assess_start_wd: u32,
    pub seen_wd: u32,
    pub assess_wd: u32,
    pub sd_wd: u32,
    pub icpc_wd: u32,
    pub s47_len_wd: u32,
    /// Days from authorisation to the start of a child in need plan.
    pub cin_gap: i32,
    /// Length of the CIN plan, the services without plan, or the CP plan.
    pub plan_days: i32,
    /// Review conferences as day offsets from the ICPC; the last one ends the plan.
    pub cp_reviews: Vec<i32>,
    /// Child in need plan after a CP plan ends.
    pub stepdown_days: i32,
    pub close_delay: i32,
    pub care: Option<CareSpec>,
    pub private_fostering: bool,
    pub pre_proceedings: bool,
    pub transfer_out: bool,
    pub early_help_after: bool,
}

impl Spec {
    pub(crate) fn auth_off(&self) -> i32 {
        wd_as_days(self.assess_wd)
    }

    pub(crate) fn icpc_off(&self) -> i32 {
        wd_as_days(self.sd_wd + self.icpc_wd)
    }

    pub(crate) fn cin_start_off(&self) -> i32 {
        if self.icpc {
            self.icpc_off()
        } else {
            self.auth_off() + self.cin_gap
        }
    }

    /// Days from referral to entry to care.
    pub(crate) fn entry_off(&self) -> Option<i32> {
        let care = self.care.as_ref()?;
        Some(if care.via_cp {
            self.icpc_off() + self.plan_days
        } else {
            care.direct_offset
        })
    }

    /// Estimated days from referral to closure (working days taken at 7/5 plus slack).
    pub(crate) fn length(&self) -> i32 {
        let slack = 4;
        slack
            + match self.route {
                Route::ReferralNfa => self.close_delay,
                Route::AssessedNfa => self.auth_off() + self.close_delay,
                Route::CinServices => self.auth_off() + self.plan_days + self.close_delay,
                Route::CinPlan => self.cin_start_off() + self.plan_days + self.close_delay,
                Route::Cp => {
                    self.icpc_off() + self.plan_days + self.stepdown_days + self.close_delay
                }
                Route::Care => {
                    let care_days = self.care.as_ref().map_or(0, |c| c.duration);
                    self.entry_off().unwrap_or(0) + care_days + self.close_delay
                }
            }
            .max(self.auth_off() * i32::from(self.route != Route::ReferralNfa))
    }

    /// The day offsets between which the open stage runs (for placing `today`).
    pub(crate) fn open_window(&self, kind: OpenKind) -> (i32, i32) {
        let auth = self.auth_off() + 3;
        let (lo, hi) = match kind {
            OpenKind::Assessing => (0, self.auth_off() - 2),
            OpenKind::CinServices => (auth, self.auth_off() + self.plan_days),
            OpenKind::CinPlan => {
                let s = self.cin_start_off();
                (s.max(auth), s + self.plan_days)
            }
            OpenKind::Cp => {
                let s = self.icpc_off();
                (s.max(auth), s + self.plan_days)
            }
            OpenKind::Care | OpenKind::CareLeaver => {
                let s = self.entry_off().unwrap_or(0);
                let d = self.care.as_ref().map_or(0, |c| c.duration);
                (s, s + d - 3)
            }
        };
        (lo.max(0), hi.max(lo.max(0)))
    }

    /// Day offset before which the child must have been born.
    pub(crate) fn must_be_born_by(&self) -> i32 {
        self.entry_off().unwrap_or(100_000)
    }
}

impl Planner<'_> {
    fn assessment_wd(&mut self) -> u32 {
        let t = self.g.config.targets.assessment_within_45wd_share;
        if self.rng.chance(t) {
            // England 2025: median 33 working days, quartiles 17 and 43 (EES C2).
            let (lo, hi) = self.rng.weighted(&[
                ((2, 17), 29),
                ((18, 33), 29),
                ((34, 43), 29),
                ((44, 45), 13),
            ]);
            self.rng.range(lo, hi) as u32
        } else {
            (46.0 + self.rng.exp(14.0)).min(130.0) as u32
        }
    }

    fn icpc_wd(&mut self) -> u32 {
        let t = self.g.config.targets.icpc_within_15wd_share;
        if self.rng.chance(t) {
            self.rng
                .triangular(4.0, 14.0, 15.99)
                .floor()
                .clamp(4.0, 15.0) as u32
        } else {
            (16.0 + self.rng.exp(6.0)).min(45.0) as u32
        }
    }

    fn need(&mut self, route: Route) -> PrimaryNeed {
        use PrimaryNeed::*;
        if self.disabled && self.rng.chance(0.5) && !matches!(route, Route::Cp) {
            return ChildsDisability;
        }
        match route {
            Route::Cp | Route::Care => self.rng.weighted(&[
                (AbuseOrNeglect, 80),
                (FamilyDysfunction, 10),
                (FamilyInAcuteStress, 6),
                (AbsentParenting, 4),
            ]),
            Route::ReferralNfa if self.rng.chance(0.4) => NotStated,
            _ => self.rng.weighted(&[
                (AbuseOrNeglect, 44),
                (ParentalDisabilityOrIllness, 4),
                (FamilyInAcuteStress, 13),
                (FamilyDysfunction, 21),
                (SociallyUnacceptableBehaviour, 7),
                (LowIncome, 2),
                (AbsentParenting, 3),
                (CasesOtherThanChildrenInNeed, 1),
                (NotStated, 2),
            ]),
        }
    }

    fn source(&mut self) -> ReferralSource {
        use ReferralSource::*;
        // England: police about 29%, schools 21%, health 15% of referrals (EES C1).
        self.rng.weighted(&[
            (Police, 29),
            (Schools, 21),
            (GeneralPractitioner, 3),
            (HealthVisitor, 4),
            (SchoolNurse, 1),
            (OtherPrimaryHealthServices, 2),
            (AccidentAndEmergency, 3),
            (OtherHealthServices, 2),
            (LaSocialCare, 4),
            (LaOtherInternal, 3),
            (LaExternal, 2),
            (LaEarlyHelp, 4),
            (FamilyMemberRelativeOrCarer, 5),
            (Acquaintance, 1),
            (SelfReferral, 1),
            (OtherIndividual, 1),
            (Housing, 2),
            (EducationServices, 2),
            (OtherLegalAgency, 3),
            (Other, 5),
            (Anonymous, 1),
            (Unknown, 1),
        ])
    }

    pub(crate) fn route(&mut self) -> Route {
        let routes = self.g.mix.routes;
        self.rng.weighted(&routes)
    }

    /// CP plan length from the England spread of plans ending (EES D7 2025); plans
    /// that drift past two years are commoner where practice is poor.
    fn cp_plan_days(&mut self, max: i32) -> i32 {
        let long = self.g.practice.cp_plans_over_two_years_weight;
        let d = match self
            .rng
            .weighted(&[(0, 16), (1, 19), (2, 30), (3, 29), (4, long)])
        {
            0 => self.rng.range(30, 91),
            1 => self.rng.range(92, 182),
            2 => self.rng.range(183, 365),
            3 => self.rng.range(366, 730),
            _ => self.rng.range(731, 1000),
        };
        d.min(max)
    }

    fn cin_plan_days(&mut self, max: i32) -> i32 {
        let d = match self.rng.weighted(&[(0, 35), (1, 40), (2, 20), (3, 5)]) {
            0 => self.rng.range(90, 182),
            1 => self.rng.range(183, 365),
            2 => self.rng.range(366, 730),
            _ => self.rng.range(731, 1100),
        };
        d.min(max)
    }

    /// Review conferences: first within 3 months of the ICPC, then within 6 months
    /// (T-RCPC-1), some late; the plan ends at a conference on `end`.
    pub(crate) fn cp_reviews(&mut self, end: i32) -> Vec<i32> {
        let on_time = self.g.config.targets.cp_reviews_on_time_share;
        let mut out = Vec::new();
        let mut at = if self.rng.chance(on_time) {
            self.rng.range(60, 90)
        } else {
            self.rng.range(93, 140)
        };
        while at < end - 7 {
            out.push(at);
            at += if self.rng.chance(on_time) {
                self.rng.range(140, 181)
            } else {
                self.rng.range(185, 240)
            };
        }
        out.push(end);
        out
    }

    /// A spec for `route`, no longer than `max_len` days when given.
    pub(crate) fn spec(
        &mut self,
        route: Route,
        max_len: Option<i32>,
        allow_adoption: bool,
    ) -> Spec {
        let cap = max_len.unwrap_or(i32::MAX / 4);
        let mut assess_wd = self.assessment_wd();
        if let Some(m) = max_len {
            // Keep the assessment short enough for the episode to fit.
            let limit = ((m - 30).max(20) * 5 / 7) as u32;
            assess_wd = assess_wd.min(limit.max(10));
        }
        let assess_start_wd = if self.rng.chance(0.6) {
            0
        } else {
            (self.rng.range(1, 3) as u32).min(assess_wd.saturating_sub(1))
        };
        let seen_wd = assess_start_wd
            + (self.rng.range(0, 10) as u32).min(assess_wd.saturating_sub(assess_start_wd));
        let s47 = match route {
            Route::ReferralNfa => false,
            Route::AssessedNfa => self.rng.chance(0.25),
            Route::CinServices => self.rng.chance(0.2),
            Route::CinPlan => self.rng.chance(0.3),
            Route::Cp => true,
            Route::Care => false, // decided with the care spec
        };
        let sd_wd = if self.rng.chance(0.55) {
            0
        } else {
            (self.rng.range(1, 20) as u32).min(assess_wd.saturating_sub(2))
        };
        let icpc = match route {
            Route::Cp => true,
            Route::CinPlan => s47 && self.rng.chance(self.g.mix.icpc_without_plan),
            _ => false,
        };
        let mut spec = Spec {
            route,
            need: self.need(route),
            source: self.source(),
            s47,
            icpc,
            assess_start_wd,
            seen_wd,
            assess_wd,
            sd_wd,
            icpc_wd: self.icpc_wd(),
            s47_len_wd: self.rng.range(5, 20) as u32,
            cin_gap: self.rng.range(3, 25),
            plan_days: 0,
            cp_reviews: Vec::new(),
            stepdown_days: 0,
            close_delay: 0,
            care: None,
            private_fostering: false,
            pre_proceedings: false,
            transfer_out: false,
            early_help_after: false,
        };
        let room = |s: &Spec| cap - s.length();
        match route {
            Route::ReferralNfa => spec.close_delay = self.rng.range(0, 2),
            Route::AssessedNfa => {
                spec.close_delay = self.rng.range(0, 10);
                spec.early_help_after = self.rng.chance(0.4);
            }
            Route::CinServices => {
                spec.plan_days = self.rng.range(20, 200).min(room(&spec).max(10));
                spec.close_delay = self.rng.range(0, 7);
                spec.private_fostering = self.rng.chance(0.02);
                spec.transfer_out = self.rng.chance(0.03);
            }
            Route::CinPlan => {
                let r = room(&spec).max(30);
                spec.plan_days = self.cin_plan_days(r);
                spec.close_delay = self.rng.range(0, 5);
                spec.private_fostering = self.rng.chance(0.02);
                spec.transfer_out = self.rng.chance(0.03);
            }
            Route::Cp => {
                let r = room(&spec).max(30);
                spec.plan_days = self.cp_plan_days(r);
                spec.cp_reviews = self.cp_reviews(spec.plan_days);
                let r = room(&spec);
                spec.stepdown_days = if self.rng.chance(0.7) && r > 60 {
                    self.rng.range(60, 270).min(r)
                } else {
                    0
                };
                spec.close_delay = self.rng.range(0, 10);
                spec.pre_proceedings = self.rng.chance(0.12);
                spec.transfer_out = self.rng.chance(0.04);
            }
            Route::Care => {
                let care = self.care_spec(false, None, max_len, allow_adoption);
                if care.via_cp {
                    spec.s47 = true;
                    spec.icpc = true;
                    spec.plan_days = self.rng.range(30, 400).min(cap / 3);
                    spec.cp_reviews = self.cp_reviews(spec.plan_days);
                    spec.cp_reviews.pop(); // the plan ends when the child comes into care
                    spec.pre_proceedings = care.entry_status == EntryStatus::InterimCareOrder;
                } else {
                    spec.s47 = care.entry_status != EntryStatus::Section20 || self.rng.chance(0.3);
                    spec.sd_wd = 0;
                }
                spec.close_delay = if care.exit == Exit::ReturnHome {
                    self.rng.range(0, 60)
                } else {
                    self.rng.range(0, 5)
                };
                spec.care = Some(care);
            }
        }
        spec
    }

    fn care_duration(&mut self, exit: Exit) -> i32 {
        match exit {
            Exit::ReturnHome => {
                match self
                    .rng
                    .weighted(&[(0, 25), (1, 35), (2, 20), (3, 15), (4, 5)])
                {
                    0 => self.rng.range(3, 30),
                    1 => self.rng.range(31, 180),
                    2 => self.rng.range(181, 365),
                    3 => self.rng.range(366, 730),
                    _ => self.rng.range(731, 1460),
                }
            }
            Exit::Sgo => self.rng.range(240, 1100),
            Exit::Cao => self.rng.range(150, 800),
            Exit::TransferLa | Exit::Other => self.rng.range(20, 800),
            Exit::Remand => self.rng.range(14, 120),
            Exit::Adoption | Exit::ToEighteen | Exit::Relevant => 0,
        }
    }

    /// Adoption milestones (entry to placed averages about 16 months, close to the
    /// scorecard's A1 of 486 days; EES and fosterline figures in domain.md §6).
    fn adoption_plan(&mut self) -> AdoptionPlan {
        let adm = self.rng.range(110, 280);
        let placement_order = adm + self.rng.range(50, 200);
        let matched = placement_order + self.rng.range(30, self.g.practice.match_days_max);
        let placed = matched + self.rng.range(7, 28);
        let order = placed + self.rng.range(100, 300);
        let reversed = self.rng.chance(0.1).then(|| {
            let reason = self.rng.weighted(&[
                (DecisionReversedReason::NeedsChanged, 25),
                (DecisionReversedReason::NoPlacementOrder, 20),
                (DecisionReversedReason::AdoptersNotFound, 40),
                (DecisionReversedReason::OtherReason, 15),
            ]);
            let at = if reason == DecisionReversedReason::NoPlacementOrder {
                placement_order
            } else {
                self.rng.range(
                    placement_order + 30,
                    matched.max(placement_order + 31) + 120,
                )
            };
            (at, reason)
        });
        AdoptionPlan {
            adm,
            placement_order,
            matched,
            placed,
            order,
            reversed,
            with_foster_carer: self.rng.chance(0.15),
        }
    }

    /// A period of care. `age_at_entry` is known for open cases and care leavers.
    pub(crate) fn care_spec(
        &mut self,
        uasc: bool,
        age_at_entry: Option<i32>,
        max_len: Option<i32>,
        allow_adoption: bool,
    ) -> CareSpec {
        let exit = if uasc {
            Exit::ToEighteen
        } else if let Some(a) = age_at_entry {
            // Children looked after on a date: long stays dominate the stock.
            if a < yd(4.0) {
                self.rng.weighted(&[
                    (Exit::Adoption, 25),
                    (Exit::ReturnHome, 15),
                    (Exit::Sgo, 25),
                    (Exit::ToEighteen, 30),
                    (Exit::Cao, 5),
                ])
            } else if a < yd(16.0) {
                let remand = if a >= yd(12.0) { 3 } else { 0 };
                self.rng.weighted(&[
                    (Exit::ReturnHome, 15),
                    (Exit::Sgo, 10),
                    (Exit::Cao, 3),
                    (Exit::ToEighteen, 65),
                    (Exit::Other, 4),
                    (Exit::Remand, remand),
                ])
            } else {
                self.rng.weighted(&[
                    (Exit::ToEighteen, 90),
                    (Exit::ReturnHome, 7),
                    (Exit::Other, 3),
                ])
            }
        } else {
            self.rng.weighted(&[
                (Exit::ReturnHome, 56),
                (Exit::Sgo, 14),
                (Exit::Cao, 5),
                (
                    Exit::Adoption,
                    if allow_adoption && max_len.is_none() {
                        12
                    } else {
                        0
                    },
                ),
                (Exit::TransferLa, 4),
                (Exit::Other, 6),
            ])
        };
        let adoption = (exit == Exit::Adoption).then(|| self.adoption_plan());
        let mut duration = match &adoption {
            Some(a) => match a.reversed {
                Some((at, _)) => at + self.rng.range(200, 500),
                None => a.order,
            },
            None => self.care_duration(exit),
        };
        if let Some(m) = max_len {
            duration = duration.min((m - 60).max(3));
        }
        let entry_status = if uasc {
            EntryStatus::Section20
        } else if exit == Exit::Remand {
            EntryStatus::Remand
        } else if matches!(exit, Exit::Adoption | Exit::Sgo) {
            self.rng.weighted(&[
                (EntryStatus::InterimCareOrder, 70),
                (EntryStatus::PoliceProtection, 10),
                (EntryStatus::Epo, 5),
                (EntryStatus::Section20, 15),
            ])
        } else {
            self.rng.weighted(&[
                (EntryStatus::Section20, 48),
                (EntryStatus::PoliceProtection, 10),
                (EntryStatus::Epo, 3),
                (EntryStatus::InterimCareOrder, 39),
            ])
        };
        let via_cp = !uasc
            && matches!(
                entry_status,
                EntryStatus::InterimCareOrder | EntryStatus::Section20
            )
            && max_len.is_none()
            && self.rng.chance(0.45);
        let direct_offset = match entry_status {
            EntryStatus::Section20 if !uasc => self.rng.range(0, 40),
            EntryStatus::InterimCareOrder => self.rng.range(2, 30),
            _ => self.rng.range(0, 2),
        };
        CareSpec {
            via_cp,
            direct_offset,
            duration,
            exit,
            entry_status,
            adoption,
            three_plus: self
                .rng
                .chance(self.g.config.targets.cla_three_plus_placements_share),
            uasc,
        }
    }
}
