//! The children-in-care indicators on hand-made records. Every expected value is
//! worked out by hand in the comments (a calendar beside you: bank holidays noted);
//! the window is the 903 year 1 April 2024 to 31 March 2025 unless a test says
//! otherwise.
#![allow(clippy::unwrap_used)]

use jiff::Timestamp;
use jiff::civil::{Date, date};

use super::*;
use crate::codes::{
    AllocationRole, HealthCheckKind, HealthCheckStatus, LegalStatus, MissingType,
    ParticipationCode, PermanenceOrder, PlacementType, PrimaryNeed, ReasonNewEpisode, VisitKind,
};
use crate::health::{HealthCheck, PersonalEducationPlan};
use crate::indicators::test_support::{
    assert_close, bands_of, measure_in, measure_with, records_of, rid, who,
};
use crate::indicators::{Indicator, Measure, Window};
use crate::looked_after::{CareEpisode, LookedAfterReview, PeriodOfCare};
use crate::missing::MissingEpisode;
use crate::permanence::{AdoptionDetails, Permanence};
use crate::visit::Visit;
use crate::workforce::Allocation;
use crate::{ChildRecord, TeamId};

const WINDOW: Window = Window {
    from: date(2024, 4, 1),
    to: date(2025, 3, 31),
};

fn measure(ind: &Indicator, records: &[ChildRecord]) -> Measure {
    measure_in(ind, records, WINDOW, 10_000)
}

fn child(n: &str, born: Date) -> ChildRecord {
    ChildRecord::new(crate::person::example_child(n, Some(born)))
}

/// A child born 1 January 2015: 10 on the window's last day.
pub(super) fn ten(n: &str) -> ChildRecord {
    child(n, date(2015, 1, 1))
}

pub(super) fn period(r: &mut ChildRecord, n: &str, start: Date, end: Option<Date>) {
    r.periods_of_care.push(PeriodOfCare {
        id: rid(r, n),
        child_id: r.child.id.clone(),
        referral_id: None,
        start_date: start,
        end_date: end,
    });
}

/// A 903 episode, in area. The indicators read each episode's span from the next
/// one's start (a 903 episode ends the day the next begins), so no end is given.
pub(super) fn episode(
    r: &mut ChildRecord,
    n: &str,
    period: &str,
    start: Date,
    rne: &str,
    legal: &str,
    place: &str,
) {
    let e = CareEpisode {
        id: rid(r, n),
        child_id: r.child.id.clone(),
        period_id: rid(r, period),
        start_date: start,
        reason_new_episode: ReasonNewEpisode::from_code(rne).unwrap(),
        legal_status: LegalStatus::from_code(legal).unwrap(),
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
    };
    r.care_episodes.push(e);
}

/// A child looked after since 2020 in one foster placement (C2, U4).
fn in_care(n: &str) -> ChildRecord {
    let mut r = ten(n);
    period(&mut r, "P1", date(2020, 1, 1), None);
    r
}

fn noon(d: Date) -> Timestamp {
    format!("{d}T12:00:00Z").parse().unwrap()
}

fn at(s: &str) -> Timestamp {
    s.parse().unwrap()
}

#[test]
fn the_area_lists_every_indicator_once_with_its_definition() {
    let ids: Vec<&str> = INDICATORS.iter().map(|i| i.id).collect();
    assert_eq!(
        ids,
        [
            "CIC-RATE",
            "CIC-STARTED",
            "CIC-CEASED",
            "CIC-LEGAL-STATUS",
            "CIC-SHORT-STABILITY",
            "CIC-LONG-STABILITY",
            "CIC-OUT-OF-AREA",
            "CIC-OVER-20-MILES",
            "CIC-REVIEWS-ON-TIME",
            "CIC-VISITS-ON-TIME",
            "CIC-HEALTH-IN-DATE",
            "CIC-DENTAL-IN-DATE",
            "CIC-PEP-IN-DATE",
            "CIC-MISSING",
            "CIC-RHI-OFFERED",
            "CIC-RHI-72H",
            "CIC-ADOPTION-A1",
            "CIC-ADOPTION-A2",
        ]
    );
    for i in INDICATORS {
        assert_eq!(i.area, Area::ChildrenInCare);
        assert!(!i.title.is_empty() && !i.definition.is_empty() && !i.source.is_empty());
    }
    // The England figures shipped for this area name these indicators.
    assert_eq!(crate::indicators::england("CIC-RATE").unwrap().value, 67.0);
    assert_eq!(
        crate::indicators::england("CIC-LONG-STABILITY")
            .unwrap()
            .value,
        68.0
    );
    assert_eq!(
        crate::indicators::england("CIC-ADOPTION-A1").unwrap().value,
        486.0
    );
}

#[test]
fn rate_counts_each_child_looked_after_on_the_last_day_once() {
    let a = in_care("A");
    // Ceased on the last day: not looked after that day.
    let mut b = ten("B");
    period(&mut b, "P1", date(2020, 1, 1), Some(date(2025, 3, 31)));
    // Came into care on the last day: looked after.
    let mut c = ten("C");
    period(&mut c, "P1", date(2025, 3, 31), None);
    // The day after: not yet.
    let mut d = ten("D");
    period(&mut d, "P1", date(2025, 4, 1), None);
    // In care twice; the second period is open: counted once.
    let mut e = ten("E");
    period(&mut e, "P1", date(2019, 1, 1), Some(date(2023, 1, 1)));
    period(&mut e, "P2", date(2024, 6, 1), None);
    e.allocations.push(Allocation {
        id: rid(&e, "AL1"),
        child_id: e.child.id.clone(),
        worker_id: None,
        team_id: TeamId::parse("T-CIC").unwrap(),
        role: AllocationRole::AllocatedSocialWorker,
        start_date: date(2024, 6, 1),
        end_date: None,
        change_reason: None,
    });
    let f = ten("F");
    let records = [a, b, c, d, e, f];

    let m = measure(&RATE, &records);
    assert_eq!(who(&m.numerator), ["A", "C", "E"]);
    assert_eq!(records_of(&m.numerator), ["A-P1", "C-P1", "E-P2"]);
    // The team comes from the allocation open that day.
    assert_eq!(
        m.numerator[2].team_id,
        Some(TeamId::parse("T-CIC").unwrap())
    );
    // 3 children among 10,000: 3 per 10,000; among 20,000: 1.5; no population: no rate.
    assert_eq!(m.value(), Some(3.0));
    assert_eq!(
        measure_in(&RATE, &records, WINDOW, 20_000).value(),
        Some(1.5)
    );
    assert_eq!(measure_in(&RATE, &records, WINDOW, 0).value(), None);
}

