//! What is recorded around the journey once it is built: placement plans and
//! notifications, placements under regulations 19 and 24 and the extra visits they
//! need, late care plans, needs assessments, personal adviser visits, child in need
//! plan reviews, case supervision and quick decisions on urgent contacts.
//!
//! All of it is drawn from a random stream of its own, so the journey itself draws
//! exactly what it drew before and the proportions the generator aims for are
//! unchanged. Two things already there are adjusted: some periods' first care plans
//! start later, and red contacts are decided sooner. Timeliness follows practice
//! quality (`Practice::paperwork_late`, `urgent_decided_in_4h`, `late_visit`,
//! `late_review`).

use caseline_domain::RecordId;
use caseline_domain::codes::{
    AllocationRole, CareLeaverEligibility, LegalStatus, PlacementType, Rag, ReasonNewEpisode,
    VisitKind,
};
use caseline_domain::looked_after::PlacementDetails;
use caseline_domain::workforce::CaseSupervision;
use jiff::SignedDuration;

use crate::child::{Builder, K, R};
use crate::days::{Day, add_years, date, day};
use crate::rng::Rng;

/// Mixed into the seed for this module's stream.
const STREAM: u64 = 0x5A7E_11E5_C10C_4B5E;

/// Case supervision is generated for allocations open in (or since) this many days
/// before `today`, to keep the row count modest; older allocations have none.
const SUPERVISION_WINDOW_DAYS: Day = 365;

/// A placement and what sets its visits.
struct Placed {
    episode: RecordId,
    start: Day,
    /// The day after the placement ends (the next placement's start), if it has.
    end: Option<Day>,
    kind: PlacementType,
    first_review: Option<Day>,
    /// (day, legal status) for every episode of the placement.
    legal: Vec<(Day, LegalStatus)>,
    new_carer: bool,
}

fn plus_months(d: Day, months: i64) -> Day {
    date(d)
        .checked_add(jiff::Span::new().months(months))
        .map_or(d, day)
}

