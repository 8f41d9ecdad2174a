//! The findings. Each function reads the record and pushes what it finds.

use jiff::civil::{Date, date};

use super::{Ctx, Finding, FindingKind, months_after, months_before};
use crate::clocks::{Clock, ClockState};
use crate::codes::{
    ActionStatus, Agency, AllocationRole, CarePlanIntention, LegalStatus, PlacementType, PlanKind,
    ReasonNewEpisode, VisitKind,
};
use crate::looked_after::{CareEpisode, PeriodOfCare, Placement, legal_status_only, placements};
use crate::status::ChildStatus;
use crate::{ChildRecord, RecordId, WorkerId};

/// An open case with no allocated worker and no team holding it.
pub const UNALLOCATED: FindingKind = FindingKind {
    id: "UNALLOCATED",
    title: "Unallocated",
    description: "Open case with no allocated social worker (or, for a care leaver, personal adviser) and no team holding it",
    source: "Children Act 1989 s17/s47 and CPR 2010 reg 2 (a named social worker for every looked-after child); Ofsted ILACS: children waiting for allocation",
    local: false,
};

/// A case held by a team on duty with no named worker.
pub const HELD_ON_DUTY: FindingKind = FindingKind {
    id: "HELD-ON-DUTY",
    title: "Held on duty",
    description: "Open case held on duty by a team with no named worker",
    source: "Working Together to Safeguard Children 2023, ch. 2 (a named social worker leads the assessment and plan); Ofsted ILACS: children held on duty",
    local: false,
};

/// A case held by a team or service manager rather than a case-holding worker.
pub const HELD_BY_MANAGER: FindingKind = FindingKind {
    id: "HELD-BY-MANAGER",
    title: "Held by a manager",
    description: "Open case allocated to a team or service manager rather than a case-holding worker",
    source: "Ofsted ILACS: cases held by managers are in effect unallocated",
    local: false,
};

/// A child not seen within the visit standard that applies to them.
pub const NOT_SEEN: FindingKind = FindingKind {
    id: "NOT-SEEN",
    title: "Not seen within standard",
    description: "Child not seen within their visit standard (statutory or local)",
    source: "CPR 2010 reg 28 (looked-after children); local standards for CP and CIN visits; SI 2005/1533 reg 8 (private fostering)",
    local: false,
};

/// A child on a plan or in care not seen alone for the set number of weeks.
pub const NOT_SEEN_ALONE: FindingKind = FindingKind {
    id: "NOT-SEEN-ALONE",
    title: "Not seen alone",
    description: "Child on a plan or in care, old enough, not seen alone within the local standard (default 12 weeks)",
    source: "Working Together to Safeguard Children 2023, ch. 4 (children seen alone where appropriate); CPR 2010 reg 28(6)(b) (seen alone unless the child refuses); threshold is local",
    local: true,
};

/// Open plans with actions overdue or without a named owner.
pub const PLAN_ACTIONS: FindingKind = FindingKind {
    id: "PLAN-ACTIONS",
    title: "Plan actions overdue or unowned",
    description: "Open plan with actions past their due date, or actions with no named owner",
    source: "Working Together to Safeguard Children 2023, ch. 4 (plans say who will do what, by when); CPR 2010 reg 5 (care plan contents)",
    local: false,
};

/// An open plan, more than four weeks old, that records no actions.
pub const PLAN_WITHOUT_ACTIONS: FindingKind = FindingKind {
    id: "PLAN-WITHOUT-ACTIONS",
    title: "Plan with no actions",
    description: "Open plan more than 4 weeks old that records no actions: it says nothing of who does what by when",
    source: "Working Together to Safeguard Children 2023, ch. 4 (outline plan at the ICPC, developed by the core group within 10 working days)",
    local: false,
};

/// A child protection plan open for 18 months or more.
pub const LONG_CP_PLAN: FindingKind = FindingKind {
    id: "CP-PLAN-18-MONTHS",
    title: "CP plan 18+ months",
    description: "Child protection plan open for the local threshold (default 18 months) or longer",
    source: "EES Characteristics of children in need, table D7 (plans lasting 2 years or more, England 4.4% in 2025); 18 months is a local early warning",
    local: true,
};