#[test]
fn a_rate_divides_by_the_population_estimate_for_its_windows_own_time() {
    use crate::geography::Centroids;
    use crate::population::{ChildPopulation, PopulationEstimate};
    let records = [in_care("A"), in_care("B")];
    let population = ChildPopulation::new([
        PopulationEstimate::new(2023, 4_000, "ONS mid-2023").unwrap(),
        PopulationEstimate::new(2024, 5_000, "ONS mid-2024").unwrap(),
    ]);
    let rate = |to: Date| {
        let window = Window::year_to(to);
        measure_with(&RATE, &records, window, &population, &Centroids::default())
    };
    // To 31 March 2025: mid-2024, 2 per 5,000 = 4 per 10,000.
    let m = rate(date(2025, 3, 31));
    assert_eq!(m.value(), Some(4.0));
    assert_eq!(
        m.note.as_deref(),
        Some("per 10,000 of 5,000 children aged 0 to 17 (ONS mid-2024)")
    );
    // To 31 March 2024: mid-2023, 2 per 4,000 = 5 per 10,000.
    assert_eq!(rate(date(2024, 3, 31)).value(), Some(5.0));
    // To 31 March 2023: before every estimate held: no data, and why.
    let m = rate(date(2023, 3, 31));
    assert_eq!(m.value(), None);
    assert_eq!(m.numerator.len(), 2, "the children are still listed");
    assert!(
        m.note
            .as_deref()
            .unwrap()
            .contains("the earliest is mid-2023"),
        "{:?}",
        m.note
    );
}

#[test]
fn periods_started_and_ended_count_on_the_windows_first_and_last_days() {
    // Started the day before the window (out), ended on its first day (in).
    let mut s1 = ten("S1");
    period(&mut s1, "P1", date(2024, 3, 31), Some(date(2024, 4, 1)));
    // Started on the first day (in).
    let mut s2 = ten("S2");
    period(&mut s2, "P1", date(2024, 4, 1), None);
    // Started on the last day (in).
    let mut s3 = ten("S3");
    period(&mut s3, "P1", date(2025, 3, 31), None);
    // Started the day after (out).
    let mut s4 = ten("S4");
    period(&mut s4, "P1", date(2025, 4, 1), None);
    // Came into care twice in the window and left twice, the second time on the last day.
    let mut s5 = ten("S5");
    period(&mut s5, "P1", date(2024, 5, 1), Some(date(2024, 6, 1)));
    period(&mut s5, "P2", date(2024, 9, 1), Some(date(2025, 3, 31)));
    // Left the day before (out) and the day after (out).
    let mut s6 = ten("S6");
    period(&mut s6, "P1", date(2020, 1, 1), Some(date(2024, 3, 31)));
    let mut s7 = ten("S7");
    period(&mut s7, "P1", date(2020, 1, 1), Some(date(2025, 4, 1)));
    let records = [s1, s2, s3, s4, s5, s6, s7];

    // Started: S2, S3 and S5 twice = 4.
    let m = measure(&STARTED, &records);
    assert_eq!(who(&m.numerator), ["S2", "S3", "S5", "S5"]);
    assert_eq!(
        m.numerator.iter().map(|i| i.date).collect::<Vec<_>>(),
        [
            date(2024, 4, 1),
            date(2025, 3, 31),
            date(2024, 5, 1),
            date(2024, 9, 1)
        ]
    );
    assert_eq!(m.value(), Some(4.0));

    // Ended: S1 and S5 twice = 3.
    let m = measure(&CEASED, &records);
    assert_eq!(records_of(&m.numerator), ["S1-P1", "S5-P1", "S5-P2"]);
    assert_eq!(m.value(), Some(3.0));
}

#[test]
fn legal_status_bands_by_the_episode_current_on_the_last_day() {
    // Interim order, then a full care order by a legal-status-only change: C2.
    let mut l1 = ten("L1");
    period(&mut l1, "P1", date(2024, 1, 1), None);
    episode(&mut l1, "E1", "P1", date(2024, 1, 1), "S", "C1", "U6");
    episode(&mut l1, "E2", "P1", date(2024, 9, 1), "L", "C2", "U6");
    let mut l2 = ten("L2");
    period(&mut l2, "P1", date(2024, 6, 1), None);
    episode(&mut l2, "E1", "P1", date(2024, 6, 1), "S", "V2", "U6");
    let mut l3 = ten("L3");
    period(&mut l3, "P1", date(2020, 1, 1), None);
    episode(&mut l3, "E1", "P1", date(2020, 1, 1), "S", "C2", "U4");
    // A placement order made the day after the window: still C2 on the last day.
    let mut l4 = ten("L4");
    period(&mut l4, "P1", date(2023, 1, 1), None);
    episode(&mut l4, "E1", "P1", date(2023, 1, 1), "S", "C2", "U4");
    episode(&mut l4, "E2", "P1", date(2025, 4, 1), "L", "E1", "U4");
    // Looked after with no episode recorded.
    let l5 = in_care("L5");
    // No longer looked after.
    let mut l6 = ten("L6");
    period(&mut l6, "P1", date(2020, 1, 1), Some(date(2025, 1, 1)));
    episode(&mut l6, "E1", "P1", date(2020, 1, 1), "S", "E1", "U4");
    let records = [l1, l2, l3, l4, l5, l6];

    let m = measure(&LEGAL_STATUS, &records);
    // Five children looked after on 31 March 2025.
    assert_eq!(who(&m.numerator), ["L1", "L2", "L3", "L4", "L5"]);
    assert_eq!(m.value(), Some(5.0));
    // Bands in official order (C1, C2, ..., V2, ...), every status listed; these are
    // the occupied ones: no C1 (L1's earlier status) and no E1 (L4's comes after the
    // window, L6 has left care).
    assert_eq!(m.bands.len(), LegalStatus::ALL.len() + 1);
    assert_eq!(
        bands_of(&m)
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .collect::<Vec<_>>(),
        [
            ("Full care order", vec!["L1", "L3", "L4"]),
            (LegalStatus::SinglePeriodSection20.label(), vec!["L2"]),
            ("No legal status recorded", vec!["L5"]),
        ]
    );
    // Items name the current episode.
    let full_care_order = m
        .bands
        .iter()
        .find(|b| b.label == "Full care order")
        .unwrap();
    assert_eq!(
        records_of(&full_care_order.items),
        ["L1-E2", "L3-E1", "L4-E1"]
    );
}

