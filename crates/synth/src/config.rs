//! What to generate: the size of the authority, the "as at" date, practice quality and
//! the proportions the generator aims for. England figures are from the project's
//! domain reference (`shared/domain.md` §5 and §6), which names each source.

use jiff::civil::Date;

/// Settings for one synthetic authority. The same settings always give the same records.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthConfig {
    /// Seed: change it for a different authority with the same shape.
    pub seed: u64,
    /// Number of children with any involvement (at least one contact) to generate.
    pub children: usize,
    /// Children aged 0-17 living in the area, for rates per 10,000: the latest
    /// mid-year estimate; earlier years drift a little below it (see
    /// [`crate::Generator::child_population`]).
    pub child_population: u32,
    /// The "as at" date: nothing is dated after it.
    pub today: Date,
    /// Years of activity before `today`. Children already in care, or already care
    /// leavers, when this window opens keep their earlier records (the referral and
    /// period of care they started with), as a migrated case record would.
    pub years_of_history: i16,
    /// 0.0 is an inadequate authority, 1.0 an outstanding one. Besides the derived
    /// targets below it drives staff turnover, agency use, partner attendance at strategy
    /// discussions, late reviews and visits, overdue plan actions, plans without actions
    /// and care leavers without a personal adviser.
    pub practice_quality: f64,
    /// The proportions the generator aims for.
    pub targets: Targets,
}

impl SynthConfig {
    /// A mid-sized authority as at `today`: 60,000 children in the area, 16,000 children
    /// known to services over five years, about 4,000 of them open cases on `today`,
    /// practice quality 0.6 (a "requires improvement to good" authority).
    pub fn demo(today: Date) -> Self {
        Self {
            seed: 20_250_331,
            children: 16_000,
            child_population: 60_000,
            today,
            years_of_history: 5,
            practice_quality: 0.6,
            targets: Targets::for_quality(0.6),
        }
    }

    /// The same settings with a different seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// The same settings for `children` children (open cases scale with it).
    pub fn with_children(mut self, children: usize) -> Self {
        self.children = children;
        self
    }

    /// The same settings at another practice quality, re-deriving the targets that
    /// depend on it (the others are kept).
    pub fn with_practice_quality(mut self, quality: f64) -> Self {
        let q = quality.clamp(0.0, 1.0);
        self.practice_quality = q;
        let derived = Targets::for_quality(q);
        self.targets.assessment_within_45wd_share = derived.assessment_within_45wd_share;
        self.targets.icpc_within_15wd_share = derived.icpc_within_15wd_share;
        self.targets.held_on_duty_share = derived.held_on_duty_share;
        self.targets.cp_reviews_on_time_share = derived.cp_reviews_on_time_share;
        self.targets.rhi_within_72h_share = derived.rhi_within_72h_share;
        self.targets.re_referral_share = derived.re_referral_share;
        self.targets.cla_three_plus_placements_share = derived.cla_three_plus_placements_share;
        self.targets.care_leaver_suitable_accommodation_share =
            derived.care_leaver_suitable_accommodation_share;
        self.targets.care_leaver_eet_share = derived.care_leaver_eet_share;
        self
    }
}

