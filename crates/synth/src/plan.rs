//! Planning a child's journey before any record is written: which kind of child this
//! is, how many referrals they have and what route each takes, how long each stage
//! lasts, when each referral is made and when the child was born.
//!
//! Proportions are hit by construction. A child's class (contact only, closed case, or
//! one of the kinds of open case) is drawn first, so the number of open cases follows
//! the target. Each later referral is a re-referral (within 12 months of the one before)
//! or not by a draw, and the gaps are laid out to match. Assessment, ICPC and placement
//! timeliness are drawn per event against their targets. An open case is placed so that
//! `today` falls inside the stage that is open, which weights the open caseload towards
//! long-running cases, as a real caseload is.

use caseline_domain::codes::{PrimaryNeed, ReferralSource};

use crate::Generator;
use crate::config::Targets;
use crate::days::{Day, YEAR, add_years};
use crate::rng::Rng;
use crate::spec::{EntryStatus, Exit, Route, Spec};

/// What kind of child this is on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Contacts only: never referred.
    ContactOnly,
    /// Referred at least once; every episode closed by `today`.
    Closed,
    /// An open case on `today`.
    Open(OpenKind),
}

/// The stage an open case is at on `today`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OpenKind {
    Assessing,
    CinServices,
    CinPlan,
    Cp,
    Care,
    CareLeaver,
}

/// Route weights and rates worked out once from the targets.
#[derive(Debug, Clone)]
pub(crate) struct Mix {
    pub contact_only: f64,
    pub open: f64,
    pub routes: [(Route, u32); 6],
    pub icpc_without_plan: f64,
    pub chain_continue: f64,
    pub extra_contacts_per_referral: f64,
    pub contacts_per_contact_only: f64,
}

/// Closed cases are drawn thinner over the last `RECENT_DAYS`, down to this share of
/// the usual density on `today`, leaving room for the open cases referred then.
const RECENT_THINNING: f64 = 0.0;
const RECENT_DAYS: i32 = 540;
/// Candidate episodes drawn when placing an open case (see `open_case`).
const LENGTH_BIAS_CANDIDATES: usize = 4;
/// Chance that a referral after the first is a re-referral.
const RE_REFERRAL_GIVEN_LATER: f64 = 0.75;
/// Referrals lost because an earlier one would fall before the window or birth.
const CHAIN_SURVIVAL: f64 = 0.93;
/// Share of open cases at each stage: CIN plans and services, assessments, then CP
/// plans, children looked after and care leavers at about the England rates per
/// 10,000 for a 60,000 child population (EES D1, CLA 2025).
const OPEN_MIX: [(OpenKind, u32); 6] = [
    (OpenKind::Assessing, 90),
    (OpenKind::CinServices, 200),
    (OpenKind::CinPlan, 465),
    (OpenKind::Cp, 65),
    (OpenKind::Care, 100),
    (OpenKind::CareLeaver, 80),
];