#[test]
fn short_term_stability_counts_placements_lived_in_during_the_12_months() {
    // The 12 months to 31 March 2025 run from 1 April 2024.
    // A: the placement current on 1 April 2024 counts, then two moves: 3.
    let mut a = ten("A");
    period(&mut a, "P1", date(2023, 1, 1), None);
    episode(&mut a, "E1", "P1", date(2023, 1, 1), "S", "C2", "U6");
    episode(&mut a, "E2", "P1", date(2024, 6, 1), "P", "C2", "U6");
    episode(&mut a, "E3", "P1", date(2024, 12, 1), "P", "C2", "U4");
    // B: a legal-status-only change is not a placement: 2, not 3.
    let mut b = ten("B");
    period(&mut b, "P1", date(2023, 1, 1), None);
    episode(&mut b, "E1", "P1", date(2023, 1, 1), "S", "C1", "U6");
    episode(&mut b, "E2", "P1", date(2024, 5, 1), "L", "C2", "U6");
    episode(&mut b, "E3", "P1", date(2024, 8, 1), "P", "C2", "U4");
    // C: a fortnight's holiday (T2) is not counted; the return is a new 903
    // placement: 2.
    let mut c = ten("C");
    period(&mut c, "P1", date(2024, 1, 1), None);
    episode(&mut c, "E1", "P1", date(2024, 1, 1), "S", "C2", "U6");
    episode(&mut c, "E2", "P1", date(2024, 7, 1), "P", "C2", "T2");
    episode(&mut c, "E3", "P1", date(2024, 7, 14), "P", "C2", "U6");
    // D: came into care twice in the 12 months: 1 + 2 = 3.
    let mut d = ten("D");
    period(&mut d, "P1", date(2024, 5, 1), Some(date(2024, 7, 1)));
    episode(&mut d, "E1", "P1", date(2024, 5, 1), "S", "V2", "U6");
    period(&mut d, "P2", date(2024, 10, 1), None);
    episode(&mut d, "E2", "P2", date(2024, 10, 1), "S", "C1", "U6");
    episode(&mut d, "E3", "P2", date(2025, 1, 1), "P", "C1", "K2");
    // E: moved on 1 April 2024, so the old placement was not lived in during the
    // 12 months: 2.
    let mut e = ten("E");
    period(&mut e, "P1", date(2022, 1, 1), None);
    episode(&mut e, "E1", "P1", date(2022, 1, 1), "S", "C2", "U6");
    episode(&mut e, "E2", "P1", date(2024, 4, 1), "P", "C2", "U6");
    episode(&mut e, "E3", "P1", date(2024, 10, 1), "P", "C2", "U6");
    // F: moved on 2 April 2024, so 1 April was spent in the old one: 3.
    let mut f = ten("F");
    period(&mut f, "P1", date(2022, 1, 1), None);
    episode(&mut f, "E1", "P1", date(2022, 1, 1), "S", "C2", "U6");
    episode(&mut f, "E2", "P1", date(2024, 4, 2), "P", "C2", "U6");
    episode(&mut f, "E3", "P1", date(2024, 10, 1), "P", "C2", "U6");
    // G: four placements but left care before the last day: not counted at all.
    let mut g = ten("G");
    period(&mut g, "P1", date(2022, 1, 1), Some(date(2025, 3, 1)));
    for (n, start) in [
        ("E1", date(2022, 1, 1)),
        ("E2", date(2024, 5, 1)),
        ("E3", date(2024, 8, 1)),
        ("E4", date(2024, 11, 1)),
    ] {
        episode(
            &mut g,
            n,
            "P1",
            start,
            if n == "E1" { "S" } else { "P" },
            "C2",
            "U6",
        );
    }
    // H: one placement since 2020: 1.
    let mut h = ten("H");
    period(&mut h, "P1", date(2020, 1, 1), None);
    episode(&mut h, "E1", "P1", date(2020, 1, 1), "S", "C2", "U4");
    let records = [a, b, c, d, e, f, g, h];

    let m = measure(&SHORT_STABILITY, &records);
    assert_eq!(who(&m.denominator), ["A", "B", "C", "D", "E", "F", "H"]);
    assert_eq!(who(&m.numerator), ["A", "D", "F"]);
    let counts: Vec<f64> = m.denominator.iter().map(|i| i.value.unwrap()).collect();
    assert_eq!(counts, [3.0, 2.0, 2.0, 3.0, 2.0, 3.0, 1.0]);
    // 3 of 7.
    assert_close(m.value(), 300.0 / 7.0);
    let bands: Vec<Vec<&str>> = m.bands.iter().map(|b| who(&b.items)).collect();
    assert_eq!(bands, [vec!["H"], vec!["B", "C", "E"], vec!["A", "D", "F"]]);
}

