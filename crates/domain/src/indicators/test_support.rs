//! What the indicator tests share: computing an indicator over hand-made records, and
//! reading back what it counted.
#![allow(clippy::unwrap_used)]

use super::{Indicator, Input, Item, Measure, Window};
use crate::calendar::WorkingDayCalendar;
use crate::geography::Centroids;
use crate::population::ChildPopulation;
use crate::work::Workforce;
use crate::{ChildRecord, RecordId};

/// The indicator over `records` for `window`, with the England calendar, no workforce,
/// `population` children in every window and no postcode centroids.
pub(super) fn measure_in(
    ind: &Indicator,
    records: &[ChildRecord],
    window: Window,
    population: u32,
) -> Measure {
    let population = ChildPopulation::every_window(population, "test");
    measure_with(ind, records, window, &population, &Centroids::default())
}

/// The indicator over `records` for `window`, with the England calendar, no workforce,
/// and the population estimates and postcode centroids given.
pub(super) fn measure_with(
    ind: &Indicator,
    records: &[ChildRecord],
    window: Window,
    population: &ChildPopulation,
    centroids: &Centroids,
) -> Measure {
    let calendar = WorkingDayCalendar::england_and_wales();
    let workforce = Workforce::default();
    (ind.compute)(&Input {
        records,
        window,
        calendar: &calendar,
        workforce: &workforce,
        population,
        centroids,
    })
}

/// The children the items name, in order.
pub(super) fn who(items: &[Item]) -> Vec<&str> {
    items
        .iter()
        .map(|i| i.child_id.as_ref().unwrap().as_str())
        .collect()
}

/// Each band's label and the children in it, in order.
pub(super) fn bands_of(m: &Measure) -> Vec<(&str, Vec<&str>)> {
    m.bands
        .iter()
        .map(|b| (b.label.as_str(), who(&b.items)))
        .collect()
}

/// The records the items name, in order.
pub(super) fn records_of(items: &[Item]) -> Vec<&str> {
    items
        .iter()
        .map(|i| i.record_id.as_ref().unwrap().as_str())
        .collect()
}

/// A value equal to `want` (to floating-point noise).
pub(super) fn assert_close(got: Option<f64>, want: f64) {
    let got = got.unwrap();
    assert!((got - want).abs() < 1e-9, "got {got}, want {want}");
}

/// A record id unique across a test's children: the child's id, then `n`.
pub(super) fn rid(r: &ChildRecord, n: &str) -> RecordId {
    RecordId::parse(&format!("{}-{n}", r.child.id.as_str())).unwrap()
}