impl Mix {
    pub(crate) fn new(t: &Targets) -> Self {
        let open = t.open_case_share.clamp(0.0, 0.9);
        let contact_only = (1.0 - open) * 0.2;
        let referred = 1.0 - contact_only;
        let chain_continue =
            (t.re_referral_share / RE_REFERRAL_GIVEN_LATER / CHAIN_SURVIVAL).clamp(0.0, 0.85);
        let g = chain_continue;
        let mean_k = 1.0 + g + g * g + g * g * g;
        // Referrals per child, and those that are not the open final referral.
        let r = referred * (1.0 + (mean_k - 1.0) * CHAIN_SURVIVAL);
        let closed_type = (r - open).max(0.05);
        let nfa = (t.referral_nfa_share * r / closed_type).clamp(0.0, 0.5);
        let assessing = open * 0.15;
        let completed = r - nfa * closed_type - assessing;
        let assessed_nfa =
            (t.assessed_no_further_action_share * completed / closed_type).clamp(0.0, 1.0 - nfa);
        let rest = (1.0 - nfa - assessed_nfa).max(0.0);
        let (cin_services, cin_plan, cp, care) =
            (rest * 0.26, rest * 0.49, rest * 0.16, rest * 0.09);
        let w = |x: f64| (x * 100_000.0).round() as u32;
        let routes = [
            (Route::ReferralNfa, w(nfa)),
            (Route::AssessedNfa, w(assessed_nfa)),
            (Route::CinServices, w(cin_services)),
            (Route::CinPlan, w(cin_plan)),
            (Route::Cp, w(cp)),
            (Route::Care, w(care)),
        ];
        // ICPCs that make a plan, per child, and where the others come from.
        let share = |k: OpenKind| {
            OPEN_MIX
                .iter()
                .find(|(o, _)| *o == k)
                .map_or(0.0, |(_, w)| f64::from(*w))
                / 1000.0
        };
        let plans = closed_type * (cp + care * 0.4)
            + open * (share(OpenKind::Cp) + share(OpenKind::Care) * 0.4);
        let without_plan = plans * (1.0 - t.icpc_cp_plan_share) / t.icpc_cp_plan_share.max(0.01);
        let sources = (closed_type * cin_plan + open * share(OpenKind::CinPlan)) * 0.3;
        let icpc_without_plan = (without_plan / sources.max(1e-6)).clamp(0.0, 1.0);
        let contacts_per_contact_only = 1.5;
        let conversion = t.contact_conversion_share.clamp(0.05, 1.0);
        let other_contacts =
            r * (1.0 / conversion - 1.0) - contact_only * contacts_per_contact_only;
        Self {
            contact_only,
            open,
            routes,
            icpc_without_plan,
            chain_continue,
            extra_contacts_per_referral: (other_contacts / r.max(1e-6)).max(0.05),
            contacts_per_contact_only,
        }
    }
}

/// The planned journey.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    pub specs: Vec<Spec>,
    /// Referral dates, oldest first, one per spec.
    pub refs: Vec<Day>,
    pub dob: Option<Day>,
    pub edob: Option<Day>,
    pub uasc: bool,
}

const Y: f64 = YEAR;
fn yd(years: f64) -> i32 {
    (years * Y) as i32
}

/// Age at first referral (England: under-1s and teenagers over-represented).
fn referral_age_buckets() -> [((i32, i32), u32); 5] {
    [
        ((0, 364), 9),
        ((365, yd(5.0) - 1), 17),
        ((yd(5.0), yd(10.0) - 1), 22),
        ((yd(10.0), yd(16.0) - 1), 36),
        ((yd(16.0), yd(18.0) - 30), 14),
    ]
}

/// Ages of children in need on a date (CIN census shape).
fn cin_age_buckets() -> [((i32, i32), u32); 5] {
    [
        ((0, 364), 5),
        ((365, yd(5.0) - 1), 16),
        ((yd(5.0), yd(10.0) - 1), 26),
        ((yd(10.0), yd(16.0) - 1), 38),
        ((yd(16.0), yd(18.0) - 5), 15),
    ]
}

/// Ages of children on a child protection plan.
fn cp_age_buckets() -> [((i32, i32), u32); 5] {
    [
        ((0, 364), 10),
        ((365, yd(5.0) - 1), 27),
        ((yd(5.0), yd(10.0) - 1), 28),
        ((yd(10.0), yd(16.0) - 1), 30),
        ((yd(16.0), yd(18.0) - 5), 5),
    ]
}

/// Ages at which children start to be looked after.
fn care_entry_buckets() -> [((i32, i32), u32); 5] {
    [
        ((0, 364), 20),
        ((365, yd(5.0) - 1), 18),
        ((yd(5.0), yd(10.0) - 1), 20),
        ((yd(10.0), yd(16.0) - 1), 30),
        ((yd(16.0), yd(17.6)), 12),
    ]
}

/// Draws from `buckets` within [lo, hi], or uniformly in [lo, hi] if that keeps failing.
fn age_in(rng: &mut Rng, buckets: &[((i32, i32), u32)], lo: i32, hi: i32) -> Option<i32> {
    if hi < lo {
        return None;
    }
    for _ in 0..12 {
        let (a, b) = rng.weighted(buckets);
        let age = rng.range(a, b);
        if (lo..=hi).contains(&age) {
            return Some(age);
        }
    }
    Some(rng.range(lo, hi))
}

pub(crate) struct Planner<'a> {
    pub g: &'a Generator,
    pub rng: &'a mut Rng,
    pub disabled: bool,
}

