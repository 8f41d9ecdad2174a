//! The care-leaver indicators on hand-made records, as at 31 March 2025 (window 1
//! April 2024 to 31 March 2025). Expected values are worked out in the comments.
#![allow(clippy::unwrap_used)]

use jiff::civil::{Date, date};

use super::*;
use crate::care_leaver::{CareLeaver, CareLeaverContact, PathwayPlanReview};
use crate::codes::{
    AllocationRole, CareLeaverAccommodation, CareLeaverActivity, CareLeaverEligibility,
    CareLeaverInTouch,
};
use crate::indicators::test_support::{measure_in, records_of, rid, who};
use crate::indicators::{Indicator, Measure, Window};
use crate::workforce::Allocation;
use crate::{ChildRecord, TeamId, WorkerId};

const WINDOW: Window = Window {
    from: date(2024, 4, 1),
    to: date(2025, 3, 31),
};

fn measure(ind: &Indicator, records: &[ChildRecord]) -> Measure {
    measure_in(ind, records, WINDOW, 10_000)
}

/// A young person born on `born` with leaving-care entitlement from `from` to `end`.
fn leaver(n: &str, born: Date, from: Date, end: Option<Date>) -> ChildRecord {
    let mut r = ChildRecord::new(crate::person::example_child(n, Some(born)));
    r.care_leaver.push(CareLeaver {
        id: rid(&r, "CL"),
        child_id: r.child.id.clone(),
        eligibility: CareLeaverEligibility::FormerRelevant,
        eligible_from: from,
        personal_adviser_id: None,
        end_date: end,
        needs_assessment_date: None,
    });
    r
}

/// Entitled since 2022, still open.
fn open(n: &str, born: Date) -> ChildRecord {
    leaver(n, born, date(2022, 1, 1), None)
}

/// A contact: in touch (903 code), activity (903 code), accommodation (letter and
/// whether suitable).
fn contact(
    r: &mut ChildRecord,
    n: &str,
    on: Date,
    in_touch: &str,
    activity: Option<&str>,
    accommodation: Option<(&str, bool)>,
) {
    r.care_leaver_contacts.push(CareLeaverContact {
        id: rid(r, n),
        child_id: r.child.id.clone(),
        date: on,
        in_touch: CareLeaverInTouch::from_code(in_touch).unwrap(),
        activity: activity.map(|a| CareLeaverActivity::from_code(a).unwrap()),
        accommodation: accommodation.map(|a| CareLeaverAccommodation::from_code(a.0).unwrap()),
        accommodation_suitable: accommodation.map(|a| a.1),
    });
}

#[test]
fn the_area_lists_every_indicator_once_with_its_definition() {
    let ids: Vec<&str> = INDICATORS.iter().map(|i| i.id).collect();
    assert_eq!(
        ids,
        [
            "CL-IN-TOUCH",
            "CL-SUITABLE-ACCOMMODATION",
            "CL-EET",
            "CL-HAS-PA",
            "CL-PATHWAY-PLAN-IN-DATE",
        ]
    );
    for i in INDICATORS {
        assert_eq!(i.area, Area::CareLeavers);
        assert!(!i.title.is_empty() && !i.definition.is_empty() && !i.source.is_empty());
    }
    assert_eq!(
        crate::indicators::england("CL-SUITABLE-ACCOMMODATION")
            .unwrap()
            .value,
        85.0
    );
}

#[test]
fn in_touch_reads_the_latest_contact_in_the_window_for_17_to_21_year_olds() {
    // A turns 17 on the last day; the later contact says in touch: counted.
    let mut a = open("A", date(2008, 3, 31));
    contact(&mut a, "K1", date(2024, 5, 1), "NO", None, None);
    contact(&mut a, "K2", date(2025, 3, 31), "YES", None, None);
    // B is 21 (22 tomorrow); in touch on the first day, then refused: not counted.
    let mut b = open("B", date(2003, 4, 1));
    contact(&mut b, "K1", date(2024, 4, 1), "YES", None, None);
    contact(&mut b, "K2", date(2024, 12, 1), "REFU", None, None);
    // C is 22 on the day and D is 16 (17 tomorrow): not in the age range.
    let mut c = open("C", date(2003, 3, 31));
    contact(&mut c, "K1", date(2024, 6, 1), "YES", None, None);
    let mut d = open("D", date(2008, 4, 1));
    contact(&mut d, "K1", date(2024, 6, 1), "YES", None, None);
    // E (19): contacts only the day before and the day after the window: no contact
    // in it, so not known to be in touch.
    let mut e = open("E", date(2006, 1, 1));
    contact(&mut e, "K1", date(2024, 3, 31), "YES", None, None);
    contact(&mut e, "K2", date(2025, 4, 1), "YES", None, None);
    // F (19): entitlement ended the day before the last day: not counted.
    let mut f = leaver(
        "F",
        date(2006, 1, 1),
        date(2022, 1, 1),
        Some(date(2025, 3, 30)),
    );
    contact(&mut f, "K1", date(2024, 6, 1), "YES", None, None);
    // G (20): in touch.
    let mut g = open("G", date(2005, 1, 1));
    contact(&mut g, "K1", date(2024, 6, 1), "YES", None, None);
    let records = [a, b, c, d, e, f, g];

    let m = measure(&IN_TOUCH, &records);
    assert_eq!(who(&m.denominator), ["A", "B", "E", "G"]);
    assert_eq!(records_of(&m.numerator), ["A-K2", "G-K1"]);
    assert_eq!(m.denominator[2].detail, "aged 19: no contact in the window");
    // 2 of 4.
    assert_eq!(m.value(), Some(50.0));
}

