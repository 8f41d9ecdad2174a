//! The help and protection indicators on small hand-made records. Every expected
//! figure is worked out by hand in the comments (weekdays and bank holidays checked
//! against a calendar: in April 2025, Good Friday is 18 April and Easter Monday 21
//! April; the early May bank holiday is Monday 5 May 2025).
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use jiff::civil::{Date, date};

use super::*;
use crate::assessment::Assessment;
use crate::calendar::WorkingDayCalendar;
use crate::child_protection::{ChildProtectionConference, ChildProtectionPlan};
use crate::codes::{
    AllocationRole, AssessmentOutcome, CategoryOfAbuse, ConferenceKind, ContactOutcome,
    ReasonForClosure, ReferralSource, Section47Outcome, VisitKind,
};
use crate::front_door::Contact;
use crate::indicators::test_support::{assert_close, measure_in};
use crate::indicators::{ValueKind, Window, by_id};
use crate::referral::Referral;
use crate::section_47::Section47Enquiry;
use crate::visit::Visit;
use crate::workforce::Allocation;
use crate::{RecordId, TeamId};

/// April 2025: Tuesday 1 to Wednesday 30, Easter inside it.
const APRIL: Window = Window {
    from: date(2025, 4, 1),
    to: date(2025, 4, 30),
};

fn id(s: &str) -> RecordId {
    RecordId::parse(s).unwrap()
}

fn child(n: &str) -> ChildRecord {
    ChildRecord::new(crate::person::example_child(n, Some(date(2015, 1, 1))))
}

fn child_born(n: &str, born: Option<Date>) -> ChildRecord {
    ChildRecord::new(crate::person::example_child(n, born))
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// Midday UTC: the same calendar day in England, summer or winter.
fn noon(d: Date) -> Timestamp {
    at(&format!("{d}T12:00:00Z"))
}

fn run(ind: &Indicator, records: &[ChildRecord], window: Window) -> Measure {
    measure_in(ind, records, window, 10_000)
}

/// The record ids of `items`, sorted, for comparing as sets.
fn ids(items: &[Item]) -> Vec<&str> {
    let mut v: Vec<&str> = items
        .iter()
        .map(|i| i.record_id.as_ref().unwrap().as_str())
        .collect();
    v.sort_unstable();
    v
}

/// Each non-empty band's label and record ids.
fn occupied(m: &Measure) -> Vec<(&str, Vec<&str>)> {
    bands(m)
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .collect()
}

/// Each band's label and record ids.
fn bands(m: &Measure) -> Vec<(&str, Vec<&str>)> {
    m.bands
        .iter()
        .map(|b| (b.label.as_str(), ids(&b.items)))
        .collect()
}

fn contact(r: &mut ChildRecord, n: &str, received: Timestamp, decided: Option<Timestamp>) {
    r.contacts.push(Contact {
        id: id(n),
        child_id: r.child.id.clone(),
        received_at: received,
        source: ReferralSource::from_code("6").unwrap(),
        outcome: decided.map(|_| ContactOutcome::NewReferral),
        decided_at: decided,
        rag: None,
        summary: String::new(),
    });
}

fn referral<'r>(r: &'r mut ChildRecord, n: &str, on: Date) -> &'r mut Referral {
    let made = crate::referral::example_referral(&r.child.id, n, on);
    r.referrals.push(made);
    r.referrals.last_mut().unwrap()
}

fn closed(r: &mut ChildRecord, n: &str, from: Date, to: Date, reason: Option<&str>) {
    let x = referral(r, n, from);
    x.closure_date = Some(to);
    x.closure_reason = reason.map(|c| ReasonForClosure::from_code(c).unwrap());
}

fn assessment(r: &mut ChildRecord, n: &str, start: Date, authorised: Option<Date>) {
    r.assessments.push(Assessment {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        start_date: start,
        child_seen_date: None,
        authorised_date: authorised,
        factors: vec![],
        outcome: authorised.map(|_| AssessmentOutcome::ChildInNeedPlan),
        team_id: None,
        worker_id: None,
    });
}

fn enquiry(
    r: &mut ChildRecord,
    n: &str,
    start: Date,
    end: Option<Date>,
    outcome: Option<Section47Outcome>,
) {
    r.section_47_enquiries.push(Section47Enquiry {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        strategy_discussion_id: None,
        start_date: start,
        end_date: end,
        outcome,
        worker_id: None,
    });
}

fn conference<'r>(
    r: &'r mut ChildRecord,
    n: &str,
    kind: ConferenceKind,
    on: Date,
    enquiry: Option<&str>,
    plan: Option<&str>,
) -> &'r mut ChildProtectionConference {
    r.conferences.push(ChildProtectionConference {
        id: id(n),
        child_id: r.child.id.clone(),
        referral_id: id("R1"),
        kind,
        section_47_id: enquiry.map(id),
        cp_plan_id: plan.map(id),
        date: on,
        child_protection_plan: true,
        transfer_in: false,
        participation: None,
    });
    r.conferences.last_mut().unwrap()
}

fn plan<'r>(
    r: &'r mut ChildRecord,
    n: &str,
    start: Date,
    end: Option<Date>,
) -> &'r mut ChildProtectionPlan {
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
    r.cp_plans.last_mut().unwrap()
}

