//! Placements: visits in the regulation 28(3)-(5) situations, the care plan, the
//! placement plan and the notification. Dates worked out by hand from a calendar.

use super::*;
use crate::looked_after::PlacementDetails;

fn details<'a>(r: &'a mut ChildRecord, n: &str, episode: &str) -> &'a mut PlacementDetails {
    r.placement_details.push(PlacementDetails {
        id: id(n),
        child_id: r.child.id.clone(),
        care_episode_id: id(episode),
        placement_plan_date: None,
        notification_date: None,
        temporary_approval_reg24: false,
        placed_before_assessment_reg19: false,
    });
    r.placement_details.last_mut().unwrap()
}

fn seen(r: &mut ChildRecord, days: &[Date]) {
    for (i, d) in days.iter().enumerate() {
        let n = format!("VL{}", r.visits.len() + i + 1);
        visit(r, &n, VisitKind::LookedAfter, *d, true);
    }
}

/// Every visit clock: (placement, rule, due, state).
fn visits(r: &ChildRecord, today: Date) -> Vec<(String, &'static str, Date, ClockState)> {
    clocks(r, today)
        .into_iter()
        .filter(|c| c.rule.id.starts_with("LAC-VISIT"))
        .map(|c| (c.record_id.to_string(), c.rule.id, c.due.date(), c.state))
        .collect()
}

const ICO: &str = "LAC-VISIT-REG24-ICO";
const ORDER: &str = "LAC-VISIT-CARE-ORDER-HOME";

#[test]
fn at_home_under_an_interim_order_weekly_until_the_first_review_then_four_weekly() {
    // Placed with parents (P1) under an interim care order (C1) on Monday 1 September
    // 2025; first review Monday 29 September. Weekly: due 8, 15 and 22 September (the
    // third visit, on the 23rd, a day late). From the 23rd the next weekly visit would
    // fall due on the 30th, after the review: so four weeks, 21 October, met on the
    // day; then 18 November, two days overdue on the 20th.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 9, 1), None);
    episode_as(&mut r, "E1", "PC1", date(2025, 9, 1), "S", "P1", "C1");
    review(&mut r, "LR1", "PC1", date(2025, 9, 29));
    seen(
        &mut r,
        &[
            date(2025, 9, 8),
            date(2025, 9, 15),
            date(2025, 9, 23),
            date(2025, 10, 21),
        ],
    );
    let e1 = || "E1".to_owned();
    assert_eq!(
        visits(&r, date(2025, 11, 20)),
        vec![
            (e1(), ICO, date(2025, 9, 8), ClockState::MetOnTime),
            (e1(), ICO, date(2025, 9, 15), ClockState::MetOnTime),
            (
                e1(),
                ICO,
                date(2025, 9, 22),
                ClockState::MetLate { days_late: 1 }
            ),
            (e1(), ICO, date(2025, 10, 21), ClockState::MetOnTime),
            (
                e1(),
                ICO,
                date(2025, 11, 18),
                ClockState::Overdue { days_over: 2 }
            ),
        ]
    );
    // Until the review is recorded the visits stay weekly: the fourth is due 30 September.
    r.looked_after_reviews.clear();
    assert_eq!(visits(&r, date(2025, 11, 20))[3].2, date(2025, 9, 30));
}

