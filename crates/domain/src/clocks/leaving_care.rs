//! Leaving care: the eligible child's needs assessment, and the personal adviser's
//! visits to relevant and former relevant young people.

use jiff::Span;
use jiff::civil::Date;

use super::rules::{add_months, push, repeating};
use super::{Clock, Ctx, Deadline, Rule};
use crate::codes::{CareLeaverEligibility, VisitKind};
use crate::{ChildRecord, RecordId};

/// The needs assessment of an eligible child, within three months of their 16th
/// birthday or of becoming eligible after it.
pub const NEEDS_ASSESSMENT: Rule = Rule {
    id: "NEEDS-ASSESSMENT-3M",
    description: "Needs assessment of an eligible child completed within 3 months of their 16th birthday, or of becoming eligible if later",
    source: "Care Planning, Placement and Case Review (England) Regulations 2010, regs 40 (eligible children) and 42 (assessment completed not more than three months after the 16th birthday or becoming eligible after that age); domain T-CL-ELIG",
    local: false,
};

/// The personal adviser visits the young person within seven days, then at least every
/// two months.
pub const PERSONAL_ADVISER_VISIT: Rule = Rule {
    id: "PA-VISIT",
    description: "Relevant or former relevant young person seen by their personal adviser within 7 days of becoming entitled, then at least every 2 months",
    source: "Care Leavers (England) Regulations 2010, reg 8 (visits within 7 days of accommodation first being provided, then at intervals of not more than 2 months; measured here from the start of entitlement, and applied to former relevant young people too, whom the authority must keep in touch with under Children Act 1989 s23C(2)); domain T-CL-PA",
    local: false,
};

/// Needs assessments, one clock per eligible-child entitlement.
pub(super) fn needs_assessments(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    let sixteen = r
        .child
        .date_of_birth
        .and_then(|d| d.checked_add(Span::new().years(16)).ok());
    for c in &r.care_leaver {
        if c.eligibility != CareLeaverEligibility::Eligible {
            continue;
        }
        let start = sixteen.map_or(c.eligible_from, |s| s.max(c.eligible_from));
        push(
            out,
            ctx,
            &NEEDS_ASSESSMENT,
            r,
            &c.id,
            1,
            start,
            Deadline::Day(add_months(start, 3)),
            c.needs_assessment_date.map(|d| (d, None)),
            c.end_date,
        );
    }
}

/// Relevant and former relevant entitlements that follow each other without a gap
/// (relevant until 18, former relevant from the 18th birthday) are one span of
/// personal adviser visits: the record that starts it, its first and last day.
fn adviser_spans(r: &ChildRecord) -> Vec<(RecordId, Date, Option<Date>)> {
    let mut spells: Vec<_> = r
        .care_leaver
        .iter()
        .filter(|c| c.eligibility.has_left_care())
        .collect();
    spells.sort_by_key(|c| c.eligible_from);
    let mut out: Vec<(RecordId, Date, Option<Date>)> = Vec::new();
    for c in spells {
        if let Some(last) = out.last_mut() {
            let joins = last
                .2
                .is_none_or(|end| end.tomorrow().is_ok_and(|next| c.eligible_from <= next));
            if joins {
                last.2 = match (last.2, c.end_date) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    _ => None,
                };
                continue;
            }
        }
        out.push((c.id.clone(), c.eligible_from, c.end_date));
    }
    out
}

/// Personal adviser visits where the young person was seen.
pub(super) fn personal_adviser_visits(r: &ChildRecord, ctx: &Ctx<'_>, out: &mut Vec<Clock>) {
    for (id, start, end) in adviser_spans(r) {
        let mut done: Vec<Date> = r
            .visits
            .iter()
            .filter(|v| {
                v.kind == VisitKind::PersonalAdviser
                    && v.seen
                    && v.date >= start
                    && end.is_none_or(|e| v.date <= e)
            })
            .map(|v| v.date)
            .collect();
        done.sort();
        repeating(
            out,
            ctx,
            &PERSONAL_ADVISER_VISIT,
            r,
            &id,
            start,
            &done,
            end,
            &|n, from| {
                if n == 1 {
                    from.checked_add(Span::new().days(7)).unwrap_or(from)
                } else {
                    add_months(from, 2)
                }
            },
        );
    }
}
