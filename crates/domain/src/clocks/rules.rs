//! The rules. Each function reads the record and pushes the clocks it implies. The
//! rules for placements, school and leaving care, and the local standards, have their
//! own modules beside this one; the helpers every rule shares are here.

use jiff::civil::Date;
use jiff::{SignedDuration, Span, Timestamp};

use super::{Clock, Ctx, Deadline, Rule, leaving_care, local, placement, school};
use crate::codes::{ConferenceKind, Section47Outcome};
use crate::{ChildRecord, RecordId, local_date};

/// Decide what happens next within one working day of receiving a contact.
pub const CONTACT_DECISION: Rule = Rule {
    id: "CONTACT-DECISION-1WD",
    description: "Decision on a contact within 1 working day of receipt",
    source: "Working Together to Safeguard Children 2023, ch. 2 (local authority decision within one working day); domain T-REF-1",
    local: false,
};

/// A child and family assessment concluded within 45 working days of the referral.
pub const ASSESSMENT: Rule = Rule {
    id: "ASSESSMENT-45WD",
    description: "Assessment authorised within 45 working days of the referral",
    source: "Working Together to Safeguard Children 2023, ch. 2 (maximum 45 working days from the point of referral); domain T-ASS-1",
    local: false,
};

/// Initial child protection conference within 15 working days of the strategy discussion.
pub const ICPC: Rule = Rule {
    id: "ICPC-15WD",
    description: "Initial child protection conference within 15 working days of the strategy discussion",
    source: "Working Together to Safeguard Children 2023, ch. 4 (ICPC within 15 working days of the strategy discussion, or the last if several); domain T-ICPC-1",
    local: false,
};

/// First core group within 10 working days of the initial conference.
pub const FIRST_CORE_GROUP: Rule = Rule {
    id: "CORE-GROUP-10WD",
    description: "First core group meeting within 10 working days of the initial conference",
    source: "Working Together to Safeguard Children 2023, ch. 4 (first core group within 10 working days of the ICPC); domain T-CG-1",
    local: false,
};

/// Child protection review conferences: first within 3 months, then every 6 months.
pub const CP_REVIEW: Rule = Rule {
    id: "CP-REVIEW",
    description: "Review conference within 3 months of the initial conference, then at most every 6 months",
    source: "Working Together to Safeguard Children 2023, ch. 4 (review conferences); domain T-RCPC-1",
    local: false,
};

/// Looked-after reviews: within 20 working days, then 3 months, then every 6 months.
pub const LAC_REVIEW: Rule = Rule {
    id: "LAC-REVIEW",
    description: "Looked-after review within 20 working days of coming into care, then within 3 months, then at most every 6 months",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 33; domain T-CLA-R",
    local: false,
};

/// Return home interview within 72 hours of a missing child's return.
pub const RETURN_HOME_INTERVIEW: Rule = Rule {
    id: "RHI-72H",
    description: "Return home interview within 72 hours of a missing child's return",
    source: "DfE statutory guidance on children who run away or go missing from home or care (2014), para 41; domain T-MISS-1",
    local: false,
};

/// Health assessments for a looked-after child: the first before the first review,
/// then every 6 months under 5 and every 12 months from 5.
pub const HEALTH_ASSESSMENT: Rule = Rule {
    id: "HEALTH-ASSESSMENT",
    description: "Initial health assessment within 20 working days of coming into care, then reviews every 6 months under 5 and every 12 months from 5",
    source: "Promoting the health and well-being of looked-after children (DfE/DHSC 2015), paras 45-50; CPR 2010 reg 7; domain T-CLA-HA",
    local: false,
};

/// Pathway plan reviewed at least every six months.
pub const PATHWAY_PLAN_REVIEW: Rule = Rule {
    id: "PATHWAY-PLAN-REVIEW",
    description: "Pathway plan reviewed within 6 months of entitlement, then at least every 6 months",
    source: "Care Leavers (England) Regulations 2010, reg 7; domain T-CL-PPR",
    local: false,
};

