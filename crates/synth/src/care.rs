//! Periods of care: the SSDA903 episodes, built from the legal status changes and the
//! placement moves, and everything that hangs off the period (see `looked_after.rs` and
//! `placement.rs`).

use std::collections::BTreeMap;

use caseline_domain::RecordId;
use caseline_domain::codes::{
    AllocationRole, LegalStatus, PlacementProvider, PlacementType, PrimaryNeed,
    ReasonEpisodeCeased, ReasonNewEpisode, ReasonPlaceChange,
};
use caseline_domain::looked_after::{CareEpisode, PeriodOfCare};
use caseline_domain::permanence::PreviousPermanenceOrder;
use caseline_domain::values::{OfstedUrn, Postcode};

use crate::child::{Builder, K, R};
use crate::days::{Day, YEAR, add_years, date};
use crate::spec::{AdoptionPlan, CareSpec, EntryStatus, Exit, Spec};
use crate::workforce::TeamKind;

/// What the episode needs to know about a period of care once it is built.
pub(crate) struct PeriodOut {
    pub end: Option<Day>,
    pub exit: Exit,
    pub cic_from: Option<Day>,
    pub adoption_team_from: Option<Day>,
}

/// A change of placement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Move {
    Carer,
    SameCarer,
    Adoption { same_carer: bool },
}

