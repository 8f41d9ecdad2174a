//! Boundary tests for every rule, and a golden test on a small hand-made authority.
//! Every due date below is worked out by hand from a calendar (bank holidays noted).
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use jiff::civil::{Date, date};

use super::*;
use crate::assessment::Assessment;
use crate::calendar::WorkingDayCalendar;
use crate::child_protection::{ChildProtectionConference, ChildProtectionPlan, CoreGroupMeeting};
use crate::codes::*;
use crate::front_door::Contact;
use crate::looked_after::{LookedAfterReview, PeriodOfCare};
use crate::missing::MissingEpisode;
use crate::section_47::Section47Enquiry;
use crate::strategy_discussion::StrategyDiscussion;

mod care_leavers;
mod golden;
mod local_standards;
mod placements;
mod school_terms;

fn id(s: &str) -> RecordId {
    RecordId::parse(s).unwrap()
}

fn child() -> ChildRecord {
    ChildRecord::new(crate::person::example_child("C1", Some(date(2015, 1, 1))))
}

fn noon(d: Date) -> Timestamp {
    format!("{d}T12:00:00Z").parse().unwrap()
}

fn clocks(r: &ChildRecord, today: Date) -> Vec<Clock> {
    let cal = WorkingDayCalendar::england_and_wales();
    clocks_for(r, today, noon(today), &cal, ClockSettings::default())
}

fn only(r: &ChildRecord, today: Date, rule: &str) -> Vec<(u32, Date, ClockState)> {
    clocks(r, today)
        .into_iter()
        .filter(|c| c.rule.id == rule)
        .map(|c| (c.occurrence, c.due.date(), c.state))
        .collect()
}

fn contact(r: &mut ChildRecord, n: &str, received: Date, decided: Option<Date>) {
    r.contacts.push(Contact {
        id: id(n),
        child_id: r.child.id.clone(),
        received_at: noon(received),
        source: ReferralSource::from_code("6").unwrap(),
        outcome: decided.map(|_| ContactOutcome::NewReferral),
        decided_at: decided.map(noon),
        rag: None,
        summary: String::new(),
    });
}

fn referral(r: &mut ChildRecord, n: &str, on: Date) {
    let made = crate::referral::example_referral(&r.child.id, n, on);
    r.referrals.push(made);
}

fn assessment(r: &mut ChildRecord, n: &str, referral: &str, start: Date, authorised: Option<Date>) {
    r.assessments.push(Assessment {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: id(referral),
        start_date: start,
        child_seen_date: None,
        authorised_date: authorised,
        factors: vec![],
        outcome: authorised.map(|_| AssessmentOutcome::ChildInNeedPlan),
        team_id: None,
        worker_id: None,
    });
}

const SOON: ClockState = ClockState::DueSoon { days_left: 0 };

#[test]
fn contact_decision_is_due_the_next_working_day() {
    // Friday 6 June 2025: due Monday 9 June.
    let mut r = child();
    contact(&mut r, "K1", date(2025, 6, 6), Some(date(2025, 6, 9)));
    contact(&mut r, "K2", date(2025, 6, 6), Some(date(2025, 6, 10)));
    // Thursday 17 April 2025: Good Friday 18, Easter Monday 21, so due Tuesday 22.
    contact(&mut r, "K3", date(2025, 4, 17), Some(date(2025, 4, 22)));
    contact(&mut r, "K4", date(2025, 4, 17), Some(date(2025, 4, 23)));
    // Thursday 24 December 2020: Christmas Friday, Boxing Day substitute Monday 28: due Tuesday 29.
    contact(&mut r, "K5", date(2020, 12, 24), Some(date(2020, 12, 29)));
    let got = only(&r, date(2025, 7, 1), "CONTACT-DECISION-1WD");
    assert_eq!(
        got,
        vec![
            (1, date(2025, 6, 9), ClockState::MetOnTime),
            (1, date(2025, 6, 9), ClockState::MetLate { days_late: 1 }),
            (1, date(2025, 4, 22), ClockState::MetOnTime),
            (1, date(2025, 4, 22), ClockState::MetLate { days_late: 1 }),
            (1, date(2020, 12, 29), ClockState::MetOnTime),
        ]
    );
    // Undecided: due soon on the day, overdue by one the next day.
    let mut r = child();
    contact(&mut r, "K1", date(2025, 6, 6), None);
    assert_eq!(
        only(&r, date(2025, 6, 9), "CONTACT-DECISION-1WD")[0].2,
        SOON
    );
    assert_eq!(
        only(&r, date(2025, 6, 10), "CONTACT-DECISION-1WD")[0].2,
        ClockState::Overdue { days_over: 1 }
    );
}