/// Private fostering visits: within 7 working days of notice, then 6-weekly in the
/// first year and 12-weekly after.
pub const PRIVATE_FOSTERING_VISIT: Rule = Rule {
    id: "PRIVATE-FOSTERING-VISIT",
    description: "Private fostering visit within 7 working days of notification, then at most every 6 weeks in the first year and every 12 weeks after",
    source: "Children (Private Arrangements for Fostering) Regulations 2005 (SI 2005/1533), regs 4 and 8; domain T-PF-V1, T-PF-V2",
    local: false,
};

/// An allegation against someone working with children reported to the designated
/// officer within one working day.
pub const LADO_REFERRAL: Rule = Rule {
    id: "LADO-REFERRAL-1WD",
    description: "Allegation reported to the designated officer (LADO) within 1 working day",
    source: "Working Together to Safeguard Children 2023, ch. 2 (allegations against people who work with children); domain T-LADO-1",
    local: false,
};

/// The designated officer resolves an allegation within a month of its referral.
pub const LADO_RESOLUTION: Rule = Rule {
    id: "LADO-RESOLUTION-1M",
    description: "Allegation resolved (closed by the designated officer) within 1 month of referral; the national targets are 80% within 1 month, 90% within 3 months and all but exceptional cases within 12 months",
    source: "Working Together to Safeguard Children 2023, ch. 2 (allegations against people who work with children), targets as quoted by local safeguarding procedures; domain T-LADO-1",
    local: false,
};

/// Every rule this module computes, for listings and the CLI.
pub const RULES: &[&Rule] = &[
    &CONTACT_DECISION,
    &ASSESSMENT,
    &ICPC,
    &FIRST_CORE_GROUP,
    &CP_REVIEW,
    &LAC_REVIEW,
    &RETURN_HOME_INTERVIEW,
    &HEALTH_ASSESSMENT,
    &PATHWAY_PLAN_REVIEW,
    &PRIVATE_FOSTERING_VISIT,
    &LADO_REFERRAL,
    &LADO_RESOLUTION,
    &placement::LAC_VISIT,
    &placement::LAC_VISIT_REG19,
    &placement::LAC_VISIT_REG24_ICO,
    &placement::LAC_VISIT_CARE_ORDER_HOME,
    &placement::CARE_PLAN,
    &placement::PLACEMENT_PLAN,
    &placement::PLACEMENT_NOTIFICATION,
    &school::PEP_INITIAL,
    &school::PEP_TERMLY,
    &leaving_care::NEEDS_ASSESSMENT,
    &leaving_care::PERSONAL_ADVISER_VISIT,
    &local::CP_VISIT,
    &local::CIN_VISIT,
    &local::ALLOCATION,
    &local::URGENT_CONTACT_DECISION,
    &local::CIN_PLAN_REVIEW,
    &local::CASE_SUPERVISION,
];

pub(crate) fn all(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    contact_decisions(r, ctx, out);
    assessments(r, ctx, out);
    initial_conferences(r, ctx, out);
    first_core_groups(r, ctx, out);
    cp_reviews(r, ctx, out);
    lac_reviews(r, ctx, out);
    return_home_interviews(r, ctx, out);
    health_assessments(r, ctx, out);
    pathway_plan_reviews(r, ctx, out);
    private_fostering_visits(r, ctx, out);
    lado_referrals(r, ctx, out);
    lado_resolutions(r, ctx, out);
    local::plan_visits(r, ctx, out);
    placement::looked_after_visits(r, ctx, out);
    placement::care_plans(r, ctx, out);
    placement::placement_plans_and_notifications(r, ctx, out);
    school::peps(r, ctx, out);
    leaving_care::needs_assessments(r, ctx, out);
    leaving_care::personal_adviser_visits(r, ctx, out);
    local::allocations(r, ctx, out);
    local::urgent_contacts(r, ctx, out);
    local::cin_plan_reviews(r, ctx, out);
    local::case_supervisions(r, ctx, out);
}