fn visit(r: &mut ChildRecord, n: &str, kind: VisitKind, on: Date, seen: bool, alone: bool) {
    r.visits.push(Visit {
        id: id(n),
        child_id: r.child.id.clone(),
        kind,
        date: on,
        seen,
        seen_alone: alone,
        bedroom_seen: false,
        childs_words: None,
        worker_id: None,
    });
}

/// A child protection visit at which the child was not seen.
fn unseen(r: &mut ChildRecord, n: &str, on: Date) {
    visit(r, n, VisitKind::ChildProtection, on, false, false);
}

/// A child protection visit at which the child was seen.
fn seen(r: &mut ChildRecord, n: &str, on: Date, alone: bool) {
    visit(r, n, VisitKind::ChildProtection, on, true, alone);
}

#[test]
fn ids_are_the_agreed_ones_and_the_comparators_find_them() {
    let got: Vec<&str> = INDICATORS.iter().map(|i| i.id).collect();
    assert_eq!(
        got,
        [
            "HP-CONTACTS-RATE",
            "HP-REFERRALS-RATE",
            "HP-CONTACT-DECIDED-1WD",
            "HP-RE-REFERRALS",
            "HP-REFERRALS-NFA",
            "HP-ASSESSMENTS-45WD",
            "HP-S47-TO-ICPC",
            "HP-ICPC-15WD",
            "HP-CP-STARTED",
            "HP-CP-ENDED",
            "HP-CP-SECOND",
            "HP-CP-2-YEARS",
            "HP-CP-SEEN-6-WEEKS",
            "HP-CP-SEEN-ALONE",
            "HP-CP-REVIEWS-ON-TIME",
            "HP-CIN-DURATION",
            "HP-CIN-CLOSURE-REASONS",
        ]
    );
    for i in INDICATORS {
        assert_eq!(i.area, Area::HelpAndProtection);
        assert!(!i.definition.is_empty() && !i.source.is_empty() && !i.title.is_empty());
        assert_eq!(by_id(i.id).map(|f| f.id), Some(i.id));
    }
    for shipped in [
        "HP-RE-REFERRALS",
        "HP-REFERRALS-NFA",
        "HP-ASSESSMENTS-45WD",
        "HP-ICPC-15WD",
        "HP-CP-2-YEARS",
    ] {
        assert!(crate::indicators::england(shipped).is_some(), "{shipped}");
        assert!(by_id(shipped).is_some(), "{shipped}");
    }
}

#[test]
fn every_indicator_is_no_data_or_zero_on_no_records() {
    for i in INDICATORS {
        let m = run(i, &[], APRIL);
        assert!(
            m.numerator.is_empty() && m.denominator.is_empty(),
            "{}",
            i.id
        );
        match m.kind {
            // Counts and rates of nothing are zero; shares and medians of nothing are
            // "no data", never zero.
            ValueKind::Count | ValueKind::PerTenThousand => assert_eq!(m.value(), Some(0.0)),
            _ => assert_eq!(m.value(), None, "{}", i.id),
        }
    }
}

#[test]
fn contacts_rate_counts_contacts_by_the_english_day_of_receipt() {
    let mut a = child("C1");
    contact(&mut a, "K0", noon(date(2025, 3, 31)), None); // day before: out
    contact(&mut a, "K1", noon(date(2025, 4, 1)), None); // first day: in
    // 23:30 UTC on 31 March is 00:30 BST on 1 April (summer time began 30 March): in.
    contact(&mut a, "K2", at("2025-03-31T23:30:00Z"), None);
    let mut b = child("C2");
    contact(&mut b, "K3", noon(date(2025, 4, 30)), None); // last day: in
    // 23:30 UTC on 30 April is 00:30 BST on 1 May: out.
    contact(&mut b, "K4", at("2025-04-30T23:30:00Z"), None);
    contact(&mut b, "K5", noon(date(2025, 5, 1)), None); // day after: out
    let records = [a, b];

    let m = run(&CONTACTS_RATE, &records, APRIL);
    assert_eq!(ids(&m.numerator), ["K1", "K2", "K3"]);
    // The item is dated by the English day: K2 belongs to 1 April.
    let k2 = m
        .numerator
        .iter()
        .find(|i| i.record_id == Some(id("K2")))
        .unwrap();
    assert_eq!(k2.child_id.as_ref().unwrap().as_str(), "C1");
    assert_eq!(k2.date, date(2025, 4, 1));
    // 3 contacts among 10,000 children = 3 per 10,000; among 20,000, 1.5.
    assert_close(m.value(), 3.0);
    assert_close(
        measure_in(&CONTACTS_RATE, &records, APRIL, 20_000).value(),
        1.5,
    );
    // No population, no rate.
    assert_eq!(measure_in(&CONTACTS_RATE, &records, APRIL, 0).value(), None);
}

#[test]
fn referrals_rate_counts_referral_dates_in_the_window() {
    let mut a = child("C1");
    referral(&mut a, "R0", date(2025, 3, 31)); // day before: out
    referral(&mut a, "R1", date(2025, 4, 1)); // first day: in
    let mut b = child("C2");
    referral(&mut b, "R2", date(2025, 4, 30)); // last day: in
    referral(&mut b, "R3", date(2025, 5, 1)); // day after: out
    let records = [a, b];
    let m = measure_in(&REFERRALS_RATE, &records, APRIL, 4_000);
    assert_eq!(ids(&m.numerator), ["R1", "R2"]);
    // 2 referrals × 10,000 / 4,000 children = 5 per 10,000.
    assert_close(m.value(), 5.0);
}