#[test]
fn assessment_is_due_45_working_days_after_the_referral() {
    // Monday 1 December 2025 + 45 WD, skipping 25, 26 Dec and 1 Jan: Thursday 5 February 2026.
    let mut r = child();
    referral(&mut r, "R1", date(2025, 12, 1));
    assessment(
        &mut r,
        "A1",
        "R1",
        date(2025, 12, 2),
        Some(date(2026, 2, 5)),
    );
    assessment(
        &mut r,
        "A2",
        "R1",
        date(2025, 12, 2),
        Some(date(2026, 2, 6)),
    );
    assessment(&mut r, "A3", "R1", date(2025, 12, 2), None);
    let got = only(&r, date(2026, 1, 31), "ASSESSMENT-45WD");
    assert_eq!(got[0], (1, date(2026, 2, 5), ClockState::MetOnTime));
    assert_eq!(
        got[1],
        (1, date(2026, 2, 5), ClockState::MetLate { days_late: 1 })
    );
    assert_eq!(
        got[2],
        (1, date(2026, 2, 5), ClockState::DueSoon { days_left: 5 })
    );
    assert_eq!(
        only(&r, date(2026, 1, 30), "ASSESSMENT-45WD")[2].2,
        ClockState::NotYetDue { days_left: 6 }
    );
    // A referral closed before the assessment fell due: the requirement ended.
    r.referrals[0].closure_date = Some(date(2026, 1, 10));
    r.referrals[0].closure_reason = Some(ReasonForClosure::from_code("RC8").unwrap());
    assert_eq!(only(&r, date(2026, 3, 1), "ASSESSMENT-45WD").len(), 2);
}

fn strategy(r: &mut ChildRecord, n: &str, on: Date) {
    r.strategy_discussions.push(StrategyDiscussion {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        date: on,
        section_47_agreed: true,
        agencies: vec![],
    });
}

fn s47(r: &mut ChildRecord, n: &str, start: Date) {
    r.section_47_enquiries.push(Section47Enquiry {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        strategy_discussion_id: None,
        start_date: start,
        end_date: None,
        outcome: None,
        worker_id: None,
    });
}

fn conference(
    r: &mut ChildRecord,
    n: &str,
    kind: ConferenceKind,
    on: Date,
    s47: Option<&str>,
    plan: Option<&str>,
) {
    r.conferences.push(ChildProtectionConference {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        kind,
        section_47_id: s47.map(id),
        cp_plan_id: plan.map(id),
        date: on,
        child_protection_plan: true,
        transfer_in: false,
        participation: None,
    });
}

#[test]
fn icpc_is_due_15_working_days_after_the_last_strategy_discussion() {
    // Last discussion Wednesday 9 April 2025: + 15 WD over Easter (18, 21 April) = Friday 2 May.
    let mut r = child();
    referral(&mut r, "R1", date(2025, 3, 31));
    strategy(&mut r, "SD1", date(2025, 4, 1));
    strategy(&mut r, "SD2", date(2025, 4, 9));
    s47(&mut r, "S1", date(2025, 4, 9));
    conference(
        &mut r,
        "IC1",
        ConferenceKind::Initial,
        date(2025, 5, 2),
        Some("S1"),
        None,
    );
    assert_eq!(
        only(&r, date(2025, 6, 1), "ICPC-15WD"),
        vec![(1, date(2025, 5, 2), ClockState::MetOnTime)]
    );
    // Tuesday 6 May (Monday 5 May is a bank holiday): four calendar days late.
    r.conferences[0].date = date(2025, 5, 6);
    assert_eq!(
        only(&r, date(2025, 6, 1), "ICPC-15WD"),
        vec![(1, date(2025, 5, 2), ClockState::MetLate { days_late: 4 })]
    );
    // An enquiry that ended without needing a conference runs no clock.
    r.conferences.clear();
    r.section_47_enquiries[0].outcome = Some(Section47Outcome::NoFurtherAction);
    r.section_47_enquiries[0].end_date = Some(date(2025, 4, 20));
    assert!(only(&r, date(2025, 6, 1), "ICPC-15WD").is_empty());
}