#[allow(clippy::too_many_arguments)]
pub(super) fn push(
    out: &mut Vec<Clock>,
    ctx: &Ctx<'_>,
    rule: &'static Rule,
    r: &ChildRecord,
    record_id: &RecordId,
    occurrence: u32,
    started: Date,
    due: Deadline,
    met: Option<(Date, Option<Timestamp>)>,
    ended: Option<Date>,
) {
    // A requirement that ended before it fell due (a plan closed early) never applied.
    if met.is_none() && ended.is_some_and(|e| e <= due.date() && e <= ctx.today) {
        return;
    }
    let state = ctx.state(due, met.and_then(|m| m.1), met.map(|m| m.0), ended);
    out.push(Clock {
        rule,
        child_id: r.child.id.clone(),
        record_id: record_id.clone(),
        occurrence,
        started,
        due,
        met: met.map(|m| m.0),
        state,
    });
}

pub(super) fn add_months(d: Date, months: i32) -> Date {
    // jiff clamps to the month's end: 31 January + 1 month = 28 (or 29) February.
    d.checked_add(Span::new().months(months)).unwrap_or(d)
}

fn contact_decisions(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for c in &r.contacts {
        let received = local_date(c.received_at);
        let due = Deadline::Day(ctx.calendar.add_working_days(received, 1));
        let met = c.decided_at.map(|t| (local_date(t), None));
        push(
            out,
            ctx,
            &CONTACT_DECISION,
            r,
            &c.id,
            1,
            received,
            due,
            met,
            None,
        );
    }
}

fn assessments(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for a in &r.assessments {
        let Some(referral) = r.referrals.iter().find(|x| x.id == a.referral_id) else {
            continue;
        };
        // The clock runs from the referral; a referral closed without the assessment
        // being authorised ends the requirement.
        let start = referral.referral_date;
        let due = Deadline::Day(ctx.calendar.add_working_days(start, 45));
        let met = a.authorised_date.map(|d| (d, None));
        push(
            out,
            ctx,
            &ASSESSMENT,
            r,
            &a.id,
            1,
            start,
            due,
            met,
            referral.closure_date,
        );
    }
}

fn initial_conferences(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for s in &r.section_47_enquiries {
        // Only enquiries heading for (or reaching) a conference run this clock.
        let heading = matches!(s.outcome, None | Some(Section47Outcome::InitialConference));
        let conference = r
            .conferences
            .iter()
            .filter(|c| {
                c.kind == ConferenceKind::Initial && c.section_47_id.as_ref() == Some(&s.id)
            })
            .map(|c| c.date)
            .min();
        if !heading && conference.is_none() {
            continue;
        }
        // From the strategy discussion: the last one for this referral before the
        // conference (or before today, while none has been held).
        let until = conference.unwrap_or(ctx.today);
        let Some(start) = r
            .strategy_discussions
            .iter()
            .filter(|d| d.referral_id == s.referral_id && d.date <= until)
            .map(|d| d.date)
            .max()
        else {
            continue;
        };
        let due = Deadline::Day(ctx.calendar.add_working_days(start, 15));
        let ended = if heading { None } else { s.end_date };
        push(
            out,
            ctx,
            &ICPC,
            r,
            &s.id,
            1,
            start,
            due,
            conference.map(|d| (d, None)),
            ended,
        );
    }
}

fn first_core_groups(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for p in &r.cp_plans {
        let due = Deadline::Day(ctx.calendar.add_working_days(p.start_date, 10));
        let first = r
            .core_groups
            .iter()
            .filter(|g| g.cp_plan_id == p.id)
            .map(|g| g.date)
            .min();
        push(
            out,
            ctx,
            &FIRST_CORE_GROUP,
            r,
            &p.id,
            1,
            p.start_date,
            due,
            first.map(|d| (d, None)),
            p.end_date,
        );
    }
}

