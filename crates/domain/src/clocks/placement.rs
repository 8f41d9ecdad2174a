//! Rules for each placement of a looked-after child: the care plan at the start of a
//! period of care, the placement plan and notification for each placement, and the
//! visits, whose frequency depends on where the child lives and under which order
//! (Care Planning, Placement and Case Review (England) Regulations 2010).

use jiff::Span;
use jiff::civil::Date;

use super::rules::{add_months, push, repeating_by_rule};
use super::{Clock, Ctx, Deadline, Rule};
use crate::codes::{LegalStatus, PlacementType, VisitKind};
use crate::looked_after::{PeriodOfCare, Placement, PlacementDetails};
use crate::{ChildRecord, RecordId};

/// Visits to a looked-after child by placement: within a week of each placement
/// starting, then every 6 weeks in its first year, then every 3 months if the
/// placement is intended to last until 18 (long-term fostering), otherwise 6 weeks.
pub const LAC_VISIT: Rule = Rule {
    id: "LAC-VISIT",
    description: "Looked-after child visited within 1 week of a placement starting, then every 6 weeks in its first year, then every 3 months (long-term foster placement) or 6 weeks",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 28(2); domain T-CLA-V1",
    local: false,
};

/// Placed with a parent before the assessment of their suitability was completed.
pub const LAC_VISIT_REG19: Rule = Rule {
    id: "LAC-VISIT-REG19",
    description: "Child placed with a parent before the assessment was completed visited at least weekly until the first looked-after review, then at most every 6 weeks",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 28(3) (placement under reg 19); domain T-CLA-V2",
    local: false,
};

/// Placed with a connected person approved temporarily, or living with a parent under
/// an interim care order.
pub const LAC_VISIT_REG24_ICO: Rule = Rule {
    id: "LAC-VISIT-REG24-ICO",
    description: "Child placed with a temporarily approved relative or friend, or living with a parent under an interim care order, visited at least weekly until the first looked-after review, then at most every 4 weeks",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 28(4) (temporary approval under reg 24, which lasts at most 16 weeks plus one 8-week extension under reg 25(2), so 24 weeks here; interim care order under Children Act 1989 s38 with the child living with a parent, 903 P1 and C1); domain T-CLA-V2",
    local: false,
};

/// Living with a parent under a full care order.
pub const LAC_VISIT_CARE_ORDER_HOME: Rule = Rule {
    id: "LAC-VISIT-CARE-ORDER-HOME",
    description: "Child living with a parent under a care order visited within 1 week of the order being made (or of the placement starting, if later), then at most every 6 weeks",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 28(5) (care order under Children Act 1989 s31, child living with a parent, 903 P1 and C2); domain T-CLA-V2",
    local: false,
};

/// A care plan before the first placement or within ten working days of its start.
pub const CARE_PLAN: Rule = Rule {
    id: "CARE-PLAN-10WD",
    description: "Care plan in place within 10 working days of the first placement of a period of care (met by the first care plan recorded for the period)",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 4(2) (before the child is first placed or, if not practicable, within 10 working days of the start of the first placement; the regulation excepts a care plan made for the court under Children Act 1989 s31A, which this clock does not tell apart); domain T-CLA-CP",
    local: false,
};

/// A placement plan before each placement or within five working days of its start.
pub const PLACEMENT_PLAN: Rule = Rule {
    id: "PLACEMENT-PLAN-5WD",
    description: "Placement plan agreed within 5 working days of each placement starting",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 9(2) (before the placement or, if not reasonably practicable, within 5 working days of its start); domain T-CLA-PP",
    local: false,
};

/// Written notification of each placement before it is made or, in an emergency,
/// within five working days.
pub const PLACEMENT_NOTIFICATION: Rule = Rule {
    id: "PLACEMENT-NOTIFICATION-5WD",
    description: "Written notification of each placement sent within 5 working days of the placement starting",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, reg 13(1) (before the placement is made or, in an emergency, within 5 working days of its start; reg 13(2) lists who is told); domain T-CLA-NOT",
    local: false,
};

/// How long the reg 28(4) visiting frequency lasts for a temporarily approved
/// connected person: 16 weeks (reg 24) plus one 8-week extension (reg 25(2)).
const TEMPORARY_APPROVAL_WEEKS: i64 = 24;

/// The placements of a period of care. A change of legal status alone is not a new
/// placement.
fn placements<'a>(r: &'a ChildRecord, period: &PeriodOfCare) -> Vec<Placement<'a>> {
    crate::looked_after::placements(r, period, crate::looked_after::legal_status_only)
}

fn details<'a>(r: &'a ChildRecord, episode: &RecordId) -> Option<&'a PlacementDetails> {
    r.placement_details
        .iter()
        .find(|d| &d.care_episode_id == episode)
}

fn plus_days(d: Date, days: i64) -> Date {
    d.checked_add(Span::new().days(days)).unwrap_or(d)
}

/// Which paragraph of regulation 28 sets how often the child is visited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Regime {
    /// Reg 28(2): most placements.
    Standard,
    /// Reg 28(3): with a parent before the assessment was completed (reg 19).
    BeforeAssessment,
    /// Reg 28(4): a temporarily approved connected person (reg 24), or at home under
    /// an interim care order.
    WeeklyThenFourWeekly,
    /// Reg 28(5): at home under a care order.
    CareOrderAtHome,
}

impl Regime {
    fn rule(self) -> &'static Rule {
        match self {
            Regime::Standard => &LAC_VISIT,
            Regime::BeforeAssessment => &LAC_VISIT_REG19,
            Regime::WeeklyThenFourWeekly => &LAC_VISIT_REG24_ICO,
            Regime::CareOrderAtHome => &LAC_VISIT_CARE_ORDER_HOME,
        }
    }
}