fn plan(r: &mut ChildRecord, n: &str, start: Date, end: Option<Date>) {
    r.cp_plans.push(ChildProtectionPlan {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        initial_conference_id: None,
        start_date: start,
        end_date: end,
        initial_category: CategoryOfAbuse::from_code("NEG").unwrap(),
        latest_category: CategoryOfAbuse::from_code("NEG").unwrap(),
    });
}

#[test]
fn first_core_group_within_10_working_days_unless_the_plan_ends_first() {
    // Plan from Monday 3 March 2025: + 10 WD = Monday 17 March.
    let mut r = child();
    referral(&mut r, "R1", date(2025, 2, 1));
    plan(&mut r, "P1", date(2025, 3, 3), None);
    r.core_groups.push(CoreGroupMeeting {
        id: id("G1"),
        child_id: r.child.id.clone(),
        cp_plan_id: id("P1"),
        date: date(2025, 3, 17),
    });
    assert_eq!(
        only(&r, date(2025, 4, 1), "CORE-GROUP-10WD"),
        vec![(1, date(2025, 3, 17), ClockState::MetOnTime)]
    );
    r.core_groups[0].date = date(2025, 3, 18);
    assert_eq!(
        only(&r, date(2025, 4, 1), "CORE-GROUP-10WD")[0].2,
        ClockState::MetLate { days_late: 1 }
    );
    // Ended early (before the core group fell due): no requirement, no clock.
    r.core_groups.clear();
    r.cp_plans[0].end_date = Some(date(2025, 3, 10));
    assert!(only(&r, date(2025, 4, 1), "CORE-GROUP-10WD").is_empty());
    // Ended after it fell due with none held: missed.
    r.cp_plans[0].end_date = Some(date(2025, 3, 20));
    assert_eq!(
        only(&r, date(2025, 4, 1), "CORE-GROUP-10WD")[0].2,
        ClockState::Missed { days_over: 3 }
    );
}

#[test]
fn cp_reviews_at_three_months_then_six_with_month_ends_and_leap_days() {
    // 30 November + 3 months = 28 February 2025 (no 30th), and 29 February in 2024.
    let mut r = child();
    referral(&mut r, "R1", date(2023, 11, 1));
    plan(&mut r, "P1", date(2024, 11, 30), None);
    assert_eq!(
        only(&r, date(2024, 12, 1), "CP-REVIEW"),
        vec![(
            1,
            date(2025, 2, 28),
            ClockState::NotYetDue { days_left: 89 }
        )]
    );
    let mut leap = child();
    referral(&mut leap, "R1", date(2023, 11, 1));
    plan(&mut leap, "P1", date(2023, 11, 30), None);
    assert_eq!(
        only(&leap, date(2023, 12, 1), "CP-REVIEW")[0].1,
        date(2024, 2, 29)
    );
    // First review on the last day; the second is then due six months after it.
    conference(
        &mut r,
        "RC1",
        ConferenceKind::Review,
        date(2025, 2, 28),
        None,
        Some("P1"),
    );
    let got = only(&r, date(2025, 8, 29), "CP-REVIEW");
    assert_eq!(
        got,
        vec![
            (1, date(2025, 2, 28), ClockState::MetOnTime),
            (2, date(2025, 8, 28), ClockState::Overdue { days_over: 1 })
        ]
    );
    // 31 August + 6 months = 28 February.
    r.conferences[0].date = date(2025, 8, 31);
    assert_eq!(
        only(&r, date(2025, 9, 1), "CP-REVIEW")[1].1,
        date(2026, 2, 28)
    );
}

