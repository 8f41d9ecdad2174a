//! Leaving care: the needs assessment of an eligible child and personal adviser
//! visits.

use super::*;
use crate::care_leaver::CareLeaver;

fn entitled(r: &mut ChildRecord, n: &str, kind: &str, from: Date, to: Option<Date>) {
    r.care_leaver.push(CareLeaver {
        id: id(n),
        child_id: r.child.id.clone(),
        eligibility: CareLeaverEligibility::from_code(kind).unwrap(),
        eligible_from: from,
        personal_adviser_id: None,
        end_date: to,
        needs_assessment_date: None,
    });
}

#[test]
fn needs_assessment_within_three_months_of_sixteen_or_of_becoming_eligible() {
    // Sixteen and eligible on 15 November 2025: due 15 February 2026.
    let mut r = child();
    r.child.date_of_birth = Some(date(2009, 11, 15));
    entitled(&mut r, "CL1", "ELIGIBLE", date(2025, 11, 15), None);
    let rule = "NEEDS-ASSESSMENT-3M";
    r.care_leaver[0].needs_assessment_date = Some(date(2026, 2, 15));
    assert_eq!(
        only(&r, date(2026, 3, 1), rule),
        vec![(1, date(2026, 2, 15), ClockState::MetOnTime)]
    );
    r.care_leaver[0].needs_assessment_date = Some(date(2026, 2, 16));
    assert_eq!(
        only(&r, date(2026, 3, 1), rule)[0].2,
        ClockState::MetLate { days_late: 1 }
    );
    // Left care (the entitlement as an eligible child ended) before it fell due, with
    // none done: no clock. Ended after: missed.
    r.care_leaver[0].needs_assessment_date = None;
    r.care_leaver[0].end_date = Some(date(2026, 1, 10));
    assert!(only(&r, date(2026, 3, 1), rule).is_empty());
    r.care_leaver[0].end_date = Some(date(2026, 2, 20));
    assert_eq!(
        only(&r, date(2026, 3, 1), rule)[0].2,
        ClockState::Missed { days_over: 5 }
    );
    // Relevant and former relevant young people are not assessed under reg 42.
    entitled(&mut r, "CL2", "RELEVANT", date(2026, 2, 21), None);
    assert_eq!(only(&r, date(2026, 3, 1), rule).len(), 1);
}

#[test]
fn needs_assessment_due_dates_clamp_to_month_ends_and_leap_days() {
    // Sixteen on 1 January 2026 but eligible only from 30 November (13 weeks in care
    // after 14 completed later): three months on is 28 February 2027, or 29 February
    // in 2028.
    let mut r = child();
    r.child.date_of_birth = Some(date(2010, 1, 1));
    entitled(&mut r, "CL1", "ELIGIBLE", date(2026, 11, 30), None);
    assert_eq!(
        only(&r, date(2026, 12, 1), "NEEDS-ASSESSMENT-3M")[0].1,
        date(2027, 2, 28)
    );
    r.care_leaver[0].eligible_from = date(2027, 11, 30);
    assert_eq!(
        only(&r, date(2027, 12, 1), "NEEDS-ASSESSMENT-3M")[0].1,
        date(2028, 2, 29)
    );
}

#[test]
fn personal_adviser_within_7_days_then_every_2_months_across_relevant_and_former_relevant() {
    // Relevant from Wednesday 24 December 2025 (left care at 17), former relevant from
    // the 18th birthday, 10 March 2026: one run of visits. Seen 31 December (the
    // seventh day: on time); two months on is 28 February (no 31st), seen 1 March, a
    // day late; then 1 May, a day overdue on the 2nd. A visit where the young person
    // was not seen, and a looked-after child visit, do not count.
    let mut r = child();
    r.child.date_of_birth = Some(date(2008, 3, 10));
    entitled(
        &mut r,
        "CL0",
        "ELIGIBLE",
        date(2024, 3, 10),
        Some(date(2025, 12, 23)),
    );
    entitled(
        &mut r,
        "CL1",
        "RELEVANT",
        date(2025, 12, 24),
        Some(date(2026, 3, 9)),
    );
    entitled(&mut r, "CL2", "FORMER_RELEVANT", date(2026, 3, 10), None);
    visit(
        &mut r,
        "V1",
        VisitKind::PersonalAdviser,
        date(2025, 12, 31),
        true,
    );
    visit(
        &mut r,
        "V2",
        VisitKind::PersonalAdviser,
        date(2026, 2, 27),
        false,
    );
    visit(
        &mut r,
        "V3",
        VisitKind::LookedAfter,
        date(2026, 2, 27),
        true,
    );
    visit(
        &mut r,
        "V4",
        VisitKind::PersonalAdviser,
        date(2026, 3, 1),
        true,
    );
    let got: Vec<_> = clocks(&r, date(2026, 5, 2))
        .into_iter()
        .filter(|c| c.rule.id == "PA-VISIT")
        .map(|c| (c.record_id.to_string(), c.due.date(), c.state))
        .collect();
    let cl1 = || "CL1".to_owned();
    assert_eq!(
        got,
        vec![
            (cl1(), date(2025, 12, 31), ClockState::MetOnTime),
            (
                cl1(),
                date(2026, 2, 28),
                ClockState::MetLate { days_late: 1 }
            ),
            (
                cl1(),
                date(2026, 5, 1),
                ClockState::Overdue { days_over: 1 }
            ),
        ]
    );
    // A gap between the two entitlements makes two runs, each with its first visit
    // due within 7 days.
    r.care_leaver[2].eligible_from = date(2026, 4, 1);
    let got: Vec<_> = clocks(&r, date(2026, 5, 2))
        .into_iter()
        .filter(|c| c.rule.id == "PA-VISIT")
        .map(|c| (c.record_id.to_string(), c.due.date()))
        .collect();
    assert_eq!(got.last(), Some(&("CL2".to_owned(), date(2026, 4, 8))));
}

#[test]
fn a_needs_assessment_before_birth_is_refused_naming_the_field() {
    let mut r = child();
    entitled(&mut r, "CL1", "ELIGIBLE", date(2031, 1, 1), None);
    r.care_leaver[0].needs_assessment_date = Some(date(2014, 1, 1));
    let e = r.validate().unwrap_err();
    assert_eq!(
        (e.record, e.field),
        ("care leaver", "needs_assessment_date")
    );
}
