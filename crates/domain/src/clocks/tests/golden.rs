//! A small authority written by hand: three children, every clock's state worked out
//! from the rules on Wednesday 15 October 2025 (bank holidays in reach: 25 August).
//! The expected lists are in the order `clocks_for` produces them: rule by rule, in
//! the order the rules run, and within a rule record by record.

use super::*;
use crate::care_leaver::CareLeaver;
use crate::looked_after::{CarePlan, PlacementDetails};
use crate::other_services::LadoAllegation;
use crate::workforce::{Allocation, CaseSupervision};

fn young_person(n: &str, born: Date) -> ChildRecord {
    let mut r = child();
    r.child.id = PersonId::parse(n).unwrap();
    r.child.date_of_birth = Some(born);
    r
}

fn states(r: &ChildRecord, today: Date) -> Vec<(&'static str, Date, ClockState)> {
    clocks(r, today)
        .iter()
        .map(|c| (c.rule.id, c.due.date(), c.state))
        .collect()
}

const TODAY: Date = date(2025, 10, 15);

/// Child C1, aged ten. Contact Monday 6 October, undecided (due Tuesday 7: overdue 8
/// days). Referral Monday 1 September, assessment started 2 September and not yet
/// authorised: 45 WD after the referral, no holidays before Christmas, is Monday 3
/// November (19 days left). Nobody allocated: the local standard of 3 WD ran out on
/// Thursday 4 September (41 days overdue). In care from Monday 29 September, no
/// episode or care plan recorded: first review, initial health assessment and first
/// PEP all 20 WD on, Monday 27 October (12 days left); care plan 10 WD on, Monday 13
/// October (2 days overdue). Not in care on 1 September, so no PEP clock for the
/// autumn term. Missing, returned Saturday 11 October 08:00 BST, no interview: due
/// Tuesday 14 October 08:00 (1 day overdue).
#[test]
fn golden_child_in_care_from_an_open_assessment() {
    let mut r = child();
    contact(&mut r, "K1", date(2025, 10, 6), None);
    referral(&mut r, "R1", date(2025, 9, 1));
    assessment(&mut r, "A1", "R1", date(2025, 9, 2), None);
    period(&mut r, "PC1", date(2025, 9, 29), None);
    r.missing_episodes.push(MissingEpisode {
        id: id("M1"),
        child_id: r.child.id.clone(),
        kind: MissingType::ALL[0],
        started_at: "2025-10-10T22:00:00Z".parse().unwrap(),
        returned_at: Some("2025-10-11T07:00:00Z".parse().unwrap()),
        rhi_offered: None,
        rhi_accepted: None,
        rhi_at: None,
    });
    assert_eq!(r.validate(), Ok(()));
    use ClockState::*;
    assert_eq!(
        states(&r, TODAY),
        vec![
            (
                "CONTACT-DECISION-1WD",
                date(2025, 10, 7),
                Overdue { days_over: 8 }
            ),
            (
                "ASSESSMENT-45WD",
                date(2025, 11, 3),
                NotYetDue { days_left: 19 }
            ),
            (
                "LAC-REVIEW",
                date(2025, 10, 27),
                NotYetDue { days_left: 12 }
            ),
            ("RHI-72H", date(2025, 10, 14), Overdue { days_over: 1 }),
            (
                "HEALTH-ASSESSMENT",
                date(2025, 10, 27),
                NotYetDue { days_left: 12 }
            ),
            (
                "CARE-PLAN-10WD",
                date(2025, 10, 13),
                Overdue { days_over: 2 }
            ),
            (
                "PEP-INITIAL-20WD",
                date(2025, 10, 27),
                NotYetDue { days_left: 12 }
            ),
            (
                "ALLOCATION-LOCAL",
                date(2025, 9, 4),
                Overdue { days_over: 41 }
            ),
        ]
    );
}