/// Proportions the generator aims for. Each is produced by construction, so a sample
/// of a few thousand children lands close to it (see `tests/proportions.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Targets {
    /// Share of contacts that become a referral. About 1 in 3: a local front-door
    /// figure; domain.md §6 has no national contact statistic. Default 0.33.
    pub contact_conversion_share: f64,
    /// Share of referrals made within 12 months of a previous referral for the same
    /// child. England 2025: 22.6% (EES C1; 2024: 22%). Default derived from practice
    /// quality: 0.28 at 0.0, 0.22 at 0.6, 0.17 at 1.0 (cases closed too soon come back).
    pub re_referral_share: f64,
    /// Share of referrals closed with no further action before assessment. England
    /// 2025: 6.5% (EES C1). Default 0.065.
    pub referral_nfa_share: f64,
    /// Share of completed assessments concluding the child is not in need (no further
    /// action, or step down to early help). England 2025: 30.8% (EES C1). Default 0.308.
    pub assessed_no_further_action_share: f64,
    /// Share of authorised assessments authorised within 45 working days of the
    /// referral (T-ASS-1). England 2025: about 85.7% (EES C2). Default derived from
    /// practice quality: 0.60 at 0.0, 0.86 at 0.6, 0.95 at 1.0.
    pub assessment_within_45wd_share: f64,
    /// Share of initial child protection conferences held within 15 working days of
    /// the strategy discussion (T-ICPC-1). England 2025: about 81.4%, measured from the
    /// section 47 start (EES C4), which here is the day of the strategy discussion.
    /// Default derived from practice quality: 0.60 at 0.0, 0.81 at 0.6, 0.92 at 1.0.
    pub icpc_within_15wd_share: f64,
    /// Share of initial conferences that make a child protection plan. England 2025:
    /// 61,840 plans from 72,100 ICPCs, about 0.86 (EES C4, D1). Default 0.86.
    pub icpc_cp_plan_share: f64,
    /// Share of children looked after on `today` who had three or more placements in
    /// the 12 months before (short-term stability). The 2024 and 2025 England figures
    /// were not retrieved (domain.md §7); the long-run national level is about 10%.
    /// Default derived from practice quality: 0.16 at 0.0, 0.10 at 0.6, 0.07 at 1.0.
    pub cla_three_plus_placements_share: f64,
    /// Share of generated children whose case is open on `today` (an open episode of
    /// need, or an open entitlement to leaving-care services). The demo authority's
    /// 4,000 open cases among 16,000 children give 0.25. Default 0.25.
    pub open_case_share: f64,
    /// Share of open social-work cases held on duty by a team with no named worker on
    /// `today`. A local measure with no national figure. Default derived from practice
    /// quality: 0.15 at 0.0, 0.05 at 0.6, 0.02 at 1.0.
    pub held_on_duty_share: f64,
    /// Share of child protection review conferences held within their timescale (first
    /// within 3 months of the ICPC, then within 6 months: T-RCPC-1). Default derived
    /// from practice quality: 0.70 at 0.0, 0.92 at 0.6, 0.98 at 1.0.
    pub cp_reviews_on_time_share: f64,
    /// Share of returns from a missing episode followed by a return home interview
    /// within 72 hours (T-MISS-1). Missing People's 2023-24 FOI average: 63%. Default
    /// derived from practice quality: 0.40 at 0.0, 0.63 at 0.6, 0.80 at 1.0.
    pub rhi_within_72h_share: f64,
    /// Share of care leavers' recorded accommodation that is suitable. England: 85% of
    /// 19-21 year olds (EES 2019; newer figure not retrieved). Default derived from
    /// practice quality: 0.76 at 0.0, 0.85 at 0.6, 0.90 at 1.0.
    pub care_leaver_suitable_accommodation_share: f64,
    /// Share of in-touch care leaver contacts recording education, employment or
    /// training. England 2024 at age 22: 30% EET, 26% NEET, 43% not in touch (EES), so
    /// about 0.54 of those in touch. Default derived from practice quality: 0.44 at
    /// 0.0, 0.54 at 0.6, 0.60 at 1.0.
    pub care_leaver_eet_share: f64,
}