#[test]
fn a_care_order_made_while_at_home_brings_a_visit_within_a_week_then_six_weekly() {
    // At home under an interim order from 1 September 2025, review 29 September; weekly
    // visits 8, 15, 22 September; from the 22nd the review falls within the week, so the
    // next is due four weeks on, 20 October, and held that day. A full care order on
    // Monday 3 November changes the legal status only (RNE L): not a new placement (the
    // clocks stay on E1), but reg 28(5) wants a visit within a week of the order, 10
    // November, sooner than the four-weekly 17 November. Seen on the 10th; then six
    // weeks, 22 December: 21 days left on 1 December.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 9, 1), None);
    episode_as(&mut r, "E1", "PC1", date(2025, 9, 1), "S", "P1", "C1");
    episode_as(&mut r, "E2", "PC1", date(2025, 11, 3), "L", "P1", "C2");
    review(&mut r, "LR1", "PC1", date(2025, 9, 29));
    seen(
        &mut r,
        &[
            date(2025, 9, 8),
            date(2025, 9, 15),
            date(2025, 9, 22),
            date(2025, 10, 20),
            date(2025, 11, 10),
        ],
    );
    let got = visits(&r, date(2025, 12, 1));
    let e1 = || "E1".to_owned();
    assert_eq!(
        got[3..],
        [
            (e1(), ICO, date(2025, 10, 20), ClockState::MetOnTime),
            (e1(), ORDER, date(2025, 11, 10), ClockState::MetOnTime),
            (
                e1(),
                ORDER,
                date(2025, 12, 22),
                ClockState::NotYetDue { days_left: 21 }
            ),
        ]
    );
    // Seen a day after the week was up: late.
    r.visits.last_mut().unwrap().date = date(2025, 11, 11);
    assert_eq!(
        visits(&r, date(2025, 12, 1))[4].3,
        ClockState::MetLate { days_late: 1 }
    );
}

#[test]
fn before_the_parents_assessment_weekly_until_the_first_review_then_six_weekly() {
    // Placed at home under a care order (C2) on Monday 1 September 2025 before the
    // assessment of the parents was finished (reg 19): weekly, 8, 15, 22 September;
    // from the 22nd the first review (29 September) falls within the week, so six
    // weeks: 3 November, met early by the visit on 29 September; then 10 November,
    // due today.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 9, 1), None);
    episode_as(&mut r, "E1", "PC1", date(2025, 9, 1), "S", "P1", "C2");
    details(&mut r, "PD1", "E1").placed_before_assessment_reg19 = true;
    review(&mut r, "LR1", "PC1", date(2025, 9, 29));
    seen(
        &mut r,
        &[
            date(2025, 9, 8),
            date(2025, 9, 15),
            date(2025, 9, 22),
            date(2025, 9, 29),
        ],
    );
    let got: Vec<_> = visits(&r, date(2025, 11, 10))
        .into_iter()
        .map(|c| (c.1, c.2, c.3))
        .collect();
    let reg19 = "LAC-VISIT-REG19";
    assert_eq!(
        got,
        vec![
            (reg19, date(2025, 9, 8), ClockState::MetOnTime),
            (reg19, date(2025, 9, 15), ClockState::MetOnTime),
            (reg19, date(2025, 9, 22), ClockState::MetOnTime),
            (reg19, date(2025, 11, 3), ClockState::MetOnTime),
            (reg19, date(2025, 11, 10), SOON),
        ]
    );
    // Without reg 19 the care order alone sets the visits: a week, then six weeks
    // (8 September + 6 weeks = 20 October).
    r.placement_details.clear();
    let got = visits(&r, date(2025, 11, 10));
    assert_eq!((got[0].1, got[0].2), (ORDER, date(2025, 9, 8)));
    assert_eq!((got[1].1, got[1].2), (ORDER, date(2025, 10, 20)));
}

#[test]
fn a_temporarily_approved_relative_four_weekly_for_24_weeks_then_as_any_placement() {
    // With a relative approved temporarily (reg 24) from Monday 1 September 2025, first
    // review 29 September: weekly 8, 15, 22 September, then four-weekly 20 October, 17
    // November, 15 December, 12 January, 9 February 2026 (all met on the day). On 9
    // February the temporary approval (at most 16 + 8 weeks: to 16 February) still
    // applies, so the next is due four weeks on, 9 March. After that the ordinary
    // reg 28(2) interval applies in the placement's first year: six weeks, 20 April.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 9, 1), None);
    episode_as(&mut r, "E1", "PC1", date(2025, 9, 1), "S", "U3", "C1");
    details(&mut r, "PD1", "E1").temporary_approval_reg24 = true;
    review(&mut r, "LR1", "PC1", date(2025, 9, 29));
    let mut days = vec![date(2025, 9, 8), date(2025, 9, 15), date(2025, 9, 22)];
    let mut d = date(2025, 9, 22);
    for _ in 0..6 {
        d = d.checked_add(jiff::Span::new().days(28)).unwrap();
        days.push(d);
    }
    assert_eq!(days[8], date(2026, 3, 9));
    seen(&mut r, &days);
    let got = visits(&r, date(2026, 3, 10));
    assert!(
        got[..9]
            .iter()
            .all(|c| c.1 == ICO && c.3 == ClockState::MetOnTime)
    );
    assert_eq!(got[7].2, date(2026, 2, 9));
    assert_eq!(got[8].2, date(2026, 3, 9));
    assert_eq!(
        got[9],
        (
            "E1".to_owned(),
            "LAC-VISIT",
            date(2026, 4, 20),
            ClockState::NotYetDue { days_left: 41 }
        )
    );
}