/// Child C2, aged eleven, living at home under an interim care order.
///
/// Red contact Monday 4 August 09:30 BST, decided 12:00 BST: within a working day
/// (due 5 August) and within the local 4 hours (due 13:30). Referral the same day;
/// allocated to a named worker on 5 August (local standard: 3 WD, due 7 August).
/// Supervision: first due 20 WD after the allocation, skipping 25 August: Wednesday 3
/// September, held 1 September; the next 20 WD after that, Monday 29 September, held
/// Wednesday 1 October (2 days late); the next, Wednesday 29 October (14 days left).
///
/// In care from Monday 1 September, placed with parents (P1) under an interim care
/// order (C1). Placement plan agreed 29 August, before the placement (due 8 September,
/// 5 WD); notification sent 9 September, a day late. Care plan from 1 September (due
/// 15 September). First review 29 September, on the last day of 20 WD; the second is
/// due 3 months on, 29 December (75 days left). Initial health assessment 22
/// September; aged 11, the next is due in 12 months, 22 September 2026 (342 days).
/// Visits (reg 28(4)): weekly until the first review: due 8 September (seen 5th), 12,
/// 19 and 26 September (seen on each day); from the 26th the review falls within the
/// week, so four weeks: 24 October (9 days left). PEP 24 September: the first (due 29
/// September) and the autumn term's (due 31 December: in care on 1 September).
#[test]
fn golden_child_at_home_under_an_interim_order() {
    let mut r = young_person("C2", date(2014, 3, 3));
    r.contacts.push(crate::front_door::Contact {
        id: id("K2"),
        child_id: r.child.id.clone(),
        received_at: "2025-08-04T08:30:00Z".parse().unwrap(),
        source: ReferralSource::from_code("6").unwrap(),
        outcome: Some(ContactOutcome::NewReferral),
        decided_at: Some("2025-08-04T11:00:00Z".parse().unwrap()),
        rag: Some(Rag::Red),
        summary: String::new(),
    });
    referral(&mut r, "R2", date(2025, 8, 4));
    r.allocations.push(Allocation {
        id: id("AL1"),
        child_id: r.child.id.clone(),
        worker_id: Some(crate::WorkerId::parse("W1").unwrap()),
        team_id: crate::TeamId::parse("T1").unwrap(),
        role: AllocationRole::AllocatedSocialWorker,
        start_date: date(2025, 8, 5),
        end_date: None,
        change_reason: None,
    });
    for (n, on) in [("SUP1", date(2025, 9, 1)), ("SUP2", date(2025, 10, 1))] {
        r.case_supervisions.push(CaseSupervision {
            id: id(n),
            child_id: r.child.id.clone(),
            date: on,
            supervisor_id: None,
        });
    }
    period(&mut r, "PC1", date(2025, 9, 1), None);
    episode_as(&mut r, "E1", "PC1", date(2025, 9, 1), "S", "P1", "C1");
    r.placement_details.push(PlacementDetails {
        id: id("PD1"),
        child_id: r.child.id.clone(),
        care_episode_id: id("E1"),
        placement_plan_date: Some(date(2025, 8, 29)),
        notification_date: Some(date(2025, 9, 9)),
        temporary_approval_reg24: false,
        placed_before_assessment_reg19: false,
    });
    r.care_plans.push(CarePlan {
        id: id("CPL1"),
        child_id: r.child.id.clone(),
        period_id: id("PC1"),
        start_date: date(2025, 9, 1),
        end_date: None,
        intention: CarePlanIntention::ALL[0],
    });
    review(&mut r, "LR1", "PC1", date(2025, 9, 29));
    health(
        &mut r,
        "H1",
        date(2025, 9, 22),
        HealthCheckStatus::Completed,
    );
    for (i, day) in [5, 12, 19, 26].into_iter().enumerate() {
        visit(
            &mut r,
            &format!("V{}", i + 1),
            VisitKind::LookedAfter,
            date(2025, 9, day),
            true,
        );
    }
    r.peps.push(crate::health::PersonalEducationPlan {
        id: id("PEP1"),
        child_id: r.child.id.clone(),
        date: date(2025, 9, 24),
    });
    assert_eq!(r.validate(), Ok(()));
    use ClockState::*;
    let ico = "LAC-VISIT-REG24-ICO";
    assert_eq!(
        states(&r, TODAY),
        vec![
            ("CONTACT-DECISION-1WD", date(2025, 8, 5), MetOnTime),
            ("LAC-REVIEW", date(2025, 9, 29), MetOnTime),
            (
                "LAC-REVIEW",
                date(2025, 12, 29),
                NotYetDue { days_left: 75 }
            ),
            ("HEALTH-ASSESSMENT", date(2025, 9, 29), MetOnTime),
            (
                "HEALTH-ASSESSMENT",
                date(2026, 9, 22),
                NotYetDue { days_left: 342 }
            ),
            (ico, date(2025, 9, 8), MetOnTime),
            (ico, date(2025, 9, 12), MetOnTime),
            (ico, date(2025, 9, 19), MetOnTime),
            (ico, date(2025, 9, 26), MetOnTime),
            (ico, date(2025, 10, 24), NotYetDue { days_left: 9 }),
            ("CARE-PLAN-10WD", date(2025, 9, 15), MetOnTime),
            ("PLACEMENT-PLAN-5WD", date(2025, 9, 8), MetOnTime),
            (
                "PLACEMENT-NOTIFICATION-5WD",
                date(2025, 9, 8),
                MetLate { days_late: 1 }
            ),
            ("PEP-INITIAL-20WD", date(2025, 9, 29), MetOnTime),
            ("PEP-TERMLY", date(2025, 12, 31), MetOnTime),
            ("ALLOCATION-LOCAL", date(2025, 8, 7), MetOnTime),
            ("URGENT-CONTACT-LOCAL", date(2025, 8, 4), MetOnTime),
            ("CASE-SUPERVISION-LOCAL", date(2025, 9, 3), MetOnTime),
            (
                "CASE-SUPERVISION-LOCAL",
                date(2025, 9, 29),
                MetLate { days_late: 2 }
            ),
            (
                "CASE-SUPERVISION-LOCAL",
                date(2025, 10, 29),
                NotYetDue { days_left: 14 }
            ),
        ]
    );
}