fn period(r: &mut ChildRecord, n: &str, start: Date, end: Option<Date>) {
    r.periods_of_care.push(PeriodOfCare {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: None,
        start_date: start,
        end_date: end,
    });
}

fn review(r: &mut ChildRecord, n: &str, period: &str, on: Date) {
    r.looked_after_reviews.push(LookedAfterReview {
        id: id(n),
        child_id: r.child.id.clone(),
        period_id: id(period),
        date: on,
        participation: ParticipationCode::ALL[1],
    });
}

#[test]
fn looked_after_reviews_at_20_working_days_3_months_then_6_months_per_period() {
    // In care from Monday 1 September 2025: + 20 WD = Monday 29 September.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 9, 1), None);
    review(&mut r, "LR1", "PC1", date(2025, 9, 29));
    review(&mut r, "LR2", "PC1", date(2026, 1, 5));
    let got = only(&r, date(2026, 3, 1), "LAC-REVIEW");
    assert_eq!(
        got,
        vec![
            (1, date(2025, 9, 29), ClockState::MetOnTime),
            // 29 September + 3 months = 29 December; held 5 January: a week late.
            (2, date(2025, 12, 29), ClockState::MetLate { days_late: 7 }),
            // 5 January + 6 months.
            (
                3,
                date(2026, 7, 5),
                ClockState::NotYetDue { days_left: 126 }
            ),
        ]
    );
    // Coming into care a second time starts the sequence again.
    r.periods_of_care[0].end_date = Some(date(2026, 2, 1));
    period(&mut r, "PC2", date(2026, 4, 1), None);
    let got = only(&r, date(2026, 4, 2), "LAC-REVIEW");
    // The first period's third review never fell due before it ended: no clock for it.
    // 1 April 2026 + 20 WD, skipping Good Friday 3 and Easter Monday 6 April: 1 May.
    assert_eq!(got.len(), 3);
    assert_eq!(
        got[2],
        (1, date(2026, 5, 1), ClockState::NotYetDue { days_left: 29 })
    );
}

#[test]
fn return_home_interview_within_72_hours_to_the_minute() {
    let mut r = child();
    let back: Timestamp = "2025-06-02T10:00:00Z".parse().unwrap();
    for (n, rhi) in [
        ("M1", "2025-06-05T09:59:00Z"),
        ("M2", "2025-06-05T10:01:00Z"),
    ] {
        r.missing_episodes.push(MissingEpisode {
            id: id(n),
            child_id: r.child.id.clone(),
            kind: MissingType::ALL[0],
            started_at: "2025-06-01T20:00:00Z".parse().unwrap(),
            returned_at: Some(back),
            rhi_offered: Some(true),
            rhi_accepted: Some(true),
            rhi_at: Some(rhi.parse().unwrap()),
        });
    }
    let got = only(&r, date(2025, 6, 10), "RHI-72H");
    assert_eq!(got[0].2, ClockState::MetOnTime);
    assert_eq!(got[1].2, ClockState::MetLate { days_late: 1 });
}

#[test]
fn return_home_interview_declined_or_overtaken_by_the_next_episode() {
    let episode = |n: &str, out: &str, back: &str, offered, accepted| MissingEpisode {
        id: id(n),
        child_id: PersonId::parse("C1").unwrap(),
        kind: MissingType::ALL[0],
        started_at: out.parse().unwrap(),
        returned_at: Some(back.parse().unwrap()),
        rhi_offered: offered,
        rhi_accepted: accepted,
        rhi_at: None,
    };
    let mut r = child();
    // Offered and declined: the duty is discharged, nothing to time.
    r.missing_episodes.push(episode(
        "M1",
        "2025-06-01T20:00:00Z",
        "2025-06-02T10:00:00Z",
        Some(true),
        Some(false),
    ));
    assert!(only(&r, date(2025, 6, 10), "RHI-72H").is_empty());
    // Not offered: overdue from 10:01 on Thursday 5 June (72 hours after 10:00 Monday)...
    r.missing_episodes[0].rhi_offered = Some(false);
    r.missing_episodes[0].rhi_accepted = None;
    assert_eq!(
        only(&r, date(2025, 6, 10), "RHI-72H"),
        vec![(1, date(2025, 6, 5), ClockState::Overdue { days_over: 5 })]
    );
    // ...until the child next goes missing on 20 June: then missed, and the new return
    // brings its own interview.
    r.missing_episodes.push(episode(
        "M2",
        "2025-06-20T18:00:00Z",
        "2025-06-21T09:00:00Z",
        None,
        None,
    ));
    assert_eq!(
        only(&r, date(2025, 6, 22), "RHI-72H"),
        vec![
            (1, date(2025, 6, 5), ClockState::Missed { days_over: 15 }),
            (1, date(2025, 6, 24), ClockState::DueSoon { days_left: 2 }),
        ]
    );
}