/// The paragraph of regulation 28 that sets the next visit after one on `on`.
fn regime(p: &Placement<'_>, details: Option<&PlacementDetails>, on: Date) -> Regime {
    let legal = p
        .episodes
        .iter()
        .rev()
        .find(|e| e.start_date <= on)
        .map_or(p.first.legal_status, |e| e.legal_status);
    let reg19 = details.is_some_and(|d| d.placed_before_assessment_reg19);
    let reg24 = details.is_some_and(|d| d.temporary_approval_reg24)
        && on < plus_days(p.first.start_date, TEMPORARY_APPROVAL_WEEKS * 7);
    let at_home = p.first.placement_type == PlacementType::PlacedWithParents;
    // Where two paragraphs apply (an interim order and reg 19), the stricter one.
    match legal {
        _ if reg24 => Regime::WeeklyThenFourWeekly,
        LegalStatus::InterimCareOrder if at_home => Regime::WeeklyThenFourWeekly,
        _ if at_home && reg19 => Regime::BeforeAssessment,
        LegalStatus::FullCareOrder if at_home => Regime::CareOrderAtHome,
        _ => Regime::Standard,
    }
}

/// Days on which a full care order was made while the child lived at home in this
/// placement (the legal status became C2 part-way through): reg 28(5)(a) wants a
/// visit within a week of each.
fn care_orders_made_at_home(p: &Placement<'_>) -> Vec<Date> {
    if p.first.placement_type != PlacementType::PlacedWithParents {
        return Vec::new();
    }
    p.episodes
        .windows(2)
        .filter(|w| {
            w[1].legal_status == LegalStatus::FullCareOrder
                && w[0].legal_status != LegalStatus::FullCareOrder
        })
        .map(|w| w[1].start_date)
        .collect()
}

/// Visits within each placement. The first is due within a week of the placement
/// starting whatever the situation (reg 28(2)(a), and "at least once a week" where
/// weekly visits apply). After that, the paragraph in force on the day of the last
/// visit sets the interval; a care order made while the child lives at home brings
/// the next visit forward to within a week of the order.
pub(super) fn looked_after_visits(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for period in &r.periods_of_care {
        let first_review = r
            .looked_after_reviews
            .iter()
            .filter(|v| v.period_id == period.id && v.date >= period.start_date)
            .map(|v| v.date)
            .min();
        for p in placements(r, period) {
            let start = p.first.start_date;
            let mut done: Vec<Date> = r
                .visits
                .iter()
                .filter(|v| {
                    v.kind == VisitKind::LookedAfter
                        && v.seen
                        && v.date >= start
                        && p.end.is_none_or(|e| v.date < e)
                })
                .map(|v| v.date)
                .collect();
            done.sort();
            let details = details(r, &p.first.id);
            let orders = care_orders_made_at_home(&p);
            let first_year_ends = add_months(start, 12);
            let long_term = matches!(
                p.first.placement_type,
                PlacementType::FosterRelativeFriendLongTerm | PlacementType::FosterOtherLongTerm
            );
            let step = |n: u32, from: Date| -> (Date, &'static Rule) {
                let regime = regime(&p, details, from);
                if n == 1 {
                    return (plus_days(from, 7), regime.rule());
                }
                // Weekly until the first review has been held (by the day the next
                // weekly visit would fall due).
                let reviewed = first_review.is_some_and(|d| d <= plus_days(from, 7));
                let due = match regime {
                    Regime::WeeklyThenFourWeekly | Regime::BeforeAssessment if !reviewed => {
                        plus_days(from, 7)
                    }
                    Regime::WeeklyThenFourWeekly => plus_days(from, 28),
                    Regime::Standard if from >= first_year_ends && long_term => add_months(from, 3),
                    _ => plus_days(from, 42),
                };
                match orders
                    .iter()
                    .find(|o| **o > from && plus_days(**o, 7) < due)
                {
                    Some(order) => (plus_days(*order, 7), &LAC_VISIT_CARE_ORDER_HOME),
                    None => (due, regime.rule()),
                }
            };
            repeating_by_rule(out, ctx, r, &p.first.id, start, &done, p.end, &step);
        }
    }
}

/// The care plan: within 10 working days of the period of care starting (its first
/// placement), met by the earliest care plan recorded for the period.
pub(super) fn care_plans(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for period in &r.periods_of_care {
        let first = r
            .care_plans
            .iter()
            .filter(|c| c.period_id == period.id)
            .map(|c| c.start_date)
            .min();
        let due = Deadline::Day(ctx.calendar.add_working_days(period.start_date, 10));
        push(
            out,
            ctx,
            &CARE_PLAN,
            r,
            &period.id,
            1,
            period.start_date,
            due,
            first.map(|d| (d, None)),
            period.end_date,
        );
    }
}

/// The placement plan and the notification, each within 5 working days of every
/// placement starting.
pub(super) fn placement_plans_and_notifications(
    r: &ChildRecord,
    ctx: &Ctx<'_>,
    out: &mut Vec<Clock>,
) {
    for period in &r.periods_of_care {
        for p in placements(r, period) {
            let start = p.first.start_date;
            let due = Deadline::Day(ctx.calendar.add_working_days(start, 5));
            let d = details(r, &p.first.id);
            for (rule, met) in [
                (&PLACEMENT_PLAN, d.and_then(|d| d.placement_plan_date)),
                (&PLACEMENT_NOTIFICATION, d.and_then(|d| d.notification_date)),
            ] {
                push(
                    out,
                    ctx,
                    rule,
                    r,
                    &p.first.id,
                    1,
                    start,
                    due,
                    met.map(|m| (m, None)),
                    p.end,
                );
            }
        }
    }
}
