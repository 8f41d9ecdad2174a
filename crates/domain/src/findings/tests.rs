//! Each finding at its boundaries, on hand-made records. Dates are worked out by hand.
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use jiff::civil::{Date, date};

use super::*;
use crate::calendar::WorkingDayCalendar;
use crate::child_protection::{ChildInNeedPlan, ChildProtectionPlan};
use crate::clocks::{ClockSettings, clocks_for};
use crate::codes::*;
use crate::looked_after::{CareEpisode, CarePlan, LookedAfterReview, PeriodOfCare};
use crate::plan_action::PlanAction;
use crate::referral::Referral;
use crate::strategy_discussion::{AgencyParticipation, StrategyDiscussion};
use crate::visit::Visit;
use crate::workforce::Allocation;
use crate::{TeamId, WorkerId};

fn id(s: &str) -> RecordId {
    RecordId::parse(s).unwrap()
}

fn child(born: Date) -> ChildRecord {
    ChildRecord::new(crate::person::example_child("C1", Some(born)))
}

fn noon(d: Date) -> Timestamp {
    format!("{d}T12:00:00Z").parse().unwrap()
}

fn find(r: &ChildRecord, today: Date) -> Vec<Finding> {
    find_with(r, today, FindingSettings::default(), &|_| false)
}

fn find_with(
    r: &ChildRecord,
    today: Date,
    settings: FindingSettings,
    is_manager: &dyn Fn(&WorkerId) -> bool,
) -> Vec<Finding> {
    let cal = WorkingDayCalendar::england_and_wales();
    let clocks = clocks_for(r, today, noon(today), &cal, ClockSettings::default());
    findings_for(r, &clocks, today, settings, is_manager)
}

fn kinds(r: &ChildRecord, today: Date, kind: &FindingKind) -> Vec<(Date, i32)> {
    find(r, today)
        .into_iter()
        .filter(|f| f.kind.id == kind.id)
        .map(|f| (f.since, f.days))
        .collect()
}

fn referral(r: &mut ChildRecord, n: &str, on: Date, closed: Option<Date>) {
    r.referrals.push(Referral {
        closure_date: closed,
        closure_reason: closed.map(|_| ReasonForClosure::from_code("RC1").unwrap()),
        ..crate::referral::example_referral(&r.child.id, n, on)
    });
}

fn allocate(r: &mut ChildRecord, n: &str, worker: Option<&str>, start: Date, end: Option<Date>) {
    r.allocations.push(Allocation {
        id: id(n),
        child_id: r.child.id.clone(),
        worker_id: worker.map(|w| WorkerId::parse(w).unwrap()),
        team_id: TeamId::parse("T1").unwrap(),
        role: AllocationRole::AllocatedSocialWorker,
        start_date: start,
        end_date: end,
        change_reason: end.map(|_| WorkerChangeReason::from_code("MANAGE").unwrap()),
    });
}

fn cp_plan(r: &mut ChildRecord, n: &str, start: Date, end: Option<Date>) {
    r.cp_plans.push(ChildProtectionPlan {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        initial_conference_id: None,
        start_date: start,
        end_date: end,
        initial_category: CategoryOfAbuse::Neglect,
        latest_category: CategoryOfAbuse::Neglect,
    });
}