fn health(r: &mut ChildRecord, n: &str, on: Date, status: HealthCheckStatus) {
    r.health_checks.push(crate::health::HealthCheck {
        id: id(n),
        child_id: r.child.id.clone(),
        kind: HealthCheckKind::ReviewHealthAssessment,
        date: on,
        status,
    });
}

#[test]
fn health_assessments_by_age() {
    // In care from Monday 1 September 2025: initial assessment due Monday 29 September.
    let mut r = child(); // born 1 January 2015: ten at the first assessment
    period(&mut r, "PC1", date(2025, 9, 1), None);
    health(&mut r, "H0", date(2025, 9, 20), HealthCheckStatus::Refused);
    health(
        &mut r,
        "H1",
        date(2025, 9, 29),
        HealthCheckStatus::Completed,
    );
    let got = only(&r, date(2025, 10, 1), "HEALTH-ASSESSMENT");
    assert_eq!(
        got,
        vec![
            (1, date(2025, 9, 29), ClockState::MetOnTime),
            (
                2,
                date(2026, 9, 29),
                ClockState::NotYetDue { days_left: 363 }
            )
        ]
    );
    // Under five: every six months.
    r.child.date_of_birth = Some(date(2023, 1, 1));
    assert_eq!(
        only(&r, date(2025, 10, 1), "HEALTH-ASSESSMENT")[1].1,
        date(2026, 3, 29)
    );
}

#[test]
fn pathway_plan_reviews_every_six_months_clamped_to_month_end() {
    let mut r = child();
    r.care_leaver.push(crate::care_leaver::CareLeaver {
        id: id("CL1"),
        child_id: r.child.id.clone(),
        eligibility: CareLeaverEligibility::ALL[0],
        eligible_from: date(2025, 8, 31),
        personal_adviser_id: None,
        end_date: None,
        needs_assessment_date: None,
    });
    // 31 August + 6 months = 28 February 2026.
    assert_eq!(
        only(&r, date(2025, 9, 1), "PATHWAY-PLAN-REVIEW"),
        vec![(
            1,
            date(2026, 2, 28),
            ClockState::NotYetDue { days_left: 180 }
        )]
    );
    r.pathway_plan_reviews
        .push(crate::care_leaver::PathwayPlanReview {
            id: id("PP1"),
            child_id: r.child.id.clone(),
            date: date(2026, 3, 2),
        });
    let got = only(&r, date(2026, 3, 3), "PATHWAY-PLAN-REVIEW");
    assert_eq!(
        got[0],
        (1, date(2026, 2, 28), ClockState::MetLate { days_late: 2 })
    );
    assert_eq!(got[1].1, date(2026, 9, 2));
}