#[test]
fn long_term_stability_needs_2_and_a_half_years_in_care_and_2_in_the_placement() {
    // On 31 March 2025: 2.5 years before is 30 September 2022, 2 years before is
    // 31 March 2023.
    // A: in care exactly 2.5 years, one placement throughout: in, stable.
    let mut a = child("A", date(2012, 1, 1));
    period(&mut a, "P1", date(2022, 9, 30), None);
    episode(&mut a, "E1", "P1", date(2022, 9, 30), "S", "C2", "U4");
    // B: a day short of 2.5 years: not counted.
    let mut b = child("B", date(2012, 1, 1));
    period(&mut b, "P1", date(2022, 10, 1), None);
    episode(&mut b, "E1", "P1", date(2022, 10, 1), "S", "C2", "U4");
    // C: placed exactly 2 years ago; a later legal-status-only change keeps the
    // placement: stable.
    let mut c = ten("C");
    period(&mut c, "P1", date(2020, 1, 1), None);
    episode(&mut c, "E1", "P1", date(2020, 1, 1), "S", "C1", "U6");
    episode(&mut c, "E2", "P1", date(2023, 3, 31), "P", "C1", "U4");
    episode(&mut c, "E3", "P1", date(2024, 6, 1), "L", "C2", "U4");
    // D: placed a day less than 2 years ago: counted, not stable.
    let mut d = ten("D");
    period(&mut d, "P1", date(2020, 1, 1), None);
    episode(&mut d, "E1", "P1", date(2020, 1, 1), "S", "C2", "U6");
    episode(&mut d, "E2", "P1", date(2023, 4, 1), "P", "C2", "U4");
    // E: 16 on the day: not counted. F: 15 (16 tomorrow): counted, stable.
    let mut e = child("E", date(2009, 3, 31));
    period(&mut e, "P1", date(2020, 1, 1), None);
    episode(&mut e, "E1", "P1", date(2020, 1, 1), "S", "C2", "U4");
    let mut f = child("F", date(2009, 4, 1));
    period(&mut f, "P1", date(2020, 1, 1), None);
    episode(&mut f, "E1", "P1", date(2020, 1, 1), "S", "C2", "U4");
    // G: with the same foster carers since 2021, through a holiday (T2, back with
    // the same carers) and placement for adoption with them (RNE T): stable.
    let mut g = ten("G");
    period(&mut g, "P1", date(2020, 1, 1), None);
    episode(&mut g, "E1", "P1", date(2020, 1, 1), "S", "C2", "K2");
    episode(&mut g, "E2", "P1", date(2021, 1, 1), "P", "C2", "U5");
    episode(&mut g, "E3", "P1", date(2023, 8, 1), "P", "C2", "T2");
    episode(&mut g, "E4", "P1", date(2023, 8, 14), "T", "C2", "U5");
    episode(&mut g, "E5", "P1", date(2024, 10, 1), "T", "E1", "A5");
    // H: long in care, no episode recorded: counted, not known to be stable.
    let h = in_care("H");
    let records = [a, b, c, d, e, f, g, h];

    let m = measure(&LONG_STABILITY, &records);
    assert_eq!(who(&m.denominator), ["A", "C", "D", "F", "G", "H"]);
    assert_eq!(who(&m.numerator), ["A", "C", "F", "G"]);
    assert_eq!(
        m.numerator[3].detail,
        "in the same placement since 2021-01-01"
    );
    // 4 of 6.
    assert_close(m.value(), 400.0 / 6.0);
}

#[test]
fn out_of_area_reads_the_usual_placement_on_the_last_day() {
    // A: placed out of area: counted.
    let mut a = ten("A");
    period(&mut a, "P1", date(2020, 1, 1), None);
    episode(&mut a, "E1", "P1", date(2020, 1, 1), "S", "C2", "U4");
    a.care_episodes[0].in_area = false;
    // B: in area.
    let mut b = ten("B");
    period(&mut b, "P1", date(2020, 1, 1), None);
    episode(&mut b, "E1", "P1", date(2020, 1, 1), "S", "C2", "U4");
    // C: was out of area, moved back in: not counted.
    let mut c = ten("C");
    period(&mut c, "P1", date(2020, 1, 1), None);
    episode(&mut c, "E1", "P1", date(2020, 1, 1), "S", "C2", "K2");
    c.care_episodes[0].in_area = false;
    episode(&mut c, "E2", "P1", date(2024, 6, 1), "P", "C2", "U4");
    // D: placed out of area, on holiday (T2) in area on the last day: counted.
    let mut d = ten("D");
    period(&mut d, "P1", date(2020, 1, 1), None);
    episode(&mut d, "E1", "P1", date(2020, 1, 1), "S", "C2", "U4");
    d.care_episodes[0].in_area = false;
    episode(&mut d, "E2", "P1", date(2025, 3, 20), "P", "C2", "T2");
    // E: no placement recorded: not in the denominator.
    let e = in_care("E");
    // F: out of area but left care on the last day.
    let mut f = ten("F");
    period(&mut f, "P1", date(2020, 1, 1), Some(date(2025, 3, 31)));
    episode(&mut f, "E1", "P1", date(2020, 1, 1), "S", "C2", "U4");
    f.care_episodes[0].in_area = false;
    // G: in area; moves out of area the day after the window.
    let mut g = ten("G");
    period(&mut g, "P1", date(2020, 1, 1), None);
    episode(&mut g, "E1", "P1", date(2020, 1, 1), "S", "C2", "U4");
    episode(&mut g, "E2", "P1", date(2025, 4, 1), "P", "C2", "K2");
    g.care_episodes[1].in_area = false;
    let records = [a, b, c, d, e, f, g];

    let m = measure(&OUT_OF_AREA, &records);
    assert_eq!(who(&m.denominator), ["A", "B", "C", "D", "G"]);
    assert_eq!(records_of(&m.numerator), ["A-E1", "D-E1"]);
    // 2 of 5.
    assert_close(m.value(), 40.0);
}

fn review(r: &mut ChildRecord, n: &str, period: &str, on: Date) {
    r.looked_after_reviews.push(LookedAfterReview {
        id: rid(r, n),
        child_id: r.child.id.clone(),
        period_id: rid(r, period),
        date: on,
        participation: ParticipationCode::AttendsAndSpeaks,
    });
}