#[test]
fn a_new_placement_restarts_the_first_visit_and_a_legal_change_does_not() {
    // At home under an interim order from 1 September 2025, seen 8 September; moved to
    // foster carers on Wednesday 10 September (RNE P), before the next weekly visit fell
    // due on the 15th: that clock never applied. The foster placement's first visit is
    // due a week after the move, 17 September (seen then); the interim order gives way
    // to a care order on 1 October (RNE L), which away from home changes nothing: the
    // next visit is due six weeks after the 17th, 29 October, three days overdue on 1
    // November.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 9, 1), None);
    episode_as(&mut r, "E1", "PC1", date(2025, 9, 1), "S", "P1", "C1");
    episode_as(&mut r, "E2", "PC1", date(2025, 9, 10), "P", "U6", "C1");
    episode_as(&mut r, "E3", "PC1", date(2025, 10, 1), "L", "U6", "C2");
    seen(&mut r, &[date(2025, 9, 8), date(2025, 9, 17)]);
    assert_eq!(
        visits(&r, date(2025, 11, 1)),
        vec![
            (
                "E1".to_owned(),
                ICO,
                date(2025, 9, 8),
                ClockState::MetOnTime
            ),
            (
                "E2".to_owned(),
                "LAC-VISIT",
                date(2025, 9, 17),
                ClockState::MetOnTime
            ),
            (
                "E2".to_owned(),
                "LAC-VISIT",
                date(2025, 10, 29),
                ClockState::Overdue { days_over: 3 }
            ),
        ]
    );
}

#[test]
fn care_plan_within_10_working_days_of_each_period_of_care() {
    // In care from Thursday 17 April 2025: ten working days skipping Good Friday (18),
    // Easter Monday (21) and the early May bank holiday (5 May) end on Tuesday 6 May.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 4, 17), Some(date(2025, 11, 1)));
    let plan = |r: &mut ChildRecord, n: &str, period: &str, on: Date| {
        r.care_plans.push(crate::looked_after::CarePlan {
            id: id(n),
            child_id: r.child.id.clone(),
            period_id: id(period),
            start_date: on,
            end_date: None,
            intention: CarePlanIntention::ALL[0],
        });
    };
    plan(&mut r, "CP1", "PC1", date(2025, 5, 6));
    // A later plan for the same period does not matter: the first one counts.
    plan(&mut r, "CP2", "PC1", date(2025, 9, 1));
    let rule = "CARE-PLAN-10WD";
    assert_eq!(
        only(&r, date(2025, 6, 1), rule),
        vec![(1, date(2025, 5, 6), ClockState::MetOnTime)]
    );
    r.care_plans[0].start_date = date(2025, 5, 7);
    assert_eq!(
        only(&r, date(2025, 6, 1), rule)[0].2,
        ClockState::MetLate { days_late: 1 }
    );
    // In care again from Monday 22 December 2025: ten working days over Christmas,
    // Boxing Day and New Year's Day end on Thursday 8 January 2026.
    period(&mut r, "PC2", date(2025, 12, 22), None);
    assert_eq!(
        only(&r, date(2026, 1, 9), rule)[1],
        (1, date(2026, 1, 8), ClockState::Overdue { days_over: 1 })
    );
    // A period that ended before its plan fell due has no clock; one that ended after,
    // with no plan, missed it.
    r.care_plans.clear();
    r.periods_of_care.pop();
    r.periods_of_care[0].end_date = Some(date(2025, 5, 2));
    assert!(only(&r, date(2025, 6, 1), rule).is_empty());
    r.periods_of_care[0].end_date = Some(date(2025, 5, 9));
    assert_eq!(
        only(&r, date(2025, 6, 1), rule)[0].2,
        ClockState::Missed { days_over: 3 }
    );
}