/// A second or subsequent child protection plan.
pub const SECOND_CP_PLAN: FindingKind = FindingKind {
    id: "SECOND-CP-PLAN",
    title: "Second or subsequent CP plan",
    description: "Open child protection plan for a child who has been on a plan before, however long ago",
    source: "DfE CIN census NumberOfPreviousCPP; LG Inform metric 100 (formerly NI 65)",
    local: false,
};

/// A referral within 12 months of a previous one.
pub const REPEAT_REFERRAL: FindingKind = FindingKind {
    id: "REPEAT-REFERRAL",
    title: "Repeat referral",
    description: "Referral in the last 12 months made within 12 months of a previous referral",
    source: "EES Children in need: re-referrals within 12 months (England 22.6% of referrals, 2025)",
    local: false,
};

/// A child in care with no permanence plan by the second review.
pub const NO_PERMANENCE_PLAN: FindingKind = FindingKind {
    id: "NO-PERMANENCE-PLAN",
    title: "No permanence plan by second review",
    description: "Child in care whose second looked-after review has been held and who still has no permanence plan",
    source: "Children Act 1989 Guidance and Regulations vol. 2 (2021), para 2.3 (permanence plan by the second review); CPR 2010 reg 33",
    local: false,
};

/// A child placed with parents under a care order with no open risk recorded.
pub const PLACED_WITH_PARENTS: FindingKind = FindingKind {
    id: "PLACED-WITH-PARENTS",
    title: "Placed with parents: consider discharge",
    description: "Child placed with parents under a care order for the local threshold (default 6 months) with no CP plan, section 47 enquiry or missing episode in that time",
    source: "CPR 2010 Part 4 (placement with parents); Children Act 1989 s39 (discharge of care orders); threshold is local",
    local: true,
};

/// A child in care or care leaver past the set age with no personal adviser.
pub const NO_PERSONAL_ADVISER: FindingKind = FindingKind {
    id: "NO-PERSONAL-ADVISER",
    title: "No personal adviser",
    description: "Child in care or care leaver past the local age (default 17½) with no personal adviser",
    source: "Children Act 1989 s23B, s23C (personal adviser for eligible, relevant and former relevant children); Care Leavers (England) Regs 2010 reg 44; age threshold is local",
    local: true,
};

/// A child in care with three or more placements in 12 months.
pub const PLACEMENT_INSTABILITY: FindingKind = FindingKind {
    id: "PLACEMENTS-3-IN-12",
    title: "3+ placements in 12 months",
    description: "Child in care who has had three or more placements in the last 12 months (temporary T0-T4 moves and legal-status-only changes not counted)",
    source: "EES Children looked after: short-term placement stability (3 or more placements in the year)",
    local: false,
};

/// A child with three or more social workers in 12 months.
pub const WORKER_CHANGES: FindingKind = FindingKind {
    id: "WORKERS-3-IN-12",
    title: "3+ social workers in 12 months",
    description: "Child who has had three or more different named social workers in the last 12 months",
    source: "SSDA903 SWEpisodes; Ofsted ILACS: frequent changes of social worker",
    local: false,
};

/// A strategy discussion on a live referral that police or health did not attend.
pub const PARTNERS_ABSENT: FindingKind = FindingKind {
    id: "STRATEGY-PARTNERS-ABSENT",
    title: "Strategy discussion without police or health",
    description: "Strategy discussion on a still-open referral that police or health did not attend",
    source: "Working Together to Safeguard Children 2023, ch. 4, para 183 (strategy discussion to include police, health and children's social care as a minimum)",
    local: false,
};

/// A child in a placement that appears unregistered or unlawful for their age.
pub const UNREGISTERED_PLACEMENT: FindingKind = FindingKind {
    id: "UNREGISTERED-PLACEMENT",
    title: "Unregistered placement",
    description: "Current placement in a children's home with no Ofsted number recorded, or in accommodation not registered for the child's age",
    source: "Care Standards Act 2000 s11 (unregistered children's homes); CPR (England) (Amendment) Regs 2021 (no under-16s in unregulated accommodation from 9 Sep 2021); Supported Accommodation (England) Regs 2023 (registration from 28 Oct 2023)",
    local: false,
};