#[test]
fn reviews_held_in_the_window_are_timed_from_the_one_before() {
    // A: in care Monday 19 August 2024. 20 working days, skipping the summer bank
    // holiday on Monday 26 August: Tuesday 17 September.
    let mut a = ten("A");
    period(&mut a, "P1", date(2024, 8, 19), None);
    review(&mut a, "R1", "P1", date(2024, 9, 17)); // due 17 Sep: on time
    review(&mut a, "R2", "P1", date(2024, 12, 18)); // due 17 Dec (3 months): late
    review(&mut a, "R3", "P1", date(2025, 3, 31)); // due 18 Jun 2025: on time, last day
    review(&mut a, "R4", "P1", date(2025, 4, 1)); // the day after: not counted
    // B: reviews before the window set the due date of the one in it. In care Monday
    // 2 October 2023; first review 20 Oct (due 30 Oct), second 19 Jan 2024 (due
    // 20 Jan), third 31 March 2024 (due 19 Jul; the day before the window: not
    // counted), fourth 30 September 2024, due 6 months after 31 March: on time.
    let mut b = ten("B");
    period(&mut b, "P1", date(2023, 10, 2), None);
    review(&mut b, "R1", "P1", date(2023, 10, 20));
    review(&mut b, "R2", "P1", date(2024, 1, 19));
    review(&mut b, "R3", "P1", date(2024, 3, 31));
    review(&mut b, "R4", "P1", date(2024, 9, 30));
    // C: in care the same day as A, first review a working day late.
    let mut c = ten("C");
    period(&mut c, "P1", date(2024, 8, 19), None);
    review(&mut c, "R1", "P1", date(2024, 9, 18));
    let records = [a, b, c];

    let m = measure(&REVIEWS_ON_TIME, &records);
    assert_eq!(
        records_of(&m.denominator),
        ["A-R1", "A-R2", "A-R3", "B-R4", "C-R1"]
    );
    assert_eq!(records_of(&m.numerator), ["A-R1", "A-R3", "B-R4"]);
    assert_eq!(
        m.denominator[1].detail,
        "review 2 due 2024-12-17, held 2024-12-18"
    );
    // 3 of 5.
    assert_close(m.value(), 60.0);
}

fn visit(r: &mut ChildRecord, n: &str, on: Date, seen: bool) {
    r.visits.push(Visit {
        id: rid(r, n),
        child_id: r.child.id.clone(),
        kind: VisitKind::LookedAfter,
        date: on,
        seen,
        seen_alone: false,
        bedroom_seen: false,
        childs_words: None,
        worker_id: None,
    });
}

#[test]
fn visits_due_in_the_window_count_once_each() {
    // A: placed Monday 3 June 2024 (foster care, reg 28(2)): first visit due within
    // a week, 10 June; then every 6 weeks (42 days) from the last visit.
    let mut a = ten("A");
    period(&mut a, "P1", date(2024, 6, 3), None);
    episode(&mut a, "E1", "P1", date(2024, 6, 3), "S", "C1", "U6");
    visit(&mut a, "V1", date(2024, 6, 10), true); // due 10 Jun: on time
    visit(&mut a, "V2", date(2024, 7, 23), true); // due 22 Jul: late
    visit(&mut a, "V3", date(2024, 9, 1), true); // due 3 Sep: on time
    // Due 13 October and never made (a visit where the child was not seen does not
    // count): overdue, and no later visit falls due.
    visit(&mut a, "V4", date(2024, 10, 10), false);
    // B: placed 25 March 2024, first visit due 1 April (the first day), made 28 March:
    // on time. The next would be due 9 May, after B left care on 1 May.
    let mut b = ten("B");
    period(&mut b, "P1", date(2024, 3, 25), Some(date(2024, 5, 1)));
    episode(&mut b, "E1", "P1", date(2024, 3, 25), "S", "V2", "U6");
    visit(&mut b, "V1", date(2024, 3, 28), true);
    // C: first visit due 31 March 2024, the day before: not counted; left care
    // before the next was due.
    let mut c = ten("C");
    period(&mut c, "P1", date(2024, 3, 24), Some(date(2024, 4, 20)));
    episode(&mut c, "E1", "P1", date(2024, 3, 24), "S", "V2", "U6");
    visit(&mut c, "V1", date(2024, 3, 25), true);
    // D: first visit due on the last day and not yet made: due, not on time.
    let mut d = ten("D");
    period(&mut d, "P1", date(2025, 3, 24), None);
    episode(&mut d, "E1", "P1", date(2025, 3, 24), "S", "V2", "U6");
    // E: first visit due the day after the window.
    let mut e = ten("E");
    period(&mut e, "P1", date(2025, 3, 25), None);
    episode(&mut e, "E1", "P1", date(2025, 3, 25), "S", "V2", "U6");
    let records = [a, b, c, d, e];

    let m = measure(&VISITS_ON_TIME, &records);
    assert_eq!(
        m.denominator.iter().map(|i| i.date).collect::<Vec<_>>(),
        [
            date(2024, 6, 10),
            date(2024, 7, 22),
            date(2024, 9, 3),
            date(2024, 10, 13),
            date(2024, 4, 1),
            date(2025, 3, 31),
        ]
    );
    // Visits made name the visit; those not made name the placement.
    assert_eq!(
        records_of(&m.denominator),
        ["A-V1", "A-V2", "A-V3", "A-E1", "B-V1", "D-E1"]
    );
    assert_eq!(records_of(&m.numerator), ["A-V1", "A-V3", "B-V1"]);
    // 3 of 6.
    assert_close(m.value(), 50.0);
}

fn check(r: &mut ChildRecord, n: &str, kind: HealthCheckKind, on: Date, status: HealthCheckStatus) {
    r.health_checks.push(HealthCheck {
        id: rid(r, n),
        child_id: r.child.id.clone(),
        kind,
        date: on,
        status,
    });
}

