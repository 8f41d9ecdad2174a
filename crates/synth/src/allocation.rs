//! Who is responsible for the child when: each stage of a case (assessment, CIN/CP,
//! children in care, leaving care, reviewing) is allocated to a worker in post in the
//! right team. When that worker leaves, the child gets a new worker (reason LEFTRL),
//! sometimes after a spell held on duty by the team with no named worker; other
//! changes (caseload management, absence, requests) happen at a lower rate.

use caseline_domain::codes::{AllocationRole, VisitKind, WorkerChangeReason};
use caseline_domain::workforce::Allocation;
use caseline_domain::{TeamId, WorkerId};
use jiff::civil::Date;

use crate::child::{Builder, K, R};
use crate::days::{Day, date};
use crate::plan::{Class, OpenKind};
use crate::workforce::TeamKind;

/// A stage of the case to be allocated: from `start` to `end` (inclusive; `None` while
/// open), with the reason the last allocation ends (a transfer) if it does.
#[derive(Debug, Clone)]
pub(crate) struct Seg {
    pub start: Day,
    pub end: Option<Day>,
    pub kind: TeamKind,
    pub role: AllocationRole,
    pub end_reason: Option<WorkerChangeReason>,
}

impl Builder<'_> {
    pub(crate) fn allocate_all(&mut self) -> R<()> {
        let segments = std::mem::take(&mut self.segments);
        for seg in &segments {
            self.allocate(seg)?;
        }
        Ok(())
    }

    fn team_index(&self, kind: TeamKind) -> usize {
        self.g.staffing.team(kind, self.teams[kind as usize])
    }

    fn allocate(&mut self, seg: &Seg) -> R<()> {
        let today = self.today;
        let start = seg.start.max(self.g.history_start);
        if start > today {
            return Ok(());
        }
        let end = seg.end.filter(|e| *e <= today);
        if end.is_some_and(|e| e < start) {
            return Ok(());
        }
        let end_reason = end.and(seg.end_reason);
        let last = end.unwrap_or(today);
        let team = self.team_index(seg.kind);
        let duty_allowed = seg.role == AllocationRole::AllocatedSocialWorker;
        let p = &self.g.practice;
        let (other_rate, duty_gap) = (p.other_changes_per_year, p.duty_gap_after_leaver);
        let mut t = start;
        while t <= last {
            let picked = self.g.staffing.pick(team, t, &mut self.rng);
            let Some(tenure) = picked else {
                if !duty_allowed {
                    t += 14;
                    continue;
                }
                // No one in post: held on duty until someone is.
                let gap_end = t + self.rng.range(5, 30);
                match self.duty(team, seg.role, t, gap_end, end, end_reason)? {
                    Some(next) => t = next,
                    None => return Ok(()),
                }
                continue;
            };
            let other = t + (self.rng.exp(365.0 / other_rate.max(0.01)) as i32).max(30);
            let (stop, reason) = if tenure.end < other {
                (tenure.end, WorkerChangeReason::WorkerLeftRole)
            } else {
                (other, self.other_reason())
            };
            if stop >= last {
                self.push_allocation(team, Some(tenure.worker), seg.role, t, end, end_reason)?;
                return Ok(());
            }
            self.push_allocation(
                team,
                Some(tenure.worker),
                seg.role,
                t,
                Some(stop),
                Some(reason),
            )?;
            t = stop + 1;
            if duty_allowed
                && reason == WorkerChangeReason::WorkerLeftRole
                && self.rng.chance(duty_gap)
            {
                let gap_end = t + self.rng.range(3, 45);
                match self.duty(team, seg.role, t, gap_end, end, end_reason)? {
                    Some(next) => t = next,
                    None => return Ok(()),
                }
            }
        }
        Ok(())
    }

    /// A spell held on duty from `t` to `gap_end`; returns the day allocation resumes,
    /// or `None` when the spell runs to the end of the stage. In an open stage a spell
    /// stops before `today`: whether an open case is held on duty today is decided in
    /// `held_on_duty`.
    fn duty(
        &mut self,
        team: usize,
        role: AllocationRole,
        t: Day,
        gap_end: Day,
        end: Option<Day>,
        end_reason: Option<WorkerChangeReason>,
    ) -> R<Option<Day>> {
        let manage = Some(WorkerChangeReason::CaseloadManagement);
        match end {
            Some(e) if gap_end >= e => {
                self.push_allocation(team, None, role, t, end, end_reason)?;
                Ok(None)
            }
            Some(_) => {
                self.push_allocation(team, None, role, t, Some(gap_end), manage)?;
                Ok(Some(gap_end + 1))
            }
            None => {
                let g = gap_end.min(self.today - 1);
                if g < t {
                    self.push_allocation(team, None, role, t, None, None)?;
                    return Ok(None);
                }
                self.push_allocation(team, None, role, t, Some(g), manage)?;
                Ok(Some(g + 1))
            }
        }
    }

    fn other_reason(&mut self) -> WorkerChangeReason {
        use WorkerChangeReason::*;
        self.rng.weighted(&[
            (CaseloadManagement, 40),
            (WorkerAbsence, 15),
            (ChildRequested, 10),
            (ParentCarerRequested, 10),
            (OrganisationalRestructure, 10),
            (Other, 15),
        ])
    }

    fn push_allocation(
        &mut self,
        team: usize,
        worker: Option<usize>,
        role: AllocationRole,
        start: Day,
        end: Option<Day>,
        reason: Option<WorkerChangeReason>,
    ) -> R<()> {
        let id = self.id(K::Allocation)?;
        let team_id = self.team_id(team);
        let worker_id = worker.and_then(|w| self.worker_id(w));
        self.rec.allocations.push(Allocation {
            id,
            child_id: self.pid(),
            worker_id,
            team_id,
            role,
            start_date: date(start),
            end_date: end.map(date),
            change_reason: end.and(reason),
        });
        Ok(())
    }

    fn team_id(&self, team: usize) -> TeamId {
        self.g.workforce.teams[team].id.clone()
    }

    fn worker_id(&self, worker: usize) -> Option<WorkerId> {
        self.g.workforce.workers.get(worker).map(|w| w.id.clone())
    }

    /// Makes the open allocation of an open social-work case held on duty, or not, so
    /// that the share held on duty on `today` follows the target.
    pub(crate) fn held_on_duty(&mut self) -> R<()> {
        if !matches!(self.class, Class::Open(k) if k != OpenKind::CareLeaver) {
            return Ok(());
        }
        let today = self.today;
        let want = self.rng.chance(self.g.config.targets.held_on_duty_share);
        let Some(i) =
            self.rec.allocations.iter().rposition(|a| {
                a.role == AllocationRole::AllocatedSocialWorker && a.end_date.is_none()
            })
        else {
            return Ok(());
        };
        let a = &self.rec.allocations[i];
        let started = crate::days::day(a.start_date);
        let team_id = a.team_id.clone();
        let Some(team) = self.g.workforce.teams.iter().position(|t| t.id == team_id) else {
            return Ok(());
        };
        match (want, a.worker_id.is_some()) {
            (true, true) => {
                let d = today - self.rng.range(0, 40);
                if d > started {
                    let reason = self.rng.weighted(&[
                        (WorkerChangeReason::WorkerLeftRole, 60),
                        (WorkerChangeReason::WorkerAbsence, 25),
                        (WorkerChangeReason::CaseloadManagement, 15),
                    ]);
                    let a = &mut self.rec.allocations[i];
                    a.end_date = Some(date(d - 1));
                    a.change_reason = Some(reason);
                    self.push_allocation(
                        team,
                        None,
                        AllocationRole::AllocatedSocialWorker,
                        d,
                        None,
                        None,
                    )?;
                } else {
                    self.rec.allocations[i].worker_id = None;
                }
            }
            (false, false) => {
                let Some(tenure) = self.g.staffing.pick(team, today, &mut self.rng) else {
                    return Ok(());
                };
                let d = (today - self.rng.range(0, 10))
                    .max(tenure.start)
                    .max(started + 1);
                if d <= today {
                    let a = &mut self.rec.allocations[i];
                    a.end_date = Some(date(d - 1));
                    a.change_reason = Some(WorkerChangeReason::CaseloadManagement);
                    self.push_allocation(
                        team,
                        Some(tenure.worker),
                        AllocationRole::AllocatedSocialWorker,
                        d,
                        None,
                        None,
                    )?;
                } else {
                    let worker = self.worker_id(tenure.worker);
                    self.rec.allocations[i].worker_id = worker;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// The allocation of `role` in force on `on`, latest first.
    fn allocation_on(&self, role: AllocationRole, on: Date) -> Option<&Allocation> {
        self.rec
            .allocations
            .iter()
            .rev()
            .find(|a| a.role == role && a.is_open_on(on))
    }

    /// Fills in the team and worker on referrals, assessments, enquiries, visits and
    /// care leaver records from the allocations.
    pub(crate) fn fill_workers(&mut self) -> R<()> {
        let sw = AllocationRole::AllocatedSocialWorker;
        let front_door = self.team_index(TeamKind::FrontDoor);
        let front_door_id = self.team_id(front_door);
        let mut fills = Vec::with_capacity(self.rec.referrals.len());
        for r in &self.rec.referrals {
            fills.push(
                self.allocation_on(sw, r.referral_date)
                    .map(|a| (a.team_id.clone(), a.worker_id.clone())),
            );
        }
        for (i, fill) in fills.into_iter().enumerate() {
            let (team, worker) = match fill {
                Some(x) => x,
                None => {
                    let d = crate::days::day(self.rec.referrals[i].referral_date);
                    let w = self
                        .g
                        .staffing
                        .pick(front_door, d, &mut self.rng)
                        .and_then(|t| self.worker_id(t.worker));
                    (front_door_id.clone(), w)
                }
            };
            let r = &mut self.rec.referrals[i];
            r.team_id = Some(team);
            r.worker_id = worker;
        }
        let fills: Vec<_> = self
            .rec
            .assessments
            .iter()
            .map(|a| {
                self.allocation_on(sw, a.start_date)
                    .map(|x| (x.team_id.clone(), x.worker_id.clone()))
            })
            .collect();
        for (a, fill) in self.rec.assessments.iter_mut().zip(fills) {
            if let Some((team, worker)) = fill {
                a.team_id = Some(team);
                a.worker_id = worker;
            }
        }
        let fills: Vec<_> = self
            .rec
            .section_47_enquiries
            .iter()
            .map(|s| {
                self.allocation_on(sw, s.start_date)
                    .and_then(|x| x.worker_id.clone())
            })
            .collect();
        for (s, w) in self.rec.section_47_enquiries.iter_mut().zip(fills) {
            s.worker_id = w;
        }
        let fills: Vec<_> = self
            .rec
            .visits
            .iter()
            .map(|v| {
                let role = match v.kind {
                    VisitKind::PersonalAdviser => AllocationRole::PersonalAdviser,
                    VisitKind::IndependentReviewingOfficer => {
                        AllocationRole::IndependentReviewingOfficer
                    }
                    _ => sw,
                };
                self.allocation_on(role, v.date)
                    .and_then(|x| x.worker_id.clone())
            })
            .collect();
        for (v, w) in self.rec.visits.iter_mut().zip(fills) {
            v.worker_id = w;
        }
        let today = date(self.today);
        let fills: Vec<_> = self
            .rec
            .care_leaver
            .iter()
            .map(|c| {
                let on = c.end_date.unwrap_or(today);
                self.allocation_on(AllocationRole::PersonalAdviser, on)
                    .and_then(|x| x.worker_id.clone())
            })
            .collect();
        for (c, w) in self.rec.care_leaver.iter_mut().zip(fills) {
            c.personal_adviser_id = w;
        }
        Ok(())
    }
}