impl Move {
    pub(crate) fn same_carer(self) -> bool {
        matches!(self, Move::SameCarer | Move::Adoption { same_carer: true })
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Placement {
    pub kind: PlacementType,
    pub provider: Option<PlacementProvider>,
    pub postcode: Postcode,
    pub urn: Option<OfstedUrn>,
    pub in_area: bool,
}

fn yd(years: f64) -> i32 {
    (years * YEAR) as i32
}

impl Builder<'_> {
    pub(crate) fn period(
        &mut self,
        spec: &Spec,
        care: &CareSpec,
        ref_id: &RecordId,
        entry: Day,
        keep_open: bool,
    ) -> R<PeriodOut> {
        let today = self.today;
        let dob = self.dob.unwrap_or(entry);
        let natural_end = match care.exit {
            Exit::ToEighteen => add_years(dob, 18),
            _ => entry + care.duration.max(1),
        };
        let open = keep_open || natural_end > today;
        let end = (!open).then_some(natural_end);
        let last = end.map_or(today, |e| e - 1);
        let period_id = self.id(K::Period)?;
        self.rec.periods_of_care.push(PeriodOfCare {
            id: period_id.clone(),
            child_id: self.pid(),
            referral_id: Some(ref_id.clone()),
            start_date: date(entry),
            end_date: end.map(date),
        });

        if self.age_on(entry).is_some_and(|a| a >= 4) && !care.uasc && self.rng.chance(0.03) {
            // Some children come into care after an earlier permanence order broke down.
            use caseline_domain::codes::PreviousPermanence as P;
            let kind = self.rng.weighted(&[
                (P::SpecialGuardianshipOrder, 50),
                (P::Adoption, 30),
                (P::ChildArrangementsOrder, 20),
            ]);
            let order = dob + self.rng.range(365, (entry - dob - 365).max(366));
            let id = self.id(K::PreviousPermanence)?;
            self.rec
                .previous_permanence_orders
                .push(PreviousPermanenceOrder {
                    id,
                    child_id: self.pid(),
                    kind,
                    order_date: self.rng.chance(0.8).then(|| date(order)),
                    local_authority: None,
                });
        }
        let adoption = care.adoption.as_ref();
        let reversed = adoption.and_then(|a| a.reversed.map(|(at, r)| (entry + at, r)));
        let placed = adoption
            .map(|a| entry + a.placed)
            .filter(|p| reversed.is_none_or(|(r, _)| r > *p) && *p <= last);
        let (legal, order_day) = self.legal_changes(care, entry, last, adoption);
        let mut fixed = Vec::new();
        if let (Some(p), Some(a)) = (placed, adoption) {
            fixed.push((
                p,
                Move::Adoption {
                    same_carer: a.with_foster_carer,
                },
            ));
            if let Some((r, _)) = reversed.filter(|(r, _)| *r <= last) {
                fixed.push((r + self.rng.range(1, 14), Move::Carer));
            }
        }
        let age_entry = entry - dob;
        let moves = self.moves(care, entry, last, end.is_none(), &fixed, placed, age_entry);
        let placements = self.care_episodes(spec, care, &period_id, entry, end, &legal, &moves)?;

        // Reviews: within 20 WD, then 3 months, then every 6 months (CPR2010 reg 33).
        self.looked_after_reviews(&period_id, entry, last)?;
        self.care_plans(care, &period_id, entry, end, last, adoption, reversed)?;
        self.cla_visits(&placements, last)?;
        self.health(entry, last)?;
        self.sdq_and_pep(entry, last)?;
        self.missing_in_care(entry, last)?;
        self.permanence(
            care, &period_id, entry, end, adoption, order_day, placed, reversed,
        )?;
        self.segment(
            entry,
            end,
            TeamKind::Reviewing,
            AllocationRole::IndependentReviewingOfficer,
            None,
        );

        if matches!(care.exit, Exit::ToEighteen | Exit::Relevant)
            || self.age_on(today).is_some_and(|a| a >= 16)
        {
            self.leaving_care(&period_id, entry, end, care.exit)?;
        }
        let cic_from = entry
            + if care.uasc {
                self.rng.range(3, 20)
            } else {
                self.rng.range(20, 120)
            };
        Ok(PeriodOut {
            end,
            exit: care.exit,
            cic_from: end.is_none_or(|e| cic_from < e).then_some(cic_from),
            adoption_team_from: placed.filter(|p| end.is_none_or(|e| p < &e)),
        })
    }

    /// Legal status from entry, and the day a placement order was made.
    fn legal_changes(
        &mut self,
        care: &CareSpec,
        entry: Day,
        last: Day,
        adoption: Option<&AdoptionPlan>,
    ) -> (Vec<(Day, LegalStatus)>, Option<Day>) {
        use LegalStatus::*;
        let initial = match care.entry_status {
            EntryStatus::Section20 => SinglePeriodSection20,
            EntryStatus::PoliceProtection => PoliceProtection,
            EntryStatus::Epo => EmergencyProtectionOrder,
            EntryStatus::InterimCareOrder => InterimCareOrder,
            EntryStatus::Remand => RemandedToLaOrYouthDetention,
        };
        let mut out = vec![(entry, initial)];
        let mut t = entry;
        let mut cur = initial;
        match care.entry_status {
            EntryStatus::PoliceProtection => {
                t += self.rng.range(1, 3);
                cur = if self.rng.chance(0.6) || matches!(care.exit, Exit::Adoption | Exit::Sgo) {
                    InterimCareOrder
                } else {
                    SinglePeriodSection20
                };
                out.push((t, cur));
            }
            EntryStatus::Epo => {
                t += self.rng.range(3, 8);
                cur = InterimCareOrder;
                out.push((t, cur));
            }
            _ => {}
        }
        if cur == SinglePeriodSection20
            && !care.uasc
            && (adoption.is_some() || self.rng.chance(0.15))
        {
            t += self.rng.range(60, 200);
            cur = InterimCareOrder;
            out.push((t, cur));
        }
        let mut order_day = None;
        if cur == InterimCareOrder {
            let placement_order = adoption.filter(|a| {
                a.reversed.is_none_or(|(r, reason)| {
                    r > a.placement_order
                        && reason
                            != caseline_domain::codes::DecisionReversedReason::NoPlacementOrder
                })
            });
            match placement_order {
                Some(a) => {
                    t = (entry + a.placement_order).max(t + 1);
                    out.push((t, PlacementOrder));
                    order_day = Some(t);
                }
                None => {
                    t += self.rng.range(150, 320);
                    out.push((t, FullCareOrder));
                }
            }
        }
        out.retain(|(d, _)| *d <= last);
        (out, order_day)
    }

    #[allow(clippy::too_many_arguments)]
    fn moves(
        &mut self,
        care: &CareSpec,
        entry: Day,
        last: Day,
        open: bool,
        fixed: &[(Day, Move)],
        placed: Option<Day>,
        age_entry: i32,
    ) -> Vec<(Day, Move)> {
        let p = &self.g.practice;
        let mut rate = p.moves_per_year;
        if age_entry >= yd(11.0) {
            rate *= 1.6;
        }
        let mean_gap = 365.0 / rate;
        let stop = placed.unwrap_or(Day::MAX).min(last);
        let mut out: Vec<(Day, Move)> = Vec::new();
        let mut t = entry
            + if self.rng.chance(0.3) {
                self.rng.range(1, 30)
            } else {
                (self.rng.exp(mean_gap) as i32).max(7)
            };
        while t < stop {
            let kind = if t - entry > 300 && self.rng.chance(0.12) {
                Move::SameCarer
            } else {
                Move::Carer
            };
            out.push((t, kind));
            t += (self.rng.exp(mean_gap) as i32).max(10);
        }
        out.extend(fixed.iter().copied().filter(|(d, _)| *d <= last));
        if open {
            // Short-term stability is controlled exactly: the placements in the last 12
            // months are the one at the start of the window plus the moves inside it.
            let today = self.today;
            let w0 = (today - 364).max(entry + 1);
            let is_fixed = |d: Day| fixed.iter().any(|(f, _)| *f == d);
            out.retain(|(d, _)| *d < w0 || is_fixed(*d));
            let fixed_in = out.iter().filter(|(d, _)| *d >= w0).count();
            let need = if care.three_plus {
                2 + usize::from(self.rng.chance(0.3)) + usize::from(self.rng.chance(0.1))
            } else {
                usize::from(self.rng.chance(0.2))
            };
            let room = usize::try_from(today - w0 + 1).unwrap_or(0);
            let mut add = need
                .saturating_sub(fixed_in)
                .min(room.saturating_sub(fixed_in));
            let mut tries = 0;
            while add > 0 && tries < 200 {
                tries += 1;
                let d = self.rng.range(w0, today);
                if out.iter().all(|(x, _)| *x != d) {
                    out.push((d, Move::Carer));
                    add -= 1;
                }
            }
        }
        out.sort_by_key(|(d, _)| *d);
        out.dedup_by_key(|(d, _)| *d);
        out.retain(|(d, _)| *d > entry && *d <= last);
        out
    }

    /// Writes the SSDA903 episodes; returns each placement's start and type.
    #[allow(clippy::too_many_arguments)]
    fn care_episodes(
        &mut self,
        spec: &Spec,
        care: &CareSpec,
        period_id: &RecordId,
        entry: Day,
        end: Option<Day>,
        legal: &[(Day, LegalStatus)],
        moves: &[(Day, Move)],
    ) -> R<Vec<(Day, PlacementType)>> {
        let mut changes: BTreeMap<Day, (Option<LegalStatus>, Option<Move>)> = BTreeMap::new();
        for &(d, ls) in legal.iter().skip(1) {
            changes.entry(d).or_default().0 = Some(ls);
        }
        for &(d, m) in moves {
            changes.entry(d).or_default().1 = Some(m);
        }
        let need = match spec.need {
            PrimaryNeed::NotStated | PrimaryNeed::CasesOtherThanChildrenInNeed => {
                PrimaryNeed::AbuseOrNeglect
            }
            n => n,
        };
        let mut legal_status = legal
            .first()
            .map_or(LegalStatus::SinglePeriodSection20, |l| l.1);
        let mut place = self.placement(entry, None, None, care, legal_status)?;
        let mut placements = vec![(entry, place.kind)];
        let mut start = entry;
        let mut rne = ReasonNewEpisode::StartedToBeLookedAfter;
        for (&d, &(ls, mv)) in &changes {
            let reason = mv.map(|m| self.place_change_reason(m, care));
            self.care_episode(
                period_id,
                start,
                Some(d),
                rne,
                legal_status,
                need,
                &place,
                Some(ReasonEpisodeCeased::NewEpisodeSameDay),
                reason,
            )?;
            if let Some(l) = ls {
                legal_status = l;
            }
            if let Some(m) = mv {
                place = self.placement(d, Some(&place), Some(m), care, legal_status)?;
                placements.push((d, place.kind));
            }
            rne = match (ls.is_some(), mv) {
                (true, None) | (false, None) => ReasonNewEpisode::LegalStatusChangeOnly,
                (false, Some(m)) if m.same_carer() => ReasonNewEpisode::PlacementChangeSameCarer,
                (false, Some(_)) => ReasonNewEpisode::PlacementAndCarerChange,
                (true, Some(m)) if m.same_carer() => {
                    ReasonNewEpisode::LegalStatusAndPlacementChangeSameCarer
                }
                (true, Some(_)) => ReasonNewEpisode::LegalStatusPlacementAndCarerChange,
            };
            start = d;
        }
        let ceased = end.map(|_| self.exit_code(care.exit, place.kind));
        self.care_episode(
            period_id,
            start,
            end,
            rne,
            legal_status,
            need,
            &place,
            ceased,
            None,
        )?;
        Ok(placements)
    }

    #[allow(clippy::too_many_arguments)]
    fn care_episode(
        &mut self,
        period_id: &RecordId,
        start: Day,
        end: Option<Day>,
        rne: ReasonNewEpisode,
        legal_status: LegalStatus,
        need: PrimaryNeed,
        place: &Placement,
        ceased: Option<ReasonEpisodeCeased>,
        change: Option<ReasonPlaceChange>,
    ) -> R<()> {
        let id = self.id(K::Episode)?;
        self.rec.care_episodes.push(CareEpisode {
            id,
            child_id: self.pid(),
            period_id: period_id.clone(),
            start_date: date(start),
            reason_new_episode: rne,
            legal_status,
            category_of_need: need,
            placement_type: place.kind,
            provider: place.provider,
            placement_postcode: Some(place.postcode.clone()),
            home_postcode: self.home_postcode.clone(),
            ofsted_urn: place.urn.clone(),
            in_area: place.in_area,
            end_date: end.map(date),
            reason_ceased: ceased,
            reason_place_change: change,
        });
        Ok(())
    }
}