fn cp_reviews(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for p in &r.cp_plans {
        let mut reviews: Vec<Date> = r
            .conferences
            .iter()
            .filter(|c| {
                c.kind == ConferenceKind::Review
                    && c.cp_plan_id.as_ref() == Some(&p.id)
                    && c.date >= p.start_date
            })
            .map(|c| c.date)
            .collect();
        reviews.sort();
        repeating(
            out,
            ctx,
            &CP_REVIEW,
            r,
            &p.id,
            p.start_date,
            &reviews,
            p.end_date,
            &|n, from| {
                if n == 1 {
                    add_months(from, 3)
                } else {
                    add_months(from, 6)
                }
            },
        );
    }
}

fn lac_reviews(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for period in &r.periods_of_care {
        let mut reviews: Vec<Date> = r
            .looked_after_reviews
            .iter()
            .filter(|v| v.period_id == period.id && v.date >= period.start_date)
            .map(|v| v.date)
            .collect();
        reviews.sort();
        let calendar = ctx.calendar;
        repeating(
            out,
            ctx,
            &LAC_REVIEW,
            r,
            &period.id,
            period.start_date,
            &reviews,
            period.end_date,
            &|n, from| match n {
                1 => calendar.add_working_days(from, 20),
                2 => add_months(from, 3),
                _ => add_months(from, 6),
            },
        );
    }
}

/// A repeating timescale: each occurrence is due a step after the previous one was
/// met (or after the start, for the first), until the requirement ends.
#[allow(clippy::too_many_arguments)]
pub(super) fn repeating(
    out: &mut Vec<Clock>,
    ctx: &Ctx<'_>,
    rule: &'static Rule,
    r: &ChildRecord,
    record_id: &RecordId,
    start: Date,
    done: &[Date],
    ended: Option<Date>,
    step: &dyn Fn(u32, Date) -> Date,
) {
    repeating_by_rule(out, ctx, r, record_id, start, done, ended, &|n, from| {
        (step(n, from), rule)
    });
}