/// Child C3, a care leaver of 16, with no period of care on this system (the clocks
/// need none). Eligible from the 16th birthday, 20 June 2025, to 31 August: needs
/// assessment due 20 September, done 15 August; the pathway plan review that entitlement
/// would have needed by 20 December never fell due. Relevant from Monday 1 September
/// (left care): pathway plan review due 6 months on, 1 March 2026 (137 days left);
/// personal adviser within 7 days, 8 September (seen that day), then two months on, 8
/// November (24 days left). An allegation against a teacher on Monday 1 September,
/// referred to the LADO on the 2nd (due the next working day: on time), still open: the
/// one-month resolution target passed on 2 October (13 days overdue).
#[test]
fn golden_care_leaver_with_an_open_allegation() {
    let mut r = young_person("C3", date(2009, 6, 20));
    for (n, kind, from, to, assessed) in [
        (
            "CL1",
            CareLeaverEligibility::Eligible,
            date(2025, 6, 20),
            Some(date(2025, 8, 31)),
            Some(date(2025, 8, 15)),
        ),
        (
            "CL2",
            CareLeaverEligibility::Relevant,
            date(2025, 9, 1),
            None,
            None,
        ),
    ] {
        r.care_leaver.push(CareLeaver {
            id: id(n),
            child_id: r.child.id.clone(),
            eligibility: kind,
            eligible_from: from,
            personal_adviser_id: None,
            end_date: to,
            needs_assessment_date: assessed,
        });
    }
    visit(
        &mut r,
        "V1",
        VisitKind::PersonalAdviser,
        date(2025, 9, 8),
        true,
    );
    r.lado_allegations.push(LadoAllegation {
        id: id("L1"),
        child_id: r.child.id.clone(),
        allegation_date: date(2025, 9, 1),
        referred_date: date(2025, 9, 2),
        subject_role: "Teacher".into(),
        employer_sector: "Education".into(),
        outcome: None,
        closed_date: None,
    });
    assert_eq!(r.validate(), Ok(()));
    use ClockState::*;
    assert_eq!(
        states(&r, TODAY),
        vec![
            (
                "PATHWAY-PLAN-REVIEW",
                date(2026, 3, 1),
                NotYetDue { days_left: 137 }
            ),
            ("LADO-REFERRAL-1WD", date(2025, 9, 2), MetOnTime),
            (
                "LADO-RESOLUTION-1M",
                date(2025, 10, 2),
                Overdue { days_over: 13 }
            ),
            ("NEEDS-ASSESSMENT-3M", date(2025, 9, 20), MetOnTime),
            ("PA-VISIT", date(2025, 9, 8), MetOnTime),
            ("PA-VISIT", date(2025, 11, 8), NotYetDue { days_left: 24 }),
        ]
    );
}