#[test]
fn contacts_decided_within_one_working_day_skip_weekends_and_easter() {
    let d = |m, day| noon(date(2025, m, day));
    let mut a = child("C1");
    // Thursday 17 April: Good Friday and Easter Monday intervene, so the working day
    // after receipt is Tuesday 22. Decided on 22: within; on 23: not.
    contact(&mut a, "KA", d(4, 17), Some(d(4, 22)));
    contact(&mut a, "KB", d(4, 17), Some(d(4, 23)));
    // Friday 4 April: due Monday 7. Decided Monday 7: within.
    contact(&mut a, "KC", d(4, 4), Some(d(4, 7)));
    // Saturday 26 April: due Monday 28. Decided Monday 28: within.
    contact(&mut a, "KI", d(4, 26), Some(d(4, 28)));
    // Tuesday 1 April, never decided: due Wednesday 2, long past at 30 April: not within.
    contact(&mut a, "KD", d(4, 1), None);
    let mut b = child("C2");
    // Tuesday 29 April, undecided: due Wednesday 30 = the last day, not yet passed: left out.
    contact(&mut b, "KE", d(4, 29), None);
    // Wednesday 30 April, undecided: due Thursday 1 May: left out.
    contact(&mut b, "KF", d(4, 30), None);
    // Wednesday 30 April, decided Thursday 1 May (after the window) on time: within.
    contact(&mut b, "KG", d(4, 30), Some(d(5, 1)));
    // Received Monday 31 March: outside the window whatever its decision.
    contact(&mut b, "KH", d(3, 31), Some(d(4, 1)));
    let m = run(&CONTACT_DECIDED_1WD, &[a, b], APRIL);

    assert_eq!(ids(&m.denominator), ["KA", "KB", "KC", "KD", "KG", "KI"]);
    assert_eq!(ids(&m.numerator), ["KA", "KC", "KG", "KI"]);
    // 4 of 6.
    assert_close(m.value(), 400.0 / 6.0);
    // Working days to decision: KA 1 (Tuesday 22 is the first after Thursday 17), KB 2.
    let value = |n: &str| {
        m.denominator
            .iter()
            .find(|i| i.record_id == Some(id(n)))
            .unwrap()
            .value
    };
    assert_eq!(value("KA"), Some(1.0));
    assert_eq!(value("KB"), Some(2.0));
    assert_eq!(value("KD"), None);

    // Only contacts not yet due: nothing to judge, so no data.
    let mut c = child("C3");
    contact(&mut c, "KX", d(4, 30), None);
    assert_eq!(run(&CONTACT_DECIDED_1WD, &[c], APRIL).value(), None);
}

#[test]
fn re_referrals_are_within_12_months_of_the_previous_referral_inclusive() {
    let mut a = child("C1");
    // 15 April 2024 → 15 April 2025: exactly 12 months, counts.
    referral(&mut a, "A0", date(2024, 4, 15));
    referral(&mut a, "A1", date(2025, 4, 15));
    let mut b = child("C2");
    // 15 April 2024 → 16 April 2025: a day over, does not.
    referral(&mut b, "B0", date(2024, 4, 15));
    referral(&mut b, "B1", date(2025, 4, 16));
    let mut c = child("C3");
    // A first referral (no previous): not a re-referral; a second in the same window
    // 10 days later is.
    referral(&mut c, "C1", date(2025, 4, 10));
    referral(&mut c, "C2", date(2025, 4, 20));
    let mut e = child("C4");
    // On the first day, previous 1 June 2024 (and an older one in 2020): counts. The
    // 2024 one is before the window and still counts as the previous referral.
    referral(&mut e, "E0", date(2020, 1, 1));
    referral(&mut e, "E1", date(2024, 6, 1));
    referral(&mut e, "E2", date(2025, 4, 1));
    // The day before and after the window: out of the count.
    referral(&mut e, "E3", date(2025, 3, 31));
    referral(&mut e, "E4", date(2025, 5, 1));
    let m = run(&RE_REFERRALS, &[a, b, c, e], APRIL);
    assert_eq!(ids(&m.denominator), ["A1", "B1", "C1", "C2", "E2"]);
    assert_eq!(ids(&m.numerator), ["A1", "C2", "E2"]);
    // 3 of 5.
    assert_close(m.value(), 60.0);

    // A previous referral on 29 February 2024 reaches 28 February 2025 (jiff clamps
    // to the month's end): a referral that day counts, one on 1 March does not.
    let mut f = child("C5");
    referral(&mut f, "F0", date(2024, 2, 29));
    referral(&mut f, "F1", date(2025, 2, 28));
    let mut g = child("C6");
    referral(&mut g, "G0", date(2024, 2, 29));
    referral(&mut g, "G1", date(2025, 3, 1));
    let spring = Window {
        from: date(2025, 2, 1),
        to: date(2025, 3, 31),
    };
    let m = run(&RE_REFERRALS, &[f, g], spring);
    assert_eq!(ids(&m.denominator), ["F1", "G1"]);
    assert_eq!(ids(&m.numerator), ["F1"]);
    assert_close(m.value(), 50.0);
}

