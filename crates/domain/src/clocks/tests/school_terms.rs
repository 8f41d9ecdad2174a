//! Personal education plans: the first within 20 working days, then one per term.
//! Terms: 1 September-31 December, 1 January-31 March, 1 April-31 July.

use super::*;
use crate::clocks::school::{Term, compulsory_school_age};

fn pep(r: &mut ChildRecord, on: Date) {
    let n = format!("PEP{}", r.peps.len() + 1);
    r.peps.push(crate::health::PersonalEducationPlan {
        id: id(&n),
        child_id: r.child.id.clone(),
        date: on,
    });
}

fn term(first: Date, last: Date) -> Term {
    Term { first, last }
}

#[test]
fn initial_pep_then_one_in_every_term_met_only_within_the_term() {
    // Born 1 January 2015 (ten), in care from Monday 1 September 2025: the first PEP
    // is due 20 working days on, Monday 29 September, and held that day. Looked after
    // on the first day of the autumn term, so that term needs a PEP too: the same one
    // counts. Spring: a PEP on 31 March, the term's last day, is on time. Summer: none;
    // due today on 31 July, missed on 1 August; one on 3 August (the holiday) does not
    // count for the summer term.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 9, 1), None);
    pep(&mut r, date(2025, 9, 29));
    pep(&mut r, date(2026, 3, 31));
    assert_eq!(
        only(&r, date(2026, 7, 31), "PEP-INITIAL-20WD"),
        vec![(1, date(2025, 9, 29), ClockState::MetOnTime)]
    );
    assert_eq!(
        only(&r, date(2026, 7, 31), "PEP-TERMLY"),
        vec![
            (1, date(2025, 12, 31), ClockState::MetOnTime),
            (2, date(2026, 3, 31), ClockState::MetOnTime),
            (3, date(2026, 7, 31), SOON),
        ]
    );
    pep(&mut r, date(2026, 8, 3));
    assert_eq!(
        only(&r, date(2026, 8, 4), "PEP-TERMLY")[2],
        (3, date(2026, 7, 31), ClockState::Missed { days_over: 1 })
    );
    // August is outside term: the autumn term's clock starts on 1 September.
    assert_eq!(only(&r, date(2026, 8, 31), "PEP-TERMLY").len(), 3);
    assert_eq!(
        only(&r, date(2026, 9, 1), "PEP-TERMLY")[3],
        (
            4,
            date(2026, 12, 31),
            ClockState::NotYetDue { days_left: 121 }
        )
    );
    // The first PEP a day late.
    r.peps[0].date = date(2025, 9, 30);
    assert_eq!(
        only(&r, date(2026, 7, 31), "PEP-INITIAL-20WD")[0].2,
        ClockState::MetLate { days_late: 1 }
    );
}

#[test]
fn each_period_of_care_has_its_own_peps_and_part_terms_have_none() {
    // In care from Wednesday 1 October 2025 (after the autumn term began: no clock for
    // it) to 20 November: the first PEP was due 29 October and never held: missed.
    // In care again from Monday 5 January 2026: first PEP due 2 February, held 20
    // January. Not looked after on 1 January, so no spring clock; the summer term's
    // clock lapses when the child leaves care on 15 June without one.
    let mut r = child();
    period(&mut r, "PC1", date(2025, 10, 1), Some(date(2025, 11, 20)));
    period(&mut r, "PC2", date(2026, 1, 5), Some(date(2026, 6, 15)));
    pep(&mut r, date(2026, 1, 20));
    let today = date(2026, 8, 1);
    assert_eq!(
        only(&r, today, "PEP-INITIAL-20WD"),
        vec![
            (1, date(2025, 10, 29), ClockState::Missed { days_over: 22 }),
            (1, date(2026, 2, 2), ClockState::MetOnTime),
        ]
    );
    assert!(only(&r, today, "PEP-TERMLY").is_empty());
    // Still in care at the end of the summer term: missed.
    r.periods_of_care[1].end_date = None;
    assert_eq!(
        only(&r, today, "PEP-TERMLY"),
        vec![(1, date(2026, 7, 31), ClockState::Missed { days_over: 1 })]
    );
}

#[test]
fn compulsory_school_age_from_the_term_after_five_to_the_summer_after_sixteen() {
    // Born on leap day 2020: five on 28 February 2025 in jiff's reckoning (1 March in
    // law; either way in the spring term), so compulsory school age starts with the
    // summer term. In care from 1 January 2025: no first PEP, no spring clock.
    let mut r = child();
    r.child.date_of_birth = Some(date(2020, 2, 29));
    period(&mut r, "PC1", date(2025, 1, 1), None);
    assert!(only(&r, date(2025, 4, 2), "PEP-INITIAL-20WD").is_empty());
    assert_eq!(
        only(&r, date(2025, 4, 2), "PEP-TERMLY"),
        vec![(
            1,
            date(2025, 7, 31),
            ClockState::NotYetDue { days_left: 120 }
        )]
    );
    let autumn25 = term(date(2025, 9, 1), date(2025, 12, 31));
    let spring26 = term(date(2026, 1, 1), date(2026, 3, 31));
    let summer25 = term(date(2025, 4, 1), date(2025, 7, 31));
    let summer26 = term(date(2026, 4, 1), date(2026, 7, 31));
    let autumn26 = term(date(2026, 9, 1), date(2026, 12, 31));
    // Five on 31 August (the prescribed day): from the autumn term. Five on 1
    // September: from the spring term.
    assert!(compulsory_school_age(date(2020, 8, 31), autumn25));
    assert!(!compulsory_school_age(date(2020, 9, 1), autumn25));
    assert!(compulsory_school_age(date(2020, 9, 1), spring26));
    // Sixteen on 1 September 2025: the last term is summer 2026. Sixteen on 31 August
    // 2025: the school year ended, summer 2025 was the last.
    assert!(compulsory_school_age(date(2009, 9, 1), summer26));
    assert!(!compulsory_school_age(date(2009, 9, 1), autumn26));
    assert!(compulsory_school_age(date(2009, 8, 31), summer25));
    assert!(!compulsory_school_age(date(2009, 8, 31), autumn25));
}
