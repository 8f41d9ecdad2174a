//! Keeping figures current after a write without recomputing the whole authority.
//!
//! Every indicator counts each child from that child's own record (and workers from
//! the workforce), so a measure over all children is the union of measures over any
//! split of them. A write to a few children therefore changes only their items:
//! [`Measure::replace_children`] swaps them in a kept measure, and a [`Tally`] (the
//! figures of a trend month, without its lists) subtracts the children's old items and
//! adds their new ones. A test over a generated authority checks the union property for
//! every indicator.

use std::collections::HashSet;

use super::{Item, Measure, ValueKind};
use crate::PersonId;

impl Measure {
    /// The same measure with every list in child order (stable, so each child's items
    /// keep their order), as [`Measure::replace_children`] needs.
    pub fn in_child_order(mut self) -> Self {
        let order = |v: &mut Vec<Item>| v.sort_by(|a, b| a.child_id.cmp(&b.child_id));
        order(&mut self.numerator);
        order(&mut self.denominator);
        for b in &mut self.bands {
            order(&mut b.items);
        }
        self
    }

    /// Replaces the items of the `changed` children with those in `fresh` (the measure
    /// computed over just their new records; children no longer present have none).
    /// Both must be in child order ([`Measure::in_child_order`]); the result is too, so
    /// only the changed children's places are touched, not the whole list. Worker items
    /// are untouched: the workforce is the same on both sides.
    pub fn replace_children(&mut self, changed: &HashSet<PersonId>, fresh: &Measure) {
        let swap = |kept: &mut Vec<Item>, new: &[Item]| {
            for id in changed {
                let id = Some(id);
                let from = kept.partition_point(|i| i.child_id.as_ref() < id);
                let to = kept.partition_point(|i| i.child_id.as_ref() <= id);
                kept.drain(from..to);
            }
            for item in new.iter().filter(|i| i.child_id.is_some()) {
                let at = kept.partition_point(|i| i.child_id <= item.child_id);
                kept.insert(at, item.clone());
            }
        };
        swap(&mut self.numerator, &fresh.numerator);
        swap(&mut self.denominator, &fresh.denominator);
        for (band, new) in self.bands.iter_mut().zip(&fresh.bands) {
            swap(&mut band.items, &new.items);
        }
    }
}

/// The figures of a measure without its lists: what a trend month needs, small enough
/// to keep for every indicator and month.
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    /// How the value is worked out.
    pub kind: ValueKind,
    /// Items counted.
    pub counted: usize,
    /// Items counted among.
    pub among: usize,
    numerator_sum: f64,
    /// Numerator items carrying a value (what a mean divides by).
    numerator_valued: usize,
    denominator_sum: f64,
    /// Numerator values, sorted, for medians only.
    values: Vec<f64>,
    /// Items in each band.
    pub bands: Vec<usize>,
    population: u32,
}

impl Tally {
    /// The tally of a measure.
    pub fn of(m: &Measure) -> Self {
        let mut t = Self {
            kind: m.kind,
            counted: 0,
            among: 0,
            numerator_sum: 0.0,
            numerator_valued: 0,
            denominator_sum: 0.0,
            values: Vec::new(),
            bands: vec![0; m.bands.len()],
            population: m.population,
        };
        t.add(m);
        t
    }

    /// Adds a measure's items (another set of children's).
    pub fn add(&mut self, m: &Measure) {
        self.apply(m, true);
    }

    /// Takes away a measure's items (children whose records have changed).
    pub fn remove(&mut self, m: &Measure) {
        self.apply(m, false);
    }

    #[allow(clippy::cast_precision_loss)]
    fn apply(&mut self, m: &Measure, add: bool) {
        let step = |n: &mut usize, by: usize| {
            *n = if add { *n + by } else { n.saturating_sub(by) };
        };
        let sum = |items: &[Item]| items.iter().filter_map(|i| i.value).sum::<f64>();
        let sign = if add { 1.0 } else { -1.0 };
        step(&mut self.counted, m.numerator.len());
        step(&mut self.among, m.denominator.len());
        self.numerator_sum += sign * sum(&m.numerator);
        let valued = m.numerator.iter().filter(|i| i.value.is_some()).count();
        step(&mut self.numerator_valued, valued);
        self.denominator_sum += sign * sum(&m.denominator);
        if self.kind == ValueKind::Median {
            for v in m.numerator.iter().filter_map(|i| i.value) {
                let at = self.values.partition_point(|x| x.total_cmp(&v).is_lt());
                if add {
                    self.values.insert(at, v);
                } else if self.values.get(at).is_some_and(|x| x.total_cmp(&v).is_eq()) {
                    self.values.remove(at);
                }
            }
        }
        for (n, b) in self.bands.iter_mut().zip(&m.bands) {
            step(n, b.items.len());
        }
    }