#[test]
fn referrals_nfa_share_of_referrals_in_the_window() {
    let mut a = child("C1");
    referral(&mut a, "R1", date(2025, 4, 1)).no_further_action = true; // first day: NFA
    referral(&mut a, "R2", date(2025, 4, 30)); // last day: not NFA
    referral(&mut a, "R3", date(2025, 3, 31)).no_further_action = true; // out
    referral(&mut a, "R4", date(2025, 5, 1)).no_further_action = true; // out
    referral(&mut a, "R5", date(2025, 4, 15));
    let m = run(&REFERRALS_NFA, &[a], APRIL);
    assert_eq!(ids(&m.denominator), ["R1", "R2", "R5"]);
    assert_eq!(ids(&m.numerator), ["R1"]);
    // 1 of 3.
    assert_close(m.value(), 100.0 / 3.0);
}

#[test]
fn assessments_count_working_days_from_start_to_authorisation() {
    let mut a = child("C1");
    // Started and authorised Tuesday 1 April (first day): 0 working days.
    assessment(&mut a, "A1", date(2025, 4, 1), Some(date(2025, 4, 1)));
    // Thursday 17 → Tuesday 22 April over Easter: 1 working day.
    assessment(&mut a, "A2", date(2025, 4, 17), Some(date(2025, 4, 22)));
    // Monday 24 February → Wednesday 30 April (last day): 25–28 February 4, March 21,
    // April 22 weekdays less Good Friday and Easter Monday 20: 45. Within.
    assessment(&mut a, "A3", date(2025, 2, 24), Some(date(2025, 4, 30)));
    // From Friday 21 February the same adds Monday 24: 46. Not within.
    assessment(&mut a, "A4", date(2025, 2, 21), Some(date(2025, 4, 30)));
    // Thursday 2 January → 30 April: January 21 (2–31), February 20, March 21, April 20: 82.
    assessment(&mut a, "A8", date(2025, 1, 2), Some(date(2025, 4, 30)));
    // Authorised the day before and after the window, or not at all: out.
    assessment(&mut a, "A5", date(2025, 3, 3), Some(date(2025, 3, 31)));
    assessment(&mut a, "A6", date(2025, 4, 3), Some(date(2025, 5, 1)));
    assessment(&mut a, "A7", date(2025, 4, 3), None);
    let m = run(&ASSESSMENTS_45WD, &[a], APRIL);

    assert_eq!(ids(&m.denominator), ["A1", "A2", "A3", "A4", "A8"]);
    assert_eq!(ids(&m.numerator), ["A1", "A2", "A3"]);
    // 3 of 5.
    assert_close(m.value(), 60.0);
    let values: Vec<f64> = m.denominator.iter().map(|i| i.value.unwrap()).collect();
    assert_eq!(values, [0.0, 1.0, 45.0, 46.0, 82.0]);
    assert_eq!(
        bands(&m),
        [
            ("0 working days", vec!["A1"]),
            ("1–10 working days", vec!["A2"]),
            ("11–20 working days", vec![]),
            ("21–30 working days", vec![]),
            ("31–40 working days", vec![]),
            ("41–45 working days", vec!["A3"]),
            ("46–50 working days", vec!["A4"]),
            ("51–60 working days", vec![]),
            ("61 working days or more", vec!["A8"]),
        ]
    );
}

#[test]
fn s47_enquiries_ending_in_an_initial_conference() {
    use Section47Outcome::{InitialConference as Icpc, NoFurtherAction as Nfa};
    let mut a = child("C1");
    let mut ended = |n: &str, end: Date, outcome| {
        enquiry(&mut a, n, date(2025, 3, 1), Some(end), outcome);
    };
    ended("S1", date(2025, 4, 1), Some(Icpc)); // first day: conference
    ended("S2", date(2025, 4, 30), Some(Nfa)); // last day: no conference
    // Ended with no outcome recorded: counted among enquiries, not as a conference.
    ended("S3", date(2025, 4, 15), None);
    ended("S4", date(2025, 3, 31), Some(Icpc)); // day before: out
    ended("S5", date(2025, 5, 1), Some(Icpc)); // day after: out
    enquiry(&mut a, "S6", date(2025, 3, 1), None, None); // still open: out
    let m = run(&S47_TO_ICPC, &[a], APRIL);
    assert_eq!(ids(&m.denominator), ["S1", "S2", "S3"]);
    assert_eq!(ids(&m.numerator), ["S1"]);
    assert_close(m.value(), 100.0 / 3.0);
}