#[test]
fn health_assessments_are_in_date_within_6_months_under_5_and_12_from_5() {
    use HealthCheckKind::{Dental, InitialHealthAssessment as Iha, ReviewHealthAssessment as Rha};
    use HealthCheckStatus::{Completed, Planned};
    // In care 12 months on 31 March 2025 means since 31 March 2024 or before.
    // A (10): last assessment exactly 12 months before: due again 31 March 2025, in date.
    let mut a = in_care("A");
    check(&mut a, "H1", Rha, date(2024, 3, 31), Completed);
    // B (10): 12 months and a day: overdue. A planned one does not count.
    let mut b = in_care("B");
    check(&mut b, "H1", Rha, date(2024, 3, 30), Completed);
    check(&mut b, "H2", Rha, date(2025, 3, 1), Planned);
    // C turns 5 on the last day, so 12 months applies: 9 months ago is in date.
    let mut c = child("C", date(2020, 3, 31));
    period(&mut c, "P1", date(2021, 1, 1), None);
    check(&mut c, "H1", Rha, date(2024, 6, 30), Completed);
    // D turns 5 the day after: 6 months applies, so the same date is out of date.
    let mut d = child("D", date(2020, 4, 1));
    period(&mut d, "P1", date(2021, 1, 1), None);
    check(&mut d, "H1", Rha, date(2024, 6, 30), Completed);
    // E (2): in care exactly 12 months; an initial assessment on 1 October 2024 is
    // due again 1 April 2025: in date.
    let mut e = child("E", date(2022, 6, 1));
    period(&mut e, "P1", date(2024, 3, 31), None);
    check(&mut e, "H1", Iha, date(2024, 10, 1), Completed);
    // F: in care a day short of 12 months: not counted.
    let mut f = ten("F");
    period(&mut f, "P1", date(2024, 4, 1), None);
    check(&mut f, "H1", Iha, date(2024, 5, 1), Completed);
    // G: no assessment. H: a dental check is not a health assessment.
    let g = in_care("G");
    let mut h = in_care("H");
    check(&mut h, "H1", Dental, date(2025, 1, 1), Completed);
    // I (2): 30 September 2024 + 6 months = 30 March 2025: overdue on the 31st.
    let mut i = child("I", date(2022, 6, 1));
    period(&mut i, "P1", date(2023, 1, 1), None);
    check(&mut i, "H1", Rha, date(2024, 9, 30), Completed);
    let records = [a, b, c, d, e, f, g, h, i];

    let m = measure(&HEALTH_IN_DATE, &records);
    assert_eq!(
        who(&m.denominator),
        ["A", "B", "C", "D", "E", "G", "H", "I"]
    );
    assert_eq!(records_of(&m.numerator), ["A-H1", "C-H1", "E-H1"]);
    // 3 of 8.
    assert_close(m.value(), 37.5);
}

#[test]
fn dental_checks_are_in_date_within_12_months() {
    use HealthCheckKind::{Dental, ReviewHealthAssessment as Rha};
    use HealthCheckStatus::{Completed, Refused};
    let mut a = in_care("A");
    check(&mut a, "D1", Dental, date(2024, 3, 31), Completed); // exactly 12 months: in
    let mut b = in_care("B");
    check(&mut b, "D1", Dental, date(2024, 3, 30), Completed); // a day more: out
    // C: refused this year; the last completed one is too old.
    let mut c = in_care("C");
    check(&mut c, "D1", Dental, date(2023, 6, 1), Completed);
    check(&mut c, "D2", Dental, date(2025, 1, 1), Refused);
    // D: a health assessment is not a dental check.
    let mut d = in_care("D");
    check(&mut d, "H1", Rha, date(2025, 1, 1), Completed);
    // E: in care under 12 months: not counted.
    let mut e = ten("E");
    period(&mut e, "P1", date(2024, 4, 1), None);
    check(&mut e, "D1", Dental, date(2025, 1, 1), Completed);
    let records = [a, b, c, d, e];

    let m = measure(&DENTAL_IN_DATE, &records);
    assert_eq!(who(&m.denominator), ["A", "B", "C", "D"]);
    assert_eq!(records_of(&m.numerator), ["A-D1"]);
    // 1 of 4.
    assert_close(m.value(), 25.0);
}

fn pep(r: &mut ChildRecord, n: &str, on: Date) {
    r.peps.push(PersonalEducationPlan {
        id: rid(r, n),
        child_id: r.child.id.clone(),
        date: on,
    });
}

#[test]
fn peps_are_in_date_within_6_months_for_children_aged_4_to_15() {
    let mut records = Vec::new();
    for (n, born, pep_on) in [
        // 4 on the day; 30 September 2024 + 6 months = 30 March 2025: out of date.
        ("A", date(2021, 3, 31), Some(date(2024, 9, 30))),
        // 15 (16 tomorrow); 1 October 2024 + 6 months = 1 April 2025: in date.
        ("B", date(2009, 4, 1), Some(date(2024, 10, 1))),
        // 16 on the day: not counted.
        ("C", date(2009, 3, 31), Some(date(2025, 1, 1))),
        // 3 (4 tomorrow): not counted.
        ("D", date(2021, 4, 1), Some(date(2025, 1, 1))),
        // 10; a PEP on the last day: in date.
        ("E", date(2015, 1, 1), Some(date(2025, 3, 31))),
        // 10; the only PEP is the day after: out of date.
        ("F", date(2015, 1, 1), Some(date(2025, 4, 1))),
    ] {
        let mut r = child(n, born);
        period(&mut r, "P1", date(2023, 1, 1), None);
        if let Some(on) = pep_on {
            pep(&mut r, "PEP1", on);
        }
        records.push(r);
    }
    // G: left care before the last day.
    let mut g = ten("G");
    period(&mut g, "P1", date(2023, 1, 1), Some(date(2025, 1, 1)));
    pep(&mut g, "PEP1", date(2024, 12, 1));
    records.push(g);

    let m = measure(&PEP_IN_DATE, &records);
    assert_eq!(who(&m.denominator), ["A", "B", "E", "F"]);
    assert_eq!(records_of(&m.numerator), ["B-PEP1", "E-PEP1"]);
    // 2 of 4.
    assert_close(m.value(), 50.0);

    // 31 March is never exactly 6 months after a day (30 September + 6 months is
    // 30 March), so the boundary is tested a day later: a PEP on 1 October 2024 is
    // in date on 1 April 2025 (exactly 6 months) and not on 2 April.
    let mut h = ten("H");
    period(&mut h, "P1", date(2023, 1, 1), None);
    pep(&mut h, "PEP1", date(2024, 10, 1));
    let h = [h];
    let on = |to: Date| measure_in(&PEP_IN_DATE, &h, Window::year_to(to), 10_000).value();
    assert_eq!(on(date(2025, 4, 1)), Some(100.0));
    assert_eq!(on(date(2025, 4, 2)), Some(0.0));
}

fn missing_episode<'a>(
    r: &'a mut ChildRecord,
    n: &str,
    started: Timestamp,
    returned: Option<Timestamp>,
) -> &'a mut MissingEpisode {
    r.missing_episodes.push(MissingEpisode {
        id: rid(r, n),
        child_id: r.child.id.clone(),
        kind: MissingType::Missing,
        started_at: started,
        returned_at: returned,
        rhi_offered: None,
        rhi_accepted: None,
        rhi_at: None,
    });
    r.missing_episodes.last_mut().unwrap()
}