fn visit(r: &mut ChildRecord, n: &str, kind: VisitKind, on: Date, alone: bool) {
    r.visits.push(Visit {
        id: id(n),
        child_id: r.child.id.clone(),
        kind,
        date: on,
        seen: true,
        seen_alone: alone,
        bedroom_seen: false,
        childs_words: None,
        worker_id: None,
    });
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

fn episode(
    r: &mut ChildRecord,
    n: &str,
    period: &str,
    start: Date,
    rne: ReasonNewEpisode,
    place: PlacementType,
    legal: LegalStatus,
) {
    r.care_episodes.push(CareEpisode {
        id: id(n),
        child_id: r.child.id.clone(),
        period_id: id(period),
        start_date: start,
        reason_new_episode: rne,
        legal_status: legal,
        category_of_need: PrimaryNeed::from_code("N1").unwrap(),
        placement_type: place,
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

/// Ends the previous episode where the next begins, as 903 records them.
fn close_episodes(r: &mut ChildRecord) {
    r.care_episodes.sort_by_key(|e| e.start_date);
    let starts: Vec<Date> = r.care_episodes.iter().map(|e| e.start_date).collect();
    for (i, e) in r.care_episodes.iter_mut().enumerate() {
        if let Some(next) = starts.get(i + 1) {
            e.end_date = Some(*next);
            e.reason_ceased = Some(ReasonEpisodeCeased::NewEpisodeSameDay);
        }
    }
}

#[test]
fn unallocated_counts_from_when_the_last_worker_left_or_the_case_opened() {
    let mut r = child(date(2015, 1, 1));
    referral(&mut r, "R1", date(2026, 3, 2), None);
    // Never allocated: unallocated since the referral.
    assert_eq!(
        kinds(&r, date(2026, 3, 12), &kinds::UNALLOCATED),
        vec![(date(2026, 3, 2), 10)]
    );
    // A worker from 3 to 9 March: unallocated from the 10th.
    allocate(
        &mut r,
        "A1",
        Some("W1"),
        date(2026, 3, 3),
        Some(date(2026, 3, 9)),
    );
    assert_eq!(
        kinds(&r, date(2026, 3, 12), &kinds::UNALLOCATED),
        vec![(date(2026, 3, 10), 2)]
    );
    // On the last day of the allocation the case is still allocated.
    assert!(kinds(&r, date(2026, 3, 9), &kinds::UNALLOCATED).is_empty());
    // A closed case is nobody's work.
    let mut closed = child(date(2015, 1, 1));
    referral(&mut closed, "R1", date(2026, 3, 2), Some(date(2026, 3, 5)));
    assert!(find(&closed, date(2026, 3, 12)).is_empty());
}

#[test]
fn held_on_duty_and_held_by_a_manager() {
    let mut r = child(date(2015, 1, 1));
    referral(&mut r, "R1", date(2026, 3, 2), None);
    allocate(&mut r, "A1", None, date(2026, 3, 4), None);
    assert_eq!(
        kinds(&r, date(2026, 3, 12), &kinds::HELD_ON_DUTY),
        vec![(date(2026, 3, 4), 8)]
    );
    assert!(kinds(&r, date(2026, 3, 12), &kinds::UNALLOCATED).is_empty());
    let mut m = child(date(2015, 1, 1));
    referral(&mut m, "R1", date(2026, 3, 2), None);
    allocate(&mut m, "A1", Some("TM1"), date(2026, 3, 4), None);
    let manager = |w: &WorkerId| w.as_str() == "TM1";
    let got = find_with(&m, date(2026, 3, 12), FindingSettings::default(), &manager);
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].kind.id, "HELD-BY-MANAGER");
    // The same allocation to a case-holding worker is no finding.
    assert!(find(&m, date(2026, 3, 12)).is_empty());
}

#[test]
fn not_seen_follows_the_most_overdue_visit_clock() {
    // CP plan from Monday 2 March 2026; CP visits every 10 working days: due Monday
    // 16 March. Seen on the 16th: next due Monday 30 March.
    let mut r = child(date(2015, 1, 1));
    referral(&mut r, "R1", date(2026, 2, 2), None);
    allocate(&mut r, "A1", Some("W1"), date(2026, 2, 2), None);
    cp_plan(&mut r, "P1", date(2026, 3, 2), None);
    visit(
        &mut r,
        "V1",
        VisitKind::ChildProtection,
        date(2026, 3, 16),
        true,
    );
    r.plan_actions
        .push(action("X1", "P1", "Social worker", date(2026, 4, 30)));
    // Due on 30 March: not yet a finding.
    assert!(kinds(&r, date(2026, 3, 30), &kinds::NOT_SEEN).is_empty());
    // 31 March: not seen since the 16th, 15 days.
    assert_eq!(
        kinds(&r, date(2026, 3, 31), &kinds::NOT_SEEN),
        vec![(date(2026, 3, 16), 15)]
    );
}

fn action(n: &str, plan: &str, who: &str, due: Date) -> PlanAction {
    PlanAction {
        id: id(n),
        child_id: PersonId::parse("C1").unwrap(),
        plan_kind: PlanKind::ChildProtection,
        plan_id: id(plan),
        who: who.into(),
        what: "Something".into(),
        due_date: due,
        status: ActionStatus::Open,
        completed_date: None,
        agreed_date: date(2026, 3, 2),
    }
}

#[test]
fn not_seen_alone_waits_for_the_window_and_spares_the_youngest() {
    let settings = FindingSettings::default(); // 12 weeks, from age 4
    let mut r = child(date(2015, 1, 1));
    referral(&mut r, "R1", date(2026, 1, 1), None);
    allocate(&mut r, "A1", Some("W1"), date(2026, 1, 1), None);
    let mut cin = ChildInNeedPlan {
        id: id("N1"),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        start_date: date(2026, 1, 5),
        end_date: None,
    };
    r.cin_plans.push(cin.clone());
    visit(
        &mut r,
        "V1",
        VisitKind::ChildInNeed,
        date(2026, 1, 20),
        false,
    );
    // 12 weeks after 5 January is 30 March: on that day the plan is exactly 12 weeks
    // old, so the finding can be made.
    assert!(kinds(&r, date(2026, 3, 29), &kinds::NOT_SEEN_ALONE).is_empty());
    assert_eq!(
        kinds(&r, date(2026, 3, 30), &kinds::NOT_SEEN_ALONE),
        vec![(date(2026, 1, 5), 84)]
    );
    // Seen alone on 6 January: still inside the window on 30 March (window starts 5
    // January, 12 weeks before)...
    visit(&mut r, "V2", VisitKind::ChildInNeed, date(2026, 1, 6), true);
    assert!(kinds(&r, date(2026, 3, 30), &kinds::NOT_SEEN_ALONE).is_empty());
    // ...and outside it from 1 April (window from 7 January).
    assert_eq!(
        kinds(&r, date(2026, 4, 1), &kinds::NOT_SEEN_ALONE),
        vec![(date(2026, 1, 6), 85)]
    );
    // A three-year-old is not expected to be seen alone.
    let mut baby = child(date(2023, 1, 1));
    referral(&mut baby, "R1", date(2026, 1, 1), None);
    cin.child_id = baby.child.id.clone();
    baby.cin_plans.push(cin);
    assert!(kinds(&baby, date(2026, 6, 1), &kinds::NOT_SEEN_ALONE).is_empty());
    let younger = FindingSettings {
        seen_alone_from_age: 3,
        ..settings
    };
    assert_eq!(
        find_with(&baby, date(2026, 6, 1), younger, &|_| false)
            .iter()
            .filter(|f| f.kind.id == "NOT-SEEN-ALONE")
            .count(),
        1
    );
}

#[test]
fn plan_actions_overdue_unowned_and_plans_with_none() {
    let mut r = child(date(2015, 1, 1));
    referral(&mut r, "R1", date(2026, 2, 2), None);
    allocate(&mut r, "A1", Some("W1"), date(2026, 2, 2), None);
    cp_plan(&mut r, "P1", date(2026, 3, 2), None);
    // No actions: a finding only once the plan is more than four weeks old (30 March
    // is exactly four weeks).
    assert!(kinds(&r, date(2026, 3, 30), &kinds::PLAN_WITHOUT_ACTIONS).is_empty());
    assert_eq!(
        kinds(&r, date(2026, 3, 31), &kinds::PLAN_WITHOUT_ACTIONS),
        vec![(date(2026, 3, 2), 29)]
    );
    // An action due 20 April: overdue from the 21st.
    r.plan_actions
        .push(action("X1", "P1", "Social worker", date(2026, 4, 20)));
    assert!(kinds(&r, date(2026, 4, 20), &kinds::PLAN_ACTIONS).is_empty());
    assert_eq!(
        kinds(&r, date(2026, 4, 22), &kinds::PLAN_ACTIONS),
        vec![(date(2026, 4, 21), 1)]
    );
    // Done: no finding. An owner that names nobody: a finding from when it was agreed.
    r.plan_actions[0].status = ActionStatus::Done;
    r.plan_actions[0].completed_date = Some(date(2026, 4, 20));
    assert!(kinds(&r, date(2026, 4, 22), &kinds::PLAN_ACTIONS).is_empty());
    r.plan_actions
        .push(action("X2", "P1", " TBC ", date(2026, 6, 1)));
    let got = find(&r, date(2026, 4, 22));
    let f = got.iter().find(|f| f.kind.id == "PLAN-ACTIONS").unwrap();
    assert_eq!(f.since, date(2026, 3, 2));
    assert!(
        f.detail.contains("1 action with no named owner"),
        "{}",
        f.detail
    );
}

#[test]
fn long_and_repeat_child_protection_plans() {
    let mut r = child(date(2015, 1, 1));
    referral(&mut r, "R1", date(2024, 1, 1), None);
    allocate(&mut r, "A1", Some("W1"), date(2024, 1, 1), None);
    cp_plan(&mut r, "P0", date(2020, 5, 1), Some(date(2021, 2, 1)));
    // 31 August 2024 + 18 months = 28 February 2026 (no 31st): the plan is 18 months
    // old on that day, not before.
    cp_plan(&mut r, "P1", date(2024, 8, 31), None);
    assert!(kinds(&r, date(2026, 2, 27), &kinds::LONG_CP_PLAN).is_empty());
    assert_eq!(
        kinds(&r, date(2026, 2, 28), &kinds::LONG_CP_PLAN),
        vec![(date(2024, 8, 31), 546)]
    );
    // Second plan, however long ago the first.
    let second = find(&r, date(2026, 2, 28))
        .into_iter()
        .find(|f| f.kind.id == "SECOND-CP-PLAN")
        .unwrap();
    assert!(
        second.detail.starts_with("Plan number 2"),
        "{}",
        second.detail
    );
    // A first plan is not a repeat.
    r.cp_plans.remove(0);
    assert!(kinds(&r, date(2026, 2, 28), &kinds::SECOND_CP_PLAN).is_empty());
}

#[test]
fn repeat_referral_within_twelve_months_counts_the_anniversary() {
    let mut r = child(date(2015, 1, 1));
    referral(&mut r, "R1", date(2025, 2, 28), Some(date(2025, 3, 10)));
    // Exactly 12 months later (28 February 2026): a re-referral.
    referral(&mut r, "R2", date(2026, 2, 28), None);
    assert_eq!(
        kinds(&r, date(2026, 3, 1), &kinds::REPEAT_REFERRAL),
        vec![(date(2026, 2, 28), 1)]
    );
    // A day later would not be.
    r.referrals[1].referral_date = date(2026, 3, 1);
    assert!(kinds(&r, date(2026, 3, 2), &kinds::REPEAT_REFERRAL).is_empty());
    // Leap year: 29 February 2024 + 12 months = 28 February 2025.
    let mut leap = child(date(2015, 1, 1));
    referral(&mut leap, "R1", date(2024, 2, 29), Some(date(2024, 3, 10)));
    referral(&mut leap, "R2", date(2025, 2, 28), None);
    assert_eq!(
        kinds(&leap, date(2025, 3, 1), &kinds::REPEAT_REFERRAL).len(),
        1
    );
    leap.referrals[1].referral_date = date(2025, 3, 1);
    assert!(kinds(&leap, date(2025, 3, 2), &kinds::REPEAT_REFERRAL).is_empty());
}

fn review(r: &mut ChildRecord, n: &str, period: &str, on: Date) {
    r.looked_after_reviews.push(LookedAfterReview {
        id: id(n),
        child_id: r.child.id.clone(),
        period_id: id(period),
        date: on,
        participation: ParticipationCode::from_code("PN1").unwrap(),
    });
}

#[test]
fn permanence_plan_by_the_second_review() {
    let mut r = child(date(2015, 1, 1));
    allocate(&mut r, "A1", Some("W1"), date(2026, 1, 5), None);
    period(&mut r, "L1", date(2026, 1, 5), None);
    episode(
        &mut r,
        "E1",
        "L1",
        date(2026, 1, 5),
        ReasonNewEpisode::StartedToBeLookedAfter,
        PlacementType::FosterOtherNotLongTermOrFfa,
        LegalStatus::InterimCareOrder,
    );
    r.care_plans.push(CarePlan {
        id: id("CP1"),
        child_id: r.child.id.clone(),
        period_id: id("L1"),
        start_date: date(2026, 1, 10),
        end_date: None,
        intention: CarePlanIntention::EventualReturn,
    });
    review(&mut r, "LR1", "L1", date(2026, 2, 2));
    // One review: too soon.
    assert!(kinds(&r, date(2026, 5, 1), &kinds::NO_PERMANENCE_PLAN).is_empty());
    review(&mut r, "LR2", "L1", date(2026, 5, 1));
    // "Eventual return" names no permanent home.
    assert_eq!(
        kinds(&r, date(2026, 5, 1), &kinds::NO_PERMANENCE_PLAN),
        vec![(date(2026, 5, 1), 0)]
    );
    r.care_plans[0].intention = CarePlanIntention::LongTermFosteringTo18;
    assert!(kinds(&r, date(2026, 5, 1), &kinds::NO_PERMANENCE_PLAN).is_empty());
}

#[test]
fn placed_with_parents_under_a_care_order_with_no_risk_for_six_months() {
    let mut r = child(date(2015, 1, 1));
    allocate(&mut r, "A1", Some("W1"), date(2025, 1, 6), None);
    period(&mut r, "L1", date(2025, 1, 6), None);
    episode(
        &mut r,
        "E1",
        "L1",
        date(2025, 1, 6),
        ReasonNewEpisode::StartedToBeLookedAfter,
        PlacementType::FosterOtherNotLongTermOrFfa,
        LegalStatus::InterimCareOrder,
    );
    episode(
        &mut r,
        "E2",
        "L1",
        date(2025, 8, 31),
        ReasonNewEpisode::PlacementAndCarerChange,
        PlacementType::PlacedWithParents,
        LegalStatus::InterimCareOrder,
    );
    // The full care order later: a legal-status-only change keeps the placement's start.
    episode(
        &mut r,
        "E3",
        "L1",
        date(2025, 10, 1),
        ReasonNewEpisode::LegalStatusChangeOnly,
        PlacementType::PlacedWithParents,
        LegalStatus::FullCareOrder,
    );
    close_episodes(&mut r);
    // 31 August + 6 months = 28 February 2026.
    assert!(kinds(&r, date(2026, 2, 27), &kinds::PLACED_WITH_PARENTS).is_empty());
    assert_eq!(
        kinds(&r, date(2026, 2, 28), &kinds::PLACED_WITH_PARENTS),
        vec![(date(2025, 8, 31), 181)]
    );
    // A CP plan in the window is an open risk.
    cp_plan(&mut r, "P1", date(2025, 9, 1), Some(date(2025, 12, 1)));
    assert!(kinds(&r, date(2026, 2, 28), &kinds::PLACED_WITH_PARENTS).is_empty());
}

#[test]
fn personal_adviser_by_seventeen_and_a_half() {
    // Born 31 August 2008: 17½ on 28 February 2026 (31 August + 210 months, clamped).
    let mut r = child(date(2008, 8, 31));
    allocate(&mut r, "A1", Some("W1"), date(2024, 1, 8), None);
    period(&mut r, "L1", date(2024, 1, 8), None);
    assert!(kinds(&r, date(2026, 2, 27), &kinds::NO_PERSONAL_ADVISER).is_empty());
    assert_eq!(
        kinds(&r, date(2026, 2, 28), &kinds::NO_PERSONAL_ADVISER),
        vec![(date(2026, 2, 28), 0)]
    );
    r.allocations.push(Allocation {
        id: id("A2"),
        child_id: r.child.id.clone(),
        worker_id: Some(WorkerId::parse("PA1").unwrap()),
        team_id: TeamId::parse("T2").unwrap(),
        role: AllocationRole::PersonalAdviser,
        start_date: date(2026, 3, 1),
        end_date: None,
        change_reason: None,
    });
    assert!(kinds(&r, date(2026, 3, 1), &kinds::NO_PERSONAL_ADVISER).is_empty());
}

#[test]
fn three_placements_in_twelve_months_ignores_temporary_and_legal_changes() {
    let mut r = child(date(2012, 1, 1));
    allocate(&mut r, "A1", Some("W1"), date(2025, 1, 6), None);
    period(&mut r, "L1", date(2025, 1, 6), None);
    use LegalStatus::InterimCareOrder as Ico;
    use PlacementType::FosterOtherNotLongTermOrFfa as Foster;
    use ReasonNewEpisode::*;
    episode(
        &mut r,
        "E1",
        "L1",
        date(2025, 1, 6),
        StartedToBeLookedAfter,
        Foster,
        Ico,
    );
    episode(
        &mut r,
        "E2",
        "L1",
        date(2025, 6, 2),
        PlacementAndCarerChange,
        Foster,
        Ico,
    );
    episode(
        &mut r,
        "E3",
        "L1",
        date(2025, 7, 1),
        PlacementAndCarerChange,
        PlacementType::TemporaryHoliday,
        Ico,
    );
    episode(
        &mut r,
        "E4",
        "L1",
        date(2025, 7, 14),
        LegalStatusChangeOnly,
        Foster,
        LegalStatus::FullCareOrder,
    );
    episode(
        &mut r,
        "E5",
        "L1",
        date(2025, 11, 3),
        PlacementAndCarerChange,
        PlacementType::ChildrensHome,
        LegalStatus::FullCareOrder,
    );
    close_episodes(&mut r);
    // Placements: from 6 Jan, 2 Jun (the holiday and the legal change don't count),
    // 3 Nov. On 6 January 2026 the first placement is still inside the year (the
    // window opens on 6 January 2025, and it ran to 2 June)...
    assert_eq!(
        kinds(&r, date(2026, 1, 6), &kinds::PLACEMENT_INSTABILITY).len(),
        1
    );
    // ...and on 3 June 2026 it ended more than 12 months before: two placements.
    assert!(kinds(&r, date(2026, 6, 3), &kinds::PLACEMENT_INSTABILITY).is_empty());
}

#[test]
fn three_social_workers_in_twelve_months() {
    let mut r = child(date(2015, 1, 1));
    referral(&mut r, "R1", date(2025, 1, 1), None);
    allocate(
        &mut r,
        "A1",
        Some("W1"),
        date(2025, 1, 1),
        Some(date(2025, 6, 30)),
    );
    allocate(
        &mut r,
        "A2",
        None,
        date(2025, 7, 1),
        Some(date(2025, 7, 31)),
    );
    allocate(
        &mut r,
        "A3",
        Some("W2"),
        date(2025, 8, 1),
        Some(date(2025, 12, 31)),
    );
    allocate(&mut r, "A4", Some("W3"), date(2026, 1, 1), None);
    // On 29 June 2026 W1's allocation (to 30 June 2025) overlaps the year.
    assert_eq!(
        kinds(&r, date(2026, 6, 29), &kinds::WORKER_CHANGES).len(),
        1
    );
    // On 30 June 2026 the year starts on 30 June 2025: W1's last day; an allocation
    // ending on the window's first day is outside it (ends at the window's edge).
    assert!(kinds(&r, date(2026, 6, 30), &kinds::WORKER_CHANGES).is_empty());
}

#[test]
fn strategy_discussions_without_police_or_health_on_live_referrals() {
    let mut r = child(date(2015, 1, 1));
    referral(&mut r, "R1", date(2026, 3, 2), None);
    allocate(&mut r, "A1", Some("W1"), date(2026, 3, 2), None);
    let part = |agency, invited, attended| AgencyParticipation {
        agency,
        invited,
        attended,
        contributed: attended,
    };
    r.strategy_discussions.push(StrategyDiscussion {
        id: id("S1"),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        date: date(2026, 3, 3),
        section_47_agreed: true,
        agencies: vec![
            part(Agency::Police, true, true),
            part(Agency::Health, true, false),
        ],
    });
    let got = find(&r, date(2026, 3, 10));
    let f = got
        .iter()
        .find(|f| f.kind.id == "STRATEGY-PARTNERS-ABSENT")
        .unwrap();
    assert_eq!(
        f.detail,
        "Strategy discussion on 3 Mar 2026: Health invited but did not attend"
    );
    r.strategy_discussions[0].agencies[1].attended = true;
    assert!(kinds(&r, date(2026, 3, 10), &kinds::PARTNERS_ABSENT).is_empty());
    // Police not there at all.
    r.strategy_discussions[0].agencies.remove(0);
    assert_eq!(
        kinds(&r, date(2026, 3, 10), &kinds::PARTNERS_ABSENT).len(),
        1
    );
    // Once the referral closes the discussion is history, not live work.
    r.referrals[0].closure_date = Some(date(2026, 3, 9));
    r.referrals[0].closure_reason = Some(ReasonForClosure::from_code("RC1").unwrap());
    assert!(kinds(&r, date(2026, 3, 10), &kinds::PARTNERS_ABSENT).is_empty());
}

#[test]
fn unregistered_placements() {
    let mut r = child(date(2011, 6, 1));
    allocate(&mut r, "A1", Some("W1"), date(2026, 1, 5), None);
    period(&mut r, "L1", date(2026, 1, 5), None);
    episode(
        &mut r,
        "E1",
        "L1",
        date(2026, 1, 5),
        ReasonNewEpisode::StartedToBeLookedAfter,
        PlacementType::ChildrensHome,
        LegalStatus::SinglePeriodSection20,
    );
    assert_eq!(
        kinds(&r, date(2026, 2, 1), &kinds::UNREGISTERED_PLACEMENT),
        vec![(date(2026, 1, 5), 27)]
    );
    r.care_episodes[0].ofsted_urn =
        Some(crate::values::OfstedUrn::parse("SC123456", "t", "x", "urn").unwrap());
    assert!(kinds(&r, date(2026, 2, 1), &kinds::UNREGISTERED_PLACEMENT).is_empty());
    // Aged 14 in semi-independent accommodation.
    r.care_episodes[0].placement_type = PlacementType::SemiIndependentLiving;
    let f = find(&r, date(2026, 2, 1));
    let f = f
        .iter()
        .find(|f| f.kind.id == "UNREGISTERED-PLACEMENT")
        .unwrap();
    assert!(f.detail.contains("under 16"), "{}", f.detail);
}

#[test]
fn every_kind_has_a_source_and_a_unique_id() {
    let mut ids: Vec<&str> = KINDS.iter().map(|k| k.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), KINDS.len());
    for k in KINDS {
        assert!(
            !k.source.is_empty() && !k.description.is_empty(),
            "{}",
            k.id
        );
    }
}