#[test]
fn initial_conferences_within_15_working_days_of_the_enquiry_start() {
    use ConferenceKind::Initial;
    // Tuesday 1 April to Friday 30 May 2025.
    let window = Window {
        from: date(2025, 4, 1),
        to: date(2025, 5, 30),
    };
    let mut a = child("C1");
    // Enquiry Thursday 10 April. Working days after it: 11 (1), 14–17 (2–5), Easter,
    // 22–25 (6–9), 28–30 (10–12), 1–2 May (13–14), bank holiday 5 May, 6 May (15),
    // 7 May (16).
    enquiry(&mut a, "E1", date(2025, 4, 10), None, None);
    conference(&mut a, "I1", Initial, date(2025, 5, 6), Some("E1"), None); // 15: within
    enquiry(&mut a, "E2", date(2025, 4, 10), None, None);
    conference(&mut a, "I2", Initial, date(2025, 5, 7), Some("E2"), None); // 16: not
    // Same day: 0.
    enquiry(&mut a, "E3", date(2025, 5, 1), None, None);
    conference(&mut a, "I3", Initial, date(2025, 5, 1), Some("E3"), None);
    // Only the first initial conference of an enquiry counts: Tuesday 6 → Monday 12
    // May is 4; the reconvened one on 20 May is not counted.
    enquiry(&mut a, "E5", date(2025, 5, 6), None, None);
    conference(&mut a, "I5", Initial, date(2025, 5, 12), Some("E5"), None);
    conference(&mut a, "I5B", Initial, date(2025, 5, 20), Some("E5"), None);
    // Monday 31 March → Tuesday 1 April (first day): 1.
    enquiry(&mut a, "E8", date(2025, 3, 31), None, None);
    conference(&mut a, "I8", Initial, date(2025, 4, 1), Some("E8"), None);
    // Tuesday 1 April → Friday 30 May (last day): 2–30 April has 21 weekdays less Good
    // Friday and Easter Monday, 19; 1–30 May has 22 less 5 and 26 May, 20: 39.
    enquiry(&mut a, "E9", date(2025, 4, 1), None, None);
    conference(&mut a, "I9", Initial, date(2025, 5, 30), Some("E9"), None);
    // Out: held the day before the window, held after it, transfer-in, not linked, and
    // a review conference.
    enquiry(&mut a, "E6", date(2025, 3, 20), None, None);
    conference(&mut a, "I6", Initial, date(2025, 3, 31), Some("E6"), None);
    enquiry(&mut a, "E7", date(2025, 5, 20), None, None);
    conference(&mut a, "I7", Initial, date(2025, 6, 2), Some("E7"), None);
    enquiry(&mut a, "E4", date(2025, 4, 2), None, None);
    conference(&mut a, "I4", Initial, date(2025, 4, 3), Some("E4"), None).transfer_in = true;
    conference(&mut a, "I0", Initial, date(2025, 4, 3), None, None);
    conference(
        &mut a,
        "V1",
        ConferenceKind::Review,
        date(2025, 4, 3),
        Some("E1"),
        None,
    );
    let m = run(&ICPC_15WD, &[a], window);

    assert_eq!(ids(&m.denominator), ["I1", "I2", "I3", "I5", "I8", "I9"]);
    assert_eq!(ids(&m.numerator), ["I1", "I3", "I5", "I8"]);
    // 4 of 6.
    assert_close(m.value(), 400.0 / 6.0);
    let value = |n: &str| {
        m.denominator
            .iter()
            .find(|i| i.record_id == Some(id(n)))
            .unwrap()
            .value
    };
    assert_eq!(value("I9"), Some(39.0));
    assert_eq!(
        bands(&m),
        [
            ("0 working days", vec!["I3"]),
            ("1–5 working days", vec!["I5", "I8"]),
            ("6–10 working days", vec![]),
            ("11–13 working days", vec![]),
            ("14–15 working days", vec!["I1"]),
            ("16–17 working days", vec!["I2"]),
            ("18–20 working days", vec![]),
            ("21 working days or more", vec!["I9"]),
        ]
    );
}

#[test]
fn plans_started_and_ended_in_the_window() {
    let mut a = child("C1");
    plan(&mut a, "P1", date(2025, 4, 1), Some(date(2025, 4, 30))); // starts first day, ends last
    plan(&mut a, "P2", date(2025, 3, 31), Some(date(2025, 5, 1))); // neither in
    let mut b = child("C2");
    plan(&mut b, "P3", date(2025, 4, 30), None).initial_category = CategoryOfAbuse::Emotional;
    plan(&mut b, "P4", date(2023, 6, 1), Some(date(2025, 4, 1))); // started long before: ends in
    plan(&mut b, "P5", date(2025, 5, 1), None); // starts the day after: out
    plan(&mut b, "P7", date(2025, 4, 10), None);
    plan(&mut b, "P8", date(2024, 6, 1), Some(date(2025, 3, 31))); // ended the day before: out
    let records = [a, b];

    let started = run(&CP_STARTED, &records, APRIL);
    assert_eq!(ids(&started.numerator), ["P1", "P3", "P7"]);
    assert_close(started.value(), 3.0);
    // Bands in the code set's order, every category listed, empty ones too.
    assert_eq!(started.bands.len(), CategoryOfAbuse::ALL.len());
    assert_eq!(
        occupied(&started),
        [
            ("Neglect", vec!["P1", "P7"]),
            ("Emotional abuse", vec!["P3"])
        ]
    );

    let ended = run(&CP_ENDED, &records, APRIL);
    assert_eq!(ids(&ended.numerator), ["P1", "P4"]);
    assert_close(ended.value(), 2.0);
    // Dated by the end.
    assert!(
        ended
            .numerator
            .iter()
            .any(|i| i.date == date(2025, 4, 1) && i.record_id == Some(id("P4")))
    );
}

