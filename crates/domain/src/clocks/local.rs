//! Local standards: timescales the authority sets where no national one exists
//! (shared/domain.md §7), with values from `config/local-standards.toml`. Every rule
//! here is marked `local`, and its id ends in `-LOCAL`, so no view can mistake it for
//! a statutory timescale.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use super::rules::{add_months, push, repeating};
use super::{Clock, Ctx, Deadline, Rule};
use crate::codes::{AllocationRole, Rag, VisitKind};
use crate::{ChildRecord, local_date};

/// A child on a child protection plan is seen every N working days.
pub const CP_VISIT: Rule = Rule {
    id: "CP-VISIT-LOCAL",
    description: "Child on a child protection plan seen within the local standard's working days of last being seen (default 10)",
    source: "Local standard: no national frequency (Working Together 2023 leaves visit frequency to the plan)",
    local: true,
};

/// A child on a child in need plan is seen every N working days.
pub const CIN_VISIT: Rule = Rule {
    id: "CIN-VISIT-LOCAL",
    description: "Child on a child in need plan seen within the local standard's working days of last being seen (default 20)",
    source: "Local standard: no national frequency for child in need visits",
    local: true,
};

/// A referral is allocated to a named social worker within N working days.
pub const ALLOCATION: Rule = Rule {
    id: "ALLOCATION-LOCAL",
    description: "Referral allocated to a named social worker within the local standard's working days of the referral (default 3); referrals closed with no further action at the front door are not counted",
    source: "Local standard: no national timescale for allocation (Working Together 2023 ch. 2 expects a social worker to lead the assessment)",
    local: true,
};

/// A contact rated red is decided within N hours.
pub const URGENT_CONTACT_DECISION: Rule = Rule {
    id: "URGENT-CONTACT-LOCAL",
    description: "Decision on a contact rated red within the local standard's hours of receipt (default 4), besides the national 1 working day",
    source: "Local standard: the national timescale is 1 working day for every contact (Working Together 2023 ch. 2); urgent contacts are decided sooner locally",
    local: true,
};

/// A child in need plan is reviewed every N months.
pub const CIN_PLAN_REVIEW: Rule = Rule {
    id: "CIN-PLAN-REVIEW-LOCAL",
    description: "Child in need plan reviewed within the local standard's months of starting, then at least as often (default 3)",
    source: "Local standard: no national timescale for child in need plan reviews (shared/domain.md §7)",
    local: true,
};

/// An allocated case is discussed in supervision every N working days.
pub const CASE_SUPERVISION: Rule = Rule {
    id: "CASE-SUPERVISION-LOCAL",
    description: "Case allocated to a named social worker discussed in supervision within the local standard's working days of the allocation, then at least as often (default 20)",
    source: "Local standard: no national frequency for case supervision",
    local: true,
};

/// CP and CIN visits: from the plan's start, each time the child is seen the next
/// visit is due the set number of working days later, until the plan ends.
pub(super) fn plan_visits(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    let seen = |kind: VisitKind, from: Date, to: Option<Date>| {
        let mut d: Vec<Date> = r
            .visits
            .iter()
            .filter(|v| v.kind == kind && v.seen && v.date > from && to.is_none_or(|e| v.date <= e))
            .map(|v| v.date)
            .collect();
        d.sort();
        d
    };
    let calendar = ctx.calendar;
    let cp = ctx.settings.cp_visit_working_days;
    for p in &r.cp_plans {
        let done = seen(VisitKind::ChildProtection, p.start_date, p.end_date);
        repeating(
            out,
            ctx,
            &CP_VISIT,
            r,
            &p.id,
            p.start_date,
            &done,
            p.end_date,
            &|_, from| calendar.add_working_days(from, cp),
        );
    }
    let cin = ctx.settings.cin_visit_working_days;
    for p in &r.cin_plans {
        let done = seen(VisitKind::ChildInNeed, p.start_date, p.end_date);
        repeating(
            out,
            ctx,
            &CIN_VISIT,
            r,
            &p.id,
            p.start_date,
            &done,
            p.end_date,
            &|_, from| calendar.add_working_days(from, cin),
        );
    }
}

/// Time to allocation: met on the first day from the referral on which the child has
/// an allocation to a named social worker (already allocated counts from the day of
/// the referral), while the referral is open.
pub(super) fn allocations(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    let n = ctx.settings.allocation_working_days;
    for referral in r.referrals.iter().filter(|x| !x.no_further_action) {
        let from = referral.referral_date;
        let met = r
            .allocations
            .iter()
            .filter(|a| {
                a.role == AllocationRole::AllocatedSocialWorker
                    && a.worker_id.is_some()
                    && a.end_date.is_none_or(|e| e >= from)
            })
            .map(|a| a.start_date.max(from))
            .filter(|d| referral.closure_date.is_none_or(|c| *d <= c))
            .min();
        push(
            out,
            ctx,
            &ALLOCATION,
            r,
            &referral.id,
            1,
            from,
            Deadline::Day(ctx.calendar.add_working_days(from, n)),
            met.map(|d| (d, None)),
            referral.closure_date,
        );
    }
}

/// Red-rated contacts: decided within the set hours of receipt, to the minute.
pub(super) fn urgent_contacts(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    let hours = i64::from(ctx.settings.urgent_contact_decision_hours);
    for c in r.contacts.iter().filter(|c| c.rag == Some(Rag::Red)) {
        let Ok(due) = c.received_at.checked_add(SignedDuration::from_hours(hours)) else {
            continue;
        };
        let met = c.decided_at.map(|t: Timestamp| (local_date(t), Some(t)));
        push(
            out,
            ctx,
            &URGENT_CONTACT_DECISION,
            r,
            &c.id,
            1,
            local_date(c.received_at),
            Deadline::Moment(due),
            met,
            None,
        );
    }
}

/// CIN plan reviews: the first within N months of the plan starting, then every N
/// months after the last review, until the plan ends.
pub(super) fn cin_plan_reviews(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    let months = i32::try_from(ctx.settings.cin_plan_review_months).unwrap_or(i32::MAX);
    for p in &r.cin_plans {
        let mut done: Vec<Date> = r
            .cin_plan_reviews
            .iter()
            .filter(|v| {
                v.cin_plan_id == p.id
                    && v.date >= p.start_date
                    && p.end_date.is_none_or(|e| v.date <= e)
            })
            .map(|v| v.date)
            .collect();
        done.sort();
        repeating(
            out,
            ctx,
            &CIN_PLAN_REVIEW,
            r,
            &p.id,
            p.start_date,
            &done,
            p.end_date,
            &|_, from| add_months(from, months),
        );
    }
}

/// Case supervision for each allocation to a named social worker: the first within N
/// working days of the allocation starting, then every N working days, until it ends.
/// A new worker starts a new allocation, and with it a new first supervision.
pub(super) fn case_supervisions(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    let n = ctx.settings.case_supervision_working_days;
    let calendar = ctx.calendar;
    for a in r
        .allocations
        .iter()
        .filter(|a| a.role == AllocationRole::AllocatedSocialWorker && a.worker_id.is_some())
    {
        let mut done: Vec<Date> = r
            .case_supervisions
            .iter()
            .map(|s| s.date)
            .filter(|d| *d >= a.start_date && a.end_date.is_none_or(|e| *d <= e))
            .collect();
        done.sort();
        repeating(
            out,
            ctx,
            &CASE_SUPERVISION,
            r,
            &a.id,
            a.start_date,
            &done,
            a.end_date,
            &|_, from| calendar.add_working_days(from, n),
        );
    }
}
