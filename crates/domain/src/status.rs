//! Where a child is in the journey on a given day: status, who holds the case, how
//! often the social worker has changed. Pure functions of the record and a date, shared
//! by the children list, the child's page and (later) the indicators.

use jiff::civil::Date;

use crate::ChildRecord;
use crate::WorkerId;
use crate::codes::AllocationRole;
use crate::looked_after::CareEpisode;
use crate::workforce::Allocation;

/// Where a child is in the journey now, most intensive first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChildStatus {
    /// Looked after.
    LookedAfter,
    /// Subject to a child protection plan.
    ChildProtectionPlan,
    /// Subject to a child in need plan.
    ChildInNeedPlan,
    /// Open referral or assessment.
    OpenReferral,
    /// Receiving leaving-care services.
    CareLeaver,
    /// Early help.
    EarlyHelp,
    /// No open involvement.
    Closed,
}

impl ChildStatus {
    /// Label for display.
    pub fn label(self) -> &'static str {
        match self {
            ChildStatus::LookedAfter => "Looked after",
            ChildStatus::ChildProtectionPlan => "Child protection plan",
            ChildStatus::ChildInNeedPlan => "Child in need plan",
            ChildStatus::OpenReferral => "Open referral",
            ChildStatus::CareLeaver => "Care leaver",
            ChildStatus::EarlyHelp => "Early help",
            ChildStatus::Closed => "Closed",
        }
    }
}

impl ChildRecord {
    /// Where the child is in the journey on `today`, most intensive first.
    pub fn status_on(&self, today: Date) -> ChildStatus {
        if self.periods_of_care.iter().any(|p| p.is_open_on(today)) {
            ChildStatus::LookedAfter
        } else if self.cp_plans.iter().any(|p| p.is_open_on(today)) {
            ChildStatus::ChildProtectionPlan
        } else if self.cin_plans.iter().any(|p| p.is_open_on(today)) {
            ChildStatus::ChildInNeedPlan
        } else if self.referrals.iter().any(|r| r.is_open_on(today)) {
            ChildStatus::OpenReferral
        } else if self.care_leaver.iter().any(|c| c.is_open_on(today)) {
            ChildStatus::CareLeaver
        } else if self.early_help.iter().any(|e| e.is_open_on(today)) {
            ChildStatus::EarlyHelp
        } else {
            ChildStatus::Closed
        }
    }

    /// Whether the child has open work on `today`: an open referral, plan, period of
    /// care, leaving-care support, private fostering arrangement or LADO allegation, or
    /// a contact awaiting a decision. The work views count these children (the store
    /// selects the same set in SQL).
    pub fn has_open_work(&self, today: Date) -> bool {
        let open = |end: Option<Date>| end.is_none_or(|e| e >= today);
        self.referrals.iter().any(|x| open(x.closure_date))
            || self.cp_plans.iter().any(|x| open(x.end_date))
            || self.cin_plans.iter().any(|x| open(x.end_date))
            || self.periods_of_care.iter().any(|x| open(x.end_date))
            || self.care_leaver.iter().any(|x| open(x.end_date))
            || self.private_fostering.iter().any(|x| open(x.end_date))
            || self.lado_allegations.iter().any(|x| open(x.closed_date))
            || self.contacts.iter().any(|c| c.decided_at.is_none())
    }

    /// The allocation in force on `today` for `role`, the most recent if several.
    pub fn allocation_on(&self, role: AllocationRole, today: Date) -> Option<&Allocation> {
        self.allocations
            .iter()
            .filter(|a| a.role == role && a.is_open_on(today))
            .max_by_key(|a| a.start_date)
    }

    /// How many times the named social worker has changed: each allocation of a
    /// different named worker after the first counts once; spells held on duty between
    /// workers do not count (they are not a worker). SSDA903 SWEpisodes count the same way.
    pub fn social_worker_changes(&self) -> usize {
        social_worker_changes(&self.allocations)
    }

    /// The latest SSDA903 episode of the period of care open on `today`.
    pub fn care_episode_on(&self, today: Date) -> Option<&CareEpisode> {
        let period = self.periods_of_care.iter().find(|p| p.is_open_on(today))?;
        self.care_episodes
            .iter()
            .filter(|e| e.period_id == period.id && e.start_date <= today)
            .max_by_key(|e| e.start_date)
    }
}

fn social_worker_changes(allocations: &[Allocation]) -> usize {
    let mut named: Vec<(&Date, &WorkerId)> = allocations
        .iter()
        .filter(|a| a.role == AllocationRole::AllocatedSocialWorker)
        .filter_map(|a| a.worker_id.as_ref().map(|w| (&a.start_date, w)))
        .collect();
    named.sort_by_key(|(start, _)| **start);
    named.windows(2).filter(|w| w[0].1 != w[1].1).count()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::{PersonId, RecordId, TeamId};
    use jiff::civil::date;

    fn alloc(n: u32, worker: Option<&str>, start: Date, role: AllocationRole) -> Allocation {
        Allocation {
            id: RecordId::parse(&format!("A{n}")).unwrap(),
            child_id: PersonId::parse("C1").unwrap(),
            worker_id: worker.map(|w| WorkerId::parse(w).unwrap()),
            team_id: TeamId::parse("T1").unwrap(),
            role,
            start_date: start,
            end_date: None,
            change_reason: None,
        }
    }

    #[test]
    fn changes_of_social_worker_count_new_named_workers_in_date_order() {
        use AllocationRole::*;
        assert_eq!(social_worker_changes(&[]), 0);
        assert_eq!(
            social_worker_changes(&[alloc(
                1,
                Some("W1"),
                date(2024, 1, 1),
                AllocatedSocialWorker
            )]),
            0
        );
        // Given out of order: W1, (duty), W2, W2 again, W1 → changes W1→W2, W2→W1.
        let history = [
            alloc(4, Some("W1"), date(2024, 9, 1), AllocatedSocialWorker),
            alloc(1, Some("W1"), date(2024, 1, 1), AllocatedSocialWorker),
            alloc(2, None, date(2024, 3, 1), AllocatedSocialWorker),
            alloc(3, Some("W2"), date(2024, 4, 1), AllocatedSocialWorker),
            alloc(5, Some("W2"), date(2024, 5, 1), AllocatedSocialWorker),
            // Other roles are not social workers.
            alloc(6, Some("W9"), date(2024, 6, 1), IndependentReviewingOfficer),
        ];
        assert_eq!(social_worker_changes(&history), 2);
    }
}