#[test]
fn children_missing_from_care_are_counted_among_all_in_care_in_the_window() {
    // A: missing on the first day: counted.
    let mut a = in_care("A");
    missing_episode(&mut a, "M1", noon(date(2024, 4, 1)), None);
    // B: missing the day before and the day after: not counted.
    let mut b = in_care("B");
    missing_episode(&mut b, "M1", noon(date(2024, 3, 31)), None);
    missing_episode(&mut b, "M2", noon(date(2025, 4, 1)), None);
    // C: missing twice, the second time on the last day: counted once, valued 2.
    let mut c = in_care("C");
    missing_episode(&mut c, "M1", noon(date(2024, 6, 1)), None);
    missing_episode(&mut c, "M2", noon(date(2025, 3, 31)), None);
    // D1 left care on the first day (not a day in care): not counted. D2 left the
    // next day, so was in care on 1 April: counted among all, dated that day.
    let mut d1 = ten("D1");
    period(&mut d1, "P1", date(2020, 1, 1), Some(date(2024, 4, 1)));
    let mut d2 = ten("D2");
    period(&mut d2, "P1", date(2020, 1, 1), Some(date(2024, 4, 2)));
    // E came into care on the last day (counted among all); F the day after (not).
    let mut e = ten("E");
    period(&mut e, "P1", date(2025, 3, 31), None);
    let mut f = ten("F");
    period(&mut f, "P1", date(2025, 4, 1), None);
    // G went missing before coming into care: counted among all, not as missing
    // from care.
    let mut g = ten("G");
    period(&mut g, "P1", date(2024, 10, 1), None);
    missing_episode(&mut g, "M1", noon(date(2024, 6, 1)), None);
    // H went missing at 23:30 UTC on 31 March 2024, which is 00:30 on 1 April in
    // England (summer time began that morning): in the window.
    let mut h = in_care("H");
    missing_episode(&mut h, "M1", at("2024-03-31T23:30:00Z"), None);
    let records = [a, b, c, d1, d2, e, f, g, h];

    let m = measure(&MISSING, &records);
    assert_eq!(who(&m.denominator), ["A", "B", "C", "D2", "E", "G", "H"]);
    assert_eq!(m.denominator[3].date, date(2024, 4, 1));
    assert_eq!(who(&m.numerator), ["A", "C", "H"]);
    assert_eq!(m.numerator[1].value, Some(2.0));
    assert_eq!(m.numerator[1].date, date(2024, 6, 1));
    assert_eq!(m.numerator[2].date, date(2024, 4, 1));
    // 3 of 7.
    assert_close(m.value(), 300.0 / 7.0);
}

fn returned_child() -> ChildRecord {
    let mut x = in_care("X");
    let day = jiff::SignedDuration::from_hours(24);
    let mut ret = |n: &str, back: &str| {
        let back = at(back);
        missing_episode(&mut x, n, back.checked_sub(day).unwrap(), Some(back));
    };
    ret("M1", "2024-04-01T09:00:00Z"); // 10:00 on the first day
    ret("M2", "2024-06-01T09:00:00Z");
    ret("M3", "2025-03-31T09:00:00Z"); // the last day
    ret("M4", "2024-03-31T10:00:00Z"); // the day before: out
    ret("M5", "2025-04-01T09:00:00Z"); // the day after: out
    ret("M7", "2024-07-01T09:00:00Z");
    ret("M8", "2024-08-01T09:00:00Z");
    // Still missing: no return to count.
    missing_episode(&mut x, "M6", noon(date(2025, 3, 1)), None);
    for e in &mut x.missing_episodes {
        let back = e.returned_at;
        let plus = |mins: i64| {
            back.unwrap()
                .checked_add(jiff::SignedDuration::from_mins(mins))
                .unwrap()
        };
        match e.id.as_str() {
            // Offered and held exactly 72 hours after the return: in time.
            "X-M1" => {
                (e.rhi_offered, e.rhi_accepted, e.rhi_at) =
                    (Some(true), Some(true), Some(plus(72 * 60)));
            }
            // Held a minute later: offered, not in time.
            "X-M2" => {
                (e.rhi_offered, e.rhi_accepted, e.rhi_at) =
                    (Some(true), Some(true), Some(plus(72 * 60 + 1)));
            }
            // Not offered.
            "X-M3" => e.rhi_offered = Some(false),
            // Offered and declined: offered, never held.
            "X-M7" => (e.rhi_offered, e.rhi_accepted) = (Some(true), Some(false)),
            // M8: nothing recorded, so not offered.
            _ => {}
        }
    }
    x
}

#[test]
fn return_interviews_are_offered_and_held_within_72_hours_to_the_minute() {
    let x = returned_child();
    // Y is not looked after: their return is not counted here.
    let mut y = ten("Y");
    missing_episode(
        &mut y,
        "M1",
        noon(date(2024, 4, 30)),
        Some(noon(date(2024, 5, 1))),
    )
    .rhi_offered = Some(true);
    // Z went missing the day before coming into care and returned in care: the
    // episode did not begin in care.
    let mut z = ten("Z");
    period(&mut z, "P1", date(2024, 9, 1), None);
    missing_episode(
        &mut z,
        "M1",
        noon(date(2024, 8, 31)),
        Some(noon(date(2024, 9, 2))),
    )
    .rhi_offered = Some(true);
    let records = [x, y, z];

    let m = measure(&RHI_OFFERED, &records);
    assert_eq!(
        records_of(&m.denominator),
        ["X-M1", "X-M2", "X-M3", "X-M7", "X-M8"]
    );
    assert_eq!(
        m.denominator.iter().map(|i| i.date).collect::<Vec<_>>(),
        [
            date(2024, 4, 1),
            date(2024, 6, 1),
            date(2025, 3, 31),
            date(2024, 7, 1),
            date(2024, 8, 1)
        ]
    );
    assert_eq!(records_of(&m.numerator), ["X-M1", "X-M2", "X-M7"]);
    // 3 of 5.
    assert_close(m.value(), 60.0);

    let m = measure(&RHI_72H, &records);
    assert_eq!(m.denominator.len(), 5);
    assert_eq!(records_of(&m.numerator), ["X-M1"]);
    assert_eq!(m.numerator[0].value, Some(72.0));
    // 1 of 5.
    assert_close(m.value(), 20.0);
}