#[test]
fn placement_plan_and_notification_within_5_working_days_of_each_placement() {
    // Placed Friday 22 August 2025: five working days skipping the late summer bank
    // holiday (Monday 25 August) end on Monday 1 September. The plan was agreed before
    // the placement (on time); the notification went on 2 September, a day late.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 8, 22), None);
    episode(&mut r, "E1", "PC1", date(2025, 8, 22), "S", "U6");
    let d = details(&mut r, "PD1", "E1");
    d.placement_plan_date = Some(date(2025, 8, 20));
    d.notification_date = Some(date(2025, 9, 2));
    // A legal status change (RNE L) is not a placement: no plan or notification due.
    episode(&mut r, "E2", "PC1", date(2025, 10, 1), "L", "U6");
    // Moved on Wednesday 24 December: five working days over Christmas, Boxing Day and
    // New Year's Day end on Monday 5 January 2026; nothing recorded by the 6th.
    episode(&mut r, "E3", "PC1", date(2025, 12, 24), "P", "K2");
    let today = date(2026, 1, 6);
    assert_eq!(
        only(&r, today, "PLACEMENT-PLAN-5WD"),
        vec![
            (1, date(2025, 9, 1), ClockState::MetOnTime),
            (1, date(2026, 1, 5), ClockState::Overdue { days_over: 1 }),
        ]
    );
    assert_eq!(
        only(&r, today, "PLACEMENT-NOTIFICATION-5WD"),
        vec![
            (1, date(2025, 9, 1), ClockState::MetLate { days_late: 1 }),
            (1, date(2026, 1, 5), ClockState::Overdue { days_over: 1 }),
        ]
    );
    // On the last day it is on time.
    r.placement_details[0].notification_date = Some(date(2025, 9, 1));
    assert_eq!(
        only(&r, today, "PLACEMENT-NOTIFICATION-5WD")[0].2,
        ClockState::MetOnTime
    );
    // A placement that ended (the child moved again) before its plan fell due: no clock.
    episode(&mut r, "E4", "PC1", date(2025, 12, 29), "P", "U6");
    let plans = only(&r, today, "PLACEMENT-PLAN-5WD");
    assert_eq!(plans.len(), 2);
    assert_eq!(plans[1].1, date(2026, 1, 6), "E4: 29 December + 5 WD");
}

#[test]
fn placement_details_are_checked_against_their_placement() {
    let mut r = child();
    period(&mut r, "PC1", date(2025, 9, 1), None);
    episode(&mut r, "E1", "PC1", date(2025, 9, 1), "S", "U6");
    episode(&mut r, "E2", "PC1", date(2025, 10, 1), "L", "U6");
    details(&mut r, "PD1", "E1");
    assert_eq!(r.validate(), Ok(()));
    let problem = |r: &ChildRecord| {
        let e = r.validate().unwrap_err();
        (e.record, e.id, e.field)
    };
    let pd1 = || "PD1".to_owned();
    r.placement_details[0].temporary_approval_reg24 = true;
    assert_eq!(
        problem(&r),
        ("placement details", pd1(), "temporary_approval_reg24")
    );
    r.placement_details[0].temporary_approval_reg24 = false;
    r.placement_details[0].placed_before_assessment_reg19 = true;
    assert_eq!(
        problem(&r),
        ("placement details", pd1(), "placed_before_assessment_reg19")
    );
    r.placement_details[0].placed_before_assessment_reg19 = false;
    r.placement_details[0].care_episode_id = id("E2");
    assert_eq!(problem(&r), ("placement details", pd1(), "care_episode_id"));
    r.placement_details[0].care_episode_id = id("E9");
    assert_eq!(problem(&r), ("placement details", pd1(), "care_episode_id"));
    r.placement_details[0].care_episode_id = id("E1");
    details(&mut r, "PD2", "E1");
    assert_eq!(problem(&r).2, "care_episode_id");
}