    /// The value, worked out as [`Measure::value`] would from the same items.
    #[allow(clippy::cast_precision_loss)]
    pub fn value(&self) -> Option<f64> {
        match self.kind {
            ValueKind::Count => Some(self.counted as f64),
            ValueKind::Percent => {
                (self.among > 0).then(|| 100.0 * self.counted as f64 / self.among as f64)
            }
            ValueKind::PerTenThousand => (self.population > 0)
                .then(|| self.counted as f64 * 10_000.0 / f64::from(self.population)),
            ValueKind::Mean => (self.numerator_valued > 0)
                .then(|| self.numerator_sum / self.numerator_valued as f64),
            ValueKind::Median => {
                let v = &self.values;
                let mid = v.len() / 2;
                match v.len() {
                    0 => None,
                    n if n % 2 == 0 => Some(f64::midpoint(v[mid - 1], v[mid])),
                    _ => Some(v[mid]),
                }
            }
            ValueKind::Ratio => {
                (self.denominator_sum > 1e-9).then(|| self.numerator_sum / self.denominator_sum)
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::indicators::Band;

    fn item(child: &str, value: Option<f64>) -> Item {
        Item {
            child_id: Some(PersonId::parse(child).unwrap()),
            worker_id: None,
            record_id: None,
            date: jiff::civil::date(2025, 1, 1),
            team_id: None,
            value,
            detail: String::new(),
        }
    }

    #[test]
    fn replacing_a_child_swaps_only_their_items() {
        let mut m = Measure::percent(
            vec![item("C2", None), item("C1", None)],
            vec![item("C1", None), item("C3", None), item("C2", None)],
        )
        .in_child_order();
        assert_eq!(m.value(), Some(200.0 / 3.0));
        // C2's record changed: now counted among, not counted; C3 has gone.
        let fresh = Measure::percent(vec![], vec![item("C2", None)]).in_child_order();
        let changed: HashSet<PersonId> = ["C2", "C3"]
            .iter()
            .map(|c| PersonId::parse(c).unwrap())
            .collect();
        m.replace_children(&changed, &fresh);
        assert_eq!(m.numerator.len(), 1);
        assert_eq!(m.denominator.len(), 2);
        assert_eq!(m.value(), Some(50.0));
        let ids: Vec<&str> = m
            .denominator
            .iter()
            .filter_map(|i| i.child_id.as_ref().map(|c| c.as_str()))
            .collect();
        assert_eq!(ids, ["C1", "C2"], "still in child order");
    }

    #[test]
    fn a_tally_follows_its_measure_through_changes() {
        let old =
            Measure::median(vec![item("C1", Some(3.0)), item("C2", Some(9.0))]).with_bands(vec![
                Band {
                    label: "over 5".into(),
                    items: vec![item("C2", Some(9.0))],
                },
            ]);
        let mut t = Tally::of(&old);
        assert_eq!(t.value(), Some(6.0));
        // C2's 9 days became 4; C4 arrives with 20.
        let before = Measure::median(vec![item("C2", Some(9.0))]).with_bands(vec![Band {
            label: "over 5".into(),
            items: vec![item("C2", Some(9.0))],
        }]);
        let after = Measure::median(vec![item("C2", Some(4.0)), item("C4", Some(20.0))])
            .with_bands(vec![Band {
                label: "over 5".into(),
                items: vec![item("C4", Some(20.0))],
            }]);
        t.remove(&before);
        t.add(&after);
        // 3, 4, 20: the median is 4.
        assert_eq!(t.value(), Some(4.0));
        assert_eq!(t.counted, 3);
        assert_eq!(t.bands, vec![1]);
    }

    #[test]
    fn empty_tallies_have_no_value_where_measures_have_none() {
        for m in [
            Measure::percent(vec![], vec![]),
            Measure::mean(vec![]),
            Measure::median(vec![]),
            Measure::ratio(vec![], vec![]),
        ] {
            assert_eq!(Tally::of(&m).value(), m.value(), "{:?}", m.kind);
        }
        assert_eq!(Tally::of(&Measure::count(vec![])).value(), Some(0.0));
    }
}