fn adopted(
    r: &mut ChildRecord,
    period: &str,
    order: (PermanenceOrder, Date),
    placement_order: Option<Date>,
    matched: Option<Date>,
    placed: Option<Date>,
) {
    r.permanence.push(Permanence {
        id: rid(r, "PERM"),
        child_id: r.child.id.clone(),
        period_id: rid(r, period),
        adm_decision_date: None,
        placement_order_date: placement_order,
        matched_date: matched,
        placed_date: placed,
        order_kind: Some(order.0),
        order_date: Some(order.1),
        decision_reversed_date: None,
        decision_reversed_reason: None,
    });
}

fn adoptions() -> Vec<ChildRecord> {
    use PermanenceOrder::{Adoption, SpecialGuardianship};
    // A: in care 1 January 2022, placed for adoption 1 June 2023, adopted on the
    // first day. A1: 365 + 151 (January to May 2023) = 516 days. A2: placement order
    // 1 October 2022 to match 15 January 2023 = 31 + 30 + 31 + 14 = 106 days.
    let mut a = ten("A");
    period(&mut a, "P1", date(2022, 1, 1), Some(date(2024, 4, 1)));
    adopted(
        &mut a,
        "P1",
        (Adoption, date(2024, 4, 1)),
        Some(date(2022, 10, 1)),
        Some(date(2023, 1, 15)),
        Some(date(2023, 6, 1)),
    );
    // B: adopted on the last day by the foster carers they moved to on 1 May 2022
    // (the placement for adoption, 1 September 2023, kept the carers: RNE T). A10
    // rule: 1 March to 1 May 2022 = 31 + 30 = 61 days. A2: matched a month before
    // the placement order: 0.
    let mut b = ten("B");
    period(&mut b, "P1", date(2022, 3, 1), Some(date(2025, 3, 31)));
    episode(&mut b, "E1", "P1", date(2022, 3, 1), "S", "V2", "U6");
    episode(&mut b, "E2", "P1", date(2022, 5, 1), "P", "C1", "U5");
    episode(&mut b, "E3", "P1", date(2023, 9, 1), "T", "E1", "A5");
    adopted(
        &mut b,
        "P1",
        (Adoption, date(2025, 3, 31)),
        Some(date(2022, 10, 1)),
        Some(date(2022, 9, 1)),
        Some(date(2023, 9, 1)),
    );
    b.adoption_details.push(AdoptionDetails {
        id: rid(&b, "AD1"),
        child_id: b.child.id.clone(),
        permanence_id: rid(&b, "PERM"),
        adopted_by_foster_carer: true,
        number_of_adopters: 2,
        adopter_sex: crate::codes::AdopterSex::MaleAndFemaleCouple,
        adopter_legal_status: crate::codes::AdopterLegalStatus::MarriedDifferentGender,
    });
    // G: in care twice; measured from the second period, 1 January 2021, to placed
    // 1 January 2022 = 365 days. No placement order (consent): not in A2.
    let mut g = ten("G");
    period(&mut g, "P1", date(2019, 1, 1), Some(date(2019, 6, 1)));
    period(&mut g, "P2", date(2021, 1, 1), Some(date(2024, 10, 1)));
    adopted(
        &mut g,
        "P2",
        (Adoption, date(2024, 10, 1)),
        None,
        Some(date(2021, 10, 1)),
        Some(date(2022, 1, 1)),
    );
    // C adopted the day after, D the day before, E left on a special guardianship
    // order: none counted.
    let mut c = ten("C");
    period(&mut c, "P1", date(2022, 1, 1), None);
    adopted(
        &mut c,
        "P1",
        (Adoption, date(2025, 4, 1)),
        None,
        None,
        Some(date(2023, 1, 1)),
    );
    let mut d = ten("D");
    period(&mut d, "P1", date(2022, 1, 1), None);
    adopted(
        &mut d,
        "P1",
        (Adoption, date(2024, 3, 31)),
        None,
        None,
        Some(date(2023, 1, 1)),
    );
    let mut e = ten("E");
    period(&mut e, "P1", date(2022, 1, 1), None);
    adopted(
        &mut e,
        "P1",
        (SpecialGuardianship, date(2024, 6, 1)),
        None,
        None,
        None,
    );
    // F: no date placed recorded, so not in A1; placement order 1 January 2023 to
    // match 1 March 2023 = 31 + 28 = 59 days for A2.
    let mut f = ten("F");
    period(&mut f, "P1", date(2022, 1, 1), None);
    adopted(
        &mut f,
        "P1",
        (Adoption, date(2024, 6, 1)),
        Some(date(2023, 1, 1)),
        Some(date(2023, 3, 1)),
        None,
    );
    vec![a, b, g, c, d, e, f]
}

#[test]
fn a1_runs_from_entering_care_to_moving_in_with_the_adopters() {
    let m = measure(&ADOPTION_A1, &adoptions());
    assert_eq!(who(&m.numerator), ["A", "B", "G"]);
    let values: Vec<f64> = m.numerator.iter().map(|i| i.value.unwrap()).collect();
    assert_eq!(values, [516.0, 61.0, 365.0]);
    // (516 + 61 + 365) / 3 = 942 / 3 = 314.
    assert_eq!(m.value(), Some(314.0));
}

#[test]
fn a2_runs_from_placement_order_to_match_and_is_zero_when_matched_first() {
    let m = measure(&ADOPTION_A2, &adoptions());
    assert_eq!(who(&m.numerator), ["A", "B", "F"]);
    let values: Vec<f64> = m.numerator.iter().map(|i| i.value.unwrap()).collect();
    assert_eq!(values, [106.0, 0.0, 59.0]);
    // (106 + 0 + 59) / 3 = 165 / 3 = 55.
    assert_eq!(m.value(), Some(55.0));
}

#[test]
fn nobody_to_count_gives_no_value_for_shares_and_means_and_zero_counts() {
    // One child, never looked after.
    let records = [ten("N")];
    for ind in INDICATORS {
        let m = measure(ind, &records);
        assert!(
            m.numerator.is_empty() && m.denominator.is_empty(),
            "{}",
            ind.id
        );
        match ind.id {
            "CIC-RATE" | "CIC-STARTED" | "CIC-CEASED" | "CIC-LEGAL-STATUS" => {
                assert_eq!(m.value(), Some(0.0), "{}", ind.id);
            }
            _ => assert_eq!(m.value(), None, "{}", ind.id),
        }
    }
}