impl Builder<'_> {
    /// Adds the records around the journey, from this child's own second stream.
    pub(crate) fn paperwork(&mut self, index: usize) -> R<()> {
        let stream = Rng::new(self.g.config.seed ^ STREAM, index as u64 + 1);
        let main = std::mem::replace(&mut self.rng, stream);
        let result = self.paperwork_inner();
        self.rng = main;
        result
    }

    fn paperwork_inner(&mut self) -> R<()> {
        for p in self.placed() {
            self.placement_details(&p)?;
            self.regulation_visits(&p)?;
        }
        self.late_care_plans();
        self.needs_assessments();
        self.adviser_visits()?;
        self.cin_plan_reviews()?;
        self.supervisions()?;
        self.urgent_decisions();
        self.drift();
        Ok(())
    }

    /// Every placement (a 903 episode that is not a legal status change only).
    fn placed(&self) -> Vec<Placed> {
        let mut out: Vec<Placed> = Vec::new();
        for period in &self.rec.periods_of_care {
            let first_review = self
                .rec
                .looked_after_reviews
                .iter()
                .filter(|r| r.period_id == period.id)
                .map(|r| day(r.date))
                .min();
            let mut eps: Vec<_> = self
                .rec
                .care_episodes
                .iter()
                .filter(|e| e.period_id == period.id)
                .collect();
            eps.sort_by_key(|e| e.start_date);
            let mut mine: Vec<Placed> = Vec::new();
            for e in eps {
                let start = day(e.start_date);
                if let Some(p) = mine.last_mut() {
                    if e.reason_new_episode == ReasonNewEpisode::LegalStatusChangeOnly {
                        p.legal.push((start, e.legal_status));
                        continue;
                    }
                    p.end = Some(start);
                }
                mine.push(Placed {
                    episode: e.id.clone(),
                    start,
                    end: None,
                    kind: e.placement_type,
                    first_review,
                    legal: vec![(start, e.legal_status)],
                    new_carer: !matches!(
                        e.reason_new_episode,
                        ReasonNewEpisode::PlacementChangeSameCarer
                            | ReasonNewEpisode::LegalStatusAndPlacementChangeSameCarer
                    ),
                });
            }
            if let Some(p) = mine.last_mut() {
                p.end = period.end_date.map(day);
            }
            out.extend(mine);
        }
        out
    }

    /// The day a placement plan was agreed or a notification sent for a placement from
    /// `start` to `end`: mostly within the 5 working days allowed (sometimes ahead of a
    /// planned move), later where practice is poor; none if that day has not come yet
    /// or the placement was over by then.
    fn paper_day(&mut self, start: Day, end: Option<Day>) -> Option<Day> {
        let d = if self.rng.chance(self.g.practice.paperwork_late) {
            self.wd_between(start, 6, 25)
        } else if self.rng.chance(0.3) {
            start - self.rng.range(1, 10)
        } else {
            self.wd_between(start, 0, 5)
        };
        let d = d.max(self.dob.unwrap_or(d));
        (d <= self.today && end.is_none_or(|e| d < e)).then_some(d)
    }

    fn placement_details(&mut self, p: &Placed) -> R<()> {
        let placement_plan_date = self.paper_day(p.start, p.end).map(date);
        let notification_date = self.paper_day(p.start, p.end).map(date);
        let temporary_approval_reg24 =
            p.kind.is_with_relative_or_friend() && p.new_carer && self.rng.chance(0.35);
        let placed_before_assessment_reg19 =
            p.kind == PlacementType::PlacedWithParents && self.rng.chance(0.3);
        let id = self.id(K::PlacementDetails)?;
        self.rec.placement_details.push(PlacementDetails {
            id,
            child_id: self.pid(),
            care_episode_id: p.episode.clone(),
            placement_plan_date,
            notification_date,
            temporary_approval_reg24,
            placed_before_assessment_reg19,
        });
        Ok(())
    }

    /// The visits regulation 28(3)-(5) asks for beyond the six-weekly ones every
    /// placement already has: weekly until the first review (at home under an interim
    /// order or before the parents' assessment, or with a temporarily approved
    /// relative), four-weekly after it (interim order, temporary approval), and one
    /// within a week of a care order made while the child lives at home.
    fn regulation_visits(&mut self, p: &Placed) -> R<()> {
        let Some(details) = self
            .rec
            .placement_details
            .iter()
            .find(|d| d.care_episode_id == p.episode)
        else {
            return Ok(());
        };
        let (reg19, reg24) = (
            details.placed_before_assessment_reg19,
            details.temporary_approval_reg24,
        );
        let at_home = p.kind == PlacementType::PlacedWithParents;
        let last = p.end.map_or(self.today, |e| e - 1).min(self.today);
        // The window in which visits are more frequent than six-weekly, and whether
        // they stay four-weekly after the first review.
        let (until, four_weekly) = if reg24 {
            ((p.start + 24 * 7).min(last), true)
        } else if at_home {
            let interim_ends = p
                .legal
                .iter()
                .find(|(_, ls)| *ls != LegalStatus::InterimCareOrder)
                .map_or(last, |(d, _)| d - 1)
                .min(last);
            match p.legal.first() {
                Some((_, LegalStatus::InterimCareOrder)) => (interim_ends, true),
                _ if reg19 => (p.first_review.unwrap_or(last).min(last), false),
                _ => (p.start - 1, false),
            }
        } else {
            (p.start - 1, false)
        };
        let late = self.g.practice.late_visit;
        let mut d = p.start + self.rng.range(1, 6);
        while d <= until {
            let on = self.mostly_workday(d).min(until);
            self.visit(VisitKind::LookedAfter, on, false)?;
            let weekly = p.first_review.is_none_or(|r| on < r);
            let interval = match (weekly, four_weekly) {
                (true, _) => 7,
                (false, true) => 28,
                (false, false) => break,
            };
            let mut gap = interval - self.rng.range(0, interval / 4);
            if self.rng.chance(late) {
                gap += self.rng.range(1, interval / 2);
            }
            d = on + gap;
        }
        if at_home {
            let orders: Vec<Day> = p
                .legal
                .windows(2)
                .filter(|w| {
                    w[1].1 == LegalStatus::FullCareOrder && w[0].1 != LegalStatus::FullCareOrder
                })
                .map(|w| w[1].0)
                .collect();
            for order in orders {
                let on = order
                    + if self.rng.chance(late) {
                        self.rng.range(8, 20)
                    } else {
                        self.rng.range(1, 7)
                    };
                if on <= last {
                    self.visit(VisitKind::LookedAfter, on, false)?;
                }
            }
        }
        Ok(())
    }

    /// Now and then the first care plan of a period comes later than the 10 working
    /// days allowed (CPR 2010 reg 4(2)); the generator otherwise writes it within them.
    fn late_care_plans(&mut self) {
        let periods: Vec<(RecordId, Day)> = self
            .rec
            .periods_of_care
            .iter()
            .map(|p| (p.id.clone(), day(p.start_date)))
            .collect();
        for (period, entry) in periods {
            if !self.rng.chance(self.g.practice.paperwork_late * 0.5) {
                continue;
            }
            let later = self.wd_between(entry, 11, 30);
            let first = self
                .rec
                .care_plans
                .iter()
                .filter(|c| c.period_id == period)
                .map(|c| c.start_date)
                .min();
            let Some(first) = first else { continue };
            let fits = |c: &caseline_domain::looked_after::CarePlan| {
                c.end_date.is_none_or(|e| e >= date(later))
            };
            let movable = later <= self.today
                && self
                    .rec
                    .care_plans
                    .iter()
                    .filter(|c| c.period_id == period && c.start_date == first)
                    .all(fits);
            if movable {
                for c in &mut self.rec.care_plans {
                    if c.period_id == period && c.start_date == first {
                        c.start_date = date(later);
                    }
                }
            }
        }
    }

    /// Eligible children's needs assessments, mostly within three months of the 16th
    /// birthday or of becoming eligible (CPR 2010 reg 42).
    fn needs_assessments(&mut self) {
        let sixteen = self.dob.map(|d| add_years(d, 16));
        let late = self.g.practice.paperwork_late;
        for i in 0..self.rec.care_leaver.len() {
            let c = &self.rec.care_leaver[i];
            if c.eligibility != CareLeaverEligibility::Eligible {
                continue;
            }
            let start = sixteen.map_or(day(c.eligible_from), |s| s.max(day(c.eligible_from)));
            let end = c.end_date.map(day);
            let d = if self.rng.chance(late) {
                plus_months(start, 3) + self.rng.range(1, 90)
            } else {
                start + self.rng.range(14, 88)
            };
            let d = self.workday(d);
            if d <= self.today && end.is_none_or(|e| d <= e) {
                self.rec.care_leaver[i].needs_assessment_date = Some(date(d));
            }
        }
    }

    /// Personal adviser visits for relevant and former relevant young people: within a
    /// week of entitlement once an adviser is allocated, then about every two months
    /// (Care Leavers (England) Regs 2010 reg 8).
    fn adviser_visits(&mut self) -> R<()> {
        let adviser_from = self
            .rec
            .allocations
            .iter()
            .filter(|a| a.role == AllocationRole::PersonalAdviser && a.worker_id.is_some())
            .map(|a| day(a.start_date))
            .min();
        let Some(adviser_from) = adviser_from else {
            return Ok(());
        };
        let mut spans: Vec<(Day, Option<Day>)> = self
            .rec
            .care_leaver
            .iter()
            .filter(|c| c.eligibility.has_left_care())
            .map(|c| (day(c.eligible_from), c.end_date.map(day)))
            .collect();
        spans.sort_unstable();
        let late = self.g.practice.late_visit;
        let today = self.today;
        let mut next_free = Day::MIN;
        for (from, to) in spans {
            let last = to.unwrap_or(today).min(today);
            let mut d = from.max(adviser_from).max(next_free) + self.rng.range(0, 6);
            while d <= last {
                let on = self.mostly_workday(d).min(last);
                self.visit(VisitKind::PersonalAdviser, on, false)?;
                let mut gap = self.rng.range(42, 60);
                if self.rng.chance(late) {
                    gap += self.rng.range(5, 40);
                }
                d = on + gap;
            }
            next_free = d;
        }
        Ok(())
    }

    /// Child in need plan reviews, about every three months (a local standard).
    fn cin_plan_reviews(&mut self) -> R<()> {
        let plans: Vec<(RecordId, Day, Option<Day>)> = self
            .rec
            .cin_plans
            .iter()
            .map(|p| (p.id.clone(), day(p.start_date), p.end_date.map(day)))
            .collect();
        let late = self.g.practice.late_review;
        for (plan, start, end) in plans {
            let last = end.unwrap_or(self.today).min(self.today);
            let mut from = start;
            loop {
                let due = plus_months(from, 3);
                let d = if self.rng.chance(late) {
                    due + self.rng.range(1, 45)
                } else {
                    due - self.rng.range(0, 25)
                };
                let d = self.workday(d);
                if d > last {
                    break;
                }
                let id = self.id(K::CinPlanReview)?;
                self.rec
                    .cin_plan_reviews
                    .push(caseline_domain::child_protection::CinPlanReview {
                        id,
                        child_id: self.pid(),
                        cin_plan_id: plan.clone(),
                        date: date(d),
                    });
                from = d;
            }
        }
        Ok(())
    }

    /// Case supervision about monthly for each allocation to a named social worker
    /// open in the last year, by the team's manager where one is in post.
    fn supervisions(&mut self) -> R<()> {
        let window = self.today - SUPERVISION_WINDOW_DAYS;
        let spans: Vec<(Day, Day, caseline_domain::TeamId)> = self
            .rec
            .allocations
            .iter()
            .filter(|a| a.role == AllocationRole::AllocatedSocialWorker && a.worker_id.is_some())
            .map(|a| {
                (
                    day(a.start_date),
                    a.end_date.map_or(self.today, day).min(self.today),
                    a.team_id.clone(),
                )
            })
            .filter(|(_, end, _)| *end >= window)
            .collect();
        let late = self.g.practice.late_visit;
        for (start, end, team) in spans {
            let managers = self.g.managers.get(&team).map_or(&[][..], Vec::as_slice);
            let mut d = start;
            loop {
                let mut wd = self.rng.range(12, 20);
                if self.rng.chance(late) {
                    wd += self.rng.range(3, 20);
                }
                d = self.wd(d, wd as u32);
                if d > end {
                    break;
                }
                let supervisor_id = managers
                    .iter()
                    .find(|(s, e, _)| *s <= d && e.is_none_or(|e| d <= e))
                    .map(|m| m.2.clone());
                let id = self.id(K::CaseSupervision)?;
                self.rec.case_supervisions.push(CaseSupervision {
                    id,
                    child_id: self.pid(),
                    date: date(d),
                    supervisor_id,
                });
            }
        }
        Ok(())
    }

    /// The drift poor practice leaves that the findings look for: actions whose owner
    /// names nobody, cases held by a team manager, children's homes with no Ofsted
    /// number recorded. Drawn last, so nothing else moves.
    fn drift(&mut self) {
        let p = &self.g.practice;
        for i in 0..self.rec.plan_actions.len() {
            if self.rec.plan_actions[i].status == caseline_domain::codes::ActionStatus::Open
                && self.rng.chance(p.action_owner_vague)
            {
                let who = self
                    .rng
                    .pick(&["TBC", "All agencies", "Core group", "Professionals"]);
                self.rec.plan_actions[i].who = who.to_owned();
            }
        }
        for i in 0..self.rec.allocations.len() {
            let a = &self.rec.allocations[i];
            if a.role != AllocationRole::AllocatedSocialWorker
                || a.worker_id.is_none()
                || a.end_date.is_some()
                || !self.rng.chance(p.manager_holds_case)
            {
                continue;
            }
            let start = day(a.start_date);
            let manager = self
                .g
                .managers
                .get(&a.team_id)
                .and_then(|m| m.iter().find(|(s, e, _)| *s <= start && e.is_none()))
                .map(|m| m.2.clone());
            if let Some(m) = manager {
                self.rec.allocations[i].worker_id = Some(m);
            }
        }
        for i in 0..self.rec.care_episodes.len() {
            let e = &self.rec.care_episodes[i];
            if e.end_date.is_none()
                && e.placement_type == PlacementType::ChildrensHome
                && self.rng.chance(p.unregistered_home)
            {
                self.rec.care_episodes[i].ofsted_urn = None;
            }
        }
    }

    /// Contacts rated red are mostly decided within hours (the local standard is 4);
    /// less often where practice is poor.
    fn urgent_decisions(&mut self) {
        let fast = self.g.practice.urgent_decided_in_4h;
        for i in 0..self.rec.contacts.len() {
            if self.rec.contacts[i].rag != Some(Rag::Red) || !self.rng.chance(fast) {
                continue;
            }
            let minutes = i64::from(self.rng.range(15, 230));
            let c = &mut self.rec.contacts[i];
            if c.decided_at.is_some() {
                c.decided_at = c
                    .received_at
                    .checked_add(SignedDuration::from_mins(minutes))
                    .ok();
            }
        }
    }
}