#[test]
fn second_plans_count_any_earlier_plan_however_long_ago() {
    let mut a = child("C1");
    plan(&mut a, "A0", date(2010, 1, 4), Some(date(2011, 1, 4)));
    plan(&mut a, "A1", date(2025, 4, 10), None); // second, 14 years on
    let mut b = child("C2");
    plan(&mut b, "B1", date(2025, 4, 1), None); // first ever
    let mut c = child("C3");
    plan(&mut c, "C1", date(2025, 4, 1), Some(date(2025, 4, 15))); // first
    plan(&mut c, "C2", date(2025, 4, 30), None); // second, both in the window
    let mut d = child("C4");
    plan(&mut d, "D0", date(2024, 1, 1), Some(date(2024, 6, 1)));
    plan(&mut d, "D1", date(2025, 3, 31), None); // second, but the day before: out
    let m = run(&CP_SECOND, &[a, b, c, d], APRIL);
    assert_eq!(ids(&m.denominator), ["A1", "B1", "C1", "C2"]);
    assert_eq!(ids(&m.numerator), ["A1", "C2"]);
    assert_close(m.value(), 50.0);
}

#[test]
fn plans_lasting_two_years_are_counted_by_their_end_date() {
    let mut a = child("C1");
    let end = |m, d| Some(date(2025, m, d));
    // 30 April 2023 → 30 April 2025: exactly 2 years (731 days, 2024 a leap year).
    plan(&mut a, "Q1", date(2023, 4, 30), end(4, 30));
    // 1 May 2023 → 30 April 2025: a day short (730 days): 1 to 2 years.
    plan(&mut a, "Q2", date(2023, 5, 1), end(4, 30));
    // 1 January → 1 April 2025: exactly 3 months (90 days): 3 to 6 months.
    plan(&mut a, "Q4", date(2025, 1, 1), end(4, 1));
    // 2 January → 1 April: under 3 months (89 days).
    plan(&mut a, "Q5", date(2025, 1, 2), end(4, 1));
    // 15 October 2024 → 15 April 2025: exactly 6 months (182 days).
    plan(&mut a, "Q6", date(2024, 10, 15), end(4, 15));
    // 15 April 2024 → 15 April 2025: exactly a year (365 days).
    plan(&mut a, "Q10", date(2024, 4, 15), end(4, 15));
    // Out: ended the day before, the day after, still open.
    plan(&mut a, "Q7", date(2020, 1, 1), end(3, 31));
    plan(&mut a, "Q8", date(2020, 1, 1), end(5, 1));
    plan(&mut a, "Q9", date(2020, 1, 1), None);
    let m = run(&CP_2_YEARS, &[a], APRIL);

    assert_eq!(ids(&m.denominator), ["Q1", "Q10", "Q2", "Q4", "Q5", "Q6"]);
    assert_eq!(ids(&m.numerator), ["Q1"]);
    // 1 of 6.
    assert_close(m.value(), 100.0 / 6.0);
    let days: Vec<f64> = m.denominator.iter().map(|i| i.value.unwrap()).collect();
    assert_eq!(days, [731.0, 730.0, 90.0, 89.0, 182.0, 365.0]);
    assert_eq!(
        bands(&m),
        [
            ("Under 3 months", vec!["Q5"]),
            ("3 months to under 6 months", vec!["Q4"]),
            ("6 months to under 1 year", vec!["Q6"]),
            ("1 year to under 2 years", vec!["Q10", "Q2"]),
            ("2 years or more", vec!["Q1"]),
        ]
    );
}

#[test]
fn children_on_a_plan_seen_in_the_six_weeks_to_the_end_of_the_window() {
    use VisitKind::ChildInNeed;
    let on_plan = |n: &str, start: Date, end: Option<Date>| {
        let mut r = child(n);
        plan(&mut r, &format!("P{n}"), start, end);
        r
    };
    let long_ago = date(2024, 6, 3);
    // 30 April less 42 days is 19 March: seen then, exactly 6 weeks: within.
    let mut a = on_plan("A", long_ago, None);
    seen(&mut a, "VA", date(2025, 3, 19), false);
    // Seen 18 March (43 days): not within; a visit on 29 April without seeing the
    // child does not count.
    let mut b = on_plan("B", long_ago, None);
    seen(&mut b, "VB1", date(2025, 3, 18), true);
    unseen(&mut b, "VB2", date(2025, 4, 29));
    // Plan began 1 April; seen only before it (20 March): not seen since the plan began.
    let mut c = on_plan("C", date(2025, 4, 1), None);
    visit(&mut c, "VC", ChildInNeed, date(2025, 3, 20), true, false);
    // Plan ended 29 April: not on a plan on 30 April, not counted.
    let mut d = on_plan("D", long_ago, Some(date(2025, 4, 29)));
    seen(&mut d, "VD", date(2025, 4, 28), false);
    // Last seen 1 December 2024: 150 days, over 18 weeks (126 days).
    let mut e = on_plan("E", long_ago, None);
    seen(&mut e, "VE", date(2024, 12, 1), false);
    // Seen on 30 April itself (0 days): within; a visit on 1 May is after the date.
    let mut f = on_plan("F", long_ago, None);
    seen(&mut f, "VF1", date(2025, 4, 30), false);
    seen(&mut f, "VF2", date(2025, 5, 1), false);
    // Plan ends 30 April: still on it that day. Seen 1 February: 88 days, 12–18 weeks.
    let mut g = on_plan("G", long_ago, Some(date(2025, 4, 30)));
    visit(&mut g, "VG", ChildInNeed, date(2025, 2, 1), true, false);
    let m = run(&CP_SEEN_6_WEEKS, &[a, b, c, d, e, f, g], APRIL);

    assert_eq!(ids(&m.denominator), ["PA", "PB", "PC", "PE", "PF", "PG"]);
    assert_eq!(ids(&m.numerator), ["PA", "PF"]);
    // 2 of 6.
    assert_close(m.value(), 100.0 / 3.0);
    let days: Vec<Option<f64>> = m.denominator.iter().map(|i| i.value).collect();
    assert_eq!(
        days,
        [
            Some(42.0),
            Some(43.0),
            None,
            Some(150.0),
            Some(0.0),
            Some(88.0)
        ]
    );
    assert_eq!(
        bands(&m),
        [
            ("0–6 weeks", vec!["PA", "PF"]),
            ("Over 6 to 12 weeks", vec!["PB"]),
            ("Over 12 to 18 weeks", vec!["PG"]),
            ("Over 18 weeks", vec!["PE"]),
            ("Not seen since the plan began", vec!["PC"]),
        ]
    );
}

