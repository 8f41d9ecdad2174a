//! Local standards: time to allocation, urgent contacts, CIN plan reviews and case
//! supervision. Each is marked local and follows `ClockSettings`.

use super::*;
use crate::child_protection::{ChildInNeedPlan, CinPlanReview};
use crate::workforce::{Allocation, CaseSupervision};

fn allocated(r: &mut ChildRecord, n: &str, worker: Option<&str>, from: Date, to: Option<Date>) {
    r.allocations.push(Allocation {
        id: id(n),
        child_id: r.child.id.clone(),
        worker_id: worker.map(|w| crate::WorkerId::parse(w).unwrap()),
        team_id: crate::TeamId::parse("T1").unwrap(),
        role: AllocationRole::AllocatedSocialWorker,
        start_date: from,
        end_date: to,
        change_reason: to.map(|_| WorkerChangeReason::ALL[0]),
    });
}

fn with(settings: ClockSettings, r: &ChildRecord, today: Date, rule: &str) -> Vec<Clock> {
    let cal = WorkingDayCalendar::england_and_wales();
    clocks_for(r, today, noon(today), &cal, settings)
        .into_iter()
        .filter(|c| c.rule.id == rule)
        .collect()
}

#[test]
fn a_referral_has_a_named_worker_within_3_working_days() {
    // Referral Wednesday 24 December 2025: three working days over Christmas and
    // Boxing Day end on Wednesday 31 December. Held on duty (no named worker) until a
    // worker is allocated on 31 December: on time; on 2 January: two days late.
    let rule = "ALLOCATION-LOCAL";
    let mut r = child();
    referral(&mut r, "R1", date(2025, 12, 24));
    allocated(
        &mut r,
        "AL1",
        None,
        date(2025, 12, 24),
        Some(date(2025, 12, 30)),
    );
    allocated(&mut r, "AL2", Some("W1"), date(2025, 12, 31), None);
    let today = date(2026, 1, 5);
    assert_eq!(
        only(&r, today, rule),
        vec![(1, date(2025, 12, 31), ClockState::MetOnTime)]
    );
    r.allocations[1].start_date = date(2026, 1, 2);
    r.allocations[0].end_date = Some(date(2026, 1, 1));
    assert_eq!(
        only(&r, today, rule)[0].2,
        ClockState::MetLate { days_late: 2 }
    );
    // A stricter or looser standard moves the due date: five working days is 5 January.
    let five = ClockSettings {
        allocation_working_days: 5,
        ..ClockSettings::default()
    };
    let c = &with(five, &r, today, rule)[0];
    assert_eq!(
        (c.due.date(), c.state, c.rule.local),
        (date(2026, 1, 5), ClockState::MetOnTime, true)
    );
    // Already allocated when the referral came in: met that day.
    r.allocations.clear();
    allocated(&mut r, "AL3", Some("W1"), date(2025, 12, 1), None);
    assert_eq!(only(&r, today, rule)[0].2, ClockState::MetOnTime);
    // Closed at the front door with no further action: not counted. Closed before it
    // fell due without a worker: no clock.
    r.allocations.clear();
    r.referrals[0].no_further_action = true;
    assert!(only(&r, today, rule).is_empty());
    r.referrals[0].no_further_action = false;
    r.referrals[0].closure_date = Some(date(2025, 12, 29));
    r.referrals[0].closure_reason = Some(ReasonForClosure::ALL[0]);
    assert!(only(&r, today, rule).is_empty());
}

fn red(r: &mut ChildRecord, n: &str, received: &str, decided: Option<&str>, rag: Rag) {
    r.contacts.push(crate::front_door::Contact {
        id: id(n),
        child_id: r.child.id.clone(),
        received_at: received.parse().unwrap(),
        source: ReferralSource::from_code("6").unwrap(),
        outcome: decided.map(|_| ContactOutcome::NewReferral),
        decided_at: decided.map(|t| t.parse().unwrap()),
        rag: Some(rag),
        summary: String::new(),
    });
}

#[test]
fn a_red_contact_is_decided_within_4_hours_to_the_minute() {
    let rule = "URGENT-CONTACT-LOCAL";
    let mut r = child();
    red(
        &mut r,
        "K1",
        "2025-06-02T09:00:00Z",
        Some("2025-06-02T13:00:00Z"),
        Rag::Red,
    );
    red(
        &mut r,
        "K2",
        "2025-06-02T09:00:00Z",
        Some("2025-06-02T13:01:00Z"),
        Rag::Red,
    );
    red(
        &mut r,
        "K3",
        "2025-06-02T09:00:00Z",
        Some("2025-06-03T09:00:00Z"),
        Rag::Amber,
    );
    let got = only(&r, date(2025, 6, 10), rule);
    assert_eq!(
        got,
        vec![
            (1, date(2025, 6, 2), ClockState::MetOnTime),
            (1, date(2025, 6, 2), ClockState::MetLate { days_late: 1 }),
        ]
    );
    // The national one-working-day clock runs beside it, for every contact.
    assert_eq!(only(&r, date(2025, 6, 10), "CONTACT-DECISION-1WD").len(), 3);
    // Undecided: at noon on the day it is still due (until 13:00); the next day, overdue.
    let mut r = child();
    red(&mut r, "K4", "2025-06-02T09:00:00Z", None, Rag::Red);
    assert_eq!(only(&r, date(2025, 6, 2), rule)[0].2, SOON);
    assert_eq!(
        only(&r, date(2025, 6, 3), rule)[0].2,
        ClockState::Overdue { days_over: 1 }
    );
    // Two hours, locally: by noon it is overdue already.
    let two = ClockSettings {
        urgent_contact_decision_hours: 2,
        ..ClockSettings::default()
    };
    let c = &with(two, &r, date(2025, 6, 2), rule)[0];
    assert!(c.rule.local);
    assert_eq!(c.state, ClockState::Overdue { days_over: 1 });
}