impl Planner<'_> {
    pub(crate) fn class(&mut self) -> Class {
        let mix = &self.g.mix;
        let u = self.rng.f64();
        if u < mix.open {
            Class::Open(self.rng.weighted(&OPEN_MIX))
        } else if u < mix.open + mix.contact_only {
            Class::ContactOnly
        } else {
            Class::Closed
        }
    }

    /// Plans a referred child's journey (not for contact-only children).
    pub(crate) fn plan(&mut self, class: Class) -> Plan {
        match class {
            Class::Open(OpenKind::Care) => self.open_care(),
            Class::Open(OpenKind::CareLeaver) => self.care_leaver(),
            Class::Open(kind) => self.open_case(kind),
            Class::Closed | Class::ContactOnly => self.closed(),
        }
    }

    fn today(&self) -> Day {
        self.g.today
    }

    fn window_start(&self) -> Day {
        self.g.history_start
    }

    // ----- chains of referrals ---------------------------------------------------------

    /// Earlier episodes before the final one, oldest first, each with the gap in days to
    /// the referral after it.
    fn earlier(&mut self) -> Vec<(Spec, i32)> {
        let g = self.g.mix.chain_continue;
        let mut k = 1;
        while k < 4 && self.rng.chance(g) {
            k += 1;
        }
        let mut out = Vec::with_capacity(k - 1);
        for _ in 1..k {
            let re_referral = self.rng.chance(RE_REFERRAL_GIVEN_LATER);
            let route = self.route();
            let spec = self.spec(route, re_referral.then_some(300), false);
            let len = spec.length();
            let gap = if re_referral {
                self.rng.range(len + 7, 360)
            } else {
                let lo = (len + 20).max(370);
                self.rng.range(lo, lo + 900)
            };
            out.push((spec, gap));
        }
        out.reverse();
        out
    }

    /// Referral dates for `earlier` followed by a final referral on `last`.
    fn dates_back(earlier: &[(Spec, i32)], last: Day) -> Vec<Day> {
        let mut refs = vec![last];
        let mut at = last;
        for (_, gap) in earlier.iter().rev() {
            at -= gap;
            refs.push(at);
        }
        refs.reverse();
        refs
    }

    /// Drops the oldest earlier episodes whose referral falls before `floor`, or that
    /// take the child into care before `born`.
    fn keep_from(
        earlier: &mut Vec<(Spec, i32)>,
        refs: &mut Vec<Day>,
        floor: Day,
        born: Option<Day>,
    ) {
        while !earlier.is_empty() {
            let entry_before_birth = match (born, earlier[0].0.entry_off()) {
                (Some(b), Some(off)) => refs[0] + off < b,
                _ => false,
            };
            if refs[0] >= floor && !entry_before_birth {
                break;
            }
            earlier.remove(0);
            refs.remove(0);
        }
    }

    fn assemble(
        earlier: Vec<(Spec, i32)>,
        last: Spec,
        refs: Vec<Day>,
        dob: Option<Day>,
        edob: Option<Day>,
        uasc: bool,
    ) -> Plan {
        let mut specs: Vec<Spec> = earlier.into_iter().map(|(s, _)| s).collect();
        specs.push(last);
        Plan {
            specs,
            refs,
            dob,
            edob,
            uasc,
        }
    }

    /// The expected date of birth and birth date when the first referral is before birth.
    fn pre_birth(&mut self, first_ref: Day, born_by: i32) -> Option<(Day, Day)> {
        let latest = born_by.min(220);
        if latest < 30 {
            return None;
        }
        let dob = first_ref + self.rng.range(30, latest);
        let edob = dob + self.rng.range(-10, 10);
        Some((dob, edob))
    }

    fn closed(&mut self) -> Plan {
        let today = self.today();
        let start = self.window_start();
        let mut last = self.spec_fitting(today - start - 30);
        let mut earlier = if last.care.as_ref().is_some_and(|c| c.exit == Exit::Adoption) {
            Vec::new()
        } else {
            self.earlier()
        };
        let latest = today - last.length() - 10;
        loop {
            let span: i32 = earlier.iter().map(|(_, gap)| gap).sum();
            if start + span <= latest || earlier.is_empty() {
                break;
            }
            earlier.remove(0);
        }
        let span: i32 = earlier.iter().map(|(_, gap)| gap).sum();
        // Open cases were mostly referred in the last two years; closed ones are drawn
        // thinner there so that referrals run at a steady rate across the window.
        let (lo, hi) = (start + span, latest.max(start + span));
        let mut f = self.rng.range(lo, hi);
        for _ in 0..20 {
            let recent = today - f;
            let keep = if recent >= RECENT_DAYS {
                1.0
            } else {
                RECENT_THINNING
                    + (1.0 - RECENT_THINNING) * f64::from(recent) / f64::from(RECENT_DAYS)
            };
            if self.rng.chance(keep) {
                break;
            }
            f = self.rng.range(lo, hi);
        }
        let mut refs = Self::dates_back(&earlier, f);
        let first = refs[0];
        let last_activity = f + last.length();
        // Oldest the child can be at the first referral: under 18 throughout, and under
        // four on entry to care for adoption.
        let mut max_age = yd(18.0) - 10 - (last_activity - first);
        if let (Some(care), Some(entry)) = (&last.care, last.entry_off())
            && care.exit == Exit::Adoption
        {
            max_age = max_age.min(yd(3.0) - (f + entry - first));
        }
        let first_spec = earlier.first().map_or(&last, |(s, _)| s);
        let born_by = first_spec.must_be_born_by();
        if (max_age < 0 || self.rng.chance(0.03))
            && let Some((dob, edob)) = self.pre_birth(first, born_by)
        {
            return Self::assemble(earlier, last, refs, Some(dob), Some(edob), false);
        }
        let age = age_in(self.rng, &referral_age_buckets(), 0, max_age.max(0)).unwrap_or(0);
        let dob = first - age;
        // The adoption constraint can fail only when the layout is impossible; fall back
        // to a return home so that no child is adopted as a teenager.
        if let Some(care) = last.care.as_mut()
            && care.exit == Exit::Adoption
            && max_age < 0
        {
            care.exit = Exit::ReturnHome;
            care.adoption = None;
        }
        Self::keep_from(&mut earlier, &mut refs, start, Some(dob));
        Self::assemble(earlier, last, refs, Some(dob), None, false)
    }

    /// A closed-route spec that fits in `room` days.
    fn spec_fitting(&mut self, room: i32) -> Spec {
        for _ in 0..6 {
            let route = self.route();
            let s = self.spec(route, None, true);
            if s.length() <= room {
                return s;
            }
        }
        self.spec(Route::AssessedNfa, Some(room.max(60)), false)
    }

    fn open_case(&mut self, kind: OpenKind) -> Plan {
        let today = self.today();
        let route = match kind {
            OpenKind::Assessing => loop {
                let r = self.route();
                if !matches!(r, Route::ReferralNfa | Route::Care) {
                    break r;
                }
            },
            OpenKind::CinServices => Route::CinServices,
            OpenKind::CinPlan => Route::CinPlan,
            _ => Route::Cp,
        };
        // A case open on a given day is more likely to be a long one: choose among a
        // few candidate episodes in proportion to how long each stays open.
        let mut candidates: Vec<(Spec, (i32, i32))> = Vec::with_capacity(LENGTH_BIAS_CANDIDATES);
        for _ in 0..LENGTH_BIAS_CANDIDATES {
            let mut s = self.spec(route, None, false);
            if kind == OpenKind::CinServices {
                s.plan_days = self.rng.range(30, 400);
            }
            let window = s.open_window(kind);
            candidates.push((s, window));
        }
        let weights: Vec<(usize, u32)> = candidates
            .iter()
            .enumerate()
            .map(|(i, (_, (lo, hi)))| (i, (hi - lo).max(1) as u32))
            .collect();
        let chosen = self.rng.weighted(&weights);
        let (last, (lo, hi)) = candidates.swap_remove(chosen);
        let pos = self.rng.range(lo, hi);
        let f = today - pos;
        let mut earlier = self.earlier();
        let mut refs = Self::dates_back(&earlier, f);
        Self::keep_from(&mut earlier, &mut refs, self.window_start(), None);
        // Unborn on `today`: a pre-birth assessment.
        if kind == OpenKind::Assessing && earlier.is_empty() && pos < 130 && self.rng.chance(0.1) {
            let edob = today + self.rng.range(10, 150.min(290 - pos));
            return Self::assemble(earlier, last, refs, None, Some(edob), false);
        }
        let buckets = if kind == OpenKind::Cp {
            cp_age_buckets()
        } else {
            cin_age_buckets()
        };
        let earliest_entry = earlier
            .iter()
            .zip(&refs)
            .filter_map(|((s, _), r)| s.entry_off().map(|o| r + o))
            .min();
        let first = refs[0];
        let mut min_age = today - first - 200;
        if let Some(e) = earliest_entry {
            min_age = min_age.max(today - e);
        }
        let max_age = yd(18.0) - 5;
        let age = age_in(self.rng, &buckets, min_age.max(0), max_age).unwrap_or(max_age);
        let dob = today - age;
        let edob = (dob > first).then(|| dob + self.rng.range(-10, 10));
        let floor = edob.map_or(dob, |e| e - 280).max(self.window_start());
        Self::keep_from(&mut earlier, &mut refs, floor, Some(dob));
        let edob = edob.filter(|_| refs[0] < dob);
        Self::assemble(earlier, last, refs, Some(dob), edob, false)
    }

    fn open_care(&mut self) -> Plan {
        let today = self.today();
        let uasc = self.rng.chance(0.08);
        let age_entry = if uasc {
            self.rng.range(yd(15.0), yd(17.4))
        } else {
            age_in(self.rng, &care_entry_buckets(), 0, yd(17.6)).unwrap_or(0)
        };
        let mut last = self.spec(Route::Care, None, false);
        let mut care = self.care_spec(uasc, Some(age_entry), None, true);
        let to_18 = yd(18.0) - age_entry;
        if care.exit == Exit::ToEighteen || care.duration > to_18 - 10 {
            care.exit = Exit::ToEighteen;
            care.adoption = None;
            care.duration = to_18;
        }
        if care.via_cp {
            last.s47 = true;
            last.icpc = true;
            last.plan_days = self.rng.range(30, 400);
            last.cp_reviews = self.cp_reviews(last.plan_days);
            last.cp_reviews.pop();
            last.pre_proceedings = care.entry_status == EntryStatus::InterimCareOrder;
        } else {
            last.icpc = false;
            last.s47 = care.entry_status != EntryStatus::Section20 || self.rng.chance(0.3);
            last.sd_wd = 0;
        }
        if uasc {
            last.source = self.rng.weighted(&[
                (ReferralSource::OtherLegalAgency, 50),
                (ReferralSource::Police, 30),
                (ReferralSource::LaExternal, 20),
            ]);
            last.need = PrimaryNeed::AbsentParenting;
            last.s47 = false;
        }
        let pos = self.rng.range(0, (care.duration - 4).max(0));
        last.care = Some(care);
        let entry = today - pos;
        let dob = entry - age_entry;
        if entry - last.entry_off().unwrap_or(0) < dob - 250 {
            // A plan that began long before birth: come into care directly instead.
            if let Some(c) = last.care.as_mut() {
                c.via_cp = false;
                c.direct_offset = c.direct_offset.min(age_entry + 200);
            }
            last.icpc = false;
            last.cp_reviews.clear();
            last.pre_proceedings = false;
            last.sd_wd = 0;
        }
        let f = entry - last.entry_off().unwrap_or(0);
        if let Some(c) = last.care.as_mut()
            && c.exit == Exit::ToEighteen
        {
            c.duration = add_years(dob, 18) - entry;
        }
        let mut earlier = if f - 200 < dob || uasc {
            Vec::new()
        } else {
            self.earlier()
        };
        let mut refs = Self::dates_back(&earlier, f);
        let floor = self.window_start().max(dob);
        Self::keep_from(&mut earlier, &mut refs, floor, Some(dob));
        let edob = (refs[0] < dob).then(|| dob + self.rng.range(-10, 10));
        Self::assemble(earlier, last, refs, Some(dob), edob, uasc)
    }

    fn care_leaver(&mut self) -> Plan {
        let today = self.today();
        let uasc = self.rng.chance(0.2);
        let age_today = self.rng.range(yd(18.0) + 1, yd(21.95));
        let dob = today - age_today;
        let age_entry = if uasc {
            self.rng.range(yd(15.0), yd(17.3))
        } else {
            let (a, b) = self.rng.weighted(&[
                ((yd(8.0), yd(14.0) - 1), 35),
                ((yd(14.0), yd(16.0) - 1), 40),
                ((yd(16.0), yd(17.3)), 25),
            ]);
            self.rng.range(a, b)
        };
        let entry = dob + age_entry;
        let relevant = !uasc && age_entry < yd(17.0) && self.rng.chance(0.07);
        let sixteen = add_years(dob, 16);
        let eighteen = add_years(dob, 18);
        let (exit, exit_day) = if relevant {
            let lo = sixteen.max(entry + 100);
            let hi = (eighteen - 60).max(lo);
            (Exit::Relevant, self.rng.range(lo, hi))
        } else {
            (Exit::ToEighteen, eighteen)
        };
        let mut last = self.spec(Route::Care, None, false);
        let mut care = self.care_spec(uasc, Some(age_entry), None, false);
        care.exit = exit;
        care.adoption = None;
        care.duration = exit_day - entry;
        care.via_cp = !uasc && care.via_cp;
        if care.via_cp {
            last.s47 = true;
            last.icpc = true;
            last.plan_days = self.rng.range(30, 300);
            last.cp_reviews = self.cp_reviews(last.plan_days);
            last.cp_reviews.pop();
            last.pre_proceedings = care.entry_status == EntryStatus::InterimCareOrder;
        } else {
            last.icpc = false;
            last.s47 =
                !uasc && (care.entry_status != EntryStatus::Section20 || self.rng.chance(0.3));
            last.sd_wd = 0;
        }
        if uasc {
            last.source = ReferralSource::OtherLegalAgency;
            last.need = PrimaryNeed::AbsentParenting;
        }
        last.close_delay = 0;
        last.care = Some(care);
        let f = entry - last.entry_off().unwrap_or(0);
        let mut earlier = if uasc { Vec::new() } else { self.earlier() };
        let mut refs = Self::dates_back(&earlier, f);
        Self::keep_from(
            &mut earlier,
            &mut refs,
            self.window_start().max(dob),
            Some(dob),
        );
        Self::assemble(earlier, last, refs, Some(dob), None, uasc)
    }

    /// Date of birth for a contact-only child whose contacts run from `first` to `last`.
    pub(crate) fn contact_only_dob(&mut self, first: Day, last: Day) -> Day {
        let max_age = yd(18.0) - 10 - (last - first);
        let age = age_in(self.rng, &referral_age_buckets(), 0, max_age.max(0)).unwrap_or(0);
        first - age
    }
}