#[test]
fn child_protection_visits_seen_alone_among_children_aged_four_or_more() {
    use VisitKind::ChildInNeed;
    // Born 15 April 2021: 4 on 15 April 2025.
    let mut a = child_born("C1", Some(date(2021, 4, 15)));
    seen(&mut a, "V1", date(2025, 4, 14), true); // aged 3: out
    seen(&mut a, "V2", date(2025, 4, 15), true); // 4 today: alone
    seen(&mut a, "V3", date(2025, 4, 30), false); // last day: not alone
    unseen(&mut a, "V4", date(2025, 4, 1)); // not seen: out
    visit(&mut a, "V5", ChildInNeed, date(2025, 4, 20), true, true); // not a CP visit: out
    seen(&mut a, "V6", date(2025, 5, 1), true); // day after: out
    // No date of birth: age unknown, left out.
    let mut b = child_born("C2", None);
    seen(&mut b, "V7", date(2025, 4, 10), true);
    let mut c = child("C3");
    seen(&mut c, "V8", date(2025, 4, 1), true); // first day: alone
    seen(&mut c, "V9", date(2025, 3, 31), true); // day before: out
    let m = run(&CP_SEEN_ALONE, &[a, b, c], APRIL);
    assert_eq!(ids(&m.denominator), ["V2", "V3", "V8"]);
    assert_eq!(ids(&m.numerator), ["V2", "V8"]);
    assert_close(m.value(), 200.0 / 3.0);
}

#[test]
fn cp_reviews_on_time_step_from_the_plan_then_each_review() {
    use ConferenceKind::Review;
    // Friday 28 February to Friday 29 August 2025.
    let window = Window {
        from: date(2025, 2, 28),
        to: date(2025, 8, 29),
    };
    let mut a = child("C1");
    // Plan from Friday 29 November 2024: first review due 29 February 2025, which does
    // not exist, so 28 February. Held 28 February (first day): on time. Next due
    // 28 August; held 29 August (last day): late.
    plan(&mut a, "P1", date(2024, 11, 29), None);
    conference(&mut a, "P1R1", Review, date(2025, 2, 28), None, Some("P1"));
    conference(&mut a, "P1R2", Review, date(2025, 8, 29), None, Some("P1"));
    // Plan from 31 May 2024, first review 30 August 2024 (before the window, not
    // counted, but the next is due from it): 30 August + 6 months = 28 February 2025.
    // Held 28 February: on time. Then due 28 August; held 3 July: on time.
    plan(&mut a, "P2", date(2024, 5, 31), None);
    conference(&mut a, "P2R1", Review, date(2024, 8, 30), None, Some("P2"));
    conference(&mut a, "P2R2", Review, date(2025, 2, 28), None, Some("P2"));
    conference(&mut a, "P2R3", Review, date(2025, 7, 3), None, Some("P2"));
    let mut b = child("C2");
    // Plan from Thursday 2 January 2025: due 2 April; held 3 April: late.
    plan(&mut b, "P3", date(2025, 1, 2), None);
    conference(&mut b, "P3R1", Review, date(2025, 4, 3), None, Some("P3"));
    // Reviews the day before and the working day after the window: out.
    plan(&mut b, "P4", date(2024, 12, 2), None);
    conference(&mut b, "P4R1", Review, date(2025, 2, 27), None, Some("P4"));
    conference(&mut b, "P4R2", Review, date(2025, 9, 1), None, Some("P4"));
    // A review dated before its plan began, and one linked to no plan: not counted.
    plan(&mut b, "P5", date(2025, 7, 1), None);
    conference(&mut b, "X1", Review, date(2025, 6, 30), None, Some("P5"));
    conference(&mut b, "X2", Review, date(2025, 6, 30), None, None);
    let records = [a, b];
    let m = run(&CP_REVIEWS_ON_TIME, &records, window);

    assert_eq!(
        ids(&m.denominator),
        ["P1R1", "P1R2", "P2R2", "P2R3", "P3R1"]
    );
    assert_eq!(ids(&m.numerator), ["P1R1", "P2R2", "P2R3"]);
    // 3 of 5.
    assert_close(m.value(), 60.0);

    // The statutory clock CP-REVIEW reads the same records the same way.
    let calendar = WorkingDayCalendar::england_and_wales();
    let today = date(2025, 12, 31);
    let mut from_clocks: Vec<(Date, bool)> = records
        .iter()
        .flat_map(|r| {
            crate::clocks::clocks_for(
                r,
                today,
                noon(today),
                &calendar,
                crate::clocks::ClockSettings::default(),
            )
        })
        .filter(|c| c.rule.id == "CP-REVIEW")
        .filter_map(|c| {
            let met = c.met.filter(|d| window.contains(*d))?;
            Some((met, c.state == crate::clocks::ClockState::MetOnTime))
        })
        .collect();
    from_clocks.sort_unstable();
    let mut from_indicator: Vec<(Date, bool)> = m
        .denominator
        .iter()
        .map(|i| (i.date, m.numerator.contains(i)))
        .collect();
    from_indicator.sort_unstable();
    assert_eq!(from_indicator, from_clocks);
}