fn cin_plan(r: &mut ChildRecord, n: &str, start: Date, end: Option<Date>) {
    r.cin_plans.push(ChildInNeedPlan {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        start_date: start,
        end_date: end,
    });
}

fn cin_review(r: &mut ChildRecord, n: &str, plan: &str, on: Date) {
    r.cin_plan_reviews.push(CinPlanReview {
        id: id(n),
        child_id: r.child.id.clone(),
        cin_plan_id: id(plan),
        date: on,
    });
}

#[test]
fn cin_plans_reviewed_every_3_months_clamped_to_month_ends() {
    // Plan from 30 November 2024: 3 months on is 28 February 2025 (reviewed that day),
    // then 28 May (reviewed the 29th: a day late), then 29 August: overdue on 1 September.
    let rule = "CIN-PLAN-REVIEW-LOCAL";
    let mut r = child();
    referral(&mut r, "R1", date(2024, 11, 1));
    cin_plan(&mut r, "CIN1", date(2024, 11, 30), None);
    cin_review(&mut r, "CR1", "CIN1", date(2025, 2, 28));
    cin_review(&mut r, "CR2", "CIN1", date(2025, 5, 29));
    assert_eq!(r.validate(), Ok(()));
    assert_eq!(
        only(&r, date(2025, 9, 1), rule),
        vec![
            (1, date(2025, 2, 28), ClockState::MetOnTime),
            (2, date(2025, 5, 28), ClockState::MetLate { days_late: 1 }),
            (3, date(2025, 8, 29), ClockState::Overdue { days_over: 3 }),
        ]
    );
    // Every 2 months locally: 30 January.
    let two = ClockSettings {
        cin_plan_review_months: 2,
        ..ClockSettings::default()
    };
    assert_eq!(
        with(two, &r, date(2025, 9, 1), rule)[0].due.date(),
        date(2025, 1, 30)
    );
    // In a leap year the first falls on 29 February.
    let mut leap = child();
    referral(&mut leap, "R1", date(2023, 11, 1));
    cin_plan(&mut leap, "CIN1", date(2023, 11, 30), None);
    assert_eq!(only(&leap, date(2023, 12, 1), rule)[0].1, date(2024, 2, 29));
    // A plan that ended before its first review fell due: no clock.
    leap.cin_plans[0].end_date = Some(date(2024, 1, 31));
    assert!(only(&leap, date(2024, 3, 1), rule).is_empty());
}

#[test]
fn cin_plan_reviews_must_belong_to_a_plan_and_not_precede_it() {
    let mut r = child();
    referral(&mut r, "R1", date(2024, 11, 1));
    cin_plan(&mut r, "CIN1", date(2024, 11, 30), None);
    cin_review(&mut r, "CR1", "CIN9", date(2025, 2, 28));
    let e = r.validate().unwrap_err();
    assert_eq!(
        (e.record, e.id.as_str(), e.field),
        ("child in need plan review", "CR1", "cin_plan_id")
    );
    r.cin_plan_reviews[0].cin_plan_id = id("CIN1");
    r.cin_plan_reviews[0].date = date(2024, 11, 29);
    let e = r.validate().unwrap_err();
    assert_eq!((e.record, e.field), ("child in need plan review", "date"));
}

fn supervised(r: &mut ChildRecord, on: Date) {
    let n = format!("SUP{}", r.case_supervisions.len() + 1);
    r.case_supervisions.push(CaseSupervision {
        id: id(&n),
        child_id: r.child.id.clone(),
        date: on,
        supervisor_id: None,
    });
}

#[test]
fn an_allocated_case_is_supervised_every_20_working_days() {
    // Allocated to a named worker on Monday 1 December 2025: twenty working days over
    // Christmas, Boxing Day and New Year's Day end on Wednesday 31 December (supervised
    // that day); then Thursday 29 January 2026 (supervised the 30th, a day late); then
    // 27 February, 25 days left on 2 February. A supervision before the allocation
    // does not count.
    let rule = "CASE-SUPERVISION-LOCAL";
    let mut r = child();
    allocated(&mut r, "AL1", Some("W1"), date(2025, 12, 1), None);
    supervised(&mut r, date(2025, 11, 28));
    supervised(&mut r, date(2025, 12, 31));
    supervised(&mut r, date(2026, 1, 30));
    let got = with(ClockSettings::default(), &r, date(2026, 2, 2), rule);
    assert!(got.iter().all(|c| c.rule.local && c.record_id == id("AL1")));
    let got: Vec<_> = got.iter().map(|c| (c.due.date(), c.state)).collect();
    assert_eq!(
        got,
        vec![
            (date(2025, 12, 31), ClockState::MetOnTime),
            (date(2026, 1, 29), ClockState::MetLate { days_late: 1 }),
            (date(2026, 2, 27), ClockState::NotYetDue { days_left: 25 }),
        ]
    );
    // Held on duty (no named worker): no supervision clock. Allocated for less than
    // the standard: none either.
    let mut r = child();
    allocated(&mut r, "AL1", None, date(2025, 12, 1), None);
    allocated(
        &mut r,
        "AL2",
        Some("W1"),
        date(2026, 1, 5),
        Some(date(2026, 1, 20)),
    );
    assert!(only(&r, date(2026, 2, 2), rule).is_empty());
}