/// Every kind of finding, in the order views list them.
pub const KINDS: &[&FindingKind] = &[
    &UNALLOCATED,
    &HELD_ON_DUTY,
    &HELD_BY_MANAGER,
    &NOT_SEEN,
    &NOT_SEEN_ALONE,
    &PLAN_ACTIONS,
    &PLAN_WITHOUT_ACTIONS,
    &LONG_CP_PLAN,
    &SECOND_CP_PLAN,
    &REPEAT_REFERRAL,
    &NO_PERMANENCE_PLAN,
    &PLACED_WITH_PARENTS,
    &NO_PERSONAL_ADVISER,
    &PLACEMENT_INSTABILITY,
    &WORKER_CHANGES,
    &PARTNERS_ABSENT,
    &UNREGISTERED_PLACEMENT,
];

pub(crate) fn all(
    ctx: &Ctx<'_>,
    clocks: &[Clock],
    is_manager: &dyn Fn(&WorkerId) -> bool,
    out: &mut Vec<Finding>,
) {
    let status = ctx.record.status_on(ctx.today);
    if matches!(status, ChildStatus::Closed | ChildStatus::EarlyHelp) {
        // Clocks still run (an undecided contact, a private fostering arrangement), but
        // the casework findings are about open cases.
        not_seen(ctx, clocks, out);
        return;
    }
    allocation(ctx, status, is_manager, out);
    not_seen(ctx, clocks, out);
    not_seen_alone(ctx, status, out);
    plan_actions(ctx, out);
    cp_plans(ctx, out);
    repeat_referrals(ctx, out);
    permanence(ctx, out);
    placed_with_parents(ctx, out);
    personal_adviser(ctx, out);
    placement_instability(ctx, out);
    worker_changes(ctx, out);
    partners_absent(ctx, out);
    unregistered_placement(ctx, out);
}