#[test]
fn private_fostering_visits_7_working_days_then_6_weekly() {
    // Notified Thursday 17 April 2025: 7 WD over Good Friday and Easter Monday is
    // Wednesday 30 April.
    let mut r = child();
    r.private_fostering
        .push(crate::other_services::PrivateFosteringArrangement {
            id: id("PF1"),
            child_id: r.child.id.clone(),
            notified_date: date(2025, 4, 17),
            start_date: date(2025, 4, 20),
            end_date: None,
            carer_name: "A carer".into(),
        });
    for (n, on) in [("V1", date(2025, 4, 30)), ("V2", date(2025, 6, 11))] {
        r.visits.push(crate::visit::Visit {
            id: id(n),
            child_id: r.child.id.clone(),
            kind: VisitKind::PrivateFostering,
            date: on,
            seen: true,
            seen_alone: true,
            bedroom_seen: false,
            childs_words: None,
            worker_id: None,
        });
    }
    let got = only(&r, date(2025, 7, 30), "PRIVATE-FOSTERING-VISIT");
    assert_eq!(
        got,
        vec![
            (1, date(2025, 4, 30), ClockState::MetOnTime),
            // 30 April + 6 weeks = 11 June: on the day.
            (2, date(2025, 6, 11), ClockState::MetOnTime),
            // 11 June + 6 weeks = 23 July: a week overdue on 30 July.
            (3, date(2025, 7, 23), ClockState::Overdue { days_over: 7 }),
        ]
    );
}

#[test]
fn lado_referral_the_next_working_day() {
    let mut r = child();
    for (n, referred) in [("L1", date(2025, 6, 9)), ("L2", date(2025, 6, 10))] {
        r.lado_allegations
            .push(crate::other_services::LadoAllegation {
                id: id(n),
                child_id: r.child.id.clone(),
                allegation_date: date(2025, 6, 6),
                referred_date: referred,
                subject_role: "Teacher".into(),
                employer_sector: "Education".into(),
                outcome: None,
                closed_date: None,
            });
    }
    // Friday 6 June: due Monday 9 June.
    let got = only(&r, date(2025, 7, 1), "LADO-REFERRAL-1WD");
    assert_eq!(
        got,
        vec![
            (1, date(2025, 6, 9), ClockState::MetOnTime),
            (1, date(2025, 6, 9), ClockState::MetLate { days_late: 1 })
        ]
    );
}

fn visit(r: &mut ChildRecord, n: &str, kind: VisitKind, on: Date, seen: bool) {
    r.visits.push(crate::visit::Visit {
        id: id(n),
        child_id: r.child.id.clone(),
        kind,
        date: on,
        seen,
        seen_alone: false,
        bedroom_seen: false,
        childs_words: None,
        worker_id: None,
    });
}

#[test]
fn local_visit_standards_restart_from_each_time_the_child_is_seen() {
    // CP plan from Monday 3 March 2025; seen Friday 14 March (due Monday 17: on time);
    // the next is due 10 WD after the 14th: Friday 28 March. A visit where the child
    // was not seen does not count. On 1 April: four days overdue, marked local.
    let mut r = child();
    referral(&mut r, "R1", date(2025, 2, 1));
    plan(&mut r, "P1", date(2025, 3, 3), None);
    visit(
        &mut r,
        "V1",
        VisitKind::ChildProtection,
        date(2025, 3, 14),
        true,
    );
    visit(
        &mut r,
        "V2",
        VisitKind::ChildProtection,
        date(2025, 3, 27),
        false,
    );
    let all = clocks(&r, date(2025, 4, 1));
    let cp: Vec<_> = all
        .iter()
        .filter(|c| c.rule.id == "CP-VISIT-LOCAL")
        .collect();
    assert!(cp.iter().all(|c| c.rule.local));
    let got: Vec<_> = cp.iter().map(|c| (c.due.date(), c.state)).collect();
    assert_eq!(
        got,
        vec![
            (date(2025, 3, 17), ClockState::MetOnTime),
            (date(2025, 3, 28), ClockState::Overdue { days_over: 4 })
        ]
    );
    // A stricter local standard (every 5 WD) changes the first due date to Monday 10 March.
    let settings = ClockSettings {
        cp_visit_working_days: 5,
        ..ClockSettings::default()
    };
    let cal = WorkingDayCalendar::england_and_wales();
    let strict = clocks_for(&r, date(2025, 4, 1), noon(date(2025, 4, 1)), &cal, settings);
    let first = strict
        .iter()
        .find(|c| c.rule.id == "CP-VISIT-LOCAL")
        .unwrap();
    assert_eq!(
        (first.due.date(), first.state),
        (date(2025, 3, 10), ClockState::MetLate { days_late: 4 })
    );
}

fn episode(r: &mut ChildRecord, n: &str, period: &str, start: Date, rne: &str, place: &str) {
    episode_as(r, n, period, start, rne, place, "C2");
}