impl Targets {
    /// The targets for an authority of practice quality `q` (0.0 to 1.0).
    pub fn for_quality(q: f64) -> Self {
        let q = q.clamp(0.0, 1.0);
        Self {
            contact_conversion_share: 0.33,
            re_referral_share: by_quality(q, 0.28, 0.22, 0.17),
            referral_nfa_share: 0.065,
            assessed_no_further_action_share: 0.308,
            assessment_within_45wd_share: by_quality(q, 0.60, 0.86, 0.95),
            icpc_within_15wd_share: by_quality(q, 0.60, 0.81, 0.92),
            icpc_cp_plan_share: 0.86,
            cla_three_plus_placements_share: by_quality(q, 0.16, 0.10, 0.07),
            open_case_share: 0.25,
            held_on_duty_share: by_quality(q, 0.15, 0.05, 0.02),
            cp_reviews_on_time_share: by_quality(q, 0.70, 0.92, 0.98),
            rhi_within_72h_share: by_quality(q, 0.40, 0.63, 0.80),
            care_leaver_suitable_accommodation_share: by_quality(q, 0.76, 0.85, 0.90),
            care_leaver_eet_share: by_quality(q, 0.44, 0.54, 0.60),
        }
    }
}

impl Default for Targets {
    fn default() -> Self {
        Self::for_quality(0.6)
    }
}

/// Piecewise-linear in quality through the values at 0.0, 0.6 and 1.0.
pub(crate) fn by_quality(q: f64, at0: f64, at06: f64, at1: f64) -> f64 {
    let q = q.clamp(0.0, 1.0);
    if q <= 0.6 {
        at0 + (at06 - at0) * q / 0.6
    } else {
        at06 + (at1 - at06) * (q - 0.6) / 0.4
    }
}

/// Behaviour that follows from practice quality but is not a configurable target.
#[derive(Debug, Clone)]
pub(crate) struct Practice {
    /// Mean years a permanent worker stays in post.
    pub permanent_tenure_years: f64,
    /// Mean years an agency worker stays in post.
    pub agency_tenure_years: f64,
    /// Share of social workers in post who are agency staff at any one time.
    pub agency_stock_share: f64,
    /// Longest vacancy between one worker and the next in a post.
    pub max_vacancy_days: i32,
    /// Chance that a child is held on duty for a while when their worker leaves.
    pub duty_gap_after_leaver: f64,
    /// Rate per year of worker changes for other reasons (caseload, absence, requests).
    pub other_changes_per_year: f64,
    pub police_attend: f64,
    pub health_attend: f64,
    pub education_attend: f64,
    /// Chance a statutory review or visit slips past its timescale.
    pub late_review: f64,
    pub late_visit: f64,
    /// Chance an action due by `today` was done.
    pub action_done: f64,
    /// Chance a plan has no recorded actions at all.
    pub plan_without_actions: f64,
    /// Chance a care leaver has a personal adviser by their 18th birthday.
    pub adviser_by_18: f64,
    /// Chance an initial health assessment is done within 20 working days.
    pub iha_on_time: f64,
    /// Placement moves per year in care.
    pub moves_per_year: f64,
    /// Chance a contact is decided within one working day (T-REF-1).
    pub contact_decided_in_1wd: f64,
    /// Chance a placement plan, placement notification, first care plan or needs
    /// assessment is later than its timescale.
    pub paperwork_late: f64,
    /// Chance a contact rated red is decided within hours (the local standard is 4).
    pub urgent_decided_in_4h: f64,
    /// Chance a child old enough to talk, seen on a visit, is seen alone.
    pub seen_alone: f64,
    /// Weight (of 100) of child protection plans lasting over two years (EES D7: 6).
    pub cp_plans_over_two_years_weight: u32,
    /// How many visit intervals a late visit may slip by: 1 at quality 0.6 or better,
    /// up to 4 where practice is poorest (children unseen for weeks).
    pub late_visit_spread: i32,
    /// Weight (of about 100) of health and dental checks cancelled.
    pub health_cancelled_weight: u32,
    /// Longest wait in days from placement order to match.
    pub match_days_max: i32,
    /// Chance an open plan action's owner names nobody ("TBC", "All agencies").
    pub action_owner_vague: f64,
    /// Chance an open case is allocated to the team manager rather than a worker.
    pub manager_holds_case: f64,
    /// Chance a current children's home placement has no Ofsted number recorded.
    pub unregistered_home: f64,
    /// Chance a placement outside the area is in a distant district, more than 20
    /// miles from home, rather than a neighbouring one (where the authority could not
    /// find a home nearby): 0.80 at quality 0.0, 0.56 at 0.6, 0.40 at 1.0. domain.md
    /// carries no England figure for placements over 20 miles; with about a third of
    /// children looked after placed out of the area, 0.56 puts about a fifth over 20
    /// miles, near the share EES "a focus on placement location" shows for 2015
    /// (12,820 of the 65,920 with a known distance, 19%; newer years not retrieved).
    /// See `tests/proportions.rs`.
    pub far_placement: f64,
}