#[test]
fn suitable_accommodation_counts_19_to_21_year_olds_not_known_as_not_suitable() {
    // A turns 19 on the last day; latest contact: own tenancy, suitable.
    let mut a = open("A", date(2006, 3, 31));
    contact(
        &mut a,
        "K1",
        date(2024, 9, 1),
        "YES",
        None,
        Some(("U", true)),
    );
    // B is 18 (19 tomorrow): not counted.
    let mut b = open("B", date(2006, 4, 1));
    contact(
        &mut b,
        "K1",
        date(2024, 9, 1),
        "YES",
        None,
        Some(("U", true)),
    );
    // C (21): suitable earlier, then bed and breakfast (unsuitable): not counted.
    let mut c = open("C", date(2003, 6, 1));
    contact(
        &mut c,
        "K1",
        date(2024, 5, 1),
        "YES",
        None,
        Some(("U", true)),
    );
    contact(
        &mut c,
        "K2",
        date(2025, 2, 1),
        "YES",
        None,
        Some(("W", false)),
    );
    // D (20): no contact in the window: in the denominator, not known to be suitable.
    let d = open("D", date(2005, 1, 1));
    // E (20): the latest contact records no accommodation, though an earlier one did.
    let mut e = open("E", date(2005, 1, 1));
    contact(
        &mut e,
        "K1",
        date(2024, 5, 1),
        "YES",
        None,
        Some(("Z", true)),
    );
    contact(&mut e, "K2", date(2025, 1, 1), "NO", None, None);
    let records = [a, b, c, d, e];

    let m = measure(&SUITABLE_ACCOMMODATION, &records);
    assert_eq!(who(&m.denominator), ["A", "C", "D", "E"]);
    assert_eq!(records_of(&m.numerator), ["A-K1"]);
    // 1 of 4.
    assert_eq!(m.value(), Some(25.0));
}

#[test]
fn eet_counts_any_education_employment_or_training_and_no_neet_code() {
    let mut records = Vec::new();
    for (n, born, activity) in [
        // 19, training or employment full time: counted.
        ("A", date(2006, 3, 31), Some("F5")),
        // 20, NEET because of pregnancy or parenting: not counted.
        ("B", date(2005, 1, 1), Some("G6")),
        // 21, higher education part time: counted.
        ("C", date(2003, 6, 1), Some("P1")),
        // 20, activity not recorded: not known.
        ("D", date(2005, 1, 1), None),
        // 22: not in the age range.
        ("E", date(2003, 3, 31), Some("F1")),
    ] {
        let mut r = open(n, born);
        contact(&mut r, "K1", date(2024, 10, 1), "YES", activity, None);
        records.push(r);
    }
    // F (20): in education before the window only: in the denominator.
    let mut f = open("F", date(2005, 1, 1));
    contact(&mut f, "K1", date(2024, 3, 31), "YES", Some("F2"), None);
    records.push(f);

    let m = measure(&EET, &records);
    assert_eq!(who(&m.denominator), ["A", "B", "C", "D", "F"]);
    assert_eq!(who(&m.numerator), ["A", "C"]);
    // 2 of 5.
    assert_eq!(m.value(), Some(40.0));
}

fn pa_allocation(r: &mut ChildRecord, worker: Option<&str>, end: Option<Date>) {
    r.allocations.push(Allocation {
        id: rid(r, "AL"),
        child_id: r.child.id.clone(),
        worker_id: worker.map(|w| WorkerId::parse(w).unwrap()),
        team_id: TeamId::parse("T-LC").unwrap(),
        role: AllocationRole::PersonalAdviser,
        start_date: date(2023, 1, 1),
        end_date: end,
        change_reason: None,
    });
}