/// A 903 episode with legal status `ls` (C1 interim care order, C2 care order...).
fn episode_as(
    r: &mut ChildRecord,
    n: &str,
    period: &str,
    start: Date,
    rne: &str,
    place: &str,
    ls: &str,
) {
    r.care_episodes.push(crate::looked_after::CareEpisode {
        id: id(n),
        child_id: r.child.id.clone(),
        period_id: id(period),
        start_date: start,
        reason_new_episode: ReasonNewEpisode::from_code(rne).unwrap(),
        legal_status: LegalStatus::from_code(ls).unwrap(),
        category_of_need: PrimaryNeed::from_code("N1").unwrap(),
        placement_type: PlacementType::from_code(place).unwrap(),
        provider: None,
        placement_postcode: None,
        home_postcode: None,
        ofsted_urn: None,
        in_area: true,
        end_date: None,
        reason_ceased: None,
        reason_place_change: None,
    });
}

#[test]
fn looked_after_visits_follow_each_placement() {
    // Placed Monday 1 September 2025: first visit due within a week, 8 September; seen
    // Friday 5th. Next due 6 weeks on, 17 October; seen 20 October: 3 days late. The
    // child moves on 3 November (before the next visit fell due on 1 December): the
    // old placement's clock stops, the new placement's first visit is due 10 November.
    // A change of legal status alone (RNE "L") on 20 September is not a new placement.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 9, 1), None);
    episode(&mut r, "E1", "PC1", date(2025, 9, 1), "S", "U4");
    episode(&mut r, "E2", "PC1", date(2025, 9, 20), "L", "U4");
    episode(&mut r, "E3", "PC1", date(2025, 11, 3), "P", "K2");
    visit(&mut r, "V1", VisitKind::LookedAfter, date(2025, 9, 5), true);
    visit(
        &mut r,
        "V2",
        VisitKind::LookedAfter,
        date(2025, 10, 20),
        true,
    );
    let got: Vec<_> = clocks(&r, date(2025, 11, 5))
        .into_iter()
        .filter(|c| c.rule.id == "LAC-VISIT")
        .map(|c| (c.record_id.to_string(), c.due.date(), c.state))
        .collect();
    assert_eq!(
        got,
        vec![
            ("E1".into(), date(2025, 9, 8), ClockState::MetOnTime),
            (
                "E1".into(),
                date(2025, 10, 17),
                ClockState::MetLate { days_late: 3 }
            ),
            (
                "E3".into(),
                date(2025, 11, 10),
                ClockState::DueSoon { days_left: 5 }
            ),
        ]
    );
}

#[test]
fn long_term_placements_are_visited_three_monthly_after_the_first_year() {
    // Long-term foster placement from 10 January 2024; seen 1 February 2025 (after the
    // placement's first year): next due three months on, 1 May 2025. The same in a
    // children's home (not intended to last until 18): six weeks, 15 March 2025.
    for (place, due) in [("U4", date(2025, 5, 1)), ("K2", date(2025, 3, 15))] {
        let mut r = child();
        period(&mut r, "PC1", date(2024, 1, 10), None);
        episode(&mut r, "E1", "PC1", date(2024, 1, 10), "S", place);
        visit(
            &mut r,
            "V1",
            VisitKind::LookedAfter,
            date(2024, 1, 15),
            true,
        );
        let mut d = date(2024, 1, 15);
        let mut n = 2;
        while d < date(2025, 1, 1) {
            d = d.checked_add(jiff::Span::new().weeks(6)).unwrap();
            visit(&mut r, &format!("V{n}"), VisitKind::LookedAfter, d, true);
            n += 1;
        }
        visit(
            &mut r,
            "VLAST",
            VisitKind::LookedAfter,
            date(2025, 2, 1),
            true,
        );
        let last = clocks(&r, date(2025, 2, 2))
            .into_iter()
            .rfind(|c| c.rule.id == "LAC-VISIT")
            .unwrap();
        assert_eq!(
            (last.due.date(), last.state.is_open()),
            (due, true),
            "{place}"
        );
    }
}