impl Practice {
    pub(crate) fn new(q: f64) -> Self {
        let q = q.clamp(0.0, 1.0);
        Self {
            permanent_tenure_years: 1.4 + 3.2 * q,
            agency_tenure_years: 0.5 + 0.5 * q,
            agency_stock_share: 0.26 - 0.10 * q,
            max_vacancy_days: 15 + (75.0 * (1.0 - q)) as i32,
            duty_gap_after_leaver: 0.5 - 0.4 * q,
            other_changes_per_year: 0.25 - 0.12 * q,
            police_attend: 0.68 + 0.28 * q,
            health_attend: 0.5 + 0.4 * q,
            education_attend: 0.45 + 0.35 * q,
            late_review: 0.3 * (1.0 - q) + 0.03,
            late_visit: 0.35 * (1.0 - q) + 0.04,
            action_done: 0.55 + 0.4 * q,
            plan_without_actions: 0.3 * (1.0 - q),
            adviser_by_18: 0.7 + 0.3 * q,
            iha_on_time: 0.45 + 0.5 * q,
            moves_per_year: 0.35 + 0.35 * (1.0 - q),
            contact_decided_in_1wd: 0.7 + 0.28 * q,
            paperwork_late: 0.4 * (1.0 - q) + 0.05,
            urgent_decided_in_4h: 0.55 + 0.35 * q,
            seen_alone: by_quality(q, 0.55, 0.70, 0.80),
            cp_plans_over_two_years_weight: by_quality(q, 12.0, 6.0, 3.0).round() as u32,
            late_visit_spread: 1 + (3.0 * (0.6 - q).max(0.0) / 0.6).round() as i32,
            health_cancelled_weight: by_quality(q, 15.0, 3.0, 2.0).round() as u32,
            match_days_max: by_quality(q, 420.0, 240.0, 180.0).round() as i32,
            action_owner_vague: 0.12 * (1.0 - q),
            manager_holds_case: 0.06 * (1.0 - q),
            unregistered_home: 0.15 * (1.0 - q),
            far_placement: by_quality(q, 0.8, 0.56, 0.4),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_derived_targets_match_the_stated_points() {
        let t = Targets::for_quality(0.6);
        assert!((t.assessment_within_45wd_share - 0.86).abs() < 1e-9);
        assert!((Targets::for_quality(0.0).assessment_within_45wd_share - 0.60).abs() < 1e-9);
        assert!((Targets::for_quality(1.0).assessment_within_45wd_share - 0.95).abs() < 1e-9);
        assert!((by_quality(0.3, 0.6, 0.86, 0.95) - 0.73).abs() < 1e-9);
        let c = SynthConfig::demo(Date::constant(2025, 3, 31)).with_practice_quality(0.0);
        assert!((c.targets.held_on_duty_share - 0.15).abs() < 1e-9);
        // Re-referrals now follow practice (cases closed too soon come back)...
        assert!((c.targets.re_referral_share - 0.28).abs() < 1e-9);
        // ...while targets that do not depend on practice are kept.
        assert_eq!(c.targets.referral_nfa_share, 0.065);
    }
}