fn fmt(d: Date) -> String {
    d.strftime("%-d %b %Y").to_string()
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn day_after(d: Date) -> Date {
    d.tomorrow().unwrap_or(d)
}

/// When the child's current involvement began: the earliest start among what is open.
fn open_since(r: &ChildRecord, today: Date) -> Option<Date> {
    let referrals = r
        .referrals
        .iter()
        .filter(|x| x.is_open_on(today))
        .map(|x| x.referral_date);
    let periods = r
        .periods_of_care
        .iter()
        .filter(|x| x.is_open_on(today))
        .map(|x| x.start_date);
    let cp = r
        .cp_plans
        .iter()
        .filter(|x| x.is_open_on(today))
        .map(|x| x.start_date);
    let cin = r
        .cin_plans
        .iter()
        .filter(|x| x.is_open_on(today))
        .map(|x| x.start_date);
    let leaving = r
        .care_leaver
        .iter()
        .filter(|x| x.is_open_on(today))
        .map(|x| x.eligible_from);
    referrals
        .chain(periods)
        .chain(cp)
        .chain(cin)
        .chain(leaving)
        .min()
}

fn allocation(
    ctx: &Ctx<'_>,
    status: ChildStatus,
    is_manager: &dyn Fn(&WorkerId) -> bool,
    out: &mut Vec<Finding>,
) {
    let r = ctx.record;
    let role = if status == ChildStatus::CareLeaver {
        AllocationRole::PersonalAdviser
    } else {
        AllocationRole::AllocatedSocialWorker
    };
    match r.allocation_on(role, ctx.today) {
        None => {
            let Some(open) = open_since(r, ctx.today) else {
                return;
            };
            // Unallocated since the involvement began or the last worker left, whichever
            // came later.
            let last_end = r
                .allocations
                .iter()
                .filter(|a| a.role == role)
                .filter_map(|a| a.end_date)
                .filter(|e| *e < ctx.today)
                .max()
                .map(day_after);
            let since = last_end.map_or(open, |e| e.max(open));
            ctx.push(
                out,
                &UNALLOCATED,
                None,
                since,
                format!(
                    "{} open since {} with no {} since {}",
                    status.label(),
                    fmt(open),
                    if role == AllocationRole::PersonalAdviser {
                        "personal adviser"
                    } else {
                        "allocated social worker"
                    },
                    fmt(since)
                ),
            );
        }
        Some(a) => match &a.worker_id {
            None => ctx.push(
                out,
                &HELD_ON_DUTY,
                Some(&a.id),
                a.start_date,
                format!(
                    "Held on duty with no named worker since {}",
                    fmt(a.start_date)
                ),
            ),
            Some(w) if is_manager(w) => ctx.push(
                out,
                &HELD_BY_MANAGER,
                Some(&a.id),
                a.start_date,
                format!("Held by a manager since {}", fmt(a.start_date)),
            ),
            Some(_) => {}
        },
    }
}

fn not_seen(ctx: &Ctx<'_>, clocks: &[Clock], out: &mut Vec<Finding>) {
    // One finding per child: the visit most overdue. Every visit rule's id says VISIT.
    let worst = clocks
        .iter()
        .filter(|c| c.rule.id.contains("VISIT"))
        .filter_map(|c| match c.state {
            ClockState::Overdue { days_over } => Some((days_over, c)),
            _ => None,
        })
        .max_by_key(|(d, _)| *d);
    if let Some((days_over, c)) = worst {
        ctx.push(
            out,
            &NOT_SEEN,
            Some(&c.record_id),
            c.started,
            format!(
                "Not seen since {} ({}): visit was due by {}, {} overdue",
                fmt(c.started),
                if c.rule.local {
                    "local standard"
                } else {
                    "statutory"
                },
                fmt(c.due.date()),
                plural(usize::try_from(days_over).unwrap_or(0), "day", "days")
            ),
        );
    }
}

fn not_seen_alone(ctx: &Ctx<'_>, status: ChildStatus, out: &mut Vec<Finding>) {
    let r = ctx.record;
    if !matches!(
        status,
        ChildStatus::LookedAfter | ChildStatus::ChildProtectionPlan | ChildStatus::ChildInNeedPlan
    ) {
        return;
    }
    if r.child
        .age_on(ctx.today)
        .is_none_or(|a| a < i16::from(ctx.settings.seen_alone_from_age))
    {
        return;
    }
    let today = ctx.today;
    let plan_start = r
        .periods_of_care
        .iter()
        .filter(|p| p.is_open_on(today))
        .map(|p| p.start_date)
        .chain(
            r.cp_plans
                .iter()
                .filter(|p| p.is_open_on(today))
                .map(|p| p.start_date),
        )
        .chain(
            r.cin_plans
                .iter()
                .filter(|p| p.is_open_on(today))
                .map(|p| p.start_date),
        )
        .min();
    let Some(plan_start) = plan_start else { return };
    let weeks = i64::from(ctx.settings.seen_alone_weeks);
    let window_start = today
        .checked_sub(jiff::Span::new().weeks(weeks))
        .unwrap_or(Date::MIN);
    if plan_start > window_start {
        return; // Too soon to say.
    }
    let last_alone = r
        .visits
        .iter()
        .filter(|v| {
            v.seen
                && v.seen_alone
                && v.date <= today
                && matches!(
                    v.kind,
                    VisitKind::ChildInNeed
                        | VisitKind::ChildProtection
                        | VisitKind::LookedAfter
                        | VisitKind::Assessment
                )
        })
        .map(|v| v.date)
        .max();
    if last_alone.is_some_and(|d| d >= window_start) {
        return;
    }
    let since = last_alone.unwrap_or(plan_start);
    let detail = match last_alone {
        Some(d) => format!("Last seen alone on {}, more than {weeks} weeks ago", fmt(d)),
        None => format!(
            "Not recorded as seen alone since the plan or care began on {}",
            fmt(plan_start)
        ),
    };
    ctx.push(out, &NOT_SEEN_ALONE, None, since, detail);
}

/// Owners that name nobody: an action everyone owns is an action nobody owns.
fn names_nobody(who: &str) -> bool {
    let w = who.trim().to_lowercase();
    matches!(
        w.as_str(),
        "" | "tbc"
            | "tba"
            | "tbd"
            | "n/a"
            | "na"
            | "-"
            | "?"
            | "all"
            | "everyone"
            | "all professionals"
            | "professionals"
            | "agencies"
            | "all agencies"
            | "core group"
            | "unknown"
    )
}

fn plan_actions(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let r = ctx.record;
    let today = ctx.today;
    let mut open_plans: Vec<(PlanKind, &RecordId, Date)> = Vec::new();
    for p in r.cp_plans.iter().filter(|p| p.is_open_on(today)) {
        open_plans.push((PlanKind::ChildProtection, &p.id, p.start_date));
    }
    for p in r.cin_plans.iter().filter(|p| p.is_open_on(today)) {
        open_plans.push((PlanKind::ChildInNeed, &p.id, p.start_date));
    }
    // A care plan's actions hang on the period of care, a pathway plan's on the
    // leaving-care record (as the record's checks require).
    for p in r.periods_of_care.iter().filter(|p| p.is_open_on(today)) {
        open_plans.push((PlanKind::Care, &p.id, p.start_date));
    }
    for c in r.care_leaver.iter().filter(|c| c.is_open_on(today)) {
        open_plans.push((PlanKind::Pathway, &c.id, c.eligible_from));
    }
    let four_weeks_ago = today
        .checked_sub(jiff::Span::new().weeks(4))
        .unwrap_or(Date::MIN);
    for (kind, id, start) in open_plans {
        let actions: Vec<_> = r
            .plan_actions
            .iter()
            .filter(|a| a.plan_kind == kind && &a.plan_id == id)
            .collect();
        if actions.is_empty() {
            if start < four_weeks_ago {
                ctx.push(
                    out,
                    &PLAN_WITHOUT_ACTIONS,
                    Some(id),
                    start,
                    format!("{} started {} records no actions", kind.label(), fmt(start)),
                );
            }
            continue;
        }
        let overdue: Vec<_> = actions.iter().filter(|a| a.is_overdue_on(today)).collect();
        let unowned: Vec<_> = actions
            .iter()
            .filter(|a| a.status == ActionStatus::Open && names_nobody(&a.who))
            .collect();
        if overdue.is_empty() && unowned.is_empty() {
            continue;
        }
        let mut parts = Vec::new();
        let mut since = today;
        if let Some(oldest) = overdue.iter().map(|a| a.due_date).min() {
            parts.push(format!(
                "{} overdue (oldest due {})",
                plural(overdue.len(), "action", "actions"),
                fmt(oldest)
            ));
            since = since.min(day_after(oldest));
        }
        if let Some(agreed) = unowned.iter().map(|a| a.agreed_date).min() {
            parts.push(format!(
                "{} with no named owner",
                plural(unowned.len(), "action", "actions")
            ));
            since = since.min(agreed);
        }
        ctx.push(
            out,
            &PLAN_ACTIONS,
            Some(id),
            since,
            format!("{}: {}", kind.label(), parts.join("; ")),
        );
    }
}

fn cp_plans(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let r = ctx.record;
    let today = ctx.today;
    for p in r.cp_plans.iter().filter(|p| p.is_open_on(today)) {
        // Counted forward from the start, so a plan from 31 August is 18 months old on
        // the last day of February.
        if months_after(p.start_date, ctx.settings.long_cp_plan_months) <= today {
            ctx.push(
                out,
                &LONG_CP_PLAN,
                Some(&p.id),
                p.start_date,
                format!(
                    "On a child protection plan since {} ({} months)",
                    fmt(p.start_date),
                    months_between(p.start_date, today)
                ),
            );
        }
        let earlier = r
            .cp_plans
            .iter()
            .filter(|q| q.id != p.id && q.start_date < p.start_date)
            .max_by_key(|q| q.start_date);
        if let Some(q) = earlier {
            let previous = r
                .cp_plans
                .iter()
                .filter(|q| q.id != p.id && q.start_date < p.start_date)
                .count();
            ctx.push(
                out,
                &SECOND_CP_PLAN,
                Some(&p.id),
                p.start_date,
                format!(
                    "Plan number {} since {}; the last plan ran {} to {}",
                    previous + 1,
                    fmt(p.start_date),
                    fmt(q.start_date),
                    q.end_date
                        .map_or_else(|| "an unrecorded end".to_owned(), fmt)
                ),
            );
        }
    }
}

fn months_between(from: Date, to: Date) -> i32 {
    let mut m = (i32::from(to.year()) - i32::from(from.year())) * 12 + i32::from(to.month())
        - i32::from(from.month());
    if to.day() < from.day() {
        m -= 1;
    }
    m.max(0)
}

fn repeat_referrals(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let r = ctx.record;
    let year_ago = months_before(ctx.today, 12);
    let mut dates: Vec<(Date, &RecordId)> = r
        .referrals
        .iter()
        .map(|x| (x.referral_date, &x.id))
        .collect();
    dates.sort();
    for pair in dates.windows(2) {
        let [(prev, _), (this, id)] = pair else {
            continue;
        };
        // DfE: a referral within 12 months of the previous one; the day 12 months on
        // still counts.
        if *this >= year_ago && *this <= ctx.today && *this <= months_after(*prev, 12) {
            ctx.push(
                out,
                &REPEAT_REFERRAL,
                Some(id),
                *this,
                format!(
                    "Referred on {}, {} after the previous referral on {}",
                    fmt(*this),
                    plural(
                        usize::try_from(months_between(*prev, *this)).unwrap_or(0),
                        "month",
                        "months"
                    ),
                    fmt(*prev)
                ),
            );
        }
    }
}

fn is_permanence_plan(i: CarePlanIntention) -> bool {
    // "Eventual return", "residential placement" and "other plan" name no permanent
    // home: they are where drift hides.
    !matches!(
        i,
        CarePlanIntention::EventualReturn
            | CarePlanIntention::ResidentialPlacement
            | CarePlanIntention::OtherPlan
    )
}

fn permanence(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let r = ctx.record;
    let today = ctx.today;
    for period in r.periods_of_care.iter().filter(|p| p.is_open_on(today)) {
        let mut reviews: Vec<Date> = r
            .looked_after_reviews
            .iter()
            .filter(|v| v.period_id == period.id && v.date >= period.start_date && v.date <= today)
            .map(|v| v.date)
            .collect();
        reviews.sort();
        let Some(second) = reviews.get(1).copied() else {
            continue;
        };
        let planned = r.care_plans.iter().any(|c| {
            c.period_id == period.id && c.start_date <= today && is_permanence_plan(c.intention)
        }) || r
            .permanence
            .iter()
            .any(|p| p.period_id == period.id && p.adm_decision_date.is_some_and(|d| d <= today));
        if !planned {
            ctx.push(
                out,
                &NO_PERMANENCE_PLAN,
                Some(&period.id),
                second,
                format!(
                    "In care since {}; second review held {} and no permanence plan recorded",
                    fmt(period.start_date),
                    fmt(second)
                ),
            );
        }
    }
}

/// The open period of care, the placement the child is in on `today` (legal-status-only
/// changes continue a placement), and its latest episode by then.
fn current_placement(
    r: &ChildRecord,
    today: Date,
) -> Option<(&PeriodOfCare, Placement<'_>, &CareEpisode)> {
    let period = r.periods_of_care.iter().find(|p| p.is_open_on(today))?;
    let placement = placements(r, period, legal_status_only)
        .into_iter()
        .rfind(|p| p.start() <= today)?;
    let latest = placement
        .episodes
        .iter()
        .rfind(|e| e.start_date <= today)
        .copied()?;
    Some((period, placement, latest))
}

fn placed_with_parents(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let r = ctx.record;
    let today = ctx.today;
    let Some((_, placement, current)) = current_placement(r, today) else {
        return;
    };
    if current.placement_type != PlacementType::PlacedWithParents
        || current.legal_status != LegalStatus::FullCareOrder
    {
        return;
    }
    let start = placement.start();
    let months = ctx.settings.placed_with_parents_months;
    if months_after(start, months) > today {
        return;
    }
    let threshold = months_before(today, months);
    let in_window = |d: Date| d > threshold && d <= today;
    let risk = r.cp_plans.iter().any(|p| {
        p.is_open_on(today) || p.end_date.is_some_and(in_window) || in_window(p.start_date)
    }) || r
        .section_47_enquiries
        .iter()
        .any(|s| in_window(s.start_date))
        || r.missing_episodes
            .iter()
            .any(|m| in_window(crate::local_date(m.started_at)));
    if risk {
        return;
    }
    ctx.push(
        out,
        &PLACED_WITH_PARENTS,
        Some(&current.id),
        start,
        format!(
            "Placed with parents under a care order since {}; no CP plan, section 47 enquiry or missing episode in {months} months: consider whether to apply to discharge the order",
            fmt(start)
        ),
    );
}

fn personal_adviser(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let r = ctx.record;
    let today = ctx.today;
    let Some(birth) = r.child.date_of_birth else {
        return;
    };
    let due_age = months_after(birth, ctx.settings.personal_adviser_by_age_months);
    if due_age > today || months_after(birth, 25 * 12) <= today {
        return;
    }
    let in_care = r.periods_of_care.iter().find(|p| p.is_open_on(today));
    let leaving = r.care_leaver.iter().find(|c| c.is_open_on(today));
    let since = match (in_care, leaving) {
        (_, Some(c)) => c.eligible_from.max(due_age),
        (Some(p), None) => p.start_date.max(due_age),
        (None, None) => return,
    };
    let has_pa = leaving.is_some_and(|c| c.personal_adviser_id.is_some())
        || r.allocation_on(AllocationRole::PersonalAdviser, today)
            .is_some_and(|a| a.worker_id.is_some());
    if has_pa {
        return;
    }
    let years = ctx.settings.personal_adviser_by_age_months / 12;
    let half = if ctx.settings.personal_adviser_by_age_months % 12 >= 6 {
        "½"
    } else {
        ""
    };
    ctx.push(
        out,
        &NO_PERSONAL_ADVISER,
        leaving.map(|c| &c.id),
        since,
        format!(
            "{} aged {years}{half} or over (since {}) with no personal adviser",
            if leaving.is_some() {
                "Care leaver"
            } else {
                "Child in care"
            },
            fmt(since)
        ),
    );
}

fn placement_instability(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let r = ctx.record;
    let today = ctx.today;
    let Some(period) = r.periods_of_care.iter().find(|p| p.is_open_on(today)) else {
        return;
    };
    let window_start = months_before(today, 12);
    // Placements across every period: a child who left care and came back within the
    // year has moved too.
    let mut episodes: Vec<&CareEpisode> = r
        .care_episodes
        .iter()
        .filter(|e| e.start_date <= today)
        .collect();
    episodes.sort_by_key(|e| e.start_date);
    let mut starts: Vec<(Date, Option<Date>)> = Vec::new();
    for (i, e) in episodes.iter().enumerate() {
        let next_start = episodes.get(i + 1).map(|n| n.start_date);
        let end = e.end_date.or(next_start);
        if e.placement_type.is_temporary() {
            continue;
        }
        let continues = e.reason_new_episode == ReasonNewEpisode::LegalStatusChangeOnly
            && i > 0
            && episodes
                .get(i - 1)
                .is_some_and(|p| p.period_id == e.period_id);
        if continues {
            if let Some(last) = starts.last_mut() {
                last.1 = end;
            }
            continue;
        }
        starts.push((e.start_date, end));
    }
    let in_year: Vec<Date> = starts
        .iter()
        .filter(|(s, end)| end.is_none_or(|e| e > window_start) && *s <= today)
        .map(|(s, _)| *s)
        .collect();
    if in_year.len() >= 3 {
        let first = in_year
            .first()
            .copied()
            .unwrap_or(window_start)
            .max(window_start);
        let latest = in_year.last().copied().unwrap_or(today);
        ctx.push(
            out,
            &PLACEMENT_INSTABILITY,
            Some(&period.id),
            first,
            format!(
                "{} placements in the last 12 months; the latest from {}",
                in_year.len(),
                fmt(latest)
            ),
        );
    }
}

fn worker_changes(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let r = ctx.record;
    let today = ctx.today;
    let window_start = months_before(today, 12);
    let mut workers: Vec<(&WorkerId, Date)> = Vec::new();
    for a in &r.allocations {
        if a.role != AllocationRole::AllocatedSocialWorker
            || a.start_date > today
            || a.end_date.is_some_and(|e| e <= window_start)
        {
            continue;
        }
        if let Some(w) = &a.worker_id {
            match workers.iter_mut().find(|(x, _)| *x == w) {
                Some(entry) => entry.1 = entry.1.min(a.start_date),
                None => workers.push((w, a.start_date)),
            }
        }
    }
    if workers.len() >= 3 {
        ctx.push(
            out,
            &WORKER_CHANGES,
            None,
            window_start,
            format!(
                "{} different social workers in the last 12 months",
                workers.len()
            ),
        );
    }
}

fn partners_absent(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let r = ctx.record;
    let today = ctx.today;
    for s in &r.strategy_discussions {
        let live = r
            .referrals
            .iter()
            .any(|x| x.id == s.referral_id && x.is_open_on(today));
        if !live || s.date > today {
            continue;
        }
        let mut missing = Vec::new();
        for agency in [Agency::Police, Agency::Health] {
            match s.agencies.iter().find(|a| a.agency == agency) {
                Some(a) if a.attended => {}
                Some(a) if a.invited => {
                    missing.push(format!("{} invited but did not attend", agency.label()));
                }
                _ => missing.push(format!("{} not invited", agency.label())),
            }
        }
        if !missing.is_empty() {
            ctx.push(
                out,
                &PARTNERS_ABSENT,
                Some(&s.id),
                s.date,
                format!(
                    "Strategy discussion on {}: {}",
                    fmt(s.date),
                    missing.join("; ")
                ),
            );
        }
    }
}

fn unregistered_placement(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let r = ctx.record;
    let today = ctx.today;
    let Some((_, placement, current)) = current_placement(r, today) else {
        return;
    };
    let start = placement.start();
    let age = r.child.age_on(today);
    let under_16_rule = date(2021, 9, 9);
    let supported_rule = date(2023, 10, 28);
    let problem = match current.placement_type {
        PlacementType::ChildrensHome | PlacementType::SecureChildrensHome
            if current.ofsted_urn.is_none() =>
        {
            Some((
                start,
                "Children's home with no Ofsted registration number recorded: check it is registered".to_owned(),
            ))
        }
        PlacementType::SemiIndependentLiving
        | PlacementType::IndependentLiving
        | PlacementType::SupportedAccommodation
            if age.is_some_and(|a| a < 16) =>
        {
            Some((
                start.max(under_16_rule),
                format!(
                    "Aged under 16 in '{}': unlawful since 9 September 2021",
                    current.placement_type.label()
                ),
            ))
        }
        // Registration was required from 28 October 2023, but registered accommodation
        // could be recorded as K3 only from 1 April 2024; an H5 placement still open
        // after that is either unregistered or wrongly recorded, and needs checking.
        PlacementType::SemiIndependentLiving if today >= date(2024, 4, 1) => Some((
            start.max(supported_rule),
            "Recorded in semi-independent accommodation (H5), not registered supported accommodation (K3): registration has been required since 28 October 2023".to_owned(),
        )),
        _ => None,
    };
    if let Some((since, detail)) = problem {
        ctx.push(
            out,
            &UNREGISTERED_PLACEMENT,
            Some(&current.id),
            since,
            detail,
        );
    }
}