#[cfg(test)]
#[allow(clippy::panic)]
mod tests {
    use super::*;
    use crate::SynthConfig;
    use jiff::civil::Date;

    #[test]
    fn route_weights_follow_the_targets() {
        let t = Targets::default();
        let mix = Mix::new(&t);
        let total: u32 = mix.routes.iter().map(|(_, w)| w).sum();
        assert!((total as i32 - 100_000).abs() < 10);
        assert!(mix.chain_continue > 0.2 && mix.chain_continue < 0.5);
        assert!(mix.extra_contacts_per_referral > 0.5);
        assert!(mix.icpc_without_plan > 0.0 && mix.icpc_without_plan < 1.0);
    }

    #[test]
    fn plans_respect_their_window_and_the_child_s_birth() {
        let g = Generator::new(SynthConfig::demo(Date::constant(2025, 3, 31)).with_children(500));
        for i in 0..2_000 {
            let mut rng = Rng::new(9, i);
            let mut p = Planner {
                g: &g,
                rng: &mut rng,
                disabled: false,
            };
            let class = p.class();
            if class == Class::ContactOnly {
                continue;
            }
            let plan = p.plan(class);
            assert_eq!(plan.refs.len(), plan.specs.len());
            assert!(
                plan.refs.windows(2).all(|w| w[0] < w[1]),
                "{class:?} {:?}",
                plan.refs
            );
            assert!(*plan.refs.last().unwrap_or(&0) <= g.today);
            let floor = match (plan.dob, plan.edob) {
                (_, Some(e)) => e - 294,
                (Some(d), None) => d,
                (None, None) => panic!("no birth date"),
            };
            assert!(
                plan.refs[0] >= floor,
                "{class:?} ref {} before {floor}",
                plan.refs[0]
            );
        }
    }
}