#[test]
fn a_personal_adviser_is_named_on_the_record_or_allocated_to_a_named_worker() {
    let born = date(2005, 1, 1);
    // A: named on the leaving-care record.
    let mut a = open("A", born);
    a.care_leaver[0].personal_adviser_id = Some(WorkerId::parse("W1").unwrap());
    // B: an open allocation to a named adviser.
    let mut b = open("B", born);
    pa_allocation(&mut b, Some("W2"), None);
    // C: held on duty by the team, no named adviser: not counted.
    let mut c = open("C", born);
    pa_allocation(&mut c, None, None);
    // D: the allocation ended the day before the last day.
    let mut d = open("D", born);
    pa_allocation(&mut d, Some("W3"), Some(date(2025, 3, 30)));
    // E: entitlement ended; F: entitled only from the day after: neither counted.
    let e = leaver("E", born, date(2022, 1, 1), Some(date(2025, 1, 1)));
    let f = leaver("F", born, date(2025, 4, 1), None);
    let records = [a, b, c, d, e, f];

    let m = measure(&HAS_PA, &records);
    assert_eq!(who(&m.denominator), ["A", "B", "C", "D"]);
    assert_eq!(records_of(&m.numerator), ["A-CL", "B-AL"]);
    // The adviser's team is responsible for B (and so for C, held on duty there).
    assert_eq!(m.numerator[1].team_id, Some(TeamId::parse("T-LC").unwrap()));
    // 2 of 4.
    assert_eq!(m.value(), Some(50.0));
}

fn pathway_review(r: &mut ChildRecord, n: &str, on: Date) {
    r.pathway_plan_reviews.push(PathwayPlanReview {
        id: rid(r, n),
        child_id: r.child.id.clone(),
        date: on,
    });
}

#[test]
fn pathway_plans_are_in_date_within_6_months_for_those_entitled_6_months() {
    let born = date(2005, 1, 1);
    // 6 months before 31 March 2025 is 30 September 2024.
    // A: entitled exactly 6 months; reviewed 1 October 2024, next due 1 April 2025:
    // in date.
    let mut a = leaver("A", born, date(2024, 9, 30), None);
    pathway_review(&mut a, "PR1", date(2024, 10, 1));
    // B: entitled a day short of 6 months: not counted.
    let mut b = leaver("B", born, date(2024, 10, 1), None);
    pathway_review(&mut b, "PR1", date(2024, 10, 1));
    // C: reviewed 30 September 2024, next due 30 March 2025: overdue. A review the
    // day after the window does not count.
    let mut c = open("C", born);
    pathway_review(&mut c, "PR1", date(2024, 9, 30));
    pathway_review(&mut c, "PR2", date(2025, 4, 1));
    // D: reviewed on the last day.
    let mut d = open("D", born);
    pathway_review(&mut d, "PR1", date(2025, 3, 31));
    // E: never reviewed.
    let e = open("E", born);
    let records = [a, b, c, d, e];

    let m = measure(&PATHWAY_PLAN_IN_DATE, &records);
    assert_eq!(who(&m.denominator), ["A", "C", "D", "E"]);
    assert_eq!(records_of(&m.numerator), ["A-PR1", "D-PR1"]);
    // 2 of 4.
    assert_eq!(m.value(), Some(50.0));

    // 31 March is never exactly 6 months after a day (30 September + 6 months is
    // 30 March), so the boundaries are tested a day later, on 1 April 2025: 6 months
    // before is 1 October 2024, so B is now entitled 6 months, and A's and B's
    // reviews of 1 October 2024 are exactly 6 months old: in date. C's review of
    // 1 April 2025 is now on or before the last day and counts; D is in date, E is
    // not: 4 of 5.
    let m = measure_in(
        &PATHWAY_PLAN_IN_DATE,
        &records,
        Window::year_to(date(2025, 4, 1)),
        10_000,
    );
    assert_eq!(who(&m.denominator), ["A", "B", "C", "D", "E"]);
    assert_eq!(
        records_of(&m.numerator),
        ["A-PR1", "B-PR1", "C-PR2", "D-PR1"]
    );
    assert_eq!(m.value(), Some(80.0));
    // A day later, A's and B's reviews are out of date.
    let m = measure_in(
        &PATHWAY_PLAN_IN_DATE,
        &records,
        Window::year_to(date(2025, 4, 2)),
        10_000,
    );
    assert_eq!(records_of(&m.numerator), ["C-PR2", "D-PR1"]);
}

#[test]
fn nobody_to_count_gives_no_value() {
    // A young person whose entitlement ended before the last day.
    let records = [leaver(
        "N",
        date(2005, 1, 1),
        date(2022, 1, 1),
        Some(date(2024, 1, 1)),
    )];
    for ind in INDICATORS {
        let m = measure(ind, &records);
        assert!(
            m.numerator.is_empty() && m.denominator.is_empty(),
            "{}",
            ind.id
        );
        assert_eq!(m.value(), None, "{}", ind.id);
    }
}