#[test]
fn cin_episodes_closed_in_the_window_by_length() {
    let mut a = child("C1");
    let rc = Some("RC7");
    // 1 January → 1 April 2025: exactly 3 months, 90 days.
    closed(&mut a, "X2", date(2025, 1, 1), date(2025, 4, 1), rc);
    // 2 January → 1 April: 89 days, under 3 months.
    closed(&mut a, "X3", date(2025, 1, 2), date(2025, 4, 1), rc);
    // 30 April 2023 → 30 April 2025: exactly 2 years, 731 days.
    closed(&mut a, "X4", date(2023, 4, 30), date(2025, 4, 30), rc);
    // Opened and closed the same day: 0 days.
    closed(&mut a, "X5", date(2025, 4, 10), date(2025, 4, 10), rc);
    // Out: closed the day before, the day after, still open.
    closed(&mut a, "X1", date(2025, 1, 1), date(2025, 3, 31), rc);
    closed(&mut a, "X6", date(2025, 1, 1), date(2025, 5, 1), rc);
    referral(&mut a, "X7", date(2025, 4, 2));
    let m = run(&CIN_DURATION, &[a], APRIL);

    assert_eq!(ids(&m.numerator), ["X2", "X3", "X4", "X5"]);
    // Days 0, 89, 90, 731: the median is the mean of 89 and 90.
    assert_close(m.value(), 89.5);
    assert_eq!(
        bands(&m),
        [
            ("Under 3 months", vec!["X3", "X5"]),
            ("3 months to under 6 months", vec!["X2"]),
            ("6 months to under 1 year", vec![]),
            ("1 year to under 2 years", vec![]),
            ("2 years or more", vec!["X4"]),
        ]
    );
}

#[test]
fn cin_closure_reasons_band_every_reason() {
    let mut a = child("C1");
    let start = date(2025, 1, 6);
    closed(&mut a, "Y1", start, date(2025, 4, 1), Some("RC8"));
    closed(&mut a, "Y2", start, date(2025, 4, 30), Some("RC8"));
    closed(&mut a, "Y3", start, date(2025, 4, 9), Some("RC1"));
    closed(&mut a, "Y4", start, date(2025, 4, 9), Some("RC9"));
    closed(&mut a, "Y5", start, date(2025, 4, 9), None);
    closed(&mut a, "Y6", start, date(2025, 3, 31), Some("RC7")); // out
    closed(&mut a, "Y7", start, date(2025, 5, 1), Some("RC7")); // out
    let m = run(&CIN_CLOSURE_REASONS, &[a], APRIL);
    assert_eq!(ids(&m.numerator), ["Y1", "Y2", "Y3", "Y4", "Y5"]);
    assert_close(m.value(), 5.0);
    // Every reason listed, and "no reason recorded"; these are the occupied ones.
    assert_eq!(m.bands.len(), ReasonForClosure::ALL.len() + 1);
    assert_eq!(
        occupied(&m),
        [
            ("Adopted", vec!["Y3"]),
            (
                "Case closed after assessment, no further action",
                vec!["Y1", "Y2"]
            ),
            (
                "Case closed after assessment, referred to early help",
                vec!["Y4"]
            ),
            ("No reason recorded", vec!["Y5"]),
        ]
    );
}

#[test]
fn items_name_the_child_the_record_and_the_team_then() {
    let mut a = child("C1");
    referral(&mut a, "R1", date(2025, 4, 10)).team_id = Some(TeamId::parse("T-FRONT").unwrap());
    a.allocations.push(Allocation {
        id: id("AL1"),
        child_id: a.child.id.clone(),
        worker_id: None,
        team_id: TeamId::parse("T-ASSESS").unwrap(),
        role: AllocationRole::AllocatedSocialWorker,
        start_date: date(2025, 4, 20),
        end_date: None,
        change_reason: None,
    });
    closed(
        &mut a,
        "R2",
        date(2025, 1, 6),
        date(2025, 4, 25),
        Some("RC8"),
    );
    let referrals = run(&REFERRALS_RATE, std::slice::from_ref(&a), APRIL);
    let i = &referrals.numerator[0];
    assert_eq!(i.child_id.as_ref().unwrap().as_str(), "C1");
    assert_eq!(i.record_id, Some(id("R1")));
    // On 10 April only the open referral's team holds the child.
    assert_eq!(i.team_id.as_ref().unwrap().as_str(), "T-FRONT");
    // On 25 April the allocated social worker's team does.
    let closures = run(&CIN_CLOSURE_REASONS, &[a], APRIL);
    assert_eq!(
        closures.numerator[0].team_id.as_ref().unwrap().as_str(),
        "T-ASSESS"
    );
    assert_eq!(
        closures
            .for_team(&TeamId::parse("T-ASSESS").unwrap())
            .value(),
        Some(1.0)
    );
}
