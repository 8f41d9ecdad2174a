//! CIC-OVER-20-MILES on hand-made records and centroids. Distances are worked out in
//! the comments from the grid references (a mile is 1,609.344 m); the window ends on
//! 31 March 2025.
#![allow(clippy::unwrap_used)]

use jiff::civil::{Date, date};

use super::OVER_20_MILES;
use super::tests::{episode, period, ten};
use crate::ChildRecord;
use crate::geography::{Area, Centroids, GridRef};
use crate::indicators::test_support::{bands_of, measure_with, records_of, who};
use crate::indicators::{Measure, Window};
use crate::population::ChildPopulation;
use crate::values::Postcode;

const WINDOW: Window = Window {
    from: date(2024, 4, 1),
    to: date(2025, 3, 31),
};

fn centroids() -> Centroids {
    let mut c = Centroids::default();
    for (area, e) in [
        // Home, by its own centroid.
        ("CL1 1AA", 400_000),
        // Another home, known only by its sector: 1,000 m from CL1 1AA, 0.6 miles.
        ("CL1 2", 401_000),
        // 32,187 m from CL1 1AA: 20.0003 miles, which is 20.0 to a tenth.
        ("QA1", 432_187),
        // 32,300 m: 20.07 miles, 20.1 to a tenth.
        ("QB1", 432_300),
        // 80,000 m: 49.71 miles.
        ("QC1 1AA", 480_000),
    ] {
        c.insert(
            &Area::parse(area).unwrap(),
            GridRef::new(e, 300_000).unwrap(),
        );
    }
    c
}

fn measure(records: &[ChildRecord]) -> Measure {
    let population = ChildPopulation::default();
    measure_with(&OVER_20_MILES, records, WINDOW, &population, &centroids())
}

fn pc(s: &str) -> Option<Postcode> {
    Some(Postcode::parse(s, "t", "x", "postcode").unwrap())
}

/// A child of 10 looked after from 2020 (or to `ceased`), with no episode yet.
fn looked_after(n: &str, ceased: Option<Date>) -> ChildRecord {
    let mut r = ten(n);
    period(&mut r, "P1", date(2020, 1, 1), ceased);
    r
}

/// A 903 episode of period P1 from `start`, with these home and placement postcodes.
fn placed(
    r: &mut ChildRecord,
    n: &str,
    start: Date,
    place: &str,
    (home, placement): (Option<Postcode>, Option<Postcode>),
    legal: &str,
) {
    episode(r, n, "P1", start, "S", legal, place);
    if let Some(e) = r.care_episodes.last_mut() {
        e.home_postcode = home;
        e.placement_postcode = placement;
    }
}

fn authority() -> Vec<ChildRecord> {
    let start = date(2020, 1, 1);
    // A: exactly 20.0 miles: not more than 20.
    let mut a = looked_after("A", None);
    placed(
        &mut a,
        "E1",
        start,
        "U4",
        (pc("CL1 1AA"), pc("QA1 5XY")),
        "C2",
    );
    // B: 20.1 miles: more.
    let mut b = looked_after("B", None);
    placed(
        &mut b,
        "E1",
        start,
        "U4",
        (pc("CL1 1AA"), pc("QB1 2AB")),
        "C2",
    );
    // C: placed 49.7 miles away, on holiday near home (T2) on the last day: the usual
    // placement counts.
    let mut c = looked_after("C", None);
    placed(
        &mut c,
        "E1",
        start,
        "K2",
        (pc("CL1 1AA"), pc("QC1 1AA")),
        "C2",
    );
    placed(
        &mut c,
        "E2",
        date(2025, 3, 20),
        "T2",
        (pc("CL1 1AA"), pc("CL1 1AA")),
        "C2",
    );
    // D: no home postcode recorded.
    let mut d = looked_after("D", None);
    placed(&mut d, "E1", start, "U4", (None, pc("QB1 2AB")), "C2");
    // E: a placement postcode with no centroid held, nor its sector or district.
    let mut e = looked_after("E", None);
    placed(
        &mut e,
        "E1",
        start,
        "U4",
        (pc("CL1 1AA"), pc("QZ9 9ZZ")),
        "C2",
    );
    // F: no placement recorded.
    let f = looked_after("F", None);
    // G: short breaks (V3): left out altogether, as EES leaves them out.
    let mut g = looked_after("G", None);
    placed(
        &mut g,
        "E1",
        start,
        "U4",
        (pc("CL1 1AA"), pc("QC1 1AA")),
        "V3",
    );
    // H: placed far away but left care on the last day: not looked after that day.
    let mut h = looked_after("H", Some(date(2025, 3, 31)));
    placed(
        &mut h,
        "E1",
        start,
        "U4",
        (pc("CL1 1AA"), pc("QC1 1AA")),
        "C2",
    );
    // I: home known only by its sector, 0.6 miles from the placement.
    let mut i = looked_after("I", None);
    placed(
        &mut i,
        "E1",
        start,
        "U4",
        (pc("CL1 2ZZ"), pc("CL1 1AA")),
        "C2",
    );
    vec![a, b, c, d, e, f, g, h, i]
}

#[test]
fn more_than_20_miles_is_counted_among_children_whose_distance_is_measured() {
    let m = measure(&authority());
    assert_eq!(who(&m.denominator), ["A", "B", "C", "I"]);
    assert_eq!(who(&m.numerator), ["B", "C"]);
    // The usual placement, not the holiday, is named.
    assert_eq!(records_of(&m.numerator), ["B-E1", "C-E1"]);
    let miles: Vec<f64> = m.denominator.iter().map(|i| i.value.unwrap()).collect();
    assert_eq!(miles, [20.0, 20.1, 49.7, 0.6]);
    // 2 of 4.
    assert_eq!(m.value(), Some(50.0));
}

#[test]
fn the_list_says_how_each_postcode_was_placed() {
    let m = measure(&authority());
    assert_eq!(
        m.denominator[0].detail,
        "U4 20.0 miles from home (home placed by postcode, placement by district)"
    );
    assert_eq!(
        m.denominator[3].detail,
        "U4 0.6 miles from home (home placed by sector, placement by postcode)"
    );
}

#[test]
fn children_whose_distance_is_unknown_are_shown_apart_with_the_reason() {
    let m = measure(&authority());
    assert_eq!(
        bands_of(&m),
        [
            ("20 miles or less", vec!["A", "I"]),
            ("More than 20 miles", vec!["B", "C"]),
            ("Distance unknown", vec!["D", "E", "F"]),
        ]
    );
    let reasons: Vec<&str> = m.bands[2].items.iter().map(|i| i.detail.as_str()).collect();
    assert_eq!(
        reasons,
        [
            "no home postcode recorded",
            "no centroid held for the placement postcode",
            "no placement recorded"
        ]
    );
}

#[test]
fn with_no_centroids_nobody_is_measured_and_there_is_no_value() {
    let population = ChildPopulation::default();
    let m = measure_with(
        &OVER_20_MILES,
        &authority(),
        WINDOW,
        &population,
        &Centroids::default(),
    );
    assert!(m.denominator.is_empty());
    assert_eq!(m.value(), None);
    assert_eq!(who(&m.bands[2].items), ["A", "B", "C", "D", "E", "F", "I"]);
}