/// [`repeating`], where the rule that sets each step can change along the way (a
/// child's legal status changes while they live at home, so a different paragraph of
/// the regulation sets the next visit).
#[allow(clippy::too_many_arguments)]
pub(super) fn repeating_by_rule(
    out: &mut Vec<Clock>,
    ctx: &Ctx<'_>,
    r: &ChildRecord,
    record_id: &RecordId,
    start: Date,
    done: &[Date],
    ended: Option<Date>,
    step: &dyn Fn(u32, Date) -> (Date, &'static Rule),
) {
    let mut from = start;
    let mut n = 1u32;
    loop {
        let (due, rule) = step(n, from);
        let met = done
            .get(usize::try_from(n - 1).unwrap_or(usize::MAX))
            .copied();
        if met.is_none() && ended.is_some_and(|e| e <= due) {
            break;
        }
        push(
            out,
            ctx,
            rule,
            r,
            record_id,
            n,
            from,
            Deadline::Day(due),
            met.map(|d| (d, None)),
            ended,
        );
        match met {
            Some(d) => from = d,
            None => break,
        }
        n += 1;
    }
}

/// One interview per return. An interview offered and declined discharges the duty
/// (the offer's time is not recorded, so it is not timed). One never held before the
/// child next goes missing is missed: the next return brings its own interview, so
/// only the latest episode can stay overdue.
fn return_home_interviews(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for m in &r.missing_episodes {
        let Some(back) = m.returned_at else { continue };
        if m.rhi_at.is_none() && m.rhi_offered == Some(true) && m.rhi_accepted == Some(false) {
            continue;
        }
        let Some(due) = back.checked_add(SignedDuration::from_hours(72)).ok() else {
            continue;
        };
        let next_episode = r
            .missing_episodes
            .iter()
            .filter(|n| n.started_at >= back && n.id != m.id)
            .map(|n| local_date(n.started_at))
            .min();
        let met = m.rhi_at.map(|t| (local_date(t), Some(t)));
        push(
            out,
            ctx,
            &RETURN_HOME_INTERVIEW,
            r,
            &m.id,
            1,
            local_date(back),
            Deadline::Moment(due),
            met,
            next_episode,
        );
    }
}

fn health_assessments(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    use crate::codes::{HealthCheckKind, HealthCheckStatus};
    for period in &r.periods_of_care {
        let within = |d: Date| d >= period.start_date && period.end_date.is_none_or(|e| d <= e);
        let mut done: Vec<Date> = r
            .health_checks
            .iter()
            .filter(|h| {
                h.status == HealthCheckStatus::Completed
                    && matches!(
                        h.kind,
                        HealthCheckKind::InitialHealthAssessment
                            | HealthCheckKind::ReviewHealthAssessment
                    )
                    && within(h.date)
            })
            .map(|h| h.date)
            .collect();
        done.sort();
        let calendar = ctx.calendar;
        let child = &r.child;
        repeating(
            out,
            ctx,
            &HEALTH_ASSESSMENT,
            r,
            &period.id,
            period.start_date,
            &done,
            period.end_date,
            &|n, from| {
                if n == 1 {
                    calendar.add_working_days(from, 20)
                } else if child.age_on(from).is_some_and(|a| a < 5) {
                    add_months(from, 6)
                } else {
                    add_months(from, 12)
                }
            },
        );
    }
}

fn pathway_plan_reviews(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for c in &r.care_leaver {
        let mut done: Vec<Date> = r
            .pathway_plan_reviews
            .iter()
            .filter(|p| p.date >= c.eligible_from && c.end_date.is_none_or(|e| p.date <= e))
            .map(|p| p.date)
            .collect();
        done.sort();
        repeating(
            out,
            ctx,
            &PATHWAY_PLAN_REVIEW,
            r,
            &c.id,
            c.eligible_from,
            &done,
            c.end_date,
            &|_, from| add_months(from, 6),
        );
    }
}

fn private_fostering_visits(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    use crate::codes::VisitKind;
    for a in &r.private_fostering {
        let mut done: Vec<Date> = r
            .visits
            .iter()
            .filter(|v| {
                v.kind == VisitKind::PrivateFostering
                    && v.date >= a.notified_date
                    && a.end_date.is_none_or(|e| v.date <= e)
            })
            .map(|v| v.date)
            .collect();
        done.sort();
        let calendar = ctx.calendar;
        let first_year_ends = add_months(a.start_date, 12);
        repeating(
            out,
            ctx,
            &PRIVATE_FOSTERING_VISIT,
            r,
            &a.id,
            a.notified_date,
            &done,
            a.end_date,
            &|n, from| {
                if n == 1 {
                    calendar.add_working_days(from, 7)
                } else if from < first_year_ends {
                    from.checked_add(Span::new().weeks(6)).unwrap_or(from)
                } else {
                    from.checked_add(Span::new().weeks(12)).unwrap_or(from)
                }
            },
        );
    }
}

fn lado_referrals(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for l in &r.lado_allegations {
        let due = Deadline::Day(ctx.calendar.add_working_days(l.allegation_date, 1));
        push(
            out,
            ctx,
            &LADO_REFERRAL,
            r,
            &l.id,
            1,
            l.allegation_date,
            due,
            Some((l.referred_date, None)),
            None,
        );
    }
}

fn lado_resolutions(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for l in &r.lado_allegations {
        let due = Deadline::Day(add_months(l.referred_date, 1));
        push(
            out,
            ctx,
            &LADO_RESOLUTION,
            r,
            &l.id,
            1,
            l.referred_date,
            due,
            l.closed_date.map(|d| (d, None)),
            None,
        );
    }
}
